//! Someone else's words in a prose block, which the author cites rather than uses: the title of
//! an article in the text of a link to another site, a quoted title, name or sentence of speech,
//! a word mentioned as a word (слово «фича», так называемый «бэклог»). The linter reports jargon
//! in them at most as a hint and never fixes it: a changed title or quotation no longer cites.
//!
//! Only the text is read, no morphology: quotes are paired by their shape, and what is inside and
//! just before them decides. A quote is cited when
//! - a word before it mentions a word (слово, термин, понятие, выражение, фраза, так называемый,
//!   т. н.): [`Cited::Mention`];
//! - a word before it names what has a name (канал, книга, статья, курс, сервис, компания, вкладка,
//!   кнопка, статус…) or introduces speech (вопрос, сказал), or a colon does: [`Cited::Quote`];
//! - it starts with a capital letter (a title, a name, a sentence: «Полтора продакта», «Не
//!   превращай бэклог в помойку»), ends with «?», «!» or «…», or is a question («почему мало
//!   багов»): [`Cited::Quote`];
//! - it follows a cited quote with only «и», «или», a comma or an arrow between them.
//!
//! The author's own lines in a dialogue («Я: "Есть блокеры?"») are never cited. A short quote in
//! lower case in the author's own sentence — «много «кликов»», «эдаким
//! “инфлюенсером”», "в продакшне" — is not cited: such quotes keep a distance from a word the
//! author still chose (scare quotes), and the author can replace it.
//!
//! The text of a link to another site ([`Block::external_links`]) is cited when it reads as a
//! title: the link starts its block (a list of articles), or its text starts with a capital letter
//! or a digit and has two words or more. Link text in lower case inside a sentence («в [нашем
//! гайде](https://…)») is the author's phrase; so is a label of the link itself («Ссылка на тред»).

use std::ops::Range;

use crate::format::Block;

/// Why words are someone else's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cited {
    /// The text of a link to another site that reads as a title: `[Гайд по DevOps](https://…)`.
    Link,
    /// A quoted title, name, label or sentence: «Полтора продакта», "Не превращай бэклог в помойку".
    Quote,
    /// A word mentioned as a word: слово «фича», термин "релиз", так называемый «бэклог».
    Mention,
    /// A label of an interface in bold: «перейдите в раздел **Инстансы**», «**ML Platform** →
    /// **Инстансы**».
    Label,
}

impl Cited {
    /// The note of a finding in cited words: why it is only a hint and has no fix.
    pub fn note(self) -> &'static str {
        match self {
            Cited::Link => {
                "Похоже на название чужого материала в тексте ссылки: не ваша формулировка, \
                 поэтому только совет и без исправления."
            }
            Cited::Quote => {
                "Похоже на название или цитату: не ваша формулировка, поэтому только совет \
                 и без исправления."
            }
            Cited::Mention => {
                "Слово упомянуто как слово, а не употреблено: только совет и без исправления."
            }
            Cited::Label => {
                "Похоже на надпись в интерфейсе: ее меняют в продукте, а не в тексте, поэтому \
                 только совет и без исправления."
            }
        }
    }
}

/// The cited spans of `block`, byte ranges of `text` with why each is cited. Spans may nest
/// (a quote inside a cited title) but never cross.
pub fn spans(text: &str, block: &Block) -> Vec<(Range<usize>, Cited)> {
    let mut found: Vec<(Range<usize>, Cited)> = block
        .external_links
        .iter()
        .filter(|link| link_is_title(text, block, link))
        .map(|link| (link.clone(), Cited::Link))
        .collect();
    found.extend(
        block
            .strong
            .iter()
            .filter(|bold| is_label(text, block, bold))
            .map(|bold| (bold.clone(), Cited::Label)),
    );
    // A section or page named by its link: «раздела [Бэклог](./backlog.md)».
    found.extend(
        block
            .internal_links
            .iter()
            .filter(|link| is_label(text, block, link))
            .map(|link| (link.clone(), Cited::Label)),
    );
    quotes(text, block, &mut found);
    found
}

/// Verbs of instructions that point at a label: «нажмите **Сохранить**».
const POINTING: [&str; 10] = [
    "нажмите",
    "выберите",
    "перейдите",
    "откройте",
    "включите",
    "отметьте",
    "укажите",
    "кликните",
    "щелкните",
    "щёлкните",
];

