--TEST--
After pcntl_fork(), a child that closes (or ends) a tls:// client it inherited and exits sends nothing on the parent's TLS session (no close_notify, no FIN): the parent's connection keeps working, with no onClose
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
<?php if (!function_exists('pcntl_fork')) die('skip pcntl needed'); ?>
<?php if (!extension_loaded('openssl')) die('skip openssl needed for the test server'); ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

$cert = make_cert('localhost');
[$srv, $port] = start_server('tls-line-echo.php', "--cert={$cert['server']}");
$got = new ArrayObject();
$closes = new ArrayObject();
$c = new StreamClient(['target' => "tls://127.0.0.1:$port", 'parser' => 'LineParser']);
$c->on('onMessage', function ($e) use ($got) { $got[] = $e->message; });
$c->on('onClose', function ($e) use ($closes) { $closes[] = getmypid() . " by {$e->by}"; });
$c->connect();
$c->send('before the fork');
wait_until(fn () => count($got) === 1, 3, 'first echo');

$pid = pcntl_fork();
if ($pid === 0) {
    $GLOBALS['__test_servers'] = [];   // the parent's, to stop
    $c->close();
    $c->end();
    exit(0);
}
pcntl_waitpid($pid, $status);
echo 'child exit: ', pcntl_wexitstatus($status), "\n";
run_loop_for(0.2);
$c->send('after the fork');
wait_until(fn () => count($got) === 2, 3, 'second echo');
echo 'echoes: ', json_encode((array)$got), "\n";
echo 'established: ', json_encode($c->isEstablished), ', onClose so far: ', json_encode((array)$closes), "\n";
$c->close();
echo 'onClose: ', json_encode(array_map(fn ($l) => substr($l, strpos($l, ' ') + 1), (array)$closes)), "\n";
stop_server($srv);
?>
--EXPECT--
child exit: 0
echoes: ["before the fork","after the fork"]
established: true, onClose so far: []
onClose: ["by 0"]
