//! The Bayes factor column and the `--equivalence` column group of the Results sheet, the
//! equivalence sentence of the Summary and council sheets, and their Method-sheet lines
//! (see [`crate::analysis::equivalence`] for what is computed).

use rust_xlsxwriter::{Format, Worksheet, XlsxError};

use super::{put_num, text, Formats, Kind};
use crate::analysis::{equivalence, Analysis, ItemResult};
use crate::lang::Lang;
use crate::words::equivalence::{self as words, EquivalenceFormat, EquivalenceText, Tost};

/// BF₁₀ spans many orders of magnitude: two decimals in the usual range, scientific beyond.
fn bf_format() -> Format {
    Format::new().set_num_format("[>=1000]0.0E+00;[<0.01]0.0E+00;0.00")
}

/// The margin as typed (`0.3`, not `0.30`).
fn margin(x: f64) -> String {
    format!("{x}")
}

/// Headers of the Bayes factor column and, with `--equivalence`, of the equivalence group.
pub(super) fn headers(a: &Analysis, lang: Lang) -> Vec<(String, Kind)> {
    let mut h = vec![(
        EquivalenceText::BayesHeader.get(lang).to_string(),
        Kind::Num2,
    )];
    if let Some(x) = a.options.equivalence {
        let margin = &margin(x);
        let cl = &text::num((1.0 - 2.0 * a.options.alpha) * 100.0, 0);
        let method = text::adjust_key(a.options.adjust);
        h.extend(
            [
                (EquivalenceFormat::EquivalenceP { margin }, Kind::P),
                (EquivalenceFormat::AdjustedEquivalenceP { method }, Kind::P),
                (EquivalenceFormat::CiLow { cl }, Kind::Num2),
                (EquivalenceFormat::CiHigh { cl }, Kind::Num2),
                (EquivalenceFormat::Within { margin }, Kind::Text),
            ]
            .map(|(header, kind)| (header.text(lang), kind)),
        );
    }
    h
}

/// Writes the cells of [`headers`] for one item from column `col`; returns the next column.
pub(super) fn write_cells(
    ws: &mut Worksheet,
    row: u32,
    mut col: u16,
    a: &Analysis,
    it: &ItemResult,
    f: &Formats,
    lang: Lang,
) -> Result<u16, XlsxError> {
    put_num(
        ws,
        row,
        col,
        it.bf10.unwrap_or(f64::NAN),
        &bf_format(),
        &f.missing,
    )?;
    col += 1;
    if a.options.equivalence.is_some() {
        let e = it.equivalence.as_ref();
        let v = |g: fn(&equivalence::Equivalence) -> f64| e.map_or(f64::NAN, g);
        for (value, format) in [
            (v(|e| e.p_value), &f.p),
            (v(|e| e.p_adjusted), &f.p),
            (v(|e| e.conf_low), &f.num2),
            (v(|e| e.conf_high), &f.num2),
        ] {
            put_num(ws, row, col, value, format, &f.missing)?;
            col += 1;
        }
        match e {
            Some(e) => ws.write_string(row, col, verdict(a, e, lang))?,
            None => ws.write_string_with_format(row, col, "—", &f.missing)?,
        };
        col += 1;
    }
    Ok(col)
}

/// The cell of the last equivalence column.
fn verdict(a: &Analysis, e: &equivalence::Equivalence, lang: Lang) -> &'static str {
    if e.equivalent(a.options.alpha) {
        EquivalenceText::Equivalent
    } else {
        EquivalenceText::NotShown
    }
    .get(lang)
}

/// The equivalence sentence of an item, or `None` without `--equivalence` (or when it was not
/// computed). `polite`: the council sheet's です・ます style; otherwise the Summary sheet's
/// plain style with the interval.
pub fn sentence(a: &Analysis, it: &ItemResult, polite: bool, lang: Lang) -> Option<String> {
    let e = it.equivalence.as_ref()?;
    let tost = Tost {
        margin: &margin(e.bound),
        p: &text::p_apa(e.p_adjusted),
        adjusted: a.options.adjust != crate::stats::p_adjust::AdjustMethod::None,
        cl: &text::num(e.conf_level * 100.0, 0),
        low: &text::num(e.conf_low, 2),
        high: &text::num(e.conf_high, 2),
        equivalent: e.equivalent(a.options.alpha),
    };
    Some(words::sentence(&tost, polite, lang))
}

/// Method-sheet rows: how to read BF₁₀ and, with `--equivalence`, how equivalence was tested.
pub(super) fn method_rows(a: &Analysis, lang: Lang) -> Vec<(&'static str, String)> {
    let mut rows = Vec::new();
    let available = equivalence::available(a.test);
    rows.push((
        EquivalenceText::MethodBayes.get(lang),
        if !available {
            EquivalenceText::BayesNotComputed.get(lang).to_string()
        } else if a.test.is_paired() {
            words::bayes_method(EquivalenceText::BayesPaired, lang)
        } else {
            words::bayes_method(EquivalenceText::BayesTwoSample, lang)
        },
    ));
    if let Some(x) = a.options.equivalence {
        rows.push((
            EquivalenceText::MethodEquivalence.get(lang),
            if !available {
                words::tost_unavailable(lang)
            } else {
                EquivalenceFormat::TostMethod {
                    margin: &margin(x),
                    cl: &text::num((1.0 - 2.0 * a.options.alpha) * 100.0, 0),
                    adjustment: text::adjust_name(a.options.adjust, lang),
                    alpha: a.options.alpha,
                }
                .text(lang)
            },
        ));
    }
    rows
}

/// `s` followed by the equivalence [`sentence`] of the item, if any.
pub fn append(s: String, a: &Analysis, it: &ItemResult, polite: bool, lang: Lang) -> String {
    match sentence(a, it, polite, lang) {
        Some(e) => words::then(s, &e, lang),
        None => s,
    }
}
