<?php
// Issue 22 (hostile-php.php, fork part): close()/end() on a client inherited by a pcntl_fork() child must not
// touch the parent's connection. Expected "peer sees EOF: false"; actual: true (the child's close()/end()
// shuts the shared socket down: the parent's peer gets EOF, its later bytes are lost or, with queued
// bytes, duplicated). Usage: php -d extension=… fork-child-close-ends-parent-connection.php plain|timer|handler close|end
use beyod\StreamClient; use beyod\ext\Loop;
[$_, $mode, $act] = $argv + [null, 'timer', 'close'];
$srv = stream_socket_server('tcp://127.0.0.1:0');
$port = parse_url('tcp://' . stream_socket_get_name($srv, false), PHP_URL_PORT);
$c = new StreamClient(['target' => "tcp://127.0.0.1:$port"]);
$c->connect();
$peer = stream_socket_accept($srv, 2);
while (!$c->isEstablished) Loop::tick(0.01);
$fork = function () use ($c, $act) {
    $pid = pcntl_fork();
    if ($pid === 0) { $act === 'end' ? $c->end() : $c->close(); exit(0); }
    pcntl_waitpid($pid, $st);
};
if ($mode === 'timer') { Loop::after(10, fn () => null); $fork(); }
elseif ($mode === 'handler') { $c->on('onMessage', fn () => $fork()); fwrite($peer, "hi"); while (!isset($done)) { Loop::tick(0.01); $done = 1; } Loop::tick(0.05); }
else { $fork(); }
usleep(100000);
stream_set_blocking($peer, false);
$r = fread($peer, 100);
echo "peer sees EOF: ", var_export(feof($peer), true), "; parent client established: ", var_export($c->isEstablished, true), "\n";
