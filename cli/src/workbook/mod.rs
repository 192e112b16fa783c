//! Reading survey workbooks (.xlsx, .xlsm, .xls, .ods) with calamine, and survey data saved as
//! text (.csv, .tsv, .txt: src/workbook/csv.rs, which builds the same cell grid), into a [`Survey`]: layout
//! detection (two sheets or a group column), header row, ID pairing, item columns and messy-cell
//! cleaning, every conversion recorded as a [`Note`] with its cell address.
//!
//! # What is guessed (every guess has an option in [`ReadOptions`])
//!
//! * **Format** from the file's first bytes, not only its extension (a renamed .xls opens). A
//!   `.csv`/`.tsv`/`.txt` file is text: its encoding and delimiter are found from the bytes
//!   (`encoding`, `delimiter`), it becomes one sheet named by the file's stem, and two such files
//!   (`second_file`) are the two sheets, first then second.
//! * **Layout**, in this order: the two sheets named by `sheets`; the column named by `group`;
//!   two sheets with (at least 80 %) the same item headers, in time order (years, 令和/R eras,
//!   rounds, months, before/after words in their names; else workbook order), or two sheets whose
//!   names say before/after; one sheet whose columns come in before/after pairs (事前_Q1 /
//!   事後_Q1: paired within rows, src/workbook/wide.rs; `wide` states the marks); one sheet with
//!   the only column holding exactly two values (values in time order as above). Three or more
//!   sheets with the same item headers, or two or more candidate group columns, are refused with
//!   [`ReadError::Layout`] naming each candidate; [`read_survey_or_waves`] instead takes three or
//!   more such sheets as the waves of a yearly survey when their names order them in time
//!   (src/workbook/waves.rs).
//! * **Header row**: the first of the first 30 non-empty rows whose text cells number at least
//!   half the widest of those rows (and two or more), so merged title and note rows above the
//!   header are skipped.
//! * **Summary rows** (合計, 平均, Total, … in any label cell, or numbers that all equal the
//!   SUM/AVERAGE/STDEV/VAR of their columns above) are taken out before anything else is judged:
//!   [`NoteKind::SummaryRow`].
//! * **ID column**: headers such as ID, 職員番号, 社員番号, 回答者ID, 受講者番号, respondent. In a
//!   Microsoft/Google Forms export (a 開始時刻/タイムスタンプ/timestamp column) the e-mail column
//!   is used instead and Forms' own `ID` (a response number) is ignored. An ID counting 1, 2, 3,
//!   … in each sheet is a running number, not a person (unless its header names one, such as
//!   職員番号). Leading zeros are dropped against a side that stores numbers. Rows pair when at
//!   least half of the smaller side pairs (fewer is refused, none means independent groups);
//!   IDs on one side only become [`NoteKind::UnmatchedId`] (two sheets) or
//!   [`NoteKind::UnmatchedIdInGroup`] (one sheet) notes, a repeated ID is
//!   [`ReadError::DuplicateId`]. `no_id` pairs no one.
//!
//! Every decision is recorded with its evidence in the [`ReadPlan`] on [`Survey::plan`].
//!
//! The reading step, module by module: `header` (header row, the [`Survey`]'s tables),
//! `columns` (ID / group / breakdown / item / ignored columns), `rows` (respondent and summary
//! rows), `pairing` (ID matching), `time` (time order), `plan` (the decisions), `layout` (the
//! order of the decisions and the assembly), `limits` (what a workbook may hold), `load`,
//! `xls_scan`, `ods_scan` (opening files safely), `clean` (cell values to scores).
//! * **Items**: every column whose non-empty cells are mostly scores (numbers, numbers as text,
//!   full-width digits, Likert labels) and that is not the ID, group or breakdown column, Forms
//!   metadata (timestamps, e-mail, name), a date, total or average column, or a running number
//!   (番号, No, or ten or more rows counting up by one). With two sheets, items are matched by
//!   header; an item in one sheet only is a [`NoteKind::ItemInOneSheet`] note. Then
//!   (src/workbook/items.rs) a number column whose short header names a quantity, that is the
//!   row sum or mean of the other items, or whose values are not integers within 0–10 is left
//!   out with a `NotAnItem…` note (`items` forces columns in); none left: "not a survey".
//! * **Answer labels** (src/workbook/scale.rs): each item's labels are scored on the scale their
//!   family and levels make, listed in [`Survey::scales`]; labels that cannot be scored with
//!   certainty are a [`ReadError::Layout`] with a `--scale` line. Numbers with a unit (4点, 80%,
//!   3人) are read per column ([`NoteKind::UnitRemoved`]).
//! * **Scale**, item by item: when all but one in twenty (at least one) of an item's values are
//!   integers within 1–5 (or 1–7, or 0–10, or the `scale` mapping's range), the values outside
//!   are kept with a [`NoteKind::OutOfScale`] warning. Items without such a scale (ages,
//!   amounts) are not checked.
//!
//! # What is left out (src/workbook/load.rs, src/workbook/xlsx_scan.rs)
//!
//! * Hidden rows, rows an AutoFilter filtered out and hidden columns (.xlsx/.xlsm from the sheet
//!   XML; .xls, .xlsb and .ods from their pre-scans, src/workbook/hidden.rs)
//!   ([`NoteKind::HiddenRow`], [`NoteKind::FilteredRow`], [`NoteKind::HiddenColumn`]) unless
//!   [`ReadOptions::include_hidden`]; a Table's totals row and rows with a `SUBTOTAL`/`AGGREGATE`
//!   formula ([`NoteKind::TableTotalsRow`], [`NoteKind::SubtotalRow`]) always; with one Table on a
//!   sheet, cells outside it ([`NoteKind::OutsideTable`]). Hidden sheets are not candidates unless
//!   named ([`NoteKind::HiddenSheet`]). Each is a note in front of the survey's notes.
//!
//! # Limits
//!
//! At most [`MAX_CELLS`] non-empty cells (20 million) and [`MAX_TEXT_BYTES`] of text
//! (512 MiB) are read from one workbook, and no cell beyond Excel's own [`MAX_ROWS`] ×
//! [`MAX_COLUMNS`]. `.xlsx` sheets are streamed cell by cell, so a huge *declared* size costs
//! nothing (calamine's `worksheet_range` would allocate the whole rectangle: 512 GiB for one cell
//! at XFD1048576), and a string shared by many cells is stored once. Before calamine opens an
//! .xlsx, the shared-string table is checked (declared count at most [`MAX_CELLS`], size at most
//! 1 GiB), because calamine reserves memory for what it declares. calamine expands an .ods
//! file's repeated rows and columns for every sheet when it opens it, so `content.xml` is first
//! scanned as a stream (src/workbook/ods_scan.rs) and the file refused with
//! [`ReadError::Expands`] when calamine would hold more than [`MAX_CELLS`] cells (empty cells
//! inside a sheet's used rectangle included) or [`MAX_TEXT_BYTES`] of text; the scan also bounds
//! `content.xml` (4 GiB uncompressed), the size of one XML element (16 MiB) and the nesting
//! depth (1,000), and stops a truncated `content.xml` on which calamine would loop forever. A
//! The .xlsx XML parts are streamed by src/workbook/xlsx_scan.rs, which refuses
//! ([`ReadError::Damaged`], naming the part) any text run, tag, comment, processing
//! instruction or CDATA over [`MAX_XML_RUN`], an element name over [`MAX_XML_NAME`] or a
//! part over [`MAX_XML_PART_BYTES`], so calamine's XML buffer stays bounded when it opens the
//! workbook; a sheet's cells are read in that same pass (src/workbook/xlsx_cells.rs, decoding
//! them as calamine 0.38 does), so each sheet is inflated once; an .xlsb is walked
//! record by record (src/workbook/xlsb_scan.rs). A
//! larger workbook gives [`ReadError::TooLarge`], [`ReadError::Expands`] or
//! [`ReadError::Workbook`], not an out-of-memory abort. A panic inside the parser is caught and
//! reported as [`ReadError::Internal`] naming the file.
//!
//! calamine parses every sheet of an .xls file while it opens it, reserving memory for what the
//! file declares (DIMENSIONS records) and building a dense range over each sheet's used area. So
//! an .xls is first walked the way calamine walks it — its compound-file sectors and BIFF records
//! — and refused with [`ReadError::Declared`] when calamine would hold more than [`MAX_CELLS`]
//! cells (declared or in the sheets' used ranges, all sheets together) or more than
//! [`MAX_TEXT_BYTES`] of shared strings copied into cells or of formula text, and with
//! [`ReadError::Damaged`] when its sector structure would make calamine loop or allocate beyond
//! the file's size (a sector chain that loops, a sector table longer than the file) or its
//! formulas would take minutes to decode. A genuine .xls sheet (at most 65,536 × 256 cells) is
//! never refused for its declared size.
//!
//! The data model below is shared with the analysis and report modules: add, never remove or
//! rename. (One exception, for memory: `Group::cells`, one address `String` per value — 340 MB
//! on the 100,000 × 40 × 2 benchmark — became [`Group::sheet`], [`Group::columns`] and
//! [`Group::rows`], with [`Group::cell`] building an address on demand.)

