//! Relations: triggers, arguments, modality and CAMEO codes.
//!
//! One pass over the tokens of the sentences that can hold a relation (two
//! actors named, or one and a pronoun) finds the heads of the event triggers
//! of `data/triggers.tsv`, looking each word up once in a table of first
//! words; each head picks the line whose companion words (`with`) follow it
//! within four words, else its bare line. A trigger
//! inside the companion span of another ("threatened to *cut* ties") yields
//! to it, as does a verb right after it and "to" ("commitment to
//! *strengthen*").
//!
//! Each trigger is then read as a verb or as a noun ("the attacks on", "a
//! telephone conversation with") and its arguments are found on the token
//! layer, with no parser:
//!
//! - the **source** of a verb is the noun phrase before its verb group
//!   (auxiliaries, adverbs, negation, "plans to", "is ready to" skipped),
//!   with coordinated subjects ("China and Russia"), the antecedent of
//!   "who"/"which", the subject of the clause for a verb coordinated with
//!   an earlier one, and the speaker of the statement for "we" or "I"; the
//!   source of a noun is its possessive or modifier ("Russia's threats",
//!   "the Biden-Putin summit"), else the subject of a light verb ("held a
//!   video conference with"), else the main subject after a fronted phrase
//!   ("In a telephone conversation with X, Putin said ...");
//! - the **target** is the noun phrase in the slot the trigger's line names:
//!   right after it (`obj`) or after a preposition (`with X`, `on X`,
//!   `between X and Y`), within the clause; a passive swaps source and
//!   target ("was criticized by");
//! - in a noun phrase the most specific actor wins ("Russian Security
//!   Council Secretary Nikolai Patrushev" is Patrushev), and a state's
//!   adjective is a party only before an agent noun ("Russian forces", not
//!   "Russian technology");
//! - coordinated subjects with no target make one mutual relation when the
//!   trigger is mutual or a reciprocal word follows ("China and Russia
//!   reiterated *their* commitment"). Clauses end at subordinators and at
//!   relative clauses, so actors in a clause about something else are not
//!   parties.
//!
//! **Modality** comes from the cues of `data/modality.tsv` before the trigger
//! in its clause. **Evidence** is the trigger span, its sentence and the
//! statement whose content holds it.
//!
//! Violence between two domestic political actors of one state ("Trump
//! attacked Clinton") is a figure of speech: it is coded 111 (criticize or
//! denounce) instead of 19x.
//!
//! Every lookup is by token index or by a word's packed bytes, and every
//! scan is bounded by the clause, so the stage is linear in the text.

mod arguments;
mod lexicon;

use crate::analyzer::Inner;
use crate::gazetteer::matcher::PhraseMatch;
use crate::model::{Actor, ActorKind, CameoCode, MentionForm, Modality, Relation, Statement};
use crate::span::{Excerpt, Span};
use crate::text::words::WordClass;
use crate::text::{BlockIndex, Doc, TokenKind};
use lexicon::{RelationLexicon, Trigger, key_at};
use std::collections::HashSet;
use std::sync::Arc;

/// The compiled trigger lexicon, modality cues and argument word lists,
/// shared between analyzer clones.
#[derive(Clone)]
pub(crate) struct RelationData(Arc<RelationLexicon>);

impl RelationData {
    pub fn load() -> crate::Result<RelationData> {
        Ok(RelationData(Arc::new(RelationLexicon::load()?)))
    }
}

const NONE: u32 = u32::MAX;

/// A sentence's mark when it names two actors, or one and a pronoun (else
/// it holds its one actor, or `NONE`).
const TWO: u32 = u32::MAX - 1;

/// How far (in tokens) a clause is read on either side of a trigger.
const CLAUSE_REACH: usize = 40;

/// Words that open a clause: the scans for subjects, targets and modality
/// stop at them.
const SUBORDINATORS: &[&str] = &[
    "that", "which", "who", "whom", "whose", "when", "whenever", "while", "because", "since",
    "although", "though", "whereas", "if", "unless", "whether", "after", "before", "until", "as",
    "once", "where",
];

/// An actor mention on the token layer.
#[derive(Debug, Clone, Copy)]
struct MentionRef {
    first: usize,
    end: usize,
    actor: usize,
    form: MentionForm,
    /// Its index among all mentions in actor order, which breaks ties when
    /// mentions are painted.
    index: u32,
}

/// A trigger found in the text.
#[derive(Debug, Clone, Copy)]
struct Hit {
    /// The head's tokens.
    first: usize,
    end: usize,
    /// One past the companion word, or `end` for a bare head.
    span_end: usize,
    entry: u16,
    with_matched: bool,
    nominal: bool,
    sentence: usize,
}

/// A relation before ids: token positions and actor indices.
#[derive(Debug, Clone)]
struct Draft {
    first: usize,
    end: usize,
    source: usize,
    target: usize,
    symmetric: bool,
    cameo: CameoCode,
    goldstein: f32,
    modality: Modality,
    sentence: usize,
    statement: Option<usize>,
}

/// What the stage reads of the statements: each one's speaker and the byte
/// spans of its content pieces. The analyzer builds it from statements not
/// yet given their texts, so that those texts are not held while the stage's
/// tables are.
pub(crate) struct Reported {
    /// The actor index of each statement's speaker.
    pub speakers: Vec<Option<usize>>,
    /// The content and continuation pieces: byte start, byte end and
    /// statement, in statement order.
    pub pieces: Vec<(usize, usize, usize)>,
}

impl Reported {
    /// What the stage reads of finished statements, whose speakers are
    /// actor ids.
    pub(crate) fn of_statements(actors: &[Actor], statements: &[Statement]) -> Reported {
        // Actor ids are "A1", "A2", ... in order; look others up.
        let index_of = |id: &str| {
            id.strip_prefix('A')
                .and_then(|n| n.parse::<usize>().ok())
                .and_then(|n| n.checked_sub(1))
                .filter(|&i| actors.get(i).is_some_and(|a| a.id == id))
                .or_else(|| actors.iter().position(|a| a.id == id))
        };
        let speakers = statements
            .iter()
            .map(|s| s.speaker.as_deref().and_then(index_of))
            .collect();
        let mut pieces = Vec::new();
        for (i, s) in statements.iter().enumerate() {
            for c in std::iter::once(&s.content).chain(&s.continuation) {
                pieces.push((c.start, c.end, i));
            }
        }
        Reported { speakers, pieces }
    }
}

