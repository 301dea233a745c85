<?php
/**
 * The host SAPIs' workers for php-tests/host: `php -S` (one process serving every request in
 * turn) and php-fpm (a pool of one static worker), both started by the test with the extension
 * the test itself runs with; a FastCGI client for FPM; and the sequence both tests send.
 */

require_once __DIR__ . '/../inc/helpers.php';

/** The path of the extension loaded in this process (run-tests.php's -d extension=...). */
function loaded_extension_path(): string
{
    foreach (file('/proc/self/maps', FILE_IGNORE_NEW_LINES) as $line) {
        if (preg_match('~\s(/\S*[^/\s]*beyod[^/\s]*\.so)$~', $line, $m)) {
            return $m[1];
        }
    }
    throw new RuntimeException('the extension is not mapped into this process');
}

/** php-fpm of this PHP version, or null. */
function php_fpm_binary(): ?string
{
    $v = PHP_MAJOR_VERSION . '.' . PHP_MINOR_VERSION;
    foreach (["/usr/sbin/php-fpm$v", '/usr/sbin/php-fpm', "/usr/local/sbin/php-fpm"] as $bin) {
        if (is_executable($bin)) {
            return $bin;
        }
    }
    return null;
}

/** CI installs php-fpm (scripts/setup): there, a missing binary fails the test instead of skipping it. */
function host_workers_required(): bool
{
    return getenv('CI') !== false && getenv('CI') !== '' && getenv('CI') !== '0'
        || getenv('BEYOD_REQUIRE_REAL_CODE') === '1';
}

/**
 * The ini settings both workers run with: errors shown in the response, in plain text, after
 * what the request printed before (output_buffering would lose that to memory_limit's fatal).
 */
function worker_ini(): array
{
    return [
        'extension' => loaded_extension_path(),
        'output_buffering' => '0',
        'display_errors' => '1',
        'html_errors' => '0',
        'log_errors' => '0',
        'error_reporting' => (string)E_ALL,
    ];
}

/** Waits until $address (a "tcp://" or "unix://" URL) accepts a connection. */
function wait_listening(string $address, $proc, string $log, float $timeout = 10.0): void
{
    $end = microtime(true) + $timeout;
    while (microtime(true) < $end) {
        $s = @stream_socket_client($address, $errno, $errstr, 1);
        if ($s) {
            fclose($s);
            return;
        }
        if (!proc_get_status($proc)['running']) {
            break;
        }
        usleep(20000);
    }
    throw new RuntimeException("nothing listens on $address: " . @file_get_contents($log));
}

/** Ends a worker process started by start_php_builtin_server() / start_php_fpm(). */
function stop_worker(array $w): void
{
    if (proc_get_status($w['proc'])['running']) {
        proc_terminate($w['proc'], SIGTERM);
        $end = microtime(true) + 5;
        while (proc_get_status($w['proc'])['running'] && microtime(true) < $end) {
            usleep(20000);
        }
        if (proc_get_status($w['proc'])['running']) {
            proc_terminate($w['proc'], SIGKILL);
        }
    }
    proc_close($w['proc']);
    foreach ($w['files'] as $f) {
        @unlink($f);
    }
    if (isset($w['dir'])) {
        @rmdir($w['dir']);
    }
}

/**
 * `php -S 127.0.0.1:0 request.php`: the built-in server, one process (no
 * PHP_CLI_SERVER_WORKERS) serving the requests one after another, on the port it prints.
 */
