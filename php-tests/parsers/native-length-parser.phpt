--TEST--
beyod\ext\LengthParser: length_type 'N' and 'v', a header with length_offset/body_offset, length_includes_header; pipelined packets in one write and packets split across writes (inside the length field, inside the body) give the bodies in order; send() writes the header before the body (checked on the wire)
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;
use beyod\ext\LengthParser;

/** The scripted packets through a client with $parser; prints the messages as JSON. */
function run_case(string $label, array $parser, array $chunks, int $count)
{
    [$srv, $port] = start_server('chunks.php', '--script=' . chunk_script($chunks));
    $c = new StreamClient(['target' => tcp_target($port), 'parser' => ['class' => LengthParser::class] + $parser]);
    $got = new ArrayObject();
    $c->on('onMessage', function ($e) use ($got) { $got[] = $e->message; });
    $c->on('onBadPacket', fn ($e) => print("onBadPacket {$e->code} {$e->errstr}\n"));
    $c->connect();
    wait_until(fn () => count($got) >= $count, 3, $label);
    run_loop_for(0.05);
    // long bodies are shown by length and md5
    $show = array_map(fn ($m) => strlen($m) > 64 ? strlen($m) . ' bytes, md5 ' . substr(md5($m), 0, 12) : $m, $got->getArrayCopy());
    echo "$label: ", json_encode($show), "\n";
    $c->close();
    stop_server($srv);
}

$big = str_repeat('0123456789', 2000); // 20000 bytes
$n = fn (string $b) => pack('N', strlen($b)) . $b;
run_case("'N', pipelined", [], [[0, $n('hello') . $n('') . $n('abc')]], 3);
$p = $n($big);
run_case("'N', split in the length field and the body", [],
    [[0, substr($p, 0, 2)], [60, substr($p, 2, 5)], [60, substr($p, 7, 10000)], [60, substr($p, 10007) . $n('tail')]], 2);

$v = fn (string $b) => pack('v', strlen($b)) . $b;
run_case("'v' (16-bit little endian)", ['length_type' => 'v', 'body_offset' => 2],
    [[0, $v('little') . $v(str_repeat('e', 300))], [60, substr($v('endian'), 0, 1)], [60, substr($v('endian'), 1)]], 3);

// a 10-byte header: 2-byte magic, 4-byte length at offset 2, 4 reserved bytes; the body at 10
$h = fn (string $b) => 'BY' . pack('N', strlen($b)) . "\xff\xff\xff\xff" . $b;
run_case('length_offset 2, body_offset 10', ['length_offset' => 2, 'body_offset' => 10],
    [[0, $h('first') . substr($h('second'), 0, 4)], [60, substr($h('second'), 4)]], 2);

$inc = fn (string $b) => pack('n', strlen($b) + 2) . $b;
run_case("'n', length_includes_header", ['length_type' => 'n', 'body_offset' => 2, 'length_includes_header' => true],
    [[0, $inc('counted') . $inc('') . $inc('with header')]], 3);

// send(): header + body on the wire, as the sink receives it
[$sink, $sinkPort] = start_server('sink.php', '--show=1');
$configs = [
    "'N'" => [],
    "'v'" => ['length_type' => 'v', 'body_offset' => 2],
    'length_offset 2, body_offset 10' => ['length_offset' => 2, 'body_offset' => 10],
    "'n', length_includes_header" => ['length_type' => 'n', 'body_offset' => 2, 'length_includes_header' => true],
];
foreach ($configs as $label => $config) {
    $c = new StreamClient(['target' => tcp_target($sinkPort), 'parser' => ['class' => LengthParser::class] + $config]);
    $c->send('hello');
    $c->send('');
    $c->connect();
    wait_until(fn () => $c->isEstablished, 3, $label);
    $c->close();
    $line = server_line_ticking($sink, 3);
    $bytes = json_decode((string)explode(' ', (string)$line, 4)[3], true);
    echo "send() with $label: ", bin2hex($bytes), ' = encode(): ',
        var_export($bytes === $c->parser->encode('hello') . $c->parser->encode(''), true), "\n";
}
stop_server($sink);
?>
--EXPECT--
'N', pipelined: ["hello","","abc"]
'N', split in the length field and the body: ["20000 bytes, md5 70376bf81900","tail"]
'v' (16-bit little endian): ["little","300 bytes, md5 1157756af07b","endian"]
length_offset 2, body_offset 10: ["first","second"]
'n', length_includes_header: ["counted","","with header"]
send() with 'N': 0000000568656c6c6f00000000 = encode(): true
send() with 'v': 050068656c6c6f0000 = encode(): true
send() with length_offset 2, body_offset 10: 0000000000050000000068656c6c6f00000000000000000000 = encode(): true
send() with 'n', length_includes_header: 000768656c6c6f0002 = encode(): true
