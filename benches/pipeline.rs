//! Criterion benches per stage and end to end, in bytes per second, on the
//! embedded sample article repeated to 1 MB (one long article) and on the
//! PolNeAR articles when `../shared` is present (each article analyzed on
//! its own, as the command does).
//!
//! ```text
//! cargo bench --bench pipeline                 # full runs
//! cargo bench --bench pipeline -- --quick      # a quick look
//! cargo bench --bench pipeline -- polnear      # one group
//! ```
//!
//! Each group also times the bare scan of the gazetteer automaton
//! (`Analyzer::scan_gazetteer`) over the same text: the speed of light that
//! the end-to-end figure compares with (see `examples/throughput.rs`).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use newsgraph::{Actor, Analyzer, Article, Statement};
use std::hint::black_box;

const SAMPLE: &str = include_str!("../data/sample-article.txt");

/// The sample's body repeated to at least `bytes` bytes, under one header.
fn repeated(bytes: usize) -> String {
    let body = SAMPLE.split_once('\n').map_or(SAMPLE, |(_, b)| b);
    let mut text = String::from("date 2024-03-12 Repeated sample\n\n");
    while text.len() < bytes {
        text.push_str(body);
        text.push('\n');
    }
    text
}

/// The PolNeAR training articles, when `../shared` is present.
fn polnear() -> Option<Vec<String>> {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/polnear/train/text");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).ok())
        .collect()
}

/// Benches every stage over `texts`, each text analyzed on its own.
fn stages(c: &mut Criterion, name: &str, texts: &[String]) {
    let analyzer = Analyzer::new();
    let articles: Vec<Article> = texts
        .iter()
        .map(|t| analyzer.parse(t).expect("the bench texts parse"))
        .collect();
    let actors: Vec<Vec<Actor>> = articles
        .iter()
        .map(|a| analyzer.extract_actors(a))
        .collect();
    let statements: Vec<Vec<Statement>> = articles
        .iter()
        .zip(&actors)
        .map(|(a, x)| analyzer.extract_statements(a, x))
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut group = c.benchmark_group(name);
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function("parse_and_split", |b| {
        b.iter(|| {
            for t in texts {
                black_box(analyzer.parse(black_box(t)).unwrap());
            }
        })
    });
    group.bench_function("actors", |b| {
        b.iter(|| {
            for a in &articles {
                black_box(analyzer.extract_actors(black_box(a)));
            }
        })
    });
    group.bench_function("statements", |b| {
        b.iter(|| {
            for (a, x) in articles.iter().zip(&actors) {
                black_box(analyzer.extract_statements(black_box(a), black_box(x)));
            }
        })
    });
    group.bench_function("relations", |b| {
        b.iter(|| {
            for ((a, x), s) in articles.iter().zip(&actors).zip(&statements) {
                black_box(analyzer.extract_relations(black_box(a), x, s));
            }
        })
    });
    group.bench_function("end_to_end", |b| {
        b.iter(|| {
            for t in texts {
                black_box(analyzer.analyze(black_box(t)).unwrap());
            }
        })
    });
    group.bench_function("gazetteer_scan", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| analyzer.scan_gazetteer(black_box(t)))
                .sum::<usize>()
        })
    });
    group.finish();
}

fn benches(c: &mut Criterion) {
    stages(c, "sample_1mb", &[repeated(1 << 20)]);
    match polnear() {
        Some(texts) => stages(c, "polnear", &texts),
        None => eprintln!("skipping the PolNeAR benches: ../shared not found"),
    }
}

criterion_group!(pipeline, benches);
criterion_main!(pipeline);
