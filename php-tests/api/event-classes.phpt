--TEST--
The extension's own event classes (used without beyod): hierarchy, fields, defaults, config constructor, getCloser()
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
use beyod\ext\Event;
use beyod\ext\IOEvent;
use beyod\ext\MessageEvent;
use beyod\ext\ErrorEvent;
use beyod\ext\CloseEvent;

foreach ([IOEvent::class, MessageEvent::class, ErrorEvent::class, CloseEvent::class] as $cls) {
    echo $cls, ' parent=', get_parent_class($cls), ' isEvent=', var_export(is_subclass_of($cls, Event::class), true), "\n";
}

$e = new ErrorEvent(['code' => 111, 'errstr' => 'Connection refused']);
var_dump($e->code, $e->errstr, $e->name, $e->sender, $e->handled, $e->data, $e->context);

$m = new MessageEvent();
var_dump($m->message);
$m->message = ['any' => 'value'];
var_dump($m->message);

$c = new CloseEvent();
var_dump($c->by, $c->getCloser());
$c = new CloseEvent(['by' => CloseEvent::BY_PEER]);
var_dump($c->by, $c->getCloser());

$plain = new Event();
var_dump(get_object_vars($plain));
?>
--EXPECT--
beyod\ext\IOEvent parent=beyod\ext\Event isEvent=true
beyod\ext\MessageEvent parent=beyod\ext\IOEvent isEvent=true
beyod\ext\ErrorEvent parent=beyod\ext\IOEvent isEvent=true
beyod\ext\CloseEvent parent=beyod\ext\IOEvent isEvent=true
int(111)
string(18) "Connection refused"
NULL
NULL
bool(false)
NULL
NULL
NULL
array(1) {
  ["any"]=>
  string(5) "value"
}
int(0)
string(4) "self"
int(1)
string(4) "peer"
array(4) {
  ["name"]=>
  NULL
  ["sender"]=>
  NULL
  ["handled"]=>
  bool(false)
  ["data"]=>
  NULL
}
