//! Survey data saved as text: `.csv`, `.tsv` or `.txt` (a Google Forms download, Japanese Excel's
//! 「CSV (コンマ区切り)」 in CP932, Excel's 「Unicode テキスト」 in UTF-16 with tabs).
//!
//! A text file becomes the same cell grid (`SheetData`) an .xlsx sheet does, named by the file's
//! stem (as Excel names the sheet when it opens a CSV), so every reading rule of the workbook path
//! applies unchanged. Row and column of a cell are those Excel shows when it opens the file: one
//! row per record (a quoted field with line breaks stays in one row) and per blank line, one column
//! per field. A value is typed as Excel types it on opening: `4` is a number, `="00123"` the text
//! `00123`, `TRUE` a boolean, `2025/04/01 9:00` a date, `#N/A` an error; a number with leading
//! zeros (`007`) stays text so that IDs keep their zeros.
//!
//! # What is guessed (each guess has an option and is printed on the Method sheet)
//!
//! * **Encoding** (`--encoding`): a byte-order mark says UTF-8, UTF-16LE or UTF-16BE. Without
//!   one, every line of the whole file is checked: all valid UTF-8 → UTF-8; otherwise all valid
//!   CP932 (Shift_JIS as Windows writes it) and no line that is UTF-8 with non-ASCII text → CP932.
//!   A file with both UTF-8 lines and lines that are not UTF-8 is refused (mixed encodings), as is
//!   one with NUL or other control bytes (not text) or a line that is neither UTF-8 nor CP932.
//! * **Delimiter** (`--delimiter`): comma, tab or semicolon, whichever splits the first 256 KiB
//!   into records of two or more fields of one width; when several do, the one with no record of
//!   another width, then tab for a `.tsv` file; still several → refused, naming the option.
//!
//! # Refused (exit 2, naming the file and the line)
//!
//! An empty file, a file that is not text, mixed encodings, bytes that are not valid in the
//! encoding, a record with more fields than the first one (ragged rows; one with fewer has blanks at
//! its end, as Excel writes some rows), a record longer
//! than [`MAX_RECORD_BYTES`] or with more than [`MAX_COLUMNS`] fields, more than [`MAX_ROWS`]
//! rows. Memory is bounded: the file is read in 1 MiB blocks, one record is held at a time and the
//! grid shares the workbook limits ([`super::MAX_CELLS`], [`super::MAX_TEXT_BYTES`]); a single
//! 2 GB line is refused after [`MAX_RECORD_BYTES`].

use std::borrow::Cow;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use csv_core::{ReadRecordResult, Reader, ReaderBuilder};
use encoding_rs::{DecoderResult, Encoding, SHIFT_JIS, UTF_16BE, UTF_16LE, UTF_8};

use super::limits::{MAX_COLUMNS, MAX_ROWS};
use super::load::{Budget, Builder, SheetData, Value};
use super::{ReadError, ReadOptions};
use crate::lang::Lang;
use crate::words::files::{self, TextFileProblem, TextFileRefusal};
use crate::words::reader::{DelimiterName, TextFileFormat, TextFileWord};

/// Longest record (one row of the file, after decoding to UTF-8) and longest physical line
/// (before decoding) accepted: 16 MiB. Excel holds at most 32,767 characters in a cell; a survey
/// row is a few kilobytes.
pub const MAX_RECORD_BYTES: usize = 16 << 20;

/// Size of the blocks the file is read in.
const BLOCK: usize = 1 << 20;

/// Bytes decoded to guess the delimiter.
const SAMPLE: usize = 256 << 10;

/// Character encoding of a text file (`--encoding`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TextEncoding {
    /// UTF-8, with or without a byte-order mark (Google Forms, LibreOffice, Excel's 「CSV UTF-8」).
    Utf8,
    /// UTF-16 little-endian (Excel's 「Unicode テキスト」).
    Utf16Le,
    /// UTF-16 big-endian.
    Utf16Be,
    /// Shift_JIS as Windows writes it (code page 932; Japanese Excel's 「CSV (コンマ区切り)」).
    Cp932,
}

