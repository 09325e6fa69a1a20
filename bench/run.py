"""`make bench`: the app at scale, every figure against a baseline measured in the same run.

    .venv/bin/python bench/run.py [--years 20] [--bodies 1] [--seconds 3] [--load-seconds 30]

1. Generates synthetic data (agenda.synthetic) into a temporary SQLite database, or into the
   database of DATABASE_URL when it is set (it must not hold bodies named ``bench-…``).
2. SQL queries per view, cold (empty cache), for a session of 5 and of 500 items: must be equal.
   The editor pages of the 500-item, 100-meeting session in-process (bench/editor.py): the
   organization of work under 300 ms and 500 KB, assigning 10 items to 3 meetings in at most
   5 requests.
3. PDF, cold: our renderer (queries + template + WeasyPrint) against WeasyPrint alone on the
   same HTML (bench/pdf.py).
4. gunicorn on a free loopback port (production settings, DEBUG off, 2 sync workers):
   requests per second with wrk (2 threads, 8 connections, 10 s) for each page, as a ratio
   to /healthz (no database) measured in the same round; 3 rounds, median and range.
5. Load test: wrk, 32 connections for 30 s over the public session page and the feeds; any
   error (socket error, timeout, status >= 400) fails the run.
6. Right after a change (bench/after_change.py): a 60-page session published again while 5
   clients ask for its PDF in 4 languages: no request may wait more than 2 s, /healthz p99
   must stay under 100 ms, and each (version, language) must be rendered exactly once. A
   task worker (manage.py db_worker) renders the PDFs throughout, as in production.

Prints the table and writes it to bench/results/latest.md. Exit status 1 if a check fails.
"""

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path[:0] = [str(ROOT), str(BENCH)]

import common  # noqa: E402  (bench/common.py)
from after_change import after_a_change  # noqa: E402  (bench/after_change.py)
from editor import measure as measure_editor  # noqa: E402  (bench/editor.py)

RESULTS = BENCH / "results" / "latest.md"


def environment(tmp: Path) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": os.environ.get("DATABASE_URL") or f"sqlite:///{tmp / 'bench.sqlite3'}",
        "CACHE_DIR": str(tmp / "cache"),
        "STATIC_ROOT": str(tmp / "static"),
        "SECRET_KEY": "benchmark-only-secret-key",
        "ALLOWED_HOSTS": "127.0.0.1,testserver",
        "DEBUG": "0",
        # Plain HTTP on loopback: no redirect to HTTPS, no HSTS.
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        # The synthetic sessions' PDFs render on request only (bench/after_change.py turns
        # rendering at publication on for its own session).
        "PDF_RENDER_AHEAD": "0",
    }


