//! Finding the layout, header row and columns, and assembling the [`Survey`].

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::words::order::{self, EitherWay, OrderText};
use crate::words::reading::{self, LayoutRefusal, PlanText, ReadingWord};

use super::address::a1;
use super::clean::{normalize, Scale};
use super::columns::{
    distinct, guess_id, id_reason, is_free_text, is_meta, names_a_person, not_found, roles, Roles,
};
use super::header::{header_plan, make_table, make_tables, on_two_threads, Table};
use super::load::{format_number, Input, Value};
use super::pairing::{
    counting, decide_pairing, id_index, uncertain_count, unify_leading_zeros, zero_plan, Counting,
};
use super::plan::{PlanTopic, ReadPlan};
use super::rows::{records, row_note, summary_rows, unpaired_note, Keyed, Recs};
use super::scale::ItemReader;
use super::time::{compare, condition_of, earlier, Compared};
use super::waves::{Reading, Waves};
use super::{Group, Layout, Note, NoteKind, ReadError, ReadOptions, Survey};

/// Flags values outside the answer scale, item by item: the `--scale` range, or else the first
/// of 1–5, 1–7 and 0–10 that holds every value of the item (both groups) but at most one in
/// twenty (and at least one). An item with no such scale (ages, amounts) is not checked.
pub(super) fn out_of_scale(
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
pub(super) fn find_sheet(names: &[String], want: &str) -> Option<String> {
    names
        .iter()
        .find(|n| n.as_str() == want)
        .or_else(|| names.iter().find(|n| normalize(n) == normalize(want)))
        .cloned()
}

pub(super) fn sheet_missing(path: &Path, want: &str, names: &[String]) -> ReadError {
    let list = names.join(", ");
    ReadError::layout_text(path, LayoutRefusal::NoSheet { want, list: &list })
}

/// Entry point behind [`super::read_survey`]. The book leaves out what the author did not show
/// (see [`super::load::Book::apply`]) and puts its notes in front of the survey's
/// ([`super::load::Book::finish`]).
pub(crate) fn read(path: &Path, options: &ReadOptions) -> Result<Survey, ReadError> {
    let mut book = Input::open(path, options)?;
    book.apply(options);
    let mut survey = read_book(path, options, &mut book, None)?;
    book.finish(&mut survey);
    Ok(survey)
}

/// [`read`], except that three or more sheets with the same item headers are the waves of a
/// survey ([`super::waves`]) instead of a refusal.
pub(crate) fn read_any(path: &Path, options: &ReadOptions) -> Result<Reading, ReadError> {
    let mut book = Input::open(path, options)?;
    book.apply(options);
    let mut waves = None;
    match read_book(path, options, &mut book, Some(&mut waves)) {
        Ok(mut survey) => {
            book.finish(&mut survey);
            Ok(Reading::Survey(Box::new(survey)))
        }
        Err(e) => match waves {
            Some(w) => Ok(Reading::Waves(w)),
            None => Err(e),
        },
    }
}

/// Most values of a group column read as waves.
const MAX_LEVELS: usize = 100;

/// `--group COLUMN` naming a column with three or more values: (sheet, column header, values in
/// order of first appearance). `None` when the column has two values or fewer, or is not found
/// (the two-group reader then says why).
pub(crate) fn group_levels(
    path: &Path,
    options: &ReadOptions,
) -> Result<Option<(String, String, Vec<String>)>, ReadError> {
    let Some(group) = &options.group else {
        return Ok(None);
    };
    let mut book = Input::open(path, options)?;
    book.apply(options);
    let names = book.sheet_names();
    let scale = options.scale.as_deref().and_then(|s| Scale::parse(s).ok());
    let candidates: Vec<String> = match &options.sheet {
        Some(s) => match find_sheet(&names, s) {
            Some(n) => vec![n],
            None => return Ok(None),
        },
        None => names,
    };
    for name in candidates {
        let sheet = book.load(&name)?;
        if sheet.rows.is_empty() {
            continue;
        }
        let Ok(t) = make_table(path, sheet, options.header_row, scale.as_ref()) else {
            continue;
        };
        if let Some(g) = t.find(group) {
            let values = distinct(&t, t.columns[g].col, MAX_LEVELS);
            return Ok((values.len() >= 3).then(|| (name, t.columns[g].name.clone(), values)));
        }
    }
    Ok(None)
}

/// What every step of [`read_book`] reads with: the file, the options, the `--scale` mapping and
/// the workbook's sheet names.
struct Source<'a> {
    path: &'a Path,
    options: &'a ReadOptions,
    scale: Option<&'a Scale>,
    names: &'a [String],
}

