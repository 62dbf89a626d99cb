//! Reading a cue in the shapes of news attribution: the pass over cues, the
//! shapes, channels and continuations.

use super::*;

impl Reader<'_, '_> {
    pub(super) fn read(&self) -> Vec<Draft> {
        // A draft at most for each cue match: room for them all in an
        // article, but not for every hit of a long text, where most cue
        // matches make none ("said said said ...").
        let mut drafts: Vec<Draft> = Vec::with_capacity(self.hits.len().min(DRAFTS_RESERVED));
        // The end of the last statement's content: a cue inside it is
        // nested speech unless a new clause opens before its source.
        let mut covered_until = 0usize;
        for &h in &self.hits {
            if self.quote_of(h.first).is_some() {
                continue;
            }
            let Some(&entry) = self.lex.matcher.values(h.pattern).first() else {
                continue;
            };
            if !self.cue_in_place(h.first, h.end, entry) {
                continue;
            }
            let prev = drafts
                .last()
                .filter(|d| self.doc.sentence_of(d.cue().0) == self.doc.sentence_of(h.first));
            let Some(draft) = self.read_cue(h.first, h.end, entry, prev) else {
                continue;
            };
            if !self.speaks_of(&draft) {
                continue;
            }
            if h.first < covered_until {
                let Some(last) = drafts.last_mut() else {
                    continue;
                };
                if let Some(cut) = self.clause_break_before(&draft, last.content()) {
                    // "X said A, but Y said B": A ends before the new clause.
                    last.content.1 = cut as u32;
                } else if last
                    .speaker()
                    .is_some_and(|s| self.actors[s].kind == ActorKind::Media)
                    && draft.source.is_some()
                    && draft.content().0 >= h.end
                {
                    // "Xinhua said Putin pledged ...": Xinhua's report holds
                    // Putin's statement, which came through Xinhua.
                    let via = last.speaker;
                    drafts.push(Draft { via, ..draft });
                    continue;
                } else {
                    continue;
                }
            }
            covered_until = draft.content.1.max(draft.more.last().map_or(0, |m| m.1)) as usize;
            drafts.push(draft);
        }
        self.colon_cues(&mut drafts);
        // Mostly in order already; a stable sort of more than a few drafts
        // would allocate its scratch space.
        if !drafts.is_sorted_by_key(|d| d.cue.0) {
            drafts.sort_by_key(|d| d.cue.0);
        }
        drafts.retain(|d| d.content.0 < d.content.1);
        drafts
    }

    /// Whether a statement of a cue of the `about` frame ("speak") says
    /// something: "spoke of the terror", "spoke favorably about the plan",
    /// "spoke out against it". Most of the verb's uses say where, when or
    /// to whom someone spoke ("spoke to reporters", "spoke for 77 minutes",
    /// "spoke at the forum"), which is no content. A statement of any
    /// other cue passes.
    fn speaks_of(&self, d: &Draft) -> bool {
        if !self.lex.entries[d.entry as usize].about {
            return true;
        }
        let (c0, c1) = d.content();
        if c1 <= d.cue().0 {
            // The content came first: "“We will win,” he spoke."
            return true;
        }
        (c0.saturating_sub(1)..(c0 + 2).min(c1)).any(|k| self.is_any(k, &["of", "about", "out"]))
    }

