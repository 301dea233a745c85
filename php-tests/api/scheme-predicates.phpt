--TEST--
getScheme()/isTCP()/isUDP()/isUnix()/isSSL() and $client->scheme for every scheme (ssl://, tls://, sslv3:// are TLS and not isTCP(), as in the original)
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

// predicates are read after connect() (the original sets the scheme there); the targets are
// refused or missing, which only matters later, inside the loop, never ticked here.
$port = refused_port();
$path = unix_path('nobody');
$targets = ["tcp://127.0.0.1:$port", "unix://$path", "udp://127.0.0.1:$port", "udg://$path",
            "ssl://127.0.0.1:$port", "tls://127.0.0.1:$port", "sslv3://127.0.0.1:$port"];
foreach ($targets as $t) {
    $c = new StreamClient(['target' => $t]);
    try {
        @$c->connect();   // (a notice such as "sslv3 means TLS 1.2/1.3 here" is fine: not what this tests)
    } catch (Throwable $e) {
        echo "$t: ", get_class($e), ': ', $e->getMessage(), "\n";
        continue;
    }
    printf("%-7s tcp=%d udp=%d unix=%d ssl=%d magic=%s\n", $c->getScheme(), $c->isTCP(), $c->isUDP(),
        $c->isUnix(), $c->isSSL(), $c->scheme);
    if (!$c->isUDP()) {
        $c->close();
    }
}
?>
--EXPECT--
tcp     tcp=1 udp=0 unix=0 ssl=0 magic=tcp
unix    tcp=0 udp=0 unix=1 ssl=0 magic=unix
udp     tcp=0 udp=1 unix=0 ssl=0 magic=udp
udg     tcp=0 udp=1 unix=0 ssl=0 magic=udg
ssl     tcp=0 udp=0 unix=0 ssl=1 magic=ssl
tls     tcp=0 udp=0 unix=0 ssl=1 magic=tls
sslv3   tcp=0 udp=0 unix=0 ssl=1 magic=sslv3
