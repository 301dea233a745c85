//! send(): a message encoded (by the native framer, or the PHP parser's `encode()`), then
//! queued for the connection to come or handed to the reactor, and what send() returns for
//! each outcome (as the original: `true` written, the bytes written or queued, `false`).

use super::*;
use crate::core::framing::{command_len, write_command};
use crate::php::errors::runtime_error;
use crate::php::panic_guard;
use crate::php::parsers::RequestArgs;
use ext_php_rs::ffi;

pub(super) fn send(obj: Obj, message: &Zval, raw: bool) -> PhpResult<Zval> {
    let encoded = if raw {
        Encoded::Message(message.shallow_clone())
    } else {
        encode(obj, message)?
    };
    // PHP strings are copied once, into the send queue (no vector of their own per send):
    // `held` keeps the PHP value whose bytes are borrowed until then.
    let mut scratch = Vec::new();
    let held: Zval;
    let parts: [&[u8]; 2];
    let bytes = match encoded {
        Encoded::Bytes(b) => Piece::Owned(b),
        Encoded::Scratch(b) => {
            scratch = b;
            parts = [&scratch, &[]];
            Piece::Parts(&parts[..1])
        }
        Encoded::Delimited(delimiter) => {
            held = delimiter;
            match (message.zend_str(), held.zend_str()) {
                (Some(m), Some(d)) => {
                    parts = [m.as_bytes(), d.as_bytes()];
                    Piece::Parts(&parts)
                }
                _ => return Ok(zend::bool_zval(false)),
            }
        }
        Encoded::Message(m) if m.is_null() || m.is_false() => return Ok(zend::bool_zval(false)),
        Encoded::Message(m) => {
            held = m;
            match held.zend_str() {
                Some(s) => {
                    parts = [s.as_bytes(), &[]];
                    Piece::Parts(&parts[..1])
                }
                None => match zend::to_bytes(&held) {
                    Some(b) => Piece::Owned(b),
                    None => return Ok(zend::bool_zval(false)),
                },
            }
        }
        Encoded::Refused => return Ok(zend::bool_zval(false)),
    };
    let sent = match state(obj).key {
        Some(key) => hand_to_reactor(obj, key, bytes, raw),
        None => queue_before_connect(obj, bytes.into_vec()),
    };
    if (1..=SCRATCH_MAX).contains(&scratch.capacity()) {
        scratch.clear();
        state(obj).hot().scratch = scratch;
    }
    sent
}

/// The encoding buffer a client keeps between sends is at most this large.
const SCRATCH_MAX: usize = 64 * 1024;

/// What the parser made of a message.
enum Encoded {
    /// The native framer's bytes (no PHP string in between).
    Bytes(Vec<u8>),
    /// beyod's text parser: the message (a string), then this delimiter (a string).
    Delimited(Zval),
    /// Bytes made in the client's encoding buffer (copied into the send queue, the buffer
    /// kept for the next send).
    Scratch(Vec<u8>),
    /// What to send as it is: the PHP parser's `encode()` result, or the message itself
    /// when there is no parser.
    Message(Zval),
    /// The parser refused it (or threw): send() returns false.
    Refused,
}

impl From<Option<Vec<u8>>> for Encoded {
    fn from(b: Option<Vec<u8>>) -> Self {
        b.map_or(Encoded::Refused, Encoded::Bytes)
    }
}

fn encode(obj: Obj, message: &Zval) -> PhpResult<Encoded> {
    // Plain strings and arrays of them are encoded without calling PHP, so the framer can be
    // used in place; anything else may run __toString() (which may re-enter): use a copy.
    let plain = message.is_string() || message.is_array();
    if let Some(e) = encode_as_beyod(obj, message) {
        return Ok(e);
    }
    let native = match &state(obj).framing {
        Framing::Native(f) if f.encodes() && plain => return Ok(f.encode(message).into()),
        // beyod's own parsers keep their PHP encode()
        Framing::Native(f) if !f.encodes() => None,
        Framing::Native(f) => Some((**f).clone()),
        Framing::Php => None,
        // Before connect(): looked up each time (the parser may still change).
        Framing::Undecided => native_framer(&obj)?.filter(Framer::encodes),
    };
    if let Some(f) = native {
        return Ok(f.encode(message).into());
    }
    let Some(parser) = parser_object(&obj) else {
        return Ok(Encoded::Message(message.shallow_clone()));
    };
    let this = zend::object_zval(obj.zo());
    let p = parser.object().unwrap();
    let Some(encode) = parser_methods(obj, p).encode else {
        return Ok(Encoded::Refused);
    };
    let encoded = zend::call_found(p, encode, &[message, &this]);
    if zend::exception_pending() {
        return Ok(Encoded::Refused);
    }
    Ok(Encoded::Message(encoded))
}

