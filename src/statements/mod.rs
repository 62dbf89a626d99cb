//! Statements: cues, quotes, speakers and pronoun resolution.
//!
//! Cues come from the lexicon in `data/cues.tsv`, matched by one automaton
//! over the lowercased text. Quotation marks pair into quote regions in one
//! pass (a quotation running over several paragraphs reopens on each).
//! Each cue outside a quotation is then read in one of the shapes of news
//! attribution:
//!
//! - `X said (that) C`, `X said: C`, `X told reporters C`;
//! - `C, X said.`, `“Q,” X said.`, `C, said X, a professor at Y.`;
//! - `According to X, C` and `C, according to X`;
//! - a quotation interrupted by its attribution (`“Q1,” he said, “Q2.”`)
//!   and one that goes on after it (`“Q1,” he said. “Q2.”`), which become
//!   further content fragments;
//! - unquoted first-person speech followed by `, he said.`, read back to the
//!   start of its paragraph;
//! - `X said Y pledged C`, where X is an outlet: Y's statement with X as its
//!   channel (`via`), as is `according to X` beside another cue.
//!
//! Sources resolve to actors through the actors' mentions; a pronoun source
//! of a quotation prefers the previous speaker.

mod contents;
mod shapes;
mod sources;
mod speakers;

use crate::analyzer::Inner;
use crate::gazetteer::matcher::PhraseMatcher;
use crate::model::{Actor, ActorKind, Mention, MentionForm, Statement, StatementKind};
use crate::span::{Excerpt, Span};
use crate::text::hash::{WordMap, WordSet};
use crate::text::tokens::KeySet;
use crate::text::words::{Case, WORDS, WordTable};
use crate::text::{BlockIndex, Doc, TokenKind, flag};
use crate::tsv::Table;
use std::sync::Arc;

/// What a cue is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CueClass {
    Speech,
    Writing,
    Stance,
    Intention,
    Evidence,
    /// A source phrase: "according to", "in a statement".
    Source,
}

#[derive(Debug, Clone)]
struct CueEntry {
    lemma: String,
    class: CueClass,
    /// How often a form of the lemma is a cue in running news text.
    rate: f32,
    /// A noun cue ("accusation"), a preposition ("according to").
    noun: bool,
    /// The content is the object phrase ("endorsed Trump on Monday"), not
    /// a clause running to the end of the sentence.
    object: bool,
    /// "X seemed to ...": the subject belongs to the content and there is
    /// no source.
    raising: bool,
    /// "spoke of the terror": a statement only of or about something (or
    /// after its content); "spoke to reporters" is none.
    about: bool,
    /// "according to": beside another cue in its sentence, the channel of
    /// that statement.
    channel: bool,
    /// A phrase that puts the source after it (see `SOURCE_AFTER`).
    source_after: bool,
    /// "reportedly": no source, and the clause around it is the content.
    reportedly: bool,
    /// An adjective cue ("be concerned"), which takes its copula.
    adjective: bool,
    /// A cue followed by the person told ("told reporters"): its lemma is
    /// of the class `RECIPIENT_CUE` in `data/attribution_words.tsv`.
    recipient: bool,
}

/// Phrases that put the source after them: "according to X", "in the view
/// of X", "in the words of X", "as reported by X".
const SOURCE_AFTER: [&str; 5] = [
    "according to",
    "in the view of",
    "in the eyes of",
    "in the words of",
    "as reported by",
];

/// The compiled cue lexicon, shared between analyzer clones.
#[derive(Clone)]
pub(crate) struct StatementData(Arc<CueLexicon>);

struct CueLexicon {
    entries: Vec<CueEntry>,
    /// The entry of a colon cue.
    colon: u16,
    matcher: PhraseMatcher<u16>,
    /// Lowercase nouns that head sources ("officials", "the poll").
    source_nouns: WordSet<&'static str>,
    /// The folded token keys (see `TokenKeys`) of the source nouns, of
    /// the attribution words (`words`), of the pronouns of the subject and
    /// the possessive case and of the words that the reader's pass over all tokens looks for:
    /// most tokens fail a test in one load, before a lookup of their text.
    source_noun_keys: KeySet,
    word_keys: KeySet,
    subject_keys: KeySet,
    possessive_keys: KeySet,
    scan_keys: KeySet,
    /// Cue forms in -ing ("saying", "adding").
    participles: WordSet<String>,
    /// Word classes of attribution shapes, as bits, in a table of packed
    /// keys (looked up for many tokens).
    words: WordTable<u16>,
}

impl CueLexicon {
    /// Whether `w` is a cue participle ("saying", "adding").
    pub(super) fn matcher_forms_participle(&self, w: &str) -> bool {
        self.participles.contains(w)
    }

    /// Whether `w` ending in "-ed" reads as a verb in the past tense rather
    /// than as one of the "-ed" adjectives common in news text.
    pub(super) fn matcher_forms_past(&self, w: &str) -> bool {
        !matches!(
            w,
            "united"
                | "related"
                | "based"
                | "concerned"
                | "interested"
                | "involved"
                | "limited"
                | "advanced"
                | "detailed"
                | "married"
                | "armed"
                | "elected"
                | "required"
        )
    }
}

