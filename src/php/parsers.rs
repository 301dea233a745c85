//! The extension's own parsers, `beyod\ext\LineParser`, `LengthParser` and `RedisParser`.
//! They are ordinary PHP classes (configurable like any beyod parser, callable from PHP), but
//! when a client's `$parser` is one of them the client frames natively: no PHP call per
//! packet, and Redis replies become PHP values directly.

use std::sync::atomic::{AtomicPtr, Ordering};

use ext_php_rs::args::Arg;
use ext_php_rs::builders::{ClassBuilder, FunctionBuilder};
use ext_php_rs::exception::PhpException;
use ext_php_rs::flags::{DataType, MethodFlags, PropertyFlags};
use ext_php_rs::types::{ZendHashTable, ZendObject, Zval};
use ext_php_rs::zend::{ce, ClassEntry, ExecuteData};

use crate::core::framing::{
    beyod_reply, bulk, command_header, command_len, encode_command, write_command, Arg as RespArg,
    BeyodTextFramer, FrameError, LengthFramer, LineFramer, ReplyValue, RespFramer, RespValue,
};

use super::class_setup::{declared, Initial};
use super::panic_guard::guarded_method;
use super::zend;

#[derive(Clone, Copy, PartialEq, Eq)]
enum ParserClass {
    Line,
    Length,
    Redis,
    RedisError,
}

static CES: [AtomicPtr<ClassEntry>; 4] = [
    AtomicPtr::new(std::ptr::null_mut()),
    AtomicPtr::new(std::ptr::null_mut()),
    AtomicPtr::new(std::ptr::null_mut()),
    AtomicPtr::new(std::ptr::null_mut()),
];

fn class(kind: ParserClass) -> &'static ClassEntry {
    // SAFETY: set once at MINIT to a class entry that lives until MSHUTDOWN.
    unsafe { &*CES[kind as usize].load(Ordering::Relaxed) }
}

const DEFAULT_MAX: i64 = 8 * 1024 * 1024;

