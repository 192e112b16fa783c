//! One typed source for the words a user reads, shared by the three front doors: the C ABI (and
//! through it the VBA module), the command-line tool's result workbook, and the engine's errors.
//!
//! Every text is keyed by an enum, never by an English string, and each variant yields both
//! languages in one [`Pair`] (or one [`bilingual`] call): a variant without its Japanese (or its
//! English) does not compile, because the match is exhaustive and both fields are required.
//! `tests` below checks that every text is non-empty in both languages, that the Japanese side
//! is Japanese, and that no English word leaks into it.
//!
//! The engine ([`crate::stats::StatsError`]) names its quantities with short English keys
//! (`group: "pairs"`, `what: "variance"`, `reason: "must be positive"`) so that its `Display`
//! stays plain English; [`Term::from_key`] and [`Reason::from_key`] map each key to its typed
//! entry, and the test `every_engine_key_has_a_translation` reads the engine's source so that a
//! key without an entry fails the build's tests instead of reaching a Japanese user in English.

use crate::lang::Lang;
use crate::stats::effect_size::{DKind, Magnitude};
use crate::stats::p_adjust::AdjustMethod;
use crate::stats::StatsError;

/// A text in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pair {
    /// English.
    pub en: &'static str,
    /// Japanese (日本語).
    pub ja: &'static str,
}

impl Pair {
    /// The text in `lang`.
    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Ja => self.ja,
        }
    }
}

/// Formats only the language asked for; both closures are required, so a message cannot be
/// written in one language only.
pub fn bilingual(lang: Lang, en: impl FnOnce() -> String, ja: impl FnOnce() -> String) -> String {
    match lang {
        Lang::En => en(),
        Lang::Ja => ja(),
    }
}

// ---------------------------------------------------------------------------------------------
// Words of the result sentences
// ---------------------------------------------------------------------------------------------

/// Single words and short phrases of the result text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Word {
    /// Cohen's |d| < 0.2.
    Negligible,
    /// 0.2 ≤ |d| < 0.5.
    Small,
    /// 0.5 ≤ |d| < 0.8.
    Medium,
    /// |d| ≥ 0.8.
    Large,
    /// An effect whose interval spans both directions.
    Imprecise,
    /// "adjusted" before "p".
    Adjusted,
}

impl Word {
    /// Every word, for the completeness test.
    pub const ALL: [Word; 6] = [
        Word::Negligible,
        Word::Small,
        Word::Medium,
        Word::Large,
        Word::Imprecise,
        Word::Adjusted,
    ];

    /// Both languages.
    pub fn pair(self) -> Pair {
        let (en, ja) = match self {
            Word::Negligible => ("negligible", "無視できる程度"),
            Word::Small => ("small", "小さい"),
            Word::Medium => ("medium", "中程度"),
            Word::Large => ("large", "大きい"),
            Word::Imprecise => ("imprecise", "不確か"),
            Word::Adjusted => ("adjusted", "補正後"),
        };
        Pair { en, ja }
    }

    /// The word in `lang`.
    pub fn get(self, lang: Lang) -> &'static str {
        self.pair().get(lang)
    }
}

impl From<Magnitude> for Word {
    fn from(m: Magnitude) -> Word {
        match m {
            Magnitude::Negligible => Word::Negligible,
            Magnitude::Small => Word::Small,
            Magnitude::Medium => Word::Medium,
            Magnitude::Large => Word::Large,
        }
    }
}

/// Cohen's (1988) label of a d ([`Magnitude::of`]), "—" for NaN: the same words in the result
/// workbook, in `ttxl_effect_label_utf16` and so in the VBA module's results table.
pub fn effect_label(d: f64, lang: Lang) -> &'static str {
    if d.is_nan() {
        return "—";
    }
    Word::from(Magnitude::of(d)).get(lang)
}

// ---------------------------------------------------------------------------------------------
// Numbers in text (APA style)
// ---------------------------------------------------------------------------------------------

/// `v` with `decimals` digits and a true minus sign (U+2212), as APA style sets it.
/// Non-finite values become "NA", "∞" or "−∞".
pub fn num(v: f64, decimals: usize) -> String {
    if v.is_nan() {
        return "NA".into();
    }
    if v.is_infinite() {
        return if v > 0.0 {
            "∞".into()
        } else {
            "−∞".into()
        };
    }
    let s = format!("{:.*}", decimals, v);
    // "-0.00" → "0.00"
    if s.starts_with('-') && s[1..].chars().all(|c| c == '0' || c == '.') {
        return s[1..].to_string();
    }
    s.replacen('-', "−", 1)
}

/// A p-value in APA style without the leading zero: `"= .004"`, `"< .001"`.
pub fn p_apa(p: f64) -> String {
    if p.is_nan() {
        "= NA".into()
    } else if p < 0.001 {
        "< .001".into()
    } else {
        let s = format!("{p:.3}");
        format!("= {}", s.trim_start_matches('0'))
    }
}

/// Degrees of freedom: integer when whole (Student, paired), two decimals otherwise (Welch).
pub fn df_text(df: f64) -> String {
    if (df - df.round()).abs() < 1e-9 {
        format!("{}", df.round() as i64)
    } else {
        num(df, 2)
    }
}

// ---------------------------------------------------------------------------------------------
// The result sentence of one comparison
// ---------------------------------------------------------------------------------------------

/// The test statistic of a comparison, as the sentence names it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Statistic {
    /// `t(df) = t`.
    T {
        /// t statistic.
        t: f64,
        /// Degrees of freedom.
        df: f64,
    },
    /// A rank statistic, `W = …` (Mann–Whitney) or `V = …` (signed rank).
    Rank {
        /// "W" or "V".
        name: &'static str,
        /// Its value.
        value: f64,
    },
}

