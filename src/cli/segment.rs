//! `concord segment`: split text into sentences.

use std::io::Write as _;
use std::path::PathBuf;

use anyhow::Context as _;
use concord::segment::{Lang, Segmenter};

use crate::cli::{Cli, Outcome, Output};

/// Split text into sentences, one paragraph a line.
#[derive(Debug, clap::Args)]
pub(crate) struct SegmentArgs {
    /// Language of the text.
    #[arg(long, value_enum, default_value_t = LangArg::Ru)]
    lang: LangArg,
    /// Output format: text (one sentence a line, a blank line after each paragraph),
    /// tsv or json (paragraph, sentence, byte start, byte end, sentence).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Files to segment (one paragraph a line); stdin when none or `-`.
    files: Vec<PathBuf>,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub(crate) enum LangArg {
    Ru,
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::Ru => Lang::Ru,
            LangArg::En => Lang::En,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Text,
    Tsv,
    Json,
}

/// One sentence in the JSON output (field names are a fixed interface).
#[derive(serde::Serialize)]
struct JsonSentence<'a> {
    file: &'a str,
    paragraph: usize,
    sentence: usize,
    start: usize,
    end: usize,
    text: &'a str,
}

/// Builds the segmenter for a language with the project's extra abbreviations.
pub(crate) fn segmenter(cli: &Cli, lang: Lang) -> anyhow::Result<Segmenter> {
    let project = cli.project()?;
    let extra = match lang {
        Lang::Ru => project.config.segment.abbreviations_ru,
        Lang::En => project.config.segment.abbreviations_en,
    };
    Ok(Segmenter::new(lang).with_abbreviations(extra))
}

pub(crate) fn run(cli: &Cli, args: &SegmentArgs) -> anyhow::Result<Outcome> {
    let seg = segmenter(cli, args.lang.into())?;
    let files = if args.files.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.files.clone()
    };
    // Read every input first, so a bad file stops the run before any output.
    let docs = files
        .iter()
        .map(|f| {
            crate::cli::read_text(f).with_context(|| format!("cannot segment {}", f.display()))
        })
        .collect::<anyhow::Result<Vec<String>>>()?;
    let mut out = Output::new(None);
    if args.format == Format::Tsv {
        writeln!(out, "paragraph\tsentence\tstart\tend\ttext")?;
    }
    if args.format == Format::Json {
        write!(out, "[")?;
    }
    let mut first = true;
    for (file, doc) in files.iter().zip(&docs) {
        let name = file.display().to_string();
        for para in seg.document(doc) {
            for (n, r) in para.sentences.iter().enumerate() {
                let text = &doc[r.clone()];
                match args.format {
                    Format::Text => writeln!(out, "{text}")?,
                    Format::Tsv => writeln!(
                        out,
                        "{}\t{}\t{}\t{}\t{}",
                        para.index,
                        n,
                        r.start,
                        r.end,
                        concord::tsv::escape(text)
                    )?,
                    Format::Json => {
                        write!(out, "{}\n  ", if first { "" } else { "," })?;
                        first = false;
                        serde_json::to_writer(
                            &mut out,
                            &JsonSentence {
                                file: &name,
                                paragraph: para.index,
                                sentence: n,
                                start: r.start,
                                end: r.end,
                                text,
                            },
                        )?;
                    }
                }
            }
            if args.format == Format::Text {
                writeln!(out)?;
            }
        }
    }
    if args.format == Format::Json {
        writeln!(out, "{}]", if first { "" } else { "\n" })?;
    }
    out.finish()?;
    Ok(Outcome::Clean)
}
