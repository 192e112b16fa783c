//! The council sheet's words (議会資料 / Council summary): its title and respondents line, the
//! column headers, an item's judgement and plain sentence, the method line and the design
//! caveat (also the Method sheet's).

use crate::lang::Lang;

texts! {
    /// Fixed texts of the council sheet.
    pub enum CouncilText {
        /// Header of the items' column.
        Item => "Item", "設問";
        /// Header of the judgement column.
        Judgement => "Judgement (adjusted p)", "判定（補正後 p）";
        /// Header of the plain sentences' column.
        InPlainWords => "In plain words", "読み方";
        /// The judgement of an item that could not be tested.
        NotTested => "not tested", "検定できず";
        /// Before/after, significant, the second higher.
        SignificantRise => "significant change (higher)", "有意な変化あり（上昇）";
        /// Before/after, significant, the second lower.
        SignificantFall => "significant change (lower)", "有意な変化あり（低下）";
        /// Before/after, not significant.
        NoChangeShown => "no significant change shown", "有意な変化は示されず";
        /// Two groups, not significant.
        NoDifferenceShown => "no significant difference shown", "有意な差は示されず";
        /// The size of an effect whose interval spans both directions.
        Imprecise
            => "imprecise (its CI runs from a negative to a positive effect)",
               "不確か（信頼区間が負から正の効果にまたがる）";
        /// Said in the method line when p-values are adjusted and intervals are not.
        IntervalsNotAdjusted
            => " The CIs are not adjusted for the number of p-values, so an interval that excludes 0 can stand beside \"no significant change\".",
               "信頼区間は補正前のものなので、0 を含まない区間でも補正後の判定が「示されず」となることがあります。";
    }
}