/// Reads the workbook's layout by the first of these steps that applies:
///
/// 1. two sheets named with `--sheets`;
/// 2. a group column named with `--group`;
/// 3. two sheets with the same item headers (or named before/after);
/// 4. one sheet whose columns come in before/after pairs;
/// 5. one sheet with a group column of two values.
///
/// `waves`: where three or more sheets with the same item headers are put as waves (in time
/// order, or refused when the order is not certain); without it they are refused.
fn read_book(
    path: &Path,
    options: &ReadOptions,
    input: &mut Input,
    waves: Option<&mut Option<Waves>>,
) -> Result<Survey, ReadError> {
    let scale = scale_option(path, options)?;
    let names = input.sheet_names();
    if names.is_empty() {
        return Err(ReadError::NoData {
            path: path.to_path_buf(),
            sheet: None,
        });
    }
    let src = Source {
        path,
        options,
        scale: scale.as_ref(),
        names: &names,
    };
    let mut plan = ReadPlan::default();

    // 1. Two sheets named by the user.
    if let Some((a, b)) = &options.sheets {
        return named_sheets(&src, input, a, b, plan);
    }
    // 2. A group column named by the user.
    if let Some(group) = &options.group {
        return named_group(&src, input, group, plan);
    }
    let only = match &options.sheet {
        Some(s) => Some(find_sheet(&names, s).ok_or_else(|| sheet_missing(path, s, &names))?),
        None => None,
    };
    let mut tables = load_tables(&src, input, only.as_ref())?;
    // 3. Sheets with the same item headers: two are compared, in time order; three or more
    //    (a third wave) are refused, never dropped silently.
    if only.is_none() && tables.len() >= 2 && options.wide.is_none() {
        if let Some(survey) = alike_sheets(&src, &mut tables, &mut plan, waves)? {
            return Ok(survey);
        }
    }
    // 4. One sheet whose columns come in before/after pairs (事前_Q1 / 事後_Q1): each row holds
    //    one person's two answers (src/workbook/wide.rs). --group or --items without --wide say
    //    the user means something else.
    if options.wide.is_some() || (options.group.is_none() && options.items.is_none()) {
        if let Some(survey) = wide_sheet(&src, &mut tables, &mut plan)? {
            return Ok(survey);
        }
    }
    // 5. One sheet with a group column of exactly two values.
    one_sheet(&src, tables.swap_remove(0), plan)
}

/// The `--scale` mapping, if given.
fn scale_option(path: &Path, options: &ReadOptions) -> Result<Option<Scale>, ReadError> {
    let Some(s) = &options.scale else {
        return Ok(None);
    };
    Scale::parse(s)
        .map(Some)
        .map_err(|bad| ReadError::layout_text(path, reading::scale_option(&bad)))
}

/// Step 1: the two sheets named with `--sheets`, in the order given.
fn named_sheets(
    src: &Source,
    input: &mut Input,
    a: &str,
    b: &str,
    mut plan: ReadPlan,
) -> Result<Survey, ReadError> {
    let (path, names) = (src.path, src.names);
    let a = find_sheet(names, a).ok_or_else(|| sheet_missing(path, a, names))?;
    let b = find_sheet(names, b).ok_or_else(|| sheet_missing(path, b, names))?;
    let (sa, sb) = input.load_two(&a, &b)?;
    let (ta, tb) = make_tables(path, sa, sb, src.options.header_row, src.scale)?;
    plan.add_text(
        PlanTopic::Layout,
        None,
        PlanText::SheetsNamed { a: &a, b: &b },
    );
    plan.add_text(
        PlanTopic::Order,
        None,
        PlanText::SheetsOrderNamed { a: &a, b: &b },
    );
    two_sheets(path, src.options, src.scale, ta, tb, plan)
}

/// Step 2: the group column named with `--group`, in the sheet named with `--sheet` or else the
/// first sheet that has it.
fn named_group(
    src: &Source,
    input: &mut Input,
    group: &str,
    mut plan: ReadPlan,
) -> Result<Survey, ReadError> {
    let (path, options, names) = (src.path, src.options, src.names);
    let candidates: Vec<String> = match &options.sheet {
        Some(s) => vec![find_sheet(names, s).ok_or_else(|| sheet_missing(path, s, names))?],
        None => names.to_vec(),
    };
    let mut last_err = None;
    for name in candidates {
        let sheet = input.load(&name)?;
        if sheet.rows.is_empty() {
            continue;
        }
        let t = make_table(path, sheet, options.header_row, src.scale)?;
        match t.find(group) {
            Some(g) => {
                let gname = &t.columns[g].name;
                plan.add_text(
                    PlanTopic::Layout,
                    Some((t.name(), a1(t.header, t.columns[g].col))),
                    PlanText::GroupNamed { name: &name, gname },
                );
                return group_column(path, options, src.scale, t, g, plan);
            }
            None => last_err = Some(not_found(path, "--group", group, &t)),
        }
    }
    Err(last_err.unwrap_or(ReadError::NoData {
        path: path.to_path_buf(),
        sheet: None,
    }))
}

/// The tables of the sheets that have data (only the sheet `only` when one is named): two at
/// once when the workbook has two sheets.
fn load_tables(
    src: &Source,
    input: &mut Input,
    only: Option<&String>,
) -> Result<Vec<Table>, ReadError> {
    let (path, names) = (src.path, src.names);
    let (header_row, scale) = (src.options.header_row, src.scale);
    let mut tables = Vec::new();
    if only.is_none() && names.len() == 2 {
        let (sa, sb) = input.load_two(&names[0], &names[1])?;
        match (sa.rows.is_empty(), sb.rows.is_empty()) {
            (false, false) => {
                let (ta, tb) = make_tables(path, sa, sb, header_row, scale)?;
                tables.push(ta);
                tables.push(tb);
            }
            (false, true) => tables.push(make_table(path, sa, header_row, scale)?),
            (true, false) => tables.push(make_table(path, sb, header_row, scale)?),
            (true, true) => {}
        }
    } else {
        // A sheet whose header cannot be found (a notes or chart-data sheet) is left aside
        // while another sheet can be read.
        let mut first_err = None;
        for name in names {
            if only.is_some_and(|o| o != name) {
                continue;
            }
            let sheet = input.load(name)?;
            if sheet.rows.is_empty() {
                continue;
            }
            match make_table(path, sheet, header_row, scale) {
                Ok(t) => tables.push(t),
                Err(e) => {
                    first_err.get_or_insert(e);
                }
            }
        }
        if tables.is_empty() {
            if let Some(e) = first_err {
                return Err(e);
            }
        }
    }
    if tables.is_empty() {
        return Err(ReadError::NoData {
            path: path.to_path_buf(),
            sheet: only.cloned(),
        });
    }
    Ok(tables)
}