/// beyod's own parsers: what their PHP would write, made natively where the outcome is certain
/// (the text parser's `encode()` of a string, a redis `Request`'s `__toString()`). `None`:
/// their PHP does it.
fn encode_as_beyod(obj: Obj, message: &Zval) -> Option<Encoded> {
    if matches!(&state(obj).framing, Framing::Native(f) if matches!(**f, Framer::BeyodRedis(..))) {
        let mut out = std::mem::take(&mut state(obj).hot().scratch);
        let st = state(obj);
        let Framing::Native(f) = &st.framing else {
            return None;
        };
        if f.beyod_request_encode(message, &mut out) {
            return Some(Encoded::Scratch(out));
        }
        st.hot().scratch = out;
        return None;
    }
    match &state(obj).framing {
        Framing::Native(f) if matches!(**f, Framer::BeyodText(..)) && message.is_string() => {
            let parser = parser_object(&obj)?;
            // a lazy parser (PHP 8.4) encodes with its PHP (see Framer::for_parser)
            if zend::is_lazy(parser.object()?) {
                return None;
            }
            let Framing::Native(f) = &state(obj).framing else {
                return None;
            };
            f.beyod_text_delimiter(parser.object()?, message)
                .map(Encoded::Delimited)
        }
        _ => None,
    }
}

/// Not connected: the bytes wait for the next connection if one is coming (connect() not
/// called yet, or a reconnect scheduled), up to `$max_send_buffer_size`.
fn queue_before_connect(obj: Obj, bytes: Vec<u8>) -> PhpResult<Zval> {
    let st = state(obj);
    if st.started && st.reconnect_timer().is_none() {
        return Ok(zend::bool_zval(false));
    }
    let max = size_property(&obj, "max_send_buffer_size", 0, usize::MAX)?;
    let st = state(obj);
    if st.pending_len() >= max {
        st.rare().bytes_dropped += bytes.len() as u64;
        fire(obj, "onBufferFull", EventClass::Io, &[]);
        return Ok(zend::bool_zval(false));
    }
    let n = bytes.len();
    let pending = &mut st.rare().pending;
    pending.push(bytes);
    let queued = pending.len();
    st.note_sent(n, queued);
    Ok(zend::long_zval(n as i64))
}

fn hand_to_reactor(obj: Obj, key: ConnKey, bytes: Piece<'_>, raw: bool) -> PhpResult<Zval> {
    match to_reactor(obj, key, bytes, raw)? {
        Ok(sent) => Ok(sent),
        Err(Full) => {
            fire(obj, "onBufferFull", EventClass::Io, &[]);
            Ok(zend::bool_zval(false))
        }
    }
}

/// The send queue is full: the bytes were dropped (counted); `onBufferFull` is to be fired
/// and send() returns false.
struct Full;