/// A native framer configured from a parser object's properties.
#[derive(Debug, Clone)]
pub enum Framer {
    Line(LineFramer),
    Length(LengthFramer),
    Redis(RespFramer),
    /// Transparent acceleration of beyod's `protocol\text\Parser`: the same messages
    /// (`trim()` of each line) without calling its `input()`/`decode()` per packet.
    /// The parser's class is kept: `send()` encodes natively only for that very class.
    BeyodText(BeyodTextFramer, TextSeen, &'static ClassEntry),
    /// Transparent acceleration of beyod's `protocol\redis\Parser`: replies framed in Rust,
    /// each still given to `new Response($packet)` as its `decode()` does.
    BeyodRedis(RespFramer, BeyodRedisClasses),
}

/// What one framed packet becomes.
pub enum Frame {
    /// The payload is `bytes[start..end]` of a packet of `len` bytes.
    Slice {
        len: usize,
        start: usize,
        end: usize,
    },
    Value {
        len: usize,
        value: RespValue,
    },
    /// Make `new $class($packet)` of the packet's bytes (`native`: its fields may be set
    /// without running the constructor, see [`beyod_response`]).
    Object {
        len: usize,
        class: &'static ClassEntry,
        native: bool,
        /// Where the class keeps the fields (when `native`).
        slots: Option<zend::Slots<5>>,
        /// A previous object of the class that nobody holds any more may be refilled with
        /// this packet's fields instead (see [`Framer::refills`]).
        refill: bool,
    },
}

/// beyod's redis `Response` and `Request` classes, and whether they are beyod's own (known
/// by the members only beyod's have: a stand-in or another class of that name that lacks
/// them keeps its PHP).
#[derive(Debug, Clone, Copy)]
pub struct BeyodRedisClasses {
    response: &'static ClassEntry,
    /// `Response` declares `$len`, `$rawData` and `parse()`: its fields can be set natively.
    native_response: bool,
    /// `Request`, when it declares `$command`, `$params`, `setCommand()` and `setParams()`:
    /// `send()` encodes its objects natively (reading the two in their slots).
    request: Option<(&'static ClassEntry, Option<zend::Slots<2>>)>,
    /// Where `Response` keeps the fields its constructor sets.
    response_slots: Option<zend::Slots<5>>,
    /// `Response`'s objects may be refilled in place of being freed and made again (see
    /// [`zend::Slots::refillable`]).
    refill_response: bool,
}

/// A redis command's arguments (a `SET key value` and its like without an allocation).
pub type RequestArgs<'a> = smallvec::SmallVec<[RespArg<'a>; 6]>;

/// The properties of beyod's redis `Request` its `__toString()` reads.
const REQUEST_PROPS: [&str; 2] = ["command", "params"];
/// The properties of beyod's redis `Response` its constructor sets.
const RESPONSE_PROPS: [&str; 5] = ["type", "len", "rawData", "data", "error"];

impl BeyodRedisClasses {
    fn find() -> Option<Self> {
        let response = zend::find_class("beyod\\protocol\\redis\\Response")?;
        let native_response = RESPONSE_PROPS
            .iter()
            .all(|p| zend::class_declares(response, p))
            && zend::class_has_method(response, "parse");
        let request = zend::find_class("beyod\\protocol\\redis\\Request").filter(|r| {
            zend::class_declares(r, "command")
                && zend::class_declares(r, "params")
                && zend::class_has_method(r, "setCommand")
                && zend::class_has_method(r, "setParams")
        });
        let response_slots = zend::Slots::of_class(response, &RESPONSE_PROPS);
        Some(BeyodRedisClasses {
            response,
            native_response,
            request: request.map(|r| (r, zend::Slots::of_class(r, &REQUEST_PROPS))),
            response_slots,
            refill_response: native_response && response_slots.is_some_and(|s| s.refillable()),
        })
    }
}

/// A parser's `max_packet_size` as beyod's `Parser::input()` compares it: `init()` leaves a
/// numeric string (Formatter::getBytes()), which PHP compares as the number it holds; and
/// `$max_packet_size > 0` decides whether there is a limit at all (beyod documents 0 as "no
/// limit"; a negative, NAN or a value set after `init()` that is not a number is none either).
fn packet_limit(o: &ZendObject) -> usize {
    zend::read_raw_cached(o, "max_packet_size")
        .and_then(|v| {
            v.long()
                .or_else(|| v.double().map(|d| d as i64))
                .or_else(|| {
                    v.str()
                        .and_then(|s| s.trim().parse::<f64>().ok())
                        .map(|d| d as i64)
                })
        })
        .unwrap_or(DEFAULT_MAX)
        .max(0) as usize
}

/// The largest `length_offset` / `body_offset` of a `beyod\ext\LengthParser`.
const MAX_HEADER: usize = 65536;

/// The `max_packet_size` of one of the extension's own parsers: an integer number of bytes
/// from 0 (no limit, as beyod's `Parser` documents it) to `PHP_INT_MAX`, or a numeric
/// string of one. A negative size, a float out of that range, NAN or anything else is
/// refused rather than read as "no limit".
fn own_packet_limit(o: &ZendObject) -> Result<usize, String> {
    let v = zend::read_raw_cached(o, "max_packet_size").unwrap_or_default();
    if v.is_null() {
        return Ok(DEFAULT_MAX as usize);
    }
    let n = zend::number(&v);
    match n {
        // `as` saturates: i64::MAX as f64 is 2^63, one past PHP_INT_MAX.
        Some(n) if (0.0..=i64::MAX as f64).contains(&n) => Ok(n as usize),
        _ => Err(setting_error(
            o,
            "max_packet_size",
            "a number of bytes from 0 (no limit) to PHP_INT_MAX",
            &v,
        )),
    }
}

/// The parser's class, for messages (a subclass's own name).
fn parser_class(o: &ZendObject) -> String {
    o.get_class_name().unwrap_or_default()
}

/// "`Class::$name` must be `range`, got `value`".
fn setting_error(o: &ZendObject, name: &str, range: &str, v: &Zval) -> String {
    let shown = match v.double() {
        Some(d) if !d.is_finite() || d.abs() >= 1e15 => format!("{d:e}"),
        _ => zend::describe(v),
    };
    format!("{}::${name} must be {range}, got {shown}", parser_class(o))
}

/// The properties of beyod's text parser its `input()` reads per packet.
const TEXT_PROPS: [&str; 2] = ["delimiter", "max_packet_size"];
const DELIMITER: usize = 0;
const MAX_PACKET_SIZE: usize = 1;

/// What the text framer last read of its parser's `$delimiter` and `$max_packet_size`, and
/// where the parser's class keeps them, so that the per-packet re-read is two slot reads and
/// two pointer comparisons. The strings are held (a reference taken): a string still at the
/// same address is then the same string. beyod's `Parser::init()` leaves `$max_packet_size` a
/// numeric string (`Formatter::getBytes()` returns the digits it matched): parsed only when
/// it changes.
#[derive(Debug, Clone, Default)]
pub struct TextSeen {
    slots: Option<zend::Slots<2>>,
    delimiter: Held,
    max_text: Held,
    max_value: usize,
}

/// A PHP string held by the framer (see [`TextSeen`]).
#[derive(Default)]
struct Held(Option<Zval>);

impl Clone for Held {
    fn clone(&self) -> Self {
        Held(self.0.as_ref().map(Zval::shallow_clone))
    }
}

impl std::fmt::Debug for Held {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() {
            "Held(string)"
        } else {
            "Held(none)"
        })
    }
}

impl Held {
    /// Whether `v` is the very string held.
    fn is(&self, v: &Zval) -> bool {
        match (self.0.as_ref().and_then(Zval::zend_str), v.zend_str()) {
            (Some(held), Some(s)) => std::ptr::eq(held, s),
            _ => false,
        }
    }

