"""The small markup of annotations, rendered safely to HTML.

- Paragraphs are separated by a blank line.
- Consecutive lines starting with "- " form a list.
- ``[^label]`` places the footnote of the item with that label.

Everything else is text and is escaped: annotations never carry raw HTML. Document symbols
and web addresses in it become links (agenda.outputs.linking), symbols unbreakable.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.safestring import SafeString, mark_safe

from agenda.outputs.linking import linked_text

FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]{1,20})\]")


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class BulletList:
    entries: tuple[str, ...]


def parse_blocks(text: str) -> list[Paragraph | BulletList]:
    blocks = []
    for chunk in re.split(r"\n\s*\n", (text or "").replace("\r\n", "\n").strip()):
        lines = [line.strip() for line in chunk.split("\n") if line.strip()]
        if not lines:
            continue
        if all(line.startswith("- ") for line in lines):
            blocks.append(BulletList(tuple(line[2:].strip() for line in lines)))
        else:
            blocks.append(Paragraph(" ".join(lines) if _is_latin(lines) else "".join(lines)))
    return blocks


def _is_latin(lines: list[str]) -> bool:
    # A line break inside a Chinese paragraph joins without a space; in English, with one.
    return not re.search(r"[\u3000-\u9fff\uff00-\uffef]", lines[0][-1:] + lines[-1][:1])


def footnote_labels(text: str) -> list[str]:
    """Labels in order of first reference."""
    return list(dict.fromkeys(FOOTNOTE_REF.findall(text or "")))


def footnote_call(number: int) -> str:
    """A reference as the web page shows it: a superscript link to the footnote list."""
    return f'<sup class="fn-ref"><a href="#fn-{number}" id="fnref-{number}">{number}</a></sup>'


def render_inline(
    text: str, numbers: dict[str, int], reference: Callable[[int], str], language: str
) -> str:
    out, last = [], 0
    for match in FOOTNOTE_REF.finditer(text):
        out.append(linked_text(text[last : match.start()], language))
        number = numbers.get(match.group(1))
        if number is not None:
            out.append(reference(number))
        last = match.end()
    out.append(linked_text(text[last:], language))
    return "".join(out)


def render_html(
    text: str,
    numbers: dict[str, int],
    reference: Callable[[int], str] = footnote_call,
    language: str = "en",
) -> SafeString:
    """HTML of an annotation; ``numbers`` maps this item's footnote labels to their numbers and
    ``reference`` gives the (already safe) HTML put where a footnote is referenced: the PDF
    puts the footnote itself there, to float it to the foot of that page. Symbols link to
    their official text in ``language``, the reader's."""
    html = []
    for block in parse_blocks(text):
        if isinstance(block, Paragraph):
            html.append(f"<p>{render_inline(block.text, numbers, reference, language)}</p>")
        else:
            entries = "".join(
                f"<li>{render_inline(e, numbers, reference, language)}</li>" for e in block.entries
            )
            html.append(f"<ul>{entries}</ul>")
    return mark_safe("\n".join(html))
