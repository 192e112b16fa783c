//! The result workbook (rust_xlsxwriter): Results, Summary, Charts, Data, Checks and Method sheets,
//! in English or Japanese, plus the JSON output ([`json`]).
//!
//! Rules kept here: every [`Format`] is defined once (`Formats`); text from the input (item names,
//! labels, breakdown values) is written with `write_string`, never as a formula; NaN and ±Inf are
//! written explicitly as "—", "∞" and "−∞" (rust_xlsxwriter would write the string "NAN");
//! `autofit()` comes last on every sheet.
//!
//! The Data sheet can hold millions of cells: only its header and first rows go through
//! rust_xlsxwriter; the rest are written into the package when it is saved ([`ResultBook`],
//! module `data_sheet`), on a second thread while the first compresses them.

mod charts_sheet;
mod checks_sheet;
mod method_sheet;
mod results_sheet;
mod summary_sheet;
use charts_sheet::*;
use checks_sheet::*;
use method_sheet::*;
use results_sheet::*;
use summary_sheet::*;
pub mod compare_sheet;
pub mod council;
mod data_sheet;
mod equivalence_cols;
pub mod json;
mod plan_sheet;
pub mod shares;
#[cfg(test)]
mod tests;
pub mod text;
pub mod trend_sheet;

pub use data_sheet::ResultBook;
use data_sheet::{DataRows, Tail, HEAD_ROWS};

use rust_xlsxwriter::utility::worksheet_range;
use rust_xlsxwriter::{
    Chart, ChartAxisCrossing, ChartAxisLabelPosition, ChartErrorBars, ChartErrorBarsType,
    ChartFormat, ChartLegendPosition, ChartLine, ChartMarker, ChartMarkerType, ChartRange,
    ChartSolidFill, ChartType, Color, ConditionalFormatDataBar, ConditionalFormatFormula, Format,
    FormatAlign, FormatBorder, Formula, Table, TableColumn, TableStyle, Workbook, Worksheet,
    XlsxError,
};

use crate::analysis::{self, Analysis, DesignKind, TestUsed};
use crate::lang::{grouped, Lang};
use crate::stats::Alternative;
use crate::words::book::{BookLine, BookText, EffectHeader};
use crate::workbook::{NoteKind, Survey};

/// What the Method sheet says about the run.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportMeta {
    /// Input file name as given.
    pub input: String,
    /// The options, as a command line (`--test welch --adjust holm …`).
    pub options: String,
    /// `--keep-ids`: the Data and Checks sheets show respondents' IDs and unparsed text as read;
    /// by default they show input rows instead and leave personal data out.
    pub keep_ids: bool,
    /// The workbook's creation time (Unix seconds, UTC) for its document properties; `None` for
    /// now. A fixed time makes the file byte-for-byte reproducible (`SOURCE_DATE_EPOCH`).
    pub created: Option<i64>,
}

/// Why the result workbook could not be built.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReportError {
    /// rust_xlsxwriter refused something (a bug, or a limit such as too many rows).
    #[error("cannot build the result workbook: {0}")]
    Xlsx(#[from] XlsxError),
}

/// Above this many data cells the package is deflated at the fastest level.
const LARGE_DATA_CELLS: usize = 200_000;
/// Excel's last row (0-based).
const MAX_ROW: u32 = 1_048_575;

/// Sheet names in one language ([`SheetNames::of`], in `crate::words::book`).
#[derive(Debug, Clone, Copy)]
pub struct SheetNames {
    /// The one-page council sheet (first).
    pub council: &'static str,
    /// Results table.
    pub results: &'static str,
    /// Plain-language summary.
    pub summary: &'static str,
    /// Charts and their source table.
    pub charts: &'static str,
    /// Cleaned values analysed.
    pub data: &'static str,
    /// Conversions, exclusions and assumption notes.
    pub checks: &'static str,
    /// What was done.
    pub method: &'static str,
}

