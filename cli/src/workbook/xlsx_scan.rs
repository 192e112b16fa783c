//! A bounded streaming pass over the XML parts of an .xlsx/.xlsm package. The workbook parts are
//! checked before calamine opens the file; a sheet is read by this pass alone (its cells through
//! [`super::xlsx_cells`], as calamine would read them), so its XML is inflated and tokenised
//! once. The pass does three things at once:
//!
//! * **Bounds** what calamine's XML reader (quick-xml) will hold: quick-xml reads one event at a
//!   time into a buffer that grows to the size of the event, so a 6 GB whitespace run between
//!   `<sheetData>` and its rows, a huge attribute value, element name, comment or processing
//!   instruction would make it allocate gigabytes. Every such run is measured here as a stream
//!   (a fixed 64 KiB read buffer, nothing else grows with the input) and the part is refused with
//!   [`ReadError::Damaged`] naming it when one is longer than [`MAX_XML_RUN`] (or an element name
//!   longer than [`MAX_XML_NAME`], or the part longer than [`MAX_XML_PART_BYTES`]). Only the
//!   parts calamine reads are inflated: `_rels/.rels`, the workbook, its relationships, shared
//!   strings, styles and theme when the file is opened ([`check_package`]), and a sheet with its
//!   relationships and Tables when the sheet is loaded ([`read_sheet`]). Comments, drawings,
//!   `docProps`, `customXml` are never inflated.
//! * **Reads what the author chose not to show** in the same pass over a sheet: hidden rows
//!   (`<row hidden="1">`), rows an AutoFilter filtered out (hidden rows inside `<autoFilter ref>`
//!   with a `<filterColumn>`), hidden columns (`<col hidden="1">`), rows holding a `SUBTOTAL` or
//!   `AGGREGATE` formula, and the sheet's Excel Tables (`xl/tables/tableN.xml`: `ref`,
//!   `headerRowCount`, `totalsRowCount`).
//! * **Reads the cells** of the sheet (values, shared strings, dates by cell style).
//!
//! The tokenizer splits the stream the way quick-xml does: text up to `<`; a start or end tag up
//! to the first `>` outside a quoted attribute value; `<!-- … -->`, `<![CDATA[ … ]]>`, `<? … ?>`.
//! Where it differs from quick-xml it ends a run later, never earlier (`<?>` runs on to the next
//! `?>`), so every event quick-xml reads lies within one measured run. A DOCTYPE, which OOXML
//! forbids, is refused.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use super::xlsx_cells::{CellContext, CellReader, SharedStrings, Styles};
use super::ReadError;
use crate::words::files::{self, DamagedPart, DamagedText};
use calamine::DataRef;

/// Longest XML text or whitespace run, tag (element name with its attributes), comment,
/// processing instruction or CDATA section accepted in a part: 4 MiB. Excel's longest
/// cell text (32,767 characters) is at most 128 KiB of UTF-8 and 640 KiB escaped.
pub const MAX_XML_RUN: usize = 4 << 20;
/// Longest XML element name: 1,024 bytes (OOXML names are under 40).
pub const MAX_XML_NAME: usize = 1024;
/// Largest uncompressed XML part read: 4 GiB.
pub const MAX_XML_PART_BYTES: u64 = 4 << 30;

/// A 0-based inclusive rectangle of cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Rect {
    pub first_row: u32,
    pub first_col: u32,
    pub last_row: u32,
    pub last_col: u32,
}

impl Rect {
    fn parse(s: &str) -> Option<Rect> {
        let mut it = s.trim().split(':');
        let a = cell_ref(it.next()?)?;
        let b = match it.next() {
            Some(b) => cell_ref(b)?,
            None => a,
        };
        if it.next().is_some() {
            return None;
        }
        Some(Rect {
            first_row: a.0.min(b.0),
            first_col: a.1.min(b.1),
            last_row: a.0.max(b.0),
            last_col: a.1.max(b.1),
        })
    }
}

/// `"B12"` or `"$B$12"` → (row 11, column 1), 0-based.
fn cell_ref(s: &str) -> Option<(u32, u32)> {
    let s = s.trim().replace('$', "");
    let split = s.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = s.split_at(split);
    if letters.is_empty() || letters.len() > 3 || digits.len() > 7 {
        return None;
    }
    let mut col = 0u32;
    for b in letters.bytes() {
        if !b.is_ascii_alphabetic() {
            return None;
        }
        col = col * 26 + u32::from(b.to_ascii_uppercase() - b'A') + 1;
    }
    let row: u32 = digits.parse().ok()?;
    Some((row.checked_sub(1)?, col - 1))
}

/// An Excel Table (ListObject) on a sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TablePart {
    /// The Table's name as Excel shows it (`displayName`, else `name`).
    pub name: String,
    /// Header row(s), data body and totals row(s).
    pub area: Rect,
    /// Number of header rows at the top of `area` (0 or 1).
    pub header_rows: u32,
    /// Number of totals rows at the bottom of `area` (0 or 1).
    pub totals_rows: u32,
    /// The Table's own AutoFilter filters (has a `<filterColumn>`).
    pub filtering: bool,
}

