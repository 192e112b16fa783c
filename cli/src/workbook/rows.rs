//! Row roles: reading the respondent rows of a table into columns of values, IDs, breakdown and
//! group values, with a [`Note`] for every converted or left-out cell or row.

use super::address::{a1, col_letters};
use super::clean::{id_text, normalize, short};
use super::columns::Roles;
use super::header::Table;
use super::load::{format_number, RowData, Value};
use super::plan::{PlanTopic, ReadPlan};
use super::{Group, Note, NoteKind};
use crate::words::reading;

/// The respondent rows of a sheet as read, column by column (one entry per row in every
/// column): no allocation per row beyond the ID and breakdown texts, and the columns move into a
/// [`Group`] whole or gathered one at a time.
pub(super) struct Recs {
    /// 0-based sheet row.
    pub(super) rows: Vec<u32>,
    pub(super) ids: Vec<Option<String>>,
    /// Breakdown value per row; empty when there is no breakdown column.
    pub(super) by: Vec<Option<String>>,
    /// Group column per row: `Some(true)` for the first label, `Some(false)` for any other
    /// value, `None` when blank; empty when there is no group column.
    pub(super) group: Vec<Option<bool>>,
    /// `values[item][row]`.
    pub(super) values: Vec<Vec<f64>>,
    /// Notes on item cells as (row index in these columns, column, note), in row order;
    /// `None` once moved out by [`Recs::take_notes`].
    pub(super) notes: Vec<(usize, u32, Option<Note>)>,
}

impl Recs {
    pub(super) fn len(&self) -> usize {
        self.rows.len()
    }

    /// Moves the notes of row `i` into `out`, keyed for sorting.
    pub(super) fn take_notes(&mut self, i: usize, sheet_no: usize, out: &mut Vec<Keyed>) {
        let row = self.rows[i];
        let start = self.notes.partition_point(|n| n.0 < i);
        for (_, c, n) in self.notes[start..].iter_mut().take_while(|n| n.0 == i) {
            if let Some(n) = n.take() {
                out.push(((sheet_no, row, *c), n));
            }
        }
    }

    /// The rows `sel` (indices, in that order) as a group of sheet `t` with item columns
    /// `items` (indices in `t.columns`); `sel = None` takes every row in order. The columns
    /// are gathered one at a time, each old column freed before the next.
    pub(super) fn into_groups<const N: usize>(
        mut self,
        t: &Table,
        items: &[usize],
        sel: [Option<&[usize]>; N],
    ) -> [Group; N] {
        fn gather<T: Default, const N: usize>(
            mut old: Vec<T>,
            sel: [Option<&[usize]>; N],
        ) -> [Vec<T>; N] {
            if N == 1 && sel[0].is_none() {
                let mut old = Some(old);
                return std::array::from_fn(|_| old.take().unwrap_or_default());
            }
            let n = old.len();
            sel.map(|s| match s {
                Some(s) => s.iter().map(|&i| std::mem::take(&mut old[i])).collect(),
                None => (0..n).map(|i| std::mem::take(&mut old[i])).collect(),
            })
        }
        for r in &mut self.rows {
            *r += 1;
        }
        let rows = gather(std::mem::take(&mut self.rows), sel);
        let ids = gather(std::mem::take(&mut self.ids), sel);
        let by = if self.by.is_empty() {
            [(); N].map(|_| Vec::new())
        } else {
            gather(std::mem::take(&mut self.by), sel)
        };
        let mut values: [Vec<Vec<f64>>; N] = [(); N].map(|_| Vec::with_capacity(self.values.len()));
        for column in std::mem::take(&mut self.values) {
            for (k, v) in gather(column, sel).into_iter().enumerate() {
                values[k].push(v);
            }
        }
        let mut rows = rows.into_iter();
        let mut ids = ids.into_iter();
        let mut by = by.into_iter();
        let mut values = values.into_iter();
        std::array::from_fn(|_| Group {
            ids: ids.next().unwrap_or_default(),
            by: by.next().unwrap_or_default(),
            values: values.next().unwrap_or_default(),
            sheet: t.name().to_string(),
            columns: items.iter().map(|&i| t.columns[i].col + 1).collect(),
            rows: rows.next().unwrap_or_default(),
        })
    }
}

/// Rows read between two shrinks of the sheet's row list in [`records`].
pub(super) const ROWS_PER_BLOCK: usize = 1 << 16;

