"""Benchmark the plan pages' reads on the demo database and on a large synthetic plan.

Builds the demo database with the real loader, then a copy with N actions × V versions added by
set-based SQL (real schema, one `loads` row per version). Times load_plan, the weekly digest,
the CQC evidence and the `actions --json` document. Prints figures; it is not a test.

    .venv/bin/python bench/bench_plan.py [--actions 5000] [--versions 10]
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from plan.actions import actions_json
from plan.evidence import evidence
from plan.service import load_plan
from plan.this_week import week_digest
from settings.config import Settings
from store.reference import build_demo_database
from store.service import load_dataset

ON = dt.date(2025, 11, 17)


def timed(fn: Callable[[], object], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def add_actions(path: Path, actions: int, versions: int) -> None:
    """N actions, each with V versions in V loads a week apart (statuses cycle)."""
    with duckdb.connect(str(path)) as con:
        first = con.execute("SELECT max(load_id) FROM loads").fetchall()[0][0] + 1
        con.execute(
            """
            INSERT INTO loads (load_id, loaded_at, loaded_by, file_name, sha256, kinds,
                               rows_accepted, rows_rejected)
            SELECT ? + v, TIMESTAMP '2025-08-04 09:00' + INTERVAL (7 * v) DAY, 'bench',
                   'bench_' || v || '.csv', 'bench' || v, 'actions', ?, 0
            FROM range(?) t(v)
            """,
            [first, actions, versions],
        ).fetchall()
        con.execute(
            """
            INSERT INTO actions
            SELECT 'B-' || a, v + 1, ? + v, 'Synthetic action ' || a, 'WS' || (1 + a % 6),
                   'Owner ' || (a % 40), DATE '2025-03-03', DATE '2025-06-30' + INTERVAL (a % 400) DAY,
                   ['not_started','on_track','at_risk','off_track','complete','closed'][1 + (a + v) % 6],
                   'Note ' || v, CASE WHEN a % 9 = 0 THEN 'DLT' END, NULL,
                   'ASC-WL01;ASC-SG03', 'SR04', 'Assessing needs;Safeguarding'
            FROM range(?) x(a), range(?) y(v)
            """,
            [first, actions, versions],
        ).fetchall()
        con.execute(
            "UPDATE actions SET closed_on = DATE '2025-07-01' WHERE status IN ('complete', 'closed')"
            " AND action_id LIKE 'B-%'"
        ).fetchall()


def report(label: str, path: Path) -> None:
    plan = load_plan(path)
    data = load_dataset(path)
    print(f"{label}: {len(plan.actions):,} actions")
    print(f"  load_plan            {timed(lambda: load_plan(path)) * 1000:8.1f} ms")
    print(
        f"  week_digest          "
        f"{timed(lambda: week_digest(path, ON - dt.timedelta(days=7), ON)) * 1000:8.1f} ms"
    )
    print(
        f"  CQC evidence         "
        f"{timed(lambda: evidence(plan, data.statuses, data.risks, data.latest_period, ON)) * 1000:8.1f} ms"
    )
    print(
        f"  actions --json doc   "
        f"{timed(lambda: actions_json(plan.actions, plan.measure_statements, ON)) * 1000:8.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--actions", type=int, default=5000)
    parser.add_argument("--versions", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        demo = Path(tmp) / "demo.duckdb"
        build_demo_database(Settings(db_path=demo, backups_kept=0))
        report("demo", demo)
        big = Path(tmp) / "big.duckdb"
        shutil.copyfile(demo, big)
        add_actions(big, args.actions, args.versions)
        report(f"demo + {args.actions:,} actions × {args.versions} versions", big)


if __name__ == "__main__":
    main()
