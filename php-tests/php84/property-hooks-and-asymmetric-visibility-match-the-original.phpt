--TEST--
PHP 8.4: subclasses of beyod\StreamClient with hooked overrides of $target and $parser (also inherited), a hooked $timeout, virtual and asymmetric-visibility properties in the config array, a lazy ghost and a lazy proxy as $parser (also made lazy again mid-stream by resetAsLazyGhost(), its initializer replacing the client's parser), on the real beyod + Yii stack: the same as the original (hooks run, no slot read or written behind them)
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
<?php if (PHP_VERSION_ID < 80400) die('skip property hooks and asymmetric visibility need PHP 8.4'); ?>
<?php require __DIR__ . '/../inc/real-code.php'; skip_without_real_code(); ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
require __DIR__ . '/../inc/real-code.php';
compare_with_original(__DIR__ . '/../scenarios/real/php84-property-hooks.php');
?>
--EXPECT--
target is the hook's: true; label: true; parser: beyod\protocol\text\Parser
seen: ["target set to \"echo\"","parser set to \"text\"","parser set to beyod\\protocol\\text\\Parser"]
hooked target and parser: messages ["HELLO","WORLD"]
inherited hooks: messages ["HELLO","WORLD"]
timeout: 7
a hooked $timeout: messages ["HELLO","WORLD"]
parser given after connect: messages ["HELLO","WORLD"]
seen: ["target set to \"echo\"","parser set to beyod\\protocol\\text\\Parser"]
lazy ghost parser: messages ["X|","Y|"]
lazy ghost parser made lazy again: messages ["A#","B#"]
lazy proxy parser: messages ["X|","Y|"]
lazy proxy parser made lazy again: messages ["A#","B#"]
config: a get-only virtual property: Error: Property HookedClient::$label is read-only
config: a set-only virtual property: ["target set to \"echo\"","sink got 42"]
config: private(set): Error: Cannot modify private(set) property HookedClient::$mine from scope Yii
config: protected(set): Error: Cannot modify protected(set) property HookedClient::$hits from scope Yii
outside: private(set): Error: Cannot modify private(set) property HookedClient::$mine from global scope
outside: protected(set): Error: Cannot modify protected(set) property HookedClient::$hits from global scope
own method: ["bumped 1",1]
read a set-only virtual property: Error: Property HookedClient::$sink is write-only
isset(label), isset(sink), isset(mine): Error: Property HookedClient::$sink is write-only
canGetProperty label, sink, mine: [true,true,true]
canSetProperty label, sink, mine: [true,true,true]
hasProperty label: true
== the original beyod StreamClient printed the same
