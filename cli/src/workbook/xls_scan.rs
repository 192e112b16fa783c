//! A pre-scan of `.xls` files: what calamine 0.38 would allocate when it opens one, computed
//! before it does.
//!
//! calamine's `Xls::new` reads the whole compound file and parses *every* sheet while it opens
//! the workbook, reserving memory from what the file declares: `rows × columns` cells for each
//! DIMENSIONS record, then a dense range over the bounding box of each sheet's cells (and one for
//! its formulas). A 98 kB file with one cell record at row 65,535, column 65,535 makes it build a
//! range of billions of cells; an allocation failure aborts the process and cannot be caught. So
//! the file is walked here first, the way calamine walks it, and refused when it would make
//! calamine allocate more than [`MAX_CELLS`] cells.
//!
//! # What is emulated
//!
//! * **The compound file** (MS-CFB), as calamine's `cfb.rs` reads it: the header, the DIFAT
//!   (header entries and DIFAT sector chain), the FAT, the directory chain, the mini stream and
//!   mini FAT, and the `Workbook` (else `Book`) stream — the first directory entry with that name,
//!   ASCII case ignored, from the mini stream when shorter than 4096 bytes. Sectors are read with
//!   calamine's own buffering rules through the same sequential reader, so the stream bytes are
//!   the ones calamine will parse. Every chain is followed with cycle detection and stops where
//!   calamine stops (at the stream's length or `ENDOFCHAIN`); nothing grows beyond the file's
//!   size.
//! * **The BIFF records** of that stream (BIFF5 and BIFF8, with calamine's handling of CONTINUE
//!   records): the globals up to the first EOF, for the sheets' offsets (BoundSheet8); then each
//!   sheet from its offset, with calamine's rule for nested substreams (BOF/EOF of embedded
//!   charts), tracking
//!   - the capacity of calamine's cell vector: each DIMENSIONS record reserves
//!     `(last_row − first_row + 1) × (last_col − first_col + 1)` more cells (calamine's
//!     `parse_dimensions`, with its column fix-up and its unsigned wrap-around; the BIFF8
//!     reserved field is ignored, as calamine ignores it), and the vector grows as cells are
//!     pushed;
//!   - the bounding box of the cell records calamine turns into cells — NUMBER, RK, MULRK,
//!     LABEL, RSTRING, LABELSST (when its index is in the table), BOOLERR, FORMULA and the
//!     STRING after it (BLANK and MULBLANK are not kept by calamine) — and of the FORMULA
//!     records (a second range of formula text);
//!   - the shared-string table (SST with its CONTINUE records, calamine's `parse_sst`): the
//!     UTF-8 size of each string, since calamine copies the string into every LABELSST cell
//!     that uses it (a 0.5 MB file can ask for gigabytes), and the cost of calamine's
//!     `Vec::remove(0)` on the CONTINUE records (quadratic);
//!   - each FORMULA's tokens (calamine's `parse_formula`): an upper bound of the text it builds
//!     (defined names and sheet names make it up to ~150 times the record's size) and of the
//!     bytes moved by its `String::insert` calls (quadratic: one PtgAttrSpace token inserts up to
//!     255 spaces one at a time).
//!
//! # Refused
//!
//! * a sheet whose cell vector would exceed [`MAX_CELLS`] cells, counting the ranges already
//!   built for earlier sheets ([`ReadError::Declared`]);
//! * sheets whose ranges together exceed [`MAX_CELLS`] cells ([`ReadError::Declared`]);
//! * shared strings copied into cells, or formula text, beyond [`MAX_TEXT_BYTES`]
//!   ([`ReadError::Declared`]);
//! * formulas or a shared-string table whose decoding would move more than 2³⁶ bytes (minutes
//!   of work: [`ReadError::Damaged`]);
//! * a compound file that would make calamine loop, allocate beyond the file's size or panic: a
//!   sector chain that comes back to a sector it has already visited when calamine would go
//!   round it for more bytes than the file holds (the directory's chain, read with no length
//!   limit, or a stream declaring more bytes than the file has; a loop within the file's size is
//!   followed as calamine follows it), a DIFAT naming FAT sectors again and again until the FAT
//!   exceeds 256 MiB, a chain that leaves the FAT, a sector table cut short by the end of the
//!   file ([`ReadError::Damaged`]).
//!
//! A file calamine itself rejects with an error before allocating (no OLE signature, a sector
//! number past the end of the file, no `Workbook` stream, a truncated record, a record too
//! short for its type, a password) is *not* refused here: calamine's own message is kept.
//! Where this scan is unsure whether calamine would stop with an error (a string it cannot
//! decode, an unknown code page), it assumes calamine goes on and counts what would follow, so
//! it can only over-estimate.
//!
//! The walk reads the file once (buffered) and holds at most about twice its size in memory.
//!
//! # What it does not bound
//!
//! * What a file within the limits still costs calamine: up to [`MAX_CELLS`] reserved cells
//!   (40 bytes each) plus [`MAX_CELLS`] cells of ranges (32 bytes each) — about 1.4 GB at
//!   worst, 1.2 GB for a genuine sheet filled to 65,536 × 256 — and copies linear in the file's
//!   size (cells pushed one by one, records' CONTINUE lists, defined names).
//! * A different calamine: the emulation follows calamine 0.38.0 line by line. The unit tests
//!   check it against calamine itself (ranges and text of real files, and 1,440 mutations of
//!   them), so an upgrade that changes the parser fails them rather than passing silently.

use std::io::{BufReader, Read};
use std::path::Path;

use super::limits::{MAX_CELLS, MAX_TEXT_BYTES};
use super::{DeclaredWhat, ReadError};
use crate::words::files::DamagedPart;

const RESERVED_SECTORS: u32 = 0xFFFF_FFFA;
const DIFSECT: u32 = 0xFFFF_FFFC;
const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
/// Largest FAT accepted when the DIFAT names more FAT sectors than the file has (a damaged
/// file calamine still reads, with a FAT of up to 128 times the file's size): 256 MiB.
const MAX_FAT_BYTES: usize = 256 << 20;

/// Largest number of bytes calamine may move while decoding formulas and shared strings (its
/// `String::insert` and `Vec::remove(0)` loops are quadratic): 2³⁶ (64 GiB of `memmove`, a few
/// seconds; one formula of 4,000 PtgAttrSpace tokens took 28 s). Ordinary workbooks move a few
/// hundred bytes per formula.
const MAX_WORK: u128 = 1 << 36;