use std::path::{Path, PathBuf};

use crate::lang::Lang;
use crate::words::reader::NoteText;
use crate::words::reading::LayoutRefusal;

mod address;
mod clean;
mod columns;
pub mod csv;
mod header;
mod hidden;
mod items;
mod layout;
mod limits;
mod load;
pub use load::caught_by_reader;
pub(crate) use load::format_number;
mod ods_scan;
mod pairing;
mod plan;
mod rows;
mod scale;
mod time;
pub use time::TimeReading;
pub mod waves;
mod wide;
mod xls_scan;
mod xlsb_scan;
mod xlsx_cells;
pub use xlsx_cells::TextProblem;
mod xlsx_scan;

pub use crate::words::reader::{DeclaredWhat, ExpandsWhat};
pub use csv::{Delimiter, TextEncoding, TextFormat, MAX_RECORD_BYTES};
pub(crate) use items::NotItem;
pub use limits::{MAX_CELLS, MAX_COLUMNS, MAX_ROWS, MAX_SHARED_STRINGS_BYTES, MAX_TEXT_BYTES};
pub use plan::{PlanEntry, PlanTopic, ReadPlan};
pub(crate) use scale::ScaleProblem;
pub use scale::{ItemScale, ScaleLabel, ScaleSource};
pub use xlsb_scan::MAX_XLSB_RECORD;
pub use xlsx_scan::{MAX_XML_NAME, MAX_XML_PART_BYTES, MAX_XML_RUN};

