//! From a file to what lints it: the nearest configuration (`anglint.toml`), the linter with the
//! team's dictionaries and the policy of the file's settings. Shared by `anglint check` and the
//! language server, so both read a workspace the same way. Configurations are loaded once per
//! directory and linters built once per set of dictionaries; [`Resolver::forget`] drops both
//! (the server calls it when a configuration or dictionary changes on disk).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::{Config, ConfigError, Settings};
use crate::inputs;
use crate::lines::LineIndex;
use crate::linter::{Linter, Policy};

/// The linter of a run: the built-in dictionaries and extra dictionary files. A file named like a
/// built-in one (`product.toml`) is used instead of it.
pub struct Loaded {
    pub linter: Arc<Linter>,
    /// The extra files: (name as given, contents).
    pub files: Vec<(String, String)>,
}

/// Builds the linter of the built-in dictionaries and `extra`; an error is the whole message.
pub fn load(extra: &[PathBuf]) -> Result<Loaded, String> {
    let mut files: Vec<(String, String)> = Vec::new();
    let mut unreadable = Vec::new();
    for path in extra {
        let shown = path.display().to_string();
        match inputs::read(path, None) {
            Ok(decoded) => files.push((shown, decoded.text)),
            Err(error) => unreadable.push(format!("{shown}: {}", error.describe(&shown))),
        }
    }
    if !unreadable.is_empty() {
        return Err(unreadable.join("\n"));
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
    let linter = linter.map_err(|error| error.to_string())?;
    Ok(Loaded {
        linter: Arc::new(linter),
        files,
    })
}

/// Where a word or rule named in a configuration is written: `file:line:column`.
pub fn place_in(config: &Config, needle: &str) -> String {
    let source = std::fs::read_to_string(&config.path).unwrap_or_default();
    let quoted = source
        .find(&format!("\"{needle}\""))
        .map(|at| at + 1)
        .or_else(|| source.find(needle));
    let (line, column) = quoted.map_or((1, 1), |at| {
        LineIndex::new(&source).line_column(&source, at)
    });
    format!("{}:{line}:{column}", config.path.display())
}

/// Configurations by directory and linters by team dictionaries, each loaded once.
pub struct Resolver {
    base: Arc<Linter>,
    /// Dictionaries given on the command line, before the teams' own.
    extra: Vec<PathBuf>,
    configs: HashMap<PathBuf, Option<Arc<Config>>>,
    linters: HashMap<Vec<PathBuf>, Arc<Linter>>,
}

impl Resolver {
    pub fn new(base: Arc<Linter>, extra: Vec<PathBuf>) -> Self {
        Resolver {
            base,
            extra,
            configs: HashMap::new(),
            linters: HashMap::new(),
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
    pub fn linter_for(&mut self, config: Option<&Config>) -> Result<Arc<Linter>, String> {
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
        let linter = load(&all)
            .map_err(|message| format!("ошибка в словаре:\n{message}"))?
            .linter;
        self.linters.insert(dictionaries, Arc::clone(&linter));
        Ok(linter)
    }

    /// Drops every configuration and team linter loaded so far.
    pub fn forget(&mut self) {
        self.configs.clear();
        self.linters.clear();
    }
}

/// The policy for `file` (absolute) under its configuration with `flags` on top. An error is the
/// whole message, each problem with its place in the configuration.
pub fn policy_for(
    linter: &Linter,
    config: Option<&Config>,
    file: &Path,
    flags: &Settings,
) -> Result<Policy, String> {
    let settings = config.map_or_else(Settings::default, |config| config.settings_for(file));
    linter.policy(&settings.merged(flags)).map_err(|problems| {
        let place = |problem: &String| match config {
            Some(config) => {
                let needle = problem
                    .split('«')
                    .nth(1)
                    .and_then(|rest| rest.split('»').next())
                    .unwrap_or("");
                format!("{}: {problem}", place_in(config, needle))
            }
            None => format!("флаги: {problem}"),
        };
        let listed: Vec<String> = problems.iter().map(place).collect();
        format!("ошибка в конфигурации:\n{}", listed.join("\n"))
    })
}
