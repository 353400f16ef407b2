"""Demo comparators: England figures as published; region and neighbours synthetic, named so."""

from __future__ import annotations

import numpy as np

from demo.source import read_rows
from store.reference import load_anchors


def comparator_rows(rng: np.random.Generator, seed: int) -> list[dict[str, str]]:
    """England figures where published; region and neighbours are synthetic and say so."""
    rows = []
    anchors = load_anchors()
    published = anchors[anchors["kind"] == "comparator"]
    for r in published.itertuples(index=False):
        rows.append(
            {
                "measure_id": r.measure_id,
                "period": r.period,
                "comparator": r.scope,
                "value": f"{r.value:g}",
            }
        )
    for region in read_rows("regions.csv"):
        measure_id, level = region["measure_id"], float(region["level"])
        for year in (2022, 2023, 2024, 2025):
            value = level * (1 + rng.normal(0, 0.02))
            rows.append(
                {
                    "measure_id": measure_id,
                    "period": f"{year}-03",
                    "comparator": region["region"],
                    "value": f"{value:.1f}",
                }
            )
    spread = np.random.default_rng(seed + 11)
    neighbours = [r["neighbour"] for r in read_rows("neighbours.csv")]
    for benchmark in read_rows("benchmarks.csv"):
        measure_id, level = benchmark["measure_id"], float(benchmark["england_level"])
        cap = benchmark["capped_at"]
        for year in (2023, 2024):
            for n, name in enumerate(neighbours):
                if (n + year) % 9 == 0:
                    continue  # a neighbour that did not report that year
                value = level * (1 + spread.normal(0, 0.09))
                if cap:
                    value = min(value, float(cap))
                rows.append(
                    {
                        "measure_id": measure_id,
                        "period": f"{year}-03",
                        "comparator": f"{name} (illustrative)",
                        "value": f"{value:.1f}",
                    }
                )
    return rows
