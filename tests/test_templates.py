"""The templates' htmx forms name their address once: in ``action``, which ``hx-boost`` posts
to. A second copy in ``hx-post`` (or ``hx-put``) could drift from the first, and the plain
POST without JavaScript would then go elsewhere than the htmx one."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from tests.parsed import find_all

TEMPLATES = sorted(Path(settings.BASE_DIR, "templates").rglob("*.html"))
# Template tags and variables, whose quotes and ">" are not the HTML's.
TAG = re.compile(r"\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\}", re.S)


def masked(source: str) -> tuple[str, list[str]]:
    """The template with each tag replaced by a placeholder, and the tags in order."""
    tags = []

    def keep(match):
        tags.append(match.group())
        return f"__TAG{len(tags) - 1}__"

    return TAG.sub(keep, source), tags


def forms_of(path: Path):
    html, tags = masked(path.read_text())
    for form in find_all(html, "form"):
        attrs = {
            name: re.sub(r"__TAG(\d+)__", lambda m: tags[int(m.group(1))], value)
            for name, value in form.attrs.items()
        }
        yield form, attrs


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.name)
def test_no_form_repeats_its_action_in_an_htmx_attribute(path):
    for _form, attrs in forms_of(path):
        for verb in ("hx-post", "hx-put", "hx-patch", "hx-delete"):
            assert verb not in attrs or attrs[verb] != attrs.get("action"), (
                f"{path.name}: <form action={attrs.get('action')!r}> repeats it in {verb}"
            )


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.name)
def test_a_boosted_form_posts_and_its_links_are_not_boosted(path):
    """hx-boost reaches the links inside the form too; a plain link there would be swapped
    into the page's target instead of being followed."""
    for form, attrs in forms_of(path):
        if attrs.get("hx-boost") != "true":
            continue
        assert attrs.get("method") == "post" and attrs.get("action"), path.name
        for link in form.within("a"):
            assert "hx-get" in link.attrs or link.get("hx-boost") == "false", (
                f"{path.name}: a link in a boosted form would be boosted: {link.attrs}"
            )


def test_the_editor_forms_are_boosted():
    """What the first test checks is there to check: the editor's htmx forms."""
    boosted = [
        attrs["action"]
        for path in TEMPLATES
        for _form, attrs in forms_of(path)
        if attrs.get("hx-boost") == "true"
    ]
    assert len(boosted) >= 15
    assert "{% session_url 'item-add' session %}" in boosted
