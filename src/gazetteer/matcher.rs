//! Phrase matching over the token layer: an Aho-Corasick automaton whose
//! matches must start and end on token boundaries.

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
        let kind = if patterns.len() <= DFA_MAX_PATTERNS {
            AhoCorasickKind::DFA
        } else {
            AhoCorasickKind::ContiguousNFA
        };
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
        Ok(PhraseMatcher { automaton, values })
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
        let mut out = Vec::new();
        let Some(ac) = &self.automaton else {
            return out;
        };
        let mut k = 0usize;
        for m in ac.find_iter(haystack) {
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
