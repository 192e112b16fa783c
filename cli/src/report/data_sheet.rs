//! The Data sheet: every analysed value, one row per respondent (condition), so that a reader can
//! check the numbers and Excel's `T.TEST` on the Results sheet has its ranges.
//!
//! The sheet can hold millions of cells (100,000 respondents × 40 items × 2 conditions is 8
//! million), which made it the most expensive part of a large run: rust_xlsxwriter formats each
//! cell through `write!` with a freshly allocated column name, and in constant-memory mode the
//! whole sheet went through a temporary file before being compressed. So the sheet is written
//! in two parts:
//!
//! * the header and the first [`HEAD_ROWS`] rows through rust_xlsxwriter (formats, frozen
//!   header, `autofit()` over what a reader sees first);
//! * the remaining rows as worksheet XML, generated on a second thread while the first compresses
//!   it into the package ([`ResultBook::save_to_writer`]): the package rust_xlsxwriter wrote is
//!   copied entry by entry, and the rows are inserted before `</sheetData>` of the Data sheet,
//!   whose `<dimension>` is extended to the last row.
//!
//! Both parts take their cells from the same function ([`DataRows::cells`]) and write them as
//! rust_xlsxwriter does (same XML escapes, same 32,767-character limit, empty text skipped), so
//! the sheet holds the same values whichever part a row is in; text in the second part is stored
//! as inline strings (`t="inlineStr"`, as rust_xlsxwriter's constant-memory mode does) rather
//! than in the shared-string table.

use std::io::{Cursor, Read, Write};
use std::sync::mpsc;

use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

use crate::analysis::Analysis;
use crate::workbook::Survey;

use super::{DataLayout, MAX_ROW};

/// Data rows written through rust_xlsxwriter (and so seen by its `autofit()`); the rest are
/// appended to the sheet's XML when the package is saved. (The docs of `ResultBook` and
/// `build_workbook` say 50.)
pub(crate) const HEAD_ROWS: usize = 50;

/// Bytes of XML handed from the generating thread to the compressing one at a time.
const CHUNK: usize = 1 << 18;

/// Excel's limit on the length of a cell's text, in UTF-16 code units (rust_xlsxwriter's check).
const MAX_STRING_LEN: usize = 32_767;

/// One cell of a Data row.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Cell<'a> {
    /// Text (an ID, a condition label, a breakdown value). Empty text writes no cell.
    Text(&'a str),
    /// A finite number.
    Num(f64),
}

/// The rows of the Data sheet below its header: row `i` (0-based) is sheet row `i + 1`.
#[derive(Clone, Copy)]
pub(crate) struct DataRows<'a> {
    survey: &'a Survey,
    a: &'a Analysis,
    layout: DataLayout,
    /// Shown in the breakdown column for a group withheld by `--min-group`.
    withheld_label: &'static str,
}

impl<'a> DataRows<'a> {
    pub(crate) fn new(
        survey: &'a Survey,
        a: &'a Analysis,
        layout: &DataLayout,
        lang: crate::lang::Lang,
    ) -> Self {
        DataRows {
            survey,
            a,
            layout: *layout,
            withheld_label: crate::words::data::DataSheetText::Withheld.get(lang),
        }
    }

    /// Number of rows: every respondent of the first condition, then (independent groups) of the
    /// second, up to Excel's last row.
    pub(crate) fn len(&self) -> usize {
        let n = if self.layout.paired {
            self.a.order_first.len()
        } else {
            self.a.order_first.len() + self.a.order_second.len()
        };
        n.min(MAX_ROW as usize)
    }

