--TEST--
hasProperty/canGetProperty/canSetProperty/hasMethod/className behave as yii\base\Component's
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
use beyod\StreamClient;

class IntrospectedClient extends StreamClient
{
    public function getColor() { return 'red'; }
    public function setSize($v) {}
}

$c = new IntrospectedClient();
echo "getter-only id: ", json_encode([$c->hasProperty('id'), $c->canGetProperty('id'), $c->canSetProperty('isClosed')]), "\n";
echo "public var target: ", json_encode([$c->hasProperty('target'), $c->canGetProperty('target'), $c->canSetProperty('target')]), "\n";
echo "target without checkVars: ", json_encode([$c->hasProperty('target', false), $c->canGetProperty('target', false), $c->canSetProperty('target', false)]), "\n";
echo "subclass getColor/setSize: ", json_encode([$c->canGetProperty('color'), $c->canSetProperty('color'), $c->canGetProperty('size'), $c->canSetProperty('size')]), "\n";
echo "unknown: ", json_encode([$c->hasProperty('nope'), $c->canGetProperty('nope'), $c->canSetProperty('nope')]), "\n";
echo "hasMethod: ", json_encode([$c->hasMethod('connect'), $c->hasMethod('getColor'), $c->hasMethod('nope')]), "\n";
var_dump(StreamClient::className(), IntrospectedClient::className());
?>
--EXPECT--
getter-only id: [true,true,false]
public var target: [true,true,true]
target without checkVars: [false,false,false]
subclass getColor/setSize: [true,false,false,true]
unknown: [false,false,false]
hasMethod: [true,true,false]
string(18) "beyod\StreamClient"
string(18) "IntrospectedClient"
