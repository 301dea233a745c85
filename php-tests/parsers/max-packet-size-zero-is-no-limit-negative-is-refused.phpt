--TEST--
max_packet_size <= 0: for the extension's own parsers 0 means no limit (as beyod's Parser documents it: a 9 MiB line, past the 8 MiB default, is one message) and a negative size, NAN, INF, a float past PHP_INT_MAX or a non-number is refused with InvalidArgumentException naming the parser's property and its range — at connect() and from input()/decode()/encode() — never read as "no limit"; beyod's own text parser (framed natively) keeps the original's meaning, "> 0 or no limit", so -1 set after init() is no limit there too
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
memory_limit=512M
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
require __DIR__ . '/../inc/modes.php';
load_mode('yii-beyod');   // beyod's text parser: the stand-in (standins/beyod)
use beyod\StreamClient;
use beyod\ext\LineParser;
use beyod\ext\LengthParser;
use beyod\ext\RedisParser;

[$srv, $port] = start_server('raw-echo.php');

/** Sends a 9 MiB line through $parser; prints what arrives. */
function big_line(string $label, $parser, string $delimiter)
{
    global $port;
    $c = new StreamClient(['target' => tcp_target($port), 'parser' => $parser]);
    $st = new stdClass();
    $st->got = null;
    // the first event only (after onBadPacket the rest of the line is a message of its own)
    $c->on('onMessage', function ($e) use ($st) { $st->got ??= 'message of ' . strlen($e->message) . ' bytes'; });
    $c->on('onBadPacket', function ($e) use ($st) { $st->got ??= "onBadPacket code={$e->code}"; });
    $c->connect();
    $c->send(str_repeat('x', 9 << 20) . $delimiter, true);
    wait_until(fn () => $st->got !== null, 10, $label);
    echo "$label: {$st->got}\n";
    $c->close();
}

big_line('LineParser, max_packet_size 0', new LineParser(['max_packet_size' => 0]), "\n");
big_line('LineParser, default (8 MiB)', new LineParser(), "\n");
$text = new beyod\protocol\text\Parser();
$text->max_packet_size = -1;
big_line("beyod's text parser, -1 after init()", $text, "\r\n");

