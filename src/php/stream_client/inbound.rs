//! The receive path: bytes read from the socket become messages — framed natively for the
//! extension's parsers and beyod's text/redis ones, through the PHP parser's `input()` and
//! `decode()` otherwise — and each is delivered as `onMessage` (or `onBadPacket`).

use super::*;

/// The smallest first window once packet sizes are known.
const MIN_INPUT_WINDOW: usize = 256;

/// How much of the receive buffer a PHP parser's `input()` sees first (see on_data).
const INPUT_WINDOW: usize = 4096;

/// Frames received bytes — natively for the extension's own parsers, through the PHP
/// parser's `input()`/`decode()` otherwise, or not at all (`$parser` null: each read is one
/// message) — and fires `onMessage` per packet, `onBadPacket` when framing fails.
pub(super) fn on_data(obj: Obj, key: ConnKey, bytes: Vec<u8>) {
    if !bytes.is_empty() {
        count_received(obj, bytes.len());
    }
    if state(obj).paused {
        // pauseRecv() inside a handler: what is already read waits for resumeRecv().
        state(obj).recv.push(bytes);
        return;
    }
    let bytes = if !bytes.is_empty() && state(obj).recv.is_empty() {
        match forward(obj, bytes) {
            Ok(()) => return,
            Err(bytes) => bytes,
        }
    } else {
        bytes
    };
    if matches!(state(obj).framing, Framing::Native(_)) {
        return frame_natively(obj, key, bytes);
    }
    state(obj).recv.push(bytes);
    frame_with_php_parser(obj, key);
}

fn count_received(obj: Obj, n: usize) {
    let h = state(obj).hot();
    h.response_at = now();
    h.bytes_in += n as u64;
    stats::count(|g| g.bytes_in += n as u64);
}

/// No parser: what was read is one message (or goes to the pipe's other end).
fn deliver_unframed(obj: Obj) {
    let message = state(obj).recv.take_all();
    if !message.is_empty() {
        if let Err(message) = forward(obj, message) {
            deliver(obj, zend::bytes_zval(&message));
            crate::core::connection::recycle_read_buffer(message);
        }
    }
}

/// The PHP parser frames the buffer: `input()` gives each packet's length, `decode()` the
/// message; until the buffer holds no whole packet, the client is paused or closed, or PHP
/// threw. `$parser` is read afresh for each packet and before each decode, as the original's
/// loop does: input(), decode() or a handler may replace it (null: the rest is one message).
fn frame_with_php_parser(obj: Obj, key: ConnKey) {
    let this = zend::object_zval(obj.zo());
    loop {
        let st = state(obj);
        if st.key != Some(key) || st.recv.is_empty() || st.paused {
            return;
        }
        let Some(parser) = parser_object(&obj) else {
            return deliver_unframed(obj);
        };
        let Some(p) = parser.object() else { return };
        let Some(input) = parser_methods(obj, p).input else {
            // No input(): nothing is ever framed; the bytes stay buffered.
            return;
        };
        let Some(len) = next_packet_len(obj, p, input, &this) else {
            return;
        };
        let st = state(obj);
        st.hot().last_packet = len;
        let packet = zend::bytes_zval(&st.recv.bytes()[..len]);
        st.recv.consume(len);
        // `$this->parser` as it is now: input() may have replaced it, or unset it, which
        // leaves the packet undecoded (the original's `if ($this->parser)`).
        drop(parser);
        let decoder = parser_object(&obj);
        let message = match decoder.as_ref().and_then(Zval::object) {
            Some(d) => match parser_methods(obj, d).decode {
                Some(decode) => zend::call_found(d, decode, &[&packet, &this]),
                None => Zval::new(),
            },
            None => packet,
        };
        if bad_packet(obj, ce::exception()) || zend::exception_pending() {
            return;
        }
        deliver(obj, message);
        if zend::exception_pending() {
            requeue_held(obj, key);
            return;
        }
    }
}

/// What `input()` says the next packet's length is; `None`: no whole packet yet, or it
/// threw (a bad packet is reported).
///
/// input() sees a window of the buffer, not all of it: many pipelined packets would
/// otherwise cost a copy of the whole rest per packet. A parser answering 0 ("need more")
/// gets a window four times as large, up to everything received, so it decides on exactly
/// the bytes the original would have given it, or a prefix of them.
fn next_packet_len(
    obj: Obj,
    parser: &ZendObject,
    input: zend::Method,
    this: &Zval,
) -> Option<usize> {
    let st = state(obj);
    let key = st.key;
    // The first window: twice the last packet (packets tend to look alike), at least
    // MIN_INPUT_WINDOW; INPUT_WINDOW before the first packet.
    let mut window = match st.hot().last_packet {
        0 => INPUT_WINDOW,
        n => n.saturating_mul(2).max(MIN_INPUT_WINDOW),
    };
    let len = loop {
        // Read afresh each time: input() is PHP code, which may have closed, reconnected,
        // paused or sent meanwhile (the buffer emptied, or refilled by another connection).
        let st = state(obj);
        let total = st.recv.len();
        if st.key != key || st.paused || total == 0 {
            return None;
        }
        window = window.min(total);
        let buffer = zend::bytes_zval(&st.recv.bytes()[..window]);
        let len = zend::call_found(parser, input, &[&buffer, this]);
        if bad_packet(obj, ce::exception()) || zend::exception_pending() {
            return None;
        }
        let len = number(&len).unwrap_or(0.0);
        if len >= 1.0 || window >= state(obj).recv.len() || !is_parser(&obj, parser) {
            // (an input() that replaced `$parser` answered for its own buffer: "need more"
            // ends this read's framing, as in the original, not a larger window)
            break len;
        }
        window = window.saturating_mul(4);
    };
    let st = state(obj);
    (st.key == key && len >= 1.0 && len <= st.recv.len() as f64).then_some(len as usize)
}

