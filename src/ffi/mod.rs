//! The C ABI: `include/ttest_xl.h`. Validates, converts and delegates to [`crate::stats`].
//!
//! OWNER: C-ABI helper.
