--TEST--
SOCKS5 proxy failures are onConnectFailed with an errstr that says why: wrong password / no credentials ("authentication refused"), proxy port closed ("connect failed", naming the proxy), target refused by the proxy (reply 0x05, naming the target), name the proxy cannot resolve (reply 0x04)
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
[$open, $openPort] = start_server('socks5-proxy.php');
[$auth, $authPort] = start_server('socks5-proxy.php', '--auth=alice:s3cret');
$closed = refused_port();

/** Connects; returns [code, errstr] of onConnectFailed (null if it connected). */
function fails(string $target, string $proxy): ?array
{
    $c = new StreamClient(['target' => $target, 'timeout' => 3, 'options' => ['proxy' => $proxy]]);
    $st = new stdClass();
    $st->r = false;
    $c->on('onConnect', function ($e) use ($st) {
        $st->r = null;
        $e->sender->close();
    });
    $c->on('onConnectFailed', function ($e) use ($st) { $st->r = [$e->code, $e->errstr]; });
    $c->connect();
    wait_until(fn () => $st->r !== false, 3, $target);
    var_dump($c->isClosed());
    return $st->r;
}

function has(?array $r, string $needle): string
{
    return var_export($r !== null && strpos($r[1], $needle) !== false, true);
}

$r = fails("tcp://localhost:$port", "socks5://alice:wrong@127.0.0.1:$authPort");
echo "wrong password: code=$r[0] authentication refused: ", has($r, 'authentication refused'),
    " names the proxy: ", has($r, "127.0.0.1:$authPort"), "\n";

$r = fails("tcp://localhost:$port", "socks5://127.0.0.1:$authPort");
echo "no credentials: code=$r[0] authentication refused: ", has($r, 'authentication refused'), "\n";

$r = fails("tcp://localhost:$port", "socks5://127.0.0.1:$closed");
echo "proxy port closed: code=$r[0] connect failed: ", has($r, 'connect failed'),
    " names the proxy: ", has($r, "127.0.0.1:$closed"), "\n";

$dead = refused_port();
$r = fails("tcp://127.0.0.1:$dead", "socks5://127.0.0.1:$openPort");
echo "target refused: code=$r[0] names the target: ", has($r, "127.0.0.1:$dead"),
    " says refused: ", has($r, 'connection refused'), "\n";

$r = fails("tcp://no-such-host.invalid:$port", "socks5://127.0.0.1:$openPort");
echo "unresolvable target: code=$r[0] names the target: ", has($r, "no-such-host.invalid:$port"),
    " says unreachable: ", has($r, 'host unreachable'), "\n";

echo str_replace([(string)$dead, (string)$port], ['D', 'T'], stop_server($auth));
echo str_replace([(string)$dead, (string)$port], ['D', 'T'], stop_server($open));
stop_server($echo);
?>
--EXPECT--
bool(true)
wrong password: code=111 authentication refused: true names the proxy: true
bool(true)
no credentials: code=111 authentication refused: true
bool(true)
proxy port closed: code=111 connect failed: true names the proxy: true
bool(true)
target refused: code=111 names the target: true says refused: true
bool(true)
unresolvable target: code=111 names the target: true says unreachable: true
auth failed alice
no acceptable method
connect 127.0.0.1:D atyp=ipv4 -> 5
connect no-such-host.invalid:T atyp=domain -> 4
