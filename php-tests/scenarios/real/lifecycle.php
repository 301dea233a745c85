<?php
/**
 * One client's life on the real beyod + Yii stack, written only against beyod's API so the same
 * script runs with the extension and with the original: connect to a line server (in this
 * process, on Yii::$app->eventLooper), messages with beyod's text parser, send() return values
 * inside and outside handlers, the peer closing, state queries and StreamClient::$connections at
 * each step, a refused connect, and what the event objects carry.
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

// a line server: answers "echo: <line>" to each line; "quit" makes it hang up
$listener = stream_socket_server('tcp://127.0.0.1:0');
$port = parse_url('tcp://' . stream_socket_get_name($listener, false), PHP_URL_PORT);
$looper->add($listener, EventLooper::EV_READ, function () use ($listener, $looper) {
    $c = stream_socket_accept($listener, 0);
    $buf = '';
    $looper->add($c, EventLooper::EV_READ, function () use ($c, $looper, &$buf) {
        $data = fread($c, 65536);
        $buf .= $data;
        while (($p = strpos($buf, "\r\n")) !== false) {
            $line = substr($buf, 0, $p);
            $buf = substr($buf, $p + 2);
            if ($line === 'quit') {
                $data = '';
                break;
            }
            fwrite($c, "echo: $line\r\n");
        }
        if ($data === '' || $data === false) {
            $looper->del($c, EventLooper::EV_READ);
            fclose($c);
        }
    });
});

function state(StreamClient $c): string
{
    return sprintf('connected %s, closed %s, id %s, in $connections %s', json_encode($c->isConnnected()),
        json_encode($c->isClosed()), json_encode(is_int($c->getId())), json_encode(in_array($c, StreamClient::$connections, true)));
}

$log = [];
$client = new StreamClient(['target' => "tcp://127.0.0.1:$port", 'parser' => 'beyod\protocol\text\Parser']);
foreach ([Server::ON_BEFORE_CONNECT, Server::ON_CONNECT, Server::ON_CONNECT_FAILED, Server::ON_MESSAGE, Server::ON_CLOSE,
          Server::ON_ERROR, Server::ON_BAD_PACKET, Server::ON_BUFFER_FULL, Server::ON_BUFFER_DRAIN] as $name) {
    $client->on($name, function ($e) use (&$log) {
        $fields = [];
        foreach (['message', 'code', 'errstr', 'by'] as $f) {
            if (isset($e->$f)) {
                $fields[] = "$f=" . json_encode($e->$f);
            }
        }
        echo "  {$e->name} (", get_class($e), ", sender is the client: ", json_encode($e->sender === $e->data), ") ",
            implode(' ', $fields), "\n";
        $log[] = $e->name;
    }, $client);
}
$client->on(Server::ON_CONNECT, function ($e) {
    echo "  in onConnect: ", state($e->sender), "\n";
    echo "  send('one') from onConnect returns ", json_encode($e->sender->send('one')), "\n";
    echo "  send('two') from onConnect returns ", json_encode($e->sender->send('two')), "\n";
});
$client->on(Server::ON_MESSAGE, function ($e) {
    if ($e->message === 'echo: two') {
        echo "  send('quit') from onMessage returns ", json_encode($e->sender->send('quit')), "\n";
    }
});

echo "before connect(): ", state($client), "\n";
$r = $client->connect();
echo "connect() returns the client: ", json_encode($r === $client), "; ", state($client), "\n";
looper_wait_until(function () use (&$log) { return in_array('onClose', $log, true); }, 3, 'the server hanging up');
echo "after the peer closed: ", state($client), "\n";

echo "connect() again, then send() outside handlers:\n";
$log = [];
$client->off(Server::ON_CONNECT);   // the sending handler (and the logging one)
$client->connect();
looper_wait_until(fn () => $client->isConnnected(), 3, 'the second connect');
echo "send('three') outside handlers returns ", json_encode($client->send('three')), "\n";
echo "send('quit') outside handlers returns ", json_encode($client->send('quit')), "\n";
looper_wait_until(function () use (&$log) { return in_array('onClose', $log, true); }, 3, 'the server hanging up');
echo "send('late') after the peer closed returns ", json_encode($client->send('late')), "\n";

echo "a refused connect:\n";
$refused = refused_port();
$client->target = "tcp://127.0.0.1:$refused";
$log = [];
$client->connect();
looper_wait_until(function () use (&$log) { return in_array('onConnectFailed', $log, true); }, 3, 'the failure');
echo "after the failure: ", state($client), "\n";
