"""Write every session as <body>-<number>.json into a folder (the exchange format of
export_session): the portable half of a backup, read back with import_session."""

from pathlib import Path

from django.core.management.base import BaseCommand

from agenda.outputs.exchange import dumps, export_session
from meetings.models import Session


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("folder", help="where to write the files (created if missing)")

    def handle(self, folder, **options):
        target = Path(folder)
        target.mkdir(parents=True, exist_ok=True)
        sessions = Session.objects.select_related("body").order_by("body__slug", "number")
        for session in sessions:
            path = target / f"{session.body.slug}-{session.number}.json"
            path.write_text(dumps(export_session(session)), encoding="utf-8")
        self.stderr.write(f"Wrote {len(sessions)} sessions to {target}")
