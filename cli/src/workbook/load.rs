//! Opening a workbook and loading sheets into a compact sparse grid, safely.
//!
//! * Every calamine call runs inside [`std::panic::catch_unwind`]: a panic in the parser becomes
//!   [`ReadError::Internal`] naming the input instead of a backtrace.
//! * The file type is recognised from its first bytes, not only its extension (a renamed .xls
//!   still opens; an encrypted .xlsx — an OLE container holding `EncryptedPackage` — gets its own
//!   message). A `.csv`, `.tsv` or `.txt` file that is not a workbook inside is read as text by
//!   src/workbook/csv.rs into the same grid ([`Input`]); any other text file is "not a workbook".
//! * `.xlsx`/`.xlsm` sheets are streamed cell by cell in the bounded pass that checks them
//!   ([`xlsx_scan::read_sheet`], decoding cells as calamine's `worksheet_cells_reader` does), so a
//!   hostile declared dimension (`A1:XFD1048576`) allocates nothing; only cells that exist are
//!   stored, and at most [`MAX_CELLS`] of them. Rows and columns left out (hidden, filtered, a
//!   Table's totals row, SUBTOTAL rows) are taken out after the pass, as some of the XML that
//!   decides it (AutoFilter, Tables) follows the cells. Other formats go through
//!   [`calamine::Reader::worksheet_range`] and are converted to the same grid.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{BufReader, Read};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use calamine::{open_workbook, Data, DataRef, Ods, Reader, Sheets, Xls, Xlsb, Xlsx};

use super::xlsx_scan::{self, Package, SheetFacts, TablePart};
use super::{DeclaredWhat, Note, NoteKind, ReadError, ReadOptions, Survey};
use crate::words::reading::{LayoutRefusal, ReadingWord};

use super::limits::{MAX_CELLS, MAX_COLUMNS, MAX_ROWS, MAX_SHARED_STRINGS_BYTES, MAX_TEXT_BYTES};

/// One cell value, as read. Text is shared (`Arc`) so that a string used by many cells is
/// stored once, and behind thin pointers (`Arc<String>`) so that a cell is 16
/// bytes, not 24 (67 MB less for the 8.4 million cells of the benchmark workbook).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Empty,
    Num(f64),
    Text(Arc<String>),
    Bool(bool),
    /// Date/time or duration (serial number or ISO text), as display text.
    Date(Arc<String>),
    /// Error cell such as `#N/A`.
    Error(Arc<String>),
}

/// Text already stored in a sheet, looked up by content (`&str`).
#[derive(Debug, Clone)]
struct StoredText(Arc<String>);

impl std::borrow::Borrow<str> for StoredText {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl PartialEq for StoredText {
    fn eq(&self, other: &Self) -> bool {
        self.0.as_str() == other.0.as_str()
    }
}

impl Eq for StoredText {}

impl std::hash::Hash for StoredText {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        // As `str` hashes, so that lookups by `&str` find it.
        self.0.as_str().hash(state)
    }
}

impl Value {
    /// The cell as the user would read it.
    pub(crate) fn display(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Num(x) => format_number(*x),
            Value::Text(s) => s.to_string(),
            Value::Date(s) | Value::Error(s) => s.to_string(),
            Value::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        }
    }
}

/// Formats a number the way a spreadsheet shows it: integers without `.0`.
pub(crate) fn format_number(x: f64) -> String {
    if x.is_finite() && x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

/// One row of a sheet: sorted column indices and their values.
#[derive(Debug, Default, Clone)]
pub(crate) struct RowData {
    /// 0-based row index.
    pub row: u32,
    cols: Vec<u16>,
    vals: Vec<Value>,
}

impl RowData {
    /// The value in column `col` (0-based), `Empty` when absent.
    pub(crate) fn get(&self, col: u32) -> &Value {
        static EMPTY: Value = Value::Empty;
        match u16::try_from(col) {
            Ok(c) => match self.cols.binary_search(&c) {
                Ok(i) => &self.vals[i],
                Err(_) => &EMPTY,
            },
            Err(_) => &EMPTY,
        }
    }

    /// Non-empty cells as `(column, value)`.
    pub(crate) fn cells(&self) -> impl Iterator<Item = (u32, &Value)> {
        self.cols.iter().map(|&c| c as u32).zip(self.vals.iter())
    }

    fn push(&mut self, col: u32, v: Value) {
        self.cols.push(col as u16);
        self.vals.push(v);
    }

    fn sort(&mut self) {
        if self.cols.windows(2).all(|w| w[0] < w[1]) {
            return;
        }
        let mut pairs: Vec<(u16, Value)> = self
            .cols
            .drain(..)
            .zip(std::mem::take(&mut self.vals))
            .collect();
        pairs.sort_by_key(|p| p.0);
        // Keep the last value written for a repeated position.
        pairs.dedup_by(|later, earlier| {
            if later.0 == earlier.0 {
                std::mem::swap(later, earlier);
                true
            } else {
                false
            }
        });
        for (c, v) in pairs {
            self.cols.push(c);
            self.vals.push(v);
        }
    }
}

/// A sheet as a sparse grid of non-empty cells, rows in order.
#[derive(Debug, Default, Clone)]
pub(crate) struct SheetData {
    /// Sheet name.
    pub name: String,
    /// Rows that have at least one non-empty cell, sorted by row index.
    pub rows: Vec<RowData>,
    /// Rows and columns left out while loading (hidden, filtered, a Table's totals row, …), as
    /// notes for the Checks sheet. Moved into the [`Book`] by [`Book::load`].
    pub left_out: Vec<Note>,
}

impl SheetData {
    /// Number of non-empty cells.
    #[cfg(test)]
    pub(crate) fn cell_count(&self) -> usize {
        self.rows.iter().map(|r| r.cols.len()).sum()
    }
}

/// Collects cells (in any order) into a [`SheetData`], enforcing the limits.
pub(crate) struct Builder<'a> {
    path: &'a Path,
    sheet: SheetData,
    /// The workbook's limits, shared by the threads reading its sheets.
    budget: &'a Budget,
    /// Cells and text bytes taken from `budget` and not used yet (taken in chunks, so the
    /// threads do not contend on every cell).
    cells_left: usize,
    text_left: usize,
    /// Text already stored, by content, so repeated strings share one allocation.
    strings: HashSet<StoredText>,
}

