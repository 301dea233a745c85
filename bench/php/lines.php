<?php
/**
 * Workload 2: N small lines pipelined through the user's PHP parser object. Once connected the
 * client send()s all N lines ("line 0" … "line N-1", each encoded by the parser); the echo
 * server sends them back; every decoded message is checked against the next expected line.
 * IMPL: native | php. Args: parser=php|native, port=, n=, limit=.
 */
require __DIR__ . '/common.php';

$impl = impl();
$port = arg('port');
$n = arg('n', 200000);
$limit = arg('limit', 60.0);
$parser = line_parser();
$got = 0;
$t0 = $t1 = null;
$bad = null;

$class = client_class($impl);
$client = new $class(['target' => "tcp://127.0.0.1:$port", 'parser' => $parser, 'timeout' => 10]);
$client->on('onConnect', function ($e) use (&$t0, $n, &$bad, $impl) {
    $t0 = now();
    for ($i = 0; $i < $n; $i++) {
        if ($e->sender->send("line $i") === false) {
            $bad = "send() refused line $i";
            $e->sender->close();
            end_loop($impl);
            return;
        }
    }
});
$client->on('onConnectFailed', function ($e) use (&$bad, $impl) {
    $bad = "connect failed: $e->errstr";
    end_loop($impl);
});
$client->on('onMessage', function ($e) use ($n, &$got, &$t1, &$bad, $impl) {
    if ($e->message !== "line $got") {
        $bad = "message $got: got " . json_encode($e->message);
        $e->sender->close();
        end_loop($impl);
        return;
    }
    if (++$got === $n) {
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
    fail("time limit of {$limit}s reached after $got of $n messages");
}
done(['count' => $got, 'seconds' => $t1 - $t0, 'rate' => $got / ($t1 - $t0)]);
