"""Issue 21: a load is judged as a whole, whatever order its files are named in (properties)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intake.loader import validate_files
from settings.config import Settings

MEASURES = (
    b"measure_id,name,priority_id,priority_name,frequency,polarity,unit\n"
    b"M1,People waiting,P1,Timely,monthly,lower_is_better,count\n"
    b"M2,Reviews done,P1,Timely,monthly,higher_is_better,count\n"
)
RISKS = (
    b"risk_id,name,period,inherent_likelihood,inherent_impact,residual_likelihood,"
    b"residual_impact,linked_measures\nSR1,Demand,2024-09,4,4,3,3,M1\n"
)
WORKSTREAMS = b"workstream_id,name,lead,success_measures\nWS1,Assessment,Jo,M1;M2\n"
ACTIONS = (
    b"action_id,title,workstream_id,owner,raised,due,status,linked_measures,linked_risks\n"
    b"A1,Book visits,WS1,Jo,2024-03-01,2024-06-30,on_track,M2,SR1\n"
)
RETURNS = b"measure_id,period,actual\nM1,2024-07,10\nM2,2024-07,5\n"
COMPARATORS = b"measure_id,period,comparator,value\nM1,2024-07,South East,12\n"
FILES = {
    "measures.csv": MEASURES,
    "risks.csv": RISKS,
    "workstreams.csv": WORKSTREAMS,
    "actions.csv": ACTIONS,
    "returns.csv": RETURNS,
    "comparators.csv": COMPARATORS,
}
NO_DATABASE = Settings(db_path=Path("/nonexistent/never.duckdb"))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.permutations(list(FILES)))
def test_every_order_of_the_files_of_one_load_is_accepted(order: list[str]) -> None:
    checked = validate_files([(name, FILES[name]) for name in order], NO_DATABASE)
    assert [i.describe() for v in checked for i in v.rejections] == []
    assert sorted(v.file_name for v in checked) == sorted(FILES)
    assert sum(v.rows_accepted for v in checked) == 8


@settings(max_examples=40, deadline=None)
@given(st.permutations(["measures.csv", "july.csv", "again.csv"]))
def test_a_key_given_by_two_files_is_refused_in_one_naming_both(order: list[str]) -> None:
    files = {
        "measures.csv": MEASURES,
        "july.csv": b"measure_id,period,actual\nM1,2024-07,10\n",
        "again.csv": b"measure_id,period,actual\nM2,2024-07,4\nM1,2024-07,11\n",
    }
    checked = validate_files([(name, files[name]) for name in order], NO_DATABASE)
    problems = [i for v in checked for i in v.rejections]
    assert len(problems) == 1
    names = {"july.csv", "again.csv"}
    assert problems[0].file in names
    (other,) = names - {problems[0].file}
    assert f"also given by {other}" in problems[0].reason
    assert problems[0].file in problems[0].reason
