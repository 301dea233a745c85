<?php
/**
 * Stand-in for yiisoft/yii2's Yii: the application and the object factory. createObject()
 * behaves as Yii's DI container: a class implementing yii\base\Configurable gets its config
 * as the constructor's last argument; any other class is constructed first and then
 * configured property by property (that is what happens to beyod\StreamClient).
 */
class Yii
{
    /** @var \yii\base\Component|null the application */
    public static $app;

    public static function createObject($type, array $params = [])
    {
        if (is_string($type)) {
            return new $type(...$params);
        }
        if (is_callable($type, true) && !is_array($type)) {
            return $type(...$params);
        }
        if (!is_array($type) || !isset($type['class'])) {
            throw new \yii\base\InvalidConfigException('Object configuration must be an array containing a "class" element.');
        }
        $class = $type['class'];
        unset($type['class']);
        if (is_subclass_of($class, 'yii\base\Configurable')) {
            $params[] = $type;
            return new $class(...$params);
        }
        $object = new $class(...$params);
        return $type ? static::configure($object, $type) : $object;
    }

    public static function configure($object, $properties)
    {
        foreach ($properties as $name => $value) {
            $object->$name = $value;
        }
        return $object;
    }

    public static function getObjectVars($object)
    {
        return get_object_vars($object);
    }

    /** What Yii::debug()/Yii::trace() logged: [message, category] pairs, for the tests to read. */
    public static $debugLog = [];

    public static function debug($message, $category = 'application')
    {
        static::$debugLog[] = [$message, $category];
    }

    /** Yii 2's deprecated alias of debug(). */
    public static function trace($message, $category = 'application')
    {
        static::debug($message, $category);
    }

    public static function error($message, $category = 'application') {}
    public static function warning($message, $category = 'application') {}
    public static function info($message, $category = 'application') {}

    /** Class autoloader for the stand-ins' yii\ namespace. */
    public static function autoload($class)
    {
        if (strncmp($class, 'yii\\', 4) === 0) {
            $file = __DIR__ . '/' . str_replace('\\', '/', substr($class, 4)) . '.php';
            if (is_file($file)) {
                require $file;
            }
        }
    }
}

spl_autoload_register(['Yii', 'autoload'], true, true);
