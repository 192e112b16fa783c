//! The council sheet (議会資料 / Council summary): the first sheet of the result workbook, one
//! printed page that answers a council's question — "did it change, and is that more than
//! chance?" — per item, with the method in one line and the design caveat at its foot.
//!
//! Columns are built from a list (`columns`) so that a column can be added beside the means
//! (the share of positive answers, once the analysis computes it) without touching the rest.

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Worksheet, XlsxError};

use super::{text, Formats};
use crate::analysis::{Analysis, Block, DesignKind, ItemResult};
use crate::lang::Lang;
use crate::stats::p_adjust::AdjustMethod;
use crate::words::{
    self,
    council::{CouncilFormat, CouncilText},
};
use crate::workbook::{Layout, Survey};

/// Up to this many items the sheet is printed on one page (fit to width and height); beyond, it
/// is fitted to the page width and its header row repeated on every page.
pub(super) const ONE_PAGE_ITEMS: usize = 20;

/// Column of the shares of positive answers (text, centred).
const SHARE_COL: usize = 3;
/// Column of the change (second − first), written with its sign.
const CHANGE_COL: usize = 4;
/// Column of the change's confidence interval (text, centred).
const CI_COL: usize = 5;
/// Column of the judgement, bold when significant.
const JUDGEMENT_COL: usize = 6;

/// One column of the council table.
struct Column {
    header: String,
    /// Width in character units.
    width: f64,
    /// The cell of an item.
    value: fn(&Ctx, &ItemResult) -> Value,
}

/// What a cell holds.
enum Value {
    Num(f64),
    Text(String),
}

/// What every cell function needs.
struct Ctx<'a> {
    a: &'a Analysis,
    lang: Lang,
    /// Before/after wording ("change") rather than two groups ("difference").
    change: bool,
}

/// The two-line judgement of an item, on the adjusted p.
pub fn judgement(a: &Analysis, it: &ItemResult, change: bool, lang: Lang) -> String {
    let l2 = a.labels[1].as_str();
    if it.excluded.is_some() || it.p_adjusted.is_nan() {
        return CouncilText::NotTested.get(lang).into();
    }
    let higher = it.mean_diff > 0.0;
    match (it.significant(a.options.alpha), change, higher) {
        (true, true, true) => CouncilText::SignificantRise.get(lang).into(),
        (true, true, false) => CouncilText::SignificantFall.get(lang).into(),
        (true, false, true) => CouncilFormat::SignificantHigher { l2 }.text(lang),
        (true, false, false) => CouncilFormat::SignificantLower { l2 }.text(lang),
        (false, true, _) => CouncilText::NoChangeShown.get(lang).into(),
        (false, false, _) => CouncilText::NoDifferenceShown.get(lang).into(),
    }
}

/// One plain sentence for an item: how much, whether more than chance, how large.
pub fn plain_sentence(a: &Analysis, it: &ItemResult, change: bool, lang: Lang) -> String {
    let (l1, l2) = (a.labels[0].as_str(), a.labels[1].as_str());
    if let Some(ex) = &it.excluded {
        return CouncilFormat::NotTested {
            reason: &ex.message(lang),
        }
        .text(lang);
    }
    let p = &text::p_apa(it.p_adjusted);
    if !it.significant(a.options.alpha) {
        let diff = &text::num(it.mean_diff, 2);
        return if change {
            CouncilFormat::ChangeWithinChance { diff, p }.text(lang)
        } else {
            CouncilFormat::DifferenceWithinChance { diff, p }.text(lang)
        };
    }
    let diff = &text::num(it.mean_diff.abs(), 2);
    let size = &match it.d {
        Some(d) if text::effect_imprecise(d.low, d.high) => {
            CouncilText::Imprecise.get(lang).to_string()
        }
        d => text::magnitude_words(d, lang),
    };
    let sentence = match (change, it.mean_diff > 0.0) {
        (true, true) => CouncilFormat::RiseBeyondChance {
            l1,
            l2,
            diff,
            p,
            size,
        },
        (true, false) => CouncilFormat::FallBeyondChance {
            l1,
            l2,
            diff,
            p,
            size,
        },
        (false, true) => CouncilFormat::HigherBeyondChance {
            l1,
            l2,
            diff,
            p,
            size,
        },
        (false, false) => CouncilFormat::LowerBeyondChance {
            l1,
            l2,
            diff,
            p,
            size,
        },
    };
    sentence.text(lang)
}

