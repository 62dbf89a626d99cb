//! A text longer than the analyzer's window is analyzed in parts and the
//! parts' results joined. These tests cut a text made of copies of the
//! embedded sample article at the copies and check the joined result
//! against each copy analyzed alone.

mod common;

use newsgraph::{Actor, Analysis, Analyzer, Relation, Statement};

const SAMPLE: &str = include_str!("../data/sample-article.txt");
const HEADER: &str = "date 2024-03-12 Scaling\n\n";

/// The sample's body (without its header line), trimmed.
fn body() -> &'static str {
    SAMPLE.split_once('\n').map_or(SAMPLE, |(_, b)| b).trim()
}

/// `HEADER` and four copies of the body, each followed by a blank line,
/// and the window that cuts it at the copies.
fn copies() -> (String, usize) {
    let unit = format!("{}\n\n", body());
    (format!("{HEADER}{}", unit.repeat(4)), unit.len())
}

/// The copies, the window, and their analysis in parts of one copy each.
fn joined_copies() -> (String, usize, Analysis) {
    let (text, unit) = copies();
    let joined = Analyzer::builder()
        .window_bytes(unit)
        .build()
        .unwrap()
        .analyze(&text)
        .unwrap();
    (text, unit, joined)
}

/// The name of actor `id` in `analysis`.
fn name<'a>(analysis: &'a Analysis, id: &str) -> &'a str {
    &analysis.actor(id).expect("ids name actors").name
}

/// A statement as found, told by where it lies from `base` and by its
/// speaker's name rather than ids.
fn statement_seen(analysis: &Analysis, s: &Statement, base: usize) -> String {
    format!(
        "{}..{} {:?} {:?} {}..{} {:?} {:?}",
        s.cue.start - base,
        s.cue.end - base,
        s.cue.text,
        s.speaker.as_deref().map(|id| name(analysis, id)),
        s.content.start - base,
        s.content.end - base,
        s.kind,
        s.via.as_deref().map(|id| name(analysis, id)),
    )
}

/// A relation as found, by place and actor names.
fn relation_seen(analysis: &Analysis, r: &Relation, base: usize) -> String {
    format!(
        "{}..{} {} {} -> {} {:?} {}",
        r.trigger.start - base,
        r.trigger.end - base,
        r.cameo,
        name(analysis, &r.source),
        name(analysis, &r.target),
        r.modality,
        r.statement.is_some(),
    )
}

#[test]
fn the_first_part_is_the_first_copy_analyzed_alone() {
    let (_, unit, joined) = joined_copies();
    let alone = Analyzer::new()
        .analyze(&format!("{HEADER}{}\n\n", body()))
        .unwrap();
    let end = HEADER.len() + unit;
    // The first part's statements and relations come first, with the same
    // ids, speakers and spans.
    let first: Vec<&Statement> = joined
        .statements
        .iter()
        .filter(|s| s.cue.start < end)
        .collect();
    assert_eq!(first, alone.statements.iter().collect::<Vec<_>>());
    let first: Vec<&Relation> = joined
        .relations
        .iter()
        .filter(|r| r.trigger.start < end)
        .collect();
    assert_eq!(first, alone.relations.iter().collect::<Vec<_>>());
    // Each actor of the copy is the joined actor with its id, with the
    // copy's mentions first.
    for actor in &alone.actors {
        let same = joined.actor(&actor.id).expect("the same id");
        assert_eq!((&same.name, same.kind), (&actor.name, actor.kind));
        let mentions: Vec<_> = same.mentions.iter().filter(|m| m.start < end).collect();
        assert_eq!(mentions, actor.mentions.iter().collect::<Vec<_>>());
        for role in &actor.roles {
            assert!(same.roles.contains(role));
        }
    }
}

#[test]
fn later_parts_find_the_same_in_each_copy() {
    let (_, unit, joined) = joined_copies();
    // Copies 2 to 4 have no header, headline or dateline of their own, so
    // they may differ from the first; they must not differ from each other.
    let copy = |k: usize| {
        let start = HEADER.len() + k * unit;
        let statements: Vec<String> = joined
            .statements
            .iter()
            .filter(|s| (start..start + unit).contains(&s.cue.start))
            .map(|s| statement_seen(&joined, s, start))
            .collect();
        let relations: Vec<String> = joined
            .relations
            .iter()
            .filter(|r| (start..start + unit).contains(&r.trigger.start))
            .map(|r| relation_seen(&joined, r, start))
            .collect();
        (statements, relations)
    };
    let second = copy(1);
    assert!(second.0.len() >= 5 && !second.1.is_empty(), "{second:?}");
    assert_eq!(copy(2), second);
    assert_eq!(copy(3), second);
}

