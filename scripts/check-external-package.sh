#!/usr/bin/env bash
# Builds and runs Tests/ExternalPackage, a package that depends on RLCTKit by
# path the way a user's project would, and prints its λ̂. Fails if SwiftPM
# refuses RLCTKit as a dependency (for example because a target uses unsafe
# compiler flags) or the example does not build against the public API.
set -euo pipefail
cd "$(dirname "$0")/../Tests/ExternalPackage"
scratch="${SCRATCH:-.build}"
swift build -c release --scratch-path "$scratch" >&2
"$(swift build -c release --scratch-path "$scratch" --show-bin-path)/LLCExample"
