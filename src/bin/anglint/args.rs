//! The command line: subcommands and flags (clap), with help in Russian.

use std::path::PathBuf;

use anglint::diagnostic::Severity;
use anglint::inputs::Legacy;
use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(
    name = "anglint",
    version,
    about = "Находит англицизмы и жаргон в русских текстах и предлагает русские слова"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Дополнительный словарь в формате dictionaries/*.toml (можно несколько раз); файл с именем
    /// встроенного словаря (product.toml) используется вместо него
    #[arg(long = "dictionary", value_name = "ФАЙЛ", global = true)]
    pub dictionaries: Vec<PathBuf>,
}

#[derive(Subcommand)]
pub enum Command {
    /// Проверить файлы и каталоги (по умолчанию — текущий каталог; `-` — стандартный ввод)
    Check(CheckArgs),
    /// Объяснить слово (в любой форме) или правило (AL001)
    Explain {
        /// Слово, например «фичами», или код правила
        #[arg(value_name = "СЛОВО")]
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
pub struct CheckArgs {
    /// Файлы и каталоги; в каталогах проверяются .md, .markdown, .mdx и .txt (и extend-include
    /// из anglint.toml); `-` — стандартный ввод
    #[arg(value_name = "ПУТЬ")]
    pub paths: Vec<PathBuf>,
    /// Формат вывода
    #[arg(long, value_enum, value_name = "ФОРМАТ", default_value_t = Format::Human)]
    pub format: Format,
    /// Имя для стандартного ввода в выводе; по его расширению выбирается разбор (markdown или текст)
    #[arg(long, value_name = "ИМЯ")]
    pub stdin_filename: Option<PathBuf>,
    /// Цвет: auto — только в терминале и без NO_COLOR
    #[arg(long, value_enum, value_name = "ЦВЕТ", default_value_t = Color::Auto)]
    pub color: Color,
    /// Исправить файлы: заменить слова, где замена однозначна (безопасные исправления)
    #[arg(long)]
    pub fix: bool,
    /// Применять и небезопасные исправления (первый вариант замены); вместе с --fix или --diff
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Сколько файлов проверять одновременно (по умолчанию — по числу ядер)
    #[arg(short = 'j', long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,
    /// Заходить по символическим ссылкам при обходе каталогов (петли распознаются)
    #[arg(short = 'L', long)]
    pub follow: bool,
    /// Показать исправления как unified diff и ничего не записывать (и вместе с --fix)
    #[arg(long)]
    pub diff: bool,
    /// Файл настроек вместо ближайшего anglint.toml
    #[arg(long, value_name = "ФАЙЛ", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Не читать anglint.toml
    #[arg(long)]
    pub no_config: bool,
    /// Проверять только эти правила (коды или имена через запятую)
    #[arg(long, value_delimiter = ',', value_name = "ПРАВИЛА")]
    pub select: Option<Vec<String>>,
    /// Не проверять эти правила (коды или имена через запятую)
    #[arg(long, value_delimiter = ',', value_name = "ПРАВИЛА")]
    pub ignore: Vec<String>,
    /// Показывать замечания только с этого уровня
    #[arg(long, value_enum, value_name = "УРОВЕНЬ")]
    pub min_severity: Option<Level>,
    /// С какого уровня замечания дают код выхода 1 (по умолчанию — ключ fail-on из anglint.toml,
    /// иначе warning: одни советы проверку не проваливают)
    #[arg(long, value_enum, value_name = "УРОВЕНЬ")]
    pub fail_on: Option<Level>,
    /// Код выхода 0, даже если есть замечания (ошибки чтения и настроек — по-прежнему 2)
    #[arg(long)]
    pub exit_zero: bool,
    /// Только замечания: без итоговой строки и предупреждений
    #[arg(short, long)]
    pub quiet: bool,
    /// Вместо замечаний — сколько их по каждому правилу и слову, частые сверху (с --format json —
    /// массив JSON)
    #[arg(long, conflicts_with = "diff")]
    pub statistics: bool,
    /// Записать отчет в файл, а не в стандартный вывод
    #[arg(long, value_name = "ФАЙЛ")]
    pub output_file: Option<PathBuf>,
    /// Кодировка файлов, которые не в UTF-8 (старые документы); --fix записывает их в ней же.
    /// UTF-16 с меткой порядка байтов распознаётся всегда
    #[arg(long, value_enum, value_name = "КОДИРОВКА", default_value_t = EncodingArg::Utf8)]
    pub encoding: EncodingArg,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EncodingArg {
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
    pub fn fallback(self) -> Option<Legacy> {
        match self {
            EncodingArg::Utf8 => None,
            EncodingArg::Cp1251 => Some(Legacy::Cp1251),
            EncodingArg::Koi8R => Some(Legacy::Koi8R),
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Level {
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
pub enum DictCommand {
    /// Все статьи словаря
    List {
        #[arg(long, value_enum, value_name = "ФОРМАТ", default_value_t = Format::Human)]
        format: Format,
    },
    /// Все формы, которые ищет anglint (или формы одного термина), по одной в строке
    Forms {
        /// Термин в любой форме
        #[arg(value_name = "ТЕРМИН")]
        term: Option<String>,
    },
    /// Проверить файл словаря в формате dictionaries/*.toml: разбор, морфология, примеры,
    /// столкновения с обычными словами. Файл с именем встроенного словаря (product.toml)
    /// проверяется вместо него
    Check {
        /// Файлы словарей
        #[arg(required = true, value_name = "ФАЙЛ")]
        files: Vec<PathBuf>,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
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
    /// reviewdog: один документ rdjson (столбцы в байтах UTF-8, безопасные исправления — как suggestions)
    Rdjson,
    /// reviewdog: rdjsonl, по строке JSON на замечание
    Rdjsonl,
    /// GitLab Code Quality: массив замечаний с устойчивыми fingerprint
    Gitlab,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}