/// The relations of the document, in text order of their triggers, with
/// ids `R1`, `R2`, ...; `statement_id` names the statement that reports one.
pub(crate) fn extract(
    doc: &Doc<'_>,
    inner: &Inner,
    actors: &[Actor],
    reported: Reported,
    statement_id: impl Fn(usize) -> String,
) -> Vec<Relation> {
    if actors.len() < 2 || doc.tokens.is_empty() {
        return Vec::new();
    }
    let mut reader = Reader::new(doc, &inner.relations.0, actors, reported);
    let hits = reader.hits();
    reader.prepare(&hits);
    // A verb's target slots end at the next verb trigger: for each hit, the
    // first token of the next one, found in one backward sweep (a search
    // forward from each hit would be quadratic in a text of nominal hits).
    let mut next_verb = vec![usize::MAX; hits.len()];
    for i in (1..hits.len()).rev() {
        let h = &hits[i];
        next_verb[i - 1] = if !h.nominal && reader.starts_verb_phrase(h) {
            h.first
        } else {
            next_verb[i]
        };
    }
    let mut drafts = Vec::new();
    for (hit, next_verb) in hits.iter().zip(next_verb) {
        reader.relations_of(hit, next_verb, &mut drafts);
    }
    reader.finish(drafts, statement_id)
}

/// The per-document indexes the stage reads with.
struct Reader<'d, 'a> {
    doc: &'d Doc<'a>,
    lex: &'d RelationLexicon,
    actors: &'d [Actor],
    mentions: Vec<MentionRef>,
    /// For each token, the mention covering it.
    mention_at: Vec<u32>,
    /// The statements' content pieces (first token, end, statement): in
    /// text order if none overlap, else shortest first, so that the first
    /// that holds a token is its innermost.
    pieces: Vec<(usize, usize, usize)>,
    /// Runs of tokens with one innermost piece: the run's first token and
    /// the index in `pieces` (`NONE` outside every piece), in text order.
    /// Each run lasts until the next; pieces are few, tokens many.
    piece_runs: Vec<(u32, u32)>,
    piece_runs_at: BlockIndex,
    /// The relative clauses (", who ..."): first token (the relative
    /// pronoun) and end, in text order.
    clauses: Vec<(u32, u32)>,
    clauses_at: BlockIndex,
    /// The actor index of each statement's speaker.
    speakers: Vec<Option<usize>>,
    /// Whether each sentence may hold a relation (`TWO`): it names two
    /// actors, or one and a pronoun.
    sentence_named: Vec<u32>,
    /// The trigger heads found in the text, before precedence, in text
    /// order and not overlapping: their last tokens are sorted too ("the
    /// rocket *attack* on Israel" leads a noun phrase on to its target).
    raw: Vec<PhraseMatch>,
}

impl<'d, 'a> Reader<'d, 'a> {
    fn new(
        doc: &'d Doc<'a>,
        lex: &'d RelationLexicon,
        actors: &'d [Actor],
        reported: Reported,
    ) -> Reader<'d, 'a> {
        let n = doc.tokens.len();
        let Reported {
            speakers,
            pieces: spans,
        } = reported;
        // All mentions' and content pieces' token ranges in one sweep in
        // text order (the lookups stay in cache), and the mentions kept in
        // that order, so that the scans of a long text find them near each
        // other. Offsets fit in u32, as token offsets do: the tables stay
        // small.
        let total: usize = actors.iter().map(|a| a.mentions.len()).sum();
        // Start and index in one word, sorted by start (pieces numbered
        // after the mentions); the rest is read beside them, in a table a
        // fraction of the size.
        let mut by_start: Vec<u64> = Vec::with_capacity(total + spans.len());
        let mut rest: Vec<(u32, u32, MentionForm)> = Vec::with_capacity(total);
        for (actor, a) in actors.iter().enumerate() {
            for m in &a.mentions {
                by_start.push((m.start as u64) << 32 | by_start.len() as u64);
                rest.push((m.end as u32, actor as u32, m.form));
            }
        }
        for (p, &(start, _, _)) in spans.iter().enumerate() {
            by_start.push((start as u64) << 32 | (total + p) as u64);
        }
        sort_by_offset(&mut by_start, doc.text.len());
        // Sorted by start, the first tokens are found in one forward walk,
        // in strides of eight tokens over the gaps, and each mention's last
        // token a step or two after its first; a piece's, which may be far,
        // by galloping from its first.
        let tokens = &doc.tokens;
        // At most one per mention: allocated once, not grown by doubling.
        let mut mentions: Vec<MentionRef> = Vec::with_capacity(total);
        // Each piece's tokens and index, in text order; empty ones are
        // dropped.
        let mut pieces: Vec<(usize, usize, usize)> = Vec::with_capacity(spans.len());
        let mut first = 0;
        for key in by_start {
            let (start, i) = ((key >> 32) as u32, key as u32 as usize);
            while first + 8 < n && tokens[first + 8].start < start {
                first += 8;
            }
            while first < n && tokens[first].start < start {
                first += 1;
            }
            let mut last = first;
            if i >= total {
                let p = i - total;
                // Galloping from a stride of eight: a long content costs a
                // few steps, not one per eight tokens.
                let end = spans[p].1 as u32;
                let mut step = 8;
                while last + step <= n && tokens[last + step - 1].end() <= end {
                    last += step;
                    step *= 2;
                }
                let hi = (last + step).min(n);
                last += tokens[last..hi].partition_point(|t| t.end() <= end);
                if first < last {
                    pieces.push((first, last, p));
                }
                continue;
            }
            let (end, actor, form) = rest[i];
            while last < n && tokens[last].end() <= end {
                last += 1;
            }
            if first < last {
                mentions.push(MentionRef {
                    first,
                    end: last,
                    actor: actor as usize,
                    form,
                    index: i as u32,
                });
            }
        }
        drop(rest);
        let mention_at = paint(&mentions, n);
        // Most texts' pieces do not overlap: in text order, each is its
        // tokens' innermost. Else shortest first, of equal ones the first in
        // statement order (the index each holds until it is given its
        // statement), for a sweep that finds the innermost.
        let disjoint = pieces.windows(2).all(|w| w[0].1 <= w[1].0);
        if !disjoint {
            pieces.sort_unstable_by_key(|&(first, end, p)| (end - first, p));
        }
        for piece in &mut pieces {
            piece.2 = spans[piece.2].2;
        }
        drop(spans);
        let piece_runs = if disjoint {
            disjoint_runs(&pieces)
        } else {
            innermost_runs(&pieces)
        };
        let piece_runs_at = BlockIndex::new(n, piece_runs.iter().map(|r| r.0 as usize));

        // A relation needs two parties: a sentence can hold one only if it
        // names two actors, or one and a pronoun that may stand for another.
        let sentences = doc.sentence_tokens.len();
        let mut named = vec![NONE; sentences];
        for m in &mentions {
            if let Some(s) = doc.sentence_of(m.first) {
                match named[s] {
                    NONE => named[s] = m.actor as u32,
                    a if a != TWO && a as usize != m.actor => named[s] = TWO,
                    _ => {}
                }
            }
        }
        let keys = doc.keys.folded();
        for (named, range) in named.iter_mut().zip(&doc.sentence_tokens) {
            if *named != NONE && *named != TWO {
                let lower = doc.lower.as_bytes();
                let range = range.clone();
                let (tokens, keys) = (&doc.tokens[range.clone()], &keys[range]);
                let pronoun = tokens.iter().zip(keys).any(|(t, &key)| {
                    let len = (t.end() - t.start) as usize;
                    lex.pronoun_keys.contains(key)
                        && t.is_word()
                        && len <= 5
                        && (lex.pronouns)
                            .get(key_at(lower, t.start as usize, len))
                            .is_some()
                });
                if pronoun {
                    *named = TWO;
                }
            }
        }
        let sentence_named = named;
        // Heads are looked for only in those sentences: about one token in
        // thirty is one, and a sixteenth of their tokens is room enough for
        // the list not to grow by doubling.
        let named_tokens: usize = (sentence_named.iter().zip(&doc.sentence_tokens))
            .filter(|&(&named, _)| named == TWO)
            .map(|(_, r)| r.len())
            .sum();
        let mut raw = Vec::with_capacity(named_tokens / 16 + 4);
        let mut s = 0;
        while s < sentence_named.len() {
            if sentence_named[s] != TWO {
                s += 1;
                continue;
            }
            let first = doc.sentence_tokens[s].start;
            while s < sentence_named.len() && sentence_named[s] == TWO {
                s += 1;
            }
            let end = doc.sentence_tokens[s - 1].end;
            lex.heads
                .find_in(&doc.lower, &doc.tokens, keys, first..end, &mut raw);
        }
        Reader {
            doc,
            lex,
            raw,
            sentence_named,
            actors,
            mentions,
            mention_at,
            pieces,
            piece_runs,
            piece_runs_at,
            clauses: Vec::new(),
            clauses_at: BlockIndex::default(),
            speakers,
        }
    }

