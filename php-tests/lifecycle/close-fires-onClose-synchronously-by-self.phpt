--TEST--
close(): onClose (CloseEvent, by 0, getCloser() "self") fires inside close(); status, id and $connections are updated at once; a second close() fires nothing
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

[$srv, $port] = start_server('line-echo.php');
$c = new StreamClient(['target' => tcp_target($port)]);
$c->on('onClose', function ($e) use ($c) {
    echo "onClose ", get_class($e), " by={$e->by} closer=", $e->getCloser(), " sender=", $e->sender === $c ? 'client' : 'other',
        " closed=", var_export($c->isClosed(), true), "\n";
});
$c->connect();
wait_until(fn () => $c->isEstablished, 3, 'connect');
var_dump(StreamClient::$connections === [1 => $c]);
echo "before close\n";
$c->close();
echo "after close\n";
var_dump($c->isClosed(), $c->getId(), StreamClient::$connections);
$c->close();           // already closed: no second onClose
run_loop_for(0.2);     // and nothing later from the loop either
echo "after second close\n";
var_dump($c->send('late'));
stop_server($srv);
?>
--EXPECT--
bool(true)
before close
onClose beyod\ext\CloseEvent by=0 closer=self sender=client closed=true
after close
bool(true)
NULL
array(0) {
}
after second close
bool(false)
