"""Writes to the documents register that reach beyond one row: the references a document's
text makes, stored all at once. (The chain of revisions, corrigenda and addenda is kept by
Document.save itself, as it concerns documents only.)

Who may store them is agenda.rules.ownership's rule, checked by the callers (the upload view; the
``extract_references`` command is the operator's). What is stored is bounded: one row per
citing document, cited target and position range, and at most MAX_REFERENCES per document,
so that no upload can make a document's page (or the register) grow without end.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from agenda.models import Document, Reference
from agenda.rules.ownership import lock_sessions
from agenda.rules.references import Found, Kind, extract_references
from meetings.symbols import parse_resolution
from meetings.validators import printable

MAX_TEXT_BYTES = 1_000_000
# A long report cites a few hundred documents, resolutions and meetings; ten times that is
# no longer a text to index but a flood.
MAX_REFERENCES = 2_000


def cited_symbol(found: Found) -> str:
    """The register symbol a citation points to, by the UN's numbering conventions."""
    if found.kind == Kind.DOCUMENT:
        return found.target
    if found.kind in (Kind.RESOLUTION, Kind.DECISION):
        number = parse_resolution(found.target)
        return number.document_symbol(decision=found.kind == Kind.DECISION)
    return ""


def distinct_references(found: list[Found]) -> list[Found]:
    """One per cited target and position range (the first found, in reading order)."""
    unique = {}
    for f in found:
        unique.setdefault((f.target, f.start, f.end), f)
    return list(unique.values())


def store_references(document: Document, text: str) -> list[Reference]:
    """Replace the document's references with those found in ``text`` (idempotent). More
    than MAX_REFERENCES is refused whole (ValidationError), and nothing changes."""
    found = distinct_references(extract_references(text))
    if len(found) > MAX_REFERENCES:
        raise ValidationError(
            _(
                "The text makes %(count)s citations; at most %(max)s are recorded for one "
                "document. Nothing was stored: check that this is the text of %(symbol)s."
            ),
            code="too_many_references",
            params={
                "count": f"{len(found):,}",
                "max": f"{MAX_REFERENCES:,}",
                "symbol": document.symbol,
            },
        )
    symbols = {f: cited_symbol(f) for f in found}
    with transaction.atomic():
        lock_sessions(document.session_id)
        registered = {
            d.symbol: d for d in Document.objects.filter(symbol__in=set(symbols.values()) - {""})
        }
        Reference.objects.filter(citing=document).delete()
        return Reference.objects.bulk_create(
            Reference(
                citing=document,
                cited=registered.get(symbols[f])
                if registered.get(symbols[f]) != document
                else None,
                kind=f.kind,
                text=f.text[:200],
                target=f.target,
                start=f.start,
                end=f.end,
            )
            for f in found
        )


def read_text(data: bytes, name: str = "") -> str:
    """An uploaded text (.txt or .md, UTF-8, at most MAX_TEXT_BYTES), or ValidationError."""
    if name and not name.lower().endswith((".txt", ".md")):
        raise ValidationError(
            _("“%(name)s” is not a .txt or .md file: upload the text as plain text.")
            % {"name": printable(name)}
        )
    if len(data) > MAX_TEXT_BYTES:
        raise ValidationError(
            _("The text is %(size)s bytes; at most %(max)s are accepted.")
            % {"size": f"{len(data):,}", "max": f"{MAX_TEXT_BYTES:,}"}
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(
            _(
                "The text is not UTF-8 (byte %(byte)s cannot be read): save it as UTF-8 and "
                "upload it again."
            )
            % {"byte": exc.start + 1}
        ) from None
    if not text.strip():
        raise ValidationError(_("The text is empty."))
    return text
