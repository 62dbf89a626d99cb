//! Actor extraction: detection, merging, metonymy, descriptions by date,
//! user dictionaries.

use newsgraph::{ActorKind, Analysis, Analyzer, Dictionary, MentionForm, analyze};

fn actor<'a>(a: &'a Analysis, name: &str) -> &'a newsgraph::Actor {
    a.actors
        .iter()
        .find(|x| x.name == name)
        .unwrap_or_else(|| panic!("no actor {name} in {:#?}", a.actors))
}

fn mentions(a: &Analysis, name: &str) -> Vec<(String, MentionForm)> {
    actor(a, name)
        .mentions
        .iter()
        .map(|m| (m.text.clone(), m.form))
        .collect()
}

#[test]
fn metonyms_stand_for_states() {
    let a = analyze("The Kremlin rejected the offer, and Washington said Beijing must respond. Downing Street declined to comment.").unwrap();
    assert!(mentions(&a, "Russia").contains(&("Kremlin".into(), MentionForm::Metonym)));
    assert!(mentions(&a, "United States").contains(&("Washington".into(), MentionForm::Metonym)));
    assert!(mentions(&a, "China").contains(&("Beijing".into(), MentionForm::Metonym)));
    assert!(
        mentions(&a, "United Kingdom").contains(&("Downing Street".into(), MentionForm::Metonym))
    );
}

#[test]
fn descriptions_resolve_by_article_date() {
    let text =
        |date: &str| format!("date {date} The US president met the German chancellor in Berlin.");
    let a = analyze(&text("2021-05-29")).unwrap();
    assert!(
        mentions(&a, "Joe Biden").contains(&("The US president".into(), MentionForm::Description))
    );
    assert!(
        mentions(&a, "Angela Merkel")
            .contains(&("the German chancellor".into(), MentionForm::Description))
    );
    let a = analyze(&text("2016-06-01")).unwrap();
    assert!(
        mentions(&a, "Barack Obama")
            .contains(&("The US president".into(), MentionForm::Description))
    );
}

#[test]
fn titles_and_family_names() {
    let a =
        analyze("date 2019-03-01 President Xi met Prime Minister Abe. Xi said ties had improved.")
            .unwrap();
    let xi = mentions(&a, "Xi Jinping");
    assert_eq!(xi.iter().filter(|(t, _)| t == "Xi").count(), 2, "{xi:?}");
    assert!(
        actor(&a, "Xi Jinping")
            .roles
            .contains(&"president".to_owned())
    );
    assert!(a.actors.iter().any(|x| x.name == "Shinzo Abe"));
}

#[test]
fn people_sharing_a_surname_stay_apart() {
    let a = analyze(
        "Bill Clinton praised Hillary Clinton on Monday. Clinton later said she would run.",
    )
    .unwrap();
    let people: Vec<&str> = a
        .actors
        .iter()
        .filter(|x| x.kind == ActorKind::Person)
        .map(|x| x.name.as_str())
        .collect();
    assert!(
        people.contains(&"Bill Clinton") && people.contains(&"Hillary Clinton"),
        "{people:?}"
    );
    // The bare surname goes to the person mentioned last.
    assert!(
        mentions(&a, "Hillary Clinton")
            .iter()
            .any(|(t, _)| t == "Clinton")
    );
}

#[test]
fn possessives_and_adjectives() {
    let a = analyze("China’s economy grew as Russian diplomats met.").unwrap();
    let china = mentions(&a, "China");
    assert!(china.iter().any(|(t, _)| t == "China"), "{china:?}");
    assert!(
        mentions(&a, "Russia")
            .iter()
            .any(|(t, f)| t == "Russian" && *f == MentionForm::Alias)
    );
    // A two-word adjective is the state's, not a person's or a place's.
    let a = analyze("The Saudi Arabian government said it would meet Iran.").unwrap();
    assert!(
        mentions(&a, "Saudi Arabia")
            .iter()
            .any(|(t, _)| t.contains("Saudi Arabian")),
        "{:?}",
        a.actors
    );
}

#[test]
fn names_found_from_context() {
    let text = "Analysts noted the shift. Artyom Lukin, associate professor at Far Eastern Federal University, said ties were strong. Lukin added that he saw no alliance.";
    let a = analyze(text).unwrap();
    assert!(!a.actors.iter().any(|x| x.name == "Analysts"));
    let lukin = actor(&a, "Artyom Lukin");
    assert_eq!(lukin.kind, ActorKind::Person);
    assert_eq!(
        lukin.roles,
        ["associate professor at Far Eastern Federal University"]
    );
    assert_eq!(lukin.code.as_deref(), Some("RUSEDU"));
    let forms: Vec<MentionForm> = lukin.mentions.iter().map(|m| m.form).collect();
    assert_eq!(
        forms,
        [MentionForm::Name, MentionForm::Name, MentionForm::Pronoun]
    );
}

