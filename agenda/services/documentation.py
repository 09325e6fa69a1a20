"""An item's "Documentation" list and the register entries it draws on.

Documents are identified by their symbol, so listing one under an item takes the symbol: a
document the session's body sees (any public one, or its own) is linked as it is, never
changed; a new one needs its title and is added to the register for this session, if
agenda.rules.ownership lets the body add it (its own series; not a Rev./Corr./Add. of another
body's document).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from agenda.models import AgendaItem, Document, DocumentLink
from agenda.rules import ownership
from agenda.services.locking import lock_session_of
from agenda.services.ordering import move_one_step, next_position
from meetings.symbols import clean_symbol
from meetings.translations import with_translation


def list_document(
    item: AgendaItem, *, symbol: str, title: str = "", language: str, kind: str = ""
) -> DocumentLink:
    """Put the document with ``symbol`` last in the item's Documentation list."""
    try:
        symbol = clean_symbol(symbol)
    except ValidationError as exc:
        raise ValidationError({"symbol": exc.messages}) from None
    with transaction.atomic():
        (session,) = ownership.lock_sessions(item.session_id)
        body = session.body
        document = ownership.visible_documents(body=body).filter(symbol=symbol).first()
        if document is None:
            problem = ownership.new_entry_problem(body, symbol)
            if problem:
                raise ValidationError({"symbol": problem})
            if not title.strip():
                raise ValidationError(
                    {
                        "title": _(
                            "%(symbol)s is not in the register yet: give its title to add it."
                        )
                        % {"symbol": symbol}
                    }
                )
            document = Document(
                symbol=symbol,
                title={language: title.strip()},
                original_language=language,
                session=session,
                kind=kind or Document.Kind.OTHER,
                status=Document.Status.FORTHCOMING,
            )
            document.full_clean()
            document.save()
        if DocumentLink.objects.filter(item=item, document=document).exists():
            raise ValidationError(
                _("%(symbol)s is already listed under this item.") % {"symbol": symbol}
            )
        return DocumentLink.objects.create(
            item=item,
            document=document,
            position=next_position(DocumentLink.objects.filter(item=item)),
        )


def unlist(link: DocumentLink) -> None:
    """Take the document off the item's list; it stays in the register. The session is
    locked first, as for every write to its agenda (agenda.services.locking)."""
    with transaction.atomic():
        lock_session_of(link)
        DocumentLink.objects.filter(pk=link.pk).delete()


def move_link(link: DocumentLink, direction: str) -> None:
    move_one_step(link, direction, item_id=link.item_id)


def update_document(
    document: Document,
    *,
    by,
    title: str,
    language: str,
    status: str,
    languages: list[str],
    version: int | None = None,
) -> Document:
    """Set the title in one language, the status and the language versions available, as
    user ``by``, who must be allowed to change it (agenda.rules.ownership; else PermissionDenied).
    ``version`` is the one the editor started from; a newer one in the database is refused."""
    with transaction.atomic():
        ownership.lock_sessions(document.session_id)
        document = Document.objects.select_for_update().get(pk=document.pk)
        ownership.check_can_change(by, document)
        if version is not None and document.version != version:
            raise ValidationError(
                _(
                    "Not saved: someone else changed %(symbol)s after you opened the page (it is "
                    "now “%(status)s”, in %(languages)s). Check and save again."
                )
                % {
                    "symbol": document.symbol,
                    "status": _(document.get_status_display()),
                    "languages": ", ".join(document.languages) or _("no language yet"),
                }
            )
        document.version += 1
        document.title = with_translation(document.title, language, title)
        if not document.title:
            raise ValidationError(
                {"title": _("The document needs a title in at least one language.")}
            )
        document.status = status
        document.languages = languages
        document.full_clean()
        document.save()
        return document
