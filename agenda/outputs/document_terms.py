"""The fixed headings of an annotated provisional agenda, in each UN language.

These belong to the document (they follow its language, as in the printed UN document), not to
the site's interface: they come from the same gettext catalogues (locale/*/django.po) under
the message context "document", read in the document's language whatever the interface
language is, once per language and process.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache

from django.utils import translation
from django.utils.translation import pgettext

from meetings.models import Session
from meetings.translations import UN_LANGUAGES, localize


def _wording() -> dict[str, str]:
    """The document's fixed wording in the active language. The English text is the msgid;
    punctuation is translated too (Chinese "：", French " :")."""
    return {
        "title": pgettext("document", "Provisional agenda and annotations"),
        # the title of the "Annotated provisional agenda" (Session.title_variant)
        "annotated_title": pgettext("document", "Annotated provisional agenda"),
        # Translators: the letter of this language version after the job number at the foot
        # of page 1: V.24-01234 (E) in English, (C) in Chinese, (F) French, (S) Spanish,
        # (R) Russian, (A) Arabic.
        "job_letter": pgettext("document", "E"),
        # Translators: how the last entry of a Documentation list of several documents ends:
        # the Chinese version closes such a list with "。" ({last}。); others print nothing.
        "documentation_close": pgettext("document", "{last}").replace("{last}", "", 1),
        "agenda": pgettext("document", "Provisional agenda"),
        "annotations": pgettext("document", "Annotations"),
        "documentation": pgettext("document", "Documentation"),
        "annex": pgettext("document", "Annex"),
        "organization": pgettext("document", "Proposed organization of work"),
        "date_time": pgettext("document", "Date and time"),
        "item": pgettext("document", "Agenda item"),
        "item_title": pgettext("document", "Title or description"),
        # Translators: after an item title that continues from an earlier meeting.
        "continued": pgettext("document", " (continued)"),
        # Translators: the masthead's distribution label, in English in every UN version.
        "distribution": pgettext("document", "Distr."),
        # Translators: the masthead's original-language label, in English in every version.
        "original": pgettext("document", "Original"),
        "united_nations": pgettext("document", "United Nations"),
        "fallback_note": pgettext(
            "document", "Not yet available in English; shown in the original language."
        ),
        # Translators: after an item title that has sub-items.
        "colon": pgettext("document", ":"),
        # Translators: after a sub-item title that is not the last.
        "semicolon": pgettext("document", ";"),
        # Translators: after the last (sub-)item title.
        "period": pgettext("document", "."),
        # Translators: an item's number as the agenda prints it (Arabic "{number}-").
        "number_suffix": pgettext("document", "{number}.").replace("{number}", "", 1),
        # Translators: {ordinal} is "1st" in English, "1re" in French, the number elsewhere.
        "sitting": pgettext("document", "{ordinal} meeting"),
        # Translators: a meeting in calendars: "CTOC/COP/WG.3 Fifteenth meeting – 1st meeting".
        "summary": pgettext("document", "{body} {session} – {sitting}"),
        "cancelled": pgettext("document", "Cancelled: "),
        "calendar_items": pgettext("document", "Agenda items"),
        "room": pgettext("document", "Room"),
        "venue": pgettext("document", "Venue"),
        "session_page": pgettext("document", "Session page"),
        # Translators: between a label and its value in calendars ("Room: M3").
        "label_separator": pgettext("document", ": "),
        "calendar_description": pgettext(
            "document",
            "Meetings of {body}, with the agenda items taken up at each. Times are local ({zone}).",
        ),
        # "E/2012/30 and Corr.1 and 2": what joins a symbol and its corrigenda or addenda.
        "and": pgettext("document", " and "),
    }


@cache
def _terms(language: str) -> dict[str, str]:
    with translation.override(language):
        return _wording()


def document_terms(language: str) -> dict[str, str]:
    """The wording in ``language`` (English for a language that is not a UN language)."""
    return _terms(language if language in UN_LANGUAGES else "en")


class _Terms(Mapping):
    """The wording of the six languages, by language code (what services.paste recognises)."""

    def __getitem__(self, language: str) -> dict[str, str]:
        if language not in UN_LANGUAGES:
            raise KeyError(language)
        return _terms(language)

    def __iter__(self):
        return iter(UN_LANGUAGES)

    def __len__(self) -> int:
        return len(UN_LANGUAGES)


TERMS = _Terms()


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
    joiner = document_terms(language)["and"]
    return joiner.join(label for label, _ in symbol_labels(symbol, derived))


def documentation_parts(document, language: str) -> DocumentationLine:
    """秘书处编写的背景文件，内容是…（CTOC/COP/WG.3/2024/2）, or, where no phrasing is known,
    “Background paper prepared by the Secretariat: … (symbol)”. Corrigenda and addenda in the
    register follow the symbol (``document.listed_with``, set by agenda.reads.agenda)."""
    title = localize(document.title, language, document.original_language).text
    by = localize(document.prepared_by, language, document.original_language).text
    derived = [d.symbol for d in getattr(document, "listed_with", ())]
    symbols = tuple(symbol_labels(document.symbol, derived))
    joiner = document_terms(language)["and"]
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
