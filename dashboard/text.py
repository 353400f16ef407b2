"""The app's one markdown escaper: data shown inside markdown is always shown literally.

A commentary, owner or name from a data file may contain `*bold*`, `[link](…)`, `![image](…)`,
`<img …>`, `$maths$`, `:red[…]`, `:material/icon:` or a bare `http://…`, `www.…` or e-mail
address; Streamlit would render, fetch or link those (widget, expander and tab labels are
markdown too). md_text backslash-escapes every mark that can start markdown inline (CommonMark
shows an escaped mark as the literal character), the marks that start a block at a line's
start, and the triggers of GFM autolinks, leaving ordinary punctuation (commas, brackets, full
stops) as written so text reads the same. Every page, section and helper uses this one rule.
"""

from __future__ import annotations

import re

_INLINE = re.compile(r"([\\`*_\[\]<>~$|!@])")
_SHORTCODE = re.compile(r":(?=[A-Za-z/])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_WWW = re.compile(r"(?i)(?<![A-Za-z0-9])(www)\.")
_LINE_START = re.compile(r"^(\s*)([#+\-=>])", re.MULTILINE)
_LIST_NUMBER = re.compile(r"^(\s*\d+)([.)])", re.MULTILINE)


def md_text(value: object, *, one_line: bool = False) -> str:
    """The value as literal text for markdown (never a link, image, HTML or formatting).

    None and NaN are blank. With `one_line` (a table cell, a label) line breaks become spaces.
    """
    if value is None or (isinstance(value, float) and value != value):
        return ""
    text = str(value)
    if one_line:
        text = text.replace("\r\n", " ").replace("\r", " ").replace("\n", " ")
    text = _INLINE.sub(r"\\\1", text)
    text = _SHORTCODE.sub(r"\\:", text)
    text = _ENTITY.sub(r"\\&", text)
    text = _WWW.sub(r"\1\\.", text)
    text = _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)
    text = _LIST_NUMBER.sub(lambda m: m.group(1) + "\\" + m.group(2), text)
    return text.replace("\r\n", "\n").replace("\n", "  \n")
