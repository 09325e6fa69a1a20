"""Versions of the code that produces an output, for its cache keys and ETags.

A cached PDF or feed must change name when the code or templates that wrote it change, or a
deployment would keep serving what the previous code produced. Rather than a constant that
someone must remember to bump, the version is a digest of the files themselves.
"""

import hashlib
from pathlib import Path

from django.conf import settings


def code_version(*patterns: str) -> str:
    """A short digest of the files matching ``patterns`` (globs relative to the project)."""
    root = Path(settings.BASE_DIR)
    digest = hashlib.sha256()
    for pattern in patterns:
        for path in sorted(root.glob(pattern)):
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]
