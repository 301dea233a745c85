--TEST--
$parser replaced while connected (as the original reads $this->parser per packet): the next packets are framed by the new parser, a natively framed one included; null gives raw reads
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

/** Packets end with "|". */
class PipeParser
{
    public function input($buffer, $connection) { $p = strpos($buffer, '|'); return $p === false ? 0 : $p + 1; }
    public function decode($buffer, $connection) { return 'pipe:' . rtrim($buffer, '|'); }
    public function encode($message, $connection) { return $message; }
}

[$srv, $port] = start_server('raw-echo.php');
$c = new StreamClient(['target' => tcp_target($port), 'parser' => 'beyod\ext\LineParser']);
$st = new stdClass();
$st->got = [];
$c->on('onMessage', function ($e) use ($st) {
    $st->got[] = $e->message;
    echo "onMessage ", json_encode($e->message), "\n";
    if ($e->message === 'one') {
        $e->sender->parser = new PipeParser();
        $e->sender->send('two|three|');
    } elseif ($e->message === 'pipe:three') {
        $e->sender->parser = null;
        $e->sender->send('raw');
    }
});
$c->connect();
$c->send('one');
wait_until(fn () => in_array('raw', $st->got, true), 4, 'the raw read');
var_dump(get_class($c->parser ?? new stdClass()));
$c->close();
stop_server($srv);
?>
--EXPECT--
onMessage "one"
onMessage "pipe:two"
onMessage "pipe:three"
onMessage "raw"
string(8) "stdClass"
