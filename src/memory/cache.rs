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
use super::Memory;
use crate::tsv;

const MAGIC: &[u8; 16] = b"concord-index-v2";

/// Memories smaller than this are indexed in well under a second: no cache file.
pub const CACHE_MIN_ENTRIES: usize = 50_000;

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
    for f in super::tsv_files(memory)? {
        let meta = std::fs::metadata(&f).map_err(|source| tsv::Error::Io {
            path: f.clone(),
            source,
        })?;
        fp.extend_from_slice(f.to_string_lossy().as_bytes());
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
    let cache = cache_path(path);
    if before != after || memory.entries.len() < min_entries {
        // small, or changed while being read: index what was read, cache nothing
        let index = Index::build(&memory);
        return Ok((memory, index));
    }
    if let Some(index) = read(&cache, &after, memory.entries.len()) {
        return Ok((memory, index));
    }
    let index = Index::build(&memory);
    let mut bytes = Vec::new();
    bytes.extend_from_slice(MAGIC);
    put(&mut bytes, &after);
    put(&mut bytes, &(memory.entries.len() as u64).to_le_bytes());
    index.serialize(&mut bytes);
    let _ = crate::fsutil::write_atomic(&cache, &bytes);
    Ok((memory, index))
}

fn read(cache: &Path, fp: &[u8], entries: usize) -> Option<Index> {
    let bytes = std::fs::read(cache).ok()?;
    let mut r = Reader { b: &bytes, at: 0 };
    if r.take(16)? != MAGIC || r.chunk()? != fp {
        return None;
    }
    if u64::from_le_bytes(r.chunk()?.try_into().ok()?) != entries as u64 {
        return None;
    }
    Index::deserialize(&mut r)
}

/// Appends a length-prefixed byte chunk.
pub(crate) fn put(out: &mut Vec<u8>, bytes: &[u8]) {
    out.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
    out.extend_from_slice(bytes);
}

/// Appends a `u32` vector.
pub(crate) fn put_u32s(out: &mut Vec<u8>, v: &[u32]) {
    out.extend_from_slice(&((v.len() * 4) as u64).to_le_bytes());
    for x in v {
        out.extend_from_slice(&x.to_le_bytes());
    }
}

/// Appends a `u64` vector.
pub(crate) fn put_u64s(out: &mut Vec<u8>, v: impl ExactSizeIterator<Item = u64>) {
    out.extend_from_slice(&((v.len() * 8) as u64).to_le_bytes());
    for x in v {
        out.extend_from_slice(&x.to_le_bytes());
    }
}

/// A cursor over cache bytes; every read is checked.
pub(crate) struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let s = self.b.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(s)
    }
    /// A length-prefixed chunk.
    pub(crate) fn chunk(&mut self) -> Option<&'a [u8]> {
        let n = u64::from_le_bytes(self.take(8)?.try_into().ok()?);
        self.take(usize::try_from(n).ok()?)
    }
    /// A `u32` vector.
    pub(crate) fn u32s(&mut self) -> Option<Vec<u32>> {
        let c = self.chunk()?;
        (c.len() % 4 == 0).then(|| {
            c.chunks_exact(4)
                .map(|x| u32::from_le_bytes([x[0], x[1], x[2], x[3]]))
                .collect()
        })
    }
    /// A `u64` vector.
    pub(crate) fn u64s(&mut self) -> Option<Vec<u64>> {
        let c = self.chunk()?;
        (c.len() % 8 == 0).then(|| {
            c.chunks_exact(8)
                .map(|x| u64::from_le_bytes(x.try_into().unwrap_or_default()))
                .collect()
        })
    }
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
        // a corrupt cache is ignored
        std::fs::write(cache_path(&p), b"concord-index-v2garbage").unwrap();
        let (m4, ix4) = open_indexed(&p).unwrap();
        assert_eq!(ix4.lookup(&m4, "казахстан и китай", &opts)[0].entry, 0);
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