/// One before/after comparison, everything its sentence says.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Comparison<'a> {
    /// What is compared ("Q1", or "[Dept A] Q1" in a breakdown); the sentence starts with it.
    pub subject: &'a str,
    /// Label of the first condition ("before", a sheet name).
    pub label_1: &'a str,
    /// Label of the second condition ("after").
    pub label_2: &'a str,
    /// Mean of the first condition.
    pub mean_1: f64,
    /// SD of the first condition.
    pub sd_1: f64,
    /// Mean of the second condition.
    pub mean_2: f64,
    /// SD of the second condition.
    pub sd_2: f64,
    /// The test statistic.
    pub statistic: Statistic,
    /// Unadjusted p.
    pub p_value: f64,
    /// Adjusted p, written as "adjusted p" when given.
    pub p_adjusted: Option<f64>,
    /// Cohen's d and its confidence interval `[estimate, low, high]`, when computed.
    pub d: Option<[f64; 3]>,
    /// Confidence level of the interval of d (0.95).
    pub conf_level: f64,
    /// The decision: the (adjusted) p is below alpha ([`significant`]).
    pub significant: bool,
    /// The second condition's mean is the higher one (the difference second − first > 0).
    pub higher: bool,
}

/// The decision every front door takes: significant when the (adjusted) p is below `alpha`;
/// a NaN p (not tested) is not significant.
pub fn significant(p: f64, alpha: f64) -> bool {
    p < alpha
}

/// The statistics in brackets: `t(98) = 2.95, p = .004, adjusted p = .012, d = 0.42, 95% CI
/// [0.14, 0.70]` (Japanese: `d = 0.42［0.14, 0.70］`).
pub fn stats_clause(c: &Comparison<'_>, lang: Lang) -> String {
    let mut s = match c.statistic {
        Statistic::Rank { name, value } => format!("{name} = {}", num(value, 1)),
        Statistic::T { t, df } => format!("t({}) = {}", df_text(df), num(t, 2)),
    };
    s.push_str(&format!(", p {}", p_apa(c.p_value)));
    if let Some(p_adjusted) = c.p_adjusted {
        s.push_str(&format!(
            ", {} p {}",
            Word::Adjusted.get(lang),
            p_apa(p_adjusted)
        ));
    }
    if let Some([estimate, low, high]) = c.d {
        let (open, close) = match lang {
            Lang::En => (format!(", {}% CI [", num(c.conf_level * 100.0, 0)), "]"),
            Lang::Ja => ("［".to_string(), "］"),
        };
        s.push_str(&format!(
            ", d = {}{}{}, {}{}",
            num(estimate, 2),
            open,
            num(low, 2),
            num(high, 2),
            close
        ));
    }
    s
}

/// One plain-language sentence for a comparison, e.g.
/// 「Q1: 「事後」（M = 3.56, SD = 0.80）は「事前」（M = 3.21, SD = 0.85）より有意に高かった（t(98) =
/// 2.95, p = .004, d = 0.42［0.14, 0.70］）。」 — the Summary sheet of the result workbook and
/// `ttxl_ttest_sentence_utf16` (the VBA module's results sheet) both write it.
pub fn comparison_sentence(c: &Comparison<'_>, lang: Lang) -> String {
    let (l1, l2, subject) = (c.label_1, c.label_2, c.subject);
    let m2 = format!("M = {}, SD = {}", num(c.mean_2, 2), num(c.sd_2, 2));
    let m1 = format!("M = {}, SD = {}", num(c.mean_1, 2), num(c.sd_1, 2));
    let stats = stats_clause(c, lang);
    match (c.significant, c.higher) {
        (true, higher) => bilingual(
            lang,
            || {
                let dir = if higher { "higher" } else { "lower" };
                format!("{subject}: {l2} ({m2}) was significantly {dir} than {l1} ({m1}), {stats}.")
            },
            || {
                let dir = if higher {
                    "高かった"
                } else {
                    "低かった"
                };
                format!("{subject}: 「{l2}」（{m2}）は「{l1}」（{m1}）より有意に{dir}（{stats}）。")
            },
        ),
        (false, _) => bilingual(
            lang,
            || {
                format!("{subject}: there was no significant difference between {l2} ({m2}) and {l1} ({m1}), {stats}.")
            },
            || {
                format!("{subject}: 「{l2}」（{m2}）と「{l1}」（{m1}）の間に有意な差は認められなかった（{stats}）。")
            },
        ),
    }
}

/// The sentence of an item that could not be tested, e.g. "Q1: not tested — too few valid
/// values to test (n = 1 and 3)." (「Q1: 検定できなかった。理由: …。」): the Summary sheet of the
/// result workbook and `ttxl_not_tested_sentence_utf16` (the VBA module's results sheet).
pub fn not_tested_sentence(subject: &str, reason: &str, lang: Lang) -> String {
    bilingual(
        lang,
        || format!("{subject}: not tested — {reason}."),
        || format!("{subject}: 検定できなかった。理由: {reason}。"),
    )
}

// ---------------------------------------------------------------------------------------------
// The overall conclusion of a set of comparisons
// ---------------------------------------------------------------------------------------------

/// The test a conclusion names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TestName {
    /// Paired t-test.
    Paired,
    /// Student's two-sample t-test.
    Student,
    /// Welch's two-sample t-test.
    Welch,
    /// Mann–Whitney U (Wilcoxon rank-sum).
    MannWhitney,
    /// Wilcoxon signed-rank test.
    Wilcoxon,
}

