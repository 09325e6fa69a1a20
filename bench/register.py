"""Benchmark of the documents register's search and pages with thousands of documents.

    .venv/bin/python bench/register.py [--documents 5000] [--postgres postgres://…/postgres]

Fills a scratch database (a temporary SQLite file; with --postgres, a scratch database
created on that server and dropped afterwards) with N documents in 50 sessions (every tenth
with a corrigendum, titles in English and Chinese), then times in-process, median of 15:
the symbol-prefix search, the title-word search, a document's page, the index (first and
40th page), and the query plan of the prefix search (which index answers it). Target: each
page under 50 ms.
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
ROUNDS = 15


def fill(documents: int) -> None:
    from agenda.models import Document
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


def timed(client, url: str) -> float:
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times)


def plan(sql: str, params) -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            return " / ".join(row[-1] for row in cursor.fetchall())
        cursor.execute("EXPLAIN " + sql, params)
        return " / ".join(row[0].strip() for row in cursor.fetchall())


def measure(documents: int) -> bool:
    import django
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    django.setup()
    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    fill(documents)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as autovacuum would soon after a bulk load
    seconds = time.perf_counter() - start
    print(f"{connection.vendor}: {documents:,} documents filled in {seconds:.1f} s")

    from agenda.document_queries import search_documents

    client = Client(SERVER_NAME="localhost")
    results = {
        "prefix search ?q=A/7/": timed(client, "/documents/?q=A/7/"),
        "title words ?q=crime justice": timed(client, "/documents/?q=crime+justice"),
        "document page A/7/7": timed(client, "/documents/A/7/7"),
        "register index, page 1": timed(client, "/documents/"),
        "register index, page 40": timed(client, "/documents/?page=40"),
    }
    for name, ms in results.items():
        print(f"  {name:32} {ms:6.1f} ms (median of {ROUNDS})")
    query = search_documents("A/7/").values("pk")[:50].query
    print("  prefix plan:", plan(*query.sql_with_params()))
    ok = all(ms < TARGET_MS for ms in results.values())
    print("  target: each under", TARGET_MS, "ms:", "met" if ok else "NOT met")
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=5000)
    parser.add_argument("--postgres", help="URL of a PostgreSQL server database to connect to")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.update(DJANGO_SETTINGS_MODULE="meetings.settings", DEBUG="1")
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
        ok = measure(args.documents)
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
