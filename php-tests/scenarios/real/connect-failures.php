<?php
/**
 * onConnectFailed on the real beyod + Yii stack, written only against beyod's API so the same
 * script runs with the extension and with the original: its code and errstr for a refused
 * port, a unix:// path that does not exist, and connect timeouts of 1 and 2 seconds (a
 * listener whose accept queue is full never answers). Ports are printed as PORT.
 */
use beyod\Server;
use beyod\StreamClient;

require_once __DIR__ . '/../../inc/helpers.php';
require_once __DIR__ . '/../../inc/real-code.php';
if (!class_exists('Yii', false)) {
    load_real_code();
}
// relative unix paths: the original's target parsing refuses unix:///absolute ("empty scheme")
chdir(sys_get_temp_dir());
$full = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
socket_bind($full, '127.0.0.1', 0);
socket_listen($full, 0);
socket_getsockname($full, $addr, $fullPort);
$filler = stream_socket_client("tcp://127.0.0.1:$fullPort", $errno, $errstr, 1);

$cases = [
    'a refused port' => ['target' => 'tcp://127.0.0.1:' . refused_port()],
    'a unix:// path that does not exist' => ['target' => 'unix://beyod-' . getmypid() . '-missing.sock'],
    'a connect timeout of 1 s' => ['target' => "tcp://127.0.0.1:$fullPort", 'timeout' => 1],
    'a connect timeout of 2 s' => ['target' => "tcp://127.0.0.1:$fullPort", 'timeout' => 2],
];
foreach ($cases as $what => $config) {
    $client = Yii::createObject(['class' => StreamClient::class] + $config);
    $failed = null;
    $client->on(Server::ON_CONNECT_FAILED, function ($e) use (&$failed) {
        $failed = "code $e->code, errstr " . json_encode(preg_replace('/:\d+ /', ':PORT ', $e->errstr));
    });
    // (the original also warns from stream_socket_client() for the unix path)
    @$client->connect();
    looper_wait_until(function () use (&$failed) {
        return $failed !== null;
    }, 4, $what);
    echo "$what: onConnectFailed $failed\n";
}
fclose($filler);
socket_close($full);
