//! Closed word lists the text layer needs: abbreviations, function words and
//! pronouns, read once from `data/`.

use crate::error::{Error, ErrorKind};
use crate::text::tokens::KeySet;
use crate::tsv::Table;
use once_cell::sync::Lazy;

/// How a period after an abbreviation behaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AbbrevClass {
    /// Stands before a name or number: never ends a sentence ("Mr.", "Gen.").
    Title,
    /// A month: never ends a sentence ("Sept. 3").
    Month,
    /// May end a sentence ("Inc.", "Jr.", "Calif.").
    Terminal,
}

/// Closed-class word features.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WordClass {
    Det,
    Pron,
    Prep,
    Conj,
    Aux,
    Adv,
    Wh,
}

impl WordClass {
    /// The class named in `data/function_words.tsv` ("det", "pron", ...).
    pub(crate) fn parse(name: &str) -> Option<WordClass> {
        Some(match name {
            "det" => WordClass::Det,
            "pron" => WordClass::Pron,
            "prep" => WordClass::Prep,
            "conj" => WordClass::Conj,
            "aux" => WordClass::Aux,
            "adv" => WordClass::Adv,
            "wh" => WordClass::Wh,
            _ => return None,
        })
    }
}

/// A pronoun's features.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Pronoun {
    pub person: u8,
    pub plural: bool,
    /// `b'm'`, `b'f'`, `b'n'` (it) or `b'x'` (any).
    pub gender: u8,
    pub case: PronounCase,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PronounCase {
    Subj,
    Obj,
    Poss,
    Refl,
}

pub(crate) struct WordLists {
    abbreviations: WordTable<AbbrevClass>,
    function: WordTable<WordClass>,
    /// The folded token keys (see `TokenKeys`) of the function words:
    /// most tokens fail this test in one load, before a lookup.
    function_keys: KeySet,
    pronouns: WordTable<Pronoun>,
}

pub(crate) static WORDS: Lazy<WordLists> =
    Lazy::new(|| WordLists::load().expect("the crate's own data files are well-formed"));

impl WordLists {
    fn load() -> crate::Result<WordLists> {
        let table = Table::parse(
            "data/abbreviations.tsv",
            include_str!("../../data/abbreviations.tsv"),
        )?;
        let (form, class) = (table.column("form")?, table.column("class")?);
        let mut abbreviations = Vec::new();
        for row in table.rows() {
            let c = match row.get(class) {
                "title" => AbbrevClass::Title,
                "month" => AbbrevClass::Month,
                "terminal" => AbbrevClass::Terminal,
                other => return Err(table.error(row, format!("unknown class {other:?}"))),
            };
            abbreviations.push((row.get(form), c));
        }

        let table = Table::parse(
            "data/function_words.tsv",
            include_str!("../../data/function_words.tsv"),
        )?;
        let (word, class) = (table.column("word")?, table.column("class")?);
        let mut function = Vec::new();
        for row in table.rows() {
            let c = WordClass::parse(row.get(class))
                .ok_or_else(|| table.error(row, format!("unknown class {:?}", row.get(class))))?;
            function.push((row.get(word), c));
        }
        let function_keys = KeySet::of_words(function.iter().map(|(w, _)| w.as_bytes()));

        let table = Table::parse("data/pronouns.tsv", include_str!("../../data/pronouns.tsv"))?;
        let cols = [
            table.column("form")?,
            table.column("person")?,
            table.column("number")?,
            table.column("gender")?,
            table.column("case")?,
        ];
        let mut pronouns = Vec::new();
        for row in table.rows() {
            let case = match row.get(cols[4]) {
                "subj" => PronounCase::Subj,
                "obj" => PronounCase::Obj,
                "poss" => PronounCase::Poss,
                "refl" => PronounCase::Refl,
                other => return Err(table.error(row, format!("unknown case {other:?}"))),
            };
            let person = row
                .get(cols[1])
                .parse()
                .map_err(|_| table.error(row, "person must be 1, 2 or 3"))?;
            pronouns.push((
                row.get(cols[0]),
                Pronoun {
                    person,
                    plural: row.get(cols[2]) == "pl",
                    gender: row.get(cols[3]).bytes().next().unwrap_or(b'x'),
                    case,
                },
            ));
        }
        Ok(WordLists {
            abbreviations: WordTable::new(abbreviations, Case::Exact)
                .map_err(|w| Error::new(ErrorKind::InvalidData, bad_word(w, "abbreviations")))?,
            function: WordTable::new(function, Case::Ascii)
                .map_err(|w| Error::new(ErrorKind::InvalidData, bad_word(w, "function_words")))?,
            function_keys,
            pronouns: WordTable::new(pronouns, Case::Ascii)
                .map_err(|w| Error::new(ErrorKind::InvalidData, bad_word(w, "pronouns")))?,
        })
    }

