//! The floors of `src/` (see the crate docs): every `crate::` path outside a test
//! module points to the module's own floor's files or to a lower floor, and no two
//! files of one module use each other, directly or round a longer circle.
//!
//! There is no exceptions list: an edge that breaks the order is moved, not excused.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The library's top-level modules, floor by floor from the bottom.
const FLOORS: &[&[&str]] = &[
    &["text"],
    &["severity", "tsv", "fsutil"],
    &["segment", "memory", "termbase"],
    &["align", "formats"],
    &["check"],
    &["edition", "lint"],
    &["config"],
];

fn floor(module: &str) -> Option<usize> {
    FLOORS.iter().position(|f| f.contains(&module))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).expect("read src") {
        let p = e.expect("dir entry").path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The file's code without comments and without `#[cfg(test)]` items.
fn code(text: &str) -> String {
    let mut lines: Vec<&str> = Vec::new();
    let mut skip_depth: Option<i64> = None;
    let mut depth: i64 = 0;
    let mut pending_test = false;
    for line in text.lines() {
        let t = line.trim_start();
        if t.starts_with("//") {
            continue;
        }
        let opens = line.matches('{').count() as i64;
        let closes = line.matches('}').count() as i64;
        if skip_depth.is_none() && t.starts_with("#[cfg(test)]") {
            pending_test = true;
            continue;
        }
        if pending_test && skip_depth.is_none() {
            if t.starts_with("#[") {
                continue;
            }
            pending_test = false;
            if opens == 0 {
                // a one-line item (`use`, `mod tests;`)
                continue;
            }
            skip_depth = Some(depth);
        }
        depth += opens - closes;
        if let Some(d) = skip_depth {
            if depth <= d {
                skip_depth = None;
            }
            continue;
        }
        lines.push(line);
    }
    lines.join("\n")
}

/// The module path of a file under `src/` (`memory/index.rs` → `["memory", "index"]`).
fn module_path(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .iter()
        .map(|c| c.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
        parts.pop();
    }
    parts
}

/// Every path the code names with `crate::`, `super::` or `self::`, made absolute.
fn paths(code: &str, own: &[String], is_mod_file: bool) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let bytes = code.as_bytes();
    let is_ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut i = 0;
    while i < bytes.len() {
        let starts = ["crate::", "super::", "self::"]
            .iter()
            .find(|k| bytes[i..].starts_with(k.as_bytes()));
        let Some(kw) = starts else {
            i += 1;
            continue;
        };
        if i > 0 && (is_ident(bytes[i - 1]) || bytes[i - 1] == b':') {
            i += 1;
            continue;
        }
        // the module the path is relative to: a file's `self` is its own module, a
        // `mod.rs` file's `super` is its parent
        let mut base: Vec<String> = match *kw {
            "crate::" => Vec::new(),
            _ => own.to_vec(),
        };
        let mut j = i;
        loop {
            if bytes[j..].starts_with(b"crate::") {
                j += "crate::".len();
            } else if bytes[j..].starts_with(b"super::") {
                base.pop();
                j += "super::".len();
            } else if bytes[j..].starts_with(b"self::") {
                j += "self::".len();
            } else {
                break;
            }
        }
        let _ = is_mod_file;
        let mut segs = base;
        loop {
            let s = j;
            while j < bytes.len() && is_ident(bytes[j]) {
                j += 1;
            }
            if s == j {
                break;
            }
            segs.push(code[s..j].to_string());
            if bytes[j..].starts_with(b"::") && j + 2 < bytes.len() && is_ident(bytes[j + 2]) {
                j += 2;
            } else {
                break;
            }
        }
        // `use crate::m::{a, b}`: the group's first names count too
        if bytes[j..].starts_with(b"::{") {
            let end = code[j..].find('}').map_or(code.len(), |e| j + e);
            for name in code[j + 3..end].split(',') {
                let name = name.trim().split("::").next().unwrap_or("").trim();
                if !name.is_empty() && name != "self" {
                    let mut p = segs.clone();
                    p.push(name.to_string());
                    out.push(p);
                }
            }
        }
        out.push(segs);
        i = j.max(i + 1);
    }
    out
}

struct Source {
    module: Vec<String>,
    file: PathBuf,
    code: String,
}

