<?php
/**
 * Shared by the .phpt files: starting/stopping the loopback servers in ../servers, driving the
 * extension's loop for a bounded time, and the LineParser used by most tests.
 *
 * Every test must end in bounded time. Three guards:
 *  - wait_until()/run_loop_for()/run_guarded() never wait longer than the timeout they are given;
 *  - set_time_limit() caps CPU time (a spinning loop);
 *  - pcntl_alarm() caps wall time: SIGALRM's default action kills the process, so a test blocked
 *    inside the extension fails (with truncated output) instead of hanging run-tests.php.
 */

use beyod\ext\Loop;

require_once __DIR__ . '/../servers/pattern.php';

error_reporting(E_ALL);
set_time_limit(10);
if (function_exists('pcntl_alarm')) {
    pcntl_alarm(20);
}

/** @var array<int, array{pipes: array, log: string, proc: resource}> servers started by this test, by (int)$proc */
$GLOBALS['__test_servers'] = [];

/**
 * Starts servers/$script with $args (strings; "--listen=unix:///path" etc.) and returns
 * [$proc, $port] where $port is the bound TCP/UDP port (int) or the unix socket path (string).
 */
function start_server(string $script, ...$args): array
{
    $cmd = array_merge([PHP_BINARY, __DIR__ . '/../servers/' . $script], array_map('strval', $args));
    $log = tempnam(sys_get_temp_dir(), 'beyod-srv-');
    $proc = proc_open($cmd, [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => ['file', $log, 'a']], $pipes);
    if (!is_resource($proc)) {
        throw new RuntimeException("cannot start $script");
    }
    $GLOBALS['__test_servers'][(int)$proc] = ['pipes' => $pipes, 'log' => $log, 'proc' => $proc];
    $first = server_line($proc, 5.0);
    if ($first === false || strncmp($first, 'ERROR', 5) === 0) {
        $err = @file_get_contents($log);
        stop_server($proc);
        throw new RuntimeException("$script did not start: " . var_export($first, true) . " $err");
    }
    return [$proc, ctype_digit($first) ? (int)$first : $first];
}

/** The next line the server printed (without "\n"), or false after $timeout seconds. */
function server_line($proc, float $timeout = 3.0)
{
    $out = $GLOBALS['__test_servers'][(int)$proc]['pipes'][1];
    $end = microtime(true) + $timeout;
    $line = '';
    while (true) {
        $left = $end - microtime(true);
        if ($left <= 0) {
            return false;
        }
        $r = [$out];
        $w = $e = [];
        if (!@stream_select($r, $w, $e, 0, (int)($left * 1e6))) {
            continue;
        }
        $c = fgetc($out);
        if ($c === false) {
            return $line === '' ? false : $line;
        }
        if ($c === "\n") {
            return $line;
        }
        $line .= $c;
    }
}

/** Closes the server's stdin (it exits), waits for it, returns whatever it printed since. */
function stop_server($proc): string
{
    $key = (int)$proc;
    if (!isset($GLOBALS['__test_servers'][$key])) {
        return '';
    }
    $s = $GLOBALS['__test_servers'][$key];
    unset($GLOBALS['__test_servers'][$key]);
    @fclose($s['pipes'][0]);
    $rest = '';
    $end = microtime(true) + 3;
    stream_set_blocking($s['pipes'][1], false);
    while (microtime(true) < $end) {
        $rest .= (string)@stream_get_contents($s['pipes'][1]);
        $st = proc_get_status($proc);
        if (!$st['running']) {
            break;
        }
        usleep(10000);
    }
    $rest .= (string)@stream_get_contents($s['pipes'][1]);
    if (proc_get_status($proc)['running']) {
        proc_terminate($proc, 9);
    }
    @fclose($s['pipes'][1]);
    proc_close($proc);
    @unlink($s['log']);
    return $rest;
}

register_shutdown_function(function () {
    foreach ($GLOBALS['__test_servers'] ?? [] as $s) {
        stop_server($s['proc']);
    }
});

/** A TCP port on 127.0.0.1 nobody listens on (bound to port 0, read back, closed). */
function refused_port(): int
{
    $s = stream_socket_server('tcp://127.0.0.1:0');
    $name = stream_socket_get_name($s, false);
    fclose($s);
    return (int)substr($name, strrpos($name, ':') + 1);
}

/** A fresh unix socket path in the temp dir, unique per test process. */
function unix_path(string $name): string
{
    $p = sys_get_temp_dir() . '/beyod-' . getmypid() . '-' . $name . '.sock';
    @unlink($p);
    return $p;
}

function tcp_target(int $port, string $host = '127.0.0.1'): string
{
    return "tcp://$host:$port";
}

