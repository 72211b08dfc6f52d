"""One regular expression ReportLab compiles at import and ThaPlan never uses, compiled when first used.

``reportlab.platypus.paragraph`` (imported by every ``reportlab.platypus`` module, so by any document
template) compiles at import a case-insensitive URL pattern with character ranges up to U+FFFF, which
Python 3.11's ``re`` takes about 50 ms to compile: a twentieth of a whole export of 1,000 projects. It
serves ReportLab's own ``Paragraph`` links; the PDF engine draws its own paragraphs and never meets it.

:func:`defer_reportlab_patterns` puts a stand-in for that pattern into ``re``'s cache of compiled patterns
before ReportLab is imported (``thaplan_desktop.exporting`` does it first thing): ``re.compile`` then returns the stand-in, which compiles the real pattern the
first time anything matches with it. Where ``re`` keeps its cache differently (another Python), nothing is
put there and the pattern is compiled as before.
"""

from __future__ import annotations

import re
import sys
from typing import Any

# reportlab/platypus/paragraph.py, ``uri_pat`` (the same text, character for character).
_URI = ('(^(?:[a-z0-9\\.\\-\\+]*)://)(?:\\S+(?::\\S*)?@)?(?:(?:25[0-5]|2[0-4]\\d|[0-1]?\\d?\\d)'
        '(?:\\.(?:25[0-5]|2[0-4]\\d|[0-1]?\\d?\\d)){3}|\\[[0-9a-f:\\.]+\\]|([a-z\xa1-\uffff0-9]'
        '(?:[a-z\xa1-\uffff0-9-]{0,61}[a-z\xa1-\uffff0-9])?(?:\\.(?!-)[a-z\xa1-\uffff0-9-]{1,63}(?<!-))*'
        '\\.(?!-)(?:[a-z\xa1-\uffff-]{2,63}|xn--[a-z0-9]{1,59})(?<!-)\\.?|localhost))(?::\\d{2,5})?'
        '(?:[/?#][^\\s]*)?\\Z')
DEFERRED = ((_URI, re.IGNORECASE),)


class LazyPattern:
    """Stands for a compiled pattern; compiles it at the first attribute asked (``match``, ``search`` …)."""

    def __init__(self, cache: dict[Any, Any], key: tuple[type, str, int]) -> None:
        self._cache = cache
        self._key = key
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        if self._compiled is None:
            if self._cache.get(self._key) is self:
                del self._cache[self._key]  # so that re.compile compiles it, rather than return this
            _type, pattern, flags = self._key
            self._compiled = re.compile(pattern, flags)
        return getattr(self._compiled, name)


def defer_reportlab_patterns() -> bool:
    """Before ReportLab is imported: its unused patterns compile when first used. True when deferred."""
    if "reportlab.platypus.paragraph" in sys.modules:
        return False
    cache = getattr(re, "_cache", None)
    if not isinstance(cache, dict):
        return False
    for pattern, flags in DEFERRED:
        key = (str, pattern, int(flags))
        cache.setdefault(key, LazyPattern(cache, key))
    return True
