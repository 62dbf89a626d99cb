//! The relation lexicons: event triggers (`data/triggers.tsv`), modality
//! cues (`data/modality.tsv`) and the word lists arguments are read with
//! (`data/relation_words.tsv`), compiled once per process.

use crate::gazetteer::matcher::PhraseMatcher;
use crate::model::{CameoCode, Modality};
use crate::text::tokens::tokenize_into;
use crate::tsv::Table;
use std::collections::{HashMap, HashSet};

/// Where a trigger's target stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Slot {
    /// The noun phrase right after the trigger: "Xi met *Putin*".
    Obj,
    /// The noun phrase after a preposition: "talks *with* X".
    Prep(Prep),
}

/// The prepositions that introduce targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Prep {
    With,
    On,
    Against,
    To,
    For,
    At,
    From,
    Of,
    Between,
}

impl Prep {
    pub fn word(self) -> &'static str {
        match self {
            Prep::With => "with",
            Prep::On => "on",
            Prep::Against => "against",
            Prep::To => "to",
            Prep::For => "for",
            Prep::At => "at",
            Prep::From => "from",
            Prep::Of => "of",
            Prep::Between => "between",
        }
    }

    fn parse(s: &str) -> Option<Prep> {
        Some(match s {
            "with" => Prep::With,
            "on" => Prep::On,
            "against" => Prep::Against,
            "to" => Prep::To,
            "for" => Prep::For,
            "at" => Prep::At,
            "from" => Prep::From,
            "of" => Prep::Of,
            "between" => Prep::Between,
            _ => return None,
        })
    }
}

/// One line of `data/triggers.tsv`.
#[derive(Debug, Clone)]
pub(crate) struct Trigger {
    /// Companion words that must follow the head within four words, each
    /// as lowercase token texts ("cease-fire" is `["cease", "-", "fire"]`).
    pub with: Vec<Vec<String>>,
    /// A noun entry: the trigger names an event ("talks", "sanctions").
    pub noun: bool,
    pub cameo: CameoCode,
    pub goldstein: f32,
    pub symmetric: bool,
    /// Target slots in order of preference.
    pub targets: Vec<Slot>,
    /// Violence that is usually a figure of speech between politicians.
    pub figurative: bool,
    /// The first head form, the base form of a verb ("host").
    pub base: String,
}

/// A modality cue.
#[derive(Debug, Clone)]
pub(crate) struct ModalityCue {
    /// Lowercase token texts, in order.
    pub words: Vec<String>,
    pub modality: Modality,
    pub scope: Scope,
}

/// Where a modality cue counts (see `data/modality.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    Clause,
    Near,
    That,
}

/// A closed word list whose entries may span several tokens, looked up by
/// their last token.
#[derive(Debug, Default)]
pub(crate) struct WordList {
    by_last: HashMap<String, Vec<Vec<String>>>,
}

impl WordList {
    fn insert(&mut self, words: Vec<String>) {
        if let Some(last) = words.last() {
            self.by_last.entry(last.clone()).or_default().push(words);
        }
    }

    /// Whether an entry ends at token `end - 1`, given a function `low(k)`
    /// for the lowercase text of token `k`; returns the entry's length.
    pub fn ending_at<'s>(&self, end: usize, low: impl Fn(usize) -> &'s str) -> Option<usize> {
        let last = end.checked_sub(1)?;
        let candidates = self.by_last.get(low(last))?;
        candidates
            .iter()
            .filter(|words| {
                words.len() <= end
                    && words
                        .iter()
                        .enumerate()
                        .all(|(i, w)| low(end - words.len() + i) == w)
            })
            .map(Vec::len)
            .max()
    }

    /// Whether an entry starts at token `start` (of at most `n` tokens);
    /// returns the entry's length.
    pub fn starting_at<'s>(
        &self,
        start: usize,
        n: usize,
        low: impl Fn(usize) -> &'s str,
    ) -> Option<usize> {
        // Entries are short: try every end within four tokens.
        (start + 1..=(start + 4).min(n))
            .filter(|&end| {
                self.ending_at(end, &low)
                    .is_some_and(|len| end - len == start)
            })
            .max()
            .map(|end| end - start)
    }
}

/// The compiled relation lexicons.
pub(crate) struct RelationLexicon {
    pub triggers: Vec<Trigger>,
    /// Head forms, lowercase, to the triggers that have them.
    pub heads: PhraseMatcher<u16>,
    /// Modality cues by their last token.
    pub modality: HashMap<String, Vec<ModalityCue>>,
    pub light: WordList,
    pub agent: WordList,
    /// Nouns for people other than the actor naming them ("supporters").
    pub others: WordList,
    pub reciprocal: WordList,
    pub link: WordList,
    pub speech: HashSet<String>,
    /// Phrases in which a trigger's head reports no event ("held his fire").
    pub idioms: WordList,
    /// Lowercase adjectives and demonyms of states ("russian", "chinese").
    pub adjectives: HashSet<String>,
}

/// Splits `form` into lowercase token texts as the tokenizer would.
fn words(form: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    tokenize_into(form, &mut tokens);
    tokens
        .iter()
        .map(|t| t.text(form).to_lowercase().replace('’', "'"))
        .collect()
}

