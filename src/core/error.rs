//! The core's one error type: a bad setting found before connecting, a connect phase that
//! failed (proxy tunnel, TLS), or a socket operation that failed. Each variant's text is the
//! errstr the client reports, word for word, and [`Error::code`] its `$event->code`; the
//! binding turns setting errors into PHP exceptions in one place (`php::errors::from_core`).

use thiserror::Error;

#[derive(Debug, Error)]
pub enum Error {
    /// `$target` cannot be parsed.
    #[error("bad target \"{target}\": {why}")]
    BadTarget { target: String, why: String },

    /// `$options['proxy']` cannot be parsed.
    #[error("proxy \"{proxy}\": {why}")]
    BadProxy { proxy: String, why: String },

    /// A framer setting that cannot be used.
    #[error("the delimiter must not be empty")]
    EmptyDelimiter,

    /// The proxy refused the tunnel or does not speak its protocol; `proxy` names it
    /// ("socks5 proxy host:port").
    #[error("{proxy}: {why}")]
    ProxyRefused { proxy: String, why: String },

    #[error("the proxy closed the connection")]
    ProxyClosed,

    /// Reading from or writing to the proxy failed during its handshake.
    #[error("proxy: {0}")]
    ProxyIo(std::io::Error),

    #[error("proxy handshake: no connection")]
    ProxyNotConnected,

    /// The `$ssl` options (a file, a key, a server name) cannot be used.
    #[error("{0}")]
    TlsSetup(String),

    /// The TLS handshake failed; the sentence says why (certificate checks, alerts).
    #[error("{0}")]
    TlsHandshake(String),

    /// Reading from or writing to the socket failed during the TLS handshake.
    #[error("TLS handshake: {0}")]
    TlsIo(std::io::Error),

    #[error("the server closed the connection during the TLS handshake")]
    TlsClosed,

    /// TLS 1.3: the server hung up after asking for our client certificate.
    #[error(
        "the server closed the connection: it refused our client certificate (or its absence)"
    )]
    CertificateRefused,

    #[error("TLS handshake: no connection")]
    TlsNotConnected,

    /// A read, write or receive on an established connection failed.
    #[error("{target}: {op} failed: {source}")]
    Io {
        target: String,
        op: &'static str,
        source: std::io::Error,
    },
}

impl Error {
    /// errno-style code for `onConnectFailed`/`onError` (`$event->code`).
    pub fn code(&self) -> i32 {
        match self {
            Error::BadTarget { .. }
            | Error::BadProxy { .. }
            | Error::EmptyDelimiter
            | Error::TlsSetup(_) => libc::EINVAL,
            // The proxy, not the network, said no.
            Error::ProxyRefused { .. }
            | Error::ProxyClosed
            | Error::ProxyIo(_)
            | Error::ProxyNotConnected => libc::ECONNREFUSED,
            // The handshake, not the TCP connect, failed.
            Error::TlsHandshake(_)
            | Error::TlsIo(_)
            | Error::TlsClosed
            | Error::CertificateRefused
            | Error::TlsNotConnected => libc::ECONNABORTED,
            Error::Io { source, .. } => source.raw_os_error().unwrap_or(0),
        }
    }
}
