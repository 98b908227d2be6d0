//! The pipeline for one text: prose blocks → words → dictionary matches → collision and context
//! filter → diagnostics. A [`Linter`] is built once (dictionary, morphology, automaton) and shared.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use crate::agree;
use crate::config::Settings;
use crate::diagnostic::{
    Applicability, Category, Diagnostic, Edit, Rule, Severity, Suggestion, TermFinding,
};
use crate::dictionary::{DictionaryError, Pos, Term};
use crate::fix::{self, Fixed};
use crate::format::FileKind;
use crate::lexicon::{Anchor, Form, Lexicon, Owner};
use crate::lines::LineIndex;
use crate::morph::{self, Morphology};
use crate::suppress;
use crate::tables::{self, Tables};
use crate::text::{self, is_cyrillic, normalize_phrase, source_offset};
use crate::words::{CONTEXT_RADIUS, Script, Shape, Word, Words};

pub struct Linter {
    lexicon: Lexicon,
    morph: Morphology,
    /// Stems of the Cyrillic verb entries («релиз» of «релизить», «апрув» of «апрувнуть»), for
    /// participles and imperatives the morphology spells otherwise («зарелизена», «мёржь»).
    verb_stems: HashMap<String, usize>,
    /// The first three letters of every Cyrillic verb entry: a word whose rest after a prefix
    /// starts otherwise is no derived verb, and most words are ruled out by this alone.
    verb_heads: HashSet<String>,
}

/// What a team reports: its settings resolved against a linter's dictionary.
#[derive(Clone, Debug, Default)]
pub struct Policy {
    /// Normalized lemmas never reported.
    allow: HashSet<String>,
    /// Normalized lemmas of allowed words reported anyway.
    deny: HashSet<String>,
    select: Option<HashSet<Rule>>,
    ignore: HashSet<Rule>,
    rule_severity: HashMap<Rule, Severity>,
    /// By normalized lemma.
    term_severity: HashMap<String, Severity>,
    min_severity: Option<Severity>,
}

impl Policy {
    fn reports_term(&self, term: &Term) -> bool {
        let lemma = normalize_phrase(&term.lemma);
        !self.allow.contains(&lemma)
            && (term.category != Category::Allowed || self.deny.contains(&lemma))
    }

    fn severity(&self, diagnostic: &Diagnostic) -> Severity {
        if diagnostic.cited {
            return Severity::Info;
        }
        diagnostic
            .lemma()
            .and_then(|lemma| self.term_severity.get(&normalize_phrase(lemma)))
            .or_else(|| self.rule_severity.get(&diagnostic.rule))
            .copied()
            .unwrap_or(diagnostic.severity)
    }

    fn reports(&self, diagnostic: &Diagnostic) -> bool {
        self.select
            .as_ref()
            .is_none_or(|select| select.contains(&diagnostic.rule))
            && !self.ignore.contains(&diagnostic.rule)
            && self
                .min_severity
                .is_none_or(|minimum| diagnostic.severity >= minimum)
    }
}

/// A setting that names a word or rule this linter does not know.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SettingError {
    /// The key the value is under: `allow`, `deny`, `select`, `ignore` or `severity`.
    pub key: &'static str,
    /// The value as written.
    pub value: String,
    /// What is wrong, with the key: «allow: «фичв» нет в словаре anglint».
    pub message: String,
}

/// A problem while building a linter: bad dictionary entries or a missing morphology dictionary.
#[derive(Debug)]
pub struct BuildError {
    pub errors: Vec<DictionaryError>,
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, error) in self.errors.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for BuildError {}