    /// Holds `v` if it is a string.
    fn hold(v: &Zval) -> Self {
        Held(v.is_string().then(|| v.shallow_clone()))
    }
}

impl TextSeen {
    fn new(parser: &ZendObject) -> Self {
        TextSeen {
            slots: zend::Slots::of(parser, &TEXT_PROPS),
            ..TextSeen::default()
        }
    }

    /// The parser's property `i` in place: in its slot, else by name.
    fn peek<'a>(&self, parser: &'a ZendObject, i: usize) -> Option<zend::Peek<'a>> {
        zend::Slots::peek_in(self.slots.as_ref(), parser, &TEXT_PROPS, i)
    }

    fn packet_limit(&mut self, parser: &ZendObject) -> usize {
        match self.peek(parser, MAX_PACKET_SIZE) {
            Some(v) if self.max_text.is(&v) => return self.max_value,
            // a number is read as cheaply as the cache
            Some(v) => self.max_text = Held::hold(&v),
            None => self.max_text = Held(None),
        }
        self.max_value = packet_limit(parser);
        self.max_value
    }

    /// The delimiter's bytes when it is not the one `current` has (`None`: unchanged, or
    /// unset).
    fn changed_delimiter(&mut self, parser: &ZendObject, current: &[u8]) -> Option<Vec<u8>> {
        let d = self.peek(parser, DELIMITER)?;
        if self.delimiter.is(&d) {
            return None;
        }
        self.delimiter = Held::hold(&d);
        match d.zend_str() {
            Some(s) if s.as_bytes() == current => None,
            _ => zend::to_bytes(&d),
        }
    }
}

impl Framer {
    /// beyod's text parser reads `$this->delimiter` and `$this->max_packet_size` at every
    /// `input()`: a handler may change them between packets. Re-read before each packet.
    pub fn refresh(&mut self, parser: &ZendObject) {
        if let Framer::BeyodText(f, seen, _) = self {
            let delim = seen.changed_delimiter(parser, f.delimiter());
            f.update(
                delim.as_deref().filter(|d| !d.is_empty()),
                seen.packet_limit(parser),
            );
        }
    }

    /// Whether [`Framer::refresh`] has anything to do for this framer.
    pub fn follows_parser(&self) -> bool {
        matches!(self, Framer::BeyodText(..))
    }

    /// The native framer for `parser`, if it is one of ours. `Err` names a bad setting.
    pub fn for_parser(parser: &ZendObject) -> Option<Result<Framer, String>> {
        // PHP 8.4: a lazy parser (ghost or proxy) is framed by its PHP methods, as the
        // original calls them: its settings are not in its slots, and reading them would run
        // its initializer where a native framer reads them (inside the client's state).
        if zend::is_lazy(parser) {
            return None;
        }
        let max = packet_limit;
        if parser.instance_of(class(ParserClass::Line)) {
            return Some(Self::line_framer(parser));
        }
        if parser.instance_of(class(ParserClass::Length)) {
            return Some(Self::length_framer(parser));
        }
        if parser.instance_of(class(ParserClass::Redis)) {
            return Some(own_packet_limit(parser).map(|max| Framer::Redis(RespFramer::new(max))));
        }
        // beyod's own parsers, exactly (a subclass may override what they do).
        match parser.get_class_name().ok()?.as_str() {
            "beyod\\protocol\\text\\Parser" => {
                // A delimiter that is not a string is left to its PHP (what its strpos()
                // makes of it, an error included, is the original's behaviour).
                let delim = match zend::read_raw_cached(parser, "delimiter") {
                    None => b"\r\n".to_vec(),
                    Some(d) => zend::string_bytes(&d)?.to_vec(),
                };
                Some(
                    BeyodTextFramer::new(&delim, max(parser))
                        .map(|f| {
                            Framer::BeyodText(f, TextSeen::new(parser), parser.get_class_entry())
                        })
                        .map_err(|e| e.to_string()),
                )
            }
            "beyod\\protocol\\redis\\Parser" => Some(Ok(Framer::BeyodRedis(
                RespFramer::new(max(parser)),
                BeyodRedisClasses::find()?,
            ))),
            _ => None,
        }
    }

    /// The framer of a `beyod\ext\LineParser`, from its `delimiter` (a non-empty string; null:
    /// "\n") and `max_packet_size`.
    fn line_framer(parser: &ZendObject) -> Result<Framer, String> {
        let delim = match zend::read_raw_cached(parser, "delimiter") {
            None => b"\n".to_vec(),
            Some(d) if d.is_null() => b"\n".to_vec(),
            Some(d) => zend::string_bytes(&d)
                .map(<[u8]>::to_vec)
                .ok_or_else(|| setting_error(parser, "delimiter", "a non-empty string", &d))?,
        };
        LineFramer::new(&delim, own_packet_limit(parser)?)
            .map(Framer::Line)
            .map_err(|e| format!("{}::$delimiter: {e}", parser_class(parser)))
    }