formats! {
    /// Texts of the council sheet with values.
    pub enum CouncilFormat<'a> {
        /// The sheet's title.
        Title { l1: &'a str, l2: &'a str }
            => "Council summary: {l1} and {l2} compared", "議会資料: 「{l1}」と「{l2}」の比較";
        /// Who answered, paired design.
        PairedRespondents { n: usize, items: usize }
            => "{n} respondents who answered both times (paired); {items} item(s).",
               "両方の回に回答した {n} 人（同じ回答者どうしで比較）、{items} 問。";
        /// Who answered, two independent groups.
        IndependentRespondents { n: usize, l1: &'a str, n1: usize, l2: &'a str, n2: usize, items: usize }
            => "{n} respondents ({l1} {n1}, {l2} {n2}); {items} item(s).",
               "回答者 {n} 人（「{l1}」{n1} 人、「{l2}」{n2} 人）、{items} 問。";
        /// Header of a mean's column.
        Mean { label: &'a str } => "Mean ({label})", "平均（{label}）";
        /// Header of the shares' column.
        PositiveAnswers { l1: &'a str, l2: &'a str }
            => "Positive answers ({l1} → {l2})", "肯定的回答の割合（{l1} → {l2}）";
        /// Header of the change's column (before/after).
        Change { l1: &'a str, l2: &'a str } => "Change ({l2} − {l1})", "変化（{l2} − {l1}）";
        /// Header of the difference's column (two groups).
        Difference { l1: &'a str, l2: &'a str } => "Difference ({l2} − {l1})", "差（{l2} − {l1}）";
        /// Header of the interval's column.
        Interval { cl: &'a str } => "{cl}% CI", "{cl}% 信頼区間";
        /// Header of the effect size's column.
        EffectSize { cl: &'a str } => "Effect size d ({cl}% CI)", "効果量 d（{cl}% 信頼区間）";
        /// Two groups, significant, the second higher.
        SignificantHigher { l2: &'a str }
            => "significant difference ({l2} higher)", "有意な差あり（「{l2}」が高い）";
        /// Two groups, significant, the second lower.
        SignificantLower { l2: &'a str }
            => "significant difference ({l2} lower)", "有意な差あり（「{l2}」が低い）";
        /// The plain sentence of an item that could not be tested.
        NotTested { reason: &'a str } => "Not tested: {reason}.", "検定できませんでした（{reason}）。";
        /// Before/after, significant, the second higher (`diff`: the size of the change).
        RiseBeyondChance { l1: &'a str, l2: &'a str, diff: &'a str, p: &'a str, size: &'a str }
            => "{l2} averaged {diff} points higher than {l1}, more than chance alone would explain (adjusted p {p}); effect size: {size}.",
               "「{l2}」の平均は「{l1}」より {diff} 点高く、偶然だけでは説明しにくい変化です（補正後 p {p}）。効果量の大きさ: {size}。";
        /// Before/after, significant, the second lower.
        FallBeyondChance { l1: &'a str, l2: &'a str, diff: &'a str, p: &'a str, size: &'a str }
            => "{l2} averaged {diff} points lower than {l1}, more than chance alone would explain (adjusted p {p}); effect size: {size}.",
               "「{l2}」の平均は「{l1}」より {diff} 点低く、偶然だけでは説明しにくい変化です（補正後 p {p}）。効果量の大きさ: {size}。";
        /// Two groups, significant, the second higher.
        HigherBeyondChance { l1: &'a str, l2: &'a str, diff: &'a str, p: &'a str, size: &'a str }
            => "{l2} averaged {diff} points higher than {l1}, more than chance alone would explain (adjusted p {p}); effect size: {size}.",
               "「{l2}」の平均は「{l1}」より {diff} 点高く、偶然だけでは説明しにくい差です（補正後 p {p}）。効果量の大きさ: {size}。";
        /// Two groups, significant, the second lower.
        LowerBeyondChance { l1: &'a str, l2: &'a str, diff: &'a str, p: &'a str, size: &'a str }
            => "{l2} averaged {diff} points lower than {l1}, more than chance alone would explain (adjusted p {p}); effect size: {size}.",
               "「{l2}」の平均は「{l1}」より {diff} 点低く、偶然だけでは説明しにくい差です（補正後 p {p}）。効果量の大きさ: {size}。";
        /// Before/after, not significant (`diff` with its sign).
        ChangeWithinChance { diff: &'a str, p: &'a str }
            => "The difference of {diff} points is within what chance could produce (adjusted p {p}): a change is not shown.",
               "差は {diff} 点で、偶然の範囲を超える変化は示されませんでした（補正後 p {p}）。";
        /// Two groups, not significant.
        DifferenceWithinChance { diff: &'a str, p: &'a str }
            => "The difference of {diff} points is within what chance could produce (adjusted p {p}): a difference is not shown.",
               "差は {diff} 点で、偶然の範囲を超える差は示されませんでした（補正後 p {p}）。";
        /// The method line, one family of items (`test`: see [`test_in_method_line`]; `note`:
        /// [`CouncilText::IntervalsNotAdjusted`] or empty).
        MethodItems { test: &'a str, tested: usize, correction: &'a str, alpha: &'a str, cl: &'a str, note: &'a str }
            => "Method: {test} per item; the p-values of the {tested} items tested are adjusted together ({correction}), and an item is judged significant when its adjusted p < {alpha}. CI: {cl}% confidence interval; d: Cohen's d, its magnitude after Cohen (1988).{note} Details: the Results, Method and Checks sheets.",
               "方法: 設問ごとに{test}を行い、検定した {tested} 問の p 値をまとめて補正し（{correction}）、補正後の p が {alpha} 未満の設問を「有意」と判定しました。信頼区間は {cl}% 信頼区間、d は効果量（Cohen の d、大きさの目安は Cohen 1988）です。{note}詳細は「結果」「方法」「データ確認」シートを参照してください。";
        /// The method line, three or more waves: one family of every comparison × item.
        MethodWaves { test: &'a str, correction: &'a str, alpha: &'a str, cl: &'a str, note: &'a str }
            => "Method: {test} per item; the p-values of every comparison of two waves × item are adjusted together ({correction}), and an item is judged significant when its adjusted p < {alpha}. CI: {cl}% confidence interval; d: Cohen's d, its magnitude after Cohen (1988).{note} Details: the Waves, Trend, Results, Method and Checks sheets.",
               "方法: 設問ごとに{test}を行い、時点どうしのすべての比較 × 設問の p 値をまとめて補正し（{correction}）、補正後の p が {alpha} 未満の設問を「有意」と判定しました。信頼区間は {cl}% 信頼区間、d は効果量（Cohen の d、大きさの目安は Cohen 1988）です。{note}詳細は「時点比較」「推移」「結果」「方法」「データ確認」シートを参照してください。";
        /// The design caveat under its heading.
        Caveat { caveat: &'a str } => "Design caveat: {caveat}", "調査設計上の注意: {caveat}";
        /// The design caveat of a before/after comparison without a comparison group.
        BeforeAfterCaveat { l1: &'a str, l2: &'a str }
            => "this compares {l1} with {l2} without a comparison group (staff not reached by the initiative), so it shows whether the answers changed, not that the initiative caused the change (other events of the same period can change answers too). \"Not shown\" means the answers do not show a change beyond chance; it does not mean the initiative had no effect.",
               "この比較には比較対照群（取組の対象とならなかった職員など）がないため、「{l1}」から「{l2}」で回答が変わったかどうかは分かりますが、その変化が取組によって生じたとまでは言えません（同じ時期の他の出来事でも回答は変わりえます）。「示されず」は、偶然の範囲を超える変化がデータから読み取れなかったという意味であり、「効果がなかった」ことを示すものではありません。";
        /// The design caveat of two groups the respondents were not assigned to.
        ObservationalCaveat { l1: &'a str, l2: &'a str }
            => "{l1} and {l2} are groups the respondents were not randomly assigned to (e.g. whether they chose to use telework), so this is an observational comparison: a difference may come from how the groups differ anyway, not from the initiative or the attribute itself. \"Not shown\" means the answers do not show a difference beyond chance; it does not mean the initiative had no effect.",
               "「{l1}」と「{l2}」は無作為に割り当てた群ではなく（例: テレワークを利用するかどうかを本人が選んだ群）、観察による比較です。群の間の差は、もともとの群の違いによる可能性があり、取組や属性そのものの効果とは限りません。「示されず」は、偶然の範囲を超える差がデータから読み取れなかったという意味であり、「効果がなかった」ことを示すものではありません。";
    }
}

/// The test's name as the method line places it: 「設問ごとに Welch の…」 takes a space before
/// Latin text, none before kanji; English as it is.
pub fn test_in_method_line(lang: Lang, name: &str) -> String {
    match lang {
        Lang::Ja if name.starts_with(|c: char| c.is_ascii()) => format!(" {name}"),
        _ => name.to_string(),
    }
}
