//! Cell values of an .xlsx/.xlsm sheet, read in the same bounded pass that
//! [`super::xlsx_scan`] makes over the sheet's XML (one inflate and one tokenisation per sheet
//! instead of two: the scan's, then calamine's).
//!
//! What a cell holds is decided exactly as calamine 0.38.0 decides it (pinned in Cargo.toml), so
//! that moving off `calamine::Xlsx::worksheet_cells_reader` changes no value:
//!
//! * `XlsxCellReader::next_cell` and `read_value`/`read_v` (`src/xlsx/cells_reader.rs`): the
//!   row and column from `<row r>`/`<c r>` or counted, the cell type `t` (`s`, `n`, `b`, `e`,
//!   `str`, `d`, `inlineStr`), the style `s` deciding a date or a duration, the last of the
//!   cell's `<v>`/`<f>`/`<is>` children giving the value;
//! * `read_string_with_bufs` (`src/xlsx/mod.rs`): shared and inline strings from their `<t>`
//!   elements, rich-text runs joined, phonetic runs (`<rPh>`) skipped, ASCII whitespace trimmed
//!   unless `xml:space="preserve"`, `_xHHHH_` escapes decoded;
//! * `read_shared_strings` and the `numFmts`/`cellXfs` part of `read_styles` (`src/xlsx/mod.rs`),
//!   with `detect_custom_number_format` and `builtin_format_by_id` (`src/formats.rs`, MIT,
//!   © Johann Tuffe), copied below because calamine keeps them private.
//!
//! Text is limited as the scan limits it: no cell or shared string may grow past
//! [`MAX_XML_RUN`], and the shared-string table past [`MAX_SHARED_STRINGS_BYTES`].

use std::path::{Path, PathBuf};

use calamine::{CellErrorType, DataRef, ExcelDateTime, ExcelDateTimeType};

use super::limits::MAX_SHARED_STRINGS_BYTES;
use super::xlsx_scan::{attr, attrs, Ev, Handler, MAX_XML_RUN};
use super::ReadError;

/// How a cell style shows numbers (calamine's `CellFormat`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fmt {
    Other,
    DateTime,
    TimeDelta,
}

/// What the workbook's shared parts say that cells need: the shared strings and, per cell
/// style (`cellXfs`), whether it shows a date or a duration.
#[derive(Debug, Clone, Default)]
pub(crate) struct CellContext {
    pub strings: Vec<String>,
    pub formats: Vec<Fmt>,
}

/// calamine's `detect_custom_number_format` (src/formats.rs).
fn detect_custom_number_format(format: &str) -> Fmt {
    let mut escaped = false;
    let mut is_quote = false;
    let mut brackets = 0u8;
    let mut prev = ' ';
    let mut hms = false;
    let mut ap = false;
    for s in format.chars() {
        match (s, escaped, is_quote, ap, brackets) {
            (_, true, ..) => escaped = false,
            ('_' | '\\' | '*', ..) => escaped = true,
            ('"', _, true, _, _) => is_quote = false,
            (_, _, true, _, _) => (),
            ('"', _, _, _, _) => is_quote = true,
            (';', ..) => return Fmt::Other,
            ('[', ..) => brackets += 1,
            (']', .., 1) if hms => return Fmt::TimeDelta,
            (']', ..) => brackets = brackets.saturating_sub(1),
            ('a' | 'A', _, _, false, 0) => ap = true,
            ('p' | 'm' | '/' | 'P' | 'M', _, _, true, 0) => return Fmt::DateTime,
            ('d' | 'm' | 'h' | 'y' | 's' | 'D' | 'M' | 'H' | 'Y' | 'S', _, _, false, 0) => {
                return Fmt::DateTime
            }
            _ => {
                if hms && s.eq_ignore_ascii_case(&prev) {
                    // still in the bracketed h/m/s
                } else {
                    hms = prev == '[' && matches!(s, 'm' | 'h' | 's' | 'M' | 'H' | 'S');
                }
            }
        }
        prev = s;
    }
    Fmt::Other
}

/// calamine's `builtin_format_by_id` (src/formats.rs).
fn builtin_format_by_id(id: &[u8]) -> Fmt {
    match id {
        b"14" | b"15" | b"16" | b"17" | b"18" | b"19" | b"20" | b"21" | b"22" | b"45" | b"47" => {
            Fmt::DateTime
        }
        b"27" | b"28" | b"29" | b"30" | b"31" | b"32" | b"33" | b"34" | b"35" | b"36" | b"50"
        | b"51" | b"52" | b"53" | b"54" | b"55" | b"56" | b"57" | b"58" => Fmt::DateTime,
        b"46" => Fmt::TimeDelta,
        _ => Fmt::Other,
    }
}

