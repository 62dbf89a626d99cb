//! Reading a trigger's arguments and modality on the token layer: clauses,
//! subjects, noun phrases, pronouns.

use super::lexicon::{Prep, Scope, Slot, Trigger};
use super::{CLAUSE_REACH, Hit, MentionRef, NONE, Reader};
use crate::model::{ActorKind, MentionForm, Modality};
use crate::text::TokenKind;
use crate::text::words::WordClass;
use std::borrow::Cow;

/// Forms of "be" (and "get") before a passive participle.
const BE: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "am", "get", "gets", "got", "getting",
];

/// Participles that do not end in -ed.
pub(super) const IRREGULAR_PARTICIPLES: &[&str] = &[
    "met",
    "held",
    "sent",
    "fought",
    "struck",
    "hit",
    "shot",
    "sought",
    "brought",
    "taken",
    "given",
    "beaten",
    "broken",
    "led",
    "paid",
    "cut",
    "thrown",
    "withdrawn",
    "overrun",
    "forgiven",
    "frozen",
    "slain",
    "stricken",
    "seen",
    "shown",
    "won",
    "sold",
    "bought",
    "told",
];

/// Participles that after "be" are adjectives, not passives: "is committed
/// to working with".
const ADJECTIVAL: &[&str] = &[
    "committed",
    "prepared",
    "opposed",
    "allied",
    "engaged",
    "concerned",
    "determined",
    "interested",
    "involved",
    "united",
    "divided",
    "pleased",
    "disappointed",
    "convinced",
    "supposed",
    "scheduled",
    "expected",
    "poised",
    "set",
    "used",
    "tied",
    "aligned",
    "linked",
];

/// Words that may stand inside a verb group besides auxiliaries and
/// adverbs: "China and Russia *both* signed".
const VERB_GROUP: &[&str] = &[
    "not", "both", "all", "each", "jointly", "also", "to", "no", "longer", "yet", "long",
];

/// Prepositions of a phrase whose noun trigger is the clause subject's own
/// event: "*after* talks with Xi, Putin said".
const SITUATING: &[&str] = &["in", "during", "at", "after", "before", "following", "amid"];

impl Reader<'_, '_> {
    /// A token that ends a clause: punctuation other than a comma, a
    /// quotation mark, a subordinator.
    pub(super) fn is_boundary(&self, k: usize) -> bool {
        // Not ".": inside a sentence it ends an abbreviation ("Mr.").
        match self.kind(k) {
            TokenKind::OpenQuote | TokenKind::CloseQuote | TokenKind::SingleQuote => true,
            TokenKind::Punct => matches!(
                self.tok(k),
                ";" | ":" | "(" | ")" | "—" | "–" | "--" | "?" | "!"
            ),
            TokenKind::Word => {
                self.lex
                    .subordinator_keys
                    .contains(self.doc.keys.folded()[k])
                    && self.lex.subordinators.get(self.key(k)).is_some()
            }
            _ => false,
        }
    }

    /// The first token of the clause holding token `h`: after the nearest
    /// boundary before it, the start of the statement content holding it,
    /// or the sentence start. Relative clauses before `h` are stepped over.
    pub(super) fn clause_start(&self, h: usize, s_start: usize) -> usize {
        self.clause_start_in(h, s_start, true)
    }

    /// As [`clause_start`](Self::clause_start), optionally ignoring the
    /// start of a statement's content.
    pub(super) fn clause_start_in(&self, h: usize, s_start: usize, content: bool) -> usize {
        let mut floor = s_start.max(h.saturating_sub(CLAUSE_REACH));
        if content && let Some((piece, _)) = self.piece(h) {
            floor = floor.max(piece);
        }
        let own = self.relative(h);
        let mut k = h;
        while k > floor {
            let t = k - 1;
            let rel = self.relative(t);
            if rel != NONE && rel != own {
                // Step over ", who ... ," to the comma before it.
                k = (rel as usize).saturating_sub(1).max(floor);
                continue;
            }
            if self.is_boundary(t) {
                return t + 1;
            }
            k = t;
        }
        floor
    }

    /// One past the last token a trigger's targets may be read from: the
    /// next boundary, relative clause or verb trigger, or the sentence end.
    pub(super) fn clause_end(&self, from: usize, s_end: usize, next_verb: usize) -> usize {
        let limit = s_end.min(from + CLAUSE_REACH).min(next_verb.max(from));
        let mut k = from;
        while k < limit {
            if self.is_boundary(k) || self.relative(k) as usize == k {
                return k;
            }
            // ", calling him ...", ", to address ...": a new phrase.
            if self.is_byte(k, b',')
                && k + 1 < limit
                && self.is_lower_word(k + 1)
                && (self.function(k + 1).is_none() || self.low(k + 1) == "to")
            {
                return k;
            }
            k += 1;
        }
        limit
    }