impl Linter {
    /// A linter with the built-in dictionaries, from the tables and the matcher compiled at build
    /// time; rumorph's dictionary loads on another thread meanwhile, and own words are added to
    /// the morphology when a text first needs them.
    pub fn builtin() -> Result<Self, BuildError> {
        let (base, tables) = std::thread::scope(|scope| {
            let loading = std::thread::Builder::new().spawn_scoped(scope, morph::bundled);
            let tables = tables::decode(crate::builtin::TABLES);
            let base = match loading {
                Ok(loading) => loading
                    .join()
                    .unwrap_or_else(|_| Err("загрузка морфологического словаря упала".into())),
                // No thread to spare: one after the other.
                Err(_) => morph::bundled(),
            };
            (base, tables)
        });
        let error = |file: &'static str| {
            move |message| BuildError {
                errors: vec![DictionaryError::at_start(file, message)],
            }
        };
        let Tables { terms, forms, own } = tables.map_err(error("<словари>"))?;
        let morph = Morphology::lazy(base.map_err(error("rumorph"))?, &terms, own);
        let matcher = std::borrow::Cow::Borrowed(crate::builtin::MATCHER);
        let lexicon =
            Lexicon::with_matcher(terms, forms, matcher).map_err(|errors| BuildError { errors })?;
        let (verb_stems, verb_heads) = verb_stems(&lexicon.terms);
        Ok(Linter {
            lexicon,
            morph,
            verb_stems,
            verb_heads,
        })
    }

    /// A linter with the dictionaries given as `(file name, contents)`, compiled now.
    pub fn from_sources<'a>(
        sources: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Self, BuildError> {
        let compiled = tables::compile(sources).map_err(|errors| BuildError { errors })?;
        let lexicon =
            Lexicon::new(compiled.terms, compiled.forms).map_err(|errors| BuildError { errors })?;
        let (verb_stems, verb_heads) = verb_stems(&lexicon.terms);
        Ok(Linter {
            lexicon,
            morph: compiled.morph,
            verb_stems,
            verb_heads,
        })
    }

    pub fn terms(&self) -> &[Term] {
        &self.lexicon.terms
    }

    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    pub fn morphology(&self) -> &Morphology {
        &self.morph
    }

    /// Entries that have `word` (in any form and case) among their forms, allowed words included;
    /// failing that, entries whose lemma is the word's lemma in the morphology dictionary.
    pub fn lookup(&self, word: &str) -> Vec<usize> {
        let normalized = normalize_phrase(word);
        let mut found: Vec<usize> = self.lexicon.terms_with_form(&normalized);
        if found.is_empty() {
            for analysis in self.morph.analyze(word) {
                let lemma = normalize_phrase(&analysis.lemma);
                for index in self.lexicon.terms_with_form(&lemma) {
                    if !found.contains(&index) {
                        found.push(index);
                    }
                }
            }
        }
        // «KPI-шки», «бизнес-KPI»: the Latin part, as the matcher finds it.
        if found.is_empty() && normalized.contains('-') {
            for part in normalized.split('-').filter(|part| part.is_ascii()) {
                found.extend(self.lexicon.terms_with_form(part));
            }
        }
        found
    }

    /// Diagnostics for a document with the default settings, ordered by position.
    pub fn lint(&self, text: &str, kind: FileKind) -> Vec<Diagnostic> {
        self.lint_with(text, kind, &Policy::default())
    }

    /// Diagnostics for a document under a team's policy (allowed and denied words, rules,
    /// severities) and the document's own suppression comments, ordered by position.
    pub fn lint_with(&self, text: &str, kind: FileKind, policy: &Policy) -> Vec<Diagnostic> {
        let mut diagnostics = self.lint_part(text, kind, policy, is_russian(text));
        crate::consistency::settle(text, &mut diagnostics);
        diagnostics
    }

    /// [`Linter::lint_with`] for a part of a document whose language ([`is_russian`]) was decided
    /// on the whole: the editor's chunks. The document-wide check of the fixes
    /// ([`crate::consistency::settle`]) is the caller's, on the whole document.
    pub fn lint_part(
        &self,
        text: &str,
        kind: FileKind,
        policy: &Policy,
        russian: bool,
    ) -> Vec<Diagnostic> {
        let mut diagnostics = Vec::new();
        kind.for_each_block(text, |block| {
            let words = Words::new(text, &block);
            let first = diagnostics.len();
            self.lint_block(text, &words, policy, russian, &mut diagnostics);
            if block.quote {
                for fix in diagnostics[first..]
                    .iter_mut()
                    .filter_map(|d| d.fix.as_mut())
                {
                    fix.applicability = fix.applicability.min(Applicability::DisplayOnly);
                }
            }
        });
        for diagnostic in &mut diagnostics {
            diagnostic.severity = policy.severity(diagnostic);
            self.drop_reported_replacements(diagnostic, policy);
        }
        diagnostics.retain(|diagnostic| policy.reports(diagnostic));
        unrepeated(text, &mut diagnostics);
        self.suppress(text, kind, policy, &mut diagnostics);
        diagnostics
    }

    /// The text after applying the fixes at or above `threshold` that this linter reports under
    /// `policy`, again until nothing changes: what `--fix` writes and the editor's «fix all»
    /// gives.
    pub fn fix(
        &self,
        text: &str,
        kind: FileKind,
        policy: &Policy,
        threshold: Applicability,
    ) -> Fixed {
        fix::fix(text, threshold, |text| self.lint_with(text, kind, policy))
    }

    /// A fix never writes a word this policy reports (a denied «менеджер» for «сейлзы»): such
    /// suggestions are dropped, and a fix that writes one gives way to the next suggestion,
    /// shown only (the words around were agreed with the first).
    fn drop_reported_replacements(&self, diagnostic: &mut Diagnostic, policy: &Policy) {
        let reported = |text: &str| {
            text.split(|c: char| !c.is_alphabetic() && c != '-')
                .filter(|word| !word.is_empty())
                .any(|word| {
                    self.lookup(word)
                        .into_iter()
                        .any(|index| policy.reports_term(&self.lexicon.terms[index]))
                })
        };
        if !diagnostic
            .suggestions()
            .iter()
            .any(|suggestion| reported(&suggestion.text))
        {
            return;
        }
        diagnostic.retain_suggestions(|suggestion| !reported(&suggestion.text));
        let first = diagnostic
            .suggestions()
            .first()
            .map(|first| first.text.clone());
        let Some(fix) = diagnostic.fix.as_mut() else {
            return;
        };
        if !fix.edits.iter().any(|edit| reported(&edit.replacement)) {
            return;
        }
        match first {
            Some(first) => {
                fix.applicability = Applicability::DisplayOnly;
                fix.edits = vec![Edit {
                    span: diagnostic.span.clone(),
                    replacement: first,
                }];
            }
            None => diagnostic.fix = None,
        }
    }

    /// Removes the diagnostics that suppression comments cover and reports the comments that
    /// cover none.
    fn suppress(
        &self,
        text: &str,
        kind: FileKind,
        policy: &Policy,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        let directives = suppress::directives(text, kind);
        if directives.is_empty() {
            return;
        }
        // The words of a directive itself (a line of its own in plain text) are not prose.
        diagnostics.retain(|diagnostic| {
            !directives.iter().any(|directive| {
                directive.span.start <= diagnostic.span.start
                    && diagnostic.span.end <= directive.span.end
            })
        });
        let index = LineIndex::new(text);
        let mut used = vec![false; directives.len()];
        diagnostics.retain(|diagnostic| {
            let line = index.line_of(diagnostic.span.start);
            let mut suppressed = false;
            for (position, directive) in directives.iter().enumerate() {
                if directive.lines.contains(&line)
                    && (directive.names.is_empty()
                        || directive
                            .names
                            .iter()
                            .any(|name| self.names(name, diagnostic)))
                {
                    used[position] = true;
                    suppressed = true;
                }
            }
            !suppressed
        });
        for (directive, used) in directives.iter().zip(used) {
            if used || directive.kind == suppress::Kind::Enable {
                continue;
            }
            let unused = Diagnostic::unused_suppression(
                directive.span.clone(),
                text[directive.span.clone()].to_string(),
                directive.kind.as_str(),
            );
            if policy.reports(&unused) {
                diagnostics.push(unused);
            }
        }
        diagnostics.sort_by_key(|diagnostic| diagnostic.span.start);
    }

    /// Whether a name in a suppression comment (a rule or a word in any form) names a diagnostic.
    fn names(&self, name: &str, diagnostic: &Diagnostic) -> bool {
        if let Some(rule) = Rule::from_code(name) {
            return rule == diagnostic.rule;
        }
        let Some(lemma) = diagnostic.lemma().map(normalize_phrase) else {
            return false;
        };
        self.lookup(name)
            .iter()
            .any(|&index| normalize_phrase(&self.lexicon.terms[index].lemma) == lemma)
    }

    /// A policy from settings: words resolved to this linter's terms (any form), rule names to
    /// rules. Unknown words and rules are errors, one each, with the value that is wrong.
    pub fn policy(&self, settings: &Settings) -> Result<Policy, Vec<SettingError>> {
        let mut errors = Vec::new();
        let mut terms = |words: &[String], key: &'static str| -> HashSet<usize> {
            let mut found = HashSet::new();
            for word in words {
                let indices = self.lookup(word);
                if indices.is_empty() {
                    errors.push(SettingError {
                        key,
                        value: word.clone(),
                        message: format!("{key}: «{word}» нет в словаре anglint"),
                    });
                }
                found.extend(indices);
            }
            found
        };
        let allow = terms(&settings.allow, "allow");
        let deny = terms(&settings.deny, "deny");
        let mut rules = |names: &[String], key: &'static str| -> HashSet<Rule> {
            names
                .iter()
                .filter_map(|name| {
                    let rule = Rule::from_code(name);
                    if rule.is_none() {
                        errors.push(SettingError {
                            key,
                            value: name.clone(),
                            message: format!(
                                "{key}: нет правила «{name}» (есть AL001–AL005, AL100 и их имена)"
                            ),
                        });
                    }
                    rule
                })
                .collect()
        };
        let select = settings.select.as_ref().map(|names| rules(names, "select"));
        let ignore = rules(&settings.ignore, "ignore");
        let mut rule_severity = HashMap::new();
        let mut term_severity = HashMap::new();
        for (key, severity) in &settings.severity {
            if let Some(rule) = Rule::from_code(key) {
                rule_severity.insert(rule, *severity);
                continue;
            }
            let indices = self.lookup(key);
            if indices.is_empty() {
                errors.push(SettingError {
                    key: "severity",
                    value: key.clone(),
                    message: format!(
                        "severity: «{key}» — не правило и не слово из словаря anglint"
                    ),
                });
            }
            for index in indices {
                term_severity.insert(
                    normalize_phrase(&self.lexicon.terms[index].lemma),
                    *severity,
                );
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let lemmas = |indices: HashSet<usize>| -> HashSet<String> {
            indices
                .into_iter()
                .map(|index| normalize_phrase(&self.lexicon.terms[index].lemma))
                .collect()
        };
        Ok(Policy {
            allow: lemmas(allow),
            deny: lemmas(deny),
            select,
            ignore,
            rule_severity,
            term_severity,
            min_severity: settings.min_severity,
        })
    }

    fn lint_block(
        &self,
        text: &str,
        words: &Words,
        policy: &Policy,
        russian: bool,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        if words.words.is_empty() {
            return;
        }
        // A short line in Latin letters in a Russian document is a heading or a label in the
        // author's jargon («Middle PM», «Head of Sales»), not an English paragraph.
        let english = is_english(&words.words) && !(russian && is_short_name(words));
        let first = diagnostics.len();
        for (pattern, start, end) in self.lexicon.find_iter(&words.haystack) {
            let form = self.lexicon.forms.get(pattern.form);
            let Some(owner) = self.owner(form, policy) else {
                continue;
            };
            let term = &self.lexicon.terms[owner.term];
            let Some(found) = locate(text, words, pattern.anchor, start, end) else {
                continue;
            };
            let matched_words = &words.words[found.words.clone()];
            if matched_words.iter().any(|word| word.code) {
                continue;
            }
            // A compound the morphology knows, with the hyphen or written solid, is a Russian
            // word: «пресс-релиз», «бизнес-кейс», «демо-версия» (демоверсия).
            if found.part && !term.is_latin() {
                let compound = words.normalized(&matched_words[0]);
                if self.morph.is_known(compound) || self.morph.is_known(&compound.replace('-', ""))
                {
                    continue;
                }
            }
            if term.is_latin()
                && (english
                    || in_english_phrase(words, &found.words)
                    || in_english_name(words, &found.words)
                    || in_gloss(text, &found.span))
            {
                continue;
            }
            let Some(confirmed) = self.context_allows(text, term, form.text, words, &found.words)
            else {
                continue;
            };
            // A part of a compound that needs context to be this term needs it confirmed:
            // «тест-лидов» are team leads, not sales leads.
            if found.part && !confirmed {
                continue;
            }
            // A form of a generated spelling inflects by a sample, not by the dictionary: the
            // reader decides. So does the reader when the sense rests on the form alone.
            let cap = if term.is_generated_form(form.text) {
                Applicability::DisplayOnly
            } else if !confirmed {
                Applicability::Unsafe
            } else {
                Applicability::Safe
            };
            let finding = Finding {
                term,
                readings: owner.readings,
                found,
                note: None,
                cap,
                as_written: false,
            };
            self.push_finding(text, words, finding, diagnostics);
        }
        if !english {
            let added = diagnostics.len();
            let covered: Vec<Range<usize>> = diagnostics[first..]
                .iter()
                .map(|diagnostic| diagnostic.span.clone())
                .collect();
            self.derived_verbs(text, words, policy, &covered, diagnostics);
            self.lookalikes(text, words, policy, diagnostics);
            self.glued_endings(text, words, policy, diagnostics);
            if diagnostics.len() > added {
                diagnostics[first..].sort_by_key(|diagnostic| diagnostic.span.start);
            }
        }
    }

    /// Jargon verbs with a prefix or a reflexive ending no entry lists: «зафиксили», «вмержить»,
    /// «расшарить» from «фиксить», «мержить», «шарить»; «ревьюится», «закоммитились». The word
    /// must be no word of the morphology dictionary («заказать», «пошарить» are Russian) and the
    /// rest a form of a verb entry that passes the entry's context rules. Its grammar (aspect)
    /// differs from the entry's, so the fix is shown, never applied.
    fn derived_verbs(
        &self,
        text: &str,
        words: &Words,
        policy: &Policy,
        covered: &[Range<usize>],
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        let mut found = Vec::new();
        // The words come in order: one pass over the covered spans, merged into disjoint ones.
        let mut spans: Vec<Range<usize>> = covered.to_vec();
        spans.sort_by_key(|span| span.start);
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(spans.len());
        for span in spans {
            match merged.last_mut() {
                Some(last) if span.start < last.end => last.end = last.end.max(span.end),
                _ => merged.push(span),
            }
        }
        let mut next = 0;
        for (index, word) in words.words.iter().enumerate() {
            while next < merged.len() && merged[next].end <= word.src.start {
                next += 1;
            }
            let overlaps = merged
                .get(next)
                .is_some_and(|span| span.start < word.src.end);
            if word.code || word.script != Script::Cyrillic || overlaps {
                continue;
            }
            let written = words.normalized(word);
            if written.chars().count() < 6 || written.contains('-') {
                continue;
            }
            let Some((rest, owner)) = self.derived_verb(written, policy) else {
                continue;
            };
            let term = &self.lexicon.terms[owner.term];
            if self.morph.is_known(written)
                || self
                    .context_allows(text, term, rest, words, &(index..index + 1))
                    .is_none()
            {
                continue;
            }
            found.push((index, owner));
        }
        for (index, owner) in found {
            let term = &self.lexicon.terms[owner.term];
            let finding = Finding {
                term,
                readings: owner.readings,
                found: Found {
                    words: index..index + 1,
                    span: words.words[index].src.clone(),
                    part: false,
                },
                note: Some(format!("{} Образовано от «{}».", term.note, term.lemma)),
                cap: Applicability::DisplayOnly,
                as_written: true,
            };
            self.push_finding(text, words, finding, diagnostics);
        }
    }

    /// The verb entry a normalized word is derived from by a prefix and/or a reflexive ending:
    /// the rest without them, its form and owner.
    fn derived_verb<'w>(&self, word: &'w str, policy: &Policy) -> Option<(&'w str, Owner<'_>)> {
        let unreflexive = word.strip_suffix("ся").or_else(|| word.strip_suffix("сь"));
        let stems = [Some(word), unreflexive];
        for stem in stems.into_iter().flatten() {
            let prefixes = VERB_PREFIXES
                .iter()
                .filter_map(|prefix| stem.strip_prefix(prefix));
            // The reflexive ending alone, or a prefix (and maybe the ending).
            let rests = (stem.len() < word.len())
                .then_some(stem)
                .into_iter()
                .chain(prefixes);
            for rest in rests {
                if !self.verb_heads.contains(head(rest)) || rest.chars().count() < 4 {
                    continue;
                }
                let Some(form) = self.lexicon.forms.find(rest) else {
                    continue;
                };
                let Some(owner) = self.owner(form, policy) else {
                    continue;
                };
                let term = &self.lexicon.terms[owner.term];
                if term.pos == Pos::Verb && !term.is_latin() {
                    return Some((rest, owner));
                }
            }
        }
        // Participles and imperatives written on the stem: «зарелизена», «апрувнутый», «мержь».
        let prefixed = VERB_PREFIXES
            .iter()
            .filter_map(|prefix| word.strip_prefix(prefix));
        for rest in std::iter::once(word).chain(prefixed) {
            if !self.verb_heads.contains(head(rest)) {
                continue;
            }
            for ending in STEM_ENDINGS {
                let Some(stem) = rest.strip_suffix(ending) else {
                    continue;
                };
                let Some(&term) = self.verb_stems.get(stem) else {
                    continue;
                };
                if policy.reports_term(&self.lexicon.terms[term]) {
                    return Some((
                        stem,
                        Owner {
                            term,
                            readings: &[],
                        },
                    ));
                }
            }
        }
        None
    }

    /// A finding with its suggestions and fix.
    fn push_finding(
        &self,
        text: &str,
        words: &Words,
        finding: Finding,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        let Finding {
            term,
            readings,
            found,
            note,
            cap,
            as_written,
        } = finding;
        // An allowed word gets here only when the team denies it.
        let rule = term.category.rule().unwrap_or(Rule::Denied);
        let (mut suggestions, mut fix) = agree::build(
            &self.morph,
            &agree::Match {
                text,
                words,
                matched: found.words.clone(),
                span: found.span.clone(),
                term,
                readings,
            },
        );
        if let Some(fix) = fix.as_mut() {
            fix.applicability = fix.applicability.min(cap);
            // The entry's own limit: a replacement close to the word but not the same thing.
            let limit = match term.fix {
                Some(crate::dictionary::FixLimit::Unsafe) => Applicability::Unsafe,
                Some(crate::dictionary::FixLimit::DisplayOnly) => Applicability::DisplayOnly,
                None => Applicability::Safe,
            };
            fix.applicability = fix.applicability.min(limit);
            // Near the words of a product's vocabulary the word is the name of its object.
            if !term.fix_not_near.is_empty()
                && words.stem_nearby(&found.words, CONTEXT_RADIUS, &term.fix_not_near)
            {
                fix.applicability = Applicability::DisplayOnly;
            }
            // A word the document also writes in code in English («crm.lead.get», `lead`) names
            // an object of the product: its name stays.
            if names_in_code(nearby(text, words, &found.span), &term.origin) {
                fix.applicability = Applicability::DisplayOnly;
            }
        }
        let matched = text[found.span.clone()].to_string();
        // Replacing a part of a compound leaves a hybrid («задача-трекере»): shown, not applied.
        // The first part of a compound is the bare stem: the replacements as written.
        if let Some(fix) = fix.as_mut().filter(|_| found.part) {
            fix.applicability = Applicability::DisplayOnly;
        }
        let first_part = found.part && words.words[found.words.start].src.start == found.span.start;
        if as_written || (first_part && !term.is_latin()) {
            suggestions = term
                .replacements
                .iter()
                .map(|replacement| Suggestion {
                    text: text::match_case(&matched, &replacement.text),
                })
                .collect();
        }
        // A denied word is the team's decision: the rule's severity, not the entry's.
        let severity = if rule == Rule::Denied {
            rule.default_severity()
        } else {
            term.severity
        };
        let term_finding = TermFinding {
            lemma: term.lemma.clone(),
            origin: term.origin.clone(),
            category: term.category,
            suggestions,
        };
        let mut diagnostic = Diagnostic::of_term(
            rule,
            severity,
            found.span,
            matched,
            term_finding,
            note.unwrap_or_else(|| term.note.clone()),
            fix,
        );
        cite(&mut diagnostic, &words.words[found.words]);
        diagnostics.push(diagnostic);
    }

    /// Latin words with a Russian ending glued on without a hyphen: «OKRы», «PRов», «KPIшки».
    fn glued_endings(
        &self,
        text: &str,
        words: &Words,
        policy: &Policy,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        for (index, word) in words.words.iter().enumerate() {
            if word.code || word.script != Script::Mixed {
                continue;
            }
            let written = words.normalized(word);
            let split = written
                .find(|c: char| !c.is_ascii_alphabetic())
                .unwrap_or(written.len());
            let (latin, rest) = written.split_at(split);
            if latin.len() < 2 || rest.is_empty() || !is_ending(rest) {
                continue;
            }
            let Some(owner) = self
                .lexicon
                .forms
                .find(latin)
                .and_then(|form| self.owner(form, policy))
            else {
                continue;
            };
            let term = &self.lexicon.terms[owner.term];
            if !term.is_latin()
                || self
                    .context_allows(text, term, latin, words, &(index..index + 1))
                    .is_none()
            {
                continue;
            }
            let finding = Finding {
                term,
                readings: owner.readings,
                found: Found {
                    words: index..index + 1,
                    span: word.src.clone(),
                    part: false,
                },
                note: None,
                cap: Applicability::DisplayOnly,
                as_written: false,
            };
            self.push_finding(text, words, finding, diagnostics);
        }
    }

    /// Latin abbreviations typed with Cyrillic look-alike letters: «СТО», «СРО», «РО». A word in
    /// capitals that is also a Russian word or abbreviation («СТО» — станция техобслуживания,
    /// «ТОР») counts only among words about a company or a team; a block in capitals is a
    /// heading, not abbreviations.
    fn lookalikes(
        &self,
        text: &str,
        words: &Words,
        policy: &Policy,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        let capitals = words
            .words
            .iter()
            .filter(|word| word.script == Script::Cyrillic && word.shape == Shape::Upper)
            .count();
        let cyrillic = words
            .words
            .iter()
            .filter(|word| word.script == Script::Cyrillic)
            .count();
        if capitals * 2 > cyrillic {
            return;
        }
        // (word, its Latin reading, the owner of that form)
        let mut candidates = Vec::new();
        for (index, word) in words.words.iter().enumerate() {
            if word.code
                || word.shape != Shape::Upper
                || !matches!(word.script, Script::Cyrillic | Script::Mixed)
            {
                continue;
            }
            let Some(latin) = text::latin_lookalike(&text[word.src.clone()]) else {
                continue;
            };
            let Some(owner) = self
                .lexicon
                .forms
                .find(&latin)
                .and_then(|form| self.owner(form, policy))
            else {
                continue;
            };
            let term = &self.lexicon.terms[owner.term];
            if term.is_latin() && term.pos == Pos::Abbreviation {
                candidates.push((index, latin, owner));
            }
        }
        for (index, latin, owner) in &candidates {
            let index = *index;
            let word = &words.words[index];
            let written = &text[word.src.clone()];
            if self.morph.is_known(&normalize_phrase(written)) {
                // Another look-alike in the sentence, or words about a company or a team.
                let window = words.around(index, CONTEXT_RADIUS);
                let other_lookalike = candidates
                    .iter()
                    .any(|(other, _, _)| *other != index && window.contains(other));
                let about_work = window.filter(|&other| other != index).any(|other| {
                    let neighbour = words.normalized(&words.words[other]);
                    ORGANIZATION_STEMS
                        .iter()
                        .any(|stem| neighbour.starts_with(stem))
                });
                if !other_lookalike && !about_work {
                    continue;
                }
            }
            let term = &self.lexicon.terms[owner.term];
            let note = format!(
                "{} Набрано кириллицей: «{written}» читается как {}.",
                term.note,
                latin.to_uppercase()
            );
            let found = Found {
                words: index..index + 1,
                span: word.src.clone(),
                part: false,
            };
            let finding = Finding {
                term,
                readings: owner.readings,
                found,
                note: Some(note),
                cap: Applicability::Safe,
                as_written: false,
            };
            self.push_finding(text, words, finding, diagnostics);
        }
    }

    /// The term a matched form stands for: its only owner, or, for a form shared by several terms,
    /// the one whose lemma the morphology finds most probable for it.
    /// Only terms the policy reports count: not allowed by the team, and allowed words only
    /// when the team denies them. `None` when no owner is reported.
    fn owner<'a>(&self, form: Form<'a>, policy: &Policy) -> Option<Owner<'a>> {
        let reported: Vec<Owner> = form
            .owners()
            .filter(|owner| policy.reports_term(&self.lexicon.terms[owner.term]))
            .collect();
        if let [only] = reported.as_slice() {
            return Some(*only);
        }
        let mut best = (f64::MIN, *reported.first()?);
        for analysis in self.morph.analyze(form.text) {
            let lemma = normalize_phrase(&analysis.lemma);
            for owner in &reported {
                let term = &self.lexicon.terms[owner.term];
                if normalize_phrase(&term.lemma) == lemma && analysis.prob > best.0 {
                    best = (analysis.prob, *owner);
                }
            }
        }
        Some(best.1)
    }

    /// The collision and context filter: whether a match of `form` at `matched` (word indices) is
    /// this term rather than an ordinary word or a name. `Some(confirmed)` when it is: `confirmed`
    /// is false when the entry's `near` words are missing but the form needs none (see
    /// `near-collisions-only`), so the sense rests on the form alone.
    fn context_allows(
        &self,
        text: &str,
        term: &Term,
        form: &str,
        words: &Words,
        matched: &Range<usize>,
    ) -> Option<bool> {
        let first = &words.words[matched.start];
        let has_stem = |stems: &[String]| words.stem_nearby(matched, CONTEXT_RADIUS, stems);
        if !term.not_near.is_empty() && has_stem(&term.not_near) {
            return None;
        }
        let near = term.near.is_empty() || has_stem(&term.near);
        if term.is_latin() || matched.len() > 1 {
            return near.then_some(true);
        }
        let mut collisions = self.morph.collisions(term, form);
        // A word in lower case is no name: «лиды» are not two women called Лида.
        if first.shape == Shape::Lower {
            collisions.retain(|collision| !collision.is_proper_name());
        }
        if collisions.is_empty() {
            return (near || term.near_collisions_only).then_some(near);
        }
        if !near {
            return None;
        }
        // A capitalised form that is also a name: in mid-sentence it is the name («Лида», «Тула»);
        // at the start of a sentence the context model decides, and a tie is the name.
        if first.shape == Shape::Title
            && collisions
                .iter()
                .any(|collision| collision.is_proper_name())
            && (!first.sentence_start || !self.model_reads_term(text, term, words, matched.start))
        {
            return None;
        }
        // Otherwise the entry must say that the collision is harmless, or gate the term by context.
        (term.accept_collisions.contains_key(form) || !term.near.is_empty()).then_some(true)
    }
}

