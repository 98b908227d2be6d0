#![allow(clippy::print_stdout, clippy::print_stderr)]
//! The `anglint` command: parses flags, runs the library, prints through the reporters and sets
//! the exit code (0 nothing found, 1 findings, 2 usage, dictionary or file errors).

use std::collections::HashMap;
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use anglint::check::{self, Mode};
use anglint::config::{Config, Settings};
use anglint::diagnostic::{Applicability, Category, Severity};
use anglint::explain::{self, Explanation};
use anglint::inputs::{self, Target};
use anglint::report::{self, FileError, FileReport};
use anglint::text::plural;
use anglint::workspace::{self, Choice, Loaded, Resolver, Setup, SetupError};
use anglint::{Linter, validate};
use codespan_reporting::term::termcolor::{
    BufferedStandardStream, ColorChoice, NoColor, StandardStream, WriteColor,
};

mod args;
mod russian;

use args::{CheckArgs, Color, Command, DictCommand, Format};

fn main() -> ExitCode {
    let cli = match russian::parse() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
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
    let loaded = match workspace::load(&extra) {
        Ok(loaded) => loaded,
        // Problems in dictionaries are the report of `dict check`, an error elsewhere.
        Err(error) => {
            match error.dictionary_problems().filter(|_| checking) {
                Some(problems) => {
                    let mut out = io::stdout().lock();
                    // A closed pipe ends the list quietly.
                    let _ = problems
                        .iter()
                        .try_for_each(|problem| writeln!(out, "{problem}"));
                }
                None => eprintln!("{error}"),
            }
            return ExitCode::from(2);
        }
    };
    let linter = &loaded.linter;
    let result = match cli.command {
        Command::Check(args) => run_check(&loaded, &extra, args),
        Command::Init { force } => init(force),
        Command::Lsp => lsp(&loaded, &extra),
        Command::Explain { word } => {
            let explanation = explain::explain(linter, &word);
            let text = explain::plain(linter, &word, &explanation);
            io::stdout()
                .lock()
                .write_all(text.as_bytes())
                .map(|()| u8::from(matches!(explanation, Explanation::Unknown)))
        }
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

/// Set by Ctrl-C (or SIGTERM) during `--fix`: files not yet written stay untouched.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Files written by `--fix` so far.
static WRITTEN: AtomicUsize = AtomicUsize::new(0);

fn run_check(loaded: &Loaded, extra: &[PathBuf], args: CheckArgs) -> io::Result<u8> {
    let paths = if !args.paths.is_empty() {
        args.paths.clone()
    } else if stdin_is_redirected() {
        // `cat notes.md | anglint check` would otherwise check the current directory and ignore
        // the text: standard input is read only when asked for with `-`.
        eprintln!(
            "ошибка: не указано, что проверять, а стандартный ввод перенаправлен.\n\
             Проверить стандартный ввод: anglint check -\n\
             Проверить текущий каталог: anglint check ."
        );
        return Ok(2);
    } else {
        vec![PathBuf::from(".")]
    };
    if args.statistics && !matches!(args.format, Format::Human | Format::Concise | Format::Json) {
        eprintln!(
            "ошибка: --statistics печатает таблицу (форматы human и concise) или JSON (--format json)"
        );
        return Ok(2);
    }
    if args.unsafe_fixes && !args.fix && !args.diff && !args.quiet {
        eprintln!(
            "примечание: --unsafe-fixes ничего не меняет без --fix или --diff: \
             замечания показываются как обычно"
        );
    }
    let threshold = if args.unsafe_fixes {
        Applicability::Unsafe
    } else {
        Applicability::Safe
    };
    // `--fix --diff` shows the diff and writes nothing, as ruff does.
    let mode = if args.diff {
        Mode::Diff(threshold)
    } else if args.fix {
        Mode::Fix(threshold)
    } else {
        Mode::Report
    };
    let flags = Settings {
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        min_severity: args.min_severity.map(Severity::from),
        ..Settings::default()
    };
    let mut resolver = match resolver(loaded, extra, &args) {
        Ok(resolver) => resolver,
        Err(error) => {
            eprintln!("{error}");
            return Ok(2);
        }
    };
    let (targets, mut errors) = match discover(&mut resolver, &paths, args.follow) {
        Ok(found) => found,
        Err(error) => {
            eprintln!("{error}");
            return Ok(2);
        }
    };
    let prepared = match plan(&mut resolver, &args, targets, &flags) {
        Ok(prepared) => prepared,
        // A bad configuration or dictionary stops the run before linting.
        Err(error) => {
            eprintln!("{error}");
            return Ok(2);
        }
    };
    if prepared.is_empty() && errors.is_empty() && !args.quiet {
        eprintln!(
            "предупреждение: не найдено файлов для проверки в {}: в каталогах проверяются {} \
             и файлы из extend-include в anglint.toml; файл, названный явно, проверяется всегда",
            paths
                .iter()
                .map(|path| path.display().to_string())
                .collect::<Vec<_>>()
                .join(", "),
            known_extensions()
        );
    }
    if matches!(mode, Mode::Fix(_)) {
        // Ctrl-C while fixing: finish the file being written, write no other. Without a
        // handler (it cannot be installed) the default applies: each write is atomic anyway.
        let _ = ctrlc::set_handler(|| INTERRUPTED.store(true, Ordering::SeqCst));
    }
    // The report's file (`--output-file`), opened before linting: a path that cannot be
    // written stops the run at once.
    let output_file = match &args.output_file {
        Some(path) => match create(path) {
            Ok(file) => Some(file),
            Err(error) => {
                eprintln!(
                    "ошибка: не удалось записать отчет в {}: {error}",
                    path.display()
                );
                return Ok(2);
            }
        },
        None => None,
    };
    let color = match args.color {
        Color::Always => ColorChoice::Always,
        Color::Never => ColorChoice::Never,
        Color::Auto
            if io::stdout().is_terminal()
                && output_file.is_none()
                && std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty()) =>
        {
            ColorChoice::Auto
        }
        Color::Auto => ColorChoice::Never,
    };
    let diff = matches!(mode, Mode::Diff(_));
    // `--fix` on standard input: the fixed text on standard output, the report on standard error.
    let stdin_fix = matches!(mode, Mode::Fix(_))
        && prepared
            .iter()
            .any(|(target, _)| matches!(target, Target::Stdin));
    let style = match args.format {
        _ if stdin_fix && output_file.is_none() => report::Style::Human,
        Format::Human => report::Style::Human,
        Format::Json => report::Style::Json,
        Format::Concise => report::Style::Concise,
        Format::Github => report::Style::Github,
        Format::Sarif => report::Style::Sarif,
        Format::Rdjson => report::Style::Rdjson,
        Format::Rdjsonl => report::Style::Rdjsonl,
        Format::Gitlab => report::Style::Gitlab,
    };
    // Diffs and fixed standard input go to standard output as they are; the report goes to the
    // file of `--output-file`, or to standard output, or to standard error when standard output
    // carries the fixed text. `--diff` reports nothing but a count of fixes.
    let mut data = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
    let mut err = StandardStream::stderr(color);
    let human = diff || style == report::Style::Human;
    let mut target: Box<dyn WriteColor> = if let Some(file) = output_file {
        Box::new(NoColor::new(io::BufWriter::with_capacity(1 << 16, file)))
    } else if stdin_fix {
        Box::new(BufferedStandardStream::stderr(color))
    } else if style == report::Style::Human {
        Box::new(BufferedStandardStream::stdout(color))
    } else {
        Box::new(NoColor::new(io::BufWriter::with_capacity(
            1 << 16,
            io::stdout(),
        )))
    };
    let mut reporter = (!diff).then(|| {
        let mut reporter = report::Reporter::new(&mut *target, style);
        if args.quiet {
            reporter = reporter.quiet();
        }
        if args.statistics {
            reporter = reporter.statistics();
        }
        reporter
    });
    // Source lines are copied only for a report people read.
    let excerpts = !diff && !args.statistics && style == report::Style::Human;
    // People see the files that could not be read on standard error, as they come.
    if human {
        report::human_errors(&mut err, &errors)?;
    }
    let options = check::Options {
        mode,
        stdin_name: args.stdin_filename.as_deref(),
        fallback: args.encoding.fallback(),
        interrupted: &INTERRUPTED,
        written: &WRITTEN,
    };
    // Files are checked on every core and reported in order as they finish; a file's findings
    // are dropped once written.
    let threads = args.threads.map_or_else(
        || std::thread::available_parallelism().map_or(1, |n| n.get()),
        usize::from,
    );
    // The lowest severity that fails the run: the flag, else each file's configuration, else
    // `warning`.
    let fail_on = |setup: &Setup| {
        args.fail_on
            .map(Severity::from)
            .or_else(|| setup.config.as_ref().and_then(|config| config.fail_on))
            .unwrap_or(Severity::Warning)
    };
    let (mut diffs, mut fixable, mut failing) = (0, 0, 0);
    anglint::ordered::for_each(
        &prepared,
        threads,
        threads * 16,
        |(target, setup)| {
            let checked = check::check(&setup.linter, &setup.policy, target, &options)?;
            Ok(checked.map(|checked| {
                let report = FileReport::new(
                    checked.path,
                    &checked.text,
                    checked.diagnostics,
                    checked.fixed,
                    excerpts,
                );
                (report, checked.diff, checked.stdin_fixed, fail_on(setup))
            }))
        },
        |result: Result<_, FileError>| -> io::Result<()> {
            match result {
                Ok(Some((report, file_diff, stdin_fixed, fail_on))) => {
                    if let Some(reporter) = &mut reporter {
                        reporter.file(&report)?;
                    }
                    fixable += report.fixed;
                    failing += report
                        .diagnostics
                        .iter()
                        .filter(|located| located.diagnostic.severity >= fail_on)
                        .count();
                    if let Some(file_diff) = file_diff {
                        data.write_all(file_diff.as_bytes())?;
                        diffs += 1;
                    }
                    if let Some(fixed) = stdin_fixed {
                        data.write_all(&fixed)?;
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
    if INTERRUPTED.load(Ordering::SeqCst) {
        let written = WRITTEN.load(Ordering::SeqCst);
        eprintln!(
            "Прервано: исправления записаны в {written} {}, остальные файлы не изменены.",
            plural(written, ["файл", "файла", "файлов"])
        );
        return Ok(130);
    }
    let found = match reporter {
        Some(reporter) => {
            reporter.finish(&errors)?;
            failing
        }
        None => {
            // `--diff`: the diffs on standard output, a count on standard error.
            if !args.quiet {
                writeln!(
                    err,
                    "Можно исправить {fixable} {} в {diffs} {} (--fix).",
                    plural(fixable, ["замечание", "замечания", "замечаний"]),
                    plural(diffs, ["файле", "файлах", "файлах"])
                )?;
            }
            diffs
        }
    };
    Ok(if !errors.is_empty() {
        2
    } else if found > 0 && !args.exit_zero {
        1
    } else {
        0
    })
}

/// Whether standard input was redirected: a pipe or a file, not a terminal. A closed standard
/// input or `/dev/null` (as CI runners and editors start programs) is not.
fn stdin_is_redirected() -> bool {
    let stdin = io::stdin();
    if stdin.is_terminal() {
        return false;
    }
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        use std::os::unix::fs::FileTypeExt;
        let Ok(descriptor) = stdin.as_fd().try_clone_to_owned() else {
            return false;
        };
        std::fs::File::from(descriptor)
            .metadata()
            .is_ok_and(|metadata| metadata.file_type().is_fifo() || metadata.is_file())
    }
    #[cfg(not(unix))]
    {
        true
    }
}

/// The extensions walking reads, for messages: «.md, .markdown, …».
fn known_extensions() -> String {
    anglint::FileKind::ALL
        .iter()
        .flat_map(|kind| kind.format().extensions())
        .map(|extension| format!(".{extension}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Creates the report's file, with its directories.
fn create(path: &std::path::Path) -> io::Result<std::fs::File> {
    if let Some(parent) = path
        .parent()
        .filter(|parent| !parent.as_os_str().is_empty())
    {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::File::create(path)
}

/// Which configuration applies to the run's files: `--config`, none with `--no-config`, else
/// the nearest `anglint.toml`.
fn resolver(loaded: &Loaded, extra: &[PathBuf], args: &CheckArgs) -> Result<Resolver, SetupError> {
    let choice = match (&args.config, args.no_config) {
        (Some(path), _) => Choice::Given(Arc::new(Config::load(path).map_err(SetupError::Config)?)),
        (None, true) => Choice::Without,
        (None, false) => Choice::Nearest,
    };
    Ok(Resolver::new(
        Arc::clone(&loaded.linter),
        extra.to_vec(),
        choice,
    ))
}

/// The targets of the paths: walking also takes the files a configuration's `extend-include`
/// names. The configuration of a directory is looked up once.
fn discover(
    resolver: &mut Resolver,
    paths: &[PathBuf],
    follow: bool,
) -> Result<(Vec<Target>, Vec<FileError>), SetupError> {
    let mut failure = None;
    let mut directories: HashMap<PathBuf, Option<(PathBuf, Arc<Config>)>> = HashMap::new();
    let mut include = |path: &std::path::Path| {
        let Some(parent) = path.parent() else {
            return false;
        };
        let known = directories.entry(parent.to_path_buf()).or_insert_with(|| {
            let absolute = std::fs::canonicalize(parent).ok()?;
            match resolver.config_of(&absolute.join("file")) {
                Ok(config) => config
                    .filter(|config| config.has_includes())
                    .map(|config| (absolute, config)),
                Err(error) => {
                    failure.get_or_insert(SetupError::Config(error));
                    None
                }
            }
        });
        match (known, path.file_name()) {
            (Some((absolute, config)), Some(name)) => config.includes(&absolute.join(name)),
            _ => false,
        }
    };
    let found = inputs::discover(paths, follow, &mut include);
    match failure {
        Some(error) => Err(error),
        None => Ok(found),
    }
}

/// For each target, how it is linted. Files found by walking that the configuration excludes are
/// dropped.
fn plan(
    resolver: &mut Resolver,
    args: &CheckArgs,
    targets: Vec<Target>,
    flags: &Settings,
) -> Result<Vec<(Target, Setup)>, SetupError> {
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
        let setup = resolver.setup(&file, flags)?;
        // Walking skips excluded paths; a file named on the command line is always linted.
        if setup.excluded
            && matches!(
                target,
                Target::File {
                    explicit: false,
                    ..
                }
            )
        {
            continue;
        }
        prepared.push((target, setup));
    }
    Ok(prepared)
}

fn dict_list(linter: &Linter, format: Format) -> io::Result<u8> {
    let mut out = io::stdout().lock();
    if format == Format::Json {
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
        return Ok(0);
    }
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
    Ok(0)
}

fn dict_forms(linter: &Linter, term: Option<&str>) -> io::Result<u8> {
    let mut out = io::stdout().lock();
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

/// `anglint dict check`: every problem of the given files with its place, then a line per file.
fn dict_check(loaded: &Loaded, files: &[PathBuf]) -> io::Result<u8> {
    let mut out = io::stdout().lock();
    let names: Vec<String> = files
        .iter()
        .map(|path| path.display().to_string())
        .collect();
    let report = validate::files(&loaded.linter, &loaded.files, &names);
    for problem in &report.problems {
        writeln!(out, "{problem}")?;
    }
    for file in &report.files {
        let errors = if file.errors == 0 {
            "ошибок нет".to_string()
        } else {
            let word = plural(file.errors, ["ошибка", "ошибки", "ошибок"]);
            format!("{} {word}", file.errors)
        };
        writeln!(
            out,
            "{}: {} {}, {} {}; {errors}",
            file.name,
            file.terms,
            plural(file.terms, ["статья", "статьи", "статей"]),
            file.forms,
            plural(file.forms, ["форма", "формы", "форм"]),
        )?;
    }
    Ok(if report.problems.is_empty() { 0 } else { 2 })
}

/// `anglint lsp`: the language server on standard input and output; standard output is the
/// protocol's, so failures go to standard error. Exit code 0 after `shutdown` and `exit`, 1 after
/// `exit` alone, 2 when the connection breaks.
fn lsp(loaded: &Loaded, extra: &[PathBuf]) -> io::Result<u8> {
    match anglint::lsp::server::run(Arc::clone(&loaded.linter), extra.to_vec()) {
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
    writeln!(
        io::stdout(),
        "Записан anglint.toml: все ключи с значениями по умолчанию."
    )?;
    Ok(0)
}
