//! The shares of positive answers in the result workbook: the columns of the Results sheet, the
//! council sheet's share column and sentence, and the Method sheet's rows.

use rust_xlsxwriter::{Format, FormatAlign, Worksheet, XlsxError};

use super::{put_num, text, Formats, Kind};
use crate::analysis::shares::{self, Share, ShareRule};
use crate::analysis::{AdjustFamily, Analysis, DesignKind, ItemResult};
use crate::lang::Lang;
use crate::words::shares::{score_list, ShareFormat, ShareSentence, ShareText};
use crate::workbook::Survey;

/// `40.4%`.
fn pct(v: f64) -> String {
    format!("{}%", text::num(v * 100.0, 1))
}

/// Percentage points with one decimal and a true minus sign.
fn points(v: f64) -> String {
    text::num(v * 100.0, 1)
}

/// The Results sheet's share columns (after the means' columns, before Notes).
pub(super) fn result_headers(a: &Analysis, lang: Lang) -> Vec<(String, Kind)> {
    let (l1, l2) = (a.labels[0].as_str(), a.labels[1].as_str());
    let cl = &text::num(a.options.conf_level * 100.0, 0);
    vec![
        (ShareText::PositiveScores.get(lang).into(), Kind::Text),
        (
            ShareFormat::PositivePercent { label: l1 }.text(lang),
            Kind::Num2,
        ),
        (
            ShareFormat::PositivePercent { label: l2 }.text(lang),
            Kind::Num2,
        ),
        (ShareFormat::Difference { l1, l2 }.text(lang), Kind::Num2),
        (ShareFormat::IntervalLow { cl }.text(lang), Kind::Num2),
        (ShareFormat::IntervalHigh { cl }.text(lang), Kind::Num2),
        (ShareText::ShareP.get(lang).into(), Kind::P),
        (
            ShareFormat::AdjustedP {
                method: text::adjust_key(a.options.adjust),
            }
            .text(lang),
            Kind::P,
        ),
    ]
}

/// Writes the share cells of one item from column `col`; returns the next column.
pub(super) fn write_result_cells(
    ws: &mut Worksheet,
    row: u32,
    mut col: u16,
    a: &Analysis,
    it: &ItemResult,
    f: &Formats,
) -> Result<u16, XlsxError> {
    let positive = a
        .shares
        .items
        .get(it.index)
        .map(|r| shares::positive_text(&r.positive))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| "—".into());
    // Centred: left-aligned, "4, 5" ran into the right-aligned p of the column before it
    // ("0.4994, 5" on the printed page).
    let centred = Format::new().set_align(FormatAlign::Center);
    ws.write_string_with_format(row, col, &positive, &centred)?;
    col += 1;
    let s = it.share;
    let get = |g: fn(&Share) -> f64| s.as_ref().map_or(f64::NAN, g);
    for (v, fmt) in [
        (get(|s| s.share_1 * 100.0), &f.num2),
        (get(|s| s.share_2 * 100.0), &f.num2),
        (get(|s| s.diff * 100.0), &f.num2),
        (get(|s| s.conf_low * 100.0), &f.num2),
        (get(|s| s.conf_high * 100.0), &f.num2),
        (get(|s| s.p_value), &f.p),
        (get(|s| s.p_adjusted), &f.p),
    ] {
        put_num(ws, row, col, v, fmt, &f.missing)?;
        col += 1;
    }
    Ok(col)
}

/// The council sheet's share cell: `40.4% → 58.7%`, "—" without a share.
pub fn council_cell(it: &ItemResult) -> String {
    match it.share {
        Some(s) => format!("{} → {}", pct(s.share_1), pct(s.share_2)),
        None => "—".into(),
    }
}