impl StatementData {
    pub fn load() -> crate::Result<StatementData> {
        let table = Table::parse("data/cues.tsv", include_str!("../../data/cues.tsv"))?;
        let cols = ["lemma", "forms", "pos", "class", "rate", "frame"].map(|c| table.column(c));
        let [lemma, forms, pos, class, rate, frame] = cols;
        let (lemma, forms, pos, class, rate, frame) = (lemma?, forms?, pos?, class?, rate?, frame?);
        let mut entries = Vec::new();
        let mut phrases = Vec::new();
        for row in table.rows() {
            let c = match row.get(class) {
                "speech" => CueClass::Speech,
                "writing" => CueClass::Writing,
                "stance" => CueClass::Stance,
                "intention" => CueClass::Intention,
                "evidence" => CueClass::Evidence,
                "source" => CueClass::Source,
                other => return Err(table.error(row, format!("unknown class {other:?}"))),
            };
            let r = row.get(rate);
            let id = entries.len() as u16;
            entries.push(CueEntry {
                lemma: row.get(lemma).to_owned(),
                class: c,
                rate: if r.is_empty() {
                    0.5
                } else {
                    r.parse()
                        .map_err(|_| table.error(row, format!("bad rate {r:?}")))?
                },
                noun: matches!(row.get(pos), "noun" | "prep"),
                object: row.get(frame) == "object",
                raising: match row.get(frame) {
                    "raising" => true,
                    "object" | "clause" | "about" => false,
                    other => return Err(table.error(row, format!("unknown frame {other:?}"))),
                },
                about: row.get(frame) == "about",
                channel: row.get(lemma) == "according to",
                source_after: SOURCE_AFTER.contains(&row.get(lemma)),
                reportedly: row.get(lemma) == "reportedly",
                adjective: row.get(lemma).starts_with("be "),
                // Set once the attribution words are read, below.
                recipient: false,
            });
            for f in row.list(forms) {
                phrases.push((f.to_owned(), id));
                if f.contains('\'') {
                    phrases.push((f.replace('\'', "’"), id));
                }
            }
        }
        let participles = phrases
            .iter()
            .filter(|(f, id)| {
                !f.contains(' ') && f.ends_with("ing") && entries[*id as usize].rate >= 0.3
            })
            .map(|(f, _)| f.clone())
            .collect();
        let nouns = Table::parse(
            "data/source_nouns.tsv",
            include_str!("../../data/source_nouns.tsv"),
        )?;
        let w = nouns.column("word")?;
        let mut source_nouns: WordSet<&'static str> =
            nouns.rows().iter().map(|r| r.get(w)).collect();
        // Titles and role nouns head sources too: "a professor at ...".
        let titles = Table::parse("data/titles.tsv", include_str!("../../data/titles.tsv"))?;
        let (forms_col, plurals_col) = (titles.column("forms")?, titles.column("plurals")?);
        for row in titles.rows() {
            for f in row.list(forms_col).chain(row.list(plurals_col)) {
                if !f.contains(' ') && !f.ends_with('.') {
                    source_nouns.insert(f);
                }
            }
        }
        let source_noun_keys = KeySet::of_words(source_nouns.iter().map(|w| w.as_bytes()));
        let pronouns = Table::parse("data/pronouns.tsv", include_str!("../../data/pronouns.tsv"))?;
        let (form, case) = (pronouns.column("form")?, pronouns.column("case")?);
        let keys_of_case = |c: &str| {
            KeySet::of_words(
                pronouns
                    .rows()
                    .iter()
                    .filter(|r| r.get(case) == c)
                    .map(|r| r.get(form).as_bytes()),
            )
        };
        let (subject_keys, possessive_keys) = (keys_of_case("subj"), keys_of_case("poss"));
        let table = Table::parse(
            "data/attribution_words.tsv",
            include_str!("../../data/attribution_words.tsv"),
        )?;
        let (w, c) = (table.column("word")?, table.column("class")?);
        let mut words: WordMap<&'static str, u16> = WordMap::default();
        for row in table.rows() {
            let bit = match row.get(c) {
                "aux" => AUX,
                "copula" => COPULA,
                "tail" => TAIL,
                "recipient_cue" => RECIPIENT_CUE,
                "recipient" => RECIPIENT,
                "det" => DET,
                "between" => BETWEEN,
                "discourse" => DISCOURSE,
                "weekday" => WEEKDAY,
                "after" => AFTER,
                "parenthetical" => PARENTHETICAL,
                other => return Err(table.error(row, format!("unknown class {other:?}"))),
            };
            *words.entry(row.get(w)).or_default() |= bit;
        }
        // The colon of "Trump: We will win." and of transcripts, which no
        // automaton matches; the stage reads it by shape.
        let colon = entries.len() as u16;
        entries.push(CueEntry {
            lemma: ":".to_owned(),
            class: CueClass::Source,
            rate: 0.2,
            noun: false,
            object: false,
            raising: false,
            about: false,
            channel: false,
            source_after: false,
            reportedly: false,
            adjective: false,
            recipient: false,
        });
        for e in &mut entries {
            e.recipient = words
                .get(e.lemma.as_str())
                .is_some_and(|c| c & RECIPIENT_CUE != 0);
        }
        let word_keys = KeySet::of_words(words.keys().map(|w| w.as_bytes()));
        let words = WordTable::new(words.into_iter().collect(), Case::Exact).map_err(|w| {
            crate::Error::new(
                crate::ErrorKind::InvalidData,
                format!("data/attribution_words.tsv: {w:?} is longer than a word table holds"),
            )
        })?;
        Ok(StatementData(Arc::new(CueLexicon {
            colon,
            words,
            entries,
            matcher: PhraseMatcher::new(phrases)?,
            source_nouns,
            source_noun_keys,
            word_keys,
            subject_keys,
            possessive_keys,
            scan_keys: KeySet::of_words(SCANNED.iter().map(|w| w.as_bytes())),
            participles,
        })))
    }
}

/// The words that the reader's pass over all tokens looks for (see
/// `Reader::new`): verbs of attribution, which make a sentence other than
/// plain, pronouns of the first person, and every token the tokenizer
/// makes a double quotation mark of (see `text::tokens`), so that the pass
/// jumps from one of these to the next.
const SCANNED: [&str; 19] = [
    "said",
    "says",
    "told",
    "according",
    "i",
    "we",
    "my",
    "our",
    "me",
    "us",
    "\u{201c}",
    "\u{201e}",
    "\u{ab}",
    "\u{201d}",
    "\u{bb}",
    "\"",
    "''",
    "\u{2019}\u{2019}",
    "\u{2018}\u{2018}",
];

/// Dashes, as the bytes of a token (see `Reader::text_of`).
pub(super) const EM_DASH: &[u8] = "—".as_bytes();
pub(super) const EN_DASH: &[u8] = "–".as_bytes();

/// The drafts reserved for at most: more than an article's cues make,
/// and in a long text a few KB, not a draft for every cue.
const DRAFTS_RESERVED: usize = 256;

/// The longest sentence, in tokens, that the reader scans whole; news
/// sentences stay far below it (PolNeAR's longest has about 200 tokens).
const MAX_SENTENCE: usize = 400;

