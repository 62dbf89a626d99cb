//! Speakers: sources resolved to actors, channels, and the statements.

use super::*;

impl Reader<'_, '_> {
    /// Settles the drafts against each other: speakers of pronoun sources,
    /// channels, and first-person speech nested in another content. Returns
    /// them with the pronoun mentions to move between actors where the
    /// speaker changes (see `move_pronouns`).
    pub(super) fn settle(&self, mut drafts: Vec<Draft>, actors: &[Actor]) -> (Vec<Draft>, Moves) {
        let mut moves: Moves = Vec::new();
        let mut last_speaker: Option<(usize, usize)> = None; // (actor, sentence)
        // Each actor's gender as its pronouns show it, read once and only
        // for the actors a pronoun may turn to.
        // (Sized on the first pronoun that needs one: most texts have none.)
        let mut genders: Vec<Option<(bool, bool)>> = Vec::new();
        for d in &mut drafts {
            let sentence = self.doc.sentence_of(d.cue().0).unwrap_or(0);
            // "who said": the actor named before ", who".
            if let Some((a, _)) = d.source()
                && self.is_any(a, &["who", "which"])
                && a >= 2
                && self.text_of(a - 1) == b","
                && self.notes[a - 2].actor != NONE
            {
                d.speaker = Some(self.notes[a - 2].actor);
            }
            // A pronoun source of a quotation prefers the previous speaker.
            if let Some((a, b)) = d.source()
                && b == a + 1
                && self.is_pronoun(a)
                && (d.direct || (d.first_person && d.content.1 <= d.cue.0))
                && let Some((prev, prev_sentence)) = last_speaker
                && sentence.saturating_sub(prev_sentence) <= 6
                && actors[prev].kind == ActorKind::Person
                && d.speaker() != Some(prev)
                && self.pronoun_fits(a, gender_of(&mut genders, actors, prev))
            {
                // Quoted speech after a quotation continues its speaker more
                // often than it turns to the person mentioned last.
                {
                    let span = self.span(a, b);
                    let span = (span.start as u32, span.end as u32);
                    moves.push((d.speaker.unwrap_or(NONE), prev as u32, span));
                    d.speaker = Some(prev as u32);
                }
            }
            // "according to X" beside another cue in the sentence: a channel.
            if d.speaker.is_some() {
                last_speaker = d.speaker().map(|s| (s, sentence));
            }
        }
        // Channels: in "Yang said, according to Xinhua" Yang's statement
        // came through Xinhua, whose report holds it: the first statement
        // of the sentence that is not a channel (see `first_other`).
        let mut memo = FirstOther::default();
        for i in 0..drafts.len() {
            if !self.is_channel(&drafts[i]) {
                continue;
            }
            let other = self.first_other(&drafts, i, &mut memo);
            let channel = drafts[i].speaker;
            if let Some(j) = other {
                if drafts[j].via.is_none() {
                    drafts[j].via = channel;
                }
                // The other statement's content stops before the channel.
                let cut = drafts[i].cue.0;
                let c = &mut drafts[j].content;
                if c.0 < cut && cut < c.1 {
                    c.1 = cut;
                    while c.1 > c.0 && matches!(self.text_of(c.1 as usize - 1), b"," | b";") {
                        c.1 -= 1;
                    }
                }
            }
        }
        // Speech in the first person inside another statement's content is
        // part of that content ("I hope ... . I would also like ..., he
        // said"), not a statement of its own. Contents sorted by start with
        // their running furthest end make "inside some content" a search;
        // they are gathered only when such a source is there.
        let first_person = |d: &Draft| {
            d.source()
                .is_some_and(|(a, b)| b == a + 1 && self.is_any(a, &["i", "we"]))
        };
        if !drafts.iter().any(first_person) {
            return (drafts, moves);
        }
        let mut contents: Vec<(u32, u32)> =
            Vec::with_capacity(drafts.iter().map(|d| 1 + d.more.len()).sum());
        for d in &drafts {
            contents.push(d.content);
            contents.extend_from_slice(&d.more);
        }
        // The drafts are in text order, so their contents nearly are.
        contents.sort();
        let mut reach = 0;
        for c in &mut contents {
            reach = reach.max(c.1);
            c.1 = reach;
        }
        drafts.retain(|d| {
            let inside = || {
                let i = contents.partition_point(|c| c.0 <= d.cue.0);
                i > 0 && contents[i - 1].1 >= d.cue.1
            };
            !(first_person(d) && inside())
        });
        (drafts, moves)
    }