    /// "Trump: We will win." and transcript lines ("KATE BOULDUAN: Why not
    /// debate?"): a paragraph opening with a short name and a colon. The
    /// drafts go to the end of `out`.
    fn colon_cues(&self, out: &mut Vec<Draft>) {
        let mut cursor = crate::text::TokenCursor::default();
        for p in self.doc.article.paragraphs() {
            let first = cursor.at_or_after(self.doc, p.start);
            let end = cursor.at_or_after(self.doc, p.end);
            // A name of one to five capitalized words, then the colon.
            let Some(colon) = (first..end.min(first + 6)).find(|&k| self.is_punct(k, ":")) else {
                continue;
            };
            if colon == first || colon + 1 >= end {
                continue;
            }
            let label_ok = (first..colon).all(|k| {
                let t = &self.doc.tokens[k];
                (t.is_cap_word()
                    && !self.is_any(
                        k,
                        &[
                            "latest",
                            "transcript",
                            "update",
                            "correction",
                            "editor",
                            "note",
                            "abstract",
                            "full",
                            "text",
                            "video",
                            "watch",
                            "read",
                            "related",
                            "source",
                            "photo",
                            "credit",
                        ],
                    ))
                    || (t.kind == TokenKind::Punct && matches!(self.text_of(k), b"." | b"-"))
                    || t.kind == TokenKind::Possessive
            }) && (first..colon).any(|k| self.doc.tokens[k].is_word());
            // The label names someone: an actor, or a transcript's speaker
            // in capitals ("KATE BOULDUAN:"); a single letter ("Q:") or a
            // teaser ("Wow:", "Breaking:") does not.
            let named = (first..colon).any(|k| self.notes[k].actor != NONE)
                // "Poll: Trump leads", "Report: ...": a short label that a
                // source noun ends.
                || (colon - first <= 3 && self.is_source_noun(colon - 1))
                || (colon - first >= 2
                    && (first..colon).all(|k| {
                        !self.doc.tokens[k].is_word() || self.doc.tokens[k].has(flag::UPPER)
                    }));
            let content_is_text = (colon + 1..end).any(|k| self.doc.tokens[k].is_word());
            if !label_ok || !named || !content_is_text {
                continue;
            }
            let mut c_end = end;
            while c_end > colon + 1
                && matches!(self.text_of(c_end - 1), b"." | b"!" | b"?")
                && self.kind(c_end - 1) == TokenKind::Punct
            {
                c_end -= 1;
            }
            if c_end <= colon + 1 {
                continue;
            }
            let d = Draft {
                cue: narrow((colon, colon + 1)),
                source: Some(narrow((first, colon))),
                content: narrow((colon + 1, c_end)),
                more: Vec::new(),
                speaker: self.speaker_of(first, colon).map(|a| a as u32),
                via: None,
                direct: self.is_quote((colon + 1, c_end)),
                first_person: false,
                entry: self.lex.colon,
            };
            out.push(d);
        }
    }

    /// Whether a cue match stands where a cue can: not inside a name
    /// ("Washington Post", "United States"), not capitalized mid-sentence,
    /// and a verb cue not right after a determiner ("a news report").
    pub(super) fn cue_in_place(&self, first: usize, end: usize, entry: u16) -> bool {
        if (first..end).any(|k| self.notes[k].actor != NONE) {
            return false;
        }
        let t = &self.doc.tokens[first];
        // Backwards, so the scan stops at the nearest word and all scans
        // together stay linear.
        let initial = || {
            self.doc.sentence_of(first).is_some_and(|s| {
                let (a, _) = self.sentence_tokens(s);
                (a..first).rev().all(|k| !self.doc.tokens[k].is_word())
            })
        };
        if t.has(flag::CAP) && !self.in_headline(first) && !initial() {
            return false;
        }
        let e = &self.lex.entries[entry as usize];
        // "that", "some", "many" before a verb are pronouns ("planks that
        // support", "some believe"), not determiners of a noun.
        // (Asked only of a verb cue.)
        let after_determiner = || {
            first > 0
                && self.class(first - 1, DET)
                && !self.is_any(first - 1, PRONOUN_QUANTIFIERS)
                && self.possessor_before(first, 0).is_none()
        };
        e.noun || !after_determiner()
    }

