<?php
/**
 * Deprecation notices raised by third-party code never fail a test. The real beyod and Yii 2
 * (.vendor/, inc/real-code.php) and Debian's PHP libraries (the ReactPHP bundle under
 * /usr/share/icingaweb2, Amp under /usr/share/php) were written for older PHP; a newer PHP
 * deprecates what they do (PHP 8.4: beyod's and guzzle's implicitly nullable parameters), and
 * PHP prints the notice into the output a test compares. hide_third_party_deprecations()
 * installs an error handler that drops E_DEPRECATED raised in a file under those directories,
 * and only there: every other error, and every deprecation in our own files (the tests, the
 * servers, the stand-ins), goes on to the previous handler or to PHP's own (the handler returns
 * false), exactly as before.
 */

/** Directories whose files are third-party code (prefixes of a real path). */
function third_party_dirs(): array
{
    static $dirs = null;
    if ($dirs === null) {
        $dirs = ['/usr/share/php/', '/usr/share/icingaweb2/'];
        $vendor = realpath(__DIR__ . '/../../.vendor');
        if ($vendor !== false) {
            $dirs[] = $vendor . '/';
        }
    }
    return $dirs;
}

function is_third_party_file(string $file): bool
{
    foreach (third_party_dirs() as $dir) {
        if (strncmp($file, $dir, strlen($dir)) === 0) {
            return true;
        }
    }
    return false;
}

/** Installs the handler (once per process; the handler it replaces is still called after it). */
function hide_third_party_deprecations(): void
{
    static $installed = false;
    if ($installed) {
        return;
    }
    $installed = true;
    $previous = null;
    $previous = set_error_handler(function (int $no, string $str, string $file = '', int $line = 0) use (&$previous) {
        if (($no === E_DEPRECATED || $no === E_USER_DEPRECATED) && is_third_party_file($file)) {
            return true;
        }
        return $previous !== null ? $previous($no, $str, $file, $line) : false;
    });
}
