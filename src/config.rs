//! Team configuration: `anglint.toml` or `.anglint.toml`, found by walking up from each linted
//! file (the nearest wins), as in typos and ruff. Unknown keys are errors with file:line:column.
//! Precedence: command-line flags > the file (with its `[[overrides]]`) > defaults.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::Severity;
use crate::lines::LineIndex;
use crate::lines::Location;

/// File names of a configuration, in order of preference within one directory.
pub const FILE_NAMES: [&str; 2] = ["anglint.toml", ".anglint.toml"];

/// Settings that decide what is reported for a file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Settings {
    /// Words (any form) never flagged.
    pub allow: Vec<String>,
    /// Allowed-by-default words flagged anyway.
    pub deny: Vec<String>,
    /// Rules to report (codes or names); `None` is all of them.
    pub select: Option<Vec<String>>,
    /// Rules not to report (codes or names).
    pub ignore: Vec<String>,
    /// Severity per rule (code or name) or per word (any form).
    pub severity: BTreeMap<String, Severity>,
    pub min_severity: Option<Severity>,
}

impl Settings {
    /// The values under a key that names words or rules: `allow`, `deny`, `select`, `ignore`, or
    /// the keys of `severity`.
    pub fn names(&self, key: &str) -> Vec<String> {
        match key {
            "allow" => self.allow.clone(),
            "deny" => self.deny.clone(),
            "select" => self.select.clone().unwrap_or_default(),
            "ignore" => self.ignore.clone(),
            "severity" => self.severity.keys().cloned().collect(),
            _ => Vec::new(),
        }
    }

    /// `self` with `other` on top: lists extend, `select` and `min-severity` replace, severities merge.
    pub fn merged(&self, other: &Settings) -> Settings {
        let mut merged = self.clone();
        merged.allow.extend(other.allow.iter().cloned());
        merged.deny.extend(other.deny.iter().cloned());
        if other.select.is_some() {
            merged.select.clone_from(&other.select);
        }
        merged.ignore.extend(other.ignore.iter().cloned());
        merged.severity.extend(
            other
                .severity
                .iter()
                .map(|(key, value)| (key.clone(), *value)),
        );
        if other.min_severity.is_some() {
            merged.min_severity = other.min_severity;
        }
        merged
    }
}

/// A configuration problem, with its place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    pub location: Location,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

impl std::error::Error for ConfigError {}

/// Keys of the top level of a configuration, for hints.
const KEYS: [&str; 12] = [
    "allow",
    "deny",
    "select",
    "ignore",
    "severity",
    "min-severity",
    "fail-on",
    "extend-dictionaries",
    "exclude",
    "extend-exclude",
    "extend-include",
    "overrides",
];

/// A hint in Russian for a TOML or type error of a configuration.
fn hint(message: &str) -> String {
    if let Some(rest) = message.strip_prefix("unknown field `")
        && let Some(key) = rest.split('`').next()
    {
        let closest = KEYS
            .iter()
            .chain(["paths"].iter())
            .map(|known| (crate::text::edit_distance(key, known), *known))
            .min();
        return match closest {
            Some((distance, known)) if distance <= 2 => format!("может быть, «{known}»?"),
            _ => format!("такого ключа нет; ключи: {}", KEYS.join(", ")),
        };
    }
    if message.contains("invalid unquoted key") {
        return "ключи не латиницей пишутся в кавычках: \"фича\" = \"error\"".into();
    }
    if message.contains("expected a sequence") {
        return "здесь нужен список: allow = [\"лид\", \"релиз\"]".into();
    }
    if message.contains("unknown variant") {
        return "уровни: \"info\", \"warning\", \"error\"".into();
    }
    "образец со всеми ключами пишет команда anglint init".into()
}

