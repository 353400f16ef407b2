"""Text from data files shown inside markdown (captions, sentences) is escaped, never rendered."""

from __future__ import annotations

import re

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def plain(text: object) -> str:
    """`text` with every markdown and HTML control character backslash-escaped."""
    return _MARKDOWN.sub(r"\\\1", str(text))
