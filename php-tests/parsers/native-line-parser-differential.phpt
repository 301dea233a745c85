--TEST--
Differential: the same byte streams (random over small alphabets rich in delimiter bytes; delimiters "\n", "\r\n" and the self-overlapping "abab") framed by a PHP line parser written here and by the native beyod\ext\LineParser give identical messages, equal to a reference split, whether the bytes come coalesced (one write, 64 KiB reads), split everywhere (3- and 7-byte reads) or in random chunks with pauses; the incomplete tail before the server's FIN is no message on either side
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;
use beyod\ext\LineParser as NativeLineParser;

/** A beyod-style PHP parser: the first occurrence of $delimiter ends a packet. */
class PhpDelimiterParser
{
    public $delimiter = "\n";
    public $max_packet_size = 0;

    public function input($buffer, $connection)
    {
        $p = strpos($buffer, $this->delimiter);
        return $p === false ? 0 : $p + strlen($this->delimiter);
    }

    public function decode($buffer, $connection)
    {
        return substr($buffer, 0, -strlen($this->delimiter));
    }

    public function encode($message, $connection)
    {
        return $message . $this->delimiter;
    }
}

mt_srand(20261125);
function random_stream(string $alphabet, int $len): string
{
    $s = '';
    while (strlen($s) < $len) {
        if (mt_rand(0, 400) === 0) {
            $s .= str_repeat($alphabet[mt_rand(0, strlen($alphabet) - 1)], mt_rand(300, 3000)); // a long run
        } else {
            $s .= $alphabet[mt_rand(0, strlen($alphabet) - 1)];
        }
    }
    return $s . 'tail without end';
}

/** Bytes the client reads: as one write, or cut at random points with pauses between. */
function script_for(string $stream, bool $chunked): array
{
    if (!$chunked) {
        return [[0, $stream]];
    }
    $chunks = [];
    for ($pos = 0; $pos < strlen($stream); $pos += $len) {
        $len = mt_rand(1, 4000);
        $chunks[] = [mt_rand(0, 2) === 0 ? 0 : 15, substr($stream, $pos, $len)];
    }
    return $chunks;
}

final class Collected
{
    public array $messages = [];
    public bool $closed = false;
}

/** Frames the stream through a client with $parser: the messages, complete once the server's FIN is seen. */
function frame_all(int $port, $parser, int $readSize): Collected
{
    $c = new StreamClient(['target' => tcp_target($port), 'parser' => $parser, 'read_buffer_size' => $readSize]);
    $got = new Collected();
    $c->on('onMessage', function ($e) use ($got) { $got->messages[] = $e->message; });
    $c->on('onBadPacket', fn ($e) => print("onBadPacket {$e->code} {$e->errstr}\n"));
    $c->on('onClose', function () use ($got) { $got->closed = true; });
    $c->connect();
    return $got;
}

$cases = [
    "\n" => "ab\n\n\r\0\xffz",
    "\r\n" => "ab\r\r\n\n\0\xff",
    'abab' => 'aaabbbab\n',
];
$reads = ['coalesced, 64 KiB reads' => [false, 65536], 'split: 7-byte reads' => [false, 7],
    'split: 3-byte reads' => [false, 3], 'random chunks, 1000-byte reads' => [true, 1000]];
foreach ($cases as $delimiter => $alphabet) {
    $stream = random_stream($alphabet, 60000);
    $reference = explode($delimiter, $stream);
    array_pop($reference); // the tail without a delimiter
    echo json_encode($delimiter), ': ', count($reference), " messages in the reference split\n";
    foreach ($reads as $how => [$chunked, $readSize]) {
        [$srv, $port] = start_server('chunks.php', '--script=' . chunk_script(script_for($stream, $chunked)), '--close=1');
        $phpParser = new PhpDelimiterParser();
        $phpParser->delimiter = $delimiter;
        $php = frame_all($port, $phpParser, $readSize);
        $native = frame_all($port, new NativeLineParser(['delimiter' => $delimiter]), $readSize);
        wait_until(fn () => $php->closed && $native->closed, 4, "$how: both closed by the server");
        $a = $php->messages;
        $b = $native->messages;
        printf("  %-32s php == reference: %s, native == reference: %s, native == php: %s\n", "$how:",
            var_export($a === $reference, true), var_export($b === $reference, true), var_export($a === $b, true));
        if ($b !== $a) {
            foreach ($a as $i => $m) {
                if (($b[$i] ?? null) !== $m) {
                    echo '    first difference at message ', $i, ': php ', json_encode($m), ' native ', json_encode($b[$i] ?? null), "\n";
                    break;
                }
            }
        }
        stop_server($srv);
    }
}
?>
--EXPECT--
"\n": 19997 messages in the reference split
  coalesced, 64 KiB reads:         php == reference: true, native == reference: true, native == php: true
  split: 7-byte reads:             php == reference: true, native == reference: true, native == php: true
  split: 3-byte reads:             php == reference: true, native == reference: true, native == php: true
  random chunks, 1000-byte reads:  php == reference: true, native == reference: true, native == php: true
"\r\n": 675 messages in the reference split
  coalesced, 64 KiB reads:         php == reference: true, native == reference: true, native == php: true
  split: 7-byte reads:             php == reference: true, native == reference: true, native == php: true
  split: 3-byte reads:             php == reference: true, native == reference: true, native == php: true
  random chunks, 1000-byte reads:  php == reference: true, native == reference: true, native == php: true
"abab": 231 messages in the reference split
  coalesced, 64 KiB reads:         php == reference: true, native == reference: true, native == php: true
  split: 7-byte reads:             php == reference: true, native == reference: true, native == php: true
  split: 3-byte reads:             php == reference: true, native == reference: true, native == php: true
  random chunks, 1000-byte reads:  php == reference: true, native == reference: true, native == php: true
