//! Relations: every lexicon example, and tables of sentences with the
//! relations they must (and must not) yield.

use newsgraph::{Analysis, Analyzer, Date, Relation};

/// The analyzer the tables run with: examples are written as of mid-2024,
/// so surnames of people in office then resolve ("Biden", "Erdogan").
fn analyzer() -> Analyzer {
    Analyzer::builder()
        .date(Date::new(2024, 6, 1).unwrap())
        .build()
        .unwrap()
}

fn norm(s: &str) -> String {
    s.replace('’', "'")
}

/// Whether actor `id` is the one written `name`: its canonical name or the
/// text of one of its mentions.
fn is(analysis: &Analysis, id: &str, name: &str) -> bool {
    analysis
        .actor(id)
        .is_some_and(|a| norm(&a.name) == name || a.mentions.iter().any(|m| norm(&m.text) == name))
}

/// The relations between `source` and `target` (either way round when the
/// relation is symmetric).
fn between<'a>(analysis: &'a Analysis, source: &str, target: &str) -> Vec<&'a Relation> {
    analysis
        .relations
        .iter()
        .filter(|r| {
            (is(analysis, &r.source, source) && is(analysis, &r.target, target))
                || (r.symmetric
                    && is(analysis, &r.source, target)
                    && is(analysis, &r.target, source))
        })
        .collect()
}

fn show(analysis: &Analysis) -> String {
    let name = |id: &str| {
        analysis
            .actor(id)
            .map(|a| a.name.clone())
            .unwrap_or_default()
    };
    let relations: Vec<String> = analysis
        .relations
        .iter()
        .map(|r| {
            format!(
                "{} -> {} {} {:?}{} {:?}",
                name(&r.source),
                name(&r.target),
                r.cameo,
                r.modality,
                if r.symmetric { " symmetric" } else { "" },
                r.trigger.text
            )
        })
        .collect();
    let actors: Vec<&str> = analysis.actors.iter().map(|a| a.name.as_str()).collect();
    format!("relations {relations:?}, actors {actors:?}")
}

/// The columns of a TSV data file, by header name, for its data lines.
fn rows(text: &str) -> Vec<std::collections::HashMap<String, String>> {
    let mut header: Option<Vec<String>> = None;
    let mut out = Vec::new();
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let fields: Vec<String> = line.split('\t').map(|f| f.trim().to_owned()).collect();
        match &header {
            None => header = Some(fields),
            Some(h) => out.push(h.iter().cloned().zip(fields).collect()),
        }
    }
    out
}

#[test]
fn every_trigger_example_yields_its_relation() {
    let analyzer = analyzer();
    let text = include_str!("../data/triggers.tsv");
    let mut failures = Vec::new();
    let rows = rows(text);
    assert!(rows.len() > 400);
    for row in &rows {
        let example = &row["example"];
        let root = &row["cameo"][..2];
        let a = analyzer.analyze(example).unwrap();
        let found = between(&a, &row["example_source"], &row["example_target"]);
        if !found.iter().any(|r| r.cameo.as_str() == root) {
            failures.push(format!(
                "{example}\n    want {} -> {} {root}; got {}",
                row["example_source"],
                row["example_target"],
                show(&a)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} examples fail:\n{}",
        failures.len(),
        rows.len(),
        failures.join("\n")
    );
}
