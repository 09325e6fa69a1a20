"""Benchmark of the read API's meetings list, against /healthz on the same server in the same run.

    .venv/bin/python bench/api.py [--meetings 1000] [--rounds 3]

Creates a temporary SQLite database with two published sessions, of 10 and of N meetings
(two agenda items taken up in each), and measures in-process the queries of a page of
100 meetings (the first and the last) of each: they must be the same number, whatever the
session's size. Then gunicorn (2 sync workers) and wrk (2 threads, 8 connections, 10 s)
measure requests per second of /healthz, of the first page of the large session's meetings
and of its conditional GET (304), interleaved over the rounds (see bench/common.py).
"""

import argparse
import datetime as dt
import shutil
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common

PAGE = 100


def make_session(body, number: int, meetings: int):
    """A published session of ``meetings`` meetings, two a day, each taking up two items."""
    from agenda.models import AgendaItem, ScheduledItem
    from agenda.services.publishing import publish
    from agenda.synthetic import day_sittings
    from meetings.models import Session, Sitting

    start = dt.date(2024, 1, 8)
    session = Session.objects.create(
        body=body,
        number=number,
        title={"en": f"Session {number} of the Working Group on Benchmarks"},
        start_date=start,
        end_date=start + dt.timedelta(days=(meetings - 1) // 2),
        status=Session.Status.ISSUED,
        agenda_symbol=f"BENCH/WG.1/2024/{number}",
    )
    items = AgendaItem.objects.bulk_create(
        AgendaItem(session=session, position=k, title={"en": f"Item {k + 1}"}) for k in range(12)
    )
    sittings = Sitting.objects.bulk_create(day_sittings(session, meetings, room="Board Room D"))
    ScheduledItem.objects.bulk_create(
        ScheduledItem(sitting=sitting, item=items[(n + k) % len(items)], position=k)
        for n, sitting in enumerate(sittings)
        for k in range(2)
    )
    publish(session, check_ready=False)
    return session


def make_body():
    from meetings.models import Body, Venue

    venue = Venue.objects.create(
        slug="vic",
        name={"en": "Vienna International Centre"},
        city={"en": "Vienna"},
        country="AT",
        time_zone="Europe/Vienna",
    )
    return Body.objects.create(
        slug="bench-wg",
        name={"en": "Working Group on Benchmarks"},
        abbreviation="WG.B",
        symbol_prefix="BENCH/WG.1",
        duty_station=venue,
    )


def meetings_url(session, offset: int = 0) -> str:
    path = f"/api/v1/sessions/{session.body.slug}/{session.number}/meetings"
    return f"{path}?limit={PAGE}&offset={offset}"


def queries_of(url: str) -> int:
    """Queries of one cold request (nothing in this process's memory or the cache)."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from agenda.reads.content import forget_contents

    forget_contents()
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = Client().get(url, headers={"host": "127.0.0.1"})
    if response.status_code != 200:
        raise SystemExit(f"{url}: {response.status_code}")
    return len(captured)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--meetings", type=int, default=1000)
    parser.add_argument("--seconds", type=int, default=10, help="per scenario and round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    args = parser.parse_args()

    tmp, env = common.own_site("api-bench-")
    server = None
    try:
        body = make_body()
        small = make_session(body, 1, 10)
        large = make_session(body, 2, args.meetings)
        last = (args.meetings - 1) // PAGE * PAGE
        counts = {
            "10 meetings, first page": queries_of(meetings_url(small)),
            f"{args.meetings} meetings, first page": queries_of(meetings_url(large)),
            f"{args.meetings} meetings, last page": queries_of(meetings_url(large, last)),
        }

        port = common.free_port()
        server = common.start_gunicorn(port, env, args.workers)
        common.wait_until_up(port, server)
        page = meetings_url(large)
        first = common.fetch(port, page)
        if first.status != 200:
            raise SystemExit(f"{page}: {first.status}")
        size = len(first.body)
        etag = first.getheader("ETag")
        scenarios = {
            "baseline": ("/healthz", ()),
            "page": (page, ()),
            "conditional": (page, (f"If-None-Match: {etag}",)),
        }
        results = common.rounds_of(port, scenarios, args.rounds, args.seconds)
    finally:
        common.stop(server)
        shutil.rmtree(tmp, ignore_errors=True)

    same = len(set(counts.values())) == 1
    print(
        f"Read API, meetings of a session: pages of {PAGE} ({size / 1024:.0f} KiB); gunicorn "
        f"{args.workers} sync workers, wrk -t2 -c8 -d{args.seconds:g}s, {args.rounds} rounds; "
        f"load average {common.load_average()}"
    )
    for label, count in counts.items():
        print(f"  queries, {label + ':':<28} {count}")
    print(f"  same number whatever the session's size: {'OK' if same else 'MISSED'}")
    base = statistics.median(r["rps"] for r in results["baseline"])
    print(f"  /healthz (baseline):          {base:8.0f} req/s")
    labels = {"page": "first page of meetings:", "conditional": "its conditional GET (304):"}
    for name, label in labels.items():
        median, low, high = common.ratios(results[name], results["baseline"])
        rps = statistics.median(r["rps"] for r in results[name])
        print(f"  {label:<29} {rps:8.0f} req/s = {median:.2f}x (range {low:.2f}-{high:.2f})")
    if not same:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
