--TEST--
The README's differences from the original, observed on the real stack: one section per row, run with the extension and with the original; the transcripts differ exactly where the README says
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
<?php require __DIR__ . '/../inc/real-code.php'; skip_without_real_code(); ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
require __DIR__ . '/../inc/real-code.php';
compare_with_original(__DIR__ . '/../scenarios/real/documented-differences.php');
?>
--EXPECTF--
- STATUS_CLOSED: 0 (STATUS_CONNECTING 1)
- (string)$client of an established client: "$id $peer $local"
- send() before connect(), then connect(): send() returned 6, onConnect fired 1 time(s), echoed "early\n"
- send() while connecting: returns 2
- close() on a closed client: onClose fired 1 time(s)
- close() with 4 MB still queued, the peer reading only afterwards: the peer got all 4 MB
- unix:///absolute/path target: connected
- StreamClient::$connections after close(): while established: true, after close(): false
- the next id after a never-connected client is destroyed: getId() is int
- reconnect_interval 0.2 with an application onConnectFailed handler in the config: reconnect_interval is now 0.2; the application's handler ran: true
- getConnectAt() once connected: float
- a connect that fails at once (a unix socket path that does not exist): onConnectFailed fired inside connect(): false
- isClosed() while connecting: true
- two clients with the same target (last: the original's shared socket breaks what follows): a socket each
== the original beyod StreamClient printed:
- STATUS_CLOSED: 1 (STATUS_CONNECTING 1)
- (string)$client of an established client: "$id $target $local"
- send() before connect(), then connect(): TIMEOUT: the echo
send() returned null, onConnect fired 0 time(s), echoed ""
- send() while connecting: returns null
- close() on a closed client: onClose fired 2 time(s)
- close() with 4 MB still queued, the peer reading only afterwards: the peer got less than 4 MB
- unix:///absolute/path target: Exception: empty scheme of unix:///tmp/beyod-N-documented-differences.sock
- StreamClient::$connections after close(): while established: true, after close(): true
- the next id after a never-connected client is destroyed: getId() is null
- reconnect_interval 0.2 with an application onConnectFailed handler in the config: reconnect_interval is now 1; the application's handler ran: false
- getConnectAt() once connected: null
- a connect that fails at once (a unix socket path that does not exist): 
Warning: stream_socket_client(): Unable to connect to unix://missing.sock (No such file or directory) in %s/.vendor/beyod/StreamClient.php on line 243
onConnectFailed fired inside connect(): true
- isClosed() while connecting: true
- two clients with the same target (last: the original's shared socket breaks what follows): TIMEOUT: connected
a socket each
TypeError: fclose(): supplied resource is not a valid stream resource

Fatal error: Uncaught TypeError: fclose(): supplied resource is not a valid stream resource in %s/.vendor/beyod/StreamClient.php:688
Stack trace:
#0 %s/.vendor/beyod/StreamClient.php(688): fclose()
#1 %s/.vendor/beyod/StreamClient.php(663): beyod\StreamClient->destroy()
#2 [internal function]: beyod\StreamClient->__destruct()
#3 {main}
  thrown in %s/.vendor/beyod/StreamClient.php on line 688
