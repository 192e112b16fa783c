//! The Method sheet (方法): the tests, corrections and reading rules, in plain words.

use super::*;
use crate::words::method::{MethodFormat, MethodRow, MethodText};

/// A row of the sheet: its heading and its text.
type Row<'a> = (&'a str, String);

pub(super) fn write_method(
    ws: &mut Worksheet,
    survey: &Survey,
    a: &Analysis,
    meta: &ReportMeta,
    f: &Formats,
    lang: Lang,
    extra: &[(String, String)],
) -> Result<(), XlsxError> {
    let rows = method_rows(survey, a, meta, lang, extra);
    ws.write_string_with_format(0, 0, MethodText::Title.get(lang), &f.title)?;
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

/// Every row, in the order of the sheet: the run and design, the test, the reading rules and
/// the software, with the rows of the other areas put in their places, then `extra`.
fn method_rows<'a>(
    survey: &Survey,
    a: &Analysis,
    meta: &ReportMeta,
    lang: Lang,
    extra: &'a [(String, String)],
) -> Vec<Row<'a>> {
    let mut rows = design_rows(survey, a, meta, lang);
    rows.extend(test_rows(survey, a, lang));
    rows.extend(reading_rows(lang));
    rows.extend(software_rows(lang));
    rows.extend(compare_sheet::method_rows(a, lang));
    if let Some(w) = text::withheld_text(a, survey.by_column.as_deref(), lang) {
        rows.push((MethodRow::Anonymity.get(lang), w));
    }
    let personal = if meta.keep_ids {
        MethodText::IdsShown
    } else {
        MethodText::IdsLeftOut
    };
    rows.push((MethodRow::PersonalData.get(lang), personal.get(lang).into()));
    // Bayes factor and equivalence, after Sensitivity (src/report/equivalence_cols.rs).
    let at = rows
        .iter()
        .position(|(k, _)| *k == MethodRow::Sensitivity.get(lang))
        .map_or(rows.len(), |i| i + 1);
    rows.splice(at..at, equivalence_cols::method_rows(a, lang));
    // The shares of positive answers, after the means' rows (src/report/shares.rs).
    let at = rows
        .iter()
        .position(|(k, _)| *k == MethodRow::AssumptionNotes.get(lang))
        .unwrap_or(rows.len());
    rows.splice(at..at, shares::method_rows(survey, a, lang));
    // How the workbook was read, after Design and Conditions (src/report/plan_sheet.rs).
    rows.splice(4..4, plan_sheet::method_rows(survey, lang));
    let data_rows = if a.design == DesignKind::Paired {
        a.order_first.len()
    } else {
        a.order_first.len() + a.order_second.len()
    };
    if data_rows > MAX_ROW as usize {
        let (shown, all) = (&grouped(MAX_ROW), &grouped(data_rows as u64));
        rows.push((
            MethodRow::DataSheet.get(lang),
            MethodFormat::DataSheetCut { shown, all }.text(lang),
        ));
    }
    rows.extend(extra.iter().map(|(k, v)| (k.as_str(), v.clone())));
    rows
}

/// Input file, options, design, conditions and the design's caveat.
fn design_rows(survey: &Survey, a: &Analysis, meta: &ReportMeta, lang: Lang) -> Vec<Row<'static>> {
    let [l1, l2] = &a.labels;
    let wide = matches!(survey.layout, crate::workbook::Layout::WidePairs { .. });
    let design = match a.design {
        DesignKind::Paired if wide => MethodText::PairedColumns.get(lang).into(),
        DesignKind::Paired => MethodFormat::PairedById {
            id: survey.id_column.as_deref().unwrap_or("ID"),
        }
        .text(lang),
        DesignKind::Independent => MethodText::Independent.get(lang).into(),
    };
    vec![
        (MethodRow::InputFile.get(lang), meta.input.clone()),
        (MethodRow::Options.get(lang), meta.options.clone()),
        (MethodRow::Design.get(lang), design),
        (MethodRow::Conditions.get(lang), format!("{l1} → {l2}")),
        (
            MethodRow::DesignCaveat.get(lang),
            council::design_caveat(survey, a, lang),
        ),
    ]
}