    /// The targets of a trigger in the slots of its line, and whether they
    /// came from "between X and Y".
    pub(super) fn targets(&self, h: &Hit, t: &Trigger, r: usize) -> (Vec<usize>, bool) {
        let last = self.low(h.end - 1);
        let head_prep = matches!(
            last,
            "with" | "on" | "against" | "to" | "for" | "at" | "from" | "of" | "upon"
        );
        // "plot to assassinate X" takes an object as a verb does.
        let head_verb = h.end >= h.first + 2 && self.low(h.end - 2) == "to";
        for slot in &t.targets {
            match *slot {
                Slot::Obj => {
                    if h.nominal && !head_prep && !head_verb {
                        continue;
                    }
                    // After the head ("threatened China with tariffs") or
                    // after the companion ("threatened to attack Israel").
                    let mut found = self.noun_phrase(h.end, r);
                    if found.is_empty() && h.span_end > h.end {
                        found = self.noun_phrase(h.span_end, r);
                    }
                    if !found.is_empty() {
                        return (found, false);
                    }
                }
                Slot::Prep(p) => {
                    if head_prep && last == p.word() {
                        let found = self.noun_phrase(h.end, r);
                        if !found.is_empty() {
                            return (found, p == Prep::Between);
                        }
                    }
                    // A noun's preposition follows it closely; a verb's may
                    // come after its object.
                    let stop = if h.nominal { r.min(h.span_end + 4) } else { r };
                    let mut k = h.end;
                    while k < stop {
                        if self.is_byte(k, b',') {
                            // A verb's target may follow an apposition
                            // (", a dialogue mechanism established in 2005,
                            // with X"); anything else after a comma is
                            // another phrase (", some of Clinton's backers").
                            let close = (k + 1..stop.min(k + 10)).find(|&j| self.is_byte(j, b','));
                            match close {
                                Some(j) if !h.nominal => {
                                    k = j + 1;
                                    continue;
                                }
                                _ => break,
                            }
                        }
                        if self.low(k) == p.word() {
                            let found = self.noun_phrase(k + 1, r);
                            if !found.is_empty() && (p != Prep::Between || found.len() >= 2) {
                                // "between X and Y", "normalization of X-Y relations"
                                let pair =
                                    p == Prep::Between || (p == Prep::Of && found.len() >= 2);
                                return (found, pair);
                            }
                        }
                        k += 1;
                    }
                }
            }
        }
        (Vec::new(), false)
    }

    /// The actors a noun phrase starting at `start` names: its head actor
    /// after determiners, adjectives and titles ("the annual bilateral",
    /// "citizens of"), and the actors coordinated with it.
    pub(super) fn noun_phrase(&self, start: usize, limit: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut k = start;
        let mut words = 0;
        loop {
            if k >= limit {
                return out;
            }
            let determiner = matches!(self.low(k), "his" | "her" | "its" | "their" | "our" | "my");
            if !determiner && let Some(m) = self.mention_starting(k).or_else(|| self.mention(k)) {
                // A hyphenated pair names two parties: "US-Russian relations".
                if m.end + 1 < limit
                    && self.tok(m.end) == "-"
                    && let Some(m2) = self.mention_starting(m.end + 1)
                {
                    out.push(m.actor);
                    out.push(m2.actor);
                    return out;
                }
                match self.head_of(m, limit) {
                    (Some(a), next) => {
                        out.push(a);
                        k = next;
                        break;
                    }
                    // "his South Korean counterpart, Park Min-seo": the
                    // person in apposition.
                    (None, next) => {
                        out.extend(self.apposed(next, limit));
                        return out;
                    }
                }
            }
            let w = self.low(k);
            // "praised X for affirming Y's role": a verb, not a noun phrase.
            if k == start
                && self.is_lower_word(k)
                && w.ends_with("ing")
                && self.function(k).is_none()
            {
                return out;
            }
            if matches!(w, "us" | "me") {
                if let Some(a) = self.speaker_at(k) {
                    out.push(a);
                }
                return out;
            }
            if words > 0
                && let Some(len) = self.lex.link.starting_at(k, limit, self.doc)
            {
                k += len;
                continue;
            }
            // "responsibility for the rocket attack on Israel"
            if words > 0
                && (self.raw)
                    .binary_search_by_key(&(k - 1), |m| m.end - 1)
                    .is_ok()
                && self.is_any(k, &["on", "against", "at"])
            {
                k += 1;
                continue;
            }
            let skip = match self.function(k) {
                // "allegations that Russia ...": a clause, not a determiner.
                Some(WordClass::Det) => k == start || !self.is_any(k, &["that", "which", "what"]),
                Some(_) => false,
                None => match self.kind(k) {
                    TokenKind::Number | TokenKind::Possessive => true,
                    TokenKind::Punct => matches!(self.tok(k), "$" | "%" | "-" | "€" | "£"),
                    TokenKind::Word => {
                        words += 1;
                        words <= 3
                    }
                    _ => false,
                },
            };
            if !skip {
                // "his counterpart, Park Min-seo".
                if words > 0 {
                    out.extend(self.apposed(k, limit));
                }
                return out;
            }
            k += 1;
        }
        // Coordination: "and Y", ", and Y", "or Y", and ", Y" in a list that
        // ends with "and": "X, Y" alone is an apposition, not two parties.
        let mut pending = Vec::new();
        while k < limit {
            let mut j = k;
            let comma = self.is_byte(j, b',');
            if comma {
                j += 1;
            }
            let conj = j < limit && self.is_any(j, &["and", "or", "&"]);
            if conj {
                j += 1;
            }
            if !(comma || conj) {
                break;
            }
            while j < limit && self.function(j) == Some(WordClass::Det) {
                j += 1;
            }
            let Some(m) = (j < limit).then(|| self.mention_starting(j)).flatten() else {
                break;
            };
            match self.head_of(m, limit) {
                (Some(a), next) => {
                    pending.push(a);
                    k = next;
                    if conj {
                        out.append(&mut pending);
                    }
                }
                (None, _) => break,
            }
        }
        out
    }

