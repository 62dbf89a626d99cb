//! The analyzer: compiled dictionaries and options, built once, shared.

use crate::article::{Article, ParseOptions, parse_article};
use crate::date::Date;
use crate::error::Result;
use crate::model::{Actor, Analysis, Relation, Statement};
use crate::text::{Doc, Tokenized};
use crate::window::{self, Found, Joined, Part};
use crate::{actors, relations, statements};
use once_cell::sync::Lazy;
use std::borrow::Cow;
use std::sync::Arc;

/// Holds the compiled automata (gazetteers, cue and trigger lexicons) and
/// the options of an analysis. Build it once and reuse it: building compiles
/// every dictionary; analyzing only reads it.
///
/// `Analyzer` is cheap to clone (it shares its data) and `Send + Sync`. The
/// free functions ([`analyze`](crate::analyze), [`extract_actors`](crate::extract_actors), ...) use
/// a process-wide default analyzer built on first use.
///
/// # Example
///
/// ```
/// use newsgraph::Analyzer;
///
/// let analyzer = Analyzer::new();
/// let analysis = analyzer.analyze("Russia and China held talks on Tuesday.")?;
/// assert!(analysis.actors.iter().any(|a| a.name == "China"));
/// # Ok::<(), newsgraph::Error>(())
/// ```
#[derive(Clone)]
pub struct Analyzer {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Analyzer")
            .field("options", &self.inner.options)
            .finish_non_exhaustive()
    }
}

/// What an analyzer holds.
pub(crate) struct Inner {
    pub options: ParseOptions,
    /// Texts longer than this are analyzed in parts of about this size.
    pub window: usize,
    pub actors: actors::ActorData,
    pub statements: statements::StatementData,
    pub relations: relations::RelationData,
}

static DEFAULT: Lazy<Analyzer> = Lazy::new(|| {
    AnalyzerBuilder::default()
        .build_inner()
        .expect("the crate's own data files are well-formed")
});

impl Default for Analyzer {
    /// The default analyzer: the shared process-wide one, built on first use.
    fn default() -> Analyzer {
        DEFAULT.clone()
    }
}

impl Analyzer {
    /// The analyzer with the crate's own dictionaries and default options.
    /// It is built once per process and shared; this call clones a handle.
    pub fn new() -> Analyzer {
        Analyzer::default()
    }

    /// A builder for an analyzer with other options or extra dictionary
    /// entries.
    ///
    /// # Example
    ///
    /// ```
    /// use newsgraph::{Analyzer, Date};
    ///
    /// let analyzer = Analyzer::builder()
    ///     .max_bytes(1 << 20)
    ///     .date(Date::new(2021, 5, 29)?)
    ///     .build()?;
    /// let article = analyzer.parse("Talks resumed.")?;
    /// assert_eq!(article.date(), Some(Date::new(2021, 5, 29)?));
    /// # Ok::<(), newsgraph::Error>(())
    /// ```
    pub fn builder() -> AnalyzerBuilder {
        AnalyzerBuilder::default()
    }

    /// The parse options of this analyzer.
    pub fn options(&self) -> &ParseOptions {
        &self.inner.options
    }

    /// Counts the matches of the crate's gazetteer automaton over `text`
    /// (states, organizations, outlets, people, places), with no further
    /// work: the speed of light that the throughput example compares the
    /// whole analysis with.
    ///
    /// # Example
    ///
    /// ```
    /// let analyzer = newsgraph::Analyzer::new();
    /// assert_eq!(analyzer.scan_gazetteer("Moscow and Beijing"), 2);
    /// ```
    pub fn scan_gazetteer(&self, text: &str) -> usize {
        self.inner.actors.get().gaz.matcher.count(text)
    }

    /// Parses `text` into an [`Article`] with this analyzer's options.
    ///
    /// # Errors
    ///
    /// As [`Article::parse`].
    pub fn parse(&self, text: &str) -> Result<Article> {
        Article::parse_with(text, &self.inner.options)
    }

