//! The bench's loopback server: one mio thread, fast enough that the client under test is
//! always the bottleneck.
//!
//! ```text
//! bench-server echo                 echo every byte back (line ping-pong, pipelined lines, idle conns)
//! bench-server bulk --bytes N       send N bytes of the bulk stream to each connection, then close
//! bench-server sink                 read to EOF; print "BYTES CRC32" for each connection
//! ```
//! Prints its port first (`PORT` or, for bulk, `PORT CRC32`), then serves until stdin reaches
//! EOF or `--max-seconds` (default 600) pass.

use bench_baseline::{flag, pattern_twice, stream_crc, stream_slice, watchdog};
use mio::net::{TcpListener, TcpStream};
use mio::{Events, Interest, Poll, Token};
use std::collections::HashMap;
use std::io::{self, Read, Write};
use std::net::SocketAddr;

const LISTENER: Token = Token(usize::MAX);
/// Echo stops reading a connection while this much is waiting to be written back.
const ECHO_HIGH_WATER: usize = 4 << 20;
const BULK_WRITE: usize = 1 << 20;

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Echo,
    Bulk(u64),
    Sink,
}

struct Conn {
    stream: TcpStream,
    out: Vec<u8>,
    out_pos: usize,
    done: u64,
    crc: crc32fast::Hasher,
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let mode = match args.get(1).map(String::as_str) {
        Some("echo") => Mode::Echo,
        Some("bulk") => Mode::Bulk(flag(&args, "--bytes", 1u64 << 30)),
        Some("sink") => Mode::Sink,
        _ => {
            eprintln!("usage: bench-server echo|bulk --bytes N|sink [--max-seconds S]");
            std::process::exit(64);
        }
    };
    watchdog(flag(&args, "--max-seconds", 600), true);

    let pattern2 = pattern_twice();
    let listener = listen().expect("listen on 127.0.0.1");
    let port = listener.local_addr().unwrap().port();
    match mode {
        Mode::Bulk(total) => println!("{port} {}", stream_crc(&pattern2, total)),
        _ => println!("{port}"),
    }

    let mut poll = Poll::new().unwrap();
    let mut listener = TcpListener::from_std(listener);
    poll.registry()
        .register(&mut listener, LISTENER, Interest::READABLE)
        .unwrap();
    let mut conns: HashMap<Token, Conn> = HashMap::new();
    let mut next = 0usize;
    let mut events = Events::with_capacity(1024);
    let mut buf = vec![0u8; 256 * 1024];
    loop {
        if let Err(e) = poll.poll(&mut events, None) {
            if e.kind() == io::ErrorKind::Interrupted {
                continue;
            }
            panic!("poll: {e}");
        }
        for ev in events.iter() {
            if ev.token() == LISTENER {
                loop {
                    match listener.accept() {
                        Ok((mut stream, _)) => {
                            let _ = stream.set_nodelay(true);
                            let token = Token(next);
                            next += 1;
                            poll.registry()
                                .register(&mut stream, token, Interest::READABLE | Interest::WRITABLE)
                                .unwrap();
                            let conn = Conn {
                                stream,
                                out: Vec::new(),
                                out_pos: 0,
                                done: 0,
                                crc: crc32fast::Hasher::new(),
                            };
                            conns.insert(token, conn);
                            serve(mode, &mut conns, token, &mut buf, &pattern2);
                        }
                        Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
                        Err(e) => {
                            eprintln!("accept: {e}");
                            break;
                        }
                    }
                }
            } else {
                serve(mode, &mut conns, ev.token(), &mut buf, &pattern2);
            }
        }
    }
}

fn listen() -> io::Result<std::net::TcpListener> {
    use socket2::{Domain, Socket, Type};
    let s = Socket::new(Domain::IPV4, Type::STREAM, None)?;
    s.set_reuse_address(true)?;
    s.bind(&"127.0.0.1:0".parse::<SocketAddr>().unwrap().into())?;
    s.listen(16384)?;
    s.set_nonblocking(true)?;
    Ok(s.into())
}

/// Does all the work a connection can do now (edge-triggered: until a read or a write would
/// block), and drops it when it is finished.
fn serve(mode: Mode, conns: &mut HashMap<Token, Conn>, token: Token, buf: &mut [u8], pattern2: &[u8]) {
    let Some(c) = conns.get_mut(&token) else { return };
    let finished = match mode {
        Mode::Echo => echo(c, buf),
        Mode::Bulk(total) => bulk(c, total, pattern2),
        Mode::Sink => sink(c, buf),
    };
    if finished {
        conns.remove(&token);
    }
}

fn echo(c: &mut Conn, buf: &mut [u8]) -> bool {
    loop {
        while c.out_pos < c.out.len() {
            match c.stream.write(&c.out[c.out_pos..]) {
                Ok(n) => c.out_pos += n,
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(_) => return true,
            }
        }
        if c.out_pos == c.out.len() {
            c.out.clear();
            c.out_pos = 0;
        }
        if c.out.len() - c.out_pos >= ECHO_HIGH_WATER {
            return false; // the writable edge resumes us
        }
        match c.stream.read(buf) {
            Ok(0) => return true,
            Ok(n) => {
                if c.out.is_empty() {
                    // The common case (ping-pong): answer straight from the read buffer.
                    match c.stream.write(&buf[..n]) {
                        Ok(w) if w == n => continue,
                        Ok(w) => c.out.extend_from_slice(&buf[w..n]),
                        Err(e) if e.kind() == io::ErrorKind::WouldBlock => c.out.extend_from_slice(&buf[..n]),
                        Err(_) => return true,
                    }
                } else {
                    c.out.extend_from_slice(&buf[..n]);
                }
            }
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => return false,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => return true,
        }
    }
}

fn bulk(c: &mut Conn, total: u64, pattern2: &[u8]) -> bool {
    while c.done < total {
        let n = (total - c.done).min(BULK_WRITE as u64) as usize;
        match c.stream.write(stream_slice(pattern2, c.done, n)) {
            Ok(w) => c.done += w as u64,
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => return false,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => {
                eprintln!("bulk write after {} bytes: {e}", c.done);
                return true;
            }
        }
    }
    let _ = c.stream.shutdown(std::net::Shutdown::Write);
    true
}

fn sink(c: &mut Conn, buf: &mut [u8]) -> bool {
    loop {
        match c.stream.read(buf) {
            Ok(0) => {
                let crc = std::mem::take(&mut c.crc).finalize();
                let mut out = io::stdout().lock();
                let _ = writeln!(out, "{} {crc}", c.done);
                let _ = out.flush();
                return true;
            }
            Ok(n) => {
                c.done += n as u64;
                c.crc.update(&buf[..n]);
            }
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => return false,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => {
                eprintln!("sink read: {e}");
                return true;
            }
        }
    }
}
