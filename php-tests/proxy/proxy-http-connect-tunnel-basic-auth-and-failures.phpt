--TEST--
$options['proxy'] = 'http://[user:pass@]host:port': tunnelled with HTTP CONNECT (with and without Basic auth); 407 (credentials missing or wrong) is "authentication refused", 502 names the target, a closed proxy port is "connect failed" naming the proxy
--DESCRIPTION--
servers/http-proxy.php answers CONNECT with 200 and relays, 407 without the right
Proxy-Authorization: Basic, 502 when it cannot reach the target; it logs each request, which
shows the client sent the target's authority as given (the proxy resolves "localhost") and the
credentials it was configured with.
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

[$echo, $port] = start_server('line-echo.php');
[$open, $openPort] = start_server('http-proxy.php');
[$auth, $authPort] = start_server('http-proxy.php', '--auth=alice:s3cret');
$closed = refused_port();
$dead = refused_port();

/** Connects, sends two lines; returns the echoed lines, or [code, errstr] of onConnectFailed. */
function through(string $target, string $proxy): array
{
    $c = new StreamClient(['target' => $target, 'parser' => 'LineParser', 'timeout' => 3,
        'options' => ['proxy' => $proxy]]);
    $st = new stdClass();
    $st->got = [];
    $st->failed = null;
    $c->on('onConnect', function ($e) {
        $e->sender->send('one');
        $e->sender->send('two');
    });
    $c->on('onMessage', function ($e) use ($st) { $st->got[] = $e->message; });
    $c->on('onConnectFailed', function ($e) use ($st) { $st->failed = [$e->code, $e->errstr]; });
    $c->connect();
    wait_until(fn () => count($st->got) === 2 || $st->failed, 3, $target);
    $c->close();
    return $st->failed ?? $st->got;
}

function has(array $r, string $needle): string
{
    return var_export(is_string($r[1]) && strpos($r[1], $needle) !== false, true);
}

echo "no auth: ", implode(',', through("tcp://localhost:$port", "http://127.0.0.1:$openPort")), "\n";
echo "basic auth: ", implode(',', through("tcp://localhost:$port", "http://alice:s3cret@127.0.0.1:$authPort")), "\n";

$r = through("tcp://localhost:$port", "http://127.0.0.1:$authPort");
echo "credentials missing: code=$r[0] authentication refused: ", has($r, 'authentication refused'),
    " 407: ", has($r, '407'), "\n";
$r = through("tcp://localhost:$port", "http://alice:wrong@127.0.0.1:$authPort");
echo "wrong password: code=$r[0] authentication refused: ", has($r, 'authentication refused'),
    " names the proxy: ", has($r, "127.0.0.1:$authPort"), "\n";
$r = through("tcp://127.0.0.1:$dead", "http://127.0.0.1:$openPort");
echo "target unreachable: code=$r[0] names the target: ", has($r, "127.0.0.1:$dead"), " 502: ", has($r, '502'), "\n";
$r = through("tcp://localhost:$port", "http://127.0.0.1:$closed");
echo "proxy port closed: code=$r[0] connect failed: ", has($r, 'connect failed'),
    " names the proxy: ", has($r, "127.0.0.1:$closed"), "\n";

echo str_replace([(string)$dead, (string)$port], ['D', 'T'], stop_server($open));
echo str_replace([(string)$dead, (string)$port], ['D', 'T'], stop_server($auth));
stop_server($echo);
?>
--EXPECT--
no auth: one,two
basic auth: one,two
credentials missing: code=111 authentication refused: true 407: true
wrong password: code=111 authentication refused: true names the proxy: true
target unreachable: code=111 names the target: true 502: true
proxy port closed: code=111 connect failed: true names the proxy: true
CONNECT localhost:T auth=none -> 200
CONNECT 127.0.0.1:D auth=none -> 502
CONNECT localhost:T auth=alice -> 200
CONNECT localhost:T auth=none -> 407
CONNECT localhost:T auth=bad -> 407
