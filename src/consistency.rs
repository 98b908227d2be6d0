//! One document, one vocabulary: the last check of the fixes, over all the findings of a
//! document at once. A fix that is right in its sentence can still be wrong in the document:
//!
//! - the document defines or explains the word («Деплой — это…», «Что такое деплой»,
//!   «Деплой (выкатка)»): the word is its subject, and replacing it leaves a definition of
//!   nothing;
//! - the document writes the word's English origin as a name in code (a dotted method,
//!   `crm.lead.get`, or a whole word in backquotes, `lead`): the word names an object of the
//!   product, and its name stays;
//! - two different words would be replaced by words of one root («релиз» and «выкатка» both by
//!   «выпуск»): the author kept them apart, the fixes would not;
//! - one word would be replaced by different words in different places («баг» by «ошибка» here
//!   and «дефект» there, «пайплайн» by «конвейер» and «воронка продаж»): a sense or a word of
//!   another gender was chosen somewhere, and the document would name one thing two ways.
//!
//! Such fixes are shown, not applied. The check reads the whole text, so the language server
//! runs it on the whole document after linting it in chunks.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use crate::diagnostic::{Applicability, Diagnostic};

/// Makes display-only the fixes that the document as a whole contradicts.
pub fn settle(text: &str, diagnostics: &mut [Diagnostic]) {
    let fixable = |diagnostic: &Diagnostic| {
        diagnostic
            .fix
            .as_ref()
            .is_some_and(|fix| fix.applicability > Applicability::DisplayOnly)
    };
    if !diagnostics.iter().any(fixable) {
        return;
    }
    let mut held: HashSet<String> = HashSet::new();
    // Defined or explained words: every finding of the word counts, fixable or not.
    for diagnostic in diagnostics.iter() {
        if let Some(lemma) = diagnostic.lemma()
            && !held.contains(lemma)
            && defines(text, &diagnostic.span)
        {
            held.insert(lemma.to_string());
        }
    }
    // Names of the product's objects.
    let code = code_words(text);
    if !code.is_empty() {
        for diagnostic in diagnostics.iter().filter(|d| fixable(d)) {
            if let Some(term) = diagnostic.term.as_ref()
                && names_object(&code, &term.origin)
            {
                held.insert(term.lemma.clone());
            }
        }
    }
    // Different words, one replacement; one word, different replacements.
    let mut writers: HashMap<String, Vec<(&str, &str)>> = HashMap::new();
    // For each word, the replacements its fixes write (as words, one entry per replacement).
    let mut written: HashMap<&str, Vec<Vec<String>>> = HashMap::new();
    for diagnostic in diagnostics.iter().filter(|d| fixable(d)) {
        let (Some(term), Some(fix)) = (diagnostic.term.as_ref(), diagnostic.fix.as_ref()) else {
            continue;
        };
        let Some(edit) = fix.edits.iter().find(|edit| edit.span == diagnostic.span) else {
            continue;
        };
        let words = words(&edit.replacement);
        let key: Vec<String> = words
            .iter()
            .map(|word| word.chars().take(4).collect())
            .collect();
        let replacements = written.entry(&term.lemma).or_default();
        if !replacements.iter().any(|other| same_words(other, &words)) {
            replacements.push(words);
        }
        let entry = writers.entry(key.join(" ")).or_default();
        if !entry.iter().any(|(lemma, _)| *lemma == term.lemma) {
            entry.push((&term.lemma, &term.origin));
        }
    }
    // A word replaced by different words in one document: none of them is applied. (Applying
    // the most frequent one would not be idempotent: a second `--fix` would find the rest alone.)
    held.extend(
        written
            .iter()
            .filter(|(_, replacements)| replacements.len() > 1)
            .map(|(lemma, _)| lemma.to_string()),
    );
    for terms in writers.values() {
        for (i, (lemma, origin)) in terms.iter().enumerate() {
            if terms
                .iter()
                .enumerate()
                .any(|(j, (_, other))| i != j && !one_word(origin, other))
            {
                held.insert(lemma.to_string());
            }
        }
    }
    if held.is_empty() {
        return;
    }
    for diagnostic in diagnostics.iter_mut() {
        if diagnostic.lemma().is_some_and(|lemma| held.contains(lemma))
            && let Some(fix) = diagnostic.fix.as_mut()
        {
            fix.applicability = fix.applicability.min(Applicability::DisplayOnly);
        }
    }
}

