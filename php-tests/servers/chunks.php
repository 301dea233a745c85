<?php
/**
 * Scripted sender: on each accepted connection, writes the chunks of a script one by one, each
 * after its own delay (so that each chunk is a separate read on the client, or several chunks
 * with delay 0 are written together, coalesced into one write), prints "script done <k>" when
 * the last one is written, and with --close=1 closes its side (FIN) then. Whatever the client
 * sends is echoed back raw (so a test can check the connection is still usable).
 * The script is a file holding serialize([[delay_ms, bytes], ...]) (inc/helpers.php chunk_script()).
 * Usage: php chunks.php --script=FILE [--close=1] [--listen=ADDR]
 */
require __DIR__ . '/lib.php';
[$opts] = server_args($argv);
$script = unserialize(file_get_contents($opts['script']));
$close = !empty($opts['close']);

function chunks_next(ServerConn $c, LoopServer $srv, array $script, bool $close, int $i): void
{
    // chunks with delay 0 go out in the same write as the one before them
    $data = '';
    $n = count($script);
    do {
        $data .= $script[$i][1];
        $i++;
    } while ($i < $n && (float)$script[$i][0] <= 0);
    $c->write($data);
    if ($i < $n) {
        $srv->after((float)$script[$i][0] / 1000, fn () => chunks_next($c, $srv, $script, $close, $i));
        return;
    }
    server_say("script done {$c->id}");
    if ($close) {
        $c->endAfterWrite();
    }
}

(new LoopServer($opts, [
    'accept' => function (ServerConn $c, LoopServer $srv) use ($script, $close) {
        if (!$script) {
            return;
        }
        $first = (float)$script[0][0] / 1000;
        $first > 0 ? $srv->after($first, fn () => chunks_next($c, $srv, $script, $close, 0))
                   : chunks_next($c, $srv, $script, $close, 0);
    },
    'data' => fn (ServerConn $c, string $d) => $c->write($d),
]))->run();
