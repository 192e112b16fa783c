//! The Method sheet's words (方法): the heading of each row and the texts of the rows this sheet
//! writes itself (the rows of the shares, equivalence, comparison and reading decisions come
//! from their own areas).

texts! {
    /// The headings of the Method sheet's rows.
    pub enum MethodRow {
        /// The input file's name.
        InputFile => "Input file", "入力ファイル";
        /// The command line's options.
        Options => "Options", "オプション";
        /// Paired or independent.
        Design => "Design", "調査の設計";
        /// The two conditions compared.
        Conditions => "Conditions", "条件";
        /// What the design cannot show.
        DesignCaveat => "Design caveat", "調査設計上の注意";
        /// The test.
        Test => "Test", "検定";
        /// Which way differences are taken.
        Orientation => "Orientation", "差の向き";
        /// Two- or one-sided.
        Alternative => "Alternative", "対立仮説";
        /// α.
        SignificanceLevel => "Significance level", "有意水準";
        /// The p-value adjustment.
        MultipleComparisons => "Multiple comparisons", "多重比較";
        /// d, g and their intervals.
        EffectSize => "Effect size", "効果量";
        /// The rank test beside the t-test.
        Robustness => "Robustness", "頑健性の確認";
        /// The smallest detectable d.
        Sensitivity => "Sensitivity", "感度分析";
        /// When the notes on assumptions are given.
        AssumptionNotes => "Assumption notes", "前提の確認";
        /// Excel's own T.TEST beside p.
        ExcelCheck => "Excel check", "Excel による照合";
        /// How missing answers are treated.
        MissingValues => "Missing values", "欠測値";
        /// How values that cannot be computed are shown.
        NotComputed => "Not computed", "計算できない値";
        /// The tool and its version.
        Software => "Software", "ソフトウェア";
        /// How to cite the tool.
        HowToCite => "How to cite", "引用";
        /// The methods' references.
        References => "References", "文献";
        /// Groups withheld for being small.
        Anonymity => "Anonymity", "匿名性の保護";
        /// What the workbook shows of respondents.
        PersonalData => "Personal data", "個人情報";
        /// A Data sheet cut at Excel's row limit.
        DataSheet => "Data sheet", "データシート";
    }
}

texts! {
    /// Fixed texts of the Method sheet.
    pub enum MethodText {
        /// The sheet's title.
        Title => "Method", "方法";
        /// Design: paired columns of one sheet.
        PairedColumns
            => "paired: the same respondents, each row holding one respondent's before and after answers in paired columns",
               "対応あり（同じ回答者。1 行に同じ人の事前と事後の回答が対になった列で並ぶ）";
        /// Design: two groups.
        Independent => "two independent groups", "対応なし（独立した 2 群）";
        /// Alternative: two-sided.
        TwoSided => "two-sided", "両側";
        /// Excel check: the Results sheet has Excel's T.TEST.
        ExcelCheck
            => "Results also contains Excel's own T.TEST over the Data sheet, which should equal p.",
               "結果シートに、データシートの値を Excel の T.TEST 関数で計算した p を併記（p の列と一致するはず）";
        /// Excel check: no T.TEST fits the test.
        NoExcelCheck
            => "Excel has no T.TEST for this test or alternative, so no Excel cross-check column is given.",
               "この検定・対立仮説に対応する Excel の T.TEST 関数がないため、照合の列はなし";
        /// Effect size: the paired tests' d_av.
        PairedDav => "; d_av (Algina & Keselman 2003 CI)", "、d_av（信頼区間は Algina & Keselman 2003）";
        /// Sensitivity.
        Sensitivity
            => "smallest d detectable with 80% power at the n of each item and α",
               "設問ごとの n と α のもとで、検出力 80% で検出できる最小の d";
        /// Missing values.
        MissingValues
            => "blank, text and error cells are missing and listed on the Checks sheet; paired tests use complete pairs only",
               "空欄・文字列・エラー値は欠測として扱い、データ確認シートに一覧を掲載。対応のある検定では、両方の回答がそろった人のみを使用";
        /// Not computed.
        NotComputed => "— (dash); ∞ for one-sided interval limits", "「—」で表示（片側の信頼区間の限界は ∞ と表示）";
        /// How to cite: after the citation, what the results were checked against.
        CheckedAgainstR
            => "Results agree with R 4.2 t.test, wilcox.test, p.adjust and effectsize 0.8.3.",
               "計算結果は R 4.2 の t.test・wilcox.test・p.adjust および effectsize 0.8.3 と一致することを確認済み。";
        /// Personal data with `--keep-ids`.
        IdsShown
            => "--keep-ids: the Data sheet shows respondents' IDs and the Checks sheet the text as read; for internal use only",
               "--keep-ids を指定したため、データシートに回答者の ID を、データ確認シートに読み取った文字列をそのまま表示（内部での利用に限る）";
        /// Personal data without `--keep-ids`.
        IdsLeftOut
            => "respondents are shown by their row in the input sheet; IDs (names, e-mail addresses, staff numbers) and long free text are not copied into this workbook (--keep-ids shows them)",
               "回答者は入力シートの行番号で表示。ID（氏名・メールアドレス・職員番号など）や長い自由記述はこのブックに転記していない（--keep-ids で表示）";
    }
}

