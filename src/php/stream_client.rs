//! `beyod\StreamClient`: the PHP class. Its public properties are ordinary declared PHP
//! properties (read at `connect()`), its connection lives in the reactor, and its handlers,
//! attributes and state live in this struct.

// PHP parameter names are camelCase (reflection shows them; the stubs match).
#![allow(non_snake_case)]

use std::mem::ManuallyDrop;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use ext_php_rs::builders::ClassProperty;
use ext_php_rs::flags::PropertyFlags;
use ext_php_rs::prelude::*;
use ext_php_rs::types::{ZendClassObject, ZendHashTable, ZendObject, Zval};
use ext_php_rs::zend::ce;

use crate::core::framing::RecvBuffer;
use crate::core::proxy::Proxy;
use crate::core::target::Scheme;
use crate::core::tls::{parse_fingerprint, Digest, TlsOptions};
use crate::core::{ConnEvent, ConnKey, ConnectSpec, Sent, SocketOptions, Target, TimerId};

use super::behaviors::{self, Behaviors};
use super::class_setup::{declared, gc_ref, Default, HoldsPhpValues, Scalar};
use super::component::Handlers;
use super::errors::{
    invalid_argument, invalid_call, invalid_config, unknown_method, unknown_property,
};
use super::event_loop::{if_rt, with_rt, TimerAction};
use super::events::{self, Kind};
use super::module_info;
use super::parsers::{resp_to_zval, Frame, Framer};
use super::stats::{self, Stats};
use super::yii;
use super::yii::ClassLevel;
use super::zend;
use super::zend::describe;

mod config;
mod firing;
mod inbound;
mod lifecycle;
mod pipe;
use config::*;
use firing::*;
use inbound::*;
pub use lifecycle::on_reconnect_due;
use lifecycle::*;
pub use pipe::close_when_drained;
use pipe::*;

pub const STATUS_CLOSED: i64 = 0;
pub const STATUS_CONNECTING: i64 = 1;
pub const STATUS_ESTABLISHED: i64 = 2;

const CLASS: &str = "beyod\\StreamClient";

#[php_class]
#[php(name = "beyod\\StreamClient")]
#[derive(std::default::Default)]
pub struct StreamClient {
    key: Option<ConnKey>,
    status: i64,
    id: Option<i64>,
    scheme: Option<String>,
    handlers: Handlers,
    behaviors: Behaviors,
    attributes: Option<Zval>,
    /// Received bytes not yet framed into a packet.
    recv: RecvBuffer,
    /// `framer` was decided at connect() (None then means: the PHP parser, or none).
    framer_known: bool,
    /// What the message path found once (allocated with the first message: an idle
    /// connection does not pay for it).
    hot: Option<Box<HotCache>>,
    /// The native framer when `$parser` is one of the extension's own (set at connect()).
    framer: Option<Framer>,
    /// Bytes sent before `connect()`: handed to the connection when it starts.
    pending: Vec<Vec<u8>>,
    pending_len: usize,
    response_at: Option<f64>,
    connect_at: Option<f64>,
    paused: bool,
    started: bool,
    reconnect_timer: Option<TimerId>,
    /// The other end of `pipe()`: a StreamClient or a beyod server-side Connection.
    pipe: Option<Zval>,
    client_options: ClientOptions,
    /// Failed attempts since the last successful connect (reconnect backoff).
    attempts: u32,
    stats: Stats,
    /// `end()` was called: the close that follows is ours.
    ending: bool,
    /// The protocol negotiated with ALPN on the current TLS connection.
    alpn: Option<Vec<u8>>,
    /// keepalive() attached `[$this, 'reConnect']` once; the application may detach it.
    reconnect_managed: bool,
    max_send: usize,
    /// init() ran: from now on writes to `$parser` / `$reconnect_interval` take effect at once.
    inited: bool,
}

impl HoldsPhpValues for StreamClient {
    fn write_property() -> Option<super::class_setup::WriteProperty> {
        Some(write_property)
    }

    fn php_values(&self, out: &mut Vec<ManuallyDrop<Zval>>) {
        self.handlers.php_values(out);
        self.behaviors.php_values(out);
        let spare = self
            .hot
            .as_ref()
            .and_then(|h| h.spare_message_event.as_ref());
        for z in [self.attributes.as_ref(), self.pipe.as_ref(), spare]
            .into_iter()
            .flatten()
        {
            out.push(gc_ref(z));
        }
    }
}

/// `$ssl`'s default: the original's 19 keys in its order (its three misspelt keys,
/// `verify_perr`, `verify_perr_name` and `allow_self_signaed`, spelt right), with beyod's
/// values: no verification, or, with `beyod_streamclient.verify_peer_default = 1`, full
/// verification.
const fn ssl_default(verify: bool) -> [(&'static str, Scalar); 19] {
    [
        ("enabled", Scalar::Bool(false)),
        ("peer_name", Scalar::Null),
        ("verify_peer", Scalar::Bool(verify)),
        ("verify_peer_name", Scalar::Bool(verify)),
        ("allow_self_signed", Scalar::Bool(!verify)),
        ("cafile", Scalar::Null),
        ("capath", Scalar::Null),
        ("local_cert", Scalar::Null),
        ("local_pk", Scalar::Null),
        ("passphrase", Scalar::Null),
        ("CN_match", Scalar::Null),
        ("verify_depth", Scalar::Null),
        ("ciphers", Scalar::Null),
        ("capture_peer_cert", Scalar::Null),
        ("capture_peer_cert_chain", Scalar::Null),
        ("SNI_enabled", Scalar::Null),
        ("SNI_server_name", Scalar::Null),
        ("disable_compression", Scalar::Null),
        ("peer_fingerprint", Scalar::Null),
    ]
}
const SSL_BEYOD_DEFAULT: [(&str, Scalar); 19] = ssl_default(false);
const SSL_VERIFYING: [(&str, Scalar); 19] = ssl_default(true);

pub fn declared_properties() -> Vec<ClassProperty> {
    let p = PropertyFlags::Public;
    vec![
        declared(
            "connections",
            p | PropertyFlags::Static,
            Default::Array(&[]),
        ),
        declared("target", p, Default::Null),
        declared("parser", p, Default::Null),
        declared("reconnect_interval", p, Default::Long(0)),
        declared(
            "options",
            p,
            Default::Array(&[
                ("backlog", Scalar::Long(256)),
                ("SO_REUSEADDR", Scalar::Long(1)),
                ("SO_KEEPALIVE", Scalar::Long(1)),
                ("SO_LINGER", Scalar::Null),
                ("SO_SNDBUF", Scalar::Null),
                ("SO_RCVBUF", Scalar::Null),
                ("TCP_NODELAY", Scalar::Long(1)),
            ]),
        ),
        declared(
            "ssl",
            p,
            Default::Array(if module_info::ini_flag(module_info::VERIFY_PEER_DEFAULT) {
                &SSL_VERIFYING
            } else {
                &SSL_BEYOD_DEFAULT
            }),
        ),
        declared("timeout", p, Default::Long(30)),
        declared("max_send_buffer_size", p, Default::Long(10_485_760)),
        declared("read_buffer_size", p, Default::Long(65_536)),
        declared("peer", p, Default::Null),
        declared("local", p, Default::Null),
    ]
}

fn now() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs_f64())
        .unwrap_or(0.0)
}

