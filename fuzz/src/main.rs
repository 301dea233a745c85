//! A coverage-free randomized fuzzer for the hostile-input surface of beyod_streamclient's
//! PHP-free core: the native framers (line, length-prefixed, RESP2/3), `$target` parsing and
//! `$options['proxy']` parsing + the proxy handshake state machine.
//!
//! Runs on stable Rust with no dependency (cargo-fuzz needs nightly). Inputs come from
//! structure-aware generators (valid RESP replies, lines, length-prefixed packets, target and
//! proxy strings) followed by random mutations (byte flips, hostile tokens such as
//! "*2000000000\r\n" spliced in, truncation, duplication), and from the seeds in fuzz/corpus/.
//!
//! Properties checked for every input:
//!  - no panic (a panic is caught, the input written to fuzz/crashes/, and the run fails);
//!  - bounded allocation: the peak bytes allocated inside one `next()` call stays under
//!    16 × (bytes given) + 64 KiB — a length prefix or a count is never trusted for an
//!    allocation — and a hostile header of a few bytes returns quickly;
//!  - split invariance: feeding the stream in arbitrary chunks, the way the extension does
//!    (RecvBuffer, consume packets, reset + clear on error), gives the same packets and the
//!    same first error as feeding it whole;
//!  - parse(display(parse(s))) == parse(s) for targets.
//!
//! Usage: beyod_fuzz [--seconds S] [--target all|line|length|resp|target|proxy|handshake]
//!                   [--seed N] [--corpus DIR] [--save-corpus] [--known-bugs skip|check]
//!        beyod_fuzz --hostile        (fixed hostile inputs: time + allocation per input)
//!        beyod_fuzz --attr-chain N   (RESP "|0\r\n" × N then ":1\r\n": run in a child process)

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::collections::BTreeMap;
use std::panic::{self, AssertUnwindSafe};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use beyod_streamclient::core::framing::{
    FrameError, LengthFramer, LengthWidth, LineFramer, RecvBuffer, RespFramer,
};
use beyod_streamclient::core::proxy::{Handshake, Proxy, Step};
use beyod_streamclient::core::Target;

// ---------------------------------------------------------------- counting allocator

struct Counting;

thread_local! {
    static CUR: Cell<isize> = const { Cell::new(0) };
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        track(l.size() as isize);
        System.alloc(l)
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        track(-(l.size() as isize));
        System.dealloc(p, l)
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, n: usize) -> *mut u8 {
        track(n as isize - l.size() as isize);
        System.realloc(p, l, n)
    }
}

fn track(d: isize) {
    let _ = CUR.try_with(|c| {
        let v = c.get() + d;
        c.set(v);
        let _ = PEAK.try_with(|p| {
            if v > p.get() {
                p.set(v)
            }
        });
    });
}

#[global_allocator]
static A: Counting = Counting;

/// Runs `f` and returns its result with the peak bytes allocated (above the start) meanwhile.
fn measured<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let base = CUR.with(|c| c.get());
    PEAK.with(|p| p.set(base));
    let r = f();
    let peak = PEAK.with(|p| p.get()) - base;
    (r, peak.max(0) as usize)
}

// ---------------------------------------------------------------- rng

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
    fn chance(&mut self, pct: usize) -> bool {
        self.below(100) < pct
    }
    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len())]
    }
}

// ---------------------------------------------------------------- failures

#[derive(Default)]
struct Report {
    execs: u64,
    failures: Vec<String>,
    known: BTreeMap<String, (u64, String)>,
    crash_dir: PathBuf,
    total_failures: u64,
    per_target: BTreeMap<String, u64>,
}

impl Report {
    fn fail(&mut self, target: &str, what: String, input: &[u8]) {
        self.total_failures += 1;
        let n = self.per_target.entry(target.to_string()).or_insert(0);
        *n += 1;
        if *n <= 3 {
            let _ = std::fs::create_dir_all(&self.crash_dir);
            let path = self
                .crash_dir
                .join(format!("{target}-{}.bin", self.failures.len()));
            let _ = std::fs::write(&path, input);
            self.failures.push(format!(
                "{target}: {what} (input {} bytes: {})",
                input.len(),
                path.display()
            ));
        }
    }
    /// A divergence already reported as an extension bug: counted, one example kept.
    fn known(&mut self, id: &str, example: String) {
        let e = self.known.entry(id.to_string()).or_insert((0, example));
        e.0 += 1;
    }
}