// Word classes of `data/attribution_words.tsv`, as bits.
pub(super) const AUX: u16 = 1;
pub(super) const TAIL: u16 = 2;
pub(super) const RECIPIENT_CUE: u16 = 4;
pub(super) const RECIPIENT: u16 = 8;
pub(super) const DET: u16 = 16;
pub(super) const BETWEEN: u16 = 32;
pub(super) const DISCOURSE: u16 = 64;
pub(super) const WEEKDAY: u16 = 128;
pub(super) const AFTER: u16 = 256;
pub(super) const PARENTHETICAL: u16 = 512;
pub(super) const COPULA: u16 = 1024;

/// Words that stand alone as the subject of a cue: "planks that support",
/// "some believe", "both embrace".
pub(super) const PRONOUN_QUANTIFIERS: &[&str] = &[
    "that", "some", "many", "most", "both", "all", "few", "several", "others", "none", "another",
    "each", "either", "neither",
];

const NONE: u32 = u32::MAX;

/// A pair of quotation marks: token indices of the opening and closing mark.
#[derive(Debug, Clone, Copy)]
struct Quote {
    open: usize,
    close: usize,
}

/// A statement under construction: token ranges `first..end` and actor
/// indices. A long text has a draft for nearly every sentence, so they
/// are kept as `u32` (72 bytes a draft, not 120): token offsets are `u32`
/// (see `Token::start`), and a text has fewer tokens than bytes.
#[derive(Debug, Clone)]
struct Draft {
    cue: (u32, u32),
    source: Option<(u32, u32)>,
    content: (u32, u32),
    more: Vec<(u32, u32)>,
    speaker: Option<u32>,
    via: Option<u32>,
    direct: bool,
    first_person: bool,
    entry: u16,
}

impl Draft {
    /// The cue's tokens.
    fn cue(&self) -> (usize, usize) {
        wide(self.cue)
    }

    /// The content's tokens.
    fn content(&self) -> (usize, usize) {
        wide(self.content)
    }

    /// The source's tokens, if it has one.
    fn source(&self) -> Option<(usize, usize)> {
        self.source.map(wide)
    }

    /// The speaker's actor index, if it has one.
    fn speaker(&self) -> Option<usize> {
        self.speaker.map(|a| a as usize)
    }
}

/// A token range as a draft keeps it.
fn narrow((first, end): (usize, usize)) -> (u32, u32) {
    (first as u32, end as u32)
}

/// A token range as a draft keeps it, for reading.
fn wide((first, end): (u32, u32)) -> (usize, usize) {
    (first as usize, end as usize)
}

struct Reader<'d, 'a> {
    doc: &'d Doc<'a>,
    lex: &'d CueLexicon,
    actors: &'d [Actor],
    /// For each token, the actor whose mention covers it and the cue that
    /// starts there.
    notes: Vec<Note>,
    /// The quote regions, in text order and disjoint, and where they are
    /// found from a token.
    quotes: Vec<(u32, u32)>,
    quotes_at: BlockIndex,
    /// The cue matches, in text order.
    hits: Vec<crate::gazetteer::matcher::PhraseMatch>,
    /// For each sentence, whether it is plain and where the plain sentences
    /// before it begin (see `Plain`).
    plain: Vec<Plain>,
    /// The tokens that are pronouns of the first person, in text order.
    first_person: Vec<u32>,
    /// The token range of a headline written in title case, whose cues are
    /// capitalized ("Trump Says ...").
    headline: Option<(usize, usize)>,
}

/// What the reader notes of a token: both tables in one allocation, as the
/// scans ask both of the same tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Note {
    /// The actor whose mention covers the token (`NONE` for none).
    actor: u32,
    /// The entry of the longest cue match starting at the token: `NO_CUE`
    /// where none starts, `NO_ENTRY` where one with no entry does.
    cue: u16,
}

/// A token with no actor and no cue.
const BLANK: Note = Note {
    actor: NONE,
    cue: NO_CUE,
};

/// In `Note::cue`, a token where no cue match starts.
const NO_CUE: u16 = u16::MAX;
/// In `Note::cue`, a token where a cue match with no entry starts.
const NO_ENTRY: u16 = u16::MAX - 1;

/// What the reader knows of a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Plain {
    /// Whether it has no quotation mark and no attribution verb ("said",
    /// "according").
    plain: bool,
    /// The first of the plain sentences right before it in its paragraph
    /// (itself if there are none).
    back_to: u32,
}

/// The statements of the document, in text order. The actors are only
/// read: the pronoun mentions that `find` would move change no statement.
pub(crate) fn extract(doc: &Doc<'_>, inner: &Inner, actors: &[Actor]) -> Vec<Statement> {
    let (drafts, _) = settled(doc, inner, actors);
    let found = speakers::found(doc, drafts, actors);
    build(doc.text, found, actors)
}

/// A statement found, its texts not yet built: byte spans, actor indices.
/// A long text has many statements, and their texts are built last, once
/// the later stages' tables are gone.
pub(crate) struct Said {
    cue: (u32, u32),
    source: Option<(u32, u32)>,
    content: (u32, u32),
    more: Vec<(u32, u32)>,
    speaker: Option<u32>,
    via: Option<u32>,
    kind: StatementKind,
    sentence: u32,
}

/// The statements of the document, in text order of their cues, before
/// their texts are built; pronoun sources that the statement stage resolves
/// differently move to their speaker in `actors`.
pub(crate) fn find(doc: &Doc<'_>, inner: &Inner, actors: &mut [Actor]) -> Vec<Said> {
    let (drafts, moves) = settled(doc, inner, actors);
    speakers::move_pronouns(doc.text, moves, actors);
    speakers::found(doc, drafts, actors)
}

/// The drafts read and settled, and the pronoun mentions to move. The
/// reader's per-token tables are gone when it returns, before the
/// statements are gathered: on a long text they would otherwise add up.
fn settled(doc: &Doc<'_>, inner: &Inner, actors: &[Actor]) -> (Vec<Draft>, speakers::Moves) {
    let reader = Reader::new(doc, &inner.statements.0, actors);
    let drafts = reader.read();
    reader.settle(drafts, actors)
}

/// The statements found, with their texts and ids `S1`, `S2`, ...
pub(crate) fn build(text: &str, found: Vec<Said>, actors: &[Actor]) -> Vec<Statement> {
    speakers::statements_of(text, found, actors)
}

