--TEST--
The tests' filter for third-party deprecations (inc/third-party.php, installed by load_real_code()): loading beyod's Connection (on PHP 8.4 a deprecation for its implicitly nullable parameter) prints nothing; the handler drops E_DEPRECATED raised in the real code's files and Debian's PHP libraries only: a deprecation in our own file is still printed, and other errors in third-party files go on to PHP
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
<?php require __DIR__ . '/../inc/real-code.php'; skip_without_real_code(); ?>
--INI--
display_startup_errors=0
error_log=/dev/null
error_reporting=-1
display_errors=1
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
require __DIR__ . '/../inc/real-code.php';
load_real_code();
echo "beyod\\Connection loaded: ", var_export(class_exists('beyod\Connection'), true), "\n";

// the installed handler, asked directly what it does with an error from each file
$handler = set_error_handler(null);
set_error_handler($handler);
$vendorFile = realpath(REAL_CODE_DIR) . '/beyod/Connection.php';
foreach ([
    ['E_DEPRECATED', E_DEPRECATED, $vendorFile],
    ['E_USER_DEPRECATED', E_USER_DEPRECATED, '/usr/share/php/Some/Library.php'],
    ['E_DEPRECATED', E_DEPRECATED, '/usr/share/icingaweb2/modules/reactbundle/vendor/x.php'],
    ['E_WARNING', E_WARNING, $vendorFile],
    ['E_DEPRECATED', E_DEPRECATED, __FILE__],
    ['E_DEPRECATED', E_DEPRECATED, __DIR__ . '/../standins/beyod/Parser.php'],
] as [$name, $no, $file]) {
    $where = str_replace([realpath(REAL_CODE_DIR), __DIR__ . '/..'], ['.vendor', 'php-tests'], $file);
    echo "$name in $where: ", $handler($no, 'x', $file, 1) ? "dropped" : "goes on to PHP", "\n";
}
trigger_error('our own deprecation', E_USER_DEPRECATED);
echo "done\n";
?>
--EXPECTF--
beyod\Connection loaded: true
E_DEPRECATED in .vendor/beyod/Connection.php: dropped
E_USER_DEPRECATED in /usr/share/php/Some/Library.php: dropped
E_DEPRECATED in /usr/share/icingaweb2/modules/reactbundle/vendor/x.php: dropped
E_WARNING in .vendor/beyod/Connection.php: goes on to PHP
E_DEPRECATED in %sreal-third-party-deprecations-dropped-ours-kept.php: goes on to PHP
E_DEPRECATED in php-tests/standins/beyod/Parser.php: goes on to PHP

Deprecated: our own deprecation in %s on line %d
done
