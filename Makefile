# RLCTKit — the two commands a newcomer needs are `make run` and `make test`.
SWIFT      ?= swift
# Tests run optimised (statistical tests are slow in debug builds) in their own
# build folder, so `make build` and `make test` do not rebuild each other.
TESTFLAGS  := -c release -Xswiftc -enable-testing --scratch-path .build-test
RLCT       := .build/release/rlct

.PHONY: all setup build build-mpi test-mpi run test bench bench-peer regress docs docs-check docs-update doctor clean fuzz fuzz-smoke check-external

all: build

setup:
	@scripts/setup.sh

build: setup
	$(SWIFT) build -c release

# Optional, never needed by `make run` or `make test`: Open MPI (Debian's
# libopenmpi-dev and openmpi-bin, installed by `scripts/setup.sh --mpi`) and
# rlct built with the MPI package trait into .build-mpi/release/rlct, which
# `mpirun -n N` runs over N ranks (docs/cluster.md).
build-mpi:
	@scripts/setup.sh --mpi
	$(SWIFT) build -c release --traits MPI --scratch-path .build-mpi

# The MPI tests (Tests/CLITests/MPICommandTests.swift) against the MPI build:
# 1, 2 and 4 ranks give the same JSON; a failing job names its rank; --resume.
# Own build folder (-enable-testing), so build-mpi and test-mpi do not rebuild each other.
test-mpi:
	@scripts/setup.sh --mpi
	$(SWIFT) build $(TESTFLAGS:.build-test=.build-mpi-test) --traits MPI --build-tests
	$(SWIFT) test $(TESTFLAGS:.build-test=.build-mpi-test) --traits MPI --skip-build --filter "MPICommandTests|DistributedJobsTests"

# The main job: singular and regular models side by side at n = 10⁴ — exact λ,
# LLC, temperature λ̂, exact F_n, WBIC and BIC — and the plot against n.
run: build
	@mkdir -p out
	$(RLCT) compare --spec Examples/singular-vs-regular.json --plot out/singular-vs-regular.svg
	@echo "plot: out/singular-vs-regular.svg"

test: setup
	$(SWIFT) build $(TESTFLAGS) --build-tests
	$(SWIFT) test $(TESTFLAGS) --skip-build
	.build-test/release/rlct regress Fixtures --quick --quiet
	python3 scripts/test_docs_check.py
	scripts/docs-check.py --quick --examples --jobs 2 --rlct .build-test/release/rlct

# Executable documentation (docs/README.md): runs every ```console block of
# README.md and docs/*.md and compares its numbers with the page's (exit 1 on
# a drift, reported as FILE:LINE), and every Examples/*.sh at quick settings.
# `make test` runs the blocks marked quick; docs-update rewrites the outputs.
docs-check: build
	scripts/docs-check.py --examples --jobs 2 --rlct $(RLCT)

docs-update: build
	scripts/docs-check.py --write --jobs 2 --rlct $(RLCT)

# The full fixture suite (every check at its full settings): docs/regression.md,
# and JUnit/JSON/SVG under out/ for CI systems and people.
regress: build
	@mkdir -p out
	$(RLCT) regress Fixtures --jobs 2 --markdown docs/regression.md --junit out/regression.xml --json-file out/regression.json --plot out/regression.svg

bench: build
	$(RLCT) bench --markdown docs/benchmarks.md

# Optional, never part of `make test`: devinterp 2.0.1 (CPU torch, one thread,
# in .venv-peer/; needs PyPI, and a torch +cpu wheel in /opt/wheels or
# PyTorch's CPU index) on the same LLC jobs, written beside rlct's into
# docs/benchmarks.md (`make bench` keeps that section when it rewrites the page).
bench-peer: build
	RLCT=$(RLCT) scripts/bench-peer.sh

# The API reference from the doc comments, with DocC (out/docs/<Module>.doccarchive).
docs: setup
	@scripts/docs.sh

# libFuzzer targets (Tests/Fuzz/) for the polynomial parser, the spec decoder,
# the CSV reader and the safetensors, .npy and .npz readers, built with -sanitize=fuzzer,address into .build-fuzz/:
# FUZZ_SECONDS per target, FUZZ_JOBS parallel fuzzing processes. Not part of
# `make test`. See docs/reliability.md.
FUZZ_SECONDS ?= 600
FUZZ_JOBS    ?= 2
fuzz:
	FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_JOBS=$(FUZZ_JOBS) scripts/fuzz.sh --write-doc

fuzz-smoke:
	FUZZ_SECONDS=30 FUZZ_JOBS=$(FUZZ_JOBS) scripts/fuzz.sh

# A package outside this one that depends on it by path and runs an LLC
# estimate: SwiftPM refuses a dependency with unsafe flags, so this is what
# shows the library products are usable from other projects.
check-external: setup
	scripts/check-external-package.sh

doctor: build
	$(RLCT) doctor

clean:
	rm -rf .build .build-test .build-docs .build-fuzz .build-external .build-mpi .build-mpi-test
