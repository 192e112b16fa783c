//! Words of the reading decisions' rows (report/plan_sheet.rs).

texts! {
    /// Fixed texts of the reading decisions' rows on the Checks sheet.
    pub enum PlanRowsText {
        /// The kind column of a reading decision.
        Reading => "Reading", "読み取り";
    }
}
