//! Sources: the noun phrase that speaks, before or after its cue.

use super::*;

/// The pronouns that open a relative clause, which a source may hold
/// ("said Ana Ferreira, a former minister who is supporting the coalition").
const RELATIVES: &[&str] = &["who", "whom", "whose", "which"];

impl Reader<'_, '_> {
    /// The subject of the clause before token `limit`: the first actor
    /// mention or pronoun of the sentence, with its noun phrase.
    pub(super) fn clause_subject(&self, s_first: usize, limit: usize) -> Option<(usize, usize)> {
        let k = (s_first..limit).find(|&k| self.notes[k].actor != NONE || self.is_pronoun(k))?;
        if self.is_pronoun(k) {
            return Some((k, k + 1));
        }
        let a = self.notes[k].actor;
        let mut end = k;
        while end < limit && self.notes[end].actor == a {
            end += 1;
        }
        self.source_before(end, s_first)
    }

    /// The source noun phrase ending right before token `cue` (inside the
    /// sentence starting at `s_first`): an actor mention with its titles and
    /// appositive, a pronoun, or a short noun phrase ("officials", "a
    /// spokesman for the campaign").
    pub(super) fn source_before(&self, cue: usize, s_first: usize) -> Option<(usize, usize)> {
        let mut end = cue;
        // Adverbs between the source and the cue belong to neither. The
        // word classes of the token before `end`, looked up once.
        let mut classes = 0;
        while end > s_first {
            classes = self.classes(end - 1);
            if classes & BETWEEN == 0 {
                break;
            }
            end -= 1;
        }
        // So do times: "Cruz on Friday played down", "Trump Monday said",
        // "Priebus this past week announced".
        if end > s_first + 1
            && self.is_any(end - 2, &["in", "since", "last", "this"])
            && crate::date::month_number(self.tok(end - 1)).is_some()
        {
            // "a Times/CBS News poll in December found"
            end -= 2;
        } else if end > s_first && classes & WEEKDAY != 0 {
            end -= 1;
            if end > s_first && self.is_any(end - 1, &["on", "late", "early", "last"]) {
                end -= 1;
            }
        } else if end > s_first + 1
            && self.is_any(
                end - 1,
                &["week", "month", "year", "weekend", "morning", "night"],
            )
            && self.is_any(end - 2, &["this", "last", "past", "earlier", "later"])
        {
            end -= 2;
            while end > s_first && self.is_any(end - 1, &["this", "last", "past", "earlier"]) {
                end -= 1;
            }
        }
        if end <= s_first {
            return None;
        }
        let last = end - 1;
        // A possessive is no source: "Bush pinned his hopes".
        if self.is_possessive(last) {
            return None;
        }
        // "Ryan, a policy-focused conservative, insists": the name and its
        // appositive.
        if self.text_of(last) == b"," && self.kind(last) == TokenKind::Punct {
            return self
                .appositive_source(last, s_first)
                .or_else(|| self.parenthetical_source(last, s_first));
        }
        // "A Times/CBS News poll conducted last week found": a participle
        // phrase after the noun belongs to the source.
        if end > s_first + 1 && end < cue {
            let p = end - 1;
            let w = self.low(p);
            if self.doc.tokens[p].is_word()
                && !self.doc.tokens[p].has(flag::CAP)
                && (w.ends_with("ed")
                    || matches!(w, "taken" | "done" | "shown" | "held" | "released"))
                && let Some(np) = self.noun_phrase_before(p, s_first)
                && self.is_source_noun(np.1 - 1)
            {
                return Some((np.0, cue));
            }
        }
        let np = self.noun_phrase_before(end, s_first)?;
        // "Gowdy earlier in the day touted", "at one point": a time phrase
        // stands between the source and its cue.
        let head = self.low(np.1 - 1);
        if matches!(
            head,
            "day"
                | "week"
                | "month"
                | "year"
                | "morning"
                | "night"
                | "point"
                | "time"
                | "weekend"
                | "evening"
                | "afternoon"
        ) && np.0 > s_first
        {
            let mut k = np.0;
            if self.is_any(k, &["the", "one", "that", "this"]) {
                k += 1;
            }
            let mut p = np.0;
            while p > s_first
                && self.is_any(
                    p - 1,
                    &[
                        "in", "at", "on", "during", "over", "earlier", "later", "that", "the",
                    ],
                )
            {
                p -= 1;
            }
            if p < np.0 && k <= np.1 {
                return self.noun_phrase_before(p, s_first);
            }
        }
        Some(np)
    }