    /// Runs the whole pipeline on `text`: parse, actors, statements,
    /// relations.
    ///
    /// # Errors
    ///
    /// As [`Article::parse`]: empty text, a bad header date, text over the
    /// size limit. Extraction itself never fails.
    pub fn analyze(&self, text: &str) -> Result<Analysis> {
        // The analysis keeps a copy of the text. A text longer than the
        // window is copied before it is parsed, so that parsing reads the
        // copy while much of it is still in cache, instead of reading the
        // text from main memory twice (to parse it, then to copy it).
        let source = if text.len() > self.inner.window && text.len() <= self.inner.options.limit() {
            Cow::Owned(text.to_owned())
        } else {
            Cow::Borrowed(text)
        };
        let (article, parsed) = parse_article(source, &self.inner.options)?;
        Ok(self.run(article, Some(parsed)))
    }

    /// Runs the whole pipeline on a text it takes over: the analysis's
    /// article keeps `text` itself instead of a copy, which spares the size
    /// of the text in peak memory when the caller has no further use for it
    /// (a file read for analysis).
    ///
    /// # Errors
    ///
    /// As [`analyze`](Analyzer::analyze).
    ///
    /// # Example
    ///
    /// ```
    /// let text = String::from("Moscow and Beijing signed a pact.");
    /// let analysis = newsgraph::Analyzer::new().analyze_owned(text)?;
    /// assert_eq!(analysis.article.text(), "Moscow and Beijing signed a pact.");
    /// # Ok::<(), newsgraph::Error>(())
    /// ```
    pub fn analyze_owned(&self, text: String) -> Result<Analysis> {
        let (article, parsed) = parse_article(Cow::Owned(text), &self.inner.options)?;
        Ok(self.run(article, Some(parsed)))
    }

    /// Runs the whole pipeline on UTF-8 bytes.
    ///
    /// # Errors
    ///
    /// As [`Article::from_bytes`].
    pub fn analyze_bytes(&self, bytes: &[u8]) -> Result<Analysis> {
        let text = crate::article::utf8(bytes, &self.inner.options)?;
        self.analyze(text)
    }

    /// Runs the extraction stages on an already parsed article (in parts
    /// when it is longer than the window, as [`analyze`](Analyzer::analyze)
    /// does).
    pub fn analyze_article(&self, article: &Article) -> Analysis {
        self.run(article.clone(), None)
    }

    fn run(&self, article: Article, parsed: Option<Tokenized>) -> Analysis {
        let whole = |article: Article, parsed: Option<Tokenized>| {
            let Found {
                actors,
                statements,
                relations,
            } = self.find(&article, parsed);
            Analysis {
                article,
                actors,
                statements,
                relations,
            }
        };
        if article.text().len() <= self.inner.window {
            return whole(article, parsed);
        }
        // The parts take their tokens from the whole text's, which know
        // what comes before a part.
        let parsed = parsed.unwrap_or_else(|| Tokenized::new(&article));
        let parts = window::parts(&article, &parsed.tokens, self.inner.window);
        if parts.len() == 1 {
            return whole(article, Some(parsed));
        }
        let find_part = |part: &Part| {
            let tokens = Some(window::part_tokens(&parsed, part));
            self.find(
                &article.part(part.bytes.clone(), part.sentences.clone()),
                tokens,
            )
        };
        let mut joined = Joined::new();
        // With `parallel`, the parts are analyzed a few per thread at a
        // time and joined in order, so that no more than those few parts'
        // results wait to be joined.
        #[cfg(feature = "parallel")]
        for parts in parts.chunks(2 * rayon::current_num_threads()) {
            use rayon::prelude::*;
            let found: Vec<Found> = parts.par_iter().map(find_part).collect();
            for (part, found) in parts.iter().zip(found) {
                joined.add(part, found, article.text().len());
            }
        }
        #[cfg(not(feature = "parallel"))]
        for part in &parts {
            joined.add(part, find_part(part), article.text().len());
        }
        drop(parsed);
        joined.finish(article)
    }

    /// Everything found in one article (or one part of a long text).
    fn find(&self, article: &Article, parsed: Option<Tokenized>) -> Found {
        let (actors, found, relations) = {
            let doc = Doc::new(article, parsed);
            let mut actors = actors::extract(&doc, &self.inner);
            let found = statements::find(&doc, &self.inner, &mut actors);
            let reported = statements::reported(&found);
            let relations =
                relations::extract(&doc, &self.inner, &actors, reported, statements::id);
            (actors, found, relations)
        };
        // The statements' texts are built once the document's tables are
        // gone: on a long text both together would add up.
        let statements = statements::build(article.text(), found, &actors);
        Found {
            actors,
            statements,
            relations,
        }
    }

