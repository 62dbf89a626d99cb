//! The same input gives byte-identical JSON: across runs, across analyzers,
//! across threads, and between `analyze` and `analyze_batch` (which spreads
//! texts over all cores with the `parallel` feature).

mod common;

use newsgraph::{Analyzer, analyze};

/// Texts of every sort: the sample, the seed and PolNeAR articles when
/// `../shared` is present, and a few odd ones, including one that fails.
fn texts() -> Vec<String> {
    let mut out = vec![
        include_str!("../data/sample-article.txt").to_owned(),
        "“We will win,” he said. “They lost.” Putin said. According to Xinhua, \
         China and Russia met. Officials said the U.S. would act."
            .repeat(20),
        "Alpha Bravo Charlie said Delta Echo told reporters ".repeat(50),
        "“Yes ".repeat(300),
        String::new(),
        "date 2021-02-30 Talks resumed.".to_owned(),
    ];
    out.extend(common::seed());
    for path in common::polnear_texts(40).unwrap_or_default() {
        out.push(std::fs::read_to_string(path).expect("PolNeAR texts are UTF-8"));
    }
    out
}

/// The JSON of an analysis, or the error's kind and message.
fn json(result: newsgraph::Result<newsgraph::Analysis>) -> String {
    match result {
        Ok(a) => serde_json::to_string(&a).expect("an analysis serializes"),
        Err(e) => format!("error {:?}: {e}", e.kind()),
    }
}

#[test]
fn same_json_across_runs_and_analyzers() {
    let texts = texts();
    // A built analyzer with only options changed shares the default's data;
    // one with an extra (empty) dictionary compiles its own.
    let built = Analyzer::builder().max_bytes(1 << 26).build().unwrap();
    let compiled = Analyzer::builder()
        .dictionary(
            newsgraph::Dictionary::Media,
            "name\taliases\tcountry\tambiguous\n",
        )
        .build()
        .unwrap();
    for text in &texts {
        let first = json(analyze(text));
        assert_eq!(first, json(analyze(text)), "second run differs");
        assert_eq!(first, json(built.analyze(text)), "a built analyzer differs");
        assert_eq!(
            first,
            json(compiled.analyze(text)),
            "a freshly compiled analyzer differs"
        );
    }
}

#[test]
fn same_json_across_threads_and_batches() {
    let texts = texts();
    let analyzer = Analyzer::new();
    let one_by_one: Vec<String> = texts.iter().map(|t| json(analyzer.analyze(t))).collect();

    let batch: Vec<String> = analyzer
        .analyze_batch(&texts)
        .into_iter()
        .map(json)
        .collect();
    assert_eq!(batch.len(), texts.len());
    for (k, (a, b)) in one_by_one.iter().zip(&batch).enumerate() {
        assert_eq!(a, b, "analyze_batch differs from analyze on text {k}");
    }
    // Texts handed over give the same analyses, in the same order.
    let owned: Vec<String> = analyzer
        .analyze_batch_owned(texts.clone())
        .into_iter()
        .map(json)
        .collect();
    assert_eq!(
        owned, one_by_one,
        "analyze_batch_owned differs from analyze"
    );
    for (k, text) in texts.iter().enumerate() {
        let single = json(analyzer.analyze_owned(text.clone()));
        assert_eq!(single, one_by_one[k], "analyze_owned differs on text {k}");
    }

    // Several threads analyzing the same texts at once, in other orders.
    let threads: Vec<Vec<String>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..4)
            .map(|shift| {
                let (texts, analyzer) = (&texts, analyzer.clone());
                scope.spawn(move || {
                    let n = texts.len();
                    let mut out = vec![String::new(); n];
                    for k in 0..n {
                        let i = (k * 7 + shift) % n;
                        out[i] = json(analyzer.analyze(&texts[i]));
                    }
                    out
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for (t, results) in threads.iter().enumerate() {
        assert_eq!(results, &one_by_one, "thread {t} differs");
    }

    // Batches of other sizes, and one text many times over.
    for chunk in [1, 3, 16] {
        let chunked: Vec<String> = texts
            .chunks(chunk)
            .flat_map(|c| analyzer.analyze_batch(c))
            .map(json)
            .collect();
        assert_eq!(chunked, one_by_one, "batches of {chunk} differ");
    }
    let same = vec![texts[0].as_str(); 32];
    for result in analyzer.analyze_batch(&same) {
        assert_eq!(json(result), one_by_one[0]);
    }
}

/// A text read in parts (with the `parallel` feature, the parts are
/// analyzed on all cores) gives the same JSON across runs, threads and
/// batches.
#[test]
fn same_json_for_texts_read_in_parts() {
    let texts = texts();
    let windowed = Analyzer::builder().window_bytes(300).build().unwrap();
    let first: Vec<String> = texts.iter().map(|t| json(windowed.analyze(t))).collect();
    let again: Vec<String> = texts.iter().map(|t| json(windowed.analyze(t))).collect();
    assert_eq!(first, again, "a second run differs");
    let batch: Vec<String> = windowed
        .analyze_batch(&texts)
        .into_iter()
        .map(json)
        .collect();
    assert_eq!(batch, first, "a batch differs");
    let threads: Vec<Vec<String>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..3)
            .map(|_| {
                let (texts, windowed) = (&texts, windowed.clone());
                scope.spawn(move || texts.iter().map(|t| json(windowed.analyze(t))).collect())
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for (t, results) in threads.iter().enumerate() {
        assert_eq!(results, &first, "thread {t} differs");
    }
}

/// The stage functions, fed the analysis's own actors and statements, give
/// what `analyze` gives: the analyzer runs the stages on lighter inputs (the
/// statements before their texts are built), and must not drift from them.
#[test]
fn stage_functions_agree_with_analyze() {
    for text in texts() {
        let Ok(article) = newsgraph::Article::parse(&text) else {
            continue;
        };
        let analysis = Analyzer::default().analyze_article(&article);
        let actors = newsgraph::extract_actors(&article);
        let statements = newsgraph::extract_statements(&article, &actors);
        assert_eq!(
            statements, analysis.statements,
            "statements of {:.60}",
            text
        );
        let relations =
            newsgraph::extract_relations(&article, &analysis.actors, &analysis.statements);
        assert_eq!(relations, analysis.relations, "relations of {:.60}", text);
    }
}
