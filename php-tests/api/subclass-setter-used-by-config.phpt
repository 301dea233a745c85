--TEST--
Config keys and assignments go through a subclass's setX()/getX() (Yii magic properties)
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
use beyod\StreamClient;

class GreetingClient extends StreamClient
{
    private $_greeting = 'none';

    public function setGreeting($v)
    {
        echo "setGreeting($v)\n";
        $this->_greeting = $v;
    }

    public function getGreeting()
    {
        return $this->_greeting;
    }
}

$c = new GreetingClient(['greeting' => 'hi', 'target' => 'tcp://127.0.0.1:1']);
var_dump($c->greeting);
$c->greeting = 'yo';
var_dump($c->greeting, isset($c->greeting), $c->target);
unset($c->greeting);
var_dump($c->greeting, isset($c->greeting));
?>
--EXPECT--
setGreeting(hi)
string(2) "hi"
setGreeting(yo)
string(2) "yo"
bool(true)
string(17) "tcp://127.0.0.1:1"
setGreeting()
NULL
bool(false)
