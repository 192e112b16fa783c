//! The words of the comparison group (`--compare`): its refusals and warnings
//! (`src/analysis/compare.rs`) and its sheet, council lines, design caveat and Method row
//! (`src/report/compare_sheet.rs`).

use crate::analysis::compare::{CompareError, CompareExclusion, CompareMethod, Levels};
use crate::lang::Lang;

texts! {
    /// Fixed words of the comparison group.
    pub enum CompareWord {
        /// The method of a paired survey.
        WelchChangeScores => "Welch's t-test on the change scores (second − first) of the same respondents",
            "同じ回答者の変化量（2 回目 − 1 回目）についての Welch の t 検定";
        /// The method of an anonymous survey.
        DifferenceInDifferences => "difference in differences of the four group means (Welch linear contrast, Welch–Satterthwaite df)",
            "4 つの群の平均による差の差（Welch 型の線形対比、Welch–Satterthwaite の自由度）";
        /// A column without any value.
        NoValues => "none", "なし";
        /// The kind of a grouped warning: items not compared.
        NotComparedKind => "not compared with the comparison group (reasons on the comparison sheet)",
            "比較対照群と比較できなかった設問（理由は比較対照群シートを参照）";
        /// The sheet's name.
        SheetName => "Comparison group", "比較対照群";
        /// The participants' change was larger.
        Larger => "larger", "大きかった";
        /// The participants' change was smaller.
        Smaller => "smaller", "小さかった";
        /// The end of a sentence whose difference is within chance.
        WithinChance => "; a difference this size is within chance",
            "。ただし、偶然の範囲を超える差とはいえません";
        /// Method row: the effect size of a paired comparison.
        ChangeScoreEffect => "; effect size: Hedges' g of the change scores (standardiser: square root of the mean of the two groups' change-score variances, as effectsize::hedges_g(pooled_sd = FALSE)), CI from the noncentral t",
            "。効果量は変化量の Hedges の g（標準化には 2 群の変化量の分散の平均の平方根を使用。effectsize::hedges_g(pooled_sd = FALSE) と同じ）、信頼区間は非心 t 分布による";
        /// Method row: no effect size for four independent groups.
        NoStandardisedEffect => "; no standardised effect size (the four groups share no single SD)",
            "。4 群に共通の標準偏差がないため、標準化した効果量は示さない";
        /// Method row's label.
        MethodLabel => "Comparison test", "比較対照群の検定";
        /// Column header: the item.
        Item => "Item", "設問";
        /// Column header: a mean.
        Mean => "mean", "平均";
        /// Column header: the change.
        Change => "change", "変化";
        /// Column header: the difference in change.
        DifferenceInChange => "difference in change", "変化の差";
        /// Column header: a lower confidence limit.
        Low => "low", "下限";
        /// Column header: an upper confidence limit.
        High => "high", "上限";
        /// Column header: the adjusted p.
        AdjustedP => "adjusted p", "補正後 p";
    }
}

