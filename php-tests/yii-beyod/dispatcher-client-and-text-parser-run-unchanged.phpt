--TEST--
beyod's dispatcher Client (stand-in: redeclared $reconnect_interval and $parser, afterConnected() override subscribing its default channels) and its text-based parser run unchanged on the native class, built by Yii::createObject()
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/modes.php';
load_mode('yii-beyod');
use beyod\Server;

[$srv, $port] = start_server('line-echo.php');   // stands in for the dispatcher: echoes each command
$c = Yii::createObject([
    'class' => 'beyod\dispatcher\Client',
    'target' => tcp_target($port),
    'default_channel' => ['news', 'alerts'],
]);
echo get_class($c->parser), ", reconnect_interval {$c->reconnect_interval}\n";
$got = [];
$c->on(Server::ON_MESSAGE, function (beyod\MessageEvent $e) use (&$got) {
    $got[] = $e->message;
});
$c->connect();
$c->set('k', 'v');
wait_until(function () use (&$got) { return count($got) >= 2; }, 3, 'two replies');
foreach ($got as $m) {
    echo json_encode($m), "\n";
}
$c->close();
stop_server($srv);
?>
--EXPECT--
beyod\dispatcher\Parser, reconnect_interval 3
{"command":"set","key":"k","value":"v"}
{"command":"subscribe","key":["news","alerts"]}
