//! The statistics engine: pure functions over `&[f64]`, typed results, typed errors.
//!
//! No I/O, no FFI, no workbook types live here. Conventions shared by every module:
//!
//! * **Missing values**: `NaN` means "missing" and is skipped (pairwise for paired data); the number
//!   skipped is reported in the result. `±Inf` is an error ([`StatsError::NonFinite`]), not data.
//! * **Variance** uses the `n − 1` denominator throughout.
//! * **p-values** come from the survival function of the reference distribution, never `1 − cdf`.
//! * **Orientation**: differences are `x − y` (first argument minus second), as R's `t.test(x, y)`.

pub mod bayes_factor;
pub mod contrast;
pub mod descriptive;
pub mod effect_size;
pub mod noncentral_t;
pub mod p_adjust;
pub mod power;
pub mod power_prop;
pub mod proportion;
mod quadrature;
pub mod rank;
mod roots;
pub(crate) mod special;
pub mod tdist;
pub mod tost;
pub mod ttest;

use crate::lang::Lang;

/// Direction of the alternative hypothesis, as R's `alternative = "two.sided" | "less" | "greater"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Alternative {
    /// `H1: θ ≠ θ0`.
    #[default]
    TwoSided,
    /// `H1: θ < θ0`.
    Less,
    /// `H1: θ > θ0`.
    Greater,
}

/// Why a statistic could not be computed. Messages say what to do; see [`StatsError::message`]
/// for the Japanese text.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum StatsError {
    /// Fewer valid (non-missing) observations than the statistic needs.
    TooFew {
        /// Which input: `"x"`, `"y"`, `"pairs"`, …
        group: &'static str,
        /// Minimum number of valid observations.
        needed: usize,
        /// Number of valid observations found.
        found: usize,
    },
    /// Zero variance, so the test statistic is undefined (R: "data are essentially constant").
    Constant,
    /// An input value is `+Inf` or `-Inf`.
    NonFinite {
        /// Which input.
        group: &'static str,
        /// 1-based position of the first infinite value.
        index: usize,
    },
    /// Paired inputs of different lengths.
    LengthMismatch {
        /// Length of `x`.
        x: usize,
        /// Length of `y`.
        y: usize,
    },
    /// A parameter outside its domain (confidence level outside (0, 1), non-finite `mu`, …).
    InvalidArgument {
        /// Parameter name as documented.
        name: &'static str,
        /// What is wrong with it, in English.
        reason: &'static str,
    },
    /// The values are so large or small that the result cannot be represented in a double
    /// (for example a variance that overflows).
    OutOfRange {
        /// What overflowed or underflowed.
        what: &'static str,
    },
    /// An iterative solver did not converge (for example: no sample size reaches the requested power).
    NoSolution {
        /// What was being solved.
        what: &'static str,
    },
}

impl StatsError {
    /// The message in the requested language (both are written in [`crate::messages`]).
    pub fn message(&self, lang: Lang) -> String {
        crate::messages::stats_error(self, lang)
    }
}

impl std::fmt::Display for StatsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for StatsError {}

/// Checks that a confidence level or probability lies strictly inside (0, 1).
#[allow(dead_code)] // used by the engine modules as they land
pub(crate) fn check_unit_open(name: &'static str, value: f64) -> Result<(), StatsError> {
    if value > 0.0 && value < 1.0 {
        Ok(())
    } else {
        Err(StatsError::InvalidArgument {
            name,
            reason: "must be between 0 and 1 (exclusive)",
        })
    }
}

/// Checks that a parameter is a finite number.
#[allow(dead_code)] // used by the engine modules as they land
pub(crate) fn check_finite(name: &'static str, value: f64) -> Result<(), StatsError> {
    if value.is_finite() {
        Ok(())
    } else {
        Err(StatsError::InvalidArgument {
            name,
            reason: "must be a finite number",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_exist_in_both_languages() {
        let errors = [
            StatsError::TooFew {
                group: "x",
                needed: 2,
                found: 1,
            },
            StatsError::Constant,
            StatsError::NonFinite {
                group: "y",
                index: 3,
            },
            StatsError::LengthMismatch { x: 3, y: 4 },
            StatsError::InvalidArgument {
                name: "conf_level",
                reason: "must be between 0 and 1 (exclusive)",
            },
            StatsError::OutOfRange { what: "variance" },
            StatsError::NoSolution { what: "n" },
        ];
        let leaks_seen_by_users = [
            StatsError::TooFew {
                group: "pairs",
                needed: 2,
                found: 1,
            },
            StatsError::NoSolution {
                what: "sample size reaching the requested power",
            },
        ];
        for e in errors.into_iter().chain(leaks_seen_by_users) {
            assert!(!e.message(Lang::En).is_empty());
            crate::messages::check_japanese(&e.message(Lang::Ja), &format!("{e:?}"));
        }
        assert!(check_unit_open("conf_level", 1.0).is_err());
        assert!(check_unit_open("conf_level", 0.95).is_ok());
        assert!(check_finite("mu", f64::NAN).is_err());
    }
}
