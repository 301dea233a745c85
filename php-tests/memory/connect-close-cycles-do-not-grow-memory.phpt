--TEST--
Thousands of connect/message/close cycles: neither PHP's memory nor the process RSS keeps growing (closed connections are freed)
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
<?php if (!is_readable('/proc/self/status')) die('skip needs /proc/self/status for RSS'); ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

function rss_kb()
{
    preg_match('/^VmRSS:\s+(\d+)/m', file_get_contents('/proc/self/status'), $m);
    return (int)$m[1];
}

[$srv, $port] = start_server('line-echo.php');
$st = new stdClass();
function cycles($n, $port, $st)
{
    for ($i = 0; $i < $n; $i++) {
        $st->got = false;
        $c = new StreamClient(['target' => tcp_target($port), 'parser' => 'LineParser']);
        $c->setAttribute('payload', str_repeat('p', 1000));
        $c->on('onConnect', fn ($e) => $e->sender->send('ping'));
        $c->on('onMessage', function ($e) use ($st) { $st->got = true; $e->sender->close(); });
        $c->connect();
        if (!wait_until(fn () => $st->got, 2, "cycle $i")) {
            return false;
        }
    }
    return true;
}

cycles(500, $port, $st);      // warm up allocator pools, id pool, slab
gc_collect_cycles();
$mem0 = memory_get_usage();
$rss0 = rss_kb();
$ok = cycles(5000, $port, $st);
gc_collect_cycles();
$dmem = memory_get_usage() - $mem0;
$drss = rss_kb() - $rss0;
var_dump($ok);
echo "PHP memory growth under 64 KiB: ", var_export($dmem < 65536, true), $dmem < 65536 ? '' : " ($dmem bytes)", "\n";
echo "RSS growth under 2 MiB: ", var_export($drss < 2048, true), $drss < 2048 ? '' : " ($drss KiB)", "\n";
var_dump(StreamClient::$connections);
stop_server($srv);
?>
--EXPECT--
bool(true)
PHP memory growth under 64 KiB: true
RSS growth under 2 MiB: true
array(0) {
}
