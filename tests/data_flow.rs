//! Bytes both ways on an established connection: queueing before connect, order, the peer's
//! close, the owner's close, the send-buffer cap, pause/resume and keys that outlive their
//! connection. Every server is a loopback listener started by the test.

mod common;

use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::os::fd::FromRawFd;
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use beyod_streamclient::core::{ConnEvent, ConnKey, Event, Sent};
use common::{pattern, saw, Bench, DEADLINE};

fn listener() -> (TcpListener, String) {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let target = format!("tcp://{}", l.local_addr().unwrap());
    (l, target)
}

/// A bench with one established connection, and the server's end of it.
fn established() -> (Bench, ConnKey, TcpStream) {
    let (l, target) = listener();
    let mut b = Bench::new();
    let key = b.connect(&target);
    let (s, _) = l.accept().unwrap();
    b.connected(key);
    (b, key, s)
}

/// Reads until EOF (or `DEADLINE`), `chunk` bytes at a time, pausing `pause` between reads.
fn read_all(s: &mut TcpStream, chunk: usize, pause: Duration) -> Vec<u8> {
    s.set_read_timeout(Some(DEADLINE)).unwrap();
    let mut got = Vec::new();
    let mut buf = vec![0u8; chunk];
    loop {
        match s.read(&mut buf) {
            Ok(0) => return got,
            Ok(n) => got.extend_from_slice(&buf[..n]),
            Err(e) => panic!("server read failed after {} bytes: {e}", got.len()),
        }
        if !pause.is_zero() {
            thread::sleep(pause);
        }
    }
}

#[test]
fn send_before_connect_is_flushed() {
    let (l, target) = listener();
    let server = thread::spawn(move || {
        let (mut s, _) = l.accept().unwrap();
        let mut buf = [0u8; 5];
        s.read_exact(&mut buf).unwrap();
        buf
    });
    let mut b = Bench::new();
    let key = b.connect(&target);
    assert_eq!(
        b.reactor.send(key, b"hello".to_vec(), usize::MAX),
        Sent::Queued(5)
    );
    assert_eq!(b.reactor.queued_bytes(key), 5);
    b.until("Drained", |seen| saw(seen, key, &ConnEvent::Drained));
    // The server closes once it has read: its FIN may arrive in the same poll (a Closed after).
    assert!(
        matches!(
            b.of(key)[..],
            [ConnEvent::Connected { .. }, ConnEvent::Drained, ..]
        ),
        "{:?}",
        b.of(key)
    );
    assert_eq!(b.reactor.queued_bytes(key), 0);
    assert_eq!(&server.join().unwrap(), b"hello");
}

#[test]
fn send_on_an_idle_established_connection_is_written_at_once() {
    let (mut b, key, mut s) = established();
    assert_eq!(
        b.reactor.send(key, b"now".to_vec(), usize::MAX),
        Sent::Written
    );
    assert_eq!(b.reactor.send(key, Vec::new(), usize::MAX), Sent::Written);
    let mut buf = [0u8; 3];
    s.read_exact(&mut buf).unwrap();
    assert_eq!(&buf, b"now");
    b.poll_for(Duration::from_millis(100));
    assert!(
        !b.has(key, &ConnEvent::Drained),
        "nothing was queued, so nothing drains"
    );
}

#[test]
fn sends_inside_a_batch_go_out_together_when_it_ends() {
    let (mut b, key, mut s) = established();
    b.reactor.begin_batch();
    for i in 0..1000 {
        let msg = format!("line {i}\n").into_bytes();
        assert_eq!(b.reactor.send(key, msg, usize::MAX), Sent::Deferred);
    }
    // Nested batches: only the outermost end writes.
    b.reactor.begin_batch();
    b.reactor.end_batch();
    let expected: Vec<u8> = (0..1000)
        .flat_map(|i| format!("line {i}\n").into_bytes())
        .collect();
    assert_eq!(b.reactor.queued_bytes(key), expected.len());
    s.set_nonblocking(true).unwrap();
    let mut buf = [0u8; 64];
    assert!(
        s.read(&mut buf).is_err(),
        "nothing written before the batch ends"
    );
    s.set_nonblocking(false).unwrap();
    b.reactor.end_batch();
    assert_eq!(
        b.reactor.queued_bytes(key),
        0,
        "written with the batch's end"
    );
    let mut got = vec![0u8; expected.len()];
    s.read_exact(&mut got).unwrap();
    assert_eq!(got, expected);
    // Outside a batch, an idle connection writes at once again; and nothing "drained", since
    // nothing had to wait for the socket.
    assert_eq!(
        b.reactor.send(key, b"now".to_vec(), usize::MAX),
        Sent::Written
    );
    b.poll_for(Duration::from_millis(100));
    assert!(!b.has(key, &ConnEvent::Drained));
}

