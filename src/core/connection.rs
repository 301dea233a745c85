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

use mio::net::{TcpStream, UnixStream};
use mio::{Interest, Registry, Token};
use socket2::{Domain, Protocol, SockAddr, Socket, Type};

use super::options::SocketOptions;
use super::send_queue::{Flush, SendQueue};
use super::target::{Endpoint, Target};
use super::timers::TimerId;

/// What a client asks the reactor to connect to, read from its PHP properties at `connect()`.
#[derive(Debug, Clone)]
pub struct ConnectSpec {
    pub target: Target,
    pub options: SocketOptions,
    /// Connect timeout (DNS + TCP); `None` = the system's own.
    pub timeout: Option<Duration>,
    pub read_buffer_size: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Resolving,
    Connecting,
    Established,
}

pub(crate) enum Sock {
    Tcp(TcpStream),
    Unix(UnixStream),
}

impl Sock {
    fn source(&mut self) -> &mut dyn mio::event::Source {
        match self {
            Sock::Tcp(s) => s,
            Sock::Unix(s) => s,
        }
    }

    pub(crate) fn raw_fd(&self) -> i32 {
        use std::os::fd::AsRawFd;
        match self {
            Sock::Tcp(s) => s.as_raw_fd(),
            Sock::Unix(s) => s.as_raw_fd(),
        }
    }

    fn shutdown_write(&self) -> io::Result<()> {
        match self {
            Sock::Tcp(s) => s.shutdown(std::net::Shutdown::Write),
            Sock::Unix(s) => s.shutdown(std::net::Shutdown::Write),
        }
    }

    fn take_error(&self) -> io::Result<Option<io::Error>> {
        match self {
            Sock::Tcp(s) => s.take_error(),
            Sock::Unix(s) => s.take_error(),
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
        }
    }
}

impl Write for Sock {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Sock::Tcp(s) => s.write(buf),
            Sock::Unix(s) => s.write(buf),
        }
    }
    fn write_vectored(&mut self, bufs: &[io::IoSlice<'_>]) -> io::Result<usize> {
        match self {
            Sock::Tcp(s) => s.write_vectored(bufs),
            Sock::Unix(s) => s.write_vectored(bufs),
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
    ConnectFailed {
        code: i32,
        errstr: String,
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
}

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
        }
    }

    /// Starts a non-blocking connect to the next address (or the unix path) and registers the
    /// socket. Errors are per-address: the caller tries the next one.
    pub fn start_connect(&mut self, registry: &Registry, token: Token) -> io::Result<()> {
        let mut sock = match &self.spec.target.endpoint {
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
        self.sock = Some(sock);
        self.phase = Phase::Connecting;
        Ok(())
    }

    /// Called on any readiness while connecting: `Ok(Some(names))` once connected,
    /// `Ok(None)` when still in progress, `Err` when this attempt failed.
    pub fn check_connected(&mut self) -> io::Result<Option<(String, String)>> {
        let sock = self.sock.as_ref().expect("connecting without a socket");
        if let Some(e) = sock.take_error()? {
            return Err(e);
        }
        sock.names()
    }

    pub fn drop_socket(&mut self, registry: &Registry) {
        if let Some(mut s) = self.sock.take() {
            let _ = registry.deregister(s.source());
        }
    }

    /// Reads up to the round budget, pushing each read as a `Data` event.
    pub fn read_some(&mut self, out: &mut impl FnMut(ConnEvent)) -> ReadOutcome {
        let size = self.spec.read_buffer_size.max(1);
        let Some(sock) = self.sock.as_mut() else {
            return ReadOutcome::Closed;
        };
        for _ in 0..READS_PER_ROUND {
            let mut buf = vec![0u8; size];
            match sock.read(&mut buf) {
                Ok(0) => {
                    out(ConnEvent::Closed);
                    return ReadOutcome::Closed;
                }
                Ok(n) => {
                    buf.truncate(n);
                    out(ConnEvent::Data(buf));
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return ReadOutcome::Drained,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    out(io_error_event(&self.spec.target, "read", &e));
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
            if let Some(sock) = self.sock.as_ref() {
                let _ = sock.shutdown_write();
            }
        }
    }

    /// Flushes the send queue. `Ok(true)` when it went from non-empty to empty.
    pub fn flush(&mut self) -> io::Result<bool> {
        if self.send.is_empty() {
            return Ok(false);
        }
        let Some(sock) = self.sock.as_mut() else {
            return Ok(false);
        };
        Ok(self.send.flush_to(sock)? == Flush::Drained)
    }
}

fn connect_in_progress(s: &Socket, addr: &SockAddr) -> io::Result<()> {
    match s.connect(addr) {
        Ok(()) => Ok(()),
        Err(e) if e.raw_os_error() == Some(libc::EINPROGRESS) => Ok(()),
        Err(e) => Err(e),
    }
}

/// An `Error` event naming the target and the operation.
pub fn io_error_event(target: &Target, op: &str, e: &io::Error) -> ConnEvent {
    ConnEvent::Error {
        code: e.raw_os_error().unwrap_or(0),
        errstr: format!("{target}: {op} failed: {e}"),
    }
}
