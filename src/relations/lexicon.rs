//! The relation lexicons: event triggers (`data/triggers.tsv`), modality
//! cues (`data/modality.tsv`) and the word lists arguments are read with
//! (`data/relation_words.tsv`), compiled once per process.

use crate::gazetteer::matcher::PhraseMatch;
use crate::model::{CameoCode, Modality};
use crate::text::hash::{WordHasher, WordMap};
use crate::text::tokens::{KeySet, tokenize_into};
use crate::text::words::{Case, WordClass, WordTable, pack8};
use crate::text::{Doc, Token};
use crate::tsv::Table;
use std::collections::{HashMap, HashSet};
use std::hash::Hasher;

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

/// Lists of items by a word: the words numbered in a [`WordIds`], so that
/// a lookup is a probe of packed bytes, not a hash of a string.
#[derive(Debug)]
pub(crate) struct ByWord<T> {
    ids: WordIds,
    lists: Vec<Vec<T>>,
}

impl<T> ByWord<T> {
    /// The items of `entries` by their word, each list in entry order.
    fn new(entries: Vec<(String, T)>) -> ByWord<T> {
        let ids = WordIds::new(entries.iter().map(|(w, _)| w.as_str()));
        let mut lists: Vec<Vec<T>> = Vec::new();
        for (w, item) in entries {
            if let Some(id) = ids.get(&w) {
                let id = id as usize;
                lists.resize_with(lists.len().max(id + 1), Vec::new);
                lists[id].push(item);
            }
        }
        ByWord { ids, lists }
    }

    /// The items of the lowercase word `w`.
    #[inline]
    pub fn get(&self, w: &str) -> Option<&[T]> {
        Some(&self.lists[self.ids.get(w)? as usize])
    }

    /// The items of the lowercase text of token `k` of `doc`.
    #[inline]
    pub fn get_token(&self, doc: &Doc<'_>, k: usize) -> Option<&[T]> {
        Some(&self.lists[self.ids.get_token(doc, k)? as usize])
    }

    /// All items, by word.
    #[cfg(test)]
    fn items(&self) -> impl Iterator<Item = &T> {
        self.lists.iter().flatten()
    }
}

/// A closed word list whose entries may span several tokens, looked up by
/// their last token: most tokens end no entry, and are turned away by one
/// probe of a table of packed last words.
#[derive(Debug)]
pub(crate) struct WordList {
    by_last: ByWord<Vec<String>>,
    /// The entries' first words: a token that is none starts no entry.
    firsts: WordIds,
}

impl WordList {
    fn new(entries: Vec<Vec<String>>) -> WordList {
        let firsts = WordIds::new(
            entries
                .iter()
                .filter_map(|words| words.first())
                .map(|w| w.as_str()),
        );
        let by_last = entries
            .into_iter()
            .filter_map(|words| Some((words.last()?.clone(), words)))
            .collect();
        WordList {
            by_last: ByWord::new(by_last),
            firsts,
        }
    }

    /// Whether an entry ends with the lowercase word `w`.
    pub fn has_last(&self, w: &str) -> bool {
        self.by_last.get(w).is_some()
    }

    /// Whether an entry ends at token `end - 1` of `doc`; returns the
    /// entry's length.
    pub fn ending_at(&self, end: usize, doc: &Doc<'_>) -> Option<usize> {
        let last = end.checked_sub(1)?;
        let candidates = self.by_last.get_token(doc, last)?;
        candidates
            .iter()
            .filter(|words| {
                words.len() <= end
                    && words
                        .iter()
                        .enumerate()
                        .all(|(i, w)| doc.low(end - words.len() + i) == w)
            })
            .map(Vec::len)
            .max()
    }

