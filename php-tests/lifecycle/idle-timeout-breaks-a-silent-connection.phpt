--TEST--
$options['idle_timeout']: a connection that receives nothing for that long gets onError (code 110, ETIMEDOUT) then onClose by the peer (1) ~idle_timeout after the last byte; each byte received re-arms it; with reconnect_interval it reconnects
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

function watch(StreamClient $c, string $label): stdClass
{
    $st = new stdClass();
    $st->closes = 0;
    $st->connects = 0;
    $c->on('onConnect', function () use ($st) {
        $st->connectedAt = microtime(true);
        $st->connects++;
    });
    $c->on('onMessage', fn ($e) => print("$label: onMessage {$e->message}\n"));
    $c->on('onError', function ($e) use ($st, $label) {
        $st->errorAt = microtime(true);
        echo "$label: onError code={$e->code} errstr mentions idle_timeout: ",
            var_export(strpos($e->errstr, 'idle_timeout') !== false, true), "\n";
    });
    $c->on('onClose', function ($e) use ($st, $label) {
        $st->closedAt = microtime(true);
        $st->closes++;
        echo "$label: onClose by={$e->by}\n";
    });
    return $st;
}

// 1. a server that accepts and stays silent
[$silent, $port] = start_server('never-read.php');
$c = new StreamClient(['target' => tcp_target($port), 'parser' => 'LineParser', 'options' => ['idle_timeout' => 0.3]]);
$st = watch($c, 'silent');
$c->connect();
run_until_idle(3);
$after = $st->closedAt - $st->connectedAt;
echo "silent: closed ~0.3 s after connect: ", var_export($after >= 0.29 && $after < 0.45, true),
    "; onError just before onClose: ", var_export($st->closedAt >= $st->errorAt && $st->closedAt - $st->errorAt < 0.01, true), "\n";
$s = $c->getStats();
echo "silent: last_error code={$s['last_error']['code']} state={$s['state']}\n";

// 2. bytes at 0.2 s and 0.4 s re-arm it: closed ~0.3 s after the last one (~0.7 s)
[$chunks, $port2] = start_server('chunks.php', '--script=' . chunk_script([[200, "a\n"], [200, "b\n"]]));
$c2 = new StreamClient(['target' => tcp_target($port2), 'parser' => 'LineParser', 'options' => ['idle_timeout' => 0.3]]);
$st2 = watch($c2, 'chatty');
$c2->connect();
run_until_idle(3);
$after = $st2->closedAt - $st2->connectedAt;
echo "chatty: closed ~0.7 s after connect: ", var_export($after >= 0.68 && $after < 0.9, true), "\n";

// 3. with reconnect_interval the idle close is a close by the peer: it reconnects
$c3 = new StreamClient(['target' => tcp_target($port), 'reconnect_interval' => 0.05, 'options' => ['idle_timeout' => 0.1]]);
$st3 = watch($c3, 'reconnecting');
$c3->connect();
wait_until(fn () => $st3->connects === 2, 3, 'reconnect');
$c3->close();
echo "reconnecting: connects=", $c3->getStats()['connects'], "\n";
stop_server($silent);
stop_server($chunks);
?>
--EXPECT--
silent: onError code=110 errstr mentions idle_timeout: true
silent: onClose by=1
silent: closed ~0.3 s after connect: true; onError just before onClose: true
silent: last_error code=110 state=closed
chatty: onMessage a
chatty: onMessage b
chatty: onError code=110 errstr mentions idle_timeout: true
chatty: onClose by=1
chatty: closed ~0.7 s after connect: true
reconnecting: onError code=110 errstr mentions idle_timeout: true
reconnecting: onClose by=1
reconnecting: onClose by=0
reconnecting: connects=2
