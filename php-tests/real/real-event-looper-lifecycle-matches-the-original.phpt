--TEST--
Under beyod's production looper (beyod\event\Event on libevent as Yii::$app->eventLooper, in a child PHP with event.so): one client's life on the real beyod + Yii stack, with the extension and with the original, as under the stream_select looper (scenario php-tests/scenarios/real/lifecycle.php)
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
<?php require __DIR__ . '/../inc/real-code.php'; skip_without_event_looper(); ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/real-code.php';
compare_under_event_looper(__DIR__ . '/../scenarios/real/lifecycle.php');
?>
--EXPECT--
before connect(): connected false, closed true, id false, in $connections false
  onBeforeConnect (beyod\IOEvent, sender is the client: true) 
connect() returns the client: true; connected false, closed true, id false, in $connections false
  onConnect (beyod\IOEvent, sender is the client: true) 
  in onConnect: connected true, closed false, id true, in $connections true
  send('one') from onConnect returns true
  send('two') from onConnect returns true
  onMessage (beyod\MessageEvent, sender is the client: true) message="echo: one"
  onMessage (beyod\MessageEvent, sender is the client: true) message="echo: two"
  send('quit') from onMessage returns true
  onClose (beyod\CloseEvent, sender is the client: true) by=1
after the peer closed: connected false, closed true, id false, in $connections false
connect() again, then send() outside handlers:
  onBeforeConnect (beyod\IOEvent, sender is the client: true) 
send('three') outside handlers returns true
send('quit') outside handlers returns true
  onMessage (beyod\MessageEvent, sender is the client: true) message="echo: three"
  onClose (beyod\CloseEvent, sender is the client: true) by=1
send('late') after the peer closed returns false
a refused connect:
  onBeforeConnect (beyod\IOEvent, sender is the client: true) 
  onConnectFailed (beyod\ErrorEvent, sender is the client: true) code=111 errstr="Connection refused"
after the failure: connected false, closed true, id false, in $connections false
== beyod\event\Event::del() warned "Resource ID used as offset": yes
== the original beyod StreamClient under beyod\event\Event printed:
before connect(): connected false, closed true, id false, in $connections false
  onBeforeConnect (beyod\IOEvent, sender is the client: true) 
connect() returns the client: true; connected false, closed true, id false, in $connections false
  onConnect (beyod\IOEvent, sender is the client: true) 
  in onConnect: connected true, closed false, id true, in $connections true
  send('one') from onConnect returns true
  send('two') from onConnect returns true
  onMessage (beyod\MessageEvent, sender is the client: true) message="echo: one"
  onMessage (beyod\MessageEvent, sender is the client: true) message="echo: two"
  send('quit') from onMessage returns true
  onClose (beyod\CloseEvent, sender is the client: true) by=1
after the peer closed: connected false, closed true, id true, in $connections true
connect() again, then send() outside handlers:
  onBeforeConnect (beyod\IOEvent, sender is the client: true) 
send('three') outside handlers returns true
send('quit') outside handlers returns true
  onMessage (beyod\MessageEvent, sender is the client: true) message="echo: three"
  onClose (beyod\CloseEvent, sender is the client: true) by=1
send('late') after the peer closed returns null
a refused connect:
  onBeforeConnect (beyod\IOEvent, sender is the client: true) 
  onError (beyod\ErrorEvent, sender is the client: true) code=8 errstr="fwrite(): Send of 6 bytes failed with errno=111 Connection refused"
  onClose (beyod\CloseEvent, sender is the client: true) by=1
TIMEOUT: the failure
after the failure: connected false, closed true, id true, in $connections true