/// Step 3: two sheets with the same item headers, or else whose names say before and after,
/// compared in time order. Three or more sheets with the same item headers are the waves of
/// `waves` (when given) and refused.
fn alike_sheets(
    src: &Source,
    tables: &mut Vec<Table>,
    plan: &mut ReadPlan,
    waves: Option<&mut Option<Waves>>,
) -> Result<Option<Survey>, ReadError> {
    let path = src.path;
    let alike = same_item_headers(tables, plan);
    if alike.len() >= 3 {
        if let Some(out) = waves {
            let names = alike
                .iter()
                .map(|&i| tables[i].name().to_string())
                .collect();
            *out = Some(super::waves::ordered(path, names, plan.clone())?);
        }
        return Err(more_than_two(path, tables, &alike));
    }
    let pair = if alike.len() == 2 {
        Some((alike[0], alike[1]))
    } else {
        // Sheets whose names say before/after, even with different headers (as before).
        let before: Vec<usize> = (0..tables.len())
            .filter(|&i| condition_of(tables[i].name()) == Some(0))
            .collect();
        let after: Vec<usize> = (0..tables.len())
            .filter(|&i| condition_of(tables[i].name()) == Some(1))
            .collect();
        (before.len() == 1 && after.len() == 1).then(|| (before[0], after[0]))
    };
    let Some((i, j)) = pair else {
        return Ok(None);
    };
    let (na, nb) = (tables[i].name().to_string(), tables[j].name().to_string());
    plan.add_text(
        PlanTopic::Layout,
        None,
        reading::two_sheets_found(&na, &nb, alike.len() == 2),
    );
    let (i, j) = if in_time_order(src.path, &na, &nb, plan)? {
        (i, j)
    } else {
        (j, i)
    };
    let (hi, lo) = (i.max(j), i.min(j));
    let t_hi = tables.swap_remove(hi);
    let t_lo = tables.swap_remove(lo);
    let (ta, tb) = if i < j { (t_lo, t_hi) } else { (t_hi, t_lo) };
    let plan = std::mem::take(plan);
    two_sheets(path, src.options, src.scale, ta, tb, plan).map(Some)
}

/// The tables with the same item headers as another table, without a summary sheet of the same
/// headers when there are three or more (said on the plan).
fn same_item_headers(tables: &[Table], plan: &mut ReadPlan) -> Vec<usize> {
    let item_names = |t: &Table| -> HashSet<String> {
        t.columns
            .iter()
            .filter(|c| c.score_like > 0 && c.score_like * 2 >= c.filled && !is_meta(t, c))
            .map(|c| c.name.clone())
            .collect()
    };
    let sets: Vec<HashSet<String>> = tables.iter().map(item_names).collect();
    let similar = |i: usize, j: usize| {
        let common = sets[i].intersection(&sets[j]).count();
        let union = sets[i].union(&sets[j]).count();
        common >= 1 && common * 5 >= union * 4
    };
    let mut alike: Vec<usize> = (0..tables.len())
        .filter(|&i| (0..tables.len()).any(|j| j != i && similar(i, j)))
        .collect();
    // A sheet with the same item headers whose numbers are not answers (a 集計 sheet of
    // averages or totals) is no wave: said on the plan, not compared.
    if alike.len() >= 3 {
        alike.retain(|&i| match not_answers(&tables[i], &sets[i]) {
            None => true,
            Some(example) => {
                let name = tables[i].name();
                plan.add_text(
                    PlanTopic::Layout,
                    Some((name, String::new())),
                    PlanText::SummarySheet {
                        name,
                        example: &example,
                    },
                );
                false
            }
        });
    }
    alike
}

/// `true` when sheet `na` comes first: the earlier when the names carry time, else the first
/// in the workbook. The order and why go on the plan. Months on either side of April are
/// refused: a fiscal and a calendar year order them differently.
fn in_time_order(path: &Path, na: &str, nb: &str, plan: &mut ReadPlan) -> Result<bool, ReadError> {
    let entry = match compare(na, nb) {
        Compared::Ordered(first, ra, rb) => {
            let (x, y) = if first == 0 { (na, nb) } else { (nb, na) };
            let (rx, ry) = if first == 0 { (ra, rb) } else { (rb, ra) };
            let text = |lang| {
                OrderText::SheetsByTime {
                    x,
                    y,
                    rx: &order::reading(&rx, lang),
                    ry: &order::reading(&ry, lang),
                }
                .text(lang)
            };
            plan.add_text(PlanTopic::Order, None, text);
            return Ok(first == 0);
        }
        Compared::EitherWay(ma, _) => {
            let (fiscal, calendar) = if ma >= 4 { (na, nb) } else { (nb, na) };
            let text = |lang| EitherWay::Sheets { fiscal, calendar }.text(lang);
            return Err(ReadError::layout_text(path, text));
        }
        Compared::Unknown => OrderText::SheetsByWorkbook { x: na, y: nb },
    };
    plan.add_text(PlanTopic::Order, None, |lang| entry.text(lang));
    Ok(true)
}

