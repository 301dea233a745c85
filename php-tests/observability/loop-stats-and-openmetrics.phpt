--TEST--
Loop::stats(): connections of the process by state (connecting, established, closing), timers, and process totals; Loop::metrics(): the same as OpenMetrics text (gauge by state, *_total counters, "# EOF" at the end)
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;
use beyod\ext\Loop;

function states(): string
{
    $s = Loop::stats();
    return "connecting={$s['connecting']} established={$s['established']} closing={$s['closing']} timers={$s['timers']}";
}

/** Every line of the text is a comment or a well-formed sample; the text ends with "# EOF\n". */
function well_formed(string $m): bool
{
    if (substr($m, -6) !== "# EOF\n") {
        return false;
    }
    foreach (explode("\n", rtrim($m, "\n")) as $line) {
        if ($line === '# EOF' || preg_match('/^# (TYPE|HELP) beyod_streamclient_\w+ .+$/', $line)) {
            continue;
        }
        if (!preg_match('/^beyod_streamclient_\w+(\{state="\w+"\})? \d+$/', $line)) {
            echo "bad line: $line\n";
            return false;
        }
    }
    return true;
}

echo "keys: ", implode(',', array_keys(Loop::stats())), "\n";
echo "start: ", states(), "\n";
[$srv, $port] = start_server('line-echo.php');
$c = new StreamClient(['target' => tcp_target($port), 'parser' => 'LineParser']);
$got = new ArrayObject();
$c->on('onMessage', function ($e) use ($got) { $got[] = $e->message; });
$c->connect();
echo "after connect(): ", states(), "\n";
wait_until(fn () => $c->isEstablished, 3, 'connect');
$timer = Loop::after(30, fn () => null);
echo "established, one timer: ", states(), "\n";
$c->send('ping');                 // 5 bytes
wait_until(fn () => count($got) === 1, 3, 'echo');
$s = Loop::stats();
echo "totals: connects={$s['connects_total']} failures={$s['connect_failures_total']} bytes_in={$s['bytes_in_total']}",
    " bytes_out={$s['bytes_out_total']} messages_in={$s['messages_in_total']} messages_out={$s['messages_out_total']}\n";

$m = Loop::metrics();
echo "well formed: ", var_export(well_formed($m), true), "\n";
foreach (['beyod_streamclient_connections{state="established"} 1', 'beyod_streamclient_connections{state="connecting"} 0',
    'beyod_streamclient_connects_total 1', 'beyod_streamclient_bytes_out_total 5', '# TYPE beyod_streamclient_connections gauge',
    '# TYPE beyod_streamclient_connects counter'] as $want) {
    echo "has '$want': ", var_export(strpos($m, "$want\n") !== false, true), "\n";
}

Loop::cancel($timer);
$c->close();
// close() sends our FIN at once; the socket is kept ("closing") until the server's FIN is read
echo "right after close(): ", states(), "\n";
run_loop_for(0.2);   // the socket lingers only until the server's FIN
echo "after close(): ", states(), "\n";
$r = new StreamClient(['target' => tcp_target(refused_port())]);
$r->connect();
wait_until(fn () => $r->getStats()['connect_failures'] === 1, 3, 'refused');
$s = Loop::stats();
echo "after a refused connect: connects={$s['connects_total']} failures={$s['connect_failures_total']}\n";
$m = Loop::metrics();
echo "metrics: established 0: ", var_export(strpos($m, "beyod_streamclient_connections{state=\"established\"} 0\n") !== false, true),
    ", failures 1: ", var_export(strpos($m, "beyod_streamclient_connect_failures_total 1\n") !== false, true),
    ", well formed: ", var_export(well_formed($m), true), "\n";
stop_server($srv);
?>
--EXPECT--
keys: connecting,established,closing,timers,connects_total,connect_failures_total,bytes_in_total,bytes_out_total,messages_in_total,messages_out_total
start: connecting=0 established=0 closing=0 timers=0
after connect(): connecting=1 established=0 closing=0 timers=0
established, one timer: connecting=0 established=1 closing=0 timers=1
totals: connects=1 failures=0 bytes_in=5 bytes_out=5 messages_in=1 messages_out=1
well formed: true
has 'beyod_streamclient_connections{state="established"} 1': true
has 'beyod_streamclient_connections{state="connecting"} 0': true
has 'beyod_streamclient_connects_total 1': true
has 'beyod_streamclient_bytes_out_total 5': true
has '# TYPE beyod_streamclient_connections gauge': true
has '# TYPE beyod_streamclient_connects counter': true
right after close(): connecting=0 established=0 closing=1 timers=0
after close(): connecting=0 established=0 closing=0 timers=0
after a refused connect: connects=1 failures=1
metrics: established 0: true, failures 1: true, well formed: true