/// Reads the data rows; `items[k]` is the column index in `t` for survey item `k`. The sheet's
/// cells are freed row by row as they are read (`t.sheet.rows` is empty afterwards).
/// `first_group` is the first label of the group column, if any.
pub(super) fn records(
    t: &mut Table,
    roles: &Roles,
    items: &[usize],
    names: &[String],
    readers: &[super::scale::ItemReader],
    first_group: Option<&str>,
) -> Recs {
    let col = |i: Option<usize>| i.map(|i| t.columns[i].col);
    let (id_c, by_c, group_c) = (col(roles.id), col(roles.by), col(roles.group));
    let item_cols: Vec<u32> = items.iter().map(|&i| t.columns[i].col).collect();
    let mut sheet = std::mem::take(&mut t.sheet.rows);
    sheet.drain(..t.first_data.min(sheet.len()));
    let n = sheet.len();
    let mut out = Recs {
        rows: Vec::with_capacity(n),
        ids: Vec::with_capacity(n),
        by: Vec::with_capacity(if by_c.is_some() { n } else { 0 }),
        group: Vec::with_capacity(if group_c.is_some() { n } else { 0 }),
        values: item_cols.iter().map(|_| Vec::with_capacity(n)).collect(),
        notes: Vec::new(),
    };
    // A block of rows at a time, the list shrunk after each: the sheet's memory is given back
    // while it is read, not only at the end.
    while !sheet.is_empty() {
        let block = sheet.len().min(ROWS_PER_BLOCK);
        for row in sheet.drain(..block) {
            let relevant = item_cols
                .iter()
                .chain(id_c.iter())
                .chain(by_c.iter())
                .chain(group_c.iter())
                .any(|&c| !matches!(row.get(c), Value::Empty));
            if !relevant {
                continue;
            }
            let i = out.rows.len();
            let text = |c: Option<u32>| c.and_then(|c| id_text(row.get(c)));
            out.rows.push(row.row);
            out.ids.push(text(id_c));
            if by_c.is_some() {
                out.by.push(text(by_c));
            }
            if group_c.is_some() {
                out.group
                    .push(text(group_c).map(|g| Some(g.as_str()) == first_group));
            }
            for (k, &c) in item_cols.iter().enumerate() {
                let v = row.get(c);
                let cl = readers[k].clean(v);
                if let Some(kind) = cl.kind {
                    out.notes.push((
                        i,
                        c,
                        Some(Note {
                            sheet: t.name().to_string(),
                            cell: a1(row.row, c),
                            item: Some(names[k].clone()),
                            kind,
                            original: short(&v.display(), 200),
                            value: cl.value.is_finite().then_some(cl.value),
                        }),
                    ));
                }
                out.values[k].push(cl.value);
            }
        }
        sheet.shrink_to_fit();
    }
    out
}

/// Labels of summary rows (normalised: half-width, lower case, no spaces or dots), in any label
/// cell of the row, the ID column included. Words that are also first names (Max, Min) are left
/// out: a respondent's row is never taken for a summary.
const SUMMARY_LABELS: &[&str] = &[
    "合計",
    "計",
    "小計",
    "総計",
    "総合計",
    "平均",
    "平均値",
    "平均点",
    "標準偏差",
    "分散",
    "中央値",
    "最大",
    "最大値",
    "最小",
    "最小値",
    "件数",
    "回答数",
    "回答者数",
    "回答率",
    "人数",
    "total",
    "grandtotal",
    "subtotal",
    "sum",
    "average",
    "avg",
    "mean",
    "sd",
    "stdev",
    "standarddeviation",
    "variance",
    "median",
    "maximum",
    "minimum",
    "count",
    "responses",
    "responserate",
];

/// The first cell of `row` whose text is a summary label such as 合計, 平均, 【計】 or
/// "Total:" — (column, label as written) — or `None` for a respondent's row.
pub(crate) fn summary_label(row: &RowData) -> Option<(u32, String)> {
    row.cells().find_map(|(c, v)| match v {
        Value::Text(s) if is_summary_label(s) => Some((c, s.trim().to_string())),
        _ => None,
    })
}

/// `true` for 合計, 平均, 【計】, "Total:" and the other [`SUMMARY_LABELS`].
fn is_summary_label(s: &str) -> bool {
    let t = s.trim();
    // Cheap test first: most text cells are answers, not one of a few short words.
    if t.is_empty() || t.len() > 40 {
        return false;
    }
    let key = normalize(t);
    let key =
        key.trim_matches(|c: char| "【】()（）[]［］「」<>＜＞〈〉:：=＝*＊※-－ー".contains(c));
    SUMMARY_LABELS.contains(&key)
}

