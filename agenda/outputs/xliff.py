"""XLIFF 2.0 (urn:oasis:names:tc:xliff:document:2.0) for translators: written from a
language's translation status (agenda.reads.translation_status), read back safely.

One ``<unit>`` per segment, its id the segment's (``item-12-annotation``), one ``<segment>``
with the source in the session's original language and, when exporting everything, the
current target. The annotations' markup (footnote calls ``[^label]``, the ``- `` that starts
a list entry) is an inline code: ``<ph id="1" dataRef="d1" disp="[^a]"/>`` with the markup in
``<originalData>``, so that translation tools show it as a tag a translator moves but does not
type. Reading (``parse_xliff``) refuses DTDs, entities and external references (defusedxml:
no XXE, no billion laughs, no network), files above ``MAX_BYTES``, another format or version;
it gives each unit's source and target as text and codes, and the problems of each unit.
Whether the units fit a session is agenda.services.translations' business.
"""

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from django.utils.translation import gettext as _

from agenda.outputs.richtext import FOOTNOTE_REF

NS = "urn:oasis:names:tc:xliff:document:2.0"
VERSIONS = ("2.0", "2.1")  # 2.1 keeps the namespace and the core
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
MAX_BYTES = 2 * 1024 * 1024
CONTENT_TYPE = "application/xliff+xml; charset=utf-8"

# The markup of annotations (agenda.outputs.richtext: its footnote calls, and the "- " that
# starts a list item) a translator must not change.
MARKUP = re.compile(rf"{FOOTNOTE_REF.pattern}|^- ", re.MULTILINE)


def q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


@dataclass(frozen=True)
class Code:
    """An inline code: ``id`` within its unit, ``markup`` the text it stands for."""

    id: str
    markup: str = ""
    disp: str | None = None  # as read from a file
    data_ref: str | None = None


def pieces(text: str, like: list | None = None) -> list:
    """``text`` as text and codes, the codes numbered 1, 2, … in order; with ``like`` (the
    pieces of the source), a translation's codes take the ids of the source's codes with the
    same markup, in whatever order the translation has them (markup the source lacks stays
    text)."""
    free = [c for c in like if isinstance(c, Code)] if like is not None else None
    found, last = [], 0
    for n, match in enumerate(MARKUP.finditer(text), start=1):
        if free is None:
            code = Code(str(n), match.group())
        else:
            code = next((c for c in free if c.markup == match.group()), None)
            if code is None:
                continue
            free.remove(code)
        if match.start() > last:
            found.append(text[last : match.start()])
        found.append(code)
        last = match.end()
    if last < len(text):
        found.append(text[last:])
    return found


def codes(parts: list) -> list[Code]:
    return [p for p in parts if isinstance(p, Code)]


# --- writing ---------------------------------------------------------------------------------


def _inline(element, parts: list) -> None:
    last = None
    for part in parts:
        if isinstance(part, Code):
            last = ET.SubElement(
                element,
                q("ph"),
                {
                    "id": part.id,
                    "dataRef": f"d{part.id}",
                    "disp": part.markup,
                    "canCopy": "no",
                    "canDelete": "no",
                },
            )
        elif last is None:
            element.text = (element.text or "") + part
        else:
            last.tail = (last.tail or "") + part


@dataclass(frozen=True)
class ExportUnit:
    id: str
    note: str  # what the text is, for the translator
    source: str
    target: str = ""


def _indent(element, level: int) -> None:
    """Lines and indentation between structural elements only: inside a source or target
    every space is the text's own (xml:space="preserve")."""
    if element.tag in (q("source"), q("target"), q("data"), q("note")) or not len(element):
        return
    inner = "\n" + " " * (level + 1)
    element.text = inner
    for child in element:
        _indent(child, level + 1)
        child.tail = inner
    child.tail = "\n" + " " * level


