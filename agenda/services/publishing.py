"""Publishing: the secretariat's working copy becomes a version delegates see.

A published version is immutable. It holds the whole session in the exchange format, the
register entries its Documentation lists print, and what calendars need per sitting. Every
public output is a function of the current version (agenda.reads.content.published_content).

- The first publication issues the agenda under its symbol (…/2024/1) and freezes numbers.
- A later change to the agenda document (session particulars, items, annotations,
  footnotes, Documentation lists, documents) is published, as the secretariat chooses, as a
  revision (…/2024/1/Rev.1: the whole document anew) or a corrigendum (…/2024/1/Corr.1 of the
  latest issue or revision). The new symbol enters the documents register, linked to its base.
- A change to meetings only (time, room, items taken up, cancellation) is a schedule update
  under the same symbol: timetable and feeds change, no new document.

Calendars: an event's SEQUENCE rises only when what that sitting's event shows changed
between two published versions (its fingerprint); a sitting a version drops stays in the
feeds as cancelled, one SEQUENCE higher.
"""

import datetime as dt
import functools
import hashlib
import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from agenda import published
from agenda.models import Document, PublishedVersion
from agenda.outputs.document_terms import document_title
from agenda.outputs.exchange import ImportFailed, export_session
from agenda.outputs.pdf.tasks import render_ahead
from agenda.reads import changes, search
from agenda.reads.content import LIGHT
from agenda.services.lifecycle import readiness_problems
from agenda.services.locking import lock_session
from meetings.models import RemovedSitting, Session
from meetings.symbols import clean_symbol
from meetings.translations import UN_LANGUAGES

Kind = PublishedVersion.Kind


def current_version(session: Session, *, light: bool = False) -> PublishedVersion | None:
    """The version delegates see; ``light``: without its content, register and calendar
    (for a page that shows only its number, symbol and date)."""
    found = PublishedVersion.objects.filter(session=session, is_current=True)
    return (found.defer(*LIGHT) if light else found).first()


def working_export(session: Session) -> dict:
    """The working copy in the exchange format, as it would be published."""
    return export_session(session)


def pending_changes(session: Session, language: str, current=None) -> list[changes.Section]:
    """What publishing now would change, against the current version (everything, if none)."""
    current = current if current is not None else current_version(session)
    working = working_export(session)
    working["register"] = _register(working, session)
    return changes.compare(changes.comparable(current) if current else None, working, language)


def document_symbol(session: Session) -> str:
    """The symbol of the latest issue or revision of the agenda: corrigenda correct it."""
    latest = (
        PublishedVersion.objects.filter(session=session, kind__in=[Kind.ISSUE, Kind.REVISION])
        .order_by("-number")
        .first()
    )
    return latest.symbol if latest else session.agenda_symbol


def next_symbol(session: Session, kind: str, current: PublishedVersion | None) -> str:
    if kind == Kind.ISSUE or not session.agenda_symbol:
        return session.agenda_symbol  # a session recorded without its symbol has none
    if kind == Kind.SCHEDULE:
        return current.symbol
    published = PublishedVersion.objects.filter(session=session)
    if kind == Kind.REVISION:
        n = published.filter(kind=Kind.REVISION).count() + 1
        return clean_symbol(f"{session.agenda_symbol}/Rev.{n}")
    base = document_symbol(session)
    n = published.filter(kind=Kind.CORRIGENDUM, symbol__startswith=f"{base}/Corr.").count() + 1
    return clean_symbol(f"{base}/Corr.{n}")


def _register_entry(session: Session, symbol: str, kind: str, day: dt.date) -> None:
    """The agenda document (or its revision or corrigendum) in the documents register."""
    existing = Document.objects.filter(symbol=symbol).first()
    if existing is not None:
        if existing.session_id not in (None, session.pk):
            raise ValidationError(
                _("The register already has %(symbol)s for another session.") % {"symbol": symbol}
            )
        return
    title = {lang: document_title(lang, session.title_variant) for lang in UN_LANGUAGES}
    document = Document(
        symbol=symbol,
        title=title,
        kind=Document.Kind.CORRIGENDUM
        if kind == Kind.CORRIGENDUM
        else Document.Kind.PROVISIONAL_AGENDA,
        session=session,
        issue_date=day,
        original_language=session.original_language,
        status=Document.Status.ISSUED,
    )
    document.full_clean()
    document.save()


