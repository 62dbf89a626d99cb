//! Long texts, read in windows.
//!
//! Every stage makes a few passes over tables with an entry per token. On
//! an article those tables sit in the processor's caches; on a text of
//! many megabytes (a feed or a book saved as one file) every pass goes to
//! main memory, and 16 MB took 24 times as long as 1 MB instead of 16.
//! So a text longer than the analyzer's window is cut into parts of about
//! the window's size, at paragraph starts where it can be (sentence starts
//! otherwise), each part is analyzed as an article of its own, and the
//! parts' results are joined: offsets and sentence numbers moved back to
//! the whole text, actors of the same name and kind made one actor, ids
//! numbered again in text order.
//!
//! What a part cannot see is the text before it: a pronoun or a "the
//! senator" at the top of a part looks for its antecedent in that part
//! only, and "Putin" alone in one part is not joined to "Vladimir Putin"
//! in another. With the default window (see
//! [`DEFAULT_WINDOW`](crate::DEFAULT_WINDOW)) no news article is cut.

use crate::article::Article;
use crate::model::{Actor, ActorKind, Analysis, Relation, Statement, id_number, write_numbered_id};
use crate::span::Excerpt;
use crate::text::Tokenized;
use std::collections::HashMap;
use std::ops::Range;

/// One part of a text: its bytes and its sentences.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Part {
    pub bytes: Range<usize>,
    pub sentences: Range<usize>,
}

/// The parts of `article` for a window of `window` bytes: one part when
/// the text is no longer. A part ends before the first sentence that
/// opens a paragraph once it holds `window` bytes, or before any sentence
/// once it holds twice that (a text of one long paragraph). A sentence is
/// never cut, so a part may be longer.
pub(crate) fn parts(article: &Article, window: usize) -> Vec<Part> {
    let text_len = article.text().len();
    let sentences = article.sentences();
    if text_len <= window || sentences.len() < 2 {
        return vec![Part {
            bytes: 0..text_len,
            sentences: 0..sentences.len(),
        }];
    }
    let mut parts = Vec::with_capacity(text_len / window + 2);
    let (mut start, mut first) = (0, 0);
    for (s, pair) in sentences.windows(2).enumerate() {
        let next = &pair[1];
        let held = next.start - start;
        let opens_paragraph = next.paragraph != pair[0].paragraph;
        if (held >= window && opens_paragraph) || held >= window.saturating_mul(2) {
            parts.push(Part {
                bytes: start..next.start,
                sentences: first..s + 1,
            });
            (start, first) = (next.start, s + 1);
        }
    }
    parts.push(Part {
        bytes: start..text_len,
        sentences: first..sentences.len(),
    });
    parts
}

/// The tokens of `part` out of the whole text's, with offsets counted from
/// the part's start.
pub(crate) fn part_tokens(whole: &Tokenized, part: &Part) -> Tokenized {
    let first = whole
        .sentence_tokens
        .get(part.sentences.start)
        .map_or(0, |r| r.start);
    let first = if part.bytes.start == 0 { 0 } else { first };
    let end = whole
        .sentence_tokens
        .get(part.sentences.end)
        .map_or(whole.tokens.len(), |r| r.start);
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
        .map(|r| r.start - first..r.end - first)
        .collect();
    Tokenized {
        tokens,
        sentence_tokens,
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
    /// Each joined actor by name and kind.
    by_name: HashMap<(String, ActorKind), usize>,
    statements: Vec<Statement>,
    relations: Vec<Relation>,
}

impl Joined {
    pub fn new() -> Joined {
        Joined {
            actors: Vec::new(),
            by_name: HashMap::new(),
            statements: Vec::new(),
            relations: Vec::new(),
        }
    }

    /// Adds what was found in `part`, in text order after the parts added
    /// before. A part numbers its actors, statements and relations from 1
    /// (`numbered_id`); their ids are written again in place.
    pub fn add(&mut self, part: &Part, found: Found) {
        let base = part.bytes.start;
        let first_sentence = part.sentences.start;
        let shift = |e: &mut Excerpt| {
            e.start += base;
            e.end += base;
        };
        // The joined number of each of the part's actors, by its own.
        let mut actor_numbers = vec![0; found.actors.len() + 1];
        for mut actor in found.actors {
            let local = id_number(&actor.id)
                .unwrap_or(0)
                .min(actor_numbers.len() - 1);
            for m in &mut actor.mentions {
                m.start += base;
                m.end += base;
            }
            let key = (actor.name.clone(), actor.kind);
            actor_numbers[local] = match self.by_name.get(&key) {
                Some(&a) => {
                    let joined = &mut self.actors[a];
                    joined.mentions.append(&mut actor.mentions);
                    for role in actor.roles {
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
                    self.by_name.insert(key, n - 1);
                    self.actors.push(actor);
                    n
                }
            };
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
    /// order, each starts a sentence, hold every sentence once, and are cut
    /// by the rule of [`parts`].
    fn check_parts(text: &str, window: usize) -> Vec<Part> {
        let article = Article::parse(text).expect("the text parses");
        let sentences = article.sentences();
        let parts = parts(&article, window);
        assert_eq!(parts[0].bytes.start, 0);
        assert_eq!(parts[0].sentences.start, 0);
        assert_eq!(parts.last().map(|p| p.bytes.end), Some(text.len()));
        assert_eq!(parts.last().map(|p| p.sentences.end), Some(sentences.len()));
        for pair in parts.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            assert_eq!(a.bytes.end, b.bytes.start);
            assert_eq!(a.sentences.end, b.sentences.start);
            assert!(a.sentences.start < a.sentences.end);
            let first = &sentences[b.sentences.start];
            assert_eq!(first.start, b.bytes.start);
            let held = a.bytes.len();
            let opens = first.paragraph != sentences[b.sentences.start - 1].paragraph;
            assert!((held >= window && opens) || held >= 2 * window);
            // No earlier sentence of the part met the rule.
            for s in a.sentences.start + 1..a.sentences.end {
                let held = sentences[s].start - a.bytes.start;
                let opens = sentences[s].paragraph != sentences[s - 1].paragraph;
                assert!(!((held >= window && opens) || held >= 2 * window));
            }
        }
        for (part, article_part) in parts
            .iter()
            .map(|p| (p, article.part(p.bytes.clone(), p.sentences.clone())))
        {
            let part_text = &text[part.bytes.clone()];
            assert_eq!(article_part.text(), part_text);
            for (s, whole) in article_part
                .sentences()
                .iter()
                .zip(&sentences[part.sentences.clone()])
            {
                assert_eq!(&part_text[s.start..s.end], &text[whole.start..whole.end]);
                let p = article_part.paragraphs()[s.paragraph];
                assert!(p.start <= s.start && s.end <= p.end);
            }
        }
        parts
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
        // One long paragraph: cut at sentences once a part holds twice the
        // window (three sentences here).
        let text = [paragraph; 6].join(" ");
        let parts = check_parts(&text, 20);
        assert_eq!(parts.len(), 4);
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
    fn the_tokens_of_a_part_are_its_own() {
        let text = "date 2021-05-29 Talks\n\nChina spoke. Russia replied.\n\nBoth met.";
        let (article, whole) =
            crate::article::parse_article(text.into(), &Default::default()).expect("it parses");
        for window in 1..text.len() + 2 {
            for part in parts(&article, window) {
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
                assert_eq!(mine.sentence_tokens.len(), sub.sentences().len());
            }
        }
    }
}
