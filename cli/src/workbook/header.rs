//! Header row detection and the columns under it: a loaded sheet becomes a [`Table`].

use std::collections::HashMap;
use std::path::Path;

use super::address::{col_letters, letters_col};
use super::clean::{is_score_like, normalize, Scale};
use super::columns::FORMS_TIME;
use super::load::{SheetData, Value};
use super::plan::{PlanTopic, ReadPlan};
use super::rows::{aggregate_rows, summary_label};
use super::ReadError;
use super::ReadOptions;
use crate::words::reading::{LayoutRefusal, PlanText};

/// One column under the header.
#[derive(Debug, Clone)]
pub(super) struct Column {
    pub(super) col: u32,
    pub(super) name: String,
    /// Non-empty data cells.
    pub(super) filled: usize,
    /// Data cells that would become scores.
    pub(super) score_like: usize,
}

/// A sheet with its header found.
pub(super) struct Table {
    pub(super) sheet: SheetData,
    /// 0-based header row.
    pub(super) header: u32,
    pub(super) columns: Vec<Column>,
    /// Index in `sheet.rows` of the first row under the header.
    pub(super) first_data: usize,
    /// Summary rows (合計, 平均, …) taken out from under the header: (0-based row, column of the
    /// label, label).
    pub(super) summary: Vec<(u32, u32, String)>,
    /// A Microsoft/Google Forms export (has a timestamp column).
    pub(super) forms: bool,
}

impl Table {
    pub(super) fn name(&self) -> &str {
        &self.sheet.name
    }

    pub(super) fn data_rows(&self) -> &[super::load::RowData] {
        self.sheet.rows.get(self.first_data..).unwrap_or(&[])
    }

    /// Finds a column by name (exact, then normalised) or by letters.
    pub(super) fn find(&self, spec: &str) -> Option<usize> {
        let spec = spec.trim();
        if let Some(i) = self.columns.iter().position(|c| c.name == spec) {
            return Some(i);
        }
        let key = normalize(spec);
        if let Some(i) = self.columns.iter().position(|c| normalize(&c.name) == key) {
            return Some(i);
        }
        let col = letters_col(spec)?;
        self.columns.iter().position(|c| c.col == col)
    }

    pub(super) fn is_forms(&self) -> bool {
        self.forms
    }

