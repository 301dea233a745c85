<?php
/**
 * The bytes send() writes with beyod's own parsers, as a server reads them, written only against
 * beyod's and Yii's API (the same script runs with the extension, which encodes beyod's text
 * lines and redis Requests natively, and with the original, which calls encode() and
 * Request::__toString()): text lines (strings, an integer, an empty one, after a delimiter
 * change), redis commands through __call() with string, integer, boolean, float, null and
 * empty parameters, a two-word command, and a Request subclass.
 */
use beyod\Server;
use beyod\StreamClient;

require_once __DIR__ . '/../../inc/helpers.php';
require_once __DIR__ . '/../../inc/real-code.php';
if (!class_exists('Yii', false)) {
    load_real_code();
}

class LoudRequest extends beyod\protocol\redis\Request
{
    public function __toString()
    {
        return strtoupper(parent::__toString());
    }
}

$listener = $GLOBALS['listener'] = stream_socket_server('tcp://127.0.0.1:0');
$port = parse_url('tcp://' . stream_socket_get_name($listener, false), PHP_URL_PORT);

/** Connects $client to the listener, runs $send, prints what the server read. */
function written(string $title, StreamClient $client, callable $send): void
{
    echo "== $title\n";
    $connected = false;
    $client->on(Server::ON_CONNECT, function () use (&$connected) {
        $connected = true;
    });
    $client->connect();
    $peer = stream_socket_accept($GLOBALS['listener'], 3);
    looper_wait_until(function () use (&$connected) { return $connected; }, 3, 'onConnect');
    $send($client);
    $got = '';
    stream_set_blocking($peer, false);
    $deadline = microtime(true) + 1.0;
    do {
        Yii::$app->eventLooper->once(0.05);
        $got .= (string)fread($peer, 65536);
    } while (microtime(true) < $deadline && !str_ends_with($got, "END\r\n") && !str_ends_with($got, "\$3\r\nEND\r\n"));
    echo json_encode($got), "\n";
    $client->close();
    fclose($peer);
}

written('text parser', Yii::createObject(['class' => StreamClient::class, 'target' => "tcp://127.0.0.1:$port",
    'parser' => ['class' => 'beyod\protocol\text\Parser']]), function ($c) {
    $r = [$c->send('one'), $c->send(''), $c->send(42), $c->send("two\r\nlines")];
    $c->parser->delimiter = '|';
    $r[] = $c->send('piped');
    $c->parser->delimiter = "\r\n";
    $r[] = $c->send('END');
    echo "send() returned ", json_encode($r), "\n";
});
written('redis Client', Yii::createObject(['class' => 'beyod\protocol\redis\Client', 'target' => "tcp://127.0.0.1:$port"]),
    function ($c) {
        $r = [
            $c->set('k', 'v'),
            $c->set('i', 5),
            $c->set('neg', -12),
            $c->set('t', true),
            $c->set('f', false),
            $c->set('x', 1.5),
            $c->set('e', ''),
            $c->get("bin\r\n\0"),
            $c->mget('a', 'b', 'c'),
            $c->ping(),
            $c->send(new beyod\protocol\redis\Request('CLIENT SETNAME', ['tester'])),
            $c->send(new LoudRequest('echo', ['quiet'])),
            $c->echo('END'),
        ];
        echo "send() returned ", json_encode($r), "\n";
    });
