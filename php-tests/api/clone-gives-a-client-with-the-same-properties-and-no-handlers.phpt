--TEST--
clone $client: the same class and property values (a subclass's __clone() runs), but a client of its own — not connected, no handlers, behaviors or attributes (as yii\base\Component::__clone resets events and behaviors); both work independently
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

class CloneableClient extends StreamClient
{
    public $label = 'original';
    public function __clone() { $this->label = 'copy'; }
}
[$srv, $port] = start_server('line-echo.php');
$a = new CloneableClient(['target' => tcp_target($port), 'parser' => 'LineParser']);
$a->on('onMessage', fn ($e) => print("a got {$e->message}\n"));
$a->attachBehavior('b', new stdClass());
$a->setAttribute('k', 'v');
$a->connect();
wait_until(fn () => $a->isEstablished, 3, 'a connects');

$b = clone $a;
echo get_class($b), " {$b->label}, same target: ", json_encode($b->target === $a->target),
    ", parser shared: ", json_encode($b->parser === $a->parser), "\n";
echo "copy: established ", json_encode($b->isEstablished), ", handlers ", json_encode($b->hasEventHandlers('onMessage')),
    ", behaviors ", count($b->getBehaviors()), ", attribute ", json_encode($b->getAttribute('k')), "\n";
$b->on('onMessage', fn ($e) => print("b got {$e->message}\n"));
$b->connect();
wait_until(fn () => $b->isEstablished, 3, 'b connects');
$a->send('to a');
run_loop_for(0.3);
$b->send('to b');
run_loop_for(0.3);
echo "ids differ: ", json_encode($a->id !== $b->id), "\n";
$a->close();
$b->close();
stop_server($srv);
?>
--EXPECT--
CloneableClient copy, same target: true, parser shared: true
copy: established false, handlers false, behaviors 0, attribute null
a got to a
b got to b
ids differ: true
