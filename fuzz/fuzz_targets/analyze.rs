//! Fuzzes the whole analysis: any bytes must give an analysis whose spans
//! lie on char boundaries inside the text and whose ids resolve, or a typed
//! error; never a panic. Each input is also analyzed in parts of a few
//! hundred bytes (a window far below the default), which must hold the
//! same and keep the article as read whole.
//!
//! ```text
//! cargo +nightly fuzz run analyze -- -max_len=8192 -max_total_time=600
//! ```

#![no_main]

use libfuzzer_sys::fuzz_target;
use newsgraph::{Analysis, Analyzer, ErrorKind, Span};
use std::sync::OnceLock;

fuzz_target!(|data: &[u8]| {
    let analyzer = Analyzer::new();
    static WINDOWED: OnceLock<Analyzer> = OnceLock::new();
    let windowed =
        WINDOWED.get_or_init(|| Analyzer::builder().window_bytes(200).build().unwrap());
    match analyzer.analyze_bytes(data) {
        Ok(analysis) => {
            check(&analysis);
            let parts = windowed.analyze_bytes(data).unwrap();
            check(&parts);
            assert_eq!(parts.article, analysis.article);
        }
        Err(e) => {
            assert!(matches!(
                e.kind(),
                ErrorKind::Empty
                    | ErrorKind::InvalidDate
                    | ErrorKind::TooLarge
                    | ErrorKind::InvalidUtf8
            ));
            assert!(!e.to_string().is_empty());
        }
    }
});

fn check(analysis: &Analysis) {
    let text = analysis.article.text();
    let valid = |s: Span| s.is_valid_in(text);
    let article = &analysis.article;
    for p in article.paragraphs() {
        assert!(valid(*p) && !p.is_empty());
    }
    for s in article.headline().iter().chain(article.dateline().iter()) {
        assert!(valid(*s));
    }
    let mut last_end = 0;
    for s in article.sentences() {
        assert!(valid(s.span()) && !s.span().is_empty() && s.start >= last_end);
        assert!(article.paragraphs()[s.paragraph].contains(s.span()));
        last_end = s.end;
    }
    let actors: Vec<&str> = analysis.actors.iter().map(|a| a.id.as_str()).collect();
    for a in &analysis.actors {
        assert!(!a.mentions.is_empty());
        for m in &a.mentions {
            assert!(valid(m.span()) && m.text == m.span().slice(text));
        }
    }
    let statements: Vec<&str> = analysis.statements.iter().map(|s| s.id.as_str()).collect();
    for s in &analysis.statements {
        for e in [&s.cue, &s.content]
            .into_iter()
            .chain(s.source.iter())
            .chain(s.continuation.iter())
        {
            assert!(valid(e.span()) && e.text == e.span().slice(text));
        }
        for id in s.speaker.iter().chain(s.via.iter()) {
            assert!(actors.contains(&id.as_str()));
        }
        assert!(s.sentence < article.sentences().len());
    }
    for r in &analysis.relations {
        assert!(valid(r.trigger.span()));
        assert!(actors.contains(&r.source.as_str()) && actors.contains(&r.target.as_str()));
        if let Some(id) = &r.statement {
            assert!(statements.contains(&id.as_str()));
        }
    }
    let json = serde_json::to_string(analysis).unwrap();
    let back: Analysis = serde_json::from_str(&json).unwrap();
    assert_eq!(&back, analysis);
}