    /// The class of the abbreviation `word` (written without its period).
    #[inline]
    pub fn abbreviation(&self, word: &str) -> Option<AbbrevClass> {
        self.abbreviations.get(word)
    }

    /// The class of a function word, compared case-insensitively.
    #[inline]
    pub fn function_word(&self, word: &str) -> Option<WordClass> {
        self.function.get(word)
    }

    /// Whether a token of folded key `key` may be a function word: none
    /// whose key fails this is one.
    #[inline]
    pub fn may_be_function_key(&self, key: u16) -> bool {
        self.function_keys.contains(key)
    }

    /// Whether a token of folded key `key` and text `word` is a function
    /// word: the key first, the word only when the key lets it through.
    #[inline]
    pub fn is_function_token(&self, key: u16, word: &str) -> bool {
        self.may_be_function_key(key) && self.function.get(word).is_some()
    }

    /// The features of a pronoun, compared case-insensitively.
    #[inline]
    pub fn pronoun(&self, word: &str) -> Option<Pronoun> {
        self.pronouns.get(word)
    }
}

/// The message for a word that a [`WordTable`] cannot hold.
fn bad_word(word: &str, file: &str) -> String {
    format!(
        "data/{file}.tsv: {word:?} must be 1 to {MAX_WORD} bytes, \
         and ASCII in a list compared case-insensitively"
    )
}

/// The longest word a [`WordTable`] holds, in bytes.
const MAX_WORD: usize = 16;

/// How a [`WordTable`] compares words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Case {
    /// Byte for byte.
    Exact,
    /// Up to ASCII case; the table's words are ASCII, so a word with any
    /// other character is never in it.
    Ascii,
}

/// A fixed table of short words (the closed word lists), looked up for
/// nearly every token: a word's bytes are its key, packed into a `u128`
/// (lowercased eight at a time when case does not count), so a lookup is a
/// table test on its first byte and length, a multiply and a compare, with
/// no string hashing or `memcmp`.
pub(crate) struct WordTable<V> {
    /// Open addressing, at most half full; `len == 0` marks a free slot.
    slots: Vec<Slot<V>>,
    shift: u32,
    /// For each first byte (in either case when case does not count), a
    /// bit per length of the words that start with it: most words fail
    /// this test and are never packed.
    lengths: [u32; 256],
    case: Case,
}

#[derive(Clone, Copy)]
struct Slot<V> {
    key: u128,
    len: u8,
    value: Option<V>,
}

/// A bit for a word length; none for words longer than a table holds.
#[inline]
fn length_bit(len: usize) -> u32 {
    if len <= MAX_WORD { 1 << len } else { 0 }
}

impl<V: Copy> WordTable<V> {
    /// A table of `entries`; a word listed twice keeps its last value, as
    /// a map would. Fails with the first word the table cannot hold.
    pub(crate) fn new(entries: Vec<(&str, V)>, case: Case) -> Result<WordTable<V>, &str> {
        let bits = (entries.len().max(1) * 2)
            .next_power_of_two()
            .trailing_zeros()
            .max(4);
        let mut table = WordTable {
            slots: vec![
                Slot {
                    key: 0,
                    len: 0,
                    value: None,
                };
                1 << bits
            ],
            shift: 64 - bits,
            lengths: [0; 256],
            case,
        };
        for (word, value) in entries {
            let bytes = word.as_bytes();
            // `key` refuses what the table cannot hold: an empty or long
            // word, or a non-ASCII one in a caseless table.
            let Some(key) = table.key(bytes) else {
                return Err(word);
            };
            // A caseless table marks both cases of the first byte, so that
            // the test reads the word's own byte.
            let first = bytes[0];
            let firsts = match case {
                Case::Exact => [first, first],
                Case::Ascii => [first.to_ascii_lowercase(), first.to_ascii_uppercase()],
            };
            for b in firsts {
                table.lengths[usize::from(b)] |= length_bit(bytes.len());
            }
            let mask = table.slots.len() - 1;
            let mut i = table.slot(key);
            while table.slots[i].len != 0
                && (table.slots[i].key, usize::from(table.slots[i].len)) != (key, bytes.len())
            {
                i = (i + 1) & mask;
            }
            table.slots[i] = Slot {
                key,
                len: bytes.len() as u8,
                value: Some(value),
            };
        }
        Ok(table)
    }

    /// The key of a word of 1 to [`MAX_WORD`] bytes: its bytes, lowercased
    /// when case does not count; `None` for a non-ASCII word then.
    #[inline]
    fn key(&self, word: &[u8]) -> Option<u128> {
        if word.is_empty() || word.len() > MAX_WORD {
            return None;
        }
        let (lo, hi) = match word.split_first_chunk::<8>() {
            Some((first, rest)) => (u64::from_le_bytes(*first), pack8(rest)),
            None => (pack8(word), 0),
        };
        if self.case == Case::Exact {
            return Some(u128::from(hi) << 64 | u128::from(lo));
        }
        if (lo | hi) & HIGH_BITS != 0 {
            return None;
        }
        Some(u128::from(swar_lower(hi)) << 64 | u128::from(swar_lower(lo)))
    }

