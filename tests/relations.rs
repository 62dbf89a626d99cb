//! Relations: every lexicon example, and tables of sentences with the
//! relations they must (and must not) yield.

mod common;

use common::relations_between as between;
use newsgraph::{Analysis, Analyzer, Date, Modality, QuadClass};

/// The analyzer the tables run with: examples are written as of mid-2024,
/// so surnames of people in office then resolve ("Biden", "Erdogan").
fn analyzer() -> Analyzer {
    Analyzer::builder()
        .date(Date::new(2024, 6, 1).unwrap())
        .build()
        .unwrap()
}

fn show(analysis: &Analysis) -> String {
    let name = |id: &str| {
        analysis
            .actor(id)
            .map(|a| a.name.clone())
            .unwrap_or_default()
    };
    let relations: Vec<String> = analysis
        .relations
        .iter()
        .map(|r| {
            format!(
                "{} -> {} {} {:?}{} {:?}",
                name(&r.source),
                name(&r.target),
                r.cameo,
                r.modality,
                if r.symmetric { " symmetric" } else { "" },
                r.trigger.text
            )
        })
        .collect();
    let actors: Vec<&str> = analysis.actors.iter().map(|a| a.name.as_str()).collect();
    format!("relations {relations:?}, actors {actors:?}")
}

/// The columns of a TSV data file, by header name, for its data lines.
fn rows(text: &str) -> Vec<std::collections::HashMap<String, String>> {
    let mut header: Option<Vec<String>> = None;
    let mut out = Vec::new();
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let fields: Vec<String> = line.split('\t').map(|f| f.trim().to_owned()).collect();
        match &header {
            None => header = Some(fields),
            Some(h) => out.push(h.iter().cloned().zip(fields).collect()),
        }
    }
    out
}

