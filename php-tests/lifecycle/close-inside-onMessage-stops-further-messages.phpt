--TEST--
close() inside onMessage while more packets of the same read are buffered: no further onMessage, one onClose (by 0), no onClose by the peer later; handler $data is passed for real events
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

// five lines in one write, then the server closes
[$srv, $port] = start_server('close-after.php', 5, 'lines');
$c = new StreamClient(['target' => tcp_target($port), 'parser' => 'LineParser']);
$c->on('onMessage', function ($e) {
    echo "onMessage {$e->message} data={$e->data}\n";
    if ($e->message === 'conn1 line2') {
        $e->sender->close();
    }
}, 'my-data');
$c->on('onClose', fn ($e) => print("onClose by {$e->by}\n"));
$c->connect();
run_until_idle(3);
run_loop_for(0.2);
echo "done\n";
stop_server($srv);
?>
--EXPECT--
onMessage conn1 line1 data=my-data
onMessage conn1 line2 data=my-data
onClose by 0
done
