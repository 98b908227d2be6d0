//! The `anglint` command: parses flags, runs the library, prints through the reporters and sets
//! the exit code (0 nothing found, 1 findings, 2 usage, dictionary or file errors).

use std::io::{self, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anglint::dictionary::Category;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use anglint::config::{Config, Settings};
use anglint::dictionary::Severity;
use anglint::fix::Applicability;
use anglint::inputs::{self, Legacy, ReadError, Target};
use anglint::linter::Policy;
use anglint::report::{self, FileError, FileReport};
use anglint::resolve::{self, Loaded, Resolver, load};
use anglint::{Linter, Rule, Term, apply, validate};
use clap::{Parser, Subcommand, ValueEnum};
use codespan_reporting::term::termcolor::{
    BufferedStandardStream, ColorChoice, NoColor, StandardStream, WriteColor,
};

#[derive(Parser)]
#[command(
    name = "anglint",
    version,
    about = "Находит англицизмы и жаргон в русских текстах и предлагает русские слова"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Дополнительный словарь в формате dictionaries/*.toml (можно несколько раз); файл с именем
    /// встроенного словаря (product.toml) используется вместо него
    #[arg(long = "dictionary", value_name = "FILE", global = true)]
    dictionaries: Vec<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Проверить файлы и каталоги (по умолчанию — текущий каталог; `-` — стандартный ввод)
    Check(CheckArgs),
    /// Объяснить слово (в любой форме) или правило (AL001)
    Explain {
        /// Слово, например «фичами», или код правила
        word: String,
    },
    /// Записать anglint.toml со всеми ключами и значениями по умолчанию
    Init {
        /// Перезаписать существующий файл
        #[arg(long)]
        force: bool,
    },
    /// Языковой сервер (LSP) для редакторов: замечания при наборе, исправления, подсказки
    Lsp,
    /// Словарь: статьи и формы
    Dict {
        #[command(subcommand)]
        command: DictCommand,
    },
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Файлы и каталоги; в каталогах проверяются .md, .markdown и .txt
    paths: Vec<PathBuf>,
    /// Формат вывода
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Имя для стандартного ввода в выводе; по его расширению выбирается разбор (markdown или текст)
    #[arg(long, value_name = "NAME")]
    stdin_filename: Option<PathBuf>,
    /// Цвет: auto — только в терминале и без NO_COLOR
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
    /// Исправить файлы: заменить слова, где замена однозначна (безопасные исправления)
    #[arg(long)]
    fix: bool,
    /// Применять и небезопасные исправления (первый вариант замены); вместе с --fix или --diff
    #[arg(long)]
    unsafe_fixes: bool,
    /// Сколько файлов проверять одновременно (по умолчанию — по числу ядер)
    #[arg(short = 'j', long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    threads: Option<u16>,
    /// Заходить по символическим ссылкам при обходе каталогов (петли распознаются)
    #[arg(short = 'L', long)]
    follow: bool,
    /// Показать исправления как unified diff и ничего не записывать
    #[arg(long, conflicts_with = "fix")]
    diff: bool,
    /// Файл настроек вместо ближайшего anglint.toml
    #[arg(long, value_name = "PATH", conflicts_with = "no_config")]
    config: Option<PathBuf>,
    /// Не читать anglint.toml
    #[arg(long)]
    no_config: bool,
    /// Проверять только эти правила (коды или имена через запятую)
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    select: Option<Vec<String>>,
    /// Не проверять эти правила (коды или имена через запятую)
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    ignore: Vec<String>,
    /// Показывать замечания только с этого уровня
    #[arg(long, value_enum, value_name = "LEVEL")]
    min_severity: Option<Level>,
    /// Кодировка файлов, которые не в UTF-8 (старые документы); --fix записывает их в ней же.
    /// UTF-16 с меткой порядка байтов распознаётся всегда
    #[arg(long, value_enum, value_name = "ENCODING", default_value_t = EncodingArg::Utf8)]
    encoding: EncodingArg,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum EncodingArg {
    /// Только UTF-8: остальные файлы — ошибка с подсказкой
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    /// Windows-1251
    #[value(name = "cp1251", alias = "windows-1251")]
    Cp1251,
    /// KOI8-R
    #[value(name = "koi8-r", alias = "koi8r")]
    Koi8R,
}

impl EncodingArg {
    fn fallback(self) -> Option<Legacy> {
        match self {
            EncodingArg::Utf8 => None,
            EncodingArg::Cp1251 => Some(Legacy::Cp1251),
            EncodingArg::Koi8R => Some(Legacy::Koi8R),
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Level {
    Info,
    Warning,
    Error,
}

impl From<Level> for Severity {
    fn from(level: Level) -> Severity {
        match level {
            Level::Info => Severity::Info,
            Level::Warning => Severity::Warning,
            Level::Error => Severity::Error,
        }
    }
}

#[derive(Subcommand)]
enum DictCommand {
    /// Все статьи словаря
    List {
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Все формы, которые ищет anglint (или формы одного термина), по одной в строке
    Forms {
        /// Термин в любой форме
        term: Option<String>,
    },
    /// Проверить файл словаря в формате dictionaries/*.toml: разбор, морфология, примеры,
    /// столкновения с обычными словами. Файл с именем встроенного словаря (product.toml)
    /// проверяется вместо него
    Check {
        /// Файлы словарей
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Для людей: замечание с фрагментом текста
    Human,
    /// Один документ JSON (описан в README)
    Json,
    /// `путь:строка:столбец: КОД сообщение`, по строке на замечание
    Concise,
    /// Команды GitHub Actions (::warning …), столбцы в символах
    Github,
    /// SARIF 2.1.0
    Sarif,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut extra = cli.dictionaries.clone();
    let checking = if let Command::Dict {
        command: DictCommand::Check { files },
    } = &cli.command
    {
        extra.extend(files.iter().cloned());
        true
    } else {
        false
    };
    let loaded = match load(&extra) {
        Ok(loaded) => loaded,
        Err(message) => {
            // Problems in dictionaries are the report of `dict check`, an error elsewhere.
            if checking {
                println!("{message}");
            } else {
                eprintln!("ошибка в словаре:\n{message}");
            }
            return ExitCode::from(2);
        }
    };
    let linter = &loaded.linter;
    let result = match cli.command {
        Command::Check(args) => check(&loaded, &extra, args),
        Command::Init { force } => init(force),
        Command::Lsp => lsp(&loaded, &extra),
        Command::Explain { word } => explain(linter, &word),
        Command::Dict { command } => match command {
            DictCommand::List { format } => dict_list(linter, format),
            DictCommand::Forms { term } => dict_forms(linter, term.as_deref()),
            DictCommand::Check { files } => dict_check(&loaded, &files),
        },
    };
    // The dictionaries die with the process: freeing their allocations one by one took about a
    // sixth of a run on one small file.
    std::mem::forget(loaded);
    match result {
        Ok(code) => ExitCode::from(code),
        // A closed pipe (`anglint check | head`) ends the run quietly.
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => ExitCode::from(0),
        Err(error) => {
            eprintln!("ошибка вывода: {error}");
            ExitCode::from(2)
        }
    }
}

/// What `check` does with the fixes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Report,
    Fix(Applicability),
    Diff(Applicability),
}

/// One linted document.
struct Outcome {
    report: FileReport,
    /// The unified diff of the fixes (`--diff`).
    diff: Option<String>,
    /// The fixed bytes of standard input (`--fix` with `-`), in its encoding.
    stdin_fixed: Option<Vec<u8>>,
}

/// Set by Ctrl-C (or SIGTERM) during `--fix`: files not yet written stay untouched.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Files written by `--fix` so far.
static WRITTEN: AtomicUsize = AtomicUsize::new(0);

fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}

/// A problem that stops the run before linting: a bad configuration or dictionary.
fn fatal(message: &str) -> io::Result<u8> {
    eprintln!("{message}");
    Ok(2)
}

fn check(loaded: &Loaded, extra: &[PathBuf], args: CheckArgs) -> io::Result<u8> {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let threshold = if args.unsafe_fixes {
        Applicability::Unsafe
    } else {
        Applicability::Safe
    };
    let mode = if args.fix {
        Mode::Fix(threshold)
    } else if args.diff {
        Mode::Diff(threshold)
    } else {
        Mode::Report
    };
    let flags = Settings {
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        min_severity: args.min_severity.map(Severity::from),
        ..Settings::default()
    };
    let (targets, mut errors) = inputs::discover(&paths, args.follow);
    let stdin_name = args.stdin_filename.as_deref();
    let prepared = match plan(loaded, extra, &args, targets, &flags) {
        Ok(prepared) => prepared,
        Err(message) => return fatal(&message),
    };
    if matches!(mode, Mode::Fix(_)) {
        // Ctrl-C while fixing: finish the file being written, write no other. Without a
        // handler (it cannot be installed) the default applies: each write is atomic anyway.
        let _ = ctrlc::set_handler(|| INTERRUPTED.store(true, Ordering::SeqCst));
    }
    let color = match args.color {
        Color::Always => ColorChoice::Always,
        Color::Never => ColorChoice::Never,
        Color::Auto
            if io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty()) =>
        {
            ColorChoice::Auto
        }
        Color::Auto => ColorChoice::Never,
    };
    let style = match args.format {
        Format::Human => report::Style::Human,
        Format::Json => report::Style::Json,
        Format::Concise => report::Style::Concise,
        Format::Github => report::Style::Github,
        Format::Sarif => report::Style::Sarif,
    };
    let diff = matches!(mode, Mode::Diff(_));
    // `--fix` on standard input: the fixed text on standard output, the report on standard error.
    let stdin_fix = matches!(mode, Mode::Fix(_))
        && prepared
            .iter()
            .any(|(target, ..)| matches!(target, Target::Stdin));
    // Diffs and fixed standard input go to standard output as they are; the report goes to
    // standard output, or to standard error when standard output carries the fixed text. `--diff`
    // reports nothing but a count of fixes.
    let mut data = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
    let mut err = StandardStream::stderr(color);
    let human = diff || stdin_fix || style == report::Style::Human;
    let mut target: Box<dyn WriteColor> = if stdin_fix {
        Box::new(BufferedStandardStream::stderr(color))
    } else if style == report::Style::Human {
        Box::new(BufferedStandardStream::stdout(color))
    } else {
        Box::new(NoColor::new(io::BufWriter::with_capacity(
            1 << 16,
            io::stdout(),
        )))
    };
    let style = if stdin_fix {
        report::Style::Human
    } else {
        style
    };
    let mut reporter = (!diff).then(|| report::Reporter::new(&mut *target, style));
    // Source lines are copied only for a report people read.
    let excerpts = !diff && style == report::Style::Human;
    // People see the files that could not be read on standard error, as they come.
    if human {
        report::human_errors(&mut err, &errors)?;
    }
    // Files are linted on every core and reported in order as they finish; a file's findings
    // are dropped once written.
    let fallback = args.encoding.fallback();
    let threads = args.threads.map_or_else(
        || std::thread::available_parallelism().map_or(1, |n| n.get()),
        usize::from,
    );
    let (mut diffs, mut fixable) = (0, 0);
    anglint::ordered::for_each(
        &prepared,
        threads,
        threads * 16,
        |(target, linter, policy)| {
            lint_target(linter, policy, target, stdin_name, fallback, mode, excerpts)
        },
        |result| -> io::Result<()> {
            match result {
                Ok(Some(outcome)) => {
                    if let Some(reporter) = &mut reporter {
                        reporter.file(&outcome.report)?;
                    }
                    fixable += outcome.report.fixed;
                    if let Some(diff) = &outcome.diff {
                        data.write_all(diff.as_bytes())?;
                        diffs += 1;
                    }
                    if let Some(fixed) = &outcome.stdin_fixed {
                        data.write_all(fixed)?;
                    }
                }
                Ok(None) => {}
                Err(error) => {
                    if human {
                        report::human_errors(&mut err, std::slice::from_ref(&error))?;
                    }
                    errors.push(error);
                }
            }
            Ok(())
        },
    )?;
    data.flush()?;
    if interrupted() {
        let written = WRITTEN.load(Ordering::SeqCst);
        eprintln!(
            "Прервано: исправления записаны в {written} {}, остальные файлы не изменены.",
            report::plural(written, ["файл", "файла", "файлов"])
        );
        return Ok(130);
    }
    let Some(reporter) = reporter else {
        // `--diff`: the diffs on standard output, a count on standard error.
        writeln!(
            err,
            "Можно исправить {fixable} {} в {diffs} {} (--fix).",
            report::plural(fixable, ["замечание", "замечания", "замечаний"]),
            report::plural(diffs, ["файле", "файлах", "файлах"])
        )?;
        return Ok(if !errors.is_empty() {
            2
        } else if diffs > 0 {
            1
        } else {
            0
        });
    };
    let summary = reporter.finish(&errors)?;
    Ok(if !errors.is_empty() {
        2
    } else if summary.diagnostics > 0 {
        1
    } else {
        0
    })
}

/// For each target, the linter (built-in dictionaries plus the team's) and the policy of its
/// configuration: `--config`, none with `--no-config`, else the nearest `anglint.toml`. Files
/// found by walking that the configuration excludes are dropped. An error is the whole message.
fn plan(
    loaded: &Loaded,
    extra: &[PathBuf],
    args: &CheckArgs,
    targets: Vec<Target>,
    flags: &Settings,
) -> Result<Vec<(Target, Arc<Linter>, Policy)>, String> {
    let explicit = match &args.config {
        Some(path) => Some(Arc::new(
            Config::load(path).map_err(|error| error.to_string())?,
        )),
        None => None,
    };
    let mut resolver = Resolver::new(Arc::clone(&loaded.linter), extra.to_vec());
    let mut prepared = Vec::with_capacity(targets.len());
    for target in targets {
        // The file's absolute path: configurations and their globs work on it.
        let file = match &target {
            Target::File { path, .. } => {
                std::fs::canonicalize(path).unwrap_or_else(|_| path.clone())
            }
            Target::Stdin => {
                let named = args
                    .stdin_filename
                    .clone()
                    .unwrap_or_else(|| PathBuf::from("-"));
                std::env::current_dir().map_or(named.clone(), |directory| directory.join(named))
            }
        };
        let config = if args.no_config {
            None
        } else if explicit.is_some() {
            explicit.clone()
        } else {
            let directory = file
                .parent()
                .map_or_else(|| PathBuf::from("."), PathBuf::from);
            resolver
                .config_for(&directory)
                .map_err(|error| error.to_string())?
        };
        // Walking skips excluded paths; a file named on the command line is always linted.
        if let (
            Target::File {
                explicit: false, ..
            },
            Some(config),
        ) = (&target, &config)
            && config.excludes(&file)
        {
            continue;
        }
        // One linter per set of team dictionaries.
        let linter = resolver.linter_for(config.as_deref())?;
        let policy = resolve::policy_for(&linter, config.as_deref(), &file, flags)?;
        prepared.push((target, linter, policy));
    }
    Ok(prepared)
}

/// Reads, lints and (by `mode`) fixes one target. `Ok(None)`: a binary file found by walking.
fn lint_target(
    linter: &Linter,
    policy: &Policy,
    target: &Target,
    stdin_name: Option<&std::path::Path>,
    fallback: Option<Legacy>,
    mode: Mode,
    excerpts: bool,
) -> Result<Option<Outcome>, FileError> {
    if interrupted() {
        return Ok(None);
    }
    let (path, decoded) = match target {
        Target::File { path, explicit } => {
            let shown = path.display().to_string();
            let decoded = match inputs::read(path, fallback) {
                Ok(decoded) => decoded,
                // Binary files found by walking are skipped, as in ripgrep.
                Err(ReadError::Binary { .. }) if !explicit => return Ok(None),
                Err(error) => {
                    return Err(FileError {
                        message: error.describe(&shown),
                        path: shown,
                    });
                }
            };
            (shown, decoded)
        }
        Target::Stdin => {
            let shown =
                stdin_name.map_or_else(|| "<stdin>".to_string(), |name| name.display().to_string());
            let mut bytes = Vec::new();
            io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|error| FileError {
                    path: shown.clone(),
                    message: format!("не удалось прочитать стандартный ввод: {error}"),
                })?;
            let decoded = inputs::decode_bytes(bytes, fallback).map_err(|error| FileError {
                path: shown.clone(),
                message: error.describe(&shown),
            })?;
            (shown, decoded)
        }
    };
    let text = decoded.text;
    let kind = inputs::kind_of(target, stdin_name);
    let threshold = match mode {
        Mode::Report => {
            let diagnostics = linter.lint_with(&text, kind, policy);
            return Ok(Some(Outcome {
                report: FileReport::new(path, &text, diagnostics, 0, excerpts),
                diff: None,
                stdin_fixed: None,
            }));
        }
        Mode::Fix(threshold) | Mode::Diff(threshold) => threshold,
    };
    let fixed = apply::fix_with(linter, &text, kind, policy, threshold);
    let changed = fixed.text != text;
    let mut outcome = Outcome {
        report: FileReport::new(
            path.clone(),
            &fixed.text,
            fixed.remaining,
            fixed.applied,
            excerpts,
        ),
        diff: None,
        stdin_fixed: None,
    };
    match (mode, target) {
        (Mode::Diff(_), _) if changed => {
            outcome.diff = Some(
                similar::TextDiff::from_lines(&text, &fixed.text)
                    .unified_diff()
                    .context_radius(3)
                    .header(&path, &path)
                    .to_string(),
            );
        }
        (Mode::Fix(_), Target::Stdin) => {
            outcome.stdin_fixed = Some(inputs::encode(&fixed.text, decoded.encoding).map_err(
                |message| FileError {
                    path: path.clone(),
                    message,
                },
            )?)
        }
        (Mode::Fix(_), Target::File { path: file, .. }) if changed => {
            // Back in the file's own encoding; nothing is written when that is impossible.
            let bytes =
                inputs::encode(&fixed.text, decoded.encoding).map_err(|message| FileError {
                    path: path.clone(),
                    message,
                })?;
            if interrupted() {
                return Ok(None);
            }
            inputs::write_atomically(file, &bytes).map_err(|error| FileError {
                path: path.clone(),
                message: format!("не удалось записать исправления: {error}"),
            })?;
            WRITTEN.fetch_add(1, Ordering::SeqCst);
        }
        _ => {}
    }
    Ok(Some(outcome))
}

fn explain(linter: &Linter, word: &str) -> io::Result<u8> {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    if let Some(rule) = Rule::from_code(word.trim()) {
        writeln!(
            out,
            "{} ({})\n\n{}",
            rule.code(),
            rule.name(),
            rule.explanation()
        )?;
        return Ok(0);
    }
    let terms = linter.lookup(word);
    if terms.is_empty() {
        writeln!(
            out,
            "«{word}» нет в словаре anglint: оно не отмечается. Если это жаргон, добавьте его в свой словарь."
        )?;
        return Ok(1);
    }
    for (i, &index) in terms.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        describe(&mut out, linter, index)?;
    }
    Ok(0)
}

fn describe(out: &mut dyn Write, linter: &Linter, index: usize) -> io::Result<()> {
    let term: &Term = &linter.terms()[index];
    let rule = Rule::for_category(term.category);
    match rule {
        Some(rule) => writeln!(
            out,
            "{} — {} ({}, {})",
            term.lemma,
            anglint::diagnostic::category_title(term.category),
            rule.code(),
            term.severity.as_str()
        )?,
        None => writeln!(
            out,
            "{} — {}: anglint его не отмечает",
            term.lemma,
            anglint::diagnostic::category_title(term.category)
        )?,
    }
    writeln!(out, "Происхождение: англ. {}", term.origin)?;
    writeln!(out, "Значение: {}", term.note)?;
    if !term.replacements.is_empty() {
        let list: Vec<&str> = term.replacements.iter().map(|r| r.text.as_str()).collect();
        writeln!(out, "Замены: {}", list.join(", "))?;
    }
    if !term.variants.is_empty() {
        writeln!(out, "Варианты написания: {}", term.variants.join(", "))?;
    }
    writeln!(out, "Словарь: {} ({})", term.domain, term.location)?;
    let forms = linter.lexicon().forms_of(index);
    writeln!(out, "Формы ({}): {}", forms.len(), forms.join(", "))?;
    Ok(())
}

fn dict_list(linter: &Linter, format: Format) -> io::Result<u8> {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    match format {
        Format::Json => {
            let entries: Vec<serde_json::Value> = linter
                .terms()
                .iter()
                .map(|term| {
                    serde_json::json!({
                        "lemma": term.lemma,
                        "variants": term.variants,
                        "pos": term.pos.as_str(),
                        "category": term.category.as_str(),
                        "severity": term.severity.as_str(),
                        "domain": term.domain,
                        "origin": term.origin,
                        "replacements": term.replacements.iter().map(|r| r.text.as_str()).collect::<Vec<_>>(),
                        "note": term.note,
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut out, &entries)?;
            writeln!(out)?;
        }
        _ => {
            for term in linter.terms() {
                let list: Vec<&str> = term.replacements.iter().map(|r| r.text.as_str()).collect();
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{}",
                    term.lemma,
                    term.category.as_str(),
                    term.domain,
                    term.origin,
                    list.join(", ")
                )?;
            }
        }
    }
    Ok(0)
}

fn dict_forms(linter: &Linter, term: Option<&str>) -> io::Result<u8> {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let mut forms: Vec<&str> = match term {
        Some(word) => {
            let terms = linter.lookup(word);
            if terms.is_empty() {
                writeln!(out, "«{word}» нет в словаре anglint")?;
                return Ok(1);
            }
            terms
                .iter()
                .flat_map(|&index| linter.lexicon().forms_of(index))
                .collect()
        }
        None => linter
            .lexicon()
            .forms
            .iter()
            .filter(|form| {
                form.owners()
                    .any(|owner| linter.terms()[owner.term].category != Category::Allowed)
            })
            .map(|form| form.text)
            .collect(),
    };
    forms.sort_unstable();
    forms.dedup();
    for form in forms {
        writeln!(out, "{form}")?;
    }
    Ok(0)
}

/// `anglint dict check`: every problem of the given files with its place.
fn dict_check(loaded: &Loaded, files: &[PathBuf]) -> io::Result<u8> {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let linter = &loaded.linter;
    let names: Vec<String> = files
        .iter()
        .map(|path| path.display().to_string())
        .collect();
    let checked: Vec<&(String, String)> = loaded
        .files
        .iter()
        .filter(|(name, _)| names.contains(name))
        .collect();
    let mut problems = Vec::new();
    for (name, text) in &checked {
        if let Ok(terms) = anglint::dictionary::parse(name, text) {
            problems.extend(validate::sorted(&terms));
        }
    }
    problems.extend(validate::check(linter, |term| {
        names.contains(&term.location.file)
    }));
    for problem in &problems {
        writeln!(out, "{problem}")?;
    }
    for name in &names {
        let terms: Vec<usize> = (0..linter.terms().len())
            .filter(|&index| &linter.terms()[index].location.file == name)
            .collect();
        let forms: usize = terms
            .iter()
            .map(|&index| linter.lexicon().forms_of(index).len())
            .sum();
        let errors = problems
            .iter()
            .filter(|problem| &problem.location.file == name)
            .count();
        writeln!(
            out,
            "{name}: {} {}, {forms} {}; {}",
            terms.len(),
            report::plural(terms.len(), ["статья", "статьи", "статей"]),
            report::plural(forms, ["форма", "формы", "форм"]),
            if errors == 0 {
                "ошибок нет".to_string()
            } else {
                format!(
                    "{errors} {}",
                    report::plural(errors, ["ошибка", "ошибки", "ошибок"])
                )
            }
        )?;
    }
    Ok(if problems.is_empty() { 0 } else { 2 })
}

/// `anglint lsp`: the language server on standard input and output; standard output is the
/// protocol's, so failures go to standard error. Exit code 0 after `shutdown` and `exit`, 1 after
/// `exit` alone, 2 when the connection breaks.
fn lsp(loaded: &Loaded, extra: &[PathBuf]) -> io::Result<u8> {
    match anglint::lsp::run(Arc::clone(&loaded.linter), extra.to_vec()) {
        Ok(true) => Ok(0),
        // `exit` without `shutdown`, or the client went away.
        Ok(false) => Ok(1),
        Err(error) => {
            eprintln!("anglint lsp: {error}");
            Ok(2)
        }
    }
}

/// `anglint init`: a commented `anglint.toml` in the current directory.
fn init(force: bool) -> io::Result<u8> {
    let path = PathBuf::from("anglint.toml");
    if path.exists() && !force {
        eprintln!("anglint.toml уже есть: перезаписать — anglint init --force");
        return Ok(2);
    }
    std::fs::write(&path, anglint::config::TEMPLATE)?;
    println!("Записан anglint.toml: все ключи с значениями по умолчанию.");
    Ok(0)
}
