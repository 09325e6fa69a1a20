"""The seeded WG.3 provisional agenda in Chinese (seeds/source/003_…) as ordered streams of
elements, and the reading of a rendered document's text against them: the PDF and the Word
document are both checked element by element against the seed."""

import re
from pathlib import Path

SEED = Path(__file__).resolve().parents[2] / "seeds" / "source" / "003_2c512c1415575397.txt"
SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\(#\)")


def squeezed(text: str) -> str:
    """Text compared without any whitespace: line breaks and the spaces around Latin words
    in Chinese fall differently in the PDF and in the seed's conversion."""
    return "".join(text.split())


def seed_elements() -> tuple[list[str], list[str], list[str]]:
    """The seed's text as three ordered streams of elements: the flow of the document (with
    the annex's rows as item and title), its footnotes, and the annex's day and time cells.

    The seed's conversion wrote the numbered agenda as a bulleted list (the PDF prints the
    numbers: 1., (a), (b), 2., …), its links as Markdown, footnote numbers as superscripts,
    and lost the annex's cell positions (seeds/README.md): a time sits one row off its
    meeting, so the time column is its own stream, compared in order."""
    flow, footnotes, times = [], [], []
    in_agenda = in_annex = False
    items = subs = 0
    for raw in SEED.read_text(encoding="utf-8").splitlines():
        line = MARKDOWN_LINK.sub(r"\1", raw.rstrip(" \r\n")).translate(SUPERSCRIPTS)
        if not line.strip():
            continue
        text = line.strip()
        if text == "临时议程":
            in_agenda = True
        elif text == "说明":
            in_agenda = False
        elif text == "附件":
            in_annex = True
        if in_annex and "\t" in line:
            cells = [cell.strip() for cell in line.split("\t")]
            if cells[0] and cells[1:] == ["议程项目", "标题或说明"]:
                flow.append("".join(cells))  # the header row
                continue
            if cells[0]:
                times.append(cells[0])
            if any(cells[1:]):
                flow.append("".join(cells[1:]))
            continue
        if re.match(r"^\d+ ", text) and raw.lstrip()[0] in "¹²³⁴⁵⁶⁷⁸⁹":
            footnotes.append(text)
            continue
        if text.startswith("- "):
            text = text[2:]
            if in_agenda and line.startswith(" "):  # a sub-item
                subs += 1
                text = f"({'abcdefgh'[subs - 1]}){text}"
            elif in_agenda:
                items, subs = items + 1, 0
                text = f"{items}.{text}"
        flow.append(text)
    return (
        [squeezed(t) for t in flow],
        [squeezed(t) for t in footnotes],
        [squeezed(t) for t in times],
    )


def unconsumed(text: str, streams: list[list[str]]) -> str:
    """Read ``text`` as the elements of ``streams``, each stream in its own order: at every
    point the next element of one stream must follow. Fails where neither does."""
    heads = [0] * len(streams)
    position = 0
    while position < len(text):
        for n, stream in enumerate(streams):
            if heads[n] < len(stream) and text.startswith(stream[heads[n]], position):
                position += len(stream[heads[n]])
                heads[n] += 1
                break
        else:
            expected = [s[h] for s, h in zip(streams, heads, strict=True) if h < len(s)]
            raise AssertionError(
                f"extra or changed text at …{text[max(0, position - 30) : position]}| "
                f"{text[position : position + 60]}…; the seed continues with {expected}"
            )
    left = [s[h:] for s, h in zip(streams, heads, strict=True) if h < len(s)]
    return " | ".join(" ".join(rest) for rest in left)