/// The id of the `k`th statement found (from 0): `S1`, `S2`, ...
pub(crate) fn id(k: usize) -> String {
    crate::model::numbered_id('S', k + 1)
}

/// What the relations stage reads of the statements found.
pub(crate) fn reported(found: &[Said]) -> crate::relations::Reported {
    let speakers = found
        .iter()
        .map(|s| s.speaker.map(|a| a as usize))
        .collect();
    let mut pieces = Vec::with_capacity(found.iter().map(|s| 1 + s.more.len()).sum());
    for (i, s) in found.iter().enumerate() {
        for &(start, end) in std::iter::once(&s.content).chain(&s.more) {
            pieces.push((start as usize, end as usize, i));
        }
    }
    crate::relations::Reported { speakers, pieces }
}

impl<'d, 'a> Reader<'d, 'a> {
    fn new(doc: &'d Doc<'a>, lex: &'d CueLexicon, actors: &'d [Actor]) -> Reader<'d, 'a> {
        let n = doc.tokens.len();
        let mut notes = actor_table(doc, actors);
        let hits = lex
            .matcher
            .find(&doc.lower, &doc.tokens, doc.keys.of_lower());
        for h in &hits {
            let cue = &mut notes[h.first].cue;
            if let Some(&entry) = lex.matcher.values(h.pattern).first() {
                *cue = entry;
            } else if *cue == NO_CUE {
                *cue = NO_ENTRY;
            }
        }
        let sentences = &doc.sentence_tokens;
        // One pass over the tokens for three tables: the quote regions, the
        // plain sentences, and the pronouns of the first person ("I", "we",
        // "us" ...: lowercase, "I", or opening a sentence; "US" and "By Us
        // for Us" are none). Words compare as bytes of the lowercased text,
        // and the tokens go by runs of one sentence, so that no token looks
        // its sentence up.
        let mut plain = vec![
            Plain {
                plain: true,
                back_to: 0
            };
            sentences.len()
        ];
        // Room for the pronouns and quotations of most articles, so that
        // the tables do not grow step by step.
        let mut first_person = Vec::with_capacity(32);
        let mut pairing = QuotePairing {
            quotes: Vec::with_capacity(16),
            open: None,
        };
        let (lower, text) = (doc.lower.as_bytes(), doc.text.as_bytes());
        let keys = doc.keys.folded();
        let mut runs = sentence_runs(doc).peekable();
        while let Some((a, b, sentence)) = runs.next() {
            let mut reports = false;
            // Most tokens are none of those looked for: the pass jumps
            // over them by their keys.
            let mut from = a;
            while let Some(k) = lex.scan_keys.next_in(&keys[..b], from) {
                from = k + 1;
                let t = &doc.tokens[k];
                let (start, end) = (t.start as usize, t.end() as usize);
                reports |= match t.kind {
                    TokenKind::OpenQuote => {
                        pairing.open_quote(doc, k);
                        true
                    }
                    TokenKind::CloseQuote => {
                        pairing.close_quote(k);
                        true
                    }
                    _ => match &lower[start..end] {
                        b"said" | b"says" | b"told" | b"according" => true,
                        b"i" | b"we" | b"my" | b"our" | b"me" | b"us" => {
                            if !t.has(flag::CAP)
                                || &text[start..end] == b"I"
                                || sentence.is_some_and(|s| sentences[s].start == k)
                            {
                                first_person.push(k as u32);
                            }
                            false
                        }
                        _ => false,
                    },
                };
            }
            if reports && let Some(s) = sentence {
                plain[s].plain = false;
            }
            pairing.run_end(doc, b, sentence, runs.peek().and_then(|r| r.2));
        }
        let quotes = pairing.quotes;
        let quotes_at = BlockIndex::new(n, quotes.iter().map(|q| q.0 as usize));
        let paragraphs = doc.article.sentences();
        for s in 0..plain.len() {
            plain[s].back_to = if s > 0
                && plain[s - 1].plain
                && paragraphs[s - 1].paragraph == paragraphs[s].paragraph
            {
                plain[s - 1].back_to
            } else {
                s as u32
            };
        }
        let headline = doc.article.headline().and_then(|h| {
            let (a, b) = (doc.token_at_or_after(h.start), doc.token_at_or_after(h.end));
            let words = doc.tokens[a..b].iter().filter(|t| t.is_word()).count();
            let caps = doc.tokens[a..b].iter().filter(|t| t.is_cap_word()).count();
            (words >= 3 && caps * 10 >= words * 6).then_some((a, b))
        });
        Reader {
            doc,
            lex,
            actors,
            headline,
            notes,
            quotes,
            quotes_at,
            hits,
            plain,
            first_person,
        }
    }

    /// Whether a cue match starts at token `k`.
    pub(super) fn cue_starts(&self, k: usize) -> bool {
        self.notes[k].cue != NO_CUE
    }

    /// The entry of the cue match starting at token `k`, if one does and
    /// has an entry.
    fn cue_entry(&self, k: usize) -> Option<&CueEntry> {
        match self.notes.get(k) {
            Some(&Note { cue, .. }) if cue < NO_ENTRY => Some(&self.lex.entries[cue as usize]),
            _ => None,
        }
    }

    /// The first and one-past-last token of sentence `s`.
    pub(super) fn sentence_tokens(&self, s: usize) -> (usize, usize) {
        let r = &self.doc.sentence_tokens[s];
        (r.start, r.end)
    }

    /// Whether a cue in its base form starts at token `k`.
    pub(super) fn is_base_form(&self, k: usize) -> bool {
        self.cue_entry(k).is_some_and(|e| {
            let lemma = e.lemma.as_str();
            self.low(k) == lemma.split(' ').next().unwrap_or(lemma)
        })
    }

    /// Whether a source phrase ("in a statement", "through a spokesman")
    /// starts at token `k`.
    pub(super) fn is_source_phrase(&self, k: usize) -> bool {
        self.cue_entry(k)
            .is_some_and(|e| e.class == CueClass::Source)
    }

    /// The end of the source phrase starting at token `k` ("in a blog
    /// post"), if one does.
    pub(super) fn source_phrase_end(&self, k: usize) -> Option<usize> {
        if !self.is_source_phrase(k) {
            return None;
        }
        let i = self.hits.partition_point(|h| h.first < k);
        self.hits[i..]
            .iter()
            .take_while(|h| h.first == k)
            .map(|h| h.end)
            .max()
    }

