//! Contents: what a cue attributes, before or after it.

use super::*;

impl Reader<'_, '_> {
    /// Whether a that-clause, a quotation or a colon opens the content, or
    /// the cue is followed by a to-infinitive.
    pub(super) fn strong_content(&self, content_first: usize, cue_end: usize) -> bool {
        self.is_any(content_first, &["that", "to"])
            || self.quote_of(content_first).is_some()
            || (cue_end > 0 && self.is_punct(cue_end - 1, ":"))
    }

    /// Whether token `i` can end a content that precedes its attribution:
    /// a comma, or a closing quotation mark.
    pub(super) fn closes_content(&self, i: usize) -> bool {
        let t = &self.doc.tokens[i];
        (t.kind == TokenKind::Punct && self.text_of(i) == b",")
            || (t.kind == TokenKind::CloseQuote && self.quote_of(i).is_some())
    }

    /// Whether the attribution ends after the cue: the sentence ends, or
    /// only time and place phrases or a recipient follow, or a comma opens
    /// "according to", a participle or a resumed quotation.
    pub(super) fn ends_attribution(&self, end: usize, s_end: usize, recipient: bool) -> bool {
        let mut k = end;
        let mut steps = 0;
        // Whether a name may stand here: the person told ("told CNN"), or
        // after a preposition ("said in Iowa"); a name right after any other
        // cue is its object ("railed against Christie").
        let mut name_ok = recipient;
        // Words left in a phrase opened by a preposition ("at a daily
        // briefing", "in his weekly radio address").
        let mut in_phrase = 0usize;
        while k < s_end && steps < 14 {
            let t = &self.doc.tokens[k];
            let w = self.tok(k);
            if matches!(w, "." | "!" | "?" | ";" | "..") && t.kind == TokenKind::Punct {
                return true;
            }
            if w == "," && t.kind == TokenKind::Punct {
                return true;
            }
            if t.kind == TokenKind::OpenQuote || self.is_any(k, &["that"]) {
                return false;
            }
            let cap = t.has(flag::CAP) && t.is_word();
            // (The token's kind first: a word's classes take a lookup.)
            let ok = matches!(t.kind, TokenKind::Number | TokenKind::Possessive)
                || (t.kind == TokenKind::Punct && matches!(w, "-" | "(" | ")" | "."))
                || (in_phrase > 0 && t.is_word() && !self.cue_starts(k))
                || self.class(k, TAIL | AFTER)
                || (cap
                    && (name_ok || self.is_weekday(k) || crate::date::month_number(w).is_some()));
            if !ok {
                return false;
            }
            in_phrase = if self.is_any(
                k,
                &[
                    "at", "in", "on", "during", "after", "before", "with", "for", "from",
                ],
            ) {
                4
            } else {
                in_phrase.saturating_sub(1)
            };
            name_ok = cap && name_ok
                || self.is_any(
                    k,
                    &[
                        "in", "at", "on", "to", "with", "from", "for", "via", "during", "after",
                        "before", "of", "about", "by", "told",
                    ],
                )
                || t.kind == TokenKind::Possessive;
            k += 1;
            steps += 1;
        }
        k >= s_end
    }

