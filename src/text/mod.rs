//! The text layer: tokens and sentences over the article's one text.

pub(crate) mod hash;
pub(crate) mod sentences;
pub(crate) mod tokens;
pub(crate) mod words;

pub(crate) use tokens::{Token, TokenKeys, TokenKind, flag};

use crate::article::Article;
use std::ops::Range;

/// An article with its token layer: what every extraction stage reads.
///
/// Built once per analysis. `lower` is the text with ASCII letters
/// lowercased: same length, same offsets, so lexicon automata run over it
/// and their matches index the article text directly.
pub(crate) struct Doc<'a> {
    pub article: &'a Article,
    pub text: &'a str,
    pub lower: String,
    pub tokens: Vec<Token>,
    /// The keys of the tokens: the phrase searches' first test at every
    /// token.
    pub keys: TokenKeys,
    /// Token range of each sentence, parallel to `article.sentences()`.
    pub sentence_tokens: Vec<Range<usize>>,
    /// The sentence of each token in two parts, a byte per token instead
    /// of four: for each block of `BLOCK` tokens, the sentence of its first
    /// token (or of the first sentence after it) ...
    block_sentence: Vec<u32>,
    /// ... and for each token, how many sentences further its own is
    /// (`OUTSIDE` for tokens outside every sentence, such as a header).
    /// A sentence holds at least one token, so a block spans fewer than
    /// `BLOCK` sentences.
    sentence_step: Vec<u8>,
}

/// Tokens per entry of `Doc::block_sentence`.
const BLOCK: usize = 128;
/// The step of a token outside every sentence.
const OUTSIDE: u8 = u8::MAX;

/// The tokens of a text and each sentence's range of them, as parsing
/// found them: the analysis builds its `Doc` from them instead of finding
/// them again.
pub(crate) struct Tokenized {
    pub tokens: Vec<Token>,
    /// Token range of each sentence, parallel to `article.sentences()`.
    pub sentence_tokens: Vec<Range<usize>>,
}

impl Tokenized {
    /// The tokens of `article`'s text and the token range of each of its
    /// sentences.
    pub fn new(article: &Article) -> Tokenized {
        let mut tokens = Vec::new();
        tokens::tokenize_into(article.text(), &mut tokens);
        let sentence_tokens = sentence_ranges(article, &tokens);
        Tokenized {
            tokens,
            sentence_tokens,
        }
    }
}

impl<'a> Doc<'a> {
    /// Builds the token layer of `article`, reusing the tokens and sentence
    /// ranges if given (from parsing) and finding them otherwise.
    pub fn new(article: &'a Article, parsed: Option<Tokenized>) -> Doc<'a> {
        let text = article.text();
        let Tokenized {
            tokens,
            sentence_tokens,
        } = parsed.unwrap_or_else(|| Tokenized::new(article));
        debug_assert_eq!(sentence_tokens.len(), article.sentences().len());
        let mut block_sentence = Vec::with_capacity(tokens.len() / BLOCK + 1);
        let mut s = 0;
        for block_start in (0..tokens.len()).step_by(BLOCK) {
            while s < sentence_tokens.len() && sentence_tokens[s].end <= block_start {
                s += 1;
            }
            block_sentence.push(s as u32);
        }
        // Each sentence's tokens, block by block.
        let mut sentence_step = vec![OUTSIDE; tokens.len()];
        for (s, range) in sentence_tokens.iter().enumerate() {
            let mut a = range.start;
            while a < range.end {
                let b = range.end.min((a / BLOCK + 1) * BLOCK);
                let step = s - block_sentence[a / BLOCK] as usize;
                sentence_step[a..b].fill(step as u8);
                a = b;
            }
        }
        Doc {
            article,
            text,
            lower: text.to_ascii_lowercase(),
            keys: TokenKeys::new(text, &tokens),
            tokens,
            sentence_tokens,
            block_sentence,
            sentence_step,
        }
    }

    /// The text of token `i`.
    #[inline]
    pub fn tok(&self, i: usize) -> &'a str {
        self.tokens[i].text(self.text)
    }

