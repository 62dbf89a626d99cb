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

use crate::analyzer::Inner;
use crate::gazetteer::matcher::PhraseMatcher;
use crate::model::{Actor, ActorKind, Mention, MentionForm, Statement, StatementKind};
use crate::span::{Excerpt, Span};
use crate::text::words::WORDS;
use crate::text::{Doc, TokenKind, flag};
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
}

/// The compiled cue lexicon, shared between analyzer clones.
#[derive(Clone)]
pub(crate) struct StatementData(Arc<CueLexicon>);

struct CueLexicon {
    entries: Vec<CueEntry>,
    matcher: PhraseMatcher<u16>,
    /// Lowercase nouns that head sources ("officials", "the poll").
    source_nouns: std::collections::HashSet<&'static str>,
    /// Cue forms in -ing ("saying", "adding").
    participles: std::collections::HashSet<String>,
}

impl CueLexicon {
    /// Whether `w` is a cue participle ("saying", "adding").
    fn matcher_forms_participle(&self, w: &str) -> bool {
        self.participles.contains(w)
    }
}

impl StatementData {
    pub fn load() -> crate::Result<StatementData> {
        let table = Table::parse("data/cues.tsv", include_str!("../../data/cues.tsv"))?;
        let cols = ["lemma", "forms", "pos", "class", "rate"].map(|c| table.column(c));
        let [lemma, forms, pos, class, rate] = cols;
        let (lemma, forms, pos, class, rate) = (lemma?, forms?, pos?, class?, rate?);
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
        let source_nouns = nouns.rows().iter().map(|r| r.get(w)).collect();
        Ok(StatementData(Arc::new(CueLexicon {
            entries,
            matcher: PhraseMatcher::new(phrases)?,
            source_nouns,
            participles,
        })))
    }
}

/// Words that may stand between a source and its cue and belong to the cue:
/// auxiliaries, negation, adverbs ("has also said", "did not say").
const CUE_PREFIX: &[&str] = &[
    "has",
    "have",
    "had",
    "is",
    "was",
    "were",
    "are",
    "be",
    "been",
    "will",
    "would",
    "could",
    "should",
    "may",
    "might",
    "must",
    "can",
    "did",
    "does",
    "do",
    "also",
    "not",
    "n't",
    "never",
    "just",
    "again",
    "previously",
    "later",
    "recently",
    "reportedly",
    "once",
    "even",
    "then",
    "still",
    "already",
    "repeatedly",
    "publicly",
    "privately",
    "often",
    "always",
    "quickly",
    "simply",
    "further",
    "now",
    "flatly",
    "openly",
    "explicitly",
    "first",
    "had",
];

/// Time and place words that may follow a cue before the end of an
/// attribution ("he said Tuesday", "she told reporters in Geneva").
const AFTER_CUE: &[&str] = &[
    "on",
    "in",
    "at",
    "during",
    "after",
    "before",
    "last",
    "this",
    "late",
    "early",
    "earlier",
    "later",
    "recently",
    "yesterday",
    "today",
    "tonight",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "morning",
    "afternoon",
    "evening",
    "night",
    "week",
    "month",
    "year",
    "told",
    "to",
    "via",
    "through",
    "by",
    "while",
    "when",
    "as",
];

/// Verbs whose recipient stands between the cue and the content ("told
/// reporters that").
const RECIPIENT_CUES: &[&str] = &["tell", "assure", "remind", "warn", "inform", "urge", "ask"];

/// Determiners and quantifiers that open a noun phrase.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "his", "her", "their", "its", "our", "some", "many", "most", "several",
    "both", "few", "all", "these", "those",
];

const NONE: u32 = u32::MAX;

/// A pair of quotation marks: token indices of the opening and closing mark.
#[derive(Debug, Clone, Copy)]
struct Quote {
    open: usize,
    close: usize,
}

/// A statement under construction, in token indices.
#[derive(Debug, Clone)]
struct Draft {
    cue: (usize, usize),
    source: Option<(usize, usize)>,
    content: (usize, usize),
    more: Vec<(usize, usize)>,
    speaker: Option<usize>,
    via: Option<usize>,
    direct: bool,
    first_person: bool,
    entry: u16,
}

struct Reader<'d, 'a> {
    doc: &'d Doc<'a>,
    lex: &'d CueLexicon,
    /// For each token, the actor whose mention covers it.
    actor_at: Vec<u32>,
    actor_kinds: Vec<ActorKind>,
    quotes: Vec<Quote>,
    /// For each token, the quote region holding it (marks included).
    quote_at: Vec<u32>,
    /// For each sentence, its first and one-past-last token.
    sentences: Vec<(usize, usize)>,
}

/// The statements of the document, in text order; pronoun sources that the
/// statement stage resolves differently move to their speaker in `actors`.
pub(crate) fn extract(doc: &Doc<'_>, inner: &Inner, actors: &mut [Actor]) -> Vec<Statement> {
    let lex = &inner.statements.0;
    let reader = Reader::new(doc, lex, actors);
    let drafts = reader.read();
    reader.finish(drafts, actors)
}

impl<'d, 'a> Reader<'d, 'a> {
    fn new(doc: &'d Doc<'a>, lex: &'d CueLexicon, actors: &[Actor]) -> Reader<'d, 'a> {
        let n = doc.tokens.len();
        let mut actor_at = vec![NONE; n];
        for (a, actor) in actors.iter().enumerate() {
            for m in &actor.mentions {
                let first = doc.token_at_or_after(m.start);
                let mut k = first;
                while k < n && (doc.tokens[k].end as usize) <= m.end {
                    actor_at[k] = a as u32;
                    k += 1;
                }
            }
        }
        let (quotes, quote_at) = pair_quotes(doc);
        let sentences = doc
            .sentence_tokens
            .iter()
            .map(|r| (r.start, r.end))
            .collect();
        Reader {
            doc,
            lex,
            actor_at,
            actor_kinds: actors.iter().map(|a| a.kind).collect(),
            quotes,
            quote_at,
            sentences,
        }
    }

