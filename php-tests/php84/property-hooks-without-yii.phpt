--TEST--
PHP 8.4 without Yii: hooked overrides of $target and $parser on a beyod\StreamClient subclass, a hooked $delimiter on a beyod\ext\LineParser subclass (the native framer and encoder take the hook's value, not the slot's), the config array written as beyod\StreamClient's code (asymmetric visibility, virtual properties), lazy objects refused
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
<?php if (PHP_VERSION_ID < 80400) die('skip property hooks and asymmetric visibility need PHP 8.4'); ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

[$srv, $port] = start_server('line-echo.php');

// the backing value is a name; the hook gives "\n": the slot's 'NL' would frame nothing
class HookedLine extends beyod\ext\LineParser
{
    public $delimiter {
        get => $this->delimiter === 'NL' ? "\n" : $this->delimiter;
    }
}

class Client84 extends StreamClient
{
    public array $seen = [];
    public $target {
        get => $this->target === 'echo' ? tcp_target($GLOBALS['port']) : $this->target;
    }
    public $parser {
        set {
            $this->seen[] = 'parser: ' . (is_object($value) ? get_class($value) : json_encode($value));
            $this->parser = $value;
        }
    }
    public $label {
        get => "client of {$this->target}";
    }
    public private(set) string $mine = 'default';
    public protected(set) int $hits = 0;
}

$c = new Client84(['target' => 'echo', 'parser' => new HookedLine(['delimiter' => 'NL'])]);
echo json_encode($c->seen), "\n";
$got = [];
$c->on('onConnect', function ($e) {
    $e->sender->send('one');
    $e->sender->send('two');
});
$c->on('onMessage', function ($e) use (&$got) {
    $got[] = $e->message;
});
$c->connect();
wait_until(function () use (&$got) { return count($got) >= 2; }, 3, 'two lines');
echo "messages: ", json_encode($got), "; peer is the hook's target: ", json_encode($c->peer === "127.0.0.1:$port"), "\n";
$c->close();

print_outcome('config: a get-only virtual property', fn() => get_class(new Client84(['label' => 'x'])));
print_outcome('config: private(set)', fn() => (new Client84(['mine' => 'x']))->mine);
print_outcome('config: protected(set) (beyod\StreamClient is a parent)', fn() => (new Client84(['hits' => 5]))->hits);
print_outcome('outside: protected(set)', function () use ($c) { $c->hits = 9; return $c->hits; });
print_outcome('canGetProperty label, canSetProperty label', fn() => [$c->canGetProperty('label'), $c->canSetProperty('label')]);
print_outcome('a lazy ghost', fn() => get_class((new ReflectionClass(Client84::class))->newLazyGhost(function ($o) {})));
stop_server($srv);
?>
--EXPECT--
["parser: HookedLine"]
messages: ["one","two"]; peer is the hook's target: true
config: a get-only virtual property: Error: Property Client84::$label is read-only
config: private(set): Error: Cannot modify private(set) property Client84::$mine from scope beyod\StreamClient
config: protected(set) (beyod\StreamClient is a parent): 5
outside: protected(set): Error: Cannot modify protected(set) property Client84::$hits from global scope
canGetProperty label, canSetProperty label: [true,true]
a lazy ghost: Error: Cannot make instance of internal class lazy: Client84 inherits internal class beyod\StreamClient