impl TextEncoding {
    /// The name used by `--encoding`.
    pub fn key(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "utf-8",
            TextEncoding::Utf16Le => "utf-16le",
            TextEncoding::Utf16Be => "utf-16be",
            TextEncoding::Cp932 => "cp932",
        }
    }

    fn encoding(self) -> &'static Encoding {
        match self {
            TextEncoding::Utf8 => UTF_8,
            TextEncoding::Utf16Le => UTF_16LE,
            TextEncoding::Utf16Be => UTF_16BE,
            // encoding_rs's Shift_JIS is the WHATWG one: CP932, with the NEC and IBM extensions.
            TextEncoding::Cp932 => SHIFT_JIS,
        }
    }

    fn label(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf16Le => "UTF-16LE",
            TextEncoding::Utf16Be => "UTF-16BE",
            TextEncoding::Cp932 => "CP932 (Shift_JIS)",
        }
    }
}

/// Field delimiter of a text file (`--delimiter`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Delimiter {
    /// `,`
    Comma,
    /// Tab.
    Tab,
    /// `;`
    Semicolon,
}

impl Delimiter {
    const ALL: [Delimiter; 3] = [Delimiter::Comma, Delimiter::Tab, Delimiter::Semicolon];

    /// The name used by `--delimiter`.
    pub fn key(self) -> &'static str {
        match self {
            Delimiter::Comma => "comma",
            Delimiter::Tab => "tab",
            Delimiter::Semicolon => "semicolon",
        }
    }

    fn byte(self) -> u8 {
        match self {
            Delimiter::Comma => b',',
            Delimiter::Tab => b'\t',
            Delimiter::Semicolon => b';',
        }
    }

    fn name(self, lang: Lang) -> &'static str {
        self.word().get(lang)
    }

    /// The delimiter's name.
    fn word(self) -> DelimiterName {
        match self {
            Delimiter::Comma => DelimiterName::Comma,
            Delimiter::Tab => DelimiterName::Tab,
            Delimiter::Semicolon => DelimiterName::Semicolon,
        }
    }
}

/// How a text file is read: what was found in it or given on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextFormat {
    /// Character encoding.
    pub encoding: TextEncoding,
    /// The file starts with a byte-order mark.
    pub bom: bool,
    /// `true` when the encoding was found from the bytes, `false` when given (`--encoding`).
    pub encoding_detected: bool,
    /// Field delimiter.
    pub delimiter: Delimiter,
    /// `true` when the delimiter was found from the file, `false` when given (`--delimiter`).
    pub delimiter_detected: bool,
}

impl TextFormat {
    /// One line for the Method sheet, e.g. "UTF-8 with BOM (from the file), comma (from the file)".
    pub fn describe(&self, lang: Lang) -> String {
        let how = |detected: bool, flag: &str| -> String {
            if detected {
                TextFileWord::FoundInFile.get(lang).to_string()
            } else {
                TextFileFormat::GivenWith { flag }.text(lang)
            }
        };
        let bom = if self.bom {
            TextFileWord::WithBom.get(lang)
        } else {
            ""
        };
        TextFileFormat::Read {
            encoding: self.encoding.label(),
            bom,
            encoding_how: &how(self.encoding_detected, "--encoding"),
            delimiter: self.delimiter.name(lang),
            delimiter_how: &how(self.delimiter_detected, "--delimiter"),
        }
        .text(lang)
    }
}

/// `true` for the extensions read as text: `.csv`, `.tsv`, `.txt`.
pub fn has_text_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ["csv", "tsv", "txt"].contains(&e.to_ascii_lowercase().as_str()))
}

/// `true` when the reader reads `path` as text (see the module documentation); `false` for a
/// workbook and for a file that cannot be opened.
pub fn is_text_input(path: &Path, options: &ReadOptions) -> bool {
    super::load::reads_as_text(path, options).unwrap_or(false)
}

/// The text inputs of a run and the sheet name each becomes: one file, or two (`analyze
/// before.csv after.csv`). Two files with the same stem become `stem (1)` and `stem (2)`.
pub(crate) fn sheet_names(path: &Path, options: &ReadOptions) -> Vec<(PathBuf, String)> {
    let stem = |p: &Path| {
        p.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| p.display().to_string())
    };
    let mut files = vec![(path.to_path_buf(), stem(path))];
    if let Some(second) = &options.second_file {
        let name = stem(second);
        if name == files[0].1 {
            files[0].1 = format!("{name} (1)");
            files.push((second.clone(), format!("{name} (2)")));
        } else {
            files.push((second.clone(), name));
        }
    }
    files
}

/// The format each text input is read with (for the Method sheet): the same detection the reader
/// runs, so the same answer.
///
/// # Errors
///
/// The [`ReadError`] the reader gives for the same file.
pub fn text_formats(
    path: &Path,
    options: &ReadOptions,
) -> Result<Vec<(PathBuf, String, TextFormat)>, ReadError> {
    sheet_names(path, options)
        .into_iter()
        .map(|(p, name)| {
            let f = sniff(&p, options.encoding, options.delimiter)?;
            Ok((p, name, f))
        })
        .collect()
}

