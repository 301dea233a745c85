--TEST--
beyod\ext\LineParser with delimiter "\r\n" (as a config array and as an object): pipelined lines in one write are separate messages in order, a line split across writes (the delimiter itself split between "\r" and "\n") is one message, a lone "\r" or "\n" inside a line is data, empty lines are messages; send() appends the delimiter
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;
use beyod\ext\LineParser;

$script = chunk_script([
    [0, "one\r\ntwo\r\nthree\r\n"],            // pipelined: three lines in one write
    [60, "four is split "],                    // a line in three writes...
    [60, "in three writes\r"],                 // ...whose delimiter is split too
    [60, "\n"],
    [60, "a lone \n and a lone \r inside\r\n"],
    [60, "\r\n\r\nlast\r\n"],                   // two empty lines, then one more
]);
[$srv, $port] = start_server('chunks.php', "--script=$script");

foreach (['config array' => ['class' => LineParser::class, 'delimiter' => "\r\n"],
          'object' => new LineParser(['delimiter' => "\r\n"])] as $label => $parser) {
    $c = new StreamClient(['target' => tcp_target($port), 'parser' => $parser]);
    echo "$label: parser is ", get_class($c->parser), ', delimiter ', json_encode($c->parser->delimiter), "\n";
    $got = new ArrayObject();
    $c->on('onMessage', function ($e) use ($got) { $got[] = $e->message; });
    $c->connect();
    wait_until(fn () => count($got) >= 8, 3, "$label: the scripted lines");
    echo json_encode($got->getArrayCopy()), "\n";
    echo server_line_ticking($srv, 1), "\n";
    // send() encodes with the delimiter: the echo comes back as one line
    $c->send('echoed');
    wait_until(fn () => count($got) >= 9, 3, "$label: the echo");
    echo json_encode($got[8] ?? null), ' (', count($got), " messages)\n";
    $c->close();
}
stop_server($srv);
?>
--EXPECT--
config array: parser is beyod\ext\LineParser, delimiter "\r\n"
["one","two","three","four is split in three writes","a lone \n and a lone \r inside","","","last"]
script done 1
"echoed" (9 messages)
object: parser is beyod\ext\LineParser, delimiter "\r\n"
["one","two","three","four is split in three writes","a lone \n and a lone \r inside","","","last"]
script done 2
"echoed" (9 messages)