/// Every format used, defined once.
struct Formats {
    header: Format,
    text: Format,
    wrap: Format,
    title: Format,
    int: Format,
    num2: Format,
    num3: Format,
    p: Format,
    missing: Format,
    sig_fill: Format,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            header: Format::new()
                .set_bold()
                .set_background_color(Color::RGB(0xDDEBF7))
                .set_border_bottom(FormatBorder::Thin)
                .set_text_wrap()
                .set_align(FormatAlign::VerticalCenter),
            text: Format::new(),
            wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            title: Format::new().set_bold().set_font_size(14),
            int: Format::new().set_num_format("0"),
            num2: Format::new().set_num_format("0.00"),
            num3: Format::new().set_num_format("0.000"),
            p: Format::new().set_num_format("[<0.001]\"<.001\";0.000"),
            missing: Format::new()
                .set_align(FormatAlign::Right)
                .set_font_color(Color::Gray),
            sig_fill: Format::new()
                .set_background_color(Color::RGB(0xE2EFDA))
                .set_bold(),
        }
    }
}

/// Writes a number, or "—" / "∞" / "−∞" for non-finite values (never rust_xlsxwriter's "NAN").
fn put_num(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    v: f64,
    format: &Format,
    missing: &Format,
) -> Result<(), XlsxError> {
    if v.is_finite() {
        ws.write_number_with_format(row, col, v, format)?;
    } else {
        ws.write_string_with_format(row, col, text::num(v, 0).replace("NA", "—"), missing)?;
    }
    Ok(())
}

/// A number as a formula's cached value (`<v>` of the cell): the shortest text that reads back
/// as the same f64 (Rust's `{:?}` gives "1e-20" rather than twenty zeros).
fn cached_number(v: f64) -> String {
    format!("{v:?}")
}

/// Which number format a Results column uses.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Text,
    Int,
    Num2,
    P,
}

/// Builds the result workbook. Save it with [`ResultBook::save_to_writer`] (the CLI writes a
/// temporary file and renames it); the Data sheet's rows beyond the first 50 are written then,
/// straight into the package.
///
/// # Errors
/// [`ReportError::Xlsx`] when rust_xlsxwriter rejects the content (for example more rows than Excel
/// allows).
pub fn build_workbook<'a>(
    survey: &'a Survey,
    a: &'a Analysis,
    meta: &ReportMeta,
    lang: Lang,
) -> Result<ResultBook<'a>, ReportError> {
    build(survey, a, meta, lang, HEAD_ROWS)
}

/// Lines a caller adds to the standard sheets (three or more waves: src/report/trend_sheet.rs).
#[derive(Debug, Clone, Default)]
pub(crate) struct Extra {
    /// Under the council sheet's caveat.
    pub(crate) council: Vec<String>,
    /// At the end of the Method sheet: (heading, text).
    pub(crate) method: Vec<(String, String)>,
}

/// [`build_workbook`] with `head_rows` Data rows written through rust_xlsxwriter.
fn build<'a>(
    survey: &'a Survey,
    a: &'a Analysis,
    meta: &ReportMeta,
    lang: Lang,
    head_rows: usize,
) -> Result<ResultBook<'a>, ReportError> {
    build_with(survey, a, meta, lang, head_rows, &Extra::default())
}

/// [`build`] with `extra` lines on the council and Method sheets.
fn build_with<'a>(
    survey: &'a Survey,
    a: &'a Analysis,
    meta: &ReportMeta,
    lang: Lang,
    head_rows: usize,
    extra: &Extra,
) -> Result<ResultBook<'a>, ReportError> {
    let names = SheetNames::of(lang);
    let f = Formats::new();
    let mut wb = Workbook::new();
    if let Some(t) = meta.created {
        let when = rust_xlsxwriter::ExcelDateTime::from_timestamp(t)?;
        wb.set_properties(&rust_xlsxwriter::DocProperties::new().set_creation_datetime(&when));
    }
    let data_cells = (survey.first.ids.len() + survey.second.ids.len()) * survey.items.len();
    let level = if data_cells > LARGE_DATA_CELLS {
        // Large Data sheet: fastest deflate level (the file grows by ~1/3, saving takes half the time).
        wb.set_zip_compression_level(1);
        Some(1)
    } else {
        None
    };
    add_sheets(&mut wb, &names, a, lang)?;
    let layout = data_layout(survey, a, meta.keep_ids);
    let book = Book {
        survey,
        a,
        names: &names,
        f: &f,
        lang,
    };
    write_council_and_compare(&mut wb, &book, extra)?;
    let last_col = write_analyst_sheets(&mut wb, &book, &layout, meta, head_rows, extra)?;
    let rows = DataRows::new(survey, a, &layout, lang);
    let tail = (rows.len() > head_rows).then(|| Tail {
        rows,
        start: head_rows,
        // rust_xlsxwriter names worksheet parts by position: the Data sheet is the fifth (the
        // sixth after a comparison sheet).
        part: format!(
            "xl/worksheets/sheet{}.xml",
            5 + usize::from(a.compare.is_some())
        ),
        level,
        last_col,
    });
    Ok(ResultBook { workbook: wb, tail })
}