    /// Whether token `k` is an adverb in -ly ("initially", "repeatedly").
    pub(super) fn is_ly_adverb(&self, k: usize) -> bool {
        let w = self.low(k);
        self.doc.tokens[k].is_word()
            && !self.doc.tokens[k].has(flag::CAP)
            && w.len() > 4
            && w.ends_with("ly")
            && !matches!(
                w,
                "only"
                    | "family"
                    | "early"
                    | "daily"
                    | "weekly"
                    | "july"
                    | "italy"
                    | "rally"
                    | "ally"
                    | "supply"
                    | "reply"
                    | "apply"
                    | "likely"
            )
    }

    /// The possessor right before a noun cue at `first`: a possessive
    /// pronoun ("his promise") or a name with "'s" ("Clinton's proposal").
    pub(super) fn possessor_before(&self, first: usize, s_first: usize) -> Option<(usize, usize)> {
        let prev = first.checked_sub(1)?;
        if prev < s_first {
            return None;
        }
        if self.is_any(prev, &["his", "her", "their", "its", "our"]) {
            return Some((prev, first));
        }
        if self.kind(prev) == TokenKind::Possessive && prev > s_first {
            let np = self.noun_phrase_before(prev, s_first)?;
            return Some((np.0, prev));
        }
        None
    }

    /// The content of a possessed noun cue: the clause or phrase after it,
    /// up to the first comma ("his promise to be neutral, ...").
    fn possessed_content(&self, start: usize, s_end: usize) -> Option<(usize, usize)> {
        let mut k = start;
        if self.is_any(k, &["for", "of", "against"]) {
            k += 1;
        }
        let mut end = k;
        while end < s_end
            && !(self.kind(end) == TokenKind::Punct
                && matches!(self.text_of(end), b"," | b"." | b";" | b":" | b"?" | b"!"))
        {
            if let Some(q) = self.quote_of(end).filter(|q| q.open == end) {
                end = q.close + 1;
                continue;
            }
            end += 1;
        }
        (end > k).then_some((
            if self.is_any(start, &["that", "to"]) {
                start
            } else {
                k
            },
            end,
        ))
    }

    /// A content cut at its first comma outside quotations.
    fn up_to_comma(&self, (a, b): (usize, usize)) -> (usize, usize) {
        let mut k = a;
        while k < b {
            if let Some(q) = self.quote_of(k).filter(|q| q.open == k) {
                k = q.close + 1;
                continue;
            }
            if self.kind(k) == TokenKind::Punct && self.text_of(k) == b"," && k > a {
                return (a, k);
            }
            k += 1;
        }
        (a, b)
    }

    /// Where a previous content must end for a new attribution to start:
    /// before ", but he said", "; officials said", ", saying ...". Returns
    /// the new end of `content`, if the new draft opens a clause inside it.
    pub(super) fn clause_break_before(
        &self,
        draft: &Draft,
        content: (usize, usize),
    ) -> Option<usize> {
        let cue = draft.cue();
        let start = draft.source().map_or(cue.0, |s| s.0.min(cue.0));
        if start <= content.0 || start >= content.1 {
            return None;
        }
        let mut k = start;
        if k > content.0
            && self.is_any(
                k - 1,
                &["but", "and", "while", "as", "although", "though", "whereas"],
            )
        {
            k -= 1;
        }
        if k > content.0
            && matches!(self.text_of(k - 1), b"," | b";" | EM_DASH | EN_DASH)
            && self.kind(k - 1) == TokenKind::Punct
        {
            let strong_source = draft.source().is_some_and(|(a, b)| {
                (a..b).any(|x| self.notes[x].actor != NONE) || self.is_pronoun(a)
            });
            if strong_source || self.is_participle(draft) {
                return Some(k - 1);
            }
        }
        None
    }

    pub(super) fn is_participle(&self, d: &Draft) -> bool {
        let cue = d.cue();
        let head = cue.1 - 1;
        self.low(head).ends_with("ing")
            && d.source()
                .is_none_or(|s| s.1 <= cue.0.saturating_sub(1) || s.0 > cue.1)
    }