fn io_error(path: &Path, e: &std::io::Error) -> ReadError {
    ReadError::Workbook {
        path: path.to_path_buf(),
        reason: e.to_string(),
    }
}

fn open(path: &Path) -> Result<File, ReadError> {
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => ReadError::NotFound {
            path: path.to_path_buf(),
        },
        _ => io_error(path, &e),
    })?;
    if meta.is_dir() {
        return Err(ReadError::NotAWorkbook {
            path: path.to_path_buf(),
        });
    }
    if meta.len() == 0 {
        return Err(ReadError::text_file(path, None, TextFileRefusal::Empty));
    }
    File::open(path).map_err(|e| io_error(path, &e))
}

/// Reads until `buf` is full or the file ends.
fn read_full(f: &mut File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match f.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

/// Finds the encoding and delimiter of a text file (or takes the given ones).
///
/// # Errors
///
/// [`ReadError::Text`] naming the line: empty, not text, mixed encodings, a line that is valid in
/// neither UTF-8 nor CP932, a line longer than [`MAX_RECORD_BYTES`], a delimiter that cannot be
/// told; [`ReadError::NotFound`] and the like for a file that cannot be opened.
pub fn sniff(
    path: &Path,
    encoding: Option<TextEncoding>,
    delimiter: Option<Delimiter>,
) -> Result<TextFormat, ReadError> {
    let mut f = open(path)?;
    let mut head = [0u8; 3];
    let n = read_full(&mut f, &mut head).map_err(|e| io_error(path, &e))?;
    let head = &head[..n];
    let bom = if head.starts_with(&[0xEF, 0xBB, 0xBF]) {
        Some(TextEncoding::Utf8)
    } else if head.starts_with(&[0xFF, 0xFE]) {
        Some(TextEncoding::Utf16Le)
    } else if head.starts_with(&[0xFE, 0xFF]) {
        Some(TextEncoding::Utf16Be)
    } else {
        None
    };
    let (enc, detected) = match (encoding, bom) {
        (Some(e), _) => (e, false),
        (None, Some(e)) => (e, true),
        (None, None) => (detect_encoding(path)?, true),
    };
    let bom = bom.is_some_and(|b| b == enc);
    let delimiter = match delimiter {
        Some(d) => (d, false),
        None => (detect_delimiter(path, enc)?, true),
    };
    Ok(TextFormat {
        encoding: enc,
        bom,
        encoding_detected: detected,
        delimiter: delimiter.0,
        delimiter_detected: delimiter.1,
    })
}

/// What the lines of a file without a byte-order mark are.
#[derive(Default)]
struct LineClasses {
    /// First line that is valid UTF-8 and not ASCII.
    utf8: Option<u64>,
    /// First line that is not valid UTF-8.
    not_utf8: Option<u64>,
    /// First line that is valid in neither UTF-8 nor CP932.
    neither: Option<u64>,
}

fn detect_encoding(path: &Path) -> Result<TextEncoding, ReadError> {
    let mut f = open(path)?;
    let mut classes = LineClasses::default();
    let mut block = vec![0u8; BLOCK];
    let mut carry: Vec<u8> = Vec::new();
    // Lines as the parser and Excel count them (`\r\n`, `\n`, `\r`).
    let mut breaks = Breaks::default();
    let mut line: u64 = 1;
    loop {
        let n = read_full(&mut f, &mut block).map_err(|e| io_error(path, &e))?;
        let data = &block[..n];
        let mut start = 0;
        for (i, &b) in data.iter().enumerate() {
            if b == b'\n' || b == b'\r' {
                if carry.is_empty() {
                    classify(path, &data[start..i], line, &mut classes)?;
                } else {
                    carry.extend_from_slice(&data[start..i]);
                    classify(path, &carry, line, &mut classes)?;
                    carry.clear();
                }
                breaks.add(&[b]);
                line = breaks.count + 1;
                start = i + 1;
            }
        }
        if carry.len() + (n - start) > MAX_RECORD_BYTES {
            return Err(line_too_long(path, line));
        }
        carry.extend_from_slice(&data[start..]);
        if n < block.len() {
            break;
        }
    }
    classify(path, &carry, line, &mut classes)?;
    match classes {
        LineClasses { not_utf8: None, .. } => Ok(TextEncoding::Utf8),
        LineClasses {
            utf8: Some(u),
            not_utf8: Some(x),
            ..
        } => Err(ReadError::text_file(
            path,
            Some(x),
            TextFileProblem::MixedEncodings { u, x },
        )),
        LineClasses {
            neither: Some(x), ..
        } => Err(ReadError::text_file(
            path,
            Some(x),
            TextFileRefusal::UnknownEncoding,
        )),
        _ => Ok(TextEncoding::Cp932),
    }
}

fn line_too_long(path: &Path, line: u64) -> ReadError {
    let mib = MAX_RECORD_BYTES >> 20;
    ReadError::text_file(path, Some(line), TextFileProblem::LineTooLong { mib })
}

fn not_text(path: &Path, line: u64, byte: u8) -> ReadError {
    ReadError::text_file(path, Some(line), TextFileProblem::ControlByte { byte })
}

/// Control bytes that do not occur in text: everything below 0x20 except tab, LF, VT, FF, CR
/// and the end-of-file mark 0x1A old programs write.
fn is_binary_byte(b: u8) -> bool {
    b < 0x20 && !matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | 0x1A)
}