impl Linter {
    /// Whether rumorph's context model reads word `index` of its sentence as a form of `term`:
    /// its readings with the term's lemma, summed over their cases and numbers, take a clear
    /// majority («Баги нашли вчера»: nominative 0.59 + accusative 0.20 of «баг», the name 0.14).
    fn model_reads_term(&self, text: &str, term: &Term, words: &Words, index: usize) -> bool {
        let (tokens, position) = words.sentence_tokens(text, index);
        let Ok(readings) = self.morph.analyze_sentence(&tokens) else {
            return false;
        };
        let own: Vec<String> = term.spellings().map(normalize_phrase).collect();
        let Some(list) = readings.get(position) else {
            return false;
        };
        let term_share: f64 = list
            .iter()
            .filter(|reading| own.contains(&normalize_phrase(&reading.lemma)))
            .map(|reading| reading.prob)
            .sum();
        term_share >= 0.6
    }
}

/// A finding in someone else's words — a cited title, a quotation, a word mentioned as a word —
/// is not the author's usage: a hint that keeps its suggestions, without a fix, with a note that
/// says why. Words partly cited (a phrase across a quote mark) are the author's.
fn cite(diagnostic: &mut Diagnostic, matched: &[Word]) {
    let Some(cited) = matched.first().and_then(|word| word.cited) else {
        return;
    };
    if matched.iter().any(|word| word.cited.is_none()) {
        return;
    }
    diagnostic.cited = true;
    diagnostic.severity = Severity::Info;
    diagnostic.fix = None;
    diagnostic.note = match diagnostic.note.as_str() {
        "" => cited.note().to_string(),
        note => format!("{note} {}", cited.note()),
    };
}

