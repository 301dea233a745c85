--TEST--
getStats(): exact counters for known traffic (3 lines through a line echo: bytes/messages in and out, connects 1), phase timings of the connect, bytes_dropped and the send queue high-water mark when the queue is full, connect_failures and last_error (code 111) after a refused connect, counters kept after close()
--DESCRIPTION--
bytes_out/messages_out count what send() accepted (after the parser's encode(): "alpha\n" is 6
bytes), bytes_in what was read, messages_in the onMessage events. timings are seconds since
connect() of the last successful connection: dns (null when the target is an IP address),
tcp (TCP connected), tls (null without TLS), first_byte (first byte received).
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

function show(array $s): void
{
    $t = $s['timings'];
    unset($s['timings'], $s['last_error']);
    echo json_encode($s), "\n";
}

[$echo, $port] = start_server('line-echo.php');
$c = new StreamClient(['target' => tcp_target($port), 'parser' => 'LineParser']);
echo "before connect: ";
show($c->getStats());
var_dump($c->getStats()['timings'], $c->getStats()['last_error']);

$got = new ArrayObject();
$c->on('onConnect', function ($e) {
    $e->sender->send('alpha');     // 6 bytes
    $e->sender->send('bravo!');    // 7 bytes
    $e->sender->send('c');         // 2 bytes
});
$c->on('onMessage', function ($e) use ($got) { $got[] = $e->message; });
$c->connect();
wait_until(fn () => count($got) === 3, 3, 'three echoes');
echo "after 3 echoes: ";
show($c->getStats());
$t = $c->getStats()['timings'];
echo "dns: ", var_export($t['dns'], true), "; tls: ", var_export($t['tls'], true), "\n";
echo "tcp > 0: ", var_export(is_float($t['tcp']) && $t['tcp'] > 0 && $t['tcp'] < 1, true), "\n";
echo "first_byte after tcp: ", var_export(is_float($t['first_byte']) && $t['first_byte'] >= $t['tcp'] && $t['first_byte'] < 2, true), "\n";
$c->close();
echo "after close(): ";
show($c->getStats());

// a host name: the resolver's time is measured
$n = new StreamClient(['target' => "tcp://localhost:$port"]);
$n->connect();
wait_until(fn () => $n->isEstablished, 3, 'localhost');
$t = $n->getStats()['timings'];
echo "localhost: dns measured, before tcp: ", var_export(is_float($t['dns']) && $t['dns'] >= 0 && $t['dns'] <= $t['tcp'], true), "\n";
$n->close();

// a full queue: refused sends are counted in bytes_dropped
[$stalled, $port2] = start_server('never-read.php');
$f = new StreamClient(['target' => tcp_target($port2), 'parser' => 'LineParser', 'max_send_buffer_size' => 1000]);
$f->on('onBufferFull', fn () => print("onBufferFull\n"));
$f->connect();
wait_until(fn () => $f->isEstablished, 3, 'never-read');
$big = str_repeat('z', 32 << 20);
echo "32 MiB accepted (the queue was empty): ", var_export($f->send($big, true) !== false, true), "\n";
$refused = $f->send('dropped');   // 8 bytes with "\n"
echo "then refused: ", var_export($refused, true), "\n";
$s = $f->getStats();
echo "bytes_dropped={$s['bytes_dropped']} messages_out={$s['messages_out']} bytes_out=", $s['bytes_out'] === (32 << 20) ? '32 MiB' : $s['bytes_out'], "\n";
echo "send_queue > 1000: ", var_export($s['send_queue'] > 1000, true),
    "; high water >= send_queue: ", var_export($s['send_queue_high_water'] >= $s['send_queue'] && $s['send_queue_high_water'] <= (32 << 20), true), "\n";
$f->close();

// a refused connect
$r = new StreamClient(['target' => tcp_target(refused_port())]);
$r->on('onConnectFailed', fn ($e) => print("onConnectFailed code={$e->code}\n"));
$r->connect();
wait_until(fn () => $r->getStats()['connect_failures'] === 1, 3, 'refused');
$s = $r->getStats();
echo "refused: state={$s['state']} connects={$s['connects']} connect_failures={$s['connect_failures']} last_error code={$s['last_error']['code']}",
    " message non-empty: ", var_export(is_string($s['last_error']['message']) && $s['last_error']['message'] !== '', true), "\n";
stop_server($echo);
stop_server($stalled);
?>
--EXPECT--
before connect: {"state":"closed","connects":0,"reconnects":0,"connect_failures":0,"bytes_in":0,"bytes_out":0,"messages_in":0,"messages_out":0,"bytes_dropped":0,"send_queue":0,"send_queue_high_water":0,"alpn":null}
array(4) {
  ["dns"]=>
  NULL
  ["tcp"]=>
  NULL
  ["tls"]=>
  NULL
  ["first_byte"]=>
  NULL
}
NULL
after 3 echoes: {"state":"established","connects":1,"reconnects":0,"connect_failures":0,"bytes_in":15,"bytes_out":15,"messages_in":3,"messages_out":3,"bytes_dropped":0,"send_queue":0,"send_queue_high_water":0,"alpn":null}
dns: NULL; tls: NULL
tcp > 0: true
first_byte after tcp: true
after close(): {"state":"closed","connects":1,"reconnects":0,"connect_failures":0,"bytes_in":15,"bytes_out":15,"messages_in":3,"messages_out":3,"bytes_dropped":0,"send_queue":0,"send_queue_high_water":0,"alpn":null}
localhost: dns measured, before tcp: true
32 MiB accepted (the queue was empty): true
onBufferFull
then refused: false
bytes_dropped=8 messages_out=1 bytes_out=32 MiB
send_queue > 1000: true; high water >= send_queue: true
onConnectFailed code=111
refused: state=closed connects=0 connect_failures=1 last_error code=111 message non-empty: true