fn classify(path: &Path, line: &[u8], n: u64, c: &mut LineClasses) -> Result<(), ReadError> {
    // In UTF-8 and CP932 every byte below 0x40 is ASCII (CP932 trail bytes start at 0x40).
    if let Some(&b) = line.iter().find(|&&b| is_binary_byte(b)) {
        return Err(not_text(path, n, b));
    }
    if line.is_ascii() {
        return Ok(());
    }
    if std::str::from_utf8(line).is_ok() {
        c.utf8.get_or_insert(n);
        return Ok(());
    }
    c.not_utf8.get_or_insert(n);
    if SHIFT_JIS
        .decode_without_bom_handling_and_without_replacement(line)
        .is_none()
    {
        c.neither.get_or_insert(n);
    }
    Ok(())
}

fn decoder(enc: TextEncoding) -> encoding_rs::Decoder {
    match enc {
        // A BOM of the given encoding is removed; CP932 has none.
        TextEncoding::Cp932 => SHIFT_JIS.new_decoder_without_bom_handling(),
        other => other.encoding().new_decoder_with_bom_removal(),
    }
}

/// Counts line breaks as Excel does: `\r\n`, `\n` and a lone `\r` are one each.
#[derive(Debug, Default, Clone, Copy)]
struct Breaks {
    count: u64,
    last_cr: bool,
}

impl Breaks {
    fn add(&mut self, bytes: &[u8]) {
        for &b in bytes {
            match b {
                b'\n' => {
                    if !self.last_cr {
                        self.count += 1;
                    }
                    self.last_cr = false;
                }
                b'\r' => {
                    self.count += 1;
                    self.last_cr = true;
                }
                _ => self.last_cr = false,
            }
        }
    }
}

fn detect_delimiter(path: &Path, enc: TextEncoding) -> Result<Delimiter, ReadError> {
    let mut f = open(path)?;
    let mut raw = vec![0u8; SAMPLE];
    let n = read_full(&mut f, &mut raw).map_err(|e| io_error(path, &e))?;
    let whole = n < raw.len();
    // With replacement: a character cut by the end of the sample must not fail the guess.
    let (text, _) = enc.encoding().decode_without_bom_handling(&raw[..n]);
    let mut sample = text.as_bytes();
    if !whole {
        // Leave out the record cut by the end of the sample.
        if let Some(i) = sample.iter().rposition(|&b| b == b'\n') {
            sample = &sample[..i + 1];
        }
    }
    // (delimiter, most common width, records of that width, records)
    let mut fits = Vec::new();
    for d in Delimiter::ALL {
        let widths = record_widths(sample, d.byte());
        let mut counts: std::collections::BTreeMap<usize, usize> = Default::default();
        for w in &widths {
            *counts.entry(*w).or_default() += 1;
        }
        if let Some((&mode, &k)) = counts.iter().max_by_key(|(w, k)| (**k, **w)) {
            if mode >= 2 {
                fits.push((d, mode, k, widths.len()));
            }
        }
    }
    let ext_default = match path.extension().and_then(|e| e.to_str()) {
        Some(e) if e.eq_ignore_ascii_case("tsv") => Delimiter::Tab,
        _ => Delimiter::Comma,
    };
    if fits.len() > 1 {
        let all_same: Vec<_> = fits.iter().filter(|f| f.2 == f.3).copied().collect();
        if all_same.len() == 1 {
            return Ok(all_same[0].0);
        }
        if !all_same.is_empty() {
            fits = all_same;
        }
        // A .tsv file is tab-separated by name; a .csv file may hold semicolons (decimal commas).
        if let Some(f) = fits
            .iter()
            .find(|f| f.0 == Delimiter::Tab && ext_default == Delimiter::Tab)
        {
            return Ok(f.0);
        }
        let names: Vec<(DelimiterName, usize)> = fits.iter().map(|f| (f.0.word(), f.1)).collect();
        let flags: Vec<String> = fits
            .iter()
            .map(|f| format!("--delimiter {}", f.0.key()))
            .collect();
        return Err(ReadError::text_file(
            path,
            None,
            files::delimiters(&names, &flags),
        ));
    }
    Ok(fits.first().map_or(ext_default, |f| f.0))
}

