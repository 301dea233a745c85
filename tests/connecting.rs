//! How a connect ends: the addresses it reports, each way it can fail, and the socket it made
//! (family, options, local binding). Every server is a loopback listener started by the test.

mod common;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::os::fd::{AsRawFd, RawFd};
use std::os::unix::net::UnixListener;
use std::time::{Duration, Instant};

use beyod_streamclient::core::{ConnEvent, Phase, SocketOptions, CODE_TIMED_OUT};
use common::{spec, Bench};
use socket2::{Domain, Socket, Type};

fn listener() -> (TcpListener, u16) {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    (l, port)
}

#[test]
fn connected_event_carries_peer_and_local_addresses() {
    let (l, port) = listener();
    let mut b = Bench::new();
    let key = b.connect(&format!("tcp://127.0.0.1:{port}"));
    let (accepted, _) = l.accept().unwrap();
    let (peer, local) = b.connected(key);
    assert_eq!(peer, format!("127.0.0.1:{port}"));
    assert_eq!(local, accepted.peer_addr().unwrap().to_string());
    assert_eq!(b.reactor.phase(key), Some(Phase::Established));
}

#[test]
fn refused_port_gives_connect_failed_with_econnrefused() {
    let port = {
        let (l, port) = listener();
        drop(l);
        port
    };
    let mut b = Bench::new();
    let key = b.connect(&format!("tcp://127.0.0.1:{port}"));
    let (code, errstr) = b.connect_failed(key);
    assert_eq!(code, libc::ECONNREFUSED);
    assert!(errstr.contains(&format!("127.0.0.1:{port}")), "{errstr}");
    assert_eq!(
        b.of(key).len(),
        1,
        "nothing after ConnectFailed: {:?}",
        b.of(key)
    );
    assert_eq!(b.reactor.connection_count(), 0);
}

/// Waits up to `d` for a non-blocking connect to complete.
fn connects_within(s: &Socket, d: Duration) -> bool {
    let mut p = libc::pollfd {
        fd: s.as_raw_fd(),
        events: libc::POLLOUT,
        revents: 0,
    };
    // SAFETY: one valid pollfd on the stack.
    let n = unsafe { libc::poll(&mut p, 1, d.as_millis() as i32) };
    n == 1 && s.take_error().ok().flatten().is_none() && s.peer_addr().is_ok()
}

/// A listener that never accepts, with its accept queue filled so further SYNs go unanswered.
/// `None` when the network stack answers anyway.
fn unanswering_listener() -> Option<(Socket, Vec<Socket>, SocketAddr)> {
    let l = Socket::new(Domain::IPV4, Type::STREAM, None).ok()?;
    l.bind(&"127.0.0.1:0".parse::<SocketAddr>().unwrap().into())
        .ok()?;
    l.listen(0).ok()?;
    let addr = l.local_addr().ok()?.as_socket()?;
    let mut fillers = Vec::new();
    for _ in 0..64 {
        let s = Socket::new(Domain::IPV4, Type::STREAM.nonblocking(), None).ok()?;
        let _ = s.connect(&addr.into());
        let answered = connects_within(&s, Duration::from_millis(200));
        fillers.push(s);
        if !answered {
            return Some((l, fillers, addr));
        }
    }
    None
}

#[test]
fn connect_timeout_gives_code_20() {
    let unanswering = unanswering_listener();
    let target = match &unanswering {
        Some((_, _, addr)) => format!("tcp://{addr}"),
        // A non-routable address: SYNs vanish, unless there is no route at all.
        None => "tcp://10.255.255.1:81".to_string(),
    };
    let mut b = Bench::new();
    let mut s = spec(&target);
    s.timeout = Some(Duration::from_millis(300));
    let started = Instant::now();
    let key = b.reactor.connect(s);
    let (code, errstr) = b.connect_failed(key);
    let took = started.elapsed();
    if unanswering.is_none() && code != CODE_TIMED_OUT {
        eprintln!("skipped: no unanswered address reachable here ({code} {errstr})");
        return;
    }
    assert_eq!(code, CODE_TIMED_OUT, "{errstr}");
    assert!(
        errstr.ends_with(" connect time out after 0.3 seconds"),
        "{errstr}"
    );
    assert!(
        took >= Duration::from_millis(290),
        "timed out early: {took:?}"
    );
    assert!(took < Duration::from_secs(2), "timed out late: {took:?}");
    assert_eq!(b.reactor.connection_count(), 0);
}

