"""Issue 21: the shipped demo loads in one command in any order; a key given twice by one load is refused."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import duckdb
import pytest

from cli.commands import main
from store.schema import ensure_schema

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "data" / "demo"
UPDATES = ("returns_restated.csv", "actions_update.csv", "risks_update.csv")
FIRST_FILES = sorted(p.name for p in DEMO.glob("*.csv") if p.name not in UPDATES)


def _empty(tmp_path: Path) -> Path:
    path = tmp_path / "empty.duckdb"
    with duckdb.connect(str(path)) as con:
        ensure_schema(con)
    return path


def _counts(path: Path) -> dict[str, int]:
    with duckdb.connect(str(path), read_only=True) as con:
        tables = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()]
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in tables}


def _load(db: Path, names: list[str], *extra: str) -> int:
    paths = [str(DEMO / n) for n in names]
    return main(["load", *paths, "--db", str(db), "--user", "t", *extra])


def test_the_first_files_are_nine() -> None:
    assert len(FIRST_FILES) == 9
    assert "measures.csv" in FIRST_FILES and "actions.csv" in FIRST_FILES


@pytest.mark.parametrize(
    "order",
    [
        FIRST_FILES,
        ["actions.csv", "returns.csv", "workstreams.csv"]
        + [
            n
            for n in FIRST_FILES[::-1]
            if n not in ("actions.csv", "returns.csv", "workstreams.csv")
        ],
    ],
    ids=["alphabetical", "links before what they point at"],
)
def test_the_shipped_demo_loads_in_one_command_in_any_order(
    tmp_path: Path, capsys: pytest.CaptureFixture, order: list[str]
) -> None:
    db = _empty(tmp_path)
    assert order.index("actions.csv") < order.index("risks.csv") or order == FIRST_FILES
    code = _load(db, order)
    out = capsys.readouterr()
    assert code == 0, out.err[-2000:]
    counts = _counts(db)
    assert counts["loads"] == 9
    assert counts["actions"] > 0 and counts["snapshots"] > 0 and counts["measures"] == 76
    assert counts["load_rejections"] == 0


def test_the_same_key_in_two_files_of_one_load_is_refused_naming_both(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    db = _empty(tmp_path)
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    code = _load(db, ["measures.csv", "returns.csv", "returns_restated.csv"])
    err = capsys.readouterr().err
    assert code == 1
    lines = [line for line in err.splitlines() if "also given by" in line]
    assert lines, err[-2000:]
    assert lines[0].startswith("error: returns_restated.csv")
    assert "returns.csv row" in lines[0]
    assert "Nothing was loaded" in err
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_a_dry_run_says_per_file_what_the_load_would_do_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    db = _empty(tmp_path)
    assert _load(db, ["measures.csv", "returns.csv"]) == 0
    capsys.readouterr()
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    code = _load(db, ["returns_restated.csv", "risks.csv"], "--dry-run", "--json")
    document = json.loads(capsys.readouterr().out)
    assert code == 0
    assert document["dry_run"] is True and document["would_load"] is True
    by_file = {f["file"]: f for f in document["files"]}
    restated, risks = by_file["returns_restated.csv"], by_file["risks.csv"]
    assert risks["counts"]["new"] == len(risks["rows"]) > 0
    assert restated["counts"]["restated"] > 0
    assert restated["counts"]["refused"] == 0
    classes = {r["class"] for r in restated["rows"]}
    assert classes <= {"new", "restated", "unchanged"}
    assert sum(restated["counts"][c] for c in ("new", "restated", "unchanged")) == len(
        restated["rows"]
    )
    one = next(r for r in restated["rows"] if r["class"] == "restated")
    assert "was" in one["change"] and "now" in one["change"]
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    # ...and the load then writes exactly the rows the dry run called new or restated.
    assert _load(db, ["returns_restated.csv"]) == 0
    out = capsys.readouterr().out
    expected = restated["counts"]["new"] + restated["counts"]["restated"]
    assert f"loaded {expected:,} new or changed row(s)" in out


def test_a_dry_run_of_a_refused_file_says_so_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    db = _empty(tmp_path)
    code = _load(db, ["returns.csv"], "--dry-run")
    out = capsys.readouterr().out
    assert code == 1
    assert "returns.csv: 0 new" in out
    assert "The load would be refused." in out
