<?php
/**
 * Real-stack workloads R3 and R4: beyod's own redis Client (beyod\protocol\redis\Client:
 * $redis->set() through its __call() → Request, replies framed by beyod's redis Parser into
 * Response objects) on a real yii\console\Application with Yii::$app->eventLooper, against
 * redis-server on a loopback port. The database is flushed first (not timed).
 *
 * mode=set (R3): once connected, N `$redis->set("key:$i", "value:$i")` at once, then DBSIZE and
 *   GET of the last key; every reply must be a Response "+OK", DBSIZE N, the last value read back.
 * mode=get (R4): N keys are set first (not timed: 100 keys pp:0…pp:99); then N round trips,
 *   each `$redis->get("pp:" . $i % 100)` sent from the previous reply's onMessage handler; every
 *   reply must be that key's value.
 * IMPL: original (beyod's PHP StreamClient, no extension) | native (the extension) |
 * phpredis (the same commands: mode=set in one pipeline(), mode=get one blocking get() at a time) |
 * floor (mode=set only; the floor of any client, for information): the same script's handlers and
 *   beyod's own Client::__call() → Request per command on the real code, with no client under
 *   them: send() is a counter (a subclass of beyod's Client, no socket, no framing, no trigger),
 *   and the script's onMessage handler is called directly with one MessageEvent holding one of
 *   three ready Responses (+OK, the DBSIZE, the GET). What is left is beyod's and the script's PHP.
 * Args: mode=set|get, port=, n=, limit=.
 */
require $GLOBALS['argv'][1] === 'phpredis' ? __DIR__ . '/common.php' : __DIR__ . '/real-common.php';

$impl = impl();
$mode = arg('mode', 'set');
$port = (int) arg('port');
$n = arg('n', 100000);
$limit = arg('limit', 60.0);
$last = $n - 1;
$keys = 100;
if (!in_array($mode, ['set', 'get'], true)) {
    fail("unknown mode $mode");
}
if ($impl === 'floor' && $mode !== 'set') {
    fail('impl floor is for mode=set only');
}

// Setup, not timed: an empty database (and, for get, the keys read back).
$s = stream_socket_client("tcp://127.0.0.1:$port", $errno, $errstr, 5) or fail("redis: $errstr");
stream_set_timeout($s, 10);
$setup = "*1\r\n\$8\r\nFLUSHALL\r\n";
if ($mode === 'get') {
    for ($k = 0; $k < $keys; $k++) {
        $setup .= sprintf("*3\r\n\$3\r\nSET\r\n\$%d\r\npp:%d\r\n\$%d\r\nv:%d\r\n", strlen("pp:$k"), $k, strlen("v:$k"), $k);
    }
}
fwrite($s, $setup);
for ($k = 0, $want = $mode === 'get' ? $keys + 1 : 1; $k < $want; $k++) {
    if (fgets($s) !== "+OK\r\n") {
        fail('redis setup (FLUSHALL, SET) failed');
    }
}
fclose($s);

if ($impl === 'phpredis') {
    if ($mode === 'set') {
        phpredis_pipelined_set((int) $port, $n);
    }
    if (!class_exists('Redis')) {
        fail('phpredis is not loaded (apt-get install php8.2-redis)');
    }
    $r = new Redis();
    $r->connect('127.0.0.1', $port, 5);
    $t0 = now();
    $deadline = $t0 + $limit;
    for ($i = 0; $i < $n; $i++) {
        $k = $i % $keys;
        if (($v = $r->get("pp:$k")) !== "v:$k") {
            fail("phpredis: GET $i: got " . json_encode($v));
        }
        if (($i & 1023) === 0 && now() > $deadline) {
            fail("time limit of {$limit}s reached after $i of $n round trips");
        }
    }
    $t1 = now();
    done(['count' => $n, 'last' => $v, 'seconds' => $t1 - $t0, 'rate' => $n / ($t1 - $t0)]);
}

real_start($impl === 'floor' ? 'original' : $impl);
/** A reply's content, to check and to show in an error. */
function reply($m): array
{
    return $m instanceof beyod\protocol\redis\Response ? [$m->getType(), $m->getData()] : ['not a Response', get_debug_type($m)];
}

