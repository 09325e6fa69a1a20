import json

from django.core.management.base import BaseCommand, CommandError

from agenda.outputs.exchange import ImportFailed, import_session


class Command(BaseCommand):
    help = "Read a session file; nothing is written unless the whole file is valid."

    def add_arguments(self, parser):
        parser.add_argument("file", help="a session JSON file")
        parser.add_argument(
            "--replace", action="store_true", help="replace the session if it already exists"
        )

    def handle(self, file, replace=False, **options):
        try:
            with open(file, encoding="utf-8") as fh:
                data = json.load(fh)
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror}.") from None
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise CommandError(f"{file} is not valid JSON: {exc}.") from None
        except RecursionError:
            raise CommandError(f"{file} is nested too deeply to be a session file.") from None
        try:
            session = import_session(data, replace=replace)
        except ImportFailed as exc:
            raise CommandError(
                f"{file} was not imported; nothing was changed:\n  " + "\n  ".join(exc.errors)
            ) from None
        self.stdout.write(f"Imported {session.body.slug} session {session.number}.")