    /// The cells of row `i` in column order, appended to `out`.
    pub(crate) fn cells(&self, i: usize, out: &mut Vec<(u16, Cell<'a>)>) {
        let (survey, a, layout) = (self.survey, self.a, &self.layout);
        let n_first = a.order_first.len();
        let (side, pos) = if layout.paired || i < n_first {
            (0, i)
        } else {
            (1, i - n_first)
        };
        let (group, order) = if side == 0 {
            (&survey.first, &a.order_first)
        } else {
            (&survey.second, &a.order_second)
        };
        let r = order[pos];
        let mut c = 0u16;
        if !layout.paired {
            out.push((c, Cell::Text(&a.labels[side])));
            c += 1;
        }
        // The respondent: the ID only with --keep-ids; by default the row(s) of the input sheet(s)
        // the answers were read from (personal data stay out of the result).
        let sheet_row = |g: &crate::workbook::Group| {
            Cell::Num(g.rows.get(r).map_or(r as f64 + 1.0, |&x| f64::from(x)))
        };
        if layout.ids {
            match group.ids.get(r) {
                Some(Some(id)) => out.push((c, Cell::Text(id))),
                _ => out.push((c, Cell::Num(r as f64 + 1.0))),
            }
            c += 1;
        } else if layout.paired {
            out.push((c, sheet_row(&survey.first)));
            out.push((c + 1, sheet_row(&survey.second)));
            c += 2;
        } else {
            out.push((c, sheet_row(group)));
            c += 1;
        }
        if survey.by_column.is_some() {
            if let Some(Some(by)) = group.by.get(r) {
                // A group withheld by --min-group is not named beside its few people's answers.
                let shown = if a.is_withheld(by) {
                    self.withheld_label
                } else {
                    by.as_str()
                };
                out.push((c, Cell::Text(shown)));
            }
        }
        let num = |v: f64| {
            if v.is_finite() {
                Cell::Num(v)
            } else {
                // Never rust_xlsxwriter's "NAN"/"INF" text (only NaN is excluded by `used`).
                Cell::Text(if v > 0.0 {
                    "∞"
                } else if v < 0.0 {
                    "−∞"
                } else {
                    "—"
                })
            }
        };
        for k in 0..survey.items.len() {
            if layout.paired {
                for (s, g) in [&survey.first, &survey.second].into_iter().enumerate() {
                    if a.used(survey, k, s, r) {
                        out.push((layout.col(k, s), num(g.values[k][r])));
                    }
                }
            } else if a.used(survey, k, side, r) {
                out.push((layout.col(k, 0), num(group.values[k][r])));
            }
        }
    }

    /// Writes rows `0..end` through rust_xlsxwriter.
    pub(crate) fn write_head(&self, ws: &mut Worksheet, end: usize) -> Result<(), XlsxError> {
        let mut cells = Vec::new();
        for i in 0..end {
            cells.clear();
            self.cells(i, &mut cells);
            let row = i as u32 + 1;
            for &(c, cell) in &cells {
                match cell {
                    Cell::Text(s) => ws.write_string(row, c, s)?,
                    Cell::Num(v) => ws.write_number(row, c, v)?,
                };
            }
        }
        Ok(())
    }

    /// Appends rows `range` as worksheet XML (`<row>` elements) to `out`, stopping after the row
    /// that takes `out` past `limit` bytes; returns the next row to write.
    fn write_xml(
        &self,
        range: std::ops::Range<usize>,
        limit: usize,
        columns: &[String],
        cells: &mut Vec<(u16, Cell<'a>)>,
        out: &mut Vec<u8>,
    ) -> Result<usize, XlsxError> {
        let mut row_text = [0u8; 20];
        for i in range.clone() {
            cells.clear();
            self.cells(i, cells);
            let row = decimal(i as u64 + 2, &mut row_text);
            out.extend_from_slice(b"<row r=\"");
            out.extend_from_slice(row);
            out.extend_from_slice(b"\">");
            for &(c, cell) in cells.iter() {
                let put_ref = |out: &mut Vec<u8>| {
                    out.extend_from_slice(b"<c r=\"");
                    out.extend_from_slice(columns[c as usize].as_bytes());
                    out.extend_from_slice(row);
                };
                match cell {
                    Cell::Num(v) => {
                        put_ref(out);
                        out.extend_from_slice(b"\"><v>");
                        number(v, out);
                        out.extend_from_slice(b"</v></c>");
                    }
                    Cell::Text("") => {}
                    Cell::Text(s) => {
                        if s.len() > MAX_STRING_LEN && s.encode_utf16().count() > MAX_STRING_LEN {
                            return Err(XlsxError::MaxStringLengthExceeded);
                        }
                        put_ref(out);
                        out.extend_from_slice(b"\" t=\"inlineStr\"><is><t");
                        if s.starts_with(['\t', '\n', ' ']) || s.ends_with(['\t', '\n', ' ']) {
                            out.extend_from_slice(b" xml:space=\"preserve\"");
                        }
                        out.push(b'>');
                        escape(s, out);
                        out.extend_from_slice(b"</t></is></c>");
                    }
                }
            }
            out.extend_from_slice(b"</row>");
            if out.len() >= limit {
                return Ok(i + 1);
            }
        }
        Ok(range.end)
    }
}

/// The rows not written through rust_xlsxwriter, and where they go.
pub(crate) struct Tail<'a> {
    pub(crate) rows: DataRows<'a>,
    /// First row to write (0-based data row; sheet row `start + 1`).
    pub(crate) start: usize,
    /// The Data sheet's part in the package, e.g. `xl/worksheets/sheet5.xml`.
    pub(crate) part: String,
    /// Deflate level the workbook uses (rust_xlsxwriter's `set_zip_compression_level`).
    pub(crate) level: Option<i64>,
    /// Last column of the sheet (0-based).
    pub(crate) last_col: u16,
}

/// The result workbook, ready to be saved: a rust_xlsxwriter [`Workbook`] plus, for a Data sheet
/// longer than its first 50 rows, the rows still to be written into its package.
pub struct ResultBook<'a> {
    pub(crate) workbook: Workbook,
    pub(crate) tail: Option<Tail<'a>>,
}

