//! Does the analysis stay linear? Times 1 MB and 16 MB of the same kind of
//! text, stage by stage, for ordinary news and for adversarial inputs, and
//! prints how much longer 16 MB takes (linear work gives about 16).
//!
//! ```text
//! cargo run --release --example scaling                  # every kind
//! cargo run --release --example scaling -- quotes caps   # some kinds
//! cargo run --release --example scaling -- --small-mb 1 --large-mb 4 --budget 20
//! cargo run --release --example scaling -- news --whole  # no parts
//! ```
//!
//! The kinds (each a unit of text repeated to the size):
//! - `news`: the embedded sample article's body, under one date header;
//! - `no_punct`: one sentence of ordinary words, names and cues with no
//!   punctuation at all;
//! - `quotes`: opening quotation marks that never close (100,000 and more
//!   per MB);
//! - `name`: a name in the gazetteer ("Vladimir Putin") over and over;
//! - `name_said`: a family name and a reporting verb, sentence after
//!   sentence ("Putin said.");
//! - `caps`: one paragraph of capitalized words only;
//! - `said`: a run of "said" cues with no punctuation;
//! - `he_said`: quotations attributed to a pronoun ("“We will win,” he
//!   said.") after one named speaker;
//! - `according`: "according to Xinhua," again and again;
//! - `appositive`: one person with the same appositive role ("Wang Lei, a
//!   professor at Nanjing University, said the talks went well.");
//! - `new_roles`: that sentence with a new university each time, so that
//!   one person gathers ever more roles;
//! - `new_senators`: a new senator in every sentence, each followed by "the
//!   senator", a description that looks back for a holder of the title.
//!
//! Every measurement runs in a fresh process (this program with `--child`),
//! and each size's time is the best of `--runs` processes (default 5; one
//! when a run takes seconds).
//! By default the child first analyzes the text once untimed, with glibc
//! told to keep freed memory in its heap (`MALLOC_MMAP_THRESHOLD_` and
//! friends), and then times a second analysis: both sizes run on memory
//! already touched, so the ratio shows the algorithms' growth. With
//! `--cold` the child times its first analysis with the default allocator
//! settings, as a one-shot command would run: there, allocations over
//! glibc's mmap threshold (32 MiB at most) are fresh zeroed pages on every
//! use while smaller ones reuse the heap, which makes 16 MB look 10-20%
//! slower per byte than 1 MB with no extra work done. The end-to-end time
//! (`total`) is measured first; the stage times after it are indicative.
//!
//! The analyzer reads a text longer than its window (128 KiB by default,
//! see `AnalyzerBuilder::window_bytes`) in parts, so that its tables stay
//! in the processor's caches; `--window BYTES` sets another window and
//! `--whole` reads every text whole, to compare. The end-to-end time uses
//! the window; the stage times come from the `extract_` functions, which
//! read a text whole whatever its length.
//!
//! Each line also gives the growth of the last step alone (4 MB to 16 MB by
//! default, linear: 4): a text of a few MB still fits the processor's
//! caches, a longer one does not, and the ratio over the whole range holds
//! that one-time step as well as the growth.
//!
//! Sizes grow 4x at a time from 16 KiB; each run is predicted from the
//! growth of the two before it, and a kind stops (and is reported as
//! superlinear, with its exponent) before a run predicted to take more than
//! `--budget` seconds (default 60). A child whose memory goes over
//! `--max-rss-mb` (default 4096; checked through /proc on Linux) is stopped
//! and its kind reported as failed.

use newsgraph::Analyzer;
use std::time::{Duration, Instant};

const SAMPLE: &str = include_str!("../data/sample-article.txt");

