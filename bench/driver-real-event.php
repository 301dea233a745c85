<?php
/**
 * The real-stack rows under beyod's own looper, beyod\event\Event (libevent, through the `event`
 * PECL extension that scripts/event-ext builds into .event/), the loop beyod applications run in
 * production (required by bench/driver.php, in its scope, after driver-real.php). The same
 * scripts as R1–R4 (bench/php/real-*.php) with looper=event: php-tests/inc/LibeventLooper.php
 * (beyod's class, with once()/stop() added for the tests and this bench) becomes
 * Yii::$app->eventLooper, and the driver loads event.so into every child PHP of these rows.
 * Rows: R1e pipelined lines, R2e ping-pong, R3e redis SET pipelined, R4e redis GET ping-pong,
 * R7 / R7e connect/send/echo/close cycles (stream_select / libevent), R8 system calls per
 * ping-pong round trip under both loopers (strace), R9e the cost of one epoll_wait(…, 0), R10e
 * ping-pong under callgrind (instructions per round trip, the native reactor's poll in them).
 */

$eventSkipped = [];

/** An R*e row: wanted, the real sources are there, and event.so is built (else noted). */
function wanted_event(string $w): bool
{
    global $EVENT_MISSING, $eventSkipped;
    if (!wanted_real($w)) {
        return false;
    }
    if ($EVENT_MISSING !== null) {
        $eventSkipped[] = $w;
        return false;
    }
    return true;
}

/**
 * A cell: the median of one implementation's figure, and, when some of its runs failed (a
 * crash under libevent, wrong data, the time limit), how many and the first reason.
 */
function event_cell(array $runs, string $impl, ?float $median, string $unit, string $script, string $looper): string
{
    global $failures;
    $s = fmt_rate($median, $unit);
    $failed = count(array_filter($runs[$impl], fn ($x) => $x === null));
    if ($failed > 0) {
        $tag = "$script/$impl" . ($looper === 'event' ? '@event' : '');
        $why = '';
        foreach ($failures as $f) {
            if (strncmp($f, "$tag: ", strlen($tag) + 2) === 0) {
                $why = substr($f, strlen($tag) + 2);
                break;
            }
        }
        $s .= sprintf(' (%d of %d runs FAILED: %s)', $failed, count($runs[$impl]),
            str_replace('|', '\|', htmlspecialchars(substr($why, 0, 160))));
    }
    return $s;
}

/** Per-run ratios a/b of one figure (runs paired by index: the same round of the rotation). */
function per_run_ratios(array $runs, string $a, string $b, string $key = 'rate'): array
{
    $out = [];
    foreach ($runs[$a] as $i => $ra) {
        $rb = $runs[$b][$i] ?? null;
        $out[] = ($ra === null || $rb === null || empty($rb[$key])) ? null : $ra[$key] / $rb[$key];
    }
    return $out;
}

function fmt_per_run(array $ratios): string
{
    return 'per run: ' . implode(', ', array_map(fn ($r) => $r === null ? 'failed' : sprintf('%.2f', $r), $ratios));
}

/** Medians of R2e (round trips per second), for R9e. */
$pingpongEvent = null;

if (wanted_event('real-event-lines')) {
    $n = $SIZE['real_lines'];
    progress("R1e. real stack, beyod\\event\\Event: pipelined lines, $n messages × $RUNS runs");
    $srv = rust_server('echo');
    $runs = real_runs('real-lines', ['native' => ['native'], 'original' => ['original']],
        ['port' => $srv->first[0], 'n' => $n, 'looper' => 'event'], expect_count($n, 'line ' . ($n - 1)));
    $srv->stop();
    $m = real_median($runs, 'rate');
    $r1 = ratio($m['native'], $m['original']);
    $rows[] = ["R1e. real stack under beyod\\event\\Event (libevent): $n lines pipelined, beyod\\protocol\\text\\Parser, one onMessage handler (msgs/s)",
        event_cell($runs, 'native', $m['native'], 'msg/s', 'real-lines', 'event'),
        'original ' . event_cell($runs, 'original', $m['original'], 'msg/s', 'real-lines', 'event'),
        fmt_ratio($r1, 'original') . '<br>(' . fmt_per_run(per_run_ratios($runs, 'native', 'original')) . ')',
        '≥8× original (as R1)', met([[$r1, '>=', 8]])];
}

