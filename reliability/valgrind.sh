#!/usr/bin/env bash
# The valgrind item: the .phpt suite under valgrind memcheck (run-tests.php -m: USE_ZEND_ALLOC=0,
# --leak-check=full), on a copy of php-tests/ in a temp dir (the suite's folder is not written to).
#   valgrind.sh subset   (quick: the tests below, the ones that exercise lifetimes)
#   valgrind.sh all      (long: every test)
# Suppressions: reliability/valgrind.supp (each entry carries its reason); run-tests.php -m has no
# option for a suppression file, so it is passed through VALGRIND_OPTS.
# PCRE's JIT is turned off (-d pcre.jit=0): its generated code (frames "???") makes valgrind
# report "conditional jump depends on uninitialised value(s)" that are not ours; that is the
# reason php-src's own CI runs valgrind with pcre.jit=0 too.
# A test that passes without valgrind but times out under it (~20x slower) is reported as
# "slow under valgrind" (not a memory error); a test with a .mem file (leak or invalid access) fails.
set -u
cd "$(dirname "$0")/.."
ROOT=$PWD
EXT=${REL_EXT:-$ROOT/target/release/libbeyod_streamclient.so}
WHICH=${1:-subset}
shift || true
command -v valgrind >/dev/null || { echo "not ok - valgrind is not installed (apt-get install valgrind)"; exit 1; }
RT=$(ls /usr/lib/php/*/build/run-tests.php 2>/dev/null | head -1)
[ -n "$RT" ] || { echo "not ok - run-tests.php not found (php-dev)"; exit 1; }
W=$(mktemp -d /tmp/rel-valgrind-XXXXXX)
trap '[ -n "${KEEP_W:-}" ] || rm -rf "$W"' EXIT
cp -r php-tests "$W/"
# what tests load from beside php-tests/: the real beyod + Yii sources (.vendor, for the
# real-code tests), the examples' RespParser (scenarios/redis.php), the stubs (api/)
for d in .vendor examples stubs; do [ -e "$d" ] && ln -s "$ROOT/$d" "$W/$d"; done
find "$W/php-tests" -mindepth 2 \( -name '*.diff' -o -name '*.exp' -o -name '*.log' -o -name '*.out' -o -name '*.sh' -o -name '*.mem' \) -delete
# a test by name (the tests live in one folder per area: php-tests/<area>/<name>.phpt)
test_path() { find "$W/php-tests" -name "$1.phpt" | head -1; }
SUBSET=(
    self-referencing-handlers-collected-by-gc
    closed-unreferenced-client-is-destroyed
    unreferenced-connecting-client-stays-alive
    close-while-connecting-cancels-the-connect
    close-inside-onMessage-stops-further-messages
    handler-exception-propagates-and-client-keeps-working
    handler-reentrancy-is-safe
    nested-tick-inside-handler-is-safe
    connect-close-cycles-do-not-grow-memory
    reconnect-after-connect-failed
    native-redis-parser-resp2-resp3
    native-line-parser-max-packet-size
    native-length-parser
    parser-input-throwing-gives-onBadPacket
    buffer-full-refuses-newest-message
    tls-echo-without-verification
    pipe-forwards-both-ways-without-onMessage
    fork-child-gets-its-own-reactor
    fork-child-leaves-the-parents-connections-alone
    udp-prepare-send-receive
    attributes
    send-from-handlers-is-batched-per-step
    message-handler-list-changes-apply-to-the-next-message
    reused-message-event-survives-handlers-that-tamper-with-it
    pipe-backpressure-delivers-everything
    gc-scan-builds-no-property-table-per-client
    real-redis-client-call-request-response-match-the-original
    real-beyod-text-and-frame-parsers-random-splits-match-the-original
    real-instance-handlers-random-calls-match-the-original
    behaviors-attach-reach-and-detach.real
    behaviors-holding-their-owner-are-collected-by-gc
    getstats-timings-kept-after-peer-close
    component-on-off-trigger-wildcards-handled
    send-short-entry-buffer-full-throw-and-exit.real
    real-redis-responses-let-go-match-the-original
    # hostile PHP (issue 22): destructors re-entering the client, parser callbacks that close
    destructor-re-enters-setAttribute
    destructor-re-enters-on-off
    destructor-re-enters-attachBehavior
    destructor-re-enters-connections
    loop-cancel-destructor-uses-client
    parser-input-closes-replaces-sends
    magic-and-method-entries-hold-no-reference
    # the direct read under the application's looper (issue 23): no epoll_wait, writability
    # taken off and asked for again
    real-looper-direct-read-sees-peer-close-timers-and-big-replies
)
if [ "$WHICH" = all ]; then
    mapfile -t TESTS < <(find "$W/php-tests" -name '*.phpt' | sort)
elif [ "$WHICH" = only ]; then
    TESTS=()
    for t in "$@"; do
        p=$(test_path "$t")
        # a name that matches no test is a failure, not a test that passes by not running
        [ -n "$p" ] && TESTS+=("$p") || echo "not ok - $t: no such test in php-tests/"
    done
else
    TESTS=()
    for t in "${SUBSET[@]}"; do p=$(test_path "$t"); [ -n "$p" ] && TESTS+=("$p"); done
fi
echo "# ${#TESTS[@]} tests under valgrind memcheck ($WHICH), USE_ZEND_ALLOC=0"
# run-tests.php -m traces children: the loopback servers a test starts (plain PHP, with PCRE's
# JIT on) would be checked too and their reports mixed into the test's. Only the test process
# runs our extension: skip the children.
export VALGRIND_OPTS="--suppressions=$ROOT/reliability/valgrind.supp --num-callers=30 --trace-children-skip=*php*,*/sh,*/bash,*openssl*,*redis-server*"
export TEST_PHP_ARGS="-d extension=$EXT -d pcre.jit=0"
# under valgrind every test is ~20x slower: give the tests' own alarms room
export REL_VALGRIND=1
nice php "$RT" -q -m -j2 -p "$(command -v php)" -d extension="$EXT" -d display_startup_errors=0 -d pcre.jit=0 -d opcache.enable_cli=0 \
    "${TESTS[@]}" > "$W/result.txt" 2>&1
grep -E '^(PASS|FAIL|LEAK|SKIP|BORK|WARN)|Tests (passed|failed|leaked|skipped)' "$W/result.txt" | sed 's/^/# /' | cut -c1-200
for t in "${TESTS[@]}"; do
    b=${t%.phpt}
    n=$(basename "$b")
    if ! grep -qF "[$t]" "$W/result.txt"; then
        echo "not ok - $n: did not run (run-tests.php reported no result for it)"
        tail -5 "$W/result.txt" | sed 's/^/#   /'
    elif [ -s "$b.mem" ]; then
        echo "not ok - $n: valgrind reports errors:"
        head -60 "$b.mem" | sed 's/^/#   /'
        mkdir -p reliability/out/valgrind && cp "$b.mem" reliability/out/valgrind/
    elif [ -f "$b.diff" ] && grep -q "TIMEOUT\|Maximum execution time\|Alarm clock\|Termsig=14" "$b.out" "$b.diff" 2>/dev/null; then
        # (run-tests -q prints no per-test FAIL line: a failed test is one with a .diff)
        echo "ok - $n: no memory error (the test itself times out under valgrind: slow, not a memory error)"
    elif [ -f "$b.diff" ] && ! grep '^[0-9]*+ ' "$b.diff" | grep -qv 'RSS growth'; then
        echo "ok - $n: no memory error (only its RSS check differs: under memcheck the RSS is valgrind's)"
    elif [ -f "$b.diff" ]; then
        echo "not ok - $n: fails under valgrind without a .mem report:"
        head -20 "$b.diff" 2>/dev/null | sed 's/^/#   /'
    elif grep -q "^SKIP.*\[$t\]" "$W/result.txt"; then
        echo "# skip $n"
    else
        echo "ok - $n: no invalid access, no leak under valgrind memcheck"
    fi
done
