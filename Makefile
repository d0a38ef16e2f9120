# HÖK-portalen. `make run` to try it, `make test` to test it. See README.md.
SHELL := /bin/bash
export UV_PYTHON_DOWNLOADS := never
UV := $(shell command -v uv 2>/dev/null || echo $(HOME)/.local/bin/uv)
RUN := $(UV) run --frozen
# Where `make run` serves; e.g. `make run ADDRESS=127.0.0.1:8001` when 8000 is taken.
ADDRESS ?= 127.0.0.1:8000
# Test processes (pytest-xdist): one per core by default; `make test TEST_WORKERS=0` runs the
# suite in this process alone.
TEST_WORKERS ?= auto

.PHONY: help install messages run test lint fmt bench

help:
	@echo "make run    - set up and serve the portal on http://127.0.0.1:8000/ with a Celery worker and beat (SQLite, demo accounts)"
	@echo "make test   - the whole test suite in parallel, with its coverage floor (see README for PostgreSQL/Redis/Chromium)"
	@echo "make lint   - ruff, mypy, djLint, English catalogue complete, makemigrations --check, uv.lock up to date"
	@echo "make fmt    - format the Python code and fix what ruff can fix"
	@echo "make bench  - benchmarks against gunicorn and PostgreSQL"

$(UV):
	@echo "uv is missing: installing it for this user with pip"
	python3 -m pip install --user --quiet uv
	@echo "uv is now in $(HOME)/.local/bin. To run uv yourself, add it to your PATH:"
	@echo '    export PATH="$$HOME/.local/bin:$$PATH"'

install: $(UV)
	$(UV) sync --frozen

messages: install
	$(RUN) python -m hok.compile_translations

run: messages
	$(RUN) python manage.py migrate --noinput
	$(RUN) python manage.py load_seed_content
	$(RUN) python manage.py rebuild_search_index
	$(RUN) python manage.py create_demo_accounts
	@echo "Mail is written to var/mail/. A Celery worker (queues celery and pdf) and beat run beside"
	@echo "the web server on a folder broker (var/celery/). Ctrl-C stops all three."
	$(RUN) python manage.py serve_all $(ADDRESS)

test: messages
	$(RUN) pytest -n $(TEST_WORKERS) --cov --cov-report=term:skip-covered

lint: install
	$(UV) lock --check
	$(RUN) ruff format --check .
	$(RUN) ruff check .
	$(RUN) mypy
	$(RUN) djlint templates --lint
	$(RUN) python -m hok.check_translations
	$(RUN) python .ci/commit_subjects.py
	DJANGO_SETTINGS_MODULE=hok.settings.test $(RUN) python manage.py makemigrations --check --dry-run

fmt: install
	$(RUN) ruff format .
	$(RUN) ruff check --fix .

bench: messages
	$(RUN) python -m bench.public
	$(RUN) python -m bench.public --organisations 20000
	$(RUN) python -m bench.directory --growth
	$(RUN) python -m bench.survey_results
	$(RUN) python -m bench.conference
	$(RUN) python -m bench.report
	$(RUN) python -m bench.search

	$(RUN) python -m bench.newsletter