/// Why the text of a shared or inline string cannot be read (`words::files::text_problem`
/// says it in either language).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextProblem {
    /// `&` without its `;`.
    UnterminatedReference,
    /// `&name;` that is no XML entity or character.
    UnknownReference(String),
    /// One string longer than `mib` MiB.
    StringTooLong {
        /// The limit.
        mib: usize,
    },
    /// The shared strings together longer than `mib` MiB.
    SharedStringsTooLarge {
        /// The limit.
        mib: u64,
    },
}

/// A cell's text problem in the English of the cell reader's other reasons (they reach the user
/// inside [`ReadError::Workbook`], as calamine's do).
fn english(problem: TextProblem) -> String {
    crate::words::files::text_problem(&problem, crate::lang::Lang::En)
}

/// Appends XML character data as quick-xml's `Text` events give it to calamine: each run
/// between references has its line ends normalised (`\r\n` and `\r` become `\n`, XML 1.0), and
/// `&amp;`-style and numeric references are resolved. `Err` for an unknown reference.
fn push_text(raw: &[u8], out: &mut String) -> Result<(), TextProblem> {
    let mut rest = raw;
    while !rest.is_empty() {
        let (lit, after) = match memchr::memchr(b'&', rest) {
            Some(i) => (&rest[..i], Some(&rest[i + 1..])),
            None => (rest, None),
        };
        push_eol_normalised(&String::from_utf8_lossy(lit), out);
        let Some(after) = after else { break };
        let Some(end) = memchr::memchr(b';', after) else {
            return Err(TextProblem::UnterminatedReference);
        };
        let name = String::from_utf8_lossy(&after[..end]);
        match quick_xml::escape::resolve_predefined_entity(&name) {
            Some(s) => out.push_str(s),
            None => {
                let c = name
                    .strip_prefix("#x")
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32)
                    .filter(|&c| c != '\0');
                match c {
                    Some(c) => out.push(c),
                    None => return Err(TextProblem::UnknownReference(name.into_owned())),
                }
            }
        }
        rest = &after[end + 1..];
    }
    Ok(())
}

fn push_eol_normalised(s: &str, out: &mut String) {
    let mut rest = s;
    while let Some(i) = rest.find('\r') {
        out.push_str(&rest[..i]);
        out.push('\n');
        rest = &rest[i + 1..];
        if let Some(r) = rest.strip_prefix('\n') {
            rest = r;
        }
    }
    out.push_str(rest);
}

/// calamine's `unescape_xml` (src/utils.rs): Excel's `_xHHHH_` escapes of UTF-16 units.
fn unescape_excel(s: &str) -> String {
    fn unit_at(b: &[u8], i: usize) -> Option<u16> {
        let e = b.get(i..i + 7)?;
        if e[0] != b'_' || e[1] != b'x' || e[6] != b'_' {
            return None;
        }
        let hex = std::str::from_utf8(&e[2..6]).ok()?;
        if !hex.bytes().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        u16::from_str_radix(hex, 16).ok()
    }
    if !s.contains("_x") {
        return s.to_string();
    }
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let (mut i, mut copied) = (0, 0);
    while i < b.len() {
        let Some(unit) = (if b[i] == b'_' { unit_at(b, i) } else { None }) else {
            i += 1;
            continue;
        };
        out.push_str(&s[copied..i]);
        i += 7;
        match unit {
            0xD800..=0xDBFF => match unit_at(b, i) {
                Some(low @ 0xDC00..=0xDFFF) => {
                    let cp =
                        0x10000 + ((u32::from(unit) - 0xD800) << 10) + (u32::from(low) - 0xDC00);
                    out.push(char::from_u32(cp).unwrap_or(char::REPLACEMENT_CHARACTER));
                    i += 7;
                }
                _ => out.push(char::REPLACEMENT_CHARACTER),
            },
            0xDC00..=0xDFFF => out.push(char::REPLACEMENT_CHARACTER),
            _ => out.push(char::from_u32(u32::from(unit)).unwrap_or(char::REPLACEMENT_CHARACTER)),
        }
        copied = i;
    }
    out.push_str(&s[copied..]);
    out
}

/// A shared or inline string being read (calamine's `read_string_with_bufs`): opened by `<si>`
/// or `<is>`, closed by its end tag.
#[derive(Default)]
struct StringReader {
    rich: Option<String>,
    phonetic: bool,
    /// Inside a `<t>`: its text so far and whether it keeps its spaces.
    t: Option<(String, bool)>,
}

impl StringReader {
    fn wants_text(&self) -> bool {
        self.t.is_some()
    }

