//! `--statistics`: instead of the findings, how many there are of each rule and term, most
//! frequent first (as `ruff --statistics`), as aligned text or as a JSON array of
//! `{code, name, term, count, fixable}` (`term` is null for findings not about a term).

use std::collections::HashMap;
use std::io;

use codespan_reporting::term::termcolor::WriteColor;
use serde::Serialize;

use super::FileReport;
use crate::diagnostic::{Applicability, Rule};

/// Counts by rule and term.
#[derive(Clone, Debug, Default)]
pub struct Statistics {
    rows: HashMap<(Rule, Option<String>), Counts>,
}

#[derive(Clone, Copy, Debug, Default)]
struct Counts {
    count: usize,
    /// Findings with a safe fix (`--fix` applies them).
    fixable: usize,
}

#[derive(Serialize)]
struct Row<'a> {
    code: &'static str,
    name: &'static str,
    term: Option<&'a str>,
    count: usize,
    fixable: usize,
}

impl Statistics {
    /// Counts the findings of one file.
    pub fn add(&mut self, report: &FileReport) {
        for located in &report.diagnostics {
            let diagnostic = &located.diagnostic;
            let key = (diagnostic.rule, diagnostic.lemma().map(str::to_string));
            let counts = self.rows.entry(key).or_default();
            counts.count += 1;
            if diagnostic
                .fix
                .as_ref()
                .is_some_and(|fix| fix.applicability == Applicability::Safe)
            {
                counts.fixable += 1;
            }
        }
    }

    /// The rows, most frequent first, then by code and term.
    fn rows(&self) -> Vec<Row<'_>> {
        let mut rows: Vec<Row> = self
            .rows
            .iter()
            .map(|((rule, term), counts)| Row {
                code: rule.code(),
                name: rule.name(),
                term: term.as_deref(),
                count: counts.count,
                fixable: counts.fixable,
            })
            .collect();
        rows.sort_by(|a, b| {
            b.count
                .cmp(&a.count)
                .then(a.code.cmp(b.code))
                .then(a.term.cmp(&b.term))
        });
        rows
    }

    /// One line per rule and term: count, code, term, rule name, and how many `--fix` fixes.
    pub fn text(&self, out: &mut dyn WriteColor) -> io::Result<()> {
        let rows = self.rows();
        let count_width = rows.iter().map(|row| row.count.to_string().len()).max();
        let term_width = rows
            .iter()
            .map(|row| row.term.unwrap_or("—").chars().count())
            .max();
        let name_width = rows.iter().map(|row| row.name.len()).max().unwrap_or(0);
        for row in &rows {
            let term = row.term.unwrap_or("—");
            let padding = term_width.unwrap_or(0) - term.chars().count();
            let mut line = format!(
                "{:>width$}  {}  {term}{}  {:name_width$}",
                row.count,
                row.code,
                " ".repeat(padding),
                row.name,
                width = count_width.unwrap_or(0)
            );
            if row.fixable > 0 {
                line.push_str(&format!(
                    "  --fix исправит {} из {}",
                    row.fixable, row.count
                ));
            }
            writeln!(out, "{}", line.trim_end())?;
        }
        Ok(())
    }

    /// The rows as a JSON array.
    pub fn json(&self, out: &mut dyn WriteColor) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, &self.rows())?;
        writeln!(out)
    }
}