#[test]
fn a_batch_never_defers_more_than_its_limit_nor_counts_towards_max() {
    let (mut b, key, mut s) = established();
    b.reactor.begin_batch();
    // max 1000: deferred bytes are written before they could make send() refuse anything.
    for _ in 0..10 {
        assert_eq!(b.reactor.send(key, vec![b'x'; 600], 1000), Sent::Deferred);
        assert!(b.reactor.queued_bytes(key) <= 1000);
        assert_eq!(b.reactor.waiting_bytes(key), 0);
    }
    b.reactor.end_batch();
    let mut got = vec![0u8; 6000];
    s.read_exact(&mut got).unwrap();
    assert!(got.iter().all(|&c| c == b'x'));
    // Without a max, a batch still writes once it holds BATCH_LIMIT bytes.
    b.reactor.begin_batch();
    let chunk = vec![b'y'; 16 * 1024];
    for _ in 0..5 {
        b.reactor.send(key, chunk.clone(), usize::MAX);
        assert!(b.reactor.queued_bytes(key) <= beyod_streamclient::core::BATCH_LIMIT);
    }
    b.reactor.end_batch();
    let mut got = vec![0u8; 5 * 16 * 1024];
    s.read_exact(&mut got).unwrap();
    assert!(got.iter().all(|&c| c == b'y'));
}

#[test]
fn a_poll_inside_a_batch_writes_what_was_deferred_first() {
    let (mut b, key, mut s) = established();
    b.reactor.begin_batch();
    assert_eq!(
        b.reactor.send(key, b"ping".to_vec(), usize::MAX),
        Sent::Deferred
    );
    // A handler waiting for the reply in a nested loop: the request must be out first.
    b.poll_for(Duration::from_millis(20));
    let mut buf = [0u8; 4];
    s.read_exact(&mut buf).unwrap();
    assert_eq!(&buf, b"ping");
    b.reactor.end_batch();
}

#[test]
fn client_writes_reach_the_server_in_order() {
    let (l, target) = listener();
    let server = thread::spawn(move || read_all(&mut l.accept().unwrap().0, 4096, Duration::ZERO));
    let mut b = Bench::new();
    let key = b.connect(&target);
    // Some before the connection is up, some after, some while earlier ones are still queued.
    let early = pattern(100_000);
    b.reactor.send(key, early.clone(), usize::MAX);
    b.connected(key);
    let mut expected = early;
    for i in 0..50u8 {
        let msg = vec![i; 10_000 + i as usize];
        expected.extend_from_slice(&msg);
        assert_ne!(b.reactor.send(key, msg, usize::MAX), Sent::Closed);
    }
    let end = Instant::now() + DEADLINE;
    while b.reactor.queued_bytes(key) > 0 {
        assert!(Instant::now() < end, "queue never flushed");
        b.poll_once();
    }
    b.reactor.close(key, DEADLINE);
    assert_eq!(server.join().unwrap(), expected);
}

#[test]
fn three_writes_arrive_as_data_in_order() {
    let (l, target) = listener();
    let server = thread::spawn(move || {
        let (mut s, _) = l.accept().unwrap();
        for word in [&b"one "[..], b"two ", b"three"] {
            s.write_all(word).unwrap();
            thread::sleep(Duration::from_millis(20));
        }
        s
    });
    let mut b = Bench::new();
    let key = b.connect(&target);
    b.until("13 bytes", |seen| common::data_len(seen, key) >= 13);
    assert_eq!(b.data(key), b"one two three");
    assert!(
        matches!(b.of(key)[0], ConnEvent::Connected { .. }),
        "Connected comes first: {:?}",
        b.of(key)
    );
    drop(server.join().unwrap());
}