fn truthy(v: Option<&Zval>) -> bool {
    match v {
        None => false,
        Some(v) => {
            if let Some(b) = v.bool() {
                b
            } else if let Some(l) = v.long() {
                l != 0
            } else if let Some(d) = v.double() {
                d != 0.0
            } else if let Some(s) = v.str() {
                !s.is_empty() && s != "0"
            } else if v.is_array() {
                v.array().is_some_and(|a| !a.is_empty())
            } else {
                v.is_object()
            }
        }
    }
}

fn number(v: &Zval) -> Option<f64> {
    v.double()
        .or_else(|| v.long().map(|l| l as f64))
        .or_else(|| v.str().and_then(|s| s.trim().parse::<f64>().ok()))
}

/// The Rust state of a client object. Fetched afresh after every call into PHP, because a
/// handler may have re-entered the object.
fn state(obj: &mut ZendObject) -> &mut StreamClient {
    ZendClassObject::<StreamClient>::from_zend_obj_mut(obj).expect("a beyod\\StreamClient object")
}

fn base_class() -> &'static ext_php_rs::zend::ClassEntry {
    <StreamClient as ext_php_rs::class::RegisteredClass>::get_metadata().ce()
}

fn class_name(obj: &ZendObject) -> String {
    obj.get_class_name().unwrap_or_else(|_| CLASS.to_string())
}

/// `[$obj, 'reConnect']`.
fn method_callable(obj: &mut ZendObject, method: &str) -> Zval {
    let mut arr = ZendHashTable::new();
    let _ = arr.push(zend::object_zval(obj));
    let _ = arr.push(zend::str_zval(method));
    let mut z = Zval::new();
    z.set_hashtable(arr);
    z
}

/// Leaves "established": id back to the pool, out of `StreamClient::$connections`.
fn forget_id(obj: &mut ZendObject) {
    let Some(id) = state(obj).id.take() else {
        return;
    };
    if_rt(|rt| rt.ids.give_back(id));
    zend::static_array_put(base_class(), "connections", id, None);
}

/// The reactor's reference to the object, removed (to be dropped by the caller after the
/// last handler ran).
fn release(key: ConnKey) -> Option<Zval> {
    if_rt(|rt| rt.clients.remove(&key)).flatten()
}

/// Reads `$this->$name` as a non-negative number.
fn non_negative(obj: &ZendObject, name: &str) -> PhpResult<f64> {
    let v = zend::read_property(obj, name).unwrap_or_default();
    if v.is_null() {
        return Ok(0.0);
    }
    match number(&v) {
        Some(n) if n >= 0.0 && n.is_finite() => Ok(n),
        _ => Err(invalid_argument(&format!(
            "{}::${name} must be a number >= 0, got {}",
            class_name(obj),
            describe(&v)
        ))),
    }
}

/// Lookups the message path makes once, not per message.
#[derive(Default)]
struct HotCache {
    /// A MessageEvent no handler kept, ready for the next message.
    spare_message_event: Option<Zval>,
    /// Where the message event's class keeps sender/handled/name/data/message (by class;
    /// None: not plain slots, so by name).
    event_slots: Option<(usize, Option<EventSlots>)>,
    /// The length of the last packet a PHP parser's `input()` found (sizes its next window).
    last_packet: usize,
    /// The PHP parser's class and its input/decode/encode methods.
    parser_methods: Option<ParserMethods>,
}

impl StreamClient {
    fn hot(&mut self) -> &mut HotCache {
        self.hot.get_or_insert_with(Box::default)
    }
}

/// A PHP parser class's methods (a class's methods do not change while it exists, and the
/// client checks the class before using them).
#[derive(Clone, Copy)]
struct ParserMethods {
    ce: usize,
    input: Option<zend::Method>,
    decode: Option<zend::Method>,
    encode: Option<zend::Method>,
}

/// The methods of `parser` (an object of the client's `$parser`), cached per class.
fn parser_methods(obj: &mut ZendObject, parser: &ZendObject) -> ParserMethods {
    let ce = parser.ce as usize;
    if let Some(m) = state(obj).hot().parser_methods.filter(|m| m.ce == ce) {
        return m;
    }
    let m = ParserMethods {
        ce,
        input: zend::find_method(parser, "input"),
        decode: zend::find_method(parser, "decode"),
        encode: zend::find_method(parser, "encode"),
    };
    state(obj).hot().parser_methods = Some(m);
    m
}

/// How many bytes a pipe lets wait at its other end before the reading side pauses.
const PIPE_HIGH_WATER: usize = 256 * 1024;

#[php_impl]
#[php(change_method_case = "camelCase")]
impl StreamClient {
    const STATUS_CLOSED: i64 = 0;
    const STATUS_CONNECTING: i64 = 1;
    const STATUS_ESTABLISHED: i64 = 2;
    const ON_BEFORE_CONNECT: &'static str = "onBeforeConnect";
    const ON_CONNECT: &'static str = "onConnect";
    const ON_CONNECT_FAILED: &'static str = "onConnectFailed";
    const ON_MESSAGE: &'static str = "onMessage";
    const ON_CLOSE: &'static str = "onClose";
    const ON_BAD_PACKET: &'static str = "onBadPacket";
    const ON_BUFFER_FULL: &'static str = "onBufferFull";
    const ON_BUFFER_DRAIN: &'static str = "onBufferDrain";
    const ON_ERROR: &'static str = "onError";

    /// Yii `BaseObject` style: each key assigned as a property (setters, `'on x'` handlers),
    /// then `$this->init()` dynamically.
    #[php(optional = config)]
    pub fn __construct(config: Option<&Zval>) -> PhpResult<Self> {
        let obj = zend::this_object().ok_or("beyod\\StreamClient::__construct(): no object")?;
        if let Some(cfg) = config.filter(|c| !c.is_null()) {
            let Some(arr) = cfg.array() else {
                return Err(invalid_argument(&format!(
                    "{}::__construct(): $config must be an array, got {}",
                    class_name(obj),
                    describe(cfg)
                )));
            };
            for (k, v) in arr.iter() {
                zend::write_property(obj, &k.to_string(), v.shallow_clone());
                if zend::exception_pending() {
                    return Ok(std::mem::take(state(obj)));
                }
            }
        }
        zend::call_method(obj, "init", &[]);
        // The generated wrapper re-initialises the object with what we return: hand back the
        // state init() and the setters built.
        Ok(std::mem::take(state(obj)))
    }

