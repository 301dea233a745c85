//! The reactor inside a host loop: application timers, and the epoll descriptor that turns
//! readable exactly when `poll()` has work (a due timer, I/O, a resolver answer) and not after
//! that work is done, so a host loop neither misses events nor spins.

mod common;

use std::io::Write;
use std::net::TcpListener;
use std::time::{Duration, Instant};

use beyod_streamclient::core::{ConnEvent, Event, Reactor};
use common::{pattern, readable_within, Bench, DEADLINE};

fn timers_fired(r: &mut Reactor) -> Vec<u64> {
    let mut ids = Vec::new();
    while let Some(ev) = r.next_event() {
        match ev {
            Event::Timer(id) => ids.push(id),
            other => panic!("unexpected {other:?}"),
        }
    }
    ids
}

#[test]
fn user_timer_fires_and_cancel_prevents_it() {
    let mut r = Reactor::new().unwrap();
    let started = Instant::now();
    let kept = r.add_timer(Duration::from_millis(60));
    let cancelled = r.add_timer(Duration::from_millis(30));
    assert!(r.cancel_timer(cancelled));
    assert!(!r.cancel_timer(cancelled), "a second cancel finds nothing");
    let mut fired = Vec::new();
    while started.elapsed() < Duration::from_millis(300) {
        r.poll(Some(Duration::from_millis(50))).unwrap();
        for id in timers_fired(&mut r) {
            fired.push((id, started.elapsed()));
        }
    }
    assert_eq!(fired.len(), 1, "{fired:?}");
    assert_eq!(fired[0].0, kept);
    assert!(
        fired[0].1 >= Duration::from_millis(60),
        "fired early: {:?}",
        fired[0].1
    );
    assert!(!r.cancel_timer(kept), "a fired timer is gone");
    assert!(r.is_idle());
}

#[test]
fn timers_fire_in_deadline_order() {
    let mut r = Reactor::new().unwrap();
    let c = r.add_timer(Duration::from_millis(90));
    let a = r.add_timer(Duration::from_millis(10));
    let b = r.add_timer(Duration::from_millis(50));
    let end = Instant::now() + DEADLINE;
    let mut fired = Vec::new();
    while fired.len() < 3 {
        assert!(Instant::now() < end);
        r.poll(Some(Duration::from_millis(50))).unwrap();
        fired.extend(timers_fired(&mut r));
    }
    assert_eq!(fired, [a, b, c]);
}

#[test]
fn a_due_timer_cancelled_before_it_is_delivered_does_not_fire() {
    // Two timers due in the same tick; the first one's handler cancels the second.
    let mut r = Reactor::new().unwrap();
    let first = r.add_timer(Duration::from_millis(20));
    let second = r.add_timer(Duration::from_millis(20));
    std::thread::sleep(Duration::from_millis(40));
    r.poll(Some(Duration::ZERO)).unwrap();
    assert_eq!(r.next_event(), Some(Event::Timer(first)));
    assert!(r.cancel_timer(second));
    assert_eq!(r.next_event(), None);
}

#[test]
fn poll_waits_no_longer_than_the_next_timer() {
    let mut r = Reactor::new().unwrap();
    let id = r.add_timer(Duration::from_millis(100));
    let started = Instant::now();
    r.poll(Some(Duration::from_secs(3))).unwrap();
    let took = started.elapsed();
    assert_eq!(r.next_event(), Some(Event::Timer(id)));
    assert!(
        took >= Duration::from_millis(100) && took < Duration::from_secs(1),
        "{took:?}"
    );
}

#[test]
fn epoll_fd_becomes_readable_when_timer_due() {
    let mut r = Reactor::new().unwrap();
    let fd = r.fd();
    assert!(!readable_within(fd, Duration::ZERO), "nothing to do yet");
    let started = Instant::now();
    let id = r.add_timer(Duration::from_millis(150));
    assert!(
        readable_within(fd, Duration::from_secs(2)),
        "never readable"
    );
    let took = started.elapsed();
    assert!(
        took >= Duration::from_millis(140),
        "readable early: {took:?}"
    );
    assert!(
        took < Duration::from_millis(1000),
        "readable late: {took:?}"
    );

    r.poll(Some(Duration::ZERO)).unwrap();
    assert_eq!(r.next_event(), Some(Event::Timer(id)));
    assert!(
        !readable_within(fd, Duration::ZERO),
        "still readable after the timer was handled"
    );
    assert!(
        !readable_within(fd, Duration::from_millis(200)),
        "readable again with nothing to do"
    );
}

