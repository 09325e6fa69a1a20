"""Rules for the text people type, on the model fields themselves, so that every way in (the
editor's forms, the paste box, the importer, the admin) refuses the same things with the same
message: texts over a field's length, and control characters. A NUL reaches the HTML, the
PDF and the feeds raw (and PostgreSQL refuses it outright); other control characters are
invisible or break lines. Tab and newline (and the carriage return browsers send with it) are
allowed only where a text has several lines; a title has one.

``PlainText`` checks a string (a ``CharField``); ``TranslatedText`` checks each language of a
``TranslatedTextField`` (a JSON object language -> text), naming the language.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from meetings.translations import LANGUAGE_NAMES

# Lengths of the texts people type, shared by the forms (which say so before saving) and the
# models (which refuse longer ones from every other way in).
TITLE_MAX = 2_000
ANNOTATION_MAX = 50_000
FOOTNOTE_MAX = 5_000
NAME_MAX = 500

# C0 controls, DEL, C1 controls and lone surrogates (which cannot even be encoded to UTF-8).
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_CONTROL_MULTILINE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def control_character(text: str, *, multiline: bool = False) -> tuple[int, str] | None:
    """The first control character of ``text`` not allowed there: (position from 1, "U+0000")."""
    match = (_CONTROL_MULTILINE if multiline else _CONTROL).search(text)
    if match is None:
        return None
    return match.start() + 1, f"U+{ord(match.group()):04X}"


def printable(text: str) -> str:
    """``text`` with its control characters shown as U+XXXX, for quoting it in a message."""
    return _CONTROL.sub(lambda m: f"U+{ord(m.group()):04X}", text)


@deconstructible
class PlainText:
    """A one-line text (or several lines, with ``multiline``) without control characters.
    The length of a CharField is checked by its own ``max_length``."""

    message = _(
        "This text contains an invisible control character (%(code)s) at character "
        "%(position)s; remove it."
    )
    code = "control_character"

    def __init__(self, multiline: bool = False):
        self.multiline = multiline

    def __call__(self, value) -> None:
        found = control_character(str(value), multiline=self.multiline)
        if found:
            position, code = found
            raise ValidationError(
                self.message, code=self.code, params={"code": code, "position": position}
            )

    def __eq__(self, other) -> bool:
        return isinstance(other, PlainText) and self.multiline == other.multiline

    def __hash__(self) -> int:
        return hash((type(self), self.multiline))


@deconstructible
class TranslatedText:
    """Each language of a translated text: at most ``max_length`` characters, and no control
    characters (but tab and newline when ``multiline``)."""

    too_long = _("The %(language)s text has %(length)s characters; at most %(max)s are allowed.")
    control = _(
        "The %(language)s text contains an invisible control character (%(code)s) at "
        "character %(position)s; remove it."
    )

    def __init__(self, max_length: int, multiline: bool = False):
        self.max_length = max_length
        self.multiline = multiline

    def __call__(self, value) -> None:
        if not isinstance(value, dict):
            return  # the field's own shape check says what is wrong
        errors = []
        for language, text in value.items():
            if not isinstance(text, str):
                continue
            name = _(LANGUAGE_NAMES.get(language, language))
            if len(text) > self.max_length:
                errors.append(
                    ValidationError(
                        self.too_long,
                        code="max_length",
                        params={
                            "language": name,
                            "length": f"{len(text):,}",
                            "max": f"{self.max_length:,}",
                        },
                    )
                )
            found = control_character(text, multiline=self.multiline)
            if found:
                position, code = found
                errors.append(
                    ValidationError(
                        self.control,
                        code="control_character",
                        params={"language": name, "code": code, "position": position},
                    )
                )
        if errors:
            raise ValidationError(errors)

    def __eq__(self, other) -> bool:
        return isinstance(other, TranslatedText) and (self.max_length, self.multiline) == (
            other.max_length,
            other.multiline,
        )

    def __hash__(self) -> int:
        return hash((type(self), self.max_length, self.multiline))
