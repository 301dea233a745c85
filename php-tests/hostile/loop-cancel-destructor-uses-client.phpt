--TEST--
Hostile PHP: Loop::cancel() letting go of a timer callback whose __destruct uses the client (send(), close()) and the loop: the send is delivered, the close counts, Loop::run() returns (was an abort: panic in a function that cannot unwind; or a close that did nothing)
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;
use beyod\ext\Loop;

class Callback
{
    public function __construct(public StreamClient $c, public string $what) {}
    public function __invoke() {}
    public function __destruct()
    {
        echo "destructor: {$this->what}\n";
        if ($this->what === 'send') {
            var_dump($this->c->send('sent from a destructor'));
            Loop::after(0.01, fn () => null);      // the loop itself, re-entered
        } else {
            $this->c->close();
        }
    }
}

[$srv, $port] = start_server('line-echo.php');
$got = [];
$c = new StreamClient(['target' => tcp_target($port), 'parser' => 'LineParser']);
$c->on('onMessage', function ($e) use (&$got) { $got[] = $e->message; });
$c->on('onClose', function ($e) { echo "onClose by {$e->by}\n"; });
$c->connect();
wait_until(fn () => $c->isEstablished, 3, 'connect');

$id = Loop::after(10, new Callback($c, 'send'));
var_dump(Loop::cancel($id));
wait_until(function () use (&$got) { return count($got) >= 1; }, 3, "echo");
var_dump($got);

$id = Loop::every(10, new Callback($c, 'close'));
var_dump(Loop::cancel($id));
$t = microtime(true);
Loop::run();                                          // nothing left: returns at once
var_dump(microtime(true) - $t < 2.0, Loop::stats()['established']);
stop_server($srv);
echo "done\n";
?>
--EXPECT--
destructor: send
bool(true)
bool(true)
array(1) {
  [0]=>
  string(22) "sent from a destructor"
}
destructor: close
onClose by 0
bool(true)
bool(true)
int(0)
done