#[test]
fn peer_close_delivers_all_data_before_closed() {
    let (l, target) = listener();
    let payload = pattern(1 << 20);
    let sent = payload.clone();
    let server = thread::spawn(move || {
        let (mut s, _) = l.accept().unwrap();
        s.write_all(&sent).unwrap();
        // Dropping the stream sends FIN after the data.
    });
    let mut b = Bench::new();
    let mut s = common::spec(&target);
    // Small reads: the round budget runs out many times before EOF is seen.
    s.read_buffer_size = 1000;
    let key = b.reactor.connect(s);
    server.join().unwrap();
    b.until("Closed", |seen| saw(seen, key, &ConnEvent::Closed));
    let events = b.of(key);
    assert!(matches!(events[0], ConnEvent::Connected { .. }));
    assert_eq!(events.last(), Some(&&ConnEvent::Closed));
    assert!(
        events[1..events.len() - 1]
            .iter()
            .all(|e| matches!(e, ConnEvent::Data(_))),
        "only Data between"
    );
    assert!(
        b.data(key) == payload,
        "all {} bytes, in order",
        payload.len()
    );
    b.poll_for(Duration::from_millis(100));
    assert_eq!(
        b.of(key).last(),
        Some(&&ConnEvent::Closed),
        "nothing after Closed"
    );
    assert_eq!(b.reactor.connection_count(), 0);
    assert!(b.reactor.is_idle());
}

#[test]
fn peer_reset_while_we_still_send_delivers_its_reply_before_closed() {
    // The peer answers and closes without reading what we keep sending (an HTTP server
    // refusing an upload does this): its close turns into a reset, our writes fail, and the
    // reply it sent must still be delivered before Closed.
    let (l, target) = listener();
    let (ready_tx, ready_rx) = mpsc::channel();
    let server = thread::spawn(move || {
        let (mut s, _) = l.accept().unwrap();
        ready_rx.recv().unwrap();
        s.write_all(b"HTTP/1.1 413 Payload Too Large\r\n\r\n")
            .unwrap();
        thread::sleep(Duration::from_millis(50));
        // Unread bytes in its receive buffer: close sends RST.
    });
    let mut b = Bench::new();
    let key = b.connect(&target);
    b.connected(key);
    b.reactor.send(key, pattern(8 << 20), usize::MAX);
    ready_tx.send(()).unwrap();
    server.join().unwrap();
    b.until("Closed", |seen| saw(seen, key, &ConnEvent::Closed));
    let events = b.of(key);
    assert_eq!(
        b.data(key),
        b"HTTP/1.1 413 Payload Too Large\r\n\r\n",
        "{events:?}"
    );
    let first_data = events
        .iter()
        .position(|e| matches!(e, ConnEvent::Data(_)))
        .unwrap();
    let closed = events
        .iter()
        .position(|e| **e == ConnEvent::Closed)
        .unwrap();
    assert!(first_data < closed);
    assert_eq!(closed, events.len() - 1, "nothing after Closed: {events:?}");
}

#[test]
fn close_flushes_queued_bytes_and_reports_nothing_more() {
    let (l, target) = listener();
    let server = thread::spawn(move || {
        let (mut s, _) = l.accept().unwrap();
        // Chatter the client would report as Data if it still reported anything.
        s.write_all(b"are you there?").unwrap();
        thread::sleep(Duration::from_millis(200));
        let mut reader = s.try_clone().unwrap();
        let chatter = thread::spawn(move || {
            for _ in 0..20 {
                if s.write_all(b"still here").is_err() {
                    break;
                }
                thread::sleep(Duration::from_millis(10));
            }
        });
        let got = read_all(&mut reader, 64 * 1024, Duration::from_micros(200));
        chatter.join().unwrap();
        got
    });
    let mut b = Bench::new();
    let key = b.connect(&target);
    b.connected(key);
    let payload = pattern(8 << 20);
    for chunk in payload.chunks(1 << 20) {
        assert_ne!(
            b.reactor.send(key, chunk.to_vec(), usize::MAX),
            Sent::Closed
        );
    }
    assert!(
        b.reactor.queued_bytes(key) > 0,
        "the slow reader leaves bytes queued"
    );
    b.reactor.close(key, Duration::from_secs(10));
    let seen_at_close = b.of(key).len();
    assert_eq!(
        b.reactor.send(key, b"late".to_vec(), usize::MAX),
        Sent::Closed
    );
    let end = Instant::now() + Duration::from_secs(10);
    while b.reactor.connection_count() > 0 {
        assert!(Instant::now() < end, "closing connection never went away");
        b.poll_once();
    }
    let got = server.join().unwrap();
    assert_eq!(got.len(), payload.len());
    assert!(got == payload, "every byte, in order");
    b.poll_for(Duration::from_millis(100));
    assert_eq!(
        b.of(key).len(),
        seen_at_close,
        "events after close: {:?}",
        &b.of(key)[seen_at_close..]
    );
    assert!(b.reactor.is_idle());
}