/// What the user told us on the command line; `None` means "guess".
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReadOptions {
    /// `--sheets 事前,事後`: the two sheets, first then second.
    pub sheets: Option<(String, String)>,
    /// `--id 職員番号`: the column that identifies a respondent.
    pub id: Option<String>,
    /// `--group 時期`: one sheet with a column of exactly two values.
    pub group: Option<String>,
    /// `--levels 事前,事後`: order of the two group values.
    pub levels: Option<(String, String)>,
    /// `--by 所属`: breakdown column.
    pub by: Option<String>,
    /// `by` is the `--compare` column (read as the breakdown column): errors name `--compare`.
    pub by_is_compare: bool,
    /// `--items`: names, column letters or ranges such as `C:V`, comma separated.
    pub items: Option<String>,
    /// `--header-row N` (1-based).
    pub header_row: Option<u32>,
    /// `--scale "とてもそう思う=5,そう思う=4,..."`: a Likert label mapping.
    pub scale: Option<String>,
    /// `--sheet NAME` for the group-column layout (default: the first sheet with the group column).
    pub sheet: Option<String>,
    /// `--no-id` (also set by an independent `--test`): do not pair by ID; every respondent of
    /// each condition is analysed.
    pub no_id: bool,
    /// `analyze before.csv after.csv`: the second text file. The two files are the two sheets,
    /// named by their stems, first then second.
    pub second_file: Option<PathBuf>,
    /// `--encoding`: the text files' encoding (found from the bytes otherwise).
    pub encoding: Option<TextEncoding>,
    /// `--delimiter`: the text files' delimiter (found from the file otherwise).
    pub delimiter: Option<Delimiter>,
    /// `--include-hidden`: also read hidden rows, rows filtered out by an AutoFilter and hidden
    /// columns (by default they are left out and listed as notes). Hidden sheets are used only
    /// when named in `sheets` or `sheet`, with or without this.
    pub include_hidden: bool,
    /// `--sheets A,B,C` (three or more): the sheets of the waves, earliest first (hidden
    /// sheets may be named). Read with [`read_survey_or_waves`].
    pub wave_sheets: Option<Vec<String>>,
    /// `--levels A,B,C` (three or more) with `--group`: the values of the group column that are
    /// the waves, earliest first.
    pub wave_levels: Option<Vec<String>>,
    /// With `group` and `levels`: the column may hold other values, whose rows are left out (one
    /// comparison of two waves of a group column, src/workbook/waves.rs).
    pub only_levels: bool,
    /// `--wide 事前_,事後_`: one sheet whose columns come in before/after pairs, marked by these
    /// texts at the start or the end of the header (found from the built-in marks otherwise).
    pub wide: Option<(String, String)>,
}

