"""Forms of the secretariat editor. They only parse and bound input; services decide."""

import unicodedata

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from agenda.models import AgendaItem, Document
from agenda.published import form_fields
from agenda.services.sessions import DETAIL_FIELDS
from meetings.models import Session, Sitting
from meetings.translations import INTERFACE_LANGUAGE_NAMES
from meetings.validators import ANNOTATION_MAX, FOOTNOTE_MAX, TITLE_MAX

# The six languages named in the reader's language (the models' choices keep the English
# names, which documents print: "Original: English").
INTERFACE_LANGUAGE_CHOICES = list(INTERFACE_LANGUAGE_NAMES.items())


def interface_choices(choices):
    """A model's choices with their labels in the reader's language. The models keep English
    labels, which the documents print ("Distr.: General"); meetings/interface_strings.py keeps
    them in the catalogues."""
    return [(value, label if isinstance(label, Promise) else _(label)) for value, label in choices]


class NewItemForm(forms.Form):
    title = forms.CharField(max_length=TITLE_MAX, label=_("Title of the new item"))
    parent = forms.ModelChoiceField(
        queryset=AgendaItem.objects.none(),
        required=False,
        label=_("Place it"),
        empty_label=_("as a main item"),
    )
    after = forms.ModelChoiceField(
        queryset=AgendaItem.objects.none(),
        required=False,
        label=_("Where"),
        empty_label=_("at the end"),
    )

    def __init__(self, *args, session, parents: list[tuple[int, str]] | None = None, **kwargs):
        """``parents``, the main items as (pk, "2") in agenda order, are the choices of a form
        that is shown, read from the agenda on the page (no query, no row per choice); a
        posted form checks its choice against the session's main items."""
        super().__init__(*args, **kwargs)
        parent = self.fields["parent"]
        parent.queryset = AgendaItem.objects.filter(session=session, parent__isnull=True)
        if parents is not None:
            parent.choices = [("", parent.empty_label)] + [
                (pk, _("as a sub-item of item %(number)s") % {"number": number})
                for pk, number in parents
            ]
        # Its choices are printed from the agenda the editor shows (no second query).
        self.fields["after"].queryset = parent.queryset
        if session.agenda_frozen:
            self.fields["after"].help_text = _(
                "The agenda has been issued: an item added after item 3 is numbered 3 bis, "
                "and no other item is renumbered."
            )

    def clean(self):
        data = super().clean()
        if data.get("parent") and data.get("after"):
            self.add_error(
                "after",
                _("A sub-item goes at the end of its item's sub-items; leave “Where” at the end."),
            )
        return data


class ItemForm(forms.Form):
    title = forms.CharField(max_length=TITLE_MAX, required=False, label=_("Title"))
    annotation = forms.CharField(
        max_length=ANNOTATION_MAX,
        required=False,
        label=_("Annotation"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Paragraphs are separated by a blank line; lines starting with “- ” form a "
            "list; [^1] places the footnote labelled 1."
        ),
    )
    version = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        label=_("Version"),
        error_messages={"required": _("The page is out of date; reload it and try again.")},
    )


def seen_version(min_value: int) -> forms.IntegerField:
    """The version of a row the page was built from (a check against lost updates)."""
    return forms.IntegerField(
        min_value=min_value,
        label=_("Version"),
        error_messages={"required": _("The page is out of date; reload it and try again.")},
    )


class VersionForm(forms.Form):
    version = seen_version(min_value=1)


class MoveForm(forms.Form):
    direction = forms.ChoiceField(
        choices=[(d, d) for d in ("up", "down", "indent", "outdent")],
        error_messages={"invalid_choice": _("Unknown move “%(value)s”.")},
    )


class ReorderForm(forms.Form):
    """The whole order after a drag and drop, as JSON: [[item, [sub-item, …]], …]."""

    layout = forms.JSONField(max_length=100_000)

    def clean_layout(self):
        layout = self.cleaned_data["layout"]
        shape_error = forms.ValidationError(
            _("The new order could not be read; the agenda has been reloaded.")
        )
        if not isinstance(layout, list) or len(layout) > 1_000:
            raise shape_error
        result = []
        for entry in layout:
            if not (
                isinstance(entry, list)
                and len(entry) == 2
                and isinstance(entry[0], int)
                and isinstance(entry[1], list)
                and all(isinstance(pk, int) for pk in entry[1])
            ):
                raise shape_error
            result.append((entry[0], list(entry[1])))
        return result


