//! Whole-article snapshots (insta) of the sample and the seed article.
//!
//! A snapshot is a readable digest of an [`Analysis`]: one line per actor,
//! statement and relation. A change to any stage that moves what an article
//! yields shows up here as a diff to review (`cargo insta review`, or
//! `INSTA_UPDATE=always cargo test --test snapshots` and read the diff).
//!
//! The seed's digest gives statement sources and contents as byte spans, not
//! text, so its sentences stay in `../shared` and out of the repository.

mod common;

use std::fmt::Write;

use newsgraph::{Analysis, Span};

const SAMPLE: &str = include_str!("../data/sample-article.txt");

/// How a digest shows the content of a statement.
#[derive(Clone, Copy)]
enum Content {
    Text,
    Span,
}

fn digest(analysis: &Analysis, content: Content) -> String {
    let article = &analysis.article;
    let mut out = String::new();
    let date = article.date().map(|d| d.to_string());
    writeln!(
        out,
        "date {}  paragraphs {}  sentences {}",
        date.as_deref().unwrap_or("-"),
        article.paragraphs().len(),
        article.sentences().len()
    )
    .unwrap();
    out.push_str("\nactors\n");
    for actor in &analysis.actors {
        let country = actor.country.map(|c| c.to_string());
        writeln!(
            out,
            "  {} {:?} {:?} country={} code={} mentions={} roles={:?}",
            actor.id,
            actor.kind,
            actor.name,
            country.as_deref().unwrap_or("-"),
            actor.code.as_deref().unwrap_or("-"),
            actor.mentions.len(),
            actor.roles,
        )
        .unwrap();
    }
    out.push_str("\nstatements\n");
    for s in &analysis.statements {
        let (source, content) = match content {
            Content::Text => (
                format!("{:?}", s.source.as_ref().map_or("-", |x| x.text.as_str())),
                format!("{:?}", s.content.text),
            ),
            Content::Span => (
                s.source
                    .as_ref()
                    .map_or("-".to_owned(), |x| format!("{}..{}", x.start, x.end)),
                format!("{}..{}", s.content.start, s.content.end),
            ),
        };
        writeln!(
            out,
            "  {} s{} {:?} speaker={} source={} cue={:?} via={} content={}",
            s.id,
            s.sentence,
            s.kind,
            s.speaker.as_deref().unwrap_or("-"),
            source,
            s.cue.text,
            s.via.as_deref().unwrap_or("-"),
            content,
        )
        .unwrap();
    }
    out.push_str("\nrelations\n");
    for r in &analysis.relations {
        writeln!(
            out,
            "  {} s{} {} {} {} cameo={} {:?} goldstein={:+.1} {:?} trigger={:?} statement={}",
            r.id,
            r.sentence,
            r.source,
            if r.symmetric { "<->" } else { "->" },
            r.target,
            r.cameo,
            r.quad,
            r.goldstein,
            r.modality,
            r.trigger.text,
            r.statement.as_deref().unwrap_or("-"),
        )
        .unwrap();
    }
    out
}

/// Every span in the analysis lies on char boundaries inside the text; a
/// snapshot is only worth reading if that holds.
fn assert_spans_valid(analysis: &Analysis) {
    let text = analysis.article.text();
    let spans = analysis
        .actors
        .iter()
        .flat_map(|a| a.mentions.iter().map(|m| Span::from(m.start..m.end)))
        .chain(analysis.statements.iter().flat_map(|s| {
            [Some(&s.cue), Some(&s.content), s.source.as_ref()]
                .into_iter()
                .flatten()
                .chain(&s.continuation)
                .map(|x| Span::from(x.start..x.end))
        }))
        .chain(
            analysis
                .relations
                .iter()
                .map(|r| Span::from(r.trigger.start..r.trigger.end)),
        );
    for span in spans {
        assert!(span.is_valid_in(text), "{span:?} is not a span of the text");
    }
}

#[test]
fn sample_article() {
    let analysis = newsgraph::analyze(SAMPLE).unwrap();
    assert_spans_valid(&analysis);
    insta::assert_snapshot!("sample", digest(&analysis, Content::Text));
}

#[test]
fn seed_article() {
    let Some(text) = common::seed() else { return };
    let analysis = newsgraph::analyze(&text).unwrap();
    assert_spans_valid(&analysis);
    insta::assert_snapshot!("seed", digest(&analysis, Content::Span));
}