/// What every sheet writer of [`build_with`] is given.
struct Book<'b> {
    survey: &'b Survey,
    a: &'b Analysis,
    names: &'b SheetNames,
    f: &'b Formats,
    lang: Lang,
}

/// The sheets in their order; with `--compare` the comparison sheet right after the council
/// sheet.
fn add_sheets(
    wb: &mut Workbook,
    names: &SheetNames,
    a: &Analysis,
    lang: Lang,
) -> Result<(), XlsxError> {
    for name in [
        names.council,
        names.results,
        names.summary,
        names.charts,
        names.data,
        names.checks,
        names.method,
    ] {
        wb.add_worksheet().set_name(name)?;
        if name == names.council && a.compare.is_some() {
            wb.add_worksheet()
                .set_name(compare_sheet::sheet_name(lang))?;
        }
    }
    Ok(())
}

/// The council sheet, with its lines under the table (breakdown, shares, family, withheld
/// groups, the caller's and the comparison's), and the comparison sheet.
fn write_council_and_compare(
    wb: &mut Workbook,
    book: &Book<'_>,
    extra: &Extra,
) -> Result<(), XlsxError> {
    let Book {
        survey,
        a,
        names,
        f,
        lang,
    } = *book;
    let by = survey.by_column.as_deref();
    let breakdown: Vec<String> = by
        .map(|by| BookLine::WholeSample { by }.text(lang))
        .into_iter()
        .chain(shares::council_foot(a, lang))
        .chain(text::family_text(a, by, lang))
        .chain(text::withheld_text(a, by, lang))
        .chain(extra.council.iter().cloned())
        .chain(
            a.compare
                .iter()
                .flat_map(|c| compare_sheet::council_lines(a, c, lang)),
        )
        .collect();
    council::write_council(
        wb.worksheet_from_name(names.council)?,
        survey,
        a,
        f,
        &breakdown,
        lang,
    )?;
    if let Some(c) = &a.compare {
        compare_sheet::write(
            wb.worksheet_from_name(compare_sheet::sheet_name(lang))?,
            a,
            c,
            f,
            lang,
        )?;
    }
    Ok(())
}

/// The analyst's sheets after the council sheet: Results, Summary, Charts, Data (its first
/// `head_rows` rows), Checks and Method. Returns the Data sheet's last column.
fn write_analyst_sheets(
    wb: &mut Workbook,
    book: &Book<'_>,
    layout: &DataLayout,
    meta: &ReportMeta,
    head_rows: usize,
    extra: &Extra,
) -> Result<u16, XlsxError> {
    let Book {
        survey,
        a,
        names,
        f,
        lang,
    } = *book;
    write_results(
        wb.worksheet_from_name(names.results)?,
        survey,
        a,
        layout,
        names,
        f,
        lang,
    )?;
    write_summary(
        wb.worksheet_from_name(names.summary)?,
        a,
        survey.by_column.as_deref(),
        f,
        lang,
        council::is_change(survey, a),
    )?;
    write_charts(
        wb.worksheet_from_name(names.charts)?,
        survey,
        a,
        names,
        f,
        lang,
    )?;
    let last_col = write_data(
        wb.worksheet_from_name(names.data)?,
        survey,
        a,
        layout,
        f,
        lang,
        head_rows,
    )?;
    write_checks(
        wb.worksheet_from_name(names.checks)?,
        survey,
        a,
        f,
        meta.keep_ids,
        lang,
    )?;
    write_method(
        wb.worksheet_from_name(names.method)?,
        survey,
        a,
        meta,
        f,
        lang,
        &extra.method,
    )?;
    Ok(last_col)
}

/// Where each analysed value sits on the Data sheet.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DataLayout {
    /// Columns before the item columns.
    lead: u16,
    /// Paired: two columns per item (first, second); independent: one column per item.
    paired: bool,
    /// Number of rows of the first condition (independent layout: the second condition follows).
    n_first: u32,
    /// `--keep-ids`: one ID column; otherwise the input row(s) (two columns when paired).
    ids: bool,
}

