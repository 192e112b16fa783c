//! The atomic file commit: outputs are checked against the inputs and existing files, written to
//! temporary files beside their targets, synced, and only then renamed into place (all or nothing).

use super::*;

/// What went wrong in the commit itself rather than in the operating system, carried inside the
/// [`io::Error`] of [`CliError::Write`] so that the message names it in the user's language
/// (`words::cli::io_reason`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommitProblem {
    /// The output path is a folder.
    IsFolder,
    /// A file appeared at the output path while the outputs were being written (no `--force`).
    AppearedMeanwhile,
    /// No free name for a temporary file beside the output.
    NoTemporaryName,
}

impl std::fmt::Display for CommitProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(crate::words::cli::commit_problem(*self, Lang::En))
    }
}

impl std::error::Error for CommitProblem {}

/// A write failure; on Windows, a sharing or lock violation on an existing output (or, when
/// `replacing` it, access denied to a file that is not read-only) means another program (Excel)
/// holds it open.
pub(super) fn write_error(path: &Path, source: io::Error, replacing: bool) -> CliError {
    let read_only = || fs::metadata(path).is_ok_and(|m| m.permissions().readonly());
    if office_lock::is_windows_in_use(&source, replacing)
        && path.exists()
        && !(source.raw_os_error() == Some(5) && read_only())
    {
        return CliError::OutputOpen {
            path: path.to_path_buf(),
            open: office_lock::held_open(path),
        };
    }
    CliError::Write {
        path: path.to_path_buf(),
        source,
    }
}

/// Canonical form of a path that may not exist yet (its directory must exist).
pub(super) fn canonical_target(path: &Path) -> Result<PathBuf, CliError> {
    if let Ok(p) = fs::canonicalize(path) {
        return Ok(p);
    }
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let dir = fs::canonicalize(parent).map_err(|_| CliError::MissingDir(path.to_path_buf()))?;
    if !dir.is_dir() {
        return Err(CliError::MissingDir(path.to_path_buf()));
    }
    Ok(dir.join(path.file_name().unwrap_or_default()))
}

/// `true` when both paths name the same existing file (also through hard links).
pub(super) fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::metadata(a), fs::metadata(b)) {
        (Ok(ma), Ok(mb)) => {
            #[cfg(unix)]
            {
                use std::os::unix::fs::MetadataExt;
                ma.dev() == mb.dev() && ma.ino() == mb.ino()
            }
            #[cfg(not(unix))]
            {
                let _ = (ma, mb);
                fs::canonicalize(a).ok() == fs::canonicalize(b).ok()
            }
        }
        _ => false,
    }
}

/// Refuses unsafe output paths before any work is done.
pub(super) fn check_output(input: &Path, output: &Path, force: bool) -> Result<(), CliError> {
    let input_canon = fs::canonicalize(input).map_err(|source| {
        if source.kind() == io::ErrorKind::NotFound {
            // The reader's own message, in both languages, without the OS's English text.
            CliError::Read(ReadError::NotFound {
                path: input.to_path_buf(),
            })
        } else {
            CliError::Input {
                path: input.to_path_buf(),
                source,
            }
        }
    })?;
    let out_canon = canonical_target(output)?;
    if out_canon == input_canon || same_file(input, output) {
        return Err(CliError::SameFile(output.to_path_buf()));
    }
    if output.exists() {
        if let Some(open) = office_lock::output_in_use(output) {
            return Err(CliError::OutputOpen {
                path: output.to_path_buf(),
                open,
            });
        }
        if !force {
            return Err(CliError::OutputExists(output.to_path_buf()));
        }
        if output.is_dir() {
            return Err(CliError::Write {
                path: output.to_path_buf(),
                source: io::Error::other(CommitProblem::IsFolder),
            });
        }
    }
    Ok(())
}

/// A temporary file beside the target, removed on drop unless [`TempFile::persist`] succeeds.
pub(super) struct TempFile {
    path: PathBuf,
    file: Option<File>,
    keep: bool,
}

/// A hidden name beside `target` for a temporary or backup file:
/// `.{name}.{pid}.{nanos}.{attempt}.{ext}`, with at most 64 bytes of the target's name, so that it
/// stays within the 255 bytes a file name may have however long the target's name is.
pub(super) fn sibling_name(target: &Path, attempt: u32, ext: &str) -> PathBuf {
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let full = target.file_name().unwrap_or_default().to_string_lossy();
    let mut end = full.len().min(64);
    while !full.is_char_boundary(end) {
        end -= 1;
    }
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let mut name = OsString::from(".");
    name.push(format!(
        "{}.{}.{nanos}.{attempt}.{ext}",
        &full[..end],
        std::process::id()
    ));
    dir.join(name)
}

