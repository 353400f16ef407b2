"""Properties (hypothesis) of the status used, the status words, and effective-dated definitions."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from metrics.definitions import timeline
from metrics.report import measure_statuses
from metrics.reported import parse_reported_status, status_used

STATUS = st.sampled_from(["green", "amber", "red", "monitoring", "no_data"])
WORDS = {
    "green": "green",
    "amber": "amber",
    "red": "red",
    "monitoring only": "monitoring",
    "data unavailable": "no_data",
}
POLARITY = st.sampled_from(["higher_is_better", "lower_is_better", "monitoring_only"])


@given(st.lists(st.tuples(STATUS, st.none() | STATUS), min_size=1, max_size=30))
def test_status_used_is_reported_where_given_else_computed(pairs: list) -> None:
    computed = pd.Series([c for c, _ in pairs])
    reported = pd.Series([r for _, r in pairs], dtype=object)
    used, source = status_used(computed, reported)
    for (c, r), u, s in zip(pairs, used, source, strict=True):
        assert u == (r if r is not None else c)
        assert s == ("reported" if r is not None else "computed")


@given(st.sampled_from(sorted(WORDS)), st.data())
def test_status_words_parse_in_any_case(word: str, data: st.DataObject) -> None:
    flips = data.draw(st.lists(st.booleans(), min_size=len(word), max_size=len(word)))
    typed = "".join(ch.upper() if up else ch for ch, up in zip(word, flips, strict=True))
    assert parse_reported_status(f"  {typed} ") == WORDS[word]


def _catalogue(polarity: str, tolerance: float) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "measure_id": "M",
                "name": "m",
                "priority_id": "P",
                "priority_name": "P",
                "director": None,
                "portfolio_holder": None,
                "frequency": "monthly",
                "polarity": polarity,
                "unit": "number",
                "tolerance": tolerance,
                "tolerance_type": "relative",
            }
        ]
    )


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.floats(0, 200, allow_nan=False), min_size=2, max_size=18),
    st.floats(1, 150, allow_nan=False),
    POLARITY,
    POLARITY,
    st.floats(0, 0.5, allow_nan=False),
    st.floats(0, 0.5, allow_nan=False),
    st.integers(0, 17),
)
def test_a_dated_definition_never_re_rates_earlier_periods(
    actuals: list[float],
    target: float,
    old_polarity: str,
    new_polarity: str,
    old_tolerance: float,
    new_tolerance: float,
    start: int,
) -> None:
    periods = pd.date_range("2023-04-01", periods=len(actuals), freq="MS")
    snaps = pd.DataFrame(
        {
            "measure_id": "M",
            "period": periods,
            "actual": actuals,
            "target": target,
            "ytd_actual": np.nan,
            "ytd_target": np.nan,
        }
    )
    effective = pd.Timestamp("2023-04-01") + pd.DateOffset(months=start)
    versions = pd.DataFrame(
        {
            "measure_id": ["M", "M"],
            "version": [1, 2],
            "effective_from": pd.to_datetime([None, effective]),
            "replaces": None,
            "frequency": "monthly",
            "polarity": [old_polarity, new_polarity],
            "tolerance": [old_tolerance, new_tolerance],
            "tolerance_type": "relative",
        }
    )
    before = measure_statuses(snaps, _catalogue(old_polarity, old_tolerance))
    after = measure_statuses(snaps, _catalogue(new_polarity, new_tolerance), timeline(versions))
    only_new = measure_statuses(snaps, _catalogue(new_polarity, new_tolerance))
    early = (periods < effective).tolist()
    for i, is_early in enumerate(early):
        expected = before if is_early else only_new
        assert after["computed_status"].iloc[i] == expected["computed_status"].iloc[i]