    /// Feeds one event; `Some` with the string when `closing` ends.
    fn event(&mut self, ev: &Ev<'_>, closing: &[u8]) -> Result<Option<String>, TextProblem> {
        if let Some((text, preserve)) = &mut self.t {
            match *ev {
                Ev::Text(raw) => push_text(raw, text)?,
                Ev::CData(raw) => push_eol_normalised(&String::from_utf8_lossy(raw), text),
                Ev::End(b"t") => {
                    let v = if *preserve {
                        unescape_excel(text)
                    } else {
                        unescape_excel(text.trim_matches([' ', '\t', '\r', '\n']))
                    };
                    match &mut self.rich {
                        Some(s) => s.push_str(&v),
                        None => self.rich = Some(v),
                    }
                    self.t = None;
                }
                _ => {}
            }
            if self.t.as_ref().is_some_and(|t| t.0.len() > MAX_XML_RUN)
                || self.rich.as_ref().is_some_and(|s| s.len() > MAX_XML_RUN)
            {
                return Err(TextProblem::StringTooLong {
                    mib: MAX_XML_RUN >> 20,
                });
            }
            return Ok(None);
        }
        match *ev {
            Ev::Start(b"r", _) if self.rich.is_none() => self.rich = Some(String::new()),
            Ev::Start(b"rPh", _) => self.phonetic = true,
            Ev::End(name) if name == closing => {
                return Ok(Some(self.rich.take().unwrap_or_default()));
            }
            Ev::End(b"rPh") => self.phonetic = false,
            Ev::Start(b"t", a) if !self.phonetic => {
                let preserve = attr(a, "space") == Some(b"preserve");
                self.t = Some((String::new(), preserve));
            }
            _ => {}
        }
        Ok(None)
    }
}

/// `xl/sharedStrings.xml`: the strings of `<si>` elements, in order.
pub(crate) struct SharedStrings {
    path: PathBuf,
    part: String,
    in_sst: bool,
    si: Option<StringReader>,
    pub strings: Vec<String>,
    bytes: u64,
    error: Option<ReadError>,
}

impl SharedStrings {
    pub(crate) fn new(path: &Path, part: &str) -> SharedStrings {
        SharedStrings {
            path: path.to_path_buf(),
            part: part.to_string(),
            in_sst: false,
            si: None,
            strings: Vec::new(),
            bytes: 0,
            error: None,
        }
    }

    fn fail(&mut self, problem: TextProblem) {
        self.error = Some(ReadError::damaged(
            &self.path,
            crate::words::files::shared_strings_problem(&self.part, &problem),
        ));
    }
}

impl Handler for SharedStrings {
    fn wants_text(&self) -> bool {
        self.si.as_ref().is_some_and(StringReader::wants_text)
    }

    fn event(&mut self, ev: Ev<'_>) {
        if self.error.is_some() {
            return;
        }
        if let Some(si) = &mut self.si {
            match si.event(&ev, b"si") {
                Ok(Some(s)) => {
                    self.bytes += s.len() as u64;
                    if self.bytes > MAX_SHARED_STRINGS_BYTES {
                        self.fail(TextProblem::SharedStringsTooLarge {
                            mib: MAX_SHARED_STRINGS_BYTES >> 20,
                        });
                    }
                    self.strings.push(s);
                    self.si = None;
                }
                Ok(None) => {}
                Err(e) => self.fail(e),
            }
            return;
        }
        match ev {
            Ev::Start(b"sst", _) => self.in_sst = true,
            Ev::End(b"sst") => self.in_sst = false,
            Ev::Start(b"si", _) if self.in_sst => self.si = Some(StringReader::default()),
            _ => {}
        }
    }

    fn take_error(&mut self) -> Option<ReadError> {
        self.error.take()
    }
}

/// `xl/styles.xml`: custom number formats and, per `cellXfs` entry, how it shows numbers.
#[derive(Default)]
pub(crate) struct Styles {
    number_formats: Vec<(Vec<u8>, String)>,
    in_num_fmts: bool,
    in_cell_xfs: bool,
    pub formats: Vec<Fmt>,
}

impl Handler for Styles {
    fn event(&mut self, ev: Ev<'_>) {
        match ev {
            Ev::Start(b"numFmts", _) => self.in_num_fmts = true,
            Ev::End(b"numFmts") => self.in_num_fmts = false,
            Ev::Start(b"cellXfs", _) => self.in_cell_xfs = true,
            Ev::End(b"cellXfs") => self.in_cell_xfs = false,
            Ev::Start(b"numFmt", a) if self.in_num_fmts => {
                if let (Some(id), Some(code)) = (attr(a, "numFmtId"), attr(a, "formatCode")) {
                    let raw = String::from_utf8_lossy(code);
                    let code = quick_xml::escape::unescape(&raw)
                        .map(|c| c.into_owned())
                        .unwrap_or_else(|_| raw.clone().into_owned());
                    // calamine keeps the last definition of an id (a map insert).
                    self.number_formats.retain(|(k, _)| k != id);
                    self.number_formats.push((id.to_vec(), code));
                }
            }
            Ev::Start(b"xf", a) if self.in_cell_xfs => {
                self.formats.push(match attr(a, "numFmtId") {
                    None => Fmt::Other,
                    Some(id) => match self.number_formats.iter().find(|(k, _)| k == id) {
                        Some((_, code)) => detect_custom_number_format(code),
                        None => builtin_format_by_id(id),
                    },
                });
            }
            _ => {}
        }
    }
}

