"""Which body a register entry belongs to, who may change it, and who sees it.

The rule (docs/architecture.md, "Documents register"):

- A document belongs to one body: the body of the session it was issued for, else the body
  whose symbol series its symbol is in (the longest matching ``Body.symbol_prefix``: A/C.3/…
  is the Third Committee's, A/… the General Assembly's). A document with neither belongs to
  no body: only superusers change it.
- Anyone may see a public document (``Document.objects.public()``: the one definition); a
  body's secretariat also sees its own unpublished ones. Another body's unpublished document
  behaves exactly like a symbol the register does not have.
- Any secretariat may cite a public document anywhere (list it under an item, cite it in a
  text). Only the owner's secretariat, and superusers, may change it (title, status,
  languages, session, text and references) or add a Rev./Corr./Add. to it.
- A body adds a new entry for one of its sessions only in its own series, and only where the
  document it revises, corrects or adds to (if the register has it) is its own.

Every write path asks here: the editor (listing, the session's documents page, editing,
corrigenda), the admin, the importer (agenda.outputs.exchange) and the text upload.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from agenda.models import Document
from agenda.services import locking
from meetings.models import Body, Session
from meetings.symbols import Symbol, parse_symbol
from meetings.translations import interface_language, localize


def _parts(symbol: str) -> list[str]:
    """The symbols a (possibly joint) symbol is made of, in canonical form where it parses."""
    try:
        return [str(part) for part in parse_symbol(symbol).parts]
    except ValidationError:  # a symbol stored before the rules; read it as it is
        return [symbol]


def in_series(symbol: str, prefix: str) -> bool:
    """Whether ``symbol`` (any part of a joint symbol) is in the series ``prefix``."""
    if not prefix:
        return False
    return any(part == prefix or part.startswith(prefix + "/") for part in _parts(symbol))


def series_owner(symbol: str) -> Body | None:
    """The body whose series is the longest prefix of the symbol; None if no body's series
    matches, or if two bodies claim the same series (then no secretariat may assume it)."""
    candidates = {}
    for part in _parts(symbol):
        pieces = part.split("/")
        for end in range(1, len(pieces) + 1):
            candidates.setdefault("/".join(pieces[:end]), end)
    bodies = list(Body.objects.filter(symbol_prefix__in=candidates).exclude(symbol_prefix=""))
    if not bodies:
        return None
    longest = max(candidates[body.symbol_prefix] for body in bodies)
    claimants = [body for body in bodies if candidates[body.symbol_prefix] == longest]
    return claimants[0] if len(claimants) == 1 else None


def document_owner(document: Document) -> Body | None:
    """The body a document belongs to: its session's, else its series'."""
    if document.session_id is not None:
        return document.session.body
    return series_owner(document.symbol)


def _active(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def _is_secretariat(user, body: Body | None) -> bool:
    return body is not None and body.secretariat.filter(pk=user.pk).exists()


def can_change_document(user, document: Document) -> bool:
    """The owner's secretariat and superusers; nobody else (a document of no body: superusers)."""
    if not _active(user):
        return False
    if user.is_superuser:
        return True
    return _is_secretariat(user, document_owner(document))


def visible_documents(*, user=None, body: Body | None = None) -> QuerySet:
    """The public documents, and the unpublished ones of ``user``'s bodies (superusers: all)
    or of ``body``. Unpublished documents always have a session, so its body is their owner."""
    public = Document.objects.public()
    if _active(user):
        if user.is_superuser:
            return Document.objects.all()
        return public | Document.objects.filter(session__body__in=user.secretariat_of.all())
    if body is not None:
        return public | Document.objects.filter(session__body=body)
    return public


def body_name(body: Body | None) -> str:
    return localize(body.name, interface_language(), "en").text or body.slug