    /// The most specific actor of the noun phrase whose first mention is
    /// `m`, and the token after it: "Russian Security Council Secretary
    /// Nikolai Patrushev" is Patrushev, "Xi's aide Yang" is Yang, "Russian
    /// forces" is Russia, "Russian technology" is no one.
    fn head_of(&self, m: MentionRef, limit: usize) -> (Option<usize>, usize) {
        let mut cur = m;
        for _ in 0..4 {
            let mut j = cur.end;
            let possessive = j < limit && self.kind(j) == TokenKind::Possessive;
            let garbled = !possessive && self.garbled_possessive(cur);
            if possessive {
                j += 1;
            }
            // Titles and words up to the next name: "Secretary", "'s aide".
            let mut q = j;
            let reach = if possessive || garbled { 4 } else { 3 };
            while q < limit && q < j + reach && self.mention(q).is_none() {
                let cap_title = self.doc.tokens[q].is_cap_word() && self.function(q).is_none();
                let word = possessive && self.is_lower_word(q) && self.function(q).is_none();
                if !(cap_title || word) {
                    break;
                }
                q += 1;
            }
            if q < limit
                && let Some(next) = self.mention_starting(q)
                && self.actors[next.actor].kind == ActorKind::Person
            {
                cur = next;
                continue;
            }
            // "X's, the main assistant, Y": an apposition names the head.
            if garbled && let Some(next) = self.apposition(cur.end, limit) {
                cur = next;
                continue;
            }
            // A name modifying a noun for other people is not the phrase's
            // actor: "Bernie supporters", "Clinton's critics".
            if j < limit && self.lex.others.starting_at(j, limit, self.doc).is_some() {
                return (None, j);
            }
            if self.is_adjective(cur) {
                if let Some(len) = self.lex.agent.starting_at(j, limit, self.doc) {
                    return (Some(cur.actor), j + len);
                }
                // "Russian technology", "Muslim-American family": weak.
                let compound = cur.first > 0 && self.tok(cur.first - 1) == "-";
                if compound || (j < limit && (self.doc.tokens[j].is_word() || self.tok(j) == "-")) {
                    return (None, j);
                }
            }
            return (Some(cur.actor), j);
        }
        (Some(cur.actor), cur.end)
    }

    /// The person in apposition to a role noun that ends at or a few words
    /// before token `k`: "(his counterpart)`, Park Min-seo,`".
    fn apposed(&self, k: usize, limit: usize) -> Option<usize> {
        let mut j = k;
        while j < limit && j < k + 3 && self.is_lower_word(j) && self.function(j).is_none() {
            j += 1;
        }
        let m = self.apposition(j, limit)?;
        // The apposition is closed: ", Park Min-seo," or ", Park Min-seo."
        let end = m.end;
        (end >= limit || matches!(self.tok(end), "," | "." | ";" | "for" | "in" | "on" | "at"))
            .then_some(m.actor)
    }

    /// A person named in an apposition right after token `from`: ", the
    /// main diplomatic assistant, Yang Jiechi".
    fn apposition(&self, from: usize, limit: usize) -> Option<MentionRef> {
        if from >= limit || self.tok(from) != "," {
            return None;
        }
        let mut k = from + 1;
        while k < limit && k < from + 9 {
            if let Some(m) = self.mention_starting(k) {
                return (self.actors[m.actor].kind == ActorKind::Person).then_some(m);
            }
            if !(self.doc.tokens[k].is_word() || self.is_byte(k, b',')) {
                return None;
            }
            k += 1;
        }
        None
    }

    /// A name mention with a possessive "s" glued on ("Xi Jinpings"), as
    /// machine translation writes "Xi Jinping's".
    fn garbled_possessive(&self, m: MentionRef) -> bool {
        let actor = &self.actors[m.actor];
        let text = self.span_lower(m.first, m.end);
        if actor.kind != ActorKind::Person || text.len() <= 1 || !text.ends_with('s') {
            return false;
        }
        let stem = &text[..text.len() - 1];
        // Most names are ASCII: compared byte by byte, with no lowercase
        // copy.
        if actor.name.is_ascii() {
            let name = actor.name.as_bytes();
            return !name.last().is_some_and(|b| b.eq_ignore_ascii_case(&b's'))
                && name.len() >= stem.len()
                && name[name.len() - stem.len()..].eq_ignore_ascii_case(stem.as_bytes());
        }
        let name = actor.name.to_lowercase();
        !name.ends_with('s') && name.ends_with(stem)
    }

    fn span_lower(&self, first: usize, end: usize) -> &str {
        let (s, e) = (
            self.doc.tokens[first].start as usize,
            self.doc.tokens[end - 1].end() as usize,
        );
        &self.doc.lower[s..e]
    }