    /// A name and its appositives ending with the comma at `comma`: "Rep.
    /// Tom Cole of Oklahoma, an ally of GOP leadership,", "Yin Myint May,
    /// 60, a doctor,", "Steele, who was lieutenant governor,".
    pub(super) fn appositive_source(&self, comma: usize, s_first: usize) -> Option<(usize, usize)> {
        let mut close = comma;
        for _ in 0..3 {
            let k = self.appositive_start(close, s_first)?;
            // "The federation, in a statement, announced": the phrase says
            // how the source spoke; it is no part of the source.
            if close == comma && self.is_source_phrase(k) && !self.is_any(k, &["according"]) {
                return self.noun_phrase_before(k - 1, s_first);
            }
            // The appositive opens with an article, a number (an age), a
            // source noun, a name, a relative pronoun or a participle ("a
            // Trump supporter", "35", "spokesman for ...", "speaking on the
            // condition of anonymity").
            let w = self.low(k);
            let opens = self.is_any(k, &["a", "an", "the", "who", "whose", "which"])
                || self.kind(k) == TokenKind::Number
                || self.is_source_noun(k)
                || self.doc.tokens[k].has(flag::CAP)
                || (w.ends_with("ing") && w.len() > 5);
            let np = self.noun_phrase_before(k - 1, s_first);
            // After a person's name any phrase is an appositive ("Vikram
            // Amar, dean of the law school, said").
            let person = np.is_some_and(|(a, b)| {
                (a..b).any(|x| {
                    self.notes[x].actor != NONE
                        && self.actors[self.notes[x].actor as usize].kind == ActorKind::Person
                })
            });
            if !opens && !person {
                return None;
            }
            if let Some(np) = np {
                // "A senior diplomat, speaking on condition of anonymity,":
                // a source noun before a participle or a relative clause.
                let clause =
                    || self.is_any(k, &["who", "whose"]) || (w.ends_with("ing") && w.len() > 5);
                // "The agency's director, James Colby, said": a title and
                // the name it goes by.
                let titled_name = || {
                    close == comma
                        && self.is_source_noun(np.1 - 1)
                        && (k..comma).any(|x| self.notes[x].actor != NONE)
                        && (k..comma)
                            .all(|x| self.doc.tokens[x].has(flag::CAP) || self.text_of(x) == b".")
                };
                let named = (np.0..np.1).any(|x| self.notes[x].actor != NONE)
                    || self.doc.tokens[np.1 - 1].has(flag::CAP)
                    || (clause() && self.is_source_noun(np.1 - 1))
                    || titled_name();
                // A place or a clause before ("in Dallas, who runs ...") is
                // itself an appositive when a person's name comes earlier.
                let further = || {
                    !person
                        && (self.is_any(k, &["who", "whose", "which"])
                            || np.0 > s_first && self.is_any(np.0 - 1, &["in", "of", "from", "at"]))
                        && self.appositive_start(k - 1, s_first).is_some()
                };
                if named && !self.is_pronoun(np.0) && !further() {
                    return Some((np.0, comma + 1));
                }
            }
            // Another appositive before this one: "May, 60, a doctor,".
            close = k - 1;
        }
        None
    }

    /// The source before a parenthetical that ends with the comma at
    /// `comma`: "NATO's secretary general, meanwhile, called on", "Clinton,
    /// without naming him, accused". The parenthetical is no part of it.
    fn parenthetical_source(&self, comma: usize, s_first: usize) -> Option<(usize, usize)> {
        let k = self.appositive_start(comma, s_first)?;
        let opens = self.class(k, BETWEEN | PARENTHETICAL) || self.is_ly_adverb(k);
        if !opens || comma - k > 10 {
            return None;
        }
        let np = self.noun_phrase_before(k - 1, s_first)?;
        self.strong_source_span(np).then_some(np)
    }

