"""Tables of data shown inside Streamlit's markdown (st.table cells): escaped, never parsed.

st.table renders each cell as markdown, so a value like `**x**` or `:red[x]` would be styled.
The escaping rule is the app's one escaper, `dashboard.text.md_text`; a cell is one line.
"""

from __future__ import annotations

import pandas as pd

from dashboard.text import md_text


def escaped(frame: pd.DataFrame) -> pd.DataFrame:
    """A display table for st.table: text cells and headers escaped, numbers left as numbers."""
    out = frame.copy()
    for column in out.columns:
        if not pd.api.types.is_numeric_dtype(out[column]):
            out[column] = out[column].map(lambda value: md_text(value, one_line=True))
    out.columns = [md_text(c, one_line=True) for c in frame.columns]
    return out
