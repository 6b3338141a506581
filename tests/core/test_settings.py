import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_frirum(*args, **env):
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for themselves; production never does.
    unset = ("DEBUG", "SECRET_KEY", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    full_env = {k: v for k, v in os.environ.items() if k not in unset}
    full_env.update(env)
    return subprocess.run(  # noqa: S603 - our own CLI with fixed arguments
        [sys.executable, "-m", "frirum.cli", *args],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def production(tmp_path, **extra) -> dict:
    """What an operator sets for production (DEBUG off, a real key, a host name)."""
    return {
        "DEBUG": "False",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "frirum.example.org",
        "FRIRUM_DATA_DIR": str(tmp_path),
        **extra,
    }


def test_it_refuses_to_start_without_a_secret_key_in_production(tmp_path):
    r = run_frirum("check", DEBUG="False", FRIRUM_DATA_DIR=str(tmp_path))
    assert r.returncode != 0
    assert "SECRET_KEY must be set" in r.stderr


def test_it_passes_the_deploy_check_with_production_settings(tmp_path):
    env = production(tmp_path)
    r = run_frirum("collectstatic", "--no-input", "-v0", **env)
    assert r.returncode == 0, r.stderr
    r = run_frirum("check", "--deploy", "--fail-level", "ERROR", **env)
    assert r.returncode == 0, r.stderr
    # SQLite is allowed but named; PostgreSQL is what production runs.
    assert "frirum.W003" in r.stderr + r.stdout
    assert "frirum.E001" not in r.stderr + r.stdout


def test_it_fails_the_deploy_check_without_collected_static_files(tmp_path):
    r = run_frirum("check", "--deploy", **production(tmp_path, EMAIL_HOST="smtp.example.org"))
    assert r.returncode != 0
    assert "frirum.E001" in r.stderr


def test_it_warns_about_a_process_memory_cache_in_production(tmp_path):
    r = run_frirum("check", "--deploy", **production(tmp_path, FRIRUM_CACHE="memory"))
    assert "frirum.W002" in r.stderr


def test_it_refuses_to_serve_without_collected_static_files(tmp_path):
    r = run_frirum("serve", **production(tmp_path))
    assert r.returncode != 0
    assert "frirum collectstatic" in r.stderr


def test_it_chooses_a_shared_cache_in_production(tmp_path):
    show = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    r = run_frirum("shell", "-c", show, **production(tmp_path))
    assert r.stdout.strip().endswith("db.DatabaseCache"), r.stderr
    r = run_frirum(
        "shell", "-c", show, **production(tmp_path, REDIS_URL="redis://127.0.0.1:6379/0")
    )
    assert r.stdout.strip().endswith("frirum.lib.redis_cache.RedisCache"), r.stderr


def test_it_publishes_chat_notifications_through_redis_when_it_has_one(tmp_path):
    # Publish/subscribe, not the layer that queues every notification in Redis: at 500 young
    # people and 100 counsellors that one could not keep up once a server died.
    show = "from django.conf import settings; print(settings.CHANNEL_LAYERS['default']['BACKEND'])"
    r = run_frirum("shell", "-c", show, **production(tmp_path))
    assert r.stdout.strip().endswith("InMemoryChannelLayer"), r.stderr
    r = run_frirum(
        "shell", "-c", show, **production(tmp_path, REDIS_URL="redis://127.0.0.1:6379/0")
    )
    assert r.stdout.strip().endswith("pubsub.RedisPubSubChannelLayer"), r.stderr


def test_it_warns_when_production_cannot_send_password_reset_links(tmp_path):
    r = run_frirum("check", "--deploy", **production(tmp_path))
    assert "frirum.W001" in r.stderr + r.stdout


def test_it_uses_sqlite_in_the_data_dir_by_default(tmp_path):
    r = run_frirum(
        "shell",
        "-c",
        "from django.db import connection; print(connection.vendor, connection.settings_dict['NAME'])",
        FRIRUM_DATA_DIR=str(tmp_path),
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip().splitlines()[-1] == f"sqlite {tmp_path / 'frirum.sqlite3'}"


def test_it_reads_database_url(tmp_path):
    r = run_frirum(
        "shell",
        "-c",
        "from django.db import connection; print(connection.settings_dict['ENGINE'], connection.settings_dict['NAME'])",
        DATABASE_URL="postgresql://someone@db.example.org:5432/frirum",
        FRIRUM_DATA_DIR=str(tmp_path),
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip().splitlines()[-1] == "django.db.backends.postgresql frirum"


def test_it_tunes_postgresql_planner_costs_unless_told_not_to(tmp_path):
    show = "from django.db import connection; print(connection.settings_dict.get('OPTIONS', {}).get('options'))"
    url = "postgresql://someone@db.example.org:5432/frirum"
    r = run_frirum("shell", "-c", show, DATABASE_URL=url, FRIRUM_DATA_DIR=str(tmp_path))
    assert "random_page_cost=1.1" in r.stdout.strip().splitlines()[-1], r.stderr
    r = run_frirum(
        "shell", "-c", show, DATABASE_URL=url, FRIRUM_PG_OPTIONS="", FRIRUM_DATA_DIR=str(tmp_path)
    )
    assert r.stdout.strip().splitlines()[-1] == "None", r.stderr


def test_it_serves_development_with_an_asgi_runserver():
    # bin/demo runs `frirum runserver`: Daphne's, so the chat's WebSockets work there too.
    from django.conf import settings
    from django.core.management import get_commands

    assert get_commands()["runserver"] == "daphne"
    assert settings.ASGI_APPLICATION == "frirum.asgi.application"
    assert settings.LOGGING["loggers"]["django.channels.server"]["level"] == "WARNING"
