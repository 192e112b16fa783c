//! The Checks sheet (データ確認): every reading decision and every cell left out, with its evidence.
//!
//! Top to bottom: the reading decisions (src/report/plan_sheet.rs); exclusions, pairing problems
//! and cells to look at first, one row each (in sheet order); the answer labels of each item's
//! scale; the item-level messages (not tested, assumptions); then the routine conversions as
//! one mapping table with counts (「そう思う」→ 4: 212 cells), not one row per cell.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};

use super::*;
use crate::words::checks::{
    table_name, ChecksFormat, ChecksHeader, ChecksKind, ChecksText, ChecksValue,
};
use crate::workbook::Note;

/// What every step of the sheet needs.
struct Ctx<'a> {
    survey: &'a Survey,
    a: &'a Analysis,
    keep_ids: bool,
    lang: Lang,
    /// Top-aligned cells (every column's format).
    top: Format,
    /// The "missing" format, top-aligned.
    missing_top: Format,
    /// (row, column, text units) of every wrapped cell written.
    fit: RefCell<Vec<(u32, u16, f64)>>,
}

impl Ctx<'_> {
    /// Keeps a wrapped cell's text for the column widths and row heights.
    fn log(&self, row: u32, col: u16, text: &str) {
        self.fit.borrow_mut().push((row, col, print_units(text)));
    }
}

/// Where a note's row points: its sheets, cells, item and how many cells it stands for.
struct At<'n> {
    sheet: &'n str,
    cells: &'n str,
    item: Option<&'n str>,
    count: usize,
}

pub(super) fn write_checks(
    ws: &mut Worksheet,
    survey: &Survey,
    a: &Analysis,
    f: &Formats,
    keep_ids: bool,
    lang: Lang,
) -> Result<(), XlsxError> {
    let headers: Vec<&str> = ChecksHeader::ALL.iter().map(|h| h.get(lang)).collect();
    let cx = Ctx {
        survey,
        a,
        keep_ids,
        lang,
        top: Format::new().set_align(FormatAlign::Top),
        missing_top: f.missing.clone().set_align(FormatAlign::Top),
        fit: Default::default(),
    };
    set_column_formats(ws, &cx)?;
    let mut row = plan_sheet::write_checks_rows(ws, survey, lang, 1)?;
    for (i, e) in survey.plan.entries.iter().enumerate() {
        cx.log(1 + i as u32, 4, e.message(lang));
        cx.log(1 + i as u32, 3, e.topic.describe(lang));
        if let Some(cell) = &e.cell {
            cx.log(1 + i as u32, 2, cell);
        }
    }
    // Item-level messages and closing lines (column 4), kept for the column width.
    let mut messages: Vec<String> = Vec::new();
    let (next, omitted) = write_notes(ws, &cx, row)?;
    row = write_scales(ws, &cx, next)?;
    row = write_item_messages(ws, &cx, row, &mut messages)?;
    row = write_mappings(ws, &cx, row)?;
    row = write_closing_lines(ws, &cx, row, omitted, &mut messages)?;
    let columns: Vec<TableColumn> = headers
        .iter()
        .map(|h| {
            TableColumn::new()
                .set_header(*h)
                .set_header_format(&f.header)
        })
        .collect();
    ws.add_table(
        0,
        0,
        row - 1,
        7,
        &Table::new()
            .set_name(table_name(lang))
            .set_style(TableStyle::Light1)
            .set_columns(&columns),
    )?;
    ws.set_freeze_panes(1, 0)?;
    ws.autofit();
    set_column_widths(ws, &cx, &headers, &messages)?;
    fit_wrapped_columns(ws, &cx, &headers)?;
    ws.set_repeat_rows(0, 0)?;
    print_setup(ws, Print::FitWidth { landscape: true })?;
    Ok(())
}

/// Long text wraps in its column (cells, what happened, original) instead of widening the sheet
/// until the printed page shrinks; every row gets the height its lines need, as on the Method
/// sheet (LibreOffice keeps the stored height on load). Unformatted cells take the column format.
fn set_column_formats(ws: &mut Worksheet, cx: &Ctx) -> Result<(), XlsxError> {
    let wrap_top = cx.top.clone().set_text_wrap();
    for c in 0..8u16 {
        let wrapped = CHECKS_WRAPPED.iter().any(|&(w, _)| w == c);
        ws.set_column_format(c, if wrapped { &wrap_top } else { &cx.top })?;
    }
    Ok(())
}

