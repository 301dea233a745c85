--TEST--
Declared public properties with the documented defaults (get_object_vars, Reflection, static $connections, per-object copies)
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
use beyod\StreamClient;

$c = new StreamClient();
$vars = get_object_vars($c);
ksort($vars); // declaration order is not part of the contract
var_dump($vars);

$r = new ReflectionClass(StreamClient::class);
$props = $r->getProperties(ReflectionProperty::IS_PUBLIC);
usort($props, fn ($a, $b) => strcmp($a->getName(), $b->getName()));
foreach ($props as $p) {
    printf("%s static=%d default=%d %s\n", $p->getName(), $p->isStatic(), $p->isDefault(),
        json_encode($p->hasDefaultValue() ? $p->getDefaultValue() : 'NO DEFAULT'));
}
var_dump(StreamClient::$connections);

// each object has its own copy of the array defaults
$c->options['SO_SNDBUF'] = 4096;
$c->ssl['verify_peer'] = true;
$d = new StreamClient();
var_dump($d->options['SO_SNDBUF'], $d->ssl['verify_peer'], $c->options['SO_SNDBUF']);

// properties are ordinary: assignable to anything, readable back
$d->timeout = 1.5;
$d->reconnect_interval = 0.25;
$d->target = 'tcp://127.0.0.1:1';
var_dump($d->timeout, $d->reconnect_interval, $d->target);
?>
--EXPECT--
array(10) {
  ["local"]=>
  NULL
  ["max_send_buffer_size"]=>
  int(10485760)
  ["options"]=>
  array(7) {
    ["backlog"]=>
    int(256)
    ["SO_REUSEADDR"]=>
    int(1)
    ["SO_KEEPALIVE"]=>
    int(1)
    ["SO_LINGER"]=>
    NULL
    ["SO_SNDBUF"]=>
    NULL
    ["SO_RCVBUF"]=>
    NULL
    ["TCP_NODELAY"]=>
    int(1)
  }
  ["parser"]=>
  NULL
  ["peer"]=>
  NULL
  ["read_buffer_size"]=>
  int(65536)
  ["reconnect_interval"]=>
  int(0)
  ["ssl"]=>
  array(19) {
    ["enabled"]=>
    bool(false)
    ["peer_name"]=>
    NULL
    ["verify_peer"]=>
    bool(false)
    ["verify_peer_name"]=>
    bool(false)
    ["allow_self_signed"]=>
    bool(true)
    ["cafile"]=>
    NULL
    ["capath"]=>
    NULL
    ["local_cert"]=>
    NULL
    ["local_pk"]=>
    NULL
    ["passphrase"]=>
    NULL
    ["CN_match"]=>
    NULL
    ["verify_depth"]=>
    NULL
    ["ciphers"]=>
    NULL
    ["capture_peer_cert"]=>
    NULL
    ["capture_peer_cert_chain"]=>
    NULL
    ["SNI_enabled"]=>
    NULL
    ["SNI_server_name"]=>
    NULL
    ["disable_compression"]=>
    NULL
    ["peer_fingerprint"]=>
    NULL
  }
  ["target"]=>
  NULL
  ["timeout"]=>
  int(30)
}
connections static=1 default=1 []
local static=0 default=1 null
max_send_buffer_size static=0 default=1 10485760
options static=0 default=1 {"backlog":256,"SO_REUSEADDR":1,"SO_KEEPALIVE":1,"SO_LINGER":null,"SO_SNDBUF":null,"SO_RCVBUF":null,"TCP_NODELAY":1}
parser static=0 default=1 null
peer static=0 default=1 null
read_buffer_size static=0 default=1 65536
reconnect_interval static=0 default=1 0
ssl static=0 default=1 {"enabled":false,"peer_name":null,"verify_peer":false,"verify_peer_name":false,"allow_self_signed":true,"cafile":null,"capath":null,"local_cert":null,"local_pk":null,"passphrase":null,"CN_match":null,"verify_depth":null,"ciphers":null,"capture_peer_cert":null,"capture_peer_cert_chain":null,"SNI_enabled":null,"SNI_server_name":null,"disable_compression":null,"peer_fingerprint":null}
target static=0 default=1 null
timeout static=0 default=1 30
array(0) {
}
NULL
bool(false)
int(4096)
float(1.5)
float(0.25)
string(17) "tcp://127.0.0.1:1"
