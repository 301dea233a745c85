<?php
/**
 * beyod's protocol\text\Parser on the real beyod + Yii stack, written only against beyod's API
 * so the same script runs with the extension (which frames it natively) and with the original
 * (which calls the PHP parser): its default "\r\n", a config delimiter, max_packet_size 16 and
 * '1K' (converted by the parser's init()), a subclass overriding decode(); a fixed stream of
 * lines cut at random places (mt_srand: the same cuts each run) sent by a peer of this process,
 * one write per piece; and protocol\frame\Parser, its frames cut the same way. Printed: every onMessage and onBadPacket (code and errstr, the
 * connection's id and addresses as C), and onClose.
 */
use beyod\event\EventLooper;
use beyod\Server;
use beyod\StreamClient;

require_once __DIR__ . '/../../inc/helpers.php';
require_once __DIR__ . '/../../inc/real-code.php';
if (!class_exists('Yii', false)) {
    load_real_code();
}
class ShoutingTextParser extends beyod\protocol\text\Parser
{
    public function decode($buffer, $connection)
    {
        return strtoupper(parent::decode($buffer, $connection));
    }
}
$looper = Yii::$app->eventLooper;
$listener = stream_socket_server('tcp://127.0.0.1:0');
$port = parse_url('tcp://' . stream_socket_get_name($listener, false), PHP_URL_PORT);
$pieces = [];
$looper->add($listener, EventLooper::EV_READ, function () use ($listener, &$pieces, $looper) {
    $c = stream_socket_accept($listener, 0);
    $k = 0;
    $id = $looper->addInterval(20, function () use ($c, &$pieces, &$k, $looper, &$id) {
        if ($k < count($pieces)) {
            fwrite($c, $pieces[$k++]);
        } else {
            fclose($c);
            $looper->delInterval($id);
        }
    });
});

$cases = [
    'default "\r\n"' => ['class' => 'beyod\protocol\text\Parser'],
    'delimiter "\n"' => ['class' => 'beyod\protocol\text\Parser', 'delimiter' => "\n"],
    'delimiter "|", max_packet_size 16' => ['class' => 'beyod\protocol\text\Parser', 'delimiter' => '|', 'max_packet_size' => 16],
    'max_packet_size "1K"' => ['class' => 'beyod\protocol\text\Parser', 'max_packet_size' => '1K'],
    'a subclass overriding decode()' => ['class' => 'ShoutingTextParser', 'delimiter' => "\n"],
    // (its input() returns a buffer of 4 bytes or less as a packet: a piece that short makes an
    // empty message, with the original as here)
    'protocol\frame\Parser' => ['class' => 'beyod\protocol\frame\Parser'],
];
mt_srand(20261204);
foreach ($cases as $what => $parser) {
    $d = $parser['delimiter'] ?? "\r\n";
    $stream = '';
    foreach (['one', 'two', str_repeat('x', 40), 'three', str_repeat('y', 1500), 'four'] as $m) {
        $stream .= $parser['class'] === 'beyod\protocol\frame\Parser' ? pack('N', 4 + strlen($m)) . $m : $m . $d;
    }
    $pieces = [];
    for ($i = 0; $i < strlen($stream);) {
        $n = mt_rand(1, 12) === 1 ? mt_rand(200, 2000) : mt_rand(1, 9);
        $pieces[] = substr($stream, $i, $n);
        $i += $n;
    }
    echo "== $what\n";
    $client = Yii::createObject(['class' => StreamClient::class, 'target' => "tcp://127.0.0.1:$port", 'parser' => $parser]);
    $closed = false;
    $client->on(Server::ON_MESSAGE, function ($e) {
        $m = $e->message;
        echo "  onMessage ", strlen($m) > 20 ? json_encode(substr($m, 0, 8)) . '… (' . strlen($m) . ' bytes)' : json_encode($m), "\n";
    });
    $client->on(Server::ON_BAD_PACKET, function ($e) {
        $s = (string)$e->sender;
        echo "  onBadPacket code $e->code, errstr ", json_encode(str_replace($s, 'C', $e->errstr)), "\n";
    });
    $client->on(Server::ON_CLOSE, function ($e) use (&$closed) {
        echo "  onClose by $e->by\n";
        $closed = true;
    });
    $client->connect();
    looper_wait_until(function () use (&$closed) {
        return $closed;
    }, 8, 'the close');
    if (!$closed) {
        $client->close();
    }
}