#[test]
fn connect_timeout_does_not_fire_once_connected() {
    let (l, port) = listener();
    let mut b = Bench::new();
    let mut s = spec(&format!("tcp://127.0.0.1:{port}"));
    s.timeout = Some(Duration::from_millis(100));
    let key = b.reactor.connect(s);
    let _accepted = l.accept().unwrap();
    b.connected(key);
    b.poll_for(Duration::from_millis(300));
    assert_eq!(b.of(key).len(), 1, "{:?}", b.of(key));
    assert_eq!(b.reactor.phase(key), Some(Phase::Established));
}

#[test]
fn localhost_is_resolved_off_thread() {
    // Listening on 127.0.0.1 only: when "localhost" resolves to ::1 first, that attempt is
    // refused and the reactor must go on to the next address.
    let (l, port) = listener();
    let mut b = Bench::new();
    let key = b.connect(&format!("tcp://localhost:{port}"));
    assert_eq!(
        b.reactor.phase(key),
        Some(Phase::Resolving),
        "connect() must not resolve inline"
    );
    let server = std::thread::spawn(move || l.accept().unwrap().0.peer_addr().unwrap());
    let (peer, local) = b.connected(key);
    assert_eq!(peer, format!("127.0.0.1:{port}"));
    assert_eq!(local, server.join().unwrap().to_string());
}

#[test]
fn unresolvable_name_gives_connect_failed() {
    let mut b = Bench::new();
    let key = b.connect("tcp://does-not-exist.invalid:80");
    let (code, errstr) = b.connect_failed(key);
    assert_ne!(code, CODE_TIMED_OUT, "{errstr}");
    assert!(errstr.contains("does-not-exist.invalid"), "{errstr}");
    assert_eq!(b.reactor.connection_count(), 0);
}

#[test]
fn unix_path_missing_gives_connect_failed_with_enoent() {
    let dir = common::temp_dir();
    let path = dir.join("nobody-listens.sock");
    let mut b = Bench::new();
    let key = b.connect(&format!("unix://{}", path.display()));
    let (code, errstr) = b.connect_failed(key);
    assert_eq!(code, libc::ENOENT);
    assert!(errstr.contains("nobody-listens.sock"), "{errstr}");
    assert_eq!(b.reactor.connection_count(), 0);
}

#[test]
fn unix_socket_round_trip() {
    let dir = common::temp_dir();
    let path = dir.join("echo.sock");
    let l = UnixListener::bind(&path).unwrap();
    let server = std::thread::spawn(move || {
        let (mut s, _) = l.accept().unwrap();
        let mut buf = [0u8; 4];
        s.read_exact(&mut buf).unwrap();
        s.write_all(b"pong").unwrap();
        buf
    });
    let mut b = Bench::new();
    let key = b.connect(&format!("unix://{}", path.display()));
    let (peer, _) = b.connected(key);
    assert_eq!(peer, path.display().to_string());
    b.reactor.send(key, b"ping".to_vec(), usize::MAX);
    b.until("pong", |seen| common::data_len(seen, key) >= 4);
    assert_eq!(b.data(key), b"pong");
    assert_eq!(&server.join().unwrap(), b"ping");
}

#[test]
fn ipv6_loopback() {
    let Ok(l) = TcpListener::bind("[::1]:0") else {
        eprintln!("skipped: [::1] cannot be bound here");
        return;
    };
    let port = l.local_addr().unwrap().port();
    let server = std::thread::spawn(move || {
        let (mut s, peer) = l.accept().unwrap();
        s.write_all(b"six").unwrap();
        peer
    });
    let mut b = Bench::new();
    let key = b.connect(&format!("tcp://[::1]:{port}"));
    let (peer, local) = b.connected(key);
    assert_eq!(peer, format!("[::1]:{port}"));
    assert_eq!(local, server.join().unwrap().to_string());
    b.until("data", |seen| common::data_len(seen, key) >= 3);
    assert_eq!(b.data(key), b"six");
}