class SessionForm(forms.ModelForm):
    """The session's particulars. The title (one language at a time) and the interpretation
    languages are form fields of their own: the model stores them as JSON."""

    title = forms.CharField(max_length=TITLE_MAX, help_text=_("e.g. Fifteenth meeting"))
    interpretation_languages = forms.MultipleChoiceField(
        choices=INTERFACE_LANGUAGE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Interpretation languages"),
    )

    class Meta:
        model = Session
        fields = [f for f in DETAIL_FIELDS if f != "interpretation_languages"]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "end_date": forms.DateInput(attrs={"type": "date"}),
            "issue_date": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, title_language: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        # A form posted without it (older pages, scripts) keeps the usual title.
        self.fields["title_variant"].required = False
        if title_language:
            # Typed in that language: the browser picks its fonts, direction and spelling.
            self.fields["title"].widget.attrs.update(
                lang=title_language, dir="rtl" if title_language == "ar" else "auto"
            )
        for name in ("format", "status", "distribution"):
            if name in self.fields:
                self.fields[name].choices = interface_choices(self.fields[name].choices)
        if "original_language" in self.fields:
            self.fields["original_language"].choices = INTERFACE_LANGUAGE_CHOICES

    def clean_title_variant(self):
        return self.cleaned_data["title_variant"] or Session.TitleVariant.AGENDA_AND_ANNOTATIONS


class FootnoteForm(forms.Form):
    label = forms.CharField(max_length=20, required=False, label=_("Label"))
    text = forms.CharField(max_length=FOOTNOTE_MAX, required=False, label=_("Text"))
    version = forms.IntegerField(
        min_value=1, required=False, widget=forms.HiddenInput, label=_("Version")
    )


class Time24Field(forms.TimeField):
    """A time on the 24-hour clock whatever the browser's locale: typed as 15:00 (or 15.00,
    15h00; full-width digits too), never offered as a locale-dependent time picker."""

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", ["%H:%M", "%H.%M", "%Hh%M", "%H:%M:%S"])
        kwargs.setdefault(
            "error_messages",
            {"invalid": _("Give the time on the 24-hour clock as hh:mm, e.g. 15:00.")},
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = unicodedata.normalize("NFKC", value).strip().lower()
        return super().to_python(value)


# What the browser accepts before sending (the server decides): 9:30, 15:00, 15.00, 15h00,
# full-width digits.
TIME_PATTERN = "[0-9０-９]{1,2}[:.hH：][0-9０-９]{2}"


class MeetingBoundField(forms.BoundField):
    """A field of a meeting's form, with the id of the error shown next to it."""

    @property
    def error_id(self) -> str:
        return self.form.error_id(self.name)


class SittingForm(forms.ModelForm):
    """A meeting's published facts that people type (agenda/published.py), with its
    version. ``ids`` names the form on the page ("new", or the meeting's pk): its fields'
    ids start with it and each error, next to its field, is ``<ids>-<field>-error``."""

    bound_field_class = MeetingBoundField
    # The Sitting.version the form was built from (a version check); absent when adding.
    version = forms.IntegerField(min_value=0, required=False, widget=forms.HiddenInput)
    start_time = Time24Field(required=False, label=_("From"))
    end_time = Time24Field(required=False, label=_("to"))
    # the short names of the errors' ids (the page's scripts and tests know them)
    ERROR_IDS = {"start_time": "start", "end_time": "end"}

    class Meta:
        model = Sitting
        fields = form_fields()
        labels = {
            "date": _("Date"),
            "room": _("Room"),
            "interpretation": _("Interpretation"),
            "cancelled": _("Cancelled"),
        }
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, ids: str = "new", adding: bool = False, **kwargs):
        kwargs.setdefault("auto_id", f"{ids}-%s")
        super().__init__(*args, **kwargs)
        self.ids = ids
        if adding:  # a new meeting is not cancelled
            del self.fields["cancelled"]
        elif self.instance.pk is not None:
            self.fields["version"].initial = self.instance.version
        for name in ("start_time", "end_time"):
            widget = self.fields[name].widget
            widget.format = "%H:%M"
            widget.attrs.update(
                inputmode="numeric",
                pattern=TIME_PATTERN,
                placeholder=_("hh:mm"),
                size=5,
                maxlength=8,
                autocomplete="off",
            )

    def error_id(self, name: str) -> str:
        return f"{self.ids}-{self.ERROR_IDS.get(name, name)}-error"

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs["aria-describedby"] = self.error_id(name)


