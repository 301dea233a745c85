--TEST--
The declared $ssl default, on the real beyod + Yii stack, run with the extension and with the original: the original's 19 keys in its order with its defaults (its misspelt verify_perr, verify_perr_name, allow_self_signaed written right here), so $client->ssl['cafile'] reads null without a warning
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
compare_with_original(__DIR__ . '/../scenarios/real/ssl-default.php');
?>
--EXPECT--
declared default (19 keys, misspellings written right):
  enabled => false
  peer_name => null
  verify_peer => false
  verify_peer_name => false
  allow_self_signed => true
  cafile => null
  capath => null
  local_cert => null
  local_pk => null
  passphrase => null
  CN_match => null
  verify_depth => null
  ciphers => null
  capture_peer_cert => null
  capture_peer_cert_chain => null
  SNI_enabled => null
  SNI_server_name => null
  disable_compression => null
  peer_fingerprint => null
a new client's $ssl equals it: true
cafile null, capath null, peer_fingerprint null, SNI_enabled null
== the original beyod StreamClient printed the same
