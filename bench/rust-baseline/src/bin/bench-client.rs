//! The Rust baselines: the socket work of a bench workload without PHP, the way the extension
//! does it (non-blocking sockets, an epoll loop, reads of `read_buffer_size` bytes).
//!
//! ```text
//! bench-client bulk  ADDR           receive to EOF, CRC-32 every byte (workload 4's ceiling)
//! bench-client proxy SRC DST        forward SRC -> DST until SRC's EOF, with backpressure (workload 5)
//! ```
//! Options: `--read-size N` (65536), `--max-seconds S` (300). Prints one JSON line:
//! `{"ok":true,"bytes":…,"crc":…,"seconds":…,"cpu":…}` (cpu: user + system seconds of the transfer).

use bench_baseline::{cpu_seconds, flag, watchdog};
use mio::net::TcpStream;
use mio::{Events, Interest, Poll, Token};
use std::io::{self, Read, Write};
use std::time::Instant;

const SRC: Token = Token(0);
const DST: Token = Token(1);

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let read_size: usize = flag(&args, "--read-size", 65536);
    watchdog(flag(&args, "--max-seconds", 300), false);
    let result = match (args.get(1).map(String::as_str), args.get(2), args.get(3)) {
        (Some("bulk"), Some(addr), _) => bulk(addr, read_size),
        (Some("proxy"), Some(src), Some(dst)) => proxy(src, dst, read_size),
        _ => {
            eprintln!("usage: bench-client bulk ADDR | proxy SRC DST [--read-size N] [--max-seconds S]");
            std::process::exit(64);
        }
    };
    match result {
        Ok(line) => println!("{line}"),
        Err(e) => {
            println!("{{\"ok\":false,\"error\":{:?}}}", e.to_string());
            std::process::exit(1);
        }
    }
}

fn connect(addr: &str) -> io::Result<TcpStream> {
    let s = std::net::TcpStream::connect(addr)?;
    s.set_nodelay(true)?;
    s.set_nonblocking(true)?;
    Ok(TcpStream::from_std(s))
}

fn bulk(addr: &str, read_size: usize) -> io::Result<String> {
    let t0 = Instant::now();
    let cpu0 = cpu_seconds();
    let mut poll = Poll::new()?;
    let mut s = connect(addr)?;
    poll.registry().register(&mut s, SRC, Interest::READABLE)?;
    let mut events = Events::with_capacity(16);
    let mut buf = vec![0u8; read_size];
    let mut crc = crc32fast::Hasher::new();
    let mut bytes = 0u64;
    'run: loop {
        poll.poll(&mut events, None)?;
        loop {
            match s.read(&mut buf) {
                Ok(0) => break 'run,
                Ok(n) => {
                    bytes += n as u64;
                    crc.update(&buf[..n]);
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }
    let secs = t0.elapsed().as_secs_f64();
    let cpu = cpu_seconds() - cpu0;
    Ok(format!(
        "{{\"ok\":true,\"bytes\":{bytes},\"crc\":{},\"seconds\":{secs},\"cpu\":{cpu}}}",
        crc.finalize()
    ))
}

fn proxy(src_addr: &str, dst_addr: &str, read_size: usize) -> io::Result<String> {
    let t0 = Instant::now();
    let cpu0 = cpu_seconds();
    let mut poll = Poll::new()?;
    let mut src = connect(src_addr)?;
    let mut dst = connect(dst_addr)?;
    poll.registry().register(&mut src, SRC, Interest::READABLE)?;
    poll.registry().register(&mut dst, DST, Interest::WRITABLE)?;
    let mut events = Events::with_capacity(16);
    let mut buf = vec![0u8; read_size];
    let mut pending: Vec<u8> = Vec::new();
    let mut pos = 0usize;
    let mut bytes = 0u64;
    let mut src_eof = false;
    loop {
        // Edge-triggered: work until a read or a write would block, then wait for its edge.
        loop {
            while pos < pending.len() {
                match dst.write(&pending[pos..]) {
                    Ok(n) => pos += n,
                    Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => return Err(e),
                }
            }
            if pos < pending.len() {
                break; // backpressure: stop reading until DST is writable
            }
            pending.clear();
            pos = 0;
            if src_eof {
                dst.shutdown(std::net::Shutdown::Write)?;
                let secs = t0.elapsed().as_secs_f64();
                let cpu = cpu_seconds() - cpu0;
                return Ok(format!("{{\"ok\":true,\"bytes\":{bytes},\"seconds\":{secs},\"cpu\":{cpu}}}"));
            }
            match src.read(&mut buf) {
                Ok(0) => src_eof = true,
                Ok(n) => {
                    bytes += n as u64;
                    match dst.write(&buf[..n]) {
                        Ok(w) => pending.extend_from_slice(&buf[w..n]),
                        Err(e) if e.kind() == io::ErrorKind::WouldBlock => pending.extend_from_slice(&buf[..n]),
                        Err(e) => return Err(e),
                    }
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        poll.poll(&mut events, None)?;
    }
}