    /// Whether a source span names someone (see `strong_source`).
    pub(super) fn strong_source_span(&self, (a, b): (usize, usize)) -> bool {
        (a..b).any(|k| self.notes[k].actor != NONE)
            || self.is_pronoun(b - 1)
            || self.doc.tokens[b - 1].has(flag::CAP)
            || self.is_source_noun(b - 1)
    }

    /// The first token of the comma-delimited phrase that ends at the comma
    /// `close`; commas inside a quoted title do not count.
    fn appositive_start(&self, close: usize, s_first: usize) -> Option<usize> {
        let mut k = close;
        while k > s_first && close - k < 25 {
            let prev = k - 1;
            if let Some(q) = self
                .quote_of(prev)
                .filter(|q| q.close == prev || q.close == prev + 1)
            {
                k = q.open;
                continue;
            }
            if matches!(self.text_of(prev), b"," | b";" | b":" | b"(") {
                break;
            }
            k = prev;
        }
        (k > s_first && self.text_of(k - 1) == b"," && k < close).then_some(k)
    }

    /// The noun phrase ending right before token `end`.
    pub(super) fn noun_phrase_before(&self, end: usize, s_first: usize) -> Option<(usize, usize)> {
        if end <= s_first {
            return None;
        }
        // "Sen. Chuck Grassley (R-Iowa) said": the name before its
        // parenthetical, which the source keeps.
        if self.text_of(end - 1) == b")" && self.kind(end - 1) == TokenKind::Punct {
            let open = (end.saturating_sub(10).max(s_first)..end - 1)
                .rev()
                .find(|&k| self.text_of(k) == b"(")?;
            let np = self.plain_noun_phrase_before(open, s_first)?;
            return Some((np.0, end));
        }
        // "people familiar with the matter", "a source close to him": the
        // noun before "familiar with" or "close to" with the phrase after.
        let familiar = |k: usize| {
            // By length first: the scan runs for every phrase.
            let t = &self.doc.tokens[k];
            match t.end() - t.start {
                8 => self.is_any(k, &["familiar"]) && self.is_any(k + 1, &["with"]),
                5 => self.is_any(k, &["close"]) && self.is_any(k + 1, &["to"]),
                _ => false,
            }
        };
        if let Some(k) = (end.saturating_sub(8).max(s_first + 1)..end.saturating_sub(2))
            .rev()
            .find(|&k| familiar(k))
            && (k + 2..end).all(|x| {
                matches!(self.kind(x), TokenKind::Word | TokenKind::Number | TokenKind::Possessive)
                    // A cue word here is a noun: "with his thinking".
                    && (!self.cue_starts(x)
                        || self.is_any(x - 1, &["the", "a", "an", "his", "her", "their", "its"]))
            })
            && let Some(np) = self.plain_noun_phrase_before(k, s_first)
            && self.strong_source_span(np)
            && !self.is_pronoun(np.1 - 1)
        {
            return Some((np.0, end));
        }
        self.plain_noun_phrase_before(end, s_first)
    }

