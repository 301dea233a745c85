<?php
/**
 * beyod's own text and frame parsers (the classes, a subclass that overrides nothing, one that
 * overrides decode(), configured by class name or by a config array whose max_packet_size
 * beyod's Parser::init() converts with Formatter::getBytes()) fed a random stream cut at random
 * places, one read per piece, written only against beyod's and Yii's API (the same script runs
 * with the extension, which frames beyod's text parser natively, and with the
 * original, which calls them). The transcript is every onMessage payload and every onBadPacket
 * code and errstr (its "<connection>" prefix, each client's own __toString(), shown as
 * "<client>"). Fixed seed: both runs see the same bytes cut the same way.
 */
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

class PlainTextParser extends beyod\protocol\text\Parser
{
}

mt_srand(20240611);

function random_word(int $max): string
{
    $w = '';
    for ($i = mt_rand(0, $max); $i > 0; $i--) {
        $w .= 'abcdefghij klmnopqrstuvwxyz'[mt_rand(0, 26)];
    }
    return $w;
}

/** Lines of 0..$max characters, each ended by $delimiter. */
function text_stream(int $lines, int $max, string $delimiter): string
{
    $s = '';
    for ($i = 0; $i < $lines; $i++) {
        $s .= random_word($max) . $delimiter;
    }
    return $s;
}

/** beyod frames: a big-endian length (header included), then the body. */
function frame_stream(int $frames, int $max): string
{
    $s = '';
    for ($i = 0; $i < $frames; $i++) {
        $body = random_word($max);
        $s .= pack('N', 4 + strlen($body)) . $body;
    }
    return $s;
}

/** $stream in pieces of 1..$max bytes. */
function random_pieces(string $stream, int $max): array
{
    $pieces = [];
    while ($stream !== '') {
        $n = mt_rand(1, $max);
        $pieces[] = substr($stream, 0, $n);
        $stream = (string)substr($stream, $n);
    }
    return $pieces;
}

function shown($m): string
{
    return is_string($m) ? '"' . addcslashes($m, "\0..\37\"\\\177..\377") . '"' : json_encode($m);
}

// (this script may run inside a function: compare_with_original() requires it)
$GLOBALS['listener'] = stream_socket_server('tcp://127.0.0.1:0');
$GLOBALS['port'] = parse_url('tcp://' . stream_socket_get_name($GLOBALS['listener'], false), PHP_URL_PORT);

/**
 * One client with $parser, fed $pieces one read at a time; $onMessage (optional) may change
 * the parser object between messages.
 */
function run_case(string $title, $parser, array $pieces, ?callable $onMessage = null): void
{
    $listener = $GLOBALS['listener'];
    $port = $GLOBALS['port'];
    echo "== $title\n";
    $client = new StreamClient(['target' => "tcp://127.0.0.1:$port", 'parser' => $parser]);
    $p = $client->parser;
    echo "parser ", get_class($p), ", delimiter ", shown($p->delimiter ?? null),
        ", max_packet_size ", json_encode($p->max_packet_size), "\n";
    $connected = false;
    $client->on(Server::ON_CONNECT, function () use (&$connected) {
        $connected = true;
    });
    $client->on(Server::ON_MESSAGE, function ($e) use ($onMessage) {
        echo "  onMessage ", shown($e->message), "\n";
        if ($onMessage) {
            $onMessage($e->sender->parser);
        }
    });
    $client->on(Server::ON_BAD_PACKET, function ($e) {
        echo "  onBadPacket {$e->code} ", shown(str_replace((string)$e->sender, '<client>', $e->errstr)), "\n";
    });
    $client->connect();
    $peer = stream_socket_accept($listener, 3);
    looper_wait_until(function () use (&$connected) { return $connected; }, 3, 'onConnect');
    foreach ($pieces as $piece) {
        fwrite($peer, $piece);
        // the piece is in the client's socket already (loopback): one read takes it
        Yii::$app->eventLooper->once(0.2);
        Yii::$app->eventLooper->once(0);
    }
    $client->close();
    fclose($peer);
}

$text = 'beyod\protocol\text\Parser';
$frame = 'beyod\protocol\frame\Parser';

run_case('text parser by class name, "\r\n" lines', $text, random_pieces(text_stream(12, 12, "\r\n"), 20));
run_case("text parser, config delimiter \"\\n\", max_packet_size 16 (lines and reads over 16 bytes are refused)",
    ['class' => $text, 'delimiter' => "\n", 'max_packet_size' => 16], random_pieces(text_stream(14, 14, "\n"), 12));
run_case("text parser, max_packet_size '1K' (getBytes() knows no K: 1)",
    ['class' => $text, 'max_packet_size' => '1K'], random_pieces(text_stream(3, 6, "\r\n"), 8));
run_case("text parser, delimiter \"||\", max_packet_size '64B' (a packet ends one byte into the delimiter)",
    ['class' => $text, 'delimiter' => '||', 'max_packet_size' => '64B'], random_pieces(text_stream(10, 10, '||'), 30));
run_case('a subclass overriding nothing, max_packet_size 24',
    ['class' => 'PlainTextParser', 'max_packet_size' => 24], random_pieces(text_stream(10, 12, "\r\n"), 16));
run_case('a subclass overriding decode(), max_packet_size 16',
    ['class' => 'ShoutingTextParser', 'max_packet_size' => 16], random_pieces(text_stream(10, 12, "\r\n"), 12));
$seen = 0;
run_case('properties changed by an onMessage handler: after 3 messages delimiter "\n", after 6 max_packet_size 8',
    ['class' => $text], random_pieces(text_stream(6, 8, "\r\n") . text_stream(8, 10, "\n"), 10),
    function ($parser) use (&$seen) {
        $seen++;
        if ($seen === 3) {
            $parser->delimiter = "\n";
        } elseif ($seen === 6) {
            $parser->max_packet_size = 8;
        }
    });
$flips = 0;
run_case('properties rebuilt by a handler at every message (new strings of the same or another value, where freed ones were): delimiter "\r\n" and "\n" in turn, max_packet_size "16" and "8388608" in turn',
    ['class' => $text], random_pieces(text_stream(24, 10, "\r\n"), 10),
    function ($parser) use (&$flips) {
        $flips++;
        $parser->delimiter = str_repeat("\r", $flips % 2) . "\n";
        $parser->max_packet_size = (string) ($flips % 3 ? 16 : 8 * 1024 * 1024);
    });
run_case('frame parser, whole frames per read', $frame, str_split(frame_stream(5, 10), 1000));
run_case('frame parser, random reads (a read ending inside a header is taken as a packet)',
    $frame, random_pieces(frame_stream(10, 10), 9));
run_case('frame parser, max_packet_size 16', ['class' => $frame, 'max_packet_size' => 16],
    random_pieces(frame_stream(8, 14), 24));
$changes = 0;
run_case('max_packet_size set to numeric strings by a handler (as getBytes() leaves them): after 2 messages "12", after 6 "8388608"',
    ['class' => $text], random_pieces(text_stream(12, 12, "\r\n"), 10),
    function ($parser) use (&$changes) {
        $changes++;
        if ($changes === 2) {
            $parser->max_packet_size = '12';
        } elseif ($changes === 6) {
            $parser->max_packet_size = '8388608';
        }
    });