#[test]
fn close_after_a_written_send_still_delivers_it_when_the_peer_chatters() {
    // Written = in the kernel's send buffer, not yet received. A small receive window on the
    // server keeps most of it there; the server's chatter must not turn our close into a reset
    // that discards it.
    let l = socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None).unwrap();
    l.set_recv_buffer_size(16 * 1024).unwrap();
    l.bind(
        &"127.0.0.1:0"
            .parse::<std::net::SocketAddr>()
            .unwrap()
            .into(),
    )
    .unwrap();
    l.listen(8).unwrap();
    let l: TcpListener = l.into();
    let target = format!("tcp://{}", l.local_addr().unwrap());
    let (wrote_tx, wrote_rx) = mpsc::channel::<()>();
    let server = thread::spawn(move || {
        let (mut s, _) = l.accept().unwrap();
        let mut chatter = s.try_clone().unwrap();
        let noise = thread::spawn(move || {
            for _ in 0..30 {
                if chatter.write_all(b"noise").is_err() {
                    break;
                }
                thread::sleep(Duration::from_millis(10));
            }
        });
        wrote_rx.recv().unwrap();
        thread::sleep(Duration::from_millis(150));
        let got = read_all(&mut s, 64 * 1024, Duration::ZERO);
        noise.join().unwrap();
        got
    });
    let mut b = Bench::new();
    let mut s = common::spec(&target);
    s.options.send_buffer_size = Some(4 << 20);
    let key = b.reactor.connect(s);
    b.connected(key);
    let payload = pattern(1 << 20);
    assert_eq!(
        b.reactor.send(key, payload.clone(), usize::MAX),
        Sent::Written
    );
    b.reactor.close(key, DEADLINE);
    wrote_tx.send(()).unwrap();
    let end = Instant::now() + DEADLINE;
    while b.reactor.connection_count() > 0 {
        assert!(Instant::now() < end, "closing connection never went away");
        b.poll_once();
    }
    let got = server.join().unwrap();
    assert_eq!(got.len(), payload.len());
    assert!(got == payload);
}

#[test]
fn close_on_a_unix_socket_delivers_queued_bytes() {
    let dir = common::temp_dir();
    let path = dir.join("slow.sock");
    let l = std::os::unix::net::UnixListener::bind(&path).unwrap();
    let server = thread::spawn(move || {
        let (mut s, _) = l.accept().unwrap();
        s.set_read_timeout(Some(DEADLINE)).unwrap();
        thread::sleep(Duration::from_millis(100));
        let mut got = Vec::new();
        s.read_to_end(&mut got).unwrap();
        got
    });
    let mut b = Bench::new();
    let key = b.connect(&format!("unix://{}", path.display()));
    let payload = pattern(4 << 20);
    b.reactor.send(key, payload.clone(), usize::MAX);
    b.connected(key);
    b.reactor.close(key, DEADLINE);
    let end = Instant::now() + DEADLINE;
    while b.reactor.connection_count() > 0 {
        assert!(Instant::now() < end, "closing connection never went away");
        b.poll_once();
    }
    assert!(server.join().unwrap() == payload);
}

#[test]
fn close_before_connected_still_delivers_queued_bytes() {
    let (l, target) = listener();
    let mut b = Bench::new();
    let key = b.connect(&target);
    b.reactor
        .send(key, b"sent while connecting".to_vec(), usize::MAX);
    b.reactor.close(key, DEADLINE);
    let server = thread::spawn(move || read_all(&mut l.accept().unwrap().0, 4096, Duration::ZERO));
    let end = Instant::now() + DEADLINE;
    while b.reactor.connection_count() > 0 {
        assert!(Instant::now() < end);
        b.poll_once();
    }
    assert_eq!(server.join().unwrap(), b"sent while connecting");
    assert!(
        b.of(key).is_empty(),
        "a closed connection reports nothing, not even Connected"
    );
}

