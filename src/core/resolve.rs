//! Host names resolved off the PHP thread: one short-lived thread per lookup runs the system
//! resolver (`getaddrinfo`, so /etc/hosts and nsswitch apply) and wakes the reactor with the
//! answer. IP literals never leave the calling thread.

use std::io;
use std::net::{IpAddr, SocketAddr, ToSocketAddrs};
use std::sync::mpsc::Sender;
use std::sync::Arc;

use mio::Waker;

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

/// Starts a lookup; the answer arrives on `tx`, and `waker` makes the reactor's poll return.
pub fn spawn<K: Send + 'static>(
    host: String,
    port: u16,
    asker: K,
    tx: Sender<Answer<K>>,
    waker: Arc<Waker>,
) -> io::Result<()> {
    std::thread::Builder::new()
        .name("beyod-resolve".into())
        .spawn(move || {
            let result = (host.as_str(), port)
                .to_socket_addrs()
                .map(|a| a.collect::<Vec<_>>());
            let result = match result {
                Ok(v) if v.is_empty() => Err(io::Error::new(
                    io::ErrorKind::NotFound,
                    format!("{host}: no address found"),
                )),
                Ok(v) => Ok(v),
                Err(e) => Err(io::Error::new(
                    e.kind(),
                    format!("cannot resolve {host}: {e}"),
                )),
            };
            // The reactor may be gone (request shutdown): nobody is waiting then.
            if tx.send(Answer { asker, result }).is_ok() {
                let _ = waker.wake();
            }
        })?;
    Ok(())
}
