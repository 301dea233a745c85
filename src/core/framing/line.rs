//! Lines ended by a delimiter (default "\n"). The packet's value is the line without its
//! delimiter.

use memchr::memmem::Finder;

use super::{FrameError, Packet};
use crate::core::error::Error;

/// A delimiter search that resumes where the previous one stopped, so a long line arriving
/// in pieces is scanned once.
#[derive(Debug, Clone)]
struct Search {
    /// Boxed: a searcher is a few hundred bytes, the framers sit in every client.
    finder: Box<Finder<'static>>,
    scanned: usize,
}

impl Search {
    fn new(delimiter: &[u8]) -> Result<Self, Error> {
        if delimiter.is_empty() {
            return Err(Error::EmptyDelimiter);
        }
        Ok(Search {
            finder: Box::new(Finder::new(delimiter).into_owned()),
            scanned: 0,
        })
    }

    fn delimiter(&self) -> &[u8] {
        self.finder.needle()
    }

    /// Where the first delimiter in `buf` starts, if there is one.
    fn find(&mut self, buf: &[u8]) -> Option<usize> {
        let from = self
            .scanned
            .saturating_sub(self.delimiter().len() - 1)
            .min(buf.len());
        match self.finder.find(&buf[from..]) {
            Some(i) => {
                self.scanned = 0;
                Some(from + i)
            }
            None => {
                self.scanned = buf.len();
                None
            }
        }
    }

    fn reset(&mut self) {
        self.scanned = 0;
    }
}

#[derive(Debug, Clone)]
pub struct LineFramer {
    search: Search,
    max: usize,
}

impl LineFramer {
    /// `max` = 0: no limit.
    pub fn new(delimiter: &[u8], max: usize) -> Result<Self, Error> {
        Ok(LineFramer {
            search: Search::new(delimiter)?,
            max,
        })
    }

    pub fn delimiter(&self) -> &[u8] {
        self.search.delimiter()
    }

    /// The first line in `buf`: payload range `0..len-delimiter`.
    pub fn next(&mut self, buf: &[u8]) -> Result<Option<Packet<usize>>, FrameError> {
        let d = self.search.delimiter().len();
        match self.search.find(buf) {
            Some(end) => {
                if self.max > 0 && end > self.max {
                    return Err(FrameError::TooLarge { max: self.max });
                }
                Ok(Some(Packet {
                    len: end + d,
                    value: end,
                }))
            }
            None => {
                // A line of exactly max bytes may be waiting for the rest of its delimiter.
                if self.max > 0 && buf.len() > self.max + d - 1 {
                    self.search.reset();
                    return Err(FrameError::TooLarge { max: self.max });
                }
                Ok(None)
            }
        }
    }

    pub fn reset(&mut self) {
        self.search.reset();
    }
}

/// beyod's `protocol\text\Parser` exactly as its PHP does it, so a native client gives the
/// same messages and errors: `input()` first refuses a receive buffer of `max_packet_size`
/// bytes or more (whatever it holds), then cuts a packet after the first byte of the
/// delimiter (`strpos() + 1`: its own quirk; `decode()` then trims whitespace, which removes a
/// `"\r\n"` delimiter's halves but keeps a `"|"`).
#[derive(Debug, Clone)]
pub struct BeyodTextFramer {
    search: Search,
    max: usize,
}

impl BeyodTextFramer {
    /// `max` = 0: no limit.
    pub fn new(delimiter: &[u8], max: usize) -> Result<Self, Error> {
        Ok(BeyodTextFramer {
            search: Search::new(delimiter)?,
            max,
        })
    }

    pub fn delimiter(&self) -> &[u8] {
        self.search.delimiter()
    }

    pub fn max(&self) -> usize {
        self.max
    }

    /// The parser's current settings (a `None` delimiter keeps the one in use).
    pub fn update(&mut self, delimiter: Option<&[u8]>, max: usize) {
        if let Some(d) = delimiter.filter(|d| *d != self.delimiter()) {
            if let Ok(search) = Search::new(d) {
                self.search = search;
            }
        }
        self.max = max;
    }

    /// The first packet in `buf` (`len` = `value`: the bytes `decode()` gets), or the error
    /// beyod's `Parser::input()` throws for this buffer.
    pub fn next(&mut self, buf: &[u8]) -> Result<Option<Packet<usize>>, FrameError> {
        if self.max > 0 && buf.len() >= self.max {
            self.search.reset();
            return Err(FrameError::TooLarge { max: self.max });
        }
        Ok(self.search.find(buf).map(|start| Packet {
            len: start + 1,
            value: start + 1,
        }))
    }

    pub fn reset(&mut self) {
        self.search.reset();
    }
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