function start_php_builtin_server(): array
{
    $ini = worker_ini();
    $log = tempnam(sys_get_temp_dir(), 'beyod-php-S-');
    $cmd = [PHP_BINARY];
    foreach ($ini as $k => $v) {
        $cmd[] = '-d';
        $cmd[] = "$k=$v";
    }
    array_push($cmd, '-S', '127.0.0.1:0', __DIR__ . '/request.php');
    $env = getenv();
    unset($env['PHP_CLI_SERVER_WORKERS']);
    $proc = proc_open($cmd, [0 => ['file', '/dev/null', 'r'], 1 => ['file', $log, 'a'], 2 => ['file', $log, 'a']], $pipes, null, $env);
    $w = ['proc' => $proc, 'files' => [$log], 'log' => $log];
    register_shutdown_function('stop_worker', $w);
    $end = microtime(true) + 10;
    while (!preg_match('~\(http://127\.0\.0\.1:(\d+)\) started~', (string)file_get_contents($log), $m)) {
        if (microtime(true) > $end || !proc_get_status($proc)['running']) {
            throw new RuntimeException('php -S did not start: ' . file_get_contents($log));
        }
        usleep(20000);
    }
    $port = (int)$m[1];
    wait_listening("tcp://127.0.0.1:$port", $proc, $log);
    $w['request'] = function (array $query) use ($port): string {
        return http_get("http://127.0.0.1:$port/?" . http_build_query($query));
    };
    return $w;
}

/** The response body of a GET (whatever its status), bounded in time. */
function http_get(string $url): string
{
    $ctx = stream_context_create(['http' => ['timeout' => 15, 'ignore_errors' => true]]);
    $body = @file_get_contents($url, false, $ctx);
    if ($body === false) {
        return "(no response: " . (error_get_last()['message'] ?? '') . ")\n";
    }
    return $body;
}

/** php-fpm in the foreground, its own config in a temp dir: one static worker on a unix socket. */
function start_php_fpm(): array
{
    $bin = php_fpm_binary();
    if ($bin === null) {
        throw new RuntimeException('php-fpm is not installed (scripts/setup installs php' . PHP_MAJOR_VERSION . '.' . PHP_MINOR_VERSION . '-fpm)');
    }
    $dir = sys_get_temp_dir() . '/beyod-fpm-' . getmypid();
    @mkdir($dir, 0700);
    $sock = "$dir/fpm.sock";
    $conf = "$dir/fpm.conf";
    $log = "$dir/fpm.log";
    $pool = "[global]\nerror_log = $log\ndaemonize = no\npid = $dir/fpm.pid\n\n"
        . "[host-test]\nlisten = $sock\npm = static\npm.max_children = 1\n"
        . "catch_workers_output = yes\nclear_env = no\n";
    foreach (worker_ini() as $k => $v) {
        if ($k !== 'extension') {
            $pool .= "php_value[$k] = $v\n";
        }
    }
    file_put_contents($conf, $pool);
    // -R: CI runs as root, where the pool would otherwise need another user
    $cmd = [$bin, '-F', '-R', '-y', $conf, '-d', 'extension=' . loaded_extension_path()];
    $proc = proc_open($cmd, [0 => ['file', '/dev/null', 'r'], 1 => ['file', $log, 'a'], 2 => ['file', $log, 'a']], $pipes);
    $w = ['proc' => $proc, 'files' => [$sock, $conf, $log, "$dir/fpm.pid"], 'dir' => $dir, 'log' => $log];
    register_shutdown_function('stop_worker', $w);
    wait_listening("unix://$sock", $proc, $log);
    $script = __DIR__ . '/request.php';
    $w['request'] = function (array $query) use ($sock, $script): string {
        return fastcgi_get("unix://$sock", [
            'GATEWAY_INTERFACE' => 'FastCGI/1.0',
            'REQUEST_METHOD' => 'GET',
            'SCRIPT_FILENAME' => $script,
            'SCRIPT_NAME' => '/request.php',
            'REQUEST_URI' => '/request.php?' . http_build_query($query),
            'QUERY_STRING' => http_build_query($query),
            'SERVER_PROTOCOL' => 'HTTP/1.1',
            'SERVER_NAME' => 'localhost',
            'REMOTE_ADDR' => '127.0.0.1',
        ]);
    };
    return $w;
}

/**
 * One FastCGI request (role responder, no body) and the response body (the CGI headers cut
 * off), bounded in time.
 */