/// The routine conversions, listed as one mapping table with counts rather than a row per cell.
fn is_routine(kind: NoteKind) -> bool {
    matches!(
        kind,
        NoteKind::Blank
            | NoteKind::NoAnswer
            | NoteKind::Text
            | NoteKind::FullWidthDigits
            | NoteKind::NumberAsText
            | NoteKind::LikertLabel
    )
}

/// Exclusions, pairing problems and cells to look at first, one row each (in sheet order), up to
/// the sheet's row limit; returns the next free row and how many were left out.
fn write_notes(ws: &mut Worksheet, cx: &Ctx, mut row: u32) -> Result<(u32, usize), XlsxError> {
    let mut omitted = 0usize;
    for note in cx.survey.notes.iter().filter(|n| !is_routine(n.kind)) {
        if row >= MAX_ROW - 200 {
            omitted += 1;
            continue;
        }
        let at = At {
            sheet: &note.sheet,
            cells: &note.cell,
            item: note.item.as_deref(),
            count: 1,
        };
        write_note(ws, cx, row, note, &at)?;
        row += 1;
    }
    Ok((row, omitted))
}

/// One row for `note` (or for the notes of a mapping row, `at.count` of them).
fn write_note(
    ws: &mut Worksheet,
    cx: &Ctx,
    row: u32,
    note: &Note,
    at: &At,
) -> Result<(), XlsxError> {
    let lang = cx.lang;
    let kind = if note.kind.is_warning() {
        ChecksKind::Warning
    } else if is_routine(note.kind) {
        ChecksKind::Conversion
    } else {
        ChecksKind::Excluded
    };
    ws.write_string(row, 0, kind.get(lang))?;
    ws.write_string(row, 1, at.sheet)?;
    ws.write_string(row, 2, at.cells)?;
    cx.log(row, 2, at.cells);
    if let Some(item) = at.item {
        ws.write_string(row, 3, item)?;
        cx.log(row, 3, item);
    }
    ws.write_string(row, 4, note.kind.describe(lang))?;
    cx.log(row, 4, note.kind.describe(lang));
    let original = shown_original(note, cx.keep_ids, cx.a, lang);
    ws.write_string(row, 5, &original)?;
    cx.log(row, 5, &original);
    write_value_used(ws, cx, row, note)?;
    ws.write_number(row, 7, at.count as f64)?;
    Ok(())
}

/// The "value used" column of a note: the number, or what became of a cell, row or column.
fn write_value_used(ws: &mut Worksheet, cx: &Ctx, row: u32, note: &Note) -> Result<(), XlsxError> {
    let value = match (note.value, note.kind) {
        (Some(v), _) => return put_num(ws, row, 6, v, &cx.top, &cx.missing_top),
        // Notes about a whole row or column, not a cell value.
        (
            None,
            NoteKind::UnmatchedId
            | NoteKind::UnmatchedIdInGroup
            | NoteKind::MissingId
            | NoteKind::MissingGroup
            | NoteKind::SummaryRow
            | NoteKind::HiddenRow
            | NoteKind::FilteredRow
            | NoteKind::TableTotalsRow
            | NoteKind::SubtotalRow,
        ) => ChecksValue::RowExcluded,
        (
            None,
            NoteKind::ItemInOneSheet
            | NoteKind::HiddenColumn
            | NoteKind::HiddenSheet
            | NoteKind::OutsideTable
            | NoteKind::NotAnItemQuantity
            | NoteKind::NotAnItemTotal
            | NoteKind::NotAnItemRange,
        ) => ChecksValue::NotAnalysed,
        (None, NoteKind::ByChanged) => {
            // `original` is "first → second"; the first sheet's value is the one used.
            let shown = shown_original(note, cx.keep_ids, cx.a, cx.lang);
            let first = shown.split(" → ").next().unwrap_or_default();
            ws.write_string(row, 6, first)?;
            return Ok(());
        }
        // Column-level notes about how values were read: nothing to show per cell.
        (None, NoteKind::UnitRemoved | NoteKind::PercentCells) => return Ok(()),
        (None, _) => ChecksValue::Missing,
    };
    ws.write_string_with_format(row, 6, value.get(cx.lang), &cx.missing_top)?;
    Ok(())
}

