# USSR Revision. `make run` and `make test` work on a fresh machine with Python 3.11.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)
PROD_ENV := DEBUG=0 SECRET_KEY=check-deploy-$(shell printf '%064d' 0) ALLOWED_HOSTS=revision.example.org

.PHONY: run test check lint migrations-check deploy-check bench bench-web bench-srs setup db screenshots

$(STAMP): requirements.txt requirements-dev.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@rm -f $(VENV)/.installed-* && touch $@

setup: $(STAMP)

# Development database: migrate, load the course, build the question bank, demo accounts.
db: $(STAMP)
	$(BIN)/python manage.py migrate --verbosity 0
	$(BIN)/python manage.py load_content
	$(BIN)/python manage.py build_question_bank
	$(BIN)/python manage.py setup_demo

run: db
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: $(STAMP)
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

migrations-check: $(STAMP)
	$(BIN)/python manage.py makemigrations --check --dry-run

deploy-check: $(STAMP)
	$(PROD_ENV) $(BIN)/python manage.py check --deploy --fail-level WARNING

check: lint migrations-check deploy-check test

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

# Every page under wrk against a do-nothing Django view, on a throw-away PostgreSQL database
# (ussr_bench_web) and Redis database 4 (emptied). SCALE=class (default), school or both.
SCALE ?= class
bench-web: $(STAMP)
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(BIN)/python -m benchmarks.web --scale $(SCALE)

# Revise now's schedule against Leitner, random practice and cramming, on a simulated class.
bench-srs: $(STAMP)
	$(BIN)/python benchmarks/srs.py

# The README's screenshots (a throw-away database; needs Chromium at /usr/bin/chromium).
screenshots: $(STAMP)
	$(BIN)/python docs/screenshots/take.py

.PHONY: worker bench-passwords

# Background jobs (class lists' accounts) in production: one or more of these beside gunicorn.
worker: $(STAMP)
	TASKS_IN_WORKER=1 $(BIN)/python manage.py db_worker

# One password check with each hasher the settings keep (Argon2 for new hashes, PBKDF2 before).
bench-passwords: $(STAMP)
	$(BIN)/python benchmarks/passwords.py
