//! Hidden rows and columns of .xls, .xlsb and .ods sheets (issue 20, class 1), as the pre-scans
//! of those formats find them (src/workbook/xls_scan.rs ROW/COLINFO records, xlsb_scan.rs
//! BrtRowHdr/BrtColInfo, ods_scan.rs `table:visibility`), turned into the [`SheetFacts`] the
//! .xlsx reader gets from its own scan, so that one rule leaves them out (src/workbook/load.rs).

use super::xlsx_scan::{Rect, SheetFacts};

/// What one sheet hides.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Hidden {
    /// Sheet name as the format stores it.
    pub sheet: String,
    /// Hidden rows (0-based), as inclusive runs.
    pub rows: Vec<(u32, u32)>,
    /// Hidden columns (0-based), as inclusive runs.
    pub cols: Vec<(u32, u32)>,
    /// Rows hidden by a filter (.ods `table:visibility="filter"`, an .xls/.xlsb sheet in filter
    /// mode): the first and last such row.
    pub filtered: Option<(u32, u32)>,
}

impl Hidden {
    /// Adds rows `first..=last`, joining a run that ends just before.
    pub(crate) fn add_rows(&mut self, first: u32, last: u32) {
        add_run(&mut self.rows, first, last);
    }

    /// Adds columns `first..=last`.
    pub(crate) fn add_cols(&mut self, first: u32, last: u32) {
        add_run(&mut self.cols, first, last);
    }

    /// `true` when nothing is hidden.
    pub(crate) fn is_empty(&self) -> bool {
        self.rows.is_empty() && self.cols.is_empty()
    }
}

fn add_run(runs: &mut Vec<(u32, u32)>, first: u32, last: u32) {
    if last < first {
        return;
    }
    match runs.last_mut() {
        Some(run) if run.1.checked_add(1) == Some(first) => run.1 = last,
        _ => runs.push((first, last)),
    }
}

/// The facts of sheet `name` among `sheets` (`None` when it hides nothing).
pub(crate) fn facts(sheets: &[Hidden], name: &str) -> Option<SheetFacts> {
    let h = sheets.iter().find(|h| h.sheet == name && !h.is_empty())?;
    let mut rows = h.rows.clone();
    rows.sort_unstable();
    Some(SheetFacts {
        hidden_rows: rows,
        hidden_cols: h.cols.clone(),
        // A filter over the filtered rows: `row_filtered` then tells them from hidden ones.
        auto_filter: h.filtered.map(|(a, b)| {
            (
                Rect {
                    first_row: a.saturating_sub(1),
                    first_col: 0,
                    last_row: b,
                    last_col: u32::MAX,
                },
                true,
            )
        }),
        subtotal_rows: Vec::new(),
        tables: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_join_and_facts_answer_by_row_and_column() {
        let mut h = Hidden {
            sheet: "事前".into(),
            ..Hidden::default()
        };
        h.add_rows(4, 4);
        h.add_rows(5, 6);
        h.add_rows(9, 9);
        h.add_cols(3, 3);
        assert_eq!(h.rows, [(4, 6), (9, 9)]);
        let f = facts(&[h.clone()], "事前").unwrap();
        assert!(f.row_hidden(5) && f.row_hidden(9) && !f.row_hidden(7));
        assert!(f.col_hidden(3) && !f.col_hidden(2));
        assert!(!f.row_filtered(5));
        assert!(facts(&[h.clone()], "事後").is_none());
        h.filtered = Some((9, 9));
        let f = facts(&[h], "事前").unwrap();
        assert!(f.row_filtered(9) && !f.row_filtered(5));
    }
}
