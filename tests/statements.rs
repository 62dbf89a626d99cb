//! Statements: the shapes of news attribution, speakers, channels.

use newsgraph::{Analysis, Statement, StatementKind, analyze};

fn statements(text: &str) -> Analysis {
    analyze(text).unwrap()
}

/// The statement whose cue text is `cue` (first one).
fn by_cue<'a>(a: &'a Analysis, cue: &str) -> &'a Statement {
    a.statements
        .iter()
        .find(|s| s.cue.text == cue)
        .unwrap_or_else(|| panic!("no statement with cue {cue:?} in {:#?}", a.statements))
}

/// The statement whose source text is `source` (first one).
fn by_source<'a>(a: &'a Analysis, source: &str) -> &'a Statement {
    a.statements
        .iter()
        .find(|s| s.source.as_ref().is_some_and(|x| x.text == source))
        .unwrap_or_else(|| panic!("no statement with source {source:?} in {:#?}", a.statements))
}

fn speaker_name(a: &Analysis, s: &Statement) -> Option<String> {
    s.speaker
        .as_ref()
        .and_then(|id| a.actor(id))
        .map(|x| x.name.clone())
}

/// (input, cue, source, content, kind)
#[test]
fn shapes_of_attribution() {
    use StatementKind::*;
    let cases: &[(&str, &str, &str, &str, &str, StatementKind)] = &[
        (
            "said that",
            "Chancellor Olaf Scholz said that the talks had failed.",
            "said",
            "Chancellor Olaf Scholz",
            "that the talks had failed",
            Indirect,
        ),
        (
            "said, no that",
            "The minister said the talks had failed.",
            "said",
            "The minister",
            "the talks had failed",
            Indirect,
        ),
        (
            "content first",
            "The talks had failed, the minister said.",
            "said",
            "the minister",
            "The talks had failed",
            Indirect,
        ),
        (
            "inverted with appositive",
            "The talks had failed, said Ana Ferreira, a professor at the University of Lisbon.",
            "said",
            "Ana Ferreira, a professor at the University of Lisbon",
            "The talks had failed",
            Indirect,
        ),
        (
            "quote first",
            "“We will not give up,” Ferreira said.",
            "said",
            "Ferreira",
            "“We will not give up,”",
            Direct,
        ),
        (
            "colon",
            "The minister said: the talks had failed.",
            "said:",
            "The minister",
            "the talks had failed",
            Indirect,
        ),
        (
            "colon and quote",
            "The minister said: “The talks have failed.”",
            "said:",
            "The minister",
            "“The talks have failed.”",
            Direct,
        ),
        (
            "according to first",
            "According to Reuters, the talks had failed.",
            "According to",
            "Reuters",
            "the talks had failed",
            Indirect,
        ),
        (
            "according to last",
            "The talks had failed, according to Reuters.",
            "according to",
            "Reuters",
            "The talks had failed",
            Indirect,
        ),
        (
            "told reporters",
            "The minister told reporters that the talks had failed.",
            "told reporters",
            "The minister",
            "that the talks had failed",
            Indirect,
        ),
        (
            "mixed",
            "Ferreira said the plan was “dead on arrival” in Brussels.",
            "said",
            "Ferreira",
            "the plan was “dead on arrival” in Brussels",
            Mixed,
        ),
        (
            "parenthetical party",
            "Sen. Chuck Grassley (R-Iowa) said the hearing would go ahead.",
            "said",
            "Sen. Chuck Grassley (R-Iowa)",
            "the hearing would go ahead",
            Indirect,
        ),
        (
            "adjective cue with its copula",
            "Regulators are concerned that the bank has too little capital.",
            "are concerned",
            "Regulators",
            "that the bank has too little capital",
            Indirect,
        ),
        (
            "how the source spoke, set off",
            "Senator Ana Ferreira, in a statement, said the match would be replayed.",
            "said",
            "Senator Ana Ferreira",
            "the match would be replayed",
            Indirect,
        ),
        (
            "how the source spoke, after the cue",
            "The developer explained in a blog post that the bug had been fixed.",
            "explained",
            "The developer",
            "that the bug had been fixed",
            Indirect,
        ),
        (
            "source after a phrase",
            "The reforms came too late in the view of most analysts.",
            "in the view of",
            "most analysts",
            "The reforms came too late",
            Indirect,
        ),
        (
            "two-apostrophe quotes",
            "''We won,'' Mr. Lee said.",
            "said",
            "Mr. Lee",
            "''We won,''",
            Direct,
        ),
        (
            "inverted, with a relative clause that holds a cue",
            "“The vote was close,” said Ana Ferreira, a former minister who is supporting the coalition.",
            "said",
            "Ana Ferreira, a former minister who is supporting the coalition",
            "“The vote was close,”",
            Direct,
        ),
        (
            "a noun in -ly",
            "The organizer of the rally said the permit had been revoked.",
            "said",
            "The organizer of the rally",
            "the permit had been revoked",
            Indirect,
        ),
        (
            "a poll's respondents",
            "In the new poll, most of those surveyed said the plan would fail.",
            "said",
            "most of those surveyed",
            "the plan would fail",
            Indirect,
        ),
        (
            "familiar with",
            "The talks will resume, people familiar with the matter said.",
            "said",
            "people familiar with the matter",
            "The talks will resume",
            Indirect,
        ),
        (
            "close to an object pronoun",
            "The minister will resign, a source close to him said.",
            "said",
            "a source close to him",
            "The minister will resign",
            Indirect,
        ),
        (
            "a title, then the name",
            "The agency's director, Ana Ferreira, said the talks had failed.",
            "said",
            "The agency's director, Ana Ferreira,",
            "the talks had failed",
            Indirect,
        ),
        (
            "inverted, then how the source spoke",
            "“The vote was close,” said Ana Ferreira in a statement.",
            "said",
            "Ana Ferreira",
            "“The vote was close,”",
            Direct,
        ),
        (
            "overall between the source and the cue",
            "But 58 percent of rural voters overall said the economy came first.",
            "said",
            "58 percent of rural voters",
            "the economy came first",
            Indirect,
        ),
        (
            "another as a source",
            "One survey found a rise, while another says the numbers fell.",
            "says",
            "another",
            "the numbers fell",
            Indirect,
        ),
        (
            "another before a noun",
            "Another ranking says the fortune has shrunk.",
            "says",
            "Another ranking",
            "the fortune has shrunk",
            Indirect,
        ),
        (
            "a share of a poll's respondents",
            "About four in 10 rural voters said the economy was their main worry.",
            "said",
            "About four in 10 rural voters",
            "the economy was their main worry",
            Indirect,
        ),
        (
            "a share with no noun after it",
            "More than 6 in 10 said they would vote.",
            "said",
            "More than 6 in 10",
            "they would vote",
            Indirect,
        ),
        (
            "a qualified number",
            "In the survey, only 24 percent said the plan would work.",
            "said",
            "only 24 percent",
            "the plan would work",
            Indirect,
        ),
    ];
    for (name, text, cue, source, content, kind) in cases {
        let a = statements(text);
        let s = by_cue(&a, cue);
        assert_eq!(
            s.source.as_ref().map(|x| x.text.as_str()),
            Some(*source),
            "{name}: source"
        );
        assert_eq!(s.content.text, *content, "{name}: content");
        assert_eq!(s.kind, *kind, "{name}: kind");
    }
}

