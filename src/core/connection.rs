//! One connection's state machine: Resolving → Connecting → Established, and what each phase
//! does on readiness. The reactor owns the connections and turns their outcomes into events.
//!
//! A connection closed by its owner (`close()`) is *detached*: it reports nothing any more but
//! stays alive until the bytes it had accepted are written, its FIN is sent and the peer's FIN
//! is read (or its flush deadline passes), so `close()` never loses data. Meanwhile what the
//! peer sends is read and dropped: closing a socket with unread input, or receiving data after
//! closing it, makes the kernel reset the connection and discard what it had not sent yet.

use std::collections::VecDeque;
use std::io::{self, Read, Write};
use std::net::SocketAddr;
use std::time::Duration;

use mio::net::{TcpStream, UdpSocket, UnixDatagram, UnixStream};
use mio::{Interest, Registry, Token};
use rustls::ClientConnection;
use socket2::{Domain, Protocol, SockAddr, Socket, Type};

use super::error::Error;
use super::options::SocketOptions;
use super::proxy::{Handshake, Proxy, Step};
use super::send_queue::{Flush, SendQueue};
use super::target::{Endpoint, Target};
use super::timers::TimerId;
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

/// When each phase of a connection ended, measured from `connect()`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Timings {
    pub dns: Option<Duration>,
    pub tcp: Option<Duration>,
    pub tls: Option<Duration>,
    pub first_byte: Option<Duration>,
    /// Bytes written to the socket (after TLS: plaintext accepted by the session).
    pub bytes_written: u64,
    /// The protocol ALPN settled on, if any.
    pub alpn: Option<Vec<u8>>,
}

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