def _register(content: dict, session: Session) -> list[dict]:
    """Corrigenda and addenda of the listed documents that the lists print with them: public
    ones, or the session's own (agenda.rules.ownership: another session's draft stays unseen)."""
    listed = {s for e in _entries(content["session"]["agenda"]) for s in e.get("documents", [])}
    present = {d["symbol"] for d in content["documents"]}
    shown = Q(pk__in=Document.objects.public().values("pk")) | Q(session=session)
    derived = Document.objects.filter(shown, base__symbol__in=listed).exclude(symbol__in=present)
    return [published.row(d, published.DOCUMENT, session) for d in derived.order_by("symbol")]


def _entries(agenda: list):
    for entry in agenda:
        yield entry
        yield from _entries(entry.get("items", []))


# --- calendars ---------------------------------------------------------------------------------


def _zone(content: dict) -> str:
    session = content["session"]
    venues = {v["slug"]: v for v in content["venues"]}
    body = next(b for b in content["bodies"] if b["slug"] == session["body"])
    return venues[session["venue"] or body["duty_station"]]["time_zone"]


# The names the fingerprints always gave these facts: renaming them would raise every event's
# SEQUENCE once, for nothing.
FINGERPRINT_NAMES = {"start_time": "start", "end_time": "end"}


def event_fingerprints(content: dict) -> dict[str, str]:
    """Sitting uid -> a digest of everything its calendar event shows: time and zone, room,
    cancellation, the items taken up (numbers, titles and their documents), the session's
    title, venue and body, the secretariat's address. Annotations and footnotes do not
    appear in events."""
    session = content["session"]
    titles = changes.item_titles(content)
    listed = changes.item_documents(content)
    registered = {d["symbol"]: d for d in content["documents"]}
    shared = {
        "zone": _zone(content),
        "title": session["title"],
        "venue": session["venue"],
        "venues": content["venues"],
        "bodies": [
            [b["slug"], b["name"], b["abbreviation"], b.get("organizer_email", "")]
            for b in content["bodies"]
        ],
    }
    found = {}
    for sitting in session["sittings"]:
        facts = published.in_feed(sitting)
        facts.pop("uid")  # the event's identity, not what it shows
        shown = {
            **{FINGERPRINT_NAMES.get(key, key): value for key, value in facts.items()},
            "items": [
                [n, titles.get(n), *_shown_documents(listed.get(n, []), registered)]
                for n in sitting["items"]
            ],
        }
        found[sitting["uid"]] = _digest([shared, shown])
    return found


def _shown_documents(symbols: list[str], registered: dict) -> list:
    """What an event shows of an item's documents (their lines; nothing for none, so that
    the fingerprints of events without documents are those they always were)."""
    return [
        [s, registered[s]["title"], registered[s]["status"], registered[s]["prepared_by"]]
        for s in symbols
        if s in registered
    ]


def _calendar(content: dict, previous: PublishedVersion | None, now: dt.datetime) -> dict:
    fingerprints = event_fingerprints(content)
    before = (previous.calendar if previous else {}) or {}
    old_events = before.get("events", {})
    removed = {r["uid"]: r for r in before.get("removed", [])}
    returning = RemovedSitting.objects.filter(
        uid__in=[u for u in fingerprints if u not in old_events]
    )
    tombstones = {str(t.uid): t for t in returning}
    events = {}
    for uid, fingerprint in fingerprints.items():
        old = old_events.get(uid)
        if old is not None:
            changed = old["fingerprint"] != fingerprint
            events[uid] = {
                "fingerprint": fingerprint,
                "sequence": old["sequence"] + 1 if changed else old["sequence"],
                "modified": now.isoformat() if changed else old["modified"],
            }
            continue
        # New, or back after calendars were told it was cancelled: continue above that.
        if uid in removed:
            sequence = removed.pop(uid)["sequence"] + 1
        elif uid in tombstones:
            sequence = tombstones[uid].sequence + 2
        else:
            sequence = 0
        events[uid] = {
            "fingerprint": fingerprint,
            "sequence": sequence,
            "modified": now.isoformat(),
        }
    if tombstones:
        RemovedSitting.objects.filter(pk__in=[t.pk for t in tombstones.values()]).delete()
    if previous is not None:
        zone = _zone(previous.content)
        for sitting in previous.content["session"]["sittings"]:
            uid = sitting["uid"]
            if uid in events or uid not in old_events:
                continue
            removed[uid] = {
                "uid": uid,
                "number": sitting["number"],
                "date": sitting["date"],
                "start_time": sitting["start_time"],
                "end_time": sitting["end_time"],
                "time_zone": zone,
                "sequence": old_events[uid]["sequence"] + 1,
                "removed_at": now.isoformat(),
            }
    return {"events": events, "removed": sorted(removed.values(), key=lambda r: r["uid"])}