impl TempFile {
    pub(super) fn new(target: &Path) -> io::Result<TempFile> {
        for attempt in 0..16u32 {
            let path = sibling_name(target, attempt, "tmp");
            match OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(file) => {
                    return Ok(TempFile {
                        path,
                        file: Some(file),
                        keep: false,
                    })
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(e),
            }
        }
        Err(io::Error::other(CommitProblem::NoTemporaryName))
    }

    pub(super) fn file(&mut self) -> &mut File {
        self.file
            .as_mut()
            .expect("temporary file is open until persisted")
    }

    /// Flushes and syncs, so that a full disk shows up before anything is renamed.
    pub(super) fn sync(&mut self) -> io::Result<()> {
        let file = self.file();
        file.flush()?;
        file.sync_all()
    }

    /// Flushes, syncs and renames over `target`.
    fn persist(mut self, target: &Path, force: bool) -> io::Result<()> {
        let mut file = self.file.take().expect("temporary file is open");
        file.flush()?;
        file.sync_all()?;
        drop(file);
        if !force && target.exists() {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                CommitProblem::AppearedMeanwhile,
            ));
        }
        fs::rename(&self.path, target)?;
        self.keep = true;
        Ok(())
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if !self.keep {
            self.file.take();
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// Renames the finished temporary files over their targets (the workbook, then the JSON file).
/// A target opened in Excel or LibreOffice since [`check_output`] looked (a large run takes
/// minutes) is refused before anything is renamed; when a later rename fails, the files already
/// put in place are removed, so that a failed run leaves nothing behind.
pub(super) fn put_in_place(files: Vec<(TempFile, &Path)>, force: bool) -> Result<(), CliError> {
    for &(_, target) in &files {
        if target.exists() {
            if let Some(open) = office_lock::output_in_use(target) {
                return Err(CliError::OutputOpen {
                    path: target.to_path_buf(),
                    open,
                });
            }
        }
    }
    // A file being replaced (--force) is kept under a second name (a hard link) until every
    // rename has succeeded, so that a failure half-way restores it instead of losing it.
    let mut done: Vec<(&Path, Option<PathBuf>)> = Vec::new();
    for (tmp, target) in files {
        let backup = if target.exists() {
            keep_old(target)
        } else {
            None
        };
        if let Err(e) = tmp.persist(target, force) {
            if let Some(b) = &backup {
                let _ = fs::remove_file(b);
            }
            for (p, old) in done.into_iter().rev() {
                match old {
                    Some(b) => {
                        let _ = fs::rename(&b, p);
                    }
                    None => {
                        let _ = fs::remove_file(p);
                    }
                }
            }
            return Err(write_error(target, e, true));
        }
        done.push((target, backup));
    }
    for (_, backup) in done {
        if let Some(b) = backup {
            let _ = fs::remove_file(b);
        }
    }
    Ok(())
}

/// A second name (hard link) for the existing file `target`, beside it; `None` when the file
/// system cannot make one (the file is then replaced without a way back, as before).
pub(super) fn keep_old(target: &Path) -> Option<PathBuf> {
    for attempt in 0..16u32 {
        let path = sibling_name(target, attempt, "bak");
        match fs::hard_link(target, &path) {
            Ok(()) => return Some(path),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(_) => return None,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// When the second of two renames fails, the first output is put back as it was: the old
    /// file a --force run was replacing is restored (not deleted), and no helper file is left.
    #[test]
    fn a_failed_second_rename_restores_the_replaced_first_output() {
        let dir = tempfile::tempdir().unwrap();
        let (d1, d2) = (dir.path().join("a"), dir.path().join("b"));
        fs::create_dir(&d1).unwrap();
        fs::create_dir(&d2).unwrap();
        let out = d1.join("results.xlsx");
        fs::write(&out, b"the council's copy").unwrap();
        let json = d2.join("results.json");
        let mut t1 = TempFile::new(&out).unwrap();
        t1.file().write_all(b"new workbook").unwrap();
        let t2 = TempFile::new(&json).unwrap();
        // The JSON's folder disappears before the renames: the second one fails.
        fs::remove_dir_all(&d2).unwrap();
        assert!(put_in_place(vec![(t1, out.as_path()), (t2, json.as_path())], true).is_err());
        assert_eq!(fs::read(&out).unwrap(), b"the council's copy");
        let names: Vec<_> = fs::read_dir(&d1)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["results.xlsx"]);
        // A new output that did not exist before is removed again.
        fs::create_dir(&d2).unwrap();
        fs::remove_file(&out).unwrap();
        let t1 = TempFile::new(&out).unwrap();
        let t2 = TempFile::new(&json).unwrap();
        fs::remove_dir_all(&d2).unwrap();
        assert!(put_in_place(vec![(t1, out.as_path()), (t2, json.as_path())], true).is_err());
        assert_eq!(fs::read_dir(&d1).unwrap().count(), 0);
        // Success leaves only the outputs (the kept old file is removed).
        fs::create_dir(&d2).unwrap();
        fs::write(&out, b"old").unwrap();
        let mut t1 = TempFile::new(&out).unwrap();
        t1.file().write_all(b"new").unwrap();
        let t2 = TempFile::new(&json).unwrap();
        put_in_place(vec![(t1, out.as_path()), (t2, json.as_path())], true).unwrap();
        assert_eq!(fs::read(&out).unwrap(), b"new");
        assert_eq!(fs::read_dir(&d1).unwrap().count(), 1);
    }

    /// The run can take minutes: a workbook opened in Excel meanwhile (an owner file appears)
    /// is not replaced, neither is the JSON file renamed, and no temporary file is left. (On
    /// Windows the operating system answers instead of owner files.)
    #[cfg(not(windows))]
    #[test]
    fn an_output_opened_during_the_run_is_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("results.xlsx");
        let json = dir.path().join("results.json");
        fs::write(&out, b"old workbook").unwrap();
        fs::write(&json, b"old json").unwrap();
        let temp = |target: &Path| {
            let mut t = TempFile::new(target).unwrap();
            t.file().write_all(b"new").unwrap();
            t
        };
        // Excel opened the workbook after check_output: nothing is replaced.
        fs::write(dir.path().join("~$results.xlsx"), b"").unwrap();
        let files = vec![(temp(&out), out.as_path()), (temp(&json), json.as_path())];
        let e = put_in_place(files, true).unwrap_err();
        assert!(
            matches!(&e, CliError::OutputOpen { path, .. } if *path == out),
            "{e}"
        );
        assert_eq!(fs::read(&out).unwrap(), b"old workbook");
        assert_eq!(fs::read(&json).unwrap(), b"old json");
        // LibreOffice opened the JSON file: the workbook is not replaced either.
        fs::remove_file(dir.path().join("~$results.xlsx")).unwrap();
        fs::write(
            dir.path().join(".~lock.results.json#"),
            b",sato,pc,date,url;",
        )
        .unwrap();
        let files = vec![(temp(&out), out.as_path()), (temp(&json), json.as_path())];
        let e = put_in_place(files, true).unwrap_err();
        assert!(
            matches!(&e, CliError::OutputOpen { path, .. } if *path == json),
            "{e}"
        );
        assert_eq!(fs::read(&out).unwrap(), b"old workbook");
        assert_eq!(fs::read(&json).unwrap(), b"old json");
        // Closed again: both are replaced.
        fs::remove_file(dir.path().join(".~lock.results.json#")).unwrap();
        let files = vec![(temp(&out), out.as_path()), (temp(&json), json.as_path())];
        put_in_place(files, true).unwrap();
        assert_eq!(fs::read(&out).unwrap(), b"new");
        assert_eq!(fs::read(&json).unwrap(), b"new");
        let mut names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        assert_eq!(names, ["results.json", "results.xlsx"]);
    }

    /// A long Japanese file name (83 characters, 254 bytes: within the 255 bytes a name may
    /// have) can be written: the temporary file's name must fit too.
    #[test]
    fn an_output_with_a_name_near_the_length_limit_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join(format!("{}.xlsx", "結".repeat(83)));
        assert_eq!(out.file_name().unwrap().len(), 254);
        let mut tmp = TempFile::new(&out).unwrap();
        tmp.file().write_all(b"new").unwrap();
        put_in_place(vec![(tmp, out.as_path())], false).unwrap();
        assert_eq!(fs::read(&out).unwrap(), b"new");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
