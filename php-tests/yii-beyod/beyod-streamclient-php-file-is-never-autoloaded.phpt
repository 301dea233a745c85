--TEST--
Migrating: with the extension loaded, beyod's own StreamClient.php is never autoloaded (composer-style PSR-4 and classmap autoloaders are not even asked for beyod\StreamClient: the native class exists before any autoloading), subclasses extend the native class; an explicit require of that file is a fatal "Cannot declare class" (PHP 8.4: "Cannot redeclare class")
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
// a vendor/ tree shaped like composer's install of beyoio/beyod ("psr-4": {"beyod\\": ""}),
// with a placeholder StreamClient.php that says when it is loaded
$vendor = sys_get_temp_dir() . '/beyod-' . getmypid() . '-vendor/beyoio/beyod';
@mkdir($vendor, 0777, true);
file_put_contents("$vendor/BaseConnection.php", "<?php\nnamespace beyod;\nclass BaseConnection {}\n");
file_put_contents("$vendor/StreamClient.php", "<?php\nnamespace beyod;\necho \"beyod's StreamClient.php loaded\\n\";\nclass StreamClient extends BaseConnection {}\n");
register_shutdown_function(function () use ($vendor) {
    array_map('unlink', glob("$vendor/*.php"));
    rmdir($vendor);
    rmdir(dirname($vendor));
    rmdir(dirname($vendor, 2));
});

$asked = [];
// composer's classmap (dump-autoload -o) lists the file, and its PSR-4 rule covers it
$classMap = ['beyod\StreamClient' => "$vendor/StreamClient.php", 'beyod\BaseConnection' => "$vendor/BaseConnection.php"];
spl_autoload_register(function ($class) use (&$asked, $classMap) {
    $asked[] = "classmap: $class";
    if (isset($classMap[$class])) {
        require $classMap[$class];
    }
});
spl_autoload_register(function ($class) use (&$asked, $vendor) {
    $asked[] = "psr-4: $class";
    if (strncmp($class, 'beyod\\', 6) === 0 && is_file($f = "$vendor/" . str_replace('\\', '/', substr($class, 6)) . '.php')) {
        require $f;
    }
});

$c = new beyod\StreamClient(['target' => 'tcp://127.0.0.1:1']);
class MyClient extends beyod\StreamClient
{
}
$m = new MyClient();
echo "class_exists: ", json_encode(class_exists('beyod\StreamClient')), ", internal: ",
    json_encode((new ReflectionClass('beyod\StreamClient'))->isInternal()), ", MyClient's parent: ", get_parent_class($m), "\n";
echo "autoloaders asked for beyod\\StreamClient: ", json_encode(array_values(array_filter($asked, fn ($a) => str_ends_with($a, 'beyod\StreamClient')))), "\n";

// the guard for code that must load it explicitly (a preload script, a hand-written bootstrap)
if (!extension_loaded('beyod_streamclient')) {
    require "$vendor/StreamClient.php";
}
echo "guarded require: skipped\n";

// an unguarded explicit require: the file's class declaration collides with the native class
require "$vendor/StreamClient.php";
echo "not reached\n";
?>
--EXPECTF--
class_exists: true, internal: true, MyClient's parent: beyod\StreamClient
autoloaders asked for beyod\StreamClient: []
guarded require: skipped
beyod's StreamClient.php loaded

Fatal error: Cannot %Sdeclare class beyod\StreamClient%S in %sStreamClient.php on line 4
