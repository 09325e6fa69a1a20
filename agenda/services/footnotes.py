"""Footnotes of an item's annotation. An annotation places a footnote with ``[^label]``; the
printed numbers run through the whole document in order of reference (agenda.reads.agenda), so the
order of footnotes follows the text and there is nothing to renumber by hand."""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from agenda.models import AgendaItem, Footnote
from agenda.outputs import richtext
from agenda.services.locking import lock_row, lock_session, session_id_of
from meetings.translations import with_translation

LABEL = re.compile(r"[^\]\s\[^]{1,20}")
ITEM_GONE = gettext_lazy("This item no longer exists (someone else deleted it).")
FOOTNOTE_GONE = gettext_lazy("This footnote no longer exists (someone else deleted it).")


def _clean_label(label: str) -> str:
    label = label.strip()
    if not LABEL.fullmatch(label):
        raise ValidationError(
            {
                "label": _(
                    "A label is 1 to 20 characters without spaces or brackets, e.g. 1 or fn-a."
                )
            }
        )
    return label


def next_label(item: AgendaItem) -> str:
    used = set(item.footnotes.values_list("label", flat=True))
    return str(next(n for n in range(1, len(used) + 2) if str(n) not in used))


def _rewrite_references(item: AgendaItem, old: str, new: str | None) -> None:
    """Point ``[^old]`` at ``new`` (or remove it) in every language of the annotation."""
    pattern = re.compile(re.escape(f"[^{old}]"))
    replacement = f"[^{new}]" if new else ""
    rewritten = {lang: pattern.sub(replacement, text) for lang, text in item.annotation.items()}
    if rewritten != item.annotation:
        item.annotation = rewritten
        item.version += 1  # an editor still showing the old text must not overwrite this
        item.save(update_fields=["annotation", "version"])


def add_footnote(item: AgendaItem, *, label: str, text: str, language: str) -> Footnote:
    with transaction.atomic():
        # The session's lock makes two additions take turns for the next free label.
        lock_session(item.session_id)
        item = lock_row(AgendaItem.objects.all(), item.pk, gone=ITEM_GONE)
        footnote = Footnote(item=item, label=_clean_label(label or next_label(item)))
        footnote.text = {language: text.strip()} if text.strip() else {}
        if not footnote.text:
            raise ValidationError({"text": _("The footnote needs a text.")})
        footnote.full_clean()
        footnote.save()
        return footnote


def _check_version(footnote: Footnote, expected: int | None, yours: str) -> None:
    if expected is not None and footnote.version != expected:
        theirs = next(iter(footnote.text.values()), "")
        raise ValidationError(
            _(
                "Not saved: someone else changed footnote [^%(label)s] after you opened the "
                "page; it now reads “%(theirs)s”. Yours was “%(yours)s”: save it again to "
                "replace theirs."
            )
            % {"label": footnote.label, "theirs": theirs, "yours": yours}
        )


def update_footnote(
    footnote: Footnote, *, label: str, text: str, language: str, version: int | None = None
) -> Footnote:
    """Change the text in one language and, if the label changes, the references to it.
    ``version`` is the one the editor started from; a newer one in the database is refused."""
    with transaction.atomic():
        lock_session(session_id_of(footnote))
        item = lock_row(AgendaItem.objects.all(), footnote.item_id, gone=ITEM_GONE)
        footnote = lock_row(Footnote.objects.all(), footnote.pk, gone=FOOTNOTE_GONE)
        footnote.item = item
        _check_version(footnote, version, text)
        old_label = footnote.label
        footnote.label = _clean_label(label)
        footnote.text = with_translation(footnote.text, language, text)
        if not footnote.text:
            raise ValidationError(
                {"text": _("The footnote needs a text in at least one language.")}
            )
        footnote.version += 1
        footnote.full_clean()
        footnote.save()
        if footnote.label != old_label:
            _rewrite_references(footnote.item, old_label, footnote.label)
        return footnote


def delete_footnote(footnote: Footnote, *, version: int | None = None) -> None:
    """Delete it and its references, so no annotation points at a missing footnote."""
    with transaction.atomic():
        lock_session(session_id_of(footnote))
        item = lock_row(AgendaItem.objects.all(), footnote.item_id, gone=ITEM_GONE)
        footnote = lock_row(Footnote.objects.all(), footnote.pk, gone=FOOTNOTE_GONE)
        _check_version(footnote, version, "")
        footnote.delete()
        _rewrite_references(item, footnote.label, None)


def _listed(labels) -> str:
    return ", ".join(f"[^{label}]" for label in labels)


def require_footnotes(item: AgendaItem, annotation: str) -> None:
    """Refuse an annotation that references a footnote the item does not have: ``[^2]`` with
    no footnote labelled 2 would vanish from every output."""
    labels = set(item.footnotes.values_list("label", flat=True))
    missing = [label for label in richtext.footnote_labels(annotation) if label not in labels]
    if missing:
        raise ValidationError(
            {
                "annotation": ngettext(
                    "There is no footnote %(labels)s: add it under “Footnotes of this "
                    "annotation”, or correct the reference.",
                    "There are no footnotes %(labels)s: add them under “Footnotes of this "
                    "annotation”, or correct the references.",
                    len(missing),
                )
                % {"labels": _listed(missing)}
            }
        )


def unreferenced(item: AgendaItem, language: str, footnotes=None) -> list[str]:
    """Labels of the item's footnotes that its annotation in ``language`` never references
    (they are printed after the others, with no call in the text)."""
    referenced = set(richtext.footnote_labels(item.annotation.get(language, "")))
    labels = [fn.label for fn in (footnotes if footnotes is not None else item.footnotes.all())]
    return [label for label in labels if label not in referenced]


def unreferenced_warning(labels: list[str]) -> str:
    if not labels:
        return ""
    return ngettext(
        "Footnote %(labels)s is not referenced in this annotation: it is printed after the "
        "item’s other footnotes, with no call in the text. Place it with its label, e.g. "
        "%(example)s, or delete it.",
        "Footnotes %(labels)s are not referenced in this annotation: they are printed after "
        "the item’s other footnotes, with no call in the text. Place them with their labels, "
        "e.g. %(example)s, or delete them.",
        len(labels),
    ) % {"labels": _listed(labels), "example": f"[^{labels[0]}]"}
