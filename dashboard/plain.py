"""Data shown as text inside Streamlit's markdown (st.table cells, captions): escaped, never parsed.

st.table renders each cell as markdown, so a value like `**x**` or `:red[x]` would be styled.
The escaping rule itself is `dashboard.text.md_text` (one rule for the whole app); a table cell
is one line, so line breaks become spaces.
"""

from __future__ import annotations

import pandas as pd

from dashboard.text import md_text


def md_escape(value: object) -> str:
    """The value's text, one line, with every markdown (and Streamlit directive) mark escaped."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return md_text(str(value).replace("\r\n", " ").replace("\n", " "))


def escaped(frame: pd.DataFrame) -> pd.DataFrame:
    """A display table for st.table: text cells and headers escaped, numbers left as numbers."""
    out = frame.copy()
    for column in out.columns:
        if not pd.api.types.is_numeric_dtype(out[column]):
            out[column] = out[column].map(md_escape)
    out.columns = [md_escape(c) for c in frame.columns]
    return out
