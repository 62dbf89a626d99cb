//! The word lists of actor detection: titles and role nouns, organization
//! head words, common English words.

use crate::gazetteer::Gender;
use crate::gazetteer::matcher::PhraseMatcher;
use crate::text::hash::{WordMap, WordSet};
use crate::text::tokens::KeySet;
use crate::text::words::{Pronoun, PronounCase, WORDS};
use crate::tsv::Table;

/// What a title is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TitleClass {
    /// A post that precedes a name ("President Xi").
    Office,
    /// Only precedes a name ("Mr.").
    Honorific,
    /// A role noun of appositives and descriptions ("professor").
    Role,
    /// Qualifies a following title ("deputy", "former").
    Modifier,
}

#[derive(Debug, Clone)]
pub(crate) struct Title {
    /// Canonical lowercase title.
    pub title: String,
    /// The title lowercased, as descriptions are compared.
    pub lower: String,
    pub sector: Option<String>,
    pub gender: Option<Gender>,
    pub class: TitleClass,
}

/// A title phrase as matched: which title, and whether the form is plural.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TitleForm {
    pub title: u16,
    pub plural: bool,
}

pub(crate) struct ActorLexicon {
    pub titles: Vec<Title>,
    /// The titles of offices and roles, lowercase: those a description
    /// ("the senator") can name.
    pub described_titles: WordSet<String>,
    /// Title phrases over the lowercased text.
    pub title_matcher: PhraseMatcher<TitleForm>,
    /// Organization head words: lowercase word to (sector, is media).
    pub org_words: WordMap<&'static str, (&'static str, bool)>,
    /// The lengths (as bits) of the head words, by first byte: most
    /// capitalized words are no head word and skip the lookup.
    org_shapes: [u32; 256],
    /// Common English words, lowercase.
    pub english: PackedWords<'static>,
    /// The lengths (as bits) of the pronouns that may refer back to a
    /// named person, by their first byte: most words fail this test and
    /// are not looked up at all.
    person_pronouns: [u16; 256],
    /// The folded keys (see [`TokenKeys`](crate::text::TokenKeys)) of those
    /// pronouns, as a bitset: a token whose key is none of these is none of
    /// them. A bit to test rather than a list to search, for every token.
    person_pronoun_keys: KeySet,
    /// The same for the organization head words and the common English
    /// words: most capitalized words are neither, and their keys say so
    /// before a lookup by text.
    org_word_keys: KeySet,
    english_keys: KeySet,
    speech_keys: KeySet,
}

/// The set of the folded keys of the ASCII ones of `words` (no token of
/// other letters is looked up by its ASCII-lowercased text and found).
pub(crate) fn ascii_key_set<'w>(words: impl IntoIterator<Item = &'w str>) -> KeySet {
    KeySet::of_words(
        words
            .into_iter()
            .filter(|w| w.is_ascii())
            .map(str::as_bytes),
    )
}

/// Whether a pronoun may refer back to a named person: third person,
/// singular, of a gender, not reflexive ("he", "her"; not "it", "himself").
pub(crate) fn refers_to_person(p: &Pronoun) -> bool {
    p.person == 3 && !p.plural && matches!(p.gender, b'm' | b'f') && p.case != PronounCase::Refl
}

