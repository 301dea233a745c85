//! Tunnels through a proxy: SOCKS5 (RFC 1928, user/password RFC 1929) and HTTP `CONNECT`.
//! A pure state machine — bytes in, bytes out — that the connection drives after the TCP
//! connect to the proxy and before TLS. The target's host name is sent to the proxy as is,
//! so the proxy resolves it.

use std::fmt;

use super::error::Error;

/// `$options['proxy']`, parsed: `socks5://user:pass@host:port` or `http://host:port`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Proxy {
    pub kind: ProxyKind,
    pub host: String,
    pub port: u16,
    pub credentials: Option<(String, String)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProxyKind {
    Socks5,
    HttpConnect,
}

impl Proxy {
    pub fn parse(raw: &str) -> Result<Proxy, Error> {
        let bad = |why: &str| Error::BadProxy {
            proxy: raw.to_string(),
            why: why.to_string(),
        };
        let (scheme, rest) = raw
            .split_once("://")
            .ok_or_else(|| bad("expected socks5://host:port or http://host:port"))?;
        let kind = match scheme.to_ascii_lowercase().as_str() {
            "socks5" | "socks5h" => ProxyKind::Socks5,
            "http" => ProxyKind::HttpConnect,
            other => {
                return Err(bad(&format!(
                    "unknown proxy scheme \"{other}\" (socks5 or http)"
                )))
            }
        };
        let rest = rest.trim_end_matches('/');
        let (creds, hostport) = match rest.rsplit_once('@') {
            Some((c, h)) => {
                let (u, p) = c.split_once(':').unwrap_or((c, ""));
                (Some((percent_decode(u), percent_decode(p))), h)
            }
            None => (None, rest),
        };
        let (host, port) = if let Some(v6) = hostport.strip_prefix('[') {
            let (h, p) = v6.split_once("]:").ok_or_else(|| bad("missing port"))?;
            (h, p)
        } else {
            hostport
                .rsplit_once(':')
                .ok_or_else(|| bad("missing port"))?
        };
        let port = port
            .parse::<u16>()
            .ok()
            .filter(|p| *p > 0)
            .ok_or_else(|| bad(&format!("bad port \"{port}\"")))?;
        if host.is_empty() {
            return Err(bad("empty host"));
        }
        if let Some((u, p)) = &creds {
            if kind == ProxyKind::Socks5 && (u.len() > 255 || p.len() > 255) {
                return Err(bad("SOCKS5 user and password are limited to 255 bytes"));
            }
        }
        Ok(Proxy {
            kind,
            host: host.to_string(),
            port,
            credentials: creds,
        })
    }
}

impl fmt::Display for Proxy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = if self.kind == ProxyKind::Socks5 {
            "socks5"
        } else {
            "http"
        };
        write!(f, "{s} proxy {}:{}", self.host, self.port)
    }
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            // Bytes, not a str slice: the two after '%' may be inside a multi-byte character.
            let hex = std::str::from_utf8(&b[i + 1..i + 3]).ok();
            if let Some(v) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// What the handshake wants next.
#[derive(Debug, PartialEq, Eq)]
pub enum Step {
    /// Write these bytes, then read more.
    Send(Vec<u8>),
    /// Read more.
    Need,
    /// The tunnel is open; `leftover` bytes already belong to the target's stream.
    Done { leftover: Vec<u8> },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Socks5Method,
    Socks5Auth,
    Socks5Connect,
    HttpResponse,
}

#[derive(Debug)]
pub struct Handshake {
    proxy: Proxy,
    host: String,
    port: u16,
    state: State,
    inbuf: Vec<u8>,
}

const MAX_RESPONSE: usize = 16 * 1024;

impl Handshake {
    /// The handshake and the first bytes to send.
    pub fn start(proxy: &Proxy, host: &str, port: u16) -> (Handshake, Vec<u8>) {
        let (state, first) = match proxy.kind {
            ProxyKind::Socks5 => {
                let methods: &[u8] = if proxy.credentials.is_some() {
                    &[0x00, 0x02]
                } else {
                    &[0x00]
                };
                let mut m = vec![0x05, methods.len() as u8];
                m.extend_from_slice(methods);
                (State::Socks5Method, m)
            }
            ProxyKind::HttpConnect => {
                let authority = if host.contains(':') {
                    format!("[{host}]:{port}")
                } else {
                    format!("{host}:{port}")
                };
                let mut req = format!("CONNECT {authority} HTTP/1.1\r\nHost: {authority}\r\n");
                if let Some((u, p)) = &proxy.credentials {
                    req.push_str(&format!(
                        "Proxy-Authorization: Basic {}\r\n",
                        base64(format!("{u}:{p}").as_bytes())
                    ));
                }
                req.push_str("\r\n");
                (State::HttpResponse, req.into_bytes())
            }
        };
        let h = Handshake {
            proxy: proxy.clone(),
            host: host.to_string(),
            port,
            state,
            inbuf: Vec::new(),
        };
        (h, first)
    }

