//! Fixes that agree, table-driven: each sentence after `--fix` (safe fixes only), and sentences
//! whose fix must stay unsafe, with what `--unsafe-fixes` writes. Every expected sentence is one
//! a Russian editor would accept.

use std::sync::LazyLock;

use anglint::diagnostic::Applicability;
use anglint::linter::Policy;
use anglint::{FileKind, Linter};

static LINTER: LazyLock<Linter> =
    LazyLock::new(|| Linter::builtin().unwrap_or_else(|error| panic!("{error}")));

fn fixed(text: &str, threshold: Applicability) -> String {
    LINTER
        .fix(text, FileKind::Text, &Policy::default(), threshold)
        .text
}

/// Nouns of each gender in every case and number, verbs in every tense, mood and form,
/// multi-word replacements, gender changes with the words that agree, prepositions, casing.
const SAFE: &[(&str, &str)] = &[
    ("Фича готова к показу.", "Функция готова к показу."),
    // «в» goes with the first replacement, not with another of the same gender («в боевом
    // сервере»): Hexlet hexletguides.github.io, unix-multipython.
    (
        "Ошибка видна только в продакшне.",
        "Ошибка видна только в рабочей среде.",
    ),
    ("Это “Железный” баг.", "Это “Железный” дефект."),
    // Onboarding of whom (staff or users) the sentence does not say: no safe fix (QA_bible
    // junior tester; «вводное обучение» is narrower than onboarding).
    (
        "Процесс онбординга, который начинается с выдачи прав доступа, прост.",
        "Процесс онбординга, который начинается с выдачи прав доступа, прост.",
    ),
    // A relative clause whose subject is «который»: it and its predicate follow the noun.
    (
        "Митинг, который прошёл вчера, был важным.",
        "Встреча, которая прошла вчера, была важной.",
    ),
    (
        "Наш апдейт, который вышел вчера, хорош.",
        "Наше обновление, которое вышло вчера, хорошо.",
    ),
    (
        "Новый апдейт, который вышел, понравился.",
        "Новое обновление, которое вышло, понравилось.",
    ),
    ("Мы шерим экран.", "Мы делимся экраном."),
    ("Зашерь документ.", "Поделись документом."),
    ("Пингани меня завтра.", "Напомни мне завтра."),
    // A calque's replacement governs its object as the calque does (not «обращаем внимание риски»).
    (
        "Мы подсвечиваем риски заранее.",
        "Мы отмечаем риски заранее.",
    ),
    ("У нас нет этой фичи.", "У нас нет этой функции."),
    ("Мы радуемся новой фиче.", "Мы радуемся новой функции."),
    (
        "Покажем новую фичу клиентам.",
        "Покажем новую функцию клиентам.",
    ),
    ("Мы гордимся этой фичей.", "Мы гордимся этой функцией."),
    ("Расскажем о новой фиче.", "Расскажем о новой функции."),
    ("Новые фичи готовы.", "Новые функции готовы."),
    ("В релизе нет новых фич.", "В выпуске нет новых функций."),
    ("Мы рады новым фичам.", "Мы рады новым функциям."),
    (
        "Мы довольны новыми фичами.",
        "Мы довольны новыми функциями.",
    ),
    ("Поговорим о новых фичах.", "Поговорим о новых функциях."),
    (
        "Покажем новые фичи на встрече.",
        "Покажем новые функции на встрече.",
    ),
    ("Дедлайн близко.", "Срок близко."),
    ("До дедлайна неделя.", "До срока неделя."),
    ("Готовимся к дедлайну.", "Готовимся к сроку."),
    (
        "Перенесли дедлайн на пятницу.",
        "Перенесли срок на пятницу.",
    ),
    ("Мы успели перед дедлайном.", "Мы успели перед сроком."),
    ("Напомню о дедлайне.", "Напомню о сроке."),
    ("Дедлайны сдвинулись.", "Сроки сдвинулись."),
    ("Нет жёстких дедлайнов.", "Нет жёстких сроков."),
    ("Мы привыкли к дедлайнам.", "Мы привыкли к срокам."),
    (
        "Команда справилась с дедлайнами.",
        "Команда справилась со сроками.",
    ),
    ("Поговорим о дедлайнах.", "Поговорим о сроках."),
    ("Юзер оставил отзыв.", "Пользователь оставил отзыв."),
    ("Мы потеряли юзера.", "Мы потеряли пользователя."),
    ("Напишем юзеру письмо.", "Напишем пользователю письмо."),
    ("Мы поговорили с юзером.", "Мы поговорили с пользователем."),
    ("Подумаем о юзере.", "Подумаем о пользователе."),
    ("Юзеры довольны.", "Пользователи довольны."),
    ("Мы опросили юзеров.", "Мы опросили пользователей."),
    ("Отправим юзерам опрос.", "Отправим пользователям опрос."),
    (
        "Мы встретились с юзерами.",
        "Мы встретились с пользователями.",
    ),
    (
        "Расскажем юзерам о скидке.",
        "Расскажем пользователям о скидке.",
    ),
    ("Апдейт вышел вчера.", "Обновление вышло вчера."),
    ("Ждём апдейта.", "Ждём апдейта."),
    ("Готовимся к апдейту.", "Готовимся к апдейту."),
    ("Выпустили апдейт.", "Выпустили апдейт."),
    ("Работаем над апдейтом.", "Работаем над апдейтом."),
    ("Напишем об апдейте.", "Напишем об апдейте."),
    (
        "Апдейты выходят каждую неделю.",
        "Сводки выходят каждую неделю.",
    ),
    ("Не было апдейтов.", "Не было апдейтов."),
    (
        "Онбординг новичков стартует в понедельник.",
        "Адаптация новичков стартует в понедельник.",
    ),
    (
        "Улучшим онбординг сотрудников.",
        "Улучшим адаптацию сотрудников.",
    ),
    (
        "Займёмся онбордингом новичков.",
        "Займёмся адаптацией новичков.",
    ),
    ("Напишем об онбординге.", "Напишем об онбординге."),
    (
        "После онбординга юзеры остаются.",
        "После знакомства с продуктом пользователи остаются.",
    ),
    ("Митинг начался.", "Встреча началась."),
    ("Нет времени на митинг.", "Нет времени на встречу."),
    ("Опоздал к митингу.", "Опоздал к встрече."),
    ("Провели митинг.", "Провели встречу."),
    ("Устали перед митингом.", "Устали перед встречей."),
    ("Договорились на митинге.", "Договорились на встрече."),
    ("Митинги отнимают время.", "Встречи отнимают время."),
    ("Слишком много митингов.", "Слишком много встреч."),
    (
        "Между митингами нет перерыва.",
        "Между встречами нет перерыва.",
    ),
    ("Мы заапрувили бюджет.", "Мы одобрили бюджет."),
    ("Я заапрувил бюджет.", "Я одобрил бюджет."),
    ("Она заапрувила бюджет.", "Она одобрила бюджет."),
    (
        "Директор заапрувит бюджет завтра.",
        "Директор одобрит бюджет завтра.",
    ),
    ("Мы заапрувим бюджет завтра.", "Мы одобрим бюджет завтра."),
    ("Заапрувь бюджет сегодня.", "Одобри бюджет сегодня."),
    ("Заапрувьте бюджет сегодня.", "Одобрите бюджет сегодня."),
    ("Бюджет заапрувлен.", "Бюджет одобрен."),
    (
        "Заапрувленный бюджет уже потрачен.",
        "Одобренный бюджет уже потрачен.",
    ),
    (
        "Заапрувив бюджет, директор уехал.",
        "Одобрив бюджет, директор уехал.",
    ),
    ("Надо заапрувить бюджет.", "Надо одобрить бюджет."),
    ("Директор апрувит бюджеты.", "Директор одобряет бюджеты."),
    ("Директора апрувят бюджеты.", "Директора одобряют бюджеты."),
    ("Я апрувлю все бюджеты.", "Я одобряю все бюджеты."),
    (
        "Раньше он апрувил бюджеты сам.",
        "Раньше он одобрял бюджеты сам.",
    ),
    ("Кто будет апрувить бюджеты?", "Кто будет одобрять бюджеты?"),
    (
        "Надо апрувить бюджеты быстрее.",
        "Надо одобрять бюджеты быстрее.",
    ),
    ("Я пофиксил баг.", "Я исправил ошибку."),
    ("Мы пофиксили баги.", "Мы исправили ошибки."),
    ("Она пофиксила баг.", "Она исправила ошибку."),
    ("Пофиксим баг завтра.", "Исправим ошибку завтра."),
    ("Пофикси баг до вечера.", "Исправь ошибку до вечера."),
    ("Надо пофиксить баг.", "Надо исправить ошибку."),
    ("Разработчик фиксит баги.", "Разработчик исправляет ошибки."),
    (
        "Мы фиксим баги каждый день.",
        "Мы исправляем ошибки каждый день.",
    ),
    (
        "Раньше он фиксил баги сам.",
        "Раньше он исправлял ошибки сам.",
    ),
    ("Баг мешает работе.", "Ошибка мешает работе."),
    ("Нет ни одного бага.", "Нет ни одного дефекта."),
    ("Нашли баг в отчёте.", "Нашли ошибку в отчёте."),
    ("Боремся с багами.", "Боремся с ошибками."),
    ("Не видим багов.", "Не видим ошибок."),
    ("Мы зарелизили новую версию.", "Мы выпустили новую версию."),
    (
        "Зарелизим новую версию в пятницу.",
        "Выпустим новую версию в пятницу.",
    ),
    ("Зарелизили три фичи.", "Выпустили три функции."),
    (
        "Надо зарелизить новую версию.",
        "Надо выпустить новую версию.",
    ),
    (
        "Обратимся к фидбеку клиентов.",
        "Обратимся к фидбеку клиентов.",
    ),
    (
        "Соберём фидбек клиентов.",
        "Соберём обратную связь клиентов.",
    ),
    ("Спасибо за фидбек.", "Спасибо за обратную связь."),
    ("Поделитесь фидбеком.", "Поделитесь обратной связью."),
    (
        "Нет фидбека от клиентов.",
        "Нет обратной связи от клиентов.",
    ),
    ("Фидбеки пришли вчера.", "Отзывы пришли вчера."),
    ("Разобрали фидбеки.", "Разобрали отзывы."),
    (
        "Сейлз позвонил клиенту.",
        "Менеджер по продажам позвонил клиенту.",
    ),
    ("Сейлзы довольны.", "Менеджеры по продажам довольны."),
    (
        "Передадим лиды сейлзам.",
        "Передадим потенциальных клиентов менеджерам по продажам.",
    ),
    (
        "Встретимся с сейлзами.",
        "Встретимся с менеджерами по продажам.",
    ),
    ("Спросим сейлзов.", "Спросим менеджеров по продажам."),
    ("Роадмап утвердили.", "План развития утвердили."),
    (
        "В роадмапе нет этой задачи.",
        "В плане развития нет этой задачи.",
    ),
    ("Обновили роадмап.", "Обновили план развития."),
    ("Не хватает роадмапа.", "Не хватает плана развития."),
    ("Бэклог разросся.", "Список задач разросся."),
    ("Перенесём задачу в бэклог.", "Перенесём задачу в бэклог."),
    ("Задачи из бэклога подождут.", "Задачи из бэклога подождут."),
    (
        "Работаем со скоупом проекта.",
        "Работаем со скоупом проекта.",
    ),
    ("Скоуп проекта расширили.", "Скоуп проекта расширили."),
    ("Обсудим скоуп.", "Обсудим скоуп."),
    ("Важный митинг прошёл.", "Важная встреча прошла."),
    ("Митинг был долгим.", "Встреча была долгой."),
    ("Митинг оказался полезным.", "Встреча оказалась полезной."),
    ("Прошёл митинг.", "Прошла встреча."),
    (
        "Наш митинг прошёл спокойно.",
        "Наша встреча прошла спокойно.",
    ),
    ("Этот апдейт вышел вчера.", "Это обновление вышло вчера."),
    ("Новый апдейт понравился.", "Новый апдейт понравился."),
    ("Апдейт был большим.", "Апдейт был большим."),
    ("Большой апдейт вышел.", "Большое обновление вышло."),
    (
        "Новый онбординг сотрудников заработал.",
        "Новая адаптация сотрудников заработала.",
    ),
    (
        "Онбординг новичка был скучным.",
        "Адаптация новичка была скучной.",
    ),
    ("Нам нужен фидбек.", "Нам нужна обратная связь."),
    ("Фидбек был полезным.", "Обратная связь была полезной."),
    ("Новый дедлайн назначили.", "Новый срок назначили."),
    ("ФИЧА ГОТОВА.", "ФУНКЦИЯ ГОТОВА."),
    ("Фичи готовы.", "Функции готовы."),
    ("Фичу покажем завтра.", "Функцию покажем завтра."),
    ("ДЕДЛАЙН ЗАВТРА.", "СРОК ЗАВТРА."),
    ("Дедлайн завтра.", "Срок завтра."),
    ("Скажу об апдейте.", "Скажу об апдейте."),
    ("Думаем о митинге.", "Думаем о встрече."),
    ("Расскажу о фидбеке.", "Расскажу об обратной связи."),
    (
        "Говорили об онбординге новичков.",
        "Говорили об адаптации новичков.",
    ),
    ("Работаем со скоупом.", "Работаем со скоупом."),
    ("Справились с дедлайном.", "Справились со сроком."),
    (
        "Поспорили с сейлзом.",
        "Поспорили с менеджером по продажам.",
    ),
    ("Три фичи готовы.", "Три функции готовы."),
    ("Пять фич готовы.", "Пять функций готовы."),
    ("Две новые фичи вышли.", "Две новые функции вышли."),
    (
        "Двадцать один юзер пришёл.",
        "Двадцать один пользователь пришёл.",
    ),
    ("Фичи обсудим завтра.", "Функции обсудим завтра."),
    ("Юзеров много.", "Пользователей много."),
    ("Собрали фидбэк.", "Собрали обратную связь."),
    (
        "Продакт-менеджер собрал бэклог.",
        "Менеджер по продукту собрал список задач.",
    ),
    (
        "Продакт-менеджеры собрались.",
        "Менеджеры по продукту собрались.",
    ),
    (
        "Новый митинг назначили на вторник.",
        "Новую встречу назначили на вторник.",
    ),
    ("Этот митинг был нужен.", "Эта встреча была нужна."),
    (
        "Мы обсудили, что фича готова.",
        "Мы обсудили, что функция готова.",
    ),
    (
        "Пререлиз отдадим пяти лояльным клиентам.",
        "Предварительную версию отдадим пяти лояльным клиентам.",
    ),
    (
        "Руководитель видит новый дашборд.",
        "Руководитель видит новый дашборд.",
    ),
    ("Добавим ещё две ноды.", "Добавим ещё два узла."),
    (
        "Нашли заапрувленного кандидата.",
        "Нашли одобренного кандидата.",
    ),
];

