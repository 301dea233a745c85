//! One connection's state machine: Resolving → Connecting → (Proxying) → (Handshaking) →
//! Established, each phase holding what only it needs, its transitions, and what it does on
//! readiness. The reactor owns the connections, their tokens and timers, and turns their
//! outcomes into events.
//!
//! A connection closed by its owner (`close()`) is *detached*: it reports nothing any more but
//! stays alive until the bytes it had accepted are written, its FIN is sent and the peer's FIN
//! is read (or its flush deadline passes), so `close()` never loses data. Meanwhile what the
//! peer sends is read and dropped: closing a socket with unread input, or receiving data after
//! closing it, makes the kernel reset the connection and discard what it had not sent yet.

use std::collections::VecDeque;
use std::io::{self, Read, Write};
use std::net::SocketAddr;
use std::os::fd::RawFd;
use std::sync::Arc;
use std::time::{Duration, Instant};

use mio::net::{TcpStream, UdpSocket, UnixDatagram, UnixStream};
use mio::{Interest, Registry, Token};
use rustls::ClientConnection;
use smallvec::SmallVec;
use socket2::{Domain, Protocol, SockAddr, Socket, Type};

use super::error::Error;
use super::options::SocketOptions;
use super::proxy::{Handshake, Proxy, Step};
use super::send_queue::{Flush, SendQueue};
use super::target::{Endpoint, Target};
use super::timers::{TimerId, TimerSlot};
use super::tls::{self, TlsOptions};

/// What a client asks the reactor to connect to, read from its PHP properties at `connect()`.
#[derive(Debug, Clone)]
pub struct ConnectSpec {
    pub target: Target,
    pub options: SocketOptions,
    /// Connect timeout (DNS + TCP); `None` = the system's own.
    pub timeout: Option<Duration>,
    pub read_buffer_size: usize,
    /// TLS on top of the stream (`$ssl`), for ssl:// and tls:// targets and for tcp:// with
    /// `$ssl['enabled']`; `None`: plaintext.
    pub tls: Option<Box<TlsOptions>>,
    /// Close (as broken) a connection that received nothing for this long.
    pub idle_timeout: Option<Duration>,
    /// Happy eyeballs (RFC 8305): with several addresses, start the next attempt after this
    /// delay while earlier ones are still pending; the first to connect wins. `None`: one
    /// address after the other.
    pub attempt_delay: Option<Duration>,
    /// Addresses to use for the host instead of asking DNS (`$options['resolve']`).
    pub pinned: Vec<std::net::IpAddr>,
    /// Tunnel through this proxy (the target's host is resolved by the proxy).
    pub proxy: Option<Box<Proxy>>,
}

/// The parts of a [`ConnectSpec`] only making the connection needs: dropped once it is
/// established (an idle connection carries no socket options, TLS options or proxy), and
/// shared among connections that asked for the same (see [`Setups`]).
#[derive(PartialEq)]
pub(crate) struct Setup {
    pub options: SocketOptions,
    pub tls: Option<Box<TlsOptions>>,
    pub attempt_delay: Option<Duration>,
    pub pinned: Vec<std::net::IpAddr>,
    pub proxy: Option<Box<Proxy>>,
}

/// The connect-time parts of recent connects, shared: a burst of connects with one
/// configuration (a pool opening 1,000 connections) holds one, not one per connection.
#[derive(Default)]
pub(crate) struct Setups(Vec<Arc<Setup>>);

impl Setups {
    /// How many distinct configurations are remembered (the oldest is forgotten first).
    const KEPT: usize = 8;

    fn share(&mut self, setup: Setup) -> Arc<Setup> {
        if let Some(same) = self.0.iter().find(|s| ***s == setup) {
            return same.clone();
        }
        if self.0.len() == Self::KEPT {
            self.0.remove(0);
        }
        let setup = Arc::new(setup);
        self.0.push(setup.clone());
        setup
    }
}

/// When each phase of a connection ended, measured from `connect()`: kept as nanoseconds, 0
/// for a phase not reached (every phase takes some time), so a connection and its client's
/// copy hold 56 bytes, not 96.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Timings {
    dns: u64,
    tcp: u64,
    tls: u64,
    first_byte: u64,
    /// Bytes written to the socket (after TLS: plaintext accepted by the session).
    bytes_written: u64,
    /// The protocol ALPN settled on, if any.
    alpn: Option<Box<[u8]>>,
}

/// `d` as [`Timings`] keeps it (at least 1: reached).
fn nanos(d: Duration) -> u64 {
    u64::try_from(d.as_nanos()).unwrap_or(u64::MAX).max(1)
}

fn reached(n: u64) -> Option<Duration> {
    (n > 0).then(|| Duration::from_nanos(n))
}

impl Timings {
    pub fn dns(&self) -> Option<Duration> {
        reached(self.dns)
    }

    pub fn tcp(&self) -> Option<Duration> {
        reached(self.tcp)
    }

    pub fn tls(&self) -> Option<Duration> {
        reached(self.tls)
    }

    pub fn first_byte(&self) -> Option<Duration> {
        reached(self.first_byte)
    }

    pub fn bytes_written(&self) -> u64 {
        self.bytes_written
    }

    pub fn alpn(&self) -> Option<&[u8]> {
        self.alpn.as_deref()
    }
}

/// A connection's phase, as [`Reactor::phase`](super::Reactor::phase) reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Resolving,
    Connecting,
    /// TCP to the proxy is up; its handshake is running.
    Proxying,
    /// TCP is up; the TLS handshake is running.
    Handshaking,
    Established,
}

pub(crate) enum Sock {
    Tcp(TcpStream),
    Unix(UnixStream),
    /// `udp://`: a connected datagram socket (one datagram = one message).
    Udp(UdpSocket),
    /// `udg://`: a connected unix datagram socket, bound to an abstract address so the
    /// server can reply.
    Udg(UnixDatagram),
}

impl Sock {
    fn source(&mut self) -> &mut dyn mio::event::Source {
        match self {
            Sock::Tcp(s) => s,
            Sock::Unix(s) => s,
            Sock::Udp(s) => s,
            Sock::Udg(s) => s,
        }
    }

    fn is_datagram(&self) -> bool {
        matches!(self, Sock::Udp(_) | Sock::Udg(_))
    }

    pub(crate) fn raw_fd(&self) -> i32 {
        use std::os::fd::AsRawFd;
        match self {
            Sock::Tcp(s) => s.as_raw_fd(),
            Sock::Unix(s) => s.as_raw_fd(),
            Sock::Udp(s) => s.as_raw_fd(),
            Sock::Udg(s) => s.as_raw_fd(),
        }
    }

