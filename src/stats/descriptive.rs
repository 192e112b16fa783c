//! Summary statistics (n, mean, SD) computed in one numerically sound pass.
//!
//! OWNER: engine helper A. Implement with a shifted one-pass algorithm (see the issue); the public
//! API below is fixed — other modules code against it.

use super::StatsError;

/// Count, mean and standard deviation of the valid values of one sample.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Summary {
    /// Number of valid (non-NaN) values.
    pub n: usize,
    /// Number of NaN (missing) values skipped.
    pub missing: usize,
    /// Arithmetic mean of the valid values.
    pub mean: f64,
    /// Sample standard deviation (`n − 1` denominator); `NaN` when `n < 2`.
    pub sd: f64,
}

impl Summary {
    /// Summary from published statistics (no missing values).
    pub fn from_stats(n: usize, mean: f64, sd: f64) -> Summary {
        Summary {
            n,
            missing: 0,
            mean,
            sd,
        }
    }

    /// Sample variance `sd²`.
    pub fn var(&self) -> f64 {
        self.sd * self.sd
    }
}

/// Summarises `x`, skipping NaN. `group` names the input in errors (`"x"`, `"y"`).
///
/// # Errors
/// [`StatsError::NonFinite`] when `x` contains `±Inf`; [`StatsError::OutOfRange`] when the
/// variance overflows.
pub fn summarize(x: &[f64], group: &'static str) -> Result<Summary, StatsError> {
    let _ = (x, group);
    todo!("engine helper A")
}