    pub(super) fn n(&self) -> usize {
        self.doc.tokens.len()
    }

    pub(super) fn tok(&self, i: usize) -> &'a str {
        self.doc.tok(i)
    }

    /// The bytes of token `i`. Comparing them is comparing the token's
    /// text, without the char-boundary checks of slicing a `str`: the
    /// reader compares punctuation this way at nearly every step.
    pub(super) fn text_of(&self, i: usize) -> &'a [u8] {
        let t = &self.doc.tokens[i];
        &self.doc.text.as_bytes()[t.start as usize..t.end() as usize]
    }

    pub(super) fn low(&self, i: usize) -> &str {
        self.doc.low(i)
    }

    /// Whether token `i` is a word of the class `class` (bits above).
    pub(super) fn class(&self, i: usize, class: u16) -> bool {
        self.classes(i) & class != 0
    }

    /// The word classes of token `i` (bits above), 0 for none.
    pub(super) fn classes(&self, i: usize) -> u16 {
        if i < self.n() && self.lex.word_keys.contains(self.doc.keys.folded()[i]) {
            self.lex.words.get(self.low(i)).unwrap_or(0)
        } else {
            0
        }
    }

    /// Whether token `i` lies in a title-case headline.
    pub(super) fn in_headline(&self, i: usize) -> bool {
        self.headline.is_some_and(|(a, b)| a <= i && i < b)
    }

    /// Whether token `i` is one of `words` (lowercase). The reader asks
    /// this a million times over PolNeAR: bytes of the lowercased text
    /// compare without the char-boundary checks of slicing a `str`.
    pub(super) fn is_any(&self, i: usize, words: &[&str]) -> bool {
        let Some(t) = self.doc.tokens.get(i) else {
            return false;
        };
        let w = &self.doc.lower.as_bytes()[t.start as usize..t.end() as usize];
        words.iter().any(|x| x.as_bytes() == w)
    }

    pub(super) fn kind(&self, i: usize) -> TokenKind {
        self.doc.tokens[i].kind
    }

    pub(super) fn is_punct(&self, i: usize, p: &str) -> bool {
        i < self.n() && self.kind(i) == TokenKind::Punct && self.text_of(i) == p.as_bytes()
    }

    pub(super) fn quote_of(&self, i: usize) -> Option<Quote> {
        // The first region opening after `i`, and the one before it.
        let q = self
            .quotes_at
            .find(i + 1, self.quotes.len(), |q| self.quotes[q].0 as usize);
        q.checked_sub(1)
            .map(|q| {
                let (open, close) = wide(self.quotes[q]);
                Quote { open, close }
            })
            .filter(|q| i <= q.close)
    }

    /// The tokens of the sentence holding token `i`; in a run of text with
    /// no sentence break longer than `MAX_SENTENCE` tokens, a window of that
    /// size around `i`, so that every scan within a sentence stays bounded.
    pub(super) fn sentence(&self, i: usize) -> (usize, usize) {
        let (a, b) = self
            .doc
            .sentence_of(i)
            .map_or((i, i + 1), |s| self.sentence_tokens(s));
        if b - a <= MAX_SENTENCE {
            return (a, b);
        }
        let half = MAX_SENTENCE / 2;
        (a.max(i.saturating_sub(half)), b.min(i + half))
    }

    /// Whether token `i` is a personal pronoun (he, she, they, we, I, ...).
    pub(super) fn is_pronoun(&self, i: usize) -> bool {
        self.doc.tokens[i].is_word()
            && self.lex.subject_keys.contains(self.doc.keys.folded()[i])
            && WORDS
                .pronoun(self.tok(i))
                .is_some_and(|p| matches!(p.case, crate::text::words::PronounCase::Subj))
    }

    /// Whether token `i` is a possessive pronoun (his, their, ...).
    pub(super) fn is_possessive(&self, i: usize) -> bool {
        self.doc.tokens[i].is_word()
            && self.lex.possessive_keys.contains(self.doc.keys.folded()[i])
            && WORDS
                .pronoun(self.tok(i))
                .is_some_and(|p| p.case == crate::text::words::PronounCase::Poss)
    }

    /// Whether token `i` is a function word (`WORDS`), compared
    /// case-insensitively.
    pub(super) fn is_function_word(&self, i: usize) -> bool {
        WORDS.is_function_token(self.doc.keys.folded()[i], self.low(i))
    }

    /// Whether token `i` is a noun that heads sources ("officials", "the
    /// poll").
    pub(super) fn is_source_noun(&self, i: usize) -> bool {
        self.lex
            .source_noun_keys
            .contains(self.doc.keys.folded()[i])
            && self.lex.source_nouns.contains(self.low(i))
    }

    /// Whether the content `first..end` is exactly one quotation.
    pub(super) fn is_quote(&self, (first, end): (usize, usize)) -> bool {
        self.quote_of(first)
            .is_some_and(|q| q.open == first && q.close + 1 == end)
    }

    pub(super) fn is_weekday(&self, k: usize) -> bool {
        self.class(k, WEEKDAY)
    }

    pub(super) fn span(&self, first: usize, end: usize) -> Span {
        Span::new(
            self.doc.tokens[first].start as usize,
            self.doc.tokens[end - 1].end() as usize,
        )
    }
}

/// Tokens up to which `actor_table` paints actor by actor: a few hundred KB
/// of text, whose tables stay in cache from one actor to the next.
const SWEEP_PER_ACTOR_UP_TO: usize = 1 << 16;

/// For each token of `doc`, a note of the actor whose mention covers it
/// (`NONE` for none) and of no cue; where mentions of several actors cover a token, the last in the
/// order of (start, end, actor).
///
/// Mentions of different actors rarely overlap, and without an overlap the
/// order of painting does not matter: each actor paints its own mentions,
/// each found by bisecting the tokens (on a short text a cursor galloping
/// to and fro between actors took more steps). Only an overlap, or a long
/// text, calls for all the mentions sorted.
fn actor_table(doc: &Doc<'_>, actors: &[Actor]) -> Vec<Note> {
    let n = doc.tokens.len();
    // On a long text each actor's sweep reads the tables from memory again:
    // 17 actors named all through 16 MB of news made the stage 30% slower
    // than one sweep in text order.
    if n > SWEEP_PER_ACTOR_UP_TO {
        return actor_table_sorted(doc, actors);
    }
    let mut notes = vec![BLANK; n];
    for (a, actor) in actors.iter().enumerate() {
        let a = a as u32;
        for m in &actor.mentions {
            let mut k = doc.token_at_or_after(m.start);
            while k < n && (doc.tokens[k].end() as usize) <= m.end {
                if notes[k].actor != NONE && notes[k].actor != a {
                    return actor_table_sorted(doc, actors);
                }
                notes[k].actor = a;
                k += 1;
            }
        }
    }
    notes
}