/// Whether bold text is a label of an interface: it starts with a capital letter and follows a
/// word that names a part of an interface («раздел», «вкладка», «кнопка»…) or a verb pointing
/// at one («нажмите»), or stands in a path of labels («**ML Platform** → **Инстансы**»).
fn is_label(text: &str, block: &Block, bold: &Range<usize>) -> bool {
    let inner = text[bold.clone()].trim_matches(|c: char| c == '*' || c == '_');
    let capital = words(inner)
        .next()
        .and_then(|word| word.chars().next())
        .is_some_and(char::is_uppercase);
    if !capital {
        return false;
    }
    let Some(block_start) = block.segments.first().map(|segment| segment.range.start) else {
        return false;
    };
    // The block's prose may start inside the bold text: «**Важно**» opening a paragraph.
    let mut from = bold
        .start
        .saturating_sub(48)
        .max(block_start)
        .min(bold.start);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = text[from..bold.start].trim_end_matches(|c: char| c.is_whitespace() || c == '[');
    let after = text[bold.end.min(text.len())..].trim_start_matches(['*', '_', ']']);
    if before.ends_with(['→', '>', '/']) || after.trim_start().starts_with(['→', '>']) {
        return true;
    }
    // The name of a field at the start of a line: «**Инстанс MLflow**: выберите…».
    if before.is_empty() && after.starts_with(':') {
        return true;
    }
    let lower = before.to_lowercase();
    let Some(previous) = before
        .ends_with(char::is_alphanumeric)
        .then(|| words(&lower).next_back())
        .flatten()
    else {
        return false;
    };
    POINTING.contains(&previous)
        || NAMED[..]
            .iter()
            .filter(|(stem, _)| {
                !matches!(*stem, "вопрос" | "сказа" | "скаж" | "говор" | "спрашива")
            })
            .any(|(stem, more)| {
                previous
                    .strip_prefix(stem)
                    .is_some_and(|rest| rest.chars().count() <= *more)
            })
}

/// Words that label a link rather than name what it leads to: «[Ссылка на тред](…)».
const LINK_LABELS: [&str; 10] = [
    "ссылка",
    "ссылке",
    "ссылку",
    "ссылки",
    "здесь",
    "тут",
    "подробнее",
    "источник",
    "оригинал",
    "читать",
];

/// Whether the text of a link to another site reads as a title.
fn link_is_title(text: &str, block: &Block, link: &Range<usize>) -> bool {
    let mut words = words(&text[link.clone()]);
    let Some(first) = words.next() else {
        return false;
    };
    if LINK_LABELS.contains(&first.to_lowercase().as_str()) {
        return false;
    }
    let starts_block = !block
        .segments
        .iter()
        .take_while(|segment| segment.range.start < link.start)
        .any(|segment| {
            let end = segment.range.end.min(link.start);
            text[segment.range.start..end]
                .chars()
                .any(char::is_alphanumeric)
        });
    let capital = first
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_numeric());
    starts_block || (capital && words.next().is_some())
}

/// The words of `text`: runs of letters and digits, with hyphens inside.
fn words(text: &str) -> impl DoubleEndedIterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\u{2011}'))
        .map(|word| word.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|word| !word.is_empty())
}

/// How deeply quotes may nest; deeper openings are ignored.
const MAX_DEPTH: usize = 8;

/// An opening quote mark not yet closed.
#[derive(Clone, Copy)]
struct Open {
    mark: char,
    /// Bytes of the mark.
    at: usize,
    end: usize,
}

/// Pairs the quote marks of the block's prose (inline code aside) and adds the cited quotes.
fn quotes(text: &str, block: &Block, found: &mut Vec<(Range<usize>, Cited)>) {
    let Some(block_start) = block.segments.first().map(|segment| segment.range.start) else {
        return;
    };
    let mut open: Vec<Open> = Vec::new();
    // Where the last closed quote ended, and whether it was cited.
    let mut last: Option<(usize, Option<Cited>)> = None;
    for segment in block.segments.iter().filter(|segment| !segment.code) {
        let source = &text[segment.range.clone()];
        for (offset, mark) in source.match_indices(['«', '»', '„', '“', '”', '"']) {
            let at = segment.range.start + offset;
            let end = at + mark.len();
            let mark = mark.chars().next().expect("a match is a quote mark");
            let before = text[..at].chars().next_back();
            let after = text[end..].chars().next();
            let nearest = |marks: &[char]| open.iter().rposition(|o| marks.contains(&o.mark));
            let closes = match mark {
                '«' | '„' => None,
                '»' => nearest(&['«']),
                '“' => nearest(&['„']).or_else(|| {
                    // “…“ typed by mistake: a closing only where an opening cannot be.
                    (open.last().is_some_and(|o| o.mark == '“')
                        && can_close(before, after)
                        && !can_open(before, after))
                    .then(|| open.len() - 1)
                }),
                '”' => nearest(&['“', '„']),
                _ => nearest(&['"']).filter(|_| can_close(before, after)),
            };
            match closes {
                Some(index) => {
                    let opening = open[index];
                    open.truncate(index);
                    let cited = judge(text, block_start, opening, at, last);
                    if let Some(cited) = cited {
                        found.push((opening.end..at, cited));
                    }
                    last = Some((end, cited));
                }
                None => {
                    let opens = match mark {
                        '«' | '„' => true,
                        '“' | '"' => can_open(before, after),
                        _ => false,
                    };
                    if opens && open.len() < MAX_DEPTH {
                        open.push(Open { mark, at, end });
                    }
                }
            }
        }
    }
}

