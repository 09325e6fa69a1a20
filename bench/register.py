"""Benchmark of the documents register's search and pages with thousands of documents and
100,000 references.

    .venv/bin/python bench/register.py [--documents 5000] [--references 100000]
        [--postgres postgres://…/postgres]

Fills a scratch database (a temporary SQLite file; with --postgres, a scratch database
created on that server and dropped afterwards) with N documents in 50 sessions (every tenth
with a corrigendum, titles in English and Chinese) and R references: resolutions citing
A/7/7 at most 2,000 times each (the cap of one upload), so that A/7/7 is cited R times. Then
times in-process, median of 15: the symbol-prefix search, the title-word search, a
document's page, the index (first and 40th page), the page of the document cited R times
(first and last page of "Cited by") and of a citing resolution, with each page's size; and
the query plan of the prefix search (which index answers it). Targets: each search and index
page under 50 ms, each document page under 100 ms and 100 KB whatever the references.
"""

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = 50
PAGE_TARGET_MS = 100
PAGE_TARGET_BYTES = 100_000
ROUNDS = 15


def fill(documents: int, references: int) -> None:
    from agenda.models import Document, Reference
    from agenda.services.register import MAX_REFERENCES
    from meetings.models import Body, Session, Venue

    venue = Venue.objects.create(
        slug="nyc", name={"en": "Headquarters"}, country="US", time_zone="America/New_York"
    )
    body = Body.objects.create(
        slug="ga", name={"en": "General Assembly"}, symbol_prefix="A", duty_station=venue
    )
    sessions = Session.objects.bulk_create(
        Session(body=body, number=n, title={"en": f"Session {n}"}, status="closed")
        for n in range(1, 51)
    )
    words = ["report", "crime", "prevention", "justice", "terrorism", "assistance", "note"]
    rows = []
    for n in range(documents):
        session = sessions[n % 50]
        symbol = f"A/{session.number}/{n + 1}"
        title = {"en": f"{words[n % 7].title()} {words[(n // 7) % 7]} {n}", "zh": f"报告 {n}"}
        rows.append((symbol, title, session))
        if n % 10 == 0:
            rows.append((f"{symbol}/Corr.1", {"en": "Corrigendum"}, session))
    citing = -(-references // MAX_REFERENCES)
    for k in range(citing):
        rows.append((f"A/RES/7/{k + 1}", {"en": f"Resolution 7/{k + 1}"}, sessions[6]))
    Document.objects.bulk_create(
        Document(
            symbol=symbol,
            symbol_key=symbol.upper(),
            search_text=" ".join([symbol, *title.values()]).casefold(),
            title=title,
            session=session,
        )
        for symbol, title, session in rows
    )
    cited = Document.objects.get(symbol="A/7/7")
    resolutions = Document.objects.filter(symbol__startswith="A/RES/7/").order_by("pk")
    made = 0
    for resolution in resolutions:
        count = min(MAX_REFERENCES, references - made)
        Reference.objects.bulk_create(
            (
                Reference(
                    citing=resolution,
                    cited=cited,
                    kind="document",
                    text="A/7/7",
                    target="A/7/7",
                    start=n * 6,
                    end=n * 6 + 5,
                )
                for n in range(count)
            ),
            batch_size=2_000,
        )
        made += count


def timed(client, url: str) -> tuple[float, int]:
    """Median milliseconds of ROUNDS requests, and the size of the page in bytes."""
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times), len(response.content)


def plan(sql: str, params) -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            return " / ".join(row[-1] for row in cursor.fetchall())
        cursor.execute("EXPLAIN " + sql, params)
        return " / ".join(row[0].strip() for row in cursor.fetchall())


def measure(documents: int, references: int) -> bool:
    import django
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    django.setup()
    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    fill(documents, references)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as autovacuum would soon after a bulk load
    seconds = time.perf_counter() - start
    from agenda.models import Reference
    from agenda.reads.documents import REFERENCES_PAGE, search_documents

    stored = Reference.objects.count()
    print(
        f"{connection.vendor}: {documents:,} documents and {stored:,} references filled in "
        f"{seconds:.1f} s"
    )
    client = Client(SERVER_NAME="localhost")
    searches = {
        "prefix search ?q=A/7/": timed(client, "/documents/?q=A/7/"),
        "title words ?q=crime justice": timed(client, "/documents/?q=crime+justice"),
        "register index, page 1": timed(client, "/documents/"),
        "register index, page 40": timed(client, "/documents/?page=40"),
    }
    last = max(1, -(-stored // REFERENCES_PAGE))
    pages = {
        "document page A/8/8": timed(client, "/documents/A/8/8"),
        f"A/7/7, cited {stored:,} times": timed(client, "/documents/A/7/7"),
        f"A/7/7, cited by page {last:,}": timed(client, f"/documents/A/7/7?cited_by={last}"),
        "A/RES/7/1, cites page 1": timed(client, "/documents/A/RES/7/1"),
        "A/RES/7/1, cites page 40": timed(client, "/documents/A/RES/7/1?cites=40"),
    }
    for name, (ms, size) in {**searches, **pages}.items():
        print(f"  {name:32} {ms:6.1f} ms (median of {ROUNDS}), {size / 1000:6.1f} KB")
    query = search_documents("A/7/").values("pk")[:50].query
    print("  prefix plan:", plan(*query.sql_with_params()))
    ok = all(ms < TARGET_MS for ms, _ in searches.values())
    print(
        "  target: each search and index page under", TARGET_MS, "ms:", "met" if ok else "NOT met"
    )
    pages_ok = all(ms < PAGE_TARGET_MS and size < PAGE_TARGET_BYTES for ms, size in pages.values())
    print(
        f"  target: each document page under {PAGE_TARGET_MS} ms and "
        f"{PAGE_TARGET_BYTES // 1000} KB:",
        "met" if pages_ok else "NOT met",
    )
    return ok and pages_ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=5000)
    parser.add_argument("--references", type=int, default=100_000)
    parser.add_argument("--postgres", help="URL of a PostgreSQL server database to connect to")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.update(DJANGO_SETTINGS_MODULE="config.settings", DEBUG="1")
    scratch = tmp = None
    if args.postgres:
        import psycopg

        scratch = f"bench_register_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(args.postgres, autocommit=True) as admin:
            admin.execute(f"CREATE DATABASE {scratch}")
        os.environ["DATABASE_URL"] = args.postgres.rsplit("/", 1)[0] + "/" + scratch
    else:
        tmp = Path(tempfile.mkdtemp(prefix="register-bench-"))
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
    try:
        ok = measure(args.documents, args.references)
    finally:
        if scratch:
            from django.db import connections

            connections.close_all()
            with psycopg.connect(args.postgres, autocommit=True) as admin:
                admin.execute(f"DROP DATABASE IF EXISTS {scratch}")
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
