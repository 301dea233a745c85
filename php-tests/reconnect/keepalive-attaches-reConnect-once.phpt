--TEST--
With reconnect_interval > 0, init()/keepalive() attach [$client, 'reConnect'] to onClose and onConnectFailed (once, however often called) and keep the user's handlers; reConnect() after a close by self does nothing
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
use beyod\StreamClient;
use beyod\ext\CloseEvent;

$c = new StreamClient(['reconnect_interval' => 1, 'on onClose' => fn () => print("user onClose\n")]);
var_dump($c->hasEventHandlers('onClose'), $c->hasEventHandlers('onConnectFailed'));
$c->keepalive();
$c->keepalive();
// exactly one reConnect handler each: removing it once empties onConnectFailed
var_dump($c->off('onConnectFailed', [$c, 'reConnect']), $c->hasEventHandlers('onConnectFailed'));
var_dump($c->off('onClose', [$c, 'reConnect']), $c->hasEventHandlers('onClose'));
$c->trigger('onClose', new CloseEvent());

$d = new StreamClient();
var_dump($d->hasEventHandlers('onClose'), $d->hasEventHandlers('onConnectFailed'));   // interval 0: nothing attached
$d->reconnect_interval = 0.5;
$d->keepalive();
var_dump($d->hasEventHandlers('onClose'));
// reConnect() for a close by self schedules nothing
$ev = new CloseEvent(['by' => CloseEvent::BY_SELF]);
$ev->sender = $d;
var_dump($d->reConnect($ev));
var_dump(\beyod\ext\Loop::tick(0));
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
bool(false)
bool(true)
bool(true)
user onClose
bool(false)
bool(false)
bool(true)
bool(false)
int(0)
