"""Data shown inside markdown is escaped, so a file's text is always shown literally.

A commentary, owner or name from a data file may contain `*bold*`, `[link](…)`, `![image](…)`,
`<img …>`, `$maths$`, `:red[…]` or `:material/icon:`; Streamlit would render or fetch those.
md_text backslash-escapes every mark that can start markdown inline (CommonMark shows an
escaped mark as the literal character) and the marks that start a block at a line's start,
leaving ordinary punctuation (commas, brackets, full stops) as written so text reads the same.
"""

from __future__ import annotations

import re

_INLINE = re.compile(r"([\\`*_\[\]<>~$|!])")
_SHORTCODE = re.compile(r":(?=[A-Za-z/])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_LINE_START = re.compile(r"^(\s*)([#+\-=>])", re.MULTILINE)
_LIST_NUMBER = re.compile(r"^(\s*\d+)([.)])", re.MULTILINE)


def md_text(value: object) -> str:
    """The value as literal text for st.markdown (never a link, image, HTML or formatting)."""
    text = "" if value is None else str(value)
    text = _INLINE.sub(r"\\\1", text)
    text = _SHORTCODE.sub(r"\\:", text)
    text = _ENTITY.sub(r"\\&", text)
    text = _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)
    text = _LIST_NUMBER.sub(lambda m: m.group(1) + "\\" + m.group(2), text)
    return text.replace("\r\n", "\n").replace("\n", "  \n")