/// A loaded configuration file.
#[derive(Clone, Debug)]
pub struct Config {
    pub path: PathBuf,
    /// The directory the file is in: paths and globs are relative to it.
    pub root: PathBuf,
    pub settings: Settings,
    /// Team dictionaries, resolved against `root`.
    pub extend_dictionaries: Vec<PathBuf>,
    /// Where each of `extend_dictionaries` is written.
    dictionary_places: Vec<Location>,
    /// Where each value of `allow`, `deny`, `select`, `ignore` and each key of `severity` is
    /// written (top level and overrides): (key, value, place).
    places: Vec<(&'static str, String, Location)>,
    /// The lowest severity that fails a run (exit code 1); `None`: the default, `warning`.
    pub fail_on: Option<Severity>,
    exclude: GlobSet,
    /// Files walking reads besides the formats' own extensions (`extend-include`).
    include: GlobSet,
    overrides: Vec<(GlobSet, Settings)>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    #[serde(default)]
    allow: Vec<String>,
    #[serde(default)]
    deny: Vec<String>,
    select: Option<Vec<String>>,
    #[serde(default)]
    ignore: Vec<String>,
    #[serde(default)]
    severity: BTreeMap<String, Severity>,
    min_severity: Option<Severity>,
    fail_on: Option<Severity>,
    #[serde(default)]
    extend_dictionaries: Vec<Spanned<String>>,
    exclude: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    extend_exclude: Vec<Spanned<String>>,
    #[serde(default)]
    extend_include: Vec<Spanned<String>>,
    #[serde(default)]
    overrides: Vec<RawOverride>,
}

/// An `[[overrides]]` table: paths and the settings keys (no dictionaries, no excludes). The
/// settings keys are repeated rather than flattened: serde's `flatten` does not work with
/// `deny_unknown_fields`, and unknown keys must be errors with their place.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawOverride {
    paths: Vec<Spanned<String>>,
    #[serde(default)]
    allow: Vec<String>,
    #[serde(default)]
    deny: Vec<String>,
    select: Option<Vec<String>>,
    #[serde(default)]
    ignore: Vec<String>,
    #[serde(default)]
    severity: BTreeMap<String, Severity>,
    min_severity: Option<Severity>,
}

/// The places of the values that name words and rules, read apart from the values themselves so
/// that a setting a linter does not know can be shown where it is written.
#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
struct RawPlaces {
    #[serde(default)]
    allow: Vec<Spanned<String>>,
    #[serde(default)]
    deny: Vec<Spanned<String>>,
    select: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    ignore: Vec<Spanned<String>>,
    #[serde(default)]
    severity: BTreeMap<Spanned<String>, toml::Value>,
    #[serde(default)]
    overrides: Vec<RawPlaces>,
}

impl RawPlaces {
    fn collect(
        self,
        at: &impl Fn(Range<usize>) -> Location,
        out: &mut Vec<(&'static str, String, Location)>,
    ) {
        let lists = [
            ("allow", self.allow),
            ("deny", self.deny),
            ("select", self.select.unwrap_or_default()),
            ("ignore", self.ignore),
            ("severity", self.severity.into_keys().collect()),
        ];
        for (key, values) in lists {
            for value in values {
                let place = at(value.span());
                out.push((key, value.into_inner(), place));
            }
        }
        for nested in self.overrides {
            nested.collect(at, out);
        }
    }
}

/// Paths skipped by default when walking.
const DEFAULT_EXCLUDE: [&str; 2] = ["**/node_modules/**", "**/.venv/**"];

impl Config {
    /// Reads and validates a configuration file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let shown = path.display().to_string();
        let source = crate::inputs::read(path, None)
            .map_err(|error| ConfigError {
                location: Location {
                    file: shown.clone(),
                    line: 1,
                    column: 1,
                },
                message: format!(
                    "не удалось прочитать конфигурацию: {}",
                    error.describe(&shown)
                ),
            })?
            .text;
        let config = Config::parse(path, &source)?;
        // A team dictionary that is not there is the configuration's error, at its place.
        for (dictionary, place) in config
            .extend_dictionaries
            .iter()
            .zip(&config.dictionary_places)
        {
            if !dictionary.is_file() {
                return Err(ConfigError {
                    location: place.clone(),
                    message: format!(
                        "нет файла словаря {} (пути в extend-dictionaries — от каталога этой конфигурации)",
                        dictionary.display()
                    ),
                });
            }
        }
        Ok(config)
    }

