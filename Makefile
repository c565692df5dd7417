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

## The load test of issue 6: 1M units, `tmkit serve` on PostgreSQL and on SQLite, 32 wrk connections of fuzzy
## searches for 60 s each (the serve-load suite; `make bench` runs it at 100k units). The throwaway cluster gets
## shared buffers that hold the memory (the default 128 MB holds a tenth of it).
.PHONY: load
load:
	scripts/setup.sh bench
	$(SWIFT) build -c release --product tmkit-bench
	$(SWIFT) build -c release --product tmkit
	TMKIT_BENCH_FULL=1 TMKIT_POSTGRES_SETTINGS="-c shared_buffers=3GB" scripts/with-postgres.sh TMKIT_BENCH_POSTGRES_URL $(RELEASE_BIN)/tmkit-bench serve-load
