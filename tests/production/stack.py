"""The production stack for tests: a fresh database, `frirum collectstatic`, `frirum
migrate`, the demo, and `frirum serve` processes with DEBUG=False, as an operator runs them."""

import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from contextlib import contextmanager
from pathlib import Path

import psycopg

from tests.production.http import Client

ROOT = Path(__file__).resolve().parents[2]
FRIRUM = [sys.executable, "-m", "frirum.cli"]
DEMO_PASSWORD = "frirum-demo-2026"
DEFAULT_PG = "postgresql://postgres@127.0.0.1:5432/postgres"
DEMO_LOGINS = (
    "raadgiver1.ballerup@demo.frirum.example",
    "chef.ballerup@demo.frirum.example",
    "sekretariat@demo.frirum.example",
)


def postgres_url() -> str | None:
    """The PostgreSQL server this run may use, or None."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        return url
    if url:
        return None
    try:
        psycopg.connect(DEFAULT_PG, connect_timeout=3).close()
    except psycopg.Error:
        return None
    return DEFAULT_PG


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def fresh_postgres_database(server_url: str, label: str):
    parts = urllib.parse.urlsplit(server_url)
    name = f"frirum_{label}_{os.getpid()}_{secrets.token_hex(3)}"
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urllib.parse.urlunsplit(parts._replace(path="/" + name))
    finally:
        with psycopg.connect(server_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def base_env(data_dir: Path, database_url: str | None, **extra) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "FRIRUM_", "PYTEST", "REDIS_URL", "DATABASE_URL"))
    }
    env.update(
        DEBUG="False",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        FRIRUM_DATA_DIR=str(data_dir),
        PYTHONPATH=str(ROOT),
        LOG_LEVEL="INFO",
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    env.update(extra)
    return env


def run(env: dict, *args: str, timeout: int = 600) -> subprocess.CompletedProcess:
    result = subprocess.run(  # noqa: S603 - our own CLI
        [*FRIRUM, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout
    )
    if result.returncode != 0:
        raise AssertionError(f"frirum {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


class Server:
    def __init__(self, env: dict, log_path: Path, workers: int | None = 2):
        self.port = free_port()
        self.log_path = log_path
        self.log = open(log_path, "w")  # closed in stop()
        worker_args = ["--workers", str(workers)] if workers else []  # else serve's default
        self.process = subprocess.Popen(  # noqa: S603 - our own CLI
            [*FRIRUM, "serve", "--bind", f"127.0.0.1:{self.port}", *worker_args],
            env=env,
            cwd=ROOT,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self.wait_ready()
        self.workers = int(re.search(r"with (\d+) workers", self.log_text()).group(1))

    def client(self) -> Client:
        return Client("127.0.0.1", self.port)

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"frirum serve exited:\n{self.log_text()}")
            try:
                if self.client().get("/readyz").status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)  # polling a starting process, not waiting for a result
        raise AssertionError(f"frirum serve not ready in {timeout}s:\n{self.log_text()}")

    def log_text(self) -> str:
        self.log.flush()
        return self.log_path.read_text()

    def stop(self) -> int:
        self.process.terminate()
        try:
            code = self.process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            self.process.kill()
            code = self.process.wait()
        self.log.close()
        return code


class SecondFactor:
    """Authenticators with known keys for the demo logins the tests use: an account's first
    sign-in takes the authenticator's code, later ones its recovery codes (a code is
    accepted once, and sign-ins follow each other within the same 30 seconds)."""

    def __init__(self, env: dict, emails: tuple[str, ...]):
        self.keys: dict[str, str] = {}
        self.recovery: dict[str, list[str]] = {}
        for email in emails:
            key = secrets.token_hex(20)
            out = run(env, "enrol_totp", email, "--key", key).stdout
            self.keys[email] = key
            self.recovery[email] = re.search(r"recovery codes: (.+)", out).group(1).split()

    def __call__(self, email: str) -> str:
        if email in self.keys:
            from django_otp.oath import totp

            return f"{totp(bytes.fromhex(self.keys.pop(email))):06d}"
        return self.recovery[email].pop()


class Stack:
    """One database with the demo, collected static files, and servers on it."""

    def __init__(
        self,
        database_url: str | None,
        *,
        demo_scale: str | None = "0.05",
        enrol_second_factor: bool = True,
        **extra_env,
    ):
        """`demo_scale=None` serves a database that is already loaded."""
        self.dir = Path(tempfile.mkdtemp(prefix="frirum-stack-"))
        self.env = base_env(self.dir, database_url, **extra_env)
        run(self.env, "migrate", "--no-input", "-v0")
        run(self.env, "collectstatic", "--no-input", "-v0")
        if demo_scale is not None:
            run(self.env, "demo", "--scale", demo_scale, "--seed", "7")
        self.second_factor = (
            SecondFactor(self.env, DEMO_LOGINS)
            if demo_scale is not None and enrol_second_factor
            else None
        )
        self.servers: list[Server] = []

    def start_server(self, *, workers: int | None = 2, **env_overrides) -> Server:
        env = {**self.env, **env_overrides}
        server = Server(env, self.dir / f"server-{len(self.servers)}.log", workers)
        self.servers.append(server)
        return server

    def close(self) -> None:
        for server in self.servers:
            if server.process.poll() is None:
                server.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


@contextmanager
def stack_on_test_database_kind(label: str, **extra_env):
    """A stack on PostgreSQL when one is reachable (the production database), else SQLite."""
    server = postgres_url()
    if server:
        with fresh_postgres_database(server, label) as url:
            stack = Stack(url, **extra_env)
            try:
                yield stack
            finally:
                stack.close()
    else:
        stack = Stack(None, **extra_env)
        try:
            yield stack
        finally:
            stack.close()
