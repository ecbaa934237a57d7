"""Settings come from the environment only; check them in a fresh interpreter."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
# Variables the test settings set for themselves; a fresh process must not inherit them.
TEST_ONLY_ENV = {"DATABASE_URL", "SECRET_KEY", "DEBUG", "SECURE_SSL_REDIRECT", "ALLOWED_HOSTS"}


def read_setting(expression: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in TEST_ONLY_ENV}
    clean.update(env, DJANGO_SETTINGS_MODULE="config.settings")
    code = f"from django.conf import settings; print({expression})"
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_it_defaults_to_an_embedded_sqlite_file():
    result = read_setting(
        "settings.DATABASES['default']['ENGINE'], settings.DATABASES['default']['NAME']", DEBUG="1"
    )
    assert result.returncode == 0, result.stderr
    assert "django.db.backends.sqlite3" in result.stdout
    assert "db.sqlite3" in result.stdout


def test_it_sets_wal_and_a_busy_timeout_on_sqlite():
    result = read_setting("settings.DATABASES['default']['OPTIONS']", DEBUG="1")
    assert "journal_mode=WAL" in result.stdout
    assert "busy_timeout" in result.stdout


def test_it_switches_to_postgresql_with_database_url():
    result = read_setting(
        "settings.DATABASES['default']['ENGINE'],"
        " settings.DATABASES['default']['CONN_HEALTH_CHECKS']",
        DEBUG="1",
        DATABASE_URL="postgres://limber:secret@db.internal:5432/limber",
    )
    assert result.returncode == 0, result.stderr
    assert "django.db.backends.postgresql" in result.stdout
    assert "True" in result.stdout


def test_it_refuses_to_start_without_secret_key_when_debug_is_off():
    result = read_setting("settings.SECRET_KEY")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_it_keeps_debug_off_unless_asked():
    result = read_setting("settings.DEBUG", SECRET_KEY="x" * 50)
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize(
    "name, expected",
    [
        ("SESSION_COOKIE_SECURE", "True"),
        ("CSRF_COOKIE_SECURE", "True"),
        ("SECURE_SSL_REDIRECT", "True"),
    ],
)
def test_it_secures_cookies_and_transport_in_production(name, expected):
    result = read_setting(f"settings.{name}", SECRET_KEY="x" * 50)
    assert result.stdout.strip() == expected


def test_it_hashes_passwords_with_argon2_first():
    result = read_setting("settings.PASSWORD_HASHERS[0]", DEBUG="1")
    assert result.stdout.strip() == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_it_keeps_time_in_utc_and_aware():
    assert settings.TIME_ZONE == "UTC"
    assert settings.USE_TZ is True


@pytest.mark.parametrize("typo", ["ture", "yes please", "2", "flase"])
def test_it_refuses_to_start_on_a_yes_no_setting_it_cannot_read(typo):
    result = read_setting(
        "settings.SECURE_SSL_REDIRECT", SECRET_KEY="x" * 50, SECURE_SSL_REDIRECT=typo
    )
    assert result.returncode != 0
    assert "SECURE_SSL_REDIRECT" in result.stderr and "not understood" in result.stderr


@pytest.mark.parametrize(
    "value, expected", [("1", "True"), ("on", "True"), ("No", "False"), ("off", "False")]
)
def test_it_reads_each_yes_no_word(value, expected):
    result = read_setting(
        "settings.SECURE_SSL_REDIRECT", SECRET_KEY="x" * 50, SECURE_SSL_REDIRECT=value
    )
    assert result.stdout.strip() == expected, result.stderr


def test_hsts_preload_and_subdomains_are_off_unless_asked():
    expression = "settings.SECURE_HSTS_PRELOAD, settings.SECURE_HSTS_INCLUDE_SUBDOMAINS"
    assert read_setting(expression, SECRET_KEY="x" * 50).stdout.strip() == "False False"
    asked = read_setting(
        expression,
        SECRET_KEY="x" * 50,
        SECURE_HSTS_PRELOAD="1",
        SECURE_HSTS_INCLUDE_SUBDOMAINS="1",
    )
    assert asked.stdout.strip() == "True True"


def test_the_csrf_cookie_is_out_of_reach_of_scripts():
    assert settings.CSRF_COOKIE_HTTPONLY is True


@pytest.mark.parametrize(
    "env, expected",
    [
        ({}, "1800 43200 1209600"),
        (
            {"SESSION_IDLE_MINUTES": "5", "SESSION_MAX_HOURS": "2", "SESSION_REMEMBER_DAYS": "1"},
            "300 7200 86400",
        ),
    ],
)
def test_session_limits_come_from_the_environment(env, expected):
    expression = (
        "settings.SESSION_IDLE_SECONDS, settings.SESSION_MAX_SECONDS, "
        "settings.SESSION_REMEMBER_SECONDS"
    )
    result = read_setting(f"' '.join(map(str, ({expression})))", SECRET_KEY="x" * 50, **env)
    assert result.stdout.strip() == expected, result.stderr


GENERIC = "-c plan_cache_mode=force_generic_plan"


@pytest.mark.parametrize(
    ("url", "flag", "expected"),
    [
        ("postgres://limber:secret@db.internal:5432/limber", None, f"True 5 {GENERIC}"),
        ("postgres://limber:secret@db.internal:5432/limber", "0", "None None None"),
        ("postgres://limber:secret@db.internal:5432/limber", "yes", f"True 5 {GENERIC}"),
        (None, None, "None None None"),
    ],
    ids=["postgresql", "postgresql behind a pooler", "postgresql, said yes", "sqlite"],
)
def test_postgresql_binds_values_on_the_server_and_prepares_unless_told_not_to(url, flag, expected):
    env = {"DEBUG": "1"}
    if url:
        env["DATABASE_URL"] = url
    if flag is not None:
        env["PG_SERVER_SIDE_BINDING"] = flag
    options = "settings.DATABASES['default'].get('OPTIONS', {})"
    result = read_setting(
        f"' '.join(str({options}.get(k)) for k in "
        "('server_side_binding', 'prepare_threshold', 'options'))",
        **env,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL prepares statements")
def test_a_statement_run_often_on_a_connection_is_prepared_and_planned_once():
    statement = "SELECT COUNT(*) FROM auth_user WHERE id > %s"
    with connection.cursor() as cursor:
        for n in range(8):
            cursor.execute(statement, [n])
        cursor.execute(
            "SELECT generic_plans, custom_plans FROM pg_prepared_statements "
            "WHERE statement LIKE %s",
            ["SELECT COUNT(*) FROM auth_user WHERE id > $1%"],
        )
        # Prepared once (from the fifth run on), and planned once: the three runs
        # since used that one plan, none was planned afresh.
        assert cursor.fetchall() == [(3, 0)]


def test_a_typo_in_the_binding_switch_stops_limber():
    result = read_setting(
        "settings.DATABASES",
        DEBUG="1",
        DATABASE_URL="postgres://limber:secret@db.internal:5432/limber",
        PG_SERVER_SIDE_BINDING="ture",
    )
    assert result.returncode != 0
    assert "PG_SERVER_SIDE_BINDING" in result.stderr
