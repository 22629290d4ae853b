//! Swap: the lock on an output folder and the atomic exchange of the old site for the new.
//!
//! Beside the output folder `public/` a build keeps `.public.shelf/` (the work folder): a
//! `lock` file, the `staging` folder rendered files wait in, and the `spare` tree the next
//! site is put together in. `lock` takes an advisory lock (`flock`) on `lock` for the
//! whole build, so a second build into the same folder fails at once with a clear message
//! instead of mixing its files with the first's; a deploy that may overlap a build can take
//! the same lock (`flock .public.shelf/lock rsync …`). `exchange` swaps the output folder
//! and the spare tree in one system call, Linux `renameat2(RENAME_EXCHANGE)` (macOS
//! `renamex_np(RENAME_SWAP)`), through `rustix` because the standard library has no such call
//! and `rustix` wraps it without `unsafe` in this crate. Where the exchange is not
//! available (another system, a file system without it, an output folder that is a mount
//! point), `exchange` says so and the build moves the changed files into place one by one
//! instead: still never half a file, but a reader may then see some pages of each build for
//! the moment of the commit.

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The lock file's name inside the work folder.
pub const LOCK: &str = "lock";

/// The work folder of the output folder `output`: `.NAME.shelf` beside it, or `None` for a
/// folder without a parent or name.
pub(crate) fn work_folder(output: &Path) -> Option<PathBuf> {
    let name = output.file_name()?.to_string_lossy();
    Some(output.parent()?.join(format!(".{name}.shelf")))
}

/// The advisory lock on an output folder, held until dropped.
#[derive(Debug)]
pub(crate) struct Lock {
    _file: File,
}

/// How many times a held lock is tried again, 20 ms apart, before the build is refused.
const LOCK_RETRIES: usize = 25;

/// Takes the lock in the file `path` for the output folder `output`, failing (after half
/// a second of retries) when another build holds it.
///
/// # Errors
/// [`Error::Usage`] when another build holds the lock; [`Error::Io`] when the lock file
/// cannot be opened.
pub(crate) fn lock(path: &Path, output: &Path) -> Result<Lock> {
    super::tree::step();
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .map_err(|e| Error::io("open the lock", path, e))?;
    // A lock this process just released can still be held for an instant by a child process
    // forked meanwhile (it shares the open file until it runs its program, which closes it):
    // retried for a moment before another build is blamed.
    let mut result = try_lock(&file);
    for _ in 0..LOCK_RETRIES {
        if !matches!(&result, Err(e) if e.kind() == io::ErrorKind::WouldBlock) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
        result = try_lock(&file);
    }
    match result {
        Ok(()) => Ok(Lock { _file: file }),
        Err(e) if e.kind() == io::ErrorKind::WouldBlock => Err(Error::Usage(format!(
            "another build is writing into `{}` now (it holds the lock `{}`); \
             wait for it to end and build again",
            output.display(),
            path.display()
        ))),
        Err(e) => Err(Error::io("lock", path, e)),
    }
}

#[cfg(all(unix, not(target_os = "solaris")))]
fn try_lock(file: &File) -> io::Result<()> {
    rustix::fs::flock(file, rustix::fs::FlockOperation::NonBlockingLockExclusive)
        .map_err(io::Error::from)
}

#[cfg(not(all(unix, not(target_os = "solaris"))))]
fn try_lock(_file: &File) -> io::Result<()> {
    // No advisory lock here: concurrent builds are not detected.
    Ok(())
}

/// Swaps the folders `a` and `b` in one step. Returns `false`, changing nothing, where
/// the system or file system cannot.
///
/// # Errors
/// [`Error::Io`] when the exchange is possible but fails.
pub(crate) fn exchange(a: &Path, b: &Path) -> Result<bool> {
    super::tree::step();
    exchange_folders(a, b).or_else(|e| {
        let is_unsupported = matches!(
            e.raw_os_error(),
            Some(code) if is_unsupported_code(code)
        ) || e.kind() == io::ErrorKind::Unsupported;
        if is_unsupported {
            Ok(false)
        } else {
            Err(Error::io("swap in", a, e))
        }
    })
}

#[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
fn exchange_folders(a: &Path, b: &Path) -> io::Result<bool> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE)
        .map(|()| true)
        .map_err(io::Error::from)
}

#[cfg(not(any(target_os = "linux", target_os = "android", target_vendor = "apple")))]
fn exchange_folders(_a: &Path, _b: &Path) -> io::Result<bool> {
    Ok(false)
}

#[cfg(unix)]
fn is_unsupported_code(code: i32) -> bool {
    use rustix::io::Errno;
    [
        Errno::INVAL,
        Errno::NOSYS,
        Errno::XDEV,
        Errno::BUSY,
        Errno::NOTSUP,
        Errno::OPNOTSUPP,
    ]
    .iter()
    .any(|errno| errno.raw_os_error() == code)
}

#[cfg(not(unix))]
fn is_unsupported_code(_code: i32) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_on_one_folder_is_refused_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(LOCK);
        let first = lock(&path, Path::new("public")).unwrap();
        let second = lock(&path, Path::new("public")).unwrap_err();
        assert!(
            second
                .to_string()
                .starts_with("another build is writing into `public` now"),
            "{second}"
        );
        drop(first);
        assert!(lock(&path, Path::new("public")).is_ok());
    }

    #[test]
    fn exchange_swaps_two_folders() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        std::fs::create_dir_all(&a).unwrap();
        std::fs::create_dir_all(&b).unwrap();
        std::fs::write(a.join("old"), "").unwrap();
        std::fs::write(b.join("new"), "").unwrap();
        if exchange(&a, &b).unwrap() {
            assert!(a.join("new").exists() && b.join("old").exists());
        } else {
            assert!(a.join("old").exists() && b.join("new").exists());
        }
    }

    #[test]
    fn names_the_work_folder_beside_the_output() {
        assert_eq!(
            work_folder(Path::new("/site/public")),
            Some(PathBuf::from("/site/.public.shelf"))
        );
        assert_eq!(work_folder(Path::new("/")), None);
    }
}