if (wanted_event('real-event-pingpong')) {
    $n = $SIZE['real_pingpong'];
    progress("R2e. real stack, beyod\\event\\Event: ping-pong, $n round trips × $RUNS runs");
    // Client and echo server on one core, as R2 and row 1 (see README: pinning).
    $srv = rust_server('echo', [], CPU_CLIENT);
    $runs = real_runs('real-pingpong', ['native' => ['native'], 'original' => ['original'], 'raw' => ['raw'],
        'looper' => ['looper']], ['port' => $srv->first[0], 'n' => $n, 'looper' => 'event'], expect_count($n, 'ping ' . ($n - 1)));
    $srv->stop();
    $m = real_median($runs, 'rate');
    $pingpongEvent = $m;
    $perRun = per_run_ratios($runs, 'native', 'original');
    $r1 = ratio($m['native'], $m['original']);
    $r2 = ratio($m['native'], $m['raw']);
    $r3 = ratio($m['native'], $m['looper']);
    $everyRun = array_reduce($perRun, fn ($c, $r) => $c === null || $r === null ? null : min($c, $r), INF);
    $rows[] = ["R2e. real stack under beyod\\event\\Event (libevent): ping-pong, beyod\\protocol\\text\\Parser, $n round trips (round trips/s)",
        event_cell($runs, 'native', $m['native'], 'rt/s', 'real-pingpong', 'event'),
        'original ' . event_cell($runs, 'original', $m['original'], 'rt/s', 'real-pingpong', 'event')
        . '<br>raw blocking PHP socket ' . fmt_rate($m['raw'], 'rt/s')
        . '<br>(a raw socket in the same looper, no client: ' . fmt_rate($m['looper'], 'rt/s') . ')',
        fmt_ratio($r1, 'original') . '<br>(' . fmt_per_run($perRun) . ')<br>' . fmt_ratio($r2, 'raw socket')
        . '<br>(' . fmt_ratio($r3, 'the looper alone') . ')',
        '≥1× original in every run', $everyRun === null ? 'n/a (failed)' : ($everyRun >= 1 ? 'yes' : 'NO')];
}

if (wanted_event('real-event-redis') || wanted_event('real-event-redis-pingpong')) {
    $redis = new Redis_Server();
    if (wanted_event('real-event-redis')) {
        $n = $SIZE['real_redis'];
        progress("R3e. real stack, beyod\\event\\Event: beyod redis Client, $n SETs pipelined × $RUNS runs");
        $runs = real_runs('real-redis', ['native' => ['native'], 'original' => ['original'], 'phpredis' => ['phpredis']],
            ['mode' => 'set', 'port' => $redis->port, 'n' => $n, 'looper' => 'event'], expect_count($n, 'value:' . ($n - 1)));
        $m = real_median($runs, 'rate');
        $r1 = ratio($m['native'], $m['original']);
        $r2 = ratio($m['native'], $m['phpredis']);
        $rows[] = ["R3e. real stack under beyod\\event\\Event (libevent): $n Redis SET pipelined through beyod\\protocol\\redis\\Client (ops/s)",
            event_cell($runs, 'native', $m['native'], 'ops/s', 'real-redis', 'event'),
            'original ' . event_cell($runs, 'original', $m['original'], 'ops/s', 'real-redis', 'event')
            . '<br>(phpredis pipeline ' . fmt_rate($m['phpredis'], 'ops/s') . ')',
            fmt_ratio($r1, 'original') . '<br>(' . fmt_per_run(per_run_ratios($runs, 'native', 'original')) . ')<br>('
            . fmt_ratio($r2, 'phpredis') . ')', '≥4× original (as R3)', met([[$r1, '>=', 4]])];
    }
    if (wanted_event('real-event-redis-pingpong')) {
        $n = $SIZE['real_redis_pp'];
        progress("R4e. real stack, beyod\\event\\Event: beyod redis Client, $n GETs one at a time × $RUNS runs");
        $same = CPU_SERVER;   // client and redis-server on one core, as R4
        $runs = real_runs('real-redis', ['native' => ['native', [], $same], 'original' => ['original', [], $same]],
            ['mode' => 'get', 'port' => $redis->port, 'n' => $n, 'looper' => 'event'], expect_count($n, 'v:' . (($n - 1) % 100)));
        $m = real_median($runs, 'rate');
        $perRun = per_run_ratios($runs, 'native', 'original');
        $r1 = ratio($m['native'], $m['original']);
        $everyRun = array_reduce($perRun, fn ($c, $r) => $c === null || $r === null ? null : min($c, $r), INF);
        $rows[] = ["R4e. real stack under beyod\\event\\Event (libevent): $n Redis GET one at a time (ping-pong) through beyod\\protocol\\redis\\Client (round trips/s)",
            event_cell($runs, 'native', $m['native'], 'rt/s', 'real-redis', 'event'),
            'original ' . event_cell($runs, 'original', $m['original'], 'rt/s', 'real-redis', 'event'),
            fmt_ratio($r1, 'original') . '<br>(' . fmt_per_run($perRun) . ')',
            '≥1× original in every run', $everyRun === null ? 'n/a (failed)' : ($everyRun >= 1 ? 'yes' : 'NO')];
    }
    $redis->stop();
}