/// One small table per item with answer labels: each label, its score and how many cells.
fn write_scales(ws: &mut Worksheet, cx: &Ctx, mut row: u32) -> Result<u32, XlsxError> {
    let lang = cx.lang;
    for sc in &cx.survey.scales {
        let how = sc.describe(lang);
        for l in &sc.labels {
            if row >= MAX_ROW - 200 {
                break;
            }
            ws.write_string(row, 0, ChecksKind::Scale.get(lang))?;
            ws.write_string(row, 3, &sc.item)?;
            cx.log(row, 3, &sc.item);
            let cells = ChecksFormat::ScaleCells {
                how: &how,
                count: l.count,
            }
            .text(lang);
            ws.write_string(row, 4, &cells)?;
            cx.log(row, 4, &cells);
            ws.write_string(row, 5, &l.label)?;
            cx.log(row, 5, &l.label);
            put_num(ws, row, 6, l.score, &cx.top, &cx.missing_top)?;
            row += 1;
        }
    }
    Ok(row)
}

/// The items that could not be tested and the notes on the tests' assumptions, one row each;
/// their texts are added to `messages`.
fn write_item_messages(
    ws: &mut Worksheet,
    cx: &Ctx,
    mut row: u32,
    messages: &mut Vec<String>,
) -> Result<u32, XlsxError> {
    let (a, lang) = (cx.a, cx.lang);
    for block in &a.blocks {
        for it in &block.items {
            let by = block
                .by
                .as_ref()
                .map(|b| format!(" [{}]", text::by_label(b, lang)))
                .unwrap_or_default();
            let mut lines: Vec<(ChecksKind, String)> = Vec::new();
            if let Some(ex) = &it.excluded {
                lines.push((ChecksKind::NotTested, ex.message(lang)));
            }
            for n in &it.notes {
                lines.push((ChecksKind::Assumption, n.message(lang, &a.labels)));
            }
            for (kind, msg) in lines {
                ws.write_string(row, 0, kind.get(lang))?;
                let item = format!("{}{by}", it.item);
                ws.write_string(row, 3, &item)?;
                cx.log(row, 3, &item);
                ws.write_string(row, 4, &msg)?;
                cx.log(row, 4, &msg);
                messages.push(msg);
                row += 1;
            }
        }
    }
    Ok(row)
}

/// A row of the mapping table: the first note of its kind, original text and value used.
struct Mapping<'n> {
    note: &'n Note,
    count: usize,
    sheets: Vec<&'n str>,
    cells: Vec<(&'n str, &'n str)>,
    items: Vec<&'n str>,
}

/// The routine conversions grouped into the rows of the mapping table: one per kind of
/// conversion and original text (blank cells: per item), with the count, the sheets and the
/// first cells, in the order of their first cell.
fn mappings(survey: &Survey) -> Vec<Mapping<'_>> {
    let mut maps: Vec<Mapping> = Vec::new();
    // Key: kind, item (blank cells only), original text, value used (bits).
    type Key<'n> = (NoteKind, Option<&'n str>, &'n str, Option<u64>);
    let mut index: HashMap<Key, usize> = HashMap::new();
    for note in survey.notes.iter().filter(|n| is_routine(n.kind)) {
        let per_item = (note.kind == NoteKind::Blank)
            .then_some(note.item.as_deref())
            .flatten();
        let key = (
            note.kind,
            per_item,
            note.original.as_str(),
            note.value.map(f64::to_bits),
        );
        let k = *index.entry(key).or_insert_with(|| {
            maps.push(Mapping {
                note,
                count: 0,
                sheets: Vec::new(),
                cells: Vec::new(),
                items: Vec::new(),
            });
            maps.len() - 1
        });
        let m = &mut maps[k];
        m.count += 1;
        if !m.sheets.contains(&note.sheet.as_str()) {
            m.sheets.push(&note.sheet);
        }
        if m.cells.len() < MAPPING_CELLS {
            m.cells.push((&note.sheet, &note.cell));
        }
        if let Some(item) = note.item.as_deref() {
            if !m.items.contains(&item) {
                m.items.push(item);
            }
        }
    }
    maps
}

