import pytest
from django.core.exceptions import ValidationError

from meetings.translations import (
    clean_translations,
    localize,
    validate_language_list,
    validate_translations,
)


def test_localize_prefers_the_requested_language():
    text = localize({"en": "Other matters", "zh": "其他事项"}, "zh", "en")
    assert (text.text, text.language, text.is_fallback) == ("其他事项", "zh", False)


def test_localize_falls_back_to_the_original_language_and_says_so():
    text = localize({"en": "Other matters", "zh": "其他事项"}, "fr", "en")
    assert (text.text, text.language, text.is_fallback) == ("Other matters", "en", True)


def test_localize_takes_any_language_when_the_original_is_missing():
    text = localize({"zh": "其他事项"}, "fr", "en")
    assert (text.text, text.language) == ("其他事项", "zh")


def test_localize_of_nothing_is_empty_and_not_marked():
    text = localize({}, "fr", "en")
    assert (text.text, text.is_fallback) == ("", False)


def test_clean_translations_drops_empty_languages():
    assert clean_translations({"en": "  Opening ", "zh": "  "}) == {"en": "Opening"}


def test_unknown_language_codes_are_rejected():
    with pytest.raises(ValidationError) as exc:
        validate_translations({"de": "Eröffnung"})
    assert exc.value.messages == [
        "Unknown language code(s): de. Use the UN languages: ar, zh, en, fr, ru, es."
    ]


def test_language_lists_reject_duplicates():
    with pytest.raises(ValidationError) as exc:
        validate_language_list(["en", "en"])
    assert exc.value.messages == ["A language is listed twice."]
