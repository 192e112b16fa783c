//! Finding the layout, header row and columns, and assembling the [`Survey`].

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::address::a1;
use super::clean::{normalize, Scale};
use super::columns::{distinct, guess_id, is_meta, not_found, roles, GROUP_NAMES};
use super::header::{make_table, make_tables, on_two_threads, Table};
use super::load::Book;
use super::pairing::id_index;
use super::rows::{records, row_note, unpaired_note, Keyed};
use super::time::condition_of;
use super::{Group, Layout, Note, NoteKind, ReadError, ReadOptions, Survey};

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
    // The cells are read into columns (both sheets at once, on two threads), each sheet freed
    // row by row as it is read.
    let (recs_a, recs_b) = on_two_threads(
        path,
        "reading the rows of the second sheet",
        || Ok(records(&mut ta, &ra, &cols_a, &items, scale, None)),
        || Ok(records(&mut tb, &rb, &cols_b, &items, scale, None)),
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
    let items: Vec<String> = r.items.iter().map(|&i| t.columns[i].name.clone()).collect();
    let mut recs = records(&mut t, &r, &r.items, &items, scale, Some(&labels[0]));
    let gcol = t.columns[g].col;
    let mut notes: Vec<Keyed> = Vec::new();
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
    })
}