    /// Feeds what the proxy sent. Errors are sentences naming the proxy.
    pub fn on_bytes(&mut self, data: &[u8]) -> Result<Step, Error> {
        self.inbuf.extend_from_slice(data);
        if self.inbuf.len() > MAX_RESPONSE {
            return Err(self.refused("response too long".into()));
        }
        loop {
            let step = match self.state {
                State::Socks5Method => self.socks5_method()?,
                State::Socks5Auth => self.socks5_auth()?,
                State::Socks5Connect => self.socks5_connect()?,
                State::HttpResponse => self.http_response()?,
            };
            match step {
                // A state consumed its reply and moved on without sending: try the next one.
                None => continue,
                Some(s) => return Ok(s),
            }
        }
    }

    fn refused(&self, why: String) -> Error {
        Error::ProxyRefused {
            proxy: self.proxy.to_string(),
            why,
        }
    }

    fn take(&mut self, n: usize) -> Option<Vec<u8>> {
        (self.inbuf.len() >= n).then(|| self.inbuf.drain(..n).collect())
    }

    fn connect_request(&self) -> Vec<u8> {
        let mut r = vec![0x05, 0x01, 0x00];
        match self.host.parse::<std::net::IpAddr>() {
            Ok(std::net::IpAddr::V4(a)) => {
                r.push(0x01);
                r.extend_from_slice(&a.octets());
            }
            Ok(std::net::IpAddr::V6(a)) => {
                r.push(0x04);
                r.extend_from_slice(&a.octets());
            }
            Err(_) => {
                r.push(0x03);
                r.push(self.host.len().min(255) as u8);
                r.extend_from_slice(&self.host.as_bytes()[..self.host.len().min(255)]);
            }
        }
        r.extend_from_slice(&self.port.to_be_bytes());
        r
    }

    fn socks5_method(&mut self) -> Result<Option<Step>, Error> {
        let Some(reply) = self.take(2) else {
            return Ok(Some(Step::Need));
        };
        if reply[0] != 0x05 {
            return Err(self.refused("not a SOCKS5 proxy".into()));
        }
        match (reply[1], &self.proxy.credentials) {
            (0x00, _) => {
                self.state = State::Socks5Connect;
                Ok(Some(Step::Send(self.connect_request())))
            }
            (0x02, Some((u, p))) => {
                let mut a = vec![0x01, u.len() as u8];
                a.extend_from_slice(u.as_bytes());
                a.push(p.len() as u8);
                a.extend_from_slice(p.as_bytes());
                self.state = State::Socks5Auth;
                Ok(Some(Step::Send(a)))
            }
            (0xFF, Some(_)) | (0x02, None) | (0xFF, None) => Err(self.refused(format!(
                "authentication refused (the proxy accepts none of the offered methods{})",
                if self.proxy.credentials.is_some() {
                    ""
                } else {
                    "; it may need a user and password"
                }
            ))),
            (m, _) => Err(self.refused(format!("chose unsupported method {m}"))),
        }
    }

    fn socks5_auth(&mut self) -> Result<Option<Step>, Error> {
        let Some(reply) = self.take(2) else {
            return Ok(Some(Step::Need));
        };
        if reply[1] != 0x00 {
            return Err(self.refused("authentication refused (bad user or password)".into()));
        }
        self.state = State::Socks5Connect;
        Ok(Some(Step::Send(self.connect_request())))
    }

    fn socks5_connect(&mut self) -> Result<Option<Step>, Error> {
        if self.inbuf.len() < 5 {
            return Ok(Some(Step::Need));
        }
        let (rep, atyp) = (self.inbuf[1], self.inbuf[3]);
        if rep != 0x00 {
            let why = match rep {
                0x01 => "general failure",
                0x02 => "connection not allowed by ruleset",
                0x03 => "network unreachable",
                0x04 => "host unreachable",
                0x05 => "connection refused",
                0x06 => "TTL expired",
                0x07 => "command not supported",
                0x08 => "address type not supported",
                _ => "unknown error",
            };
            return Err(self.refused(format!(
                "the proxy could not reach {}:{}: {why}",
                self.host, self.port
            )));
        }
        let addr_len = match atyp {
            0x01 => 4,
            0x04 => 16,
            0x03 => 1 + self.inbuf[4] as usize,
            other => return Err(self.refused(format!("bad address type {other} in reply"))),
        };
        let Some(_) = self.take(4 + addr_len + 2) else {
            return Ok(Some(Step::Need));
        };
        Ok(Some(Step::Done {
            leftover: std::mem::take(&mut self.inbuf),
        }))
    }

