//! Actors: detection, merging, roles and metonymy.
//!
//! One pass over the token layer collects candidate mentions from four
//! sources: the gazetteer automaton (states, organizations, outlets, people
//! in office, places), title phrases ("Foreign Minister", "professor"),
//! capitalized-name chunks classified by their context, and descriptions
//! ("the US president", "his Russian counterpart", "the Biden
//! administration"). Candidates then merge into actors: a gazetteer entry is
//! one actor; a person found in the text is one actor with every later use of
//! their family or given name; pronouns join the most recent compatible
//! person. Roles come from titles and appositives, countries and CAMEO-style
//! codes from the dictionaries, the titles and the organizations in roles.
//!
//! Every lookup is indexed by token, so the work is linear in the text.

mod lexicon;

use crate::analyzer::Inner;
use crate::date::Date;
use crate::gazetteer::{
    ExtraEntries as GazExtra, Form, Gazetteer, Gender, OfficeKind, Target, family_name_first,
    surname, with_lowercase,
};
use crate::model::{Actor, ActorKind, CountryCode, Mention, MentionForm};
use crate::span::Span;
use crate::text::hash::{WordMap, WordSet};
use crate::text::tokens::KeySet;
use crate::text::tokens::Keys;
use crate::text::tokens::keys_at;
use crate::text::words::WORDS;
use crate::text::{BlockIndex, Doc, Token, TokenKind, flag};
use lexicon::{ActorLexicon, TitleClass, ascii_key_set};
use std::borrow::Cow;
use std::sync::Arc;

pub(crate) use crate::gazetteer::ExtraEntries;

/// The compiled actor dictionaries, shared between analyzer clones.
#[derive(Clone)]
pub(crate) struct ActorData(Arc<ActorDataInner>);

pub(crate) struct ActorDataInner {
    pub gaz: Gazetteer,
    pub lex: ActorLexicon,
    /// The folded keys (see [`TokenKeys`](crate::text::TokenKeys)) of the
    /// gazetteer's given names and of its family names written first, as
    /// bitsets: an ASCII token whose key is not in them is none of them.
    given_keys: KeySet,
    family_first_keys: KeySet,
}

impl ActorData {
    pub fn load(extra: &GazExtra) -> crate::Result<ActorData> {
        let gaz = Gazetteer::load(extra)?;
        let given_keys = ascii_key_set(gaz.given_names.keys().map(String::as_str));
        let family_first_keys = ascii_key_set(gaz.family_first.iter().map(String::as_str));
        Ok(ActorData(Arc::new(ActorDataInner {
            gaz,
            lex: ActorLexicon::load()?,
            given_keys,
            family_first_keys,
        })))
    }

    pub fn get(&self) -> &ActorDataInner {
        &self.0
    }
}

/// The actors of the document, in order of first mention, with ids `A1`...
pub(crate) fn extract(doc: &Doc<'_>, inner: &Inner) -> Vec<Actor> {
    let mut x = Extraction::new(doc, inner.actors.get());
    x.gazetteer();
    x.titles();
    x.chunks();
    x.descriptions();
    x.gazetteer_mentions();
    x.loose_names();
    x.roles();
    x.titled_anaphora();
    x.pronouns();
    x.finish()
}

/// Name particles that may join the capitalized parts of a name.
const PARTICLES: &[&str] = &[
    "de", "da", "van", "von", "der", "den", "bin", "ibn", "al", "el", "le", "la", "del", "di",
    "du", "dos", "das", "ter", "ten", "bint",
];

/// Words that may link the parts of an organization's name.
const ORG_LINKS: &[&str] = &["of", "for", "on", "and", "de", "in"];

/// The reporting verbs of [`is_speech`], as a list: the keys of their
/// tokens are gathered from it (see [`ActorLexicon`]).
pub(crate) const SPEECH: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "adds",
    "wrote",
    "writes",
    "asked",
    "asks",
    "noted",
    "notes",
    "explained",
    "argued",
    "insisted",
    "warned",
    "stressed",
    "tweeted",
    "declared",
    "replied",
    "responded",
    "recalled",
    "acknowledged",
    "announced",
    "claimed",
    "contended",
    "continued",
    "agreed",
    "believes",
    "thinks",
    "predicted",
    "suggested",
];

/// Whether `w` (lowercase) is a reporting verb, which marks the name beside
/// it as a speaker. A `match` rather than a list to search: it runs for
/// most capitalized words. Its words are those of [`SPEECH`].
fn is_speech(w: &str) -> bool {
    matches!(
        w,
        "said"
            | "says"
            | "say"
            | "told"
            | "tells"
            | "added"
            | "adds"
            | "wrote"
            | "writes"
            | "asked"
            | "asks"
            | "noted"
            | "notes"
            | "explained"
            | "argued"
            | "insisted"
            | "warned"
            | "stressed"
            | "tweeted"
            | "declared"
            | "replied"
            | "responded"
            | "recalled"
            | "acknowledged"
            | "announced"
            | "claimed"
            | "contended"
            | "continued"
            | "agreed"
            | "believes"
            | "thinks"
            | "predicted"
            | "suggested"
    )
}

/// The titles a role names, with whether it is a former one: "senator",
/// "senator from Vermont" and "Republican mayor of Miami" name "senator" and
/// "mayor"; a longer title does not name its tail ("vice president" is no
/// "president"), nor a possessive ("prime minister's wife") or a clause
/// that mentions it. `role` is lowercase; `f` gets each title and whether
/// it is a former one.
fn titles_held(role: &str, joined: &mut String, mut f: impl FnMut(&str, bool)) {
    // The words' byte ranges: `role` is lowercase already, and the
    // phrases are slices of it unless their words are set apart by other
    // than one space.
    let mut words = [(0usize, 0usize); 8];
    let mut n = 0;
    let mut start = None;
    for (i, c) in role.char_indices().chain([(role.len(), ' ')]) {
        if !c.is_whitespace() {
            start = start.or(Some(i));
            continue;
        }
        let Some(s) = start.take() else { continue };
        if n == words.len() {
            return;
        }
        words[n] = (s, i);
        n += 1;
    }
    let words = &words[..n];
    let word = |k: usize| &role[words[k].0..words[k].1];
    let former = (0..n).any(|k| word(k) == "former");
    for i in 0..n {
        if i > 0
            && matches!(
                word(i - 1),
                "vice" | "deputy" | "assistant" | "press" | "then" | "co" | "lieutenant"
            )
        {
            continue;
        }
        for j in i + 1..=n.min(i + 4) {
            let next_ok = j == n || matches!(word(j), "of" | "from" | "for" | "at" | "in");
            if !next_ok {
                continue;
            }
            let spaced = (i..j - 1).all(|k| &role[words[k].1..words[k + 1].0] == " ");
            if spaced {
                f(&role[words[i].0..words[j - 1].1], former);
            } else {
                joined.clear();
                for k in i..j {
                    if k > i {
                        joined.push(' ');
                    }
                    joined.push_str(word(k));
                }
                f(joined.as_str(), former);
            }
        }
    }
}

/// Where each person's mentions start, for the loose words read in text
/// order: the starts known when the reading begins, sorted, with a cursor
/// per person that only moves forward, and the last loose word given to
/// each since (always before the word being read).
struct NameStarts {
    /// The starts of the persons known when the reading begins, person by
    /// person: those of `p` are `known[offsets[p]..offsets[p + 1]]`.
    offsets: Vec<usize>,
    known: Vec<usize>,
    /// For each person, how many of its known starts lie before the word
    /// being read, and the last loose word given to it: one list of pairs
    /// rather than two lists.
    read: Vec<(usize, Option<usize>)>,
}

impl NameStarts {
    /// The starts of the mentions of `protos` actors, read from the
    /// tokens' marks and owners: in text order, so each person's come
    /// sorted.
    fn new(protos: usize, marks: &[u8], owner: &[u32]) -> NameStarts {
        let each_start = |f: &mut dyn FnMut(usize)| {
            let mut k = 0;
            while let Some(first) = next_marked(marks, k, MENTION_START) {
                f(first);
                k = first + 1;
            }
        };
        let mut offsets = vec![0; protos + 1];
        each_start(&mut |first| offsets[owner[first] as usize + 1] += 1);
        for p in 0..protos {
            offsets[p + 1] += offsets[p];
        }
        let mut known = vec![0; offsets[protos]];
        // Each start goes to its person's next free slot, moving the
        // person's offset on: at the end each offset is where the next
        // person's begin, and the list moves back one place (no copy of
        // the offsets to fill from).
        each_start(&mut |first| {
            let o = owner[first] as usize;
            known[offsets[o]] = first;
            offsets[o] += 1;
        });
        offsets.copy_within(0..protos, 1);
        offsets[0] = 0;
        NameStarts {
            offsets,
            known,
            read: vec![(0, None); protos],
        }
    }

    /// Room for persons added since.
    fn grow(&mut self, protos: usize) {
        self.read.resize(protos, (0, None));
    }

    /// A loose word at `at` became a mention of `p`.
    fn give(&mut self, p: usize, at: usize) {
        self.read[p].1 = Some(at);
    }

    /// The candidate with the closest mention before `at`, else the one
    /// with the closest mention after it. `at` never decreases from one
    /// call to the next.
    /// The candidates' order does not matter: no two persons share a
    /// mention, so no two tie.
    fn closest_before(
        &mut self,
        candidates: impl IntoIterator<Item = usize>,
        at: usize,
    ) -> Option<usize> {
        let mut best: Option<(usize, usize)> = None;
        let mut after: Option<(usize, usize)> = None;
        for p in candidates {
            // None known for persons added since.
            let known = match (self.offsets.get(p), self.offsets.get(p + 1)) {
                (Some(&a), Some(&b)) => &self.known[a..b],
                _ => &[],
            };
            let (k, given) = &mut self.read[p];
            debug_assert!(*k == 0 || known[*k - 1] < at, "words come in text order");
            while *k < known.len() && known[*k] < at {
                *k += 1;
            }
            let before = (*k > 0).then(|| known[*k - 1]).max(*given);
            if let Some(b) = before
                && best.is_none_or(|(x, _)| b > x)
            {
                best = Some((b, p));
            }
            if let Some(&a) = known.get(*k)
                && after.is_none_or(|(x, _)| a < x)
            {
                after = Some((a, p));
            }
        }
        best.or(after).map(|(_, p)| p)
    }
}

/// Persons by a lowercase name, several to a name: each name's latest
/// person, and for each person added the one added before it under the
/// same name. Two tables in all, where a list for each name would be as
/// many small allocations.
struct NameIndex<'d> {
    latest: WordMap<Cow<'d, str>, u32>,
    /// For each addition, its person and the addition before it under the
    /// same name (`NONE` for the first).
    links: Vec<(u32, u32)>,
}

impl<'d> NameIndex<'d> {
    fn with_capacity(room: usize) -> NameIndex<'d> {
        NameIndex {
            latest: WordMap::with_capacity_and_hasher(room, Default::default()),
            links: Vec::with_capacity(room),
        }
    }

    /// Adds person `p` under `name`.
    fn add(&mut self, name: Cow<'d, str>, p: usize) {
        let link = self.links.len() as u32;
        let before = self.latest.insert(name, link).unwrap_or(NONE);
        self.links.push((p as u32, before));
    }

    /// The persons under `name`, latest first, if any.
    fn get(&self, name: &str) -> Option<impl Iterator<Item = usize> + '_> {
        let mut link = *self.latest.get(name)?;
        Some(std::iter::from_fn(move || {
            let &(p, before) = self.links.get(link as usize)?;
            link = before;
            Some(p as usize)
        }))
    }
}

/// Words that may stand between "the" and a title in a description that
/// refers back to a named person ("the former Florida governor", "the
/// presumptive Republican nominee").
const ANAPHORA_MODIFIERS: &[&str] = &[
    "former",
    "presumptive",
    "current",
    "outgoing",
    "incoming",
    "longtime",
    "veteran",
    "senior",
    "junior",
    "presidential",
    "republican",
    "democratic",
    "gop",
];

/// Determiners and possessives that open a description.
const DESCRIPTION_OPENERS: &[&str] = &["the", "his", "her", "their", "its", "a", "an", "our"];

const NONE: u32 = u32::MAX;

/// The marks of a token in `Extraction::marks`.
const HIT_START: u8 = 1;
const HIT_END: u8 = 2;
const TITLE_START: u8 = 4;
const TITLE_END: u8 = 8;
/// A mention starts at the token: with `owner`, the mention covering a
/// token is found without searching its actor's list.
const MENTION_START: u8 = 16;
/// The form of the mention that starts at the token, in the top three
/// bits (see `form_bits`): the mentions are read back in text order from
/// the tokens, without sorting them.
const FORM_SHIFT: u8 = 5;

/// The forms of mentions, in the order of their marks.
const FORMS: [MentionForm; 5] = [
    MentionForm::Name,
    MentionForm::Alias,
    MentionForm::Metonym,
    MentionForm::Description,
    MentionForm::Pronoun,
];

/// The first token at or after `from` that carries `mark`. Eight marks are
/// tested at a time: on a long text most tokens carry none. The first of
/// the eight that does is told by the lowest bit set, rather than by a
/// search whose exit the branch predictor cannot foresee.
fn next_marked(marks: &[u8], from: usize, mark: u8) -> Option<usize> {
    let rest = marks.get(from..)?;
    let mut chunks = rest.chunks_exact(8);
    let wide = u64::from_le_bytes([mark; 8]);
    let mut base = from;
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        // The first mark in the lowest byte.
        let found = u64::from_le_bytes(word) & wide;
        if found != 0 {
            return Some(base + found.trailing_zeros() as usize / 8);
        }
        base += 8;
    }
    let k = chunks.remainder().iter().position(|&m| m & mark != 0)?;
    Some(base + k)
}

/// A bit for each token that is a capitalized word, 64 tokens to a `u64`,
/// the first in the lowest bit: set without a branch for each token, and
/// read by the lowest bit set, so that finding the capitalized words
/// (some one in six tokens) mispredicts no branch at each.
fn cap_word_bits(tokens: &[Token]) -> Vec<u64> {
    tokens
        .chunks(64)
        .map(|block| {
            block.iter().enumerate().fold(0, |bits, (j, t)| {
                let cap = u64::from(t.kind == TokenKind::Word) & u64::from(t.has(flag::CAP));
                bits | cap << j
            })
        })
        .collect()
}

