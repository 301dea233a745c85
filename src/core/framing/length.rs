//! Length-prefixed packets, as Swoole's `package_length_type`: a length field of 1, 2, 4 or 8
//! bytes, big or little endian, at `offset` bytes into the packet; the length counts the body
//! that starts at `body_offset` (or, with `includes_header`, the whole packet).

use super::{FrameError, Packet};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LengthWidth {
    U8,
    U16,
    U32,
    U64,
}

impl LengthWidth {
    fn bytes(self) -> usize {
        match self {
            LengthWidth::U8 => 1,
            LengthWidth::U16 => 2,
            LengthWidth::U32 => 4,
            LengthWidth::U64 => 8,
        }
    }
}

#[derive(Debug, Clone)]
pub struct LengthFramer {
    pub width: LengthWidth,
    pub big_endian: bool,
    /// Where the length field starts.
    pub offset: usize,
    /// Where the body starts (at least `offset + width`).
    pub body_offset: usize,
    /// The length counts the whole packet, header included.
    pub includes_header: bool,
    /// 0: no limit.
    pub max: usize,
}

impl LengthFramer {
    /// Swoole/PHP `pack()` letters: C (u8), n/v (u16 BE/LE), N/V (u32 BE/LE), J/P (u64 BE/LE).
    pub fn from_pack_type(t: &str) -> Option<(LengthWidth, bool)> {
        Some(match t {
            "C" | "c" => (LengthWidth::U8, true),
            "n" => (LengthWidth::U16, true),
            "v" => (LengthWidth::U16, false),
            "N" => (LengthWidth::U32, true),
            "V" => (LengthWidth::U32, false),
            "J" => (LengthWidth::U64, true),
            "P" => (LengthWidth::U64, false),
            _ => return None,
        })
    }

    fn header_end(&self) -> usize {
        self.body_offset.max(self.offset + self.width.bytes())
    }

    /// The first packet: value = the body range start (the body runs to `len`).
    pub fn next(&self, buf: &[u8]) -> Result<Option<Packet<usize>>, FrameError> {
        let w = self.width.bytes();
        if buf.len() < self.offset + w {
            return Ok(None);
        }
        let field = &buf[self.offset..self.offset + w];
        let mut n: u64 = 0;
        for i in 0..w {
            let b = if self.big_endian {
                field[i]
            } else {
                field[w - 1 - i]
            };
            n = (n << 8) | b as u64;
        }
        let header = self.header_end();
        let total = if self.includes_header {
            if (n as usize) < header {
                return Err(FrameError::Malformed(format!(
                    "length {n} is shorter than the {header}-byte header"
                )));
            }
            n
        } else {
            n.saturating_add(header as u64)
        };
        if self.max > 0 && total > self.max as u64 {
            return Err(FrameError::TooLarge { max: self.max });
        }
        let total = usize::try_from(total).map_err(|_| FrameError::TooLarge { max: self.max })?;
        if buf.len() < total {
            return Ok(None);
        }
        Ok(Some(Packet {
            len: total,
            value: header,
        }))
    }

    /// The header for a body of `len` bytes (zero-filled before the length field).
    pub fn header_for(&self, len: usize) -> Vec<u8> {
        let header = self.header_end();
        let mut h = vec![0u8; header];
        let n = if self.includes_header {
            len + header
        } else {
            len
        } as u64;
        let w = self.width.bytes();
        for i in 0..w {
            let byte = (n >> (8 * i)) as u8;
            let at = if self.big_endian {
                self.offset + w - 1 - i
            } else {
                self.offset + i
            };
            h[at] = byte;
        }
        h
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n32() -> LengthFramer {
        LengthFramer {
            width: LengthWidth::U32,
            big_endian: true,
            offset: 0,
            body_offset: 4,
            includes_header: false,
            max: 1 << 20,
        }
    }

    #[test]
    fn header_round_trips_and_partial_bodies_wait() {
        let f = n32();
        let mut pkt = f.header_for(5);
        pkt.extend_from_slice(b"hello");
        assert_eq!(f.next(&pkt[..3]), Ok(None));
        assert_eq!(f.next(&pkt[..8]), Ok(None));
        assert_eq!(f.next(&pkt), Ok(Some(Packet { len: 9, value: 4 })));
    }

    #[test]
    fn a_2gb_length_prefix_is_too_large_not_an_allocation() {
        let f = n32();
        assert_eq!(
            f.next(&[0x80, 0, 0, 0]),
            Err(FrameError::TooLarge { max: 1 << 20 })
        );
    }

    #[test]
    fn little_endian_with_offset_and_whole_packet_length() {
        let f = LengthFramer {
            width: LengthWidth::U16,
            big_endian: false,
            offset: 2,
            body_offset: 6,
            includes_header: true,
            max: 0,
        };
        let h = f.header_for(3);
        assert_eq!(h, vec![0, 0, 9, 0, 0, 0]);
        let mut pkt = h;
        pkt.extend_from_slice(b"abc");
        assert_eq!(f.next(&pkt), Ok(Some(Packet { len: 9, value: 6 })));
        assert!(f.next(&[0, 0, 1, 0, 0, 0]).is_err());
    }
}
