"""Benchmark of the calendar feeds, against /healthz on the same server in the same run.

    .venv/bin/python bench/feeds.py [--sittings 1000] [--rebuild-sittings 1600] [--rounds 3]

Creates a temporary SQLite database with one body of N sittings (20 per session, two agenda
items each), every session published, and measures in-process: the cold build of the body
feed (nothing in memory or cache), and its rebuild after one meeting changed and its session
published again (the other sessions' events come from the cache), at --rebuild-sittings. Then
gunicorn (2 sync workers) and wrk (2 threads, 8 connections, 10 s) measure requests per
second of /healthz, the full body feed (cached bytes) and the conditional GET (304),
interleaved over the rounds (see bench/common.py). Targets: full >= 0.3x, conditional >=
0.8x the baseline; cold build and rebuild < 100 ms.
"""

import argparse
import datetime as dt
import shutil
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common

PER_SESSION = 20
TARGETS = {"full": 0.3, "conditional": 0.8}
BUILD_TARGET_MS = 100


def make_body(sittings: int, slug: str = "bench-wg"):
    from agenda.models import AgendaItem, ScheduledItem
    from agenda.services.publishing import publish
    from agenda.synthetic import day_sittings
    from meetings.models import Body, Session, Sitting, Venue

    venue, _ = Venue.objects.get_or_create(
        slug="vic",
        defaults=dict(
            name={"en": "Vienna International Centre", "zh": "维也纳国际中心"},
            city={"en": "Vienna", "zh": "维也纳"},
            country="AT",
            time_zone="Europe/Vienna",
        ),
    )
    body = Body.objects.create(
        slug=slug,
        name={"en": "Working Group on Benchmarks"},
        abbreviation="WG.B",
        symbol_prefix="BENCH/WG.1",
        duty_station=venue,
    )
    count = -(-sittings // PER_SESSION)
    first_day = dt.date(2024, 1, 8)
    sessions = Session.objects.bulk_create(
        Session(
            body=body,
            number=n + 1,
            title={"en": f"Session {n + 1} of the Working Group on Benchmarks"},
            start_date=first_day + dt.timedelta(weeks=2 * n),
            end_date=first_day + dt.timedelta(weeks=2 * n, days=PER_SESSION // 2 - 1),
            status=Session.Status.ISSUED,
        )
        for n in range(count)
    )
    items, rows, lines = [], [], []
    for session in sessions:
        titles = [f"Item {k + 1}: review of the implementation, with reports" for k in range(12)]
        items += [
            AgendaItem(session=session, position=k, title={"en": t}) for k, t in enumerate(titles)
        ]
        rows += day_sittings(session, min(PER_SESSION, sittings - len(rows)), room="Board Room D")
    AgendaItem.objects.bulk_create(items)
    Sitting.objects.bulk_create(rows)
    by_session = {}
    for item in AgendaItem.objects.filter(session__body=body).order_by("position"):
        by_session.setdefault(item.session_id, []).append(item)
    for sitting in Sitting.objects.filter(session__body=body):
        agenda = by_session[sitting.session_id]
        first = (sitting.number - 1) // 2 % len(agenda)
        for position, item in enumerate([agenda[first], agenda[(first + 1) % len(agenda)]]):
            lines.append(ScheduledItem(sitting=sitting, item=item, position=position))
    ScheduledItem.objects.bulk_create(lines)
    for session in sessions:
        publish(session, check_ready=False)
    return body, len(sessions)


def build_feed(body) -> bytes:
    """The body feed as its view builds it on a miss (views.public.calendar.body_calendar)."""
    from django.conf import settings

    from agenda.outputs.calendar.feeds import build_body_calendar
    from agenda.reads.content import body_contents
    from agenda.views.public.calendar import cached_events
    from meetings.models import Body, RemovedSitting

    fresh = Body.objects.select_related("duty_station").get(pk=body.pk)
    removed = list(RemovedSitting.objects.filter(body=fresh))
    return build_body_calendar(
        fresh, body_contents(fresh), removed, None, settings.SITE_URL, cached_events(None)
    )


def timed_ms(fn) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def measure_build(body, runs: int = 5) -> list[float]:
    """Cold builds: nothing in this process's memory, nothing in the cache."""
    from django.core.cache import cache

    from agenda.reads.content import forget_contents

    times = []
    for _ in range(runs):
        forget_contents()
        cache.clear()
        times.append(timed_ms(lambda: build_feed(body)))
    return times


def measure_rebuild(body, runs: int = 5) -> list[float]:
    """After one meeting changed and its session was published again: the time to build
    the body feed, the other sessions' events being cached by version."""
    from agenda.services.publishing import publish
    from meetings.models import Sitting

    build_feed(body)  # warm: every session's events cached
    times = []
    for run in range(runs):
        sitting = Sitting.objects.filter(session__body=body).order_by("pk")[run]
        sitting.room = f"Room {run}"
        sitting.save()
        publish(sitting.session)
        times.append(timed_ms(lambda: build_feed(body)))
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sittings", type=int, default=1000)
    parser.add_argument("--rebuild-sittings", type=int, default=1600)
    parser.add_argument("--seconds", type=int, default=10, help="per scenario and round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    args = parser.parse_args()

    tmp, env = common.own_site("feeds-bench-")
    server = None
    try:
        big, _ = make_body(args.rebuild_sittings, slug="bench-big")
        rebuild = measure_rebuild(big)
        body, sessions = make_body(args.sittings)
        build = measure_build(body)

        port = common.free_port()
        server = common.start_gunicorn(port, env, args.workers)
        common.wait_until_up(port, server)
        feed = f"/bodies/{body.slug}/calendar.ics"
        first = common.fetch(port, feed)  # builds and caches the bytes
        if first.status != 200:
            raise SystemExit(f"{feed}: {first.status}")
        size = len(first.body)
        etag = first.getheader("ETag")
        scenarios = {
            "baseline": ("/healthz", ()),
            "full": (feed, ()),
            "conditional": (feed, (f"If-None-Match: {etag}",)),
        }
        results = common.rounds_of(port, scenarios, args.rounds, args.seconds)
    finally:
        common.stop(server)
        shutil.rmtree(tmp, ignore_errors=True)

    verdict = lambda ok: "OK" if ok else "MISSED"  # noqa: E731
    print(
        f"Calendar feeds: body of {args.sittings} sittings in {sessions} sessions, feed "
        f"{size / 1024:.0f} KiB; gunicorn {args.workers} sync workers, wrk -t2 -c8 "
        f"-d{args.seconds:g}s, {args.rounds} rounds; load average {common.load_average()}"
    )
    cold = statistics.median(build)
    again = statistics.median(rebuild)
    print(
        f"  cold build ({args.sittings} meetings), median of {len(build)}: {cold:.0f} ms "
        f"(range {min(build):.0f}-{max(build):.0f})   target < {BUILD_TARGET_MS} ms: "
        f"{verdict(cold < BUILD_TARGET_MS)}"
    )
    print(
        f"  rebuild after one meeting changed ({args.rebuild_sittings} meetings), median of "
        f"{len(rebuild)}: {again:.0f} ms (range {min(rebuild):.0f}-{max(rebuild):.0f})   "
        f"target < {BUILD_TARGET_MS} ms: {verdict(again < BUILD_TARGET_MS)}"
    )
    base = statistics.median(r["rps"] for r in results["baseline"])
    print(f"  /healthz (baseline):          {base:8.0f} req/s")
    labels = {"full": "full body feed (cached):", "conditional": "conditional body feed (304):"}
    for name, label in labels.items():
        median, low, high = common.ratios(results[name], results["baseline"])
        rps = statistics.median(r["rps"] for r in results[name])
        print(
            f"  {label:<29} {rps:8.0f} req/s = {median:.2f}x (range {low:.2f}-{high:.2f})   "
            f"target >= {TARGETS[name]}x: {verdict(median >= TARGETS[name])}"
        )


if __name__ == "__main__":
    main()