/// What a sheet's XML says about rows and columns beyond their values.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct SheetFacts {
    /// Hidden rows (0-based), as sorted inclusive runs.
    pub hidden_rows: Vec<(u32, u32)>,
    /// Hidden columns (0-based), as inclusive runs in sheet order.
    pub hidden_cols: Vec<(u32, u32)>,
    /// The AutoFilter's range and whether it filters (has a `<filterColumn>`).
    pub auto_filter: Option<(Rect, bool)>,
    /// Rows (0-based, sorted, distinct) with a `SUBTOTAL` or `AGGREGATE` formula.
    pub subtotal_rows: Vec<u32>,
    /// The sheet's Excel Tables.
    pub tables: Vec<TablePart>,
}

impl SheetFacts {
    /// `true` when row `r` (0-based) is hidden.
    pub(crate) fn row_hidden(&self, r: u32) -> bool {
        in_runs(&self.hidden_rows, r)
    }

    /// `true` when column `c` (0-based) is hidden.
    pub(crate) fn col_hidden(&self, c: u32) -> bool {
        self.hidden_cols.iter().any(|&(a, b)| a <= c && c <= b)
    }

    /// `true` when hidden row `r` lies in the data rows of a filtering AutoFilter.
    pub(crate) fn row_filtered(&self, r: u32) -> bool {
        matches!(self.auto_filter, Some((a, true)) if a.first_row < r && r <= a.last_row)
            || self.tables.iter().any(|t| {
                t.filtering && t.area.first_row + t.header_rows <= r && r <= t.area.last_row
            })
    }
}

fn in_runs(runs: &[(u32, u32)], r: u32) -> bool {
    let i = runs.partition_point(|&(_, b)| b < r);
    runs.get(i).is_some_and(|&(a, _)| a <= r)
}

/// A sheet of the workbook as `xl/workbook.xml` lists it.
#[derive(Debug, Clone)]
pub(crate) struct SheetEntry {
    pub name: String,
    /// The part in the package (resolved as calamine resolves it).
    pub part: String,
}

/// The package as checked when it is opened: where each sheet's part is.
#[derive(Debug, Clone, Default)]
pub(crate) struct Package {
    pub sheets: Vec<SheetEntry>,
    /// Lower-cased part name → name in the zip (calamine looks parts up this way).
    names: HashMap<String, String>,
    /// Shared strings and cell styles, read as calamine reads them, for the sheets' cells.
    pub cells: CellContext,
}

