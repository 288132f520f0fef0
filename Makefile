# The door to the project: `make run` to try it, `make test` before you push.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# Local runs are plain HTTP on 127.0.0.1 with a generated key; production sets these itself.
LOCAL_ENV = DJANGO_SECRET_KEY="$$(cat .secret-key)" DJANGO_HTTPS_ONLY=0

.PHONY: install install-dev run test lint format check clean audit-security bench

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

# The Spanish interface text: compiled from the .po files in the repository (git ignores .mo).
.PHONY: messages compile-messages
compile-messages: install
	DJANGO_SECRET_KEY=messages-only $(PY) manage.py translations compile

# After marking new text for translation: adds it to the .po files, to be given its Spanish.
messages: install
	DJANGO_SECRET_KEY=messages-only $(PY) manage.py translations update
	DJANGO_SECRET_KEY=messages-only $(PY) manage.py translations compile

run: install compile-messages .secret-key
	$(LOCAL_ENV) $(PY) manage.py migrate --noinput
	$(LOCAL_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	@echo "Serving on http://127.0.0.1:8000 (plain HTTP because DJANGO_HTTPS_ONLY=0). Ctrl+C stops."
	$(LOCAL_ENV) $(PY) manage.py runserver 127.0.0.1:8000

# The production set-up on this machine, in the foreground (README "Production set-up with
# nginx"): nginx on 127.0.0.1:$${STACK_PORT:-8080} in front of gunicorn, a fresh SQLite database
# unless DATABASE_URL is set. Ctrl+C (or SIGTERM) stops both. Needs Debian's nginx package.
.PHONY: stack
stack: install compile-messages .secret-key
	DJANGO_SECRET_KEY="$${DJANGO_SECRET_KEY:-$$(cat .secret-key)}" exec $(PY) deploy/stack.py

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djlint templates --lint
	$(VENV)/bin/djlint templates --check

format: install-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	$(VENV)/bin/djlint templates --reformat

check: install-dev compile-messages
	DJANGO_SECRET_KEY=check-only $(PY) manage.py translations check
	DJANGO_SECRET_KEY=check-only DJANGO_HTTPS_ONLY=0 $(PY) manage.py makemigrations --check --dry-run
	DJANGO_SECRET_KEY=check-only DJANGO_HTTPS_ONLY=0 $(PY) manage.py check

test: lint check
	$(VENV)/bin/pytest

# The same suite on PostgreSQL and Redis (127.0.0.1 by default; see .ci/test-postgres), including
# the test that runs two gunicorn servers side by side. A throwaway database is made and dropped.
.PHONY: test-postgres
test-postgres: install-dev compile-messages
	bash .ci/test-postgres

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache .hypothesis test-output

# Lighthouse's four scores per public page (optional; needs node/npm and Chromium).
# Lighthouse is installed into the git-ignored tools/ folder; it never downloads a browser.
LIGHTHOUSE := tools/node_modules/.bin/lighthouse

$(LIGHTHOUSE):
	npm install --prefix tools --no-audit --no-fund --loglevel=error lighthouse@12.2.3

.PHONY: audit
audit: install compile-messages $(LIGHTHOUSE)
	CHROME_PATH=/usr/bin/chromium $(PY) -m scripts.audit

# Security audit: production settings over TLS on 127.0.0.1, scanned by the MDN HTTP
# Observatory. The scanner is an npm package kept in the ignored tools/ folder; --ignore-scripts
# skips its postinstall, which would download the HSTS preload and TLD lists, so we give it an
# empty preload list instead (127.0.0.1 is on no list anyway).
OBSERVATORY := tools/observatory/node_modules/@mdn/mdn-http-observatory

$(OBSERVATORY)/conf/hsts-preload.json:
	mkdir -p tools/observatory
	npm install --prefix tools/observatory --ignore-scripts --no-audit --no-fund --silent \
		@mdn/mdn-http-observatory@1.4.8
	echo '{}' > $@

audit-security: install-dev compile-messages $(OBSERVATORY)/conf/hsts-preload.json
	$(PY) -m scripts.audit_security

# Varnish on EDGE_PORT (default 8090) in front of gunicorn, in the foreground: see README "The edge".
.PHONY: edge
edge: install compile-messages .secret-key
	$(LOCAL_ENV) $(PY) scripts/edge.py

# Load test on loopback (about two minutes; not part of `make test`): see README "Performance".
bench: install compile-messages
	$(PY) bench/run.py