    fn http_response(&mut self) -> Result<Option<Step>, Error> {
        let Some(end) = self.inbuf.windows(4).position(|w| w == b"\r\n\r\n") else {
            return Ok(Some(Step::Need));
        };
        let head = String::from_utf8_lossy(&self.inbuf[..end]).into_owned();
        let status_line = head.lines().next().unwrap_or_default();
        let mut parts = status_line.splitn(3, ' ');
        let (version, code, reason) = (
            parts.next().unwrap_or(""),
            parts.next().unwrap_or(""),
            parts.next().unwrap_or(""),
        );
        if !version.starts_with("HTTP/1.") {
            return Err(self.refused(format!("not an HTTP proxy (\"{status_line}\")")));
        }
        match code {
            c if c.starts_with('2') => {
                let leftover = self.inbuf.split_off(end + 4);
                Ok(Some(Step::Done { leftover }))
            }
            "407" => Err(self.refused(format!("authentication refused (407 {reason})"))),
            _ => Err(self.refused(format!(
                "the proxy refused {}:{}: {code} {reason}",
                self.host, self.port
            ))),
        }
    }
}

fn base64(data: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(T[(n >> (18 - 6 * i)) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_proxy_urls_with_credentials() {
        let p = Proxy::parse("socks5://us%40er:p%3Ass@127.0.0.1:1080").unwrap();
        assert_eq!(p.kind, ProxyKind::Socks5);
        assert_eq!(p.credentials, Some(("us@er".into(), "p:ss".into())));
        assert_eq!((p.host.as_str(), p.port), ("127.0.0.1", 1080));
        assert!(Proxy::parse("ftp://h:1")
            .unwrap_err()
            .to_string()
            .contains("unknown proxy scheme"));
        assert!(Proxy::parse("http://h")
            .unwrap_err()
            .to_string()
            .contains("missing port"));
    }

    #[test]
    fn percent_signs_before_multibyte_characters_do_not_panic() {
        let p = Proxy::parse("socks5://%a\u{e9}:pw@h:1").unwrap();
        assert_eq!(p.credentials.unwrap().0, "%a\u{e9}");
    }

    #[test]
    fn socks5_with_password_and_a_host_name() {
        let p = Proxy::parse("socks5://u:pw@h:1").unwrap();
        let (mut h, first) = Handshake::start(&p, "db.local", 6379);
        assert_eq!(first, vec![5, 2, 0, 2]);
        assert_eq!(
            h.on_bytes(&[5, 2]).unwrap(),
            Step::Send(vec![1, 1, b'u', 2, b'p', b'w'])
        );
        let Step::Send(req) = h.on_bytes(&[1, 0]).unwrap() else {
            panic!()
        };
        assert_eq!(&req[..5], &[5, 1, 0, 3, 8]);
        assert_eq!(&req[5..13], b"db.local");
        assert_eq!(&req[13..], &6379u16.to_be_bytes());
        assert_eq!(h.on_bytes(&[5, 0, 0, 1, 127]).unwrap(), Step::Need);
        assert_eq!(
            h.on_bytes(&[0, 0, 1, 0x1f, 0x90, b'x']).unwrap(),
            Step::Done {
                leftover: vec![b'x']
            }
        );
    }

    #[test]
    fn socks5_refusals_are_sentences() {
        let p = Proxy::parse("socks5://h:1").unwrap();
        let (mut h, _) = Handshake::start(&p, "10.0.0.1", 80);
        assert!(h
            .on_bytes(&[5, 0xFF])
            .unwrap_err()
            .to_string()
            .contains("authentication refused"));
        let (mut h, _) = Handshake::start(&p, "10.0.0.1", 80);
        h.on_bytes(&[5, 0]).unwrap();
        assert!(h
            .on_bytes(&[5, 5, 0, 1, 0, 0, 0, 0, 0, 0])
            .unwrap_err()
            .to_string()
            .contains("connection refused"));
    }

    #[test]
    fn http_connect_with_basic_auth() {
        let p = Proxy::parse("http://alice:secret@h:3128").unwrap();
        let (mut h, first) = Handshake::start(&p, "example.org", 443);
        let first = String::from_utf8(first).unwrap();
        assert!(first.starts_with("CONNECT example.org:443 HTTP/1.1\r\n"));
        assert!(first.contains("Proxy-Authorization: Basic YWxpY2U6c2VjcmV0\r\n"));
        assert_eq!(
            h.on_bytes(b"HTTP/1.1 200 Connection established\r\n")
                .unwrap(),
            Step::Need
        );
        assert_eq!(
            h.on_bytes(b"\r\nhi").unwrap(),
            Step::Done {
                leftover: b"hi".to_vec()
            }
        );
        let (mut h, _) = Handshake::start(&p, "example.org", 443);
        assert!(h
            .on_bytes(b"HTTP/1.1 407 Proxy Authentication Required\r\n\r\n")
            .unwrap_err()
            .to_string()
            .contains("authentication refused"));
        let (mut h, _) = Handshake::start(&p, "example.org", 443);
        assert!(h
            .on_bytes(b"HTTP/1.0 502 Bad Gateway\r\n\r\n")
            .unwrap_err()
            .to_string()
            .contains("502 Bad Gateway"));
    }
}