function fastcgi_get(string $address, array $params): string
{
    $s = @stream_socket_client($address, $errno, $errstr, 5);
    if (!$s) {
        return "(no connection: $errstr)\n";
    }
    $record = function (int $type, string $content): string {
        return pack('CCnnCC', 1, $type, 1, strlen($content), 0, 0) . $content;
    };
    $len = function (string $s): string {
        return strlen($s) < 128 ? chr(strlen($s)) : pack('N', strlen($s) | 0x80000000);
    };
    $pairs = '';
    foreach ($params as $k => $v) {
        $pairs .= $len($k) . $len($v) . $k . $v;
    }
    // BEGIN_REQUEST (role 1: responder, flags 0: close after), PARAMS, empty PARAMS, empty STDIN
    fwrite($s, $record(1, pack('nCx5', 1, 0)) . $record(4, $pairs) . $record(4, '') . $record(5, ''));
    $in = '';
    $out = '';
    $end = microtime(true) + 15;
    stream_set_blocking($s, false);
    while (microtime(true) < $end) {
        $r = [$s];
        $w = $e = [];
        if (@stream_select($r, $w, $e, 0, 100000)) {
            $chunk = fread($s, 65536);
            if ($chunk === '' || $chunk === false) {
                break;
            }
            $in .= $chunk;
        }
        while (strlen($in) >= 8) {
            $h = unpack('Cversion/Ctype/nid/nlength/Cpadding', $in);
            if (strlen($in) < 8 + $h['length'] + $h['padding']) {
                break;
            }
            $content = substr($in, 8, $h['length']);
            $in = (string)substr($in, 8 + $h['length'] + $h['padding']);
            if ($h['type'] === 6) {          // STDOUT
                $out .= $content;
            } elseif ($h['type'] === 3) {    // END_REQUEST
                fclose($s);
                $p = strpos($out, "\r\n\r\n");
                return $p === false ? $out : substr($out, $p + 4);
            }
        }
    }
    fclose($s);
    return "(no complete response: " . var_export($out, true) . ")\n";
}

/**
 * What a fault leaves in the response: the line that shows the handler died the way it was
 * asked to (the text PHP prints for it), or the whole response when that line is missing.
 */
function fault_outcome(string $fault, string $body): string
{
    $expected = [
        'user-error' => '~Fatal error: the handler died~',
        'time-limit' => '~Fatal error: Maximum execution time of 1 second exceeded~',
        'memory' => '~Fatal error: Allowed memory size of \d+ bytes exhausted~',
        'exit' => '~^exit\(\) in the handler$~m',
        'exception' => '~Fatal error: Uncaught RuntimeException: the handler threw~',
    ][$fault];
    if (!preg_match($expected, $body, $m)) {
        return "unexpected response:\n$body";
    }
    return $m[0];
}

/**
 * The sequence both tests send to one worker: a normal request, then each fault (in a timer
 * callback and in onMessage), each followed by a normal request, which must work as the first
 * did. Prints one line per request (stops at the first normal request that fails: the worker
 * is wedged); the pid of every response must be the first one's.
 */
function survive_faults(callable $request, int $echoPort): void
{
    $pid = null;
    $normal = function (string $after) use ($request, $echoPort, &$pid): bool {
        $body = $request(['port' => $echoPort]);
        if (!preg_match('~^pid (\d+)$~m', $body, $m)) {
            echo "after $after: no pid in:\n$body";
            return false;
        }
        $pid ??= $m[1];
        $same = $m[1] === $pid ? 'the same worker' : "ANOTHER WORKER ($m[1], first $pid)";
        $expected = "pid $m[1]\nleft over: connecting=0 established=0 closing=0 timers=0\n"
            . "echo: hello\nLoop::run() returned\n";
        $works = $body === $expected;
        echo "after $after: $same, ", $works ? 'works' : "FAILS:\n$body", "\n";
        return $works;
    };
    if (!$normal('nothing')) {
        return;
    }
    foreach (['user-error', 'time-limit', 'memory', 'exit', 'exception'] as $fault) {
        foreach (['timer', 'message'] as $in) {
            $body = $request(['port' => $echoPort, 'fault' => $fault, 'in' => $in]);
            $reached = $in === 'timer' ? "timer fired\n" : "echo: hello\n";
            if (strpos($body, $reached) === false) {
                echo "$fault in $in: the handler did not run:\n$body\n";
            }
            echo "$fault in $in: ", fault_outcome($fault, $body), "\n";
            if (!$normal("$fault in $in")) {
                return;
            }
        }
    }
}