impl std::fmt::Debug for ResultBook<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ResultBook")
            .field(
                "tail_rows",
                &self.tail.as_ref().map(|t| t.rows.len() - t.start),
            )
            .finish_non_exhaustive()
    }
}

fn zip_error(e: zip::result::ZipError) -> XlsxError {
    match e {
        zip::result::ZipError::Io(io) => XlsxError::IoError(io),
        other => XlsxError::ZipError(other),
    }
}

impl ResultBook<'_> {
    /// Writes the .xlsx package to `writer`.
    ///
    /// # Errors
    /// An I/O error from `writer` (as [`XlsxError::IoError`], so a full disk keeps its error
    /// kind), text longer than Excel allows, or a package rust_xlsxwriter wrote in a shape this
    /// module does not recognise (a bug, as [`XlsxError::CustomError`]).
    pub fn save_to_writer<W: Write + Send>(&mut self, writer: W) -> Result<(), XlsxError> {
        let Some(tail) = &self.tail else {
            self.workbook.save_to_writer(writer)?;
            return Ok(());
        };
        let mut head = Vec::new();
        self.workbook.save_to_writer(&mut head)?;
        let mut archive = ZipArchive::new(Cursor::new(head)).map_err(zip_error)?;
        let mut out = ZipWriter::new_stream(writer);
        // As rust_xlsxwriter's packager: deflate at the workbook's level, fixed time stamp.
        let deflated = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .compression_level(tail.level)
            .unix_permissions(0o600)
            .last_modified_time(DateTime::default());
        let stored = deflated
            .compression_method(CompressionMethod::Stored)
            .compression_level(None);
        let mut found = false;
        for i in 0..archive.len() {
            let mut entry = archive.by_index(i).map_err(zip_error)?;
            let name = entry.name().map_err(zip_error)?.to_string();
            let options = if entry.compression() == CompressionMethod::Stored {
                stored
            } else {
                deflated
            };
            let mut content = Vec::with_capacity(entry.size() as usize);
            entry.read_to_end(&mut content)?;
            drop(entry);
            if name == tail.part {
                // Without ZIP64 (LibreOffice refuses a streamed ZIP64 entry), as rust_xlsxwriter:
                // more than 4 GiB of XML is an error, not a broken file.
                out.start_file(name, options).map_err(zip_error)?;
                tail.splice(&content, &mut out)?;
                found = true;
            } else {
                out.start_file(name, options).map_err(zip_error)?;
                out.write_all(&content)?;
            }
        }
        if !found {
            return Err(internal(format!("no part {} in the package", tail.part)));
        }
        out.finish().map_err(zip_error)?;
        Ok(())
    }
}