    /// The noun phrase ending right before token `end`, with no
    /// parenthetical or "familiar with" phrase at its end (the phrase
    /// before one of those: looked up once, not again and again down a
    /// run of them).
    fn plain_noun_phrase_before(&self, end: usize, s_first: usize) -> Option<(usize, usize)> {
        if end <= s_first {
            return None;
        }
        let last = end - 1;
        let t = &self.doc.tokens[last];
        if self.is_pronoun(last)
            || self.is_any(last, &["who", "which"])
            || (self.is_any(last, PRONOUN_QUANTIFIERS)
                && last + 1 < self.n()
                && self.cue_starts(last + 1))
        {
            return Some((last, end));
        }
        if !matches!(t.kind, TokenKind::Word | TokenKind::Number) {
            return None;
        }
        let head_ok = self.notes[last].actor != NONE
            || (t.has(flag::CAP)
                && !(last == s_first && self.is_function_word(last)))
            || self.is_source_noun(last)
            // "More than six in 10 said", "46 percent said".
            || t.kind == TokenKind::Number
            // "About one in five said".
            || (last >= s_first + 2 && self.is_in_ratio(last - 1))
            // A poll's respondents: "those surveyed said", "voters polled".
            || (last > s_first
                && matches!(
                    self.low(last),
                    "surveyed" | "polled" | "interviewed" | "questioned" | "sampled"
                )
                && (self.is_any(last - 1, &["those", "people"]) || {
                    let w = self.low(last - 1);
                    w.ends_with('s') && !w.ends_with("ss")
                }));
        if !head_ok && !self.nounish(last) {
            return None;
        }
        // Walk left over names, titles, adjectives, determiners, links.
        let mut first = last;
        let mut steps = 0;
        while first > s_first && steps < 12 {
            let k = first - 1;
            let tk = &self.doc.tokens[k];
            let part = match tk.kind {
                // A cue ends the phrase: "said Clinton reassured".
                TokenKind::Word if self.cue_starts(k) && !tk.has(flag::CAP) => false,
                TokenKind::Word => {
                    let w = self.low(k);
                    (tk.has(flag::CAP)
                        && !(k == s_first
                            && WORDS.function_word(w).is_some()
                            && self.notes[k].actor == NONE))
                        || self.notes[k].actor != NONE
                        || matches!(
                            w,
                            "the"
                                | "a"
                                | "an"
                                | "of"
                                | "for"
                                | "at"
                                | "his"
                                | "her"
                                | "their"
                                | "its"
                                | "our"
                                | "some"
                                | "many"
                                | "most"
                                | "several"
                                | "other"
                                | "two"
                                | "three"
                                | "four"
                                | "both"
                                | "top"
                                | "senior"
                                | "former"
                                | "one"
                                | "few"
                                | "more"
                                | "all"
                                | "these"
                                | "those"
                                | "another"
                                | "each"
                                | "every"
                        )
                        || (w == "and"
                            && k > s_first
                            && (self.doc.tokens[k - 1].has(flag::CAP)
                                || self.notes[k - 1].actor != NONE)
                            && (self.doc.tokens[first].has(flag::CAP)
                                || self.notes[first].actor != NONE))
                        || (w == "to"
                            && k > s_first
                            && self.nounish(k - 1)
                            && !self.doc.tokens[k - 1].has(flag::CAP)
                            && self.is_any(first, &["the", "a", "an"]))
                        // (`nounish` rules out function words.)
                        || self.nounish(k)
                        // A share of a poll's respondents: "six in 10".
                        || self.is_in_ratio(k)
                }
                TokenKind::Possessive => true,
                TokenKind::Number => true,
                // A list of names: "Washington, Tokyo and Seoul".
                TokenKind::Punct
                    if self.text_of(k) == b","
                        && k > s_first
                        && self.notes[k - 1].actor != NONE
                        && self.notes[first].actor != NONE
                        && (first..=last).any(|x| self.is_any(x, &["and"])) =>
                {
                    true
                }
                // "James B. Comey Jr." keeps the periods of its initials.
                TokenKind::Punct
                    if self.text_of(k) == b"."
                        && !tk.has(flag::SPACE_BEFORE)
                        && k > s_first
                        && self.doc.tokens[k - 1].has(flag::CAP) =>
                {
                    true
                }
                TokenKind::Punct => {
                    matches!(self.text_of(k), b"-" | b".")
                        && !tk.has(flag::SPACE_BEFORE)
                        && k > s_first
                }
                _ => false,
            };
            if !part {
                break;
            }
            first = k;
            steps += 1;
        }
        while first < last
            && (self.is_any(first, &["of", "for", "at", "and", "to"])
                || self.kind(first) == TokenKind::Punct)
        {
            first += 1;
        }
        // Any other noun needs a determiner: "the actress", "a magazine".
        // "Kasich's team thinks": a possessive determines the noun too.
        let determined = || {
            self.class(first, DET)
                || self.kind(first) == TokenKind::Number
                || (first..last).any(|k| self.kind(k) == TokenKind::Possessive)
        };
        // A bare plural names a group: "technology companies are quick to
        // point out", "economists argue".
        let plural = || {
            let w = self.low(last);
            w.len() > 3
                && w.ends_with('s')
                && !w.ends_with("ss")
                && !w.ends_with("us")
                && !w.ends_with("is")
        };
        if !head_ok && !determined() && !plural() {
            return None;
        }
        // The words that qualify a number at the phrase's start: "about
        // four in 10", "more than 6 in 10", "only about 24 percent".
        if self.is_number(first) {
            if first >= s_first + 2
                && self.is_any(first - 1, &["than"])
                && self.is_any(first - 2, &["more", "fewer", "less"])
            {
                first -= 2;
            }
            for _ in 0..2 {
                if first > s_first
                    && self.is_any(first - 1, &["about", "nearly", "roughly", "almost", "only"])
                {
                    first -= 1;
                }
            }
        }
        Some((first, end))
    }

