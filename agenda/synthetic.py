"""Synthetic secretariats for benchmarks: bodies with years of sessions, each with a full
agenda (items and sub-items, annotations with footnotes, Documentation lists), its documents
and its sittings, in English and Chinese. Deterministic: the same seed gives the same rows.

Rows are bulk-created; then every session is published as its first version, as delegates
would see it.
"""

import datetime as dt
import random
import uuid
from dataclasses import dataclass

from django.db import transaction

from agenda.models import AgendaItem, Document, DocumentLink, Footnote, ScheduledItem
from agenda.services.publishing import publish
from meetings.models import Body, Session, Sitting, Venue

TOPICS = [
    ("international cooperation in criminal matters", "刑事事项国际合作"),
    ("extradition and mutual legal assistance", "引渡和司法协助"),
    ("the protection of witnesses and victims", "保护证人和被害人"),
    ("the use of electronic evidence", "使用电子证据"),
    ("asset recovery and confiscation", "资产追回和没收"),
    ("technical assistance and capacity-building", "技术援助和能力建设"),
    ("the review mechanism of the Convention", "公约审议机制"),
    ("trafficking in persons and smuggling of migrants", "贩运人口和偷运移民"),
    ("firearms and their parts and components", "枪支及其零部件"),
    ("cooperation with civil society and the private sector", "与民间社会和私营部门的合作"),
]
EN_SENTENCES = [
    "The Working Group may wish to consider {t} and to provide guidance to the secretariat.",
    "In its resolution, the Conference requested the secretariat to report on {t}.",
    "Delegations are invited to share national experiences and good practices on {t}.",
    "A background paper prepared by the secretariat will facilitate the discussion of {t}.",
    "Panellists from different regions will introduce the discussion of {t}.",
]
ZH_SENTENCES = [
    "工作组不妨审议{t}，并向秘书处提供指导。",
    "缔约方会议在其决议中请秘书处报告{t}的情况。",
    "请各代表团交流关于{t}的国家经验和良好做法。",
    "秘书处编写的背景文件将便利对{t}的讨论。",
    "来自不同区域的专题讨论嘉宾将介绍对{t}的讨论。",
]


@dataclass(frozen=True)
class Scale:
    bodies: int = 1
    years: int = 20
    sessions_per_year: int = 4
    items: int = 30
    sittings: int = 20
    documents: int = 40
    first_year: int = 2006
    seed: int = 1
    prefix: str = "synthetic"


def _texts(rng: random.Random, sentences: int) -> tuple[dict, dict]:
    """A title and an annotation (with a footnote reference), in English and Chinese."""
    en_topic, zh_topic = rng.choice(TOPICS)
    picks = [rng.randrange(len(EN_SENTENCES)) for _ in range(sentences)]
    en = " ".join(EN_SENTENCES[k].format(t=en_topic) for k in picks)
    zh = "".join(ZH_SENTENCES[k].format(t=zh_topic) for k in picks)
    title = {"en": en_topic[0].upper() + en_topic[1:], "zh": zh_topic}
    return title, {"en": en + "[^1]", "zh": zh + "[^1]"}


def _venue(scale: Scale) -> Venue:
    venue, _ = Venue.objects.get_or_create(
        slug=f"{scale.prefix}-vic",
        defaults={
            "name": {"en": "Vienna International Centre", "zh": "维也纳国际中心"},
            "city": {"en": "Vienna", "zh": "维也纳"},
            "country": "AT",
            "time_zone": "Europe/Vienna",
        },
    )
    return venue