foreach (['select' => 'real-cycles', 'event' => 'real-event-cycles'] as $looper => $w) {
    if (!($looper === 'event' ? wanted_event($w) : wanted_real($w))) {
        continue;
    }
    $n = $SIZE['real_cycles'];
    $id = $looper === 'event' ? 'R7e' : 'R7';
    $name = $looper === 'event' ? 'beyod\\event\\Event (libevent)' : 'the stream_select looper';
    progress("$id. real stack, $name: $n connect/send/echo/close cycles × $RUNS runs");
    $srv = rust_server('echo');
    $runs = real_runs('real-cycles', ['native' => ['native'], 'original' => ['original']],
        ['port' => $srv->first[0], 'n' => $n, 'looper' => $looper], expect_count($n, 'ping ' . ($n - 1)));
    $srv->stop();
    $m = real_median($runs, 'rate');
    $r1 = ratio($m['native'], $m['original']);
    $rows[] = ["$id. real stack under $name: $n connect/send/echo/close cycles, a new client each (Yii::createObject, beyod\\protocol\\text\\Parser), one at a time (cycles/s)",
        event_cell($runs, 'native', $m['native'], 'cycles/s', 'real-cycles', $looper),
        'original ' . event_cell($runs, 'original', $m['original'], 'cycles/s', 'real-cycles', $looper),
        fmt_ratio($r1, 'original') . '<br>(' . fmt_per_run(per_run_ratios($runs, 'native', 'original')) . ')',
        'none set (for information)', '—'];
}

/**
 * System calls per ping-pong round trip: the client process under `strace -f -c` at two lengths,
 * (calls at hi − calls at lo) / (hi − lo) per system call (start-up and shutdown cancel out).
 * Returns [syscall => calls per round trip] (those with |x| ≥ 0.005), or null when a run failed.
 */
function syscalls_per_rt(string $impl, string $looper, int $port, int $lo, int $hi): ?array
{
    global $failures;
    $counts = [];
    foreach ([$lo, $hi] as $n) {
        $file = BENCH . "/out/strace.real-pingpong.$looper.$impl.$n.txt";
        @unlink($file);
        $res = php_run('real-pingpong', $impl, ['port' => $port, 'n' => $n, 'looper' => $looper], 120, CPU_CLIENT,
            ['strace', '-f', '-c', '-o', $file]);
        if ($res !== null && ($why = expect_count($n, 'ping ' . ($n - 1))($res)) !== null) {
            $failures[] = "real-pingpong(strace)/$impl@$looper: $why";
            $res = null;
        }
        if ($res === null) {
            return null;
        }
        $counts[$n] = [];
        foreach (explode("\n", (string) @file_get_contents($file)) as $line) {
            if (preg_match('/^\s*[\d.]+\s+[\d.]+\s+\d+\s+(\d+)\s+(?:\d+\s+)?(\w+)\s*$/', $line, $mm) && $mm[2] !== 'total') {
                $counts[$n][$mm[2]] = (int) $mm[1];
            }
        }
    }
    $per = [];
    foreach (array_unique(array_merge(array_keys($counts[$lo]), array_keys($counts[$hi]))) as $sc) {
        $x = (($counts[$hi][$sc] ?? 0) - ($counts[$lo][$sc] ?? 0)) / ($hi - $lo);
        if (abs($x) >= 0.005) {
            $per[$sc] = $x;
        }
    }
    arsort($per);
    return $per;
}

