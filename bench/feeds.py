"""Benchmark of the calendar feeds, against a trivial view on the same server in the same run.

    .venv/bin/python bench/feeds.py [--sittings 1000] [--seconds 1] [--rounds 7]

Creates a temporary SQLite database with one body of 1,000 sittings (20 per session, two
agenda items each), measures the cold build of its feed in-process, then serves the app with
gunicorn on a free loopback port and measures requests per second with a small keep-alive
client for: the trivial view (/healthz), the full body feed (cached bytes) and the same feed
asked conditionally (If-None-Match: 304). The scenarios alternate over several rounds, each
ratio is taken within a round (same load from the rest of the machine) and the median round
is reported. Targets: conditional >= 0.8x and full >= 0.3x
the trivial view; build < 100 ms.
"""

import argparse
import datetime as dt
import http.client
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PER_SESSION = 20
TARGETS = {"full": 0.3, "conditional": 0.8}
BUILD_TARGET_MS = 100


def make_body(sittings: int):
    from agenda.models import AgendaItem, ScheduledItem
    from agenda.synthetic import day_sittings
    from meetings.models import Body, Session, Sitting, Venue

    venue = Venue.objects.create(
        slug="vic",
        name={"en": "Vienna International Centre", "zh": "维也纳国际中心"},
        city={"en": "Vienna", "zh": "维也纳"},
        country="AT",
        time_zone="Europe/Vienna",
    )
    body = Body.objects.create(
        slug="bench-wg",
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
    Session.objects.filter(body=body).touch()  # bulk writes send no signals
    return body, len(sessions)


def measure_build(body, runs: int = 9) -> tuple[list[float], list[float]]:
    """Milliseconds per build of the body feed, from the database to the bytes: elapsed, and
    the CPU time of this process (SQLite runs in it), which other load on the machine does
    not inflate."""
    from agenda.calendar import build_body_calendar
    from meetings.models import Body

    elapsed, cpu = [], []
    for _ in range(runs):
        fresh = Body.objects.select_related("duty_station").get(pk=body.pk)
        start, start_cpu = time.perf_counter(), time.process_time()
        build_body_calendar(fresh, None, "http://127.0.0.1/")
        cpu.append((time.process_time() - start_cpu) * 1000)
        elapsed.append((time.perf_counter() - start) * 1000)
    return elapsed, cpu


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(port: int, env: dict, workers: int, threads: int) -> subprocess.Popen:
    return subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "meetings.wsgi",
            f"--bind=127.0.0.1:{port}",
            f"--workers={workers}",
            "--worker-class=gthread",
            f"--threads={threads}",
            "--log-level=warning",
        ],
        cwd=ROOT,
        env=env,
    )


def wait_until_up(port: int, server: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("gunicorn exited; see its output above")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not answer in time")


def fetch(port: int, path: str, headers=None) -> http.client.HTTPResponse:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path, headers=headers or {})
    response = conn.getresponse()
    response.body = response.read()
    conn.close()
    return response


def requests_per_second(port, path, headers, status, seconds, connections) -> float:
    """Keep-alive connections, each asking again as soon as it has its answer."""
    counts = [0] * connections
    errors = []
    start = time.perf_counter()
    stop = start + seconds

    def client(slot):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            while time.perf_counter() < stop:
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                response.read()
                if response.status != status:
                    errors.append(f"{path}: {response.status}, expected {status}")
                    return
                counts[slot] += 1
        finally:
            conn.close()

    threads = [threading.Thread(target=client, args=(n,)) for n in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise SystemExit(errors[0])
    return sum(counts) / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sittings", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=1.0, help="per scenario and round")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="feeds-bench-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "meetings.settings",
        "DATABASE_URL": f"sqlite:///{tmp / 'bench.sqlite3'}",
        "CACHE_DIR": str(tmp / "cache"),
        "SECRET_KEY": "benchmark-only-secret-key",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DEBUG": "0",
    }
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    server = None
    try:
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", verbosity=0)
        body, sessions = make_body(args.sittings)
        build_times, build_cpu = measure_build(body)

        port = free_port()
        server = start_gunicorn(port, env, args.workers, args.connections)
        wait_until_up(port, server)
        feed = f"/bodies/{body.slug}/calendar.ics"
        first = fetch(port, feed)  # builds and caches the bytes
        if first.status != 200:
            raise SystemExit(f"{feed}: {first.status}")
        size = len(first.body)
        etag = first.getheader("ETag")
        scenarios = {
            "trivial": ("/healthz", {}, 200),
            "full": (feed, {}, 200),
            "conditional": (feed, {"If-None-Match": etag}, 304),
        }
        rates = {name: [] for name in scenarios}
        for _ in range(args.rounds):
            for name, (path, headers, status) in scenarios.items():
                rates[name].append(
                    requests_per_second(port, path, headers, status, args.seconds, args.connections)
                )
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        shutil.rmtree(tmp, ignore_errors=True)

    # Each round measures the three scenarios back to back: ratios within a round are compared
    # under the same load from the rest of the machine; the median round is reported.
    ratios = {
        name: statistics.median(r / t for r, t in zip(rates[name], rates["trivial"], strict=True))
        for name in TARGETS
    }
    rps = {name: statistics.median(values) for name, values in rates.items()}
    build, cpu = statistics.median(build_times), statistics.median(build_cpu)
    verdict = lambda ok: "OK" if ok else "MISSED"  # noqa: E731
    print(
        f"Calendar feeds: body of {args.sittings} sittings in {sessions} sessions, "
        f"feed {size / 1024:.0f} KiB; gunicorn {args.workers} workers x {args.connections} "
        f"threads, {args.connections} keep-alive connections, {args.rounds} rounds of "
        f"{args.seconds:g} s; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )
    print(
        f"  build of the feed (cold, in-process, queries included), median of "
        f"{len(build_times)}: {build:.1f} ms elapsed, {cpu:.1f} ms CPU "
        f"(first {build_times[0]:.1f} ms)   target < {BUILD_TARGET_MS} ms: "
        f"{verdict(build < BUILD_TARGET_MS)}"
    )
    print(f"  trivial view (/healthz):      {rps['trivial']:8.0f} req/s")
    labels = {"full": "full body feed (cached):", "conditional": "conditional body feed (304):"}
    for name, label in labels.items():
        print(
            f"  {label:<29} {rps[name]:8.0f} req/s = {ratios[name]:.2f}x   "
            f"target >= {TARGETS[name]}x: {verdict(ratios[name] >= TARGETS[name])}"
        )


if __name__ == "__main__":
    main()
