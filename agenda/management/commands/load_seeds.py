import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from agenda.outputs.exchange import ImportFailed, SessionExists, import_session

SEEDS_DIR = settings.BASE_DIR / "seeds"


class Command(BaseCommand):
    help = "Load the demo sessions in seeds/*.json; sessions already present are left as they are."

    def handle(self, **options):
        loaded = skipped = 0
        for path in sorted(SEEDS_DIR.glob("*.json")):
            data = json.loads(path.read_text(encoding="utf-8"))
            try:
                import_session(data)
            except SessionExists:
                skipped += 1
            except ImportFailed as exc:
                raise CommandError(f"{path.name}:\n  " + "\n  ".join(exc.errors)) from None
            else:
                loaded += 1
        self.stdout.write(f"Seed sessions: {loaded} loaded, {skipped} already present.")
