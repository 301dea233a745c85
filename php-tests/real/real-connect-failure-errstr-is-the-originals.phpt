--TEST--
onConnectFailed errstr on the real beyod + Yii stack, run with the extension and with the original: the OS's message alone for a refused port and a missing unix path ("Connection refused", "No such file or directory"), "<target> connect time out after 1 second" / "2 seconds" for timeouts; the extension's getStats()['last_error'] keeps the context (the target)
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
<?php require __DIR__ . '/../inc/real-code.php'; skip_without_real_code(); ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
require __DIR__ . '/../inc/real-code.php';
compare_with_original(__DIR__ . '/../scenarios/real/connect-failures.php');
echo "== with the extension, getStats()['last_error']:\n";
foreach (['tcp://127.0.0.1:' . refused_port(), 'unix://' . sys_get_temp_dir() . '/beyod-missing-errstr-test.sock'] as $target) {
    $c = new beyod\StreamClient(['target' => $target]);
    $c->on('onConnectFailed', function () {});
    $c->connect();
    looper_wait_until(fn () => $c->getStats()['last_error'] !== null, 3, 'the failure');
    $err = $c->getStats()['last_error'];
    echo str_replace([(string)parse_url($target, PHP_URL_PORT), sys_get_temp_dir()], ['PORT', 'TMP'], json_encode($err, JSON_UNESCAPED_SLASHES)), "\n";
}
?>
--EXPECT--
a refused port: onConnectFailed code 111, errstr "Connection refused"
a unix:// path that does not exist: onConnectFailed code 2, errstr "No such file or directory"
a connect timeout of 1 s: onConnectFailed code 20, errstr "tcp:\/\/127.0.0.1:PORT connect time out after 1 second"
a connect timeout of 2 s: onConnectFailed code 20, errstr "tcp:\/\/127.0.0.1:PORT connect time out after 2 seconds"
== the original beyod StreamClient printed the same
== with the extension, getStats()['last_error']:
{"code":111,"message":"tcp://127.0.0.1:PORT: connect failed: Connection refused"}
{"code":2,"message":"unix://TMP/beyod-missing-errstr-test.sock: connect failed: No such file or directory"}
