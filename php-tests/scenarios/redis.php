<?php
/**
 * Scenario: the redis example. A real redis-server (Debian's, on a unix socket) through a
 * StreamClient subclass whose __call() turns $redis->set('a', 1) into a command and falls
 * back to parent::__call(): beyod's own redis Client and parser with beyod, the same shape
 * written by the application without it. With Yii the client comes from
 * Yii::createObject(['class' => …, 'target' => …]) — built first, configured after, so the
 * configuration takes effect at connect().
 */
use beyod\StreamClient;

require_once __DIR__ . '/../../examples/RespParser.php';

/** Without beyod: the application's own redis client, shaped like beyod's. */
class DemoRedisClient extends StreamClient
{
    public $parser = 'Example\Redis\RespParser';

    public function __call($name, $params)
    {
        if (in_array(strtoupper($name), ['GET', 'SET', 'DEL', 'INCR', 'PING', 'LPUSH', 'LRANGE'], true)) {
            return $this->send(array_merge([strtoupper($name)], $params));
        }
        return parent::__call($name, $params);
    }
}

/** A reply as plain PHP data: beyod's Response objects are unwrapped. */
function reply($m)
{
    if ($m instanceof beyod\protocol\redis\Response) {
        return $m->getError() !== null ? 'ERR ' . $m->getError() : $m->getData();
    }
    return $m instanceof Exception ? 'ERR ' . $m->getMessage() : $m;
}

$redisServer = start_redis();
$class = with_beyod() ? 'beyod\protocol\redis\Client' : 'DemoRedisClient';
$redis = make_object(['class' => $class, 'target' => 'unix://' . $redisServer[1]]);
echo "client: ", get_class($redis), ", parser: ", get_class($redis->parser), "\n";

$replies = [];
$redis->on(StreamClient::ON_MESSAGE, function ($e) use (&$replies) {
    $replies[] = reply($e->message);
});
// queued before connect(), flushed once connected, pipelined
$redis->del('counter', 'list');
$redis->set('greeting', 'hello from ' . MODE);
$redis->get('greeting');
for ($i = 0; $i < 100; $i++) {
    $redis->incr('counter');
}
$redis->lpush('list', 'a', 'b');
$redis->lrange('list', 0, -1);
$redis->get('missing');
$redis->connect();
wait_until(function () use (&$replies) { return count($replies) >= 106; }, 5, 'replies');

echo "DEL -> ", json_encode($replies[0]), "\n";
echo "SET -> ", json_encode($replies[1]), "\n";
echo "GET -> ", json_encode($replies[2]), "\n";
echo "INCR x100 -> ", json_encode(array_slice($replies, 3, 100) === range(1, 100)), "\n";
echo "LPUSH -> ", json_encode($replies[103]), ", LRANGE -> ", json_encode($replies[104]), "\n";
echo "GET missing -> ", json_encode(array_key_exists(105, $replies) ? $replies[105] : "no reply"), "\n";

try {
    $redis->notACommand();
} catch (Throwable $e) {
    echo "unknown method: ", get_class($e), ": ", $e->getMessage(), "\n";
}
$redis->close();
stop_redis($redisServer);