    /// Whether a mention is a state's adjective or demonym ("Russian").
    fn is_adjective(&self, m: MentionRef) -> bool {
        let actor = &self.actors[m.actor];
        if actor.kind != ActorKind::Country {
            return false;
        }
        if m.form != MentionForm::Alias {
            return false;
        }
        let text = self.span_lower(m.first, m.end);
        // A copy with straight apostrophes only where there is a curly one.
        if text.is_ascii() || !text.contains('’') {
            return self.lex.adjectives.contains(text);
        }
        self.lex.adjectives.contains(&text.replace('’', "'"))
    }

    /// The actors modifying a noun trigger: a possessive ("Russia's
    /// threats", "his visit"), a name or adjective ("US sanctions", "Israeli
    /// airstrikes"), a hyphenated pair ("the Biden-Putin summit"); and the
    /// first token of its noun phrase.
    pub(super) fn modifiers(&self, h: &Hit, l: usize, s_end: usize) -> (Vec<usize>, usize) {
        let mut mods = Vec::new();
        let mut k = h.first;
        let mut words = 0;
        while k > l {
            let p = k - 1;
            if let Some(m) = self.mention_ending(p) {
                if !mods.is_empty() {
                    break;
                }
                mods.push(m.actor);
                k = m.first;
                // "Biden-Putin", "US-Russian", "Russian-Chinese".
                if k >= l + 2
                    && self.tok(k - 1) == "-"
                    && let Some(m2) = self.mention_ending(k - 2)
                {
                    mods.push(m2.actor);
                    mods.reverse();
                    k = m2.first;
                }
                continue;
            }
            match self.kind(p) {
                TokenKind::Possessive => {
                    k = p;
                    continue;
                }
                TokenKind::Number => {
                    k = p;
                    continue;
                }
                // "a short-term normalization", "high-level talks"
                TokenKind::Punct
                    if self.tok(p) == "-"
                        && p > l
                        && self.doc.tokens[p - 1].is_word()
                        && self.mention(p - 1).is_none() =>
                {
                    k = p;
                    continue;
                }
                _ => {}
            }
            let w = self.low(p);
            if matches!(w, "his" | "her" | "its" | "their" | "our" | "my") {
                if mods.is_empty() {
                    mods = self.possessive_pronoun(p, h, l, s_end);
                }
                return (mods, p);
            }
            if self.function(p) == Some(WordClass::Det) {
                return (mods, p);
            }
            if !mods.is_empty() || self.lex.light.ending_at(k, self.doc).is_some() {
                break;
            }
            if self.is_lower_word(p) && self.function(p).is_none() && words < 3 {
                // An -ed word is an adjective only after a determiner or a
                // possessive ("Russia's unprovoked invasion").
                if w.ends_with("ed") || w.ends_with("ly") {
                    let before = p.checked_sub(1);
                    let ok = before.is_some_and(|b| {
                        self.kind(b) == TokenKind::Possessive
                            || self.function(b) == Some(WordClass::Det)
                    });
                    if !ok {
                        break;
                    }
                }
                words += 1;
                k = p;
                continue;
            }
            if self.doc.tokens[p].is_cap_word() && self.function(p).is_none() && words < 2 {
                // "the June 16 meeting", "Tuesday's talks".
                words += 1;
                k = p;
                continue;
            }
            break;
        }
        (mods, k)
    }

    /// The actor(s) a possessive pronoun before a noun trigger stands for.
    fn possessive_pronoun(&self, p: usize, h: &Hit, l: usize, s_end: usize) -> Vec<usize> {
        if let Some(m) = self.mention(p) {
            return vec![m.actor];
        }
        if self.is_any(p, &["our", "my"]) {
            return self.speaker_at(p).into_iter().collect();
        }
        // "During his visit, Yang ...": the subject after a fronted phrase.
        if self.fronted(p, l) {
            let main = self.main_subject_after(h.span_end, s_end);
            if !main.is_empty() {
                return main;
            }
        }
        self.resolve_pronoun(p)
    }

    /// Whether the phrase opening at `p` is the first thing in its clause
    /// (a fronted phrase: "In a telephone conversation ...").
    fn fronted(&self, p: usize, l: usize) -> bool {
        let mut k = l;
        while k < p {
            if self.is_any(k, SITUATING)
                || self.function(k) == Some(WordClass::Det)
                || matches!(self.function(k), Some(WordClass::Adv))
            {
                k += 1;
                continue;
            }
            return false;
        }
        true
    }

