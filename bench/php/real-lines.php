<?php
/**
 * Real-stack workload R1 (and R6 under callgrind): N lines pipelined through beyod's own
 * protocol\text\Parser (default "\r\n" delimiter), one onMessage handler, on a real
 * yii\console\Application with Yii::$app->eventLooper. Once connected the client send()s all N
 * lines "line 0" … "line N-1"; the echo server returns them; every decoded message is checked
 * against the next expected line, and the last one is "line N-1".
 * IMPL: original (beyod's PHP StreamClient, no extension) | native (the extension).
 * Args: port=, n=, limit=.
 */
require __DIR__ . '/real-common.php';

use beyod\Server;
use beyod\StreamClient;

$impl = impl();
$port = arg('port');
$n = arg('n', 200000);
$limit = arg('limit', 60.0);
real_start($impl);

$got = 0;
$t0 = $t1 = null;
$bad = null;
$last = null;
$client = Yii::createObject(['class' => StreamClient::class, 'target' => "tcp://127.0.0.1:$port",
    'parser' => ['class' => 'beyod\protocol\text\Parser'], 'timeout' => 10]);
$client->on(Server::ON_CONNECT, function ($e) use (&$t0, $n, &$bad) {
    $t0 = now();
    for ($i = 0; $i < $n; $i++) {
        if ($e->sender->send("line $i") === false) {
            $bad = "send() refused line $i";
            $e->sender->close();
            real_end();
            return;
        }
    }
});
$client->on(Server::ON_CONNECT_FAILED, function ($e) use (&$bad) {
    $bad = "connect failed: $e->errstr";
    real_end();
});
$client->on(Server::ON_MESSAGE, function ($e) use ($n, &$got, &$t1, &$bad, &$last) {
    if ($e->message !== "line $got") {
        $bad = "message $got: got " . json_encode($e->message);
        $e->sender->close();
        real_end();
        return;
    }
    if (++$got === $n) {
        $t1 = now();
        $last = $e->message;
        $e->sender->close();
        real_end();
    }
});
$client->connect();
$finished = real_loop($limit);

if ($bad !== null) {
    fail($bad);
}
if (!$finished || $t1 === null) {
    fail("time limit of {$limit}s reached after $got of $n messages");
}
if ($last !== 'line ' . ($n - 1)) {
    fail('last message ' . json_encode($last));
}
done(['count' => $got, 'last' => $last, 'seconds' => $t1 - $t0, 'rate' => $got / ($t1 - $t0)]);
