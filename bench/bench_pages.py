"""Time each page's first chart after navigation, in headless Chromium, on a warm demo server.

    .venv/bin/python bench/bench_pages.py [--port 8560] [--repeats 3] [--src DIR] [--shots DIR]

Builds the demo database in a temporary folder, starts the dashboard as scripts/run.sh does
(`python -m dashboard.serve`, from `--src`, default this tree, so an older tree can be timed
the same way), opens every page once to warm it (the server's per-version cache and the
browser's script cache), then for each page times `goto` to the first Plotly chart drawn
(`.main-svg`, attached) and to Streamlit reporting the run finished, in a new tab each time.
Prints the median of `--repeats` with the load average. Not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHART = '[data-testid="stPlotlyChart"] .main-svg'
IDLE = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    return app !== null && app.getAttribute('data-test-script-state') === 'notRunning'
        && !document.querySelector('[data-testid="stStatusWidget"]');
}"""
PAGES = [
    ("Overview", "/?period=2024-09"),
    ("Exceptions by priority", "/exceptions-by-priority?period=2024-09"),
    ("Waiting times", "/waiting-times?period=2025-10"),
    ("Strategic risks", "/strategic-risks?period=2024-09"),
    ("Measure explorer", "/measure-explorer?measure=ASC-SG03&period=2024-11"),
    ("Board mode", "/?board=1&period=2024-09&slide=2"),
]
TARGET_S = 2.0


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (5 min {five:.2f})"


def start_server(src: Path, db: Path, port: int, log: Path) -> subprocess.Popen:
    env = {**os.environ, "MM_DB_PATH": str(db), "MM_BACKUP_DIR": str(db.parent / "backups")}
    from dashboard.serve import headless_command  # after main() puts ROOT on sys.path

    command = headless_command(port)
    with open(log, "w") as out:
        process = subprocess.Popen(command, cwd=src, env=env, stdout=out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                return process
        except OSError:
            if process.poll() is not None:
                break
            time.sleep(0.3)
    process.terminate()
    raise SystemExit(f"the dashboard did not start: {log.read_text()[-2000:]}")


def time_page(context, url: str, shot: Path | None = None) -> tuple[float, float]:
    """Seconds from navigation to the first chart, and to Streamlit idle, in a new tab."""
    page = context.new_page()
    try:
        start = time.perf_counter()
        page.goto(url)
        page.locator(CHART).first.wait_for(state="attached", timeout=180_000)
        chart = time.perf_counter() - start
        page.wait_for_function(IDLE, timeout=180_000, polling=50)
        idle = time.perf_counter() - start
        if shot is not None:
            page.wait_for_timeout(500)
            page.screenshot(path=str(shot), full_page=True)
        return chart, idle
    finally:
        page.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8560)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--src", default=str(ROOT), help="source tree to serve")
    parser.add_argument("--shots", help="save a screenshot of each page here")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from playwright.sync_api import sync_playwright

    from dashboard.serve import CHROMIUM, CHROMIUM_ARGS
    from settings.config import Settings
    from store.reference import build_demo_database

    src = Path(args.src)
    shots = Path(args.shots) if args.shots else None
    if shots:
        shots.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="mm-pages-") as tmp:
        db = Path(tmp) / "demo.duckdb"
        build_demo_database(Settings(db_path=db, backups_kept=0))
        server = start_server(src, db, args.port, Path(tmp) / "streamlit.log")
        base = f"http://127.0.0.1:{args.port}"
        results: dict[str, list[tuple[float, float]]] = {}
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(
                    executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
                )
                context = browser.new_context(viewport={"width": 1600, "height": 1000})
                print(f"server {src} on {base}; warming every page once; {load()}")
                for _, path in PAGES:
                    time_page(context, base + path)
                for name, path in PAGES:
                    results[name] = [time_page(context, base + path) for _ in range(args.repeats)]
                    if shots:
                        slug = name.lower().replace(" ", "_")
                        time_page(context, base + path, shots / f"bench_{slug}.png")
                browser.close()
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
            shutil.rmtree(Path(tmp) / "backups", ignore_errors=True)
    print(f"\n| page | first chart (median of {args.repeats}) | run finished | slowest chart |")
    print("|---|---|---|---|")
    worst = 0.0
    for name, runs in results.items():
        chart = statistics.median(r[0] for r in runs)
        idle = statistics.median(r[1] for r in runs)
        slowest = max(r[0] for r in runs)
        worst = max(worst, chart)
        print(f"| {name} | {chart:.2f} s | {idle:.2f} s | {slowest:.2f} s |")
    verdict = "within" if worst <= TARGET_S else "over"
    print(
        f"slowest median first chart {worst:.2f} s: {verdict} the {TARGET_S:.0f} s target; {load()}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
