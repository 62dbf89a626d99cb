//! Phrase matching over the token layer: phrases that start and end on
//! token boundaries, found by walking a trie at the tokens that a phrase
//! may start with and keeping the longest phrase that ends on a token end.

use super::trie::{AnyTrie, Cell, Trie};
use crate::text::Token;
use crate::text::tokens::{KEY_SET_WORDS, Keys, is_space, keys_at, next_in_bits};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use std::collections::HashMap;

/// Phrase sets larger than this (the gazetteer, not the cue and title
/// lexicons) also compile into an Aho-Corasick automaton, for `count`.
const SMALL_SET: usize = 4096;

/// A set of phrases compiled into a trie. Each phrase maps to one or more
/// values of type `T` (a phrase may belong to several entries).
#[derive(Clone)]
pub(crate) struct PhraseMatcher<T> {
    values: Vec<Vec<T>>,
    /// How `find` searches: anchored searches in the trie of the phrases
    /// at the tokens that may start one, instead of an automaton stepped
    /// through every byte.
    search: Box<(FirstTokens, AnyTrie)>,
    /// Whether the phrases are names (the gazetteer's): see
    /// [`PhraseMatcher::names`].
    names: bool,
    /// The gazetteer's automaton, for `count`: the bare scan that the
    /// throughput example measures the analysis against.
    automaton: Option<AhoCorasick>,
}

/// The tokens that a phrase may start with, as bitsets of their keys (see
/// [`TokenKeys`](crate::text::TokenKeys)), exact and folded: most tokens
/// of a text start no phrase and fail this test in a load or two, and only
/// the others walk the trie.
#[derive(Clone)]
struct FirstTokens {
    exact: Box<Bits>,
    folded: Box<Bits>,
}

/// A bit for each key: 8 KB, which stays in L1. The gazetteer's 9,400
/// first tokens set 13% of its exact bits and 16% of PolNeAR's tokens
/// pass, half of them by chance; those fail within a trie step or two.
/// (Keys of 18 bits, 32 KB, let 9% pass, for 5% fewer instructions in the
/// gazetteer's search but 45% more L1 misses in the three searches.)
type Bits = [u64; KEY_SET_WORDS];

/// Where the first token of `phrase` may end, when the phrase starts at a
/// token start and ends at a token end: that token is a prefix of the
/// phrase, so the set holds the prefixes that a token may be. A token holds
/// no space, ends on a char boundary but not inside a run of ASCII letters
/// and digits (which the tokenizer never cuts, short of `MAX_TOKEN` bytes),
/// and past its first byte holds no ASCII punctuation but the `.`, `,`,
/// `:` and `'` of words ("U.S.", "1,000", "O'Brien") or a run of one mark
/// ("--"): "Al-Qaeda" and "Al Jazeera" start with "Al".
fn first_token_ends(phrase: &str) -> impl Iterator<Item = usize> + '_ {
    let p = phrase.as_bytes();
    phrase
        .char_indices()
        .take_while(|&(i, c)| {
            let breaks_word = c.is_ascii()
                && !c.is_ascii_alphanumeric()
                && !matches!(c, '.' | ',' | ':' | '\'')
                && i > 0
                && p[i - 1] != p[i];
            !is_space(c) && !breaks_word
        })
        .map(|(i, c)| i + c.len_utf8())
        .filter(|&end| {
            !p.get(end)
                .is_some_and(|b| b.is_ascii_alphanumeric() && p[end - 1].is_ascii_alphanumeric())
        })
}

impl FirstTokens {
    fn new<'p>(patterns: impl IntoIterator<Item = &'p str>) -> FirstTokens {
        let mut first = FirstTokens {
            exact: Box::new([0; KEY_SET_WORDS]),
            folded: Box::new([0; KEY_SET_WORDS]),
        };
        let set = |bits: &mut Bits, key: u16| bits[usize::from(key / 64)] |= 1 << (key % 64);
        for p in patterns {
            for end in first_token_ends(p) {
                let (exact, folded) = keys_at(p.as_bytes(), 0, end);
                set(&mut first.exact, exact);
                set(&mut first.folded, folded);
            }
        }
        first
    }

    /// The bits that `keys` are tested against, and the keys.
    #[inline]
    fn bits<'k>(&self, keys: Keys<'k>) -> (&Bits, &'k [u16]) {
        match keys {
            Keys::Exact(keys) => (&self.exact, keys),
            Keys::Folded(keys) => (&self.folded, keys),
        }
    }
}

