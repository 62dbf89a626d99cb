//! Accuracy on the PolNeAR training articles (`../shared/data/polnear`),
//! scored through the brat export as the evaluate example does. The floors
//! sit a little under the measured figures, so that a change that loses
//! accuracy fails here; `cargo run --release --example evaluate` prints the
//! full report.

mod common;

use newsgraph::eval::{Counts, gold_file, read_brat, score};
use newsgraph::{Analyzer, Span, to_brat};

#[test]
fn polnear_statements_and_sources() {
    let Some(texts) = common::polnear_texts(usize::MAX) else {
        return;
    };
    let gold_dir =
        common::shared("data/polnear/train/attributions").expect("gold beside the texts");
    let analyzer = Analyzer::new();
    let mut total = Counts::default();
    let (mut named, mut named_covered) = (0usize, 0usize);
    for path in &texts {
        let text = std::fs::read_to_string(path).unwrap();
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        let Some(gold_path) = gold_file(&gold_dir, &stem).unwrap() else {
            continue;
        };
        let gold = read_brat(&std::fs::read_to_string(gold_path).unwrap(), &text).unwrap();
        let analysis = analyzer.analyze(&text).unwrap();
        let predicted = read_brat(&to_brat(&analysis), &text).unwrap();
        total += score(&predicted, &gold, &text);
        // Gold sources that name someone fall on an actor mention.
        let mentions: Vec<Span> = analysis
            .actors
            .iter()
            .flat_map(|a| a.mentions.iter().map(|m| m.span()))
            .collect();
        for g in gold.iter().filter(|g| !g.source.is_empty()) {
            let words: Vec<&str> = g
                .source
                .iter()
                .flat_map(|s| s.slice(&text).split_whitespace())
                .collect();
            let is_named = words
                .iter()
                .skip(1)
                .chain(words.first().filter(|_| words.len() == 1))
                .any(|w| {
                    w.chars().next().is_some_and(char::is_uppercase)
                        && !matches!(*w, "He" | "She" | "They" | "It" | "We" | "I" | "The" | "A")
                });
            if is_named {
                named += 1;
                named_covered += usize::from(
                    g.source
                        .iter()
                        .any(|s| mentions.iter().any(|m| m.overlaps(*s))),
                );
            }
        }
    }
    let (a, s, c) = (total.attribution(), total.strict(), total.content());
    eprintln!(
        "PolNeAR train: attribution F1 {:.3} (P {:.3} R {:.3}), strict F1 {:.3}, content token F1 {:.3}, named sources on mentions {:.3}",
        a.f1,
        a.p,
        a.r,
        s.f1,
        c.f1,
        named_covered as f64 / named.max(1) as f64
    );
    assert!(total.gold > 19000, "the gold was read: {}", total.gold);
    assert!(a.f1 >= 0.70, "attribution F1 {:.3}", a.f1);
    assert!(s.f1 >= 0.61, "strict F1 {:.3}", s.f1);
    assert!(c.f1 >= 0.80, "content token F1 {:.3}", c.f1);
    assert!(
        named_covered as f64 >= 0.895 * named as f64,
        "named sources on mentions {named_covered} of {named}"
    );
}
