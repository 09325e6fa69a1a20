"""What the benchmarks share: a gunicorn on a free loopback port, wrk, and ratios to /healthz.

The method behind every ratio (DEVELOPERS' guide): gunicorn with 2 sync workers, wrk with 2
threads and 8 connections for 10 s per page, the baseline (/healthz) and the pages
interleaved in each round, at least 3 rounds; the ratio is taken within a round (the same
load from the rest of the machine) and reported as the median with its range, next to the
load average.
"""

import http.client
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EMPTY_CONFIG = Path(__file__).resolve().parent / "gunicorn_bench.conf.py"


def own_site(prefix: str) -> tuple[Path, dict]:
    """A benchmark's own site: a temporary folder with a fresh SQLite database and cache,
    production settings on plain HTTP, this process set up with them (Django, migrations).
    Returns the folder (for the caller to remove) and the environment for its servers."""
    tmp = Path(tempfile.mkdtemp(prefix=prefix))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": f"sqlite:///{tmp / 'bench.sqlite3'}",
        "CACHE_DIR": str(tmp / "cache"),
        "SECRET_KEY": "benchmark-only-secret-key",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "DEBUG": "0",
    }
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    return tmp, env


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(port: int, env: dict, workers: int = 2, threads: int = 1) -> subprocess.Popen:
    """Sync workers (one request at a time each), unless threads > 1 asks for gthread."""
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "config.wsgi",
        # not the repository's gunicorn.conf.py: its access log would print every request
        f"--config={EMPTY_CONFIG}",
        f"--bind=127.0.0.1:{port}",
        f"--workers={workers}",
        "--log-level=warning",
        "--timeout=120",
    ]
    if threads > 1:
        command += ["--worker-class=gthread", f"--threads={threads}"]
    return subprocess.Popen(command, cwd=ROOT, env=env)


def start_worker(env: dict) -> subprocess.Popen:
    """The task queue's worker (PDF renders), niced as deploy/meetings-worker@.service is."""
    command = ["nice", "-n", "10", sys.executable, "manage.py", "db_worker", "--no-reload"]
    command += ["--no-startup-delay", "--interval=0.2", "--verbosity=0"]
    return subprocess.Popen(command, cwd=ROOT, env=env)


def stop(*processes: subprocess.Popen | None) -> None:
    """Stop the servers and workers a benchmark started (None: never started)."""
    for process in processes:
        if process is not None:
            process.terminate()
            process.wait(timeout=120)


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
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    conn.request("GET", path, headers=headers or {})
    response = conn.getresponse()
    response.body = response.read()
    conn.close()
    return response


def wrk(port: int, path: str, seconds: float, connections: int = 8, headers=(), script=None):
    command = ["wrk", f"-t{min(2, connections)}", f"-c{connections}", f"-d{seconds:g}s"]
    command += ["--latency", "--timeout", "10s"]
    for header in headers:
        command += ["-H", header]
    if script:
        command += ["-s", str(script)]
    out = subprocess.run(
        [*command, f"http://127.0.0.1:{port}{path}"],
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 60,
    ).stdout
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    )
    bad_status = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1]),
        "requests": int(re.search(r"(\d+) requests in", out)[1]),
        "p99": re.search(r"99%\s+(\S+)", out)[1],
        "errors": sum(map(int, socket_errors.groups())) if socket_errors else 0,
        "bad_status": int(bad_status[1]) if bad_status else 0,
    }


def rounds_of(port, scenarios: dict, rounds: int, seconds: float, connections: int = 8):
    """{name: [wrk result per round]}; each round runs every scenario once, in order, so
    the baseline (first) and the pages share the machine's load of that round."""
    results = {name: [] for name in scenarios}
    for _ in range(rounds):
        for name, (path, headers) in scenarios.items():
            results[name].append(wrk(port, path, seconds, connections, headers))
    return results


def ratios(results: list, baseline: list) -> tuple[float, float, float]:
    """(median, lowest, highest) of the per-round ratios to the baseline."""
    values = [r["rps"] / b["rps"] for r, b in zip(results, baseline, strict=True)]
    return statistics.median(values), min(values), max(values)


def load_average() -> str:
    one, five, _ = os.getloadavg()
    return f"{one:.1f} (1 min), {five:.1f} (5 min) on {os.cpu_count()} CPUs"
