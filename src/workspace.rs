//! From a file to what lints it: the configuration that applies (`--config`, none, or the
//! nearest `anglint.toml`), the linter with the team's dictionaries and the policy of the file's
//! settings. `anglint check` and the language server set files up through [`Resolver::setup`],
//! so both read a workspace the same way. Configurations are loaded once per directory and
//! linters built once per set of dictionaries; [`Resolver::forget`] drops both (the server calls
//! it when a configuration or dictionary changes on disk).
//!
//! Failures are typed ([`SetupError`]) and each problem carries its place (file:line:column).

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::{Config, ConfigError, Settings};
use crate::dictionary::DictionaryError;
use crate::inputs;
use crate::lines::Location;
use crate::linter::{Linter, Policy, SettingError};

/// The linter of a run: the built-in dictionaries and extra dictionary files. A file named like a
/// built-in one (`product.toml`) is used instead of it.
pub struct Loaded {
    pub linter: Arc<Linter>,
    /// The extra files: (name as given, contents).
    pub files: Vec<(String, String)>,
}

/// Why a file could not be set up for linting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SetupError {
    /// A configuration file that does not load.
    Config(ConfigError),
    /// Dictionaries that cannot be read or have errors.
    Dictionary(Vec<DictionaryError>),
    /// Settings that name words or rules the linter does not know: each with its place in the
    /// configuration, or no place for a command-line flag.
    Settings(Vec<(Option<Location>, String)>),
}

