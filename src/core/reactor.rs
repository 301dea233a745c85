//! The event loop: one mio `Poll` (an epoll fd a host loop can watch), a slab of connections
//! keyed with a generation, timers on a timerfd registered in the same poll, and a waker the
//! resolver threads use. Readiness is turned into a queue of plain [`Event`]s; the caller
//! takes them one by one with [`Reactor::next_event`], so nothing here is borrowed while the
//! application's handlers run — they may call back into the reactor freely.

use std::collections::VecDeque;
use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::Arc;
use std::time::{Duration, Instant};

use mio::unix::SourceFd;
use mio::{Events, Interest, Poll, Token};
use slab::Slab;

use super::connection::{
    ConnEvent, ConnectSpec, Connection, NextAttempt, Phase, ReadOutcome, Setups, Timings,
    TlsProgress, Tunnel, MAX_ATTEMPTS, SLOT_BITS,
};
use super::error::Error;
use super::resolve::{self, Answer};
use super::send_queue::Piece;
use super::target::Endpoint;
use super::timers::{TimerId, Timers};
use super::wakeup::Wakeup;

/// Generations are process-wide, not per reactor: a reactor rebuilt after `fork()` never
/// hands out a key that an object from before the fork still holds.
static NEXT_GEN: AtomicU32 = AtomicU32::new(0);

const WAKER: Token = Token(usize::MAX - 1);
const TIMERFD: Token = Token(usize::MAX - 2);

/// The most bytes a connection defers during a batch before writing them at once: past this,
/// one system call per batch is already amortised.
pub const BATCH_LIMIT: usize = 64 * 1024;

/// How long a TLS 1.3 server that asked for our certificate may stay silent before we take
/// its silence as acceptance.
const TLS_VERDICT_WAIT: Duration = Duration::from_millis(150);

/// `$event->code` of a connect that timed out (beyod's `ErrorEvent::ERROR_TIMEDOUT`).
pub const CODE_TIMED_OUT: i32 = 20;

/// A connection's identity: slab index plus generation, so a stale key never reaches a
/// connection that reused the slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ConnKey {
    /// The slab index (a `u32`: a client keeps its key inline in the PHP object, and the
    /// reactor's maps are keyed by it).
    index: u32,
    gen: u32,
}

impl ConnKey {
    fn new(index: usize, gen: u32) -> ConnKey {
        ConnKey {
            index: u32::try_from(index).expect("fewer than 2^32 connections"),
            gen,
        }
    }

    fn slot(self) -> usize {
        self.index as usize
    }
}

#[derive(Debug, PartialEq, Eq)]
pub enum Event {
    Conn(ConnKey, ConnEvent),
    /// An application timer (from [`Reactor::add_timer`]) is due.
    Timer(TimerId),
}

/// What `send()` did with the bytes.
#[derive(Debug, PartialEq, Eq)]
pub enum Sent {
    /// Written to the socket entirely.
    Written,
    /// Queued behind earlier bytes (or until the connection is up): the message's length.
    Queued(usize),
    /// Written at once only in part: this many bytes went out, the rest is queued (the
    /// original's `fwrite()` count).
    Partial(usize),
    /// Taken for the open batch: written with one call per connection when it ends (or
    /// before the reactor polls), never later than an immediate write would have been noticed.
    Deferred,
    /// The queue already held `max` bytes or more: the message was dropped.
    Full,
    /// The connection is gone (or broke while writing; its events are queued).
    Closed,
}

#[derive(Debug)]
enum TimerKind {
    ConnectTimeout(ConnKey),
    /// Checks whether an established connection has been silent for its idle timeout.
    Idle(ConnKey),
    /// A TLS 1.3 server that asked for our certificate and neither refused nor spoke.
    TlsVerdict(ConnKey),
    /// Happy eyeballs: the previous attempt had its head start; start the next one too.
    NextAttempt(ConnKey),
    CloseDeadline(ConnKey),
    User,
}

pub struct Reactor {
    poll: Poll,
    events: Events,
    conns: Slab<Connection>,
    timers: Timers<TimerKind>,
    timerfd: OwnedFd,
    armed: Option<Instant>,
    waker: Arc<Wakeup>,
    /// `wake_if_pending()` woke the poll since it last ran.
    woken: bool,
    answers_tx: Sender<Answer<ConnKey>>,
    answers: Receiver<Answer<ConnKey>>,
    ready: VecDeque<Event>,
    /// Connections whose last read round hit the budget (or were resumed): read them next.
    backlog: Vec<ConnKey>,
    tls_configs: std::collections::HashMap<super::tls::TlsOptions, Arc<rustls::ClientConfig>>,
    /// Bytes queued on connections whose connect failed, until their owner takes them back.
    unsent: std::collections::HashMap<ConnKey, Vec<Vec<u8>>>,
    /// Open batches (`begin_batch`): while > 0, `send()` on an idle stream queues instead of
    /// writing, and the batch's end writes each connection's queue with one call.
    batch: u32,
    /// Connections with bytes queued during the batch.
    deferred: Vec<ConnKey>,
    /// The connect-time parts of recent connects, shared among equal ones.
    setups: Setups,
    /// Phase timings of established connections that ended while their owner still had
    /// their `Closed` to receive, until it takes them ([`Reactor::take_timings`]): an owner
    /// need not keep a copy of its connection's timings while it lives.
    ended: rustc_hash::FxHashMap<ConnKey, Timings>,
    /// Connections that only wait for the peer's FIN ([`Connection::only_awaits_peer_fin`]):
    /// they keep no loop running ([`Reactor::is_idle`]).
    awaiting_peer_fin: usize,
    /// The connection [`Reactor::sole_source`] last found alone (it may be gone since).
    alone: Option<ConnKey>,
}

/// `key`'s connection in `conns` (its slot still holds that generation), for the places that
/// also borrow the poll's registry (a split borrow [`Reactor::get_mut`] cannot give).
fn conn_mut(conns: &mut Slab<Connection>, key: ConnKey) -> Option<&mut Connection> {
    conns.get_mut(key.slot()).filter(|c| c.gen() == key.gen)
}

