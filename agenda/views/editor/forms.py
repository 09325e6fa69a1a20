"""Forms of the secretariat editor. They only parse and bound input; services decide."""

import unicodedata

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from agenda.models import AgendaItem, Document
from agenda.outputs.xliff import MAX_BYTES
from agenda.published import form_fields
from agenda.services.sessions import DETAIL_FIELDS
from meetings.form_rendering import DescribedBoundField, TypedInLanguage, language_attrs
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


def typed_in(field: forms.Field, language: str) -> None:
    """A text input typed in ``language``: the browser picks its fonts, direction, spelling."""
    field.widget.attrs.update(language_attrs(language))


class NewItemForm(TypedInLanguage, forms.Form):
    typed_in_language = ("title",)

    title = forms.CharField(
        max_length=TITLE_MAX,
        label=_("Title of the new item"),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
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
        if self.language:
            self.fields["title"].label = _("Title of the new item (%(language_name)s)") % {
                "language_name": INTERFACE_LANGUAGE_NAMES[self.language]
            }
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


class ItemForm(TypedInLanguage, forms.Form):
    """An item's title and annotation in the editing language; the inputs' ids name the item
    (``item=``), and the title's label its number (``name_item``)."""

    typed_in_language = ("title", "annotation")

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

    def __init__(self, *args, item=None, **kwargs):
        if item is not None:
            kwargs.setdefault("auto_id", f"%s-{item.pk}")
        super().__init__(*args, **kwargs)

    def name_item(self, number: str) -> None:
        """Label the title with the item's number, once the form is to be shown (a posted
        form has made its bound fields already: the label is set on both)."""
        label = _("Title of item %(number)s (%(language)s)") % {
            "number": number,
            "language": self.language,
        }
        self.fields["title"].label = self["title"].label = label


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
        title = self.fields["title"]
        if title_language:
            typed_in(title, title_language)
            title.label = _("Title (%(language)s)") % {"language": title_language}
        if self.instance.pk is None:
            # A new session's title follows its original language (js/session-form.js).
            title.label_template = _("Title (%(language)s)") % {"language": "__lang__"}
        for name in ("format", "status", "distribution"):
            if name in self.fields:
                self.fields[name].choices = interface_choices(self.fields[name].choices)
        if "original_language" in self.fields:
            self.fields["original_language"].choices = INTERFACE_LANGUAGE_CHOICES

    def clean_title_variant(self):
        return self.cleaned_data["title_variant"] or Session.TitleVariant.AGENDA_AND_ANNOTATIONS


class FootnoteForm(TypedInLanguage, forms.Form):
    typed_in_language = ("text",)

    label = forms.CharField(
        max_length=20,
        required=False,
        label=_("Label"),
        widget=forms.TextInput(attrs={"size": 6}),
    )
    text = forms.CharField(max_length=FOOTNOTE_MAX, required=False, label=_("Text"))
    version = forms.IntegerField(
        min_value=1, required=False, widget=forms.HiddenInput, label=_("Version")
    )

    @classmethod
    def shown(cls, item, language: str, footnote=None, next_label: str = ""):
        """The form on the page for ``footnote``, or for a new footnote of ``item``. The
        browser asks for what the footnote needs: a label to keep, a text to add."""
        if footnote is None:
            form = cls(
                initial={"label": next_label},
                language=language,
                auto_id=f"new-footnote-{item.pk}-%s",
            )
        else:
            form = cls(
                initial={
                    "label": footnote.label,
                    "text": footnote.text.get(language, ""),
                    "version": footnote.version,
                },
                language=language,
                auto_id=f"footnote-{footnote.pk}-%s",
            )
        form.fields["text" if footnote is None else "label"].widget.attrs["required"] = True
        form.fields["text"].label = _("Text (%(language)s)") % {"language": language}
        return form


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


class MeetingBoundField(DescribedBoundField):
    """A field of a meeting's form: its error is ``<form ids>-<short name>-error``."""

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


class ListDocumentForm(TypedInLanguage, forms.Form):
    typed_in_language = ("title",)

    symbol = forms.CharField(max_length=200, label=_("Document symbol"))
    title = forms.CharField(max_length=TITLE_MAX, required=False, label=_("Title (if new)"))

    @classmethod
    def shown(cls, item, language: str, placeholder: str = ""):
        """The form under ``item``'s Documentation list; ``placeholder``, an example symbol."""
        form = cls(language=language, auto_id=f"list-{item.pk}-%s")
        form.fields["symbol"].label = _("Symbol")
        if placeholder:
            form.fields["symbol"].widget.attrs["placeholder"] = placeholder
        form.fields["title"].label = _("Title, if it is not in the register yet (%(language)s)") % {
            "language": language
        }
        return form


class DocumentForm(TypedInLanguage, forms.Form):
    typed_in_language = ("title",)

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

    @classmethod
    def shown(cls, document, language: str):
        """The form of ``document`` on the session's documents page, its title in ``language``."""
        form = cls(
            initial={
                "title": document.title.get(language, ""),
                "version": document.version,
                "status": document.status,
                "languages": document.languages,
            },
            language=language,
            auto_id=f"doc-%s-{document.pk}",
        )
        form.fields["title"].label = _("Title (%(language)s)") % {"language": language}
        return form


class PasteForm(TypedInLanguage, forms.Form):
    typed_in_language = ("text",)

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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.language:
            self.fields["text"].label = _("Paste the agenda (titles in %(language)s)") % {
                "language": self.language
            }


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


class NextSessionForm(forms.Form):
    """The next session's start and title, and which of this session's items it carries
    (``offers``: (pk, label) in agenda order; the standing items come ticked)."""

    start = forms.DateField(
        label=_("First day of the next session"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The last day follows from this session's length."),
    )
    title = forms.CharField(max_length=TITLE_MAX, label=_("Title of the next session"))
    items = forms.TypedMultipleChoiceField(
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Items to carry over"),
    )

    def __init__(self, *args, offers: list[tuple[int, str]], title_language: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["items"].choices = offers
        typed_in(self.fields["title"], title_language)


class TranslationImportForm(forms.Form):
    """An XLIFF file of translators' work, for one language other than the original."""

    language = forms.ChoiceField(label=_("Language of the translation"))
    file = forms.FileField(
        label=_("XLIFF file"),
        help_text=_("An XLIFF 2.0 file exported from this page, with its targets filled in."),
        widget=forms.FileInput(attrs={"accept": ".xlf,.xliff,application/xliff+xml"}),
    )

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [
            (code, name)
            for code, name in INTERFACE_LANGUAGE_CHOICES
            if code != session.original_language
        ]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(max)s MB."), params={"max": MAX_BYTES // 2**20}
            )
        return upload
