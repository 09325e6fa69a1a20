"""Agenda items and their annotations, footnotes, documents and the organization of work."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agenda.lookups import Prefix
from agenda.outputs.linking import official_text_url
from agenda.rules.numbering import BIS
from meetings.models import Session, Sitting, unique
from meetings.symbols import Symbol, clean_symbol, parse_symbol
from meetings.translations import (
    LANGUAGE_CHOICES,
    LanguageListField,
    TranslatedTextField,
    localize,
)
from meetings.validators import (
    ANNOTATION_MAX,
    FOOTNOTE_MAX,
    NAME_MAX,
    TITLE_MAX,
    PlainText,
    TranslatedText,
)

# UN agendas number items 1, 2, … and sub-items (a), (b), …; nothing deeper.
MAX_DEPTH = 2


class AgendaItem(models.Model):
    """An item or sub-item of a session's agenda. Its number is derived from its position
    (see agenda.rules.numbering), unless ``fixed_number`` pins it, as for item 108 of a General
    Assembly session recorded without the items before it."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="agenda_items")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    position = models.PositiveIntegerField(default=0, help_text=_("Order among its siblings"))
    fixed_number = models.PositiveIntegerField(
        _("fixed number"),
        null=True,
        blank=True,
        help_text=_("Pins the number (108) or, for a sub-item, the letter (1 = a); else derived."),
    )
    # A late item, placed after item 3 without renumbering those after it, is "3 bis" (1),
    # "3 ter" (2), … (agenda.rules.numbering.BIS); 0 for every other item.
    bis = models.PositiveSmallIntegerField(
        _("bis/ter mark"),
        default=0,
        validators=[MaxValueValidator(len(BIS) - 1)],
        help_text=_("1 for 3 bis, 2 for 3 ter, …: a late item numbered after the item before it."),
    )
    title = TranslatedTextField(_("title"), validators=[TranslatedText(TITLE_MAX)])
    annotation = TranslatedTextField(
        _("annotation"),
        help_text=_(
            "Paragraphs separated by a blank line; lines starting with '- ' form a list; "
            "[^label] places the footnote with that label."
        ),
        validators=[TranslatedText(ANNOTATION_MAX, multiline=True)],
    )
    # Optimistic lock: every edit of the item's text sends the version it started from, and
    # a save based on an older version is refused (see agenda.services.editing.update_item).
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["session", "parent_id", "position", "pk"]
        indexes = [models.Index(fields=["session", "parent", "position"])]

    def __str__(self):
        return localize(self.title, "en", self.session.original_language).text or f"#{self.pk}"

    def clean(self):
        if self.parent_id is None:
            return
        parent = self.parent
        if parent.session_id != self.session_id:
            raise ValidationError(
                {"parent": gettext("A sub-item must belong to the same session.")}
            )
        if parent.pk == self.pk and self.pk is not None:
            raise ValidationError({"parent": gettext("An item cannot be its own sub-item.")})
        if parent.parent_id is not None:
            raise ValidationError(
                {
                    "parent": gettext(
                        "Sub-items cannot have sub-items of their own: agendas number "
                        "items 1, 2, … and sub-items (a), (b), … only."
                    )
                }
            )
        if self.pk is not None and self.children.exists():
            raise ValidationError(
                {
                    "parent": gettext(
                        "This item has sub-items, so it cannot become a sub-item itself."
                    )
                }
            )


