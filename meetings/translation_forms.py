"""Form fields for translated texts: one input per UN language instead of a JSON box.

``TranslatedTextField.formfield`` (meetings.translations) gives these to every model form,
the admin's included; the body form of the site uses them too. The inputs are named after
the field and the language (``name_en``, ``name_zh``), each marked with its language so the
browser picks the right fonts and direction.
"""

from django import forms
from django.core.validators import ProhibitNullCharactersValidator

from meetings.translations import INTERFACE_LANGUAGE_NAMES, UN_LANGUAGES, clean_translations


def _language_attrs(code: str) -> dict:
    return {"lang": code, "dir": "rtl" if code == "ar" else "ltr"}


class TranslatedTextWidget(forms.MultiWidget):
    """Six inputs (or text areas, for texts of several lines), each labelled by language."""

    template_name = "meetings/widgets/translated_text.html"

    def __init__(self, multiline: bool = False, attrs=None):
        def one(code):
            if multiline:
                return forms.Textarea(attrs={"rows": 3, **_language_attrs(code)})
            return forms.TextInput(attrs=_language_attrs(code))

        super().__init__({code: one(code) for code in UN_LANGUAGES}, attrs)

    def decompress(self, value):
        value = value if isinstance(value, dict) else {}
        return [value.get(code, "") for code in UN_LANGUAGES]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for code, subwidget in zip(UN_LANGUAGES, context["widget"]["subwidgets"], strict=True):
            subwidget["language_name"] = INTERFACE_LANGUAGE_NAMES[code]
        return context

    def id_for_label(self, id_):
        # The field's label names the group; each input has a label of its own.
        return ""


class TranslatedTextFormField(forms.MultiValueField):
    """A translated text from six inputs: ``{"en": …, "zh": …}`` without the empty ones.
    Lengths and characters are checked by the model field's validators, naming the language."""

    def __init__(self, *, multiline: bool = False, **kwargs):
        for unused in ("encoder", "decoder", "max_length"):
            kwargs.pop(unused, None)
        kwargs.setdefault("widget", TranslatedTextWidget(multiline=multiline))
        fields = [forms.CharField(required=False) for _code in UN_LANGUAGES]
        for field in fields:
            # The model's TranslatedText refuses control characters, NUL included, and says
            # in which language; no second, anonymous message from the form.
            field.validators = [
                v for v in field.validators if not isinstance(v, ProhibitNullCharactersValidator)
            ]
        super().__init__(fields, require_all_fields=False, **kwargs)

    def compress(self, data_list):
        return clean_translations(dict(zip(UN_LANGUAGES, data_list or [], strict=False)))

    def has_changed(self, initial, data):
        initial = initial() if callable(initial) else initial
        return clean_translations(initial or {}) != self.compress(
            self.widget.decompress(data) if isinstance(data, dict) else data
        )