fn sockopt(fd: RawFd, level: i32, name: i32) -> i32 {
    let mut v: libc::c_int = 0;
    let mut len = std::mem::size_of::<libc::c_int>() as libc::socklen_t;
    // SAFETY: an int-sized option read into an int on the stack.
    let r = unsafe {
        libc::getsockopt(
            fd,
            level,
            name,
            (&mut v as *mut libc::c_int).cast(),
            &mut len,
        )
    };
    assert_eq!(
        r,
        0,
        "getsockopt({level}, {name}): {}",
        std::io::Error::last_os_error()
    );
    v
}

fn linger_of(fd: RawFd) -> libc::linger {
    let mut v = libc::linger {
        l_onoff: 0,
        l_linger: 0,
    };
    let mut len = std::mem::size_of::<libc::linger>() as libc::socklen_t;
    // SAFETY: a struct linger read into one on the stack.
    let r = unsafe {
        libc::getsockopt(
            fd,
            libc::SOL_SOCKET,
            libc::SO_LINGER,
            (&mut v as *mut libc::linger).cast(),
            &mut len,
        )
    };
    assert_eq!(r, 0);
    v
}

/// A local address other than the kernel's default choice, so binding is observable.
fn bind_address() -> SocketAddr {
    match TcpListener::bind("127.0.0.2:0") {
        Ok(_) => "127.0.0.2:0".parse().unwrap(),
        Err(_) => {
            // No 127.0.0.2 here: a fixed, currently free port on 127.0.0.1 instead.
            let (l, port) = listener();
            drop(l);
            SocketAddr::from(([127, 0, 0, 1], port))
        }
    }
}

#[test]
fn socket_options_are_applied_to_the_tcp_socket() {
    let (l, port) = listener();
    let bind_to = bind_address();
    let mut b = Bench::new();
    let mut s = spec(&format!("tcp://127.0.0.1:{port}"));
    s.options = SocketOptions {
        reuse_address: Some(true),
        keepalive: Some(true),
        linger: Some(Some(Duration::from_secs(3))),
        send_buffer_size: Some(200_000),
        recv_buffer_size: Some(150_000),
        nodelay: Some(true),
        bind_to: Some(bind_to),
        keepalive_idle: Some(Duration::from_secs(30)),
        keepalive_interval: Some(Duration::from_secs(5)),
        keepalive_count: Some(4),
    };
    let key = b.reactor.connect(s);
    let (_accepted, client_addr) = l.accept().unwrap();
    let (_, local) = b.connected(key);
    let fd = b
        .reactor
        .socket_fd(key)
        .expect("an established connection has a socket");

    assert_eq!(
        sockopt(fd, libc::IPPROTO_TCP, libc::TCP_NODELAY),
        1,
        "TCP_NODELAY"
    );
    assert_eq!(
        sockopt(fd, libc::SOL_SOCKET, libc::SO_KEEPALIVE),
        1,
        "SO_KEEPALIVE"
    );
    assert_eq!(
        sockopt(fd, libc::SOL_SOCKET, libc::SO_REUSEADDR),
        1,
        "SO_REUSEADDR"
    );
    // Linux doubles the requested sizes for bookkeeping; either way they are at least that.
    assert!(
        sockopt(fd, libc::SOL_SOCKET, libc::SO_SNDBUF) >= 200_000,
        "SO_SNDBUF"
    );
    assert!(
        sockopt(fd, libc::SOL_SOCKET, libc::SO_RCVBUF) >= 150_000,
        "SO_RCVBUF"
    );
    let linger = linger_of(fd);
    assert_eq!((linger.l_onoff, linger.l_linger), (1, 3), "SO_LINGER");
    assert_eq!(
        sockopt(fd, libc::IPPROTO_TCP, libc::TCP_KEEPIDLE),
        30,
        "TCP_KEEPIDLE"
    );
    assert_eq!(
        sockopt(fd, libc::IPPROTO_TCP, libc::TCP_KEEPINTVL),
        5,
        "TCP_KEEPINTVL"
    );
    assert_eq!(
        sockopt(fd, libc::IPPROTO_TCP, libc::TCP_KEEPCNT),
        4,
        "TCP_KEEPCNT"
    );

    assert_eq!(client_addr.ip(), bind_to.ip(), "bindto");
    if bind_to.port() != 0 {
        assert_eq!(client_addr.port(), bind_to.port(), "bindto port");
    }
    assert_eq!(local, client_addr.to_string());
}

