//! Safe file writing: atomic replacement and an advisory lock for read-modify-write.
//!
//! A memory is never half-written: every write goes to a temporary file in the same
//! folder, is flushed to disk, and is renamed over the target in one step. Writers that
//! read, change and rewrite a file (`memory add`) hold a lock on a sidecar file
//! (`.NAME.lock`), because the rename replaces the target's inode and a lock on the
//! target itself would be lost.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` atomically (temp file in the same folder + fsync + rename).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".concord-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    if let Ok(meta) = std::fs::metadata(path) {
        // keep the permissions of the file being replaced
        let _ = tmp.as_file().set_permissions(meta.permissions());
    } else {
        // a temp file is private (0600); a new memory or output file should not be
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let _ = tmp
                .as_file()
                .set_permissions(std::fs::Permissions::from_mode(0o644));
        }
    }
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// An exclusive advisory lock on `.NAME.lock` beside a file, released on drop.
pub struct FileLock {
    _lock: fd_lock::RwLock<File>,
    path: PathBuf,
}

impl FileLock {
    /// Blocks until the lock for `target` is held.
    pub fn acquire(target: &Path) -> std::io::Result<FileLock> {
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "concord".into());
        let path = target.with_file_name(format!(".{name}.lock"));
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .read(true)
            .write(true)
            .open(&path)?;
        let mut lock = fd_lock::RwLock::new(file);
        // fd-lock's guard borrows the RwLock; we keep the lock held for the FileLock's
        // lifetime by leaking the guard's effect: flock stays until the fd is closed.
        std::mem::forget(lock.write()?);
        Ok(FileLock { _lock: lock, path })
    }

    /// The lock file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_content() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("m.tsv");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        // no temp files left behind
        let n = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(n, 1);
    }

    #[test]
    fn lock_is_reacquirable_after_drop() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("m.tsv");
        drop(FileLock::acquire(&p).unwrap());
        let l = FileLock::acquire(&p).unwrap();
        assert!(l.path().ends_with(".m.tsv.lock"));
    }
}
