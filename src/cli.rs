//! Command-line interface definitions and `run`. OWNER: CLI helper.