/// Whether a quote mark between `before` and `after` can open a quote: text follows it, and no
/// letter or digit is glued before it (`5"`).
fn can_open(before: Option<char>, after: Option<char>) -> bool {
    after.is_some_and(|c| !c.is_whitespace()) && before.is_none_or(|c| !c.is_alphanumeric())
}

/// Whether a quote mark can close a quote: text before it, no letter or digit glued after it.
fn can_close(before: Option<char>, after: Option<char>) -> bool {
    before.is_some_and(|c| !c.is_whitespace()) && after.is_none_or(|c| !c.is_alphanumeric())
}

/// Word stems before a quote that mention a word, each with how many letters may follow it
/// («слово», «слова», «словом»).
const MENTION: [(&str, usize); 10] = [
    ("слов", 3),
    ("словечк", 3),
    ("термин", 3),
    ("поняти", 3),
    ("выражени", 3),
    ("фраз", 3),
    ("называем", 4),
    ("сленг", 3),
    ("аббревиатур", 3),
    ("сокращени", 3),
];

/// Word stems before a quote that name what has a name, or introduce speech: канал «…»,
/// вкладка «…», вопрос «…», сказал «…». Stems that are words of their own («стать», «тем») are
/// listed as forms.
const NAMED: [(&str, usize); 77] = [
    ("канал", 3),
    ("книг", 3),
    ("статья", 0),
    ("статью", 0),
    ("статье", 0),
    ("статьи", 0),
    ("доклад", 3),
    ("курс", 3),
    ("сервис", 3),
    ("компани", 3),
    ("продукт", 3),
    ("проект", 3),
    ("подкаст", 3),
    ("рассылк", 3),
    ("блог", 3),
    ("журнал", 3),
    ("сообществ", 3),
    ("конференци", 3),
    ("вебинар", 3),
    ("митап", 3),
    ("фильм", 3),
    ("сериал", 3),
    ("видео", 0),
    ("ролик", 3),
    ("лекци", 3),
    ("урок", 3),
    ("тренинг", 3),
    ("приложени", 3),
    ("сайт", 3),
    ("программ", 3),
    ("издательств", 3),
    ("издани", 3),
    ("рубрик", 3),
    ("глав", 2),
    ("тема", 0),
    ("теме", 0),
    ("тему", 0),
    ("темы", 0),
    ("темой", 0),
    ("раздел", 3),
    ("подраздел", 3),
    ("вкладк", 3),
    ("кнопк", 3),
    ("пункт", 3),
    ("меню", 0),
    ("поле", 1),
    ("поля", 0),
    ("полю", 0),
    ("фильтр", 3),
    ("статус", 3),
    ("колонк", 3),
    ("столбц", 3),
    ("страниц", 3),
    ("окно", 0),
    ("окне", 0),
    ("окна", 0),
    ("окном", 0),
    ("шаблон", 3),
    ("отчет", 3),
    ("отчёт", 3),
    ("тег", 3),
    ("метк", 3),
    ("режим", 3),
    ("параметр", 3),
    ("опци", 3),
    ("значени", 3),
    ("надпис", 3),
    ("назван", 3),
    ("бренд", 3),
    ("организаци", 3),
    ("групп", 3),
    ("чат", 3),
    ("вопрос", 3),
    ("сказа", 3),
    ("скаж", 4),
    ("говор", 4),
    ("спрашива", 4),
];

/// Words a question starts with: «почему мало багов», «как можно с этим релизить».
const QUESTION: [&str; 10] = [
    "почему",
    "зачем",
    "когда",
    "как",
    "что",
    "где",
    "кто",
    "сколько",
    "разве",
    "неужели",
];

