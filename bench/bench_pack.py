"""Time the board pack exports on the demo database: PDF, PowerPoint and Excel.

    .venv/bin/python bench/bench_pack.py [--periods 2024-09 latest] [--keep DIR]

Builds a fresh demo database in a temporary folder, then for each period times
`build_pdf`, `build_pptx` and `build_xlsx` exactly as the download buttons call them (each
gathers the pack and starts its own chart browser), and prints seconds, sizes and page or
slide counts. The PDF must take under 30 s.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from openpyxl import load_workbook  # noqa: E402
from pptx import Presentation  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from exports.pdf import build_pdf  # noqa: E402
from exports.pptx import build_pptx  # noqa: E402
from exports.xlsx import build_xlsx  # noqa: E402
from metrics.config import Settings  # noqa: E402
from metrics.demo import build_demo_database  # noqa: E402
from metrics.periods import period_key  # noqa: E402
from metrics.report import for_period  # noqa: E402
from metrics.service import load_dataset  # noqa: E402

PDF_BUDGET_S = 30.0


def _timed(fn, *args):
    start = time.perf_counter()
    out = fn(*args)
    return out, time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--periods", nargs="+", default=["latest", "2024-09"])
    parser.add_argument("--keep", help="also write the files to this folder")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.duckdb"
        _, built = _timed(build_demo_database, Settings(db_path=db, backups_kept=0))
        data = load_dataset(db)
        print(f"demo database built in {built:.1f} s")
        worst_pdf = 0.0
        for text in args.periods:
            period = period_key(data.latest_period) if text == "latest" else text
            reporting = for_period(data.statuses, f"{period}-01")
            exceptions = int(reporting["exception"].sum())
            print(f"\n{period}: {len(reporting)} measures, {exceptions} exceptions")
            pdf, t_pdf = _timed(build_pdf, data, period)
            pages = len(PdfReader(io.BytesIO(pdf)).pages)
            print(f"  build_pdf   {t_pdf:6.1f} s  {len(pdf) / 1e6:5.2f} MB  {pages} pages")
            pptx, t_pptx = _timed(build_pptx, data, period)
            slides = len(Presentation(io.BytesIO(pptx)).slides)
            print(f"  build_pptx  {t_pptx:6.1f} s  {len(pptx) / 1e6:5.2f} MB  {slides} slides")
            xlsx, t_xlsx = _timed(build_xlsx, data, period)
            sheets = len(load_workbook(io.BytesIO(xlsx)).sheetnames)
            print(f"  build_xlsx  {t_xlsx:6.1f} s  {len(xlsx) / 1e6:5.2f} MB  {sheets} sheets")
            worst_pdf = max(worst_pdf, t_pdf)
            if args.keep:
                folder = Path(args.keep)
                folder.mkdir(parents=True, exist_ok=True)
                for ext, content in (("pdf", pdf), ("pptx", pptx), ("xlsx", xlsx)):
                    (folder / f"meaningful-measures-{period}.{ext}").write_bytes(content)
    verdict = "within" if worst_pdf < PDF_BUDGET_S else "OVER"
    print(f"\nslowest PDF {worst_pdf:.1f} s: {verdict} the {PDF_BUDGET_S:.0f} s budget")
    return 0 if worst_pdf < PDF_BUDGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
