//! # newsgraph
//!
//! Reads the raw text of a news article and returns who is involved, who
//! said what, and who did what to whom: structured facts for analysts of
//! international politics, newsrooms, event-data researchers and OSINT teams.
//!
//! Everything is a pure, deterministic function over `&str`, with no model
//! to download: dictionaries and lexicons ship inside the crate and are
//! compiled once into Aho-Corasick automata.
//!
//! ## The model
//!
//! - [`Article`]: the text, its date, headline, paragraphs and sentences,
//!   every piece a [`Span`] (byte offsets) into one owned text.
//! - [`Actor`]: a person, state, organization, outlet or group, merged
//!   across its [`Mention`]s, with kind, country, roles and a CAMEO-style
//!   code.
//! - [`Statement`]: an attribution: speaker, cue, content, direct or
//!   indirect, and the channel it came through.
//! - [`Relation`]: who did what to whom, with a [`CameoCode`], a
//!   [`QuadClass`], a Goldstein value and a [`Modality`].
//! - [`Analysis`]: all of the above for one article.
//!
//! ## Example
//!
//! ```
//! let text = "date 2021-05-29 Talks resumed in Geneva on Tuesday.\n\n\
//!             Both delegations met for three hours, officials said.";
//! let analysis = newsgraph::analyze(text)?;
//! assert_eq!(analysis.article.date().unwrap().to_string(), "2021-05-29");
//! assert_eq!(analysis.article.sentences().len(), 2);
//! let json = serde_json::to_string(&analysis).unwrap();
//! assert!(json.contains(r#""date":"2021-05-29""#));
//! # Ok::<(), newsgraph::Error>(())
//! ```
//!
//! ## Errors
//!
//! Bad input gives a typed [`Error`], never a panic: empty text, a header
//! date that does not exist, text over the size limit, invalid UTF-8 through
//! [`Article::from_bytes`]. Its message names the line and byte offset.
//!
//! ## Features
//!
//! - `parallel`: [`Analyzer::analyze_batch`] spreads articles over all cores
//!   with rayon.
//!
//! ## Performance
//!
//! The dictionaries are compiled once per process (or once per
//! [`Analyzer`] built with entries of your own) and shared by clones. An
//! analysis reads the text in a handful of linear passes over its tokens: on
//! one core it handles 30 to 38 MB of news text a second, and its work and
//! memory grow linearly with the input, whatever it holds (the `throughput`
//! and `scaling` examples measure both; past a few MB, time per byte steps
//! up once as the document's tables outgrow the caches). A text read for
//! analysis alone can be handed over with [`Analyzer::analyze_owned`], so
//! that the analysis keeps it instead of a copy.

#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod actors;
mod analyzer;
mod article;
mod date;
mod error;
pub mod eval;
mod export;
mod gazetteer;
mod model;
mod relations;
mod span;
mod statements;
#[cfg(test)]
mod testing;
mod text;
mod tsv;
mod window;

pub use analyzer::{Analyzer, AnalyzerBuilder, DEFAULT_WINDOW};
pub use article::{Article, DEFAULT_MAX_BYTES, ParseOptions, Sentence};
pub use date::Date;
pub use error::{Error, ErrorKind, Result};
pub use export::{EVENT_TABLE_HEADER, to_brat, to_event_table};
pub use gazetteer::Dictionary;
pub use model::{
    Actor, ActorKind, Analysis, CameoCode, CountryCode, Mention, MentionForm, Modality, QuadClass,
    Relation, Statement, StatementKind,
};
pub use span::{Excerpt, Span};

/// Analyzes `text` with the default [`Analyzer`]: parses the article and
/// extracts its actors, statements and relations.
///
/// # Errors
///
/// As [`Article::parse`]: empty text, a bad header date, text over the size
/// limit.
///
/// # Example
///
/// ```
/// let analysis = newsgraph::analyze("The talks ended on Friday.")?;
/// assert_eq!(analysis.article.sentences().len(), 1);
/// assert!(newsgraph::analyze("   ").is_err());
/// # Ok::<(), newsgraph::Error>(())
/// ```
pub fn analyze(text: &str) -> Result<Analysis> {
    Analyzer::default().analyze(text)
}

/// The actors of `article`, with the default [`Analyzer`].
///
/// # Example
///
/// ```
/// let article = newsgraph::Article::parse("The talks ended on Friday.")?;
/// let actors = newsgraph::extract_actors(&article);
/// assert!(actors.iter().all(|a| !a.mentions.is_empty()));
/// # Ok::<(), newsgraph::Error>(())
/// ```
pub fn extract_actors(article: &Article) -> Vec<Actor> {
    Analyzer::default().extract_actors(article)
}

/// The statements of `article` whose speakers are among `actors`, with the
/// default [`Analyzer`].
///
/// # Example
///
/// ```
/// let article = newsgraph::Article::parse("The talks ended on Friday.")?;
/// let actors = newsgraph::extract_actors(&article);
/// let statements = newsgraph::extract_statements(&article, &actors);
/// assert!(statements.iter().all(|s| !s.content.text.is_empty()));
/// # Ok::<(), newsgraph::Error>(())
/// ```
pub fn extract_statements(article: &Article, actors: &[Actor]) -> Vec<Statement> {
    Analyzer::default().extract_statements(article, actors)
}

/// The relations of `article` between `actors`, linked to `statements`, with
/// the default [`Analyzer`].
///
/// # Example
///
/// ```
/// let article = newsgraph::Article::parse("The talks ended on Friday.")?;
/// let actors = newsgraph::extract_actors(&article);
/// let statements = newsgraph::extract_statements(&article, &actors);
/// let relations = newsgraph::extract_relations(&article, &actors, &statements);
/// assert!(relations.iter().all(|r| r.source != r.target || r.symmetric));
/// # Ok::<(), newsgraph::Error>(())
/// ```
pub fn extract_relations(
    article: &Article,
    actors: &[Actor],
    statements: &[Statement],
) -> Vec<Relation> {
    Analyzer::default().extract_relations(article, actors, statements)
}

/// The README's examples, compiled and run as doc-tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
