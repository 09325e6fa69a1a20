# The two set-up commands of the README: `make run` and `make test`. Both install what is
# missing first (scripts/bootstrap.sh), so they work on a fresh Debian machine.
PORT ?= 8000
PYTHON := .venv/bin/python
DEV_ENV := DEBUG=$${DEBUG:-1}

.PHONY: run test setup lint format bench

setup:
	@bash scripts/bootstrap.sh

run: setup
	@$(DEV_ENV) $(PYTHON) manage.py migrate --noinput -v0
	@$(DEV_ENV) $(PYTHON) manage.py load_seeds
	@$(DEV_ENV) $(PYTHON) manage.py create_demo_account
	@echo "Serving on http://127.0.0.1:$(PORT)/  (seeded session: http://127.0.0.1:$(PORT)/bodies/ctoc-cop-wg3/sessions/15/)"
	@# The task queue's worker (PDFs) in the background, stopped with the server (Ctrl+C).
	@$(DEV_ENV) $(PYTHON) manage.py db_worker --no-reload --verbosity 0 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	$(DEV_ENV) $(PYTHON) manage.py runserver --skip-checks 127.0.0.1:$(PORT)

test: setup lint
	$(PYTHON) -m pytest -n auto

lint: setup
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

format: setup
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .

# Benchmarks at scale (not part of `make test`): synthetic data, figures against baselines of
# the same run, a bounded wrk load test; writes bench/results/latest.md. BENCH_ARGS=--years 2
# for a quicker run; DATABASE_URL to measure PostgreSQL.
bench: setup
	$(PYTHON) bench/run.py $(BENCH_ARGS)
