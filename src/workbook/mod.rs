//! Reading survey workbooks (.xlsx, .xlsm, .xls, .ods) with calamine into a [`Survey`]: layout
//! detection (two sheets or a group column), header row, ID pairing, item columns and messy-cell
//! cleaning, every conversion recorded as a [`Note`] with its cell address.
//!
//! OWNER: CLI-read helper. The data model below is FIXED (the analysis/report helper codes against
//! it); add fields only if needed, never remove or rename.

use std::path::{Path, PathBuf};

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
    /// `--items`: names, column letters or ranges such as `C:V`, comma separated.
    pub items: Option<String>,
    /// `--header-row N` (1-based).
    pub header_row: Option<u32>,
    /// `--scale "とてもそう思う=5,そう思う=4,..."`: a Likert label mapping.
    pub scale: Option<String>,
    /// `--sheet NAME` for the group-column layout (default: the first sheet with the group column).
    pub sheet: Option<String>,
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
    /// A1 address of each value: `cells[item][row]`, e.g. `"事前!D7"`. Same shape as `values`.
    pub cells: Vec<Vec<String>>,
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
}

/// Why a workbook could not be read. Messages name the file and say what to do.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReadError {
    /// The file could not be opened or parsed as a workbook.
    #[error("{path}: cannot read the workbook: {reason}")]
    Workbook {
        /// File path.
        path: PathBuf,
        /// What went wrong.
        reason: String,
    },
    /// The layout could not be recognised or the options do not match the workbook.
    #[error("{path}: {reason}")]
    Layout {
        /// File path.
        path: PathBuf,
        /// What went wrong and which flag to use.
        reason: String,
    },
    /// Duplicate respondent IDs.
    #[error("{path}: duplicate ID {id:?} in sheet {sheet}, rows {rows:?}")]
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
}

/// Reads a survey workbook.
pub fn read_survey(path: &Path, options: &ReadOptions) -> Result<Survey, ReadError> {
    let _ = (path, options);
    todo!("CLI-read helper")
}