impl Reactor {
    pub fn new() -> io::Result<Reactor> {
        let poll = Poll::new()?;
        let waker = Arc::new(Wakeup::new(poll.registry(), WAKER)?);
        // SAFETY: plain syscall; the fd is owned right away.
        let tfd = unsafe {
            libc::timerfd_create(
                libc::CLOCK_MONOTONIC,
                libc::TFD_NONBLOCK | libc::TFD_CLOEXEC,
            )
        };
        if tfd < 0 {
            return Err(io::Error::last_os_error());
        }
        // SAFETY: tfd is a fresh descriptor nobody else owns.
        let timerfd = unsafe { OwnedFd::from_raw_fd(tfd) };
        poll.registry()
            .register(&mut SourceFd(&tfd), TIMERFD, Interest::READABLE)?;
        let (answers_tx, answers) = channel();
        Ok(Reactor {
            poll,
            events: Events::with_capacity(256),
            conns: Slab::new(),
            timers: Timers::default(),
            timerfd,
            armed: None,
            waker,
            woken: false,
            answers_tx,
            answers,
            ready: VecDeque::new(),
            backlog: Vec::new(),
            tls_configs: std::collections::HashMap::new(),
            unsent: std::collections::HashMap::new(),
            batch: 0,
            deferred: Vec::new(),
            setups: Setups::default(),
            ended: Default::default(),
            awaiting_peer_fin: 0,
            alone: None,
        })
    }

    /// The epoll descriptor: readable whenever [`Reactor::poll`] has something to do.
    pub fn fd(&self) -> RawFd {
        self.poll.as_raw_fd()
    }

    /// Nothing left to wait for: no undelivered event, no application timer, and no
    /// connection but those closed by their owner that have written everything and sent our
    /// FIN. Those only wait for the peer's FIN, which nobody waits for: they finish in the
    /// background while a loop runs for other work, and are simply closed at shutdown.
    pub fn is_idle(&self) -> bool {
        debug_assert_eq!(
            self.awaiting_peer_fin,
            self.conns
                .iter()
                .filter(|(_, c)| c.only_awaits_peer_fin())
                .count()
        );
        // With no other connection, the other timers (deadlines, checks, attempts) are
        // those of connections that are gone or finish in the background.
        self.ready.is_empty()
            && self.conns.len() == self.awaiting_peer_fin
            && !self.timers.kinds().any(|k| matches!(k, TimerKind::User))
    }

    /// Connections by state: (connecting incl. DNS and TLS handshake, established, closing
    /// after their owner closed them).
    pub fn phase_counts(&self) -> (usize, usize, usize) {
        let (mut c, mut e, mut l) = (0, 0, 0);
        for (_, conn) in self.conns.iter() {
            match (conn.is_detached(), conn.phase()) {
                (true, _) => l += 1,
                (false, Phase::Established) => e += 1,
                (false, _) => c += 1,
            }
        }
        (c, e, l)
    }

    pub fn connection_count(&self) -> usize {
        self.conns.len()
    }

    /// Starts connecting. Never fails here: every failure arrives as `ConnectFailed`.
    pub fn connect(&mut self, spec: ConnectSpec) -> ConnKey {
        let gen = NEXT_GEN.fetch_add(1, Ordering::Relaxed).wrapping_add(1);
        let timeout = spec.timeout;
        let entry = self.conns.vacant_entry();
        let key = ConnKey::new(entry.key(), gen);
        entry.insert(Connection::new(gen, spec, &mut self.setups));
        if let Some(t) = timeout {
            let id = self
                .timers
                .add(Instant::now() + t, TimerKind::ConnectTimeout(key));
            self.conns[key.slot()].connect_timer.set(Some(id));
        }
        let c = &self.conns[key.slot()];
        let proxy = c.proxy();
        // Through a proxy, the proxy's address is what we connect to.
        let endpoint = match proxy {
            Some(p) => Endpoint::Inet {
                host: p.host.clone(),
                port: p.port,
            },
            None => c.target().endpoint.clone(),
        };
        let pinned = match (proxy, c.setup()) {
            (None, Some(s)) => s.pinned.clone(),
            _ => Vec::new(),
        };
        match endpoint {
            Endpoint::Path(_) => self.try_next_address(key),
            Endpoint::Inet { port, .. } if !pinned.is_empty() => {
                let addrs = pinned
                    .into_iter()
                    .map(|ip| std::net::SocketAddr::new(ip, port))
                    .collect();
                self.add_addresses(key, addrs);
            }
            Endpoint::Inet { host, port } => match resolve::literal(&host, port) {
                Some(addr) => self.add_addresses(key, vec![addr]),
                None => {
                    self.waker.lookup_started();
                    let r = resolve::spawn(
                        host,
                        port,
                        key,
                        timeout.map(|t| Instant::now() + t),
                        self.answers_tx.clone(),
                        self.waker.clone(),
                    );
                    if let Err(e) = r {
                        let why = format!("cannot start resolver: {}", os_message(&e));
                        self.fail_connect(key, e.raw_os_error().unwrap_or(0), why);
                    }
                }
            },
        }
        self.rearm_timerfd();
        key
    }

    fn get(&self, key: ConnKey) -> Option<&Connection> {
        self.conns.get(key.slot()).filter(|c| c.gen() == key.gen)
    }

    fn get_mut(&mut self, key: ConnKey) -> Option<&mut Connection> {
        conn_mut(&mut self.conns, key)
    }

    /// The connection as its owner sees it: gone once it closed it, even while it lingers.
    fn owned(&self, key: ConnKey) -> Option<&Connection> {
        self.get(key).filter(|c| !c.is_detached())
    }

    pub fn phase(&self, key: ConnKey) -> Option<Phase> {
        self.owned(key).map(|c| c.phase())
    }

    pub fn queued_bytes(&self, key: ConnKey) -> usize {
        self.owned(key).map_or(0, |c| c.send.len())
    }

