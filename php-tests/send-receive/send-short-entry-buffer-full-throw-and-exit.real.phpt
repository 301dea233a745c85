--TEST--
Sending to a peer that never reads, with the real beyod and Yii 2: send($message) with one argument (the extension's short entry for a beyod redis Request, a string with beyod's text parser, a string without a parser) and send($message, false) (the generated handler) give the same results: true/int, then false with onBufferFull; an exception thrown by an onBufferFull handler comes out of send() (and $redis->set()); exit() in one ends the script, shutdown functions run
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
<?php require __DIR__ . '/../inc/real-code.php'; skip_without_real_code(); ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
require __DIR__ . '/../inc/real-code.php';
load_real_code();
use beyod\protocol\redis\Request;

[$srv, $port] = start_server('never-read.php');
$value = str_repeat('v', 65536);

/** Sends SETs until one is refused; returns the shape of what send() returned, and the full count. */
function fill(callable $send, int $max = 3000): string
{
    $seq = [];
    for ($i = 0; $i < $max; $i++) {
        $r = $send($i);
        $seq[] = $r === true ? 'T' : ($r === false ? 'F' : (is_int($r) ? 'I' : '?'));
        if ($r === false) {
            break;
        }
    }
    $s = implode('', $seq);
    return preg_match('/^T*I+F$/', $s) ? 'true* int+ false' : $s;
}

$redisClient = ['class' => 'beyod\protocol\redis\Client'];
$textClient = ['class' => 'beyod\StreamClient', 'parser' => ['class' => 'beyod\protocol\text\Parser']];
$rawClient = ['class' => 'beyod\StreamClient', 'parser' => null];
$cases = [
    'redis set() (the short entry)' => [$redisClient, fn ($c, $i) => $c->set("k$i", $value)],
    'redis send($request, false) (the generated handler)' => [$redisClient, fn ($c, $i) => $c->send(new Request('set', ["k$i", $value]), false)],
    'text parser send($line) (the short entry)' => [$textClient, fn ($c, $i) => $c->send("line $i $value")],
    'text parser send($line, false) (the generated handler)' => [$textClient, fn ($c, $i) => $c->send("line $i $value", false)],
    'no parser send($bytes) (the short entry)' => [$rawClient, fn ($c, $i) => $c->send($value)],
    'no parser send($bytes, false) (the generated handler)' => [$rawClient, fn ($c, $i) => $c->send($value, false)],
];
foreach ($cases as $how => [$config, $send]) {
    $client = Yii::createObject($config + ['target' => tcp_target($port), 'max_send_buffer_size' => 1 << 20, 'timeout' => 1]);
    $full = 0;
    $client->on('onBufferFull', function ($e) use (&$full) {
        $full++;
        if ($full === 2) {
            throw new RuntimeException("thrown by onBufferFull #$full");
        }
    });
    $connected = false;
    $client->on('onConnect', function () use (&$connected) { $connected = true; });
    $client->connect();
    looper_wait_until(function () use (&$connected) { return $connected; }, 3, 'the connect');
    echo "$how: ", fill(fn ($i) => $send($client, $i)), ", onBufferFull ", $full, ", full ", json_encode($client->bufferIsFull()), "\n";
    try {
        var_dump($send($client, 9999));
    } catch (RuntimeException $e) {
        echo "  came out of it: ", $e->getMessage(), "\n";
    }
    var_dump($send($client, 10000), $full);
    $client->close();
}

// exit() in an onBufferFull handler reached through the per-command entry
$redis = Yii::createObject(['class' => 'beyod\protocol\redis\Client', 'target' => tcp_target($port),
    'max_send_buffer_size' => 1 << 20, 'timeout' => 1]);
$redis->on('onBufferFull', function () {
    echo "onBufferFull: exit()\n";
    exit(0);
});
$connected = false;
$redis->on('onConnect', function () use (&$connected) { $connected = true; });
$redis->connect();
looper_wait_until(function () use (&$connected) { return $connected; }, 3, 'the connect');
register_shutdown_function(function () use ($srv) {
    echo "shutdown function ran\n";
    stop_server($srv);
});
for ($i = 0; $i < 3000; $i++) {
    $redis->set("k$i", $value);
}
echo "not reached\n";
?>
--EXPECT--
redis set() (the short entry): true* int+ false, onBufferFull 1, full true
  came out of it: thrown by onBufferFull #2
bool(false)
int(3)
redis send($request, false) (the generated handler): true* int+ false, onBufferFull 1, full true
  came out of it: thrown by onBufferFull #2
bool(false)
int(3)
text parser send($line) (the short entry): true* int+ false, onBufferFull 1, full true
  came out of it: thrown by onBufferFull #2
bool(false)
int(3)
text parser send($line, false) (the generated handler): true* int+ false, onBufferFull 1, full true
  came out of it: thrown by onBufferFull #2
bool(false)
int(3)
no parser send($bytes) (the short entry): true* int+ false, onBufferFull 1, full true
  came out of it: thrown by onBufferFull #2
bool(false)
int(3)
no parser send($bytes, false) (the generated handler): true* int+ false, onBufferFull 1, full true
  came out of it: thrown by onBufferFull #2
bool(false)
int(3)
onBufferFull: exit()
shutdown function ran