    /// Parses configuration text that came from `path`.
    pub fn parse(path: &Path, source: &str) -> Result<Config, ConfigError> {
        let shown = path.display().to_string();
        let index = LineIndex::new(source);
        let at = |span: Range<usize>| {
            let (line, column) = index.line_column(source, span.start);
            Location {
                file: shown.clone(),
                line,
                column,
            }
        };
        let raw: RawConfig = toml::from_str(source).map_err(|error| {
            let span = error.span().unwrap_or(0..0);
            ConfigError {
                location: at(span),
                message: format!(
                    "ошибка в конфигурации: {}\n  подсказка: {}",
                    error.message().trim(),
                    hint(error.message())
                ),
            }
        })?;
        // Globs are matched against absolute paths of files: the root is absolute too.
        let absolute = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let root = absolute
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        let globs = |patterns: &[Spanned<String>]| -> Result<GlobSet, ConfigError> {
            let mut builder = GlobSetBuilder::new();
            for pattern in patterns {
                // Patterns are relative to the configuration's directory («../legacy» too),
                // except those that match anywhere («**/node_modules/**»).
                let text = pattern.get_ref();
                let anchored = if text.starts_with("**") || Path::new(text).is_absolute() {
                    text.to_string()
                } else {
                    lexical(&root.join(text)).to_string_lossy().into_owned()
                };
                let glob = Glob::new(&anchored).map_err(|error| ConfigError {
                    location: at(pattern.span()),
                    message: format!("неверный шаблон пути «{text}»: {error}"),
                })?;
                builder.add(glob);
                // «docs/crm» also means everything inside it.
                if !anchored.ends_with("**")
                    && let Ok(inside) = Glob::new(&format!("{}/**", anchored.trim_end_matches('/')))
                {
                    builder.add(inside);
                }
            }
            builder.build().map_err(|error| ConfigError {
                location: at(0..0),
                message: format!("неверные шаблоны путей: {error}"),
            })
        };
        let mut exclude: Vec<Spanned<String>> = match raw.exclude {
            Some(list) => list,
            None => DEFAULT_EXCLUDE
                .iter()
                .map(|pattern| Spanned::new(0..0, pattern.to_string()))
                .collect(),
        };
        exclude.extend(raw.extend_exclude);
        let exclude = globs(&exclude)?;
        // «rst» and «.rst» are extensions: «*.rst».
        let include: Vec<Spanned<String>> = raw
            .extend_include
            .into_iter()
            .map(|pattern| {
                let span = pattern.span();
                let text = pattern.into_inner();
                let bare = text.trim_start_matches('.');
                let extension = !bare.is_empty()
                    && bare
                        .chars()
                        .all(|c| c.is_alphanumeric() || c == '-' || c == '_');
                let text = if extension { format!("*.{bare}") } else { text };
                Spanned::new(span, text)
            })
            .collect();
        let include = globs(&include)?;
        let mut overrides = Vec::new();
        for raw in raw.overrides {
            let settings = Settings {
                allow: raw.allow,
                deny: raw.deny,
                select: raw.select,
                ignore: raw.ignore,
                severity: raw.severity,
                min_severity: raw.min_severity,
            };
            overrides.push((globs(&raw.paths)?, settings));
        }
        let extend_dictionaries = raw
            .extend_dictionaries
            .iter()
            .map(|path| root.join(path.get_ref()))
            .collect();
        let mut places = Vec::new();
        // A quoted value's place is its first character, inside the quotes.
        let inside = |span: Range<usize>| {
            let quoted = source[span.start..].starts_with(['"', '\'']);
            at(span.start + usize::from(quoted)..span.end)
        };
        if let Ok(raw) = toml::from_str::<RawPlaces>(source) {
            raw.collect(&inside, &mut places);
        }
        let dictionary_places = raw
            .extend_dictionaries
            .iter()
            .map(|path| at(path.span()))
            .collect();
        Ok(Config {
            path: path.to_path_buf(),
            root,
            settings: Settings {
                allow: raw.allow,
                deny: raw.deny,
                select: raw.select,
                ignore: raw.ignore,
                severity: raw.severity,
                min_severity: raw.min_severity,
            },
            extend_dictionaries,
            dictionary_places,
            places,
            fail_on: raw.fail_on,
            exclude,
            include,
            overrides,
        })
    }