/// The first index at or after `from` whose bit is set in `bits` (as
/// [`cap_word_bits`] lays them out), or `bits.len() * 64` if none is.
fn next_bit(bits: &[u64], from: usize) -> usize {
    let mut block = from / 64;
    let Some(&first) = bits.get(block) else {
        return bits.len() * 64;
    };
    let mut word = first & (u64::MAX << (from % 64));
    loop {
        if word != 0 {
            return block * 64 + word.trailing_zeros() as usize;
        }
        block += 1;
        match bits.get(block) {
            Some(&b) => word = b,
            None => return bits.len() * 64,
        }
    }
}

/// The mark of a mention's form: its index in `FORMS`. The match has no
/// wildcard, so that a new form does not compile until it has a place
/// there (the enum is `non_exhaustive` for other crates only).
fn form_bits(form: MentionForm) -> u8 {
    let k: u8 = match form {
        MentionForm::Name => 0,
        MentionForm::Alias => 1,
        MentionForm::Metonym => 2,
        MentionForm::Description => 3,
        MentionForm::Pronoun => 4,
    };
    debug_assert_eq!(FORMS[usize::from(k)], form);
    k << FORM_SHIFT
}

/// The most recent holders of a title that a description ("the Florida
/// senator") is compared with. An article names a few; a text naming a new
/// senator in every sentence must not have each description read them all.
const RECENT_HOLDERS: usize = 64;

/// The most roles an actor keeps. An article gives a person a few; a text
/// that gives one name a new appositive in every sentence must not have each
/// new role compared with thousands before it.
pub(crate) const MAX_ROLES: usize = 64;

/// An actor under construction. Its words are borrowed from the text and
/// the dictionaries, which outlive the extraction: an article (or a long
/// text) names many actors, and owned strings for each would be as many
/// small allocations to make and free again.
#[derive(Debug, Clone)]
struct Proto<'d> {
    name: &'d str,
    kind: ActorKind,
    entry: Option<u32>,
    country: Option<CountryCode>,
    sector: Option<&'d str>,
    code: Option<&'d str>,
    gender: Option<Gender>,
    roles: Vec<Role<'d>>,
    /// How many mentions it has (in `Extraction::mentions`).
    mentions: u32,
    /// Lowercase family name, for persons.
    family: Option<Cow<'d, str>>,
    /// Lowercase given name, for persons.
    given: Option<Cow<'d, str>>,
}

impl<'d> Proto<'d> {
    fn new(name: &'d str, kind: ActorKind) -> Proto<'d> {
        Proto {
            name,
            kind,
            entry: None,
            country: None,
            sector: None,
            code: None,
            gender: None,
            roles: Vec::new(),
            mentions: 0,
            family: None,
            given: None,
        }
    }

    /// Adds a role unless one that contains it is known; a role that
    /// contains a known one replaces it ("security council secretary" gives
    /// way to "Russian Security Council secretary").
    fn add_role(&mut self, role: Cow<'d, str>) {
        self.add_role_lowered(role, None);
    }

    /// [`add_role`](Self::add_role) of a role borrowed from the text, with
    /// the same bytes of the text's ASCII-lowercased copy (`lower`, of the
    /// same length): a role of ASCII is lowercased there without a copy.
    fn add_role_lowered(&mut self, role: Cow<'d, str>, lower: Option<&'d str>) {
        let (role, lower_text) = match role {
            Cow::Borrowed(r) => {
                let trimmed = r.trim();
                let from = r.len() - r.trim_start().len();
                let lower = lower.and_then(|l| l.get(from..from + trimmed.len()));
                (Cow::Borrowed(trimmed), lower)
            }
            Cow::Owned(r) if r.trim().len() == r.len() => (Cow::Owned(r), None),
            Cow::Owned(r) => (Cow::Owned(r.trim().to_owned()), None),
        };
        if role.is_empty() {
            return;
        }
        // A role of ASCII without capitals (a title from the lexicon, most
        // often) is its own lowercase, and one of ASCII from the text has
        // its lowercase in the lowercased text: borrowed, either costs no
        // copy.
        let lower = if role
            .bytes()
            .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
        {
            role.clone()
        } else if let Some(l) = lower_text.filter(|_| role.is_ascii()) {
            Cow::Borrowed(l)
        } else {
            Cow::Owned(role.to_lowercase())
        };
        // Each role is compared with all those kept (up to `MAX_ROLES`):
        // the pairs of bytes of each tell most pairs of roles apart
        // before a search of one in the other.
        let grams = byte_pairs(&lower);
        let within = |inner: &str, inner_grams: u64, outer: &str, outer_grams: u64| {
            inner.len() <= outer.len() && inner_grams & !outer_grams == 0 && outer.contains(inner)
        };
        // One pass tells both whether a kept role holds the new one and
        // whether the new one holds any kept role (rarely: only then is
        // the list filtered).
        let mut holds_one = false;
        for r in &self.roles {
            if within(&lower, grams, &r.lower, r.grams) {
                return;
            }
            holds_one = holds_one || within(&r.lower, r.grams, &lower, grams);
        }
        if holds_one {
            self.roles
                .retain(|r| !within(&r.lower, r.grams, &lower, grams));
        }
        if self.roles.len() < MAX_ROLES {
            self.roles.push(Role {
                text: role,
                lower,
                grams,
            });
        }
    }
}

/// A role of a person, and the same lowercased (for comparing roles).
#[derive(Debug, Clone)]
struct Role<'d> {
    text: Cow<'d, str>,
    lower: Cow<'d, str>,
    /// The pairs of adjacent bytes in `lower` (see [`byte_pairs`]).
    grams: u64,
}

/// A bit for each pair of adjacent bytes in `s`, hashed to one of 64: a
/// string can hold another only if it has all the other's bits, so that
/// two roles lacking a bit each other's way need no search for one in the
/// other.
fn byte_pairs(s: &str) -> u64 {
    s.as_bytes().windows(2).fold(0, |bits, w| {
        let pair = u16::from_le_bytes([w[0], w[1]]);
        bits | 1 << (pair.wrapping_mul(0x9e37) >> 10)
    })
}

/// A candidate mention: a token range and how it names its actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Cand {
    first: usize,
    end: usize,
    form: MentionForm,
}

/// A mention and its actor.
#[derive(Debug, Clone, Copy)]
struct Placed {
    proto: u32,
    cand: Cand,
}

/// A gazetteer hit after disambiguation.
#[derive(Debug, Clone, Copy)]
struct GazHit {
    first: usize,
    end: usize,
    target: Target,
}

/// A title phrase in the text.
#[derive(Debug, Clone, Copy)]
struct TitleHit {
    first: usize,
    end: usize,
    title: u16,
    plural: bool,
}

/// A single capitalized word not yet known to name anyone.
#[derive(Debug, Clone, Copy)]
struct Loose {
    token: usize,
    /// A reporting verb stands beside it: likely a person.
    speaks: bool,
    /// A title stands right before it ("President Xi").
    title: Option<u16>,
}

struct Extraction<'d, 'a> {
    doc: &'d Doc<'a>,
    /// The tokens' folded keys: a word's key is the same in any case, and
    /// most words' keys tell they are in no word list.
    keys: &'d [u16],
    gaz: &'d Gazetteer,
    data: &'d ActorDataInner,
    lex: &'d ActorLexicon,
    protos: Vec<Proto<'d>>,
    /// The mentions of all protos, in the order they were found: one list
    /// rather than one per actor, which on a long text would be as many
    /// small allocations.
    mentions: Vec<Placed>,
    by_entry: WordMap<u32, usize>,
    /// Actors found in the text, by lowercase name and kind. The name is
    /// the document's lowercased text where it is ASCII.
    by_text: WordMap<(Cow<'d, str>, ActorKind), usize>,
    /// For each token, the proto whose mention covers it.
    owner: Vec<u32>,
    /// The gazetteer hits and the titles, each in text order and without
    /// overlaps, so that the one starting or ending at a token is a binary
    /// search away once `marks` says there is one.
    hits: Vec<GazHit>,
    titles: Vec<TitleHit>,
    /// For each token (and one past the last), whether a live hit or title
    /// starts there or ends right before it, and whether a mention starts
    /// there: a byte per token where tables of indices would take sixteen.
    marks: Vec<u8>,
    /// Mentions released, by proto and first token, still in their protos'
    /// lists until `drop_released` (removing each at once would search a
    /// list that grows with the text).
    released: Vec<(u32, u32)>,
    /// Where the hits starting and ending at a token are found in `hits`,
    /// block by block, and the same for `titles`.
    hits_at: (BlockIndex, BlockIndex),
    titles_at: (BlockIndex, BlockIndex),
    loose: Vec<Loose>,
    /// The token range of a headline written in title case.
    title_case_headline: Option<(usize, usize)>,
    /// The first word token of each sentence.
    first_word: Vec<usize>,
    /// Capitalized words that open a sentence, and whether each is also
    /// written capitalized somewhere mid-sentence (outside a title-case
    /// headline).
    mid_caps: WordMap<&'a str, bool>,
    /// A bit for each capitalized word (see [`cap_word_bits`]).
    cap_words: Vec<u64>,
}

impl<'d, 'a> Extraction<'d, 'a> {
    fn new(doc: &'d Doc<'a>, data: &'d ActorDataInner) -> Extraction<'d, 'a> {
        let n = doc.tokens.len();
        let headline = doc.article.headline().and_then(|h| {
            let first = doc.token_at_or_after(h.start);
            let end = doc.token_at_or_after(h.end);
            let words: Vec<&Token> = doc.tokens[first..end]
                .iter()
                .filter(|t| t.is_word())
                .collect();
            let caps = words.iter().filter(|t| t.has(flag::CAP)).count();
            (words.len() >= 3 && caps * 10 >= words.len() * 6).then_some((first, end))
        });
        let first_word = doc
            .sentence_tokens
            .iter()
            .map(|r| {
                r.clone()
                    .find(|&k| matches!(doc.tokens[k].kind, TokenKind::Word | TokenKind::Number))
                    .unwrap_or(r.start)
            })
            .collect::<Vec<_>>();
        // Only words that open a sentence are asked about (by
        // common_opener): a table of those, marked where the same word is
        // written capitalized mid-sentence, is a few lookups in a small
        // table instead of an insertion for every capitalized word.
        // A first byte and a length (as bits) of each opener let most
        // other words skip the lookup.
        let shape = |w: &str| {
            w.as_bytes()
                .first()
                .map(|&b| (usize::from(b), 1u32 << w.len().min(31)))
        };
        // At most one opener a sentence, and an article has tens: sized at
        // once, the table is not rebuilt as it grows (a long text's grows).
        let mut mid_caps: WordMap<&'a str, bool> = WordMap::with_capacity_and_hasher(
            doc.sentence_tokens.len().min(1024),
            Default::default(),
        );
        let mut shapes = [0u32; 256];
        // The openers: each sentence's first word, and every token outside
        // the sentences (a header). Read sentence by sentence rather than
        // by asking each token for its sentence. Only a common English
        // word is asked about: an opener whose key is no such word's
        // (a name, most often) needs no entry.
        let (Keys::Folded(keys) | Keys::Exact(keys)) = doc.keys.of_lower();
        let mut opener = |k: usize| {
            let t = &doc.tokens[k];
            if t.is_cap_word() && data.lex.may_be_english_key(keys[k]) {
                let w = t.text(doc.text);
                if let Some((b, len)) = shape(w) {
                    shapes[b] |= len;
                }
                mid_caps.insert(w, false);
            }
        };
        let mut outside = 0;
        for (range, &first) in doc.sentence_tokens.iter().zip(&first_word) {
            (outside..range.start).for_each(&mut opener);
            if first < range.end {
                opener(first);
            }
            outside = range.end;
        }
        (outside..n).for_each(&mut opener);
        // The capitalized words inside the sentences but not first, read
        // from their bits, each asked for its sentence.
        let cap_words = cap_word_bits(&doc.tokens);
        for (block, &bits) in cap_words.iter().enumerate() {
            let mut bits = bits;
            while bits != 0 {
                let k = block * 64 + bits.trailing_zeros() as usize;
                bits &= bits - 1;
                if headline.is_some_and(|(a, b)| a <= k && k < b) {
                    continue;
                }
                if doc.sentence_of(k).is_some_and(|s| first_word[s] != k) {
                    let w = doc.tokens[k].text(doc.text);
                    if shape(w).is_some_and(|(b, len)| shapes[b] & len != 0)
                        && let Some(mid) = mid_caps.get_mut(w)
                    {
                        *mid = true;
                    }
                }
            }
        }
        Extraction {
            doc,
            keys: match doc.keys.of_lower() {
                Keys::Folded(keys) | Keys::Exact(keys) => keys,
            },
            gaz: &data.gaz,
            data,
            lex: &data.lex,
            // An article of 900 tokens names some twenty actors and as
            // many loose words: sized for that at once rather than grown
            // (and rehashed) from nothing, but no more than a few pages
            // ahead on a long text.
            protos: Vec::with_capacity((n / 32).clamp(8, 1024)),
            // About a mention every ten tokens in news.
            mentions: Vec::with_capacity(n / 8),
            by_entry: WordMap::with_capacity_and_hasher(
                (n / 64).clamp(8, 1024),
                Default::default(),
            ),
            by_text: WordMap::with_capacity_and_hasher((n / 64).clamp(8, 1024), Default::default()),
            owner: vec![NONE; n],
            released: Vec::new(),
            hits: Vec::new(),
            titles: Vec::new(),
            marks: vec![0; n + 1],
            hits_at: Default::default(),
            titles_at: Default::default(),
            // About a loose word every twenty tokens (PolNeAR).
            loose: Vec::with_capacity((n / 16).clamp(8, 1024)),
            title_case_headline: headline,
            first_word,
            mid_caps,
            cap_words,
        }
    }

    // ----- helpers over tokens --------------------------------------------

    fn n(&self) -> usize {
        self.doc.tokens.len()
    }

