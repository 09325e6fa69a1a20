"""Writes to the documents register that reach beyond one row: the references a document's
text makes, stored all at once. (The chain of revisions, corrigenda and addenda is kept by
Document.save itself, as it concerns documents only.)"""

from django.core.exceptions import ValidationError
from django.db import transaction

from agenda.models import Document, Reference
from agenda.references import Found, Kind, extract_references
from meetings.symbols import parse_resolution

MAX_TEXT_BYTES = 1_000_000


def cited_symbol(found: Found) -> str:
    """The register symbol a citation points to, by the UN's numbering conventions."""
    if found.kind == Kind.DOCUMENT:
        return found.target
    if found.kind in (Kind.RESOLUTION, Kind.DECISION):
        number = parse_resolution(found.target)
        return number.document_symbol(decision=found.kind == Kind.DECISION)
    return ""


def store_references(document: Document, text: str) -> list[Reference]:
    """Replace the document's references with those found in ``text`` (idempotent)."""
    found = extract_references(text)
    symbols = {f: cited_symbol(f) for f in found}
    with transaction.atomic():
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
        raise ValidationError(f"“{name}” is not a .txt or .md file: upload the text as plain text.")
    if len(data) > MAX_TEXT_BYTES:
        raise ValidationError(
            f"The text is {len(data):,} bytes; at most {MAX_TEXT_BYTES:,} are accepted."
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(
            f"The text is not UTF-8 (byte {exc.start + 1} cannot be read): save it as UTF-8 "
            "and upload it again."
        ) from None
    if not text.strip():
        raise ValidationError("The text is empty.")
    return text
