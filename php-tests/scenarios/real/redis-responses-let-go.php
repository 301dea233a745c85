<?php
/**
 * beyod's redis Client against Debian's redis-server, written only against beyod's API so the
 * same script runs with the extension and with the original: replies whose Response objects the
 * onMessage handler mostly lets go (the extension refills such an object with the next reply
 * instead of freeing it and making a new one). Every reply kind follows every other (status,
 * error, integer, bulk, nil, array), so each field a reply does not set must be as a new
 * Response has it. Some Responses are kept (they must keep their own fields); some are weakly
 * referenced, as are some events (both freed after the handler, as the original frees them:
 * the extension keeps an event no handler kept for the next message, but not a weakly
 * referenced one); one has a reference taken to its data (it keeps that reply's value); some
 * have their properties listed (get_object_vars()); every field of every reply is read without
 * listing them. Then runs of three equal replies, the middle one's fields changed by its
 * handler (the extension gives back the let-go object as it is for a reply of the same bytes
 * only when no field changed).
 */
use beyod\protocol\redis\Response;

require_once __DIR__ . '/../../inc/helpers.php';
require_once __DIR__ . '/../../inc/real-code.php';
if (!class_exists('Yii', false)) {
    load_real_code();
}
[$redisProc, $redisTarget] = start_redis_server(true);

$redis = Yii::createObject(['class' => 'beyod\protocol\redis\Client', 'target' => $redisTarget]);
$fields = function () {
    return [$this->type, $this->data, $this->error, $this->len, $this->rawData];
};
$seen = $kept = $weak = $refs = $listed = $mutate = [];
$weakAlive = [];
$redis->on('onMessage', function ($e) use ($fields, &$seen, &$kept, &$weak, &$refs, &$listed, &$weakAlive, &$mutate) {
    $i = count($seen);
    $r = $e->message;
    if (!$r instanceof Response) {
        $seen[] = 'not a Response: ' . get_debug_type($r);
        return;
    }
    // the weak references of earlier replies: freed once their handler returned
    foreach ($weak as $j => $w) {
        $weakAlive[$j] = $w->get() !== null;
    }
    $seen[] = Closure::bind($fields, $r, Response::class)();
    if ($i % 5 === 3) {
        $kept[$i] = $r;
    }
    if ($i % 7 === 2) {
        $weak[$i] = WeakReference::create($r);
        $weak["event $i"] = WeakReference::create($e);
    }
    if ($i === 9) {
        (function () use (&$refs, $i) {
            $refs[$i] = &$this->data;
        })->call($r);
    }
    if ($i % 6 === 4) {
        $listed[$i] = count((function () {
            return get_object_vars($this);
        })->call($r));
    }
    if (isset($mutate[$i])) {
        $mutate[$i]->call($r);
    }
});
$connected = false;
$redis->on('onConnect', function () use (&$connected) {
    $connected = true;
});
$redis->connect();
looper_wait_until(function () use (&$connected) { return $connected; }, 3, 'the connect');

$redis->del('s', 'n', 'l', 'h');
$redis->rpush('l', 'a', '', 'c');
$n = 1;
for ($round = 0; $round < 6; $round++) {
    $redis->set('s', "v$round\r\n");      // +OK
    $redis->hget('s', 'f');               // -WRONGTYPE
    $redis->incrby('n', $round + 1);      // :int
    $redis->get('s');                     // $bulk
    $redis->get('missing');               // $-1
    $redis->lrange('l', 0, -1);           // *array
    $redis->hget('s', 'f');               // an error again
    $redis->ping();                       // +PONG
    $n += 8;
}
// Runs of the same reply, the second of each changed by its handler (a bound closure: the
// fields are protected) before it lets the object go: the third must be as new again.
$run = function (string $command, array $args, Closure $change) use ($redis, &$n, &$mutate) {
    for ($k = 0; $k < 3; $k++) {
        $redis->$command(...$args);
    }
    $mutate[$n + 1] = $change;
    $n += 3;
};
$run('ping', [], function () { $this->data = 'changed'; });
$run('lrange', ['l', 0, -1], function () { $this->data[] = 'appended'; $this->rawData[0] = 'changed'; });
$run('hget', ['s', 'f'], function () { $this->error = 'changed'; $this->type = '+'; });
$run('exists', ['s'], function () { $this->data = 2; $this->len = 0; });
$run('get', ['missing'], function () { $this->rawData = 'changed'; $this->data = 'changed'; });
$run('set', ['s', 'same'], function () { $this->rawData .= '!'; });
$redis->ping();
$n++;
$run('get', ['s'], function () { unset($this->data); });
looper_wait_until(function () use (&$seen, &$n) { return count($seen) >= $n; }, 5, 'the replies');
looper_run_for(0.05);

foreach ($seen as $i => $f) {
    echo "$i: ", json_encode($f), "\n";
}
echo "kept:\n";
foreach ($kept as $i => $r) {
    echo "  $i: ", json_encode(Closure::bind($fields, $r, Response::class)()), $r->isError() ? ' (error)' : '', "\n";
}
echo "weak references alive after their handler: ", json_encode($weakAlive), "\n";
echo "the reference to reply 9's data: ", json_encode($refs[9]), "\n";
echo "properties listed: ", json_encode($listed), "\n";
$redis->close();
stop_redis_server($redisProc);
