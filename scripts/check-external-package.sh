#!/usr/bin/env bash
# Builds and runs Tests/ExternalPackage, a package that depends on RLCTKit by
# path the way a user's project would, and prints its λ̂. Fails if SwiftPM
# refuses RLCTKit as a dependency (for example because a target uses unsafe
# compiler flags) or the example does not build against the public API.
#
# A path dependency's identity is its folder's name, so the example is built
# in a temporary folder beside a link named RLCTKit to this checkout, whatever
# the checkout's own folder is called.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=${WORK:-$root/.build-external}
mkdir -p "$work/LLCExample"
ln -sfn "$root" "$work/RLCTKit"
cp -R "$root/Tests/ExternalPackage/Sources" "$work/LLCExample/"
sed 's|\.package(path: "\.\./\.\.")|.package(path: "../RLCTKit")|' "$root/Tests/ExternalPackage/Package.swift" > "$work/LLCExample/Package.swift"
cd "$work/LLCExample"
swift build -c "${CONFIGURATION:-release}" >&2
"$(swift build -c "${CONFIGURATION:-release}" --show-bin-path)/LLCExample"
