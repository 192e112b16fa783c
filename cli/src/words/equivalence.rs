//! Words of the Bayes factor and `--equivalence` (report/equivalence_cols.rs): the Results
//! sheet's columns, the equivalence sentence of the Summary and council sheets, and the Method
//! sheet's rows.

use super::{bilingual, pick};
use crate::lang::Lang;

/// The R function whose Bayes factor the Results sheet shows.
const R_BAYES: &str = "BayesFactor::ttestBF";
/// The option and its values that give an equivalence test (values of the texts, the same in
/// both languages).
const TEST_OPTION: &str = "--test";
const T_TESTS: [&str; 3] = ["welch", "student", "paired"];

texts! {
    /// Fixed texts of the Bayes factor and the equivalence test.
    pub enum EquivalenceText {
        /// Header of the Bayes factor column.
        BayesHeader => "BF₁₀ (Bayes factor, two-sided)", "ベイズ因子 BF₁₀（両側）";
        /// The last equivalence column: within the margin.
        Equivalent => "within (equivalent)", "範囲内と言える";
        /// The last equivalence column: not shown to be within the margin.
        NotShown => "not shown", "範囲内とは言えない";
        /// The name of an adjusted p in the sentence.
        AdjustedP => "adjusted p", "補正後 p";
        /// The name of an unadjusted p in the sentence.
        UnadjustedP => "p", "p";
        /// Method row heading: the Bayes factor.
        MethodBayes => "Bayes factor", "ベイズ因子";
        /// Method: no Bayes factor beside a rank test.
        BayesNotComputed =>
            "not computed: the Bayes factor here is that of the t-test, and a rank test was used",
            "順位検定を用いたため計算していない（ここでのベイズ因子は t 検定に対応するもの）";
        /// Method: the Bayes factor's model, paired.
        BayesPaired => "one-sample t on the paired differences", "対応のある差に対する 1 標本の t";
        /// Method: the Bayes factor's model, two groups.
        BayesTwoSample =>
            "Student's two-sample t (the model assumes equal variances, also when Welch's test is the main test)",
            "Student の 2 標本の t（このモデルは等分散を仮定する。主たる検定が Welch の t 検定でも同じ）";
        /// Method row heading: the equivalence test.
        MethodEquivalence => "Equivalence", "同等性の検定";
    }
}

