<?php
/**
 * $ssl['enabled'] => true on tcp:// and unix:// targets, on the real beyod + Yii stack, written
 * only against beyod's API so the same script runs with the extension and with the original:
 * TLS servers in other processes (tcp: a PHP line echo; unix: `openssl s_server -rev`, which
 * sends each line back reversed — PHP's unix sockets cannot do TLS), isSSL() before connect()
 * and in onConnect, a line sent from onConnect (no parser: raw bytes), what comes back, whether the server's handshake
 * succeeded.
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
$cert = make_cert('localhost');
$path = 'beyod-' . getmypid() . '-ssl-enabled.sock';
@unlink($path);
[$tcpServer, $port] = start_server('tls-line-echo.php', "--cert={$cert['server']}");
$unixServer = proc_open(['openssl', 's_server', '-unix', $path, '-cert', $cert['server'], '-rev', '-naccept', '1', '-quiet'],
    [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $unixPipes);
for ($i = 0; $i < 150 && !file_exists($path); $i++) {
    usleep(20000);
}
$servers = [
    'tcp' => [fn () => server_line($tcpServer, 3), fn () => stop_server($tcpServer)],
    'unix' => [function () use ($unixServer, &$unixPipes) {
        // s_server -naccept 1 ends after the connection; bounded anyway
        for ($i = 0; $i < 100 && proc_get_status($unixServer)['running']; $i++) {
            usleep(20000);
        }
        proc_terminate($unixServer);
        $log = stream_get_contents($unixPipes[2]);
        return str_contains($log, 'CONNECTION ESTABLISHED') ? 'handshake ok' : 'handshake failed';
    }, fn () => proc_close($unixServer)],
];
foreach (['tcp' => "tcp://127.0.0.1:$port", 'unix' => "unix://$path"] as $name => $target) {
    echo "== $name://\n";
    [$serverSaid, $stopServer] = $servers[$name];
    $client = Yii::createObject(['class' => StreamClient::class, 'target' => $target,
        'ssl' => ['enabled' => true, 'verify_peer' => false, 'verify_peer_name' => false, 'peer_name' => 'localhost']]);
    echo "isSSL() before connect(): ", json_encode($client->isSSL()), "\n";
    $done = false;
    $client->on(Server::ON_CONNECT, function ($e) {
        echo "onConnect, isSSL() ", json_encode($e->sender->isSSL()), "\n";
        $e->sender->send("secret\n");
    });
    $client->on(Server::ON_MESSAGE, function ($e) use (&$done) {
        echo "onMessage ", json_encode($e->message), "\n";
        $done = true;
    });
    $client->on(Server::ON_CONNECT_FAILED, function ($e) use (&$done) {
        echo "onConnectFailed $e->code $e->errstr\n";
        $done = true;
    });
    $client->on(Server::ON_CLOSE, function ($e) use (&$done) {
        echo "onClose by $e->by\n";
        $done = true;
    });
    $client->connect();
    looper_wait_until(function () use (&$done) {
        return $done;
    }, 5, 'an answer');
    if (!$client->isClosed()) {
        $client->close();
    }
    echo "the server: ", $serverSaid(), "\n";
    $stopServer();
}
@unlink($path);
