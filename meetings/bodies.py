"""Creating and changing bodies from the site: administrators (superusers) only."""

from django.db import transaction

from meetings.models import Body


def save_body(body: Body, *, secretariat) -> Body:
    """Create (``body.pk`` is None) or update ``body`` and set its secretariat to exactly
    ``secretariat`` (users). Raises ValidationError, per field, and saves nothing if anything
    is wrong."""
    with transaction.atomic():
        body.full_clean()
        body.save()
        body.secretariat.set(secretariat)
    return body