impl TestName {
    /// Every test, for the completeness test.
    pub const ALL: [TestName; 5] = [
        TestName::Paired,
        TestName::Student,
        TestName::Welch,
        TestName::MannWhitney,
        TestName::Wilcoxon,
    ];

    /// Both languages.
    pub fn pair(self) -> Pair {
        let (en, ja) = match self {
            TestName::Paired => ("paired t-test", "対応のある t 検定"),
            TestName::Student => (
                "Student's t-test (equal variances)",
                "Student の t 検定（等分散を仮定）",
            ),
            TestName::Welch => ("Welch's t-test", "Welch の t 検定"),
            TestName::MannWhitney => (
                "Mann–Whitney U test (Wilcoxon rank-sum)",
                "Mann–Whitney の U 検定（Wilcoxon 順位和検定）",
            ),
            TestName::Wilcoxon => ("Wilcoxon signed-rank test", "Wilcoxon の符号付き順位検定"),
        };
        Pair { en, ja }
    }
}

/// The name of a multiple-comparison correction in text: "Holm correction" (Holm 法による補正).
pub fn adjust_pair(m: AdjustMethod) -> Pair {
    let (en, ja) = match m {
        AdjustMethod::None => ("no correction", "補正なし"),
        AdjustMethod::Holm => ("Holm correction", "Holm 法による補正"),
        AdjustMethod::Hochberg => ("Hochberg correction", "Hochberg 法による補正"),
        AdjustMethod::Bonferroni => ("Bonferroni correction", "Bonferroni 法による補正"),
        AdjustMethod::BenjaminiHochberg => (
            "Benjamini–Hochberg false discovery rate control",
            "Benjamini–Hochberg 法（偽発見率）による補正",
        ),
        AdjustMethod::BenjaminiYekutieli => (
            "Benjamini–Yekutieli false discovery rate control",
            "Benjamini–Yekutieli 法（偽発見率）による補正",
        ),
        AdjustMethod::Hommel => ("Hommel correction", "Hommel 法による補正"),
    };
    Pair { en, ja }
}

/// The name of a multiple-comparison correction in `lang` ([`adjust_pair`]).
pub fn adjust_name(m: AdjustMethod, lang: Lang) -> &'static str {
    adjust_pair(m).get(lang)
}

/// Where the reader finds why an item could not be tested.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReasonsAt {
    /// The Checks sheet of the command-line tool's result workbook.
    ChecksSheet,
    /// The Note column of the VBA module's results table.
    NoteColumn,
}

impl ReasonsAt {
    /// Every place, for the completeness test.
    pub const ALL: [ReasonsAt; 2] = [ReasonsAt::ChecksSheet, ReasonsAt::NoteColumn];

    /// Both languages: "see the Checks sheet" (データ確認シートを参照).
    pub fn pair(self) -> Pair {
        let (en, ja) = match self {
            ReasonsAt::ChecksSheet => ("see the Checks sheet", "データ確認シートを参照"),
            ReasonsAt::NoteColumn => ("see the Note column", "備考の列を参照"),
        };
        Pair { en, ja }
    }
}

/// A set of comparisons (the items of a survey, or of one group of a breakdown), everything its
/// conclusion says.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Conclusion<'a> {
    /// The group of a breakdown the conclusion is about ("Dept A"); `None` for the whole sample.
    pub scope: Option<&'a str>,
    /// Items tested.
    pub tested: usize,
    /// Items significantly higher in the second condition.
    pub higher: usize,
    /// Items significantly lower in the second condition.
    pub lower: usize,
    /// Items that could not be tested.
    pub untested: usize,
    /// Why the untested items could not be tested, in `lang` (repeats are said once); the
    /// conclusion lists them when no item was tested.
    pub reasons: &'a [String],
    /// Where the reader finds the reasons.
    pub reasons_at: ReasonsAt,
    /// The test.
    pub test: TestName,
    /// The multiple-comparison correction across the tested items.
    pub correction: AdjustMethod,
    /// The significance level.
    pub alpha: f64,
    /// Label of the first condition ("before").
    pub label_1: &'a str,
    /// Label of the second condition ("after").
    pub label_2: &'a str,
}

/// `alpha` as the conclusion writes it: at most three decimals, no leading or trailing zero
/// (".05", ".1").
fn alpha_text(alpha: f64) -> String {
    let s = num(alpha, 3).trim_end_matches('0').to_string();
    s.trim_start_matches('0').to_string()
}