    fn n(&self) -> usize {
        self.doc.tokens.len()
    }

    fn tok(&self, k: usize) -> &'a str {
        self.doc.tok(k)
    }

    fn low(&self, k: usize) -> &str {
        self.doc.low(k)
    }

    fn kind(&self, k: usize) -> TokenKind {
        self.doc.tokens[k].kind
    }

    /// A lowercase word (not a name, not punctuation).
    fn is_lower_word(&self, k: usize) -> bool {
        let t = &self.doc.tokens[k];
        t.is_word() && !t.has(crate::text::flag::CAP)
    }

    fn function(&self, k: usize) -> Option<WordClass> {
        let t = &self.doc.tokens[k];
        if t.kind != TokenKind::Word {
            return None;
        }
        if t.end() - t.start <= 8 {
            return self.lex.function.get_short(self.key(k));
        }
        self.lex.function.get(self.low(k))
    }

    /// The `lexicon::short_key` of the lowercase text of token `k`, zero past
    /// eight bytes: the bytes of a short word without slicing a `str`.
    #[inline]
    fn key(&self, k: usize) -> u64 {
        let t = &self.doc.tokens[k];
        let len = (t.end() - t.start) as usize;
        key_at(self.doc.lower.as_bytes(), t.start as usize, len)
    }

    /// Whether token `k` is the one byte `b` (",", ";"): a byte compare
    /// instead of a string's.
    #[inline]
    fn is_byte(&self, k: usize, b: u8) -> bool {
        let t = &self.doc.tokens[k];
        t.end() - t.start == 1 && self.doc.text.as_bytes()[t.start as usize] == b
    }

    /// Marks the relative clauses (", who ...") of the sentences that hold
    /// the kept triggers.
    fn prepare(&mut self, hits: &[Hit]) {
        let text = self.doc.text.as_bytes();
        let mut last = usize::MAX;
        for h in hits {
            if h.sentence == last {
                continue;
            }
            last = h.sentence;
            let (start, end) = self.sentence_range(h.sentence);
            for k in start.max(1)..end {
                let comma = &self.doc.tokens[k - 1];
                if comma.kind == TokenKind::Punct
                    && text[comma.start as usize] == b','
                    && matches!(self.low(k), "who" | "which" | "whom" | "whose")
                {
                    let mut j = k;
                    while j < end
                        && !matches!(self.tok(j), "," | ";" | ":")
                        && !matches!(self.kind(j), TokenKind::OpenQuote | TokenKind::CloseQuote)
                    {
                        j += 1;
                    }
                    // Sentences come in text order, and a clause ends at
                    // the comma before the next: the list stays sorted.
                    self.clauses.push((k as u32, j as u32));
                }
            }
        }
        self.clauses_at = BlockIndex::new(self.n(), self.clauses.iter().map(|c| c.0 as usize));
    }

    /// The innermost statement content piece holding token `k`: its first
    /// token and statement.
    fn piece(&self, k: usize) -> Option<(usize, usize)> {
        let run = self.piece_runs_at.find(k + 1, self.piece_runs.len(), |r| {
            self.piece_runs[r].0 as usize
        });
        match run.checked_sub(1).map(|r| self.piece_runs[r].1) {
            Some(p) if p != NONE => {
                let (first, _, s) = self.pieces[p as usize];
                Some((first, s))
            }
            _ => None,
        }
    }

    /// The first token of the relative clause (", who ...") holding token
    /// `k`, or `NONE`.
    fn relative(&self, k: usize) -> u32 {
        // Most articles have none, and the clause scans ask at every token.
        if self.clauses.is_empty() {
            return NONE;
        }
        let i = self
            .clauses_at
            .find(k + 1, self.clauses.len(), |c| self.clauses[c].0 as usize);
        match i.checked_sub(1).map(|i| self.clauses[i]) {
            Some((first, end)) if k < end as usize => first,
            _ => NONE,
        }
    }

    /// The first token of the statement content piece holding token `k`.
    fn piece_start(&self, k: usize) -> usize {
        self.piece(k).map_or(usize::MAX, |(first, _)| first)
    }

    /// The mention covering token `k`.
    fn mention(&self, k: usize) -> Option<MentionRef> {
        match self.mention_at.get(k) {
            Some(&i) if i != NONE => Some(self.mentions[i as usize]),
            _ => None,
        }
    }

    /// The mention ending at token `k` (inclusive).
    fn mention_ending(&self, k: usize) -> Option<MentionRef> {
        self.mention(k).filter(|m| m.end == k + 1)
    }

    /// The mention starting at token `k`.
    fn mention_starting(&self, k: usize) -> Option<MentionRef> {
        self.mention(k).filter(|m| m.first == k)
    }

    fn is_any(&self, k: usize, words: &[&str]) -> bool {
        words.contains(&self.low(k))
    }

    /// The tokens of sentence `s`, without a wire dateline that opens it
    /// ("SEOUL, March 12 (Reuters) -"): the clause starts after it.
    fn sentence_range(&self, s: usize) -> (usize, usize) {
        let r = &self.doc.sentence_tokens[s];
        let mut start = r.start;
        if let Some(d) = self.doc.article.dateline() {
            while start < r.end && (self.doc.tokens[start].start as usize) < d.end {
                start += 1;
            }
            if start == r.end {
                start = r.start;
            }
        }
        (start, r.end)
    }

    /// The triggers of the document, in text order, after precedence.
    fn hits(&self) -> Vec<Hit> {
        let mut hits = Vec::with_capacity(self.raw.len());
        for &m in &self.raw {
            let Some(sentence) = self.doc.sentence_of(m.first) else {
                continue;
            };
            if self.sentence_named[sentence] != TWO {
                continue;
            }
            // A head inside a name ("Rapid Support Forces") is no trigger,
            // nor one in an idiom ("held his fire on").
            let lines = &self.lex.lines[m.pattern];
            if (m.first..m.end).any(|k| self.mention_at[k] != NONE)
                || (lines.idiom_end && self.lex.idioms.ending_at(m.first + 1, self.doc).is_some())
            {
                continue;
            }
            // A participle after a determiner is an adjective: "the
            // detained sailors" reports no event.
            if m.first > 0
                && m.end == m.first + 1
                && self.low(m.first).ends_with("ed")
                && (self.function(m.first - 1) == Some(WordClass::Det)
                    || self.kind(m.first - 1) == TokenKind::Possessive)
            {
                continue;
            }
            let best = if lines.forms.is_empty() {
                None
            } else {
                let (_, s_end) = self.sentence_range(sentence);
                self.companion(m.end, s_end, &lines.forms)
            };
            let (span_end, entry, with_matched) = match (best, lines.bare) {
                (Some((end, id)), _) => (end, id, true),
                (None, Some(id)) => (m.end, id, false),
                (None, None) => continue,
            };
            let mut hit = Hit {
                first: m.first,
                end: m.end,
                span_end,
                entry,
                with_matched,
                nominal: false,
                sentence,
            };
            hit.nominal = self.is_nominal(&hit, &self.lex.triggers[entry as usize]);
            hits.push(hit);
        }
        // Precedence. A trigger inside the companion span of a governing
        // trigger (one that takes "to VERB", or an appeal, intent, demand,
        // rejection or threat) yields to it, as does a verb right after a
        // span and "to" ("commitment to strengthen"). Inside another span,
        // a longer noun head that holds the companion word is more specific
        // and wins ("signed a *ceasefire agreement*").
        // The kept hits are compacted into the front of `hits`: `kept` of
        // them, never more than were read.
        let mut kept = 0;
        // (companion start, end, governing, light verb head)
        let mut span: Option<(usize, usize, bool, bool)> = None;
        for r in 0..hits.len() {
            let h = hits[r];
            if let Some((companion, end, governing, light)) = span
                && h.first < end
            {
                let specific = !governing
                    && light
                    && h.first <= companion
                    && h.end > companion
                    && h.end - h.first > 1;
                if specific {
                    // It replaces the last kept hit.
                    span = None;
                    hits[kept - 1] = h;
                }
                continue;
            }
            if let Some(prev) = kept.checked_sub(1).map(|i| hits[i])
                && prev.with_matched
                && prev.span_end + 1 == h.first
                && self.low(prev.span_end) == "to"
                && !h.nominal
            {
                continue;
            }
            if h.with_matched {
                let t = &self.lex.triggers[h.entry as usize];
                let companion = self.companion_start(&h);
                let governing = (h.end..companion).any(|k| self.low(k) == "to")
                    || matches!(t.cameo.root(), 2 | 3 | 10 | 12 | 13);
                // (Asked only of a span that does not govern: see above.)
                let light = !governing
                    && self.lex.light.ending_at(h.end, self.doc) == Some(h.end - h.first);
                span = Some((companion, h.span_end, governing, light));
            } else {
                span = None;
            }
            hits[kept] = h;
            kept += 1;
        }
        hits.truncate(kept);
        hits
    }

    /// The first token of a hit's companion word.
    fn companion_start(&self, h: &Hit) -> usize {
        let t = &self.lex.triggers[h.entry as usize];
        t.with
            .iter()
            .filter(|f| f.len() <= h.span_end - h.end)
            .map(|f| h.span_end - f.len())
            .filter(|&k| {
                let f = t.with.iter().find(|f| f.len() == h.span_end - k);
                f.is_some_and(|f| f.iter().enumerate().all(|(i, w)| self.low(k + i) == w))
            })
            .min()
            .unwrap_or(h.span_end.saturating_sub(1))
    }

    /// Whether a verb trigger opens a verb phrase of its own (after "and", a
    /// comma or its subject), rather than being a participle inside a noun
    /// phrase ("release *detained* Americans").
    fn starts_verb_phrase(&self, h: &Hit) -> bool {
        let mut k = h.first;
        while k > 0 {
            let p = k - 1;
            if self.mention(p).is_some() {
                return true;
            }
            match self.function(p) {
                Some(WordClass::Aux | WordClass::Adv | WordClass::Pron) => return true,
                Some(WordClass::Conj) => return true,
                _ => {}
            }
            if self.low(p).ends_with("ly") && self.is_lower_word(p) {
                k = p;
                continue;
            }
            return self.is_byte(p, b',') || self.is_any(p, &["to", "who", "which", "that"]);
        }
        true
    }

    /// The line whose companion form starts nearest after `start`, within
    /// four words (of equally near ones, the first line; of a line's forms,
    /// the first in its `with`), given the `forms` of a head's lines: one
    /// past the form's last token, and the line.
    fn companion(
        &self,
        start: usize,
        s_end: usize,
        forms: &[(u32, u16, u16)],
    ) -> Option<(usize, u16)> {
        // (words before the form, line, end); lines are numbered in file
        // order, so the lower wins a tie. Past the best's words, none can.
        let mut best: Option<(usize, u16, usize)> = None;
        let mut words = 0;
        let mut k = start;
        while k < s_end && words < 4 && best.is_none_or(|b| b.0 >= words) {
            let t = &self.doc.tokens[k];
            let one_byte = t.end() - t.start == 1;
            if (one_byte
                && matches!(
                    self.doc.text.as_bytes()[t.start as usize],
                    b'.' | b';' | b':' | b'!' | b'?' | b'(' | b')'
                ))
                || matches!(t.kind, TokenKind::OpenQuote | TokenKind::CloseQuote)
            {
                break;
            }
            if let Some(word) = self.lex.companion_words.get_token(self.doc, k) {
                for &(w, id, i) in forms {
                    if w != word || best.is_some_and(|b| (b.0, b.1) <= (words, id)) {
                        continue;
                    }
                    let f = &self.lex.triggers[usize::from(id)].with[usize::from(i)];
                    if k + f.len() <= s_end
                        && f.iter().enumerate().all(|(i, w)| self.low(k + i) == w)
                    {
                        best = Some((words, id, k + f.len()));
                    }
                }
            }
            if matches!(self.kind(k), TokenKind::Word | TokenKind::Number) {
                // A name counts as one word.
                match self.mention_starting(k) {
                    Some(m) => {
                        words += 1;
                        k = m.end;
                        continue;
                    }
                    None => words += 1,
                }
            }
            k += 1;
        }
        best.map(|(_, id, end)| (end, id))
    }

    /// Whether a hit is used as a noun: "the meeting", "Russia's attacks",
    /// "US attacks on Syria" (but "Russia attacks Ukraine" is a verb).
    fn is_nominal(&self, h: &Hit, t: &Trigger) -> bool {
        if t.noun {
            return true;
        }
        let w = self.low(h.first);
        if w.ends_with("ed") || arguments::IRREGULAR_PARTICIPLES.contains(&w) {
            return false;
        }
        // The object of a light verb: "carried out strikes on".
        if let Some(len) = self.lex.light.ending_at(h.first, self.doc)
            && self.function(h.first - len) != Some(WordClass::Aux)
        {
            return true;
        }
        let mut k = h.first;
        let mut skipped = 0;
        while k > 0 && skipped <= 3 {
            let p = k - 1;
            if self.kind(p) == TokenKind::Possessive || self.kind(p) == TokenKind::Number {
                return true;
            }
            if let Some(m) = self.mention_ending(p) {
                // A base-form verb after a single name is a noun the name
                // modifies: "Fox News host Sean Hannity".
                let base = h.end == h.first + 1 && self.low(h.first) == t.base;
                let coordinated = m.first > 0 && self.is_any(m.first - 1, &["and", "or"]);
                if skipped == 0 && base && !coordinated && self.tok(m.first) != "they" {
                    return true;
                }
                // A name right before the head: a compound noun if a
                // preposition follows ("US attacks on"), a subject if an
                // object does ("Russia attacks Ukraine"). A name before
                // other words is the subject of a verb whose object the
                // trigger is ("the EU increased pressure on").
                return (skipped > 0 && !self.low(h.first).ends_with("ing"))
                    || (h.end < self.n()
                        && self.mention_starting(h.end).is_none()
                        && self.function(h.end) == Some(WordClass::Prep));
            }
            match self.function(p) {
                Some(WordClass::Det) => return true,
                Some(WordClass::Pron) => {
                    return matches!(self.low(p), "his" | "her" | "its" | "their" | "our" | "my");
                }
                Some(_) => return false,
                None => {}
            }
            let x = self.low(p);
            if x.ends_with("n't") || x.ends_with("n’t") {
                return false;
            }
            if self.is_lower_word(p) && !x.ends_with("ly") && !self.is_any(p, &["longer", "yet"]) {
                skipped += 1;
                k = p;
                continue;
            }
            return false;
        }
        false
    }

    /// Builds the relations of one trigger.
    fn relations_of(&self, h: &Hit, next_verb: usize, out: &mut Vec<Draft>) {
        let t = &self.lex.triggers[h.entry as usize];
        let (s_start, s_end) = self.sentence_range(h.sentence);
        let mut l = self.clause_start(h.first, s_start);
        if self.piece_start(h.first) == l && (self.low(l) == "to" || l == h.first) {
            // "China tried to intimidate ...", "Japan is considering
            // signing ...": a content with no subject of its own has the
            // cue's.
            l = self.clause_start_in(h.first, s_start, false);
        }
        // The clause's end, read once a target or an agent is looked for.
        let clause_end = || self.clause_end(h.span_end, s_end, next_verb);
        let r;
        let mut np_start = h.first;
        let mut sources: Vec<usize>;
        let mut targets: Vec<usize>;
        // The targets in the trigger's slots are read only where they are
        // used: a passive's target is its subject, and a verb with no
        // subject has parties only between the targets of a mutual trigger.
        if h.nominal {
            let (mods, start) = self.modifiers(h, l, s_end);
            np_start = start;
            r = clause_end();
            let (found, between) = if t.symmetric {
                self.targets(h, t, r)
            } else {
                (Vec::new(), false)
            };
            if between && found.len() >= 2 {
                // "talks between X and Y": the parties are X and Y.
                sources = vec![found[0]];
                targets = found[1..].to_vec();
            } else {
                sources = if mods.is_empty() {
                    self.nominal_subject(h, np_start, l, s_end)
                } else {
                    mods
                };
                targets = if t.symmetric {
                    found
                } else if sources.is_empty() {
                    return;
                } else {
                    self.targets(h, t, r).0
                };
            }
        } else if self.is_passive(h) {
            r = clause_end();
            sources = self.agent(h.span_end, r);
            targets = self.subject(h.first, l, s_start, h);
        } else {
            sources = self.subject(h.first, l, s_start, h);
            if sources.is_empty() && !t.symmetric {
                return;
            }
            r = clause_end();
            let between;
            (targets, between) = self.targets(h, t, r);
            if sources.is_empty() && between && t.symmetric && targets.len() >= 2 {
                sources = vec![targets[0]];
                targets = targets[1..].to_vec();
            }
        }
        dedup(&mut sources);
        dedup(&mut targets);
        targets.retain(|x| !sources.contains(x));
        if sources.is_empty() {
            return;
        }
        let modality = self.modality(h, l, np_start, s_start);
        let statement = self.piece(h.first).map(|(_, s)| s);
        let mut push = |source: usize, target: usize, symmetric: bool| {
            let (cameo, goldstein) = self.code(t, source, target);
            out.push(Draft {
                first: h.first,
                end: h.span_end,
                source,
                target,
                symmetric,
                cameo,
                goldstein,
                modality,
                sentence: h.sentence,
                statement,
            });
        };
        if targets.is_empty() {
            // Coordinated subjects acting on each other.
            let reciprocal = self.reciprocal_after(h.span_end, r);
            let mutual = (t.symmetric && (reciprocal || !self.object_after(h)))
                || ((3..=6).contains(&t.cameo.root()) && reciprocal);
            if sources.len() >= 2 && mutual {
                for i in 0..sources.len() {
                    for j in i + 1..sources.len() {
                        push(sources[i], sources[j], true);
                    }
                }
            }
            return;
        }
        for &s in &sources {
            for &x in &targets {
                push(s, x, t.symmetric);
            }
        }
    }

    /// The CAMEO code and Goldstein value of a relation: the trigger's, or
    /// 111 for figurative violence between domestic political actors.
    fn code(&self, t: &Trigger, source: usize, target: usize) -> (CameoCode, f32) {
        let (a, b) = (&self.actors[source], &self.actors[target]);
        if !t.figurative {
            return (t.cameo, t.goldstein);
        }
        // Politicians, parties, agencies and outlets; not states, armed
        // groups or international organizations.
        let political = |x: &Actor| {
            matches!(x.kind, ActorKind::Organization | ActorKind::Media)
                && !x.code.as_deref().is_some_and(|c| {
                    ["MIL", "REB", "INS", "TER", "IGO", "ISIS", "SEP"]
                        .iter()
                        .any(|s| c.contains(s))
                })
        };
        let persons = a.kind == ActorKind::Person && b.kind == ActorKind::Person;
        let domestic = (political(a) || a.kind == ActorKind::Person)
            && (political(b) || b.kind == ActorKind::Person)
            && (a.country.is_none() || b.country.is_none() || a.country == b.country);
        if (persons || domestic)
            && let Ok(code) = "111".parse()
        {
            return (code, -2.0);
        }
        (t.cameo, t.goldstein)
    }

    /// Whether a noun phrase other than a name follows a verb trigger: in
    /// "Reagan and Trump battled staunch opposition", they did not battle
    /// each other.
    fn object_after(&self, h: &Hit) -> bool {
        if h.nominal || h.span_end >= self.n() {
            return false;
        }
        let k = h.span_end;
        self.mention(k).is_none()
            && (self.function(k) == Some(WordClass::Det)
                || (self.is_lower_word(k)
                    && self.function(k).is_none()
                    && !self.low(k).ends_with("ly")))
    }

    /// Whether a reciprocal word ("their", "each other", "together")
    /// follows the trigger within a few tokens.
    fn reciprocal_after(&self, from: usize, r: usize) -> bool {
        (from..r.min(from + 6)).any(|k| self.lex.reciprocal.starting_at(k, r, self.doc).is_some())
    }

    /// Drops what must not be emitted, dedups and numbers the relations.
    fn finish(
        &self,
        mut drafts: Vec<Draft>,
        statement_id: impl Fn(usize) -> String,
    ) -> Vec<Relation> {
        let text = self.doc.text;
        drafts.retain(|d| {
            d.source != d.target
                && !self.own_state(d.source, d.target)
                && !self.calendar_word(d.source)
                && !self.calendar_word(d.target)
        });
        drafts.sort_by_key(|d| (d.first, d.end));
        // One relation per pair, root and modality in a sentence: "co-chaired
        // the consultations, a dialogue ..., with X" is one event.
        let mut seen = HashSet::new();
        drafts.retain(|d| {
            let (a, b) = if d.symmetric && d.target < d.source {
                (d.target, d.source)
            } else {
                (d.source, d.target)
            };
            seen.insert((d.sentence, a, b, d.cameo.root(), d.modality))
        });
        drafts
            .into_iter()
            .enumerate()
            .map(|(i, d)| {
                let span = Span::new(
                    self.doc.tokens[d.first].start as usize,
                    self.doc.tokens[d.end - 1].end() as usize,
                );
                let root = d.cameo.root_code();
                Relation {
                    id: crate::model::numbered_id('R', i + 1),
                    source: self.actors[d.source].id.clone(),
                    target: self.actors[d.target].id.clone(),
                    symmetric: d.symmetric,
                    cameo: root,
                    quad: root.quad_class(),
                    goldstein: d.goldstein,
                    modality: d.modality,
                    trigger: Excerpt::new(text, span),
                    sentence: d.sentence,
                    statement: d.statement.map(&statement_id),
                }
            })
            .collect()
    }

    /// Whether an actor is named by a weekday or month ("Wednesday"): a
    /// date the actor stage mistook for a name, never a party.
    fn calendar_word(&self, a: usize) -> bool {
        // Full month names only: "May" and "Mar." name people and places.
        const MONTHS: &[&str] = &[
            "january",
            "february",
            "march",
            "april",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ];
        let name = &self.actors[a].name;
        // No character outside ASCII lowercases to a month's letters: an
        // ASCII comparison finds what a lowercase copy would.
        crate::date::is_weekday(name) || MONTHS.iter().any(|m| name.eq_ignore_ascii_case(m))
    }

    /// Whether one of two actors is a person in office and the other that
    /// person's own state ("Putin" and "Russia" are not two parties).
    fn own_state(&self, a: usize, b: usize) -> bool {
        let (a, b) = (&self.actors[a], &self.actors[b]);
        let check = |p: &Actor, s: &Actor| {
            p.kind == ActorKind::Person
                && s.kind == ActorKind::Country
                && p.country.is_some()
                && p.country == s.country
                && p.code.as_deref().is_some_and(|c| c.ends_with("GOV"))
        };
        check(a, b) || check(b, a)
    }
}