    /// Whether an entry starts at token `start` (of at most `n` tokens);
    /// returns the entry's length.
    pub fn starting_at(&self, start: usize, n: usize, doc: &Doc<'_>) -> Option<usize> {
        if start >= n || self.firsts.get_token(doc, start).is_none() {
            return None;
        }
        // Entries are short: try every end within four tokens.
        (start + 1..=(start + 4).min(n))
            .filter(|&end| {
                self.ending_at(end, doc)
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
    pub heads: HeadMatcher,
    /// The trigger lines of each head pattern, read together.
    pub lines: Vec<HeadLines>,
    /// The first words of companion forms, numbered.
    pub companion_words: WordIds,
    /// Modality cues by their last token.
    pub modality: ByWord<ModalityCue>,
    /// Function words and their class (`data/function_words.tsv`), for the
    /// many lookups of the argument scans.
    pub function: FunctionWords,
    /// The pronouns that may stand for a party ("he", "we", "its", "who").
    pub pronouns: ShortTable<bool>,
    /// Their folded keys: most tokens fail this test and are never looked
    /// up.
    pub pronoun_keys: KeySet,
    /// The words that open a clause (`SUBORDINATORS`).
    pub subordinators: ShortTable<bool>,
    /// Their folded keys: the clause scans test every word, and most fail
    /// this test before the table is probed.
    pub subordinator_keys: KeySet,
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
        let mut cues = Vec::new();
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
            cues.push((
                last,
                ModalityCue {
                    words,
                    modality,
                    scope,
                },
            ));
        }

        let table = Table::parse(
            "data/relation_words.tsv",
            include_str!("../../data/relation_words.tsv"),
        )?;
        let (word, class) = (table.column("word")?, table.column("class")?);
        // light, agent, others, reciprocal, link, idiom
        let mut lists: [Vec<Vec<String>>; 6] = Default::default();
        let mut speech = HashSet::new();
        let mut figurative = HashSet::new();
        for row in table.rows() {
            let w = row.get(word);
            let list = match row.get(class) {
                "light" => 0,
                "agent" => 1,
                "others" => 2,
                "reciprocal" => 3,
                "link" => 4,
                "idiom" => 5,
                "speech" => {
                    speech.insert(w.to_owned());
                    continue;
                }
                "figurative" => {
                    figurative.insert(w.to_owned());
                    continue;
                }
                other => return Err(table.error(row, format!("unknown class {other:?}"))),
            };
            lists[list].push(words(w));
        }
        let [light, agent, others, reciprocal, link, idioms] = lists.map(WordList::new);
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

        let heads = heads.0;
        let companion_words = WordIds::new(
            triggers
                .iter()
                .flat_map(|t| t.with.iter().filter_map(|f| f.first()))
                .map(String::as_str),
        );
        let lines = head_lines(&heads, &triggers, &companion_words, &idioms);

        Ok(RelationLexicon {
            triggers,
            heads,
            lines,
            companion_words,
            modality: ByWord::new(cues),
            light,
            agent,
            others,
            reciprocal,
            link,
            speech,
            idioms,
            adjectives,
            function: function_words()?,
            subordinators: ShortTable::new(super::SUBORDINATORS.iter().map(|&w| (w, true))),
            subordinator_keys: KeySet::of_words(super::SUBORDINATORS.iter().map(|w| w.as_bytes())),
            pronouns: ShortTable::new(PARTY_PRONOUNS.map(|w| (w, true))),
            pronoun_keys: KeySet::of_words(PARTY_PRONOUNS.map(str::as_bytes)),
        })
    }
}

/// The pronouns that may stand for a party.
const PARTY_PRONOUNS: [&str; 18] = [
    "we", "i", "us", "me", "our", "my", "he", "she", "it", "they", "his", "her", "its", "their",
    "them", "him", "who", "which",
];

/// The trigger lines of one head pattern, as the companion search reads
/// them: one pass over the words after the head serves every line.
#[derive(Debug, Default)]
pub(crate) struct HeadLines {
    /// The first line with no companion: the head's bare reading.
    pub bare: Option<u16>,
    /// The companion forms of the other lines, by line and then in the
    /// order of their `with`: the form's first word (in
    /// `companion_words`), the line, and the form's index in its `with`.
    pub forms: Vec<(u32, u16, u16)>,
    /// Whether an idiom ends with the head's first word ("held his fire").
    pub idiom_end: bool,
}

/// The lines of each head pattern.
fn head_lines(
    heads: &HeadMatcher,
    triggers: &[Trigger],
    companion_words: &WordIds,
    idioms: &WordList,
) -> Vec<HeadLines> {
    let mut lines: Vec<HeadLines> = (0..heads.values.len())
        .map(|_| HeadLines::default())
        .collect();
    for (first, list) in heads.firsts.iter().zip(&heads.lists) {
        for &(_, pattern) in list {
            lines[pattern].idiom_end = idioms.has_last(first);
        }
    }
    for (pattern, l) in lines.iter_mut().enumerate() {
        for &id in heads.values(pattern) {
            let t = &triggers[usize::from(id)];
            if t.with.is_empty() {
                l.bare.get_or_insert(id);
                continue;
            }
            for (i, f) in t.with.iter().enumerate() {
                if let Some(word) = f.first().and_then(|w| companion_words.get(w)) {
                    l.forms.push((word, id, i as u16));
                }
            }
        }
    }
    lines
}

/// Words numbered in order of first appearance: a short table for words
/// of up to eight bytes, a map for the longer ones.
pub(crate) struct WordIds {
    short: ShortTable<u32>,
    long: KeyMap<u32>,
    /// The folded keys of the words: most tokens fail this test in one
    /// load, before a probe of the tables.
    keys: KeySet,
}

impl std::fmt::Debug for WordIds {
    // The key set is a filter of the tables: their words say it all.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WordIds")
            .field("short", &self.short)
            .field("long", &self.long)
            .finish_non_exhaustive()
    }
}

impl WordIds {
    fn new<'w>(words: impl IntoIterator<Item = &'w str>) -> WordIds {
        let mut all: KeyMap<u32> = KeyMap::default();
        let mut order = Vec::new();
        for w in words {
            let next = order.len() as u32;
            if *all.entry(w, || next) == next {
                order.push(w);
            }
        }
        let short = ShortTable::new(
            order
                .iter()
                .enumerate()
                .filter(|(_, w)| w.len() <= 8)
                .map(|(i, w)| (*w, i as u32)),
        );
        let mut long = KeyMap::default();
        for (i, w) in order.iter().enumerate().filter(|(_, w)| w.len() > 8) {
            long.entry(w, || i as u32);
        }
        let keys = KeySet::of_words(order.iter().map(|w| w.as_bytes()));
        WordIds { short, long, keys }
    }

    /// The id of the lowercase word `w`.
    #[inline]
    pub fn get(&self, w: &str) -> Option<u32> {
        if w.len() <= 8 {
            return self.short.get(short_key(w.as_bytes()));
        }
        self.long.get(w).copied()
    }

    /// The id of the lowercase text of token `k` of `doc`: a short word
    /// by its packed bytes, without slicing a `str`.
    #[inline]
    pub fn get_token(&self, doc: &Doc<'_>, k: usize) -> Option<u32> {
        if !self.keys.contains(doc.keys.folded()[k]) {
            return None;
        }
        let t = &doc.tokens[k];
        let len = (t.end() - t.start) as usize;
        if len <= 8 {
            return self
                .short
                .get(key_at(doc.lower.as_bytes(), t.start as usize, len));
        }
        self.long.get(doc.low(k)).copied()
    }
}

