//! Redis replies (RESP2 and RESP3) decoded into values. Lengths are checked against
//! `max_packet_size` before anything is allocated, and nesting is bounded, so hostile
//! input ("*2000000000\r\n", "$4294967296\r\n") cannot exhaust memory.

use super::{FrameError, Packet};

#[derive(Debug, Clone, PartialEq)]
pub enum RespValue {
    Simple(Vec<u8>),
    Error(Vec<u8>),
    Int(i64),
    Bulk(Vec<u8>),
    Null,
    Array(Vec<RespValue>),
    Double(f64),
    Bool(bool),
    BigNumber(Vec<u8>),
    Map(Vec<(RespValue, RespValue)>),
    Set(Vec<RespValue>),
    Push(Vec<RespValue>),
}

const MAX_DEPTH: usize = 128;

/// A reply in RESP's framing. Successive calls are given the same reply's bytes, each time
/// with more after them (the caller consumes only what a call returned and calls `reset()`
/// when it discards the bytes): what an earlier call checked is not checked again, so a large
/// reply arriving in many small reads costs work linear in its size.
#[derive(Debug, Clone)]
pub struct RespFramer {
    /// 0: no limit.
    pub max: usize,
    /// The last attempt needed at least this many bytes: don't re-parse before they arrive.
    need: usize,
    /// How far the reply's bytes are checked (see [`Scan`]).
    scan: Scan,
}

/// The progress of checking one reply: `pos` is where its next element starts (everything
/// before is whole, checked elements and aggregate headers), `open` how many elements each
/// aggregate still open waits for (the innermost last), `searched` how far the search for
/// the "\r\n" of the line at `pos` got.
#[derive(Debug, Clone, Default)]
struct Scan {
    /// A first attempt found the reply incomplete: the next ones resume here.
    started: bool,
    pos: usize,
    open: Vec<usize>,
    searched: usize,
}

/// What [`Scan::run`] found.
enum Scanned {
    /// The reply is whole and this many bytes long.
    Whole(usize),
    /// More bytes are needed: at least this many in all.
    Short(usize),
}

impl Scan {
    /// Checks the reply in `buf` from where the last call stopped, element by element, with
    /// the same checks and errors as [`Parser::value`] (which then builds the values of a
    /// whole reply in one pass).
    fn run(&mut self, buf: &[u8], max: usize) -> Result<Scanned, FrameError> {
        loop {
            if self.open.len() > MAX_DEPTH {
                return Err(bad(format!("nested deeper than {MAX_DEPTH}")));
            }
            let Some(&t) = buf.get(self.pos) else {
                return Ok(Scanned::Short(buf.len() + 1));
            };
            // The line after the type byte; its "\r\n" may straddle the last search's end.
            let from = self.searched.max(self.pos + 1);
            let Some(i) = crlf(&buf[from..]).map(|i| from + i) else {
                let rest = buf.len() - (self.pos + 1);
                if max > 0 && rest > max {
                    return Err(FrameError::TooLarge { max });
                }
                self.searched = buf.len().saturating_sub(1).max(self.pos + 1);
                return Ok(Scanned::Short(buf.len() + 1));
            };
            let line = &buf[self.pos + 1..i];
            let after = i + 2;
            let check_len = |n: i64| -> Result<usize, FrameError> {
                let n = usize::try_from(n).map_err(|_| bad(format!("negative length {n}")))?;
                if max > 0 && n > max {
                    return Err(FrameError::TooLarge { max });
                }
                Ok(n)
            };
            // The element's end (its last byte + 1), or the count of elements it opens.
            let (end, opens) = match t {
                b'+' | b'-' | b'(' | b'_' => (after, 0),
                b':' => {
                    Parser::int(line)?;
                    (after, 0)
                }
                b'#' if line == b"t" || line == b"f" => (after, 0),
                b'#' => return Err(bad("boolean is not t or f")),
                b',' => {
                    Parser::double(line)?;
                    (after, 0)
                }
                b'$' | b'!' | b'=' => {
                    let n = Parser::int(line)?;
                    if n < 0 && t == b'$' {
                        (after, 0)
                    } else {
                        let end = after
                            .checked_add(check_len(n)?)
                            .and_then(|e| e.checked_add(2))
                            .ok_or_else(|| bad("length overflow"))?;
                        if buf.len() < end {
                            // Re-read from the header (one short line) once the bytes are in.
                            self.searched = 0;
                            return Ok(Scanned::Short(end));
                        }
                        if &buf[end - 2..end] != b"\r\n" {
                            return Err(bad("bulk string not followed by CRLF"));
                        }
                        (end, 0)
                    }
                }
                b'*' | b'~' | b'>' => {
                    let n = Parser::int(line)?;
                    if n < 0 {
                        (after, 0)
                    } else {
                        (after, check_len(n)?)
                    }
                }
                // A map's keys and values; attributes, then the reply they describe.
                b'%' | b'|' => {
                    let n = check_len(Parser::int(line)?)?;
                    (
                        after,
                        n.saturating_mul(2).saturating_add(usize::from(t == b'|')),
                    )
                }
                other => return Err(bad(format!("unknown type byte 0x{other:02x}"))),
            };
            self.pos = end;
            self.searched = 0;
            if opens > 0 {
                self.open.push(opens);
                continue;
            }
            // One element whole: it may complete the aggregates around it.
            loop {
                match self.open.last_mut() {
                    None => return Ok(Scanned::Whole(self.pos)),
                    Some(left) if *left > 1 => {
                        *left -= 1;
                        break;
                    }
                    Some(_) => {
                        self.open.pop();
                    }
                }
            }
        }
    }
}

