#!/usr/bin/env bash
# Builds and runs the libFuzzer targets in Tests/Fuzz/ (`make fuzz`, `make fuzz-smoke`).
#
#   scripts/fuzz.sh [--seconds N] [--jobs N] [--markdown | --write-doc] [--build-only] [--replay] [target ...]
#
# Each target is one Swift file, Tests/Fuzz/<target>/*.swift, defining
# LLVMFuzzerTestOneInput, plus one line in TARGETS below naming the modules it
# imports. Its seeds are Tests/Fuzz/<target>/corpus/ and, when present, what
# Tests/Fuzz/<target>/generate-seeds.sh writes (seeds too big to commit).
#
# The library modules are compiled straight with swiftc (one object and
# .swiftmodule per module, -sanitize=fuzzer,address, whole-module -O with line
# tables), not through SwiftPM, which cannot add libFuzzer's instrumentation.
# Everything goes under .build-fuzz/:
#   modules/            objects and .swiftmodule files (rebuilt when a source is newer)
#   bin/<target>        the fuzzers (run one input: .build-fuzz/bin/<target> FILE)
#   corpus/<target>/    the growing corpus (seeds stay untouched in Tests/Fuzz/)
#   artifacts/<target>/ crash-*, timeout-*, oom-* inputs
#   logs/<target>.log   libFuzzer's output; summary.tsv the last results
#
# Before fuzzing, every seed (committed and generated) is run once on its own,
# so a seed that crashes or times out is named in the summary; crashing seeds
# are then left out of the fuzzing run, which starts from the other committed
# seeds and the corpus grown by earlier runs.
# Limits (environment): FUZZ_SECONDS (600) per target, FUZZ_JOBS (2) processes
# (-fork), FUZZ_TIMEOUT (5 s per input), FUZZ_RSS_LIMIT_MB (2048),
# FUZZ_MAX_LEN (8192 bytes per generated input).
# Exit status: 0 when nothing crashed, 1 when a seed or the fuzzer crashed
# (or timed out / ran out of memory), 2 for a usage or build error.
set -euo pipefail
cd "$(dirname "$0")/.."

# name  modules imported (their dependencies are added from MODULE_DEPS)
TARGETS=(
    "polynomial Polynomials"
    "spec Experiments"
    "csv Models"
    "safetensors TensorFiles"
    "npy TensorFiles"
    "npz TensorFiles"
)

# Library modules and what they depend on, as in Package.swift.
declare -A MODULE_DEPS=(
    [GSL]="CGSL"
    [Polynomials]=""
    [Models]="Polynomials GSL CBLAS"
    [Analytic]="Polynomials"
    [Sampling]="Models GSL"
    [Estimators]="Sampling Models GSL"
    [CTemporaryFiles]=""
    [Reports]="CTemporaryFiles"
    [JSON]=""
    [ZIPFoundation]=""
    [TensorFiles]="JSON ZIPFoundation"
    [Experiments]="JSON GSL Polynomials Models Analytic Sampling Estimators Reports TensorFiles"
)

# Modules of other packages: where their sources are (checked out by
# `swift package resolve` into $OUT/spm), their Swift language mode, and
# their extra compiler and linker flags. ZIPFoundation imports zlib through
# its own CZLib module map.
ZIP_CHECKOUT=.build-fuzz/spm/checkouts/ZIPFoundation
declare -A MODULE_SOURCES=([ZIPFoundation]=$ZIP_CHECKOUT/Sources/ZIPFoundation)
declare -A MODULE_SWIFT_VERSION=([ZIPFoundation]=5)
# (CZLib's module map is on every module's -I path in SWIFTFLAGS: importers of ZIPFoundation need it too.)
declare -A MODULE_FLAGS=([ZIPFoundation]="-Xcc -D_GNU_SOURCE=1")
declare -A MODULE_LIBS=([ZIPFoundation]="-lz")

SECONDS_PER_TARGET=${FUZZ_SECONDS:-600}
LSAN_USER_OPTIONS=${LSAN_OPTIONS:-}
JOBS=${FUZZ_JOBS:-2}
TIMEOUT=${FUZZ_TIMEOUT:-5}
RSS_LIMIT_MB=${FUZZ_RSS_LIMIT_MB:-2048}
MAX_LEN=${FUZZ_MAX_LEN:-8192}
MARKDOWN=0
WRITE_DOC=0
BUILD_ONLY=0
REPLAY_ONLY=0
CHOSEN=()

