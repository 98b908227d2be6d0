//! clap in Russian: clap writes its own words in English (`Usage:`, `Options:`, `[default: …]`,
//! `Print help`, `error: unexpected argument …`). The command is rebuilt with Russian headings,
//! usage lines and help flags, possible and default values written into each argument's help,
//! and clap's errors are told in Russian from their kind and context. Usage errors exit with 2.

use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command, CommandFactory, FromArgMatches};

use crate::args::Cli;

const TEMPLATE: &str = "{about-with-newline}\nИспользование: {usage}\n\n{all-args}{after-help}";

/// The command line, parsed; on `--help` and `--version` the text is printed and the exit code
/// (0) returned, on a usage error a message in Russian (exit code 2).
pub fn parse() -> Result<Cli, ExitCode> {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let command = command();
    match command
        .clone()
        .try_get_matches_from(&args)
        .and_then(|matches| Cli::from_arg_matches(&matches))
    {
        Ok(cli) => Ok(cli),
        Err(error) => Err(report(&command, &args, &error)),
    }
}

/// The whole command, in Russian.
pub fn command() -> Command {
    localize(Cli::command(), "anglint", true)
}

fn localize(command: Command, path: &str, top: bool) -> Command {
    let usage = usage(&command, path);
    let mut command = command
        .disable_help_flag(true)
        .disable_version_flag(true)
        .disable_help_subcommand(true)
        .help_template(TEMPLATE)
        .override_usage(usage)
        .subcommand_help_heading("Команды")
        .subcommand_value_name("КОМАНДА")
        .mut_args(argument)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("Показать эту справку")
                .help_heading("Параметры"),
        );
    if top {
        command = command.arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("Показать версию")
                .help_heading("Параметры"),
        );
    }
    let names: Vec<String> = command
        .get_subcommands()
        .map(|sub| sub.get_name().to_string())
        .collect();
    for name in names {
        let nested = format!("{path} {name}");
        command = command.mut_subcommand(&name, |sub| localize(sub, &nested, false));
    }
    command
}

/// `anglint check [ПАРАМЕТРЫ] [PATHS]...`: clap's own usage says `[OPTIONS]`.
fn usage(command: &Command, path: &str) -> String {
    let mut usage = format!("{path} [ПАРАМЕТРЫ]");
    for arg in command.get_positionals() {
        let name = arg
            .get_value_names()
            .and_then(|names| names.first())
            .map_or_else(
                || arg.get_id().to_string().to_uppercase(),
                ToString::to_string,
            );
        let many = matches!(arg.get_action(), ArgAction::Append);
        let (open, close) = if arg.is_required_set() {
            ("<", ">")
        } else {
            ("[", "]")
        };
        usage.push_str(&format!(
            " {open}{name}{close}{}",
            if many { "..." } else { "" }
        ));
    }
    if command.has_subcommands() {
        usage.push_str(" <КОМАНДА>");
    }
    usage
}

/// An argument with its heading in Russian and its possible and default values in its help.
fn argument(arg: Arg) -> Arg {
    let heading = if arg.is_positional() {
        "Аргументы"
    } else {
        "Параметры"
    };
    let mut help = arg.get_help().map(ToString::to_string).unwrap_or_default();
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|value| value.to_string_lossy().into_owned())
        .collect();
    if !defaults.is_empty() && !matches!(arg.get_action(), ArgAction::SetTrue) {
        help.push_str(&format!(" [по умолчанию: {}]", defaults.join(", ")));
    }
    let mut short = help.clone();
    let mut long = help;
    let values: Vec<_> = arg
        .get_possible_values()
        .into_iter()
        .filter(|value| !value.is_hide_set())
        .collect();
    if !values.is_empty() && !matches!(arg.get_action(), ArgAction::SetTrue) {
        let names: Vec<&str> = values.iter().map(|value| value.get_name()).collect();
        short.push_str(&format!(" [значения: {}]", names.join(", ")));
        if values.iter().any(|value| value.get_help().is_some()) {
            long.push_str("\n\nЗначения:");
            for value in &values {
                match value.get_help() {
                    Some(help) => long.push_str(&format!("\n- {}: {help}", value.get_name())),
                    None => long.push_str(&format!("\n- {}", value.get_name())),
                }
            }
        } else {
            long.push_str(&format!(" [значения: {}]", names.join(", ")));
        }
    }
    // Flags take no value: clap (in debug builds) rejects hiding values they do not have.
    let arg = if arg.get_action().takes_values() {
        arg.hide_possible_values(true).hide_default_value(true)
    } else {
        arg
    };
    arg.help_heading(heading).help(short).long_help(long)
}

