#!/usr/bin/env bash
# Builds the API reference of every library target with DocC, from the doc
# comments: symbol graphs from a build in .build-docs, then one
# `docc convert` per module into out/docs/<Module>.doccarchive, laid out for
# static hosting (serve the archive's folder under the base path /<Module>).
# Needs the toolchain's `docc`; without it, says so and exits 2.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v docc >/dev/null 2>&1; then
    echo "docs: this toolchain has no 'docc'; the doc comments are still in the sources." >&2
    exit 2
fi
graphs="$PWD/.build-docs/symbol-graphs"
rm -rf "$graphs" && mkdir -p "$graphs" out/docs
swift build -c release --scratch-path .build-docs \
    -Xswiftc -emit-symbol-graph -Xswiftc -emit-symbol-graph-dir -Xswiftc "$graphs" >&2

for module in GSL Polynomials JSON Models Analytic Sampling Estimators Dynamics Reports TensorFiles Experiments; do
    dir=$(mktemp -d)
    cp "$graphs/$module.symbols.json" "$dir/"
    cp "$graphs/$module@"*.symbols.json "$dir/" 2>/dev/null || true
    archive="out/docs/$module.doccarchive"
    rm -rf "$archive"
    docc convert --additional-symbol-graph-dir "$dir" --output-path "$archive" \
        --fallback-display-name "$module" --fallback-bundle-identifier "org.rlctkit.$module" \
        --transform-for-static-hosting --hosting-base-path "$module" >/dev/null
    rm -rf "$dir"
    echo "docs: out/docs/$module.doccarchive"
done
