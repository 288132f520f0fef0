# The door to the project: `make run` to try it, `make test` before you push.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# Local runs are plain HTTP on 127.0.0.1 with a generated key; production sets these itself.
LOCAL_ENV = DJANGO_SECRET_KEY="$$(cat .secret-key)" DJANGO_HTTPS_ONLY=0

.PHONY: install install-dev run test lint format check clean bench

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

.secret-key:
	$(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@

run: install .secret-key
	$(LOCAL_ENV) $(PY) manage.py migrate --noinput
	$(LOCAL_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	@echo "Serving on http://127.0.0.1:8000 (plain HTTP because DJANGO_HTTPS_ONLY=0). Ctrl+C stops."
	$(LOCAL_ENV) $(PY) manage.py runserver 127.0.0.1:8000

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djlint templates --lint
	$(VENV)/bin/djlint templates --check

format: install-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	$(VENV)/bin/djlint templates --reformat

check: install-dev
	DJANGO_SECRET_KEY=check-only DJANGO_HTTPS_ONLY=0 $(PY) manage.py makemigrations --check --dry-run
	DJANGO_SECRET_KEY=check-only DJANGO_HTTPS_ONLY=0 $(PY) manage.py check

test: lint check
	$(VENV)/bin/pytest

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache .hypothesis test-output

# Load test on loopback (about two minutes; not part of `make test`): see README "Performance".
bench: install
	$(PY) bench/run.py
