# tmkit — the two quick-start commands are `make demo` and `make test`; each installs what it needs.
SWIFT ?= swift
RELEASE_BIN = .build/release

.PHONY: setup demo test bench build release clean

build:
	scripts/setup.sh build
	$(SWIFT) build

release:
	scripts/setup.sh build
	$(SWIFT) build -c release --product tmkit

## The main job on the embedded default memory: see scripts/demo.sh.
demo: release
	scripts/demo.sh $(RELEASE_BIN)/tmkit

## The whole test suite against real ICU, SQLite, PostgreSQL and the shared test data.
test:
	scripts/setup.sh test
	scripts/test.sh

## Figures (throughput, latency, peak memory) on stated input sizes; nothing is asserted.
bench:
	scripts/setup.sh bench
	$(SWIFT) build -c release --product tmkit-bench
	$(SWIFT) build -c release --product tmkit
	scripts/with-postgres.sh TMKIT_BENCH_POSTGRES_URL $(RELEASE_BIN)/tmkit-bench $(SUITES)

clean:
	rm -rf .build

## Fault figures of `tmkit serve` (import under searches, SIGKILL mid-import) on SQLite and PostgreSQL.
.PHONY: serve-faults
serve-faults: release
	scripts/serve-faults.py --tmkit $(RELEASE_BIN)/tmkit
	scripts/with-postgres.sh TMKIT_FAULTS_POSTGRES_URL sh -c 'scripts/serve-faults.py --tmkit $(RELEASE_BIN)/tmkit --memory "$$TMKIT_FAULTS_POSTGRES_URL"'
