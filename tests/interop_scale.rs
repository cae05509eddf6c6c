//! Import/export throughput on generated files. Ignored by default (timings are not
//! assertions); run in release for the README figures:
//!
//! ```text
//! cargo test --release --test interop_scale -- --ignored --nocapture
//! ```

use std::path::Path;
use std::time::Instant;

use concord::formats::{
    export_memory, export_termbase, tbx, tmx, ImportOptions, MemoryFormat, TermbaseFormat,
};

/// A TMX with `n` Russian–English units, every fifth with inline codes.
pub fn generate_tmx(n: usize) -> String {
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\"><header srclang=\"ru\"/><body>\n");
    for i in 0..n {
        let (ru, en) = if i % 5 == 0 {
            (
                format!("Президент <bpt i=\"1\">&lt;b></bpt>Казахстана<ept i=\"1\">&lt;/b></ept> провёл встречу №{i}."),
                format!("The President of <bpt i=\"1\">&lt;b></bpt>Kazakhstan<ept i=\"1\">&lt;/b></ept> held meeting No. {i}."),
            )
        } else {
            (
                format!("Министр иностранных дел обсудил вопросы сотрудничества в рамках ОДКБ, пункт {i}."),
                format!("The Foreign Minister discussed cooperation within the CSTO, item {i}."),
            )
        };
        s.push_str(&format!(
            "<tu tuid=\"{i}\"><note>n{i}</note><tuv xml:lang=\"ru-RU\"><seg>{ru}</seg></tuv><tuv xml:lang=\"en-US\"><seg>{en}</seg></tuv></tu>\n"
        ));
    }
    s.push_str("</body></tmx>\n");
    s
}

#[test]
#[ignore = "throughput figures; run in release with --ignored --nocapture"]
fn throughput() {
    let n = 100_000;
    let text = generate_tmx(n);
    let opts = ImportOptions::default();
    let t = Instant::now();
    let m = tmx::import(Path::new("gen.tmx"), text.as_bytes(), &opts).unwrap();
    let import = t.elapsed();
    assert_eq!(m.items.len(), n);
    let mem = concord::memory::Memory { entries: m.items };
    let t = Instant::now();
    let out = export_memory(&mem, MemoryFormat::Tmx).unwrap();
    let export = t.elapsed();
    println!(
        "TMX {n} units ({:.1} MB): import {:.2} s ({:.0} units/s), export {:.2} s",
        text.len() as f64 / 1e6,
        import.as_secs_f64(),
        n as f64 / import.as_secs_f64(),
        export.as_secs_f64()
    );
    assert!(out.len() > text.len() / 2);

    let tb = concord::termbase::Termbase {
        concepts: (0..20_000)
            .map(|i| concord::termbase::Concept {
                id: format!("c{i}"),
                ru: vec![format!("Организация номер {i}"), format!("ОН{i}")],
                en: format!("Organisation number {i}"),
                variants: vec![format!("ON{i}")],
                ..Default::default()
            })
            .collect(),
    };
    let t = Instant::now();
    let x = export_termbase(&tb, TermbaseFormat::Tbx).unwrap();
    let export = t.elapsed();
    let t = Instant::now();
    let back = tbx::import(Path::new("gen.tbx"), x.as_bytes(), &opts).unwrap();
    let import = t.elapsed();
    assert_eq!(back.items.len(), 20_000);
    println!(
        "TBX 20000 concepts ({:.1} MB): import {:.2} s, export {:.2} s",
        x.len() as f64 / 1e6,
        import.as_secs_f64(),
        export.as_secs_f64()
    );
}
