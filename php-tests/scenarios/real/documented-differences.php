<?php
/**
 * The README's "Differences from the original" table, observed: one section per row that a
 * script can observe, written only against beyod's API so it runs with the extension and with
 * the original (the expected output of real-documented-differences-observed.phpt holds both
 * transcripts; they differ exactly where the README says). Servers are in this process, on
 * Yii::$app->eventLooper; every wait is bounded.
 */
use beyod\event\EventLooper;
use beyod\StreamClient;

require_once __DIR__ . '/../../inc/helpers.php';
require_once __DIR__ . '/../../inc/real-code.php';
if (!class_exists('Yii', false)) {
    load_real_code();
}
$looper = Yii::$app->eventLooper;

/** A line echo server on the looper; returns its target. */
function echo_server(): string
{
    $looper = Yii::$app->eventLooper;
    $listener = stream_socket_server('tcp://127.0.0.1:0');
    $looper->add($listener, EventLooper::EV_READ, function () use ($listener, $looper) {
        $c = stream_socket_accept($listener, 0);
        $looper->add($c, EventLooper::EV_READ, function () use ($c, $looper) {
            $data = fread($c, 65536);
            if ($data === '' || $data === false) {
                $looper->del($c, EventLooper::EV_READ);
                fclose($c);
                return;
            }
            fwrite($c, $data);
        });
    });
    return 'tcp://' . stream_socket_get_name($listener, false);
}

function section(string $title, callable $body): void
{
    echo "- $title: ";
    try {
        $body();
    } catch (Throwable $e) {
        echo get_class($e), ": ", preg_replace('/[0-9]+/', 'N', $e->getMessage()), "\n";
    }
}

function connected(StreamClient $c, float $timeout = 2.0): bool
{
    return looper_wait_until(fn () => $c->isConnnected(), $timeout, 'connected');
}

$target = echo_server();

section('STATUS_CLOSED', function () {
    echo StreamClient::STATUS_CLOSED, " (STATUS_CONNECTING ", StreamClient::STATUS_CONNECTING, ")\n";
});

section('(string)$client of an established client', function () use ($target) {
    $c = new StreamClient(['target' => $target]);
    $c->connect();
    connected($c);
    $s = (string)$c;
    echo $s === "{$c->id} {$c->target} {$c->local}" ? '"$id $target $local"' : ($s === "{$c->id} {$c->peer} {$c->local}" ? '"$id $peer $local"' : json_encode($s)), "\n";
    $c->close();
});

section('send() before connect(), then connect()', function () use ($target) {
    $c = new StreamClient(['target' => $target]);
    $connects = 0;
    $got = '';
    $c->on('onConnect', function () use (&$connects) { $connects++; });
    $c->on('onMessage', function ($e) use (&$got) { $got .= $e->message; });
    $r = $c->send("early\n");
    $c->connect();
    looper_wait_until(function () use (&$got) { return $got !== ''; }, 1.0, 'the echo');
    echo "send() returned ", json_encode($r), ", onConnect fired $connects time(s), echoed ", json_encode($got), "\n";
    $c->close();
});

section('send() while connecting', function () use ($target) {
    $c = new StreamClient(['target' => $target]);
    $c->on('onConnect', function () {});
    $c->connect();
    echo "returns ", json_encode($c->send("x\n")), "\n";
    connected($c);
    $c->close();
});

section('close() on a closed client', function () use ($target) {
    $c = new StreamClient(['target' => $target]);
    $n = 0;
    $c->on('onClose', function () use (&$n) { $n++; });
    $c->connect();
    connected($c);
    $c->close();
    $c->close();
    echo "onClose fired $n time(s)\n";
});