    /// The lowercased text of token `i`.
    #[inline]
    pub fn low(&self, i: usize) -> &str {
        let t = &self.tokens[i];
        &self.lower[t.start as usize..t.end() as usize]
    }

    /// The sentence of token `i`, if any.
    #[inline]
    pub fn sentence_of(&self, i: usize) -> Option<usize> {
        match *self.sentence_step.get(i)? {
            OUTSIDE => None,
            step => Some(self.block_sentence[i / BLOCK] as usize + usize::from(step)),
        }
    }

    /// The index of the first token starting at or after byte `offset`.
    pub fn token_at_or_after(&self, offset: usize) -> usize {
        self.tokens.partition_point(|t| (t.start as usize) < offset)
    }
}

/// Finds tokens by byte offset for offsets that mostly grow (the mentions
/// of an actor, paragraphs, hits in text order): each lookup gallops from
/// the previous answer, so a pass over a long text stays in cache instead
/// of bisecting all of it every time.
#[derive(Debug, Clone, Copy, Default)]
pub struct TokenCursor {
    pos: usize,
}

impl TokenCursor {
    /// The index of the first token of `doc` starting at or after byte
    /// `offset` (as [`Doc::token_at_or_after`]).
    pub fn at_or_after(&mut self, doc: &Doc<'_>, offset: usize) -> usize {
        self.pos = gallop(&doc.tokens, self.pos, |t| (t.start as usize) < offset);
        self.pos
    }
}

/// Each sentence's tokens by galloping on from the last one's end, a few
/// steps a sentence instead of one a token.
fn sentence_ranges(article: &Article, tokens: &[Token]) -> Vec<Range<usize>> {
    let mut ranges = Vec::with_capacity(article.sentences().len());
    let mut k = 0;
    for sentence in article.sentences() {
        let first = k + gallop(&tokens[k..], 0, |t| (t.start as usize) < sentence.start);
        k = first + gallop(&tokens[first..], 0, |t| (t.end() as usize) <= sentence.end);
        ranges.push(first..k);
    }
    ranges
}

/// The partition point of `before` in `tokens` (true, then false), searched
/// from `from` outwards.
fn gallop(tokens: &[Token], from: usize, before: impl Fn(&Token) -> bool) -> usize {
    let n = tokens.len();
    let from = from.min(n);
    if from > 0 && !before(&tokens[from - 1]) {
        // Behind the last answer: gallop back from it.
        let mut step = 1;
        let mut hi = from - 1;
        while hi >= step && !before(&tokens[hi - step]) {
            hi -= step;
            step *= 2;
        }
        let lo = hi.saturating_sub(step);
        return lo + tokens[lo..hi].partition_point(before);
    }
    let mut step = 1;
    let mut lo = from;
    while lo + step <= n && before(&tokens[lo + step - 1]) {
        lo += step;
        step *= 2;
    }
    let hi = (lo + step).min(n);
    lo + tokens[lo..hi].partition_point(before)
}

/// Where, in a list sorted by a token position, the items at or after each
/// block of `INDEX_BLOCK` tokens begin: the search for a position is a step
/// or two from its block instead of a bisection of the whole list, which on
/// a long text would jump about memory.
#[derive(Debug, Default)]
pub(crate) struct BlockIndex(Vec<u32>);

/// Tokens per block of a [`BlockIndex`].
const INDEX_BLOCK: usize = 64;

impl BlockIndex {
    /// The index of items at `positions` (sorted) over `n` tokens and the
    /// position one past the last.
    pub fn new(n: usize, positions: impl Iterator<Item = usize>) -> BlockIndex {
        let mut positions = positions.peekable();
        let mut k = 0u32;
        let blocks = (0..=n / INDEX_BLOCK).map(|b| {
            while positions.next_if(|&p| p < b * INDEX_BLOCK).is_some() {
                k += 1;
            }
            k
        });
        BlockIndex(blocks.collect())
    }

