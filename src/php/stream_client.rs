//! `beyod\StreamClient`: the PHP class. Its public properties are ordinary declared PHP
//! properties (read at `connect()`), its connection lives in the reactor, and its handlers,
//! attributes and state live in this struct.

// PHP parameter names are camelCase (reflection shows them; the stubs match).
#![allow(non_snake_case)]

use std::mem::ManuallyDrop;
use std::num::NonZeroI64;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use ext_php_rs::builders::ClassProperty;
use ext_php_rs::flags::PropertyFlags;
use ext_php_rs::prelude::*;
use ext_php_rs::types::{ZendClassObject, ZendHashTable, ZendObject, Zval};
use ext_php_rs::zend::ce;

use crate::core::framing::RecvBuffer;
use crate::core::proxy::Proxy;
use crate::core::target::{scheme_name_of, Scheme};
use crate::core::tls::{parse_fingerprint, Digest, TlsOptions};
use crate::core::{
    ConnEvent, ConnKey, ConnectSpec, Piece, Sent, SocketOptions, Target, TimerId, Timings,
};

use super::behaviors::{self, Behaviors};
use super::class_setup::{declared, gc_ref, HoldsPhpValues, Initial, Scalar};
use super::component::Handlers;
use super::errors::{
    invalid_argument, invalid_call, invalid_config, unknown_method, unknown_property,
};
use super::events::{self, EventClass};
use super::module_info;
use super::parsers::{beyod_response, resp_to_zval, Frame, Framer, ReplyCache};
use super::runtime::{if_rt, with_rt, TimerAction};
use super::stats::{self, Stats};
use super::yii;
use super::yii::ClassLevel;
use super::zend;
use super::zend::describe;
use super::zend::{number, Obj};

mod config;
mod connecting;
mod connection_events;
mod firing;
mod inbound;
mod lifecycle;
mod magic_entries;
mod magic_methods;
mod options;
mod outbound;
mod pipe;
mod ssl;
use config::*;
pub use connection_events::on_connection_event;
use firing::*;
use inbound::*;
use lifecycle::*;
pub use lifecycle::{forget_connection_id, left_behind_by_fork, on_reconnect_due};
use magic_methods::{can_get, can_set, flag_or_true};
use options::*;
pub use pipe::close_when_drained;
use pipe::*;
use ssl::*;

/// Where a client is; PHP sees it as `STATUS_*` (`getStats()['state']`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Status {
    #[default]
    Closed = 0,
    Connecting = 1,
    Established = 2,
}

impl Status {
    pub fn name(self) -> &'static str {
        match self {
            Status::Closed => "closed",
            Status::Connecting => "connecting",
            Status::Established => "established",
        }
    }
}

/// How a client's messages are framed, decided at `connect()`.
#[derive(Default)]
enum Framing {
    /// Not connected yet: send() looks the parser up each time (it may still change).
    #[default]
    Undecided,
    /// The PHP parser's own `input()`/`decode()`/`encode()`, or no parser.
    Php,
    /// One of the extension's framers, for a parser it knows (boxed: a client without one
    /// does not carry its size).
    Native(Box<Framer>),
}

/// Bytes `send()` accepted while no connection was there (before `connect()`, or while a
/// reconnect is scheduled): handed to the next connection when it starts. (Held in the
/// client's `Rare` box: most clients never have any.)
#[derive(Default)]
struct Pending {
    chunks: Vec<Vec<u8>>,
    /// Their bytes in all.
    len: usize,
}

impl Pending {
    fn push(&mut self, bytes: Vec<u8>) {
        self.len += bytes.len();
        self.chunks.push(bytes);
    }

    /// What a failed connection did not write goes first, before what was sent since.
    fn requeue_front(&mut self, mut unsent: Vec<Vec<u8>>) {
        if unsent.is_empty() {
            return;
        }
        self.len += unsent.iter().map(Vec::len).sum::<usize>();
        unsent.append(&mut self.chunks);
        self.chunks = unsent;
    }

    /// Everything, for the connection that starts now.
    fn take(&mut self) -> Vec<Vec<u8>> {
        std::mem::take(self).chunks
    }

    fn clear(&mut self) {
        *self = Pending::default();
    }

    fn len(&self) -> usize {
        self.len
    }

    fn is_empty(&self) -> bool {
        self.chunks.is_empty()
    }
}

/// The client's own reconnecting (`$reconnect_interval`, `keepalive()`).
#[derive(Default)]
struct Reconnect {
    /// The scheduled reconnect.
    timer: Option<TimerId>,
    /// Failed attempts since the last successful connect (the backoff's exponent).
    failures: u32,
    /// keepalive() attached `[$this, 'reConnect']` once; the application may detach it.
    managed: bool,
}