/// Prefixes of Russian verbs, longest first where one begins another: «за-», «пере-», «рас-»,
/// with «ъ» before е, ё, ю, я («отъ-»).
const VERB_PREFIXES: &[&str] = &[
    "пере", "недо", "пона", "за", "по", "от", "отъ", "до", "рас", "раз", "разъ", "вы", "съ", "с",
    "у", "про", "на", "под", "подъ", "в", "вз", "об", "объ", "при",
];

/// Endings of participles and imperatives written straight on a verb's stem: «зарелиз-ена»,
/// «апрув-нутый», «мерж-ь».
const STEM_ENDINGS: &[&str] = &[
    "ен",
    "ена",
    "ено",
    "ены",
    "енный",
    "енная",
    "енное",
    "енные",
    "енного",
    "енной",
    "енному",
    "енным",
    "енными",
    "енных",
    "енную",
    "енном",
    "нут",
    "нута",
    "нуто",
    "нуты",
    "нутый",
    "нутая",
    "нутое",
    "нутые",
    "нутого",
    "нутой",
    "нутому",
    "нутым",
    "нутыми",
    "нутых",
    "нутую",
    "нутом",
    "ь",
    "ьте",
];

/// The stems of the Cyrillic verb entries and their variants: the infinitive without «ить»,
/// «ать», «ять», «еть», «нуть» or «уть»; four letters at least. And the first three letters of
/// every spelling ([`Linter::verb_heads`]).
fn verb_stems(terms: &[Term]) -> (HashMap<String, usize>, HashSet<String>) {
    let mut stems = HashMap::new();
    let mut heads = HashSet::new();
    for (index, term) in terms.iter().enumerate() {
        if term.pos != Pos::Verb || term.is_latin() || term.category == Category::Allowed {
            continue;
        }
        for spelling in term.spellings() {
            let spelling = normalize_phrase(spelling);
            heads.insert(head(&spelling).to_string());
            let stem = ["нуть", "ить", "ать", "ять", "еть", "уть"]
                .iter()
                .find_map(|ending| spelling.strip_suffix(ending));
            if let Some(stem) = stem.filter(|stem| stem.chars().count() >= 4) {
                stems.entry(stem.to_string()).or_insert(index);
            }
        }
    }
    (stems, heads)
}

