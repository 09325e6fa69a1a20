"""docs/architecture.md stays true: every module of the project is in its table, once."""

import re
from collections import Counter
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
PACKAGES = ["config", "meetings", "agenda", "bench"]
# Django's own boilerplate, the same in every app.
NOT_LISTED = {"apps.py", "__init__.py"}


def listed_modules() -> Counter:
    """The paths in the first column of the table; a bare name after a path is in its folder
    (`agenda/views/editor/items.py`, `organization_views.py`)."""
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    text = text.split("\n## Addresses\n", 1)[0]
    listed = Counter()
    for line in text.splitlines():
        if not line.startswith("| `"):
            continue
        folder = ""
        for name in re.findall(r"`([^`]+)`", line.split(" | ")[0]):
            if "/" in name:
                folder = name.rsplit("/", 1)[0]
            elif folder:
                name = f"{folder}/{name}"
            listed[name] += 1
    return listed


def project_modules() -> set[str]:
    return {
        str(path.relative_to(ROOT))
        for package in PACKAGES
        for path in (ROOT / package).rglob("*.py")
        if path.name not in NOT_LISTED
        and not {"migrations", "management"} & set(path.relative_to(ROOT).parts)
    }


def test_every_module_is_listed_once_and_nothing_listed_is_gone():
    listed = listed_modules()
    assert sorted(m for m in project_modules() if not listed[m]) == []
    assert sorted(m for m, count in listed.items() if count > 1) == []
    assert sorted(m for m in listed if m.endswith(".py") and not (ROOT / m).exists()) == []


def url_rows() -> set[tuple[str, str]]:
    """Every address the project serves (Django's own apps aside), with the module and the
    function that answers it, as the resolver has them."""
    from django.urls import URLResolver, get_resolver

    def walk(patterns, prefix=""):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                if not route.startswith(("admin/", "accounts/", "i18n/")):
                    yield from walk(pattern.url_patterns, route)
                continue
            view = pattern.callback
            while hasattr(view, "__wrapped__"):
                view = view.__wrapped__
            name = getattr(view, "__name__", type(view).__name__)
            module = view.__module__.replace(".", "/") + ".py"
            yield f"/{route}", f"{module} {name}"

    return set(walk(get_resolver().url_patterns))


def listed_urls() -> set[tuple[str, str]]:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    section = text.split("\n## Addresses\n", 1)[1].split("\n## ", 1)[0]
    rows = set()
    for line in section.splitlines():
        cells = re.findall(r"`([^`]+)`", line)
        if line.startswith("| `/") and len(cells) == 3:
            rows.add((cells[0], f"{cells[1]} {cells[2]}"))
    return rows


def test_every_address_is_listed_with_the_module_that_answers_it():
    """A newcomer finds the module of any URL in one step: the "Addresses" table."""
    served, listed = url_rows(), listed_urls()
    rows = (f"| `{url}` | `{view.replace(' ', '` | `')}` |" for url, view in served - listed)
    missing = "\n".join(sorted(rows))
    assert served - listed == set(), f"add to docs/architecture.md:\n{missing}"
    assert listed - served == set()