impl RespFramer {
    pub fn new(max: usize) -> Self {
        RespFramer {
            max,
            need: 0,
            scan: Scan::default(),
        }
    }

    pub fn next(&mut self, buf: &[u8]) -> Result<Option<Packet<RespValue>>, FrameError> {
        self.parse(buf, false)
    }

    /// [`RespFramer::next`] for a caller that wants the reply's length only (it parses the
    /// bytes itself): the same checks and errors, nothing allocated for the values.
    pub fn next_len(&mut self, buf: &[u8]) -> Result<Option<Packet<()>>, FrameError> {
        // A status or error line (the reply of most commands) is measured without the parser:
        // its first "\r\n" is the parser's too. Only the first 64 bytes are looked at: a
        // longer line, one still arriving, or one over the size limit goes the general way.
        if let [b'+' | b'-', rest @ ..] = buf {
            if let Some(i) = crlf(&rest[..rest.len().min(64)]) {
                let len = i + 3;
                if self.max == 0 || len <= self.max {
                    self.reset();
                    return Ok(Some(Packet { len, value: () }));
                }
            }
        }
        Ok(self.parse(buf, true)?.map(|p| Packet {
            len: p.len,
            value: (),
        }))
    }

    fn parse(&mut self, buf: &[u8], skip: bool) -> Result<Option<Packet<RespValue>>, FrameError> {
        if buf.len() < self.need.max(1) {
            // Still short of what the reply needs (the hint below): only the size can fail.
            if self.max > 0 && buf.len() > self.max {
                return Err(FrameError::TooLarge { max: self.max });
            }
            return Ok(None);
        }
        if !self.scan.started || buf.len() < self.scan.pos {
            // The usual case, a reply whole in the bytes held: parsed in one pass.
            let mut p = Parser {
                buf,
                pos: 0,
                max: self.max,
                need: 0,
                skip,
            };
            let parsed = p.value(0);
            if !matches!(parsed, Ok(None)) {
                self.reset();
            }
            match parsed? {
                Some(_) if self.max > 0 && p.pos > self.max => {
                    return Err(FrameError::TooLarge { max: self.max })
                }
                Some(v) => {
                    return Ok(Some(Packet {
                        len: p.pos,
                        value: v,
                    }))
                }
                // Incomplete: from now on checked from where the scan stops each time.
                None => {
                    self.scan = Scan {
                        started: true,
                        ..Scan::default()
                    }
                }
            }
        }
        let scanned = self.scan.run(buf, self.max);
        let len = match scanned {
            Err(e) => {
                self.reset();
                return Err(e);
            }
            // The whole reply counts, however it arrived (split or in one read).
            Ok(Scanned::Whole(len)) if self.max > 0 && len > self.max => {
                self.reset();
                return Err(FrameError::TooLarge { max: self.max });
            }
            Ok(Scanned::Whole(len)) => len,
            Ok(Scanned::Short(need)) => {
                // `need` is a lower bound of the reply's size: refuse as soon as either the
                // bytes held or that bound exceed max, however the reply is split.
                if self.max > 0 && buf.len().max(need) > self.max {
                    self.reset();
                    return Err(FrameError::TooLarge { max: self.max });
                }
                self.need = need;
                return Ok(None);
            }
        };
        self.reset();
        if skip {
            return Ok(Some(Packet {
                len,
                value: RespValue::Null,
            }));
        }
        // The reply is whole and checked: its values in one pass over its bytes.
        let mut p = Parser {
            buf: &buf[..len],
            pos: 0,
            max: self.max,
            need: 0,
            skip,
        };
        match p.value(0)? {
            Some(v) if p.pos == len => Ok(Some(Packet { len, value: v })),
            _ => Err(bad("reply measured and parsed differently")),
        }
    }

