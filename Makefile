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

# The main job, until `rlct compare` exists: check the install, then show
# singular vs regular at one n — exact learning coefficients and LLC estimates.
run: build
	$(RLCT) doctor
	$(RLCT) analytic --model rrr --input 5 --hidden 3 --output 5 --true-rank 1
	$(RLCT) llc --polynomial "w1^2+w2^2" --sampler mala --step-size 1e-3 --quiet
	$(RLCT) llc --polynomial "(w1*w2)^2" --sampler mala --step-size 1e-3 --plot out/llc-w1w2.svg --quiet
	$(RLCT) calibrate --q "w1*w2^2" --batch 100 --step-sizes 1e-4,3e-4,1e-3,3e-3 --quiet
	$(RLCT) llc --q "w1*w2^2" --batch 100 --step-size 1e-3 --quiet

test: setup
	$(SWIFT) build $(TESTFLAGS) --build-tests
	$(SWIFT) test $(TESTFLAGS) --skip-build
	.build-test/release/rlct regress Fixtures --quick --quiet

# The full fixture suite (every check at its full settings): docs/regression.md,
# and JUnit/JSON/SVG under out/ for CI systems and people.
regress: build
	$(RLCT) regress Fixtures --jobs 2 --markdown docs/regression.md --junit out/regression.xml --json out/regression.json --plot out/regression.svg

bench: build
	$(RLCT) bench --markdown docs/benchmarks.md

doctor: build
	$(RLCT) doctor

clean:
	rm -rf .build .build-test
