//! The reading limits, in one place: what one workbook may hold before it is refused. The
//! loader (`load.rs`) and the hostile-input pre-scans (`xls_scan.rs`, `ods_scan.rs`) all enforce
//! these numbers, so none of them imports another to find them.

/// Largest number of non-empty cells read from one workbook (all sheets read together):
/// 20 million, about 360 MB of memory (16 bytes a value, 2 a column number). The 100,000
/// respondents × 40 items × 2 sheets benchmark workbook has 8.4 million.
pub const MAX_CELLS: usize = 20_000_000;
/// Largest total size of text read from one workbook: 512 MiB. Text shared by many cells (an
/// .xlsx shared string) is stored and counted once.
pub const MAX_TEXT_BYTES: usize = 512 << 20;
/// Largest shared-string part accepted in an .xlsx package (uncompressed): 1 GiB. calamine keeps
/// the whole table in memory, so it is checked before calamine opens the file.
pub const MAX_SHARED_STRINGS_BYTES: u64 = 1 << 30;
/// Excel's own limit on rows per sheet.
pub const MAX_ROWS: u32 = 1_048_576;
/// Excel's own limit on columns per sheet.
pub const MAX_COLUMNS: u32 = 16_384;