def _digest(value) -> str:
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


# --- publishing ----------------------------------------------------------------------------


def publish(
    session: Session,
    *,
    by=None,
    kind: str | None = None,
    note: str = "",
    published_at: dt.datetime | None = None,
    check_ready: bool = True,
) -> PublishedVersion:
    """Publish the working copy as the next version. ``kind`` is needed (revision or
    corrigendum) when the agenda document changed after its first issue; otherwise it
    follows from what changed. Refused when nothing changed."""
    with transaction.atomic():
        lock_session(session.pk)  # the one lock order: the session row first
        session = Session.objects.with_body().get(pk=session.pk)
        current = current_version(session)
        now = published_at or timezone.now()
        if current is None:
            problems = readiness_problems(session) if check_ready else []
            if problems:
                raise ValidationError(problems)
            kind = Kind.ISSUE
            # The first issue is what makes the session public: its content says so.
            today = timezone.localtime(now, session.zone).date()
            if session.status == Session.Status.DRAFT:
                session.status = Session.Status.ISSUED
                session.issue_date = session.issue_date or today
            Session.objects.filter(pk=session.pk).update(
                status=session.status, issue_date=session.issue_date
            )
            day = session.issue_date or today
        else:
            day = timezone.localtime(now, session.zone).date()
        content = working_export(session)
        if current is not None:
            working = {**content, "register": _register(content, session)}
            sections = changes.compare(changes.comparable(current), working, "en")
            if not sections:
                raise ValidationError(
                    _(
                        "Nothing has changed since version %(number)s was published; there "
                        "is nothing to publish."
                    )
                    % {"number": current.number}
                )
            if not changes.changes_document(sections):
                kind = Kind.SCHEDULE
            elif kind not in (Kind.REVISION, Kind.CORRIGENDUM):
                raise ValidationError(
                    _(
                        "The agenda document changed: choose whether to publish it as a "
                        "revision or as a corrigendum."
                    )
                )
        symbol = next_symbol(session, kind, current)
        if kind != Kind.SCHEDULE and session.agenda_symbol:
            _register_entry(session, session.agenda_symbol, Kind.ISSUE, session.issue_date or day)
            if symbol != session.agenda_symbol:
                _register_entry(session, symbol, kind, day)
            content = working_export(session)  # with the session's new register entries
        register = _register(content, session)
        calendar = _calendar(content, current, now)
        days = [s["date"] for s in content["session"]["sittings"]]
        digest = _digest([content, register, calendar, symbol, str(day)])
        if current is not None:
            PublishedVersion.objects.filter(pk=current.pk).update(is_current=False)
        version = PublishedVersion.objects.create(
            session=session,
            number=(current.number if current else 0) + 1,
            kind=kind,
            symbol=symbol,
            issue_date=day,
            published_at=now,
            published_by=by,
            note=note.strip(),
            content=content,
            register=register,
            calendar=calendar,
            digest=digest,
            digest_number=int(digest[:7], 16),
            is_current=True,
            title=session.title,
            start_date=session.start_date,
            end_date=session.end_date,
            first_day=min(days) if days else None,
            last_day=max(days) if days else None,
        )
        search.index_version(version)  # what the site's search finds: this version only
        if settings.PDF_RENDER_AHEAD:
            # Once committed, its PDFs go on the task queue; a failure to enqueue them is
            # logged and leaves the publication alone (each is then rendered on request).
            transaction.on_commit(functools.partial(render_ahead, version), robust=True)
        return version


def publish_imported(session: Session) -> Session:
    """An imported session that was issued becomes its first published version, dated the
    day it was issued (at the start of that day in the venue's time)."""
    if session.status == Session.Status.DRAFT or current_version(session) is not None:
        return session
    first_sitting = session.sittings.order_by("date").first()
    day = session.issue_date or session.start_date or (first_sitting and first_sitting.date)
    moment = dt.datetime.combine(day, dt.time(0, 0), tzinfo=session.zone) if day else None
    try:
        publish(session, published_at=moment, check_ready=False)
    except ValidationError as exc:
        raise ImportFailed([f"session: {m}" for m in exc.messages]) from None
    return Session.objects.get(pk=session.pk)
