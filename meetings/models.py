"""Bodies, their sessions and the sittings (plenary meetings) of a session."""

import datetime as dt
import uuid
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from meetings.dates import long_date
from meetings.symbols import clean_symbol, normalize_symbol, validate_symbol
from meetings.translations import (
    LANGUAGE_CHOICES,
    LanguageListField,
    TranslatedTextField,
    interface_language,
    localize,
)
from meetings.validators import NAME_MAX, TITLE_MAX, PlainText, TranslatedText


def unique(*fields: str, name: str, message="", condition=None) -> models.UniqueConstraint:
    """A unique constraint whose violation, when a form or the admin validates, says ``message``."""
    extra = {"violation_error_message": message} if message else {}
    return models.UniqueConstraint(fields=fields, name=name, condition=condition, **extra)


slug_validator = RegexValidator(
    r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
    _("Use lower-case letters, digits and single hyphens, such as ctoc-cop-wg3."),
)


def validate_time_zone(value: str) -> None:
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValidationError(
            _("“%(zone)s” is not a known time zone; use an IANA name such as Europe/Vienna."),
            params={"zone": value},
        ) from None


class Venue(models.Model):
    """A duty station or conference centre; its time zone is the one sittings are held in."""

    slug = models.SlugField(max_length=60, unique=True, validators=[slug_validator])
    name = TranslatedTextField(
        help_text=_("Language code -> name, e.g. Vienna International Centre"),
        validators=[TranslatedText(NAME_MAX)],
    )
    city = TranslatedTextField(validators=[TranslatedText(NAME_MAX)])
    country = models.CharField(max_length=2, help_text=_("ISO 3166 alpha-2 code, e.g. AT"))
    time_zone = models.CharField(max_length=64, validators=[validate_time_zone])

    class Meta:
        ordering = ["slug"]

    def __str__(self):
        return localize(self.name, interface_language(), "en").text or self.slug

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)


class Body(models.Model):
    """An intergovernmental body: a working group, a commission, a committee."""

    slug = models.SlugField(max_length=60, unique=True, validators=[slug_validator])
    name = TranslatedTextField(validators=[TranslatedText(NAME_MAX)])
    abbreviation = models.CharField(max_length=40, blank=True, validators=[PlainText()])
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    symbol_prefix = models.CharField(
        max_length=60, help_text=_("The series of the body's documents, e.g. CTOC/COP/WG.3")
    )
    duty_station = models.ForeignKey(Venue, on_delete=models.PROTECT, related_name="bodies")
    secretariat = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="secretariat_of",
        help_text=_("Staff who prepare this body's sessions and may edit them"),
    )
    # The ORGANIZER of the body's calendar events (RFC 5546 expects one with METHOD:PUBLISH):
    # the secretariat's address, which delegates write to about a meeting.
    organizer_email = models.EmailField(
        _("secretariat address"),
        blank=True,
        help_text=_("Where delegates write about its meetings; the organizer in calendars."),
    )

    class Meta:
        ordering = ["slug"]
        verbose_name_plural = "bodies"

    def __str__(self):
        return localize(self.name, interface_language(), "en").text or self.slug

    def get_absolute_url(self):
        return reverse("body-detail", kwargs={"body_slug": self.slug})

    def clean(self):
        self.symbol_prefix = normalize_symbol(self.symbol_prefix)
        if self.symbol_prefix:
            try:
                # A prefix is a symbol without its running number; check it as one.
                validate_symbol(self.symbol_prefix + "/1")
            except ValidationError:
                raise ValidationError(
                    {
                        "symbol_prefix": gettext("“%(series)s” is not a valid symbol series.")
                        % {"series": self.symbol_prefix}
                    }
                ) from None
        ancestor, seen = self.parent, set()
        while ancestor is not None and ancestor.pk not in seen:
            if ancestor.pk == self.pk and self.pk is not None:
                raise ValidationError(
                    {"parent": gettext("A body cannot be its own parent or ancestor.")}
                )
            seen.add(ancestor.pk)
            ancestor = ancestor.parent

    def ancestors(self) -> list["Body"]:
        """Parent first, then its parent, and so on (bodies are few and shallow)."""
        chain, body = [], self.parent
        while body is not None:
            chain.append(body)
            body = body.parent
        return chain