/// The overall conclusion of a set of comparisons, naming the test, the correction and α, e.g.
/// "Of 15 item(s) tested (paired t-test, Holm correction across 15 item(s), α = .05), 3 differed
/// significantly between before and after: 2 higher and 1 lower in after." — the Summary sheet
/// of the result workbook and `ttxl_conclusion_sentence_utf16` (the VBA module's results sheet).
/// With no item tested it says so, and why, instead of "Of 0 item(s) tested …".
pub fn conclusion_sentence(c: &Conclusion<'_>, lang: Lang) -> String {
    let (l1, l2, untested) = (c.label_1, c.label_2, c.untested);
    let scope = match c.scope {
        Some(by) => bilingual(lang, || format!("[{by}] "), || format!("【{by}】")),
        None => String::new(),
    };
    let see = c.reasons_at.pair().get(lang);
    if c.tested == 0 {
        let mut reasons: Vec<&str> = Vec::new();
        for r in c.reasons {
            if !reasons.contains(&r.as_str()) {
                reasons.push(r);
            }
        }
        return bilingual(
            lang,
            || {
                let reasons = reasons.join("; ");
                format!("{scope}No item could be tested ({untested} item(s)): {reasons} ({see}).")
            },
            || {
                let reasons = reasons.join("／");
                format!("{scope}検定できた設問はありませんでした（{untested} 問。理由: {reasons}。{see}）。")
            },
        );
    }
    let (tested, up, down) = (c.tested, c.higher, c.lower);
    let sig = up + down;
    let test = c.test.pair().get(lang);
    let correction = adjust_name(c.correction, lang);
    let alpha = alpha_text(c.alpha);
    bilingual(
        lang,
        || {
            let mut s = format!("{scope}Of {tested} item(s) tested ({test}, {correction} across {tested} item(s), α = {alpha}), {sig} differed significantly between {l1} and {l2}: {up} higher and {down} lower in {l2}.");
            if untested > 0 {
                s.push_str(&format!(" {untested} item(s) could not be tested ({see})."));
            }
            s
        },
        || {
            let mut s = format!("{scope}{tested} 問について、{test}を行った（有意水準 {alpha}、{correction}）。「{l1}」と「{l2}」の間に有意な差があったのは {sig} 問であった（「{l2}」のほうが高い: {up} 問、低い: {down} 問）。");
            if untested > 0 {
                s.push_str(&format!("{untested} 問は検定できなかった（{see}）。"));
            }
            s
        },
    )
}

// ---------------------------------------------------------------------------------------------
// The engine's errors and effect sizes
// ---------------------------------------------------------------------------------------------

/// The message of an engine error ([`StatsError`]) in `lang`. The English is its `Display`; the
/// engine's keys (`group`, `what`, `reason`) are English and have typed entries below
/// ([`Term`], [`Reason`]) for the Japanese.
pub fn stats_error(e: &StatsError, lang: Lang) -> String {
    let en = || match e {
        StatsError::TooFew {
            group,
            needed,
            found,
        } => format!(
            "not enough observations in {group}: {found} valid value(s), at least {needed} needed"
        ),
        StatsError::Constant => {
            "data are essentially constant (zero variance): the test statistic is undefined".into()
        }
        StatsError::NonFinite { group, index } => format!(
            "{group} contains an infinite value at position {index} (1-based); remove or fix it"
        ),
        StatsError::LengthMismatch { x, y } => {
            format!("paired data must have the same length: x has {x} values, y has {y}")
        }
        StatsError::InvalidArgument { name, reason } => {
            format!("invalid argument {name}: {reason}")
        }
        StatsError::OutOfRange { what } => {
            format!("values are out of the range that can be computed accurately ({what})")
        }
        StatsError::NoSolution { what } => format!("no solution found: {what}"),
    };
    let ja = || match e {
        StatsError::TooFew {
            group,
            needed,
            found,
        } => format!(
            "有効なデータが足りません（{}: {found} 件。少なくとも {needed} 件必要です）",
            term_ja(group)
        ),
        StatsError::Constant => {
            "データがすべて同じ値（分散がゼロ）のため、検定統計量を計算できません".to_string()
        }
        StatsError::NonFinite { group, index } => format!(
            "{} の {index} 番目に無限大の値があります。値を確認してください",
            term_ja(group)
        ),
        StatsError::LengthMismatch { x, y } => format!(
            "対応のあるデータでは x と y の件数をそろえてください（x は {x} 件、y は {y} 件）"
        ),
        StatsError::InvalidArgument { name, reason } => {
            format!("引数 {name} が正しくありません: {}", reason_ja(reason))
        }
        StatsError::OutOfRange { what } => format!(
            "値が大きすぎるか小さすぎるため、正確に計算できません（{}）",
            term_ja(what)
        ),
        StatsError::NoSolution { what } => {
            format!("解が見つかりませんでした（{}）", term_ja(what))
        }
    };
    bilingual(lang, en, ja)
}

/// The name of an effect size: its kind and whether it is Hedges-corrected (g) or not (d).
pub fn effect_size_name(kind: DKind, hedges: bool) -> Pair {
    let (en, ja) = match (kind, hedges) {
        (DKind::Pooled, false) => ("Cohen's d (pooled SD)", "Cohen の d（プールした標準偏差）"),
        (DKind::Pooled, true) => ("Hedges' g (pooled SD)", "Hedges の g（プールした標準偏差）"),
        (DKind::AverageVariance, false) => (
            "Cohen's d (average-variance SD, Welch)",
            "Cohen の d（2 群の分散の平均による標準偏差、Welch）",
        ),
        (DKind::AverageVariance, true) => (
            "Hedges' g (average-variance SD, Welch)",
            "Hedges の g（2 群の分散の平均による標準偏差、Welch）",
        ),
        (DKind::Glass, false) => ("Glass's Δ (SD of y)", "Glass の Δ（y の標準偏差）"),
        (DKind::Glass, true) => (
            "Glass's Δ, bias-corrected (SD of y)",
            "Glass の Δ・バイアス補正済み（y の標準偏差）",
        ),
        (DKind::Dz, false) => (
            "Cohen's d_z (SD of differences)",
            "Cohen の d_z（差の標準偏差）",
        ),
        (DKind::Dz, true) => (
            "Hedges' g_z (SD of differences)",
            "Hedges の g_z（差の標準偏差）",
        ),
        (DKind::Dav, false) => (
            "d_av (average of the two SDs)",
            "d_av（2 つの標準偏差の平均）",
        ),
        (DKind::Dav, true) => (
            "g_av (average of the two SDs)",
            "g_av（2 つの標準偏差の平均）",
        ),
        (DKind::OneSample, false) => ("Cohen's d (one sample)", "Cohen の d（1 標本）"),
        (DKind::OneSample, true) => ("Hedges' g (one sample)", "Hedges の g（1 標本）"),
    };
    Pair { en, ja }
}