impl fmt::Display for SetupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SetupError::Config(error) => write!(f, "{error}"),
            SetupError::Dictionary(errors) => {
                write!(f, "ошибка в словаре:")?;
                for error in errors {
                    write!(f, "\n{error}")?;
                }
                Ok(())
            }
            SetupError::Settings(problems) => {
                write!(f, "ошибка в конфигурации:")?;
                for (place, message) in problems {
                    match place {
                        Some(place) => write!(f, "\n{place}: {message}")?,
                        None => write!(f, "\nфлаги: {message}")?,
                    }
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for SetupError {}

impl SetupError {
    /// The problems of a dictionary error alone, without the heading (the report of
    /// `anglint dict check`).
    pub fn dictionary_problems(&self) -> Option<&[DictionaryError]> {
        match self {
            SetupError::Dictionary(errors) => Some(errors),
            _ => None,
        }
    }
}

/// Builds the linter of the built-in dictionaries and `extra`.
pub fn load(extra: &[PathBuf]) -> Result<Loaded, SetupError> {
    let mut files: Vec<(String, String)> = Vec::new();
    let mut unreadable = Vec::new();
    for path in extra {
        let shown = path.display().to_string();
        match inputs::read(path, None) {
            Ok(decoded) => files.push((shown, decoded.text)),
            Err(error) => {
                let message = error.describe(&shown);
                unreadable.push(DictionaryError::at_start(&shown, message));
            }
        }
    }
    if !unreadable.is_empty() {
        return Err(SetupError::Dictionary(unreadable));
    }
    let replaced = |builtin: &str| {
        let builtin = builtin.rsplit('/').next();
        extra
            .iter()
            .any(|path| path.file_name().and_then(|name| name.to_str()) == builtin)
    };
    let mut sources: Vec<(&str, &str)> = crate::builtin::SOURCES
        .iter()
        .copied()
        .filter(|(name, _)| !replaced(name))
        .collect();
    sources.extend(
        files
            .iter()
            .map(|(name, text)| (name.as_str(), text.as_str())),
    );
    // Without team dictionaries, the tables compiled at build time.
    let linter = if files.is_empty() {
        Linter::builtin()
    } else {
        Linter::from_sources(sources)
    };
    let linter = linter.map_err(|error| SetupError::Dictionary(error.errors))?;
    Ok(Loaded {
        linter: Arc::new(linter),
        files,
    })
}

/// Which configuration applies to the files of a run.
#[derive(Clone, Debug)]
pub enum Choice {
    /// The nearest `anglint.toml` (or `.anglint.toml`) above each file.
    Nearest,
    /// One configuration for every file (`--config`).
    Given(Arc<Config>),
    /// None (`--no-config`).
    Without,
}

/// Everything a file is linted with.
#[derive(Clone)]
pub struct Setup {
    pub config: Option<Arc<Config>>,
    pub linter: Arc<Linter>,
    pub policy: Policy,
    /// Whether the configuration excludes the file from walking.
    pub excluded: bool,
}

/// Configurations by directory and linters by team dictionaries, each loaded once.
pub struct Resolver {
    base: Arc<Linter>,
    /// Dictionaries given on the command line, before the teams' own.
    extra: Vec<PathBuf>,
    choice: Choice,
    configs: HashMap<PathBuf, Option<Arc<Config>>>,
    linters: HashMap<Vec<PathBuf>, Arc<Linter>>,
}

impl Resolver {
    pub fn new(base: Arc<Linter>, extra: Vec<PathBuf>, choice: Choice) -> Self {
        Resolver {
            base,
            extra,
            choice,
            configs: HashMap::new(),
            linters: HashMap::new(),
        }
    }

    /// The linter without team dictionaries.
    pub fn base(&self) -> &Arc<Linter> {
        &self.base
    }

    /// How `file` (absolute) is linted: its configuration, linter and policy, with `flags` (the
    /// command line's settings) on top of the configuration's.
    pub fn setup(&mut self, file: &Path, flags: &Settings) -> Result<Setup, SetupError> {
        let config = self.config_of(file).map_err(SetupError::Config)?;
        let linter = self.linter_for(config.as_deref())?;
        let policy = policy_for(&linter, config.as_deref(), file, flags)?;
        let excluded = config.as_ref().is_some_and(|config| config.excludes(file));
        Ok(Setup {
            config,
            linter,
            policy,
            excluded,
        })
    }

    /// The configuration that applies to `file` (absolute): the given one, none, or the nearest.
    pub fn config_of(&mut self, file: &Path) -> Result<Option<Arc<Config>>, ConfigError> {
        match &self.choice {
            Choice::Given(config) => Ok(Some(Arc::clone(config))),
            Choice::Without => Ok(None),
            Choice::Nearest => {
                let directory = file.parent().unwrap_or(Path::new("."));
                self.config_for(directory)
            }
        }
    }

    /// The nearest configuration for the files of `directory` (absolute), if there is one.
    pub fn config_for(&mut self, directory: &Path) -> Result<Option<Arc<Config>>, ConfigError> {
        if let Some(known) = self.configs.get(directory) {
            return Ok(known.clone());
        }
        let config = match Config::find(directory) {
            Some(path) => Some(Arc::new(Config::load(&path)?)),
            None => None,
        };
        self.configs.insert(directory.to_path_buf(), config.clone());
        Ok(config)
    }

    /// The linter for a configuration: the base one, or one with the team's dictionaries too.
    pub fn linter_for(&mut self, config: Option<&Config>) -> Result<Arc<Linter>, SetupError> {
        let dictionaries = config
            .map(|config| config.extend_dictionaries.clone())
            .unwrap_or_default();
        if dictionaries.is_empty() {
            return Ok(Arc::clone(&self.base));
        }
        if let Some(linter) = self.linters.get(&dictionaries) {
            return Ok(Arc::clone(linter));
        }
        let mut all = self.extra.clone();
        all.extend(dictionaries.iter().cloned());
        let linter = load(&all)?.linter;
        self.linters.insert(dictionaries, Arc::clone(&linter));
        Ok(linter)
    }

    /// Drops every configuration and team linter loaded so far.
    pub fn forget(&mut self) {
        self.configs.clear();
        self.linters.clear();
    }
}

/// The policy for `file` (absolute) under its configuration with `flags` on top; each unknown
/// word or rule with its place in the configuration (none for a flag).
pub fn policy_for(
    linter: &Linter,
    config: Option<&Config>,
    file: &Path,
    flags: &Settings,
) -> Result<Policy, SetupError> {
    let settings = config.map_or_else(Settings::default, |config| config.settings_for(file));
    linter.policy(&settings.merged(flags)).map_err(|problems| {
        let place = |problem: SettingError| {
            // A value the flags gave is not in the configuration.
            let from_flags =
                config.is_none() || !settings.names(problem.key).contains(&problem.value);
            let place = (!from_flags)
                .then(|| config.map(|config| config.place_of(problem.key, &problem.value)))
                .flatten();
            (place, problem.message)
        };
        SetupError::Settings(problems.into_iter().map(place).collect())
    })
}