def change_problem(user, document: Document) -> str:
    """Why ``user`` may not change ``document``, or "" if they may."""
    if can_change_document(user, document):
        return ""
    owner = document_owner(document)
    if owner is None:
        return _(
            "%(symbol)s belongs to no body (it was issued for no session and is in no body's "
            "series): only an administrator may change it."
        ) % {"symbol": document.symbol}
    return _(
        "%(symbol)s belongs to %(owner)s: only its secretariat may change it or add a "
        "revision, corrigendum or addendum to it."
    ) % {"symbol": document.symbol, "owner": body_name(owner)}


def check_can_change(user, document: Document) -> None:
    """PermissionDenied, saying why, unless ``user`` may change ``document``."""
    problem = change_problem(user, document)
    if problem:
        raise PermissionDenied(problem)


def nearest_ancestor(symbol: str) -> Document | None:
    """The register entry a new ``symbol`` would revise, correct or add to, if any."""
    try:
        parsed: Symbol = parse_symbol(symbol)
    except ValidationError:
        return None
    return Document(symbol=symbol)._nearest_ancestor(parsed)


def series_problem(body: Body, symbol: str) -> str:
    """Why ``body`` may not issue ``symbol`` for one of its sessions (not its series), or ""."""
    if in_series(symbol, body.symbol_prefix):
        return ""
    return _(
        "%(symbol)s is not in the register, and %(body)s can only add documents of its own "
        "series (%(prefix)s/…). Ask the secretariat that issues it to register it."
    ) % {"symbol": symbol, "body": body_name(body), "prefix": body.symbol_prefix}


def chain_problem(body: Body, symbol: str) -> str:
    """Why ``body`` may not add ``symbol`` to the register as a Rev./Corr./Add. of a document
    it does not own, or "" (no such document in the register, or its own)."""
    ancestor = nearest_ancestor(symbol)
    if ancestor is None:
        return ""
    owner = document_owner(ancestor)
    if owner is not None and owner.pk == body.pk:
        return ""
    if not visible_documents(body=body).filter(pk=ancestor.pk).exists():
        return _(
            "%(symbol)s cannot be added to the register from here: ask the secretariat of the "
            "body that issues it."
        ) % {"symbol": symbol}
    return _(
        "%(symbol)s would revise, correct or add to %(base)s, which belongs to %(owner)s: "
        "only its secretariat may add it."
    ) % {
        "symbol": symbol,
        "base": ancestor.symbol,
        "owner": body_name(owner) if owner else _("no body"),
    }


def reserved_problem(symbol: str) -> str:
    """For a symbol another body holds, unpublished: what can be said without showing it."""
    return _(
        "%(symbol)s cannot be added to the register from here: the symbol is reserved for a "
        "document that is not published yet."
    ) % {"symbol": symbol}


def new_entry_problem(body: Body, symbol: str) -> str:
    """Why ``body`` may not add ``symbol`` to the register for one of its sessions (listing
    it, importing it), or "" if it may. ``symbol`` is one the body does not see: unknown, or
    another body's unpublished document (which is answered as if unknown, as far as can be)."""
    if problem := series_problem(body, symbol):
        return problem
    if Document.objects.filter(symbol=symbol).exists():
        return reserved_problem(symbol)
    return chain_problem(body, symbol)


def write_problem(user, document: Document, *, stored: Document | None = None) -> str:
    """Why ``user`` may not save ``document`` as it now is (``stored``: the row before the
    change; None when adding it), or "". For the admin, where every field can be changed:
    the document must stay the user's, and a new symbol obeys the rules of a new entry."""
    if _active(user) and user.is_superuser:
        return ""
    if stored is not None and (problem := change_problem(user, stored)):
        return problem
    if problem := change_problem(user, document):
        return problem
    if stored is not None and stored.symbol == document.symbol:
        return ""
    owner = document_owner(document)
    if document.session_id is not None and (problem := series_problem(owner, document.symbol)):
        return problem
    return chain_problem(owner, document.symbol)


def lock_sessions(*pks) -> list[Session]:
    """Lock session rows (always in primary-key order, so that two writers cannot deadlock):
    the first step of every write to something that belongs to a session."""
    pks = {pk for pk in pks if pk is not None}
    if len(pks) == 1:
        return [locking.lock_session(*pks)]
    return locking.lock_sessions(pks)
