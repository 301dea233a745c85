--TEST--
php-fpm (a pool of one static worker): after a handler dies inside Loop::run() (E_USER_ERROR, max_execution_time, memory_limit, exit(), an uncaught exception; in a timer callback and in onMessage), the same worker's next request connects, echoes and returns from Loop::run() as the first request did, with nothing left over from the dead one
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
<?php if (!is_readable('/proc/self/maps')) die('skip needs /proc/self/maps to find the extension for the worker'); ?>
<?php
require_once __DIR__ . '/workers.php';
// CI installs php-fpm (scripts/setup): there a missing binary fails the test instead
if (php_fpm_binary() === null && !host_workers_required()) die('skip php-fpm is not installed (scripts/setup installs it)');
?>
--FILE--
<?php
require __DIR__ . '/workers.php';
set_time_limit(60);
pcntl_alarm(90);

[$echo, $echoPort] = start_server('line-echo.php');
$worker = start_php_fpm();
survive_faults($worker['request'], $echoPort);
stop_server($echo);
?>
--EXPECT--
after nothing: the same worker, works
user-error in timer: Fatal error: the handler died
after user-error in timer: the same worker, works
user-error in message: Fatal error: the handler died
after user-error in message: the same worker, works
time-limit in timer: Fatal error: Maximum execution time of 1 second exceeded
after time-limit in timer: the same worker, works
time-limit in message: Fatal error: Maximum execution time of 1 second exceeded
after time-limit in message: the same worker, works
memory in timer: Fatal error: Allowed memory size of 33554432 bytes exhausted
after memory in timer: the same worker, works
memory in message: Fatal error: Allowed memory size of 33554432 bytes exhausted
after memory in message: the same worker, works
exit in timer: exit() in the handler
after exit in timer: the same worker, works
exit in message: exit() in the handler
after exit in message: the same worker, works
exception in timer: Fatal error: Uncaught RuntimeException: the handler threw
after exception in timer: the same worker, works
exception in message: Fatal error: Uncaught RuntimeException: the handler threw
after exception in message: the same worker, works
