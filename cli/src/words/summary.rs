//! The Summary sheet's words (概要): its title and the note under the sentences.

texts! {
    /// Fixed texts of the Summary sheet.
    pub enum SummaryText {
        /// The sheet's title.
        Title => "Summary", "概要";
    }
}

formats! {
    /// Texts of the Summary sheet with values.
    pub enum SummaryFormat<'a> {
        /// The note on how to read the sentences (`adjust`: the correction's name).
        Note { l1: &'a str, l2: &'a str, adjust: &'a str, cl: &'a str }
            => "Differences are {l2} − {l1}. Significance is judged on the adjusted p ({adjust}). d is Cohen's d with its {cl}% confidence interval.",
               "差は「{l2} − {l1}」で計算した。有意かどうかは補正後の p 値（{adjust}）で判断した。M は平均値、SD は標準偏差、d は効果量（Cohen の d）で、［ ］内はその {cl}% 信頼区間である。";
    }
}
