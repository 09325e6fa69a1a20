"""Translations from translators: the XLIFF a language is missing (or all of it) out, the
translated file back in.

``export_units(session, status, language, everything)`` lists what goes into the file: the
session's own segments (agenda.reads.translation_status) whose source is in its original
language; another session's documents are that session's to translate.

``import_translations(session, language, data, by)`` checks everything before it writes
anything: the file (agenda.outputs.xliff.parse_xliff: safe, XLIFF 2, size), its languages
(srcLang the session's original language, trgLang the one chosen), each unit (an id of this
session's working copy, once; the source it was made from unchanged; every placeholder kept
exactly once and unchanged, no footnote call typed as text; a non-empty target; the field's
validators, meetings/validators.py). Any problem: nothing is written, and XliffRejected lists
each by unit id. Otherwise all targets are written in one transaction under the session's lock,
through save(), so the history records who changed what; the working copy then differs from
the published version in that language (agenda.reads.changes: "Translations").
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from agenda.models import AgendaItem, Document, Footnote
from agenda.outputs.richtext import FOOTNOTE_REF
from agenda.outputs.xliff import (
    Code,
    ExportUnit,
    ReadUnit,
    XliffRejected,
    codes,
    parse_xliff,
    pieces,
)
from agenda.reads import translation_status as ts
from agenda.services.locking import lock_rows, lock_session
from meetings.models import Session
from meetings.translations import INTERFACE_LANGUAGE_NAMES, UN_LANGUAGES, with_translation

# Where each kind of segment is stored: model, field, and the prefix of its id.
STORED = {
    ts.SESSION_TITLE: (Session, "title"),
    ts.ITEM_TITLE: (AgendaItem, "title"),
    ts.ANNOTATION: (AgendaItem, "annotation"),
    ts.FOOTNOTE: (Footnote, "text"),
    ts.DOCUMENT_TITLE: (Document, "title"),
}


def note(segment: ts.Segment) -> str:
    """What a unit is, for the translator: "item 1(a), annotation"."""
    if segment.kind == ts.SESSION_TITLE:
        return _("session title")
    if segment.kind == ts.DOCUMENT_TITLE:
        return _("title of document %(symbol)s") % {"symbol": segment.number}
    what = _("title") if segment.kind == ts.ITEM_TITLE else segment.kind_label
    return _("item %(number)s, %(what)s") % {"number": segment.number, "what": what}


def translatable(status: ts.TranslationStatus) -> list[ts.Segment]:
    """The segments this session's secretariat can have translated."""
    return [s for s in status.segments if s.owned and s.source_language == status.original_language]


def export_units(status: ts.TranslationStatus, language: str, *, everything: bool = False):
    """The units of the file for ``language``: the missing ones, or all with their targets."""
    return [
        ExportUnit(s.id, note(s), s.source, s.text(language) if everything else "")
        for s in translatable(status)
        if everything or not s.is_translated(language)
    ]


def file_name(session: Session, language: str, everything: bool) -> str:
    which = "all" if everything else "missing"
    return f"{session.body.slug}-{session.number}-{language}-{which}.xlf"


def _primary(tag: str) -> str:
    return tag.split("-", 1)[0].split("_", 1)[0].lower()


def _check_languages(read, session: Session, language: str) -> list[tuple[str, str]]:
    problems = []
    original = session.original_language
    if _primary(read.source_language) != original:
        problems.append(
            (
                "",
                _(
                    "The file translates from “%(found)s”, but this session's original "
                    "language is %(language)s (%(code)s)."
                )
                % {
                    "found": read.source_language,
                    "language": INTERFACE_LANGUAGE_NAMES[original],
                    "code": original,
                },
            )
        )
    if _primary(read.target_language) != language:
        problems.append(
            (
                "",
                _("The file translates into “%(found)s”, not into %(language)s (%(code)s).")
                % {
                    "found": read.target_language,
                    "language": INTERFACE_LANGUAGE_NAMES[language],
                    "code": language,
                },
            )
        )
    return problems


def _joined(parts: list, markup: dict[str, str]) -> str:
    return "".join(markup.get(p.id, "") if isinstance(p, Code) else p for p in parts)


