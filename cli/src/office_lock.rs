//! Is a workbook open in Excel or LibreOffice right now?
//!
//! Both programs leave a small *owner file* beside a document they have open:
//! * Excel: `~$results.xlsx` (the full file name after `~$`), 165 bytes: a byte with the length of
//!   the user's display name, the name in the ANSI code page padded with spaces to offset 55, the
//!   length again as a little-endian `u16` at 55 and the name in UTF-16LE from offset 57
//!   (the layout LibreOffice reads and writes for interoperability, `svl/msodocumentlockfile`).
//! * LibreOffice: `.~lock.results.xlsx#`, one text line `name,system user,host,date,profile;`.
//!
//! On Windows the operating system itself says whether the file is open: Excel holds an open
//! workbook with a sharing mode that denies writers, so opening it for writing fails with
//! `ERROR_SHARING_VIOLATION`. That answer is authoritative (an owner file left behind by a crash
//! is then ignored). Elsewhere the owner file is the only sign; the message names it so that a user
//! can delete a stale one.
//!
//! This module only reads; it never creates, changes or deletes an owner file.

use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};

/// Which program keeps the file open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Program {
    /// Microsoft Excel (an `~$` owner file, or a Windows sharing violation).
    Excel,
    /// LibreOffice Calc (a `.~lock.…#` file).
    LibreOffice,
}

/// Evidence that a file is open in a spreadsheet program.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenFile {
    /// The program, when known.
    pub program: Program,
    /// The user's display name from the owner file, when there is one and it is readable.
    pub user: Option<String>,
    /// The owner file that says so (`None` when only the operating system said so).
    pub owner_file: Option<PathBuf>,
}

/// Largest owner file we read (Excel's is 165 bytes, LibreOffice's a line of text).
const MAX_OWNER_FILE: u64 = 4096;
/// Excel limits a user name to 52 characters.
const MAX_USER: usize = 52;

/// `prefix` + `path`'s file name + `suffix`, beside `path` (the name's bytes kept as they are,
/// UTF-8 or not).
fn sibling(path: &Path, prefix: &str, suffix: &str) -> Option<PathBuf> {
    let mut name = OsString::from(prefix);
    name.push(path.file_name()?);
    name.push(suffix);
    Some(match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.join(name),
        _ => PathBuf::from(name),
    })
}

/// Excel's owner file for `path`.
pub fn excel_owner_file(path: &Path) -> Option<PathBuf> {
    sibling(path, "~$", "")
}

/// LibreOffice's lock file for `path`.
pub fn libreoffice_lock_file(path: &Path) -> Option<PathBuf> {
    sibling(path, ".~lock.", "#")
}

fn read_small(path: &Path) -> Option<Vec<u8>> {
    let meta = fs::symlink_metadata(path).ok()?;
    if !meta.is_file() {
        return None;
    }
    if meta.len() > MAX_OWNER_FILE {
        return Some(Vec::new());
    }
    // An owner file Excel holds open may refuse to be read; it still says the file is open.
    Some(fs::read(path).unwrap_or_default())
}

/// The user name in an Excel owner file: the UTF-16 copy at offset 55, else the ANSI copy when
/// it is plain ASCII.
pub fn excel_owner_name(bytes: &[u8]) -> Option<String> {
    let utf16 = (|| {
        let n = usize::from(u16::from_le_bytes([*bytes.get(55)?, *bytes.get(56)?]));
        if n == 0 || n > MAX_USER {
            return None;
        }
        let units: Vec<u16> = bytes
            .get(57..57 + 2 * n)?
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16(&units).ok()
    })();
    let name = utf16.or_else(|| {
        let n = usize::from(*bytes.first()?);
        let s = bytes.get(1..1 + n)?;
        (n > 0 && n <= MAX_USER && s.is_ascii()).then(|| String::from_utf8_lossy(s).into_owned())
    })?;
    clean_name(&name)
}

/// The user name in a LibreOffice lock file: its first field, else the system user.
pub fn libreoffice_owner_name(bytes: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(bytes);
    let line = text.lines().next()?;
    // Fields are separated by ',' and a literal comma is written as "\,".
    let mut fields = Vec::new();
    let mut cur = String::new();
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => cur.extend(chars.next()),
            ',' | ';' => fields.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    fields.push(cur);
    fields.iter().take(2).find_map(|f| clean_name(f))
}

fn clean_name(s: &str) -> Option<String> {
    let t: String = s
        .trim()
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_USER)
        .collect();
    (!t.is_empty()).then_some(t)
}

