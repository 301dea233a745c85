//! The step of a host loop that found the reactor's descriptor readable
//! (`Reactor::poll_ready`): when one plain established connection is the only source that can
//! be ready, its socket is read without polling the reactor. These tests play the host loop
//! (a level-triggered `poll()` of the descriptor, as `stream_select` and libevent do) and check
//! that nothing is missed (the peer's FIN, a reply larger than a read, a timer, writability
//! of bytes left waiting) and that the descriptor does not stay readable once all is read.

mod common;

use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::thread;
use std::time::{Duration, Instant};

use beyod_streamclient::core::{ConnEvent, ConnKey, Event, Sent};
use common::{data_len, pattern, readable_within, saw, spec, Bench, DEADLINE};

/// One pass of a host loop: wait for the descriptor, then the step. Panics when the
/// descriptor does not turn readable in time (a stall). Returns whether the step read
/// without polling.
fn host_step(b: &mut Bench) -> bool {
    assert!(
        readable_within(b.reactor.fd(), DEADLINE),
        "the host loop would wait forever"
    );
    let direct = b.reactor.sole_source().is_some();
    b.reactor.poll_ready().unwrap();
    b.take_events();
    direct
}

/// Polls until the connection is the reactor's sole source (what its connect left to do is
/// done: the first read, the waker's write).
fn settle(b: &mut Bench, key: ConnKey) {
    let end = Instant::now() + DEADLINE;
    while b.reactor.sole_source() != Some(key) {
        assert!(Instant::now() < end, "never the sole source");
        b.poll_once();
    }
}

/// A bench with one established connection read by `read_buffer_size`-byte reads, settled,
/// and the server's end of it.
fn established(read_buffer_size: usize) -> (Bench, ConnKey, TcpStream) {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let mut s = spec(&format!("tcp://{}", l.local_addr().unwrap()));
    s.read_buffer_size = read_buffer_size;
    let mut b = Bench::new();
    let key = b.reactor.connect(s);
    let (server, _) = l.accept().unwrap();
    b.connected(key);
    settle(&mut b, key);
    (b, key, server)
}

#[test]
fn ping_pong_under_a_host_loop_reads_directly_and_leaves_the_descriptor_quiet() {
    let (mut b, key, mut server) = established(65536);
    let echo = thread::spawn(move || {
        let mut buf = [0u8; 64];
        loop {
            match server.read(&mut buf) {
                Ok(0) | Err(_) => return,
                Ok(n) => server.write_all(&buf[..n]).unwrap(),
            }
        }
    });
    let fd = b.reactor.fd();
    let mut direct = 0;
    for i in 0..200 {
        let line = format!("ping {i}\n");
        assert_eq!(
            b.reactor.send(key, line.clone().into_bytes(), 1 << 20),
            Sent::Written
        );
        let want = b.data(key).len() + line.len();
        while b.data(key).len() < want {
            direct += usize::from(host_step(&mut b));
        }
        // Nothing left to read: the socket's entry, not harvested, must not keep the
        // descriptor readable (it asks for reads only while nothing waits to be written).
        assert!(!readable_within(fd, Duration::ZERO), "spins after {i}");
    }
    assert!(direct >= 200, "only {direct} steps read directly");
    let all: String = (0..200).map(|i| format!("ping {i}\n")).collect();
    assert_eq!(b.data(key), all.as_bytes());
    b.reactor.close(key, Duration::ZERO);
    drop(b);
    echo.join().unwrap();
}

#[test]
fn a_peer_close_behind_the_last_data_is_seen_by_the_next_step() {
    let (mut b, key, mut server) = established(65536);
    server.write_all(b"last words").unwrap();
    server.shutdown(Shutdown::Write).unwrap();
    // Both the bytes and the FIN are in the socket when it is read.
    thread::sleep(Duration::from_millis(50));
    assert!(host_step(&mut b), "the first step reads directly");
    assert_eq!(b.data(key), b"last words");
    // The short read does not say the FIN is there: the entry left in the ready list does.
    let end = Instant::now() + DEADLINE;
    while !saw(&b.seen, key, &ConnEvent::Closed) {
        assert!(Instant::now() < end, "the peer's close was never seen");
        host_step(&mut b);
    }
    assert_eq!(b.of(key).last(), Some(&&ConnEvent::Closed));
    assert!(!readable_within(b.reactor.fd(), Duration::ZERO));
    assert!(b.reactor.is_idle());
}

#[test]
fn a_reply_larger_than_a_read_round_arrives_whole_and_in_order() {
    const LEN: usize = 1 << 20;
    // 16 reads of 4 KiB a round: the reply takes many rounds, most of them read through
    // the backlog by full polls (the waker is written for it).
    let (mut b, key, mut server) = established(4096);
    let sender = thread::spawn(move || {
        server.write_all(&pattern(LEN)).unwrap();
        server
    });
    let mut direct = 0;
    while data_len(&b.seen, key) < LEN {
        direct += usize::from(host_step(&mut b));
    }
    assert!(direct > 0);
    assert_eq!(b.data(key), pattern(LEN));
    let _server = sender.join().unwrap();
    // The last round may have left the waker written (its budget used up): one more step.
    for _ in 0..2 {
        if readable_within(b.reactor.fd(), Duration::ZERO) {
            host_step(&mut b);
        }
    }
    assert!(!readable_within(b.reactor.fd(), Duration::ZERO));
    assert_eq!(b.reactor.sole_source(), Some(key));
}

