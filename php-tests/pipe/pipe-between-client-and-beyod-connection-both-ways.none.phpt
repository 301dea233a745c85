--TEST--
A reverse proxy written the beyod way: each user socket accepted from the looper becomes a server-side Connection pipe()d to a StreamClient of a backend, set up from either end ($client->pipe($conn), or $conn->pipe($client), which writes $client->_pipe): 100 kB and lines flow both ways byte for byte, unpipe() from either end clears both, the user hanging up closes the client (the connection's onClose), the backend hanging up closes the connection after its last bytes: without Yii or beyod (the connection and looper are app-side shims of beyod's shape; the application registers Loop::stream() with its looper) (scenario php-tests/scenarios/pipe-beyod-connection.php)
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/modes.php';
load_mode('none');
require __DIR__ . '/../scenarios/pipe-beyod-connection.php';
?>
--EXPECT--
looper: AppLooper, connection: AppConnection
pipe set up by the client:
  user got back 100029 bytes (3 lines, one of 100 000 bytes), identical: true
  connection's end is the client true, client's end is the connection true
  after unpipe() from the other end: connection's end null, client's end null
  client onClose by self
  user hung up: connection closed true, client closed true
pipe set up by the connection:
  user got back 100029 bytes (3 lines, one of 100 000 bytes), identical: true
  connection's end is the client true, client's end is the connection true
  after unpipe() from the other end: connection's end null, client's end null
  client onClose by self
  user hung up: connection closed true, client closed true
client onClose by peer (the connection still open: true)
backend hung up: user got "conn1 line1\nconn1 line2\n", then EOF: true; connection closed true, client closed true