    /// Resolves `$parser` and sets up reconnection.
    pub fn init(self_: &mut ZendClassObject<StreamClient>) -> PhpResult<()> {
        let obj = self_.get_mut_zend_obj();
        resolve_parser(obj)?;
        keepalive(obj);
        state(obj).inited = true;
        Ok(())
    }

    #[php(optional = renew)]
    pub fn connect(
        self_: &mut ZendClassObject<StreamClient>,
        renew: Option<&Zval>,
    ) -> PhpResult<Zval> {
        let obj = self_.get_mut_zend_obj();
        let this = zend::object_zval(obj);
        let renew = truthy(renew);
        let st = state(obj);
        match (st.status, st.key) {
            (STATUS_ESTABLISHED | STATUS_CONNECTING, Some(_)) if !renew => return Ok(this),
            (STATUS_ESTABLISHED, Some(_)) => close(obj),
            (_, Some(key)) => {
                // Renewing an attempt still in progress: abandon it silently.
                st.key = None;
                st.status = STATUS_CLOSED;
                let _ = with_rt(|rt| rt.reactor.close(key, Duration::ZERO));
                drop(release(key));
            }
            _ => {}
        }
        if zend::exception_pending() {
            return Ok(this);
        }
        cancel_reconnect(obj);
        let target = read_target(obj)?;
        let (options, client_options) = parse_options(obj)?;
        let tls = if target.is_tls() {
            // As the original's beforeConnect(): a TLS scheme turns `$ssl['enabled']` on.
            set_ssl_enabled(obj);
            Some(Box::new(parse_ssl(obj, &target.scheme_name)?))
        } else if ssl_enabled(obj) && matches!(target.scheme, Scheme::Tcp | Scheme::Unix) {
            // The manual's meaning of `enabled` (the original only said so in isSSL()): TLS
            // over the stream (over unix://, name the server with peer_name).
            Some(Box::new(parse_ssl(obj, &target.scheme_name)?))
        } else {
            None
        };
        let timeout = non_negative(obj, "timeout")?;
        let read_size = non_negative(obj, "read_buffer_size")? as usize;
        if read_size == 0 {
            return Err(invalid_argument(&format!(
                "{}::$read_buffer_size must be > 0",
                class_name(obj)
            )));
        }
        let max_send = non_negative(obj, "max_send_buffer_size")? as usize;
        resolve_parser(obj)?;
        if zend::exception_pending() {
            return Ok(this);
        }
        state(obj).framer = native_framer(obj)?;
        state(obj).framer_known = true;
        if !state(obj).reconnect_managed {
            // init() ran before the final config (Yii's container): set reconnection up now.
            keepalive(obj);
        }
        let st = state(obj);
        st.scheme = Some(target.scheme_name.clone());
        st.status = STATUS_CONNECTING;
        st.started = true;
        st.max_send = max_send;
        st.recv.clear();
        fire(obj, "onBeforeConnect", Kind::Io, &[]);
        let st = state(obj);
        if zend::exception_pending() || st.status != STATUS_CONNECTING || st.key.is_some() {
            // A handler threw, closed or reconnected the client itself.
            if zend::exception_pending() && st.key.is_none() {
                st.status = STATUS_CLOSED;
            }
            return Ok(this);
        }
        let spec = ConnectSpec {
            target,
            options,
            timeout: (timeout > 0.0).then(|| Duration::from_secs_f64(timeout)),
            read_buffer_size: read_size,
            tls,
            idle_timeout: client_options.idle_timeout,
            attempt_delay: client_options.attempt_delay,
            pinned: client_options.pinned.clone(),
            proxy: client_options.proxy.clone().map(Box::new),
        };
        st.client_options = client_options;
        // beyod: Yii::$app->eventLooper drives the reactor from now on.
        if module_info::ini_flag(module_info::JOIN_EVENT_LOOPER) {
            super::host_loop::join_application_looper()?;
        }
        if zend::exception_pending() {
            state(obj).status = STATUS_CLOSED;
            return Ok(this);
        }
        let st = state(obj);
        let pending = std::mem::take(&mut st.pending);
        st.pending_len = 0;
        let paused = st.paused;
        let key = with_rt(|rt| {
            let key = rt.reactor.connect(spec);
            rt.clients.insert(key, this.shallow_clone());
            for chunk in pending {
                rt.reactor.send(key, chunk, usize::MAX);
            }
            if paused {
                rt.reactor.set_paused(key, true);
            }
            key
        })?;
        state(obj).key = Some(key);
        Ok(this)
    }

    pub fn prepare(self_: &mut ZendClassObject<StreamClient>) -> PhpResult<Zval> {
        let obj = self_.get_mut_zend_obj();
        zend::call_method(obj, "connect", &[]).ok_or_else(|| "connect() failed".into())
    }

