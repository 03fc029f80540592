# Reserver's developer commands. `make run` and `make test` do all set-up on a fresh machine.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

# One build cache outside the work tree, shared by every checkout (and by CI on this machine).
export CARGO_TARGET_DIR ?= $(HOME)/.cache/reserver/target
export RESERVER_TOOLS_DIR ?= $(HOME)/.cache/reserver/tools
export PATH := $(HOME)/.cargo/bin:$(PATH)

.PHONY: run build tools test-tools test lint unit-and-http e2e size fmt clean

## run: build the release and serve http://127.0.0.1:3000 on ./data/reserver.db
run: build
	./dist/reserver serve

## build: the deployable release in dist/ (binary + site/)
build: tools
	scripts/build-site.sh

tools:
	scripts/install-tools.sh build

test-tools:
	scripts/install-tools.sh test

## test: formatting, lints, unit + HTTP tests on SQLite and PostgreSQL, browser tests in Chromium
test: test-tools lint unit-and-http build e2e

lint:
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p frontend -p app --features app/hydrate --target wasm32-unknown-unknown -- -D warnings

unit-and-http:
	scripts/with-postgres.sh cargo test --workspace

e2e:
	cd end2end && npx playwright test

## size: first-load size of the browser bundle (after `make build`)
size:
	scripts/bundle-size.sh

fmt:
	cargo fmt --all

clean:
	rm -rf dist end2end/test-results