fn show(b: &[u8]) -> String {
    let s: String = b
        .iter()
        .take(80)
        .flat_map(|&c| std::ascii::escape_default(c))
        .map(|c| c as char)
        .collect();
    if b.len() > 80 {
        format!("\"{s}\"… ({} bytes)", b.len())
    } else {
        format!("\"{s}\"")
    }
}

// ---------------------------------------------------------------- framers under test

#[derive(Clone, Debug)]
enum Cfg {
    Line { delim: Vec<u8>, max: usize },
    Length(LengthFramer),
    Resp { max: usize },
}

enum F {
    Line(LineFramer),
    Length(LengthFramer),
    Resp(RespFramer),
}

impl F {
    fn new(c: &Cfg) -> F {
        match c {
            Cfg::Line { delim, max } => F::Line(LineFramer::new(delim, *max).unwrap()),
            Cfg::Length(l) => F::Length(l.clone()),
            Cfg::Resp { max } => F::Resp(RespFramer::new(*max)),
        }
    }
    /// (packet length, a canonical rendering of the packet's value) or an error code.
    fn next(&mut self, buf: &[u8]) -> Result<Option<(usize, String)>, FrameError> {
        Ok(match self {
            F::Line(f) => f.next(buf)?.map(|p| (p.len, show(&buf[..p.value]))),
            F::Length(f) => f.next(buf)?.map(|p| (p.len, show(&buf[p.value..p.len]))),
            F::Resp(f) => f.next(buf)?.map(|p| (p.len, format!("{:?}", p.value))),
        })
    }
    fn reset(&mut self) {
        match self {
            F::Line(f) => f.reset(),
            F::Length(_) => {}
            F::Resp(f) => f.reset(),
        }
    }
}

#[derive(Debug, PartialEq, Clone)]
enum Ev {
    Msg(String),
    Bad(i32),
}

/// Frames `chunks` the way the extension's frame_natively() does. Stops after the first
/// error (what follows depends on how much the discarded buffer held). Also returns the peak
/// allocation of any single next() call relative to the bytes it was given.
fn frame(cfg: &Cfg, chunks: &[&[u8]], alloc_fail: &mut Option<String>) -> Vec<Ev> {
    let mut f = F::new(cfg);
    let mut rb = RecvBuffer::default();
    let mut out = vec![];
    for c in chunks {
        rb.extend(c);
        loop {
            if rb.is_empty() {
                break;
            }
            let given = rb.len();
            let (r, peak) = measured(|| f.next(rb.bytes()));
            let bound = 16 * given + 64 * 1024;
            if peak > bound && alloc_fail.is_none() {
                *alloc_fail = Some(format!(
                    "next() allocated {peak} bytes for a {given}-byte buffer (bound {bound})"
                ));
            }
            match r {
                Ok(None) => break,
                Ok(Some((len, v))) => {
                    assert!(
                        len > 0 && len <= rb.len(),
                        "packet length {len} out of range"
                    );
                    rb.consume(len);
                    out.push(Ev::Msg(v));
                }
                Err(e) => {
                    f.reset();
                    rb.clear();
                    out.push(Ev::Bad(e.code()));
                    return out;
                }
            }
        }
    }
    out
}

// ---------------------------------------------------------------- generators

const HOSTILE_RESP: &[&[u8]] = &[
    b"*2000000000\r\n",
    b"$2147483648\r\n",
    b"$4294967296\r\n",
    b"%2000000000\r\n",
    b"~999999999999\r\n",
    b"$-1\r\n",
    b"*-1\r\n",
    b"$99999999999999999999999\r\n",
    b"|1\r\n",
    b"*1\r\n*1\r\n*1\r\n*1\r\n",
    b"\r\n",
    b"$3\r\nab",
    b",nan\r\n",
    b",-inf\r\n",
    b"=3\r\nabc\r\n",
    b"_\r\n",
    b"#x\r\n",
];

