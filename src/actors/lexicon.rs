//! The word lists of actor detection: titles and role nouns, organization
//! head words, common English words.

use crate::gazetteer::matcher::PhraseMatcher;
use crate::gazetteer::{Gender, WordSet};
use crate::text::hash::WordMap;
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
    /// Title phrases over the lowercased text.
    pub title_matcher: PhraseMatcher<TitleForm>,
    /// Organization head words: lowercase word to (sector, is media).
    pub org_words: WordMap<&'static str, (&'static str, bool)>,
    /// Common English words, lowercase.
    pub english: WordSet<&'static str>,
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
        let org_words = table
            .rows()
            .iter()
            .map(|r| (r.get(w), (r.get(s), r.get(k) == "media")))
            .collect();

        let table = Table::parse(
            "data/english_words.tsv",
            include_str!("../../data/english_words.tsv"),
        )?;
        let w = table.column("word")?;
        let english = table.rows().iter().map(|r| r.get(w)).collect();
        Ok(ActorLexicon {
            titles,
            title_matcher,
            org_words,
            english,
        })
    }

    /// The organization head word `word` (any case): its sector and whether
    /// it names an outlet.
    pub fn org_word(&self, word: &str) -> Option<(&'static str, bool)> {
        if word.len() > 16 {
            return None;
        }
        let mut buf = [0u8; 16];
        let lower = crate::text::words::ascii_lower(word, &mut buf)?;
        self.org_words.get(lower).copied()
    }

    /// Whether `word` (any case) is a common English word.
    pub fn is_english(&self, word: &str) -> bool {
        if word.len() > 32 {
            return false;
        }
        let mut buf = [0u8; 32];
        match crate::text::words::ascii_lower(word, &mut buf) {
            Some(lower) => self.english.contains(lower),
            None => false,
        }
    }
}
