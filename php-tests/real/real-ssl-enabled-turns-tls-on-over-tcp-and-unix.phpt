--TEST--
$ssl['enabled'] => true on tcp:// and unix:// targets, on the real beyod + Yii stack, run with the extension and with the original: TLS over the connection (the handshake, then the line echoed; unix:// against openssl s_server), isSSL() true; the original says isSSL() true but sends plaintext, which the TLS server refuses
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
<?php if (!extension_loaded('openssl')) die('skip openssl needed for the test server'); ?>
<?php if (!is_executable('/usr/bin/openssl')) die('skip the openssl command (s_server) needed'); ?>
<?php require __DIR__ . '/../inc/real-code.php'; skip_without_real_code(); ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
require __DIR__ . '/../inc/real-code.php';
compare_with_original(__DIR__ . '/../scenarios/real/ssl-enabled.php');
?>
--EXPECT--
== tcp://
isSSL() before connect(): true
onConnect, isSSL() true
onMessage "secret\n"
onClose by 0
the server: handshake ok 1
== unix://
isSSL() before connect(): true
onConnect, isSSL() true
onMessage "terces\n"
onClose by 0
the server: handshake ok
== the original beyod StreamClient printed:
== tcp://
isSSL() before connect(): true
onConnect, isSSL() true
onClose by 1
the server: handshake failed 1
== unix://
isSSL() before connect(): true
onConnect, isSSL() true
onClose by 1
the server: handshake failed