def differs_from_stored(instance, fields) -> bool:
    """Whether any of ``fields`` of ``instance`` differs from its row; True for a new one."""
    if instance.pk is None:
        return True
    stored = type(instance)._default_manager.filter(pk=instance.pk).values(*fields).first()
    return stored is None or any(stored[name] != getattr(instance, name) for name in fields)


def save_counting(instance, counter: str, save, *args, **kwargs) -> None:
    """Save with ``counter`` incremented, in the database, so that concurrent writers never
    reuse a number; read back afterwards."""
    setattr(instance, counter, models.F(counter) + 1)
    if kwargs.get("update_fields") is not None:
        kwargs["update_fields"] = {*kwargs["update_fields"], counter}
    save(*args, **kwargs)
    instance.refresh_from_db(fields=[counter])


class SessionQuerySet(models.QuerySet):
    def public(self):
        """Sessions delegates can see: those with a published version (agenda.services.publishing).
        By the reverse relation's name, so that this app never imports the agenda app."""
        return self.filter(published_versions__is_current=True)

    def with_body(self):
        return self.select_related(
            "body", "body__duty_station", "body__parent__duty_station", "venue"
        )


class Session(models.Model):
    """A numbered session (meeting) of a body, e.g. the fifteenth meeting of WG.3."""

    class Format(models.TextChoices):
        IN_PERSON = "in_person", "In person"
        HYBRID = "hybrid", "Hybrid"
        ONLINE = "online", "Online"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        ISSUED = "issued", "Provisional agenda issued"
        ADOPTED = "adopted", "Agenda adopted"
        CLOSED = "closed", "Closed"

    class Distribution(models.TextChoices):
        GENERAL = "general", "General"
        LIMITED = "limited", "Limited"
        RESTRICTED = "restricted", "Restricted"

    class TitleVariant(models.TextChoices):
        """How the document is titled: bodies differ (outputs/document_terms.py has each)."""

        AGENDA_AND_ANNOTATIONS = "agenda_and_annotations", _("Provisional agenda and annotations")
        ANNOTATED_AGENDA = "annotated_agenda", _("Annotated provisional agenda")

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="sessions")
    number = models.PositiveIntegerField(
        _("number"), help_text=_("Ordinal number: 15 for the fifteenth")
    )
    title = TranslatedTextField(_("title"), validators=[TranslatedText(TITLE_MAX)])
    venue = models.ForeignKey(
        Venue,
        verbose_name=_("venue"),
        on_delete=models.PROTECT,
        related_name="sessions",
        null=True,
        blank=True,
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    format = models.CharField(_("format"), max_length=12, choices=Format, default=Format.IN_PERSON)
    interpretation_languages = LanguageListField(_("interpretation languages"))
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DRAFT)
    agenda_symbol = models.CharField(
        _("agenda symbol"),
        max_length=200,
        blank=True,
        help_text=_("Symbol of the provisional agenda document"),
    )
    issue_date = models.DateField(_("issue date"), null=True, blank=True)
    original_language = models.CharField(
        _("original language"), max_length=2, choices=LANGUAGE_CHOICES, default="en"
    )
    distribution = models.CharField(
        _("distribution"), max_length=12, choices=Distribution, default=Distribution.GENERAL
    )
    title_variant = models.CharField(
        _("document title"),
        max_length=30,
        choices=TitleVariant,
        default=TitleVariant.AGENDA_AND_ANNOTATIONS,
    )
    job_number = models.CharField(
        _("job number"),
        max_length=20,
        blank=True,
        validators=[
            RegexValidator(
                r"^(?:[A-Z]{1,3}\.)?\d{2}-\d{5}$",
                _("Write the job number as assigned, e.g. V.24-01234, GE.24-01234 or 24-01234."),
            )
        ],
        help_text=_(
            "Printed at the foot of the first page, with the language's letter: "
            "V.24-01234 (E), V.24-01234 (C)."
        ),
    )
    objects = SessionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["body__slug", "-number"]
        constraints = [
            unique(
                "body",
                "number",
                name="session_number_unique_per_body",
                message=_("This body already has a session with that number."),
            ),
            unique(
                "agenda_symbol",
                condition=~Q(agenda_symbol=""),
                name="session_agenda_symbol_unique",
                message=_("Another session already uses that agenda symbol."),
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="session_ends_after_start",
                violation_error_message=_("The session cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return f"{self.body.abbreviation or self.body} {self.number}"

    def save(self, *args, **kwargs):
        moved = self.pk is not None and differs_from_stored(self, ("body_id", "number"))
        if moved:
            old = Session.objects.filter(pk=self.pk).values("body__slug", "number").get()
        super().save(*args, **kwargs)
        if moved:
            # The old address keeps working (permanent redirect): subscribed calendars and
            # bookmarks of delegates must not be lost when a session is renumbered or moved.
            SessionAddress.objects.update_or_create(
                body_slug=old["body__slug"], number=old["number"], defaults={"session": self}
            )

    def get_absolute_url(self):
        return self.url("session-detail")

    def url(self, name: str, *args) -> str:
        """The address of the session's page ``name`` (a URL name whose first arguments are
        the body's slug and the session's number), then ``args`` (an item's pk, a language…).
        Templates: ``{% session_url "session-edit" session %}``."""
        return reverse(name, args=[self.body.slug, self.number, *args])

    @property
    def location(self) -> Venue:
        return self.venue or self.body.duty_station

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        """Sittings are held in the local time of the venue (the duty station by default)."""
        return self.location.zone

    @property
    def agenda_frozen(self) -> bool:
        """Once the provisional agenda is issued, its item numbers no longer change."""
        return self.status != self.Status.DRAFT

    def localized_title(self, language: str):
        return localize(self.title, language, self.original_language)

    def clean(self):
        errors = {}
        if self.agenda_symbol:
            try:
                self.agenda_symbol = clean_symbol(self.agenda_symbol)
            except ValidationError as exc:
                errors["agenda_symbol"] = exc.messages
        if (self.start_date is None) != (self.end_date is None):
            errors["end_date"] = gettext("Give both the start and the end date, or neither.")
        elif self.start_date and self.end_date < self.start_date:
            errors["end_date"] = gettext("The session cannot end before it starts.")
        if errors:
            raise ValidationError(errors)


class Sitting(models.Model):
    """A plenary meeting of a session in a time slot, in the venue's local time."""

    # Fields people edit whose change leaves the form's lock (version) alone, and why.
    UNGUARDED = {
        "number": "set once, when the meeting is added",
        "interpretation": "not part of the meeting's schedule",
    }

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="sittings")
    number = models.PositiveIntegerField(
        _("number"), help_text=_("1 for the 1st meeting; 77 for the 77th")
    )
    date = models.DateField(_("date"))
    start_time = models.TimeField(
        _("start time"), null=True, blank=True, help_text=_("Local time, e.g. 10:00")
    )
    end_time = models.TimeField(
        _("end time"), null=True, blank=True, help_text=_("Local time, e.g. 13:00")
    )
    room = models.CharField(_("room"), max_length=100, blank=True, validators=[PlainText()])
    interpretation = models.BooleanField(_("interpretation"), default=True)
    cancelled = models.BooleanField(_("cancelled"), default=False)
    # The calendar event's identity: fixed at creation, carried by the exchange format, so
    # every export, import and install publishes the same UID for the same sitting.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Optimistic lock of the editor's meeting form: grows with every change to what people
    # edit (guarded_fields). Calendars' SEQUENCE is another number, computed from the
    # published versions (agenda.services.publishing).
    version = models.PositiveIntegerField(default=0, editable=False)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["date", "start_time", "number"]
        constraints = [
            unique(
                "session",
                "number",
                name="sitting_number_unique_per_session",
                message=_("This session already has a meeting with that number."),
            ),
            models.CheckConstraint(
                condition=Q(start_time__isnull=True, end_time__isnull=True)
                | Q(start_time__isnull=False, end_time__isnull=False),
                name="sitting_both_times_or_neither",
                violation_error_message=_("Give both the start and the end time, or neither."),
            ),
            models.CheckConstraint(
                condition=Q(start_time__isnull=True) | Q(end_time__gt=models.F("start_time")),
                name="sitting_ends_after_start",
                violation_error_message=_("A meeting must end after it starts."),
            ),
        ]

    def __str__(self):
        return f"{self.session} – meeting {self.number} ({self.date})"

    def save(self, *args, **kwargs):
        if self.pk is not None and differs_from_stored(self, self.guarded_fields()):
            save_counting(self, "version", super().save, *args, **kwargs)
        else:
            super().save(*args, **kwargs)

    @classmethod
    def guarded_fields(cls) -> list[str]:
        """What the editor's meeting form guards: every field people edit but
        ``UNGUARDED`` (changing any of them bumps ``version``), so a new field is guarded."""
        return [
            f.attname
            for f in cls._meta.concrete_fields
            if f.editable and not f.primary_key and f.name not in cls.UNGUARDED
        ]

    @property
    def ical_uid(self) -> str:
        return ical_uid(self.uid)

    @property
    def starts_at(self) -> dt.datetime | None:
        if self.start_time is None:
            return None
        return dt.datetime.combine(self.date, self.start_time, tzinfo=self.session.zone)

    @property
    def ends_at(self) -> dt.datetime | None:
        if self.end_time is None:
            return None
        return dt.datetime.combine(self.date, self.end_time, tzinfo=self.session.zone)

    def clean(self):
        errors = {}
        if (self.start_time is None) != (self.end_time is None):
            errors["end_time"] = gettext("Give both the start and the end time, or neither.")
        elif self.start_time and self.end_time <= self.start_time:
            errors["end_time"] = gettext(
                "The meeting must end after it starts (%(start)s); %(end)s is not later."
            ) % {"start": f"{self.start_time:%H:%M}", "end": f"{self.end_time:%H:%M}"}
        session = self.session if self.session_id else None
        outside = (
            session
            and session.start_date
            and self.date
            and not session.start_date <= self.date <= session.end_date
        )
        # Dates as the reader's language writes them (5 June 2024, 2024年6月5日).
        language = get_language()
        if outside:
            errors["date"] = gettext(
                "%(date)s is outside the session's dates (%(start)s to %(end)s)."
            ) % {
                "date": long_date(self.date, language),
                "start": long_date(session.start_date, language),
                "end": long_date(session.end_date, language),
            }
        if errors:
            raise ValidationError(errors)
        if session and self.start_time and not self.cancelled:
            clash = self.overlapping_sittings().first()
            if clash:
                raise ValidationError(
                    gettext(
                        "This meeting overlaps meeting %(number)s of the same session "
                        "(%(date)s, %(start)s–%(end)s)."
                    )
                    % {
                        "number": clash.number,
                        "date": long_date(clash.date, language),
                        "start": f"{clash.start_time:%H:%M}",
                        "end": f"{clash.end_time:%H:%M}",
                    }
                )

    def overlapping_sittings(self):
        return (
            Sitting.objects.filter(
                session_id=self.session_id,
                date=self.date,
                cancelled=False,
                start_time__lt=self.end_time,
                end_time__gt=self.start_time,
            )
            .exclude(pk=self.pk)
            .order_by("start_time")
        )


def ical_uid(value: uuid.UUID) -> str:
    """The iCalendar UID of a sitting: its uuid at a fixed suffix, the same on every install."""
    return f"{value}@{settings.CALENDAR_UID_DOMAIN}"


class RemovedSitting(models.Model):
    """What calendars need to drop a deleted sitting: kept after the sitting (and even its
    session) is gone, and published as a cancelled event with a higher SEQUENCE. Written by
    meetings/tombstones.py whenever a sitting of a non-draft session is deleted."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="removed_sittings")
    session_number = models.PositiveIntegerField()
    session_title = TranslatedTextField()
    original_language = models.CharField(max_length=2, choices=LANGUAGE_CHOICES, default="en")
    uid = models.UUIDField(unique=True)
    number = models.PositiveIntegerField()
    date = models.DateField()
    start_time = models.TimeField(null=True, blank=True)
    end_time = models.TimeField(null=True, blank=True)
    time_zone = models.CharField(max_length=64)
    sequence = models.PositiveIntegerField()
    removed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["date", "start_time", "number"]
        indexes = [models.Index(fields=["body", "session_number"])]

    def __str__(self):
        return f"removed meeting {self.number} of session {self.session_number} ({self.date})"

    @property
    def ical_uid(self) -> str:
        return ical_uid(self.uid)


class SessionAddress(models.Model):
    """An address a session had before it was renumbered or moved to another body: its
    pages and feeds there answer with a permanent redirect to where it is now."""

    body_slug = models.SlugField(max_length=60)
    number = models.PositiveIntegerField()
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="old_addresses")

    class Meta:
        constraints = [unique("body_slug", "number", name="old_address_unique")]

    def __str__(self):
        return f"{self.body_slug}/{self.number} -> {self.session_id}"