/// The first three letters of a word.
fn head(word: &str) -> &str {
    let end = word.char_indices().nth(3).map_or(word.len(), |(at, _)| at);
    &word[..end]
}

/// Stems of words about a company or a team: context in which a capitalised Russian word that
/// looks like a Latin abbreviation («СТО») is the abbreviation.
const ORGANIZATION_STEMS: &[&str] = &[
    "компани",
    "директор",
    "команд",
    "разработ",
    "продукт",
    "стартап",
    "руковод",
    "бизнес",
    "основател",
    "менеджер",
    "технич",
    "инженер",
    "владел",
    "эпик",
    "бэклог",
    "релиз",
    "спринт",
    "cto",
    "ceo",
    "cpo",
];

/// The text of the block around `span`, at most this many bytes on each side: what a check of
/// the surroundings reads, the same whether the document is linted whole or in the editor's
/// chunks, and bounded per finding.
fn nearby<'t>(text: &'t str, words: &Words, span: &Range<usize>) -> &'t str {
    const AROUND: usize = 1500;
    let (Some(first), Some(last)) = (words.words.first(), words.words.last()) else {
        return "";
    };
    let mut start = span.start.saturating_sub(AROUND).max(first.src.start);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    let mut end = (span.end + AROUND).min(last.src.end);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(start..end.max(start)).unwrap_or("")
}