/// The function words: a short table for words of up to eight bytes, a map
/// for the few longer ones.
pub(crate) struct FunctionWords {
    /// Words of at most eight bytes.
    short: ShortTable<Option<WordClass>>,
    /// Longer words ("nevertheless").
    long: KeyMap<WordClass>,
}

impl FunctionWords {
    /// The class of the lowercase word of at most eight bytes whose
    /// [`short_key`] is `key`.
    #[inline]
    pub fn get_short(&self, key: u64) -> Option<WordClass> {
        self.short.get(key).flatten()
    }

    /// The class of the lowercase word `w`.
    #[inline]
    pub fn get(&self, w: &str) -> Option<WordClass> {
        if w.len() <= 8 {
            return self.short.get(short_key(w.as_bytes())).flatten();
        }
        self.long.get(w).copied()
    }
}

/// Reads `data/function_words.tsv` into a fast map.
fn function_words() -> crate::Result<FunctionWords> {
    let table = Table::parse(
        "data/function_words.tsv",
        include_str!("../../data/function_words.tsv"),
    )?;
    let (word, class) = (table.column("word")?, table.column("class")?);
    let mut out: KeyMap<WordClass> = KeyMap::default();
    for row in table.rows() {
        let c = WordClass::parse(row.get(class))
            .ok_or_else(|| table.error(row, format!("unknown class {:?}", row.get(class))))?;
        // A word listed under several classes keeps its first.
        out.entry(row.get(word), || c);
    }
    let short = ShortTable::new(
        out.iter()
            .filter(|(w, _)| w.len() <= 8)
            .map(|(w, c)| (w, Some(*c))),
    );
    let mut long = KeyMap::default();
    for (w, c) in out.iter().filter(|(w, _)| w.len() > 8) {
        *long.entry(w, || *c) = *c;
    }
    Ok(FunctionWords { short, long })
}

/// Reads `data/triggers.tsv`: the triggers, the head automaton and each
/// trigger's head forms.
#[allow(clippy::type_complexity)]
fn load_triggers() -> crate::Result<(Vec<Trigger>, (HeadMatcher, Vec<Vec<String>>))> {
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
        let with: Vec<Vec<String>> = row.list(with).map(words).collect();
        triggers.push(Trigger {
            with,
            noun,
            cameo: code,
            goldstein: g,
            symmetric,
            targets,
            figurative: false,
            base: forms[0].clone(),
        });
    }
    Ok((triggers, (HeadMatcher::new(phrases)?, firsts)))
}

/// A word's key: its bytes packed into a `u64` when it has at most eight
/// (exact, as tokens hold no NUL), else a hash of them.
#[inline]
pub(crate) fn word_key(w: &[u8]) -> u64 {
    let mut x = pack8(w);
    if w.len() > 8 {
        let mut f = WordHasher::from_state(x);
        f.write(&w[8..]);
        x = f.finish() ^ (w.len() as u64) ^ (1 << 63);
    }
    x
}

/// An open-addressing table from short words (at most eight bytes, packed
/// by [`short_key`]) to small values: a multiply and a load or two per
/// lookup, for the lookups the stage makes on every word.
#[derive(Debug, Clone)]
pub(crate) struct ShortTable<V: Copy> {
    keys: Vec<u64>,
    values: Vec<V>,
    shift: u32,
}

/// The bytes of a word of at most eight bytes packed into a `u64`, first
/// byte lowest (zero for the empty word and for longer words, which no
/// short table holds).
#[inline]
pub(crate) fn short_key(w: &[u8]) -> u64 {
    if w.len() > 8 {
        return 0;
    }
    pack8(w)
}

/// The [`short_key`] of the `len` bytes of `text` at `start`: one
/// eight-byte load, masked to the word, where the text goes on for eight
/// bytes.
#[inline]
pub(crate) fn key_at(text: &[u8], start: usize, len: usize) -> u64 {
    if len.wrapping_sub(1) >= 8 {
        return 0;
    }
    match text.get(start..start + 8) {
        Some(&[a, b, c, d, e, f, g, h]) => {
            u64::from_le_bytes([a, b, c, d, e, f, g, h]) & BYTE_MASKS[len]
        }
        _ => pack8(&text[start..start + len]),
    }
}

impl<V: Copy + Default> ShortTable<V> {
    /// A table of `entries` (words of at most eight bytes).
    pub fn new<'w>(entries: impl IntoIterator<Item = (&'w str, V)>) -> ShortTable<V> {
        let entries: Vec<(u64, V)> = entries
            .into_iter()
            .map(|(w, v)| (short_key(w.as_bytes()), v))
            .filter(|&(k, _)| k != 0)
            .collect();
        // At most a quarter full.
        let bits = (entries.len().max(1) * 4)
            .next_power_of_two()
            .trailing_zeros()
            .max(4);
        let size = 1usize << bits;
        let mut keys = vec![0u64; size];
        let mut values = vec![V::default(); size];
        let shift = 64 - bits;
        for (k, v) in entries {
            let mut i = (k.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> shift) as usize;
            while keys[i] != 0 && keys[i] != k {
                i = (i + 1) & (size - 1);
            }
            if keys[i] == 0 {
                keys[i] = k;
                values[i] = v;
            }
        }
        ShortTable {
            keys,
            values,
            shift,
        }
    }

    /// The value of the word whose [`short_key`] is `key`.
    #[inline]
    pub fn get(&self, key: u64) -> Option<V> {
        let mask = self.keys.len() - 1;
        let mut i = (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize;
        loop {
            // A free slot first: the empty word's key, zero, is in none.
            let k = self.keys[i];
            if k == 0 {
                return None;
            }
            if k == key {
                return Some(self.values[i]);
            }
            i = (i + 1) & mask;
        }
    }
}