def _sessions(body: Body, scale: Scale) -> list[Session]:
    rows = []
    for year in range(scale.first_year, scale.first_year + scale.years):
        for k in range(scale.sessions_per_year):
            number = len(rows) + 1
            start = dt.date(year, 1 + k * 12 // scale.sessions_per_year, 6)
            rows.append(
                Session(
                    body=body,
                    number=number,
                    title={
                        "en": f"Session {number} of the {body.name['en']}",
                        "zh": f"{body.name['zh']}第{number}届会议",
                    },
                    venue=body.duty_station,
                    start_date=start,
                    end_date=start + dt.timedelta(days=max(scale.sittings // 2 - 1, 0)),
                    status=Session.Status.ISSUED,
                    agenda_symbol=f"{body.symbol_prefix}/{year}/{k + 1}",
                    issue_date=start - dt.timedelta(days=60),
                )
            )
    return Session.objects.bulk_create(rows)


def _agenda(rng: random.Random, sessions: list[Session], scale: Scale) -> list[AgendaItem]:
    """``scale.items`` items per session: every fifth one a sub-item of the main item before."""
    tops, subs = [], []
    for session in sessions:
        for n in range(scale.items):
            title, annotation = _texts(rng, sentences=3)
            row = AgendaItem(session=session, title=title, annotation=annotation)
            (subs if n % 5 == 4 else tops).append(row)
    AgendaItem.objects.bulk_create(tops)
    by_session: dict[int, list[AgendaItem]] = {}
    for item in tops:
        item.position = len(by_session.setdefault(item.session_id, []))
        by_session[item.session_id].append(item)
    AgendaItem.objects.bulk_update(tops, ["position"])
    counts: dict[int, int] = {}
    for n, sub in enumerate(subs):
        parent = by_session[sub.session_id][n * 4 % len(by_session[sub.session_id])]
        sub.parent, sub.position = parent, counts.get(parent.pk, 0)
        counts[parent.pk] = sub.position + 1
    AgendaItem.objects.bulk_create(subs)
    Footnote.objects.bulk_create(
        Footnote(
            item=item,
            label="1",
            text={
                "en": f"See the report of the meeting held in {rng.randrange(1998, 2024)}.",
                "zh": f"见{rng.randrange(1998, 2024)}年会议的报告。",
            },
        )
        for item in tops + subs
    )
    return tops + subs


def _documents(rng, sessions, items: list[AgendaItem], body: Body, scale: Scale) -> None:
    docs, links = [], []
    by_session: dict[int, list[AgendaItem]] = {}
    for item in items:
        by_session.setdefault(item.session_id, []).append(item)
    for session in sessions:
        for n in range(scale.documents):
            title, _ = _texts(rng, sentences=0)
            docs.append(
                Document(
                    symbol=f"{session.agenda_symbol.rsplit('/', 1)[0]}/{session.number}/{n + 1}",
                    title={"en": f"Background paper on {title['en'].lower()}", "zh": title["zh"]},
                    kind=Document.Kind.BACKGROUND_PAPER,
                    session=session,
                    issue_date=session.start_date - dt.timedelta(days=30),
                    prepared_by={"en": "the Secretariat", "zh": "秘书处"},
                    languages=["en", "zh"],
                )
            )
    Document.objects.bulk_create(docs)
    positions: dict[int, int] = {}
    for doc in docs:
        item = rng.choice(by_session[doc.session_id])
        links.append(DocumentLink(item=item, document=doc, position=positions.get(item.pk, 0)))
        positions[item.pk] = positions.get(item.pk, 0) + 1
    DocumentLink.objects.bulk_create(links)


def day_sittings(session: Session, count: int, **fields) -> list[Sitting]:
    """``count`` unsaved sittings from the session's first day: 10-13 h and 15-18 h."""
    return [
        Sitting(
            session=session,
            number=k + 1,
            date=session.start_date + dt.timedelta(days=k // 2),
            start_time=dt.time(10 if k % 2 == 0 else 15),
            end_time=dt.time(13 if k % 2 == 0 else 18),
            **fields,
        )
        for k in range(count)
    ]


def _sittings(rng, sessions, items: list[AgendaItem], scale: Scale) -> None:
    rows = []
    for session in sessions:
        rows += day_sittings(session, scale.sittings)
    for k, sitting in enumerate(rows):
        sitting.room = f"Board Room {'ABCDM'[k % 5]}"
        sitting.uid = uuid.UUID(int=rng.getrandbits(128), version=4)
    Sitting.objects.bulk_create(rows)
    tops: dict[int, list[AgendaItem]] = {}
    for item in items:
        if item.parent_id is None:
            tops.setdefault(item.session_id, []).append(item)
    lines = []
    for sitting in rows:
        agenda = sorted(tops[sitting.session_id], key=lambda item: item.position)
        first = (sitting.number - 1) * len(agenda) // max(scale.sittings, 1)
        taken = {agenda[first].pk: agenda[first], agenda[-1].pk: agenda[-1]}
        lines += [
            ScheduledItem(sitting=sitting, item=item, position=p)
            for p, item in enumerate(taken.values())
        ]
    ScheduledItem.objects.bulk_create(lines)


def _series(prefix: str) -> str:
    """A symbol series from a slug prefix: capital letters only (bench-q5 -> BENCHQF)."""
    letters = prefix.upper().translate(str.maketrans("0123456789", "ABCDEFGHIJ", "-_"))
    return letters or "SYN"


def generate(scale: Scale) -> list[Body]:
    """Create ``scale.bodies`` bodies ``<prefix>-1``, … with everything in them."""
    rng = random.Random(scale.seed)
    bodies = []
    with transaction.atomic():
        venue = _venue(scale)
        for b in range(1, scale.bodies + 1):
            body = Body.objects.create(
                slug=f"{scale.prefix}-{b}",
                name={
                    "en": f"Working Group on International Cooperation {b}",
                    "zh": f"国际合作工作组{b}",
                },
                abbreviation=f"WG.S{b}",
                symbol_prefix=f"{_series(scale.prefix)}/WG.{b}",
                duty_station=venue,
            )
            sessions = _sessions(body, scale)
            items = _agenda(rng, sessions, scale)
            _documents(rng, sessions, items, body, scale)
            _sittings(rng, sessions, items, scale)
            bodies.append(body)
    for session in Session.objects.filter(body__in=bodies).order_by("pk"):
        publish(session, check_ready=False)
    return bodies