/// Whether `text` writes the English word `origin` inside an identifier or code: between dots,
/// underscores, slashes or backquotes («crm.lead.get», `crm_lead`, `/leads/`).
fn names_in_code(text: &str, origin: &str) -> bool {
    let origin = origin.to_ascii_lowercase();
    if origin.len() < 3 || !origin.bytes().all(|byte| byte.is_ascii_lowercase()) {
        return false;
    }
    let bytes = text.as_bytes();
    let code = |byte: u8| matches!(byte, b'.' | b'_' | b'/' | b'`');
    let mut from = 0;
    while let Some(found) = text[from..].find(origin.as_str()) {
        let start = from + found;
        let end = start + origin.len();
        let before = start.checked_sub(1).map(|index| bytes[index]);
        // Plural or another ending after it: «leads», «lead_id».
        let mut after = end;
        while after < bytes.len() && bytes[after].is_ascii_lowercase() && after - end < 2 {
            after += 1;
        }
        let next = bytes.get(after).copied();
        let glued = before.is_some_and(|byte| byte.is_ascii_alphanumeric());
        if !glued && (before.is_some_and(code) || next.is_some_and(code)) {
            return true;
        }
        from = end;
    }
    false
}

/// Two fixes close together that would write words of one root («зарелизили релиз» →
/// «выпустили выпуск») are shown, not applied: each is right alone, together they repeat.
fn unrepeated(text: &str, diagnostics: &mut [Diagnostic]) {
    // Close: in one sentence, which is rarely longer than this.
    const NEAR: usize = 120;
    let main = |diagnostic: &Diagnostic| -> Vec<String> {
        diagnostic
            .fix
            .as_ref()
            .filter(|fix| fix.applicability > Applicability::DisplayOnly)
            .and_then(|fix| fix.edits.iter().find(|edit| edit.span == diagnostic.span))
            .map(|edit| {
                edit.replacement
                    .split(|c: char| !c.is_alphabetic())
                    .filter(|word| word.chars().count() >= 4)
                    .map(normalize_phrase)
                    .collect()
            })
            .unwrap_or_default()
    };
    let words: Vec<Vec<String>> = diagnostics.iter().map(main).collect();
    let mut order: Vec<usize> = (0..diagnostics.len())
        .filter(|&index| !words[index].is_empty())
        .collect();
    order.sort_by_key(|&index| diagnostics[index].span.start);
    let mut repeated = vec![false; diagnostics.len()];
    for (position, &i) in order.iter().enumerate() {
        let a = &diagnostics[i].span;
        // Only the fixes that start soon after this one: the work stays linear in a long line.
        for &j in &order[position + 1..] {
            let b = &diagnostics[j].span;
            if b.start < a.end {
                continue;
            }
            if b.start - a.end > NEAR {
                break;
            }
            if text[a.end..b.start].contains(['.', '!', '?', '\n']) {
                break;
            }
            if words[i]
                .iter()
                .any(|x| words[j].iter().any(|y| agree::same_root(x, y)))
            {
                repeated[i] = true;
                repeated[j] = true;
            }
        }
    }
    for (diagnostic, repeated) in diagnostics.iter_mut().zip(repeated) {
        if let Some(fix) = diagnostic.fix.as_mut().filter(|_| repeated) {
            fix.applicability = Applicability::DisplayOnly;
        }
    }
}