/// Why the scan stopped early.
#[derive(Debug, PartialEq)]
pub(crate) enum Stop {
    /// calamine will return an error here before allocating more: nothing to refuse, and its
    /// own message is the right one.
    Fails,
    /// calamine would allocate more than the limit.
    TooMany {
        /// What would be allocated.
        what: DeclaredWhat,
        /// Cells (or bytes of text) calamine would hold.
        amount: u128,
        /// The limit exceeded.
        limit: u128,
    },
    /// The compound file is damaged in a way that makes calamine loop, over-allocate or panic.
    Damaged(DamagedPart),
}

const CYCLE: Stop = Stop::Damaged(DamagedPart::Cycle);
const FAT_TOO_LONG: Stop = Stop::Damaged(DamagedPart::FatTooLong);
const OFF_FAT: Stop = Stop::Damaged(DamagedPart::OffFat);
const SLOW: Stop = Stop::Damaged(DamagedPart::Slow);
const TRUNCATED: Stop = Stop::Damaged(DamagedPart::Truncated);

/// What the scan found in a workbook calamine can open.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Scan {
    /// Sheets walked.
    pub sheets: usize,
    /// Largest capacity of calamine's cell vector over the sheets (cells).
    pub reserved: u128,
    /// Cells of the dense ranges calamine would build, all sheets together.
    pub ranges: u128,
    /// Bytes of shared strings cloned into LabelSst cells, all sheets together (exact for
    /// UTF-16 text, an upper bound otherwise).
    pub text: u128,
    /// Bytes of formula text calamine would build, all sheets together (an upper bound).
    pub formula_text: u128,
    /// Bytes calamine would move in its quadratic loops (an upper bound).
    pub work: u128,
    /// Hidden rows (ROW records with fDyZero) and columns (COLINFO with fHidden) of each sheet
    /// whose name could be read (BIFF8), and whether the sheet is in filter mode (FILTERMODE).
    pub hidden: Vec<super::hidden::Hidden>,
}

/// Refuses an `.xls` file that would make calamine allocate without bound (see the module
/// documentation). `Ok` when calamine may open it (or will fail by itself, cleanly).
pub(crate) fn check(path: &Path) -> Result<Vec<super::hidden::Hidden>, ReadError> {
    let file = std::fs::File::open(path).map_err(|e| ReadError::Workbook {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })?;
    let len = file
        .metadata()
        .map_err(|e| ReadError::Workbook {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })?
        .len();
    let mut reader = BufReader::with_capacity(1 << 16, file);
    match scan(&mut reader, usize::try_from(len).unwrap_or(usize::MAX)) {
        Ok(scan) => Ok(scan.hidden),
        Err(Stop::Fails) => Ok(Vec::new()),
        Err(Stop::TooMany {
            what,
            amount,
            limit,
        }) => Err(ReadError::Declared {
            path: path.to_path_buf(),
            what,
            declared: amount,
            limit,
        }),
        Err(Stop::Damaged(why)) => Err(ReadError::damaged(path, why)),
    }
}

/// Walks an `.xls` compound file of `len` bytes read from `r` (positioned at its start).
pub(crate) fn scan<R: Read>(r: &mut R, len: usize) -> Result<Scan, Stop> {
    let stream = workbook_stream(r, len)?;
    biff(&stream)
}

fn u16_at(b: &[u8], i: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(i..i + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], i: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(i..i + 4)?.try_into().ok()?))
}

/// calamine's `to_u32`, which asserts a length divisible by 4 (a panic otherwise).
fn words(b: &[u8]) -> Result<impl Iterator<Item = u32> + '_, Stop> {
    if b.len() % 4 != 0 {
        return Err(TRUNCATED);
    }
    Ok(b.chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])))
}

/// calamine's `Sectors`: the file after its header, loaded on demand from the sequential
/// reader (or, for mini sectors, the mini stream, extended from the reader like calamine does).
struct Sectors {
    data: Vec<u8>,
    size: usize,
    maxid: u32,
}

impl Sectors {
    fn get<R: Read>(&mut self, id: u32, r: &mut R) -> Result<&[u8], Stop> {
        if self.maxid < id {
            return Err(Stop::Fails);
        }
        let start = id as usize * self.size;
        let end = start + self.size;
        if end > self.data.len() {
            let mut len = self.data.len();
            self.data.resize(end, 0);
            while len < end {
                let read = match r.read(&mut self.data[len..end]) {
                    Ok(k) => k,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    Err(_) => return Err(Stop::Fails),
                };
                if read == 0 {
                    // calamine slices `data[start..len]`: a panic when the file ends before
                    // the sector starts.
                    if len < start {
                        return Err(TRUNCATED);
                    }
                    return Ok(&self.data[start..len]);
                }
                len += read;
            }
        }
        Ok(&self.data[start..end])
    }

    /// calamine's `get_chain`, with cycle detection: the bytes of the chain from `id`, at most
    /// `len`. calamine goes round a loop in the chain until it has `len` bytes: that is refused
    /// when `len` is more than `file_len` (the directory's chain, read with no length, would
    /// never end; a stream declaring gigabytes would take them), and followed as calamine
    /// follows it otherwise (at most `file_len` bytes).
    fn chain<R: Read>(
        &mut self,
        mut id: u32,
        fats: &[u32],
        r: &mut R,
        len: usize,
        file_len: usize,
    ) -> Result<Vec<u8>, Stop> {
        let mut chain = Vec::new();
        let mut seen = vec![0u64; self.maxid as usize / 64 + 1];
        let mut looped = false;
        while id != ENDOFCHAIN {
            let sector = self.get(id, r)?;
            let to_copy = sector.len().min(len - chain.len());
            chain.extend_from_slice(&sector[..to_copy]);
            if chain.len() >= len {
                break;
            }
            // `get` succeeded, so `id <= maxid`.
            let (w, bit) = (id as usize / 64, 1u64 << (id % 64));
            if !looped && seen[w] & bit != 0 {
                if len > file_len {
                    return Err(CYCLE);
                }
                looped = true;
            }
            seen[w] |= bit;
            id = *fats.get(id as usize).ok_or(OFF_FAT)?;
        }
        Ok(chain)
    }
}

/// One directory entry: does its name match `Workbook` / `Book`, its start sector and length.
struct Entry {
    workbook: bool,
    book: bool,
    start: u32,
    len: usize,
}

/// The entry's name as calamine decodes it (encoding_rs `UTF_16LE.decode`, which sniffs a
/// byte-order mark, then cut at the first NUL), compared as calamine compares it.
fn entry_name(raw: &[u8]) -> String {
    let utf16 = |b: &[u8], le: bool| -> String {
        let units = b.chunks(2).map(|c| match (c, le) {
            ([a, b], true) => u16::from_le_bytes([*a, *b]),
            ([a, b], false) => u16::from_be_bytes([*a, *b]),
            _ => 0xFFFD,
        });
        char::decode_utf16(units)
            .map(|c| c.unwrap_or('\u{FFFD}'))
            .collect()
    };
    let mut name = match raw {
        [0xEF, 0xBB, 0xBF, rest @ ..] => String::from_utf8_lossy(rest).into_owned(),
        [0xFF, 0xFE, rest @ ..] => utf16(rest, true),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, false),
        _ => utf16(raw, true),
    };
    if let Some(l) = name.bytes().position(|b| b == 0) {
        name.truncate(l);
    }
    name
}

