//! Phrase matching over the token layer: an Aho-Corasick automaton whose
//! matches must start and end on token boundaries.

use crate::text::Token;
use aho_corasick::{
    AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Anchored, Input, Match, MatchKind, StartKind,
};
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
    /// For an NFA: where a phrase can start, so that `find` runs anchored
    /// searches there instead of scanning every byte.
    starts: Option<Box<Starts>>,
}

/// The first two bytes of every phrase (and the phrases of one byte): a
/// position whose bytes are not among them starts no match.
#[derive(Clone)]
struct Starts {
    /// A bit for each pair of bytes `(first, second)`, at `first * 256 + second`.
    pairs: Vec<u64>,
    /// The bytes that are whole phrases.
    singles: [bool; 256],
}

impl Starts {
    fn new<'p>(patterns: impl IntoIterator<Item = &'p [u8]>) -> Starts {
        let mut starts = Starts {
            pairs: vec![0; 65536 / 64],
            singles: [false; 256],
        };
        for p in patterns {
            match *p {
                [] => {}
                [b] => starts.singles[usize::from(b)] = true,
                [a, b, ..] => {
                    let bit = usize::from(a) << 8 | usize::from(b);
                    starts.pairs[bit / 64] |= 1 << (bit % 64);
                }
            }
        }
        starts
    }

    /// Whether a phrase may start at `bytes[at]`.
    #[inline]
    fn may_start(&self, bytes: &[u8], at: usize) -> bool {
        let a = usize::from(bytes[at]);
        self.singles[a]
            || bytes.get(at + 1).is_some_and(|&b| {
                let bit = a << 8 | usize::from(b);
                self.pairs[bit / 64] & (1 << (bit % 64)) != 0
            })
    }
}

/// The matches of an unanchored leftmost-longest search, found by anchored
/// searches at the positions where a phrase may start: at the first position
/// from the last match's end where an anchored search succeeds, that search
/// gives the longest match starting there, which is the leftmost-longest
/// match. Same matches as `find_iter`, without stepping the automaton
/// through the bytes (mostly lowercase letters and spaces) where no phrase
/// starts.
struct AnchoredMatches<'m, 'h> {
    ac: &'m AhoCorasick,
    starts: &'m Starts,
    haystack: &'h str,
    at: usize,
}

impl Iterator for AnchoredMatches<'_, '_> {
    type Item = Match;

    fn next(&mut self) -> Option<Match> {
        let bytes = self.haystack.as_bytes();
        while self.at < bytes.len() {
            let at = self.at;
            if !self.starts.may_start(bytes, at) {
                self.at += 1;
                continue;
            }
            let input = Input::new(self.haystack)
                .span(at..bytes.len())
                .anchored(Anchored::Yes);
            match self.ac.try_find(input) {
                Ok(Some(m)) => {
                    self.at = m.end().max(at + 1);
                    return Some(m);
                }
                _ => self.at += 1,
            }
        }
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
        // An NFA also supports anchored searches (at no cost in size), for
        // `find`; a DFA would need a second transition table.
        let start_kind = if dfa {
            StartKind::Unanchored
        } else {
            StartKind::Both
        };
        let starts = (!dfa).then(|| Box::new(Starts::new(patterns.iter().map(|p| p.as_bytes()))));
        let automaton = if patterns.is_empty() {
            None
        } else {
            Some(
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::LeftmostLongest)
                    .kind(Some(kind))
                    .start_kind(start_kind)
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
            starts,
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
        match &self.starts {
            Some(starts) => aligned(
                AnchoredMatches {
                    ac,
                    starts,
                    haystack,
                    at: 0,
                },
                tokens,
            ),
            None => aligned(ac.find_iter(haystack), tokens),
        }
    }
}

/// The matches (in order, not overlapping) that start at a token start and
/// end at a token end.
fn aligned(matches: impl Iterator<Item = Match>, tokens: &[Token]) -> Vec<PhraseMatch> {
    let mut out = Vec::new();
    let mut k = 0usize;
    for m in matches {
        let (start, end) = (m.start() as u32, m.end() as u32);
        while k < tokens.len() && tokens[k].start < start {
            k += 1;
        }
        if k >= tokens.len() {
            break;
        }
        if tokens[k].start != start {
            continue;
        }
        let mut j = k;
        while j < tokens.len() && tokens[j].end < end {
            j += 1;
        }
        if j < tokens.len() && tokens[j].end == end {
            out.push(PhraseMatch {
                first: k,
                end: j + 1,
                pattern: m.pattern().as_usize(),
            });
        }
    }
    out
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
                let e = tokens[f.end - 1].end as usize;
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
                ac: &ac,
                starts: &starts,
                haystack: &text,
                at: 0,
            }
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
