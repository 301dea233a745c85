--TEST--
On the real beyod + Yii stack: a client pipe()d to another, whose source sends 4 MB and hangs up while the other side's peer reads slowly: when the source's onClose comes the other side still holds bytes, its onClose (by 0) comes only once its queue is written, and its peer got all 4 MB intact and then the end of the stream with no loop step after that onClose — an application stopping there loses nothing
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
<?php require __DIR__ . '/../inc/real-code.php'; skip_without_real_code(); ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
use beyod\event\EventLooper;
use beyod\Server;
use beyod\StreamClient;

require __DIR__ . '/../inc/helpers.php';
require __DIR__ . '/../inc/real-code.php';
load_real_code();
$payload = str_repeat('0123456789abcdef', 4 << 16);

/**
 * One run: a source process writes $payload at once and hangs up; client $a reads it and pipes
 * it to client $b, whose peer (the sink, in this process) reads 64 KiB every 5 ms, so $b holds
 * bytes most of the time. Returns what was seen.
 */
function pipe_run(string $payload): array
{
    $looper = Yii::$app->eventLooper;
    $source = <<<'PHP'
$l = stream_socket_server('tcp://127.0.0.1:0');
echo parse_url('tcp://' . stream_socket_get_name($l, false), PHP_URL_PORT), "\n";
$c = stream_socket_accept($l, 10);
fwrite($c, str_repeat('0123456789abcdef', 4 << 16));
fclose($c);
PHP;
    $p = proc_open([PHP_BINARY, '-r', $source], [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['file', '/dev/null', 'w']], $pipes);
    $sourcePort = (int)fgets($pipes[1]);

    $listener = stream_socket_server('tcp://127.0.0.1:0');
    $sinkPort = parse_url('tcp://' . stream_socket_get_name($listener, false), PHP_URL_PORT);
    $got = '';
    $conn = null;
    $looper->add($listener, EventLooper::EV_READ, function () use ($listener, &$conn) {
        $conn = stream_socket_accept($listener, 0);
        stream_set_blocking($conn, false);
    });
    $timer = $looper->addInterval(5, function () use (&$conn, &$got) {
        if ($conn) {
            $got .= (string)fread($conn, 64 << 10);
        }
    });

    // a fixed 64 KiB socket send buffer: the kernel's autotuning may otherwise grow it to 4 MB
    // (net.ipv4.tcp_wmem), enough to take the whole payload at once
    $b = Yii::createObject(['class' => StreamClient::class, 'target' => "tcp://127.0.0.1:$sinkPort", 'max_send_buffer_size' => 64 << 20,
        'options' => ['SO_SNDBUF' => 64 << 10, 'TCP_NODELAY' => 1]]);
    $a = Yii::createObject(['class' => StreamClient::class, 'target' => "tcp://127.0.0.1:$sourcePort"]);
    $r = ['closedA' => null, 'closedB' => null, 'heldAtA' => null, 'heldAtB' => null];
    $a->on(Server::ON_CLOSE, function ($e) use (&$r, $b) {
        $r['closedA'] = $e->by;
        $r['heldAtA'] = $b->getStats()['send_queue'];
    });
    $b->on(Server::ON_CLOSE, function ($e) use (&$r) {
        $r['closedB'] = $e->by;
        $r['heldAtB'] = $e->sender->getStats()['send_queue'];
    });
    $b->connect();
    looper_wait_until(fn () => $b->isConnnected(), 3, 'the sink connected');
    $a->on(Server::ON_CONNECT, fn ($e) => $e->sender->pipe($b));
    $a->connect();
    looper_wait_until(function () use (&$r) {
        return $r['closedB'] !== null;
    }, 15, "the other side's onClose");
    // the application stops here, on that onClose: no loop step runs any more; the sink (no
    // longer on the looper) reads what the kernel holds for it, until the other side's FIN
    $looper->delInterval($timer);
    stream_set_blocking($conn, true);
    stream_set_timeout($conn, 2);
    while (!feof($conn) && !stream_get_meta_data($conn)['timed_out']) {
        $got .= (string)fread($conn, 1 << 20);
    }
    $r['eof'] = feof($conn);
    $looper->del($listener, EventLooper::EV_READ);
    proc_close($p);
    $r['intact'] = $got === $payload;
    $r['got'] = strlen($got);
    return $r;
}

// whether the other side still holds bytes when the source hangs up depends on the kernel's
// buffers; the slow sink makes it all but certain, and a second run settles the rare miss
for ($i = 0; $i < 3; $i++) {
    $r = pipe_run($payload);
    if ($r['heldAtA'] > 0) {
        break;
    }
}
echo "the source hung up: onClose by {$r['closedA']}\n";
echo "the other side still held bytes then: ", json_encode($r['heldAtA'] > 0), "\n";
echo "the other side: onClose by {$r['closedB']}, bytes it still held then: {$r['heldAtB']}\n";
echo "with no loop step after that onClose, the sink got ", $r['intact'] ? 'all 4 MB, intact' : "{$r['got']} bytes", ", then the end of the stream: ", json_encode($r['eof']), "\n";
?>
--EXPECT--
the source hung up: onClose by 1
the other side still held bytes then: true
the other side: onClose by 0, bytes it still held then: 0
with no loop step after that onClose, the sink got all 4 MB, intact, then the end of the stream: true