    /// Reads one cue at tokens `first..end` into a statement, if its shape
    /// allows. `prev` is the statement read last in the same sentence.
    pub(super) fn read_cue(
        &self,
        first: usize,
        end: usize,
        entry: u16,
        prev: Option<&Draft>,
    ) -> Option<Draft> {
        let e = &self.lex.entries[entry as usize];
        // Phrases that put the source after them: "according to X", "in
        // the view of X", "in the words of X", "as reported by X" (see
        // `SOURCE_AFTER`).
        if e.source_after && self.low(end - 1) != "view" {
            return self.according_to(first, end, entry);
        }
        if e.reportedly {
            return self.reportedly(first, end, entry);
        }
        let (s_first, s_end) = self.sentence(first);
        // The cue takes the auxiliaries and adverbs before it, and a colon
        // right after it.
        let mut cue_first = first;
        // An adjective cue ("be concerned") takes its copula: "are
        // concerned", "remain hopeful".
        let adjective = e.adjective;
        while cue_first > s_first
            && (self.class(cue_first - 1, AUX)
                || self.is_ly_adverb(cue_first - 1)
                || (adjective && self.class(cue_first - 1, COPULA)))
        {
            cue_first -= 1;
        }
        // "his promise to be neutral", "Clinton's proposal that ...": a
        // noun cue whose possessor speaks.
        // (The word after the cue first: it rules out most cues at once.)
        if self.is_any(end, &["that", "to", "for", "of", "against"])
            && let Some(owner) = self.possessor_before(first, s_first)
        {
            let content = self.possessed_content(end, s_end)?;
            return Some(self.draft((first, end), Some(owner), content, entry, end));
        }
        // "Asked about X, ...", "when asked whether ...": a participle with
        // no source.
        let opens_clause = cue_first == s_first
            || self.is_any(
                cue_first - 1,
                &["when", "after", "before", "while", "once", "if"],
            );
        if opens_clause
            && !e.noun
            && e.class != CueClass::Source
            && (self.low(end - 1).ends_with("ed") || self.low(end - 1).ends_with("ing"))
            && !self.doc.tokens[first].has(flag::UPPER)
        {
            let content = self.content_after(end, s_end, e)?;
            let content = self.up_to_comma(content);
            return Some(self.draft((cue_first, end), None, content, entry, end));
        }
        let mut cue_end = end;
        if self.is_punct(cue_end, ":") {
            cue_end += 1;
        }
        // A participle after a comma: "..., saying ...", "..., adding that
        // ...": the clause's subject speaks.
        if self.low(end - 1).ends_with("ing")
            && cue_first > s_first
            && matches!(self.text_of(cue_first - 1), b"," | EM_DASH | EN_DASH)
            && !e.noun
        {
            let source = prev
                .and_then(|p| p.source())
                .or_else(|| self.clause_subject(s_first, cue_first - 1));
            let content = self.content_after(cue_end, s_end, e)?;
            if e.rate < 0.3 && !self.strong_content(content.0, cue_end) {
                return None;
            }
            return Some(self.draft((cue_first, cue_end), source, content, entry, end));
        }
        // Coordinated verbs: "Graham called both ... and said ...", "took
        // the stage in Baltimore and called ...": the clause's subject
        // speaks. (Coordinated subjects put a name between "and" and the
        // cue: "Trump and Ryan said".)
        if cue_first > s_first + 1
            && self.is_any(cue_first - 1, &["and", "but"])
            && !e.noun
            && !self.is_pronoun(cue_first - 2)
        {
            // A base form joined to an infinitive is no predicate of the
            // subject: "pledged to preserve stability and defend ...".
            if cue_first == first
                && self.is_base_form(first)
                && prev.is_some_and(|p| {
                    p.content().0 < cue_first && self.is_any(p.content().0, &["to"])
                })
            {
                return None;
            }
            let source = prev
                .and_then(|p| p.source())
                .or_else(|| self.clause_subject(s_first, cue_first - 1));
            if source.is_some() {
                let content = self.content_after(cue_end, s_end, e)?;
                if e.rate < 0.35 && !self.strong_content(content.0, cue_end) {
                    return None;
                }
                return Some(self.draft((cue_first, cue_end), source, content, entry, end));
            }
        }
        // Inverted: "..., said Trump." / "“...,” says the senator." Not when
        // the comma closes an appositive of the source: "Lesley Deutch, a
        // senior vice president ..., said the old model ...".
        // (Read last: the longest of the tests.)
        let appositive = || {
            self.text_of(cue_first - 1) == b","
                && self.appositive_source(cue_first - 1, s_first).is_some()
        };
        if cue_first > s_first
            && self.closes_content(cue_first - 1)
            && !e.noun
            && !appositive()
            && let Some(src) = self.source_after(end, s_end)
        {
            let content = self.content_before(cue_first, s_first)?;
            return Some(self.draft((cue_first, cue_end), Some(src), content, entry, end));
        }
        // Passives and impersonal cues have no source: "was asked", "is
        // expected", "it appears".
        let passive = !adjective
            && (cue_first..first)
                .any(|k| self.is_any(k, &["is", "was", "were", "are", "been", "be", "being"]))
            && (self.low(end - 1).ends_with("ed")
                || self.is_any(
                    end - 1,
                    &[
                        "said", "told", "seen", "known", "thought", "shown", "held", "given",
                        "written",
                    ],
                ));
        let impersonal = cue_first > s_first
            && self.is_any(cue_first - 1, &["it"])
            && matches!(e.class, CueClass::Stance | CueClass::Evidence);
        if passive || impersonal {
            if self.is_any(end, &["by"]) {
                return None;
            }
            let content = self.content_after(cue_end, s_end, e)?;
            if !(self.strong_content(content.0, cue_end) || e.rate >= 0.5) {
                return None;
            }
            let cue_from = if impersonal { cue_first - 1 } else { cue_first };
            return Some(self.draft((cue_from, cue_end), None, content, entry, end));
        }
        let src = self.source_before(cue_first, s_first)?;
        // "a launch that Washington, Tokyo and Seoul condemned", "talks that
        // officials described as frank": the relative's antecedent is what
        // the source speaks of.
        if src.0 > s_first + 1
            && self.is_any(src.0 - 1, &["that", "which"])
            && !e.noun
            && let Some(antecedent) = self.noun_phrase_before(src.0 - 1, s_first)
            && !self.is_pronoun(antecedent.0)
        {
            let mut d = self.draft((cue_first, cue_end), Some(src), antecedent, entry, end);
            if let Some(rest) = self.content_after(cue_end, s_end, e) {
                d.more = vec![narrow(rest)];
            }
            return Some(d);
        }
        // "Trump's supporters seemed to ...": the subject is content.
        if e.raising {
            let rest = self.content_after(cue_end, s_end, e)?;
            let mut d = self.draft((cue_first, cue_end), None, src, entry, end);
            d.more = vec![narrow(rest)];
            return Some(d);
        }
        // "“...,” he said." and "..., he said Tuesday.": the content comes
        // before the source.
        // A quotation may close the previous sentence: "“... missing.”
        // Trump said."
        let recipient = e.recipient;
        let before = src.0.checked_sub(1).filter(|&b| {
            b >= s_first
                || (src.0 == s_first
                    && self.kind(b) == TokenKind::CloseQuote
                    && self.ends_attribution(cue_end, s_end, recipient))
        });
        // A quotation before the source is the content when it opens the
        // sentence (or an earlier one); a quoted title inside an opening
        // phrase is not ("In an interview with “Fox and Friends,” Trump
        // pointed to ...").
        let after_quote = before.is_some_and(|b| {
            self.kind(b) == TokenKind::CloseQuote
                && self.quote_of(b).is_some_and(|q| {
                    q.open < s_first || self.skip_discourse(s_first, q.open) == q.open
                })
        });
        let after_comma = before.is_some_and(|b| {
            (self.text_of(b) == b"," && self.kind(b) == TokenKind::Punct)
                || (self.kind(b) == TokenKind::CloseQuote && !after_quote)
        });
        // "Holding open a book, Beck said, “I just want ...”": a quotation
        // after the cue is the content.
        let quote_follows =
            (self.is_punct(cue_end, ",") || self.is_punct(cue_end, ":") || cue_end > end)
                && self.kind((cue_end + 1).min(self.n() - 1)) == TokenKind::OpenQuote
                || (cue_end < self.n() && self.kind(cue_end) == TokenKind::OpenQuote);
        // "..., a dialogue mechanism established in 2005, ...": a common
        // noun before a participle of a rare cue is a reduced relative
        // clause, not a source.
        // (The cue's own tests first: most cues fail them.)
        let reduced_relative = || {
            e.rate < 0.3
                && cue_first == first
                && before.is_some_and(|b| self.is_punct(b, ","))
                && self.low(first).ends_with("ed")
                && !self.strong_source(src)
        };
        if after_quote
            || (after_comma
                && !quote_follows
                && !reduced_relative()
                && self.ends_attribution(cue_end, s_end, recipient))
        {
            // "Still, he said, officials have to decide ...": a parenthetical
            // attribution with nothing before it but a discourse word.
            let parenthetical = after_comma
                && self.is_punct(cue_end, ",")
                && self.skip_discourse(s_first, src.0 - 1) >= src.0 - 1;
            if parenthetical {
                let content = self.content_after(cue_end, s_end, e)?;
                return Some(self.draft((cue_first, cue_end), Some(src), content, entry, end));
            }
            let content = self.content_before(src.0, s_first)?;
            let mut d = self.draft((cue_first, cue_end), Some(src), content, entry, end);
            // "It was impossible, he said, so Russia's leaders decided ...":
            // an attribution set off mid-sentence has content on both sides.
            if d.more.is_empty()
                && after_comma
                && self.is_punct(cue_end, ",")
                && cue_end + 1 < s_end
                && self.kind(cue_end + 1) != TokenKind::OpenQuote
                && !self.ends_content_at_comma(cue_end + 1)
            {
                let mut rest_end = s_end;
                while rest_end > cue_end + 1
                    && matches!(self.text_of(rest_end - 1), b"." | b"!" | b"?")
                    && self.kind(rest_end - 1) == TokenKind::Punct
                {
                    rest_end -= 1;
                }
                if rest_end > cue_end + 1 {
                    d.more.push(narrow((cue_end + 1, rest_end)));
                }
            }
            return Some(d);
        }
        if e.noun {
            return None;
        }
        let content = self.content_after(cue_end, s_end, e)?;
        // Beliefs, plans and findings are cues less often than speech:
        // they need a clause, a quotation or an infinitive after them.
        let threshold = match e.class {
            CueClass::Speech | CueClass::Writing | CueClass::Source => 0.1,
            CueClass::Stance | CueClass::Intention | CueClass::Evidence => 0.15,
        };
        let strong = self.strong_content(content.0, cue_end);
        if e.rate < threshold
            && !strong
            && !(self.strong_source(src)
                && matches!(e.class, CueClass::Stance | CueClass::Intention))
        {
            return None;
        }
        // A source that is only a common noun ("the strong jobs report",
        // "the terrorist attack") makes a compound noun of an ambiguous cue.
        // (Frequent cues need no test of their source.)
        if e.rate < 0.5 && !strong && !self.strong_source(src) {
            return None;
        }
        Some(self.draft((cue_first, cue_end), Some(src), content, entry, end))
    }