#[test]
fn unset_socket_options_leave_system_defaults() {
    let (l, port) = listener();
    let mut b = Bench::new();
    let key = b.connect(&format!("tcp://127.0.0.1:{port}"));
    let _accepted = l.accept().unwrap();
    b.connected(key);
    let fd = b.reactor.socket_fd(key).unwrap();
    assert_eq!(sockopt(fd, libc::IPPROTO_TCP, libc::TCP_NODELAY), 0);
    assert_eq!(sockopt(fd, libc::SOL_SOCKET, libc::SO_KEEPALIVE), 0);
}

#[test]
fn buffer_sizes_apply_to_unix_sockets_and_tcp_options_are_skipped() {
    let dir = common::temp_dir();
    let path = dir.join("opts.sock");
    let l = UnixListener::bind(&path).unwrap();
    let mut b = Bench::new();
    let mut s = spec(&format!("unix://{}", path.display()));
    s.options = SocketOptions {
        send_buffer_size: Some(300_000),
        nodelay: Some(true),
        keepalive: Some(true),
        ..SocketOptions::default()
    };
    let key = b.reactor.connect(s);
    let _accepted = l.accept().unwrap();
    b.connected(key);
    let fd = b.reactor.socket_fd(key).unwrap();
    assert!(
        sockopt(fd, libc::SOL_SOCKET, libc::SO_SNDBUF) >= 300_000,
        "SO_SNDBUF"
    );
}

#[test]
fn concurrent_connects_each_settle_exactly_once() {
    // A mix of outcomes at once; each connection gets exactly one of Connected/ConnectFailed.
    let (l, port) = listener();
    let refused = {
        let (l, port) = listener();
        drop(l);
        port
    };
    let mut b = Bench::new();
    let keys = [
        b.connect(&format!("tcp://127.0.0.1:{port}")),
        b.connect(&format!("tcp://127.0.0.1:{refused}")),
        b.connect(&format!("tcp://localhost:{port}")),
        b.connect("unix:///nonexistent/dir/x.sock"),
        b.connect(&format!("tcp://127.0.0.1:{port}")),
    ];
    let server = std::thread::spawn(move || {
        (0..3)
            .map(|_| l.accept().unwrap().0)
            .collect::<Vec<TcpStream>>()
    });
    b.until("every connect settled", |seen| {
        keys.iter().all(|k| common::settled(seen, *k))
    });
    let _streams = server.join().unwrap();
    b.poll_for(Duration::from_millis(100));
    let outcomes: Vec<&str> = keys
        .iter()
        .map(|k| match b.of(*k).as_slice() {
            [ConnEvent::Connected { .. }] => "connected",
            [ConnEvent::ConnectFailed { .. }] => "failed",
            other => panic!("{k:?}: {other:?}"),
        })
        .collect();
    assert_eq!(
        outcomes,
        ["connected", "failed", "connected", "failed", "connected"]
    );
    assert_eq!(b.reactor.connection_count(), 3);
}

/// The original's errstr texts: the OS's message alone, and Yii's plural of seconds.
#[test]
fn errstr_texts_are_the_originals() {
    use beyod_streamclient::core::reactor::{os_message, seconds_phrase};
    let e = std::io::Error::from_raw_os_error(libc::ECONNREFUSED);
    assert_eq!(os_message(&e), "Connection refused");
    let e = std::io::Error::from_raw_os_error(libc::ENOENT);
    assert_eq!(os_message(&e), "No such file or directory");
    assert_eq!(
        os_message(&std::io::Error::other("no address")),
        "no address"
    );
    for (secs, text) in [
        (1.0, "1 second"),
        (2.0, "2 seconds"),
        (0.5, "0.5 seconds"),
        (1.5, "1.5 seconds"),
        (30.0, "30 seconds"),
        (1000.0, "1,000 seconds"),
        (1234.5, "1,234.5 seconds"),
        (0.001, "0.001 seconds"),
        (0.25, "0.25 seconds"),
    ] {
        assert_eq!(seconds_phrase(secs), text);
    }
}
