//! Socket options a client asks for (`$options`, by option NAME), applied with socket2 before
//! connecting. `None` everywhere means "leave the system default". Also the checked
//! conversion every setting in seconds goes through ([`secs_to_duration`]).

use std::net::SocketAddr;
use std::time::Duration;

use socket2::Socket;

/// The longest time a setting may name, in seconds (about 31.7 years). A longer one is refused
/// where the setting is read: `Duration::from_secs_f64` panics past `u64::MAX` seconds, and
/// `Instant + Duration` (a timer's deadline) panics long before that.
pub const MAX_SECONDS: f64 = 1e9;

/// `secs` as a `Duration` when it is a number of seconds from 0 to [`MAX_SECONDS`]; `None` for
/// anything else (negative, NAN, ±INF, larger).
pub fn secs_to_duration(secs: f64) -> Option<Duration> {
    (0.0..=MAX_SECONDS)
        .contains(&secs)
        .then(|| Duration::from_secs_f64(secs))
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    #[test]
    fn secs_to_duration_refuses_what_cannot_be_a_deadline_and_never_panics() {
        assert_eq!(secs_to_duration(0.0), Some(Duration::ZERO));
        assert_eq!(secs_to_duration(1.5), Some(Duration::from_millis(1500)));
        assert_eq!(
            secs_to_duration(MAX_SECONDS),
            Some(Duration::from_secs(1_000_000_000))
        );
        let refused = [
            -0.5,
            -1e300,
            1e300,
            MAX_SECONDS * 1.000_001,
            f64::NAN,
            -f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            i64::MAX as f64,
            u64::MAX as f64,
            f64::MAX,
            f64::MIN,
        ];
        for s in refused {
            assert_eq!(secs_to_duration(s), None, "{s}");
        }
        // Random bit patterns (every kind of double): a result is always a usable deadline.
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..200_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            for s in [
                f64::from_bits(x),
                (x as i64) as f64,
                (x % 2_000_000_000) as f64 * 0.999,
            ] {
                if let Some(d) = secs_to_duration(s) {
                    assert!(d.as_secs_f64() <= MAX_SECONDS);
                    assert!(Instant::now().checked_add(d).is_some(), "{s}");
                }
            }
        }
    }
}
