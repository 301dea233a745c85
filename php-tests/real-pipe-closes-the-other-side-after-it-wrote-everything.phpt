--TEST--
On the real beyod + Yii stack: a client pipe()d to another, whose source sends 8 MB and hangs up while the other side's peer reads only later: the other side's onClose (by 0) comes only once its queue is written (the sink reads more in between), and its peer got all 8 MB intact — an application stopping on that onClose loses nothing
--SKIPIF--
<?php if (!extension_loaded('beyod_streamclient')) die('skip beyod_streamclient not loaded'); ?>
<?php require __DIR__ . '/inc/real-code.php'; skip_without_real_code(); ?>
--INI--
; the documented run command loads the extension twice (TEST_PHP_ARGS and -d): keep the
; "Module already loaded" startup warning out of the test output
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
use beyod\event\EventLooper;
use beyod\Server;
use beyod\StreamClient;

require __DIR__ . '/inc/helpers.php';
require __DIR__ . '/inc/real-code.php';
load_real_code();
$looper = Yii::$app->eventLooper;
$payload = str_repeat('0123456789abcdef', 8 << 16);

// the source's server: another process that writes 8 MB at once and hangs up
$source = <<<'PHP'
$l = stream_socket_server('tcp://127.0.0.1:0');
echo parse_url('tcp://' . stream_socket_get_name($l, false), PHP_URL_PORT), "\n";
$c = stream_socket_accept($l, 10);
fwrite($c, str_repeat('0123456789abcdef', 8 << 16));
fclose($c);
PHP;
$p = proc_open([PHP_BINARY, '-r', $source], [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['file', '/dev/null', 'w']], $pipes);
$sourcePort = (int)fgets($pipes[1]);

// the sink: in this process, on the looper; reads nothing for the first 0.5 s
$listener = stream_socket_server('tcp://127.0.0.1:0');
$sinkPort = parse_url('tcp://' . stream_socket_get_name($listener, false), PHP_URL_PORT);
$got = '';
$reading = false;
$looper->add($listener, EventLooper::EV_READ, function () use ($listener, $looper, &$got, &$reading) {
    $c = stream_socket_accept($listener, 0);
    stream_set_blocking($c, false);
    $looper->addTimeout(500, function () use ($c, $looper, &$got, &$reading) {
        $reading = true;
        $looper->add($c, EventLooper::EV_READ, function () use ($c, &$got) {
            $got .= (string)fread($c, 1 << 20);
        });
    });
});

// a queue large enough that the source is never paused: it sees the hang-up at once
$b = Yii::createObject(['class' => StreamClient::class, 'target' => "tcp://127.0.0.1:$sinkPort", 'max_send_buffer_size' => 64 << 20]);
$a = Yii::createObject(['class' => StreamClient::class, 'target' => "tcp://127.0.0.1:$sourcePort"]);
$closedA = $closedB = null;
$a->on(Server::ON_CLOSE, function ($e) use (&$closedA, &$gotAtA, &$got) {
    $closedA = $e->by;
    $gotAtA = strlen($got);
});
$b->on(Server::ON_CLOSE, function ($e) use (&$closedB, &$gotAtB, &$got) {
    $closedB = $e->by;
    $gotAtB = strlen($got);
});
$b->connect();
looper_wait_until(fn () => $b->isConnnected(), 3, 'the sink connected');
$a->on(Server::ON_CONNECT, fn ($e) => $e->sender->pipe($b));
$a->connect();
looper_wait_until(function () use (&$closedB) {
    return $closedB !== null;
}, 15, "the other side's onClose");
echo "the source hung up: onClose by $closedA\n";
// closed at once, the other side's onClose would come in the same step as the source's, the
// sink having read nothing more in between; written first, the sink reads what was still queued
echo "the other side: onClose by $closedB, the sink read more between the two onClose: ", json_encode($gotAtB > $gotAtA), "\n";
// the application stops here, on that onClose; what the sink has already:
looper_run_for(0.3);
echo "the sink got ", strlen($got) === strlen($payload) ? 'all 8 MB' : strlen($got) . ' bytes', ", intact: ", json_encode($got === $payload), "\n";
proc_close($p);
?>
--EXPECT--
the source hung up: onClose by 1
the other side: onClose by 0, the sink read more between the two onClose: true
the sink got all 8 MB, intact: true