    /// Whether a source names someone: an actor, a pronoun, a capitalized
    /// word, a number, or a source noun at its head.
    fn strong_source(&self, (a, b): (usize, usize)) -> bool {
        (a..b).any(|k| self.notes[k].actor != NONE)
            || self.is_pronoun(b - 1)
            || self.is_any(b - 1, &["who", "which"])
            || self.doc.tokens[b - 1].has(flag::CAP)
            || self.kind(b - 1) == TokenKind::Number
            || self.is_source_noun(b - 1)
    }

    pub(super) fn draft(
        &self,
        cue: (usize, usize),
        source: Option<(usize, usize)>,
        content: (usize, usize),
        entry: u16,
        cue_head_end: usize,
    ) -> Draft {
        let direct = self.is_quote(content);
        // Only a quotation goes on after its attribution.
        let more = if direct {
            self.continuation(cue_head_end, source, content)
        } else {
            Vec::new()
        };
        let first_person = self.first_person_in(content.0, content.1);
        Draft {
            cue: narrow(cue),
            source: source.map(narrow),
            content: narrow(content),
            more,
            speaker: source.and_then(|(a, b)| self.speaker_of(a, b).map(|s| s as u32)),
            via: None,
            direct,
            first_person,
            entry,
        }
    }

    /// "The club has reportedly offered the coach a contract": no source,
    /// and the clause around the cue is the content.
    fn reportedly(&self, first: usize, end: usize, entry: u16) -> Option<Draft> {
        let (s_first, s_end) = self.sentence(first);
        let mut c_end = s_end;
        while c_end > end && matches!(self.text_of(c_end - 1), b"." | b"!" | b"?") {
            c_end -= 1;
        }
        let c_first = self.skip_discourse(s_first, first);
        let (before, after) = ((c_first, first), (end, c_end));
        let d = if before.0 < before.1 {
            let mut d = self.draft((first, end), None, before, entry, end);
            d.more = vec![narrow(after)]
                .into_iter()
                .filter(|m| m.0 < m.1)
                .collect();
            d
        } else {
            self.draft((first, end), None, after, entry, end)
        };
        (d.content.0 < d.content.1).then_some(d)
    }