    /// `true` written at once, `int` bytes queued, `false` refused.
    #[php(optional = raw)]
    pub fn send(
        self_: &mut ZendClassObject<StreamClient>,
        message: &Zval,
        raw: Option<&Zval>,
    ) -> PhpResult<Zval> {
        let obj = self_.get_mut_zend_obj();
        let mut message = message.shallow_clone();
        // The bytes to queue, when a native framer made them (no PHP string in between).
        let mut framed: Option<Vec<u8>> = None;
        if !truthy(raw) {
            // Decided at connect(); before it, looked up each time (the parser may change).
            let st = state(obj);
            // Plain strings and arrays of them are encoded without calling PHP, so the
            // framer can be used in place; anything else may run __toString(): use a copy.
            let plain = message.is_string() || message.is_array();
            let encoded = match (st.framer.as_ref(), st.framer_known) {
                (Some(f), _) if plain && f.encodes() => Some(f.encode(&message)),
                _ => None,
            };
            let native = match (encoded.is_some(), st.framer.as_ref(), st.framer_known) {
                (true, _, _) => None,
                (false, Some(f), _) => Some(f.clone()),
                (false, None, true) => None,
                (false, None, false) => native_framer(obj)?,
            }
            .filter(Framer::encodes);
            if let Some(b) = encoded {
                match b {
                    Some(b) => framed = Some(b),
                    None => return Ok(zend::bool_zval(false)),
                }
            } else if let Some(f) = native {
                match f.encode(&message) {
                    Some(b) => framed = Some(b),
                    None => return Ok(zend::bool_zval(false)),
                }
            } else if let Some(parser) = parser_object(obj) {
                let this = zend::object_zval(obj);
                let p = parser.object().unwrap();
                match parser_methods(obj, p).encode {
                    Some(encode) => message = zend::call_found(p, encode, &[&message, &this]),
                    None => return Ok(zend::bool_zval(false)),
                }
                if zend::exception_pending() {
                    return Ok(zend::bool_zval(false));
                }
            }
        }
        let bytes = if let Some(b) = framed {
            b
        } else if message.is_null() || message.is_false() {
            return Ok(zend::bool_zval(false));
        } else if let Some(b) = zend::to_bytes(&message) {
            b
        } else {
            return Ok(zend::bool_zval(false));
        };
        let st = state(obj);
        let Some(key) = st.key else {
            // Not connected: queue for the next connection if one is coming.
            if st.started && st.reconnect_timer.is_none() {
                return Ok(zend::bool_zval(false));
            }
            let max = non_negative(obj, "max_send_buffer_size")? as usize;
            let st = state(obj);
            if st.pending_len >= max {
                st.stats.bytes_dropped += bytes.len() as u64;
                fire(obj, "onBufferFull", Kind::Io, &[]);
                return Ok(zend::bool_zval(false));
            }
            let n = bytes.len();
            st.pending_len += n;
            st.pending.push(bytes);
            st.note_sent(n, st.pending_len);
            return Ok(zend::long_zval(n as i64));
        };
        let piped_raw = st.pipe.is_some() && truthy(raw);
        let max = if piped_raw { usize::MAX } else { st.max_send };
        if piped_raw && with_rt(|rt| rt.reactor.waiting_bytes(key))? >= st.max_send {
            // Never drop proxied bytes: queue them and make the source wait for onBufferDrain.
            if let Some(src) = st.pipe.as_ref().and_then(|p| p.object()) {
                zend::call_method(src, "pauseRecv", &[]);
            }
        }
        let n = bytes.len();
        let (sent, queued) = with_rt(|rt| {
            let sent = rt.reactor.send(key, bytes, max);
            (sent, rt.reactor.queued_bytes(key))
        })?;
        let st = state(obj);
        match sent {
            // A datagram: the byte count, as the original's stream_socket_sendto().
            Sent::Written if st.is_datagram() => {
                st.note_sent(n, queued);
                Ok(zend::long_zval(n as i64))
            }
            Sent::Written => {
                st.note_sent(n, queued);
                Ok(zend::bool_zval(true))
            }
            Sent::Queued(q) | Sent::Partial(q) => {
                st.note_sent(n, queued);
                Ok(zend::long_zval(q as i64))
            }
            Sent::Deferred => {
                // Sent from a handler: written when this loop step's handlers return (true,
                // as an immediate write would be; nothing waits for the socket yet).
                st.note_sent(n, 0);
                Ok(zend::bool_zval(true))
            }
            Sent::Full => {
                st.stats.bytes_dropped += n as u64;
                fire(obj, "onBufferFull", Kind::Io, &[]);
                Ok(zend::bool_zval(false))
            }
            Sent::Closed => Ok(zend::bool_zval(false)),
        }
    }

    /// Closes by self: `onClose` (by 0) now; accepted bytes are still delivered.
    pub fn close(self_: &mut ZendClassObject<StreamClient>) {
        close(self_.get_mut_zend_obj());
    }

    /// Proxy mode: bytes read here are sent raw to `$target`, and (pipe is symmetric)
    /// bytes read there come here, with pauseRecv()/resumeRecv() backpressure.
    pub fn pipe(self_: &mut ZendClassObject<StreamClient>, target: &Zval) -> PhpResult<()> {
        let obj = self_.get_mut_zend_obj();
        let mut target = target.shallow_clone();
        let Some(t) = target.object_mut() else {
            return Err(invalid_argument(&format!(
                "{}::pipe(): $target must be a StreamClient or a connection object, got {}",
                class_name(obj),
                describe(&target)
            )));
        };
        let this = zend::object_zval(obj);
        match as_client(t) {
            Some(other) => other.pipe = Some(this),
            None => zend::write_prop(t, "_pipe", this),
        }
        state(obj).pipe = Some(target);
        Ok(())
    }

    pub fn unpipe(self_: &mut ZendClassObject<StreamClient>) {
        unpipe(self_.get_mut_zend_obj());
    }

    pub fn pause_recv(&mut self) {
        self.set_paused(true);
    }

    pub fn resume_recv(&mut self) {
        self.set_paused(false);
    }

    pub fn is_paused(&self) -> bool {
        self.paused
    }

    #[php(optional = value)]
    pub fn set_attribute(&mut self, name: &Zval, value: Option<&Zval>) {
        let key = attr_key(name);
        let attrs = self.attributes.get_or_insert_with(|| {
            let mut z = Zval::new();
            z.set_hashtable(ZendHashTable::new());
            z
        });
        let Some(arr) = attrs.array_mut() else { return };
        match value.filter(|v| !v.is_null()) {
            Some(v) => {
                let _ = arr.insert(key.as_str(), v.shallow_clone());
            }
            None => {
                arr.remove(key.as_str());
            }
        }
    }

    #[php(optional = default)]
    pub fn get_attribute(&self, name: &Zval, default: Option<&Zval>) -> Zval {
        let key = attr_key(name);
        self.attributes
            .as_ref()
            .and_then(|a| a.array())
            .and_then(|a| a.get(key.as_str()))
            .map(Zval::shallow_clone)
            .or_else(|| default.map(Zval::shallow_clone))
            .unwrap_or_default()
    }

    pub fn has_attribute(&self, name: &Zval) -> bool {
        let key = attr_key(name);
        self.attributes
            .as_ref()
            .and_then(|a| a.array())
            .is_some_and(|a| a.get(key.as_str()).is_some_and(|v| !v.is_null()))
    }

    /// `attr($name)` reads, `attr($name, $value)` writes (as beyod's BaseConnection).
    #[php(optional = value)]
    pub fn attr(&mut self, name: &Zval, value: Option<&Zval>) -> Zval {
        let given = ext_php_rs::zend::ExecutorGlobals::get().current_execute_data;
        // SAFETY: the frame of this very call.
        let argc = unsafe { given.as_ref().map_or(1, |ex| ex.This.u2.num_args) };
        if argc >= 2 {
            self.set_attribute(name, value);
            Zval::new()
        } else {
            self.get_attribute(name, None)
        }
    }

    pub fn get_is_closed(&self) -> bool {
        self.status != STATUS_ESTABLISHED
    }

    pub fn get_is_established(&self) -> bool {
        self.status == STATUS_ESTABLISHED
    }

    pub fn is_closed(&self) -> bool {
        self.status != STATUS_ESTABLISHED
    }

    #[php(name = "isConnnected")]
    pub fn is_connnected(&self) -> bool {
        self.status == STATUS_ESTABLISHED
    }

    pub fn is_connected(&self) -> bool {
        self.status == STATUS_ESTABLISHED
    }

    pub fn get_id(&self) -> Option<i64> {
        self.id
    }