/// Sorts keys `offset << 32 | index` with offsets up to `limit`, as
/// `sort_unstable` would: a counting sort by blocks of 64 offsets, then an
/// insertion sort that only moves keys within their block. Linear in the
/// keys and the blocks, where a comparison sort of a long text's mentions
/// takes a log factor more.
fn sort_by_offset(keys: &mut Vec<u64>, limit: usize) {
    let block = |key: u64| (key >> 38) as usize;
    let mut at = vec![0u32; (limit >> 6) + 2];
    for &key in keys.iter() {
        at[block(key) + 1] += 1;
    }
    for b in 1..at.len() {
        at[b] += at[b - 1];
    }
    let mut sorted = vec![0u64; keys.len()];
    for &key in keys.iter() {
        let slot = &mut at[block(key)];
        sorted[*slot as usize] = key;
        *slot += 1;
    }
    for i in 1..sorted.len() {
        let key = sorted[i];
        let mut j = i;
        while j > 0 && sorted[j - 1] > key {
            sorted[j] = sorted[j - 1];
            j -= 1;
        }
        sorted[j] = key;
    }
    *keys = sorted;
}

/// Drops the repeats in `v`, keeping first occurrences in order.
fn dedup(v: &mut Vec<usize>) {
    // A few parties: comparing them costs less than a hash set.
    if v.len() <= 16 {
        let mut kept = 0;
        for i in 0..v.len() {
            if !v[..kept].contains(&v[i]) {
                v[kept] = v[i];
                kept += 1;
            }
        }
        v.truncate(kept);
        return;
    }
    let mut seen = HashSet::new();
    v.retain(|x| seen.insert(*x));
}

