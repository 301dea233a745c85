//! What beyod's redis `Response::__construct($packet)` makes of one reply, computed without
//! PHP, quirks included, for the replies whose outcome is certain: simple strings, errors,
//! integers and bulk strings with a plain number. Arrays (whose `parse()` re-reads the same
//! offset for every element) and anything unusual are left to its PHP.

/// The protected fields a `Response` ends with (`$type`, `$len`, `$rawData`, then `$data` or
/// `$error`).
#[derive(Debug, PartialEq, Eq)]
pub struct BeyodReply<'a> {
    /// The type byte: `+`, `-`, `:` or `$`.
    pub kind: u8,
    pub len: usize,
    /// `$rawData`: `None` when the header line is `-1` (whatever the type).
    pub raw: Option<&'a [u8]>,
    pub value: ReplyValue<'a>,
}

#[derive(Debug, PartialEq, Eq)]
pub enum ReplyValue<'a> {
    /// `$data = (string)$rawData` (`+` and `$`; `""` for a `-1` line).
    Data(&'a [u8]),
    /// `$data = (int)$rawData` (`:`; 0 for a `-1` line).
    Int(i64),
    /// `$error = $rawData` (`-`), `$data` stays null.
    Error(Option<&'a [u8]>),
}

/// The fields for `packet` (one whole reply as the framer cut it), or `None` when beyod's
/// PHP must decide (arrays, a length or integer that is not a plain number, a missing CRLF).
pub fn beyod_reply(packet: &[u8]) -> Option<BeyodReply<'_>> {
    let kind = *packet.first()?;
    if !matches!(kind, b'+' | b'-' | b':' | b'$') {
        return None;
    }
    let pos = packet.windows(2).position(|w| w == b"\r\n")?;
    let line = &packet[1..pos];
    if line == b"-1" {
        // parse() returns [$type, 5, null] before looking at the type
        let value = match kind {
            b':' => ReplyValue::Int(0),
            b'-' => ReplyValue::Error(None),
            _ => ReplyValue::Data(b""),
        };
        return Some(BeyodReply {
            kind,
            len: 5,
            raw: None,
            value,
        });
    }
    let (raw, len, value) = match kind {
        b'+' => (line, pos + 2, ReplyValue::Data(line)),
        b'-' => (line, pos + 2, ReplyValue::Error(Some(line))),
        b':' => (line, pos + 2, ReplyValue::Int(plain_int(line)?)),
        _ => {
            // substr($buffer, strlen($line) + 3, intval($line))
            let length = usize::try_from(plain_int(line)?).ok()?;
            let start = (line.len() + 3).min(packet.len());
            let data = &packet[start..(start + length).min(packet.len())];
            (data, data.len() + line.len() + 5, ReplyValue::Data(data))
        }
    };
    Some(BeyodReply {
        kind,
        len,
        raw: Some(raw),
        value,
    })
}

/// `-?[0-9]{1,18}`: a number `(int)` and `intval()` read the same in PHP and in Rust.
fn plain_int(line: &[u8]) -> Option<i64> {
    let digits = line.strip_prefix(b"-").unwrap_or(line);
    if digits.is_empty() || digits.len() > 18 || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(line).ok()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simple_strings_errors_and_integers() {
        assert_eq!(
            beyod_reply(b"+OK\r\n"),
            Some(BeyodReply {
                kind: b'+',
                len: 5,
                raw: Some(b"OK"),
                value: ReplyValue::Data(b"OK")
            })
        );
        let e = beyod_reply(b"-ERR wrong\r\n").unwrap();
        assert_eq!(e.value, ReplyValue::Error(Some(b"ERR wrong")));
        assert_eq!(e.len, 12);
        assert_eq!(
            beyod_reply(b":1234\r\n").unwrap().value,
            ReplyValue::Int(1234)
        );
        assert_eq!(beyod_reply(b":-7\r\n").unwrap().value, ReplyValue::Int(-7));
    }

    #[test]
    fn a_minus_one_line_is_null_raw_data_whatever_the_type() {
        let n = beyod_reply(b"$-1\r\n").unwrap();
        assert_eq!((n.len, n.raw, n.value), (5, None, ReplyValue::Data(b"")));
        // INCR answering -1: beyod's Response says 0
        assert_eq!(beyod_reply(b":-1\r\n").unwrap().value, ReplyValue::Int(0));
        assert_eq!(
            beyod_reply(b"--1\r\n").unwrap().value,
            ReplyValue::Error(None)
        );
    }

    #[test]
    fn bulk_strings() {
        let b = beyod_reply(b"$5\r\nhello\r\n").unwrap();
        assert_eq!(
            (b.len, b.raw, b.value),
            (11, Some(&b"hello"[..]), ReplyValue::Data(b"hello"))
        );
        let z = beyod_reply(b"$0\r\n\r\n").unwrap();
        assert_eq!((z.len, z.value), (6, ReplyValue::Data(b"")));
        let bin = beyod_reply(b"$4\r\na\r\nb\r\n").unwrap();
        assert_eq!(bin.value, ReplyValue::Data(b"a\r\nb"));
    }

    #[test]
    fn what_is_left_to_php() {
        assert_eq!(beyod_reply(b"*1\r\n$1\r\na\r\n"), None, "arrays");
        assert_eq!(beyod_reply(b"$x\r\n"), None, "intval() of a non-number");
        assert_eq!(beyod_reply(b":1e3\r\n"), None, "(int) of an exponent");
        assert_eq!(beyod_reply(b":12345678901234567890\r\n"), None, "overflow");
        assert_eq!(beyod_reply(b"$-2\r\n"), None, "a negative substr() length");
        assert_eq!(beyod_reply(b"+OK"), None, "no CRLF");
        assert_eq!(beyod_reply(b"%1\r\n"), None, "not a type beyod knows");
    }
}