/// Whether a document is mostly in Russian: more Cyrillic letters than Latin ones.
pub fn is_russian(text: &str) -> bool {
    let (mut cyrillic, mut latin) = (0usize, 0usize);
    for c in text.chars() {
        if is_cyrillic(c) {
            cyrillic += 1;
        } else if c.is_ascii_alphabetic() {
            latin += 1;
        }
    }
    cyrillic > latin
}

/// Whether a block is a short name: two to four words of prose separated by spaces only, as in
/// a heading or a table cell («Middle PM», «Head of Sales»), not a label with a colon or code
/// («Scope: `crm`») or a title with a dash.
fn is_short_name(words: &Words) -> bool {
    let count = words.words.len();
    (2..=4).contains(&count)
        && words.words.iter().all(|word| !word.code)
        && (0..count - 1).all(|left| words.soft_gap(left))
}

/// Whether a block is written in English: no Cyrillic words, or three times more Latin ones.
fn is_english(words: &[Word]) -> bool {
    let prose = words.iter().filter(|word| !word.code);
    let (mut cyrillic, mut latin) = (0usize, 0usize);
    for word in prose {
        match word.script {
            Script::Cyrillic | Script::Mixed => cyrillic += 1,
            Script::Latin => latin += 1,
            Script::Other => {}
        }
    }
    cyrillic == 0 || latin > 3 * cyrillic
}

