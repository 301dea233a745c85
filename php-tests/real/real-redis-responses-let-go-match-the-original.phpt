--TEST--
beyod's real redis Client, run with the extension and with the original: Response objects the onMessage handler lets go (refilled by the extension) have exactly the fields a new one has, after every other reply kind; kept ones keep theirs, weakly referenced ones (and weakly referenced events) are freed after their handler, a reference to a field keeps its reply's value; in runs of equal replies, fields a handler changed are not seen in the next one
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
<?php require __DIR__ . '/../inc/real-code.php'; skip_without_real_code(); ?>
<?php if (!is_executable('/usr/bin/redis-server')) die('skip redis-server not installed'); ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
require __DIR__ . '/../inc/real-code.php';
compare_with_original(__DIR__ . '/../scenarios/real/redis-responses-let-go.php');
?>
--EXPECT--
0: [":",0,null,4,"0"]
1: [":",3,null,4,"3"]
2: ["+","OK",null,5,"OK"]
3: ["-",null,"WRONGTYPE Operation against a key holding the wrong kind of value",68,"WRONGTYPE Operation against a key holding the wrong kind of value"]
4: [":",1,null,4,"1"]
5: ["$","v0\r\n",null,10,"v0\r\n"]
6: ["$","",null,5,null]
7: ["*",["a","","c"],null,4,["a","","c"]]
8: ["-",null,"WRONGTYPE Operation against a key holding the wrong kind of value",68,"WRONGTYPE Operation against a key holding the wrong kind of value"]
9: ["+","PONG",null,7,"PONG"]
10: ["+","OK",null,5,"OK"]
11: ["-",null,"WRONGTYPE Operation against a key holding the wrong kind of value",68,"WRONGTYPE Operation against a key holding the wrong kind of value"]
12: [":",3,null,4,"3"]
13: ["$","v1\r\n",null,10,"v1\r\n"]
14: ["$","",null,5,null]
15: ["*",["a","","c"],null,4,["a","","c"]]
16: ["-",null,"WRONGTYPE Operation against a key holding the wrong kind of value",68,"WRONGTYPE Operation against a key holding the wrong kind of value"]
17: ["+","PONG",null,7,"PONG"]
18: ["+","OK",null,5,"OK"]
19: ["-",null,"WRONGTYPE Operation against a key holding the wrong kind of value",68,"WRONGTYPE Operation against a key holding the wrong kind of value"]
20: [":",6,null,4,"6"]
21: ["$","v2\r\n",null,10,"v2\r\n"]
22: ["$","",null,5,null]
23: ["*",["a","","c"],null,4,["a","","c"]]
24: ["-",null,"WRONGTYPE Operation against a key holding the wrong kind of value",68,"WRONGTYPE Operation against a key holding the wrong kind of value"]
25: ["+","PONG",null,7,"PONG"]
26: ["+","OK",null,5,"OK"]
27: ["-",null,"WRONGTYPE Operation against a key holding the wrong kind of value",68,"WRONGTYPE Operation against a key holding the wrong kind of value"]
28: [":",10,null,5,"10"]
29: ["$","v3\r\n",null,10,"v3\r\n"]
30: ["$","",null,5,null]
31: ["*",["a","","c"],null,4,["a","","c"]]
32: ["-",null,"WRONGTYPE Operation against a key holding the wrong kind of value",68,"WRONGTYPE Operation against a key holding the wrong kind of value"]
33: ["+","PONG",null,7,"PONG"]
34: ["+","OK",null,5,"OK"]
35: ["-",null,"WRONGTYPE Operation against a key holding the wrong kind of value",68,"WRONGTYPE Operation against a key holding the wrong kind of value"]
36: [":",15,null,5,"15"]
37: ["$","v4\r\n",null,10,"v4\r\n"]
38: ["$","",null,5,null]
39: ["*",["a","","c"],null,4,["a","","c"]]
40: ["-",null,"WRONGTYPE Operation against a key holding the wrong kind of value",68,"WRONGTYPE Operation against a key holding the wrong kind of value"]
41: ["+","PONG",null,7,"PONG"]
42: ["+","OK",null,5,"OK"]
43: ["-",null,"WRONGTYPE Operation against a key holding the wrong kind of value",68,"WRONGTYPE Operation against a key holding the wrong kind of value"]
44: [":",21,null,5,"21"]
45: ["$","v5\r\n",null,10,"v5\r\n"]
46: ["$","",null,5,null]
47: ["*",["a","","c"],null,4,["a","","c"]]
48: ["-",null,"WRONGTYPE Operation against a key holding the wrong kind of value",68,"WRONGTYPE Operation against a key holding the wrong kind of value"]
49: ["+","PONG",null,7,"PONG"]
50: ["+","PONG",null,7,"PONG"]
51: ["+","PONG",null,7,"PONG"]
52: ["+","PONG",null,7,"PONG"]
53: ["*",["a","","c"],null,4,["a","","c"]]
54: ["*",["a","","c"],null,4,["a","","c"]]
55: ["*",["a","","c"],null,4,["a","","c"]]
56: ["-",null,"WRONGTYPE Operation against a key holding the wrong kind of value",68,"WRONGTYPE Operation against a key holding the wrong kind of value"]
57: ["-",null,"WRONGTYPE Operation against a key holding the wrong kind of value",68,"WRONGTYPE Operation against a key holding the wrong kind of value"]
58: ["-",null,"WRONGTYPE Operation against a key holding the wrong kind of value",68,"WRONGTYPE Operation against a key holding the wrong kind of value"]
59: [":",1,null,4,"1"]
60: [":",1,null,4,"1"]
61: [":",1,null,4,"1"]
62: ["$","",null,5,null]
63: ["$","",null,5,null]
64: ["$","",null,5,null]
65: ["+","OK",null,5,"OK"]
66: ["+","OK",null,5,"OK"]
67: ["+","OK",null,5,"OK"]
68: ["+","PONG",null,7,"PONG"]
69: ["$","same",null,10,"same"]
70: ["$","same",null,10,"same"]
71: ["$","same",null,10,"same"]
kept:
  3: ["-",null,"WRONGTYPE Operation against a key holding the wrong kind of value",68,"WRONGTYPE Operation against a key holding the wrong kind of value"] (error)
  8: ["-",null,"WRONGTYPE Operation against a key holding the wrong kind of value",68,"WRONGTYPE Operation against a key holding the wrong kind of value"] (error)
  13: ["$","v1\r\n",null,10,"v1\r\n"]
  18: ["+","OK",null,5,"OK"]
  23: ["*",["a","","c"],null,4,["a","","c"]]
  28: [":",10,null,5,"10"]
  33: ["+","PONG",null,7,"PONG"]
  38: ["$","",null,5,null]
  43: ["-",null,"WRONGTYPE Operation against a key holding the wrong kind of value",68,"WRONGTYPE Operation against a key holding the wrong kind of value"] (error)
  48: ["-",null,"WRONGTYPE Operation against a key holding the wrong kind of value",68,"WRONGTYPE Operation against a key holding the wrong kind of value"] (error)
  53: ["*",["a","","c","appended"],null,4,["changed","","c"]]
  58: ["-",null,"WRONGTYPE Operation against a key holding the wrong kind of value",68,"WRONGTYPE Operation against a key holding the wrong kind of value"] (error)
  63: ["$","",null,5,null]
  68: ["+","PONG",null,7,"PONG"]
weak references alive after their handler: {"2":false,"event 2":false,"9":false,"event 9":false,"16":false,"event 16":false,"23":true,"event 23":false,"30":false,"event 30":false,"37":false,"event 37":false,"44":false,"event 44":false,"51":false,"event 51":false,"58":true,"event 58":false,"65":false,"event 65":false}
the reference to reply 9's data: "PONG"
properties listed: {"4":5,"10":5,"16":5,"22":5,"28":5,"34":5,"40":5,"46":5,"52":5,"58":5,"64":5,"70":5}
== the original beyod StreamClient printed the same