fn columns(a: &Analysis, change: bool, lang: Lang) -> Vec<Column> {
    let (l1, l2) = (a.labels[0].as_str(), a.labels[1].as_str());
    let cl = &text::num(a.options.conf_level * 100.0, 0);
    vec![
        Column {
            header: CouncilText::Item.get(lang).into(),
            width: 34.0,
            value: |_, it| Value::Text(it.item.clone()),
        },
        Column {
            header: CouncilFormat::Mean { label: l1 }.text(lang),
            width: 10.0,
            value: |_, it| Value::Num(it.mean_1),
        },
        Column {
            header: CouncilFormat::Mean { label: l2 }.text(lang),
            width: 10.0,
            value: |_, it| Value::Num(it.mean_2),
        },
        // The share of positive answers before and after (src/report/shares.rs).
        Column {
            header: CouncilFormat::PositiveAnswers { l1, l2 }.text(lang),
            width: 15.0,
            value: |_, it| Value::Text(super::shares::council_cell(it)),
        },
        Column {
            header: if change {
                CouncilFormat::Change { l1, l2 }.text(lang)
            } else {
                CouncilFormat::Difference { l1, l2 }.text(lang)
            },
            width: 11.0,
            value: |_, it| Value::Num(it.mean_diff),
        },
        Column {
            header: CouncilFormat::Interval { cl }.text(lang),
            width: 15.0,
            value: |_, it| Value::Text(interval(it.conf_low, it.conf_high)),
        },
        Column {
            header: CouncilText::Judgement.get(lang).into(),
            width: 19.0,
            value: |c, it| Value::Text(judgement(c.a, it, c.change, c.lang)),
        },
        Column {
            header: CouncilFormat::EffectSize { cl }.text(lang),
            width: 21.0,
            value: |_, it| {
                Value::Text(it.d.map_or("—".into(), |d| {
                    format!("{} {}", text::num(d.estimate, 2), interval(d.low, d.high))
                }))
            },
        },
        Column {
            header: CouncilText::InPlainWords.get(lang).into(),
            width: 70.0,
            value: |c, it| {
                let mut s = plain_sentence(c.a, it, c.change, c.lang);
                if let Some(share) = super::shares::sentence(c.a, it, c.change, c.lang, true) {
                    s.push_str(words::shares::between_sentences(c.lang));
                    s.push_str(&share);
                }
                Value::Text(super::equivalence_cols::append(s, c.a, it, true, c.lang))
            },
        },
    ]
}

/// `[0.21, 0.69]` with true minus signs; "—" when not computed.
fn interval(low: f64, high: f64) -> String {
    if low.is_nan() || high.is_nan() {
        "—".into()
    } else {
        format!("[{}, {}]", text::num(low, 2), text::num(high, 2))
    }
}

/// `true` when the comparison is a before/after one (the same sheet layout of two rounds, or
/// pairs), so the table speaks of a "change"; two groups of one sheet speak of a "difference".
pub fn is_change(survey: &Survey, a: &Analysis) -> bool {
    a.design == DesignKind::Paired || matches!(survey.layout, Layout::TwoSheets { .. })
}

/// The design caveat, in plain words, stated once (without its heading: the council sheet writes
/// "Design caveat: …", the Method sheet has it in its own row).
pub fn design_caveat(survey: &Survey, a: &Analysis, lang: Lang) -> String {
    let (l1, l2) = (a.labels[0].as_str(), a.labels[1].as_str());
    if let Some(c) = &a.compare {
        return super::compare_sheet::caveat(c, lang);
    }
    if is_change(survey, a) {
        CouncilFormat::BeforeAfterCaveat { l1, l2 }.text(lang)
    } else {
        CouncilFormat::ObservationalCaveat { l1, l2 }.text(lang)
    }
}