impl ActorLexicon {
    pub fn load() -> crate::Result<ActorLexicon> {
        let table = Table::parse("data/titles.tsv", include_str!("../../data/titles.tsv"))?;
        let cols =
            ["title", "forms", "plurals", "sector", "gender", "class"].map(|c| table.column(c));
        let [title, forms, plurals, sector, gender, class] = cols;
        let (title, forms, plurals, sector, gender, class) =
            (title?, forms?, plurals?, sector?, gender?, class?);
        let mut titles = Vec::new();
        let mut phrases = Vec::new();
        for row in table.rows() {
            let c = match row.get(class) {
                "office" => TitleClass::Office,
                "honorific" => TitleClass::Honorific,
                "role" => TitleClass::Role,
                "modifier" => TitleClass::Modifier,
                other => return Err(table.error(row, format!("unknown class {other:?}"))),
            };
            let id = titles.len() as u16;
            let s = row.get(sector);
            titles.push(Title {
                title: row.get(title).to_owned(),
                lower: row.get(title).to_lowercase(),
                sector: (!s.is_empty()).then(|| s.to_owned()),
                gender: Gender::parse(row.get(gender)),
                class: c,
            });
            for f in row.list(forms) {
                phrases.push((
                    f.to_owned(),
                    TitleForm {
                        title: id,
                        plural: false,
                    },
                ));
                if f.contains('\'') {
                    phrases.push((
                        f.replace('\'', "’"),
                        TitleForm {
                            title: id,
                            plural: false,
                        },
                    ));
                }
            }
            for f in row.list(plurals) {
                phrases.push((
                    f.to_owned(),
                    TitleForm {
                        title: id,
                        plural: true,
                    },
                ));
            }
        }
        let title_matcher = PhraseMatcher::new(phrases)?;

        let table = Table::parse(
            "data/org_words.tsv",
            include_str!("../../data/org_words.tsv"),
        )?;
        let (w, s, k) = (
            table.column("word")?,
            table.column("sector")?,
            table.column("kind")?,
        );
        let org_words: WordMap<&str, (&str, bool)> = table
            .rows()
            .iter()
            .map(|r| (r.get(w), (r.get(s), r.get(k) == "media")))
            .collect();
        let mut org_shapes = [0u32; 256];
        for word in org_words.keys() {
            if let Some(&b) = word.as_bytes().first()
                && word.len() <= 16
            {
                org_shapes[usize::from(b)] |= 1 << word.len();
            }
        }

        let table = Table::parse(
            "data/english_words.tsv",
            include_str!("../../data/english_words.tsv"),
        )?;
        let w = table.column("word")?;
        let english_keys = ascii_key_set(table.rows().iter().map(|r| r.get(w)));
        let english = PackedWords::new(table.rows().iter().map(|r| r.get(w)));

        let table = Table::parse("data/pronouns.tsv", include_str!("../../data/pronouns.tsv"))?;
        let form = table.column("form")?;
        let mut person_pronouns = [0u16; 256];
        let mut person_forms = Vec::new();
        for row in table.rows() {
            let f = row.get(form);
            if let (Some(&b), Some(p)) = (f.as_bytes().first(), WORDS.pronoun(f))
                && refers_to_person(&p)
                && f.len() < 16
            {
                person_pronouns[usize::from(b.to_ascii_lowercase())] |= 1 << f.len();
                person_forms.push(f);
            }
        }
        let described_titles = titles
            .iter()
            .filter(|t| matches!(t.class, TitleClass::Office | TitleClass::Role))
            .map(|t| t.lower.clone())
            .collect();
        let org_word_keys = ascii_key_set(org_words.keys().copied());
        let speech_keys = ascii_key_set(super::SPEECH.iter().copied());
        Ok(ActorLexicon {
            titles,
            described_titles,
            title_matcher,
            org_words,
            org_shapes,
            org_word_keys,
            english_keys,
            speech_keys,
            english,
            person_pronouns,
            person_pronoun_keys: ascii_key_set(person_forms),
        })
    }

    /// Whether a token of folded key `key` may be a pronoun that refers
    /// back to a named person.
    #[cfg(test)]
    #[inline]
    pub fn may_be_person_pronoun_key(&self, key: u16) -> bool {
        self.person_pronoun_keys.contains(key)
    }

    /// The first of `keys` at or after `from` that may be the key of a
    /// pronoun that refers back to a named person.
    #[inline]
    pub fn next_person_pronoun_key(&self, keys: &[u16], from: usize) -> Option<usize> {
        self.person_pronoun_keys.next_in(keys, from)
    }

    /// The pronoun `lower` (a lowercased word) if it may refer back to a
    /// named person.
    #[inline]
    pub fn person_pronoun(&self, lower: &str) -> Option<Pronoun> {
        let b = *lower.as_bytes().first()?;
        if !self.may_be_person_pronoun(b, lower.len()) {
            return None;
        }
        WORDS.pronoun(lower).filter(refers_to_person)
    }

