--TEST--
new StreamClient($config): each key is assigned as a property, then init() runs (dynamically: a subclass's init() runs and parent::init() resolves the parser)
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

class TracingClient extends StreamClient
{
    public function init()
    {
        echo "init sees target=", $this->target, " timeout=", $this->timeout, " parser=",
            is_object($this->parser) ? 'object' : var_export($this->parser, true), "\n";
        parent::init();
        echo "after parent::init parser=", is_object($this->parser) ? get_class($this->parser) : var_export($this->parser, true), "\n";
    }
}

$c = new StreamClient([
    'target' => 'tcp://127.0.0.1:6379',
    'timeout' => 5,
    'reconnect_interval' => 0.5,
    'max_send_buffer_size' => 1024,
    'read_buffer_size' => 100,
    'options' => ['TCP_NODELAY' => 0],
]);
var_dump($c->target, $c->timeout, $c->reconnect_interval, $c->max_send_buffer_size, $c->read_buffer_size, $c->options);

$t = new TracingClient(['target' => 'unix:///tmp/x.sock', 'timeout' => 2, 'parser' => 'LineParser']);
var_dump($t instanceof StreamClient, $t->parser instanceof LineParser);

// no config at all, and an empty array: init still runs
$t = new TracingClient();
$t = new TracingClient([]);
?>
--EXPECT--
string(20) "tcp://127.0.0.1:6379"
int(5)
float(0.5)
int(1024)
int(100)
array(1) {
  ["TCP_NODELAY"]=>
  int(0)
}
init sees target=unix:///tmp/x.sock timeout=2 parser='LineParser'
after parent::init parser=LineParser
bool(true)
bool(true)
init sees target= timeout=30 parser=NULL
after parent::init parser=NULL
init sees target= timeout=30 parser=NULL
after parent::init parser=NULL
