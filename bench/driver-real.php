<?php
/**
 * The real-stack rows of the table (required by bench/driver.php, in its scope): the ORIGINAL
 * beyod\StreamClient (beyod's PHP, from the unmodified archive, PHP without the extension) and
 * the extension, each in a real yii\console\Application whose Yii::$app->eventLooper is the
 * tests' stream_select EventLooper (php-tests/inc/SelectLooper.php), the same looper and
 * loop() for both; the extension joins it at connect() by itself. Scripts: bench/php/real-*.php.
 */

/**
 * Runs one real-stack script for each implementation, $RUNS times in rotating order; checks
 * every result's count (and last value) on top of the script's own checks. $impls: name =>
 * [impl, extra args, cpu]. Returns name => list of results (null for a failed run).
 */
function real_runs(string $script, array $impls, array $args, callable $check, float $timeout = 120): array
{
    global $RUNS, $failures;
    $out = array_fill_keys(array_keys($impls), []);
    for ($r = 0; $r < $RUNS; $r++) {
        foreach (order($out, $r) as $name) {
            [$impl, $extra, $cpu] = $impls[$name] + [1 => [], 2 => CPU_CLIENT];
            $res = php_run($script, $impl, $extra + $args, $timeout, $cpu);
            if ($res !== null && ($why = $check($res)) !== null) {
                $tag = "$script/$name" . (($args['looper'] ?? null) === 'event' ? '@event' : '');
                $failures[] = "$tag: $why";
                fwrite(STDERR, "  FAILED $tag: $why\n");
                $res = null;
            }
            $out[$name][] = $res;
        }
    }
    return $out;
}

/** Median of one figure over the runs of each implementation. */
function real_median(array $runs, string $key): array
{
    return array_map(fn ($rs) => median(array_map(fn ($x) => $x[$key] ?? null, $rs)), $runs);
}

/** A check for real_runs(): the count and the last value the script reports. */
function expect_count(int $n, ?string $last = null): callable
{
    return function (array $res) use ($n, $last): ?string {
        if (($res['count'] ?? null) !== $n) {
            return 'count ' . json_encode($res['count'] ?? null) . ", expected $n";
        }
        if ($last !== null && ($res['last'] ?? null) !== $last) {
            return 'last ' . json_encode($res['last'] ?? null) . ', expected ' . json_encode($last);
        }
        return null;
    };
}

if (wanted_real('real-lines')) {
    $n = $SIZE['real_lines'];
    progress("R1. real stack: pipelined lines, $n messages × $RUNS runs");
    $srv = rust_server('echo');
    $runs = real_runs('real-lines', ['native' => ['native'], 'original' => ['original']],
        ['port' => $srv->first[0], 'n' => $n], expect_count($n, 'line ' . ($n - 1)));
    $srv->stop();
    $m = real_median($runs, 'rate');
    $r1 = ratio($m['native'], $m['original']);
    $rows[] = ["R1. real stack: $n lines pipelined, beyod\\protocol\\text\\Parser, one onMessage handler (msgs/s)",
        fmt_rate($m['native'], 'msg/s'), 'original ' . fmt_rate($m['original'], 'msg/s'),
        fmt_ratio($r1, 'original'), '≥8× original', met([[$r1, '>=', 8]])];
}

if (wanted_real('real-pingpong')) {
    $n = $SIZE['real_pingpong'];
    progress("R2. real stack: ping-pong, $n round trips × $RUNS runs");
    // Client and echo server on one core, as in row 1 (see README: pinning).
    $srv = rust_server('echo', [], CPU_CLIENT);
    // 'looper': a raw socket in the same looper, no client class: the floor of any client the
    // application's looper drives (for information: what the looper alone leaves of the goal).
    $runs = real_runs('real-pingpong', ['native' => ['native'], 'original' => ['original'], 'raw' => ['raw'],
        'looper' => ['looper']], ['port' => $srv->first[0], 'n' => $n], expect_count($n, 'ping ' . ($n - 1)));
    $srv->stop();
    $m = real_median($runs, 'rate');
    $r1 = ratio($m['native'], $m['raw']);
    $r2 = ratio($m['native'], $m['original']);
    $r3 = ratio($m['native'], $m['looper']);
    $r4 = ratio($m['looper'], $m['raw']);
    $rows[] = ["R2. real stack: ping-pong, beyod\\protocol\\text\\Parser, $n round trips (round trips/s)",
        fmt_rate($m['native'], 'rt/s'),
        'raw blocking PHP socket ' . fmt_rate($m['raw'], 'rt/s') . '<br>original ' . fmt_rate($m['original'], 'rt/s')
        . '<br>(a raw socket in the same looper, no client: ' . fmt_rate($m['looper'], 'rt/s') . ')',
        fmt_ratio($r1, 'raw socket') . '<br>' . fmt_ratio($r2, 'original') . '<br>(' . fmt_ratio($r3, 'the looper alone')
        . '; the looper alone: ' . fmt_ratio($r4, 'raw socket') . ')',
        '≥0.95× raw socket', met([[$r1, '>=', 0.95]])];
}