    /// The nearest configuration file in `directory` or its ancestors.
    pub fn find(directory: &Path) -> Option<PathBuf> {
        let mut current = Some(directory);
        while let Some(directory) = current {
            for name in FILE_NAMES {
                let candidate = directory.join(name);
                if candidate.is_file() {
                    return Some(candidate);
                }
            }
            current = directory.parent();
        }
        None
    }

    /// Where a value of `key` (`allow`, `deny`, `select`, `ignore`, `severity`) is written; the
    /// start of the file when it cannot be told.
    pub fn place_of(&self, key: &str, value: &str) -> Location {
        self.places
            .iter()
            .find(|(known, written, _)| *known == key && written == value)
            .map(|(_, _, place)| place.clone())
            .unwrap_or_else(|| Location {
                file: self.path.display().to_string(),
                line: 1,
                column: 1,
            })
    }

    /// Whether walking skips `path` (absolute).
    pub fn excludes(&self, path: &Path) -> bool {
        self.exclude.is_match(path)
    }

    /// Whether walking reads `path` (absolute), a file of none of the formats' extensions, by
    /// `extend-include`: as plain text.
    pub fn includes(&self, path: &Path) -> bool {
        self.include.is_match(path)
    }

    /// Whether `extend-include` names anything.
    pub fn has_includes(&self) -> bool {
        !self.include.is_empty()
    }

    /// The settings for a file: the file's own, with the matching `[[overrides]]` on top.
    pub fn settings_for(&self, path: &Path) -> Settings {
        self.overrides
            .iter()
            .filter(|(globs, _)| globs.is_match(path))
            .fold(self.settings.clone(), |settings, (_, extra)| {
                settings.merged(extra)
            })
    }
}

/// A path with `.` and `..` resolved without touching the file system.
fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The commented configuration that `anglint init` writes: every key with its default.
pub const TEMPLATE: &str = r#"# Настройки anglint для этого каталога и вложенных (ближайший файл главнее).
# Флаги командной строки главнее этого файла.

# Слова (в любой форме), которые не отмечаются никогда: все их формы разрешены.
allow = []                 # например: ["лид", "релиз"]

# Устоявшиеся заимствования из словаря, которые команда все же хочет отмечать.
deny = []                  # например: ["маркетинг"]

# Свои словари в формате dictionaries/*.toml, пути — от этого файла.
extend-dictionaries = []   # например: ["docs/jargon.toml"]

# Какие правила проверять (коды или имена) и какие выключить.
# select = ["AL001", "anglicism"]   # по умолчанию — все
ignore = []                # например: ["AL003"]

# Показывать замечания только с этого уровня: "info", "warning" или "error".
# min-severity = "info"

# С какого уровня замечания дают код выхода 1: "info", "warning" или "error".
# fail-on = "warning"       # по умолчанию: советы (info) сами по себе проверку не проваливают

# Какие пути пропускать при обходе каталогов (шаблоны glob от этого файла).
# exclude = ["**/node_modules/**", "**/.venv/**"]   # по умолчанию
extend-exclude = []        # например: ["docs/legacy/**"]

# Какие еще файлы читать при обходе каталогов, кроме .md, .markdown, .mdx и .txt: расширения
# или шаблоны glob от этого файла; читаются как обычный текст.
extend-include = []        # например: ["*.rst", "adoc"]

# Уровень замечаний: по правилу или категории (jargon, anglicism, abbreviation, calque) или по слову
# (русские ключи TOML пишутся в кавычках).
[severity]
# "фича" = "error"
# abbreviation = "warning"