    fn tok(&self, i: usize) -> &'a str {
        self.doc.tok(i)
    }

    fn low(&self, i: usize) -> &str {
        self.doc.low(i)
    }

    fn token(&self, i: usize) -> &Token {
        &self.doc.tokens[i]
    }

    fn text_of(&self, first: usize, end: usize) -> &'a str {
        let span = Span::new(
            self.doc.tokens[first].start as usize,
            self.doc.tokens[end - 1].end() as usize,
        );
        span.slice(self.doc.text)
    }

    /// Whether token `i` is the first word of its sentence.
    fn sentence_initial(&self, i: usize) -> bool {
        self.doc
            .sentence_of(i)
            .is_none_or(|s| self.first_word[s] == i)
    }

    fn in_headline(&self, i: usize) -> bool {
        self.title_case_headline
            .is_some_and(|(a, b)| a <= i && i < b)
    }

    fn is_cap_word(&self, i: usize) -> bool {
        i < self.n() && self.doc.tokens[i].is_cap_word()
    }

    /// The lowercased bytes of token `i`: [`low`](Self::low) without the
    /// checks of a `str` slice, for comparing with words.
    #[inline]
    fn low_bytes(&self, i: usize) -> Option<&[u8]> {
        let t = self.doc.tokens.get(i)?;
        self.doc
            .lower
            .as_bytes()
            .get(t.start as usize..t.end() as usize)
    }

    /// Whether token `i` is `word` (lowercase). These run for every token:
    /// the lengths differ for nearly all, and are compared first.
    #[inline]
    fn is_word(&self, i: usize, word: &str) -> bool {
        self.low_bytes(i) == Some(word.as_bytes())
    }

    /// Whether token `i` is one of `words` (lowercase).
    #[inline]
    fn is_any(&self, i: usize, words: &[&str]) -> bool {
        self.low_bytes(i)
            .is_some_and(|low| words.iter().any(|w| w.as_bytes() == low))
    }

    /// Whether token `i` is a reporting verb.
    fn speech_at(&self, i: usize) -> bool {
        if i >= self.n() {
            return false;
        }
        let may_be = self.lex.may_be_speech_key(self.keys[i]);
        debug_assert!(
            may_be || !is_speech(self.low(i)),
            "a reporting verb missing from SPEECH"
        );
        may_be && is_speech(self.low(i))
    }

    /// Calls `f` with token `i` lowercased as [`str::to_lowercase`] does:
    /// the document's lowercased text, unless the token is not ASCII.
    #[inline]
    fn with_low<R>(&self, i: usize, f: impl FnOnce(&str) -> R) -> R {
        let low = self.low(i);
        if low.is_ascii() {
            f(low)
        } else {
            f(&self.tok(i).to_lowercase())
        }
    }

    /// Whether token `i` is a common English word.
    fn english_at(&self, i: usize) -> bool {
        self.lex.may_be_english_key(self.keys[i]) && self.lex.is_english(self.low(i))
    }

    /// Whether token `i` is a function word ("the", "in", "meanwhile").
    #[inline]
    fn function_word_at(&self, i: usize) -> bool {
        WORDS.is_function_token(self.keys[i], self.low(i))
    }

    /// The organization head word at token `i`.
    fn org_word_at(&self, i: usize) -> Option<(&'static str, bool)> {
        if !self.lex.may_be_org_word_key(self.keys[i]) {
            return None;
        }
        self.lex.org_word(self.low(i))
    }

    /// Whether token `i` is a given name.
    fn given_name_at(&self, i: usize) -> bool {
        self.in_names(i, &self.data.given_keys, |w| {
            self.gaz.given_names.contains_key(w)
        })
    }

    /// Whether `found` holds token `i` lowercased, asked only when the
    /// token is not ASCII or its key is in `keys` (those of the ASCII
    /// words `found` holds).
    #[inline]
    fn in_names(&self, i: usize, keys: &KeySet, found: impl FnOnce(&str) -> bool) -> bool {
        let low = self.low(i);
        if low.is_ascii() {
            keys.contains(self.keys[i]) && found(low)
        } else {
            found(&self.tok(i).to_lowercase())
        }
    }

    /// The gender of the given name at token `i`: [`given_gender`] of its
    /// text, unless its key tells an ASCII token is no given name.
    ///
    /// [`given_gender`]: Self::given_gender
    fn given_gender_at(&self, i: usize) -> Option<Gender> {
        if self.low(i).is_ascii() && !self.data.given_keys.contains(self.keys[i]) {
            return None;
        }
        self.given_gender(self.tok(i))
    }

    fn given_gender(&self, word: &str) -> Option<Gender> {
        with_lowercase(word, |w| self.gaz.given_names.get(w).copied().flatten())
    }

    /// Whether token `i` is a family name written first ("Xi", "Park").
    fn family_first_at(&self, i: usize) -> bool {
        self.in_names(i, &self.data.family_first_keys, |w| {
            self.gaz.family_first.contains(w)
        })
    }

    /// Whether a reporting verb stands right after or right before the
    /// token range.
    fn near_reporting_verb(&self, first: usize, end: usize) -> bool {
        self.speech_at(end) || (first > 0 && self.speech_at(first - 1))
    }

    /// Whether token `i` carries `mark`.
    #[inline]
    fn marked(&self, i: usize, mark: u8) -> bool {
        self.marks.get(i).is_some_and(|&m| m & mark != 0)
    }

    /// The one of `items` (in text order, found through `index` by its
    /// `position`) at token `i`, if `i` carries `mark`.
    fn item_at<T: Copy>(
        &self,
        i: usize,
        mark: u8,
        items: &[T],
        index: &BlockIndex,
        position: impl Fn(&T) -> usize,
    ) -> Option<T> {
        if !self.marked(i, mark) {
            return None;
        }
        let k = index.find(i, items.len(), |k| position(&items[k]));
        items.get(k).copied()
    }

    fn hit_ending_at(&self, i: usize) -> Option<GazHit> {
        self.item_at(i, HIT_END, &self.hits, &self.hits_at.1, |h| h.end)
    }

    fn hit_starting_at(&self, i: usize) -> Option<GazHit> {
        self.item_at(i, HIT_START, &self.hits, &self.hits_at.0, |h| h.first)
    }

    fn title_starting_at(&self, i: usize) -> Option<TitleHit> {
        self.item_at(i, TITLE_START, &self.titles, &self.titles_at.0, |t| t.first)
    }

    fn title_ending_at(&self, i: usize) -> Option<TitleHit> {
        self.item_at(i, TITLE_END, &self.titles, &self.titles_at.1, |t| t.end)
    }

    /// Lets go of a gazetteer hit: its tokens join a longer name.
    fn drop_hit(&mut self, h: GazHit) {
        self.marks[h.first] &= !HIT_START;
        self.marks[h.end] &= !HIT_END;
    }

    fn class(&self, t: &TitleHit) -> TitleClass {
        self.lex.titles[t.title as usize].class
    }

    fn entry_kind(&self, h: &GazHit) -> ActorKind {
        self.gaz.entries[h.target.entry as usize].kind
    }

    fn proto_for_entry(&mut self, entry: u32) -> usize {
        if let Some(&p) = self.by_entry.get(&entry) {
            return p;
        }
        let gaz = self.gaz;
        let e = &gaz.entries[entry as usize];
        let mut p = Proto::new(&e.name, e.kind);
        p.entry = Some(entry);
        p.country = e.country;
        p.sector = e.sector.as_deref();
        p.code = e.code.as_deref();
        p.gender = e.gender;
        if e.kind == ActorKind::Person {
            let ff = family_name_first(e.country);
            // The dictionaries hold these words lowercased already: the
            // family names as keys of `by_surname`, most given names as
            // keys of `given_names`.
            p.family = surname(&e.name, ff).map(|w| lowercase_in(w, &gaz.by_surname));
            p.given = given_of(&e.name, ff).map(|w| lowercase_in(w, &gaz.given_names));
        }
        let id = self.protos.len();
        self.protos.push(p);
        self.by_entry.insert(entry, id);
        id
    }

    /// Token `i` lowercased as [`str::to_lowercase`] does: the document's
    /// lowercased text, unless the token is not ASCII.
    fn low_cow(&self, i: usize) -> Cow<'d, str> {
        let doc = self.doc;
        match doc.low(i) {
            low if low.is_ascii() => Cow::Borrowed(low),
            _ => Cow::Owned(doc.tok(i).to_lowercase()),
        }
    }

    /// The actor of kind `kind` named by tokens `first..end` (in any case).
    fn proto_for_text(&mut self, first: usize, end: usize, kind: ActorKind) -> usize {
        let doc = self.doc;
        let name = self.text_of(first, end);
        let lower = if name.is_ascii() {
            let start = doc.tokens[first].start as usize;
            Cow::Borrowed(&doc.lower[start..start + name.len()])
        } else {
            Cow::Owned(name.to_lowercase())
        };
        let key = (lower, kind);
        if let Some(&p) = self.by_text.get(&key) {
            return p;
        }
        let id = self.protos.len();
        self.protos.push(Proto::new(name, kind));
        self.by_text.insert(key, id);
        id
    }

    /// Adds a mention unless one of its tokens already belongs to another.
    fn add_mention(&mut self, proto: usize, first: usize, end: usize, form: MentionForm) -> bool {
        if first >= end || self.owner[first..end].iter().any(|&o| o != NONE) {
            return false;
        }
        self.owner[first..end].fill(proto as u32);
        let keep = (1 << FORM_SHIFT) - 1;
        self.marks[first] = (self.marks[first] & keep) | MENTION_START | form_bits(form);
        self.protos[proto].mentions += 1;
        self.mentions.push(Placed {
            proto: proto as u32,
            cand: Cand { first, end, form },
        });
        true
    }

    // ----- 1. gazetteer ---------------------------------------------------

    fn gazetteer(&mut self) {
        let doc = self.doc;
        let found = self
            .gaz
            .matcher
            .find(doc.text, &doc.tokens, doc.keys.of_text());
        self.hits.reserve(found.len());
        let dateline = doc.article.dateline();
        // Entries named unambiguously somewhere support their ambiguous
        // forms elsewhere; so do places of a state that is named.
        // Sized at once for an article's hits (a long text's grow).
        let room = found.len().min(256);
        let mut supported = WordSet::with_capacity_and_hasher(room, Default::default());
        let mut supported_country = WordSet::with_capacity_and_hasher(room, Default::default());
        for m in &found {
            for t in self.gaz.matcher.values(m.pattern) {
                if !t.ambiguous {
                    supported.insert(t.entry);
                    if let Some(c) = self.gaz.entries[t.entry as usize].country {
                        supported_country.insert(c);
                    }
                }
            }
        }
        // Sentences that name a state unambiguously support the ambiguous
        // metonyms beside it ("between Moscow and Washington").
        let mut country_sentences = WordSet::with_capacity_and_hasher(room, Default::default());
        for m in &found {
            if self.gaz.matcher.values(m.pattern).iter().any(|t| {
                !t.ambiguous && self.gaz.entries[t.entry as usize].kind == ActorKind::Country
            }) {
                country_sentences.insert(doc.sentence_of(m.first));
            }
        }
        for m in found {
            let span = Span::new(
                doc.tokens[m.first].start as usize,
                doc.tokens[m.end - 1].end() as usize,
            );
            if dateline.is_some_and(|d| d.contains(span)) {
                continue;
            }
            let targets = self.gaz.matcher.values(m.pattern);
            let after_the = m.first > 0 && self.low(m.first - 1) == "the";
            let acts = self.acts_after(m.end);
            let beside_state = country_sentences.contains(&doc.sentence_of(m.first));
            let pick = targets
                .iter()
                .find(|t| !t.ambiguous)
                .or_else(|| targets.iter().find(|t| supported.contains(&t.entry)))
                .or_else(|| {
                    targets.iter().find(|t| {
                        let e = &self.gaz.entries[t.entry as usize];
                        (after_the
                            && matches!(
                                e.kind,
                                ActorKind::Organization | ActorKind::Media | ActorKind::Group
                            ))
                            || (t.form == Form::Metonym && (acts || beside_state))
                            || (e.kind == ActorKind::Location
                                && e.country.is_some_and(|c| supported_country.contains(&c)))
                    })
                })
                .copied();
            let Some(target) = pick else { continue };
            if self.embedded_in_name(m.first, m.end, target) {
                continue;
            }
            self.marks[m.first] |= HIT_START;
            self.marks[m.end] |= HIT_END;
            self.hits.push(GazHit {
                first: m.first,
                end: m.end,
                target,
            });
        }
        let n = self.n();
        self.hits_at = (
            BlockIndex::new(n, self.hits.iter().map(|h| h.first)),
            BlockIndex::new(n, self.hits.iter().map(|h| h.end)),
        );
    }

    /// Whether the words after a name show it acting: a possessive, a
    /// reporting verb, or a lowercase word ending like a verb in the past or
    /// present tense ("Washington said", "Washington's", "Washington warns").
    fn acts_after(&self, end: usize) -> bool {
        if end >= self.n() {
            return false;
        }
        let t = self.token(end);
        if t.kind == TokenKind::Possessive {
            return true;
        }
        if !t.is_word() || t.has(flag::CAP) {
            return false;
        }
        let w = self.low(end);
        self.speech_at(end)
            || (!self.function_word_at(end)
                && (w.ends_with("ed") || (w.ends_with('s') && !w.ends_with("ss")))
                && w.len() > 3)
            || matches!(
                w,
                "has"
                    | "is"
                    | "was"
                    | "will"
                    | "would"
                    | "must"
                    | "should"
                    | "can"
                    | "could"
                    | "may"
            )
    }

    /// Whether a one-word place or state hit is part of a person's name
    /// ("George Washington", "Michael Jordan").
    fn embedded_in_name(&self, first: usize, end: usize, target: Target) -> bool {
        let e = &self.gaz.entries[target.entry as usize];
        end - first == 1
            && matches!(e.kind, ActorKind::Country | ActorKind::Location)
            && target.form != Form::Adjective
            && first > 0
            && self.is_cap_word(first - 1)
            && self.given_name_at(first - 1)
    }

    // ----- 2. titles ------------------------------------------------------

    fn titles(&mut self) {
        let doc = self.doc;
        let found = self
            .lex
            .title_matcher
            .find(&doc.lower, &doc.tokens, doc.keys.of_lower());
        self.titles.reserve(found.len());
        for m in found {
            if (m.first..m.end).any(|i| self.marked(i, HIT_START) || self.inside_hit(i)) {
                continue;
            }
            let Some(form) = self.lex.title_matcher.values(m.pattern).first() else {
                continue;
            };
            self.marks[m.first] |= TITLE_START;
            self.marks[m.end] |= TITLE_END;
            self.titles.push(TitleHit {
                first: m.first,
                end: m.end,
                title: form.title,
                plural: form.plural,
            });
        }
        let n = self.n();
        self.titles_at = (
            BlockIndex::new(n, self.titles.iter().map(|t| t.first)),
            BlockIndex::new(n, self.titles.iter().map(|t| t.end)),
        );
    }

    /// Whether token `i` lies inside a gazetteer hit (not at its start).
    fn inside_hit(&self, i: usize) -> bool {
        // Hits do not overlap and are few per token; look back a few tokens.
        (i.saturating_sub(8)..i).any(|s| self.hit_starting_at(s).is_some_and(|h| h.end > i))
    }

    /// Whether a title that precedes a name starts at `i`: "President Xi",
    /// "Foreign Minister Kenji Arakawa", "Deputy Foreign Minister ...".
    #[inline]
    fn starts_title(&self, i: usize) -> bool {
        // Most tokens start no title: their mark says so without a call.
        self.marked(i, TITLE_START) && self.starts_marked_title(i)
    }

    /// [`starts_title`](Self::starts_title) at a token marked `TITLE_START`.
    fn starts_marked_title(&self, i: usize) -> bool {
        let Some(t) = self.title_starting_at(i) else {
            return false;
        };
        match self.class(&t) {
            TitleClass::Modifier => {
                self.title_starting_at(t.end).is_some() || self.starts_title(t.end)
            }
            _ => {
                self.is_cap_word(t.end)
                    && self
                        .hit_starting_at(t.end)
                        .is_none_or(|h| self.entry_kind(&h) == ActorKind::Person)
            }
        }
    }

    /// The title group that ends right before token `i`: modifiers, state
    /// adjectives, organizations and titles ("Japanese Foreign Minister",
    /// "Russian Security Council Secretary"). Returns the group's first
    /// token and its last title.
    #[inline]
    fn title_group_before(&self, i: usize) -> Option<(usize, TitleHit)> {
        // Most tokens end no title: their mark says so without a call.
        if !self.marked(i, TITLE_END) {
            return None;
        }
        self.marked_title_group_before(i)
    }

    /// [`title_group_before`](Self::title_group_before) a token marked
    /// `TITLE_END`.
    fn marked_title_group_before(&self, i: usize) -> Option<(usize, TitleHit)> {
        let hit = self
            .title_ending_at(i)
            .filter(|t| !t.plural && self.class(t) != TitleClass::Modifier)?;
        let mut first = hit.first;
        for _ in 0..6 {
            if first == 0 {
                break;
            }
            if let Some(t) = self.title_ending_at(first) {
                first = t.first;
                continue;
            }
            if let Some(h) = self.hit_ending_at(first)
                && matches!(
                    self.entry_kind(&h),
                    ActorKind::Country | ActorKind::Organization | ActorKind::Location
                )
            {
                first = h.first;
                continue;
            }
            break;
        }
        Some((first, hit))
    }

    // ----- 3. capitalized chunks -------------------------------------------

    fn chunks(&mut self) {
        let n = self.n();
        let mut i = 0;
        loop {
            // Most tokens are no capitalized word and start no hit nor
            // title: passed over in a tight loop of their own.
            i = self.next_chunk_token(i);
            if i >= n {
                break;
            }
            if let Some(h) = self.hit_starting_at(i) {
                i = h.end;
                continue;
            }
            if self.marked(i, TITLE_START) && self.starts_title(i) {
                i = self
                    .title_starting_at(i)
                    .map_or(i + 1, |t| t.end.max(i + 1));
                continue;
            }
            if !self.is_cap_word(i) {
                i += 1;
                continue;
            }
            let mut b = i + 1;
            let sentence = self.doc.sentence_of(i);
            while b < n && !self.marked(b, HIT_START) && self.doc.sentence_of(b) == sentence {
                let t = self.token(b);
                if t.is_cap_word() && !self.starts_title(b) {
                    b += 1;
                    continue;
                }
                // Initials: "J." before a capitalized word.
                if self.is_word(b, ".")
                    && !t.has(flag::SPACE_BEFORE)
                    && self.tok(b - 1).chars().count() == 1
                    && self.is_cap_word(b + 1)
                    && !self.marked(b + 1, HIT_START)
                {
                    b += 1;
                    continue;
                }
                // Particles: "Charles de Gaulle", "Osama bin Laden". (The
                // word after first: most often it turns the list away.)
                if t.is_word()
                    && self.is_cap_word(b + 1)
                    && !self.marked(b + 1, HIT_START)
                    && PARTICLES.contains(&self.low(b))
                {
                    b += 1;
                    continue;
                }
                // Arabic particles: "Al-Tabchi", "El-Sisi", "Abu-Ali".
                if self.is_word(b, "-")
                    && !t.has(flag::SPACE_BEFORE)
                    && self.is_any(b - 1, &["al", "el", "abu", "bin", "ibn", "abd"])
                    && b + 1 < n
                    && !self.token(b + 1).has(flag::SPACE_BEFORE)
                    && self.is_cap_word(b + 1)
                {
                    b += 2;
                    continue;
                }
                // Hyphenated given names: "Min-seo", "Jae-in"; not a
                // suffix such as "Warren-style".
                if self.is_word(b, "-")
                    && !t.has(flag::SPACE_BEFORE)
                    && b + 1 < n
                    && !self.token(b + 1).has(flag::SPACE_BEFORE)
                    && self.token(b + 1).is_word()
                    && !self.token(b + 1).has(flag::CAP)
                    && !(self.tok(b + 1).len() > 3 && self.english_at(b + 1))
                {
                    b += 2;
                    continue;
                }
                break;
            }
            // A sentence opens with a function word or a common word, not
            // with a name ("The", "Analysts", "Strengthening").
            let mut a = i;
            while a < b
                && self.token(a).is_cap_word()
                && (self.function_word_at(a) || (self.sentence_initial(a) && self.common_opener(a)))
            {
                a += 1;
            }
            while a < b && !self.token(a).is_cap_word() {
                a += 1;
            }
            if a < b {
                self.classify_chunk(a, b);
            }
            i = b;
        }
    }

    /// The first token at or after `from` that is a capitalized word or
    /// starts a live hit or a title, else the number of tokens.
    fn next_chunk_token(&self, from: usize) -> usize {
        // The next capitalized word from its bit, and a hit or title
        // before it from the marks, eight at a time: a test of every
        // token took a branch that mispredicted at every word found.
        let cap = next_bit(&self.cap_words, from).min(self.n());
        self.marks
            .get(..cap)
            .and_then(|marks| next_marked(marks, from, HIT_START | TITLE_START))
            .unwrap_or(cap)
    }

    /// Whether capitalized token `a` at a sentence start is a common word:
    /// an English word that is no given name and is not written capitalized
    /// mid-sentence elsewhere in the article.
    fn common_opener(&self, a: usize) -> bool {
        if !self.english_at(a)
            || self.given_name_at(a)
            || self.mid_caps.get(self.tok(a)) == Some(&true)
        {
            return false;
        }
        // "Trump said": a known family name before a reporting verb is a
        // name; "Analysts noted" is not.
        let surname_speaks =
            self.speech_at(a + 1) && self.with_low(a, |w| self.gaz.by_surname.contains_key(w));
        !surname_speaks
    }

    fn has_org_head(&self, a: usize, b: usize) -> bool {
        (a..b).any(|k| self.token(k).is_cap_word() && self.org_word_at(k).is_some())
    }

    /// Classifies the capitalized chunk `a..b`, which holds no gazetteer hit.
    fn classify_chunk(&mut self, a: usize, mut b: usize) {
        let n = self.n();
        let mut org = self.has_org_head(a, b);
        // Extend over "of", "for", "on", "and" to the next capitalized run:
        // "Institute of Far Eastern Affairs", "Council on Foreign Relations".
        while b + 1 < n
            && ORG_LINKS.contains(&self.low(b))
            && self.is_cap_word(b + 1)
            && !self.marked(b + 1, HIT_START)
        {
            let mut c = b + 1;
            while c < n && self.is_cap_word(c) && !self.marked(c, HIT_START) {
                c += 1;
            }
            let head_before = self.org_word_at(b - 1).is_some();
            // A date is no part of a name: "People's Party on October 2".
            let dated = crate::date::month_number(self.tok(b + 1)).is_some()
                || crate::date::is_weekday(self.tok(b + 1));
            if dated || !(org && (head_before || self.has_org_head(b + 1, c))) {
                break;
            }
            org = true;
            b = c;
        }
        if org {
            self.org_chunk(a, b);
            return;
        }
        if self.in_headline(a) {
            // Title-case headlines capitalize every word: only names known
            // from the body count there.
            for k in a..b {
                if self.token(k).is_cap_word() {
                    self.loose.push(Loose {
                        token: k,
                        speaks: false,
                        title: None,
                    });
                }
            }
            return;
        }
        // The capitalized words of the chunk, read again where needed rather
        // than gathered into a list for every chunk.
        let words = || (a..b).filter(|&k| self.token(k).is_cap_word());
        let title = self.title_group_before(a).map(|(_, t)| t.title);
        // The chunk opens with a capitalized word.
        let (n_words, last) = words().fold((0, a), |(n, _), k| (n + 1, k));
        if n_words == 1 {
            self.loose.push(Loose {
                token: a,
                speaks: self.near_reporting_verb(a, b),
                title,
            });
            return;
        }
        // A group named in the plural is no person: "Roman Catholics",
        // "Tea Party Republicans".
        let last_word = self.low(last);
        let plural_group = (["ans", "ics", "ists", "ites"]
            .iter()
            .any(|s| last_word.ends_with(s))
            || (last_word.ends_with("ers") && self.english_at(a)))
            && last_word.len() > 5
            && self.lex.is_english(&last_word[..last_word.len() - 1])
            && !self.given_name_at(a);
        // An acronym or a word with digits makes no person's name: "GE
        // Capital", "CARA Family Detention Project", "L2".
        let all_caps = words().all(|k| self.token(k).has(flag::UPPER));
        let acronym = words().any(|k| {
            let t = self.token(k);
            (t.has(flag::UPPER) && self.tok(k).len() <= 5 && !all_caps) || t.has(flag::DIGIT)
        });
        if plural_group {
            return;
        }
        let family_first = self.family_first_at(a) && n_words <= 3;
        let is_person = title.is_some()
            || self.given_name_at(a)
            || family_first
            || self.appositive_after(b).is_some()
            || self.appositive_before(a, b).is_some()
            || self.near_reporting_verb(a, b)
            || (words().all(|k| !self.english_at(k))
                && !acronym
                && !(a > 0
                    && self.is_any(
                        a - 1,
                        &[
                            "the", "a", "an", "in", "at", "from", "to", "of", "near", "into",
                            "across", "outside", "inside",
                        ],
                    )));
        if !is_person {
            return;
        }
        let name = self.text_of(a, b);
        // A misspelt dictionary name: "Xi Jinpings".
        if let Some(entry) = name
            .strip_suffix('s')
            .and_then(|n| self.gaz.entry_named(n))
            .filter(|&e| self.gaz.entries[e as usize].kind == ActorKind::Person)
        {
            let p = self.proto_for_entry(entry);
            self.add_mention(p, a, b, MentionForm::Name);
            return;
        }
        let p = self.proto_for_text(a, b, ActorKind::Person);
        if self.protos[p].family.is_none() {
            let mut parts = (a..b).filter(|&k| self.token(k).is_cap_word());
            let (family, given) = if family_first {
                let first = parts.next();
                (first, parts.next())
            } else {
                let first = parts.next();
                let family = first
                    .into_iter()
                    .chain(parts)
                    .rfind(|&k| !matches!(self.tok(k), "Jr" | "Sr" | "II" | "III" | "IV"));
                (family, first)
            };
            let gender = given.and_then(|g| self.given_gender_at(g));
            let (family, given) = (
                family.map(|k| self.low_cow(k)),
                given.map(|k| self.low_cow(k)),
            );
            let pr = &mut self.protos[p];
            pr.family = family;
            pr.given = given;
            pr.gender = gender;
        }
        self.add_mention(p, a, b, MentionForm::Name);
    }

    /// An organization or outlet named in the text: "Nanjing University",
    /// "Institute of Far Eastern Affairs", "Japanese Defense Ministry".
    fn org_chunk(&mut self, a: usize, b: usize) {
        let mut first = a;
        let mut country = None;
        // Take an adjacent place, state adjective or parent organization on
        // the left: "Nanjing University", "Harvard Law School".
        if let Some(h) = self.hit_ending_at(a) {
            let e = &self.gaz.entries[h.target.entry as usize];
            if matches!(
                e.kind,
                ActorKind::Location | ActorKind::Country | ActorKind::Organization
            ) && !self.token(a).has(flag::LINE_BEFORE)
            {
                first = h.first;
                country = e.country;
            }
        }
        if first == a && self.in_headline(a) {
            return;
        }
        // A lone head word is no name ("Council", "University").
        if b - first == 1 && self.org_word_at(first).is_some() {
            return;
        }
        // A chunk opening a sentence with a common word keeps the rest:
        // handled by the caller; here the name is final.
        let head = (first..b).rev().find_map(|k| self.org_word_at(k));
        let kind = match head {
            Some((_, true)) => ActorKind::Media,
            _ => ActorKind::Organization,
        };
        let p = self.proto_for_text(first, b, kind);
        if let Some((sector, _)) = head {
            self.protos[p].sector.get_or_insert(sector);
        }
        // "Russia's Far Eastern Federal University": the possessor's state.
        if country.is_none()
            && first >= 2
            && self.token(first - 1).kind == TokenKind::Possessive
            && let Some(h) = self.hit_ending_at(first - 1)
            && self.entry_kind(&h) == ActorKind::Country
        {
            country = self.gaz.entries[h.target.entry as usize].country;
        }
        if self.protos[p].country.is_none() {
            self.protos[p].country = country;
        }
        if first < a {
            // The place becomes part of the name; drop its hit.
            if let Some(h) = self.hit_ending_at(a) {
                self.drop_hit(h);
            }
        }
        self.add_mention(p, first, b, MentionForm::Name);
    }

    /// The role phrase of an appositive right after a name ending at `end`
    /// (", professor of international relations at Nanjing University,"), as
    /// a token range.
    fn appositive_after(&self, end: usize) -> Option<(usize, usize)> {
        let n = self.n();
        if !self.is_word(end, ",") {
            return None;
        }
        let start = end + 1;
        // A comma that ends the text opens nothing.
        if start >= n {
            return None;
        }
        let sentence = self.doc.sentence_of(end);
        let mut k = start;
        while k < n && k < start + 30 && self.doc.sentence_of(k) == sentence {
            let t = self.token(k);
            if matches!(
                self.low_bytes(k),
                Some(b"," | b"." | b";" | b":" | b"(" | b")")
            ) || matches!(t.kind, TokenKind::OpenQuote | TokenKind::CloseQuote)
                || (k > start
                    && self.is_any(
                        k,
                        &["said", "says", "told", "added", "who", "which", "wrote"],
                    ))
            {
                break;
            }
            k += 1;
        }
        // ", Governor Christie," is another person in a list, not a role.
        let mut after_titles = start;
        while let Some(t) = self.title_starting_at(after_titles) {
            after_titles = t.end;
        }
        let names_someone = (after_titles > start && self.is_cap_word(after_titles))
            || (start..k).any(|j| {
                self.hit_starting_at(j)
                    .is_some_and(|h| self.entry_kind(&h) == ActorKind::Person)
            });
        // ", bluntly suggested that ...", ", referring to the ...": a verb
        // phrase about the person, not a role.
        let w = self.low(start);
        let verbal = self.title_starting_at(start).is_none()
            && self.title_starting_at(start + 1).is_none()
            && self.token(start).is_word()
            && !self.token(start).has(flag::CAP)
            && (w.ends_with("ly")
                || w.ends_with("ed")
                || w.ends_with("ing")
                || is_speech(w)
                || matches!(
                    w,
                    "is" | "was" | "are" | "were" | "whose" | "tells" | "even" | "many" | "as"
                ));
        // A relative clause ends the role: "head of an Ohio company (that
        // makes compressors)".
        let k = (start..k)
            .find(|&j| self.is_any(j, &["that", "which", "calls", "called"]))
            .unwrap_or(k);
        if k == start || !self.role_near(start, k) || names_someone || verbal {
            return None;
        }
        // ", ROLE, NAME," is apposition to the following name.
        if k + 2 < n && self.is_word(k, ",") && self.is_cap_word(k + 1) {
            let mut c = k + 1;
            while c < n && self.is_cap_word(c) {
                c += 1;
            }
            if c - (k + 1) >= 2 && self.is_any(c, &[",", "said", "says"]) {
                return None;
            }
        }
        Some((start, k))
    }

    /// Whether a role or office title starts within the first words of
    /// `start..end`, after an article and adjectives.
    fn role_near(&self, start: usize, end: usize) -> bool {
        (start..end.min(start + 5)).any(|k| {
            self.title_starting_at(k).is_some_and(|t| {
                t.end <= end && matches!(self.class(&t), TitleClass::Role | TitleClass::Office)
            })
        })
    }

    /// The role phrase of an appositive right before a name at `first..end`:
    /// "a spokesperson for the Chinese Foreign Ministry, Liu Wen, said", "met
    /// his South Korean counterpart, Park Min-seo, for ...". The phrase opens
    /// with a determiner, a possessive or a title, at most 25 tokens back,
    /// after the previous comma.
    fn appositive_before(&self, first: usize, end: usize) -> Option<(usize, usize)> {
        // The name is set off on both sides; in "..., Yang said" the phrase
        // before the comma is what Yang said.
        if first < 2 || !self.is_word(first - 1, ",") || !self.is_word(end, ",") {
            return None;
        }
        let stop = first - 1;
        let sentence = self.doc.sentence_of(first);
        let mut k = stop;
        let mut title_open = None;
        while k > 0 && stop - k < 25 {
            let prev = k - 1;
            if self.doc.sentence_of(prev) != sentence
                || matches!(self.low_bytes(prev), Some(b"," | b";" | b":" | b"(" | b"."))
            {
                break;
            }
            k = prev;
            if !self.role_near(k, stop) {
                continue;
            }
            // The nearest determiner opens the phrase; a bare title only
            // when no determiner does.
            if self.is_any(k, DESCRIPTION_OPENERS) {
                return Some((k, stop));
            }
            if title_open.is_none() && self.title_starting_at(k).is_some() {
                title_open = Some(k);
            }
        }
        title_open.map(|k| (k, stop))
    }

    // ----- 4. descriptions --------------------------------------------------

    fn descriptions(&mut self) {
        let date = self.doc.article.date();
        // "the US president", "China's top diplomat": a determiner or a
        // possessive state, modifiers, the title, and no name after it.
        for k in 0..self.titles.len() {
            let t = self.titles[k];
            if t.plural || !matches!(self.class(&t), TitleClass::Office | TitleClass::Role) {
                continue;
            }
            if self.is_cap_word(t.end) && self.token(t.first).has(flag::CAP) {
                continue;
            }
            let Some((first, Some(country))) = self.description_head(t.first) else {
                continue;
            };
            let title = &self.lex.titles[t.title as usize].title;
            let holders = self.gaz.office_holders(country, title, date);
            if let [holder] = holders[..] {
                let p = self.proto_for_entry(holder);
                self.claim(p, first, t.end, MentionForm::Description);
            }
        }
        // "his Russian counterpart": the holder, in that state, of the
        // office of the person mentioned last.
        // The words that end the descriptions below, found in one pass.
        let mut counterparts = Vec::new();
        let mut governments = Vec::new();
        words_among(
            self.doc,
            [b"counterpart", b"administration", b"government", b"regime"],
            |i, w| match w {
                0 => counterparts.push(i),
                _ if i > 0 => governments.push(i),
                _ => {}
            },
        );
        for i in counterparts {
            let Some((first, Some(country))) = self.description_head(i) else {
                continue;
            };
            let Some(office) = self.recent_office(first, date) else {
                continue;
            };
            if let [holder] = self.gaz.holders_of(country, office, date)[..] {
                let p = self.proto_for_entry(holder);
                self.claim(p, first, i + 1, MentionForm::Description);
            }
        }
        // "the Biden administration", "the previous US administration",
        // "Russia's government": the state, as a metonym.
        for i in governments {
            let Some((first, country)) = self.government_of(i, date) else {
                continue;
            };
            if let Some(&entry) = self.gaz.by_country.get(&country) {
                let p = self.proto_for_entry(entry);
                self.claim(p, first, i + 1, MentionForm::Metonym);
            }
        }
    }

    /// Takes back the mentions that lie inside `first..end` from their
    /// actors, so that a longer mention can claim the tokens. They leave
    /// their actors' lists at the next `drop_released`.
    fn release(&mut self, first: usize, end: usize) {
        for k in first..end {
            let Some((a, b)) = self.mention_covering(k) else {
                continue;
            };
            self.released.push((self.owner[k], a as u32));
            self.owner[a..b].fill(NONE);
            self.marks[a] &= !MENTION_START;
        }
    }

    /// Removes the released mentions from the list, read once.
    fn drop_released(&mut self) {
        if self.released.is_empty() {
            return;
        }
        let released: WordSet<(u32, u32)> =
            std::mem::take(&mut self.released).into_iter().collect();
        let protos = &mut self.protos;
        self.mentions.retain(|m| {
            let gone = released.contains(&(m.proto, m.cand.first as u32));
            if gone {
                protos[m.proto as usize].mentions -= 1;
            }
            !gone
        });
    }

    /// The end of the mention that starts at token `first`: its tokens are
    /// those after it with the same owner, up to the next mention's start.
    fn mention_end(&self, first: usize) -> usize {
        let o = self.owner[first];
        let mut end = first + 1;
        while end < self.n() && self.owner[end] == o && self.marks[end] & MENTION_START == 0 {
            end += 1;
        }
        end
    }

    /// The mention that covers token `k`: its first token and end.
    fn mention_covering(&self, k: usize) -> Option<(usize, usize)> {
        let o = *self.owner.get(k)?;
        if o == NONE {
            return None;
        }
        // Every owned token lies in a mention whose first token is marked;
        // mentions of one actor side by side are told apart by that mark.
        let mut first = k;
        while self.marks[first] & MENTION_START == 0 {
            first -= 1;
        }
        let end = self.mention_end(first);
        // Checked by a scan of all mentions, on texts short enough (the
        // tests, fuzzing) that debug builds stay linear on long ones.
        debug_assert!(
            self.mentions.len() > 4096
                || self
                    .mentions
                    .iter()
                    .any(|m| m.proto == o && (m.cand.first, m.cand.end) == (first, end)),
            "the marks and owners of token {k} agree with its actor's mentions"
        );
        Some((first, end))
    }

    /// Adds a mention over `first..end`, taking its tokens from gazetteer
    /// hits inside it (they become part of the description).
    fn claim(&mut self, p: usize, first: usize, end: usize, form: MentionForm) {
        if self.add_mention(p, first, end, form) {
            for i in first..end {
                if let Some(h) = self.hit_starting_at(i) {
                    self.drop_hit(h);
                }
            }
        }
    }

    /// Reads a description leftwards from its title at token `title`:
    /// returns its first token (a determiner, or a possessive state) and the
    /// state it names ("the US", "his Russian", "China's top").
    fn description_head(&self, title: usize) -> Option<(usize, Option<CountryCode>)> {
        let mut k = title;
        let mut country = None;
        for _ in 0..5 {
            if k == 0 {
                return None;
            }
            let prev = k - 1;
            if let Some(h) = self.hit_ending_at(k) {
                if self.entry_kind(&h) != ActorKind::Country || country.is_some() {
                    return None;
                }
                country = self.gaz.entries[h.target.entry as usize].country;
                k = h.first;
                continue;
            }
            if self.token(prev).kind == TokenKind::Possessive {
                let h = self.hit_ending_at(prev)?;
                if self.entry_kind(&h) == ActorKind::Country && country.is_none() {
                    return Some((h.first, self.gaz.entries[h.target.entry as usize].country));
                }
                return None;
            }
            if self.is_any(prev, DESCRIPTION_OPENERS) {
                return Some((prev, country));
            }
            if let Some(t) = self
                .title_ending_at(k)
                .filter(|t| self.class(t) == TitleClass::Modifier)
            {
                k = t.first;
                continue;
            }
            let tp = self.token(prev);
            if tp.is_word() && !tp.has(flag::CAP) && self.english_at(prev) {
                // An adjective: "main", "new".
                k = prev;
                continue;
            }
            return None;
        }
        None
    }

    /// The office kind of the person mentioned last before token `before`
    /// (within the same and the previous sentence).
    fn recent_office(&self, before: usize, date: Option<Date>) -> Option<OfficeKind> {
        let sentence = self.doc.sentence_of(before)?;
        let from = self.doc.sentence_tokens[sentence.saturating_sub(1)].start;
        (from..before).rev().find_map(|k| {
            let entry = match self.owner[k] {
                NONE => self
                    .hit_starting_at(k)
                    .filter(|h| self.entry_kind(h) == ActorKind::Person)
                    .map(|h| h.target.entry),
                p => self.protos[p as usize].entry,
            }?;
            let e = &self.gaz.entries[entry as usize];
            if e.kind != ActorKind::Person {
                return None;
            }
            e.offices.iter().find(|o| o.held_on(date)).map(|o| o.kind)
        })
    }

    /// The state whose government token `i` ("administration") names, and
    /// the first token of the phrase.
    fn government_of(&self, i: usize, date: Option<Date>) -> Option<(usize, CountryCode)> {
        let prev = i - 1;
        let (mut first, country) = if let Some(h) = self.hit_ending_at(i) {
            let e = &self.gaz.entries[h.target.entry as usize];
            let c = match e.kind {
                ActorKind::Country => e.country,
                ActorKind::Person => self.head_country(h.target.entry, date),
                _ => None,
            }?;
            (h.first, c)
        } else if self.token(prev).kind == TokenKind::Possessive {
            let h = self.hit_ending_at(prev)?;
            let e = &self.gaz.entries[h.target.entry as usize];
            (e.kind == ActorKind::Country).then_some(())?;
            (h.first, e.country?)
        } else if self.is_cap_word(prev) && self.owner[prev] == NONE {
            // A head of state's family name: "the Obama administration".
            let ids = self.gaz.by_surname.get(self.low(prev))?;
            let c = ids.iter().find_map(|&id| self.head_country(id, None))?;
            (prev, c)
        } else {
            return None;
        };
        // Modifiers and the article: "the previous US administration".
        let mut k = first;
        while k > 0 && first - k < 3 {
            let t = self.token(k - 1);
            if t.is_word()
                && !t.has(flag::CAP)
                && self.english_at(k - 1)
                && !self.is_any(k - 1, DESCRIPTION_OPENERS)
                && !self.function_word_at(k - 1)
            {
                k -= 1;
            } else {
                break;
            }
        }
        if k > 0 && self.is_any(k - 1, &["the"]) {
            first = k - 1;
        }
        Some((first, country))
    }

    /// The state of a head of state or government (on `date`, if given).
    fn head_country(&self, entry: u32, date: Option<Date>) -> Option<CountryCode> {
        self.gaz.entries[entry as usize]
            .offices
            .iter()
            .filter(|o| date.is_none() || o.held_on(date))
            .find(|o| {
                matches!(
                    o.kind,
                    OfficeKind::HeadOfState | OfficeKind::HeadOfGovernment
                )
            })
            .and_then(|o| o.country)
    }

    // ----- 5. gazetteer mentions and loose names ------------------------------

    fn gazetteer_mentions(&mut self) {
        for k in 0..self.hits.len() {
            let h = self.hits[k];
            if !self.marked(h.first, HIT_START) {
                continue;
            }
            let p = self.proto_for_entry(h.target.entry);
            let form = match h.target.form {
                Form::Name => MentionForm::Name,
                Form::Alias | Form::Adjective => MentionForm::Alias,
                Form::Metonym => MentionForm::Metonym,
            };
            self.add_mention(p, h.first, h.end, form);
        }
    }

    /// Single capitalized words: a family or given name of a person of this
    /// article; with a title or a reporting verb, a person in office; else a
    /// person known by this name alone when context says it is one.
    fn loose_names(&mut self) {
        let date = self.doc.article.date();
        let room = self.protos.len();
        let mut by_family = NameIndex::with_capacity(room);
        let mut by_given = NameIndex::with_capacity(room);
        for (p, pr) in self.protos.iter().enumerate() {
            if pr.kind == ActorKind::Person {
                if let Some(f) = &pr.family {
                    by_family.add(f.clone(), p);
                }
                if let Some(g) = &pr.given {
                    by_given.add(g.clone(), p);
                }
            }
        }
        // Each person's mention starts, kept up to date below, so that the
        // closest mention is a step from the last and not a scan of every
        // mention.
        let mut starts = NameStarts::new(self.protos.len(), &self.marks, &self.owner);
        let loose = std::mem::take(&mut self.loose);
        for l in loose {
            starts.grow(self.protos.len());
            let word = self.tok(l.token);
            let lower = self.low_cow(l.token);
            let lw: &str = &lower;
            let singular = lw.strip_suffix('s').unwrap_or(lw);
            let mut candidates = by_family.get(lw);
            if candidates.is_none() {
                candidates = by_family.get(singular);
            }
            if candidates.is_none() && !self.in_headline(l.token) {
                candidates = by_given.get(lw);
            }
            let candidates = candidates.into_iter().flatten();
            if let Some(p) = starts.closest_before(candidates, l.token) {
                if self.add_mention(p, l.token, l.token + 1, MentionForm::Name) {
                    starts.give(p, l.token);
                }
                if let Some(t) = l.title {
                    self.title_role(p, t);
                }
                continue;
            }
            if self.in_headline(l.token) {
                continue;
            }
            if let Some(id) = self.office_holder_by_name(lw, l, date) {
                let p = self.proto_for_entry(id);
                if self.add_mention(p, l.token, l.token + 1, MentionForm::Name) {
                    starts.grow(self.protos.len());
                    starts.give(p, l.token);
                    by_family.add(lower.clone(), p);
                }
                continue;
            }
            // Days, months and codes are no one: "Nehlen responded
            // Friday", "L2 president". (A month's name starts with one of
            // "jfmasond": the others need not be read as one.)
            if self.token(l.token).has(flag::DIGIT)
                || (lw.bytes().next().is_some_and(|b| b"jfmasond".contains(&b))
                    && crate::date::month_number(word).is_some())
                || crate::date::is_weekday(lw)
            {
                continue;
            }
            // Known by this name alone: with a title, or beside a reporting
            // verb when it is not a common word opening the sentence.
            let opener = self.sentence_initial(l.token) && self.english_at(l.token);
            if (l.title.is_some() || (l.speaks && !opener)) && !self.token(l.token).has(flag::UPPER)
            {
                let p = self.proto_for_text(l.token, l.token + 1, ActorKind::Person);
                self.protos[p].family.get_or_insert_with(|| lower.clone());
                if self.add_mention(p, l.token, l.token + 1, MentionForm::Name) {
                    starts.grow(self.protos.len());
                    starts.give(p, l.token);
                    by_family.add(lower.clone(), p);
                }
                if let Some(t) = l.title {
                    self.title_role(p, t);
                }
            }
        }
    }

    /// A person in office known by the family name `lw`: "President Xi"
    /// (matching the title), "Putin said" (the only one in office, or the
    /// only one by that name).
    fn office_holder_by_name(&self, lw: &str, l: Loose, date: Option<Date>) -> Option<u32> {
        let ids = self.gaz.by_surname.get(lw)?;
        let title = l.title.map(|t| self.lex.titles[t as usize].title.as_str());
        // The persons by that name (with that title), and those of them in
        // office: only whether there is exactly one of each matters, so
        // each is counted, with its first, rather than gathered.
        let (mut matching, mut in_office) = ((0, 0), (0, 0));
        for &id in ids {
            let offices = &self.gaz.entries[id as usize].offices;
            if title.is_some_and(|t| !offices.iter().any(|o| o.titles.iter().any(|x| x == t))) {
                continue;
            }
            if matching.0 == 0 {
                matching.1 = id;
            }
            matching.0 += 1;
            if offices.iter().any(|o| o.held_on(date)) {
                if in_office.0 == 0 {
                    in_office.1 = id;
                }
                in_office.0 += 1;
            }
        }
        if date.is_some() && in_office.0 == 1 {
            return Some(in_office.1);
        }
        (matching.0 == 1 && (l.title.is_some() || l.speaks)).then_some(matching.1)
    }

    fn title_role(&mut self, p: usize, title: u16) {
        let t = &self.lex.titles[title as usize];
        if t.class != TitleClass::Honorific {
            self.protos[p].add_role(Cow::Borrowed(&t.title));
        }
        if let Some(g) = t.gender {
            self.protos[p].gender.get_or_insert(g);
        }
    }

    // ----- 6. roles ---------------------------------------------------------

    /// Titles before names and appositives give persons their roles, states
    /// and sectors.
    fn roles(&mut self) {
        // The persons' names, person by person, each person's in the order
        // they were found (a counting sort of the list): the roles add no
        // mention.
        let is_name = |m: &Placed| {
            m.cand.form == MentionForm::Name
                && self.protos[m.proto as usize].kind == ActorKind::Person
        };
        let mut offsets = vec![0; self.protos.len() + 1];
        for m in self.mentions.iter().filter(|m| is_name(m)) {
            offsets[m.proto as usize + 1] += 1;
        }
        for p in 0..self.protos.len() {
            offsets[p + 1] += offsets[p];
        }
        let mut names = vec![
            Cand {
                first: 0,
                end: 0,
                form: MentionForm::Name
            };
            offsets[self.protos.len()]
        ];
        // Each name to its person's next free slot, moving the person's
        // offset on, and the offsets back one place after (as in
        // `NameStarts::new`).
        for m in self.mentions.iter().filter(|m| is_name(m)) {
            let slot = &mut offsets[m.proto as usize];
            names[*slot] = m.cand;
            *slot += 1;
        }
        offsets.copy_within(0..self.protos.len(), 1);
        offsets[0] = 0;
        for p in 0..self.protos.len() {
            for &m in &names[offsets[p]..offsets[p + 1]] {
                if let Some((group_first, hit)) = self.title_group_before(m.first) {
                    self.title_group_role(p, group_first, hit);
                }
                let appositive = self
                    .appositive_after(m.end)
                    .or_else(|| self.appositive_before(m.first, m.end));
                if let Some((a, b)) = appositive {
                    let role = strip_article(self.text_of(a, b));
                    // The same bytes of the lowercased text.
                    let start = self.token(b - 1).end() as usize - role.len();
                    let lower = self.doc.lower.get(start..start + role.len());
                    self.protos[p].add_role_lowered(Cow::Borrowed(role), lower);
                    self.affiliation(p, a, b);
                }
            }
        }
    }

    /// "the Florida senator", "the Republican presidential candidate": a
    /// definite description with a title and no name refers back to a
    /// person named earlier who holds that title. A place in the
    /// description must agree with the person's roles or country when
    /// several hold the title; with none to tell them apart it stays
    /// unresolved.
    fn titled_anaphora(&mut self) {
        // The titles each person holds, as keys `(title, former)`.
        let lex = self.lex;
        let mut keys: WordMap<(&str, bool), usize> = WordMap::default();
        let mut held: Vec<(usize, usize)> = Vec::new();
        let mut joined = String::new();
        for (p, proto) in self.protos.iter().enumerate() {
            if proto.kind != ActorKind::Person {
                continue;
            }
            let from = held.len();
            for role in proto.roles.iter().map(|r| &r.lower) {
                // Only titles a description can name: a person with many
                // long roles would otherwise hold many keys to keep up.
                titles_held(role, &mut joined, |title, former| {
                    let Some(title) = lex.described_titles.get(title) else {
                        return;
                    };
                    let next = keys.len();
                    let key = *keys.entry((title.as_str(), former)).or_insert(next);
                    if !held[from..].contains(&(p, key)) {
                        held.push((p, key));
                    }
                });
            }
        }
        // No person holds a title a description can name: no description
        // finds anyone (and nothing was released before this stage).
        if keys.is_empty() {
            debug_assert!(self.released.is_empty());
            return;
        }
        let keys_of = |p: usize| {
            let from = held.partition_point(|&(q, _)| q < p);
            held[from..]
                .iter()
                .take_while(move |&&(q, _)| q == p)
                .map(|&(_, key)| key)
        };
        // Where the holders' names end, in text order: swept as the titles
        // are read, so that each description finds the persons named
        // before it without reading every holder's names again.
        let mut name_ends: Vec<(usize, usize)> = Vec::new();
        for m in &self.mentions {
            let p = m.proto as usize;
            if m.cand.form == MentionForm::Name && keys_of(p).next().is_some() {
                name_ends.push((m.cand.end, p));
            }
        }
        name_ends.sort_unstable();
        let mut swept = 0;
        // For each key, its holders named so far, most recent last (at most
        // `RECENT_HOLDERS`), and how many there are in all.
        let mut recent: Vec<Vec<usize>> = vec![Vec::new(); keys.len()];
        let mut named: Vec<usize> = vec![0; keys.len()];
        let mut counted: WordSet<(usize, usize)> = WordSet::default();
        // The places in a description, lowercase (borrowed from the
        // lowercased text where ASCII), in one list for all descriptions.
        let doc = self.doc;
        let mut places: Vec<(Cow<'_, str>, Option<CountryCode>)> = Vec::new();
        for k in 0..self.titles.len() {
            let t = self.titles[k];
            if t.plural
                || !matches!(self.class(&t), TitleClass::Office | TitleClass::Role)
                || self.is_cap_word(t.end)
                || self.owner[t.first..t.end].iter().any(|&o| o != NONE)
            {
                continue;
            }
            // Back over modifiers to "the": adjectives, modifier titles,
            // places and party names ("the former Florida governor").
            let mut first = t.first;
            places.clear();
            let mut opened = false;
            for _ in 0..5 {
                if first == 0 {
                    break;
                }
                let prev = first - 1;
                if self.is_word(prev, "the") {
                    first = prev;
                    opened = true;
                    break;
                }
                if let Some(h) = self.hit_ending_at(first) {
                    if !matches!(
                        self.entry_kind(&h),
                        ActorKind::Location | ActorKind::Country
                    ) {
                        break;
                    }
                    // A state agrees with its citizens; a region only with
                    // a role that names it.
                    let country = (self.entry_kind(&h) == ActorKind::Country)
                        .then(|| self.gaz.entries[h.target.entry as usize].country)
                        .flatten();
                    let name = self.text_of(h.first, h.end);
                    let lower = if name.is_ascii() {
                        let start = doc.tokens[h.first].start as usize;
                        Cow::Borrowed(&doc.lower[start..start + name.len()])
                    } else {
                        Cow::Owned(name.to_lowercase())
                    };
                    places.push((lower, country));
                    first = h.first;
                    continue;
                }
                if let Some(m) = self
                    .title_ending_at(first)
                    .filter(|m| self.class(m) == TitleClass::Modifier)
                {
                    first = m.first;
                    continue;
                }
                if !self.is_any(prev, ANAPHORA_MODIFIERS) {
                    break;
                }
                first = prev;
            }
            // Only places may be actors of their own inside it.
            let place_owned = |o: u32| {
                o == NONE
                    || matches!(
                        self.protos[o as usize].kind,
                        ActorKind::Location | ActorKind::Country
                    )
            };
            if !opened
                || self.is_word(t.end, "of")
                || !self.owner[first..t.end].iter().all(|&o| place_owned(o))
            {
                continue;
            }
            let former = (first..t.first).any(|i| self.is_word(i, "former"));
            let title = lex.titles[t.title as usize].lower.as_str();
            // The names that end before the title: none ends between
            // `first` and the title, whose tokens are free or places'.
            while swept < name_ends.len() && name_ends[swept].0 <= t.first {
                let (_, p) = name_ends[swept];
                swept += 1;
                for key in keys_of(p) {
                    let list = &mut recent[key];
                    if let Some(i) = list.iter().position(|&q| q == p) {
                        list.remove(i);
                    } else if counted.insert((key, p)) {
                        named[key] += 1;
                    }
                    if list.len() == RECENT_HOLDERS {
                        list.remove(0);
                    }
                    list.push(p);
                }
            }
            let Some(&key) = keys.get(&(title, former)) else {
                continue;
            };
            // Persons named before, holding the title, most recent first.
            let holders = &recent[key];
            let agrees = |p: &Proto| {
                places.iter().all(|(place, country)| {
                    p.roles.iter().any(|r| r.lower.contains(place.as_ref()))
                        || (country.is_some() && *country == p.country)
                })
            };
            let chosen = if places.is_empty() {
                holders.last().copied()
            } else {
                let mut agreeing = holders
                    .iter()
                    .rev()
                    .copied()
                    .filter(|&i| agrees(&self.protos[i]));
                match (agreeing.next(), agreeing.next()) {
                    (Some(i), None) => Some(i),
                    (None, _) if named[key] == 1 => holders.last().copied(),
                    _ => None,
                }
            };
            if let Some(p) = chosen {
                self.release(first, t.end);
                self.claim(p, first, t.end, MentionForm::Description);
            }
        }
        self.drop_released();
    }

    /// The role, state and sector a title group gives: "Japanese Foreign
    /// Minister" (foreign minister, JPN), "Russian Security Council
    /// Secretary" (Russian Security Council secretary, RUS, GOV).
    fn title_group_role(&mut self, p: usize, first: usize, hit: TitleHit) {
        let lex = self.lex;
        let title = &lex.titles[hit.title as usize];
        if let Some(g) = title.gender {
            self.protos[p].gender.get_or_insert(g);
        }
        if title.class == TitleClass::Honorific {
            return;
        }
        let mut orgs = Vec::new();
        let mut k = first;
        while k < hit.end {
            if let Some(h) = self.hit_starting_at(k) {
                let e = &self.gaz.entries[h.target.entry as usize];
                if self.protos[p].country.is_none() {
                    self.protos[p].country = e.country;
                }
                // "Florida Sen. Marco Rubio" is the Florida senator.
                if e.kind == ActorKind::Location {
                    orgs.push(self.text_of(h.first, h.end));
                }
                if e.kind == ActorKind::Organization {
                    orgs.push(self.text_of(h.first, h.end));
                    self.protos[p].sector = e.sector.as_deref().or(self.protos[p].sector);
                }
                k = h.end;
                continue;
            }
            let o = self.owner[k];
            if o != NONE && o as usize != p {
                let other = &self.protos[o as usize];
                let (other_kind, other_country) = (other.kind, other.country);
                if self.protos[p].country.is_none()
                    && matches!(other_kind, ActorKind::Country | ActorKind::Organization)
                {
                    self.protos[p].country = other_country;
                }
                if other_kind == ActorKind::Organization {
                    if let Some((m_first, m_end)) = self.mention_covering(k) {
                        orgs.push(self.text_of(m_first, m_end));
                        let sector = self.protos[o as usize].sector;
                        if sector.is_some() {
                            self.protos[p].sector = sector;
                        }
                        k = m_end;
                        continue;
                    }
                }
            }
            k += 1;
        }
        // The title words themselves, modifiers included ("deputy foreign
        // minister"), lowercase.
        let title_first = (first..hit.end)
            .find(|&k| self.title_starting_at(k).is_some() && self.owner[k] == NONE)
            .unwrap_or(hit.first);
        // A lone title reads as its canonical form ("Sen." is "senator").
        let words = if title_first == hit.first {
            Cow::Borrowed(title.title.as_str())
        } else {
            let words = self.text_of(title_first, hit.end);
            if words.is_ascii() {
                // The same bytes of the lowercased text.
                let start = self.token(title_first).start as usize;
                Cow::Borrowed(&self.doc.lower[start..start + words.len()])
            } else {
                Cow::Owned(words.to_lowercase())
            }
        };
        let role = if orgs.is_empty() {
            words
        } else {
            Cow::Owned(format!("{} {words}", orgs.join(" ")))
        };
        self.protos[p].add_role(role);
        if self.protos[p].sector.is_none() {
            self.protos[p].sector = title.sector.as_deref();
        }
    }

    /// The state and sector of the organizations named in a role phrase:
    /// "professor ... at Nanjing University" gives CHN and EDU.
    fn affiliation(&mut self, p: usize, first: usize, end: usize) {
        let lex = self.lex;
        let mut country = None;
        let mut sector = None;
        for k in first..end {
            let o = self.owner[k];
            if o == NONE || o as usize == p {
                continue;
            }
            let other = &self.protos[o as usize];
            if matches!(
                other.kind,
                ActorKind::Organization
                    | ActorKind::Media
                    | ActorKind::Country
                    | ActorKind::Location
            ) {
                country = country.or(other.country);
            }
            if matches!(other.kind, ActorKind::Organization | ActorKind::Media) {
                sector = sector.or(other.sector);
            }
        }
        // The organization's sector comes first ("deputy director of the
        // Institute ..." is EDU), then the role noun's ("professor": EDU).
        let role_sector = (first..end)
            .filter_map(|k| self.title_starting_at(k))
            .find(|t| t.end <= end && self.class(t) != TitleClass::Modifier)
            .and_then(|t| lex.titles[t.title as usize].sector.as_deref());
        let pr = &mut self.protos[p];
        pr.country = pr.country.or(country);
        if pr.sector.is_none() {
            pr.sector = sector.or(role_sector);
        }
    }

    // ----- 7. pronouns ------------------------------------------------------

    /// Whether the tokens `first..end` are joined by a hyphen to a word
    /// before or after them ("Biden-Putin", "Russia-China").
    fn in_compound(&self, first: usize, end: usize) -> bool {
        // The neighbours' keys first: read beside the tokens' keys, they
        // turn away nearly every neighbour without its token and text (on a
        // long text, reads from memory at every person's mention).
        let (exact, folded) = keys_at(b"-", 0, 1);
        let (keys, key) = match self.doc.keys.of_lower() {
            Keys::Folded(keys) => (keys, folded),
            Keys::Exact(keys) => (keys, exact),
        };
        let hyphen = |k: usize| {
            keys.get(k) == Some(&key)
                && self.is_word(k, "-")
                && !self.token(k).has(flag::SPACE_BEFORE)
        };
        (first > 0 && hyphen(first - 1)) || (end < self.n() && hyphen(end))
    }

    fn pronouns(&mut self) {
        let doc = self.doc;
        let n = self.n();
        // The tokens' folded keys: a pronoun's key is the same in any case.
        let (Keys::Folded(keys) | Keys::Exact(keys)) = doc.keys.of_lower();
        // The last persons mentioned, most recent last, at most a handful.
        let mut recent: Vec<(usize, usize)> = Vec::with_capacity(9);
        // One pass in text order over the mentions, as the marks of the
        // tokens have them, and the free words between them that may be
        // pronouns: both found by the next mark or key, eight marks or two
        // keys a step, rather than by reading every token. Resolving a
        // pronoun claims only its own token, behind the pass.
        let mut next_mention = next_marked(&self.marks, 0, MENTION_START).unwrap_or(n);
        let mut next_word = self.lex.next_person_pronoun_key(keys, 0).unwrap_or(n);
        while next_mention.min(next_word) < n {
            if next_mention <= next_word {
                let i = next_mention;
                let end = self.mention_end(i);
                let p = self.owner[i] as usize;
                // A name inside a compound ("the Biden-Putin summit") is
                // no antecedent.
                if self.protos[p].kind == ActorKind::Person && !self.in_compound(i, end) {
                    recent.retain(|&(_, q)| q != p);
                    recent.push((i, p));
                    if recent.len() > 8 {
                        recent.remove(0);
                    }
                }
                next_mention = next_marked(&self.marks, end, MENTION_START).unwrap_or(n);
                if next_word < end {
                    next_word = self.lex.next_person_pronoun_key(keys, end).unwrap_or(n);
                }
                continue;
            }
            // A free token (the mentions before it are passed) whose key
            // may be a pronoun's.
            let i = next_word;
            next_word = self.lex.next_person_pronoun_key(keys, i + 1).unwrap_or(n);
            if !doc.tokens[i].is_word() {
                continue;
            }
            let Some(pron) = self.lex.person_pronoun(self.low(i)) else {
                continue;
            };
            let want = if pron.gender == b'm' {
                Gender::Male
            } else {
                Gender::Female
            };
            let sentence = doc.sentence_of(i).unwrap_or(0);
            let pick = recent.iter().rev().find(|&&(tok, p)| {
                let s = doc.sentence_of(tok).unwrap_or(0);
                sentence.saturating_sub(s) <= 4 && self.protos[p].gender.is_none_or(|g| g == want)
            });
            if let Some(&(_, p)) = pick {
                self.add_mention(p, i, i + 1, MentionForm::Pronoun);
                self.protos[p].gender.get_or_insert(want);
            }
        }
    }

    // ----- 8. the actors ------------------------------------------------------

    fn finish(mut self) -> Vec<Actor> {
        let date = self.doc.article.date();
        let text = self.doc.text;
        let protos = std::mem::take(&mut self.protos);
        // The actor each proto becomes, if any.
        let mut actor_of = vec![NONE; protos.len()];
        let mut out: Vec<Actor> = Vec::with_capacity(protos.len());
        for (k, p) in protos.iter().enumerate() {
            // Places are actors only when they act; that is for later
            // stages to tell, so they are left out here.
            if p.mentions == 0 || p.kind == ActorKind::Location {
                continue;
            }
            let (roles, country, code) = self.codes(p, date);
            actor_of[k] = out.len() as u32;
            out.push(Actor {
                id: String::new(),
                name: p.name.to_owned(),
                kind: p.kind,
                country,
                code,
                roles,
                mentions: Vec::with_capacity(p.mentions as usize),
            });
        }
        // The mentions in text order, as the tokens' owners and marks have
        // them: each actor's come out sorted by span, and reading the
        // tokens and the text once in order stays in cache on a long text.
        let tokens = &self.doc.tokens;
        let mut k = 0;
        while let Some(first) = next_marked(&self.marks, k, MENTION_START) {
            k = first;
            let end = self.mention_end(k);
            let a = actor_of[self.owner[k] as usize];
            if a != NONE {
                let span = Span::new(tokens[k].start as usize, tokens[end - 1].end() as usize);
                let form = FORMS[usize::from(self.marks[k] >> FORM_SHIFT)];
                out[a as usize]
                    .mentions
                    .push(Mention::new(text, span, form));
            }
            k = end;
        }
        // No two actors share a first mention: a sort that need not be
        // stable, and takes no buffer.
        out.sort_unstable_by_key(|a| a.mentions[0].start);
        for (k, a) in out.iter_mut().enumerate() {
            a.id = crate::model::numbered_id('A', k + 1);
        }
        out
    }

    /// Roles, state and CAMEO-style code of an actor: a person in office on
    /// the article's date gets the office's title and `GOV` (or the code of
    /// the organization they head); others get state plus sector.
    fn codes(
        &self,
        p: &Proto<'_>,
        date: Option<Date>,
    ) -> (Vec<String>, Option<CountryCode>, Option<String>) {
        let mut roles: Vec<String> = p
            .roles
            .iter()
            .map(|r| r.text.clone().into_owned())
            .collect();
        let mut country = p.country;
        // A state's code and its sector's: "RUS" and "GOV" make "RUSGOV".
        let sector_code = |c: CountryCode| {
            let sector = p.sector.unwrap_or("");
            let mut code = String::with_capacity(c.as_str().len() + sector.len());
            code.push_str(c.as_str());
            code.push_str(sector);
            code
        };
        let mut code = p.code.map(str::to_owned);
        if p.kind == ActorKind::Person {
            code = country.map(sector_code);
            if let Some(entry) = p.entry {
                let e = &self.gaz.entries[entry as usize];
                if let Some(o) = e.offices.iter().find(|o| date.is_some() && o.held_on(date)) {
                    if let Some(t) = o.titles.first()
                        && !p.roles.iter().any(|r| r.lower.contains(t.as_str()))
                    {
                        roles.insert(0, t.clone());
                    }
                    country = country.or(o.country);
                    code = match (&o.body, o.kind) {
                        (Some(body), OfficeKind::IgoHead) => self
                            .gaz
                            .entry_named(body)
                            .and_then(|b| self.gaz.entries[b as usize].code.clone()),
                        _ => o.country.map(|c| format!("{c}GOV")),
                    };
                }
            }
        } else if code.is_none() {
            code = country.map(sector_code);
        }
        (roles, country, code)
    }
}

