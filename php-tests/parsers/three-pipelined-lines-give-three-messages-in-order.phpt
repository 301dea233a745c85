--TEST--
Three lines arriving in one read give three onMessage events, in order; so do three send() calls; the parser is called with the client
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

class CheckingLineParser extends LineParser
{
    public $client;
    public function input($buffer, $connection)
    {
        if ($connection !== $this->client) {
            echo "input() got the wrong connection\n";
        }
        return parent::input($buffer, $connection);
    }
    public function encode($message, $connection)
    {
        if ($connection !== $this->client) {
            echo "encode() got the wrong connection\n";
        }
        return parent::encode($message, $connection);
    }
}

[$srv, $port] = start_server('line-echo.php');
$parser = new CheckingLineParser();
$c = new StreamClient(['target' => tcp_target($port), 'parser' => $parser]);
$parser->client = $c;
$got = new ArrayObject();
$c->on('onMessage', function ($e) use ($got) { $got[] = $e->message; });
$c->on('onConnect', function ($e) {
    $e->sender->send("one\ntwo\nthree\n", true);   // raw: one write, three lines
});
$c->connect();
wait_until(fn () => count($got) >= 3, 3, 'three pipelined');
$c->send('four');
$c->send('five');
$c->send('six');
wait_until(fn () => count($got) >= 6, 3, 'three sent');
run_loop_for(0.1);
echo implode("\n", (array)$got), "\n";
$c->close();
stop_server($srv);
?>
--EXPECT--
one
two
three
four
five
six
