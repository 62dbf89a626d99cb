//! Phrase matching over the token layer: phrases that start and end on
//! token boundaries, found by walking a trie where a phrase may start. Small
//! sets (titles, cues) walk it at the tokens that a phrase may start with
//! and keep the longest phrase that ends on a token end; large ones (the
//! gazetteer) walk it at bytes and keep the byte-level leftmost-longest
//! matches that fall on tokens.

use super::trie::Trie;
use crate::text::Token;
use crate::text::words::pack8;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use std::collections::HashMap;

/// Phrase sets up to this size (the cue and title lexicons) are searched
/// token by token; larger ones (the gazetteer) byte by byte, and compile
/// into an Aho-Corasick automaton for a bare scan as well.
const TOKEN_SEARCH_MAX_PATTERNS: usize = 4096;

/// A set of phrases compiled into one automaton. Each phrase maps to one or
/// more values of type `T` (a phrase may belong to several entries).
#[derive(Clone)]
pub(crate) struct PhraseMatcher<T> {
    values: Vec<Vec<T>>,
    /// How `find` searches: anchored searches in the trie of the phrases
    /// where one may start, instead of an automaton stepped through every
    /// byte.
    search: Search,
}

#[derive(Clone)]
enum Search {
    /// At the tokens that a phrase may start with.
    Tokens(Box<(FirstTokens, Trie)>),
    /// At the bytes where a phrase may start, for the matches of a
    /// byte-level search: the gazetteer's, which token anchoring would
    /// change. The automaton serves `count`, a bare scan.
    Bytes(Box<(Starts, Trie, AhoCorasick)>),
}

/// The first two bytes of every phrase (and the phrases of one byte): a
/// position whose bytes are not among them starts no match. Most positions
/// fail this test in one load, and only the others walk the trie.
#[derive(Clone)]
struct Starts {
    /// A bit for each pair of bytes `(first, second)`, at `first * 256 +
    /// second`; a phrase of one byte sets every pair that it starts.
    pairs: Box<[u64; 65536 / 64]>,
    /// The bytes that are whole phrases, for the last byte of a text.
    singles: [bool; 256],
}

impl Starts {
    fn new<'p>(patterns: impl IntoIterator<Item = &'p [u8]>) -> Starts {
        let mut starts = Starts {
            pairs: Box::new([0; 65536 / 64]),
            singles: [false; 256],
        };
        for p in patterns {
            match *p {
                [] => {}
                [a] => {
                    starts.singles[usize::from(a)] = true;
                    let row = usize::from(a) << 8;
                    starts.pairs[row / 64..(row + 256) / 64].fill(u64::MAX);
                }
                [a, b, ..] => {
                    let bit = usize::from(a) << 8 | usize::from(b);
                    starts.pairs[bit / 64] |= 1 << (bit % 64);
                }
            }
        }
        starts
    }

    /// The first position from `at` where a phrase may start.
    #[inline]
    fn next_start(&self, bytes: &[u8], at: usize) -> Option<usize> {
        let rest = bytes.get(at..)?;
        let (&first, tail) = rest.split_first()?;
        let mut a = usize::from(first);
        for (k, &b) in tail.iter().enumerate() {
            let bit = a << 8 | usize::from(b);
            if self.pairs[bit / 64] & (1 << (bit % 64)) != 0 {
                return Some(at + k);
            }
            a = usize::from(b);
        }
        // The last byte, alone.
        self.singles[a].then_some(bytes.len() - 1)
    }
}

/// The tokens that a phrase may start with, hashed into a bitset: most
/// tokens of a text start no phrase and fail this test in a few
/// instructions and one load, and only the others walk the trie.
///
/// A phrase that starts at a token start and ends at a token end starts
/// with that whole token. The tokenizer never cuts a run of ASCII letters
/// and digits (short of `MAX_TOKEN` bytes), so that token is a prefix of
/// the phrase that ends where the phrase does or beside a byte that is no
/// ASCII letter or digit: the set holds those prefixes.
#[derive(Clone)]
struct FirstTokens {
    bits: Box<[u64; FIRST_BITS / 64]>,
}

/// 8 KB: a few percent of false positives for the few thousand first tokens
/// of the cue lexicon.
const FIRST_BITS: usize = 1 << 16;

/// The mask of the low `n` bytes of a `u64`, at `n`.
const LOW_BYTES: [u64; 9] = {
    let mut masks = [u64::MAX; 9];
    let mut n = 0;
    while n < 8 {
        masks[n] = (1 << (8 * n)) - 1;
        n += 1;
    }
    masks
};