/// Aggregates a summary row computes from the rows above it (`=SUM(C5:C36)`, `=AVERAGE(...)`,
/// `=STDEV(...)`, `=VAR(...)`, as the formula or as the value Excel or LibreOffice cached).
const AGGREGATES: [&str; 4] = ["SUM", "AVERAGE", "STDEV", "VAR"];

/// [`AGGREGATES`], then those only looked for below another summary row (a respondent's
/// answers could equal them).
const ALL_AGGREGATES: [&str; 8] = [
    "SUM", "AVERAGE", "STDEV", "VAR", "MAX", "MIN", "MEDIAN", "COUNT",
];

/// Below a summary row: the index in [`ALL_AGGREGATES`] of MAX, MIN, MEDIAN or COUNT when every
/// number `nums` of row `idx` equals it over the respondent rows above (`flagged` rows left out).
fn trailing_aggregate(
    rows: &[RowData],
    first: usize,
    idx: usize,
    flagged: &[usize],
    nums: &[(u32, f64)],
    run: &[Running],
) -> Option<usize> {
    let same = |x: f64, want: f64| (x - want).abs() <= 1e-9 * want.abs().max(1.0);
    let stat = |k: usize, c: u32| -> Option<f64> {
        let s = run.get(c as usize).filter(|s| s.n >= 3.0)?;
        match k {
            4 => Some(s.max),
            5 => Some(s.min),
            7 => Some(s.n),
            _ => {
                let mut v: Vec<f64> = (first..idx)
                    .filter(|i| flagged.binary_search(i).is_err())
                    .filter_map(|i| match rows[i].get(c) {
                        Value::Num(x) => Some(*x),
                        _ => None,
                    })
                    .collect();
                v.sort_by(f64::total_cmp);
                let m = v.len();
                (m >= 3).then(|| (v[(m - 1) / 2] + v[m / 2]) / 2.0)
            }
        }
    };
    (4..8).find(|&k| {
        nums.iter()
            .all(|&(c, x)| stat(k, c).is_some_and(|w| same(x, w)))
    })
}

/// Running count, sum and sum of squares of the numbers of one column.
#[derive(Debug, Clone, Copy, Default)]
struct Running {
    n: f64,
    sum: f64,
    sum_sq: f64,
    max: f64,
    min: f64,
    /// 0-based sheet rows of the first and the last number counted.
    first_row: u32,
    last_row: u32,
}

impl Running {
    /// The value of aggregate `k` of [`AGGREGATES`] over the numbers counted so far; `None`
    /// below three numbers (a second respondent answering like the first is no sum).
    fn value(&self, k: usize) -> Option<f64> {
        let n = self.n;
        if n < 3.0 {
            return None;
        }
        let var =
            || (n >= 2.0).then(|| ((self.sum_sq - self.sum * self.sum / n) / (n - 1.0)).max(0.0));
        match k {
            0 => Some(self.sum),
            1 => Some(self.sum / n),
            2 => var().map(f64::sqrt),
            _ => var(),
        }
    }
}

