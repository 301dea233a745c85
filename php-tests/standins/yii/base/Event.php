<?php
namespace yii\base;

use yii\helpers\StringHelper;

/**
 * Stand-in for yii\base\Event: the event object, and class-level handlers
 * (Event::on(SomeClass::class, 'name', $handler)) that trigger() runs for the object's class,
 * its parents and interfaces.
 */
class Event extends BaseObject
{
    public $name;
    public $sender;
    public $handled = false;
    public $data;

    private static $_events = [];

    public static function on($class, $name, $handler, $data = null, $append = true)
    {
        $class = ltrim($class, '\\');
        if ($append || empty(self::$_events[$name][$class])) {
            self::$_events[$name][$class][] = [$handler, $data];
        } else {
            array_unshift(self::$_events[$name][$class], [$handler, $data]);
        }
    }

    public static function off($class, $name, $handler = null)
    {
        $class = ltrim($class, '\\');
        if (empty(self::$_events[$name][$class])) {
            return false;
        }
        if ($handler === null) {
            unset(self::$_events[$name][$class]);
            return true;
        }
        $before = count(self::$_events[$name][$class]);
        self::$_events[$name][$class] = array_values(array_filter(self::$_events[$name][$class], fn ($h) => $h[0] !== $handler));
        return count(self::$_events[$name][$class]) !== $before;
    }

    public static function offAll()
    {
        self::$_events = [];
    }

    private static function classesOf($class)
    {
        $class = is_object($class) ? get_class($class) : ltrim($class, '\\');
        return array_merge([$class], array_values(class_parents($class, true)), array_values(class_implements($class, true)));
    }

    private static function handlersFor($name, $class)
    {
        $out = [];
        foreach (self::$_events as $pattern => $byClass) {
            if ($pattern === $name || (strpos($pattern, '*') !== false && StringHelper::matchWildcard($pattern, $name))) {
                foreach ($byClass[$class] ?? [] as $h) {
                    $out[] = $h;
                }
            }
        }
        return $out;
    }

    public static function hasHandlers($class, $name)
    {
        foreach (self::classesOf($class) as $c) {
            if (self::handlersFor($name, $c)) {
                return true;
            }
        }
        return false;
    }

    public static function trigger($class, $name, $event = null)
    {
        if ($event === null) {
            $event = new static();
        }
        $event->handled = false;
        $event->name = $name;
        if (is_object($class) && $event->sender === null) {
            $event->sender = $class;
        }
        foreach (self::classesOf($class) as $c) {
            foreach (self::handlersFor($name, $c) as [$handler, $data]) {
                $event->data = $data;
                call_user_func($handler, $event);
                if ($event->handled) {
                    return;
                }
            }
        }
    }
}
