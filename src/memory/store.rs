//! The cache file codec: a header (magic, fingerprint, entry count) and
//! length-prefixed little-endian arrays. A leaf of `memory`: the index and the char
//! index write their parts through it, and `cache` decides when to use it.

use std::path::{Path, PathBuf};

const MAGIC: &[u8; 16] = b"concord-index-v6";

/// Where the parts of one memory's index are cached, and the memory state they describe.
///
/// The shared part (unique sources, exact table) is the cache file itself; the word and
/// char scorers' parts are built on first use and cached beside it (`.NAME.index.word`,
/// `.NAME.index.char`), each file carrying the fingerprint.
#[derive(Debug, Clone)]
pub(crate) struct Store {
    pub(crate) base: PathBuf,
    pub(crate) fp: Vec<u8>,
    pub(crate) entries: usize,
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
