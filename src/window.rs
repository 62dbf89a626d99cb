//! Long texts, read in windows.
//!
//! Every stage makes a few passes over tables with an entry per token. On
//! an article those tables sit in the processor's caches; on a text of
//! many megabytes (a feed or a book saved as one file) every pass goes to
//! main memory, and 16 MB took 24 times as long as 1 MB instead of 16.
//! So a text longer than the analyzer's window is cut into parts of about
//! the window's size, at paragraph starts where it can be (sentence starts
//! otherwise, and tokens in a run of text with no sentence break), each
//! part is analyzed as an article of its own, and the
//! parts' results are joined: offsets and sentence numbers moved back to
//! the whole text, actors of the same name and kind made one actor, ids
//! numbered again in text order.
//!
//! What a part cannot see is the text before it: a pronoun or a "the
//! senator" at the top of a part looks for its antecedent in that part
//! only, and "Putin" alone in one part is not joined to "Vladimir Putin"
//! in another. With the default window (see
//! [`DEFAULT_WINDOW`](crate::DEFAULT_WINDOW)) no news article is cut.

use crate::actors::MAX_ROLES;
use crate::article::Article;
use crate::model::{Actor, ActorKind, Analysis, Relation, Statement, id_number, write_numbered_id};
use crate::span::Excerpt;
use crate::text::{Token, Tokenized};
use std::collections::HashMap;
use std::collections::hash_map::{Entry, RandomState};
use std::hash::{BuildHasher, BuildHasherDefault, Hasher};
use std::ops::Range;

/// One part of a text: its bytes and its sentences.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Part {
    pub bytes: Range<usize>,
    pub sentences: Range<usize>,
}

/// The parts of `article` (whose tokens are `tokens`) for a window of
/// `window` bytes: one part when the text is no longer. A part ends before
/// the first sentence that opens a paragraph once it holds `window` bytes,
/// or before any sentence that would take it past twice that (a text of
/// one long paragraph). A sentence longer than that (a run of text with
/// no sentence break: no news sentence comes near it) is cut at the first
/// token past twice the window from the part's start, and its pieces are
/// sentences of the parts that hold them.
pub(crate) fn parts(article: &Article, tokens: &[Token], window: usize) -> Vec<Part> {
    let text_len = article.text().len();
    let sentences = article.sentences();
    let window = window.max(1);
    let most = window.saturating_mul(2);
    let mut parts = Vec::with_capacity(text_len / window + 1);
    let (mut start, mut first) = (0, 0);
    for (s, sentence) in sentences.iter().enumerate() {
        if s > first {
            let held = sentence.start - start;
            let opens_paragraph = sentence.paragraph != sentences[s - 1].paragraph;
            let overflows = sentence.end - start > most;
            if (held >= window && opens_paragraph) || overflows {
                parts.push(Part {
                    bytes: start..sentence.start,
                    sentences: first..s,
                });
                (start, first) = (sentence.start, s);
            }
        }
        // Only a sentence that opens its part gets here with more than
        // `most` bytes to go: it is cut inside (past a header, if any).
        while sentence.end - start > most {
            let at = (start + most).max(sentence.start + 1);
            let cut = tokens
                .get(tokens.partition_point(|t| (t.start as usize) < at))
                .map_or(text_len, |t| t.start as usize);
            if cut >= sentence.end {
                break;
            }
            parts.push(Part {
                bytes: start..cut,
                sentences: first..s + 1,
            });
            (start, first) = (cut, s);
        }
    }
    parts.push(Part {
        bytes: start..text_len,
        sentences: first..sentences.len(),
    });
    parts
}