/// The kinds of text, each a header and a unit to repeat.
fn kinds() -> Vec<(&'static str, String, String)> {
    let body = SAMPLE.split_once('\n').map_or(SAMPLE, |(_, b)| b);
    let header = "date 2024-03-12 Scaling\n\n".to_owned();
    vec![
        ("news", header.clone(), format!("{body}\n")),
        (
            "no_punct",
            String::new(),
            "the talks went on and China said Russia would act while officials told \
             reporters that Minister Arakawa warned the allies "
                .to_owned(),
        ),
        ("quotes", String::new(), "“Yes ".to_owned()),
        ("name", String::new(), "Vladimir Putin ".to_owned()),
        ("name_said", header.clone(), "Putin said. ".to_owned()),
        (
            "caps",
            String::new(),
            "Alpha Bravo Charlie Delta Echo Foxtrot Golf Hotel India Juliett Kilo Lima \
             Mike November Oscar Papa Quebec Romeo Sierra Tango Uniform Victor "
                .to_owned(),
        ),
        ("said", String::new(), "said ".to_owned()),
        (
            "he_said",
            format!("{header}Foreign Minister Kenji Arakawa spoke on Tuesday.\n\n"),
            "“We will win,” he said. ".to_owned(),
        ),
        (
            "according",
            header.clone(),
            "according to Xinhua, ".to_owned(),
        ),
        (
            "appositive",
            header.clone(),
            "Wang Lei, a professor at Nanjing University, said the talks went well. ".to_owned(),
        ),
        (
            "new_roles",
            header.clone(),
            "Wang Lei, a professor at {} University, said the talks went well. ".to_owned(),
        ),
        (
            "new_senators",
            header,
            "Senator {} {} said the bill failed. The senator agreed. ".to_owned(),
        ),
    ]
}

/// A made-up capitalized word for `n`, different for every `n`: the kinds
/// with `{}` in their unit name new people and places in every repetition.
fn made_up(mut n: usize) -> String {
    const SYLLABLES: [&str; 16] = [
        "ka", "ro", "vi", "len", "dar", "mo", "su", "tel", "ban", "qua", "zor", "pin", "mi", "gu",
        "wal", "fen",
    ];
    let mut word = String::new();
    loop {
        word.push_str(SYLLABLES[n % 16]);
        n /= 16;
        if n == 0 && word.len() > 3 {
            break;
        }
    }
    let mut chars = word.chars();
    chars.next().map_or(String::new(), |c| {
        c.to_ascii_uppercase().to_string() + chars.as_str()
    })
}

/// `unit` repeated after `header` to at least `bytes` bytes, each `{}` in
/// it a new made-up word.
fn build(header: &str, unit: &str, bytes: usize) -> String {
    let mut text = String::with_capacity(bytes + 2 * unit.len() + header.len());
    text.push_str(header);
    let mut n = 0;
    while text.len() < bytes {
        let mut parts = unit.split("{}");
        text.push_str(parts.next().unwrap_or_default());
        for part in parts {
            text.push_str(&made_up(n));
            n += 1;
            text.push_str(part);
        }
    }
    text
}

/// Stage times for one text: parse, actors, statements, relations, end to
/// end.
#[derive(Clone, Copy)]
struct Times([Duration; 5]);

const STAGES: [&str; 5] = ["parse", "actors", "statements", "relations", "total"];

fn time_stages(analyzer: &Analyzer, text: &str) -> Times {
    let t = Instant::now();
    let analysis = analyzer.analyze(text).expect("the text analyzes");
    let total = t.elapsed();
    drop(std::hint::black_box(analysis));
    let t = Instant::now();
    let article = analyzer.parse(text).expect("the text parses");
    let parse = t.elapsed();
    let t = Instant::now();
    let actors = analyzer.extract_actors(&article);
    let actor_time = t.elapsed();
    let t = Instant::now();
    let statements = analyzer.extract_statements(&article, &actors);
    let statement_time = t.elapsed();
    let t = Instant::now();
    let relations = analyzer.extract_relations(&article, &actors, &statements);
    let relation_time = t.elapsed();
    std::hint::black_box(relations);
    Times([parse, actor_time, statement_time, relation_time, total])
}

/// In the child: builds the text of `kind` at `bytes`, times it once (after
/// an untimed run when `warm`) and prints the five times in seconds.
fn child(kind: &str, bytes: usize, warm: bool) {
    let Some((_, header, unit)) = kinds().into_iter().find(|(k, _, _)| *k == kind) else {
        eprintln!("scaling: unknown kind {kind}");
        std::process::exit(2);
    };
    let text = build(&header, &unit, bytes);
    let window = std::env::var("SCALING_WINDOW")
        .ok()
        .and_then(|w| w.parse().ok())
        .unwrap_or(newsgraph::DEFAULT_WINDOW);
    let analyzer = Analyzer::builder()
        .window_bytes(window)
        .build()
        .expect("the default dictionaries build");
    // Build the automata before timing.
    analyzer.analyze(SAMPLE).expect("the sample analyzes");
    if warm {
        drop(std::hint::black_box(analyzer.analyze(&text)));
    }
    let times = time_stages(&analyzer, &text);
    let line: Vec<String> = times.0.iter().map(|d| format!("{:.6}", secs(*d))).collect();
    println!("{}", line.join(" "));
}

