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