/// calamine's `Cfb::new` and `get_stream("Workbook")`, else `get_stream("Book")`.
fn workbook_stream<R: Read>(r: &mut R, len: usize) -> Result<Vec<u8>, Stop> {
    let buf = header(r)?;
    let h16 = |i| u16::from_le_bytes([buf[i], buf[i + 1]]);
    let h32 = |i| u32::from_le_bytes([buf[i], buf[i + 1], buf[i + 2], buf[i + 3]]);
    let version = h16(26);
    let size: usize = match h16(30) {
        0x0009 => 512,
        0x000C => {
            let mut rest = vec![0u8; 4096 - 512];
            r.read_exact(&mut rest).map_err(|_| Stop::Fails)?;
            4096
        }
        _ => return Err(Stop::Fails),
    };
    if h16(32) != 0x0006 {
        return Err(Stop::Fails);
    }
    let dir_start = h32(48);
    let mini_fat_start = h32(60);
    let mini_fat_len = h32(64) as usize;
    let difat_start = h32(68);
    let mut difat: Vec<u32> = words(&buf[76..512])?.collect();

    let maxid = len / size;
    let mut sectors = Sectors {
        data: Vec::new(),
        size,
        maxid: maxid as u32,
    };

    // DIFAT sector chain: calamine bounds it at maxid + 1 sectors.
    let mut id = difat_start;
    let mut difat_sectors = 0usize;
    while id < RESERVED_SECTORS {
        difat_sectors += 1;
        if difat_sectors > maxid.saturating_add(1) {
            return Err(Stop::Fails);
        }
        difat.extend(words(sectors.get(id, r)?)?);
        id = difat.pop().ok_or(Stop::Fails)?;
    }

    // FAT: one sector per DIFAT entry, repeats included. A file of `maxid` sectors cannot need
    // more than `maxid + 1` FAT sectors; more means repeats, which multiply calamine's FAT (up
    // to 128 times the file's size): refused beyond MAX_FAT_BYTES.
    let mut fats: Vec<u32> = Vec::new();
    let mut fat_sectors = 0usize;
    for id in difat.into_iter().filter(|id| *id < DIFSECT) {
        fat_sectors += 1;
        if fat_sectors > maxid + 1 && fat_sectors * size > MAX_FAT_BYTES {
            // calamine would first fail on a sector past the end, if there is one.
            return Err(if id > sectors.maxid {
                Stop::Fails
            } else {
                FAT_TOO_LONG
            });
        }
        fats.extend(words(sectors.get(id, r)?)?);
    }

    // Directory.
    let dirs = sectors.chain(dir_start, &fats, r, usize::MAX, len)?;
    let entries = directory(&dirs, size);
    drop(dirs);
    if entries.is_empty() || (version != 3 && entries[0].start == ENDOFCHAIN) {
        return Err(Stop::Fails);
    }

    // Mini stream and mini FAT.
    let (mini_fats, ministream) = if mini_fat_len > 0 {
        let ministream = sectors.chain(entries[0].start, &fats, r, entries[0].len, len)?;
        let minifat = sectors.chain(mini_fat_start, &fats, r, mini_fat_len * size, len)?;
        let minifat: Vec<u32> = words(&minifat)?.collect();
        (minifat, ministream)
    } else {
        (Vec::new(), Vec::new())
    };
    let mut mini = Sectors {
        data: ministream,
        size: 64,
        maxid: (maxid * 8) as u32,
    };

    let mut get_stream = |want: fn(&Entry) -> bool| -> Result<Vec<u8>, Stop> {
        let e = entries.iter().find(|e| want(e)).ok_or(Stop::Fails)?;
        if e.len < 4096 {
            mini.chain(e.start, &mini_fats, r, e.len, len)
        } else {
            sectors.chain(e.start, &fats, r, e.len, len)
        }
    };
    match get_stream(|e| e.workbook) {
        Err(Stop::Fails) => get_stream(|e| e.book),
        other => other,
    }
}

/// The compound file's 512-byte header, checked for its signature.
fn header<R: Read>(r: &mut R) -> Result<[u8; 512], Stop> {
    let mut buf = [0u8; 512];
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return Err(Stop::Fails),
        }
    }
    if n < 512 || buf[..8] != *b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" {
        return Err(Stop::Fails);
    }
    Ok(buf)
}

/// The directory's entries (128 bytes each) in sectors of `size` bytes.
fn directory(dirs: &[u8], size: usize) -> Vec<Entry> {
    dirs.chunks_exact(128)
        .map(|c| {
            let name = entry_name(&c[..64]);
            let start = u32::from_le_bytes([c[116], c[117], c[118], c[119]]);
            let len = if size == 512 {
                u32::from_le_bytes([c[120], c[121], c[122], c[123]]) as usize
            } else {
                usize::try_from(u64::from_le_bytes(c[120..128].try_into().unwrap_or([0; 8])))
                    .unwrap_or(usize::MAX)
            };
            Entry {
                workbook: name.eq_ignore_ascii_case("Workbook"),
                book: name.eq_ignore_ascii_case("Book"),
                start,
                len,
            }
        })
        .collect()
}

/// calamine's `RecordIter`: `(type, data, continues)` of each record, `continues` being the
/// CONTINUE records that follow it (headers included); `Err(Stop::Fails)` where calamine's
/// iterator yields an error.
struct Records<'a> {
    stream: &'a [u8],
}

impl<'a> Iterator for Records<'a> {
    type Item = Result<(u16, &'a [u8], &'a [u8]), Stop>;

    fn next(&mut self) -> Option<Self::Item> {
        let s = self.stream;
        if s.len() < 4 {
            return (!s.is_empty()).then_some(Err(Stop::Fails));
        }
        let typ = u16::from_le_bytes([s[0], s[1]]);
        let len = u16::from_le_bytes([s[2], s[3]]) as usize;
        if s.len() < len + 4 {
            return Some(Err(Stop::Fails));
        }
        let (data, rest) = s.split_at(len + 4);
        let mut next = rest;
        if next.len() > 4 && next[..2] == [0x3C, 0x00] {
            while next.len() > 4 && next[..2] == [0x3C, 0x00] {
                let l = u16::from_le_bytes([next[2], next[3]]) as usize;
                if next.len() < l + 4 {
                    self.stream = &[];
                    return Some(Err(Stop::Fails));
                }
                next = &next[l + 4..];
            }
        }
        self.stream = next;
        let continues = &rest[..rest.len() - next.len()];
        Some(Ok((typ, &data[4..], continues)))
    }
}