/// For each of `n` tokens, the mention covering it, or `NONE`: longer
/// mentions win over the mentions nested in them, and of equal ones the
/// later by their `index`. Painted in text order (`mentions` are sorted by first
/// token), a long text's table is written from start to end, not all over;
/// a token already painted keeps the longer of its two mentions.
fn paint(mentions: &[MentionRef], n: usize) -> Vec<u32> {
    let mut mention_at = vec![NONE; n];
    for (i, m) in mentions.iter().enumerate() {
        let rank = (m.end - m.first, m.index);
        for at in &mut mention_at[m.first..m.end] {
            let was = *at as usize;
            if *at == NONE || {
                let w = &mentions[was];
                (w.end - w.first, w.index) < rank
            } {
                *at = i as u32;
            }
        }
    }
    mention_at
}

/// The runs of tokens of `pieces` that do not overlap, in text order: as
/// [`innermost_runs`], each piece its own run.
fn disjoint_runs(pieces: &[(usize, usize, usize)]) -> Vec<(u32, u32)> {
    let mut runs: Vec<(u32, u32)> = Vec::with_capacity(2 * pieces.len());
    for (p, &(first, end, _)) in pieces.iter().enumerate() {
        match runs.last_mut() {
            // It starts where the one before ends.
            Some(last) if last.0 == first as u32 => last.1 = p as u32,
            _ => runs.push((first as u32, p as u32)),
        }
        runs.push((end as u32, NONE));
    }
    runs
}

