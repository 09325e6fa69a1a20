import json
import subprocess

import pytest
from django.conf import settings

ICAL_CHECK = settings.BASE_DIR / "tests" / "agenda" / "ical_check.mjs"


@pytest.fixture
def ical_js():
    """Parse an .ics with Mozilla's ical.js (installed by scripts/bootstrap.sh) and return what
    it read: see tests/agenda/ical_check.mjs."""

    def parse(content: bytes) -> dict:
        done = subprocess.run(
            ["node", str(ICAL_CHECK)],
            input=content,
            capture_output=True,
            cwd=settings.BASE_DIR,
            check=False,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr.decode()
        return json.loads(done.stdout)

    return parse
