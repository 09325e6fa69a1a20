"""The session exchange format (docs/session-format.schema.json, version 1).

``export_session`` writes a whole session as plain data; ``import_session`` validates a file
completely and writes it in one transaction, so an invalid file changes nothing.
"""

import json
import uuid
from functools import cache

import jsonschema
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from agenda import published
from agenda.models import AgendaItem, Document, DocumentLink, Footnote, ScheduledItem
from agenda.outputs import richtext
from agenda.published import date_data, parse_date
from agenda.reads.agenda import agenda_rows
from agenda.reads.organization import sitting_order
from agenda.rules import ownership
from agenda.rules.numbering import number_items, numbering_problems, ordered_tree
from meetings.models import Body, Session, Sitting, Venue
from meetings.symbols import clean_symbol, normalize_symbol
from meetings.translations import UN_LANGUAGES, clean_translations

FORMAT = "un-meetings/session"
VERSION = 1
SCHEMA_PATH = settings.BASE_DIR / "docs" / "session-format.schema.json"


class ImportFailed(Exception):
    """The file is invalid; ``errors`` lists every problem found, each with its place."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


class SessionExists(ImportFailed):
    pass


# The objects of the file made of published facts (agenda/published.py): their properties
# come from the declaration, the file's own (the structure around them) are added.
DECLARED_OBJECTS = {
    "item": published.ITEM,
    "footnote": published.FOOTNOTE,
    "sitting": published.SITTING,
    "document": published.DOCUMENT,
}


@cache
def schema() -> dict:
    """docs/session-format.schema.json, with the published facts' properties declared in
    agenda/published.py."""
    document = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    for name, facts in DECLARED_OBJECTS.items():
        written = document["$defs"][name]
        built = published.schema(facts)
        written["required"] = built["required"] + written["required"]
        written["properties"] = built["properties"] | written["properties"]
    return document


# --- export ----------------------------------------------------------------------------------


def venue_data(venue: Venue) -> dict:
    """A venue as the file writes it (the read API answers the same)."""
    return {
        "slug": venue.slug,
        "name": venue.name,
        "city": venue.city,
        "country": venue.country,
        "time_zone": venue.time_zone,
    }


def _body(body: Body) -> dict:
    data = {
        "slug": body.slug,
        "name": body.name,
        "abbreviation": body.abbreviation,
        "parent": body.parent.slug if body.parent else None,
        "symbol_prefix": body.symbol_prefix,
        "duty_station": body.duty_station.slug,
    }
    if body.organizer_email:  # optional: files written before it existed stay the same
        data["organizer_email"] = body.organizer_email
    return data


# Optional session fields, written only when they differ from their default, so that the
# files (and published versions) of sessions that never set them stay byte for byte the same.
OPTIONAL_SESSION_FIELDS = {
    "title_variant": Session.TitleVariant.AGENDA_AND_ANNOTATIONS,
    "job_number": "",
}


def export_session(session: Session) -> dict:
    session = Session.objects.with_body().get(pk=session.pk)
    bodies = [*reversed(session.body.ancestors()), session.body]
    venues = {body.duty_station.slug: body.duty_station for body in bodies}
    if session.venue:
        venues[session.venue.slug] = session.venue

    rows = agenda_rows(session)
    items, links = rows.items, rows.documents
    numbers = number_items(items)

    def item_data(item, subs) -> dict:
        data = published.row(item, published.ITEM)
        if item.pk in rows.footnotes:
            data["footnotes"] = [
                published.row(fn, published.FOOTNOTE) for fn in rows.footnotes[item.pk]
            ]
        if item.pk in links:
            data["documents"] = [doc.symbol for doc in links[item.pk]]
        if subs:
            data["items"] = [item_data(sub, []) for sub in subs]
        return data

    scheduled = {}
    for row in ScheduledItem.objects.filter(sitting__session=session).order_by("position", "pk"):
        scheduled.setdefault(row.sitting_id, []).append(numbers[row.item_id])
    sittings = sorted(session.sittings.all(), key=sitting_order)

    documents = {doc.symbol: doc for docs in links.values() for doc in docs}
    documents.update({doc.symbol: doc for doc in session.documents.all()})

    return {
        "format": FORMAT,
        "version": VERSION,
        "venues": [venue_data(venues[slug]) for slug in sorted(venues)],
        "bodies": [_body(body) for body in bodies],
        "session": {
            "body": session.body.slug,
            "number": session.number,
            "title": session.title,
            "venue": session.venue.slug if session.venue else None,
            "start_date": date_data(session.start_date),
            "end_date": date_data(session.end_date),
            "format": session.format,
            "interpretation_languages": session.interpretation_languages,
            "status": session.status,
            "agenda_symbol": session.agenda_symbol,
            "issue_date": date_data(session.issue_date),
            "original_language": session.original_language,
            "distribution": session.distribution,
            **{
                name: getattr(session, name)
                for name, default in OPTIONAL_SESSION_FIELDS.items()
                if getattr(session, name) != default
            },
            "agenda": [item_data(item, subs) for item, subs in ordered_tree(items)],
            "sittings": [
                {
                    **published.row(s, published.SITTING),
                    "items": scheduled.get(s.pk, []),
                }
                for s in sittings
            ],
        },
        "documents": [
            published.row(doc, published.DOCUMENT, session)
            for doc in (documents[symbol] for symbol in sorted(documents))
        ],
    }


def text_languages(data) -> list[str]:
    """The languages of the texts in a file (its objects keyed by language), in UN order."""
    found = set()

    def walk(value):
        if isinstance(value, dict):
            if value and set(value) <= set(UN_LANGUAGES):
                found.update(code for code, text in value.items() if isinstance(text, str))
            else:
                for inner in value.values():
                    walk(inner)
        elif isinstance(value, list):
            for inner in value:
                walk(inner)

    walk(data)
    return [code for code in UN_LANGUAGES if code in found]


def dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# --- import ----------------------------------------------------------------------------------


class _Importer:
    def __init__(self, data: dict, replace: bool):
        self.data = data
        self.replace = replace
        self.errors: list[str] = []
        # Documents of the session being replaced: the importing body's, though the deletion
        # of the session leaves them with none.
        self.replaced_documents: set[int] = set()

    def fail(self, where: str, error) -> None:
        if isinstance(error, ValidationError):
            if hasattr(error, "error_dict"):
                for field, messages in error.message_dict.items():
                    place = where if field == "__all__" else f"{where}.{field}"
                    self.errors.extend(f"{place}: {m}" for m in messages)
                return
            self.errors.extend(f"{where}: {m}" for m in error.messages)
        else:
            self.errors.append(f"{where}: {error}")

    def save(self, where: str, obj, **clean_kwargs) -> bool:
        try:
            obj.full_clean(**clean_kwargs)
        except ValidationError as exc:
            self.fail(where, exc)
            return False
        obj.save()
        return True

    def run(self) -> Session:
        validator = jsonschema.Draft202012Validator(
            schema(), format_checker=jsonschema.FormatChecker()
        )
        structural = sorted(validator.iter_errors(self.data), key=lambda e: list(e.path))
        if structural:
            raise ImportFailed([f"{_path(e.absolute_path)}: {_message(e)}" for e in structural])
        venues = self.import_venues()
        bodies = self.import_bodies(venues)
        if self.errors:
            raise ImportFailed(self.errors)
        session = self.import_session(bodies, venues)
        if self.errors:
            raise ImportFailed(self.errors)
        documents = self.import_documents(session)
        items = self.import_agenda(session, documents)
        self.import_sittings(session, items)
        if self.errors:
            raise ImportFailed(self.errors)
        return session

    def import_venues(self) -> dict[str, Venue]:
        venues = {
            v.slug: v
            for v in Venue.objects.filter(slug__in=[v["slug"] for v in self.data["venues"]])
        }
        for n, data in enumerate(self.data["venues"]):
            if data["slug"] in venues:
                continue  # an existing venue is matched, not overwritten
            venue = Venue(
                slug=data["slug"],
                name=clean_translations(data["name"]),
                city=clean_translations(data["city"]),
                country=data["country"],
                time_zone=data["time_zone"],
            )
            if self.save(f"venues[{n}]", venue):
                venues[venue.slug] = venue
        return venues

    def import_bodies(self, venues) -> dict[str, Body]:
        bodies = {
            b.slug: b
            for b in Body.objects.filter(slug__in=[b["slug"] for b in self.data["bodies"]])
        }
        for n, data in enumerate(self.data["bodies"]):
            if data["slug"] in bodies:
                continue
            where = f"bodies[{n}]"
            parent = None
            if data["parent"]:
                parent = (
                    bodies.get(data["parent"]) or Body.objects.filter(slug=data["parent"]).first()
                )
                if parent is None:
                    self.fail(
                        where,
                        f"parent “{data['parent']}” is neither listed before "
                        "this body nor known already.",
                    )
                    continue
            station = venues.get(data["duty_station"])
            if station is None:
                self.fail(where, f"duty station “{data['duty_station']}” is not in venues.")
                continue
            body = Body(
                slug=data["slug"],
                name=clean_translations(data["name"]),
                abbreviation=data["abbreviation"],
                parent=parent,
                symbol_prefix=data["symbol_prefix"],
                duty_station=station,
                organizer_email=data.get("organizer_email", ""),
            )
            if self.save(where, body):
                bodies[body.slug] = body
        return bodies

    def import_session(self, bodies, venues) -> Session | None:
        data = self.data["session"]
        body = bodies.get(data["body"])
        if body is None:
            self.fail("session.body", f"“{data['body']}” is not in bodies.")
            return None
        venue = None
        if data["venue"]:
            venue = venues.get(data["venue"])
            if venue is None:
                self.fail("session.venue", f"“{data['venue']}” is not in venues.")
                return None
        existing = Session.objects.filter(body=body, number=data["number"]).first()
        if existing is not None:
            if not self.replace:
                raise SessionExists(
                    [
                        f"session: {body.slug} already has session {data['number']}; "
                        "import with --replace to overwrite it."
                    ]
                )
            self.replaced_documents = set(existing.documents.values_list("pk", flat=True))
            existing.delete()
        session = Session(
            body=body,
            number=data["number"],
            title=clean_translations(data["title"]),
            venue=venue,
            start_date=parse_date(data["start_date"]),
            end_date=parse_date(data["end_date"]),
            format=data["format"],
            interpretation_languages=data["interpretation_languages"],
            status=data["status"],
            agenda_symbol=data["agenda_symbol"],
            issue_date=parse_date(data["issue_date"]),
            original_language=data["original_language"],
            distribution=data["distribution"],
            **{name: data.get(name, default) for name, default in OPTIONAL_SESSION_FIELDS.items()},
        )
        self.save("session", session)
        return session

    def import_documents(self, session) -> dict[str, Document]:
        """The file's documents, by the rule of agenda.rules.ownership: the importing body's own are
        written as the file says; another body's public ones are linked as they are (a file
        that would change them is refused, naming what differs); others are new entries,
        which the body may add only where it could list them."""
        body = session.body
        symbols = [normalize_symbol(data["symbol"]) for data in self.data["documents"]]
        canonical = {}
        for n, symbol in enumerate(symbols):
            try:
                canonical[symbol] = clean_symbol(symbol)
            except ValidationError as exc:
                self.fail(f"documents[{n}].symbol", exc)
        stored = {
            d.symbol: d
            for d in Document.objects.filter(symbol__in=canonical.values()).select_related(
                "session__body"
            )
        }
        owned = {
            symbol
            for symbol, document in stored.items()
            if document.pk in self.replaced_documents
            or getattr(ownership.document_owner(document), "pk", None) == body.pk
        }
        ownership.lock_sessions(*(stored[symbol].session_id for symbol in owned))
        visible = set(
            ownership.visible_documents(body=body)
            .filter(pk__in=[d.pk for d in stored.values()])
            .values_list("symbol", flat=True)
        )
        documents = {}
        for n, data in enumerate(self.data["documents"]):
            where = f"documents[{n}]"
            symbol = symbols[n]
            if symbol not in canonical:
                continue  # an invalid symbol, reported above
            if symbol in documents:
                self.fail(where, f"{symbol} is listed twice.")
                continue
            values = published.values(data, published.DOCUMENT, importing=True)
            values.pop("symbol")  # canonical, matched above
            document = stored.get(canonical[symbol])
            if document is not None and document.symbol not in owned:
                if document.symbol in visible:
                    self.link_as_it_is(where, symbol, document, values, data["session"], documents)
                else:  # another body's unpublished document: as if unknown, but taken
                    self.fail(where, ownership.reserved_problem(document.symbol))
                continue
            if document is None:
                problem = (
                    ownership.new_entry_problem(body, canonical[symbol])
                    if data["session"]
                    else ownership.chain_problem(body, canonical[symbol])
                )
                if problem:
                    self.fail(where, problem)
                    continue
                document = Document(symbol=symbol)
            for name, value in values.items():
                setattr(document, name, value)
            if data["session"]:
                document.session = session
            elif document.session_id == session.pk:
                document.session = None
            if self.save(where, document):
                documents[symbol] = document
        return documents

    def link_as_it_is(self, where, symbol, document, values, in_session, documents) -> None:
        """Another body's document: listed under the items that name it, never changed."""
        differs = [name for name, value in values.items() if getattr(document, name) != value]
        if in_session:
            differs.append("session")
        if not differs:
            documents[symbol] = document
            return
        owner = ownership.document_owner(document)
        self.fail(
            where,
            _(
                "%(symbol)s belongs to %(owner)s, and this file would change its %(fields)s: "
                "only that body's secretariat may. Make the file match the register, or leave "
                "the document out; nothing was imported."
            )
            % {
                "symbol": document.symbol,
                "owner": ownership.body_name(owner) if owner else _("no body"),
                "fields": ", ".join(differs),
            },
        )

    def import_agenda(self, session, documents) -> dict[str, AgendaItem]:
        created = []

        def add(data, where, parent, position):
            item = AgendaItem(
                session=session,
                parent=parent,
                position=position,
                **published.values(data, published.ITEM, importing=True),
            )
            if not item.title:
                self.fail(
                    f"{where}.title", "An agenda item needs a title in at least one language."
                )
            if not self.save(where, item):
                return
            created.append(item)
            labels = set()
            for k, fn in enumerate(data.get("footnotes", [])):
                labels.add(fn["label"])
                self.save(
                    f"{where}.footnotes[{k}]",
                    Footnote(item=item, **published.values(fn, published.FOOTNOTE, importing=True)),
                )
            for language, text in item.annotation.items():
                for label in richtext.footnote_labels(text):
                    if label not in labels:
                        self.fail(
                            f"{where}.annotation.{language}",
                            f"[^{label}] refers to a footnote this item does not have.",
                        )
            for k, symbol in enumerate(data.get("documents", [])):
                document = documents.get(normalize_symbol(symbol))
                if document is None:
                    self.fail(
                        f"{where}.documents[{k}]",
                        f"{symbol} is not in the file's documents list.",
                    )
                    continue
                DocumentLink.objects.create(item=item, document=document, position=k)
            for k, sub in enumerate(data.get("items", [])):
                add(sub, f"{where}.items[{k}]", item, k)

        for n, data in enumerate(self.data["session"]["agenda"]):
            add(data, f"session.agenda[{n}]", None, n)
        self.errors.extend(f"session.agenda: {p}" for p in numbering_problems(created))
        numbers = number_items(created)
        return {numbers[item.pk]: item for item in created}

    def sitting_uids(self) -> dict[int, uuid.UUID]:
        """The file's sitting uids by position, refusing ones used twice or by other sittings.
        A uid whose sitting was deleted may come back: publishing continues its calendar
        sequence above the cancellation calendars were sent (agenda.services.publishing)."""
        position = {}  # uid -> its first place; only usable uids, so that saving never collides
        for n, data in enumerate(self.data["session"]["sittings"]):
            if "uid" not in data:
                continue
            uid = uuid.UUID(data["uid"])
            if uid in position:
                self.fail(
                    f"session.sittings[{n}].uid",
                    f"{uid} is already the uid of session.sittings[{position[uid]}].",
                )
            else:
                position[uid] = n
        in_use = Sitting.objects.filter(uid__in=position).select_related("session__body")
        for sitting in in_use:
            self.fail(
                f"session.sittings[{position.pop(sitting.uid)}].uid",
                f"{sitting.uid} is already the uid of meeting {sitting.number} of "
                f"{sitting.session.body.slug} session {sitting.session.number}.",
            )
        return {n: uid for uid, n in position.items()}

    def import_sittings(self, session, items) -> None:
        uids = self.sitting_uids()
        for n, data in enumerate(self.data["session"]["sittings"]):
            where = f"session.sittings[{n}]"
            fields = published.values(data, published.SITTING, importing=True)
            fields.pop("uid", None)  # checked by sitting_uids
            sitting = Sitting(session=session, **fields)
            if n in uids:
                sitting.uid = uids[n]
            # validate_unique would check each uid again, one query per sitting
            if not self.save(where, sitting, validate_unique=False):
                continue
            for k, number in enumerate(data["items"]):
                item = items.get(number)
                if item is None:
                    self.fail(f"{where}.items[{k}]", f"the agenda has no item {number}.")
                    continue
                ScheduledItem.objects.create(sitting=sitting, item=item, position=k)


def _path(parts) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(file)"


def _message(error: jsonschema.ValidationError) -> str:
    """jsonschema quotes the offending value whole: a 10 MB title would be echoed back."""
    if error.validator == "maxLength":
        return (
            f"a text of {len(error.instance):,} characters; at most {error.validator_value:,} "
            "are allowed."
        )
    return error.message if len(error.message) <= 300 else error.message[:300] + "…"


def import_session(data, *, replace: bool = False) -> Session:
    """Validate and write a whole session; raise ImportFailed and write nothing on any error.
    A session the file says is issued (or later) is published as its first version, dated
    the day the file says it was issued, as it is what delegates saw."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ImportFailed([f'(file): not a session file (expected "format": "{FORMAT}").'])
    if data.get("version") != VERSION:
        raise ImportFailed(
            [
                f"(file): format version {data.get('version')!r} is not supported "
                f"(this installation reads version {VERSION})."
            ]
        )
    # publishing exports sessions in this format: imported here, not at the top
    from agenda.services.publishing import publish_imported

    try:
        with transaction.atomic():
            return publish_imported(_Importer(data, replace).run())
    except RecursionError:
        raise ImportFailed(["(file): the data is nested too deeply to be a session."]) from None