/// The test, its orientation and alternative, α, the adjustment, the effect sizes, the rank test,
/// the sensitivity, the assumption notes and Excel's cross-check.
fn test_rows(survey: &Survey, a: &Analysis, lang: Lang) -> Vec<Row<'static>> {
    let (l1, l2) = (a.labels[0].as_str(), a.labels[1].as_str());
    let alternative = match a.options.alternative {
        Alternative::TwoSided => MethodText::TwoSided.get(lang).to_string(),
        Alternative::Greater => MethodFormat::Greater { l1, l2 }.text(lang),
        Alternative::Less => MethodFormat::Less { l1, l2 }.text(lang),
    };
    let adjustment = text::family_text(a, survey.by_column.as_deref(), lang).unwrap_or_else(|| {
        MethodFormat::AcrossItems {
            method: text::adjust_name(a.options.adjust, lang),
            items: a.blocks[0].items.len(),
        }
        .text(lang)
    });
    let rank = if a.test.is_paired() {
        TestUsed::Wilcoxon
    } else {
        TestUsed::MannWhitney
    };
    let excel = match excel_ttest_type(a) {
        Some(_) => MethodText::ExcelCheck,
        None => MethodText::NoExcelCheck,
    };
    vec![
        (MethodRow::Test.get(lang), a.test.name(lang).to_string()),
        (
            MethodRow::Orientation.get(lang),
            MethodFormat::Orientation { l1, l2 }.text(lang),
        ),
        (MethodRow::Alternative.get(lang), alternative),
        (
            MethodRow::SignificanceLevel.get(lang),
            format!("α = {}", a.options.alpha),
        ),
        (MethodRow::MultipleComparisons.get(lang), adjustment),
        (MethodRow::EffectSize.get(lang), effect_size(a, lang)),
        (
            MethodRow::Robustness.get(lang),
            MethodFormat::Robustness {
                test: rank.name(lang),
            }
            .text(lang),
        ),
        (
            MethodRow::Sensitivity.get(lang),
            MethodText::Sensitivity.get(lang).into(),
        ),
        (
            MethodRow::AssumptionNotes.get(lang),
            MethodFormat::AssumptionNotes {
                small_n: analysis::SMALL_N,
                skew: analysis::STRONG_SKEW,
                sd_ratio: analysis::UNEQUAL_SD_RATIO,
            }
            .text(lang),
        ),
        (MethodRow::ExcelCheck.get(lang), excel.get(lang).into()),
    ]
}

/// The effect sizes, their intervals and how their magnitude is named.
fn effect_size(a: &Analysis, lang: Lang) -> String {
    let d_av = if a.test.is_paired() {
        MethodText::PairedDav.get(lang)
    } else {
        ""
    };
    MethodFormat::EffectSize {
        effect: effect_header(a.test, lang),
        cl: &text::num(a.options.conf_level * 100.0, 0),
        d_av,
        imprecise: text::IMPRECISE_D,
    }
    .text(lang)
}

/// How missing values and values not computed are shown.
fn reading_rows(lang: Lang) -> Vec<Row<'static>> {
    vec![
        (
            MethodRow::MissingValues.get(lang),
            MethodText::MissingValues.get(lang).into(),
        ),
        (
            MethodRow::NotComputed.get(lang),
            MethodText::NotComputed.get(lang).into(),
        ),
    ]
}

/// The software, how to cite it and the references.
fn software_rows(lang: Lang) -> Vec<Row<'static>> {
    vec![
        (
            MethodRow::Software.get(lang),
            format!("ttest-xl {}", crate::VERSION),
        ),
        (
            MethodRow::HowToCite.get(lang),
            // The citation itself is APA's form in both languages, as the references are.
            format!(
                "ttest-xl (version {}) [Computer software]. {}",
                crate::VERSION,
                MethodText::CheckedAgainstR.get(lang)
            ),
        ),
        (
            MethodRow::References.get(lang),
            "Welch, B. L. (1947). Biometrika, 34, 28–35. Hedges, L. V. (1981). J. Educ. Stat., 6, 107–128. Holm, S. (1979). Scand. J. Stat., 6, 65–70. Lakens, D. (2013). Front. Psychol., 4, 863. Algina, J., & Keselman, H. J. (2003). Educ. Psychol. Meas., 63, 537–553. Cohen, J. (1988). Statistical Power Analysis (2nd ed.)."
                .to_string(),
        ),
    ]
}