#[test]
fn reportedly_has_no_source() {
    let a = statements("The club has reportedly offered the coach a new contract.");
    let s = by_cue(&a, "reportedly");
    assert_eq!(s.source, None);
    assert_eq!(s.speaker, None);
    assert_eq!(s.content.text, "The club has");
    assert_eq!(
        s.continuation
            .iter()
            .map(|c| c.text.as_str())
            .collect::<Vec<_>>(),
        ["offered the coach a new contract"]
    );
}

#[test]
fn interrupted_and_continuing_quotes() {
    let a = statements("“We came to talk,” Ferreira said, “and we will stay.”");
    let s = by_cue(&a, "said");
    assert_eq!(s.content.text, "“We came to talk,”");
    assert_eq!(
        s.continuation
            .iter()
            .map(|c| c.text.as_str())
            .collect::<Vec<_>>(),
        ["“and we will stay.”"]
    );
    assert_eq!(s.kind, StatementKind::Direct);

    let a = statements("“We came to talk,” Ferreira said. “We will stay as long as it takes.”");
    let s = by_cue(&a, "said");
    assert_eq!(s.continuation.len(), 1);
    assert_eq!(
        s.continuation[0].text,
        "“We will stay as long as it takes.”"
    );
}

#[test]
fn a_source_phrase_interrupts_its_content() {
    let a =
        statements("Over the long term, according to the budget office, the deficit will rise.");
    let s = by_cue(&a, "according to");
    assert_eq!(s.content.text, "Over the long term");
    let more: Vec<&str> = s.continuation.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(more, ["the deficit will rise"]);
    // A clause of its own after the source is not part of the content.
    let a = statements("Prices rose, according to the report, but wages fell.");
    let s = by_cue(&a, "according to");
    assert_eq!(s.content.text, "Prices rose");
    assert!(s.continuation.is_empty());
}

