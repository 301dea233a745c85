--TEST--
getId(): null until established, ids 1, 2, 3 for three connections, the id of a closed connection is reused (lowest free first), null again after close
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
$mk = fn () => new StreamClient(['target' => tcp_target($port)]);
$a = $mk();
$b = $mk();
$c = $mk();
var_dump($a->getId());
$a->connect();
var_dump($a->getId());     // connecting: still null
wait_until(fn () => $a->isEstablished, 3, 'a');
$b->connect();
wait_until(fn () => $b->isEstablished, 3, 'b');
$c->connect();
wait_until(fn () => $c->isEstablished, 3, 'c');
echo "ids: ", $a->getId(), ' ', $b->getId(), ' ', $c->getId(), "\n";

$b->close();
var_dump($b->getId());
$d = $mk();
$d->connect();
wait_until(fn () => $d->isEstablished, 3, 'd');
echo "new connection reuses: ", $d->getId(), "\n";

// a client that was never connected and is destroyed does not disturb the pool
$e = $mk();
unset($e);
$a->close();
$c->close();
$f = $mk();
$f->connect();
wait_until(fn () => $f->isEstablished, 3, 'f');
echo "lowest free: ", $f->getId(), "\n";
// the same client reconnecting gets an id again
$b->connect();
wait_until(fn () => $b->isEstablished, 3, 'b again');
echo "b again: ", $b->getId(), "\n";
foreach ([$b, $d, $f] as $x) {
    $x->close();
}
stop_server($srv);
?>
--EXPECT--
NULL
NULL
ids: 1 2 3
NULL
new connection reuses: 2
lowest free: 1
b again: 3
