//! Bytes accepted by `send()` and not yet written to the socket.
//!
//! Chunks are kept as the caller handed them (no concatenation), and flushed with one
//! `writev` per readiness event, so a burst of small sends queued during one tick costs one
//! syscall.

use std::collections::VecDeque;
use std::io::{self, IoSlice, Write};

/// At most this many chunks go into one `writev` (IOV_MAX is 1024 on Linux).
const MAX_IOV: usize = 64;

#[derive(Debug, Default)]
pub struct SendQueue {
    chunks: VecDeque<Vec<u8>>,
    /// Bytes of the front chunk already written.
    head: usize,
    len: usize,
    high_water: usize,
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

    pub fn push(&mut self, bytes: Vec<u8>) {
        if bytes.is_empty() {
            return;
        }
        self.len += bytes.len();
        self.high_water = self.high_water.max(self.len);
        self.chunks.push_back(bytes);
    }

    /// Everything not yet written, as the chunks `push` got (a partly written first chunk
    /// keeps only its unwritten part). The queue is left empty.
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
