//! The words of `ttest-xl plan`: its refusals ([`PlanRefusal`]) and the lines of its answer
//! ([`PlanLine`], [`Unit`]).

formats! {
    /// Why a plan cannot be made from the options given (exit code 2).
    pub enum PlanRefusal {
        /// More than one change to detect.
        TwoTargets {} =>
            "give one change to detect: --change with --sd, --d, or --share with --to",
            "検出したい変化は 1 つだけ指定してください（--change と --sd、--d、または --share と --to）";
        /// `--alpha` or `--power` outside (0, 1).
        NotAProbability { name: &'static str, value: f64 } =>
            "--{name} must lie strictly between 0 and 1 (given: {value})",
            "--{name} には 0 より大きく 1 より小さい値を指定してください（指定値: {value}）";
        /// A share or rate outside (0, 100 %).
        NotAShare { name: &'static str, value: f64 } =>
            "--{name} must lie strictly between 0 and 100 % (given: {value})",
            "--{name} には 0 % より大きく 100 % より小さい値を指定してください（指定値: {value}）";
        /// `--sd` not a positive number.
        BadSd { sd: f64 } =>
            "--sd must be a positive number (given: {sd})",
            "--sd には正の数を指定してください（指定値: {sd}）";
        /// `--change` without `--sd`.
        ChangeNeedsSd {} =>
            "--change needs --sd (the standard deviation of the answers, or of the differences with --paired), or give the change as --d",
            "--change には --sd（回答の標準偏差。--paired では前後の差の標準偏差）が必要です。または変化を --d で指定してください";
        /// `--to` without `--share`.
        ToNeedsShare {} =>
            "--to needs --share (the share of positive answers now)",
            "--to には --share（現在の肯定的回答の割合）が必要です";
        /// `--share` and `--to` equal.
        SameShares {} =>
            "--share and --to are equal: there is no change to detect",
            "--share と --to が同じ値です。検出する変化がありません";
        /// Neither a change nor `--staff`.
        NoTarget {} =>
            "say what to detect (--change with --sd, --d, or --share with --to), or give --staff (and --response-rate) to get the smallest change those staff can detect",
            "検出したい変化（--change と --sd、--d、または --share と --to）を指定するか、--staff（と --response-rate）を指定して、その人数で検出できる最小の変化を求めてください";
        /// A change of zero (or not a number).
        ZeroChange {} =>
            "the change to detect must be a non-zero number",
            "検出したい変化には 0 以外の数を指定してください";
        /// `--paired` with shares.
        PairedShares {} =>
            "--paired with shares is not supported: the size needed for paired shares (McNemar) depends on how many staff change their answer, which this plan cannot know; plan without --paired (independent groups) or plan the mean with --change/--sd --paired",
            "--paired と割合の組み合わせには対応していません。対応のある割合（McNemar 検定）に必要な人数は、回答を変える職員の割合によって決まり、この計算では分からないためです。--paired を付けずに（独立した 2 群として）計算するか、平均について --change と --sd に --paired を付けて計算してください";
        /// `--staff 0`.
        NoStaff {} => "--staff must be at least 1", "--staff には 1 以上を指定してください";
        /// Fewer than two respondents for the smallest detectable change.
        TooFewRespondents {} =>
            "fewer than 2 respondents: no change can be detected",
            "回答者が 2 人未満のため、変化を検出できません";
    }
}

texts! {
    /// Who the counts of a plan are.
    pub enum Unit {
        /// Paired: the same staff matched by ID.
        Pairs =>
            "pairs (the same staff, matched by ID, answering both times)",
            "組（同じ職員が 2 回とも回答し、ID で対応づけられる人数）";
        /// Independent groups.
        Respondents =>
            "respondents in each survey (independent groups)",
            "人（各回の回答者数。独立した 2 群）";
    }
}

formats! {
    /// The lines of `ttest-xl plan`'s answer; each ends with its line break where it ends a line.
    pub enum PlanLine<'a> {
        /// The change asked for: a share moving from one value to another.
        ShareChange { from: &'a str, to: &'a str, points: f64 } =>
            "a change in the share of positive answers from {from} to {to} ({points:+.1} points)",
            "肯定的回答の割合の {from} から {to} への変化（{points:+.1} ポイント）";
        /// The change asked for: scale points of a mean, with the SD and d.
        MeanPoints { change: f64, sd: f64, d: f64 } =>
            "a change of {change:.3} points in the mean (SD {sd}, d = {d:.3})",
            "平均の {change:.3} 点の変化（SD {sd}、d = {d:.3}）";
        /// The change asked for: d of a mean.
        MeanD { d: f64 } => "a change of d = {d:.3} in the mean", "平均の d = {d:.3} の変化";
        /// The test's level and power.
        Level { alpha: f64, power: f64 } =>
            "two-sided test at α = {alpha}, power {power:.0}%",
            "両側検定、α = {alpha}、検出力 {power:.0}%";
        /// Head of a sample-size answer.
        ToDetect { what: &'a str, level: &'a str } =>
            "To detect {what} ({level}):\n", "{what}を検出するには（{level}）:\n";
        /// The respondents needed.
        Needed { n: u64, unit: &'a str } => "  {n} {unit}.\n", "  {n} {unit}が必要です。\n";
        /// The staff to invite at the expected response rate.
        Invite { invite: u64, rate: &'a str } =>
            "  Invite {invite} staff, expecting {rate} to answer.\n",
            "  回答率 {rate} を見込むと、{invite} 人に依頼してください。\n";
        /// The finite-population figure, shown and not used.
        Corrected { staff: u64, fpc: u64, n: u64 } =>
            "  (With a finite-population correction for {staff} staff it would be {fpc}; ttest-xl's analysis does not use that correction, so plan with {n}.)\n",
            "  （職員 {staff} 人の有限母集団修正をすると {fpc} 人ですが、ttest-xl の分析はこの修正を使わないため、{n} 人で計画してください。）\n";
        /// More respondents are needed than there are staff.
        Unreachable {} =>
            "  This is more than the staff available: the change cannot be detected with this power. Run `ttest-xl plan --staff N --response-rate R` for the smallest change that can.\n",
            "  対象の職員数を超えるため、この検出力では検出できません。検出できる最小の変化は `ttest-xl plan --staff 人数 --response-rate 回答率` で確認できます。\n";
        /// Head of a smallest-detectable-change answer.
        WithStaff { n: u64, unit: &'a str, staff: u64, level: &'a str } =>
            "With {n} {unit} out of {staff} staff ({level}), the smallest detectable change is:\n",
            "職員 {staff} 人のうち {n} {unit}の場合（{level}）、検出できる最小の変化は:\n";
        /// The smallest detectable d (a symbol, the same in both languages).
        DetectableD { d: f64 } => "  d = {d:.3}", "  d = {d:.3}";
        /// The smallest detectable d in scale points.
        DetectablePoints { change: f64, sd: f64 } =>
            " = {change:.3} points with SD {sd}", "（SD {sd} なら {change:.3} 点）";
        /// The smallest detectable change of a share, up and down.
        DetectableShare { from: &'a str, up: &'a str, down: &'a str } =>
            "  a share of positive answers moving from {from} to {up} (or down to {down})\n",
            "  肯定的回答の割合なら {from} から {up} への上昇（または {down} への低下）\n";
        /// How it was computed, naming R's functions.
        Method { t_power: &'a str, share_power: &'a str } =>
            "Method: t-test power as R {t_power}; shares as R {share_power} (normal approximation, independent groups).\n",
            "方法: t 検定の検出力は R の {t_power}、割合は R の {share_power}（正規近似、独立した 2 群）と同じ計算。\n";
        /// The error line of `ttest-xl plan`.
        Error { message: &'a str } => "error: ttest-xl plan: {message}", "エラー: ttest-xl plan: {message}";
    }
}
