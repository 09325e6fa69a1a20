"""A session's provisional agenda goes draft -> issued -> adopted -> closed.

Issuing publishes the agenda, freezes its numbers and records an immutable IssuedVersion;
issuing again (after late changes) records the next version.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from agenda.models import AgendaItem, IssuedVersion
from agenda.numbering import numbering_problems
from agenda.versions import snapshot
from meetings.models import Session

Status = Session.Status

# action -> (statuses it may start from, status it leads to, past tense for messages)
TRANSITIONS = {
    "issue": ({Status.DRAFT, Status.ISSUED}, Status.ISSUED),
    "adopt": ({Status.ISSUED}, Status.ADOPTED),
    "close": ({Status.ADOPTED}, Status.CLOSED),
}


# For messages: what each action is called, and its past participle.
ACTION_NAMES = {
    "issue": gettext_noop("issue"),
    "adopt": gettext_noop("adopt"),
    "close": gettext_noop("close"),
}
PAST = {
    "issue": gettext_noop("issued"),
    "adopt": gettext_noop("adopted"),
    "close": gettext_noop("closed"),
}


def available_actions(session: Session) -> list[str]:
    return [
        action for action, (sources, _target) in TRANSITIONS.items() if session.status in sources
    ]


def _locked(session: Session) -> Session:
    return Session.objects.select_for_update().select_related("body").get(pk=session.pk)


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


def issue(session: Session, *, by=None) -> IssuedVersion:
    with transaction.atomic():
        session = _locked(session)
        _check_transition(session, "issue")
        problems = readiness_problems(session)
        if problems:
            raise ValidationError(problems)
        content = snapshot(session)
        versions = IssuedVersion.objects.filter(session=session)
        last = versions.order_by("-number").first()
        if last is not None and last.snapshot == content:
            raise ValidationError(
                _(
                    "Nothing has changed since version %(number)s was issued; there is nothing "
                    "to issue again."
                )
                % {"number": last.number}
            )
        session.status = Status.ISSUED
        if not session.issue_date:
            session.issue_date = timezone.localdate()
        session.save()
        number = (versions.aggregate(n=Max("number"))["n"] or 0) + 1
        return IssuedVersion.objects.create(
            session=session,
            number=number,
            issued_at=timezone.now(),
            issued_by=by,
            snapshot=content,
        )


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
