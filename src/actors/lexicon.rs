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
    pub english: WordSet<&'static str>,
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
        let english: WordSet<&'static str> = table.rows().iter().map(|r| r.get(w)).collect();

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
        let english_keys = ascii_key_set(english.iter().copied());
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