/** Ticks the loop for $seconds of wall time (in steps of at most 50 ms). */
function run_loop_for(float $seconds): void
{
    $end = microtime(true) + $seconds;
    while (($left = $end - microtime(true)) > 0) {
        Loop::tick(min(0.05, $left));
    }
}

/**
 * Ticks the loop until $cond() is true; false (after printing "TIMEOUT: $what") when it still
 * is not after $timeout seconds.
 */
function wait_until(callable $cond, float $timeout = 3.0, string $what = ''): bool
{
    $end = microtime(true) + $timeout;
    while (!$cond()) {
        $left = $end - microtime(true);
        if ($left <= 0) {
            echo "TIMEOUT: $what\n";
            return false;
        }
        Loop::tick(min(0.05, $left));
    }
    return true;
}

/**
 * Loop::run() for tests whose handlers call Loop::stop(): a guard timer prints "TIMEOUT" and stops
 * the loop after $seconds. (The guard is a timer, so run() cannot return "because nothing is left"
 * before it fires: use run_until_idle() for that.)
 */
function run_guarded(float $seconds = 3.0): void
{
    $guard = Loop::after($seconds, function () {
        echo "TIMEOUT\n";
        Loop::stop();
    });
    try {
        Loop::run();
    } finally {
        Loop::cancel($guard);
    }
}

/**
 * Loop::run() expected to return by itself (no connection or timer left). A guard timer would keep
 * run() busy, so the bound here is a wall-clock alarm: if run() is still blocked after $seconds,
 * SIGALRM's default action kills the process and the test fails instead of hanging.
 * Returns the seconds run() took.
 */
function run_until_idle(int $seconds = 3): float
{
    $t = microtime(true);
    if (function_exists('pcntl_alarm')) {
        pcntl_alarm($seconds);
    }
    Loop::run();
    if (function_exists('pcntl_alarm')) {
        pcntl_alarm(20);
    }
    return microtime(true) - $t;
}

/** The class name without its namespace, e.g. "MessageEvent". */
function short_class($o): string
{
    $c = get_class($o);
    $p = strrpos($c, '\\');
    return $p === false ? $c : substr($c, $p + 1);
}

/** An openssl config file with the extensions the test PKI uses (ca_ext, leaf_ext, client_ext). */
function pki_config(string $cn): string
{
    $conf = tempnam(sys_get_temp_dir(), 'beyod-ssl-');
    file_put_contents($conf, "[req]\ndistinguished_name=dn\n[dn]\n"
        . "[ca_ext]\nbasicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\n"
        . "[leaf_ext]\nbasicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\n"
        . "extendedKeyUsage=serverAuth\nsubjectAltName=DNS:$cn,IP:127.0.0.1\n"
        . "subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n"
        . "[client_ext]\nbasicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\n"
        . "extendedKeyUsage=clientAuth\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n");
    return $conf;
}

function pki_base(string $conf): array
{
    return ['config' => $conf, 'digest_alg' => 'sha256', 'private_key_type' => OPENSSL_KEYTYPE_RSA, 'private_key_bits' => 2048];
}

/** Writes $files (path => contents) and removes them when the test ends. */
function pki_write(array $files): void
{
    foreach ($files as $path => $data) {
        file_put_contents($path, $data);
    }
    register_shutdown_function(function () use ($files) {
        foreach (array_keys($files) as $path) {
            @unlink($path);
        }
    });
}

/**
 * A test PKI in temp files: a CA certificate, and a server certificate for CN=$cn
 * (subjectAltName DNS:$cn, IP:127.0.0.1) signed by that CA. Returns
 * ['ca' => CA certificate PEM file, 'server' => server certificate + key PEM file,
 *  'server_crt' => the server certificate alone (PEM file), 'ca_key' => the CA's key (PEM file,
 *  for make_client_cert())].
 * (A leaf signed by a CA, because strict verifiers such as rustls/webpki refuse a CA
 * certificate used as the server's own certificate.)
 */