#[test]
fn close_sends_eof_at_once_and_ends_when_the_peer_closes() {
    let (mut b, key, mut s) = established();
    assert_eq!(
        b.reactor.send(key, b"last words".to_vec(), usize::MAX),
        Sent::Written
    );
    b.reactor.close(key, DEADLINE);
    assert_eq!(
        b.reactor.phase(key),
        None,
        "closed, as far as its owner is concerned"
    );
    assert_eq!(b.reactor.socket_fd(key), None);
    assert_eq!(
        read_all(&mut s, 4096, Duration::ZERO),
        b"last words",
        "then EOF"
    );
    drop(s);
    let end = Instant::now() + DEADLINE;
    while b.reactor.connection_count() > 0 {
        assert!(
            Instant::now() < end,
            "the peer's close never ended the connection"
        );
        b.poll_once();
    }
    assert!(b.of(key).len() == 1, "only Connected: {:?}", b.of(key));
}

#[test]
fn close_gives_up_at_its_deadline_when_the_peer_never_closes() {
    let (l, target) = listener();
    let mut b = Bench::new();
    let key = b.connect(&target);
    let (_s, _) = l.accept().unwrap();
    b.connected(key);
    b.reactor.send(key, pattern(8 << 20), usize::MAX);
    let started = Instant::now();
    b.reactor.close(key, Duration::from_millis(300));
    // A second close does not extend (or shorten) the first one's deadline.
    b.reactor.close(key, Duration::from_secs(60));
    while b.reactor.connection_count() > 0 {
        assert!(started.elapsed() < DEADLINE, "lingered past its deadline");
        b.poll_once();
    }
    let took = started.elapsed();
    assert!(
        took >= Duration::from_millis(290),
        "gave up early: {took:?}"
    );
    assert!(took < Duration::from_secs(2), "gave up late: {took:?}");
    assert!(b.reactor.is_idle());
}

#[test]
fn a_closed_connection_that_only_waits_for_the_peers_fin_leaves_the_reactor_idle() {
    let (mut b, key, mut s) = established();
    assert!(!b.reactor.is_idle(), "an open connection is work");
    assert_eq!(
        b.reactor.send(key, b"last words".to_vec(), usize::MAX),
        Sent::Written
    );
    b.reactor.close(key, DEADLINE);
    assert_eq!(read_all(&mut s, 4096, Duration::ZERO), b"last words");
    // The peer keeps its side open: the connection lingers, but nobody waits for it.
    assert_eq!(b.reactor.connection_count(), 1);
    assert!(b.reactor.is_idle());
    let timer = b.reactor.add_timer(DEADLINE);
    assert!(!b.reactor.is_idle(), "an application timer is work");
    b.reactor.cancel_timer(timer);
    assert!(b.reactor.is_idle());
    drop(s);
    let end = Instant::now() + DEADLINE;
    while b.reactor.connection_count() > 0 {
        assert!(Instant::now() < end, "the peer's FIN never ended it");
        b.poll_once();
    }
    assert!(b.reactor.is_idle());
}

#[test]
fn end_then_close_leaves_the_reactor_idle_while_the_peer_keeps_its_side_open() {
    let (mut b, key, mut s) = established();
    b.reactor.end(key);
    assert_eq!(read_all(&mut s, 4096, Duration::ZERO), b"", "our FIN");
    assert!(
        !b.reactor.is_idle(),
        "after end() its owner waits for the peer"
    );
    b.reactor.close(key, DEADLINE);
    assert!(b.reactor.is_idle());
    drop(s);
    let end = Instant::now() + DEADLINE;
    while b.reactor.connection_count() > 0 {
        assert!(Instant::now() < end, "the peer's FIN never ended it");
        b.poll_once();
    }
    assert!(b.reactor.is_idle());
}

#[test]
fn bytes_still_queued_at_close_keep_the_reactor_busy_until_written() {
    let (l, target) = listener();
    let mut b = Bench::new();
    let key = b.connect(&target);
    let (mut s, _) = l.accept().unwrap();
    b.connected(key);
    let payload = pattern(8 << 20);
    b.reactor.send(key, payload.clone(), usize::MAX);
    assert!(b.reactor.queued_bytes(key) > 0, "nobody reads yet");
    b.reactor.close(key, Duration::from_secs(10));
    assert!(!b.reactor.is_idle());
    // The peer reads everything (and our FIN) but never closes its side.
    let reader = thread::spawn(move || {
        let got = read_all(&mut s, 64 * 1024, Duration::ZERO);
        (got, s)
    });
    let end = Instant::now() + Duration::from_secs(10);
    while !b.reactor.is_idle() {
        assert!(Instant::now() < end, "never became idle");
        b.poll_once();
    }
    let (got, _s) = reader.join().unwrap();
    assert!(got == payload, "every byte, once, in order, then our FIN");
    assert_eq!(
        b.reactor.connection_count(),
        1,
        "still waiting for the peer's FIN"
    );
}

