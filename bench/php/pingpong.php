<?php
/**
 * Workload 1 (and 7 under callgrind): line ping-pong. The client sends "ping 0"; on each
 * echoed line the PHP handler checks it is the one expected and sends the next, N round trips.
 * IMPL: native | php (pure-PHP baseline) | react (ReactPHP react/socket).
 * Args: parser=php|native, port=, n= (round trips), limit= (seconds).
 */
require __DIR__ . '/common.php';

$impl = impl();
$port = arg('port');
$n = arg('n', 10000);
$limit = arg('limit', 60.0);
$parser = line_parser();
$i = 0;
$t0 = $t1 = null;
$bad = null;

if ($impl === 'react') {
    require_react();
    $loop = React\EventLoop\Factory::create();
    $connector = new React\Socket\Connector($loop, [
        'dns' => false, 'timeout' => false, 'happy_eyeballs' => false, 'tcp' => ['tcp_nodelay' => true],
    ]);
    $connector->connect("tcp://127.0.0.1:$port")->then(function ($conn) use ($parser, $n, &$i, &$t0, &$t1, &$bad, $loop) {
        $buf = '';
        $conn->on('data', function ($data) use ($conn, $parser, $n, &$i, &$t1, &$bad, &$buf, $loop) {
            $buf .= $data;
            while ($buf !== '' && ($len = $parser->input($buf, $conn)) > 0) {
                $msg = $parser->decode(substr($buf, 0, $len), $conn);
                $buf = substr($buf, $len);
                if ($msg !== "ping $i") {
                    $bad = "round trip $i: got " . json_encode($msg);
                    $conn->close();
                    end_loop('react', $loop);
                    return;
                }
                if (++$i === $n) {
                    $t1 = now();
                    $conn->close();
                    end_loop('react', $loop);
                    return;
                }
                $conn->write($parser->encode("ping $i", $conn));
            }
        });
        $t0 = now();
        $conn->write($parser->encode('ping 0', $conn));
    }, function ($e) use (&$bad, $loop) {
        $bad = 'connect failed: ' . $e->getMessage();
        end_loop('react', $loop);
    });
    $finished = run_loop('react', $limit, $loop);
} else {
    $class = client_class($impl);
    $client = new $class(['target' => "tcp://127.0.0.1:$port", 'parser' => $parser, 'timeout' => 10]);
    $client->on('onConnect', function ($e) use (&$t0) {
        $t0 = now();
        $e->sender->send('ping 0');
    });
    $client->on('onConnectFailed', function ($e) use (&$bad, $impl) {
        $bad = "connect failed: $e->errstr";
        end_loop($impl);
    });
    $client->on('onMessage', function ($e) use ($n, &$i, &$t1, &$bad, $impl) {
        if ($e->message !== "ping $i") {
            $bad = "round trip $i: got " . json_encode($e->message);
            $e->sender->close();
            end_loop($impl);
            return;
        }
        if (++$i === $n) {
            $t1 = now();
            $e->sender->close();
            end_loop($impl);
            return;
        }
        $e->sender->send("ping $i");
    });
    $client->connect();
    $finished = run_loop($impl, $limit);
}

if ($bad !== null) {
    fail($bad);
}
if (!$finished || $t1 === null) {
    fail("time limit of {$limit}s reached after $i of $n round trips");
}
done(['count' => $i, 'seconds' => $t1 - $t0, 'rate' => $i / ($t1 - $t0)]);
