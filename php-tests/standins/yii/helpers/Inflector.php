<?php
namespace yii\helpers;

/** Stand-in for yii\helpers\Inflector (only camel2words, which beyod's redis client uses). */
class Inflector
{
    public static function camel2words($name, $ucwords = true)
    {
        $label = trim(strtolower(str_replace(['-', '_', '.'], ' ', preg_replace('/(?<!\p{Lu})(\p{Lu})|(\p{Lu})(?=\p{Ll})/u', ' \0', $name))));
        return $ucwords ? ucwords($label) : $label;
    }
}
