"""Accounts for trying the site locally: `make run` calls this. A secretariat member of the
seeded body (the editor) and an administrator (bodies, the admin)."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from meetings.models import Body

DEMO_BODY = "ctoc-cop-wg3"


def _with_fresh_password(username: str, **flags):
    """The user, created if need be, with ``flags`` set and a new random password; a fresh
    one each time, so that a forgotten development database never keeps a well-known one."""
    password = secrets.token_urlsafe(9)
    user, _ = get_user_model().objects.get_or_create(username=username)
    for name, value in flags.items():
        setattr(user, name, value)
    user.set_password(password)
    user.save()
    return user, password


class Command(BaseCommand):
    help = (
        "Create (or reset) the demo secretariat account of the seeded body and a demo "
        "administrator. DEBUG only."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="secretariat")
        parser.add_argument("--admin-username", default="admin")

    def handle(self, *args, username, admin_username, **options):
        if not settings.DEBUG:
            # Not an error: `make run` calls this in production-like runs too.
            self.stderr.write("No demo account: it is for development only (DEBUG is off).")
            return
        try:
            body = Body.objects.get(slug=DEMO_BODY)
        except Body.DoesNotExist:
            raise CommandError(f"Load the seeds first: no body “{DEMO_BODY}”.") from None
        user, password = _with_fresh_password(username)
        body.secretariat.add(user)
        self.stdout.write(
            f"Demo secretariat account of {body}: user “{username}”, password “{password}”"
        )
        _admin, password = _with_fresh_password(
            admin_username, is_staff=True, is_superuser=True, is_active=True
        )
        self.stdout.write(
            f"Demo administrator (creates bodies; /admin/): user “{admin_username}”, "
            f"password “{password}”"
        )