/// How the workbook was laid out.
#[derive(Debug, Clone, PartialEq)]
pub enum Layout {
    /// Two sheets, before and after.
    TwoSheets {
        /// Name of the first (before) sheet.
        first: String,
        /// Name of the second (after) sheet.
        second: String,
    },
    /// One sheet with a group column of exactly two values.
    GroupColumn {
        /// Sheet name.
        sheet: String,
        /// Header of the group column.
        column: String,
    },
    /// One sheet whose columns come in before/after pairs (事前_Q1 / 事後_Q1): each row is one
    /// respondent, paired within the row.
    WidePairs {
        /// Sheet name.
        sheet: String,
        /// (before header, after header) of each item, in item order.
        pairs: Vec<(String, String)>,
    },
}

/// The rows of one condition (before or after, or group 1 or 2).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Group {
    /// Respondent ID per row (`None` when there is no ID column or the cell is blank).
    pub ids: Vec<Option<String>>,
    /// Breakdown value per row (`--by`); empty when there is no breakdown.
    pub by: Vec<Option<String>>,
    /// `values[item][row]`, NaN = missing. Every inner vector has `ids.len()` entries.
    pub values: Vec<Vec<f64>>,
    /// Name of the sheet the rows were read from (as in the workbook, unquoted).
    pub sheet: String,
    /// Column of each item in `sheet`, numbered as Excel's `COLUMN()` does (A = 1, D = 4):
    /// `columns[item]`, one entry per inner vector of `values`.
    pub columns: Vec<u32>,
    /// Sheet row of each respondent, numbered as Excel shows it (1-based): `rows[row]`, one entry
    /// per entry of `ids`. The value `values[item][row]` was read from cell
    /// (`rows[row]`, `columns[item]`); [`Group::cell`] gives its A1 address.
    pub rows: Vec<u32>,
}

impl Group {
    /// A1 address of `values[item][row]` including the sheet, e.g. `"事前!D7"`, or
    /// `"'Sheet 1'!D7"` when the sheet name needs quoting in a formula. Built on demand: a group
    /// stores only the sheet name, one column per item and one row number per respondent.
    ///
    /// # Panics
    ///
    /// When `item` or `row` is out of range (like indexing `values[item][row]`).
    pub fn cell(&self, item: usize, row: usize) -> String {
        format!(
            "{}!{}",
            address::sheet_ref(&self.sheet),
            self.address(item, row)
        )
    }

    /// A1 address of `values[item][row]` without the sheet, e.g. `"D7"`.
    ///
    /// # Panics
    ///
    /// When `item` or `row` is out of range (like indexing `values[item][row]`).
    pub fn address(&self, item: usize, row: usize) -> String {
        format!(
            "{}{}",
            address::col_letters(self.columns[item].saturating_sub(1)),
            self.rows[row]
        )
    }
}

/// One recorded conversion or exclusion. Nothing is changed silently.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    /// Sheet name.
    pub sheet: String,
    /// A1 address (`"D7"`), or a row reference such as `"12"` for row-level notes.
    pub cell: String,
    /// Item (column header) concerned, if any.
    pub item: Option<String>,
    /// What happened.
    pub kind: NoteKind,
    /// The original cell content as text.
    pub original: String,
    /// The number used, if the cell was converted to one.
    pub value: Option<f64>,
}