    fn shutdown_write(&self) -> io::Result<()> {
        match self {
            Sock::Tcp(s) => s.shutdown(std::net::Shutdown::Write),
            Sock::Unix(s) => s.shutdown(std::net::Shutdown::Write),
            Sock::Udp(_) | Sock::Udg(_) => Ok(()),
        }
    }

    fn take_error(&self) -> io::Result<Option<io::Error>> {
        match self {
            Sock::Tcp(s) => s.take_error(),
            Sock::Unix(s) => s.take_error(),
            Sock::Udp(s) => s.take_error(),
            Sock::Udg(s) => s.take_error(),
        }
    }

    /// `Ok(None)` while the connect is still in progress.
    fn names(&self) -> io::Result<Option<(String, String)>> {
        let r = match self {
            Sock::Tcp(s) => s
                .peer_addr()
                .map(|p| (p.to_string(), s.local_addr().map(|l| l.to_string()))),
            Sock::Unix(s) => s.peer_addr().map(|p| {
                let path = |a: &std::os::unix::net::SocketAddr| {
                    a.as_pathname()
                        .map(|p| p.display().to_string())
                        .unwrap_or_default()
                };
                (path(&p), s.local_addr().map(|l| path(&l)))
            }),
            Sock::Udp(s) => s
                .peer_addr()
                .map(|p| (p.to_string(), s.local_addr().map(|l| l.to_string()))),
            Sock::Udg(s) => s.peer_addr().map(|p| {
                let path = |a: &std::os::unix::net::SocketAddr| {
                    a.as_pathname()
                        .map(|p| p.display().to_string())
                        .unwrap_or_default()
                };
                (path(&p), s.local_addr().map(|l| path(&l)))
            }),
        };
        match r {
            Ok((peer, local)) => Ok(Some((peer, local.unwrap_or_default()))),
            Err(e) if e.kind() == io::ErrorKind::NotConnected => Ok(None),
            Err(e) => Err(e),
        }
    }
}

impl Read for Sock {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Sock::Tcp(s) => s.read(buf),
            Sock::Unix(s) => s.read(buf),
            Sock::Udp(s) => s.recv(buf),
            Sock::Udg(s) => s.recv(buf),
        }
    }
}