/// What is left of a workbook's limits ([`MAX_CELLS`], [`MAX_TEXT_BYTES`]).
#[derive(Debug)]
pub(crate) struct Budget {
    cells: AtomicUsize,
    text: AtomicUsize,
}

impl Default for Budget {
    fn default() -> Self {
        Budget::new(MAX_CELLS, MAX_TEXT_BYTES)
    }
}

impl Budget {
    fn new(cells: usize, text: usize) -> Budget {
        Budget {
            cells: AtomicUsize::new(cells),
            text: AtomicUsize::new(text),
        }
    }

    /// Takes up to `want` from `pool`; returns how much was taken.
    fn take(pool: &AtomicUsize, want: usize) -> usize {
        let mut got = 0;
        let _ = pool.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |cur| {
            got = cur.min(want);
            Some(cur - got)
        });
        got
    }
}

impl<'a> Builder<'a> {
    /// An empty sheet named `name`, taking its cells and text from `budget`.
    pub(crate) fn new(path: &'a Path, name: &str, budget: &'a Budget) -> Builder<'a> {
        Builder {
            path,
            sheet: SheetData {
                name: name.to_string(),
                rows: Vec::new(),
                left_out: Vec::new(),
            },
            budget,
            cells_left: 0,
            text_left: 0,
            strings: HashSet::new(),
        }
    }

    /// Name of the sheet being built.
    pub(crate) fn sheet_name(&self) -> &str {
        &self.sheet.name
    }
}

impl Builder<'_> {
    pub(crate) fn push(&mut self, row: u32, col: u32, v: Value) -> Result<(), ReadError> {
        if matches!(v, Value::Empty) {
            return Ok(());
        }
        if row >= MAX_ROWS || col >= MAX_COLUMNS {
            return Err(ReadError::TooLarge {
                path: self.path.to_path_buf(),
                sheet: self.sheet.name.clone(),
                cells: None,
            });
        }
        if self.cells_left == 0 {
            self.cells_left = Budget::take(&self.budget.cells, 1 << 16);
            if self.cells_left == 0 {
                return Err(self.too_large(Some(MAX_CELLS)));
            }
        }
        self.cells_left -= 1;
        let rows = &mut self.sheet.rows;
        match rows.last_mut() {
            Some(last) if last.row == row => last.push(col, v),
            last => {
                // A row is finished: give back the spare capacity of its vectors (up to half
                // of a large sheet's memory otherwise).
                let width = match last {
                    Some(prev) => {
                        prev.cols.shrink_to_fit();
                        prev.vals.shrink_to_fit();
                        prev.cols.len()
                    }
                    None => 4,
                };
                let mut r = RowData {
                    row,
                    cols: Vec::with_capacity(width),
                    vals: Vec::with_capacity(width),
                };
                r.push(col, v);
                rows.push(r);
            }
        }
        Ok(())
    }

    fn too_large(&self, cells: Option<usize>) -> ReadError {
        ReadError::TooLarge {
            path: self.path.to_path_buf(),
            sheet: self.sheet.name.clone(),
            cells,
        }
    }

    /// Stores text once: a string equal to one already stored shares its allocation.
    pub(crate) fn text(&mut self, s: &str) -> Result<Value, ReadError> {
        if let Some(k) = self.strings.get(s) {
            return Ok(Value::Text(k.0.clone()));
        }
        if s.len() > self.text_left {
            let want = (s.len() - self.text_left).max(1 << 20);
            self.text_left += Budget::take(&self.budget.text, want);
            if s.len() > self.text_left {
                return Err(self.too_large(Some(MAX_CELLS)));
            }
        }
        self.text_left -= s.len();
        let a = Arc::new(s.to_string());
        self.strings.insert(StoredText(a.clone()));
        Ok(Value::Text(a))
    }

    /// Converts a calamine value, sharing text.
    fn value(&mut self, v: DataRef<'_>) -> Result<Value, ReadError> {
        Ok(match v {
            DataRef::String(s) => self.text(&s)?,
            DataRef::SharedString(s) => self.text(s)?,
            other => from_data_ref(other),
        })
    }

    fn value_owned(&mut self, v: &Data) -> Result<Value, ReadError> {
        Ok(match v {
            Data::String(s) => self.text(s)?,
            other => from_data(other),
        })
    }

    pub(crate) fn finish(mut self) -> SheetData {
        // Give back what was taken and not used.
        self.budget
            .cells
            .fetch_add(self.cells_left, Ordering::Relaxed);
        self.budget
            .text
            .fetch_add(self.text_left, Ordering::Relaxed);
        let rows = &mut self.sheet.rows;
        if !rows.windows(2).all(|w| w[0].row < w[1].row) {
            // Out-of-order rows (legal in xlsx, rare): merge rows with the same index.
            rows.sort_by_key(|r| r.row);
            let mut merged: Vec<RowData> = Vec::with_capacity(rows.len());
            for r in rows.drain(..) {
                match merged.last_mut() {
                    Some(last) if last.row == r.row => {
                        last.cols.extend(r.cols);
                        last.vals.extend(r.vals);
                    }
                    _ => merged.push(r),
                }
            }
            *rows = merged;
        }
        for r in rows.iter_mut() {
            r.sort();
            r.cols.shrink_to_fit();
            r.vals.shrink_to_fit();
        }
        rows.shrink_to_fit();
        self.sheet
    }
}