#[test]
fn a_headline_label_and_its_colon() {
    let a = statements("Poll: Ferreira Leads Costa by Six Points\n\nThe race in Lisbon tightened.");
    let s = by_cue(&a, ":");
    assert_eq!(s.source.as_ref().map(|x| x.text.as_str()), Some("Poll"));
    assert_eq!(s.content.text, "Ferreira Leads Costa by Six Points");
    // A teaser is no source.
    let a =
        statements("Watch: Ferreira Leads Costa by Six Points\n\nThe race in Lisbon tightened.");
    assert!(a.statements.iter().all(|s| s.cue.text != ":"));
}

#[test]
fn speaking_says_something_only_about_a_thing() {
    let a = statements("The senator spoke about the war in Ukraine.");
    assert_eq!(by_cue(&a, "spoke about").content.text, "the war in Ukraine");
    for text in [
        "The senator spoke to reporters on Tuesday.",
        "The president spoke for 77 minutes at the convention.",
        "She spoke at a rally in Ohio.",
    ] {
        let a = statements(text);
        assert!(
            a.statements.iter().all(|s| !s.cue.text.contains("spoke")),
            "{text}: {:?}",
            a.statements
        );
    }
}

#[test]
fn quotation_over_several_paragraphs() {
    let text = "Ana Ferreira, a professor at the University of Lisbon, spoke at length.\n\n“The first thing is trust.\n\n“The second is money. Without both, nothing works,” she said.";
    let a = statements(text);
    let s = by_cue(&a, "said");
    assert!(
        s.content.text.starts_with("“The first thing is trust."),
        "{:?}",
        s.content.text
    );
    assert!(s.content.text.ends_with("nothing works,”"));
    assert_eq!(s.kind, StatementKind::Direct);
    assert_eq!(speaker_name(&a, s).as_deref(), Some("Ana Ferreira"));
}

#[test]
fn unquoted_first_person_speech_is_direct() {
    let text = "Mara Lindqvist is a senior fellow at the institute.\n\nI hope both sides listen. I would also like to believe that the talks resume, she said.";
    let a = statements(text);
    let s = by_cue(&a, "said");
    assert_eq!(
        s.content.text,
        "I hope both sides listen. I would also like to believe that the talks resume"
    );
    assert_eq!(s.kind, StatementKind::Direct);
    assert_eq!(speaker_name(&a, s).as_deref(), Some("Mara Lindqvist"));
    // The first-person cues inside are part of her statement, not their own.
    assert_eq!(a.statements.len(), 1, "{:#?}", a.statements);
}

#[test]
fn unquoted_first_person_speech_reaches_its_attribution() {
    // The last sentence before the attribution has no "I" of its own.
    let text = "Mara Lindqvist is a senior fellow at the institute.\n\nI think the pressure has helped. Whether it lasts is another matter, she said.";
    let a = statements(text);
    let s = by_cue(&a, "said");
    assert_eq!(
        s.content.text,
        "I think the pressure has helped. Whether it lasts is another matter"
    );
    assert_eq!(s.kind, StatementKind::Direct);
    assert_eq!(a.statements.len(), 1, "{:#?}", a.statements);

    // A whole paragraph in the first person before an attribution that
    // opens the next one.
    let text = "Ana Ferreira teaches at the University of Lisbon.\n\nI don't think the plan will work.\n\nEven if they tried, it would fail, she said.";
    let a = statements(text);
    let s = by_cue(&a, "said");
    assert!(
        s.content.text.starts_with("I don't think"),
        "{:?}",
        s.content.text
    );
    assert!(s.content.text.ends_with("it would fail"));
    assert_eq!(s.kind, StatementKind::Direct);
    assert_eq!(speaker_name(&a, s).as_deref(), Some("Ana Ferreira"));

    // "US" is a country and "By Us for Us" a name, not the first person.
    let text = "The program grew fast.\n\nThe US gained from it, the minister said.";
    let a = statements(text);
    let s = by_cue(&a, "said");
    assert_eq!(s.content.text, "The US gained from it");
    assert_eq!(s.kind, StatementKind::Indirect);
}