def prepare(args):
    """Data for the run: the big body, and two one-session bodies of 5 and 500 items."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from agenda.synthetic import Scale, generate

    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    start = time.perf_counter()
    generate(Scale(bodies=args.bodies, years=args.years, prefix="bench"))
    generation = time.perf_counter() - start
    one = {"years": 1, "sessions_per_year": 1, "first_year": 2030}
    generate(Scale(prefix="benchsmall", items=5, sittings=4, documents=5, **one))
    generate(Scale(prefix="benchlarge", items=500, sittings=100, documents=500, **one))
    user = get_user_model().objects.create_superuser("bench", password="bench-only-password")
    return generation, user


def paths(body: str, number: int) -> dict[str, str]:
    session = f"/bodies/{body}/sessions/{number}/"
    return {
        "public session page": session,
        "editor page": session + "edit/",
        "body feed": f"/bodies/{body}/calendar.ics",
        "session feed": session + "calendar.ics",
        "JSON export": session + "export.json",
        "PDF print preview (HTML)": session + "agenda.zh.html",
    }


def query_counts(user) -> dict[str, tuple[int, int]]:
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(user)
    counts = {}
    for name in paths("x", 1):
        pair = []
        for body in ("benchsmall-1", "benchlarge-1"):
            cache.clear()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(paths(body, 1)[name])
            assert response.status_code == 200, (name, body, response.status_code)
            pair.append(len(queries))
        counts[name] = tuple(pair)
    return counts


def pdf_ratio(runs: int):
    from pdf import measure  # bench/pdf.py

    from meetings.models import Session

    session = Session.objects.with_body().filter(body__slug="bench-1").latest("number")
    return measure("30 items", session, "zh", runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--years", type=int, default=20, help="of 4 sessions each, per body")
    parser.add_argument("--bodies", type=int, default=1)
    parser.add_argument("--seconds", type=int, default=10, help="per page and round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--load-seconds", type=int, default=30)
    parser.add_argument("--load-connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--pdf-runs", type=int, default=3)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: `make setup` installs it (deps/apt-packages.txt).")

    tmp = Path(tempfile.mkdtemp(prefix="bench-"))
    env = environment(tmp)
    os.environ.update(env)
    server, worker, failures, lines = None, None, [], []
    try:
        import django

        django.setup()
        from django.test import Client

        from meetings.models import Session

        generation, user = prepare(args)
        sessions = Session.objects.filter(body__slug__startswith="bench").count()
        counts = query_counts(user)
        editor_lines, failed = measure_editor(
            Session.objects.with_body().get(body__slug="benchlarge-1"), user
        )
        failures += failed
        pdf = pdf_ratio(args.pdf_runs)
        newest = Session.objects.filter(body__slug="bench-1").latest("number").number
        pages = paths("bench-1", newest)
        client = Client()
        client.force_login(user)
        cookie = f"Cookie: sessionid={client.cookies['sessionid'].value}"

        port = common.free_port()
        server = common.start_gunicorn(port, env, args.workers)
        worker = common.start_worker(env)
        common.wait_until_up(port, server)
        pdf_path = pages["public session page"] + "agenda.en.pdf"
        start = time.perf_counter()
        cold = common.fetch(port, pdf_path)  # not rendered yet: queued, and answered at once
        pdf_cold_http = time.perf_counter() - start
        for _ in range(600):
            if common.fetch(port, pdf_path).status == 200:
                break
            time.sleep(0.1)
        pdf_ready_http = time.perf_counter() - start
        feed = common.fetch(port, pages["body feed"])
        if (cold.status, feed.status, common.fetch(port, pdf_path).status) != (503, 200, 200):
            raise SystemExit(f"PDF {cold.status} then not 200, body feed {feed.status}")
        scenarios = {
            "/healthz (baseline)": ("/healthz", ()),
            "public session page": (pages["public session page"], ()),
            "editor page (signed in)": (pages["editor page"], (cookie,)),
            "body feed, full": (pages["body feed"], ()),
            "body feed, 304": (pages["body feed"], (f"If-None-Match: {feed.getheader('ETag')}",)),
            "session PDF, cached": (pdf_path, ()),
            "JSON export": (pages["JSON export"], ()),
        }
        # warm every page once (first renders, caches), then the measured rounds
        for path, headers in scenarios.values():
            common.fetch(port, path, dict(h.split(": ", 1) for h in headers))
        rounds = common.rounds_of(port, scenarios, args.rounds, args.seconds)
        for name, results in rounds.items():
            failures += [f"{name}: {r}" for r in results if r["errors"] or r["bad_status"]]
        script = tmp / "rotate.lua"
        targets = [pages["public session page"], pages["body feed"], pages["session feed"]]
        script.write_text(
            "local paths = {" + ", ".join(f'"{p}"' for p in targets) + "}\n"
            "local n = 0\n"
            "request = function()\n"
            "  n = n + 1\n"
            "  return wrk.format(nil, paths[n % #paths + 1])\n"
            "end\n"
        )
        load = common.wrk(port, "/", args.load_seconds, args.load_connections, script=script)
        if load["errors"] or load["bad_status"]:
            failures.append(f"load test: {load}")
        after_change, failed = after_a_change(port)
        failures += failed
    finally:
        common.stop(server, worker)
        shutil.rmtree(tmp, ignore_errors=True)

    baseline = rounds["/healthz (baseline)"]
    lines += [
        f"# make bench ({time.strftime('%Y-%m-%d %H:%M')}, load average {common.load_average()}, "
        f"{env['DATABASE_URL'].split(':')[0]})",
        "",
        f"Data: {args.bodies} body x {args.years} years x 4 sessions x 30 items x 20 sittings "
        f"x 40 documents (+ 2 one-session bodies of 5 and 500 items): {sessions} sessions, "
        f"generated in {generation:.1f} s.",
        "",
        f"gunicorn {args.workers} sync workers, wrk -t2 -c8 -d{args.seconds}s, "
        f"{args.rounds} rounds, baseline and pages interleaved; ratio = requests/s of the page "
        "/ requests/s of /healthz in the same round: median (lowest–highest).",
        "",
        "| figure | requests/s | ratio to baseline | p99 latency |",
        "| --- | ---: | ---: | ---: |",
    ]
    for name, results in rounds.items():
        median, low, high = common.ratios(results, baseline)
        rps = statistics.median(r["rps"] for r in results)
        lines.append(
            f"| {name} | {rps:.0f} | {median:.3f} ({low:.3f}–{high:.3f}) | {results[-1]['p99']} |"
        )
    ours, alone, ratio = pdf[2], pdf[3], pdf[5]
    lines += [
        "",
        "| PDF, cold (zh, 30 items) | seconds | ratio to WeasyPrint alone |",
        "| --- | ---: | ---: |",
        f"| in-process, median of {args.pdf_runs} | {ours:.2f} | {ratio:.2f} |",
        f"| WeasyPrint alone, same HTML (baseline) | {alone:.2f} | 1.00 |",
        f"| first HTTP request (en, not rendered yet): answered (503, queued) | "
        f"{pdf_cold_http:.2f} | — |",
        f"| … then served by gunicorn, rendered by the worker | {pdf_ready_http:.2f} | — |",
        "",
        "| SQL queries, cold cache | 5 items | 500 items | equal |",
        "| --- | ---: | ---: | --- |",
    ]
    for name, (small, large) in counts.items():
        lines.append(f"| {name} | {small} | {large} | {'yes' if small == large else 'NO'} |")
        if small != large:
            failures.append(f"{name}: {small} queries at 5 items, {large} at 500")
    lines += editor_lines
    lines += after_change
    lines += [
        "",
        f"Load test: wrk {args.load_connections} connections, {args.load_seconds} s, rotating "
        "over the public session page, the body feed and the session feed: "
        f"{load['requests']} requests, {load['rps']:.0f} requests/s, p99 {load['p99']}, "
        f"{load['errors']} socket errors, {load['bad_status']} error statuses.",
        "",
        "Result: " + ("OK" if not failures else "FAILED: " + "; ".join(failures)),
    ]
    text = "\n".join(lines) + "\n"
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(text, encoding="utf-8")
    print(text)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