/// Whether the words at `span` are the subject of a definition or an explanation: first in their
/// sentence and followed by a dash, a colon of a glossary line or a gloss in parentheses, or
/// asked about («что такое деплой»).
fn defines(text: &str, span: &Range<usize>) -> bool {
    // What a definition needs is close to the word: the line's start or the previous sentence's
    // end before it, the dash and a word or two after it. A window keeps the check bounded per
    // finding in a line of megabytes.
    const WINDOW: usize = 160;
    let mut from = span.start.saturating_sub(WINDOW);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let mut to = (span.end + WINDOW).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    let line_start = text[from..span.start]
        .rfind('\n')
        .map_or(from, |index| from + index + 1);
    let line_end = text[span.end..to]
        .find('\n')
        .map_or(to, |index| span.end + index);
    let before = &text[line_start..span.start];
    let after = &text[span.end..line_end];
    let before_lower = before.to_lowercase();
    let asked = [
        "что такое ",
        "что такое «",
        "термин ",
        "термин «",
        "понятие ",
        "понятие «",
    ]
    .iter()
    .any(|question| {
        before_lower
            .trim_start_matches(['*', '_'])
            .ends_with(question)
    });
    if asked {
        return true;
    }
    // Markup and list markers before the word, or the end of the previous sentence.
    let first = before
        .trim_end_matches(['*', '_', '«', '"', '['])
        .trim_end()
        .chars()
        .last()
        .is_none_or(|c| matches!(c, '.' | '!' | '?' | '#' | '-' | '*' | '+' | '>' | '|' | ':'))
        || before
            .trim_start()
            .trim_start_matches(['-', '*', '+', '#', '>'])
            .trim()
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ')');
    let rest = after
        .trim_start_matches(['*', '_', '»', '"', ']'])
        .trim_start();
    if !first {
        return false;
    }
    // A gloss in parentheses right after the word, in Russian: «Деплой (выкатка) делаем…».
    let gloss = rest.strip_prefix('(').is_some_and(|inside| {
        inside
            .split(')')
            .next()
            .is_some_and(|gloss| gloss.chars().any(crate::text::is_cyrillic))
    });
    if gloss {
        return true;
    }
    // The word explained by its parts: «Дебаг, буквально "de" + "bug"…».
    let explained = |rest: &str| {
        let rest = rest.trim_start_matches([',', '(']).trim_start();
        [
            "буквально",
            "дословно",
            "от англ",
            "от английского",
            "англ.",
        ]
        .iter()
        .any(|gloss| rest.to_lowercase().starts_with(gloss))
    };
    if explained(rest) {
        return true;
    }
    // A headword with its English original and nothing else on the line: «**Инстанс
    // (Instance)**» in a glossary.
    let at_line_start = line_start == 0 || text.as_bytes()[line_start - 1] == b'\n';
    if at_line_start
        && before
            .trim()
            .chars()
            .all(|c| matches!(c, '*' | '_' | '#' | '-' | '|' | ' '))
        && let Some(inside) = rest.strip_prefix('(')
        && let Some((gloss, tail)) = inside.split_once(')')
        && gloss.chars().any(|c| c.is_ascii_alphabetic())
        && !gloss.chars().any(crate::text::is_cyrillic)
        && tail
            .trim()
            .chars()
            .all(|c| matches!(c, '*' | '_' | ':' | '.'))
    {
        return true;
    }
    // Past an English gloss: «Деплой (deploy) — это…».
    let rest = match rest.strip_prefix('(') {
        Some(inside) => inside.split_once(')').map_or("", |(_, after)| {
            after.trim_start_matches(['*', '_']).trim_start()
        }),
        None => rest,
    };
    let Some(definition) = rest
        .strip_prefix(['—', '–', ':'])
        .or_else(|| rest.strip_prefix("- "))
    else {
        return rest.starts_with("это ");
    };
    let definition = definition.trim_start();
    // «Деплой — это…»; a glossary line, the word in bold or italics before a dash or a colon
    // («- **Промпты** — инструкции…»); a dash and a general word for what it is («Деплой —
    // процесс…»). Not a sentence that only says what the word is here: «Дедлайн — пятница».
    let glossary = after.starts_with(['*', '_'])
        && before
            .trim_start()
            .trim_start_matches(['-', '*', '+', '>'])
            .trim_start()
            .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ')')
            .trim()
            .chars()
            .all(|c| c == '*' || c == '_');
    if rest.starts_with(':') {
        return glossary;
    }
    glossary
        || definition.starts_with("это ")
        || definition.split_whitespace().take(3).any(|word| {
            GENERAL
                .iter()
                .any(|general| word.to_lowercase().starts_with(general))
        })
}

