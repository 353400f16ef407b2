"""Benchmark a large monthly return through `python -m cli load`: wall time and peak RSS.

Writes a CSV of about 20 MB and 300,000 rows (the 25 monthly demo measures x 12 months x 1,000
teams, each with a target, YTD figures and a sentence of commentary), loads the demo catalogue
into a temporary database, then runs the real CLI load in a child process and reports its wall
time its CPU time and its peak resident memory (ru_maxrss of the child), with the load average,
because on a shared machine wall time mostly measures the neighbours. Prints figures; it is
not a test.

    .venv/bin/python bench/bench_load.py
    .venv/bin/python bench/bench_load.py --teams 200     # a smaller file
    .venv/bin/python bench/bench_load.py --profile       # cProfile the validation in-process
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import io
import os
import pstats
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from intake.loader import commit, validate_file  # noqa: E402
from settings.config import Settings  # noqa: E402

MEASURES = ROOT / "data" / "demo" / "measures.csv"


MEASURES_IN_RETURN = 25


def write_return(path: Path, teams: int) -> int:
    """The big return; returns its row count."""
    monthly = [r for r in csv.DictReader(MEASURES.open()) if r["frequency"] == "monthly"]
    # The first 25 monthly measures, as when the figures in bench/README.md were first taken: the
    # demo catalogue has grown since (every waiting list's bands), and 300,000 rows stays 20 MB.
    catalogue = monthly[:MEASURES_IN_RETURN]
    rows = 0
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(
            [
                "measure_id",
                "period",
                "team",
                "actual",
                "target",
                "ytd_actual",
                "ytd_target",
                "commentary",
            ]
        )
        for measure in catalogue:
            target = measure["polarity"] != "monitoring_only"
            for month in range(1, 13):
                for team in range(teams):
                    value = (team * 7 + month * 3) % 90 + 1
                    writer.writerow(
                        [
                            measure["measure_id"],
                            f"2024-{month:02d}",
                            f"Team {team:04d}",
                            f"{value}",
                            f"{value + 5}" if target else "",
                            f"{value}",
                            f"{value + 5}" if target else "",
                            "Illustrative: steady on it.",
                        ]
                    )
                    rows += 1
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--teams", type=int, default=1000)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        big = tmp / "big_return.csv"
        rows = write_return(big, args.teams)
        db = tmp / "bench.duckdb"
        settings = Settings(db_path=db, backup_dir=tmp / "backups", backups_kept=2)
        validated = validate_file(MEASURES.read_bytes(), "measures.csv", settings)
        assert commit(validated, settings, "bench").status == "loaded"
        size = big.stat().st_size
        print(f"file: {size / 1e6:,.1f} MB, {rows:,} rows")
        if args.profile:
            profiler = cProfile.Profile()
            profiler.enable()
            validate_file(big.read_bytes(), big.name, settings)
            profiler.disable()
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(25)
            print(out.getvalue())
            return 0
        env = {**os.environ, "MM_BACKUP_DIR": str(tmp / "backups")}
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "cli", "load", str(big), "--db", str(db), "--user", "bench"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        elapsed = time.perf_counter() - started
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        peak_kb = usage.ru_maxrss
        print(f"exit code: {done.returncode}")
        print((done.stdout or done.stderr).strip()[:400])
        print(f"wall time: {elapsed:,.1f} s")
        print(f"CPU time (user + system): {usage.ru_utime + usage.ru_stime:,.1f} s")
        print(
            f"load average at the end (1, 5, 15 min): {', '.join(f'{x:.1f}' for x in os.getloadavg())}"
        )
        print(f"peak RSS of the load process: {peak_kb / 1024:,.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
