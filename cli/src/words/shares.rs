//! The words of the shares of positive answers: the Results sheet's share columns, the share
//! sentence of an item (council and Summary sheets), the council sheet's foot line, the Method
//! sheet's rows and the line on the terminal.

use super::pick;
use crate::lang::Lang;

texts! {
    /// Fixed texts about the shares.
    pub enum ShareText {
        /// Results: the column of the scores that count as positive.
        PositiveScores => "Positive answers (scores)", "肯定的回答（得点）";
        /// Results: the column of the shares' unadjusted p.
        ShareP => "Share p (two-sided)", "割合の p（両側）";
        /// The default rule.
        TopTwo => "the top two points of each item's scale", "各設問の尺度の上位 2 段階";
        /// The interval and test of paired answers.
        PairedTest
            => "Newcombe's paired score interval (1998, method 10); p from the exact McNemar test (two-sided binomial test on the respondents who changed side)",
               "信頼区間は Newcombe の対応のあるスコア法（1998、方法 10）、p 値は McNemar の正確検定（回答が肯定側と否定側の間で変わった人についての両側二項検定）";
        /// The interval and test of two independent groups.
        IndependentTest
            => "Newcombe's hybrid score interval (1998, method 10); p from Pearson's chi-square test without continuity correction",
               "信頼区間は Newcombe のハイブリッド・スコア法（1998、方法 10）、p 値は連続性補正なしの Pearson の χ² 検定";
        /// Council foot: the family of three or more waves.
        OverWaves => "over every comparison of two waves × item", "すべての時点の比較 × 設問をまとめて";
        /// Council foot: the family of the items.
        OverItems => "across the items", "設問の間で";
        /// Method: the family with `--adjust-family all` and a breakdown.
        FamilyAll
            => " (with --adjust-family all: every breakdown group × item of them together)",
               "（--adjust-family all のため、内訳の群 × 設問をまとめて補正）";
        /// Method: the family of three or more waves.
        FamilyWaves
            => " (with waves: every comparison of two waves × item together)",
               "（3 時点以上のため、時点の比較 × 設問をまとめて 1 つの族として補正）";
        /// Method: a family per breakdown group.
        FamilyPerGroup => " (within each breakdown group)", "（内訳の群ごとに補正）";
        /// Method: which respondents count, paired.
        PairedRespondents => "complete pairs only, as for the means", "平均と同じく、両方の回答がそろった人のみ";
        /// Method: which respondents count, two groups.
        IndependentRespondents => "missing answers left out", "欠測を除く";
        /// Method: the heading of the shares' row.
        SharesRow => "Shares of positive answers", "肯定的回答の割合";
        /// Method: the heading of the row of each item's positive answers.
        PerItemRow => "Positive answers per item", "設問ごとの肯定的回答";
    }
}

