--TEST--
connects that fail at once before the loop runs (unix:// path missing with reconnect_interval 0.2, bindto unbindable) wake it by themselves; then A plain stream_select() loop on Loop::stream() calling Loop::tick(0): echo, a 1 s connect timeout on time with the process idle (getrusage < 5 % CPU), a reconnect after its interval, a reconnect to a restarted server (killed, a new process on the same port): with the real beyod and Yii 2 (scripts/vendor) (scenario php-tests/scenarios/host-stream-select.php)
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
<?php require __DIR__ . '/../inc/real-code.php'; skip_without_real_code(); ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/modes.php';
load_mode('real');
require __DIR__ . '/../scenarios/host-stream-select.php';
?>
--EXPECT--
0. unix:// path missing: onConnectFailed code 2 "No such file or directory"
0. bindto not bindable: onConnectFailed code 99 "Cannot assign requested address"
0. unix:// path missing: onConnectFailed 3 times, the third after two intervals
1. echo: hello
2. timeout: code 20, after 1 s: yes, CPU while waiting < 5 %: yes
3. reconnect: conn1 line1
3. reconnect: conn2 line1, after the interval: yes
4. restart: before the restart
4. server killed: onClose by peer
4. restart: after the restart, from a new server process on the same port: true, failed attempts: 0
done