/// The fix is unsafe: `--fix` leaves the sentence alone, `--unsafe-fixes` writes the best guess.
/// «Кастомный» and «дефолтный» have no Russian word for every sense (custom screen, custom
/// project; default value = value by default): the entries are `fix = "unsafe"`.
const UNSAFE: &[(&str, &str)] = &[
    ("Кастомный отчёт готов.", "Нестандартный отчёт готов."),
    (
        "Сделали кастомную выгрузку.",
        "Сделали нестандартную выгрузку.",
    ),
    ("Нужны кастомные поля.", "Нужны нестандартные поля."),
    (
        "Дефолтные настройки сбросили.",
        "Стандартные настройки сбросили.",
    ),
    (
        "Оставим дефолтное значение.",
        "Оставим стандартное значение.",
    ),
];

/// Sentences `--fix` must leave alone: a noun used as a modifier of the next noun, a thing
/// replaced by a person in the accusative (corpus review, issue 15).
const NOT_SAFE: &[&str] = &[
    "Ошибки в продакшен среде видны сразу.",
    "Создайте новый лид в CRM.",
    // Found ungrammatical in the corpus sample of issue 14 (sentences after the corpus lines):
    // an English word before a noun in an oblique case is a modifier (Hexlet
    // hexletguides.github.io, usefull-twitter-threads; QA_bible faq), an adjective behind a quote
    // mark agrees with the noun (QA_bible software-vs-hardware: now a replacement of the same
    // gender, in SAFE), an unknown word next to it makes one term with it (QA_bible scrum).
    // The last corpus sample of issue 14 (tlroadmap product-owner pages, diversity; QA_bible
    // junior tester): a colloquial genitive plural «фичей» after a noun, an adjective with a
    // phrase between it and the noun, «прав» after a preposition in a relative clause.
    "# Жизненный цикл фичей",
    "Продукт стал сборником мало связанных друг с другом фичей.",
    "Люди с отличным от нас бэкграундом важны.",
    "Куда развиваться фронтенд инженеру?",
    "Нужен опыт работы джуниор тестировщиком.",
    "Стори поинты оцениваем вместе.",
];