/// The matches, in order and not overlapping, of the longest phrase that
/// starts at a token start and ends at a token end: at each token that a
/// phrase may start with, the walk down the trie passes every phrase that
/// starts there, and the last one that ends on a token end is kept; the
/// search goes on after it. Unlike a byte-level search, a match inside a
/// word ("vice president" in "device president") or past a token end
/// ("called for" in "called ford's") hides no match on the tokens; but
/// with `names`, the longest phrase at a token, when it does not end on a
/// token end, hides the shorter ones and the tokens that it reaches.
fn token_matches<C: Cell>(
    first: &FirstTokens,
    trie: &Trie<C>,
    names: bool,
    bytes: &[u8],
    tokens: &[Token],
    keys: Keys<'_>,
) -> Vec<PhraseMatch> {
    let (bits, keys) = first.bits(keys);
    debug_assert_eq!(tokens.len(), keys.len());
    // The matches gather on the stack, a block at a time, and go to the
    // heap in one allocation of the size that they take: news has a name
    // every 32 tokens, a title every 40 and a cue every 18 (on PolNeAR),
    // so that room reserved by the tokens either grew by a copy or was
    // larger than needed, often past the 1 KB at which glibc consolidates
    // its free chunks. Past a block, the room is reserved once, for as
    // many matches as the rate so far gives (see `expected_matches`).
    let mut block = [PhraseMatch::NONE; BLOCK];
    let mut in_block = 0;
    let mut out = Vec::new();
    let mut k = 0;
    while k < tokens.len() {
        // On to the next token that a phrase may start with.
        // Most tokens start no phrase (85% of PolNeAR's tokens fail the
        // gazetteer's bits, 89% and 96% the cues' and the titles').
        match next_in_bits(bits, keys, k) {
            Some(next) => k = next,
            None => break,
        }
        let at = tokens[k].start as usize;
        // The last token that a phrase reaches, the longest phrase that
        // ends on a token end, and the end of the longest phrase when that
        // one ends elsewhere.
        // (The phrase is looked up once kept: see `Trie::prefixes`.)
        let mut j = k;
        let mut best = None;
        let mut overrun = None;
        for (end, state) in trie.prefixes(bytes, at) {
            let end = end as u32;
            while j < tokens.len() && tokens[j].end() < end {
                j += 1;
            }
            if j < tokens.len() && tokens[j].end() == end {
                best = Some((j + 1, state));
                overrun = None;
            } else {
                overrun = Some(end);
                if j == tokens.len() {
                    break;
                }
            }
        }
        match (best, overrun) {
            // On from the first token that starts at or past its end.
            (_, Some(end)) if names => {
                k = j + usize::from(j < tokens.len() && tokens[j].start < end);
            }
            (Some((end, state)), _) => {
                if in_block == BLOCK {
                    if out.capacity() == 0 {
                        out.reserve_exact(expected_matches(tokens.len(), k));
                    }
                    out.extend_from_slice(&block);
                    in_block = 0;
                }
                block[in_block] = PhraseMatch {
                    first: k,
                    end,
                    pattern: trie.phrase(state),
                };
                in_block += 1;
                k = end;
            }
            (None, _) => k += 1,
        }
    }
    out.extend_from_slice(&block[..in_block]);
    out
}

/// The matches that `token_matches` gathers on the stack before it
/// allocates: as many as an article of 1,000 tokens usually has.
const BLOCK: usize = 64;

/// The room to reserve for the matches over `len` tokens when the first
/// `BLOCK` of them end before token `at`: the rate so far, extrapolated
/// with an eighth more, so that the matches of a long text take one
/// allocation of about their size rather than doublings (which, on a
/// text of one match a token, took up to twice the room). No more than
/// the matches can be: a match takes a token or more.
fn expected_matches(len: usize, at: usize) -> usize {
    let rest = len.saturating_sub(at);
    let more = (rest as u64 * BLOCK as u64 / at.max(1) as u64) as usize;
    BLOCK + (more + more / 8 + BLOCK).min(rest)
}

/// A match: the token range `first..last+1` and the values of the phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PhraseMatch {
    pub first: usize,
    /// One past the last token.
    pub end: usize,
    pub pattern: usize,
}

impl PhraseMatch {
    /// A placeholder, for room not yet filled.
    const NONE: PhraseMatch = PhraseMatch {
        first: 0,
        end: 0,
        pattern: 0,
    };
}

