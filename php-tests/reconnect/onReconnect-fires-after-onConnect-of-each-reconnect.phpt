--TEST--
onReconnect fires after onConnect (and afterConnected()) on every connection but the first: a server that closes each connection after one line, reconnect_interval 0.1: onConnect twice, onReconnect once, after the second onConnect; getStats() counts connects 2, reconnects 1
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

class Client extends StreamClient
{
    public function afterConnected()
    {
        echo "afterConnected\n";
    }
}

[$srv, $port] = start_server('close-after.php', 1);   // "conn<k> line1\n", then FIN
$c = new Client(['target' => tcp_target($port), 'parser' => 'LineParser', 'reconnect_interval' => 0.1]);
$st = new stdClass();
$st->done = false;
$c->on('onConnect', fn ($e) => print("onConnect\n"));
$c->on('onReconnect', function ($e) use ($c) {
    echo "onReconnect ", short_class($e), " sender is the client: ", var_export($e->sender === $c, true),
        " established: ", var_export($e->sender->isEstablished, true), "\n";
});
$c->on('onMessage', function ($e) use ($st) {
    echo "onMessage {$e->message}\n";
    if ($e->message === 'conn2 line1') {
        $e->sender->close();      // by self: no third connection
        $st->done = true;
    }
});
$c->on('onClose', function ($e) {
    echo "onClose by={$e->by}\n";
});
$c->connect();
wait_until(fn () => $st->done, 3, 'second connection');
run_loop_for(0.2);
$s = $c->getStats();
echo "connects={$s['connects']} reconnects={$s['reconnects']} state={$s['state']}\n";
stop_server($srv);
?>
--EXPECT--
onConnect
afterConnected
onMessage conn1 line1
onClose by=1
onConnect
afterConnected
onReconnect IOEvent sender is the client: true established: true
onMessage conn2 line1
onClose by=0
connects=2 reconnects=1 state=closed
