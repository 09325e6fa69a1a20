"""Read a document's text (.txt or .md, UTF-8) and store what it cites as the document's
references, replacing those found before."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from agenda.models import Document
from agenda.services.register import read_text, store_references
from meetings.symbols import clean_symbol


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("symbol", help="the citing document, e.g. A/RES/58/140")
        parser.add_argument("file", help="its text, e.g. seeds/source/001_….txt")

    def handle(self, symbol, file, **options):
        try:
            symbol = clean_symbol(symbol)
            text = read_text(Path(file).read_bytes(), Path(file).name)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror}.") from None
        document = Document.objects.filter(symbol=symbol).first()
        if document is None:
            raise CommandError(f"{symbol} is not in the register.")
        try:
            references = store_references(document, text)
        except ValidationError as exc:  # more citations than one document may record
            raise CommandError(" ".join(exc.messages)) from None
        linked = sum(1 for r in references if r.cited_id)
        self.stdout.write(
            f"{symbol}: {len(references)} references, {linked} to documents in the register."
        )