def build_xliff(*, file_id: str, source_language: str, target_language: str, units) -> bytes:
    """The XLIFF 2.0 document of ``units`` (ExportUnit), UTF-8."""
    ET.register_namespace("", NS)
    root = ET.Element(
        q("xliff"), {"version": "2.0", "srcLang": source_language, "trgLang": target_language}
    )
    file = ET.SubElement(root, q("file"), {"id": file_id})
    for unit in units:
        element = ET.SubElement(file, q("unit"), {"id": unit.id, XML_SPACE: "preserve"})
        notes = ET.SubElement(element, q("notes"))
        ET.SubElement(notes, q("note"), {"category": "context"}).text = unit.note
        source = pieces(unit.source)
        if codes(source):
            data = ET.SubElement(element, q("originalData"))
            for code in codes(source):
                ET.SubElement(data, q("data"), {"id": f"d{code.id}"}).text = code.markup
        segment = ET.SubElement(element, q("segment"))
        _inline(ET.SubElement(segment, q("source")), source)
        if unit.target:
            _inline(ET.SubElement(segment, q("target")), pieces(unit.target, source))
    _indent(root, 0)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


# --- reading ---------------------------------------------------------------------------------


class XliffRejected(Exception):
    """The file cannot be read at all (problems of the whole file), or its units do not fit
    the session: ``problems`` is a list of (unit id or "", message)."""

    def __init__(self, problems: list[tuple[str, str]]):
        super().__init__("; ".join(f"{u}: {m}" if u else m for u, m in problems))
        self.problems = problems


@dataclass
class ReadUnit:
    id: str
    source: list = field(default_factory=list)
    target: list | None = None  # None: no <target>
    problems: list[str] = field(default_factory=list)


@dataclass
class ReadFile:
    source_language: str
    target_language: str
    units: list[ReadUnit]


def _read_inline(element, unit: ReadUnit, into: list) -> None:
    if element.text:
        into.append(element.text)
    for child in element:
        if child.tag == q("ph"):
            into.append(
                Code(child.get("id", ""), disp=child.get("disp"), data_ref=child.get("dataRef"))
            )
        elif child.tag == q("mrk"):  # an annotation around text: its content counts
            _read_inline(child, unit, into)
        elif child.tag == q("cp"):  # a character XML cannot carry; the validators judge it
            try:
                into.append(chr(int(child.get("hex", ""), 16)))
            except (ValueError, OverflowError):
                unit.problems.append(_("A <cp> element has no valid hex code point."))
        else:
            name = child.tag.rsplit("}", 1)[-1]
            unit.problems.append(
                _(
                    "The inline element <%(name)s> is not allowed here; keep only the placeholders "
                    "of the source."
                )
                % {"name": name}
            )
        if child.tail:
            into.append(child.tail)


def _read_unit(element) -> ReadUnit:
    unit = ReadUnit(element.get("id", ""))
    parts = [c for c in element if c.tag in (q("segment"), q("ignorable"))]
    if not parts:
        unit.problems.append(_("The unit has no segment."))
    for part in parts:
        source = part.find(q("source"))
        target = part.find(q("target"))
        if source is not None:
            _read_inline(source, unit, unit.source)
        if target is not None:
            unit.target = unit.target if unit.target is not None else []
            _read_inline(target, unit, unit.target)
        elif part.tag == q("ignorable") and source is not None:
            # an ignorable without target stands for itself (whitespace between segments)
            unit.target = unit.target if unit.target is not None else []
            _read_inline(source, unit, unit.target)
    return unit


def parse_xliff(data: bytes) -> ReadFile:
    """Read an XLIFF 2 document; XliffRejected if it is not one, or not safe to read."""
    if len(data) > MAX_BYTES:
        raise XliffRejected(
            [("", _("The file is larger than %(max)s MB.") % {"max": MAX_BYTES // (1024 * 1024)})]
        )
    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise XliffRejected(
            [("", _("The file declares a DTD or entities; XLIFF files have neither."))]
        ) from None
    except (ET.ParseError, ValueError) as exc:
        raise XliffRejected(
            [("", _("The file is not well-formed XML: %(error)s") % {"error": exc})]
        ) from None
    if root.tag != q("xliff"):
        raise XliffRejected(
            [
                (
                    "",
                    _("This is not an XLIFF 2.0 file (its root must be <xliff> in %(ns)s).")
                    % {"ns": NS},
                )
            ]
        )
    if root.get("version") not in VERSIONS:
        raise XliffRejected(
            [
                (
                    "",
                    _("XLIFF version %(version)s cannot be read; export the file again (2.0).")
                    % {"version": root.get("version") or "?"},
                )
            ]
        )
    units = [_read_unit(u) for file in root.findall(q("file")) for u in file.iter(q("unit"))]
    return ReadFile(root.get("srcLang", ""), root.get("trgLang", ""), units)