    /// The source of a noun trigger with no modifier: the subject of a
    /// light verb before it ("Putin held a video conference"), the main
    /// subject after a fronted phrase, the clause subject when the noun sits
    /// in a phrase situating the clause ("said so after talks with Xi").
    pub(super) fn nominal_subject(
        &self,
        h: &Hit,
        np_start: usize,
        l: usize,
        s_end: usize,
    ) -> Vec<usize> {
        // "the attack by Russia on Ukraine"
        if let Some(k) = (h.span_end..(h.span_end + 3).min(s_end)).find(|&k| self.low(k) == "by") {
            let agent = self.noun_phrase(k + 1, s_end.min(k + 8));
            if !agent.is_empty() {
                return agent;
            }
        }
        let s_start = self.sentence_range(h.sentence).0;
        if np_start > s_start
            && let Some(len) = self.lex.light.ending_at(np_start, self.doc)
        {
            let verb = np_start - len;
            if np_start > l {
                return self.subject(verb, l, s_start, h);
            }
            // The light verb is the cue of a statement whose content is the
            // noun phrase: "Japan announced assistance to Bangladesh".
            if np_start == l {
                let l = self.clause_start_in(verb, s_start, false);
                return self.subject(verb, l, s_start, h);
            }
        }
        if np_start <= l {
            return Vec::new();
        }
        let p = np_start - 1;
        // Only a mutual event situates the clause's subject in it: "after
        // talks with Xi, Putin said"; "shot during the assassination
        // attempt on Reagan" is not the subject's attempt.
        let symmetric = self.lex.triggers[h.entry as usize].symmetric;
        if symmetric && self.is_any(p, SITUATING) {
            if self.fronted(p, l) {
                return self.main_subject_after(h.span_end, s_end);
            }
            return self.clause_subject(l, p);
        }
        Vec::new()
    }

    /// The subject of the verb whose first token is `v`, in the clause
    /// starting at `l`.
    pub(super) fn subject(&self, v: usize, l: usize, s_start: usize, h: &Hit) -> Vec<usize> {
        let gerund = self.low(h.first).ends_with("ing");
        let mut k = v;
        // The verb group: auxiliaries, adverbs, negation, "plans to".
        while k > l {
            let t = k - 1;
            if self.mention(t).is_some() {
                break;
            }
            let w = self.low(t);
            let aux = matches!(self.function(t), Some(WordClass::Aux | WordClass::Adv))
                || w.ends_with("n't")
                || w.ends_with("n’t")
                || VERB_GROUP.contains(&w)
                || (self.is_lower_word(t) && w.len() > 4 && w.ends_with("ly"));
            let control = || {
                k < self.n()
                    && self.low(k) == "to"
                    && self.is_lower_word(t)
                    && self.function(t).is_none()
            };
            if aux || control() {
                k = t;
                continue;
            }
            break;
        }
        if k <= l {
            // The clause opens right here: "who", "which" or nothing.
            if l > s_start && self.is_any(l - 1, &["who", "which", "that"]) {
                return self.antecedent(l - 1);
            }
            return Vec::new();
        }
        let t = k - 1;
        if let Some(m) = self.mention_ending(t) {
            let controlled = m.end < self.n() && self.low(m.end) == "to";
            // The participle may be the cue of a content starting here.
            let before = l.saturating_sub(1).max(s_start);
            if self.in_phrase(m.first, l) || (!controlled && self.after_participle(m.first, before))
            {
                return Vec::new();
            }
            return self.coordination_left(m, l);
        }
        if self.kind(t) == TokenKind::Possessive {
            return t
                .checked_sub(1)
                .and_then(|p| self.mention_ending(p))
                .map(|m| vec![m.actor])
                .unwrap_or_default();
        }
        let w = self.low(t);
        match w {
            "he" | "she" | "it" | "they" | "we" | "i" => return self.resolve_pronoun(t),
            "who" | "which" | "that" => return self.antecedent(t),
            "and" | "but" | "or" => {
                let found = self.clause_subject(l, t);
                if found.is_empty() && self.piece_start(t) == l {
                    // A content holding the verb's partner: "mocked Trump's
                    // wedding and accused ..." has the cue's subject.
                    let outer = self.clause_start_in(t, s_start, false);
                    return self.clause_subject(outer, t);
                }
                return found;
            }
            "," => return self.subject_before_comma(t, l),
            _ => {}
        }
        if self.function(t) == Some(WordClass::Prep) {
            // "interest in working together": the clause's subject.
            return if gerund {
                self.clause_subject(l, t)
            } else {
                Vec::new()
            };
        }
        if self.doc.tokens[t].is_word()
            && let Some(found) = self.agent_subject(t, l)
        {
            return found;
        }
        if gerund && self.is_lower_word(t) {
            return self.clause_subject(l, t);
        }
        Vec::new()
    }

    /// Whether the mention starting at `first` is the object of an -ing
    /// participle ("hackers *backing* embattled President Bashar Assad
    /// hijacked").
    fn after_participle(&self, first: usize, l: usize) -> bool {
        let mut k = first;
        let mut steps = 0;
        while k > l && steps < 3 {
            let p = k - 1;
            let w = self.low(p);
            let participle = self.is_lower_word(p)
                && self.function(p).is_none()
                && w.len() > 4
                && w.ends_with("ing")
                && w != "during";
            if participle {
                return true;
            }
            let modifier = self.function(p) == Some(WordClass::Det)
                || (self.doc.tokens[p].is_cap_word() && self.mention(p).is_none())
                || (self.is_lower_word(p) && self.function(p).is_none());
            if !modifier {
                return false;
            }
            k = p;
            steps += 1;
        }
        false
    }