impl FirstTokens {
    fn new<'p>(patterns: impl IntoIterator<Item = &'p [u8]>) -> FirstTokens {
        let mut first = FirstTokens {
            bits: Box::new([0; FIRST_BITS / 64]),
        };
        for p in patterns {
            for end in 1..=p.len() {
                let inside_word = p.get(end).is_some_and(|b| {
                    b.is_ascii_alphanumeric() && p[end - 1].is_ascii_alphanumeric()
                });
                if !inside_word {
                    let bit = FirstTokens::bit(pack8(&p[..end]), end);
                    first.bits[bit / 64] |= 1 << (bit % 64);
                }
            }
        }
        first
    }

    /// The bit of a token: a hash of its first eight bytes (`pack8`) and
    /// its length.
    #[inline]
    fn bit(first8: u64, len: usize) -> usize {
        let key = first8 ^ (len as u64).rotate_right(8);
        (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - FIRST_BITS.trailing_zeros())) as usize
    }

    /// Whether a phrase may start with the token `bytes[at..at + len]`.
    #[inline]
    fn may_start(&self, bytes: &[u8], at: usize, len: usize) -> bool {
        // `pack8` by one load and a mask, but near the end.
        let first8 = match bytes.get(at..).and_then(|b| b.first_chunk::<8>()) {
            Some(&eight) => u64::from_le_bytes(eight) & LOW_BYTES[len.min(8)],
            None => pack8(bytes.get(at..at + len).unwrap_or_default()),
        };
        let bit = FirstTokens::bit(first8, len);
        self.bits[bit / 64] & (1 << (bit % 64)) != 0
    }
}

/// The matches, in order and not overlapping, of the longest phrase that
/// starts at a token start and ends at a token end: at each token that a
/// phrase may start with, the walk down the trie passes every phrase that
/// starts there, and the last one that ends on a token end is kept; the
/// search goes on after it. Unlike a byte-level search, a match inside a
/// word ("vice president" in "device president") hides no match on the
/// tokens.
fn token_matches(
    first: &FirstTokens,
    trie: &Trie,
    bytes: &[u8],
    tokens: &[Token],
) -> Vec<PhraseMatch> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < tokens.len() {
        let t = tokens[k];
        let at = t.start as usize;
        if !first.may_start(bytes, at, (t.end() - t.start) as usize) {
            k += 1;
            continue;
        }
        // The last token that a phrase reaches, and the longest phrase that
        // ends on a token end.
        let mut j = k;
        let mut best = None;
        for (end, pattern) in trie.prefixes(bytes, at) {
            let end = end as u32;
            while j < tokens.len() && tokens[j].end() < end {
                j += 1;
            }
            if j == tokens.len() {
                break;
            }
            if tokens[j].end() == end {
                best = Some((j + 1, pattern));
            }
        }
        match best {
            Some((end, pattern)) => {
                out.push(PhraseMatch {
                    first: k,
                    end,
                    pattern,
                });
                k = end;
            }
            None => k += 1,
        }
    }
    out
}

/// The matches of an unanchored leftmost-longest search, found by anchored
/// searches at the positions where a phrase may start: at the first position
/// from the last match's end where an anchored search succeeds, that search
/// gives the longest match starting there, which is the leftmost-longest
/// match. Same matches as `find_iter`, without stepping an automaton through
/// the bytes (mostly lowercase letters and spaces) where no phrase starts.
/// Yields `(start, end, pattern)`.
struct AnchoredMatches<'m, 'h> {
    starts: &'m Starts,
    trie: &'m Trie,
    haystack: &'h [u8],
    at: usize,
}

impl Iterator for AnchoredMatches<'_, '_> {
    type Item = (usize, usize, usize);

    #[inline]
    fn next(&mut self) -> Option<(usize, usize, usize)> {
        let bytes = self.haystack;
        while let Some(at) = self.starts.next_start(bytes, self.at) {
            if let Some((end, pattern)) = self.trie.longest(bytes, at) {
                self.at = end;
                return Some((at, end, pattern));
            }
            self.at = at + 1;
        }
        self.at = bytes.len();
        None
    }
}

/// A match: the token range `first..last+1` and the values of the phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PhraseMatch {
    pub first: usize,
    /// One past the last token.
    pub end: usize,
    pub pattern: usize,
}

