<?php
/**
 * Workload 3: N Redis SETs pipelined. IMPL native | php: a subclass of StreamClient (the way
 * beyod's redis Client is written: commands through __call) with the user's PHP RESP parser,
 * all N commands sent at once, every reply checked to be +OK; then DBSIZE must be N and the
 * last key must read back. IMPL phpredis: the same N SETs in one phpredis pipeline, checked the
 * same way. The database is flushed first. Args: port=, n=, limit=, parser=php|native
 * (native: the extension's beyod\ext\RedisParser instead of the PHP one, informational).
 */
require __DIR__ . '/common.php';
require __DIR__ . '/../../examples/RespParser.php';   // the user's PHP RESP parser: the example's

$impl = impl();
$port = arg('port');
$n = arg('n', 100000);
$limit = arg('limit', 60.0);

/** A blocking one-shot command (setup only, not timed). */
function redis_command(int $port, array $cmd)
{
    $s = stream_socket_client("tcp://127.0.0.1:$port", $errno, $errstr, 5) or fail("redis: $errstr");
    fwrite($s, (new Example\Redis\RespParser())->encode($cmd, null));
    $reply = fgets($s);
    fclose($s);
    return rtrim((string) $reply, "\r\n");
}

if (redis_command($port, ['FLUSHALL']) !== '+OK') {
    fail('FLUSHALL failed');
}
$last = $n - 1;

if ($impl === 'phpredis') {
    phpredis_pipelined_set((int) $port, $n);
}

/** What a user's beyod redis client looks like: $redis->set('k', 'v') becomes a command. */
trait RedisCommands
{
    public function __call($name, $params)
    {
        static $commands = ['SET' => 1, 'GET' => 1, 'DBSIZE' => 1, 'DEL' => 1, 'INCR' => 1];
        $cmd = strtoupper($name);
        if (isset($commands[$cmd])) {
            array_unshift($params, $cmd);
            return $this->send($params);
        }
        return parent::__call($name, $params);
    }
}

if (client_class($impl) === beyod\StreamClient::class && arg('parser', 'php') === 'native') {
    // Informational: the extension's native RESP parser instead of the user's PHP one.
    class BenchRedis extends beyod\StreamClient
    {
        use RedisCommands;
        public $parser = beyod\ext\RedisParser::class;
    }
} elseif (client_class($impl) === beyod\StreamClient::class) {
    class BenchRedis extends beyod\StreamClient
    {
        use RedisCommands;
        public $parser = Example\Redis\RespParser::class;
    }
} else {
    class BenchRedis extends bench\baseline\StreamClient
    {
        use RedisCommands;
        public $parser = Example\Redis\RespParser::class;
    }
}

$got = 0;
$t0 = $t1 = null;
$bad = null;
$client = new BenchRedis(['target' => "tcp://127.0.0.1:$port", 'timeout' => 10]);
$client->on('onConnect', function ($e) use (&$t0, $n, $last, &$bad, $impl) {
    $t0 = now();
    $redis = $e->sender;
    for ($i = 0; $i < $n; $i++) {
        if ($redis->set("key:$i", "value:$i") === false) {
            $bad = "send() refused SET $i";
            $redis->close();
            end_loop($impl);
            return;
        }
    }
    $redis->dbsize();
    $redis->get("key:$last");
});
$client->on('onConnectFailed', function ($e) use (&$bad, $impl) {
    $bad = "connect failed: $e->errstr";
    end_loop($impl);
});
$client->on('onMessage', function ($e) use ($n, $last, &$got, &$t1, &$bad, $impl) {
    $m = $e->message;
    $expect = $got < $n ? 'OK' : ($got === $n ? $n : "value:$last");
    if ($m !== $expect) {
        $bad = "reply $got: got " . json_encode($m instanceof \Throwable ? $m->getMessage() : $m)
            . ', expected ' . json_encode($expect);
        $e->sender->close();
        end_loop($impl);
        return;
    }
    if (++$got === $n + 2) {
        $t1 = now();
        $e->sender->close();
        end_loop($impl);
    }
});
$client->connect();
$finished = run_loop($impl, $limit);

if ($bad !== null) {
    fail($bad);
}
if (!$finished || $t1 === null) {
    fail("time limit of {$limit}s reached after $got of " . ($n + 2) . " replies");
}
done(['count' => $n, 'seconds' => $t1 - $t0, 'rate' => $n / ($t1 - $t0)]);
