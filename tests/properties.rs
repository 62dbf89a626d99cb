//! Property tests: no input panics, spans stay on char boundaries inside the
//! text, sentences tile the paragraphs, ids resolve. The inputs are
//! arbitrary strings, text built from the pieces of news, and mutations of
//! real articles (the embedded sample, and the seed and PolNeAR articles when
//! `../shared` is present).

mod common;

use newsgraph::{Analysis, Analyzer, Article, ErrorKind, Excerpt, Span, analyze};
use proptest::prelude::*;
use std::collections::HashSet;
use std::sync::OnceLock;

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
            // Whitespace as the tokenizer has it: Unicode's, the byte-order
            // mark and the zero-width characters.
            let space = c.is_whitespace()
                || matches!(
                    c,
                    '\u{feff}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}'
                );
            if !space {
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
    let excerpt = |e: &Excerpt| -> Result<(), TestCaseError> {
        prop_assert!(
            valid(e.span()),
            "excerpt {}..{} is not a span of the text",
            e.start,
            e.end
        );
        prop_assert_eq!(e.text.as_str(), e.span().slice(text));
        Ok(())
    };
    let unique = |ids: Vec<&str>| ids.iter().collect::<HashSet<_>>().len() == ids.len();
    prop_assert!(unique(
        analysis.actors.iter().map(|a| a.id.as_str()).collect()
    ));
    prop_assert!(unique(
        analysis.statements.iter().map(|s| s.id.as_str()).collect()
    ));
    prop_assert!(unique(
        analysis.relations.iter().map(|r| r.id.as_str()).collect()
    ));
    for s in &analysis.statements {
        excerpt(&s.cue)?;
        excerpt(&s.content)?;
        for e in s.source.iter().chain(&s.continuation) {
            excerpt(e)?;
        }
    }
    for r in &analysis.relations {
        excerpt(&r.trigger)?;
    }
    for actor in &analysis.actors {
        prop_assert!(!actor.mentions.is_empty());
        for m in &actor.mentions {
            prop_assert!(valid(m.span()));
            prop_assert_eq!(&m.text, m.span().slice(text));
        }
    }
    // Mentions, actors (by first mention), statements (by cue) and
    // relations (by trigger) in text order, as the model promises; a long
    // text read in parts must keep it.
    let ordered = |starts: Vec<usize>| starts.windows(2).all(|w| w[0] <= w[1]);
    for actor in &analysis.actors {
        prop_assert!(ordered(actor.mentions.iter().map(|m| m.start).collect()));
    }
    prop_assert!(ordered(
        analysis
            .actors
            .iter()
            .map(|a| a.mentions[0].start)
            .collect()
    ));
    prop_assert!(ordered(
        analysis.statements.iter().map(|s| s.cue.start).collect()
    ));
    prop_assert!(ordered(
        analysis.relations.iter().map(|r| r.trigger.start).collect()
    ));
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

/// An analyzer whose window is a few sentences long: it reads nearly
/// every text in parts and joins their results.
fn windowed() -> &'static Analyzer {
    static WINDOWED: OnceLock<Analyzer> = OnceLock::new();
    WINDOWED.get_or_init(|| Analyzer::builder().window_bytes(150).build().unwrap())
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
        if let Ok(analysis) = windowed().analyze(&text) {
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

/// An error `analyze` may return for text: typed, with a message.
fn check_error(e: &newsgraph::Error) -> Result<(), TestCaseError> {
    prop_assert!(
        matches!(
            e.kind(),
            ErrorKind::Empty | ErrorKind::InvalidDate | ErrorKind::TooLarge
        ),
        "unexpected error kind {:?}: {e}",
        e.kind()
    );
    prop_assert!(!e.to_string().is_empty());
    Ok(())
}

/// The real articles mutations start from: the embedded sample always, the
/// seed and some PolNeAR articles when `../shared` is present.
fn bases() -> &'static [String] {
    static BASES: OnceLock<Vec<String>> = OnceLock::new();
    BASES.get_or_init(|| {
        let mut out = vec![include_str!("../data/sample-article.txt").to_owned()];
        out.extend(common::seed());
        for path in common::polnear_texts(48).unwrap_or_default() {
            out.push(std::fs::read_to_string(path).expect("PolNeAR texts are UTF-8"));
        }
        out
    })
}

/// One edit of a text. Positions and lengths are fractions of the text,
/// moved back to char boundaries when applied.
#[derive(Debug, Clone)]
enum Mutation {
    Delete { at: u16, len: u16 },
    Duplicate { at: u16, len: u16 },
    Move { from: u16, len: u16, to: u16 },
    Insert { at: u16, piece: String },
    Capitalize { at: u16, len: u16 },
    Lowercase { at: u16, len: u16 },
}

/// What insertions bring: quotation marks, line breaks, capitals, header
/// and dateline lines, cues, punctuation, other scripts and controls.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "“", "”", "\"", "'", "‘", "’", "''", "«", "»", "„", " \"", "\" ", "“ ", " ”",
        ])
        .prop_map(str::to_owned),
        prop::sample::select(vec!["\n", "\n\n", "\r\n", "\n \n", "\u{2028}", "\r"])
            .prop_map(str::to_owned),
        "[A-Z][a-z]{0,8} ",
        "[A-Z]{2,6} ",
        " [A-Z][a-z]{1,6} [A-Z][a-z]{1,8}",
        prop::sample::select(vec![
            "date 2021-05-29 ",
            "Date: 2021-02-30\n",
            "Date: May 29, 2021\n",
            "date: soon\n",
            "Published: 29 May 2021\n",
            "2016-11-08\n",
            "MOSCOW, May 29 (Reuters) - ",
            "WASHINGTON (AP) — ",
            "\u{feff}",
        ])
        .prop_map(str::to_owned),
        prop::sample::select(vec![
            " said ",
            "said",
            " says that ",
            ", he said. ",
            " according to ",
            "According to Xinhua, ",
            " told reporters: ",
            ", saying ",
            " and said ",
            " who said ",
            " his Russian counterpart ",
            " the US president ",
            " the Biden administration ",
        ])
        .prop_map(str::to_owned),
        prop::sample::select(vec![
            ". ", "...", "?!", " — ", ",", ";", ":", "(", ")", "Mr.", "U.S.", "’s", " J. ",
        ])
        .prop_map(str::to_owned),
        "\\PC{1,8}",
        "[\\x00-\\x1f\\u{80}-\\u{9f}\\u{200b}-\\u{200f}\\u{fe00}-\\u{fe0f}]{1,3}",
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let f = any::<u16>;
    prop_oneof![
        (f(), 0u16..2000).prop_map(|(at, len)| Mutation::Delete { at, len }),
        (f(), 0u16..2000).prop_map(|(at, len)| Mutation::Duplicate { at, len }),
        (f(), 0u16..2000, f()).prop_map(|(from, len, to)| Mutation::Move { from, len, to }),
        (f(), piece()).prop_map(|(at, piece)| Mutation::Insert { at, piece }),
        (f(), piece()).prop_map(|(at, piece)| Mutation::Insert { at, piece }),
        (f(), 0u16..200).prop_map(|(at, len)| Mutation::Capitalize { at, len }),
        (f(), 0u16..200).prop_map(|(at, len)| Mutation::Lowercase { at, len }),
    ]
}

