//! `"tcp://[::1]:6379"` → [`Target`]: what a client's `$target` string means.
//!
//! Parsing is strict and every error names the offending value, because a typo in a target is
//! the most common misconfiguration and the original only said "empty scheme".

use std::fmt;
use std::path::PathBuf;

use super::error::Error;

/// The transport a target asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    Tcp,
    Unix,
    Udp,
    Udg,
    /// `ssl://`, `tls://`, `sslv2://`, `sslv3://`: TCP with TLS on top.
    Tls,
}

/// Where to connect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Endpoint {
    /// A host name or IP literal (brackets removed) and a port.
    Inet { host: String, port: u16 },
    /// A filesystem path of a unix socket.
    Path(PathBuf),
}

/// Every scheme a target may have, lower-cased, and its kind.
const SCHEMES: [(&str, Scheme); 8] = [
    ("tcp", Scheme::Tcp),
    ("unix", Scheme::Unix),
    ("udp", Scheme::Udp),
    ("udg", Scheme::Udg),
    ("ssl", Scheme::Tls),
    ("tls", Scheme::Tls),
    ("sslv2", Scheme::Tls),
    ("sslv3", Scheme::Tls),
];

/// The scheme name of [`Target::scheme_index`] `index`.
pub fn scheme_name_of(index: u8) -> Option<&'static str> {
    SCHEMES.get(usize::from(index)).map(|(name, _)| *name)
}

/// A parsed `$target`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The scheme as written, lower-cased: see [`Target::scheme_name`].
    scheme_index: u8,
    pub scheme: Scheme,
    pub endpoint: Endpoint,
}

impl Target {
    /// The scheme as written, lower-cased (`getScheme()` returns it).
    pub fn scheme_name(&self) -> &'static str {
        SCHEMES[usize::from(self.scheme_index)].0
    }

    /// The scheme as a small number (for [`scheme_name_of`]): one byte to keep.
    pub fn scheme_index(&self) -> u8 {
        self.scheme_index
    }

    pub fn parse(raw: &str) -> Result<Target, Error> {
        let bad = |why: &str| Error::BadTarget {
            target: raw.to_string(),
            why: why.to_string(),
        };
        let (scheme_name, rest) = raw
            .split_once("://")
            .ok_or_else(|| bad("no scheme (expected e.g. tcp://host:port or unix:///path)"))?;
        let lower = scheme_name.to_ascii_lowercase();
        if lower.is_empty() {
            return Err(bad("empty scheme"));
        }
        let Some(index) = SCHEMES.iter().position(|(name, _)| *name == lower) else {
            return Err(bad(&format!(
                "unknown scheme \"{lower}\" (known: tcp, unix, udp, udg, ssl, tls)"
            )));
        };
        let (scheme_index, scheme) = (index as u8, SCHEMES[index].1);
        let endpoint = match scheme {
            Scheme::Unix | Scheme::Udg => {
                if rest.is_empty() {
                    return Err(bad("empty socket path"));
                }
                Endpoint::Path(PathBuf::from(rest))
            }
            _ => parse_inet(raw, rest)?,
        };
        Ok(Target {
            scheme_index,
            scheme,
            endpoint,
        })
    }

    pub fn is_tls(&self) -> bool {
        self.scheme == Scheme::Tls
    }

    pub fn is_datagram(&self) -> bool {
        matches!(self.scheme, Scheme::Udp | Scheme::Udg)
    }
}

/// `host:port` or `[v6]:port`; `raw` is the whole target, for the error.
fn parse_inet(raw: &str, rest: &str) -> Result<Endpoint, Error> {
    let bad = |why: String| Error::BadTarget {
        target: raw.to_string(),
        why,
    };
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    let (host, port) = if let Some(after) = rest.strip_prefix('[') {
        let (host, tail) = after
            .split_once(']')
            .ok_or_else(|| bad("unclosed '[' around an IPv6 address".into()))?;
        let port = tail
            .strip_prefix(':')
            .ok_or_else(|| bad("missing \":port\" after the IPv6 address".into()))?;
        if host.parse::<std::net::Ipv6Addr>().is_err() {
            return Err(bad(format!("\"{host}\" is not an IPv6 address")));
        }
        (host, port)
    } else {
        let (host, port) = rest
            .rsplit_once(':')
            .ok_or_else(|| bad("missing \":port\"".into()))?;
        if host.contains(':') {
            return Err(bad(
                "an IPv6 address must be written in brackets, e.g. tcp://[::1]:6379".into(),
            ));
        }
        (host, port)
    };
    if host.is_empty() {
        return Err(bad("empty host".into()));
    }
    let port: u16 = port.parse().map_err(|_| {
        bad(format!(
            "port \"{port}\" is not a number between 0 and 65535"
        ))
    })?;
    if port == 0 {
        return Err(bad("port 0 cannot be connected to".into()));
    }
    Ok(Endpoint::Inet {
        host: host.to_string(),
        port,
    })
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.endpoint {
            Endpoint::Inet { host, port } if host.contains(':') => {
                write!(f, "{}://[{host}]:{port}", self.scheme_name())
            }
            Endpoint::Inet { host, port } => {
                write!(f, "{}://{host}:{port}", self.scheme_name())
            }
            Endpoint::Path(p) => write!(f, "{}://{}", self.scheme_name(), p.display()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inet(host: &str, port: u16) -> Endpoint {
        Endpoint::Inet {
            host: host.into(),
            port,
        }
    }

    #[test]
    fn tcp_ipv4_host_and_port() {
        let t = Target::parse("tcp://127.0.0.1:6379").unwrap();
        assert_eq!(t.scheme, Scheme::Tcp);
        assert_eq!(t.endpoint, inet("127.0.0.1", 6379));
    }

    #[test]
    fn ipv6_in_brackets_loses_its_brackets() {
        let t = Target::parse("tcp://[::1]:80").unwrap();
        assert_eq!(t.endpoint, inet("::1", 80));
        assert_eq!(t.to_string(), "tcp://[::1]:80");
    }

    #[test]
    fn scheme_is_case_insensitive_and_kept_lower_case() {
        let t = Target::parse("TLS://example.org:443").unwrap();
        assert_eq!(t.scheme, Scheme::Tls);
        assert_eq!(t.scheme_name(), "tls");
    }

    #[test]
    fn unix_absolute_path_works() {
        let t = Target::parse("unix:///tmp/x.sock").unwrap();
        assert_eq!(t.endpoint, Endpoint::Path("/tmp/x.sock".into()));
    }

    #[test]
    fn every_tls_spelling_is_tls() {
        for s in ["ssl", "tls", "sslv2", "sslv3"] {
            assert!(Target::parse(&format!("{s}://h:1")).unwrap().is_tls());
        }
    }

    #[test]
    fn errors_name_the_value() {
        for (raw, needle) in [
            ("127.0.0.1:80", "no scheme"),
            ("foo://h:1", "unknown scheme \"foo\""),
            ("tcp://h:http", "port \"http\""),
            ("tcp://h", "missing \":port\""),
            ("tcp://::1:80", "brackets"),
            ("tcp://[::1:80", "unclosed"),
            ("tcp://:80", "empty host"),
            ("unix://", "empty socket path"),
            ("tcp://h:70000", "port \"70000\""),
        ] {
            let e = Target::parse(raw).unwrap_err().to_string();
            assert!(e.contains(raw), "{e} should name {raw}");
            assert!(e.contains(needle), "{e} should say {needle}");
        }
    }
}