    /// The actors of `article`: every person, state, organization, outlet
    /// and group, merged across mentions.
    ///
    /// This and the other `extract_` stages read the article whole, however
    /// long: for a text longer than the window
    /// ([`AnalyzerBuilder::window_bytes`]) their results can differ from
    /// [`analyze`](Analyzer::analyze)'s, which reads it in parts.
    pub fn extract_actors(&self, article: &Article) -> Vec<Actor> {
        let doc = Doc::new(article, None);
        actors::extract(&doc, &self.inner)
    }

    /// The statements of `article`, with speakers among `actors` (as
    /// [`extract_actors`](Analyzer::extract_actors) returned them).
    pub fn extract_statements(&self, article: &Article, actors: &[Actor]) -> Vec<Statement> {
        let doc = Doc::new(article, None);
        statements::extract(&doc, &self.inner, actors)
    }

    /// The relations of `article` between `actors`, linked to `statements`.
    pub fn extract_relations(
        &self,
        article: &Article,
        actors: &[Actor],
        statements: &[Statement],
    ) -> Vec<Relation> {
        let doc = Doc::new(article, None);
        let reported = relations::Reported::of_statements(actors, statements);
        relations::extract(&doc, &self.inner, actors, reported, |s| {
            statements[s].id.clone()
        })
    }

    /// Analyzes many texts, in input order. With the `parallel` feature the
    /// texts are spread over all cores; the results are the same either way.
    ///
    /// # Example
    ///
    /// ```
    /// let analyzer = newsgraph::Analyzer::new();
    /// let results = analyzer.analyze_batch(&["China spoke.", "", "Russia replied."]);
    /// assert!(results[0].is_ok() && results[1].is_err() && results[2].is_ok());
    /// ```
    pub fn analyze_batch<S: AsRef<str> + Sync>(&self, texts: &[S]) -> Vec<Result<Analysis>> {
        #[cfg(feature = "parallel")]
        {
            use rayon::prelude::*;
            texts.par_iter().map(|t| self.analyze(t.as_ref())).collect()
        }
        #[cfg(not(feature = "parallel"))]
        {
            texts.iter().map(|t| self.analyze(t.as_ref())).collect()
        }
    }

    /// Analyzes many texts that it takes over, in input order, as
    /// [`analyze_batch`](Analyzer::analyze_batch) does; each analysis keeps
    /// its text instead of a copy (see [`analyze_owned`](Analyzer::analyze_owned)).
    ///
    /// # Example
    ///
    /// ```
    /// let texts = vec!["China spoke.".to_string(), String::new()];
    /// let results = newsgraph::Analyzer::new().analyze_batch_owned(texts);
    /// assert!(results[0].is_ok() && results[1].is_err());
    /// ```
    pub fn analyze_batch_owned(&self, texts: Vec<String>) -> Vec<Result<Analysis>> {
        #[cfg(feature = "parallel")]
        {
            use rayon::prelude::*;
            texts
                .into_par_iter()
                .map(|t| self.analyze_owned(t))
                .collect()
        }
        #[cfg(not(feature = "parallel"))]
        {
            texts.into_iter().map(|t| self.analyze_owned(t)).collect()
        }
    }
}

/// Builds an [`Analyzer`] with other options or extra dictionary entries.
///
/// # Example
///
/// ```
/// let analyzer = newsgraph::Analyzer::builder().max_bytes(4096).build()?;
/// assert!(analyzer.analyze(&"word ".repeat(1000)).is_err());
/// # Ok::<(), newsgraph::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct AnalyzerBuilder {
    options: ParseOptions,
    window: usize,
    pub(crate) extra: actors::ExtraEntries,
}

impl Default for AnalyzerBuilder {
    fn default() -> AnalyzerBuilder {
        AnalyzerBuilder {
            options: ParseOptions::default(),
            window: DEFAULT_WINDOW,
            extra: Default::default(),
        }
    }
}

/// The default window of an analysis, in bytes (see
/// [`AnalyzerBuilder::window_bytes`]): four times the longest article
/// of PolNeAR's 840, a size whose working tables still fit in a
/// processor's caches.
pub const DEFAULT_WINDOW: usize = 128 * 1024;

