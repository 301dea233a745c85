<?php
// Issue 22 (hostile-php.php, random settings): hostile values panic in Rust (caught, but a panic is
// a bug, and the first one leaves a phantom "connecting" connection: Loop::run() never returns).
// Usage: php -d extension=… hostile-settings-panic.php '$c->timeout = PHP_INT_MAX'
//   '$c->timeout = PHP_INT_MAX'                 overflow when adding duration to instant (+ phantom connection)
//   '$c->options["SO_LINGER"] = 1e300'          cannot convert float seconds to Duration (also INF)
//   '$c->options["idle_timeout"] = INF'         the same
//   '$c->options["happy_eyeballs"] = 1e300'     the same
//   '$c->read_buffer_size = 1e300'              capacity overflow (at the first read)
require __DIR__ . '/../lib.php';
use beyod\StreamClient;
use beyod\ext\Loop;
[$srv, $port] = start_server('line-echo.php');
$c = new StreamClient(['target' => "tcp://127.0.0.1:$port", 'parser' => 'beyod\ext\LineParser']);
eval(($argv[1] ?? '$c->timeout = PHP_INT_MAX') . ';');
try {
    $c->connect();
    $c->send("hello");
    run_loop_for(0.3);
} catch (Throwable $x) {
    echo get_class($x), ': ', $x->getMessage(), "\n";
}
try { $c->close(); } catch (Throwable $x) { echo get_class($x), ': ', $x->getMessage(), "\n"; }
$c = null;
run_loop_for(0.3);
echo 'after close: ', json_encode(Loop::stats()), "\n";   // expected: connecting 0, established 0
