//! The Bayes factor column and the `--equivalence` column group of the Results sheet, the
//! equivalence sentence of the Summary and council sheets, and their Method-sheet lines
//! (see [`crate::analysis::equivalence`] for what is computed).

use rust_xlsxwriter::{Format, Worksheet, XlsxError};

use super::{put_num, text, Formats, Kind};
use crate::analysis::{equivalence, Analysis, ItemResult};
use crate::lang::Lang;

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
        lang.pick("BF₁₀ (Bayes factor, two-sided)", "ベイズ因子 BF₁₀（両側）")
            .to_string(),
        Kind::Num2,
    )];
    if let Some(x) = a.options.equivalence {
        let x = margin(x);
        let cl = text::num((1.0 - 2.0 * a.options.alpha) * 100.0, 0);
        let adj = text::adjust_key(a.options.adjust);
        match lang {
            Lang::En => {
                h.push((format!("Equivalence p (±{x})"), Kind::P));
                h.push((format!("Adjusted equivalence p ({adj})"), Kind::P));
                h.push((format!("{cl}% CI low (equivalence)"), Kind::Num2));
                h.push((format!("{cl}% CI high (equivalence)"), Kind::Num2));
                h.push((format!("Within ±{x} points?"), Kind::Text));
            }
            Lang::Ja => {
                h.push((format!("同等性 p（±{x}）"), Kind::P));
                h.push((format!("補正後 同等性 p（{adj}）"), Kind::P));
                h.push((format!("{cl}% 信頼区間 下限（同等性）"), Kind::Num2));
                h.push((format!("{cl}% 信頼区間 上限（同等性）"), Kind::Num2));
                h.push((format!("±{x} 点の範囲内か"), Kind::Text));
            }
        }
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
    match (e.equivalent(a.options.alpha), lang) {
        (true, Lang::En) => "within (equivalent)",
        (false, Lang::En) => "not shown",
        (true, Lang::Ja) => "範囲内と言える",
        (false, Lang::Ja) => "範囲内とは言えない",
    }
}

/// The equivalence sentence of an item, or `None` without `--equivalence` (or when it was not
/// computed). `polite`: the council sheet's です・ます style; otherwise the Summary sheet's
/// plain style with the interval.
pub fn sentence(a: &Analysis, it: &ItemResult, polite: bool, lang: Lang) -> Option<String> {
    let e = it.equivalence.as_ref()?;
    let x = margin(e.bound);
    let p = text::p_apa(e.p_adjusted);
    let adjusted = a.options.adjust != crate::stats::p_adjust::AdjustMethod::None;
    let cl = text::num(e.conf_level * 100.0, 0);
    let (lo, hi) = (text::num(e.conf_low, 2), text::num(e.conf_high, 2));
    let yes = e.equivalent(a.options.alpha);
    Some(match lang {
        Lang::En => {
            let p_name = if adjusted { "adjusted p" } else { "p" };
            let stats = if polite {
                format!("equivalence test, {p_name} {p}")
            } else {
                format!("equivalence test, {p_name} {p}, {cl}% CI [{lo}, {hi}]")
            };
            if yes {
                format!("The difference lies within ±{x} points ({stats}).")
            } else {
                format!("It cannot be said that the difference lies within ±{x} points ({stats}).")
            }
        }
        Lang::Ja => {
            let p_name = if adjusted { "補正後 p " } else { "p " };
            let stats = if polite {
                format!("同等性の検定、{p_name}{p}")
            } else {
                format!("同等性の検定、{p_name}{p}、{cl}% 信頼区間［{lo}, {hi}］")
            };
            match (yes, polite) {
                (true, false) => format!("差は ±{x} 点の範囲内と言える（{stats}）。"),
                (false, false) => format!("差は ±{x} 点の範囲内と言えない（{stats}）。"),
                (true, true) => format!("差は ±{x} 点の範囲内と言えます（{stats}）。"),
                (false, true) => {
                    format!("差が ±{x} 点の範囲内とは言えません（{stats}）。")
                }
            }
        }
    })
}

