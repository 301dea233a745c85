<?php
/**
 * A script on the real beyod + Yii stack that sends 8 MB, calls close() and ends — its loop
 * never runs again — written only against beyod's API so it runs with the extension and with
 * the original. The peer (tcp://127.0.0.1:$BEYOD_SINK_PORT) reads only later; what it gets is
 * printed by the test that started it.
 */
use beyod\StreamClient;

require_once __DIR__ . '/../../inc/helpers.php';
require_once __DIR__ . '/../../inc/real-code.php';
if (!class_exists('Yii', false)) {
    load_real_code();
}
$client = Yii::createObject(['class' => StreamClient::class, 'target' => 'tcp://127.0.0.1:' . getenv('BEYOD_SINK_PORT')]);
$client->connect();
looper_wait_until(fn () => $client->isConnnected(), 3, 'connected');
$r = $client->send(str_repeat('0123456789abcdef', 8 << 16));
echo "send(8 MB) returns ", is_int($r) ? 'an int (part written)' : json_encode($r), "\n";
$client->close();
echo "close(), then the script ends\n";