/// Step 4: the first table whose columns come in before/after pairs (with `--wide`, any
/// table; without it only the first, the one step 5 would read).
fn wide_sheet(
    src: &Source,
    tables: &mut Vec<Table>,
    plan: &mut ReadPlan,
) -> Result<Option<Survey>, ReadError> {
    let (path, options, scale) = (src.path, src.options, src.scale);
    let mut first_err = None;
    for k in 0..tables.len() {
        match super::wide::detect(path, &tables[k], options, scale) {
            Ok(Some(w)) => {
                let t = tables.swap_remove(k);
                let plan = std::mem::take(plan);
                return super::wide::wide_survey(path, options, scale, t, w, plan).map(Some);
            }
            Ok(None) => {}
            Err(e) => {
                first_err.get_or_insert(e);
            }
        }
        // Without --wide only the sheet analysed below is looked at.
        if options.wide.is_none() {
            break;
        }
    }
    match first_err {
        Some(e) => Err(e),
        None => Ok(None),
    }
}

/// Step 5: the one column of `t` with exactly two values (not the ID, the `--by` column, a
/// metadata or an item column) splits its rows into the two groups; none or several are
/// refused.
fn one_sheet(src: &Source, t: Table, mut plan: ReadPlan) -> Result<Survey, ReadError> {
    let (path, options) = (src.path, src.options);
    let candidates = two_value_columns(&t, options);
    match candidates.len() {
        1 => {
            let (g, values) = &candidates[0];
            let gname = &t.columns[*g].name;
            plan.add_text(
                PlanTopic::Layout,
                Some((t.name(), a1(t.header, t.columns[*g].col))),
                reading::one_sheet_split(t.name(), gname, values),
            );
            let g = *g;
            group_column(path, options, src.scale, t, g, plan)
        }
        0 => Err(ReadError::layout_text(
            path,
            reading::nothing_to_compare(t.name(), src.names),
        )),
        _ => Err(several_group_columns(path, &t, &candidates)),
    }
}

/// The columns of `t` that could split its rows into two groups, with their two values.
fn two_value_columns(t: &Table, options: &ReadOptions) -> Vec<(usize, Vec<String>)> {
    let id = if options.no_id {
        None
    } else {
        options
            .id
            .as_ref()
            .and_then(|s| t.find(s))
            .or_else(|| guess_id(t))
    };
    let by = options.by.as_ref().and_then(|s| t.find(s));
    (0..t.columns.len())
        .filter_map(|i| {
            let c = &t.columns[i];
            if Some(i) == id || Some(i) == by || is_meta(t, c) || c.score_like * 2 >= c.filled {
                return None;
            }
            let values = distinct(t, c.col, 2);
            // The free-text scan reads the whole column: only for columns with two values.
            (values.len() == 2 && !is_free_text(t, c)).then_some((i, values))
        })
        .collect()
}

/// Two or more columns could be the group column: which one is not guessed.
fn several_group_columns(path: &Path, t: &Table, candidates: &[(usize, Vec<String>)]) -> ReadError {
    let named: Vec<(&str, &[String])> = candidates
        .iter()
        .map(|(i, v)| (t.columns[*i].name.as_str(), v.as_slice()))
        .collect();
    ReadError::layout_text(path, reading::several_group_columns(t.name(), &named))
}

/// `Some(example)` when the numbers under the item headers `items` of `t` are not answers: more
/// than one in ten is not a whole number within 0–10 (averages, totals, percentages).
fn not_answers(t: &Table, items: &HashSet<String>) -> Option<String> {
    let cols: Vec<u32> = t
        .columns
        .iter()
        .filter(|c| items.contains(&c.name))
        .map(|c| c.col)
        .collect();
    let (mut n, mut odd, mut example) = (0usize, 0usize, None);
    for r in t.data_rows() {
        for &c in &cols {
            if let Value::Num(x) = r.get(c) {
                n += 1;
                if !(x.fract() == 0.0 && (0.0..=10.0).contains(x)) {
                    odd += 1;
                    example.get_or_insert_with(|| format_number(*x));
                }
            }
        }
    }
    (n > 0 && odd * 10 > n).then(|| example.unwrap_or_default())
}

/// Three or more sheets with the same item headers: which two to compare is not guessed.
fn more_than_two(path: &Path, tables: &[Table], alike: &[usize]) -> ReadError {
    let names: Vec<&str> = alike.iter().map(|&i| tables[i].name()).collect();
    // Suggest the two earliest sheets when the names carry time, else the first two.
    let mut order: Vec<&str> = names.clone();
    order.sort_by(|a, b| match earlier(a, b) {
        Some((0, ..)) => std::cmp::Ordering::Less,
        Some(_) => std::cmp::Ordering::Greater,
        None => std::cmp::Ordering::Equal,
    });
    let (x, y) = (order[0], order[1]);
    ReadError::layout_text(path, reading::more_than_two(&names, x, y))
}