    /// Column names in the header, for messages.
    pub(super) fn names(&self) -> String {
        self.columns
            .iter()
            .map(|c| c.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Finds the header row: the first row (of the first 30 non-empty rows) whose text cells are at
/// least half as many as the cells of the widest of those rows, and at least two unless the
/// table is one column wide. Merged title rows (one cell) are skipped this way.
pub(super) fn find_header(sheet: &SheetData) -> Option<usize> {
    let head: Vec<_> = sheet.rows.iter().take(30).collect();
    let widest = head.iter().map(|r| r.cells().count()).max()?;
    let need = widest.div_ceil(2).max(if widest > 1 { 2 } else { 1 });
    head.iter().position(|r| {
        r.cells()
            .filter(|(_, v)| matches!(v, Value::Text(s) if !s.trim().is_empty()))
            .count()
            >= need
    })
}

/// The table of `sheet`: its header row (`--header-row`, or found), its summary rows taken
/// out, and its columns with their headers and how their values look.
pub(super) fn make_table(
    path: &Path,
    mut sheet: SheetData,
    header_row: Option<u32>,
    scale: Option<&Scale>,
) -> Result<Table, ReadError> {
    if sheet.rows.is_empty() {
        return Err(ReadError::NoData {
            path: path.to_path_buf(),
            sheet: Some(sheet.name.clone()),
        });
    }
    let idx = header_index(path, &sheet, header_row)?;
    let summary = take_summary_rows(&mut sheet, idx);
    let header = sheet.rows[idx].row;
    let columns = columns_of(&sheet, idx, scale);
    let forms = columns
        .iter()
        .any(|c| FORMS_TIME.contains(&normalize(&c.name).as_str()));
    Ok(Table {
        summary,
        forms,
        header,
        first_data: idx + 1,
        sheet,
        columns,
    })
}

/// Index in `sheet.rows` of the header row: row `header_row` (1-based) when given, else the
/// row [`find_header`] finds.
fn header_index(
    path: &Path,
    sheet: &SheetData,
    header_row: Option<u32>,
) -> Result<usize, ReadError> {
    Ok(match header_row {
        Some(r) => {
            let r0 = r.saturating_sub(1);
            sheet
                .rows
                .iter()
                .position(|row| row.row == r0)
                .ok_or_else(|| {
                    ReadError::layout_text(
                        path,
                        LayoutRefusal::HeaderRowEmpty {
                            r,
                            name: &sheet.name,
                        },
                    )
                })?
        }
        None => find_header(sheet).ok_or_else(|| {
            ReadError::layout_text(path, LayoutRefusal::NoHeaderRow { name: &sheet.name })
        })?,
    })
}

/// Takes the summary rows under the header (index `idx`) out of `sheet`: rows labelled as
/// totals or means, and rows aggregating the rows above. Returns (row, column, why) of each.
fn take_summary_rows(sheet: &mut SheetData, idx: usize) -> Vec<(u32, u32, String)> {
    // Summary rows are not respondents: out before any column is judged by its values.
    let mut summary = Vec::new();
    let mut k = 0usize;
    sheet.rows.retain(|r| {
        k += 1;
        if k <= idx + 1 {
            return true;
        }
        match summary_label(r) {
            Some((c, label)) => {
                summary.push((r.row, c, label));
                false
            }
            None => true,
        }
    });
    // Rows of formulas (or their cached values) aggregating the rows above: SUM, AVERAGE, ….
    let after = summary.iter().map(|s: &(u32, u32, String)| s.0).min();
    let aggregates = aggregate_rows(&sheet.rows, idx + 1, after);
    if !aggregates.is_empty() {
        let mut drop = vec![false; sheet.rows.len()];
        for (i, c, why) in aggregates {
            drop[i] = true;
            summary.push((sheet.rows[i].row, c, why));
        }
        let mut k = 0;
        sheet.rows.retain(|_| {
            k += 1;
            !drop[k - 1]
        });
        summary.sort_by_key(|s| (s.0, s.1));
    }
    summary
}

/// The columns in use from the header (index `idx`) down, named by their header cells (a
/// repeated name gets its column letters), with how many cells each fills and how many of
/// them look like scores.
fn columns_of(sheet: &SheetData, idx: usize, scale: Option<&Scale>) -> Vec<Column> {
    let header = &sheet.rows[idx];
    // Columns in use, and below the position of each in `columns`: indexed by column number
    // (at most MAX_COLUMNS), not hashed, as this runs for every cell of the sheet.
    let mut slot: Vec<usize> = vec![usize::MAX; super::MAX_COLUMNS as usize];
    let mut cols: Vec<u32> = Vec::new();
    for r in &sheet.rows[idx..] {
        for (c, _) in r.cells() {
            if let Some(s) = slot.get_mut(c as usize) {
                if *s == usize::MAX {
                    *s = 0;
                    cols.push(c);
                }
            }
        }
    }
    cols.sort_unstable();
    let mut names_seen: HashMap<String, usize> = HashMap::new();
    let mut columns = Vec::with_capacity(cols.len());
    for c in cols {
        let raw = header.get(c).display();
        let mut name = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() {
            name = col_letters(c);
        }
        let count = names_seen.entry(name.clone()).or_insert(0);
        *count += 1;
        if *count > 1 {
            name = format!("{name} ({})", col_letters(c));
        }
        columns.push(Column {
            col: c,
            name,
            filled: 0,
            score_like: 0,
        });
    }
    for (i, c) in columns.iter().enumerate() {
        slot[c.col as usize] = i;
    }
    for r in &sheet.rows[idx + 1..] {
        for (c, v) in r.cells() {
            let Some(col) = slot.get(c as usize).and_then(|&i| columns.get_mut(i)) else {
                continue;
            };
            col.filled += 1;
            if is_score_like(v, scale) {
                col.score_like += 1;
            }
        }
    }
    columns
}

/// Runs `a` on this thread and `b` on a second one (both cores), each guarded against panics
/// like the rest of the reading; returns both results.
pub(super) fn on_two_threads<A, B: Send>(
    path: &Path,
    what: &str,
    a: impl FnOnce() -> Result<A, ReadError>,
    b: impl FnOnce() -> Result<B, ReadError> + Send,
) -> (Result<A, ReadError>, Result<B, ReadError>) {
    std::thread::scope(|scope| {
        let other = scope.spawn(|| super::load::guarded(path, what, b));
        let first = a();
        let second = other.join().unwrap_or_else(|_| {
            Err(ReadError::Internal {
                path: path.to_path_buf(),
                detail: format!("{what}: the second thread stopped"),
            })
        });
        (first, second)
    })
}

/// [`make_table`] for two sheets at once, the second on another thread. The first sheet's error
/// wins, as if they were made one after the other.
pub(super) fn make_tables(
    path: &Path,
    sa: SheetData,
    sb: SheetData,
    header_row: Option<u32>,
    scale: Option<&Scale>,
) -> Result<(Table, Table), ReadError> {
    let (ta, tb) = on_two_threads(
        path,
        "finding the header of the second sheet",
        || make_table(path, sa, header_row, scale),
        || make_table(path, sb, header_row, scale),
    );
    Ok((ta?, tb?))
}

/// Plan entries for the header row of each table.
pub(super) fn header_plan(plan: &mut ReadPlan, options: &ReadOptions, tables: &[&Table]) {
    for t in tables {
        let row = t.header + 1;
        let name = t.name();
        let text = match options.header_row {
            Some(_) => PlanText::HeaderRowGiven { row, name },
            None => PlanText::HeaderRowFound { row, name },
        };
        plan.add_text(PlanTopic::HeaderRow, Some((name, String::new())), text);
    }
}