/// One cell value as calamine gives it, before any of our conversions.
enum Raw {
    Empty,
    /// `<v>` of a plain type (`n`, `s`, `b`, `e`, none): its raw text up to the first `&`, in
    /// the reader's buffer.
    Plain,
    /// `<v>` of another type (`str`, `d`, …): its text with references resolved.
    Text(String),
    Inline(String),
}

/// The child of `<c>` being read.
enum Child {
    None,
    /// `<v>`, with what it has read so far (plain types: in the reader's buffer) and whether
    /// its first event was text.
    V {
        plain: bool,
        text: String,
        first: bool,
    },
    /// `<f>` or a `<v>` of an inline-string cell: skipped to its end.
    Skip(&'static [u8]),
    Is(StringReader),
}

/// A cell's type attribute `t`.
#[derive(Debug, Clone, PartialEq)]
enum Typ {
    /// No `t`: a number, or text when it does not parse.
    None,
    N,
    S,
    B,
    E,
    Str,
    D,
    /// `inlineStr` (or `is`).
    Inline,
    Other(Box<[u8]>),
}

impl Typ {
    fn of(t: Option<&[u8]>) -> Typ {
        match t {
            None => Typ::None,
            Some(b"n") => Typ::N,
            Some(b"s") => Typ::S,
            Some(b"b") => Typ::B,
            Some(b"e") => Typ::E,
            Some(b"str") => Typ::Str,
            Some(b"d") => Typ::D,
            Some(b"inlineStr" | b"is") => Typ::Inline,
            Some(t) => Typ::Other(t.into()),
        }
    }
}

/// The cell being read.
struct Cell {
    pos: (u32, u32),
    /// The style index `s` (calamine reads a bad one as 0).
    style: Option<usize>,
    typ: Typ,
    value: Raw,
    child: Child,
}

/// calamine's `get_row_and_optional_column` (src/xlsx/mod.rs): `"B12"` → (11, Some(1)).
fn row_and_column(r: &[u8]) -> Result<(u32, Option<u32>), String> {
    let bad = || {
        format!(
            "a cell reference {} that is not a row and column",
            String::from_utf8_lossy(r)
        )
    };
    let (mut col, mut row) = (0u32, 0u32);
    let mut i = 0;
    while i < r.len() {
        match r[i] {
            c @ b'A'..=b'Z' => col = col.wrapping_mul(26).wrapping_add(u32::from(c - b'A') + 1),
            c @ b'a'..=b'z' => col = col.wrapping_mul(26).wrapping_add(u32::from(c - b'a') + 1),
            c @ b'0'..=b'9' => {
                row = u32::from(c - b'0');
                i += 1;
                break;
            }
            _ => return Err(bad()),
        }
        i += 1;
    }
    while i < r.len() {
        match r[i] {
            c @ b'0'..=b'9' => row = row.wrapping_mul(10).wrapping_add(u32::from(c - b'0')),
            _ => return Err(bad()),
        }
        i += 1;
    }
    let row = row.checked_sub(1).ok_or_else(bad)?;
    Ok((row, col.checked_sub(1)))
}

/// Reads the cells of `<sheetData>`, handing each to `sink` as calamine's `next_cell` would.
pub(crate) struct CellReader<'c, F> {
    ctx: &'c CellContext,
    is_1904: bool,
    sink: F,
    pub(crate) started: bool,
    pub(crate) ended: bool,
    row_index: u32,
    col_index: u32,
    cell: Option<Cell>,
    /// The raw text of a plain `<v>` (reused from cell to cell).
    vbuf: Vec<u8>,
    error: Option<ReadError>,
    path: &'c Path,
    sheet: &'c str,
}

