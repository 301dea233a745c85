<?php
/**
 * Network faults (run by faults.sh, which sets REL_NS/REL_NS_ADDR/REL_IPTABLES/REL_NETEM when a
 * network namespace could be made): connect timeout to a host that drops SYNs, peer RST
 * mid-stream, peer half-close, server killed and restarted, a server that stops reading,
 * 20% loss + 200 ms delay, a 1-byte trickle, a name that does not resolve, fd exhaustion.
 */
require __DIR__ . '/lib.php';

use beyod\StreamClient;
use beyod\ext\Loop;

rel_bound(280);
$NS = getenv('REL_NS') ?: '';
$NSADDR = getenv('REL_NS_ADDR') ?: '';
$IPT = getenv('REL_IPTABLES') === '1';
$NETEM = getenv('REL_NETEM') === '1';

/** start_server() for a server running inside the namespace. */
function ns_server(string $ns, string $script, ...$args): array
{
    $cmd = array_merge(['ip', 'netns', 'exec', $ns, PHP_BINARY, __DIR__ . '/../php-tests/servers/' . $script], array_map('strval', $args));
    $log = tempnam(sys_get_temp_dir(), 'rel-srv-');
    $proc = proc_open($cmd, [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => ['file', $log, 'a']], $pipes);
    $GLOBALS['__test_servers'][(int)$proc] = ['pipes' => $pipes, 'log' => $log, 'proc' => $proc];
    $first = server_line($proc, 5.0);
    if ($first === false) {
        throw new RuntimeException("$script in $ns did not start: " . file_get_contents($log));
    }
    return [$proc, (int)$first];
}

function client(string $target, array $cfg = []): array
{
    $ev = (object)['log' => [], 'msgs' => [], 'failed' => null, 'closed' => null, 'errors' => []];
    $c = new StreamClient($cfg + ['target' => $target, 'parser' => LineParser::class]);
    $c->on('onConnect', function () use ($ev) { $ev->log[] = 'connect'; });
    $c->on('onMessage', function ($e) use ($ev) { $ev->msgs[] = $e->message; });
    $c->on('onConnectFailed', function ($e) use ($ev) { $ev->failed = [$e->code, $e->errstr, microtime(true)]; $ev->log[] = 'failed'; });
    $c->on('onClose', function ($e) use ($ev) { $ev->closed = $e->by; $ev->log[] = 'close:' . $e->by; });
    $c->on('onError', function ($e) use ($ev) { $ev->errors[] = [$e->code, $e->errstr]; $ev->log[] = 'error'; });
    return [$c, $ev];
}

// --- connect timeout to a host that drops SYNs
if ($NS && $IPT) {
    $target = "tcp://$NSADDR:9";
    $how = 'a namespace host whose iptables drops SYNs';
    $hold = [];
} else {
    // fallback: a loopback listener with backlog 0 and a full accept queue drops further SYNs
    $how = 'a loopback listener with a full accept queue (no netns/iptables here)';
    $s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
    socket_bind($s, '127.0.0.1', 0);
    socket_listen($s, 0);
    socket_getsockname($s, $a, $p);
    $target = "tcp://127.0.0.1:$p";
    $hold = [$s];
    for ($i = 0; $i < 3; $i++) {
        $f = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
        socket_set_nonblock($f);
        @socket_connect($f, '127.0.0.1', $p);
        $hold[] = $f;
    }
}
[$c, $ev] = client($target, ['timeout' => 1.5]);
$t0 = microtime(true);
$c->connect();
wait_until(fn () => $ev->failed !== null, 6.0, 'connect timeout');
$dt = $ev->failed ? $ev->failed[2] - $t0 : -1;
check($ev->failed && $ev->failed[0] === 20 && $dt >= 1.4 && $dt < 2.5,
    sprintf('connect to %s: onConnectFailed code 20 after %.2f s (timeout 1.5 s): %s', $how, $dt, json_encode($ev->failed[1] ?? null)));
unset($hold, $c);

// --- peer RST mid-stream
[$srv, $port] = start_server('reset.php', '--delay=300');
[$c, $ev] = client("tcp://127.0.0.1:$port");
$c->connect();
wait_until(fn () => $ev->closed !== null, 5.0, 'RST');
check($ev->closed === 1 && count(array_filter($ev->log, fn ($l) => str_starts_with($l, 'close'))) === 1 && $c->isClosed(),
    'peer RST mid-stream: one onClose by the peer (' . json_encode($ev->log) . ', onError ' . json_encode($ev->errors) . ')');
$r = $c->send("after rst\n", true);
check($r === false, 'send() after the RST returns false (' . var_export($r, true) . ')');
$c->connect();
wait_until(fn () => in_array('connect', array_slice($ev->log, 1), true), 5.0, 'reconnect after RST');
check(in_array('connect', array_slice($ev->log, 1), true), 'the same client connects again after the RST');
$c->close();
stop_server($srv);