#[test]
fn guessed_grammar_is_never_a_safe_fix() {
    for input in NOT_SAFE {
        assert_eq!(fixed(input, Applicability::Safe), *input);
    }
}

/// No safe fix: the replacement governs another case and the object is a phrase, or the case
/// after the preposition is not certain.
const HUMAN: &[&str] = &[
    "Зашерь новый документ.",
    "По бигдате у нас отдельная команда.",
];

#[test]
fn safe_fixes_give_agreeing_sentences() {
    assert!(SAFE.len() >= 150, "{}", SAFE.len());
    let mut failures = Vec::new();
    for (input, expected) in SAFE {
        let output = fixed(input, Applicability::Safe);
        if output != *expected {
            failures.push(format!(
                "{input}\n  ожидалось: {expected}\n  получено:  {output}"
            ));
        }
        // Fixing again changes nothing.
        let again = fixed(&output, Applicability::Safe);
        if again != output {
            failures.push(format!(
                "повторное исправление изменило «{output}» на «{again}»"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn unsafe_fixes_wait_for_the_flag() {
    let mut failures = Vec::new();
    for (input, expected) in UNSAFE {
        let safe = fixed(input, Applicability::Safe);
        if safe != *input {
            failures.push(format!("--fix изменил «{input}» на «{safe}»"));
        }
        let output = fixed(input, Applicability::Unsafe);
        if output != *expected {
            failures.push(format!(
                "{input}\n  ожидалось: {expected}\n  получено:  {output}"
            ));
        }
    }
    for input in HUMAN {
        let diagnostics = LINTER.lint(input, FileKind::Text);
        let applicability = diagnostics[0].fix.as_ref().map(|fix| fix.applicability);
        if applicability == Some(Applicability::Safe) || fixed(input, Applicability::Safe) != *input
        {
            failures.push(format!("«{input}»: исправление не должно быть безопасным"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn suggestions_are_inflected_and_keep_casing() {
    let cases: &[(&str, &[&str])] = &[
        ("Покажем фичу.", &["функцию", "возможность"]),
        ("Фичами займёмся.", &["Функциями", "Возможностями"]),
        ("ФИЧА ГОТОВА.", &["ФУНКЦИЯ", "ВОЗМОЖНОСТЬ"]),
        ("Спасибо за фидбек.", &["обратную связь"]),
        ("Мы заапрувили бюджет.", &["одобрили", "согласовали"]),
        ("Он апрувит бюджеты.", &["одобряет", "согласовывает"]),
    ];
    for (text, expected) in cases {
        let diagnostics = LINTER.lint(text, FileKind::Text);
        let suggestions: Vec<&str> = diagnostics[0]
            .suggestions()
            .iter()
            .map(|s| s.text.as_str())
            .collect();
        assert_eq!(suggestions, *expected, "{text}");
    }
}

#[test]
fn latin_words_and_abbreviations_are_display_only() {
    for text in ["Согласуем roadmap.", "Обсудим KPI на встрече."] {
        let diagnostics = LINTER.lint(text, FileKind::Text);
        let fix = diagnostics[0].fix.as_ref().unwrap();
        assert_eq!(fix.applicability, Applicability::DisplayOnly, "{text}");
        assert_eq!(fixed(text, Applicability::Unsafe), text);
    }
}

/// A small deterministic generator (xorshift), so that a failure is reproducible.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// Random markdown documents built from the sentences above and from the fixtures: `--fix` is
/// idempotent, leaves no safe fix behind, never adds findings, and leaves code alone.
#[test]
fn fixing_random_documents_is_idempotent_and_only_helps() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut sentences: Vec<String> = SAFE
        .iter()
        .chain(UNSAFE)
        .map(|(input, _)| input.to_string())
        .chain(HUMAN.iter().map(|input| input.to_string()))
        .collect();
    for name in [
        "product-spec.md",
        "release-notes.md",
        "sales-memo.md",
        "weekly-status.txt",
    ] {
        let text = std::fs::read_to_string(root.join(name)).unwrap();
        sentences.extend(
            text.lines()
                .filter(|line| {
                    line.chars().any(char::is_alphabetic)
                        && !line.contains('`')
                        && !line.starts_with("---")
                })
                .map(str::to_string),
        );
    }
    let code = "```\nфича = deploy(дедлайн)\n```";
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    for round in 0..60 {
        let mut document = String::new();
        for _ in 0..(3 + rng.below(12)) {
            match rng.below(6) {
                0 => document.push_str("- "),
                1 => document.push_str("## "),
                2 => document.push_str("> "),
                _ => {}
            }
            document.push_str(&sentences[rng.below(sentences.len())]);
            document.push(' ');
            document.push_str(&sentences[rng.below(sentences.len())]);
            document.push_str(if rng.below(2) == 0 {
                "\n\n"
            } else {
                "\r\n\r\n"
            });
            if rng.below(5) == 0 {
                document.push_str(code);
                document.push_str("\n\n");
            }
        }
        let before = LINTER.lint(&document, FileKind::Markdown);
        let once = LINTER.fix(
            &document,
            FileKind::Markdown,
            &Policy::default(),
            Applicability::Safe,
        );
        let twice = LINTER.fix(
            &once.text,
            FileKind::Markdown,
            &Policy::default(),
            Applicability::Safe,
        );
        assert_eq!(
            twice.text, once.text,
            "round {round}: not idempotent\n{document}"
        );
        assert_eq!(twice.applied, 0, "round {round}");
        assert!(
            once.remaining.iter().all(|d| d
                .fix
                .as_ref()
                .is_none_or(|fix| fix.applicability < Applicability::Safe)),
            "round {round}: a safe fix is left\n{}",
            once.text
        );
        assert!(
            once.remaining.len() <= before.len(),
            "round {round}: more findings after --fix"
        );
        assert_eq!(
            once.text.matches(code).count(),
            document.matches(code).count(),
            "round {round}: code changed"
        );
        assert_eq!(
            once.text.matches("\r\n").count(),
            document.matches("\r\n").count(),
            "round {round}: line endings changed"
        );
    }
}
