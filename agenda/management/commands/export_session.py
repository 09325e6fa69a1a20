from django.core.management.base import BaseCommand, CommandError

from agenda.outputs.exchange import dumps, export_session
from meetings.models import Session


class Command(BaseCommand):
    help = "Write a whole session as JSON (docs/session-format.schema.json)."

    def add_arguments(self, parser):
        parser.add_argument("body", help="slug of the body, e.g. ctoc-cop-wg3")
        parser.add_argument("number", type=int, help="session number, e.g. 15")
        parser.add_argument("-o", "--output", help="file to write (default: standard output)")

    def handle(self, body, number, output=None, **options):
        session = Session.objects.filter(body__slug=body, number=number).first()
        if session is None:
            raise CommandError(f"No session {number} of body “{body}”.")
        text = dumps(export_session(session))
        if output:
            with open(output, "w", encoding="utf-8") as fh:
                fh.write(text)
            self.stderr.write(f"Wrote {output}")
        else:
            self.stdout.write(text, ending="")
