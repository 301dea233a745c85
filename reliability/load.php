<?php
/**
 * Load: C concurrent connections to redis-server (TCP), each doing R sequential ECHO round
 * trips through the native RedisParser; every reply must be the exact payload sent, in order
 * (count and a running crc32 per connection). Usage: php load.php C R  (quick 1000 20, long 10000 100)
 * With a duration D as third argument it is the soak: connections close themselves and
 * reconnect every 50 round trips, until D seconds have passed.
 */
require __DIR__ . '/lib.php';

use beyod\StreamClient;
use beyod\ext\Loop;
use beyod\ext\RedisParser;

$C = (int)($argv[1] ?? 1000);
$R = (int)($argv[2] ?? 20);
$soak = (float)($argv[3] ?? 0);
rel_bound((int)max(200, $soak + 150));
$port = refused_port();
$log = tempnam(sys_get_temp_dir(), 'rel-redis-');
$redis = proc_open(['redis-server', '--port', (string)$port, '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no',
    '--maxclients', (string)($C + 100), '--logfile', $log], [0 => ['file', '/dev/null', 'r'], 1 => ['file', '/dev/null', 'w'], 2 => ['file', $log, 'a']], $p);
register_shutdown_function(function () use ($redis, $log) { proc_terminate($redis, 9); proc_close($redis); @unlink($log); });
$t = microtime(true) + 5;
while (!@stream_socket_client("tcp://127.0.0.1:$port", $e, $s, 0.2) && microtime(true) < $t) { usleep(20000); }
$st = (object)['done' => 0, 'bad' => 0, 'trips' => 0, 'reconnects' => 0, 'crc_sent' => 0, 'crc_got' => 0, 'failed' => 0];
$end = $soak > 0 ? microtime(true) + $soak : INF;
$clients = [];
for ($i = 0; $i < $C; $i++) {
    $c = new StreamClient(['target' => "tcp://127.0.0.1:$port", 'parser' => RedisParser::class, 'timeout' => 20]);
    $c->setAttribute('k', 0);
    $c->setAttribute('crc_sent', 0);
    $c->setAttribute('crc_got', 0);
    $next = function ($c) use ($i) {
        $k = $c->getAttribute('k');
        $payload = "c$i:" . $k . ':' . str_repeat(chr(97 + ($i + $k) % 26), ($i * 7 + $k) % 200);
        $c->setAttribute('crc_sent', crc32($c->getAttribute('crc_sent') . $payload));
        $c->setAttribute('expect', $payload);
        $c->send(['ECHO', $payload]);
    };
    $c->on('onConnect', function ($e) use ($next) { $next($e->sender); });
    $c->on('onConnectFailed', function ($e) use ($st) { $st->failed++; });
    $c->on('onMessage', function ($e) use ($next, $st, $R, $end, $soak) {
        $c = $e->sender;
        if ($e->message !== $c->getAttribute('expect')) { $st->bad++; }
        $c->setAttribute('crc_got', crc32($c->getAttribute('crc_got') . $e->message));
        $st->trips++;
        $k = $c->getAttribute('k') + 1;
        $c->setAttribute('k', $k);
        if ($soak > 0) {
            if (microtime(true) >= $end) { $st->done++; $c->close(); return; }
            if ($k % 50 === 0) { $st->reconnects++; $c->connect(true); return; }
            $next($c);
        } elseif ($k >= $R) {
            $st->done++;
            $c->close();
        } else {
            $next($c);
        }
    });
    $c->connect();
    $clients[] = $c;
}
$t0 = microtime(true);
$r0 = rss_kb();
$limit = $soak > 0 ? $soak + 60 : 150;
while ($st->done + $st->failed < $C && microtime(true) - $t0 < $limit) {
    Loop::tick(0.05);
}
$dt = microtime(true) - $t0;
foreach ($clients as $c) {
    $st->crc_sent = crc32($st->crc_sent . ':' . $c->getAttribute('crc_sent'));
    $st->crc_got = crc32($st->crc_got . ':' . $c->getAttribute('crc_got'));
}
note(sprintf('%d connections, %d round trips in %.1f s (%.0f/s), %d reconnects, %d connect failures, RSS %d -> %d KiB',
    $C, $st->trips, $dt, $st->trips / max($dt, 1e-9), $st->reconnects, $st->failed, $r0, rss_kb()));
$what = $soak > 0 ? "soak of $soak s, $C connections reconnecting every 50 round trips" : "$C concurrent connections × $R round trips";
check($st->failed === 0 && $st->done === $C && ($soak > 0 || $st->trips === $C * $R), "$what: all finished ({$st->done}/$C, {$st->trips} round trips)");
check($st->bad === 0 && $st->crc_sent === $st->crc_got, "$what: zero lost or reordered replies ({$st->bad} mismatches; checksum " . ($st->crc_sent === $st->crc_got ? 'equal' : 'DIFFERENT') . ')');
rel_done();
