"""Links from what delegates read to the documents it names, as HTML for the page and the PDF.

- A Documentation entry links to the document's page in the register and to its official
  text (``official_text_url``: undocs.org, the UN's permanent link).
- Symbols and web addresses in annotations and footnotes link to what they name.
- A symbol never breaks inside a line: each is an unbreakable span (class "symbol-text": no
  wrapping, no hyphenation). A joint symbol (CTOC/COP/WG.2/2024/4-CTOC/COP/WG.3/2024/4) is two
  symbols: a line may break after the hyphen that joins them, never inside either.
"""

import re
from urllib.parse import quote

from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from agenda.outputs.document_terms import DocumentationLine
from agenda.rules.references import document_references

# A hyphen joins two symbols only where a series follows it (as meetings.symbols reads them).
_JOINT = re.compile(r"-(?=[A-Z]+/)")
# www.unodc.org/… or https://…; a final full stop or bracket belongs to the sentence.
_WEB_ADDRESS = re.compile(
    r"(?:https?://|www\.)[^\s<>\"'，。；、（）()]*[^\s<>\"'，。；、（）().,;:!?]"
)


def official_text_url(symbol: str, language: str) -> str:
    """The document's official text at undocs.org, in ``language`` (English needs no prefix).
    undocs.org takes the symbol as it is and redirects to the Official Document System,
    whose own search addresses have changed with its versions."""
    prefix = "" if language in ("", "en") else f"{language}/"
    return f"https://undocs.org/{prefix}{quote(symbol, safe='/')}"


def official_language(document, language: str) -> str:
    """The language of the official text to link: the reader's when the document exists in
    it (or its languages are not recorded), else the document's original."""
    languages = document.languages or []
    return language if not languages or language in languages else document.original_language


def register_path(symbol: str) -> str:
    return reverse("document-detail", args=[symbol])


def unbreakable(symbol: str) -> SafeString:
    """The symbol as one unbreakable span, or a joint symbol as two joined by its hyphen."""
    parts = _JOINT.split(symbol)
    return mark_safe("-".join(f'<span class="symbol-text">{escape(part)}</span>' for part in parts))


def _link(href: str, inner: str, css: str) -> str:
    return f'<a class="{css}" href="{escape(href)}">{inner}</a>'


def documentation_html(
    line: DocumentationLine, *, language: str, register_href: str = "", link_symbols: bool
) -> SafeString:
    """A Documentation entry: its description linked to ``register_href`` (when given), each
    symbol unbreakable and, with ``link_symbols``, linked to its official text."""
    lead = escape(line.lead)
    if register_href:
        lead = _link(register_href, lead, "document-link")
    symbols = []
    for label, symbol in line.symbols:
        shown = unbreakable(label)
        if link_symbols:
            shown = _link(official_text_url(symbol, language), shown, "symbol-link")
        symbols.append(shown)
    return mark_safe(lead + escape(line.joiner).join(symbols) + escape(line.tail))


def linked_text(text: str, language: str) -> SafeString:
    """``text`` escaped, with each document symbol linked to its official text in
    ``language`` and each web address linked to itself."""
    spans = [
        (found.start, found.end, official_text_url(found.target, language), "symbol-link")
        for found in document_references(text)
    ]
    for match in _WEB_ADDRESS.finditer(text):
        address = match.group()
        href = address if "://" in address else f"https://{address}"
        spans.append((match.start(), match.end(), href, "web-link"))
    out, last = [], 0
    for start, end, href, css in sorted(spans):
        if start < last:  # a symbol inside an address (…/CTOC/…): the address wins
            continue
        out.append(escape(text[last:start]))
        shown = text[start:end]
        inner = unbreakable(shown) if css == "symbol-link" else escape(shown)
        out.append(_link(href, inner, css))
        last = end
    out.append(escape(text[last:]))
    return mark_safe("".join(out))