    /// "According to X, C" and "C, according to X".
    pub(super) fn according_to(&self, first: usize, end: usize, entry: u16) -> Option<Draft> {
        let (s_first, s_end) = self.sentence(first);
        let mut src_end = end;
        while src_end < s_end
            && !matches!(self.text_of(src_end), b"," | b"." | b";" | b"!" | b"?")
            && src_end - end < 25
        {
            src_end += 1;
        }
        if src_end == end {
            return None;
        }
        let source = (end, src_end);
        let according = |k: usize| self.text_of(k).eq_ignore_ascii_case(b"according");
        let opens_sentence = self.skip_discourse(s_first, first) == first;
        let content = if opens_sentence && src_end < s_end && self.is_punct(src_end, ",") {
            // "According to X, C."
            let mut c_end = s_end;
            while c_end > src_end + 1 && matches!(self.text_of(c_end - 1), b"." | b"!" | b"?") {
                c_end -= 1;
            }
            (src_end + 1, c_end)
        } else {
            // "C, according to X."
            let mut c_end = first;
            if c_end > s_first && self.text_of(c_end - 1) == b"," {
                c_end -= 1;
            }
            let mut c_first = self.skip_discourse(s_first, c_end);
            // An earlier "according to Y," is an attribution of its own, not
            // part of C: C starts after it. (Without this, a run of them
            // gave each a content back to the sentence start: output
            // fifty times the input.) The scan reads no further back than
            // the content it saves copying.
            if let Some(k) = (c_first..c_end).rev().find(|&k| according(k)) {
                c_first = (k..c_end)
                    .find(|&j| self.is_punct(j, ","))
                    .map_or(c_end, |comma| comma + 1);
            }
            (c_first, c_end)
        };
        if content.0 >= content.1 {
            return None;
        }
        let mut draft = self.draft((first, end), Some(source), content, entry, src_end);
        // "Over the long term, according to the budget office, the deficit
        // will rise": a phrase before the source and the clause after it
        // are one content, which the source interrupts.
        if !opens_sentence
            && content.1 - content.0 <= 8
            && src_end < s_end
            && self.is_punct(src_end, ",")
            && draft.more.is_empty()
        {
            let mut c_end = s_end;
            while c_end > src_end + 1 && matches!(self.text_of(c_end - 1), b"." | b"!" | b"?") {
                c_end -= 1;
            }
            let after = src_end + 1;
            if c_end >= after + 3
                && !self.is_any(
                    after,
                    &[
                        "and", "but", "or", "while", "although", "though", "as", "which", "who",
                    ],
                )
                && !(after..c_end).any(according)
            {
                draft.more.push(narrow((after, c_end)));
            }
        }
        Some(draft)
    }