/// Number of fields of each non-blank record of `sample`.
fn record_widths(sample: &[u8], delimiter: u8) -> Vec<usize> {
    let mut rdr = ReaderBuilder::new().delimiter(delimiter).build();
    let mut out = vec![0u8; sample.len() + 1];
    let mut ends = vec![0usize; 1024];
    let mut widths = Vec::new();
    let mut input = sample;
    let mut fields = 0;
    loop {
        let (res, nin, _, nend) = rdr.read_record(input, &mut out, &mut ends);
        input = &input[nin..];
        fields += nend;
        match res {
            ReadRecordResult::Record => {
                widths.push(fields);
                fields = 0;
            }
            ReadRecordResult::OutputEndsFull => {
                // Wider than 1,024 fields: count on.
                ends.iter_mut().for_each(|e| *e = 0);
            }
            ReadRecordResult::End => break,
            ReadRecordResult::InputEmpty | ReadRecordResult::OutputFull => {}
        }
    }
    widths
}

/// Reads a text file into a sheet named `name`.
pub(crate) fn load(
    path: &Path,
    name: &str,
    format: &TextFormat,
    budget: &Budget,
) -> Result<SheetData, ReadError> {
    let mut f = open(path)?;
    let mut dec = decoder(format.encoding);
    let mut raw = vec![0u8; BLOCK];
    let mut out = vec![0u8; dec.max_utf8_buffer_length(BLOCK).unwrap_or(4 * BLOCK)];
    let mut p = Parser {
        path,
        rdr: ReaderBuilder::new()
            .delimiter(format.delimiter.byte())
            .build(),
        out: vec![0u8; 4096],
        len: 0,
        ends: vec![0usize; 64],
        nends: 0,
        at_start: true,
        breaks: Breaks::default(),
        start_line: 1,
        inner_breaks: 0,
        width: None,
        records: 0,
        builder: Builder::new(path, name, budget),
        delimiter: format.delimiter.byte(),
        quote: Quote::FieldStart,
    };
    loop {
        let n = read_full(&mut f, &mut raw).map_err(|e| io_error(path, &e))?;
        let last = n < raw.len();
        let mut src = &raw[..n];
        loop {
            let (res, read, written) = dec.decode_to_utf8_without_replacement(src, &mut out, last);
            p.feed(&out[..written])?;
            src = &src[read..];
            match res {
                DecoderResult::InputEmpty => break,
                DecoderResult::OutputFull => continue,
                DecoderResult::Malformed(..) => {
                    // Everything before the bad bytes went through the parser: its line count.
                    return Err(malformed(path, p.breaks.count + 1, format.encoding));
                }
            }
        }
        if last {
            break;
        }
    }
    p.finish()?;
    if p.records == 0 {
        return Err(ReadError::text_file(path, None, TextFileRefusal::NoValues));
    }
    Ok(p.builder.finish())
}

fn malformed(path: &Path, line: u64, enc: TextEncoding) -> ReadError {
    let label = enc.label();
    ReadError::text_file(path, Some(line), TextFileProblem::Malformed { label })
}

/// Splits decoded UTF-8 into records (csv-core) and records into cells.
struct Parser<'a> {
    path: &'a Path,
    rdr: Reader,
    /// The current record's field bytes, grown up to [`MAX_RECORD_BYTES`].
    out: Vec<u8>,
    len: usize,
    /// End of each field of the current record in `out`.
    ends: Vec<usize>,
    nends: usize,
    /// Between records: line breaks here are blank lines (csv-core skips them; Excel shows rows).
    at_start: bool,
    /// Line breaks in all the input consumed so far.
    breaks: Breaks,
    /// 1-based line where the current record starts.
    start_line: u64,
    /// Line breaks inside quoted fields of the records before this one.
    inner_breaks: u64,
    /// Number of fields of the first record, and its line.
    width: Option<(usize, u64)>,
    /// Records with at least one value.
    records: u64,
    builder: Builder<'a>,
    /// The delimiter, and where the quoting of the input stands (csv-core does not tell): an
    /// unclosed quote at the end of the file is refused, not read as one long value.
    delimiter: u8,
    quote: Quote,
}