/// Owner files that say `path` is open (Excel's first): beside `path`, or, when `path` leads
/// through symbolic links, beside the real file (where LibreOffice puts its lock file).
pub fn owner_file_evidence(path: &Path) -> Option<OpenFile> {
    owner_files_beside(path).or_else(|| owner_files_beside(&fs::canonicalize(path).ok()?))
}

fn owner_files_beside(path: &Path) -> Option<OpenFile> {
    if let Some(owner) = excel_owner_file(path) {
        if let Some(bytes) = read_small(&owner) {
            return Some(OpenFile {
                program: Program::Excel,
                user: excel_owner_name(&bytes),
                owner_file: Some(owner),
            });
        }
    }
    if let Some(lock) = libreoffice_lock_file(path) {
        if let Some(bytes) = read_small(&lock) {
            return Some(OpenFile {
                program: Program::LibreOffice,
                user: libreoffice_owner_name(&bytes),
                owner_file: Some(lock),
            });
        }
    }
    None
}

/// `true` for the Windows errors a file held open by another program gives: on Windows, see
/// [`in_use_code`].
pub fn is_windows_in_use(e: &std::io::Error, replacing: bool) -> bool {
    cfg!(windows) && in_use_code(e.raw_os_error(), replacing)
}

/// `true` for a Windows error code that means the file is held open by another program:
/// `ERROR_SHARING_VIOLATION` 32 and `ERROR_LOCK_VIOLATION` 33 at any step, and
/// `ERROR_ACCESS_DENIED` 5 only when `replacing` (the rename over the file). On any other step
/// (creating or writing the temporary file) error 5 means a folder without write permission.
pub fn in_use_code(code: Option<i32>, replacing: bool) -> bool {
    matches!(code, Some(32 | 33)) || (replacing && code == Some(5))
}

/// What is known about a file Windows reports as in use: the owner file's program and user when
/// there is one, else Excel (the usual holder of a workbook).
pub fn held_open(path: &Path) -> OpenFile {
    let evidence = owner_file_evidence(path);
    OpenFile {
        program: evidence.as_ref().map_or(Program::Excel, |o| o.program),
        user: evidence.as_ref().and_then(|o| o.user.clone()),
        owner_file: evidence.and_then(|o| o.owner_file),
    }
}