# Настройки для части файлов: ключи allow, deny, select, ignore, severity, min-severity.
# [[overrides]]
# paths = ["docs/crm/**"]
# allow = ["лид"]
"#;

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(source: &str) -> Result<Config, ConfigError> {
        Config::parse(Path::new("team/anglint.toml"), source)
    }

    #[test]
    fn template_parses_to_defaults() {
        let config = parse(TEMPLATE).unwrap();
        assert_eq!(config.settings, Settings::default());
        assert!(config.excludes(Path::new("team/site/node_modules/a/readme.md")));
    }

    #[test]
    fn unknown_keys_are_errors_with_their_place() {
        let error = parse("allow = []\nalow = [\"лид\"]\n").unwrap_err();
        assert_eq!(
            (error.location.line, error.location.column),
            (2, 1),
            "{error}"
        );
        assert!(error.message.contains("alow"), "{error}");
        let error = parse("[[overrides]]\npaths = [\"a\"]\nalow = []\n").unwrap_err();
        assert_eq!(error.location.line, 3, "{error}");
        let error = parse("min-severity = \"loud\"\n").unwrap_err();
        assert_eq!(
            (error.location.line, error.location.column),
            (1, 16),
            "{error}"
        );
    }

    #[test]
    fn overrides_apply_to_matching_paths() {
        let config = parse(
            "allow = [\"фича\"]\n[[overrides]]\npaths = [\"docs/crm/**\"]\nallow = [\"лид\"]\nmin-severity = \"warning\"\n",
        )
        .unwrap();
        let crm = config.settings_for(Path::new("team/docs/crm/leads.md"));
        assert_eq!(crm.allow, ["фича", "лид"]);
        assert_eq!(crm.min_severity, Some(Severity::Warning));
        let other = config.settings_for(Path::new("team/docs/product.md"));
        assert_eq!(other.allow, ["фича"]);
    }

    #[test]
    fn fail_on_and_extend_include() {
        let config = parse("fail-on = \"error\"\nextend-include = [\"*.rst\", \"adoc\", \".org\", \"notes/**/*.wiki\"]\n").unwrap();
        assert_eq!(config.fail_on, Some(Severity::Error));
        for included in [
            "team/a.rst",
            "team/docs/b.adoc",
            "team/c.org",
            "team/notes/x/y.wiki",
        ] {
            assert!(config.includes(Path::new(included)), "{included}");
        }
        for other in ["team/a.rs", "team/y.wiki", "other/a.rst"] {
            assert!(!config.includes(Path::new(other)), "{other}");
        }
        assert_eq!(parse(TEMPLATE).unwrap().fail_on, None);
        let error = parse("fail-on = \"loud\"\n").unwrap_err();
        assert!(error.message.contains("уровни"), "{error}");
    }

    #[test]
    fn exclude_and_extend_exclude() {
        let config = parse("extend-exclude = [\"legacy\"]\n").unwrap();
        assert!(config.excludes(Path::new("team/legacy/old.md")));
        assert!(config.excludes(Path::new("team/x/node_modules/y.md")));
        let config = parse("exclude = []\n").unwrap();
        assert!(!config.excludes(Path::new("team/x/node_modules/y.md")));
    }

    #[test]
    fn errors_come_with_hints() {
        let error = Config::parse(Path::new("anglint.toml"), "alow = [\"лид\"]\n").unwrap_err();
        assert!(error.message.contains("может быть, «allow»?"), "{error}");
        let error =
            Config::parse(Path::new("anglint.toml"), "[severity]\nфича = \"error\"\n").unwrap_err();
        assert_eq!((error.location.line, error.location.column), (2, 1));
        assert!(error.message.contains("в кавычках"), "{error}");
        let error = Config::parse(Path::new("anglint.toml"), "allow = \"лид\"\n").unwrap_err();
        assert!(error.message.contains("нужен список"), "{error}");
    }
}