// --- peer half-close: everything before the FIN, then onClose by peer
[$srv, $port] = start_server('close-after.php', 50);
[$c, $ev] = client("tcp://127.0.0.1:$port");
$c->connect();
wait_until(fn () => $ev->closed !== null, 5.0, 'half-close');
$want = array_map(fn ($i) => "conn1 line$i", range(1, 50));
check($ev->msgs === $want && $ev->closed === 1, 'peer half-close (FIN after 50 lines): the 50 messages in order, then onClose by the peer');
stop_server($srv);

// --- server killed and restarted: reconnect; data queued meanwhile delivered to the new connection
$port = refused_port();
[$srv] = start_server('line-echo.php', "--listen=tcp://127.0.0.1:$port");
[$c, $ev] = client("tcp://127.0.0.1:$port", ['reconnect_interval' => 0.2]);
$c->connect();
$c->send('one');
wait_until(fn () => $ev->msgs === ['one'], 5.0, 'first echo');
proc_terminate($srv, 9);
wait_until(fn () => $ev->closed !== null, 5.0, 'close after kill');
stop_server($srv);
$queued = [$c->send('two'), $c->send('three'), $c->send('four')];
run_loop_for(0.5);   // a few failed reconnect attempts meanwhile
[$srv] = start_server('line-echo.php', "--listen=tcp://127.0.0.1:$port");
wait_until(fn () => count($ev->msgs) >= 4, 8.0, 'echoes after restart');
check_known($ev->msgs === ['one', 'two', 'three', 'four'] && $ev->closed === 1, 'queued-data-dropped-by-failed-reconnect-attempt',
    'server killed (SIGKILL), down for 0.5 s (failed reconnect attempts), restarted on its port: reconnected, the 3 messages sent while it was down delivered in order (send() returned ' . json_encode($queued) . '; ' . json_encode($ev->msgs) . ', events ' . json_encode($ev->log) . ')');
check(in_array('connect', array_slice($ev->log, 1), true), 'server killed and restarted: the client reconnected by itself (' . json_encode($ev->log) . ')');
$c->close();
stop_server($srv);
// the same, restarted before the next attempt
$port = refused_port();
[$srv] = start_server('line-echo.php', "--listen=tcp://127.0.0.1:$port");
[$c, $ev] = client("tcp://127.0.0.1:$port", ['reconnect_interval' => 0.5]);
$c->connect();
$c->send('one');
wait_until(fn () => $ev->msgs === ['one'], 5.0, 'first echo');
proc_terminate($srv, 9);
wait_until(fn () => $ev->closed !== null, 5.0, 'close after kill');
stop_server($srv);
$queued = [$c->send('two'), $c->send('three')];
[$srv] = start_server('line-echo.php', "--listen=tcp://127.0.0.1:$port");
wait_until(fn () => count($ev->msgs) >= 3, 8.0, 'echoes after restart');
check($ev->msgs === ['one', 'two', 'three'], 'server killed and restarted before the next attempt: the messages sent while it was down delivered in order on the new connection (' . json_encode($ev->msgs) . ')');
$c->close();
stop_server($srv);

// --- a server that stops reading: the queue stops at max_send_buffer_size, memory bounded
[$srv, $port] = start_server('never-read.php');
[$c, $ev] = client("tcp://127.0.0.1:$port", ['parser' => null, 'max_send_buffer_size' => 1 << 20]);
$full = 0;
$c->on('onBufferFull', function () use (&$full) { $full++; });
$c->connect();
wait_until(fn () => $c->isConnected(), 5.0, 'connect');
$m0 = memory_get_usage();
$r0 = rss_kb();
$chunk = str_repeat('x', 65536);
$accepted = 0;
$refused = 0;
$t = microtime(true);
while (microtime(true) - $t < 3.0) {
    for ($i = 0; $i < 16; $i++) {
        $c->send($chunk) === false ? $refused++ : $accepted++;
    }
    Loop::tick(0.01);
}
$grow = memory_get_usage() - $m0;
$rgrow = rss_kb() - $r0;
check($full >= 1 && $refused > 0 && $accepted * 65536 < (1 << 20) + 16 * 65536 + 8 * (1 << 20) && $rgrow < 16 * 1024,
    sprintf('a server that stops reading: onBufferFull ×%d, %d sends refused, %d accepted (%.1f MiB: kernel buffers + 1 MiB queue); RSS %+d KiB, memory_get_usage %+d B', $full, $refused, $accepted, $accepted / 16, $rgrow, $grow));
$c->close();
stop_server($srv);