fn from_data(v: &Data) -> Value {
    match v {
        Data::Empty => Value::Empty,
        Data::Int(i) => Value::Num(*i as f64),
        Data::Float(f) => Value::Num(*f),
        Data::String(s) => Value::Text(Arc::new(s.clone())),
        Data::Bool(b) => Value::Bool(*b),
        Data::DateTime(d) => Value::Date(Arc::new(format_date(d.as_f64(), d.is_duration()))),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Value::Date(Arc::new(s.clone())),
        Data::Error(e) => Value::Error(Arc::new(e.to_string())),
    }
}

fn from_data_ref(v: DataRef<'_>) -> Value {
    match v {
        DataRef::Empty => Value::Empty,
        DataRef::Int(i) => Value::Num(i as f64),
        DataRef::Float(f) => Value::Num(f),
        DataRef::String(s) => Value::Text(Arc::new(s)),
        DataRef::SharedString(s) => Value::Text(Arc::new(s.to_string())),
        DataRef::Bool(b) => Value::Bool(b),
        DataRef::DateTime(d) => Value::Date(Arc::new(format_date(d.as_f64(), d.is_duration()))),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Value::Date(Arc::new(s)),
        DataRef::Error(e) => Value::Error(Arc::new(e.to_string())),
    }
}

/// A date serial number as `YYYY-MM-DD` (1900 date system), a time or duration as a number.
fn format_date(serial: f64, duration: bool) -> String {
    if duration || !(1.0..2_958_466.0).contains(&serial) {
        return format!("{serial}");
    }
    // Days since 1899-12-30 (Excel's 1900 system, past the phantom 1900-02-29).
    let days = serial.floor() as i64 - 25_569; // → days since 1970-01-01
    let (y, m, d) = civil_from_days(days);
    if serial.fract() == 0.0 {
        format!("{y:04}-{m:02}-{d:02}")
    } else {
        let secs = (serial.fract() * 86_400.0).round() as i64;
        format!(
            "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02}",
            secs / 3600,
            secs / 60 % 60,
            secs % 60
        )
    }
}

/// Howard Hinnant's days → civil date algorithm.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

thread_local! {
    /// Depth of [`guarded`] calls on this thread: panics inside are caught, so not printed.
    static GUARD_DEPTH: Cell<u32> = const { Cell::new(0) };
    /// Where the last caught panic happened (file:line), for the error message.
    static PANIC_AT: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// For the binary's panic hook: `true` when a panic at `location` happens inside `guarded` on
/// this thread, where it is caught and reported as [`ReadError::Internal`] naming the input, so
/// the hook should stay silent (no "panicked at", no backtrace hint); the location is kept for
/// that error's message. The hook itself is installed by `main` (src/main.rs): a library does not
/// own the process-wide panic hook, which a program embedding it may have set.
pub fn caught_by_reader(location: Option<&std::panic::Location<'_>>) -> bool {
    if GUARD_DEPTH.with(|d| d.get()) == 0 {
        return false;
    }
    let at = location.map(|l| format!("{}:{}", l.file(), l.line()));
    PANIC_AT.with(|p| *p.borrow_mut() = at);
    true
}

/// Runs `f`, turning a panic (in calamine or in this module) into [`ReadError::Internal`]
/// without printing a backtrace.
pub(crate) fn guarded<T>(
    path: &Path,
    what: &str,
    f: impl FnOnce() -> Result<T, ReadError>,
) -> Result<T, ReadError> {
    GUARD_DEPTH.with(|d| d.set(d.get() + 1));
    let result = catch_unwind(AssertUnwindSafe(f));
    GUARD_DEPTH.with(|d| d.set(d.get() - 1));
    match result {
        Ok(r) => r,
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_string());
            let at = PANIC_AT
                .with(|p| p.borrow_mut().take())
                .map(|a| format!(" at {a}"))
                .unwrap_or_default();
            Err(ReadError::Internal {
                path: path.to_path_buf(),
                detail: format!("{what}: {message}{at}"),
            })
        }
    }
}

/// `true` when `path` is read as text: not a workbook inside (by its first bytes), and named
/// `.csv`/`.tsv`/`.txt` or given with a second file, `--encoding` or `--delimiter`.
pub(crate) fn reads_as_text(path: &Path, options: &super::ReadOptions) -> Result<bool, ReadError> {
    let (magic, _) = sniff(path)?;
    Ok(magic == Magic::Other
        && (super::csv::has_text_extension(path)
            || options.second_file.is_some()
            || options.encoding.is_some()
            || options.delimiter.is_some()))
}

/// What the reader reads: a workbook, or one or two text files (CSV) whose sheets are named by
/// their stems. The file's first bytes decide: a `.csv`/`.tsv`/`.txt` that is an .xlsx or .xls
/// inside opens as a workbook.
pub(crate) enum Input {
    Book(Box<Book>),
    Text(super::csv::TextFiles),
}

impl Input {
    /// Opens `path` (and `options.second_file`).
    pub(crate) fn open(path: &Path, options: &super::ReadOptions) -> Result<Input, ReadError> {
        if reads_as_text(path, options)? {
            return super::csv::TextFiles::open(path, options).map(Input::Text);
        }
        if let Some(flag) = [
            ("--encoding", options.encoding.is_some()),
            ("--delimiter", options.delimiter.is_some()),
        ]
        .into_iter()
        .find_map(|(f, given)| given.then_some(f))
        {
            return Err(ReadError::layout_text(
                path,
                LayoutRefusal::TextOptionForWorkbook { flag },
            ));
        }
        if options.second_file.is_some() {
            return Err(ReadError::layout_text(path, ReadingWord::TwoFilesNotText));
        }
        Book::open(path).map(|b| Input::Book(Box::new(b)))
    }