fn gen_resp(r: &mut Rng, depth: usize, out: &mut Vec<u8>) {
    let kinds = if depth > 3 { 9 } else { 14 };
    match r.below(kinds) {
        0 => out.extend_from_slice(format!("+{}\r\n", word(r)).as_bytes()),
        1 => out.extend_from_slice(format!("-ERR {}\r\n", word(r)).as_bytes()),
        2 => out.extend_from_slice(format!(":{}\r\n", r.next() as i64 >> r.below(64)).as_bytes()),
        3 | 4 => {
            let w = blob(r);
            out.extend_from_slice(format!("${}\r\n", w.len()).as_bytes());
            out.extend_from_slice(&w);
            out.extend_from_slice(b"\r\n");
        }
        5 => out.extend_from_slice(b"$-1\r\n"),
        6 => out.extend_from_slice(*r.pick(&[
            &b"_\r\n"[..],
            b"#t\r\n",
            b"#f\r\n",
            b",1.5\r\n",
            b",inf\r\n",
            b"(12345678901234567890\r\n",
        ])),
        7 => {
            let w = blob(r);
            out.extend_from_slice(format!("={}\r\ntxt:", w.len() + 4).as_bytes());
            out.extend_from_slice(&w);
            out.extend_from_slice(b"\r\n");
        }
        8 => {
            let w = blob(r);
            out.extend_from_slice(format!("!{}\r\n", w.len()).as_bytes());
            out.extend_from_slice(&w);
            out.extend_from_slice(b"\r\n");
        }
        9..=11 => {
            let n = r.below(5);
            let t = *r.pick(&[b'*', b'~', b'>']);
            out.push(t);
            out.extend_from_slice(format!("{n}\r\n").as_bytes());
            for _ in 0..n {
                gen_resp(r, depth + 1, out);
            }
        }
        _ => {
            let n = r.below(3);
            let t = if r.chance(20) { b'|' } else { b'%' };
            out.push(t);
            out.extend_from_slice(format!("{n}\r\n").as_bytes());
            for _ in 0..2 * n {
                gen_resp(r, depth + 1, out);
            }
            if t == b'|' {
                gen_resp(r, depth + 1, out);
            }
        }
    }
}

fn word(r: &mut Rng) -> String {
    let n = r.below(12);
    (0..n).map(|_| (b'a' + r.below(26) as u8) as char).collect()
}

fn blob(r: &mut Rng) -> Vec<u8> {
    let n = if r.chance(5) {
        r.below(3000)
    } else {
        r.below(24)
    };
    (0..n).map(|_| r.next() as u8).collect()
}

fn mutate(r: &mut Rng, v: &mut Vec<u8>, tokens: &[&[u8]]) {
    for _ in 0..1 + r.below(3) {
        match r.below(7) {
            0 if !v.is_empty() => {
                let i = r.below(v.len());
                v[i] ^= 1 << r.below(8);
            }
            1 if !v.is_empty() => {
                let i = r.below(v.len());
                v[i] = *r.pick(b"\r\n*$%|~>:+-_#,=!(0123456789");
            }
            2 => {
                let i = r.below(v.len() + 1);
                let t = r.pick(tokens);
                v.splice(i..i, t.iter().copied());
            }
            3 if !v.is_empty() => {
                let n = r.below(v.len()) + 1;
                v.truncate(n);
            }
            4 if !v.is_empty() && v.len() < 100_000 => {
                let a = r.below(v.len());
                let b = a + r.below(v.len() - a).min(64);
                let piece = v[a..=b.min(v.len() - 1)].to_vec();
                let i = r.below(v.len() + 1);
                v.splice(i..i, piece);
            }
            5 if !v.is_empty() => {
                let i = r.below(v.len());
                v.remove(i);
            }
            _ => {}
        }
    }
}

fn gen_line_cfg(r: &mut Rng) -> Cfg {
    let delim = r
        .pick(&[&b"\n"[..], b"\r\n", b"\0", b"END", b"\r\n\r\n", b"aa"])
        .to_vec();
    let max = *r.pick(&[0usize, 1, 4, 16, 64, 1 << 20]);
    Cfg::Line { delim, max }
}

fn gen_line_input(r: &mut Rng, cfg: &Cfg) -> Vec<u8> {
    let Cfg::Line { delim, .. } = cfg else {
        unreachable!()
    };
    let mut v = vec![];
    for _ in 0..r.below(8) {
        let n = if r.chance(10) {
            r.below(200)
        } else {
            r.below(20)
        };
        for _ in 0..n {
            // bytes of the delimiter appear inside lines too
            v.push(if r.chance(15) {
                *r.pick(delim)
            } else {
                b'a' + r.below(3) as u8
            });
        }
        v.extend_from_slice(delim);
    }
    if r.chance(50) {
        mutate(r, &mut v, &[delim.as_slice(), b"\r", b"\n"]);
    }
    v
}