    /// The framer of a `beyod\ext\LengthParser`, from its `length_*` and `body_offset`.
    fn length_framer(parser: &ZendObject) -> Result<Framer, String> {
        let t = match zend::read_raw_cached(parser, "length_type") {
            None => "N".to_string(),
            Some(v) if v.is_null() => "N".to_string(),
            Some(v) => v.str().map(str::to_string).unwrap_or_default(),
        };
        let Some((width, big_endian)) = LengthFramer::from_pack_type(&t) else {
            let shown = zend::read_raw_cached(parser, "length_type").unwrap_or_default();
            return Err(setting_error(
                parser,
                "length_type",
                "one of C, n, v, N, V, J, P",
                &shown,
            ));
        };
        // An offset is an integer up to MAX_HEADER: a larger header is no length-prefixed
        // protocol, and `send()` writes one per message.
        let offset = |name: &str, default: usize| -> Result<usize, String> {
            let v = zend::read_raw(parser, name).unwrap_or_default();
            if v.is_null() {
                return Ok(default);
            }
            let n = zend::number(&v);
            match n {
                Some(n) if n.fract() == 0.0 && (0.0..=MAX_HEADER as f64).contains(&n) => {
                    Ok(n as usize)
                }
                _ => Err(setting_error(
                    parser,
                    name,
                    &format!("an integer from 0 to {MAX_HEADER}"),
                    &v,
                )),
            }
        };
        let length_offset = offset("length_offset", 0)?;
        let header = length_offset + width_bytes(&t);
        Ok(Framer::Length(LengthFramer {
            width,
            big_endian,
            offset: length_offset,
            body_offset: offset("body_offset", header)?.max(header),
            includes_header: zend::read_raw_cached(parser, "length_includes_header")
                .and_then(|v| v.bool())
                .unwrap_or(false),
            max: own_packet_limit(parser)?,
        }))
    }

    /// Whether `send()` encodes natively (beyod's own parsers keep their PHP `encode()`).
    pub fn encodes(&self) -> bool {
        !matches!(self, Framer::BeyodText(..) | Framer::BeyodRedis(..))
    }

    /// The first packet in `buf`, if complete.
    pub fn next(&mut self, buf: &[u8]) -> Result<Option<Frame>, FrameError> {
        Ok(match self {
            Framer::Line(f) => f.next(buf)?.map(|p| Frame::Slice {
                len: p.len,
                start: 0,
                end: p.value,
            }),
            Framer::Length(f) => f.next(buf)?.map(|p| Frame::Slice {
                len: p.len,
                start: p.value,
                end: p.len,
            }),
            Framer::Redis(f) => f.next(buf)?.map(|p| Frame::Value {
                len: p.len,
                value: p.value,
            }),
            Framer::BeyodText(f, ..) => f.next(buf)?.map(|p| {
                let (start, end) = php_trim(&buf[..p.value]);
                Frame::Slice {
                    len: p.len,
                    start,
                    end,
                }
            }),
            // beyod's Response parses the bytes itself: only the reply's length is needed.
            Framer::BeyodRedis(f, c) => f.next_len(buf)?.map(|p| Frame::Object {
                len: p.len,
                class: c.response,
                native: c.native_response,
                slots: c.response_slots,
                refill: c.refill_response,
            }),
        })
    }

    /// Whether this framer's messages may be refilled at all (see [`Framer::refills`]).
    #[inline]
    pub fn refills_any(&self) -> bool {
        matches!(self, Framer::BeyodRedis(_, c) if c.refill_response)
    }

    /// Whether `message`, a message handlers have had, may be kept to be refilled with the
    /// next packet's fields (see [`beyod_response`]): a beyod redis `Response` that only the
    /// caller holds (no other zval, no weak reference) and whose properties were never
    /// listed into a table (`get_object_vars()`, `var_dump()`, `foreach`). Freeing it and
    /// making the next one with `new` could not be told apart from this.
    pub fn refills(&self, message: &Zval) -> bool {
        let Framer::BeyodRedis(_, c) = self else {
            return false;
        };
        c.refill_response
            && message.object().is_some_and(|o| {
                std::ptr::eq(o.ce, c.response) && zend::sole_reference(o) && o.properties.is_null()
            })
    }

    pub fn reset(&mut self) {
        match self {
            Framer::Line(f) => f.reset(),
            Framer::BeyodText(f, ..) => f.reset(),
            Framer::Redis(f) | Framer::BeyodRedis(f, ..) => f.reset(),
            Framer::Length(_) => {}
        }
    }

    /// beyod's text `Parser::encode()` — `$buffer . $this->delimiter` — for a string message
    /// and a string delimiter, when `parser` is still of the class this framer was made for:
    /// the delimiter (PHP's string, shared), to be written after the message. `None`: its PHP
    /// `encode()` does it.
    pub fn beyod_text_delimiter(&self, parser: &ZendObject, message: &Zval) -> Option<Zval> {
        let Framer::BeyodText(_, seen, class) = self else {
            return None;
        };
        if !std::ptr::eq(parser.get_class_entry(), *class) || !message.is_string() {
            return None;
        }
        seen.peek(parser, DELIMITER)
            .filter(|d| d.is_string())
            .map(zend::Peek::into_owned)
    }