fn internal(what: String) -> XlsxError {
    XlsxError::CustomError(format!("internal error while adding the Data rows: {what}"))
}

impl Tail<'_> {
    /// Writes the Data sheet's XML `head` (as rust_xlsxwriter wrote it) with the remaining rows
    /// inserted before `</sheetData>` and the `<dimension>` extended to the last row.
    fn splice<W: Write>(&self, head: &[u8], out: &mut W) -> Result<(), XlsxError> {
        let head = std::str::from_utf8(head).map_err(|e| internal(e.to_string()))?;
        let dim_start = head
            .find("<dimension ref=\"")
            .map(|i| i + "<dimension ref=\"".len())
            .ok_or_else(|| internal("no <dimension> in the Data sheet".into()))?;
        let dim_len = head[dim_start..]
            .find('"')
            .ok_or_else(|| internal("unterminated <dimension>".into()))?;
        let dim = &head[dim_start..dim_start + dim_len];
        let first = dim.split(':').next().unwrap_or(dim);
        // The rows rust_xlsxwriter wrote must end where the tail starts (a check that this is
        // the Data sheet).
        let head_end = dim.rsplit(':').next().unwrap_or(dim);
        let head_rows: usize = head_end
            .trim_start_matches(|c: char| c.is_ascii_uppercase())
            .parse()
            .map_err(|_| internal(format!("unexpected <dimension ref=\"{dim}\">")))?;
        if head_rows != self.start + 1 {
            return Err(internal(format!(
                "the Data sheet ends at row {head_rows}, expected {}",
                self.start + 1
            )));
        }
        let end = head
            .rfind("</sheetData>")
            .ok_or_else(|| internal("no </sheetData> in the Data sheet".into()))?;
        if end < dim_start {
            return Err(internal("</sheetData> before <dimension>".into()));
        }
        let columns: Vec<String> = (0..=self.last_col)
            .map(rust_xlsxwriter::utility::column_number_to_name)
            .collect();
        let last = rust_xlsxwriter::utility::column_number_to_name(self.last_col);
        out.write_all(&head.as_bytes()[..dim_start])?;
        write!(out, "{first}:{last}{}", self.rows.len() + 1)?;
        out.write_all(&head.as_bytes()[dim_start + dim_len..end])?;

        // Rows are generated on a second thread while this one compresses and writes them.
        let rows = self.rows;
        let (start, stop) = (self.start, self.rows.len());
        std::thread::scope(|scope| -> Result<(), XlsxError> {
            let (full_tx, full_rx) = mpsc::sync_channel::<Result<Vec<u8>, XlsxError>>(2);
            let (empty_tx, empty_rx) = mpsc::channel::<Vec<u8>>();
            let columns = &columns;
            scope.spawn(move || {
                let mut cells = Vec::new();
                let mut next = start;
                while next < stop {
                    let mut buf = empty_rx
                        .try_recv()
                        .unwrap_or_else(|_| Vec::with_capacity(CHUNK + (1 << 16)));
                    buf.clear();
                    let chunk = rows
                        .write_xml(next..stop, CHUNK, columns, &mut cells, &mut buf)
                        .map(|n| {
                            next = n;
                            buf
                        });
                    let failed = chunk.is_err();
                    // The receiver is gone when writing failed: stop quietly.
                    if full_tx.send(chunk).is_err() || failed {
                        return;
                    }
                }
            });
            for chunk in full_rx {
                let buf = chunk?;
                out.write_all(&buf)?;
                let _ = empty_tx.send(buf);
            }
            Ok(())
        })?;
        out.write_all(&head.as_bytes()[end..])?;
        Ok(())
    }
}

/// `n` in decimal, into the end of `buf`.
fn decimal(mut n: u64, buf: &mut [u8; 20]) -> &[u8] {
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            return &buf[i..];
        }
    }
}