    /// Whether the mention starting at `first` sits in a prepositional
    /// phrase other than "of" ("talks with Russia", not "the president of
    /// Russia").
    fn in_phrase(&self, first: usize, l: usize) -> bool {
        let mut k = first;
        while k > l && self.function(k - 1) == Some(WordClass::Det) {
            k -= 1;
        }
        k > l && self.function(k - 1) == Some(WordClass::Prep) && !self.is_any(k - 1, &["of", "by"])
    }

    /// The subject named before an apposition or relative clause that ends
    /// at the comma `c`: "Yang, who was visiting Moscow ..., reiterated",
    /// "Zhu Feng, professor of ..., said".
    fn subject_before_comma(&self, c: usize, l: usize) -> Vec<usize> {
        // A chain of appositions ("Morton Blackwell, founder of the
        // Leadership Institute, ..., endorsed"): the name opening the clause.
        let mut q = l;
        while q < c && q < l + 6 && self.mention(q).is_none() {
            let ok = matches!(self.kind(q), TokenKind::Number)
                || self.tok(q) == "-"
                || self.function(q) == Some(WordClass::Det)
                || (self.doc.tokens[q].is_word() && self.function(q).is_none());
            if !ok {
                break;
            }
            q += 1;
        }
        if let Some(m) = self.mention_starting(q)
            && m.end < c
            && self.tok(m.end) == ","
        {
            return self.coordination_right(m, c).0;
        }
        let mut k = c;
        let floor = l.max(c.saturating_sub(25));
        while k > floor {
            k -= 1;
            if self.is_byte(k, b',') {
                if k > l
                    && let Some(m) = self.mention_ending(k - 1)
                {
                    return self.coordination_left(m, l);
                }
                return Vec::new();
            }
            if self.is_boundary(k) && self.relative(k) == NONE {
                return Vec::new();
            }
        }
        Vec::new()
    }

    /// A subject noun phrase ending in token `t` whose head is an agent noun
    /// ("Russian forces", "China's foreign minister", "the Trump campaign"):
    /// the actor modifying it.
    fn agent_subject(&self, t: usize, l: usize) -> Option<Vec<usize>> {
        let len = self.lex.agent.ending_at(t + 1, self.doc)?;
        let mut k = t + 1 - len;
        let mut steps = 0;
        while k > l && steps < 4 {
            let p = k - 1;
            if let Some(m) = self.mention_ending(p) {
                return Some(vec![m.actor]);
            }
            if self.kind(p) == TokenKind::Possessive
                || (self.doc.tokens[p].is_word() && self.function(p).is_none())
            {
                k = p;
                steps += 1;
                continue;
            }
            break;
        }
        None
    }

    /// The mention `m` and the actors coordinated before it ("China and
    /// Russia", "Russia, China and Iran", "he and Xi"), in text order. The
    /// coordination must open the clause (or follow a comma or a reporting
    /// verb): in "Putin met Xi and Biden attacked ...", Xi is not a subject.
    fn coordination_left(&self, m: MentionRef, l: usize) -> Vec<usize> {
        let mut parties = vec![m.actor];
        let mut start = m.first;
        loop {
            let mut j = start;
            if j > l && self.is_any(j - 1, &["and", "or", "nor", "&"]) {
                j -= 1;
                if j > l && self.is_byte(j - 1, b',') {
                    j -= 1;
                }
            } else if j > l && self.is_byte(j - 1, b',') && parties.len() > 1 {
                j -= 1;
            } else {
                break;
            }
            let Some(prev) = j.checked_sub(1).and_then(|p| self.mention_ending(p)) else {
                break;
            };
            if j <= l {
                break;
            }
            parties.push(prev.actor);
            start = prev.first;
            while start > l && self.is_any(start - 1, &["the", "both", "neither", "either"]) {
                start -= 1;
            }
        }
        if parties.len() > 1 {
            let opens = start <= l
                || matches!(self.tok(start - 1), "," | ":")
                || self.is_boundary(start - 1)
                || self.lex.speech.contains(self.low(start - 1));
            if !opens {
                parties.truncate(1);
            }
        }
        parties.reverse();
        parties
    }

    /// The actors coordinated from the mention `m` rightwards ("X and Y",
    /// "X, Y and Z"; "X, Y" is an apposition), and one past the last one.
    fn coordination_right(&self, m: MentionRef, limit: usize) -> (Vec<usize>, usize) {
        let mut parties = vec![m.actor];
        let mut end = m.end;
        let mut pending = Vec::new();
        let mut k = m.end;
        while k < limit {
            let mut j = k;
            let comma = self.is_byte(j, b',');
            if comma {
                j += 1;
            }
            let conj = j < limit && self.is_any(j, &["and", "or", "nor", "&"]);
            if conj {
                j += 1;
            }
            if !(comma || conj) || j >= limit {
                break;
            }
            match self.mention_starting(j) {
                Some(next) => {
                    pending.push(next.actor);
                    k = next.end;
                    if conj {
                        parties.append(&mut pending);
                        end = k;
                    }
                }
                None => break,
            }
        }
        (parties, end)
    }