    /// Further pieces of a quotation after its attribution: `“Q1,” he said,
    /// “Q2.”` and `“Q1,” he said. “Q2.”` (the next sentences that open with
    /// a quotation holding no attribution of its own). `content` is one
    /// quotation (see `is_quote`).
    pub(super) fn continuation(
        &self,
        cue_end: usize,
        source: Option<(usize, usize)>,
        content: (usize, usize),
    ) -> Vec<(u32, u32)> {
        let mut out = Vec::new();
        if content.0 > cue_end {
            return out;
        }
        let mut k = cue_end.max(source.map_or(0, |s| s.1));
        let (_, s_end) = self.sentence(cue_end.saturating_sub(1));
        // A short phrase may come between: "he said of the campaign, “Q2.”",
        // "she said during the interview, “Q2.”".
        if let Some(comma) = (k..s_end.min(k + 8)).find(|&j| self.is_punct(j, ","))
            && comma + 1 < self.n()
            && self.kind(comma + 1) == TokenKind::OpenQuote
            && (k..comma).all(|j| {
                let t = &self.doc.tokens[j];
                t.is_word() || t.kind == TokenKind::Number || t.kind == TokenKind::Possessive
            })
        {
            k = comma;
        }
        // Within the sentence: ", “Q2.”".
        if k < s_end
            && self.text_of(k) == b","
            && k + 1 < self.n()
            && self.kind(k + 1) == TokenKind::OpenQuote
        {
            if let Some(q) = self.quote_of(k + 1) {
                out.push(narrow((q.open, q.close + 1)));
                k = q.close + 1;
            }
        }
        // The next sentences of the same paragraph that are quotations.
        let mut next = k.max(s_end);
        let paragraph = self
            .doc
            .sentence_of(cue_end.saturating_sub(1))
            .map(|s| self.doc.article.sentences()[s].paragraph);
        for _ in 0..8 {
            while next < self.n()
                && self.kind(next) == TokenKind::Punct
                && matches!(self.text_of(next), b"." | b"!" | b"?")
            {
                next += 1;
            }
            if next >= self.n() || self.kind(next) != TokenKind::OpenQuote {
                break;
            }
            let Some(s) = self.doc.sentence_of(next) else {
                break;
            };
            let Some(q) = self.quote_of(next) else { break };
            // A following paragraph continues the speaker only when it is
            // one quotation with no attribution of its own.
            let here = self.doc.article.sentences()[s].paragraph;
            if Some(here) != paragraph {
                let p_end = self
                    .doc
                    .token_at_or_after(self.doc.article.paragraphs()[here].end);
                let whole = q.open == next
                    && (q.close + 1..p_end).all(|j| self.kind(j) == TokenKind::Punct);
                if !whole || out.len() >= 3 {
                    break;
                }
            }
            // The quotation must close its sentence: no attribution after it.
            let (_, qs_end) = self.sentence(q.close);
            let tail = q.close + 1;
            if tail < qs_end && !matches!(self.text_of(tail), b"." | b"!" | b"?") {
                break;
            }
            out.push(narrow((q.open, q.close + 1)));
            next = q.close + 1;
        }
        out
    }
}
