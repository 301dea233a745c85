<?php
/**
 * PHP 8.4's property surfaces on subclasses of beyod\StreamClient, written only against beyod's
 * API so the same script runs with the extension and with the original (PHP 8.4 syntax: only
 * loaded there):
 * - a hooked override of `$target` (the backing value is a name, the `get` hook makes the URL)
 *   and of `$parser` (the backing value is null, the `get` hook gives the parser object; the
 *   `set` hook maps a short name to a class): the client must connect to the hook's target and
 *   frame with the hook's parser, so the extension may not read their slots;
 * - a subclass of that class, which inherits the hooks without redeclaring the properties;
 * - a hooked `$timeout` only (the other properties plain), for the classes whose hooks are
 *   elsewhere;
 * - virtual properties (a `get`-only one, a `set`-only one) given in the config array;
 * - asymmetric visibility (`private(set)`, `protected(set)`) given in the config array, written
 *   from outside and from the class's own method;
 * - Yii's canGetProperty()/canSetProperty()/isset() on those;
 * - a lazy ghost and a lazy proxy of beyod's text parser as `$parser` (their delimiter "|" set
 *   by the initializer): the extension's framer must not take the unset slots of the lazy
 *   object for the parser's settings (the raw reply "X|Y|" must come back as two messages).
 */
use beyod\event\EventLooper;
use beyod\Server;
use beyod\StreamClient;

require_once __DIR__ . '/../../inc/helpers.php';
require_once __DIR__ . '/../../inc/real-code.php';
if (!class_exists('Yii', false)) {
    load_real_code();
}
$looper = Yii::$app->eventLooper;

// a line server: answers each line upper-cased
$listener = stream_socket_server('tcp://127.0.0.1:0');
$GLOBALS['hooks_port'] = parse_url('tcp://' . stream_socket_get_name($listener, false), PHP_URL_PORT);
$looper->add($listener, EventLooper::EV_READ, function () use ($listener, $looper) {
    $c = stream_socket_accept($listener, 0);
    $looper->add($c, EventLooper::EV_READ, function () use ($c, $looper) {
        $data = fread($c, 65536);
        if ($data === '' || $data === false) {
            $looper->del($c, EventLooper::EV_READ);
            fclose($c);
            return;
        }
        fwrite($c, strtoupper($data));
    });
});

class HookedClient extends StreamClient
{
    public array $seen = [];
    private ?object $parserObject = null;

    public $target {
        get => $this->target === 'echo' ? 'tcp://127.0.0.1:' . $GLOBALS['hooks_port'] : $this->target;
        set {
            $this->seen[] = 'target set to ' . json_encode($value);
            $this->target = $value;
        }
    }

    // the backing value stays null: the parser object lives in $parserObject
    public $parser {
        get => $this->parserObject ?? $this->parser;
        set {
            $this->seen[] = 'parser set to ' . (is_object($value) ? get_class($value) : json_encode($value));
            if (is_object($value)) {
                $this->parserObject = $value;
            } else {
                $this->parser = $value === 'text' ? 'beyod\protocol\text\Parser' : $value;
            }
        }
    }

    public $label {
        get => 'client of ' . $this->target;
    }

    public $sink {
        set {
            $this->seen[] = 'sink got ' . json_encode($value);
        }
    }

    public private(set) string $mine = 'default';
    public protected(set) int $hits = 0;

    public function bump(): void
    {
        $this->hits++;
        $this->mine = "bumped {$this->hits}";
    }
}

class InheritsHooks extends HookedClient
{
}

class TimeoutHooked extends StreamClient
{
    public $timeout {
        get => 7;
    }
}

/** Connects $c, sends two lines, prints what comes back, closes. */
function exchange(StreamClient $c, string $name): void
{
    $got = [];
    $c->on(Server::ON_CONNECT, function ($e) {
        $e->sender->send('hello');
        $e->sender->send('world');
    });
    $c->on(Server::ON_MESSAGE, function ($e) use (&$got) {
        $got[] = $e->message;
    });
    $c->connect();
    looper_wait_until(function () use (&$got) { return count($got) >= 2; }, 3.0, "$name: two messages");
    echo "$name: messages ", json_encode($got), "\n";
    $c->close();
}

