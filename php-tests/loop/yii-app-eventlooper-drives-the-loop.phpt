--TEST--
With beyod running (Yii::$app->eventLooper exists), the first connect() registers the reactor's descriptor with the eventLooper once (EV_READ); the looper calling that callback when readable drives everything
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

/** A stand-in for beyod's stream_select EventLooper (same method names and flags). */
class FakeLooper
{
    const EV_READ = 1;
    const EV_WRITE = 2;
    public $watch = [];

    public function add($fd, $flag, callable $callback, $args = null)
    {
        echo "eventLooper->add(", is_resource($fd) ? 'stream' : get_debug_type($fd), ", flag $flag)\n";
        $this->watch[] = [$fd, $flag, $callback, $args];
        return true;
    }
    public function addFdEvent($fd, $flag, $callback, $args = null) { return $this->add($fd, $flag, $callback, $args); }
    public function del($fd, $flag) { return true; }
    public function delFdEvent($fd, $flag) { return $this->del($fd, $flag); }
    public function addTimeout($ms, $callback, $args = null) { echo "addTimeout\n"; return 1; }
    public function delTimeout($id) { return true; }

    /** One stream_select pass over the registered descriptors; calls back the readable ones. */
    public function once($timeout)
    {
        $r = [];
        foreach ($this->watch as $i => [$fd]) {
            $r[$i] = is_resource($fd) ? $fd : fopen("php://fd/$fd", 'r');
        }
        if (!$r) {
            usleep((int)($timeout * 1e6));
            return;
        }
        $w = $e = [];
        if (stream_select($r, $w, $e, 0, (int)($timeout * 1e6)) > 0) {
            foreach ($r as $i => $s) {
                [$fd, $flag, $cb, $args] = $this->watch[$i];
                $cb($fd, $flag, $args);
            }
        }
    }
}
class Yii
{
    public static $app;
}
Yii::$app = new stdClass();
Yii::$app->eventLooper = new FakeLooper();

[$srv, $port] = start_server('line-echo.php');
$got = new ArrayObject();
$clients = [];
foreach (['a', 'b'] as $name) {
    $c = new StreamClient(['target' => tcp_target($port), 'parser' => 'LineParser']);
    $c->on('onConnect', fn ($e) => $e->sender->send("hello from $name"));
    $c->on('onMessage', function ($e) use ($got) { $got[] = $e->message; });
    $c->connect();
    $clients[] = $c;
}
echo "registrations: ", count(Yii::$app->eventLooper->watch), "\n";
$end = microtime(true) + 3;
while (count($got) < 2 && microtime(true) < $end) {
    Yii::$app->eventLooper->once(0.1);
}
$msgs = (array)$got;
sort($msgs);
echo implode("\n", $msgs), "\n";
foreach ($clients as $c) {
    $c->close();
}
stop_server($srv);
?>
--EXPECT--
eventLooper->add(stream, flag 1)
registrations: 1
hello from a
hello from b
