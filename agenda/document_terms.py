"""The fixed headings of an annotated provisional agenda, in each UN language.

These belong to the document (they follow its language, as in the printed UN document), not to
the site's interface, which Django's gettext catalogues translate.
"""

from dataclasses import dataclass
from functools import lru_cache

from meetings.models import Session
from meetings.translations import localize

TERMS = {
    "en": {
        "title": "Provisional agenda and annotations",
        "annotated_title": "Annotated provisional agenda",
        "job_letter": "E",
        "documentation_close": "",
        "agenda": "Provisional agenda",
        "annotations": "Annotations",
        "documentation": "Documentation",
        "annex": "Annex",
        "organization": "Proposed organization of work",
        "date_time": "Date and time",
        "item": "Agenda item",
        "item_title": "Title or description",
        "continued": " (continued)",
        "distribution": "Distr.",
        "original": "Original",
        "united_nations": "United Nations",
        "fallback_note": "Not yet available in English; shown in the original language.",
        "colon": ":",
        "semicolon": ";",
        "period": ".",
        "number_suffix": ".",
        "sitting": "{ordinal} meeting",
        "summary": "{body} {session} – {sitting}",
        "cancelled": "Cancelled: ",
        "calendar_items": "Agenda items",
        "room": "Room",
        "venue": "Venue",
        "session_page": "Session page",
        "label_separator": ": ",
        "calendar_description": "Meetings of {body}, with the agenda items taken up at each. "
        "Times are local ({zone}).",
    },
    "zh": {
        "title": "临时议程说明",
        "annotated_title": "附加说明的临时议程",
        "job_letter": "C",
        "documentation_close": "。",
        "agenda": "临时议程",
        "annotations": "说明",
        "documentation": "文件",
        "annex": "附件",
        "organization": "拟议工作安排",
        "date_time": "日期和时间",
        "item": "议程项目",
        "item_title": "标题或说明",
        "continued": "（续）",
        "distribution": "Distr.",
        "original": "Original",
        "united_nations": "联合国",
        "fallback_note": "尚无中文本，以原文显示。",
        "colon": "：",
        "semicolon": "；",
        "period": "。",
        "number_suffix": ".",
        "sitting": "第{number}次会议",
        "summary": "{body} {session} {sitting}",
        "cancelled": "已取消：",
        "calendar_items": "议程项目",
        "room": "会议室",
        "venue": "地点",
        "session_page": "会议网页",
        "label_separator": "：",
        "calendar_description": "{body}的各次会议及每次会议审议的议程项目。"
        "时间为当地时间（{zone}）。",
    },
    "fr": {
        "title": "Ordre du jour provisoire annoté",
        "annotated_title": "Ordre du jour provisoire annoté",
        "job_letter": "F",
        "documentation_close": "",
        "agenda": "Ordre du jour provisoire",
        "annotations": "Annotations",
        "documentation": "Documentation",
        "annex": "Annexe",
        "organization": "Projet d’organisation des travaux",
        "date_time": "Date et heure",
        "item": "Point de l’ordre du jour",
        "item_title": "Titre ou description",
        "continued": " (suite)",
        "distribution": "Distr.",
        "original": "Original",
        "united_nations": "Nations Unies",
        "fallback_note": "Pas encore disponible en français ; figure dans la langue originale.",
        "colon": " :",
        "semicolon": " ;",
        "period": ".",
        "number_suffix": ".",
        "sitting": "{ordinal} séance",
        "summary": "{body} {session} – {sitting}",
        "cancelled": "Annulée : ",
        "calendar_items": "Points de l’ordre du jour",
        "room": "Salle",
        "venue": "Lieu",
        "session_page": "Page de la session",
        "label_separator": " : ",
        "calendar_description": "Séances de l’organe {body}, avec les points de l’ordre du jour "
        "examinés à chacune. Heures locales ({zone}).",
    },
    "es": {
        "title": "Programa provisional y anotaciones",
        "annotated_title": "Programa provisional anotado",
        "job_letter": "S",
        "documentation_close": "",
        "agenda": "Programa provisional",
        "annotations": "Anotaciones",
        "documentation": "Documentación",
        "annex": "Anexo",
        "organization": "Propuesta de organización de los trabajos",
        "date_time": "Fecha y hora",
        "item": "Tema del programa",
        "item_title": "Título o descripción",
        "continued": " (continuación)",
        "distribution": "Distr.",
        "original": "Original",
        "united_nations": "Naciones Unidas",
        "fallback_note": "Aún no disponible en español; figura en el idioma original.",
        "colon": ":",
        "semicolon": ";",
        "period": ".",
        "number_suffix": ".",
        "sitting": "{number}ª sesión",
        "summary": "{body} {session} – {sitting}",
        "cancelled": "Cancelada: ",
        "calendar_items": "Temas del programa",
        "room": "Sala",
        "venue": "Lugar",
        "session_page": "Página del período de sesiones",
        "label_separator": ": ",
        "calendar_description": "Sesiones del órgano {body}, con los temas del programa "
        "examinados en cada una. Horas locales ({zone}).",
    },
    "ru": {
        "title": "Предварительная повестка дня и аннотации",
        "annotated_title": "Аннотированная предварительная повестка дня",
        "job_letter": "R",
        "documentation_close": "",
        "agenda": "Предварительная повестка дня",
        "annotations": "Аннотации",
        "documentation": "Документация",
        "annex": "Приложение",
        "organization": "Предлагаемая организация работы",
        "date_time": "Дата и время",
        "item": "Пункт повестки дня",
        "item_title": "Название или описание",
        "continued": " (продолжение)",
        "distribution": "Distr.",
        "original": "Original",
        "united_nations": "Организация Объединенных Наций",
        "fallback_note": "Пока нет на русском языке; приводится на языке оригинала.",
        "colon": ":",
        "semicolon": ";",
        "period": ".",
        "number_suffix": ".",
        "sitting": "{number}-е заседание",
        "summary": "{body} {session} – {sitting}",
        "cancelled": "Отменено: ",
        "calendar_items": "Пункты повестки дня",
        "room": "Зал",
        "venue": "Место проведения",
        "session_page": "Страница сессии",
        "label_separator": ": ",
        "calendar_description": "Заседания органа «{body}» с пунктами повестки дня, "
        "рассматриваемыми на каждом из них. Время местное ({zone}).",
    },
    "ar": {
        "title": "جدول الأعمال المؤقت وشروحه",
        "annotated_title": "جدول الأعمال المؤقت المشروح",
        "job_letter": "A",
        "documentation_close": "",
        "agenda": "جدول الأعمال المؤقت",
        "annotations": "الشروح",
        "documentation": "الوثائق",
        "annex": "المرفق",
        "organization": "تنظيم الأعمال المقترح",
        "date_time": "التاريخ والوقت",
        "item": "البند",
        "item_title": "العنوان أو الوصف",
        "continued": " (تابع)",
        "distribution": "Distr.",
        "original": "Original",
        "united_nations": "الأمم المتحدة",
        "fallback_note": "لم يصدر بعد باللغة العربية؛ ويرد بلغته الأصلية.",
        "colon": ":",
        "semicolon": "؛",
        "period": ".",
        "number_suffix": "-",
        "sitting": "الجلسة {number}",
        "summary": "{body} {session} – {sitting}",
        "cancelled": "ملغاة: ",
        "calendar_items": "بنود جدول الأعمال",
        "room": "القاعة",
        "venue": "المكان",
        "session_page": "صفحة الدورة",
        "label_separator": ": ",
        "calendar_description": "جلسات {body}، مع بنود جدول الأعمال التي تُناقش في كل جلسة. "
        "التوقيت محلي ({zone}).",
    },
}


