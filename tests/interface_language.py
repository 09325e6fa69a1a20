"""Interface text left in English, found in a page's HTML (tests/test_interface_language.py and
the browser tests use it).

English is looked for in what people read: the text of the page (not <script>/<style>), and
the attributes read aloud or shown (title, placeholder, aria-label, alt, a button's value). A
word of three or more Latin letters is English unless it is a document symbol (CTOC/COP/WG.3,
Corr.1), part of a URL, inside an element marked as another language (the language switcher
names each language in itself) or marked translate="no" (the person's own text quoted back),
one of the few names below, or the document's masthead.
"""

import re
from html.parser import HTMLParser

# Names read the same in every language: formats, the UN's own series, the time zone's
# abbreviations (CET, CEST) and the calendar applications offered by name.
ALLOWED = {"PDF", "iCalendar", "Atom", "UTC", "CET", "CEST", "CTOC", "COP"}
ALLOWED |= {"Apple", "Google", "Outlook", "Thunderbird", "ics", "txt", "Markdown", "UTF"}
ALLOWED |= {"Word"}  # Microsoft Word, as Chinese and Arabic write the product name
# the translators' file format, named as such in every language
ALLOWED |= {"XLIFF"}
# Latin numbering marks of late items ("3 bis", "3 ter"), as UN documents print them.
ALLOWED |= {"bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "novies", "decies"}
# The masthead of the document itself, which UN documents print in English in every language:
# allowed as these whole lines only.
DOCUMENT_MASTHEAD = re.compile(
    r"Distr\.: (?:General|Limited|Restricted)"
    r"|Original: (?:Arabic|Chinese|English|French|Russian|Spanish)"
)
READ_ATTRIBUTES = {"title", "placeholder", "aria-label", "alt"}
# Not interface text: code, and what the person typed (a form's text box).
SKIPPED = {"script", "style", "textarea"}
VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip
URL = re.compile(r"(?<!\S)(?:https?://|/)\S*|\S+@\S+")
SYMBOL = re.compile(r"\b[A-Z][A-Za-z]*(?:[./][A-Za-z0-9]+)+\b")
WORD = re.compile(r"[A-Za-z]{3,}")


class _ReadText(HTMLParser):
    """The pieces of text a person reads, with the element they are in."""

    def __init__(self, language: str):
        super().__init__(convert_charrefs=True)
        self.language = language
        self.stack: list[tuple[str, bool]] = []  # (tag, hidden from this check)
        self.pieces: list[tuple[str, str]] = []

    def _skipped(self) -> bool:
        return any(skip for _, skip in self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        lang = attrs.get("lang")
        other_language = lang is not None and not lang.startswith(self.language)
        # translate="no": the person's own text quoted back (a pasted line), not the interface's.
        skip = tag in SKIPPED or other_language or attrs.get("translate") == "no"
        if not (skip or self._skipped()):
            for name in READ_ATTRIBUTES:
                if attrs.get(name):
                    self.pieces.append((f"<{tag} {name}>", attrs[name]))
            # A <button>'s value is sent, not shown; an <input type=submit>'s is its text.
            is_button = attrs.get("type") in {"submit", "button", "reset"}
            if tag == "input" and is_button and attrs.get("value"):
                self.pieces.append((f"<{tag} value>", attrs["value"]))
        if tag not in VOID:
            self.stack.append((tag, skip))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        if data.strip() and not self._skipped():
            where = self.stack[-1][0] if self.stack else "document"
            self.pieces.append((f"<{where}>", " ".join(data.split())))


def english_in(html: str, language: str) -> list[str]:
    parser = _ReadText(language)
    parser.feed(html)
    found = []
    for where, text in parser.pieces:
        words = WORD.findall(SYMBOL.sub(" ", URL.sub(" ", text)))
        if DOCUMENT_MASTHEAD.fullmatch(text):
            continue
        if [w for w in words if w not in ALLOWED]:
            found.append(f"{where} {text}")
    return list(dict.fromkeys(found))