fn gen_length_cfg(r: &mut Rng) -> Cfg {
    let (t, w) = *r.pick(&[
        ("C", 1usize),
        ("n", 2),
        ("v", 2),
        ("N", 4),
        ("V", 4),
        ("J", 8),
        ("P", 8),
    ]);
    let (width, big_endian) = LengthFramer::from_pack_type(t).unwrap();
    let offset = r.below(4);
    let body_offset = offset + w + r.below(3);
    Cfg::Length(LengthFramer {
        width,
        big_endian,
        offset,
        body_offset,
        includes_header: r.chance(30),
        max: *r.pick(&[0usize, 8, 100, 1 << 20]),
    })
}

fn gen_length_input(r: &mut Rng, cfg: &Cfg) -> Vec<u8> {
    let Cfg::Length(f) = cfg else { unreachable!() };
    let mut v = vec![];
    for _ in 0..r.below(6) {
        let body = blob(r);
        let limit = match f.width {
            LengthWidth::U8 => 200,
            LengthWidth::U16 => 60000,
            _ => usize::MAX,
        };
        if body.len() > limit {
            continue;
        }
        v.extend_from_slice(&f.header_for(body.len()));
        v.extend_from_slice(&body);
    }
    if r.chance(50) {
        mutate(
            r,
            &mut v,
            &[
                &[0x80, 0, 0, 0][..],
                &[0xff; 8],
                &[0x7f, 0xff, 0xff, 0xff],
                &[0; 4],
            ],
        );
    }
    v
}

const TARGET_PIECES: &[&str] = &[
    "tcp://",
    "unix://",
    "udp://",
    "udg://",
    "ssl://",
    "tls://",
    "sslv2://",
    "TCP://",
    "://",
    "[",
    "]",
    ":",
    "::1",
    "127.0.0.1",
    "localhost",
    "6379",
    "0",
    "65535",
    "65536",
    "-1",
    "/",
    "/tmp/a.sock",
    "é",
    "\u{0}",
    "%",
    "@",
    " ",
    "99999999999999999999",
    "fe80::1%eth0",
    "[::1]:80",
    "a.b.c",
    "ssl",
];

fn gen_target(r: &mut Rng) -> String {
    let mut s = String::new();
    for _ in 0..1 + r.below(6) {
        s.push_str(*r.pick(TARGET_PIECES));
    }
    if r.chance(20) {
        let mut b = s.into_bytes();
        mutate(r, &mut b, &[b":", b"[", b"]"]);
        s = String::from_utf8_lossy(&b).into_owned();
    }
    s
}

const PROXY_PIECES: &[&str] = &[
    "socks5://",
    "socks5h://",
    "http://",
    "HTTP://",
    "ftp://",
    "user",
    ":",
    "pass",
    "@",
    "%41",
    "%",
    "%z",
    "%a",
    "é",
    "ü",
    "日本",
    "127.0.0.1",
    "[::1]",
    "]:",
    "1080",
    "0",
    "65536",
    "/",
    "proxy.local",
    "%%",
    "%4",
    "\u{0}",
];

fn gen_proxy(r: &mut Rng) -> String {
    let mut s = String::new();
    for _ in 0..1 + r.below(8) {
        s.push_str(*r.pick(PROXY_PIECES));
    }
    s
}

fn gen_proxy_reply(r: &mut Rng, socks: bool) -> Vec<u8> {
    let mut v: Vec<u8> = if socks {
        let mut v = vec![5, *r.pick(&[0u8, 2, 0xff, 1])];
        if r.chance(50) {
            v.extend_from_slice(&[1, 0]);
        }
        v.extend_from_slice(&[5, *r.pick(&[0u8, 0, 1, 5, 9]), 0, *r.pick(&[1u8, 3, 4, 7])]);
        let n = r.below(20);
        v.push(n as u8);
        v.extend((0..n + 6).map(|_| r.next() as u8));
        v
    } else {
        let code = r.pick(&["200", "407", "502", "2", "abc", ""]);
        let mut s = format!("HTTP/1.{} {code} Reason\r\n", r.below(3)).into_bytes();
        for _ in 0..r.below(4) {
            s.extend_from_slice(b"X-H: v\r\n");
        }
        if r.chance(5) {
            s.extend(std::iter::repeat(b'x').take(20_000));
        }
        s.extend_from_slice(b"\r\n");
        s.extend_from_slice(b"leftover");
        s
    };
    if r.chance(40) {
        mutate(r, &mut v, &[b"\r\n\r\n", b"HTTP/1.1 ", &[5, 0]]);
    }
    v
}

// ---------------------------------------------------------------- properties

fn caught<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    panic::catch_unwind(AssertUnwindSafe(f)).map_err(|e| {
        e.downcast_ref::<String>()
            .cloned()
            .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_else(|| "panic".into())
    })
}