/// Prints help or version, or a usage error in Russian; the exit code.
fn report(command: &Command, args: &[std::ffi::OsString], error: &clap::Error) -> ExitCode {
    match error.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            // The help is the localized command's; a closed pipe ends quietly.
            let _ = error.print();
            return ExitCode::SUCCESS;
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand | ErrorKind::MissingSubcommand => {
            let (mut shown, _) = subcommand(command, args);
            eprintln!("{}", shown.render_help());
            return ExitCode::from(2);
        }
        _ => {}
    }
    let context = |kind: ContextKind| error.get(kind).map(text);
    let argument = context(ContextKind::InvalidArg).unwrap_or_default();
    let value = context(ContextKind::InvalidValue).unwrap_or_default();
    let mut message = match error.kind() {
        ErrorKind::UnknownArgument => format!("неизвестный параметр «{argument}»"),
        ErrorKind::InvalidSubcommand => format!(
            "неизвестная команда «{}»",
            context(ContextKind::InvalidSubcommand).unwrap_or_default()
        ),
        ErrorKind::InvalidValue if value.is_empty() => {
            format!("у «{argument}» должно быть значение")
        }
        ErrorKind::InvalidValue => format!("недопустимое значение «{value}» у «{argument}»"),
        ErrorKind::ValueValidation => format!("неверное значение «{value}» у «{argument}»"),
        ErrorKind::NoEquals => format!("у «{argument}» значение пишется через «=»"),
        ErrorKind::TooManyValues => format!("лишнее значение «{value}» у «{argument}»"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("у «{argument}» не хватает значений")
        }
        ErrorKind::ArgumentConflict => match context(ContextKind::PriorArg) {
            Some(prior) => format!("«{argument}» нельзя указать вместе с «{prior}»"),
            None => format!("«{argument}» нельзя указать вместе с другими параметрами"),
        },
        ErrorKind::MissingRequiredArgument => format!("не хватает аргумента: {argument}"),
        ErrorKind::InvalidUtf8 => "аргумент командной строки не в UTF-8".to_string(),
        _ if argument.is_empty() => "неверные аргументы командной строки".to_string(),
        _ => format!("неверный аргумент «{argument}»"),
    };
    if let Some(valid) = context(ContextKind::ValidValue) {
        message.push_str(&format!("\n  возможные значения: {valid}"));
    }
    if let Some(suggested) = context(ContextKind::SuggestedArg) {
        message.push_str(&format!("\n  может быть, «{suggested}»?"));
    }
    if let Some(suggested) = context(ContextKind::SuggestedSubcommand) {
        message.push_str(&format!("\n  может быть, «{suggested}»?"));
    }
    let (shown, path) = subcommand(command, args);
    let usage = usage(&shown, &path);
    eprintln!("ошибка: {message}\n\nИспользование: {usage}\n\nПодробнее: {path} --help");
    ExitCode::from(2)
}

/// The (sub)command the arguments name, and its path: `anglint dict check …` →
/// `anglint dict check`.
fn subcommand(command: &Command, args: &[std::ffi::OsString]) -> (Command, String) {
    let mut current = command.clone();
    let mut path = "anglint".to_string();
    for arg in args.iter().skip(1) {
        let Some(arg) = arg.to_str() else {
            break;
        };
        if arg.starts_with('-') {
            continue;
        }
        match current.find_subcommand(arg) {
            Some(sub) => {
                path.push(' ');
                path.push_str(sub.get_name());
                current = sub.clone();
            }
            None => break,
        }
    }
    (current, path)
}

/// A context value as text.
fn text(value: &ContextValue) -> String {
    match value {
        ContextValue::None => String::new(),
        ContextValue::Bool(value) => value.to_string(),
        ContextValue::String(value) => value.clone(),
        ContextValue::Strings(values) => values.join(", "),
        ContextValue::StyledStr(value) => value.to_string(),
        ContextValue::StyledStrs(values) => values
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", "),
        ContextValue::Number(value) => value.to_string(),
        _ => String::new(),
    }
}