impl<T: Clone> PhraseMatcher<T> {
    /// Compiles `phrases` (leftmost-longest). Duplicate phrases merge their
    /// values.
    pub fn new(phrases: impl IntoIterator<Item = (String, T)>) -> crate::Result<PhraseMatcher<T>> {
        PhraseMatcher::build(phrases, false)
    }

    /// Compiles names, as `new` does phrases, but a name that runs into a
    /// word is taken as the stem of a word derived from it, and hides the
    /// shorter names from its start and the names in that word: "Central
    /// Americans", "Latin American" and "British Columbians" name neither
    /// the United States nor Britain. The cost: "Arizona Republican" names
    /// no Arizona either.
    pub fn names(
        phrases: impl IntoIterator<Item = (String, T)>,
    ) -> crate::Result<PhraseMatcher<T>> {
        PhraseMatcher::build(phrases, true)
    }

    fn build(
        phrases: impl IntoIterator<Item = (String, T)>,
        names: bool,
    ) -> crate::Result<PhraseMatcher<T>> {
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
        // The automaton before the trie: built after it, it lands where its
        // bare scan runs 3% slower on PolNeAR, for the same instructions.
        let automaton = if patterns.len() > SMALL_SET {
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
            Some(automaton)
        } else {
            None
        };
        // Few tokens pass `FirstTokens` and walk a few states of the trie,
        // where an automaton stepped through every byte misses the caches
        // (a DFA of the cue or title lexicon takes 500 to 700 KB).
        let search = Box::new((
            FirstTokens::new(patterns.iter().map(String::as_str)),
            AnyTrie::new(patterns.iter().map(|p| p.as_bytes())),
        ));
        Ok(PhraseMatcher {
            values,
            search,
            names,
            automaton,
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

    /// The number of leftmost-longest matches in `haystack`, with no
    /// boundary checks: a bare scan, with the automaton of a large set (the
    /// gazetteer's).
    pub fn count(&self, haystack: &str) -> usize {
        if let Some(automaton) = &self.automaton {
            return automaton.find_iter(haystack).count();
        }
        // The longest phrase at each position, from the end of the last:
        // the leftmost-longest matches, without an automaton.
        let (bytes, mut at, mut count) = (haystack.as_bytes(), 0, 0);
        while at < bytes.len() {
            match self.search.1.longest(bytes, at) {
                Some((end, _)) => {
                    count += 1;
                    at = end;
                }
                None => at += 1,
            }
        }
        count
    }

    /// Finds phrases in `haystack` (the text or its lowercased copy, same
    /// offsets as `tokens`, whose keys are `keys`) whose matches start at
    /// a token start and end at a token end.
    pub fn find(&self, haystack: &str, tokens: &[Token], keys: Keys<'_>) -> Vec<PhraseMatch> {
        let (first, trie) = &*self.search;
        let bytes = haystack.as_bytes();
        match trie {
            AnyTrie::Narrow(trie) => token_matches(first, trie, self.names, bytes, tokens, keys),
            AnyTrie::Wide(trie) => token_matches(first, trie, self.names, bytes, tokens, keys),
        }
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
    use crate::text::TokenKeys;
    use crate::text::tokens::tokenize_into;
    use aho_corasick::Match;

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
            .find(text, &tokens, TokenKeys::new(text, &tokens).of_text())
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
    fn count_is_the_number_of_leftmost_longest_matches() {
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
            .build(patterns)
            .unwrap();
        // A small set counts with its trie; a large one (padded with
        // phrases the text never holds) with its automaton.
        let small = PhraseMatcher::new(patterns.iter().map(|p| (p.to_string(), ()))).unwrap();
        assert!(small.automaton.is_none());
        let padding = (0..=SMALL_SET).map(|n| (format!("#{n}#"), ()));
        let large = PhraseMatcher::new(patterns.iter().map(|p| (p.to_string(), ())).chain(padding))
            .unwrap();
        assert!(large.automaton.is_some());
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
        let mut rng = crate::testing::XorShift(0x2545_f491_4f6c_dd1d);
        for _ in 0..20_000 {
            let mut text = String::new();
            let seed = rng.next();
            for k in 0..(seed % 24) {
                text.push_str(alphabet[((seed >> (k % 50)) % alphabet.len() as u64) as usize]);
            }
            let want = ac.find_iter(&text).count();
            assert_eq!(small.count(&text), want, "{text:?}");
            assert_eq!(large.count(&text), want, "{text:?}");
        }
    }

    /// The text of the phrases that `find` reports in `text`, each checked
    /// against its value (the phrase itself).
    fn found<'t>(m: &PhraseMatcher<&'t str>, text: &'t str) -> Vec<&'t str> {
        let mut tokens = Vec::new();
        tokenize_into(text, &mut tokens);
        m.find(text, &tokens, TokenKeys::new(text, &tokens).of_text())
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
    fn names_that_run_into_a_word_hide_the_names_inside() {
        let phrases = [
            "Central America",
            "America",
            "American",
            "Latin America",
            "British Columbia",
            "British",
            "Arizona",
            "Arizona Republic",
            "Korea",
            "North Korea",
            "Korea Times",
            "Times",
            "US",
            "U.S.",
        ];
        let values = || phrases.map(|p| (p.to_owned(), p));
        let names = PhraseMatcher::names(values()).unwrap();
        let words = PhraseMatcher::new(values()).unwrap();
        // The text, then what names and what other phrases find.
        let table: &[(&str, &str, &[&str], &[&str])] = &[
            (
                "longest on tokens",
                "the Arizona Republic said",
                &["Arizona Republic"],
                &["Arizona Republic"],
            ),
            (
                "a derived word",
                "Central American migrants",
                &[],
                &["American"],
            ),
            (
                "a name after the stem",
                "the Latin American pope",
                &[],
                &["American"],
            ),
            (
                "a name at the stem",
                "British Columbians",
                &[],
                &["British"],
            ),
            // Lost with the hidden names, as a byte-level search lost it.
            (
                "a name at a stem",
                "the Arizona Republican",
                &[],
                &["Arizona"],
            ),
            // A byte-level search finds "Korea Times" from the sixth byte,
            // and the match at the token is lost.
            (
                "a name inside a word",
                "NorthKorea Times",
                &["Times"],
                &["Times"],
            ),
            ("inside a token", "USAID and US aid", &["US"], &["US"]),
            (
                "dotted",
                "the U.S. and U.S.-Korea Times",
                &["U.S.", "U.S.", "Korea Times"],
                &["U.S.", "U.S.", "Korea Times"],
            ),
        ];
        for (name, text, want_names, want_words) in table {
            assert_eq!(found(&names, text), *want_names, "{name}: {text:?}");
            assert_eq!(found(&words, text), *want_words, "{name}: {text:?}");
        }
    }

    /// What `find` should give: at each token, the longest phrase that ends
    /// on a token end, then on after it; with `names`, when the longest
    /// phrase at a token ends elsewhere, nothing there, and on from the
    /// first token after its end.
    fn reference(phrases: &[&str], text: &str, tokens: &[Token], names: bool) -> Vec<PhraseMatch> {
        let mut want = Vec::new();
        let mut k = 0;
        while k < tokens.len() {
            let at = tokens[k].start as usize;
            let starting = || (0..phrases.len()).filter(|&p| text[at..].starts_with(phrases[p]));
            let overrun = starting()
                .map(|p| at + phrases[p].len())
                .max()
                .filter(|&end| !tokens.iter().any(|t| t.end() as usize == end));
            if let Some(end) = overrun.filter(|_| names) {
                k = tokens.partition_point(|t| (t.start as usize) < end);
                continue;
            }
            let longest = starting()
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
        want
    }

    /// The matches of a byte-level search that start at a token start and
    /// end at a token end.
    fn aligned(raw: &[Match], tokens: &[Token]) -> Vec<PhraseMatch> {
        raw.iter()
            .filter_map(|r| {
                let first = tokens.iter().position(|t| t.start as usize == r.start())?;
                let last = tokens.iter().position(|t| t.end() as usize == r.end())?;
                Some(PhraseMatch {
                    first,
                    end: last + 1,
                    pattern: r.pattern().as_usize(),
                })
            })
            .collect()
    }

    /// Checks `find` against `reference` over random texts of `pieces`, and
    /// against a byte-level search where that hides nothing: where each of
    /// its matches falls on tokens, or with `names`, starts on one. Returns
    /// how many texts had that.
    fn check_random_texts(phrases: &[&str], pieces: &[&str], names: bool) -> usize {
        let values = phrases.iter().map(|p| (p.to_string(), *p));
        let m = if names {
            PhraseMatcher::names(values)
        } else {
            PhraseMatcher::new(values)
        }
        .unwrap();
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .build(phrases)
            .unwrap();
        let mut rng = crate::testing::XorShift(0x2545_f491_4f6c_dd1d);
        let mut random = |n: usize| rng.below(n);
        let (mut tokens, mut plain) = (Vec::new(), 0);
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..random(16) {
                text.push_str(pieces[random(pieces.len())]);
            }
            tokenize_into(&text, &mut tokens);
            let keys = TokenKeys::new(&text, &tokens);
            let got = m.find(&text, &tokens, keys.of_text());
            assert_eq!(got, reference(phrases, &text, &tokens, names), "{text:?}");
            // Folded keys serve the text and its lowercased copy alike.
            assert_eq!(m.find(&text, &tokens, keys.of_lower()), got, "{text:?}");
            let lower = text.to_ascii_lowercase();
            let want = reference(phrases, &lower, &tokens, names);
            assert_eq!(m.find(&lower, &tokens, keys.of_lower()), want, "{lower:?}");
            let raw: Vec<Match> = ac.find_iter(&text).collect();
            let hides_none = raw.iter().all(|r| {
                tokens.iter().any(|t| t.start as usize == r.start())
                    && (names || tokens.iter().any(|t| t.end() as usize == r.end()))
            });
            if hides_none {
                plain += 1;
                assert_eq!(got, aligned(&raw, &tokens), "{text:?}");
            }
        }
        plain
    }

    #[test]
    fn matches_past_a_block_are_all_kept() {
        // More matches than one block of the stack holds, some blocks over.
        let phrases = ["vice president", "US", "said"];
        let m = PhraseMatcher::new(phrases.map(|p| (p.to_owned(), p))).unwrap();
        for n in [0, 1, BLOCK - 1, BLOCK, BLOCK + 1, 3 * BLOCK + 5] {
            let text = "the US vice president said, ".repeat(n);
            let mut tokens = Vec::new();
            tokenize_into(&text, &mut tokens);
            let got = m.find(&text, &tokens, TokenKeys::new(&text, &tokens).of_text());
            assert_eq!(got.len(), 3 * n);
            assert_eq!(got, reference(&phrases, &text, &tokens, false), "{n}");
            // An eighth and a block more than the matches, at most.
            let room = got.len() + got.len() / 8 + 2 * BLOCK;
            assert!(got.capacity() <= room, "{n}: {}", got.capacity());
        }
        // A match a token: the room reserved past the first block is
        // what the matches take, neither doubled nor more than the tokens.
        let text = "said ".repeat(1000);
        let mut tokens = Vec::new();
        tokenize_into(&text, &mut tokens);
        let got = m.find(&text, &tokens, TokenKeys::new(&text, &tokens).of_text());
        assert_eq!((got.len(), got.capacity()), (1000, 1000));
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
            "--b",
            "’s",
            "a’s",
            "é",
            "éa",
        ];
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
        let plain = check_random_texts(&phrases, &pieces, false);
        assert!(plain > 1_000, "{plain}");
    }

    #[test]
    fn name_matches_are_the_longest_names_on_tokens() {
        // Names as the gazetteer holds them: dotted, possessive, hyphenated,
        // accented, some the stems of longer words, some inside others.
        let names = [
            "U.S.",
            "U.S. Army",
            "US",
            "USA",
            "People's Daily",
            "People’s Daily",
            "al-Qaeda",
            "Al Jazeera",
            "Élysée",
            "Élysée Palace",
            "Côte d'Ivoire",
            "S.Paulo",
            "Korea",
            "North Korea",
            "North Korean",
            "Korea Times",
            "Times",
            "Central America",
            "American",
            "Arizona",
            "Arizona Republic",
            "A",
            "O'Brien",
        ];
        let pieces = [
            "U.S.",
            "U.S",
            "S.",
            "U",
            "S",
            "A",
            ".",
            "’s",
            "'s",
            "'",
            "People",
            " ",
            " ",
            " Daily",
            "-",
            "al",
            "Al",
            "Qaeda",
            "Jazeera",
            "Élysée",
            " Palace",
            "Côte d",
            "Ivoire",
            "Paulo",
            "North",
            "Korea",
            " Times",
            "n",
            "ns",
            "Central",
            " America",
            "American",
            "Arizona",
            " Republic",
            "an",
            "é",
            "O",
            "O'",
            "Brien",
        ];
        for names_mode in [true, false] {
            let plain = check_random_texts(&names, &pieces, names_mode);
            assert!(plain > 1_000, "{names_mode}: {plain}");
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