    fn n(&self) -> usize {
        self.doc.tokens.len()
    }

    fn tok(&self, i: usize) -> &'a str {
        self.doc.tok(i)
    }

    fn low(&self, i: usize) -> &str {
        self.doc.low(i)
    }

    fn is_any(&self, i: usize, words: &[&str]) -> bool {
        i < self.n() && words.contains(&self.low(i))
    }

    fn kind(&self, i: usize) -> TokenKind {
        self.doc.tokens[i].kind
    }

    fn is_punct(&self, i: usize, p: &str) -> bool {
        i < self.n() && self.kind(i) == TokenKind::Punct && self.tok(i) == p
    }

    fn quote_of(&self, i: usize) -> Option<Quote> {
        match self.quote_at.get(i) {
            Some(&q) if q != NONE => Some(self.quotes[q as usize]),
            _ => None,
        }
    }

    fn sentence(&self, i: usize) -> (usize, usize) {
        self.doc
            .sentence_of(i)
            .map_or((i, i + 1), |s| self.sentences[s])
    }

    /// Whether token `i` is a personal pronoun (he, she, they, we, I, ...).
    fn is_pronoun(&self, i: usize) -> bool {
        self.doc.tokens[i].is_word()
            && WORDS
                .pronoun(self.tok(i))
                .is_some_and(|p| matches!(p.case, crate::text::words::PronounCase::Subj))
    }

    // ----- the pass over cues ---------------------------------------------

    fn read(&self) -> Vec<Draft> {
        let doc = self.doc;
        let hits = self.lex.matcher.find(&doc.lower, &doc.tokens);
        let mut drafts: Vec<Draft> = Vec::new();
        // The end of the last statement's content: a cue inside it is
        // nested speech unless a new clause opens before its source.
        let mut covered_until = 0usize;
        for h in hits {
            if self.quote_of(h.first).is_some() {
                continue;
            }
            let Some(&entry) = self.lex.matcher.values(h.pattern).first() else {
                continue;
            };
            let prev = drafts
                .last()
                .filter(|d| self.doc.sentence_of(d.cue.0) == self.doc.sentence_of(h.first));
            let Some(draft) = self.read_cue(h.first, h.end, entry, prev) else {
                continue;
            };
            if h.first < covered_until {
                let Some(last) = drafts.last_mut() else {
                    continue;
                };
                if let Some(cut) = self.clause_break_before(&draft, last.content) {
                    // "X said A, but Y said B": A ends before the new clause.
                    last.content.1 = cut;
                } else if last
                    .speaker
                    .is_some_and(|s| self.actor_kinds[s] == ActorKind::Media)
                    && draft.source.is_some()
                    && draft.content.0 >= h.end
                {
                    // "Xinhua said Putin pledged ...": Putin's statement,
                    // through Xinhua.
                    let via = last.speaker;
                    *last = Draft { via, ..draft };
                    covered_until = last.content.1.max(last.more.last().map_or(0, |m| m.1));
                    continue;
                } else {
                    continue;
                }
            }
            covered_until = draft.content.1.max(draft.more.last().map_or(0, |m| m.1));
            drafts.push(draft);
        }
        drafts.retain(|d| d.content.0 < d.content.1);
        drafts
    }

    /// Where a previous content must end for a new attribution to start:
    /// before ", but he said", "; officials said", ", saying ...". Returns
    /// the new end of `content`, if the new draft opens a clause inside it.
    fn clause_break_before(&self, draft: &Draft, content: (usize, usize)) -> Option<usize> {
        let start = draft.source.map_or(draft.cue.0, |s| s.0.min(draft.cue.0));
        if start <= content.0 || start >= content.1 {
            return None;
        }
        let mut k = start;
        if k > content.0
            && self.is_any(
                k - 1,
                &["but", "and", "while", "as", "although", "though", "whereas"],
            )
        {
            k -= 1;
        }
        if k > content.0
            && matches!(self.tok(k - 1), "," | ";" | "—" | "–")
            && self.kind(k - 1) == TokenKind::Punct
        {
            let strong_source = draft.source.is_some_and(|(a, b)| {
                (a..b).any(|x| self.actor_at[x] != NONE) || self.is_pronoun(a)
            });
            if strong_source || self.is_participle(draft) {
                return Some(k - 1);
            }
        }
        None
    }

    fn is_participle(&self, d: &Draft) -> bool {
        let head = d.cue.1 - 1;
        self.low(head).ends_with("ing")
            && d.source
                .is_none_or(|s| s.1 <= d.cue.0.saturating_sub(1) || s.0 > d.cue.1)
    }

    /// Reads one cue at tokens `first..end` into a statement, if its shape
    /// allows. `prev` is the statement read last in the same sentence.
    fn read_cue(
        &self,
        first: usize,
        end: usize,
        entry: u16,
        prev: Option<&Draft>,
    ) -> Option<Draft> {
        let e = &self.lex.entries[entry as usize];
        if e.lemma == "according to" {
            return self.according_to(first, end, entry);
        }
        let (s_first, s_end) = self.sentence(first);
        // The cue takes the auxiliaries and adverbs before it, and a colon
        // right after it.
        let mut cue_first = first;
        while cue_first > s_first && self.is_any(cue_first - 1, CUE_PREFIX) {
            cue_first -= 1;
        }
        let mut cue_end = end;
        if self.is_punct(cue_end, ":") {
            cue_end += 1;
        }
        // A participle after a comma: "..., saying ...", "..., adding that
        // ...": the clause's subject speaks.
        if self.low(end - 1).ends_with("ing")
            && cue_first > s_first
            && matches!(self.tok(cue_first - 1), "," | "—" | "–")
            && !e.noun
        {
            let source = prev
                .and_then(|p| p.source)
                .or_else(|| self.clause_subject(s_first, cue_first - 1));
            let content = self.content_after(cue_end, s_end, e)?;
            if e.rate < 0.3 && !self.strong_content(content.0, cue_end) {
                return None;
            }
            return Some(self.draft((cue_first, cue_end), source, content, entry, end));
        }
        // Coordinated verbs: "Graham called both ... and said ...": the
        // clause's subject speaks.
        if cue_first > s_first + 1
            && self.is_any(cue_first - 1, &["and", "but"])
            && !e.noun
            && self.actor_at[cue_first - 2] == NONE
            && !self.doc.tokens[cue_first - 2].has(flag::CAP)
            && !self.is_pronoun(cue_first - 2)
        {
            let source = prev
                .and_then(|p| p.source)
                .or_else(|| self.clause_subject(s_first, cue_first - 1));
            if source.is_some() {
                let content = self.content_after(cue_end, s_end, e)?;
                if e.rate < 0.35 && !self.strong_content(content.0, cue_end) {
                    return None;
                }
                return Some(self.draft((cue_first, cue_end), source, content, entry, end));
            }
        }
        // Inverted: "..., said Trump." / "“...,” says the senator."
        if cue_first > s_first
            && self.closes_content(cue_first - 1)
            && !e.noun
            && let Some(src) = self.source_after(end, s_end)
        {
            let content = self.content_before(cue_first, s_first)?;
            return Some(self.draft((cue_first, cue_end), Some(src), content, entry, end));
        }
        let src = self.source_before(cue_first, s_first)?;
        // "“...,” he said." and "..., he said Tuesday.": the content comes
        // before the source.
        // A quotation may close the previous sentence: "“... missing.”
        // Trump said."
        let before = src.0.checked_sub(1).filter(|&b| {
            b >= s_first || (src.0 == s_first && self.kind(b) == TokenKind::CloseQuote)
        });
        let after_quote = before
            .is_some_and(|b| self.kind(b) == TokenKind::CloseQuote && self.quote_of(b).is_some());
        let after_comma =
            before.is_some_and(|b| self.tok(b) == "," && self.kind(b) == TokenKind::Punct);
        if after_quote || (after_comma && self.ends_attribution(cue_end, s_end)) {
            // "Still, he said, officials have to decide ...": a parenthetical
            // attribution with nothing before it but a discourse word.
            let parenthetical = after_comma
                && self.is_punct(cue_end, ",")
                && self.skip_discourse(s_first, src.0 - 1) >= src.0 - 1;
            if parenthetical {
                let content = self.content_after(cue_end, s_end, e)?;
                return Some(self.draft((cue_first, cue_end), Some(src), content, entry, end));
            }
            let content = self.content_before(src.0, s_first)?;
            return Some(self.draft((cue_first, cue_end), Some(src), content, entry, end));
        }
        if e.noun {
            return None;
        }
        let content = self.content_after(cue_end, s_end, e)?;
        // Beliefs, plans and findings are cues less often than speech:
        // they need a clause, a quotation or an infinitive after them.
        let threshold = match e.class {
            CueClass::Speech | CueClass::Writing | CueClass::Source => 0.1,
            CueClass::Stance | CueClass::Intention | CueClass::Evidence => 0.15,
        };
        if e.rate < threshold && !self.strong_content(content.0, cue_end) {
            return None;
        }
        Some(self.draft((cue_first, cue_end), Some(src), content, entry, end))
    }

    /// The subject of the clause before token `limit`: the first actor
    /// mention or pronoun of the sentence, with its noun phrase.
    fn clause_subject(&self, s_first: usize, limit: usize) -> Option<(usize, usize)> {
        let k = (s_first..limit).find(|&k| self.actor_at[k] != NONE || self.is_pronoun(k))?;
        if self.is_pronoun(k) {
            return Some((k, k + 1));
        }
        let a = self.actor_at[k];
        let mut end = k;
        while end < limit && self.actor_at[end] == a {
            end += 1;
        }
        self.source_before(end, s_first)
    }

    fn draft(
        &self,
        cue: (usize, usize),
        source: Option<(usize, usize)>,
        content: (usize, usize),
        entry: u16,
        cue_head_end: usize,
    ) -> Draft {
        let more = self.continuation(cue_head_end, source, content);
        let direct = self.is_quote(content);
        let first_person =
            (content.0..content.1).any(|k| self.is_any(k, &["i", "we", "my", "our", "me", "us"]));
        Draft {
            cue,
            source,
            content,
            more,
            speaker: source.and_then(|(a, b)| self.speaker_of(a, b)),
            via: None,
            direct,
            first_person,
            entry,
        }
    }

    /// Whether the content `first..end` is exactly one quotation.
    fn is_quote(&self, (first, end): (usize, usize)) -> bool {
        self.quote_of(first)
            .is_some_and(|q| q.open == first && q.close + 1 == end)
    }

    /// Whether a that-clause, a quotation or a colon opens the content, or
    /// the cue is followed by a to-infinitive.
    fn strong_content(&self, content_first: usize, cue_end: usize) -> bool {
        self.is_any(content_first, &["that", "to"])
            || self.quote_of(content_first).is_some()
            || (cue_end > 0 && self.is_punct(cue_end - 1, ":"))
    }

    /// Whether token `i` can end a content that precedes its attribution:
    /// a comma, or a closing quotation mark.
    fn closes_content(&self, i: usize) -> bool {
        let t = &self.doc.tokens[i];
        (t.kind == TokenKind::Punct && self.tok(i) == ",")
            || (t.kind == TokenKind::CloseQuote && self.quote_of(i).is_some())
    }

    /// Whether the attribution ends after the cue: the sentence ends, or
    /// only time and place phrases or a recipient follow, or a comma opens
    /// "according to", a participle or a resumed quotation.
    fn ends_attribution(&self, end: usize, s_end: usize) -> bool {
        let mut k = end;
        let mut steps = 0;
        while k < s_end && steps < 14 {
            let t = &self.doc.tokens[k];
            let w = self.tok(k);
            if matches!(w, "." | "!" | "?" | ";" | "..") && t.kind == TokenKind::Punct {
                return true;
            }
            if w == "," && t.kind == TokenKind::Punct {
                return true;
            }
            if t.kind == TokenKind::OpenQuote || self.is_any(k, &["that"]) {
                return false;
            }
            let ok = self.is_any(k, AFTER_CUE)
                || t.has(flag::CAP)
                || matches!(t.kind, TokenKind::Number | TokenKind::Possessive)
                || (t.kind == TokenKind::Punct && matches!(w, "-" | "(" | ")"))
                || self.is_any(
                    k,
                    &[
                        "the",
                        "a",
                        "an",
                        "his",
                        "her",
                        "their",
                        "its",
                        "reporters",
                        "journalists",
                        "him",
                        "them",
                        "me",
                        "us",
                        "interview",
                        "statement",
                        "speech",
                        "email",
                        "conference",
                        "call",
                        "news",
                        "press",
                        "briefing",
                        "rally",
                        "radio",
                        "television",
                        "show",
                        "program",
                        "appearance",
                        "post",
                        "tweet",
                        "letter",
                        "recent",
                        "separate",
                        "telephone",
                        "phone",
                        "forum",
                        "audience",
                        "crowd",
                        "supporters",
                        "event",
                        "meeting",
                        "hearing",
                        "town",
                        "hall",
                        "debate",
                        "of",
                        "about",
                        "with",
                        "from",
                        "for",
                    ],
                );
            if !ok {
                return false;
            }
            k += 1;
            steps += 1;
        }
        k >= s_end
    }

    // ----- sources --------------------------------------------------------

    /// The source noun phrase ending right before token `cue` (inside the
    /// sentence starting at `s_first`): an actor mention with its titles and
    /// appositive, a pronoun, or a short noun phrase ("officials", "a
    /// spokesman for the campaign").
    fn source_before(&self, cue: usize, s_first: usize) -> Option<(usize, usize)> {
        let mut end = cue;
        // Adverbs between the source and the cue belong to neither.
        while end > s_first
            && self.is_any(
                end - 1,
                &[
                    "however",
                    "meanwhile",
                    "too",
                    "though",
                    "instead",
                    "themselves",
                    "himself",
                    "herself",
                    "itself",
                ],
            )
        {
            end -= 1;
        }
        if end <= s_first {
            return None;
        }
        let last = end - 1;
        // "Ryan, a policy-focused conservative, insists": the name and its
        // appositive.
        if self.tok(last) == "," && self.kind(last) == TokenKind::Punct {
            return self.appositive_source(last, s_first);
        }
        self.noun_phrase_before(end, s_first)
    }

    /// A name and its appositive ending with the comma at `comma`: "Rep.
    /// Tom Cole of Oklahoma, an ally of GOP leadership,".
    fn appositive_source(&self, comma: usize, s_first: usize) -> Option<(usize, usize)> {
        let mut k = comma;
        while k > s_first && comma - k < 20 {
            let prev = k - 1;
            // Commas inside a quoted title ("author of “Going Viral,”") do
            // not end the appositive.
            if let Some(q) = self
                .quote_of(prev)
                .filter(|q| q.close == prev || q.close == prev + 1)
            {
                k = q.open;
                continue;
            }
            if matches!(self.tok(prev), "," | ";" | ":" | "(") {
                break;
            }
            k = prev;
        }
        if k <= s_first || self.tok(k - 1) != "," || k >= comma {
            return None;
        }
        // The appositive opens with an article, a number (an age) or a
        // source noun ("a Trump supporter", "35", "spokesman for ...").
        let opens = self.is_any(k, &["a", "an", "the", "who", "whose"])
            || self.kind(k) == TokenKind::Number
            || self.lex.source_nouns.contains(self.low(k))
            || self.doc.tokens[k].has(flag::CAP);
        if !opens || self.is_any(k, &["who", "whose"]) {
            return None;
        }
        let np = self.noun_phrase_before(k - 1, s_first)?;
        let named = (np.0..np.1).any(|x| self.actor_at[x] != NONE)
            || self.doc.tokens[np.1 - 1].has(flag::CAP);
        named.then_some((np.0, comma + 1))
    }

    /// The noun phrase ending right before token `end`.
    fn noun_phrase_before(&self, end: usize, s_first: usize) -> Option<(usize, usize)> {
        if end <= s_first {
            return None;
        }
        let last = end - 1;
        let t = &self.doc.tokens[last];
        if self.is_pronoun(last) || self.is_any(last, &["who", "which"]) {
            return Some((last, end));
        }
        if !matches!(t.kind, TokenKind::Word | TokenKind::Number) {
            return None;
        }
        let head_ok = self.actor_at[last] != NONE
            || (t.has(flag::CAP)
                && !(last == s_first && WORDS.function_word(self.low(last)).is_some()))
            || self.lex.source_nouns.contains(self.low(last));
        if !head_ok && !self.nounish(last) {
            return None;
        }
        // Walk left over names, titles, adjectives, determiners, links.
        let mut first = last;
        let mut steps = 0;
        while first > s_first && steps < 12 {
            let k = first - 1;
            let tk = &self.doc.tokens[k];
            let w = self.low(k);
            let part = match tk.kind {
                TokenKind::Word => {
                    (tk.has(flag::CAP)
                        && !(k == s_first
                            && WORDS.function_word(w).is_some()
                            && self.actor_at[k] == NONE))
                        || self.actor_at[k] != NONE
                        || matches!(
                            w,
                            "the"
                                | "a"
                                | "an"
                                | "of"
                                | "for"
                                | "at"
                                | "his"
                                | "her"
                                | "their"
                                | "its"
                                | "our"
                                | "some"
                                | "many"
                                | "most"
                                | "several"
                                | "other"
                                | "two"
                                | "three"
                                | "four"
                                | "both"
                                | "top"
                                | "senior"
                                | "former"
                                | "one"
                                | "few"
                                | "more"
                                | "all"
                                | "these"
                                | "those"
                        )
                        || (w == "and"
                            && k > s_first
                            && (self.doc.tokens[k - 1].has(flag::CAP)
                                || self.actor_at[k - 1] != NONE)
                            && (self.doc.tokens[first].has(flag::CAP)
                                || self.actor_at[first] != NONE))
                        || (w == "to"
                            && k > s_first
                            && self.nounish(k - 1)
                            && !self.doc.tokens[k - 1].has(flag::CAP)
                            && self.is_any(first, &["the", "a", "an"]))
                        || (self.nounish(k) && WORDS.function_word(w).is_none())
                }
                TokenKind::Possessive => true,
                TokenKind::Number => true,
                TokenKind::Punct => {
                    matches!(self.tok(k), "-" | ".") && !tk.has(flag::SPACE_BEFORE) && k > s_first
                }
                _ => false,
            };
            if !part {
                break;
            }
            first = k;
            steps += 1;
        }
        while first < last
            && (self.is_any(first, &["of", "for", "at", "and", "to"])
                || self.kind(first) == TokenKind::Punct)
        {
            first += 1;
        }
        // Any other noun needs a determiner: "the actress", "a magazine".
        let determined = self.is_any(first, DETERMINERS) || self.kind(first) == TokenKind::Number;
        if !head_ok && !determined {
            return None;
        }
        Some((first, end))
    }

    /// Whether a lowercase word may be part of a noun phrase: no function
    /// word, no adverb in -ly, no verb form in -ed.
    fn nounish(&self, i: usize) -> bool {
        let w = self.low(i);
        if WORDS.function_word(w).is_some() {
            return false;
        }
        if w.ends_with("ly") && w.len() > 4 {
            return false;
        }
        if w.ends_with("ed") && w.len() > 4 {
            return false;
        }
        self.doc.tokens[i].is_word()
    }

    /// The source after an inverted cue ("said Trump", "says the senator, a
    /// Republican from Ohio"), up to the end of the clause.
    fn source_after(&self, cue_end: usize, s_end: usize) -> Option<(usize, usize)> {
        let first = cue_end;
        if first >= s_end {
            return None;
        }
        let t = &self.doc.tokens[first];
        if !(t.is_word() || t.kind == TokenKind::Number)
            || self.is_any(first, &["that", "to", "it"])
        {
            return None;
        }
        let starts_np = t.has(flag::CAP)
            || self.actor_at[first] != NONE
            || self.is_any(
                first,
                &[
                    "the", "a", "an", "his", "her", "their", "its", "one", "another", "some",
                    "many",
                ],
            )
            || self.lex.source_nouns.contains(self.low(first));
        if !starts_np {
            return None;
        }
        let mut end = first;
        while end < s_end && end - first < 30 {
            let k = end;
            if matches!(self.tok(k), "." | "!" | "?" | ";" | ":")
                || self.kind(k) == TokenKind::OpenQuote
            {
                break;
            }
            if self.tok(k) == "," && !(k + 1 < s_end && self.is_any(k + 1, &["a", "an", "the"])) {
                break;
            }
            end += 1;
        }
        (end > first).then_some((first, end))
    }

    // ----- contents -------------------------------------------------------

    /// The content after a cue ending at `start`, to the end of the sentence
    /// at `s_end` (or of the quotation that opens there).
    fn content_after(&self, start: usize, s_end: usize, e: &CueEntry) -> Option<(usize, usize)> {
        let mut k = start;
        // The person told: "told reporters (that)", "told CNN".
        if RECIPIENT_CUES.contains(&e.lemma.as_str()) {
            let r0 = k;
            while k < s_end && k - r0 < 6 {
                let t = &self.doc.tokens[k];
                let recipient = self.is_any(
                    k,
                    &[
                        "reporters",
                        "journalists",
                        "him",
                        "her",
                        "them",
                        "me",
                        "us",
                        "you",
                        "the",
                        "a",
                        "an",
                        "his",
                        "their",
                        "supporters",
                        "voters",
                        "viewers",
                        "listeners",
                        "audience",
                        "crowd",
                        "host",
                        "anchor",
                        "interviewer",
                        "radio",
                        "television",
                        "station",
                        "newspaper",
                        "magazine",
                        "program",
                    ],
                ) || (t.has(flag::CAP) && t.is_word())
                    || self.actor_at[k] != NONE
                    || t.kind == TokenKind::Possessive;
                if !recipient {
                    break;
                }
                k += 1;
            }
        }
        // Time and place before the content: "said Thursday (that)", "said
        // in an interview that", "said on Monday:".
        if k < s_end
            && (self.is_any(k, AFTER_CUE)
                || self.doc.tokens[k].has(flag::CAP) && self.is_weekday(k))
        {
            let window = (k..s_end.min(k + 9)).find(|&j| {
                self.is_any(j, &["that"])
                    || self.kind(j) == TokenKind::OpenQuote
                    || (self.tok(j) == "," || self.tok(j) == ":")
                        && self.kind(j) == TokenKind::Punct
            });
            if let Some(j) = window {
                k = j;
            } else {
                while k < s_end && self.is_weekday(k) {
                    k += 1;
                }
            }
        }
        while k < s_end
            && matches!(self.tok(k), "," | ":" | "—" | "–")
            && self.kind(k) == TokenKind::Punct
        {
            k += 1;
        }
        if k >= s_end {
            // A quotation opening in the next sentence after "said:".
            if start > 0
                && self.is_punct(start - 1, ":")
                && k < self.n()
                && let Some(q) = self.quote_of(k).filter(|q| q.open == k)
            {
                return Some((q.open, q.close + 1));
            }
            return None;
        }
        // A quotation right after the cue is the content, unless the
        // sentence goes on after it ("said “only you,” would use ...").
        if let Some(q) = self.quote_of(k).filter(|q| q.open == k) {
            let next = q.close + 1;
            let goes_on = next < s_end && self.doc.tokens[next].is_word() && q.close < s_end;
            if !goes_on {
                return Some((q.open, q.close + 1));
            }
        }
        // To the end of the sentence without its final punctuation; a
        // quotation that opens inside and runs on is taken whole.
        let mut end = s_end;
        while end > k
            && matches!(self.tok(end - 1), "." | "!" | "?" | "..")
            && self.kind(end - 1) == TokenKind::Punct
        {
            end -= 1;
        }
        let mut j = k;
        while j < end {
            if self.kind(j) == TokenKind::OpenQuote
                && let Some(q) = self.quote_of(j)
            {
                if q.close + 1 >= end {
                    end = end.max(q.close + 1);
                    break;
                }
                j = q.close + 1;
                continue;
            }
            // A new clause of attribution or a contrast ends the content:
            // ", saying", ", but", ", according to", "; ".
            if self.kind(j) == TokenKind::Punct
                && (self.tok(j) == ";" || (self.tok(j) == "," && self.ends_content_at_comma(j + 1)))
            {
                end = j;
                break;
            }
            j += 1;
        }
        (end > k).then_some((k, end))
    }

    /// Whether a word after a comma opens a new clause that ends a content.
    fn ends_content_at_comma(&self, k: usize) -> bool {
        if k >= self.n() {
            return true;
        }
        let w = self.low(k);
        matches!(
            w,
            "but" | "while" | "although" | "whereas" | "which" | "according" | "said" | "says"
        ) || (w.ends_with("ing") && self.lex.matcher_forms_participle(w))
    }

    fn is_weekday(&self, k: usize) -> bool {
        self.is_any(
            k,
            &[
                "monday",
                "tuesday",
                "wednesday",
                "thursday",
                "friday",
                "saturday",
                "sunday",
                "today",
                "yesterday",
                "tonight",
            ],
        )
    }

    /// The content before an attribution whose comma or closing quote is
    /// at `boundary - 1`: the quotation that ends there (from the sentence
    /// start when the quotation opens mid-sentence), or the clause from the
    /// sentence start (from the paragraph start for unquoted speech in the
    /// first person).
    fn content_before(&self, boundary: usize, s_first: usize) -> Option<(usize, usize)> {
        let mut end = boundary;
        if end > s_first && self.tok(end - 1) == "," && self.kind(end - 1) == TokenKind::Punct {
            end -= 1;
        }
        if end == s_first && end > 0 && self.kind(end - 1) == TokenKind::CloseQuote {
            let q = self.quote_of(end - 1)?;
            return Some((q.open, q.close + 1));
        }
        if end > 0 && self.kind(end - 1) == TokenKind::CloseQuote {
            let q = self.quote_of(end - 1)?;
            // A quotation that opens mid-sentence is part of a longer
            // content: "Yet Trump is also a “change agent,” Cole said".
            let opener = self.skip_discourse(s_first, q.open);
            if q.open > opener && q.open > s_first && q.open < end {
                return Some((opener, end));
            }
            return Some((q.open, q.close + 1));
        }
        let mut first = self.skip_discourse(s_first, end);
        if first >= end {
            return None;
        }
        // Unquoted speech in the first person runs back to the start of its
        // paragraph ("I hope ... . I would also like ..., he said.").
        let first_person =
            (first..end).any(|k| self.is_any(k, &["i", "we", "my", "our", "me", "us"]));
        if first_person {
            let mut s = self.doc.sentence_of(first)?;
            let paragraph = self.doc.article.sentences()[s].paragraph;
            while s > 0 && self.doc.article.sentences()[s - 1].paragraph == paragraph {
                let (a, b) = self.sentences[s - 1];
                if (a..b).any(|k| {
                    self.is_any(k, &["said", "says", "told"])
                        || matches!(self.kind(k), TokenKind::OpenQuote | TokenKind::CloseQuote)
                }) {
                    break;
                }
                s -= 1;
                first = a;
            }
        }
        Some((first, end))
    }

    /// The first token after sentence-opening discourse words ("But",
    /// "Still,", "However,") from `first`, not beyond `limit`.
    fn skip_discourse(&self, first: usize, limit: usize) -> usize {
        let mut k = first;
        while k < limit
            && self.is_any(
                k,
                &[
                    "but",
                    "and",
                    "still",
                    "however",
                    "yet",
                    "so",
                    "meanwhile",
                    "also",
                    "instead",
                    "indeed",
                ],
            )
        {
            k += 1;
            if k < limit && self.tok(k) == "," {
                k += 1;
            }
        }
        k
    }

    /// "According to X, C" and "C, according to X".
    fn according_to(&self, first: usize, end: usize, entry: u16) -> Option<Draft> {
        let (s_first, s_end) = self.sentence(first);
        let mut src_end = end;
        while src_end < s_end
            && !matches!(self.tok(src_end), "," | "." | ";" | "!" | "?")
            && src_end - end < 25
        {
            src_end += 1;
        }
        if src_end == end {
            return None;
        }
        let source = (end, src_end);
        let opens_sentence = self.skip_discourse(s_first, first) == first;
        let content = if opens_sentence && src_end < s_end && self.is_punct(src_end, ",") {
            // "According to X, C."
            let mut c_end = s_end;
            while c_end > src_end + 1 && matches!(self.tok(c_end - 1), "." | "!" | "?") {
                c_end -= 1;
            }
            (src_end + 1, c_end)
        } else {
            // "C, according to X."
            let mut c_end = first;
            if c_end > s_first && self.tok(c_end - 1) == "," {
                c_end -= 1;
            }
            (self.skip_discourse(s_first, c_end), c_end)
        };
        if content.0 >= content.1 {
            return None;
        }
        Some(self.draft((first, end), Some(source), content, entry, src_end))
    }

    /// Further pieces of a quotation after its attribution: `“Q1,” he said,
    /// “Q2.”` and `“Q1,” he said. “Q2.”` (the next sentences that open with
    /// a quotation holding no attribution of its own).
    fn continuation(
        &self,
        cue_end: usize,
        source: Option<(usize, usize)>,
        content: (usize, usize),
    ) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        if !self.is_quote(content) || content.0 > cue_end {
            return out;
        }
        let mut k = cue_end.max(source.map_or(0, |s| s.1));
        let (_, s_end) = self.sentence(cue_end.saturating_sub(1));
        // Within the sentence: ", “Q2.”".
        if k < s_end
            && self.tok(k) == ","
            && k + 1 < self.n()
            && self.kind(k + 1) == TokenKind::OpenQuote
        {
            if let Some(q) = self.quote_of(k + 1) {
                out.push((q.open, q.close + 1));
                k = q.close + 1;
            }
        }
        // The next sentences of the same paragraph that are quotations.
        let mut next = k.max(s_end);
        let paragraph = self
            .doc
            .sentence_of(cue_end.saturating_sub(1))
            .map(|s| self.doc.article.sentences()[s].paragraph);
        for _ in 0..8 {
            while next < self.n()
                && self.kind(next) == TokenKind::Punct
                && matches!(self.tok(next), "." | "!" | "?")
            {
                next += 1;
            }
            if next >= self.n() || self.kind(next) != TokenKind::OpenQuote {
                break;
            }
            let Some(s) = self.doc.sentence_of(next) else {
                break;
            };
            if Some(self.doc.article.sentences()[s].paragraph) != paragraph {
                break;
            }
            let Some(q) = self.quote_of(next) else { break };
            // The quotation must close its sentence: no attribution after it.
            let (_, qs_end) = self.sentence(q.close);
            let tail = q.close + 1;
            if tail < qs_end && !matches!(self.tok(tail), "." | "!" | "?") {
                break;
            }
            out.push((q.open, q.close + 1));
            next = q.close + 1;
        }
        out
    }

    // ----- speakers and the statements ------------------------------------------

    fn finish(&self, mut drafts: Vec<Draft>, actors: &mut [Actor]) -> Vec<Statement> {
        let text = self.doc.text;
        let mut moves: Vec<(usize, usize, Span)> = Vec::new(); // (from actor, to actor, pronoun span)
        let mut last_speaker: Option<(usize, usize)> = None; // (actor, sentence)
        for d in &mut drafts {
            let sentence = self.doc.sentence_of(d.cue.0).unwrap_or(0);
            // "who said": the actor named before ", who".
            if let Some((a, _)) = d.source
                && self.is_any(a, &["who", "which"])
                && a >= 2
                && self.tok(a - 1) == ","
                && self.actor_at[a - 2] != NONE
            {
                d.speaker = Some(self.actor_at[a - 2] as usize);
            }
            // A pronoun source of a quotation prefers the previous speaker.
            if let Some((a, b)) = d.source
                && b == a + 1
                && self.is_pronoun(a)
                && d.direct
                && let Some((prev, prev_sentence)) = last_speaker
                && sentence.saturating_sub(prev_sentence) <= 6
                && actors[prev].kind == ActorKind::Person
                && d.speaker != Some(prev)
                && self.pronoun_fits(a, &actors[prev])
            {
                let inside_content = d.speaker.is_some_and(|s| {
                    (d.content.0..d.content.1).any(|k| self.actor_at[k] == s as u32)
                });
                if d.speaker.is_none() || inside_content {
                    if let Some(from) = d.speaker {
                        moves.push((from, prev, self.span(a, b)));
                    } else {
                        moves.push((usize::MAX, prev, self.span(a, b)));
                    }
                    d.speaker = Some(prev);
                }
            }
            // "according to X" beside another cue in the sentence: a channel.
            if d.speaker.is_some() {
                last_speaker = d.speaker.map(|s| (s, sentence));
            }
        }
        // Channels: "Yang said, according to Xinhua" holds one statement
        // (Yang's) that came through Xinhua.
        let according: Vec<usize> = drafts
            .iter()
            .enumerate()
            .filter(|(_, d)| self.lex.entries[d.entry as usize].lemma == "according to")
            .map(|(i, _)| i)
            .collect();
        let mut drop = vec![false; drafts.len()];
        for &i in &according {
            let s = self.doc.sentence_of(drafts[i].cue.0);
            let channel = drafts[i].speaker;
            let other = drafts.iter().enumerate().position(|(j, d)| {
                j != i && !according.contains(&j) && self.doc.sentence_of(d.cue.0) == s
            });
            if let Some(j) = other {
                if drafts[j].via.is_none() {
                    drafts[j].via = channel;
                }
                drop[i] = true;
                // The other statement's content stops before the channel.
                let cut = drafts[i].cue.0;
                let c = &mut drafts[j].content;
                if c.0 < cut && cut < c.1 {
                    c.1 = cut;
                    while c.1 > c.0 && matches!(self.tok(c.1 - 1), "," | ";") {
                        c.1 -= 1;
                    }
                }
            }
        }
        // Apply pronoun moves to the actors.
        for (from, to, span) in moves {
            if from != usize::MAX
                && let Some(pos) = actors[from].mentions.iter().position(|m| m.span() == span)
            {
                actors[from].mentions.remove(pos);
            }
            let m = Mention::new(text, span, MentionForm::Pronoun);
            let list = &mut actors[to].mentions;
            let at = list.partition_point(|x| (x.start, x.end) < (span.start, span.end));
            list.insert(at, m);
        }
        let ids: Vec<String> = actors.iter().map(|a| a.id.clone()).collect();
        let mut out = Vec::new();
        for (i, d) in drafts.into_iter().enumerate() {
            if drop[i] || d.content.0 >= d.content.1 {
                continue;
            }
            let cue = self.span(d.cue.0, d.cue.1);
            let content = self.span(d.content.0, d.content.1);
            if content.overlaps(cue) {
                continue;
            }
            let kind = if d.direct
                || (d.first_person && d.content.1 <= d.cue.0 && self.no_quote_in(d.content))
            {
                StatementKind::Direct
            } else if (d.content.0..d.content.1).any(|k| self.kind(k) == TokenKind::OpenQuote) {
                StatementKind::Mixed
            } else {
                StatementKind::Indirect
            };
            let id_of = |a: usize| ids.get(a).cloned();
            out.push(Statement {
                id: String::new(),
                speaker: d.speaker.and_then(id_of),
                source: d.source.map(|(a, b)| Excerpt::new(text, self.span(a, b))),
                cue: Excerpt::new(text, cue),
                content: Excerpt::new(text, content),
                continuation: d
                    .more
                    .iter()
                    .filter(|m| m.0 < m.1)
                    .map(|&(a, b)| Excerpt::new(text, self.span(a, b)))
                    .collect(),
                kind,
                via: d.via.and_then(id_of),
                sentence: self.doc.sentence_of(d.cue.0).unwrap_or(0),
            });
        }
        out.sort_by_key(|s| (s.cue.start, s.cue.end));
        for (k, s) in out.iter_mut().enumerate() {
            s.id = format!("S{}", k + 1);
        }
        out
    }

    fn no_quote_in(&self, (a, b): (usize, usize)) -> bool {
        !(a..b).any(|k| matches!(self.kind(k), TokenKind::OpenQuote | TokenKind::CloseQuote))
    }

    fn span(&self, first: usize, end: usize) -> Span {
        Span::new(
            self.doc.tokens[first].start as usize,
            self.doc.tokens[end - 1].end as usize,
        )
    }

    /// The actor a source names: the person or group at its head (its last
    /// mention), else any actor in it.
    fn speaker_of(&self, first: usize, end: usize) -> Option<usize> {
        let mut best = None;
        for k in (first..end).rev() {
            let a = self.actor_at[k];
            if a != NONE {
                let a = a as usize;
                if self.actor_kinds[a] == ActorKind::Person {
                    return Some(a);
                }
                best.get_or_insert(a);
            }
        }
        best
    }

    /// Whether the pronoun at `i` can refer to `actor` (gender from its
    /// other pronoun mentions, if any).
    fn pronoun_fits(&self, i: usize, actor: &Actor) -> bool {
        let w = self.low(i);
        let want_f = matches!(w, "she");
        let want_m = matches!(w, "he");
        if !(want_f || want_m) {
            return false;
        }
        let says = |p: &[&str]| {
            actor.mentions.iter().any(|m| {
                m.form == MentionForm::Pronoun && p.contains(&m.text.to_lowercase().as_str())
            })
        };
        if want_m {
            !says(&["she", "her", "hers", "herself"])
        } else {
            !says(&["he", "him", "his", "himself"])
        }
    }
}