#[test]
fn no_attribution_in_infinitives_and_reduced_relatives() {
    // "defend" continues the infinitive that "pledged" governs.
    let a = statements("Ferreira pledged to preserve stability and defend the treaty.");
    assert_eq!(a.statements.len(), 1, "{:#?}", a.statements);
    assert_eq!(
        a.statements[0].content.text,
        "to preserve stability and defend the treaty"
    );
    // "a forum established in 2005" is no one establishing anything.
    let a = statements(
        "The ministers co-chaired the consultations, a forum established in 2005, with the council.",
    );
    assert!(
        a.statements.iter().all(|s| s.cue.text != "established"),
        "{:#?}",
        a.statements
    );
}

#[test]
fn channels_and_nested_reports() {
    let a = statements("date 2021-05-29 Xinhua said Putin pledged to work with China.");
    let inner = by_cue(&a, "pledged");
    assert_eq!(speaker_name(&a, inner).as_deref(), Some("Vladimir Putin"));
    assert_eq!(
        inner
            .via
            .as_ref()
            .and_then(|v| a.actor(v))
            .map(|x| x.name.as_str()),
        Some("Xinhua News Agency")
    );
    let outer = by_cue(&a, "said");
    assert_eq!(
        speaker_name(&a, outer).as_deref(),
        Some("Xinhua News Agency")
    );

    let a = statements("The talks will resume next week, the minister said, according to Reuters.");
    let s = by_cue(&a, "said");
    assert_eq!(
        s.via
            .as_ref()
            .and_then(|v| a.actor(v))
            .map(|x| x.name.as_str()),
        Some("Reuters")
    );
    assert_eq!(s.content.text, "The talks will resume next week");
}

/// The content before "according to X" stops at an earlier "according to
/// Y,": that is an attribution, not part of what X reported. A run of them
/// no longer gives each a content back to the sentence start, an output
/// fifty times the input.
#[test]
fn according_to_does_not_reach_over_another() {
    let a = statements(
        "The talks failed, according to Xinhua, and the envoys left, according to TASS.",
    );
    assert_eq!(by_source(&a, "TASS").content.text, "and the envoys left");
    assert_eq!(by_source(&a, "Xinhua").content.text, "The talks failed");

    let text = format!(
        "date 2024-03-12 Run\n\n{}",
        "according to Xinhua, ".repeat(3000)
    );
    let a = statements(&text);
    let content: usize = a.statements.iter().map(|s| s.content.text.len()).sum();
    assert!(content <= 2 * text.len(), "{content} bytes of content");
}

#[test]
fn speakers_resolve_pronouns_and_stay_null_when_anonymous() {
    let text = "Ana Ferreira, a professor at the University of Lisbon, spoke on Monday. The plan is dead, she said.";
    let a = statements(text);
    assert_eq!(
        speaker_name(&a, by_cue(&a, "said")).as_deref(),
        Some("Ana Ferreira")
    );

    let a = statements("A senior official said the plan was dead.");
    let s = by_cue(&a, "said");
    assert_eq!(s.source.as_ref().unwrap().text, "A senior official");
    assert_eq!(s.speaker, None);
}

#[test]
fn statements_are_ordered_and_never_cross_their_cue() {
    let text =
        "“A,” he said. Officials said B, adding that C. According to Reuters, D. E, she said, “F.”";
    let a = statements(text);
    assert!(!a.statements.is_empty());
    let mut last = 0;
    for s in &a.statements {
        assert!(s.cue.start >= last, "out of order: {:#?}", a.statements);
        last = s.cue.start;
        assert!(!s.content.text.trim().is_empty());
        assert!(
            s.content.end <= s.cue.start || s.content.start >= s.cue.end,
            "{s:#?}"
        );
        for c in &s.continuation {
            assert!(c.end <= s.cue.start || c.start >= s.cue.end);
        }
    }
}

#[test]
fn unmatched_quote_marks_do_not_break_anything() {
    let mut text = String::from("Officials said the vote went ahead. ");
    for _ in 0..2000 {
        text.push_str("“ he said ");
    }
    let a = analyze(&text).unwrap();
    assert!(
        a.statements
            .iter()
            .all(|s| s.content.span().is_valid_in(a.article.text()))
    );
}