$sysLoopers = [];
if (wanted_real('real-syscalls')) {
    $sysLoopers[] = 'select';
}
if (wanted_event('real-event-syscalls')) {
    $sysLoopers[] = 'event';
}
if ($sysLoopers) {
    [$lo, $hi] = [$SIZE['real_sys_lo'], $SIZE['real_sys_hi']];
    progress('R8. real stack: system calls per ping-pong round trip under ' . implode(' and ', $sysLoopers)
        . " (strace -f -c, ($hi − $lo) round trips)");
    $srv = rust_server('echo', [], CPU_CLIENT);
    $sys = [];
    foreach ($sysLoopers as $looper) {
        foreach (['original', 'native', 'looper'] as $impl) {
            $sys[$looper][$impl] = syscalls_per_rt($impl, $looper, (int) $srv->first[0], $lo, $hi);
        }
    }
    $srv->stop();
    $names = [];
    foreach ($sys as $byImpl) {
        foreach ($byImpl as $per) {
            $names = array_merge($names, array_keys($per ?? []));
        }
    }
    $names = array_values(array_unique($names));
    $total = fn (?array $per) => $per === null ? null : array_sum($per);
    $fs = fn (?array $per) => $per === null ? 'FAILED' : sprintf('%.2f', array_sum($per)) . ' ('
        . implode(', ', array_map(fn ($k, $v) => sprintf('%s %.2f', $k, $v), array_keys($per), $per)) . ')';
    $lname = ['select' => 'stream_select looper (SelectLooper)', 'event' => 'beyod\\event\\Event (libevent)'];
    foreach ($sysLoopers as $looper) {
        $s = $sys[$looper];
        $rows[] = [($looper === 'event' ? 'R8e' : 'R8') . ". real stack under the {$lname[$looper]}: ping-pong (as R2), system calls per round trip, client process (strace -f -c, ($hi − $lo) round trips)",
            $fs($s['native']), 'original ' . $fs($s['original']) . '<br>(a raw socket in the same looper, no client: ' . $fs($s['looper']) . ')',
            fmt_ratio(ratio($total($s['native']), $total($s['original'])), 'original'), 'none set (for information)', '—'];
    }
    $t = "System calls per ping-pong round trip, client process (strace -f -c; (calls at $hi − calls at $lo) / "
        . ($hi - $lo) . "):\n\n| looper | client | total | " . implode(' | ', $names) . " |\n|---|---|---|" . str_repeat('---|', count($names)) . "\n";
    foreach ($sys as $looper => $byImpl) {
        foreach ($byImpl as $impl => $per) {
            $t .= "| $looper | " . ($impl === 'looper' ? 'raw socket in the looper' : $impl) . ' | '
                . ($per === null ? 'FAILED' : sprintf('%.2f', array_sum($per))) . ' | '
                . implode(' | ', array_map(fn ($k) => $per === null ? '—' : sprintf('%.2f', $per[$k] ?? 0), $names)) . " |\n";
        }
    }
    $extraTables[] = $t;
}

if (wanted_event('real-event-epoll-cost')) {
    progress('R9e. the cost of one epoll_wait(…, 0) (bench-baseline epoll-cost, 3 runs)');
    $cost = ['ready_ns' => [], 'empty_ns' => [], 'nested_ready_ns' => []];
    for ($r = 0; $r < 3; $r++) {
        [$code, $out, $err] = run_cmd(['taskset', '-c', CPU_CLIENT, "$BIN/epoll-cost", $QUICK ? '1000000' : '3000000'], 60);
        $res = json_decode(trim($out), true);
        fwrite($log, json_encode(['script' => 'epoll-cost', 'exit' => $code, 'result' => $res, 'stderr' => $err]) . "\n");
        if ($code !== 0 || !is_array($res) || empty($res['ok'])) {
            $failures[] = "epoll-cost: exit $code " . trim($out . ' ' . $err);
            continue;
        }
        foreach ($cost as $k => $_) {
            $cost[$k][] = $res[$k];
        }
    }
    $c = array_map('median', $cost);
    $rt = $pingpongEvent['native'] ?? null;
    $rtNs = $rt ? 1e9 / $rt : null;
    $share = ($rtNs && $c['ready_ns'] !== null) ? $c['ready_ns'] / $rtNs : null;
    $fns = fn ($x) => $x === null ? 'FAILED' : sprintf('%.0f ns', $x);
    $rows[] = ['R9e. the system call the direct read saves: one epoll_wait(…, 0) on the reactor (the extension\'s 4th per round trip under a host loop before it, still made where the direct read does not apply: TLS, several connections, a loop the user wired) (bench-baseline epoll-cost: a loopback TCP socket with unread bytes, level-triggered, median of 3)',
        $fns($c['ready_ns']) . ' (returning the ready socket)<br>' . $fns($c['nested_ready_ns']) . ' (its epoll watched by an outer epoll, as the host loop does)<br>'
        . $fns($c['empty_ns']) . ' (nothing ready)',
        $rtNs === null ? '(R2e not run: no round trip to compare with)' : sprintf('R2e native round trip %.2f µs (%s)', $rtNs / 1000, fmt_rate($rt, 'rt/s')),
        $share === null ? '—' : sprintf('%.1f %% of the round trip (R2e makes it only where the direct read does not apply; with it, R2e would be ~%s, %s)', 100 * $share,
            fmt_rate($rt * (1 - $share), 'rt/s'), fmt_ratio(ratio($rt * (1 - $share), $pingpongEvent['original'] ?? null), 'original')),
        'none set (for information)', '—'];
}

