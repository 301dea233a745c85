--TEST--
When beyod's event classes can be autoloaded (beyod installed), the events are beyod\IOEvent/MessageEvent/ErrorEvent/CloseEvent (yii\base\Event subclasses), with the same fields
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

// a stand-in for composer's autoloader serving beyod's and Yii's classes (same shapes as theirs)
$sources = [
    'yii\base\Event' => 'namespace yii\base; class Event { public $name; public $sender; public $handled = false; public $data;
        public function __construct($config = []) { if (is_array($config)) { foreach ($config as $k => $v) { $this->$k = $v; } } } }',
    'beyod\IOEvent' => 'namespace beyod; class IOEvent extends \yii\base\Event { public $context; }',
    'beyod\MessageEvent' => 'namespace beyod; class MessageEvent extends IOEvent { public $message; }',
    'beyod\ErrorEvent' => 'namespace beyod; class ErrorEvent extends IOEvent { const ERROR_TIMEDOUT = 20; public $code = 0; public $errstr; }',
    'beyod\CloseEvent' => 'namespace beyod; class CloseEvent extends IOEvent { const BY_SELF = 0; const BY_PEER = 1; public $by = 0;
        public function getCloser() { return $this->by == 0 ? "self" : "peer"; } }',
];
spl_autoload_register(function ($class) use ($sources) {
    if (isset($sources[$class])) {
        eval($sources[$class]);
    }
});

[$srv, $port] = start_server('close-after.php', 1, 'lines');
$c = new StreamClient(['target' => tcp_target($port), 'parser' => 'LineParser']);
$st = new stdClass();
$st->done = false;
$c->on('on*', function ($e) use ($c, $st) {
    $f = '';
    if ($e instanceof \beyod\MessageEvent) {
        $f = " message={$e->message}";
    } elseif ($e instanceof \beyod\CloseEvent) {
        $f = " by={$e->by} closer=" . $e->getCloser();
        $st->done = true;
    } elseif ($e instanceof \beyod\ErrorEvent) {
        $f = " code={$e->code}";
        $st->done = true;
    }
    echo $e->name, ': ', get_class($e), ' yii=', var_export($e instanceof \yii\base\Event, true),
        ' sender=', $e->sender === $c ? 'client' : 'other', $f, "\n";
});
$c->connect();
wait_until(fn () => $st->done, 3, 'close');

$st->done = false;
$c->target = tcp_target(refused_port());
$c->connect();
wait_until(fn () => $st->done, 3, 'failure');
stop_server($srv);
?>
--EXPECT--
onBeforeConnect: beyod\IOEvent yii=true sender=client
onConnect: beyod\IOEvent yii=true sender=client
onMessage: beyod\MessageEvent yii=true sender=client message=conn1 line1
onClose: beyod\CloseEvent yii=true sender=client by=1 closer=peer
onBeforeConnect: beyod\IOEvent yii=true sender=client
onConnectFailed: beyod\ErrorEvent yii=true sender=client code=111