/// A record's data and the CONTINUE records after it, consumed as calamine's `Record` does.
struct Cont<'a> {
    data: &'a [u8],
    continues: &'a [u8],
    /// CONTINUE records not consumed yet.
    left: u128,
    /// Bytes moved by calamine's `cont.remove(0)` so far (16 per record left behind).
    moved: u128,
}

impl<'a> Cont<'a> {
    /// `Record::continue_record`: the next CONTINUE record's data becomes `data`.
    fn next(&mut self) -> bool {
        let c = self.continues;
        if c.len() < 4 {
            return false;
        }
        let l = u16::from_le_bytes([c[2], c[3]]) as usize;
        self.data = &c[4..4 + l];
        self.continues = &c[4 + l..];
        self.left = self.left.saturating_sub(1);
        self.moved += 16 * self.left;
        true
    }

    /// `Record::skip`.
    fn skip(&mut self, mut len: usize) -> Result<(), Stop> {
        while len > 0 {
            if self.data.is_empty() && !self.next() {
                return Err(Stop::Fails);
            }
            let l = len.min(self.data.len());
            self.data = &self.data[l..];
            len -= l;
        }
        Ok(())
    }
}

/// UTF-8 bytes of text calamine's `XlsEncoding::decode_to` makes from `chunk` (exact for
/// UTF-16LE without a byte-order mark at the start, which encoding_rs would sniff; otherwise at
/// most 3 bytes per input byte).
fn decoded_len(chunk: &[u8], high_byte: bool, utf16: bool) -> u64 {
    if !utf16 {
        // The buffer decoded is 2 bytes a character either way.
        let bytes = if high_byte {
            chunk.len()
        } else {
            2 * chunk.len()
        };
        return 3 * bytes as u64;
    }
    if !high_byte {
        // Widened to UTF-16 with zero high bytes: U+0000..U+00FF (no BOM possible).
        return chunk.iter().map(|&b| if b < 0x80 { 1 } else { 2 }).sum();
    }
    if chunk.starts_with(&[0xFF, 0xFE])
        || chunk.starts_with(&[0xFE, 0xFF])
        || chunk.starts_with(&[0xEF, 0xBB, 0xBF])
    {
        return 3 * chunk.len() as u64;
    }
    let units = chunk
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]));
    char::decode_utf16(units)
        .map(|c| c.map_or(3, |c| c.len_utf8() as u64))
        .sum()
}

/// calamine's `parse_sst` (with `read_rich_extended_string` and `read_dbcs`): the UTF-8 size of
/// each string of the shared-string table, in order. `Err(Stop::Fails)` where calamine returns
/// an error or panics (it then opens nothing).
///
/// Also the bytes moved by calamine's `Vec::remove(0)` on the CONTINUE records, quadratic in
/// their number (returned even when the table ends in an error: the time is spent by then).
fn sst_sizes(data: &[u8], continues: &[u8], utf16: bool) -> (Result<Vec<u32>, Stop>, u128) {
    let Some(data) = data.get(8..) else {
        return (Err(Stop::Fails), 0);
    };
    let mut left = 0u128;
    let mut c = continues;
    while c.len() >= 4 {
        c = &c[4 + u16::from_le_bytes([c[2], c[3]]) as usize..];
        left += 1;
    }
    let mut r = Cont {
        data,
        continues,
        left,
        moved: 0,
    };
    let sizes = sst_strings(&mut r, utf16);
    (sizes, r.moved)
}

fn sst_strings(r: &mut Cont<'_>, utf16: bool) -> Result<Vec<u32>, Stop> {
    let mut sizes = Vec::new();
    while !r.data.is_empty() || r.next() {
        if r.data.is_empty() {
            sizes.push(0);
            continue;
        }
        if r.data.len() < 3 {
            return Err(Stop::Fails);
        }
        let mut len = u16::from_le_bytes([r.data[0], r.data[1]]) as usize;
        let flags = r.data[2];
        r.data = &r.data[3..];
        let mut high_byte = flags & 0x1 != 0;
        let mut runs = 0;
        let mut ext = 0;
        if flags & 0x8 != 0 {
            runs = u16_at(r.data, 0).ok_or(Stop::Fails)? as usize;
            r.data = &r.data[2..];
        }
        if flags & 0x4 != 0 {
            // `read_i32(..) as usize`: a negative length is huge.
            ext = u32_at(r.data, 0).ok_or(Stop::Fails)? as i32 as usize;
            r.data = &r.data[4..];
        }
        let mut size = 0u64;
        while len > 0 {
            let (l, at) = if high_byte {
                let l = (r.data.len() / 2).min(len);
                (l, 2 * l)
            } else {
                let l = r.data.len().min(len);
                (l, l)
            };
            size += decoded_len(&r.data[..at], high_byte, utf16);
            r.data = &r.data[at..];
            len -= l;
            if len > 0 {
                if !r.next() {
                    return Err(Stop::Fails);
                }
                high_byte = r.data.first().ok_or(Stop::Fails)? & 0x1 != 0;
                r.data = &r.data[1..];
            }
        }
        r.skip(runs * 4)?;
        r.skip(ext)?;
        sizes.push(u32::try_from(size).unwrap_or(u32::MAX));
    }
    Ok(sizes)
}

/// What the formula walk needs from the globals.
struct FormulaContext {
    /// BIFF2–BIFF5 token sizes (calamine's `is_pre_biff8`).
    pre_biff8: bool,
    /// Upper bound of a sheet name's UTF-8 length.
    sheet_max: u64,
    /// Upper bound of a defined name's UTF-8 length.
    name_max: u64,
}