impl<T: Clone> PhraseMatcher<T> {
    /// Compiles `phrases` (leftmost-longest). Duplicate phrases merge their
    /// values.
    pub fn new(phrases: impl IntoIterator<Item = (String, T)>) -> crate::Result<PhraseMatcher<T>> {
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut values: Vec<Vec<T>> = Vec::new();
        for (phrase, value) in phrases {
            if phrase.is_empty() {
                continue;
            }
            match index.get(&phrase) {
                Some(&i) => values[i].push(value),
                None => {
                    index.insert(phrase.clone(), patterns.len());
                    patterns.push(phrase);
                    values.push(vec![value]);
                }
            }
        }
        // Few tokens pass `FirstTokens` and walk a few states of a trie of
        // 20 to 60 KB, where a DFA of the cue or title lexicon (500 to 700 KB)
        // stepped through every byte misses the caches.
        let bytes = || patterns.iter().map(|p| p.as_bytes());
        let search = if patterns.len() <= TOKEN_SEARCH_MAX_PATTERNS {
            Search::Tokens(Box::new((FirstTokens::new(bytes()), Trie::new(bytes()))))
        } else {
            // A contiguous NFA: a DFA of the gazetteer's 15,000 surface forms
            // would take 136 MB.
            let automaton = AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .kind(Some(AhoCorasickKind::ContiguousNFA))
                .build(&patterns)
                .map_err(|e| {
                    crate::Error::new(
                        crate::ErrorKind::InvalidData,
                        format!("cannot compile dictionary automaton: {e}"),
                    )
                })?;
            Search::Bytes(Box::new((
                Starts::new(bytes()),
                Trie::new(bytes()),
                automaton,
            )))
        };
        Ok(PhraseMatcher { values, search })
    }

    /// The values of pattern `pattern`.
    #[inline]
    pub fn values(&self, pattern: usize) -> &[T] {
        &self.values[pattern]
    }

    /// Number of distinct phrases.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// The number of leftmost-longest matches in `haystack`, with no
    /// boundary checks: a bare scan, with the automaton of a set searched
    /// byte by byte (the gazetteer's).
    pub fn count(&self, haystack: &str) -> usize {
        match &self.search {
            Search::Bytes(search) => search.2.find_iter(haystack).count(),
            Search::Tokens(search) => {
                // The longest phrase at each position, from the end of the
                // last: the leftmost-longest matches, without an automaton.
                let (bytes, mut at, mut count) = (haystack.as_bytes(), 0, 0);
                while at < bytes.len() {
                    match search.1.longest(bytes, at) {
                        Some((end, _)) => {
                            count += 1;
                            at = end;
                        }
                        None => at += 1,
                    }
                }
                count
            }
        }
    }

    /// Finds phrases in `haystack` (the text or its lowercased copy, same
    /// offsets as `tokens`) whose matches start at a token start and end at
    /// a token end.
    pub fn find(&self, haystack: &str, tokens: &[Token]) -> Vec<PhraseMatch> {
        match &self.search {
            Search::Tokens(search) => {
                token_matches(&search.0, &search.1, haystack.as_bytes(), tokens)
            }
            Search::Bytes(search) => aligned(
                AnchoredMatches {
                    starts: &search.0,
                    trie: &search.1,
                    haystack: haystack.as_bytes(),
                    at: 0,
                },
                tokens,
            ),
        }
    }
}

/// The matches (in order, not overlapping) that start at a token start and
/// end at a token end.
fn aligned(
    matches: impl Iterator<Item = (usize, usize, usize)>,
    tokens: &[Token],
) -> Vec<PhraseMatch> {
    let mut out = Vec::new();
    let mut k = 0usize;
    for (start, end, pattern) in matches {
        let (start, end) = (start as u32, end as u32);
        // Matches are far apart in tokens: gallop to the next one.
        k = gallop(tokens, k, |t| t.start < start);
        if k >= tokens.len() {
            break;
        }
        if tokens[k].start != start {
            continue;
        }
        let mut j = k;
        while j < tokens.len() && tokens[j].end() < end {
            j += 1;
        }
        if j < tokens.len() && tokens[j].end() == end {
            out.push(PhraseMatch {
                first: k,
                end: j + 1,
                pattern,
            });
        }
    }
    out
}

/// The partition point of `before` (true, then false) in `tokens[from..]`:
/// an exponential search from `from`, so that a pass over positions that
/// grow costs the log of each step rather than the step.
fn gallop(tokens: &[Token], from: usize, before: impl Fn(&Token) -> bool) -> usize {
    let rest = tokens.get(from..).unwrap_or_default();
    let mut hi = 1;
    while hi <= rest.len() && before(&rest[hi - 1]) {
        hi *= 2;
    }
    // All of `rest[..lo]` are before; the point lies in `lo..=hi`.
    let lo = hi / 2;
    let hi = hi.min(rest.len());
    from + lo + rest[lo..hi].partition_point(before)
}