$c = new HookedClient(['target' => 'echo', 'parser' => 'text']);
$url = 'tcp://127.0.0.1:' . $GLOBALS['hooks_port'];
echo "target is the hook's: ", json_encode($c->target === $url), "; label: ", json_encode($c->label === "client of $url"),
    "; parser: ", get_class($c->parser), "\n";
echo "seen: ", json_encode($c->seen), "\n";
exchange($c, 'hooked target and parser');

$c2 = new InheritsHooks(['target' => 'echo', 'parser' => 'text']);
exchange($c2, 'inherited hooks');

$t = new TimeoutHooked(['target' => 'tcp://127.0.0.1:' . $GLOBALS['hooks_port'], 'parser' => 'beyod\protocol\text\Parser']);
echo "timeout: ", json_encode($t->timeout), "\n";
exchange($t, 'a hooked $timeout');

// a parser replaced from outside after the connection is up: the set hook keeps the object
$c3 = new HookedClient(['target' => 'echo']);
$c3->on(Server::ON_CONNECT, function ($e) {
    $e->sender->parser = new beyod\protocol\text\Parser();
});
exchange($c3, 'parser given after connect');
echo "seen: ", json_encode($c3->seen), "\n";

// lazy parsers: the initializer sets the delimiter; the reply is sent raw, so only a framer
// that sees the initialized "|" splits it
foreach (['ghost' => 'newLazyGhost', 'proxy' => 'newLazyProxy'] as $kind => $make) {
    $class = new ReflectionClass(beyod\protocol\text\Parser::class);
    $parser = $kind === 'ghost'
        ? $class->newLazyGhost(function ($p) { $p->__construct(['delimiter' => '|']); })
        : $class->newLazyProxy(function ($p) { return new beyod\protocol\text\Parser(['delimiter' => '|']); });
    $l = new StreamClient(['target' => 'tcp://127.0.0.1:' . $GLOBALS['hooks_port'], 'parser' => $parser]);
    $got = [];
    $l->on(Server::ON_CONNECT, function ($e) {
        $e->sender->send('x|y|', true);
    });
    $l->on(Server::ON_MESSAGE, function ($e) use (&$got) {
        $got[] = $e->message;
    });
    $l->connect();
    looper_wait_until(function () use (&$got) { return count($got) >= 2; }, 3.0, "lazy $kind parser: two messages");
    echo "lazy $kind parser: messages ", json_encode($got), "\n";
    // made lazy again mid-stream, with another delimiter: its initializer runs when the next
    // packet is framed, and that initializer replaces the client's parser too
    $class->resetAsLazyGhost($parser,
        function ($p) use ($l) {
            $p->__construct(['delimiter' => '#']);
            $l->parser = new beyod\protocol\text\Parser(['delimiter' => '#']);
        });
    $got = [];
    $l->send('a#b#', true);
    looper_wait_until(function () use (&$got) { return count($got) >= 2; }, 3.0, "lazy $kind parser made lazy again: two messages");
    echo "lazy $kind parser made lazy again: messages ", json_encode($got), "\n";
    $l->close();
}

print_outcome('config: a get-only virtual property', fn() => get_class(new HookedClient(['target' => 'echo', 'label' => 'x'])));
print_outcome('config: a set-only virtual property', fn() => (new HookedClient(['target' => 'echo', 'sink' => 42]))->seen);
print_outcome('config: private(set)', fn() => (new HookedClient(['target' => 'echo', 'mine' => 'x']))->mine);
print_outcome('config: protected(set)', fn() => (new HookedClient(['target' => 'echo', 'hits' => 5]))->hits);
print_outcome('outside: private(set)', function () use ($c) { $c->mine = 'y'; return $c->mine; });
print_outcome('outside: protected(set)', function () use ($c) { $c->hits = 9; return $c->hits; });
print_outcome('own method', function () use ($c) { $c->bump(); return [$c->mine, $c->hits]; });
print_outcome('read a set-only virtual property', fn() => $c->sink);
print_outcome('isset(label), isset(sink), isset(mine)', fn() => [isset($c->label), isset($c->sink), isset($c->mine)]);
print_outcome('canGetProperty label, sink, mine', fn() => [$c->canGetProperty('label'), $c->canGetProperty('sink'), $c->canGetProperty('mine')]);
print_outcome('canSetProperty label, sink, mine', fn() => [$c->canSetProperty('label'), $c->canSetProperty('sink'), $c->canSetProperty('mine')]);
print_outcome('hasProperty label', fn() => $c->hasProperty('label'));