#[test]
fn every_trigger_example_yields_its_relation() {
    let analyzer = analyzer();
    let text = include_str!("../data/triggers.tsv");
    let mut failures = Vec::new();
    let rows = rows(text);
    assert!(rows.len() > 400);
    for row in &rows {
        let example = &row["example"];
        let root = &row["cameo"][..2];
        let a = analyzer.analyze(example).unwrap();
        let found = between(&a, &row["example_source"], &row["example_target"]);
        if !found.iter().any(|r| r.cameo.as_str() == root) {
            failures.push(format!(
                "{example}\n    want {} -> {} {root}; got {}",
                row["example_source"],
                row["example_target"],
                show(&a)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} examples fail:\n{}",
        failures.len(),
        rows.len(),
        failures.join("\n")
    );
}

#[test]
fn every_modality_example_yields_its_modality() {
    let analyzer = analyzer();
    let rows = rows(include_str!("../data/modality.tsv"));
    assert!(rows.len() > 60);
    let mut failures = Vec::new();
    for row in &rows {
        let want = match row["modality"].as_str() {
            "negated" => Modality::Negated,
            _ => Modality::Hypothetical,
        };
        let a = analyzer.analyze(&row["example"]).unwrap();
        if !a.relations.iter().any(|r| r.modality == want) {
            failures.push(format!("{} ({want:?}): {}", row["example"], show(&a)));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// An expected relation: source, target, CAMEO root, modality, symmetric.
type Want = (&'static str, &'static str, &'static str, Modality, bool);

use Modality::{Asserted, Hypothetical, Negated};

/// A table row: a text, the relations it must yield, the pairs of actors
/// it must not relate.
type Case<'a> = (&'a str, &'a [Want], &'a [(&'a str, &'a str)]);

/// Checks that each text yields (at least) its expected relations, and
/// none between the pairs listed as forbidden.
fn check(cases: &[Case<'_>]) {
    let analyzer = analyzer();
    let mut failures = Vec::new();
    for (text, want, forbidden) in cases {
        let a = analyzer.analyze(text).unwrap();
        for &(source, target, root, modality, symmetric) in want.iter() {
            let ok = between(&a, source, target).iter().any(|r| {
                r.cameo.as_str() == root && r.modality == modality && r.symmetric == symmetric
            });
            if !ok {
                failures.push(format!(
                    "{text}\n    want {source} -> {target} {root} {modality:?}{}; got {}",
                    if symmetric { " symmetric" } else { "" },
                    show(&a)
                ));
            }
        }
        for &(x, y) in forbidden.iter() {
            if !between(&a, x, y).is_empty() || !between(&a, y, x).is_empty() {
                failures.push(format!(
                    "{text}\n    want nothing between {x} and {y}; got {}",
                    show(&a)
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn sources_and_targets() {
    check(&[
        // Coordinated subjects each act on the target.
        (
            "Japan, India and Australia held talks with the United States.",
            &[
                ("Japan", "United States", "04", Asserted, true),
                ("India", "United States", "04", Asserted, true),
                ("Australia", "United States", "04", Asserted, true),
            ],
            &[("Japan", "India")],
        ),
        // A role noun's target is the person in apposition to it.
        (
            "Foreign Minister Kenji Arakawa met his South Korean counterpart, Park Min-seo, for talks.",
            &[("Kenji Arakawa", "Park Min-seo", "04", Asserted, true)],
            &[("Kenji Arakawa", "South Korea")],
        ),
        // A wire dateline is not the subject of the first sentence.
        (
            "Tokyo and Delhi draw closer\n\nTOKYO, May 3 (Reuters) - Japan and India pledged on Friday to deepen their security cooperation.",
            &[("Japan", "India", "06", Asserted, true)],
            &[],
        ),
        // An apposition's actor is not the subject.
        (
            "Xi Jinping, the president of China, met Vladimir Putin in Moscow.",
            &[("Xi Jinping", "Vladimir Putin", "04", Asserted, true)],
            &[("China", "Vladimir Putin")],
        ),
        // A verb coordinated with an earlier one shares its subject.
        (
            "Putin met Xi Jinping and signed a deal with China.",
            &[
                ("Putin", "Xi Jinping", "04", Asserted, true),
                ("Putin", "China", "05", Asserted, true),
            ],
            &[("Xi Jinping", "China")],
        ),
        // A relative clause: its own subject is the antecedent; it is not
        // the main clause's subject.
        (
            "Japan, which has long criticized China, signed a deal with India.",
            &[
                ("Japan", "China", "11", Asserted, false),
                ("Japan", "India", "05", Asserted, true),
            ],
            &[("China", "India")],
        ),
        // A clause about something else holds no party of the main one.
        (
            "After Russia invaded Ukraine, Japan imposed sanctions on Russia.",
            &[
                ("Russia", "Ukraine", "19", Asserted, false),
                ("Japan", "Russia", "16", Asserted, false),
            ],
            &[("Ukraine", "Japan")],
        ),
        // A passive's agent acts.
        (
            "Ukraine was attacked by Russia.",
            &[("Russia", "Ukraine", "19", Asserted, false)],
            &[],
        ),
        // Mediation between two parties targets both.
        (
            "Qatar mediated between Israel and Hamas.",
            &[
                ("Qatar", "Israel", "04", Asserted, false),
                ("Qatar", "Hamas", "04", Asserted, false),
            ],
            &[("Israel", "Hamas")],
        ),
        // A noun trigger's possessive is its source.
        (
            "Russia's invasion of Ukraine shocked Europe.",
            &[("Russia", "Ukraine", "19", Asserted, false)],
            &[],
        ),
        // A fronted phrase's event belongs to the main subject after it.
        (
            "In a telephone call with Xi Jinping, Putin praised China.",
            &[
                ("Putin", "Xi Jinping", "04", Asserted, true),
                ("Putin", "China", "05", Asserted, false),
            ],
            &[("Xi Jinping", "China")],
        ),
        // The most specific actor of a noun phrase.
        (
            "Japan met Russian Security Council Secretary Nikolai Patrushev.",
            &[("Japan", "Nikolai Patrushev", "04", Asserted, true)],
            &[("Japan", "Russian Security Council"), ("Japan", "Russia")],
        ),
        // A state's adjective is a party before an agent noun only.
        (
            "Russian forces attacked Ukraine.",
            &[("Russian", "Ukraine", "19", Asserted, false)],
            &[],
        ),
        (
            "Japan praised Russian technology.",
            &[],
            &[("Japan", "Russian")],
        ),
        // A person in office and their own state are not two parties.
        (
            "Vladimir Putin praised Russia.",
            &[],
            &[("Vladimir Putin", "Russia")],
        ),
        // The pronoun of a subordinate clause is the main subject.
        (
            "The Biden administration softened its stance since it imposed sanctions on Moscow.",
            &[("The Biden administration", "Moscow", "16", Asserted, false)],
            &[],
        ),
    ]);
}

#[test]
fn mutual_relations() {
    check(&[
        // Coordinated subjects and a reciprocal word: one mutual relation.
        (
            "China and Russia reiterated their commitment to strengthen their relationship.",
            &[("China", "Russia", "03", Asserted, true)],
            &[],
        ),
        (
            "Vladimir Putin and Xi Jinping launched a project to build reactors.",
            &[("Vladimir Putin", "Xi Jinping", "06", Asserted, true)],
            &[],
        ),
        (
            "The White House announced the first summit between Joe Biden and Vladimir Putin.",
            &[("Joe Biden", "Vladimir Putin", "04", Asserted, true)],
            &[
                ("White House", "Joe Biden"),
                ("White House", "Vladimir Putin"),
            ],
        ),
        (
            "Analysts described the Biden-Putin summit as a success.",
            &[("Biden", "Putin", "04", Asserted, true)],
            &[],
        ),
        // Actors merely listed are not parties.
        (
            "Some observers said it was an attempt to drive a wedge between Moscow and Beijing.",
            &[],
            &[("Moscow", "Beijing")],
        ),
        (
            "China and Russia need each other.",
            &[],
            &[("China", "Russia")],
        ),
        (
            "Diplomats from China, Russia and Japan attended the ceremony.",
            &[],
            &[("China", "Russia"), ("Russia", "Japan"), ("China", "Japan")],
        ),
    ]);
    let a = analyzer()
        .analyze("China and Russia reiterated their commitment to strengthen their relationship.")
        .unwrap();
    assert_eq!(a.relations.len(), 1, "{}", show(&a));
}

#[test]
fn modality() {
    check(&[
        (
            "Moscow and Beijing are unlikely to form a full alliance.",
            &[("Moscow", "Beijing", "06", Negated, true)],
            &[],
        ),
        (
            "Japan did not sign the agreement with China.",
            &[("Japan", "China", "05", Negated, true)],
            &[],
        ),
        (
            "Zelensky refused to meet Putin.",
            &[("Zelensky", "Putin", "12", Asserted, false)],
            &[],
        ),
        (
            "Russia denied that it attacked Ukraine.",
            &[("Russia", "Ukraine", "19", Negated, false)],
            &[],
        ),
        (
            "Japan may sign the agreement with China.",
            &[("Japan", "China", "05", Hypothetical, true)],
            &[],
        ),
        (
            "Japan plans to sign the agreement with China.",
            &[("Japan", "China", "05", Hypothetical, true)],
            &[],
        ),
        (
            "If Japan signs the agreement with China, India will protest.",
            &[("Japan", "China", "05", Hypothetical, true)],
            &[],
        ),
        (
            "Japan is expected to sign the agreement with China.",
            &[("Japan", "China", "05", Hypothetical, true)],
            &[],
        ),
        (
            "Japan and China announced a possible summit.",
            &[("Japan", "China", "04", Hypothetical, true)],
            &[],
        ),
        (
            "Japan signed the agreement with China on Monday.",
            &[("Japan", "China", "05", Asserted, true)],
            &[],
        ),
    ]);
}

#[test]
fn precedence() {
    check(&[
        // A governing trigger wins over the one in its span.
        (
            "Ankara threatened to cut ties with Israel.",
            &[("Ankara", "Israel", "13", Asserted, false)],
            &[],
        ),
        (
            "Japan agreed to hold talks with China.",
            &[("Japan", "China", "03", Asserted, true)],
            &[],
        ),
        // A longer noun head after a light verb is more specific.
        (
            "Israel signed a ceasefire agreement with Lebanon.",
            &[("Israel", "Lebanon", "08", Asserted, true)],
            &[],
        ),
        // A verb that ends the event governs its noun.
        (
            "Israel halted its offensive against Hamas.",
            &[("Israel", "Hamas", "08", Asserted, false)],
            &[],
        ),
    ]);
    let analyzer = analyzer();
    for (text, absent) in [
        ("Ankara threatened to cut ties with Israel.", "16"),
        ("Japan agreed to hold talks with China.", "04"),
        ("Israel halted its offensive against Hamas.", "19"),
    ] {
        let a = analyzer.analyze(text).unwrap();
        assert!(
            a.relations.iter().all(|r| r.cameo.as_str() != absent),
            "{text}: {}",
            show(&a)
        );
    }
}

#[test]
fn first_person_speech_and_statement_links() {
    let analyzer = analyzer();
    let a = analyzer
        .analyze("“We will cooperate with Japan,” Vladimir Putin said.")
        .unwrap();
    let found = between(&a, "Vladimir Putin", "Japan");
    assert_eq!(found.len(), 1, "{}", show(&a));
    let r = found[0];
    assert_eq!(r.modality, Hypothetical);
    let statement = a.statement(r.statement.as_deref().unwrap()).unwrap();
    assert_eq!(statement.speaker.as_deref(), Some(r.source.as_str()));
    assert!(statement.content.start <= r.trigger.start && r.trigger.end <= statement.content.end);

    let a = analyzer
        .analyze("Vladimir Putin said Russia would provide assistance to Syria.")
        .unwrap();
    let found = between(&a, "Russia", "Syria");
    assert_eq!(found.len(), 1, "{}", show(&a));
    assert_eq!(found[0].cameo.as_str(), "07");
    assert_eq!(found[0].modality, Hypothetical);
    assert!(found[0].statement.is_some(), "{}", show(&a));

    // A relation outside any statement links to none.
    let a = analyzer
        .analyze("Japan imposed sanctions on Russia.")
        .unwrap();
    assert_eq!(a.relations.len(), 1, "{}", show(&a));
    assert_eq!(a.relations[0].statement, None);
}

#[test]
fn figurative_violence_between_politicians_is_criticism() {
    let analyzer = Analyzer::builder()
        .date(Date::new(2016, 5, 1).unwrap())
        .build()
        .unwrap();
    let a = analyzer
        .analyze("Donald Trump attacked Hillary Clinton over her emails. Bernie Sanders fought Clinton on trade.")
        .unwrap();
    let attack = between(&a, "Donald Trump", "Hillary Clinton");
    assert_eq!(attack.len(), 1, "{}", show(&a));
    assert_eq!(attack[0].cameo.as_str(), "11");
    assert_eq!(attack[0].quad, QuadClass::VerbalConflict);
    assert_eq!(attack[0].goldstein, -2.0);
    let fight = between(&a, "Bernie Sanders", "Clinton");
    assert!(
        fight.iter().all(|r| r.cameo.as_str() == "11"),
        "{}",
        show(&a)
    );
    // Between states, violence is violence.
    let a = analyzer.analyze("Russia attacked Ukraine.").unwrap();
    assert_eq!(a.relations[0].cameo.as_str(), "19");
    assert_eq!(a.relations[0].quad, QuadClass::MaterialConflict);
}

#[test]
fn relations_are_well_formed() {
    let analyzer = analyzer();
    let texts = [
        include_str!("../data/sample-article.txt"),
        "Russia’s invasion of Ukraine — condemned by Japan — drew sanctions: Japan imposed sanctions on Russia. «Nous», dit Macron. Китай и Россия подписали. China and Russia signed a deal with Iran.",
        "Japan met China. Japan met Japan. They met us.",
    ];
    for text in texts {
        let a = analyzer.analyze(text).unwrap();
        for (i, r) in a.relations.iter().enumerate() {
            assert_eq!(r.id, format!("R{}", i + 1));
            assert!(a.actor(&r.source).is_some() && a.actor(&r.target).is_some());
            assert_ne!(r.source, r.target);
            if let Some(s) = &r.statement {
                assert!(a.statement(s).is_some());
            }
            assert!(r.trigger.span().is_valid_in(a.article.text()));
            assert_eq!(a.article.slice(r.trigger.span()), r.trigger.text);
            assert!(r.sentence < a.article.sentences().len());
            let s = a.article.sentences()[r.sentence].span();
            assert!(s.start <= r.trigger.start && r.trigger.end <= s.end);
            assert_eq!(r.quad, r.cameo.quad_class());
            assert_eq!(r.cameo.as_str().len(), 2);
            assert!((-10.0..=10.0).contains(&r.goldstein));
        }
        for w in a.relations.windows(2) {
            assert!(w[0].trigger.start <= w[1].trigger.start);
        }
    }
}

#[test]
fn event_table_lists_relations() {
    let analyzer = analyzer();
    let a = analyzer
        .analyze(
            "date 2021-05-29 Japan imposed sanctions on Russia. China and Russia signed a deal.",
        )
        .unwrap();
    let b = analyzer.analyze("Talks ended.").unwrap();
    assert_eq!(a.relations.len(), 2, "{}", show(&a));
    let table = newsgraph::to_event_table(&[a, b]);
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines[0], newsgraph::EVENT_TABLE_HEADER);
    assert_eq!(lines.len(), 3);
    let columns = newsgraph::EVENT_TABLE_HEADER.split('\t').count();
    let first: Vec<&str> = lines[1].split('\t').collect();
    assert_eq!(first.len(), columns);
    assert_eq!(
        &first[..12],
        [
            "1",
            "2021-05-29",
            "Japan",
            "JPN",
            "Russia",
            "RUS",
            "16",
            "4",
            "-6.5",
            "asserted",
            "false",
            "imposed sanctions"
        ]
    );
    assert_eq!(first[12], "Japan imposed sanctions on Russia.");
    let second: Vec<&str> = lines[2].split('\t').collect();
    assert_eq!(&second[6..11], ["05", "1", "8.0", "asserted", "true"]);
}

/// The tables of `check`, with an analyzer dated in the 2016 campaign.
fn check_2016(cases: &[Case<'_>]) {
    let analyzer = Analyzer::builder()
        .date(Date::new(2016, 5, 1).unwrap())
        .build()
        .unwrap();
    let mut failures = Vec::new();
    for (text, want, forbidden) in cases {
        let a = analyzer.analyze(text).unwrap();
        for &(source, target, root, modality, symmetric) in want.iter() {
            let ok = between(&a, source, target).iter().any(|r| {
                r.cameo.as_str() == root && r.modality == modality && r.symmetric == symmetric
            });
            if !ok {
                failures.push(format!(
                    "{text}\n    want {source} -> {target} {root} {modality:?}; got {}",
                    show(&a)
                ));
            }
        }
        for &(x, y) in forbidden.iter() {
            if !between(&a, x, y).is_empty() || !between(&a, y, x).is_empty() {
                failures.push(format!(
                    "{text}\n    want nothing between {x} and {y}; got {}",
                    show(&a)
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn campaign_news() {
    check_2016(&[
        // Supporters, critics and rivals of a politician are not the politician.
        (
            "Donald Trump attacked Hillary Clinton supporters in Ohio.",
            &[],
            &[("Donald Trump", "Hillary Clinton")],
        ),
        // A title is not an event: "Fox News host".
        (
            "Donald Trump told Fox News host Sean Hannity that he would win.",
            &[],
            &[("Fox News", "Sean Hannity")],
        ),
        (
            "Months after the primary, Fox News host Sean Hannity indicated the feud had ended.",
            &[],
            &[("Fox News", "Sean Hannity")],
        ),
        // An idiom holds no event.
        (
            "Ted Cruz held his fire on Ben Carson.",
            &[],
            &[("Ted Cruz", "Ben Carson")],
        ),
        // A cue before a comma governs its own phrase.
        (
            "Without naming him, Hillary Clinton accused Bernie Sanders of hypocrisy.",
            &[("Hillary Clinton", "Bernie Sanders", "11", Asserted, false)],
            &[],
        ),
        (
            "Donald Trump avoided criticizing James Comey.",
            &[("Donald Trump", "James Comey", "11", Negated, false)],
            &[],
        ),
        // The negation of another verb does not reach its object's event.
        (
            "Chuck Grassley was criticized for not condemning Donald Trump's attacks on Hillary Clinton.",
            &[("Donald Trump", "Hillary Clinton", "11", Asserted, false)],
            &[],
        ),
        // "whether or not" is a question, not a negation.
        (
            "Voters will decide whether or not Bernie Sanders endorsed Hillary Clinton.",
            &[(
                "Bernie Sanders",
                "Hillary Clinton",
                "05",
                Hypothetical,
                false,
            )],
            &[],
        ),
        // A participle's object is not the subject.
        (
            "Hackers backing Bashar al-Assad hijacked the account of the Associated Press.",
            &[],
            &[("Bashar al-Assad", "Associated Press")],
        ),
        // A non-mutual event in a phrase situating the clause is not the
        // subject's.
        (
            "James Brady was shot during the assassination attempt on Ronald Reagan.",
            &[],
            &[("James Brady", "Ronald Reagan")],
        ),
        // Coordinated subjects with an object of their own.
        (
            "Ronald Reagan and Donald Trump battled staunch opposition from the media.",
            &[],
            &[("Ronald Reagan", "Donald Trump")],
        ),
        (
            "Hillary Clinton and Bernie Sanders clashed over trade.",
            &[("Hillary Clinton", "Bernie Sanders", "11", Asserted, true)],
            &[],
        ),
        // A target after a comma only behind an apposition.
        (
            "Joe Biden occupied the spotlight, some of Hillary Clinton's backers kept quiet.",
            &[],
            &[("Joe Biden", "Hillary Clinton")],
        ),
        // An abbreviation's period ends no clause.
        (
            "Bernie Sanders mocked Mr. Trump's wedding and accused Hillary Clinton of lying.",
            &[("Bernie Sanders", "Hillary Clinton", "11", Asserted, false)],
            &[("Trump", "Hillary Clinton")],
        ),
    ]);
}
