<?php
/**
 * Workload 6: N idle established connections. Creates N clients (one shared onConnect
 * handler), connects them all, waits until every onConnect has fired, then measures the
 * growth of the process's RSS (and of PHP's heap) per connection, and the time from the first
 * connect() to the last onConnect. Every client must report a distinct local address.
 * IMPL native: asynchronous connects on the extension's epoll reactor. IMPL php: the baseline
 * connects blocking (one at a time), since stream_select() cannot watch descriptors >= 1024.
 * Args: port=, n=, limit=.
 */
require __DIR__ . '/common.php';

$impl = impl();
$port = arg('port');
$n = arg('n', 10000);
$limit = arg('limit', 60.0);

$class = client_class($impl);
$connected = 0;
$failed = null;
$onConnect = function ($e) use (&$connected, $n, $impl) {
    if (++$connected === $n && $impl === 'native') {
        \beyod\ext\Loop::stop();
    }
};
$onFailed = function ($e) use (&$failed, $impl) {
    $failed = "connect failed: $e->errstr";
    if ($impl === 'native') {
        \beyod\ext\Loop::stop();
    }
};
$config = ['target' => "tcp://127.0.0.1:$port", 'parser' => null, 'timeout' => 30];
if ($impl === 'php') {
    $config['blocking_connect'] = true;
}
// Warm up: load the classes, start the runtime, so that only per-connection costs remain.
$warm = new $class($config);
unset($warm);
gc_collect_cycles();
$rss0 = rss_kib();
$heap0 = memory_get_usage();

$clients = [];
$t0 = now();
for ($i = 0; $i < $n && $failed === null; $i++) {
    $c = new $class($config);
    $c->on('onConnect', $onConnect);
    $c->on('onConnectFailed', $onFailed);
    $c->connect();
    $clients[] = $c;
}
if ($impl === 'native' && $connected < $n && $failed === null) {
    $guard = \beyod\ext\Loop::after($limit, fn () => \beyod\ext\Loop::stop());
    \beyod\ext\Loop::run();
    \beyod\ext\Loop::cancel($guard);
}
$t1 = now();
gc_collect_cycles();
$rss1 = rss_kib();
$heap1 = memory_get_usage();

idle_done($clients, $n, $connected, $failed, true, $limit, $t1 - $t0, $rss1 - $rss0, $heap1 - $heap0);