usage() { sed -n '2,4p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
while [ $# -gt 0 ]; do
    case $1 in
        --seconds) SECONDS_PER_TARGET=$2; shift 2 ;;
        --jobs) JOBS=$2; shift 2 ;;
        --markdown) MARKDOWN=1; shift ;;
        --write-doc) MARKDOWN=1; WRITE_DOC=1; shift ;;
        --build-only) BUILD_ONLY=1; shift ;;
        --replay) REPLAY_ONLY=1; shift ;;
        -h|--help) usage ;;
        -*) echo "fuzz.sh: unknown option $1" >&2; usage ;;
        *) CHOSEN+=("$1"); shift ;;
    esac
done

SWIFTC=${SWIFTC:-swiftc}
DEMANGLE=${SWIFT_DEMANGLE:-$(dirname "$(command -v "$SWIFTC")")/swift-demangle}
[ -x "$DEMANGLE" ] || DEMANGLE=cat
OUT=.build-fuzz
MODS=$OUT/modules
SWIFTFLAGS=(-sanitize=fuzzer,address -parse-as-library -O -wmo -gline-tables-only
            -module-cache-path "$OUT/module-cache" -I "$MODS" -I Sources/CGSL -I Sources/CBLAS
            -I "$MODS/CTemporaryFiles-include" -I .build-fuzz/spm/checkouts/ZIPFoundation/Sources/CZLib)
# shellcheck disable=SC2207
GSL_CFLAGS=($(pkg-config --cflags gsl 2>/dev/null || true))
# shellcheck disable=SC2207
GSL_LIBS=($(pkg-config --libs gsl 2>/dev/null || echo -lgsl -lgslcblas -lm))
# shellcheck disable=SC2207
BLAS_CFLAGS=($(pkg-config --cflags openblas 2>/dev/null || true))
# shellcheck disable=SC2207
BLAS_LIBS=($(pkg-config --libs openblas 2>/dev/null || echo -lopenblas))
XCC=()
for f in "${GSL_CFLAGS[@]+"${GSL_CFLAGS[@]}"}" "${BLAS_CFLAGS[@]+"${BLAS_CFLAGS[@]}"}"; do XCC+=(-Xcc "$f"); done
mkdir -p "$MODS" "$OUT/bin" "$OUT/logs"

log() { echo "fuzz: $*" >&2; }

# All modules a list of modules needs, dependencies first (CGSL is a module map, not built).
declare -A SEEN=()
ORDER=()
visit() {
    local m=$1 d
    { [ "$m" = CGSL ] || [ "$m" = CBLAS ]; } && return
    [ -n "${SEEN[$m]:-}" ] && return
    SEEN[$m]=1
    [ -n "${MODULE_DEPS[$m]+set}" ] || { echo "fuzz.sh: unknown module $m (add it to MODULE_DEPS)" >&2; exit 2; }
    for d in ${MODULE_DEPS[$m]}; do visit "$d"; done
    ORDER+=("$m")
}