    /// The subject of the clause starting at `l` (before `limit`): its first
    /// noun phrase, after a fronted phrase ("In April, ...") if any.
    pub(super) fn clause_subject(&self, l: usize, limit: usize) -> Vec<usize> {
        if l >= limit {
            return Vec::new();
        }
        let opener = matches!(
            self.function(l),
            Some(WordClass::Prep | WordClass::Conj | WordClass::Adv)
        ) || (self.mention(l).is_none() && self.low(l).ends_with("ing"));
        if opener {
            return self.main_subject_after(l, limit);
        }
        let mut q = l;
        while q < limit && self.function(q) == Some(WordClass::Det) {
            q += 1;
        }
        if q >= limit {
            return Vec::new();
        }
        if let Some(m) = self.mention_starting(q) {
            return self.coordination_right(m, limit).0;
        }
        // Not "it": "It became apparent ..." names no one.
        if self.is_any(q, &["he", "she", "they", "we", "i"]) {
            return self.resolve_pronoun(q);
        }
        Vec::new()
    }

    /// The main subject after a fronted phrase starting at or after `from`:
    /// the first name (or pronoun) after a comma that a verb follows.
    pub(super) fn main_subject_after(&self, from: usize, limit: usize) -> Vec<usize> {
        let mut k = from;
        while k < limit {
            if self.is_byte(k, b',') {
                let mut q = k + 1;
                while q < limit && self.function(q) == Some(WordClass::Det) {
                    q += 1;
                }
                if q >= limit {
                    return Vec::new();
                }
                if let Some(m) = self.mention_starting(q) {
                    // A title and name may follow: "Secretary Nikolai Patrushev".
                    let (parties, end) = self.coordination_right(m, limit);
                    if end < limit && self.verbish(end) {
                        return parties;
                    }
                } else if self.is_any(q, &["he", "she", "it", "they", "we", "i"])
                    && q + 1 < limit
                    && self.verbish(q + 1)
                {
                    return self.resolve_pronoun(q);
                }
            }
            if self.is_boundary(k) {
                return Vec::new();
            }
            k += 1;
        }
        Vec::new()
    }

    /// A token that may begin a verb group: a lowercase word that is not a
    /// determiner, preposition or conjunction.
    fn verbish(&self, k: usize) -> bool {
        self.is_lower_word(k)
            && !matches!(
                self.function(k),
                Some(WordClass::Det | WordClass::Prep | WordClass::Conj | WordClass::Pron)
            )
    }

    /// The actor a relative pronoun at `t` refers to: the name before it.
    fn antecedent(&self, t: usize) -> Vec<usize> {
        let mut k = t;
        if k > 0 && self.is_byte(k - 1, b',') {
            k -= 1;
        }
        k.checked_sub(1)
            .and_then(|p| self.mention_ending(p))
            .map(|m| vec![m.actor])
            .unwrap_or_default()
    }

    /// The speaker of the statement whose content holds token `k`.
    fn speaker_at(&self, k: usize) -> Option<usize> {
        self.piece(k).and_then(|(_, s)| self.speakers[s])
    }

    /// The actor(s) a pronoun at `t` stands for: its own mention if the
    /// actor stage resolved it; the statement's speaker for "we" and "I";
    /// else the nearest earlier subject of a fitting kind in the sentence
    /// or the one before.
    pub(super) fn resolve_pronoun(&self, t: usize) -> Vec<usize> {
        if let Some(m) = self.mention(t) {
            return vec![m.actor];
        }
        let w = self.low(t);
        let person = match w {
            "we" | "i" | "us" | "me" | "our" | "my" => {
                return self.speaker_at(t).into_iter().collect();
            }
            "he" | "she" | "him" | "his" | "her" => true,
            "it" | "its" | "they" | "them" | "their" => false,
            _ => return Vec::new(),
        };
        let plural = matches!(w, "they" | "them" | "their");
        let s = self.doc.sentence_of(t).unwrap_or(0);
        // "they" reaches back in its sentence only: across sentences it
        // stands as often for people who are no actor ("Others were ...").
        let back = if plural { s } else { s.saturating_sub(1) };
        let floor = self.sentence_range(back).0.max(t.saturating_sub(80));
        let mut k = t;
        while k > floor {
            k -= 1;
            let Some(m) = self.mention_ending(k) else {
                continue;
            };
            let kind = self.actors[m.actor].kind;
            let fits = if person {
                kind == ActorKind::Person
            } else {
                kind != ActorKind::Person || plural
            };
            if !fits {
                k = m.first;
                continue;
            }
            let ms = self.doc.sentence_of(m.first).unwrap_or(0);
            let l = self.sentence_range(ms).0;
            if self.in_phrase(m.first, l) {
                k = m.first;
                continue;
            }
            if plural {
                return self.coordination_left(m, l);
            }
            return vec![m.actor];
        }
        Vec::new()
    }

    /// Whether a verb trigger is passive: a participle after "be".
    pub(super) fn is_passive(&self, h: &Hit) -> bool {
        let w = self.low(h.first);
        if !(w.ends_with("ed") || IRREGULAR_PARTICIPLES.contains(&w)) || ADJECTIVAL.contains(&w) {
            return false;
        }
        let mut k = h.first;
        while k > 0 {
            let t = k - 1;
            let x = self.low(t);
            if BE.contains(&x) {
                return true;
            }
            if matches!(self.function(t), Some(WordClass::Adv)) || x.ends_with("ly") {
                k = t;
                continue;
            }
            return false;
        }
        false
    }