    /// The content after a cue ending at `start`, to the end of the sentence
    /// at `s_end` (or of the quotation that opens there).
    pub(super) fn content_after(
        &self,
        start: usize,
        s_end: usize,
        e: &CueEntry,
    ) -> Option<(usize, usize)> {
        let mut k = start;
        // The person told: "told reporters (that)", "told CNN".
        if e.recipient {
            let r0 = k;
            while k < s_end && k - r0 < 6 {
                let t = &self.doc.tokens[k];
                let recipient = self.class(k, RECIPIENT)
                    || (t.has(flag::CAP) && t.is_word())
                    || self.notes[k].actor != NONE
                    || t.kind == TokenKind::Possessive;
                if !recipient {
                    break;
                }
                k += 1;
            }
        }
        // How the source spoke: "explained in a blog post that".
        if let Some(phrase_end) = self.source_phrase_end(k).filter(|&j| j < s_end) {
            k = phrase_end;
        }
        // Time and place before the content: "said Thursday (that)", "said
        // in an interview that", "said on Monday:".
        if k < s_end
            && (self.class(k, AFTER) || self.doc.tokens[k].has(flag::CAP) && self.is_weekday(k))
        {
            let window = (k..s_end.min(k + 9)).find(|&j| {
                self.is_any(j, &["that"])
                    || self.kind(j) == TokenKind::OpenQuote
                    || (self.text_of(j) == b"," || self.text_of(j) == b":")
                        && self.kind(j) == TokenKind::Punct
            });
            // Only a phrase of time and place lies between: "in an
            // interview", "on Monday"; not "on Tuesday to deepen ties".
            let phrase_only = |j: usize| {
                (k..j).all(|x| {
                    let t = &self.doc.tokens[x];
                    self.class(x, TAIL | AFTER | DET)
                        || t.has(flag::CAP)
                        || matches!(t.kind, TokenKind::Number | TokenKind::Possessive)
                })
            };
            if let Some(j) = window.filter(|&j| phrase_only(j)) {
                k = j;
            } else {
                // "said Tuesday", "pledged on Tuesday to ...".
                loop {
                    if self.is_weekday(k) {
                        k += 1;
                    } else if k + 1 < s_end
                        && self.is_any(k, &["on", "in", "last", "this", "early", "late"])
                        && (self.is_weekday(k + 1)
                            || crate::date::month_number(self.tok(k + 1)).is_some()
                            || self.is_any(
                                k + 1,
                                &[
                                    "week",
                                    "month",
                                    "year",
                                    "weekend",
                                    "morning",
                                    "night",
                                    "evening",
                                    "afternoon",
                                ],
                            ))
                    {
                        k += 2;
                        while k < s_end && self.kind(k) == TokenKind::Number {
                            k += 1;
                        }
                    } else {
                        break;
                    }
                }
            }
        }
        while k < s_end
            && matches!(self.text_of(k), b"," | b":" | EM_DASH | EN_DASH)
            && self.kind(k) == TokenKind::Punct
        {
            k += 1;
        }
        if k >= s_end {
            // A quotation opening in the next sentence after "said:".
            if start > 0
                && self.is_punct(start - 1, ":")
                && k < self.n()
                && let Some(q) = self.quote_of(k).filter(|q| q.open == k)
            {
                return Some((q.open, q.close + 1));
            }
            return None;
        }
        // A quotation right after the cue is the content, unless the
        // sentence goes on after it ("said “only you,” would use ...").
        if let Some(q) = self.quote_of(k).filter(|q| q.open == k) {
            let next = q.close + 1;
            let goes_on = next < s_end && self.doc.tokens[next].is_word() && q.close < s_end;
            if !goes_on {
                return Some((q.open, q.close + 1));
            }
        }
        // To the end of the sentence without its final punctuation; a
        // quotation that opens inside and runs on is taken whole.
        let mut end = s_end;
        while end > k
            && matches!(self.text_of(end - 1), b"." | b"!" | b"?" | b"..")
            && self.kind(end - 1) == TokenKind::Punct
        {
            end -= 1;
        }
        let object = e.object
            && !self.is_any(
                k,
                &["that", "to", "whether", "if", "how", "what", "why", "who"],
            );
        let infinitive = self.is_any(k, &["to"]);
        let mut j = k;
        // Each test below holds for one kind of token only: the token's
        // kind is read once.
        while j < end {
            match self.kind(j) {
                TokenKind::Punct => {
                    let text = self.text_of(j);
                    // An object ends at the first comma after it: "endorsed
                    // Trump on Monday, saying ...". (Cutting at
                    // prepositions too was measured and loses more contents
                    // than it saves.)
                    if object && j > k && matches!(text, b"," | b"(" | EM_DASH | EN_DASH) {
                        end = j;
                        break;
                    }
                    // A new clause of attribution or a contrast ends the
                    // content: ", saying", ", but", ", according to", "; ".
                    if text == b";" || (text == b"," && self.ends_content_at_comma(j + 1)) {
                        end = j;
                        break;
                    }
                }
                TokenKind::OpenQuote => {
                    if let Some(q) = self.quote_of(j) {
                        if q.close + 1 >= end {
                            end = end.max(q.close + 1);
                            break;
                        }
                        j = q.close + 1;
                        continue;
                    }
                }
                // A second verb of the source ends it: "criticized the
                // policy and said ...", "endorsed Trump and has appeared
                // with him". Not a verb in its base form after an
                // infinitive: "pledged to preserve stability and defend
                // multilateralism".
                _ => {
                    if j > k + 1
                        && self.is_any(j, &["and", "but"])
                        && self.opens_predicate(j + 1)
                        && !(infinitive && self.is_base_form(j + 1))
                    {
                        end = j;
                        break;
                    }
                }
            }
            j += 1;
        }
        (end > k).then_some((k, end))
    }