/// Kinds of conversions and exclusions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum NoteKind {
    /// Empty cell → missing.
    Blank,
    /// 「無回答」, "N/A", "-", … → missing.
    NoAnswer,
    /// Other text that is not a number → missing.
    Text,
    /// Full-width digits (「４」) → number.
    FullWidthDigits,
    /// Number stored as text ("4") → number.
    NumberAsText,
    /// Likert label (とてもそう思う, Strongly agree, …) → score.
    LikertLabel,
    /// Error cell (#N/A, #DIV/0!) → missing, with a warning.
    ErrorCell,
    /// Date/time in an item column → missing, with a warning.
    Date,
    /// Boolean in an item column → missing, with a warning.
    Boolean,
    /// Value outside the scale seen elsewhere (e.g. 9 on a 1–5 scale) — kept, with a warning.
    OutOfScale,
    /// ID present in only one sheet → row excluded from the paired test.
    UnmatchedId,
    /// Row without an ID in a paired layout → excluded.
    MissingId,
    /// Row without a value in the group column (group-column layout) → excluded.
    MissingGroup,
    /// An item column found in only one of the two sheets → not analysed. `cell` is its header.
    ItemInOneSheet,
    /// Paired data: the breakdown value (`--by`, e.g. 所属) of a respondent differs between the
    /// sheets (someone moved department). The first sheet's value is used; `original` is
    /// `"first → second"` and `cell` the second sheet's cell.
    ByChanged,
    /// A summary row (合計, 平均, Total, … in a label cell, or formulas aggregating the column):
    /// not a respondent, left out. `original` is the label or formula.
    SummaryRow,
    /// Group-column layout: ID found in only one of the two groups → row excluded from the
    /// paired test.
    UnmatchedIdInGroup,
    /// A row the author hid (.xlsx/.xlsm) → left out (`--include-hidden` takes it in). `cell` is
    /// the row number, `original` the row's first values.
    HiddenRow,
    /// A row hidden by the sheet's AutoFilter (filtered out) → left out (`--include-hidden`
    /// takes it in). `cell` is the row number, `original` the row's first values.
    FilteredRow,
    /// A hidden column → left out (`--include-hidden` takes it in). `cell` is the column
    /// letters (`"C"` or `"C:E"`), `original` the first value in it (usually its header).
    HiddenColumn,
    /// A hidden or very hidden worksheet → never chosen as a condition unless named in
    /// `--sheets`/`--sheet`. `cell` is empty, `original` says `hidden` or `very hidden`.
    HiddenSheet,
    /// The totals row of an Excel Table → left out (never a respondent). `cell` is the row
    /// number, `original` the row's first values.
    TableTotalsRow,
    /// A row holding a `SUBTOTAL` or `AGGREGATE` formula (a total, not a respondent) → left out.
    SubtotalRow,
    /// A row or column outside the sheet's Excel Table, when the sheet has one Table: the Table
    /// defines the data → left out. `cell` is the row number or the column letters.
    OutsideTable,
    /// A number column that is not an answer: its header names a quantity (年齢, 勤続年数, 金額,
    /// …). Not analysed; `cell` is its header, `original` the header text. `--items` includes it.
    NotAnItemQuantity,
    /// A number column that is the sum or mean of the other items in each row (合計点). Not
    /// analysed; `cell` is its header.
    NotAnItemTotal,
    /// A number column whose values are not integers on a rating scale (years of service
    /// 0–37, ages, amounts, decimals). Not analysed; `cell` is its header, `original` the range
    /// of its values.
    NotAnItemRange,
    /// The numbers of an item column are written with a unit (「4点」「80%」「3人」): read as the
    /// number (80% is 80). One note per column; `cell` is its header, `original` an example.
    UnitRemoved,
    /// An item column holding percentages as text (「80%」) and Excel percent cells (0.8): the
    /// cells are multiplied by 100 so that every value is a percentage. `original` is the cells'
    /// range.
    PercentCells,
    /// An item column with numbers written with different units (「4点」 and 「3人」): those
    /// cells are not read (missing). `original` lists the units.
    MixedUnits,
}

