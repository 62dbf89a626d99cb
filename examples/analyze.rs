//! The newsgraph command: analyze news articles and print JSON.
//!
//! ```text
//! cargo run --release --example analyze                   # the embedded sample article
//! cargo run --release --example analyze -- article.txt    # one file, pretty JSON
//! cargo run --release --example analyze -- --jsonl a.txt b.txt
//! cat article.txt | cargo run --release --example analyze -- -
//! cargo run --release --example analyze -- --date 2021-05-29 --brat out/ article.txt
//! cargo run --release --example analyze -- --events events.tsv article.txt
//! ```
//!
//! Exit code 0 on success; on bad input a one-line error on stderr naming the
//! file, exit code 1, and the other files are still processed.

use newsgraph::{Analysis, Analyzer, Date};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// A fictional wire story written for this crate (its officials are
/// invented), with a date header, a dateline, quotes with and without
/// quotation marks, several states, people and outlets.
const SAMPLE: &str = include_str!("../data/sample-article.txt");

const USAGE: &str = "\
usage: analyze [OPTIONS] [FILE...]

Analyzes news articles and prints JSON: actors, statements, relations.
With no FILE, analyzes an embedded sample article. FILE may be - for stdin.

options:
  --jsonl          one compact JSON analysis per line, each with a \"file\" field
  --date DATE      the article date (YYYY-MM-DD) when the text has no header
  --brat DIR       also write DIR/NAME.ann (brat standoff) for each NAME.txt
  --events FILE    also write the relations of all inputs as an event table (TSV)
  --max-bytes N    refuse texts larger than N bytes (default 64 MiB)
  -h, --help       print this help";

struct Options {
    jsonl: bool,
    date: Option<Date>,
    brat: Option<PathBuf>,
    events: Option<PathBuf>,
    max_bytes: Option<usize>,
    inputs: Vec<String>,
}

fn parse_args() -> Result<Options, String> {
    let mut options = Options {
        jsonl: false,
        date: None,
        brat: None,
        events: None,
        max_bytes: None,
        inputs: Vec::new(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "-h" | "--help" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            "--jsonl" => options.jsonl = true,
            "--date" => {
                let v = value("--date")?;
                options.date = Some(v.parse().map_err(|e| format!("--date {v}: {e}"))?);
            }
            "--brat" => options.brat = Some(PathBuf::from(value("--brat")?)),
            "--events" => options.events = Some(PathBuf::from(value("--events")?)),
            "--max-bytes" => {
                let v = value("--max-bytes")?;
                options.max_bytes = Some(
                    v.parse()
                        .map_err(|_| format!("--max-bytes {v}: not a number"))?,
                );
            }
            s if s.starts_with("--") => return Err(format!("unknown option {s}\n\n{USAGE}")),
            _ => options.inputs.push(arg),
        }
    }
    Ok(options)
}

/// The name an input's outputs are written under: `NAME` for `NAME.txt`.
fn stem(input: &str) -> String {
    match input {
        "-" => "stdin".to_owned(),
        "" => "sample".to_owned(),
        path => Path::new(path)
            .file_stem()
            .map_or_else(|| "input".to_owned(), |s| s.to_string_lossy().into_owned()),
    }
}

fn read_input(input: &str) -> Result<Vec<u8>, String> {
    if input == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| format!("stdin: {e}"))?;
        Ok(buf)
    } else {
        std::fs::read(input).map_err(|e| format!("{input}: {e}"))
    }
}

fn main() -> ExitCode {
    let options = match parse_args() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("analyze: {e}");
            return ExitCode::from(2);
        }
    };
    let mut builder = Analyzer::builder();
    if let Some(date) = options.date {
        builder = builder.date(date);
    }
    if let Some(max) = options.max_bytes {
        builder = builder.max_bytes(max);
    }
    let analyzer = match builder.build() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("analyze: {e}");
            return ExitCode::from(2);
        }
    };
    if let Some(dir) = &options.brat
        && let Err(e) = std::fs::create_dir_all(dir)
    {
        eprintln!("analyze: {}: {e}", dir.display());
        return ExitCode::from(2);
    }

    let inputs: Vec<String> = if options.inputs.is_empty() {
        vec![String::new()]
    } else {
        options.inputs.clone()
    };
    let single = inputs.len() == 1 && !options.jsonl;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = false;
    let mut events = Vec::new();

    // Inputs go through the analyzer in batches: all cores with the
    // `parallel` feature, and bounded memory for long file lists.
    for chunk in inputs.chunks(64) {
        let mut texts = Vec::with_capacity(chunk.len());
        let mut names = Vec::with_capacity(chunk.len());
        for input in chunk {
            let bytes = if input.is_empty() {
                Ok(SAMPLE.as_bytes().to_vec())
            } else {
                read_input(input)
            };
            match bytes.and_then(|b| {
                String::from_utf8(b).map_err(|e| {
                    let err = newsgraph::Article::from_bytes(e.as_bytes()).unwrap_err();
                    format!("{}: {err}", display_name(input))
                })
            }) {
                Ok(text) => {
                    texts.push(text);
                    names.push(input.as_str());
                }
                Err(e) => {
                    eprintln!("analyze: {e}");
                    failed = true;
                }
            }
        }
        // Each analysis takes its text over: a large file is held once.
        let results = analyzer.analyze_batch_owned(texts);
        for (input, result) in names.into_iter().zip(results) {
            let analysis = match result {
                Ok(a) => a,
                Err(e) => {
                    eprintln!("analyze: {}: {e}", display_name(input));
                    failed = true;
                    continue;
                }
            };
            if let Err(e) = emit(&mut out, input, &analysis, single, options.jsonl) {
                eprintln!("analyze: writing output: {e}");
                return ExitCode::from(1);
            }
            if let Some(dir) = &options.brat {
                let path = dir.join(format!("{}.ann", stem(input)));
                if let Err(e) = std::fs::write(&path, newsgraph::to_brat(&analysis)) {
                    eprintln!("analyze: {}: {e}", path.display());
                    failed = true;
                }
            }
            if options.events.is_some() {
                events.push(analysis);
            }
        }
    }
    if let Some(path) = &options.events {
        let table = newsgraph::to_event_table(&events);
        if let Err(e) = std::fs::write(path, table) {
            eprintln!("analyze: {}: {e}", path.display());
            failed = true;
        }
    }
    if let Err(e) = out.flush() {
        eprintln!("analyze: writing output: {e}");
        return ExitCode::from(1);
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn display_name(input: &str) -> &str {
    match input {
        "" => "sample",
        "-" => "stdin",
        s => s,
    }
}

fn emit(
    out: &mut impl Write,
    input: &str,
    analysis: &Analysis,
    single: bool,
    jsonl: bool,
) -> std::io::Result<()> {
    if single {
        serde_json::to_writer_pretty(&mut *out, analysis)?;
        return writeln!(out);
    }
    let named = Named {
        file: display_name(input),
        analysis,
    };
    if jsonl {
        serde_json::to_writer(&mut *out, &named)?;
    } else {
        serde_json::to_writer_pretty(&mut *out, &named)?;
    }
    writeln!(out)
}

/// An analysis with the name of its input, as `--jsonl` and several files
/// print it: `file` first, then the fields of the analysis in their order.
/// Serialized as it is written, with no `serde_json::Value` in between: a
/// Value of an analysis with a million mentions takes gigabytes.
#[derive(serde::Serialize)]
struct Named<'a> {
    file: &'a str,
    #[serde(flatten)]
    analysis: &'a Analysis,
}
