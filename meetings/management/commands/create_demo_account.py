"""A secretariat account for trying the editor locally: `make run` calls this."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from meetings.models import Body

DEMO_BODY = "ctoc-cop-wg3"


class Command(BaseCommand):
    help = "Create (or reset) the demo secretariat account of the seeded body. DEBUG only."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="secretariat")

    def handle(self, *args, username, **options):
        if not settings.DEBUG:
            # Not an error: `make run` calls this in production-like runs too.
            self.stderr.write("No demo account: it is for development only (DEBUG is off).")
            return
        try:
            body = Body.objects.get(slug=DEMO_BODY)
        except Body.DoesNotExist:
            raise CommandError(f"Load the seeds first: no body “{DEMO_BODY}”.") from None
        # A fresh password each time, so a forgotten development database never keeps a
        # well-known one.
        password = secrets.token_urlsafe(9)
        user, _ = get_user_model().objects.get_or_create(username=username)
        user.set_password(password)
        user.save()
        body.secretariat.add(user)
        self.stdout.write(
            f"Demo secretariat account of {body}: user “{username}”, password “{password}”"
        )