class Footnote(models.Model):
    """A footnote of an item's annotation, placed where the annotation says ``[^label]``.
    Its number is derived: footnotes are numbered through the whole document."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="footnotes")
    label = models.CharField(
        max_length=20,
        help_text=_("Reference used in the annotation: [^label]"),
        validators=[PlainText()],
    )
    text = TranslatedTextField(validators=[TranslatedText(FOOTNOTE_MAX, multiline=True)])
    version = models.PositiveIntegerField(default=1, editable=False)  # optimistic lock

    history = HistoricalRecords()

    class Meta:
        ordering = ["item", "pk"]
        constraints = [
            unique(
                "item",
                "label",
                name="footnote_label_unique_per_item",
                message=_("This item already has a footnote with that label."),
            )
        ]

    def __str__(self):
        return f"[^{self.label}]"


class DocumentQuerySet(models.QuerySet):
    """The register's writes that skip ``Document.save()`` derive its search columns too, so
    no write path can leave a document that the register cannot find."""

    DERIVED_FROM = {"symbol", "title"}

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for document in objs:
            document.derive_columns()
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs):
        if self.DERIVED_FROM & set(fields):
            objs = list(objs)
            for document in objs:
                document.derive_columns()
            fields = [*fields, "symbol_key", "search_text"]
        # Through a plain queryset: bulk_update writes with update(), refused below.
        plain = models.QuerySet(self.model, using=self.db)
        return plain.bulk_update(objs, fields, *args, **kwargs)

    def update(self, **kwargs):
        if self.DERIVED_FROM & set(kwargs):
            raise TypeError(
                "Document symbols and titles change through save() or bulk_update(), "
                "which keep the register's search columns in step."
            )
        return super().update(**kwargs)

    def public(self):
        """Documents anyone may see: those issued for no session, and those of a public
        session. The one definition of a public document: every public page, list, search and
        export reads the register through it (agenda.rules.ownership adds what a secretariat sees
        of its own). Written as "not of a session that is not public", a subquery rather
        than a join or an OR, so that SQLite and PostgreSQL still walk the symbol index in
        order (bench/register.py prints the plan)."""
        public = Session.objects.public().values("pk")
        return self.exclude(session__in=Session.objects.exclude(pk__in=public).values("pk"))


class Document(models.Model):
    """An entry of the documents register, identified by its UN document symbol."""

    class Kind(models.TextChoices):
        PROVISIONAL_AGENDA = "provisional_agenda", "Provisional agenda"
        BACKGROUND_PAPER = "background_paper", "Background paper"
        REPORT = "report", "Report"
        REPORT_OF_SECRETARY_GENERAL = "sg_report", "Report of the Secretary-General"
        NOTE = "note", "Note by the Secretariat"
        RESOLUTION = "resolution", "Resolution"
        DECISION = "decision", "Decision"
        DRAFT_RESOLUTION = "draft_resolution", "Draft resolution"
        CONFERENCE_ROOM_PAPER = "crp", "Conference room paper"
        WORKING_PAPER = "working_paper", "Working paper"
        CORRIGENDUM = "corrigendum", "Corrigendum"
        OTHER = "other", "Other"

    class Status(models.TextChoices):
        FORTHCOMING = "forthcoming", "Forthcoming"
        ADVANCE_UNEDITED = "advance_unedited", "Advance unedited version"
        ISSUED = "issued", "Issued"

    Distribution = Session.Distribution

    symbol = models.CharField(max_length=200, unique=True)
    # The symbol in capitals, for a case-insensitive prefix search that an index serves
    # (see agenda.lookups.Prefix); kept in step by save().
    symbol_key = models.CharField(max_length=200, db_index=True, editable=False, default="")
    # Symbol and titles in every language, case-folded: what title-word search reads.
    search_text = models.TextField(editable=False, default="")
    base = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="derived",
        editable=False,
        help_text=_("The document this one revises, corrects or adds to (from the symbol)"),
    )
    distribution = models.CharField(
        _("distribution"),
        max_length=20,
        choices=Distribution,
        default=Distribution.GENERAL,
        help_text=_("A new L. document is given limited distribution."),
    )
    title = TranslatedTextField(_("title"), validators=[TranslatedText(TITLE_MAX)])
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.OTHER)
    session = models.ForeignKey(
        Session,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents",
        verbose_name=_("session"),
        help_text=_("The session the document was issued for, if any"),
    )
    issue_date = models.DateField(_("issue date"), null=True, blank=True)
    prepared_by = TranslatedTextField(
        _("prepared by"),
        help_text=_("e.g. the Secretariat"),
        validators=[TranslatedText(NAME_MAX)],
    )
    original_language = models.CharField(
        _("original language"), max_length=2, choices=LANGUAGE_CHOICES, default="en"
    )
    languages = LanguageListField(
        _("language versions"), help_text=_("Language versions available")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.ISSUED)
    version = models.PositiveIntegerField(default=1, editable=False)  # optimistic lock
    items = models.ManyToManyField(
        AgendaItem, through="DocumentLink", related_name="documents", blank=True
    )

    objects = DocumentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["symbol"]

    def __str__(self):
        return self.symbol

    def save(self, *args, **kwargs):
        self.derive_columns()
        try:
            symbol = parse_symbol(self.symbol)
        except ValidationError:  # full_clean() reports it; code that skips it keeps its text
            symbol = None
        if symbol is not None:
            if self._state.adding and symbol.is_limited and self.distribution == "general":
                self.distribution = self.Distribution.LIMITED
            self.base = self._nearest_ancestor(symbol)
        super().save(*args, **kwargs)
        self._adopt_derived()

    def derive_columns(self) -> None:
        """The columns kept from the symbol and titles, for the register's lookups: save(),
        bulk_create() and bulk_update() call this (DocumentQuerySet)."""
        self.symbol_key = self.symbol.upper()
        self.search_text = " ".join(
            [self.symbol, *(text for text in (self.title or {}).values() if text)]
        ).casefold()

    def clean(self):
        try:
            self.symbol = clean_symbol(self.symbol)
        except ValidationError as exc:
            raise ValidationError({"symbol": exc.messages}) from None

    def validate_unique(self, exclude=None):
        # Report duplicates of the normalised symbol in words a secretary recognises.
        if (exclude is None or "symbol" not in exclude) and Document.objects.filter(
            symbol=self.symbol
        ).exclude(pk=self.pk).exists():
            raise ValidationError(
                {
                    "symbol": gettext("The register already has a document %(symbol)s.")
                    % {"symbol": self.symbol}
                }
            )
        super().validate_unique(exclude={*(exclude or ()), "symbol"})

    def localized_title(self, language: str):
        return localize(self.title, language, self.original_language)

    @property
    def parsed_symbol(self) -> Symbol:
        return parse_symbol(self.symbol)

    def ods_url(self, language: str = "") -> str:
        """The document in the Official Document System (outputs.linking.official_text_url)."""
        return official_text_url(self.symbol, language)

    def _nearest_ancestor(self, symbol: Symbol):
        ancestors = [str(a) for a in symbol.ancestors]
        if not ancestors:
            return None
        present = {d.symbol: d for d in Document.objects.filter(symbol__in=ancestors)}
        return next((present[a] for a in ancestors if a in present), None)

    def _adopt_derived(self) -> None:
        """Documents further down the chain whose nearest ancestor this one now is (they
        may have been saved first)."""
        below = Document.objects.filter(symbol_key__prefix=self.symbol_key + "/")
        for other in below.exclude(base=self):
            try:
                nearest = other._nearest_ancestor(other.parsed_symbol)
            except ValidationError:
                continue
            if nearest == self:
                Document.objects.filter(pk=other.pk).update(base=self)


Document._meta.get_field("symbol_key").register_lookup(Prefix)


class Reference(models.Model):
    """A citation found in a document's text: what it cites (a document symbol, a resolution
    or decision number, a session, an agenda item, a meeting), where in the text, and the
    register entry it points to when there is one."""

    class Kind(models.TextChoices):
        DOCUMENT = "document", "Document"
        RESOLUTION = "resolution", "Resolution"
        DECISION = "decision", "Decision"
        SESSION = "session", "Session"
        AGENDA_ITEM = "agenda_item", "Agenda item"
        MEETING = "meeting", "Meeting"

    citing = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="references")
    cited = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.SET_NULL, related_name="cited_by"
    )
    kind = models.CharField(max_length=20, choices=Kind)
    text = models.CharField(max_length=200, help_text=_("As found in the text"))
    target = models.CharField(max_length=200, help_text=_("Normalised: A/58/499, 57/173, 108"))
    start = models.PositiveIntegerField(help_text=_("Offset in the text, in characters"))
    end = models.PositiveIntegerField()

    class Meta:
        ordering = ["citing", "start", "pk"]
        constraints = [
            # agenda.services.register stores each citation once, whatever the text repeats.
            unique("citing", "target", "start", "end", name="reference_once_per_place")
        ]
        # "Cited by", a page at a time, in this order (agenda.reads.documents).
        indexes = [models.Index(fields=["cited", "citing", "start"], name="reference_cited_by")]

    def __str__(self):
        return f"{self.citing_id} cites {self.get_kind_display().lower()} {self.target}"


class DocumentLink(models.Model):
    """A document in an agenda item's "Documentation" list, in list order."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="document_links")
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="item_links")
    position = models.PositiveIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["item", "position", "pk"]
        constraints = [
            unique(
                "item",
                "document",
                name="document_listed_once_per_item",
                message=_("This document is already listed under this item."),
            )
        ]

    def __str__(self):
        return f"{self.document_id} under item {self.item_id}"


