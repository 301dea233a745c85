//! Host names resolved off the PHP thread: a small pool of threads runs the system resolver
//! (`getaddrinfo`, so /etc/hosts and nsswitch apply) and wakes the reactor with the answer.
//! IP literals never leave the calling thread.
//!
//! The pool is bounded, because a lookup cannot be interrupted: with a black-holed DNS server
//! each `getaddrinfo` waits out the resolver's own timeouts, and a thread per lookup would pile
//! up threads under a reconnect storm. At most [`MAX_THREADS`] lookups run at once and at most
//! [`MAX_QUEUED`] wait; a lookup carries the connect's deadline, and one that is still queued
//! at its deadline is never started, one that ends after it is dropped (the reactor has
//! already reported the connect as timed out). Idle threads end after [`IDLE`].
//!
//! Threads do not survive `fork()`: the pool belongs to the process that made it (by pid), and
//! a forked child makes its own on its first lookup, never waiting on nor receiving its
//! parent's lookups (whose lock a parent thread may have held at the fork).

use std::collections::VecDeque;
use std::io;
use std::net::{IpAddr, SocketAddr, ToSocketAddrs};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// What a lookup wakes when it has answered, and tells when it ends (answered or not).
pub trait Wake: Send + Sync {
    fn wake(&self);
    /// The lookup is over: it writes nothing more (called last, after any `wake`).
    fn lookup_ended(&self) {}
}

impl Wake for mio::Waker {
    fn wake(&self) {
        let _ = mio::Waker::wake(self);
    }
}

/// Lookups running at once, per process.
pub const MAX_THREADS: usize = 4;
/// Lookups waiting for a thread, per process; one more is refused (the connect fails).
pub const MAX_QUEUED: usize = 1024;
/// A thread with nothing to do for this long ends.
pub const IDLE: Duration = Duration::from_secs(10);

/// A finished lookup: who asked (opaque to the resolver) and what came back.
pub struct Answer<K> {
    pub asker: K,
    pub result: io::Result<Vec<SocketAddr>>,
}

/// The address when `host` is an IP literal, so no lookup is needed.
pub fn literal(host: &str, port: u16) -> Option<SocketAddr> {
    host.parse::<IpAddr>()
        .ok()
        .map(|ip| SocketAddr::new(ip, port))
}

/// Starts a lookup on this process's pool; the answer arrives on `tx` (unless `deadline`
/// passes first), and `waker` makes the reactor's poll return. `Err`: the pool is full or no
/// thread could be started.
pub fn spawn<K: Send + 'static>(
    host: String,
    port: u16,
    asker: K,
    deadline: Option<Instant>,
    tx: Sender<Answer<K>>,
    waker: Arc<dyn Wake>,
) -> io::Result<()> {
    let lookup = Lookup {
        host,
        port,
        asker,
        deadline,
        tx,
        waker: LookupWaker(waker),
    };
    Pool::of_this_process().submit(Box::new(move || lookup.run(system_lookup)))
}

/// `getaddrinfo`, with errors that name the host.
fn system_lookup(host: &str, port: u16) -> io::Result<Vec<SocketAddr>> {
    match (host, port)
        .to_socket_addrs()
        .map(|a| a.collect::<Vec<_>>())
    {
        Ok(v) if v.is_empty() => Err(io::Error::new(
            io::ErrorKind::NotFound,
            format!("{host}: no address found"),
        )),
        Ok(v) => Ok(v),
        Err(e) => Err(io::Error::new(
            e.kind(),
            format!("cannot resolve {host}: {e}"),
        )),
    }
}

/// One lookup and where its answer goes.
struct Lookup<K> {
    host: String,
    port: u16,
    asker: K,
    deadline: Option<Instant>,
    tx: Sender<Answer<K>>,
    waker: LookupWaker,
}

/// A lookup's waker: dropped with the lookup, run or not (a queued lookup dropped with its
/// pool), which tells the waker that the lookup has ended.
struct LookupWaker(Arc<dyn Wake>);

impl Drop for LookupWaker {
    fn drop(&mut self) {
        self.0.lookup_ended();
    }
}

impl<K> Lookup<K> {
    fn expired(&self) -> bool {
        self.deadline.is_some_and(|d| Instant::now() >= d)
    }

