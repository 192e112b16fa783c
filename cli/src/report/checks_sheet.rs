//! The Checks sheet (データ確認): every reading decision and every cell left out, with its evidence.

use super::*;

pub(super) fn write_checks(
    ws: &mut Worksheet,
    survey: &Survey,
    a: &Analysis,
    f: &Formats,
    keep_ids: bool,
    lang: Lang,
) -> Result<(), XlsxError> {
    let headers = [
        lang.pick("Kind", "種類"),
        lang.pick("Sheet", "シート"),
        lang.pick("Cell", "セル"),
        lang.pick("Item", "設問"),
        lang.pick("What happened", "内容"),
        lang.pick("Original", "元の値"),
        lang.pick("Value used", "使用した値"),
        lang.pick("Cells", "件数"),
    ];
    // Long text wraps in its column (cells, what happened, original) instead of widening the
    // sheet until the printed page shrinks; every row gets the height its lines need, as on the
    // Method sheet (LibreOffice keeps the stored height on load). Unformatted cells take the
    // column format.
    let top = Format::new().set_align(FormatAlign::Top);
    let wrap_top = top.clone().set_text_wrap();
    let missing_top = f.missing.clone().set_align(FormatAlign::Top);
    for c in 0..8u16 {
        let wrapped = CHECKS_WRAPPED.iter().any(|&(w, _)| w == c);
        ws.set_column_format(c, if wrapped { &wrap_top } else { &top })?;
    }
    // (row, column, text units) of every wrapped cell written.
    let fit: std::cell::RefCell<Vec<(u32, u16, f64)>> = Default::default();
    let log = |row: u32, col: u16, text: &str| fit.borrow_mut().push((row, col, print_units(text)));
    let mut row = plan_sheet::write_checks_rows(ws, survey, lang, 1)?;
    for (i, e) in survey.plan.entries.iter().enumerate() {
        log(1 + i as u32, 4, e.message(lang));
        log(1 + i as u32, 3, e.topic.describe(lang));
        if let Some(cell) = &e.cell {
            log(1 + i as u32, 2, cell);
        }
    }
    let mut omitted = 0usize;
    // Exclusions, pairing problems and cells to look at first, one row each (in sheet order);
    // then the item-level messages; then the routine conversions as one mapping table with
    // counts (「そう思う」→ 4: 212 cells), not one row per cell.
    let routine = |k: NoteKind| {
        matches!(
            k,
            NoteKind::Blank
                | NoteKind::NoAnswer
                | NoteKind::Text
                | NoteKind::FullWidthDigits
                | NoteKind::NumberAsText
                | NoteKind::LikertLabel
        )
    };
    let write_note = |ws: &mut Worksheet,
                      row: u32,
                      note: &crate::workbook::Note,
                      sheet: &str,
                      cells: &str,
                      item: Option<&str>,
                      count: usize|
     -> Result<(), XlsxError> {
        let kind = if note.kind.is_warning() {
            lang.pick("Warning", "警告")
        } else if routine(note.kind) {
            lang.pick("Conversion", "変換")
        } else {
            lang.pick("Excluded", "除外")
        };
        ws.write_string(row, 0, kind)?;
        ws.write_string(row, 1, sheet)?;
        ws.write_string(row, 2, cells)?;
        log(row, 2, cells);
        if let Some(item) = item {
            ws.write_string(row, 3, item)?;
            log(row, 3, item);
        }
        ws.write_string(row, 4, note.kind.describe(lang))?;
        log(row, 4, note.kind.describe(lang));
        let original = shown_original(note, keep_ids, a, lang);
        ws.write_string(row, 5, &original)?;
        log(row, 5, &original);
        match (note.value, note.kind) {
            (Some(v), _) => put_num(ws, row, 6, v, &top, &missing_top)?,
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
            ) => {
                ws.write_string_with_format(
                    row,
                    6,
                    lang.pick("row excluded", "行を除外"),
                    &missing_top,
                )?;
            }
            (
                None,
                NoteKind::ItemInOneSheet
                | NoteKind::HiddenColumn
                | NoteKind::HiddenSheet
                | NoteKind::OutsideTable
                | NoteKind::NotAnItemQuantity
                | NoteKind::NotAnItemTotal
                | NoteKind::NotAnItemRange,
            ) => {
                ws.write_string_with_format(
                    row,
                    6,
                    lang.pick("not analysed", "分析対象外"),
                    &missing_top,
                )?;
            }
            (None, NoteKind::ByChanged) => {
                // `original` is "first → second"; the first sheet's value is the one used.
                let shown = shown_original(note, keep_ids, a, lang);
                let first = shown.split(" → ").next().unwrap_or_default();
                ws.write_string(row, 6, first)?;
            }
            // Column-level notes about how values were read: nothing to show per cell.
            (None, NoteKind::UnitRemoved | NoteKind::PercentCells) => {}
            (None, _) => {
                ws.write_string_with_format(row, 6, lang.pick("missing", "欠測"), &missing_top)?;
            }
        }
        ws.write_number(row, 7, count as f64)?;
        Ok(())
    };
    for note in survey.notes.iter().filter(|n| !routine(n.kind)) {
        if row >= MAX_ROW - 200 {
            omitted += 1;
            continue;
        }
        write_note(
            ws,
            row,
            note,
            &note.sheet,
            &note.cell,
            note.item.as_deref(),
            1,
        )?;
        row += 1;
    }
    // One small table per item with answer labels: each label, its score and how many cells.
    for sc in &survey.scales {
        let how = sc.describe(lang);
        for l in &sc.labels {
            if row >= MAX_ROW - 200 {
                break;
            }
            ws.write_string(row, 0, lang.pick("Scale", "尺度"))?;
            ws.write_string(row, 3, &sc.item)?;
            log(row, 3, &sc.item);
            let cells = match lang {
                Lang::En => format!("{how} ({} cells)", l.count),
                Lang::Ja => format!("{how}（{} セル）", l.count),
            };
            ws.write_string(row, 4, &cells)?;
            log(row, 4, &cells);
            ws.write_string(row, 5, &l.label)?;
            log(row, 5, &l.label);
            put_num(ws, row, 6, l.score, &top, &missing_top)?;
            row += 1;
        }
    }
    // Item-level messages (column 4), kept for the column width.
    let mut messages: Vec<String> = Vec::new();
    for block in &a.blocks {
        for it in &block.items {
            let by = block
                .by
                .as_ref()
                .map(|b| format!(" [{}]", text::by_label(b, lang)))
                .unwrap_or_default();
            let mut lines: Vec<(String, String)> = Vec::new();
            if let Some(ex) = &it.excluded {
                lines.push((lang.pick("Not tested", "検定不可").into(), ex.message(lang)));
            }
            for n in &it.notes {
                lines.push((
                    lang.pick("Assumption", "前提の確認").into(),
                    n.message(lang, &a.labels),
                ));
            }
            for (kind, msg) in lines {
                ws.write_string(row, 0, kind)?;
                let item = format!("{}{by}", it.item);
                ws.write_string(row, 3, &item)?;
                log(row, 3, &item);
                ws.write_string(row, 4, &msg)?;
                log(row, 4, &msg);
                messages.push(msg);
                row += 1;
            }
        }
    }
    // The mapping table: one row per kind of conversion and original text (blank cells: per
    // item), with the count, the sheets and the first cells.
    struct Mapping<'n> {
        note: &'n crate::workbook::Note,
        count: usize,
        sheets: Vec<&'n str>,
        cells: Vec<(&'n str, &'n str)>,
        items: Vec<&'n str>,
    }
    let mut maps: Vec<Mapping> = Vec::new();
    // Key: kind, item (blank cells only), original text, value used (bits).
    type Key<'n> = (NoteKind, Option<&'n str>, &'n str, Option<u64>);
    let mut index: std::collections::HashMap<Key, usize> = std::collections::HashMap::new();
    for note in survey.notes.iter().filter(|n| routine(n.kind)) {
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
    for m in &maps {
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
            n => Some(match lang {
                Lang::En => format!("{n} items"),
                Lang::Ja => format!("{n} 問"),
            }),
        };
        write_note(
            ws,
            row,
            m.note,
            &m.sheets.join(", "),
            &cells,
            items.as_deref(),
            m.count,
        )?;
        row += 1;
    }
    if omitted > 0 {
        let msg = match lang {
            Lang::En => format!("… and {omitted} more conversions not listed (sheet limit)"),
            Lang::Ja => format!("…ほか {omitted} 件の変換は、行数の上限のため記載を省略"),
        };
        ws.write_string(row, 4, &msg)?;
        log(row, 4, &msg);
        messages.push(msg);
        row += 1;
    }
    if row == 1 + survey.plan.entries.len() as u32 {
        let msg = lang.pick(
            "Nothing was converted or excluded.",
            "変換・除外したセルはありません。",
        );
        ws.write_string(row, 4, msg)?;
        messages.push(msg.to_string());
        row += 1;
    }
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
            .set_name(lang.pick("Checks", "Checks_ja"))
            .set_style(TableStyle::Light1)
            .set_columns(&columns),
    )?;
    ws.set_freeze_panes(1, 0)?;
    ws.autofit();
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
        .map(|n| shown_original(n, keep_ids, a, lang))
        .collect();
    widen_for_text(
        ws,
        5,
        originals.iter().map(String::as_str).chain([headers[5]]),
        40.0,
    )?;
    // The wrapped columns: as wide as their longest text up to a cap, then rows as tall as their
    // longest cell's lines.
    let fit = fit.into_inner();
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
    let mut lines: std::collections::BTreeMap<u32, f64> = Default::default();
    for &(r, col, units) in &fit {
        let n = (units / (widths[col as usize] - 1.0)).ceil().max(1.0);
        let e = lines.entry(r).or_insert(1.0);
        *e = e.max(n);
    }
    for (r, n) in lines {
        if n > 1.0 {
            ws.set_row_height(r, 15.0 * n + 3.0)?;
        }
    }
    ws.set_repeat_rows(0, 0)?;
    print_setup(ws, Print::FitWidth { landscape: true })?;
    Ok(())
}