    /// Whether token `i` is a number, in digits or a word up to ten.
    fn is_number(&self, i: usize) -> bool {
        i < self.n()
            && (self.kind(i) == TokenKind::Number
                || matches!(
                    self.low(i),
                    "one"
                        | "two"
                        | "three"
                        | "four"
                        | "five"
                        | "six"
                        | "seven"
                        | "eight"
                        | "nine"
                        | "ten"
                ))
    }

    /// Whether token `k` is the "in" of a ratio between two numbers: "six
    /// in 10", "one in five".
    fn is_in_ratio(&self, k: usize) -> bool {
        k > 0 && self.low(k) == "in" && self.is_number(k - 1) && self.is_number(k + 1)
    }

    /// Whether a lowercase word may be part of a noun phrase: no function
    /// word, no adverb in -ly, no verb form in -ed.
    pub(super) fn nounish(&self, i: usize) -> bool {
        // The cheap tests first: most tokens asked about are words that no
        // test turns away.
        if !self.doc.tokens[i].is_word() {
            return false;
        }
        let w = self.low(i);
        if (w.ends_with("ed") && w.len() > 4) || self.is_ly_adverb(i) {
            return false;
        }
        !self.is_function_word(i)
    }

    /// The source after an inverted cue ("said Trump", "says the senator, a
    /// Republican from Ohio"), up to the end of the clause.
    pub(super) fn source_after(&self, cue_end: usize, s_end: usize) -> Option<(usize, usize)> {
        let first = cue_end;
        if first >= s_end {
            return None;
        }
        let t = &self.doc.tokens[first];
        if !(t.is_word() || t.kind == TokenKind::Number)
            || self.is_any(first, &["that", "to", "it"])
        {
            return None;
        }
        let starts_np = t.has(flag::CAP)
            || self.notes[first].actor != NONE
            || self.class(first, DET)
            || self.is_source_noun(first);
        if !starts_np {
            return None;
        }
        let mut end = first;
        while end < s_end && end - first < 30 {
            let k = end;
            // The period of an initial or title stays: "said Senator Mark
            // S. Kirk".
            let abbreviation = self.text_of(k) == b"."
                && k > first
                && !self.doc.tokens[k].has(flag::SPACE_BEFORE)
                && self.doc.tokens[k - 1].has(flag::CAP)
                && self.tok(k - 1).chars().count() <= 3
                && k + 1 < s_end;
            if (matches!(self.text_of(k), b"." | b"!" | b"?" | b";" | b":") && !abbreviation)
                || self.kind(k) == TokenKind::OpenQuote
            {
                break;
            }
            if self.text_of(k) == b","
                && !(k + 1 < s_end && self.is_any(k + 1, &["a", "an", "the"]))
            {
                break;
            }
            // "said Paul Dunn in a statement": how the source spoke.
            if k > first
                && self.is_source_phrase(k)
                && !self.is_any(k, &["according"])
                && !(first..k).any(|x| self.is_any(x, RELATIVES))
            {
                break;
            }
            end += 1;
        }
        // A clause is no source: "..., said the Geneva summit showed ...".
        // A relative clause is part of one: "said Ana Ferreira, a former
        // minister who is supporting the coalition".
        if (first + 1..end)
            .take_while(|&k| !self.is_any(k, RELATIVES))
            .any(|k| self.cue_starts(k) && !self.doc.tokens[k].has(flag::CAP))
        {
            return None;
        }
        (end > first).then_some((first, end))
    }
}
