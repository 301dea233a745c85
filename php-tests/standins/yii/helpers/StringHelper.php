<?php
namespace yii\helpers;

/** Stand-in for yii\helpers\StringHelper (only matchWildcard, through fnmatch). */
class StringHelper
{
    public static function matchWildcard($pattern, $string, $options = [])
    {
        return fnmatch($pattern, $string, FNM_NOESCAPE * (int)(($options['escape'] ?? true) === false));
    }
}
