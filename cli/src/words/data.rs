//! Words of the Data sheet (report/data_sheet.rs).

texts! {
    /// Fixed texts of the Data sheet.
    pub enum DataSheetText {
        /// The breakdown value of a group too small to show.
        Withheld => "(withheld: small group)", "（非表示: 少人数の群）";
    }
}
