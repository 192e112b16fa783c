//! OWNER: CLI helper.