impl AnalyzerBuilder {
    /// Texts longer than `max_bytes` are refused with
    /// [`ErrorKind::TooLarge`](crate::ErrorKind::TooLarge). Default 64 MiB.
    pub fn max_bytes(mut self, max_bytes: usize) -> AnalyzerBuilder {
        self.options = self.options.max_bytes(max_bytes);
        self
    }

    /// A text longer than `window` bytes is analyzed in parts of about that
    /// size, cut at paragraph starts (sentence starts in a very long
    /// paragraph, tokens in a run of text with no sentence break), and
    /// their results joined: offsets and sentence numbers
    /// are those of the whole text, actors of the same name and kind are
    /// one actor. A pronoun or description at the top of a part does not
    /// look back into the part before, and a short name is not joined to
    /// a full name in another part. Default [`DEFAULT_WINDOW`]; news
    /// articles are far shorter, so only feeds or books saved as one text
    /// are cut. Parts keep a long text's time and memory growing with its
    /// length, where one pass after another over tables of millions of
    /// tokens would go to main memory each time; with the `parallel`
    /// feature they are analyzed on all cores. `usize::MAX` reads any text
    /// whole.
    ///
    /// # Example
    ///
    /// ```
    /// let text = "Russia warned Ukraine.\n\nChina praised Russia.";
    /// let whole = newsgraph::Analyzer::new().analyze(text)?;
    /// let parts = newsgraph::Analyzer::builder().window_bytes(10).build()?.analyze(text)?;
    /// // Two parts, one paragraph each, and Russia is one actor in both.
    /// assert_eq!(parts.actors.len(), 3);
    /// assert_eq!(parts.relations.len(), whole.relations.len());
    /// # Ok::<(), newsgraph::Error>(())
    /// ```
    pub fn window_bytes(mut self, window: usize) -> AnalyzerBuilder {
        self.window = window.max(1);
        self
    }

    /// The date of articles whose text has none.
    pub fn date(mut self, date: Date) -> AnalyzerBuilder {
        self.options = self.options.date(date);
        self
    }

    /// Adds the entries of a dictionary in TSV form, with the header and
    /// columns of the crate's own file of that kind (see [`Dictionary`]).
    /// They are checked and compiled by [`build`](AnalyzerBuilder::build).
    ///
    /// [`Dictionary`]: crate::Dictionary
    pub fn dictionary(
        mut self,
        dictionary: crate::Dictionary,
        tsv: impl Into<String>,
    ) -> AnalyzerBuilder {
        self.extra.tsv.push((dictionary, tsv.into()));
        self
    }

    /// Adds the entries of a dictionary file (TSV, as
    /// [`dictionary`](AnalyzerBuilder::dictionary)).
    ///
    /// # Errors
    ///
    /// The file cannot be read.
    pub fn dictionary_file(
        self,
        dictionary: crate::Dictionary,
        path: impl AsRef<std::path::Path>,
    ) -> std::io::Result<AnalyzerBuilder> {
        let text = std::fs::read_to_string(path)?;
        Ok(self.dictionary(dictionary, text))
    }

    /// Compiles the dictionaries.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidData`](crate::ErrorKind::InvalidData) when a
    /// user-supplied entry or TSV file is malformed.
    pub fn build(self) -> Result<Analyzer> {
        if self.extra.is_empty() {
            // Share the default dictionaries; only the options differ.
            let base = &DEFAULT.inner;
            return Ok(Analyzer {
                inner: Arc::new(Inner {
                    options: self.options,
                    window: self.window,
                    actors: base.actors.clone(),
                    statements: base.statements.clone(),
                    relations: base.relations.clone(),
                }),
            });
        }
        self.build_inner()
    }

    fn build_inner(self) -> Result<Analyzer> {
        Ok(Analyzer {
            inner: Arc::new(Inner {
                actors: actors::ActorData::load(&self.extra)?,
                statements: statements::StatementData::load()?,
                relations: relations::RelationData::load()?,
                options: self.options,
                window: self.window,
            }),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn analyzer_is_send_sync_clone_default() {
        fn assert_traits<T: Send + Sync + Clone + Default>() {}
        assert_traits::<Analyzer>();
    }
}
