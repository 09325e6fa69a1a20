"""deploy/: what can run here runs. The web unit's command is a valid gunicorn command with
the project's limits; nginx -t accepts the proxy configuration (when nginx is installed, as
the set-up does); Redis starts with deploy/redis.conf and bounds itself by memory."""

import configparser
import os
import re
import shlex
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache.backends.filebased import FileBasedCache

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
INSTALLED = "/srv/meetings"  # where the unit expects the code; here, the work tree


def unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # systemd's keys are case-sensitive
    parser.read(DEPLOY / name)
    return parser


def env_file() -> dict:
    lines = (DEPLOY / "meetings.env").read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))


def unit_command(name: str, **specifiers) -> list[str]:
    """ExecStart of a unit in deploy/, its paths pointed at this work tree and this
    virtualenv, systemd's %-specifiers replaced."""
    service = unit(name)["Service"]
    assert service["WorkingDirectory"] == INSTALLED
    command = service["ExecStart"]
    for letter, value in specifiers.items():
        command = command.replace(f"%{letter}", value)
    argv = [arg.replace(INSTALLED, str(ROOT)) for arg in shlex.split(command)]
    assert argv[0].startswith(str(ROOT / ".venv/bin/"))
    argv[0] = str(Path(sys.executable).with_name(Path(argv[0]).name))
    return argv