// ---------------------------------------------------------------------------------------------
// The engine's quantities and reasons
// ---------------------------------------------------------------------------------------------

macro_rules! keyed {
    (
        $(#[$meta:meta])* pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident => $key:literal, $ja:literal; )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )*
        }

        impl $name {
            /// Every entry, for the completeness tests.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// Both languages; the English text is the engine's key.
            pub fn pair(self) -> Pair {
                match self {
                    $( $name::$variant => Pair { en: $key, ja: $ja }, )*
                }
            }

            /// The entry whose English key is `key`.
            pub fn from_key(key: &str) -> Option<$name> {
                match key {
                    $( $key => Some($name::$variant), )*
                    _ => None,
                }
            }
        }
    };
}

keyed! {
    /// A quantity or group the engine names in an error (`group`, `what` of
    /// [`crate::stats::StatsError`]). Parameter names (`x`, `y`, `n`, `df`, `conf_level`) are
    /// identifiers, the same in both languages, and have no entry.
    pub enum Term {
        /// Complete before/after pairs.
        Pairs => "pairs", "対になったデータ（両方に回答がある組）";
        /// Both samples.
        XAndYTogether => "x and y together", "x と y の合計";
        /// Signed-rank test.
        NonZeroDifferences => "non-zero paired differences", "0 以外の差（対応のあるデータ）";
        /// Noncentral-t interval.
        NcpLimit => "confidence limit of the noncentrality parameter", "非心度の信頼限界";
        /// JZS Bayes factor.
        BayesFactor => "Bayes factor", "ベイズファクター";
        /// SD.
        StandardDeviation => "standard deviation", "標準偏差";
        /// SE.
        StandardError => "standard error", "標準誤差";
        /// d.
        StandardizedDifference => "standardized difference", "標準化した差";
        /// t.
        TStatistic => "t statistic", "t 統計量";
        /// Variance.
        Variance => "variance", "分散";
        /// Respondents.
        Respondents => "respondents", "回答者";
        /// First group.
        FirstGroup => "first group", "1 つ目の群";
        /// Second group.
        SecondGroup => "second group", "2 つ目の群";
        /// A group.
        Group => "group", "群";
        /// Confidence limit.
        ConfidenceLimit => "confidence limit", "信頼限界";
        /// Variance underflow.
        VarianceUnderflow => "variance underflows: the values differ by less than about 1e-140",
            "分散がアンダーフローします。値の違いが約 1e-140 未満です";
        /// Power: solving for n.
        SampleSizeForPower => "sample size reaching the requested power",
            "指定した検出力に達する標本サイズ";
        /// Power: solving for d.
        EffectSizeForPower => "effect size reaching the requested power",
            "指定した検出力に達する効果量";
        /// Power: solving for n2.
        SecondGroupSizeForPower => "second-group size reaching the requested power",
            "指定した検出力に達する 2 つ目の群の人数";
        /// Power: solving for alpha (issue 15's power calculation).
        AlphaForPower => "significance level reaching the requested power",
            "指定した検出力に達する有意水準";
        /// Power of a share: the detectable share.
        DetectableShare => "detectable share", "検出できる割合";
    }
}

keyed! {
    /// Why a parameter was refused (`reason` of [`crate::stats::StatsError::InvalidArgument`]).
    pub enum Reason {
        /// Probability-like parameters.
        UnitOpen => "must be between 0 and 1 (exclusive)", "0 より大きく 1 より小さい値を指定してください";
        /// Finite.
        Finite => "must be a finite number", "有限の数値を指定してください";
        /// Positive.
        Positive => "must be positive", "正の値を指定してください";
        /// Unknown enum value.
        UnknownValue => "unknown value", "指定できない値です";
        /// > 1.
        GreaterThanOne => "must be greater than 1", "1 より大きい値を指定してください";
        /// TOST bounds.
        LessThanHigh => "must be less than high", "high より小さい値を指定してください";
        /// ≥ 2.
        AtLeastTwo => "must be at least 2", "2 以上の値を指定してください";
        /// Size cap.
        AtMost1e12 => "must be at most 1e12", "1e12（1 兆）以下の値を指定してください";
        /// Margin cap.
        Within1e6 => "must be between -1e6 and 1e6", "-1e6 以上 1e6 以下の値を指定してください";
        /// Effect size from a test result.
        NeedsTwoSample => "needs a two-sample t-test", "2 群（独立した 2 標本）の t 検定の結果を指定してください";
        /// d_av.
        NeedsPaired => "needs a paired t-test", "対応のある t 検定の結果を指定してください";
        /// Summary statistics.
        SummaryIncomplete => "summary statistics are incomplete", "要約統計量（件数・平均・標準偏差）が不足しています";
        /// p_adjust input.
        PValuesInUnit => "p-values must lie between 0 and 1", "p 値は 0 以上 1 以下で指定してください";
        /// Shares.
        PositiveAnswers => "positive answers must be between 0 and the number of respondents",
            "肯定的な回答の数は 0 以上、回答者数以下で指定してください";
        /// Counts.
        NotNegative => "must not be negative", "負の値は指定できません";
        /// Contrast weights.
        NotAllZero => "must not all be 0", "すべてを 0 にはできません";
    }
}