    /// The agent of a passive: "by X" after the trigger.
    pub(super) fn agent(&self, from: usize, r: usize) -> Vec<usize> {
        (from..r)
            .find(|&k| self.low(k) == "by")
            .map(|k| self.noun_phrase(k + 1, r))
            .unwrap_or_default()
    }

    /// The lowercase text of token `k` with curly apostrophes made straight.
    fn norm(&self, k: usize) -> Cow<'_, str> {
        let w = self.low(k);
        // Most words are ASCII: a word-at-a-time test, not a search.
        if !w.is_ascii() && w.contains('’') {
            Cow::Owned(w.replace('’', "'"))
        } else {
            Cow::Borrowed(w)
        }
    }

    /// The modality cues ending at token `end - 1`: (modality, scope, first
    /// token).
    fn cues_ending(&self, end: usize, out: &mut Vec<(Modality, Scope, usize)>) {
        let last = end - 1;
        let w = self.norm(last);
        // "whether or not": no negation.
        if w == "not" && last > 0 && self.low(last - 1) == "or" {
            return;
        }
        if w.ends_with("n't") || w == "cannot" {
            out.push((Modality::Negated, Scope::Clause, last));
        } else if w.ends_with("'ll") {
            out.push((Modality::Hypothetical, Scope::Clause, last));
        }
        let Some(cues) = self.lex.modality.get(w.as_ref()) else {
            return;
        };
        // Many cues share a last word ("to"): the word before it is
        // compared first, read once for all.
        let prev = last.checked_sub(1).map(|p| self.norm(p));
        for cue in cues {
            let n = cue.words.len();
            if n > end || (n >= 2 && prev.as_deref() != Some(cue.words[n - 2].as_str())) {
                continue;
            }
            let first = end - n;
            if cue
                .words
                .iter()
                .enumerate()
                .all(|(i, x)| self.norm(first + i) == x.as_str())
            {
                out.push((cue.modality, cue.scope, first));
            }
        }
    }

    /// The modality of a trigger from the cues before it in its clause.
    pub(super) fn modality(&self, h: &Hit, l: usize, np_start: usize, s_start: usize) -> Modality {
        let mut found = Vec::new();
        let own = self.relative(h.first);
        // The clause, with the subordinator that opens it ("if"), or the
        // cue whose content it is ("urged Japan to").
        let back = if self.piece_start(h.first) == l { 3 } else { 1 };
        let from = l
            .saturating_sub(back)
            .max(s_start)
            .max(h.first.saturating_sub(12));
        let near_from = np_start.saturating_sub(2).max(from);
        // For each token of the window, the next comma at or after it: a
        // cue with a comma between it and the trigger governs another phrase.
        // (The window is at most twelve tokens: a fixed array.)
        let mut comma_after = [usize::MAX; 16];
        let mut next = usize::MAX;
        for k in (from..h.first).rev() {
            if self.is_byte(k, b',') {
                next = k;
            }
            if let Some(slot) = comma_after.get_mut(k - from) {
                *slot = next;
            }
        }
        // A noun trigger takes the clause's cues only as the object of a
        // light verb or in a phrase of the clause ("will not hold a summit",
        // "merciless in his attacks"), not as the object of another verb
        // ("for not condemning Trump's attacks").
        let clause_cues = !h.nominal
            || np_start <= l
            || self.lex.light.ending_at(np_start, self.doc).is_some()
            || self.function(np_start - 1) == Some(WordClass::Prep);
        let mut negated = false;
        let mut hypothetical = false;
        let mut apply = |m: Modality| match m {
            Modality::Negated => negated = true,
            _ => hypothetical = true,
        };
        for end in from + 1..=h.first {
            let rel = self.relative(end - 1);
            if rel != NONE && rel != own {
                continue;
            }
            found.clear();
            self.cues_ending(end, &mut found);
            for &(m, scope, first) in &found {
                let ok = match scope {
                    Scope::Clause | Scope::That => {
                        clause_cues
                            && first >= from
                            && comma_after
                                .get(end - 1 - from)
                                .copied()
                                .unwrap_or(usize::MAX)
                                > h.first
                    }
                    Scope::Near => first >= near_from,
                };
                if ok {
                    apply(m);
                }
            }
        }
        // Near cues inside the trigger: "held no talks".
        for end in h.end + 1..=h.span_end {
            found.clear();
            self.cues_ending(end, &mut found);
            for &(m, scope, _) in &found {
                if scope == Scope::Near {
                    apply(m);
                }
            }
        }
        // A cue governing the clause: "denied that", "it is possible that".
        if l > s_start + 1 {
            for end in [l, l - 1] {
                if end < l && !self.is_any(l - 1, &["that", "whether"]) {
                    continue;
                }
                found.clear();
                self.cues_ending(end, &mut found);
                for &(m, scope, _) in &found {
                    if scope == Scope::That {
                        apply(m);
                    }
                }
            }
        }
        if negated {
            Modality::Negated
        } else if hypothetical {
            Modality::Hypothetical
        } else {
            Modality::Asserted
        }
    }
}