formats! {
    /// Texts about the shares with values.
    pub enum ShareFormat<'a> {
        /// Results: the column of a condition's share.
        PositivePercent { label: &'a str } => "Positive % ({label})", "肯定的回答 %（{label}）";
        /// Results: the column of the shares' difference.
        Difference { l1: &'a str, l2: &'a str }
            => "Share difference (points) ({l2} − {l1})", "割合の差（ポイント）（{l2} − {l1}）";
        /// Results: the column of the interval's lower limit.
        IntervalLow { cl: &'a str } => "Share difference {cl}% CI low", "割合の差 {cl}% 信頼区間 下限";
        /// Results: the column of the interval's upper limit.
        IntervalHigh { cl: &'a str } => "Share difference {cl}% CI high", "割合の差 {cl}% 信頼区間 上限";
        /// Results: the column of the shares' adjusted p.
        AdjustedP { method: &'a str } => "Share adjusted p ({method})", "割合の補正後 p（{method}）";
        /// The interval of a share sentence, in points.
        Interval { cl: &'a str, low: &'a str, high: &'a str }
            => "{cl}% CI {low} to {high} points", "{cl}% CI {low}〜{high} ポイント";
        /// The rule `--top-box K`.
        TopBox { k: u8 }
            => "the top {k} point(s) of each item's scale (--top-box {k})",
               "各設問の尺度の上位 {k} 段階（--top-box {k}）";
        /// The rule `--positive` (`scores`: [`score_list`]).
        Positive { scores: &'a str } => "the scores {scores} (--positive)", "得点 {scores}（--positive で指定）";
        /// The council sheet's foot line.
        CouncilFoot { rule: &'a str, l1: &'a str, l2: &'a str, test: &'a str, over: &'a str, correction: &'a str }
            => "Positive answers: {rule}. Share differences are {l2} − {l1} in percentage points; {test}; the shares' p-values are adjusted {over} ({correction}) apart from the means'.",
               "肯定的回答: {rule}。割合の差は「{l2} − {l1}」のポイント差。{test}。割合の p 値は平均の p 値とは別に、{over}補正（{correction}）。";
        /// The Method sheet's row on the shares.
        Method { rule: &'a str, respondents: &'a str, cl: &'a str, test: &'a str, correction: &'a str, family: &'a str }
            => "per item, the share of positive answers ({rule}) in each condition ({respondents}) and its difference in percentage points with a {cl}% CI: {test}. Always two-sided. The shares' p-values are one family of their own, adjusted across the items with the same method as the means ({correction}){family}. When nobody, or everybody, answered positively both times, Newcombe's interval is still defined; the chi-square p is not (shown as —), the exact McNemar p is 1.",
               "設問ごとに、各条件の肯定的回答（{rule}）の割合（{respondents}）と、その差（ポイント）および {cl}% 信頼区間。{test}。常に両側。割合の p 値は平均の p 値とは別の 1 つのまとまりとして、平均と同じ方法（{correction}）で設問の間で補正{family}。両方の条件で全員が肯定的（または全員が否定的）なときも Newcombe 法の信頼区間は計算できるが、χ² 検定の p 値は計算できない（「—」と表示）。McNemar の正確検定の p 値は 1 となる。";
        /// The line on the terminal after the run.
        SummaryLine { rule: &'a str, with: usize, sig: usize }
            => "shares of positive answers ({rule}): {with} item(s), {sig} with a significant difference",
               "肯定的回答の割合（{rule}）: {with} 問のうち、割合に有意な差があったのは {sig} 問でした";
    }
}

formats! {
    /// The share sentence of an item in the plain form (だ・である) of the Summary sheet. The
    /// council sheet's です・ます form is [`PoliteShareSentence`], with the same English.
    /// `ci`: [`ShareFormat::Interval`]; `d`: the difference in points without its sign.
    pub enum ShareSentence<'a> {
        /// Nobody (or everybody) positive on both sides of two groups: no chi-square p.
        NoChiSquare { l1: &'a str, l2: &'a str, p1: &'a str, ci: &'a str }
            => "The share of positive answers was {p1} in both {l1} and {l2} ({ci}, Newcombe's interval, still defined; no chi-square p: every answer lies on the same side).",
               "肯定的回答の割合は「{l1}」「{l2}」とも {p1} だった（{ci}。Newcombe 法の信頼区間は計算できるが、全員の回答が同じ側にあるため χ² 検定の p 値は計算できない）。";
        /// Before/after, the same share.
        Stayed { p1: &'a str, ci: &'a str, p: &'a str }
            => "The share of positive answers stayed at {p1} ({ci}; adjusted p {p}).",
               "肯定的回答の割合は {p1} で変わらなかった（{ci}、補正後 p {p}）。";
        /// Before/after, up, significant.
        Rose { p1: &'a str, p2: &'a str, d: &'a str, ci: &'a str, p: &'a str }
            => "The share of positive answers rose from {p1} to {p2}, by {d} points ({ci}; adjusted p {p}).",
               "肯定的回答の割合は {p1} から {p2} へ {d} ポイント増加した（{ci}、補正後 p {p}）。";
        /// Before/after, up, not significant.
        RoseWithinChance { p1: &'a str, p2: &'a str, d: &'a str, ci: &'a str, p: &'a str }
            => "The share of positive answers rose from {p1} to {p2}, by {d} points ({ci}; adjusted p {p}); a change beyond chance is not shown.",
               "肯定的回答の割合は {p1} から {p2} へ {d} ポイント増加した（{ci}、補正後 p {p}）が、偶然の範囲を超える変化は示されなかった。";
        /// Before/after, down, significant.
        Fell { p1: &'a str, p2: &'a str, d: &'a str, ci: &'a str, p: &'a str }
            => "The share of positive answers fell from {p1} to {p2}, by {d} points ({ci}; adjusted p {p}).",
               "肯定的回答の割合は {p1} から {p2} へ {d} ポイント減少した（{ci}、補正後 p {p}）。";
        /// Before/after, down, not significant.
        FellWithinChance { p1: &'a str, p2: &'a str, d: &'a str, ci: &'a str, p: &'a str }
            => "The share of positive answers fell from {p1} to {p2}, by {d} points ({ci}; adjusted p {p}); a change beyond chance is not shown.",
               "肯定的回答の割合は {p1} から {p2} へ {d} ポイント減少した（{ci}、補正後 p {p}）が、偶然の範囲を超える変化は示されなかった。";
        /// Two groups, the same share.
        SameInBoth { l1: &'a str, l2: &'a str, p1: &'a str, ci: &'a str, p: &'a str }
            => "The share of positive answers was {p1} in both {l1} and {l2} ({ci}; adjusted p {p}).",
               "肯定的回答の割合は「{l1}」「{l2}」とも {p1} だった（{ci}、補正後 p {p}）。";
        /// Two groups, the second higher, significant.
        Higher { l1: &'a str, l2: &'a str, p1: &'a str, p2: &'a str, d: &'a str, ci: &'a str, p: &'a str }
            => "The share of positive answers was {p1} in {l1} and {p2} in {l2}: {d} points higher in {l2} ({ci}; adjusted p {p}).",
               "肯定的回答の割合は「{l1}」{p1}、「{l2}」{p2} で、「{l2}」が {d} ポイント高い（{ci}、補正後 p {p}）。";
        /// Two groups, the second higher, not significant.
        HigherWithinChance { l1: &'a str, l2: &'a str, p1: &'a str, p2: &'a str, d: &'a str, ci: &'a str, p: &'a str }
            => "The share of positive answers was {p1} in {l1} and {p2} in {l2}: {d} points higher in {l2} ({ci}; adjusted p {p}); a difference beyond chance is not shown.",
               "肯定的回答の割合は「{l1}」{p1}、「{l2}」{p2} で、「{l2}」が {d} ポイント高い（{ci}、補正後 p {p}）が、偶然の範囲を超える差は示されなかった。";
        /// Two groups, the second lower, significant.
        Lower { l1: &'a str, l2: &'a str, p1: &'a str, p2: &'a str, d: &'a str, ci: &'a str, p: &'a str }
            => "The share of positive answers was {p1} in {l1} and {p2} in {l2}: {d} points lower in {l2} ({ci}; adjusted p {p}).",
               "肯定的回答の割合は「{l1}」{p1}、「{l2}」{p2} で、「{l2}」が {d} ポイント低い（{ci}、補正後 p {p}）。";
        /// Two groups, the second lower, not significant.
        LowerWithinChance { l1: &'a str, l2: &'a str, p1: &'a str, p2: &'a str, d: &'a str, ci: &'a str, p: &'a str }
            => "The share of positive answers was {p1} in {l1} and {p2} in {l2}: {d} points lower in {l2} ({ci}; adjusted p {p}); a difference beyond chance is not shown.",
               "肯定的回答の割合は「{l1}」{p1}、「{l2}」{p2} で、「{l2}」が {d} ポイント低い（{ci}、補正後 p {p}）が、偶然の範囲を超える差は示されなかった。";
    }
}

formats! {
    /// [`ShareSentence`] in the です・ます form of the council sheet, whose other sentences use
    /// it; the English is the same (a test holds them equal).
    pub enum PoliteShareSentence<'a> {
        /// See [`ShareSentence::NoChiSquare`].
        NoChiSquare { l1: &'a str, l2: &'a str, p1: &'a str, ci: &'a str }
            => "The share of positive answers was {p1} in both {l1} and {l2} ({ci}, Newcombe's interval, still defined; no chi-square p: every answer lies on the same side).",
               "肯定的回答の割合は「{l1}」「{l2}」とも {p1} でした（{ci}。Newcombe 法の信頼区間は計算できますが、全員の回答が同じ側にあるため χ² 検定の p 値は計算できません）。";
        /// See [`ShareSentence::Stayed`].
        Stayed { p1: &'a str, ci: &'a str, p: &'a str }
            => "The share of positive answers stayed at {p1} ({ci}; adjusted p {p}).",
               "肯定的回答の割合は {p1} で変わりませんでした（{ci}、補正後 p {p}）。";
        /// See [`ShareSentence::Rose`].
        Rose { p1: &'a str, p2: &'a str, d: &'a str, ci: &'a str, p: &'a str }
            => "The share of positive answers rose from {p1} to {p2}, by {d} points ({ci}; adjusted p {p}).",
               "肯定的回答の割合は {p1} から {p2} へ {d} ポイント増加しました（{ci}、補正後 p {p}）。";
        /// See [`ShareSentence::RoseWithinChance`].
        RoseWithinChance { p1: &'a str, p2: &'a str, d: &'a str, ci: &'a str, p: &'a str }
            => "The share of positive answers rose from {p1} to {p2}, by {d} points ({ci}; adjusted p {p}); a change beyond chance is not shown.",
               "肯定的回答の割合は {p1} から {p2} へ {d} ポイント増加しました（{ci}、補正後 p {p}）が、偶然の範囲を超える変化は示されませんでした。";
        /// See [`ShareSentence::Fell`].
        Fell { p1: &'a str, p2: &'a str, d: &'a str, ci: &'a str, p: &'a str }
            => "The share of positive answers fell from {p1} to {p2}, by {d} points ({ci}; adjusted p {p}).",
               "肯定的回答の割合は {p1} から {p2} へ {d} ポイント減少しました（{ci}、補正後 p {p}）。";
        /// See [`ShareSentence::FellWithinChance`].
        FellWithinChance { p1: &'a str, p2: &'a str, d: &'a str, ci: &'a str, p: &'a str }
            => "The share of positive answers fell from {p1} to {p2}, by {d} points ({ci}; adjusted p {p}); a change beyond chance is not shown.",
               "肯定的回答の割合は {p1} から {p2} へ {d} ポイント減少しました（{ci}、補正後 p {p}）が、偶然の範囲を超える変化は示されませんでした。";
        /// See [`ShareSentence::SameInBoth`].
        SameInBoth { l1: &'a str, l2: &'a str, p1: &'a str, ci: &'a str, p: &'a str }
            => "The share of positive answers was {p1} in both {l1} and {l2} ({ci}; adjusted p {p}).",
               "肯定的回答の割合は「{l1}」「{l2}」とも {p1} でした（{ci}、補正後 p {p}）。";
        /// See [`ShareSentence::Higher`].
        Higher { l1: &'a str, l2: &'a str, p1: &'a str, p2: &'a str, d: &'a str, ci: &'a str, p: &'a str }
            => "The share of positive answers was {p1} in {l1} and {p2} in {l2}: {d} points higher in {l2} ({ci}; adjusted p {p}).",
               "肯定的回答の割合は「{l1}」{p1}、「{l2}」{p2} で、「{l2}」が {d} ポイント高くなっています（{ci}、補正後 p {p}）。";
        /// See [`ShareSentence::HigherWithinChance`].
        HigherWithinChance { l1: &'a str, l2: &'a str, p1: &'a str, p2: &'a str, d: &'a str, ci: &'a str, p: &'a str }
            => "The share of positive answers was {p1} in {l1} and {p2} in {l2}: {d} points higher in {l2} ({ci}; adjusted p {p}); a difference beyond chance is not shown.",
               "肯定的回答の割合は「{l1}」{p1}、「{l2}」{p2} で、「{l2}」が {d} ポイント高くなっています（{ci}、補正後 p {p}）が、偶然の範囲を超える差は示されませんでした。";
        /// See [`ShareSentence::Lower`].
        Lower { l1: &'a str, l2: &'a str, p1: &'a str, p2: &'a str, d: &'a str, ci: &'a str, p: &'a str }
            => "The share of positive answers was {p1} in {l1} and {p2} in {l2}: {d} points lower in {l2} ({ci}; adjusted p {p}).",
               "肯定的回答の割合は「{l1}」{p1}、「{l2}」{p2} で、「{l2}」が {d} ポイント低くなっています（{ci}、補正後 p {p}）。";
        /// See [`ShareSentence::LowerWithinChance`].
        LowerWithinChance { l1: &'a str, l2: &'a str, p1: &'a str, p2: &'a str, d: &'a str, ci: &'a str, p: &'a str }
            => "The share of positive answers was {p1} in {l1} and {p2} in {l2}: {d} points lower in {l2} ({ci}; adjusted p {p}); a difference beyond chance is not shown.",
               "肯定的回答の割合は「{l1}」{p1}、「{l2}」{p2} で、「{l2}」が {d} ポイント低くなっています（{ci}、補正後 p {p}）が、偶然の範囲を超える差は示されませんでした。";
    }
}

impl ShareSentence<'_> {
    /// The sentence in `lang`; `polite`: the です・ます form of [`PoliteShareSentence`] (the
    /// English is the same either way).
    pub fn text_in(&self, lang: Lang, polite: bool) -> String {
        use PoliteShareSentence as P;
        use ShareSentence as S;
        if !polite {
            return self.text(lang);
        }
        let polite = match self.clone() {
            S::NoChiSquare { l1, l2, p1, ci } => P::NoChiSquare { l1, l2, p1, ci },
            S::Stayed { p1, ci, p } => P::Stayed { p1, ci, p },
            S::Rose { p1, p2, d, ci, p } => P::Rose { p1, p2, d, ci, p },
            S::RoseWithinChance { p1, p2, d, ci, p } => P::RoseWithinChance { p1, p2, d, ci, p },
            S::Fell { p1, p2, d, ci, p } => P::Fell { p1, p2, d, ci, p },
            S::FellWithinChance { p1, p2, d, ci, p } => P::FellWithinChance { p1, p2, d, ci, p },
            S::SameInBoth { l1, l2, p1, ci, p } => P::SameInBoth { l1, l2, p1, ci, p },
            S::Higher {
                l1,
                l2,
                p1,
                p2,
                d,
                ci,
                p,
            } => P::Higher {
                l1,
                l2,
                p1,
                p2,
                d,
                ci,
                p,
            },
            S::HigherWithinChance {
                l1,
                l2,
                p1,
                p2,
                d,
                ci,
                p,
            } => P::HigherWithinChance {
                l1,
                l2,
                p1,
                p2,
                d,
                ci,
                p,
            },
            S::Lower {
                l1,
                l2,
                p1,
                p2,
                d,
                ci,
                p,
            } => P::Lower {
                l1,
                l2,
                p1,
                p2,
                d,
                ci,
                p,
            },
            S::LowerWithinChance {
                l1,
                l2,
                p1,
                p2,
                d,
                ci,
                p,
            } => P::LowerWithinChance {
                l1,
                l2,
                p1,
                p2,
                d,
                ci,
                p,
            },
        };
        polite.text(lang)
    }
}

/// The scores of a `--positive` rule: `4, 5` in English, `4、5` in Japanese.
pub fn score_list(lang: Lang, scores: &[u8]) -> String {
    let scores: Vec<String> = scores.iter().map(u8::to_string).collect();
    super::comma_list(&scores, lang)
}

/// What goes between an item's sentence and its share sentence: a space in English, nothing in
/// Japanese.
pub fn between_sentences(lang: Lang) -> &'static str {
    pick(lang, " ", "")
}

#[cfg(test)]
mod tests {
    use super::super::Catalogue;
    use super::*;

    /// The two forms of the share sentence differ in their Japanese only.
    #[test]
    fn polite_sentences_have_the_plain_english() {
        let plain = ShareSentence::entries();
        let polite = PoliteShareSentence::entries();
        assert_eq!(plain.len(), polite.len());
        for ((v1, en1, ja1), (v2, en2, ja2)) in plain.iter().zip(&polite) {
            assert_eq!(v1, v2);
            assert_eq!(en1, en2, "{v1}: the two forms' English differ");
            assert_ne!(ja1, ja2, "{v1}: the two forms' Japanese are the same");
        }
    }
}