/// Method-sheet rows: how to read BF₁₀ and, with `--equivalence`, how equivalence was tested.
pub(super) fn method_rows(a: &Analysis, lang: Lang) -> Vec<(&'static str, String)> {
    let mut rows = Vec::new();
    let available = equivalence::available(a.test);
    rows.push((
        lang.pick("Bayes factor", "ベイズ因子"),
        if !available {
            lang.pick(
                "not computed: the Bayes factor here is that of the t-test, and a rank test was used",
                "順位検定を用いたため計算していない（ここでのベイズ因子は t 検定に対応するもの）",
            )
            .to_string()
        } else {
            let design = if a.test.is_paired() {
                lang.pick(
                    "one-sample t on the paired differences",
                    "対応のある差に対する 1 標本の t",
                )
            } else {
                lang.pick(
                    "Student's two-sample t (the model assumes equal variances, also when Welch's test is the main test)",
                    "Student の 2 標本の t（このモデルは等分散を仮定する。主の検定が Welch の t 検定でも同じ）",
                )
            };
            match lang {
                Lang::En => format!(
                    "BF₁₀ = how many times more likely the data are if there is a difference than if there is none (JZS prior, Cauchy scale r = √2/2; Rouder et al. 2009; as R BayesFactor::ttestBF; {design}; two-sided). BF₁₀ > 3: moderate and > 10: strong evidence for a difference; BF₁₀ < 1/3: moderate and < 1/10: strong evidence for no difference; between 1/3 and 3: the data hardly decide (Jeffreys 1961; Lee & Wagenmakers 2013). Unlike p, it can show evidence for no difference; it is not adjusted for multiple items."
                ),
                Lang::Ja => format!(
                    "BF₁₀ は「差がある」とした場合に、「差がない」とした場合の何倍データが得られやすいかを表す（JZS 事前分布、コーシー分布の尺度 r = √2/2。Rouder ほか 2009。R の BayesFactor::ttestBF と同じ。{design}。両側）。目安: 3 を超えれば差があることの中程度の証拠、10 を超えれば強い証拠。1/3 未満なら差がないことの中程度の証拠、1/10 未満なら強い証拠。1/3 から 3 の間はどちらとも言えない（Jeffreys 1961、Lee & Wagenmakers 2013）。p 値と違い「差がない」ことの証拠も示せる。複数の設問についての補正はしていない"
                ),
            }
        },
    ));
    if let Some(x) = a.options.equivalence {
        let x = margin(x);
        let cl = text::num((1.0 - 2.0 * a.options.alpha) * 100.0, 0);
        let adj = text::adjust_name(a.options.adjust, lang);
        rows.push((
            lang.pick("Equivalence", "同等性の検定"),
            if !available {
                lang.pick(
                    "--equivalence was given, but an equivalence test is available here for t-tests only; use --test welch, student or paired",
                    "--equivalence が指定されたが、同等性の検定は t 検定にのみ対応しているため行っていない（--test で welch、student、paired のいずれかを指定）",
                )
                .to_string()
            } else {
                match lang {
                    Lang::En => format!(
                        "two one-sided t-tests (TOST; Schuirmann 1987; Lakens 2017) of the same t-test, bounds ±{x} raw points on the difference; equivalence p = the larger one-sided p; the {cl}% CI (1 − 2α) lies inside ±{x} exactly when p < α. A non-significant difference is not evidence of no difference; this test is. Equivalence p-values are adjusted across items with {adj} like the difference p-values (each item is a claim of its own); \"within\" means adjusted p < α = {}. The interval is unadjusted.",
                        a.options.alpha
                    ),
                    Lang::Ja => format!(
                        "同じ t 検定による 2 つの片側検定（TOST。Schuirmann 1987、Lakens 2017）。差の範囲は元の得点で ±{x} 点。同等性の p は 2 つの片側 p のうち大きいほう。{cl}% 信頼区間（1 − 2α）が ±{x} の内側に収まることと p < α は同じ。「有意な差がない」ことは「差がない」ことの証拠にはならないが、この検定は「差が ±{x} 点の範囲内である」ことを直接確かめる。設問ごとに別の主張となるため、同等性の p も差の p と同じ方法（{adj}）で設問間の補正を行い、補正後 p < α = {} のとき「範囲内と言える」とした。信頼区間は補正していない",
                        a.options.alpha
                    ),
                }
            },
        ));
    }
    rows
}

/// `s` followed by the equivalence [`sentence`] of the item, if any.
pub fn append(mut s: String, a: &Analysis, it: &ItemResult, polite: bool, lang: Lang) -> String {
    if let Some(e) = sentence(a, it, polite, lang) {
        if lang == Lang::En {
            s.push(' ');
        }
        s.push_str(&e);
    }
    s
}
