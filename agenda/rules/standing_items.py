"""Standing items: those every session of a body takes up again, whatever its topics.

Opening of the session (with its sub-items: election of officers, adoption of the agenda and
organization of work), organizational matters, other matters, the provisional agenda of the
next session and adoption of the report. They are recognised by their titles, in any of the
six languages the item has: a title in one language is read against that language's
wordings only (so a word of one language never matches in another). What the next session
carries over is decided here; the service copies it (agenda.services.next_session).
"""

import re
import unicodedata
from collections.abc import Iterable

# Kind -> language -> the wordings a title starts with (casefolded, as ``_normal`` gives).
WORDINGS: dict[str, dict[str, str]] = {
    "opening": {
        "en": r"opening of the ",
        "fr": r"ouverture (de la|du|des) ",
        "es": r"apertura (del|de la|de los) ",
        "ru": r"открытие ",
        "ar": r"افتتاح ",
        "zh": r"[^，,、]{0,8}开幕",
    },
    "organizational": {
        "en": r"organi[sz]ational (matters|questions)",
        "fr": r"questions d'organisation",
        "es": r"cuestiones de organización",
        "ru": r"организационные вопросы",
        "ar": r"(ال)?مسائل (ال)?تنظيمية",
        "zh": r"组织(事项|问题)",
    },
    "election": {
        "en": r"election of (the )?(officers|bureau|chair)",
        "fr": r"élection (du bureau|des membres du bureau|du président|de la présidence)",
        "es": r"elección (de la mesa|de los miembros de la mesa|de la presidencia)",
        "ru": r"выборы (должностных лиц|членов бюро|председателя)",
        "ar": r"انتخاب (أعضاء )?(المكتب|أعضاء مكتب|الرئيس)",
        "zh": r"选举(主席团|主席)",
    },
    "agenda": {
        "en": r"(adoption of the agenda|organi[sz]ation of work)",
        "fr": r"(adoption de l'ordre du jour|organisation des travaux)",
        "es": r"(aprobación del programa|organización de los trabajos)",
        "ru": r"(утверждение повестки дня|организация работы)",
        "ar": r"(إقرار|اعتماد) جدول الأعمال|تنظيم الأعمال",
        "zh": r"(通过议程|工作安排)",
    },
    "next_agenda": {
        "en": r"provisional agenda (for|of) the (next|\w+) (session|meeting)",
        "fr": r"ordre du jour provisoire de la (prochaine )?(session|réunion)",
        "es": r"programa provisional (del|de la) (próximo|próxima|\w+)",
        "ru": r"предварительная повестка дня (следующей|\w+)",
        "ar": r"جدول الأعمال المؤقت (للدورة|للاجتماع)",
        "zh": r"(下届|下一届|下次)?(会议|届会)?临时议程",
    },
    "other": {
        "en": r"(other matters|other business|any other business)",
        "fr": r"(questions diverses|autres questions)",
        "es": r"(otros asuntos|otras cuestiones)",
        "ru": r"(прочие|другие) вопросы",
        "ar": r"(مسائل أخرى|ما يستجد من أعمال)",
        "zh": r"其他(事项|事务|问题)",
    },
    "report": {
        "en": r"adoption of the report",
        "fr": r"adoption du rapport",
        "es": r"aprobación del informe",
        "ru": r"утверждение доклада",
        "ar": r"اعتماد (التقرير|تقرير)",
        "zh": r"通过[^，,、]{0,20}报告",
    },
}

_PATTERNS = {
    kind: {language: re.compile(wording) for language, wording in wordings.items()}
    for kind, wordings in WORDINGS.items()
}


def _normal(text: str) -> str:
    """Half-width forms, one kind of apostrophe, single spaces, case folded."""
    text = unicodedata.normalize("NFKC", text or "").replace("’", "'").replace("ʼ", "'")
    return re.sub(r"\s+", " ", text).strip(" \t.:;").casefold()


def standing_kind(title: dict[str, str]) -> str:
    """The kind of standing item a title (language -> text) names, or "" for any other."""
    texts = {language: _normal(text) for language, text in title.items()}
    for kind, patterns in _PATTERNS.items():
        for language, pattern in patterns.items():
            if pattern.match(texts.get(language, "")):
                return kind
    return ""


def standing_items(tree: Iterable[tuple[object, list]]) -> set[int]:
    """The primary keys of the standing items of an agenda given as ``ordered_tree`` gives it:
    every main item whose title is a standing one, and those of its sub-items that are too (a
    substantive sub-item of "Organizational matters" stays behind)."""
    found = set()
    for item, subs in tree:
        if standing_kind(item.title):
            found.add(item.pk)
            found.update(sub.pk for sub in subs if standing_kind(sub.title))
    return found