/// Whether `parser` is still the client's `$parser`.
fn is_parser(obj: &ZendObject, parser: &ZendObject) -> bool {
    parser_object(obj)
        .as_ref()
        .and_then(Zval::object)
        .is_some_and(|p| std::ptr::eq(p, parser))
}

/// Packets still buffered when a handler threw are framed on the next tick.
fn requeue_held(obj: Obj, key: ConnKey) {
    if !state(obj).recv.is_empty() {
        if_rt(|rt| rt.reactor.requeue_front(key, ConnEvent::Data(Vec::new())));
    }
}

/// The extension's own parsers: packets found and decoded in Rust, one PHP value each.
fn frame_natively(obj: Obj, key: ConnKey, bytes: Vec<u8>) {
    state(obj).recv.push(bytes);
    loop {
        let st = state(obj);
        if st.key != Some(key) || st.recv.is_empty() || st.paused {
            return;
        }
        if matches!(&st.framing, Framing::Native(f) if f.follows_parser()) {
            if let Some(p) = parser_object(&obj) {
                let st = state(obj);
                if zend::is_lazy(p.object().unwrap()) {
                    // PHP 8.4: made lazy again (`resetAsLazyGhost()`) since the framing was
                    // decided: its PHP methods frame from now on (see Framer::for_parser).
                    st.framing = Framing::Php;
                    return frame_with_php_parser(obj, key);
                }
                if let Framing::Native(f) = &mut st.framing {
                    f.refresh(p.object().unwrap());
                }
            }
        }
        let st = state(obj);
        let Framing::Native(framer) = &mut st.framing else {
            return;
        };
        let message = match framer.next(st.recv.bytes()) {
            Ok(None) => return,
            Ok(Some(Frame::Slice { len, start, end })) => {
                let m = zend::bytes_zval(&st.recv.bytes()[start..end]);
                st.recv.consume(len);
                m
            }
            Ok(Some(Frame::Value { len, value })) => {
                st.recv.consume(len);
                resp_to_zval(value)
            }
            Ok(Some(Frame::Object {
                len,
                class,
                native,
                slots,
                refill,
            })) => {
                let Some(made) = packet_object(obj, len, class, native, slots, refill) else {
                    requeue_held(obj, key);
                    return;
                };
                made
            }
            Err(e) => {
                let beyod_text = matches!(&**framer, Framer::BeyodText(..));
                framer.reset();
                st.recv.clear();
                return framing_failed(obj, beyod_text, e.code() as i64, e.to_string());
            }
        };
        deliver(obj, message);
        if zend::exception_pending() {
            requeue_held(obj, key);
            return;
        }
    }
}

/// `new $class($packet)` of the next `len` bytes, consumed (or the same object made natively,
/// see [`beyod_response`], when `native`, with the class's `slots`; refilling the previous
/// one if `refill` and [`deliver`] kept it). `None`: the constructor threw.
fn packet_object(
    obj: Obj,
    len: usize,
    class: &'static ext_php_rs::zend::ClassEntry,
    native: bool,
    slots: Option<zend::Slots<5>>,
    refill: bool,
) -> Option<Zval> {
    let st = state(obj);
    let replies = &mut st.hot.get_or_insert_with(Box::default).replies;
    let packet = &st.recv.bytes()[..len];
    if let Some(made) = native
        .then(|| beyod_response(class, slots.as_ref(), packet, replies, refill))
        .flatten()
    {
        st.recv.consume(len);
        return Some(made);
    }
    let packet = zend::bytes_zval(packet);
    st.recv.consume(len);
    let made = zend::instantiate(class, &[&packet]);
    (!zend::exception_pending()).then(|| made.unwrap_or_default())
}

/// A packet the native framer refuses: the buffer is dropped and `onBadPacket` fired (with
/// the errstr of beyod's own exception for its text parser).
fn framing_failed(obj: Obj, beyod_text: bool, code: i64, errstr: String) {
    let errstr = if beyod_text {
        let this = zend::call_method(&obj, "__toString", &[]);
        let this = this
            .as_ref()
            .and_then(|z| z.str())
            .unwrap_or_default()
            .to_owned();
        format!("{this} request packet size exceed max_packet_size ")
    } else {
        errstr
    };
    fire(
        obj,
        "onBadPacket",
        EventClass::Error,
        &error_fields(code, &errstr),
    );
}

/// A PHP parser threw an `Exception`: taken as a bad packet (the buffer is dropped,
/// `onBadPacket` fired with its code and message).
fn bad_packet(obj: Obj, exception_ce: &ext_php_rs::zend::ClassEntry) -> bool {
    let Some((code, message)) = zend::catch_exception_of(exception_ce) else {
        return false;
    };
    state(obj).recv.clear();
    fire(
        obj,
        "onBadPacket",
        EventClass::Error,
        &error_fields(code, &message),
    );
    true
}