    /// beyod's redis `Request::__toString()` — `array_merge(explode(' ', $command), $params)`
    /// as a RESP command — for an object of that very class whose command is a string and
    /// whose parameters are strings and integers (as `$redis->set('k', 'v')` makes them).
    /// `None`: its PHP does it (the base `Parser::encode()` returns the object, `send()` casts).
    pub fn beyod_request_encode(&self, message: &Zval, out: &mut Vec<u8>) -> bool {
        let mut args = RequestArgs::new();
        if !self.beyod_request_args(message, &mut args) {
            return false;
        }
        out.clear();
        out.reserve(command_len(&args));
        write_command(out, &args);
        true
    }

    /// What [`Framer::beyod_request_encode`] encodes, as the command's arguments (read in
    /// place: the Request's strings are borrowed from `message`). `false`: its PHP does it.
    pub fn beyod_request_args<'m>(&self, message: &'m Zval, args: &mut RequestArgs<'m>) -> bool {
        let Framer::BeyodRedis(
            _,
            BeyodRedisClasses {
                request: Some((request, slots)),
                ..
            },
        ) = self
        else {
            return false;
        };
        let Some(obj) = message.object() else {
            return false;
        };
        if !std::ptr::eq(obj.get_class_entry(), *request) {
            return false;
        }
        // (beyod's own class, exactly: its properties have no hooks, so each is in its slot)
        let prop = |i: usize| match zend::Slots::peek_in(slots.as_ref(), obj, &REQUEST_PROPS, i) {
            Some(zend::Peek::Slot(v)) => Some(v),
            _ => None,
        };
        let (Some(command), Some(params)) = (
            prop(0).and_then(zend::string_bytes),
            prop(1).and_then(zend::array_of),
        ) else {
            return false;
        };
        // `explode(' ', $command)`: a command is usually one short word.
        if command.len() <= 16 && !command.contains(&b' ') {
            args.push(RespArg::Bytes(command));
        } else {
            args.extend(command.split(|&b| b == b' ').map(RespArg::Bytes));
        }
        for v in zend::values(params) {
            if let Some(s) = zend::string_bytes(v) {
                args.push(RespArg::Bytes(s));
            } else if let Some(n) = zend::long_of(v) {
                args.push(RespArg::Int(n));
            } else {
                return false;
            }
        }
        true
    }

    /// `encode()`: a message as bytes on the wire. `None` if the message cannot be sent.
    pub fn encode(&self, message: &Zval) -> Option<Vec<u8>> {
        match self {
            // beyod's own text parser: see beyod_text_delimiter (encodes() is false).
            Framer::BeyodText(..) => None,
            Framer::Line(f) => {
                let mut b = zend::to_bytes(message)?;
                b.extend_from_slice(f.delimiter());
                Some(b)
            }
            Framer::Length(f) => {
                let body = zend::to_bytes(message)?;
                let mut b = f.header_for(body.len());
                b.extend_from_slice(&body);
                Some(b)
            }
            Framer::Redis(_) | Framer::BeyodRedis(..) => {
                let Some(a) = message.array() else {
                    return Some(encode_command(&[zend::to_bytes(message)?]));
                };
                // Straight into one buffer: strings are read in place, others converted.
                let mut out = Vec::with_capacity(16 + 32 * a.len());
                command_header(&mut out, a.len());
                for v in a.values() {
                    match v.zend_str() {
                        Some(s) => bulk(&mut out, s.as_bytes()),
                        None => bulk(&mut out, &zend::to_bytes(v)?),
                    }
                }
                Some(out)
            }
        }
    }
}

/// The range PHP's `trim()` keeps (it strips " \t\n\r\0\x0B" at both ends).
fn php_trim(b: &[u8]) -> (usize, usize) {
    let ws = |c: &u8| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0 | 0x0B);
    let start = b.iter().position(|c| !ws(c)).unwrap_or(b.len());
    let end = b.iter().rposition(|c| !ws(c)).map_or(start, |i| i + 1);
    (start, end)
}

fn width_bytes(t: &str) -> usize {
    match t {
        "C" | "c" => 1,
        "n" | "v" => 2,
        "J" | "P" => 8,
        _ => 4,
    }
}

