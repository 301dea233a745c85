<?php
/**
 * Workload 4: bulk receive, raw (parser null: each read is one message). The server sends
 * `bytes` bytes of the bench stream and closes; the onMessage handler counts the bytes and
 * feeds them to a CRC-32 (hash_update, SIMD: ~30 GB/s, so it costs the run ~3%), which must
 * equal the server's. Timed from connect() to onClose. IMPL: native | php.
 * Args: port=, bytes=, crc= (expected, decimal), limit=.
 */
require __DIR__ . '/common.php';

$impl = impl();
$port = arg('port');
$bytes = arg('bytes', 1 << 30);
$crc = (int) arg('crc');
$limit = arg('limit', 60.0);

$got = 0;
$h = hash_init('crc32b');
$messages = 0;
$t0 = $t1 = null;
$bad = null;

$class = client_class($impl);
$client = new $class(['target' => "tcp://127.0.0.1:$port", 'parser' => null, 'timeout' => 10]);
$client->on('onMessage', function ($e) use (&$got, $h, &$messages) {
    $got += strlen($e->message);
    $messages++;
    hash_update($h, $e->message);
});
$client->on('onClose', function ($e) use (&$t1, $impl) {
    $t1 = now();
    end_loop($impl);
});
$client->on('onConnectFailed', function ($e) use (&$bad, $impl) {
    $bad = "connect failed: $e->errstr";
    end_loop($impl);
});
$t0 = now();
$cpu0 = cpu_seconds();
$client->connect();
$finished = run_loop($impl, $limit);

if ($bad !== null) {
    fail($bad);
}
if (!$finished || $t1 === null) {
    fail("time limit of {$limit}s reached after $got of $bytes bytes");
}
$gotCrc = hexdec(hash_final($h));
if ($got !== $bytes || $gotCrc !== $crc) {
    fail("received $got bytes with CRC $gotCrc; expected $bytes bytes with CRC $crc");
}
done(['count' => $got, 'seconds' => $t1 - $t0, 'cpu' => cpu_seconds() - $cpu0, 'rate' => $got / ($t1 - $t0) / 1e6, 'messages' => $messages]);