# C targets (Sources/<M>/*.c with include/<M>.h): compiled with clang under
# the same sanitizers, with a module map so Swift can import them.
C_MODULES=" CTemporaryFiles "
build_c_module() {
    local m=$1 obj=$MODS/$1.o
    if [ -f "$obj" ] && [ -z "$(find "Sources/$m" -newer "$obj" | head -1)" ]; then return; fi
    log "compiling $m (C)"
    mkdir -p "$MODS/$m-include"
    cp Sources/"$m"/include/*.h "$MODS/$m-include/"
    printf 'module %s {\n    umbrella header "%s.h"\n    export *\n}\n' "$m" "$m" > "$MODS/$m-include/module.modulemap"
    "${CLANG:-clang}" -fsanitize=fuzzer-no-link,address -O1 -g -I "Sources/$m/include" -c Sources/"$m"/*.c -o "$obj"
}

# Checks out the other packages' sources (once) for the modules that need them.
fetch_packages() {
    [ -d "$ZIP_CHECKOUT/Sources/ZIPFoundation" ] && return
    log "resolving package dependencies into $OUT/spm"
    swift package resolve --scratch-path "$OUT/spm" >&2
}

# Compiles one module unless its object is newer than its sources and dependencies.
build_module() {
    local m=$1 obj=$MODS/$1.o d
    case $C_MODULES in *" $m "*) build_c_module "$m"; return ;; esac
    local dir=${MODULE_SOURCES[$m]:-Sources/$m}
    [ -n "${MODULE_SOURCES[$m]:-}" ] && fetch_packages
    local newer=0
    if [ ! -f "$obj" ] || [ -n "$(find "$dir" -name '*.swift' -newer "$obj" | head -1)" ]; then newer=1; fi
    for d in ${MODULE_DEPS[$m]}; do
        [ "$d" != CGSL ] && [ "$d" != CBLAS ] && [ "$MODS/$d.o" -nt "$obj" ] && newer=1
    done
    [ $newer = 0 ] && return
    log "compiling $m"
    # shellcheck disable=SC2086
    "$SWIFTC" "${SWIFTFLAGS[@]}" "${XCC[@]+"${XCC[@]}"}" ${MODULE_FLAGS[$m]:-} \
        -swift-version "${MODULE_SWIFT_VERSION[$m]:-6}" -module-name "$m" \
        -emit-module -emit-module-path "$MODS/$m.swiftmodule" -emit-object -o "$obj" \
        $(find "$dir" -name '*.swift' | sort)
}

# Builds the fuzzer for one TARGETS line.
build_target() {
    local name=$1; shift
    local m objs=() needs_gsl=0 needs_blas=0 extra_libs=() extra_flags=()
    ORDER=(); SEEN=()
    for m in "$@"; do visit "$m"; done
    for m in "${ORDER[@]}"; do
        build_module "$m"
        objs+=("$MODS/$m.o")
        [ "$m" = GSL ] && needs_gsl=1
        [ "$m" = Models ] && needs_blas=1
        # shellcheck disable=SC2206
        [ -n "${MODULE_LIBS[$m]:-}" ] && extra_libs+=(${MODULE_LIBS[$m]}) && extra_flags+=(${MODULE_FLAGS[$m]})
    done
    local bin=$OUT/bin/$name src
    src=(Tests/Fuzz/"$name"/*.swift)
    local stale=0
    [ -f "$bin" ] || stale=1
    for f in "${objs[@]}" "${src[@]}"; do [ "$f" -nt "$bin" ] && stale=1; done
    [ $stale = 0 ] && return
    log "linking $name"
    local libs=("${extra_libs[@]+"${extra_libs[@]}"}")
    [ $needs_gsl = 1 ] && libs+=("${GSL_LIBS[@]}")
    [ $needs_blas = 1 ] && libs+=("${BLAS_LIBS[@]}")
    "$SWIFTC" "${SWIFTFLAGS[@]}" "${XCC[@]+"${XCC[@]}"}" "${extra_flags[@]+"${extra_flags[@]}"}" -swift-version 6 -module-name "Fuzz_$name" -use-ld=lld \
        "${src[@]}" "${objs[@]}" "${libs[@]+"${libs[@]}"}" -o "$bin"
}

# The report's first line and the first frames of our code (demangled,
# repeated frames of a recursion folded), on one line.
stack_summary() {
    local first frames
    first=$(grep -m1 -E 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|Fatal error|fatal error' "$1" \
            | sed -E 's/^==[0-9]+== *//; s/ on address 0x[0-9a-f]+.*//; s/^.*(Fatal error|fatal error)/\1/' || true)
    frames=$(grep -E '^ *#[0-9]+ 0x[0-9a-f]+ in ' "$1" | grep -E '/(Sources|Tests)/' | grep -v LLVMFuzzerTestOneInput \
             | sed -E 's/^ *#[0-9]+ 0x[0-9a-f]+ in ([^ ]+) .*\/((Sources|Tests)\/[^ ]+).*/\1 (\2)/' \
             | "$DEMANGLE" --simplified --compact 2>/dev/null | uniq | head -5 | paste -sd '<' - | sed 's/</ < /g')
    echo "${first:-no report}${frames:+: $frames}"
}

