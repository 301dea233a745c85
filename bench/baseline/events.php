<?php
namespace bench\baseline;

/** yii\base\Event's shape: a BaseObject configured from an array, plus class-level handlers. */
class Event
{
    public $name;
    public $sender;
    public $handled = false;
    public $data;

    private static $_classEvents = [];

    public function __construct($config = [])
    {
        foreach ($config as $k => $v) {
            $this->$k = $v;
        }
    }

    public static function on($class, $name, $handler, $data = null)
    {
        self::$_classEvents[$name][ltrim($class, '\\')][] = [$handler, $data];
    }

    public static function hasHandlers($sender, $name)
    {
        if (empty(self::$_classEvents[$name])) {
            return false;
        }
        foreach (self::$_classEvents[$name] as $class => $_) {
            if ($sender instanceof $class) {
                return true;
            }
        }
        return false;
    }

    public static function triggerClass($sender, $name, $event)
    {
        if (empty(self::$_classEvents[$name])) {
            return;
        }
        $event = $event ?? new static();
        $event->sender = $sender;
        $event->name = $name;
        $event->handled = false;
        foreach (self::$_classEvents[$name] as $class => $handlers) {
            if (!$sender instanceof $class) {
                continue;
            }
            foreach ($handlers as $h) {
                $event->data = $h[1];
                call_user_func($h[0], $event);
                if ($event->handled) {
                    return;
                }
            }
        }
    }
}

class IOEvent extends Event
{
    public $context;
}

class MessageEvent extends IOEvent
{
    public $message;
}

class ErrorEvent extends IOEvent
{
    const ERROR_CLOSED = 10;
    const ERROR_TIMEDOUT = 20;
    const ERROR_BAD_PACKET = 30;
    public $code = 0;
    public $errstr;
}

class CloseEvent extends IOEvent
{
    const BY_SELF = 0;
    const BY_PEER = 1;
    public $by = self::BY_SELF;
}
