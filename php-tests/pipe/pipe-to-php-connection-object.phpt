--TEST--
pipe($phpObject): a beyod server-side Connection-like PHP object receives the bytes through send($data, true), gets its protected $_pipe set to the client; unpipe() clears both
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

class FakeConnection
{
    protected $_pipe;
    public $received = '';
    public $rawFlags = [];

    public function send($data, $raw = false)
    {
        $this->received .= $data;
        $this->rawFlags[] = $raw;
        return true;
    }
    public function isClosed() { return false; }
    public function pauseRecv() { echo "FakeConnection::pauseRecv\n"; }
    public function resumeRecv() { echo "FakeConnection::resumeRecv\n"; }
    public function pipeTarget() { return $this->_pipe; }
}

[$srv, $port] = start_server('close-after.php', 2, 'lines', '--delay=100');
$c = new StreamClient(['target' => tcp_target($port)]);
$c->on('onMessage', fn () => print("onMessage (must not happen while piped)\n"));
$st = new stdClass();
$st->closed = false;
$c->on('onClose', function ($e) use ($st) { $st->closed = true; });
$fake = new FakeConnection();
$c->pipe($fake);
var_dump($fake->pipeTarget() === $c);
$c->connect();
wait_until(fn () => $st->closed, 3, 'peer close');
var_dump($fake->received, array_unique($fake->rawFlags));
$c->unpipe();
var_dump($fake->pipeTarget());
stop_server($srv);
?>
--EXPECT--
bool(true)
string(24) "conn1 line1
conn1 line2
"
array(1) {
  [0]=>
  bool(true)
}
NULL
