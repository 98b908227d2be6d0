//! What makes a run start fast gives the same answers as compiling everything at start:
//! the tables and the matcher `build.rs` embeds are a fresh compile of `dictionaries/`, the
//! morphology that adds own words lazily reads every word as the one with all of them, and the
//! FST matcher finds exactly what a leftmost-longest Aho-Corasick automaton finds.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};
use anglint::builtin::{MATCHER, SOURCES, TABLES};
use anglint::lexicon::Anchor;
use anglint::{FileKind, Linter, lexicon, tables};

static FULL: LazyLock<Linter> = LazyLock::new(|| {
    Linter::from_sources(SOURCES.iter().copied()).unwrap_or_else(|error| panic!("{error}"))
});

fn builtin() -> Linter {
    Linter::builtin().unwrap_or_else(|error| panic!("{error}"))
}

/// A built-in linter that adds own words only as words need them, however many.
fn lazy() -> Linter {
    let linter = builtin();
    linter.morphology().set_lazy_additions(usize::MAX);
    linter
}

#[test]
fn embedded_tables_are_a_fresh_compile() {
    let compiled = tables::compile(SOURCES.iter().copied()).unwrap_or_else(|errors| {
        panic!("{}", errors[0]);
    });
    let fresh = compiled.tables();
    let embedded = tables::decode(TABLES).unwrap();
    assert!(embedded.terms == fresh.terms, "terms differ");
    assert!(embedded.forms == fresh.forms, "forms differ");
    assert!(embedded.own == fresh.own, "own words differ");
    assert!(
        lexicon::matcher(&fresh.terms, &fresh.forms).unwrap() == MATCHER,
        "matchers differ"
    );
    assert_eq!(tables::decode(&tables::encode(&fresh)).unwrap(), fresh);
}

#[test]
fn damaged_tables_are_an_error_not_a_panic() {
    for cut in [0, 1, TABLES.len() / 2, TABLES.len() - 1] {
        assert!(tables::decode(&TABLES[..cut]).is_err(), "{cut}");
    }
}

/// Every example and counterexample of every entry, and the fixtures: texts full of jargon.
fn texts() -> Vec<(String, FileKind)> {
    let mut texts: Vec<(String, FileKind)> = FULL
        .terms()
        .iter()
        .flat_map(|term| term.examples.iter().chain(&term.counterexamples))
        .map(|text| (text.clone(), FileKind::Text))
        .collect();
    let mut fixtures: Vec<_> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    fixtures.sort();
    for path in fixtures {
        let kind = match path.extension().and_then(|extension| extension.to_str()) {
            Some("md") => FileKind::Markdown,
            _ => FileKind::Text,
        };
        texts.push((std::fs::read_to_string(path).unwrap(), kind));
    }
    texts
}

#[test]
fn lazy_morphology_reports_what_a_full_compile_reports() {
    let texts = texts();
    assert!(texts.len() > 2000, "{}", texts.len());
    let expected: Vec<_> = texts
        .iter()
        .map(|(text, kind)| FULL.lint(text, *kind))
        .collect();
    // In order, and from the end: what was added before does not change the answers. And as
    // a run does it: the rest added at once after a few additions.
    let forward = lazy();
    for ((text, kind), expected) in texts.iter().zip(&expected) {
        assert_eq!(&forward.lint(text, *kind), expected, "{text}");
    }
    let backward = lazy();
    for ((text, kind), expected) in texts.iter().zip(&expected).rev() {
        assert_eq!(&backward.lint(text, *kind), expected, "{text}");
    }
    let run = builtin();
    for ((text, kind), expected) in texts.iter().zip(&expected) {
        assert_eq!(&run.lint(text, *kind), expected, "{text}");
    }
}

#[test]
fn lazy_morphology_analyses_every_form_as_the_full_one() {
    let lazy = lazy();
    let forms: Vec<&str> = FULL.lexicon().forms.iter().map(|form| form.text).collect();
    // From the end, and capitalised: other groups are added first, and the key is coarse.
    for form in forms.iter().rev() {
        let capitalised = anglint::text::capitalized(form);
        // Words rumorph analyses by their parts: hyphenated, prefixed, with a particle,
        // stretched.
        let derived = [
            form.to_string(),
            capitalised,
            form.replace('е', "ё"),
            format!("бизнес-{form}"),
            format!("суперкросс{form}"),
            format!("видео{form}"),
            format!("{form}-то"),
            format!("{form}-{form}"),
            format!("а-а-{form}"),
        ];
        for word in derived {
            let got = format!("{:?}", lazy.morphology().analyze(&word));
            let expected = format!("{:?}", FULL.morphology().analyze(&word));
            assert_eq!(got, expected, "{word}");
        }
    }
    let sentence = ["Мы", "заапрувили", "фичу", "и", "задеплоили", "релиз"];
    assert_eq!(
        format!("{:?}", lazy.morphology().analyze_sentence(&sentence)),
        format!("{:?}", FULL.morphology().analyze_sentence(&sentence))
    );
}

struct Rng(u64);

impl Rng {
    fn below(&mut self, bound: usize) -> usize {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize % bound
    }
}

#[test]
fn fst_matcher_finds_what_aho_corasick_finds() {
    let linter = builtin();
    let (strings, owners): (Vec<String>, Vec<(usize, Anchor)>) =
        lexicon::patterns(linter.terms(), &linter.lexicon().forms)
            .into_iter()
            .map(|(key, pattern)| (key, (pattern.form, pattern.anchor)))
            .unzip();
    let automaton = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&strings)
        .unwrap();
    let forms: Vec<&str> = linter
        .lexicon()
        .forms
        .iter()
        .map(|form| form.text)
        .collect();
    let noise = [
        " ",
        "  ",
        "-",
        " -",
        "- ",
        "  -  ",
        "фи",
        "ча",
        "kpi",
        "деплой",
        "call",
        "to",
        "а",
    ];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..3000 {
        // A haystack in the matcher's shape: words between spaces, parts of forms, hyphens.
        let mut haystack = String::from(" ");
        for _ in 0..rng.below(30) {
            match rng.below(4) {
                0 => haystack.push_str(noise[rng.below(noise.len())]),
                1 => {
                    let form = forms[rng.below(forms.len())];
                    let cut = form.char_indices().map(|(at, _)| at).nth(1).unwrap_or(0);
                    haystack.push_str(&form[cut..]);
                }
                _ => {
                    haystack.push(' ');
                    haystack.push_str(&forms[rng.below(forms.len())].replace(' ', "  "));
                    haystack.push(' ');
                }
            }
        }
        let expected: Vec<(usize, Anchor, usize, usize)> = automaton
            .find_iter(&haystack)
            .map(|found| {
                let (form, anchor) = owners[found.pattern().as_usize()];
                (form, anchor, found.start(), found.end())
            })
            .collect();
        let got: Vec<(usize, Anchor, usize, usize)> = linter
            .lexicon()
            .find_iter(&haystack)
            .map(|(pattern, start, end)| (pattern.form, pattern.anchor, start, end))
            .collect();
        assert_eq!(got, expected, "{haystack:?}");
    }
}