    /// The home slot of a key.
    #[inline]
    fn slot(&self, key: u128) -> usize {
        let folded = (key as u64) ^ ((key >> 64) as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        (folded.wrapping_mul(0x517c_c1b7_2722_0a95) >> self.shift) as usize
    }

    /// The value of `word`.
    #[inline]
    pub(crate) fn get(&self, word: &str) -> Option<V> {
        let bytes = word.as_bytes();
        let &first = bytes.first()?;
        if self.lengths[usize::from(first)] & length_bit(bytes.len()) == 0 {
            return None;
        }
        let key = self.key(bytes)?;
        let mask = self.slots.len() - 1;
        let mut i = self.slot(key);
        loop {
            let slot = &self.slots[i];
            if slot.len == 0 {
                return None;
            }
            if slot.key == key && usize::from(slot.len) == bytes.len() {
                return slot.value;
            }
            i = (i + 1) & mask;
        }
    }
}

/// The bytes of a word of at most eight bytes packed into a `u64`, first
/// byte lowest, by two overlapping loads instead of a loop or a `memcpy`
/// call (bytes past the eighth are left out).
#[inline]
pub(crate) fn pack8(w: &[u8]) -> u64 {
    let n = w.len().min(8);
    if n >= 4 {
        let head = u32::from_le_bytes([w[0], w[1], w[2], w[3]]);
        let tail = u32::from_le_bytes([w[n - 4], w[n - 3], w[n - 2], w[n - 1]]);
        // The loads overlap on equal bytes, so `|` joins them.
        u64::from(head) | u64::from(tail) << (8 * (n - 4))
    } else if n >= 2 {
        let head = u16::from_le_bytes([w[0], w[1]]);
        let tail = u16::from_le_bytes([w[n - 2], w[n - 1]]);
        u64::from(head) | u64::from(tail) << (8 * (n - 2))
    } else {
        w.first().map_or(0, |&b| u64::from(b))
    }
}

/// The high bit of every byte of a `u64`.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// ASCII-lowercases the eight bytes of `x`, all ASCII: a byte is uppercase
/// when adding `0x80 - b'A'` sets its high bit and adding `0x80 - b'Z' - 1`
/// does not (no byte carries into the next, as every byte is below 0x80).
#[inline]
fn swar_lower(x: u64) -> u64 {
    let ones = u64::from_le_bytes([1; 8]);
    let at_least_a = x + ones * u64::from(0x80 - b'A');
    let above_z = x + ones * u64::from(0x80 - b'Z' - 1);
    let upper = at_least_a & !above_z & HIGH_BITS;
    x | (upper >> 2)
}

/// ASCII-lowercases a short word into `buf`: `None` if it is longer than
/// `buf` or not ASCII. A word without uppercase letters is returned as it
/// is, without the UTF-8 check of a copy.
pub(crate) fn ascii_lower<'b>(word: &'b str, buf: &'b mut [u8]) -> Option<&'b str> {
    let bytes = word.as_bytes();
    let buf = buf.get_mut(..bytes.len())?;
    // One pass copies, lowercases and notes what the word holds.
    let (mut all, mut upper) = (0u8, false);
    for (slot, &b) in buf.iter_mut().zip(bytes) {
        all |= b;
        upper |= b.is_ascii_uppercase();
        *slot = b.to_ascii_lowercase();
    }
    if !all.is_ascii() {
        return None;
    }
    if !upper {
        return Some(word);
    }
    std::str::from_utf8(buf).ok()
}

/// The function words as `data/function_words.tsv` lists them, for tests
/// that make text of them.
#[cfg(test)]
pub(crate) fn function_word_list() -> Vec<&'static str> {
    let table = Table::parse(
        "data/function_words.tsv",
        include_str!("../../data/function_words.tsv"),
    )
    .unwrap();
    let word = table.column("word").unwrap();
    table.rows().iter().map(|r| r.get(word)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_load_and_answer() {
        assert_eq!(WORDS.abbreviation("Mr"), Some(AbbrevClass::Title));
        assert_eq!(WORDS.abbreviation("Sept"), Some(AbbrevClass::Month));
        assert_eq!(WORDS.abbreviation("Inc"), Some(AbbrevClass::Terminal));
        assert_eq!(WORDS.abbreviation("Putin"), None);
        assert_eq!(WORDS.function_word("The"), Some(WordClass::Det));
        assert_eq!(WORDS.function_word("MEANWHILE"), Some(WordClass::Adv));
        assert_eq!(WORDS.function_word("Beijing"), None);
        let he = WORDS.pronoun("He").unwrap();
        assert_eq!((he.person, he.plural, he.gender), (3, false, b'm'));
        assert!(WORDS.pronoun("their").unwrap().plural);
    }

    /// Variants of `word` that a table must tell apart from it or match up
    /// to case: other cases, a letter more or less, other scripts, NUL.
    fn variants(word: &str) -> Vec<String> {
        let mut out = vec![
            word.to_owned(),
            word.to_ascii_uppercase(),
            word.to_ascii_lowercase(),
            format!("{word}s"),
            format!("{word}\0"),
            format!("\0{word}"),
            format!("{word}é"),
            format!("É{word}"),
            word.repeat(3),
        ];
        let mut chars = word.chars();
        if let Some(c) = chars.next() {
            out.push(format!("{}{}", c.to_ascii_uppercase(), chars.as_str()));
            out.push(chars.as_str().to_owned());
        }
        out.push(word[..word.len() - word.chars().last().map_or(0, char::len_utf8)].to_owned());
        out
    }

    #[test]
    fn word_tables_answer_as_maps_do() {
        let words = [
            "a",
            "an",
            "the",
            "he",
            "He",
            "Mr",
            "mr",
            "MR",
            "Sept",
            "sept",
            "Inc",
            "themselves",
            "nevertheless",
            "notwithstanding",
            "abcdefghijklmnop",
            "abcdefghijklmnopq",
            "é",
            "",
            "\0",
            "i",
            "I",
            "ï",
        ];
        let entries: Vec<(&str, usize)> = words
            .iter()
            .copied()
            .filter(|w| !w.is_empty() && w.len() <= MAX_WORD)
            .enumerate()
            .map(|(i, w)| (w, i))
            .collect();
        let exact = WordTable::new(entries.clone(), Case::Exact).unwrap();
        let ascii: Vec<(&str, usize)> = entries
            .iter()
            .copied()
            .filter(|(w, _)| w.is_ascii())
            .collect();
        // A caseless list keeps the last of the entries equal up to case.
        let caseless = WordTable::new(ascii.clone(), Case::Ascii).unwrap();
        for word in words.iter().flat_map(|w| variants(w)) {
            let want = entries.iter().rev().find(|(w, _)| *w == word).map(|e| e.1);
            assert_eq!(exact.get(&word), want, "{word:?}");
            let want = ascii
                .iter()
                .rev()
                .find(|(w, _)| w.eq_ignore_ascii_case(&word))
                .map(|e| e.1);
            assert_eq!(caseless.get(&word), want, "{word:?}");
        }
        assert!(WordTable::new(vec![("é", 1)], Case::Ascii).is_err());
        assert!(WordTable::new(vec![("abcdefghijklmnopq", 1)], Case::Exact).is_err());
        assert!(WordTable::new(vec![("", 1)], Case::Exact).is_err());
    }

    #[test]
    fn lists_answer_for_every_entry_and_only_for_them() {
        let forms = |file: &'static str| -> Vec<&'static str> {
            let rows = file.lines().filter(|l| !l.starts_with('#')).skip(1);
            rows.filter_map(|l| l.split('\t').next()).collect()
        };
        let pronouns = forms(include_str!("../../data/pronouns.tsv"));
        let abbreviations = forms(include_str!("../../data/abbreviations.tsv"));
        for form in pronouns.iter().chain(&abbreviations) {
            for v in variants(form) {
                let pronoun = pronouns.iter().any(|f| f.eq_ignore_ascii_case(&v));
                assert_eq!(WORDS.pronoun(&v).is_some(), pronoun, "{v:?}");
                let abbreviation = abbreviations.contains(&v.as_str());
                assert_eq!(WORDS.abbreviation(&v).is_some(), abbreviation, "{v:?}");
            }
        }
    }

    #[test]
    fn packing_puts_each_byte_in_its_place() {
        let word = b"abcdefghij";
        for n in 0..=word.len() {
            let mut want = 0u64;
            for (i, &b) in word[..n.min(8)].iter().enumerate() {
                want |= u64::from(b) << (8 * i);
            }
            assert_eq!(pack8(&word[..n]), want, "{n}");
        }
    }

    #[test]
    fn ascii_lower_copies_only_what_it_must() {
        let mut buf = [0u8; 8];
        assert_eq!(ascii_lower("Ministry", &mut buf), Some("ministry"));
        assert_eq!(ascii_lower("agency", &mut buf), Some("agency"));
        assert_eq!(ascii_lower("Ministries", &mut buf), None);
        assert_eq!(ascii_lower("Élysée", &mut buf), None);
        assert_eq!(ascii_lower("", &mut buf), Some(""));
    }
}
