--TEST--
Yii::createObject(['class' => StreamClient::class, …]) and Yii::configure($client, […]) set properties after the constructor and init(): target, reconnect_interval (the class default is 0) and 'as …' behaviors (their events() handlers) all take effect at connect()
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/modes.php';
load_mode('yii');
use beyod\StreamClient;

class Failures extends yii\base\Behavior
{
    public $count = 0;
    public function events() { return ['onConnectFailed' => 'failed']; }
    public function failed() { $this->count++; }
}

$a = Yii::createObject(['class' => StreamClient::class, 'target' => tcp_target(refused_port()),
    'reconnect_interval' => 0.2, 'as failures' => Failures::class]);
$b = new StreamClient();
Yii::configure($b, ['target' => tcp_target(refused_port()), 'reconnect_interval' => 0.2, 'as failures' => ['class' => Failures::class]]);
foreach (['createObject' => $a, 'configure' => $b] as $how => $c) {
    $c->connect();
    wait_until(fn () => $c->getBehavior('failures')->count >= 3, 3, $how);
    echo "$how: reconnected after each failure: ", json_encode($c->getBehavior('failures')->count >= 3), "\n";
    $c->close();
}
?>
--EXPECT--
createObject: reconnected after each failure: true
configure: reconnected after each failure: true
