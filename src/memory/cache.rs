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

const MAGIC: &[u8; 16] = b"concord-index-v6";

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

/// Where the parts of one memory's index are cached, and the memory state they describe.
///
/// The shared part (unique sources, exact table) is the cache file itself; the word and
/// char scorers' parts are built on first use and cached beside it (`.NAME.index.word`,
/// `.NAME.index.char`), each file carrying the fingerprint.
#[derive(Debug, Clone)]
pub(crate) struct Store {
    base: PathBuf,
    fp: Vec<u8>,
    entries: usize,
}

impl Store {
    fn path(&self, part: &str) -> PathBuf {
        if part.is_empty() {
            return self.base.clone();
        }
        let mut p = self.base.clone().into_os_string();
        p.push(".");
        p.push(part);
        PathBuf::from(p)
    }

    /// A reader of a part's cache file, if it exists and is fresh.
    pub(crate) fn reader(&self, part: &str) -> Option<Reader> {
        Reader::open(&self.path(part), &self.fp, self.entries)
    }

    /// Writes a part's cache file with `write` (best effort: errors leave no file).
    pub(crate) fn write(&self, part: &str, write: impl FnOnce(&mut Writer) -> std::io::Result<()>) {
        if let Ok(mut w) = Writer::create(&self.path(part), &self.fp, self.entries) {
            if write(&mut w).is_ok() {
                let _ = w.finish();
            }
        }
    }
}

/// Writes a cache file: a header (magic, fingerprint, entry count), then length-prefixed
/// little-endian arrays, streamed to a temporary file that replaces the cache atomically.
pub(crate) struct Writer {
    out: std::io::BufWriter<tempfile::NamedTempFile>,
    path: PathBuf,
}

impl Writer {
    /// Starts a cache file at `path` for the memory with fingerprint `fp`.
    pub(crate) fn create(path: &Path, fp: &[u8], entries: usize) -> std::io::Result<Writer> {
        let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
        let tmp = tempfile::NamedTempFile::new_in(dir.unwrap_or(Path::new(".")))?;
        let mut w = Writer {
            out: std::io::BufWriter::with_capacity(1 << 20, tmp),
            path: path.to_path_buf(),
        };
        w.bytes(MAGIC)?;
        w.bytes(fp)?;
        w.bytes(&(entries as u64).to_le_bytes())?;
        Ok(w)
    }

    /// Appends a byte array.
    pub(crate) fn bytes(&mut self, b: &[u8]) -> std::io::Result<()> {
        use std::io::Write as _;
        self.out.write_all(&(b.len() as u64).to_le_bytes())?;
        self.out.write_all(b)
    }

    /// Appends a `u32` array.
    pub(crate) fn u32s(&mut self, v: &[u32]) -> std::io::Result<()> {
        use std::io::Write as _;
        self.out.write_all(&((v.len() * 4) as u64).to_le_bytes())?;
        for c in v.chunks(4096) {
            let buf: Vec<u8> = c.iter().flat_map(|x| x.to_le_bytes()).collect();
            self.out.write_all(&buf)?;
        }
        Ok(())
    }

    /// Appends a `u64` array.
    pub(crate) fn u64s(&mut self, v: &[u64]) -> std::io::Result<()> {
        use std::io::Write as _;
        self.out.write_all(&((v.len() * 8) as u64).to_le_bytes())?;
        for c in v.chunks(4096) {
            let buf: Vec<u8> = c.iter().flat_map(|x| x.to_le_bytes()).collect();
            self.out.write_all(&buf)?;
        }
        Ok(())
    }

    /// Flushes and moves the file into place.
    pub(crate) fn finish(self) -> std::io::Result<()> {
        let tmp = self.out.into_inner().map_err(|e| e.into_error())?;
        tmp.as_file().sync_all()?;
        tmp.persist(&self.path).map_err(|e| e.error)?;
        Ok(())
    }
}

/// Reads a cache file written by [`Writer`]; every length is checked against what is
/// left of the file, so a corrupt file fails cleanly instead of allocating wildly.
pub(crate) struct Reader {
    r: std::io::BufReader<std::fs::File>,
    left: u64,
}

impl Reader {
    /// Opens a cache file and checks its header; `None` if it is missing or stale.
    pub(crate) fn open(path: &Path, fp: &[u8], entries: usize) -> Option<Reader> {
        let f = std::fs::File::open(path).ok()?;
        let left = f.metadata().ok()?.len();
        let mut r = Reader {
            r: std::io::BufReader::with_capacity(1 << 20, f),
            left,
        };
        if r.bytes()? != MAGIC || r.bytes()? != fp {
            return None;
        }
        (r.bytes()? == (entries as u64).to_le_bytes()).then_some(r)
    }

    fn len(&mut self, unit: u64) -> Option<usize> {
        use std::io::Read as _;
        let mut b = [0u8; 8];
        self.r.read_exact(&mut b).ok()?;
        let n = u64::from_le_bytes(b);
        self.left = self.left.checked_sub(8)?.checked_sub(n)?;
        (n % unit == 0).then_some(n as usize)
    }

    /// A byte array.
    pub(crate) fn bytes(&mut self) -> Option<Vec<u8>> {
        use std::io::Read as _;
        let n = self.len(1)?;
        let mut v = Vec::with_capacity(n);
        (&mut self.r).take(n as u64).read_to_end(&mut v).ok()?;
        (v.len() == n).then_some(v)
    }

    fn words<const W: usize, T>(&mut self, conv: fn([u8; W]) -> T) -> Option<Vec<T>> {
        use std::io::Read as _;
        let n = self.len(W as u64)?;
        let mut v = Vec::with_capacity(n / W);
        let mut buf = vec![0u8; (1 << 16) * W];
        let mut left = n;
        while left > 0 {
            let k = left.min(buf.len());
            self.r.read_exact(&mut buf[..k]).ok()?;
            v.extend(
                buf[..k]
                    .chunks_exact(W)
                    .map(|c| conv(c.try_into().unwrap_or([0; W]))),
            );
            left -= k;
        }
        Some(v)
    }

    /// A `u32` array.
    pub(crate) fn u32s(&mut self) -> Option<Vec<u32>> {
        self.words::<4, u32>(u32::from_le_bytes)
    }

    /// A `u64` array.
    pub(crate) fn u64s(&mut self) -> Option<Vec<u64>> {
        self.words::<8, u64>(u64::from_le_bytes)
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
