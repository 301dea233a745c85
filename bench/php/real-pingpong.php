<?php
/**
 * Real-stack workload R2: line ping-pong through beyod's own protocol\text\Parser on a real
 * yii\console\Application with Yii::$app->eventLooper. The client sends "ping 0"; its onMessage
 * handler checks each echoed line is "ping $i" and sends "ping $i+1"; N round trips.
 * IMPL: original (beyod's PHP StreamClient, no extension) | native (the extension) |
 * raw (the latency floor: a blocking PHP stream socket, fwrite() then fgets(), the same lines
 * and checks, no framework, no event loop) | looper (the floor of any client that
 * Yii::$app->eventLooper drives: a non-blocking PHP stream socket registered with the same
 * looper in the same application, its read callback doing the same lines and checks with
 * fread()/fwrite(), no client class at all; PHP without the extension).
 * Args: port=, n=, limit=.
 */
require $GLOBALS['argv'][1] === 'raw' ? __DIR__ . '/common.php' : __DIR__ . '/real-common.php';

$impl = impl();
$port = arg('port');
$n = arg('n', 20000);
$limit = arg('limit', 60.0);
$i = 0;
$t0 = $t1 = null;
$bad = null;

if ($impl === 'raw') {
    $ctx = stream_context_create(['socket' => ['tcp_nodelay' => true]]);
    $s = stream_socket_client("tcp://127.0.0.1:$port", $errno, $errstr, 5, STREAM_CLIENT_CONNECT, $ctx)
        or fail("connect failed: $errstr");
    stream_set_timeout($s, 10);
    $t0 = now();
    $deadline = $t0 + $limit;
    for (; $i < $n; $i++) {
        fwrite($s, "ping $i\r\n");
        $line = fgets($s);
        if ($line !== "ping $i\r\n") {
            fail("round trip $i: got " . json_encode($line));
        }
        if (($i & 1023) === 0 && now() > $deadline) {
            fail("time limit of {$limit}s reached after $i of $n round trips");
        }
    }
    $t1 = now();
    fclose($s);
    done(['count' => $i, 'last' => "ping " . ($i - 1), 'seconds' => $t1 - $t0, 'rate' => $i / ($t1 - $t0)]);
}

if ($impl === 'looper') {
    real_start('original');   // the application and its looper; no StreamClient is made
    $ctx = stream_context_create(['socket' => ['tcp_nodelay' => true]]);
    $s = stream_socket_client("tcp://127.0.0.1:$port", $errno, $errstr, 5, STREAM_CLIENT_CONNECT, $ctx)
        or fail("connect failed: $errstr");
    stream_set_blocking($s, false);
    $buf = '';
    $looper = Yii::$app->eventLooper;
    $looper->add($s, beyod\event\EventLooper::EV_READ, function ($fd) use ($n, &$i, &$t1, &$bad, &$buf) {
        $data = fread($fd, 65536);
        if ($data === false || ($data === '' && feof($fd))) {
            $bad = "round trip $i: the server closed";
            real_end();
            return;
        }
        $buf .= $data;
        while (($p = strpos($buf, "\r\n")) !== false) {
            $line = substr($buf, 0, $p);
            $buf = substr($buf, $p + 2);
            if ($line !== "ping $i") {
                $bad = "round trip $i: got " . json_encode($line);
                real_end();
                return;
            }
            if (++$i === $n) {
                $t1 = now();
                real_end();
                return;
            }
            fwrite($fd, "ping $i\r\n");
        }
    });
    $t0 = now();
    fwrite($s, "ping 0\r\n");
    $finished = real_loop($limit);
    $looper->del($s, beyod\event\EventLooper::EV_READ);
    fclose($s);
    if ($bad !== null) {
        fail($bad);
    }
    if (!$finished || $t1 === null) {
        fail("time limit of {$limit}s reached after $i of $n round trips");
    }
    done(['count' => $i, 'last' => 'ping ' . ($i - 1), 'seconds' => $t1 - $t0, 'rate' => $i / ($t1 - $t0)]);
}

real_start($impl);
$last = null;
$client = Yii::createObject(['class' => beyod\StreamClient::class, 'target' => "tcp://127.0.0.1:$port",
    'parser' => ['class' => 'beyod\protocol\text\Parser'], 'timeout' => 10]);
$client->on(beyod\Server::ON_CONNECT, function ($e) use (&$t0) {
    $t0 = now();
    $e->sender->send('ping 0');
});
$client->on(beyod\Server::ON_CONNECT_FAILED, function ($e) use (&$bad) {
    $bad = "connect failed: $e->errstr";
    real_end();
});
$client->on(beyod\Server::ON_MESSAGE, function ($e) use ($n, &$i, &$t1, &$bad, &$last) {
    if ($e->message !== "ping $i") {
        $bad = "round trip $i: got " . json_encode($e->message);
        $e->sender->close();
        real_end();
        return;
    }
    if (++$i === $n) {
        $t1 = now();
        $last = $e->message;
        $e->sender->close();
        real_end();
        return;
    }
    $e->sender->send("ping $i");
});
$client->connect();
$finished = real_loop($limit);

if ($bad !== null) {
    fail($bad);
}
if (!$finished || $t1 === null) {
    fail("time limit of {$limit}s reached after $i of $n round trips");
}
done(['count' => $i, 'last' => $last, 'seconds' => $t1 - $t0, 'rate' => $i / ($t1 - $t0)]);
