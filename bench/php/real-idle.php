<?php
/**
 * Real-stack workload R5: N idle established connections on a real yii\console\Application with
 * Yii::$app->eventLooper. One client is connected first (not counted: classes loaded, looper
 * and runtime warmed up); then N clients are created with Yii::createObject() (one shared
 * onConnect handler), connected at once (asynchronous connects, as both implementations do
 * them), and the looper runs until every onConnect has fired. Measured: the growth of the
 * process's RSS and of PHP's heap (memory_get_usage()) per connection, after a GC, and the time
 * from the first connect() to the last onConnect. Every client must be connected with a distinct
 * local address.
 *
 * The original opens its sockets with STREAM_CLIENT_PERSISTENT, so clients with the same target
 * would share one socket: there each client gets its own target string, "tcp://127.0.0.1:PORT/$i"
 * (PHP's stream layer reads the port up to the "/", and the persistent-socket key is the whole
 * string); the extension has one socket per client and refuses such a target, so it gets
 * "tcp://127.0.0.1:PORT". The looper is stream_select(): the original cannot
 * watch descriptors >= 1024 (FD_SETSIZE), so N stays below that (the driver uses 1,000).
 * IMPL: original | native. Args: port=, n=, limit=.
 */
require __DIR__ . '/real-common.php';

$impl = impl();
$port = arg('port');
$n = arg('n', 1000);
$limit = arg('limit', 60.0);
real_start($impl);

$connected = 0;
$want = 1;
$failed = null;
$onConnect = function ($e) use (&$connected, &$want) {
    if (++$connected === $want) {
        real_end();
    }
};
$onFailed = function ($e) use (&$failed) {
    $failed = "connect failed: $e->errstr";
    real_end();
};
$make = function (string $tag) use ($port, $onConnect, $onFailed, $impl) {
    $target = "tcp://127.0.0.1:$port" . ($impl === 'original' ? "/$tag" : '');
    $c = Yii::createObject(['class' => beyod\StreamClient::class, 'target' => $target,
        'parser' => null, 'timeout' => 30]);
    $c->on(beyod\Server::ON_CONNECT, $onConnect);
    $c->on(beyod\Server::ON_CONNECT_FAILED, $onFailed);
    return $c;
};

// Warm-up: one connection, not counted.
$warm = $make('warm');
$warm->connect();
if (!real_loop($limit) || $failed !== null || $connected !== 1) {
    fail($failed ?? 'the warm-up connection did not connect');
}
gc_collect_cycles();
$rss0 = rss_kib();
$heap0 = memory_get_usage();

$connected = 0;
$want = $n;
$clients = [];
$t0 = now();
for ($i = 0; $i < $n && $failed === null; $i++) {
    $c = $make((string) $i);
    $c->connect();
    $clients[] = $c;
}
$finished = $failed === null ? real_loop($limit) : true;
$t1 = now();
gc_collect_cycles();
$rss1 = rss_kib();
$heap1 = memory_get_usage();

idle_done($clients, $n, $connected, $failed, $finished, $limit, $t1 - $t0, $rss1 - $rss0, $heap1 - $heap0);