/// A Redis reply as a PHP value: strings, ints, floats, bools, null, arrays (maps keyed by
/// their keys), and `beyod\ext\RedisError` objects for error replies.
pub fn resp_to_zval(v: RespValue) -> Zval {
    match v {
        RespValue::Simple(b) | RespValue::Bulk(b) | RespValue::BigNumber(b) => zend::bytes_zval(&b),
        RespValue::Int(i) => zend::long_zval(i),
        RespValue::Null => Zval::new(),
        RespValue::Bool(b) => zend::bool_zval(b),
        RespValue::Double(d) => {
            let mut z = Zval::new();
            z.set_double(d);
            z
        }
        RespValue::Error(msg) => {
            let mut z = Zval::new();
            let mut o = ZendObject::new(class(ParserClass::RedisError));
            zend::write_scoped_cached(&mut o, "message", zend::bytes_zval(&msg));
            z.set_object(&mut o);
            z
        }
        RespValue::Array(items) | RespValue::Set(items) | RespValue::Push(items) => {
            let mut arr = ZendHashTable::with_capacity(items.len().min(1 << 16) as u32);
            for it in items {
                let _ = arr.push(resp_to_zval(it));
            }
            let mut z = Zval::new();
            z.set_hashtable(arr);
            z
        }
        RespValue::Map(pairs) => {
            let mut arr = ZendHashTable::with_capacity(pairs.len().min(1 << 16) as u32);
            for (k, v) in pairs {
                let key = match &k {
                    RespValue::Int(i) => i.to_string(),
                    RespValue::Simple(b) | RespValue::Bulk(b) => {
                        String::from_utf8_lossy(b).into_owned()
                    }
                    other => format!("{other:?}"),
                };
                let _ = arr.insert(key.as_str(), resp_to_zval(v));
            }
            let mut z = Zval::new();
            z.set_hashtable(arr);
            z
        }
    }
}

/// `__construct($config = [])`: each key of the config array set as a property.
fn config_construct(ex: &mut ExecuteData, _ret: &mut Zval) {
    let mut config = Arg::new("config", DataType::Mixed);
    if ex.parser().not_required().arg(&mut config).parse().is_err() {
        return;
    }
    let Some(cfg) = config.zval().and_then(|z| z.array()).map(|a| a.to_owned()) else {
        return;
    };
    let Some(this) = ex.get_self() else { return };
    for (k, v) in cfg.iter() {
        zend::write_scoped(this, &k.to_string(), v.shallow_clone());
    }
}

/// The framer of `$this`; a setting it cannot use throws (naming it), as at `connect()`.
fn this_framer(ex: &mut ExecuteData) -> Option<Framer> {
    let this = ex.get_self()?;
    match Framer::for_parser(this)? {
        Ok(f) => Some(f),
        Err(why) => {
            super::errors::invalid_argument(&why).throw();
            None
        }
    }
}

fn throw_frame_error(e: &FrameError) {
    PhpException::new(e.to_string(), e.code(), ce::exception()).throw();
}

/// The bytes of the first argument and the framer of `$this`, for input()/decode().
fn buffer_and_framer(ex: &mut ExecuteData) -> Option<(Vec<u8>, Framer)> {
    let mut buffer = Arg::new("buffer", DataType::Mixed);
    let mut conn = Arg::new("connection", DataType::Mixed);
    if ex
        .parser()
        .arg(&mut buffer)
        .not_required()
        .arg(&mut conn)
        .parse()
        .is_err()
    {
        return None;
    }
    let bytes = buffer
        .zval()
        .and_then(|z| zend::to_bytes(z))
        .unwrap_or_default();
    Some((bytes, this_framer(ex)?))
}

/// `input($buffer, $connection)`: 0 = need more, n = the first packet is n bytes.
fn input(ex: &mut ExecuteData, ret: &mut Zval) {
    let Some((bytes, mut framer)) = buffer_and_framer(ex) else {
        return;
    };
    match framer.next(&bytes) {
        Ok(Some(
            Frame::Slice { len, .. } | Frame::Value { len, .. } | Frame::Object { len, .. },
        )) => ret.set_long(len as i64),
        Ok(None) => ret.set_long(0),
        Err(e) => throw_frame_error(&e),
    }
}

/// `decode($packet, $connection)`: the message of one whole packet.
fn decode(ex: &mut ExecuteData, ret: &mut Zval) {
    let Some((bytes, mut framer)) = buffer_and_framer(ex) else {
        return;
    };
    match framer.next(&bytes) {
        Ok(Some(Frame::Slice { start, end, .. })) => *ret = zend::bytes_zval(&bytes[start..end]),
        Ok(Some(Frame::Value { value, .. })) => *ret = resp_to_zval(value),
        Ok(Some(Frame::Object { .. })) => *ret = zend::bytes_zval(&bytes),
        Ok(None) => *ret = zend::bytes_zval(&bytes),
        Err(e) => throw_frame_error(&e),
    }
}

/// `encode($message, $connection)`.
fn encode(ex: &mut ExecuteData, ret: &mut Zval) {
    let mut message = Arg::new("message", DataType::Mixed);
    let mut conn = Arg::new("connection", DataType::Mixed);
    if ex
        .parser()
        .arg(&mut message)
        .not_required()
        .arg(&mut conn)
        .parse()
        .is_err()
    {
        return;
    }
    let msg = message
        .zval()
        .map(|z| z.shallow_clone())
        .unwrap_or_default();
    let Some(framer) = this_framer(ex) else {
        return;
    };
    match framer.encode(&msg) {
        Some(b) => *ret = zend::bytes_zval(&b),
        None => ret.set_bool(false),
    }
}

