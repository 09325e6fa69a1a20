"""Derived agenda numbers: 1, 1(a), 1(b), 2, … from the items' order.

An item's number is one more than its previous sibling's, unless ``fixed_number`` pins it.
"""

import re
from collections import defaultdict
from collections.abc import Iterable


def letter(n: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa (as far as any agenda goes)."""
    text = ""
    while n > 0:
        n, rest = divmod(n - 1, 26)
        text = chr(ord("a") + rest) + text
    return text


def letter_number(text: str) -> int:
    """The inverse of letter(): a -> 1, z -> 26, aa -> 27."""
    n = 0
    for char in text:
        n = n * 26 + ord(char) - ord("a") + 1
    return n


# The marks of late items placed after an item without renumbering it: 3 bis, 3 ter, …
BIS = ("", "bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "novies", "decies")


def with_bis(number: str, bis: int) -> str:
    """ "3" and 1 -> "3 bis"; 0 leaves the number as it is."""
    return f"{number} {BIS[bis]}" if bis else number


def anchor(number: str) -> str:
    """The fragment of an item's number in page addresses: 1(a) -> 1a, 3 bis -> 3-bis."""
    return number.replace("(", "").replace(")", "").replace(" ", "-")


def sibling_order(item):
    return (item.position, item.pk or 0)


def ordered_tree(items: Iterable) -> list[tuple[object, list]]:
    """[(item, [sub-items])] in agenda order, from a flat list of one session's items."""
    children = defaultdict(list)
    for item in items:
        children[item.parent_id].append(item)
    for siblings in children.values():
        siblings.sort(key=sibling_order)
    return [(item, children.get(item.pk, [])) for item in children.get(None, [])]


def _late(item) -> int:
    return getattr(item, "bis", 0) or 0


def _sequence(siblings) -> list[int]:
    numbers, previous = [], 0
    for item in siblings:
        if not (_late(item) and previous):  # 3 bis has the number of the item before it
            previous = item.fixed_number or previous + 1
        numbers.append(previous)
    return numbers


def number_items(items: Iterable) -> dict[int, str]:
    """Map item pk -> display number ("1", "1(a)") for one session's items."""
    numbers = {}
    tree = ordered_tree(items)
    for (item, subs), n in zip(tree, _sequence([i for i, _ in tree]), strict=True):
        number = numbers[item.pk] = with_bis(str(n), _late(item))
        for sub, k in zip(subs, _sequence(subs), strict=True):
            numbers[sub.pk] = f"{number}({letter(k)})"
    return numbers


def numbering_problems(items: Iterable) -> list[str]:
    """Pinned numbers that would not increase, which would print two items under one number."""
    problems = []
    tree = ordered_tree(items)
    groups = [[i for i, _ in tree]] + [subs for _, subs in tree if subs]
    for siblings in groups:
        previous = 0
        for item, n in zip(siblings, _sequence(siblings), strict=True):
            if _late(item) and n == previous:
                continue
            if n <= previous:
                problems.append(
                    f"Item “{item}” is pinned to number {n}, which does not follow {previous}."
                )
            previous = n
    return problems


# UN Arabic documents letter sub-items in abjad order: (أ), (ب), (ج), (د), (هـ), …
ARABIC_LETTERS = [
    "أ", "ب", "ج", "د", "هـ", "و", "ز", "ح", "ط", "ي", "ك", "ل", "م",
    "ن", "س", "ع", "ف", "ص", "ق", "ر", "ش", "ت", "ث", "خ", "ذ", "ض",
]  # fmt: skip


ARABIC_BIS = dict(
    zip(
        BIS[1:],
        ["مكررا", "ثالثا", "رابعا", "خامسا", "سادسا", "سابعا", "ثامنا", "تاسعا", "عاشرا"],
        strict=True,
    )
)


def number_in(number: str, language: str) -> str:
    """An item number as a document in ``language`` prints it: 1(a) stays 1(a) but is 1(أ)
    in Arabic, and 3 bis is 3 مكررا."""
    if language != "ar":
        return number
    number = re.sub(
        r"\(([a-z])\)", lambda m: f"({ARABIC_LETTERS[ord(m.group(1)) - ord('a')]})", number
    )
    # 3 bis is "3 مكررا" in Arabic documents, 3 ter "3 ثالثا", …
    return re.sub(r" ([a-z]+)", lambda m: f" {ARABIC_BIS.get(m.group(1), m.group(1))}", number)
