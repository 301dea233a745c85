<?php
/**
 * Autoloader for the beyod stand-ins (composer's psr-4 "beyod\\" => "" in the real package).
 * beyod\StreamClient is not here: it is the extension's.
 */
spl_autoload_register(function ($class) {
    if (strncmp($class, 'beyod\\', 6) === 0) {
        $file = __DIR__ . '/' . str_replace('\\', '/', substr($class, 6)) . '.php';
        if (is_file($file)) {
            require $file;
        }
    }
});
