--TEST--
A subclass whose __construct never calls parent::__construct() (so init() never runs): the object is still valid and connect() reads target/parser itself
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

class NoParentClient extends StreamClient
{
    public function __construct($target)
    {
        $this->target = $target;
        $this->parser = 'LineParser';
    }
}

[$srv, $port] = start_server('line-echo.php');
$c = new NoParentClient(tcp_target($port));
var_dump($c->isClosed(), $c->getId(), $c->parser);
$st = new stdClass();
$st->msg = null;
$c->on('onConnect', fn ($e) => $e->sender->send('no parent ctor'));
$c->on('onMessage', function ($e) use ($st) { $st->msg = $e->message; });
$c->connect();
wait_until(fn () => $st->msg !== null, 3, 'echo');
var_dump($st->msg);
$c->close();
stop_server($srv);
?>
--EXPECT--
bool(true)
NULL
string(10) "LineParser"
string(14) "no parent ctor"
