--TEST--
A PHP parser whose input() and decode(), and the onMessage handler, replace $client->parser (a new one, another class, null), send or throw at seeded random calls, lines arriving one short read at a time: every event, payload and byte the peer receives is the original's (real beyod + Yii, the same script run by the original)
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
compare_with_original(__DIR__ . '/../scenarios/real/parser-callbacks-random-actions.php');
?>
--EXPECT--
== round 1
 read "dce]cfhbd\n"
  decode: send
  onMessage "L:dce]cfhbd"
 read "fe\n"
  onMessage "L:fe"
  onMessage: replace
 read "]cbd\ngdfae\ngcaf]"
  decode: null
  onMessage "L:]cbd"
  onMessage "gdfae\ngcaf]"
 read "ebcf]"
  onMessage "ebcf]"
 read "fa\nafgh]\nbadf\n"
  onMessage "fa\nafgh]\nbadf\n"
 read "gdbhe\n"
  onMessage "gdbhe\n"
  onMessage: send
 read "bhfg\ncf]hb\n"
  onMessage "bhfg\ncf]hb\n"
 read "fa\neah\nbdgf\nbc\n"
  onMessage "fa\neah\nbdgf\nbc\n"
 the peer received "sent in decode\nsent in onMessage\n"
  onClose
== round 2
 read "gda\ncf\n\ndhg\n"
  input: send
  onMessage "L:gda"
  onMessage: send
  onMessage "L:cf"
  onMessage: replace
  onMessage "L:"
  onMessage "L:dhg"
 read "ehb]\n"
  input: send
  onMessage "L:ehb]"
  onMessage: send
 read "cbdhf\ndhcbf\n\negd\n"
  decode: null
  onMessage "L:cbdhf"
  onMessage "dhcbf\n\negd\n"
  onMessage: replace
 read "cdgab\ncgefa\n"
  onMessage "L:cdgab"
  onMessage: replace
  onMessage "L:cgefa"
  onMessage: send
 read "\n\n"
  onMessage "L:"
  onMessage: replace
  decode: replace
  onMessage "L:"
 read "be\nb]g\n"
  decode: null
  onMessage "L:be"
  onMessage "b]g\n"
  onMessage: send
 read "bgfda]"
  onMessage "bgfda]"
  onMessage: send
 read "ab\n"
  onMessage "ab\n"
 the peer received "sent in input\nsent in onMessage\nsent in input\nsent in onMessage\nsent in onMessage\nsent in onMessage\nsent in onMessage\n"
  onClose
== round 3
 read "f\ng]"
  onMessage "L:f"
  input: send
 read "gcbh\n"
  onMessage "L:g]gcbh"
 read "dcga\necg]"
  onMessage "L:dcga"
 read "hdaeb\nbdhc\n\n"
  input: throw
  onBadPacket 7 "thrown in input"
 read "fabce\ncfae\nfd\nca\n"
  onMessage "L:fabce"
  onMessage "L:cfae"
  input: other
  onMessage "B:fd\n"
 read "eagb\n"
  input: throw
  onBadPacket 7 "thrown in input"
 read "ea\ncgbfd\nfbhgd]"
  input: throw
  onBadPacket 7 "thrown in input"
 read "fb\n]"
  onMessage "B:fb\n]"
  onMessage: send
 the peer received "sent in input\nsent in onMessage\n"
  onClose
== round 4
 read "bd]"
 read "gd\ng\ngbcd]eca\n"
  decode: send
  onMessage "L:bd]gd"
  input: other
  onMessage "B:g\n"
  onMessage "B:gbcd]"
 read "cdb]"
  decode: null
  onMessage "B:eca\ncdb]"
  onMessage: other
 read "\ncdb\ngcf\n"
 read "hc]dhfag\n"
  onMessage "B:\ncdb\ngcf\nhc]"
  input: throw
  onBadPacket 7 "thrown in input"
 read "bfch\n"
 read "cehdg\nhb\n"
 read "hgab\nhd\nbegfd\nfah\n"
 the peer received "sent in decode\n"
  onClose
== round 5
 read "d\n\n\n"
  decode: other
  onMessage "L:d"
 read "fd\n"
 read "d\n\naf\n"
  input: send
 read "eh\ndfae\n"
  input: null
 read "a\ndbacg\nd\n"
  onMessage "\n\nfd\nd\n\naf\neh\ndfae\na\ndbacg\nd\n"
  onMessage: other
 read "g\nfgeb\nhba]"
  decode: throw
  onBadPacket 7 "thrown in decode"
 read "gbfah]bg\nedbah]hfe\n"
  input: null
  onMessage "gbfah]"
  onMessage "bg\nedbah]hfe\n"
 read "b\nbe\ngbcdf\n"
  onMessage "b\nbe\ngbcdf\n"
  onMessage: other
 the peer received "sent in input\n"
  onClose
== round 6
 read "hadc]ach\n"
  onMessage "L:hadc]ach"
 read "\n\nbheg]"
  input: send
  onMessage "L:"
  input: null
  onMessage "\n"
  onMessage: other
  decode: throw
  onBadPacket 7 "thrown in decode"
 read "cgfb]\n"
  input: replace
  decode: null
  onMessage "L:cgfb]"
  onMessage: send
  onMessage "\n"
 read "b]h\nfacdb\n"
  onMessage "b]h\nfacdb\n"
 read "cbeg\n"
  onMessage "cbeg\n"
 read "ga\n\n"
  onMessage "ga\n\n"
 read "gf\n"
  onMessage "gf\n"
 read "bag\nge]"
  onMessage "bag\nge]"
  onMessage: null
 the peer received "sent in input\nsent in onMessage\n"
  onClose
done
== the original beyod StreamClient printed the same
