--TEST--
close() right after big send()s: onClose fires at once, yet every byte send() accepted is still delivered to the peer (flushed in the background)
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;
use beyod\ext\Loop;

// the sink reads only after 300 ms, so most of the data is still queued in the client at close()
[$srv, $port] = start_server('sink.php', '--delay=300');
$c = new StreamClient(['target' => tcp_target($port), 'timeout' => 5]);
$c->on('onClose', fn ($e) => print("onClose by {$e->by}\n"));
$c->connect();
wait_until(fn () => $c->isEstablished, 3, 'connect');

$total = 8 * 1048576;
$accepted = 0;
$hash = hash_init('md5');
for ($off = 0; $off < $total; $off += 524288) {
    $data = pattern_bytes(524288, $off);
    $r = $c->send($data, true);
    if ($r === false) {
        echo "send refused at $off\n";
        break;
    }
    $accepted += strlen($data);
    hash_update($hash, $data);
}
var_dump($accepted, $c->bufferIsFull());
$c->close();
echo "closed\n";
var_dump($c->isClosed(), $c->send('too late', true));
run_until_idle(5);     // returns once the background flush is done
$line = server_line($srv, 5);
echo $line === "conn1 $accepted " . hash_final($hash) ? "sink got every accepted byte\n" : "sink: $line\n";
stop_server($srv);
?>
--EXPECT--
int(8388608)
bool(false)
onClose by 0
closed
bool(true)
bool(false)
sink got every accepted byte
