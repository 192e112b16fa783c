//! Pre-scan of an `.xlsb` package before calamine opens it, the guard the .xls and .ods paths
//! have: calamine reads a binary record into a buffer as long as the record says (up to 256 MiB),
//! keeps every shared string, and builds each sheet as a dense range over the rectangle its cells
//! span (one cell at A1 and one at XFD1048576 is 17 billion cells). So the parts calamine reads —
//! `xl/sharedStrings.bin`, `xl/styles.bin`, `xl/workbook.bin`, its relationships and every
//! worksheet part — are walked record by record as a stream (nothing is kept but counters) and
//! the file refused when one record is longer than [`MAX_XLSB_RECORD`], a part longer than
//! [`super::MAX_XML_PART_BYTES`], the shared strings more than
//! [`super::MAX_SHARED_STRINGS_BYTES`], a cell beyond Excel's columns, or the sheets' used
//! rectangles more than [`super::MAX_CELLS`] cells together.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use super::xlsx_scan::MAX_XML_PART_BYTES;
use super::{DeclaredWhat, ReadError, MAX_CELLS, MAX_COLUMNS, MAX_SHARED_STRINGS_BYTES};
use crate::words::files::DamagedText;

/// Longest binary record accepted in an .xlsb part: 4 MiB (a shared string of Excel's longest
/// 32,767 characters is about 64 KiB).
pub const MAX_XLSB_RECORD: usize = 4 << 20;

/// Reads one byte; `None` at the end of the part.
fn byte(r: &mut impl Read) -> std::io::Result<Option<u8>> {
    let mut b = [0u8; 1];
    loop {
        match r.read(&mut b) {
            Ok(0) => return Ok(None),
            Ok(_) => return Ok(Some(b[0])),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
    }
}

/// What a walk over one part's records found.
#[derive(Default)]
struct Walk {
    /// Bytes of BrtSSTItem records.
    sst_bytes: u64,
    /// The used rectangle of cells with a value: (first row, last row, first col, last col).
    rect: Option<(u32, u32, u32, u32)>,
    /// A cell beyond Excel's last column.
    wide: Option<u32>,
    /// Hidden rows (BrtRowHdr fDyZero) and columns (BrtColInfo fHidden) of a sheet part.
    hidden: super::hidden::Hidden,
    /// The sheets of xl/workbook.bin (BrtBundleSh): relationship ID and name.
    bundles: Vec<(String, String)>,
}

/// An XLWideString at `at` of `b` (u32 count of UTF-16 units, then the units) and the offset
/// after it; `None` for a null or cut-short string.
fn wide_string(b: &[u8], at: usize) -> Option<(String, usize)> {
    let n = u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?) as usize;
    let end = at.checked_add(4)?.checked_add(n.checked_mul(2)?)?;
    let units: Vec<u16> = b
        .get(at + 4..end)?
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .collect();
    Some((String::from_utf16_lossy(&units), end))
}

/// Relationship ID → target part (lower case, from the package root) of a `.rels` part.
fn relationships(xml: &str, base: &str) -> HashMap<String, String> {
    let attr = |tag: &str, name: &str| -> Option<String> {
        let key = format!(" {name}=\"");
        let i = tag.find(&key)? + key.len();
        Some(tag[i..].split('"').next()?.to_string())
    };
    let mut out = HashMap::new();
    for tag in xml.split("<Relationship").skip(1) {
        let tag = tag.split('>').next().unwrap_or("");
        if let (Some(id), Some(target)) = (attr(tag, "Id"), attr(tag, "Target")) {
            let target = target.replace('\\', "/");
            let full = match target.strip_prefix('/') {
                Some(abs) => abs.to_string(),
                None => format!("{base}{target}"),
            };
            out.insert(id, full.to_ascii_lowercase());
        }
    }
    out
}

