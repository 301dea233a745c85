--TEST--
A subclass redeclaring $parser/$reconnect_interval and overriding init()/afterConnected(): defaults used, init() runs from the constructor, afterConnected() right after the onConnect handlers, reconnect with the subclass settings
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

class MyClient extends StreamClient
{
    public $parser = 'LineParser';
    public $reconnect_interval = 0.2;

    public function init()
    {
        parent::init();
        echo "sub init, parser is ", get_class($this->parser), "\n";
    }

    public function afterConnected()
    {
        echo "afterConnected\n";
    }
}

$defaults = (new ReflectionClass('MyClient'))->getDefaultProperties();
var_dump($defaults['parser'], $defaults['reconnect_interval'], $defaults['timeout']);

[$srv, $port] = start_server('close-after.php', 1, 'lines');
$c = new MyClient(['target' => tcp_target($port)]);
var_dump($c->reconnect_interval);
$st = new stdClass();
$st->n = 0;
$c->on('onConnect', fn () => print("onConnect handler\n"));
$c->on('onMessage', function ($e) use ($st) {
    echo "onMessage {$e->message}\n";
    if (++$st->n === 2) {
        $e->sender->close();
    }
});
$c->on('onClose', fn ($e) => print("onClose by {$e->by}\n"));
$c->connect();
wait_until(fn () => $st->n >= 2 && $c->isClosed(), 4, 'two connections');
run_loop_for(0.3);
stop_server($srv);
?>
--EXPECT--
string(10) "LineParser"
float(0.2)
int(30)
sub init, parser is LineParser
float(0.2)
onConnect handler
afterConnected
onMessage conn1 line1
onClose by 1
onConnect handler
afterConnected
onMessage conn2 line1
onClose by 0
