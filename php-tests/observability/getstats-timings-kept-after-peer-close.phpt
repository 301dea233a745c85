--TEST--
getStats() phase timings of a connection the peer closed: the same tcp/first_byte in onMessage, in onClose and after it (the client reads them from the reactor while the connection lives and keeps them when it ends); a reconnect shows the new connection's; close() by self keeps them too
--DESCRIPTION--
The server sends two lines and closes (FIN). Both lines and the close are read in one round, so
the connection is already gone from the reactor when the onMessage handlers run: getStats() must
still give its timings there, in onClose and after, and they must not change (first_byte is set
once). After a reconnect the timings are the second connection's (a later tcp time, measured
from the second connect()).
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

[$srv, $port] = start_server('close-after.php', 2);
$c = new StreamClient(['target' => tcp_target($port), 'parser' => 'LineParser']);
$seen = new ArrayObject();
$c->on('onMessage', function ($e) use ($seen) {
    $seen[] = ['msg', $e->message, $e->sender->getStats()['timings']];
});
$c->on('onClose', function ($e) use ($seen) {
    $seen[] = ['close', $e->by, $e->sender->getStats()['timings']];
});
$c->connect();
wait_until(fn () => count($seen) === 3, 3, 'two lines and the close');
$after = $c->getStats()['timings'];

$t = $seen[0][2];
echo "tcp measured: ", var_export(is_float($t['tcp']) && $t['tcp'] > 0, true), "\n";
echo "first_byte measured, after tcp: ", var_export(is_float($t['first_byte']) && $t['first_byte'] >= $t['tcp'], true), "\n";
foreach ($seen as [$what, $x, $timings]) {
    echo "$what ", json_encode($x), ": same timings: ", var_export($timings === $t, true), "\n";
}
echo "after onClose: same timings: ", var_export($after === $t, true), "\n";
echo "state: ", $c->getStats()['state'], "\n";

// a second connection: its own timings (counted from its own connect())
usleep(20000);
$seen->exchangeArray([]);
$c->connect();
wait_until(fn () => count($seen) === 3, 3, 'the second connection');
$t2 = $c->getStats()['timings'];
echo "reconnected: connects=", $c->getStats()['connects'], ", new timings: ", var_export($t2 !== $t && is_float($t2['first_byte']), true), "\n";

// closed by self while established: the timings stay
[$echo, $port2] = start_server('line-echo.php');
$d = new StreamClient(['target' => tcp_target($port2), 'parser' => 'LineParser']);
$got = new ArrayObject();
$d->on('onMessage', function ($e) use ($got) { $got[] = $e->message; });
$d->connect();
wait_until(fn () => $d->isEstablished, 3, 'established');
$d->send('ping');
wait_until(fn () => count($got) === 1, 3, 'the echo');
$live = $d->getStats()['timings'];
$d->close();
echo "close() by self: same timings: ", var_export($d->getStats()['timings'] === $live && is_float($live['first_byte']), true), "\n";
?>
--EXPECT--
tcp measured: true
first_byte measured, after tcp: true
msg "conn1 line1": same timings: true
msg "conn1 line2": same timings: true
close 1: same timings: true
after onClose: same timings: true
state: closed
reconnected: connects=2, new timings: true
close() by self: same timings: true
