//! What one `epoll_wait` with a zero timeout costs on this machine: the system call the
//! extension adds to a round trip under a host loop (its reactor's `Loop::tick(0)` after the
//! host loop reported the reactor's descriptor readable). Prints one JSON line:
//!   ready_ns  — epoll_wait(ep, .., 0) returning the one ready socket (a connected TCP socket
//!               with unread bytes, level-triggered: ready on every call), as in that round trip;
//!   empty_ns  — the same call with nothing ready;
//!   nested_ready_ns — as ready_ns, with that epoll descriptor itself watched by an outer epoll
//!               (how the host loop watches the reactor), level-triggered.
//! Usage: epoll-cost [iterations]   (default 2,000,000; the median of 5 batches is printed)
use std::io::Write;
use std::net::{TcpListener, TcpStream};
use std::os::fd::AsRawFd;
use std::time::Instant;

fn epoll_add(ep: i32, fd: i32) {
    let mut ev = libc::epoll_event { events: libc::EPOLLIN as u32, u64: fd as u64 };
    let r = unsafe { libc::epoll_ctl(ep, libc::EPOLL_CTL_ADD, fd, &mut ev) };
    assert_eq!(r, 0, "epoll_ctl");
}

fn per_call(ep: i32, n: u64, want: i32) -> f64 {
    let mut evs = [libc::epoll_event { events: 0, u64: 0 }; 64];
    let mut batches = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        for _ in 0..n / 5 {
            let r = unsafe { libc::epoll_wait(ep, evs.as_mut_ptr(), 64, 0) };
            assert_eq!(r, want, "epoll_wait returned {r}, expected {want}");
        }
        batches.push(t.elapsed().as_nanos() as f64 / (n / 5) as f64);
    }
    batches.sort_by(|a, b| a.partial_cmp(b).unwrap());
    batches[2]
}

fn main() {
    let n: u64 = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(2_000_000);
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let mut a = TcpStream::connect(l.local_addr().unwrap()).unwrap();
    let (b, _) = l.accept().unwrap();
    a.write_all(b"ping 0\r\n").unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let (empty_ep, ready_ep, outer) = unsafe { (libc::epoll_create1(0), libc::epoll_create1(0), libc::epoll_create1(0)) };
    epoll_add(ready_ep, b.as_raw_fd());
    let ready = per_call(ready_ep, n, 1);
    let empty = per_call(empty_ep, n, 0);
    epoll_add(outer, ready_ep);
    let nested = per_call(ready_ep, n, 1);
    println!("{{\"ok\":true,\"ready_ns\":{ready:.1},\"empty_ns\":{empty:.1},\"nested_ready_ns\":{nested:.1},\"iterations\":{n}}}");
}
