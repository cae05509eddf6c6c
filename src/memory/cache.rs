//! The on-disk index cache: building the index of a million-segment memory costs
//! seconds, reading it back a fraction of that.
//!
//! The cache lives beside the memory (`.NAME.index` for a file, `.concord.index` inside a
//! folder). It records a fingerprint of every memory file (path, size, modification time
//! in nanoseconds, inode) and is used only when the fingerprint matches exactly; a memory
//! that changed while it was being read is indexed without writing a cache. A cache that
//! cannot be read or written is ignored: lookup never depends on it.

use std::path::{Path, PathBuf};

use super::index::Index;
use super::store::Store;
use super::Memory;
use crate::tsv;

/// Memories smaller than this are indexed in well under a second: no cache file.
pub(super) const CACHE_MIN_ENTRIES: usize = 50_000;

/// Where the cache of a memory path lives.
pub fn cache_path(memory: &Path) -> PathBuf {
    if memory.is_dir() {
        memory.join(".concord.index")
    } else {
        let name = memory
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        memory.with_file_name(format!(".{name}.index"))
    }
}

fn fingerprint(memory: &Path) -> Result<Vec<u8>, tsv::Error> {
    let mut fp = Vec::new();
    for f in crate::tsv::tsv_files(memory)? {
        let meta = std::fs::metadata(&f).map_err(|source| tsv::Error::Io {
            path: f.clone(),
            source,
        })?;
        // the canonical path, so that the same file named from another directory (or
        // through a link) finds its cache
        let name = std::fs::canonicalize(&f).unwrap_or_else(|_| f.clone());
        fp.extend_from_slice(name.to_string_lossy().as_bytes());
        fp.push(0);
        fp.extend_from_slice(&meta.len().to_le_bytes());
        let mtime = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        fp.extend_from_slice(&mtime.to_le_bytes());
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt as _;
            fp.extend_from_slice(&meta.ino().to_le_bytes());
        }
    }
    Ok(fp)
}

/// Loads a memory and its index, reading the index from the cache when it is fresh and
/// writing the cache otherwise (best effort).
pub fn open_indexed(path: &Path) -> Result<(Memory, Index), tsv::Error> {
    open_indexed_from(path, CACHE_MIN_ENTRIES)
}

fn open_indexed_from(path: &Path, min_entries: usize) -> Result<(Memory, Index), tsv::Error> {
    let before = fingerprint(path)?;
    let memory = Memory::open(path)?;
    let after = fingerprint(path)?;
    if before != after || memory.entries.len() < min_entries {
        // small, or changed while being read: index what was read, cache nothing
        let index = Index::build(&memory);
        return Ok((memory, index));
    }
    let store = Store {
        base: cache_path(path),
        fp: after,
        entries: memory.entries.len(),
    };
    let index = Index::open_cached(&memory, store);
    Ok((memory, index))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::memory::{scan, LookupOptions, Scorer};

    #[test]
    fn cache_is_used_when_fresh_and_ignored_when_stale() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("m.tsv");
        let write =
            |a: &str, b: &str| std::fs::write(&p, format!("ru\ten\n{a}\tA\n{b}\tB\n")).unwrap();
        let open_indexed = |p: &Path| open_indexed_from(p, 0);
        write("Казахстан и Россия", "Казахстан и Китай");
        let (m, ix) = open_indexed(&p).unwrap();
        assert!(cache_path(&p).is_file());
        let (m2, ix2) = open_indexed(&p).unwrap();
        let opts = LookupOptions {
            min_score: 50.0,
            ..LookupOptions::default()
        };
        assert_eq!(
            ix.lookup(&m, "казахстан и китай", &opts),
            ix2.lookup(&m2, "казахстан и китай", &opts)
        );
        // change the memory: same size, new content; the cache must not be trusted
        std::thread::sleep(std::time::Duration::from_millis(20));
        write("Казахстан и Китай", "Казахстан и Россия");
        let (m3, ix3) = open_indexed(&p).unwrap();
        for scorer in [Scorer::Word, Scorer::Char] {
            let o = LookupOptions { scorer, ..opts };
            assert_eq!(
                ix3.lookup(&m3, "казахстан и китай", &o),
                scan(&m3, "казахстан и китай", &o)
            );
        }
        // the scorers' parts were cached on first use, for the new content
        let part = |s: &str| {
            let mut p = cache_path(&p).into_os_string();
            p.push(s);
            PathBuf::from(p)
        };
        assert!(part(".word").is_file() && part(".char").is_file());
        let (m5, ix5) = open_indexed(&p).unwrap();
        for scorer in [Scorer::Word, Scorer::Char] {
            let o = LookupOptions { scorer, ..opts };
            assert_eq!(
                ix5.lookup(&m5, "казахстан и россия", &o),
                scan(&m5, "казахстан и россия", &o)
            );
        }
        // a corrupt cache is ignored, shared part and scorer parts alike
        std::fs::write(cache_path(&p), b"concord-index-v6garbage").unwrap();
        let (m4, ix4) = open_indexed(&p).unwrap();
        assert_eq!(ix4.lookup(&m4, "казахстан и китай", &opts)[0].entry, 0);
        let good = std::fs::read(part(".char")).unwrap();
        let cut = good.len() - 5;
        std::fs::write(part(".char"), &good[..cut]).unwrap();
        let (m6, ix6) = open_indexed(&p).unwrap();
        let o = LookupOptions {
            scorer: Scorer::Char,
            ..opts
        };
        assert_eq!(
            ix6.lookup(&m6, "казахстан и китай", &o),
            scan(&m6, "казахстан и китай", &o)
        );
    }
}

#[cfg(test)]
mod small {
    use super::*;

    #[test]
    fn small_memories_get_no_cache_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("m.tsv");
        std::fs::write(&p, "ru\ten\nДа\tYes\n").unwrap();
        open_indexed(&p).unwrap();
        assert!(!cache_path(&p).exists());
    }
}