/// The mapping table of the routine conversions.
fn write_mappings(ws: &mut Worksheet, cx: &Ctx, mut row: u32) -> Result<u32, XlsxError> {
    for m in &mappings(cx.survey) {
        // Addresses carry their sheet when the row spans two sheets.
        let mut cells = m
            .cells
            .iter()
            .map(|(sheet, cell)| {
                if m.sheets.len() > 1 {
                    format!("{sheet}!{cell}")
                } else {
                    cell.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join(", ");
        if m.count > m.cells.len() {
            cells.push_str(", …");
        }
        let items = match m.items.len() {
            0 => None,
            1 => Some(m.items[0].to_string()),
            n => Some(ChecksFormat::Items { n }.text(cx.lang)),
        };
        let sheets = m.sheets.join(", ");
        let at = At {
            sheet: &sheets,
            cells: &cells,
            item: items.as_deref(),
            count: m.count,
        };
        write_note(ws, cx, row, m.note, &at)?;
        row += 1;
    }
    Ok(row)
}

/// The line on rows left out at the sheet's limit, and the line of a sheet with nothing to list;
/// their texts are added to `messages`.
fn write_closing_lines(
    ws: &mut Worksheet,
    cx: &Ctx,
    mut row: u32,
    omitted: usize,
    messages: &mut Vec<String>,
) -> Result<u32, XlsxError> {
    if omitted > 0 {
        let msg = ChecksFormat::Omitted { omitted }.text(cx.lang);
        ws.write_string(row, 4, &msg)?;
        cx.log(row, 4, &msg);
        messages.push(msg);
        row += 1;
    }
    if row == 1 + cx.survey.plan.entries.len() as u32 {
        let msg = ChecksText::NothingConverted.get(cx.lang);
        ws.write_string(row, 4, msg)?;
        messages.push(msg.to_string());
        row += 1;
    }
    Ok(row)
}

/// The widths of the sheet, item, what-happened and original columns (after `autofit()`).
fn set_column_widths(
    ws: &mut Worksheet,
    cx: &Ctx,
    headers: &[&str],
    messages: &[String],
) -> Result<(), XlsxError> {
    let (survey, a, lang) = (cx.survey, cx.a, cx.lang);
    let sheets = survey.notes.iter().map(|n| n.sheet.as_str());
    widen_for_text(ws, 1, sheets.chain([headers[1]]), 30.0)?;
    let items = survey.notes.iter().filter_map(|n| n.item.as_deref());
    let tested = a
        .blocks
        .iter()
        .flat_map(|b| b.items.iter().map(|i| i.item.as_str()));
    let by_len = a
        .blocks
        .iter()
        .filter_map(|b| b.by.as_deref())
        .map(|b| text_units(text::by_label(b, lang)))
        .fold(0.0, f64::max);
    let widest_item = items
        .chain(tested)
        .chain([headers[3]])
        .map(text_units)
        .fold(0.0, f64::max);
    ws.set_column_width(3, (widest_item + by_len + 5.0).min(50.0))?;
    let kinds = survey.notes.iter().map(|n| n.kind.describe(lang));
    let all_messages = kinds
        .chain(messages.iter().map(String::as_str))
        .chain([headers[4]]);
    widen_for_text(ws, 4, all_messages, 80.0)?;
    let originals: Vec<String> = survey
        .notes
        .iter()
        .map(|n| shown_original(n, cx.keep_ids, a, lang))
        .collect();
    widen_for_text(
        ws,
        5,
        originals.iter().map(String::as_str).chain([headers[5]]),
        40.0,
    )
}

/// The wrapped columns: as wide as their longest text up to a cap, then rows as tall as their
/// longest cell's lines.
fn fit_wrapped_columns(ws: &mut Worksheet, cx: &Ctx, headers: &[&str]) -> Result<(), XlsxError> {
    let fit = cx.fit.borrow();
    let mut widths = [0.0f64; 8];
    for &(col, cap) in CHECKS_WRAPPED {
        let widest = fit
            .iter()
            .filter(|c| c.1 == col)
            .map(|c| c.2)
            .chain([text_units(headers[col as usize])])
            .fold(0.0, f64::max);
        widths[col as usize] = (widest + 2.0).min(cap);
        ws.set_column_width(col, widths[col as usize])?;
    }
    let mut lines: BTreeMap<u32, f64> = Default::default();
    for &(r, col, units) in fit.iter() {
        let n = (units / (widths[col as usize] - 1.0)).ceil().max(1.0);
        let e = lines.entry(r).or_insert(1.0);
        *e = e.max(n);
    }
    for (r, n) in lines {
        if n > 1.0 {
            ws.set_row_height(r, 15.0 * n + 3.0)?;
        }
    }
    Ok(())
}