// --- 20% packet loss and 200 ms delay (namespace), data intact
if ($NS && $IPT) {
    [$srv] = ns_server($NS, 'line-echo.php', '--listen=tcp://0.0.0.0:7001', '--lifetime=120');
    $target = "tcp://$NSADDR:7001";
    $relay = null;
    if (!$NETEM) {
        [$relay, $rport] = rel_server('delay-relay.php', "--to=$target", '--delay=200', '--lifetime=120');
        $target = "tcp://127.0.0.1:$rport";
    }
    [$c, $ev] = client($target, ['timeout' => 10]);
    $n = rel_quick() ? 3000 : 20000;
    $sent = [];
    for ($i = 0; $i < $n; $i++) {
        $sent[] = sprintf('%05d %s', $i, str_repeat(chr(65 + $i % 26), 150));
    }
    $t = microtime(true);
    $c->connect();
    foreach ($sent as $l) {
        $c->send($l);
    }
    wait_until(fn () => count($ev->msgs) >= $n || $ev->closed !== null, 150.0, 'lossy echo');
    $dt = microtime(true) - $t;
    check($ev->msgs === $sent, sprintf('20%% loss each way + 200 ms delay (%s): %d/%d lines echoed intact and in order in %.1f s (md5 %s)',
        $NETEM ? 'iptables + netem' : 'iptables + userspace delay relay', count($ev->msgs), $n, $dt, md5(implode("\n", $ev->msgs)) === md5(implode("\n", $sent)) ? 'equal' : 'DIFFERENT'));
    $c->close();
    stop_server($srv);
    $relay && stop_server($relay);
} else {
    note('skip 20% loss + 200 ms delay: needs a network namespace and iptables (not available here)');
}

// --- a slow trickle: 1 byte per read
$lines = ["first line", "second", str_repeat('z', 100), ""];
$bytes = implode("\n", $lines) . "\n";
$script = [];
foreach (str_split($bytes) as $b) {
    $script[] = [2, $b];
}
[$srv, $port] = start_server('chunks.php', '--script=' . chunk_script($script), '--close=1');
[$c, $ev] = client("tcp://127.0.0.1:$port");
$c->connect();
wait_until(fn () => $ev->closed !== null, 15.0, 'trickle');
check($ev->msgs === $lines, sprintf('a 1-byte-per-read trickle (%d reads, 2 ms apart): %d lines framed exactly', strlen($bytes), count($ev->msgs)));
stop_server($srv);
$resp = "*3\r\n\$3\r\nfoo\r\n:42\r\n%1\r\n+k\r\n\$1\r\nv\r\n+OK\r\n";
$script = [];
foreach (str_split($resp) as $b) {
    $script[] = [2, $b];
}
[$srv, $port] = start_server('chunks.php', '--script=' . chunk_script($script), '--close=1');
[$c, $ev] = client("tcp://127.0.0.1:$port", ['parser' => beyod\ext\RedisParser::class]);
$c->connect();
wait_until(fn () => $ev->closed !== null, 15.0, 'resp trickle');
check($ev->msgs === [['foo', 42, ['k' => 'v']], 'OK'], 'the same trickle through RedisParser: ' . json_encode($ev->msgs));
stop_server($srv);

// --- a name that does not resolve
[$c, $ev] = client('tcp://no-such-host.invalid:6379', ['timeout' => 10]);
$t = microtime(true);
$c->connect();
wait_until(fn () => $ev->failed !== null, 12.0, 'dns failure');
check($ev->failed && $ev->failed[0] !== 0 && str_contains($ev->failed[1], 'no-such-host.invalid'),
    sprintf('an unresolvable name: onConnectFailed after %.2f s naming it: code %s, %s', microtime(true) - $t, $ev->failed[0] ?? '?', json_encode($ev->failed[1] ?? null)));

// --- fd exhaustion (ulimit -n 48 in a child): a clear error, no crash, recovery
[$srv, $port] = start_server('line-echo.php');
[$rc, $out] = php_child(child_head() . '
$ok = 0; $failed = []; $thrown = [];
$cs = [];
for ($i = 0; $i < 80; $i++) {
    $c = new StreamClient(["target" => "tcp://127.0.0.1:' . $port . '", "parser" => LineParser::class]);
    $c->on("onConnect", function () use (&$ok) { $ok++; });
    $c->on("onConnectFailed", function ($e) use (&$failed) { $failed[] = $e->errstr; });
    try { $c->connect(); } catch (Throwable $t) { $thrown[] = get_class($t) . ": " . $t->getMessage(); }
    $cs[] = $c;
}
run_loop_for(1.0);
echo "CONNECTED $ok FAILED ", count($failed), " THROWN ", count($thrown), "\n";
echo "FIRST ", json_encode($failed[0] ?? $thrown[0] ?? null), "\n";
foreach ($cs as $c) { $c->close(); }
$cs = [];
run_loop_for(0.5);
$got = [];
$d = new StreamClient(["target" => "tcp://127.0.0.1:' . $port . '", "parser" => LineParser::class]);
$d->on("onMessage", function ($e) use (&$got) { $got[] = $e->message; });
$d->send("recovered");
$d->connect();
wait_until(function () use (&$got) { return $got !== []; }, 5.0, "recovery");
echo "AFTER ", json_encode($got), "\n";', 40, 'ulimit -n 48; ');
stop_server($srv);
note(str_replace("\n", ' | ', trim($out)));
check($rc === 0 && preg_match('/FAILED ([1-9]\d*)|THROWN ([1-9]\d*)/', $out) && preg_match('/Too many open files|EMFILE|descriptor/i', $out)
    && str_contains($out, 'AFTER ["recovered"]'),
    'fd exhaustion (ulimit -n 48, 80 clients): the connects beyond the limit fail with a clear "Too many open files", no crash, and a new client works once fds are free');
rel_done();
