--TEST--
end(): queued bytes are written, then our FIN; the client keeps reading, gets the reply the peer sends only after our FIN as onMessage, then onClose with by 0 (no reconnect); send() after end() returns false; end() when not established returns false
--DESCRIPTION--
servers/until-eof.php answers only once it has read the client's FIN: "got <N> bytes", then it
closes. So the reply arriving at all proves end() sent a FIN while the connection stayed open for
reading. The close that follows counts as the client's own (by 0): reconnect_interval is set,
and no second connection is made.
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

[$srv, $port] = start_server('until-eof.php');
$c = new StreamClient(['target' => tcp_target($port), 'parser' => 'LineParser', 'reconnect_interval' => 0.1]);
echo "end() before connect: ", var_export($c->end(), true), "\n";
$st = new stdClass();
$st->closed = false;
$c->on('onConnect', function ($e) {
    $c = $e->sender;
    echo "onConnect\n";
    echo "send: ", var_export($c->send('first line') !== false, true), "\n";        // 11 bytes
    echo "send: ", var_export($c->send(str_repeat('x', 99)) !== false, true), "\n"; // 100 bytes
    echo "end(): ", var_export($c->end(), true), "\n";
    echo "send() after end(): ", var_export($c->send('too late'), true), "\n";
    echo "still established: ", var_export($c->isEstablished, true), "\n";
});
$c->on('onMessage', fn ($e) => print("onMessage {$e->message}\n"));
$c->on('onClose', function ($e) use ($st) {
    echo "onClose by={$e->by}\n";
    $st->closed = true;
});
$c->on('onError', fn ($e) => print("onError {$e->code} {$e->errstr}\n"));
$c->connect();
wait_until(fn () => $st->closed, 3, 'onClose');
run_loop_for(0.3);   // a reconnect would have happened by now
echo "server: ", server_line($srv, 1), "\n";
echo "closed: ", var_export($c->isClosed(), true), " connects: ", $c->getStats()['connects'], "\n";
echo "send() after the close: ", var_export($c->send('closed'), true), "\n";

// 16 MiB cannot be written at once (not even to loopback's large buffers): end() must write
// all of the queue before its FIN
$big = new StreamClient(['target' => tcp_target($port), 'parser' => 'LineParser', 'max_send_buffer_size' => 32 << 20]);
$big->on('onConnect', function ($e) {
    $r = $e->sender->send(str_repeat('y', 16 << 20), true);
    echo "16 MiB accepted: ", var_export($r !== false, true), "\n";
    echo "end(): ", var_export($e->sender->end(), true), "\n";
});
$big->on('onMessage', fn ($e) => print("onMessage {$e->message}\n"));
$big->on('onClose', function ($e) use ($st) {
    echo "onClose by={$e->by}\n";
    $st->bigClosed = true;
});
$st->bigClosed = false;
$big->connect();
wait_until(fn () => $st->bigClosed, 5, 'big onClose');
echo "server: ", server_line($srv, 1), "\n";
stop_server($srv);
?>
--EXPECT--
end() before connect: false
onConnect
send: true
send: true
end(): true
send() after end(): false
still established: true
onMessage got 111 bytes
onClose by=0
server: eof 1 111
closed: true connects: 1
send() after the close: false
16 MiB accepted: true
end(): true
onMessage got 16777216 bytes
onClose by=0
server: eof 2 16777216