impl NoteKind {
    /// `true` for kinds the user should look at (reported as warnings, not just conversions).
    pub fn is_warning(self) -> bool {
        matches!(
            self,
            NoteKind::ErrorCell
                | NoteKind::Date
                | NoteKind::Boolean
                | NoteKind::OutOfScale
                | NoteKind::ItemInOneSheet
                | NoteKind::ByChanged
                | NoteKind::HiddenRow
                | NoteKind::FilteredRow
                | NoteKind::HiddenColumn
                | NoteKind::HiddenSheet
                | NoteKind::TableTotalsRow
                | NoteKind::SubtotalRow
                | NoteKind::OutsideTable
                | NoteKind::PercentCells
                | NoteKind::MixedUnits
        )
    }

    /// Short description in the requested language, e.g. for a checks sheet.
    pub fn describe(self, lang: Lang) -> &'static str {
        let text = match self {
            NoteKind::Blank => NoteText::Blank,
            NoteKind::NoAnswer => NoteText::NoAnswer,
            NoteKind::Text => NoteText::Text,
            NoteKind::FullWidthDigits => NoteText::FullWidthDigits,
            NoteKind::NumberAsText => NoteText::NumberAsText,
            NoteKind::LikertLabel => NoteText::LikertLabel,
            NoteKind::ErrorCell => NoteText::ErrorCell,
            NoteKind::Date => NoteText::Date,
            NoteKind::Boolean => NoteText::Boolean,
            NoteKind::OutOfScale => NoteText::OutOfScale,
            NoteKind::UnmatchedId => NoteText::UnmatchedId,
            NoteKind::MissingId => NoteText::MissingId,
            NoteKind::MissingGroup => NoteText::MissingGroup,
            NoteKind::ItemInOneSheet => NoteText::ItemInOneSheet,
            NoteKind::ByChanged => NoteText::ByChanged,
            NoteKind::SummaryRow => NoteText::SummaryRow,
            NoteKind::UnmatchedIdInGroup => NoteText::UnmatchedIdInGroup,
            NoteKind::HiddenRow => NoteText::HiddenRow,
            NoteKind::FilteredRow => NoteText::FilteredRow,
            NoteKind::HiddenColumn => NoteText::HiddenColumn,
            NoteKind::HiddenSheet => NoteText::HiddenSheet,
            NoteKind::TableTotalsRow => NoteText::TableTotalsRow,
            NoteKind::SubtotalRow => NoteText::SubtotalRow,
            NoteKind::OutsideTable => NoteText::OutsideTable,
            NoteKind::NotAnItemQuantity => NoteText::NotAnItemQuantity,
            NoteKind::NotAnItemTotal => NoteText::NotAnItemTotal,
            NoteKind::NotAnItemRange => NoteText::NotAnItemRange,
            NoteKind::UnitRemoved => NoteText::UnitRemoved,
            NoteKind::PercentCells => NoteText::PercentCells,
            NoteKind::MixedUnits => NoteText::MixedUnits,
        };
        text.get(lang)
    }
}

/// Everything the analysis needs from a workbook.
#[derive(Debug, Clone, PartialEq)]
pub struct Survey {
    /// The input file.
    pub path: PathBuf,
    /// Layout found or forced.
    pub layout: Layout,
    /// Labels of the two conditions in order (first, second), e.g. `["事前", "事後"]`.
    pub labels: [String; 2],
    /// `true` when `first` row i and `second` row i are the same respondent (paired by ID).
    pub paired: bool,
    /// Header of the ID column, if any.
    pub id_column: Option<String>,
    /// Header of the breakdown column (`--by`), if any.
    pub by_column: Option<String>,
    /// Item names (column headers), in workbook order.
    pub items: Vec<String>,
    /// Rows of the first condition.
    pub first: Group,
    /// Rows of the second condition.
    pub second: Group,
    /// Every conversion and exclusion, in sheet/row/column order.
    pub notes: Vec<Note>,
    /// 1-based header row used in each sheet.
    pub header_row: u32,
    /// Every reading decision with its evidence (printed on the Checks and Method sheets).
    pub plan: ReadPlan,
    /// How the answer labels of each item that holds labels became scores (one table per item
    /// for the Checks sheet), in item order.
    pub scales: Vec<ItemScale>,
}