/// Text between two quotes that lists them: «…» или «…», «…» -> «…».
const LISTING: [&str; 6] = ["и", "или", "либо", "а", "/", "также"];

/// Whether the quote opened by `open` and closed at `close` is cited, and why. `last` is where
/// the previous quote of the block ended and whether it was cited.
fn judge(
    text: &str,
    block_start: usize,
    open: Open,
    close: usize,
    last: Option<(usize, Option<Cited>)>,
) -> Option<Cited> {
    let content = &text[open.end..close];
    let mut inside = words(content);
    let first = inside.next()?;
    let several = inside.next().is_some();
    // Three words and more are a phrase someone said or wrote («"не баг, а фича"», «“лиды нужны
    // вчера”»); scare quotes hold a word or two.
    let phrase = inside.next().is_some();
    // The prose just before the quote, without markup.
    let mut from = open.at.saturating_sub(48).max(block_start);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let tail =
        text[from..open.at].trim_end_matches(|c: char| c.is_whitespace() || c == '*' || c == '_');
    let lower = tail.to_lowercase();
    let previous = (tail.ends_with(char::is_alphanumeric))
        .then(|| words(&lower).next_back())
        .flatten();
    let is = |stems: &[(&str, usize)]| {
        previous.is_some_and(|word| {
            stems.iter().any(|(stem, more)| {
                word.strip_prefix(stem)
                    .is_some_and(|rest| rest.chars().count() <= *more)
            })
        })
    };
    let squeezed: String = lower.chars().filter(|c| !c.is_whitespace()).collect();
    // The author's own lines in a dialogue: «Я: "Есть блокеры?"».
    if let Some(speaker) = squeezed.strip_suffix(':')
        && speaker.ends_with(char::is_alphanumeric)
        && words(speaker)
            .next_back()
            .is_some_and(|word| word == "я" || word == "мы")
    {
        return None;
    }
    if is(&MENTION) || squeezed.ends_with("т.н.") || squeezed.ends_with("англ.") {
        return Some(Cited::Mention);
    }
    if is(&NAMED) || (tail.ends_with(':') && several) {
        return Some(Cited::Quote);
    }
    if let Some((end, Some(cited))) = last
        && end <= open.at
    {
        let between = text[end..open.at].trim_matches(|c: char| {
            c.is_whitespace() || matches!(c, ',' | '-' | '>' | '→' | '*' | '_')
        });
        if between.is_empty() || LISTING.contains(&between.to_lowercase().as_str()) {
            return Some(cited);
        }
    }
    let capital = first.chars().next().is_some_and(char::is_uppercase);
    let exclaims = content
        .trim_end_matches(|c: char| c.is_whitespace() || c == '*' || c == '_')
        .ends_with(['?', '!', '…']);
    let question = several && QUESTION.contains(&first.to_lowercase().as_str());
    (capital || exclaims || question || phrase).then_some(Cited::Quote)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::{FileKind, blocks};

    /// The cited text of each block of `text` and why it is cited, in order of start.
    fn cited(text: &str, kind: FileKind) -> Vec<(&str, Cited)> {
        let mut found = Vec::new();
        for block in blocks(text, kind) {
            let mut spans = spans(text, &block);
            spans.sort_by_key(|(range, _)| range.start);
            found.extend(
                spans
                    .into_iter()
                    .map(|(range, cited)| (&text[range], cited)),
            );
        }
        found
    }

    fn quoted(text: &str) -> Vec<(&str, Cited)> {
        cited(text, FileKind::Text)
    }

    #[test]
    fn text_of_a_link_to_another_site_is_cited_when_it_reads_as_a_title() {
        let text = "- [Гайд внедрения автоматизации](https://habr.com/1)\n\
                    - [#zerobugpolicy или как мы баги чиним](https://fb.com/2) — заметка\n\
                    - [Ссылка на тред](https://twitter.com/3)\n\n\
                    Читайте [Как мы чиним баги](https://x.ru/4), [ROI](https://x.ru/5), \
                    [наш гайд](https://x.ru/6) и [Middle Product](#middle-product).\n";
        assert_eq!(
            cited(text, FileKind::Markdown),
            vec![
                ("Гайд внедрения автоматизации", Cited::Link),
                ("#zerobugpolicy или как мы баги чиним", Cited::Link),
                ("Как мы чиним баги", Cited::Link),
            ]
        );
    }

    #[test]
    fn quoted_titles_names_and_speech_are_cited() {
        assert_eq!(
            quoted("Подпишитесь на «Полтора продакта» и прочтите „Продуктовый подход“."),
            vec![
                ("Полтора продакта", Cited::Quote),
                ("Продуктовый подход", Cited::Quote)
            ]
        );
        assert_eq!(
            quoted("Книга \"Продуктовый подход\" и “Agile Manifesto” — классика."),
            vec![
                ("Продуктовый подход", Cited::Quote),
                ("Agile Manifesto", Cited::Quote)
            ]
        );
        assert_eq!(
            quoted("«Не превращай бэклог в помойку», — сказал он."),
            vec![("Не превращай бэклог в помойку", Cited::Quote)]
        );
        assert_eq!(
            quoted("Канал «продакт-шмодакт», вкладка «дашборды» и статус «в работе»."),
            vec![
                ("продакт-шмодакт", Cited::Quote),
                ("дашборды", Cited::Quote),
                ("в работе", Cited::Quote)
            ]
        );
        assert_eq!(
            quoted("Я: \"Круто. Есть блокеры?\"\nОн: \"Да, два блокера.\""),
            vec![("Да, два блокера.", Cited::Quote)]
        );
        assert_eq!(
            quoted(
                "Разочарование: «у нас были дейлики, но толку нет». Вопросы «почему мало багов», «баги?»."
            ),
            vec![
                ("у нас были дейлики, но толку нет", Cited::Quote),
                ("почему мало багов", Cited::Quote),
                ("баги?", Cited::Quote)
            ]
        );
    }

    #[test]
    fn words_mentioned_as_words_are_cited() {
        assert_eq!(
            quoted(
                "Слово «фича», термин \"релиз\", так называемый «бэклог», т. н. «agile-манифест», \
                 фразу «закоммитишь?» или «я закоммитил» и словом **«апрув»**."
            ),
            vec![
                ("фича", Cited::Mention),
                ("релиз", Cited::Mention),
                ("бэклог", Cited::Mention),
                ("agile-манифест", Cited::Mention),
                ("закоммитишь?", Cited::Mention),
                ("я закоммитил", Cited::Mention),
                ("апрув", Cited::Mention),
            ]
        );
    }

    #[test]
    fn scare_quotes_in_the_authors_sentence_are_not_cited() {
        for text in [
            "Это не просто много «кликов» за день.",
            "Являясь эдаким “инфлюенсером”, тестировщик влияет на процесс.",
            "Даже если \"в продакшне\" всё работает.",
            "Задача «запустить деплой» остается.",
            "Под «happy path» понимают основной сценарий.",
        ] {
            assert_eq!(quoted(text), vec![], "{text}");
        }
    }

    #[test]
    fn bold_text_that_opens_a_block_is_read_safely() {
        let found = cited("**Важно** — фича готова.\n", FileKind::Markdown);
        assert!(found.iter().all(|(_, why)| *why != Cited::Label));
    }

    #[test]
    fn bold_labels_of_an_interface_are_cited() {
        let found = cited(
            "Перейдите в раздел **ML Platform** → **Инстансы** и нажмите **Создать инстанс**.\n\n\
             **Фича** — это новая возможность, а **важный** релиз — это событие.\n",
            FileKind::Markdown,
        );
        let labels: Vec<&str> = found
            .iter()
            .filter(|(_, why)| *why == Cited::Label)
            .map(|(text, _)| *text)
            .collect();
        assert_eq!(
            labels,
            ["**ML Platform**", "**Инстансы**", "**Создать инстанс**"]
        );
    }

    #[test]
    fn quotes_pair_by_shape_and_nest() {
        // Nested quotes: each is judged on its own.
        assert_eq!(
            quoted("Статья «Как я полюбил слово „фича“» и «про „Новую фичу“»."),
            vec![
                ("Как я полюбил слово „фича“", Cited::Quote),
                ("фича", Cited::Mention),
                ("про „Новую фичу“", Cited::Quote),
                ("Новую фичу", Cited::Quote)
            ]
        );
        // An inch mark pairs with nothing, an unclosed quote cites nothing.
        assert_eq!(
            quoted("Экран 5\" и \"Новая фича\""),
            vec![("Новая фича", Cited::Quote)]
        );
        assert_eq!(quoted("Открыли «Новая фича и не закрыли"), vec![]);
        // Quote marks in inline code are not quotes.
        assert_eq!(
            cited("Строка `\"` и «Новая фича» и `\"`\n", FileKind::Markdown),
            vec![("Новая фича", Cited::Quote)]
        );
    }
}
