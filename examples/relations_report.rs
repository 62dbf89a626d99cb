//! Relations across a folder of articles (by default the 840 PolNeAR
//! training texts in `../shared`): relations per article, the share of each
//! CAMEO root and modality, and a random sample (fixed seed) of relations
//! with their sentences, for judging by reading.
//!
//! ```sh
//! cargo run --release --example relations_report
//! cargo run --release --example relations_report -- --sample 30 --seed 5 DIR
//! cargo run --release --example relations_report -- --per-article DIR
//! ```

use newsgraph::{Analysis, Analyzer, Modality};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

const USAGE: &str = "usage: relations_report [--sample N] [--seed S] [--per-article] [DIR]";

/// CAMEO root names, for the table.
const ROOTS: [&str; 20] = [
    "make public statement",
    "appeal",
    "express intent to cooperate",
    "consult",
    "engage in diplomatic cooperation",
    "engage in material cooperation",
    "provide aid",
    "yield",
    "investigate",
    "demand",
    "disapprove",
    "reject",
    "threaten",
    "protest",
    "exhibit force posture",
    "reduce relations",
    "coerce",
    "assault",
    "fight",
    "use unconventional mass violence",
];

/// SplitMix64: a small, fixed, dependency-free generator for the sample.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

fn main() {
    let mut sample = 30usize;
    let mut seed = 5u64;
    let mut per_article = false;
    let mut dir =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/polnear/train/text");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut number = |name: &str| -> u64 {
            args.next()
                .and_then(|v| v.parse().ok())
                .unwrap_or_else(|| fail(&format!("{name} needs a number")))
        };
        match arg.as_str() {
            "--sample" => sample = number("--sample") as usize,
            "--seed" => seed = number("--seed"),
            "--per-article" => per_article = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                return;
            }
            _ if arg.starts_with('-') => fail(&format!("unknown option {arg}")),
            _ => dir = PathBuf::from(arg),
        }
    }
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| fail(&format!("{}: {e}", dir.display())))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();

    let analyzer = Analyzer::new();
    let mut analyses: Vec<(String, Analysis)> = Vec::new();
    let mut bytes = 0usize;
    let mut total = Duration::ZERO;
    let mut stage = Duration::ZERO;
    for path in &paths {
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let Ok(text) = std::fs::read_to_string(path) else {
            eprintln!("{name}: not readable UTF-8, skipped");
            continue;
        };
        let start = Instant::now();
        let Ok(analysis) = analyzer.analyze(&text) else {
            eprintln!("{name}: no analysis, skipped");
            continue;
        };
        total += start.elapsed();
        // The relation stage alone: the call re-tokenizes the text, so the
        // same call with no actors (which returns right after tokenizing)
        // is subtracted.
        let start = Instant::now();
        let again =
            analyzer.extract_relations(&analysis.article, &analysis.actors, &analysis.statements);
        let with_stage = start.elapsed();
        let start = Instant::now();
        let none = analyzer.extract_relations(&analysis.article, &[], &[]);
        let tokenizing = start.elapsed();
        assert!(none.is_empty());
        stage += with_stage.saturating_sub(tokenizing);
        assert_eq!(
            again, analysis.relations,
            "{name}: relations are deterministic"
        );
        bytes += text.len();
        analyses.push((name, analysis));
    }

    let relations: usize = analyses.iter().map(|(_, a)| a.relations.len()).sum();
    let articles = analyses.len().max(1);
    if per_article {
        println!("article\trelations\tactors\tstatements");
        for (name, a) in &analyses {
            println!(
                "{name}\t{}\t{}\t{}",
                a.relations.len(),
                a.actors.len(),
                a.statements.len()
            );
        }
        println!();
    }
    let with = analyses
        .iter()
        .filter(|(_, a)| !a.relations.is_empty())
        .count();
    println!(
        "{} articles, {relations} relations: {:.2} per article; {with} articles ({:.0}%) have at least one",
        analyses.len(),
        relations as f64 / articles as f64,
        100.0 * with as f64 / articles as f64
    );
    let mut counts: Vec<usize> = analyses.iter().map(|(_, a)| a.relations.len()).collect();
    counts.sort_unstable();
    if let (Some(max), false) = (counts.last(), counts.is_empty()) {
        println!(
            "relations per article: median {}, 90th percentile {}, max {max}",
            counts[counts.len() / 2],
            counts[counts.len() * 9 / 10]
        );
    }
    println!(
        "time: whole pipeline {:.1} MB/s; relations stage {:.1}% of it ({:.1} ms over {:.1} MB)",
        bytes as f64 / 1e6 / total.as_secs_f64().max(1e-9),
        100.0 * stage.as_secs_f64() / total.as_secs_f64().max(1e-9),
        stage.as_secs_f64() * 1e3,
        bytes as f64 / 1e6
    );

    let mut by_root: BTreeMap<String, usize> = BTreeMap::new();
    let mut by_modality: BTreeMap<&str, usize> = BTreeMap::new();
    let mut symmetric = 0;
    let mut linked = 0;
    for (_, a) in &analyses {
        for r in &a.relations {
            *by_root.entry(r.cameo.to_string()).or_default() += 1;
            *by_modality.entry(r.modality.name()).or_default() += 1;
            symmetric += usize::from(r.symmetric);
            linked += usize::from(r.statement.is_some());
        }
    }
    let share = |n: usize| 100.0 * n as f64 / relations.max(1) as f64;
    println!("\nroot\tcount\tshare\tname");
    for (root, n) in &by_root {
        let name = root
            .parse::<usize>()
            .ok()
            .and_then(|r| ROOTS.get(r.wrapping_sub(1)))
            .copied()
            .unwrap_or("?");
        println!("{root}\t{n}\t{:.1}%\t{name}", share(*n));
    }
    println!("\nmodality\tcount\tshare");
    for (m, n) in &by_modality {
        println!("{m}\t{n}\t{:.1}%", share(*n));
    }
    println!(
        "symmetric {symmetric} ({:.1}%), reported by a statement {linked} ({:.1}%)",
        share(symmetric),
        share(linked)
    );

    // The sample: distinct relations drawn uniformly with a fixed seed.
    let all: Vec<(usize, usize)> = analyses
        .iter()
        .enumerate()
        .flat_map(|(i, (_, a))| (0..a.relations.len()).map(move |j| (i, j)))
        .collect();
    let mut rng = SplitMix(seed);
    let mut picked: Vec<usize> = Vec::new();
    while picked.len() < sample.min(all.len()) {
        let k = (rng.next() % all.len() as u64) as usize;
        if !picked.contains(&k) {
            picked.push(k);
        }
    }
    println!("\nsample of {} relations (seed {seed}):", picked.len());
    for (n, &k) in picked.iter().enumerate() {
        let (i, j) = all[k];
        let (name, a) = &analyses[i];
        let r = &a.relations[j];
        let actor = |id: &str| {
            a.actor(id)
                .map(|x| format!("{} [{}]", x.name, x.code.as_deref().unwrap_or("-")))
                .unwrap_or_default()
        };
        let sentence = a
            .article
            .sentences()
            .get(r.sentence)
            .map(|s| a.article.slice(s.span()).replace('\n', " "))
            .unwrap_or_default();
        let modality = match r.modality {
            Modality::Asserted => "",
            Modality::Negated => " NEGATED",
            _ => " HYPOTHETICAL",
        };
        println!(
            "\n{:>2}. {name} {}: {} {} {} {}{}{} ({}; statement {})\n    {sentence}",
            n + 1,
            r.id,
            actor(&r.source),
            if r.symmetric { "<->" } else { "->" },
            actor(&r.target),
            r.cameo,
            modality,
            format_args!(" g={}", r.goldstein),
            r.trigger.text,
            r.statement.as_deref().unwrap_or("-"),
        );
    }
}

fn fail(message: &str) -> ! {
    eprintln!("relations_report: {message}\n{USAGE}");
    std::process::exit(1)
}
