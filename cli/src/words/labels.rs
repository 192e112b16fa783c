//! Why the answer labels of an item cannot be scored, and why a workbook has no answer
//! columns (`workbook/items.rs`, `workbook/scale.rs`): each an entry below, given to
//! `ReadError::layout_text`.

use super::comma_list;
use super::pick;
use super::reading::Text;
use crate::lang::Lang;
use crate::workbook::{NotItem, ScaleProblem};

impl Text for ScaleRefusal<'_> {
    fn text(&self, lang: Lang) -> String {
        ScaleRefusal::text(self, lang)
    }
}

texts! {
    /// Fixed parts of the refusals about the answer columns (items.rs).
    pub enum ItemsWord {
        /// The start of the refusal for labels that cannot be scored.
        LabelsUncertain =>
            "the answer labels of some items cannot be scored with certainty; ",
            "次の設問は、選択肢の文言から得点を確実に決められません。";
        /// Why a number column is no answer column: its header.
        Quantity => "header names a quantity", "見出しが数量を表す";
        /// Why a number column is no answer column: a total of the others.
        RowTotal => "sum or mean of other columns", "他の列の合計・平均";
    }
}

formats! {
    /// The refusals about the answer columns and their labels (items.rs, scale.rs).
    pub enum ScaleRefusal<'a> {
        /// One item whose labels (`labels`, each with its count, listed) cannot be scored,
        /// and why ([`ScaleRefusal`]'s reasons below).
        Item { name: &'a str, labels: &'a str, why: &'a str } =>
            "item {name}: labels {labels}: {why}; ",
            "設問「{name}」: 選択肢 {labels}（{why}）。";
        /// The end of the refusal: the `--scale` line to paste; `no_answer` is
        /// `NO_ANSWER_EXAMPLE`.
        GiveScale { line: &'a str, no_answer: &'a str } =>
            "give every label its score with --scale (check the scores; \"?\" marks a label to score, and write no-answer labels such as {no_answer} as nothing): --scale \"{line}\"",
            "--scale ですべての選択肢の得点を指定してください（得点を確認し、「?」の選択肢には得点を記入してください。「{no_answer}」などの無回答の選択肢は指定しないでください）: --scale \"{line}\"";
        /// Labels (quoted) that are no known answer label.
        Unknown { labels: &'a str } =>
            "{labels} is no known answer label",
            "{labels}は既知の選択肢の文言ではありません";
        /// Two labels on the same level.
        SameLevel { a: &'a str, b: &'a str } =>
            "\"{a}\" and \"{b}\" would get the same score",
            "「{a}」と「{b}」が同じ得点になってしまいます";
        /// Labels of two families.
        TwoFamilies { a: &'a str, b: &'a str } =>
            "\"{a}\" and \"{b}\" belong to two different scales",
            "「{a}」と「{b}」は別の尺度の選択肢です";
        /// Labels of a `points`-point scale beside the number `max`.
        NumbersDoNotFit { points: usize, max: &'a str } =>
            "the labels make a {points}-point scale but the column also holds the number {max}",
            "選択肢の文言は {points} 段階の尺度ですが、同じ列に数値 {max} もあります";
        /// Scores written beside the labels that do not agree.
        Written { label: &'a str } =>
            "the scores written beside the labels do not agree (\"{label}\")",
            "選択肢の前に書かれた得点が一致しません（「{label}」）";
        /// Labels (listed) that do not show the number of points.
        Spacing { labels: &'a str } =>
            "the labels found ({labels}) do not show how many points the scale has",
            "見つかった選択肢（{labels}）からは、何段階の尺度か判断できません";
        /// Labels (quoted) missing from `--scale`.
        NotInOption { labels: &'a str } =>
            "{labels} is not in the --scale mapping",
            "{labels}が --scale の指定にありません";
        /// Number columns of a workbook without answer columns; `columns` each with why.
        NotASurvey { columns: &'a str } =>
            "this does not look like a survey: no column holds answers on a rating scale (integers such as 1–5, or answer labels); number columns found: {columns}; if these are answers, name them with --items",
            "アンケートの回答には見えません。評定尺度の回答（1～5 などの整数や選択肢の文言）の列がありません（見つかった数値の列: {columns}）。これらが回答の列であれば --items で指定してください";
        /// The numbers of a column that is no answer column (a range such as 0–37).
        Range { range: &'a str } => "values {range}", "値 {range}";
    }
}

/// A no-answer label, the example of [`ScaleRefusal::GiveScale`] (a label of the survey, the
/// same in both languages).
const NO_ANSWER_EXAMPLE: &str = "わからない";

/// Labels quoted: `"a", "b"` in English, 「a」「b」 in Japanese.
fn quoted(labels: &[String], lang: Lang) -> String {
    match lang {
        Lang::En => labels
            .iter()
            .map(|s| format!("\"{s}\""))
            .collect::<Vec<_>>()
            .join(", "),
        Lang::Ja => labels.iter().map(|s| format!("「{s}」")).collect(),
    }
}

impl ScaleProblem {
    /// Why the labels of an item cannot be scored, in `lang`.
    pub(crate) fn message(&self, lang: Lang) -> String {
        match self {
            ScaleProblem::Unknown(w) => ScaleRefusal::Unknown {
                labels: &quoted(w, lang),
            }
            .text(lang),
            ScaleProblem::SameLevel(a, b) => ScaleRefusal::SameLevel { a, b }.text(lang),
            ScaleProblem::TwoFamilies(a, b) => ScaleRefusal::TwoFamilies { a, b }.text(lang),
            ScaleProblem::NumbersDoNotFit { points, max } => ScaleRefusal::NumbersDoNotFit {
                points: *points,
                max: &crate::workbook::format_number(*max),
            }
            .text(lang),
            ScaleProblem::Written(label) => ScaleRefusal::Written { label }.text(lang),
            ScaleProblem::Spacing(w) => ScaleRefusal::Spacing {
                labels: &comma_list(w, lang),
            }
            .text(lang),
            ScaleProblem::NotInOption(w) => ScaleRefusal::NotInOption {
                labels: &quoted(w, lang),
            }
            .text(lang),
        }
    }
}

/// The refusal for labels that cannot be scored: each item (`name`, its labels with their
/// counts, the problem), then the `--scale` line to paste.
pub(crate) fn labels_uncertain<'a>(
    items: &'a [(&'a str, Vec<String>, &'a ScaleProblem)],
    line: &'a str,
) -> impl Text + 'a {
    move |lang| {
        let mut out = ItemsWord::LabelsUncertain.get(lang).to_string();
        for (name, labels, problem) in items {
            out.push_str(
                &ScaleRefusal::Item {
                    name,
                    labels: &comma_list(labels, lang),
                    why: &problem.message(lang),
                }
                .text(lang),
            );
        }
        out.push_str(
            &ScaleRefusal::GiveScale {
                line,
                no_answer: NO_ANSWER_EXAMPLE,
            }
            .text(lang),
        );
        out
    }
}

/// The refusal for a workbook without answer columns: each number column (`names`) and why it
/// is none (`left_out`).
pub(crate) fn not_a_survey<'a>(
    names: &'a [String],
    left_out: &'a [Option<NotItem>],
) -> impl Text + 'a {
    move |lang| {
        let each: Vec<String> = (0..names.len())
            .map(|k| {
                let name = &names[k];
                let why = match &left_out[k] {
                    Some(NotItem::Quantity) => ItemsWord::Quantity.get(lang).to_string(),
                    Some(NotItem::RowTotal) => ItemsWord::RowTotal.get(lang).to_string(),
                    Some(NotItem::Range(range)) => ScaleRefusal::Range { range }.text(lang),
                    None => String::new(),
                };
                let (open, close) = (pick(lang, " (", "（"), pick(lang, ")", "）"));
                format!("{name}{open}{why}{close}")
            })
            .collect();
        ScaleRefusal::NotASurvey {
            columns: &comma_list(&each, lang),
        }
        .text(lang)
    }
}
