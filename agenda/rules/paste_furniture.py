"""Page furniture of a UN document, as text copied from its PDF or Word file brings it along.

``furniture(text)`` says why a pasted line is furniture rather than agenda (or ``None``):
the job number and its dates ("V.11-80000 (E) 010211 020211"), the bar code ("*1180000*"), a
page counter ("2/5", "Page 3"), a document symbol on a line of its own ("E/CN.15/2011/1"),
and the masthead lines (United Nations, the distribution, the date, "Original: English", the
"Item 2 of the provisional agenda" header). The text is the line's NFKC form, stripped.
"""

import re

from django.utils.translation import gettext_lazy as _

JOB = _("job number")
BAR_CODE = _("bar code")
PAGE = _("page number")
SYMBOL = _("document symbol")
MASTHEAD = _("masthead")
DATE = _("date line")
HEADER = _("document header")

# Words of a furniture line, each of one kind: "V.11-80000 (E) 010211 020211" is all job number.
_TOKENS = [
    (re.compile(r"[A-Z]{1,3}\.\d{2}-\d{4,6}"), JOB),  # V.11-80000, GE.11-12345, 11-80000
    (re.compile(r"\d{2}-\d{5}"), JOB),
    (re.compile(r"\((?:[AEFSRC]|Arabic|English|French|Spanish|Russian|Chinese)\)"), JOB),
    (re.compile(r"\d{6}"), JOB),  # the job's processing dates, ddmmyy
    (re.compile(r"\*\d{5,}\*"), BAR_CODE),
    (re.compile(r"\d{1,3}/\d{1,3}|\d{1,3}"), PAGE),
    # A symbol has two slashes at least: E/CN.15/2011/1, A/65/L.1 (never "HIV/AIDS").
    (re.compile(r"[A-Z]{1,6}(?:\.\d+)?(?:/[A-Za-z0-9.\-]+){2,}(?:\*)?"), SYMBOL),
]

_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|"
    "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|"
    "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"
)
_LINES = [
    (
        re.compile(
            r"(?:united nations|nations unies|naciones unidas|организация объединенных наций"
            r"|联合国|الأمم المتحدة)"
        ),
        MASTHEAD,
    ),
    (re.compile(r"(?:distr\.?|distribution)\s*:?\s*\w+"), MASTHEAD),
    (re.compile(r"(?:original|orig\.|原文|الأصل)\s*:\s*\w+"), MASTHEAD),
    (
        re.compile(rf"\d{{1,2}}(?:er)?\s+(?:de\s+)?(?:{_MONTHS})\s+(?:de\s+)?\d{{4}}(?: года)?"),
        DATE,
    ),
    (re.compile(rf"(?:{_MONTHS})\s+\d{{1,2}},\s+\d{{4}}"), DATE),
    (re.compile(r"\d{4}年\d{1,2}月\d{1,2}日"), DATE),
    (re.compile(r"(?:page|página|страница)\s+\d{1,3}(?:\s+(?:of|de|sur|из)\s+\d{1,3})?"), PAGE),
    (re.compile(r"第\s*\d{1,3}\s*页(?:\s*共\s*\d{1,3}\s*页)?"), PAGE),
    # The header of an annotated agenda's pages, after the items' own "Provisional agenda".
    (
        re.compile(
            r"(?:item|items|point|points|tema|temas)\s+\d{1,3}(?:\s*(?:and|et|y|,)\s*\d{1,3})*"
            r"\s+(?:of|de|del)\s+(?:the\s+|l'|l’)?(?:provisional\s+)?(?:agenda|ordre du jour"
            r"|programa)(?:\s+provisoire|\s+provisional)?\*?"
        ),
        HEADER,
    ),
    (re.compile(r"(?:议程)?项目\s*\d{1,3}"), HEADER),
    (re.compile(r"пункт\s+\d{1,3}\s+(?:предварительной\s+)?повестки дня\*?"), HEADER),
    (re.compile(r"البند\s+\d{1,3}\s+من\s+جدول الأعمال(?:\s+المؤقت)?\*?"), HEADER),
]
# A distribution on a line of its own is furniture only in the masthead, before the first item:
# further down, "General" may end a wrapped title ("Report of the Director-" / "General").
_MASTHEAD_WORDS = {"general", "limited", "restricted", "générale", "limitée", "limitada", "общая"}


def furniture(text: str, *, before_items: bool) -> str | None:
    """Why ``text`` (a stripped line, NFKC) is page furniture, or None if it may be agenda."""
    folded = " ".join(text.casefold().split())
    if before_items and folded in _MASTHEAD_WORDS:
        return str(MASTHEAD)
    for pattern, reason in _LINES:
        if pattern.fullmatch(folded):
            return str(reason)
    words = text.split()
    reasons = []
    for word in words:
        reason = next((r for pattern, r in _TOKENS if pattern.fullmatch(word)), None)
        if reason is None:
            return None
        reasons.append(reason)
    if not reasons or (len(words) > 1 and all(r is PAGE for r in reasons)):
        return None  # "2 3" is more likely a broken line than one page counter
    return str(reasons[0])