/// A finite number as the shortest text that reads back as the same `f64`: integers without a
/// decimal point, others in Rust's shortest round-trip form (exponent form outside 1e-5..1e16).
fn number(v: f64, out: &mut Vec<u8>) {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        let mut buf = [0u8; 20];
        if v < 0.0 {
            out.push(b'-');
        }
        out.extend_from_slice(decimal(v.abs() as u64, &mut buf));
    } else if (1e-5..1e16).contains(&v.abs()) {
        let _ = write!(out, "{v}");
    } else {
        let _ = write!(out, "{v:e}");
    }
}

/// Appends `s` escaped as rust_xlsxwriter escapes cell text: a literal `_xHHHH_` gets its
/// underscore encoded (`_x005F_xHHHH_`), `&`, `<`, `>` become entities, and control characters
/// other than tab and newline (and U+FFFE/U+FFFF) become `_xHHHH_`.
fn escape(s: &str, out: &mut Vec<u8>) {
    let bytes = s.as_bytes();
    let plain = |b: u8| !matches!(b, b'&' | b'<' | b'>' | b'_' | 0..=0x1F | 0xEF);
    if bytes.iter().all(|&b| plain(b) || b == b'\t' || b == b'\n') {
        out.extend_from_slice(bytes);
        return;
    }
    for (i, ch) in s.char_indices() {
        match ch {
            '&' => out.extend_from_slice(b"&amp;"),
            '<' => out.extend_from_slice(b"&lt;"),
            '>' => out.extend_from_slice(b"&gt;"),
            '\t' | '\n' => out.push(ch as u8),
            '\u{0}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}' => {
                let _ = write!(out, "_x{:04X}_", ch as u32);
            }
            '_' if is_escape_sequence(&s[i..]) => out.extend_from_slice(b"_x005F_"),
            _ => {
                let mut b = [0u8; 4];
                out.extend_from_slice(ch.encode_utf8(&mut b).as_bytes());
            }
        }
    }
}

/// `true` when `s` starts with `_xHHHH_` (four hex digits).
fn is_escape_sequence(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 7 && b[1] == b'x' && b[2..6].iter().all(u8::is_ascii_hexdigit) && b[6] == b'_'
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(s: &str) -> String {
        let mut out = Vec::new();
        escape(s, &mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn text_is_escaped_as_rust_xlsxwriter_does() {
        assert_eq!(
            escaped("職員 A&B <1> \"q\""),
            "職員 A&amp;B &lt;1&gt; \"q\""
        );
        assert_eq!(escaped("a\tb\nc\rd\u{1}"), "a\tb\nc_x000D_d_x0001_");
        assert_eq!(
            escaped("_x0041_ and _x00g1_ _x"),
            "_x005F_x0041_ and _x00g1_ _x"
        );
        assert_eq!(
            escaped("\u{FFFE}\u{FFFF}\u{FFFD}"),
            "_xFFFE__xFFFF_\u{FFFD}"
        );
    }

    #[test]
    fn numbers_read_back_exactly() {
        for v in [
            0.0,
            -0.0,
            3.0,
            -12.0,
            0.1,
            1.0 / 3.0,
            -2.5e-7,
            6.02e23,
            1e15,
            123_456_789_012_345.6,
            f64::MAX,
            f64::MIN_POSITIVE,
            5e-324,
        ] {
            let mut out = Vec::new();
            number(v, &mut out);
            let text = String::from_utf8(out).unwrap();
            assert_eq!(text.parse::<f64>().unwrap(), v, "{text}");
            assert!(text.len() <= 24, "{text}");
        }
        let mut out = Vec::new();
        number(4.0, &mut out);
        assert_eq!(out, b"4");
    }

    #[test]
    fn decimals() {
        let mut buf = [0u8; 20];
        assert_eq!(decimal(0, &mut buf), b"0");
        assert_eq!(decimal(1_048_576, &mut buf), b"1048576");
        assert_eq!(decimal(u64::MAX, &mut buf), b"18446744073709551615");
    }
}
