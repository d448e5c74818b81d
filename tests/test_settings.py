import os
import subprocess
import sys

import pytest

PRODUCTION = {"DEBUG": "0", "SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "revision.example.org"}


def start_django(**env):
    """Import the settings in a fresh interpreter, as a server would at start-up."""
    # The browser tests allow Django's async-unsafe calls in this process; production does not.
    leave_out = {"DATABASE_URL", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {k: v for k, v in os.environ.items() if k not in leave_out}
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


def production_setting(expression, **env):
    # The browser tests allow Django's async-unsafe calls in this process; production does not.
    leave_out = {"DATABASE_URL", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {k: v for k, v in os.environ.items() if k not in leave_out}
    environment.update(PRODUCTION, **env, DJANGO_SETTINGS_MODULE="ussr_revision.settings")
    code = f"import django; django.setup(); from django.conf import settings; print({expression})"
    result = subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_production_asks_for_hsts_for_a_year_with_subdomains_and_preload():
    expression = "settings.SECURE_HSTS_SECONDS, settings.SECURE_HSTS_INCLUDE_SUBDOMAINS, settings.SECURE_HSTS_PRELOAD"  # noqa: E501

    assert production_setting(expression) == "31536000 True True"


def test_a_shorter_hsts_max_age_is_not_preloaded():
    expression = "settings.SECURE_HSTS_SECONDS, settings.SECURE_HSTS_PRELOAD"

    assert production_setting(expression, SECURE_HSTS_SECONDS="3600") == "3600 False"


def test_the_deploy_check_is_clean_with_production_settings():
    # The browser tests allow Django's async-unsafe calls in this process; production does not.
    leave_out = {"DATABASE_URL", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {k: v for k, v in os.environ.items() if k not in leave_out}
    # As the Makefile's PROD_ENV: a key with enough different characters for check --deploy.
    environment.update(PRODUCTION, SECRET_KEY="check-deploy-" + "0" * 64)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_passwords_are_hashed_with_argon2_first_and_older_hashes_still_check():
    from django.conf import settings

    from ussr_revision import settings as project

    assert project.PASSWORD_HASHERS[0] == "ussr_revision.hashers.SchoolArgon2PasswordHasher"
    assert "django.contrib.auth.hashers.PBKDF2PasswordHasher" in project.PASSWORD_HASHERS
    assert settings.PASSWORD_HASHERS != project.PASSWORD_HASHERS  # tests use MD5, for speed


@pytest.mark.django_db
def test_a_pbkdf2_password_is_upgraded_to_argon2_at_the_next_sign_in(client, settings):
    from django.contrib.auth.hashers import make_password

    from tests import factories
    from tests.signing_in import signs_in
    from ussr_revision import settings as project

    settings.PASSWORD_HASHERS = project.PASSWORD_HASHERS
    student = factories.make_student(username="asmith1")
    student.password = make_password("river-tiger-lamp-42", hasher="pbkdf2_sha256")
    student.save()

    assert signs_in(client, "asmith1", "river-tiger-lamp-42")

    student.refresh_from_db()
    assert student.password.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")


@pytest.mark.django_db
def test_an_argon2_hash_with_djangos_settings_is_brought_to_ours_at_the_next_sign_in(
    client, settings
):
    from django.contrib.auth.hashers import make_password

    from tests import factories
    from tests.signing_in import signs_in
    from ussr_revision import settings as project

    settings.PASSWORD_HASHERS = project.PASSWORD_HASHERS
    student = factories.make_student(username="bokafor")
    student.password = make_password("river-tiger-lamp-42", hasher="argon2")
    assert "m=19456" not in student.password  # made with Django's own settings
    student.save()

    assert signs_in(client, "bokafor", "river-tiger-lamp-42")

    student.refresh_from_db()
    assert "m=19456,t=2,p=1" in student.password
