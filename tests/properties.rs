//! Property tests: no input panics, spans stay on char boundaries inside the
//! text, sentences tile the paragraphs, ids resolve.

use newsgraph::{Analysis, Article, Span, analyze};
use proptest::prelude::*;

/// Text built from the pieces that make news hard: quotes of every kind,
/// abbreviations, dates, dashes, line breaks, multi-byte letters.
fn newsy() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Mr. ".to_owned()),
        Just("U.S. ".to_owned()),
        Just("said ".to_owned()),
        Just(", he said. ".to_owned()),
        Just("according to Xinhua, ".to_owned()),
        Just("“".to_owned()),
        Just("”".to_owned()),
        Just("\"".to_owned()),
        Just("’s ".to_owned()),
        Just("‘".to_owned()),
        Just(". ".to_owned()),
        Just("... ".to_owned()),
        Just("\n".to_owned()),
        Just("\n\n".to_owned()),
        Just("\r\n".to_owned()),
        Just(" — ".to_owned()),
        Just("date 2021-05-29 ".to_owned()),
        Just("Date: May 29, 2021\n".to_owned()),
        Just("MOSCOW, May 29 (Reuters) - ".to_owned()),
        Just("Vladimir Putin ".to_owned()),
        Just("China ".to_owned()),
        Just("the Kremlin ".to_owned()),
        Just("Élysée ".to_owned()),
        Just("\u{feff}".to_owned()),
        Just("\u{a0}".to_owned()),
        "[A-Z][a-z]{0,8} ",
        "[a-z]{1,8} ",
        "\\PC{0,6}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

fn check_article(article: &Article) -> Result<(), TestCaseError> {
    let text = article.text();
    let valid = |s: Span| s.is_valid_in(text);
    for p in article.paragraphs() {
        prop_assert!(valid(*p) && !p.is_empty());
    }
    if let Some(h) = article.headline() {
        prop_assert!(valid(h));
    }
    if let Some(d) = article.dateline() {
        prop_assert!(valid(d));
    }
    let mut last_end = 0;
    for s in article.sentences() {
        prop_assert!(valid(s.span()) && !s.span().is_empty());
        prop_assert!(s.start >= last_end, "sentences overlap or are out of order");
        prop_assert!(article.paragraphs()[s.paragraph].contains(s.span()));
        last_end = s.end;
    }
    // Tiling: every non-space character of a paragraph lies in a sentence.
    for (index, p) in article.paragraphs().iter().enumerate() {
        let inside: Vec<Span> = article
            .sentences()
            .iter()
            .filter(|s| s.paragraph == index)
            .map(|s| s.span())
            .collect();
        prop_assert!(!inside.is_empty(), "paragraph {index} has no sentence");
        for (offset, c) in article.slice(*p).char_indices() {
            let at = p.start + offset;
            if !c.is_whitespace() && c != '\u{feff}' {
                prop_assert!(
                    inside.iter().any(|s| s.start <= at && at < s.end),
                    "char {c:?} at {at} is in no sentence"
                );
            }
        }
    }
    Ok(())
}

fn check_analysis(analysis: &Analysis) -> Result<(), TestCaseError> {
    check_article(&analysis.article)?;
    let text = analysis.article.text();
    let valid = |s: Span| s.is_valid_in(text);
    for actor in &analysis.actors {
        prop_assert!(!actor.mentions.is_empty());
        for m in &actor.mentions {
            prop_assert!(valid(m.span()));
            prop_assert_eq!(&m.text, m.span().slice(text));
        }
    }
    let actor_ids: Vec<&str> = analysis.actors.iter().map(|a| a.id.as_str()).collect();
    let statement_ids: Vec<&str> = analysis.statements.iter().map(|s| s.id.as_str()).collect();
    for s in &analysis.statements {
        prop_assert!(valid(s.cue.span()) && valid(s.content.span()));
        prop_assert!(!s.content.span().is_empty());
        if let Some(src) = &s.source {
            prop_assert!(valid(src.span()));
        }
        for id in s.speaker.iter().chain(s.via.iter()) {
            prop_assert!(actor_ids.contains(&id.as_str()), "unknown actor {}", id);
        }
        prop_assert!(s.sentence < analysis.article.sentences().len());
    }
    for r in &analysis.relations {
        prop_assert!(valid(r.trigger.span()));
        prop_assert!(actor_ids.contains(&r.source.as_str()));
        prop_assert!(actor_ids.contains(&r.target.as_str()));
        if let Some(st) = &r.statement {
            prop_assert!(statement_ids.contains(&st.as_str()));
        }
        prop_assert!(r.sentence < analysis.article.sentences().len());
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_unicode_never_panics(text in "\\PC{0,400}") {
        match analyze(&text) {
            Ok(analysis) => check_analysis(&analysis)?,
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }

    #[test]
    fn arbitrary_chars_with_controls(text in any::<String>()) {
        if let Ok(analysis) = analyze(&text) {
            check_analysis(&analysis)?;
        }
    }

    #[test]
    fn newsy_text_holds_invariants(text in newsy()) {
        if let Ok(analysis) = analyze(&text) {
            check_analysis(&analysis)?;
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        if let Ok(article) = Article::from_bytes(&bytes) {
            check_article(&article)?;
        }
    }

    #[test]
    fn json_round_trips(text in newsy()) {
        if let Ok(analysis) = analyze(&text) {
            let json = serde_json::to_string(&analysis).unwrap();
            let back: Analysis = serde_json::from_str(&json).unwrap();
            prop_assert_eq!(back, analysis);
        }
    }
}