#[test]
fn roles_come_from_appositives_not_from_what_was_said() {
    // Set off by commas on both sides, the phrase before a name is a role.
    let text =
        "Beijing objected. A spokesperson for the Chinese Foreign Ministry, Liu Wen, said so.";
    let a = analyze(text).unwrap();
    assert_eq!(
        actor(&a, "Liu Wen").roles,
        ["spokesperson for the Chinese Foreign Ministry"]
    );
    // Before ", Name said" it is the content of the statement.
    let text =
        "China will implement the consensus of the two presidents and deepen trust, Wang Yi said.";
    let a = analyze(text).unwrap();
    assert!(
        actor(&a, "Wang Yi").roles.is_empty(),
        "{:?}",
        actor(&a, "Wang Yi").roles
    );
}

#[test]
fn definite_descriptions_refer_back_to_title_holders() {
    let text = "Florida Sen. Marco Rubio and Sen. Ted Cruz of Texas met donors. Later the Florida senator said he would stay in the race.";
    let a = analyze(text).unwrap();
    let rubio = actor(&a, "Marco Rubio");
    assert!(
        rubio.roles.iter().any(|r| r == "Florida senator"),
        "{:?}",
        rubio.roles
    );
    assert!(
        mentions(&a, "Marco Rubio")
            .contains(&("the Florida senator".to_owned(), MentionForm::Description)),
        "{:?}",
        mentions(&a, "Marco Rubio")
    );
    let s = &a.statements[0];
    assert_eq!(s.speaker.as_deref(), Some(rubio.id.as_str()));

    // A former holder is not "the president"; a vice president is not one.
    let text = "Vice President Kamala Harris spoke first. The president arrived later.";
    let a = analyze(text).unwrap();
    assert!(
        !mentions(&a, "Kamala Harris")
            .iter()
            .any(|(t, _)| t == "The president"),
        "{:?}",
        mentions(&a, "Kamala Harris")
    );
}

#[test]
fn organizations_from_head_words() {
    let a = analyze("A report by the Brisbane Institute of Strategic Affairs and Nanjing Normal University was published.").unwrap();
    let orgs: Vec<&str> = a
        .actors
        .iter()
        .filter(|x| x.kind == ActorKind::Organization)
        .map(|x| x.name.as_str())
        .collect();
    assert!(
        orgs.contains(&"Brisbane Institute of Strategic Affairs"),
        "{orgs:?}"
    );
    assert!(orgs.contains(&"Nanjing Normal University"), "{orgs:?}");
}

#[test]
fn user_entries_through_the_builder() {
    let people = "name\taliases\tgender\tcountry\toffice\ttitle\tbody\tstart\tend\n\
                  Ana Lucia Ferreira\tAna Ferreira\tf\tBRA\tother\tgovernor\t\t2030-01-01\t\n";
    let analyzer = Analyzer::builder()
        .dictionary(Dictionary::People, people)
        .build()
        .unwrap();
    let a = analyzer
        .analyze(
            "date 2030-05-01 The Brazilian governor arrived. Ana Ferreira said she was pleased.",
        )
        .unwrap();
    let ana = actor(&a, "Ana Lucia Ferreira");
    let forms: Vec<MentionForm> = ana.mentions.iter().map(|m| m.form).collect();
    assert_eq!(
        forms,
        [
            MentionForm::Description,
            MentionForm::Alias,
            MentionForm::Pronoun
        ]
    );
    assert_eq!(ana.code.as_deref(), Some("BRAGOV"));
    // Malformed user data is a typed error naming the line.
    let err = Analyzer::builder()
        .dictionary(
            Dictionary::Media,
            "name\taliases\tcountry\tambiguous\nOnly two\tfields\n",
        )
        .build()
        .unwrap_err();
    assert_eq!(err.kind(), newsgraph::ErrorKind::InvalidData);
    assert!(err.to_string().contains("line 2"), "{err}");
}

#[test]
fn user_entries_from_a_tsv_file() {
    let dir = std::env::temp_dir().join(format!("newsgraph-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("orgs.tsv");
    std::fs::write(
        &path,
        "# a user's own organizations\nname\taliases\tsector\tcountry\tcode\tambiguous\nGreen Harbor Coalition\tGHC\tNGO\tNZL\t\t\n",
    )
    .unwrap();
    let analyzer = Analyzer::builder()
        .dictionary_file(Dictionary::Organizations, &path)
        .unwrap()
        .build()
        .unwrap();
    let a = analyzer
        .analyze("The GHC criticized the port plan.")
        .unwrap();
    let ghc = actor(&a, "Green Harbor Coalition");
    assert_eq!(ghc.code.as_deref(), Some("NZLNGO"));
    assert_eq!(ghc.mentions[0].form, MentionForm::Alias);
    std::fs::remove_dir_all(dir).ok();
}
