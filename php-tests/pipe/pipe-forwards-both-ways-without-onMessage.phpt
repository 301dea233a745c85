--TEST--
pipe(): bytes read from one client are forwarded raw to the other, both ways, with no onMessage on either; unpipe() restores onMessage
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

// A talks to a raw echo server; B to a sink that greets with "HELLO" 200 ms after accepting.
// A->pipe(B): what A reads goes to B (to the sink), what B reads goes to A (to the echo server,
// which echoes it back to A, which forwards it to B again).
[$echo, $eport] = start_server('raw-echo.php');
[$sink, $sport] = start_server('sink.php', '--greeting=HELLO', '--greeting_delay=200', '--show=1');
$a = new StreamClient(['target' => tcp_target($eport)]);
$b = new StreamClient(['target' => tcp_target($sport)]);
foreach (['a' => $a, 'b' => $b] as $name => $x) {
    $x->on('onMessage', fn ($e) => print("onMessage on $name: {$e->message}\n"));
}
$a->pipe($b);
$a->send('ping', true);      // queued: to the echo server, back to A, forwarded to B's sink
$a->connect();
$b->connect();
run_loop_for(0.8);

$a->unpipe();
$a->send('after unpipe', true);
run_loop_for(0.5);     // the echo now arrives as onMessage on A
$a->close();
$b->close();
$line = server_line($sink, 3);
[$conn, $count, $md5, $json] = explode(' ', $line, 4);
$bytes = json_decode($json);
echo "sink got $count bytes: ", in_array($bytes, ['pingHELLO', 'HELLOping'], true) ? 'ping and HELLO' : $bytes, "\n";
stop_server($echo);
stop_server($sink);
?>
--EXPECT--
onMessage on a: after unpipe
sink got 9 bytes: ping and HELLO