/// The share sentence of an item, e.g. 「肯定的回答の割合は 62.0% から 68.5% へ 6.5 ポイント増加した
/// （95% CI 1.2〜11.8 ポイント、補正後 p = .021）。」; `None` without a share. `change`: before/after
/// wording; otherwise two groups.
///
/// `polite`: the council sheet's です・ます form (its other sentences use it); the Summary sheet
/// keeps the plain form. English is the same either way.
pub fn sentence(
    a: &Analysis,
    it: &ItemResult,
    change: bool,
    lang: Lang,
    polite: bool,
) -> Option<String> {
    let s = it.share?;
    let (l1, l2) = (a.labels[0].as_str(), a.labels[1].as_str());
    let cl = &text::num(a.options.conf_level * 100.0, 0);
    let (p1, p2, d) = (&pct(s.share_1), &pct(s.share_2), &points(s.diff.abs()));
    let ci = &ShareFormat::Interval {
        cl,
        low: &points(s.conf_low),
        high: &points(s.conf_high),
    }
    .text(lang);
    // Nobody (or everybody) positive on both sides, independent groups: no chi-square p.
    if s.p_adjusted.is_nan() {
        return Some(ShareSentence::NoChiSquare { l1, l2, p1, ci }.text_in(lang, polite));
    }
    let p = &text::p_apa(s.p_adjusted);
    let significant = s.p_adjusted < a.options.alpha;
    let up = s.diff > 0.0;
    let same = s.diff == 0.0;
    let sentence = match (change, same, up, significant) {
        (true, true, _, _) => ShareSentence::Stayed { p1, ci, p },
        (true, false, true, true) => ShareSentence::Rose { p1, p2, d, ci, p },
        (true, false, true, false) => ShareSentence::RoseWithinChance { p1, p2, d, ci, p },
        (true, false, false, true) => ShareSentence::Fell { p1, p2, d, ci, p },
        (true, false, false, false) => ShareSentence::FellWithinChance { p1, p2, d, ci, p },
        (false, true, _, _) => ShareSentence::SameInBoth { l1, l2, p1, ci, p },
        (false, false, true, true) => ShareSentence::Higher {
            l1,
            l2,
            p1,
            p2,
            d,
            ci,
            p,
        },
        (false, false, true, false) => ShareSentence::HigherWithinChance {
            l1,
            l2,
            p1,
            p2,
            d,
            ci,
            p,
        },
        (false, false, false, true) => ShareSentence::Lower {
            l1,
            l2,
            p1,
            p2,
            d,
            ci,
            p,
        },
        (false, false, false, false) => ShareSentence::LowerWithinChance {
            l1,
            l2,
            p1,
            p2,
            d,
            ci,
            p,
        },
    };
    Some(sentence.text_in(lang, polite))
}

/// Which answers count as positive, in a few words ("the top two points of each item's scale").
fn rule_words(rule: ShareRule, lang: Lang) -> String {
    match rule {
        ShareRule::TopBox { k: 2, .. } => ShareText::TopTwo.get(lang).into(),
        ShareRule::TopBox { k, .. } => ShareFormat::TopBox { k }.text(lang),
        ShareRule::Positive(_) => ShareFormat::Positive {
            scores: &score_list(lang, &rule.scores()),
        }
        .text(lang),
    }
}

fn test_words(a: &Analysis, lang: Lang) -> &'static str {
    if a.test.is_paired() {
        ShareText::PairedTest.get(lang)
    } else {
        ShareText::IndependentTest.get(lang)
    }
}

/// The council sheet's foot line about the shares (`None` when no item has a share).
pub fn council_foot(a: &Analysis, lang: Lang) -> Option<String> {
    let (l1, l2) = (a.labels[0].as_str(), a.labels[1].as_str());
    let correction = text::adjust_name(a.options.adjust, lang);
    a.blocks.first()?.items.iter().find(|i| i.share.is_some())?;
    let over = if a.options.adjust_family == AdjustFamily::Waves {
        ShareText::OverWaves
    } else {
        ShareText::OverItems
    };
    Some(
        ShareFormat::CouncilFoot {
            rule: &rule_words(a.shares.rule, lang),
            l1,
            l2,
            test: test_words(a, lang),
            over: over.get(lang),
            correction,
        }
        .text(lang),
    )
}

/// The Method sheet's rows about the shares.
pub(super) fn method_rows(
    survey: &Survey,
    a: &Analysis,
    lang: Lang,
) -> Vec<(&'static str, String)> {
    let cl = &text::num(a.options.conf_level * 100.0, 0);
    let correction = text::adjust_name(a.options.adjust, lang);
    let family = match (a.options.adjust_family, survey.by_column.is_some()) {
        (AdjustFamily::All, true) => Some(ShareText::FamilyAll),
        (AdjustFamily::Waves, _) => Some(ShareText::FamilyWaves),
        (_, true) => Some(ShareText::FamilyPerGroup),
        _ => None,
    };
    let respondents = match a.design {
        DesignKind::Paired => ShareText::PairedRespondents,
        DesignKind::Independent => ShareText::IndependentRespondents,
    };
    let shares = ShareFormat::Method {
        rule: &rule_words(a.shares.rule, lang),
        respondents: respondents.get(lang),
        cl,
        test: test_words(a, lang),
        correction,
        family: family.map_or("", |f| f.get(lang)),
    }
    .text(lang);
    vec![
        (ShareText::SharesRow.get(lang), shares),
        (
            ShareText::PerItemRow.get(lang),
            shares::plan_lines(survey, &a.shares, lang).join(" / "),
        ),
    ]
}

/// The stderr line after the run: how many items' shares changed significantly.
pub fn summary_line(a: &Analysis, lang: Lang) -> Option<String> {
    let items = &a.blocks.first()?.items;
    let with = items.iter().filter(|i| i.share.is_some()).count();
    if with == 0 {
        return None;
    }
    let sig = items
        .iter()
        .filter_map(|i| i.share)
        .filter(|s| s.p_adjusted < a.options.alpha)
        .count();
    Some(
        ShareFormat::SummaryLine {
            rule: &rule_words(a.shares.rule, lang),
            with,
            sig,
        }
        .text(lang),
    )
}
