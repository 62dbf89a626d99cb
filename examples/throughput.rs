//! Throughput of the whole analysis against a bare scan of the gazetteer.
//!
//! ```text
//! cargo run --release --example throughput                      # ../shared PolNeAR articles
//! cargo run --release --example throughput -- DIR                # every .txt under DIR
//! cargo run --release --example throughput --features parallel -- --batch
//! cargo run --release --example throughput --features parallel -- --threads 2
//! ```
//!
//! Reads every `.txt` file under the folder (default: the PolNeAR training
//! articles in `../shared`), then on one thread measures, on the same texts:
//! - the whole analysis (`Analyzer::analyze`, article by article), in MB/s
//!   and articles/s;
//! - a bare Aho-Corasick scan with the crate's own gazetteer automaton
//!   (`Analyzer::scan_gazetteer`): the speed of light of a dictionary-based
//!   analysis;
//! - their ratio.
//!
//! With `--batch` (or `--threads N`, which also sets the size of rayon's
//! pool) it then times `Analyzer::analyze_batch` over all texts at once and
//! reports the speedup over one thread. Without the `parallel` feature
//! `analyze_batch` runs on one thread and the speedup is about 1.
//!
//! Each figure is the best of several passes over the texts (at least
//! `--min-passes`, default 3, and at least `--seconds`, default 2, of work).

use newsgraph::Analyzer;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const USAGE: &str = "\
usage: throughput [DIR] [--batch] [--threads N] [--min-passes N] [--seconds S] [--profile]

DIR defaults to ../shared/data/polnear/train/text (beside the repository).
--profile only runs the end-to-end passes, for a profiler.";

struct Options {
    dir: PathBuf,
    batch: bool,
    threads: Option<usize>,
    min_passes: usize,
    seconds: f64,
    profile: bool,
}

fn parse_args() -> Result<Options, String> {
    let mut options = Options {
        dir: Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/polnear/train/text"),
        batch: false,
        threads: None,
        min_passes: 3,
        seconds: 2.0,
        profile: false,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut number = |name: &str| -> Result<f64, String> {
            let v = args.next().ok_or(format!("{name} needs a value"))?;
            v.parse().map_err(|_| format!("{name} {v}: not a number"))
        };
        match arg.as_str() {
            "-h" | "--help" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            "--batch" => options.batch = true,
            "--profile" => options.profile = true,
            "--threads" => {
                options.threads = Some(number("--threads")? as usize);
                options.batch = true;
            }
            "--min-passes" => options.min_passes = number("--min-passes")?.max(1.0) as usize,
            "--seconds" => options.seconds = number("--seconds")?,
            s if s.starts_with('-') => return Err(format!("unknown option {s}\n\n{USAGE}")),
            _ => options.dir = PathBuf::from(arg),
        }
    }
    Ok(options)
}

/// Every `.txt` file under `dir`, sorted, recursively.
fn text_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            text_files(&path, out)?;
        } else if path.extension().is_some_and(|x| x == "txt") {
            out.push(path);
        }
    }
    Ok(())
}

/// Runs `pass` until both `min_passes` passes and `seconds` have gone by;
/// returns the fastest pass and the number of passes.
fn best_of(min_passes: usize, seconds: f64, mut pass: impl FnMut()) -> (Duration, usize) {
    let started = Instant::now();
    let mut best = Duration::MAX;
    let mut passes = 0;
    while passes < min_passes || started.elapsed().as_secs_f64() < seconds {
        let t = Instant::now();
        pass();
        best = best.min(t.elapsed());
        passes += 1;
    }
    (best, passes)
}

fn mb_per_s(bytes: usize, time: Duration) -> f64 {
    bytes as f64 / 1e6 / time.as_secs_f64()
}

fn main() {
    let options = match parse_args() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("throughput: {e}");
            std::process::exit(2);
        }
    };
    if let Some(n) = options.threads {
        // SAFETY: no other thread has been started yet, so nothing reads the
        // environment concurrently; rayon reads it when its pool starts.
        unsafe { std::env::set_var("RAYON_NUM_THREADS", n.to_string()) };
    }
    let mut paths = Vec::new();
    if let Err(e) = text_files(&options.dir, &mut paths) {
        eprintln!("throughput: {}: {e}", options.dir.display());
        std::process::exit(2);
    }
    paths.sort();
    let texts: Vec<String> = paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    if texts.is_empty() {
        eprintln!(
            "throughput: no readable .txt file under {}",
            options.dir.display()
        );
        std::process::exit(2);
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    println!(
        "{} articles, {:.2} MB, from {}",
        texts.len(),
        bytes as f64 / 1e6,
        options.dir.display()
    );

    // Building the automata happens once per process; keep it out of the
    // measurements, and check every text analyzes.
    let started = Instant::now();
    let analyzer = Analyzer::new();
    let failed = texts
        .iter()
        .filter(|t| analyzer.analyze(t).is_err())
        .count();
    println!(
        "first pass (builds the automata): {:.0} ms, {failed} texts refused",
        started.elapsed().as_secs_f64() * 1e3
    );

    let (e2e, passes) = best_of(options.min_passes, options.seconds, || {
        for t in &texts {
            std::hint::black_box(analyzer.analyze(std::hint::black_box(t)).ok());
        }
    });
    if options.profile {
        println!(
            "end to end, 1 thread: {:.2} MB/s (best of {passes} passes)",
            mb_per_s(bytes, e2e)
        );
        return;
    }
    let mut matches = 0;
    let (scan, scan_passes) = best_of(options.min_passes, options.seconds, || {
        matches = texts
            .iter()
            .map(|t| analyzer.scan_gazetteer(std::hint::black_box(t)))
            .sum::<usize>();
        std::hint::black_box(matches);
    });
    let (e2e_mbs, scan_mbs) = (mb_per_s(bytes, e2e), mb_per_s(bytes, scan));
    println!(
        "end to end, 1 thread:  {e2e_mbs:8.2} MB/s  {:9.1} articles/s  (best of {passes} passes)",
        texts.len() as f64 / e2e.as_secs_f64()
    );
    println!(
        "bare gazetteer scan:   {scan_mbs:8.2} MB/s  ({matches} matches, best of {scan_passes} passes)"
    );
    println!(
        "ratio end to end / scan: {:.3} (1/{:.1})",
        e2e_mbs / scan_mbs,
        scan_mbs / e2e_mbs
    );

    if options.batch {
        let threads = if cfg!(feature = "parallel") {
            std::env::var("RAYON_NUM_THREADS")
                .ok()
                .and_then(|v| v.parse().ok())
                .filter(|&n: &usize| n > 0)
                .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        } else {
            1
        };
        let (batch, batch_passes) = best_of(options.min_passes, options.seconds, || {
            std::hint::black_box(analyzer.analyze_batch(std::hint::black_box(&texts)));
        });
        println!(
            "analyze_batch, {threads} thread{}: {:8.2} MB/s  {:9.1} articles/s  (best of {batch_passes} passes)",
            if threads == 1 { "" } else { "s" },
            mb_per_s(bytes, batch),
            texts.len() as f64 / batch.as_secs_f64()
        );
        println!(
            "speedup over 1 thread: {:.2}x{}",
            e2e.as_secs_f64() / batch.as_secs_f64(),
            if cfg!(feature = "parallel") {
                ""
            } else {
                " (built without the `parallel` feature: analyze_batch is sequential)"
            }
        );
    }
}
