//! A loopback bench for the reactor: a `Reactor` driven in short polls with a hard deadline,
//! every event it reports kept in order, and small helpers for the servers the tests start.
//! Each test binary uses only part of it.
#![allow(dead_code)]

use std::os::fd::RawFd;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use beyod_streamclient::core::{
    ConnEvent, ConnKey, ConnectSpec, Event, Reactor, SocketOptions, Target,
};

/// No test waits longer than this for anything.
pub const DEADLINE: Duration = Duration::from_secs(5);

/// One poll's longest wait.
const TICK: Duration = Duration::from_millis(50);

pub fn spec(target: &str) -> ConnectSpec {
    let target = Target::parse(target).unwrap();
    ConnectSpec {
        tls: target.is_tls().then(Default::default),
        target,
        options: SocketOptions::default(),
        timeout: Some(DEADLINE),
        read_buffer_size: 65536,
        idle_timeout: None,
        attempt_delay: None,
        pinned: Vec::new(),
        proxy: None,
    }
}

pub struct Bench {
    pub reactor: Reactor,
    /// Every event reported so far, in the order `next_event` gave them.
    pub seen: Vec<Event>,
}

impl Bench {
    pub fn new() -> Bench {
        Bench {
            reactor: Reactor::new().unwrap(),
            seen: Vec::new(),
        }
    }

    pub fn connect(&mut self, target: &str) -> ConnKey {
        self.reactor.connect(spec(target))
    }

    /// One bounded poll, then every event it produced is taken.
    pub fn poll_once(&mut self) {
        self.reactor.poll(Some(TICK)).unwrap();
        self.take_events();
    }

    pub fn take_events(&mut self) {
        while let Some(ev) = self.reactor.next_event() {
            self.seen.push(ev);
        }
    }

    /// Polls until `done` holds for the events seen so far; panics, naming `what`, when the
    /// deadline passes first.
    pub fn until(&mut self, what: &str, mut done: impl FnMut(&[Event]) -> bool) {
        let end = Instant::now() + DEADLINE;
        self.take_events();
        while !done(&self.seen) {
            assert!(
                Instant::now() < end,
                "timed out waiting for {what}; events: {:?}",
                self.brief()
            );
            self.poll_once();
        }
    }

    /// Polls for `d` whatever happens.
    pub fn poll_for(&mut self, d: Duration) {
        let end = Instant::now() + d;
        while Instant::now() < end {
            self.poll_once();
        }
    }

    /// The events of one connection, in order.
    pub fn of(&self, key: ConnKey) -> Vec<&ConnEvent> {
        self.seen
            .iter()
            .filter_map(|e| match e {
                Event::Conn(k, ev) if *k == key => Some(ev),
                _ => None,
            })
            .collect()
    }

    /// Waits for the connection to come up and returns `(peer, local)`; panics if it fails.
    pub fn connected(&mut self, key: ConnKey) -> (String, String) {
        self.until("Connected", |seen| settled(seen, key));
        for ev in self.of(key) {
            match ev {
                ConnEvent::Connected { peer, local } => return (peer.clone(), local.clone()),
                ConnEvent::ConnectFailed { code, detail, .. } => {
                    panic!("connect failed: {code} {detail}")
                }
                _ => {}
            }
        }
        unreachable!()
    }

    /// Waits for the connect to fail and returns `(code, errstr)`; panics if it succeeds.
    pub fn connect_failed(&mut self, key: ConnKey) -> (i32, String) {
        self.until("ConnectFailed", |seen| settled(seen, key));
        match self.of(key).first() {
            Some(ConnEvent::ConnectFailed { code, detail, .. }) => (*code, detail.clone()),
            other => panic!("expected ConnectFailed, got {other:?}"),
        }
    }

    /// Every byte delivered as `Data` on the connection so far.
    pub fn data(&self, key: ConnKey) -> Vec<u8> {
        self.of(key)
            .into_iter()
            .filter_map(|e| match e {
                ConnEvent::Data(d) => Some(d.as_slice()),
                _ => None,
            })
            .flatten()
            .copied()
            .collect()
    }

    pub fn has(&self, key: ConnKey, wanted: &ConnEvent) -> bool {
        self.of(key).contains(&wanted)
    }

    /// Events in a form short enough for a panic message (data as lengths).
    fn brief(&self) -> Vec<String> {
        self.seen
            .iter()
            .map(|e| match e {
                Event::Conn(k, ConnEvent::Data(d)) => format!("{k:?} Data({} bytes)", d.len()),
                other => format!("{other:?}"),
            })
            .collect()
    }
}

/// The connect of `key` has an outcome (either way).
pub fn settled(seen: &[Event], key: ConnKey) -> bool {
    seen.iter().any(|e| {
        matches!(e, Event::Conn(k, ConnEvent::Connected { .. } | ConnEvent::ConnectFailed { .. }) if *k == key)
    })
}

pub fn saw(seen: &[Event], key: ConnKey, wanted: &ConnEvent) -> bool {
    seen.iter()
        .any(|e| matches!(e, Event::Conn(k, ev) if *k == key && ev == wanted))
}

pub fn data_len(seen: &[Event], key: ConnKey) -> usize {
    seen.iter()
        .map(|e| match e {
            Event::Conn(k, ConnEvent::Data(d)) if *k == key => d.len(),
            _ => 0,
        })
        .sum()
}

/// Bytes that reveal reordering, loss or duplication when compared with what arrived.
pub fn pattern(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i % 251) as u8).collect()
}

/// A fresh, empty directory for unix sockets, unique to this process and call.
pub fn temp_dir() -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let n = N.fetch_add(1, Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("beyod-sc-test-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Waits up to `d` for `fd` to turn readable, as a host loop's `poll()` would, without
/// touching the reactor.
pub fn readable_within(fd: RawFd, d: Duration) -> bool {
    let mut p = libc::pollfd {
        fd,
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: one valid pollfd on the stack.
    let n = unsafe { libc::poll(&mut p, 1, d.as_millis() as i32) };
    assert!(n >= 0, "poll: {}", std::io::Error::last_os_error());
    n == 1
}