const CLASS: &str = "beyod\\StreamClient";

#[php_class]
#[php(name = "beyod\\StreamClient")]
#[derive(Default)]
pub struct StreamClient {
    key: Option<ConnKey>,
    status: Status,
    /// The scheme of the target last connected to: 1 + its `Target::scheme_index()` (0: not
    /// connected yet).
    scheme: u8,
    paused: bool,
    started: bool,
    /// `end()` was called: the close that follows is ours.
    ending: bool,
    /// init() ran: from now on writes to `$parser` / `$reconnect_interval` take effect at once.
    inited: bool,
    /// `getId()` while established (ids start at 1).
    id: Option<NonZeroI64>,
    handlers: Handlers,
    behaviors: Behaviors,
    /// Received bytes not yet framed into a packet.
    recv: Recv,
    /// What the message path found once, and the traffic counters (allocated with the first
    /// message or send: an idle connection does not pay for it).
    hot: Option<Box<HotCache>>,
    framing: Framing,
    /// What few clients use (boxed: see [`Rare`]).
    rare: Option<Box<Rare>>,
    /// `microtime(true)` of the last connect; 0: none yet.
    connect_at: f64,
    /// Connections established, over the client's life.
    connects: u64,
    /// Phase timings of the last successful connect.
    timings: Option<Box<Timings>>,
    max_send: usize,
}

/// The layout budget: this struct is inline in every PHP object, whose allocation (with the
/// `zend_object` header of 56 bytes and the 10 declared properties' 160) must stay in Zend's
/// 384-byte bin. Anything an idle, established client does not use lives in `Rare` or
/// `HotCache`, allocated on first use.
const _: () = assert!(std::mem::size_of::<StreamClient>() <= 384 - 56 - 160);

/// The parts of a client few clients use: attributes, a pipe, bytes sent before a connection
/// is there, non-default `$options`, reconnect state and failure counters.
#[derive(Default)]
struct Rare {
    attributes: Option<Zval>,
    /// The other end of `pipe()`: a StreamClient or a beyod server-side Connection.
    pipe: Option<Zval>,
    /// Bytes sent while no connection is there, for the one to come.
    pending: Pending,
    /// The reconnect policy from `$options`, when not the default.
    client_options: Option<ClientOptions>,
    reconnect: Reconnect,
    reconnects: u64,
    connect_failures: u64,
    /// Bytes `send()` refused because the queue was full.
    bytes_dropped: u64,
    last_error: Option<(i64, String)>,
}

/// Received bytes not yet framed (boxed: an idle client carries 8 bytes for them).
#[derive(Default)]
struct Recv(Option<Box<RecvBuffer>>);

impl Recv {
    #[inline]
    fn push(&mut self, bytes: Vec<u8>) {
        self.0.get_or_insert_with(Box::default).push(bytes);
    }

    #[inline]
    fn is_empty(&self) -> bool {
        self.0.as_ref().is_none_or(|b| b.is_empty())
    }

    #[inline]
    fn len(&self) -> usize {
        self.0.as_ref().map_or(0, |b| b.len())
    }

    #[inline]
    fn bytes(&self) -> &[u8] {
        self.0.as_deref().map_or(&[], RecvBuffer::bytes)
    }

    #[inline]
    fn consume(&mut self, n: usize) {
        if let Some(b) = &mut self.0 {
            b.consume(n);
        }
    }

    #[inline]
    fn clear(&mut self) {
        if let Some(b) = &mut self.0 {
            b.clear();
        }
    }

    #[inline]
    fn take_all(&mut self) -> Vec<u8> {
        self.0.as_mut().map(|b| b.take_all()).unwrap_or_default()
    }
}

impl HoldsPhpValues for StreamClient {
    fn write_property() -> Option<super::class_setup::WriteProperty> {
        Some(write_property)
    }

