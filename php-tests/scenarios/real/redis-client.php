<?php
/**
 * beyod's redis Client against Debian's redis-server (on a loopback port), written only against
 * beyod's API so the same script runs with the extension and with the original: commands through
 * __call() (a Request encoded by beyod's redis Parser), pipelined, every reply kind as beyod's
 * Response (status, error, integer, bulk, nil, array, an array with a nil), binary-safe values,
 * replies split across reads (a 300 kB value), integer, boolean and float parameters, a two-word
 * command, every field of each Response (its protected len and rawData too), and an unknown method.
 */
use beyod\protocol\redis\Response;

require_once __DIR__ . '/../../inc/helpers.php';
require_once __DIR__ . '/../../inc/real-code.php';
if (!class_exists('Yii', false)) {
    load_real_code();
}
[$redisProc, $redisTarget] = start_redis_server(true);

$redis = Yii::createObject(['class' => 'beyod\protocol\redis\Client', 'target' => $redisTarget]);
echo get_class($redis), ", parser ", get_class($redis->parser), "\n";
$replies = [];
$redis->on('onMessage', function ($e) use (&$replies) {
    $replies[] = $e->message;
});
$connected = false;
$redis->on('onConnect', function () use (&$connected) {
    $connected = true;
});
$redis->connect();
looper_wait_until(function () use (&$connected) { return $connected; }, 3, 'the connect');

$big = str_repeat("\0\r\n binary \xff", 30000);   // 360 kB: many reads
$sent = [];
$sent[] = $redis->del('k', 'n', 'list', 'big');
$sent[] = $redis->set('k', "va\r\nlue");
$sent[] = $redis->get('k');
$sent[] = $redis->incr('n');
$sent[] = $redis->incrby('n', 41);
$sent[] = $redis->get('missing');
$sent[] = $redis->rpush('list', 'a', '', 'c');
$sent[] = $redis->lrange('list', 0, -1);
$sent[] = $redis->mget('k', 'missing', 'n');
$sent[] = $redis->hget('k', 'field');            // WRONGTYPE error
$sent[] = $redis->set('big', $big);
$sent[] = $redis->get('big');
$sent[] = $redis->ping();
$sent[] = $redis->decrby('m', 1);                // -1: beyod's Response makes it 0
$sent[] = $redis->set('i', 5);                   // an integer parameter
$sent[] = $redis->set('t', true);                // a boolean one (cast by __toString())
$sent[] = $redis->set('f', 1.5);                 // a float one
$sent[] = $redis->mget('i', 't', 'f');
$sent[] = $redis->send(new beyod\protocol\redis\Request('CLIENT SETNAME', ['tester']));   // two words
$sent[] = $redis->send(new beyod\protocol\redis\Request('CLIENT GETNAME'));
$sent[] = $redis->set('', '');                   // empty key and value
$sent[] = $redis->get('');
echo "send() returned: ", json_encode($sent), "\n";
looper_wait_until(function () use (&$replies) { return count($replies) >= 22; }, 5, 'the replies');

foreach ($replies as $i => $r) {
    if (!$r instanceof Response) {
        echo "$i: not a Response: ", get_debug_type($r), "\n";
        continue;
    }
    $data = $r->getData();
    $shown = is_string($data) && strlen($data) > 40 ? 'string of ' . strlen($data) . ' bytes, identical: ' . json_encode($data === $big)
        : json_encode($data);
    echo "$i: type ", json_encode($r->getType()), ", error ", json_encode($r->getError()), ", null ", json_encode($r->isNull()),
        ", data $shown\n";
    // every field the constructor set (a long one by its hash)
    $fields = (function () { return get_object_vars($this); })->call($r);
    array_walk_recursive($fields, function (&$v) { $v = is_string($v) && strlen($v) > 40 ? 'md5 ' . md5($v) : $v; });
    echo "   fields ", json_encode($fields), "\n";
}
try {
    $redis->notACommand(1);
} catch (Throwable $e) {
    echo "unknown method: ", get_class($e), ": ", $e->getMessage(), "\n";
}
$redis->close();
stop_redis_server($redisProc);