/// Why the C ABI refused an argument (`FfiError::Reason`), beyond the engine's [`Reason`]s.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FfiReason {
    /// A negative count.
    NegativeCount,
    /// A negative SD in summary statistics.
    NegativeSd,
    /// Degrees of freedom of the t distribution.
    DfPositive,
    /// A NaN statistic.
    NotANumber,
    /// A probability outside [0, 1].
    Probability,
    /// A sentence asked for a one-sample result.
    NeedsTwoConditions,
    /// A conclusion with more significant items than items tested.
    MoreSignificantThanTested,
}

impl FfiReason {
    /// Every entry, for the completeness test.
    pub const ALL: [FfiReason; 7] = [
        FfiReason::NegativeCount,
        FfiReason::NegativeSd,
        FfiReason::DfPositive,
        FfiReason::NotANumber,
        FfiReason::Probability,
        FfiReason::NeedsTwoConditions,
        FfiReason::MoreSignificantThanTested,
    ];

    /// Both languages.
    pub fn pair(self) -> Pair {
        let (en, ja) = match self {
            FfiReason::NegativeCount => (
                "a count must not be negative",
                "件数に負の値は指定できません",
            ),
            FfiReason::NegativeSd => (
                "a standard deviation cannot be negative",
                "標準偏差に負の値は指定できません",
            ),
            FfiReason::DfPositive => (
                "must be positive (infinity gives the normal distribution)",
                "正の値を指定してください（無限大を指定すると正規分布として計算します）",
            ),
            FfiReason::NotANumber => ("is NaN (not a number)", "NaN（非数）は指定できません"),
            FfiReason::Probability => (
                "must be a probability between 0 and 1",
                "0 以上 1 以下の確率を指定してください",
            ),
            FfiReason::NeedsTwoConditions => (
                "the sentence compares two conditions; a one-sample result has no second one",
                "文は 2 つの条件を比べるものです。1 標本の検定結果には 2 つ目の条件がありません",
            ),
            FfiReason::MoreSignificantThanTested => (
                "higher + lower (the significant items) must not exceed the items tested",
                "有意な差があった設問の数は、検定した設問の数を超えられません",
            ),
        };
        Pair { en, ja }
    }
}

/// The Japanese name of an engine key: its [`Term`], or the key itself when it is an identifier
/// (a parameter name such as `x`, `df`, `conf_level`, which reads the same in both languages).
pub fn term_ja(key: &str) -> &str {
    Term::from_key(key).map_or(key, |t| t.pair().ja)
}

/// The Japanese text of an engine reason ([`Reason`]); an unknown reason (none exists: see the
/// test) is returned as given.
pub fn reason_ja(key: &str) -> &str {
    Reason::from_key(key).map_or(key, |r| r.pair().ja)
}

/// `true` for a key that is an identifier (a parameter name such as `x`, `df`, `conf_level`),
/// not a word: at most two letters, or with an underscore.
pub fn is_identifier(key: &str) -> bool {
    !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && (key.len() <= 2 || key.contains('_'))
}

// Test support for the completeness tests here and in the command-line tool's `words`.

/// English words a Japanese text may contain: names of methods and people, statistical
/// symbols, identifiers a user types (parameters, options, function names).
#[doc(hidden)]
pub const ALLOWED_IN_JAPANESE: &[&str] = &[
    "Holm",
    "Welch",
    "Cohen",
    "Hedges",
    "Bonferroni",
    "Hochberg",
    "Benjamini",
    "Yekutieli",
    "Hommel",
    "Glass",
    "d_z",
    "g_z",
    "d_av",
    "g_av",
    "Student",
    "Mann",
    "Whitney",
    "Wilcoxon",
    "NULL",
    "NaN",
    "ttest",
    "xl",
    "SD",
    "CI",
    "TTXL",
    "LANG",
    "EN",
    "JA",
    "TWO",
    "SIDED",
    "LESS",
    "GREATER",
    "high",
    "low",
    "conf_level",
    "alternative",
    "language",
    "out",
    "nx",
    "ny",
    "mu",
    "e12",
    "e6",
    "e140",
    "NA",
    "UTF",
    "NUL",
    "result",
    "buf",
    "cap",
    "length",
    "item",
    "alpha",
];

/// Fails when `ja` is empty, has no Japanese character, or contains an ASCII word of two or
/// more letters that is not an identifier or a name (「pairs の…」, 「（sample size …）」).
#[doc(hidden)]
pub fn check_japanese(ja: &str, what: &str) {
    check_japanese_allowing(ja, what, &[]);
}