/// The tokens of `part` out of the whole text's, with offsets counted from
/// the part's start, and the token range of each of its sentences (or of
/// the piece of a sentence it holds).
pub(crate) fn part_tokens(whole: &Tokenized, part: &Part) -> Tokenized {
    let at = |offset: usize| {
        whole
            .tokens
            .partition_point(|t| (t.start as usize) < offset)
    };
    let (first, end) = (at(part.bytes.start), at(part.bytes.end));
    let base = part.bytes.start as u32;
    let tokens = whole.tokens[first..end]
        .iter()
        .map(|t| {
            let mut t = *t;
            t.start -= base;
            t
        })
        .collect();
    let sentence_tokens = whole.sentence_tokens[part.sentences.clone()]
        .iter()
        .map(|r| r.start.max(first) - first..r.end.min(end) - first)
        .collect();
    Tokenized {
        tokens,
        sentence_tokens,
    }
}

/// Makes room in `list` for `adding` more items when it has none, for what
/// the rest of a text of `total` bytes will add at the rate of its first
/// `done` bytes (and an eighth more): the joined lists (and the mentions
/// of an actor named all along) are then not copied as they double, each
/// copy tens of MB on a long text.
fn reserve_at_rate<T>(list: &mut Vec<T>, adding: usize, done: usize, total: usize) {
    let len = list.len();
    if list.capacity() < len + adding {
        let at_rate = (len + adding).saturating_mul(total) / done.max(1);
        list.reserve(at_rate.saturating_add(at_rate / 8).saturating_sub(len));
    }
}

/// What the analysis of one article (or part) finds.
pub(crate) struct Found {
    pub actors: Vec<Actor>,
    pub statements: Vec<Statement>,
    pub relations: Vec<Relation>,
}

/// The analyses of the parts of one text, joined into one as they come.
pub(crate) struct Joined {
    actors: Vec<Actor>,
    /// Each joined actor by the hash of its name and kind: a table of
    /// numbers, which stays in cache where one of names (a new actor in
    /// every sentence of a long text) would not. The hash is SipHash with
    /// the process's random keys: the names come from the text.
    by_hash: HashMap<u64, usize, BuildHasherDefault<Prehashed>>,
    /// The actors whose hash another actor's name and kind had first.
    collided: HashMap<(String, ActorKind), usize>,
    keys: RandomState,
    statements: Vec<Statement>,
    relations: Vec<Relation>,
}

/// The hasher of keys that are hashes already.
#[derive(Default)]
pub(crate) struct Prehashed(u64);

