"""Benchmark of the agenda PDF: `.venv/bin/python bench/pdf.py [--runs N]`.

Median cold render (no cache) of the seeded WG.3 session by our builder, against WeasyPrint
alone on the same final HTML string (our overhead ratio), peak memory, and the same for a
generated 60-item session. Uses a temporary SQLite database; touches nothing else.
"""

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def setup_django(folder: str) -> None:
    os.environ.update(DEBUG="1", DATABASE_URL=f"sqlite:///{folder}/bench.sqlite3")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    call_command("load_seeds", verbosity=0)


def sixty_item_session():
    from meetings.models import Session
    from tests import factories

    session = factories.session(agenda_symbol="BENCH/2024/1")
    for n in range(60):
        text = f"Annotation of item {n + 1}. " * 12 + "[^a]"
        item = factories.item(session, f"Agenda item {n + 1}", annotation={"en": text})
        factories.footnote(item, "a", f"Footnote of item {n + 1}.")
    return Session.objects.with_body().get(pk=session.pk)


def sixty_page_session(symbol="BENCH/2030/1"):
    """60 items, each with about a page of annotation and a footnote: a 60-page PDF."""
    from meetings.models import Session
    from tests import factories

    session = factories.session(agenda_symbol=symbol)
    for n in range(60):
        sentence = f"Paragraph {{}} of the annotation of item {n + 1}. "
        paragraphs = [sentence.format(p + 1) * 9 for p in range(12)]
        item = factories.item(
            session, f"Agenda item {n + 1}", annotation={"en": "\n\n".join(paragraphs) + "[^a]"}
        )
        factories.footnote(item, "a", f"Footnote of item {n + 1}.")
    return Session.objects.with_body().get(pk=session.pk)


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def measure(name, session, language, runs):
    from agenda.outputs.pdf.render import html_to_pdf, render_agenda_html, render_agenda_pdf
    from agenda.reads.content import working_content

    html = render_agenda_html(working_content(session), language)
    ours, alone, building = [], [], []
    for _ in range(runs):  # interleaved, so that load from other processes hits both alike
        ours.append(timed(lambda: render_agenda_pdf(working_content(session), language)))
        alone.append(timed(lambda: html_to_pdf(html)))
        building.append(timed(lambda: render_agenda_html(working_content(session), language)))
    ours, alone = statistics.median(ours), statistics.median(alone)
    tracemalloc.start()
    render_agenda_pdf(working_content(session), language)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return name, language, ours, alone, statistics.median(building), ours / alone, peak


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        setup_django(folder)
        from agenda.outputs.pdf.render import render_agenda_pdf
        from meetings.models import Session

        wg3 = Session.objects.with_body().get(body__slug="ctoc-cop-wg3", number=15)
        from agenda.reads.content import working_content

        render_agenda_pdf(working_content(wg3), "en")  # warm-up: imports, font configuration
        rows = [measure("WG.3", wg3, lang, args.runs) for lang in ("en", "zh", "ar")]
        rows.append(measure("60 items", sixty_item_session(), "en", args.runs))
    print(f"median of {args.runs} cold renders (no cache) per row")
    print("ours: queries + template + WeasyPrint; weasy: WeasyPrint alone on the same HTML;")
    print("html: queries + template only (our own share of the work)")
    header = f"{'session':10} {'lang':4} {'ours s':>7} {'weasy s':>8} {'html s':>7} {'ratio':>6}"
    print(f"{header} {'peak MiB':>9}")
    for name, lang, ours, alone, building, ratio, peak in rows:
        line = f"{name:10} {lang:4} {ours:7.2f} {alone:8.2f} {building:7.3f} {ratio:6.2f}"
        print(f"{line} {peak:9.1f}")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of the process: {rss:.0f} MiB (tracemalloc peak above: Python allocations)")


if __name__ == "__main__":
    main()