    #[php(name = "__toString")]
    pub fn to_string(self_: &mut ZendClassObject<StreamClient>) -> String {
        let id = self_.id.map(|i| i.to_string()).unwrap_or_default();
        let obj = self_.get_mut_zend_obj();
        let s = |n: &str| {
            zend::read_property(obj, n)
                .and_then(|v| zend::to_bytes(&v))
                .map(|b| String::from_utf8_lossy(&b).into_owned())
                .unwrap_or_default()
        };
        format!("{id} {} {}", s("peer"), s("local"))
    }

    pub fn get_scheme(self_: &mut ZendClassObject<StreamClient>) -> Option<String> {
        scheme_of(self_)
    }

    /// TLS is (or will be) used: a TLS scheme, or tcp:// with `$ssl['enabled']`.
    #[php(name = "isSSL")]
    pub fn is_ssl(self_: &mut ZendClassObject<StreamClient>) -> bool {
        match scheme_of(self_).as_deref() {
            Some("ssl" | "tls" | "sslv2" | "sslv3") => true,
            // As the original's: any stream with $ssl['enabled'] (and here it is TLS).
            Some("tcp" | "unix") => ssl_enabled(self_.get_mut_zend_obj()),
            _ => false,
        }
    }

    #[php(name = "isTCP")]
    pub fn is_tcp(self_: &mut ZendClassObject<StreamClient>) -> bool {
        scheme_of(self_).as_deref() == Some("tcp")
    }

    #[php(name = "isUDP")]
    pub fn is_udp(self_: &mut ZendClassObject<StreamClient>) -> bool {
        matches!(scheme_of(self_).as_deref(), Some("udp" | "udg"))
    }

    pub fn is_unix(self_: &mut ZendClassObject<StreamClient>) -> bool {
        scheme_of(self_).as_deref() == Some("unix")
    }

    pub fn get_response_at(&self) -> Option<f64> {
        self.response_at
    }

    pub fn get_connect_at(&self) -> Option<f64> {
        self.connect_at
    }

    /// A duplicate of the socket descriptor (for getsockopt and inspection), or null.
    pub fn get_socket(&self) -> Zval {
        let fd = self
            .key
            .and_then(|k| if_rt(|rt| rt.reactor.socket_fd(k)).flatten());
        fd.and_then(|fd| zend::stream_over_fd(fd, "r+"))
            .unwrap_or_default()
    }

    pub fn keepalive(self_: &mut ZendClassObject<StreamClient>) {
        keepalive(self_.get_mut_zend_obj());
    }

    /// Schedules `connect()` after `$reconnect_interval` unless the close was by self.
    #[php(name = "reConnect")]
    pub fn re_connect(self_: &mut ZendClassObject<StreamClient>, event: &Zval) -> PhpResult<Zval> {
        let obj = self_.get_mut_zend_obj();
        if let Some(by) = event.object().and_then(|e| zend::read_prop(e, "by")) {
            if by.long() != Some(1) {
                return Ok(zend::bool_zval(false));
            }
        }
        let interval = non_negative(obj, "reconnect_interval")?;
        let st = state(obj);
        if interval <= 0.0 || st.reconnect_timer.is_some() {
            return Ok(zend::bool_zval(false));
        }
        let o = &st.client_options;
        if o.max_attempts > 0 && st.attempts >= o.max_attempts {
            return Ok(zend::bool_zval(false));
        }
        let delay = backoff_delay(interval, st.attempts.max(1), o);
        let this = zend::object_zval(obj);
        let id = with_rt(|rt| {
            let id = rt.reactor.add_timer(Duration::from_secs_f64(delay));
            rt.timers.insert(id, TimerAction::Reconnect(this));
            id
        })?;
        state(obj).reconnect_timer = Some(id);
        Ok(Zval::new())
    }

    /// Half-close: queued bytes are written, then our FIN; messages keep arriving until the
    /// peer closes, then `onClose` (by self: no reconnect). `send()` refuses from now on.
    pub fn end(&mut self) -> bool {
        let Some(key) = self.key.filter(|_| self.status == STATUS_ESTABLISHED) else {
            return false;
        };
        self.ending = true;
        if_rt(|rt| rt.reactor.end(key));
        true
    }

    /// The protocol ALPN negotiated on the current TLS connection, or null.
    pub fn get_alpn_protocol(&self) -> Option<String> {
        self.alpn
            .as_ref()
            .map(|a| String::from_utf8_lossy(a).into_owned())
    }

    /// Counters and phase timings of this client (all connections it made).
    pub fn get_stats(&self) -> PhpResult<Zval> {
        let queued = self
            .key
            .and_then(|k| if_rt(|rt| rt.reactor.queued_bytes(k)))
            .unwrap_or(self.pending_len);
        stats::client_array(&self.stats, self.status, queued, self.alpn.as_deref())
    }

    /// Hook called right after the `onConnect` handlers.
    pub fn after_connected(&self) {}

    pub fn buffer_is_full(self_: &mut ZendClassObject<StreamClient>) -> bool {
        let (queued, max) = match self_.key {
            Some(k) => (
                if_rt(|rt| rt.reactor.queued_bytes(k)).unwrap_or(0),
                self_.max_send,
            ),
            None => {
                let max =
                    non_negative(self_.get_mut_zend_obj(), "max_send_buffer_size").unwrap_or(0.0);
                (self_.pending_len, max as usize)
            }
        };
        queued >= max
    }

    pub fn generate_id() -> PhpResult<i64> {
        with_rt(|rt| rt.ids.take())
    }

    pub fn unset_id(id: &Zval) -> PhpResult<()> {
        if let Some(id) = id.long() {
            with_rt(|rt| rt.ids.give_back(id))?;
        }
        Ok(())
    }

    #[php(optional = sock)]
    pub fn check_connect_result(
        &self,
        sock: Option<&Zval>,
        flag: Option<&Zval>,
        arg: Option<&Zval>,
    ) {
        let _ = (sock, flag, arg);
    }

    pub fn read_buffer(&self) {}

    pub fn base_write(&self) {}

    pub fn remove_event_looper(&self) {}

    pub fn __destruct(self_: &mut ZendClassObject<StreamClient>) {
        forget_id(self_.get_mut_zend_obj());
    }

    // ---- yii\base\Component ----

    #[php(optional = data)]
    pub fn on(
        self_: &mut ZendClassObject<StreamClient>,
        name: &Zval,
        handler: &Zval,
        data: Option<&Zval>,
        append: Option<&Zval>,
    ) -> PhpResult<()> {
        let name = event_name(name)?;
        if !handler.is_callable() {
            return Err(invalid_argument(&format!(
                "beyod\\StreamClient::on('{name}'): the handler is not callable ({})",
                describe(handler)
            )));
        }
        let obj = self_.get_mut_zend_obj();
        behaviors::ensure(obj);
        let append = append.is_none_or(|a| a.is_null() || truthy(Some(a)));
        state(obj).handlers.on(
            &name,
            handler.shallow_clone(),
            data.map(Zval::shallow_clone).unwrap_or_default(),
            append,
        );
        Ok(())
    }

