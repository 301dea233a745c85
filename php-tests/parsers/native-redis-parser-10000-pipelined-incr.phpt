--TEST--
beyod\ext\RedisParser: 10,000 INCR commands pipelined (all sent at once, queued before the connection is up) are all answered, in order (1 .. 10000), one onMessage each; a GET afterwards reads the final value
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
<?php exec('command -v redis-server', $o, $rc); if ($rc !== 0) die('skip redis-server not installed'); ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;
use beyod\ext\RedisParser;

[$redis, $path] = start_redis_server();
$c = new StreamClient(['target' => "unix://$path", 'parser' => new RedisParser()]);
$replies = new ArrayObject();
$c->on('onMessage', function ($e) use ($replies) { $replies[] = $e->message; });
$c->connect();
$n = 10000;
$accepted = 0;
for ($i = 0; $i < $n; $i++) {
    if ($c->send(['INCR', 'pipelined']) !== false) {
        $accepted++;
    }
}
echo "send() accepted: $accepted\n";
wait_until(fn () => count($replies) >= $n, 4, 'all replies');
echo 'replies: ', count($replies), "\n";
echo 'in order 1..10000, all ints: ', var_export($replies->getArrayCopy() === range(1, $n), true), "\n";
$c->send(['GET', 'pipelined']);
wait_until(fn () => count($replies) > $n, 3, 'GET');
var_dump($replies[$n] ?? null);
$c->close();
stop_redis_server($redis);
?>
--EXPECT--
send() accepted: 10000
replies: 10000
in order 1..10000, all ints: true
string(5) "10000"
