//! Criterion benchmarks: the matcher alone (the FST, side by side with the Aho-Corasick automaton
//! it replaced), words and matcher, the whole pipeline on a document (markdown, matching,
//! filters, fixes, positions, JSON), and building the linter (the start-up cost of every run:
//! from the tables compiled at build time, side by side with compiling the dictionaries at
//! start). The text is the project's own fixtures, repeated to about 1 MB. Side by side with
//! ripgrep: `scripts/bench.sh`.

use std::hint::black_box;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use anglint::report::{FileReport, Style};
use anglint::{FileKind, Linter, format, linter::Policy, words::Words};
use codespan_reporting::term::termcolor::NoColor;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

/// The fixtures, repeated to about 1 MB of markdown.
fn document() -> String {
    let mut text = String::new();
    let mut names: Vec<_> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures"))
        .expect("fixtures/ is there")
        .map(|entry| entry.expect("a fixture").path())
        .collect();
    names.sort();
    let one: String = names
        .iter()
        .map(|path| std::fs::read_to_string(path).expect("a fixture reads") + "\n")
        .collect();
    while text.len() < 1_000_000 {
        text.push_str(&one);
    }
    text
}

fn benches(c: &mut Criterion) {
    let linter = Linter::builtin().expect("the built-in dictionaries load");
    let text = document();
    let policy = Policy::default();

    let mut group = c.benchmark_group("1 MB markdown");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(20);
    let haystacks: Vec<String> = format::blocks(&text, FileKind::Markdown)
        .iter()
        .map(|block| Words::new(&text, block).haystack)
        .collect();
    let automaton = reference_automaton(&linter);
    group.bench_function("matcher alone: FST", |b| {
        b.iter(|| {
            let found: usize = haystacks
                .iter()
                .map(|haystack| linter.lexicon().find_iter(haystack).count())
                .sum();
            black_box(found)
        })
    });
    group.bench_function(
        "matcher alone: Aho-Corasick, contiguous NFA (reference)",
        |b| {
            b.iter(|| {
                let found: usize = haystacks
                    .iter()
                    .map(|haystack| automaton.find_iter(haystack).count())
                    .sum();
                black_box(found)
            })
        },
    );
    group.bench_function("matcher (words + automaton)", |b| {
        b.iter(|| {
            let mut found = 0;
            for block in format::blocks(&text, FileKind::Markdown) {
                let words = Words::new(&text, &block);
                found += linter.lexicon().find_iter(&words.haystack).count();
            }
            black_box(found)
        })
    });
    group.bench_function("pipeline (lint + positions + JSON)", |b| {
        b.iter(|| {
            let diagnostics = linter.lint_with(&text, FileKind::Markdown, &policy);
            let report = FileReport::new("bench.md".into(), &text, diagnostics, 0, false);
            let mut out = NoColor::new(std::io::sink());
            anglint::report::write(&mut out, Style::Json, &[report], &[]).expect("a sink takes it");
        })
    });
    group.finish();

    let mut group = c.benchmark_group("start-up");
    group.sample_size(10);
    group.bench_function("build the linter", |b| {
        b.iter(|| black_box(Linter::builtin().expect("the built-in dictionaries load")))
    });
    group.bench_function("compile the dictionaries at start (reference)", |b| {
        b.iter(|| {
            black_box(
                Linter::from_sources(anglint::builtin::SOURCES.iter().copied())
                    .expect("the built-in dictionaries load"),
            )
        })
    });
    group.finish();
}

/// The automaton the lexicon used before the FST, over the same patterns.
fn reference_automaton(linter: &Linter) -> AhoCorasick {
    let strings: Vec<String> = anglint::lexicon::patterns(linter.terms(), &linter.lexicon().forms)
        .into_iter()
        .map(|(key, _)| key)
        .collect();
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build(&strings)
        .expect("the automaton builds")
}

criterion_group!(pipeline, benches);
criterion_main!(pipeline);
