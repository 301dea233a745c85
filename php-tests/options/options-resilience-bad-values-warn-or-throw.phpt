--TEST--
Bad values of the resilience $options are reported, naming the key and the value: a malformed proxy URL throws InvalidArgumentException at connect(); happy_eyeballs, resolve, idle_timeout, reconnect_backoff, reconnect_max_interval, reconnect_jitter, reconnect_max_attempts out of range are warnings (the value is ignored) and the connect goes on
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

foreach (['ftp://127.0.0.1:21', 'socks5://127.0.0.1', 'http://127.0.0.1:0', 'socks5://:1080'] as $proxy) {
    $c = new StreamClient(['target' => 'tcp://127.0.0.1:9', 'options' => ['proxy' => $proxy]]);
    try {
        $c->connect();
        echo "$proxy: no exception\n";
    } catch (InvalidArgumentException $e) {
        echo "$proxy: ", $e->getMessage(), "\n";
    }
    var_dump($c->getStats()['state']);
}

// (connect() reads $options, so the warnings come from connect(), once per connect)
$c = new StreamClient(['target' => tcp_target(refused_port()), 'options' => [
    'happy_eyeballs' => 'sometimes',
    'resolve' => 'not an array',
    'idle_timeout' => -1,
    'reconnect_backoff' => 0.5,
    'reconnect_max_interval' => 0,
    'reconnect_jitter' => 1.5,
    'reconnect_max_attempts' => -2,
]]);
$c->on('onConnectFailed', fn ($e) => print("onConnectFailed code={$e->code}\n"));
$c->connect();
run_until_idle(3);
?>
--EXPECTF--
ftp://127.0.0.1:21: beyod\StreamClient::$options['proxy']: proxy "ftp://127.0.0.1:21": unknown proxy scheme "ftp" (socks5 or http)
string(6) "closed"
socks5://127.0.0.1: beyod\StreamClient::$options['proxy']: proxy "socks5://127.0.0.1": missing port
string(6) "closed"
http://127.0.0.1:0: beyod\StreamClient::$options['proxy']: proxy "http://127.0.0.1:0": bad port "0"
string(6) "closed"
socks5://:1080: beyod\StreamClient::$options['proxy']: proxy "socks5://:1080": empty host
string(6) "closed"

Warning: %s$options['happy_eyeballs']: expected true, false or a delay in seconds (at most 1000000000), got %ssometimes%s

Warning: %s$options['resolve']: expected ['host' => 'ip' or ['ip', ...]], got %snot an array%s

Warning: %s$options['idle_timeout']: expected seconds from 0 to 1000000000, got -1%s

Warning: %s$options['reconnect_backoff']: expected a multiplier from 1 to 1000000, got 0.5%s

Warning: %s$options['reconnect_max_interval']: expected seconds > 0, at most 1000000000, got 0%s

Warning: %s$options['reconnect_jitter']: expected a fraction between 0 and 1, got 1.5%s

Warning: %s$options['reconnect_max_attempts']: expected a count from 0 to 4294967295, got -2%s
onConnectFailed code=111
