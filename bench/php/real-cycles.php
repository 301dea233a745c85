<?php
/**
 * Real-stack workload R7 (R7e under beyod\event\Event): connect/send/echo/close cycles on a real
 * yii\console\Application with Yii::$app->eventLooper, one cycle at a time: a new client
 * (Yii::createObject(), beyod's protocol\text\Parser) connects; its onConnect handler sends
 * "ping $k"; its onMessage handler checks the echo, close()s the client and starts the next
 * cycle (a new client, connect()). Timed from the first connect() to the last echo; every echo
 * must be exact and N cycles must complete.
 * The client closes first, so every cycle leaves a TIME_WAIT socket on the client's side: Linux
 * reuses them for new loopback connections (net.ipv4.tcp_tw_reuse, 2 by default), so N is not
 * bounded by the ~28k ephemeral ports of one address pair within 60 s.
 * IMPL: original | native. Args: port=, n=, limit=, looper=select|event.
 */
require __DIR__ . '/real-common.php';

use beyod\Server;
use beyod\StreamClient;

$impl = impl();
$port = arg('port');
$n = arg('n', 5000);
$limit = arg('limit', 60.0);
real_start($impl);

$done = 0;
$t0 = $t1 = null;
$bad = null;
$last = null;
$current = null;
$start = function () use (&$start, &$done, &$t1, &$bad, &$last, &$current, $n, $port) {
    $k = $done;
    $c = Yii::createObject(['class' => StreamClient::class, 'target' => "tcp://127.0.0.1:$port",
        'parser' => ['class' => 'beyod\protocol\text\Parser'], 'timeout' => 10]);
    $c->on(Server::ON_CONNECT, function ($e) use ($k) {
        $e->sender->send("ping $k");
    });
    $c->on(Server::ON_CONNECT_FAILED, function ($e) use (&$bad, $k) {
        $bad = "cycle $k: connect failed: $e->errstr";
        real_end();
    });
    $c->on(Server::ON_MESSAGE, function ($e) use ($k, $n, &$start, &$done, &$t1, &$bad, &$last) {
        if ($e->message !== "ping $k") {
            $bad = "cycle $k: got " . json_encode($e->message);
            $e->sender->close();
            real_end();
            return;
        }
        $e->sender->close();
        if (++$done === $n) {
            $t1 = now();
            $last = $e->message;
            real_end();
            return;
        }
        $start();
    });
    $current = $c;
    $c->connect();
};
$t0 = now();
$start();
$finished = real_loop($limit);

if ($bad !== null) {
    fail($bad);
}
if (!$finished || $t1 === null) {
    fail("time limit of {$limit}s reached after $done of $n cycles");
}
done(['count' => $done, 'last' => $last, 'seconds' => $t1 - $t0, 'rate' => $done / ($t1 - $t0)]);
