//! Words of the Charts sheet (report/charts_sheet.rs): the two charts' titles and axes and the
//! headers of their source table.

texts! {
    /// Fixed texts of the Charts sheet.
    pub enum ChartsText {
        /// Header: an item's code on the charts' axes.
        Code => "Code", "記号";
        /// Header: the item.
        Item => "Item", "設問";
        /// Header: upward length of an error bar.
        CiPlus => "CI +", "誤差範囲 +";
        /// Header: downward length of an error bar.
        CiMinus => "CI −", "誤差範囲 −";
        /// Header: where a mean sits on the horizontal axis.
        ChartPosition => "Chart position", "グラフ上の位置";
        /// Header: where d sits on the forest plot's vertical axis.
        ChartPositionD => "Chart position (d)", "グラフ上の位置（d）";
        /// The means chart's horizontal axis.
        ItemAxis => "Item (codes: see the table below)", "設問（記号は下の表を参照）";
    }
}

formats! {
    /// Titles and axes of the Charts sheet with values.
    pub enum ChartsFormat<'a> {
        /// Title of the means chart.
        MeansTitle { cl: &'a str, earlier: &'a str, later: &'a str } =>
            "Mean per item with {cl}% confidence interval ({earlier} and {later})",
            "設問ごとの平均値と {cl}% 信頼区間（{earlier}・{later}）";
        /// The means chart's vertical axis: the answer scale.
        MeanAxis { low: &'a str, high: &'a str } =>
            "Mean (answers {low}–{high})", "平均値（回答 {low}〜{high}）";
        /// Title of the forest plot of d.
        ForestTitle { cl: &'a str, earlier: &'a str, later: &'a str } =>
            "Effect size d ({later} − {earlier}) with {cl}% CI; 0 = no difference",
            "効果量 d（{later} − {earlier}）と {cl}% 信頼区間（0 = 差なし）";
    }
}