/// The surface variants of a dictionary form as news prints it: as written,
/// with a curly apostrophe for a straight one, and in capitals (headlines)
/// when the form has at least four letters.
pub(crate) fn variants(form: &str, upper: bool) -> Vec<String> {
    let mut out = vec![form.to_owned()];
    if form.contains('\'') {
        out.push(form.replace('\'', "’"));
    }
    if upper && form.chars().filter(|c| c.is_alphabetic()).count() >= 4 {
        let caps = form.to_uppercase();
        if caps != form && caps.len() == form.len() {
            if caps.contains('\'') {
                out.push(caps.replace('\'', "’"));
            }
            out.push(caps);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokens::tokenize_into;
    use aho_corasick::{Match, StartKind};

    #[test]
    fn matches_respect_token_boundaries() {
        let m = PhraseMatcher::new([
            ("Russia".to_owned(), 1),
            ("Russian".to_owned(), 2),
            ("White House".to_owned(), 3),
            ("US".to_owned(), 4),
        ])
        .unwrap();
        let text = "Russia’s and Russian views; the White House and USAID, US.";
        let mut tokens = Vec::new();
        tokenize_into(text, &mut tokens);
        let found: Vec<(&str, i32)> = m
            .find(text, &tokens)
            .iter()
            .map(|f| {
                let s = tokens[f.first].start as usize;
                let e = tokens[f.end - 1].end() as usize;
                (&text[s..e], m.values(f.pattern)[0])
            })
            .collect();
        assert_eq!(
            found,
            [("Russia", 1), ("Russian", 2), ("White House", 3), ("US", 4)]
        );
    }

    #[test]
    fn anchored_matches_are_the_leftmost_longest_ones() {
        // Overlapping phrases of one and more bytes, some sharing prefixes,
        // some starting inside others, over random text of their letters.
        let patterns = [
            "a",
            "ab",
            "ab c",
            "b",
            "B A",
            "Ab",
            "bA b",
            "c a",
            "Congo",
            "Congo Republic",
            "o R",
            "é",
            "éa",
            "’s",
        ];
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .start_kind(StartKind::Both)
            .build(patterns)
            .unwrap();
        let starts = Starts::new(patterns.iter().map(|p| p.as_bytes()));
        let trie = Trie::new(patterns.iter().map(|p| p.as_bytes()));
        let small = PhraseMatcher::new(patterns.iter().map(|p| (p.to_string(), ()))).unwrap();
        assert!(matches!(small.search, Search::Tokens(_)));
        let alphabet = [
            "a",
            "b",
            "c",
            "A",
            "B",
            " ",
            "-",
            "é",
            "’s",
            "Congo",
            " Republic",
            "n",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..20_000 {
            let mut text = String::new();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            for k in 0..(seed % 24) {
                text.push_str(alphabet[((seed >> (k % 50)) % alphabet.len() as u64) as usize]);
            }
            let want: Vec<Match> = ac.find_iter(&text).collect();
            let got: Vec<Match> = AnchoredMatches {
                starts: &starts,
                trie: &trie,
                haystack: text.as_bytes(),
                at: 0,
            }
            .map(|(s, e, p)| Match::must(p, s..e))
            .collect();
            assert_eq!(got, want, "{text:?}");
            // A small set, searched by token, counts with its trie alone.
            assert_eq!(small.count(&text), want.len(), "{text:?}");
        }
    }

    /// The text of the phrases that `find` reports in `text`, each checked
    /// against its value (the phrase itself).
    fn found<'t>(m: &PhraseMatcher<&'t str>, text: &'t str) -> Vec<&'t str> {
        let mut tokens = Vec::new();
        tokenize_into(text, &mut tokens);
        m.find(text, &tokens)
            .iter()
            .map(|f| {
                let s = tokens[f.first].start as usize;
                let e = tokens[f.end - 1].end() as usize;
                assert_eq!(&text[s..e], m.values(f.pattern)[0]);
                &text[s..e]
            })
            .collect()
    }

    #[test]
    fn matches_inside_words_hide_none_on_tokens() {
        let phrases = [
            "vice president",
            "vice-president",
            "president",
            "vice",
            "called for",
            "called",
            "in remarks",
            "remarks",
            "expressed concern",
            "expressed",
            "concerns",
            "lt.",
            "lt. gen.",
            "gen.",
            "ex-",
        ];
        let m = PhraseMatcher::new(phrases.map(|p| (p.to_owned(), p))).unwrap();
        let table: &[(&str, &str, &[&str])] = &[
            (
                "longest on tokens",
                "the vice president said",
                &["vice president"],
            ),
            // A byte-level search finds "vice president" from the third
            // byte, and the match at the token is lost.
            ("phrase in a word", "the device president", &["president"]),
            ("phrase past a word", "a vice presidential pick", &["vice"]),
            ("hyphen", "his vice-presidential pick", &["vice"]),
            ("shorter phrase", "trump called ford’s plans", &["called"]),
            ("phrase from a word", "putin remarks", &["remarks"]),
            (
                "split",
                "has expressed concerns",
                &["expressed", "concerns"],
            ),
            ("whole", "she expressed concern", &["expressed concern"]),
            ("periods", "lt. gen. smith", &["lt. gen."]),
            ("period alone", "lt. col. smith", &["lt."]),
            ("prefix", "an ex-president", &["ex-", "president"]),
            ("no token end", "vices presidents", &[]),
            ("at the end", "vice", &["vice"]),
            ("empty", "", &[]),
        ];
        for (name, text, want) in table {
            assert_eq!(found(&m, text), *want, "{name}: {text:?}");
        }
        let none = PhraseMatcher::<&str>::new([]).unwrap();
        assert_eq!(found(&none, "vice president"), [] as [&str; 0]);
    }

    #[test]
    fn token_matches_are_the_longest_phrases_on_tokens() {
        // Phrases that share prefixes, hold punctuation and spaces, and
        // start inside other phrases or words; text of their pieces.
        let phrases = [
            "a",
            "ab",
            "a b",
            "a b c",
            "b",
            "b-c",
            "c a",
            "vice",
            "vice president",
            "president",
            "de",
            "lt.",
            "lt. b",
            "e-",
            "’s",
            "a’s",
            "é",
            "éa",
        ];
        let m = PhraseMatcher::new(phrases.map(|p| (p.to_owned(), p))).unwrap();
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .build(phrases)
            .unwrap();
        let pieces = [
            "a",
            "b",
            "c",
            " ",
            " ",
            "-",
            ".",
            "e",
            "é",
            "’s",
            "vice",
            "de",
            "president",
            "lt",
            "s",
        ];
        let mut tokens = Vec::new();
        let (mut seed, mut plain) = (0x2545_f491_4f6c_dd1d_u64, 0);
        for _ in 0..20_000 {
            let mut text = String::new();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            for k in 0..(seed % 24) {
                text.push_str(pieces[((seed >> (k % 50)) % pieces.len() as u64) as usize]);
            }
            tokenize_into(&text, &mut tokens);
            let got = m.find(&text, &tokens);
            // The reference: at each token, the longest phrase that ends on a
            // token end; then on after it.
            let mut want = Vec::new();
            let mut k = 0;
            while k < tokens.len() {
                let at = tokens[k].start as usize;
                let longest = (0..phrases.len())
                    .filter(|&p| text[at..].starts_with(phrases[p]))
                    .filter_map(|p| {
                        let end = (at + phrases[p].len()) as u32;
                        let j = tokens.iter().position(|t| t.end() == end)?;
                        Some((j + 1, p))
                    })
                    .max_by_key(|&(end, p)| (end, phrases[p].len()));
                match longest {
                    Some((end, pattern)) => {
                        want.push(PhraseMatch {
                            first: k,
                            end,
                            pattern,
                        });
                        k = end;
                    }
                    None => k += 1,
                }
            }
            assert_eq!(got, want, "{text:?}");
            // Where every match of a byte-level search falls on tokens, it
            // hides none, and both searches agree.
            let raw: Vec<Match> = ac.find_iter(&text).collect();
            let on_tokens = raw.iter().all(|r| {
                tokens.iter().any(|t| t.start as usize == r.start())
                    && tokens.iter().any(|t| t.end() as usize == r.end())
            });
            if on_tokens {
                plain += 1;
                let bytes = raw
                    .iter()
                    .map(|r| (r.start(), r.end(), r.pattern().as_usize()));
                assert_eq!(got, aligned(bytes, &tokens), "{text:?}");
            }
        }
        assert!(plain > 1_000, "{plain}");
    }

    #[test]
    fn variants_cover_apostrophes_and_capitals() {
        assert_eq!(
            variants("People's Daily", true),
            [
                "People's Daily",
                "People’s Daily",
                "PEOPLE’S DAILY",
                "PEOPLE'S DAILY"
            ]
        );
        assert_eq!(variants("US", true), ["US"]);
        assert_eq!(variants("China", false), ["China"]);
    }
}
