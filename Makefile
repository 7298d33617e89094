# RLCTKit — the two commands a newcomer needs are `make run` and `make test`.
SWIFT      ?= swift
# Tests run optimised (statistical tests are slow in debug builds) in their own
# build folder, so `make build` and `make test` do not rebuild each other.
TESTFLAGS  := -c release -Xswiftc -enable-testing --scratch-path .build-test
RLCT       := .build/release/rlct

.PHONY: all setup build run test bench regress doctor clean

all: build

setup:
	@scripts/setup.sh

build: setup
	$(SWIFT) build -c release

run: build
	$(RLCT) doctor

test: setup
	$(SWIFT) build $(TESTFLAGS) --build-tests
	$(SWIFT) test $(TESTFLAGS) --skip-build

bench: build
	$(RLCT) bench --markdown docs/benchmarks.md

doctor: build
	$(RLCT) doctor

clean:
	rm -rf .build .build-test
