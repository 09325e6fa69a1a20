"""The language of each passage in the PDF's tag tree, for screen readers.

WeasyPrint tags the PDF (PDF/UA-1) with the document's language only, in the catalog: a
passage in another language (English not yet translated, in the Arabic version) would be
read out with the document's voice. PDF has a /Lang entry on each structure element for
this; WeasyPrint builds those elements in ``weasyprint.pdf.tags._build_box_tree``, one per
box, so this wraps that function to copy an element's ``lang`` attribute onto the structure
elements of its boxes. ``tests/agenda/test_pdf.py`` reads the tag tree back, so a WeasyPrint
that builds it otherwise fails there, not silently.
"""

import pydyf
from weasyprint.formatting_structure import boxes
from weasyprint.pdf import tags

_build_box_tree = tags._build_box_tree
# Their elements are not structure elements of their own: WeasyPrint passes their
# children through (the catalog carries the document's language).
_PASSED_THROUGH = ("html", "body")


def _build_with_language(box, parent, *args):
    own = box.element is not None and not isinstance(box, boxes.PageBox | boxes.MarginBox)
    language = box.element.get("lang") if own else None
    for element in _build_box_tree(box, parent, *args):
        if language and box.element_tag not in _PASSED_THROUGH and "Lang" not in element:
            element["Lang"] = pydyf.String(language)
        yield element


def install() -> None:
    """Idempotent; agenda.outputs.pdf.render calls it before rendering."""
    if tags._build_box_tree is not _build_with_language:
        tags._build_box_tree = _build_with_language
