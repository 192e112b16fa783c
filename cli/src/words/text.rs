//! The words of the result text (`report/text.rs`): the legend of the significance marks, the
//! sentences on which p-values were adjusted together, and on the groups of a breakdown that
//! were withheld for anonymity. The sentences of one comparison and the overall conclusion are
//! the library's ([`crate::messages::comparison_sentence`],
//! [`crate::messages::conclusion_sentence`]), shared with the VBA module through the C ABI.

formats! {
    /// Sentences of the result text with values. Command-line options are values (`{option}`):
    /// they are typed the same in both languages.
    pub enum TextFormat<'a> {
        /// The legend of the significance marks on the Results sheet; `marks` is the list of
        /// marks with their thresholds ([`super::comma_list`]).
        MarkLegend { correction: &'a str, alpha: &'a str, marks: &'a str }
            => "Sig. (adjusted p, {correction}, α = {alpha}): {marks}, n.s. not significant, — not tested",
            "判定（補正後 p、{correction}、有意水準 {alpha}）: {marks}、n.s. 有意な差なし、— 検定せず";
        /// A breakdown whose p-values are adjusted within each group (`--adjust-family items`).
        FamilyItems { correction: &'a str, by: &'a str, items: usize, option: &'a str }
            => "Multiple comparisons: {correction} within each {by} group over its {items} items ({option}); the whole-sample rows over their {items} items.",
            "多重比較の補正: {correction}を、{by}ごとに各{by}の {items} 問の中で行っています（{option}）。全体の行は全体の {items} 問の中で補正しています。";
        /// A breakdown whose p-values are adjusted all together (`--adjust-family all`).
        FamilyAll { correction: &'a str, by: &'a str, groups: usize, items: usize, total: usize, option: &'a str }
            => "Multiple comparisons: {correction} across all {groups} {by} groups × {items} items together ({total} p-values, {option}); the whole-sample rows over their {items} items.",
            "多重比較の補正: {correction}を、{by}（{groups} 群）× 設問（{items} 問）の {total} 個の p 値をまとめて行っています（{option}）。全体の行は全体の {items} 問の中で補正しています。";
        /// Three or more waves: every comparison of two waves × item is one family.
        FamilyWaves { correction: &'a str }
            => "Multiple comparisons: {correction} over every comparison of two waves × item together (one family); every comparison is on the Waves sheet.",
            "多重比較の補正: {correction}を、時点どうしのすべての比較 × 設問の p 値をまとめて 1 つの族として行っています。すべての比較は「時点比較」シートにあります。";
        /// The groups withheld by the anonymity guard (`--min-group`); `groups` is the list of
        /// [`TextFormat::WithheldGroup`]s ([`super::comma_list`]).
        Withheld { min: usize, by: &'a str, groups: &'a str, option: &'a str }
            => "Not reported on their own (anonymity: fewer than {min} respondents, {option} {min}): {by} {groups}. Their answers are included in the whole-sample rows.",
            "回答者が {min} 人未満のため、個人が特定されないよう単独では集計していない{by}（{option} {min}）: {groups}。これらの回答は全体の集計には含めています。";
        /// One withheld group and its number of respondents.
        WithheldGroup { name: &'a str, n: usize }
            => "{name} ({n} respondents)", "{name}（{n} 人）";
    }
}
