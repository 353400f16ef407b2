"""Benchmark the period report and SPC on a synthetic council-sized-and-then-some database.

Builds (with DuckDB SQL only, not the row-by-row loader) 1,000 measures x 120 months, each with a
whole-measure row and 20 team rows, in the real schema with one `loads` row; then times the
cold report (new connection, load_dataset + report_dict), the warm report (frames already read)
and XmR SPC for every series in one call. Prints figures; it is not a test.

    .venv/bin/python bench/bench_report.py                 # temp database, removed afterwards
    .venv/bin/python bench/bench_report.py --db /tmp/b.duckdb   # build once, reuse next time
    .venv/bin/python bench/bench_report.py --profile       # cProfile the warm report too
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from metrics import queries
from metrics.report import measure_statuses, report_dict
from metrics.schema import ensure_schema
from metrics.service import load_dataset
from metrics.store import read_connection

FIRST_MONTH = "2015-11-01"  # 120 months end in Oct 2025


def build(path: Path, measures: int, months: int, teams: int, seed: float = 0.42) -> float:
    """Create the synthetic database with set-based SQL; return seconds taken."""
    start = time.perf_counter()
    con = duckdb.connect(str(path))
    try:
        ensure_schema(con)
        con.execute("SELECT setseed(?)", [seed]).fetchall()
        con.execute(
            "INSERT INTO loads (load_id, loaded_at, loaded_by, file_name, sha256, kinds, "
            "rows_accepted, rows_rejected, periods) VALUES "
            "(1, TIMESTAMP '2025-11-03 09:00', 'bench', 'bench.csv', 'bench', "
            "'measures,returns', 0, 0, '')"
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
        con.execute("CHECKPOINT").fetchall()
    finally:
        con.close()
    return time.perf_counter() - start


def timed(fn: Callable[[], Any], repeats: int = 5) -> tuple[float, Any]:
    """Median wall time in seconds of `repeats` calls, and the last result."""
    times = []
    result = None
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms"


def peak_rss_mb() -> float:
    """Peak resident set size of this process (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="build here if missing, reuse if present")
    parser.add_argument("--measures", type=int, default=1000)
    parser.add_argument("--months", type=int, default=120)
    parser.add_argument("--teams", type=int, default=20)
    parser.add_argument("--period", default="2025-10", help="report period YYYY-MM")
    parser.add_argument("--profile", action="store_true", help="cProfile the warm report")
    parser.add_argument("--skip-cold", action="store_true", help="skip the (slow) cold report")
    args = parser.parse_args(argv)

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
    period = pd.Timestamp(f"{args.period}-01")

    with read_connection(path) as con:
        total, whole = con.execute(
            "SELECT count(*), count(*) FILTER (WHERE team = '') FROM snapshots"
        ).fetchall()[0]
    print(f"rows: {total:,} snapshots ({whole:,} whole-measure, {total - whole:,} team)")

    # COLD: a new connection, everything read and computed, as the first page view would.
    if not args.skip_cold:
        start = time.perf_counter()
        data = load_dataset(path)
        loaded = time.perf_counter()
        report = report_dict(data.statuses, period)
        cold_end = time.perf_counter()
        del data
        print(
            f"cold report: {ms(cold_end - start)} "
            f"(load_dataset {ms(loaded - start)}, report_dict {ms(cold_end - loaded)}); "
            f"{len(report['measures']):,} measures, {len(report['exceptions']):,} exceptions"
        )
    with read_connection(path) as con:
        q_start = time.perf_counter()
        catalogue = queries.measures(con)
        snapshots = queries.snapshots(con)
        q_whole = time.perf_counter()
        if not args.skip_cold:
            queries.snapshots(con, teams=True)
        q_teams = time.perf_counter()
    print(f"  SQL: catalogue + whole-measure snapshots {ms(q_whole - q_start)}", end="")
    print("" if args.skip_cold else f", team snapshots {ms(q_teams - q_whole)}")

    # WARM: frames already read (the app caches them per database version).
    statuses_time, statuses = timed(lambda: measure_statuses(snapshots, catalogue))
    report_time, _ = timed(lambda: report_dict(statuses, period))
    both_time, _ = timed(lambda: report_dict(measure_statuses(snapshots, catalogue), period))
    print(f"warm measure_statuses + report_dict: {ms(both_time)} (median of 5)")
    print(f"  measure_statuses alone: {ms(statuses_time)}")
    print(f"  report_dict alone on cached statuses: {ms(report_time)}")

    tracemalloc.start()
    report_dict(measure_statuses(snapshots, catalogue), period)
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"  tracemalloc peak for the warm report: {traced_peak / 2**20:,.1f} MB")

    try:
        from metrics.spc import xmr
    except ImportError:
        print("SPC: metrics.spc not available")
    else:
        frame = pd.DataFrame(
            {
                "series": statuses["measure_id"],
                "t": statuses["period"],
                "y": statuses["actual"],
                "improvement": statuses["polarity"],
            }
        )
        spc_time, result = timed(lambda: xmr(frame), repeats=3)
        series = result["series"].nunique()
        print(f"SPC xmr, {series:,} series / {len(frame):,} points, one call: {ms(spc_time)}")

    print(f"peak RSS (ru_maxrss): {peak_rss_mb():,.0f} MB")

    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(3):
            report_dict(measure_statuses(snapshots, catalogue), period)
        profiler.disable()
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(25)
        print(out.getvalue())

    if tmp is not None:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