    #[php(optional = handler)]
    pub fn off(
        self_: &mut ZendClassObject<StreamClient>,
        name: &Zval,
        handler: Option<&Zval>,
    ) -> PhpResult<bool> {
        let name = event_name(name)?;
        let obj = self_.get_mut_zend_obj();
        behaviors::ensure(obj);
        Ok(state(obj)
            .handlers
            .off(&name, handler.filter(|h| !h.is_null())))
    }

    #[php(optional = event)]
    pub fn trigger(
        self_: &mut ZendClassObject<StreamClient>,
        name: &Zval,
        event: Option<&Zval>,
    ) -> PhpResult<()> {
        let name = event_name(name)?;
        let event = event.filter(|e| !e.is_null()).map(Zval::shallow_clone);
        if let Some(e) = &event {
            if !e.is_object() {
                return Err(invalid_argument(&format!(
                    "beyod\\StreamClient::trigger('{name}'): $event must be an event object, got {}",
                    describe(e)
                )));
            }
        }
        trigger(self_.get_mut_zend_obj(), &name, event, || {
            events::make(Kind::Base, &[])
        });
        Ok(())
    }

    /// Instance handlers (wildcards included), then Yii's class-level ones.
    pub fn has_event_handlers(
        self_: &mut ZendClassObject<StreamClient>,
        name: &Zval,
    ) -> PhpResult<bool> {
        let name = event_name(name)?;
        let obj = self_.get_mut_zend_obj();
        behaviors::ensure(obj);
        Ok(state(obj).handlers.has(&name) || class_level_handlers(obj, &name))
    }

    /// Behaviors declared by a subclass (name or index => behavior object, class name or
    /// config array); attached on first use.
    pub fn behaviors(&self) -> Zval {
        let mut z = Zval::new();
        z.set_hashtable(ZendHashTable::new());
        z
    }

    pub fn ensure_behaviors(self_: &mut ZendClassObject<StreamClient>) {
        behaviors::ensure(self_.get_mut_zend_obj());
    }

    pub fn attach_behavior(
        self_: &mut ZendClassObject<StreamClient>,
        name: &Zval,
        behavior: &Zval,
    ) -> Zval {
        let obj = self_.get_mut_zend_obj();
        behaviors::ensure(obj);
        let name = match name.long() {
            Some(_) => behaviors::Name::Append,
            None => behaviors::Name::Key(attr_key(name)),
        };
        behaviors::attach(obj, name, behavior).unwrap_or_default()
    }

    pub fn attach_behaviors(self_: &mut ZendClassObject<StreamClient>, behaviors: &Zval) {
        let obj = self_.get_mut_zend_obj();
        behaviors::ensure(obj);
        let Some(list) = behaviors.array().map(|a| a.to_owned()) else {
            return;
        };
        for (k, b) in list.iter() {
            behaviors::attach(obj, behaviors::Name::of(k), b);
            if zend::exception_pending() {
                return;
            }
        }
    }

    pub fn detach_behavior(self_: &mut ZendClassObject<StreamClient>, name: &Zval) -> Zval {
        behaviors::detach(self_.get_mut_zend_obj(), &attr_key(name)).unwrap_or_default()
    }

    pub fn detach_behaviors(self_: &mut ZendClassObject<StreamClient>) {
        behaviors::detach_all(self_.get_mut_zend_obj());
    }

    pub fn get_behavior(self_: &mut ZendClassObject<StreamClient>, name: &Zval) -> Zval {
        behaviors::get(self_.get_mut_zend_obj(), &attr_key(name)).unwrap_or_default()
    }

    pub fn get_behaviors(self_: &mut ZendClassObject<StreamClient>) -> Zval {
        behaviors::all(self_.get_mut_zend_obj())
    }

    pub fn __get(self_: &mut ZendClassObject<StreamClient>, name: String) -> PhpResult<Zval> {
        let obj = self_.get_mut_zend_obj();
        let getter = format!("get{name}");
        if zend::has_method(obj, &getter) {
            return Ok(zend::call_method(obj, &getter, &[]).unwrap_or_default());
        }
        if name == PIPE_PROPERTY {
            return Ok(state(obj)
                .pipe
                .as_ref()
                .map(Zval::shallow_clone)
                .unwrap_or_default());
        }
        if let Some(b) = behaviors::property_owner(obj, &name, false, true) {
            return Ok(behaviors::read(&b, &name).unwrap_or_default());
        }
        if zend::exception_pending() {
            return Ok(Zval::new());
        }
        let cls = class_name(obj);
        if zend::has_method(obj, &format!("set{name}")) {
            return Err(invalid_call(&format!(
                "Getting write-only property: {cls}::{name}"
            )));
        }
        Err(unknown_property(&format!(
            "Getting unknown property: {cls}::{name}"
        )))
    }

    pub fn __set(
        self_: &mut ZendClassObject<StreamClient>,
        name: String,
        value: &Zval,
    ) -> PhpResult<()> {
        let obj = self_.get_mut_zend_obj();
        let setter = format!("set{name}");
        if zend::has_method(obj, &setter) {
            zend::call_method(obj, &setter, &[value]);
            return Ok(());
        }
        if let Some(event) = name.strip_prefix("on ") {
            let event = zend::str_zval(event.trim());
            zend::call_method(obj, "on", &[&event, value]);
            return Ok(());
        }
        if let Some(behavior) = name.strip_prefix("as ") {
            behaviors::ensure(obj);
            if zend::exception_pending() {
                return Ok(());
            }
            return behaviors::attach_from_config(obj, behavior.trim(), value)
                .map_err(|msg| invalid_config(&msg));
        }
        if name == PIPE_PROPERTY {
            // beyod's Connection::pipe($client) sets `$client->_pipe = $this` itself.
            state(obj).pipe = value.is_object().then(|| value.shallow_clone());
            return Ok(());
        }
        if let Some(b) = behaviors::property_owner(obj, &name, true, true) {
            behaviors::write(&b, &name, value.shallow_clone());
            return Ok(());
        }
        if zend::exception_pending() {
            return Ok(());
        }
        let cls = class_name(obj);
        if zend::has_method(obj, &format!("get{name}")) {
            return Err(invalid_call(&format!(
                "Setting read-only property: {cls}::{name}"
            )));
        }
        Err(unknown_property(&format!(
            "Setting unknown property: {cls}::{name}"
        )))
    }

