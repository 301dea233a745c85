--TEST--
send() when it writes, on the real beyod + Yii stack, run with the extension and with the original: 32 MB from onConnect (inside a handler, where the extension batches writes) and from plain code to a peer not reading returns the int of bytes written, not true; a small send() behind it is refused (onBufferFull); onBufferDrain once the peer reads, and every accepted byte arrives
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
<?php require __DIR__ . '/../inc/real-code.php'; skip_without_real_code(); ?>
--INI--
display_startup_errors=0
error_log=/dev/null
memory_limit=512M
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
require __DIR__ . '/../inc/real-code.php';
compare_with_original(__DIR__ . '/../scenarios/real/send-returns.php');
?>
--EXPECT--
send(32 MB) from onConnect returns an int, the bytes written (less than the message)
  onBufferFull
then send('small') returns false
onBufferDrain: 1, the peer got every accepted byte: true
send(32 MB) outside handlers returns an int, the bytes written (less than the message)
onBufferDrain: 1, the peer got every accepted byte: true
== the original beyod StreamClient printed the same