/// Walks the records of `part` as calamine's `RecordIter` reads them.
fn walk(path: &Path, part: &str, r: impl Read) -> Result<Walk, ReadError> {
    let mut r = BufReader::new(r);
    let io = |e: std::io::Error| ReadError::Workbook {
        path: path.to_path_buf(),
        reason: format!("{part}: {e}"),
    };
    let mut w = Walk::default();
    let mut total: u64 = 0;
    let mut row: u32 = 0;
    // Record type: one or two bytes.
    while let Some(b) = byte(&mut r).map_err(io)? {
        let typ = if b & 0x80 != 0 {
            match byte(&mut r).map_err(io)? {
                Some(b2) => u16::from(b & 0x7F) + (u16::from(b2 & 0x7F) << 7),
                None => break,
            }
        } else {
            u16::from(b)
        };
        // Length: up to four bytes of seven bits.
        let mut len = 0usize;
        for i in 0..4 {
            let Some(b) = byte(&mut r).map_err(io)? else {
                return Ok(w);
            };
            len += usize::from(b & 0x7F) << (7 * i);
            if b & 0x80 == 0 {
                break;
            }
        }
        if len > MAX_XLSB_RECORD {
            return Err(ReadError::damaged(
                path,
                DamagedText::XlsbRecord {
                    part,
                    len,
                    mib: MAX_XLSB_RECORD >> 20,
                },
            ));
        }
        total += len as u64 + 2;
        if total > MAX_XML_PART_BYTES {
            return Err(ReadError::damaged(
                path,
                DamagedText::PartTooLarge {
                    part,
                    gib: MAX_XML_PART_BYTES >> 30,
                },
            ));
        }
        // The first four bytes: a row (BrtRowHdr) or a column (cell records).
        // Also a row header's flags (byte 11), a column's flags (byte 16), a sheet's
        // relationship ID and name (BrtBundleSh).
        let n = len.min(if typ == 0x009C { 1024 } else { 20 });
        let mut head = [0u8; 1024];
        r.read_exact(&mut head[..n]).map_err(io)?;
        let skipped = std::io::copy(&mut (&mut r).take((len - n) as u64), &mut std::io::sink())
            .map_err(io)?;
        if skipped != (len - n) as u64 {
            break;
        }
        let first = u32::from_le_bytes([head[0], head[1], head[2], head[3]]);
        match typ {
            0x0013 => w.sst_bytes += len as u64,
            0x0000 => {
                row = first;
                if n >= 12 && head[11] & 0x10 != 0 && first < super::MAX_ROWS {
                    w.hidden.add_rows(first, first);
                }
            }
            // BrtColInfo: columns colFirst..=colLast, hidden when bit 0 of byte 16 is set.
            0x003C if n >= 17 && head[16] & 1 != 0 => {
                let last = u32::from_le_bytes([head[4], head[5], head[6], head[7]]);
                if first <= last && first < MAX_COLUMNS {
                    w.hidden.add_cols(first, last.min(MAX_COLUMNS - 1));
                }
            }
            // BrtBundleSh: hsState, iTabID, strRelID, strName.
            0x009C => {
                if let Some((id, at)) = wide_string(&head[..n], 8) {
                    if let Some((name, _)) = wide_string(&head[..n], at) {
                        w.bundles.push((id, name));
                    }
                }
            }
            // Cells with a value (calamine skips blanks): RK, error, bool, real, string, shared
            // string and the four formula records.
            0x0002..=0x000B if row <= 0x0010_0000 => {
                if first >= MAX_COLUMNS {
                    w.wide = Some(first);
                }
                w.rect = Some(match w.rect {
                    None => (row, row, first, first),
                    Some((r0, r1, c0, c1)) => {
                        (r0.min(row), r1.max(row), c0.min(first), c1.max(first))
                    }
                });
            }
            _ => {}
        }
    }
    Ok(w)
}