fn redis_error_to_string(ex: &mut ExecuteData, ret: &mut Zval) {
    let Some(this) = ex.get_self() else { return };
    *ret = zend::read_raw_cached(this, "message").unwrap_or_else(|| zend::str_zval(""));
}

fn parser_methods(b: ClassBuilder) -> ClassBuilder {
    let two =
        |name: &'static str, first: &'static str, h: extern "C" fn(&mut ExecuteData, &mut Zval)| {
            FunctionBuilder::new(name, h)
                .arg(Arg::new(first, DataType::Mixed))
                .not_required()
                .arg(Arg::new("connection", DataType::Mixed).default("null"))
        };
    b.method(
        FunctionBuilder::new(
            "__construct",
            guarded_method!("Parser::__construct()", config_construct),
        )
        .not_required()
        .arg(Arg::new("config", DataType::Mixed).default("[]")),
        MethodFlags::Public,
    )
    .method(
        two("input", "buffer", guarded_method!("Parser::input()", input)),
        MethodFlags::Public,
    )
    .method(
        two(
            "decode",
            "buffer",
            guarded_method!("Parser::decode()", decode),
        ),
        MethodFlags::Public,
    )
    .method(
        two(
            "encode",
            "message",
            guarded_method!("Parser::encode()", encode),
        ),
        MethodFlags::Public,
    )
    .property(declared(
        "max_packet_size",
        PropertyFlags::Public,
        Initial::Long(DEFAULT_MAX),
    ))
}

fn set(kind: ParserClass, ce: &'static mut ClassEntry) {
    CES[kind as usize].store(ce, Ordering::Relaxed);
}

/// MINIT.
pub fn register() -> ext_php_rs::error::Result<()> {
    parser_methods(ClassBuilder::new("beyod\\ext\\LineParser"))
        .property(declared(
            "delimiter",
            PropertyFlags::Public,
            Initial::Str("\n"),
        ))
        .registration(|ce, _| set(ParserClass::Line, ce))
        .register()?;
    parser_methods(ClassBuilder::new("beyod\\ext\\LengthParser"))
        .property(declared(
            "length_type",
            PropertyFlags::Public,
            Initial::Str("N"),
        ))
        .property(declared(
            "length_offset",
            PropertyFlags::Public,
            Initial::Long(0),
        ))
        .property(declared(
            "body_offset",
            PropertyFlags::Public,
            Initial::Long(4),
        ))
        .property(declared(
            "length_includes_header",
            PropertyFlags::Public,
            Initial::Bool(false),
        ))
        .registration(|ce, _| set(ParserClass::Length, ce))
        .register()?;
    parser_methods(ClassBuilder::new("beyod\\ext\\RedisParser"))
        .registration(|ce, _| set(ParserClass::Redis, ce))
        .register()?;
    ClassBuilder::new("beyod\\ext\\RedisError")
        .method(
            FunctionBuilder::new(
                "__toString",
                guarded_method!("RedisError::__toString()", redis_error_to_string),
            )
            .returns(DataType::String, false, false),
            MethodFlags::Public,
        )
        .property(declared("message", PropertyFlags::Public, Initial::Null))
        .registration(|ce, _| set(ParserClass::RedisError, ce))
        .register()?;
    Ok(())
}

/// Replies up to this long are remembered for the next one (see [`beyod_response`]).
const SHARED_REPLY_MAX: usize = 32;

/// What a client keeps from one beyod redis reply to the next (see [`beyod_response`]).
#[derive(Default)]
pub struct ReplyCache {
    /// The last short reply string made: a reply with the same bytes gets the same PHP string
    /// (a pipeline's "OK"s share one; strings are values, so no code can tell).
    last: Zval,
    /// A previous `Response` nobody holds any more (see [`Framer::refills`]): refilled with
    /// the next reply instead of freeing it and making a new object (the object allocation
    /// and its freeing are the larger part of a reply's cost).
    pub spare: Option<Zval>,
    /// How the last `Response` made or refilled was filled (see [`Filled`]).
    filled: Option<Box<Filled>>,
}

/// The last short reply and the `Response` it filled: when that object comes back as the
/// spare with every field as it was left (the same values, bit for bit) and the next reply
/// has the same bytes, it is already what that reply makes (a pipeline of `+OK`s, say).
/// Recorded only when each field is a scalar, an interned string or [`ReplyCache::last`]
/// (which stays alive, and unchanged, until the next reply that is not of these bytes
/// records again or clears this): so equal bits are equal values. An array is never
/// recorded (it can change in place, its pointer staying the same).
struct Filled {
    /// The object; 0: nothing recorded.
    object: usize,
    packet: [u8; SHARED_REPLY_MAX],
    len: u8,
    fields: [(u32, i64); 5],
}