# What the keys above mean where they are not self-explanatory:
# - annotated_title: the title of the "Annotated provisional agenda" (Session.title_variant);
# - job_letter: the language's letter after the job number at the foot of page 1, V.24-01234 (C);
# - documentation_close: what closes a Documentation list of several documents. The Chinese
#   version ends such a list with "。" and leaves a single entry without it (seed 003, items 3
#   and 2); the other languages print no punctuation there.


def document_terms(language: str) -> dict[str, str]:
    return TERMS.get(language, TERMS["en"])


def document_title(language: str, variant: str) -> str:
    """临时议程说明 / Provisional agenda and annotations, or the annotated variant's title."""
    terms = document_terms(language)
    annotated = variant == Session.TitleVariant.ANNOTATED_AGENDA
    return terms["annotated_title"] if annotated else terms["title"]


def job_number_line(job_number: str, language: str) -> str:
    """V.24-01234 (C): the job number with the letter of the language version."""
    return f"{job_number} ({document_terms(language)['job_letter']})" if job_number else ""


def english_ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 101st, 111th."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


@lru_cache(maxsize=4096)
def sitting_name(number: int, language: str) -> str:
    """1st meeting / 第1次会议 / 1re séance / 1ª sesión / 1-е заседание / الجلسة 1."""
    ordinal = {"en": english_ordinal(number), "fr": "1re" if number == 1 else f"{number}e"}
    return document_terms(language)["sitting"].format(
        number=number, ordinal=ordinal.get(language, number)
    )


