"""The committed demo CSVs agree with the published figures and with themselves.

These read `data/demo/*.csv` exactly as committed (not the generator), so a change of seed or
of the generator that breaks a published point or an internal identity fails here.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from metrics.periods import financial_year
from metrics.rag import rag_status
from settings.config import DEMO_DIR, PROJECT_ROOT

REFERENCE = PROJECT_ROOT / "data" / "reference"


def _csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def first() -> pd.DataFrame:
    """Rows as first returned (returns.csv)."""
    return _csv(DEMO_DIR / "returns.csv")


@pytest.fixture(scope="module")
def latest(first: pd.DataFrame) -> pd.DataFrame:
    """Each measure × period × team as it stands after every demo load (restatements win)."""
    frames = [first]
    restated = DEMO_DIR / "returns_restated.csv"
    if restated.exists():
        frames.append(_csv(restated))
    rows = pd.concat(frames, ignore_index=True)
    rows = rows.drop_duplicates(["measure_id", "period", "team"], keep="last")
    rows["value"] = pd.to_numeric(rows["actual"].replace("", np.nan))
    return rows


@pytest.fixture(scope="module")
def catalogue() -> pd.DataFrame:
    return _csv(DEMO_DIR / "measures.csv").set_index("measure_id")


@pytest.fixture(scope="module")
def families() -> pd.DataFrame:
    path = DEMO_DIR / "waiting_lists.csv"
    assert path.exists(), "the demo declares no waiting-list families (data/demo/waiting_lists.csv)"
    frame = _csv(path)
    for column in ("band_from_days", "band_to_days"):
        frame[column] = pd.to_numeric(frame[column].replace("", np.nan))
    return frame


def _value(latest: pd.DataFrame, measure_id: str, period: str, team: str = "") -> float:
    rows = latest[
        (latest["measure_id"] == measure_id)
        & (latest["period"] == period)
        & (latest["team"] == team)
    ]
    assert len(rows) == 1, f"no single row for {measure_id} {period} {team!r}"
    return float(rows.iloc[0]["value"])


def _wide(latest: pd.DataFrame, ids: list[str]) -> pd.DataFrame:
    rows = latest[latest["measure_id"].isin(ids)]
    return rows.pivot_table(
        index=["period", "team"], columns="measure_id", values="value", aggfunc="first"
    )


# --- published points ---------------------------------------------------------------------


def test_demo_passes_through_every_point_it_names(latest: pd.DataFrame) -> None:
    anchors = pd.read_csv(REFERENCE / "anchors.csv", dtype={"period": str})
    named = anchors[anchors["kind"].isin(["anchor", "derived"])]
    assert len(named) >= 30
    misses = []
    for a in named.itertuples(index=False):
        got = _value(latest, a.measure_id, a.period)
        if not math.isclose(got, float(a.value), abs_tol=1e-9):
            misses.append((a.measure_id, a.period, float(a.value), got))
    assert misses == []


def test_every_conflict_between_documents_is_recorded_with_the_choice() -> None:
    anchors = pd.read_csv(REFERENCE / "anchors.csv", dtype={"period": str})
    not_used = anchors[anchors["kind"] == "not_used"]
    # 286 vs 547 (Jan 2025), 82 vs 123 (Jul 2024 longest), 337.8 vs 346.2 (2023/24 admissions)
    assert {("ASC-WL01", "2025-01"), ("ASC-WL02", "2024-07"), ("ASC-PI03", "2024-03")} <= set(
        zip(not_used["measure_id"], not_used["period"], strict=True)
    )
    assert (not_used["note"].str.len() > 20).all()


def test_providers_good_or_outstanding_is_oxfordshires_91_not_englands_83(
    latest: pd.DataFrame,
) -> None:
    assert _value(latest, "ASC-QM01", "2024-06") == 91.0


def test_finance_forecast_is_breakeven_in_sep_2024_and_not_red(
    latest: pd.DataFrame, catalogue: pd.DataFrame
) -> None:
    row = latest[(latest["measure_id"] == "ASC-FN01") & (latest["period"] == "2024-09")]
    row = row[row["team"] == ""].iloc[0]
    assert float(row["actual"]) == 0.0
    info = catalogue.loc["ASC-FN01"]
    status = rag_status(
        [0.0], [float(row["target"])], info["polarity"], float(info["tolerance"]),
        info["tolerance_type"],
    )  # fmt: skip
    assert list(status) == ["green"]


def test_published_sep_2024_statuses_come_out_as_published(
    latest: pd.DataFrame, catalogue: pd.DataFrame
) -> None:
    published = _csv(REFERENCE / "published_statuses.csv")
    assert len(published) >= 5
    wrong = []
    for p in published.itertuples(index=False):
        row = latest[
            (latest["measure_id"] == p.measure_id)
            & (latest["period"] == p.period)
            & (latest["team"] == "")
        ].iloc[0]
        assert float(row["actual"]) == float(p.actual), p
        assert float(row["target"]) == float(p.target), p
        info = catalogue.loc[p.measure_id]
        got = rag_status(
            [float(row["actual"])], [float(row["target"])], info["polarity"],
            float(info["tolerance"]), info["tolerance_type"],
        )[0]  # fmt: skip
        if got != p.status:
            wrong.append((p.measure_id, p.period, p.status, got))
    assert wrong == []


def test_longest_wait_falls_40_percent_from_apr_2021_to_jul_2023(latest: pd.DataFrame) -> None:
    start, end = _value(latest, "ASC-WL02", "2021-04"), _value(latest, "ASC-WL02", "2023-07")
    assert end == 131
    assert round(100 * (start - end) / start) == 40


def test_waiting_list_falls_66_9_percent_from_apr_2021_to_jul_2024(latest: pd.DataFrame) -> None:
    start, end = _value(latest, "ASC-WL01", "2021-04"), _value(latest, "ASC-WL01", "2024-07")
    assert end == 592
    assert start < 1800  # "just under 1800 in April 2021"
    assert round(100 * (start - end) / start, 1) == 66.9


# --- waiting lists: bands, waits and teams -------------------------------------------------


def _roles(families: pd.DataFrame, list_id: str) -> dict[str, list[str]]:
    mine = families[families["waiting_list"] == list_id]
    return {role: list(g["measure_id"]) for role, g in mine.groupby("waiting_role")}


def _band_table(families: pd.DataFrame, list_id: str) -> pd.DataFrame:
    mine = families[(families["waiting_list"] == list_id) & (families["waiting_role"] == "band")]
    return mine.sort_values("band_from_days").set_index("measure_id")


def _lists_with(families: pd.DataFrame, *roles: str) -> list[str]:
    out = []
    for list_id in families["waiting_list"].unique():
        have = set(_roles(families, list_id))
        if set(roles) <= have:
            out.append(list_id)
    return out


def test_every_published_waiting_list_is_declared(families: pd.DataFrame) -> None:
    assert {"care_act", "reviews", "ot", "carers", "dols", "mh_reviews", "financial"} <= set(
        families["waiting_list"]
    )


def test_bands_add_up_to_the_number_waiting(latest: pd.DataFrame, families: pd.DataFrame) -> None:
    lists = _lists_with(families, "waiting", "band")
    assert "care_act" in lists
    for list_id in lists:
        roles = _roles(families, list_id)
        wide = _wide(latest, roles["waiting"] + roles["band"]).dropna()
        assert len(wide), list_id
        total = wide[roles["band"]].sum(axis=1)
        bad = wide[total != wide[roles["waiting"][0]]]
        assert bad.empty, f"{list_id}: bands do not add up in {list(bad.index[:3])}"


def test_no_one_is_in_a_band_longer_than_the_longest_wait(
    latest: pd.DataFrame, families: pd.DataFrame
) -> None:
    lists = _lists_with(families, "longest", "band")
    assert "care_act" in lists
    for list_id in lists:
        roles = _roles(families, list_id)
        bands = _band_table(families, list_id)
        wide = _wide(latest, roles["longest"] + list(bands.index)).dropna()
        longest = wide[roles["longest"][0]]
        problems = []
        for measure_id, band in bands.iterrows():
            beyond = (wide[measure_id] > 0) & (band["band_from_days"] > longest)
            problems += [(list_id, measure_id, *k) for k in wide.index[beyond][:3]]
            # someone is waiting as long as the longest wait: that person's band is not empty
            holds = (band["band_from_days"] <= longest) & (
                pd.isna(band["band_to_days"]) | (longest <= band["band_to_days"])
            )
            empty = holds & (wide[measure_id] == 0)
            problems += [(list_id, measure_id, "empty band holds the longest", *k)
                         for k in wide.index[empty][:3]]  # fmt: skip
        assert problems == []


def _band_bounds(bands: pd.DataFrame, longest: float) -> tuple[np.ndarray, np.ndarray]:
    lo = bands["band_from_days"].to_numpy(float)
    hi = bands["band_to_days"].fillna(np.inf).to_numpy(float)
    return lo, np.minimum(hi, longest)


@pytest.mark.parametrize("role", ["mean", "median"])
def test_mean_and_median_lie_within_the_bands(
    latest: pd.DataFrame, families: pd.DataFrame, role: str
) -> None:
    lists = _lists_with(families, role, "band", "longest")
    assert "care_act" in lists
    problems = []
    for list_id in lists:
        roles = _roles(families, list_id)
        bands = _band_table(families, list_id)
        ids = roles[role] + roles["longest"] + list(bands.index)
        wide = _wide(latest, ids).dropna()
        for key, row in wide.iterrows():
            counts = row[list(bands.index)].to_numpy(float)
            n = counts.sum()
            if n == 0:
                continue
            lo, hi = _band_bounds(bands, row[roles["longest"][0]])
            value = row[roles[role][0]]
            if role == "mean":
                low, high = (counts * lo).sum() / n, (counts * hi).sum() / n
            else:  # the band holding the middle person
                middle = (n + 1) / 2
                b = int(np.searchsorted(np.cumsum(counts), middle))
                low, high = lo[b], hi[b]
            if not low - 1e-9 <= value <= high + 1e-9:
                problems.append((list_id, *key, value, round(low, 1), round(high, 1)))
    assert problems == []


def test_team_figures_sum_to_the_whole(latest: pd.DataFrame, families: pd.DataFrame) -> None:
    checked = 0
    for list_id in families["waiting_list"].unique():
        roles = _roles(families, list_id)
        counts = [
            m
            for role in ("waiting", "band", "referrals", "completions")
            for m in roles.get(role, [])
        ]
        rows = latest[latest["measure_id"].isin(counts)]
        teams = rows[rows["team"] != ""]
        if teams.empty:
            continue
        summed = teams.groupby(["measure_id", "period"])["value"].sum()
        whole = rows[rows["team"] == ""].set_index(["measure_id", "period"])["value"]
        joined = pd.concat({"teams": summed, "whole": whole}, axis=1).dropna()
        assert len(joined), list_id
        bad = joined[joined["teams"] != joined["whole"]]
        assert bad.empty, f"{list_id}: {bad.head(3).to_dict('index')}"
        checked += 1
        for measure_id in roles.get("longest", []):
            longest = latest[latest["measure_id"] == measure_id]
            top = longest[longest["team"] != ""].groupby("period")["value"].max()
            whole_longest = longest[longest["team"] == ""].set_index("period")["value"]
            both = pd.concat({"top": top, "whole": whole_longest}, axis=1).dropna()
            assert (both["top"] == both["whole"]).all(), list_id
    assert checked >= 1


# --- YTD and the Jan 2025 restatement ------------------------------------------------------


def test_ytd_follows_each_measures_ytd_rule(first: pd.DataFrame) -> None:
    from demo.source import ytd_rules

    rows = first[(first["team"] == "") & (first["ytd_actual"] != "")].copy()
    rows["actual_n"] = pd.to_numeric(rows["actual"])
    rows["ytd_n"] = pd.to_numeric(rows["ytd_actual"])
    rows["fy"] = [financial_year(pd.Timestamp(p + "-01").date()) for p in rows["period"]]
    problems = []
    for (measure_id, _fy), group in rows.sort_values("period").groupby(["measure_id", "fy"]):
        rule = ytd_rules()[measure_id]
        if rule == "sum":
            expected = group["actual_n"].cumsum()
        elif rule == "mean":
            expected = group["actual_n"].expanding().mean()
        else:
            expected = group["actual_n"]
        off = (expected - group["ytd_n"]).abs() > 0.051
        problems += list(zip(group["measure_id"][off], group["period"][off], strict=True))[:2]
    assert problems == []


def test_jan_2025_first_return_of_286_carries_its_own_ytd(first: pd.DataFrame) -> None:
    row = first[
        (first["measure_id"] == "ASC-WL01") & (first["period"] == "2025-01") & (first["team"] == "")
    ].iloc[0]
    assert (row["actual"], row["ytd_actual"]) == ("286", "286")


def test_the_restatement_gives_no_reason_that_no_document_gives() -> None:
    texts = " ".join(
        pd.concat([_csv(DEMO_DIR / "returns.csv"), _csv(DEMO_DIR / "returns_restated.csv")])[
            "commentary"
        ]
    ).lower()
    assert "locality teams only" not in texts
    assert "counting every assessment team" not in texts
    restated = _csv(DEMO_DIR / "returns_restated.csv")
    jan = restated[(restated["measure_id"] == "ASC-WL01") & (restated["team"] == "")].iloc[0]
    assert jan["actual"] == "547" and jan["ytd_actual"] == "547"
    assert "not given" in jan["commentary"].lower()


def test_the_first_return_of_286_adds_up_on_its_own(first: pd.DataFrame) -> None:
    jan = first[first["period"] == "2025-01"].copy()
    jan["value"] = pd.to_numeric(jan["actual"])
    whole = jan[jan["team"] == ""].set_index("measure_id")["value"]
    teams = jan[jan["team"] != ""].groupby("measure_id")["value"].sum()
    assert whole["ASC-WL01"] == 286
    assert sum(whole[f"ASC-WL0{b}"] for b in (5, 6, 7, 8)) == 286
    assert teams["ASC-WL01"] == 286
    assert whole[["ASC-WL07", "ASC-WL08"]].sum() == 0  # longest wait 38 days


def test_sep_2024_ytd_as_printed_in_annex_a(first: pd.DataFrame) -> None:
    sep = first[(first["period"] == "2024-09") & (first["team"] == "")].set_index("measure_id")
    assert float(sep.loc["ASC-PI01", "ytd_actual"]) == 76.0  # OCC04.01 YTD 76.00 / 77.50
    assert float(sep.loc["ASC-PI01", "ytd_target"]) == 77.5
    assert float(sep.loc["ASC-PI03", "ytd_actual"]) == 313.6  # OCC04.05 YTD 313.6 / 283.8
    assert float(sep.loc["ASC-PI03", "ytd_target"]) == 283.8