/// calamine's `parse_formula` on `rgce` (a FORMULA record's data from byte 20), without building
/// the text: an upper bound of the text's length and of the bytes moved by its `insert` and
/// `split_off` calls (`cch` spaces inserted one at a time for each PtgAttrSpace make it
/// quadratic). Where calamine returns an error the walk ends (the text is then calamine's error
/// message); where it would panic, too (calamine then stops altogether, so going on with the
/// next records can only over-estimate).
fn formula_cost(rgce: &[u8], cx: &FormulaContext) -> (u64, u128) {
    const ERROR_TEXT: u64 = 160;
    let Some(cce) = u16_at(rgce, 0) else {
        return (0, 0);
    };
    let Some(mut t) = rgce.get(2..2 + cce as usize) else {
        return (0, 0);
    };
    let mut len: u64 = 0;
    let mut work: u128 = 0;
    let step = |t: &mut &[u8], n: usize| -> bool {
        match t.get(n..) {
            Some(rest) => {
                *t = rest;
                true
            }
            None => false,
        }
    };
    while let Some((&ptg, rest)) = t.split_first() {
        t = rest;
        let moved = u128::from(len);
        let (grow, ok) = match ptg {
            0x3A | 0x5A | 0x7A => (cx.sheet_max + 16, step(&mut t, 6)),
            0x3B | 0x5B | 0x7B => (cx.sheet_max + 28, step(&mut t, 10)),
            0x3C | 0x5C | 0x7C => (cx.sheet_max + 8, step(&mut t, 6)),
            0x3D | 0x5D | 0x7D => (cx.sheet_max + 8, step(&mut t, 10)),
            0x01 => (0, step(&mut t, 4)),
            0x03..=0x11 => {
                work += 2 * moved;
                (2, true)
            }
            0x12 | 0x13 | 0x15 => {
                work += moved;
                (2, true)
            }
            0x14 => (1, true),
            0x16 => (0, true),
            0x17 => {
                let Some(&cch) = t.first() else { break };
                let cch = cch as usize;
                if cx.pre_biff8 {
                    (3 * cch as u64 + 2, step(&mut t, 1 + cch))
                } else {
                    let Some(&flags) = t.get(1) else { break };
                    let consumed = 1 + if flags & 1 != 0 { 2 * cch } else { cch };
                    (6 * cch as u64 + 2, step(&mut t, 1 + consumed))
                }
            }
            0x18 => (0, step(&mut t, 5)),
            0x19 => {
                let Some(&etpg) = t.first() else { break };
                t = &t[1..];
                match etpg {
                    0x01 | 0x02 | 0x08 | 0x20 | 0x21 => (0, step(&mut t, 2)),
                    0x04 => match u16_at(t, 0) {
                        Some(n) => (0, step(&mut t, 2 + 2 * (n as usize + 1))),
                        None => break,
                    },
                    0x10 => {
                        work += 2 * moved;
                        (5, step(&mut t, 2))
                    }
                    0x40 | 0x41 => {
                        let (Some(&kind), Some(&cch)) = (t.first(), t.get(1)) else {
                            break;
                        };
                        if kind > 0x06 {
                            break;
                        }
                        // `cch` inserts, each moving the text after the insertion point.
                        work += u128::from(cch) * (moved + u128::from(cch));
                        (u64::from(cch), step(&mut t, 2))
                    }
                    _ => break,
                }
            }
            0x1C => (13, step(&mut t, 1)),
            0x1D => (5, step(&mut t, 1)),
            0x1E => (5, step(&mut t, 2)),
            0x1F => match t.get(..8) {
                Some(b) => {
                    let v = f64::from_le_bytes(b.try_into().unwrap_or([0; 8]));
                    (format!("{v}").len() as u64, step(&mut t, 8))
                }
                None => break,
            },
            0x20 | 0x40 | 0x60 => (10, step(&mut t, 7)),
            0x21 | 0x41 | 0x61 => {
                work += 2 * moved;
                (18 + 2 + 255, step(&mut t, 2))
            }
            0x22 | 0x42 | 0x62 => {
                work += 2 * moved;
                (18 + 2 + 255, step(&mut t, 3))
            }
            0x23 | 0x43 | 0x63 => (cx.name_max.max(5), step(&mut t, 4)),
            0x24 | 0x44 | 0x64 => (12, step(&mut t, if cx.pre_biff8 { 3 } else { 4 })),
            0x25 | 0x45 | 0x65 => (24, step(&mut t, if cx.pre_biff8 { 6 } else { 8 })),
            0x2A | 0x4A | 0x6A => (5, step(&mut t, if cx.pre_biff8 { 3 } else { 4 })),
            0x2B | 0x4B | 0x6B => (5, step(&mut t, if cx.pre_biff8 { 6 } else { 8 })),
            0x39 | 0x59 => (10, step(&mut t, 6)),
            _ => break,
        };
        len += grow;
        if !ok {
            break;
        }
    }
    // `String::with_capacity(rgce.len())`, the text, or the error message replacing it.
    (len.max(ERROR_TEXT).max(rgce.len() as u64), work)
}

/// calamine's cell vector for one sheet: its length and capacity, as `Vec` grows them.
#[derive(Default)]
struct CellVec {
    len: usize,
    cap: usize,
}

impl CellVec {
    /// `Vec::reserve(additional)` (amortized growth, at least 4 elements).
    fn reserve(&mut self, additional: usize) {
        if additional > self.cap - self.len {
            let required = self.len.saturating_add(additional);
            self.cap = self.cap.saturating_mul(2).max(required).max(4);
        }
    }

    fn push(&mut self) {
        self.reserve(1);
        self.len += 1;
    }
}

/// The bounding box of a set of cells, as calamine's `Range::from_sparse` computes it.
#[derive(Default)]
struct BBox(Option<(u32, u32, u32, u32)>);

impl BBox {
    fn add(&mut self, row: u32, col: u32) {
        self.0 = Some(match self.0 {
            None => (row, row, col, col),
            Some((r0, r1, c0, c1)) => (r0.min(row), r1.max(row), c0.min(col), c1.max(col)),
        });
    }

    fn cells(&self) -> u128 {
        match self.0 {
            None => 0,
            Some((r0, r1, c0, c1)) => u128::from(r1 - r0 + 1) * u128::from(c1 - c0 + 1),
        }
    }
}

/// Walks the Workbook stream's records as calamine's `parse_workbook` does, counting what it
/// would allocate: the globals, then each sheet.
fn biff(stream: &[u8]) -> Result<Scan, Stop> {
    let globals = globals(stream)?;
    let mut scan = Scan {
        work: globals.work,
        ..Scan::default()
    };
    for (pos, name) in globals.positions {
        // calamine slices `stream[pos..]`: a panic past the end.
        let sheet = stream.get(pos..).ok_or(Stop::Fails)?;
        scan_sheet(sheet, name, &globals.sst, &globals.cx, &mut scan)?;
    }
    Ok(scan)
}

/// What the globals of a Workbook stream tell the scan of its sheets.
struct Globals {
    /// Where each sheet's records start, and its name (BIFF8).
    positions: Vec<(usize, Option<String>)>,
    /// Bytes of each shared string.
    sst: Vec<u32>,
    cx: FormulaContext,
    /// Bytes moved so far.
    work: u128,
}

