"""Content in the six UN languages.

Delegate-facing text (titles, annotations, footnotes) is stored as a JSON object keyed by
language code, in the row it belongs to: ``{"en": "Opening of the session", "zh": "会议开幕"}``.
Reading one language never costs a join or an extra query, and a missing language falls back
to the original language of the session or document, marked as such.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

UN_LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")
LANGUAGE_NAMES = {
    "ar": "Arabic",
    "zh": "Chinese",
    "en": "English",
    "fr": "French",
    "ru": "Russian",
    "es": "Spanish",
}
LANGUAGE_CHOICES = [(code, LANGUAGE_NAMES[code]) for code in UN_LANGUAGES]
# The same names in the reader's language, for the interface ("Interpretation: Arabic, …");
# documents keep the English names above ("Original: English"), as UN documents print them.
INTERFACE_LANGUAGE_NAMES = {
    "ar": _("Arabic"),
    "zh": _("Chinese"),
    "en": _("English"),
    "fr": _("French"),
    "ru": _("Russian"),
    "es": _("Spanish"),
}


# How the interface language separates the names of a list: 阿拉伯文、中文 / العربية، الصينية
LIST_SEPARATORS = {"zh": "、", "ar": "، "}


def language_names(codes) -> str:
    """ "Arabic, Chinese, English" in the interface language, for a list of codes."""
    separator = LIST_SEPARATORS.get(translation.get_language() or "", ", ")
    return separator.join(str(INTERFACE_LANGUAGE_NAMES.get(code, code)) for code in codes)


@dataclass(frozen=True)
class Localized:
    """A text as shown in one language; ``is_fallback`` says it is not the language asked for."""

    text: str
    language: str
    requested: str

    @property
    def is_fallback(self) -> bool:
        return bool(self.text) and self.language != self.requested

    def __str__(self) -> str:
        return self.text


def with_translation(texts: dict, language: str, value: str) -> dict:
    """``texts`` with ``language`` set to ``value`` (trimmed, line ends normalised); an empty
    value removes that language's text."""
    value = value.strip().replace("\r\n", "\n")
    return {k: v for k, v in texts.items() if k != language} | ({language: value} if value else {})


def interface_language(default: str = "en") -> str:
    """The active interface language, which content follows when it is one of the six (a
    missing translation then falls back to the original, marked); else ``default``."""
    language = translation.get_language() or ""
    return language if language in UN_LANGUAGES else default


def localize(translations: dict, language: str, original: str) -> Localized:
    """Pick ``language``, else ``original``, else the first language present in UN order."""
    for code in (language, original, *UN_LANGUAGES):
        text = (translations or {}).get(code)
        if text:
            return Localized(text, code, language)
    return Localized("", language, language)


def _check_codes(codes) -> None:
    unknown = sorted(set(codes) - set(UN_LANGUAGES))
    if unknown:
        raise ValidationError(
            _("Unknown language code(s): %(codes)s. Use the UN languages: %(known)s."),
            params={"codes": ", ".join(unknown), "known": ", ".join(UN_LANGUAGES)},
        )


def validate_translations(value) -> None:
    if not isinstance(value, dict):
        raise ValidationError(_("Expected an object mapping language codes to text."))
    _check_codes(value)
    for code, text in value.items():
        if not isinstance(text, str):
            raise ValidationError(
                _("The %(language)s text must be a string."),
                params={"language": INTERFACE_LANGUAGE_NAMES[code]},
            )


def validate_language_list(value) -> None:
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        raise ValidationError("Expected a list of language codes.")
    _check_codes(value)
    if len(set(value)) != len(value):
        raise ValidationError("A language is listed twice.")


def clean_translations(value: dict) -> dict:
    """Strip whitespace and drop empty languages, so '' never hides the fallback."""
    return {code: text.strip() for code, text in (value or {}).items() if text and text.strip()}


class _CheckedJSONField(models.JSONField):
    """A JSONField with an empty default and a validator of its shape."""

    empty = dict
    validate_shape = staticmethod(validate_translations)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", self.empty)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        self.validate_shape(value)

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, f"meetings.translations.{type(self).__name__}", args, kwargs


class TranslatedTextField(_CheckedJSONField):
    """A JSON object of language code -> text, validated against the six UN languages."""

    def formfield(self, **kwargs):
        """One input per language (meetings.translation_forms), in the admin as elsewhere."""
        from meetings.translation_forms import TranslatedTextFormField

        multiline = any(getattr(v, "multiline", False) for v in self.validators)
        kwargs = {"form_class": TranslatedTextFormField, "multiline": multiline, **kwargs}
        # A callable default would add hidden "initial" inputs; the six inputs say it all.
        kwargs.setdefault("show_hidden_initial", False)
        return models.Field.formfield(self, **kwargs)


class LanguageListField(_CheckedJSONField):
    """A list of UN language codes, e.g. the languages a document exists in."""

    empty = list
    validate_shape = staticmethod(validate_language_list)
