"""Data shown as text inside Streamlit's markdown (st.table cells, captions): escaped, never parsed.

st.table renders each cell as markdown, so a value like `**x**` or `:red[x]` would be styled.
Backslash-escaping every ASCII punctuation mark is always valid CommonMark and shows the text
exactly as typed.
"""

from __future__ import annotations

import re

import pandas as pd

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def md_escape(value: object) -> str:
    """The value's text with every markdown (and Streamlit directive) character escaped."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    text = _PUNCTUATION.sub(r"\\\1", str(value))
    return text.replace("\r\n", " ").replace("\n", " ")


def escaped(frame: pd.DataFrame) -> pd.DataFrame:
    """Every cell and header of a display table escaped for st.table."""
    out = frame.map(md_escape)
    out.columns = [md_escape(c) for c in frame.columns]
    return out