/// Plans the items (scales, units, columns that are no answers: see items.rs) and keeps only
/// the answer columns in `items` and in each table's item column list.
pub(super) fn plan_items(
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

/// Two sheets, the first condition in `ta`: the items both have, the rows of each, the ID
/// column and the pairing of respondents, and the two groups.
fn two_sheets(
    path: &Path,
    options: &ReadOptions,
    scale: Option<&Scale>,
    mut ta: Table,
    mut tb: Table,
    mut plan: ReadPlan,
) -> Result<Survey, ReadError> {
    header_plan(&mut plan, options, &[&ta, &tb]);
    let ra = roles(path, &ta, options, None)?;
    let mut rb = roles(path, &tb, options, None)?;
    let mut notes: Vec<Keyed> = Vec::new();
    let (mut items, mut cols_a, mut cols_b) =
        common_items(path, [&ta, &tb], [&ra, &rb], &mut notes)?;
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
    let item_plan = plan_items(
        path,
        options,
        scale,
        &mut items,
        &mut [(&ta, &mut cols_a), (&tb, &mut cols_b)],
    )?;
    notes.extend(item_plan.notes);
    let (mut recs_a, mut recs_b) = read_both(
        path,
        [&mut ta, &mut tb],
        [&ra, &rb],
        [&cols_a, &cols_b],
        &items,
        &item_plan.readers,
    )?;
    summary_rows(&ta, 0, &mut notes, &mut plan);
    summary_rows(&tb, 1, &mut notes, &mut plan);
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
    let (na, nb) = (ta.name().to_string(), tb.name().to_string());
    let two = TwoSheets {
        path,
        options,
        ta: &ta,
        tb: &tb,
        ra: &ra,
        rb: &rb,
        cols: [&cols_a, &cols_b],
        names: [&na, &nb],
    };
    let id_column = two.id_column(id_name.as_ref(), [&recs_a, &recs_b], &mut plan)?;
    let (paired, partner) = match &id_column {
        Some(name) => two.pair(name, &mut recs_a, &mut recs_b, &mut plan)?,
        None => (false, Vec::new()),
    };
    let id_column = id_column.filter(|_| paired);
    let [mut first, mut second] = two.groups(
        paired,
        by_name.is_some(),
        partner,
        [recs_a, recs_b],
        &mut notes,
    );
    if by_name.is_none() {
        first.by = Vec::new();
        second.by = Vec::new();
    }
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
        scales: item_plan.scales,
        plan,
    })
}

/// The rows of both sheets, read into columns (both sheets at once, on two threads), each
/// sheet freed row by row as it is read.
fn read_both(
    path: &Path,
    [ta, tb]: [&mut Table; 2],
    [ra, rb]: [&Roles; 2],
    [cols_a, cols_b]: [&[usize]; 2],
    items: &[String],
    readers: &[ItemReader],
) -> Result<(Recs, Recs), ReadError> {
    let (recs_a, recs_b) = on_two_threads(
        path,
        "reading the rows of the second sheet",
        || Ok(records(ta, ra, cols_a, items, readers, None)),
        || Ok(records(tb, rb, cols_b, items, readers, None)),
    );
    Ok((recs_a?, recs_b?))
}

/// Item names, and their columns (indices in `columns`) in the first and in the second sheet.
type CommonItems = (Vec<String>, Vec<usize>, Vec<usize>);

/// The items of the first sheet also found (by name) in the second, with their columns in
/// each; an item of one sheet only gets a note. None in common is refused.
fn common_items(
    path: &Path,
    [ta, tb]: [&Table; 2],
    [ra, rb]: [&Roles; 2],
    notes: &mut Vec<Keyed>,
) -> Result<CommonItems, ReadError> {
    let mut items = Vec::new();
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
            _ => notes.push(header_note(ta, 0, i)),
        }
    }
    let used_b: HashSet<usize> = cols_b.iter().copied().collect();
    for &j in &rb.items {
        if !used_b.contains(&j) {
            notes.push(header_note(tb, 1, j));
        }
    }
    if items.is_empty() {
        return Err(ReadError::layout_text(
            path,
            LayoutRefusal::NoCommonItems {
                a: ta.name(),
                b: tb.name(),
            },
        ));
    }
    Ok((items, cols_a, cols_b))
}

