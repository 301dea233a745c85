--TEST--
reconnect_interval > 0: a refused connect is retried after the interval; off('onConnectFailed', [$c, 'reConnect']) stops retrying and run() returns
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

$c = new StreamClient(['target' => tcp_target(refused_port()), 'reconnect_interval' => 0.1]);
var_dump($c->hasEventHandlers('onConnectFailed'), $c->hasEventHandlers('onClose'));
$st = new stdClass();
$st->fails = 0;
$c->on('onConnectFailed', function ($e) use ($c, $st) {
    $st->fails++;
    echo "onConnectFailed #{$st->fails} code={$e->code}\n";
    if ($st->fails === 2) {
        // [$c, 'reConnect'] was attached by init(), before this handler: it has already scheduled
        // attempt #3 for this failure; removing it stops the retries after that one.
        var_dump($c->off('onConnectFailed', [$c, 'reConnect']));
    }
});
$c->connect();
$took = run_until_idle(4);     // after the third failure nothing is left: run() returns
var_dump($st->fails, $took >= 0.18);
?>
--EXPECT--
bool(true)
bool(true)
onConnectFailed #1 code=111
onConnectFailed #2 code=111
bool(true)
onConnectFailed #3 code=111
int(3)
bool(true)