/// A map from words to values, looked up by [`word_key`]: one multiply
/// to hash a short word. Long words are compared after the lookup.
#[derive(Debug, Clone)]
pub(crate) struct KeyMap<V> {
    map: WordMap<u64, Bucket<V>>,
}

/// The words of a [`KeyMap`] that share a key, with their values.
type Bucket<V> = Vec<(Box<str>, V)>;

impl<V> Default for KeyMap<V> {
    fn default() -> KeyMap<V> {
        KeyMap {
            map: HashMap::default(),
        }
    }
}

impl<V> KeyMap<V> {
    /// The value of `w`, inserted with `make` if absent.
    pub fn entry(&mut self, w: &str, make: impl FnOnce() -> V) -> &mut V {
        let list = self.map.entry(word_key(w.as_bytes())).or_default();
        let i = match list.iter().position(|(x, _)| &**x == w) {
            Some(i) => i,
            None => {
                list.push((w.into(), make()));
                list.len() - 1
            }
        };
        &mut list[i].1
    }

    /// The value of `w`.
    #[inline]
    pub fn get(&self, w: &str) -> Option<&V> {
        let list = self.map.get(&word_key(w.as_bytes()))?;
        if w.len() <= 8 {
            return list.first().map(|(_, v)| v);
        }
        list.iter().find(|(x, _)| &**x == w).map(|(_, v)| v)
    }

    /// The values, in no order.
    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut V> {
        self.map
            .values_mut()
            .flat_map(|l| l.iter_mut().map(|(_, v)| v))
    }

    /// The words and values, in no order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &V)> {
        self.map
            .values()
            .flat_map(|l| l.iter().map(|(w, v)| (&**w, v)))
    }
}

/// The trigger heads, looked up token by token in the lowercased text.
///
/// A head starts and ends on token boundaries, so each word token is looked
/// up once by its text; multiword heads then compare the tokens after it.
/// Where heads overlap, the leftmost and then the longest wins, as in an
/// Aho-Corasick leftmost-longest search, at a fraction of its cost over a
/// few thousand patterns.
pub(crate) struct HeadMatcher {
    /// For each first word, the heads starting with it: their further
    /// words and pattern index, longest first.
    lists: Vec<Vec<(Vec<String>, usize)>>,
    /// The same heads for the search, in one table, list after list: the
    /// key of each one's second word (as in `further`, zero for a head of
    /// one word), the range of its further words in `further`, and its
    /// pattern. A list's heads are read in a row, with no pointer to
    /// follow, and most fail on the key.
    heads: Vec<(u64, u32, u32, u32)>,
    /// For each list, its range in `heads`.
    list_heads: Vec<(u32, u32)>,
    /// The further words of the heads: each one's `short_key` (zero past
    /// eight bytes, where the word is compared) and the word.
    further: Vec<(u64, Box<str>)>,
    /// The first word of each list.
    firsts: Vec<String>,
    /// First words of at most eight bytes to their list: one load, a
    /// multiply and a probe for most tokens.
    short: ShortTable<u32>,
    /// First words of nine to sixteen bytes to their list: two loads
    /// instead of hashing the word's bytes.
    medium: WordTable<u32>,
    /// Longer first words to their list.
    long: KeyMap<u32>,
    /// The folded keys of the first words: most tokens fail this test and
    /// are never looked up.
    first_keys: KeySet,
    /// The triggers of each pattern.
    values: Vec<Vec<u16>>,
}

/// The mask of the first `len` bytes of a `u64`, for `len` in 1..=8.
const BYTE_MASKS: [u64; 9] = {
    let mut m = [0u64; 9];
    let mut len = 1;
    while len <= 8 {
        m[len] = u64::MAX >> (64 - 8 * len);
        len += 1;
    }
    m
};

