//! Bytes accepted by `send()` and not yet written to the socket.
//!
//! Large chunks are kept as the caller handed them (no copy); small ones are appended to the
//! queue's last chunk (a stream's bytes only: datagrams stay apart), so many small sends cost
//! neither an allocation each nor an `iovec` each. The queue is flushed with `writev`, so a
//! burst of sends queued during one tick costs one syscall per 64 KiB or so.

use std::collections::VecDeque;
use std::io::{self, IoSlice, Write};

/// At most this many chunks go into one `writev` (IOV_MAX is 1024 on Linux).
const MAX_IOV: usize = 64;

/// Pieces up to this size are copied onto the last chunk instead of queued as their own.
const COALESCE_MAX: usize = 4 * 1024;

/// A chunk grows by small pieces up to this size; then a new one starts.
const CHUNK_MAX: usize = 64 * 1024;

/// What `send()` queues: bytes the caller hands over, pieces (a message and its delimiter,
/// still in PHP's strings) copied in as one, or bytes written in place by the caller's
/// encoder (no buffer in between).
pub enum Piece<'a> {
    Owned(Vec<u8>),
    Parts(&'a [&'a [u8]]),
    /// Exactly this many bytes, appended to the vector it is given by the writer.
    Written(usize, &'a dyn Fn(&mut Vec<u8>)),
}

impl std::fmt::Debug for Piece<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Piece::Owned(b) => f.debug_tuple("Owned").field(&b.len()).finish(),
            Piece::Parts(p) => f.debug_tuple("Parts").field(&p.len()).finish(),
            Piece::Written(n, _) => f.debug_tuple("Written").field(n).finish(),
        }
    }
}

impl Piece<'_> {
    pub fn len(&self) -> usize {
        match self {
            Piece::Owned(b) => b.len(),
            Piece::Parts(p) => p.iter().map(|p| p.len()).sum(),
            Piece::Written(n, _) => *n,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn into_vec(self) -> Vec<u8> {
        match self {
            Piece::Owned(b) => b,
            Piece::Parts(p) => p.concat(),
            Piece::Written(n, write) => {
                let mut b = Vec::with_capacity(n);
                write(&mut b);
                debug_assert_eq!(b.len(), n, "a Piece::Written wrote another length");
                b
            }
        }
    }
}

impl From<Vec<u8>> for Piece<'_> {
    fn from(b: Vec<u8>) -> Self {
        Piece::Owned(b)
    }
}

#[derive(Debug, Default)]
pub struct SendQueue {
    chunks: VecDeque<Vec<u8>>,
    /// Bytes of the front chunk already written.
    head: usize,
    len: usize,
    high_water: usize,
    /// Each chunk is a datagram: never merged.
    datagrams: bool,
}

/// What a flush achieved.
#[derive(Debug, PartialEq, Eq)]
pub enum Flush {
    /// Everything is written.
    Drained,
    /// The socket would block with bytes left.
    Blocked,
}

impl SendQueue {
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The largest number of bytes ever queued at once.
    pub fn high_water(&self) -> usize {
        self.high_water
    }

    /// A queue whose chunks are datagrams (each written whole, never merged).
    pub fn for_datagrams() -> Self {
        SendQueue {
            datagrams: true,
            ..SendQueue::default()
        }
    }

    pub fn push(&mut self, bytes: Vec<u8>) {
        if bytes.is_empty() {
            return;
        }
        if self.coalesces(bytes.len()) {
            return self.append(&[&bytes], bytes.len());
        }
        self.count(bytes.len());
        self.chunks.push_back(bytes);
    }

    pub fn push_piece(&mut self, piece: Piece<'_>) {
        match piece {
            Piece::Owned(b) => self.push(b),
            Piece::Parts(p) => self.push_parts(p),
            Piece::Written(n, write) => self.push_written(n, write),
        }
    }

    /// Queues the `n` bytes `write` appends: written onto the last chunk when small (see
    /// [`SendQueue::push_parts`]), else into a new chunk of their own.
    pub fn push_written(&mut self, n: usize, write: &dyn Fn(&mut Vec<u8>)) {
        if n == 0 {
            return;
        }
        if self.coalesces(n) {
            let back = self
                .chunks
                .back_mut()
                .expect("coalesces() saw a last chunk");
            let before = back.len();
            back.reserve(n);
            write(back);
            debug_assert_eq!(
                back.len() - before,
                n,
                "a Piece::Written wrote another length"
            );
        } else {
            let mut chunk = Vec::with_capacity(n);
            write(&mut chunk);
            debug_assert_eq!(chunk.len(), n, "a Piece::Written wrote another length");
            self.chunks.push_back(chunk);
        }
        self.count(n);
    }

