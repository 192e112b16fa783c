//! How the workbook was read, printed from the survey's [`ReadPlan`](crate::workbook::ReadPlan):
//! one row per reading decision (layout, order, header row, ID column, pairing, summary rows)
//! at the top of the Checks sheet, with its sheet and cell, and the same decisions on the
//! Method sheet.

use rust_xlsxwriter::{Worksheet, XlsxError};

use crate::lang::Lang;
use crate::words::plan_rows::PlanRowsText;
use crate::workbook::Survey;

/// Method-sheet rows: (what was decided, the decision and its evidence).
pub(super) fn method_rows(survey: &Survey, lang: Lang) -> Vec<(&'static str, String)> {
    survey
        .plan
        .entries
        .iter()
        .map(|e| (e.topic.describe(lang), e.message(lang).to_string()))
        .collect()
}

/// Writes the reading decisions on the Checks sheet from `row` on (columns: kind, sheet, cell,
/// item, what happened); returns the next free row.
pub(super) fn write_checks_rows(
    ws: &mut Worksheet,
    survey: &Survey,
    lang: Lang,
    mut row: u32,
) -> Result<u32, XlsxError> {
    for e in &survey.plan.entries {
        ws.write_string(row, 0, PlanRowsText::Reading.get(lang))?;
        if let Some(sheet) = &e.sheet {
            ws.write_string(row, 1, sheet)?;
        }
        if let Some(cell) = &e.cell {
            ws.write_string(row, 2, cell)?;
        }
        ws.write_string(row, 3, e.topic.describe(lang))?;
        ws.write_string(row, 4, e.message(lang))?;
        row += 1;
    }
    Ok(row)
}
