//! Phrase matching over the token layer: the leftmost-longest matches of a
//! set of phrases, kept where they start and end on token boundaries. Small
//! sets scan with an Aho-Corasick DFA; large ones (the gazetteer) walk a
//! trie at the few positions where a phrase may start.

use super::trie::Trie;
use crate::text::Token;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use std::collections::HashMap;

/// Phrase sets up to this size compile into a DFA, larger ones into a
/// contiguous NFA.
const DFA_MAX_PATTERNS: usize = 4096;

/// A set of phrases compiled into one automaton. Each phrase maps to one or
/// more values of type `T` (a phrase may belong to several entries).
#[derive(Clone)]
pub(crate) struct PhraseMatcher<T> {
    automaton: Option<AhoCorasick>,
    values: Vec<Vec<T>>,
    /// For an NFA: where a phrase can start and the trie of the phrases, so
    /// that `find` runs anchored searches there instead of scanning every
    /// byte.
    anchored: Option<Box<(Starts, Trie)>>,
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
        // A DFA scans two to three times faster than the contiguous NFA the
        // crate would otherwise pick, at 5 to 60 times the memory: well
        // under 1 MB for the cue and title lexicons (hundreds to a few
        // thousand phrases), but 136 MB for the gazetteer's 15,000 surface
        // forms, which stays an NFA (2 MB).
        let dfa = patterns.len() <= DFA_MAX_PATTERNS;
        let kind = if dfa {
            AhoCorasickKind::DFA
        } else {
            AhoCorasickKind::ContiguousNFA
        };
        // For an NFA, `find` walks a trie at the positions where a phrase may
        // start instead; the automaton serves `count`.
        let anchored = (!dfa).then(|| {
            Box::new((
                Starts::new(patterns.iter().map(|p| p.as_bytes())),
                Trie::new(patterns.iter().map(|p| p.as_bytes())),
            ))
        });
        let automaton = if patterns.is_empty() {
            None
        } else {
            Some(
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::LeftmostLongest)
                    .kind(Some(kind))
                    .build(&patterns)
                    .map_err(|e| {
                        crate::Error::new(
                            crate::ErrorKind::InvalidData,
                            format!("cannot compile dictionary automaton: {e}"),
                        )
                    })?,
            )
        };
        Ok(PhraseMatcher {
            automaton,
            values,
            anchored,
        })
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

    /// The number of matches in `haystack`, with no boundary checks: a bare
    /// scan.
    pub fn count(&self, haystack: &str) -> usize {
        self.automaton
            .as_ref()
            .map_or(0, |ac| ac.find_iter(haystack).count())
    }

    /// Finds phrases in `haystack` (the text or its lowercased copy, same
    /// offsets as `tokens`) whose matches start at a token start and end at
    /// a token end. One pass over the haystack, one over the tokens.
    pub fn find(&self, haystack: &str, tokens: &[Token]) -> Vec<PhraseMatch> {
        let Some(ac) = &self.automaton else {
            return Vec::new();
        };
        match &self.anchored {
            Some(anchored) => aligned(
                AnchoredMatches {
                    starts: &anchored.0,
                    trie: &anchored.1,
                    haystack: haystack.as_bytes(),
                    at: 0,
                },
                tokens,
            ),
            None => aligned(
                ac.find_iter(haystack)
                    .map(|m| (m.start(), m.end(), m.pattern().as_usize())),
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
        }
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
