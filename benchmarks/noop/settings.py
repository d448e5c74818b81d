"""A do-nothing Django project: the yardstick every page of the web benchmark is divided by.

No apps, no middleware, no database: one view that answers "ok". What is left is the cost of
gunicorn, Django's request handling and URL resolving, which every real page pays too.
"""

SECRET_KEY = "benchmark-only-" + "0" * 40
DEBUG = False
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = "benchmarks.noop.urls"
INSTALLED_APPS = []
MIDDLEWARE = []
DATABASES = {}
USE_TZ = True
