--TEST--
4 MiB through a raw echo server in 64 KiB sends: every byte comes back, in order (no loss, no duplication)
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

[$srv, $port] = start_server('raw-echo.php');
$c = new StreamClient(['target' => tcp_target($port)]);
$st = new stdClass();
$st->len = 0;
$st->hash = hash_init('md5');
$c->on('onMessage', function ($e) use ($st) {
    $st->len += strlen($e->message);
    hash_update($st->hash, $e->message);
});
$c->connect();
$total = 4 * 1048576;
$refused = 0;
for ($off = 0; $off < $total; $off += 65536) {
    if ($c->send(pattern_bytes(65536, $off), true) === false) {
        $refused++;
    }
}
wait_until(fn () => $st->len >= $total, 4, 'echo of 4 MiB');
var_dump($refused, $st->len, hash_final($st->hash) === md5(pattern_bytes($total)));
$c->close();
stop_server($srv);
?>
--EXPECT--
int(0)
int(4194304)
bool(true)