if (wanted_real('real-redis') || wanted_real('real-redis-pingpong')) {
    $redis = new Redis_Server();
    if (wanted_real('real-redis')) {
        $n = $SIZE['real_redis'];
        progress("R3. real stack: beyod redis Client, $n SETs pipelined × $RUNS runs");
        // 'floor': beyod's __call() → Request and the script's onMessage handler alone, no client
        // under them (send() a counter, the handler called directly): the floor of any client of
        // beyod's redis Client, for information (what is left when the client costs nothing).
        $runs = real_runs('real-redis', ['native' => ['native'], 'original' => ['original'], 'phpredis' => ['phpredis'],
            'floor' => ['floor']],
            ['mode' => 'set', 'port' => $redis->port, 'n' => $n], expect_count($n, 'value:' . ($n - 1)));
        $m = real_median($runs, 'rate');
        $r1 = ratio($m['native'], $m['phpredis']);
        $r2 = ratio($m['native'], $m['original']);
        $r3 = ratio($m['native'], $m['floor']);
        $r4 = ratio($m['floor'], $m['phpredis']);
        $rows[] = ["R3. real stack: $n Redis SET pipelined through beyod\\protocol\\redis\\Client (__call → Request, Response) (ops/s)",
            fmt_rate($m['native'], 'ops/s'),
            'phpredis pipeline ' . fmt_rate($m['phpredis'], 'ops/s') . '<br>original ' . fmt_rate($m['original'], 'ops/s')
            . '<br>(beyod\'s and the script\'s PHP alone, no client: ' . fmt_rate($m['floor'], 'ops/s') . ')',
            fmt_ratio($r1, 'phpredis') . '<br>' . fmt_ratio($r2, 'original') . '<br>(' . fmt_ratio($r3, 'the PHP alone')
            . '; the PHP alone: ' . fmt_ratio($r4, 'phpredis') . ')', '≥0.8× phpredis, ≥4× original',
            met([[$r1, '>=', 0.8], [$r2, '>=', 4]])];
    }
    if (wanted_real('real-redis-pingpong')) {
        $n = $SIZE['real_redis_pp'];
        progress("R4. real stack: beyod redis Client, $n GETs one at a time × $RUNS runs");
        // Client and redis-server on one core (redis-server is pinned to CPU_SERVER), as ping-pong.
        $same = CPU_SERVER;
        $runs = real_runs('real-redis', ['native' => ['native', [], $same], 'original' => ['original', [], $same],
            'phpredis' => ['phpredis', [], $same]],
            ['mode' => 'get', 'port' => $redis->port, 'n' => $n], expect_count($n, 'v:' . (($n - 1) % 100)));
        $m = real_median($runs, 'rate');
        $r1 = ratio($m['native'], $m['original']);
        $r2 = ratio($m['native'], $m['phpredis']);
        $rows[] = ["R4. real stack: $n Redis GET one at a time (ping-pong) through beyod\\protocol\\redis\\Client (round trips/s)",
            fmt_rate($m['native'], 'rt/s'),
            'original ' . fmt_rate($m['original'], 'rt/s') . '<br>(phpredis blocking get() ' . fmt_rate($m['phpredis'], 'rt/s') . ')',
            fmt_ratio($r1, 'original') . '<br>(' . fmt_ratio($r2, 'phpredis') . ')', 'none set (for information)', '—'];
    }
    $redis->stop();
}