    /// Queues the concatenation of `parts` (a message and its delimiter, say) as one piece:
    /// copied onto the last chunk when small, else one new chunk.
    pub fn push_parts(&mut self, parts: &[&[u8]]) {
        let n: usize = parts.iter().map(|p| p.len()).sum();
        if n == 0 {
            return;
        }
        if self.coalesces(n) {
            return self.append(parts, n);
        }
        let mut chunk = Vec::with_capacity(n);
        parts.iter().for_each(|p| chunk.extend_from_slice(p));
        self.count(n);
        self.chunks.push_back(chunk);
    }

    /// Whether `n` more bytes go onto the last chunk: a stream's small piece behind a chunk
    /// that is not full yet (a lone piece in an empty queue stays as it came: no copy).
    fn coalesces(&self, n: usize) -> bool {
        !self.datagrams
            && n <= COALESCE_MAX
            && self.chunks.back().is_some_and(|b| b.len() + n <= CHUNK_MAX)
    }

    /// Copies `parts` (`n` bytes in all) onto the last chunk.
    fn append(&mut self, parts: &[&[u8]], n: usize) {
        let back = self
            .chunks
            .back_mut()
            .expect("coalesces() saw a last chunk");
        // The caller's own vector grows in place (doubling: amortised one copy per byte).
        back.reserve(n);
        parts.iter().for_each(|p| back.extend_from_slice(p));
        self.count(n);
    }

    fn count(&mut self, n: usize) {
        self.len += n;
        self.high_water = self.high_water.max(self.len);
    }

    /// Everything not yet written, in its chunks (a partly written first chunk keeps only its
    /// unwritten part; a datagram queue's chunks are its datagrams). The queue is left empty.
    pub fn take_unwritten(&mut self) -> Vec<Vec<u8>> {
        let mut chunks: Vec<Vec<u8>> = std::mem::take(&mut self.chunks).into();
        if let Some(first) = chunks.first_mut() {
            first.drain(..self.head);
        }
        self.head = 0;
        self.len = 0;
        chunks
    }

    pub fn clear(&mut self) {
        self.chunks.clear();
        self.head = 0;
        self.len = 0;
    }