/// `actor_table` with the mentions of all actors sorted: the last of the
/// mentions over a token paints it.
fn actor_table_sorted(doc: &Doc<'_>, actors: &[Actor]) -> Vec<Note> {
    let n = doc.tokens.len();
    let mut notes = vec![BLANK; n];
    // Token offsets are `u32`, and so are these: the sort moves half the
    // bytes.
    let mut all: Vec<(u32, u32, u32)> =
        Vec::with_capacity(actors.iter().map(|a| a.mentions.len()).sum());
    for (a, actor) in actors.iter().enumerate() {
        all.extend(
            actor
                .mentions
                .iter()
                .map(|m| (m.start as u32, m.end as u32, a as u32)),
        );
    }
    // Each actor's mentions are in text order already: a merging sort
    // takes the runs as they are.
    all.sort();
    // In text order, the token lookups sweep the text once.
    let mut cursor = crate::text::TokenCursor::default();
    for (start, end, a) in all {
        let mut k = cursor.at_or_after(doc, start as usize);
        while k < n && doc.tokens[k].end() <= end {
            notes[k].actor = a;
            k += 1;
        }
    }
    notes
}

/// The tokens of `doc` in runs `(first, end, sentence)`: each sentence's
/// tokens, and the tokens between sentences (a header) with none; in text
/// order, covering every token.
fn sentence_runs<'d>(doc: &'d Doc<'_>) -> impl Iterator<Item = (usize, usize, Option<usize>)> + 'd {
    let ranges = &doc.sentence_tokens;
    let n = doc.tokens.len();
    let (mut k, mut s) = (0, 0);
    std::iter::from_fn(move || {
        while s < ranges.len() && ranges[s].end <= k {
            s += 1;
        }
        if k >= n {
            return None;
        }
        let run = match ranges.get(s) {
            Some(r) if r.start <= k => (k, r.end, Some(s)),
            Some(r) => (k, r.start, None),
            None => (k, n, None),
        };
        k = run.1;
        Some(run)
    })
}

/// Quotation marks paired into regions in one pass, fed the tokens by runs
/// of one sentence (see `sentence_runs`): the marks as they come, and the
/// end of each run. A region opened and not closed in its paragraph
/// continues when the next paragraph opens with a quotation mark (a
/// quotation over several paragraphs); otherwise it is dropped. The regions
/// are in text order and do not overlap.
#[derive(Default)]
struct QuotePairing {
    /// The regions' opening and closing marks, in `u32` as the drafts.
    quotes: Vec<(u32, u32)>,
    open: Option<usize>,
}

impl QuotePairing {
    /// An opening mark at token `k`.
    fn open_quote(&mut self, doc: &Doc<'_>, k: usize) {
        let paragraph_of = |k: usize| {
            doc.sentence_of(k)
                .map(|s| doc.article.sentences()[s].paragraph)
        };
        if let Some(o) = self.open {
            // A new paragraph opening with a quotation mark carries an
            // unclosed quotation on; anything else restarts.
            let first_of_paragraph = k == 0 || paragraph_of(k - 1) != paragraph_of(k);
            if !(first_of_paragraph && paragraph_of(o) != paragraph_of(k)) {
                self.open = Some(k);
            }
        } else {
            self.open = Some(k);
        }
    }

    /// A closing mark at token `k`.
    fn close_quote(&mut self, k: usize) {
        if let Some(o) = self.open.take() {
            self.quotes.push(narrow((o, k)));
        }
    }