/// A split divergence that is documented behaviour, not a bug: a RESP reply that is both
/// malformed and larger than max_packet_size is refused with code 30 or 100, whichever of the
/// two the parser meets first in the bytes it has (README, "Native framers"). The messages
/// before it agree, and both runs stop at that reply.
fn documented_divergence(cfg: &Cfg, whole: &[Ev], split: &[Ev]) -> bool {
    if !matches!(cfg, Cfg::Resp { max } if *max > 0) || whole.len() != split.len() {
        return false;
    }
    let n = whole.len();
    n > 0
        && whole[..n - 1] == split[..n - 1]
        && matches!(
            (&whole[n - 1], &split[n - 1]),
            (Ev::Bad(30), Ev::Bad(100)) | (Ev::Bad(100), Ev::Bad(30))
        )
}

/// A split divergence that is a known, reported extension bug (so the harness can keep
/// looking for new ones): returns its id.
fn known_divergence(cfg: &Cfg, whole: &[Ev], split: &[Ev]) -> Option<&'static str> {
    // The two runs agree on the messages up to where one of them reports code 100.
    let n = whole.len().min(split.len());
    let first_diff = (0..n).find(|&i| whole[i] != split[i]).unwrap_or(n);
    let at_large = |v: &[Ev]| v.get(first_diff) == Some(&Ev::Bad(100));
    match cfg {
        Cfg::Line { delim, max } if delim.len() > 1 && *max > 0 && at_large(split) => {
            Some("line-partial-delimiter-counts-toward-max")
        }
        _ => None,
    }
}

fn check_framing(
    r: &mut Rng,
    cfg: &Cfg,
    input: &[u8],
    name: &str,
    rep: &mut Report,
    skip_known: bool,
) {
    rep.execs += 1;
    let mut alloc = None;
    let whole = match caught(|| frame(cfg, &[input], &mut alloc)) {
        Ok(v) => v,
        Err(p) => return rep.fail(name, format!("panic {p} with {cfg:?}"), input),
    };
    if let Some(a) = alloc.take() {
        return rep.fail(name, format!("{a} with {cfg:?}"), input);
    }
    // one split at a random point, and a random chunking
    let k = r.below(input.len() + 1);
    let mut cuts = vec![0, k, input.len()];
    if input.len() > 2 {
        for _ in 0..r.below(6) {
            cuts.push(r.below(input.len()));
        }
    }
    cuts.sort();
    let chunks: Vec<&[u8]> = cuts.windows(2).map(|w| &input[w[0]..w[1]]).collect();
    let split = match caught(|| frame(cfg, &chunks, &mut alloc)) {
        Ok(v) => v,
        Err(p) => return rep.fail(name, format!("panic {p} (split) with {cfg:?}"), input),
    };
    if let Some(a) = alloc {
        return rep.fail(name, format!("{a} (split) with {cfg:?}"), input);
    }
    if whole != split && !documented_divergence(cfg, &whole, &split) {
        if let Some(id) = known_divergence(cfg, &whole, &split) {
            let ex = format!(
                "{cfg:?} input {} cut at {:?}: whole {:?} / split {:?}",
                show(input),
                &cuts[1..cuts.len() - 1],
                whole,
                split
            );
            rep.known(id, ex);
            if skip_known {
                return;
            }
        }
        rep.fail(
            name,
            format!(
                "split changes framing with {cfg:?}, cuts {:?}: whole {:?} / split {:?}",
                &cuts[1..cuts.len() - 1],
                whole,
                split
            ),
            input,
        );
    }
}

fn check_every_split(cfg: &Cfg, input: &[u8], name: &str, rep: &mut Report, skip_known: bool) {
    let mut none = None;
    let whole = frame(cfg, &[input], &mut none);
    for k in 0..=input.len() {
        rep.execs += 1;
        let split = match caught(|| frame(cfg, &[&input[..k], &input[k..]], &mut none)) {
            Ok(v) => v,
            Err(p) => return rep.fail(name, format!("panic {p} at split {k}"), input),
        };
        if split != whole && !documented_divergence(cfg, &whole, &split) {
            if let Some(id) = known_divergence(cfg, &whole, &split) {
                rep.known(
                    id,
                    format!(
                        "{cfg:?} input {} cut at {k}: whole {whole:?} / split {split:?}",
                        show(input)
                    ),
                );
                if skip_known {
                    continue;
                }
            }
            return rep.fail(
                name,
                format!(
                    "split at {k} changes framing with {cfg:?}: whole {whole:?} / split {split:?}"
                ),
                input,
            );
        }
    }
}