    /// Names of the sheets, in workbook (or command-line) order.
    pub(crate) fn sheet_names(&self) -> Vec<String> {
        match self {
            Input::Book(b) => b.sheet_names(),
            Input::Text(t) => t.sheet_names(),
        }
    }

    /// Loads two sheets at once.
    pub(crate) fn load_two(
        &mut self,
        a: &str,
        b: &str,
    ) -> Result<(SheetData, SheetData), ReadError> {
        match self {
            Input::Book(book) => book.load_two(a, b),
            Input::Text(t) => t.load_two(a, b),
        }
    }

    /// Loads one sheet.
    pub(crate) fn load(&mut self, name: &str) -> Result<SheetData, ReadError> {
        match self {
            Input::Book(book) => book.load(name),
            Input::Text(t) => t.load(name),
        }
    }

    /// What the workbook hides is left out unless asked for ([`Book::apply`]); a text file
    /// hides nothing.
    pub(crate) fn apply(&mut self, options: &ReadOptions) {
        if let Input::Book(book) = self {
            book.apply(options);
        }
    }

    /// The book's notes in front of the survey's ([`Book::finish`]).
    pub(crate) fn finish(self, survey: &mut Survey) {
        if let Input::Book(book) = self {
            book.finish(survey);
        }
    }
}

/// An open workbook and the limits left.
pub(crate) struct Book {
    path: std::path::PathBuf,
    inner: Sheets<BufReader<File>>,
    budget: Arc<Budget>,
    /// An .xlsx/.xlsm package as checked by [`xlsx_scan::check_package`].
    package: Option<Arc<Package>>,
    /// `--include-hidden`.
    include_hidden: bool,
    /// Sheets named by `--sheets`/`--sheet`: hidden ones among them are listed too.
    named: Vec<String>,
    /// Notes of the rows and columns left out of the sheets loaded so far.
    left_out: Vec<Note>,
    /// Hidden rows and columns of an .xls, .xlsb or .ods file, from its pre-scan.
    hidden: Vec<super::hidden::Hidden>,
}

/// What the first bytes of a file say it is.
#[derive(Debug, PartialEq)]
enum Magic {
    Zip,
    Ole,
    Other,
}

fn sniff(path: &Path) -> Result<(Magic, u64), ReadError> {
    let wb_err = |reason: String| ReadError::Workbook {
        path: path.to_path_buf(),
        reason,
    };
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => ReadError::NotFound {
            path: path.to_path_buf(),
        },
        _ => wb_err(e.to_string()),
    })?;
    if meta.is_dir() {
        return Err(ReadError::NotAWorkbook {
            path: path.to_path_buf(),
        });
    }
    let mut head = [0u8; 8];
    let mut f = File::open(path).map_err(|e| wb_err(e.to_string()))?;
    let n = read_up_to(&mut f, &mut head).map_err(|e| wb_err(e.to_string()))?;
    let magic = if n >= 4 && head[..4] == [0x50, 0x4B, 0x03, 0x04] {
        Magic::Zip
    } else if n == 8 && head == [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] {
        Magic::Ole
    } else {
        Magic::Other
    };
    Ok((magic, meta.len()))
}

