"""Interface strings that no gettext call or template names literally, listed here so that
makemessages keeps them in the catalogues (the .po files are the only source of interface
text). Each group says why it cannot be marked where it is defined:

- the labels of model choices that documents also print, in English or in the document's
  language ("Distr.: General", "Background paper prepared by the Secretariat"), so the models
  keep plain English labels; the interface translates them through a variable
  ({% translate session.get_status_display %}, agenda.views.editor.forms.interface_choices);
- the kinds of record of agenda.reads.history, which names them through variables;
- messages of Django's own forms and models, which Django translates into "zh_Hans" but not
  into our "zh".
"""

from django.utils.translation import gettext_noop as _
from django.utils.translation import ngettext_lazy

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
    # Document.Kind
    _("Provisional agenda"),
    _("Background paper"),
    _("Report"),
    _("Report of the Secretary-General"),
    _("Note by the Secretariat"),
    _("Resolution"),
    _("Decision"),
    _("Draft resolution"),
    _("Conference room paper"),
    _("Working paper"),
    _("Corrigendum"),
    _("Other"),
    # agenda.reads.history: kinds of record and what happened to them
    _("Session"),
    _("Agenda item"),
    _("Footnote"),
    _("Documentation list"),
    _("Meeting"),
    _("Organization of work"),
    _("created"),
    _("changed"),
    _("deleted"),
    # Django's forms and models
    _("This field is required."),
    _("Enter a valid date."),
    _("Enter a valid time."),
    _("Enter a whole number."),
    _("Select a valid choice. %(value)s is not one of the available choices."),
    _("Select a valid choice. That choice is not one of the available choices."),
    _("Ensure this value is greater than or equal to %(limit_value)s."),
    _("Ensure this value is less than or equal to %(limit_value)s."),
    _("- Select an option -"),
    _(":"),  # after a form label (label_suffix)
    ngettext_lazy(
        "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
        "limit_value",
    ),
    _(
        "Please enter a correct %(username)s and password. Note that both fields may be "
        "case-sensitive."
    ),
    _("username"),
]