#[test]
fn an_abandoned_reactor_writes_nothing_and_sends_no_fin_on_a_socket_shared_with_another_process() {
    let (l, target) = listener();
    let mut b = Bench::new();
    let key = b.connect(&target);
    let (mut s, _) = l.accept().unwrap();
    b.connected(key);
    let payload = pattern(8 << 20);
    b.reactor.send(key, payload.clone(), usize::MAX);
    let queued = b.reactor.queued_bytes(key);
    assert!(queued > 0, "nobody reads yet");
    // What fork() leaves: another descriptor of the same socket, kept by "the parent".
    let fd = b.reactor.socket_fd(key).unwrap();
    // SAFETY: dup() of a descriptor the reactor owns; the copy is owned right away.
    let parents = unsafe { std::os::fd::OwnedFd::from_raw_fd(libc::dup(fd)) };
    let Bench { reactor, .. } = b;
    reactor.abandon();
    s.set_read_timeout(Some(Duration::from_millis(300)))
        .unwrap();
    let mut got = Vec::new();
    let mut buf = vec![0u8; 64 * 1024];
    let eof = loop {
        match s.read(&mut buf) {
            Ok(0) => break true,
            Ok(n) => got.extend_from_slice(&buf[..n]),
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                break false
            }
            Err(e) => panic!("{e}"),
        }
    };
    assert!(!eof, "no FIN while another process holds the socket");
    assert_eq!(
        got.len(),
        payload.len() - queued,
        "nothing of the queue written"
    );
    assert!(got[..] == payload[..got.len()]);
    let mut parents = TcpStream::from(parents);
    parents.write_all(b"still mine").unwrap();
    drop(parents);
    assert_eq!(
        read_all(&mut s, 4096, Duration::ZERO),
        b"still mine",
        "then EOF"
    );
}

#[test]
fn events_queued_before_close_are_not_delivered_after_it() {
    // close() is called from a handler while the same poll produced more events for the key.
    let (l, target) = listener();
    let server = thread::spawn(move || {
        let (mut s, _) = l.accept().unwrap();
        s.write_all(&pattern(200_000)).unwrap();
        s
    });
    let mut b = Bench::new();
    let mut s = common::spec(&target);
    s.read_buffer_size = 1000;
    let key = b.reactor.connect(s);
    let _s = server.join().unwrap();
    let end = Instant::now() + DEADLINE;
    loop {
        assert!(Instant::now() < end, "no Data");
        b.reactor.poll(Some(Duration::from_millis(50))).unwrap();
        let mut closed = false;
        while let Some(ev) = b.reactor.next_event() {
            assert!(
                !closed,
                "an event after close(): {}",
                match &ev {
                    Event::Conn(_, ConnEvent::Data(d)) => format!("Data({} bytes)", d.len()),
                    other => format!("{other:?}"),
                }
            );
            if let Event::Conn(k, ConnEvent::Data(_)) = &ev {
                b.reactor.close(*k, DEADLINE);
                closed = true;
            }
            b.seen.push(ev);
        }
        if closed {
            break;
        }
    }
    b.poll_for(Duration::from_millis(100));
    assert!(matches!(b.of(key).last(), Some(ConnEvent::Data(_))));
}

#[test]
fn buffer_full_refuses_newest() {
    let (l, target) = listener();
    let (done_tx, done_rx) = mpsc::channel::<()>();
    let server = thread::spawn(move || {
        let (s, _) = l.accept().unwrap();
        // Never reads; holds the connection open until the test is done.
        done_rx.recv().unwrap();
        drop(s);
    });
    let mut b = Bench::new();
    let key = b.connect(&target);
    b.connected(key);
    let max = 4 << 20;
    let end = Instant::now() + DEADLINE;
    let mut accepted = 0usize;
    loop {
        assert!(Instant::now() < end, "never full after {accepted} bytes");
        let before = b.reactor.queued_bytes(key);
        match b.reactor.send(key, vec![7u8; 1 << 20], max) {
            Sent::Full => {
                assert!(before >= max, "refused with only {before} bytes queued");
                assert_eq!(
                    b.reactor.queued_bytes(key),
                    before,
                    "the refused message is dropped"
                );
                break;
            }
            Sent::Closed => panic!("connection closed"),
            Sent::Written | Sent::Queued(_) | Sent::Partial(_) | Sent::Deferred => {
                accepted += 1 << 20
            }
        }
        b.poll_once();
    }
    // Still full: the newest is refused again, nothing already queued is dropped.
    let queued = b.reactor.queued_bytes(key);
    assert_eq!(b.reactor.send(key, b"x".to_vec(), max), Sent::Full);
    assert_eq!(b.reactor.queued_bytes(key), queued);
    // The cap is checked before queueing, so one message may overshoot it.
    assert!(queued < max + (1 << 20));
    assert!(!b.has(key, &ConnEvent::Drained));
    done_tx.send(()).unwrap();
    server.join().unwrap();
}