/// The method in one line. When p-values are adjusted it says the intervals are not (a CI of
/// [−0.84, −0.14] beside 「有意な変化は示されず」 puzzles a reader otherwise).
fn method_line(a: &Analysis, block: &Block, lang: Lang) -> String {
    let tested = block.items.iter().filter(|i| i.excluded.is_none()).count();
    let adjusted = a.options.adjust != AdjustMethod::None
        && (tested > 1 || a.options.adjust_family != crate::analysis::AdjustFamily::Items);
    let note = if adjusted {
        CouncilText::IntervalsNotAdjusted.get(lang)
    } else {
        ""
    };
    let alpha = text::num(a.options.alpha, 3)
        .trim_end_matches('0')
        .to_string();
    let alpha = alpha.trim_start_matches('0');
    let cl = &text::num(a.options.conf_level * 100.0, 0);
    let correction = text::adjust_name(a.options.adjust, lang);
    let test = &words::council::test_in_method_line(lang, a.test.name(lang));
    if a.options.adjust_family == crate::analysis::AdjustFamily::Waves {
        // Three or more waves: the family is every comparison × item (src/analysis/waves.rs).
        return CouncilFormat::MethodWaves {
            test,
            correction,
            alpha,
            cl,
            note,
        }
        .text(lang);
    }
    CouncilFormat::MethodItems {
        test,
        tested,
        correction,
        alpha,
        cl,
        note,
    }
    .text(lang)
}

/// The cell formats of the council table.
struct CellFormats {
    /// Text, wrapped, with a hairline under it.
    cell: Format,
    /// Numbers with two decimals.
    num: Format,
    /// Changes with their sign: +0.50, −0.08 (true minus, as in the text).
    signed: Format,
    /// A significant judgement.
    sig: Format,
    /// Intervals and shares.
    centred: Format,
}

impl CellFormats {
    fn new() -> CellFormats {
        let cell = Format::new()
            .set_text_wrap()
            .set_align(FormatAlign::VerticalCenter)
            .set_border_bottom(FormatBorder::Hair);
        CellFormats {
            num: cell.clone().set_num_format("0.00"),
            signed: cell.clone().set_num_format("+0.00;\"−\"0.00;0.00"),
            sig: cell.clone().set_bold(),
            centred: cell.clone().set_align(FormatAlign::Center),
            cell,
        }
    }
}

/// Row of the table's header.
const HEAD: u32 = 3;

/// Writes the council sheet. `extra` lines (breakdown notes, withheld groups) go under the
/// caveat.
pub(super) fn write_council(
    ws: &mut Worksheet,
    survey: &Survey,
    a: &Analysis,
    f: &Formats,
    extra: &[String],
    lang: Lang,
) -> Result<(), XlsxError> {
    let change = is_change(survey, a);
    let ctx = Ctx { a, lang, change };
    let block = &a.blocks[0];
    let cols = columns(a, change, lang);
    write_heading(ws, a, block, f, lang)?;
    write_header_row(ws, &cols, f)?;
    let row = write_items(ws, &ctx, block, &cols)?;
    let caveat = CouncilFormat::Caveat {
        caveat: &design_caveat(survey, a, lang),
    }
    .text(lang);
    let mut foot_lines = vec![method_line(a, block, lang), caveat];
    foot_lines.extend(extra.iter().cloned());
    let row = write_foot(ws, &cols, row + 1, &foot_lines)?;
    print_on_one_page(ws, block, row, cols.len() as u16 - 1)
}

/// The title and the line on who answered.
fn write_heading(
    ws: &mut Worksheet,
    a: &Analysis,
    block: &Block,
    f: &Formats,
    lang: Lang,
) -> Result<(), XlsxError> {
    let (l1, l2) = (a.labels[0].as_str(), a.labels[1].as_str());
    let title = CouncilFormat::Title { l1, l2 }.text(lang);
    ws.write_string_with_format(0, 0, &title, &f.title)?;
    let (n1, n2, items) = (
        block.rows_first.len(),
        block.rows_second.len(),
        block.items.len(),
    );
    let who = match a.design {
        DesignKind::Paired => CouncilFormat::PairedRespondents { n: n1, items },
        DesignKind::Independent => CouncilFormat::IndependentRespondents {
            n: n1 + n2,
            l1,
            n1,
            l2,
            n2,
            items,
        },
    };
    ws.write_string(1, 0, who.text(lang))?;
    Ok(())
}

