//! Native framers: split a byte stream into packets without calling PHP per packet.
//! Each framer looks at the unconsumed bytes and answers "need more", "a packet of n bytes
//! (payload at a..b)", or "bad stream". The binding turns packets into PHP values.

mod beyod_redis;
mod length;
mod line;
mod resp;

pub use beyod_redis::{beyod_reply, BeyodReply, ReplyValue};
pub use length::{LengthFramer, LengthWidth};
pub use line::{BeyodTextFramer, LineFramer};
pub use resp::{
    bulk, command_header, command_len, encode_command, write_command, Arg, RespFramer, RespValue,
};

use thiserror::Error;

/// `max_packet_size` exceeded: beyod's `Server::ERROR_LARGE_PACKET`.
pub const CODE_LARGE_PACKET: i32 = 100;
/// Malformed input: beyod's `ErrorEvent::ERROR_BAD_PACKET`.
pub const CODE_BAD_PACKET: i32 = 30;

#[derive(Debug, Error, PartialEq, Eq)]
pub enum FrameError {
    #[error("packet larger than max_packet_size ({max} bytes)")]
    TooLarge { max: usize },
    #[error("{0}")]
    Malformed(String),
}

impl FrameError {
    pub fn code(&self) -> i32 {
        match self {
            FrameError::TooLarge { .. } => CODE_LARGE_PACKET,
            FrameError::Malformed(_) => CODE_BAD_PACKET,
        }
    }
}

/// One complete packet at the head of the buffer.
#[derive(Debug, PartialEq, Eq)]
pub struct Packet<T> {
    /// Bytes the packet occupies (to consume).
    pub len: usize,
    pub value: T,
}

/// Bytes received and not yet framed. Consuming moves a start offset; the storage is
/// compacted only when most of it is consumed, so many small packets in one read cost no
/// repeated memmove.
#[derive(Debug, Default)]
pub struct RecvBuffer {
    buf: Vec<u8>,
    start: usize,
}

impl RecvBuffer {
    pub fn bytes(&self) -> &[u8] {
        &self.buf[self.start..]
    }

    pub fn len(&self) -> usize {
        self.buf.len() - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn extend(&mut self, data: &[u8]) {
        if self.start > 0 && self.start >= self.buf.len() / 2 {
            self.buf.drain(..self.start);
            self.start = 0;
        }
        self.buf.extend_from_slice(data);
    }

    /// Takes ownership of `data` when empty (no copy for the common one-read case).
    pub fn push(&mut self, data: Vec<u8>) {
        if self.is_empty() {
            self.buf = data;
            self.start = 0;
        } else {
            self.extend(&data);
        }
    }

    pub fn consume(&mut self, n: usize) {
        self.start += n.min(self.len());
        if self.start == self.buf.len() {
            self.clear();
        }
    }

    /// Empties the buffer and returns its memory (an idle connection keeps none).
    pub fn clear(&mut self) {
        crate::core::connection::recycle_read_buffer(std::mem::take(&mut self.buf));
        self.start = 0;
    }

    /// Everything left, taken out.
    pub fn take_all(&mut self) -> Vec<u8> {
        let mut v = std::mem::take(&mut self.buf);
        if self.start > 0 {
            v.drain(..self.start);
        }
        self.start = 0;
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recv_buffer_consumes_without_losing_order() {
        let mut b = RecvBuffer::default();
        b.push(b"abcdef".to_vec());
        b.consume(2);
        assert_eq!(b.bytes(), b"cdef");
        b.consume(2);
        b.extend(b"gh");
        assert_eq!(b.bytes(), b"efgh");
        assert_eq!(b.take_all(), b"efgh");
        assert!(b.is_empty());
    }
}
