//! Closed word lists the text layer needs: abbreviations, function words and
//! pronouns, read once from `data/`.

use super::hash::WordMap;
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
    abbreviations: WordMap<&'static str, AbbrevClass>,
    function: WordMap<&'static str, WordClass>,
    pronouns: WordMap<&'static str, Pronoun>,
    /// For each length up to 12, the first bytes (ASCII-lowercased) of the
    /// pronouns of that length: most words fail this test and are not
    /// hashed at all.
    pronoun_starts: [[bool; 128]; 13],
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
        let mut abbreviations = WordMap::default();
        for row in table.rows() {
            let c = match row.get(class) {
                "title" => AbbrevClass::Title,
                "month" => AbbrevClass::Month,
                "terminal" => AbbrevClass::Terminal,
                other => return Err(table.error(row, format!("unknown class {other:?}"))),
            };
            abbreviations.insert(row.get(form), c);
        }

        let table = Table::parse(
            "data/function_words.tsv",
            include_str!("../../data/function_words.tsv"),
        )?;
        let (word, class) = (table.column("word")?, table.column("class")?);
        let mut function = WordMap::default();
        for row in table.rows() {
            let c = WordClass::parse(row.get(class))
                .ok_or_else(|| table.error(row, format!("unknown class {:?}", row.get(class))))?;
            function.insert(row.get(word), c);
        }

        let table = Table::parse("data/pronouns.tsv", include_str!("../../data/pronouns.tsv"))?;
        let cols = [
            table.column("form")?,
            table.column("person")?,
            table.column("number")?,
            table.column("gender")?,
            table.column("case")?,
        ];
        let mut pronouns = WordMap::default();
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
            pronouns.insert(
                row.get(cols[0]),
                Pronoun {
                    person,
                    plural: row.get(cols[2]) == "pl",
                    gender: row.get(cols[3]).bytes().next().unwrap_or(b'x'),
                    case,
                },
            );
        }
        let mut pronoun_starts = [[false; 128]; 13];
        for p in pronouns.keys() {
            if let (Some(row), Some(&b)) = (pronoun_starts.get_mut(p.len()), p.as_bytes().first())
                && b.is_ascii()
            {
                row[usize::from(b.to_ascii_lowercase())] = true;
            }
        }
        Ok(WordLists {
            abbreviations,
            function,
            pronouns,
            pronoun_starts,
        })
    }

    /// The class of the abbreviation `word` (written without its period).
    pub fn abbreviation(&self, word: &str) -> Option<AbbrevClass> {
        self.abbreviations.get(word).copied()
    }

    /// The class of a function word, compared case-insensitively.
    pub fn function_word(&self, word: &str) -> Option<WordClass> {
        if word.len() > 12 {
            return None;
        }
        if word.bytes().all(|b| !b.is_ascii_uppercase()) {
            return self.function.get(word).copied();
        }
        let mut buf = [0u8; 12];
        let lower = ascii_lower(word, &mut buf)?;
        self.function.get(lower).copied()
    }

    /// The features of a pronoun, compared case-insensitively.
    pub fn pronoun(&self, word: &str) -> Option<Pronoun> {
        let first = *word.as_bytes().first()?;
        if !self
            .pronoun_starts
            .get(word.len())
            .is_some_and(|row| first.is_ascii() && row[usize::from(first.to_ascii_lowercase())])
        {
            return None;
        }
        if word.bytes().all(|b| !b.is_ascii_uppercase()) {
            return self.pronouns.get(word).copied();
        }
        let mut buf = [0u8; 12];
        let lower = ascii_lower(word, &mut buf)?;
        self.pronouns.get(lower).copied()
    }
}

/// ASCII-lowercases a short word into `buf`.
pub(crate) fn ascii_lower<'b>(word: &str, buf: &'b mut [u8]) -> Option<&'b str> {
    let bytes = word.as_bytes();
    if bytes.len() > buf.len() || !word.is_ascii() {
        return None;
    }
    for (slot, b) in buf.iter_mut().zip(bytes) {
        *slot = b.to_ascii_lowercase();
    }
    std::str::from_utf8(&buf[..bytes.len()]).ok()
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
}