/// Something a part's XML said, given to a [`Handler`].
#[derive(Clone, Copy)]
pub(crate) enum Ev<'a> {
    /// A start or empty-element tag: local name and the bytes after the name.
    Start(&'a [u8], &'a [u8]),
    End(&'a [u8]),
    /// Text (only collected while the handler asks for it), raw: references not resolved.
    Text(&'a [u8]),
    /// The content of a CDATA section (only collected while the handler asks for text).
    CData(&'a [u8]),
}

pub(crate) trait Handler {
    fn event(&mut self, ev: Ev<'_>);
    /// `true` when the text of the current element is wanted.
    fn wants_text(&self) -> bool {
        false
    }
    /// An error that stops the scan, checked after each event.
    fn take_error(&mut self) -> Option<ReadError> {
        None
    }
}

struct Ignore;
impl Handler for Ignore {
    fn event(&mut self, _: Ev<'_>) {}
}

/// The local part of an element or attribute name (`x:row` → `row`).
fn local(name: &[u8]) -> &[u8] {
    match name.iter().rposition(|&b| b == b':') {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

/// The attributes of a tag's bytes after its name: `(local name, raw value)` pairs.
pub(crate) fn attrs(mut s: &[u8]) -> impl Iterator<Item = (&[u8], &[u8])> {
    std::iter::from_fn(move || {
        let start = s
            .iter()
            .position(|b| !b.is_ascii_whitespace() && *b != b'/')?;
        s = &s[start..];
        let eq = s.iter().position(|&b| b == b'=')?;
        let key = s[..eq].trim_ascii();
        let rest = s[eq + 1..].trim_ascii_start();
        let q = *rest.first()?;
        if q != b'"' && q != b'\'' {
            return None;
        }
        let end = rest[1..].iter().position(|&b| b == q)?;
        let val = &rest[1..1 + end];
        s = &rest[end + 2..];
        Some((local(key), val))
    })
}

pub(crate) fn attr<'a>(s: &'a [u8], name: &str) -> Option<&'a [u8]> {
    attrs(s)
        .find(|(k, _)| *k == name.as_bytes())
        .map(|(_, v)| v)
}

fn attr_string(s: &[u8], name: &str) -> Option<String> {
    let raw = String::from_utf8_lossy(attr(s, name)?).into_owned();
    Some(match quick_xml::escape::unescape(&raw) {
        Ok(u) => u.into_owned(),
        Err(_) => raw,
    })
}

fn attr_u32(s: &[u8], name: &str) -> Option<u32> {
    std::str::from_utf8(attr(s, name)?)
        .ok()?
        .trim()
        .parse()
        .ok()
}

fn is_true(v: Option<&[u8]>) -> bool {
    matches!(v, Some(b"1") | Some(b"true"))
}

/// Why a part was refused.
enum Over {
    /// A run of this kind too long.
    Run(DamagedPart),
    Name,
    Part,
    Doctype,
}

fn refused(path: &Path, part: &str, over: Over) -> ReadError {
    match over {
        Over::Run(what) => ReadError::damaged(path, files::xml_run(part, what, MAX_XML_RUN >> 20)),
        Over::Name => ReadError::damaged(
            path,
            DamagedText::XmlName {
                part,
                bytes: MAX_XML_NAME,
            },
        ),
        Over::Doctype => ReadError::damaged(path, DamagedText::Doctype { part }),
        Over::Part => ReadError::damaged(
            path,
            DamagedText::PartTooLarge {
                part,
                gib: MAX_XML_PART_BYTES >> 30,
            },
        ),
    }
}

#[derive(Clone, Copy, PartialEq)]
enum State {
    Text,
    /// Just after `<`.
    Open,
    /// In a start or end tag; the quote we are inside, if any.
    Tag(u8),
    /// After `<!`, deciding between a comment, CDATA and a DOCTYPE.
    Bang,
    Comment,
    CData,
    Pi,
}

/// Streams one part through the tokenizer, calling `h` for tags (and wanted text).
// One match over the tokenizer's states, byte by byte: kept whole as the hot loop of reading.
fn scan_xml(
    path: &Path,
    part: &str,
    mut r: impl Read,
    h: &mut impl Handler,
) -> Result<(), ReadError> {
    let io = |e: std::io::Error| ReadError::Workbook {
        path: path.to_path_buf(),
        reason: format!("{part}: {e}"),
    };
    let mut chunk = vec![0u8; 64 << 10];
    let mut state = State::Text;
    // Length of the current run (text, tag, comment, …) and, for tags and wanted text, its bytes.
    let mut run = 0usize;
    let mut buf: Vec<u8> = Vec::new();
    let mut total = 0u64;
    // Last bytes seen in a comment/CDATA/PI, to find its end across chunks.
    let mut tail = [0u8; 2];
    // Where the current tag starts in this chunk (after its `<`), while it has not been copied.
    let mut tag_from: Option<usize> = None;
    loop {
        let n = match r.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(io(e)),
        };
        total += n as u64;
        if total > MAX_XML_PART_BYTES {
            return Err(refused(path, part, Over::Part));
        }
        let mut i = 0;
        let data = &chunk[..n];
        while i < n {
            match state {
                State::Text => {
                    let want = h.wants_text();
                    match memchr::memchr(b'<', &data[i..]) {
                        Some(k) => {
                            run += k;
                            if want {
                                buf.extend_from_slice(&data[i..i + k]);
                            }
                            i += k + 1;
                            if run > MAX_XML_RUN {
                                return Err(refused(path, part, Over::Run(DamagedPart::TextRun)));
                            }
                            if want && !buf.is_empty() {
                                h.event(Ev::Text(&buf));
                                if let Some(e) = h.take_error() {
                                    return Err(e);
                                }
                            }
                            buf.clear();
                            run = 0;
                            state = State::Open;
                        }
                        None => {
                            run += n - i;
                            if want {
                                buf.extend_from_slice(&data[i..]);
                            }
                            i = n;
                        }
                    }
                    if run > MAX_XML_RUN {
                        return Err(refused(path, part, Over::Run(DamagedPart::TextRun)));
                    }
                }
                State::Open => {
                    let b = data[i];
                    i += 1;
                    run = 1;
                    state = match b {
                        b'!' => {
                            buf.clear();
                            State::Bang
                        }
                        b'?' => {
                            tail = [0, 0];
                            State::Pi
                        }
                        _ => {
                            buf.clear();
                            // A tag that ends in this chunk is handed over from the chunk itself;
                            // only one that crosses chunks is copied.
                            if i < n {
                                tag_from = Some(i - 1);
                            } else {
                                buf.push(b);
                            }
                            State::Tag(0)
                        }
                    };
                }
                State::Tag(q) => {
                    // Tags are short (`<c r="A1" s="1">`): a plain loop beats a memchr call per
                    // quote.
                    let rest = &data[i..];
                    let mut quote = q;
                    let mut end = None;
                    for (k, &b) in rest.iter().enumerate() {
                        if quote == 0 {
                            if b == b'>' {
                                end = Some(k);
                                break;
                            }
                            if b == b'"' || b == b'\'' {
                                quote = b;
                            }
                        } else if b == quote {
                            quote = 0;
                        }
                    }
                    let take = end.map_or(rest.len(), |k| k + 1);
                    run += take;
                    if run > MAX_XML_RUN {
                        return Err(refused(path, part, Over::Run(DamagedPart::Tag)));
                    }
                    i += take;
                    if end.is_some() {
                        match tag_from.take() {
                            Some(s) => tag(path, part, &data[s..i - 1], h)?,
                            None => {
                                buf.extend_from_slice(&rest[..take - 1]);
                                tag(path, part, &buf, h)?;
                            }
                        }
                        buf.clear();
                        run = 0;
                        state = State::Text;
                    } else {
                        match tag_from.take() {
                            Some(s) => buf.extend_from_slice(&data[s..]),
                            None => buf.extend_from_slice(rest),
                        }
                        state = State::Tag(quote);
                    }
                }
                State::Bang => {
                    buf.push(data[i]);
                    i += 1;
                    run += 1;
                    if buf == b"--" {
                        tail = [0, 0];
                        state = State::Comment;
                    } else if buf == b"[CDATA[" {
                        tail = [0, 0];
                        buf.clear();
                        state = State::CData;
                    } else if !b"[CDATA[".starts_with(&buf) && !b"--".starts_with(&buf) {
                        // A DOCTYPE (or other `<!` markup): OOXML parts never hold one (ECMA-376
                        // Part 2 forbids DTDs), and quick-xml's DTD grammar is not mirrored here,
                        // so it is refused rather than measured.
                        return Err(refused(path, part, Over::Doctype));
                    }
                }
                State::Comment | State::CData | State::Pi => {
                    // The run ends at a `>` preceded by `--`, `]]` or `?`; `tail` holds the two
                    // bytes before `i` (across chunks).
                    let rest = &data[i..];
                    let (take, done) = match memchr::memchr(b'>', rest) {
                        Some(k) => {
                            let before = match k {
                                0 => tail,
                                1 => [tail[1], rest[0]],
                                _ => [rest[k - 2], rest[k - 1]],
                            };
                            let done = match state {
                                State::Comment => before == *b"--",
                                State::CData => before == *b"]]",
                                _ => before[1] == b'?',
                            };
                            (k + 1, done)
                        }
                        None => (rest.len(), false),
                    };
                    tail = match take {
                        0 => tail,
                        1 => [tail[1], rest[0]],
                        _ => [rest[take - 2], rest[take - 1]],
                    };
                    let keep = state == State::CData && h.wants_text();
                    if keep {
                        buf.extend_from_slice(&rest[..take]);
                    }
                    i += take;
                    run += take;
                    if run > MAX_XML_RUN {
                        let what = match state {
                            State::Comment => DamagedPart::Comment,
                            State::CData => DamagedPart::CData,
                            _ => DamagedPart::Instruction,
                        };
                        return Err(refused(path, part, Over::Run(what)));
                    }
                    if done {
                        if keep {
                            // The section's content, without its closing `]]>`.
                            buf.truncate(buf.len().saturating_sub(3));
                            h.event(Ev::CData(&buf));
                            if let Some(e) = h.take_error() {
                                return Err(e);
                            }
                        }
                        buf.clear();
                        run = 0;
                        state = State::Text;
                    }
                }
            }
        }
    }
    Ok(())
}

/// A complete tag (bytes between `<` and `>`): checks its name and hands it to `h`.
fn tag(path: &Path, part: &str, t: &[u8], h: &mut impl Handler) -> Result<(), ReadError> {
    let (end, t) = match t.first() {
        Some(b'/') => (true, &t[1..]),
        _ => (false, t),
    };
    let name_len = t
        .iter()
        .position(|b| b.is_ascii_whitespace() || *b == b'/')
        .unwrap_or(t.len());
    if name_len > MAX_XML_NAME {
        return Err(refused(path, part, Over::Name));
    }
    let name = local(&t[..name_len]);
    if end {
        h.event(Ev::End(name));
    } else {
        let self_closing = t.last() == Some(&b'/');
        h.event(Ev::Start(name, &t[name_len..]));
        if self_closing {
            h.event(Ev::End(name));
        }
    }
    match h.take_error() {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// An open package and the lower-cased names of its parts.
struct Zip {
    zip: zip::ZipArchive<BufReader<File>>,
    names: HashMap<String, String>,
}

impl Zip {
    fn open(path: &Path) -> Result<Zip, ReadError> {
        let bad = |e: &dyn std::fmt::Display| ReadError::Workbook {
            path: path.to_path_buf(),
            reason: e.to_string(),
        };
        let file = File::open(path).map_err(|e| bad(&e))?;
        let zip = zip::ZipArchive::new(BufReader::new(file)).map_err(|e| bad(&e))?;
        let mut names = HashMap::with_capacity(zip.len());
        for n in zip.file_names() {
            let n = n.map_err(|e| bad(&e))?;
            names.insert(n.replace('\\', "/").to_ascii_lowercase(), n.to_string());
        }
        Ok(Zip { zip, names })
    }

    /// Scans a part if the package has it; `Ok(false)` when it does not.
    fn scan(&mut self, path: &Path, part: &str, h: &mut impl Handler) -> Result<bool, ReadError> {
        let actual = self
            .names
            .get(&part.to_ascii_lowercase())
            .cloned()
            .unwrap_or_else(|| part.to_string());
        let f = match self.zip.by_name(&actual) {
            Ok(f) => f,
            Err(zip::result::ZipError::FileNotFound) => return Ok(false),
            Err(e) => {
                return Err(ReadError::Workbook {
                    path: path.to_path_buf(),
                    reason: format!("{part}: {e}"),
                })
            }
        };
        scan_xml(path, part, f, h)?;
        Ok(true)
    }
}

/// Checks one XML part of an open package (bounds only); a missing part is fine.
pub(crate) fn check_xml_part(
    path: &Path,
    zip: &mut zip::ZipArchive<BufReader<File>>,
    names: &HashMap<String, String>,
    part: &str,
) -> Result<(), ReadError> {
    let Some(actual) = names.get(&part.to_ascii_lowercase()) else {
        return Ok(());
    };
    let f = zip.by_name(actual).map_err(|e| ReadError::Workbook {
        path: path.to_path_buf(),
        reason: format!("{part}: {e}"),
    })?;
    scan_xml(path, part, f, &mut Ignore)
}

/// Relationships of a part: `Id` → (`Target`, `Type`).
#[derive(Default)]
struct Rels(Vec<(String, String, String)>);

impl Handler for Rels {
    fn event(&mut self, ev: Ev<'_>) {
        if let Ev::Start(b"Relationship", a) = ev {
            let get = |k| attr_string(a, k).unwrap_or_default();
            self.0.push((get("Id"), get("Target"), get("Type")));
        }
    }
}

#[derive(Default)]
struct WorkbookSheets(Vec<(String, String)>);

impl Handler for WorkbookSheets {
    fn event(&mut self, ev: Ev<'_>) {
        if let Ev::Start(b"sheet", a) = ev {
            if let Some(name) = attr_string(a, "name") {
                self.0
                    .push((name, attr_string(a, "id").unwrap_or_default()));
            }
        }
    }
}

/// Checks the parts calamine reads when it opens an .xlsx, and finds each sheet's part.
pub(crate) fn check_package(path: &Path) -> Result<Package, ReadError> {
    let mut zip = Zip::open(path)?;
    let mut root = Rels::default();
    zip.scan(path, "_rels/.rels", &mut root)?;
    let target = root
        .0
        .iter()
        .find(|r| r.2.ends_with("/relationships/officeDocument"))
        .map(|r| r.1.clone())
        .unwrap_or_else(|| "xl/workbook.xml".to_string());
    let (dir, name) = match target.rfind('/') {
        Some(i) => target.split_at(i + 1),
        None => ("", target.as_str()),
    };
    let xl = dir.strip_prefix('/').unwrap_or(dir).to_string();
    let wb = if name.is_empty() {
        "workbook.xml"
    } else {
        name
    };
    let sst_part = format!("{xl}sharedStrings.xml");
    let mut sst = SharedStrings::new(path, &sst_part);
    zip.scan(path, &sst_part, &mut sst)?;
    zip.scan(path, &format!("{xl}theme/theme1.xml"), &mut Ignore)?;
    let mut styles = Styles::default();
    zip.scan(path, &format!("{xl}styles.xml"), &mut styles)?;
    let mut rels = Rels::default();
    zip.scan(path, &format!("{xl}_rels/{wb}.rels"), &mut rels)?;
    let mut sheets = WorkbookSheets::default();
    zip.scan(path, &format!("{xl}{wb}"), &mut sheets)?;
    let sheets = sheets
        .0
        .into_iter()
        .filter_map(|(name, id)| {
            let target = &rels.0.iter().find(|r| r.0 == id)?.1;
            let part = match target.strip_prefix('/') {
                Some(abs) => abs.to_string(),
                None => format!("{xl}{target}"),
            };
            Some(SheetEntry { name, part })
        })
        .collect();
    Ok(Package {
        sheets,
        names: zip.names,
        cells: CellContext {
            strings: sst.strings,
            formats: styles.formats,
        },
    })
}

/// The sheet's own XML: rows, columns, filter, formulas and Table parts.
#[derive(Default)]
struct SheetHandler {
    facts: SheetFacts,
    table_ids: Vec<String>,
    in_sheet_data: bool,
    /// Current row (0-based), from `<row r>` (or one after the previous row). Cells are not
    /// parsed: that costs a second per 8 million cells, and Excel writes `r` on every row.
    row: Option<u32>,
    in_f: bool,
    in_auto_filter: bool,
    f_text: Vec<u8>,
    f_shared_index: Option<u32>,
    /// Shared-formula indices whose master is a SUBTOTAL/AGGREGATE.
    subtotal_shared: Vec<u32>,
}

fn is_subtotal(f: &[u8]) -> bool {
    let up = f.to_ascii_uppercase();
    memchr::memmem::find(&up, b"SUBTOTAL(").is_some()
        || memchr::memmem::find(&up, b"AGGREGATE(").is_some()
}

impl SheetHandler {
    fn mark_subtotal(&mut self) {
        if let Some(r) = self.row {
            if self.facts.subtotal_rows.last() != Some(&r) {
                self.facts.subtotal_rows.push(r);
            }
        }
    }
}

impl Handler for SheetHandler {
    fn wants_text(&self) -> bool {
        self.in_f
    }

    fn event(&mut self, ev: Ev<'_>) {
        match ev {
            Ev::Start(b"sheetData", _) => self.in_sheet_data = true,
            Ev::End(b"sheetData") => self.in_sheet_data = false,
            Ev::Start(b"row", a) if self.in_sheet_data => {
                let r = match attr_u32(a, "r") {
                    Some(r) if r >= 1 => r - 1,
                    _ => self.row.map_or(0, |r| r + 1),
                };
                self.row = Some(r);
                if is_true(attr(a, "hidden")) {
                    match self.facts.hidden_rows.last_mut() {
                        Some(last) if last.1 + 1 == r => last.1 = r,
                        _ => self.facts.hidden_rows.push((r, r)),
                    }
                }
            }
            Ev::Start(b"f", a) if self.in_sheet_data => {
                self.in_f = true;
                self.f_text.clear();
                self.f_shared_index = if attr(a, "t") == Some(b"shared") {
                    attr_u32(a, "si")
                } else {
                    None
                };
            }
            Ev::Text(t) if self.in_f => {
                let room = MAX_XML_RUN.saturating_sub(self.f_text.len());
                self.f_text.extend_from_slice(&t[..t.len().min(room)]);
            }
            Ev::End(b"f") if self.in_f => {
                self.in_f = false;
                let master = !self.f_text.is_empty();
                if master && is_subtotal(&self.f_text) {
                    if let Some(si) = self.f_shared_index {
                        self.subtotal_shared.push(si);
                    }
                    self.mark_subtotal();
                } else if !master
                    && self
                        .f_shared_index
                        .is_some_and(|si| self.subtotal_shared.contains(&si))
                {
                    self.mark_subtotal();
                }
                self.f_text = Vec::new();
            }
            Ev::Start(b"col", a) if is_true(attr(a, "hidden")) => {
                if let (Some(min), Some(max)) = (attr_u32(a, "min"), attr_u32(a, "max")) {
                    if min >= 1 && max >= min {
                        self.facts
                            .hidden_cols
                            .push((min - 1, (max - 1).min(16_383)));
                    }
                }
            }
            // The sheet's own AutoFilter (the first one: a custom view may hold others).
            Ev::Start(b"autoFilter", a) if self.facts.auto_filter.is_none() => {
                if let Some(rect) = attr_string(a, "ref").as_deref().and_then(Rect::parse) {
                    self.facts.auto_filter = Some((rect, false));
                    self.in_auto_filter = true;
                }
            }
            Ev::End(b"autoFilter") => self.in_auto_filter = false,
            Ev::Start(b"filterColumn", _) if self.in_auto_filter => {
                if let Some((_, filtering)) = &mut self.facts.auto_filter {
                    *filtering = true;
                }
            }
            Ev::Start(b"tablePart", a) => {
                if let Some(id) = attr_string(a, "id") {
                    self.table_ids.push(id);
                }
            }
            _ => {}
        }
    }
}

#[derive(Default)]
struct TableHandler(Option<TablePart>);

impl Handler for TableHandler {
    fn event(&mut self, ev: Ev<'_>) {
        if let Ev::Start(b"table", a) = ev {
            if self.0.is_some() {
                return;
            }
            let Some(area) = attr_string(a, "ref").as_deref().and_then(Rect::parse) else {
                return;
            };
            self.0 = Some(TablePart {
                name: attr_string(a, "displayName")
                    .or_else(|| attr_string(a, "name"))
                    .unwrap_or_default(),
                area,
                header_rows: attr_u32(a, "headerRowCount").unwrap_or(1).min(1),
                totals_rows: attr_u32(a, "totalsRowCount").unwrap_or(0).min(1),
                filtering: false,
            });
        } else if let (Ev::Start(b"filterColumn", _), Some(t)) = (ev, &mut self.0) {
            t.filtering = true;
        }
    }
}

/// The sheet's facts and its cells in one pass.
struct SheetRead<'c, F> {
    facts: SheetHandler,
    cells: CellReader<'c, F>,
}

impl<'c, F> Handler for SheetRead<'c, F>
where
    F: FnMut(u32, u32, DataRef<'c>) -> Result<(), ReadError>,
{
    fn wants_text(&self) -> bool {
        self.facts.wants_text() || self.cells.wants_text()
    }

    fn event(&mut self, ev: Ev<'_>) {
        self.facts.event(ev);
        self.cells.event(&ev);
    }

    fn take_error(&mut self) -> Option<ReadError> {
        if self.cells.has_error() {
            self.cells.take_error()
        } else {
            None
        }
    }
}

/// Reads sheet `name` in one bounded pass: hands each cell to `sink` (row, column, value as
/// calamine 0.38 would give it) and returns what the XML says about its rows and columns
/// (hidden rows and columns, filter, SUBTOTAL rows, Tables). `Ok(None)` when the package does not list the sheet.
pub(crate) fn read_sheet<'c>(
    path: &'c Path,
    pkg: &'c Package,
    name: &'c str,
    is_1904: bool,
    sink: impl FnMut(u32, u32, DataRef<'c>) -> Result<(), ReadError>,
) -> Result<Option<SheetFacts>, ReadError> {
    let Some(entry) = pkg.sheets.iter().find(|s| s.name == name) else {
        return Ok(None);
    };
    let mut zip = Zip::open(path)?;
    zip.names.clone_from(&pkg.names);
    let mut h = SheetRead {
        facts: SheetHandler::default(),
        cells: CellReader::new(path, name, &pkg.cells, is_1904, sink),
    };
    if !zip.scan(path, &entry.part, &mut h)? {
        return Ok(None);
    }
    if !h.cells.started || !h.cells.ended {
        return Err(ReadError::Workbook {
            path: path.to_path_buf(),
            reason: format!(
                "sheet {name}: {} ends before its cells do (the file is damaged)",
                entry.part
            ),
        });
    }
    let facts = finish_facts(path, &mut zip, entry, h.facts)?;
    Ok(Some(facts))
}

/// Sorts the facts of a sheet and reads its Tables.
fn finish_facts(
    path: &Path,
    zip: &mut Zip,
    entry: &SheetEntry,
    h: SheetHandler,
) -> Result<SheetFacts, ReadError> {
    let mut facts = h.facts;
    facts.hidden_rows.sort_unstable();
    facts.subtotal_rows.sort_unstable();
    facts.subtotal_rows.dedup();
    if !h.table_ids.is_empty() {
        let (dir, file) = match entry.part.rfind('/') {
            Some(i) => (&entry.part[..i], &entry.part[i + 1..]),
            None => ("", entry.part.as_str()),
        };
        let mut rels = Rels::default();
        let rels_part = if dir.is_empty() {
            format!("_rels/{file}.rels")
        } else {
            format!("{dir}/_rels/{file}.rels")
        };
        zip.scan(path, &rels_part, &mut rels)?;
        for id in &h.table_ids {
            let Some(target) = rels.0.iter().find(|r| &r.0 == id).map(|r| r.1.clone()) else {
                continue;
            };
            let part = resolve(dir, &target);
            let mut t = TableHandler::default();
            zip.scan(path, &part, &mut t)?;
            facts.tables.extend(t.0);
        }
    }
    Ok(facts)
}

/// Resolves a relationship target against the folder of the part that holds it.
fn resolve(dir: &str, target: &str) -> String {
    if let Some(abs) = target.strip_prefix('/') {
        return abs.to_string();
    }
    let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    for seg in target.split('/') {
        match seg {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Collect(Vec<String>);
    impl Handler for Collect {
        fn event(&mut self, ev: Ev<'_>) {
            self.0.push(match ev {
                Ev::Start(n, a) => format!(
                    "<{}|{}>",
                    String::from_utf8_lossy(n),
                    String::from_utf8_lossy(a).trim()
                ),
                Ev::End(n) => format!("</{}>", String::from_utf8_lossy(n)),
                Ev::Text(t) => String::from_utf8_lossy(t).into_owned(),
                Ev::CData(t) => format!("[{}]", String::from_utf8_lossy(t)),
            });
        }
    }

    fn scan(xml: &[u8], chunk: usize) -> Result<Vec<String>, ReadError> {
        // A reader that hands out `chunk` bytes at a time, to cross every boundary.
        struct Slow<'a>(&'a [u8], usize);
        impl Read for Slow<'_> {
            fn read(&mut self, b: &mut [u8]) -> std::io::Result<usize> {
                let n = self.0.len().min(self.1).min(b.len());
                b[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let mut c = Collect(Vec::new());
        scan_xml(Path::new("x.xlsx"), "part.xml", Slow(xml, chunk), &mut c)?;
        Ok(c.0)
    }

    #[test]
    fn tags_split_like_quick_xml_at_any_chunk_size() {
        let xml = br#"<?xml version="1.0"?><x:row r="2" a='>"' hidden="1"/><!-- a > b -- c --><![CDATA[ ]> ]]><c r="B2"/></x:row>"#;
        for chunk in [1, 2, 3, 7, 64 << 10] {
            let ev = scan(xml, chunk).unwrap();
            assert_eq!(
                ev,
                [
                    r#"<row|r="2" a='>"' hidden="1"/>"#,
                    "</row>",
                    r#"<c|r="B2"/>"#,
                    "</c>",
                    "</row>"
                ],
                "chunk {chunk}"
            );
        }
    }

    #[test]
    fn every_kind_of_run_is_bounded() {
        let big = MAX_XML_RUN + 1;
        let cases: Vec<(Vec<u8>, &str)> = vec![
            (
                [b"<a>".to_vec(), vec![b' '; big], b"</a>".to_vec()].concat(),
                "text or whitespace run",
            ),
            (
                [b"<a b=\"".to_vec(), vec![b'x'; big], b"\"/>".to_vec()].concat(),
                "one XML tag",
            ),
            (
                [b"<".to_vec(), vec![b'a'; MAX_XML_NAME + 1], b"/>".to_vec()].concat(),
                "element name",
            ),
            (
                [b"<!--".to_vec(), vec![b'-'; big], b"-->".to_vec()].concat(),
                "comment",
            ),
            (
                [b"<?pi ".to_vec(), vec![b'?'; big], b"?>".to_vec()].concat(),
                "processing instruction",
            ),
            (
                [b"<![CDATA[".to_vec(), vec![b']'; big], b"]]>".to_vec()].concat(),
                "CDATA",
            ),
        ];
        for (xml, what) in cases {
            match scan(&xml, 64 << 10) {
                Err(ReadError::Damaged {
                    reason, reason_ja, ..
                }) => {
                    assert!(reason.contains(what), "{reason}");
                    assert!(reason.starts_with("part.xml "), "{reason}");
                    assert!(reason_ja.contains("壊れている"), "{reason_ja}");
                }
                other => panic!("{what}: {other:?}"),
            }
            // 16 bytes fewer, just under the bound, is accepted.
            let mut ok = xml.clone();
            let at = ok.len() / 2;
            ok.drain(at..at + 16);
            if what != "element name" {
                assert!(scan(&ok, 64 << 10).is_ok(), "{what}");
            }
        }
    }

    #[test]
    fn a_doctype_is_refused() {
        match scan(b"<?xml version=\"1.0\"?><!DOCTYPE x><a/>", 3) {
            Err(ReadError::Damaged { reason, .. }) => {
                assert!(reason.starts_with("part.xml holds a DOCTYPE"), "{reason}")
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn sheet_facts_from_the_xml() {
        let xml = br#"<worksheet><cols><col min="3" max="4" hidden="1"/><col min="5" max="5"/></cols>
<sheetData><row r="1"><c r="A1"/></row><row r="3" hidden="1"><c r="A3"/></row><row hidden="true"/>
<row r="9"><c r="B9"><f>SUBTOTAL(9,B2:B8)</f></c><c r="C9"><f t="shared" si="4" ref="C9:D9">_xlfn.AGGREGATE(9,5,C2:C8)</f></c></row>
<row r="10"><c r="C10"><f t="shared" si="4"/></c><c r="D10"><f>SUM(D2:D8)</f></c></row></sheetData>
<autoFilter ref="A1:F8"><filterColumn colId="1"/></autoFilter><tableParts><tablePart r:id="rId2"/></tableParts></worksheet>"#;
        let mut h = SheetHandler::default();
        scan_xml(Path::new("x"), "s", &xml[..], &mut h).unwrap();
        let f = h.facts;
        assert_eq!(f.hidden_rows, [(2, 3)]);
        assert_eq!(f.hidden_cols, [(2, 3)]);
        assert_eq!(f.subtotal_rows, [8, 9]);
        assert_eq!(
            f.auto_filter,
            Some((
                Rect {
                    first_row: 0,
                    first_col: 0,
                    last_row: 7,
                    last_col: 5
                },
                true
            ))
        );
        assert!(f.row_hidden(3) && !f.row_hidden(4) && !f.row_hidden(1));
        assert!(f.row_filtered(2) && !f.row_filtered(0) && !f.row_filtered(8));
        assert!(f.col_hidden(2) && f.col_hidden(3) && !f.col_hidden(4));
        assert_eq!(h.table_ids, ["rId2"]);
    }

    #[test]
    fn a_tables_own_filter_and_a_custom_views_filter() {
        let table = r#"<table id="1" name="T" displayName="回答&amp;" ref="B3:D14" totalsRowCount="1"><autoFilter ref="B3:D13"><filterColumn colId="0"><filters><filter val="x"/></filters></filterColumn></autoFilter></table>"#;
        let mut t = TableHandler::default();
        scan_xml(Path::new("x"), "t", table.as_bytes(), &mut t).unwrap();
        let t = t.0.unwrap();
        assert_eq!(
            (t.name.as_str(), t.header_rows, t.totals_rows),
            ("回答&", 1, 1)
        );
        assert!(t.filtering);
        let facts = SheetFacts {
            tables: vec![t],
            ..SheetFacts::default()
        };
        assert!(!facts.row_filtered(2) && facts.row_filtered(3) && facts.row_filtered(13));

        // A custom view's AutoFilter (after the sheet's) neither replaces nor turns it on.
        let xml = br#"<worksheet><sheetData/><autoFilter ref="A1:C9"/><customSheetViews><customSheetView><autoFilter ref="A1:Z99"><filterColumn colId="1"/></autoFilter></customSheetView></customSheetViews></worksheet>"#;
        let mut h = SheetHandler::default();
        scan_xml(Path::new("x"), "s", &xml[..], &mut h).unwrap();
        assert_eq!(
            h.facts.auto_filter,
            Some((Rect::parse("A1:C9").unwrap(), false))
        );
    }

    #[test]
    fn references_and_paths() {
        assert_eq!(cell_ref("$B$12"), Some((11, 1)));
        assert_eq!(cell_ref("XFD1048576"), Some((1_048_575, 16_383)));
        assert_eq!(cell_ref("A0"), None);
        assert_eq!(
            resolve("xl/worksheets", "../tables/table1.xml"),
            "xl/tables/table1.xml"
        );
        assert_eq!(
            resolve("xl/worksheets", "/xl/tables/t.xml"),
            "xl/tables/t.xml"
        );
    }
}