impl<'c, F> CellReader<'c, F>
where
    F: FnMut(u32, u32, DataRef<'c>) -> Result<(), ReadError>,
{
    pub(crate) fn new(
        path: &'c Path,
        sheet: &'c str,
        ctx: &'c CellContext,
        is_1904: bool,
        sink: F,
    ) -> Self {
        CellReader {
            ctx,
            is_1904,
            sink,
            started: false,
            ended: false,
            row_index: 0,
            col_index: 0,
            cell: None,
            vbuf: Vec::new(),
            error: None,
            path,
            sheet,
        }
    }

    pub(crate) fn take_error(&mut self) -> Option<ReadError> {
        self.error.take()
    }

    pub(crate) fn has_error(&self) -> bool {
        self.error.is_some()
    }

    fn fail(&mut self, reason: String) {
        if self.error.is_none() {
            self.error = Some(ReadError::Workbook {
                path: self.path.to_path_buf(),
                reason: format!("sheet {}: {reason}", self.sheet),
            });
        }
    }

    pub(crate) fn wants_text(&self) -> bool {
        match &self.cell {
            Some(c) => match &c.child {
                Child::V { .. } => true,
                Child::Is(s) => s.wants_text(),
                _ => false,
            },
            None => false,
        }
    }

    pub(crate) fn event(&mut self, ev: &Ev<'_>) {
        if self.error.is_some() || self.ended {
            return;
        }
        if !self.started {
            if let Ev::Start(b"sheetData", _) = ev {
                self.started = true;
            }
            return;
        }
        if let Err(e) = self.step(ev) {
            self.fail(e);
        }
    }

    /// A `<c>` start tag with attributes `a`: the cell at its `r` reference (or next to the
    /// previous one), with its style and type.
    fn start_cell(&mut self, a: &[u8]) -> Result<(), String> {
        let (mut r, mut s, mut t) = (None, None, None);
        for (k, v) in attrs(a) {
            let slot = match k {
                b"r" => &mut r,
                b"s" => &mut s,
                b"t" => &mut t,
                _ => continue,
            };
            if slot.is_none() {
                *slot = Some(v);
            }
        }
        let pos = match r {
            Some(r) => {
                let (row, col) = row_and_column(r)?;
                let col = col.ok_or_else(|| {
                    format!(
                        "a cell reference {} without a column",
                        String::from_utf8_lossy(r)
                    )
                })?;
                self.col_index = col;
                (row, col)
            }
            None => (self.row_index, self.col_index),
        };
        self.cell = Some(Cell {
            pos,
            style: s.map(|s| {
                std::str::from_utf8(s)
                    .ok()
                    .and_then(|s| s.parse::<usize>().ok())
                    .unwrap_or(0)
            }),
            typ: Typ::of(t),
            value: Raw::Empty,
            child: Child::None,
        });
        Ok(())
    }

    fn step(&mut self, ev: &Ev<'_>) -> Result<(), String> {
        let Some(cell) = &mut self.cell else {
            match *ev {
                Ev::Start(b"row", a) => {
                    if let Some(r) = attr(a, "r") {
                        self.row_index = row_and_column(r)?.0;
                    }
                }
                Ev::End(b"row") => {
                    self.row_index = self.row_index.wrapping_add(1);
                    self.col_index = 0;
                }
                Ev::Start(b"c", a) => self.start_cell(a)?,
                Ev::End(b"sheetData") => self.ended = true,
                _ => {}
            }
            return Ok(());
        };
        match &mut cell.child {
            Child::None => match *ev {
                Ev::Start(name, _) => {
                    let inline = cell.typ == Typ::Inline;
                    cell.child = match name {
                        b"is" => Child::Is(StringReader::default()),
                        b"v" if inline => Child::Skip(b"v"),
                        b"v" => {
                            self.vbuf.clear();
                            Child::V {
                                plain: matches!(
                                    cell.typ,
                                    Typ::None | Typ::N | Typ::S | Typ::B | Typ::E
                                ),
                                text: String::new(),
                                first: true,
                            }
                        }
                        b"f" => Child::Skip(b"f"),
                        _ => return Err("an element other than v, f or is in a cell".to_string()),
                    };
                    // A `<v>` of an inline-string cell and an `<f>` leave the cell empty.
                    if matches!(cell.child, Child::Skip(_)) {
                        cell.value = Raw::Empty;
                    }
                }
                Ev::End(b"c") => {
                    let cell = self.cell.take().expect("in a cell");
                    self.col_index = self.col_index.wrapping_add(1);
                    let (r, c) = cell.pos;
                    let v = value(self.ctx, self.is_1904, cell, &self.vbuf)?;
                    if let Err(e) = (self.sink)(r, c, v) {
                        self.error = Some(e);
                    }
                }
                _ => {}
            },
            Child::Skip(name) => {
                if matches!(*ev, Ev::End(n) if n == *name) {
                    cell.child = Child::None;
                }
            }
            Child::Is(s) => {
                if let Some(text) = s.event(ev, b"is").map_err(english)? {
                    cell.value = Raw::Inline(text);
                    cell.child = Child::None;
                }
            }
            Child::V { plain, text, first } => match *ev {
                Ev::Text(raw) if *plain => {
                    if *first {
                        let end = memchr::memchr(b'&', raw).unwrap_or(raw.len());
                        self.vbuf.extend_from_slice(&raw[..end]);
                    }
                    *first = false;
                }
                Ev::Text(raw) => {
                    push_text(raw, text).map_err(english)?;
                    if text.len() > MAX_XML_RUN {
                        return Err(format!(
                            "a value longer than {} MiB (the file is damaged or too large)",
                            MAX_XML_RUN >> 20
                        ));
                    }
                }
                Ev::End(b"v") => {
                    cell.value = if *plain {
                        Raw::Plain
                    } else {
                        Raw::Text(std::mem::take(text))
                    };
                    cell.child = Child::None;
                }
                _ => *first = false,
            },
        }
        Ok(())
    }
}

/// calamine's `read_v` (and `read_value` for inline strings).
fn value<'c>(
    ctx: &'c CellContext,
    is_1904: bool,
    cell: Cell,
    plain: &[u8],
) -> Result<DataRef<'c>, String> {
    let typ = cell.typ;
    let owned;
    let v: &str = match cell.value {
        Raw::Empty => return Ok(DataRef::Empty),
        Raw::Inline(s) => return Ok(DataRef::String(s)),
        // Not text at first (a reference, say): calamine reads nothing.
        Raw::Plain if plain.is_empty() => return Ok(DataRef::Empty),
        Raw::Plain => {
            std::str::from_utf8(plain).map_err(|_| "a value that is not UTF-8".to_string())?
        }
        Raw::Text(s) => {
            owned = s;
            &owned
        }
    };
    let format = match cell.style {
        Some(id) => ctx.formats.get(id).copied(),
        None => Some(Fmt::Other),
    };
    match typ {
        Typ::S => {
            if v.is_empty() {
                return Ok(DataRef::Empty);
            }
            let idx = v.parse::<usize>().unwrap_or(0);
            ctx.strings
                .get(idx)
                .map(|s| DataRef::SharedString(s.as_str()))
                .ok_or_else(|| "a cell string index not found in the shared strings".to_string())
        }
        Typ::B => {
            let t = v.trim();
            if t.is_empty() {
                Ok(DataRef::Empty)
            } else if t == "0" || t.eq_ignore_ascii_case("false") {
                Ok(DataRef::Bool(false))
            } else if t == "1" || t.eq_ignore_ascii_case("true") {
                Ok(DataRef::Bool(true))
            } else {
                Err(format!("a boolean cell holding {v}"))
            }
        }
        Typ::D => Ok(DataRef::DateTimeIso(v.to_string())),
        Typ::E => v
            .parse::<CellErrorType>()
            .map(DataRef::Error)
            .map_err(|_| format!("an unknown cell error {v}")),
        Typ::Str => Ok(DataRef::String(unescape_excel(v))),
        Typ::N | Typ::None => {
            if v.is_empty() {
                return Ok(DataRef::Empty);
            }
            match v.parse::<f64>() {
                Ok(n) => Ok(match format {
                    Some(Fmt::DateTime) => DataRef::DateTime(ExcelDateTime::new(
                        n,
                        ExcelDateTimeType::DateTime,
                        is_1904,
                    )),
                    Some(Fmt::TimeDelta) => DataRef::DateTime(ExcelDateTime::new(
                        n,
                        ExcelDateTimeType::TimeDelta,
                        is_1904,
                    )),
                    _ => DataRef::Float(n),
                }),
                Err(_) if typ == Typ::None => Ok(DataRef::String(v.to_string())),
                Err(_) => Err(format!("a number cell holding {v}")),
            }
        }
        // An inline-string cell's value comes from `<is>`; its `<v>` leaves it empty.
        Typ::Inline => Ok(DataRef::Empty),
        Typ::Other(t) => Err(format!(
            "a cell of unknown type t=\"{}\"",
            String::from_utf8_lossy(&t)
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::super::xlsx_scan;
    use super::*;
    use calamine::{open_workbook, Data, Reader, Xlsx};
    use std::io::Write;

    type Cells = Vec<(u32, u32, Data)>;

    /// Every cell of every worksheet as calamine 0.38's own reader gives it.
    fn by_calamine(path: &Path) -> Option<Vec<(String, Result<Cells, String>)>> {
        let mut x: Xlsx<_> = open_workbook(path).ok()?;
        let names: Vec<String> = x
            .sheets_metadata()
            .iter()
            .filter(|s| s.typ == calamine::SheetType::WorkSheet)
            .map(|s| s.name.clone())
            .collect();
        Some(
            names
                .into_iter()
                .map(|n| {
                    let cells = (|| {
                        let mut r = x.worksheet_cells_reader(&n).map_err(|e| e.to_string())?;
                        let mut out = Vec::new();
                        while let Some(c) = r.next_cell().map_err(|e| e.to_string())? {
                            let (row, col) = c.get_position();
                            out.push((row, col, Data::from(c.get_value().clone())));
                        }
                        Ok(out)
                    })();
                    (n, cells)
                })
                .collect(),
        )
    }

    /// The same through the one-pass reader.
    fn by_us(path: &Path, name: &str, is_1904: bool) -> Result<Cells, String> {
        let pkg = xlsx_scan::check_package(path).map_err(|e| e.to_string())?;
        let mut out = Vec::new();
        xlsx_scan::read_sheet(path, &pkg, name, is_1904, |r, c, v| {
            out.push((r, c, Data::from(v)));
            Ok(())
        })
        .map_err(|e| e.to_string())?
        .ok_or("not listed")?;
        Ok(out)
    }

    fn same_as_calamine(path: &Path) -> usize {
        let Some(sheets) = by_calamine(path) else {
            return 0;
        };
        let is_1904 = open_workbook::<Xlsx<_>, _>(path).unwrap().has_1904_epoch();
        let mut cells = 0;
        for (name, theirs) in sheets {
            let ours = by_us(path, &name, is_1904);
            match (&theirs, &ours) {
                (Ok(t), Ok(o)) => {
                    // Data's PartialEq is exact for floats; NaN never occurs in a cell.
                    assert_eq!(t, o, "{} sheet {name}", path.display());
                    cells += t.len();
                }
                (Err(_), Err(_)) => {}
                _ => panic!(
                    "{} sheet {name}: calamine {theirs:?}, one pass {ours:?}",
                    path.display()
                ),
            }
        }
        cells
    }

    #[test]
    fn every_xlsx_in_the_tests_reads_as_calamine_reads_it() {
        let mut files = Vec::new();
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
        let mut dirs = vec![std::path::PathBuf::from(root).join("tests")];
        while let Some(d) = dirs.pop() {
            for e in std::fs::read_dir(d).unwrap().flatten() {
                let p = e.path();
                // Hostile files make calamine itself abort (what the pre-checks are for).
                if p.is_dir() && !p.ends_with("hostile") {
                    dirs.push(p);
                } else if p.extension().is_some_and(|x| {
                    x.eq_ignore_ascii_case("xlsx") || x.eq_ignore_ascii_case("xlsm")
                }) {
                    files.push(p);
                }
            }
        }
        assert!(files.len() >= 12, "{files:?}");
        let cells: usize = files.iter().map(|p| same_as_calamine(p)).sum();
        assert!(cells > 1000, "{cells}");
    }

    fn write_package(path: &Path, sheet: &str, sst: &str, styles: &str) {
        let mut z = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
        let opt = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        let parts = [
            ("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>"#.to_string()),
            ("_rels/.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_string()),
            ("xl/workbook.xml", r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_string()),
            ("xl/_rels/workbook.xml.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#.to_string()),
            ("xl/sharedStrings.xml", sst.to_string()),
            ("xl/styles.xml", styles.to_string()),
            ("xl/worksheets/sheet1.xml", sheet.to_string()),
        ];
        for (name, text) in parts {
            z.start_file(name, opt).unwrap();
            z.write_all(text.as_bytes()).unwrap();
        }
        z.finish().unwrap();
    }

    const STYLES: &str = r#"<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="3"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="165" formatCode="[h]:mm"/><numFmt numFmtId="166" formatCode="0.0&quot;d&quot;"/></numFmts><cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="166"/><xf numFmtId="14"/><xf/></cellXfs></styleSheet>"#;

    #[test]
    fn tricky_cells_read_as_calamine_reads_them() {
        let sst = r#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="5" uniqueCount="5"><si><t>  そう思う </t></si><si><t xml:space="preserve">  とても </t></si><si><r><rPr><b/></rPr><t>満足</t></r><r><t>&amp;安心</t></r><rPh sb="0" eb="2"><t>マンゾク</t></rPh></si><si><t>改行_x000D_あり&#10;次</t></si><si/></sst>"#;
        let sheet = r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:L3"/><sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c><c t="inlineStr"><is><t><![CDATA[a<b]]></t></is></c><c r="H1" t="str"><f>A1&amp;"x"</f><v>a&amp;b_x0009_c</v></c><c r="I1" t="b"><v>1</v></c><c r="J1" t="e"><v>#N/A</v></c><c r="K1"><v>abc</v></c><c r="L1" t="d"><v>2026-04-01T00:00:00</v></c></row>
<row r="2"><c r="A2" s="1"><v>46113</v></c><c r="B2" s="2"><v>1.5</v></c><c r="C2" s="3"><v>2.5</v></c><c r="D2" s="4"><v>46113.5</v></c><c r="E2" s="9"><v>3</v></c><c r="F2" s="5"><v>-0.25</v></c><c r="G2"><v>1E-3</v></c><c r="H2"><v/></c><c r="I2" t="s"><v></v></c></row>
<row><c><v>7</v></c><c><f>SUBTOTAL(9,A1:A2)</f><v>8</v></c></row>
</sheetData></worksheet>"#;
        let dir = std::env::temp_dir().join(format!("xlsx_cells_{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("tricky.xlsx");
        write_package(&path, sheet, sst, STYLES);
        assert!(same_as_calamine(&path) >= 20);
        // And what that is, independently of calamine.
        let cells = by_us(&path, "S", false).unwrap();
        let at = |r: u32, c: u32| cells.iter().find(|x| x.0 == r && x.1 == c).map(|x| &x.2);
        let s = |t: &str| Some(Data::String(t.to_string()));
        assert_eq!(at(0, 0).cloned(), s("そう思う"));
        assert_eq!(at(0, 1).cloned(), s("  とても "));
        assert_eq!(at(0, 2).cloned(), s("満足&安心"));
        assert_eq!(at(0, 3).cloned(), s("改行\rあり\n次"));
        assert_eq!(at(0, 4).cloned(), s(""));
        assert_eq!(at(0, 5).cloned(), s("a<b"));
        assert_eq!(at(0, 7).cloned(), s("a&b\tc"));
        assert_eq!(at(0, 8), Some(&Data::Bool(true)));
        assert!(matches!(at(0, 9), Some(Data::Error(_))));
        assert_eq!(at(0, 10).cloned(), s("abc"));
        assert_eq!(
            at(0, 11),
            Some(&Data::DateTimeIso("2026-04-01T00:00:00".into()))
        );
        assert!(
            matches!(at(1, 0), Some(Data::DateTime(d)) if d.is_datetime() && d.as_f64() == 46113.0)
        );
        assert!(matches!(at(1, 1), Some(Data::DateTime(d)) if d.is_duration()));
        assert_eq!(at(1, 2), Some(&Data::Float(2.5)));
        assert!(matches!(at(1, 3), Some(Data::DateTime(d)) if d.is_datetime()));
        assert_eq!(at(1, 4), Some(&Data::Float(3.0)));
        assert_eq!(at(1, 6), Some(&Data::Float(0.001)));
        assert_eq!(at(1, 7), Some(&Data::Empty));
        assert_eq!(at(2, 0), Some(&Data::Float(7.0)));
        assert_eq!(at(2, 1), Some(&Data::Float(8.0)));
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn damaged_cells_are_refused_as_calamine_refuses_them() {
        let dir = std::env::temp_dir().join(format!("xlsx_cells_bad_{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let sst = r#"<sst><si><t>a</t></si></sst>"#;
        for (i, body) in [
            r#"<c r="A1" t="s"><v>5</v></c>"#,
            r#"<c r="A1" t="n"><v>x</v></c>"#,
            r#"<c r="A1" t="b"><v>2</v></c>"#,
            r#"<c r="A1" t="zz"><v>1</v></c>"#,
            r#"<c r="A1"><foo/></c>"#,
            r#"<c r="11"><v>1</v></c>"#,
        ]
        .iter()
        .enumerate()
        {
            let sheet =
                format!("<worksheet><sheetData><row r=\"1\">{body}</row></sheetData></worksheet>");
            let path = dir.join(format!("bad{i}.xlsx"));
            write_package(&path, &sheet, sst, STYLES);
            same_as_calamine(&path);
            let err = by_us(&path, "S", false).unwrap_err();
            assert!(err.contains("sheet S: "), "{err}");
        }
        // A sheet cut off inside its cells.
        let path = dir.join("cut.xlsx");
        write_package(
            &path,
            "<worksheet><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c>",
            sst,
            STYLES,
        );
        same_as_calamine(&path);
        assert!(by_us(&path, "S", false)
            .unwrap_err()
            .contains("ends before its cells do"));
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn date_formats_as_calamine_detects_them() {
        for (code, want) in [
            ("yyyy/mm/dd", Fmt::DateTime),
            ("[h]:mm:ss", Fmt::TimeDelta),
            ("0.00", Fmt::Other),
            ("\"d\"0", Fmt::Other),
            ("#,##0;[Red]-#,##0", Fmt::Other),
            ("[$-411]ggge\"年\"m\"月\"d\"日\"", Fmt::DateTime),
            ("h:mm AM/PM", Fmt::DateTime),
        ] {
            assert_eq!(detect_custom_number_format(code), want, "{code}");
        }
        assert_eq!(builtin_format_by_id(b"14"), Fmt::DateTime);
        assert_eq!(builtin_format_by_id(b"46"), Fmt::TimeDelta);
        assert_eq!(builtin_format_by_id(b"2"), Fmt::Other);
    }
}

#[cfg(test)]
mod text_tests {
    use super::*;

    #[test]
    fn references_resolve_or_are_typed_problems() {
        let mut out = String::new();
        push_text(b"a &amp; b &#x41;&#66;\r\nc", &mut out).unwrap();
        assert_eq!(out, "a & b AB\nc");
        assert_eq!(
            push_text(b"x &foo; y", &mut String::new()),
            Err(TextProblem::UnknownReference("foo".into()))
        );
        assert_eq!(
            push_text(b"x &amp", &mut String::new()),
            Err(TextProblem::UnterminatedReference)
        );
    }
}
