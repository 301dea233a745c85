--TEST--
beyod's protocol\text\Parser framed natively gives what the PHP parser gives, on the real beyod + Yii stack, run with the extension and with the original: default "\r\n", config delimiter, max_packet_size 16 and '1K' from a config array (onBadPacket with beyod's code and errstr), a subclass overriding decode(), and protocol\frame\Parser (its PHP: a buffer of 4 bytes or less is a packet, so a short piece breaks its framing — the same with both); lines and frames cut at random places (fixed seed)
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
compare_with_original(__DIR__ . '/../scenarios/real/text-parser.php');
?>
--EXPECT--
== default "\r\n"
  onMessage "one"
  onMessage "two"
  onMessage "xxxxxxxx"… (40 bytes)
  onMessage "three"
  onMessage "yyyyyyyy"… (1500 bytes)
  onMessage "four"
  onClose by 1
== delimiter "\n"
  onMessage "one"
  onMessage "two"
  onMessage "xxxxxxxx"… (40 bytes)
  onMessage "three"
  onMessage "yyyyyyyy"… (1500 bytes)
  onMessage "four"
  onClose by 1
== delimiter "|", max_packet_size 16
  onMessage "one|"
  onMessage "two|"
  onBadPacket code 100, errstr "C request packet size exceed max_packet_size "
  onBadPacket code 100, errstr "C request packet size exceed max_packet_size "
  onBadPacket code 100, errstr "C request packet size exceed max_packet_size "
  onBadPacket code 100, errstr "C request packet size exceed max_packet_size "
  onClose by 1
== max_packet_size "1K"
  onBadPacket code 100, errstr "C request packet size exceed max_packet_size "
  onBadPacket code 100, errstr "C request packet size exceed max_packet_size "
  onBadPacket code 100, errstr "C request packet size exceed max_packet_size "
  onClose by 1
== a subclass overriding decode()
  onMessage "ONE"
  onMessage "TWO"
  onMessage "XXXXXXXX"… (40 bytes)
  onMessage "THREE"
  onMessage "YYYYYYYY"… (1500 bytes)
  onMessage "FOUR"
  onClose by 1
== protocol\frame\Parser
  onMessage ""
  onMessage ""
  onClose by 1
== the original beyod StreamClient printed the same
