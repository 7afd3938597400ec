# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
#
# make demo   build the demo database and serve it (SERVE=0: build only)
# make test   run every test against real Odoo 18.0 + PostgreSQL
# make odoo-tests  Odoo's own tests of what the suite extends, with and without it
# make screenshots  capture the documentation screenshots from the demo
# make bench  benchmark against the OCA dunning modules (SCALE=S, M or S,M)
# make lint   ruff, ruff-format, prettier (XML...), pylint-odoo, README check
# Everything else (venv, PostgreSQL role, wkhtmltopdf) is set up on the way.

ODOO_SRC ?= /opt/odoo/18.0
SERVE ?= 1
VENV := .venv
BIN := $(VENV)/bin
ADDONS := $(sort $(patsubst %/__manifest__.py,%,$(wildcard */__manifest__.py)))

export ODOO_SRC SERVE

.DEFAULT_GOAL := help
.PHONY: help env demo test odoo-tests screenshots bench lint format readme pot clean

help:
	@echo "make demo     build the demo database dunning_demo and serve it on http://127.0.0.1:8069"
	@echo "              (SERVE=0 builds without serving)"
	@echo "make test     run all tests against real Odoo 18.0 + PostgreSQL (ARGS=... for pytest),"
	@echo "              then Odoo's own tests of what the suite extends (ODOO_TESTS=0: not them)"
	@echo "make odoo-tests  only Odoo's own tests, on a database with the suite and on one without"
	@echo "make screenshots  capture the README screenshots from a copy of the demo"
	@echo "              (into dunning_levels/static/description/)"
	@echo "make bench    benchmark against the OCA dunning modules (SCALE=S, M or S,M)"
	@echo "make lint     run the linters (ruff, prettier, pylint-odoo, README check)"
	@echo "make format   reformat the code and regenerate the addons' README files"
	@echo "make pot      export the translation templates and merge them into fr.po"
	@echo "make clean    drop the local databases, venv and caches"

env:
	@bash setup/bootstrap.sh

demo: env
	@bash setup/demo.sh

test: env
	@bash setup/test.sh $(ARGS)

odoo-tests: env
	@bash setup/odoo_tests.sh

screenshots: env
	@bash setup/screenshots.sh

bench: env
	@bash setup/bench.sh

lint: env
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	node_modules/.bin/prettier --check .
	$(BIN)/pylint --rcfile=.pylintrc-mandatory $(ADDONS)
	$(BIN)/pylint --rcfile=.pylintrc --exit-zero $(ADDONS)
	$(BIN)/python setup/gen_addon_readme.py --check

format: env
	-$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	node_modules/.bin/prettier --write --log-level=warn .
	$(BIN)/python setup/gen_addon_readme.py

readme: env
	$(BIN)/python setup/gen_addon_readme.py

pot: env
	@bash setup/i18n.sh

clean:
	-for db in $$(psql -d postgres -Atc "select datname from pg_database where datname like 'dunning\_%'"); do dropdb "$$db"; done
	rm -rf .local .venv node_modules "$${XDG_CACHE_HOME:-$$HOME/.cache}/dunning_levels/odoo-tests"