/// Calls `f` with each token of `doc` that is one of `words` (lowercase
/// ASCII, as the lowercased text has them) and the word's index, in text
/// order. The tokens' keys are read first, two bytes a token, and tell
/// nearly every other token apart at once: a test of lengths and bytes
/// took a branch no predictor could foresee at every common length.
fn words_among<const N: usize>(doc: &Doc<'_>, words: [&[u8]; N], mut f: impl FnMut(usize, usize)) {
    let (keys, wanted) = match doc.keys.of_lower() {
        Keys::Folded(keys) => (keys, words.map(|w| keys_at(w, 0, w.len()).1)),
        Keys::Exact(keys) => (keys, words.map(|w| keys_at(w, 0, w.len()).0)),
    };
    let lower = doc.lower.as_bytes();
    let is_wanted = |key: u16| wanted.iter().fold(false, |any, &k| any | (k == key));
    // Sixteen keys a step, compared without a branch for each (the
    // compiler makes it a few vector instructions): most steps hold none
    // of the words.
    let mut base = 0;
    for chunk in keys.chunks(16) {
        if chunk.iter().fold(false, |any, &key| any | is_wanted(key)) {
            for (j, &key) in chunk.iter().enumerate() {
                let t = &doc.tokens[base + j];
                let low = &lower[t.start as usize..t.end() as usize];
                if let Some(w) = words
                    .iter()
                    .position(|w| *w == low)
                    .filter(|_| is_wanted(key))
                {
                    f(base + j, w);
                }
            }
        }
        base += chunk.len();
    }
}

