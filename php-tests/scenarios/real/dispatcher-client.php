<?php
/**
 * beyod's dispatcher\Client as a beyod worker uses it, written only against beyod's API (so the
 * same script runs with the extension and with the original): built by Yii::createObject(), its
 * redeclared $reconnect_interval and $parser, an application onConnect handler that sends, its
 * afterConnected() override (which attaches an onConnect handler for the default channels — run
 * only from the next connect on, since afterConnected() is called after the onConnect handlers),
 * a dispatcher (in this process, on the same looper) that echoes frames and hangs up after the
 * first connection's first frame, the reconnect, and beyod's own bug on that reconnect: the
 * handler calls $this->sub(), which does not exist.
 */
use beyod\event\EventLooper;
use beyod\Server;

require_once __DIR__ . '/../../inc/helpers.php';
require_once __DIR__ . '/../../inc/real-code.php';
if (!class_exists('Yii', false)) {
    load_real_code();
}
// dispatcher\Client::getSequence() asks the worker's server for its GPID
Yii::$app->set('server', new class {
    public function getGPID()
    {
        return 65537;
    }
});
$looper = Yii::$app->eventLooper;

$listener = stream_socket_server('tcp://127.0.0.1:0');
$port = parse_url('tcp://' . stream_socket_get_name($listener, false), PHP_URL_PORT);
$accepted = 0;
$looper->add($listener, EventLooper::EV_READ, function () use ($listener, $looper, &$accepted) {
    $c = stream_socket_accept($listener, 0);
    $k = ++$accepted;
    $looper->add($c, EventLooper::EV_READ, function () use ($c, $k, $looper) {
        $data = fread($c, 65536);
        if ($data !== '' && $data !== false) {
            fwrite($c, $data);
        }
        if ($data === '' || $data === false || $k === 1) {
            $looper->del($c, EventLooper::EV_READ);
            fclose($c);
        }
    });
});

$client = Yii::createObject([
    'class' => 'beyod\dispatcher\Client',
    'target' => "tcp://127.0.0.1:$port",
    'default_channel' => ['news', 'alerts'],
]);
echo get_class($client), ": parser ", get_class($client->parser), ", reconnect_interval {$client->reconnect_interval}\n";
$events = [];
$client->on(Server::ON_CONNECT, function ($e) use (&$events) {
    $events[] = 'connect';
    echo "onConnect (application handler), established: ", json_encode($e->sender->isConnnected()), "\n";
    $e->sender->set('k', 'v');
});
$client->on(Server::ON_MESSAGE, function (beyod\MessageEvent $e) use (&$events) {
    $m = $e->message;
    echo "onMessage ", json_encode(['command' => $m['command'], 'key' => $m['key'], 'seq' => strncmp($m['seq'], '65537-', 6) === 0]), "\n";
    $events[] = 'message';
});
$client->on(Server::ON_CLOSE, function (beyod\CloseEvent $e) use (&$events) {
    echo "onClose by {$e->by}\n";
    $events[] = 'close';
});
$client->connect();
echo "after connect(): ", $client->isConnnected() ? 'established' : 'connecting', "\n";
looper_wait_until(function () use (&$events) { return in_array('close', $events, true); }, 3, 'the dispatcher hanging up');
$t = microtime(true);
try {
    looper_wait_until(function () use (&$events) { return count(array_keys($events, 'connect')) === 2; }, 5, 'the reconnect');
} catch (Throwable $e) {
    echo "from the loop: ", get_class($e), ": ", $e->getMessage(), "\n";
}
echo "reconnected after ", round(microtime(true) - $t), " s, established: ", json_encode($client->isConnnected()), "\n";
looper_wait_until(function () use (&$events) { return count(array_keys($events, 'message')) === 2; }, 1, 'the second reply');
$client->close();
echo "closed: ", json_encode($client->isClosed()), "\n";
