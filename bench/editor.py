"""Benchmark of the secretariat's editor pages at a big session: 500 items, 100 meetings.

    .venv/bin/python bench/editor.py [--rounds 9]

In-process with Django's test client (server time, no network): the organization-of-work
page (median of ``rounds`` requests: CPU time of the process, the server's work whatever
else loads the machine, and wall time; its HTML size and SQL queries), the agenda editor page
with 500 items, and the number of requests it takes to assign 10 items to 3 meetings (one per
meeting with the tick-and-assign form). Targets: organization page under 300 ms and 500 KB,
editor page under 150 ms, at most 5 requests. ``make bench`` runs ``measure`` on its own
500-item session (bench/run.py); alone, this script fills a temporary SQLite database.
"""

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ORGANIZATION_MS, ORGANIZATION_BYTES, EDITOR_MS, ASSIGN_REQUESTS = 300, 500_000, 150, 5


def timed(client, path: str, rounds: int) -> tuple[float, float, int]:
    """(median wall ms, median CPU ms, bytes) of ``rounds`` GETs of ``path``, after one to
    warm up. The CPU time of this process is the server's work whatever else loads the
    machine; the targets are checked against it, the wall time is shown beside it."""
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    wall, cpu = [], []
    for _ in range(rounds):
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(path)
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return statistics.median(wall), statistics.median(cpu), len(response.content)


def assign_requests(client, session) -> int:
    """Assign 10 unscheduled items to 3 meetings as the page's form does; count requests."""
    from django.urls import reverse

    from agenda.models import AgendaItem, ScheduledItem

    url = reverse("organization-assign", args=[session.body.slug, session.number])
    sittings = list(session.sittings.order_by("number")[:3])
    free = list(
        AgendaItem.objects.filter(session=session)
        .exclude(pk__in=ScheduledItem.objects.values("item_id"))
        .values_list("pk", flat=True)[:10]
    )
    assert len(free) == 10, "the session needs 10 items no meeting takes up"
    before = ScheduledItem.objects.filter(sitting__in=sittings).count()
    requests = 0
    for sitting, chunk in zip(sittings, (free[:4], free[4:7], free[7:]), strict=True):
        response = client.post(url, {"sitting": sitting.pk, "items": chunk}, HTTP_HX_REQUEST="true")
        assert response.status_code == 200, (response.status_code, response.content[:300])
        requests += 1
    assert ScheduledItem.objects.filter(sitting__in=sittings).count() == before + 10
    return requests


def measure(session, user, rounds: int = 9) -> tuple[list[str], list[str]]:
    """(lines of the report, failures) for ``session`` (500 items and 100 meetings)."""
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    client = Client()
    client.force_login(user)
    args = [session.body.slug, session.number]
    organization = reverse("session-organization", args=args)
    org_wall, org_ms, org_bytes = timed(client, organization, rounds)
    queries = []
    with connection.execute_wrapper(
        lambda execute, sql, *rest: queries.append(sql) or execute(sql, *rest)
    ):
        client.get(organization)
    editor_wall, editor_ms, editor_bytes = timed(client, reverse("session-edit", args=args), rounds)
    requests = assign_requests(client, session)
    items, meetings = session.agenda_items.count(), session.sittings.count()
    lines = [
        "",
        f"| editor pages, {items} items, {meetings} meetings (in-process, median of {rounds}) "
        "| server CPU time | wall time | HTML | target |",
        "| --- | ---: | ---: | ---: | --- |",
        f"| organization of work ({len(queries)} SQL queries) | {org_ms:.0f} ms | "
        f"{org_wall:.0f} ms | {org_bytes / 1000:.0f} KB "
        f"| < {ORGANIZATION_MS} ms, < {ORGANIZATION_BYTES // 1000} KB |",
        f"| agenda editor | {editor_ms:.0f} ms | {editor_wall:.0f} ms | "
        f"{editor_bytes / 1000:.0f} KB | < {EDITOR_MS} ms |",
        f"| assign 10 items to 3 meetings | {requests} requests | — | — | ≤ {ASSIGN_REQUESTS} |",
    ]
    failures = []
    if org_ms > ORGANIZATION_MS or org_bytes > ORGANIZATION_BYTES:
        failures.append(f"organization page: {org_ms:.0f} ms, {org_bytes} bytes")
    if requests > ASSIGN_REQUESTS:
        failures.append(f"assigning 10 items to 3 meetings took {requests} requests")
    if editor_ms > EDITOR_MS:
        failures.append(f"agenda editor page: {editor_ms:.0f} ms")
    return lines, failures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=9)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-editor-"))
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DATABASE_URL=f"sqlite:///{tmp / 'bench.sqlite3'}",
        CACHE_DIR=str(tmp / "cache"),
        STATIC_ROOT=str(tmp / "static"),
        SECRET_KEY="benchmark-only-secret-key",
        ALLOWED_HOSTS="testserver",
        DEBUG="0",
        SECURE_SSL_REDIRECT="0",
    )
    sys.path.insert(0, str(ROOT))
    try:
        import django

        django.setup()
        from django.contrib.auth import get_user_model
        from django.core.management import call_command

        from agenda.synthetic import Scale, generate
        from meetings.models import Session

        call_command("migrate", verbosity=0)
        call_command("collectstatic", verbosity=0, interactive=False)
        one = {"years": 1, "sessions_per_year": 1, "first_year": 2030}
        generate(Scale(prefix="benchlarge", items=500, sittings=100, documents=500, **one))
        user = get_user_model().objects.create_superuser("bench", password="bench-only-pw")
        session = Session.objects.with_body().get(body__slug="benchlarge-1")
        lines, failures = measure(session, user, args.rounds)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("\n".join(lines))
    print("Result: " + ("OK" if not failures else "FAILED: " + "; ".join(failures)))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