/// The fastest of `runs` fresh processes, stage by stage, or why a child
/// failed: it was stopped over `max_rss` bytes of memory (checked on Linux),
/// or it exited with an error.
fn best(
    kind: &str,
    bytes: usize,
    runs: usize,
    cold: bool,
    max_rss: u64,
    window: Option<usize>,
) -> Result<Times, String> {
    let exe = std::env::current_exe().expect("the program knows its path");
    let mut best = Times([Duration::MAX; 5]);
    for _ in 0..runs {
        let mut command = std::process::Command::new(&exe);
        command.args([
            "--child",
            kind,
            &bytes.to_string(),
            if cold { "cold" } else { "warm" },
        ]);
        if let Some(window) = window {
            command.env("SCALING_WINDOW", window.to_string());
        }
        if !cold {
            // glibc: serve every allocation from the heap and keep freed
            // memory there, so that the timed run reuses touched pages.
            for var in [
                "MALLOC_MMAP_THRESHOLD_",
                "MALLOC_TRIM_THRESHOLD_",
                "MALLOC_TOP_PAD_",
            ] {
                command.env(var, "4000000000");
            }
        }
        command
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        let mut child = command.spawn().expect("the child starts");
        let status_file = format!("/proc/{}/status", child.id());
        let mut peak = 0u64;
        loop {
            if child
                .try_wait()
                .expect("the child can be waited for")
                .is_some()
            {
                break;
            }
            // VmRSS in kB, where /proc has it.
            let rss = std::fs::read_to_string(&status_file)
                .ok()
                .and_then(|s| {
                    s.lines()
                        .find(|l| l.starts_with("VmRSS:"))
                        .and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
                })
                .unwrap_or(0)
                * 1024;
            peak = peak.max(rss);
            if rss > max_rss {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "stopped at {} MB of memory (limit {} MB)",
                    rss >> 20,
                    max_rss >> 20
                ));
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let out = child
            .wait_with_output()
            .expect("the child's output is read");
        if !out.status.success() {
            let err = String::from_utf8_lossy(&out.stderr);
            return Err(format!(
                "the child failed ({}, peak {} MB): {}",
                out.status,
                peak >> 20,
                err.lines().next().unwrap_or("")
            ));
        }
        let line = String::from_utf8_lossy(&out.stdout);
        let times: Vec<f64> = line
            .split_whitespace()
            .map(|x| x.parse().expect("the child prints numbers"))
            .collect();
        for (b, x) in best.0.iter_mut().zip(times) {
            *b = (*b).min(Duration::from_secs_f64(x));
        }
    }
    Ok(best)
}

fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}

fn stage_line(t: &Times) -> String {
    STAGES
        .iter()
        .zip(t.0)
        .map(|(s, d)| format!("{s} {:.3}", secs(d)))
        .collect::<Vec<_>>()
        .join(", ")
}

