--TEST--
Hostile PHP: StreamClient::$connections updated by the extension (a client established, then closed) while the value it replaces has a __destruct that grows the same array: the array stays intact (was a write into freed memory)
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

class Squatter
{
    public static int $destroyed = 0;
    public function __destruct()
    {
        self::$destroyed++;
        for ($i = 1000; $i < 1100; $i++) {
            StreamClient::$connections[$i] = "added $i";
        }
    }
}

[$srv, $port] = start_server('line-echo.php');
// the id the next connection gets (ids start at 1, lowest free first) holds a squatter
StreamClient::$connections[1] = new Squatter();
$c = new StreamClient(['target' => tcp_target($port), 'parser' => 'LineParser']);
$c->connect();
wait_until(fn () => $c->isEstablished, 3, 'connect');
var_dump($c->getId(), StreamClient::$connections[1] === $c, Squatter::$destroyed);
var_dump(count(StreamClient::$connections), StreamClient::$connections[1099]);

// the entry removed on close while another squatter's destructor grows the array
StreamClient::$connections[1] = new Squatter();  // replaces the client's entry (ours, not the extension's)
$c->close();
var_dump(isset(StreamClient::$connections[1]), Squatter::$destroyed, count(StreamClient::$connections));
stop_server($srv);
echo "done\n";
?>
--EXPECT--
int(1)
bool(true)
int(1)
int(101)
string(10) "added 1099"
bool(false)
int(2)
int(100)
done
