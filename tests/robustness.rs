//! Random documents built from fragments that stress the pipeline — markdown syntax, invisible
//! characters, hyphens, URLs, mixed scripts, CR and CRLF — never panic, and every span is on
//! character boundaries and slices exactly the matched text.

use anglint::{FileKind, Linter};

const FRAGMENTS: &[&str] = &[
    "фича",
    "Фичу",
    "ФИЧАМИ",
    "фи\u{AD}ча",
    "фи\u{200B}чи",
    "KPI",
    "KPI-шки",
    "OKR\u{2011}ы",
    "-",
    "\u{2010}",
    "follow-up",
    "call to",
    "action",
    "Jobs To Be Done",
    "лид",
    "Лида",
    "лиды",
    "продаж",
    "продакт-менеджер",
    "бизнес-процесс",
    " ",
    "  ",
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    ".",
    ",",
    "!",
    "?",
    "«",
    "»",
    "—",
    "`",
    "```",
    "**",
    "_",
    "*",
    "#",
    "> ",
    "- ",
    "1. ",
    "|",
    "[",
    "](",
    ")",
    "<",
    ">",
    "<!--",
    "-->",
    "<span>",
    "</span>",
    "---",
    "+++",
    "https://x.ru/feature",
    "a@b.ru",
    "hh.ru",
    "feature_flag",
    "camelCase",
    "\u{FEFF}",
    "\u{301}",
    "ё",
    "Ё",
    "😀",
    "\t",
    "    ",
    "[^1]",
    "[^1]: ",
    "![",
    "\\",
    "&amp;",
    "релиз",
    "дедлайн",
    "ASAP",
    "deadline",
    "the",
    "ship",
    "we",
    "заапрувленный",
    "колом",
    "таскают",
    "чек",
    "пост",
];

/// A small deterministic generator (xorshift), so that a failure is reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn random_documents_never_break_spans() {
    let linter = Linter::builtin().unwrap();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for round in 0..1500 {
        let length = (rng.next() % 60) as usize;
        let text: String = (0..length)
            .map(|_| FRAGMENTS[(rng.next() % FRAGMENTS.len() as u64) as usize])
            .collect();
        for kind in [FileKind::Markdown, FileKind::Text] {
            let mut previous_end = 0;
            for diagnostic in linter.lint(&text, kind) {
                let span = diagnostic.span.clone();
                assert!(
                    text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
                    "round {round}: {span:?} in {text:?}"
                );
                assert_eq!(
                    text[span.clone()],
                    diagnostic.matched,
                    "round {round}: {text:?}"
                );
                assert!(
                    span.start >= previous_end && span.start < span.end,
                    "round {round}: {text:?}"
                );
                previous_end = span.end;
            }
        }
    }
}