function make_cert(string $cn = 'localhost'): array
{
    $conf = pki_config($cn);
    $base = pki_base($conf);
    $caKey = openssl_pkey_new($base);
    $caCsr = openssl_csr_new(['commonName' => 'beyod test CA'], $caKey, $base);
    $ca = openssl_csr_sign($caCsr, null, $caKey, 2, $base + ['x509_extensions' => 'ca_ext'], random_int(1, PHP_INT_MAX));
    $key = openssl_pkey_new($base);
    $csr = openssl_csr_new(['commonName' => $cn], $key, $base);
    $crt = openssl_csr_sign($csr, $ca, $caKey, 2, $base + ['x509_extensions' => 'leaf_ext'], random_int(1, PHP_INT_MAX));
    openssl_x509_export($ca, $caPem);
    openssl_x509_export($crt, $crtPem);
    openssl_pkey_export($key, $keyPem, null, $base);
    openssl_pkey_export($caKey, $caKeyPem, null, $base);
    unlink($conf);
    $prefix = sys_get_temp_dir() . '/beyod-cert-' . getmypid() . "-$cn";
    pki_write(["$prefix-ca.pem" => $caPem, "$prefix-server.pem" => $crtPem . $keyPem,
        "$prefix-server-crt.pem" => $crtPem, "$prefix-ca-key.pem" => $caKeyPem]);
    return ['ca' => "$prefix-ca.pem", 'server' => "$prefix-server.pem",
        'server_crt' => "$prefix-server-crt.pem", 'ca_key' => "$prefix-ca-key.pem"];
}

/**
 * A client certificate (extendedKeyUsage clientAuth, CN=$cn) signed by the CA of $pki (a
 * make_cert() result). Returns ['cert' => certificate PEM file, 'key' => private key PEM file].
 */
function make_client_cert(array $pki, string $cn = 'beyod test client'): array
{
    $conf = pki_config('unused.invalid');
    $base = pki_base($conf);
    $ca = openssl_x509_read(file_get_contents($pki['ca']));
    $caKey = openssl_pkey_get_private(file_get_contents($pki['ca_key']));
    $key = openssl_pkey_new($base);
    $csr = openssl_csr_new(['commonName' => $cn], $key, $base);
    $crt = openssl_csr_sign($csr, $ca, $caKey, 2, $base + ['x509_extensions' => 'client_ext'], random_int(1, PHP_INT_MAX));
    openssl_x509_export($crt, $crtPem);
    openssl_pkey_export($key, $keyPem, null, $base);
    unlink($conf);
    $prefix = sys_get_temp_dir() . '/beyod-cert-' . getmypid() . '-client-' . preg_replace('/\W+/', '_', $cn);
    pki_write(["$prefix-crt.pem" => $crtPem, "$prefix-key.pem" => $keyPem]);
    return ['cert' => "$prefix-crt.pem", 'key' => "$prefix-key.pem"];
}

/**
 * A self-signed server certificate for $cn (subjectAltName DNS:$cn, IP:127.0.0.1; not a CA):
 * returns the PEM file holding the certificate and its key.
 */
function make_self_signed_cert(string $cn = 'localhost'): string
{
    $conf = pki_config($cn);
    $base = pki_base($conf);
    $key = openssl_pkey_new($base);
    $csr = openssl_csr_new(['commonName' => $cn], $key, $base);
    $crt = openssl_csr_sign($csr, null, $key, 2, $base + ['x509_extensions' => 'leaf_ext'], random_int(1, PHP_INT_MAX));
    openssl_x509_export($crt, $crtPem);
    openssl_pkey_export($key, $keyPem, null, $base);
    unlink($conf);
    $path = sys_get_temp_dir() . '/beyod-cert-' . getmypid() . "-selfsigned-$cn.pem";
    pki_write([$path => $crtPem . $keyPem]);
    return $path;
}

/**
 * A script for servers/chunks.php: $chunks is a list of [delay_ms, bytes] (delay before the
 * chunk is written; 0 = in the same write as the previous chunk). Returns the file's path.
 */
function chunk_script(array $chunks): string
{
    static $n = 0;
    $path = sys_get_temp_dir() . '/beyod-' . getmypid() . '-script-' . (++$n) . '.ser';
    pki_write([$path => serialize(array_values($chunks))]);
    return $path;
}

/**
 * Starts Debian's redis-server on a unix socket only (no TCP port, no persistence) and returns
 * [$proc, $socketPath] once it accepts connections (with $tcp also on a loopback port, and
 * [$proc, "tcp://127.0.0.1:PORT"] is returned); stop_redis_server() (or the end of the
 * test) stops it.
 */