/// Pairs quotation marks into regions in one pass. A region opened and not
/// closed in its paragraph continues when the next paragraph opens with a
/// quotation mark (a quotation over several paragraphs); otherwise it is
/// dropped. Returns the regions and, for each token, its region.
fn pair_quotes(doc: &Doc<'_>) -> (Vec<Quote>, Vec<u32>) {
    let n = doc.tokens.len();
    let mut quotes = Vec::new();
    let mut quote_at = vec![NONE; n];
    let mut open: Option<usize> = None;
    let paragraph_of = |k: usize| {
        doc.sentence_of(k)
            .map(|s| doc.article.sentences()[s].paragraph)
    };
    for k in 0..n {
        match doc.tokens[k].kind {
            TokenKind::OpenQuote => {
                if let Some(o) = open {
                    // A new paragraph opening with a quotation mark carries
                    // an unclosed quotation on; anything else restarts.
                    let first_of_paragraph = k == 0 || paragraph_of(k - 1) != paragraph_of(k);
                    if !(first_of_paragraph && paragraph_of(o) != paragraph_of(k)) {
                        open = Some(k);
                    }
                } else {
                    open = Some(k);
                }
            }
            TokenKind::CloseQuote => {
                if let Some(o) = open.take() {
                    let id = quotes.len() as u32;
                    quotes.push(Quote { open: o, close: k });
                    quote_at[o..=k].fill(id);
                }
            }
            _ => {
                // A quotation left open at a paragraph's end survives only if
                // the next paragraph opens with a quotation mark.
                if let Some(o) = open
                    && k + 1 < n
                    && paragraph_of(k) != paragraph_of(k + 1)
                    && doc.tokens[k + 1].kind != TokenKind::OpenQuote
                {
                    let _ = o;
                    open = None;
                }
            }
        }
    }
    (quotes, quote_at)
}