    /// Writes as much as the writer takes. `Interrupted` is retried; other errors are returned.
    pub fn flush_to<W: Write>(&mut self, w: &mut W) -> io::Result<Flush> {
        while !self.is_empty() {
            let mut slices: [IoSlice<'_>; MAX_IOV] = [IoSlice::new(&[]); MAX_IOV];
            let mut n = 0;
            for (i, chunk) in self.chunks.iter().take(MAX_IOV).enumerate() {
                slices[i] = IoSlice::new(if i == 0 { &chunk[self.head..] } else { chunk });
                n += 1;
            }
            match w.write_vectored(&slices[..n]) {
                Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
                Ok(written) => self.consume(written),
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return Ok(Flush::Blocked),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(Flush::Drained)
    }

    /// Sends each chunk as one datagram (never merged, never split).
    pub fn flush_datagrams_to<W: Write>(&mut self, w: &mut W) -> io::Result<Flush> {
        while let Some(front) = self.chunks.front() {
            match w.write(front) {
                Ok(_) => {
                    let n = front.len();
                    self.chunks.pop_front();
                    self.len -= n;
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return Ok(Flush::Blocked),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    // A datagram the network refused is gone (UDP semantics); the rest still goes.
                    let n = front.len();
                    self.chunks.pop_front();
                    self.len -= n;
                    return Err(e);
                }
            }
        }
        self.head = 0;
        Ok(Flush::Drained)
    }

    fn consume(&mut self, mut written: usize) {
        self.len -= written;
        while written > 0 {
            let front_left = self.chunks[0].len() - self.head;
            if written >= front_left {
                written -= front_left;
                if let Some(chunk) = self.chunks.pop_front() {
                    super::connection::recycle_read_buffer(chunk);
                }
                self.head = 0;
            } else {
                self.head += written;
                written = 0;
            }
        }
        if self.chunks.is_empty() {
            // An idle connection keeps no buffer memory.
            self.chunks = VecDeque::new();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A writer that takes at most `cap` bytes per call, then blocks after `budget` bytes.
    struct Trickle {
        out: Vec<u8>,
        cap: usize,
        budget: usize,
    }

    impl Write for Trickle {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.budget == 0 {
                return Err(io::ErrorKind::WouldBlock.into());
            }
            let n = buf.len().min(self.cap).min(self.budget);
            self.out.extend_from_slice(&buf[..n]);
            self.budget -= n;
            Ok(n)
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn partial_writes_keep_order_and_resume_mid_chunk() {
        let mut q = SendQueue::default();
        q.push(b"hello ".to_vec());
        q.push(b"".to_vec());
        q.push(b"world".to_vec());
        assert_eq!(q.len(), 11);
        let mut w = Trickle {
            out: vec![],
            cap: 4,
            budget: 7,
        };
        assert_eq!(q.flush_to(&mut w).unwrap(), Flush::Blocked);
        assert_eq!(q.len(), 4);
        w.budget = 100;
        assert_eq!(q.flush_to(&mut w).unwrap(), Flush::Drained);
        assert_eq!(w.out, b"hello world");
        assert!(q.is_empty());
        assert_eq!(q.high_water(), 11);
    }

    #[test]
    fn small_pieces_share_a_chunk_large_ones_and_datagrams_stay_apart() {
        let mut q = SendQueue::default();
        q.push(b"first".to_vec());
        for i in 0..1000u32 {
            q.push_parts(&[format!("line {i}").as_bytes(), b"\r\n"]);
        }
        assert_eq!(
            q.chunks.len(),
            1,
            "a lone piece, then small ones appended to it"
        );
        q.push(vec![7; COALESCE_MAX + 1]);
        q.push(b"tail".to_vec());
        assert_eq!(
            q.chunks.len(),
            2,
            "a large piece is its own chunk, small ones follow it"
        );
        let big = q.chunks.back().unwrap().len();
        assert_eq!(big, COALESCE_MAX + 1 + 4);
        for _ in 0..100 {
            q.push(vec![1; 1000]);
        }
        assert!(q.chunks.iter().all(|c| c.len() <= CHUNK_MAX + COALESCE_MAX));
        let mut expect = b"first".to_vec();
        (0..1000u32).for_each(|i| expect.extend_from_slice(format!("line {i}\r\n").as_bytes()));
        expect.extend(vec![7; COALESCE_MAX + 1]);
        expect.extend_from_slice(b"tail");
        expect.extend(vec![1; 100_000]);
        assert_eq!(q.len(), expect.len());
        // written in pieces, resumed mid-chunk while more is appended to the front chunk
        let mut w = Trickle {
            out: vec![],
            cap: 3,
            budget: 10,
        };
        assert_eq!(q.flush_to(&mut w).unwrap(), Flush::Blocked);
        let mut late = SendQueue::default();
        late.push(b"x".to_vec());
        late.push(b"yz".to_vec());
        assert_eq!(late.chunks.len(), 1);
        late.head = 1;
        late.push(b"!".to_vec());
        assert_eq!(late.take_unwritten(), vec![b"yz!".to_vec()]);
        w.budget = usize::MAX;
        w.cap = usize::MAX;
        assert_eq!(q.flush_to(&mut w).unwrap(), Flush::Drained);
        assert_eq!(w.out, expect);

        let mut d = SendQueue::for_datagrams();
        d.push(b"one".to_vec());
        d.push_parts(&[b"two", b"\n"]);
        assert_eq!(d.take_unwritten(), vec![b"one".to_vec(), b"two\n".to_vec()]);
    }

    #[test]
    fn written_pieces_go_onto_the_last_chunk_or_into_their_own() {
        let mut q = SendQueue::default();
        q.push_piece(Piece::Written(0, &|_: &mut Vec<u8>| {}));
        assert!(q.is_empty());
        q.push(b"head".to_vec());
        let small = |b: &mut Vec<u8>| b.extend_from_slice(b"*1\r\n$4\r\nPING\r\n");
        for _ in 0..3 {
            q.push_piece(Piece::Written(14, &small));
        }
        assert_eq!(q.chunks.len(), 1, "written onto the last chunk");
        let big = |b: &mut Vec<u8>| b.extend(std::iter::repeat_n(b'b', COALESCE_MAX + 1));
        q.push_piece(Piece::Written(COALESCE_MAX + 1, &big));
        assert_eq!(q.chunks.len(), 2, "a large piece is its own chunk");
        let mut d = SendQueue::for_datagrams();
        d.push(b"one".to_vec());
        d.push_piece(Piece::Written(14, &small));
        assert_eq!(d.chunks.len(), 2, "datagrams stay apart");
        let mut expect = b"head".to_vec();
        (0..3).for_each(|_| small(&mut expect));
        big(&mut expect);
        assert_eq!(q.len(), expect.len());
        let mut w = Trickle {
            out: vec![],
            cap: usize::MAX,
            budget: usize::MAX,
        };
        assert_eq!(q.flush_to(&mut w).unwrap(), Flush::Drained);
        assert_eq!(w.out, expect);
        assert_eq!(Piece::Written(14, &small).into_vec(), &expect[4..18]);
    }

    #[test]
    fn many_chunks_flush_in_batches() {
        let mut q = SendQueue::default();
        for i in 0..1000u32 {
            q.push(i.to_le_bytes().to_vec());
        }
        let mut w = Trickle {
            out: vec![],
            cap: usize::MAX,
            budget: usize::MAX,
        };
        assert_eq!(q.flush_to(&mut w).unwrap(), Flush::Drained);
        let expect: Vec<u8> = (0..1000u32).flat_map(|i| i.to_le_bytes()).collect();
        assert_eq!(w.out, expect);
    }
}