/// Stems of the general words a definition starts with: what kind of thing the word names.
const GENERAL: &[&str] = &[
    "процесс",
    "практик",
    "метод",
    "методик",
    "способ",
    "подход",
    "инструмент",
    "документ",
    "специалист",
    "человек",
    "сотрудник",
    "роль",
    "должност",
    "термин",
    "понятие",
    "набор",
    "совокупност",
    "список",
    "перечень",
    "встреч",
    "мероприяти",
    "формат",
    "техник",
    "этап",
    "стади",
    "механизм",
    "умени",
    "навык",
    "деятельност",
    "стратеги",
    "модель",
    "принцип",
    "разновидност",
    "инструкци",
    "описание",
    "сокращение",
    "аббревиатур",
];

/// The lower-case ASCII words the text writes as names in code: a whole word in backquotes
/// (`lead`) or a part of a dotted name (`crm.lead.get`). Paths, addresses, file names and
/// parts of longer identifiers (`instance_uuid`, `guides.hexlet.io`, `dataset.json`) name other
/// things.
fn code_words(text: &str) -> HashSet<&str> {
    let bytes = text.as_bytes();
    let in_run = |byte: u8| byte.is_ascii_alphanumeric() || matches!(byte, b'.' | b'_' | b'-');
    let mut words = HashSet::new();
    let mut index = 0;
    while index < bytes.len() {
        if !bytes[index].is_ascii_alphabetic() {
            index += 1;
            continue;
        }
        let start = index;
        while index < bytes.len() && in_run(bytes[index]) {
            index += 1;
        }
        let run = text[start..index].trim_end_matches(['.', '-', '_']);
        let before = start.checked_sub(1).map(|at| bytes[at]);
        let after = bytes.get(start + run.len()).copied();
        // A path, an address, an e-mail or a word glued to a Cyrillic one.
        let other = |byte: Option<u8>| {
            byte.is_some_and(|byte| matches!(byte, b'/' | b':' | b'@' | b'\\') || byte >= 0x80)
        };
        if other(before) || other(after) {
            continue;
        }
        let quoted = before == Some(b'`') && after == Some(b'`');
        let segments: Vec<&str> = run.split('.').collect();
        let dotted =
            segments.len() >= 3 || (segments.len() == 2 && quoted && !is_extension(segments[1]));
        if dotted {
            if segments.len() >= 2 && is_extension(segments[segments.len() - 1]) {
                continue;
            }
            words.extend(segments.into_iter().filter(|segment| is_name(segment)));
        } else if quoted && is_name(run) {
            words.insert(run);
        }
    }
    words
}

/// A lower-case ASCII word.
fn is_name(word: &str) -> bool {
    !word.is_empty() && word.bytes().all(|byte| byte.is_ascii_lowercase())
}

/// The last part of a file name or a host name rather than of a method.
fn is_extension(segment: &str) -> bool {
    const EXTENSIONS: &[&str] = &[
        "md", "json", "yaml", "yml", "toml", "png", "jpg", "jpeg", "gif", "svg", "html", "htm",
        "txt", "pdf", "csv", "xml", "js", "ts", "py", "rs", "go", "php", "io", "ru", "com", "org",
        "net", "dev", "app", "zip", "sh",
    ];
    EXTENSIONS.contains(&segment.to_ascii_lowercase().as_str())
}

/// Whether the code words hold the English origin of a term, or its plural.
fn names_object(code: &HashSet<&str>, origin: &str) -> bool {
    let origin = origin.to_ascii_lowercase();
    if origin.len() < 3 || !origin.bytes().all(|byte| byte.is_ascii_lowercase()) {
        return false;
    }
    code.contains(origin.as_str())
        || code.contains(format!("{origin}s").as_str())
        || code.contains(format!("{origin}es").as_str())
}