/// The globals' records, up to the first EOF.
fn globals(stream: &[u8]) -> Result<Globals, Stop> {
    let mut positions = Vec::new();
    let mut utf16 = true;
    let mut sst: Vec<u32> = Vec::new();
    let mut cx = FormulaContext {
        pre_biff8: false,
        sheet_max: 4,
        name_max: 5,
    };
    let mut work: u128 = 0;
    for rec in (Records { stream }) {
        let (typ, data, continues) = rec?;
        match typ {
            // BOF: the BIFF version (calamine's `parse_bof`).
            0x0809 => {
                let version = u16_at(data, 0).ok_or(Stop::Fails)?;
                let dt = u16_at(data, 2).unwrap_or(0);
                cx.pre_biff8 =
                    matches!(version, 0x0200 | 0x0002 | 0x0007 | 0x0300 | 0x0400 | 0x0500)
                        || (version == 0 && dt == 0x1000);
            }
            // Lbl: a defined name of `data[3]` characters.
            0x0018 => {
                if let Some(&cch) = data.get(3) {
                    cx.name_max = cx.name_max.max(6 * u64::from(cch));
                }
            }
            // CodePage: the encoding of the strings that follow (1200: UTF-16LE, the default).
            0x0042 => utf16 = u16_at(data, 0) == Some(1200),
            // SST: the strings LabelSst cells will clone.
            0x00FC => {
                let (sizes, moved) = sst_sizes(data, continues, utf16);
                work += moved;
                if work > MAX_WORK {
                    return Err(SLOW);
                }
                sst = sizes?;
            }
            // FilePass: calamine reports a password (or panics on a short record).
            0x002F => match u16_at(data, 0) {
                Some(0) => (),
                _ => return Err(Stop::Fails),
            },
            // BoundSheet8: `data[4]`, `data[5]` are read before anything else.
            0x0085 => match (u32_at(data, 0), data.len() >= 6) {
                (Some(pos), true) => {
                    positions.push((pos as usize, sheet_name(data, cx.pre_biff8)));
                    let cch = data.get(6).copied().unwrap_or(0);
                    cx.sheet_max = cx.sheet_max.max(6 * u64::from(cch));
                }
                _ => return Err(Stop::Fails),
            },
            0x000A => break,
            _ => (),
        }
    }

    Ok(Globals {
        positions,
        sst,
        cx,
        work,
    })
}

/// One sheet's records (from its BOF to its EOF, substreams skipped): the cells calamine will
/// hold, its used ranges, its hidden rows and columns, added to `scan`.
// One match over the BIFF record types of a sheet: long because the record types are many.
fn scan_sheet(
    sheet: &[u8],
    name: Option<String>,
    sst: &[u32],
    cx: &FormulaContext,
    scan: &mut Scan,
) -> Result<(), Stop> {
    let limit = MAX_CELLS as u128;
    let text_limit = MAX_TEXT_BYTES as u128;
    let mut hidden = super::hidden::Hidden {
        sheet: name.unwrap_or_default(),
        ..Default::default()
    };
    let mut filter_mode = false;
    let mut cells = CellVec::default();
    let mut values = BBox::default();
    let mut formulas = BBox::default();
    let mut fmla_pos = (0u32, 0u32);
    let mut seen_bof = false;
    let mut depth = 0usize;
    // The capacity is checked with the ranges of the sheets before it.
    let check = |cells: &CellVec, what| {
        let held = scan.ranges + cells.cap as u128;
        if held > limit {
            Err(Stop::TooMany {
                what,
                amount: held,
                limit,
            })
        } else {
            Ok(())
        }
    };
    for rec in (Records { stream: sheet }) {
        let (typ, d, _) = rec?;
        if depth > 0 {
            match typ {
                0x0809 => depth += 1,
                0x000A => depth -= 1,
                _ => (),
            }
            continue;
        }
        let rc = || -> Option<(u32, u32)> { Some((u16_at(d, 0)?.into(), u16_at(d, 2)?.into())) };
        // A record shorter than calamine requires for its type ends the parse with an error.
        let need = |n: usize| {
            if d.len() < n {
                Err(Stop::Fails)
            } else {
                Ok(())
            }
        };
        match typ {
            0x0809 => {
                if seen_bof {
                    depth += 1;
                } else {
                    seen_bof = true;
                }
            }
            0x0200 => {
                let (rows, cols) = dimensions(d)?;
                cells.reserve((rows as usize).saturating_mul(cols as usize));
                let declared = u128::from(rows) * u128::from(cols);
                if declared > limit {
                    return Err(Stop::TooMany {
                        what: DeclaredWhat::XlsDimensions,
                        amount: declared,
                        limit,
                    });
                }
                check(&cells, DeclaredWhat::XlsDimensions)?;
            }
            // LabelSst: a cell (a clone of the shared string) when the index is in the table.
            0x00FD => {
                need(10)?;
                let i = u32_at(d, 6).ok_or(Stop::Fails)? as usize;
                if let Some(&bytes) = sst.get(i) {
                    let (row, col) = rc().ok_or(Stop::Fails)?;
                    values.add(row, col);
                    cells.push();
                    check(&cells, DeclaredWhat::XlsCellRecords)?;
                    scan.text += u128::from(bytes);
                    if scan.text > text_limit {
                        return Err(Stop::TooMany {
                            what: DeclaredWhat::XlsSharedStringBytes,
                            amount: scan.text,
                            limit: text_limit,
                        });
                    }
                }
            }
            // Number, Label, RString, BoolErr, Rk.
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E => {
                need(match typ {
                    0x0203 => 14,
                    0x0204 | 0x00D6 => 6,
                    0x0205 => 8,
                    _ => 10,
                })?;
                let (row, col) = rc().ok_or(Stop::Fails)?;
                values.add(row, col);
                cells.push();
                check(&cells, DeclaredWhat::XlsCellRecords)?;
            }
            // String: the value of the formula before it.
            0x0207 => {
                values.add(fmla_pos.0, fmla_pos.1);
                cells.push();
                check(&cells, DeclaredWhat::XlsCellRecords)?;
            }
            // MulRk: `6 + 6 × (last − first + 1)` bytes (u16 arithmetic), else an error.
            0x00BD => {
                need(6)?;
                let row = u32::from(u16_at(d, 0).unwrap_or(0));
                let first = u16_at(d, 2).unwrap_or(0);
                let last = u16_at(d, d.len() - 2).unwrap_or(0);
                let n = last.wrapping_sub(first).wrapping_add(1) as usize;
                if d.len() != 6 + 6 * n {
                    return Err(Stop::Fails);
                }
                let count = (d.len() - 6) / 6;
                if count > 0 {
                    values.add(row, u32::from(first));
                    values.add(row, u32::from(first) + count as u32 - 1);
                }
                for _ in 0..count {
                    cells.push();
                }
                check(&cells, DeclaredWhat::XlsCellRecords)?;
            }
            // Formula: its position, a value cell (counted even when calamine finds none).
            0x0006 => {
                need(20)?;
                let (text, moved) = formula_cost(&d[20..], cx);
                scan.formula_text += u128::from(text);
                scan.work += moved;
                if scan.work > MAX_WORK {
                    return Err(SLOW);
                }
                if scan.formula_text > text_limit {
                    return Err(Stop::TooMany {
                        what: DeclaredWhat::XlsFormulaBytes,
                        amount: scan.formula_text,
                        limit: text_limit,
                    });
                }
                let (row, col) = rc().ok_or(Stop::Fails)?;
                fmla_pos = (row, col);
                formulas.add(row, col);
                values.add(row, col);
                cells.push();
                check(&cells, DeclaredWhat::XlsCellRecords)?;
            }
            // Row: fDyZero (bit 5 of grbit) hides it.
            0x0208 => {
                if let (Some(row), Some(flags)) = (u16_at(d, 0), u16_at(d, 12)) {
                    if flags & 0x20 != 0 {
                        hidden.add_rows(row.into(), row.into());
                    }
                }
            }
            // ColInfo: fHidden (bit 0 of grbit) hides colFirst..=colLast.
            0x007D => {
                if let (Some(a), Some(b), Some(flags)) = (u16_at(d, 0), u16_at(d, 2), u16_at(d, 8))
                {
                    if flags & 1 != 0 && a <= b && a < 256 {
                        hidden.add_cols(a.into(), b.min(255).into());
                    }
                }
            }
            // FilterMode: the sheet's AutoFilter hides rows.
            0x009B => filter_mode = true,
            0x000A => break,
            _ => (),
        }
    }
    if filter_mode {
        hidden.filtered = match (hidden.rows.first(), hidden.rows.last()) {
            (Some(a), Some(b)) => Some((a.0, b.1)),
            _ => None,
        };
    }
    if !hidden.sheet.is_empty() && !hidden.is_empty() {
        hidden.rows.sort_unstable();
        scan.hidden.push(hidden);
    }
    scan.sheets += 1;
    scan.reserved = scan.reserved.max(cells.cap as u128);
    scan.ranges += values.cells() + formulas.cells();
    if scan.ranges > limit {
        return Err(Stop::TooMany {
            what: DeclaredWhat::XlsUsedRanges,
            amount: scan.ranges,
            limit,
        });
    }
    Ok(())
}