/// Where a byte is, for quoting (RFC 4180 as csv-core reads it: `""` inside quotes is a quote).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quote {
    FieldStart,
    Unquoted,
    Quoted,
    /// A quote inside a quoted field: closes it, or starts `""`.
    Closing,
}

impl Quote {
    fn step(self, b: u8, delimiter: u8) -> Quote {
        let end = b == delimiter || b == b'\r' || b == b'\n';
        match self {
            Quote::FieldStart if b == b'"' => Quote::Quoted,
            Quote::FieldStart | Quote::Unquoted | Quote::Closing if end => Quote::FieldStart,
            Quote::FieldStart | Quote::Unquoted => Quote::Unquoted,
            Quote::Quoted if b == b'"' => Quote::Closing,
            Quote::Quoted => Quote::Quoted,
            Quote::Closing if b == b'"' => Quote::Quoted,
            Quote::Closing => Quote::Unquoted,
        }
    }
}

impl Parser<'_> {
    fn feed(&mut self, mut input: &[u8]) -> Result<(), ReadError> {
        while !input.is_empty() {
            if self.at_start {
                let skip = input
                    .iter()
                    .position(|&b| b != b'\r' && b != b'\n')
                    .unwrap_or(input.len());
                self.breaks.add(&input[..skip]);
                input = &input[skip..];
                if input.is_empty() {
                    return Ok(());
                }
                self.at_start = false;
                self.start_line = self.breaks.count + 1;
            }
            let (res, nin, nout, nend) = self.rdr.read_record(
                input,
                &mut self.out[self.len..],
                &mut self.ends[self.nends..],
            );
            self.breaks.add(&input[..nin]);
            for &b in &input[..nin] {
                self.quote = self.quote.step(b, self.delimiter);
            }
            input = &input[nin..];
            self.len += nout;
            self.nends += nend;
            self.step(res)?;
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<(), ReadError> {
        if self.quote == Quote::Quoted {
            return Err(ReadError::text_file(
                self.path,
                Some(self.start_line),
                TextFileRefusal::QuoteNotClosed,
            ));
        }
        loop {
            let (res, _, nout, nend) =
                self.rdr
                    .read_record(&[], &mut self.out[self.len..], &mut self.ends[self.nends..]);
            self.len += nout;
            self.nends += nend;
            if res == ReadRecordResult::End {
                return Ok(());
            }
            self.step(res)?;
        }
    }

    fn step(&mut self, res: ReadRecordResult) -> Result<(), ReadError> {
        match res {
            ReadRecordResult::InputEmpty | ReadRecordResult::End => Ok(()),
            ReadRecordResult::OutputFull => {
                if self.out.len() >= MAX_RECORD_BYTES {
                    return Err(line_too_long(self.path, self.start_line));
                }
                let new = (self.out.len() * 2).min(MAX_RECORD_BYTES);
                self.out.resize(new, 0);
                Ok(())
            }
            ReadRecordResult::OutputEndsFull => {
                if self.ends.len() > MAX_COLUMNS as usize {
                    return Err(ReadError::TooLarge {
                        path: self.path.to_path_buf(),
                        sheet: self.builder.sheet_name().to_string(),
                        cells: None,
                    });
                }
                let new = self.ends.len() * 2;
                self.ends.resize(new, 0);
                Ok(())
            }
            ReadRecordResult::Record => {
                self.record()?;
                self.len = 0;
                self.nends = 0;
                self.at_start = true;
                Ok(())
            }
        }
    }

    fn record(&mut self) -> Result<(), ReadError> {
        let line = self.start_line;
        let row = line - 1 - self.inner_breaks;
        let mut inner = Breaks::default();
        inner.add(&self.out[..self.len]);
        self.inner_breaks += inner.count;
        let fields = &self.ends[..self.nends];
        // `""` alone on a line: a blank row.
        if self.len == 0 && fields.len() <= 1 {
            return Ok(());
        }
        match self.width {
            None => self.width = Some((fields.len(), line)),
            // Fewer fields: blanks at the end of the row (Excel leaves out trailing empty fields
            // on some rows; Excel, R's read.csv and pandas read them as blanks). More fields: the
            // values would be shifted under the wrong headers (pandas refuses them too).
            Some((w, at)) if fields.len() > w => {
                let n = fields.len();
                return Err(ReadError::text_file(
                    self.path,
                    Some(line),
                    TextFileProblem::TooManyFields { n, at, w },
                ));
            }
            Some(_) => {}
        }
        if row >= u64::from(MAX_ROWS) {
            return Err(ReadError::TooLarge {
                path: self.path.to_path_buf(),
                sheet: self.builder.sheet_name().to_string(),
                cells: None,
            });
        }
        let mut begin = 0;
        let mut any = false;
        for (col, &end) in fields.iter().enumerate() {
            let bytes = &self.out[begin..end];
            begin = end;
            if bytes.is_empty() {
                continue;
            }
            // Decoded input is UTF-8 and fields are split at ASCII bytes: always valid.
            let text = String::from_utf8_lossy(bytes);
            if let Some(b) = text.bytes().find(|&b| is_binary_byte(b)) {
                return Err(not_text(self.path, line, b));
            }
            let v = match typed(&text) {
                Typed::Empty => continue,
                Typed::Num(x) => Value::Num(x),
                Typed::Bool(b) => Value::Bool(b),
                Typed::Date => Value::Date(Arc::new(text.into_owned())),
                Typed::Error => Value::Error(Arc::new(text.into_owned())),
                Typed::Text(t) => self.builder.text(&t)?,
            };
            any = true;
            self.builder.push(row as u32, col as u32, v)?;
        }
        self.records += u64::from(any);
        Ok(())
    }
}

/// A field as Excel types it when it opens a CSV file.
#[derive(Debug, PartialEq)]
enum Typed<'a> {
    Empty,
    Num(f64),
    Bool(bool),
    Date,
    Error,
    Text(Cow<'a, str>),
}

fn typed(s: &str) -> Typed<'_> {
    if s.is_empty() {
        return Typed::Empty;
    }
    // Excel's text trick: ="00123" keeps the zeros.
    if let Some(inner) = s.strip_prefix("=\"").and_then(|r| r.strip_suffix('"')) {
        return Typed::Text(if inner.contains("\"\"") {
            Cow::Owned(inner.replace("\"\"", "\""))
        } else {
            Cow::Borrowed(inner)
        });
    }
    if let Some(x) = number(s) {
        return Typed::Num(x);
    }
    if s.eq_ignore_ascii_case("true") {
        return Typed::Bool(true);
    }
    if s.eq_ignore_ascii_case("false") {
        return Typed::Bool(false);
    }
    if matches!(
        s,
        "#N/A" | "#DIV/0!" | "#VALUE!" | "#REF!" | "#NAME?" | "#NUM!" | "#NULL!"
    ) {
        return Typed::Error;
    }
    if is_date(s) || is_time(s) {
        return Typed::Date;
    }
    Typed::Text(Cow::Borrowed(s))
}