    /// Whether a draft is a channel's: "according to X".
    pub(super) fn is_channel(&self, d: &Draft) -> bool {
        self.lex.entries[d.entry as usize].channel
    }

    /// The first of `drafts` (in order of their cues) that is no channel's
    /// and whose cue is in the sentence of the cue of draft `i`. A
    /// sentence's drafts stand together, found by bisection; `memo` keeps
    /// the answer for the sentence asked last and for cues outside every
    /// sentence (a header), so that channels asking in turn take one pass
    /// over the drafts, however many of them share a sentence.
    pub(super) fn first_other(
        &self,
        drafts: &[Draft],
        i: usize,
        memo: &mut FirstOther,
    ) -> Option<usize> {
        let other_in = |(a, b): (usize, usize)| {
            let from = drafts.partition_point(|d| d.cue().0 < a);
            (from..drafts.len())
                .take_while(|&j| drafts[j].cue().0 < b)
                .find(|&j| !self.is_channel(&drafts[j]))
        };
        match self.doc.sentence_of(drafts[i].cue().0) {
            Some(s) => match memo.sentence {
                Some((asked, answer)) if asked == s => answer,
                _ => {
                    let answer = other_in(self.sentence_tokens(s));
                    memo.sentence = Some((s, answer));
                    answer
                }
            },
            None => *memo.outside.get_or_insert_with(|| {
                drafts
                    .iter()
                    .position(|d| !self.is_channel(d) && self.doc.sentence_of(d.cue().0).is_none())
            }),
        }
    }

    /// The actor a source names: the person or group at its head (its last
    /// mention), else any actor in it.
    pub(super) fn speaker_of(&self, first: usize, end: usize) -> Option<usize> {
        let mut best = None;
        for k in (first..end).rev() {
            let a = self.notes[k].actor;
            if a != NONE {
                let a = a as usize;
                if self.actors[a].kind == ActorKind::Person {
                    return Some(a);
                }
                best.get_or_insert(a);
            }
        }
        best
    }

    /// Whether the pronoun at `i` can refer to an actor whose own pronouns
    /// show it `(female, male)`.
    pub(super) fn pronoun_fits(&self, i: usize, (female, male): (bool, bool)) -> bool {
        match self.low(i) {
            "he" => !female,
            "she" => !male,
            _ => false,
        }
    }
}

/// The answers of `Reader::first_other` kept for the next channel: the
/// sentence asked last with its answer, and the answer outside every
/// sentence. The answers depend on the drafts' cues and entries only,
/// which settling does not change.
#[derive(Default)]
pub(super) struct FirstOther {
    sentence: Option<(usize, Option<usize>)>,
    outside: Option<Option<usize>>,
}

/// Pronoun mentions to move: (from actor or `NONE` for none, to actor, the
/// pronoun's byte span). In `u32`, as the drafts: a long text of quotations
/// has a move for nearly every one.
pub(super) type Moves = Vec<(u32, u32, (u32, u32))>;

/// Moves the pronoun mentions of `moves` to their speakers in `actors`:
/// each actor's list is rebuilt once.
pub(super) fn move_pronouns(text: &str, moves: Moves, actors: &mut [Actor]) {
    let mut removed: WordMap<usize, WordSet<Span>> = WordMap::default();
    let mut added: WordMap<usize, Vec<Mention>> = WordMap::default();
    for (from, to, (start, end)) in moves {
        let span = Span::new(start as usize, end as usize);
        if from != NONE {
            removed.entry(from as usize).or_default().insert(span);
        }
        added
            .entry(to as usize)
            .or_default()
            .push(Mention::new(text, span, MentionForm::Pronoun));
    }
    for (a, spans) in &removed {
        actors[*a].mentions.retain(|m| !spans.contains(&m.span()));
    }
    for (a, mut list) in added {
        let mentions = &mut actors[a].mentions;
        mentions.append(&mut list);
        mentions.sort_by_key(|m| (m.start, m.end));
        mentions.dedup_by_key(|m| (m.start, m.end));
    }
}