/// Checks an .xlsb package before calamine opens it.
pub(crate) fn check(path: &Path) -> Result<Vec<super::hidden::Hidden>, ReadError> {
    let bad = |e: &dyn std::fmt::Display| ReadError::Workbook {
        path: path.to_path_buf(),
        reason: e.to_string(),
    };
    let file = File::open(path).map_err(|e| bad(&e))?;
    let mut zip = zip::ZipArchive::new(BufReader::new(file)).map_err(|e| bad(&e))?;
    let mut names: HashMap<String, String> = HashMap::new();
    for n in zip.file_names() {
        let n = n.map_err(|e| bad(&e))?;
        names.insert(n.replace('\\', "/").to_ascii_lowercase(), n.to_string());
    }
    let mut parts: Vec<String> = ["xl/sharedstrings.bin", "xl/styles.bin", "xl/workbook.bin"]
        .iter()
        .filter_map(|p| names.get(*p).cloned())
        .collect();
    let mut sheets: Vec<String> = names
        .iter()
        .filter(|(k, _)| k.starts_with("xl/worksheets/") && k.ends_with(".bin"))
        .map(|(_, v)| v.clone())
        .collect();
    sheets.sort();
    parts.extend(sheets.iter().cloned());
    let mut cells: u128 = 0;
    let mut bundles: Vec<(String, String)> = Vec::new();
    let mut hidden: Vec<(String, super::hidden::Hidden)> = Vec::new();
    for part in &parts {
        let f = zip
            .by_name(part)
            .map_err(|e| bad(&format!("{part}: {e}")))?;
        let mut w = walk(path, part, f)?;
        bundles.append(&mut w.bundles);
        if !w.hidden.is_empty() {
            hidden.push((
                part.replace('\\', "/").to_ascii_lowercase(),
                std::mem::take(&mut w.hidden),
            ));
        }
        if w.sst_bytes > MAX_SHARED_STRINGS_BYTES {
            return Err(ReadError::Declared {
                path: path.to_path_buf(),
                what: DeclaredWhat::SharedStringBytes,
                declared: u128::from(w.sst_bytes),
                limit: u128::from(MAX_SHARED_STRINGS_BYTES),
            });
        }
        if let Some(c) = w.wide {
            return Err(ReadError::damaged(
                path,
                DamagedText::BeyondLastColumn {
                    part,
                    column: u64::from(c) + 1,
                },
            ));
        }
        if let Some((r0, r1, c0, c1)) = w.rect {
            cells += u128::from(r1 - r0 + 1) * u128::from(c1 - c0 + 1);
            if cells > MAX_CELLS as u128 {
                return Err(ReadError::Declared {
                    path: path.to_path_buf(),
                    what: DeclaredWhat::XlsbUsedRanges,
                    declared: cells,
                    limit: MAX_CELLS as u128,
                });
            }
        }
    }
    // The workbook's relationships (XML) are read too: bounded like any .xlsx part.
    super::xlsx_scan::check_xml_part(path, &mut zip, &names, "xl/_rels/workbook.bin.rels")?;
    if hidden.is_empty() {
        return Ok(Vec::new());
    }
    // Sheet names by part: BrtBundleSh's relationship ID, through the workbook's .rels.
    let mut rels = String::new();
    if let Some(n) = names.get("xl/_rels/workbook.bin.rels") {
        if let Ok(f) = zip.by_name(n) {
            f.take(1 << 20)
                .read_to_string(&mut rels)
                .map_err(|e| bad(&e))?;
        }
    }
    let targets = relationships(&rels, "xl/");
    Ok(hidden
        .into_iter()
        .filter_map(|(part, h)| {
            let (_, name) = bundles
                .iter()
                .find(|(id, _)| targets.get(id) == Some(&part))?;
            Some(super::hidden::Hidden {
                sheet: name.clone(),
                ..h
            })
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(typ: u16, body: &[u8]) -> Vec<u8> {
        let mut v = Vec::new();
        if typ >= 0x80 {
            v.push((typ & 0x7F) as u8 | 0x80);
            v.push((typ >> 7) as u8);
        } else {
            v.push(typ as u8);
        }
        let mut len = body.len();
        loop {
            let b = (len & 0x7F) as u8;
            len >>= 7;
            if len == 0 {
                v.push(b);
                break;
            }
            v.push(b | 0x80);
        }
        v.extend_from_slice(body);
        v
    }

    fn cell(col: u32) -> Vec<u8> {
        let mut b = col.to_le_bytes().to_vec();
        b.extend_from_slice(&[0; 4]);
        b.extend_from_slice(&1.0f64.to_le_bytes());
        rec(0x0005, &b)
    }

    #[test]
    fn the_used_rectangle_and_records_are_measured() {
        let sheet = [
            rec(0x0091, &[]),
            rec(0x0000, &2u32.to_le_bytes()),
            cell(1),
            cell(4),
            rec(0x0000, &9u32.to_le_bytes()),
            rec(0x0001, &[0; 8]), // blank: no value
            cell(2),
            rec(0x0092, &[]),
        ]
        .concat();
        let w = walk(Path::new("x.xlsb"), "s", &sheet[..]).ok().unwrap();
        assert_eq!(w.rect, Some((2, 9, 1, 4)));
        assert_eq!(w.wide, None);

        let sheet = [rec(0x0000, &0u32.to_le_bytes()), cell(20_000)].concat();
        let w = walk(Path::new("x.xlsb"), "s", &sheet[..]).ok().unwrap();
        assert_eq!(w.wide, Some(20_000));

        // A record claiming 256 MiB is refused from its header alone.
        let huge = [0x13u8, 0xFF, 0xFF, 0xFF, 0x7F];
        match walk(Path::new("x.xlsb"), "xl/sharedStrings.bin", &huge[..]) {
            Err(ReadError::Damaged { reason, .. }) => {
                assert!(
                    reason.starts_with("xl/sharedStrings.bin holds a record of 268435455 bytes"),
                    "{reason}"
                )
            }
            other => panic!("{:?}", other.err()),
        }
    }
}
