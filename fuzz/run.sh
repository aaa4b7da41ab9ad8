#!/usr/bin/env bash
# Builds the libFuzzer targets (docs/fuzzing.md) and runs each in turn, one process at a time.
#
#   fuzz/run.sh build                 build every target into .build-fuzz/release/
#   fuzz/run.sh run [TARGET…]         fuzz each target FUZZ_SECONDS (default 60) or FUZZ_RUNS executions
#                                     (FUZZ_SEED fixes libFuzzer's seed: with FUZZ_RUNS, a repeatable run)
#   fuzz/run.sh merge [TARGET…]       minimise .build-fuzz/corpus/T + fuzz/corpus/T (+ SEEDS/T) into fuzz/corpus/T
#
# The working corpus grows in .build-fuzz/corpus/T (not committed); fuzz/corpus/T is the small committed
# seed set; crashes, leaks and timeouts go to fuzz/artifacts/T/ (ignored by git: turn each into a test).
set -uo pipefail
cd "$(dirname "$0")/.."

TARGETS=(FuzzTemplate FuzzPart FuzzRender FuzzZip FuzzXML FuzzData FuzzCSV FuzzXLSX)
SWIFT=${SWIFT:-swift}
SECONDS_EACH=${FUZZ_SECONDS:-60}
RUNS=${FUZZ_RUNS:--1}
SEED=${FUZZ_SEED:-0}   # 0: libFuzzer picks one; a fixed seed with FUZZ_RUNS makes a run repeatable (CI)
NICE=${FUZZ_NICE:-10}
BIN=.build-fuzz/release

# libFuzzer instruments Swift only with `-sanitize=fuzzer,address` in one flag (two separate flags keep only
# the last); `--sanitize=fuzzer` tells SwiftPM that libFuzzer supplies `main`; -DFUZZING drops the replay main.
build() {
    local t status=0
    for t in "${TARGETS[@]}"; do
        echo "== build $t"
        nice -n "$NICE" "$SWIFT" build -c release --scratch-path .build-fuzz --sanitize=fuzzer \
            -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=address -Xswiftc -DFUZZING --product "$t" 2>&1 \
            | grep -v "Cannot export local symbol" | grep -E "error|warning: |complete" || true
        [ -x "$BIN/$t" ] || { echo "build of $t failed"; status=1; }
    done
    return $status
}

dict() {  # the dictionary of a target
    local out=.build-fuzz/dict/$1.dict
    mkdir -p .build-fuzz/dict
    case $1 in
        FuzzTemplate) cat fuzz/dict/template.dict ;;
        FuzzPart|FuzzRender) cat fuzz/dict/xml.dict fuzz/dict/template.dict ;;
        FuzzXML) cat fuzz/dict/xml.dict ;;
        FuzzZip) cat fuzz/dict/zip.dict ;;
        FuzzXLSX) cat fuzz/dict/xlsx.dict fuzz/dict/zip.dict ;;
        FuzzData) cat fuzz/dict/data.dict ;;
        FuzzCSV) cat fuzz/dict/csv.dict ;;
    esac > "$out"
    echo "$out"
}

max_len() {
    case $1 in
        FuzzTemplate) echo 4096 ;;
        FuzzZip|FuzzXLSX) echo 65536 ;;
        FuzzCSV) echo 8192 ;;
        *) echo 16384 ;;
    esac
}

export SWIFT_BACKTRACE=enable=no   # the Swift backtracer would hold the pipe open after a crash
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=0}

run() {
    local t failed=() summary=()
    for t in "$@"; do
        [ -x "$BIN/$t" ] || { echo "no $BIN/$t: run '$0 build' first"; return 2; }
        mkdir -p ".build-fuzz/corpus/$t" "fuzz/artifacts/$t" "fuzz/corpus/$t" .build-fuzz/logs
        local log=.build-fuzz/logs/$t.log
        echo "== fuzz $t (${SECONDS_EACH}s, runs ${RUNS})"
        nice -n "$NICE" "$BIN/$t" -dict="$(dict "$t")" -max_len="$(max_len "$t")" -timeout=10 -rss_limit_mb=2048 \
            -max_total_time="$SECONDS_EACH" -runs="$RUNS" -seed="$SEED" -print_final_stats=1 -workers=1 \
            -artifact_prefix="fuzz/artifacts/$t/" ".build-fuzz/corpus/$t" "fuzz/corpus/$t" > "$log" 2>&1
        local rc=$?
        local execs rate cov ft
        execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | awk '{print $2}')
        rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | awk '{print $2}')
        cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | awk '{print $2}')
        ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | awk '{print $2}')
        local line
        line=$(printf '%-13s %10s execs %6s exec/s  cov %6s  ft %6s' "$t" "${execs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}")
        if [ $rc -ne 0 ]; then
            line="$line  FAILED (exit $rc, see $log)"
            failed+=("$t")
            grep -E "ERROR:|SUMMARY:|invariant|Fatal error|Test unit written" "$log" | head -5
        fi
        echo "$line"
        summary+=("$line")
    done
    echo "== summary"
    printf '%s\n' "${summary[@]}"
    [ ${#failed[@]} -eq 0 ]
}

merge() {
    local t
    for t in "$@"; do
        [ -x "$BIN/$t" ] || { echo "no $BIN/$t: run '$0 build' first"; return 2; }
        local new=.build-fuzz/merge/$t
        rm -rf "$new"
        mkdir -p "$new" ".build-fuzz/corpus/$t" "fuzz/corpus/$t"
        local extra=()
        [ -n "${SEEDS:-}" ] && [ -d "$SEEDS/$t" ] && extra+=("$SEEDS/$t")
        nice -n "$NICE" "$BIN/$t" -merge=1 -max_len="$(max_len "$t")" -timeout=10 "$new" "fuzz/corpus/$t" \
            ".build-fuzz/corpus/$t" "${extra[@]}" > ".build-fuzz/logs/$t.merge.log" 2>&1 || { echo "merge of $t failed"; return 1; }
        rm -rf "fuzz/corpus/$t"
        mv "$new" "fuzz/corpus/$t"
        echo "$t: $(ls "fuzz/corpus/$t" | wc -l) inputs, $(du -sb "fuzz/corpus/$t" | cut -f1) bytes"
    done
}

cmd=${1:-run}
shift || true
[ $# -eq 0 ] && set -- "${TARGETS[@]}"
mkdir -p .build-fuzz/logs
case $cmd in
    build) build ;;
    run) run "$@" ;;
    merge) merge "$@" ;;
    *) echo "usage: $0 build | run [TARGET…] | merge [TARGET…]"; exit 2 ;;
esac
