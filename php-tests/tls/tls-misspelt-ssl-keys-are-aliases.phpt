--TEST--
TLS: the original's misspelt $ssl keys act as aliases, without an "unknown option" warning: verify_perr = verify_peer, verify_perr_name = verify_peer_name, allow_self_signaed = allow_self_signed (each shown on and off)
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
<?php if (!extension_loaded('openssl')) die('skip openssl needed for the test server'); ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

$pki = make_cert('other.example');                   // CA-signed, for other.example + IP 127.0.0.1
$self = make_self_signed_cert('localhost');          // self-signed, for localhost
$unrelatedCa = make_cert('unrelated.example')['ca']; // trusts neither certificate
[$named, $namedPort] = start_server('tls-peer.php', "--cert={$pki['server']}");
[$selfSrv, $selfPort] = start_server('tls-peer.php', "--cert=$self");

set_error_handler(function ($no, $str) { echo "warning: $str\n"; return true; });

function attempt(string $label, int $port, array $ssl)
{
    $c = new StreamClient(['target' => "tls://localhost:$port", 'parser' => 'LineParser', 'timeout' => 3, 'ssl' => $ssl]);
    $st = new stdClass();
    $st->result = null;
    $c->on('onConnect', fn ($e) => $e->sender->send('hi'));
    $c->on('onMessage', function ($e) use ($st) { $st->result = 'accepted'; });
    $c->on('onConnectFailed', function ($e) use ($st) { $st->result = 'refused'; });
    $c->connect();
    wait_until(fn () => $st->result !== null, 4, $label);
    echo str_pad("$label:", 60), $st->result, "\n";
    $c->close();
    run_loop_for(0.05);
}

// the name check, with the misspelt name key (the certificate is for other.example, we ask for localhost)
attempt('verify_peer + verify_perr_name => true', $namedPort, ['verify_peer' => true, 'verify_perr_name' => true, 'cafile' => $pki['ca']]);
attempt('verify_peer + verify_perr_name => false', $namedPort, ['verify_peer' => true, 'verify_perr_name' => false, 'cafile' => $pki['ca']]);
// the chain check, with the misspelt verify key (an unrelated CA: the chain cannot be verified)
attempt('verify_perr => true (untrusted chain)', $namedPort, ['verify_perr' => true, 'verify_peer_name' => false, 'allow_self_signed' => false, 'cafile' => $unrelatedCa]);
attempt('verify_perr => false (untrusted chain)', $namedPort, ['verify_perr' => false, 'verify_peer_name' => false, 'allow_self_signed' => false, 'cafile' => $unrelatedCa]);
// a self-signed certificate, with the misspelt allow key
attempt('allow_self_signaed => true (self-signed)', $selfPort, ['verify_peer' => true, 'verify_peer_name' => true, 'allow_self_signaed' => true, 'cafile' => $unrelatedCa]);
attempt('allow_self_signaed => false (self-signed)', $selfPort, ['verify_peer' => true, 'verify_peer_name' => true, 'allow_self_signaed' => false, 'cafile' => $unrelatedCa]);
// the original's own default array, misspellings included, works as it is
attempt("beyod's default \$ssl (misspelt keys)", $selfPort, ['enabled' => false, 'verify_perr' => false, 'verify_perr_name' => false, 'allow_self_signaed' => true]);
stop_server($named);
stop_server($selfSrv);
?>
--EXPECT--
verify_peer + verify_perr_name => true:                     refused
verify_peer + verify_perr_name => false:                    accepted
verify_perr => true (untrusted chain):                      refused
verify_perr => false (untrusted chain):                     accepted
allow_self_signaed => true (self-signed):                   accepted
allow_self_signaed => false (self-signed):                  refused
beyod's default $ssl (misspelt keys):                       accepted