def unit_environment(**env) -> dict:
    """deploy/meetings.env over this process's environment (a database that needs no
    server, no Redis unless given)."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO", "GUNICORN"))}
    return base | env_file() | {"DATABASE_URL": "sqlite:///:memory:", "REDIS_URL": ""} | env


def run_unit_command(*extra, **env) -> subprocess.CompletedProcess:
    """ExecStart of deploy/meetings-web.service with the environment of deploy/meetings.env."""
    argv = unit_command("meetings-web.service")
    assert Path(argv[0]).name == "gunicorn"
    return subprocess.run(
        [*argv, *extra], cwd=ROOT, env=unit_environment(**env), capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip


def test_the_web_units_command_is_a_valid_gunicorn_command_with_our_limits():
    result = run_unit_command("--print-config")
    assert result.returncode == 0, result.stderr
    config = dict(re.findall(r"^(\w+)\s+= (.*)$", result.stdout, re.MULTILINE))
    assert {k: config[k] for k in ("wsgi_app", "bind", "workers", "worker_class")} == {
        "wsgi_app": "config.wsgi:application",
        "bind": "['0.0.0.0:8000']",
        "workers": "5",
        "worker_class": "sync",
    }
    assert {k: config[k] for k in ("timeout", "graceful_timeout")} == {
        "timeout": "30",
        "graceful_timeout": "30",
    }
    assert {
        k: config[k]
        for k in ("limit_request_line", "limit_request_fields", "limit_request_field_size")
    } == {
        "limit_request_line": "8190",
        "limit_request_fields": "100",
        "limit_request_field_size": "8190",
    }
    assert (config["errorlog"], config["accesslog"]) == ("-", "-")
    assert config["forwarded_allow_ips"] == "['10.0.0.10']"


def test_the_web_unit_loads_the_app_with_the_example_environment(tmp_path):
    """--check-config imports the WSGI app: the settings accept deploy/meetings.env."""
    result = run_unit_command("--check-config", STATIC_ROOT=str(tmp_path))
    assert (result.returncode, result.stderr) == (0, "")


def test_the_web_unit_runs_as_an_unprivileged_user_and_restarts():
    service = unit("meetings-web.service")["Service"]
    assert (service["User"], service["Restart"], service["EnvironmentFile"]) == (
        "meetings",
        "on-failure",
        "/etc/meetings/env",
    )
    assert service["ReadWritePaths"] == f"{INSTALLED}/var"


def test_the_worker_unit_renders_a_queued_pdf(tmp_path):
    """The worker unit's command, on a database with a version just published (its six
    PDFs queued): it takes one job (--batch --max-tasks 1 make it stop then), renders it
    into the file cache and records it done; the other five wait for it."""
    env = unit_environment(
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        CACHE_DIR=str(tmp_path / "cache"),
        STATIC_ROOT=str(tmp_path / "static"),
    )
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (["migrate", "-v0"], ["import_session", "seeds/ctoc-cop-wg3-15.json"]):
        done = subprocess.run([*manage, *command], cwd=ROOT, env=env, capture_output=True)
        assert done.returncode == 0, done.stderr.decode()
    argv = unit_command("meetings-worker@.service", H="test-host", i="1")
    assert argv[1:4] == [str(ROOT / "manage.py"), "db_worker", "--no-reload"]
    assert argv[argv.index("--worker-id") + 1] == "test-host-1"
    worker = subprocess.run(
        [*argv, "--batch", "--max-tasks", "1"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert worker.returncode == 0, worker.stderr
    states = sqlite3.connect(tmp_path / "db.sqlite3").execute(
        "SELECT state, attempts, key FROM agenda_pdfrender ORDER BY id"
    )
    rows = list(states)
    expected = [("done", 1)] + [("queued", 0)] * 5
    assert [(state, attempts) for state, attempts, _ in rows] == expected
    assert len(list((tmp_path / "cache").iterdir())) == 1  # one entry: that PDF, whole
    pdf = FileBasedCache(str(tmp_path / "cache"), {}).get(rows[0][2])
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")


def test_the_worker_unit_restarts_and_stops_gracefully():
    service = unit("meetings-worker@.service")["Service"]
    assert (service["User"], service["Restart"], service["EnvironmentFile"]) == (
        "meetings",
        "always",
        "/etc/meetings/env",
    )
    assert (service["KillMode"], service["Nice"]) == ("mixed", "10")
    # longer than a render, so that SIGTERM lets the current one finish
    assert int(service["TimeoutStopSec"]) >= 60


def nginx_config_in(folder: Path) -> Path:
    """deploy/nginx.conf inside a main configuration of its own, in ``folder``: its own pid,
    logs, temporary paths and a throwaway certificate instead of the server's."""
    key, cert = str(folder / "privkey.pem"), str(folder / "fullchain.pem")
    openssl = ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
    subprocess.run(
        [*openssl, "-keyout", key, "-out", cert, "-subj", "/CN=meetings.example.org"],
        check=True,
        capture_output=True,
    )
    site = (DEPLOY / "nginx.conf").read_text()
    site = site.replace("/etc/ssl/meetings/", f"{folder}/").replace("/var/log/nginx/", f"{folder}/")
    (folder / "site.conf").write_text(site)
    shutil.copy(DEPLOY / "meetings-proxy.conf", folder / "meetings-proxy.conf")
    main = folder / "nginx.conf"
    main.write_text(
        f"pid {folder}/nginx.pid;\nerror_log {folder}/error.log;\nevents {{}}\nhttp {{\n"
        f"  access_log {folder}/access.log;\n"
        + "".join(
            f"  {kind}_temp_path {folder}/{kind};\n"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        + "  include site.conf;\n}\n"
    )
    return main


@pytest.mark.skipif(not shutil.which("nginx"), reason="nginx is not installed (the set-up adds it)")
def test_nginx_accepts_the_configuration(tmp_path):
    main = nginx_config_in(tmp_path)
    result = subprocess.run(
        ["nginx", "-t", "-p", str(tmp_path), "-c", str(main), "-e", str(tmp_path / "error.log")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert f"configuration file {main} test is successful" in result.stderr


def test_nginx_caps_bodies_as_the_app_does():
    site = (DEPLOY / "nginx.conf").read_text()
    (cap,) = re.findall(r"^\s*client_max_body_size (\d+)m;", site, re.MULTILINE)
    assert int(cap) * 1024 * 1024 == settings.REQUEST_MAX_BYTES
    proxy = (DEPLOY / "meetings-proxy.conf").read_text()
    for header in ("X-Forwarded-Proto $scheme", "X-Forwarded-For $remote_addr", "Host $host"):
        assert f"proxy_set_header {header};" in proxy
    assert "proxy_set_header X-Request-ID $request_id;" in proxy


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.skipif(not shutil.which("redis-server"), reason="redis-server is not installed")
def test_redis_with_the_deploy_configuration_is_bounded_and_evicts(tmp_path):
    import redis

    port = free_port()
    log = str(tmp_path / "redis.log")
    options = ["--port", str(port), "--dir", str(tmp_path), "--daemonize", "no", "--logfile", log]
    server = subprocess.Popen(["redis-server", str(DEPLOY / "redis.conf"), *options])
    try:
        client = redis.Redis(port=port)
        for _ in range(100):
            try:
                client.ping()
                break
            except redis.ConnectionError:
                time.sleep(0.05)
        assert client.config_get("maxmemory-policy") == {"maxmemory-policy": "allkeys-lru"}
        assert client.config_get("maxmemory") == {"maxmemory": str(1024**3)}
        assert client.config_get("save") == {"save": ""}
        client.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
