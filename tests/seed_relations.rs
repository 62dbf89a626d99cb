//! The relations of the seed article (`../shared/data/seed`): the
//! interactions an event-data researcher reads in it, and none between
//! actors merely named together.

mod common;

use common::{actor_is as is, relations_between, straight as norm};
use newsgraph::{Analysis, Modality, QuadClass, Relation, analyze};

/// The relations between `x` and `y` with CAMEO root `root`: from `x` to
/// `y`, or either way when symmetric.
fn found<'a>(analysis: &'a Analysis, x: &str, y: &str, root: &str) -> Vec<&'a Relation> {
    relations_between(analysis, x, y)
        .into_iter()
        .filter(|r| r.cameo.as_str() == root)
        .collect()
}

fn show(analysis: &Analysis) -> String {
    let name = |id: &str| {
        analysis
            .actor(id)
            .map(|a| a.name.clone())
            .unwrap_or_default()
    };
    analysis
        .relations
        .iter()
        .map(|r| {
            format!(
                "\n  {} s{} {} -> {} {} {:?} {:?}",
                r.id,
                r.sentence,
                name(&r.source),
                name(&r.target),
                r.cameo,
                r.modality,
                r.trigger.text
            )
        })
        .collect()
}

/// The index of the sentence containing `words`.
fn sentence_with(analysis: &Analysis, words: &str) -> usize {
    analysis
        .article
        .sentences()
        .iter()
        .position(|s| norm(analysis.article.slice(s.span())).contains(words))
        .unwrap_or_else(|| panic!("no sentence with {words:?}"))
}

#[test]
fn seed_relations() {
    let Some(text) = common::seed() else { return };
    let a = analyze(&text).unwrap();
    let all = show(&a);
    // (x, y, root, modality, symmetric)
    let want: &[(&str, &str, &str, Modality, bool)] = &[
        // China and Russia strengthen their relationship: one mutual 03.
        ("China", "Russia", "03", Modality::Asserted, true),
        // The first summit between Joe Biden and Vladimir Putin.
        (
            "Joe Biden",
            "Vladimir Putin",
            "04",
            Modality::Asserted,
            true,
        ),
        // Putin's telephone conversation with Yang Jiechi.
        (
            "Vladimir Putin",
            "Yang Jiechi",
            "04",
            Modality::Asserted,
            true,
        ),
        // Putin and Xi launch the nuclear reactor project.
        (
            "Vladimir Putin",
            "Xi Jinping",
            "06",
            Modality::Asserted,
            true,
        ),
        // Yang and Patrushev co-chair the security consultations.
        (
            "Yang Jiechi",
            "Nikolai Patrushev",
            "04",
            Modality::Asserted,
            true,
        ),
        // The Biden administration imposed sanctions on Moscow.
        ("United States", "Russia", "16", Modality::Asserted, false),
        // Moscow and Beijing are unlikely to form a full alliance.
        ("Russia", "China", "06", Modality::Negated, true),
        // Putin pledged to work with China; Yang: China is ready to work with
        // Russia; Russia would provide assistance to Beijing.
        ("Vladimir Putin", "China", "03", Modality::Asserted, false),
        ("China", "Russia", "03", Modality::Asserted, false),
        ("Russia", "China", "07", Modality::Hypothetical, false),
        // Beijing and Moscow have an interest in working together; the
        // summit is likely to bring a normalization of US-Russian relations.
        ("China", "Russia", "06", Modality::Hypothetical, true),
        (
            "United States",
            "Russia",
            "05",
            Modality::Hypothetical,
            true,
        ),
    ];
    for &(x, y, root, modality, symmetric) in want {
        let hits = found(&a, x, y, root);
        assert!(
            hits.iter()
                .any(|r| r.modality == modality && r.symmetric == symmetric),
            "{x} -> {y} {root} {modality:?} symmetric={symmetric}: {all}"
        );
    }
    // "China and Russia reiterated their commitment to strengthen their
    // relationship" is one relation, not two.
    let first = sentence_with(&a, "reiterated their commitment");
    let mutual: Vec<_> = found(&a, "China", "Russia", "03")
        .into_iter()
        .filter(|r| r.sentence == first)
        .collect();
    assert_eq!(mutual.len(), 1, "{all}");
    // The summit is announced by the White House, which is not a party.
    let summit = found(&a, "Joe Biden", "Vladimir Putin", "04");
    assert!(summit.iter().any(|r| r.sentence == first), "{all}");
    assert!(
        !a.relations
            .iter()
            .any(|r| r.sentence == first && is(&a, &r.source, "White House")),
        "{all}"
    );
    // The sanctions are material conflict with GDELT's Goldstein value.
    let sanctions = &found(&a, "United States", "Russia", "16")[0];
    assert_eq!(sanctions.quad, QuadClass::MaterialConflict);
    assert_eq!(sanctions.goldstein, -6.5);
    assert_eq!(norm(&sanctions.trigger.text), "imposed sanctions");
    // Actors merely named together are not parties.
    for words in [
        "drive a wedge between Moscow and Beijing",
        "wanted to drive a wedge between China and Russia",
        "need each other",
        "try to drive a wedge",
    ] {
        let s = sentence_with(&a, words);
        assert!(
            a.relations.iter().all(|r| r.sentence != s),
            "sentence {s} ({words}): {all}"
        );
    }
    // Every relation's statement holds its trigger.
    for r in &a.relations {
        if let Some(id) = &r.statement {
            let s = a.statement(id).unwrap();
            let holds = std::iter::once(&s.content)
                .chain(&s.continuation)
                .any(|c| c.start <= r.trigger.start && r.trigger.start < c.end);
            assert!(holds, "{} {id}: {all}", r.id);
        }
    }
}