    /// Resolves with `resolve` and sends the answer, unless the deadline passed before it
    /// started or before it ended (nobody waits for it then).
    fn run(self, resolve: impl FnOnce(&str, u16) -> io::Result<Vec<SocketAddr>>) {
        if self.expired() {
            return;
        }
        let result = resolve(&self.host, self.port);
        if self.expired() {
            return;
        }
        // The reactor may be gone (request shutdown): nobody is waiting then.
        if self
            .tx
            .send(Answer {
                asker: self.asker,
                result,
            })
            .is_ok()
        {
            self.waker.0.wake();
        }
    }
}

type Job = Box<dyn FnOnce() + Send>;

/// A bounded set of threads taking jobs from a queue.
pub struct Pool {
    pid: u32,
    max_threads: usize,
    max_queued: usize,
    idle: Duration,
    shared: Arc<Shared>,
}

struct Shared {
    state: Mutex<State>,
    work: Condvar,
}

#[derive(Default)]
struct State {
    queue: VecDeque<Job>,
    /// Threads started and not ended.
    threads: usize,
    /// Of those, the ones waiting for a job.
    waiting: usize,
}

/// This process's pool (made on first use, and again in a forked child).
static POOL: Mutex<Option<Arc<Pool>>> = Mutex::new(None);

impl Pool {
    pub fn new(max_threads: usize, max_queued: usize, idle: Duration) -> Self {
        Pool {
            pid: std::process::id(),
            max_threads: max_threads.max(1),
            max_queued,
            idle,
            shared: Arc::new(Shared {
                state: Mutex::new(State::default()),
                work: Condvar::new(),
            }),
        }
    }

    /// The pool of the calling process. Only threads that submit lookups lock `POOL` (the
    /// pool's own threads never do), so it is not held across a `fork()` made by the PHP
    /// thread; the parent's pool is then left alone — its threads are gone and its state
    /// lock may have been held by one of them — and never touched again.
    fn of_this_process() -> Arc<Pool> {
        let pid = std::process::id();
        let mut slot = POOL.lock().unwrap_or_else(|e| e.into_inner());
        match slot.as_ref() {
            Some(p) if p.pid == pid => p.clone(),
            _ => {
                if let Some(parents) = slot.take() {
                    std::mem::forget(parents);
                }
                let p = Arc::new(Pool::new(MAX_THREADS, MAX_QUEUED, IDLE));
                *slot = Some(p.clone());
                p
            }
        }
    }

    fn state(&self) -> MutexGuard<'_, State> {
        // A job runs outside the lock, so a panic cannot leave the state half-changed.
        self.shared.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Queues `job`; starts a thread for it when none is waiting and fewer than the maximum
    /// run. `Err` when the queue is full, or no thread runs and none could be started.
    pub fn submit(&self, job: Job) -> io::Result<()> {
        let mut st = self.state();
        if st.queue.len() >= self.max_queued {
            return Err(io::Error::new(
                io::ErrorKind::WouldBlock,
                format!(
                    "{} host name lookups already waiting (DNS not answering?)",
                    st.queue.len()
                ),
            ));
        }
        st.queue.push_back(job);
        if st.waiting > st.queue.len() - 1 {
            drop(st);
            self.shared.work.notify_one();
            return Ok(());
        }
        if st.threads < self.max_threads {
            let shared = self.shared.clone();
            let idle = self.idle;
            let started = std::thread::Builder::new()
                .name("beyod-resolve".into())
                .spawn(move || work(&shared, idle));
            match started {
                Ok(_) => st.threads += 1,
                Err(e) if st.threads == 0 => {
                    st.queue.pop_back();
                    return Err(e);
                }
                // The running threads will get to it.
                Err(_) => {}
            }
        }
        Ok(())
    }

    /// Threads running now.
    pub fn threads(&self) -> usize {
        self.state().threads
    }

    /// Jobs waiting for a thread.
    pub fn queued(&self) -> usize {
        self.state().queue.len()
    }
}