#[test]
fn joined_ids_are_numbered_in_text_order_and_actors_are_one_per_name() {
    let (text, unit, joined) = joined_copies();
    for (i, a) in joined.actors.iter().enumerate() {
        assert_eq!(a.id, format!("A{}", i + 1));
        assert!(a.mentions.windows(2).all(|m| m[0].end <= m[1].start));
        assert_eq!(
            a.mentions[0].text,
            &text[a.mentions[0].start..a.mentions[0].end]
        );
    }
    // Actors in order of first mention, one per name and kind.
    let firsts: Vec<usize> = joined.actors.iter().map(|a| a.mentions[0].start).collect();
    assert!(firsts.windows(2).all(|f| f[0] < f[1]));
    let mut keys: Vec<_> = joined.actors.iter().map(|a| (&a.name, a.kind)).collect();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), joined.actors.len());
    // An actor named in every copy has the mentions of all four.
    let japan: &Actor = joined.actors.iter().find(|a| a.name == "Japan").unwrap();
    for k in 0..4 {
        let start = HEADER.len() + k * unit;
        assert!(
            japan
                .mentions
                .iter()
                .any(|m| (start..start + unit).contains(&m.start))
        );
    }
    for (i, s) in joined.statements.iter().enumerate() {
        assert_eq!(s.id, format!("S{}", i + 1));
        let sentence = joined.article.sentences()[s.sentence];
        assert!(sentence.start <= s.cue.start && s.cue.end <= sentence.end);
        assert_eq!(s.cue.text, &text[s.cue.start..s.cue.end]);
    }
    for (i, r) in joined.relations.iter().enumerate() {
        assert_eq!(r.id, format!("R{}", i + 1));
        let sentence = joined.article.sentences()[r.sentence];
        assert!(sentence.start <= r.trigger.start && r.trigger.end <= sentence.end);
        if let Some(id) = &r.statement {
            let s = joined.statement(id).unwrap();
            assert_eq!(s.sentence, r.sentence, "{r:?} {s:?}");
        }
    }
}

#[test]
fn a_text_within_the_window_is_read_whole() {
    let (text, _) = copies();
    let whole = Analyzer::builder()
        .window_bytes(usize::MAX)
        .build()
        .unwrap()
        .analyze(&text)
        .unwrap();
    let fits = Analyzer::builder()
        .window_bytes(text.len())
        .build()
        .unwrap()
        .analyze(&text)
        .unwrap();
    assert_eq!(whole, fits);
}

/// The default window holds any news article with room to spare: the
/// longest of PolNeAR's (34 KB) three times over.
#[test]
fn no_polnear_article_is_cut_by_the_default_window() {
    let Some(paths) = common::polnear_texts(usize::MAX) else {
        return;
    };
    let longest = paths
        .iter()
        .map(|p| std::fs::metadata(p).expect("the article is there").len() as usize)
        .max()
        .expect("PolNeAR has articles");
    assert!(3 * longest < newsgraph::DEFAULT_WINDOW, "{longest} bytes");
}

/// A person given a new role in every sentence keeps as many roles as one
/// part would give: the parts' roles are not piled up (each new one would
/// be compared with all before it).
#[test]
fn joined_roles_are_bounded() {
    let mut text = String::from("date 2024-03-12 Roles\n\n");
    for k in 0..400 {
        text.push_str(&format!(
            "Wang Lei, a professor at University {k}, said the talks went well.\n\n"
        ));
    }
    let analysis = Analyzer::builder()
        .window_bytes(2000)
        .build()
        .unwrap()
        .analyze(&text)
        .unwrap();
    let wang = analysis
        .actors
        .iter()
        .find(|a| a.name == "Wang Lei")
        .expect("Wang Lei is an actor");
    assert_eq!(wang.mentions.len(), 400);
    assert!(
        !wang.roles.is_empty() && wang.roles.len() <= 64,
        "{}",
        wang.roles.len()
    );
}
