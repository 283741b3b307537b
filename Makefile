# Collectief — developer commands. `make run` and `make test` work on a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
export DJANGO_DEBUG ?= 1

.PHONY: run test venv migrate demo lint check messages docs lock bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,deploy]'
	touch $(STAMP)

venv: $(STAMP)

migrate: venv
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py load_demo

run: demo
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: venv
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check: venv
	$(BIN)/python manage.py makemigrations --check --dry-run

# Regenerate the Dutch catalogues (needs gettext) and compile them; commit both .po and .mo.
messages: venv
	$(BIN)/python manage.py makemessages -l nl --ignore=.venv --ignore=node_modules --ignore=static --ignore=tests --ignore=bench
	$(BIN)/python manage.py compilemessages --ignore=.venv

# The documentation site (mkdocs.yml, docs/) into site/; warnings are errors. It regenerates
# docs/configuration.md from the settings first: commit that page when it changes.
docs: venv
	$(BIN)/python -m pip install --quiet -e '.[test,docs]'
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

# The locks the image installs from (Dockerfile) and CI can install from: run after changing
# the dependencies in pyproject.toml, and commit requirements/*.txt.
PIP_COMPILE := $(BIN)/python -m piptools compile --quiet --no-emit-find-links --no-emit-index-url --strip-extras
lock: venv
	$(BIN)/python -m pip install --quiet 'pip-tools>=7.4,<8'
	$(PIP_COMPILE) --output-file requirements/base.txt pyproject.toml
	$(PIP_COMPILE) --extra test --extra deploy --output-file requirements/ci.txt pyproject.toml

# The benchmark (see README): PostgreSQL at city scale by default; not part of `make test`.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/collectief_bench
BENCH_SCALE ?= city
bench: venv
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python bench/prepare.py --scale $(BENCH_SCALE)
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles site