    /// Whether a lowercased word of `len` bytes starting with byte `first`
    /// may be a pronoun that refers back to a named person.
    #[inline]
    pub fn may_be_person_pronoun(&self, first: u8, len: usize) -> bool {
        len < 16 && self.person_pronouns[usize::from(first)] & (1 << len) != 0
    }

    /// The organization head word `lower` (ASCII-lowercased, as the tokens
    /// of the document's lowercased text): its sector and whether it names
    /// an outlet.
    #[inline]
    pub fn org_word(&self, lower: &str) -> Option<(&'static str, bool)> {
        let first = *lower.as_bytes().first()?;
        if lower.len() > 16
            || self.org_shapes[usize::from(first)] & (1 << lower.len()) == 0
            || !lower.is_ascii()
        {
            return None;
        }
        self.org_words.get(lower).copied()
    }

    /// Whether a token of folded key `key` may be an organization head
    /// word.
    #[inline]
    pub fn may_be_org_word_key(&self, key: u16) -> bool {
        self.org_word_keys.contains(key)
    }

    /// Whether a token of folded key `key` may be a common English word.
    #[inline]
    pub fn may_be_english_key(&self, key: u16) -> bool {
        self.english_keys.contains(key)
    }

    /// Whether a token of folded key `key` may be a reporting verb.
    #[inline]
    pub fn may_be_speech_key(&self, key: u16) -> bool {
        self.speech_keys.contains(key)
    }

    /// Whether `lower` (ASCII-lowercased) is a common English word.
    #[inline]
    pub fn is_english(&self, lower: &str) -> bool {
        lower.len() <= 32 && lower.is_ascii() && self.english.contains(lower)
    }
}

/// A large set of words, most of them short and of the letters `a` to `z`,
/// as a lookup finds them in one line of memory: the common English words
/// are some 64,000, and in a hash table of string slices a lookup reads a
/// control byte, a slot and the word's bytes, three places far apart in
/// megabytes that the rest of the analysis keeps out of cache.
///
/// A word of at most [`PACKED_LETTERS`] letters `a`-`z` becomes a `u64`
/// (five bits a letter, see [`pack`]), mixed by a multiplication that maps
/// no two numbers to one; those fill a table at most half full, at the
/// slot of their top bits or the next free one after it. The other words
/// (longer, or of other characters) are in a small hash set.
pub(crate) struct PackedWords<'w> {
    /// The mixed packs, `0` in a free slot (no word packs to 0).
    slots: Vec<u64>,
    /// 64 less the bits of a slot's index.
    shift: u32,
    /// The words that do not pack.
    other: WordSet<&'w str>,
}

/// The most letters a `u64` holds at five bits a letter.
const PACKED_LETTERS: usize = 12;
/// An odd number: multiplying by it is a bijection of `u64` whose top
/// bits spread the words evenly over the slots.
const MIX: u64 = 0x9e37_79b9_7f4a_7c15;

/// `word` as a number, mixed, if it is 1 to [`PACKED_LETTERS`] letters
/// `a`-`z`: a letter in five bits from 1 (`a`) to 26 (`z`), the first in
/// the highest, so that no two words share a number and none is 0.
#[inline]
fn pack(word: &[u8]) -> Option<u64> {
    if word.is_empty() || word.len() > PACKED_LETTERS {
        return None;
    }
    let mut v = 0u64;
    for &b in word {
        if !b.is_ascii_lowercase() {
            return None;
        }
        v = v << 5 | u64::from(b - b'a' + 1);
    }
    Some(v.wrapping_mul(MIX))
}

