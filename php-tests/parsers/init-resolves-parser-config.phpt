--TEST--
init() turns $parser (class name, Yii config array with properties) into an object; an object is kept as is; null stays null; the resolved parser is the one used
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

class SeparatorParser
{
    public $sep = "\n";
    public $max_packet_size = 0;

    public function input($buffer, $conn)
    {
        $p = strpos($buffer, $this->sep);
        return $p === false ? 0 : $p + strlen($this->sep);
    }

    public function decode($buffer, $conn)
    {
        return substr($buffer, 0, -strlen($this->sep));
    }

    public function encode($msg, $conn)
    {
        return $msg . $this->sep;
    }
}

$c = new StreamClient(['parser' => 'LineParser']);
var_dump(get_class($c->parser));

$c = new StreamClient(['parser' => ['class' => 'SeparatorParser', 'sep' => ';', 'max_packet_size' => 123]]);
var_dump(get_class($c->parser), $c->parser->sep, $c->parser->max_packet_size);

$obj = new SeparatorParser();
$d = new StreamClient(['parser' => $obj]);
var_dump($d->parser === $obj);

$e = new StreamClient(['parser' => null]);
var_dump($e->parser);

// the configured parser is the one that frames the bytes
[$srv, $port] = start_server('raw-echo.php');
$c->target = tcp_target($port);
$got = new ArrayObject();
$c->on('onMessage', function ($ev) use ($got) { $got[] = $ev->message; });
$c->on('onConnect', function ($ev) { var_dump($ev->sender->send('a')); $ev->sender->send('b;c;', true); });
$c->connect();
wait_until(fn () => count($got) >= 3, 3, 'three messages');
echo implode(',', (array)$got), "\n";
$c->close();
stop_server($srv);
?>
--EXPECT--
string(10) "LineParser"
string(15) "SeparatorParser"
string(1) ";"
int(123)
bool(true)
NULL
bool(true)
a,b,c
