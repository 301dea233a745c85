--TEST--
$options['proxy'] = 'socks5://[user:pass@]host:port': the connection is tunnelled through a SOCKS5 proxy (no auth, and user/password), with an IPv4 target (address type 1) and a host name the proxy resolves (address type 3); the echo through the tunnel works
--DESCRIPTION--
servers/socks5-proxy.php is a small RFC 1928/1929 proxy that logs what it was asked. The client
sends the target as given: an IP address as address type 1 (IPv4), a name as type 3 (domain),
without resolving it itself. Once tunnelled, $peer is the proxy's address (the socket's peer):
the target is only known to the proxy.
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
[$auth, $authPort] = start_server('socks5-proxy.php', '--auth=alice:s3cr=t');

function through(string $label, string $target, string $proxy, int $proxyPort): void
{
    $c = new StreamClient(['target' => $target, 'parser' => 'LineParser', 'timeout' => 3,
        'options' => ['proxy' => $proxy]]);
    $st = new stdClass();
    $st->got = [];
    $st->done = false;
    $c->on('onConnect', function ($e) {
        $e->sender->send('one');
        $e->sender->send('two');
    });
    $c->on('onMessage', function ($e) use ($st) {
        $st->got[] = $e->message;
        if (count($st->got) === 2) {
            $st->done = true;
        }
    });
    $c->on('onConnectFailed', function ($e) use ($st) {
        echo "onConnectFailed {$e->code} {$e->errstr}\n";
        $st->done = true;
    });
    $c->connect();
    wait_until(fn () => $st->done, 3, $label);
    echo "$label: ", implode(',', $st->got), " peer is the proxy: ",
        var_export($c->peer === "127.0.0.1:$proxyPort", true), "\n";
    $c->close();
}

through('no auth, IPv4 target', "tcp://127.0.0.1:$port", "socks5://127.0.0.1:$openPort", $openPort);
through('no auth, name target', "tcp://localhost:$port", "socks5://127.0.0.1:$openPort", $openPort);
// user/password, with a percent-encoded "=" in the password
through('user/password', "tcp://localhost:$port", "socks5://alice:s3cr%3Dt@127.0.0.1:$authPort", $authPort);

echo str_replace((string)$port, 'T', stop_server($open));
echo str_replace((string)$port, 'T', stop_server($auth));
stop_server($echo);
?>
--EXPECT--
no auth, IPv4 target: one,two peer is the proxy: true
no auth, name target: one,two peer is the proxy: true
user/password: one,two peer is the proxy: true
connect 127.0.0.1:T atyp=ipv4 -> 0
connect localhost:T atyp=domain -> 0
auth ok alice
connect localhost:T atyp=domain -> 0