fn main() {
    let mut wanted: Vec<String> = Vec::new();
    let (mut small_mb, mut large_mb, mut budget) = (1usize, 16usize, 60.0f64);
    let mut cold = false;
    let mut max_rss_mb = 4096u64;
    let mut window = None;
    let mut repeats = 5usize;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut number = |name: &str| -> f64 {
            args.next().and_then(|v| v.parse().ok()).unwrap_or_else(|| {
                eprintln!("scaling: {name} needs a number");
                std::process::exit(2)
            })
        };
        match arg.as_str() {
            "--small-mb" => small_mb = number("--small-mb") as usize,
            "--large-mb" => large_mb = number("--large-mb") as usize,
            "--budget" => budget = number("--budget"),
            "--cold" => cold = true,
            "--max-rss-mb" => max_rss_mb = number("--max-rss-mb") as u64,
            "--window" => window = Some(number("--window") as usize),
            "--whole" => window = Some(usize::MAX),
            "--runs" => repeats = (number("--runs") as usize).max(1),
            "--child" => {
                let kind = args.next().unwrap_or_default();
                let bytes = args.next().and_then(|v| v.parse().ok()).unwrap_or(1 << 20);
                child(&kind, bytes, args.next().as_deref() != Some("cold"));
                return;
            }
            "-h" | "--help" => {
                println!(
                    "usage: scaling [KIND...] [--cold] [--small-mb N] [--large-mb N] \
                     [--budget SECONDS] [--max-rss-mb N] [--window BYTES | --whole] [--runs N]"
                );
                return;
            }
            _ => wanted.push(arg),
        }
    }
    let (small, large) = (small_mb << 20, large_mb << 20);
    let factor = large as f64 / small as f64;
    println!(
        "time for {large_mb} MB / time for {small_mb} MB (linear: {factor:.0}), \
         stage by stage; sizes grow 4x from 16 KiB and stop before a run predicted \
         to take over {budget} s; {}",
        if cold {
            "cold: each size's first run, default allocator"
        } else {
            "warm: each size's second run, freed memory kept in the heap"
        }
    );
    let mut worst: f64 = 0.0;
    for (name, _, _) in kinds() {
        if !wanted.is_empty() && !wanted.iter().any(|w| w == name) {
            continue;
        }
        // Grow the size 4x at a time from 16 KiB, predicting each run from
        // the growth of the last two, so that a superlinear kind stops in
        // time instead of running for hours.
        let mut size = (16 << 10).min(small);
        let mut runs: Vec<(usize, Times)> = Vec::new();
        let mut stopped = None;
        let mut failed = None;
        loop {
            if let [.., (s1, t1), (s2, t2)] = runs[..] {
                let growth = secs(t2.0[4]) / secs(t1.0[4]).max(1e-9);
                let exponent = growth.ln() / (s2 as f64 / s1 as f64).ln();
                let predicted = secs(t2.0[4]) * (size as f64 / s2 as f64).powf(exponent.max(1.0));
                if predicted > budget {
                    stopped = Some((exponent, predicted));
                    break;
                }
            }
            // The best of a few processes while runs are short.
            let repeat = match runs.last() {
                Some((_, t)) if secs(t.0[4]) * 4.0 > 2.0 => 1,
                _ => repeats,
            };
            match best(name, size, repeat, cold, max_rss_mb << 20, window) {
                Ok(t) => runs.push((size, t)),
                Err(e) => {
                    failed = Some((size, e));
                    break;
                }
            }
            if size >= large {
                break;
            }
            size = if size < small {
                (size * 4).min(small)
            } else {
                (size * 4).min(large)
            };
        }
        let at = |bytes: usize| runs.iter().find(|(s, _)| *s == bytes).map(|(_, t)| *t);
        match (at(small), at(large), stopped) {
            _ if failed.is_some() => {
                worst = f64::INFINITY;
                let (size, e) = failed.as_ref().expect("checked");
                println!(
                    "{name:10} FAILED at {:.2} MB: {e}",
                    *size as f64 / (1 << 20) as f64
                );
            }
            (Some(a), Some(b), _) => {
                let ratio = secs(b.0[4]) / secs(a.0[4]);
                worst = worst.max(ratio);
                let per_stage = STAGES
                    .iter()
                    .zip(a.0.iter().zip(b.0))
                    .map(|(s, (x, y))| format!("{s} {:.1}x", secs(y) / secs(*x).max(1e-9)))
                    .collect::<Vec<_>>()
                    .join(", ");
                // The last step alone (4x): past the caches' size, growth
                // shows without the one-time step out of them.
                let last_step = at(large / 4)
                    .filter(|_| large / 4 > small)
                    .map(|c| {
                        format!(
                            "; {} MB -> {large_mb} MB {:.1}x",
                            large_mb / 4,
                            secs(b.0[4]) / secs(c.0[4]).max(1e-9)
                        )
                    })
                    .unwrap_or_default();
                println!(
                    "{name:10} {ratio:6.1}x  ({:.3} s -> {:.3} s, {:.1} MB/s at {large_mb} MB; \
                     {per_stage}{last_step})",
                    secs(a.0[4]),
                    secs(b.0[4]),
                    large as f64 / 1e6 / secs(b.0[4]),
                );
            }
            (_, _, Some((exponent, predicted))) => {
                worst = f64::INFINITY;
                println!(
                    "{name:10} SUPERLINEAR: time grows as size^{exponent:.2}; stopped before \
                     {:.2} MB (predicted {predicted:.0} s)",
                    size as f64 / (1 << 20) as f64
                );
            }
            _ => unreachable!("the loop ends at the large size or with a prediction"),
        }
        for (s, t) in &runs {
            println!(
                "{:10}   {:7.3} MB: {}",
                "",
                *s as f64 / (1 << 20) as f64,
                stage_line(t)
            );
        }
    }
    let limit = factor * 17.0 / 16.0;
    println!(
        "worst ratio {worst:.1} (limit {limit:.0}): {}",
        if worst <= limit {
            "linear"
        } else {
            "NOT linear"
        }
    );
}
