"""Pages read as HTML, not as strings: the elements a test looks for, with their text.

``parse(html)`` gives the document as a tree of ``Element`` (tag, attrs, parts). Elements are
found by tag and attributes (``find``/``find_all``) or by a small CSS selector (``select``/
``select_one``: ``tag``, ``#id``, ``.class``, ``[attr]``, ``[attr="value"]``, joined by a space
for "inside" and ``>`` for "directly inside"). Every function takes the page as ``str``, as
``bytes`` or as an ``Element`` already parsed.
"""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

_SPACES = re.compile(r"[ \t\n\f\r]+")
NEWLINE_DROPPED = {"pre", "textarea", "listing"}
VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


@dataclass
class Element:
    tag: str
    attrs: dict
    parts: list = field(default_factory=list)
    parent: "Element | None" = field(default=None, repr=False, compare=False)

    @property
    def text(self) -> str:
        """The text inside, as written (whitespace kept)."""
        return "".join(p.text if isinstance(p, Element) else p for p in self.parts)

    @property
    def visible_text(self) -> str:
        """The text as a reader sees it: runs of HTML whitespace read as one space (a no-break
        space stays)."""
        return _SPACES.sub(" ", self.text).strip(" ")

    @property
    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()

    @property
    def children(self) -> list["Element"]:
        """The elements directly inside this one."""
        return [p for p in self.parts if isinstance(p, Element)]

    @property
    def after(self) -> list:
        """What follows this element inside its parent: text and elements, in order."""
        siblings = self.parent.parts if self.parent else []
        index = next((i for i, part in enumerate(siblings) if part is self), len(siblings))
        return siblings[index + 1 :]

    def iter(self):
        """Every element inside this one, in document order."""
        for child in self.children:
            yield child
            yield from child.iter()

    def within(self, tag: str) -> list["Element"]:
        """The elements ``tag`` inside this one, in document order."""
        return [e for e in self.iter() if e.tag == tag]

    def matches(self, tag: str | None = None, **attrs) -> bool:
        """``tag`` (None: any) with attributes including ``attrs``: ``class_`` for class (which
        matches when the element has each of the classes given), ``hx_get`` for hx-get; a value
        of True only asks for the attribute, False for its absence."""
        if tag is not None and self.tag != tag:
            return False
        for name, value in attrs.items():
            name = name.rstrip("_").replace("_", "-")
            if value is True or value is False:
                if (name in self.attrs) != value:
                    return False
            elif name == "class":
                if not set(value.split()) <= set(self.classes):
                    return False
            elif self.attrs.get(name) != value:
                return False
        return True

    def find_all(self, tag: str | None = None, **attrs) -> list["Element"]:
        return [e for e in self.iter() if e.matches(tag, **attrs)]

    def find(self, tag: str | None = None, **attrs) -> "Element | None":
        return next((e for e in self.iter() if e.matches(tag, **attrs)), None)

    def select(self, selector: str) -> list["Element"]:
        """The elements inside this one that the CSS selector picks, in document order."""
        steps = _selector(selector)
        return [e for e in self.iter() if _picked(e, steps, self._ancestors(e))]

    def select_one(self, selector: str) -> "Element | None":
        found = self.select(selector)
        return found[0] if found else None

    def _ancestors(self, element: "Element") -> list["Element"]:
        """The elements from inside this one down to ``element``'s parent, outermost first."""
        found = []
        while (element := element.parent) is not None and element is not self:
            found.insert(0, element)
        return found

    def has(self, name: str) -> bool:
        return name in self.attrs

    def get(self, name: str, default=None):
        return self.attrs.get(name, default)

    def __getitem__(self, name: str):
        return self.attrs[name]


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.open = [self.root]

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {k: v or "" for k, v in attrs}, parent=self.open[-1])
        self.open[-1].parts.append(element)
        if tag not in VOID:
            self.open.append(element)

    def handle_startendtag(self, tag, attrs):
        self.open[-1].parts.append(
            Element(tag, {k: v or "" for k, v in attrs}, parent=self.open[-1])
        )

    def handle_endtag(self, tag):
        for index in range(len(self.open) - 1, 0, -1):
            if self.open[index].tag == tag:
                del self.open[index:]
                return

    def handle_data(self, data):
        current = self.open[-1]
        if current.tag in NEWLINE_DROPPED and not current.parts and data.startswith("\n"):
            # As browsers read it: one newline right after <textarea> or <pre> is not text
            # (Django's Textarea writes one).
            data = data[1:]
        current.parts.append(data)


def parse(html: str | bytes | Element) -> Element:
    """The document (tag ``#document``): its children are the top-level elements."""
    if isinstance(html, Element):
        return html
    parser = _Parser()
    parser.feed(html.decode() if isinstance(html, bytes) else html)
    parser.close()
    return parser.root


def find_all(html: str | bytes | Element, tag: str | None = None, **attrs) -> list[Element]:
    """Elements ``tag`` whose attributes include ``attrs`` (see ``Element.matches``)."""
    return parse(html).find_all(tag, **attrs)


def find(html: str | bytes | Element, tag: str | None = None, **attrs) -> Element | None:
    return parse(html).find(tag, **attrs)


def select(html: str | bytes | Element, selector: str) -> list[Element]:
    return parse(html).select(selector)


def select_one(html: str | bytes | Element, selector: str) -> Element | None:
    return parse(html).select_one(selector)


def visible_text(html: str | bytes | Element) -> str:
    """The page's text as a reader sees it (not its markup)."""
    return parse(html).visible_text


_COMPOUND = re.compile(
    r"""(?P<tag>[a-zA-Z][\w-]*|\*)?(?P<rest>(?:[#.][\w-]+|\[[\w-]+(?:=(?:"[^"]*"|'[^']*'|[^\]]*))?\])*)"""
)
_PART = re.compile(r"""([#.])([\w-]+)|\[([\w-]+)(?:=("[^"]*"|'[^']*'|[^\]]*))?\]""")


def _selector(selector: str) -> list[tuple[str, dict]]:
    """``div.a > p[x]`` as steps [(" ", {"tag": "div", "class": "a"}), (">", {...})]."""
    steps, combinator = [], " "
    for token in re.findall(r"""(?:[^\s>"']|"[^"]*"|'[^']*')+|>""", selector):
        if token == ">":
            combinator = ">"
            continue
        compound = _COMPOUND.fullmatch(token)
        if not compound:
            raise ValueError(f"not a selector this helper reads: {token!r}")
        wanted = {"tag": None if compound["tag"] in (None, "*") else compound["tag"]}
        classes = []
        for mark, name, attr, value in _PART.findall(compound["rest"]):
            if mark == "#":
                wanted["id"] = name
            elif mark == ".":
                classes.append(name)
            else:
                wanted[attr] = value.strip("\"'") if value else True
        if classes:
            wanted["class"] = " ".join(classes)
        steps.append((combinator, wanted))
        combinator = " "
    return steps


def _fits(element: Element, wanted: dict) -> bool:
    tag = wanted["tag"]
    return element.matches(tag, **{k + "_": v for k, v in wanted.items() if k != "tag"})


def _picked(element: Element, steps: list, ancestors: list[Element]) -> bool:
    """Whether ``element`` fits the last step and its ``ancestors`` (nearest last) the rest."""
    *before, (combinator, wanted) = steps
    if not _fits(element, wanted):
        return False
    if not before:
        return True
    if combinator == ">":
        return bool(ancestors) and _picked(ancestors[-1], before, ancestors[:-1])
    return any(_picked(a, before, ancestors[:i]) for i, a in enumerate(ancestors))