impl<'w> PackedWords<'w> {
    pub fn new(words: impl IntoIterator<Item = &'w str>) -> PackedWords<'w> {
        let mut packed = Vec::new();
        let mut other = WordSet::default();
        for w in words {
            match pack(w.as_bytes()) {
                Some(m) => packed.push(m),
                None => {
                    other.insert(w);
                }
            }
        }
        let bits = (packed.len() * 2)
            .next_power_of_two()
            .trailing_zeros()
            .max(4);
        let mut set = PackedWords {
            slots: vec![0; 1 << bits],
            shift: 64 - bits,
            other,
        };
        let mask = set.slots.len() - 1;
        for m in packed {
            let mut i = set.slot(m);
            while set.slots[i] != 0 && set.slots[i] != m {
                i = (i + 1) & mask;
            }
            set.slots[i] = m;
        }
        set
    }

    /// The first slot to look for a mixed pack in.
    #[inline]
    fn slot(&self, mixed: u64) -> usize {
        (mixed >> self.shift) as usize
    }

    /// Whether the set holds `word`.
    #[inline]
    pub fn contains(&self, word: &str) -> bool {
        let Some(m) = pack(word.as_bytes()) else {
            return self.other.contains(word);
        };
        let mask = self.slots.len() - 1;
        let mut i = self.slot(m);
        loop {
            match self.slots[i] {
                0 => return false,
                s if s == m => return true,
                _ => i = (i + 1) & mask,
            }
        }
    }

    /// The words, in no particular order: the packs read back to words.
    #[cfg(test)]
    pub fn iter(&self) -> impl Iterator<Item = String> + '_ {
        self.slots
            .iter()
            .filter(|&&m| m != 0)
            .map(|&m| unpack(m))
            .chain(self.other.iter().map(|w| w.to_string()))
    }
}

/// The word of a mixed pack (see [`pack`]).
#[cfg(test)]
fn unpack(mixed: u64) -> String {
    // The inverse of `MIX` modulo 2^64, by Newton's iteration: each step
    // doubles the low bits that are right, from the three of `MIX * MIX`.
    let mut inverse = MIX;
    for _ in 0..5 {
        inverse = inverse.wrapping_mul(2u64.wrapping_sub(MIX.wrapping_mul(inverse)));
    }
    let mut v = mixed.wrapping_mul(inverse);
    let mut word = Vec::new();
    while v != 0 {
        word.push(b'a' + (v & 31) as u8 - 1);
        v >>= 5;
    }
    word.reverse();
    String::from_utf8(word).unwrap()
}

#[cfg(test)]
mod tests {
    use super::PackedWords;
    use crate::testing::XorShift;
    use std::collections::HashSet;

    /// A random word: mostly lowercase letters, sometimes capitals, digits,
    /// a hyphen or a non-ASCII letter, of 0 to 15 bytes or so.
    fn word(rng: &mut XorShift) -> String {
        const ODD: &[&str] = &["A", "Z", "0", "9", "-", "\u{e9}", "`", "{", "@", "["];
        let len = rng.below(16);
        let mut w = String::new();
        for _ in 0..len {
            if rng.below(40) == 0 {
                w.push_str(ODD[rng.below(ODD.len())]);
            } else {
                // Few letters, so that lookups often find a listed word.
                w.push(char::from(
                    b'a' + rng.below(if len < 4 { 3 } else { 26 }) as u8,
                ));
            }
        }
        w
    }

    #[test]
    fn packed_words_agree_with_a_hash_set() {
        let mut rng = XorShift(0x5eed);
        for round in 0..20 {
            let listed: Vec<String> = (0..rng.below(2000) + round)
                .map(|_| word(&mut rng))
                .collect();
            let set = PackedWords::new(listed.iter().map(String::as_str));
            let naive: HashSet<&str> = listed.iter().map(String::as_str).collect();
            for w in &listed {
                assert!(set.contains(w), "{w:?}");
            }
            for _ in 0..5000 {
                let w = word(&mut rng);
                assert_eq!(set.contains(&w), naive.contains(w.as_str()), "{w:?}");
            }
            // The words read back are those listed, each once.
            let mut back: Vec<String> = set.iter().collect();
            back.sort_unstable();
            let mut want: Vec<&str> = naive.into_iter().collect();
            want.sort_unstable();
            assert_eq!(back, want);
        }
    }

    #[test]
    fn packed_words_tell_apart_words_of_shared_letters() {
        let set = PackedWords::new(["a", "aa", "ab", "zzzzzzzzzzzz", "abcdefghijklm", "Ab", ""]);
        for w in ["a", "aa", "ab", "zzzzzzzzzzzz", "abcdefghijklm", "Ab", ""] {
            assert!(set.contains(w), "{w:?}");
        }
        for w in ["b", "aaa", "ba", "zzzzzzzzzzz", "abcdefghijkl", "AB", "ab "] {
            assert!(!set.contains(w), "{w:?}");
        }
    }
}
