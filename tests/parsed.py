"""Pages read as HTML, not as strings: the elements a test looks for, with their text."""

from dataclasses import dataclass, field
from html.parser import HTMLParser

NEWLINE_DROPPED = {"pre", "textarea", "listing"}
VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict
    parts: list = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(p.text if isinstance(p, Element) else p for p in self.parts)

    def within(self, tag: str) -> list["Element"]:
        """The elements ``tag`` inside this one, in document order."""
        found = []
        for part in self.parts:
            if isinstance(part, Element):
                found += [part] if part.tag == tag else []
                found += part.within(tag)
        return found

    def get(self, name: str, default=None):
        return self.attrs.get(name, default)

    def __getitem__(self, name: str):
        return self.attrs[name]


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements, self.open = [], []

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {k: v if v is not None else "" for k, v in attrs})
        if self.open:
            self.open[-1].parts.append(element)
        self.elements.append(element)
        if tag not in VOID:
            self.open.append(element)

    def handle_endtag(self, tag):
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index].tag == tag:
                del self.open[index:]
                return

    def handle_data(self, data):
        if self.open:
            current = self.open[-1]
            if current.tag in NEWLINE_DROPPED and not current.parts and data.startswith("\n"):
                # As browsers read it: one newline right after <textarea> or <pre> is not text
                # (Django's Textarea writes one).
                data = data[1:]
            current.parts.append(data)


def find_all(html: str, tag: str, **attrs) -> list[Element]:
    """Elements ``tag`` whose attributes include ``attrs`` (``class_`` for class; a value of
    True only asks for the attribute)."""
    parser = _Parser()
    parser.feed(html)
    wanted = {k.rstrip("_"): v for k, v in attrs.items()}
    return [
        e
        for e in parser.elements
        if e.tag == tag
        and all((k in e.attrs) if v is True else e.attrs.get(k) == v for k, v in wanted.items())
    ]


def find(html: str, tag: str, **attrs) -> Element | None:
    found = find_all(html, tag, **attrs)
    return found[0] if found else None