# How a "Documentation" entry introduces a document, where the seed's convention is known.
KIND_NAMES = {
    "zh": {
        "background_paper": "背景文件",
        "note": "说明",
        "report": "报告",
        "sg_report": "报告",
        "provisional_agenda": "临时议程",
    },
}


# "E/2012/30 and Corr.1 and 2": the word that joins a symbol and its corrigenda or addenda.
AND = {"ar": " و", "zh": "和", "en": " and ", "fr": " et ", "ru": " и ", "es": " y "}


@dataclass(frozen=True)
class DocumentationLine:
    """A Documentation entry in parts, so that each output can link its pieces: ``lead`` (what
    the document is), then the symbols (“E/2012/30 and Corr.1 and 2”: (label, symbol) pairs,
    joined by ``joiner``), then ``tail`` (the closing bracket)."""

    lead: str
    symbols: tuple[tuple[str, str], ...]
    joiner: str
    tail: str

    def __str__(self) -> str:
        return self.lead + self.joiner.join(label for label, _ in self.symbols) + self.tail


def symbol_labels(symbol: str, derived: list[str]) -> list[tuple[str, str]]:
    """E/2012/30 with E/2012/30/Corr.1 and E/2012/30/Corr.2 → [(E/2012/30, E/2012/30),
    (Corr.1, E/2012/30/Corr.1), (2, E/2012/30/Corr.2)]: each as printed, with its symbol."""
    labels, kind = [(symbol, symbol)], ""
    for other in derived:
        suffix = other.removeprefix(symbol + "/")
        this_kind, _, number = suffix.rpartition(".")
        labels.append((number if this_kind == kind and "/" not in suffix else suffix, other))
        kind = this_kind
    return labels


def symbol_with_derived(symbol: str, derived: list[str], language: str) -> str:
    """E/2012/30 with E/2012/30/Corr.1 and E/2012/30/Corr.2 → “E/2012/30 and Corr.1 and 2”."""
    return AND[language].join(label for label, _ in symbol_labels(symbol, derived))


def documentation_parts(document, language: str) -> DocumentationLine:
    """秘书处编写的背景文件，内容是…（CTOC/COP/WG.3/2024/2）, or, where no phrasing is known,
    “Background paper prepared by the Secretariat: … (symbol)”. Corrigenda and addenda in the
    register follow the symbol (``document.listed_with``, set by agenda.queries)."""
    title = localize(document.title, language, document.original_language).text
    by = localize(document.prepared_by, language, document.original_language).text
    derived = [d.symbol for d in getattr(document, "listed_with", ())]
    symbols = tuple(symbol_labels(document.symbol, derived))
    joiner = AND.get(language, AND["en"])
    if language == "zh":
        kind = KIND_NAMES["zh"].get(document.kind)
        lead = f"{by}编写的{kind}，内容是{title}" if kind and by else title
        return DocumentationLine(f"{lead}（", symbols, joiner, "）")
    if by and language == "en":
        lead = f"{document.get_kind_display()} prepared by the {by}: {title}"
        return DocumentationLine(f"{lead} (", symbols, joiner, ")")
    return DocumentationLine(f"{title} (", symbols, joiner, ")")


def documentation_line(document, language: str) -> str:
    """The entry as plain text (see documentation_parts)."""
    return str(documentation_parts(document, language))
