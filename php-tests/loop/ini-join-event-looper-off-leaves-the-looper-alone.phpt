--TEST--
beyod_streamclient.join_event_looper=0: connect() does not register the reactor with Yii::$app->eventLooper (the application drives Loop itself); ini_set() switches it per request
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
beyod_streamclient.join_event_looper=0
--FILE--
<?php
require __DIR__ . '/../inc/modes.php';
load_mode('yii-beyod');
use beyod\StreamClient;

Yii::$app = new yii\di\ServiceLocator(['components' => ['eventLooper' => ['class' => 'beyod\event\Select']]]);
[$srv, $port] = start_server('line-echo.php');
$c = new StreamClient(['target' => tcp_target($port)]);
$c->connect();
echo "off: looper watches ", Yii::$app->eventLooper->watchedCount(), "\n";
$c->close();
ini_set('beyod_streamclient.join_event_looper', '1');
$c->connect();
echo "on: looper watches ", Yii::$app->eventLooper->watchedCount(), "\n";
$c->close();
stop_server($srv);
?>
--EXPECT--
off: looper watches 0
on: looper watches 1
