--TEST--
send() with beyod's own parsers writes the original's bytes (the text parser's lines and the redis Client's Requests encoded natively by the extension; a Request subclass and odd parameters through their PHP), on the real beyod + Yii stack, run with the extension and with the original
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
compare_with_original(__DIR__ . '/../scenarios/real/send-bytes.php');
?>
--EXPECT--
== text parser
send() returned [true,true,true,true,true,true]
"one\r\n\r\n42\r\ntwo\r\nlines\r\npiped|END\r\n"
== redis Client
send() returned [true,true,true,true,true,true,true,true,true,true,true,true,true]
"*3\r\n$3\r\nset\r\n$1\r\nk\r\n$1\r\nv\r\n*3\r\n$3\r\nset\r\n$1\r\ni\r\n$1\r\n5\r\n*3\r\n$3\r\nset\r\n$3\r\nneg\r\n$3\r\n-12\r\n*3\r\n$3\r\nset\r\n$1\r\nt\r\n$1\r\n1\r\n*3\r\n$3\r\nset\r\n$1\r\nf\r\n$0\r\n\r\n*3\r\n$3\r\nset\r\n$1\r\nx\r\n$3\r\n1.5\r\n*3\r\n$3\r\nset\r\n$1\r\ne\r\n$0\r\n\r\n*2\r\n$3\r\nget\r\n$6\r\nbin\r\n\u0000\r\n*4\r\n$4\r\nmget\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n*1\r\n$4\r\nping\r\n*3\r\n$6\r\nCLIENT\r\n$7\r\nSETNAME\r\n$6\r\ntester\r\n*2\r\n$4\r\nECHO\r\n$5\r\nQUIET\r\n*2\r\n$4\r\necho\r\n$3\r\nEND\r\n"
== the original beyod StreamClient printed the same