<?php
// Idle CPU in every host loop: 200 established, silent connections and a pending reconnect
// timer; each host loop runs for 2 s; the CPU time the process used is printed as a share of
// the wall time (getrusage). A loop that polls shows here; a quiet one is ~0 %.
// Run: php -d extension=target/release/libbeyod_streamclient.so bench/idle-cpu.php
use beyod\StreamClient;
use beyod\ext\Loop;

const N = 200;
const SECONDS = 2.0;

function cpu(): float
{
    $r = getrusage();
    return $r['ru_utime.tv_sec'] + $r['ru_utime.tv_usec'] / 1e6 + $r['ru_stime.tv_sec'] + $r['ru_stime.tv_usec'] / 1e6;
}

/** A server that accepts and stays silent, in a child process; returns [port, stop]. */
function silent_server(): array
{
    $code = '$s = stream_socket_server("tcp://127.0.0.1:0"); echo parse_url("tcp://" . stream_socket_get_name($s, false), PHP_URL_PORT), "\n";'
        . '$c = []; while (true) { $r = [$s, STDIN]; $w = $e = null; stream_select($r, $w, $e, 5);'
        . 'foreach ($r as $x) { if ($x === STDIN) exit; $c[] = stream_socket_accept($s); } }';
    $p = proc_open([PHP_BINARY, '-r', $code], [['pipe', 'r'], ['pipe', 'w'], STDERR], $pipes);
    $port = (int)fgets($pipes[1]);
    return [$port, function () use ($p, $pipes) { fclose($pipes[0]); proc_close($p); }];
}

[$port, $stop] = silent_server();
$clients = [];
for ($i = 0; $i < N; $i++) {
    $c = new StreamClient(['target' => "tcp://127.0.0.1:$port"]);
    $c->connect();
    $clients[] = $c;
}
$deadline = microtime(true) + 10;
while (count(StreamClient::$connections) < N && microtime(true) < $deadline) {
    Loop::tick(0.05);
}
$pending = new StreamClient(['target' => 'tcp://127.0.0.1:1', 'reconnect_interval' => 3600]);
$pending->connect();
Loop::tick(0.05);
printf("%d idle connections established, one reconnect timer pending\n", count(StreamClient::$connections));

$hosts = [
    'Loop::tick(SECONDS) (standalone)' => function () { Loop::tick(SECONDS); },
    'stream_select' => function () {
        $end = microtime(true) + SECONDS;
        while (($left = $end - microtime(true)) > 0) {
            $r = [Loop::stream()];
            $w = $e = null;
            if (stream_select($r, $w, $e, (int)$left, (int)(fmod($left, 1) * 1e6))) {
                Loop::tick(0);
            }
        }
    },
];
if (is_file('/usr/share/icingaweb2/modules/reactbundle/vendor/autoload.php')) {
    require_once '/usr/share/icingaweb2/modules/reactbundle/vendor/autoload.php';
    $hosts['ReactPHP'] = function () {
        $loop = React\EventLoop\Factory::create();
        $loop->addReadStream(Loop::stream(), fn () => Loop::tick(0));
        $loop->addTimer(SECONDS, fn () => $loop->stop());
        $loop->run();
    };
}
if (is_file('/usr/share/php/Amp/autoload.php')) {
    require_once '/usr/share/php/Amp/autoload.php';
    require_once '/usr/share/php/Amp/functions.php';            // composer loads these "files" itself
    require_once '/usr/share/php/Amp/Internal/functions.php';
    $hosts['Amp'] = function () {
        Amp\Loop::run(function () {
            Amp\Loop::onReadable(Loop::stream(), fn () => Loop::tick(0));
            Amp\Loop::delay((int)(SECONDS * 1000), fn () => Amp\Loop::stop());
        });
    };
}
foreach ($hosts as $name => $run) {
    $c0 = cpu();
    $t0 = microtime(true);
    $run();
    $wall = microtime(true) - $t0;
    printf("%-34s idle CPU %5.2f %% over %.1f s\n", $name, 100 * (cpu() - $c0) / $wall, $wall);
}
$stop();