/// The char boundary at or before the fraction `at / 65536` of `text`.
fn boundary(text: &str, at: u16) -> usize {
    let mut i = text.len() * usize::from(at) / 65536;
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The char boundary at or before `start + len` (in bytes), inside `text`.
fn end_of(text: &str, start: usize, len: u16) -> usize {
    let mut i = (start + usize::from(len)).min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn apply(text: &mut String, m: &Mutation) {
    match m {
        Mutation::Delete { at, len } => {
            let a = boundary(text, *at);
            let b = end_of(text, a, *len);
            text.replace_range(a..b, "");
        }
        Mutation::Duplicate { at, len } => {
            let a = boundary(text, *at);
            let b = end_of(text, a, *len);
            let copy = text[a..b].to_owned();
            text.insert_str(b, &copy);
        }
        Mutation::Move { from, len, to } => {
            let a = boundary(text, *from);
            let b = end_of(text, a, *len);
            let cut: String = text.drain(a..b).collect();
            let to = boundary(text, *to);
            text.insert_str(to, &cut);
        }
        Mutation::Insert { at, piece } => {
            let a = boundary(text, *at);
            text.insert_str(a, piece);
        }
        Mutation::Capitalize { at, len } => {
            let a = boundary(text, *at);
            let b = end_of(text, a, *len);
            let upper = text[a..b].to_uppercase();
            text.replace_range(a..b, &upper);
        }
        Mutation::Lowercase { at, len } => {
            let a = boundary(text, *at);
            let b = end_of(text, a, *len);
            let lower = text[a..b].to_lowercase();
            text.replace_range(a..b, &lower);
        }
    }
}

proptest! {
    // Each case analyzes a whole article (about 5 KB) in a debug build:
    // keep the count modest for CI.
    #![proptest_config(ProptestConfig::with_cases(160))]

    #[test]
    fn mutated_articles_hold_invariants(
        base in any::<prop::sample::Index>(),
        mutations in prop::collection::vec(mutation(), 1..12),
    ) {
        let bases = bases();
        let mut text = bases[base.index(bases.len())].clone();
        for m in &mutations {
            apply(&mut text, m);
        }
        match analyze(&text) {
            Ok(analysis) => check_analysis(&analysis)?,
            Err(e) => check_error(&e)?,
        }
        if let Ok(analysis) = windowed().analyze(&text) {
            check_analysis(&analysis)?;
        }
    }
}

/// A run of text with no break longer than a token can be (64 KiB) is cut
/// into several tokens; the analysis holds its invariants around it.
#[test]
fn a_run_with_no_break_longer_than_a_token() {
    for unit in ["x", "é", "“"] {
        let run = unit.repeat(70_000);
        let text = format!("Vladimir Putin said {run} to Xi Jinping. “We agree,” Xi said.");
        let analysis = newsgraph::analyze(&text).expect("the text analyzes");
        check_analysis(&analysis).expect("invariants hold");
        assert!(
            analysis.actors.iter().any(|a| a.name == "Xi Jinping"),
            "{unit}"
        );
    }
}