/// Why a workbook could not be read. Messages ([`ReadError::message`], in
/// [`crate::words::reader`]; `Display` is the English) name the file and say what to do.
#[derive(Debug)]
#[non_exhaustive]
pub enum ReadError {
    /// The file does not exist.
    NotFound {
        /// File path.
        path: PathBuf,
    },
    /// The file is not a spreadsheet (empty, a picture, text without a .csv/.tsv/.txt name, …).
    NotAWorkbook {
        /// File path.
        path: PathBuf,
    },
    /// The workbook is password-protected (encrypted).
    Encrypted {
        /// File path.
        path: PathBuf,
    },
    /// The file could not be opened or parsed as a workbook.
    Workbook {
        /// File path.
        path: PathBuf,
        /// What went wrong.
        reason: String,
    },
    /// More cells than [`MAX_CELLS`], or a cell beyond Excel's limits.
    TooLarge {
        /// File path.
        path: PathBuf,
        /// Sheet being read.
        sheet: String,
        /// The cell limit exceeded, or `None` for a cell outside Excel's row/column range.
        cells: Option<usize>,
    },
    /// The file declares a size beyond the limits (for example four billion shared strings):
    /// damaged or not written by a spreadsheet program. Refused before anything is allocated.
    Declared {
        /// File path.
        path: PathBuf,
        /// What is declared.
        what: DeclaredWhat,
        /// The declared amount.
        declared: u128,
        /// The limit.
        limit: u128,
    },
    /// An OpenDocument (.ods) workbook whose repeated rows and columns would expand beyond the
    /// limits in memory (calamine expands them all when it opens the file). Refused before
    /// calamine opens it.
    Expands {
        /// File path.
        path: PathBuf,
        /// The sheet being read when the limit was passed.
        sheet: Option<String>,
        /// Cells or bytes of text.
        what: ExpandsWhat,
        /// What calamine would hold at that point.
        amount: u128,
        /// The limit ([`MAX_CELLS`] or [`MAX_TEXT_BYTES`]).
        limit: u128,
    },
    /// The file's internal structure is damaged in a way that would make the parser loop,
    /// allocate without bound or crash (for example a cycle in an .xls sector chain). Refused
    /// before the parser runs.
    Damaged {
        /// File path.
        path: PathBuf,
        /// What is wrong (English).
        reason: String,
        /// The same in Japanese.
        reason_ja: String,
    },
    /// The workbook (or the sheet) has no data rows.
    NoData {
        /// File path.
        path: PathBuf,
        /// The sheet, or `None` when the whole workbook is empty.
        sheet: Option<String>,
    },
    /// The layout could not be recognised or the options do not match the workbook.
    Layout {
        /// File path.
        path: PathBuf,
        /// What went wrong and which flag to use (English).
        reason: String,
        /// The same in Japanese.
        reason_ja: String,
    },
    /// Duplicate respondent IDs.
    DuplicateId {
        /// File path.
        path: PathBuf,
        /// Sheet name.
        sheet: String,
        /// The ID.
        id: String,
        /// 1-based rows where it occurs.
        rows: Vec<u32>,
    },
    /// A text (CSV) file that cannot be read as a table: empty, not text, mixed encodings, ragged
    /// rows, a line too long, a delimiter that cannot be told.
    Text {
        /// File path.
        path: PathBuf,
        /// 1-based line of the file (as a text editor counts), when one line is at fault.
        line: Option<u64>,
        /// What is wrong and what to do (English).
        reason: String,
        /// The same in Japanese.
        reason_ja: String,
    },
    /// A bug: the workbook parser panicked. The input is named so it can be reported.
    Internal {
        /// File path.
        path: PathBuf,
        /// Where it happened and the panic message.
        detail: String,
    },
}

impl std::error::Error for ReadError {}

