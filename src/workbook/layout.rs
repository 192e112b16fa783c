//! Finding the layout, header row and columns, and assembling the [`Survey`].

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::clean::{id_text, is_score_like, normalize, short, Scale};
use super::load::{Book, SheetData, Value};
use super::{Group, Layout, Note, NoteKind, ReadError, ReadOptions, Survey};

/// Headers that name a respondent ID (normalised, see [`normalize`]).
const ID_NAMES: &[&str] = &[
    "id",
    "職員番号",
    "社員番号",
    "職員id",
    "社員id",
    "職員コード",
    "社員コード",
    "回答者id",
    "回答者番号",
    "回答者",
    "受講者番号",
    "受講者id",
    "参加者番号",
    "参加者id",
    "学籍番号",
    "生徒番号",
    "個人番号",
    "respondentid",
    "respondent",
    "employeeid",
    "staffid",
    "userid",
    "participantid",
    "participant",
    "subjectid",
    "subject",
];

/// Headers of Forms metadata columns that mark an export (timestamps).
const FORMS_TIME: &[&str] = &[
    "タイムスタンプ",
    "timestamp",
    "開始時刻",
    "完了時刻",
    "最終変更時刻",
    "starttime",
    "completiontime",
    "lastmodifiedtime",
];

/// Headers of other metadata columns that are never items.
const META_NAMES: &[&str] = &[
    "メール",
    "メールアドレス",
    "email",
    "emailaddress",
    "e-mail",
    "名前",
    "氏名",
    "name",
    "fullname",
    "回答日",
    "回答日時",
    "記入日",
    "日付",
    "date",
    "合計",
    "total",
    "平均",
    "average",
    "mean",
];

/// Headers that name a group column, preferred when several columns have two values.
const GROUP_NAMES: &[&str] = &[
    "時期",
    "実施時期",
    "調査時期",
    "回",
    "群",
    "グループ",
    "条件",
    "区分",
    "group",
    "condition",
    "time",
    "phase",
    "wave",
];

/// Words that mark the first (before) condition in sheet names and group values.
const BEFORE_WORDS: &[&str] = &[
    "事前",
    "前",
    "1回目",
    "第1回",
    "導入前",
    "実施前",
    "研修前",
    "pre",
    "pretest",
    "before",
    "t1",
    "time1",
];
/// Words that mark the second (after) condition.
const AFTER_WORDS: &[&str] = &[
    "事後",
    "後",
    "2回目",
    "第2回",
    "導入後",
    "実施後",
    "研修後",
    "post",
    "posttest",
    "after",
    "t2",
    "time2",
];

/// Which of the two conditions a name suggests: `Some(0)` before, `Some(1)` after.
fn condition_of(name: &str) -> Option<usize> {
    let n = normalize(name);
    let tokens: Vec<&str> = n
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .collect();
    let hit = |words: &[&str]| {
        words.iter().any(|w| {
            if w.is_ascii() {
                tokens.iter().any(|t| t == w)
            } else {
                n.contains(w)
            }
        })
    };
    match (hit(BEFORE_WORDS), hit(AFTER_WORDS)) {
        (true, false) => Some(0),
        (false, true) => Some(1),
        _ => None,
    }
}

/// 0-based column index as letters: 0 → A, 26 → AA.
pub(crate) fn col_letters(mut c: u32) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// Column letters to a 0-based index; `None` unless 1–3 ASCII letters within XFD.
fn letters_col(s: &str) -> Option<u32> {
    let s = s.trim();
    if s.is_empty() || s.len() > 3 || !s.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let mut n: u32 = 0;
    for c in s.chars() {
        n = n * 26 + (c.to_ascii_uppercase() as u32 - 'A' as u32 + 1);
    }
    (1..=super::MAX_COLUMNS).contains(&n).then(|| n - 1)
}

/// `A1` address from 0-based row and column.
fn a1(row: u32, col: u32) -> String {
    format!("{}{}", col_letters(col), row + 1)
}

/// Sheet name as used in a reference: quoted when it holds spaces or punctuation.
pub(crate) fn sheet_ref(name: &str) -> String {
    if name.chars().all(|c| c.is_alphanumeric() || c == '_') {
        name.to_string()
    } else {
        format!("'{}'", name.replace('\'', "''"))
    }
}

/// One column under the header.
#[derive(Debug, Clone)]
struct Column {
    col: u32,
    name: String,
    /// Non-empty data cells.
    filled: usize,
    /// Data cells that would become scores.
    score_like: usize,
}

/// A sheet with its header found.
struct Table {
    sheet: SheetData,
    /// 0-based header row.
    header: u32,
    columns: Vec<Column>,
    /// Index in `sheet.rows` of the first row under the header.
    first_data: usize,
    /// A Microsoft/Google Forms export (has a timestamp column).
    forms: bool,
}

impl Table {
    fn name(&self) -> &str {
        &self.sheet.name
    }

    fn data_rows(&self) -> &[super::load::RowData] {
        self.sheet.rows.get(self.first_data..).unwrap_or(&[])
    }