/// Whether Latin words `matched` are part of a longer English phrase — two or more other Latin
/// words next to them, separated by whitespace only («Zero Downtime Deploy», «ship the feature
/// today»): a quotation or a name, not a loanword in Russian text.
fn in_english_phrase(words: &Words, matched: &Range<usize>) -> bool {
    let latin = |index: usize| {
        let word = &words.words[index];
        word.script == Script::Latin && !word.code
    };
    let joined = |left: usize| words.soft_gap(left);
    // Two more words are enough to decide.
    let mut start = matched.start;
    while start > 0 && matched.start - start < 2 && joined(start - 1) && latin(start - 1) {
        start -= 1;
    }
    let mut end = matched.end;
    while end < words.words.len() && end - matched.end < 2 && joined(end - 1) && latin(end) {
        end += 1;
    }
    (end - start) - matched.len() >= 2
}

/// Whether capitalised Latin words `matched` are part of a name in title case written next to
/// other capitalised Latin words: «Agile Manifesto», «Product Backlog», «Deployment Options».
fn in_english_name(words: &Words, matched: &Range<usize>) -> bool {
    let title = |index: usize| {
        let word = &words.words[index];
        word.script == Script::Latin && !word.code && word.shape == Shape::Title
    };
    if !matched.clone().all(title) {
        return false;
    }
    let before = matched.start > 0 && words.soft_gap(matched.start - 1) && title(matched.start - 1);
    let after =
        matched.end < words.words.len() && words.soft_gap(matched.end - 1) && title(matched.end);
    before || after
}

/// Whether `span` is inside parentheses on one line that hold no Cyrillic: an English gloss after
/// a Russian term, «бэклог продукта (Product Backlog)».
fn in_gloss(text: &str, span: &Range<usize>) -> bool {
    // Scan outwards to the parentheses; a line break, Cyrillic or, before the span, a closing
    // parenthesis first means no gloss, and so does a gloss longer than any real one. After the
    // span an opening parenthesis is fine: a link inside the gloss, «([User Story](https://…))».
    const LONGEST: usize = 200;
    let scan = |chars: &mut dyn Iterator<Item = char>, wanted: char, other: Option<char>| {
        for c in chars.take(LONGEST) {
            if c == wanted {
                return true;
            }
            if Some(c) == other || c == '\n' || c == '\r' || is_cyrillic(c) {
                return false;
            }
        }
        false
    };
    if text[span.clone()].chars().any(is_cyrillic) {
        return false;
    }
    scan(&mut text[..span.start].chars().rev(), '(', Some(')'))
        && scan(&mut text[span.end..].chars(), ')', None)
}

/// A match that passed the filters, on its way to a diagnostic.
struct Finding<'a> {
    term: &'a Term,
    /// UD tags of the matched form's readings as this term.
    readings: &'a [u16],
    found: Found,
    /// Replaces the entry's note.
    note: Option<String>,
    /// The best applicability the fix may have.
    cap: Applicability,
    /// The replacements as the dictionary writes them, not inflected: the word's grammar is not
    /// the entry's («ревьюится», «зафиксили»).
    as_written: bool,
}

struct Found {
    /// Indices of the matched words.
    words: Range<usize>,
    /// Bytes in the original text.
    span: Range<usize>,
    /// Part of a hyphenated word, the rest of which is not an ending: «таск» of «таск-трекере».
    part: bool,
}

/// Turns a match in the haystack into words and a source span.
fn locate(text: &str, words: &Words, anchor: Anchor, start: usize, end: usize) -> Option<Found> {
    match anchor {
        Anchor::Whole => {
            let first = words.starting_at(start + 1)?;
            let last = words.ending_at(end - 1)?;
            Some(Found {
                span: words.words[first].src.start..words.words[last].src.end,
                words: first..last + 1,
                part: false,
            })
        }
        Anchor::Prefix => {
            // " kpi-": the Latin part of a hyphenated word; the whole word when the rest is a
            // Russian ending («KPI-шки», «OKR-ы»), else the Latin part alone («JTBD-интервью»).
            let index = words.starting_at(start + 1)?;
            let word = &words.words[index];
            let rest = &words.haystack[end..word.norm.end];
            // A word made of Latin parts only is English: «self-review», «Non-production».
            if !rest.chars().any(is_cyrillic) {
                return None;
            }
            let part = !is_ending(rest);
            let span = if part {
                let raw = &text[word.src.clone()];
                word.src.start
                    ..word.src.start + source_offset(raw, end - 1 - word.norm.start, false)
            } else {
                word.src.clone()
            };
            Some(Found {
                words: index..index + 1,
                span,
                part,
            })
        }
        Anchor::Suffix => {
            // "-kpi ": the Latin part after a hyphen («бизнес-KPI»), or a Cyrillic term as the last
            // part of a compound («тест-лида»).
            let index = words.ending_at(end - 1)?;
            let word = &words.words[index];
            let latin = !words.haystack[start + 1..end - 1].chars().any(is_cyrillic);
            if latin
                && !words.haystack[word.norm.start..start]
                    .chars()
                    .any(is_cyrillic)
            {
                return None;
            }
            let raw = &text[word.src.clone()];
            let from = source_offset(raw, start + 1 - word.norm.start, true);
            Some(Found {
                words: index..index + 1,
                span: word.src.start + from..word.src.end,
                part: true,
            })
        }
    }
}

/// Whether the text after a hyphen is a Russian ending glued to an abbreviation: «ы», «ов»,
/// «ами», «шки», «шками».
fn is_ending(rest: &str) -> bool {
    let letters = rest.chars().count();
    rest.chars().all(is_cyrillic) && (letters <= 3 || rest.starts_with("шк"))
}
