<?php
/**
 * The declared $ssl of beyod\StreamClient on the real beyod + Yii stack, written only against
 * beyod's API so the same script runs with the extension and with the original: its keys in
 * order with their defaults (the original's three misspelt keys aside), and reading keys an
 * application reads (no warning).
 */
use beyod\StreamClient;

require_once __DIR__ . '/../../inc/helpers.php';
require_once __DIR__ . '/../../inc/real-code.php';
if (!class_exists('Yii', false)) {
    load_real_code();
}
$typos = ['verify_perr' => 'verify_peer', 'verify_perr_name' => 'verify_peer_name',
    'allow_self_signaed' => 'allow_self_signed'];
$spelt = function (array $ssl) use ($typos) {
    $out = [];
    foreach ($ssl as $k => $v) {
        $out[$typos[$k] ?? $k] = $v;
    }
    return $out;
};
$default = (new ReflectionProperty(StreamClient::class, 'ssl'))->getDefaultValue();
echo "declared default (", count($default), " keys, misspellings written right):\n";
foreach ($spelt($default) as $k => $v) {
    echo "  $k => ", json_encode($v), "\n";
}
$client = new StreamClient(['target' => 'tcp://127.0.0.1:1']);
echo "a new client's \$ssl equals it: ", json_encode($client->ssl === $default), "\n";
echo "cafile ", json_encode($client->ssl['cafile']), ", capath ", json_encode($client->ssl['capath']),
    ", peer_fingerprint ", json_encode($client->ssl['peer_fingerprint']), ", SNI_enabled ",
    json_encode($client->ssl['SNI_enabled']), "\n";
