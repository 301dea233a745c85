//! Lines ended by a delimiter (default "\n"). The packet's value is the line without its
//! delimiter.

use super::{FrameError, Packet};
use crate::core::error::Error;

#[derive(Debug, Clone)]
pub struct LineFramer {
    delimiter: Vec<u8>,
    max: usize,
    /// Where the previous search stopped, so a long line arriving in pieces is scanned once.
    scanned: usize,
}

impl LineFramer {
    /// `max` = 0: no limit.
    pub fn new(delimiter: &[u8], max: usize) -> Result<Self, Error> {
        if delimiter.is_empty() {
            return Err(Error::EmptyDelimiter);
        }
        Ok(LineFramer {
            delimiter: delimiter.to_vec(),
            max,
            scanned: 0,
        })
    }

    pub fn delimiter(&self) -> &[u8] {
        &self.delimiter
    }

    /// The first line in `buf`: payload range `0..len-delimiter`.
    pub fn next(&mut self, buf: &[u8]) -> Result<Option<Packet<usize>>, FrameError> {
        let d = &self.delimiter;
        let from = self.scanned.saturating_sub(d.len() - 1).min(buf.len());
        let found = if d.len() == 1 {
            memchr(d[0], &buf[from..])
        } else {
            buf[from..].windows(d.len()).position(|w| w == d.as_slice())
        };
        match found {
            Some(i) => {
                let end = from + i;
                self.scanned = 0;
                if self.max > 0 && end > self.max {
                    return Err(FrameError::TooLarge { max: self.max });
                }
                Ok(Some(Packet {
                    len: end + d.len(),
                    value: end,
                }))
            }
            None => {
                self.scanned = buf.len();
                // A line of exactly max bytes may be waiting for the rest of its delimiter.
                if self.max > 0 && buf.len() > self.max + d.len() - 1 {
                    self.scanned = 0;
                    return Err(FrameError::TooLarge { max: self.max });
                }
                Ok(None)
            }
        }
    }

    pub fn reset(&mut self) {
        self.scanned = 0;
    }
}

/// beyod's `protocol\text\Parser` exactly as its PHP does it, so a native client gives the
/// same messages and errors: `input()` first refuses a receive buffer of `max_packet_size`
/// bytes or more (whatever it holds), then cuts a packet after the first byte of the
/// delimiter (`strpos() + 1`: its own quirk; `decode()` then trims whitespace, which removes a
/// `"\r\n"` delimiter's halves but keeps a `"|"`).
#[derive(Debug, Clone)]
pub struct BeyodTextFramer {
    delimiter: Vec<u8>,
    max: usize,
    scanned: usize,
}

impl BeyodTextFramer {
    /// `max` = 0: no limit.
    pub fn new(delimiter: &[u8], max: usize) -> Result<Self, Error> {
        if delimiter.is_empty() {
            return Err(Error::EmptyDelimiter);
        }
        Ok(BeyodTextFramer {
            delimiter: delimiter.to_vec(),
            max,
            scanned: 0,
        })
    }

    pub fn delimiter(&self) -> &[u8] {
        &self.delimiter
    }

    /// The parser's current settings (a `None` delimiter keeps the one in use).
    pub fn update(&mut self, delimiter: Option<&[u8]>, max: usize) {
        if let Some(d) = delimiter.filter(|d| *d != self.delimiter.as_slice()) {
            self.delimiter = d.to_vec();
            self.scanned = 0;
        }
        self.max = max;
    }

    /// The first packet in `buf` (`len` = `value`: the bytes `decode()` gets), or the error
    /// beyod's `Parser::input()` throws for this buffer.
    pub fn next(&mut self, buf: &[u8]) -> Result<Option<Packet<usize>>, FrameError> {
        if self.max > 0 && buf.len() >= self.max {
            self.scanned = 0;
            return Err(FrameError::TooLarge { max: self.max });
        }
        let d = &self.delimiter;
        let from = self.scanned.saturating_sub(d.len() - 1).min(buf.len());
        let found = if d.len() == 1 {
            memchr(d[0], &buf[from..])
        } else {
            buf[from..].windows(d.len()).position(|w| w == d.as_slice())
        };
        match found {
            Some(i) => {
                self.scanned = 0;
                let len = from + i + 1;
                Ok(Some(Packet { len, value: len }))
            }
            None => {
                self.scanned = buf.len();
                Ok(None)
            }
        }
    }

    pub fn reset(&mut self) {
        self.scanned = 0;
    }
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&b| b == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn beyod_text_cuts_after_the_delimiters_first_byte_and_refuses_a_full_buffer() {
        let mut f = BeyodTextFramer::new(b"\r\n", 0).unwrap();
        assert_eq!(f.next(b"one\r\ntwo").unwrap().map(|p| p.len), Some(4));
        assert_eq!(f.next(b"\ntwo").unwrap().map(|p| p.len), None);
        assert_eq!(f.next(b"\ntwo\r\n").unwrap().map(|p| p.len), Some(5));
        let mut f = BeyodTextFramer::new(b"|", 8).unwrap();
        assert_eq!(f.next(b"ab|").unwrap().map(|p| p.len), Some(3));
        assert!(
            f.next(b"ab|cdefgh").is_err(),
            "9 bytes buffered >= 8, a delimiter or not"
        );
        assert!(f.next(b"abcdefgh").is_err());
        assert_eq!(f.next(b"abcdefg").unwrap().map(|p| p.len), None);
    }

    fn lines(f: &mut LineFramer, mut buf: &[u8]) -> Vec<Vec<u8>> {
        let mut out = vec![];
        while let Some(p) = f.next(buf).unwrap() {
            out.push(buf[..p.value].to_vec());
            buf = &buf[p.len..];
        }
        out
    }

    #[test]
    fn splits_pipelined_lines_and_keeps_the_partial_one() {
        let mut f = LineFramer::new(b"\n", 0).unwrap();
        assert_eq!(
            lines(&mut f, b"a\nbc\n\nd"),
            vec![b"a".to_vec(), b"bc".to_vec(), vec![]]
        );
    }

    #[test]
    fn multi_byte_delimiter_split_across_reads() {
        let mut f = LineFramer::new(b"\r\n", 0).unwrap();
        assert_eq!(f.next(b"hello\r").unwrap(), None);
        let p = f.next(b"hello\r\nx").unwrap().unwrap();
        assert_eq!((p.len, p.value), (7, 5));
    }

    #[test]
    fn a_line_of_exactly_max_bytes_passes_however_its_delimiter_is_split() {
        let mut f = LineFramer::new(b"\r\n", 4).unwrap();
        assert_eq!(f.next(b"abcd\r"), Ok(None));
        assert_eq!(f.next(b"abcd\r\n"), Ok(Some(Packet { len: 6, value: 4 })));
        assert!(f.next(b"abcde\r").is_err());
    }

    #[test]
    fn a_line_without_end_beyond_max_is_too_large() {
        let mut f = LineFramer::new(b"\n", 8).unwrap();
        assert_eq!(f.next(b"12345"), Ok(None));
        assert_eq!(f.next(b"123456789"), Err(FrameError::TooLarge { max: 8 }));
        assert!(f.next(b"1234567890\n").is_err());
        assert!(LineFramer::new(b"", 0).is_err());
    }
}
