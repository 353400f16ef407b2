"""Helpers shared by the page tests: open a page through app.py and read its Plotly figures."""

from __future__ import annotations

import base64
import json
import os
import re
from typing import Any

import numpy as np
import pandas as pd
from streamlit.testing.v1 import AppTest

from tests.conftest import APP

#: Longest one script run may take under AppTest; generous so a busy machine is slower, not red.
RUN_TIMEOUT_S = float(os.environ.get("MM_APPTEST_TIMEOUT_S", "180"))


def open_app(**params: str) -> AppTest:
    """Run app.py on its default page (Overview) with these URL parameters, as a deep link does."""
    at = AppTest.from_file(APP, default_timeout=RUN_TIMEOUT_S)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def open_page(page: str, **params: str) -> AppTest:
    """Run app.py with these URL parameters, then switch to `page` (e.g. "pages/risks.py")."""
    at = open_app(**params)
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def shown(text: object) -> object:
    """A markdown cell's text as the reader sees it: CommonMark backslash escapes removed."""
    return _ESCAPE.sub(r"\1", text) if isinstance(text, str) else text


def table_with(at: AppTest, column: str) -> pd.DataFrame:
    """The first dataframe or table on the page with `column` (AppTest does not expose keys).

    A named index (st.table of rejections is indexed by "Row") counts as a column. st.table
    cells are markdown (the app escapes data text in them), so they are returned as shown.
    """
    tables = [(e, False) for e in at.dataframe] + [(e, True) for e in at.table]
    for element, markdown in tables:
        frame = element.value
        if frame.index.name is not None:
            frame = frame.reset_index()
        if markdown:
            frame = frame.map(shown)
            frame.columns = [shown(c) for c in frame.columns]
        if column in frame.columns:
            return frame
    raise AssertionError(f"no table with column {column!r}")


def metric(at: AppTest, label: str) -> str:
    """The value shown in the metric tile with this label."""
    return next(m.value for m in at.metric if m.label == label)


def charts(at: AppTest) -> dict[str, dict[str, Any]]:
    """Every Plotly figure on the page, by its title."""
    out = {}
    for element in at.get("plotly_chart"):
        spec = json.loads(element.proto.spec)
        out[spec["layout"]["title"]["text"]] = spec
    return out


def values(array: Any) -> np.ndarray:
    """Plotly >= 6 JSON stores numeric arrays as base64 {"dtype", "bdata", "shape"}."""
    if isinstance(array, dict) and "bdata" in array:
        out = np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"])
        if "shape" in array:
            out = out.reshape([int(n) for n in str(array["shape"]).split(",")])
        return out
    return np.asarray(array)