formats! {
    /// Texts of the Method sheet with values.
    pub enum MethodFormat<'a> {
        /// Design: pairs matched by an ID column.
        PairedById { id: &'a str }
            => "paired: the same respondents, matched by {id}", "対応あり（同じ回答者を「{id}」の列で対応付け）";
        /// Alternative: the second greater.
        Greater { l1: &'a str, l2: &'a str } => "one-sided: {l2} > {l1}", "片側（{l2} > {l1}）";
        /// Alternative: the second less.
        Less { l1: &'a str, l2: &'a str } => "one-sided: {l2} < {l1}", "片側（{l2} < {l1}）";
        /// Orientation.
        Orientation { l1: &'a str, l2: &'a str }
            => "every difference, t and d is {l2} − {l1} (positive = higher in {l2})",
               "差・t・d はすべて「{l2} − {l1}」で計算（正の値は{l2}のほうが高いことを示す）";
        /// Multiple comparisons: one family of the items.
        AcrossItems { method: &'a str, items: usize }
            => "{method} across the {items} items", "{method}（{items} 問の中で補正）";
        /// Effect size (`d_av`: [`MethodText::PairedDav`] or empty; `imprecise`: the half-width
        /// of d's interval beyond which the size is "imprecise").
        EffectSize { effect: &'a str, cl: &'a str, d_av: &'a str, imprecise: f64 }
            => "{effect} with {cl}% CI (noncentral t); Hedges' g with the exact small-sample correction{d_av}; magnitude by Cohen (1988), or \"imprecise\" when the CI of d reaches ±{imprecise} on both sides of zero",
               "{effect}、その {cl}% 信頼区間（非心 t 分布による）、Hedges の g（小標本補正済み）{d_av}、大きさの目安は Cohen（1988）による（d の信頼区間が 0 をはさんで ±{imprecise} 以上に広がるときは「不確か」と表示）";
        /// Robustness: the rank test.
        Robustness { test: &'a str } => "{test} (two-sided)", "{test}（両側）";
        /// Assumption notes: when they are given.
        AssumptionNotes { small_n: usize, skew: f64, sd_ratio: f64 }
            => "small n (< {small_n}), strong skew (|skewness| ≥ {skew}), unequal SDs with Student's test (ratio ≥ {sd_ratio})",
               "次の場合に備考の列で注意を表示: 回答数が少ない（n < {small_n}）、分布の歪みが大きい（|歪度| ≥ {skew}）、Student の t 検定で 2 群の標準偏差が大きく異なる（比 ≥ {sd_ratio}）";
        /// Data sheet: cut at Excel's row limit.
        DataSheetCut { shown: &'a str, all: &'a str }
            => "only the first {shown} of {all} rows (Excel's row limit); the analysis used all of them, and Excel's T.TEST is left out where its values lie beyond",
               "全 {all} 行のうち先頭の {shown} 行のみ（Excel の行数の上限）。分析にはすべての行を使用。値が上限より後にある設問では Excel の T.TEST を省略";
    }
}
