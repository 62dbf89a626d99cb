//! Reports on the actors found in a folder of articles (default: the PolNeAR
//! articles in `../shared`): actors per article, by kind, the most frequent
//! names, and a fixed random sample of actors with the sentence of their
//! first mention, for judging by reading.
//!
//! ```text
//! cargo run --release --example actors_report -- [DIR] [--sample N] [--seed S]
//! ```

use newsgraph::{ActorKind, Analyzer};
use std::collections::BTreeMap;
use std::path::PathBuf;

fn main() {
    let mut dir =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/polnear/train/text");
    let mut sample = 40usize;
    let mut seed = 7u64;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--sample" => {
                sample = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .expect("--sample N")
            }
            "--seed" => seed = args.next().and_then(|v| v.parse().ok()).expect("--seed S"),
            _ => dir = PathBuf::from(a),
        }
    }
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let analyzer = Analyzer::new();
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    let mut names: BTreeMap<String, usize> = BTreeMap::new();
    let mut all = Vec::new();
    let mut total = 0usize;
    for path in &paths {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let Ok(analysis) = analyzer.analyze(&text) else {
            continue;
        };
        total += analysis.actors.len();
        for a in &analysis.actors {
            *kinds.entry(format!("{:?}", a.kind)).or_default() += 1;
            *names
                .entry(format!("{} ({:?})", a.name, a.kind))
                .or_default() += 1;
            let m = &a.mentions[0];
            let sentence = analysis
                .article
                .sentences()
                .iter()
                .find(|s| s.start <= m.start && m.end <= s.end)
                .map(|s| analysis.article.slice(s.span()).replace('\n', " "))
                .unwrap_or_default();
            all.push((
                path.file_stem().unwrap().to_string_lossy().into_owned(),
                a.name.clone(),
                a.kind,
                a.code.clone().unwrap_or_default(),
                a.roles.first().cloned().unwrap_or_default(),
                a.mentions.len(),
                sentence,
            ));
        }
    }
    println!(
        "{} articles, {total} actors, {:.1} per article",
        paths.len(),
        total as f64 / paths.len().max(1) as f64
    );
    for (k, n) in &kinds {
        println!(
            "  {k:<14} {n:>6}  {:.1} per article",
            *n as f64 / paths.len().max(1) as f64
        );
    }
    let mut top: Vec<_> = names.into_iter().collect();
    top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    println!("\nmost frequent:");
    for (name, n) in top.iter().take(30) {
        println!("  {n:>5}  {name}");
    }
    // A fixed pseudo-random sample (xorshift), so the same run judges the
    // same actors.
    let mut state = seed.max(1);
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    println!(
        "\nsample of {sample} actors (article | name | kind | code | role | mentions | first sentence):"
    );
    let persons_and_orgs: Vec<_> = all.iter().filter(|a| a.2 != ActorKind::Country).collect();
    for _ in 0..sample.min(persons_and_orgs.len()) {
        let a = persons_and_orgs[(next() % persons_and_orgs.len() as u64) as usize];
        let s: String = a.6.chars().take(160).collect();
        println!(
            "{} | {} | {:?} | {} | {} | {} | {}",
            a.0, a.1, a.2, a.3, a.4, a.5, s
        );
    }
}