    /// Whether a word after a comma opens a new clause that ends a content.
    pub(super) fn ends_content_at_comma(&self, k: usize) -> bool {
        if k >= self.n() {
            return true;
        }
        let w = self.low(k);
        matches!(
            w,
            "but"
                | "while"
                | "although"
                | "whereas"
                | "which"
                | "according"
                | "said"
                | "says"
                | "when"
                | "even"
                | "though"
                | "where"
        ) || (w.ends_with("ing") && self.lex.matcher_forms_participle(w))
            || (self.is_any(k, &["and", "but"]) && self.opens_predicate(k + 1))
    }

    /// Whether token `k` opens a predicate: an auxiliary, a cue, or a verb
    /// in the past tense ("and has said", "and said", "and called").
    pub(super) fn opens_predicate(&self, k: usize) -> bool {
        if k >= self.n() || !self.doc.tokens[k].is_word() || self.doc.tokens[k].has(flag::CAP) {
            return false;
        }
        let w = self.low(k);
        self.is_any(
            k,
            &[
                "has", "have", "had", "is", "was", "were", "will", "would", "could", "did", "does",
                "then", "also", "later", "quickly",
            ],
        ) || self.cue_starts(k)
            || (w.ends_with("ed") && w.len() > 4 && self.lex.matcher_forms_past(w))
    }

    /// The content before an attribution whose comma or closing quote is
    /// at `boundary - 1`: the quotation that ends there (from the sentence
    /// start when the quotation opens mid-sentence), or the clause from the
    /// sentence start (from the paragraph start for unquoted speech in the
    /// first person).
    pub(super) fn content_before(&self, boundary: usize, s_first: usize) -> Option<(usize, usize)> {
        let mut end = boundary;
        if end > s_first && self.text_of(end - 1) == b"," && self.kind(end - 1) == TokenKind::Punct
        {
            end -= 1;
        }
        if end == s_first && end > 0 && self.kind(end - 1) == TokenKind::CloseQuote {
            let q = self.quote_of(end - 1)?;
            return Some((q.open, q.close + 1));
        }
        if end > 0 && self.kind(end - 1) == TokenKind::CloseQuote {
            let q = self.quote_of(end - 1)?;
            // A quotation that opens mid-sentence is part of a longer
            // content: "Yet Trump is also a “change agent,” Cole said".
            let opener = self.skip_discourse(s_first, q.open);
            if q.open > opener && q.open > s_first && q.open < end {
                return Some((opener, end));
            }
            return Some((q.open, q.close + 1));
        }
        let mut first = self.skip_discourse(s_first, end);
        if first >= end {
            return None;
        }
        // Unquoted speech in the first person runs back to the start of its
        // paragraph ("I hope ... . I would also like ..., he said."), over
        // sentences with no quotation and no attribution of their own; a
        // whole paragraph in the first person before an attribution that
        // opens its own joins too ("I don't think ... .\n\nEven if ..., he
        // said."): quotation marks lost on the way.
        let sentences = self.doc.article.sentences();
        let s0 = self.doc.sentence_of(first)?;
        let paragraph = sentences[s0].paragraph;
        let s = self.plain[s0].back_to as usize;
        let back = if s < s0 {
            self.sentence_tokens(s).0
        } else {
            first
        };
        if s == 0 || sentences[s - 1].paragraph == paragraph {
            return Some(if self.first_person_in(back, end) {
                (back, end)
            } else {
                (first, end)
            });
        }
        let p = if sentences[s - 1].paragraph + 1 == paragraph && self.plain[s - 1].plain {
            self.plain[s - 1].back_to as usize
        } else {
            s
        };
        // Only when the attribution opens its paragraph: a reporter's "I"
        // two sentences up is the reporter's.
        let whole = s == s0 && p < s && (p == 0 || sentences[p - 1].paragraph + 1 < paragraph);
        if whole && self.first_person_in(self.sentence_tokens(p).0, self.sentence_tokens(s - 1).1) {
            return Some((self.sentence_tokens(p).0, end));
        }
        if self.first_person_in(back, end) {
            first = back;
        }
        Some((first, end))
    }

    /// Whether a pronoun of the first person stands in tokens `a..b` ("us",
    /// not "US").
    pub(super) fn first_person_in(&self, a: usize, b: usize) -> bool {
        let i = self.first_person.partition_point(|&k| (k as usize) < a);
        self.first_person.get(i).is_some_and(|&k| (k as usize) < b)
    }

    /// The first token after sentence-opening discourse words ("But",
    /// "Still,", "However,") from `first`, not beyond `limit`.
    pub(super) fn skip_discourse(&self, first: usize, limit: usize) -> usize {
        let mut k = first;
        while k < limit && self.class(k, DISCOURSE) {
            k += 1;
            if k < limit && self.text_of(k) == b"," {
                k += 1;
            }
        }
        k
    }
}