fn read_up_to(f: &mut File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match f.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

/// `true` when an OLE file holds an encrypted OOXML package (a password-protected .xlsx).
fn is_encrypted_ooxml(path: &Path) -> bool {
    // The directory entry names are UTF-16LE; "EncryptedPackage" appears in the directory sector.
    let needle: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    let Ok(bytes) = std::fs::read(path) else {
        return false;
    };
    bytes.windows(needle.len()).any(|w| w == needle.as_slice())
}

/// Checks an OOXML package before calamine opens it: calamine reserves memory for the number
/// of shared strings the package *declares* and keeps the whole table in memory, so a hostile
/// `uniqueCount` or an oversized table would end the process instead of returning an error.
fn check_ooxml_package(path: &Path) -> Result<(), ReadError> {
    let bad = |reason: String| ReadError::Workbook {
        path: path.to_path_buf(),
        reason,
    };
    let file = File::open(path).map_err(|e| bad(e.to_string()))?;
    let mut zip = zip::ZipArchive::new(BufReader::new(file)).map_err(|e| bad(e.to_string()))?;
    let names: Vec<String> = zip
        .file_names()
        .filter_map(|n| n.ok().map(|n| n.into_owned()))
        .filter(|n| n.to_ascii_lowercase().ends_with("sharedstrings.xml"))
        .collect();
    for name in names {
        let mut part = zip.by_name(&name).map_err(|e| bad(e.to_string()))?;
        if part.size() > MAX_SHARED_STRINGS_BYTES {
            return Err(ReadError::Declared {
                path: path.to_path_buf(),
                what: DeclaredWhat::SharedStringBytes,
                declared: u128::from(part.size()),
                limit: u128::from(MAX_SHARED_STRINGS_BYTES),
            });
        }
        let mut head = vec![0u8; 4096];
        let mut n = 0;
        while n < head.len() {
            match part.read(&mut head[n..]) {
                Ok(0) => break,
                Ok(k) => n += k,
                Err(e) => return Err(bad(format!("{name}: {e}"))),
            }
        }
        let text = String::from_utf8_lossy(&head[..n]);
        for attr in ["uniqueCount=\"", "count=\""] {
            if let Some(i) = text.find(attr) {
                let digits: String = text[i + attr.len()..]
                    .chars()
                    .take_while(|c| c.is_ascii_digit())
                    .collect();
                // More than 30 digits does not fit u128 and is certainly too many.
                let declared: u128 = digits.parse().unwrap_or(u128::MAX);
                if declared > MAX_CELLS as u128 {
                    return Err(ReadError::Declared {
                        path: path.to_path_buf(),
                        what: DeclaredWhat::SharedStrings,
                        declared,
                        limit: MAX_CELLS as u128,
                    });
                }
            }
        }
    }
    Ok(())
}

impl Book {
    /// Opens `path`, recognising the format from its content.
    pub(crate) fn open(path: &Path) -> Result<Book, ReadError> {
        Book::open_checked(path, None)
    }

    /// [`Book::open`], reusing an .xlsx package already checked (a second handle on the file).
    fn open_checked(path: &Path, checked: Option<Arc<Package>>) -> Result<Book, ReadError> {
        let (magic, len) = sniff(path)?;
        if len == 0 {
            return Err(ReadError::NotAWorkbook {
                path: path.to_path_buf(),
            });
        }
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .unwrap_or_default();
        let wb_err = |e: &dyn std::fmt::Display| ReadError::Workbook {
            path: path.to_path_buf(),
            reason: e.to_string(),
        };
        let mut package = None;
        let mut hidden = Vec::new();
        let inner = guarded(path, "opening the workbook", || match magic {
            Magic::Zip => {
                if ext == "ods" {
                    hidden = super::ods_scan::check(path)?;
                    return open_workbook::<Ods<_>, _>(path)
                        .map(Sheets::Ods)
                        .map_err(|e| wb_err(&e));
                }
                if ext == "xlsb" {
                    hidden = super::xlsb_scan::check(path)?;
                    return open_workbook::<Xlsb<_>, _>(path)
                        .map(Sheets::Xlsb)
                        .map_err(|e| wb_err(&e));
                }
                package = match checked {
                    Some(p) => Some(p),
                    None => {
                        check_ooxml_package(path)?;
                        Some(Arc::new(xlsx_scan::check_package(path)?))
                    }
                };
                match open_workbook::<Xlsx<_>, _>(path) {
                    Ok(x) => Ok(Sheets::Xlsx(x)),
                    Err(xlsx_err) => match super::ods_scan::check(path).map(|h| {
                        hidden = h;
                        open_workbook::<Ods<_>, _>(path)
                    })? {
                        Ok(o) => Ok(Sheets::Ods(o)),
                        Err(_) => Err(wb_err(&xlsx_err)),
                    },
                }
            }
            Magic::Ole => {
                if is_encrypted_ooxml(path) {
                    return Err(ReadError::Encrypted {
                        path: path.to_path_buf(),
                    });
                }
                hidden = super::xls_scan::check(path)?;
                match open_workbook::<Xls<_>, _>(path) {
                    Ok(x) => Ok(Sheets::Xls(x)),
                    Err(calamine::XlsError::Password) => Err(ReadError::Encrypted {
                        path: path.to_path_buf(),
                    }),
                    Err(e) => Err(wb_err(&e)),
                }
            }
            Magic::Other => Err(ReadError::NotAWorkbook {
                path: path.to_path_buf(),
            }),
        })?;
        if !matches!(inner, Sheets::Xlsx(_)) {
            package = None;
        }
        Ok(Book {
            path: path.to_path_buf(),
            inner,
            budget: Arc::new(Budget::default()),
            package,
            include_hidden: false,
            named: Vec::new(),
            left_out: Vec::new(),
            hidden,
        })
    }

    /// Takes the options that decide what is left out: `--include-hidden`, and the sheets
    /// named by `--sheets`/`--sheet` (listed by [`Book::sheet_names`] even when hidden).
    pub(crate) fn apply(&mut self, options: &ReadOptions) {
        self.include_hidden = options.include_hidden;
        self.named.clear();
        if let Some((a, b)) = &options.sheets {
            self.named.push(a.clone());
            self.named.push(b.clone());
        }
        self.named.extend(options.sheet.clone());
        // The waves named with --sheets A,B,C.
        self.named
            .extend(options.wave_sheets.iter().flatten().cloned());
    }

    /// `true` when `sheet` is one the user named.
    fn is_named(&self, sheet: &str) -> bool {
        let key = |s: &str| s.trim().to_lowercase();
        self.named.iter().any(|n| key(n) == key(sheet))
    }

    /// Names of the worksheets (chart sheets and macro sheets left out), in workbook order.
    /// A hidden or very hidden sheet is listed only when named by `--sheets`/`--sheet`.
    pub(crate) fn sheet_names(&self) -> Vec<String> {
        self.inner
            .sheets_metadata()
            .iter()
            .filter(|s| s.typ == calamine::SheetType::WorkSheet)
            .filter(|s| s.visible == calamine::SheetVisible::Visible || self.is_named(&s.name))
            .map(|s| s.name.clone())
            .collect()
    }

    /// Puts the notes of what was left out in front of the survey's notes: hidden sheets not
    /// named, then the rows and columns left out of the survey's sheets.
    pub(crate) fn finish(self, survey: &mut Survey) {
        let mut notes: Vec<Note> = self
            .inner
            .sheets_metadata()
            .iter()
            .filter(|s| s.typ == calamine::SheetType::WorkSheet)
            .filter(|s| s.visible != calamine::SheetVisible::Visible && !self.is_named(&s.name))
            .map(|s| Note {
                sheet: s.name.clone(),
                cell: String::new(),
                item: None,
                kind: NoteKind::HiddenSheet,
                original: match s.visible {
                    calamine::SheetVisible::VeryHidden => "very hidden",
                    _ => "hidden",
                }
                .to_string(),
                value: None,
            })
            .collect();
        let used = [&survey.first.sheet, &survey.second.sheet];
        for sheet in used.iter().take(if used[0] == used[1] { 1 } else { 2 }) {
            notes.extend(self.left_out.iter().filter(|n| &&n.sheet == sheet).cloned());
        }
        if !notes.is_empty() {
            notes.append(&mut survey.notes);
            survey.notes = notes;
        }
    }

    /// Loads two sheets at once, the second on another thread with its own handle on the file
    /// (both cores parse; the limits are shared).
    pub(crate) fn load_two(
        &mut self,
        a: &str,
        b: &str,
    ) -> Result<(SheetData, SheetData), ReadError> {
        // calamine parsed every .ods sheet when it opened the file: another handle would parse
        // (and hold) the whole workbook a second time.
        if matches!(self.inner, Sheets::Ods(_)) {
            return Ok((self.load(a)?, self.load(b)?));
        }
        let path = self.path.clone();
        let budget = Arc::clone(&self.budget);
        let package = self.package.clone();
        let include_hidden = self.include_hidden;
        let (first, second) = std::thread::scope(|scope| {
            let other = scope.spawn(move || {
                let mut book = Book::open_checked(&path, package)?;
                book.budget = budget;
                book.include_hidden = include_hidden;
                book.load_sheet(b)
            });
            let first = self.load_sheet(a);
            let second = other.join().unwrap_or_else(|_| {
                Err(ReadError::Internal {
                    path: self.path.clone(),
                    detail: format!("reading sheet {b}: the reading thread stopped"),
                })
            });
            (first, second)
        });
        let (mut first, mut second) = (first?, second?);
        self.left_out.append(&mut first.left_out);
        self.left_out.append(&mut second.left_out);
        Ok((first, second))
    }

    /// Loads one sheet, leaving out what [`Plan`] says (hidden rows, a Table's totals row, …);
    /// the notes of what was left out are kept in the book for [`Book::finish`].
    pub(crate) fn load(&mut self, name: &str) -> Result<SheetData, ReadError> {
        let mut sheet = self.load_sheet(name)?;
        self.left_out.append(&mut sheet.left_out);
        Ok(sheet)
    }

    /// Loads one sheet, with the notes of what was left out in [`SheetData::left_out`].
    fn load_sheet(&mut self, name: &str) -> Result<SheetData, ReadError> {
        let path = self.path.clone();
        let path = path.as_path();
        // Hidden rows and columns of .xls, .xlsb and .ods come from their pre-scans (hidden.rs);
        // an .xlsx sheet's from the one pass that reads its cells.
        let other_facts = match &self.package {
            Some(_) => None,
            None => super::hidden::facts(&self.hidden, name),
        };
        let wb_err = |e: &dyn std::fmt::Display| ReadError::Workbook {
            path: path.to_path_buf(),
            reason: format!("sheet {name}: {e}"),
        };
        let inner = &mut self.inner;
        let budget = &*self.budget;
        let package = self.package.as_deref();
        let include_hidden = self.include_hidden;
        guarded(path, &format!("reading sheet {name}"), move || {
            let mut left = LeftOut::default();
            let mut b = Builder::new(path, name, budget);
            match (inner, package) {
                (Sheets::Xlsx(x), Some(pkg)) => {
                    // One bounded pass over the sheet's XML gives both its cells and what it
                    // says about rows and columns (src/workbook/xlsx_scan.rs, xlsx_cells.rs).
                    // Shared strings are looked up by address first: one hash of a pointer
                    // instead of hashing the text for every cell that uses it.
                    let mut shared: HashMap<usize, Value> = HashMap::new();
                    let facts =
                        xlsx_scan::read_sheet(path, pkg, name, x.has_1904_epoch(), |r, c, v| {
                            let v = match v {
                                DataRef::Empty => return Ok(()),
                                DataRef::SharedString(s) => {
                                    let key = s.as_ptr() as usize;
                                    match shared.get(&key) {
                                        Some(v) => v.clone(),
                                        None => {
                                            let v = b.text(s)?;
                                            shared.insert(key, v.clone());
                                            v
                                        }
                                    }
                                }
                                other => b.value(other)?,
                            };
                            b.push(r, c, v)
                        })?
                        .ok_or_else(|| {
                            wb_err(&calamine::XlsxError::WorksheetNotFound(name.into()))
                        })?;
                    let plan = Plan::new(Some(facts), include_hidden);
                    let mut sheet = b.finish();
                    // The Table defines the data when it holds at least half of the cells (a
                    // small Table beside the data, a list of choices say, does not).
                    let (inside, outside) = leave_out(&mut sheet, &plan, &mut left);
                    if plan.table.is_some() && inside >= outside {
                        keep_table_only(&mut sheet, &plan, &mut left);
                    }
                    sheet.left_out = left.notes(name);
                    Ok(sheet)
                }
                (other, _) => {
                    let plan = Plan::new(other_facts, include_hidden);
                    let range = other.worksheet_range(name).map_err(|e| wb_err(&e))?;
                    let (r0, c0) = range.start().unwrap_or((0, 0));
                    for (r, c, v) in range.used_cells() {
                        let (r, c) = (r0 + r as u32, c0 + c as u32);
                        // Hidden rows and columns of .xls, .xlsb and .ods (hidden.rs).
                        if let Some(kind) = plan.row(r).or_else(|| plan.col(c)) {
                            let text = || v.to_string();
                            if plan.row(r).is_some() {
                                left.row_text(r, kind, text);
                            } else {
                                left.col_text(c, kind, text);
                            }
                            continue;
                        }
                        let v = b.value_owned(v)?;
                        b.push(r, c, v)?;
                    }
                    let mut sheet = b.finish();
                    sheet.left_out = left.notes(name);
                    Ok(sheet)
                }
            }
        })
    }
}

/// Leaves out the rows and columns [`Plan`] says to (hidden, filtered, a Table's totals row, a
/// SUBTOTAL row), noting each, in the order the cells were read; returns how many of the
/// cells kept are inside and outside the sheet's one Table.
fn leave_out(sheet: &mut SheetData, plan: &Plan, left: &mut LeftOut) -> (usize, usize) {
    let (mut inside, mut outside) = (0usize, 0usize);
    let any_col = plan
        .facts
        .as_ref()
        .is_some_and(|f| !plan.include_hidden && !f.hidden_cols.is_empty());
    sheet.rows.retain_mut(|row| {
        let r = row.row;
        if let Some(kind) = plan.row(r) {
            for (_, v) in row.cells() {
                left.row_text(r, kind, || v.display());
            }
            return false;
        }
        if any_col {
            let mut keep_cols = Vec::with_capacity(row.cols.len());
            let mut keep_vals = Vec::with_capacity(row.vals.len());
            for (c, v) in row.cols.drain(..).zip(row.vals.drain(..)) {
                match plan.col(u32::from(c)) {
                    Some(kind) => left.col_text(u32::from(c), kind, || v.display()),
                    None => {
                        keep_cols.push(c);
                        keep_vals.push(v);
                    }
                }
            }
            row.cols = keep_cols;
            row.vals = keep_vals;
        }
        if plan.table.is_some() {
            for &c in &row.cols {
                if plan.outside_table(r, u32::from(c)) {
                    outside += 1;
                } else {
                    inside += 1;
                }
            }
        }
        !row.cols.is_empty()
    });
    (inside, outside)
}

/// What to leave out of one .xlsx sheet while loading it, from what its XML says.
struct Plan {
    facts: Option<SheetFacts>,
    include_hidden: bool,
    /// The sheet's Excel Table when it has exactly one: it defines the rows and columns.
    table: Option<TablePart>,
}

impl Plan {
    fn new(facts: Option<SheetFacts>, include_hidden: bool) -> Plan {
        let table = match facts.as_ref().map(|f| f.tables.as_slice()) {
            Some([t]) => Some(t.clone()),
            _ => None,
        };
        Plan {
            facts,
            include_hidden,
            table,
        }
    }

    /// Why row `r` (0-based) is left out, if it is.
    fn row(&self, r: u32) -> Option<NoteKind> {
        let f = self.facts.as_ref()?;
        if f.tables.iter().any(|t| {
            t.totals_rows > 0 && r <= t.area.last_row && r + t.totals_rows > t.area.last_row
        }) {
            return Some(NoteKind::TableTotalsRow);
        }
        if f.subtotal_rows.binary_search(&r).is_ok() {
            return Some(NoteKind::SubtotalRow);
        }
        if !self.include_hidden && f.row_hidden(r) {
            return Some(if f.row_filtered(r) {
                NoteKind::FilteredRow
            } else {
                NoteKind::HiddenRow
            });
        }
        None
    }

    /// `true` when the sheet has one Table and cell (`r`, `c`) is outside it. A Table without a
    /// header row keeps the row above it, as that may hold the names.
    fn outside_table(&self, r: u32, c: u32) -> bool {
        self.row_outside_table(r)
            || self
                .table
                .as_ref()
                .is_some_and(|t| c < t.area.first_col || c > t.area.last_col)
    }

    /// `true` when the sheet has one Table and row `r` is above or below it.
    fn row_outside_table(&self, r: u32) -> bool {
        self.table.as_ref().is_some_and(|t| {
            let top = if t.header_rows == 0 {
                t.area.first_row.saturating_sub(1)
            } else {
                t.area.first_row
            };
            r < top || r > t.area.last_row
        })
    }

    /// Why column `c` (0-based) is left out, if it is.
    fn col(&self, c: u32) -> Option<NoteKind> {
        let f = self.facts.as_ref()?;
        if !self.include_hidden && f.col_hidden(c) {
            return Some(NoteKind::HiddenColumn);
        }
        None
    }
}

/// Leaves out the cells outside the sheet's one Table, noting each row and column.
fn keep_table_only(sheet: &mut SheetData, plan: &Plan, left: &mut LeftOut) {
    sheet.rows.retain_mut(|row| {
        let r = row.row;
        if plan.row_outside_table(r) {
            for (_, v) in row.cells() {
                left.row_text(r, NoteKind::OutsideTable, || v.display());
            }
            return false;
        }
        let mut keep_cols = Vec::with_capacity(row.cols.len());
        let mut keep_vals = Vec::with_capacity(row.vals.len());
        for (c, v) in row.cols.drain(..).zip(row.vals.drain(..)) {
            if plan.outside_table(r, u32::from(c)) {
                left.col_text(u32::from(c), NoteKind::OutsideTable, || v.display());
            } else {
                keep_cols.push(c);
                keep_vals.push(v);
            }
        }
        row.cols = keep_cols;
        row.vals = keep_vals;
        !row.cols.is_empty()
    });
}

/// The rows and columns left out of a sheet, with a glimpse of what they held.
#[derive(Default)]
struct LeftOut {
    /// (row, why, its first values joined by " | ").
    rows: Vec<(u32, NoteKind, String)>,
    /// Column → (why, its first value).
    cols: HashMap<u32, (NoteKind, String)>,
}

/// Longest glimpse of a left-out row kept for its note, in characters.
const GLIMPSE_CHARS: usize = 80;

impl LeftOut {
    fn row_text(&mut self, r: u32, kind: NoteKind, text: impl FnOnce() -> String) {
        let entry = match self.rows.last_mut() {
            Some(last) if last.0 == r => last,
            _ => {
                self.rows.push((r, kind, String::new()));
                self.rows.last_mut().expect("just pushed")
            }
        };
        let used = entry.2.chars().count();
        if used >= GLIMPSE_CHARS {
            return;
        }
        if used > 0 {
            entry.2.push_str(" | ");
        }
        let text = text();
        let room = GLIMPSE_CHARS.saturating_sub(used);
        if text.chars().count() > room {
            entry.2.extend(text.chars().take(room));
            entry.2.push('…');
        } else {
            entry.2.push_str(&text);
        }
    }

    fn col_text(&mut self, c: u32, kind: NoteKind, text: impl FnOnce() -> String) {
        self.cols
            .entry(c)
            .or_insert_with(|| (kind, text().chars().take(GLIMPSE_CHARS).collect()));
    }

    /// One note per row, and one per run of adjacent columns left out for the same reason.
    fn notes(mut self, sheet: &str) -> Vec<Note> {
        let note = |cell: String, kind, original| Note {
            sheet: sheet.to_string(),
            cell,
            item: None,
            kind,
            original,
            value: None,
        };
        // Rows come in order but for rare out-of-order XML; keep the first of a repeated row.
        self.rows.sort_by_key(|r| r.0);
        self.rows.dedup_by_key(|r| r.0);
        let mut out: Vec<Note> = Vec::new();
        let mut cols: Vec<(u32, NoteKind, String)> =
            self.cols.into_iter().map(|(c, (k, t))| (c, k, t)).collect();
        cols.sort_by_key(|c| c.0);
        let mut i = 0;
        while i < cols.len() {
            let mut j = i;
            while j + 1 < cols.len() && cols[j + 1].0 == cols[j].0 + 1 && cols[j + 1].1 == cols[i].1
            {
                j += 1;
            }
            let first = super::address::col_letters(cols[i].0);
            let cell = if j == i {
                first
            } else {
                format!("{first}:{}", super::address::col_letters(cols[j].0))
            };
            out.push(note(cell, cols[i].1, std::mem::take(&mut cols[i].2)));
            i = j + 1;
        }
        for (r, kind, glimpse) in self.rows {
            out.push(note((r + 1).to_string(), kind, glimpse));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_internal_error_naming_the_file() {
        // The hook the binary installs (src/main.rs) records where the panic happened.
        static HOOK: std::sync::Once = std::sync::Once::new();
        HOOK.call_once(|| {
            let previous = std::panic::take_hook();
            std::panic::set_hook(Box::new(move |info| {
                if !caught_by_reader(info.location()) {
                    previous(info);
                }
            }));
        });
        let p = Path::new("survey.xlsx");
        let r: Result<(), ReadError> = guarded(p, "reading sheet 事前", || panic!("boom"));
        match r {
            Err(ReadError::Internal { path, detail }) => {
                assert_eq!(path, p);
                assert!(
                    detail.starts_with("reading sheet 事前: boom at "),
                    "{detail}"
                );
                assert!(detail.contains("load.rs"), "{detail}");
            }
            other => panic!("{other:?}"),
        }
        // Nested guards and ordinary results pass through.
        let ok = guarded(p, "outer", || guarded(p, "inner", || Ok(7)));
        assert_eq!(ok.unwrap(), 7);
    }

    #[test]
    fn dates_format_like_excel() {
        assert_eq!(format_date(45_748.0, false), "2025-04-01");
        assert_eq!(format_date(45_748.5, false), "2025-04-01 12:00:00");
        assert_eq!(format_date(0.5, false), "0.5");
    }

    #[test]
    fn a_cell_value_is_16_bytes() {
        // 8.4 million cells on the benchmark workbook: every byte here is 8 MB there.
        assert_eq!(std::mem::size_of::<Value>(), 16);
    }

    #[test]
    fn rows_merge_and_sort() {
        let budget = Budget::new(10, 100);
        let p = Path::new("x.xlsx");
        let mut b = Builder {
            path: p,
            sheet: SheetData::default(),
            budget: &budget,
            cells_left: 0,
            text_left: 0,
            strings: HashSet::new(),
        };
        b.push(2, 3, Value::Num(1.0)).unwrap();
        b.push(2, 1, Value::Num(2.0)).unwrap();
        let t = b.text("t").unwrap();
        b.push(0, 0, t).unwrap();
        b.push(2, 0, Value::Empty).unwrap();
        let s = b.finish();
        assert_eq!(s.rows.len(), 2);
        assert_eq!(s.rows[0].row, 0);
        assert_eq!(s.rows[1].get(1), &Value::Num(2.0));
        assert_eq!(s.rows[1].get(3), &Value::Num(1.0));
        assert_eq!(s.rows[1].get(2), &Value::Empty);
        assert_eq!(s.cell_count(), 3);
        assert_eq!(
            (budget.cells.into_inner(), budget.text.into_inner()),
            (7, 99)
        );
    }

    #[test]
    fn cell_budget_is_enforced() {
        let budget = Budget::new(1, 4);
        let mut b = Builder {
            path: Path::new("x.xlsx"),
            sheet: SheetData::default(),
            budget: &budget,
            cells_left: 0,
            text_left: 0,
            strings: HashSet::new(),
        };
        // Text is stored once and counted once.
        let a = b.text("abc").unwrap();
        let again = b.text("abc").unwrap();
        match (&a, &again) {
            (Value::Text(x), Value::Text(y)) => assert!(Arc::ptr_eq(x, y)),
            _ => unreachable!(),
        }
        assert!(matches!(b.text("de"), Err(ReadError::TooLarge { .. })));
        b.push(0, 0, Value::Num(1.0)).unwrap();
        assert!(matches!(
            b.push(0, 1, Value::Num(1.0)),
            Err(ReadError::TooLarge { .. })
        ));
        assert!(matches!(
            b.push(MAX_ROWS, 0, Value::Num(1.0)),
            Err(ReadError::TooLarge { .. })
        ));
    }
}
