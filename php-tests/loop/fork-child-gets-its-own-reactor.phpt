--TEST--
After pcntl_fork(), a client created in the child works on its own, and the parent's established client keeps working (the child does not steal the parent's events)
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
<?php if (!function_exists('pcntl_fork') || !function_exists('posix_kill')) die('skip pcntl and posix needed'); ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

[$srv, $port] = start_server('line-echo.php');
$got = new ArrayObject();
$p = new StreamClient(['target' => tcp_target($port), 'parser' => 'LineParser']);
$p->on('onMessage', function ($e) use ($got) { $got[] = $e->message; });
$p->connect();
wait_until(fn () => $p->isEstablished, 3, 'parent connect');

$pid = pcntl_fork();
if ($pid === 0) {
    // the child: a new client of its own; the inherited one is left alone
    $cg = new ArrayObject();
    $c = new StreamClient(['target' => tcp_target($port), 'parser' => 'LineParser']);
    $c->on('onMessage', function ($e) use ($cg) { $cg[] = $e->message; });
    $c->connect();
    $ok = wait_until(fn () => $c->isEstablished, 3, 'child connect');
    $c->send('from the child');
    $ok = $ok && wait_until(fn () => count($cg) >= 1, 3, 'child echo');
    file_put_contents(sys_get_temp_dir() . '/beyod-fork-' . getmypid(), $ok ? $cg[0] : 'child failed');
    posix_kill(getmypid(), SIGKILL);   // leave without running the parent's shutdown (servers, sockets)
}
$p->send('from the parent');
wait_until(fn () => count($got) >= 1, 3, 'parent echo');
pcntl_waitpid($pid, $status);
$file = sys_get_temp_dir() . "/beyod-fork-$pid";
echo "child: ", @file_get_contents($file), "\n";
@unlink($file);
echo "parent: ", $got[0] ?? 'nothing', "\n";
$p->send('parent again');
wait_until(fn () => count($got) >= 2, 3, 'parent echo 2');
echo "parent: ", $got[1] ?? 'nothing', "\n";
$p->close();
stop_server($srv);
?>
--EXPECT--
child: from the child
parent: from the parent
parent: parent again