#[test]
fn queue_drains_after_a_slow_reader_catches_up() {
    let (l, target) = listener();
    let (go_tx, go_rx) = mpsc::channel::<()>();
    let server = thread::spawn(move || {
        let (mut s, _) = l.accept().unwrap();
        go_rx.recv().unwrap();
        read_all(&mut s, 1 << 16, Duration::ZERO)
    });
    let mut b = Bench::new();
    let key = b.connect(&target);
    b.connected(key);
    let payload = pattern(16 << 20);
    assert!(matches!(
        b.reactor.send(key, payload.clone(), usize::MAX),
        Sent::Partial(_)
    ));
    go_tx.send(()).unwrap();
    b.until("Drained", |seen| saw(seen, key, &ConnEvent::Drained));
    assert_eq!(b.reactor.queued_bytes(key), 0);
    b.reactor.close(key, DEADLINE);
    assert!(server.join().unwrap() == payload);
}

#[test]
fn pause_stops_reading_and_resume_delivers() {
    let (l, target) = listener();
    let (say_tx, say_rx) = mpsc::channel::<&'static [u8]>();
    let server = thread::spawn(move || {
        let (mut s, _) = l.accept().unwrap();
        for msg in say_rx {
            s.write_all(msg).unwrap();
        }
        s.shutdown(Shutdown::Write).unwrap();
        thread::sleep(Duration::from_millis(300));
    });
    let mut b = Bench::new();
    let key = b.connect(&target);
    b.connected(key);
    b.reactor.set_paused(key, true);
    say_tx.send(b"while paused").unwrap();
    b.poll_for(Duration::from_millis(300));
    assert!(b.data(key).is_empty(), "no Data while paused");
    b.reactor.set_paused(key, false);
    b.until("Data after resume", |seen| {
        common::data_len(seen, key) >= 12
    });
    assert_eq!(b.data(key), b"while paused");

    // The peer's close while paused is seen only after resuming, after its data.
    b.reactor.set_paused(key, true);
    say_tx.send(b"bye").unwrap();
    drop(say_tx);
    b.poll_for(Duration::from_millis(300));
    assert!(!b.has(key, &ConnEvent::Closed), "no Closed while paused");
    b.reactor.set_paused(key, false);
    b.until("Closed", |seen| saw(seen, key, &ConnEvent::Closed));
    assert_eq!(b.data(key), b"while pausedbye");
    server.join().unwrap();
}

#[test]
fn stale_key_after_close_is_ignored() {
    let (l, target) = listener();
    let mut b = Bench::new();
    let old = b.connect(&target);
    let _first = l.accept().unwrap();
    b.connected(old);
    b.reactor.close(old, DEADLINE);
    assert_eq!(b.reactor.send(old, b"x".to_vec(), usize::MAX), Sent::Closed);
    b.reactor.set_paused(old, true);
    b.reactor.close(old, DEADLINE);
    assert_eq!(b.reactor.phase(old), None);
    assert_eq!(b.reactor.socket_fd(old), None);

    // The next connection reuses the slot; the old key still reaches nothing.
    let new = b.connect(&target);
    assert_ne!(new, old);
    let (mut second, _) = l.accept().unwrap();
    b.connected(new);
    assert_eq!(
        b.reactor.send(old, b"stale".to_vec(), usize::MAX),
        Sent::Closed
    );
    b.reactor.set_paused(old, true);
    b.reactor.close(old, DEADLINE);
    second.write_all(b"to new").unwrap();
    b.until("Data on the new key", |seen| {
        common::data_len(seen, new) >= 6
    });
    assert_eq!(
        b.reactor.send(new, b"fresh".to_vec(), usize::MAX),
        Sent::Written
    );
    let mut buf = [0u8; 5];
    second.read_exact(&mut buf).unwrap();
    assert_eq!(&buf, b"fresh");
    assert_eq!(
        b.of(old).len(),
        1,
        "only the old key's Connected: {:?}",
        b.of(old)
    );
}