formats! {
    /// Texts of the comparison group with values.
    pub enum CompareText<'a> {
        /// A `--compare` option without a column or with an empty level.
        /// `column` and `level` are an example (a survey's own words, so the same in English).
        BadSpec { spec: &'a str, column: &'a str, level: &'a str } => "--compare {spec:?}: write the column, optionally with the participants' value, e.g. --compare {column} or --compare {column}={level}",
            "--compare {spec:?}: 列名を指定してください。参加した側の値も付けられます（例: --compare {column}、--compare {column}={level}）";
        /// A value with its count.
        ValueCount { value: &'a str, count: usize } => "{value} ({count})", "{value}（{count} 件）";
        /// The column holds other than two values.
        NotTwoValues { column: &'a str, found: usize, values: &'a str } => "--compare {column}: the column must hold exactly two values (participants and the comparison group) but holds {found}: {values}; merge or recode the values in the workbook so that two remain",
            "--compare {column}: この列には参加した群と比較対照群の 2 つの値だけが必要ですが、{found} 種類の値があります（{values}）。ブックで値を 2 つにまとめてから、もう一度実行してください";
        /// The participants' value named is not in the column.
        NotAValue { column: &'a str, named: &'a str, values: &'a str, a: &'a str, b: &'a str } => "--compare {column}={named}: {named} is not a value of the column {column}, which holds {values}; write --compare {column}={a} or --compare {column}={b}",
            "--compare {column}={named}: 列「{column}」に「{named}」という値はありません（値: {values}）。--compare {column}={a} または --compare {column}={b} と指定してください";
        /// Evidence: the participants' value as named.
        NamedParticipants { column: &'a str, value: &'a str, named: &'a str } => "Participants: {column} = {value}, as named by --compare {column}={named}",
            "参加した群: 「{column}」が「{value}」（--compare {column}={named} の指定による）";
        /// Evidence: the participants' value read from plain labels.
        ReadParticipants { column: &'a str, yes: &'a str, no: &'a str } => "Participants: {column} = {yes} (the values {yes}/{no} read as yes/no); --compare {column}={no} names the other value",
            "参加した群: 「{column}」が「{yes}」（値「{yes}」「{no}」を「はい」「いいえ」と読み取り。逆の場合は --compare {column}={no} と指定）";
        /// Which value is the participants is unclear.
        CannotTell { column: &'a str, values: &'a str, a: &'a str, b: &'a str } => "--compare {column}: cannot tell which value is the participants ({values}); name it: --compare {column}={a} or --compare {column}={b}",
            "--compare {column}: どちらの値が参加した群か判断できません（{values}）。--compare {column}={a} または --compare {column}={b} のように指定してください";
        /// A respondent whose value differs between the sheets.
        ChangedRow { s1: &'a str, r1: u32, v1: &'a str, s2: &'a str, r2: u32, v2: &'a str } => "{s1} row {r1} {v1} → {s2} row {r2} {v2}",
            "「{s1}」{r1} 行目「{v1}」→「{s2}」{r2} 行目「{v2}」";
        /// Respondents whose value differs between the sheets.
        Changed { column: &'a str, count: usize, rows: &'a str } => "--compare {column}: {count} respondent(s) have a different {column} on the two sheets ({rows}), so whether they took part is unknown; correct {column} in the workbook so that each person has one value (the same on both sheets, or blank on one of them)",
            "--compare {column}: {count} 人の回答者で、2 つのシートの「{column}」の値が異なり、参加したかどうかが判断できません（{rows}）。ブックの「{column}」を、1 人につき 1 つの値になるよう（両方のシートで同じ値、または片方を空欄に）修正してください";
        /// Pairs of a level.
        LevelPairs { value: &'a str, n: usize } => "{value}: {n} pairs", "「{value}」{n} 人";
        /// Respondents of a level in each condition.
        LevelPerCondition { value: &'a str, c0: &'a str, n0: usize, c1: &'a str, n1: usize } => "{value}: {c0} {n0}, {c1} {n1}",
            "「{value}」{c0} {n0} 人・{c1} {n1} 人";
        /// A level below `--min-group`.
        SmallGroup { column: &'a str, min_group: usize, counts: &'a str } => "--compare {column}: a group has fewer respondents than --min-group {min_group} ({counts}); groups this small are not reported, to protect personal data. Compare larger groups, or lower --min-group only if such small groups may be shown",
            "--compare {column}: 回答者が --min-group の {min_group} 人に満たない群があります（{counts}）。個人が特定されるおそれがあるため、このような小さな群は集計しません。より大きな群で比較するか、小さな群を示してよい場合に限り --min-group を下げてください";
        /// An item with a group below `--min-group`.
        NotComparedSmall { n: usize, min_group: usize } => "not compared: a group has {n} valid answers, fewer than --min-group {min_group} (not shown, to protect personal data)",
            "比較していません: 有効な回答が {n} 人の群があり、--min-group の {min_group} 人未満のため表示しません（個人情報の保護）";
        /// Respondents left out for a blank value.
        BlankLeftOut { column: &'a str, n: usize } => "--compare {column}: {n} respondent(s) with a blank {column} left out of the comparison (still counted in the whole sample)",
            "--compare {column}: 「{column}」が空欄の回答者 {n} 人は比較から除外しました（全体の集計には含めています）";
        /// A level of the column in a sentence.
        Level { column: &'a str, level: &'a str } => "{column} = {level}", "{column}が「{level}」";
        /// One item's comparison.
        Sentence { item: &'a str, treated: &'a str, control: &'a str, size: &'a str, dir: &'a str, cl: &'a str, ci: &'a str, p: &'a str, tail: &'a str } => "{item}: the change among staff with {treated} was {size} points {dir} than among staff with {control} ({cl}% CI {ci}, adjusted p {p}){tail}.",
            "{item}: {treated}の職員の変化は、{control}の職員の変化より {size} 点{dir}（{cl}% 信頼区間 {ci}、補正後 p {p}）{tail}。";
        /// Respondents of a level: pairs.
        CountPairs { n: usize } => "n = {n}", "{n} 人";
        /// Respondents of a level: in each condition.
        CountPerCondition { l1: &'a str, n1: usize, l2: &'a str, n2: usize } => "n = {n1} in {l1}, {n2} in {l2}", "「{l1}」{n1} 人・「{l2}」{n2} 人";
        /// The council sheet's heading of the comparison.
        CouncilHead { method: &'a str, l1: &'a str, l2: &'a str, treated: &'a str, n_treated: &'a str, control: &'a str, n_control: &'a str, adjust: &'a str, sheet: &'a str } => "Comparison group ({method}): did the change from {l1} to {l2} differ between staff with {treated} ({n_treated}) and staff with {control} ({n_control})? {adjust}; details on the {sheet} sheet.",
            "比較対照群との比較（{method}）: 「{l1}」から「{l2}」への変化が、{treated}の職員（{n_treated}）と{control}の職員（{n_control}）で異なるか。{adjust}。詳細は「{sheet}」シートを参照。";
        /// The design caveat.
        Caveat { treated: &'a str, control: &'a str } => "the change of staff with {treated} is compared with the change of staff with {control}. The two groups were not assigned at random (who takes part is chosen by the staff or their workplace), so a larger change among participants supports, but does not prove, that the initiative caused it: the groups may differ in other ways that also change their answers. \"Within chance\" means the data do not show a difference in change; it does not mean the initiative had no effect.",
            "{treated}の職員の変化を、{control}の職員の変化と比べています。2 つの群は無作為に割り当てたものではない（参加するかどうかは本人や職場の事情で決まる）ため、参加した職員の変化のほうが大きい場合、それは取組の効果を裏付ける材料にはなりますが、取組が原因であることの証明にはなりません（群の間のほかの違いが回答の変化に影響している可能性があります）。「偶然の範囲」とは変化の差がデータから読み取れなかったという意味であり、「効果がなかった」ことを示すものではありません。";
        /// The Method sheet's row.
        MethodRow { method: &'a str, effect: &'a str, l1: &'a str, l2: &'a str, adjust: &'a str, column: &'a str, blank: usize, min_group: usize } => "test: {method}{effect}; difference in change = (participants' {l2} − {l1}) − (comparison group's {l2} − {l1}); p adjusted across items ({adjust}); respondents with a blank {column}: {blank} (left out of the comparison only); a group below --min-group {min_group} is not shown",
            "検定: {method}{effect}。変化の差 =（参加した群の「{l2}」−「{l1}」）−（比較対照群の「{l2}」−「{l1}」）。p 値は設問の間で補正（{adjust}）。「{column}」が空欄の回答者 {blank} 人は比較からのみ除外。--min-group の {min_group} 人未満の群は表示しない";
        /// The sheet's title.
        Title { l1: &'a str, l2: &'a str, treated: &'a str, control: &'a str } => "Comparison group: change from {l1} to {l2}, {treated} against {control}",
            "比較対照群: 「{l1}」から「{l2}」への変化（{treated}の職員と{control}の職員の比較）";
        /// The sheet's method line, with pairs.
        WhoPaired { method: &'a str, treated: &'a str, n_treated: usize, control: &'a str, n_control: usize, column: &'a str, blank: usize } => "Method: {method}; {n_treated} pairs with {treated}, {n_control} with {control}; {blank} pair(s) with a blank {column} left out.",
            "方法: {method}。「{treated}」{n_treated} 人、「{control}」{n_control} 人（両方の回に回答した人）。「{column}」が空欄の {blank} 人は除外。";
        /// The sheet's method line, anonymous.
        WhoIndependent { method: &'a str, l1: &'a str, l2: &'a str, treated: &'a str, t1: usize, t2: usize, control: &'a str, c1: usize, c2: usize, column: &'a str, blank: usize } => "Method: {method}; {treated}: {l1} {t1}, {l2} {t2}; {control}: {l1} {c1}, {l2} {c2}; {blank} respondent(s) with a blank {column} left out.",
            "方法: {method}。「{treated}」: 「{l1}」{t1} 人・「{l2}」{t2} 人、「{control}」: 「{l1}」{c1} 人・「{l2}」{c2} 人。「{column}」が空欄の {blank} 人は除外。";
        /// How the difference in change is oriented.
        Orientation { treated: &'a str, control: &'a str, l1: &'a str, l2: &'a str } => "Difference in change = change of {treated} − change of {control}; change = {l2} − {l1} (positive: the answers rose more among {treated}).",
            "変化の差 =「{treated}」の変化 −「{control}」の変化。変化 =「{l2}」−「{l1}」（正の値は「{treated}」の職員のほうが回答が上がったことを示す）。";
    }
}

impl CompareError {
    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Ja => &self.ja,
        }
    }
}

impl CompareMethod {
    /// The method in words.
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            CompareMethod::WelchChangeScores => CompareWord::WelchChangeScores,
            CompareMethod::DifferenceInDifferences => CompareWord::DifferenceInDifferences,
        }
        .get(lang)
    }

    /// The Method sheet's words on the effect size of this method.
    pub fn effect_words(self, lang: Lang) -> &'static str {
        match self {
            CompareMethod::WelchChangeScores => CompareWord::ChangeScoreEffect,
            CompareMethod::DifferenceInDifferences => CompareWord::NoStandardisedEffect,
        }
        .get(lang)
    }
}

impl CompareExclusion {
    /// Explanation in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            CompareExclusion::Small { n, min_group } => CompareText::NotComparedSmall {
                n: *n,
                min_group: *min_group,
            }
            .text(lang),
            CompareExclusion::Failed(e) => e.message(lang),
        }
    }
}

impl Levels {
    /// How the participants' level was decided, in `lang`.
    pub fn evidence_text(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.evidence.0,
            Lang::Ja => &self.evidence.1,
        }
    }
}
