--TEST--
After pcntl_fork(), a worker's first connect() re-registers the reactor with the inherited Yii::$app->eventLooper: the parent's descriptor is removed (delFdEvent) and the child's new one added, so the looper watches the child's own reactor
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
<?php if (!function_exists('pcntl_fork')) die('skip pcntl not available'); ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/modes.php';
load_mode('yii-beyod');
use beyod\StreamClient;

class RecordingLooper extends beyod\event\Select
{
    public function add($fd, $flag, callable $callback, $args = null)
    {
        if ($flag === static::EV_READ) {
            echo getmypid() === $GLOBALS['parent'] ? 'parent' : 'child', ": add(", fd_of($fd), ")\n";
        }
        return parent::add($fd, $flag, $callback, $args);
    }

    public function del($fd, $flag)
    {
        echo getmypid() === $GLOBALS['parent'] ? 'parent' : 'child', ": del(", fd_of($fd), ")\n";
        return parent::del($fd, $flag);
    }
}
/** Which stream the looper is given: the one the parent registered, or a new one. */
function fd_of($stream)
{
    if (!isset($GLOBALS['parentStream'])) {
        $GLOBALS['parentStream'] = (int)$stream;
    }
    return (int)$stream === $GLOBALS['parentStream'] ? "the parent's stream" : 'a new stream';
}

$parent = getmypid();
Yii::$app = new yii\di\ServiceLocator(['components' => ['eventLooper' => ['class' => 'RecordingLooper']]]);
[$srv, $port] = start_server('line-echo.php');
$c = new StreamClient(['target' => tcp_target($port)]);
$c->connect();
$c->close();

$pid = pcntl_fork();
if ($pid === 0) {
    $w = new StreamClient(['target' => tcp_target($port), 'parser' => 'LineParser']);
    $w->on('onConnect', fn ($e) => $e->sender->send('from the worker'));
    $w->on('onMessage', function ($e) {
        // only the child's own reactor has this connection: the looper must watch it
        echo "child: got {$e->message} through the looper\n";
        Yii::$app->eventLooper->stop();
    });
    $w->connect();
    Yii::$app->eventLooper->addTimeout(3000, fn () => Yii::$app->eventLooper->stop());
    Yii::$app->eventLooper->loop();
    exit(0);
}
pcntl_waitpid($pid, $status);
echo "parent: child exited with ", pcntl_wexitstatus($status), "\n";
stop_server($srv);
?>
--EXPECT--
parent: add(the parent's stream)
child: del(the parent's stream)
child: add(a new stream)
child: got from the worker through the looper
parent: child exited with 0
