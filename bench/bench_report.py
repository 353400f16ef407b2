"""Benchmark the read side at a scale far beyond the council's, beside a plain-SQL floor.

Builds (with DuckDB SQL only, not the row-by-row loader) 1,000 measures x 120 months, each with
a whole-measure row and 20 team rows (2.52 M snapshots), in the real schema, plus a second load
that restates 1% of them. Then, in one run, prints:

- ours, cold: a fresh process (modules imported, nothing read) runs `load_dataset` and
  `report_dict`, as the first page view after a load does; its peak RSS;
- ours, warm: the full recompute (`measure_statuses` + `report_dict` on frames already read)
  and the per-view cost (`report_dict` for another period; a priority filter);
- team detail for one measure (what the explorer page reads on top);
- the floor: the same statuses (latest version, RAG, previous status) by one plain SQL query
  over the same file, checked equal to ours, and the ratio of ours to it;
- optionally the same figures for another source tree (`--baseline DIR`, e.g. the code before
  a change, unpacked with `git archive`), so before and after share one run and one machine.

Wall times on a shared machine are noisy, so CPU seconds are printed beside them, with the load
average. It prints figures and asserts nothing: it is not a test.

    .venv/bin/python bench/bench_report.py --db /tmp/bench.duckdb     # build once, reuse
    .venv/bin/python bench/bench_report.py --db /tmp/bench.duckdb --baseline /tmp/base
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FIRST_MONTH = "2015-11-01"  # 120 months end in Oct 2025


def build(path: Path, measures: int, months: int, teams: int, seed: float = 0.42) -> float:
    """Create the synthetic database with set-based SQL; return seconds taken."""
    import duckdb

    from store.schema import ensure_schema

    start = time.perf_counter()
    con = duckdb.connect(str(path))
    try:
        ensure_schema(con)
        con.execute("SELECT setseed(?)", [seed]).fetchall()
        con.execute(
            "INSERT INTO loads (load_id, loaded_at, loaded_by, file_name, sha256, kinds, "
            "rows_accepted, rows_rejected, periods) VALUES "
            "(1, TIMESTAMP '2025-11-03 09:00', 'bench', 'bench.csv', 'bench', "
            "'measures,returns', 0, 0, ''), "
            "(2, TIMESTAMP '2025-11-10 09:00', 'bench', 'restated.csv', 'bench2', "
            "'returns', 0, 0, '')"
        ).fetchall()
        con.execute(
            "INSERT INTO priorities SELECT 'P' || i, 1, 1, 'Priority ' || i FROM range(1, 11) t(i)"
        ).fetchall()
        con.execute(
            """
            INSERT INTO measures (measure_id, version, load_id, name, priority_id, director,
                portfolio_holder, frequency, polarity, unit, tolerance, tolerance_type,
                description, source)
            SELECT printf('M%04d', i), 1, 1, 'Measure ' || i, 'P' || (i % 10 + 1),
                   'Director', 'Cabinet Member', 'monthly',
                   ['higher_is_better', 'lower_is_better', 'monitoring_only'][i % 3 + 1],
                   'count', CASE WHEN i % 2 = 0 THEN 0.05 ELSE 5 END,
                   CASE WHEN i % 2 = 0 THEN 'relative' ELSE 'absolute' END, NULL, NULL
            FROM range(?) t(i)
            """,
            [measures],
        ).fetchall()
        # Whole-measure rows: a level per measure, a random walk-ish wobble, 1% blanks.
        con.execute(
            f"""
            INSERT INTO snapshots (measure_id, period, team, version, load_id, actual, target,
                ytd_actual, ytd_target, commentary, improvement_plan, timeframe, finance_impact,
                risk_impact)
            SELECT m.measure_id, (DATE '{FIRST_MONTH}' + to_months(k))::DATE, '', 1, 1,
                   CASE WHEN random() < 0.01 THEN NULL ELSE round(100 + 15 * (random() - 0.5)
                        + 10 * sin(k / 6.0 + hash(m.measure_id) % 7), 1) END,
                   100, NULL, NULL, NULL, NULL, NULL, NULL, NULL
            FROM measures m, range(?) r(k)
            """,  # noqa: S608 - a constant date
            [months],
        ).fetchall()
        # Team rows: 20 teams per measure-month.
        con.execute(
            """
            INSERT INTO snapshots (measure_id, period, team, version, load_id, actual, target,
                ytd_actual, ytd_target, commentary, improvement_plan, timeframe, finance_impact,
                risk_impact)
            SELECT measure_id, period, printf('Team %02d', j), 1, 1,
                   round(coalesce(actual, 100) / ? * (0.8 + 0.4 * random()), 1),
                   NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
            FROM snapshots, range(1, ? + 1) t(j) WHERE team = ''
            """,
            [teams, teams],
        ).fetchall()
        # A second load restates 1% of every kind of row (a new version, a different figure).
        con.execute(
            """
            INSERT INTO snapshots (measure_id, period, team, version, load_id, actual, target,
                ytd_actual, ytd_target, commentary, improvement_plan, timeframe, finance_impact,
                risk_impact)
            SELECT measure_id, period, team, 2, 2, round(coalesce(actual, 100) * 1.07, 1),
                   target, NULL, NULL, 'Restated after audit', NULL, NULL, NULL, NULL
            FROM snapshots WHERE hash(measure_id || period || team) % 100 = 0
            """
        ).fetchall()
        con.execute("CHECKPOINT").fetchall()
    finally:
        con.close()
    return time.perf_counter() - start


def timed(fn: Callable[[], Any], repeats: int = 5) -> tuple[float, float, Any]:
    """Median wall and CPU seconds of `repeats` calls, and the last result."""
    walls, cpus = [], []
    result = None
    for _ in range(repeats):
        wall, cpu = time.perf_counter(), time.process_time()
        result = fn()
        cpus.append(time.process_time() - cpu)
        walls.append(time.perf_counter() - wall)
    return statistics.median(walls), statistics.median(cpus), result


def peak_rss_mb() -> float:
    """Peak resident set size of this process (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(db: Path, period: str) -> dict[str, Any]:
    """Run in a fresh process: cold first view, then warm recompute and per-view costs."""
    import pandas as pd

    from metrics.report import for_period, measure_statuses, report_dict, status_counts
    from store.database import read_connection
    from store.service import load_dataset

    out: dict[str, Any] = {"rss_after_import_mb": peak_rss_mb()}
    when = pd.Timestamp(f"{period}-01")
    wall, cpu = time.perf_counter(), time.process_time()
    data = load_dataset(db)
    report = report_dict(data.statuses, when)
    out["cold_s"] = time.perf_counter() - wall
    out["cold_cpu_s"] = time.process_time() - cpu
    out["rss_cold_mb"] = peak_rss_mb()
    out["measures"] = len(report["measures"])
    out["exceptions"] = len(report["exceptions"])
    team_reader = getattr(data, "team_rows", None)
    if team_reader is not None:  # read team detail for one measure, as the explorer does
        wall = time.perf_counter()
        rows = team_reader(["M0007"])
        out["team_one_s"] = time.perf_counter() - wall
        out["team_one_rows"] = len(rows)
    out["rss_after_team_mb"] = peak_rss_mb()

    with read_connection(db) as con:
        from store import queries

        catalogue = queries.measures(con)
        snapshots = queries.snapshots(con)
    out["warm_full_s"], out["warm_full_cpu_s"], statuses = timed(
        lambda: report_dict(measure_statuses(snapshots, catalogue), when)
    )
    out["warm_statuses_s"], out["warm_statuses_cpu_s"], statuses = timed(
        lambda: measure_statuses(snapshots, catalogue)
    )
    earlier = when - pd.DateOffset(months=1)
    out["view_period_s"], out["view_period_cpu_s"], _ = timed(
        lambda: report_dict(statuses, earlier)
    )
    out["view_filter_s"], out["view_filter_cpu_s"], _ = timed(
        lambda: status_counts(for_period(statuses[statuses["priority_id"] == "P3"], when))
    )
    reporting = for_period(statuses, when)
    out["status_counts"] = reporting["status"].value_counts().sort_index().to_dict()
    out["statuses_frame"] = str(Path(tempfile.gettempdir()) / f"mm-bench-{os.getpid()}.parquet")
    statuses[["measure_id", "period", "status", "previous_status"]].to_parquet(
        out["statuses_frame"]
    )
    out["rss_peak_mb"] = peak_rss_mb()
    return out


# The floor: the same statuses by one plain SQL query (latest version, the RAG rule, previous
# status), with nothing else. It lives here only to measure against; metrics/rag.py is the rule.
FLOOR_SQL = """
WITH latest AS (
    SELECT * FROM snapshots WHERE team = ''
    QUALIFY row_number() OVER (PARTITION BY measure_id, period ORDER BY version DESC) = 1
), m AS (
    SELECT * FROM measures
    QUALIFY row_number() OVER (PARTITION BY measure_id ORDER BY version DESC) = 1
), banded AS (
    SELECT s.measure_id, s.period, s.actual AS a, s.target AS t, m.polarity,
           CASE WHEN m.tolerance_type = 'absolute' THEN m.tolerance
                ELSE m.tolerance * abs(coalesce(s.target, 0)) END AS band
    FROM latest s JOIN m USING (measure_id)
), rag AS (
    SELECT measure_id, period,
        CASE
            WHEN a IS NULL THEN 'no_data'
            WHEN polarity NOT IN ('higher_is_better', 'lower_is_better') OR t IS NULL
                THEN 'monitoring'
            WHEN polarity = 'higher_is_better' AND a >= t THEN 'green'
            WHEN polarity = 'lower_is_better' AND a <= t THEN 'green'
            WHEN polarity = 'higher_is_better'
                 AND a >= t - band - 1e-9 * greatest(abs(t), band) THEN 'amber'
            WHEN polarity = 'lower_is_better'
                 AND a <= t + band + 1e-9 * greatest(abs(t), band) THEN 'amber'
            ELSE 'red'
        END AS status
    FROM banded
)
SELECT measure_id, period, status,
       lag(status) OVER (PARTITION BY measure_id ORDER BY period) AS previous_status
FROM rag ORDER BY measure_id, period
"""


def floor(db: Path) -> tuple[float, float, Any]:
    """Median wall/CPU seconds of the floor query (new connection each time) and its frame."""
    import duckdb

    def run() -> Any:
        con = duckdb.connect(str(db), read_only=True)
        try:
            return con.execute(FLOOR_SQL).df()
        finally:
            con.close()

    return timed(run, repeats=3)


def run_child(src: Path, db: Path, period: str) -> dict[str, Any]:
    """The cold/warm figures from a fresh interpreter importing `src`'s metrics package."""
    code = (
        "import json, sys; sys.path.insert(0, sys.argv[1]); sys.path.insert(0, sys.argv[2]);"
        "import bench_report as b; from pathlib import Path;"
        "print('RESULT' + json.dumps(b.child(Path(sys.argv[3]), sys.argv[4])))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(src), str(ROOT / "bench"), str(db), period],
        capture_output=True,
        text=True,
        check=True,
        cwd=src,
    )
    # DuckDB's progress bar may share the line (carriage returns, no newline).
    return json.loads(done.stdout.rsplit("RESULT", 1)[1].splitlines()[0])


def ms(seconds: float | None) -> str:
    return "–" if seconds is None else f"{seconds * 1000:,.0f} ms"


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (5 min {five:.2f})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="build here if missing, reuse if present")
    parser.add_argument("--measures", type=int, default=1000)
    parser.add_argument("--months", type=int, default=120)
    parser.add_argument("--teams", type=int, default=20)
    parser.add_argument("--period", default="2025-10", help="report period YYYY-MM")
    parser.add_argument("--baseline", help="another source tree to time the same way (before)")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(ROOT))
    import pandas as pd

    tmp = None
    if args.db:
        path = Path(args.db)
    else:
        tmp = tempfile.TemporaryDirectory(prefix="mm-bench-")
        path = Path(tmp.name) / "bench.duckdb"
    if path.exists():
        print(f"reusing {path}")
    else:
        seconds = build(path, args.measures, args.months, args.teams)
        print(f"built {path} in {seconds:,.1f} s")

    import duckdb

    con = duckdb.connect(str(path), read_only=True)
    total, whole, restated = con.execute(
        "SELECT count(*), count(*) FILTER (WHERE team = ''), count(*) FILTER (WHERE version > 1) "
        "FROM snapshots"
    ).fetchall()[0]
    con.close()
    print(
        f"rows: {total:,} snapshots ({whole:,} whole-measure, {total - whole:,} team; "
        f"{restated:,} restated)"
    )
    print(f"start: {load()}")

    trees = [("ours", ROOT)] + ([("baseline", Path(args.baseline))] if args.baseline else [])
    results = {}
    for name, src in trees:
        results[name] = run_child(src, path, args.period)
        print(f"  {name} measured; {load()}")
    floor_wall, floor_cpu, floor_frame = floor(path)

    rows = [
        ("cold first view (load_dataset + report_dict)", "cold_s", "cold_cpu_s", "≤ 1,000 ms"),
        ("  + team detail for one measure", "team_one_s", None, ""),
        ("warm full recompute (statuses + report)", "warm_full_s", "warm_full_cpu_s", "≤ 100 ms"),
        ("  measure_statuses alone", "warm_statuses_s", "warm_statuses_cpu_s", ""),
        ("per view: report_dict, another period", "view_period_s", "view_period_cpu_s", "≤ 20 ms"),
        ("per view: one priority's counts", "view_filter_s", "view_filter_cpu_s", "≤ 20 ms"),
    ]
    names = [n for n, _ in trees]
    print("\n| step | " + " | ".join(f"{n} wall (CPU)" for n in names) + " | target |")
    print("|---|" + "---|" * len(names) + "---|")
    for label, wall_key, cpu_key, target in rows:
        cells = []
        for n in names:
            r = results[n]
            wall = r.get(wall_key)
            cpu = f" ({ms(r[cpu_key])})" if cpu_key and cpu_key in r else ""
            cells.append(ms(wall) + cpu)
        print(f"| {label} | " + " | ".join(cells) + f" | {target} |")
    for label, key in (
        ("peak RSS after the cold view", "rss_cold_mb"),
        ("peak RSS of the whole child run", "rss_peak_mb"),
    ):
        cells = [f"{results[n][key]:,.0f} MB" for n in names]
        print(f"| {label} | " + " | ".join(cells) + " | ≤ 500 MB |")
    print(f"| floor: plain SQL statuses, new connection | {ms(floor_wall)} ({ms(floor_cpu)}) |")
    for n in names:
        r = results[n]
        print(
            f"ratio {n}/floor: cold {r['cold_s'] / floor_wall:,.1f}x, "
            f"warm full recompute {r['warm_full_s'] / floor_wall:,.2f}x (wall)"
        )

    ours = pd.read_parquet(results["ours"]["statuses_frame"])
    merged = ours.merge(floor_frame, on=["measure_id", "period"], suffixes=("", "_floor"))
    same = (merged["status"] == merged["status_floor"]).all() and len(merged) == len(floor_frame)
    prev = merged["previous_status"].fillna("") == merged["previous_status_floor"].fillna("")
    print(
        f"floor agrees with ours on {len(merged):,} statuses: {'yes' if same else 'NO'}; "
        f"previous status: {'yes' if prev.all() else 'NO'}"
    )
    r = results["ours"]
    print(f"{r['measures']:,} measures in {args.period}, {r['exceptions']:,} exceptions")
    for n in names:
        Path(results[n]["statuses_frame"]).unlink(missing_ok=True)
    print(f"end: {load()}")
    if tmp is not None:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