/// The header row, as tall as its longest wrapped header (a change header that names two long
/// wave labels, 「変化（令和6年度 − 令和4年度）」, took three lines and was cut at two).
fn write_header_row(ws: &mut Worksheet, cols: &[Column], f: &Formats) -> Result<(), XlsxError> {
    let mut head_lines = 2.0f64;
    for (c, col) in cols.iter().enumerate() {
        ws.write_string_with_format(HEAD, c as u16, &col.header, &f.header)?;
        ws.set_column_width(c as u16, col.width)?;
        head_lines = head_lines.max((super::text_units(&col.header) / (col.width - 1.0)).ceil());
    }
    ws.set_row_height(HEAD, 15.0 * head_lines + 2.0)?;
    Ok(())
}

/// One row per item, as tall as its longest wrapped text; returns the row after the last.
fn write_items(
    ws: &mut Worksheet,
    ctx: &Ctx,
    block: &Block,
    cols: &[Column],
) -> Result<u32, XlsxError> {
    let fmt = CellFormats::new();
    let mut row = HEAD + 1;
    for it in &block.items {
        let significant = it.excluded.is_none() && it.significant(ctx.a.options.alpha);
        let mut lines = 1.0f64;
        for (c, col) in cols.iter().enumerate() {
            let text_fmt = if significant && c == JUDGEMENT_COL {
                &fmt.sig
            } else if c == CI_COL || c == SHARE_COL {
                &fmt.centred
            } else {
                &fmt.cell
            };
            match (col.value)(ctx, it) {
                Value::Num(v) if v.is_finite() => {
                    let num_fmt = if c == CHANGE_COL {
                        &fmt.signed
                    } else {
                        &fmt.num
                    };
                    ws.write_number_with_format(row, c as u16, v, num_fmt)?;
                }
                Value::Num(_) => {
                    ws.write_string_with_format(row, c as u16, "—", &fmt.cell)?;
                }
                Value::Text(t) => {
                    lines = lines.max((super::text_units(&t) / (col.width - 1.0)).ceil());
                    ws.write_string_with_format(row, c as u16, &t, text_fmt)?;
                }
            }
        }
        ws.set_row_height(row, 15.0 * lines + 3.0)?;
        row += 1;
    }
    Ok(row)
}

/// The foot lines from `row` on, each merged across the table; returns the row after the last.
fn write_foot(
    ws: &mut Worksheet,
    cols: &[Column],
    mut row: u32,
    foot_lines: &[String],
) -> Result<u32, XlsxError> {
    let foot = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let last = cols.len() as u16 - 1;
    let total_width: f64 = cols.iter().map(|c| c.width).sum();
    for line in foot_lines {
        ws.merge_range(row, 0, row, last, "", &foot)?;
        ws.write_string_with_format(row, 0, line, &foot)?;
        let lines = (super::text_units(line) / (total_width - 4.0))
            .ceil()
            .max(1.0);
        ws.set_row_height(row, 15.0 * lines + 3.0)?;
        row += 1;
    }
    Ok(row)
}

/// A4 landscape, narrow margins; one page up to [`ONE_PAGE_ITEMS`] items, otherwise fit to width
/// with the header row repeated. `end`: the row after the last written.
fn print_on_one_page(
    ws: &mut Worksheet,
    block: &Block,
    end: u32,
    last: u16,
) -> Result<(), XlsxError> {
    ws.set_paper_size(9);
    ws.set_landscape();
    ws.set_margins(0.4, 0.4, 0.5, 0.5, 0.3, 0.3);
    ws.set_print_area(0, 0, end - 1, last)?;
    if block.items.len() <= ONE_PAGE_ITEMS {
        ws.set_print_fit_to_pages(1, 1);
    } else {
        ws.set_print_fit_to_pages(1, 0);
        ws.set_repeat_rows(HEAD, HEAD)?;
    }
    ws.set_footer("&L&A&R&P / &N");
    ws.set_freeze_panes(HEAD + 1, 1)?;
    Ok(())
}
