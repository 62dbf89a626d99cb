//! Criterion benches per stage and end to end, in bytes per second, on the
//! embedded sample article repeated to 1 MB (and on PolNeAR articles when
//! `../shared` is present).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use newsgraph::{Analyzer, Article};
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

/// The PolNeAR articles joined, when `../shared` is present.
fn polnear() -> Option<String> {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/polnear/train/text");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    paths.sort();
    let mut text = String::new();
    for p in paths.iter().take(200) {
        text.push_str(&std::fs::read_to_string(p).ok()?);
        text.push_str("\n\n");
    }
    Some(text)
}

fn stages(c: &mut Criterion, name: &str, text: &str) {
    let analyzer = Analyzer::new();
    let article = Article::parse(text).unwrap();
    let actors = analyzer.extract_actors(&article);
    let statements = analyzer.extract_statements(&article, &actors);
    let mut group = c.benchmark_group(name);
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(10);
    group.bench_function("parse_and_split", |b| {
        b.iter(|| Article::parse(black_box(text)).unwrap())
    });
    group.bench_function("actors", |b| {
        b.iter(|| analyzer.extract_actors(black_box(&article)))
    });
    group.bench_function("statements", |b| {
        b.iter(|| analyzer.extract_statements(black_box(&article), black_box(&actors)))
    });
    group.bench_function("relations", |b| {
        b.iter(|| analyzer.extract_relations(black_box(&article), &actors, &statements))
    });
    group.bench_function("end_to_end", |b| {
        b.iter(|| analyzer.analyze(black_box(text)).unwrap())
    });
    group.finish();
}

fn benches(c: &mut Criterion) {
    stages(c, "sample_1mb", &repeated(1 << 20));
    if let Some(text) = polnear() {
        stages(c, "polnear_200", &text);
    } else {
        eprintln!("skipping PolNeAR benches: ../shared not found");
    }
}

criterion_group!(pipeline, benches);
criterion_main!(pipeline);