/// [`check_japanese`] with more words a text may contain (the command-line tool's own names).
#[doc(hidden)]
pub fn check_japanese_allowing(ja: &str, what: &str, also: &[&str]) {
    assert!(!ja.trim().is_empty(), "{what}: empty Japanese text");
    assert!(
        ja.chars()
            .any(|c| matches!(c, '\u{3040}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}')),
        "{what}: no Japanese in {ja:?}"
    );
    let mut word = String::new();
    for c in ja.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_alphanumeric() || c == '_' {
            word.push(c);
            continue;
        }
        let letters = word.chars().filter(|c| c.is_ascii_alphabetic()).count();
        if letters >= 2
            && !ALLOWED_IN_JAPANESE.contains(&word.as_str())
            && !also.contains(&word.as_str())
        {
            panic!("{what}: English word {word:?} in the Japanese text {ja:?}");
        }
        word.clear();
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Every adjustment method, for the completeness test.
    const ADJUST_METHODS: [AdjustMethod; 7] = [
        AdjustMethod::None,
        AdjustMethod::Holm,
        AdjustMethod::Hochberg,
        AdjustMethod::Bonferroni,
        AdjustMethod::BenjaminiHochberg,
        AdjustMethod::BenjaminiYekutieli,
        AdjustMethod::Hommel,
    ];

    #[test]
    fn every_text_is_complete_in_both_languages() {
        let pairs = Word::ALL
            .iter()
            .map(|w| (format!("{w:?}"), w.pair()))
            .chain(Term::ALL.iter().map(|t| (format!("{t:?}"), t.pair())))
            .chain(Reason::ALL.iter().map(|r| (format!("{r:?}"), r.pair())))
            .chain(FfiReason::ALL.iter().map(|r| (format!("{r:?}"), r.pair())))
            .chain(TestName::ALL.iter().map(|t| (format!("{t:?}"), t.pair())))
            .chain(ReasonsAt::ALL.iter().map(|r| (format!("{r:?}"), r.pair())))
            .chain(
                ADJUST_METHODS
                    .iter()
                    .map(|m| (format!("{m:?}"), adjust_pair(*m))),
            )
            .chain(
                [
                    DKind::Pooled,
                    DKind::AverageVariance,
                    DKind::Glass,
                    DKind::Dz,
                    DKind::Dav,
                    DKind::OneSample,
                ]
                .into_iter()
                .flat_map(|k| {
                    [false, true].map(|g| (format!("{k:?} {g}"), effect_size_name(k, g)))
                }),
            );
        for (name, pair) in pairs {
            assert!(!pair.en.trim().is_empty(), "{name}: empty English");
            // ASCII but for the en dash of a name pair ("Mann–Whitney", "Benjamini–Hochberg")
            // and Glass's Δ.
            assert!(
                pair.en
                    .chars()
                    .all(|c| c.is_ascii() || c == '–' || c == 'Δ'),
                "{name}: {:?}",
                pair.en
            );
            check_japanese(pair.ja, &name);
        }
    }

    #[test]
    fn the_leak_check_catches_the_leaks_users_saw() {
        for leak in [
            "pairs の有効なデータが足りません",
            "解が見つかりませんでした（sample size reaching the requested power）",
        ] {
            let caught = std::panic::catch_unwind(|| check_japanese(leak, "leak"));
            assert!(caught.is_err(), "not caught: {leak}");
        }
        check_japanese("引数 conf_level が正しくありません", "identifier");
    }

    #[test]
    fn keys_round_trip() {
        for t in Term::ALL {
            assert_eq!(Term::from_key(t.pair().en), Some(*t));
            assert!(
                !is_identifier(t.pair().en),
                "{t:?} looks like an identifier"
            );
        }
        for r in Reason::ALL {
            assert_eq!(Reason::from_key(r.pair().en), Some(*r));
        }
        assert_eq!(term_ja("pairs"), "対になったデータ（両方に回答がある組）");
        assert_eq!(term_ja("conf_level"), "conf_level");
    }

    /// Every `group`/`what`/`reason` key the engine writes (literal field values, `let what =`
    /// and the string arguments of its solver and `invalid` helpers) has a typed entry or is an
    /// identifier, so no English reaches a Japanese message.
    #[test]
    fn every_engine_key_has_a_translation() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/stats");
        let mut keys = Vec::new();
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let source = std::fs::read_to_string(&path).unwrap();
            // The engine's tests build errors too; only the code outside `mod tests` counts.
            let code = source.split("#[cfg(test)]").next().unwrap();
            let lines: Vec<&str> = code.lines().collect();
            for (i, line) in lines.iter().enumerate() {
                let t = line.trim();
                if t.starts_with("//") {
                    continue;
                }
                for field in ["group: \"", "what: \"", "reason: \"", "let what = \""] {
                    if let Some(rest) = t.split(field).nth(1) {
                        keys.push((path.clone(), i, rest.split('"').next().unwrap().to_string()));
                    }
                }
                if let Some(rest) = t.split("invalid(\"").nth(1) {
                    // invalid("name", "reason")
                    if let Some(reason) = rest.split("\", \"").nth(1) {
                        keys.push((path.clone(), i, reason.split('"').next().unwrap().into()));
                    }
                }
                // A string literal alone on its line as the last argument of a solver call:
                // the `what` of `solve(…, "sample size reaching the requested power")`.
                if t.starts_with('"') && t.ends_with("\",") && t.matches('"').count() == 2 {
                    let closes = lines.get(i + 1).is_some_and(|l| l.trim() == ")");
                    let in_solve = lines[i.saturating_sub(12)..i]
                        .iter()
                        .any(|l| l.contains("solve("));
                    if closes && in_solve {
                        keys.push((
                            path.clone(),
                            i,
                            t.trim_end_matches(',').trim_matches('"').into(),
                        ));
                    }
                }
            }
        }
        assert!(keys.len() > 40, "the scan found only {} keys", keys.len());
        for (path, line, key) in keys {
            assert!(
                is_identifier(&key)
                    || Term::from_key(&key).is_some()
                    || Reason::from_key(&key).is_some(),
                "{}:{}: the engine key {key:?} has no entry in src/messages.rs (Term or Reason)",
                path.display(),
                line + 1
            );
        }
    }

    /// No file of the library but this one (and `lang.rs`, the language itself) picks a
    /// language for a text: the engine's errors and effect-size names are written here.
    #[test]
    fn only_messages_picks_a_language() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut stack = vec![root.clone()];
        let mut found = Vec::new();
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                let rel = path
                    .strip_prefix(&root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                if path.extension().is_none_or(|e| e != "rs")
                    || rel == "messages.rs"
                    || rel == "lang.rs"
                {
                    continue;
                }
                let source = std::fs::read_to_string(&path).unwrap();
                let code = source.split("#[cfg(test)]\nmod tests {").next().unwrap();
                for (i, line) in code.lines().enumerate() {
                    if line.trim_start().starts_with("//") {
                        continue;
                    }
                    for p in [
                        ".pick(",
                        "match lang {",
                        "Lang::Ja =>",
                        "Lang::En =>",
                        "== Lang::",
                        "!= Lang::",
                        "bilingual(",
                    ] {
                        if line.contains(p) {
                            found.push(format!("{rel}:{}: {}", i + 1, line.trim()));
                        }
                    }
                }
            }
        }
        assert!(
            found.is_empty(),
            "a language is chosen outside messages.rs: {found:#?}"
        );
    }

    #[test]
    fn engine_errors_in_both_languages() {
        let e = StatsError::TooFew {
            group: "pairs",
            needed: 2,
            found: 1,
        };
        assert_eq!(
            e.to_string(),
            "not enough observations in pairs: 1 valid value(s), at least 2 needed"
        );
        assert_eq!(
            e.message(Lang::Ja),
            "有効なデータが足りません（対になったデータ（両方に回答がある組）: 1 件。少なくとも 2 件必要です）"
        );
        assert_eq!(
            effect_size_name(DKind::Dz, true).get(Lang::Ja),
            "Hedges の g_z（差の標準偏差）"
        );
    }

    #[test]
    fn effect_labels_follow_cohen() {
        assert_eq!(effect_label(0.19, Lang::En), "negligible");
        assert_eq!(effect_label(-0.2, Lang::En), "small");
        assert_eq!(effect_label(0.5, Lang::Ja), "中程度");
        assert_eq!(effect_label(0.8, Lang::Ja), "大きい");
        assert_eq!(effect_label(f64::NAN, Lang::Ja), "—");
    }

    #[test]
    fn sentences_in_both_languages() {
        let c = Comparison {
            subject: "Q1",
            label_1: "before",
            label_2: "after",
            mean_1: 3.21,
            sd_1: 0.85,
            mean_2: 3.56,
            sd_2: 0.8,
            statistic: Statistic::T { t: 2.95, df: 98.0 },
            p_value: 0.004,
            p_adjusted: Some(0.012),
            d: Some([0.42, 0.14, 0.7]),
            conf_level: 0.95,
            significant: true,
            higher: true,
        };
        assert_eq!(
            comparison_sentence(&c, Lang::En),
            "Q1: after (M = 3.56, SD = 0.80) was significantly higher than before (M = 3.21, SD = 0.85), t(98) = 2.95, p = .004, adjusted p = .012, d = 0.42, 95% CI [0.14, 0.70]."
        );
        let ja = Comparison {
            label_1: "事前",
            label_2: "事後",
            significant: false,
            ..c
        };
        let s = comparison_sentence(&ja, Lang::Ja);
        assert_eq!(
            s,
            "Q1: 「事後」（M = 3.56, SD = 0.80）と「事前」（M = 3.21, SD = 0.85）の間に有意な差は認められなかった（t(98) = 2.95, p = .004, 補正後 p = .012, d = 0.42［0.14, 0.70］）。"
        );
        check_japanese(&s, "sentence");
    }

    #[test]
    fn conclusions_in_both_languages() {
        let c = Conclusion {
            scope: None,
            tested: 15,
            higher: 2,
            lower: 1,
            untested: 1,
            reasons: &[],
            reasons_at: ReasonsAt::NoteColumn,
            test: TestName::Paired,
            correction: AdjustMethod::Holm,
            alpha: 0.05,
            label_1: "before",
            label_2: "after",
        };
        assert_eq!(
            conclusion_sentence(&c, Lang::En),
            "Of 15 item(s) tested (paired t-test, Holm correction across 15 item(s), α = .05), 3 differed significantly between before and after: 2 higher and 1 lower in after. 1 item(s) could not be tested (see the Note column)."
        );
        let ja = Conclusion {
            scope: Some("総務課"),
            untested: 0,
            test: TestName::Welch,
            correction: AdjustMethod::BenjaminiHochberg,
            alpha: 0.1,
            label_1: "事前",
            label_2: "事後",
            ..c
        };
        let s = conclusion_sentence(&ja, Lang::Ja);
        assert_eq!(
            s,
            "【総務課】15 問について、Welch の t 検定を行った（有意水準 .1、Benjamini–Hochberg 法（偽発見率）による補正）。「事前」と「事後」の間に有意な差があったのは 3 問であった（「事後」のほうが高い: 2 問、低い: 1 問）。"
        );
        check_japanese(&s, "conclusion");
        let reasons = [
            "n = 1".to_string(),
            "n = 1".to_string(),
            "n = 0".to_string(),
        ];
        let none = Conclusion {
            tested: 0,
            higher: 0,
            lower: 0,
            untested: 3,
            reasons: &reasons,
            reasons_at: ReasonsAt::ChecksSheet,
            ..c
        };
        assert_eq!(
            conclusion_sentence(&none, Lang::En),
            "No item could be tested (3 item(s)): n = 1; n = 0 (see the Checks sheet)."
        );
        assert_eq!(
            conclusion_sentence(&none, Lang::Ja),
            "検定できた設問はありませんでした（3 問。理由: n = 1／n = 0。データ確認シートを参照）。"
        );
        assert_eq!(
            not_tested_sentence("Q2", "n = 1", Lang::Ja),
            "Q2: 検定できなかった。理由: n = 1。"
        );
        assert_eq!(
            not_tested_sentence("Q2", "n = 1", Lang::En),
            "Q2: not tested — n = 1."
        );
    }
}
