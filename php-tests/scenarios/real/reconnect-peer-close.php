<?php
/**
 * Reconnection after the peer closes, on the real beyod + Yii stack, written only against
 * beyod's API so the same script runs with the extension and with the original: a client with
 * reconnect_interval 0.2 and beyod's text parser; the server (a socket of this process on
 * Yii::$app->eventLooper) greets each connection with "connN hello" and, on the first two, hangs
 * up after the client's first line. Three connections, then close() by the application: no fourth.
 */
use beyod\event\EventLooper;
use beyod\Server;
use beyod\StreamClient;

require_once __DIR__ . '/../../inc/helpers.php';
require_once __DIR__ . '/../../inc/real-code.php';
if (!class_exists('Yii', false)) {
    load_real_code();
}
$looper = Yii::$app->eventLooper;

$listener = stream_socket_server('tcp://127.0.0.1:0');
$port = parse_url('tcp://' . stream_socket_get_name($listener, false), PHP_URL_PORT);
$accepted = 0;
$looper->add($listener, EventLooper::EV_READ, function () use ($listener, $looper, &$accepted) {
    $c = stream_socket_accept($listener, 0);
    $n = ++$accepted;
    fwrite($c, "conn$n hello\r\n");
    $looper->add($c, EventLooper::EV_READ, function () use ($c, $looper, $n) {
        $data = fread($c, 65536);
        if ($data === '' || $data === false || ($n <= 2 && strpos($data, "\r\n") !== false)) {
            $looper->del($c, EventLooper::EV_READ);
            fclose($c);
        }
    });
});

$connects = 0;
$closes = 0;
$client = new StreamClient(['target' => "tcp://127.0.0.1:$port", 'parser' => 'beyod\protocol\text\Parser',
    'reconnect_interval' => 0.2]);
$client->on(Server::ON_CONNECT, function ($e) use (&$connects) {
    $connects++;
    echo "onConnect #$connects\n";
});
$client->on(Server::ON_MESSAGE, function ($e) {
    echo "onMessage {$e->message}\n";
    echo "send('bye') returns ", json_encode($e->sender->send('bye')), "\n";
});
$client->on(Server::ON_CLOSE, function ($e) use (&$closes) {
    $closes++;
    echo "onClose by={$e->by}\n";
});
foreach ([Server::ON_CONNECT_FAILED, Server::ON_ERROR] as $name) {
    $client->on($name, function ($e) {
        echo "{$e->name} code={$e->code}\n";
    });
}
$client->connect();
looper_wait_until(function () use (&$connects) { return $connects >= 3; }, 5, 'three connections');
looper_run_for(0.1);
$client->close();
echo "after close(): closed ", json_encode($client->isClosed()), "\n";
looper_run_for(0.5);
echo "connections: $connects, accepted by the server: $accepted\n";