    /// The first of `len` items whose position (`position_of(k)`) is at or
    /// after token `i`.
    #[inline]
    pub fn find(&self, i: usize, len: usize, position_of: impl Fn(usize) -> usize) -> usize {
        let mut k = self.0.get(i / INDEX_BLOCK).map_or(len, |&k| k as usize);
        while k < len && position_of(k) < i {
            k += 1;
        }
        k
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_finds_what_bisection_finds_in_any_order() {
        let article = Article::parse("Talks resumed in Seoul. “We agreed,” Arakawa said.").unwrap();
        let doc = Doc::new(&article, None);
        let len = article.text().len();
        let forward: Vec<usize> = (0..=len + 2).collect();
        let backward: Vec<usize> = forward.iter().rev().copied().collect();
        let mixed: Vec<usize> = (0..=len).map(|i| (i * 7919) % (len + 1)).collect();
        for offsets in [forward, backward, mixed] {
            let mut starts = TokenCursor::default();
            for &o in &offsets {
                assert_eq!(starts.at_or_after(&doc, o), doc.token_at_or_after(o), "{o}");
            }
        }
    }

    #[test]
    fn sentence_tokens_are_what_a_scan_finds() {
        let mut long = String::from("Date: 2016-11-08\nTalks.\n\n");
        for i in 0..60 {
            long.push_str(&"word ".repeat(i % 40));
            long.push_str("“Yes,” he said. No!\n\n");
        }
        let texts = [
            "Talks resumed in Seoul. “We agreed,” Arakawa said.",
            "One.",
            "Headline\n\nFirst paragraph here. And more... Then U.S. officials said so.\n\nSecond.",
            &long,
        ];
        for text in texts {
            let article = Article::parse(text).unwrap();
            let doc = Doc::new(&article, None);
            let mut want = Vec::new();
            let mut k = 0;
            for sentence in article.sentences() {
                while k < doc.tokens.len() && (doc.tokens[k].start as usize) < sentence.start {
                    k += 1;
                }
                let first = k;
                while k < doc.tokens.len() && (doc.tokens[k].end() as usize) <= sentence.end {
                    k += 1;
                }
                want.push(first..k);
            }
            assert_eq!(doc.sentence_tokens, want, "{text:?}");
            // Parsing's ranges are the same.
            let (parsed, tokenized) =
                crate::article::parse_article(text.into(), &Default::default()).unwrap();
            assert_eq!(tokenized.sentence_tokens, want, "{text:?}");
            assert_eq!(Doc::new(&parsed, Some(tokenized)).sentence_tokens, want);
        }
    }

    #[test]
    fn a_token_finds_its_sentence_from_its_block() {
        // A header outside every sentence, sentences of one to many
        // tokens, and more than one block of tokens.
        let mut text = String::from("Date: 2016-11-08\nTalks.\n\n");
        for i in 0..150 {
            text.push_str(&"word ".repeat(i % 7));
            text.push_str("Yes. No! ");
        }
        let article = Article::parse(&text).unwrap();
        let doc = Doc::new(&article, None);
        assert!(doc.tokens.len() > 3 * BLOCK);
        for i in 0..doc.tokens.len() + 2 {
            let want = doc.sentence_tokens.iter().position(|r| r.contains(&i));
            assert_eq!(doc.sentence_of(i), want, "token {i}");
        }
        assert_eq!(doc.sentence_of(0), None, "the header");
    }

    #[test]
    fn a_block_index_finds_what_bisection_finds() {
        let n = 1000;
        // Sparse, dense, repeated and trailing positions.
        let lists: [Vec<usize>; 4] = [
            vec![],
            (0..n).step_by(97).collect(),
            (0..n).flat_map(|p| [p, p]).filter(|p| p % 3 != 0).collect(),
            vec![5, 5, 64, 64, 127, 128, 900, n],
        ];
        for positions in &lists {
            let index = BlockIndex::new(n, positions.iter().copied());
            for i in 0..=n + 1 {
                let want = positions.partition_point(|&p| p < i);
                let got = index.find(i, positions.len(), |k| positions[k]);
                assert_eq!(got, want, "position {i} in {positions:?}");
            }
        }
    }
}