    /// Bytes waiting for the socket to take them: the queue, unless it only holds what the
    /// open batch deferred (written when the batch ends, without a `Drained`).
    pub fn waiting_bytes(&self, key: ConnKey) -> usize {
        self.owned(key)
            .filter(|c| !c.deferred)
            .map_or(0, |c| c.send.len())
    }

    /// The socket descriptor of a connection being made or established.
    pub fn socket_fd(&self, key: ConnKey) -> Option<RawFd> {
        self.owned(key).and_then(Connection::socket_fd)
    }

    /// Queues or writes `bytes`. Before the connection is established they are queued and
    /// flushed once it is. Refused when `max` bytes or more are already queued.
    pub fn send<'a>(&mut self, key: ConnKey, bytes: impl Into<Piece<'a>>, max: usize) -> Sent {
        let bytes = bytes.into();
        // The per-message case first, apart from the rest (kept out of line): one more
        // message of a batch onto the connection's deferred queue, within the batch's limit.
        if let Some(c) = self
            .conns
            .get_mut(key.slot())
            .filter(|c| c.gen() == key.gen && c.deferred && !c.is_detached() && !c.ending)
        {
            let queued = c.send.len();
            if queued < max && queued + bytes.len() <= BATCH_LIMIT.min(max) {
                c.send.push_piece(bytes);
                return Sent::Deferred;
            }
        }
        self.send_other(key, bytes, max)
    }

    /// What [`Reactor::send`] does in every case but its first (a further message of a batch).
    #[inline(never)]
    fn send_other(&mut self, key: ConnKey, bytes: Piece<'_>, max: usize) -> Sent {
        let batching = self.batch > 0;
        let Some(c) = conn_mut(&mut self.conns, key) else {
            return Sent::Closed;
        };
        if c.is_detached() || c.ending {
            return Sent::Closed;
        }
        if c.deferred && c.send.len() + bytes.len() > BATCH_LIMIT.min(max) {
            // A batch this large gains nothing by waiting: write it now, so that deferred
            // bytes never count towards `max` (only bytes the socket refused do).
            c.deferred = false;
            if self.flush_queue(key).is_none() {
                return Sent::Closed;
            }
            return self.send_other(key, bytes, max);
        }
        if c.send.len() >= max {
            return Sent::Full;
        }
        if c.deferred {
            c.send.push_piece(bytes);
            return Sent::Deferred;
        }
        if !c.is_established() || !c.send.is_empty() {
            let n = bytes.len();
            c.send.push_piece(bytes);
            return Sent::Queued(n);
        }
        if batching
            && !bytes.is_empty()
            && bytes.len() <= BATCH_LIMIT.min(max)
            && !c.target().is_datagram()
        {
            // Inside a batch: one write per connection when it ends (see end_batch).
            c.send.push_piece(bytes);
            c.deferred = true;
            self.deferred.push(key);
            return Sent::Deferred;
        }
        let total = bytes.len();
        c.send.push_piece(bytes);
        match c.flush() {
            Ok(true) => Sent::Written,
            Ok(false) if total == 0 => Sent::Written,
            Ok(false) => {
                let sent = Sent::Partial(total - c.send.len());
                self.watch_writes_while_waiting(key);
                sent
            }
            Err(e) => {
                self.break_connection(key, "write", e);
                Sent::Closed
            }
        }
    }

    /// `send()` outside any batch: for forwarded streams (pipe), whose large chunks gain
    /// nothing by waiting. Bytes already deferred on the connection keep their place.
    pub fn send_unbatched(&mut self, key: ConnKey, bytes: Vec<u8>, max: usize) -> Sent {
        let batch = std::mem::replace(&mut self.batch, 0);
        let sent = self.send(key, bytes, max);
        self.batch = batch;
        sent
    }

    /// Opens a batch: until the matching [`Reactor::end_batch`], `send()` on an established
    /// stream whose queue is empty queues the bytes instead of writing them, so the messages a
    /// loop step's handlers send go out with one `write`/`writev` per connection. Batches
    /// nest; [`Reactor::poll`] also writes what is deferred before it waits.
    pub fn begin_batch(&mut self) {
        self.batch += 1;
    }

    /// Closes a batch; the outermost one writes what was deferred. A write that fails
    /// queues the connection's error events (deliver them with the next step).
    pub fn end_batch(&mut self) {
        self.batch = self.batch.saturating_sub(1);
        if self.batch == 0 {
            self.flush_deferred();
        }
    }

    /// Writes the queues of connections that got bytes during a batch. What the socket does
    /// not take waits for writability as usual (and `Drained` follows when it empties).
    pub fn flush_deferred(&mut self) {
        if self.deferred.is_empty() {
            return;
        }
        for key in std::mem::take(&mut self.deferred) {
            let Some(c) = self.get_mut(key) else { continue };
            if !std::mem::replace(&mut c.deferred, false) || !c.is_established() || c.is_detached()
            {
                continue;
            }
            self.flush_queue(key);
        }
    }

    /// Writes what the socket takes from an established, owned connection's queue, then our
    /// FIN if `end()` was called and the queue is empty. `Some(drained)`, or `None` when the
    /// write failed (the connection is broken and its events queued).
    fn flush_queue(&mut self, key: ConnKey) -> Option<bool> {
        let c = self.get_mut(key)?;
        match c.flush() {
            Ok(drained) => {
                if c.ending && c.send.is_empty() {
                    c.shut_write();
                }
                if !c.send.is_empty() {
                    self.watch_writes_while_waiting(key);
                }
                Some(drained)
            }
            Err(e) => {
                self.break_connection(key, "write", e);
                None
            }
        }
    }

    pub fn set_paused(&mut self, key: ConnKey, paused: bool) {
        let Some(c) = self.get_mut(key).filter(|c| !c.is_detached()) else {
            return;
        };
        let was = c.paused;
        c.paused = paused;
        if was && !paused && c.is_established() {
            // Edge-triggered: bytes that arrived while paused raise no new event.
            self.backlog.push(key);
            let _ = self.waker.wake();
        }
    }

    /// Closed by its owner: no more events, not even those already waiting in the queue.
    /// Queued bytes are still written and the connection shut down cleanly (see
    /// [`Reactor::linger`]), for at most `flush_for`, then the socket is closed.
    pub fn close(&mut self, key: ConnKey, flush_for: Duration) {
        let Some(c) = self
            .conns
            .get_mut(key.slot())
            .filter(|c| c.gen() == key.gen && !c.is_detached())
        else {
            self.ended.remove(&key);
            return;
        };
        c.detach();
        if c.only_awaits_peer_fin() {
            // end() had sent our FIN already.
            self.awaiting_peer_fin += 1;
        }
        let connect_timer = c.connect_timer.take();
        // An established socket may still hold written bytes the peer has not received.
        let lingers = c.is_established() || !c.send.is_empty();
        if let Some(t) = connect_timer {
            self.timers.cancel(t);
        }
        self.ready
            .retain(|ev| !matches!(ev, Event::Conn(k, _) if *k == key));
        if !lingers {
            self.remove(key);
            return;
        }
        let id = self
            .timers
            .add(Instant::now() + flush_for, TimerKind::CloseDeadline(key));
        self.get_mut(key).unwrap().close_timer.set(Some(id));
        self.rearm_timerfd();
        self.linger(key);
    }

    /// The process (or request) is ending: what every connection still holds is written,
    /// blocking, each connection for at most its `timeout` (30 s when it has none). Connections
    /// still owned are closed as [`Reactor::close`] closes them; nothing is reported (there is
    /// no one left to tell). Returns once no queue holds a byte (the kernel sends the rest).
    pub fn deliver_before_exit(&mut self) {
        let owned: Vec<ConnKey> = self
            .conns
            .iter()
            .filter(|(_, c)| !c.is_detached())
            .map(|(index, c)| ConnKey::new(index, c.gen()))
            .collect();
        for key in owned {
            let bound = self
                .get(key)
                .and_then(|c| c.timeout())
                .filter(|t| !t.is_zero())
                .unwrap_or(Duration::from_secs(30));
            self.close(key, bound);
        }
        self.ready.clear();
        // Each close has its deadline timer: a connection that cannot finish is dropped then.
        while self.conns.iter().any(|(_, c)| !c.send.is_empty()) {
            if self.poll(Some(Duration::from_millis(100))).is_err() {
                break;
            }
            self.ready.clear();
        }
    }

    /// A forked child lets go of the reactor it inherited. Its sockets, epoll instance and
    /// timerfd are shared with the parent, which still uses them: nothing is written, read,
    /// shut down (no FIN, no TLS close_notify), deregistered or re-armed, only the child's
    /// descriptors are closed, which leaves the parent's connections as they are (a socket
    /// ends when its last descriptor is closed). The resolver's answer channel is shared with
    /// lookup threads that exist only in the parent: it is kept, never dropped, as dropping it
    /// could wait for one of them forever.
    pub fn abandon(self) {
        static LEFT_BY_PARENT: std::sync::Mutex<Vec<Box<dyn std::any::Any + Send>>> =
            std::sync::Mutex::new(Vec::new());
        let Reactor {
            answers_tx,
            answers,
            ..
        } = self;
        // (in a static, not leaked: memory checkers see it reachable)
        let mut left = LEFT_BY_PARENT.lock().unwrap_or_else(|e| e.into_inner());
        left.push(Box::new((answers_tx, answers)));
    }

    /// The bytes a connection had queued when its connect failed (none of them written), for
    /// the owner's next attempt. Empty when there were none.
    pub fn take_unsent(&mut self, key: ConnKey) -> Vec<Vec<u8>> {
        self.unsent.remove(&key).unwrap_or_default()
    }

    /// Phase timings and counters of a connection its owner still holds (or of one that
    /// ended, until the owner takes them).
    pub fn timings(&self, key: ConnKey) -> Option<Timings> {
        self.owned(key)
            .map(|c| c.timings().clone())
            .or_else(|| self.ended.get(&key).cloned())
    }

    /// As [`Reactor::timings`], for an owner leaving the connection: what was kept for it
    /// after the connection ended is handed over.
    pub fn take_timings(&mut self, key: ConnKey) -> Option<Timings> {
        match self.owned(key) {
            Some(c) => Some(c.timings().clone()),
            None => self.ended.remove(&key),
        }
    }

    /// Half-close: the queued bytes are written, then our FIN; reading goes on until the
    /// peer closes (a `Closed` event, as usual). Nothing more can be sent.
    pub fn end(&mut self, key: ConnKey) {
        let Some(c) = self.get_mut(key).filter(|c| !c.is_detached()) else {
            return;
        };
        c.ending = true;
        if c.is_established() {
            self.write(key);
        }
    }

    pub fn add_timer(&mut self, after: Duration) -> TimerId {
        let id = self.timers.add(Instant::now() + after, TimerKind::User);
        self.rearm_timerfd();
        id
    }

    pub fn cancel_timer(&mut self, id: TimerId) -> bool {
        // Internal timers (connect timeouts, flush deadlines) are not the application's to cancel.
        if matches!(self.timers.get(id), Some(TimerKind::User)) {
            self.timers.cancel(id);
            // Else the epoll fd still turns readable at the cancelled deadline.
            self.rearm_timerfd();
            return true;
        }
        // Due already but not yet delivered (another handler of the same tick cancels it).
        let before = self.ready.len();
        self.ready.retain(|ev| *ev != Event::Timer(id));
        self.ready.len() != before
    }

    /// Puts an event back at the head of the queue (work a handler's exception interrupted).
    /// The connection may already be gone from the reactor (a peer close queues its last
    /// events, then drops it): the caller, which owns the key, decides.
    pub fn requeue_front(&mut self, key: ConnKey, ev: ConnEvent) {
        self.ready.push_front(Event::Conn(key, ev));
    }

    /// Cancels any timer, the application's or not.
    pub fn cancel_timer_any(&mut self, id: TimerId) -> bool {
        self.timers.cancel(id).is_some()
    }

    pub fn next_event(&mut self) -> Option<Event> {
        self.ready.pop_front()
    }

    pub fn has_events(&self) -> bool {
        !self.ready.is_empty()
    }

    /// Makes the epoll fd readable, so a host loop calls `tick()` again (used when events are
    /// left undelivered because a handler threw).
    pub fn wake(&self) {
        let _ = self.waker.wake();
    }

    /// Makes the epoll fd readable when events wait and nothing made it so since the last
    /// poll: for events queued outside a loop step (a connect that fails at once, a write
    /// that breaks), which a host loop waiting on the fd would otherwise never see.
    pub fn wake_if_pending(&mut self) {
        if !self.woken && !self.ready.is_empty() {
            self.woken = true;
            let _ = self.waker.wake();
        }
    }

    /// Waits for readiness (at most `max_wait`; `None` = until something happens) and turns
    /// what happened into events.
    pub fn poll(&mut self, max_wait: Option<Duration>) -> io::Result<()> {
        // A handler that runs a nested loop (send, then wait for the reply) inside a batch.
        self.flush_deferred();
        self.woken = false;
        let mut wait = max_wait;
        if !self.ready.is_empty() || !self.backlog.is_empty() {
            wait = Some(Duration::ZERO);
        } else if let Some(at) = self.timers.next_deadline() {
            let until = at.saturating_duration_since(Instant::now());
            wait = Some(wait.map_or(until, |w| w.min(until)));
        }
        self.waker.polling();
        match self.poll.poll(&mut self.events, wait) {
            // A full batch of events may have left some (the waker's among them) unharvested.
            Ok(()) if self.events.iter().count() < self.events.capacity() => {}
            Ok(()) => self.waker.not_harvested(),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => self.waker.not_harvested(),
            Err(e) => {
                self.waker.not_harvested();
                return Err(e);
            }
        }
        let ready: Vec<(Token, bool, bool, bool, bool)> = self
            .events
            .iter()
            .map(|e| {
                (
                    e.token(),
                    e.is_readable() || e.is_read_closed(),
                    e.is_writable(),
                    e.is_error() || e.is_write_closed(),
                    e.is_read_closed(),
                )
            })
            .collect();
        for (token, readable, writable, error, read_closed) in ready {
            match token {
                WAKER => {}
                TIMERFD => self.drain_timerfd(),
                Token(t) => {
                    let (index, slot) = (t >> SLOT_BITS, t & (MAX_ATTEMPTS - 1));
                    let Some(c) = self.conns.get(index) else {
                        continue;
                    };
                    let key = ConnKey::new(index, c.gen());
                    self.on_ready(key, slot, readable, writable, error, read_closed);
                }
            }
        }
        while let Ok(answer) = self.answers.try_recv() {
            self.on_resolved(answer);
        }
        for key in std::mem::take(&mut self.backlog) {
            if self.get(key).is_some_and(|c| c.is_established()) {
                self.read(key);
            }
        }
        self.fire_due_timers();
        self.rearm_timerfd();
        Ok(())
    }

    /// The step of a host loop that found [`Reactor::fd`] readable (a poll that does not wait,
    /// otherwise). When only one socket can have made it so ([`Reactor::sole_source`]), that
    /// socket is read at once, as [`Reactor::poll`] would read it after its `epoll_wait`,
    /// which is skipped: a system call less per step.
    ///
    /// Without the poll the read does not know whether the peer's FIN came with the data: a
    /// short read ends it, as when the poll saw no FIN. The socket's entry, not harvested,
    /// stays in the epoll's ready list, and the kernel polls it again whenever the host loop
    /// polls [`Reactor::fd`]: the entry is dropped if the socket is empty, and keeps the
    /// descriptor readable if bytes or the FIN are left (the next step reads them). This
    /// needs a host loop that watches the descriptor level-triggered (`poll`, `select`,
    /// libevent without `EV_ET`), as the loopers the binding registers with do.
    pub fn poll_ready(&mut self) -> io::Result<()> {
        if let Some(key) = self.sole_source() {
            let registry = self.poll.registry();
            let c = &mut self.conns[key.slot()];
            if c.watch_writes(registry, key.slot(), false).is_ok() {
                self.read_hinted(key, true);
                return Ok(());
            }
        }
        self.poll(Some(Duration::ZERO))
    }

    /// The connection whose socket is the only source that can be ready, if there is one:
    /// no event or read left over, nothing deferred, one connection that
    /// [`Connection::reads_directly`], no waker write waiting nor lookup that could write
    /// one, and the timerfd armed for the earliest timer, which is not due. `None` at the
    /// least doubt: the full poll then finds out.
    pub fn sole_source(&mut self) -> Option<ConnKey> {
        if !self.ready.is_empty()
            || !self.backlog.is_empty()
            || !self.deferred.is_empty()
            || self.conns.len() != 1
            || self.waker.may_be_pending()
        {
            return None;
        }
        // The timerfd fires at the deadline it was armed for, or later: before it, it is not
        // readable (a timer added or cancelled without re-arming leaves `armed` behind).
        let next = self.timers.next_deadline();
        if next != self.armed || next.is_some_and(|at| Instant::now() >= at) {
            return None;
        }
        // (the slab never shrinks: after many connections, finding the one left is a scan,
        // made once, not at every step)
        let key = match self.alone.filter(|k| self.get(*k).is_some()) {
            Some(key) => key,
            None => {
                let (index, c) = self.conns.iter().next()?;
                let key = ConnKey::new(index, c.gen());
                self.alone = Some(key);
                key
            }
        };
        self.get(key)
            .is_some_and(Connection::reads_directly)
            .then_some(key)
    }

    /// Bytes wait in the queue of a connection: its socket must report writability, which
    /// [`Reactor::poll_ready`] may have taken off its registration. If it cannot be put
    /// back, the bytes would wait forever: the connection is broken instead.
    fn watch_writes_while_waiting(&mut self, key: ConnKey) {
        let registry = self.poll.registry();
        let Some(c) = conn_mut(&mut self.conns, key) else {
            return;
        };
        if let Err(e) = c.watch_writes(registry, key.slot(), true) {
            self.break_connection(key, "write", e);
        }
    }

    fn on_ready(
        &mut self,
        key: ConnKey,
        slot: usize,
        readable: bool,
        writable: bool,
        error: bool,
        read_closed: bool,
    ) {
        let phase = self.get(key).map(|c| c.phase());
        if phase == Some(Phase::Connecting) {
            let Some(result) = self.get_mut(key).unwrap().check_connected(slot) else {
                return;
            };
            match result {
                Ok(None) if !error => return,
                Ok(None) => {
                    self.attempt_failed(key, slot, io::Error::from_raw_os_error(libc::ECONNREFUSED))
                }
                Err(e) => self.attempt_failed(key, slot, e),
                Ok(Some(names)) => {
                    let registry = self.poll.registry();
                    let c = self.conns.get_mut(key.slot()).unwrap();
                    match c.win(slot, names, registry) {
                        Some(tunnel) => self.after_tunnel(key, tunnel),
                        None => self.proxy(key),
                    }
                }
            }
            return;
        } else if phase == Some(Phase::Proxying) {
            self.proxy(key);
            return;
        } else if phase == Some(Phase::Handshaking) {
            self.handshake(key);
            return;
        }
        if writable || error {
            self.write(key);
        }
        if readable || error {
            // The event says whether the peer's FIN is already here: if not, a short read
            // means the socket is empty, and whatever arrives later raises a new edge.
            self.read_hinted(key, !read_closed && !error);
        }
    }

    /// Moves a proxy handshake on.
    fn proxy(&mut self, key: ConnKey) {
        let Some(c) = self.get_mut(key) else { return };
        match c.drive_proxy() {
            Ok(None) => {}
            Ok(Some(tunnel)) => self.after_tunnel(key, tunnel),
            Err(e) => self.fail_phase(key, e),
        }
    }

    /// TCP (and the proxy tunnel, if any) is up: TLS next, or established.
    fn after_tunnel(&mut self, key: ConnKey, tunnel: Tunnel) {
        let Some(c) = self.get_mut(key) else { return };
        if c.tls_options().is_none() {
            self.established(key, tunnel.names, tunnel.early);
            return;
        }
        let config = self.tls_config(key);
        let c = self.get_mut(key).unwrap();
        if let Err(e) = config.and_then(|cfg| c.start_tls(cfg, tunnel)) {
            self.fail_phase(key, e);
            return;
        }
        self.handshake(key);
    }

    /// Moves a TLS handshake on; established (or failed) when it ends.
    fn handshake(&mut self, key: ConnKey) {
        let Some(c) = self.get_mut(key) else { return };
        match c.drive_handshake() {
            Ok(TlsProgress::Pending) => {}
            Ok(TlsProgress::AwaitingVerdict) => {
                // Servers answer a certificate at once (alert or session ticket); silence
                // this long means they took it.
                self.timers.add(
                    Instant::now() + TLS_VERDICT_WAIT,
                    TimerKind::TlsVerdict(key),
                );
            }
            Ok(TlsProgress::Done(names)) => self.established(key, names, Vec::new()),
            Err(e) => self.fail_phase(key, e),
        }
    }

    /// The connection is up: `Connected` (and the bytes that came with the proxy's reply)
    /// reported, the idle check armed, what was sent meanwhile written.
    fn established(&mut self, key: ConnKey, (peer, local): (String, String), early: Vec<u8>) {
        let c = self.get_mut(key).unwrap();
        c.establish();
        if let Some(idle) = c.idle_timeout() {
            let id = self.timers.add(Instant::now() + idle, TimerKind::Idle(key));
            self.get_mut(key).unwrap().set_idle_timer(Some(id));
        }
        let c = self.get_mut(key).unwrap();
        if let Some(t) = c.connect_timer.take() {
            self.timers.cancel(t);
        }
        let c = self.get_mut(key).unwrap();
        if !c.is_detached() {
            self.ready
                .push_back(Event::Conn(key, ConnEvent::Connected { peer, local }));
            if !early.is_empty() {
                self.ready
                    .push_back(Event::Conn(key, ConnEvent::Data(early)));
            }
        }
        // Bytes sent before the connection was up go out now; data may already be waiting too.
        self.write(key);
        self.backlog.push(key);
    }

    /// One connect attempt failed: the next address is tried at once; the connect fails only
    /// when no attempt is left in flight and no address is left to try.
    fn attempt_failed(&mut self, key: ConnKey, slot: usize, e: io::Error) {
        let registry = self.poll.registry();
        let Some(c) = conn_mut(&mut self.conns, key) else {
            return;
        };
        c.attempt_failed(slot, e, registry);
        if c.has_addresses() {
            self.try_next_address(key);
        } else if !c.attempts_in_flight() {
            self.fail_with_last_error(key);
        }
    }

    fn fail_with_last_error(&mut self, key: ConnKey) {
        let Some(c) = self.get_mut(key) else { return };
        let e = c.connect_error();
        let target = c.target().to_string();
        let code = e.raw_os_error().unwrap_or(0);
        let message = os_message(&e);
        match c.proxy() {
            // The original's errstr: the OS's message as PHP gives it ("Connection refused").
            None => self.fail_connect_with(
                key,
                code,
                message.clone(),
                format!("{target}: connect failed: {message}"),
            ),
            // A failure the original could not have: its own sentence, naming the proxy.
            Some(p) => {
                let why = format!("{target}: connect failed (via {p}): {message}");
                self.fail_connect(key, code, why);
            }
        }
    }

    /// Starts the next attempt (the next address, or the unix path). With happy eyeballs and
    /// addresses left, the one after is scheduled after the attempt delay.
    fn try_next_address(&mut self, key: ConnKey) {
        let registry = self.poll.registry();
        let Some(c) = conn_mut(&mut self.conns, key) else {
            return;
        };
        match c.start_next_attempt(registry, key.slot()) {
            NextAttempt::Started { more: true } => {
                if let Some(delay) = c.setup().and_then(|s| s.attempt_delay) {
                    self.timers
                        .add(Instant::now() + delay, TimerKind::NextAttempt(key));
                }
            }
            NextAttempt::Started { more: false } | NextAttempt::Waiting => {}
            NextAttempt::Exhausted => self.fail_with_last_error(key),
        }
    }

    /// A connect phase after TCP (proxy tunnel, TLS) failed: the errstr names the target.
    fn fail_phase(&mut self, key: ConnKey, e: Error) {
        let Some(c) = self.get(key) else { return };
        let errstr = format!("{}: {e}", c.target());
        self.fail_connect(key, e.code(), errstr);
    }

    /// A failure whose errstr already names the target (and says what failed).
    fn fail_connect(&mut self, key: ConnKey, code: i32, errstr: String) {
        let detail = errstr.clone();
        self.fail_connect_with(key, code, errstr, detail);
    }

    fn fail_connect_with(&mut self, key: ConnKey, code: i32, errstr: String, detail: String) {
        let detached = self.get(key).is_none_or(|c| c.is_detached());
        if !detached {
            // Nothing of it was written: its owner gets it back for the next attempt.
            let c = self.get_mut(key).unwrap();
            if !c.send.is_empty() {
                let chunks = c.send.take_unwritten();
                self.unsent.insert(key, chunks);
            }
            self.ready.push_back(Event::Conn(
                key,
                ConnEvent::ConnectFailed {
                    code,
                    errstr,
                    detail,
                },
            ));
        }
        self.remove(key);
    }

    /// Addresses to try, then the first attempt.
    fn add_addresses(&mut self, key: ConnKey, addrs: Vec<std::net::SocketAddr>) {
        let Some(c) = self.get_mut(key) else { return };
        c.add_addresses(addrs);
        self.try_next_address(key);
    }

    fn on_resolved(&mut self, answer: Answer<ConnKey>) {
        let key = answer.asker;
        let Some(c) = self.get_mut(key) else { return };
        if c.phase() != Phase::Resolving {
            return;
        }
        match answer.result {
            Ok(addrs) => {
                c.resolved(addrs);
                self.try_next_address(key);
            }
            Err(e) => {
                let target = c.target().to_string();
                // getaddrinfo errors have no errno; report "host unreachable" rather than 0.
                let code = e.raw_os_error().unwrap_or(libc::EHOSTUNREACH);
                self.fail_connect(key, code, format!("{target}: {e}"));
            }
        }
    }

    fn read(&mut self, key: ConnKey) {
        self.read_hinted(key, false);
    }

    /// Reads what is there. `short_read_drains`: a read shorter than the buffer ends the round
    /// (no extra read just to see EAGAIN); only when the readiness event showed no FIN.
    fn read_hinted(&mut self, key: ConnKey, short_read_drains: bool) {
        let Some(c) = conn_mut(&mut self.conns, key) else {
            return;
        };
        if !c.is_established() {
            return;
        }
        if c.is_detached() {
            self.linger(key);
            return;
        }
        if c.paused {
            return;
        }
        let ready = &mut self.ready;
        let mut got = false;
        let outcome = c.read_some(short_read_drains, &mut |ev| {
            got |= matches!(ev, ConnEvent::Data(_));
            ready.push_back(Event::Conn(key, ev))
        });
        if got {
            c.note_read();
        }
        match outcome {
            ReadOutcome::Drained => {}
            ReadOutcome::MoreLeft => {
                self.backlog.push(key);
                let _ = self.waker.wake();
            }
            ReadOutcome::Closed => self.remove(key),
        }
    }

    fn write(&mut self, key: ConnKey) {
        let Some(c) = self.get_mut(key) else { return };
        if !c.is_established() {
            return;
        }
        if c.is_detached() {
            self.linger(key);
            return;
        }
        if self.flush_queue(key) == Some(true) {
            self.ready.push_back(Event::Conn(key, ConnEvent::Drained));
        }
    }

    /// Moves a connection closed by its owner towards a clean close: drops what the peer
    /// sends, writes the queue, then sends our FIN; removed once the peer's FIN is read too.
    /// Closing any earlier could reset the connection and lose bytes the kernel still holds.
    fn linger(&mut self, key: ConnKey) {
        let Some(c) = conn_mut(&mut self.conns, key) else {
            return;
        };
        if !c.is_established() {
            // Still connecting: `established()` comes back here.
            return;
        }
        if !c.peer_done() {
            match c.discard_input() {
                ReadOutcome::Drained => {}
                ReadOutcome::MoreLeft => {
                    self.backlog.push(key);
                    let _ = self.waker.wake();
                }
                ReadOutcome::Closed => {}
            }
        }
        if c.flush().is_err() {
            self.remove(key);
            return;
        }
        if !c.send.is_empty() {
            self.watch_writes_while_waiting(key);
            return;
        }
        if !c.only_awaits_peer_fin() {
            c.shut_write();
            self.awaiting_peer_fin += 1;
        }
        if c.peer_done() {
            self.remove(key);
        }
    }

    /// A write failed for good: what the peer sent before is still delivered (its last reply
    /// often explains the failure), then the error is reported and the connection dropped.
    /// A datagram socket only reports it (ICMP "port unreachable" is not a close).
    fn break_connection(&mut self, key: ConnKey, op: &'static str, e: io::Error) {
        let Some(c) = conn_mut(&mut self.conns, key) else {
            return;
        };
        if c.target().is_datagram() {
            if !c.is_detached() {
                let ev = super::connection::io_error_event(c.target(), op, e);
                self.ready.push_back(Event::Conn(key, ev));
            }
            return;
        }
        if !c.is_detached() {
            if !c.paused {
                let ready = &mut self.ready;
                // A broken socket receives nothing new: this ends.
                loop {
                    match c.read_some(false, &mut |ev| ready.push_back(Event::Conn(key, ev))) {
                        ReadOutcome::MoreLeft => {}
                        ReadOutcome::Drained => break,
                        ReadOutcome::Closed => {
                            self.remove(key);
                            return;
                        }
                    }
                }
            }
            let ev = super::connection::io_error_event(c.target(), op, e);
            self.ready.push_back(Event::Conn(key, ev));
            self.ready.push_back(Event::Conn(key, ConnEvent::Closed));
        }
        self.remove(key);
    }

    fn remove(&mut self, key: ConnKey) {
        if self.get(key).is_none() {
            return;
        }
        let mut c = self.conns.remove(key.slot());
        if c.only_awaits_peer_fin() {
            self.awaiting_peer_fin -= 1;
        }
        c.drop_socket(self.poll.registry());
        for t in c.timers() {
            self.timers.cancel(t);
        }
        if c.is_established() && !c.is_detached() {
            // Its owner has a `Closed` to receive.
            self.ended.insert(key, c.take_timings());
        }
    }

    /// A silent connection past its idle timeout is reported broken (`Error` then `Closed`);
    /// otherwise the check is re-armed for when it could expire.
    fn check_idle(&mut self, key: ConnKey) {
        let Some(c) = self.get_mut(key) else { return };
        c.set_idle_timer(None);
        let (Some(idle), false, Some(last_read)) =
            (c.idle_timeout(), c.is_detached(), c.last_read())
        else {
            return;
        };
        let silent = last_read.elapsed();
        if silent >= idle {
            let e = io::Error::new(
                io::ErrorKind::TimedOut,
                format!(
                    "nothing received for {:.1} s (idle_timeout)",
                    silent.as_secs_f64()
                ),
            );
            let target = c.target().to_string();
            self.ready.push_back(Event::Conn(
                key,
                ConnEvent::Error {
                    code: libc::ETIMEDOUT,
                    errstr: format!("{target}: {}", e),
                },
            ));
            self.ready.push_back(Event::Conn(key, ConnEvent::Closed));
            self.remove(key);
        } else {
            let at = last_read + idle;
            let id = self.timers.add(at, TimerKind::Idle(key));
            self.get_mut(key).unwrap().set_idle_timer(Some(id));
        }
    }

    /// One client configuration per distinct `$ssl`: rustls keeps its session cache in it, so
    /// a reconnect to the same server resumes the TLS session instead of a full handshake.
    fn tls_config(&mut self, key: ConnKey) -> Result<Arc<rustls::ClientConfig>, Error> {
        let opts = self
            .get(key)
            .and_then(|c| c.tls_options().cloned())
            .unwrap_or_default();
        if let Some(cfg) = self.tls_configs.get(&opts) {
            return Ok(cfg.clone());
        }
        let cfg = super::tls::client_config(&opts)?;
        if self.tls_configs.len() >= 64 {
            self.tls_configs.clear();
        }
        self.tls_configs.insert(opts, cfg.clone());
        Ok(cfg)
    }

    fn fire_due_timers(&mut self) {
        let now = Instant::now();
        while let Some((id, kind)) = self.timers.pop_due(now) {
            match kind {
                TimerKind::User => self.ready.push_back(Event::Timer(id)),
                TimerKind::CloseDeadline(key) => self.remove(key),
                TimerKind::Idle(key) => self.check_idle(key),
                TimerKind::NextAttempt(key) => {
                    if self.get(key).is_some_and(Connection::can_start_another) {
                        self.try_next_address(key);
                    }
                }
                TimerKind::TlsVerdict(key) => {
                    if self.get_mut(key).is_some_and(Connection::accept_verdict) {
                        self.handshake(key);
                    }
                }
                TimerKind::ConnectTimeout(key) => {
                    let Some(c) = self.get_mut(key) else { continue };
                    c.connect_timer.set(None);
                    if c.is_established() {
                        continue;
                    }
                    let secs = c.timeout().unwrap_or_default().as_secs_f64();
                    let errstr = format!(
                        "{} connect time out after {}",
                        c.target(),
                        seconds_phrase(secs)
                    );
                    self.fail_connect(key, CODE_TIMED_OUT, errstr);
                }
            }
        }
    }

    fn drain_timerfd(&mut self) {
        let mut buf = [0u8; 8];
        // SAFETY: reading 8 bytes into a stack buffer from our own non-blocking timerfd.
        unsafe { libc::read(self.timerfd.as_raw_fd(), buf.as_mut_ptr().cast(), 8) };
        self.armed = None;
    }

    /// Keeps the timerfd armed for the earliest deadline, so the epoll fd turns readable when
    /// a timer is due even if the host loop never passes us a timeout.
    fn rearm_timerfd(&mut self) {
        let next = self.timers.next_deadline();
        if next == self.armed {
            return;
        }
        self.armed = next;
        let mut spec: libc::itimerspec = unsafe { std::mem::zeroed() };
        if let Some(at) = next {
            // A zero it_value disarms: fire "now" as 1 ns instead.
            let d = at
                .saturating_duration_since(Instant::now())
                .max(Duration::from_nanos(1));
            spec.it_value.tv_sec = d.as_secs() as libc::time_t;
            spec.it_value.tv_nsec = d.subsec_nanos() as libc::c_long;
        }
        // SAFETY: valid timerfd and a fully initialised itimerspec.
        unsafe { libc::timerfd_settime(self.timerfd.as_raw_fd(), 0, &spec, std::ptr::null_mut()) };
    }
}

/// An OS error's message as PHP gives it (`strerror`: "Connection refused"), without the
/// " (os error N)" that Rust's `Display` appends.
pub fn os_message(e: &io::Error) -> String {
    let text = e.to_string();
    match e.raw_os_error() {
        Some(code) => text
            .strip_suffix(&format!(" (os error {code})"))
            .map(str::to_owned)
            .unwrap_or(text),
        None => text,
    }
}

/// The original's `Yii::t('yii', '{delta, plural, =1{1 second} other{# seconds}}', …, 'en')`:
/// "1 second", "30 seconds", "1.5 seconds", "1,000 seconds" (at most 3 decimals, as ICU).
pub fn seconds_phrase(secs: f64) -> String {
    if secs == 1.0 {
        return "1 second".to_owned();
    }
    let fixed = format!("{secs:.3}");
    let (int, frac) = fixed.split_once('.').unwrap_or((&fixed, ""));
    let frac = frac.trim_end_matches('0');
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    if frac.is_empty() {
        format!("{grouped} seconds")
    } else {
        format!("{grouped}.{frac} seconds")
    }
}