fn sources(src: &Path) -> Vec<Source> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    files.sort();
    files
        .into_iter()
        .filter_map(|f| {
            let rel = f.strip_prefix(src).ok()?.to_path_buf();
            // the binary: `src/main.rs` and `src/cli/` are a crate of their own
            let top = rel.iter().next()?.to_string_lossy().to_string();
            if top == "main.rs" || top == "cli" || top == "bin" {
                return None;
            }
            let text = std::fs::read_to_string(&f).ok()?;
            Some(Source {
                module: module_path(&rel),
                file: rel,
                code: code(&text),
            })
        })
        .collect()
}

#[test]
fn every_import_points_to_a_lower_floor() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut bad = BTreeSet::new();
    for s in sources(&src) {
        let Some(from) = s.module.first() else {
            continue;
        };
        let from_floor = floor(from)
            .unwrap_or_else(|| panic!("{}: module `{from}` has no floor", s.file.display()));
        let is_mod = s.file.ends_with("mod.rs");
        for p in paths(&s.code, &s.module, is_mod) {
            let Some(to) = p.first() else { continue };
            if to == from {
                continue;
            }
            let Some(to_floor) = floor(to) else {
                continue; // a macro or an item of lib.rs
            };
            if to_floor >= from_floor {
                bad.insert(format!(
                    "{}: {from} (floor {from_floor}) uses {} (floor {to_floor})",
                    s.file.display(),
                    p.join("::")
                ));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "imports that break the floors:\n{}",
        bad.into_iter().collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn no_file_circles_inside_a_module() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let all = sources(&src);
    // which file defines each submodule path
    let known: BTreeSet<Vec<String>> = all.iter().map(|s| s.module.clone()).collect();
    // `pub use file::{Name}` in a mod.rs: a `super::Name` reaches `file`
    let mut reexports: BTreeMap<Vec<String>, Vec<String>> = BTreeMap::new();
    for s in all.iter().filter(|s| s.file.ends_with("mod.rs")) {
        for line in s.code.lines() {
            let t = line.trim();
            let Some(rest) = t.strip_prefix("pub use ") else {
                continue;
            };
            let rest = rest.trim_end_matches(';');
            let Some((head, names)) = rest.split_once("::") else {
                continue;
            };
            let mut file = s.module.clone();
            file.push(head.to_string());
            if !known.contains(&file) {
                continue;
            }
            let names = names.trim_start_matches('{').trim_end_matches('}');
            for n in names.split(',') {
                let n = n.trim().rsplit("::").next().unwrap_or("").trim();
                let n = n.rsplit(" as ").next().unwrap_or(n).trim();
                if !n.is_empty() {
                    let mut key = s.module.clone();
                    key.push(n.to_string());
                    reexports.insert(key, file.clone());
                }
            }
        }
    }
    // edges between sibling files (not their mod.rs)
    let mut edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for s in &all {
        if s.module.len() < 2 {
            continue;
        }
        let parent = &s.module[..s.module.len() - 1];
        let is_mod = s.file.ends_with("mod.rs");
        for p in paths(&s.code, &s.module, is_mod) {
            if p.len() <= parent.len() || p[..parent.len()] != *parent {
                continue;
            }
            let mut target = p[..=parent.len()].to_vec();
            if !known.contains(&target) {
                match reexports.get(&target) {
                    Some(f) => target = f.clone(),
                    None => continue,
                }
            }
            if target != s.module && target.len() == s.module.len() {
                edges.entry(s.module.clone()).or_default().insert(target);
            }
        }
    }
    // a circle: a file that reaches itself
    let mut circles = BTreeSet::new();
    for start in edges.keys() {
        let mut seen = BTreeSet::new();
        let mut stack: Vec<Vec<String>> = edges[start].iter().cloned().collect();
        while let Some(n) = stack.pop() {
            if &n == start {
                circles.insert(start.join("::"));
                break;
            }
            if seen.insert(n.clone()) {
                stack.extend(edges.get(&n).into_iter().flatten().cloned());
            }
        }
    }
    assert!(
        circles.is_empty(),
        "files on a circle of uses: {circles:?}\nedges: {edges:?}"
    );
}

#[test]
fn the_floor_list_names_every_library_module() {
    let lib = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs"))
        .expect("lib.rs");
    for line in lib.lines() {
        if let Some(m) = line.strip_prefix("pub mod ") {
            let m = m.trim_end_matches(';');
            assert!(floor(m).is_some(), "module `{m}` is missing from FLOORS");
        }
    }
}