class ScheduledItem(models.Model):
    """One agenda item taken up in one sitting: a line of the proposed organization of work.
    Whether it is "(continued)" is derived from the sittings before it, never stored."""

    sitting = models.ForeignKey(Sitting, on_delete=models.CASCADE, related_name="scheduled_items")
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="scheduled_in")
    position = models.PositiveIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["sitting", "position", "pk"]
        constraints = [
            unique(
                "sitting",
                "item",
                name="item_scheduled_once_per_sitting",
                message=_("This item is already taken up in this meeting."),
            )
        ]

    def __str__(self):
        return f"item {self.item_id} in sitting {self.sitting_id}"

    def clean(self):
        if self.sitting_id and self.item_id and self.sitting.session_id != self.item.session_id:
            raise ValidationError(
                gettext("An item can only be scheduled in a meeting of its own session.")
            )


class PublishedVersion(models.Model):
    """One release of a session to delegates: immutable, numbered, dated and attributed.

    ``content`` is the whole session in the exchange format (agenda/outputs/exchange.py) as it was
    published; every public output (page, PDF, feeds, JSON, timetable) is a function of it,
    never of the editing tables. A change to the agenda document is published as a revision
    or a corrigendum under a new symbol; a change to meetings only is a schedule update under
    the same symbol. See agenda/services/publishing.py."""

    class Kind(models.TextChoices):
        ISSUE = "issue", _("First issue")
        REVISION = "revision", _("Revision")
        CORRIGENDUM = "corrigendum", _("Corrigendum")
        SCHEDULE = "schedule", _("Meetings updated")

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="published_versions"
    )
    number = models.PositiveIntegerField(help_text="1 for the first issue, 2 for the next, …")
    kind = models.CharField(max_length=12, choices=Kind, default=Kind.ISSUE)
    symbol = models.CharField(max_length=200, help_text="The document symbol it is issued under")
    issue_date = models.DateField(help_text="The date the document prints")
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    note = models.TextField(blank=True, max_length=2000)
    content = models.JSONField(help_text="The session in the exchange format")
    # Register entries printed with the listed documents (corrigenda and addenda of a base).
    register = models.JSONField(default=list)
    # Calendar identity per sitting uid (sequence, last modified) and sittings removed since
    # an earlier version, computed once when published (agenda.services.publishing).
    calendar = models.JSONField(default=dict)
    # sha256 of content, register and calendar: part of every public cache key and ETag, so
    # that a restored or re-imported database can never be served another version's bytes.
    digest = models.CharField(max_length=64)
    # The digest's first 28 bits: a feed's state sums them in SQL (agenda.views.public.calendar).
    digest_number = models.PositiveIntegerField(default=0)
    is_current = models.BooleanField(default=True)
    # Denormalised from content for the lists that show many sessions (body page, today).
    title = TranslatedTextField()
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    first_day = models.DateField(null=True, blank=True, help_text="Of the sittings")
    last_day = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["session", "number"]
        constraints = [
            unique("session", "number", name="published_version_number_unique"),
            unique(
                "session",
                condition=models.Q(is_current=True),
                name="one_current_version_per_session",
            ),
        ]
        indexes = [
            models.Index(fields=["is_current", "first_day", "last_day"]),
            # Covers what every public request reads of a version (agenda.reads.content
            # current_version, the body feed's state): SQLite keeps a row's columns together,
            # and reaching those stored after the content means reading the whole content.
            models.Index(
                fields=[
                    "session",
                    "is_current",
                    "number",
                    "kind",
                    "symbol",
                    "issue_date",
                    "published_at",
                    "digest",
                    "digest_number",
                ],
                name="version_light",
            ),
        ]

    def __str__(self):
        return f"{self.session_id} version {self.number} ({self.symbol})"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError(_("A published version is a record: it cannot be changed."))
        super().save(*args, **kwargs)

    @property
    def cache_key(self) -> str:
        return f"{self.pk}-{self.digest[:16]}"

    @property
    def changes_document(self) -> bool:
        return self.kind != self.Kind.SCHEDULE


