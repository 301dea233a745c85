--TEST--
setAttribute/getAttribute/hasAttribute/attr: any PHP value stored on the client, null deletes, defaults, attr() with one or two arguments
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
use beyod\StreamClient;

$c = new StreamClient();
$obj = new stdClass();
$obj->v = 1;
$c->setAttribute('user', 'alice');
$c->setAttribute('obj', $obj);
$c->setAttribute('list', [1, 2, 3]);
$c->setAttribute('zero', 0);
$c->setAttribute('false', false);
var_dump($c->getAttribute('user'), $c->getAttribute('obj') === $obj, $c->getAttribute('list'));
var_dump($c->hasAttribute('user'), $c->hasAttribute('zero'), $c->hasAttribute('false'), $c->hasAttribute('nope'));
var_dump($c->getAttribute('nope'), $c->getAttribute('nope', 'dflt'), $c->getAttribute('zero', 'dflt'));

$c->setAttribute('user', null);
var_dump($c->hasAttribute('user'), $c->getAttribute('user', 'gone'));
$c->setAttribute('user');        // value defaults to null: deletes (already gone: no error)
var_dump($c->hasAttribute('user'));

var_dump($c->attr('k', 'v'));    // two arguments: set
var_dump($c->attr('k'));         // one argument: get
$c->attr('k', null);             // an explicit null deletes
var_dump($c->hasAttribute('k'));

// an attribute holding the client itself
$c->setAttribute('self', $c);
var_dump($c->getAttribute('self') === $c);
// attributes are per client
$d = new StreamClient();
var_dump($d->hasAttribute('list'));
?>
--EXPECT--
string(5) "alice"
bool(true)
array(3) {
  [0]=>
  int(1)
  [1]=>
  int(2)
  [2]=>
  int(3)
}
bool(true)
bool(true)
bool(true)
bool(false)
NULL
string(4) "dflt"
int(0)
bool(false)
string(4) "gone"
bool(false)
NULL
string(1) "v"
bool(false)
bool(true)
bool(false)
