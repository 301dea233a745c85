--TEST--
a panic inside the hand-built methods of the extension's parser classes (input, decode, encode, __construct, RedisError::__toString) is an Error naming the method; each works again afterwards
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; require __DIR__ . '/../inc/panic.php'; skip_without_panic_inject(); ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/panic.php';
run_child_php(<<<'PHP'
    use beyod\ext\LineParser;
    $p = new LineParser();
    call_armed('Parser::input()', fn () => $p->input("a\nb"));
    call_armed('Parser::decode()', fn () => $p->decode("a\n"));
    call_armed('Parser::encode()', fn () => $p->encode('a'));
    call_armed('Parser::__construct()', fn () => new LineParser(['delimiter' => "\r\n"]));
    $error = (new beyod\ext\RedisParser())->decode("-ERR wrong\r\n");
    call_armed('RedisError::__toString()', fn () => (string)$error);
    echo json_encode([$p->input("a\nb"), $p->decode("a\n"), $p->encode('a'),
        (new LineParser(['delimiter' => "\r\n"]))->delimiter, (string)$error]), "\n";
    PHP);
?>
--EXPECTF--
stdout:
Parser::input(): Error: beyod_streamclient: internal error in Parser::input(): injected panic at Parser::input() (at src/%s.rs:%d:%d)
Parser::decode(): Error: beyod_streamclient: internal error in Parser::decode(): injected panic at Parser::decode() (at src/%s.rs:%d:%d)
Parser::encode(): Error: beyod_streamclient: internal error in Parser::encode(): injected panic at Parser::encode() (at src/%s.rs:%d:%d)
Parser::__construct(): Error: beyod_streamclient: internal error in Parser::__construct(): injected panic at Parser::__construct() (at src/%s.rs:%d:%d)
RedisError::__toString(): Error: beyod_streamclient: internal error in RedisError::__toString(): injected panic at RedisError::__toString() (at src/%s.rs:%d:%d)
[2,"a","a\n","\r\n","ERR wrong"]
stderr reports: none
panic hook line: yes
exit code 0
