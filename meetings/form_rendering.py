"""How every form of the site is drawn: one field template (label, required mark, input, help
text, error) for all of them, with the ids the pages and their tests use.

``FormRenderer`` is the project's ``FORM_RENDERER``: ``{{ form }}`` and
``{{ field.as_field_group }}`` go through ``templates/includes/field.html``. Its bound fields
describe their input by ``<id>-help`` and ``<id>-error`` (``aria-describedby``) and mark it
``aria-invalid`` when it has an error. ``TypedInLanguage`` gives the inputs of texts written in
one language (a title in Chinese) their ``lang`` and ``dir``.
"""

from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting


class DescribedBoundField(BoundField):
    """A bound field whose help text and error are found by ``<id>-help`` and ``<id>-error``."""

    @property
    def help_id(self) -> str:
        return f"{self.auto_id}-help" if self.auto_id else ""

    @property
    def error_id(self) -> str:
        return f"{self.auto_id}-error" if self.auto_id else ""

    @property
    def aria_describedby(self):
        if self.field.widget.attrs.get("aria-describedby"):
            return None
        described = []
        if self.auto_id and not self.is_hidden:
            if self.help_text:
                described.append(self.help_id)
            if self.errors:
                described.append(self.error_id)
        return " ".join(described)


class FormRenderer(TemplatesSetting):
    """Django's renderer with the project's templates (``templates/``, then the apps')."""

    form_template_name = "includes/form.html"
    field_template_name = "includes/field.html"
    bound_field_class = DescribedBoundField


def language_attrs(code: str) -> dict:
    """What the browser needs to type and show a text in ``code``: fonts, direction."""
    return {"lang": code, "dir": "rtl" if code == "ar" else "auto"}


class TypedInLanguage:
    """A form some of whose fields (``typed_in_language``) are written in one language, the
    editing language passed as ``language=``: their inputs carry its ``lang`` and ``dir``."""

    typed_in_language: tuple[str, ...] = ()

    def __init__(self, *args, language: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.language = language
        if language:
            for name in self.typed_in_language:
                if name in self.fields:
                    self.fields[name].widget.attrs.update(language_attrs(language))