if (wanted_real('real-idle')) {
    // stream_select() (the looper the original runs on without the event PECL extension) cannot
    // watch descriptors >= 1024: N stays below that.
    $n = $SIZE['real_idle'];
    progress("R5. real stack: $n idle connections × $RUNS runs");
    $runs = array_fill_keys(['native', 'original'], []);
    for ($r = 0; $r < $RUNS; $r++) {
        foreach (order($runs, $r) as $impl) {
            $srv = rust_server('echo');
            $res = php_run('real-idle', $impl, ['port' => $srv->first[0], 'n' => $n], 120);
            if ($res !== null && ($why = expect_count($n)($res)) !== null) {
                $failures[] = "real-idle/$impl: $why";
                fwrite(STDERR, "  FAILED real-idle/$impl: $why\n");
                $res = null;
            }
            $runs[$impl][] = $res;
            $srv->stop();
        }
    }
    $m = real_median($runs, 'rss_per_conn');
    $h = real_median($runs, 'heap_per_conn');
    $t = real_median($runs, 'seconds');
    $r1 = ratio($m['native'], $m['original']);
    $r2 = ratio($h['native'], $h['original']);
    $fb = fn ($b) => $b === null ? 'FAILED' : sprintf('%.2f KiB', $b / 1024);
    $ft = fn ($s) => $s === null ? 'FAILED' : sprintf('%.0f ms', $s * 1000);
    $rows[] = ["R5. real stack: $n idle connections (stream_select looper: < 1024 descriptors): RSS per connection (PHP heap part); time to connect all",
        $fb($m['native']) . ' (' . $fb($h['native']) . ')<br>' . $ft($t['native']),
        'original ' . $fb($m['original']) . ' (' . $fb($h['original']) . ')<br>original ' . $ft($t['original']),
        fmt_ratio($r1, 'original RSS') . '<br>(' . fmt_ratio($r2, 'original heap') . ')<br>' . fmt_ratio(ratio($t['native'], $t['original']), 'original time'),
        '≤0.25× original (RSS per connection)', met([[$r1, '<=', 0.25]])];
}

if (wanted_real('real-callgrind')) {
    [$lo, $hi] = [$SIZE['real_cg_lo'], $SIZE['real_cg_hi']];
    progress("R6. real stack: pipelined lines under callgrind, ($hi − $lo) messages × {$SIZE['cg_runs']} runs");
    $srv = rust_server('echo');
    $per = ['native' => [], 'original' => []];
    for ($r = 0; $r < $SIZE['cg_runs']; $r++) {
        foreach (order($per, $r) as $impl) {
            $ir = [];
            foreach ([$lo, $hi] as $n) {
                $file = BENCH . "/out/callgrind.real-lines.$impl.$n.out";
                $res = php_run('real-lines', $impl, ['port' => $srv->first[0], 'n' => $n], 300, CPU_CLIENT,
                    ['valgrind', '--tool=callgrind', '--quiet', "--callgrind-out-file=$file"]);
                if ($res !== null && ($why = expect_count($n, 'line ' . ($n - 1))($res)) !== null) {
                    $failures[] = "real-lines(callgrind)/$impl: $why";
                    fwrite(STDERR, "  FAILED real-lines(callgrind)/$impl: $why\n");
                    $res = null;
                }
                $ir[$n] = null;
                if ($res !== null && preg_match('/^totals:\s*(\d+)/m', (string) @file_get_contents($file), $mm)) {
                    $ir[$n] = (int) $mm[1];
                }
            }
            // The difference between two lengths cancels start-up (Yii, beyod) and shutdown.
            $per[$impl][] = ($ir[$lo] !== null && $ir[$hi] !== null) ? ($ir[$hi] - $ir[$lo]) / ($hi - $lo) : null;
        }
    }
    $srv->stop();
    $m = array_map('median', $per);
    $r1 = ratio($m['native'], $m['original']);
    $fi = fn ($x) => $x === null ? 'FAILED' : sprintf('%s instr/msg', number_format($x));
    $rows[] = ["R6. real stack: pipelined lines (as R1) under callgrind, instructions per message, client process (($hi − $lo) messages)",
        $fi($m['native']), 'original ' . $fi($m['original']), fmt_ratio($r1, 'original'), '≤0.125× original',
        met([[$r1, '<=', 1 / 8]])];
}