    /// Finds a column by name (exact, then normalised) or by letters.
    fn find(&self, spec: &str) -> Option<usize> {
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

    fn is_forms(&self) -> bool {
        self.forms
    }

    /// Column names in the header, for messages.
    fn names(&self) -> String {
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
fn find_header(sheet: &SheetData) -> Option<usize> {
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

fn make_table(
    path: &Path,
    sheet: SheetData,
    header_row: Option<u32>,
    scale: Option<&Scale>,
) -> Result<Table, ReadError> {
    if sheet.rows.is_empty() {
        return Err(ReadError::NoData {
            path: path.to_path_buf(),
            sheet: Some(sheet.name.clone()),
        });
    }
    let idx = match header_row {
        Some(r) => {
            let r0 = r.saturating_sub(1);
            sheet
                .rows
                .iter()
                .position(|row| row.row == r0)
                .ok_or_else(|| {
                    ReadError::layout(
                        path,
                        format!("--header-row {r}: row {r} of sheet {} is empty", sheet.name),
                        format!(
                            "--header-row {r}: シート「{}」の {r} 行目は空です",
                            sheet.name
                        ),
                    )
                })?
        }
        None => find_header(&sheet).ok_or_else(|| {
            ReadError::layout(
                path,
                format!(
                    "cannot find the header row of sheet {}; give it with --header-row N",
                    sheet.name
                ),
                format!(
                    "シート「{}」の見出し行が見つかりません。--header-row N で指定してください",
                    sheet.name
                ),
            )
        })?,
    };
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
    let forms = columns
        .iter()
        .any(|c| FORMS_TIME.contains(&normalize(&c.name).as_str()));
    Ok(Table {
        forms,
        header: header.row,
        first_data: idx + 1,
        sheet,
        columns,
    })
}

/// Runs `a` on this thread and `b` on a second one (both cores), each guarded against panics
/// like the rest of the reading; returns both results.
fn on_two_threads<A, B: Send>(
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
fn make_tables(
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

/// Roles of the columns of one table.
#[derive(Debug, Clone, Default)]
struct Roles {
    id: Option<usize>,
    /// `true` when the ID column was named by the user.
    id_forced: bool,
    group: Option<usize>,
    by: Option<usize>,
    /// Item columns (indices into `Table::columns`), in order.
    items: Vec<usize>,
}

fn not_found(path: &Path, flag: &str, spec: &str, t: &Table) -> ReadError {
    ReadError::layout(
        path,
        format!(
            "{flag} {spec}: no such column in sheet {} (columns: {})",
            t.name(),
            t.names()
        ),
        format!(
            "{flag} {spec}: シート「{}」にその列がありません（シートにある列: {}）",
            t.name(),
            t.names()
        ),
    )
}

/// Guesses the ID column: a known header, or in a Forms export the e-mail column.
fn guess_id(t: &Table) -> Option<usize> {
    if t.is_forms() {
        // Microsoft Forms' "ID" is a response number, not a person: pair by e-mail instead.
        return t.columns.iter().position(|c| {
            matches!(
                normalize(&c.name).as_str(),
                "メール" | "メールアドレス" | "email" | "emailaddress" | "e-mail"
            ) && t
                .data_rows()
                .iter()
                .any(|r| matches!(r.get(c.col), Value::Text(s) if s.contains('@')))
        });
    }
    t.columns
        .iter()
        .position(|c| ID_NAMES.contains(&normalize(&c.name).as_str()))
        .or_else(|| {
            // A header that looks like an identifier (職員No, 社員コード, Staff ID, …) whose
            // values are all different.
            t.columns
                .iter()
                .position(|c| looks_like_id(&c.name) && all_distinct(t, c.col))
        })
}

/// Short headers such as 職員No, 社員コード, 受付番号, Staff ID, Employee number: identifiers,
/// never items. Long question texts that merely contain 番号 are not caught.
fn looks_like_id(name: &str) -> bool {
    let n = normalize(name);
    let max_len = if n.is_ascii() { 20 } else { 10 };
    if ROW_NUMBER_NAMES.contains(&n.as_str()) || n.chars().count() > max_len {
        return false;
    }
    n.contains("番号")
        || n.contains("コード")
        || ["id", "no", "code", "number"]
            .iter()
            .any(|suffix| n.len() > suffix.len() && n.ends_with(suffix))
}

/// `true` when the non-empty values of a column are all different (and there are some).
fn all_distinct(t: &Table, col: u32) -> bool {
    let mut seen = HashSet::new();
    let mut any = false;
    for r in t.data_rows() {
        if let Some(id) = id_text(r.get(col)) {
            any = true;
            if !seen.insert(id) {
                return false;
            }
        }
    }
    any
}

/// Headers of running-number columns (row numbers, not people and not items).
const ROW_NUMBER_NAMES: &[&str] = &["no", "番号", "通し番号", "連番", "#", "回答番号", "行"];

/// `true` for columns that are never items: Forms metadata, names, dates, totals, row numbers.
fn is_meta(t: &Table, c: &Column) -> bool {
    let n = normalize(&c.name);
    FORMS_TIME.contains(&n.as_str())
        || META_NAMES.contains(&n.as_str())
        || ROW_NUMBER_NAMES.contains(&n.as_str())
        || looks_like_id(&c.name)
        || (t.is_forms() && n == "id")
        || is_running_number(t, c.col)
}

/// A column counting 1, 2, 3, … (any start, step 1) down at least ten data rows: a row number.
fn is_running_number(t: &Table, col: u32) -> bool {
    let mut prev: Option<f64> = None;
    let mut n = 0;
    for r in t.data_rows() {
        match r.get(col) {
            Value::Num(x) => {
                if prev.is_some_and(|p| *x != p + 1.0) {
                    return false;
                }
                prev = Some(*x);
                n += 1;
            }
            Value::Empty => {}
            _ => return false,
        }
    }
    // Ten consecutive values cannot all be answers on a 1–7 or 0–10 scale.
    n >= 10
}

/// Distinct non-empty values of a column in order of first appearance (display text, trimmed).
fn distinct(t: &Table, col: u32, limit: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for r in t.data_rows() {
        let Some(s) = id_text(r.get(col)) else {
            continue;
        };
        if !out.contains(&s) {
            out.push(s);
            if out.len() > limit {
                break;
            }
        }
    }
    out
}

/// Parses `--items`: names, letters and ranges such as `C:V`, separated by commas.
fn parse_items(path: &Path, spec: &str, t: &Table) -> Result<Vec<usize>, ReadError> {
    let mut out = Vec::new();
    for part in spec
        .split([',', '、'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        if let Some(i) = t.columns.iter().position(|c| c.name == part) {
            out.push(i);
            continue;
        }
        if let Some((a, b)) = part.split_once(':') {
            if let (Some(a), Some(b)) = (letters_col(a), letters_col(b)) {
                let (lo, hi) = (a.min(b), a.max(b));
                let cols: Vec<usize> = (0..t.columns.len())
                    .filter(|&i| (lo..=hi).contains(&t.columns[i].col))
                    .collect();
                if cols.is_empty() {
                    return Err(not_found(path, "--items", part, t));
                }
                out.extend(cols);
                continue;
            }
        }
        match t.find(part) {
            Some(i) => out.push(i),
            None => return Err(not_found(path, "--items", part, t)),
        }
    }
    let mut seen = HashSet::new();
    out.retain(|i| seen.insert(*i));
    Ok(out)
}

/// Assigns roles. `group` is the resolved group column, if any.
fn roles(
    path: &Path,
    t: &Table,
    options: &ReadOptions,
    group: Option<usize>,
) -> Result<Roles, ReadError> {
    let mut r = Roles {
        group,
        ..Roles::default()
    };
    if let Some(spec) = &options.id {
        r.id = Some(
            t.find(spec)
                .ok_or_else(|| not_found(path, "--id", spec, t))?,
        );
        r.id_forced = true;
    } else {
        r.id = guess_id(t);
    }
    if let Some(spec) = &options.by {
        r.by = Some(
            t.find(spec)
                .ok_or_else(|| not_found(path, "--by", spec, t))?,
        );
    }
    let taken = |i: usize| Some(i) == r.id || Some(i) == r.group || Some(i) == r.by;
    if let Some(spec) = &options.items {
        r.items = parse_items(path, spec, t)?;
        r.items.retain(|&i| !taken(i));
    } else {
        r.items = (0..t.columns.len())
            .filter(|&i| {
                let c = &t.columns[i];
                !taken(i) && !is_meta(t, c) && c.score_like > 0 && c.score_like * 2 >= c.filled
            })
            .collect();
    }
    if r.items.is_empty() {
        return Err(ReadError::layout(
            path,
            format!(
                "sheet {}: no item columns with scores found (columns: {}); name them with --items",
                t.name(),
                t.names()
            ),
            format!(
                "シート「{}」に得点の入った設問の列が見つかりません（列: {}）。--items で指定してください",
                t.name(),
                t.names()
            ),
        ));
    }
    Ok(r)
}

/// The respondent rows of a sheet as read, column by column (one entry per row in every
/// column): no allocation per row beyond the ID and breakdown texts, and the columns move into a
/// [`Group`] whole or gathered one at a time.
struct Recs {
    /// 0-based sheet row.
    rows: Vec<u32>,
    ids: Vec<Option<String>>,
    /// Breakdown value per row; empty when there is no breakdown column.
    by: Vec<Option<String>>,
    /// Group column per row: `Some(true)` for the first label, `Some(false)` for any other
    /// value, `None` when blank; empty when there is no group column.
    group: Vec<Option<bool>>,
    /// `values[item][row]`.
    values: Vec<Vec<f64>>,
    /// Notes on item cells as (row index in these columns, column, note), in row order;
    /// `None` once moved out by [`Recs::take_notes`].
    notes: Vec<(usize, u32, Option<Note>)>,
}

impl Recs {
    fn len(&self) -> usize {
        self.rows.len()
    }

    /// Moves the notes of row `i` into `out`, keyed for sorting.
    fn take_notes(&mut self, i: usize, sheet_no: usize, out: &mut Vec<Keyed>) {
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
    fn into_groups<const N: usize>(
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
const ROWS_PER_BLOCK: usize = 1 << 16;

/// Reads the data rows; `items[k]` is the column index in `t` for survey item `k`. The sheet's
/// cells are freed row by row as they are read (`t.sheet.rows` is empty afterwards).
/// `first_group` is the first label of the group column, if any.
fn records(
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

/// Checks that no ID appears twice among the rows `sel` of `recs` (all rows when `None`) and
/// returns the row index of each ID.
fn id_index<'a>(
    path: &Path,
    sheet: &str,
    recs: &'a Recs,
    sel: Option<&[usize]>,
) -> Result<HashMap<&'a str, usize>, ReadError> {
    let all: Vec<usize>;
    let sel = match sel {
        Some(s) => s,
        None => {
            all = (0..recs.len()).collect();
            &all
        }
    };
    let mut first: HashMap<&str, usize> = HashMap::with_capacity(sel.len());
    for &i in sel {
        if let Some(id) = &recs.ids[i] {
            if first.contains_key(id.as_str()) {
                let rows = sel
                    .iter()
                    .filter(|&&j| recs.ids[j].as_deref() == Some(id.as_str()))
                    .map(|&j| recs.rows[j] + 1)
                    .collect();
                return Err(ReadError::DuplicateId {
                    path: path.to_path_buf(),
                    sheet: sheet.to_string(),
                    id: id.clone(),
                    rows,
                });
            }
            first.insert(id, i);
        }
    }
    Ok(first)
}

/// Notes keyed for sorting: (sheet order, row, column).
type Keyed = ((usize, u32, u32), Note);

fn row_note(
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
fn unpaired_note(
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

/// Flags values outside the answer scale, item by item: the `--scale` range, or else the first
/// of 1–5, 1–7 and 0–10 that holds every value of the item (both groups) but at most one in
/// twenty (and at least one). An item with no such scale (ages, amounts) is not checked.
fn out_of_scale(
    first: &Group,
    second: &Group,
    scale: Option<&Scale>,
    items: &[String],
    notes: &mut Vec<Keyed>,
    sheet_no: &dyn Fn(&str) -> usize,
) {
    for (k, item) in items.iter().enumerate() {
        let values = || {
            first.values[k]
                .iter()
                .chain(second.values[k].iter())
                .copied()
                .filter(|x| x.is_finite())
        };
        let n = values().count();
        if n < 3 {
            continue;
        }
        let allowed = (n / 20).max(1);
        let range = match scale {
            Some(s) => Some(s.range()),
            None => [(1.0, 5.0), (1.0, 7.0), (0.0, 10.0)]
                .into_iter()
                .find(|&(lo, hi)| {
                    values()
                        .filter(|&x| !(x.fract() == 0.0 && x >= lo && x <= hi))
                        .count()
                        <= allowed
                }),
        };
        let Some((lo, hi)) = range else { continue };
        for g in [first, second] {
            for (i, &x) in g.values[k].iter().enumerate() {
                if x.is_finite() && (x < lo || x > hi) {
                    let (r, c) = (g.rows[i] - 1, g.columns[k] - 1);
                    notes.push((
                        (sheet_no(&g.sheet), r, c),
                        Note {
                            sheet: g.sheet.clone(),
                            cell: a1(r, c),
                            item: Some(item.clone()),
                            kind: NoteKind::OutOfScale,
                            original: super::load::format_number(x),
                            value: Some(x),
                        },
                    ));
                }
            }
        }
    }
}

/// Looks a sheet up by exact, then trimmed/normalised name.
fn find_sheet(names: &[String], want: &str) -> Option<String> {
    names
        .iter()
        .find(|n| n.as_str() == want)
        .or_else(|| names.iter().find(|n| normalize(n) == normalize(want)))
        .cloned()
}

fn sheet_missing(path: &Path, want: &str, names: &[String]) -> ReadError {
    let list = names.join(", ");
    ReadError::layout(
        path,
        format!("no sheet named {want} (sheets: {list})"),
        format!("シート「{want}」がありません（シート: {list}）"),
    )
}

/// Entry point behind [`super::read_survey`].
pub(crate) fn read(path: &Path, options: &ReadOptions) -> Result<Survey, ReadError> {
    let scale = match &options.scale {
        Some(s) => Some(Scale::parse(s).map_err(|bad| {
            ReadError::layout(
                path,
                format!("--scale: cannot read {bad:?}; write label=score pairs separated by commas, e.g. \"とてもそう思う=5,そう思う=4\""),
                format!("--scale: 「{bad}」を解釈できません。「とてもそう思う=5,そう思う=4」のように、「選択肢の文言=得点」をカンマで区切って指定してください"),
            )
        })?),
        None => None,
    };
    let scale = scale.as_ref();
    let mut book = Book::open(path)?;
    let names = book.sheet_names();
    if names.is_empty() {
        return Err(ReadError::NoData {
            path: path.to_path_buf(),
            sheet: None,
        });
    }

    // 1. Two sheets named by the user.
    if let Some((a, b)) = &options.sheets {
        let a = find_sheet(&names, a).ok_or_else(|| sheet_missing(path, a, &names))?;
        let b = find_sheet(&names, b).ok_or_else(|| sheet_missing(path, b, &names))?;
        let (sa, sb) = book.load_two(&a, &b)?;
        let (ta, tb) = make_tables(path, sa, sb, options.header_row, scale)?;
        return two_sheets(path, options, scale, ta, tb);
    }
    // 2. A group column named by the user.
    if let Some(group) = &options.group {
        let candidates: Vec<String> = match &options.sheet {
            Some(s) => vec![find_sheet(&names, s).ok_or_else(|| sheet_missing(path, s, &names))?],
            None => names.clone(),
        };
        let mut last_err = None;
        for name in candidates {
            let sheet = book.load(&name)?;
            if sheet.rows.is_empty() {
                continue;
            }
            let t = make_table(path, sheet, options.header_row, scale)?;
            match t.find(group) {
                Some(g) => return group_column(path, options, scale, t, g),
                None => last_err = Some(not_found(path, "--group", group, &t)),
            }
        }
        return Err(last_err.unwrap_or(ReadError::NoData {
            path: path.to_path_buf(),
            sheet: None,
        }));
    }
    // 3. Two sheets whose names say before/after.
    if options.sheet.is_none() {
        let before: Vec<&String> = names
            .iter()
            .filter(|n| condition_of(n) == Some(0))
            .collect();
        let after: Vec<&String> = names
            .iter()
            .filter(|n| condition_of(n) == Some(1))
            .collect();
        if before.len() == 1 && after.len() == 1 {
            let (sa, sb) = book.load_two(before[0], after[0])?;
            let (ta, tb) = make_tables(path, sa, sb, options.header_row, scale)?;
            return two_sheets(path, options, scale, ta, tb);
        }
    }
    // Load the sheets that have data.
    let mut tables = Vec::new();
    let only = match &options.sheet {
        Some(s) => Some(find_sheet(&names, s).ok_or_else(|| sheet_missing(path, s, &names))?),
        None => None,
    };
    for name in &names {
        if only.as_ref().is_some_and(|o| o != name) {
            continue;
        }
        let sheet = book.load(name)?;
        if sheet.rows.is_empty() {
            continue;
        }
        tables.push(make_table(path, sheet, options.header_row, scale)?);
    }
    if tables.is_empty() {
        return Err(ReadError::NoData {
            path: path.to_path_buf(),
            sheet: only,
        });
    }
    // 4. Two sheets with the same item headers.
    if only.is_none() && tables.len() >= 2 {
        let item_names = |t: &Table| -> HashSet<String> {
            t.columns
                .iter()
                .filter(|c| c.score_like > 0 && c.score_like * 2 >= c.filled && !is_meta(t, c))
                .map(|c| c.name.clone())
                .collect()
        };
        let sets: Vec<HashSet<String>> = tables.iter().map(item_names).collect();
        let mut pair = None;
        'outer: for i in 0..tables.len() {
            for j in i + 1..tables.len() {
                let common = sets[i].intersection(&sets[j]).count();
                let union = sets[i].union(&sets[j]).count();
                if common >= 1 && common * 5 >= union * 4 {
                    pair = Some((i, j));
                    break 'outer;
                }
            }
        }
        if let Some((i, j)) = pair {
            let tb = tables.swap_remove(j);
            let ta = tables.swap_remove(i);
            return two_sheets(path, options, scale, ta, tb);
        }
    }
    // 5. One sheet with a group column of exactly two values.
    let t = tables.swap_remove(0);
    let id = options
        .id
        .as_ref()
        .and_then(|s| t.find(s))
        .or_else(|| guess_id(&t));
    let by = options.by.as_ref().and_then(|s| t.find(s));
    let candidates: Vec<usize> = (0..t.columns.len())
        .filter(|&i| {
            let c = &t.columns[i];
            Some(i) != id
                && Some(i) != by
                && !is_meta(&t, c)
                && c.score_like * 2 < c.filled
                && distinct(&t, c.col, 2).len() == 2
        })
        .collect();
    let preferred: Vec<usize> = candidates
        .iter()
        .copied()
        .filter(|&i| GROUP_NAMES.contains(&normalize(&t.columns[i].name).as_str()))
        .collect();
    let g = match (candidates.len(), preferred.len()) {
        (1, _) => Some(candidates[0]),
        (_, 1) => Some(preferred[0]),
        _ => None,
    };
    match g {
        Some(g) => group_column(path, options, scale, t, g),
        None => Err(ReadError::layout(
            path,
            format!(
                "cannot tell which rows to compare in sheet {} (sheets: {}); name two sheets with --sheets BEFORE,AFTER or a column of two groups with --group COLUMN",
                t.name(),
                names.join(", ")
            ),
            format!(
                "シート「{}」では何と何を比べればよいか判断できません（シート: {}）。--sheets 事前,事後 で 2 つのシートを指定するか、--group 列名 で 2 群を表す列を指定してください",
                t.name(),
                names.join("、")
            ),
        )),
    }
}

/// Plans the items (scales, units, columns that are no answers: see items.rs) and keeps only
/// the answer columns in `items` and in each table's item column list.
fn plan_items(
    path: &Path,
    options: &ReadOptions,
    scale: Option<&Scale>,
    items: &mut Vec<String>,
    tables: &mut [(&Table, &mut Vec<usize>)],
) -> Result<super::items::ItemPlan, ReadError> {
    let cols: Vec<Vec<u32>> = tables
        .iter()
        .map(|(t, idx)| idx.iter().map(|&i| t.columns[i].col).collect())
        .collect();
    let sheets: Vec<super::items::SheetItems> = tables
        .iter()
        .zip(&cols)
        .map(|((t, _), cols)| super::items::SheetItems {
            name: t.name(),
            header: t.header,
            rows: t.data_rows(),
            cols,
        })
        .collect();
    let plan = super::items::plan(path, items, &sheets, scale, options.items.is_some())?;
    fn keep<T: Clone>(v: &mut Vec<T>, which: &[usize]) {
        let old = std::mem::take(v);
        *v = which.iter().map(|&k| old[k].clone()).collect();
    }
    keep(items, &plan.keep);
    for (_, idx) in tables.iter_mut() {
        keep(idx, &plan.keep);
    }
    Ok(plan)
}

fn two_sheets(
    path: &Path,
    options: &ReadOptions,
    scale: Option<&Scale>,
    mut ta: Table,
    mut tb: Table,
) -> Result<Survey, ReadError> {
    let ra = roles(path, &ta, options, None)?;
    let mut rb = roles(path, &tb, options, None)?;
    // Items: those of the first sheet also found (by name) in the second.
    let mut items = Vec::new();
    let mut notes: Vec<Keyed> = Vec::new();
    let mut cols_a = Vec::new();
    let mut cols_b = Vec::new();
    let b_index: HashMap<&str, usize> = tb
        .columns
        .iter()
        .enumerate()
        .map(|(j, c)| (c.name.as_str(), j))
        .collect();
    for &i in &ra.items {
        let name = &ta.columns[i].name;
        match b_index.get(name.as_str()).copied() {
            Some(j) if Some(j) != rb.id && Some(j) != rb.by => {
                items.push(name.clone());
                cols_a.push(i);
                cols_b.push(j);
            }
            _ => notes.push(header_note(&ta, 0, i)),
        }
    }
    let used_b: HashSet<usize> = cols_b.iter().copied().collect();
    for &j in &rb.items {
        if !used_b.contains(&j) {
            notes.push(header_note(&tb, 1, j));
        }
    }
    if items.is_empty() {
        return Err(ReadError::layout(
            path,
            format!(
                "sheets {} and {} have no item column in common; the item headers must be the same in both sheets",
                ta.name(),
                tb.name()
            ),
            format!(
                "シート「{}」と「{}」に共通する設問の列がありません。両方のシートで設問の見出しをそろえてください",
                ta.name(),
                tb.name()
            ),
        ));
    }
    // The ID column must exist in both sheets (by name) to pair.
    let id_name = ra.id.map(|i| ta.columns[i].name.clone());
    if let Some(name) = &id_name {
        match tb.columns.iter().position(|c| &c.name == name) {
            Some(j) => rb.id = Some(j),
            None if ra.id_forced => return Err(not_found(path, "--id", name, &tb)),
            None => rb.id = None,
        }
    }
    let by_name = ra.by.map(|i| ta.columns[i].name.clone());
    let plan = plan_items(
        path,
        options,
        scale,
        &mut items,
        &mut [(&ta, &mut cols_a), (&tb, &mut cols_b)],
    )?;
    notes.extend(plan.notes);
    // The cells are read into columns (both sheets at once, on two threads), each sheet freed
    // row by row as it is read.
    let (recs_a, recs_b) = on_two_threads(
        path,
        "reading the rows of the second sheet",
        || Ok(records(&mut ta, &ra, &cols_a, &items, &plan.readers, None)),
        || Ok(records(&mut tb, &rb, &cols_b, &items, &plan.readers, None)),
    );
    let (mut recs_a, mut recs_b) = (recs_a?, recs_b?);
    if recs_a.len() == 0 || recs_b.len() == 0 {
        return Err(ReadError::NoData {
            path: path.to_path_buf(),
            sheet: Some(
                if recs_a.len() == 0 {
                    ta.name()
                } else {
                    tb.name()
                }
                .to_string(),
            ),
        });
    }
    let id_column = if rb.id.is_some() { id_name } else { None };
    let mut paired = false;
    // For each row of the first sheet, the row of the second with the same ID.
    let mut partner: Vec<Option<usize>> = Vec::new();
    if id_column.is_some() {
        id_index(path, ta.name(), &recs_a, None)?;
        let index_b = id_index(path, tb.name(), &recs_b, None)?;
        partner = recs_a
            .ids
            .iter()
            .map(|id| id.as_deref().and_then(|id| index_b.get(id).copied()))
            .collect();
        let matched = partner.iter().filter(|p| p.is_some()).count();
        if matched == 0 && ra.id_forced {
            return Err(ReadError::layout(
                path,
                format!(
                    "--id {}: no ID appears in both sheets",
                    id_column.as_deref().unwrap_or("")
                ),
                format!(
                    "--id {}: 両方のシートに共通する ID が 1 つもありません。ID の列が正しいか確認してください",
                    id_column.as_deref().unwrap_or("")
                ),
            ));
        }
        paired = matched > 0;
    }
    let [mut first, mut second] = if paired {
        let id_col_a = ra.id.map(|i| ta.columns[i].col);
        let id_col_b = rb.id.map(|i| tb.columns[i].col);
        let by_col_b = if by_name.is_some() {
            rb.by.map(|i| tb.columns[i].col)
        } else {
            None
        };
        // IDs are unique in each sheet: a row of the second sheet is matched by at most one.
        let mut matched_b = vec![false; recs_b.len()];
        for &j in partner.iter().flatten() {
            matched_b[j] = true;
        }
        for (j, id) in recs_b.ids.iter().enumerate() {
            if id.is_none() || !matched_b[j] {
                notes.push(unpaired_note(
                    tb.name(),
                    1,
                    recs_b.rows[j],
                    id_col_b,
                    id.as_ref(),
                ));
            }
        }
        drop(matched_b);
        let mut sel_a = Vec::new();
        let mut sel_b = Vec::new();
        for (i, p) in partner.iter().enumerate() {
            match (&recs_a.ids[i], *p) {
                (Some(_), Some(j)) => {
                    // The analysis groups a pair by the first sheet's breakdown value.
                    let by_a = recs_a.by.get(i).and_then(Option::as_deref);
                    let by_b = recs_b.by.get(j).and_then(Option::as_deref);
                    if by_col_b.is_some() && by_a != by_b {
                        let change = format!("{} → {}", by_a.unwrap_or(""), by_b.unwrap_or(""));
                        notes.push(row_note(
                            tb.name(),
                            1,
                            recs_b.rows[j],
                            by_col_b,
                            NoteKind::ByChanged,
                            change,
                        ));
                    }
                    recs_a.take_notes(i, 0, &mut notes);
                    recs_b.take_notes(j, 1, &mut notes);
                    sel_a.push(i);
                    sel_b.push(j);
                }
                (id, _) => notes.push(unpaired_note(
                    ta.name(),
                    0,
                    recs_a.rows[i],
                    id_col_a,
                    id.as_ref(),
                )),
            }
        }
        drop(partner);
        let [first] = recs_a.into_groups(&ta, &cols_a, [Some(&sel_a)]);
        let [second] = recs_b.into_groups(&tb, &cols_b, [Some(&sel_b)]);
        [first, second]
    } else {
        for i in 0..recs_a.len() {
            recs_a.take_notes(i, 0, &mut notes);
        }
        for j in 0..recs_b.len() {
            recs_b.take_notes(j, 1, &mut notes);
        }
        let [first] = recs_a.into_groups(&ta, &cols_a, [None]);
        let [second] = recs_b.into_groups(&tb, &cols_b, [None]);
        [first, second]
    };
    if by_name.is_none() {
        first.by = Vec::new();
        second.by = Vec::new();
    }
    let (na, nb) = (ta.name().to_string(), tb.name().to_string());
    let sheet_no = |s: &str| usize::from(s == nb && s != na);
    out_of_scale(&first, &second, scale, &items, &mut notes, &sheet_no);
    notes.sort_by_key(|a| a.0);
    Ok(Survey {
        path: path.to_path_buf(),
        layout: Layout::TwoSheets {
            first: na.clone(),
            second: nb.clone(),
        },
        labels: [na.trim().to_string(), nb.trim().to_string()],
        paired,
        id_column,
        by_column: by_name,
        items,
        first,
        second,
        notes: notes.into_iter().map(|k| k.1).collect(),
        header_row: ta.header + 1,
        scales: plan.scales,
    })
}

fn header_note(t: &Table, sheet_no: usize, i: usize) -> Keyed {
    let c = &t.columns[i];
    (
        (sheet_no, t.header, c.col),
        Note {
            sheet: t.name().to_string(),
            cell: a1(t.header, c.col),
            item: Some(c.name.clone()),
            kind: NoteKind::ItemInOneSheet,
            original: c.name.clone(),
            value: None,
        },
    )
}

fn group_column(
    path: &Path,
    options: &ReadOptions,
    scale: Option<&Scale>,
    mut t: Table,
    g: usize,
) -> Result<Survey, ReadError> {
    let r = roles(path, &t, options, Some(g))?;
    let gname = t.columns[g].name.clone();
    let values = distinct(&t, t.columns[g].col, 2);
    if values.len() != 2 {
        return Err(ReadError::layout(
            path,
            format!(
                "group column {gname} must hold exactly two different values, found {}: {}",
                if values.len() > 2 {
                    "more".to_string()
                } else {
                    values.len().to_string()
                },
                values.join(", ")
            ),
            format!(
                "群の列「{gname}」には、ちょうど 2 種類の値が必要です（見つかった値: {}）",
                values.join("、")
            ),
        ));
    }
    let labels: [String; 2] = match &options.levels {
        Some((a, b)) => {
            let pick = |want: &str| {
                values
                    .iter()
                    .find(|v| v.as_str() == want.trim() || normalize(v) == normalize(want))
                    .cloned()
            };
            match (pick(a), pick(b)) {
                (Some(x), Some(y)) if x != y => [x, y],
                _ => {
                    return Err(ReadError::layout(
                        path,
                        format!(
                            "--levels {a},{b}: the group column {gname} holds {}",
                            values.join(", ")
                        ),
                        format!(
                            "--levels {a},{b}: 群の列「{gname}」にある値は {} です。この中から 2 つを指定してください",
                            values.join("、")
                        ),
                    ))
                }
            }
        }
        None => {
            if condition_of(&values[1]) == Some(0) && condition_of(&values[0]) != Some(0) {
                [values[1].clone(), values[0].clone()]
            } else {
                [values[0].clone(), values[1].clone()]
            }
        }
    };
    let mut items: Vec<String> = r.items.iter().map(|&i| t.columns[i].name.clone()).collect();
    let mut item_cols = r.items.clone();
    let plan = plan_items(
        path,
        options,
        scale,
        &mut items,
        &mut [(&t, &mut item_cols)],
    )?;
    let r = Roles {
        items: item_cols,
        ..r
    };
    let mut recs = records(
        &mut t,
        &r,
        &r.items,
        &items,
        &plan.readers,
        Some(&labels[0]),
    );
    let gcol = t.columns[g].col;
    let mut notes: Vec<Keyed> = plan.notes;
    // Row indices of each group, in sheet order.
    let mut parts: [Vec<usize>; 2] = [Vec::new(), Vec::new()];
    for (i, grp) in recs.group.iter().enumerate() {
        match grp {
            Some(true) => parts[0].push(i),
            Some(false) => parts[1].push(i),
            None => notes.push(row_note(
                t.name(),
                0,
                recs.rows[i],
                Some(gcol),
                NoteKind::MissingGroup,
                String::new(),
            )),
        }
    }
    recs.group = Vec::new();
    let id_column = r.id.map(|i| t.columns[i].name.clone());
    let id_col = r.id.map(|i| t.columns[i].col);
    let mut paired = false;
    // For each row of the first group, the row of the second with the same ID.
    let mut partner: Vec<Option<usize>> = Vec::new();
    if id_column.is_some() {
        let sheet_k = |k: usize| format!("{} ({}={})", t.name(), gname, labels[k]);
        id_index(path, &sheet_k(0), &recs, Some(&parts[0]))?;
        let index1 = id_index(path, &sheet_k(1), &recs, Some(&parts[1]))?;
        partner = parts[0]
            .iter()
            .map(|&i| {
                recs.ids[i]
                    .as_deref()
                    .and_then(|id| index1.get(id).copied())
            })
            .collect();
        let matched = partner.iter().filter(|p| p.is_some()).count();
        if matched == 0 && r.id_forced {
            return Err(ReadError::layout(
                path,
                format!(
                    "--id {}: no ID appears in both groups",
                    id_column.as_deref().unwrap_or("")
                ),
                format!(
                    "--id {}: 両方の群に共通する ID が 1 つもありません。ID の列が正しいか確認してください",
                    id_column.as_deref().unwrap_or("")
                ),
            ));
        }
        paired = matched > 0;
    }
    let [p0, p1] = parts;
    let (sel0, sel1) = if paired {
        // IDs are unique in each group: a row of the second is matched by at most one.
        let mut matched1 = vec![false; recs.len()];
        for &j in partner.iter().flatten() {
            matched1[j] = true;
        }
        for &j in &p1 {
            let id = recs.ids[j].as_ref();
            if id.is_none() || !matched1[j] {
                notes.push(unpaired_note(t.name(), 0, recs.rows[j], id_col, id));
            }
        }
        drop(matched1);
        let mut sel0 = Vec::new();
        let mut sel1 = Vec::new();
        for (&i, p) in p0.iter().zip(&partner) {
            match (&recs.ids[i], *p) {
                (Some(_), Some(j)) => {
                    recs.take_notes(i, 0, &mut notes);
                    recs.take_notes(j, 0, &mut notes);
                    sel0.push(i);
                    sel1.push(j);
                }
                (id, _) => notes.push(unpaired_note(
                    t.name(),
                    0,
                    recs.rows[i],
                    id_col,
                    id.as_ref(),
                )),
            }
        }
        (sel0, sel1)
    } else {
        for &i in p0.iter().chain(&p1) {
            recs.take_notes(i, 0, &mut notes);
        }
        (p0, p1)
    };
    drop(partner);
    let [mut first, mut second] = recs.into_groups(&t, &r.items, [Some(&sel0), Some(&sel1)]);
    if first.ids.is_empty() || second.ids.is_empty() {
        return Err(ReadError::NoData {
            path: path.to_path_buf(),
            sheet: Some(t.name().to_string()),
        });
    }
    if r.by.is_none() {
        first.by = Vec::new();
        second.by = Vec::new();
    }
    out_of_scale(&first, &second, scale, &items, &mut notes, &|_| 0);
    notes.sort_by_key(|a| a.0);
    Ok(Survey {
        path: path.to_path_buf(),
        layout: Layout::GroupColumn {
            sheet: t.name().to_string(),
            column: gname,
        },
        labels,
        paired,
        id_column,
        by_column: r.by.map(|i| t.columns[i].name.clone()),
        items,
        first,
        second,
        notes: notes.into_iter().map(|k| k.1).collect(),
        header_row: t.header + 1,
        scales: plan.scales,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_round_trip() {
        for c in [0, 25, 26, 51, 52, 701, 702, 16_383] {
            assert_eq!(letters_col(&col_letters(c)), Some(c));
        }
        assert_eq!(col_letters(0), "A");
        assert_eq!(col_letters(27), "AB");
        assert_eq!(letters_col("XFE"), None);
        assert_eq!(letters_col("所属"), None);
        assert_eq!(a1(6, 3), "D7");
    }

    #[test]
    fn identifier_headers() {
        for id in [
            "職員No",
            "社員コード",
            "受付番号",
            "Staff ID",
            "Employee number",
            "職員NO.",
        ] {
            assert!(looks_like_id(id), "{id}");
        }
        for not in [
            "番号",
            "No",
            "Q3 職員番号を知っている",
            "満足度",
            "Q1",
            "仕事にやりがいを感じている",
        ] {
            assert!(!looks_like_id(not), "{not}");
        }
    }

    #[test]
    fn before_after_names() {
        assert_eq!(condition_of("事前"), Some(0));
        assert_eq!(condition_of("事後"), Some(1));
        assert_eq!(condition_of("研修前アンケート"), Some(0));
        assert_eq!(condition_of("Post-test"), Some(1));
        assert_eq!(condition_of("Pre"), Some(0));
        assert_eq!(condition_of("presentation"), None);
        assert_eq!(condition_of("Sheet1"), None);
    }
}
