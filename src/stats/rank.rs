//! Rank tests as R `wilcox.test`: Mann–Whitney (W) and Wilcoxon signed-rank (V), with the
//! rank-biserial correlation as effect size.
//!
//! OWNER: engine helper C. The public API below is fixed.

use super::{Alternative, StatsError};

/// Which rank test produced a result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RankTestKind {
    /// Mann–Whitney U / Wilcoxon rank-sum (R's W).
    MannWhitney,
    /// Wilcoxon signed-rank on paired differences (R's V).
    SignedRank,
}

/// Options, as `wilcox.test(alternative, correct, exact = NULL)`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RankOptions {
    /// Alternative hypothesis.
    pub alternative: Alternative,
    /// Continuity correction for the normal approximation.
    pub correct: bool,
}

impl Default for RankOptions {
    fn default() -> Self {
        RankOptions {
            alternative: Alternative::TwoSided,
            correct: true,
        }
    }
}

/// Result of a rank test.
#[derive(Debug, Clone, PartialEq)]
pub struct RankTest {
    /// Which test.
    pub kind: RankTestKind,
    /// W (Mann–Whitney) or V (signed-rank), exactly as R reports it.
    pub statistic: f64,
    /// p-value.
    pub p_value: f64,
    /// `true` when the exact null distribution was used (R's default rule: n < 50 and no ties/zeros).
    pub exact: bool,
    /// Valid observations in x (signed-rank: non-zero differences used).
    pub n_x: usize,
    /// Valid observations in y (signed-rank: same as `n_x`).
    pub n_y: usize,
    /// Rank-biserial correlation, oriented x relative to y (positive when x tends to be larger).
    pub rank_biserial: f64,
    /// NaN values skipped in x.
    pub missing_x: usize,
    /// NaN values skipped in y.
    pub missing_y: usize,
}

/// Mann–Whitney / Wilcoxon rank-sum test of x against y.
pub fn mann_whitney(x: &[f64], y: &[f64], options: &RankOptions) -> Result<RankTest, StatsError> {
    let _ = (x, y, options);
    todo!("engine helper C")
}

/// Wilcoxon signed-rank test on the paired differences `x − y` (zero differences dropped, as R).
pub fn signed_rank(x: &[f64], y: &[f64], options: &RankOptions) -> Result<RankTest, StatsError> {
    let _ = (x, y, options);
    todo!("engine helper C")
}