impl Hasher for Prehashed {
    fn write(&mut self, bytes: &[u8]) {
        // Only `u64` keys are hashed here; any other key is folded in.
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl Joined {
    pub fn new() -> Joined {
        Joined {
            actors: Vec::new(),
            by_hash: HashMap::default(),
            collided: HashMap::new(),
            keys: RandomState::new(),
            statements: Vec::new(),
            relations: Vec::new(),
        }
    }

    /// The joined actor named `name` of `kind` whose key hashes to `hash`.
    fn actor_named(&self, hash: u64, name: &str, kind: ActorKind) -> Option<usize> {
        let &a = self.by_hash.get(&hash)?;
        let first = &self.actors[a];
        if first.name == name && first.kind == kind {
            return Some(a);
        }
        if self.collided.is_empty() {
            return None;
        }
        self.collided.get(&(name.to_owned(), kind)).copied()
    }

    /// Adds what was found in `part` of a text of `text_len` bytes, in text
    /// order after the parts added before. A part numbers its actors,
    /// statements and relations from 1 (`numbered_id`); their ids are
    /// written again in place.
    pub fn add(&mut self, part: &Part, found: Found, text_len: usize) {
        let done = part.bytes.end;
        reserve_at_rate(&mut self.actors, found.actors.len(), done, text_len);
        reserve_at_rate(&mut self.statements, found.statements.len(), done, text_len);
        reserve_at_rate(&mut self.relations, found.relations.len(), done, text_len);
        let base = part.bytes.start;
        let first_sentence = part.sentences.start;
        let shift = |e: &mut Excerpt| {
            e.start += base;
            e.end += base;
        };
        // The joined number of each of the part's actors, by its own.
        let mut actor_numbers = vec![0; found.actors.len() + 1];
        // The part's new actors by name and kind, known to the parts after
        // it: two actors of one part stay two.
        let mut new_names = Vec::new();
        for mut actor in found.actors {
            let local = id_number(&actor.id)
                .unwrap_or(0)
                .min(actor_numbers.len() - 1);
            for m in &mut actor.mentions {
                m.start += base;
                m.end += base;
            }
            let hash = self.keys.hash_one((actor.name.as_str(), actor.kind));
            actor_numbers[local] = match self.actor_named(hash, &actor.name, actor.kind) {
                Some(a) => {
                    let joined = &mut self.actors[a];
                    let adding = actor.mentions.len();
                    reserve_at_rate(&mut joined.mentions, adding, done, text_len);
                    joined.mentions.append(&mut actor.mentions);
                    // As many roles as an actor of one part may have, so
                    // that each new one is compared with a few.
                    for role in actor.roles {
                        if joined.roles.len() >= MAX_ROLES {
                            break;
                        }
                        if !joined.roles.contains(&role) {
                            joined.roles.push(role);
                        }
                    }
                    if joined.country.is_none() {
                        joined.country = actor.country;
                    }
                    if joined.code.is_none() {
                        joined.code = actor.code;
                    }
                    a + 1
                }
                None => {
                    let n = self.actors.len() + 1;
                    write_numbered_id(&mut actor.id, 'A', n);
                    new_names.push((hash, n - 1));
                    self.actors.push(actor);
                    n
                }
            };
        }
        for (hash, a) in new_names {
            let (name, kind) = (&self.actors[a].name, self.actors[a].kind);
            if self.actor_named(hash, name, kind).is_some() {
                // Two actors of one part with one name: the first is
                // joined.
                continue;
            }
            match self.by_hash.entry(hash) {
                Entry::Vacant(v) => {
                    v.insert(a);
                }
                Entry::Occupied(_) => {
                    self.collided.insert((name.clone(), kind), a);
                }
            }
        }
        let renumber = |id: &mut String, prefix: char, numbers: &[usize]| {
            if let Some(&n) = id_number(id).and_then(|k| numbers.get(k)) {
                write_numbered_id(id, prefix, n);
            }
        };
        let statements_before = self.statements.len();
        for mut s in found.statements {
            write_numbered_id(&mut s.id, 'S', self.statements.len() + 1);
            if let Some(id) = &mut s.speaker {
                renumber(id, 'A', &actor_numbers);
            }
            if let Some(id) = &mut s.via {
                renumber(id, 'A', &actor_numbers);
            }
            if let Some(source) = &mut s.source {
                shift(source);
            }
            shift(&mut s.cue);
            shift(&mut s.content);
            s.continuation.iter_mut().for_each(shift);
            s.sentence += first_sentence;
            self.statements.push(s);
        }
        for mut r in found.relations {
            write_numbered_id(&mut r.id, 'R', self.relations.len() + 1);
            renumber(&mut r.source, 'A', &actor_numbers);
            renumber(&mut r.target, 'A', &actor_numbers);
            if let Some(id) = &mut r.statement
                && let Some(k) = id_number(id)
            {
                write_numbered_id(id, 'S', statements_before + k);
            }
            shift(&mut r.trigger);
            r.sentence += first_sentence;
            self.relations.push(r);
        }
    }

    /// The joined analysis of `article`.
    pub fn finish(self, article: Article) -> Analysis {
        Analysis {
            article,
            actors: self.actors,
            statements: self.statements,
            relations: self.relations,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::XorShift;

    /// Checks the parts of `text` for `window`: they cover the text in
    /// order, each starts a sentence or cuts one that runs past twice the
    /// window, each sentence's pieces make it up, and the cuts follow the
    /// rule of [`parts`].
    fn check_parts(text: &str, window: usize) -> Vec<Part> {
        let (article, whole) =
            crate::article::parse_article(text.into(), &Default::default()).expect("it parses");
        let sentences = article.sentences();
        let parts = parts(&article, &whole.tokens, window);
        let most = 2 * window;
        assert_eq!(parts[0].bytes.start, 0);
        assert_eq!(parts[0].sentences.start, 0);
        assert_eq!(parts.last().map(|p| p.bytes.end), Some(text.len()));
        assert_eq!(parts.last().map(|p| p.sentences.end), Some(sentences.len()));
        let starts_token = |at: usize| whole.tokens.iter().any(|t| t.start as usize == at);
        for pair in parts.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            assert_eq!(a.bytes.end, b.bytes.start);
            assert!(a.sentences.start < a.sentences.end);
            let first = &sentences[b.sentences.start];
            if first.start == b.bytes.start {
                // Cut before a sentence.
                assert_eq!(a.sentences.end, b.sentences.start);
                let held = a.bytes.len();
                let opens = first.paragraph != sentences[b.sentences.start - 1].paragraph;
                assert!((held >= window && opens) || first.end - a.bytes.start > most);
            } else {
                // Cut inside a sentence too long for a part, at the first
                // token past twice the window.
                assert_eq!(a.sentences.end, b.sentences.start + 1);
                assert!(first.start < b.bytes.start && b.bytes.start < first.end);
                assert!(starts_token(b.bytes.start));
                assert_eq!(a.sentences.len(), 1, "the sentence opens its part");
                let from = (a.bytes.start + most).max(first.start + 1);
                assert!(b.bytes.start >= from);
                assert!(!(from..b.bytes.start).any(starts_token));
            }
        }
        // Each part's article holds its sentences or their pieces, and the
        // pieces of each sentence make it up.
        let mut pieces = vec![String::new(); sentences.len()];
        for part in &parts {
            let sub = article.part(part.bytes.clone(), part.sentences.clone());
            assert_eq!(sub.text(), &text[part.bytes.clone()]);
            assert_eq!(sub.sentences().len(), part.sentences.len());
            for (s, k) in sub.sentences().iter().zip(part.sentences.clone()) {
                assert!(s.start < s.end);
                pieces[k].push_str(&sub.text()[s.start..s.end]);
                let p = sub.paragraphs()[s.paragraph];
                assert!(p.start <= s.start && s.end <= p.end);
            }
        }
        // (A piece ends at its last token: the spaces at a cut are in no
        // piece.)
        for (piece, s) in pieces.iter().zip(sentences) {
            let whole: String = text[s.start..s.end].split_whitespace().collect();
            assert_eq!(piece.split_whitespace().collect::<String>(), whole);
        }
        parts
    }

    /// An actor named `name`, of a part, with one mention at `at`.
    fn actor(id: usize, name: &str, at: usize) -> Actor {
        Actor {
            id: format!("A{id}"),
            name: name.to_owned(),
            kind: ActorKind::Person,
            country: None,
            code: None,
            roles: Vec::new(),
            mentions: vec![crate::model::Mention {
                start: at,
                end: at + name.len(),
                text: name.to_owned(),
                form: crate::model::MentionForm::Name,
            }],
        }
    }

    fn found(actors: Vec<Actor>) -> Found {
        Found {
            actors,
            statements: Vec::new(),
            relations: Vec::new(),
        }
    }

    #[test]
    fn actors_join_by_name_and_kind_even_when_their_hashes_collide() {
        let part = |k: usize| Part {
            bytes: k * 100..(k + 1) * 100,
            sentences: k..k + 1,
        };
        let mut joined = Joined::new();
        joined.add(&part(0), found(vec![actor(1, "Ann Lee", 0)]), 300);
        // Make Bo Chan's name and kind hash where Ann Lee's does.
        let ann = joined.keys.hash_one(("Ann Lee", ActorKind::Person));
        let bo = joined.keys.hash_one(("Bo Chan", ActorKind::Person));
        let a = joined.by_hash.remove(&ann).unwrap();
        joined.by_hash.insert(bo, a);
        // Bo Chan is new (kept among the collided), and two actors of one
        // part with one name stay two.
        joined.add(
            &part(1),
            found(vec![actor(1, "Bo Chan", 10), actor(2, "Bo Chan", 20)]),
            300,
        );
        assert_eq!(joined.actors.len(), 3);
        assert_eq!(joined.collided.len(), 1);
        joined.add(&part(2), found(vec![actor(1, "Bo Chan", 5)]), 300);
        let analysis = joined.finish(Article::parse("Ann Lee.").unwrap());
        let names: Vec<(&str, &str, Vec<usize>)> = analysis
            .actors
            .iter()
            .map(|a| {
                let starts = a.mentions.iter().map(|m| m.start).collect();
                (a.id.as_str(), a.name.as_str(), starts)
            })
            .collect();
        assert_eq!(
            names,
            [
                ("A1", "Ann Lee", vec![0]),
                ("A2", "Bo Chan", vec![110, 205]),
                ("A3", "Bo Chan", vec![120]),
            ]
        );
    }

    #[test]
    fn a_short_text_is_one_part() {
        let parts = check_parts("China spoke.\n\nRussia replied.", 1000);
        assert_eq!(parts.len(), 1);
    }

    #[test]
    fn parts_are_cut_at_paragraphs_and_in_long_paragraphs() {
        let paragraph = "China spoke. Russia replied at length.";
        let text = [paragraph; 6].join("\n\n");
        // A paragraph and a half: cut at every second paragraph.
        let parts = check_parts(&text, paragraph.len() + paragraph.len() / 2);
        assert_eq!(parts.len(), 3);
        // One long paragraph: cut before a sentence that would take a part
        // past twice the window (two sentences a part here).
        let text = [paragraph; 6].join(" ");
        let parts = check_parts(&text, 20);
        assert_eq!(parts.len(), 6);
    }

    #[test]
    fn random_texts_are_cut_by_the_rule() {
        let mut rng = XorShift(7);
        let pieces = [
            "Putin spoke.",
            "He said “yes.”",
            " ",
            "\n\n",
            "\n",
            "Hi",
            "é.",
        ];
        for _ in 0..300 {
            let mut text = String::from("date 2021-05-29 A headline here\n\n");
            for _ in 0..rng.below(60) {
                text.push_str(pieces[rng.below(pieces.len())]);
            }
            if Article::parse(&text).is_ok() {
                check_parts(&text, 1 + rng.below(80));
            }
        }
    }

    #[test]
    fn a_sentence_with_no_break_is_cut_at_tokens() {
        let text = "Vladimir Putin ".repeat(40);
        let parts = check_parts(&text, 50);
        assert_eq!(parts.len(), text.len().div_ceil(105));
        let article = Article::parse(&text).unwrap();
        assert_eq!(article.sentences().len(), 1);
    }

    #[test]
    fn the_tokens_of_a_part_are_its_own() {
        let text =
            "date 2021-05-29 Talks\n\nChina spoke. Russia replied at length today.\n\nBoth met.";
        let (article, whole) =
            crate::article::parse_article(text.into(), &Default::default()).expect("it parses");
        for window in 1..text.len() + 2 {
            for part in parts(&article, &whole.tokens, window) {
                let sub = article.part(part.bytes.clone(), part.sentences.clone());
                let mine = part_tokens(&whole, &part);
                let (_, fresh) =
                    crate::article::parse_article(sub.text().into(), &Default::default())
                        .expect("a part parses");
                // The part's tokens are those a text of its own would have
                // (their flags may differ: the whole text's say what came
                // before the part).
                let spans = |t: &Tokenized| {
                    t.tokens
                        .iter()
                        .map(|t| (t.start, t.end(), t.kind))
                        .collect::<Vec<_>>()
                };
                assert_eq!(spans(&mine), spans(&fresh));
                // Each sentence's (or piece's) tokens are those over its
                // bytes.
                assert_eq!(mine.sentence_tokens.len(), sub.sentences().len());
                for (r, s) in mine.sentence_tokens.iter().zip(sub.sentences()) {
                    assert_eq!(mine.tokens[r.start].start as usize, s.start);
                    assert_eq!(mine.tokens[r.end - 1].end() as usize, s.end);
                }
            }
        }
    }
}