pub(crate) struct Connection {
    pub gen: u32,
    pub spec: ConnectSpec,
    pub phase: Phase,
    pub sock: Option<Sock>,
    /// Addresses still to try, in resolver order.
    pub addrs: VecDeque<SocketAddr>,
    pub send: SendQueue,
    pub paused: bool,
    pub detached: bool,
    /// Detached and flushed: our FIN is sent.
    pub write_shut: bool,
    /// Detached and the peer's FIN (or an error) has been read.
    pub peer_done: bool,
    pub connect_timer: Option<TimerId>,
    pub close_timer: Option<TimerId>,
    /// The TLS session of an ssl:// or tls:// connection, from TCP connect on.
    pub tls: Option<Box<ClientConnection>>,
    /// Addresses learnt at TCP connect, reported once the handshake is done.
    pub names: Option<(String, String)>,
    pub started: std::time::Instant,
    pub timings: Timings,
    /// The last time anything was read (idle timeout).
    pub last_read: std::time::Instant,
    pub idle_timer: Option<TimerId>,
    /// `end()` was called: write side shut once flushed, reading goes on.
    pub ending: bool,
    /// Bytes were queued during a batch (see `Reactor::begin_batch`) and wait for its end.
    pub deferred: bool,
    /// TLS 1.3 with a client certificate requested: the handshake is done on our side, but the
    /// server's verdict (a refusing alert, or its first record) is still to come.
    pub awaiting_verdict: bool,
    /// Connect attempts in flight (happy eyeballs): (slot of the token, socket).
    pub attempts: Vec<(usize, Sock)>,
    /// The error of the last failed attempt, reported if none succeeds.
    pub last_attempt_error: Option<io::Error>,
    pub proxy_handshake: Option<Handshake>,
    pub proxy_out: Vec<u8>,
    /// Bytes of the target's stream that arrived with the proxy's reply.
    pub early: Vec<u8>,
}

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
    pub fn new(gen: u32, spec: ConnectSpec) -> Self {
        Connection {
            gen,
            spec,
            phase: Phase::Resolving,
            sock: None,
            addrs: VecDeque::new(),
            send: SendQueue::default(),
            paused: false,
            detached: false,
            write_shut: false,
            peer_done: false,
            connect_timer: None,
            close_timer: None,
            tls: None,
            names: None,
            started: std::time::Instant::now(),
            timings: Timings::default(),
            last_read: std::time::Instant::now(),
            idle_timer: None,
            ending: false,
            deferred: false,
            awaiting_verdict: false,
            attempts: Vec::new(),
            last_attempt_error: None,
            proxy_handshake: None,
            proxy_out: Vec::new(),
            early: Vec::new(),
        }
    }

    /// Starts a non-blocking connect to the next address (or the unix path) and registers the
    /// socket. Errors are per-address: the caller tries the next one.
    pub fn start_connect(&mut self, registry: &Registry, index: usize) -> io::Result<()> {
        let slot = (0..MAX_ATTEMPTS)
            .find(|s| !self.attempts.iter().any(|(t, _)| t == s))
            .ok_or_else(|| io::Error::other("too many connect attempts in flight"))?;
        let token = Token(index << SLOT_BITS | slot);
        let datagram = self.spec.target.is_datagram();
        let mut sock = match &self.spec.target.endpoint {
            Endpoint::Path(path) if datagram => {
                let s = Socket::new(Domain::UNIX, Type::DGRAM.nonblocking().cloexec(), None)?;
                let _ = self.spec.options.apply(&s, false);
                s.bind(&abstract_unix_name()?)?;
                s.connect(&SockAddr::unix(path)?)?;
                Sock::Udg(UnixDatagram::from_std(s.into()))
            }
            Endpoint::Inet { .. } if datagram => {
                let addr = self.addrs.pop_front().ok_or_else(|| {
                    io::Error::new(io::ErrorKind::NotFound, "no address left to try")
                })?;
                let s = Socket::new(
                    Domain::for_address(addr),
                    Type::DGRAM.nonblocking().cloexec(),
                    Some(Protocol::UDP),
                )?;
                let _ = self.spec.options.apply_datagram(&s);
                if let Some(local) = self.spec.options.bind_to {
                    s.bind(&local.into())?;
                }
                s.connect(&addr.into())?;
                Sock::Udp(UdpSocket::from_std(s.into()))
            }
            Endpoint::Path(path) => {
                let s = Socket::new(Domain::UNIX, Type::STREAM.nonblocking().cloexec(), None)?;
                let _ = self.spec.options.apply(&s, false);
                connect_in_progress(&s, &SockAddr::unix(path)?)?;
                Sock::Unix(UnixStream::from_std(s.into()))
            }
            Endpoint::Inet { .. } => {
                let addr = self.addrs.pop_front().ok_or_else(|| {
                    io::Error::new(io::ErrorKind::NotFound, "no address left to try")
                })?;
                let s = Socket::new(
                    Domain::for_address(addr),
                    Type::STREAM.nonblocking().cloexec(),
                    Some(Protocol::TCP),
                )?;
                let _ = self.spec.options.apply(&s, true);
                if let Some(local) = self.spec.options.bind_to {
                    s.bind(&local.into())?;
                }
                connect_in_progress(&s, &addr.into())?;
                Sock::Tcp(TcpStream::from_std(s.into()))
            }
        };
        registry.register(
            sock.source(),
            token,
            Interest::READABLE | Interest::WRITABLE,
        )?;
        self.attempts.push((slot, sock));
        self.phase = Phase::Connecting;
        Ok(())
    }

    /// Called on any readiness while connecting: `Ok(Some(names))` once connected,
    /// `Ok(None)` when still in progress, `Err` when this attempt failed.
    /// `None` when the attempt of `slot` is gone (an event that raced its removal).
    pub fn check_connected(&mut self, slot: usize) -> Option<io::Result<Option<(String, String)>>> {
        let (_, sock) = self.attempts.iter().find(|(s, _)| *s == slot)?;
        Some(match sock.take_error() {
            Ok(Some(e)) | Err(e) => Err(e),
            Ok(None) => sock.names(),
        })
    }

    pub fn drop_attempt(&mut self, slot: usize, registry: &Registry) {
        if let Some(i) = self.attempts.iter().position(|(s, _)| *s == slot) {
            let (_, mut sock) = self.attempts.swap_remove(i);
            let _ = registry.deregister(sock.source());
        }
    }

    /// The attempt of `slot` connected: it becomes the connection; the others are closed.
    pub fn win(&mut self, slot: usize, registry: &Registry) {
        if let Some(i) = self.attempts.iter().position(|(s, _)| *s == slot) {
            let (_, sock) = self.attempts.swap_remove(i);
            self.sock = Some(sock);
        }
        for (_, mut loser) in self.attempts.drain(..) {
            let _ = registry.deregister(loser.source());
        }
    }

    pub fn drop_socket(&mut self, registry: &Registry) {
        if let Some(mut s) = self.sock.take() {
            let _ = registry.deregister(s.source());
        }
        for (_, mut s) in self.attempts.drain(..) {
            let _ = registry.deregister(s.source());
        }
    }

    /// Opens the tunnel: first bytes queued, phase Proxying.
    pub fn start_proxy(&mut self) {
        let Some(proxy) = self.spec.proxy.as_deref().cloned() else {
            return;
        };
        let (host, port) = match &self.spec.target.endpoint {
            Endpoint::Inet { host, port } => (host.clone(), *port),
            Endpoint::Path(p) => (p.display().to_string(), 0),
        };
        let (hs, first) = Handshake::start(&proxy, &host, port);
        self.proxy_handshake = Some(hs);
        self.proxy_out = first;
        self.phase = Phase::Proxying;
    }

    /// Moves the proxy handshake on: `Ok(true)` when the tunnel is open.
    pub fn drive_proxy(&mut self) -> Result<bool, Error> {
        let (Some(hs), Some(sock)) = (self.proxy_handshake.as_mut(), self.sock.as_mut()) else {
            return Err(Error::ProxyNotConnected);
        };
        loop {
            while !self.proxy_out.is_empty() {
                match sock.write(&self.proxy_out) {
                    Ok(n) => {
                        self.proxy_out.drain(..n);
                    }
                    Err(e) if e.kind() == io::ErrorKind::WouldBlock => return Ok(false),
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => return Err(Error::ProxyIo(e)),
                }
            }
            let data = match read_owned(sock, 4096) {
                Ok(d) if d.is_empty() => return Err(Error::ProxyClosed),
                Ok(d) => d,
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return Ok(false),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(Error::ProxyIo(e)),
            };
            match hs.on_bytes(&data)? {
                Step::Send(b) => self.proxy_out = b,
                Step::Need => {}
                Step::Done { leftover } => {
                    self.early = leftover;
                    self.proxy_handshake = None;
                    return Ok(true);
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
        let size = self.spec.read_buffer_size.max(1);
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
                    out(io_error_event(&self.spec.target, "read", e));
                    out(ConnEvent::Closed);
                    return ReadOutcome::Closed;
                }
            }
        }
        ReadOutcome::MoreLeft
    }

    /// Reads and drops input (a detached connection), up to the round budget. `Closed` once
    /// the peer's FIN or an error is read.
    pub fn discard_input(&mut self) -> ReadOutcome {
        if self.tls.is_some() {
            let mut closed = false;
            let outcome = self.read_tls(&mut |ev| closed |= matches!(ev, ConnEvent::Closed));
            return if closed { ReadOutcome::Closed } else { outcome };
        }
        let Some(sock) = self.sock.as_mut() else {
            return ReadOutcome::Closed;
        };
        let mut buf = [0u8; 16 * 1024];
        for _ in 0..READS_PER_ROUND {
            match sock.read(&mut buf) {
                Ok(0) => return ReadOutcome::Closed,
                Ok(_) => {}
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return ReadOutcome::Drained,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(_) => return ReadOutcome::Closed,
            }
        }
        ReadOutcome::MoreLeft
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

    /// Starts the TLS session once TCP is connected.
    pub fn start_tls(&mut self, config: std::sync::Arc<rustls::ClientConfig>) -> Result<(), Error> {
        let host = match &self.spec.target.endpoint {
            Endpoint::Inet { host, .. } => host.clone(),
            Endpoint::Path(p) => p.display().to_string(),
        };
        let plain = TlsOptions::default();
        let opts = self.spec.tls.as_deref().unwrap_or(&plain);
        let name = tls::server_name(opts, &host)?;
        let mut conn = ClientConnection::new(config, name)
            .map_err(|e| Error::TlsSetup(format!("TLS setup: {e}")))?;
        // What the server sent with the proxy's reply is already TLS.
        let early = std::mem::take(&mut self.early);
        if !early.is_empty() {
            conn.read_tls(&mut &early[..])
                .map_err(|e| Error::TlsSetup(format!("TLS: {e}")))?;
        }
        self.tls = Some(Box::new(conn));
        self.phase = Phase::Handshaking;
        Ok(())
    }

    /// Moves the handshake on: `Ok(true)` once it is complete (and, when the server asked for
    /// a client certificate under TLS 1.3, once it has accepted it), `Err` when it failed.
    pub fn drive_handshake(&mut self) -> Result<bool, Error> {
        let name = self.tls_name();
        let (Some(tls), Some(sock)) = (self.tls.as_deref_mut(), self.sock.as_mut()) else {
            return Err(Error::TlsNotConnected);
        };
        loop {
            let flushed = write_tls_out(tls, sock).map_err(Error::TlsIo)?;
            if !tls.is_handshaking() && !self.awaiting_verdict {
                self.timings.alpn = tls.alpn_protocol().map(<[u8]>::to_vec);
                return Ok(true);
            }
            if !flushed || !(tls.wants_read() || self.awaiting_verdict) {
                return Ok(false);
            }
            match tls.read_tls(sock) {
                Ok(0) => {
                    return Err(if self.awaiting_verdict {
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
                        self.awaiting_verdict = true;
                    } else if self.awaiting_verdict && state.plaintext_bytes_to_read() > 0 {
                        // The server talks to us: it accepted our certificate. (Session
                        // tickets prove nothing: PHP servers send them, then check the
                        // certificate and hang up.)
                        self.awaiting_verdict = false;
                    }
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return Ok(false),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(Error::TlsIo(e)),
            }
        }
    }

    /// No refusal came in time: the server accepted the client certificate.
    pub fn accept_verdict(&mut self) {
        self.awaiting_verdict = false;
    }

    fn tls_name(&self) -> String {
        let plain = TlsOptions::default();
        let o = self.spec.tls.as_deref().unwrap_or(&plain);
        match (&o.sni_server_name, &o.peer_name, &self.spec.target.endpoint) {
            (Some(n), _, _) | (None, Some(n), _) => n.clone(),
            (None, None, Endpoint::Inet { host, .. }) => host.clone(),
            (None, None, Endpoint::Path(p)) => p.display().to_string(),
        }
    }

    fn read_tls(&mut self, out: &mut impl FnMut(ConnEvent)) -> ReadOutcome {
        let size = self.spec.read_buffer_size.max(1);
        let target = self.spec.target.clone();
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
                        out(io_error_event(&target, "read", e));
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
                            out(io_error_event(&target, "read", e));
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
        let size = self.spec.read_buffer_size.max(1).max(65_536);
        let target = self.spec.target.clone();
        let Some(sock) = self.sock.as_mut() else {
            return ReadOutcome::Closed;
        };
        for _ in 0..READS_PER_ROUND {
            match recv_owned(sock, size) {
                Ok(buf) => out(ConnEvent::Data(buf)),
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return ReadOutcome::Drained,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => out(io_error_event(&target, "receive", e)),
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