if (wanted_event('real-event-callgrind')) {
    [$lo, $hi] = [$SIZE['real_sys_lo'], $SIZE['real_sys_hi']];
    progress("R10e. real stack, beyod\\event\\Event: ping-pong under callgrind, ($hi − $lo) round trips × {$SIZE['cg_runs']} runs");
    $srv = rust_server('echo', [], CPU_CLIENT);
    $per = ['native' => [], 'original' => []];
    // The native client's reactor step under the looper (Reactor::poll_ready: the direct read when
    // one connection is all that can be ready, else Reactor::poll), its poll (Reactor::poll: the
    // epoll_wait on its own epoll descriptor, the events turned into reads, timers), the read, and
    // mio's Poll::poll (the epoll_wait call), inclusive, per round trip: what the 4th system call
    // costs in user space (a build without poll_ready shows "—" for it).
    $fns = ['Reactor::poll_ready' => 'core::reactor::Reactor::poll_ready ', 'Reactor::poll' => 'core::reactor::Reactor::poll ',
        'read_hinted' => 'core::reactor::Reactor::read_hinted ', 'mio Poll::poll' => 'mio::poll::Poll::poll '];
    $part = array_fill_keys(array_keys($fns), []);
    for ($r = 0; $r < $SIZE['cg_runs']; $r++) {
        foreach (order($per, $r) as $impl) {
            $ir = [];
            $fn = [];
            foreach ([$lo, $hi] as $n) {
                $file = BENCH . "/out/callgrind.real-pingpong.event.$impl.$n.out";
                $res = php_run('real-pingpong', $impl, ['port' => $srv->first[0], 'n' => $n, 'looper' => 'event'], 300, CPU_CLIENT,
                    ['valgrind', '--tool=callgrind', '--quiet', "--callgrind-out-file=$file"]);
                if ($res !== null && ($why = expect_count($n, 'ping ' . ($n - 1))($res)) !== null) {
                    $failures[] = "real-pingpong(callgrind)/$impl@event: $why";
                    $res = null;
                }
                $ir[$n] = null;
                if ($res !== null && preg_match('/^totals:\s*(\d+)/m', (string) @file_get_contents($file), $mm)) {
                    $ir[$n] = (int) $mm[1];
                    if ($impl === 'native') {
                        $ann = (string) shell_exec('callgrind_annotate --inclusive=yes --threshold=100 ' . escapeshellarg($file) . ' 2>/dev/null');
                        foreach ($fns as $k => $needle) {
                            $fn[$n][$k] = preg_match('/^\s*([\d,]+)\s.*' . preg_quote(rtrim($needle), '/') . '\s/m', $ann, $mm)
                                ? (int) str_replace(',', '', $mm[1]) : null;
                        }
                    }
                }
            }
            $per[$impl][] = ($ir[$lo] !== null && $ir[$hi] !== null) ? ($ir[$hi] - $ir[$lo]) / ($hi - $lo) : null;
            if ($impl === 'native') {
                foreach ($fns as $k => $_) {
                    $part[$k][] = (($fn[$lo][$k] ?? null) !== null && ($fn[$hi][$k] ?? null) !== null)
                        ? ($fn[$hi][$k] - $fn[$lo][$k]) / ($hi - $lo) : null;
                }
            }
        }
    }
    $srv->stop();
    $m = array_map('median', $per);
    $p = array_map('median', $part);
    $fi = fn ($x) => $x === null ? '—' : number_format($x);
    $rows[] = ["R10e. real stack under beyod\\event\\Event (libevent): ping-pong (as R2e) under callgrind, instructions per round trip, client process (($hi − $lo) round trips)",
        $fi($m['native']) . ' instr/rt<br>(of which, inclusive: the reactor\'s step Reactor::poll_ready ' . $fi($p['Reactor::poll_ready'])
        . ', its poll Reactor::poll ' . $fi($p['Reactor::poll']) . ', the read ' . $fi($p['read_hinted'])
        . ', mio\'s Poll::poll, the epoll_wait call, ' . $fi($p['mio Poll::poll']) . ')',
        'original ' . $fi($m['original']) . ' instr/rt', fmt_ratio(ratio($m['native'], $m['original']), 'original'),
        'none set (for information)', '—'];
}

if ($eventSkipped) {
    $realSkipped = array_merge($realSkipped, $eventSkipped);
    $REAL_MISSING = ($REAL_MISSING === null ? '' : "$REAL_MISSING; ") . "under beyod\\event\\Event: $EVENT_MISSING";
}
