//! The statements of the seed article (`../shared/data/seed`).

mod common;

use newsgraph::{Analysis, Statement, StatementKind, analyze};

fn speaker(a: &Analysis, s: &Statement) -> Option<String> {
    s.speaker
        .as_ref()
        .and_then(|id| a.actor(id))
        .map(|x| x.name.clone())
}

fn via(a: &Analysis, s: &Statement) -> Option<String> {
    s.via
        .as_ref()
        .and_then(|id| a.actor(id))
        .map(|x| x.name.clone())
}

#[test]
fn seed_he_said_resolves_to_each_expert() {
    let Some(text) = common::seed() else { return };
    let a = analyze(&text).unwrap();
    // The "he said" statements, in order, and whose paragraph they close.
    let he: Vec<(String, Option<String>)> = a
        .statements
        .iter()
        .filter(|s| s.source.as_ref().is_some_and(|x| x.text == "he") && s.cue.text == "said")
        .map(|s| (s.content.text.chars().take(20).collect(), speaker(&a, s)))
        .collect();
    let names: Vec<Option<&str>> = he.iter().map(|(_, s)| s.as_deref()).collect();
    assert_eq!(
        names,
        [
            Some("Zhu Feng"),
            Some("Vladimir Portyakov"),
            Some("Artyom Lukin"),
            Some("Artyom Lukin"),
            Some("Zhu Feng"),
        ],
        "{he:#?}"
    );
    // Lost quotation marks: the first-person paragraphs are direct speech
    // running back to the paragraph's start.
    let direct: Vec<&Statement> = a
        .statements
        .iter()
        .filter(|s| s.kind == StatementKind::Direct)
        .collect();
    assert!(
        direct
            .iter()
            .any(|s| s.content.text.starts_with("I hope Moscow")),
        "{direct:#?}"
    );
}

#[test]
fn seed_yang_said_according_to_xinhua() {
    let Some(text) = common::seed() else { return };
    let a = analyze(&text).unwrap();
    let yang: Vec<&Statement> = a
        .statements
        .iter()
        .filter(|s| s.source.as_ref().is_some_and(|x| x.text == "Yang") && s.cue.text == "said")
        .collect();
    assert_eq!(yang.len(), 1, "{:#?}", a.statements);
    let s = yang[0];
    assert_eq!(speaker(&a, s).as_deref(), Some("Yang Jiechi"));
    assert_eq!(via(&a, s).as_deref(), Some("Xinhua News Agency"));
    assert!(
        s.content
            .text
            .starts_with("China is ready to work with Russia")
    );
    // Putin's pledge came through Xinhua too.
    let pledge = a
        .statements
        .iter()
        .find(|s| s.cue.text.ends_with("pledged"))
        .unwrap();
    assert_eq!(speaker(&a, pledge).as_deref(), Some("Vladimir Putin"));
    assert_eq!(via(&a, pledge).as_deref(), Some("Xinhua News Agency"));
}

#[test]
fn seed_named_speakers() {
    let Some(text) = common::seed() else { return };
    let a = analyze(&text).unwrap();
    let said_by = |name: &str| {
        a.statements
            .iter()
            .filter(|s| speaker(&a, s).as_deref() == Some(name))
            .count()
    };
    for name in [
        "Zhu Feng",
        "Vladimir Portyakov",
        "Artyom Lukin",
        "Vladimir Putin",
        "Yang Jiechi",
    ] {
        assert!(
            said_by(name) >= 1,
            "no statement by {name}: {:#?}",
            a.statements
        );
    }
    // "Zhu Feng, professor of ..., said": the source keeps the appositive.
    let zhu = a
        .statements
        .iter()
        .find(|s| {
            s.source
                .as_ref()
                .is_some_and(|x| x.text.starts_with("Zhu Feng,"))
        })
        .expect("Zhu Feng's statement with his appositive");
    assert!(zhu.content.text.starts_with("the Geneva summit"));
    assert!(a.statements.iter().all(|s| !s.content.text.is_empty()));
}