/// The runs of tokens that share their innermost piece (the shortest that
/// holds them; of equal ones, the first): `(first token, piece)` pairs in
/// text order, `NONE` for tokens in no piece. `pieces` are sorted shortest
/// first. A sweep over the pieces' bounds with a heap of the open ones, so
/// time and memory follow the number of pieces, not of tokens.
fn innermost_runs(pieces: &[(usize, usize, usize)]) -> Vec<(u32, u32)> {
    use std::cmp::Reverse;
    // The bounds in one sort of one word each: a start with its piece, an
    // end with no piece (after the starts at the same bound).
    let mut bounds: Vec<u64> = Vec::with_capacity(2 * pieces.len());
    for (p, &(a, b, _)) in pieces.iter().enumerate() {
        bounds.push((a as u64) << 32 | p as u64);
        bounds.push((b as u64) << 32 | u64::from(NONE));
    }
    bounds.sort_unstable();
    let mut open = std::collections::BinaryHeap::with_capacity(pieces.len());
    let mut runs: Vec<(u32, u32)> = Vec::with_capacity(bounds.len());
    let mut i = 0;
    while i < bounds.len() {
        let x = (bounds[i] >> 32) as u32;
        while i < bounds.len() && (bounds[i] >> 32) as u32 == x {
            let p = bounds[i] as u32;
            if p != NONE {
                open.push(Reverse(p));
            }
            i += 1;
        }
        // Pieces that ended leave when they come to the top.
        while let Some(&Reverse(p)) = open.peek() {
            if pieces[p as usize].1 > x as usize {
                break;
            }
            open.pop();
        }
        let piece = open.peek().map_or(NONE, |r| r.0);
        if runs.last().is_none_or(|&(_, last)| last != piece) {
            runs.push((x, piece));
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The innermost piece of each token, by brute force over `pieces`
    /// (shortest first, so the first that holds a token is its innermost).
    fn innermost_naive(pieces: &[(usize, usize, usize)], k: usize) -> u32 {
        pieces
            .iter()
            .position(|&(a, b, _)| a <= k && k < b)
            .map_or(NONE, |p| p as u32)
    }

    /// The piece of each of `n` tokens, read from `runs`.
    fn read_runs(runs: &[(u32, u32)], n: usize) -> Vec<u32> {
        (0..n)
            .map(|k| {
                let run = runs.partition_point(|&(first, _)| first as usize <= k);
                run.checked_sub(1).map_or(NONE, |r| runs[r].1)
            })
            .collect()
    }

    #[test]
    fn innermost_runs_match_a_token_by_token_fill() {
        let cases: &[&[(usize, usize, usize)]] = &[
            &[],
            // Nested: a quotation inside a longer content.
            &[(3, 5, 1), (1, 9, 0)],
            // Disjoint, adjacent, and two of the same length overlapping.
            &[(0, 2, 0), (2, 4, 1), (6, 8, 2), (7, 9, 3)],
            // Equal pieces: the first wins.
            &[(2, 6, 0), (2, 6, 1), (0, 10, 2)],
        ];
        for pieces in cases {
            let got = read_runs(&innermost_runs(pieces), 12);
            for (k, &got) in got.iter().enumerate() {
                assert_eq!(got, innermost_naive(pieces, k), "{pieces:?} at {k}");
            }
        }
    }

    #[test]
    fn mentions_are_painted_longest_then_latest_first() {
        let mut rng = crate::testing::XorShift(0x2545_f491_4f6c_dd1d);
        let mut next = move |n: usize| rng.below(n);
        for _ in 0..300 {
            let n = 40;
            // Their indices in some other order than the text's.
            let count = next(15);
            let mut mentions: Vec<MentionRef> = (0..count)
                .map(|actor| {
                    let first = next(35);
                    MentionRef {
                        first,
                        end: first + 1 + next(5),
                        actor,
                        form: MentionForm::Name,
                        index: (count - 1 - actor) as u32,
                    }
                })
                .collect();
            // In text order.
            mentions.sort_by_key(|m| m.first);
            let got = paint(&mentions, n);
            for (k, &got) in got.iter().enumerate() {
                let want = (0..mentions.len())
                    .filter(|&i| mentions[i].first <= k && k < mentions[i].end)
                    .max_by_key(|&i| (mentions[i].end - mentions[i].first, mentions[i].index))
                    .map_or(NONE, |i| i as u32);
                assert_eq!(got, want, "token {k}");
            }
        }
    }

    #[test]
    fn offsets_sort_as_a_comparison_sort_does() {
        let mut rng = crate::testing::XorShift(0x2545_f491_4f6c_dd1d);
        let mut next = move |n: u64| rng.next() % n;
        for round in 0..300 {
            let limit = [0, 1, 63, 64, 500, 100_000][round % 6];
            let mut keys: Vec<u64> = (0..next(200))
                .map(|i| next(limit as u64 + 1) << 32 | i)
                .collect();
            let mut want = keys.clone();
            want.sort_unstable();
            sort_by_offset(&mut keys, limit);
            assert_eq!(keys, want, "limit {limit}");
        }
    }

    #[test]
    fn dedup_keeps_first_occurrences_in_order() {
        for len in [0, 1, 5, 16, 17, 40] {
            let v: Vec<usize> = (0..len).map(|i| (i * 7) % 5 + i / 9).collect();
            let mut want = Vec::new();
            for &x in &v {
                if !want.contains(&x) {
                    want.push(x);
                }
            }
            let mut got = v.clone();
            dedup(&mut got);
            assert_eq!(got, want, "{v:?}");
        }
    }

    #[test]
    fn innermost_runs_match_a_fill_on_made_up_pieces() {
        let mut rng = crate::testing::XorShift(0x9e37_79b9_7f4a_7c15);
        let mut next = move |n: usize| rng.below(n);
        for _ in 0..500 {
            let mut pieces: Vec<(usize, usize, usize)> = (0..next(12))
                .map(|i| {
                    let a = next(30);
                    (a, a + 1 + next(10), i)
                })
                .collect();
            pieces.sort_by_key(|&(a, b, _)| b - a);
            let got = read_runs(&innermost_runs(&pieces), 45);
            for (k, &got) in got.iter().enumerate() {
                assert_eq!(got, innermost_naive(&pieces, k), "{pieces:?} at {k}");
            }
        }
    }

    #[test]
    fn disjoint_runs_match_a_fill_on_made_up_pieces() {
        let mut rng = crate::testing::XorShift(0x9e37_79b9_7f4a_7c15);
        let mut next = move |n: usize| rng.below(n);
        for _ in 0..500 {
            // In text order, some touching.
            let mut pieces = Vec::new();
            let mut a = next(3);
            for i in 0..next(8) {
                let b = a + 1 + next(5);
                pieces.push((a, b, i));
                a = b + next(3);
            }
            let got = read_runs(&disjoint_runs(&pieces), 70);
            for (k, &got) in got.iter().enumerate() {
                assert_eq!(got, innermost_naive(&pieces, k), "{pieces:?} at {k}");
            }
        }
    }

    #[test]
    fn lexicons_load() {
        let lex = RelationLexicon::load().unwrap();
        assert!(lex.triggers.len() > 400);
        assert!(lex.adjectives.contains("russian"));
        assert!(lex.modality.get("unlikely").is_none());
        assert!(lex.modality.get("to").is_some_and(|cues| !cues.is_empty()));
        assert_eq!(
            lex.function.get("the"),
            Some(crate::text::words::WordClass::Det)
        );
        assert_eq!(
            lex.function.get("nevertheless"),
            Some(crate::text::words::WordClass::Adv)
        );
        assert_eq!(lex.function.get("summit"), None);
    }
}
