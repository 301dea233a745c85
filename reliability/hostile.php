<?php
/**
 * Hostile input at the PHP level: a server (php-tests/servers/chunks.php, which also echoes what
 * the client sends) sends absurd headers to the native parsers. Expected: onBadPacket with code
 * 100, memory bounded (nothing allocated for the announced size), and the connection still
 * usable: a valid packet sent afterwards (echoed by the server) arrives as onMessage.
 * Crashes found by the fuzzer are replayed in child processes (a crash must not end this script).
 */
require __DIR__ . '/lib.php';

use beyod\StreamClient;
use beyod\ext\Loop;
use beyod\ext\LineParser;
use beyod\ext\LengthParser;
use beyod\ext\RedisParser;

function hostile_case(string $name, $parser, array $chunks, $followup, $expect): void
{
    [$srv, $port] = start_server('chunks.php', '--script=' . chunk_script($chunks), '--lifetime=60');
    $bad = [];
    $msgs = [];
    $closed = false;
    $c = new StreamClient(['target' => "tcp://127.0.0.1:$port", 'parser' => $parser]);
    $c->on('onBadPacket', function ($e) use (&$bad) { $bad[] = [$e->code, $e->errstr]; });
    $c->on('onMessage', function ($e) use (&$msgs) { $msgs[] = $e->message; });
    $c->on('onClose', function () use (&$closed) { $closed = true; });
    $m0 = memory_get_usage();
    $r0 = rss_kb();
    $c->connect();
    wait_until(function () use (&$bad, &$closed) { return count($bad) > 0 || $closed; }, 10.0, "$name: onBadPacket");
    $peak = memory_get_peak_usage();
    check(count($bad) >= 1 && $bad[0][0] === 100, "$name: onBadPacket code 100 (" . json_encode($bad[0] ?? null) . ')');
    // the server's script is done: what we send now is echoed back
    server_line($srv, 10.0);
    run_loop_for(0.05);
    $c->send($followup, true);
    $good = fn ($m) => is_callable($expect) ? $expect($m) : $m === $expect;
    wait_until(function () use (&$msgs, &$closed, $good) { return $closed || ($msgs && $good(end($msgs))); }, 10.0, "$name: message after the bad packet");
    $last = end($msgs);
    $ok = $good($last);
    check(!$closed && $ok, "$name: connection still usable, next packet delivered (" . json_encode(is_string($last) ? substr($last, -20) : $last) . ')');
    $grow = rss_kb() - $r0;
    check($grow < 40 * 1024, "$name: memory bounded (RSS $grow KiB more, memory_get_usage " . (memory_get_usage() - $m0) . ' B more)');
    $c->close();
    stop_server($srv);
}

rel_bound(170);
$pong = "+PONG\r\n";
hostile_case('RedisParser, "*2000000000\r\n"', RedisParser::class, [[0, "*2000000000\r\n"]], $pong, 'PONG');
hostile_case('RedisParser, "$2147483648\r\n" (2 GB bulk)', RedisParser::class, [[0, "\$2147483648\r\n"]], $pong, 'PONG');
hostile_case('RedisParser, "%2000000000\r\n" (RESP3 map)', RedisParser::class, [[0, "%2000000000\r\n"]], $pong, 'PONG');
hostile_case('LengthParser, 2 GB length prefix', LengthParser::class, [[0, "\x80\x00\x00\x00abc"]], pack('N', 2) . 'ok', 'ok');
hostile_case('LengthParser, 0xFFFFFFFF length prefix', new LengthParser(['max_packet_size' => 1 << 20]), [[0, "\xff\xff\xff\xff"]], pack('N', 2) . 'ok', 'ok');
$junk = [];
for ($i = 0; $i < 144; $i++) {           // 9 MiB without a line end, in 64 KiB writes
    $junk[] = [$i === 0 ? 0 : 1, str_repeat('x', 65536)];
}
$junk[] = [1, "\n"];
hostile_case('LineParser (max 1 MiB), a 9 MiB line without end', new LineParser(['max_packet_size' => 1 << 20]), $junk, "ok\n",
    fn ($m) => is_string($m) && substr($m, -2) === 'ok' && strlen($m) <= (1 << 20));

// crashes found by the fuzzer, replayed through PHP in child processes
[$srv, $port] = start_server('chunks.php', '--script=' . chunk_script([[0, str_repeat("|0\r\n", 100000) . ":1\r\n"]]), '--lifetime=60');
[$rc, $out] = php_child(child_head() . '
$got = null;
$c = new StreamClient(["target" => "tcp://127.0.0.1:' . $port . '", "parser" => beyod\ext\RedisParser::class]);
$c->on("onMessage", function ($e) use (&$got) { $got = ["message", $e->message]; });
$c->on("onBadPacket", function ($e) use (&$got) { $got = ["bad", $e->code, $e->errstr]; });
$c->connect();
wait_until(fn () => $got !== null, 10.0, "reply");
echo "RESULT ", json_encode($got), "\n";', 60);
stop_server($srv);
check_known($rc === 0 && str_contains($out, 'RESULT'), 'resp-attribute-chain-stack-overflow',
    "RedisParser fed \"|0\\r\\n\" × 100,000 (400 kB of RESP3 attributes, under max_packet_size): the PHP process survives (exit $rc; " . substr(trim(preg_replace('/\s+/', ' ', $out)), 0, 160) . ')');

[$rc, $out] = php_child(child_head() . '
$c = new StreamClient(["target" => "tcp://127.0.0.1:1", "options" => ["proxy" => "socks5://%a' . "\u{e9}" . ':pw@127.0.0.1:1080"]]);
$c->on("onConnectFailed", function ($e) { echo "FAILED ", $e->errstr, "\n"; });
try { $c->connect(); run_loop_for(0.5); } catch (Throwable $t) { echo "EXCEPTION ", get_class($t), ": ", $t->getMessage(), "\n"; }
echo "SURVIVED\n";', 30);
check_known($rc === 0 && str_contains($out, 'SURVIVED') && !preg_match('/panic/i', $out) && !str_contains($out, 'EXCEPTION Error'), 'proxy-percent-decode-slices-inside-a-utf8-char',
    "\$options['proxy'] = \"socks5://%a\u{e9}:pw@…\": a clear error naming the proxy, not \"Error: Rust panic: …\" (no crash) (exit $rc; " . substr(trim(preg_replace('/\s+/', ' ', $out)), 0, 200) . ')');
rel_done();
