"""metrics.showing: the period a view shows when its figures do not arrive every month."""

from __future__ import annotations

import pandas as pd

from metrics.showing import finance_period, period_shown, risk_caption, risk_period, shown_caption

JUN, AUG, SEP, OCT = (pd.Timestamp(f"2024-{m:02d}-01") for m in (6, 8, 9, 10))


def test_the_chosen_month_when_it_has_figures() -> None:
    assert period_shown([JUN, AUG, SEP, OCT], SEP) == SEP


def test_the_latest_earlier_month_when_the_chosen_one_has_none() -> None:
    assert period_shown([OCT, JUN, AUG], SEP) == AUG  # order of the input does not matter


def test_never_a_later_month_and_none_when_nothing_is_earlier() -> None:
    assert period_shown([OCT], SEP) is None
    assert period_shown([], SEP) is None


def test_a_blank_month_is_ignored() -> None:
    assert period_shown([pd.NaT, JUN], SEP) == JUN


def test_the_caption_appears_only_when_the_view_falls_back() -> None:
    assert risk_caption(AUG, SEP) == "Risk register as assessed in Aug 2024"
    assert risk_caption(SEP, SEP) is None
    assert risk_caption(None, SEP) is None
    assert shown_caption("Forecast reported", JUN, SEP) == "Forecast reported in Jun 2024"


def test_risks_and_finance_use_the_same_rule_on_their_frames() -> None:
    risks = pd.DataFrame({"risk_id": ["R1", "R2", "R1"], "period": [JUN, JUN, AUG]})
    finance = pd.DataFrame({"service_area": ["Total", "Total"], "period": [JUN, OCT]})
    assert risk_period(risks, SEP) == AUG
    assert risk_period(risks, pd.Timestamp("2024-07-01")) == JUN
    assert finance_period(finance, SEP) == JUN
    assert risk_period(risks.iloc[0:0], SEP) is None
    assert finance_period(finance, pd.Timestamp("2024-05-01")) is None


def test_latest_rows_is_each_measure_s_latest_up_to_the_month() -> None:
    from metrics.showing import latest_rows

    statuses = pd.DataFrame(
        {
            "measure_id": ["Q1", "Q1", "M1", "M1", "M1"],
            "period": [JUN, SEP, AUG, SEP, OCT],
            "actual": [10.0, 12.0, 5.0, 6.0, 7.0],
        }
    )
    aug = latest_rows(statuses, AUG)
    # The quarterly Q1 shows June in August; M1 its August figure; nothing from later months.
    assert aug["actual"].to_dict() == {"M1": 5.0, "Q1": 10.0}
    assert latest_rows(statuses, None)["actual"].to_dict() == {"M1": 7.0, "Q1": 12.0}
    assert latest_rows(statuses, pd.Timestamp("2024-01-01")).empty


def test_latest_rows_gives_one_row_per_measure_and_an_empty_frame_keyed_by_measure() -> None:
    from metrics.showing import latest_rows

    statuses = pd.DataFrame(
        {
            "measure_id": ["M1", "M1", "M1", "Q1"],
            "period": [AUG, SEP, OCT, JUN],
            "actual": [5.0, 6.0, 7.0, 10.0],
        }
    )
    latest = latest_rows(statuses, None)
    assert list(latest.index) == ["M1", "Q1"]
    assert list(latest["period"]) == [OCT, JUN]
    empty = latest_rows(statuses, pd.Timestamp("2024-01-01"))
    assert empty.index.name == "measure_id" and list(empty.columns) == ["period", "actual"]


def test_no_frame_at_all_shows_no_period() -> None:
    assert risk_period(None, SEP) is None  # type: ignore[arg-type]
    assert finance_period(None, SEP) is None  # type: ignore[arg-type]