# Runs every seed once; prints "file<TAB>summary" for each one that fails.
replay_seeds() {
    local bin=$1; shift
    local dir f rlog=$OUT/logs/replay.log
    for dir in "$@"; do
        [ -d "$dir" ] || continue
        for f in "$dir"/*; do
            [ -f "$f" ] || continue
            if ! "$bin" -timeout="$TIMEOUT" -rss_limit_mb="$RSS_LIMIT_MB" -runs=1 "$f" >"$rlog" 2>&1; then
                printf '%s\t%s\n' "$f" "$(stack_summary "$rlog")"
            fi
        done
    done
}

ALL=()
for line in "${TARGETS[@]}"; do ALL+=("${line%% *}"); done
[ ${#CHOSEN[@]} -eq 0 ] && CHOSEN=("${ALL[@]}")

for name in "${CHOSEN[@]}"; do
    found=0
    for line in "${TARGETS[@]}"; do
        # shellcheck disable=SC2086
        if [ "${line%% *}" = "$name" ]; then build_target $line || { echo "fuzz.sh: build of $name failed" >&2; exit 2; }; found=1; fi
    done
    [ $found = 1 ] || { echo "fuzz.sh: no target $name (targets: ${ALL[*]})" >&2; exit 2; }
done
[ $BUILD_ONLY = 1 ] && { log "built: ${CHOSEN[*]} in $OUT/bin/"; exit 0; }

SUMMARY=$OUT/summary.tsv
printf 'target\tseconds\tjobs\texecutions\texec_per_s\tcorpus\tseeds\tseed_failures\tcrashes\ttimeouts\tooms\tartifacts\n' > "$SUMMARY"
FAILED=0
DETAILS=()
for name in "${CHOSEN[@]}"; do
    bin=$OUT/bin/$name
    seeds=Tests/Fuzz/$name/corpus
    generated=$OUT/seeds/$name
    corpus=$OUT/corpus/$name
    artifacts=$OUT/artifacts/$name
    flog=$OUT/logs/$name.log
    rm -rf "$generated"; mkdir -p "$generated" "$corpus" "$artifacts"
    # A target may suppress a known leak of a dependency (Tests/Fuzz/<target>/lsan.supp).
    if [ -f "Tests/Fuzz/$name/lsan.supp" ]; then
        export LSAN_OPTIONS="suppressions=$PWD/Tests/Fuzz/$name/lsan.supp${LSAN_USER_OPTIONS:+:$LSAN_USER_OPTIONS}"
    elif [ -n "$LSAN_USER_OPTIONS" ]; then export LSAN_OPTIONS=$LSAN_USER_OPTIONS; else unset LSAN_OPTIONS; fi
    # Extra libFuzzer flags of a target (Tests/Fuzz/<target>/fuzz-options, one line).
    extra_options=()
    # shellcheck disable=SC2207
    [ -f "Tests/Fuzz/$name/fuzz-options" ] && extra_options=($(grep -v '^#' "Tests/Fuzz/$name/fuzz-options"))
    [ -x "Tests/Fuzz/$name/generate-seeds.sh" ] && "Tests/Fuzz/$name/generate-seeds.sh" "$generated"
    nseeds=$(find "$seeds" "$generated" -type f | wc -l)

    log "$name: replaying $nseeds seeds"
    failures=$(replay_seeds "$bin" "$seeds" "$generated")
    nfail=0
    if [ -n "$failures" ]; then
        nfail=$(printf '%s\n' "$failures" | wc -l)
        while IFS=$'\t' read -r f s; do DETAILS+=("$name	seed	$f	$s"); done <<< "$failures"
    fi
    if [ $REPLAY_ONLY = 1 ]; then
        printf '%s\t0\t0\t0\t0\t0\t%s\t%s\t0\t0\t0\t0\n' "$name" "$nseeds" "$nfail" >> "$SUMMARY"
        [ "$nfail" -gt 0 ] && FAILED=1
        continue
    fi

    # Fork mode keeps fuzzing after a crash (counted, input saved), so one
    # run reports every distinct crash it meets, not only the first.
    # Crashing seeds are kept out of the run: they are reported above, and
    # would otherwise be re-found by every child.
    # The generated seeds are only replayed: at hundreds of kilobytes they
    # would raise libFuzzer's -max_len and slow every mutation down.
    runseeds=$OUT/run-seeds/$name
    rm -rf "$runseeds"; mkdir -p "$runseeds"
    cp "$seeds"/* "$runseeds"/ 2>/dev/null || true
    if [ -n "$failures" ]; then
        while IFS=$'\t' read -r f _; do rm -f "$runseeds/$(basename "$f")"; done <<< "$failures"
    fi
    before=$(find "$artifacts" -type f | wc -l)
    log "$name: fuzzing ${SECONDS_PER_TARGET}s with $JOBS job(s), log $flog"
    start=$(date +%s)
    "$bin" -fork="$JOBS" -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
        -max_total_time="$SECONDS_PER_TARGET" -timeout="$TIMEOUT" -rss_limit_mb="$RSS_LIMIT_MB" \
        -max_len="$MAX_LEN" -artifact_prefix="$artifacts/" -print_final_stats=1 "${extra_options[@]+"${extra_options[@]}"}" \
        "$corpus" "$runseeds" >"$flog" 2>&1 || true
    elapsed=$(( $(date +%s) - start ))
    # Fork-mode status lines: "#N: cov: C ft: F corp: K exec/s: E oom/timeout/crash: O/T/X time: Ts job: J …"
    last=$(grep -E '^#[0-9]+: cov:' "$flog" | tail -1 || true)
    execs=$(sed -nE 's/^#([0-9]+):.*/\1/p' <<< "$last")
    corp=$(sed -nE 's/.* corp: ([0-9]+).*/\1/p' <<< "$last")
    otc=$(sed -nE 's/.* oom\/timeout\/crash: ([0-9]+\/[0-9]+\/[0-9]+).*/\1/p' <<< "$last")
    ooms=${otc%%/*}; rest=${otc#*/}; timeouts=${rest%%/*}; crashes=${rest#*/}
    execs=${execs:-0}; corp=${corp:-$(find "$corpus" -type f | wc -l)}
    ooms=${ooms:-0}; timeouts=${timeouts:-0}; crashes=${crashes:-0}
    rate=$(( elapsed > 0 ? execs / elapsed : execs ))
    after=$(find "$artifacts" -type f | wc -l)
    new=$(( after - before ))
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$elapsed" "$JOBS" "$execs" "$rate" "$corp" \
        "$nseeds" "$nfail" "$crashes" "$timeouts" "$ooms" "$new" >> "$SUMMARY"
    [ "$nfail" -gt 0 ] || [ "$crashes" -gt 0 ] || [ "$timeouts" -gt 0 ] || [ "$ooms" -gt 0 ] && FAILED=1
    # Name each new artifact with the stack it produces.
    for a in $(find "$artifacts" -type f -newermt "@$start" | sort); do
        "$bin" -timeout="$TIMEOUT" -rss_limit_mb="$RSS_LIMIT_MB" -runs=1 "$a" >"$OUT/logs/replay.log" 2>&1 || true
        DETAILS+=("$name	fuzzed	$a	$(stack_summary "$OUT/logs/replay.log")")
    done
done

markdown_table() {
    echo "| target | seconds | jobs | executions | exec/s | corpus | seeds | failing seeds | crashes | timeouts | OOMs |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    tail -n +2 "$SUMMARY" | while IFS=$'\t' read -r t s j e r c n f x to o _; do
        echo "| \`$t\` | $s | $j | $e | $r | $c | $n | $f | $x | $to | $o |"
    done
    if [ ${#DETAILS[@]} -gt 0 ]; then
        echo
        echo "| target | input | | failure |"
        echo "|---|---|---|---|"
        for d in "${DETAILS[@]}"; do
            IFS=$'\t' read -r t k i s <<< "$d"
            echo "| \`$t\` | \`$i\` | $k | ${s//|/\\|} |"
        done
    fi
}

if [ $WRITE_DOC = 1 ]; then
    # Replace the generated block of docs/reliability.md (never edited by hand).
    block=$OUT/results.md
    {
        echo "<!-- BEGIN fuzz results: generated by \`scripts/fuzz.sh --seconds $SECONDS_PER_TARGET --jobs $JOBS --write-doc\`; do not edit by hand -->"
        echo
        echo "Measured $(date -u +%Y-%m-%d) at commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown) on $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')), \`-timeout=$TIMEOUT -rss_limit_mb=$RSS_LIMIT_MB -max_len=$MAX_LEN\`:"
        echo
        markdown_table
        echo
        echo "<!-- END fuzz results -->"
    } > "$block"
    python3 - "$block" docs/reliability.md <<'PY'
import sys, re
block = open(sys.argv[1]).read()
path = sys.argv[2]
doc = open(path).read()
start = doc.index("<!-- BEGIN fuzz results")
end = doc.index("<!-- END fuzz results -->") + len("<!-- END fuzz results -->\n")
open(path + ".tmp", "w").write(doc[:start] + block + doc[end:])
PY
    mv docs/reliability.md.tmp docs/reliability.md
    cat "$block"
elif [ $MARKDOWN = 1 ]; then
    markdown_table
else
    tail -n +2 "$SUMMARY" | while IFS=$'\t' read -r t s j e r c n f x to o a; do
        echo "$t: $e executions in ${s}s (${r}/s, $j job(s)), corpus $c, seeds $n ($f failing), crashes $x, timeouts $to, OOMs $o, new artifacts $a"
    done
    for d in "${DETAILS[@]+"${DETAILS[@]}"}"; do
        IFS=$'\t' read -r t k i s <<< "$d"
        echo "  $t: $k $i: $s"
    done
fi
exit $FAILED
