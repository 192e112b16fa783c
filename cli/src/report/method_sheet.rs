//! The Method sheet (方法): the tests, corrections and reading rules, in plain words.

use super::*;

pub(super) fn write_method(
    ws: &mut Worksheet,
    survey: &Survey,
    a: &Analysis,
    meta: &ReportMeta,
    f: &Formats,
    lang: Lang,
    extra: &[(String, String)],
) -> Result<(), XlsxError> {
    let [l1, l2] = &a.labels;
    let cl = text::num(a.options.conf_level * 100.0, 0);
    let wide = matches!(survey.layout, crate::workbook::Layout::WidePairs { .. });
    let design = match (a.design, lang) {
        (DesignKind::Paired, Lang::En) if wide => {
            "paired: the same respondents, each row holding one respondent's before and after answers in paired columns".into()
        }
        (DesignKind::Paired, Lang::Ja) if wide => {
            "対応あり（同じ回答者。1 行に同じ人の事前と事後の回答が対になった列で並ぶ）".into()
        }
        (DesignKind::Paired, Lang::En) => format!(
            "paired: the same respondents, matched by {}",
            survey.id_column.as_deref().unwrap_or("ID")
        ),
        (DesignKind::Paired, Lang::Ja) => format!(
            "対応あり（同じ回答者を「{}」の列で対応付け）",
            survey.id_column.as_deref().unwrap_or("ID")
        ),
        (DesignKind::Independent, Lang::En) => "two independent groups".into(),
        (DesignKind::Independent, Lang::Ja) => "対応なし（独立した 2 群）".into(),
    };
    let rank = if a.test.is_paired() {
        TestUsed::Wilcoxon
    } else {
        TestUsed::MannWhitney
    };
    let alt = match (a.options.alternative, lang) {
        (Alternative::TwoSided, _) => lang.pick("two-sided", "両側").to_string(),
        (Alternative::Greater, Lang::En) => format!("one-sided: {l2} > {l1}"),
        (Alternative::Greater, Lang::Ja) => format!("片側（{l2} > {l1}）"),
        (Alternative::Less, Lang::En) => format!("one-sided: {l2} < {l1}"),
        (Alternative::Less, Lang::Ja) => format!("片側（{l2} < {l1}）"),
    };
    let excel = match excel_ttest_type(a) {
        Some(_) => lang.pick(
            "Results also contains Excel's own T.TEST over the Data sheet, which should equal p.",
            "結果シートに、データシートの値を Excel の T.TEST 関数で計算した p を併記（p の列と一致するはず）",
        ),
        None => lang.pick(
            "Excel has no T.TEST for this test or alternative, so no Excel cross-check column is given.",
            "この検定・対立仮説に対応する Excel の T.TEST 関数がないため、照合の列はなし",
        ),
    };
    let data_rows = if a.design == DesignKind::Paired {
        a.order_first.len()
    } else {
        a.order_first.len() + a.order_second.len()
    };
    let mut rows: Vec<(&str, String)> = vec![
        (lang.pick("Input file", "入力ファイル"), meta.input.clone()),
        (lang.pick("Options", "オプション"), meta.options.clone()),
        (lang.pick("Design", "調査の設計"), design),
        (lang.pick("Conditions", "条件"), format!("{l1} → {l2}")),
        (
            lang.pick("Design caveat", "調査設計上の注意"),
            council::design_caveat(survey, a, lang),
        ),
        (lang.pick("Test", "検定"), a.test.name(lang).to_string()),
        (
            lang.pick("Orientation", "差の向き"),
            match lang {
                Lang::En => format!("every difference, t and d is {l2} − {l1} (positive = higher in {l2})"),
                Lang::Ja => format!("差・t・d はすべて「{l2} − {l1}」で計算（正の値は{l2}のほうが高いことを示す）"),
            },
        ),
        (lang.pick("Alternative", "対立仮説"), alt),
        (
            lang.pick("Significance level", "有意水準"),
            format!("α = {}", a.options.alpha),
        ),
        (
            lang.pick("Multiple comparisons", "多重比較"),
            text::family_text(a, survey.by_column.as_deref(), lang).unwrap_or_else(|| {
                match lang {
                    Lang::En => format!(
                        "{} across the {} items",
                        text::adjust_name(a.options.adjust, lang),
                        a.blocks[0].items.len()
                    ),
                    Lang::Ja => format!(
                        "{}（{} 問の中で補正）",
                        text::adjust_name(a.options.adjust, lang),
                        a.blocks[0].items.len()
                    ),
                }
            }),
        ),
        (
            lang.pick("Effect size", "効果量"),
            match lang {
                Lang::En => format!(
                    "{} with {cl}% CI (noncentral t); Hedges' g with the exact small-sample correction{}; magnitude by Cohen (1988), or \"imprecise\" when the CI of d reaches ±{} on both sides of zero",
                    effect_header(a.test, lang),
                    if a.test.is_paired() { "; d_av (Algina & Keselman 2003 CI)" } else { "" },
                    text::IMPRECISE_D
                ),
                Lang::Ja => format!(
                    "{}、その {cl}% 信頼区間（非心 t 分布による）、Hedges の g（小標本補正済み）{}、大きさの目安は Cohen（1988）による（d の信頼区間が 0 をはさんで ±{} 以上に広がるときは「不確か」と表示）",
                    effect_header(a.test, lang),
                    if a.test.is_paired() { "、d_av（信頼区間は Algina & Keselman 2003）" } else { "" },
                    text::IMPRECISE_D
                ),
            },
        ),
        (
            lang.pick("Robustness", "頑健性の確認"),
            format!("{}{}", rank.name(lang), lang.pick(" (two-sided)", "（両側）")),
        ),
        (
            lang.pick("Sensitivity", "感度分析"),
            lang.pick(
                "smallest d detectable with 80% power at the n of each item and α",
                "設問ごとの n と α のもとで、検出力 80% で検出できる最小の d",
            )
            .to_string(),
        ),
        (
            lang.pick("Assumption notes", "前提の確認"),
            match lang {
                Lang::En => format!(
                    "small n (< {}), strong skew (|skewness| ≥ {}), unequal SDs with Student's test (ratio ≥ {})",
                    analysis::SMALL_N,
                    analysis::STRONG_SKEW,
                    analysis::UNEQUAL_SD_RATIO
                ),
                Lang::Ja => format!(
                    "次の場合に備考の列で注意を表示: 回答数が少ない（n < {}）、分布の歪みが大きい（|歪度| ≥ {}）、Student の t 検定で 2 群の標準偏差が大きく異なる（比 ≥ {}）",
                    analysis::SMALL_N,
                    analysis::STRONG_SKEW,
                    analysis::UNEQUAL_SD_RATIO
                ),
            },
        ),
        (lang.pick("Excel check", "Excel による照合"), excel.to_string()),
        (
            lang.pick("Missing values", "欠測値"),
            lang.pick(
                "blank, text and error cells are missing and listed on the Checks sheet; paired tests use complete pairs only",
                "空欄・文字列・エラー値は欠測として扱い、データ確認シートに一覧を掲載。対応のある検定では、両方の回答がそろった人のみを使用",
            )
            .to_string(),
        ),
        (
            lang.pick("Not computed", "計算できない値"),
            lang.pick("— (dash); ∞ for one-sided interval limits", "「—」で表示（片側の信頼区間の限界は ∞ と表示）").to_string(),
        ),
        (
            lang.pick("Software", "ソフトウェア"),
            format!("ttest-xl {}", crate::VERSION),
        ),
        (
            lang.pick("How to cite", "引用"),
            format!(
                "ttest-xl (version {}) [Computer software]. {}",
                crate::VERSION,
                lang.pick(
                    "Results agree with R 4.2 t.test, wilcox.test, p.adjust and effectsize 0.8.3.",
                    "計算結果は R 4.2 の t.test・wilcox.test・p.adjust および effectsize 0.8.3 と一致することを確認済み。"
                )
            ),
        ),
        (
            lang.pick("References", "文献"),
            "Welch, B. L. (1947). Biometrika, 34, 28–35. Hedges, L. V. (1981). J. Educ. Stat., 6, 107–128. Holm, S. (1979). Scand. J. Stat., 6, 65–70. Lakens, D. (2013). Front. Psychol., 4, 863. Algina, J., & Keselman, H. J. (2003). Educ. Psychol. Meas., 63, 537–553. Cohen, J. (1988). Statistical Power Analysis (2nd ed.)."
                .to_string(),
        ),
    ];
    rows.extend(compare_sheet::method_rows(a, lang));
    if let Some(w) = text::withheld_text(a, survey.by_column.as_deref(), lang) {
        rows.push((lang.pick("Anonymity", "匿名性の保護"), w));
    }
    rows.push((
        lang.pick("Personal data", "個人情報"),
        if meta.keep_ids {
            lang.pick(
                "--keep-ids: the Data sheet shows respondents' IDs and the Checks sheet the text as read; for internal use only",
                "--keep-ids を指定したため、データシートに回答者の ID を、データ確認シートに読み取った文字列をそのまま表示（内部での利用に限る）",
            )
        } else {
            lang.pick(
                "respondents are shown by their row in the input sheet; IDs (names, e-mail addresses, staff numbers) and long free text are not copied into this workbook (--keep-ids shows them)",
                "回答者は入力シートの行番号で表示。ID（氏名・メールアドレス・職員番号など）や長い自由記述はこのブックに転記していない（--keep-ids で表示）",
            )
        }
        .to_string(),
    ));
    // Bayes factor and equivalence, after Sensitivity (src/report/equivalence_cols.rs).
    let at = rows
        .iter()
        .position(|(k, _)| *k == lang.pick("Sensitivity", "感度分析"))
        .map_or(rows.len(), |i| i + 1);
    rows.splice(at..at, equivalence_cols::method_rows(a, lang));
    // The shares of positive answers, after the means' rows (src/report/shares.rs).
    let at = rows
        .iter()
        .position(|(k, _)| *k == lang.pick("Assumption notes", "前提の確認"))
        .unwrap_or(rows.len());
    rows.splice(at..at, shares::method_rows(survey, a, lang));
    // How the workbook was read, after Design and Conditions (src/report/plan_sheet.rs).
    rows.splice(4..4, plan_sheet::method_rows(survey, lang));
    if data_rows > MAX_ROW as usize {
        let (shown, all) = (grouped(MAX_ROW), grouped(data_rows as u64));
        rows.push((
            lang.pick("Data sheet", "データシート"),
            match lang {
                Lang::En => format!("only the first {shown} of {all} rows (Excel's row limit); the analysis used all of them, and Excel's T.TEST is left out where its values lie beyond"),
                Lang::Ja => format!("全 {all} 行のうち先頭の {shown} 行のみ（Excel の行数の上限）。分析にはすべての行を使用。値が上限より後にある設問では Excel の T.TEST を省略"),
            },
        ));
    }
    rows.extend(extra.iter().map(|(k, v)| (k.as_str(), v.clone())));
    ws.write_string_with_format(0, 0, lang.pick("Method", "方法"), &f.title)?;
    for (i, (k, v)) in rows.iter().enumerate() {
        let row = i as u32 + 2;
        ws.write_string_with_format(row, 0, *k, &f.header)?;
        ws.write_string_with_format(row, 1, v, &f.wrap)?;
        // Rows grow for wrapped text only when told (LibreOffice keeps the height on load).
        let lines = (text_units(v) / (METHOD_WIDTH - 2.0)).ceil().max(1.0);
        ws.set_row_height(row, 15.0 * lines + 3.0)?;
    }
    ws.autofit();
    widen_for_text(ws, 0, rows.iter().map(|(k, _)| *k), 30.0)?;
    ws.set_column_width(1, METHOD_WIDTH)?;
    print_setup(ws, Print::FitWidth { landscape: true })?;
    Ok(())
}