    pub fn reset(&mut self) {
        self.need = 0;
        self.scan.started = false;
        self.scan.pos = 0;
        self.scan.searched = 0;
        self.scan.open.clear();
    }
}

/// Encodes a command as a RESP array of bulk strings.
pub fn encode_command<A: AsRef<[u8]>>(args: &[A]) -> Vec<u8> {
    let mut out =
        Vec::with_capacity(16 + args.iter().map(|a| a.as_ref().len() + 16).sum::<usize>());
    command_header(&mut out, args.len());
    for a in args {
        bulk(&mut out, a.as_ref());
    }
    out
}

/// One argument of a command: bytes, or an integer written in decimal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arg<'a> {
    Bytes(&'a [u8]),
    Int(i64),
}

/// How many bytes [`write_command`] writes for `args`: measured first, so the bytes can be
/// written straight where they go (a send queue's last chunk), with one reservation.
pub fn command_len(args: &[Arg<'_>]) -> usize {
    let line = |n: usize| 3 + decimal_len(n as u64);
    line(args.len())
        + args
            .iter()
            .map(|a| {
                let n = match a {
                    Arg::Bytes(b) => b.len(),
                    Arg::Int(i) => decimal_len(i.unsigned_abs()) + usize::from(*i < 0),
                };
                line(n) + n + 2
            })
            .sum::<usize>()
}

/// `*N\r\n` then each argument as `$len\r\n<bytes>\r\n`: [`command_len`] bytes (which the
/// caller has reserved, or the vector grows as it goes).
pub fn write_command(out: &mut Vec<u8>, args: &[Arg<'_>]) {
    command_header(out, args.len());
    for a in args {
        match a {
            Arg::Bytes(b) => bulk_in_place(out, b),
            Arg::Int(i) => bulk_in_place(out, itoa::Buffer::new().format(*i).as_bytes()),
        }
    }
}

/// `out.extend_from_slice(b)`, with the short pieces of a command (keys, small values:
/// up to 16 bytes) copied inline by two overlapping word moves instead of a `memcpy` call,
/// which costs more than the bytes.
#[inline(always)]
fn put(out: &mut Vec<u8>, b: &[u8]) {
    let n = b.len();
    if n > 16 || out.capacity() - out.len() < n {
        return out.extend_from_slice(b);
    }
    // SAFETY: `n` bytes of spare capacity (checked); every read is inside `b` and every
    // write inside the `n` bytes after `out`'s end (the two moves overlap when n < 2 words);
    // those `n` bytes are then initialised, so the length may include them.
    unsafe {
        let src = b.as_ptr();
        let dst = out.as_mut_ptr().add(out.len());
        match n {
            8..=16 => {
                let head = std::ptr::read_unaligned(src as *const u64);
                let tail = std::ptr::read_unaligned(src.add(n - 8) as *const u64);
                std::ptr::write_unaligned(dst as *mut u64, head);
                std::ptr::write_unaligned(dst.add(n - 8) as *mut u64, tail);
            }
            4..=7 => {
                let head = std::ptr::read_unaligned(src as *const u32);
                let tail = std::ptr::read_unaligned(src.add(n - 4) as *const u32);
                std::ptr::write_unaligned(dst as *mut u32, head);
                std::ptr::write_unaligned(dst.add(n - 4) as *mut u32, tail);
            }
            1..=3 => {
                *dst = *src;
                *dst.add(n / 2) = *src.add(n / 2);
                *dst.add(n - 1) = *src.add(n - 1);
            }
            _ => {}
        }
        out.set_len(out.len() + n);
    }
}

/// The number of decimal digits of `n`.
#[inline]
fn decimal_len(n: u64) -> usize {
    let mut len = 1;
    let mut n = n;
    while n >= 10 {
        n /= 10;
        len += 1;
    }
    len
}

/// `*N\r\n`: the start of a command of `n` arguments (each then written by [`bulk`]).
pub fn command_header(out: &mut Vec<u8>, n: usize) {
    length_line(out, b'*', n);
}

/// `$len\r\n<bytes>\r\n`: one argument of a command.
pub fn bulk(out: &mut Vec<u8>, a: &[u8]) {
    out.reserve(a.len() + 25);
    bulk_in_place(out, a);
}

/// [`bulk`] without its reservation (the caller has made room, or the vector grows).
#[inline(always)]
fn bulk_in_place(out: &mut Vec<u8>, a: &[u8]) {
    length_line(out, b'$', a.len());
    put(out, a);
    out.extend_from_slice(b"\r\n");
}

/// `<kind><n>\r\n`. The usual short numbers are written as one fixed-size piece (stored in
/// place): a memcpy call per one-to-three-byte piece costs more than the bytes.
#[inline(always)]
fn length_line(out: &mut Vec<u8>, kind: u8, n: usize) {
    let digit = |d: usize| b'0' + (d % 10) as u8;
    match n {
        0..=9 => out.extend_from_slice(&[kind, digit(n), b'\r', b'\n']),
        10..=99 => out.extend_from_slice(&[kind, digit(n / 10), digit(n), b'\r', b'\n']),
        _ => {
            out.push(kind);
            out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
            out.extend_from_slice(b"\r\n");
        }
    }
}

/// Where the first "\r\n" starts (a `\r` found with memchr, then its `\n` checked: lines are
/// short, and a memmem searcher costs more to set up than this search).
fn crlf(b: &[u8]) -> Option<usize> {
    // Most lines are a few bytes ("+OK", ":1", "$5"): looked at directly before memchr.
    if let Some(i) = b.iter().take(16).position(|&c| c == b'\r') {
        if b.get(i + 1) == Some(&b'\n') {
            return Some(i);
        }
    }
    let mut from = 0;
    while let Some(i) = memchr::memchr(b'\r', &b[from..]) {
        let at = from + i;
        if b.get(at + 1) == Some(&b'\n') {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

struct Parser<'a> {
    buf: &'a [u8],
    pos: usize,
    max: usize,
    need: usize,
    /// Check and measure only: strings come out empty (nothing copied).
    skip: bool,
}

fn bad(msg: impl Into<String>) -> FrameError {
    FrameError::Malformed(format!("bad RESP reply: {}", msg.into()))
}

impl<'a> Parser<'a> {
    /// The bytes of a string value (none when only measuring).
    fn copy(&self, b: &[u8]) -> Vec<u8> {
        if self.skip {
            Vec::new()
        } else {
            b.to_vec()
        }
    }

    /// The next "\r\n"-terminated line after the type byte.
    fn line(&mut self) -> Result<Option<&'a [u8]>, FrameError> {
        let buf = self.buf;
        let rest = &buf[self.pos..];
        match crlf(rest) {
            Some(i) => {
                let line = &buf[self.pos..self.pos + i];
                self.pos += i + 2;
                Ok(Some(line))
            }
            None => {
                if self.max > 0 && rest.len() > self.max {
                    return Err(FrameError::TooLarge { max: self.max });
                }
                self.need = self.buf.len() + 1;
                Ok(None)
            }
        }
    }

    fn int(line: &[u8]) -> Result<i64, FrameError> {
        std::str::from_utf8(line)
            .ok()
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| {
                bad(format!(
                    "\"{}\" is not an integer",
                    String::from_utf8_lossy(line)
                ))
            })
    }

    fn check_len(&self, n: i64) -> Result<usize, FrameError> {
        let n = usize::try_from(n).map_err(|_| bad(format!("negative length {n}")))?;
        if self.max > 0 && n > self.max {
            return Err(FrameError::TooLarge { max: self.max });
        }
        Ok(n)
    }

    fn blob(&mut self, n: usize) -> Result<Option<Vec<u8>>, FrameError> {
        let end = self
            .pos
            .checked_add(n)
            .and_then(|e| e.checked_add(2))
            .ok_or_else(|| bad("length overflow"))?;
        if self.buf.len() < end {
            self.need = end;
            return Ok(None);
        }
        if &self.buf[end - 2..end] != b"\r\n" {
            return Err(bad("bulk string not followed by CRLF"));
        }
        let v = self.copy(&self.buf[self.pos..end - 2]);
        self.pos = end;
        Ok(Some(v))
    }

    fn items(&mut self, n: usize, depth: usize) -> Result<Option<Vec<RespValue>>, FrameError> {
        // Never trust a count for an allocation: each element takes at least 3 bytes.
        let mut out = Vec::with_capacity(n.min((self.buf.len() - self.pos) / 3 + 1));
        for _ in 0..n {
            match self.value(depth + 1)? {
                Some(v) => out.push(v),
                None => return Ok(None),
            }
        }
        Ok(Some(out))
    }

    fn value(&mut self, depth: usize) -> Result<Option<RespValue>, FrameError> {
        if depth > MAX_DEPTH {
            return Err(bad(format!("nested deeper than {MAX_DEPTH}")));
        }
        let Some(&t) = self.buf.get(self.pos) else {
            self.need = self.buf.len() + 1;
            return Ok(None);
        };
        self.pos += 1;
        let Some(line) = self.line()? else {
            return Ok(None);
        };
        let scalar = match t {
            b'+' => RespValue::Simple(self.copy(line)),
            b'-' => RespValue::Error(self.copy(line)),
            b':' => RespValue::Int(Self::int(line)?),
            b'(' => RespValue::BigNumber(self.copy(line)),
            b'_' => RespValue::Null,
            b'#' => match line {
                b"t" => RespValue::Bool(true),
                b"f" => RespValue::Bool(false),
                _ => return Err(bad("boolean is not t or f")),
            },
            b',' => RespValue::Double(Self::double(line)?),
            b'$' | b'!' | b'=' => return self.blob_value(t, line),
            b'*' | b'~' | b'>' => return self.aggregate(t, line, depth),
            b'%' | b'|' => return self.map(t, line, depth),
            other => return Err(bad(format!("unknown type byte 0x{other:02x}"))),
        };
        Ok(Some(scalar))
    }

    /// A RESP3 double: a number, `inf`, `-inf` or `nan`.
    fn double(line: &[u8]) -> Result<f64, FrameError> {
        let s = String::from_utf8_lossy(line).to_ascii_lowercase();
        Ok(match s.as_str() {
            "inf" => f64::INFINITY,
            "-inf" => f64::NEG_INFINITY,
            "nan" => f64::NAN,
            _ => s
                .parse()
                .map_err(|_| bad(format!("\"{s}\" is not a double")))?,
        })
    }

    /// `$` bulk string (`$-1`: null), `!` blob error, `=` verbatim string; `line` is the length.
    fn blob_value(&mut self, t: u8, line: &[u8]) -> Result<Option<RespValue>, FrameError> {
        let n = Self::int(line)?;
        if n < 0 && t == b'$' {
            return Ok(Some(RespValue::Null));
        }
        let n = self.check_len(n)?;
        let Some(mut v) = self.blob(n)? else {
            return Ok(None);
        };
        Ok(Some(match t {
            b'!' => RespValue::Error(v),
            b'=' => {
                // Verbatim string: "txt:" format prefix dropped.
                if v.len() >= 4 && v[3] == b':' {
                    v.drain(..4);
                }
                RespValue::Bulk(v)
            }
            _ => RespValue::Bulk(v),
        }))
    }

    /// `*` array (`*-1`: null), `~` set, `>` push; `line` is the count.
    fn aggregate(
        &mut self,
        t: u8,
        line: &[u8],
        depth: usize,
    ) -> Result<Option<RespValue>, FrameError> {
        let n = Self::int(line)?;
        if n < 0 {
            return Ok(Some(RespValue::Null));
        }
        let n = self.check_len(n)?;
        let Some(items) = self.items(n, depth)? else {
            return Ok(None);
        };
        Ok(Some(match t {
            b'~' => RespValue::Set(items),
            b'>' => RespValue::Push(items),
            _ => RespValue::Array(items),
        }))
    }

    /// `%` map, or `|` attributes, which describe the reply that follows and are skipped.
    fn map(&mut self, t: u8, line: &[u8], depth: usize) -> Result<Option<RespValue>, FrameError> {
        let n = self.check_len(Self::int(line)?)?;
        let Some(items) = self.items(n.saturating_mul(2), depth)? else {
            return Ok(None);
        };
        if t == b'|' {
            return self.value(depth + 1);
        }
        let mut it = items.into_iter();
        let mut pairs = Vec::with_capacity(n);
        while let (Some(k), Some(v)) = (it.next(), it.next()) {
            pairs.push((k, v));
        }
        Ok(Some(RespValue::Map(pairs)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    fn one(bytes: &[u8]) -> Result<Option<Packet<RespValue>>, FrameError> {
        RespFramer::new(1 << 20).next(bytes)
    }

    #[test]
    fn resp2_replies() {
        assert_eq!(
            one(b"+OK\r\n").unwrap().unwrap().value,
            RespValue::Simple(b"OK".to_vec())
        );
        assert_eq!(
            one(b":-42\r\n").unwrap().unwrap().value,
            RespValue::Int(-42)
        );
        assert_eq!(one(b"$-1\r\n").unwrap().unwrap().value, RespValue::Null);
        let p = one(b"*2\r\n$3\r\nfoo\r\n-ERR x\r\n+rest").unwrap().unwrap();
        assert_eq!(p.len, 21);
        assert_eq!(
            p.value,
            RespValue::Array(vec![
                RespValue::Bulk(b"foo".to_vec()),
                RespValue::Error(b"ERR x".to_vec())
            ])
        );
    }

    #[test]
    fn every_split_point_waits_then_parses_the_same() {
        let whole = b"*3\r\n$5\r\nhello\r\n:1\r\n%1\r\n+k\r\n#t\r\n";
        let full = one(whole).unwrap().unwrap();
        for cut in 0..whole.len() {
            let mut f = RespFramer::new(0);
            assert_eq!(f.next(&whole[..cut]), Ok(None), "cut at {cut}");
            assert_eq!(f.next(whole).unwrap().unwrap(), full);
        }
    }

    #[test]
    fn resp3_types() {
        assert_eq!(
            one(b",3.5\r\n").unwrap().unwrap().value,
            RespValue::Double(3.5)
        );
        assert_eq!(one(b"_\r\n").unwrap().unwrap().value, RespValue::Null);
        assert_eq!(
            one(b"=8\r\ntxt:abcd\r\n").unwrap().unwrap().value,
            RespValue::Bulk(b"abcd".to_vec())
        );
        assert_eq!(
            one(b"|1\r\n+a\r\n+b\r\n:7\r\n").unwrap().unwrap().value,
            RespValue::Int(7)
        );
    }

    #[test]
    fn absurd_lengths_are_refused_before_allocating() {
        assert_eq!(
            one(b"$4294967296\r\n"),
            Err(FrameError::TooLarge { max: 1 << 20 })
        );
        assert_eq!(
            one(b"*2000000000\r\n"),
            Err(FrameError::TooLarge { max: 1 << 20 })
        );
        assert!(matches!(one(b"?x\r\n"), Err(FrameError::Malformed(_))));
        let deep = "*1\r\n".repeat(200);
        assert!(matches!(
            one(deep.as_bytes()),
            Err(FrameError::Malformed(_))
        ));
    }

    #[test]
    fn a_long_chain_of_attributes_is_refused_not_a_stack_overflow() {
        let chain = "|0\r\n".repeat(100_000) + "+OK\r\n";
        assert!(matches!(
            RespFramer::new(0).next(chain.as_bytes()),
            Err(FrameError::Malformed(_))
        ));
        let short = "|0\r\n".repeat(3) + "+OK\r\n";
        assert_eq!(
            one(short.as_bytes()).unwrap().unwrap().value,
            RespValue::Simple(b"OK".to_vec())
        );
    }

    #[test]
    fn max_packet_size_applies_to_the_whole_reply_split_or_not() {
        let reply = b"*2\r\n$4\r\nabcd\r\n$4\r\nefgh\r\n";
        assert!(RespFramer::new(16).next(reply).is_err());
        assert!(RespFramer::new(16).next(&reply[..20]).is_err());
        assert!(RespFramer::new(64).next(reply).unwrap().is_some());
    }

    #[test]
    fn a_reply_announced_larger_than_max_is_refused_at_its_header_however_split() {
        // "=16\r\n" + 16 bytes + "\r\n" is 23 bytes > 16: refused as soon as that is known,
        // fed whole or a few bytes at a time (the size hint must not skip the check).
        let reply = b"=16\r\ntxt:0123456789ab\r\n";
        assert!(RespFramer::new(16).next(reply).is_err());
        let mut f = RespFramer::new(16);
        let mut refused = false;
        for end in [2, 5, 9, 12, 18, reply.len()] {
            match f.next(&reply[..end]) {
                Err(FrameError::TooLarge { max: 16 }) => {
                    refused = true;
                    assert!(end <= 5, "refused only at {end} bytes");
                    break;
                }
                Ok(None) => {}
                other => panic!("{other:?} at {end} bytes"),
            }
        }
        assert!(refused);
        assert!(RespFramer::new(23).next(reply).unwrap().is_some());
    }

    /// The reply framed from scratch by the recursive parser alone (the reference).
    fn from_scratch(buf: &[u8], max: usize, skip: bool) -> Result<Option<usize>, FrameError> {
        let mut p = Parser {
            buf,
            pos: 0,
            max,
            need: 0,
            skip,
        };
        match p.value(0)? {
            Some(_) if max > 0 && p.pos > max => Err(FrameError::TooLarge { max }),
            Some(_) => Ok(Some(p.pos)),
            None if max > 0 && buf.len().max(p.need) > max => Err(FrameError::TooLarge { max }),
            None => Ok(None),
        }
    }

    #[test]
    fn a_reply_fed_in_pieces_is_framed_as_from_scratch_at_every_step() {
        let long = [b"+".as_slice(), &[b'x'; 70], b"\r\n"].concat();
        let replies: [&[u8]; 20] = [
            b"+OK\r\n",
            b"-\r\r\n",
            &long,
            b":-42\r\n",
            b":4x\r\n",
            b"$-1\r\n",
            b"$5\r\nhello\r\n",
            b"$5\r\nhelloXY",
            b"*3\r\n$3\r\nfoo\r\n:1\r\n*1\r\n+x\r\n",
            b"*2\r\n*0\r\n*-1\r\n",
            b"%1\r\n+k\r\n=8\r\ntxt:abcd\r\n",
            b"|1\r\n+a\r\n+b\r\n,inf\r\n",
            b"~2\r\n#t\r\n#f\r\n>1\r\n_\r\n",
            b"*2\r\n,1.5\r\n,x\r\n",
            b"*2\r\n#x\r\n",
            b"%-1\r\n",
            b"*1\r\n$100\r\n",
            b"*1\r\n?\r\n",
            b"*1\r\n*1\r\n*1\r\n*1\r\n*1\r\n*1\r\n:1\r\n",
            b"*2\r\n$3\r\nab\r\r\n:1\r\n",
        ];
        let deep = "*1\r\n".repeat(MAX_DEPTH + 2);
        let replies = replies.iter().copied().chain([deep.as_bytes()]);
        for r in replies {
            for max in [0, 5, 8, 16, 1 << 20] {
                for skip in [false, true] {
                    for step in [1, 2, 3, 7] {
                        let mut f = RespFramer::new(max);
                        let mut end = 0;
                        loop {
                            end = (end + step).min(r.len());
                            let want = from_scratch(&r[..end], max, skip);
                            let got = if skip {
                                f.next_len(&r[..end]).map(|p| p.map(|p| p.len))
                            } else {
                                f.next(&r[..end]).map(|p| p.map(|p| p.len))
                            };
                            let what = String::from_utf8_lossy(r);
                            assert_eq!(got, want, "{what:?} at {end}, max {max}, step {step}");
                            if !matches!(got, Ok(None)) || end == r.len() {
                                break;
                            }
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn a_large_array_arriving_a_few_bytes_at_a_time_costs_linear_work() {
        // 100,000 elements (~0.6 MB) in 3-byte reads: re-parsed from its start at each read,
        // that is ~6·10^10 bytes looked at (hours); resumed, about the reply's size.
        let mut reply = b"*100000\r\n".to_vec();
        for i in 0..100_000 {
            reply.extend_from_slice(format!(":{i}\r\n").as_bytes());
        }
        let started = Instant::now();
        for skip in [false, true] {
            let mut f = RespFramer::new(0);
            let mut end = 0;
            let len = loop {
                end = (end + 3).min(reply.len());
                let got = if skip {
                    f.next_len(&reply[..end]).unwrap().map(|p| p.len)
                } else {
                    f.next(&reply[..end]).unwrap().map(|p| p.len)
                };
                if let Some(len) = got {
                    break len;
                }
                assert!(end < reply.len());
                assert!(
                    started.elapsed() < Duration::from_secs(20),
                    "quadratic: {end} of {} bytes after 20 s",
                    reply.len()
                );
            };
            assert_eq!(len, reply.len());
        }
        let whole = RespFramer::new(0).next(&reply).unwrap().unwrap();
        let RespValue::Array(items) = whole.value else {
            panic!("not an array")
        };
        assert_eq!(items.len(), 100_000);
        assert_eq!(items[99_999], RespValue::Int(99_999));
    }

    #[test]
    fn encodes_commands_as_bulk_arrays() {
        assert_eq!(
            encode_command(&[b"SET".to_vec(), b"a".to_vec()]),
            b"*2\r\n$3\r\nSET\r\n$1\r\na\r\n"
        );
    }
    #[test]
    fn lengths_of_every_size_are_written_in_decimal() {
        for n in [0usize, 1, 9, 10, 11, 99, 100, 101, 999, 1000, 65_536] {
            let arg = vec![b'x'; n];
            let args: Vec<&[u8]> = std::iter::repeat_n(&arg[..], n.min(120)).collect();
            let mut want = format!("*{}\r\n", args.len()).into_bytes();
            for a in &args {
                want.extend_from_slice(format!("${}\r\n", a.len()).as_bytes());
                want.extend_from_slice(a);
                want.extend_from_slice(b"\r\n");
            }
            assert_eq!(encode_command(&args), want, "{n}");
        }
    }

    #[test]
    fn commands_of_bytes_and_integers_are_as_long_as_measured() {
        let long = vec![b'x'; 1000];
        let cases: Vec<Vec<Arg>> = vec![
            vec![],
            vec![Arg::Bytes(b"PING")],
            vec![Arg::Bytes(b"SET"), Arg::Bytes(b"key:1"), Arg::Bytes(b"")],
            vec![Arg::Bytes(b"INCRBY"), Arg::Bytes(&long), Arg::Int(0)],
            vec![Arg::Int(-1), Arg::Int(9), Arg::Int(10), Arg::Int(-10)],
            vec![Arg::Int(i64::MIN), Arg::Int(i64::MAX), Arg::Int(1_000_000)],
            std::iter::repeat_n(Arg::Bytes(b"a"), 12).collect(),
        ];
        // every length around the inline copies' cases (0, 1–3, 4–7, 8–16, then memcpy),
        // with and without room already reserved
        let bytes: Vec<u8> = (0..40u8).map(|i| b'a' + i % 26).collect();
        let cases = cases.into_iter().chain((0..=bytes.len()).map(|n| {
            vec![
                Arg::Bytes(&bytes[..n]),
                Arg::Bytes(&bytes[40 - n..]),
                Arg::Int(n as i64),
            ]
        }));
        for args in cases {
            // written out here, not by encode_command() (which shares bulk_in_place())
            let mut want = format!("*{}\r\n", args.len()).into_bytes();
            for a in &args {
                let b = match a {
                    Arg::Bytes(b) => b.to_vec(),
                    Arg::Int(i) => i.to_string().into_bytes(),
                };
                want.extend_from_slice(format!("${}\r\n", b.len()).as_bytes());
                want.extend_from_slice(&b);
                want.extend_from_slice(b"\r\n");
            }
            for room in [0, command_len(&args)] {
                let mut out = b"kept".to_vec();
                out.reserve_exact(room);
                write_command(&mut out, &args);
                assert_eq!(&out[..4], b"kept");
                assert_eq!(out[4..], want, "{args:?}");
                assert_eq!(out.len() - 4, command_len(&args), "{args:?}");
            }
        }
    }

    #[test]
    fn measuring_only_gives_the_same_lengths_and_errors() {
        let long = [b"+".as_slice(), &[b'x'; 70], b"\r\n"].concat();
        let replies: [&[u8]; 16] = [
            b"+OK\r\n",
            b"+\r\n",
            b"+a\rb\r\n",
            b"-\r\r\n",
            &long,
            b"-ERR unknown\r\n",
            b":-42\r\n",
            b"$-1\r\n",
            b"$5\r\nhello\r\n",
            b"*3\r\n$3\r\nfoo\r\n:1\r\n*1\r\n+x\r\n",
            b"%1\r\n+k\r\n=8\r\ntxt:abcd\r\n",
            b"|1\r\n+a\r\n+b\r\n,inf\r\n",
            b"$5\r\nhelloXY",
            b"#x\r\n",
            b"$100\r\n",
            b"?\r\n",
        ];
        for max in [0, 5, 8, 1 << 20] {
            for r in replies {
                for cut in 0..=r.len() {
                    let (mut a, mut b) = (RespFramer::new(max), RespFramer::new(max));
                    let full = a.next(&r[..cut]).map(|p| p.map(|p| p.len));
                    let len = b.next_len(&r[..cut]).map(|p| p.map(|p| p.len));
                    assert_eq!(
                        full,
                        len,
                        "{:?} cut at {cut}, max {max}",
                        String::from_utf8_lossy(r)
                    );
                }
            }
        }
    }
}
