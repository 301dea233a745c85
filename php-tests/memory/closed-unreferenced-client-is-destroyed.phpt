--TEST--
A closed client nobody references is destroyed (its __destruct runs) once the loop has nothing left for it; a never-connected one at once
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

class DestructingClient extends StreamClient
{
    public $label = '';
    public function __destruct()
    {
        echo "destruct {$this->label}\n";
    }
}

$n = new DestructingClient();
$n->label = 'never connected';
unset($n);
echo "after unset never connected\n";

[$srv, $port] = start_server('line-echo.php');
$c = new DestructingClient(['target' => tcp_target($port)]);
$c->label = 'closed by self';
$c->connect();
wait_until(fn () => $c->isEstablished, 3, 'connect');
$c->close();
unset($c);
run_loop_for(0.2);
echo "after loop (self)\n";

// closed by the peer, inside the loop, with only the loop referencing it
[$srv2, $port2] = start_server('close-after.php', 1, 'lines');
(new DestructingClient(['target' => tcp_target($port2), 'label' => 'closed by peer',
    'on onClose' => fn ($e) => print("onClose by {$e->by}\n")]))->connect();
run_until_idle(3);
echo "after loop (peer)\n";
stop_server($srv);
stop_server($srv2);
?>
--EXPECT--
destruct never connected
after unset never connected
destruct closed by self
after loop (self)
onClose by 1
destruct closed by peer
after loop (peer)