    pub fn __isset(self_: &mut ZendClassObject<StreamClient>, name: String) -> bool {
        let obj = self_.get_mut_zend_obj();
        let getter = format!("get{name}");
        if zend::has_method(obj, &getter) {
            return zend::call_method(obj, &getter, &[]).is_some_and(|v| !v.is_null());
        }
        if name == PIPE_PROPERTY {
            return state(obj).pipe.is_some();
        }
        behaviors::property_owner(obj, &name, false, true)
            .and_then(|b| behaviors::read(&b, &name))
            .is_some_and(|v| !v.is_null())
    }

    pub fn __unset(self_: &mut ZendClassObject<StreamClient>, name: String) -> PhpResult<()> {
        let obj = self_.get_mut_zend_obj();
        let setter = format!("set{name}");
        if zend::has_method(obj, &setter) {
            zend::call_method(obj, &setter, &[&Zval::new()]);
            return Ok(());
        }
        if let Some(b) = behaviors::property_owner(obj, &name, true, true) {
            behaviors::write(&b, &name, Zval::new());
            return Ok(());
        }
        if zend::exception_pending() {
            return Ok(());
        }
        let cls = class_name(obj);
        Err(invalid_call(&format!(
            "Unsetting an unknown or read-only property: {cls}::{name}"
        )))
    }

    /// A behavior's method, else `UnknownMethodException` (Yii) / `BadMethodCallException`.
    pub fn __call(
        self_: &mut ZendClassObject<StreamClient>,
        name: String,
        params: &Zval,
    ) -> PhpResult<Zval> {
        let obj = self_.get_mut_zend_obj();
        if let Some(b) = behaviors::method_owner(obj, &name) {
            let args: Vec<Zval> = params
                .array()
                .map(|a| a.values().map(Zval::shallow_clone).collect())
                .unwrap_or_default();
            let args: Vec<&Zval> = args.iter().collect();
            return Ok(b
                .object()
                .and_then(|b| zend::call_method(b, &name, &args))
                .unwrap_or_default());
        }
        if zend::exception_pending() {
            return Ok(Zval::new());
        }
        let cls = class_name(obj);
        Err(unknown_method(&format!(
            "Calling unknown method: {cls}::{name}()"
        )))
    }

    #[php(optional = checkVars)]
    pub fn has_property(
        self_: &mut ZendClassObject<StreamClient>,
        name: String,
        checkVars: Option<&Zval>,
        checkBehaviors: Option<&Zval>,
    ) -> bool {
        let obj = self_.get_mut_zend_obj();
        let vars = flag_or_true(checkVars);
        let behaviors = flag_or_true(checkBehaviors);
        can_get(obj, &name, vars, behaviors) || can_set(obj, &name, false, behaviors)
    }

    #[php(optional = checkVars)]
    pub fn can_get_property(
        self_: &mut ZendClassObject<StreamClient>,
        name: String,
        checkVars: Option<&Zval>,
        checkBehaviors: Option<&Zval>,
    ) -> bool {
        let obj = self_.get_mut_zend_obj();
        can_get(
            obj,
            &name,
            flag_or_true(checkVars),
            flag_or_true(checkBehaviors),
        )
    }

    #[php(optional = checkVars)]
    pub fn can_set_property(
        self_: &mut ZendClassObject<StreamClient>,
        name: String,
        checkVars: Option<&Zval>,
        checkBehaviors: Option<&Zval>,
    ) -> bool {
        let obj = self_.get_mut_zend_obj();
        can_set(
            obj,
            &name,
            flag_or_true(checkVars),
            flag_or_true(checkBehaviors),
        )
    }

    #[php(optional = checkBehaviors)]
    pub fn has_method(
        self_: &mut ZendClassObject<StreamClient>,
        name: String,
        checkBehaviors: Option<&Zval>,
    ) -> bool {
        let obj = self_.get_mut_zend_obj();
        zend::has_method(obj, &name)
            || (flag_or_true(checkBehaviors) && behaviors::method_owner(obj, &name).is_some())
    }

    pub fn class_name() -> String {
        // Late static binding: the called class.
        let ex = ext_php_rs::zend::ExecutorGlobals::get().current_execute_data;
        // SAFETY: the frame of this very static call; This.value.ce is the called scope.
        unsafe {
            ex.as_ref()
                .and_then(|ex| (ex.This.value.ce as *const ext_php_rs::zend::ClassEntry).as_ref())
                .and_then(|c| c.name())
                .map(str::to_string)
                .unwrap_or_else(|| CLASS.to_string())
        }
    }
}

impl StreamClient {
    fn note_sent(&mut self, bytes: usize, queued: usize) {
        self.stats.bytes_out += bytes as u64;
        self.stats.messages_out += 1;
        self.stats.high_water = self.stats.high_water.max(queued);
        stats::count(|g| {
            g.bytes_out += bytes as u64;
            g.messages_out += 1;
        });
    }

    fn set_paused(&mut self, paused: bool) {
        let resumed = self.paused && !paused;
        self.paused = paused;
        if let Some(key) = self.key {
            if_rt(|rt| {
                rt.reactor.set_paused(key, paused);
                if resumed && !self.recv.is_empty() {
                    // Bytes held while paused are framed before anything read later.
                    rt.reactor.requeue_front(key, ConnEvent::Data(Vec::new()));
                }
            });
        }
    }
}

/// The property beyod's `BaseConnection::pipe()` reads and writes on the other end.
const PIPE_PROPERTY: &str = "_pipe";

/// The behaviors of a client object (for behaviors.rs).
pub fn behaviors_of(obj: &mut ZendObject) -> &mut Behaviors {
    &mut state(obj).behaviors
}

/// `yii\base\Event::hasHandlers($this, $name)` when Yii is loaded (with the original's
/// parent classes).
fn class_level_handlers(obj: &mut ZendObject, name: &str) -> bool {
    let Some(class_level) = events::yii_event_class().and_then(|yii| ClassLevel::of(yii, name))
    else {
        return false;
    };
    class_level.has(&zend::object_zval(obj), name) && !zend::exception_pending()
}

/// An optional boolean parameter that defaults to true (`$checkVars = true`).
fn flag_or_true(v: Option<&Zval>) -> bool {
    v.is_none_or(|c| c.is_null() || truthy(Some(c)))
}

/// Yii's `canGetProperty()`: a getter, a property (`$checkVars`), a behavior's.
fn can_get(obj: &mut ZendObject, name: &str, vars: bool, behaviors: bool) -> bool {
    zend::has_method(obj, &format!("get{name}"))
        || (vars && zend::read_property(obj, name).is_some())
        || (behaviors && behaviors::property_owner(obj, name, false, vars).is_some())
}

/// Yii's `canSetProperty()`: a setter, a property (`$checkVars`), a behavior's.
fn can_set(obj: &mut ZendObject, name: &str, vars: bool, behaviors: bool) -> bool {
    zend::has_method(obj, &format!("set{name}"))
        || (vars && zend::read_property(obj, name).is_some())
        || (behaviors && behaviors::property_owner(obj, name, true, vars).is_some())
}

