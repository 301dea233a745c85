--TEST--
Transparent acceleration: with beyod's own text and redis parsers (stand-ins here) the client frames natively and gives exactly the messages the PHP parsers give, for coalesced and split reads
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
--FILE--
<?php
require __DIR__ . '/../inc/modes.php';
load_mode('yii-beyod');   // beyod's parsers and Response: the stand-ins (standins/beyod)
use beyod\StreamClient;

// The same logic under other names: the extension cannot recognise these, so it calls them.
class PlainText extends beyod\protocol\text\Parser {}
class PlainRedis extends beyod\protocol\redis\Parser {}

/** Feeds $chunks to a client with $parser through a raw server, returns the messages. */
function messages($parser, array $chunks): array
{
    $srv = stream_socket_server('tcp://127.0.0.1:0');
    $port = parse_url('tcp://' . stream_socket_get_name($srv, false), PHP_URL_PORT);
    $c = new StreamClient(['target' => "tcp://127.0.0.1:$port", 'parser' => $parser]);
    $got = new ArrayObject();
    $c->on('onMessage', function ($e) use ($got) {
        $m = $e->message;
        $got[] = is_object($m)
            ? get_class($m) . ':' . json_encode(['type' => $m->getType(), 'data' => $m->getData(), 'error' => $m->getError()])
            : json_encode($m);
    });
    $c->on('onBadPacket', function ($e) use ($got) { $got[] = "bad {$e->code}"; });
    $c->connect();
    $conn = null;
    for ($i = 0; $i < 300 && !$conn; $i++) { beyod\ext\Loop::tick(0.01); $conn = @stream_socket_accept($srv, 0); }
    foreach ($chunks as $chunk) {
        fwrite($conn, $chunk);
        run_loop_for(0.02);   // each chunk its own read
    }
    run_loop_for(0.1);
    $c->close();
    fclose($conn);
    fclose($srv);
    return (array)$got;
}

$text = "hello\r\n  padded line \t\r\n\r\nlast\r\n";
$redis = "+OK\r\n:42\r\n\$5\r\nhello\r\n\$-1\r\n*2\r\n\$1\r\na\r\n:7\r\n-ERR wrong\r\n";
$cases = [
    'text coalesced' => ['beyod\protocol\text\Parser', 'PlainText', [$text]],
    'text split' => ['beyod\protocol\text\Parser', 'PlainText', str_split($text, 3)],
    'redis coalesced' => ['beyod\protocol\redis\Parser', 'PlainRedis', [$redis]],
    'redis split' => ['beyod\protocol\redis\Parser', 'PlainRedis', str_split($redis, 2)],
];
foreach ($cases as $name => [$native, $php, $chunks]) {
    beyod\Parser::$inputCalls = 0;
    $a = messages($native, $chunks);
    $nativeCalls = beyod\Parser::$inputCalls;
    $b = messages($php, $chunks);
    printf("%s: %d messages, identical: %s, PHP input() calls: native %d, plain %s\n", $name, count($a),
        var_export($a === $b, true), $nativeCalls, beyod\Parser::$inputCalls > 0 ? 'some' : 'none');
    if ($a !== $b) { var_dump($a, $b); }
}
echo implode("\n", messages('beyod\protocol\redis\Parser', [$redis])), "\n";
?>
--EXPECT--
text coalesced: 4 messages, identical: true, PHP input() calls: native 0, plain some
text split: 4 messages, identical: true, PHP input() calls: native 0, plain some
redis coalesced: 6 messages, identical: true, PHP input() calls: native 0, plain some
redis split: 6 messages, identical: true, PHP input() calls: native 0, plain some
beyod\protocol\redis\Response:{"type":"+","data":"OK","error":null}
beyod\protocol\redis\Response:{"type":":","data":42,"error":null}
beyod\protocol\redis\Response:{"type":"$","data":"hello","error":null}
beyod\protocol\redis\Response:{"type":"$","data":null,"error":null}
beyod\protocol\redis\Response:{"type":"*","data":["a",7],"error":null}
beyod\protocol\redis\Response:{"type":"-","data":null,"error":"ERR wrong"}