/// The bytes handed to the reactor: what send() returns, or [`Full`]. Calls no PHP code
/// unless `raw` (a pipe's source may be paused).
fn to_reactor(
    obj: Obj,
    key: ConnKey,
    bytes: Piece<'_>,
    raw: bool,
) -> PhpResult<Result<Zval, Full>> {
    let st = state(obj);
    let piped_raw = raw && st.pipe_peer().is_some();
    let max = if piped_raw { usize::MAX } else { st.max_send };
    if piped_raw && with_rt(|rt| rt.reactor.waiting_bytes(key))? >= st.max_send {
        // Never drop proxied bytes: queue them and make the source wait for onBufferDrain.
        if let Some(src) = st.pipe_peer().and_then(|p| p.object()) {
            zend::call_method(src, "pauseRecv", &[]);
        }
    }
    let n = bytes.len();
    let (sent, queued) = with_rt(|rt| {
        let sent = rt.reactor.send(key, bytes, max);
        // The queue's length for the high-water mark; a deferred send leaves it unused.
        let queued = match sent {
            Sent::Deferred => 0,
            _ => rt.reactor.queued_bytes(key),
        };
        (sent, queued)
    })?;
    let st = state(obj);
    Ok(Ok(match sent {
        // A datagram: the byte count, as the original's stream_socket_sendto().
        Sent::Written if st.is_datagram() => {
            st.note_sent(n, queued);
            zend::long_zval(n as i64)
        }
        Sent::Written => {
            st.note_sent(n, queued);
            zend::bool_zval(true)
        }
        Sent::Queued(q) | Sent::Partial(q) => {
            st.note_sent(n, queued);
            zend::long_zval(q as i64)
        }
        Sent::Deferred => {
            // Sent from a handler: written when this loop step's handlers return (true, as
            // an immediate write would be; nothing waits for the socket yet).
            st.note_sent(n, 0);
            zend::bool_zval(true)
        }
        Sent::Full => {
            st.rare().bytes_dropped += n as u64;
            return Ok(Err(Full));
        }
        Sent::Closed => zend::bool_zval(false),
    }))
}

/// The generated `send()` method handler, replaced by [`send_entry`] (see [`install_send_entry`]).
static GENERATED_SEND: std::sync::OnceLock<ZifHandler> = std::sync::OnceLock::new();

type ZifHandler = unsafe extern "C" fn(*mut ffi::zend_execute_data, *mut ffi::zval);

/// MINIT, after the class is registered: `send()`'s handler becomes [`send_entry`], which
/// takes the per-message cases itself (see [`send_short`]) and hands every other call to
/// the generated handler. Subclasses declared later copy the handler from here.
pub fn install_send_entry(ce: &ext_php_rs::zend::ClassEntry) -> bool {
    let Some(f) = super::super::class_setup::internal_method(ce, "send") else {
        return false;
    };
    // SAFETY: MINIT, single-threaded; `send` is an internal method of this class whose
    // handler is replaced by one with the same signature.
    unsafe {
        let Some(generated) = (*f).internal_function.handler else {
            return false;
        };
        if GENERATED_SEND.set(generated).is_err() && GENERATED_SEND.get() != Some(&generated) {
            return false;
        }
        (*f).internal_function.handler = Some(send_entry);
        true
    }
}

/// What [`send_short`] did.
enum Fast {
    /// send()'s return value.
    Done(Zval),
    /// An `onBufferFull` handler bailed out (exit(), a fatal error): bail out further.
    Bailout,
}

/// `send($message)`: the per-message cases on a connected client go the short way
/// ([`send_short`]); everything else to the generated handler (argument checks, `zend_try`,
/// its own panic guard). A panic in the short way is an `Error` (send() returns null).
unsafe extern "C" fn send_entry(ex: *mut ffi::zend_execute_data, ret: *mut ffi::zval) {
    match panic_guard::throwing("StreamClient::send()", || send_short(ex)) {
        Some(Some(Fast::Done(z))) => {
            // SAFETY: the engine's return slot (null before an internal call).
            unsafe { std::ptr::write(ret as *mut Zval, z) };
        }
        // SAFETY: no value of this frame needs dropping any more (outside the guard: the
        // longjmp crosses no catch_unwind frame).
        Some(Some(Fast::Bailout)) => unsafe { ext_php_rs::zend::bailout() },
        Some(None) => {
            if let Some(generated) = GENERATED_SEND.get() {
                // SAFETY: the handler this one replaced, with the engine's own arguments.
                unsafe { generated(ex, ret) };
            }
        }
        None => {}
    }
}