formats! {
    /// Texts of the Bayes factor and the equivalence test with values.
    pub enum EquivalenceFormat<'a> {
        /// Header: the equivalence test's p, with the margin.
        EquivalenceP { margin: &'a str } => "Equivalence p (±{margin})", "同等性 p（±{margin}）";
        /// Header: that p adjusted with `method` (its key).
        AdjustedEquivalenceP { method: &'a str } =>
            "Adjusted equivalence p ({method})", "補正後 同等性 p（{method}）";
        /// Header: the lower limit of the (1 − 2α) interval.
        CiLow { cl: &'a str } => "{cl}% CI low (equivalence)", "{cl}% 信頼区間 下限（同等性）";
        /// Header: the upper limit.
        CiHigh { cl: &'a str } => "{cl}% CI high (equivalence)", "{cl}% 信頼区間 上限（同等性）";
        /// Header: the verdict.
        Within { margin: &'a str } => "Within ±{margin} points?", "±{margin} 点の範囲内か";
        /// The sentence's statistics, council sheet.
        Stats { p_name: &'a str, p: &'a str } =>
            "equivalence test, {p_name} {p}", "同等性の検定、{p_name} {p}";
        /// The sentence's statistics with the interval, Summary sheet.
        StatsWithCi { p_name: &'a str, p: &'a str, cl: &'a str, low: &'a str, high: &'a str } =>
            "equivalence test, {p_name} {p}, {cl}% CI [{low}, {high}]",
            "同等性の検定、{p_name} {p}、{cl}% 信頼区間［{low}, {high}］";
        /// Summary sheet: within the margin.
        SaysWithin { margin: &'a str, stats: &'a str } =>
            "The difference lies within ±{margin} points ({stats}).",
            "差は ±{margin} 点の範囲内と言える（{stats}）。";
        /// Summary sheet: not shown to be within the margin.
        SaysNotWithin { margin: &'a str, stats: &'a str } =>
            "It cannot be said that the difference lies within ±{margin} points ({stats}).",
            "差は ±{margin} 点の範囲内と言えない（{stats}）。";
        /// Council sheet (です・ます): within the margin.
        SaysWithinPolite { margin: &'a str, stats: &'a str } =>
            "The difference lies within ±{margin} points ({stats}).",
            "差は ±{margin} 点の範囲内と言えます（{stats}）。";
        /// Council sheet (です・ます): not shown to be within the margin.
        SaysNotWithinPolite { margin: &'a str, stats: &'a str } =>
            "It cannot be said that the difference lies within ±{margin} points ({stats}).",
            "差が ±{margin} 点の範囲内とは言えません（{stats}）。";
        /// Method: how to read BF₁₀ (`design`: [`EquivalenceText::BayesPaired`] or
        /// [`EquivalenceText::BayesTwoSample`]).
        BayesMethod { design: &'a str, r_call: &'a str } =>
            "BF₁₀ = how many times more likely the data are if there is a difference than if there is none (JZS prior, Cauchy scale r = √2/2; Rouder et al. 2009; as R {r_call}; {design}; two-sided). BF₁₀ > 3: moderate and > 10: strong evidence for a difference; BF₁₀ < 1/3: moderate and < 1/10: strong evidence for no difference; between 1/3 and 3: the data hardly decide (Jeffreys 1961; Lee & Wagenmakers 2013). Unlike p, it can show evidence for no difference; it is not adjusted for multiple items.",
            "BF₁₀ は「差がある」とした場合に、「差がない」とした場合の何倍データが得られやすいかを表す（JZS 事前分布、コーシー分布の尺度 r = √2/2。Rouder ほか 2009。R の {r_call} と同じ。{design}。両側）。目安: 3 を超えれば差があることの中程度の証拠、10 を超えれば強い証拠。1/3 未満なら差がないことの中程度の証拠、1/10 未満なら強い証拠。1/3 から 3 の間はどちらとも言えない（Jeffreys 1961、Lee & Wagenmakers 2013）。p 値と違い「差がない」ことの証拠も示せる。複数の設問についての補正はしていない";
        /// Method: how equivalence was tested (`adjustment`: the adjustment's name).
        TostMethod { margin: &'a str, cl: &'a str, adjustment: &'a str, alpha: f64 } =>
            "two one-sided t-tests (TOST; Schuirmann 1987; Lakens 2017) of the same t-test, bounds ±{margin} raw points on the difference; equivalence p = the larger one-sided p; the {cl}% CI (1 − 2α) lies inside ±{margin} exactly when p < α. A non-significant difference is not evidence of no difference; this test is. Equivalence p-values are adjusted across items with {adjustment} like the difference p-values (each item is a claim of its own); \"within\" means adjusted p < α = {alpha}. The interval is unadjusted.",
            "同じ t 検定による 2 つの片側検定（TOST。Schuirmann 1987、Lakens 2017）。差の範囲は元の得点で ±{margin} 点。同等性の p は 2 つの片側 p のうち大きいほう。{cl}% 信頼区間（1 − 2α）が ±{margin} の内側に収まることと p < α は同じ。「有意な差がない」ことは「差がない」ことの証拠にはならないが、この検定は「差が ±{margin} 点の範囲内である」ことを直接確かめる。設問ごとに別の主張となるため、同等性の p も差の p と同じ方法（{adjustment}）で設問間の補正を行い、補正後 p < α = {alpha} のとき「範囲内と言える」とした。信頼区間は補正していない";
        /// Method: `--equivalence` with a rank test (`tests`: `T_TESTS` as a list).
        TostUnavailable { option: &'a str, tests: &'a str } =>
            "--equivalence was given, but an equivalence test is available here for t-tests only; use {option} {tests}",
            "--equivalence が指定されたが、同等性の検定は t 検定にのみ対応しているため行っていない（{option} で {tests} のいずれかを指定）";
    }
}

/// The formatted numbers of one item's equivalence test, for [`sentence`].
pub struct Tost<'a> {
    /// The margin as typed ("0.3").
    pub margin: &'a str,
    /// The (adjusted) p.
    pub p: &'a str,
    /// Whether `p` is adjusted.
    pub adjusted: bool,
    /// The interval's level in %.
    pub cl: &'a str,
    /// The interval's lower limit.
    pub low: &'a str,
    /// The interval's upper limit.
    pub high: &'a str,
    /// Whether the difference lies within the margin.
    pub equivalent: bool,
}

/// The equivalence sentence of an item. `polite`: the council sheet's です・ます style with p
/// only; otherwise the Summary sheet's plain style with the interval.
pub fn sentence(t: &Tost, polite: bool, lang: Lang) -> String {
    let p_name = if t.adjusted {
        EquivalenceText::AdjustedP
    } else {
        EquivalenceText::UnadjustedP
    }
    .get(lang);
    let p = t.p;
    let stats = if polite {
        EquivalenceFormat::Stats { p_name, p }.text(lang)
    } else {
        EquivalenceFormat::StatsWithCi {
            p_name,
            p,
            cl: t.cl,
            low: t.low,
            high: t.high,
        }
        .text(lang)
    };
    let (margin, stats) = (t.margin, stats.as_str());
    match (t.equivalent, polite) {
        (true, false) => EquivalenceFormat::SaysWithin { margin, stats },
        (false, false) => EquivalenceFormat::SaysNotWithin { margin, stats },
        (true, true) => EquivalenceFormat::SaysWithinPolite { margin, stats },
        (false, true) => EquivalenceFormat::SaysNotWithinPolite { margin, stats },
    }
    .text(lang)
}

/// `first` followed by the sentence `next`: English puts a space between sentences, Japanese
/// none.
pub fn then(mut first: String, next: &str, lang: Lang) -> String {
    first.push_str(pick(lang, " ", ""));
    first.push_str(next);
    first
}

/// The Method sheet's reading of BF₁₀ with its model `design`.
pub fn bayes_method(design: EquivalenceText, lang: Lang) -> String {
    EquivalenceFormat::BayesMethod {
        design: design.get(lang),
        r_call: R_BAYES,
    }
    .text(lang)
}

/// The Method sheet's line when `--equivalence` meets a rank test: which `--test` gives one
/// ("welch, student or paired"; 「welch、student、paired」).
pub fn tost_unavailable(lang: Lang) -> String {
    let [a, b, c] = T_TESTS;
    let tests = bilingual(
        lang,
        || format!("{a}, {b} or {c}"),
        || format!("{a}、{b}、{c}"),
    );
    EquivalenceFormat::TostUnavailable {
        option: TEST_OPTION,
        tests: &tests,
    }
    .text(lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_and_the_test_option_follow_each_language() {
        assert_eq!(then("A.".into(), "B.", Lang::En), "A. B.");
        assert_eq!(then("あ。".into(), "い。", Lang::Ja), "あ。い。");
        assert!(tost_unavailable(Lang::En).ends_with("; use --test welch, student or paired"));
        assert!(tost_unavailable(Lang::Ja)
            .ends_with("（--test で welch、student、paired のいずれかを指定）"));
        let t = Tost {
            margin: "0.3",
            p: ".012",
            adjusted: true,
            cl: "90",
            low: "-0.10",
            high: "0.20",
            equivalent: false,
        };
        assert_eq!(
            sentence(&t, true, Lang::Ja),
            "差が ±0.3 点の範囲内とは言えません（同等性の検定、補正後 p .012）。"
        );
        assert_eq!(
            sentence(&t, false, Lang::En),
            "It cannot be said that the difference lies within ±0.3 points (equivalence test, adjusted p .012, 90% CI [-0.10, 0.20])."
        );
    }
}
