--TEST--
udp:// and udg:// clients on the real beyod + Yii stack, run with the extension and with the original: after prepare() no onConnect and no onBufferDrain (the original fires neither), send() returns the byte count, the echoed datagram is one onMessage through beyod's text parser
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
<?php require __DIR__ . '/../inc/real-code.php'; skip_without_real_code(); ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
require __DIR__ . '/../inc/real-code.php';
compare_with_original(__DIR__ . '/../scenarios/real/udp.php');
?>
--EXPECT--
== udp
prepare(): onBeforeConnect
send('early') right after prepare() returns 7
  the server got "early\r\n"
after a loop step: onBeforeConnect, onMessage "echo: early"
isConnnected() true, getId() is integer, in $connections true
send('ping') returns 6
  the server got "ping\r\n"
events after the send: onMessage "echo: ping"
== udg
prepare(): onBeforeConnect
send('early') right after prepare() returns 7
  the server got "early\r\n" from an abstract unix address
after a loop step: onBeforeConnect
isConnnected() true, getId() is integer, in $connections true
send('ping') returns 6
  the server got "ping\r\n" from an abstract unix address
TIMEOUT: the echo
events after the send: 
== the original beyod StreamClient printed:
== udp
prepare(): onBeforeConnect
send('early') right after prepare() returns 7
  the server got "early\r\n"
after a loop step: onBeforeConnect, onMessage "echo: early"
isConnnected() false, getId() is NULL, in $connections false
send('ping') returns 6
  the server got "ping\r\n"
events after the send: onMessage "echo: ping"
== udg
prepare(): onBeforeConnect
send('early') right after prepare() returns 7
  the server got "early\r\n" from an unnamed socket
after a loop step: onBeforeConnect
isConnnected() false, getId() is NULL, in $connections false
send('ping') returns 6
  the server got "ping\r\n" from an unnamed socket
TIMEOUT: the echo
events after the send:
