//! The words of the analysis (`src/analysis/`): the names of the tests, why a run or an item
//! cannot be analysed, the assumption notes, the warnings printed on the terminal, the shares of
//! positive answers and the option errors of `--equivalence`, `--top-box` and `--positive`.

use crate::analysis::shares::{NoShare, ScaleFrom, ShareError, ShareRule};
use crate::analysis::{
    AnalysisError, AssumptionNote, Exclusion, ShapeProblem, TestUsed, Warning, SMALL_N, STRONG_SKEW,
};
use crate::lang::Lang;
use crate::messages::TestName;

use super::pick;

texts! {
    /// Fixed words of the analysis's notes and warnings.
    pub enum AnalysisWord {
        /// What is skewed in a paired design.
        Differences => "the differences", "差";
        /// A breakdown group whose cell is blank ([`crate::analysis::by_label`]).
        Blank => "(blank)", "（空欄）";
        /// The note when the rank test failed.
        RankFailed => "the rank test could not be computed", "順位検定を計算できませんでした";
        /// The kind of a grouped warning: unequal SDs under Student's test.
        UnequalVariancesKind => "unequal SDs under Student's test; Welch's test is safer",
            "Student の t 検定で 2 群の標準偏差が大きく異なる（Welch の t 検定のほうが適切）設問";
        /// The kind of a grouped warning: the rank test failed.
        RankFailedKind => "the rank test could not be computed", "順位検定を計算できなかった設問";
        /// The kind of a grouped warning: items not tested.
        NotTestedKind => "not tested (reasons on the Checks sheet)",
            "検定できなかった設問（理由はデータ確認シートを参照）";
        /// The kind of a grouped warning: items without a share of positive answers.
        NoShareKind => "no share of positive answers (scale's top unclear; give --positive)",
            "肯定的回答の割合を計算できなかった設問（尺度の最高点が不明。--positive で指定）";
        /// One of the two conditions (sheets) of a survey, in an error about its shape.
        FirstCondition => "first", "1 つ目の条件";
        /// The other condition.
        SecondCondition => "second", "2 つ目の条件";
        /// `--top-box` and `--positive` together.
        TopBoxAndPositive => "--top-box and --positive cannot be used together: --top-box K counts the top K points of each item's scale, --positive names the scores; give one of them",
            "--top-box と --positive は同時に指定できません。--top-box K は各設問の尺度の上位 K 段階を、--positive は得点そのものを肯定的回答とします。どちらか一方を指定してください";
        /// An item whose values are not points of a rating scale (Method sheet).
        NotRating => "no share: the values are not points of a rating scale (whole numbers 0–10)",
            "割合は計算せず（値が評定尺度の得点〔0〜10 の整数〕ではない）";
        /// The positive answers were named with `--positive`.
        ByPositive => "--positive", "--positive で指定";
        /// The scale was inferred from the labels.
        FromLabels => "; scale inferred from the answer labels (Checks sheet)",
            "。尺度は選択肢の文言から判定（データ確認シート）";
        /// The scale is the `--scale` mapping.
        FromScaleOption => "; scale from --scale", "。尺度は --scale による";
    }
}

formats! {
    /// Texts of the analysis with values.
    pub enum AnalysisText<'a> {
        /// A paired test on unpaired data.
        NeedsPairs { test: &'a str } => "--test {test} needs respondents paired by an ID column; use --id COLUMN, or choose welch/student/mann-whitney",
            "--test {test} には、ID で対応付けた回答が必要です。--id で ID の列を指定するか、--test で welch、student、mann-whitney のいずれかを選んでください";
        /// The survey's vectors disagree.
        Shape { detail: &'a str } => "survey data are inconsistent: {detail}",
            "調査データの形が一致しません: {detail}";
        /// No item to analyse.
        NoItems {} => "no item columns to analyse; name them with --items",
            "分析する設問の列がありません。--items で指定してください";
        /// The p-value adjustment failed.
        AdjustFailed { reason: &'a str } => "p-value adjustment failed: {reason}",
            "p 値の補正に失敗しました: {reason}";
        /// Shape: value columns per item.
        ValueColumns { side: &'a str, columns: usize, items: usize } => "{side}: {columns} value columns for {items} items",
            "{side}: 設問 {items} 個に対して値の列が {columns} 個あります";
        /// Shape: rows per value column.
        ValueRows { side: &'a str, rows: usize } => "{side}: value columns differ from {rows} rows",
            "{side}: 値の列の長さが {rows} 行と異なります";
        /// Shape: breakdown values per row.
        ByValues { side: &'a str, values: usize, rows: usize } => "{side}: {values} breakdown values for {rows} rows",
            "{side}: {rows} 行に対して内訳の値が {values} 個あります";
        /// Shape: a paired survey with unequal rows.
        PairedRows { first: usize, second: usize } => "paired survey with {first} and {second} rows",
            "対応のある調査なのに行数が {first} と {second} で異なります";
        /// An item with too few values.
        TooFew { n_1: usize, n_2: usize } => "too few valid values to test (n = {n_1} and {n_2})",
            "有効な回答が少なすぎます（n = {n_1}, {n_2}）";
        /// Assumption note: small sample.
        SmallN { n: usize } => "small sample (n = {n}): little power, and normality cannot be checked; read the rank test beside it",
            "回答数が少ない（n = {n}）ため検出力が低く、正規性も確認できません。順位検定の結果もあわせて確認してください";
        /// Assumption note: strong skew.
        Skew { what: &'a str, skewness: f64 } => "strong skew in {what} (skewness {skewness:.2}); the rank test is more robust",
            "{what}の分布が大きく歪んでいます（歪度 {skewness:.2}）。歪みの影響を受けにくい順位検定の結果もあわせて確認してください";
        /// Assumption note: unequal SDs under Student's test.
        UnequalVariances { ratio: f64 } => "the SDs differ (ratio {ratio:.2}) but Student's test assumes equal variances; Welch's test is safer",
            "2 群の標準偏差が大きく異なります（比 {ratio:.2}）が、Student の t 検定は等分散を仮定しています。Welch の t 検定のほうが適切です";
        /// The kind of a grouped warning: small samples.
        SmallNKind { small_n: usize } => "small sample (n < {small_n}): little power; read the rank test beside it",
            "回答数が少ない（n < {small_n}。検出力が低いため順位検定もあわせて確認）設問";
        /// The kind of a grouped warning: strong skew.
        SkewKind { strong_skew: f64 } => "strong skew (|skewness| ≥ {strong_skew}); the rank test is more robust",
            "分布の歪みが大きい（|歪度| ≥ {strong_skew}。順位検定もあわせて確認）設問";
        /// A warning line for several warnings of one kind.
        GroupedLine { kind: &'a str, count: usize, places: &'a str } => "{kind}: {count} items ({places})",
            "{kind}: {count} 件（{places}）";
        /// A warning line for the reader's notes of one kind.
        ReaderNotes { what: &'a str, count: usize, cells: &'a str } => "{count} cell(s): {what} ({cells}; see the Checks sheet)",
            "{what}: {count} 件（{cells}。データ確認シートを参照）";
        /// An item of a block not tested.
        NotTested { scope: &'a str, item: &'a str, reason: &'a str } => "{scope}{item}: not tested: {reason}",
            "{scope}{item}: 検定できませんでした。{reason}";
        /// A breakdown group withheld by `--min-group`.
        Withheld { by: &'a str, n: usize, min: usize } => "[{by}] not reported on its own: {n} respondent(s), fewer than --min-group {min} (counted in the whole sample)",
            "[{by}] 回答者が {n} 人で --min-group の {min} 人未満のため、単独では集計しません（全体の集計には含めています）";
        /// `--equivalence` with a rank test.
        RankNoEquivalence { test: &'a str } => "--equivalence is not available with the {test} (an equivalence test is defined here for t-tests only); use --test welch, student or paired for it",
            "{test}では同等性の検定（--equivalence）は行えません（t 検定のみ対応）。同等性を調べるには --test で welch、student、paired のいずれかを指定してください";
        /// A bad `--equivalence` margin.
        BadMargin { text: &'a str } => "--equivalence needs the equivalence margin in raw points, a number greater than 0 (e.g. --equivalence 0.3 for ±0.3 points), got \"{text}\"",
            "--equivalence には同等とみなす差の幅を、元の得点の単位で 0 より大きい数値で指定してください（例: ±0.3 点なら --equivalence 0.3）。指定値: 「{text}」";
    }
}

formats! {
    /// Texts of the shares of positive answers with values.
    pub enum SharesText<'a> {
        /// `--top-box K` counts every point as positive.
        TopBoxTooLarge { k: u8, item: &'a str, low: i64, top: i64, points: i64, below_top: i64 } => "--top-box {k} counts every answer of {item} (scale {low}–{top}) as positive; choose a K below {points}, or name the positive answers with --positive (e.g. --positive {below_top},{top})",
            "--top-box {k} では「{item}」（{low}〜{top} の尺度）のすべての回答が肯定的回答になります。{points} より小さい K を指定するか、--positive で肯定的回答とする得点を指定してください（例: --positive {below_top},{top}）";
        /// `--positive` off an item's scale (the reason is [`SharesText::EveryPoint`] or
        /// [`SharesText::NoPoint`]).
        PositiveOffScale { option: &'a str, why: &'a str, top: i64, below_top: i64 } => "{option}: {why}; name the positive answers on that scale (e.g. --positive {below_top},{top}), or leave the item out with --items",
            "{option}: {why}。その尺度の得点で肯定的回答を指定する（例: --positive {below_top},{top}）か、--items でこの設問を除いてください";
        /// Every point of the scale would be positive.
        EveryPoint { item: &'a str, low: i64, top: i64 } => "every point of the scale of {item} ({low}–{top}) would count as positive",
            "「{item}」（{low}〜{top} の尺度）では、すべての回答が肯定的回答になります";
        /// No score named is on the scale.
        NoPoint { item: &'a str, low: i64, top: i64 } => "none of these scores is on the scale of {item} ({low}–{top})",
            "指定した得点はどれも「{item}」の尺度（{low}〜{top}）にありません";
        /// A bad `--top-box`.
        BadTopBox { k: &'a str, max: u8 } => "--top-box needs a whole number of points from 1 to {max}, e.g. --top-box 2 for the top two points (got {k:?})",
            "--top-box には 1〜{max} の整数（上位の段階数）を指定してください（例: 上位 2 段階なら --top-box 2。指定値: {k:?}）";
        /// A bad `--positive`.
        BadPositive { list: &'a str, max: u8 } => "--positive needs the positive scores as whole numbers from 0 to {max} separated by commas, e.g. --positive 4,5 (got {list:?})",
            "--positive には肯定的回答とする得点（0〜{max} の整数）をカンマで区切って指定してください（例: --positive 4,5。指定値: {list:?}）";
        /// Method sheet: the item's top is unclear.
        UnclearTop { own_max: i64, top: i64 } => "no share: the highest answer is {own_max}, far below the top {top} of the other numeric items, so the item may be on another scale; name the positive answers with --positive",
            "割合は計算せず（最も高い回答が {own_max} で、ほかの数値の設問の最高点 {top} より 2 以上低く、別の尺度の可能性がある。--positive で肯定的回答を指定してください）";
        /// Warning: the item's top is unclear.
        UnclearTopWarning { name: &'a str, own_max: i64, top: i64 } => "{name}: no share of positive answers: its highest answer is {own_max}, far below the top {top} of the other numeric items (another scale?); name the positive answers with --positive",
            "{name}: 肯定的回答の割合を計算していません。最も高い回答が {own_max} で、ほかの数値の設問の最高点 {top} より大きく低いため、別の尺度の可能性があります。--positive で肯定的回答とする得点を指定してください";
        /// Method sheet: the top `n` points of a scale.
        TopPoints { n: usize, scale: &'a str } => "top {n} point(s) of the {scale} scale", "{scale} の尺度の上位 {n} 段階";
        /// Method sheet: the top assumed for numbers.
        AssumedTop { top: i64, unanswered: &'a str } => "; numbers without labels: the scale's top is ASSUMED to be {top}, the highest answer in the numeric items{unanswered}; if the scale has more points, give --positive",
            "。数値のみの設問のため、尺度の最高点を数値の設問の最も高い回答 {top} と仮定{unanswered}。尺度の段階がこれより多い場合は --positive で指定してください";
        /// Method sheet: nobody answered the assumed top.
        NobodyAtTop { top: i64 } => " (nobody answered {top} on these items)", "（これらの設問では {top} の回答なし）";
        /// Method sheet: the positive answers of an item.
        Positive { pos: &'a str, how: &'a str, from: &'a str } => "positive = {pos} ({how}{from})", "肯定的回答 = {pos}（{how}{from}）";
    }
}

/// A range of scores, `1–5` / `1〜5`.
pub fn score_range(lang: Lang, low: i64, top: i64) -> String {
    format!("{low}{}{top}", pick(lang, "–", "〜"))
}

/// Both languages of a text, `(English, Japanese)`: for the texts kept in both languages (a
/// [`Warning`], a comparison refusal, an option error the command line prints later).
pub fn both(text: impl Fn(Lang) -> String) -> (String, String) {
    (text(Lang::En), text(Lang::Ja))
}

impl TestUsed {
    /// The library's entry for this test: the name the VBA module's sentences use too.
    pub fn word(self) -> TestName {
        match self {
            TestUsed::Paired => TestName::Paired,
            TestUsed::Student => TestName::Student,
            TestUsed::Welch => TestName::Welch,
            TestUsed::MannWhitney => TestName::MannWhitney,
            TestUsed::Wilcoxon => TestName::Wilcoxon,
        }
    }

    /// Human name in the requested language.
    pub fn name(self, lang: Lang) -> &'static str {
        self.word().pair().get(lang)
    }
}

impl ShapeProblem {
    /// The problem in the requested language.
    pub fn message(&self, lang: Lang) -> String {
        let side = |second: bool| {
            if second {
                AnalysisWord::SecondCondition
            } else {
                AnalysisWord::FirstCondition
            }
            .get(lang)
        };
        match *self {
            ShapeProblem::ValueColumns {
                second,
                columns,
                items,
            } => AnalysisText::ValueColumns {
                side: side(second),
                columns,
                items,
            },
            ShapeProblem::ValueRows { second, rows } => AnalysisText::ValueRows {
                side: side(second),
                rows,
            },
            ShapeProblem::ByValues {
                second,
                values,
                rows,
            } => AnalysisText::ByValues {
                side: side(second),
                values,
                rows,
            },
            ShapeProblem::PairedRows { first, second } => {
                AnalysisText::PairedRows { first, second }
            }
        }
        .text(lang)
    }
}

impl AnalysisError {
    /// The message in the requested language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            AnalysisError::NeedsPairs { test } => AnalysisText::NeedsPairs { test }.text(lang),
            AnalysisError::Shape(s) => AnalysisText::Shape {
                detail: &s.message(lang),
            }
            .text(lang),
            AnalysisError::NoItems => AnalysisText::NoItems {}.text(lang),
            AnalysisError::Adjust(e) => AnalysisText::AdjustFailed {
                reason: &e.message(lang),
            }
            .text(lang),
            AnalysisError::Shares(e) => e.message(lang),
        }
    }
}

impl Exclusion {
    /// Explanation in the requested language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Exclusion::TooFew { n_1, n_2 } => AnalysisText::TooFew {
                n_1: *n_1,
                n_2: *n_2,
            }
            .text(lang),
            Exclusion::Failed(e) => e.message(lang),
        }
    }
}

impl AssumptionNote {
    /// The kind of note in words, without its numbers, `(en, ja)`: the heading of a grouped
    /// warning line.
    pub fn kind_words(&self) -> (String, String) {
        both(|lang| match self {
            AssumptionNote::SmallN { .. } => {
                AnalysisText::SmallNKind { small_n: SMALL_N }.text(lang)
            }
            AssumptionNote::Skew { .. } => AnalysisText::SkewKind {
                strong_skew: STRONG_SKEW,
            }
            .text(lang),
            AssumptionNote::UnequalVariances { .. } => {
                AnalysisWord::UnequalVariancesKind.get(lang).to_string()
            }
            AssumptionNote::RankFailed => AnalysisWord::RankFailedKind.get(lang).to_string(),
        })
    }

    /// Explanation in the requested language; `labels` are the two condition labels.
    pub fn message(&self, lang: Lang, labels: &[String; 2]) -> String {
        match *self {
            AssumptionNote::SmallN { n } => AnalysisText::SmallN { n }.text(lang),
            AssumptionNote::Skew { which, skewness } => {
                let what = match which {
                    0 => &labels[0],
                    1 => &labels[1],
                    _ => AnalysisWord::Differences.get(lang),
                };
                AnalysisText::Skew { what, skewness }.text(lang)
            }
            AssumptionNote::UnequalVariances { ratio } => {
                AnalysisText::UnequalVariances { ratio }.text(lang)
            }
            AssumptionNote::RankFailed => AnalysisWord::RankFailed.get(lang).to_string(),
        }
    }
}

impl Warning {
    /// The text in the requested language.
    pub fn message(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Ja => &self.ja,
        }
    }

    /// The kind in the requested language (see [`Warning::kind`]).
    pub fn kind_text(&self, lang: Lang) -> Option<&str> {
        self.kind.as_ref().map(|(en, ja)| match lang {
            Lang::En => en.as_str(),
            Lang::Ja => ja.as_str(),
        })
    }
}

/// `(blank)` / `（空欄）` for a blank breakdown value ([`crate::analysis::by_label`]).
pub fn blank_group(lang: Lang) -> &'static str {
    AnalysisWord::Blank.get(lang)
}

impl ShareError {
    /// The message in the requested language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ShareError::TopBoxTooLarge { k, item, low, top } => SharesText::TopBoxTooLarge {
                k: *k,
                item,
                low: *low,
                top: *top,
                points: top - low + 1,
                below_top: top - 1,
            }
            .text(lang),
            ShareError::PositiveOffScale {
                option,
                item,
                low,
                top,
                all,
            } => {
                let (low, top) = (*low, *top);
                let why = if *all {
                    SharesText::EveryPoint { item, low, top }
                } else {
                    SharesText::NoPoint { item, low, top }
                };
                SharesText::PositiveOffScale {
                    option,
                    why: &why.text(lang),
                    top,
                    below_top: top - 1,
                }
                .text(lang)
            }
        }
    }
}

/// How the positive answers of one item were decided, for the Method sheet
/// ([`crate::analysis::shares::plan_lines`]): `rule` is the plan's rule, `scale` and `from` the
/// item's, `positive` its positive scores as text (`4, 5`).
pub fn share_rule_line(
    lang: Lang,
    rule: ShareRule,
    item: &crate::analysis::shares::ItemRule,
    positive: &str,
) -> String {
    match item.none {
        Some(NoShare::NotRating) => AnalysisWord::NotRating.get(lang).to_string(),
        Some(NoShare::UnclearTop { own_max, top }) => {
            SharesText::UnclearTop { own_max, top }.text(lang)
        }
        None => {
            let scale = item
                .scale
                .map(|(lo, hi)| score_range(lang, lo, hi))
                .unwrap_or_default();
            let how = match rule {
                ShareRule::TopBox { .. } => SharesText::TopPoints {
                    n: item.positive.len(),
                    scale: &scale,
                }
                .text(lang),
                ShareRule::Positive(_) => AnalysisWord::ByPositive.get(lang).to_string(),
            };
            let from = match item.from {
                Some(ScaleFrom::Labels) => AnalysisWord::FromLabels.get(lang).to_string(),
                Some(ScaleFrom::ScaleOption) => AnalysisWord::FromScaleOption.get(lang).to_string(),
                Some(ScaleFrom::Observed { own_max }) => {
                    let top = item.scale.map_or(own_max, |s| s.1);
                    let unanswered = if own_max < top {
                        SharesText::NobodyAtTop { top }.text(lang)
                    } else {
                        String::new()
                    };
                    SharesText::AssumedTop {
                        top,
                        unanswered: &unanswered,
                    }
                    .text(lang)
                }
                None => String::new(),
            };
            let pos = positive.replace(", ", pick(lang, ", ", "、"));
            SharesText::Positive {
                pos: &pos,
                how: &how,
                from: &from,
            }
            .text(lang)
        }
    }
}

/// The `(English, Japanese)` error of a bad `--equivalence` margin.
pub fn bad_margin(text: &str) -> (String, String) {
    both(|lang| AnalysisText::BadMargin { text }.text(lang))
}

/// The warning for `--equivalence` with a rank test.
pub fn rank_no_equivalence(test: TestUsed) -> (String, String) {
    both(|lang| {
        AnalysisText::RankNoEquivalence {
            test: test.name(lang),
        }
        .text(lang)
    })
}
