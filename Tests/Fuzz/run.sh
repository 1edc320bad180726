#!/usr/bin/env bash
# Builds the libFuzzer targets of the readers of outside input and runs each, one after another, for
# DURATION seconds (issue 9, "Hardening").
#
#   Tests/Fuzz/run.sh DURATION [TARGET...]     TARGET: plan rates page roster signin (default: all)
#
# Targets are SwiftPM executables declared only when PLANNER_FUZZ=1 (see the end of Package.swift),
# built in release with libFuzzer and AddressSanitizer (flags below) into .build-fuzz (override with
# PLANNER_FUZZ_SCRATCH). Each fuzz input's first byte is a mode (as is, converted to CP949, with a BOM,
# with CRLF; see each target's source), so seeds carry a mode byte in front of the file's bytes.
#
# Working state lives in .build-fuzz-work/TARGET/ (override with PLANNER_FUZZ_WORK; ignored by git):
#   corpus/     what libFuzzer found, kept between runs;
#   seeds/      rebuilt on every run from Tests/Fuzz/corpus/TARGET/ and the package's sample files;
#   artifacts/  crash-*, timeout-*, oom-* reproducers;  log.txt  the last run's output.
# Reproduce one:  .build-fuzz/release/FuzzPlan .build-fuzz-work/plan/artifacts/crash-…
#
# Exits 0 when every target ran clean, 1 when any found a crash, timeout or out-of-memory, 2 when the
# build failed.
set -u -o pipefail

if [[ $# -lt 1 || ! $1 =~ ^[0-9]+$ ]]; then
    echo "usage: $0 DURATION_SECONDS [plan|rates|page|roster|signin ...]" >&2
    exit 64
fi
duration=$1
shift
targets=("$@")
[[ ${#targets[@]} -eq 0 ]] && targets=(plan rates page roster signin)

root=$(cd "$(dirname "$0")/../.." && pwd)
scratch=${PLANNER_FUZZ_SCRATCH:-$root/.build-fuzz}
work=${PLANNER_FUZZ_WORK:-$root/.build-fuzz-work}

product() {
    case $1 in
        plan) echo FuzzPlan ;; rates) echo FuzzRates ;; page) echo FuzzPage ;;
        roster) echo FuzzRoster ;; signin) echo FuzzSignIn ;;
        *) echo "unknown target: $1 (plan, rates, page, roster, signin)" >&2; return 1 ;;
    esac
}

