--TEST--
pipe() between a native StreamClient and beyod's server-side Connection (stand-in), set up from either end ($client->pipe($conn) or $conn->pipe($client), which writes $client->_pipe): bytes flow both ways, unpipe() from either end clears both
--SKIPIF--
<?php if (!extension_loaded('beyod_streamclient')) die('skip beyod_streamclient not loaded'); ?>
--INI--
; the documented run command loads the extension twice (TEST_PHP_ARGS and -d): keep the
; "Module already loaded" startup warning out of the test output
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/inc/modes.php';
load_mode('yii-beyod');
use beyod\StreamClient;

// a proxy, as a beyod server would run one: the accepted connection is piped to a client of
// the line-echo server; a user talks to the proxy
Yii::$app = new yii\di\ServiceLocator(['components' => ['eventLooper' => ['class' => 'beyod\event\Select']]]);
$looper = Yii::$app->eventLooper;
[$srv, $echoPort] = start_server('line_echo.php');
$listener = stream_socket_server('tcp://127.0.0.1:0');
$proxyPort = parse_url('tcp://' . stream_socket_get_name($listener, false), PHP_URL_PORT);

foreach (['client' => 'the client', 'connection' => 'the connection'] as $from => $desc) {
    $user = stream_socket_client("tcp://127.0.0.1:$proxyPort");
    $conn = new beyod\Connection(stream_socket_accept($listener));
    $client = new StreamClient(['target' => tcp_target($echoPort)]);
    $from === 'client' ? $client->pipe($conn) : $conn->pipe($client);
    $client->on('onMessage', fn () => print("onMessage (must not happen while piped)\n"));
    // the user speaks once the upstream is connected (beyod's Connection drops what it reads
    // while its pipe's other end isClosed(), and a connecting client is not established yet)
    $client->on('onConnect', fn () => fwrite($user, "hello through the proxy\n"));
    $client->connect();

    stream_set_blocking($user, false);
    $got = '';
    $looper->addFdEvent($user, 1, function () use ($user, &$got, $looper) {
        $got .= fread($user, 8192);
        if (substr($got, -1) === "\n") {
            $looper->stop();
        }
    });
    $guard = $looper->addTimeout(3000, fn () => $looper->stop());
    $looper->loop();
    $looper->delTimeout($guard);
    $looper->delFdEvent($user, 1);
    echo "pipe set up by $desc: user got ", json_encode($got), "\n";
    echo "  piped: connection's end is the client ", json_encode($conn->getPipeTarget() === $client),
        ", client's end is the connection ", json_encode($client->_pipe === $conn), "\n";

    $from === 'client' ? $conn->unpipe() : $client->unpipe();
    echo "  after unpipe: connection's end ", json_encode($conn->getPipeTarget()), ", client's end ",
        json_encode($client->_pipe), "\n";
    $client->close();
    $conn->close();
    fclose($user);
}
stop_server($srv);
?>
--EXPECT--
pipe set up by the client: user got "hello through the proxy\n"
  piped: connection's end is the client true, client's end is the connection true
  after unpipe: connection's end null, client's end null
pipe set up by the connection: user got "hello through the proxy\n"
  piped: connection's end is the client true, client's end is the connection true
  after unpipe: connection's end null, client's end null