impl DataLayout {
    fn col(&self, item: usize, side: usize) -> u16 {
        if self.paired {
            self.lead + (2 * item + side) as u16
        } else {
            self.lead + item as u16
        }
    }

    /// 0-based sheet row of sorted position `pos` of condition `side`.
    fn row(&self, side: usize, pos: usize) -> u32 {
        if self.paired || side == 0 {
            pos as u32 + 1
        } else {
            self.n_first + pos as u32 + 1
        }
    }
}

fn data_layout(survey: &Survey, a: &Analysis, keep_ids: bool) -> DataLayout {
    let paired = a.design == DesignKind::Paired;
    let by = u16::from(survey.by_column.is_some());
    // Condition (independent) + respondent columns (ID, or the input row per sheet) + breakdown.
    let respondent = if paired && !keep_ids { 2 } else { 1 };
    DataLayout {
        lead: u16::from(!paired) + respondent + by,
        paired,
        n_first: a.order_first.len() as u32,
        ids: keep_ids,
    }
}

fn effect_header(test: TestUsed, lang: Lang) -> &'static str {
    match test {
        TestUsed::Paired | TestUsed::Wilcoxon => EffectHeader::Dz,
        TestUsed::Student => EffectHeader::Pooled,
        TestUsed::Welch | TestUsed::MannWhitney => EffectHeader::AverageVariance,
    }
    .get(lang)
}

fn excel_ttest_type(a: &Analysis) -> Option<u8> {
    if a.options.alternative != Alternative::TwoSided {
        return None;
    }
    match a.test {
        TestUsed::Paired => Some(1),
        TestUsed::Student => Some(2),
        TestUsed::Welch => Some(3),
        _ => None,
    }
}

/// Display width of `text` in Excel column units (one unit ≈ the width of a digit in the default
/// font): full-width characters (kanji, kana, full-width forms) take about two units. rust_xlsxwriter's
/// `autofit()` counts every non-ASCII character as 8 pixels (about one unit), which cuts Japanese
/// item names in half; [`widen_for_text`] corrects the columns that hold them.
fn text_units(text: &str) -> f64 {
    text.lines()
        .map(|line| {
            line.chars()
                .map(|c| match u32::from(c) {
                    0x1100..=0x115F
                    | 0x2E80..=0x303E
                    | 0x3041..=0x33FF
                    | 0x3400..=0x4DBF
                    | 0x4E00..=0x9FFF
                    | 0xA000..=0xA4CF
                    | 0xAC00..=0xD7A3
                    | 0xF900..=0xFAFF
                    | 0xFE30..=0xFE4F
                    | 0xFF00..=0xFF60
                    | 0xFFE0..=0xFFE6
                    | 0x20000..=0x3FFFD => 2.0,
                    _ => 1.1,
                })
                .sum::<f64>()
        })
        .fold(0.0, f64::max)
}

/// Sets column `col` wide enough for the longest of `texts` (plus padding), at most `cap` units.
/// Call after `autofit()`, which it overrides for that column.
fn widen_for_text<'a>(
    ws: &mut Worksheet,
    col: u16,
    texts: impl IntoIterator<Item = &'a str>,
    cap: f64,
) -> Result<(), XlsxError> {
    let widest = texts.into_iter().map(text_units).fold(0.0, f64::max);
    if widest > 0.0 {
        ws.set_column_width(col, (widest + 2.0).min(cap))?;
    }
    Ok(())
}

/// How a sheet is laid out on paper.
enum Print {
    /// Every column on one page width (the sheet is narrow enough to stay legible).
    FitWidth { landscape: bool },
    /// A wide table fitted to the width of `pages_wide` landscape pages, with its header row and the
    /// columns up to `label_cols_to` (item names) repeated on every page, as Excel's "Print Titles"
    /// do (they take effect again when a reader turns fitting off to print at full size). One page
    /// wide made the 40-odd columns of the Results sheet too small to read.
    Titles { label_cols_to: u16, pages_wide: u16 },
}

/// Page setup: A4, the layout of [`Print`], "sheet name … page n / N" in the footer, so that a
/// printed copy for a council meeting reads like the screen.
fn print_setup(ws: &mut Worksheet, print: Print) -> Result<(), XlsxError> {
    ws.set_paper_size(9);
    match print {
        Print::FitWidth { landscape } => {
            if landscape {
                ws.set_landscape();
            }
            ws.set_print_fit_to_pages(1, 0);
        }
        Print::Titles {
            label_cols_to,
            pages_wide,
        } => {
            ws.set_landscape();
            ws.set_print_fit_to_pages(pages_wide, 0);
            ws.set_repeat_rows(0, 0)?;
            ws.set_repeat_columns(0, label_cols_to)?;
        }
    }
    ws.set_footer("&L&A&R&P / &N");
    Ok(())
}

