"""Creating a session and editing its particulars (number, title, dates, symbol …)."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from meetings.models import Body, Session
from meetings.translations import with_translation

DETAIL_FIELDS = [
    "number",
    "start_date",
    "end_date",
    "venue",
    "format",
    "agenda_symbol",
    "title_variant",
    "job_number",
    "issue_date",
    "distribution",
    "original_language",
    "interpretation_languages",
]


def next_number(body: Body) -> int:
    return (Session.objects.filter(body=body).aggregate(n=Max("number"))["n"] or 0) + 1


def save_session(session: Session, *, title: str, language: str, **details) -> Session:
    """Create (``session.pk`` is None) or update a session from the editor's form. Raises
    ValidationError, with messages per field, and saves nothing if anything is wrong."""
    with transaction.atomic():
        for name, value in details.items():
            setattr(session, name, value)
        session.title = with_translation(session.title, language, title)
        if not session.title.get(session.original_language):
            raise ValidationError(
                {"title": _("Give the title in the session's original language first.")}
            )
        session.full_clean()
        try:
            with transaction.atomic():
                session.save()
        except IntegrityError:
            # Two members saved the same number (or symbol) at once: the other's row is
            # committed now, so the check that let this one through names the conflict.
            session.full_clean()
            raise
        return session