/// The gender of actor `a` as its pronouns show it (see
/// `pronoun_genders`), read once into `genders`.
fn gender_of(genders: &mut Vec<Option<(bool, bool)>>, actors: &[Actor], a: usize) -> (bool, bool) {
    if genders.is_empty() {
        genders.resize(actors.len(), None);
    }
    *genders[a].get_or_insert_with(|| pronoun_genders(&actors[a]))
}

/// Whether an actor's pronoun mentions show it female, male: "she", "her"
/// or "he", "his".
fn pronoun_genders(actor: &Actor) -> (bool, bool) {
    let (mut female, mut male) = (false, false);
    for m in actor
        .mentions
        .iter()
        .filter(|m| m.form == MentionForm::Pronoun)
    {
        let is = |words: &[&str]| {
            if m.text.is_ascii() {
                words.iter().any(|w| m.text.eq_ignore_ascii_case(w))
            } else {
                words.contains(&m.text.to_lowercase().as_str())
            }
        };
        female |= is(&["she", "her", "hers", "herself"]);
        male |= is(&["he", "him", "his", "himself"]);
    }
    (female, male)
}

/// Settled drafts as statements found, in text order of their cues: byte
/// spans and actor indices, their texts not yet built.
pub(super) fn found(doc: &Doc<'_>, mut drafts: Vec<Draft>, actors: &[Actor]) -> Vec<Said> {
    let span = |(first, end): (u32, u32)| {
        let (first, end) = wide((first, end));
        (doc.tokens[first].start, doc.tokens[end - 1].end())
    };
    let overlaps = |(a, b): (u32, u32), (c, d): (u32, u32)| a < d && c < b;
    drafts.retain(|d| d.content.0 < d.content.1 && !overlaps(span(d.content), span(d.cue)));
    // Stable, as the drafts are in text order: cues at one place keep it.
    // Mostly in order already, and then not sorted at all: a stable sort of
    // more than a few drafts would allocate its scratch space.
    if !drafts.is_sorted_by_key(|d| d.cue) {
        drafts.sort_by_key(|d| d.cue);
    }
    let quote_in = |(a, b): (u32, u32), open_only: bool| {
        doc.tokens[a as usize..b as usize].iter().any(|t| {
            t.kind == TokenKind::OpenQuote || (!open_only && t.kind == TokenKind::CloseQuote)
        })
    };
    let actor = |a: u32| (a < actors.len() as u32).then_some(a);
    let mut out = Vec::with_capacity(drafts.len());
    for d in drafts {
        let kind = if d.direct
            || (d.first_person && d.content.1 <= d.cue.0 && !quote_in(d.content, false))
        {
            StatementKind::Direct
        } else if quote_in(d.content, true) {
            StatementKind::Mixed
        } else {
            StatementKind::Indirect
        };
        out.push(Said {
            cue: span(d.cue),
            source: d.source.map(span),
            content: span(d.content),
            more: d
                .more
                .iter()
                .filter(|m| m.0 < m.1)
                .map(|&m| span(m))
                .collect(),
            speaker: d.speaker.and_then(actor),
            via: d.via.and_then(actor),
            kind,
            sentence: doc.sentence_of(d.cue().0).unwrap_or(0) as u32,
        });
    }
    out
}

/// The statements of those found, with ids `S1`, `S2`, ...: one allocation
/// of the exact size, as a long text has many statements.
pub(super) fn statements_of(text: &str, found: Vec<Said>, actors: &[Actor]) -> Vec<Statement> {
    let excerpt =
        |(start, end): (u32, u32)| Excerpt::new(text, Span::new(start as usize, end as usize));
    let id_of = |a: u32| actors[a as usize].id.clone();
    let mut out = Vec::with_capacity(found.len());
    for (k, s) in found.into_iter().enumerate() {
        out.push(Statement {
            id: super::id(k),
            speaker: s.speaker.map(id_of),
            source: s.source.map(excerpt),
            cue: excerpt(s.cue),
            content: excerpt(s.content),
            continuation: s.more.into_iter().map(excerpt).collect(),
            kind: s.kind,
            via: s.via.map(id_of),
            sentence: s.sentence as usize,
        });
    }
    out
}