/// The two sheets of [`two_sheets`] once their rows are read: the ID column, the pairing and
/// the groups are decided from these.
struct TwoSheets<'a> {
    path: &'a Path,
    options: &'a ReadOptions,
    ta: &'a Table,
    tb: &'a Table,
    ra: &'a Roles,
    rb: &'a Roles,
    /// Item columns of each sheet (indices in its `columns`).
    cols: [&'a [usize]; 2],
    names: [&'a str; 2],
}

impl<'a> TwoSheets<'a> {
    /// The ID column's header cell in the first sheet.
    fn id_place(&self) -> Option<(&'a str, String)> {
        let ta = self.ta;
        self.ra
            .id
            .map(|i| (self.names[0], a1(ta.header, ta.columns[i].col)))
    }

    /// The ID column used to pair respondents, or `None` (not in the second sheet, a running
    /// number, `--no-id`, or none found), with the reason on the plan. A count that may or may
    /// not be a running number is refused.
    fn id_column(
        &self,
        id_name: Option<&String>,
        recs: [&Recs; 2],
        plan: &mut ReadPlan,
    ) -> Result<Option<String>, ReadError> {
        let (path, options, ta, ra) = (self.path, self.options, self.ta, self.ra);
        let [na, nb] = self.names;
        let id_place = self.id_place();
        let mut id_column = if self.rb.id.is_some() {
            id_name.cloned()
        } else {
            None
        };
        if let (Some(name), None) = (id_name, &id_column) {
            plan.add_text(
                PlanTopic::IdColumn,
                id_place.clone(),
                PlanText::IdInOneSheet { name, na },
            );
        }
        // A running number (1, 2, 3, … in each sheet) numbers answers, not people.
        if let (Some(name), false) = (
            &id_column,
            ra.id_forced || names_a_person(id_name.map_or("", String::as_str)),
        ) {
            let count = counting(
                recs[0].ids.iter().map(Option::as_deref),
                recs[1].ids.iter().map(Option::as_deref),
            );
            if let (Counting::Uncertain(ranges), false) = (count, options.no_id) {
                return Err(uncertain_count(path, name, [na, nb], ranges, false));
            }
            if count == Counting::FromOne {
                plan.add_text(
                    PlanTopic::IdColumn,
                    id_place.clone(),
                    PlanText::RunningNumberSheets { name },
                );
                id_column = None;
            }
        }
        if let (Some(name), true) = (&id_column, options.no_id) {
            plan.add_text(
                PlanTopic::IdColumn,
                id_place.clone(),
                PlanText::NotPairedSheets { name },
            );
            id_column = None;
        }
        if let Some(name) = &id_column {
            plan.add_text(PlanTopic::IdColumn, id_place.clone(), |lang| {
                id_reason(ta, ra.id_forced, name, lang)
            });
        } else if id_name.is_none() {
            plan.add_text(PlanTopic::IdColumn, None, ReadingWord::NoIdColumnSheets);
        }
        Ok(id_column)
    }

    /// Pairs the rows by the ID column `name` (leading zeros unified first): whether the
    /// sheets are paired, and for each row of the first sheet the row of the second with the
    /// same ID.
    fn pair(
        &self,
        name: &str,
        recs_a: &mut Recs,
        recs_b: &mut Recs,
        plan: &mut ReadPlan,
    ) -> Result<(bool, Vec<Option<usize>>), ReadError> {
        let path = self.path;
        let [na, nb] = self.names;
        let fix = unify_leading_zeros(
            &mut recs_a.ids.iter_mut().collect::<Vec<_>>(),
            &mut recs_b.ids.iter_mut().collect::<Vec<_>>(),
        );
        if let Some(z) = &fix {
            zero_plan(plan, z, [na, nb], name);
        }
        id_index(path, self.ta.name(), recs_a, None)?;
        let index_b = id_index(path, self.tb.name(), recs_b, None)?;
        let partner: Vec<Option<usize>> = recs_a
            .ids
            .iter()
            .map(|id| id.as_deref().and_then(|id| index_b.get(id).copied()))
            .collect();
        let matched = partner.iter().filter(|p| p.is_some()).count();
        let sides = [
            (
                na,
                recs_a
                    .ids
                    .iter()
                    .flatten()
                    .map(String::as_str)
                    .collect::<Vec<_>>(),
            ),
            (
                nb,
                recs_b
                    .ids
                    .iter()
                    .flatten()
                    .map(String::as_str)
                    .collect::<Vec<_>>(),
            ),
        ];
        let paired = decide_pairing(
            path,
            plan,
            name,
            self.ra.id_forced,
            matched,
            &sides,
            self.id_place(),
        )?;
        Ok((paired, partner))
    }

    /// The two groups: when `paired`, the rows with a partner, in the first sheet's order (the
    /// others noted as unpaired; `by`: a breakdown value that changed is noted); else every
    /// row of each sheet.
    fn groups(
        &self,
        paired: bool,
        by: bool,
        partner: Vec<Option<usize>>,
        [mut recs_a, mut recs_b]: [Recs; 2],
        notes: &mut Vec<Keyed>,
    ) -> [Group; 2] {
        let (ta, tb, ra, rb) = (self.ta, self.tb, self.ra, self.rb);
        let [cols_a, cols_b] = self.cols;
        if !paired {
            for i in 0..recs_a.len() {
                recs_a.take_notes(i, 0, notes);
            }
            for j in 0..recs_b.len() {
                recs_b.take_notes(j, 1, notes);
            }
            let [first] = recs_a.into_groups(ta, cols_a, [None]);
            let [second] = recs_b.into_groups(tb, cols_b, [None]);
            return [first, second];
        }
        let id_col_a = ra.id.map(|i| ta.columns[i].col);
        let id_col_b = rb.id.map(|i| tb.columns[i].col);
        let by_col_b = if by {
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
                    recs_a.take_notes(i, 0, notes);
                    recs_b.take_notes(j, 1, notes);
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
        let [first] = recs_a.into_groups(ta, cols_a, [Some(&sel_a)]);
        let [second] = recs_b.into_groups(tb, cols_b, [Some(&sel_b)]);
        [first, second]
    }
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

/// A one-sheet layout has groups, not sheets: an unmatched ID is "in one group only".
fn in_group(mut k: Keyed) -> Keyed {
    if k.1.kind == NoteKind::UnmatchedId {
        k.1.kind = NoteKind::UnmatchedIdInGroup;
    }
    k
}

/// One sheet split into two groups by the column `g`: its two values and their order, the
/// rows of each group, the ID column and the pairing of respondents, and the two groups.
fn group_column(
    path: &Path,
    options: &ReadOptions,
    scale: Option<&Scale>,
    mut t: Table,
    g: usize,
    mut plan: ReadPlan,
) -> Result<Survey, ReadError> {
    header_plan(&mut plan, options, &[&t]);
    let r = roles(path, &t, options, Some(g))?;
    let gname = t.columns[g].name.clone();
    let values = group_values(path, options, &t, g)?;
    let labels = group_order(path, options, &gname, &values, &mut plan)?;
    let mut items: Vec<String> = r.items.iter().map(|&i| t.columns[i].name.clone()).collect();
    let mut item_cols = r.items.clone();
    let item_plan = plan_items(
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
    if options.only_levels {
        // Two waves of a column with more: the rows of the other waves are not part of this
        // comparison (rows with a blank value stay, and are noted as without a group).
        let gcol = t.columns[g].col;
        let first = t.first_data;
        let mut i = 0;
        t.sheet.rows.retain(|row| {
            let keep = i < first
                || super::clean::id_text(row.get(gcol)).map_or(true, |v| labels.contains(&v));
            i += 1;
            keep
        });
    }
    let mut recs = records(
        &mut t,
        &r,
        &r.items,
        &items,
        &item_plan.readers,
        Some(&labels[0]),
    );
    let gcol = t.columns[g].col;
    let mut notes: Vec<Keyed> = item_plan.notes;
    let parts = split_rows(&t, &mut recs, gcol, &mut notes);
    let tname = t.name().to_string();
    summary_rows(&t, 0, &mut notes, &mut plan);
    let id_name = r.id.map(|i| t.columns[i].name.clone());
    let one = OneSheet {
        path,
        options,
        t: &t,
        r: &r,
        gname: &gname,
        labels: &labels,
        id_col: r.id.map(|i| t.columns[i].col),
        tname: &tname,
    };
    let id_column = one.id_column(id_name.as_ref(), &recs, &parts, &mut plan)?;
    let (paired, partner) = match &id_column {
        Some(name) => one.pair(name, &mut recs, &parts, &mut plan)?,
        None => (false, Vec::new()),
    };
    let id_column = id_column.filter(|_| paired);
    let (sel0, sel1) = one.select(paired, partner, parts, &mut recs, &mut notes);
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
        scales: item_plan.scales,
        plan,
    })
}

/// The values of the group column `g`, in order of first appearance: exactly two (with
/// `--only-levels`, all of them when `--levels` names two), else refused.
fn group_values(
    path: &Path,
    options: &ReadOptions,
    t: &Table,
    g: usize,
) -> Result<Vec<String>, ReadError> {
    let gname = &t.columns[g].name;
    let limit = if options.only_levels { MAX_LEVELS } else { 2 };
    let values = distinct(t, t.columns[g].col, limit);
    if values.len() != 2 && !(options.only_levels && options.levels.is_some()) {
        return Err(ReadError::layout_text(
            path,
            reading::group_values(gname, &values),
        ));
    }
    Ok(values)
}

/// The two group values in time order: as given with `--levels`, else the earlier first when
/// they carry time, else in order of first appearance. The order and why go on the plan.
fn group_order(
    path: &Path,
    options: &ReadOptions,
    gname: &str,
    values: &[String],
    plan: &mut ReadPlan,
) -> Result<[String; 2], ReadError> {
    Ok(match &options.levels {
        Some((a, b)) => {
            let pick = |want: &str| {
                values
                    .iter()
                    .find(|v| v.as_str() == want.trim() || normalize(v) == normalize(want))
                    .cloned()
            };
            match (pick(a), pick(b)) {
                (Some(x), Some(y)) if x != y => {
                    plan.add_text(
                        PlanTopic::Order,
                        None,
                        PlanText::LevelsOrder { x: &x, y: &y },
                    );
                    [x, y]
                }
                _ => {
                    return Err(ReadError::layout_text(
                        path,
                        reading::levels_not_found(a, b, gname, values),
                    ))
                }
            }
        }
        None => {
            let (v0, v1) = (&values[0], &values[1]);
            match compare(v0, v1) {
                Compared::Ordered(first, r0, r1) => {
                    let (x, y, rx, ry) = if first == 0 {
                        (v0, v1, r0, r1)
                    } else {
                        (v1, v0, r1, r0)
                    };
                    let text = |lang| {
                        OrderText::LevelsByTime {
                            x,
                            y,
                            rx: &order::reading(&rx, lang),
                            ry: &order::reading(&ry, lang),
                            column: gname,
                        }
                        .text(lang)
                    };
                    plan.add_text(PlanTopic::Order, None, text);
                    [x.clone(), y.clone()]
                }
                Compared::EitherWay(m0, _) => {
                    let (fiscal, calendar) = if m0 >= 4 { (v0, v1) } else { (v1, v0) };
                    let text = |lang| {
                        EitherWay::Levels {
                            fiscal,
                            calendar,
                            column: gname,
                        }
                        .text(lang)
                    };
                    return Err(ReadError::layout_text(path, text));
                }
                Compared::Unknown => {
                    let text = |lang| {
                        OrderText::LevelsByAppearance {
                            x: v0,
                            y: v1,
                            column: gname,
                        }
                        .text(lang)
                    };
                    plan.add_text(PlanTopic::Order, None, text);
                    [v0.clone(), v1.clone()]
                }
            }
        }
    })
}

/// Row indices of each group, in sheet order; a row without a group value gets a note.
fn split_rows(t: &Table, recs: &mut Recs, gcol: u32, notes: &mut Vec<Keyed>) -> [Vec<usize>; 2] {
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
    parts
}

/// The sheet of [`group_column`] once its rows are read and split: the ID column, the pairing
/// and the rows of each group are decided from these.
struct OneSheet<'a> {
    path: &'a Path,
    options: &'a ReadOptions,
    t: &'a Table,
    r: &'a Roles,
    gname: &'a str,
    /// The two group values, first condition first.
    labels: &'a [String; 2],
    /// Column of the ID, if one.
    id_col: Option<u32>,
    tname: &'a str,
}

impl<'a> OneSheet<'a> {
    /// The ID column's header cell.
    fn id_place(&self) -> Option<(&'a str, String)> {
        let header = self.t.header;
        self.id_col.map(|c| (self.tname, a1(header, c)))
    }

    /// `gname=label` for group `k`.
    fn side_name(&self, k: usize) -> String {
        format!("{}={}", self.gname, self.labels[k])
    }

    /// The ID column used to pair respondents, or `None` (a running number, `--no-id`, or
    /// none found), with the reason on the plan. A count that may or may not be a running
    /// number is refused.
    fn id_column(
        &self,
        id_name: Option<&String>,
        recs: &Recs,
        parts: &[Vec<usize>; 2],
        plan: &mut ReadPlan,
    ) -> Result<Option<String>, ReadError> {
        let (path, options, t, r) = (self.path, self.options, self.t, self.r);
        let id_place = self.id_place();
        let mut id_column = id_name.cloned();
        let group_ids = |k: usize| parts[k].iter().map(|&i| recs.ids[i].as_deref());
        if let (Some(name), false) = (
            &id_column,
            r.id_forced || names_a_person(id_name.map_or("", String::as_str)),
        ) {
            let count = counting(group_ids(0), group_ids(1));
            if let (Counting::Uncertain(ranges), false) = (count, options.no_id) {
                let sides = [0, 1].map(|k| self.side_name(k));
                return Err(uncertain_count(
                    path,
                    name,
                    [&sides[0], &sides[1]],
                    ranges,
                    true,
                ));
            }
            if count == Counting::FromOne {
                plan.add_text(
                    PlanTopic::IdColumn,
                    id_place.clone(),
                    PlanText::RunningNumberGroups { name },
                );
                id_column = None;
            }
        }
        if let (Some(name), true) = (&id_column, options.no_id) {
            plan.add_text(
                PlanTopic::IdColumn,
                id_place.clone(),
                PlanText::NotPairedGroups { name },
            );
            id_column = None;
        }
        match &id_column {
            Some(name) => plan.add_text(PlanTopic::IdColumn, id_place.clone(), |lang| {
                id_reason(t, r.id_forced, name, lang)
            }),
            None if id_name.is_none() => {
                plan.add_text(PlanTopic::IdColumn, None, ReadingWord::NoIdColumnGroups)
            }
            None => {}
        }
        Ok(id_column)
    }

    /// Pairs the rows of the two groups by the ID column `name` (leading zeros unified
    /// first): whether the groups are paired, and for each row of the first group the row of
    /// the second with the same ID.
    fn pair(
        &self,
        name: &str,
        recs: &mut Recs,
        parts: &[Vec<usize>; 2],
        plan: &mut ReadPlan,
    ) -> Result<(bool, Vec<Option<usize>>), ReadError> {
        let path = self.path;
        let mut side = vec![2u8; recs.len()];
        for (k, part) in parts.iter().enumerate() {
            for &i in part {
                side[i] = k as u8;
            }
        }
        let (mut ids0, mut ids1): (Vec<_>, Vec<_>) = (Vec::new(), Vec::new());
        for (i, id) in recs.ids.iter_mut().enumerate() {
            match side[i] {
                0 => ids0.push(id),
                1 => ids1.push(id),
                _ => {}
            }
        }
        let fix = unify_leading_zeros(&mut ids0, &mut ids1);
        drop((ids0, ids1));
        let side_names = [self.side_name(0), self.side_name(1)];
        if let Some(z) = &fix {
            zero_plan(plan, z, [&side_names[0], &side_names[1]], name);
        }
        let sheet_k = |k: usize| format!("{} ({}={})", self.t.name(), self.gname, self.labels[k]);
        id_index(path, &sheet_k(0), recs, Some(&parts[0]))?;
        let index1 = id_index(path, &sheet_k(1), recs, Some(&parts[1]))?;
        let partner: Vec<Option<usize>> = parts[0]
            .iter()
            .map(|&i| {
                recs.ids[i]
                    .as_deref()
                    .and_then(|id| index1.get(id).copied())
            })
            .collect();
        let matched = partner.iter().filter(|p| p.is_some()).count();
        let ids_of = |k: usize| -> Vec<&str> {
            parts[k]
                .iter()
                .filter_map(|&i| recs.ids[i].as_deref())
                .collect()
        };
        let sides = [
            (side_names[0].as_str(), ids_of(0)),
            (side_names[1].as_str(), ids_of(1)),
        ];
        let paired = decide_pairing(
            path,
            plan,
            name,
            self.r.id_forced,
            matched,
            &sides,
            self.id_place(),
        )?;
        Ok((paired, partner))
    }

    /// The rows of each group: when `paired`, the rows with a partner, in the first group's
    /// order (the others noted as unpaired); else every row of each group.
    fn select(
        &self,
        paired: bool,
        partner: Vec<Option<usize>>,
        [p0, p1]: [Vec<usize>; 2],
        recs: &mut Recs,
        notes: &mut Vec<Keyed>,
    ) -> (Vec<usize>, Vec<usize>) {
        let (t, id_col) = (self.t, self.id_col);
        let selected = if paired {
            // IDs are unique in each group: a row of the second is matched by at most one.
            let mut matched1 = vec![false; recs.len()];
            for &j in partner.iter().flatten() {
                matched1[j] = true;
            }
            for &j in &p1 {
                let id = recs.ids[j].as_ref();
                if id.is_none() || !matched1[j] {
                    notes.push(in_group(unpaired_note(
                        t.name(),
                        0,
                        recs.rows[j],
                        id_col,
                        id,
                    )));
                }
            }
            drop(matched1);
            let mut sel0 = Vec::new();
            let mut sel1 = Vec::new();
            for (&i, p) in p0.iter().zip(&partner) {
                match (&recs.ids[i], *p) {
                    (Some(_), Some(j)) => {
                        recs.take_notes(i, 0, notes);
                        recs.take_notes(j, 0, notes);
                        sel0.push(i);
                        sel1.push(j);
                    }
                    (id, _) => notes.push(in_group(unpaired_note(
                        t.name(),
                        0,
                        recs.rows[i],
                        id_col,
                        id.as_ref(),
                    ))),
                }
            }
            (sel0, sel1)
        } else {
            for &i in p0.iter().chain(&p1) {
                recs.take_notes(i, 0, notes);
            }
            (p0, p1)
        };
        drop(partner);
        selected
    }
}