$got = 0;
$t0 = $t1 = null;
$bad = null;
$lastValue = null;
$redis = Yii::createObject(['class' => 'beyod\protocol\redis\Client', 'target' => "tcp://127.0.0.1:$port", 'timeout' => 10]);
if (!$redis->parser instanceof beyod\protocol\redis\Parser) {
    fail('the client\'s parser is ' . get_debug_type($redis->parser));
}
$redis->on(beyod\Server::ON_CONNECT_FAILED, function ($e) use (&$bad) {
    $bad = "connect failed: $e->errstr";
    real_end();
});
if ($mode === 'set') {
    $onConnect = function ($e) use (&$t0, $n, $last, &$bad) {
        $t0 = now();
        $redis = $e->sender;
        for ($i = 0; $i < $n; $i++) {
            if ($redis->set("key:$i", "value:$i") === false) {
                $bad = "send() refused SET $i";
                $redis->close();
                real_end();
                return;
            }
        }
        $redis->dbsize();
        $redis->get("key:$last");
    };
    $onMessage = function ($e) use ($n, $last, &$got, &$t1, &$bad, &$lastValue) {
        $r = reply($e->message);
        $expect = $got < $n ? ['+', 'OK'] : ($got === $n ? [':', $n] : ['$', "value:$last"]);
        if ($r !== $expect) {
            $bad = "reply $got: got " . json_encode($r) . ', expected ' . json_encode($expect);
            $e->sender->close();
            real_end();
            return;
        }
        if (++$got === $n + 2) {
            $t1 = now();
            $lastValue = $r[1];
            $e->sender->close();
            real_end();
        }
    };
    $redis->on(beyod\Server::ON_CONNECT, $onConnect);
    $redis->on(beyod\Server::ON_MESSAGE, $onMessage);
} else {
    $redis->on(beyod\Server::ON_CONNECT, function ($e) use (&$t0) {
        $t0 = now();
        $e->sender->get('pp:0');
    });
    $redis->on(beyod\Server::ON_MESSAGE, function ($e) use ($n, $keys, &$got, &$t1, &$bad, &$lastValue) {
        $r = reply($e->message);
        $k = $got % $keys;
        if ($r !== ['$', "v:$k"]) {
            $bad = "GET $got: got " . json_encode($r);
            $e->sender->close();
            real_end();
            return;
        }
        if (++$got === $n) {
            $t1 = now();
            $lastValue = $r[1];
            $e->sender->close();
            real_end();
            return;
        }
        $e->sender->get('pp:' . ($got % $keys));
    });
}
if ($impl === 'floor') {
    redis_floor($onConnect, $onMessage, $port, $n, $last);
    $finished = true;
} else {
    $redis->connect();
    $finished = real_loop($limit);
}

if ($bad !== null) {
    fail($bad);
}
$want = $mode === 'set' ? $n + 2 : $n;
if (!$finished || $t1 === null) {
    fail("time limit of {$limit}s reached after $got of $want replies");
}
done(['count' => $n, 'last' => $lastValue, 'seconds' => $t1 - $t0, 'rate' => $n / ($t1 - $t0)]);

/**
 * impl floor: $onConnect then $onMessage for the N + 2 replies, on a subclass of beyod's redis
 * Client whose send() only counts (no socket, framing, event loop or trigger under the commands).
 */
function redis_floor(Closure $onConnect, Closure $onMessage, int $port, int $n, int $last): void
{
    $redis = new class(['target' => "tcp://127.0.0.1:$port"]) extends beyod\protocol\redis\Client {
        public int $sent = 0;

        public function send($message, $raw = false)
        {
            ++$this->sent;
            return true;
        }

        public function close()
        {
        }
    };
    $value = "value:$last";
    $replies = [new beyod\protocol\redis\Response("+OK\r\n"), new beyod\protocol\redis\Response(":$n\r\n"),
        new beyod\protocol\redis\Response('$' . strlen($value) . "\r\n$value\r\n")];
    $connected = new beyod\IOEvent();
    $connected->sender = $redis;
    $message = new beyod\MessageEvent();
    $message->sender = $redis;
    $onConnect($connected);
    for ($k = 0; $k < $n + 2; $k++) {
        $message->message = $replies[$k < $n ? 0 : ($k === $n ? 1 : 2)];
        $onMessage($message);
    }
    if ($redis->sent !== $n + 2) {
        fail("floor: $redis->sent commands sent, expected " . ($n + 2));
    }
}