fn check_target(s: &str, rep: &mut Report) {
    rep.execs += 1;
    let res = caught(|| {
        let t = Target::parse(s);
        if let Ok(t) = &t {
            let again = Target::parse(&t.to_string());
            if again.as_ref().ok() != Some(t) {
                return Err(format!(
                    "display {:?} does not parse back: {again:?}",
                    t.to_string()
                ));
            }
        }
        Ok(())
    });
    match res {
        Err(p) => rep.fail("target", format!("panic {p} on {s:?}"), s.as_bytes()),
        Ok(Err(e)) => rep.fail("target", e, s.as_bytes()),
        Ok(Ok(())) => {}
    }
}

fn check_proxy(s: &str, rep: &mut Report, skip_known: bool) {
    rep.execs += 1;
    if let Err(p) = caught(|| Proxy::parse(s)) {
        if p.contains("is not a char boundary") {
            rep.known(
                "proxy-percent-decode-slices-inside-a-utf8-char",
                format!("Proxy::parse({s:?}) panics: {p}"),
            );
            if skip_known {
                return;
            }
        }
        rep.fail(
            "proxy",
            format!("panic {p} in Proxy::parse({s:?})"),
            s.as_bytes(),
        );
    }
}

fn check_handshake(r: &mut Rng, rep: &mut Report) {
    rep.execs += 1;
    let socks = r.chance(50);
    let proxy = Proxy {
        kind: if socks {
            beyod_streamclient::core::proxy::ProxyKind::Socks5
        } else {
            beyod_streamclient::core::proxy::ProxyKind::HttpConnect
        },
        host: "127.0.0.1".into(),
        port: 1080,
        credentials: r.chance(50).then(|| ("u".to_string(), "p".to_string())),
    };
    let host = r.pick(&["example.com", "10.0.0.1", "::1", ""]).to_string();
    let reply = gen_proxy_reply(r, socks);
    let res = caught(|| {
        let (mut h, _first) = Handshake::start(&proxy, &host, 6379);
        let mut i = 0;
        let mut steps = 0;
        while i < reply.len() {
            let n = 1 + r.below(reply.len() - i);
            let (step, peak) = measured(|| h.on_bytes(&reply[i..i + n]));
            if peak > 16 * reply.len() + 64 * 1024 {
                return Err(format!("on_bytes allocated {peak} bytes"));
            }
            i += n;
            steps += 1;
            match step {
                Ok(Step::Done { .. }) | Err(_) => return Ok(()),
                Ok(_) => {}
            }
            if steps > reply.len() + 10 {
                return Err("handshake does not progress".into());
            }
        }
        Ok(())
    });
    match res {
        Err(p) => rep.fail("handshake", format!("panic {p}"), &reply),
        Ok(Err(e)) => rep.fail("handshake", e, &reply),
        Ok(Ok(())) => {}
    }
}

// ---------------------------------------------------------------- fixed hostile inputs

