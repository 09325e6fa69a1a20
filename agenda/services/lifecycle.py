"""A session goes draft -> issued -> adopted -> closed.

Issuing is the first publication (agenda.services.publishing.publish), which freezes the numbers.
Adopting and closing are steps of the session itself; a superuser can take back the last one
when it was done by mistake (adopted -> issued, closed -> adopted).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from agenda.models import AgendaItem
from agenda.rules.numbering import numbering_problems
from agenda.services.locking import lock_session
from meetings.models import Session

Status = Session.Status

# action -> (statuses it may start from, status it leads to)
TRANSITIONS = {
    "adopt": ({Status.ISSUED}, Status.ADOPTED),
    "close": ({Status.ADOPTED}, Status.CLOSED),
}
# A mistaken step taken back (superusers only): from -> to.
UNDO = {Status.ADOPTED: Status.ISSUED, Status.CLOSED: Status.ADOPTED}


# For messages: what each action is called, and its past participle.
ACTION_NAMES = {
    "adopt": gettext_noop("adopt"),
    "close": gettext_noop("close"),
}
PAST = {
    "adopt": gettext_noop("adopted"),
    "close": gettext_noop("closed"),
}


def available_actions(session: Session) -> list[str]:
    return [
        action for action, (sources, _target) in TRANSITIONS.items() if session.status in sources
    ]


def _locked(session: Session) -> Session:
    lock_session(session.pk)
    return Session.objects.select_related("body").get(pk=session.pk)


def _check_transition(session: Session, action: str) -> None:
    sources, _target = TRANSITIONS[action]
    if session.status not in sources:
        allowed = ", ".join(_(ACTION_NAMES[a]) for a in available_actions(session)) or _("nothing")
        raise ValidationError(
            _(
                "A session that is “%(status)s” cannot be %(action)s; from here it can be: "
                "%(allowed)s."
            )
            % {
                "status": _(session.get_status_display()),
                "action": _(PAST[action]),
                "allowed": allowed,
            }
        )


def readiness_problems(session: Session) -> list[str]:
    """What must be put right before the provisional agenda can be issued."""
    problems = []
    items = list(AgendaItem.objects.filter(session=session))
    if not items:
        problems.append(_("The agenda has no items."))
    if not session.agenda_symbol:
        problems.append(_("The session has no agenda symbol (e.g. CTOC/COP/WG.3/2024/1)."))
    if not session.start_date:
        problems.append(_("The session has no dates."))
    problems += numbering_problems(items)
    return problems


def _move(session: Session, action: str) -> Session:
    with transaction.atomic():
        session = _locked(session)
        _check_transition(session, action)
        session.status = TRANSITIONS[action][1]
        session.save()
        return session


def adopt(session: Session) -> Session:
    """The body adopted its agenda at the opening of the session."""
    return _move(session, "adopt")


def close(session: Session) -> Session:
    return _move(session, "close")


def can_undo(session: Session, user) -> bool:
    return bool(user and user.is_superuser) and session.status in UNDO


def undo(session: Session, *, by) -> Session:
    """Take back a mistaken adoption or closure (superusers only)."""
    if not (by and by.is_superuser):
        raise ValidationError(_("Only an administrator can take back an adoption or a closure."))
    with transaction.atomic():
        session = _locked(session)
        if session.status not in UNDO:
            raise ValidationError(
                _("A session that is “%(status)s” has no step to take back.")
                % {"status": _(session.get_status_display())}
            )
        session.status = UNDO[session.status]
        session.save()
        return session