#[test]
fn epoll_fd_tracks_the_earliest_of_several_timers() {
    let mut r = Reactor::new().unwrap();
    let fd = r.fd();
    let late = r.add_timer(Duration::from_millis(400));
    let early = r.add_timer(Duration::from_millis(100));
    let started = Instant::now();
    assert!(readable_within(fd, Duration::from_secs(2)));
    assert!(
        started.elapsed() < Duration::from_millis(350),
        "armed for the later timer"
    );
    r.poll(Some(Duration::ZERO)).unwrap();
    assert_eq!(r.next_event(), Some(Event::Timer(early)));
    assert!(!readable_within(fd, Duration::ZERO));

    // Cancelling the only remaining timer leaves nothing to wake up for.
    assert!(r.cancel_timer(late));
    assert!(
        !readable_within(fd, Duration::from_millis(500)),
        "woke for a cancelled timer"
    );
    r.poll(Some(Duration::ZERO)).unwrap();
    assert_eq!(r.next_event(), None);
}

#[test]
fn epoll_fd_becomes_readable_when_the_resolver_answers() {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    let mut b = Bench::new();
    let key = b.connect(&format!("tcp://localhost:{port}"));
    let fd = b.reactor.fd();
    // Only the resolver thread can make the fd readable now.
    assert!(
        readable_within(fd, DEADLINE),
        "the resolver's answer did not wake the fd"
    );
    b.until("Connected", |seen| common::settled(seen, key));
    assert!(matches!(b.of(key)[..], [ConnEvent::Connected { .. }]));
}

#[test]
fn host_loop_driven_by_fd_readiness_alone_gets_every_byte() {
    // A host loop calls poll() only when the fd is readable. A burst larger than one round's
    // read budget must keep the fd readable until all of it is delivered.
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = l.local_addr().unwrap();
    let payload = pattern(4 << 20);
    let sent = payload.clone();
    let server = std::thread::spawn(move || {
        let (mut s, _) = l.accept().unwrap();
        s.write_all(&sent).unwrap();
        s
    });
    let mut b = Bench::new();
    let mut s = common::spec(&format!("tcp://{addr}"));
    s.read_buffer_size = 4096;
    let key = b.reactor.connect(s);
    let fd = b.reactor.fd();
    let end = Instant::now() + DEADLINE;
    while common::data_len(&b.seen, key) < payload.len() {
        assert!(
            Instant::now() < end,
            "stalled at {} bytes",
            common::data_len(&b.seen, key)
        );
        if readable_within(fd, Duration::from_millis(100)) {
            b.reactor.poll(Some(Duration::ZERO)).unwrap();
            b.take_events();
        }
    }
    assert!(b.data(key) == payload);
    let _s = server.join().unwrap();
    // Everything read: the fd settles down.
    b.reactor.poll(Some(Duration::ZERO)).unwrap();
    b.take_events();
    assert!(
        !readable_within(fd, Duration::from_millis(200)),
        "readable with nothing to do"
    );
}

#[test]
fn resume_makes_the_epoll_fd_readable() {
    // Data that arrived while paused raises no new readiness: resuming must wake the loop.
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = l.local_addr().unwrap();
    let mut b = Bench::new();
    let key = b.connect(&format!("tcp://{addr}"));
    let (mut s, _) = l.accept().unwrap();
    b.connected(key);
    b.reactor.set_paused(key, true);
    s.write_all(b"held").unwrap();
    b.poll_for(Duration::from_millis(200));
    let fd = b.reactor.fd();
    assert!(
        !readable_within(fd, Duration::from_millis(100)),
        "paused data keeps waking the loop"
    );
    b.reactor.set_paused(key, false);
    assert!(
        readable_within(fd, Duration::ZERO),
        "resume did not wake the loop"
    );
    b.reactor.poll(Some(Duration::ZERO)).unwrap();
    b.take_events();
    assert_eq!(b.data(key), b"held");
}