/// `word` lowercased, borrowed from the keys of `table` when it is one of
/// them.
fn lowercase_in<'t, V>(word: &str, table: &'t WordMap<String, V>) -> Cow<'t, str> {
    with_lowercase(word, |lower| match table.get_key_value(lower) {
        Some((key, _)) => Cow::Borrowed(key.as_str()),
        None => Cow::Owned(lower.to_owned()),
    })
}

/// The given name of a full name.
fn given_of(name: &str, family_first: bool) -> Option<&str> {
    let mut words = name.split_whitespace();
    let (first, second) = (words.next()?, words.next()?);
    Some(if family_first { second } else { first })
}

/// A role phrase without its leading article or possessive: "a senior
/// fellow" becomes "senior fellow", "his Russian counterpart" "Russian
/// counterpart".
fn strip_article(s: &str) -> &str {
    for a in [
        "a ", "an ", "the ", "his ", "her ", "their ", "its ", "our ", "A ", "An ", "The ", "His ",
        "Her ", "Their ", "Its ", "Our ",
    ] {
        if let Some(rest) = s.strip_prefix(a) {
            return rest;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::titles_held;
    use crate::testing::{XorShift, random_case};

    #[test]
    fn cap_word_bits_find_what_a_scan_of_the_tokens_finds() {
        use super::{Token, TokenKind, cap_word_bits, flag, next_bit};
        const KINDS: [TokenKind; 3] = [TokenKind::Word, TokenKind::Number, TokenKind::Punct];
        let mut rng = XorShift(0x1234_5678);
        for _ in 0..50 {
            let tokens: Vec<Token> = (0..rng.below(300))
                .map(|k| {
                    let flags = if rng.below(4) == 0 { flag::CAP } else { 0 } | flag::SPACE_BEFORE;
                    Token::new(2 * k, 2 * k + 1, KINDS[rng.below(3)], flags)
                })
                .collect();
            let bits = cap_word_bits(&tokens);
            for from in 0..tokens.len() + 70 {
                let naive = (from..tokens.len())
                    .find(|&k| tokens[k].is_cap_word())
                    .unwrap_or(tokens.len());
                assert_eq!(next_bit(&bits, from).min(tokens.len()), naive, "{from}");
            }
        }
    }

    #[test]
    fn words_among_finds_what_a_plain_scan_finds() {
        const WORDS: [&[u8]; 4] = [b"counterpart", b"administration", b"government", b"regime"];
        // The words, their near misses, words of their lengths, and others.
        let vocabulary = [
            "counterpart",
            "administration",
            "government",
            "regime",
            "regimes",
            "counterparts",
            "governments",
            "regim",
            "administrations",
            "Government's",
            "said",
            "the",
            "strong",
            "presidents",
            "a",
            ",",
            "\u{201c}",
            "r\u{e9}gime",
            "governmental",
            "abcdefghijk",
        ];
        let mut rng = XorShift(0x9e37);
        for _ in 0..20 {
            // Up to some hundred words, so that a scan in steps of sixteen
            // keys meets every remainder.
            let words: Vec<&str> = (0..rng.below(300))
                .map(|_| vocabulary[rng.below(vocabulary.len())])
                .collect();
            let text = random_case(&words, &mut rng, 4);
            let article = crate::article::Article::parse(&text).unwrap();
            let doc = crate::text::Doc::new(&article, None);
            let mut found = Vec::new();
            super::words_among(&doc, WORDS, |i, w| found.push((i, w)));
            let lower = doc.lower.as_bytes();
            let naive: Vec<(usize, usize)> = doc
                .tokens
                .iter()
                .enumerate()
                .filter_map(|(i, t)| {
                    let low = &lower[t.start as usize..t.end() as usize];
                    WORDS.iter().position(|w| *w == low).map(|w| (i, w))
                })
                .collect();
            assert_eq!(found, naive, "{text:?}");
            assert!(found.len() * 5 >= words.len() / 10, "{text:?}");
        }
    }

    /// `titles_held` as first written: a list of words, each phrase joined.
    fn naive_titles_held(role: &str) -> Vec<(String, bool)> {
        let words: Vec<String> = role.split_whitespace().map(|w| w.to_lowercase()).collect();
        if words.len() > 8 {
            return Vec::new();
        }
        let former = words.iter().any(|w| w == "former");
        let mut out = Vec::new();
        for i in 0..words.len() {
            if i > 0
                && matches!(
                    words[i - 1].as_str(),
                    "vice" | "deputy" | "assistant" | "press" | "then" | "co" | "lieutenant"
                )
            {
                continue;
            }
            for j in i + 1..=words.len().min(i + 4) {
                let next_ok = words
                    .get(j)
                    .is_none_or(|w| matches!(w.as_str(), "of" | "from" | "for" | "at" | "in"));
                if next_ok {
                    out.push((words[i..j].join(" "), former));
                }
            }
        }
        out
    }

    #[test]
    fn name_index_holds_what_a_list_for_each_name_holds() {
        let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
        let names = ["xi", "li", "wang", "park", "kim", "müller"];
        for _ in 0..300 {
            let mut index = super::NameIndex::with_capacity(rng.below(4));
            let mut naive: std::collections::HashMap<&str, Vec<usize>> = Default::default();
            for _ in 0..rng.below(40) {
                let (name, p) = (names[rng.below(names.len())], rng.below(10));
                let cow = if rng.below(2) == 0 {
                    std::borrow::Cow::Borrowed(name)
                } else {
                    std::borrow::Cow::Owned(name.to_owned())
                };
                index.add(cow, p);
                naive.entry(name).or_default().push(p);
            }
            for name in names.iter().chain(&["none"]) {
                let got: Option<Vec<usize>> = index.get(name).map(|it| it.collect());
                let want = naive.get(name).map(|ps| ps.iter().rev().copied().collect());
                assert_eq!(got, want, "{name}");
            }
        }
    }

    #[test]
    fn name_starts_hold_each_persons_starts_in_order() {
        let mut rng = XorShift(0x1234_5678_9abc_def1);
        for _ in 0..500 {
            let protos = 1 + rng.below(6);
            let n = rng.below(60);
            let mut marks = vec![0u8; n + 1];
            let mut owner = vec![super::NONE; n];
            let mut naive: Vec<Vec<usize>> = vec![Vec::new(); protos];
            let mut k = 0;
            while k < n {
                if rng.below(3) == 0 {
                    let p = rng.below(protos);
                    let end = (k + 1 + rng.below(3)).min(n);
                    owner[k..end].fill(p as u32);
                    marks[k] |= super::MENTION_START | (rng.below(5) as u8) << super::FORM_SHIFT;
                    naive[p].push(k);
                    k = end;
                } else {
                    marks[k] |= 1 << rng.below(4);
                    k += 1;
                }
            }
            let starts = super::NameStarts::new(protos, &marks, &owner);
            for (p, want) in naive.iter().enumerate() {
                let got = &starts.known[starts.offsets[p]..starts.offsets[p + 1]];
                assert_eq!(got, want.as_slice());
            }
        }
    }

    #[test]
    fn every_mention_form_has_its_own_mark() {
        for (k, &form) in super::FORMS.iter().enumerate() {
            let bits = super::form_bits(form);
            assert_eq!(usize::from(bits >> super::FORM_SHIFT), k);
            // Clear of the other marks, in the bits below.
            assert_eq!(bits & ((1 << super::FORM_SHIFT) - 1), 0);
        }
    }

    #[test]
    fn next_marked_agrees_with_a_naive_search() {
        let mut rng = XorShift(0x2545_f491_4f6c_dd1d);
        for _ in 0..2000 {
            let marks: Vec<u8> = (0..rng.below(40))
                .map(|_| match rng.below(6) {
                    0 => 1 << rng.below(8),
                    _ => 0,
                })
                .collect();
            let mark = 1 << rng.below(8);
            for from in 0..=marks.len() + 1 {
                let naive = (from..marks.len()).find(|&k| marks[k] & mark != 0);
                assert_eq!(
                    super::next_marked(&marks, from, mark),
                    naive,
                    "{marks:?} {from}"
                );
            }
        }
    }

    #[test]
    fn titles_held_agrees_with_a_naive_version() {
        const WORDS: &[&str] = &[
            "senator",
            "former",
            "vice",
            "president",
            "of",
            "from",
            "for",
            "at",
            "in",
            "deputy",
            "foreign",
            "minister",
            "then",
            "governor",
            "florida",
            "co",
            "chair",
        ];
        const GAPS: &[&str] = &[" ", " ", " ", "  ", "\t", "\n "];
        let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
        let mut joined = String::new();
        for _ in 0..5000 {
            let mut role = String::new();
            if rng.below(8) == 0 {
                role.push(' ');
            }
            for k in 0..1 + rng.below(10) {
                if k > 0 {
                    role.push_str(GAPS[rng.below(GAPS.len())]);
                }
                role.push_str(WORDS[rng.below(WORDS.len())]);
            }
            let mut got = Vec::new();
            titles_held(&role, &mut joined, |t, former| {
                got.push((t.to_owned(), former))
            });
            assert_eq!(got, naive_titles_held(&role), "{role:?}");
        }
    }

    #[test]
    fn a_name_before_a_final_comma_has_no_appositive() {
        // The comma is the last token: nothing follows it to read as a role.
        let analysis = crate::analyze("Yesterday in the city John Kowalski,").unwrap();
        assert!(analysis.actors.iter().all(|a| a.roles.is_empty()));
    }
}

#[cfg(test)]
mod role_tests {
    use super::{MAX_ROLES, Proto};
    use crate::model::ActorKind;
    use crate::testing::XorShift;
    use std::borrow::Cow;

    /// `Proto::add_role` as first written: every kept role searched both
    /// ways, with no test of byte pairs first.
    fn naive_add(roles: &mut Vec<(String, String)>, role: &str) {
        let role = role.trim();
        if role.is_empty() {
            return;
        }
        let lower = role.to_lowercase();
        if roles.iter().any(|(_, l)| l.contains(&lower)) {
            return;
        }
        roles.retain(|(_, l)| !lower.contains(l.as_str()));
        if roles.len() < MAX_ROLES {
            roles.push((role.to_owned(), lower));
        }
    }

    #[test]
    fn add_role_agrees_with_a_naive_version() {
        // Few letters, so that roles often hold one another.
        let letters = ['a', 'b', 'A', 'B', ' ', 'c', 'é', 'É'];
        let mut rng = XorShift(11);
        for _ in 0..200 {
            let mut proto = Proto::new("X", ActorKind::Person);
            let mut naive = Vec::new();
            for _ in 0..1 + rng.below(150) {
                let role: String = (0..rng.below(12))
                    .map(|_| letters[rng.below(letters.len())])
                    .collect();
                proto.add_role(Cow::Owned(role.clone()));
                naive_add(&mut naive, &role);
                let got: Vec<(&str, &str)> =
                    proto.roles.iter().map(|r| (&*r.text, &*r.lower)).collect();
                let want: Vec<(&str, &str)> = naive
                    .iter()
                    .map(|(t, l)| (t.as_str(), l.as_str()))
                    .collect();
                assert_eq!(got, want, "after {role:?}");
            }
        }
    }
}

#[cfg(test)]
mod name_key_tests {
    use super::{ActorData, GazExtra};
    use crate::testing::{XorShift, random_case};
    use crate::text::tokens::{Keys, tokenize_into};
    use crate::text::{Token, TokenKeys};

    /// Every ASCII token that the given names or the family names written
    /// first hold (the plain lookups, by its lowercased text) has a key in
    /// the matching bitset.
    #[test]
    fn name_keys_let_every_listed_name_through() {
        let data = ActorData::load(&GazExtra::default()).unwrap();
        let data = data.get();
        let mut words: Vec<&str> = data.gaz.given_names.keys().map(String::as_str).collect();
        words.extend(data.gaz.family_first.iter().map(String::as_str));
        words.sort_unstable();
        let text = random_case(&words, &mut XorShift(5), 2);
        let mut tokens: Vec<Token> = Vec::new();
        tokenize_into(&text, &mut tokens);
        let keys = TokenKeys::new(&text, &tokens);
        let (Keys::Folded(keys) | Keys::Exact(keys)) = keys.of_lower();
        let lower = text.to_ascii_lowercase();
        let mut found = 0;
        for (t, &key) in tokens.iter().zip(keys) {
            let low = &lower[t.start as usize..t.end() as usize];
            if !low.is_ascii() {
                continue;
            }
            if data.gaz.given_names.contains_key(low) {
                assert!(data.given_keys.contains(key), "{low:?}");
                found += 1;
            }
            if data.gaz.family_first.contains(low) {
                assert!(data.family_first_keys.contains(key), "{low:?}");
                found += 1;
            }
        }
        assert!(found > 100, "{found}");
    }
}

#[cfg(test)]
mod pronoun_key_tests {
    use super::ActorLexicon;
    use crate::testing::{XorShift, random_case};
    use crate::text::tokens::{Keys, tokenize_into};
    use crate::text::{Token, TokenKeys};

    /// Checks that every token `person_pronoun`, `org_word` or `is_english`
    /// accepts (the plain tests, by its lowercased text) has a key the
    /// matching `may_be_*_key` lets through, and returns how many there
    /// are.
    fn check(lex: &ActorLexicon, text: &str) -> usize {
        let mut tokens: Vec<Token> = Vec::new();
        tokenize_into(text, &mut tokens);
        let keys = TokenKeys::new(text, &tokens);
        let (Keys::Folded(keys) | Keys::Exact(keys)) = keys.of_lower();
        let lower = text.to_ascii_lowercase();
        let mut found = 0;
        for (t, &key) in tokens.iter().zip(keys) {
            let low = &lower[t.start as usize..t.end() as usize];
            if lex.person_pronoun(low).is_some() {
                assert!(lex.may_be_person_pronoun_key(key), "{low:?} in {text:?}");
                found += 1;
            }
            if lex.org_word(low).is_some() {
                assert!(lex.may_be_org_word_key(key), "{low:?}");
                found += 1;
            }
            if lex.is_english(low) {
                assert!(lex.may_be_english_key(key), "{low:?}");
                found += 1;
            }
            if super::is_speech(low) {
                assert!(lex.may_be_speech_key(key), "{low:?}");
                found += 1;
            }
            if crate::text::words::WORDS.function_word(low).is_some() {
                assert!(
                    crate::text::words::WORDS.may_be_function_key(key),
                    "{low:?}"
                );
                found += 1;
            }
        }
        found
    }

    #[test]
    fn word_keys_let_every_listed_word_through() {
        let lex = ActorLexicon::load().unwrap();
        let text = "He said him, his HIS Hers she SHE's her herself himself it they hi \
                    hex Hex he- shE\u{e9} hers.";
        assert!(check(&lex, text) >= 8);
        // Random words of the pronouns' letters, in random case.
        let letters = b"hHeEiImMsSrR";
        let mut rng = XorShift(7);
        let mut text = String::new();
        for _ in 0..20_000 {
            for _ in 0..1 + rng.below(4) {
                text.push(char::from(letters[rng.below(letters.len())]));
            }
            text.push(if rng.below(8) == 0 { '.' } else { ' ' });
        }
        assert!(check(&lex, &text) > 100);
        // The head words and the English words themselves, in random case.
        let mut words: Vec<&str> = lex.org_words.keys().copied().collect();
        let english: Vec<String> = lex.english.iter().collect();
        words.extend(english.iter().map(String::as_str));
        words.extend(super::SPEECH);
        words.extend(crate::text::words::function_word_list());
        assert!(super::SPEECH.iter().all(|w| super::is_speech(w)));
        words.sort_unstable();
        let text = random_case(&words, &mut rng, 3);
        assert!(check(&lex, &text) >= words.len());
    }
}