/// Is the existing file `path` open in another program, so that replacing it would fail or
/// pull it from under the user?
///
/// On Windows: `Some` when opening it for writing is refused with a sharing or lock violation
/// (user name from an owner file if there is one), `None` otherwise, whatever owner files say.
/// Elsewhere: `Some` when an Excel or LibreOffice owner file sits beside it.
pub fn output_in_use(path: &Path) -> Option<OpenFile> {
    if cfg!(windows) {
        // Opening for writing without truncating changes nothing in the file.
        match fs::OpenOptions::new().write(true).open(path) {
            Err(e) if matches!(e.raw_os_error(), Some(32 | 33)) => Some(held_open(path)),
            _ => None,
        }
    } else {
        owner_file_evidence(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An owner file laid out as Excel writes it (see the module docs).
    fn excel_owner(name: &str) -> Vec<u8> {
        let mut b = vec![name.len() as u8];
        b.extend(name.bytes().map(|c| if c.is_ascii() { c } else { b'?' }));
        b.resize(55, 0x20);
        let units: Vec<u16> = name.encode_utf16().collect();
        b.extend((units.len() as u16).to_le_bytes());
        b.extend(units.iter().flat_map(|u| u.to_le_bytes()));
        while b.len() < 165 {
            b.extend([0x20, 0]);
        }
        b.truncate(165);
        b
    }

    #[test]
    fn excel_owner_names_are_read_from_the_utf16_copy() {
        assert_eq!(
            excel_owner_name(&excel_owner("yamada")),
            Some("yamada".into())
        );
        let ja = excel_owner("山田 花子");
        assert_eq!(ja.len(), 165);
        assert_eq!(excel_owner_name(&ja), Some("山田 花子".into()));
        // A damaged UTF-16 part falls back to an ASCII ANSI copy.
        let mut b = excel_owner("suzuki");
        b[55] = 0xff;
        assert_eq!(excel_owner_name(&b), Some("suzuki".into()));
        assert_eq!(excel_owner_name(&[]), None);
        assert_eq!(excel_owner_name(&[0; 165]), None);
    }

    #[test]
    fn libreoffice_lock_lines_give_the_user() {
        let line = b",tanaka,pc01,25.11.2026 10:00,file:///home/tanaka/.config/libreoffice/4;";
        assert_eq!(libreoffice_owner_name(line), Some("tanaka".into()));
        let named = "佐藤\\, 一郎,sato,pc,25.11.2026 10:00,url;";
        assert_eq!(
            libreoffice_owner_name(named.as_bytes()),
            Some("佐藤, 一郎".into())
        );
        assert_eq!(libreoffice_owner_name(b""), None);
    }

    #[test]
    fn owner_files_are_found_beside_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let book = dir.path().join("結果 2026.xlsx");
        fs::write(&book, b"x").unwrap();
        assert_eq!(owner_file_evidence(&book), None);
        let lo = dir.path().join(".~lock.結果 2026.xlsx#");
        fs::write(&lo, ",kato,host,date,url;").unwrap();
        let e = owner_file_evidence(&book).unwrap();
        assert_eq!(e.program, Program::LibreOffice);
        assert_eq!(e.user.as_deref(), Some("kato"));
        let owner = dir.path().join("~$結果 2026.xlsx");
        fs::write(&owner, excel_owner("ito")).unwrap();
        let e = owner_file_evidence(&book).unwrap();
        assert_eq!(e.program, Program::Excel);
        assert_eq!(e.user.as_deref(), Some("ito"));
        assert_eq!(e.owner_file.as_deref(), Some(owner.as_path()));
        // An unreadable or odd owner file still counts, without a name.
        fs::write(&owner, b"").unwrap();
        assert_eq!(owner_file_evidence(&book).unwrap().user, None);
        // A folder of that name is not an owner file.
        fs::remove_file(&owner).unwrap();
        fs::remove_file(&lo).unwrap();
        fs::create_dir(&owner).unwrap();
        assert_eq!(owner_file_evidence(&book), None);
    }

    #[test]
    fn access_denied_means_in_use_only_when_replacing_the_file() {
        // Sharing and lock violations: another program holds the file, at any step.
        for replacing in [false, true] {
            assert!(in_use_code(Some(32), replacing));
            assert!(in_use_code(Some(33), replacing));
        }
        // ERROR_ACCESS_DENIED on the rename over an open workbook; creating or writing the
        // temporary file in a folder without write permission gives it too, and that is not
        // Excel's doing.
        assert!(in_use_code(Some(5), true));
        assert!(!in_use_code(Some(5), false));
        assert!(!in_use_code(Some(2), true));
        assert!(!in_use_code(None, true));
    }

    /// LibreOffice resolves symbolic links and puts its lock file beside the real file
    /// (`LockFileCommon::ResolveLinks`): a workbook opened through a link, or a link to an open
    /// workbook, is found either way; so is one in a linked folder.
    #[cfg(unix)]
    #[test]
    fn owner_files_beside_the_target_of_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let real_dir = dir.path().join("share");
        fs::create_dir(&real_dir).unwrap();
        let real = real_dir.join("results.xlsx");
        fs::write(&real, b"x").unwrap();
        let link = dir.path().join("link.xlsx");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        assert_eq!(owner_file_evidence(&link), None);
        let lock = real_dir.join(".~lock.results.xlsx#");
        fs::write(&lock, ",kato,host,date,url;").unwrap();
        let e = owner_file_evidence(&link).expect("the lock beside the link's target");
        assert_eq!(e.owner_file, Some(lock.clone()));
        assert_eq!(e.user.as_deref(), Some("kato"));
        let linked_dir = dir.path().join("linked");
        std::os::unix::fs::symlink(&real_dir, &linked_dir).unwrap();
        let e = owner_file_evidence(&linked_dir.join("results.xlsx")).unwrap();
        assert_eq!(e.program, Program::LibreOffice);
    }

    /// A file name that is not UTF-8 (possible on Unix): the owner files carry the same bytes.
    #[cfg(unix)]
    #[test]
    fn owner_files_of_a_name_that_is_not_utf8() {
        use std::ffi::OsStr;
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        let name = OsStr::from_bytes(b"r\xe9sultats.xlsx");
        let book = dir.path().join(name);
        fs::write(&book, b"x").unwrap();
        let mut owner = OsString::from("~$");
        owner.push(name);
        fs::write(dir.path().join(&owner), excel_owner("ito")).unwrap();
        let e = owner_file_evidence(&book).expect("Excel's owner file is found");
        assert_eq!(e.owner_file, Some(dir.path().join(&owner)));
        assert_eq!(e.user.as_deref(), Some("ito"));
        fs::remove_file(dir.path().join(&owner)).unwrap();
        let mut lock = OsString::from(".~lock.");
        lock.push(name);
        lock.push("#");
        fs::write(dir.path().join(&lock), ",kato,host,date,url;").unwrap();
        let e = owner_file_evidence(&book).expect("LibreOffice's lock file is found");
        assert_eq!(e.owner_file, Some(dir.path().join(&lock)));
    }
}