# The package's sample files of each target, and the mode bytes they are seeded with: 00 passes the
# file as is; 01 converts it to CP949 for the targets that have that mode (rates: decodes as CP949).
samples() {
    case $1 in
        plan) ls "$root"/Events/*.yaml | grep -v '/rates.yaml$' ;;
        rates) echo "$root/Events/rates.yaml" ;;
        page) ls "$root"/Tests/PlanFilesTests/Pages/*.txt ;;
        roster) echo "$root/Events/rosters/social-city-committee-2017.csv" ;;
        signin) echo "$root/Events/rosters/social-city-committee-2017-sign-in.csv" ;;
    esac
}
sample_modes() { [[ $1 == rates ]] && echo 00 || echo "00 01"; }

for target in "${targets[@]}"; do product "$target" >/dev/null || exit 64; done

# SwiftPM's `--sanitize=fuzzer --sanitize=address` instruments the C targets (libyaml), links libFuzzer
# and compiles each target's single file as a library, so that libFuzzer's `main` is the one that runs.
# But it hands swiftc two `-sanitize=` flags, of which swiftc keeps only the last: Swift code would get
# no coverage. The `-Xswiftc -sanitize=fuzzer,address` after them, one flag, is the one kept.
sanitize=(--sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer,address)

# Build. The first build compiles every module with the sanitizers (about 2 minutes here); later
# products reuse them.
build_start=$(date +%s)
for target in "${targets[@]}"; do
    name=$(product "$target")
    echo "== building $name"
    mkdir -p "$work"
    # Other work in the checkout may touch a source during the build: SwiftPM then stops; try again.
    for attempt in 1 2 3; do
        PLANNER_FUZZ=1 swift build -c release --scratch-path "$scratch" "${sanitize[@]}" --product "$name" > "$work/build.log" 2>&1
        status=$?
        grep -q 'was modified during the build' "$work/build.log" || break
        echo "   (a source changed during the build; again)"
    done
    grep -Ev '^\[[0-9]+/[0-9]+\]|Cannot export local symbol|^$' "$work/build.log"
    if [[ $status -ne 0 || ! -x $scratch/release/$name ]]; then
        echo "error: building $name failed (exit $status; $work/build.log)" >&2
        exit 2
    fi
done
echo "== built in $(( $(date +%s) - build_start )) s"

# SWIFT_BACKTRACE: the Swift backtracer can hang on a crash under the fuzzer.
# detect_leaks=0: the Swift runtime and Foundation keep caches that LeakSanitizer reports as leaks.
# malloc_context_size=0: recording a stack for every allocation took a third of the page target's
# time; to see where a reported block was allocated, run the reproducer with ASAN_OPTIONS unset.
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:handle_abort=1:malloc_context_size=0}
export PLANNER_ROOT=$root

failed=()
summary=()
for target in "${targets[@]}"; do
    name=$(product "$target")
    dir=$work/$target
    mkdir -p "$dir/corpus" "$dir/artifacts"
    rm -rf "$dir/seeds"
    mkdir -p "$dir/seeds"
    cp "$root/Tests/Fuzz/corpus/$target/"* "$dir/seeds/" 2>/dev/null
    for file in $(samples "$target"); do
        for mode in $(sample_modes "$target"); do
            { printf "\\x$mode"; head -c 65535 "$file"; } > "$dir/seeds/$mode-$(basename "$file")"
        done
    done
    before=$(ls "$dir/artifacts" | sort)
    echo "== fuzzing $name for $duration s (corpus $dir/corpus)"
    "$scratch/release/$name" "$dir/corpus" "$dir/seeds" \
        -max_total_time="$duration" -max_len=65536 -rss_limit_mb=2048 -timeout=10 \
        -use_value_profile=1 -dict="$root/Tests/Fuzz/dict/$target.dict" \
        -artifact_prefix="$dir/artifacts/" -print_final_stats=1 -print_funcs=0 \
        > "$dir/log.txt" 2>&1
    status=$?
    runs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$dir/log.txt" | tail -1 | awk '{print $2}')
    secs=$(grep -o 'Done [0-9]* runs in [0-9]* second' "$dir/log.txt" | tail -1 | awk '{print $5}')
    rss=$(grep -Eo 'stat::peak_rss_mb: +[0-9]+' "$dir/log.txt" | tail -1 | awk '{print $2}')
    cov=$(grep -Eo 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+' "$dir/log.txt" | tail -1)
    line="$target: ${runs:-?} executions in ${secs:-?} s, peak RSS ${rss:-?} MB, $cov, exit $status"
    new=$(comm -13 <(echo "$before") <(ls "$dir/artifacts" | sort) | grep -v '^$')
    if [[ $status -ne 0 || -n $new ]]; then
        failed+=("$target")
        line="$line  FAILED"
        echo "$line"
        grep -E '^==[0-9]+==ERROR|SUMMARY|ALARM|out-of-memory|deadly signal|Fatal error|Test unit written' "$dir/log.txt" | head -10
        for artifact in $new; do
            echo "   reproducer: $dir/artifacts/$artifact"
            echo "   reproduce:  SWIFT_BACKTRACE=enable=yes,interactive=no PLANNER_ROOT=$root $scratch/release/$name $dir/artifacts/$artifact"
        done
        echo "   log: $dir/log.txt"
    else
        echo "$line"
    fi
    summary+=("$line")
done

echo "== summary"
printf '%s\n' "${summary[@]}"
if [[ ${#failed[@]} -gt 0 ]]; then
    echo "FAILED: ${failed[*]}" >&2
    exit 1
fi
