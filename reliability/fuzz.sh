#!/usr/bin/env bash
# The fuzz item of reliability/run: builds fuzz/ (a separate cargo project), runs the fixed
# hostile inputs, the randomized fuzzer for $1 seconds, and the RESP attribute-chain check in a
# child process (a stack overflow aborts the process that has it).
set -u
cd "$(dirname "$0")/../fuzz"
S=${1:-60}
if ! nice cargo build --release >build.log 2>&1; then
    tail -20 build.log; echo "not ok - fuzz/ builds"; exit 1
fi
echo "ok - fuzz/ builds (stable Rust, no dependency but the main crate with default-features = false)"
BIN=target/release/beyod_fuzz
$BIN --hostile > hostile.out 2>&1
rc=$?
sed 's/^/# /' hostile.out
[ $rc -eq 0 ] && echo "ok - hostile headers (2 GB length prefix, *2000000000, 8 MiB line…) refused quickly, nothing allocated ahead" || echo "not ok - hostile headers (see above)"
nice $BIN --seconds "$S" > random.out 2>&1
rc=$?
sed 's/^/# /' random.out | grep -v '^# KNOWN BUG'
[ $rc -eq 0 ] && echo "ok - randomized fuzzing for ${S} s: no panic, bounded allocation, split invariance ($(grep -o '[0-9]* executions' random.out))" || echo "not ok - randomized fuzzing found failures (inputs in fuzz/crashes/)"
for id in line-partial-delimiter-counts-toward-max proxy-percent-decode-slices-inside-a-utf8-char; do
    ex=$(grep "^KNOWN BUG $id:" random.out | head -1 | cut -c1-400)
    if [ -n "$ex" ]; then
        ex=${ex#KNOWN BUG $id: }; echo "known - $id: ${ex/ (not counted as failures: --known-bugs check to fail on them)/}"
    else
        echo "ok - $id: no input reproduced it in this run"
    fi
done
timeout 20 $BIN --attr-chain 100000 > attr.out 2>&1
rc=$?
if [ $rc -eq 0 ]; then
    echo "ok - RESP \"|0\\r\\n\" × 100,000 (attribute chain) frames without exhausting the stack: $(cat attr.out)"
else
    echo "known - resp-attribute-chain-stack-overflow: RESP \"|0\\r\\n\" × 100,000 (400 kB, below the 8 MiB max_packet_size) kills the process (exit $rc: $(tr '\n' ' ' < attr.out | cut -c1-120))"
fi
