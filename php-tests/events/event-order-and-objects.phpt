--TEST--
A connection's life in events: onBeforeConnect (inside connect()), onConnect, onMessage, onClose by peer; beyod\ext event classes with sender/name/fields set
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

// the server sends one line the moment it accepts, then closes: data and FIN may arrive together
// with the connect completion, onConnect must still come first and onClose last.
[$srv, $port] = start_server('close-after.php', 1, 'lines');
$c = new StreamClient(['target' => tcp_target($port), 'parser' => 'LineParser']);
$st = new stdClass();
$st->closed = false;
$c->on('on*', function ($e) use ($c, $st) {
    $extra = '';
    if ($e instanceof \beyod\ext\MessageEvent) {
        $extra = ' message=' . json_encode($e->message);
    } elseif ($e instanceof \beyod\ext\CloseEvent) {
        $extra = " by={$e->by} closer=" . $e->getCloser();
        $st->closed = true;
    }
    echo get_class($e), " name={$e->name} sender=", $e->sender === $c ? 'client' : 'other', $extra, "\n";
});
$c->connect();
echo "connect() returned\n";
wait_until(fn () => $st->closed, 3, 'close');
stop_server($srv);
?>
--EXPECT--
beyod\ext\IOEvent name=onBeforeConnect sender=client
connect() returned
beyod\ext\IOEvent name=onConnect sender=client
beyod\ext\MessageEvent name=onMessage sender=client message="conn1 line1"
beyod\ext\CloseEvent name=onClose sender=client by=1 closer=peer
