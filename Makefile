# Kinerja: the two commands of the quick start are `make start` and `make test`.
# Everything else here is a building block of those two.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
CARGO ?= cargo
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/test

# Use cargo-nextest when installed (one process per test), plain cargo test otherwise.
NEXTEST := $(shell $(CARGO) nextest --version >/dev/null 2>&1 && echo yes)
ifeq ($(NEXTEST),yes)
RUST_TEST = $(CARGO) nextest run --no-fail-fast --failure-output final
else
RUST_TEST = $(CARGO) test --no-fail-fast
endif

.PHONY: start test web rust-lint rust-test rust-test-pg frontend-check e2e compose-check openapi demo clean

## Start the product: dashboard + API on the embedded SQLite default, with the demo agency.
start: web
	KINERJA_ENV=dev $(CARGO) run -p kinerja-api --bin kinerja -- serve --demo

## Run every test: lints, Rust on SQLite (and PostgreSQL when TEST_DATABASE_URL is set),
## the contract drift checks, the frontend, the end-to-end specs, the compose file check.
test: rust-lint rust-test rust-test-pg frontend-check e2e compose-check
	@echo "== all checks passed $$(date +%T)"

web:
	cd frontend && { [ -d node_modules ] || npm ci --no-audit --no-fund; } && npm run build

rust-lint:
	@echo "== rust-lint started $$(date +%T)"
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets --locked -- -D warnings

rust-test:
	@echo "== rust-test started $$(date +%T)"
	$(RUST_TEST) --workspace --locked

# The suites that touch a database, again on PostgreSQL (each test in its own fresh database).
rust-test-pg:
	@if [ -n "$${TEST_DATABASE_URL:-}" ]; then \
	  echo "== Rust tests on PostgreSQL ($$TEST_DATABASE_URL)"; \
	  $(RUST_TEST) --locked -p kinerja-api -p kinerja-service; \
	else echo "== TEST_DATABASE_URL not set: PostgreSQL run skipped (CI sets it)"; fi

frontend-check:
	@echo "== frontend-check started $$(date +%T)"
	cd frontend && npm ci --no-audit --no-fund && npm run check:api && npm run typecheck && npm run lint && npm test && npm run build

e2e:
	@echo "== e2e started $$(date +%T)"
	$(CARGO) build -p kinerja-api --bin kinerja --locked
	cd frontend && npm run e2e

compose-check:
	@echo "== compose-check started $$(date +%T)"
	@if [ ! -x .venv/bin/check-jsonschema ]; then python3 -m venv .venv && .venv/bin/pip install -q check-jsonschema==0.39.0; fi
	.venv/bin/check-jsonschema --builtin-schema vendor.compose-spec docker-compose.yml

## Regenerate openapi.yaml from the code (the drift test fails until you do after an API change).
openapi:
	$(CARGO) run -q -p kinerja-api --bin kinerja -- openapi > openapi.yaml
	cd frontend && npm run gen:api

demo:
	KINERJA_ENV=dev $(CARGO) run -p kinerja-api --bin kinerja -- demo

clean:
	rm -rf data target frontend/dist