/// A pool thread: jobs until none came for `idle`.
fn work(shared: &Shared, idle: Duration) {
    let mut st = shared.state.lock().unwrap_or_else(|e| e.into_inner());
    loop {
        if let Some(job) = st.queue.pop_front() {
            drop(st);
            job();
            st = shared.state.lock().unwrap_or_else(|e| e.into_inner());
            continue;
        }
        st.waiting += 1;
        let (next, timeout) = shared
            .work
            .wait_timeout(st, idle)
            .unwrap_or_else(|e| e.into_inner());
        st = next;
        st.waiting -= 1;
        if timeout.timed_out() && st.queue.is_empty() {
            st.threads -= 1;
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::mpsc::{channel, Receiver};

    fn waker() -> (mio::Poll, Arc<dyn Wake>) {
        let poll = mio::Poll::new().unwrap();
        let w = Arc::new(mio::Waker::new(poll.registry(), mio::Token(0)).unwrap());
        (poll, w)
    }

    /// A resolver that answers `127.0.0.1:port` once `gate` lets it (one message per lookup).
    fn gated(
        gate: Arc<Mutex<Receiver<()>>>,
    ) -> impl FnOnce(&str, u16) -> io::Result<Vec<SocketAddr>> {
        move |_, port| {
            let _ = gate.lock().unwrap().recv();
            Ok(vec![SocketAddr::from(([127, 0, 0, 1], port))])
        }
    }

    fn submit_lookup(
        pool: &Pool,
        port: u16,
        deadline: Option<Instant>,
        tx: &Sender<Answer<u16>>,
        waker: &Arc<dyn Wake>,
        resolve: impl FnOnce(&str, u16) -> io::Result<Vec<SocketAddr>> + Send + 'static,
    ) -> io::Result<()> {
        let l = Lookup {
            host: "blackholed.test".into(),
            port,
            asker: port,
            deadline,
            tx: tx.clone(),
            waker: LookupWaker(waker.clone()),
        };
        pool.submit(Box::new(move || l.run(resolve)))
    }

    #[test]
    fn a_pool_never_runs_more_threads_than_its_cap_and_refuses_past_its_queue() {
        let pool = Pool::new(3, 20, Duration::from_secs(5));
        let running = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        let (release, gate) = channel::<()>();
        let gate = Arc::new(Mutex::new(gate));
        let (done_tx, done) = channel();
        let mut refused = 0;
        for _ in 0..30 {
            let (running, most, gate, done_tx) =
                (running.clone(), most.clone(), gate.clone(), done_tx.clone());
            let r = pool.submit(Box::new(move || {
                let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                most.fetch_max(now, Ordering::SeqCst);
                let _ = gate.lock().unwrap().recv();
                running.fetch_sub(1, Ordering::SeqCst);
                done_tx.send(()).unwrap();
            }));
            if r.is_err() {
                refused += 1;
            }
        }
        // 3 running (blocked) and 20 queued at most: the rest refused.
        std::thread::sleep(Duration::from_millis(100));
        assert_eq!(pool.threads(), 3);
        assert!(refused >= 7, "refused {refused}");
        for _ in 0..30 - refused {
            release.send(()).unwrap();
        }
        for _ in 0..30 - refused {
            done.recv_timeout(Duration::from_secs(10)).unwrap();
        }
        assert_eq!(most.load(Ordering::SeqCst), 3);
        assert!(pool.threads() <= 3);
    }

    #[test]
    fn a_lookup_queued_past_its_deadline_is_never_started() {
        let pool = Pool::new(1, 10, Duration::from_secs(5));
        let (_poll, waker) = waker();
        let (tx, answers) = channel();
        let (release, gate) = channel::<()>();
        let gate = Arc::new(Mutex::new(gate));
        // The only thread is stuck on a black-holed lookup without a deadline.
        submit_lookup(&pool, 1, None, &tx, &waker, gated(gate.clone())).unwrap();
        let started = Arc::new(AtomicUsize::new(0));
        let s = started.clone();
        let deadline = Instant::now() + Duration::from_millis(50);
        submit_lookup(&pool, 2, Some(deadline), &tx, &waker, move |_, port| {
            s.fetch_add(1, Ordering::SeqCst);
            Ok(vec![SocketAddr::from(([127, 0, 0, 1], port))])
        })
        .unwrap();
        std::thread::sleep(Duration::from_millis(100));
        release.send(()).unwrap();
        let first = answers.recv_timeout(Duration::from_secs(5)).unwrap();
        assert_eq!(first.asker, 1);
        assert!(answers.recv_timeout(Duration::from_millis(200)).is_err());
        assert_eq!(started.load(Ordering::SeqCst), 0);
        assert_eq!(pool.queued(), 0);
    }

    #[test]
    fn the_result_of_a_lookup_that_outlived_its_deadline_is_dropped() {
        let pool = Pool::new(2, 10, Duration::from_secs(5));
        let (_poll, waker) = waker();
        let (tx, answers) = channel();
        let (release, gate) = channel::<()>();
        let gate = Arc::new(Mutex::new(gate));
        let deadline = Instant::now() + Duration::from_millis(50);
        submit_lookup(&pool, 7, Some(deadline), &tx, &waker, gated(gate.clone())).unwrap();
        submit_lookup(&pool, 8, None, &tx, &waker, gated(gate)).unwrap();
        std::thread::sleep(Duration::from_millis(100));
        release.send(()).unwrap();
        release.send(()).unwrap();
        let a = answers.recv_timeout(Duration::from_secs(5)).unwrap();
        assert_eq!(a.asker, 8, "only the lookup still wanted answers");
        assert!(answers.recv_timeout(Duration::from_millis(200)).is_err());
    }

    #[test]
    fn idle_threads_end_and_a_later_lookup_starts_one_again() {
        let pool = Pool::new(2, 10, Duration::from_millis(50));
        let (_poll, waker) = waker();
        let (tx, answers) = channel();
        let ok = |_: &str, port| Ok(vec![SocketAddr::from(([127, 0, 0, 1], port))]);
        submit_lookup(&pool, 1, None, &tx, &waker, ok).unwrap();
        answers.recv_timeout(Duration::from_secs(5)).unwrap();
        let t0 = Instant::now();
        while pool.threads() > 0 {
            assert!(
                t0.elapsed() < Duration::from_secs(5),
                "the idle thread never ended"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
        submit_lookup(&pool, 2, None, &tx, &waker, ok).unwrap();
        assert_eq!(
            answers.recv_timeout(Duration::from_secs(5)).unwrap().asker,
            2
        );
    }

    #[test]
    fn a_forked_child_gets_its_own_pool_and_never_the_parents_lookups() {
        let (_poll, waker) = waker();
        let (tx, answers) = channel::<Answer<u16>>();
        // The parent's pool with a lookup stuck in it.
        let (release, gate) = channel::<()>();
        let gate = Arc::new(Mutex::new(gate));
        let parent = Pool::of_this_process();
        for port in 1..=(MAX_THREADS as u16 + 2) {
            let l = Lookup {
                host: "blackholed.test".into(),
                port,
                asker: port,
                deadline: None,
                tx: tx.clone(),
                waker: LookupWaker(waker.clone()),
            };
            let g = gated(gate.clone());
            parent.submit(Box::new(move || l.run(g))).unwrap();
        }
        let mut fds = [0; 2];
        // SAFETY: pipe() writes two descriptors into the array it is given.
        assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0);
        let (r, w) = (fds[0], fds[1]);
        // SAFETY: the child only makes a pool, resolves, writes one byte and _exits (no
        // unwinding into the test harness, no lock another test thread may hold but POOL's,
        // which only this test takes).
        let pid = unsafe { libc::fork() };
        assert!(pid >= 0);
        if pid == 0 {
            let child = Pool::of_this_process();
            let fresh = !Arc::ptr_eq(&child, &parent) && child.queued() == 0;
            let (ctx, canswers) = channel::<Answer<u16>>();
            let ok = |_: &str, port| Ok(vec![SocketAddr::from(([127, 0, 0, 1], port))]);
            let l = Lookup {
                host: "x".into(),
                port: 99,
                asker: 99,
                deadline: None,
                tx: ctx,
                waker: LookupWaker(waker.clone()),
            };
            let submitted = child.submit(Box::new(move || l.run(ok))).is_ok();
            let answered = canswers
                .recv_timeout(Duration::from_secs(5))
                .is_ok_and(|a| a.asker == 99);
            let parents = answers.try_recv().is_err();
            let byte = [u8::from(fresh && submitted && answered && parents)];
            // SAFETY: one byte from a live array to the pipe's write end; then the child ends.
            unsafe {
                libc::write(w, byte.as_ptr() as *const libc::c_void, 1);
                libc::_exit(0);
            }
        }
        let mut byte = [0u8];
        // SAFETY: our descriptors, read into a live one-byte array; waits for our own child.
        unsafe {
            libc::close(w);
            libc::read(r, byte.as_mut_ptr() as *mut libc::c_void, 1);
            libc::close(r);
            libc::waitpid(pid, std::ptr::null_mut(), 0);
        }
        assert_eq!(byte[0], 1, "the child's lookups ran on a pool of its own");
        for _ in 1..=(MAX_THREADS + 2) {
            release.send(()).unwrap();
        }
        for _ in 1..=(MAX_THREADS + 2) {
            answers.recv_timeout(Duration::from_secs(5)).unwrap();
        }
    }
}
