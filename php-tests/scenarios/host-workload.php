<?php
/**
 * The work every host-loop scenario runs, in steps, each started by the previous one's
 * last event — so the output order is fixed whatever the host:
 *  0. connects that fail at once, called before the host loop runs and with nothing else going
 *     on (a unix:// path that does not exist, with reconnect_interval 0.2 s; then a `bindto`
 *     address that cannot be bound): their onConnectFailed must wake the host loop by
 *     themselves (Loop::stream() readable), and the reconnect timer must keep them coming;
 *  1. an echo round trip;
 *  2. a connect that can only end by its timeout (1 s, to a listener whose accept queue is
 *     full): the reactor's timer must fire on time, and the process must sleep meanwhile —
 *     CPU time over that second is measured with getrusage() (< 5 % of the wall time);
 *  3. a reconnect (reconnect_interval 0.3 s) after the server closes the connection;
 *  4. a server restart: a client (reconnect_interval 0.3 s) exchanges a line with an echo
 *     server, the server process is killed (SIGKILL) and a new one started on the same port;
 *     the client sees the close, reconnects to the new process and exchanges a line again.
 * Then $stopHost() is called. host_workload() returns a function that stops the servers.
 */
use beyod\StreamClient;

function host_workload(callable $stopHost): callable
{
    [$echo, $echoPort] = start_server('line-echo.php');
    [$closer, $closerPort] = start_server('close-after.php', 1, 'lines');
    // a listener that never accepts, its queue already full: connecting to it hangs
    $full = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
    socket_bind($full, '127.0.0.1', 0);
    socket_listen($full, 0);
    socket_getsockname($full, $addr, $fullPort);
    $filler = stream_socket_client("tcp://127.0.0.1:$fullPort", $errno, $errstr, 1);

    $restarting = function () use (&$echo, $echoPort, $stopHost) {
        $pids = [proc_get_status($echo)['pid']];
        $c = make_object(['class' => StreamClient::class, 'target' => tcp_target($echoPort),
            'parser' => 'LineParser', 'reconnect_interval' => 0.3]);
        $c->on('onConnect', function ($e) use (&$pids) {
            $e->sender->send(count($pids) === 1 ? 'before the restart' : 'after the restart');
        });
        $failures = 0;
        $c->on('onConnectFailed', function () use (&$failures) {
            $failures++;
        });
        $c->on('onClose', function ($e) {
            if ($e->by === 1) {
                echo "4. server killed: onClose by peer\n";
            }
        });
        $c->on('onMessage', function ($e) use (&$echo, $echoPort, &$pids, &$failures, $stopHost) {
            echo "4. restart: {$e->message}";
            if (count($pids) === 1) {
                // kill the server process, start a new one on the same port
                proc_terminate($echo, 9);
                stop_server($echo);
                [$echo] = start_server('line-echo.php', "--listen=tcp://127.0.0.1:$echoPort");
                $pids[] = proc_get_status($echo)['pid'];
                echo "\n";
                return;
            }
            echo ", from a new server process on the same port: ", json_encode($pids[0] !== $pids[1]),
                ", failed attempts: $failures\n";
            $e->sender->close();
            echo "done\n";
            $stopHost();
        });
        $c->connect();
    };

    $reconnecting = function () use ($closerPort, $restarting) {
        $closedAt = null;
        $c = make_object(['class' => StreamClient::class, 'target' => tcp_target($closerPort),
            'parser' => 'LineParser', 'reconnect_interval' => 0.3]);
        $c->on('onClose', function ($e) use (&$closedAt) {
            if ($e->by === 1) {
                $closedAt = microtime(true);
            }
        });
        $c->on('onMessage', function ($e) use (&$closedAt, $restarting) {
            echo "3. reconnect: {$e->message}";
            if ($closedAt !== null) {
                $gap = microtime(true) - $closedAt;
                echo ", after the interval: ", ($gap >= 0.28 && $gap < 1.0) ? 'yes' : sprintf('no (%.3f s)', $gap);
                $e->sender->close();
                echo "\n";
                $restarting();
                return;
            }
            echo "\n";
        });
        $c->connect();
    };

    $timingOut = function () use ($fullPort, $reconnecting) {
        $c = make_object(['class' => StreamClient::class, 'target' => tcp_target($fullPort), 'timeout' => 1.0]);
        $t0 = microtime(true);
        $cpu0 = cpu_seconds();
        $c->on('onConnectFailed', function ($e) use ($t0, $cpu0, $reconnecting) {
            $wall = microtime(true) - $t0;
            $cpu = cpu_seconds() - $cpu0;
            echo "2. timeout: code {$e->code}, after 1 s: ", ($wall >= 0.95 && $wall < 1.6) ? 'yes' : sprintf('no (%.3f s)', $wall),
                ", CPU while waiting < 5 %: ", $cpu < 0.05 * $wall ? 'yes' : sprintf('no (%.1f %%)', 100 * $cpu / $wall), "\n";
            $reconnecting();
        });
        $c->connect();
    };

    $echoing = function () use ($echoPort, $timingOut) {
        $c = make_object(['class' => StreamClient::class, 'target' => tcp_target($echoPort), 'parser' => 'LineParser']);
        $c->on('onConnect', fn ($e) => $e->sender->send('hello'));
        $c->on('onMessage', function ($e) use ($timingOut) {
            echo "1. echo: {$e->message}\n";
            $e->sender->close();
            $timingOut();
        });
        $c->connect();
    };

    // 0. Nothing but these two clients, connected before the host loop runs: what connect()
    // itself queues must wake the host.
    $failed = ['bindto' => null, 'unix' => []];
    $t0 = microtime(true);
    $next = function () use (&$failed, $echoing) {
        if ($failed['bindto'] !== null && count($failed['unix']) === 3) {
            echo $failed['unix1'], $failed['bindto'], "0. unix:// path missing: onConnectFailed 3 times, the third after ",
                ($failed['unix'][2] >= 0.35 && $failed['unix'][2] < 1.5) ? 'two intervals' : sprintf('%.3f s', $failed['unix'][2]), "\n";
            $echoing();
        }
    };
    $b = make_object(['class' => StreamClient::class, 'target' => 'tcp://127.0.0.1:9',
        'options' => ['bindto' => '192.0.2.1:0']]);
    $b->on('onConnectFailed', function ($e) use (&$failed, $next) {
        $failed['bindto'] = "0. bindto not bindable: onConnectFailed code {$e->code} \"{$e->errstr}\"\n";
        $next();
    });
    $b->connect();
    $missing = sys_get_temp_dir() . '/beyod-missing-' . getmypid() . '.sock';
    $u = make_object(['class' => StreamClient::class, 'target' => "unix://$missing",
        'reconnect_interval' => 0.2]);
    $u->on('onConnectFailed', function ($e) use (&$failed, $t0, $next) {
        $failed['unix'][] = microtime(true) - $t0;
        if (count($failed['unix']) === 1) {
            $failed['unix1'] = "0. unix:// path missing: onConnectFailed code {$e->code} \"{$e->errstr}\"\n";
        } elseif (count($failed['unix']) === 3) {
            $e->sender->close();
            $next();
        }
    });
    $u->connect();

    return function () use (&$echo, $closer, $full, $filler) {
        fclose($filler);
        socket_close($full);
        stop_server($echo);
        stop_server($closer);
    };
}
