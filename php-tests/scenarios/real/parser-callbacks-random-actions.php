<?php
/**
 * A PHP parser (plain object with input()/decode()/encode(), as the original calls them) whose
 * input() and decode(), and the onMessage handler, do something to the client at seeded random
 * calls: replace `$client->parser` (a new parser, the other parser class, or null), send a raw
 * line, throw an Exception, or nothing. Lines arrive one short read at a time (each read under
 * the extension's smallest input() window, so input() sees exactly what the original gives it).
 * The transcript is every action taken and every event with its payload, and what the peer
 * received; the same script runs with the extension and with the original (real beyod + Yii).
 * close() from a callback is left out: the original goes on delivering messages after its own
 * close() (a documented difference, see php-tests/hostile/ for the extension's side).
 */
use beyod\Server;
use beyod\StreamClient;

require_once __DIR__ . '/../../inc/helpers.php';
require_once __DIR__ . '/../../inc/real-code.php';
if (!class_exists('Yii', false)) {
    load_real_code();
}

mt_srand(20261207);

/** What a callback does at its call: the action, chosen once per call, from the seed. */
function act(string $where, $client): void
{
    $r = mt_rand(0, 99);
    $action = $r < 70 ? 'nothing' : ['replace', 'other', 'null', 'send', 'throw', 'send'][($r - 70) % 6];
    if ($action === 'nothing') {
        return;
    }
    if ($action === 'throw' && $where === 'onMessage') {
        $action = 'send';  // (a handler's exception leaves the loop, in both)
    }
    echo "  $where: $action\n";
    switch ($action) {
        case 'replace': $client->parser = new LineP(); break;
        case 'other': $client->parser = new BracketP(); break;
        case 'null': $client->parser = null; break;
        case 'send': $client->send("sent in $where\n", true); break;
        case 'throw': throw new Exception("thrown in $where", 7);
    }
}

/** Lines ended by "\n". */
class LineP
{
    public function input($buffer, $conn)
    {
        act('input', $conn);
        $p = strpos($buffer, "\n");
        return $p === false ? 0 : $p + 1;
    }
    public function decode($packet, $conn)
    {
        act('decode', $conn);
        return 'L:' . rtrim($packet, "\n");
    }
    public function encode($m, $conn) { return $m . "\n"; }
}

/** Packets ended by "]" (so a switch from LineP reframes what is left). */
class BracketP
{
    public function input($buffer, $conn)
    {
        act('input', $conn);
        $p = strpos($buffer, ']');
        return $p === false ? 0 : $p + 1;
    }
    public function decode($packet, $conn)
    {
        act('decode', $conn);
        return 'B:' . $packet;
    }
    public function encode($m, $conn) { return $m . ']'; }
}

function shown($m): string
{
    return is_string($m) ? '"' . addcslashes($m, "\0..\37\"\\\177..\377") . '"' : json_encode($m);
}

$listener = stream_socket_server('tcp://127.0.0.1:0');
$port = parse_url('tcp://' . stream_socket_get_name($listener, false), PHP_URL_PORT);
for ($round = 1; $round <= 6; $round++) {
    echo "== round $round\n";
    $client = new StreamClient(['target' => "tcp://127.0.0.1:$port", 'parser' => new LineP()]);
    $connected = false;
    $client->on(Server::ON_CONNECT, function () use (&$connected) { $connected = true; });
    $client->on(Server::ON_MESSAGE, function ($e) {
        echo "  onMessage ", shown($e->message), "\n";
        act('onMessage', $e->sender);
    });
    $client->on(Server::ON_BAD_PACKET, function ($e) {
        echo "  onBadPacket {$e->code} ", shown($e->errstr), "\n";
    });
    $client->on(Server::ON_CLOSE, function ($e) { echo "  onClose\n"; });
    $client->connect();
    $peer = stream_socket_accept($listener, 3);
    looper_wait_until(function () use (&$connected) { return $connected; }, 3, 'onConnect');
    for ($read = 0; $read < 8; $read++) {
        $piece = '';
        for ($i = mt_rand(1, 4); $i > 0; $i--) {
            $piece .= substr(str_shuffle('abcdefgh'), 0, mt_rand(0, 5)) . (mt_rand(0, 3) ? "\n" : ']');
        }
        echo " read ", shown($piece), "\n";
        fwrite($peer, $piece);
        Yii::$app->eventLooper->once(0.2);
        Yii::$app->eventLooper->once(0);
    }
    stream_set_blocking($peer, false);
    Yii::$app->eventLooper->once(0.05);
    echo " the peer received ", shown((string)fread($peer, 65536)), "\n";
    $client->close();
    fclose($peer);
}
echo "done\n";