impl Filled {
    /// Records `o` as filled by `packet` (at most [`SHARED_REPLY_MAX`] bytes), or clears the
    /// record when a field is not of the kinds above.
    fn record(cache: &mut ReplyCache, slots: &zend::Slots<5>, o: &ZendObject, packet: &[u8]) {
        let last = zend::value_bits(&cache.last);
        let mut fields = [(0, 0); 5];
        for (i, f) in fields.iter_mut().enumerate() {
            match slots.bits(o, i) {
                Some(b) if !zend::bits_refcounted(b) || b == last => *f = b,
                _ => return Filled::clear(cache),
            }
        }
        let f = cache.filled.get_or_insert_with(|| {
            Box::new(Filled {
                object: 0,
                packet: [0; SHARED_REPLY_MAX],
                len: 0,
                fields,
            })
        });
        f.object = o as *const ZendObject as usize;
        f.packet[..packet.len()].copy_from_slice(packet);
        f.len = packet.len() as u8;
        f.fields = fields;
    }

    fn clear(cache: &mut ReplyCache) {
        if let Some(f) = cache.filled.as_mut() {
            f.object = 0;
        }
    }

    fn is_made_of(&self, slots: &zend::Slots<5>, o: &ZendObject, packet: &[u8]) -> bool {
        self.object == o as *const ZendObject as usize
            && packet == &self.packet[..self.len as usize]
            && (0..5).all(|i| slots.bits(o, i) == Some(self.fields[i]))
    }
}

fn shared_bytes(bytes: &[u8], last: &mut Zval) -> Zval {
    if zend::is_string_of(last, bytes) {
        return last.shallow_clone();
    }
    let z = zend::bytes_zval(bytes);
    if bytes.len() <= SHARED_REPLY_MAX {
        *last = z.shallow_clone();
    }
    z
}

/// beyod's `new Response($packet)` without running its PHP: an object with the fields its
/// constructor would set (see `core::framing::beyod_reply`), for the replies whose outcome
/// is certain. `None`: let the constructor do it.
///
/// With `refill`, the cache's spare `Response` (one nobody holds any more) is refilled instead
/// of making a new object, or given back as it is when it is already what this reply makes
/// (see [`Filled`]).
pub fn beyod_response(
    class: &ClassEntry,
    slots: Option<&zend::Slots<5>>,
    packet: &[u8],
    cache: &mut ReplyCache,
    refillable: bool,
) -> Option<Zval> {
    let spare = cache.spare.take().filter(|z| {
        refillable
            && z.object()
                .is_some_and(|o| std::ptr::eq(o.ce, class) && zend::sole_reference(o))
    });
    if let (Some(z), Some(s), Some(f)) = (&spare, slots, &cache.filled) {
        if z.object().is_some_and(|o| f.is_made_of(s, o, packet)) {
            return spare;
        }
    }
    let reply = beyod_reply(packet)?;
    let refill = slots.zip(spare);
    let (mut made, refill) = match refill {
        Some((s, z)) => (z, Some(s)),
        None => (zend::instantiate_bare(class)?, None),
    };
    let o = made.object_mut()?;
    let mut written = 0u8;
    let mut set = |i: usize, v: Zval| {
        written |= 1 << i;
        match refill {
            // A pipeline's replies are mostly alike: a field that already holds this value
            // (the same shared string, say) is left as it is.
            Some(s) => {
                s.put(o, i, v);
            }
            None => zend::Slots::write_in(slots, o, &RESPONSE_PROPS, i, v),
        }
    };
    set(0, zend::char_zval(reply.kind));
    set(1, zend::long_zval(reply.len as i64));
    // `$data = (string)$rawData` (or `$error = $rawData`) is the very string in beyod's PHP:
    // one string, two references.
    let raw = reply.raw.map(|r| (r, shared_bytes(r, &mut cache.last)));
    let same = |v: &[u8]| {
        raw.as_ref()
            .filter(|(r, _)| std::ptr::eq(*r, v))
            .map(|(_, z)| z.shallow_clone())
    };
    match reply.value {
        ReplyValue::Data(d) => set(3, same(d).unwrap_or_else(|| zend::bytes_zval(d))),
        ReplyValue::Int(n) => set(3, zend::long_zval(n)),
        ReplyValue::Error(Some(e)) => set(4, same(e).unwrap_or_else(|| zend::bytes_zval(e))),
        ReplyValue::Error(None) => {}
    }
    if let Some((_, z)) = raw {
        set(2, z);
    }
    if let Some(s) = refill {
        for i in (2..5).filter(|i| written & (1 << i) == 0) {
            s.put(o, i, s.default_scalar(i).unwrap_or_default());
        }
    }
    match slots.filter(|_| refillable && packet.len() <= SHARED_REPLY_MAX) {
        Some(s) => Filled::record(cache, s, o, packet),
        None => Filled::clear(cache),
    }
    Some(made)
}