/// Widest a Results column becomes from `autofit()`, in pixels (about 13 digits); the item and
/// notes columns are set separately by [`widen_for_text`].
const RESULTS_MAX_AUTOFIT_PX: u32 = 96;

/// The Checks sheet's columns that wrap, with their widest width in character units: cells,
/// item, what happened, original value.
const CHECKS_WRAPPED: &[(u16, f64)] = &[(2, 24.0), (3, 32.0), (4, 60.0), (5, 40.0)];

/// Printed width of `text` for wrapping estimates: as [`text_units`], with ASCII at 0.92 (Calibri's
/// letters and spaces are narrower than its digits, the unit of column widths), so that a row
/// that prints on one line is not given the height of two.
fn print_units(text: &str) -> f64 {
    let mut buf = [0u8; 4];
    text.lines()
        .map(|line| {
            line.chars()
                .map(|c| {
                    if c.is_ascii() {
                        0.92
                    } else {
                        text_units(c.encode_utf8(&mut buf))
                    }
                })
                .sum::<f64>()
        })
        .fold(0.0, f64::max)
}

/// Width of the Method sheet's text column, in character units.
const METHOD_WIDTH: f64 = 100.0;

/// Column width of the Summary sheet, in character units.
const SUMMARY_WIDTH: f64 = 100.0;

/// Writes wrapped text and sets the row height for the lines it needs (spreadsheet applications
/// do not all grow rows for wrapped text on load). Full-width characters count as two units.
fn put_wrapped(ws: &mut Worksheet, row: u32, text: &str, f: &Formats) -> Result<(), XlsxError> {
    let units: f64 = text
        .chars()
        .map(|c| if c.is_ascii() { 1.0 } else { 2.0 })
        .sum();
    let lines = (units / (SUMMARY_WIDTH - 4.0)).ceil().max(1.0);
    ws.write_string_with_format(row, 0, text, &f.wrap)?;
    ws.set_row_height(row, 15.0 * lines + 3.0)?;
    Ok(())
}

/// Short codes of the items for chart labels ("Q1", "Q2", …, in item order), and the number
/// format that shows a tick position k as its code. "#1", "#2", … when an item's own name already
/// starts with a different Q-number (items chosen with --items), so a code never contradicts it.
fn item_codes(items: &[&str]) -> (&'static str, Vec<String>) {
    let clash = items.iter().enumerate().any(|(i, name)| {
        let rest = name.strip_prefix('Q').or_else(|| name.strip_prefix('Ｑ'));
        let digits: String = rest
            .unwrap_or_default()
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        !digits.is_empty() && digits != (i + 1).to_string()
    });
    let prefix = if clash { "#" } else { "Q" };
    let codes = (1..=items.len()).map(|k| format!("{prefix}{k}")).collect();
    (prefix, codes)
}

/// Answer scales a means axis snaps to, as the reader's out-of-scale check knows them.
const SCALES: [(f64, f64); 3] = [(1.0, 5.0), (1.0, 7.0), (0.0, 10.0)];

/// The range a means axis spans: the first of 1–5, 1–7 and 0–10 that holds every answer and
/// every confidence limit of a mean; otherwise the whole numbers around them. `None` without
/// values.
fn scale_range(survey: &Survey, a: &Analysis) -> Option<(f64, f64)> {
    let values = [&survey.first, &survey.second]
        .into_iter()
        .flat_map(|g| g.values.iter().flatten())
        .copied()
        .filter(|v| v.is_finite());
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    if !lo.is_finite() {
        return None;
    }
    let limits = a.blocks[0]
        .items
        .iter()
        .flat_map(|it| [it.mean_ci_1, it.mean_ci_2])
        .flatten()
        .flat_map(|(l, h)| [l, h])
        .filter(|v| v.is_finite());
    let (lo, hi) = limits.fold((lo, hi), |(lo, hi), v| (lo.min(v), hi.max(v)));
    if let Some(&scale) = SCALES.iter().find(|(a, b)| *a <= lo && hi <= *b) {
        return Some(scale);
    }
    let lo = lo.floor();
    Some((lo, hi.ceil().max(lo + 1.0)))
}

