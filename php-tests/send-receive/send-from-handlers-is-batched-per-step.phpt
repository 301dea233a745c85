--TEST--
send() from a handler returns true and the bytes go out when the loop step's handlers return, one write per connection (none on the wire before, all after, in order); a batch reaching max_send_buffer_size is written at once instead of refusing anything; outside a handler an idle connection writes at once; beyod_streamclient.batch_writes=0 writes each send() at once
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

// The server side lives in this process, so the test can look at the wire from inside a
// handler: stream_select() on the accepted socket says whether any byte arrived yet.
$srv = stream_socket_server('tcp://127.0.0.1:0');
$port = (int)parse_url('tcp://' . stream_socket_get_name($srv, false), PHP_URL_PORT);
$peer = null;
function arrived($peer): bool
{
    $r = [$peer];
    $w = $e = null;
    return stream_select($r, $w, $e, 0) > 0;
}
function read_exactly($peer, int $n): string
{
    $got = '';
    $end = microtime(true) + 3;
    while (strlen($got) < $n && microtime(true) < $end) {
        $r = [$peer];
        $w = $e = null;
        if (stream_select($r, $w, $e, 0, 50000)) {
            $got .= fread($peer, $n - strlen($got));
        } else {
            Loop::tick(0);
        }
    }
    return $got;
}

$c = new StreamClient(['target' => tcp_target($port), 'parser' => 'LineParser', 'max_send_buffer_size' => 1000]);
$results = [];
$c->on('onConnect', function ($e) use (&$results, &$peer, $srv) {
    $peer = stream_socket_accept($srv, 3);
    for ($i = 0; $i < 10; $i++) {
        $results[] = $e->sender->send("line $i");
    }
    echo 'on the wire after 10 sends, before the handler returned: ', json_encode(arrived($peer)), "\n";
    // 300 lines of ~9 bytes pass max_send_buffer_size (1000): written as the batch reaches
    // it, never refused.
    for ($i = 10; $i < 300; $i++) {
        $results[] = $e->sender->send("line $i");
    }
});
$c->connect();
wait_until(function () use (&$peer) { return $peer !== null; }, 3, 'connected');
echo 'send() results: ', json_encode(array_count_values(array_map('json_encode', $results))), "\n";
$expected = '';
for ($i = 0; $i < 300; $i++) {
    $expected .= "line $i\n";
}
echo 'all 300 lines, in order: ', json_encode(read_exactly($peer, strlen($expected)) === $expected), "\n";
echo 'stats: ', json_encode(array_intersect_key($c->getStats(), ['bytes_dropped' => 1, 'send_queue' => 1, 'messages_out' => 1])), "\n";

// Outside any handler: written at once.
var_dump($c->send('top level'));
echo 'top-level send on the wire at once: ', json_encode(arrived($peer)), "\n";
echo json_encode(fread($peer, 100)), "\n";

// Off: a handler's send() is written at once.
ini_set('beyod_streamclient.batch_writes', '0');
$seen = null;
$c->on('onMessage', function ($e) use (&$seen, $peer) {
    var_dump($e->sender->send('reply'));
    $seen = arrived($peer);
});
fwrite($peer, "question\n");
wait_until(function () use (&$seen) { return $seen !== null; }, 3, 'question');
echo 'batch_writes=0: on the wire before the handler returned: ', json_encode($seen), "\n";
echo json_encode(fread($peer, 100)), "\n";
$c->close();
fclose($peer);
?>
--EXPECT--
on the wire after 10 sends, before the handler returned: false
send() results: {"true":300}
all 300 lines, in order: true
stats: {"messages_out":300,"bytes_dropped":0,"send_queue":0}
bool(true)
top-level send on the wire at once: true
"top level\n"
bool(true)
batch_writes=0: on the wire before the handler returned: true
"reply\n"