section('close() with 4 MB still queued, the peer reading only afterwards', function () {
    $looper = Yii::$app->eventLooper;
    $listener = stream_socket_server('tcp://127.0.0.1:0');
    $c = new StreamClient(['target' => 'tcp://' . stream_socket_get_name($listener, false)]);
    $c->connect();
    $peer = null;
    looper_wait_until(function () use ($listener, &$peer) {
        return $peer ??= @stream_socket_accept($listener, 0);
    }, 2, 'the accept');
    connected($c);
    $payload = str_repeat('0123456789abcdef', 262144);
    $c->send($payload);
    $c->close();
    $got = 0;
    stream_set_blocking($peer, false);
    looper_wait_until(function () use ($peer, &$got) {
        while (($d = fread($peer, 1 << 20)) !== '' && $d !== false) {
            $got += strlen($d);
        }
        return feof($peer);
    }, 5, 'EOF at the peer');
    echo $got === strlen($payload) ? "the peer got all 4 MB\n" : "the peer got less than 4 MB\n";
});

section('unix:///absolute/path target', function () {
    $path = unix_path('documented-differences');
    $listener = stream_socket_server("unix://$path");
    $c = new StreamClient(['target' => "unix://$path"]);
    $c->connect();
    echo connected($c) ? "connected\n" : "not connected\n";
    $c->close();
    fclose($listener);
    @unlink($path);
});

section('StreamClient::$connections after close()', function () use ($target) {
    $c = new StreamClient(['target' => $target]);
    $c->connect();
    connected($c);
    $in = in_array($c, StreamClient::$connections, true);
    $c->close();
    echo "while established: ", json_encode($in), ", after close(): ", json_encode(in_array($c, StreamClient::$connections, true)), "\n";
});

section('the next id after a never-connected client is destroyed', function () use ($target) {
    $never = new StreamClient(['target' => $target]);
    unset($never);
    $c = new StreamClient(['target' => $target]);
    $c->connect();
    connected($c);
    echo "getId() is ", get_debug_type($c->getId()), "\n";
    $c->close();
});

section('reconnect_interval 0.2 with an application onConnectFailed handler in the config', function () {
    $failures = 0;
    $c = new StreamClient([
        'target' => 'tcp://127.0.0.1:' . refused_port(),
        'on onConnectFailed' => function () use (&$failures) { $failures++; },
        'reconnect_interval' => 0.2,
    ]);
    echo "reconnect_interval is now ", json_encode($c->reconnect_interval), "; ";
    $c->connect();
    looper_run_for(0.5);
    $c->reconnect_interval = 0;
    echo "the application's handler ran: ", json_encode($failures > 0), "\n";
});

section('getConnectAt() once connected', function () use ($target) {
    $c = new StreamClient(['target' => $target]);
    $c->connect();
    connected($c);
    echo get_debug_type($c->getConnectAt()), "\n";
    $c->close();
});

section('a connect that fails at once (a unix socket path that does not exist)', function () {
    // a relative path (the original cannot parse unix:///absolute), in a directory of our own
    $dir = sys_get_temp_dir() . '/beyod-differences-' . getmypid();
    @mkdir($dir);
    chdir($dir);
    $c = new StreamClient(['target' => 'unix://missing.sock']);
    $inside = false;
    $firedInside = null;
    $c->on('onConnectFailed', function () use (&$inside, &$firedInside) { $firedInside = $inside; });
    $inside = true;
    $c->connect();
    $inside = false;
    looper_wait_until(function () use (&$firedInside) { return $firedInside !== null; }, 1, 'onConnectFailed');
    echo "onConnectFailed fired inside connect(): ", json_encode($firedInside), "\n";
    chdir('/');
    rmdir($dir);
});

section('isClosed() while connecting', function () use ($target) {
    $c = new StreamClient(['target' => $target]);
    $c->connect();
    echo json_encode($c->isClosed()), "\n";
    connected($c);
    $c->close();
});

section('two clients with the same target (last: the original\'s shared socket breaks what follows)', function () {
    $target = echo_server();
    $a = new StreamClient(['target' => $target]);
    $b = new StreamClient(['target' => $target]);
    $a->connect();
    $b->connect();
    connected($a);
    connected($b);
    echo $a->local === $b->local ? "one socket (the same local address)\n" : "a socket each\n";
    $a->close();
    $b->close();
});
