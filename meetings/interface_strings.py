"""Interface strings that are not written literally in a template or a gettext call, listed
here so that makemessages keeps them in the catalogues: the labels of model choices (shown with
{% translate value %}) and the messages of Django's own forms, which Django translates into
zh-hans but not into our "zh"."""

from django.utils.translation import gettext_noop as _

STRINGS = [
    # Session.Status, Session.Format, Session.Distribution
    _("Draft"),
    _("Provisional agenda issued"),
    _("Agenda adopted"),
    _("Closed"),
    _("In person"),
    _("Hybrid"),
    _("Online"),
    _("General"),
    _("Limited"),
    _("Restricted"),
    # Document.Status
    _("Forthcoming"),
    _("Advance unedited version"),
    _("Issued"),
    # agenda.versions: the change list between issued versions
    _("Session"),
    _("Agenda items"),
    _("Documents"),
    _("Meetings"),
    _("added"),
    _("removed"),
    _("changed"),
    _("title"),
    _("annotation"),
    _("footnotes"),
    _("documentation list"),
    _("status"),
    _("language versions"),
    _("date"),
    _("time"),
    _("room"),
    _("cancellation"),
    _("agenda items taken up"),
    _("dates"),
    _("venue"),
    _("symbol"),
    # agenda.history: kinds of record and what happened to them
    _("Agenda item"),
    _("Footnote"),
    _("Documentation list"),
    _("Meeting"),
    _("Organization of work"),
    _("created"),
    _("deleted"),
    # meetings.translations.LANGUAGE_NAMES, named in the validators' messages
    _("Arabic"),
    _("Chinese"),
    _("English"),
    _("French"),
    _("Russian"),
    _("Spanish"),
    # Django's forms
    _("This field is required."),
    _("Enter a valid date."),
    _("Enter a valid time."),
    _("Enter a whole number."),
    _("Select a valid choice. %(value)s is not one of the available choices."),
    _(
        "Please enter a correct %(username)s and password. Note that both fields may be "
        "case-sensitive."
    ),
]
