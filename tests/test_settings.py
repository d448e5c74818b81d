import os
import subprocess
import sys

import pytest

PRODUCTION = {"DEBUG": "0", "SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "revision.example.org"}


def start_django(**env):
    """Import the settings in a fresh interpreter, as a server would at start-up."""
    environment = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY"}}
    environment.update(env, DJANGO_SETTINGS_MODULE="ussr_revision.settings")
    code = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"
    return subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=False
    )


def test_settings_run_with_no_configuration():
    result = start_django()
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


def test_production_refuses_the_development_secret_key():
    result = start_django(DEBUG="0", ALLOWED_HOSTS="revision.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_starts_with_a_real_secret_key():
    result = start_django(**PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("DEBUG", "maybe", "DEBUG must be true or false"),
        ("DATABASE_URL", "mysql://localhost/db", "DATABASE_URL must name an SQLite or PostgreSQL"),
        ("DATABASE_URL", "nonsense", "DATABASE_URL is not a database URL"),
    ],
)
def test_malformed_environment_is_refused_with_a_clear_message(name, value, message):
    result = start_django(**{name: value})
    assert result.returncode != 0
    assert message in result.stderr


def test_settings_use_british_english_and_london_time(settings):
    assert settings.LANGUAGE_CODE == "en-gb"
    assert settings.TIME_ZONE == "Europe/London"