fn hostile(rep: &mut Report) {
    let mb8 = 8 << 20;
    let n32 = LengthFramer {
        width: LengthWidth::U32,
        big_endian: true,
        offset: 0,
        body_offset: 4,
        includes_header: false,
        max: mb8,
    };
    let n64 = LengthFramer {
        width: LengthWidth::U64,
        ..n32.clone()
    };
    let nolimit = LengthFramer {
        max: 0,
        ..n32.clone()
    };
    let long_line = vec![b'x'; mb8 + 1];
    let deep: Vec<u8> = b"*1\r\n"
        .repeat(200)
        .into_iter()
        .chain(b":1\r\n".iter().copied())
        .collect();
    let cases: Vec<(&str, Cfg, Vec<u8>, i32)> = vec![
        (
            "resp *2000000000",
            Cfg::Resp { max: mb8 },
            b"*2000000000\r\n".to_vec(),
            100,
        ),
        (
            "resp *2000000000 without max",
            Cfg::Resp { max: 0 },
            b"*2000000000\r\n:1\r\n".to_vec(),
            0,
        ),
        (
            "resp $2147483648",
            Cfg::Resp { max: mb8 },
            b"$2147483648\r\n".to_vec(),
            100,
        ),
        (
            "resp %2000000000",
            Cfg::Resp { max: mb8 },
            b"%2000000000\r\n".to_vec(),
            100,
        ),
        (
            "resp $-5 (negative bulk = null)",
            Cfg::Resp { max: mb8 },
            b"$-5\r\n".to_vec(),
            -1,
        ),
        ("resp *-5", Cfg::Resp { max: mb8 }, b"*-5\r\n".to_vec(), -1),
        (
            "resp $99999999999999999999",
            Cfg::Resp { max: mb8 },
            b"$99999999999999999999\r\n".to_vec(),
            30,
        ),
        ("resp nested 200 deep", Cfg::Resp { max: mb8 }, deep, 30),
        (
            "resp 8 MiB line without CRLF",
            Cfg::Resp { max: mb8 },
            {
                let mut v = b"+".to_vec();
                v.extend(std::iter::repeat(b'x').take(mb8 + 1));
                v
            },
            100,
        ),
        (
            "length N 0x80000000 (2 GB)",
            Cfg::Length(n32.clone()),
            vec![0x80, 0, 0, 0],
            100,
        ),
        ("length N 0xffffffff", Cfg::Length(n32), vec![0xff; 4], 100),
        ("length J u64::MAX", Cfg::Length(n64), vec![0xff; 8], 100),
        (
            "length N 2 GB, no max",
            Cfg::Length(nolimit),
            vec![0x80, 0, 0, 0, 1, 2, 3],
            0,
        ),
        (
            "line of 8 MiB + 1 without end",
            Cfg::Line {
                delim: b"\n".to_vec(),
                max: mb8,
            },
            long_line,
            100,
        ),
    ];
    println!("hostile inputs (each framed whole; time and peak allocation of the framing):");
    for (name, cfg, input, want) in cases {
        rep.execs += 1;
        let mut f = F::new(&cfg);
        let t = Instant::now();
        let (r, peak) = measured(|| caught(|| f.next(&input)));
        let dt = t.elapsed();
        let got = match &r {
            Ok(Ok(Some(_))) => -1,
            Ok(Ok(None)) => 0,
            Ok(Err(e)) => e.code(),
            Err(_) => -2,
        };
        let ok = got == want
            && dt < Duration::from_millis(200)
            && peak <= 64 * 1024 + 2 * input.len().min(1024);
        println!(
            "  {} {name}: {} in {:.3} ms, peak alloc {} B",
            if ok { "ok  " } else { "FAIL" },
            match &r {
                Ok(Ok(Some(p))) => format!("packet of {} bytes", p.0),
                Ok(Ok(None)) => "needs more bytes (nothing allocated ahead)".into(),
                Ok(Err(e)) => format!("error {}: {e}", e.code()),
                Err(p) => format!("PANIC {p}"),
            },
            dt.as_secs_f64() * 1e3,
            peak
        );
        if !ok {
            rep.fail(
                "hostile",
                format!("{name}: expected {want}, got {got} in {dt:?}, peak {peak}"),
                &input,
            );
        }
    }
}

// ---------------------------------------------------------------- main

