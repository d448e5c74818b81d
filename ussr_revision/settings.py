"""Settings for USSR Revision.

Runs with no configuration at all (SQLite in the project folder, DEBUG on). Everything that
differs in production comes from environment variables, read through the helpers below, which
refuse malformed values instead of guessing.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

DEVELOPMENT_SECRET_KEY = "django-insecure-development-key-for-ussr-revision-only"


def env_bool(name, default):
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_list(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_int(name, default):
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_database(name, default):
    url = os.environ.get(name) or default
    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} is not a database URL we can use: {error}") from None
    if config["ENGINE"] not in {"django.db.backends.sqlite3", "django.db.backends.postgresql"}:
        raise ImproperlyConfigured(f"{name} must name an SQLite or PostgreSQL database.")
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["CONN_MAX_AGE"] = 0
    return config


def env_cache(names):
    """Redis from the first of `names` that is set (redis://host:port/db), else local memory.

    Local memory keeps `make run` free of services; production sets REDIS_URL so that every app
    server shares one cache (sessions, roles, rendered fragments, results versions).
    """
    name, url = next(((n, os.environ[n]) for n in names if os.environ.get(n)), (None, None))
    if url is None:
        return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (raises ValueError for a port that is not a number)
        database = parts.path.strip("/")
        valid = (
            parts.scheme in {"redis", "rediss"}
            and parts.hostname
            and (database == "" or database.isdigit())
        )
    except ValueError:
        valid = False
    if not valid:
        # The value is not repeated: it may hold a password.
        raise ImproperlyConfigured(f"{name} must look like redis://host:port/db.")
    return {
        "default": {
            "BACKEND": "ussr_revision.cache.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "ussr"),
            "TIMEOUT": 24 * 3600,
        }
    }


DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY") or DEVELOPMENT_SECRET_KEY
if not DEBUG and (SECRET_KEY == DEVELOPMENT_SECRET_KEY or len(SECRET_KEY) < 32):
    raise ImproperlyConfigured("Set SECRET_KEY to a long random value when DEBUG is off.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "ussr_revision.apps.ProjectAdminConfig",  # django.contrib.admin, with the project's site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "topics",
    "quizzes",
    "classrooms",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "ussr_revision.middleware.refuse_nul_characters",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "ussr_revision.middleware.CachedUserAuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "ussr_revision.sessions.ShortSessionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, so that it turns a refused sign-in into the locked-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ussr_revision.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ussr_revision.context_processors.roles",
            ],
        },
    },
]

WSGI_APPLICATION = "ussr_revision.wsgi.application"

DATABASES = {"default": env_database("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = env_cache(["REDIS_URL", "CACHE_URL"])
# HTML that only a deploy changes (the navigation's links for each role), kept in each process:
# no other process needs it, and a round trip to Redis would cost more than drawing it.
CACHES["process"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "process",
}
# Sessions are read from the cache on every request and written through to the database, so a
# cache restart signs nobody out.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Argon2 first: a class signing in at once must not queue for seconds behind PBKDF2's million
# iterations. The others stay so that existing hashes still check, and are upgraded to Argon2 at
# the next sign-in.
PASSWORD_HASHERS = [
    "ussr_revision.hashers.SchoolArgon2PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

# Axes first: a locked-out sign-in is refused before any password is hashed.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "ussr_revision.auth.CaseInsensitiveModelBackend",
    "classrooms.quick_login.QuickLoginBackend",
]

# Sign-in throttling (django-axes). Keyed by username and address together: a school behind one
# NAT address shares an IP, and one pupil's typos must not lock out the rest of the class.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
SIGN_IN_FAILURE_LIMIT = 5  # wrong passwords for one username from one address
QR_FAILURE_LIMIT = 20  # QR codes that do not work, from one address (a whole school, perhaps)
AXES_FAILURE_LIMIT = "ussr_revision.throttle.failure_limit"
AXES_COOLOFF_TIME = timedelta(minutes=15)
# Usernames sign in in any case, so "ASmith1" and "asmith1" must count as one.
AXES_USERNAME_CALLABLE = "ussr_revision.throttle.username_for_throttle"
AXES_LOCKOUT_CALLABLE = "ussr_revision.throttle.locked_out"
AXES_RESET_ON_SUCCESS = True
# Tries while locked out do not push the end of the lockout later: the page says when it ends.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_DISABLE_ACCESS_LOG = True  # a row per successful sign-in is not worth its write
# Behind a reverse proxy, the client's address is the last hop it adds to X-Forwarded-For.
AXES_IPWARE_PROXY_COUNT = env_int("AXES_PROXY_COUNT", 0) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if AXES_IPWARE_PROXY_COUNT else ["REMOTE_ADDR"]
)

# Sessions. A student who does not tick "Keep me signed in on this device" (a shared school
# computer) is signed out when the browser closes or after STUDENT_IDLE_TIMEOUT without a page;
# ticking it keeps a phone signed in for the term.
REMEMBER_ME_AGE = timedelta(days=120)
STUDENT_IDLE_TIMEOUT = timedelta(minutes=30)

# Background jobs (django-tasks): the database backend in production, run by
# `manage.py db_worker`; in development and tests a job runs at once, inside the request.
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend"
        if env_bool("TASKS_IN_WORKER", not DEBUG)
        else "django_tasks.backends.immediate.ImmediateBackend"
    }
}

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Practice leaves out questions of homework a student can still hand in (it shows answers).
PRACTICE_HIDDEN_QUESTIONS = "classrooms.assignments.questions_hidden_from_practice"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Content-Security-Policy (django-csp 4): only this site's own files; no inline script or
# style, no eval. Bootstrap's CSS draws its icons (checkboxes, the menu button) as data: SVGs.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Production hardening; `manage.py check --deploy` runs with DEBUG off in `make check`.
HSTS_PRELOAD_MINIMUM = 31_536_000  # a year: what the browsers' preload lists ask for
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", HSTS_PRELOAD_MINIMUM)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # Preloading is hard to undo: ask for it only with a max-age the lists accept.
    SECURE_HSTS_PRELOAD = SECURE_HSTS_SECONDS >= HSTS_PRELOAD_MINIMUM
    SECURE_CONTENT_TYPE_NOSNIFF = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