/// A number for evidence: integers as they are, fractions to four decimals ("1.4907").
fn short_number(x: f64) -> String {
    if x.fract() == 0.0 {
        format_number(x)
    } else {
        let s = format!("{x:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// Data rows (indices into `rows`, from `first` on) that aggregate the respondent rows above
/// them: every number in the row equals the same aggregate (sum, average, SD or variance) of its
/// column over the rows above, in two or more columns, and not all of them are small whole
/// numbers (which a respondent could have typed). Below a summary row (a labelled one at sheet
/// row `after`, 0-based, or one found here) and among the last ten rows, a row whose numbers all
/// equal the MAX, MIN, MEDIAN or COUNT of their columns is one too. Returns (index, column of the
/// first number, evidence such as `"3.42 = AVERAGE(C5:C36)"`).
pub(crate) fn aggregate_rows(
    rows: &[RowData],
    first: usize,
    mut after: Option<u32>,
) -> Vec<(usize, u32, String)> {
    // Indexed by column (at most MAX_COLUMNS), not hashed: this runs for every cell.
    let mut run: Vec<Running> = Vec::new();
    let mut out = Vec::new();
    let mut nums: Vec<(u32, f64)> = Vec::new();
    for (idx, r) in rows.iter().enumerate().skip(first) {
        nums.clear();
        nums.extend(r.cells().filter_map(|(c, v)| match v {
            Value::Num(x) => Some((c, *x)),
            _ => None,
        }));
        let mut hit = None;
        if nums.len() >= 2
            && nums
                .iter()
                .any(|&(_, x)| x.fract() != 0.0 || x.abs() > 10.0)
        {
            hit = (0..AGGREGATES.len()).find(|&k| {
                // What no respondent could have typed: a sum above every answer, or a
                // fraction for an average, SD or variance.
                let beyond = nums.iter().any(|&(c, x)| match k {
                    0 => run.get(c as usize).is_some_and(|s| x > s.max),
                    _ => x.fract() != 0.0,
                });
                beyond
                    && nums.iter().all(|&(c, x)| {
                        run.get(c as usize)
                            .and_then(|s| s.value(k))
                            .is_some_and(|want| (x - want).abs() <= 1e-9 * want.abs().max(1.0))
                    })
            });
        }
        let near_end = idx + 10 >= rows.len();
        if hit.is_none() && nums.len() >= 2 && near_end && after.is_some_and(|a| r.row > a) {
            let flagged: Vec<usize> = out.iter().map(|o: &(usize, u32, String)| o.0).collect();
            hit = trailing_aggregate(rows, first, idx, &flagged, &nums, &run);
        }
        match hit {
            Some(k) => {
                after.get_or_insert(r.row);
                let (c, x) = nums[0];
                let s = run[c as usize];
                let col = col_letters(c);
                out.push((
                    idx,
                    c,
                    format!(
                        "{} = {}({col}{}:{col}{})",
                        short_number(x),
                        ALL_AGGREGATES[k],
                        s.first_row + 1,
                        s.last_row + 1
                    ),
                ));
            }
            None => {
                for &(c, x) in &nums {
                    if run.len() <= c as usize {
                        run.resize(c as usize + 1, Running::default());
                    }
                    let s = &mut run[c as usize];
                    if s.n == 0.0 {
                        s.first_row = r.row;
                        s.max = x;
                        s.min = x;
                    }
                    s.max = s.max.max(x);
                    s.min = s.min.min(x);
                    s.last_row = r.row;
                    s.n += 1.0;
                    s.sum += x;
                    s.sum_sq += x * x;
                }
            }
        }
    }
    out
}

/// Notes keyed for sorting: (sheet order, row, column).
pub(super) type Keyed = ((usize, u32, u32), Note);

pub(super) fn row_note(
    sheet: &str,
    sheet_no: usize,
    row: u32,
    col: Option<u32>,
    kind: NoteKind,
    original: String,
) -> Keyed {
    (
        (sheet_no, row, col.unwrap_or(0)),
        Note {
            sheet: sheet.to_string(),
            cell: match col {
                Some(c) => a1(row, c),
                None => (row + 1).to_string(),
            },
            item: None,
            kind,
            original,
            value: None,
        },
    )
}

/// The note for a row left out of the pairing: no ID ([`NoteKind::MissingId`]) or an ID the
/// other side does not have ([`NoteKind::UnmatchedId`]).
pub(super) fn unpaired_note(
    sheet: &str,
    sheet_no: usize,
    row: u32,
    col: Option<u32>,
    id: Option<&String>,
) -> Keyed {
    match id {
        None => row_note(
            sheet,
            sheet_no,
            row,
            col,
            NoteKind::MissingId,
            String::new(),
        ),
        Some(id) => row_note(sheet, sheet_no, row, col, NoteKind::UnmatchedId, id.clone()),
    }
}

/// Notes and a plan entry for the summary rows taken out of `t`.
pub(super) fn summary_rows(
    t: &Table,
    sheet_no: usize,
    notes: &mut Vec<Keyed>,
    plan: &mut ReadPlan,
) {
    if t.summary.is_empty() {
        return;
    }
    for (row, col, label) in &t.summary {
        notes.push(row_note(
            t.name(),
            sheet_no,
            *row,
            Some(*col),
            NoteKind::SummaryRow,
            label.clone(),
        ));
    }
    let rows: Vec<String> = t
        .summary
        .iter()
        .map(|(r, c, label)| format!("{} {label}", a1(*r, *c)))
        .collect();
    plan.add_text(
        PlanTopic::SummaryRows,
        Some((t.name(), String::new())),
        reading::summary_rows(t.name(), &rows),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_labels() {
        for label in [
            "合計",
            "平均",
            "平均値",
            " 標準偏差 ",
            "【計】",
            "Total",
            "Mean:",
            "ＳＤ",
            "回答率",
            "（小計）",
            "標準偏差　",
        ] {
            assert!(is_summary_label(label), "{label}");
        }
        for not in [
            "そう思う",
            "合計点",
            "平均的だと思う",
            "Tom",
            "まったくそう思わない",
            "3",
            "",
        ] {
            assert!(!is_summary_label(not), "{not}");
        }
    }
}
