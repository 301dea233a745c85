<?php
/**
 * Pattern source: on each accepted connection, sends N bytes of pattern_bytes() as fast as the
 * client reads them (generated in chunks, never held whole in memory: fine for hundreds of MB),
 * then closes its side (FIN). Whatever the client sends is read and discarded. Prints
 * "sent <k> <bytes>" once all of connection k's bytes are written.
 * Usage: php pattern-source.php N [--listen=ADDR]
 */
require __DIR__ . '/lib.php';
[$opts, $pos] = server_args($argv);
$n = (int)($pos[0] ?? 0);
const SOURCE_CHUNK = 26 * 10000; // a multiple of 26: every chunk continues the pattern at 'a'

function source_refill(ServerConn $c): void
{
    while (strlen($c->out) < SOURCE_CHUNK && $c->state['left'] > 0) {
        $take = min(SOURCE_CHUNK, $c->state['left']);
        $c->write(pattern_bytes($take));
        $c->state['left'] -= $take;
    }
    if ($c->state['left'] === 0 && $c->out === '' && !$c->closeAfterWrite) {
        server_say("sent {$c->id} {$c->state['total']}");
        $c->endAfterWrite();
    }
}

(new LoopServer($opts, [
    'accept' => function (ServerConn $c) use ($n) {
        $c->state['left'] = $n;
        $c->state['total'] = $n;
        source_refill($c);
    },
    'written' => fn (ServerConn $c) => source_refill($c),
]))->run();
