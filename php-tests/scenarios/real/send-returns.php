<?php
/**
 * What send() returns when it writes, on the real beyod + Yii stack, written only against
 * beyod's API so the same script runs with the extension and with the original: 32 MB sent from
 * onConnect (inside a handler) and then from plain code, to a peer that reads nothing at first —
 * only part goes out at once, and send() returns the int (the bytes written) rather than true;
 * a small send() then, with bytes still waiting, is refused (onBufferFull) as the queue holds
 * more than max_send_buffer_size; once the peer reads, onBufferDrain, and every accepted byte
 * arrives. The peer is a socket of this process on Yii::$app->eventLooper.
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
$peer = null;
$looper->add($listener, EventLooper::EV_READ, function () use ($listener, &$peer) {
    $peer = stream_socket_accept($listener, 0);
    stream_set_blocking($peer, false);
});
$received = 0;
$startReading = function () use (&$peer, &$received, $looper) {
    $looper->add($peer, EventLooper::EV_READ, function () use (&$peer, &$received) {
        $received += strlen((string)fread($peer, 1 << 20));
    });
};

$big = str_repeat('x', 32 << 20);
$describe = function ($r) use ($big) {
    return is_int($r) ? ($r > 0 && $r < strlen($big) ? 'an int, the bytes written (less than the message)' : "int $r")
        : json_encode($r);
};
$client = Yii::createObject(['class' => StreamClient::class, 'target' => "tcp://127.0.0.1:$port"]);
$accepted = 0;
$drained = 0;
$client->on(Server::ON_CONNECT, function ($e) use ($big, $describe, &$accepted) {
    $r = $e->sender->send($big);
    echo "send(32 MB) from onConnect returns ", $describe($r), "\n";
    $accepted += $r === false ? 0 : strlen($big);
    $r = $e->sender->send('small');
    echo "then send('small') returns ", $describe($r), "\n";
    $accepted += $r === false ? 0 : 5;
});
$client->on(Server::ON_BUFFER_FULL, fn () => print("  onBufferFull\n"));
$client->on(Server::ON_BUFFER_DRAIN, function () use (&$drained) {
    $drained++;
});
$client->connect();
looper_wait_until(fn () => $client->isConnnected(), 3, 'connected');
looper_run_for(0.2);
$startReading();
looper_wait_until(function () use (&$drained) {
    return $drained > 0;
}, 10, 'onBufferDrain');
echo "onBufferDrain: ", $drained, ", the peer got every accepted byte: ";
looper_wait_until(function () use (&$received, &$accepted) {
    return $received >= $accepted;
}, 5, 'the bytes');
echo json_encode($received === $accepted), "\n";

// from plain code: the peer stops reading again
$looper->del($peer, EventLooper::EV_READ);
$drained = 0;
$received = 0;
$r = $client->send($big);
echo "send(32 MB) outside handlers returns ", $describe($r), "\n";
$accepted = $r === false ? 0 : strlen($big);
$startReading();
looper_wait_until(function () use (&$drained) {
    return $drained > 0;
}, 10, 'onBufferDrain');
looper_wait_until(function () use (&$received, &$accepted) {
    return $received >= $accepted;
}, 5, 'the bytes');
echo "onBufferDrain: $drained, the peer got every accepted byte: ", json_encode($received === $accepted), "\n";
$client->close();