#[test]
fn bytes_the_socket_refuses_after_a_direct_read_are_written_once_it_takes_them() {
    let (mut b, key, mut server) = established(65536);
    server.write_all(b"hello").unwrap();
    while b.data(key).is_empty() {
        assert!(host_step(&mut b));
    }
    // Writes until the socket refuses: the rest waits for writability.
    let chunk = pattern(256 * 1024);
    let mut sent = 0;
    loop {
        match b.reactor.send(key, chunk.clone(), 64 << 20) {
            Sent::Written => sent += chunk.len(),
            Sent::Partial(_) | Sent::Queued(_) => {
                sent += chunk.len();
                break;
            }
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(b.reactor.sole_source(), None, "bytes wait to be written");
    let reader = thread::spawn(move || {
        let mut got = 0;
        let mut buf = vec![0u8; 1 << 16];
        while got < sent {
            got += server.read(&mut buf).unwrap();
        }
        got
    });
    // Writability must wake the host loop, which the reads-only registration did not ask for.
    let end = Instant::now() + DEADLINE;
    while !saw(&b.seen, key, &ConnEvent::Drained) {
        assert!(Instant::now() < end, "never drained");
        host_step(&mut b);
    }
    assert_eq!(reader.join().unwrap(), sent);
    settle(&mut b, key);
}

#[test]
fn only_a_sole_plain_established_connection_is_read_directly() {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let target = format!("tcp://{}", l.local_addr().unwrap());
    let mut b = Bench::new();
    let key = b.connect(&target);
    assert_eq!(b.reactor.sole_source(), None, "connecting");
    let (_server, _) = l.accept().unwrap();
    b.connected(key);
    settle(&mut b, key);

    b.reactor.set_paused(key, true);
    assert_eq!(b.reactor.sole_source(), None, "paused");
    b.reactor.set_paused(key, false);
    assert_eq!(
        b.reactor.sole_source(),
        None,
        "resumed: its backlog and the waker"
    );
    settle(&mut b, key);

    b.reactor.wake();
    assert_eq!(b.reactor.sole_source(), None, "the waker was written");
    settle(&mut b, key);

    let timer = b.reactor.add_timer(Duration::from_millis(200));
    assert_eq!(b.reactor.sole_source(), Some(key), "a timer not yet due");
    thread::sleep(Duration::from_millis(220));
    assert_eq!(b.reactor.sole_source(), None, "a timer due");
    assert!(!host_step(&mut b));
    assert!(b.seen.contains(&Event::Timer(timer)));
    assert_eq!(b.reactor.sole_source(), Some(key));

    let other = b.connect(&target);
    assert_eq!(b.reactor.sole_source(), None, "two connections");
    let (_other_server, _) = l.accept().unwrap();
    b.connected(other);
    b.reactor.close(other, DEADLINE);
    b.poll_for(Duration::from_millis(50));
    assert_eq!(
        b.reactor.sole_source(),
        None,
        "one lingers until the peer's FIN"
    );
    drop(_other_server);
    settle(&mut b, key);

    // A host name is resolved by a thread, which writes the waker when it answers, even
    // for a connection closed meanwhile.
    let port = l.local_addr().unwrap().port();
    let named = b.connect(&format!("tcp://localhost:{port}"));
    b.reactor.close(named, Duration::ZERO);
    assert_eq!(b.reactor.sole_source(), None, "a lookup in flight");
    settle(&mut b, key);

    b.reactor.end(key);
    assert_eq!(b.reactor.sole_source(), None, "ending");
    b.reactor.close(key, Duration::ZERO);
    assert_eq!(b.reactor.sole_source(), None, "closed");
}

#[test]
fn the_sole_source_is_the_connection_left_when_the_one_before_it_is_gone() {
    let (mut b, first, first_server) = established(65536);
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let second = b.connect(&format!("tcp://{}", l.local_addr().unwrap()));
    let (mut second_server, _) = l.accept().unwrap();
    b.connected(second);
    assert_eq!(b.reactor.sole_source(), None, "two connections");
    // The first one ends: the peer closes, then its owner.
    first_server.shutdown(Shutdown::Both).unwrap();
    b.until("the first one closed", |seen| {
        saw(seen, first, &ConnEvent::Closed)
    });
    b.reactor.close(first, Duration::ZERO);
    settle(&mut b, second);
    second_server.write_all(b"still here").unwrap();
    while b.data(second).is_empty() {
        assert!(host_step(&mut b), "read directly");
    }
    assert_eq!(b.data(second), b"still here");
}