/// A plain decimal number (`4`, `-1.5`, `.5`, `2e3`); not `007` (an ID with its zeros), not
/// `1,234`, not `inf`.
fn number(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    let mut i = usize::from(matches!(b.first(), Some(b'+' | b'-')));
    let int_start = i;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    let int_digits = i - int_start;
    if int_digits > 1 && b[int_start] == b'0' {
        return None;
    }
    let mut frac_digits = 0;
    if i < b.len() && b[i] == b'.' {
        i += 1;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
            frac_digits += 1;
        }
    }
    if int_digits + frac_digits == 0 {
        return None;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
            i += 1;
        }
        let e = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == e {
            return None;
        }
    }
    if i != b.len() {
        return None;
    }
    s.parse::<f64>().ok().filter(|x| x.is_finite())
}

/// `2025/04/01`, `2025-4-1`, optionally followed by a time (`2025/04/01 9:15:32`, Google Forms'
/// `2025/04/01 9:15:32 午前 GMT+9`).
fn is_date(s: &str) -> bool {
    let (date, rest) = match s.find(' ') {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let parts: Vec<&str> = date.split(['/', '-']).collect();
    if parts.len() != 3
        || parts[0].len() != 4
        || !parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|c| c.is_ascii_digit()))
    {
        return false;
    }
    let m: u32 = parts[1].parse().unwrap_or(0);
    let d: u32 = parts[2].parse().unwrap_or(0);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return false;
    }
    match rest {
        None => true,
        Some(r) => r.split(' ').next().is_some_and(is_time),
    }
}