impl HeadMatcher {
    fn new(phrases: Vec<(String, u16)>) -> crate::Result<HeadMatcher> {
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut by_first: KeyMap<Vec<(Vec<String>, usize)>> = KeyMap::default();
        let mut values: Vec<Vec<u16>> = Vec::new();
        for (phrase, id) in phrases {
            if let Some(&i) = index.get(&phrase) {
                values[i].push(id);
                continue;
            }
            let mut w = words(&phrase);
            if w.is_empty() {
                continue;
            }
            let pattern = values.len();
            index.insert(phrase, pattern);
            values.push(vec![id]);
            let first = w.remove(0);
            by_first.entry(&first, Vec::new).push((w, pattern));
        }
        for list in by_first.values_mut() {
            list.sort_by_key(|(rest, _)| std::cmp::Reverse(rest.len()));
        }
        let (mut lists, mut firsts) = (Vec::new(), Vec::new());
        let (mut short_entries, mut medium_entries) = (Vec::new(), Vec::new());
        let mut long = KeyMap::default();
        for (first, list) in by_first.iter() {
            let i = lists.len() as u32;
            match first.len() {
                0..=8 => short_entries.push((first, i)),
                9..=16 => medium_entries.push((first, i)),
                _ => *long.entry(first, || i) = i,
            }
            lists.push(list.clone());
            firsts.push(first.to_owned());
        }
        let short = ShortTable::new(short_entries);
        let medium = WordTable::new(medium_entries, Case::Exact).map_err(|w| {
            crate::Error::new(
                crate::error::ErrorKind::InvalidData,
                format!("data/triggers.tsv: head word {w:?} cannot be tabled"),
            )
        })?;
        let first_keys = KeySet::of_words(firsts.iter().map(|w| w.as_bytes()));
        let (mut heads, mut list_heads, mut further) = (Vec::new(), Vec::new(), Vec::new());
        for list in &lists {
            let start = heads.len() as u32;
            for (rest, pattern) in list {
                let from = further.len() as u32;
                further.extend(
                    rest.iter()
                        .map(|w: &String| (short_key(w.as_bytes()), w.as_str().into())),
                );
                let second = rest.first().map_or(0, |w| short_key(w.as_bytes()));
                heads.push((second, from, further.len() as u32, *pattern as u32));
            }
            list_heads.push((start, heads.len() as u32));
        }
        Ok(HeadMatcher {
            lists,
            heads,
            list_heads,
            further,
            first_keys,
            firsts,
            short,
            medium,
            long,
            values,
        })
    }

    /// The triggers of pattern `pattern`.
    pub fn values(&self, pattern: usize) -> &[u16] {
        &self.values[pattern]
    }

    /// The heads in the text whose lowercased copy is `lower`, in text
    /// order, not overlapping.
    #[cfg(test)]
    pub fn find(&self, lower: &str, tokens: &[Token]) -> Vec<PhraseMatch> {
        let mut out = Vec::new();
        let keys = crate::text::TokenKeys::new(lower, tokens);
        self.find_in(lower, tokens, keys.folded(), 0..tokens.len(), &mut out);
        out
    }

    /// The list in `lists` of the heads starting with the word
    /// `lower[start..start + len]`.
    #[inline]
    fn list_of(&self, lower: &str, start: usize, len: usize) -> Option<u32> {
        if len.wrapping_sub(1) < 8 {
            // Most words: one load, masked to the word, and a probe.
            return self.short.get(key_at(lower.as_bytes(), start, len));
        }
        self.long_list_of(lower, start, len)
    }

    /// [`list_of`](Self::list_of) for words of more than eight bytes, out
    /// of line: the loop over the tokens keeps its registers.
    #[inline(never)]
    fn long_list_of(&self, lower: &str, start: usize, len: usize) -> Option<u32> {
        let w = &lower[start..start + len];
        if len <= 16 {
            return self.medium.get(w);
        }
        self.long.get(w).copied()
    }

    /// The longest head of list `list` that starts at token `k` and ends by
    /// `limit`: one past its last token, and its pattern.
    #[inline(never)]
    fn longest_at(
        &self,
        lower: &str,
        tokens: &[Token],
        k: usize,
        limit: usize,
        list: u32,
    ) -> Option<(usize, usize)> {
        let (a, b) = self.list_heads[list as usize];
        // A further word of at most eight bytes is one compare of keys.
        let is = |k: usize, &(key, ref w): &(u64, Box<str>)| {
            let t = &tokens[k];
            let (start, len) = (t.start as usize, (t.end() - t.start) as usize);
            if key != 0 {
                key_at(lower.as_bytes(), start, len) == key
            } else {
                len == w.len() && lower[start..start + len] == **w
            }
        };
        // The key of the next token, to which each head's second word is
        // compared first.
        let next = match tokens.get(k + 1) {
            Some(t) if k + 1 < limit => key_at(
                lower.as_bytes(),
                t.start as usize,
                (t.end() - t.start) as usize,
            ),
            _ => 0,
        };
        for &(second, from, to, pattern) in &self.heads[a as usize..b as usize] {
            let further = &self.further[from as usize..to as usize];
            if further.is_empty() {
                return Some((k + 1, pattern as usize));
            }
            let end = k + 1 + further.len();
            if second == next
                && end <= limit
                && further.iter().enumerate().all(|(i, w)| is(k + 1 + i, w))
            {
                return Some((end, pattern as usize));
            }
        }
        None
    }