/// Marker colours of the first and second condition (blue and orange: told apart in grey print
/// and by colour-blind readers, with different marker shapes as well).
const SERIES_COLORS: [Color; 2] = [Color::RGB(0x1F4E79), Color::RGB(0xC55A11)];

/// Height in rows (20 px each) that a chart of `px` pixels covers, plus one row of space.
fn rows_for(px: u32) -> u32 {
    px.div_ceil(20) + 1
}

/// Writes the Data sheet's header and its first `head_rows` rows; returns the last column.
#[allow(clippy::too_many_arguments)]
fn write_data(
    ws: &mut Worksheet,
    survey: &Survey,
    a: &Analysis,
    layout: &DataLayout,
    f: &Formats,
    lang: Lang,
    head_rows: usize,
) -> Result<u16, XlsxError> {
    let mut c = 0u16;
    if !layout.paired {
        ws.write_string_with_format(0, c, BookText::Condition.get(lang), &f.header)?;
        c += 1;
    }
    let row_in = |sheet: &str| BookLine::RowIn { sheet }.text(lang);
    let respondent: Vec<String> = if layout.ids {
        vec![survey
            .id_column
            .clone()
            .unwrap_or_else(|| BookText::Row.get(lang).to_string())]
    } else if layout.paired {
        let (s1, s2) = (&survey.first.sheet, &survey.second.sheet);
        if s1 == s2 {
            // One sheet with a group column: the rows of the two conditions.
            a.labels
                .iter()
                .map(|label| BookLine::RowInLabel { sheet: s1, label }.text(lang))
                .collect()
        } else {
            vec![row_in(s1), row_in(s2)]
        }
    } else {
        vec![BookText::RowInConditionSheet.get(lang).to_string()]
    };
    let mut last_col = c;
    for h in &respondent {
        ws.write_string_with_format(0, c, h, &f.header)?;
        last_col = c;
        c += 1;
    }
    if let Some(by) = &survey.by_column {
        ws.write_string_with_format(0, c, by, &f.header)?;
        last_col = c;
    }
    for (k, item) in survey.items.iter().enumerate() {
        if layout.paired {
            for side in 0..2 {
                ws.write_string_with_format(
                    0,
                    layout.col(k, side),
                    format!("{item} [{}]", a.labels[side]),
                    &f.header,
                )?;
            }
            last_col = layout.col(k, 1);
        } else {
            ws.write_string_with_format(0, layout.col(k, 0), item, &f.header)?;
            last_col = layout.col(k, 0);
        }
    }
    let rows = DataRows::new(survey, a, layout, lang);
    rows.write_head(ws, rows.len().min(head_rows))?;
    ws.set_freeze_panes(1, 0)?;
    ws.autofit();
    ws.set_repeat_rows(0, 0)?;
    print_setup(ws, Print::FitWidth { landscape: true })?;
    Ok(last_col)
}

/// Cells named on a row of the Checks sheet's mapping table before "…".
const MAPPING_CELLS: usize = 5;

/// Longest unparsed text of an item cell copied to the Checks sheet without `--keep-ids`
/// (「わからない」, "N/A", "4点"); longer text may be a comment naming people, and is not copied.
const SHORT_TEXT_CHARS: usize = 20;

/// The original content of a noted cell as the Checks sheet shows it: IDs (a respondent's staff
/// number or e-mail address) and long free text only with `--keep-ids`.
fn shown_original(
    note: &crate::workbook::Note,
    keep_ids: bool,
    a: &Analysis,
    lang: Lang,
) -> String {
    if keep_ids {
        return note.original.clone();
    }
    match note.kind {
        // "first → second" department of someone who moved: a department withheld by
        // --min-group is not named beside a person's row.
        NoteKind::ByChanged if !a.withheld.is_empty() => note
            .original
            .split(" → ")
            .map(|by| {
                if a.is_withheld(by) {
                    BookText::Withheld.get(lang)
                } else {
                    by
                }
            })
            .collect::<Vec<_>>()
            .join(" → "),
        NoteKind::UnmatchedId => BookText::IdNotShown.get(lang).to_string(),
        _ if note.original.chars().count() > SHORT_TEXT_CHARS => BookLine::LongText {
            chars: note.original.chars().count(),
        }
        .text(lang),
        _ => note.original.clone(),
    }
}