function start_redis_server(bool $tcp = false): array
{
    $path = unix_path('redis');
    $log = tempnam(sys_get_temp_dir(), 'beyod-redis-');
    $cmd = ['redis-server', '--port', '0', '--unixsocket', $path, '--save', '', '--appendonly', 'no',
        '--dir', sys_get_temp_dir(), '--logfile', $log];
    if ($tcp) {
        // also on a loopback TCP port (the original client cannot reach unix:///abs/path)
        $probe = stream_socket_server('tcp://127.0.0.1:0');
        $port = (int)parse_url('tcp://' . stream_socket_get_name($probe, false), PHP_URL_PORT);
        fclose($probe);
        array_splice($cmd, 1, 2, ['--port', (string)$port, '--bind', '127.0.0.1']);
    }
    $proc = proc_open($cmd, [0 => ['file', '/dev/null', 'r'], 1 => ['file', '/dev/null', 'w'], 2 => ['file', $log, 'a']], $pipes);
    if (!is_resource($proc)) {
        throw new RuntimeException('cannot start redis-server');
    }
    $GLOBALS['__test_redis'][(int)$proc] = [$proc, $path, $log];
    $end = microtime(true) + 5;
    while (microtime(true) < $end) {
        $s = @stream_socket_client("unix://$path", $errno, $errstr, 0.2);
        if ($s) {
            fclose($s);
            return [$proc, $tcp ? "tcp://127.0.0.1:$port" : $path];
        }
        if (!proc_get_status($proc)['running']) {
            break;
        }
        usleep(20000);
    }
    $err = @file_get_contents($log);
    stop_redis_server($proc);
    throw new RuntimeException("redis-server did not start: $err");
}

function stop_redis_server($proc): void
{
    if (!isset($GLOBALS['__test_redis'][(int)$proc])) {
        return;
    }
    [, $path, $log] = $GLOBALS['__test_redis'][(int)$proc];
    unset($GLOBALS['__test_redis'][(int)$proc]);
    proc_terminate($proc, 15);
    $end = microtime(true) + 3;
    while (proc_get_status($proc)['running'] && microtime(true) < $end) {
        usleep(10000);
    }
    if (proc_get_status($proc)['running']) {
        proc_terminate($proc, 9);
    }
    proc_close($proc);
    @unlink($path);
    @unlink($log);
}

$GLOBALS['__test_redis'] = [];
register_shutdown_function(function () {
    foreach ($GLOBALS['__test_redis'] as [$proc]) {
        stop_redis_server($proc);
    }
});

/** Parser of "\n"-terminated lines: the message is the line without its line ending. */
class LineParser
{
    public $max_packet_size = 0;

    public function input($buffer, $connection)
    {
        $p = strpos($buffer, "\n");
        return $p === false ? 0 : $p + 1;
    }

    public function decode($buffer, $connection)
    {
        return rtrim($buffer, "\r\n");
    }

    public function encode($message, $connection)
    {
        return $message . "\n";
    }
}

/**
 * server_line() for when the extension must keep working meanwhile (a close still being
 * flushed, a proxy in the middle): ticks the loop until the server has printed a line, then
 * returns it (false after $timeout seconds).
 */
function server_line_ticking($proc, float $timeout = 3.0)
{
    $out = $GLOBALS['__test_servers'][(int)$proc]['pipes'][1];
    $end = microtime(true) + $timeout;
    while (($left = $end - microtime(true)) > 0) {
        $r = [$out];
        $w = $e = [];
        if (@stream_select($r, $w, $e, 0, 0)) {
            // the servers print whole lines at once: the rest of the line is there
            return server_line($proc, max(0.5, $left));
        }
        Loop::tick(min(0.02, $left));
    }
    return false;
}

/**
 * Starts `openssl s_server` on a free loopback port with $args (e.g. '-cert', PEM, '-Verify', '1')
 * and returns [$proc, $port] once it accepts; stop_server() ends it. For TLS behaviour PHP's own
 * server cannot show (a server that aborts the handshake itself). Skip the test when
 * `openssl` is not on PATH (openssl_cli_available()).
 */
function start_openssl_server(string ...$args): array
{
    $port = refused_port();
    $log = tempnam(sys_get_temp_dir(), 'beyod-srv-');
    $cmd = array_merge(['openssl', 's_server', '-accept', "127.0.0.1:$port"], $args);
    $proc = proc_open($cmd, [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => ['file', $log, 'a']], $pipes);
    if (!is_resource($proc)) {
        throw new RuntimeException('cannot start openssl s_server');
    }
    $GLOBALS['__test_servers'][(int)$proc] = ['pipes' => $pipes, 'log' => $log, 'proc' => $proc];
    while (($line = server_line($proc, 5.0)) !== false) {
        if (trim($line) === 'ACCEPT') {
            return [$proc, $port];
        }
    }
    $err = @file_get_contents($log);
    stop_server($proc);
    throw new RuntimeException("openssl s_server did not start: $err");
}

function openssl_cli_available(): bool
{
    exec('openssl version 2>/dev/null', $out, $rc);
    return $rc === 0;
}

/** Prints "$what: " and what $f() returns (JSON), or the class and message of what it throws. */
function print_outcome(string $what, callable $f): void
{
    try {
        $r = json_encode($f());
        echo "$what: $r\n";
    } catch (\Throwable $e) {
        echo "$what: ", get_class($e), ': ', $e->getMessage(), "\n";
    }
}