impl ReadError {
    /// The input file concerned.
    pub fn path(&self) -> &Path {
        match self {
            ReadError::NotFound { path }
            | ReadError::NotAWorkbook { path }
            | ReadError::Encrypted { path }
            | ReadError::Workbook { path, .. }
            | ReadError::TooLarge { path, .. }
            | ReadError::Declared { path, .. }
            | ReadError::Expands { path, .. }
            | ReadError::Damaged { path, .. }
            | ReadError::NoData { path, .. }
            | ReadError::Layout { path, .. }
            | ReadError::DuplicateId { path, .. }
            | ReadError::Text { path, .. }
            | ReadError::Internal { path, .. } => path,
        }
    }

    pub(crate) fn layout(path: &Path, en: impl Into<String>, ja: impl Into<String>) -> ReadError {
        ReadError::Layout {
            path: path.to_path_buf(),
            reason: en.into(),
            reason_ja: ja.into(),
        }
    }
}

/// Like [`read_survey`], except that three or more waves (sheets with the same item headers
/// whose names order them in time, or sheets named by [`ReadOptions::wave_sheets`]) are
/// returned as [`waves::Reading::Waves`] instead of refused; read each comparison with
/// [`waves::read_comparison`].
///
/// # Errors
/// As [`read_survey`]; [`ReadError::Layout`] naming `--sheets A,B,C` when three or more sheets
/// have the same item headers but their names do not order them in time.
pub fn read_survey_or_waves(
    path: &Path,
    options: &ReadOptions,
) -> Result<waves::Reading, ReadError> {
    load::guarded(path, "reading the survey", || {
        if let Some(w) = waves::named(path, options)? {
            return Ok(waves::Reading::Waves(w));
        }
        if options.group.is_some() && options.second_file.is_none() {
            // A group column of three or more values is refused by the two-group reader; only
            // then (or with --levels A,B,C) is it read again for its waves.
            if let (Some(levels), Some(group)) = (&options.wave_levels, &options.group) {
                return match waves::from_group(path, options)? {
                    Some(w) => Ok(waves::Reading::Waves(w)),
                    None => Err(ReadError::layout_text(
                        path,
                        LayoutRefusal::LevelsWithoutWaves {
                            levels: &levels.join(","),
                            n: levels.len(),
                            group,
                        },
                    )),
                };
            }
            return match read_survey(path, options) {
                Ok(s) => Ok(waves::Reading::Survey(Box::new(s))),
                Err(e @ ReadError::Layout { .. }) => match waves::from_group(path, options)? {
                    Some(w) => Ok(waves::Reading::Waves(w)),
                    None => Err(e),
                },
                Err(e) => Err(e),
            };
        }
        if options.second_file.is_some() || options.sheets.is_some() {
            return read_survey(path, options).map(|s| waves::Reading::Survey(Box::new(s)));
        }
        layout::read_any(path, options)
    })
}

/// Reads a survey workbook: finds the layout, header row, ID and item columns, cleans every
/// item cell and pairs respondents by ID. See the module documentation for what is guessed and
/// [`ReadOptions`] for how to override each guess.
///
/// # Errors
///
/// [`ReadError`] naming the file: missing, not a workbook, encrypted, corrupt, too large, no
/// data, a layout that cannot be recognised or options that do not match, or duplicate IDs.
/// Never panics on any input file.
pub fn read_survey(path: &Path, options: &ReadOptions) -> Result<Survey, ReadError> {
    load::guarded(path, "reading the survey", || {
        if options.second_file.is_none() {
            return layout::read(path, options);
        }
        // Two files are the two sheets, in the order given.
        let flag = [
            ("--sheets", options.sheets.is_some()),
            ("--group", options.group.is_some()),
            ("--sheet", options.sheet.is_some()),
        ]
        .into_iter()
        .find(|f| f.1);
        if let Some((flag, _)) = flag {
            return Err(ReadError::layout_text(
                path,
                LayoutRefusal::OptionForTwoFiles { flag },
            ));
        }
        let names = csv::sheet_names(path, options);
        let forced = ReadOptions {
            sheets: Some((names[0].1.clone(), names[1].1.clone())),
            ..options.clone()
        };
        layout::read(path, &forced)
    })
}