impl RelationLexicon {
    pub fn load() -> crate::Result<RelationLexicon> {
        let (triggers, heads) = load_triggers()?;
        let table = Table::parse("data/modality.tsv", include_str!("../../data/modality.tsv"))?;
        let (cue, modality, scope) = (
            table.column("cue")?,
            table.column("modality")?,
            table.column("scope")?,
        );
        let mut cues: HashMap<String, Vec<ModalityCue>> = HashMap::new();
        for row in table.rows() {
            let modality = match row.get(modality) {
                "negated" => Modality::Negated,
                "hypothetical" => Modality::Hypothetical,
                other => return Err(table.error(row, format!("unknown modality {other:?}"))),
            };
            let scope = match row.get(scope) {
                "clause" => Scope::Clause,
                "near" => Scope::Near,
                "that" => Scope::That,
                other => return Err(table.error(row, format!("unknown scope {other:?}"))),
            };
            let words = words(row.get(cue));
            let Some(last) = words.last().cloned() else {
                return Err(table.error(row, "empty cue"));
            };
            cues.entry(last).or_default().push(ModalityCue {
                words,
                modality,
                scope,
            });
        }

        let table = Table::parse(
            "data/relation_words.tsv",
            include_str!("../../data/relation_words.tsv"),
        )?;
        let (word, class) = (table.column("word")?, table.column("class")?);
        let mut light = WordList::default();
        let mut agent = WordList::default();
        let mut others = WordList::default();
        let mut reciprocal = WordList::default();
        let mut link = WordList::default();
        let mut speech = HashSet::new();
        let mut figurative = HashSet::new();
        let mut idioms = WordList::default();
        for row in table.rows() {
            let w = row.get(word);
            match row.get(class) {
                "light" => light.insert(words(w)),
                "agent" => agent.insert(words(w)),
                "others" => others.insert(words(w)),
                "reciprocal" => reciprocal.insert(words(w)),
                "link" => link.insert(words(w)),
                "speech" => {
                    speech.insert(w.to_owned());
                }
                "figurative" => {
                    figurative.insert(w.to_owned());
                }
                "idiom" => idioms.insert(words(w)),
                other => return Err(table.error(row, format!("unknown class {other:?}"))),
            }
        }
        // A line is figurative-prone when one of its head or companion words
        // is listed ("attack", "launched ... attacks").
        let mut triggers = triggers;
        for (t, forms) in triggers.iter_mut().zip(heads.1.iter()) {
            t.figurative = t.cameo.root() >= 18
                && (forms.iter().any(|f| figurative.contains(f.as_str()))
                    || t.with.iter().any(|w| figurative.contains(&w.join(" "))));
        }

        let table = Table::parse(
            "data/countries.tsv",
            include_str!("../../data/countries.tsv"),
        )?;
        let col = table.column("adjectives")?;
        let adjectives = table
            .rows()
            .iter()
            .flat_map(|r| r.list(col))
            .map(|a| a.to_lowercase())
            .collect();

        Ok(RelationLexicon {
            triggers,
            heads: heads.0,
            modality: cues,
            light,
            agent,
            others,
            reciprocal,
            link,
            speech,
            idioms,
            adjectives,
        })
    }
}

/// Reads `data/triggers.tsv`: the triggers, the head automaton and each
/// trigger's head forms.
#[allow(clippy::type_complexity)]
fn load_triggers() -> crate::Result<(Vec<Trigger>, (PhraseMatcher<u16>, Vec<Vec<String>>))> {
    let table = Table::parse("data/triggers.tsv", include_str!("../../data/triggers.tsv"))?;
    let [head, with, pos, cameo, goldstein, symmetric, target] = [
        "head",
        "with",
        "pos",
        "cameo",
        "goldstein",
        "symmetric",
        "target",
    ]
    .map(|c| table.column(c));
    let (head, with, pos, cameo, goldstein, symmetric, target) =
        (head?, with?, pos?, cameo?, goldstein?, symmetric?, target?);
    let mut triggers = Vec::new();
    let mut phrases = Vec::new();
    let mut firsts = Vec::new();
    for row in table.rows() {
        let id = u16::try_from(triggers.len())
            .map_err(|_| table.error(row, "too many trigger lines"))?;
        let code: CameoCode = row.get(cameo).parse().map_err(|e| table.error(row, e))?;
        let g: f32 = row
            .get(goldstein)
            .parse()
            .map_err(|_| table.error(row, format!("bad goldstein {:?}", row.get(goldstein))))?;
        if !(-10.0..=10.0).contains(&g) {
            return Err(table.error(row, "goldstein must lie in -10..10"));
        }
        let noun = match row.get(pos) {
            "noun" => true,
            "verb" | "phrase" => false,
            other => return Err(table.error(row, format!("unknown pos {other:?}"))),
        };
        let symmetric = match row.get(symmetric) {
            "y" => true,
            "n" => false,
            other => {
                return Err(table.error(row, format!("symmetric must be y or n, not {other:?}")));
            }
        };
        let mut targets = Vec::new();
        for t in row.list(target) {
            targets.push(match t {
                "obj" => Slot::Obj,
                other => Slot::Prep(
                    Prep::parse(other)
                        .ok_or_else(|| table.error(row, format!("unknown target {other:?}")))?,
                ),
            });
        }
        if targets.is_empty() {
            return Err(table.error(row, "no target slot"));
        }
        let forms: Vec<String> = row.list(head).map(str::to_owned).collect();
        if forms.is_empty() {
            return Err(table.error(row, "no head form"));
        }
        for form in &forms {
            phrases.push((form.clone(), id));
        }
        firsts.push(forms.clone());
        triggers.push(Trigger {
            with: row.list(with).map(words).collect(),
            noun,
            cameo: code,
            goldstein: g,
            symmetric,
            targets,
            figurative: false,
            base: forms[0].clone(),
        });
    }
    Ok((triggers, (PhraseMatcher::new(phrases)?, firsts)))
}