/// The name of a BoundSheet8 record (BIFF8: a ShortXLUnicodeString after the 6-byte head);
/// `None` for BIFF5, whose names are in the file's code page.
fn sheet_name(data: &[u8], pre_biff8: bool) -> Option<String> {
    if pre_biff8 {
        return None;
    }
    let cch = usize::from(*data.get(6)?);
    let flags = *data.get(7)?;
    let body = data.get(8..)?;
    if flags & 1 != 0 {
        let units: Vec<u16> = body
            .chunks_exact(2)
            .take(cch)
            .map(|b| u16::from_le_bytes([b[0], b[1]]))
            .collect();
        (units.len() == cch).then(|| String::from_utf16_lossy(&units))
    } else {
        let bytes = body.get(..cch)?;
        Some(bytes.iter().map(|&b| char::from(b)).collect())
    }
}

/// calamine's `parse_dimensions` and the `rows`, `cols` it reserves (`end − start + 1` in
/// `u32`, wrapping as in a release build; a debug build panics there instead).
fn dimensions(d: &[u8]) -> Result<(u32, u32), Stop> {
    let g16 = |i| u32::from(u16_at(d, i).unwrap_or(0));
    let g32 = |i| u32_at(d, i).unwrap_or(0);
    let (rf, rl, mut cf, cl) = match d.len() {
        10 => (g16(0), g16(2), g16(4), g16(6)),
        14 | 16 => (g32(0), g32(4), g16(8), g16(10)),
        _ => return Err(Stop::Fails),
    };
    if 0xFF < cf || cl < cf {
        cf = 0;
    }
    let (start, end) = if 1 <= rl && 1 <= cl {
        ((rf, cf), (rl - 1, cl - 1))
    } else {
        ((rf, cf), (rf, cf))
    };
    Ok((
        end.0.wrapping_sub(start.0).wrapping_add(1),
        end.1.wrapping_sub(start.1).wrapping_add(1),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{open_workbook, Reader, Xls};
    use std::path::PathBuf;

    /// The repository's .xls files calamine reads, and the real-Excel ones from R packages when
    /// installed.
    fn real_files() -> Vec<PathBuf> {
        let mut files = vec![PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
            .join("tests/data/staff_survey.xls")];
        for dir in [
            "/usr/lib/R/site-library/readxl/extdata",
            "/usr/lib/R/site-library/gdata/xls",
        ] {
            if let Ok(rd) = std::fs::read_dir(dir) {
                files.extend(
                    rd.flatten()
                        .map(|e| e.path())
                        .filter(|p| p.extension().is_some_and(|x| x == "xls")),
                );
            }
        }
        files.sort();
        files
    }

    #[test]
    fn ranges_match_what_calamine_builds() {
        for p in real_files() {
            let bytes = std::fs::read(&p).unwrap();
            let scan = scan(&mut std::io::Cursor::new(&bytes), bytes.len())
                .unwrap_or_else(|e| panic!("{}: {e:?}", p.display()));
            let mut wb: Xls<_> = open_workbook(&p).unwrap();
            let names = wb.sheet_names();
            let mut cells = 0u128;
            let mut text = 0u128;
            let mut formula_text = 0u128;
            for n in &names {
                let range = wb.worksheet_range(n).unwrap();
                text += range
                    .used_cells()
                    .map(|(_, _, v)| match v {
                        calamine::Data::String(s) => s.len() as u128,
                        _ => 0,
                    })
                    .sum::<u128>();
                let (h, w) = range.get_size();
                let f = wb.worksheet_formula(n).unwrap();
                let (fh, fw) = f.get_size();
                formula_text += f
                    .used_cells()
                    .map(|(_, _, s)| s.len() as u128)
                    .sum::<u128>();
                cells += (h * w + fh * fw) as u128;
            }
            assert!(scan.formula_text >= formula_text, "{}", p.display());
            assert!(scan.work < 1 << 24, "{}: {scan:?}", p.display());
            assert_eq!(scan.sheets, names.len(), "{}", p.display());
            assert_eq!(scan.ranges, cells, "{}", p.display());
            eprintln!("{}: text {} of {text}", p.display(), scan.text);
            assert!(scan.text <= text, "{}", p.display());
            assert!(
                scan.reserved >= 1 && scan.reserved <= 65_536 * 256,
                "{}",
                p.display()
            );
        }
    }

    /// The pre-scan's cost against calamine's open on one file (`TTXL_XLS_BENCH=path`; run with
    /// `cargo test --release --lib prescan_cost -- --ignored --nocapture`): best of five each.
    #[test]
    #[ignore = "measurement; needs TTXL_XLS_BENCH"]
    fn prescan_cost() {
        let Ok(p) = std::env::var("TTXL_XLS_BENCH") else {
            return;
        };
        let p = PathBuf::from(p);
        let best = |f: &mut dyn FnMut()| {
            (0..5)
                .map(|_| {
                    let t = std::time::Instant::now();
                    f();
                    t.elapsed().as_secs_f64()
                })
                .fold(f64::INFINITY, f64::min)
        };
        let scan_s = best(&mut || {
            check(&p).unwrap();
        });
        let open_s = best(&mut || {
            let wb: Xls<_> = open_workbook(&p).unwrap();
            drop(wb);
        });
        let bytes = std::fs::read(&p).unwrap();
        let s = scan(&mut std::io::Cursor::new(&bytes), bytes.len()).unwrap();
        eprintln!(
            "{}: {} bytes, {s:?}; pre-scan {:.1} ms, calamine open {:.1} ms, ratio {:.3}",
            p.display(),
            bytes.len(),
            scan_s * 1e3,
            open_s * 1e3,
            scan_s / open_s
        );
    }

    /// Mutated real files (bytes flipped anywhere, header included; truncations): the scan never
    /// panics, and when it lets a file through that calamine then opens, it never under-counts
    /// the ranges calamine built.
    #[test]
    fn mutations_never_panic_and_never_undercount() {
        let mut state = 0x5eed_0fc0_ffee_u64;
        let mut next = move || {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            (z ^ (z >> 31)) as usize
        };
        let (mut cases, mut opened, mut refused) = (0, 0, 0);
        for p in real_files() {
            let bytes = std::fs::read(&p).unwrap();
            for c in 0..120 {
                let mut m = bytes.clone();
                if c % 6 == 5 {
                    m.truncate(next() % bytes.len());
                } else {
                    for _ in 0..1 + next() % 4 {
                        let at = if c % 3 == 0 {
                            next() % 512
                        } else {
                            next() % m.len()
                        };
                        m[at] = next() as u8;
                    }
                }
                cases += 1;
                let got = std::panic::catch_unwind(|| scan(&mut std::io::Cursor::new(&m), m.len()))
                    .unwrap_or_else(|_| panic!("{} case {c}: the scan panicked", p.display()));
                let Ok(s) = got else {
                    refused += usize::from(!matches!(got, Err(Stop::Fails)));
                    continue;
                };
                if s.ranges > 1_000_000 || s.reserved > 1_000_000 {
                    continue;
                }
                let open = std::panic::catch_unwind(|| {
                    let mut wb = Xls::new(std::io::Cursor::new(m.clone())).ok()?;
                    let mut cells = 0u128;
                    for n in wb.sheet_names() {
                        let (h, w) = wb.worksheet_range(&n).ok()?.get_size();
                        let (fh, fw) = wb.worksheet_formula(&n).ok()?.get_size();
                        cells += (h * w + fh * fw) as u128;
                    }
                    Some(cells)
                });
                if let Ok(Some(cells)) = open {
                    opened += 1;
                    assert!(
                        s.ranges >= cells,
                        "{} case {c}: {s:?} < {cells}",
                        p.display()
                    );
                }
            }
        }
        eprintln!("{cases} mutations: {opened} opened by calamine, {refused} refused by the scan");
        assert!(opened > cases / 4, "{opened} of {cases}");
    }

    #[test]
    fn every_refusal_has_a_japanese_message() {
        use crate::lang::Lang;
        for what in [
            DeclaredWhat::XlsDimensions,
            DeclaredWhat::XlsCellRecords,
            DeclaredWhat::XlsUsedRanges,
            DeclaredWhat::XlsSharedStringBytes,
            DeclaredWhat::XlsFormulaBytes,
        ] {
            let e = ReadError::Declared {
                path: PathBuf::from("a.xls"),
                what,
                declared: 2,
                limit: 1,
            };
            let ja = e.message(Lang::Ja);
            assert!(!ja.contains(what.pair().en), "{ja}");
            assert!(e.to_string().contains(what.pair().en));
        }
        for stop in [CYCLE, FAT_TOO_LONG, OFF_FAT, TRUNCATED, SLOW] {
            let Stop::Damaged(why) = stop else {
                unreachable!()
            };
            let (en, ja) = (why.get(Lang::En), why.get(Lang::Ja));
            assert!(en.is_ascii() && !ja.is_ascii(), "{en} / {ja}");
        }
    }

    #[test]
    fn dimensions_as_calamine_computes_them() {
        let b8 = |rf: u32, rl: u32, cf: u16, cl: u16, reserved: u16| {
            let mut d = Vec::new();
            d.extend(rf.to_le_bytes());
            d.extend(rl.to_le_bytes());
            d.extend(cf.to_le_bytes());
            d.extend(cl.to_le_bytes());
            d.extend(reserved.to_le_bytes());
            d
        };
        // A1:E11 declared as rows 0..11, columns 0..5.
        assert_eq!(dimensions(&b8(0, 11, 0, 5, 0)), Ok((11, 5)));
        // The reserved field is ignored.
        assert_eq!(dimensions(&b8(0, 11, 0, 5, 0xBEEF)), Ok((11, 5)));
        // First column above 0xFF or after the last: taken as 0.
        assert_eq!(dimensions(&b8(0, 1, 0x100, 0x200, 0)), Ok((1, 0x200)));
        assert_eq!(dimensions(&b8(0, 1, 9, 3, 0)), Ok((1, 3)));
        // An empty sheet (last row 0) reserves one cell.
        assert_eq!(dimensions(&b8(7, 0, 2, 0, 0)), Ok((1, 1)));
        // First row after the last: the subtraction wraps.
        assert_eq!(dimensions(&b8(5, 3, 0, 1, 0)), Ok((u32::MAX - 1, 1)));
        // BIFF5: 16-bit rows.
        let mut b5 = Vec::new();
        for v in [2u16, 65_535, 0, 256, 0] {
            b5.extend(v.to_le_bytes());
        }
        assert_eq!(dimensions(&b5), Ok((65_533, 256)));
        // Other lengths: calamine's error.
        assert_eq!(dimensions(&[0; 12]), Err(Stop::Fails));
    }

    #[test]
    fn the_cell_vector_grows_like_a_vec() {
        let mut v = CellVec::default();
        let mut real: Vec<u64> = Vec::new();
        for step in [0usize, 1, 3, 10, 2, 40, 0, 7] {
            for _ in 0..step {
                v.push();
                real.push(step as u64);
            }
            v.reserve(step * 3);
            real.reserve(step * 3);
            assert_eq!((v.len, v.cap), (real.len(), real.capacity()));
        }
    }
}
