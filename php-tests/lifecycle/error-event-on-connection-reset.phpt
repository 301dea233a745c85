--TEST--
The peer aborts with a RST: onClose fires once with by=1 (an onError, if any, comes first and carries ECONNRESET/EPIPE); send() afterwards returns false; nothing fires later
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

[$srv, $port] = start_server('reset.php', '--delay=100');
$c = new StreamClient(['target' => tcp_target($port)]);
$st = new stdClass();
$st->events = [];
$c->on('onError', function ($e) use ($st) {
    $st->events[] = get_class($e) . ' code=' . (in_array($e->code, [104, 32], true) ? 'ECONNRESET/EPIPE' : $e->code);
});
$c->on('onClose', function ($e) use ($st) { $st->events[] = "onClose by {$e->by}"; });
$c->connect();
wait_until(fn () => in_array('onClose by 1', $st->events, true), 3, 'close after reset');
run_loop_for(0.2);
echo implode("\n", $st->events), "\n";
var_dump($c->send('x', true), $c->isClosed());
stop_server($srv);
?>
--EXPECTREGEX--
^(beyod\\ext\\ErrorEvent code=ECONNRESET\/EPIPE\n)?onClose by 1
bool\(false\)
bool\(true\)$