fn corpus_seeds(dir: &PathBuf, sub: &str) -> Vec<Vec<u8>> {
    let mut v = vec![];
    if let Ok(rd) = std::fs::read_dir(dir.join(sub)) {
        let mut paths: Vec<_> = rd.flatten().map(|e| e.path()).collect();
        paths.sort();
        for p in paths {
            if let Ok(b) = std::fs::read(&p) {
                v.push(b);
            }
        }
    }
    v
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    if let Some(n) = arg("--attr-chain") {
        // Separate mode: a stack overflow aborts the process, so the caller runs this in a child.
        let n: usize = n.parse().unwrap();
        let mut buf = b"|0\r\n".repeat(n);
        buf.extend_from_slice(b":1\r\n");
        let mut f = RespFramer::new(8 << 20);
        let t = Instant::now();
        let r = f.next(&buf);
        println!(
            "attr chain of {n}: {:?} in {:?}",
            r.map(|p| p.map(|p| p.len)),
            t.elapsed()
        );
        return;
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let corpus = arg("--corpus")
        .map(PathBuf::from)
        .unwrap_or(root.join("corpus"));
    let mut rep = Report {
        crash_dir: root.join("crashes"),
        ..Default::default()
    };
    let skip_known = arg("--known-bugs").as_deref() != Some("check");
    if args.iter().any(|a| a == "--hostile") {
        hostile(&mut rep);
        finish(rep, 0.0, skip_known);
        return;
    }
    // no panic message spam: failures are collected and printed at the end
    panic::set_hook(Box::new(|_| {}));
    let seconds: f64 = arg("--seconds").map(|s| s.parse().unwrap()).unwrap_or(10.0);
    let seed: u64 = arg("--seed")
        .map(|s| s.parse().unwrap())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
                | 1
        });
    let which = arg("--target").unwrap_or_else(|| "all".into());
    let targets: Vec<&str> = ["line", "length", "resp", "target", "proxy", "handshake"]
        .into_iter()
        .filter(|t| which == "all" || which == *t)
        .collect();
    println!(
        "seed {seed}; {seconds} s over {targets:?}; corpus {}",
        corpus.display()
    );
    let mut r = Rng(seed);
    let per = seconds / targets.len() as f64;
    for t in &targets {
        let seeds = corpus_seeds(&corpus, t);
        let before = rep.execs;
        let start = Instant::now();
        // seeds first, each at every split point
        for s in &seeds {
            match *t {
                "resp" => check_every_split(&Cfg::Resp { max: 0 }, s, "resp", &mut rep, skip_known),
                "line" => {
                    check_every_split(
                        &Cfg::Line {
                            delim: b"\n".to_vec(),
                            max: 0,
                        },
                        s,
                        "line",
                        &mut rep,
                        skip_known,
                    );
                    check_every_split(
                        &Cfg::Line {
                            delim: b"\r\n".to_vec(),
                            max: 0,
                        },
                        s,
                        "line",
                        &mut rep,
                        skip_known,
                    );
                }
                "length" => {
                    let cfg = Cfg::Length(LengthFramer {
                        width: LengthWidth::U32,
                        big_endian: true,
                        offset: 0,
                        body_offset: 4,
                        includes_header: false,
                        max: 1 << 20,
                    });
                    check_every_split(&cfg, s, "length", &mut rep, skip_known)
                }
                "target" => check_target(&String::from_utf8_lossy(s), &mut rep),
                "proxy" => check_proxy(&String::from_utf8_lossy(s), &mut rep, skip_known),
                _ => {}
            }
        }
        let deadline = Duration::from_secs_f64(per);
        while start.elapsed() < deadline {
            for _ in 0..64 {
                match *t {
                    "line" => {
                        let cfg = gen_line_cfg(&mut r);
                        let input = gen_line_input(&mut r, &cfg);
                        check_framing(&mut r, &cfg, &input, "line", &mut rep, skip_known);
                    }
                    "length" => {
                        let cfg = gen_length_cfg(&mut r);
                        let input = gen_length_input(&mut r, &cfg);
                        check_framing(&mut r, &cfg, &input, "length", &mut rep, skip_known);
                    }
                    "resp" => {
                        let mut input = vec![];
                        if !seeds.is_empty() && r.chance(30) {
                            input = r.pick(&seeds).clone();
                        } else {
                            for _ in 0..1 + r.below(4) {
                                gen_resp(&mut r, 0, &mut input);
                            }
                        }
                        if r.chance(50) {
                            mutate(&mut r, &mut input, HOSTILE_RESP);
                        }
                        let max = *r.pick(&[0usize, 0, 16, 256, 1 << 20]);
                        check_framing(
                            &mut r,
                            &Cfg::Resp { max },
                            &input,
                            "resp",
                            &mut rep,
                            skip_known,
                        );
                    }
                    "target" => {
                        let s = gen_target(&mut r);
                        check_target(&s, &mut rep);
                    }
                    "proxy" => {
                        let s = gen_proxy(&mut r);
                        check_proxy(&s, &mut rep, skip_known);
                    }
                    _ => check_handshake(&mut r, &mut rep),
                }
            }
        }
        let n = rep.execs - before;
        let dt = start.elapsed().as_secs_f64();
        println!(
            "  {t:10} {n:>9} execs in {dt:5.1} s = {:>8.0} execs/s",
            n as f64 / dt
        );
    }
    finish(rep, seconds, skip_known);
}

fn finish(rep: Report, _seconds: f64, skip_known: bool) {
    for (id, (n, ex)) in &rep.known {
        println!(
            "KNOWN BUG {id}: {n} inputs{} — e.g. {ex}",
            if skip_known {
                " (not counted as failures: --known-bugs check to fail on them)"
            } else {
                ""
            }
        );
    }
    for f in &rep.failures {
        println!("FAIL {f}");
    }
    println!(
        "fuzz: {} executions, {} failures{}",
        rep.execs,
        rep.total_failures,
        if rep.total_failures > rep.failures.len() as u64 {
            " (first 3 per target shown)"
        } else {
            ""
        }
    );
    std::process::exit(if rep.total_failures == 0 { 0 } else { 1 });
}
