//! Multiple-comparison adjustment of p-values, as R `p.adjust`.
//!
//! OWNER: engine helper C. The public API below is fixed.

use super::StatsError;

/// Adjustment method, as `p.adjust(method = ...)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AdjustMethod {
    /// No adjustment.
    None,
    /// Holm (1979).
    Holm,
    /// Hochberg (1988).
    Hochberg,
    /// Bonferroni.
    Bonferroni,
    /// Benjamini & Hochberg (1995), "BH"/"fdr".
    BenjaminiHochberg,
    /// Benjamini & Yekutieli (2001), "BY".
    BenjaminiYekutieli,
    /// Hommel (1988).
    Hommel,
}

/// Adjusts `p` (NaN entries are kept as NaN and not counted, as R's `p.adjust` with `n = sum(!is.na(p))`).
///
/// # Errors
/// [`StatsError::InvalidArgument`] when a p-value lies outside `[0, 1]`.
pub fn p_adjust(p: &[f64], method: AdjustMethod) -> Result<Vec<f64>, StatsError> {
    let _ = (p, method);
    todo!("engine helper C")
}
