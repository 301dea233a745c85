//! Socket options a client asks for (`$options`, by option NAME), applied with socket2 before
//! connecting. `None` everywhere means "leave the system default".

use std::net::SocketAddr;
use std::time::Duration;

use socket2::Socket;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SocketOptions {
    pub reuse_address: Option<bool>,
    pub keepalive: Option<bool>,
    /// `Some(None)` turns lingering off, `Some(Some(d))` lingers for `d`.
    pub linger: Option<Option<Duration>>,
    pub send_buffer_size: Option<usize>,
    pub recv_buffer_size: Option<usize>,
    pub nodelay: Option<bool>,
    /// Local address to bind before connecting (`bindto`).
    pub bind_to: Option<SocketAddr>,
    /// TCP keepalive tuning: idle time before probes, interval between them, probe count.
    pub keepalive_idle: Option<Duration>,
    pub keepalive_interval: Option<Duration>,
    pub keepalive_count: Option<u32>,
}

impl SocketOptions {
    /// The options that make sense for a UDP socket.
    pub fn apply_datagram(&self, s: &Socket) -> Vec<String> {
        let mut refused = Vec::new();
        if let Some(v) = self.send_buffer_size {
            if let Err(e) = s.set_send_buffer_size(v) {
                refused.push(format!("SO_SNDBUF: {e}"));
            }
        }
        if let Some(v) = self.recv_buffer_size {
            if let Err(e) = s.set_recv_buffer_size(v) {
                refused.push(format!("SO_RCVBUF: {e}"));
            }
        }
        if let Some(v) = self.reuse_address {
            if let Err(e) = s.set_reuse_address(v) {
                refused.push(format!("SO_REUSEADDR: {e}"));
            }
        }
        refused
    }

    /// Applies every option that makes sense for the socket's family. TCP-only options are
    /// skipped on unix sockets. A refused option is reported, not fatal: the connection is
    /// still usable with the system default.
    pub fn apply(&self, s: &Socket, is_tcp: bool) -> Vec<String> {
        let mut refused = Vec::new();
        let mut check = |name: &str, r: std::io::Result<()>| {
            if let Err(e) = r {
                refused.push(format!("{name}: {e}"));
            }
        };
        if let Some(v) = self.send_buffer_size {
            check("SO_SNDBUF", s.set_send_buffer_size(v));
        }
        if let Some(v) = self.recv_buffer_size {
            check("SO_RCVBUF", s.set_recv_buffer_size(v));
        }
        if !is_tcp {
            return refused;
        }
        if let Some(v) = self.reuse_address {
            check("SO_REUSEADDR", s.set_reuse_address(v));
        }
        if let Some(v) = self.keepalive {
            check("SO_KEEPALIVE", s.set_keepalive(v));
        }
        if let Some(v) = self.linger {
            check("SO_LINGER", s.set_linger(v));
        }
        if let Some(v) = self.nodelay {
            check("TCP_NODELAY", s.set_tcp_nodelay(v));
        }
        if self.keepalive_idle.is_some()
            || self.keepalive_interval.is_some()
            || self.keepalive_count.is_some()
        {
            let mut k = socket2::TcpKeepalive::new();
            if let Some(d) = self.keepalive_idle {
                k = k.with_time(d);
            }
            if let Some(d) = self.keepalive_interval {
                k = k.with_interval(d);
            }
            if let Some(n) = self.keepalive_count {
                k = k.with_retries(n);
            }
            check(
                "TCP_KEEPIDLE/TCP_KEEPINTVL/TCP_KEEPCNT",
                s.set_tcp_keepalive(&k),
            );
        }
        refused
    }
}