def _code_problems(unit: ReadUnit, expected: list[Code]) -> list[str]:
    """What is wrong with the placeholders of the unit's target."""
    wanted = {c.id: c for c in expected}
    found = codes(unit.target)
    problems = []
    seen = [c.id for c in found]
    missing = [i for i in wanted if i not in seen]
    if missing:
        problems.append(
            _("Placeholders missing from the translation: %(ids)s.")
            % {"ids": ", ".join(wanted[i].markup.strip() or i for i in missing)}
        )
    unknown = sorted({i for i in seen if i not in wanted})
    if unknown:
        problems.append(
            _("The translation has placeholders the source does not have: %(ids)s.")
            % {"ids": ", ".join(unknown)}
        )
    twice = sorted({i for i in seen if seen.count(i) > 1 and i in wanted})
    if twice:
        problems.append(_("Placeholders used more than once: %(ids)s.") % {"ids": ", ".join(twice)})
    changed = sorted(
        {
            c.id
            for c in found
            if c.id in wanted
            and (
                (c.disp is not None and c.disp != wanted[c.id].markup)
                or (c.data_ref is not None and c.data_ref != f"d{c.id}")
            )
        }
    )
    if changed:
        problems.append(_("Placeholders changed: %(ids)s.") % {"ids": ", ".join(changed)})
    typed = [m.group() for p in unit.target if isinstance(p, str) for m in FOOTNOTE_REF.finditer(p)]
    if typed:
        problems.append(
            _(
                "Footnote calls typed as text (%(calls)s): keep the placeholders of the source "
                "instead."
            )
            % {"calls": ", ".join(typed)}
        )
    return problems


def _check_unit(unit: ReadUnit, segment: ts.Segment | None, model_field, language: str):
    """(problems, the new text)."""
    if segment is None:
        return [_("No text of this session has this id (export the file again).")], ""
    problems = list(unit.problems)
    expected = pieces(segment.source)
    markup = {c.id: c.markup for c in codes(expected)}
    source_codes = [c.id for c in codes(unit.source)]
    if _joined(unit.source, markup) != segment.source or source_codes != list(markup):
        problems.append(
            _("Its source text has changed since the file was exported; export it again.")
        )
    if unit.target is None or not _joined(unit.target, markup).strip():
        return [*problems, _("The translation is empty.")], ""
    problems += _code_problems(unit, codes(expected))
    text = _joined(unit.target, markup)
    if not problems:
        try:
            model_field.run_validators(with_translation(segment.texts, language, text))
        except ValidationError as exc:
            problems += exc.messages
    return problems, text


def _checked(session: Session, language: str, read) -> dict[str, tuple[ts.Segment, str]]:
    """Segment id -> (segment, new text) for every unit, or XliffRejected with every problem."""
    problems = _check_languages(read, session, language)
    status = ts.working_status(session)
    segments = {s.id: s for s in translatable(status)}
    if not read.units:
        problems.append(("", _("The file has no units to import.")))
    found = {}
    for unit in read.units:
        if not unit.id:
            problems.append(("", _("A unit has no id.")))
            continue
        if unit.id in found:
            problems.append((unit.id, _("This unit appears more than once.")))
            continue
        segment = segments.get(unit.id)
        model_field = None
        if segment is not None:
            model, name = STORED[segment.kind]
            model_field = model._meta.get_field(name)
        unit_problems, text = _check_unit(unit, segment, model_field, language)
        problems += [(unit.id, message) for message in unit_problems]
        found[unit.id] = (segment, text)
    if problems:
        raise XliffRejected(problems)
    return found


def _pk(segment: ts.Segment) -> int:
    return int(segment.id.split("-")[1])


def import_translations(session: Session, language: str, data: bytes, *, reason: str = "") -> int:
    """Write the translations of an XLIFF file into ``language``; the number of texts that
    changed. XliffRejected (nothing written) on any problem."""
    if language not in UN_LANGUAGES or language == session.original_language:
        raise XliffRejected([("", _("Choose a language other than the original."))])
    read = parse_xliff(data)
    with transaction.atomic():
        lock_session(session.pk)
        session = Session.objects.with_body().get(pk=session.pk)
        # checked under the lock: nobody changes the texts between the check and the write
        found = _checked(session, language, read)
        # a unit whose target is the text already stored (a whole export sent back) is left
        changed = [(s, text) for s, text in found.values() if s.text(language) != text.strip()]
        texts: dict[type, dict[int, dict[str, str]]] = {}  # model -> pk -> field -> text
        for segment, text in changed:
            model, name = STORED[segment.kind]
            pk = session.pk if model is Session else _pk(segment)
            texts.setdefault(model, {}).setdefault(pk, {})[name] = text
        for model, changes in texts.items():
            rows = (
                [session]
                if model is Session
                else lock_rows(model.objects.filter(pk__in=changes).order_by("pk"))
            )
            for row in rows:  # a row with two segments (title and annotation) is saved once
                for name, text in changes[row.pk].items():
                    setattr(row, name, with_translation(getattr(row, name), language, text))
                if model is not Session:
                    row.version += 1  # the editor's forms opened before are now stale
                row._change_reason = reason
                row.save()
        return len(changed)
