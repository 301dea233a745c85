--TEST--
isClosed()/getIsClosed()/getIsEstablished()/isConnnected() (sic)/isConnected() before connect, while connecting, established, after peer close, after reconnect, after self close
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

function state($label, StreamClient $c)
{
    printf("%-12s closed=%d getIsClosed=%d established=%d connnected=%d connected=%d\n", $label,
        $c->isClosed(), $c->getIsClosed(), $c->getIsEstablished(), $c->isConnnected(), $c->isConnected());
}

// the server closes each connection 300 ms after accepting it
[$srv, $port] = start_server('close-after.php', 0, 'lines', '--delay=300');
$c = new StreamClient(['target' => tcp_target($port)]);
$st = new stdClass();
$st->closed = 0;
$c->on('onConnect', fn ($e) => state('onConnect', $e->sender));
$c->on('onClose', function ($e) use ($st) { state('onClose by ' . $e->by, $e->sender); $st->closed++; });
state('new', $c);
$c->connect();
state('connecting', $c);   // not established: "closed or not established" in the original
wait_until(fn () => $st->closed === 1, 3, 'peer close');
state('after peer', $c);
$c->connect();
wait_until(fn () => $c->isConnected(), 3, 'reconnect');
state('reconnected', $c);
$c->close();
state('after close', $c);
stop_server($srv);
?>
--EXPECT--
new          closed=1 getIsClosed=1 established=0 connnected=0 connected=0
connecting   closed=1 getIsClosed=1 established=0 connnected=0 connected=0
onConnect    closed=0 getIsClosed=0 established=1 connnected=1 connected=1
onClose by 1 closed=1 getIsClosed=1 established=0 connnected=0 connected=0
after peer   closed=1 getIsClosed=1 established=0 connnected=0 connected=0
onConnect    closed=0 getIsClosed=0 established=1 connnected=1 connected=1
reconnected  closed=0 getIsClosed=0 established=1 connnected=1 connected=1
onClose by 0 closed=1 getIsClosed=1 established=0 connnected=0 connected=0
after close  closed=1 getIsClosed=1 established=0 connnected=0 connected=0