#[test]
fn many_connections_stay_apart() {
    let (l, target) = listener();
    let n = 20;
    let server = thread::spawn(move || {
        let mut streams = Vec::new();
        for _ in 0..n {
            let (mut s, _) = l.accept().unwrap();
            let mut tag = [0u8; 1];
            s.read_exact(&mut tag).unwrap();
            s.write_all(&vec![tag[0]; 1000 * (tag[0] as usize + 1)])
                .unwrap();
            streams.push(s);
        }
        streams
    });
    let mut b = Bench::new();
    let keys: Vec<_> = (0..n as u8)
        .map(|i| {
            let k = b.connect(&target);
            b.reactor.send(k, vec![i], usize::MAX);
            k
        })
        .collect();
    b.until("every reply", |seen| {
        keys.iter()
            .enumerate()
            .all(|(i, k)| common::data_len(seen, *k) >= 1000 * (i + 1))
    });
    for (i, k) in keys.iter().enumerate() {
        assert_eq!(b.data(*k), vec![i as u8; 1000 * (i + 1)]);
    }
    drop(server.join().unwrap());
    b.until("every Closed", |seen| {
        keys.iter().all(|k| saw(seen, *k, &ConnEvent::Closed))
    });
    assert_eq!(b.reactor.connection_count(), 0);
}

/// A message larger than a batch is written at once, even inside a batch, and send() says
/// what the original's fwrite() said: everything went out, or how much did.
#[test]
fn a_message_larger_than_a_batch_is_written_at_once_and_partial_writes_count_bytes_written() {
    let (mut b, key, mut s) = established();
    b.reactor.begin_batch();
    let big = pattern(32 << 20);
    let written = match b.reactor.send(key, big.clone(), usize::MAX) {
        Sent::Partial(w) => w,
        other => panic!("expected a partial write, got {other:?}"),
    };
    assert!(written > 0 && written < big.len(), "{written}");
    assert_eq!(b.reactor.queued_bytes(key), big.len() - written);
    // Behind queued bytes: the message's length, as the original's strlen($message).
    assert_eq!(
        b.reactor.send(key, b"tail".to_vec(), usize::MAX),
        Sent::Queued(4)
    );
    b.reactor.end_batch();
    let reader = thread::spawn(move || {
        let mut got = vec![0u8; (32 << 20) + 4];
        s.set_read_timeout(Some(DEADLINE)).unwrap();
        s.read_exact(&mut got).map(|_| got).unwrap()
    });
    let end = Instant::now() + DEADLINE;
    while b.reactor.queued_bytes(key) > 0 {
        assert!(Instant::now() < end, "queue never flushed");
        b.poll_once();
    }
    let got = reader.join().unwrap();
    assert_eq!(got.len(), (32 << 20) + 4);
    assert!(got[..big.len()] == big[..] && &got[big.len()..] == b"tail");
}

#[test]
fn timings_of_a_connection_the_peer_closed_wait_for_the_owner() {
    let (l, target) = listener();
    let server = thread::spawn(move || {
        let (mut s, _) = l.accept().unwrap();
        s.write_all(b"bye\n").unwrap();
    });
    let mut b = Bench::new();
    let key = b.reactor.connect(common::spec(&target));
    server.join().unwrap();
    b.until("Closed", |seen| saw(seen, key, &ConnEvent::Closed));
    assert_eq!(b.reactor.connection_count(), 0, "the connection is gone");
    // ... but its owner still reads what it measured, once, until it takes it.
    let t = b.reactor.timings(key).expect("kept for the owner");
    assert!(t.tcp().is_some() && t.first_byte() >= t.tcp());
    assert_eq!(b.reactor.take_timings(key), Some(t));
    assert_eq!(b.reactor.timings(key), None, "handed over: nothing kept");
    assert_eq!(b.reactor.take_timings(key), None);

    // An owner that closes instead of taking them lets them go too.
    let (l, target) = listener();
    let server = thread::spawn(move || drop(l.accept().unwrap()));
    let key = b.reactor.connect(common::spec(&target));
    server.join().unwrap();
    b.until("Closed", |seen| saw(seen, key, &ConnEvent::Closed));
    assert!(b.reactor.timings(key).is_some());
    b.reactor.close(key, Duration::from_secs(1));
    assert_eq!(b.reactor.timings(key), None);
}
