--TEST--
beyod's real text and frame parsers (beyod\protocol\text\Parser itself framed natively by the extension, re-reading its delimiter and max_packet_size before each packet; subclasses and the frame parser called through their PHP methods), configured by class name or config array (delimiter, max_packet_size 16, '1K' and '64B' as Formatter::getBytes() converts them), properties changed between messages, a random stream cut at random places: every onMessage payload and onBadPacket code and errstr are the original's
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
compare_with_original(__DIR__ . '/../scenarios/real/beyod-parsers-random-splits.php');
?>
--EXPECT--
== text parser by class name, "\r\n" lines
parser beyod\protocol\text\Parser, delimiter "\r\n", max_packet_size "8388608"
  onMessage "bexkrg"
  onMessage "svkxrwyunkrw"
  onMessage "sj"
  onMessage "pqqptrdj"
  onMessage "dwgkrq"
  onMessage "m hxnvjkm"
  onMessage ""
  onMessage "p fjjiu"
  onMessage "d"
  onMessage ""
  onMessage "umx"
  onMessage "tukv"
== text parser, config delimiter "\n", max_packet_size 16 (lines and reads over 16 bytes are refused)
parser beyod\protocol\text\Parser, delimiter "\n", max_packet_size "16"
  onBadPacket 100 "<client> request packet size exceed max_packet_size "
  onMessage "fzpyfgr"
  onMessage "zomn"
  onMessage "otwjpn"
  onMessage "k"
  onMessage "kkepamdy"
  onMessage "lbajig"
  onMessage "ekxxoz"
  onBadPacket 100 "<client> request packet size exceed max_packet_size "
  onMessage ""
  onMessage "nfr"
  onMessage "og qo"
  onMessage "dmiyydpie"
  onMessage ""
== text parser, max_packet_size '1K' (getBytes() knows no K: 1)
parser beyod\protocol\text\Parser, delimiter "\r\n", max_packet_size "1"
  onBadPacket 100 "<client> request packet size exceed max_packet_size "
  onBadPacket 100 "<client> request packet size exceed max_packet_size "
  onBadPacket 100 "<client> request packet size exceed max_packet_size "
  onBadPacket 100 "<client> request packet size exceed max_packet_size "
== text parser, delimiter "||", max_packet_size '64B' (a packet ends one byte into the delimiter)
parser beyod\protocol\text\Parser, delimiter "||", max_packet_size 64
  onMessage "cx|"
  onMessage "|xhgqlirjf|"
  onMessage "|iy jskjgb|"
  onMessage "|rritv|"
  onMessage "|kdpet |"
  onMessage "|ypyfoh|"
  onMessage "|udauperd|"
  onMessage "| vowb|"
  onMessage "|i|"
  onMessage "|umap|"
== a subclass overriding nothing, max_packet_size 24
parser PlainTextParser, delimiter "\r\n", max_packet_size "24"
  onMessage "jpo"
  onMessage "unqnv"
  onMessage "jemjx"
  onMessage "gjbom"
  onMessage ""
  onMessage "wstqeunmcc"
  onMessage "r"
  onMessage "vrmezdwous"
  onMessage "clzylk"
  onMessage "aliqvuedv"
== a subclass overriding decode(), max_packet_size 16
parser ShoutingTextParser, delimiter "\r\n", max_packet_size "16"
  onMessage "XGRP"
  onMessage "OYDHULHUU"
  onMessage "OWPDLWYXBCKT"
  onBadPacket 100 "<client> request packet size exceed max_packet_size "
  onMessage "BWIJOMKK"
  onMessage "NYLDZ"
  onMessage "BLOOF"
  onMessage "CLC"
== properties changed by an onMessage handler: after 3 messages delimiter "\n", after 6 max_packet_size 8
parser beyod\protocol\text\Parser, delimiter "\r\n", max_packet_size "8388608"
  onMessage "xn"
  onMessage "krzaq"
  onMessage "qwq"
  onMessage ""
  onMessage "rkv"
  onMessage "ygo xmoh"
  onMessage ""
  onBadPacket 100 "<client> request packet size exceed max_packet_size "
  onBadPacket 100 "<client> request packet size exceed max_packet_size "
  onMessage ""
  onBadPacket 100 "<client> request packet size exceed max_packet_size "
  onMessage "kvj"
  onBadPacket 100 "<client> request packet size exceed max_packet_size "
  onMessage "v"
== frame parser, whole frames per read
parser beyod\protocol\frame\Parser, delimiter null, max_packet_size "8388608"
  onMessage ""
  onMessage "tjyzexjf"
  onMessage "de"
  onMessage "scvvqs"
  onMessage "wauuaep"
== frame parser, random reads (a read ending inside a header is taken as a packet)
parser beyod\protocol\frame\Parser, delimiter null, max_packet_size "8388608"
  onMessage " rl"
  onMessage ""
  onMessage ""
== frame parser, max_packet_size 16
parser beyod\protocol\frame\Parser, delimiter null, max_packet_size "16"
  onBadPacket 100 "<client> request packet size exceed max_packet_size "
  onMessage ""
  onMessage ""
  onMessage ""
  onBadPacket 100 "<client> request packet size exceed max_packet_size "
  onBadPacket 100 "<client> request packet size exceed max_packet_size "
  onMessage ""
  onBadPacket 100 "<client> request packet size exceed max_packet_size "
  onMessage ""
== max_packet_size set to numeric strings by a handler (as getBytes() leaves them): after 2 messages "12", after 6 "8388608"
parser beyod\protocol\text\Parser, delimiter "\r\n", max_packet_size "8388608"
  onMessage "xrpbzvppcb"
  onMessage "ape penay"
  onBadPacket 100 "<client> request packet size exceed max_packet_size "
  onMessage "sqsi"
  onMessage "nespm"
  onBadPacket 100 "<client> request packet size exceed max_packet_size "
  onMessage ""
  onMessage "imiphm"
  onMessage "xghhefaayb"
  onMessage "ufqmkcoeto"
  onMessage "szsuyrytdbgu"
== the original beyod StreamClient printed the same