fn as_client(obj: &mut ZendObject) -> Option<&mut StreamClient> {
    ZendClassObject::<StreamClient>::from_zend_obj_mut(obj).map(|c| &mut **c)
}

fn attr_key(name: &Zval) -> String {
    zend::to_bytes(name)
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default()
}

fn event_name(name: &Zval) -> PhpResult<String> {
    name.str().map(str::to_string).ok_or_else(|| {
        invalid_argument(&format!(
            "an event name must be a string, got {}",
            describe(name)
        ))
    })
}

fn scheme_of(self_: &mut ZendClassObject<StreamClient>) -> Option<String> {
    if let Some(s) = &self_.scheme {
        return Some(s.clone());
    }
    let obj = self_.get_mut_zend_obj();
    let t = zend::read_prop(obj, "target")?;
    let (scheme, _) = t.str()?.split_once("://")?;
    Some(scheme.to_ascii_lowercase())
}

impl StreamClient {
    /// A `udp://`/`udg://` client.
    fn is_datagram(&self) -> bool {
        matches!(self.scheme.as_deref(), Some("udp" | "udg"))
    }
}

/// Dispatches one reactor event to its client.
pub fn on_connection_event(mut client: Zval, key: ConnKey, what: ConnEvent) {
    let Some(obj) = client.object_mut() else {
        return;
    };
    if state(obj).key != Some(key) {
        return;
    }
    match what {
        ConnEvent::Connected { peer, local } => {
            let (id, timings) =
                with_rt(|rt| (rt.ids.take(), rt.reactor.timings(key))).unwrap_or((0, None));
            let st = state(obj);
            let reconnected = st.stats.connects > 0;
            st.stats.connects += 1;
            if reconnected {
                st.stats.reconnects += 1;
            }
            st.attempts = 0;
            st.alpn = timings.as_ref().and_then(|t| t.alpn.clone());
            st.stats.timings = timings;
            stats::count(|g| g.connects += 1);
            st.status = STATUS_ESTABLISHED;
            st.id = Some(id);
            st.connect_at = Some(now());
            zend::write_prop(obj, "peer", zend::str_zval(&peer));
            zend::write_prop(obj, "local", zend::str_zval(&local));
            zend::static_array_put(
                base_class(),
                "connections",
                id,
                Some(zend::object_zval(obj)),
            );
            if state(obj).is_datagram() {
                // As the original: a datagram client has no connect to report (no onConnect,
                // no afterConnected()); send() works from prepare() on.
                return;
            }
            fire(obj, "onConnect", Kind::Io, &[]);
            if !zend::exception_pending() {
                zend::call_method(obj, "afterConnected", &[]);
            }
            if reconnected && !zend::exception_pending() && state(obj).key == Some(key) {
                // The hook for re-authenticating or re-subscribing after a reconnect.
                fire(obj, "onReconnect", Kind::Io, &[]);
            }
        }
        ConnEvent::ConnectFailed {
            code,
            errstr,
            detail,
        } => {
            // What send() accepted for this attempt waits for the next one (or a close()).
            let unsent = with_rt(|rt| rt.reactor.take_unsent(key)).unwrap_or_default();
            let st = state(obj);
            st.pending_len += unsent.iter().map(Vec::len).sum::<usize>();
            let mut requeued = unsent;
            requeued.append(&mut st.pending);
            st.pending = requeued;
            st.key = None;
            st.status = STATUS_CLOSED;
            st.attempts += 1;
            st.stats.connect_failures += 1;
            st.stats.last_error = Some((code as i64, detail));
            stats::count(|g| g.connect_failures += 1);
            let held = release(key);
            fire(
                obj,
                "onConnectFailed",
                Kind::Error,
                &error_fields(code as i64, &errstr),
            );
            drop(held);
        }
        ConnEvent::Data(bytes) => on_data(obj, key, bytes),
        ConnEvent::Error { code, errstr } => {
            state(obj).stats.last_error = Some((code as i64, errstr.clone()));
            fire(
                obj,
                "onError",
                Kind::Error,
                &error_fields(code as i64, &errstr),
            );
        }
        ConnEvent::Drained => {
            resume_pipe_source(obj);
            // The original's datagrams never wait in a buffer: it never fires onBufferDrain.
            if !state(obj).is_datagram() {
                fire(obj, "onBufferDrain", Kind::Io, &[]);
            }
        }
        ConnEvent::Closed => {
            if !state(obj).recv.is_empty() {
                // Everything received before the FIN is delivered before onClose, even if
                // the client was paused meanwhile.
                state(obj).paused = false;
                on_data(obj, key, Vec::new());
                if zend::exception_pending() || state(obj).key != Some(key) {
                    if state(obj).key == Some(key) {
                        if_rt(|rt| rt.reactor.requeue_front(key, ConnEvent::Closed));
                    }
                    return;
                }
            }
            leave_connection(obj);
            let held = release(key);
            // After end() the close was ours: no reconnect.
            let by = if std::mem::take(&mut state(obj).ending) {
                0
            } else {
                1
            };
            announce_close(obj, by, held);
        }
    }
}

/// The class's `write_property` handler: the standard one, and for `$parser` and
/// `$reconnect_interval` written after `init()` (Yii's container assigns a non-Configurable
/// class's config after constructing it; `Yii::configure()`; plain assignment) what `init()`
/// does with them: a class name or config array becomes the parser object, an interval > 0
/// attaches `[$this, 'reConnect']`. The original (Configurable) saw them in `init()`.
///
/// # Safety
/// Called by the engine with a live object of this class, a property name and a value.
pub unsafe extern "C" fn write_property(
    object: *mut ext_php_rs::ffi::zend_object,
    member: *mut ext_php_rs::ffi::zend_string,
    value: *mut ext_php_rs::ffi::zval,
    cache_slot: *mut *mut std::ffi::c_void,
) -> *mut ext_php_rs::ffi::zval {
    // SAFETY: the engine's arguments; a zend_string's bytes are `len` long from `val`.
    unsafe {
        let name = std::slice::from_raw_parts((*member).val.as_ptr() as *const u8, (*member).len);
        let hook = match name {
            b"parser" => Some(true),
            b"reconnect_interval" => Some(false),
            _ => None,
        };
        // Hooked names bypass the engine's property cache, so every write comes here.
        let slot = if hook.is_some() {
            std::ptr::null_mut()
        } else {
            cache_slot
        };
        let r = ext_php_rs::ffi::zend_std_write_property(object, member, value, slot);
        let Some(parser) = hook else { return r };
        let obj = &mut *(object as *mut ZendObject);
        if zend::exception_pending() || !state(obj).inited {
            return r;
        }
        if parser {
            if let Err(e) = resolve_parser(obj) {
                zend::throw(e);
            }
        } else {
            keepalive(obj);
        }
        r
    }
}
