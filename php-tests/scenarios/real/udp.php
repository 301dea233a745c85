<?php
/**
 * udp:// and udg:// clients on the real beyod + Yii stack, written only against beyod's API so
 * the same script runs with the extension and with the original: every event a handler can
 * observe after prepare(), what send() returns, a datagram echoed back (onMessage, beyod's text
 * parser applied per datagram), the state queries. The echo servers are sockets of this process
 * on Yii::$app->eventLooper.
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

$events = [Server::ON_BEFORE_CONNECT, Server::ON_CONNECT, Server::ON_CONNECT_FAILED, Server::ON_MESSAGE,
    Server::ON_CLOSE, Server::ON_ERROR, Server::ON_BUFFER_FULL, Server::ON_BUFFER_DRAIN, Server::ON_BAD_PACKET];

// a relative path: the original's target parsing refuses udg:///absolute ("empty scheme")
chdir(sys_get_temp_dir());
$udg = 'beyod-' . getmypid() . '-udp-scenario.sock';
@unlink($udg);
foreach (['udp' => 'udp://127.0.0.1:0', 'udg' => "udg://$udg"] as $name => $listen) {
    $server = stream_socket_server($listen, $errno, $errstr, STREAM_SERVER_BIND);
    $target = $name === 'udp' ? 'udp://' . stream_socket_get_name($server, false) : $listen;
    $looper->add($server, EventLooper::EV_READ, function () use ($server) {
        $data = stream_socket_recvfrom($server, 65536, 0, $from);
        $abstract = $from !== null && str_starts_with($from, "\0");
        echo "  the server got ", json_encode($data), $from === '' ? ' from an unnamed socket' : '',
            $abstract ? ' from an abstract unix address' : '', "\n";
        // a udg client that did not bind has no address to answer to; PHP's sendto() cannot
        // parse an abstract one
        if ($from !== null && $from !== '' && !$abstract) {
            stream_socket_sendto($server, "echo: $data", 0, $from);
        }
    });

    echo "== $name\n";
    $client = Yii::createObject(['class' => StreamClient::class, 'target' => $target,
        'parser' => 'beyod\protocol\text\Parser']);
    $seen = [];
    foreach ($events as $ev) {
        $client->on($ev, function ($e) use ($ev, &$seen) {
            $seen[] = $ev . ($ev === Server::ON_MESSAGE ? ' ' . json_encode($e->message) : '');
        });
    }
    $client->prepare();
    echo "prepare(): ", implode(', ', $seen), "\n";
    echo "send('early') right after prepare() returns ", json_encode($client->send('early')), "\n";
    // a step of the loop with nothing received: what does the client report by itself?
    looper_run_for(0.2);
    echo "after a loop step: ", implode(', ', $seen), "\n";
    echo "isConnnected() ", json_encode($client->isConnnected()), ", getId() is ", gettype($client->getId()),
        ", in \$connections ", json_encode(in_array($client, StreamClient::$connections, true)), "\n";
    $r = $client->send('ping');
    echo "send('ping') returns ", json_encode($r), "\n";
    $n = count($seen);
    looper_wait_until(function () use (&$seen, $n) {
        return count($seen) > $n && str_starts_with(end($seen), Server::ON_MESSAGE);
    }, 2, 'the echo');
    looper_run_for(0.1);
    echo "events after the send: ", implode(', ', array_slice($seen, $n)), "\n";
    $looper->del($server, EventLooper::EV_READ);
    fclose($server);
}
@unlink($udg);