foreach ([LineParser::class, LengthParser::class, RedisParser::class] as $class) {
    foreach ([-1, PHP_INT_MIN, NAN, INF, -INF, 1e300, 'abc', "\xff\xfe", [1], true] as $bad) {
        $p = new $class(['max_packet_size' => $bad]);
        $c = new StreamClient(['target' => tcp_target($port), 'parser' => $p]);
        try {
            $c->connect();
            $r = 'connected';
        } catch (InvalidArgumentException $e) {
            $r = $e->getMessage();
        }
        $calls = [];
        foreach (['input', 'decode', 'encode'] as $m) {
            try {
                $p->$m("a\n", null);
                $calls[] = "$m: no exception";
            } catch (InvalidArgumentException $e) {
                $calls[] = "$m: " . (strpos($e->getMessage(), "$class::\$max_packet_size must be") === 0 ? 'refused' : $e->getMessage());
            }
        }
        echo short_class($p), ' ', var_export($bad, true), ": $r; ", implode(', ', $calls), "\n";
        $c->close();
    }
}
stop_server($srv);
?>
--EXPECTF--
LineParser, max_packet_size 0: message of 9437184 bytes
LineParser, default (8 MiB): onBadPacket code=100
beyod's text parser, -1 after init(): message of 9437184 bytes
LineParser -1: beyod\StreamClient::$parser: beyod\ext\LineParser::$max_packet_size must be a number of bytes from 0 (no limit) to PHP_INT_MAX, got -1; input: refused, decode: refused, encode: refused
LineParser -9223372036854775807-1: beyod\StreamClient::$parser: beyod\ext\LineParser::$max_packet_size must be a number of bytes from 0 (no limit) to PHP_INT_MAX, got -9223372036854775808; input: refused, decode: refused, encode: refused
LineParser NAN: beyod\StreamClient::$parser: beyod\ext\LineParser::$max_packet_size must be a number of bytes from 0 (no limit) to PHP_INT_MAX, got NaN; input: refused, decode: refused, encode: refused
LineParser INF: beyod\StreamClient::$parser: beyod\ext\LineParser::$max_packet_size must be a number of bytes from 0 (no limit) to PHP_INT_MAX, got inf; input: refused, decode: refused, encode: refused
LineParser -INF: beyod\StreamClient::$parser: beyod\ext\LineParser::$max_packet_size must be a number of bytes from 0 (no limit) to PHP_INT_MAX, got -inf; input: refused, decode: refused, encode: refused
LineParser 1.0E+300: beyod\StreamClient::$parser: beyod\ext\LineParser::$max_packet_size must be a number of bytes from 0 (no limit) to PHP_INT_MAX, got 1e300; input: refused, decode: refused, encode: refused
LineParser 'abc': beyod\StreamClient::$parser: beyod\ext\LineParser::$max_packet_size must be a number of bytes from 0 (no limit) to PHP_INT_MAX, got "abc"; input: refused, decode: refused, encode: refused
LineParser '%s': beyod\StreamClient::$parser: beyod\ext\LineParser::$max_packet_size must be a number of bytes from 0 (no limit) to PHP_INT_MAX, got a value of type String; input: refused, decode: refused, encode: refused
LineParser array (
  0 => 1,
): beyod\StreamClient::$parser: beyod\ext\LineParser::$max_packet_size must be a number of bytes from 0 (no limit) to PHP_INT_MAX, got an array; input: refused, decode: refused, encode: refused
LineParser true: beyod\StreamClient::$parser: beyod\ext\LineParser::$max_packet_size must be a number of bytes from 0 (no limit) to PHP_INT_MAX, got true; input: refused, decode: refused, encode: refused
LengthParser -1: %s$max_packet_size must be %s, got -1; input: refused, decode: refused, encode: refused
LengthParser -9223372036854775807-1: %s$max_packet_size must be %s; input: refused, decode: refused, encode: refused
LengthParser NAN: %s$max_packet_size must be %s; input: refused, decode: refused, encode: refused
LengthParser INF: %s$max_packet_size must be %s; input: refused, decode: refused, encode: refused
LengthParser -INF: %s$max_packet_size must be %s; input: refused, decode: refused, encode: refused
LengthParser 1.0E+300: %s$max_packet_size must be %s; input: refused, decode: refused, encode: refused
LengthParser 'abc': %s$max_packet_size must be %s; input: refused, decode: refused, encode: refused
LengthParser '%s': %s$max_packet_size must be %s; input: refused, decode: refused, encode: refused
LengthParser array (
  0 => 1,
): %s$max_packet_size must be %s; input: refused, decode: refused, encode: refused
LengthParser true: %s$max_packet_size must be %s; input: refused, decode: refused, encode: refused
RedisParser -1: %s$max_packet_size must be %s, got -1; input: refused, decode: refused, encode: refused
RedisParser -9223372036854775807-1: %s$max_packet_size must be %s; input: refused, decode: refused, encode: refused
RedisParser NAN: %s$max_packet_size must be %s; input: refused, decode: refused, encode: refused
RedisParser INF: %s$max_packet_size must be %s; input: refused, decode: refused, encode: refused
RedisParser -INF: %s$max_packet_size must be %s; input: refused, decode: refused, encode: refused
RedisParser 1.0E+300: %s$max_packet_size must be %s; input: refused, decode: refused, encode: refused
RedisParser 'abc': %s$max_packet_size must be %s; input: refused, decode: refused, encode: refused
RedisParser '%s': %s$max_packet_size must be %s; input: refused, decode: refused, encode: refused
RedisParser array (
  0 => 1,
): %s$max_packet_size must be %s; input: refused, decode: refused, encode: refused
RedisParser true: %s$max_packet_size must be %s; input: refused, decode: refused, encode: refused
