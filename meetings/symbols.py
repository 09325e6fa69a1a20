"""UN document symbols: normalisation and validation.

A symbol is a run of parts separated by slashes: a series (``A``, ``E``, ``S``, ``CTOC``),
body parts with an optional number (``C.3``, ``CN.15``, ``WG.3``), a session or year
(``58``, ``2024``), type markers (``L.``, ``CRP.``, ``INF``, ``RES``, ``PV.``, ``SR.``,
``WP.``), a running number, and stacked suffixes (``Rev.1``, ``Corr.1``, ``Add.2``).
Two symbols of a document issued jointly are joined with a hyphen:
``CTOC/COP/WG.2/2024/4-CTOC/COP/WG.3/2024/4``.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError

MAX_LENGTH = 200

# One part between slashes.
_PART = re.compile(
    r"""^(?:
        [A-Z][A-Z]*(?:\.\d+[A-Z]?)?          # series, body or marker: A, CN.15, WG.3, L.5, PV.77
      | (?:Rev|Corr|Add|Amend|Suppl|Misc|Summary)\.\d+   # suffixes
      | \d+(?:\.\d+)?[A-Z]?                # session, year or running number: 58, 2024, 499, 4A
      | \d+\s\(\d{4}\)                     # Security Council resolution: 1373 (2001)
    )$""",
    re.VERBOSE,
)


def normalize_symbol(raw: str) -> str:
    """Half-width characters, no stray spaces around separators (as found in Chinese texts)."""
    text = unicodedata.normalize("NFKC", raw or "").strip()
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s*([/\-])\s*", r"\1", text)
    text = re.sub(r"(\d)\(", r"\1 (", text)  # 1373(2001) -> 1373 (2001)
    return text


def _check_single(symbol: str) -> None:
    parts = symbol.split("/")
    if len(parts) < 2:
        raise ValidationError(
            "“%(symbol)s” is not a document symbol: it needs at least two parts separated "
            "by “/”, such as A/58/499.",
            params={"symbol": symbol},
            code="too_short",
        )
    if "" in parts:
        raise ValidationError(
            "“%(symbol)s” has an empty part: remove the doubled or trailing “/”.",
            params={"symbol": symbol},
            code="empty_part",
        )
    if not re.match(r"^[A-Z]+$", parts[0].split(".")[0]):
        raise ValidationError(
            "“%(symbol)s” must start with a series in capital letters, such as A, E, S or CTOC.",
            params={"symbol": symbol},
            code="series",
        )
    for part in parts:
        if not _PART.match(part):
            raise ValidationError(
                "“%(part)s” in “%(symbol)s” is not a valid symbol part (expected letters such "
                "as WG.3, a number such as 2024, or a suffix such as Rev.1).",
                params={"part": part, "symbol": symbol},
                code="bad_part",
            )


def validate_symbol(value: str) -> None:
    """Raise ValidationError saying what is wrong; ``value`` should already be normalised."""
    if not value:
        raise ValidationError("A document symbol is required.", code="required")
    if len(value) > MAX_LENGTH:
        raise ValidationError(
            "A document symbol has at most %(max)d characters.",
            params={"max": MAX_LENGTH},
            code="too_long",
        )
    bad = sorted({ch for ch in value if not (ch.isascii() and (ch.isalnum() or ch in "/.-() "))})
    if bad:
        raise ValidationError(
            "“%(symbol)s” contains characters that cannot appear in a symbol: %(chars)s.",
            params={"symbol": value, "chars": " ".join(bad)},
            code="characters",
        )
    for single in value.split("-"):
        _check_single(single)


def clean_symbol(raw: str) -> str:
    symbol = normalize_symbol(raw)
    validate_symbol(symbol)
    return symbol