/// Whether two English origins name one thing: one's words hold the other's («bug» and «bug
/// report», «deploy» as a noun and as a verb).
fn one_word(a: &str, b: &str) -> bool {
    let words = |origin: &str| -> Vec<String> {
        origin
            .split(|c: char| !c.is_alphanumeric())
            .filter(|word| !word.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (a, b) = (words(a), words(b));
    a.iter().all(|word| b.contains(word)) || b.iter().all(|word| a.contains(word))
}

/// The words a replacement writes, normalized: words of four letters or more (prepositions and
/// conjunctions are not the replacement's meaning).
fn words(replacement: &str) -> Vec<String> {
    replacement
        .split(|c: char| !c.is_alphabetic())
        .filter(|word| word.chars().count() >= 4)
        .map(|word| word.to_lowercase().replace('ё', "е"))
        .collect()
}

/// Whether two replacements are forms of the same words: «в рабочей среде» and «рабочую среду»,
/// «узла» and «узлов», «ошибки» and «ошибок»; not «ошибка» and «дефект», not «сервер» and
/// «серверная часть».
fn same_words(a: &[String], b: &[String]) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|(a, b)| {
            let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
            let shorter = a.chars().count().min(b.chars().count());
            common >= 3 && common + 2 >= shorter
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span_of(text: &str, word: &str) -> Range<usize> {
        let start = text.find(word).unwrap();
        start..start + word.len()
    }

    #[test]
    fn definitions_and_explanations() {
        for (text, word) in [
            ("Деплой — это процесс разворачивания.", "Деплой"),
            ("## Что такое деплой", "деплой"),
            ("- **Деплой** (deploy) — выкладка кода.", "Деплой"),
            ("Деплой (выкатка) делаем по вторникам.", "Деплой"),
            ("Так и было. Нетворкинг — это связи.", "Нетворкинг"),
            ("1. **Бэклог**: список задач.", "Бэклог"),
            ("- **Промпты** — инструкции для модели", "Промпты"),
            ("**Инстанс (Instance)**", "Инстанс"),
            ("|Инстанс (Instance)\n|", "Инстанс"),
            ("Дебаг, буквально «de» + «bug», — поиск ошибок.", "Дебаг"),
        ] {
            assert!(defines(text, &span_of(text, word)), "{text}");
        }
        for (text, word) in [
            ("Мы сделали деплой — и всё упало.", "деплой"),
            ("Тимлид (team lead) решает.", "Тимлид"),
            ("После деплоя: проверить логи.", "деплоя"),
            ("Деплой прошёл успешно.", "Деплой"),
            ("Дедлайн — пятница.", "Дедлайн"),
            (
                "Так и решили. Кросс-сейл — интеграция с банком.",
                "Кросс-сейл",
            ),
            ("Бэклог: разобрать в среду.", "Бэклог"),
        ] {
            assert!(!defines(text, &span_of(text, word)), "{text}");
        }
    }

    #[test]
    fn code_words_are_identifiers_and_paths() {
        let words = code_words("Метод crm.lead.get и поле `deal`.");
        assert!(words.contains("lead"));
        assert!(names_object(&words, "lead"));
        assert!(names_object(&words, "deal"));
        for other in [
            "Новый lead пришёл, the lead.",
            "Переменная var.instance_uuid и `instance_id`.",
            "Сайт guides.hexlet.io и файл `lead.json`, путь /leads/ и https://x.ru/lead.get",
        ] {
            let words = code_words(other);
            assert!(
                !names_object(&words, "lead") && !names_object(&words, "instance"),
                "{other}: {words:?}"
            );
        }
    }

    #[test]
    fn forms_of_one_replacement() {
        let same = |a: &str, b: &str| same_words(&words(a), &words(b));
        assert!(same("в рабочей среде", "рабочую среду"));
        assert!(same("плане развития", "планов развития"));
        assert!(same("узла", "узлов"));
        assert!(same("ошибки", "ошибок"));
        assert!(same("списка задач", "список задач"));
        assert!(!same("ошибка", "дефект"));
        assert!(!same("сервер", "серверная часть"));
        assert!(!same("обратная связь", "отзыв"));
        assert!(!same("участник", "заинтересованная сторона"));
    }
}
