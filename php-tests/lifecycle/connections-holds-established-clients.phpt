--TEST--
StreamClient::$connections holds exactly the established clients (id => client): not connecting ones; a client leaves it when closed by self or by the peer
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

function show($label)
{
    $out = [];
    foreach (StreamClient::$connections as $id => $c) {
        $out[] = "$id=>" . $c->getAttribute('name') . ($c->getId() === $id ? '' : '(id mismatch)');
    }
    echo str_pad($label, 18), '[', implode(', ', $out), "]\n";
}

[$echo, $port] = start_server('line-echo.php');
[$closer, $cport] = start_server('close-after.php', 0, 'lines', '--delay=300');
$a = new StreamClient(['target' => tcp_target($port)]);
$a->setAttribute('name', 'a');
$b = new StreamClient(['target' => tcp_target($cport)]);
$b->setAttribute('name', 'b');
$a->on('onConnect', fn () => show('in a onConnect'));
$b->on('onClose', fn ($e) => show("in b onClose by {$e->by}"));

show('start');
$a->connect();
show('a connecting');
wait_until(fn () => $a->isEstablished, 3, 'a');
$b->connect();
wait_until(fn () => $b->isEstablished, 3, 'b');
show('both');
var_dump(StreamClient::$connections[1] === $a);
wait_until(fn () => $b->isClosed(), 3, 'b closed by peer');
show('b closed by peer');
$a->close();
show('a closed');
stop_server($echo);
stop_server($closer);
?>
--EXPECT--
start             []
a connecting      []
in a onConnect    [1=>a]
both              [1=>a, 2=>b]
bool(true)
in b onClose by 1 [1=>a]
b closed by peer  [1=>a]
a closed          []