    /// The end of a run of tokens at `end`, in `sentence`, before a run in
    /// `next`. The paragraph changes only between runs: a quotation left
    /// open at a paragraph's end survives only if the next paragraph opens
    /// with a quotation mark.
    fn run_end(&mut self, doc: &Doc<'_>, end: usize, sentence: Option<usize>, next: Option<usize>) {
        if self.open.is_some()
            && end < doc.tokens.len()
            && !matches!(
                doc.tokens[end - 1].kind,
                TokenKind::OpenQuote | TokenKind::CloseQuote
            )
            && doc.tokens[end].kind != TokenKind::OpenQuote
        {
            let paragraph = |s: Option<usize>| s.map(|s| doc.article.sentences()[s].paragraph);
            if paragraph(sentence) != paragraph(next) {
                self.open = None;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;
    use crate::testing::XorShift;

    /// Made-up articles of words, cues, pronouns, quotation marks, sentence
    /// ends and paragraph breaks, some with a date header.
    fn texts() -> Vec<String> {
        const PIECES: [&str; 16] = [
            "Talks",
            "said",
            "I",
            "we",
            "Us",
            "US",
            "according",
            "“",
            "”",
            "\"",
            ".",
            ",",
            "\n\n",
            "Arakawa",
            "told",
            "my",
        ];
        let mut rng = XorShift(0x5eed_cafe);
        (0..300)
            .map(|i| {
                let mut text = if i % 3 == 0 {
                    "date 2024-03-12 Talks\n\n".to_owned()
                } else {
                    String::new()
                };
                text.push_str("Start");
                for _ in 0..rng.below(120) {
                    text.push(' ');
                    text.push_str(PIECES[rng.below(PIECES.len())]);
                }
                text
            })
            .collect()
    }

    /// The quote pairing as first written: the paragraphs of every token.
    fn pair_quotes_naive(doc: &Doc<'_>) -> Vec<(usize, usize)> {
        let n = doc.tokens.len();
        let paragraph_of = |k: usize| {
            doc.sentence_of(k)
                .map(|s| doc.article.sentences()[s].paragraph)
        };
        let (mut quotes, mut open) = (Vec::new(), None);
        for k in 0..n {
            match doc.tokens[k].kind {
                TokenKind::OpenQuote => {
                    if let Some(o) = open {
                        let first = k == 0 || paragraph_of(k - 1) != paragraph_of(k);
                        if !(first && paragraph_of(o) != paragraph_of(k)) {
                            open = Some(k);
                        }
                    } else {
                        open = Some(k);
                    }
                }
                TokenKind::CloseQuote => {
                    if let Some(o) = open.take() {
                        quotes.push((o, k));
                    }
                }
                _ => {
                    if open.is_some()
                        && k + 1 < n
                        && paragraph_of(k) != paragraph_of(k + 1)
                        && doc.tokens[k + 1].kind != TokenKind::OpenQuote
                    {
                        open = None;
                    }
                }
            }
        }
        quotes
    }

    #[test]
    fn sentence_runs_and_quotes_agree_with_token_by_token_lookups() {
        let data = StatementData::load().unwrap();
        let (mut paragraphs, mut quoted) = (0, 0);
        for text in texts() {
            let Ok(article) = Article::parse(&text) else {
                continue;
            };
            let doc = Doc::new(&article, None);
            let mut k = 0;
            for (a, b, sentence) in sentence_runs(&doc) {
                assert!(a == k && a < b, "{text:?}");
                for j in a..b {
                    assert_eq!(doc.sentence_of(j), sentence, "{text:?}");
                }
                k = b;
            }
            assert_eq!(k, doc.tokens.len());
            let reader = Reader::new(&doc, &data.0, &[]);
            let quotes: Vec<(usize, usize)> = reader.quotes.iter().map(|&q| wide(q)).collect();
            assert_eq!(quotes, pair_quotes_naive(&doc), "{text:?}");
            paragraphs += article.paragraphs().len();
            quoted += quotes.len();
        }
        // The made-up texts do exercise both.
        assert!(paragraphs > 1000 && quoted > 300, "{paragraphs} {quoted}");
    }

    #[test]
    fn the_actor_table_agrees_with_painting_all_mentions_sorted() {
        let text = "Talks resumed in Seoul on Monday. Foreign Minister Kenji Arakawa \
                    met Wang Yi, and the two ministers said the talks went well. "
            .repeat(4);
        let article = Article::parse(&text).unwrap();
        let doc = Doc::new(&article, None);
        let n = doc.tokens.len();
        let mut rng = XorShift(0x00ac_7075);
        let mut overlapping = 0;
        for round in 0..400 {
            // Actors in order of first mention, each with mentions in text
            // order of one to three tokens, close together in even rounds
            // (where actors overlap most) and far apart in odd ones.
            let count = 1 + rng.below(8);
            let mut firsts: Vec<usize> = (0..count).map(|_| rng.below(n)).collect();
            firsts.sort();
            let actors: Vec<Actor> = firsts
                .iter()
                .enumerate()
                .map(|(a, &first)| {
                    let mut k = first;
                    let mut mentions = Vec::new();
                    while k < n {
                        let last = (k + rng.below(3)).min(n - 1);
                        let span = Span::new(
                            doc.tokens[k].start as usize,
                            doc.tokens[last].end() as usize,
                        );
                        mentions.push(Mention::new(&text, span, MentionForm::Name));
                        k += if round % 2 == 0 {
                            1 + rng.below(4)
                        } else {
                            3 + rng.below(n)
                        };
                    }
                    Actor {
                        id: format!("A{}", a + 1),
                        name: String::new(),
                        kind: ActorKind::Person,
                        country: None,
                        code: None,
                        roles: Vec::new(),
                        mentions,
                    }
                })
                .collect();
            let sorted = actor_table_sorted(&doc, &actors);
            assert_eq!(actor_table(&doc, &actors), sorted, "round {round}");
            // Whether mentions of two actors cover one token: the sorted
            // painting is then taken.
            let mut cover = vec![NONE; n];
            let mut shared = false;
            for (a, actor) in actors.iter().enumerate() {
                for m in &actor.mentions {
                    for (k, t) in doc.tokens.iter().enumerate() {
                        if m.start <= t.start as usize && t.end() as usize <= m.end {
                            shared |= cover[k] != NONE && cover[k] != a as u32;
                            cover[k] = a as u32;
                        }
                    }
                }
            }
            overlapping += usize::from(shared);
        }
        // Both ways of painting are exercised.
        assert!((50..350).contains(&overlapping), "{overlapping}");
    }

    #[test]
    fn channels_find_the_statement_a_map_of_sentences_finds() {
        let data = StatementData::load().unwrap();
        let lex = &data.0;
        let according = lex.entries.iter().position(|e| e.channel).unwrap() as u16;
        let mut rng = XorShift(0x00c4_a77e);
        let mut found = 0;
        for text in texts() {
            let Ok(article) = Article::parse(&text) else {
                continue;
            };
            let doc = Doc::new(&article, None);
            let reader = Reader::new(&doc, lex, &[]);
            let n = doc.tokens.len();
            // Drafts at random tokens, in order, some of them channels.
            let mut cues: Vec<usize> = (0..rng.below(12)).map(|_| rng.below(n)).collect();
            cues.sort();
            let drafts: Vec<Draft> = cues
                .iter()
                .map(|&k| Draft {
                    cue: narrow((k, k + 1)),
                    source: None,
                    content: narrow((k, k + 1)),
                    more: Vec::new(),
                    speaker: None,
                    via: None,
                    direct: false,
                    first_person: false,
                    entry: if rng.below(3) == 0 { according } else { 0 },
                })
                .collect();
            // As first written: the first statement of each sentence that is
            // not a channel, in a map.
            let mut first_other = std::collections::HashMap::new();
            for (j, d) in drafts.iter().enumerate() {
                if !reader.is_channel(d) {
                    first_other.entry(doc.sentence_of(d.cue().0)).or_insert(j);
                }
            }
            let mut memo = speakers::FirstOther::default();
            for (i, d) in drafts.iter().enumerate() {
                if reader.is_channel(d) {
                    let other = first_other.get(&doc.sentence_of(d.cue().0)).copied();
                    assert_eq!(
                        reader.first_other(&drafts, i, &mut memo),
                        other,
                        "{text:?} {cues:?}"
                    );
                    found += usize::from(other.is_some());
                }
            }
        }
        assert!(found > 50, "{found}");
    }

    #[test]
    fn word_tests_agree_with_lookups_without_key_sets() {
        let data = StatementData::load().unwrap();
        let lex = &data.0;
        // Every word of the lists, as written, capitalized and in capitals,
        // among words of none.
        let mut words: Vec<String> = lex.source_nouns.iter().map(|w| w.to_string()).collect();
        for (file, text, column) in [
            (
                "data/attribution_words.tsv",
                include_str!("../../data/attribution_words.tsv"),
                "word",
            ),
            (
                "data/pronouns.tsv",
                include_str!("../../data/pronouns.tsv"),
                "form",
            ),
            (
                "data/function_words.tsv",
                include_str!("../../data/function_words.tsv"),
                "word",
            ),
        ] {
            let table = Table::parse(file, text).unwrap();
            let w = table.column(column).unwrap();
            words.extend(table.rows().iter().map(|r| r.get(w).to_owned()));
        }
        words.extend(["talks", "Seoul", "said", "however", "x"].map(String::from));
        let mut text = String::from("Start");
        for w in &words {
            let mut cap = w.clone();
            cap[..1].make_ascii_uppercase();
            for form in [w.clone(), cap, w.to_uppercase()] {
                text.push(' ');
                text.push_str(&form);
            }
        }
        let article = Article::parse(&text).unwrap();
        let doc = Doc::new(&article, None);
        let reader = Reader::new(&doc, lex, &[]);
        let (mut classed, mut nouns, mut pronouns, mut functions) = (0, 0, 0, 0);
        let mut possessives = 0;
        for i in 0..doc.tokens.len() {
            let classes = lex.words.get(doc.low(i)).unwrap_or(0);
            assert_eq!(reader.classes(i), classes, "{:?}", doc.tok(i));
            let noun = lex.source_nouns.contains(doc.low(i));
            assert_eq!(reader.is_source_noun(i), noun, "{:?}", doc.tok(i));
            let pronoun = doc.tokens[i].is_word()
                && WORDS
                    .pronoun(doc.tok(i))
                    .is_some_and(|p| matches!(p.case, crate::text::words::PronounCase::Subj));
            assert_eq!(reader.is_pronoun(i), pronoun, "{:?}", doc.tok(i));
            let possessive = doc.tokens[i].is_word()
                && WORDS
                    .pronoun(doc.tok(i))
                    .is_some_and(|p| matches!(p.case, crate::text::words::PronounCase::Poss));
            assert_eq!(reader.is_possessive(i), possessive, "{:?}", doc.tok(i));
            possessives += usize::from(possessive);
            let function = WORDS.function_word(doc.low(i)).is_some();
            assert_eq!(reader.is_function_word(i), function, "{:?}", doc.tok(i));
            functions += usize::from(function);
            classed += usize::from(classes != 0);
            nouns += usize::from(noun);
            pronouns += usize::from(pronoun);
        }
        assert!(
            classed > 50 && nouns > 50 && pronouns >= 20 && functions > 50 && possessives >= 20,
            "{classed} {nouns} {pronouns} {functions} {possessives}"
        );
    }

    #[test]
    fn plain_sentences_and_first_person_agree_with_token_by_token_lookups() {
        let data = StatementData::load().unwrap();
        let (mut plains, mut pronouns) = (0, 0);
        for text in texts() {
            let Ok(article) = Article::parse(&text) else {
                continue;
            };
            let doc = Doc::new(&article, None);
            let reader = Reader::new(&doc, &data.0, &[]);
            let mut plain = vec![true; doc.sentence_tokens.len()];
            let mut first_person = Vec::new();
            for k in 0..doc.tokens.len() {
                let t = &doc.tokens[k];
                let sentence = doc.sentence_of(k);
                let quote = matches!(t.kind, TokenKind::OpenQuote | TokenKind::CloseQuote);
                if quote || ["said", "says", "told", "according"].contains(&doc.low(k)) {
                    if let Some(s) = sentence {
                        plain[s] = false;
                    }
                } else if ["i", "we", "my", "our", "me", "us"].contains(&doc.low(k))
                    && (!t.has(flag::CAP)
                        || doc.tok(k) == "I"
                        || sentence.is_some_and(|s| doc.sentence_tokens[s].start == k))
                {
                    first_person.push(k as u32);
                }
            }
            let reader_plain: Vec<bool> = reader.plain.iter().map(|p| p.plain).collect();
            assert_eq!(reader_plain, plain, "{text:?}");
            assert_eq!(reader.first_person, first_person, "{text:?}");
            plains += plain.iter().filter(|&&p| p).count();
            pronouns += first_person.len();
        }
        assert!(plains > 300 && pronouns > 1000, "{plains} {pronouns}");
    }

    #[test]
    fn drafts_stay_small() {
        // A long text holds one for nearly every sentence.
        assert!(std::mem::size_of::<Draft>() <= 72);
    }

    #[test]
    fn every_double_quotation_mark_is_in_the_scanned_keys() {
        // The reader's pass over the tokens jumps between the scanned
        // keys: a quotation mark missing from them would go unpaired.
        const PIECES: [&str; 20] = [
            "Yes", "said", ".", ",", "\n\n", "(", "--", "“", "”", "„", "«", "»", "\"", "'", "’",
            "‘", "ʼ", "''", "’’", "‘‘",
        ];
        let data = StatementData::load().unwrap();
        let mut rng = XorShift(0x0007_1e55);
        let mut quotes = 0;
        for _ in 0..300 {
            let mut text = String::from("Start");
            for _ in 0..rng.below(80) {
                // Pieces run together as often as not, so that quotation
                // marks open, close and touch words.
                if rng.below(2) == 0 {
                    text.push(' ');
                }
                text.push_str(PIECES[rng.below(PIECES.len())]);
            }
            let Ok(article) = Article::parse(&text) else {
                continue;
            };
            let doc = Doc::new(&article, None);
            let keys = doc.keys.folded();
            for (k, t) in doc.tokens.iter().enumerate() {
                if matches!(t.kind, TokenKind::OpenQuote | TokenKind::CloseQuote) {
                    assert!(
                        data.0.scan_keys.contains(keys[k]),
                        "{:?} in {text:?}",
                        doc.tok(k)
                    );
                    quotes += 1;
                }
            }
        }
        assert!(quotes > 1000, "{quotes}");
    }
}