class PdfRender(models.Model):
    """One PDF of a published version, in one language and layout, as the task queue renders
    it (agenda/outputs/pdf/tasks.py). The row is what makes a render happen once however many
    requests and workers ask: its key is unique, a worker claims it before rendering, and its
    state says what a request may serve. The bytes themselves live in the cache under ``key``
    (also the ETag); they are written, whole, before the row says done."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Rendering")
        DONE = "done", _("Rendered")
        FAILED = "failed", _("Failed")

    key = models.CharField(max_length=200, unique=True, help_text="The cache key and ETag")
    version = models.ForeignKey(
        PublishedVersion, on_delete=models.CASCADE, related_name="pdf_renders"
    )
    language = models.CharField(max_length=5, choices=LANGUAGE_CHOICES)
    layout = models.CharField(max_length=64, help_text="agenda.outputs.pdf.render.LAYOUT_VERSION")
    state = models.CharField(max_length=8, choices=State, default=State.QUEUED)
    attempts = models.PositiveIntegerField(default=0, help_text="Renders started")
    requested_at = models.DateTimeField(auto_now_add=True)
    # Not done by then, someone else takes it up: a queued render is enqueued again, a running
    # one (its worker's heartbeat pushes this forward) is taken to have lost its worker, a
    # failed one is retried.
    due_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    seconds = models.FloatField(null=True, blank=True, help_text="Time the last render took")
    error = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["version", "language", "state"])]

    def __str__(self):
        return f"{self.key} ({self.state})"


class SearchEntry(models.Model):
    """What the site's search finds of a published version (agenda.reads.search): its session,
    each agenda item, each document, with the text of every language, case-folded. Written
    when the version is published, from its content; never from the working copy."""

    class Kind(models.TextChoices):
        SESSION = "session", _("Session")
        ITEM = "item", _("Agenda item")
        DOCUMENT = "document", _("Document")

    version = models.ForeignKey(
        PublishedVersion, on_delete=models.CASCADE, related_name="search_entries"
    )
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(max_length=10, choices=Kind)
    key = models.CharField(max_length=200, blank=True, help_text="An item's number, a symbol")
    title = TranslatedTextField()
    original_language = models.CharField(max_length=2, choices=LANGUAGE_CHOICES, default="en")
    path = models.CharField(max_length=500, help_text="Where it is shown on this site")
    text = models.TextField(help_text="Every language's text, case-folded: what is matched")

    class Meta:
        ordering = ["version", "position"]
        verbose_name_plural = "search entries"

    def __str__(self):
        return f"{self.kind} {self.key} of version {self.version_id}"
