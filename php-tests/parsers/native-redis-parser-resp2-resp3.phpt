--TEST--
beyod\ext\RedisParser against a real redis-server (unix socket): send([...]) encodes commands; SET/GET/INCR/RPUSH+LRANGE/HSET+HGETALL replies as PHP values (RESP2: HGETALL a flat list), binary-safe bulk strings, null for a missing key; error replies are beyod\ext\RedisError objects and the connection goes on; after HELLO 3 (RESP3) HGETALL is a map (keyed array), ZSCORE a float
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
use beyod\ext\RedisError;
use beyod\ext\RedisParser;

function show($v): string
{
    if ($v instanceof RedisError) {
        return 'RedisError(' . $v->message . '), as string: ' . var_export((string)$v === $v->message, true);
    }
    return get_debug_type($v) . ' ' . json_encode($v);
}

[$redis, $path] = start_redis_server();
$c = new StreamClient(['target' => "unix://$path", 'parser' => RedisParser::class]);
$replies = new ArrayObject();
$c->on('onMessage', function ($e) use ($replies) { $replies[] = $e->message; });
$c->connect();

$binary = "line1\r\nline2\0\xff" . str_repeat('z', 100000);
$commands = [
    ['SET', 'greeting', 'hello'],
    ['GET', 'greeting'],
    ['GET', 'no-such-key'],
    ['INCR', 'counter'],
    ['INCR', 'counter'],
    ['INCRBY', 'counter', 40],
    ['RPUSH', 'list', 'a', 'b', 'c'],
    ['LRANGE', 'list', 0, -1],
    ['LRANGE', 'no-such-list', 0, -1],
    ['HSET', 'hash', 'f1', 'v1', 'f2', 'v2'],
    ['HGETALL', 'hash'],
    ['SET', 'binary', $binary],
    ['STRLEN', 'binary'],
    ['INCR', 'greeting'],                   // error: not an integer
    ['LRANGE', 'greeting', 0, -1],          // error: WRONGTYPE
    ['NO-SUCH-COMMAND'],                    // error: unknown command
    ['SET', 'empty', ''],
    ['GET', 'empty'],
    ['ZADD', 'zset', '1.5', 'member'],
    ['ZSCORE', 'zset', 'member'],           // RESP2: a bulk string
];
foreach ($commands as $cmd) {
    $c->send($cmd);
}
wait_until(fn () => count($replies) >= count($commands), 3, 'RESP2 replies');
foreach ($commands as $i => $cmd) {
    echo str_pad(implode(' ', array_map(fn ($a) => strlen((string)$a) > 20 ? '<' . strlen($a) . ' bytes>' : $a, $cmd)), 28),
        '=> ', show($replies->offsetExists($i) ? $replies[$i] : "MISSING"), "\n";
}
$c->send(['GET', 'binary']);
wait_until(fn () => count($replies) > count($commands), 3, 'GET binary');
echo 'GET binary is byte-exact: ', var_export(($replies[count($commands)] ?? null) === $binary, true), "\n";

echo "-- HELLO 3\n";
$replies->exchangeArray([]);
$c->send(['HELLO', '3']);
$c->send(['HGETALL', 'hash']);
$c->send(['HGETALL', 'no-such-hash']);
$c->send(['ZSCORE', 'zset', 'member']);
$c->send(['GET', 'no-such-key']);
$c->send(['INCR', 'greeting']);
wait_until(fn () => count($replies) >= 6, 3, 'RESP3 replies');
$hello = $replies[0] ?? [];
echo 'HELLO 3 => ', get_debug_type($hello), ' with server=', json_encode($hello['server'] ?? null), ' proto=', json_encode($hello['proto'] ?? null), "\n";
foreach (['HGETALL hash', 'HGETALL no-such-hash', 'ZSCORE zset member', 'GET no-such-key', 'INCR greeting'] as $i => $label) {
    echo str_pad($label, 28), '=> ', show($replies->offsetExists($i + 1) ? $replies[$i + 1] : "MISSING"), "\n";
}
$c->close();
stop_redis_server($redis);
?>
--EXPECT--
SET greeting hello          => string "OK"
GET greeting                => string "hello"
GET no-such-key             => null null
INCR counter                => int 1
INCR counter                => int 2
INCRBY counter 40           => int 42
RPUSH list a b c            => int 3
LRANGE list 0 -1            => array ["a","b","c"]
LRANGE no-such-list 0 -1    => array []
HSET hash f1 v1 f2 v2       => int 2
HGETALL hash                => array ["f1","v1","f2","v2"]
SET binary <100014 bytes>   => string "OK"
STRLEN binary               => int 100014
INCR greeting               => RedisError(ERR value is not an integer or out of range), as string: true
LRANGE greeting 0 -1        => RedisError(WRONGTYPE Operation against a key holding the wrong kind of value), as string: true
NO-SUCH-COMMAND             => RedisError(ERR unknown command 'NO-SUCH-COMMAND', with args beginning with: ), as string: true
SET empty                   => string "OK"
GET empty                   => string ""
ZADD zset 1.5 member        => int 1
ZSCORE zset member          => string "1.5"
GET binary is byte-exact: true
-- HELLO 3
HELLO 3 => array with server="redis" proto=3
HGETALL hash                => array {"f1":"v1","f2":"v2"}
HGETALL no-such-hash        => array []
ZSCORE zset member          => float 1.5
GET no-such-key             => null null
INCR greeting               => RedisError(ERR value is not an integer or out of range), as string: true