    fn php_values(&self, out: &mut Vec<ManuallyDrop<Zval>>) {
        self.handlers.php_values(out);
        self.behaviors.php_values(out);
        let hot = self.hot.as_deref();
        let rare = self.rare.as_deref();
        for z in [
            rare.and_then(|r| r.attributes.as_ref()),
            rare.and_then(|r| r.pipe.as_ref()),
            hot.and_then(|h| h.spare_message_event.as_ref()),
            hot.and_then(|h| h.replies.spare.as_ref()),
        ]
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
            Initial::Array(&[]),
        ),
        declared("target", p, Initial::Null),
        declared("parser", p, Initial::Null),
        declared("reconnect_interval", p, Initial::Long(0)),
        declared(
            "options",
            p,
            Initial::Array(&[
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
            Initial::Array(if module_info::ini_flag(module_info::VERIFY_PEER_DEFAULT) {
                &SSL_VERIFYING
            } else {
                &SSL_BEYOD_DEFAULT
            }),
        ),
        declared("timeout", p, Initial::Long(30)),
        declared("max_send_buffer_size", p, Initial::Long(10_485_760)),
        declared("read_buffer_size", p, Initial::Long(65_536)),
        declared("peer", p, Initial::Null),
        declared("local", p, Initial::Null),
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

/// The Rust state of a client object. Fetched afresh after every call into PHP, because a
/// handler may have re-entered the object.
///
/// The reference is for the statements up to the next call into PHP (or drop of a PHP value,
/// which may run a destructor): never kept across one (see [`zend::native`]).
fn state<'a>(obj: Obj) -> &'a mut StreamClient {
    zend::native::<StreamClient>(obj).expect("a beyod\\StreamClient object")
}

/// MINIT, after the class is registered: the receiver-less methods made instance methods
/// (`false`: one was not found, a bug in [`INSTANCE_METHODS`]).
pub fn make_instance_methods() -> bool {
    super::class_setup::make_instance_methods(base_class(), &INSTANCE_METHODS)
        && magic_entries::install(base_class())
}

/// MINIT, after the class is registered: the per-command entry of `send()` (see
/// `outbound::install_send_entry`). `false`: not installed (every call takes the generated
/// handler, as before).
pub fn install_fast_paths() -> bool {
    outbound::install_send_entry(base_class())
}

/// `$this` of the method being executed. The methods that may run PHP code take no receiver
/// (ext-php-rs would hand them a `&mut` to the object, alive across that code: see
/// [`zend::native`]); they are registered static and made instance methods at MINIT
/// ([`INSTANCE_METHODS`]), so the engine always calls them on an object.
fn this() -> Obj {
    Obj::this().expect("a beyod\\StreamClient method called without $this")
}

/// The methods written without a receiver (see [`this`]), by their PHP names: registered
/// static by ext-php-rs, made instance methods at MINIT.
const INSTANCE_METHODS: [&str; 35] = [
    "init",
    "getSocket",
    "connect",
    "prepare",
    "send",
    "close",
    "pipe",
    "unpipe",
    "setAttribute",
    "getAttribute",
    "hasAttribute",
    "attr",
    "getScheme",
    "isSSL",
    "isTCP",
    "isUDP",
    "isUnix",
    "keepalive",
    "reConnect",
    "bufferIsFull",
    "on",
    "off",
    "trigger",
    "hasEventHandlers",
    "ensureBehaviors",
    "attachBehavior",
    "attachBehaviors",
    "detachBehavior",
    "detachBehaviors",
    "getBehavior",
    "getBehaviors",
    "hasProperty",
    "canGetProperty",
    "canSetProperty",
    "hasMethod",
];

fn base_class() -> &'static ext_php_rs::zend::ClassEntry {
    <StreamClient as ext_php_rs::class::RegisteredClass>::get_metadata().ce()
}

fn class_name(obj: &ZendObject) -> String {
    obj.get_class_name().unwrap_or_else(|_| CLASS.to_string())
}

/// `[$obj, 'reConnect']`.
fn method_callable(obj: Obj, method: &str) -> Zval {
    let mut arr = ZendHashTable::new();
    let _ = arr.push(zend::object_zval(obj.zo()));
    let _ = arr.push(zend::str_zval(method));
    let mut z = Zval::new();
    z.set_hashtable(arr);
    z
}

/// Leaves "established": id back to the pool, out of `StreamClient::$connections`.
fn forget_id(obj: Obj) {
    let Some(id) = state(obj).id.take().map(NonZeroI64::get) else {
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
    /// Where send() encodes what is copied into the send queue (a redis Request given to the
    /// generated handler, `send($request, false)`; `send($request)` writes straight into it).
    scratch: Vec<u8>,
    /// What beyod redis replies leave for the next one (see `beyod_response`).
    replies: ReplyCache,
    /// `microtime(true)` of the last data; 0: none yet.
    response_at: f64,
    bytes_in: u64,
    bytes_out: u64,
    messages_in: u64,
    messages_out: u64,
    /// The send queue's largest size seen.
    high_water: usize,
}

impl StreamClient {
    #[inline]
    fn hot(&mut self) -> &mut HotCache {
        self.hot.get_or_insert_with(Box::default)
    }

    fn rare(&mut self) -> &mut Rare {
        self.rare.get_or_insert_with(Box::default)
    }

    fn pipe_peer(&self) -> Option<&Zval> {
        self.rare.as_ref()?.pipe.as_ref()
    }

    /// The pipe's other end replaced; the old one handed back, for the caller to drop once
    /// the state is no longer borrowed (its destructor may use this client).
    #[must_use = "dropped by the caller once the client's state is no longer borrowed"]
    fn set_pipe_peer(&mut self, peer: Option<Zval>) -> Option<Zval> {
        if peer.is_some() || self.rare.is_some() {
            std::mem::replace(&mut self.rare().pipe, peer)
        } else {
            None
        }
    }

    fn pending_len(&self) -> usize {
        self.rare.as_ref().map_or(0, |r| r.pending.len())
    }

    fn reconnect_timer(&self) -> Option<TimerId> {
        self.rare.as_ref()?.reconnect.timer
    }

    fn scheme_name(&self) -> Option<&'static str> {
        scheme_name_of(self.scheme.checked_sub(1)?)
    }

    /// The phase timings of the current connection (from the reactor), else of the last one.
    fn current_timings(&self) -> Option<Timings> {
        let live = match (self.key, self.status) {
            (Some(key), Status::Established) => if_rt(|rt| rt.reactor.timings(key)).flatten(),
            _ => None,
        };
        live.or_else(|| self.timings.as_deref().cloned())
    }

    /// Everything `getStats()` reports but the state and the queue.
    fn stats<'a>(&'a self, timings: Option<&'a Timings>) -> Stats<'a> {
        let hot = self.hot.as_deref();
        let rare = self.rare.as_deref();
        let hot_n = |f: fn(&HotCache) -> u64| hot.map_or(0, f);
        let rare_n = |f: fn(&Rare) -> u64| rare.map_or(0, f);
        Stats {
            connects: self.connects,
            reconnects: rare_n(|r| r.reconnects),
            connect_failures: rare_n(|r| r.connect_failures),
            bytes_in: hot_n(|h| h.bytes_in),
            bytes_out: hot_n(|h| h.bytes_out),
            messages_in: hot_n(|h| h.messages_in),
            messages_out: hot_n(|h| h.messages_out),
            bytes_dropped: rare_n(|r| r.bytes_dropped),
            high_water: hot_n(|h| h.high_water as u64),
            last_error: rare.and_then(|r| r.last_error.as_ref()),
            timings,
        }
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
fn parser_methods(obj: Obj, parser: &ZendObject) -> ParserMethods {
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
        let obj = Obj::this().ok_or("beyod\\StreamClient::__construct(): no object")?;
        if let Some(cfg) = config.filter(|c| !c.is_null()) {
            let Some(arr) = cfg.array() else {
                return Err(invalid_argument(&format!(
                    "{}::__construct(): $config must be an array, got {}",
                    class_name(&obj),
                    describe(cfg)
                )));
            };
            // As the original's `Yii::configure($this, $config)`: each assignment made by
            // code of class Yii, so a property the subclass keeps to itself (private or
            // protected, `private(set)` or `protected(set)` on PHP 8.4) is not written
            // directly: `__set()` or the engine's error decides, as there; hooks run. Without
            // Yii, as code of beyod\StreamClient (the constructor's own class) writes it.
            let scope = zend::find_loaded_class("Yii").unwrap_or_else(base_class);
            for (k, v) in arr.iter() {
                zend::write_in_scope(obj.zo(), scope, &k.to_string(), v.shallow_clone());
                if zend::exception_pending() {
                    return Ok(std::mem::take(state(obj)));
                }
            }
        }
        zend::call_method(&obj, "init", &[]);
        // The generated wrapper re-initialises the object with what we return: hand back the
        // state init() and the setters built.
        Ok(std::mem::take(state(obj)))
    }

    /// Resolves `$parser` and sets up reconnection.
    pub fn init() -> PhpResult<()> {
        let obj = this();
        resolve_parser(obj)?;
        keepalive(obj);
        state(obj).inited = true;
        Ok(())
    }

    /// Starts connecting (`onBeforeConnect` first); a connection established or in progress
    /// is kept unless `$renew`.
    #[php(optional = renew)]
    pub fn connect(renew: Option<&Zval>) -> PhpResult<Zval> {
        let obj = this();
        connecting::connect(obj, truthy(renew))?;
        Ok(zend::object_zval(obj.zo()))
    }

    pub fn prepare() -> PhpResult<Zval> {
        let obj = this();
        zend::call_method(&obj, "connect", &[]).ok_or_else(|| "connect() failed".into())
    }

    /// `true` written at once, `int` bytes queued, `false` refused.
    #[php(optional = raw)]
    pub fn send(message: &Zval, raw: Option<&Zval>) -> PhpResult<Zval> {
        outbound::send(this(), message, truthy(raw))
    }

    /// Closes by self: `onClose` (by 0) now; accepted bytes are still delivered.
    pub fn close() {
        close(this());
    }

    /// Proxy mode: bytes read here are sent raw to `$target`, and (pipe is symmetric)
    /// bytes read there come here, with pauseRecv()/resumeRecv() backpressure.
    pub fn pipe(target: &Zval) -> PhpResult<()> {
        let obj = this();
        let target = target.shallow_clone();
        let Some(t) = Obj::of_zval(&target) else {
            return Err(invalid_argument(&format!(
                "{}::pipe(): $target must be a StreamClient or a connection object, got {}",
                class_name(&obj),
                describe(&target)
            )));
        };
        let this = zend::object_zval(obj.zo());
        let theirs = match as_client(t) {
            Some(other) => other.set_pipe_peer(Some(this)),
            None => {
                zend::write_scoped_cached(t.zo(), "_pipe", this);
                None
            }
        };
        drop(theirs);
        let ours = state(obj).set_pipe_peer(Some(target));
        drop(ours);
        Ok(())
    }

    pub fn unpipe() {
        unpipe(this());
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
    pub fn set_attribute(name: &Zval, value: Option<&Zval>) {
        set_attribute(this(), name, value);
    }

    #[php(optional = default)]
    pub fn get_attribute(name: &Zval, default: Option<&Zval>) -> Zval {
        // (the name first: its __toString is PHP code)
        let key = attr_key(name);
        state(this())
            .rare
            .as_ref()
            .and_then(|r| r.attributes.as_ref())
            .and_then(|a| a.array())
            .and_then(|a| a.get(key.as_str()))
            .map(Zval::shallow_clone)
            .or_else(|| default.map(Zval::shallow_clone))
            .unwrap_or_default()
    }

    pub fn has_attribute(name: &Zval) -> bool {
        let key = attr_key(name);
        state(this())
            .rare
            .as_ref()
            .and_then(|r| r.attributes.as_ref())
            .and_then(|a| a.array())
            .is_some_and(|a| a.get(key.as_str()).is_some_and(|v| !v.is_null()))
    }

    /// `attr($name)` reads, `attr($name, $value)` writes (as beyod's BaseConnection).
    #[php(optional = value)]
    pub fn attr(name: &Zval, value: Option<&Zval>) -> Zval {
        if zend::num_args() >= 2 {
            set_attribute(this(), name, value);
            Zval::new()
        } else {
            Self::get_attribute(name, None)
        }
    }

    pub fn get_is_closed(&self) -> bool {
        self.status != Status::Established
    }

    pub fn get_is_established(&self) -> bool {
        self.status == Status::Established
    }

    pub fn is_closed(&self) -> bool {
        self.status != Status::Established
    }

    #[php(name = "isConnnected")]
    pub fn is_connnected(&self) -> bool {
        self.status == Status::Established
    }

    pub fn is_connected(&self) -> bool {
        self.status == Status::Established
    }

    pub fn get_id(&self) -> Option<i64> {
        self.id.map(NonZeroI64::get)
    }

    #[php(name = "__toString")]
    pub fn to_string(self_: &mut ZendClassObject<StreamClient>) -> String {
        // (registered for its signature; calls go to magic_entries' handler)
        to_string(Obj::of(self_.get_mut_zend_obj()))
    }

    pub fn get_scheme() -> Option<String> {
        scheme_of(this())
    }

    /// TLS is (or will be) used: a TLS scheme, or tcp:// with `$ssl['enabled']`.
    #[php(name = "isSSL")]
    pub fn is_ssl() -> bool {
        match scheme_of(this()).as_deref() {
            Some("ssl" | "tls" | "sslv2" | "sslv3") => true,
            // As the original's: any stream with $ssl['enabled'] (and here it is TLS).
            Some("tcp" | "unix") => ssl_enabled(&this()),
            _ => false,
        }
    }

    #[php(name = "isTCP")]
    pub fn is_tcp() -> bool {
        scheme_of(this()).as_deref() == Some("tcp")
    }

    #[php(name = "isUDP")]
    pub fn is_udp() -> bool {
        matches!(scheme_of(this()).as_deref(), Some("udp" | "udg"))
    }

    pub fn is_unix() -> bool {
        scheme_of(this()).as_deref() == Some("unix")
    }

    pub fn get_response_at(&self) -> Option<f64> {
        self.hot
            .as_ref()
            .map(|h| h.response_at)
            .filter(|&t| t != 0.0)
    }

    pub fn get_connect_at(&self) -> Option<f64> {
        (self.connect_at != 0.0).then_some(self.connect_at)
    }

    /// A duplicate of the socket descriptor (for getsockopt and inspection), or null.
    pub fn get_socket() -> Zval {
        // (no receiver: fopen() runs a user stream wrapper's PHP code if one replaced php://)
        let fd = state(this())
            .key
            .and_then(|k| if_rt(|rt| rt.reactor.socket_fd(k)).flatten());
        fd.and_then(|fd| zend::stream_over_fd(fd, "r+"))
            .unwrap_or_default()
    }

    pub fn keepalive() {
        keepalive(this());
    }

    /// Schedules `connect()` after `$reconnect_interval` unless the close was by self.
    #[php(name = "reConnect")]
    pub fn re_connect(event: &Zval) -> PhpResult<Zval> {
        let obj = this();
        if let Some(by) = event.object().and_then(|e| zend::read_raw_cached(e, "by")) {
            if by.long() != Some(1) {
                return Ok(zend::bool_zval(false));
            }
        }
        let interval = seconds_property(&obj, "reconnect_interval")?.as_secs_f64();
        let st = state(obj);
        if interval <= 0.0 || st.reconnect_timer().is_some() {
            return Ok(zend::bool_zval(false));
        }
        let rare = st.rare.as_deref();
        let o = rare
            .and_then(|r| r.client_options.as_ref())
            .unwrap_or(&DEFAULT_CLIENT_OPTIONS);
        let failures = rare.map_or(0, |r| r.reconnect.failures);
        if o.max_attempts > 0 && failures >= o.max_attempts {
            return Ok(zend::bool_zval(false));
        }
        let delay = backoff_delay(interval, failures.max(1), o);
        let this = zend::object_zval(obj.zo());
        let id = with_rt(|rt| {
            let id = rt.reactor.add_timer(Duration::from_secs_f64(delay));
            rt.timers.insert(id, TimerAction::Reconnect(this));
            id
        })?;
        state(obj).rare().reconnect.timer = Some(id);
        Ok(Zval::new())
    }

    /// Half-close: queued bytes are written, then our FIN; messages keep arriving until the
    /// peer closes, then `onClose` (by self: no reconnect). `send()` refuses from now on.
    pub fn end(&mut self) -> bool {
        let Some(key) = self.key.filter(|_| self.status == Status::Established) else {
            return false;
        };
        self.ending = true;
        if_rt(|rt| rt.reactor.end(key));
        true
    }

    /// The protocol ALPN negotiated on the current TLS connection, or null.
    pub fn get_alpn_protocol(&self) -> Option<String> {
        self.current_timings()
            .and_then(|t| t.alpn().map(|a| String::from_utf8_lossy(a).into_owned()))
    }

    /// Counters and phase timings of this client (all connections it made).
    pub fn get_stats(&self) -> PhpResult<Zval> {
        let queued = self
            .key
            .and_then(|k| if_rt(|rt| rt.reactor.queued_bytes(k)))
            .unwrap_or(self.pending_len());
        let timings = self.current_timings();
        let alpn = timings.as_ref().and_then(|t| t.alpn());
        stats::client_array(
            &self.stats(timings.as_ref()),
            self.status.name(),
            queued,
            alpn,
        )
    }

    /// Hook called right after the `onConnect` handlers.
    pub fn after_connected(&self) {}

    pub fn buffer_is_full() -> bool {
        let obj = this();
        let (queued, max) = match state(obj).key {
            Some(k) => (
                if_rt(|rt| rt.reactor.queued_bytes(k)).unwrap_or(0),
                state(obj).max_send,
            ),
            None => {
                let max = size_property(&obj, "max_send_buffer_size", 0, usize::MAX).unwrap_or(0);
                (state(obj).pending_len(), max)
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
        forget_id(Obj::of(self_.get_mut_zend_obj()));
    }

    // ---- yii\base\Component ----

    #[php(optional = data)]
    pub fn on(
        name: &Zval,
        handler: &Zval,
        data: Option<&Zval>,
        append: Option<&Zval>,
    ) -> PhpResult<()> {
        let name_zval = name;
        let name = event_name(name_zval)?;
        if !handler.is_callable() {
            return Err(invalid_argument(&format!(
                "beyod\\StreamClient::on('{name}'): the handler is not callable ({})",
                describe(handler)
            )));
        }
        let obj = this();
        behaviors::ensure::<StreamClient>(obj);
        let append = append.is_none_or(|a| a.is_null() || truthy(Some(a)));
        let released = state(obj).handlers.on(
            name_zval,
            &name,
            handler.shallow_clone(),
            data.map(Zval::shallow_clone).unwrap_or_default(),
            append,
        );
        // (after the state's borrow: a destructor it runs may call back into the client)
        drop(released);
        Ok(())
    }

    #[php(optional = handler)]
    pub fn off(name: &Zval, handler: Option<&Zval>) -> PhpResult<bool> {
        let name = event_name(name)?;
        let obj = this();
        behaviors::ensure::<StreamClient>(obj);
        let (removed, released) = state(obj)
            .handlers
            .off(&name, handler.filter(|h| !h.is_null()));
        // (after the state's borrow: a handler's destructor may call on()/off() again)
        drop(released);
        Ok(removed)
    }

    #[php(optional = event)]
    pub fn trigger(name: &Zval, event: Option<&Zval>) -> PhpResult<()> {
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
        trigger(this(), &name, event, || events::make(EventClass::Base, &[]));
        Ok(())
    }

    /// Instance handlers (wildcards included), then Yii's class-level ones.
    pub fn has_event_handlers(name: &Zval) -> PhpResult<bool> {
        let name = event_name(name)?;
        let obj = this();
        behaviors::ensure::<StreamClient>(obj);
        Ok(state(obj).handlers.has(&name) || class_level_handlers(obj, &name))
    }

    /// Behaviors declared by a subclass (name or index => behavior object, class name or
    /// config array); attached on first use.
    pub fn behaviors(&self) -> Zval {
        let mut z = Zval::new();
        z.set_hashtable(ZendHashTable::new());
        z
    }

    pub fn ensure_behaviors() {
        behaviors::ensure::<StreamClient>(this());
    }

    pub fn attach_behavior(name: &Zval, behavior: &Zval) -> Zval {
        let obj = this();
        behaviors::ensure::<StreamClient>(obj);
        let name = match name.long() {
            Some(_) => behaviors::Name::Append,
            None => behaviors::Name::Key(attr_key(name)),
        };
        behaviors::attach::<StreamClient>(obj, name, behavior).unwrap_or_default()
    }

    pub fn attach_behaviors(behaviors: &Zval) {
        let obj = this();
        behaviors::ensure::<StreamClient>(obj);
        let Some(list) = behaviors.array().map(|a| a.to_owned()) else {
            return;
        };
        for (k, b) in list.iter() {
            behaviors::attach::<StreamClient>(obj, behaviors::Name::of(k), b);
            if zend::exception_pending() {
                return;
            }
        }
    }

    pub fn detach_behavior(name: &Zval) -> Zval {
        behaviors::detach::<StreamClient>(this(), &attr_key(name)).unwrap_or_default()
    }

    pub fn detach_behaviors() {
        behaviors::detach_all::<StreamClient>(this());
    }

    pub fn get_behavior(name: &Zval) -> Zval {
        behaviors::get::<StreamClient>(this(), &attr_key(name)).unwrap_or_default()
    }

    pub fn get_behaviors() -> Zval {
        behaviors::all::<StreamClient>(this())
    }

    pub fn __get(self_: &mut ZendClassObject<StreamClient>, name: String) -> PhpResult<Zval> {
        magic_methods::get(Obj::of(self_.get_mut_zend_obj()), &name)
    }

    pub fn __set(
        self_: &mut ZendClassObject<StreamClient>,
        name: String,
        value: &Zval,
    ) -> PhpResult<()> {
        magic_methods::set(Obj::of(self_.get_mut_zend_obj()), &name, value)
    }

    pub fn __isset(self_: &mut ZendClassObject<StreamClient>, name: String) -> bool {
        magic_methods::isset(Obj::of(self_.get_mut_zend_obj()), &name)
    }

    pub fn __unset(self_: &mut ZendClassObject<StreamClient>, name: String) -> PhpResult<()> {
        magic_methods::unset(Obj::of(self_.get_mut_zend_obj()), &name)
    }

    /// A behavior's method, else `UnknownMethodException` (Yii) / `BadMethodCallException`.
    pub fn __call(
        self_: &mut ZendClassObject<StreamClient>,
        name: String,
        params: &Zval,
    ) -> PhpResult<Zval> {
        magic_methods::call(Obj::of(self_.get_mut_zend_obj()), &name, params)
    }

    #[php(optional = checkVars)]
    pub fn has_property(
        name: String,
        checkVars: Option<&Zval>,
        checkBehaviors: Option<&Zval>,
    ) -> bool {
        let obj = this();
        let vars = flag_or_true(checkVars);
        let behaviors = flag_or_true(checkBehaviors);
        can_get(obj, &name, vars, behaviors) || can_set(obj, &name, false, behaviors)
    }

    #[php(optional = checkVars)]
    pub fn can_get_property(
        name: String,
        checkVars: Option<&Zval>,
        checkBehaviors: Option<&Zval>,
    ) -> bool {
        let obj = this();
        can_get(
            obj,
            &name,
            flag_or_true(checkVars),
            flag_or_true(checkBehaviors),
        )
    }

    #[php(optional = checkVars)]
    pub fn can_set_property(
        name: String,
        checkVars: Option<&Zval>,
        checkBehaviors: Option<&Zval>,
    ) -> bool {
        let obj = this();
        can_set(
            obj,
            &name,
            flag_or_true(checkVars),
            flag_or_true(checkBehaviors),
        )
    }

    #[php(optional = checkBehaviors)]
    pub fn has_method(name: String, checkBehaviors: Option<&Zval>) -> bool {
        let obj = this();
        zend::has_method(&obj, &name)
            || (flag_or_true(checkBehaviors)
                && behaviors::method_owner::<StreamClient>(obj, &name).is_some())
    }

    pub fn class_name() -> String {
        zend::called_class_name().unwrap_or_else(|| CLASS.to_string())
    }
}

impl StreamClient {
    fn note_sent(&mut self, bytes: usize, queued: usize) {
        let h = self.hot();
        h.bytes_out += bytes as u64;
        h.messages_out += 1;
        h.high_water = h.high_water.max(queued);
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

impl behaviors::Owner for StreamClient {
    fn behaviors<'a>(obj: Obj) -> &'a mut Behaviors {
        &mut state(obj).behaviors
    }
}

/// `yii\base\Event::hasHandlers($this, $name)` when Yii is loaded (with the original's
/// parent classes).
fn class_level_handlers(obj: Obj, name: &str) -> bool {
    let Some(class_level) = events::yii_event_class().and_then(|yii| ClassLevel::of(yii, name))
    else {
        return false;
    };
    class_level.has(&zend::object_zval(obj.zo()), name) && !zend::exception_pending()
}

/// The Rust state of `obj` when it is a client (a pipe's other end may be a beyod server-side
/// connection instead); for the statements up to the next call into PHP, as [`state`].
fn as_client<'a>(obj: Obj) -> Option<&'a mut StreamClient> {
    zend::native::<StreamClient>(obj)
}

/// `setAttribute()`: the new value stored (or the key removed) first, the old value let go of
/// after, with the client's state no longer borrowed (its destructor may use the client).
fn set_attribute(obj: Obj, name: &Zval, value: Option<&Zval>) {
    let key = attr_key(name);
    let st = state(obj);
    let attrs = st.rare().attributes.get_or_insert_with(|| {
        let mut z = Zval::new();
        z.set_hashtable(ZendHashTable::new());
        z
    });
    let Some(arr) = attrs.array_mut() else { return };
    let old = match value.filter(|v| !v.is_null()) {
        Some(v) => zend::hash_replace(arr, key.as_str(), v.shallow_clone()),
        None => arr.remove(key.as_str()),
    };
    drop(old);
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

/// `(string)$client`: "$id $peer $local".
fn to_string(obj: Obj) -> String {
    let id = state(obj).id.map(|i| i.to_string()).unwrap_or_default();
    let s = |n: &str| {
        zend::read_raw(&obj, n)
            .and_then(|v| zend::to_bytes(&v))
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default()
    };
    format!("{id} {} {}", s("peer"), s("local"))
}

fn scheme_of(obj: Obj) -> Option<String> {
    if let Some(s) = state(obj).scheme_name() {
        return Some(s.to_string());
    }
    let t = zend::read_raw_cached(&obj, "target")?;
    let (scheme, _) = t.str()?.split_once("://")?;
    Some(scheme.to_ascii_lowercase())
}

impl StreamClient {
    /// A `udp://`/`udg://` client.
    fn is_datagram(&self) -> bool {
        matches!(self.scheme_name(), Some("udp" | "udg"))
    }
}