class AssignManyForm(forms.Form):
    """Tick several items, choose a meeting: one request (or one drop of a dragged item)."""

    items = forms.ModelMultipleChoiceField(
        queryset=AgendaItem.objects.none(),
        error_messages={
            "required": _("Tick at least one item to assign."),
            "invalid_choice": _("That item is not on this agenda (any more)."),
            "invalid_pk_value": _("That item is not on this agenda (any more)."),
        },
    )
    sitting = forms.ModelChoiceField(
        queryset=Sitting.objects.none(),
        label=_("Meeting"),
        error_messages={
            "required": _("Choose the meeting."),
            "invalid_choice": _("This meeting no longer exists (someone else deleted it)."),
        },
    )

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["items"].queryset = AgendaItem.objects.filter(session=session)
        self.fields["sitting"].queryset = Sitting.objects.filter(session=session)


class LineActionForm(forms.Form):
    """A button on a line of a meeting: "up 12", "down 12" or "remove 12" (line 12)."""

    op = forms.RegexField(
        regex=r"^(up|down|remove) [0-9]{1,18}$",
        error_messages={"invalid": _("Unknown move “%(value)s”.")},
    )

    def clean_op(self):
        action, pk = self.cleaned_data["op"].split()
        return action, int(pk)


class ProposeForm(forms.Form):
    replace = forms.BooleanField(required=False, label=_("Replace what is there"))


class AssignForm(forms.Form):
    item = forms.ModelChoiceField(
        queryset=AgendaItem.objects.none(),
        error_messages={"invalid_choice": _("That item is not on this agenda (any more).")},
    )

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = AgendaItem.objects.filter(session=session)


class ListDocumentForm(forms.Form):
    symbol = forms.CharField(max_length=200, label=_("Document symbol"))
    title = forms.CharField(max_length=TITLE_MAX, required=False, label=_("Title (if new)"))


class DocumentForm(forms.Form):
    title = forms.CharField(max_length=TITLE_MAX, required=False, label=_("Title"))
    version = forms.IntegerField(
        min_value=1,
        widget=forms.HiddenInput,
        label=_("Version"),
        error_messages={"required": _("The page is out of date; reload it and try again.")},
    )
    status = forms.ChoiceField(
        choices=interface_choices(Document.Status.choices), label=_("Status")
    )
    languages = forms.MultipleChoiceField(
        choices=INTERFACE_LANGUAGE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Language versions available"),
    )


class PasteForm(forms.Form):
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 14}),
        max_length=200_000,
        label=_("Paste the agenda"),
        help_text=_(
            "Numbered as in the document: “1. Organizational matters: (a) Opening of the "
            "session; …” or “1. 组织事项：” / “(a) 会议开幕；” on their own lines."
        ),
    )
    mode = forms.ChoiceField(
        choices=[
            ("append", _("Add them after the existing items")),
            ("replace", _("Replace the existing items (their annotations and footnotes too)")),
        ],
        initial="append",
        required=False,
        widget=forms.RadioSelect,
        label=_("The agenda already has items"),
    )


class SittingVersionForm(forms.Form):
    version = seen_version(min_value=0)


class DocumentTextForm(forms.Form):
    """A document's text, uploaded (.txt or .md) or pasted; agenda.services.register checks it."""

    file = forms.FileField(
        required=False,
        label=_("Text file (.txt or .md, UTF-8)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.md,text/plain,text/markdown"}),
    )
    text = forms.CharField(required=False, label=_("or paste the text"), widget=forms.Textarea)

    def clean(self):
        data = super().clean()
        if not data.get("file") and not data.get("text", "").strip():
            raise forms.ValidationError(_("Choose a file or paste the text."))
        return data


class PublishForm(forms.Form):
    """Publishing the working copy: as what (when the agenda document changed) and why."""

    kind = forms.ChoiceField(
        label=_("Publish the changed document as"),
        choices=[
            ("revision", _("a revision (the whole document again, …/Rev.N)")),
            ("corrigendum", _("a corrigendum (…/Corr.N of the current document)")),
        ],
        required=False,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note for delegates (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class StatusForm(forms.Form):
    action = forms.ChoiceField(
        choices=[(a, a) for a in ("adopt", "close", "undo")],
        error_messages={"invalid_choice": _("Unknown action “%(value)s”.")},
    )
