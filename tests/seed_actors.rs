//! The actors of the seed article (`../shared/data/seed`).

mod common;

use newsgraph::{Actor, ActorKind, Analysis, MentionForm, analyze};

fn norm(s: &str) -> String {
    s.replace('’', "'")
}

/// The actors named `name`: by canonical name or by a name or alias mention.
fn named<'a>(analysis: &'a Analysis, name: &str) -> Vec<&'a Actor> {
    analysis
        .actors
        .iter()
        .filter(|a| {
            norm(&a.name) == name
                || a.mentions.iter().any(|m| {
                    matches!(m.form, MentionForm::Name | MentionForm::Alias)
                        && norm(&m.text) == name
                })
        })
        .collect()
}

#[test]
fn seed_actors_found_once_with_kind() {
    let Some(text) = common::seed() else { return };
    let analysis = analyze(&text).unwrap();
    use ActorKind::*;
    let want: &[(&str, ActorKind)] = &[
        ("China", Country),
        ("Russia", Country),
        ("United States", Country),
        ("Joe Biden", Person),
        ("Vladimir Putin", Person),
        ("Xi Jinping", Person),
        ("Yang Jiechi", Person),
        ("Xinhua News Agency", Media),
        ("TASS", Media),
        ("Nikolai Patrushev", Person),
        ("Russian Security Council", Organization),
        ("Zhu Feng", Person),
        ("Nanjing University", Organization),
        ("Donald Trump", Person),
        ("Group of 7", Organization),
        ("Vladimir Portyakov", Person),
        ("Institute of Far Eastern Affairs", Organization),
        ("Russian Academy of Sciences", Organization),
        ("Global Times", Media),
        ("People's Daily", Media),
        ("Communist Party", Organization),
        ("Artyom Lukin", Person),
        ("Far Eastern Federal University", Organization),
    ];
    for (name, kind) in want {
        let found = named(&analysis, name);
        assert_eq!(found.len(), 1, "{name}: {found:#?}");
        assert_eq!(found[0].kind, *kind, "{name}");
    }
}

#[test]
fn seed_metonyms_and_merges() {
    let Some(text) = common::seed() else { return };
    let analysis = analyze(&text).unwrap();
    let one = |name: &str| named(&analysis, name)[0].clone();
    let has = |actor: &Actor, text: &str, form: MentionForm| {
        actor
            .mentions
            .iter()
            .any(|m| norm(&m.text) == text && m.form == form)
    };
    let (russia, china, usa) = (one("Russia"), one("China"), one("United States"));
    assert!(has(&russia, "Moscow", MentionForm::Metonym));
    assert!(has(&china, "Beijing", MentionForm::Metonym));
    assert!(has(&usa, "Washington", MentionForm::Metonym));
    assert!(has(&usa, "White House", MentionForm::Metonym));
    assert!(
        usa.mentions
            .iter()
            .any(|m| m.text.ends_with("Biden administration") && m.form == MentionForm::Metonym)
    );
    // Every Moscow is Russia's, every Beijing China's.
    for a in &analysis.actors {
        if a.id != russia.id {
            assert!(!a.mentions.iter().any(|m| m.text == "Moscow"), "{a:?}");
        }
        if a.id != china.id {
            assert!(!a.mentions.iter().any(|m| m.text == "Beijing"), "{a:?}");
        }
    }
    let putin = one("Vladimir Putin");
    assert!(has(&putin, "Putin", MentionForm::Name));
    assert!(has(
        &putin,
        "his Russian counterpart",
        MentionForm::Description
    ));
    let biden = one("Joe Biden");
    assert!(has(&biden, "the US president", MentionForm::Description));
    let xi = one("Xi Jinping");
    assert!(
        xi.mentions.iter().any(|m| m.text == "Xi Jinpings"),
        "the misspelling merges: {xi:?}"
    );
    assert!(has(&one("Yang Jiechi"), "Yang", MentionForm::Name));
    assert!(has(&one("Artyom Lukin"), "Lukin", MentionForm::Name));
    assert!(has(&one("Zhu Feng"), "Zhu", MentionForm::Name));
    assert!(china.mentions.iter().any(|m| m.text == "China"));
}

#[test]
fn seed_roles_countries_codes() {
    let Some(text) = common::seed() else { return };
    let analysis = analyze(&text).unwrap();
    let one = |name: &str| named(&analysis, name)[0].clone();
    let zhu = one("Zhu Feng");
    assert!(
        zhu.roles
            .iter()
            .any(|r| r == "professor of international relations at Nanjing University"),
        "{zhu:?}"
    );
    assert_eq!(zhu.country.map(|c| c.to_string()).as_deref(), Some("CHN"));
    assert_eq!(zhu.code.as_deref(), Some("CHNEDU"));
    let portyakov = one("Vladimir Portyakov");
    assert!(
        portyakov.roles[0].starts_with("deputy director of the Institute of Far Eastern Affairs")
    );
    assert_eq!(portyakov.code.as_deref(), Some("RUSEDU"));
    let lukin = one("Artyom Lukin");
    assert_eq!(lukin.code.as_deref(), Some("RUSEDU"));
    assert_eq!(one("Vladimir Putin").code.as_deref(), Some("RUSGOV"));
    assert_eq!(one("Joe Biden").code.as_deref(), Some("USAGOV"));
    assert_eq!(one("Xinhua News Agency").code.as_deref(), Some("CHNMED"));
    assert_eq!(one("TASS").code.as_deref(), Some("RUSMED"));
    let patrushev = one("Nikolai Patrushev");
    assert!(
        patrushev
            .roles
            .iter()
            .any(|r| r.to_lowercase().contains("security council secretary")),
        "{patrushev:?}"
    );
    assert_eq!(patrushev.code.as_deref(), Some("RUSGOV"));
}

#[test]
fn seed_has_no_actor_made_of_a_common_word() {
    let Some(text) = common::seed() else { return };
    let analysis = analyze(&text).unwrap();
    let words: std::collections::HashSet<&str> = include_str!("../data/english_words.tsv")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .collect();
    // No actor is named by a single common word ("Analysts",
    // "Strengthening"), nor known only by common words.
    for a in &analysis.actors {
        if a.kind == ActorKind::Country {
            continue;
        }
        let common = |s: &str| !s.contains(' ') && words.contains(s.to_lowercase().as_str());
        assert!(!common(&a.name), "{} is a common word", a.name);
        assert!(
            !a.mentions.iter().all(|m| common(&m.text)),
            "{} is known only by common words: {:?}",
            a.name,
            a.mentions
        );
    }
}