/// `9:15`, `09:15:32`, `9:15:32.5`.
fn is_time(s: &str) -> bool {
    let parts: Vec<&str> = s.split(':').collect();
    if !(2..=3).contains(&parts.len()) {
        return false;
    }
    let digits = |p: &str| !p.is_empty() && p.len() <= 2 && p.bytes().all(|c| c.is_ascii_digit());
    digits(parts[0])
        && digits(parts[1])
        && match parts.get(2) {
            None => true,
            Some(p) => {
                let (whole, frac) = p.split_once('.').unwrap_or((p, "0"));
                digits(whole) && !frac.is_empty() && frac.bytes().all(|c| c.is_ascii_digit())
            }
        }
}

/// One or two text files read as sheets named by their stems.
pub(crate) struct TextFiles {
    files: Vec<(PathBuf, String, TextFormat)>,
    budget: Arc<Budget>,
}

impl TextFiles {
    pub(crate) fn open(path: &Path, options: &ReadOptions) -> Result<TextFiles, ReadError> {
        if let Some(second) = &options.second_file {
            if !super::load::reads_as_text(second, options)? {
                return Err(ReadError::layout_text(
                    second,
                    crate::words::reading::ReadingWord::TwoFilesNotText,
                ));
            }
        }
        Ok(TextFiles {
            files: text_formats(path, options)?,
            budget: Arc::new(Budget::default()),
        })
    }

    pub(crate) fn sheet_names(&self) -> Vec<String> {
        self.files.iter().map(|f| f.1.clone()).collect()
    }

    pub(crate) fn load(&self, name: &str) -> Result<SheetData, ReadError> {
        let (path, name, format) =
            self.files
                .iter()
                .find(|f| f.1 == name)
                .ok_or_else(|| ReadError::Internal {
                    path: self.files[0].0.clone(),
                    detail: format!("no text file for sheet {name}"),
                })?;
        super::load::guarded(path, &format!("reading {}", path.display()), || {
            load(path, name, format, &self.budget)
        })
    }

    /// Reads two files at once, one on another thread.
    pub(crate) fn load_two(&self, a: &str, b: &str) -> Result<(SheetData, SheetData), ReadError> {
        std::thread::scope(|scope| {
            let other = scope.spawn(|| self.load(b));
            let first = self.load(a);
            let second = other.join().unwrap_or_else(|_| {
                Err(ReadError::Internal {
                    path: self.files[0].0.clone(),
                    detail: format!("reading sheet {b}: the reading thread stopped"),
                })
            });
            Ok((first?, second?))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_typed_as_excel_opens_them() {
        assert_eq!(typed("4"), Typed::Num(4.0));
        assert_eq!(typed("-1.5"), Typed::Num(-1.5));
        assert_eq!(typed(".5"), Typed::Num(0.5));
        assert_eq!(typed("2e3"), Typed::Num(2000.0));
        assert_eq!(typed("0"), Typed::Num(0.0));
        assert_eq!(typed("0.25"), Typed::Num(0.25));
        assert_eq!(typed("007"), Typed::Text("007".into()));
        assert_eq!(typed("=\"00123\""), Typed::Text("00123".into()));
        assert_eq!(typed("=\"a\"\"b\""), Typed::Text("a\"b".into()));
        assert_eq!(typed("1,234"), Typed::Text("1,234".into()));
        assert_eq!(typed("inf"), Typed::Text("inf".into()));
        assert_eq!(typed("1e999"), Typed::Text("1e999".into()));
        assert_eq!(typed(" 4"), Typed::Text(" 4".into()));
        assert_eq!(typed("TRUE"), Typed::Bool(true));
        assert_eq!(typed("false"), Typed::Bool(false));
        assert_eq!(typed("#N/A"), Typed::Error);
        assert_eq!(typed("2025/04/01"), Typed::Date);
        assert_eq!(typed("2025-04-01 09:15:32"), Typed::Date);
        assert_eq!(typed("2025/04/01 9:15:32 午前 GMT+9"), Typed::Date);
        assert_eq!(typed("9:15"), Typed::Date);
        assert_eq!(typed("2025/13/01"), Typed::Text("2025/13/01".into()));
        assert_eq!(typed("４"), Typed::Text("４".into()));
        assert_eq!(typed(""), Typed::Empty);
    }

    #[test]
    fn line_breaks_count_as_excel_counts_them() {
        let mut b = Breaks::default();
        b.add(b"a\r\nb\nc\rd\r");
        b.add(b"\ne");
        assert_eq!(b.count, 4);
    }
}