/// `$client->send($message)` with one argument on a connected client, for the messages whose
/// encoding needs no PHP: a beyod redis `Request` that encodes natively (written straight into
/// the send queue), a string with beyod's text parser (the message, then the parser's
/// delimiter) or with no parser. What [`send`] does for them, without the generated handler's
/// argument parsing and `zend_try` (a `setjmp`), which is the larger part of a message's cost in
/// the extension. Nothing here calls PHP or PHP's allocator (a bailout must not cross Rust
/// frames), except `onBufferFull`'s handlers, run under their own `zend_try`. `None`, before
/// anything was done: not such a call.
fn send_short(ex: *mut ffi::zend_execute_data) -> Option<Fast> {
    // ZEND_CALL_HAS_EXTRA_NAMED_PARAMS: an unknown named argument, for the generated handler.
    const EXTRA_NAMED: u32 = 1 << 27;
    // SAFETY: the engine's call frame of this method: `This` is the object (a method of
    // this class), the arguments follow the frame.
    let (obj, message) = unsafe {
        let ex = &mut *ex;
        if ex.This.u2.num_args != 1
            || ex.This.u1.type_info & EXTRA_NAMED != 0
            || zend::type_byte(&*(&ex.This as *const ffi::zval as *const Zval)) != zend::IS_OBJECT
        {
            return None;
        }
        let first =
            std::mem::size_of::<ffi::zend_execute_data>().div_ceil(std::mem::size_of::<Zval>());
        let message = &*(ex as *mut ffi::zend_execute_data as *const Zval).add(first);
        (
            Obj::of_zval(&*(&raw const ex.This as *const Zval))?,
            message,
        )
    };
    let st = zend::native::<StreamClient>(obj)?;
    let key = st.key?;
    let sent = match zend::type_byte(message) {
        zend::IS_OBJECT => {
            let Framing::Native(f) = &st.framing else {
                return None;
            };
            let mut args = RequestArgs::new();
            if !f.beyod_request_args(message, &mut args) {
                return None;
            }
            // Encoded straight into the send queue (no buffer in between).
            let write = |out: &mut Vec<u8>| write_command(out, &args);
            to_reactor(obj, key, Piece::Written(command_len(&args), &write), false)
        }
        zend::IS_STRING => {
            let bytes = zend::string_bytes(message)?;
            let parser = parser_object(&obj);
            // a lazy parser (PHP 8.4) encodes with its PHP (see Framer::for_parser)
            if parser
                .as_ref()
                .and_then(Zval::object)
                .is_some_and(zend::is_lazy)
            {
                return None;
            }
            // beyod's text parser (as its encode()), or no parser at all (the string as it is).
            let delimiter = match (&state(obj).framing, parser) {
                (Framing::Native(f), Some(parser)) if matches!(**f, Framer::BeyodText(..)) => {
                    Some(f.beyod_text_delimiter(parser.object()?, message)?)
                }
                (Framing::Php, None) => None,
                _ => return None,
            };
            let parts = [
                bytes,
                delimiter
                    .as_ref()
                    .and_then(zend::string_bytes)
                    .unwrap_or_default(),
            ];
            let n = if delimiter.is_some() { 2 } else { 1 };
            to_reactor(obj, key, Piece::Parts(&parts[..n]), false)
        }
        _ => return None,
    };
    match sent {
        Ok(Ok(z)) => Some(Fast::Done(z)),
        Ok(Err(Full)) => {
            let fired = ext_php_rs::zend::try_catch(std::panic::AssertUnwindSafe(|| {
                fire(obj, "onBufferFull", EventClass::Io, &[])
            }));
            match fired {
                Err(ext_php_rs::zend::CatchError::Bailout) => Some(Fast::Bailout),
                Err(e) => {
                    runtime_error(&format!("beyod\\StreamClient::send(): {e}")).throw();
                    Some(Fast::Done(zend::bool_zval(false)))
                }
                Ok(()) => Some(Fast::Done(zend::bool_zval(false))),
            }
        }
        // The runtime could not be made (a connected client's exists): nothing was sent, so
        // the generated handler does it all again and throws what it throws.
        Err(_) => None,
    }
}
