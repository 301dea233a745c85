--TEST--
With Yii loaded: the parser is built through Yii::createObject(), unknown methods/properties throw yii\base\UnknownMethodException/UnknownPropertyException, class-level handlers (yii\base\Event::trigger) run after the instance's
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
namespace yii\base {
    class Exception extends \Exception {}
    class UnknownPropertyException extends Exception {}
    class InvalidCallException extends \BadMethodCallException {}
    class UnknownMethodException extends \BadMethodCallException {}
    class Event
    {
        public $name; public $sender; public $handled = false; public $data;
        public function __construct($config = []) { if (is_array($config)) { foreach ($config as $k => $v) { $this->$k = $v; } } }
        public static function trigger($class, $name, $event = null)
        {
            echo "class-level yii\\base\\Event::trigger($name)\n";
        }
        public static function hasHandlers($class, $name) { return true; }
    }
}
namespace {
    class Yii
    {
        public static function createObject($type, array $params = [])
        {
            echo "Yii::createObject(", is_array($type) ? $type['class'] : $type, ")\n";
            if (is_array($type)) {
                $class = $type['class'];
                unset($type['class']);
                $o = new $class();
                foreach ($type as $k => $v) {
                    $o->$k = $v;
                }
                return $o;
            }
            return new $type();
        }
    }
    class ConfiguredParser
    {
        public $sep = "\n";
        public function input($b, $c) { return 0; }
        public function decode($b, $c) { return $b; }
        public function encode($m, $c) { return $m; }
    }

    $c = new beyod\StreamClient(['parser' => ['class' => 'ConfiguredParser', 'sep' => ';']]);
    var_dump(get_class($c->parser), $c->parser->sep);

    try {
        $c->nope();
    } catch (Throwable $e) {
        echo get_class($e), "\n";
    }
    try {
        $x = $c->nope;
    } catch (Throwable $e) {
        echo get_class($e), "\n";
    }
    $c->on('custom', fn () => print("instance handler\n"));
    $c->trigger('custom');
}
?>
--EXPECT--
Yii::createObject(ConfiguredParser)
string(16) "ConfiguredParser"
string(1) ";"
yii\base\UnknownMethodException
yii\base\UnknownPropertyException
instance handler
class-level yii\base\Event::trigger(custom)