    /// The heads among `tokens[range]`, appended to `out` in text order;
    /// `keys` are the tokens' folded keys.
    pub fn find_in(
        &self,
        lower: &str,
        tokens: &[Token],
        keys: &[u16],
        range: std::ops::Range<usize>,
        out: &mut Vec<PhraseMatch>,
    ) {
        let limit = range.end.min(tokens.len()).min(keys.len());
        let mut k = range.start;
        while k < limit {
            // On to the next token that may be a first word.
            match self.first_keys.next_in(&keys[..limit], k) {
                Some(next) => k = next,
                None => break,
            }
            let t = &tokens[k];
            let first = k;
            k += 1;
            if !t.is_word() {
                continue;
            }
            let len = (t.end() - t.start) as usize;
            let Some(list) = self.list_of(lower, t.start as usize, len) else {
                continue;
            };
            if let Some((end, pattern)) = self.longest_at(lower, tokens, first, limit, list) {
                out.push(PhraseMatch {
                    first,
                    end,
                    pattern,
                });
                k = end;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heads(text: &str, forms: &[&str]) -> Vec<String> {
        let m = HeadMatcher::new(
            forms
                .iter()
                .enumerate()
                .map(|(i, f)| (f.to_string(), i as u16))
                .collect(),
        )
        .unwrap();
        let lower = text.to_ascii_lowercase();
        let mut tokens = Vec::new();
        tokenize_into(text, &mut tokens);
        m.find(&lower, &tokens)
            .iter()
            .map(|h| {
                let (s, e) = (tokens[h.first].start, tokens[h.end - 1].end());
                text[s as usize..e as usize].to_owned()
            })
            .collect()
    }

    #[test]
    fn heads_are_leftmost_longest_on_token_boundaries() {
        let forms = [
            "meet",
            "met",
            "co-chair",
            "co-chaired",
            "phone call",
            "call",
            "strike on",
        ];
        assert_eq!(
            heads(
                "Xi met Putin; they co-chaired talks after a Phone call, a meeting and a strike on Iran.",
                &forms
            ),
            ["met", "co-chaired", "Phone call", "strike on"]
        );
        assert!(heads("Meetings, metals, recall.", &forms).is_empty());
        // First words past eight and sixteen bytes.
        let forms = [
            "peacekeepers",
            "counterinsurgencies against",
            "counterinsurgency",
        ];
        assert_eq!(
            heads(
                "Peacekeepers met counterinsurgencies against counterinsurgency.",
                &forms
            ),
            [
                "Peacekeepers",
                "counterinsurgencies against",
                "counterinsurgency"
            ]
        );
        assert!(heads("Counterinsurgencies; peacekeeper.", &forms).is_empty());
    }

    #[test]
    fn short_tables_and_keys() {
        let t = ShortTable::new([("the", 1u8), ("nevertheless", 2), ("a", 3)]);
        assert_eq!(t.get(short_key(b"the")), Some(1));
        assert_eq!(t.get(short_key(b"a")), Some(3));
        assert_eq!(t.get(short_key(b"nevertheless")), None);
        assert_eq!(t.get(short_key(b"then")), None);
        assert_eq!(short_key(b""), 0);
        assert_eq!(t.get(0), None);
        assert_ne!(word_key(b"abcdefghi"), word_key(b"abcdefghj"));
        let mut m: KeyMap<u8> = KeyMap::default();
        *m.entry("nevertheless", || 0) = 7;
        *m.entry("to", || 0) = 8;
        assert_eq!(m.get("nevertheless"), Some(&7));
        assert_eq!(m.get("to"), Some(&8));
        assert_eq!(m.get("nevertheles"), None);
    }

    /// Made-up words near the lexicon's: other lengths, other letters.
    fn near_misses(w: &str) -> Vec<String> {
        let mut out = vec![format!("{w}s"), format!("x{w}"), w.to_uppercase()];
        if let Some((i, c)) = w.char_indices().last() {
            out.push(w[..i].to_owned());
            out.push(format!("{}{}", &w[..i], if c == 'z' { 'a' } else { 'z' }));
        }
        out
    }

    #[test]
    fn heads_compared_by_keys_are_those_compared_by_text() {
        let lex = RelationLexicon::load().unwrap();
        let heads = &lex.heads;
        // The longest head of a list by comparing the words' text.
        let plain = |lower: &str, tokens: &[Token], k: usize, limit: usize, list: u32| {
            let low = |k: usize| &lower[tokens[k].start as usize..tokens[k].end() as usize];
            heads.lists[list as usize]
                .iter()
                .find_map(|(rest, pattern)| {
                    let end = k + 1 + rest.len();
                    (end <= limit && rest.iter().enumerate().all(|(i, w)| low(k + 1 + i) == w))
                        .then_some((end, *pattern))
                })
        };
        // Multiword heads, whole and cut short, their words alone, and
        // longer words.
        let mut pieces: Vec<String> = Vec::new();
        for (first, list) in heads.firsts.iter().zip(&heads.lists) {
            for (rest, _) in list.iter().filter(|(rest, _)| !rest.is_empty()).take(2) {
                pieces.push(format!("{first} {}", rest.join(" ")));
                pieces.push(format!("{first} {}", rest[..rest.len() - 1].join(" ")));
                pieces.extend(rest.iter().cloned());
            }
        }
        pieces.truncate(600);
        pieces.extend(heads.firsts.iter().take(300).cloned());
        pieces
            .extend(["negotiations", "counterpart", "telephone", "conversation"].map(String::from));
        let mut rng = crate::testing::XorShift(0x2545_f491_4f6c_dd1d);
        let (mut tokens, mut found) = (Vec::new(), 0);
        for _ in 0..2_000 {
            let words: Vec<&str> = (0..1 + rng.below(6))
                .map(|_| pieces[rng.below(pieces.len())].as_str())
                .collect();
            let text = words.join(" ");
            let lower = text.to_ascii_lowercase();
            tokenize_into(&text, &mut tokens);
            for k in 0..tokens.len() {
                let t = &tokens[k];
                let len = (t.end() - t.start) as usize;
                let Some(list) = heads.list_of(&lower, t.start as usize, len) else {
                    continue;
                };
                for limit in [tokens.len(), (k + 2).min(tokens.len())] {
                    let want = plain(&lower, &tokens, k, limit, list);
                    let got = heads.longest_at(&lower, &tokens, k, limit, list);
                    assert_eq!(got, want, "{text:?} at {k}");
                    found += usize::from(want.is_some_and(|(end, _)| end > k + 1));
                }
            }
        }
        assert!(
            found > 100,
            "{found} multiword heads: the texts should hold many"
        );
    }

    #[test]
    fn the_key_filter_finds_what_a_lookup_of_every_word_finds() {
        let lex = RelationLexicon::load().unwrap();
        let heads = &lex.heads;
        // The plain search: every word token looked up by its text.
        let plain = |lower: &str, tokens: &[Token]| {
            let mut out = Vec::new();
            let mut k = 0;
            while k < tokens.len() {
                let t = &tokens[k];
                let len = (t.end() - t.start) as usize;
                let list = t
                    .is_word()
                    .then(|| heads.list_of(lower, t.start as usize, len));
                match list
                    .flatten()
                    .and_then(|l| heads.longest_at(lower, tokens, k, tokens.len(), l))
                {
                    Some((end, pattern)) => {
                        out.push(PhraseMatch {
                            first: k,
                            end,
                            pattern,
                        });
                        k = end;
                    }
                    None => k += 1,
                }
            }
            out
        };
        let mut pieces: Vec<String> = heads.firsts.iter().take(300).cloned().collect();
        pieces.extend(pieces.clone().iter().map(|w| w.to_ascii_uppercase()));
        pieces.extend(["talks", "with", "Putin", ",", "the", "’s", "said", "on"].map(String::from));
        let mut rng = crate::testing::XorShift(0x9e37_79b9_7f4a_7c15);
        let (mut tokens, mut found) = (Vec::new(), 0);
        for _ in 0..2_000 {
            let words: Vec<&str> = (0..rng.below(12))
                .map(|_| pieces[rng.below(pieces.len())].as_str())
                .collect();
            let text = words.join(" ");
            let lower = text.to_ascii_lowercase();
            tokenize_into(&text, &mut tokens);
            let want = plain(&lower, &tokens);
            assert_eq!(heads.find(&lower, &tokens), want, "{text:?}");
            found += want.len();
        }
        assert!(found > 1_000, "{found} heads: the texts should hold many");
    }

    #[test]
    fn word_ids_number_each_word_once() {
        let words = ["talks", "aid", "talks", "negotiations", "cease", "aid", "a"];
        let ids = WordIds::new(words);
        let want = [0, 1, 0, 2, 3, 1, 4];
        for (w, id) in words.iter().zip(want) {
            assert_eq!(ids.get(w), Some(id), "{w}");
            for miss in near_misses(w)
                .iter()
                .filter(|m| !words.contains(&m.as_str()))
            {
                assert_eq!(ids.get(miss), None, "{miss}");
            }
        }
        assert_eq!(ids.get(""), None);
    }

    #[test]
    fn word_ids_of_tokens_are_those_of_their_lowercase_text() {
        // The companion words, as written, capitalized, in capitals and
        // missed by a letter, among other words: the key set lets through
        // every token that the tables hold.
        let lex = RelationLexicon::load().unwrap();
        let ids = &lex.companion_words;
        let mut words: Vec<String> = Vec::new();
        for t in &lex.triggers {
            for form in &t.with {
                words.extend(form.iter().cloned());
            }
        }
        words.extend(["talks", "Seoul", "with", "however", "x", "négociations"].map(String::from));
        let mut text = String::from("Start");
        for w in &words {
            let mut cap = w.clone();
            cap[..1].make_ascii_uppercase();
            for form in [w.clone(), cap, w.to_uppercase()]
                .into_iter()
                .chain(near_misses(w))
            {
                text.push(' ');
                text.push_str(&form);
            }
        }
        let article = crate::Article::parse(&text).unwrap();
        let doc = Doc::new(&article, None);
        let mut found = 0;
        for k in 0..doc.tokens.len() {
            let want = ids.get(doc.low(k));
            assert_eq!(ids.get_token(&doc, k), want, "{:?}", doc.tok(k));
            found += usize::from(want.is_some());
        }
        assert!(found > 100, "{found}");
    }

    #[test]
    fn head_lines_hold_each_line_of_each_head() {
        let lex = RelationLexicon::load().unwrap();
        let firsts: HashMap<usize, &str> = lex
            .heads
            .firsts
            .iter()
            .zip(&lex.heads.lists)
            .flat_map(|(w, list)| list.iter().map(move |&(_, p)| (p, w.as_str())))
            .collect();
        assert_eq!(lex.lines.len(), lex.heads.values.len());
        for (pattern, lines) in lex.lines.iter().enumerate() {
            let ids = lex.heads.values(pattern);
            let bare = ids
                .iter()
                .copied()
                .find(|&id| lex.triggers[usize::from(id)].with.is_empty());
            assert_eq!(lines.bare, bare);
            // Every form of every line with companions, in line order.
            let mut want = Vec::new();
            for &id in ids {
                for (i, f) in lex.triggers[usize::from(id)].with.iter().enumerate() {
                    let word = lex.companion_words.get(&f[0]).unwrap();
                    want.push((word, id, i as u16));
                }
            }
            assert_eq!(lines.forms, want);
            let first = firsts[&pattern];
            let in_idiom = (lex.idioms.by_last.items()).any(|e| e.last().unwrap() == first);
            assert_eq!(lines.idiom_end, in_idiom, "{first}");
        }
        // Companion first words have ids, and other words none.
        for t in &lex.triggers {
            for f in &t.with {
                assert!(lex.companion_words.get(&f[0]).is_some());
                for miss in near_misses(&f[0]) {
                    let listed = lex
                        .triggers
                        .iter()
                        .any(|t| t.with.iter().any(|g| g[0] == miss));
                    assert_eq!(lex.companion_words.get(&miss).is_some(), listed, "{miss}");
                }
            }
        }
    }

    #[test]
    fn head_lookups_agree_with_a_plain_map() {
        let lex = RelationLexicon::load().unwrap();
        let heads = &lex.heads;
        let plain: HashMap<&str, u32> = (heads.firsts.iter().enumerate())
            .map(|(i, w)| (w.as_str(), i as u32))
            .collect();
        let mut words = heads.firsts.clone();
        words.extend(heads.firsts.iter().flat_map(|w| near_misses(w)));
        // Made-up words of 1 to 20 bytes from a fixed generator.
        let mut rng = crate::testing::XorShift(0x2545_f491_4f6c_dd1d);
        let mut next = move || rng.next();
        for _ in 0..20_000 {
            let len = 1 + next() % 20;
            words.push(
                (0..len)
                    .map(|_| char::from(b"aeioustrnlcdm-'"[(next() % 15) as usize]))
                    .collect(),
            );
        }
        for w in &words {
            // The key set turns away no first word, in any case.
            if plain.contains_key(w.as_str()) {
                for form in [w.clone(), w.to_ascii_uppercase()] {
                    let (_, key) = crate::text::tokens::keys_at(form.as_bytes(), 0, form.len());
                    assert!(heads.first_keys.contains(key), "{w:?}");
                }
            }
            // At the end of the text and inside it.
            for text in [w.clone(), format!("{w} and more words")] {
                let want = plain.get(w.as_str()).copied();
                assert_eq!(heads.list_of(&text, 0, w.len()), want, "{w:?}");
                let shifted = format!("x {text}");
                assert_eq!(heads.list_of(&shifted, 2, w.len()), want, "{w:?}");
            }
        }
    }

    #[test]
    fn keyed_lookups_agree_with_the_word_lists() {
        let lex = RelationLexicon::load().unwrap();
        let function = include_str!("../../data/function_words.tsv");
        let listed = function.lines().filter(|l| !l.starts_with('#')).skip(1);
        let mut words: Vec<String> = listed
            .filter_map(|l| l.split('\t').next())
            .chain(super::super::SUBORDINATORS.iter().copied())
            .map(str::to_owned)
            .collect();
        words.extend(words.clone().iter().flat_map(|w| near_misses(w)));
        for w in &words {
            // Inside the text and at its end.
            for text in [format!("{w} x"), w.clone()] {
                let key = key_at(text.as_bytes(), 0, w.len());
                assert_eq!(key, short_key(w.as_bytes()), "{w:?}");
                if w.len() <= 8 {
                    assert_eq!(lex.function.get_short(key), lex.function.get(w), "{w:?}");
                }
                let subordinator = super::super::SUBORDINATORS.contains(&w.as_str());
                assert_eq!(lex.subordinators.get(key).is_some(), subordinator, "{w:?}");
            }
        }
    }

    #[test]
    fn subordinators_pass_their_key_test_in_any_case() {
        let lex = RelationLexicon::load().unwrap();
        let mut tokens = Vec::new();
        for w in super::super::SUBORDINATORS {
            let capital = format!("{}{}", w[..1].to_ascii_uppercase(), &w[1..]);
            for form in [w.to_string(), w.to_ascii_uppercase(), capital] {
                let text = format!("x {form} y");
                tokenize_into(&text, &mut tokens);
                let keys = crate::text::TokenKeys::new(&text, &tokens);
                assert!(lex.subordinator_keys.contains(keys.folded()[1]), "{form:?}");
            }
        }
    }

    #[test]
    fn word_lists_agree_with_a_scan_of_their_entries() {
        let lex = RelationLexicon::load().unwrap();
        let lists = [
            &lex.light,
            &lex.agent,
            &lex.others,
            &lex.reciprocal,
            &lex.link,
            &lex.idioms,
        ];
        // Text made of the lists' words, some near misses and fillers.
        let mut vocabulary: Vec<String> = lists
            .iter()
            .flat_map(|l| l.by_last.items().flatten())
            .cloned()
            .collect();
        vocabulary.extend(vocabulary.clone().iter().flat_map(|w| near_misses(w)));
        vocabulary.extend(["the", "said", ",", "Xi"].map(String::from));
        let mut rng = crate::testing::XorShift(0x2545_f491_4f6c_dd1d);
        let mut text = String::new();
        for _ in 0..3000 {
            text.push_str(&vocabulary[rng.below(vocabulary.len())]);
            text.push(' ');
        }
        let article = crate::article::Article::parse(&text).unwrap();
        let doc = Doc::new(&article, None);
        let n = doc.tokens.len();
        for list in lists {
            let entries: Vec<&Vec<String>> = list.by_last.items().collect();
            let naive = |end: usize| {
                (entries.iter())
                    .filter(|e| {
                        e.len() <= end && (0..e.len()).all(|i| doc.low(end - e.len() + i) == e[i])
                    })
                    .map(|e| e.len())
                    .max()
            };
            for end in 0..=n {
                assert_eq!(list.ending_at(end, &doc), naive(end), "{end}");
            }
            for start in 0..n {
                let want = (start + 1..=(start + 4).min(n))
                    .filter(|&end| naive(end).is_some_and(|len| end - len == start))
                    .max()
                    .map(|end| end - start);
                assert_eq!(list.starting_at(start, n, &doc), want, "{start}");
            }
        }
    }
}