impl Write for Sock {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Sock::Tcp(s) => s.write(buf),
            Sock::Unix(s) => s.write(buf),
            Sock::Udp(s) => s.send(buf),
            Sock::Udg(s) => s.send(buf),
        }
    }
    fn write_vectored(&mut self, bufs: &[io::IoSlice<'_>]) -> io::Result<usize> {
        match self {
            Sock::Tcp(s) => s.write_vectored(bufs),
            Sock::Unix(s) => s.write_vectored(bufs),
            // A datagram is one chunk: never merge chunks (flush sends them one by one).
            Sock::Udp(_) | Sock::Udg(_) => {
                let first = bufs
                    .iter()
                    .find(|b| !b.is_empty())
                    .map_or(&[][..], |b| &**b);
                self.write(first)
            }
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// What happened on a connection, as the reactor reports it.
#[derive(Debug, PartialEq, Eq)]
pub enum ConnEvent {
    Connected {
        peer: String,
        local: String,
    },
    /// `errstr` is what the original's `onConnectFailed` gives (the OS's message alone, or
    /// "<target> connect time out after N seconds"); `detail` adds the context (target, proxy,
    /// address) for `getStats()['last_error']`.
    ConnectFailed {
        code: i32,
        errstr: String,
        detail: String,
    },
    Data(Vec<u8>),
    /// A read or write failed; a `Closed` follows when the failure ends the connection.
    Error {
        code: i32,
        errstr: String,
    },
    /// The peer closed (EOF) or the connection broke.
    Closed,
    /// The send queue emptied after having held bytes.
    Drained,
}

/// A proxy handshake in progress.
struct ProxyPhase {
    handshake: Handshake,
    /// Handshake bytes not yet written.
    out: Vec<u8>,
    /// Addresses learnt at TCP connect, reported once the connection is up.
    names: (String, String),
}

/// Where a connection is, with what only that phase needs: its data goes when the phase ends.
enum State {
    /// Waiting for the resolver's answer.
    Resolving,
    Connecting(Box<Attempts>),
    /// TCP to the proxy is up; its handshake is running (boxed: the largest phase, which
    /// most connections never have).
    Proxying(Box<ProxyPhase>),
    /// TCP (and the tunnel) is up; the TLS handshake is running.
    Handshaking {
        names: Box<(String, String)>,
        /// TLS 1.3 with a client certificate requested: the handshake is done on our side,
        /// but the server's verdict (a refusing alert, or its first record) is still to come.
        awaiting_verdict: bool,
    },
    Established {
        /// The last time anything was read (idle timeout).
        last_read: Instant,
        idle_timer: TimerSlot,
    },
}

/// The connect attempts of one connection (happy eyeballs: several may be in flight).
#[derive(Default)]
struct Attempts {
    /// Addresses still to try, in the order they are tried.
    addrs: VecDeque<SocketAddr>,
    /// Attempts in flight: (slot of the token, socket).
    /// (one inline: a connection to one address allocates nothing more for it)
    in_flight: SmallVec<[(usize, Sock); 1]>,
    /// The error of the last failed attempt, reported if none succeeds.
    last_error: Option<io::Error>,
}

impl State {
    fn phase(&self) -> Phase {
        match self {
            State::Resolving => Phase::Resolving,
            State::Connecting(_) => Phase::Connecting,
            State::Proxying(_) => Phase::Proxying,
            State::Handshaking { .. } => Phase::Handshaking,
            State::Established { .. } => Phase::Established,
        }
    }
}

/// The tunnel to the target is open (TCP connected, and the proxy's handshake done if any):
/// TLS or the established connection comes next.
pub(crate) struct Tunnel {
    /// Addresses learnt at TCP connect (peer, local).
    pub names: (String, String),
    /// Bytes of the target's stream that arrived with the proxy's reply.
    pub early: Vec<u8>,
}

/// What the next connect attempt did.
pub(crate) enum NextAttempt {
    /// One started; `more`: addresses are left for another.
    Started { more: bool },
    /// None started: no address left, but attempts are still in flight.
    Waiting,
    /// None started and none in flight: the connect failed ([`Connection::connect_error`]).
    Exhausted,
}

/// How far a TLS handshake got.
pub(crate) enum TlsProgress {
    /// Waiting for the socket.
    Pending,
    /// Our half is done and the server asked for a certificate (TLS 1.3): from now on its
    /// verdict is awaited.
    AwaitingVerdict,
    /// The session is up; the addresses learnt at TCP connect.
    Done((String, String)),
}

pub(crate) struct Connection {
    gen: u32,
    /// What it connects to, for its whole life (errors name it).
    target: Target,
    /// The connect timeout; also the bound for finishing writes at shutdown.
    timeout: OptDuration,
    read_buffer_size: usize,
    idle_timeout: OptDuration,
    /// The rest of the spec: `None` once established.
    setup: Option<Arc<Setup>>,
    state: State,
    /// The connected socket, from TCP connect on (before, the attempts hold theirs).
    sock: Option<Sock>,
    /// The TLS session of an ssl:// or tls:// connection, from TCP connect on.
    tls: Option<Box<ClientConnection>>,
    started: Instant,
    timings: Timings,
    /// Closed by its owner (see the module doc): it reports nothing any more.
    detached: bool,
    /// Detached and flushed: our FIN is sent.
    write_shut: bool,
    /// Detached and the peer's FIN (or an error) has been read.
    peer_done: bool,
    /// The socket's registration asks for writability too (as every socket's does until
    /// [`Connection::watch_writes`] turns it off; see there).
    watching_writes: bool,
    pub send: SendQueue,
    pub paused: bool,
    /// `end()` was called: write side shut once flushed, reading goes on.
    pub ending: bool,
    /// Bytes were queued during a batch (see `Reactor::begin_batch`) and wait for its end.
    pub deferred: bool,
    pub connect_timer: TimerSlot,
    pub close_timer: TimerSlot,
}

/// An optional duration in 8 bytes: nanoseconds, `u64::MAX` for none (a longer one is
/// clamped to 584 years).
#[derive(Debug, Clone, Copy)]
struct OptDuration(u64);

impl OptDuration {
    fn new(d: Option<Duration>) -> OptDuration {
        OptDuration(d.map_or(u64::MAX, |d| {
            u64::try_from(d.as_nanos())
                .unwrap_or(u64::MAX)
                .min(u64::MAX - 1)
        }))
    }

    fn get(self) -> Option<Duration> {
        (self.0 != u64::MAX).then(|| Duration::from_nanos(self.0))
    }
}

/// Every connection is one slab entry of this size for its whole life (an idle connection's
/// memory is mostly this): keep what a phase alone needs in that phase's box. (Checked in
/// optimised builds: with debug assertions mio's sockets carry a selector id, 16 bytes more.)
#[cfg(not(debug_assertions))]
const _: () = assert!(std::mem::size_of::<Connection>() <= 280);

/// Connect attempts a connection may have in flight at once (happy eyeballs), and the token
/// bits that tell them apart: a token is `slab index << SLOT_BITS | slot`.
pub const MAX_ATTEMPTS: usize = 8;
pub const SLOT_BITS: usize = 3;

/// At most this many reads per connection per readiness event, so one busy peer cannot
/// starve the others or grow the event queue without bound; the rest is read next round.
pub const READS_PER_ROUND: usize = 16;

/// The outcome of reading: whether the socket may still hold data (budget exhausted).
pub(crate) enum ReadOutcome {
    Drained,
    MoreLeft,
    Closed,
}

impl Connection {
    pub fn new(gen: u32, spec: ConnectSpec, setups: &mut Setups) -> Self {
        let send = if spec.target.is_datagram() {
            SendQueue::for_datagrams()
        } else {
            SendQueue::default()
        };
        let ConnectSpec {
            target,
            options,
            timeout,
            read_buffer_size,
            tls,
            idle_timeout,
            attempt_delay,
            pinned,
            proxy,
        } = spec;
        Connection {
            gen,
            target,
            timeout: OptDuration::new(timeout),
            read_buffer_size,
            idle_timeout: OptDuration::new(idle_timeout),
            setup: Some(setups.share(Setup {
                options,
                tls,
                attempt_delay,
                pinned,
                proxy,
            })),
            state: State::Resolving,
            sock: None,
            tls: None,
            started: Instant::now(),
            timings: Timings::default(),
            detached: false,
            write_shut: false,
            peer_done: false,
            watching_writes: true,
            send,
            paused: false,
            ending: false,
            deferred: false,
            connect_timer: TimerSlot::default(),
            close_timer: TimerSlot::default(),
        }
    }

    pub fn gen(&self) -> u32 {
        self.gen
    }

    pub fn target(&self) -> &Target {
        &self.target
    }

    pub fn timeout(&self) -> Option<Duration> {
        self.timeout.get()
    }

    pub fn idle_timeout(&self) -> Option<Duration> {
        self.idle_timeout.get()
    }

    /// What only connecting needs (`None` once established).
    pub fn setup(&self) -> Option<&Setup> {
        self.setup.as_deref()
    }

    pub fn proxy(&self) -> Option<&Proxy> {
        self.setup().and_then(|s| s.proxy.as_deref())
    }

    pub fn tls_options(&self) -> Option<&TlsOptions> {
        self.setup().and_then(|s| s.tls.as_deref())
    }

    pub fn phase(&self) -> Phase {
        self.state.phase()
    }

    pub fn is_established(&self) -> bool {
        matches!(self.state, State::Established { .. })
    }

    pub fn timings(&self) -> &Timings {
        &self.timings
    }

    pub fn take_timings(&mut self) -> Timings {
        std::mem::take(&mut self.timings)
    }

    pub fn is_detached(&self) -> bool {
        self.detached
    }

    /// Closed by its owner: from now on it only finishes writing (see the module doc).
    pub fn detach(&mut self) {
        self.detached = true;
    }

    /// Detached and the peer's FIN (or an error) has been read.
    pub fn peer_done(&self) -> bool {
        self.peer_done
    }

    /// Closed by its owner, everything written and our FIN sent: all that is left is to read
    /// (and drop) what the peer still sends until its own FIN, which nobody waits for.
    pub fn only_awaits_peer_fin(&self) -> bool {
        self.detached && self.write_shut
    }

    /// Whether the socket of an established connection is all a host loop's readiness can
    /// be about, when it is the reactor's only source: a plain stream (TLS may have records
    /// to write, a datagram socket reads differently) that its owner reads, with nothing to
    /// write and nothing to shut down.
    pub fn reads_directly(&self) -> bool {
        self.is_established()
            && self.tls.is_none()
            && self.sock.as_ref().is_some_and(|s| !s.is_datagram())
            && !self.detached
            && !self.paused
            && !self.ending
            && !self.deferred
            && !self.write_shut
            && self.send.is_empty()
    }

    /// Adds writability to the established socket's registration, or takes it off. Edge-
    /// triggered, a socket's entry stays in the epoll's ready list until a poll harvests it;
    /// left there by a step that reads without polling, an entry that asks for writability
    /// keeps the epoll descriptor readable for as long as the socket is writable (a host
    /// loop would spin). So a socket read that way asks for reads only, and for writability
    /// again whenever bytes wait for it (see `Reactor::watch_writes_while_waiting`).
    pub fn watch_writes(&mut self, registry: &Registry, index: usize, on: bool) -> io::Result<()> {
        if self.watching_writes == on || !self.is_established() {
            return Ok(());
        }
        let Some(sock) = self.sock.as_mut() else {
            return Ok(());
        };
        let interest = if on {
            Interest::READABLE | Interest::WRITABLE
        } else {
            Interest::READABLE
        };
        // (slot 0: an established connection's events do not look at the slot)
        registry.reregister(sock.source(), Token(index << SLOT_BITS), interest)?;
        self.watching_writes = on;
        Ok(())
    }

    /// The socket of a connection past TCP connect.
    pub fn socket_fd(&self) -> Option<RawFd> {
        self.sock.as_ref().map(Sock::raw_fd)
    }

    /// The timers that die with the connection.
    pub fn timers(&self) -> impl Iterator<Item = TimerId> {
        let idle = match self.state {
            State::Established { idle_timer, .. } => idle_timer.get(),
            _ => None,
        };
        [self.connect_timer.get(), self.close_timer.get(), idle]
            .into_iter()
            .flatten()
    }

    /// The resolver answered: DNS time noted, the addresses are tried next.
    pub fn resolved(&mut self, addrs: Vec<SocketAddr>) {
        self.timings.dns = nanos(self.started.elapsed());
        self.add_addresses(addrs);
    }

    /// Addresses to try: phase Connecting. With happy eyeballs the families alternate
    /// (RFC 8305 §4), starting with the resolver's first choice.
    pub fn add_addresses(&mut self, addrs: Vec<SocketAddr>) {
        // (one address has nothing to interleave with: it becomes the queue as it is)
        let interleave = addrs.len() > 1 && self.setup().is_some_and(|s| s.attempt_delay.is_some());
        let queue = &mut self.attempts().addrs;
        if interleave {
            let first_v6 = addrs.first().is_some_and(|a| a.is_ipv6());
            let (mut a, mut b): (VecDeque<_>, VecDeque<_>) =
                addrs.into_iter().partition(|x| x.is_ipv6() == first_v6);
            while let Some(x) = a.pop_front() {
                queue.push_back(x);
                if let Some(y) = b.pop_front() {
                    queue.push_back(y);
                }
            }
            queue.extend(b);
        } else if queue.is_empty() {
            // The caller's vector becomes the queue (a connection waiting for its connect
            // holds exactly its addresses, not room for four).
            *queue = VecDeque::from(addrs);
        } else {
            queue.extend(addrs);
        }
    }

    /// The attempts, entering phase Connecting if not yet there.
    fn attempts(&mut self) -> &mut Attempts {
        if !matches!(self.state, State::Connecting(_)) {
            self.state = State::Connecting(Box::default());
        }
        let State::Connecting(a) = &mut self.state else {
            unreachable!("just set")
        };
        a
    }

    /// Addresses are left to try and a slot is free for one more attempt.
    pub fn can_start_another(&self) -> bool {
        matches!(&self.state, State::Connecting(a)
            if !a.addrs.is_empty() && a.in_flight.len() < MAX_ATTEMPTS)
    }

    /// Addresses are left to try.
    pub fn has_addresses(&self) -> bool {
        matches!(&self.state, State::Connecting(a) if !a.addrs.is_empty())
    }

    /// Starts the next attempt (the next address, or the unix path); an address that fails
    /// at once is skipped for the one after.
    pub fn start_next_attempt(&mut self, registry: &Registry, index: usize) -> NextAttempt {
        let is_path = matches!(self.target.endpoint, Endpoint::Path(_)) && self.proxy().is_none();
        loop {
            let a = self.attempts();
            if !is_path && a.addrs.is_empty() {
                return if a.in_flight.is_empty() {
                    NextAttempt::Exhausted
                } else {
                    NextAttempt::Waiting
                };
            }
            match self.start_connect(registry, index) {
                Ok(()) => {
                    return NextAttempt::Started {
                        more: self.has_addresses(),
                    }
                }
                Err(e) if is_path => {
                    self.attempts().last_error = Some(e);
                    return NextAttempt::Exhausted;
                }
                Err(e) => self.attempts().last_error = Some(e),
            }
        }
    }

    /// Why the connect failed: the last attempt's error.
    pub fn connect_error(&mut self) -> io::Error {
        self.attempts()
            .last_error
            .take()
            .unwrap_or_else(|| io::Error::new(io::ErrorKind::NotFound, "no address"))
    }

    /// Starts a non-blocking connect to the next address (or the unix path) and registers the
    /// socket. Errors are per-address: the caller tries the next one.
    fn start_connect(&mut self, registry: &Registry, index: usize) -> io::Result<()> {
        let (Some(setup), State::Connecting(a)) = (self.setup.as_deref(), &mut self.state) else {
            return Err(io::Error::other("not connecting"));
        };
        let slot = (0..MAX_ATTEMPTS)
            .find(|s| !a.in_flight.iter().any(|(t, _)| t == s))
            .ok_or_else(|| io::Error::other("too many connect attempts in flight"))?;
        let token = Token(index << SLOT_BITS | slot);
        let mut sock = open_socket(&self.target, &setup.options, &mut a.addrs)?;
        if a.addrs.is_empty() {
            // The last address is taken (the only one, mostly): its room goes back at once,
            // for the next connect of a burst, instead of when this one is established.
            a.addrs = VecDeque::new();
        }
        registry.register(
            sock.source(),
            token,
            Interest::READABLE | Interest::WRITABLE,
        )?;
        a.in_flight.push((slot, sock));
        Ok(())
    }

    /// Called on any readiness while connecting: `Ok(Some(names))` once connected,
    /// `Ok(None)` when still in progress, `Err` when this attempt failed.
    /// `None` when the attempt of `slot` is gone (an event that raced its removal).
    pub fn check_connected(&self, slot: usize) -> Option<io::Result<Option<(String, String)>>> {
        let State::Connecting(a) = &self.state else {
            return None;
        };
        let (_, sock) = a.in_flight.iter().find(|(s, _)| *s == slot)?;
        Some(match sock.take_error() {
            Ok(Some(e)) | Err(e) => Err(e),
            Ok(None) => sock.names(),
        })
    }

    /// The attempt of `slot` failed with `e`: dropped, `e` kept in case it was the last.
    pub fn attempt_failed(&mut self, slot: usize, e: io::Error, registry: &Registry) {
        let a = self.attempts();
        if let Some(i) = a.in_flight.iter().position(|(s, _)| *s == slot) {
            let (_, mut sock) = a.in_flight.swap_remove(i);
            let _ = registry.deregister(sock.source());
        }
        a.last_error = Some(e);
    }

    /// Attempts are still in flight.
    pub fn attempts_in_flight(&self) -> bool {
        matches!(&self.state, State::Connecting(a) if !a.in_flight.is_empty())
    }

    /// The attempt of `slot` connected: it becomes the connection, the others are closed and
    /// the TCP time noted. Through a proxy its handshake starts (phase Proxying, `None`);
    /// otherwise the tunnel is open at once.
    pub fn win(
        &mut self,
        slot: usize,
        names: (String, String),
        registry: &Registry,
    ) -> Option<Tunnel> {
        let mut a = std::mem::take(self.attempts());
        if let Some(i) = a.in_flight.iter().position(|(s, _)| *s == slot) {
            let (_, sock) = a.in_flight.swap_remove(i);
            self.sock = Some(sock);
        }
        for (_, mut loser) in a.in_flight.drain(..) {
            let _ = registry.deregister(loser.source());
        }
        self.timings.tcp = nanos(self.started.elapsed());
        let Some(proxy) = self.proxy() else {
            return Some(Tunnel {
                names,
                early: Vec::new(),
            });
        };
        let (host, port) = match &self.target.endpoint {
            Endpoint::Inet { host, port } => (host.clone(), *port),
            Endpoint::Path(p) => (p.display().to_string(), 0),
        };
        let (handshake, out) = Handshake::start(proxy, &host, port);
        self.state = State::Proxying(Box::new(ProxyPhase {
            handshake,
            out,
            names,
        }));
        None
    }

    pub fn drop_socket(&mut self, registry: &Registry) {
        if let Some(mut s) = self.sock.take() {
            let _ = registry.deregister(s.source());
        }
        if let State::Connecting(a) = &mut self.state {
            for (_, mut s) in a.in_flight.drain(..) {
                let _ = registry.deregister(s.source());
            }
        }
    }

    /// Moves the proxy handshake on: `Ok(Some(tunnel))` when the tunnel is open.
    pub fn drive_proxy(&mut self) -> Result<Option<Tunnel>, Error> {
        let (State::Proxying(phase), Some(sock)) = (&mut self.state, self.sock.as_mut()) else {
            return Err(Error::ProxyNotConnected);
        };
        let ProxyPhase {
            handshake,
            out,
            names,
        } = &mut **phase;
        loop {
            while !out.is_empty() {
                match sock.write(out) {
                    Ok(n) => {
                        out.drain(..n);
                    }
                    Err(e) if e.kind() == io::ErrorKind::WouldBlock => return Ok(None),
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => return Err(Error::ProxyIo(e)),
                }
            }
            let data = match read_owned(sock, 4096) {
                Ok(d) if d.is_empty() => return Err(Error::ProxyClosed),
                Ok(d) => d,
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return Ok(None),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(Error::ProxyIo(e)),
            };
            match handshake.on_bytes(&data)? {
                Step::Send(b) => *out = b,
                Step::Need => {}
                Step::Done { leftover } => {
                    return Ok(Some(Tunnel {
                        names: std::mem::take(names),
                        early: leftover,
                    }));
                }
            }
        }
    }

    /// Reads up to the round budget, pushing each read (each datagram, each run of TLS
    /// plaintext) as a `Data` event.
    pub fn read_some(
        &mut self,
        short_read_drains: bool,
        out: &mut impl FnMut(ConnEvent),
    ) -> ReadOutcome {
        if self.tls.is_some() {
            return self.read_tls(out);
        }
        if self.sock.as_ref().is_some_and(Sock::is_datagram) {
            return self.read_datagrams(out);
        }
        let size = self.read_buffer_size.max(1);
        let Some(sock) = self.sock.as_mut() else {
            return ReadOutcome::Closed;
        };
        for _ in 0..READS_PER_ROUND {
            match recv_owned(sock, size) {
                Ok(buf) if buf.is_empty() => {
                    out(ConnEvent::Closed);
                    return ReadOutcome::Closed;
                }
                Ok(buf) => {
                    let drained = short_read_drains && buf.len() < size;
                    out(ConnEvent::Data(buf));
                    if drained {
                        return ReadOutcome::Drained;
                    }
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return ReadOutcome::Drained,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    out(io_error_event(&self.target, "read", e));
                    out(ConnEvent::Closed);
                    return ReadOutcome::Closed;
                }
            }
        }
        ReadOutcome::MoreLeft
    }

    /// Reads and drops input (a detached connection), up to the round budget. `Closed` once
    /// the peer's FIN or an error is read ([`Connection::peer_done`] from then on).
    pub fn discard_input(&mut self) -> ReadOutcome {
        let outcome = self.read_and_drop();
        if matches!(outcome, ReadOutcome::Closed) {
            self.peer_done = true;
        }
        outcome
    }

    fn read_and_drop(&mut self) -> ReadOutcome {
        if self.tls.is_some() {
            let mut closed = false;
            let outcome = self.read_tls(&mut |ev| closed |= matches!(ev, ConnEvent::Closed));
            return if closed { ReadOutcome::Closed } else { outcome };
        }
        let Some(sock) = self.sock.as_mut() else {
            return ReadOutcome::Closed;
        };
        // io::copy reads into a buffer it does not zero (a 16 KiB array zeroed per call was
        // most of the cost of closing a connection), retrying Interrupted itself.
        const BUDGET: u64 = (READS_PER_ROUND * 16 * 1024) as u64;
        match io::copy(&mut Read::take(&mut *sock, BUDGET), &mut io::sink()) {
            Ok(BUDGET) => ReadOutcome::MoreLeft,
            // The copy ends short of the budget only at EOF.
            Ok(_) => ReadOutcome::Closed,
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => ReadOutcome::Drained,
            Err(_) => ReadOutcome::Closed,
        }
    }

    /// Sends our FIN once (a detached connection whose queue is written).
    pub fn shut_write(&mut self) {
        if !self.write_shut {
            self.write_shut = true;
            if let (Some(tls), Some(sock)) = (self.tls.as_deref_mut(), self.sock.as_mut()) {
                tls.send_close_notify();
                let _ = write_tls_out(tls, sock);
            }
            if let Some(sock) = self.sock.as_ref() {
                let _ = sock.shutdown_write();
            }
        }
    }

    /// Flushes the send queue. `Ok(true)` when it went from non-empty to empty.
    pub fn flush(&mut self) -> io::Result<bool> {
        let before = self.send.len();
        let r = self.flush_queue();
        self.timings.bytes_written += (before - self.send.len()) as u64;
        r
    }

    fn flush_queue(&mut self) -> io::Result<bool> {
        if let Some(tls) = self.tls.as_deref_mut() {
            let Some(sock) = self.sock.as_mut() else {
                return Ok(false);
            };
            let had = !self.send.is_empty();
            loop {
                if !write_tls_out(tls, sock)? {
                    return Ok(false);
                }
                if self.send.is_empty() {
                    return Ok(had);
                }
                if self.send.flush_to(&mut Plaintext(tls))? == Flush::Blocked && !tls.wants_write()
                {
                    return Ok(false);
                }
            }
        }
        if self.send.is_empty() {
            return Ok(false);
        }
        let Some(sock) = self.sock.as_mut() else {
            return Ok(false);
        };
        if sock.is_datagram() {
            return Ok(self.send.flush_datagrams_to(sock)? == Flush::Drained);
        }
        Ok(self.send.flush_to(sock)? == Flush::Drained)
    }

    /// Starts the TLS session once the tunnel is open: phase Handshaking.
    pub fn start_tls(
        &mut self,
        config: std::sync::Arc<rustls::ClientConfig>,
        tunnel: Tunnel,
    ) -> Result<(), Error> {
        let host = match &self.target.endpoint {
            Endpoint::Inet { host, .. } => host.clone(),
            Endpoint::Path(p) => p.display().to_string(),
        };
        let plain = TlsOptions::default();
        let opts = self.tls_options().unwrap_or(&plain);
        let name = tls::server_name(opts, &host)?;
        let mut conn = ClientConnection::new(config, name)
            .map_err(|e| Error::TlsSetup(format!("TLS setup: {e}")))?;
        // What the server sent with the proxy's reply is already TLS.
        if !tunnel.early.is_empty() {
            conn.read_tls(&mut &tunnel.early[..])
                .map_err(|e| Error::TlsSetup(format!("TLS: {e}")))?;
        }
        self.tls = Some(Box::new(conn));
        self.state = State::Handshaking {
            names: Box::new(tunnel.names),
            awaiting_verdict: false,
        };
        Ok(())
    }

    /// Moves the handshake on: `Done` once it is complete (and, when the server asked for a
    /// client certificate under TLS 1.3, once it has accepted it), `Err` when it failed.
    ///
    /// (One loop over write, read and process, kept whole so the TLS 1.3 client-certificate
    /// verdict logic reads in the order it happens.)
    pub fn drive_handshake(&mut self) -> Result<TlsProgress, Error> {
        let name = self.tls_name();
        let (
            State::Handshaking {
                names,
                awaiting_verdict,
            },
            Some(tls),
            Some(sock),
        ) = (&mut self.state, self.tls.as_deref_mut(), self.sock.as_mut())
        else {
            return Err(Error::TlsNotConnected);
        };
        let was_waiting = *awaiting_verdict;
        let pending = |awaiting: bool| {
            if awaiting && !was_waiting {
                TlsProgress::AwaitingVerdict
            } else {
                TlsProgress::Pending
            }
        };
        loop {
            let flushed = write_tls_out(tls, sock).map_err(Error::TlsIo)?;
            if !tls.is_handshaking() && !*awaiting_verdict {
                self.timings.alpn = tls.alpn_protocol().map(Box::from);
                return Ok(TlsProgress::Done(std::mem::take(&mut **names)));
            }
            if !flushed || !(tls.wants_read() || *awaiting_verdict) {
                return Ok(pending(*awaiting_verdict));
            }
            match tls.read_tls(sock) {
                Ok(0) => {
                    return Err(if *awaiting_verdict {
                        Error::CertificateRefused
                    } else {
                        Error::TlsClosed
                    })
                }
                Ok(_) => {
                    let (r, asked) = tls::watch_cert_request(|| tls.process_new_packets());
                    let state = match r {
                        Ok(state) => state,
                        Err(e) => {
                            // Tell the server why (the alert rustls queued), best effort.
                            let _ = write_tls_out(tls, sock);
                            return Err(Error::TlsHandshake(tls::describe_error(&e, &name)));
                        }
                    };
                    if asked && tls.protocol_version() == Some(rustls::ProtocolVersion::TLSv1_3) {
                        *awaiting_verdict = true;
                    } else if *awaiting_verdict && state.plaintext_bytes_to_read() > 0 {
                        // The server talks to us: it accepted our certificate. (Session
                        // tickets prove nothing: PHP servers send them, then check the
                        // certificate and hang up.)
                        *awaiting_verdict = false;
                    }
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                    return Ok(pending(*awaiting_verdict))
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(Error::TlsIo(e)),
            }
        }
    }

    /// No refusal came in time: the server accepted the client certificate. `false` when no
    /// verdict was awaited (any more).
    pub fn accept_verdict(&mut self) -> bool {
        match &mut self.state {
            State::Handshaking {
                awaiting_verdict, ..
            } => std::mem::replace(awaiting_verdict, false),
            _ => false,
        }
    }

    /// The connection is up (TCP, tunnel, TLS): phase Established, the time it took noted.
    pub fn establish(&mut self) {
        let since = self.started.elapsed();
        if self.tls.is_some() {
            self.timings.tls = nanos(since);
        } else {
            self.timings.tcp = nanos(since);
        }
        self.state = State::Established {
            last_read: Instant::now(),
            idle_timer: TimerSlot::default(),
        };
        self.setup = None;
    }

    /// Something was read: the idle clock restarts, the first byte's time is noted.
    pub fn note_read(&mut self) {
        if let State::Established { last_read, .. } = &mut self.state {
            *last_read = Instant::now();
        }
        if self.timings.first_byte == 0 {
            self.timings.first_byte = nanos(self.started.elapsed());
        }
    }

    /// The last time anything was read, once established.
    pub fn last_read(&self) -> Option<Instant> {
        match self.state {
            State::Established { last_read, .. } => Some(last_read),
            _ => None,
        }
    }

    /// The timer that checks the idle timeout, once established.
    pub fn set_idle_timer(&mut self, id: Option<TimerId>) {
        if let State::Established { idle_timer, .. } = &mut self.state {
            idle_timer.set(id);
        }
    }

    fn tls_name(&self) -> String {
        let plain = TlsOptions::default();
        let o = self.tls_options().unwrap_or(&plain);
        match (&o.sni_server_name, &o.peer_name, &self.target.endpoint) {
            (Some(n), _, _) | (None, Some(n), _) => n.clone(),
            (None, None, Endpoint::Inet { host, .. }) => host.clone(),
            (None, None, Endpoint::Path(p)) => p.display().to_string(),
        }
    }

    /// Reads TLS records and hands their plaintext out, up to the round budget. (One loop over
    /// rustls' read/process/drain steps, kept whole: its exits — EOF, close_notify, errors,
    /// the budget — read in order.)
    fn read_tls(&mut self, out: &mut impl FnMut(ConnEvent)) -> ReadOutcome {
        let size = self.read_buffer_size.max(1);
        let target = &self.target;
        let (Some(tls), Some(sock)) = (self.tls.as_deref_mut(), self.sock.as_mut()) else {
            return ReadOutcome::Closed;
        };
        for round in 0..READS_PER_ROUND {
            // Plaintext rustls already holds (records read with the handshake) comes first.
            let buffered = round == 0
                && tls
                    .process_new_packets()
                    .is_ok_and(|s| s.plaintext_bytes_to_read() > 0);
            let eof = if buffered {
                false
            } else {
                match tls.read_tls(sock) {
                    Ok(0) => true,
                    Ok(_) => false,
                    Err(e) if e.kind() == io::ErrorKind::WouldBlock => return ReadOutcome::Drained,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) => {
                        out(io_error_event(target, "read", e));
                        out(ConnEvent::Closed);
                        return ReadOutcome::Closed;
                    }
                }
            };
            if let Err(e) = tls.process_new_packets() {
                let _ = write_tls_out(tls, sock);
                out(ConnEvent::Error {
                    code: libc::EPROTO,
                    errstr: format!("{target}: {e}"),
                });
                out(ConnEvent::Closed);
                return ReadOutcome::Closed;
            }
            // Replies rustls owes the server (key updates, alerts) go out at once.
            let _ = write_tls_out(tls, sock);
            loop {
                match read_owned(&mut tls.reader(), size) {
                    Ok(buf) if buf.is_empty() => {
                        // close_notify: the server closed cleanly.
                        out(ConnEvent::Closed);
                        return ReadOutcome::Closed;
                    }
                    Ok(buf) => out(ConnEvent::Data(buf)),
                    Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
                    Err(e) => {
                        // Unexpected EOF without close_notify: still a close by the peer.
                        if e.kind() != io::ErrorKind::UnexpectedEof {
                            out(io_error_event(target, "read", e));
                        }
                        out(ConnEvent::Closed);
                        return ReadOutcome::Closed;
                    }
                }
            }
            if eof {
                out(ConnEvent::Closed);
                return ReadOutcome::Closed;
            }
        }
        ReadOutcome::MoreLeft
    }

    /// One `Data` per datagram; an ICMP "port unreachable" becomes an `Error`, not a close.
    fn read_datagrams(&mut self, out: &mut impl FnMut(ConnEvent)) -> ReadOutcome {
        let size = self.read_buffer_size.max(1).max(65_536);
        let target = &self.target;
        let Some(sock) = self.sock.as_mut() else {
            return ReadOutcome::Closed;
        };
        for _ in 0..READS_PER_ROUND {
            match recv_owned(sock, size) {
                Ok(buf) => out(ConnEvent::Data(buf)),
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return ReadOutcome::Drained,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => out(io_error_event(target, "receive", e)),
            }
        }
        ReadOutcome::MoreLeft
    }
}

thread_local! {
    /// One read buffer for all connections: a read lands here and only the bytes received are
    /// copied out, so neither a 64 KiB allocation nor its zeroing is paid per read, and an idle
    /// connection holds no read buffer at all.
    static SCRATCH: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// One `read` of at most `size` bytes, returned as an exact-size vector (empty = EOF).
fn read_owned<R: Read>(r: &mut R, size: usize) -> io::Result<Vec<u8>> {
    SCRATCH.with(|s| {
        let mut s = s.borrow_mut();
        if s.len() < size {
            s.resize(size, 0);
        }
        let n = r.read(&mut s[..size])?;
        Ok(s[..n].to_vec())
    })
}

/// How many large read buffers wait for reuse (at most 2 MiB with 64 KiB reads, kept for the
/// process): one round reads up to READS_PER_ROUND times before the binding hands the buffers
/// back, and a second round may start before all of them are.
const POOL: usize = READS_PER_ROUND * 2;

thread_local! {
    /// The plain sockets' read buffers: never zeroed (the kernel writes them), reused for
    /// small reads, handed over whole for large ones and given back once used.
    static RAW: std::cell::RefCell<Vec<Vec<u8>>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Gives a large buffer back for a next read, once its bytes were used (raw data copied into
/// PHP, a forwarded chunk written, a receive buffer emptied). A 64 KiB allocation freed and
/// made again per read lets the allocator shrink and grow the heap, and the kernel then
/// faults in fresh zeroed pages on every read (measured: 4x the CPU per GiB received).
pub fn recycle_read_buffer(mut buf: Vec<u8>) {
    if buf.capacity() < 16 * 1024 {
        return;
    }
    RAW.with(|b| {
        if let Ok(mut pool) = b.try_borrow_mut() {
            if pool.len() < POOL {
                buf.clear();
                pool.push(buf);
            }
        }
    });
}

/// One `recv` of at most `size` bytes from a plain socket, as an exact-size vector (empty =
/// EOF). A large read (a bulk transfer) returns the buffer it landed in, so its bytes are not
/// copied; a small one is copied out and the buffer kept for the next read.
fn recv_owned(sock: &Sock, size: usize) -> io::Result<Vec<u8>> {
    let mut b = RAW
        .with(|p| p.try_borrow_mut().ok().and_then(|mut p| p.pop()))
        .unwrap_or_default();
    b.clear();
    b.reserve(size);
    // SAFETY: the kernel writes at most `size` bytes into the vector's spare capacity
    // (reserved above); set_len then covers exactly the bytes written.
    let n = unsafe { libc::recv(sock.raw_fd(), b.as_mut_ptr() as *mut libc::c_void, size, 0) };
    if n < 0 {
        let e = io::Error::last_os_error();
        recycle_read_buffer(b);
        return Err(e);
    }
    let n = n as usize;
    // SAFETY: the first n bytes were just written by recv.
    unsafe { b.set_len(n) };
    if n >= 16 * 1024 && n >= size / 2 {
        return Ok(b);
    }
    let out = b[..n].to_vec();
    recycle_read_buffer(b);
    Ok(out)
}

/// Writes the TLS records rustls has ready. `Ok(true)` when all went out, `Ok(false)` when the
/// socket would block first.
fn write_tls_out(tls: &mut ClientConnection, sock: &mut Sock) -> io::Result<bool> {
    while tls.wants_write() {
        match tls.write_tls(sock) {
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => return Ok(false),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(true)
}

/// The send queue's writer for a TLS connection: plaintext into the session. When rustls's
/// buffer is full it says "would block", so the queue keeps the rest.
struct Plaintext<'a>(&'a mut ClientConnection);

impl Write for Plaintext<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self.0.writer().write(buf)? {
            0 if !buf.is_empty() => Err(io::ErrorKind::WouldBlock.into()),
            n => Ok(n),
        }
    }
    fn write_vectored(&mut self, bufs: &[io::IoSlice<'_>]) -> io::Result<usize> {
        match self.0.writer().write_vectored(bufs)? {
            0 if bufs.iter().any(|b| !b.is_empty()) => Err(io::ErrorKind::WouldBlock.into()),
            n => Ok(n),
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// A unique abstract unix address for a udg:// client, so the server has somewhere to reply.
fn abstract_unix_name() -> io::Result<SockAddr> {
    use std::os::unix::ffi::OsStrExt;
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    // A leading NUL byte puts the name in Linux's abstract namespace: no file to clean up.
    let name = format!(
        "\0beyod-udg-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    );
    SockAddr::unix(std::ffi::OsStr::from_bytes(name.as_bytes()))
}

fn connect_in_progress(s: &Socket, addr: &SockAddr) -> io::Result<()> {
    match s.connect(addr) {
        Ok(()) => Ok(()),
        Err(e) if e.raw_os_error() == Some(libc::EINPROGRESS) => Ok(()),
        Err(e) => Err(e),
    }
}

/// A non-blocking socket for the next attempt, connect started: to the unix path, or to the
/// next of `addrs` (taken from the queue), with the socket options applied and `bindto` bound.
fn open_socket(
    target: &Target,
    options: &SocketOptions,
    addrs: &mut VecDeque<SocketAddr>,
) -> io::Result<Sock> {
    let datagram = target.is_datagram();
    Ok(match &target.endpoint {
        Endpoint::Path(path) if datagram => {
            let s = Socket::new(Domain::UNIX, Type::DGRAM.nonblocking().cloexec(), None)?;
            let _ = options.apply(&s, false);
            s.bind(&abstract_unix_name()?)?;
            s.connect(&SockAddr::unix(path)?)?;
            Sock::Udg(UnixDatagram::from_std(s.into()))
        }
        Endpoint::Inet { .. } if datagram => {
            let addr = addrs
                .pop_front()
                .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "no address left to try"))?;
            let s = Socket::new(
                Domain::for_address(addr),
                Type::DGRAM.nonblocking().cloexec(),
                Some(Protocol::UDP),
            )?;
            let _ = options.apply_datagram(&s);
            if let Some(local) = options.bind_to {
                s.bind(&local.into())?;
            }
            s.connect(&addr.into())?;
            Sock::Udp(UdpSocket::from_std(s.into()))
        }
        Endpoint::Path(path) => {
            let s = Socket::new(Domain::UNIX, Type::STREAM.nonblocking().cloexec(), None)?;
            let _ = options.apply(&s, false);
            connect_in_progress(&s, &SockAddr::unix(path)?)?;
            Sock::Unix(UnixStream::from_std(s.into()))
        }
        Endpoint::Inet { .. } => {
            let addr = addrs
                .pop_front()
                .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "no address left to try"))?;
            let s = Socket::new(
                Domain::for_address(addr),
                Type::STREAM.nonblocking().cloexec(),
                Some(Protocol::TCP),
            )?;
            let _ = options.apply(&s, true);
            if let Some(local) = options.bind_to {
                s.bind(&local.into())?;
            }
            connect_in_progress(&s, &addr.into())?;
            Sock::Tcp(TcpStream::from_std(s.into()))
        }
    })
}

/// An `Error` event naming the target and the operation.
pub fn io_error_event(target: &Target, op: &'static str, e: io::Error) -> ConnEvent {
    let e = Error::Io {
        target: target.to_string(),
        op,
        source: e,
    };
    ConnEvent::Error {
        code: e.code(),
        errstr: e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connects_with_the_same_options_share_their_connect_time_parts() {
        let mut setups = Setups::default();
        let a = Connection::new(1, spec(None), &mut setups);
        let b = Connection::new(2, spec(None), &mut setups);
        let c = Connection::new(3, spec(Some(Duration::from_millis(250))), &mut setups);
        let (sa, sb, sc) = (a.setup.unwrap(), b.setup.unwrap(), c.setup.unwrap());
        assert!(Arc::ptr_eq(&sa, &sb));
        assert!(!Arc::ptr_eq(&sa, &sc));
        assert_eq!(sc.attempt_delay, Some(Duration::from_millis(250)));
        // Only the last few configurations are remembered.
        for ms in 1..=8 {
            Connection::new(9, spec(Some(Duration::from_millis(ms))), &mut setups);
        }
        let d = Connection::new(10, spec(None), &mut setups);
        assert!(!Arc::ptr_eq(&sa, &d.setup.unwrap()));
    }

    fn spec(attempt_delay: Option<Duration>) -> ConnectSpec {
        ConnectSpec {
            target: Target::parse("tcp://example.org:80").unwrap(),
            options: SocketOptions::default(),
            timeout: None,
            read_buffer_size: 65536,
            tls: None,
            idle_timeout: None,
            attempt_delay,
            pinned: Vec::new(),
            proxy: None,
        }
    }

    fn queued(c: &Connection) -> Vec<SocketAddr> {
        match &c.state {
            State::Connecting(a) => a.addrs.iter().copied().collect(),
            _ => panic!("not connecting"),
        }
    }

    #[test]
    fn addresses_start_the_connecting_phase() {
        let mut c = Connection::new(1, spec(None), &mut Setups::default());
        assert_eq!(c.phase(), Phase::Resolving);
        c.resolved(vec!["10.0.0.1:80".parse().unwrap()]);
        assert_eq!(c.phase(), Phase::Connecting);
        assert!(c.timings().dns().is_some());
        assert!(c.has_addresses() && !c.attempts_in_flight());
    }

    #[test]
    fn happy_eyeballs_alternates_families_starting_with_the_resolvers_first() {
        let addrs: Vec<SocketAddr> = ["[::1]:80", "[::2]:80", "10.0.0.1:80", "10.0.0.2:80"]
            .iter()
            .map(|a| a.parse().unwrap())
            .collect();
        let mut c = Connection::new(
            1,
            spec(Some(Duration::from_millis(250))),
            &mut Setups::default(),
        );
        c.add_addresses(addrs.clone());
        assert_eq!(queued(&c), [addrs[0], addrs[2], addrs[1], addrs[3]]);
        let mut c = Connection::new(1, spec(None), &mut Setups::default());
        c.add_addresses(addrs.clone());
        assert_eq!(
            queued(&c),
            addrs,
            "without happy eyeballs: the resolver's order"
        );
    }

    #[test]
    fn established_keeps_nothing_of_connecting() {
        let mut c = Connection::new(1, spec(None), &mut Setups::default());
        c.add_addresses(vec!["10.0.0.1:80".parse().unwrap()]);
        c.establish();
        assert!(c.is_established());
        assert!(!c.has_addresses());
        assert!(c.timings().tcp().is_some());
        assert!(c.last_read().is_some());
        assert!(!c.accept_verdict(), "no TLS handshake waits for a verdict");
    }
}
