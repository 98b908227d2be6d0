//! The shape of the library, checked as a test: no import cycle between modules, and no chain of
//! imports longer than [`LONGEST_CHAIN`] modules (read → prose → words → … → report must stay a
//! short, one-way pipeline). A module is a file of `src/` (a `mod.rs` is its directory); an
//! import is a `crate::` or `super::` path outside the file's tests and comments. A module's own children
//! (declared with `mod` in it) are its parts, not its imports; their imports of the parent are.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Most modules on one chain of imports.
pub const LONGEST_CHAIN: usize = 8;

/// Modules of the library by name (`format::markdown`), with their source outside tests.
fn modules(root: &Path) -> BTreeMap<String, String> {
    let mut found = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(directory) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&directory) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let relative = path.strip_prefix(root).unwrap_or(&path);
            if path.is_dir() {
                // The binary's own modules are not the library's.
                if relative != Path::new("bin") {
                    stack.push(path);
                }
                continue;
            }
            if path.extension().is_none_or(|extension| extension != "rs") {
                continue;
            }
            let mut parts: Vec<String> = relative
                .with_extension("")
                .iter()
                .map(|part| part.to_string_lossy().into_owned())
                .collect();
            if parts.last().is_some_and(|last| last == "mod") {
                parts.pop();
            }
            let name = parts.join("::");
            if name == "lib" || name == "main" {
                continue;
            }
            let source = std::fs::read_to_string(&path).unwrap_or_default();
            let code = match source.find("#[cfg(test)]\nmod tests") {
                Some(at) => source[..at].to_string(),
                None => source,
            };
            // Doc links and comments name modules without importing them.
            let code: String = code
                .lines()
                .filter(|line| !line.trim_start().starts_with("//"))
                .collect::<Vec<_>>()
                .join("\n");
            found.insert(name, code);
        }
    }
    found
}

/// The modules `module` imports.
fn imports(module: &str, code: &str, known: &BTreeSet<String>) -> BTreeSet<String> {
    let parent = module.rsplit_once("::").map_or("", |(parent, _)| parent);
    let mut found = BTreeSet::new();
    for (prefix, base) in [("crate::", ""), ("super::", parent)] {
        let mut rest = code;
        while let Some(at) = rest.find(prefix) {
            let before = rest[..at].chars().next_back();
            rest = &rest[at + prefix.len()..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            let path: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            let mut candidate = base.to_string();
            let mut target = (!base.is_empty()).then(|| base.to_string());
            for part in path.split("::").filter(|part| !part.is_empty()) {
                if !candidate.is_empty() {
                    candidate.push_str("::");
                }
                candidate.push_str(part);
                if known.contains(&candidate) {
                    target = Some(candidate.clone());
                } else {
                    break;
                }
            }
            if let Some(target) = target
                && target != module
                && !target.starts_with(&format!("{module}::"))
            {
                found.insert(target);
            }
        }
    }
    found
}

/// The import graph of the library under `root` (its `src/`).
pub fn graph(root: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let modules = modules(root);
    let known: BTreeSet<String> = modules.keys().cloned().collect();
    modules
        .iter()
        .map(|(name, code)| (name.clone(), imports(name, code, &known)))
        .collect()
}

/// A cycle of imports, if there is one.
pub fn cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|seen| seen == node) {
            let mut cycle = path[at..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
}

/// The longest chain of imports (modules from importer to imported); the graph has no cycle.
pub fn longest_chain(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<String> {
    fn chain(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        memo: &mut BTreeMap<String, Vec<String>>,
    ) -> Vec<String> {
        if let Some(known) = memo.get(node) {
            return known.clone();
        }
        let mut best = Vec::new();
        for next in graph.get(node).into_iter().flatten() {
            let candidate = chain(next, graph, memo);
            if candidate.len() > best.len() {
                best = candidate;
            }
        }
        best.insert(0, node.to_string());
        memo.insert(node.to_string(), best.clone());
        best
    }
    let mut memo = BTreeMap::new();
    graph
        .keys()
        .map(|node| chain(node, graph, &mut memo))
        .max_by_key(Vec::len)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src() -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
    }

    #[test]
    fn no_import_cycle_and_short_chains() {
        let graph = graph(&src());
        assert!(graph.len() > 20, "modules found: {:?}", graph.keys());
        if let Some(cycle) = cycle(&graph) {
            panic!("import cycle: {}", cycle.join(" → "));
        }
        let longest = longest_chain(&graph);
        assert!(
            longest.len() <= LONGEST_CHAIN,
            "{} modules on one chain (at most {LONGEST_CHAIN}): {}",
            longest.len(),
            longest.join(" → ")
        );
    }

    #[test]
    fn the_check_finds_cycles_and_chains() {
        let known: BTreeSet<String> = ["a", "b", "c", "c::d"].map(String::from).into();
        assert_eq!(
            imports(
                "c::d",
                "use super::X; use crate::a::f; let x = crate::b::g();",
                &known
            ),
            ["a", "b", "c"].map(String::from).into()
        );
        // A parent's use of its own child is not an import.
        assert!(imports("c", "use crate::c::d::Y;", &known).is_empty());
        let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        graph.insert("a".into(), ["b".to_string()].into());
        graph.insert("b".into(), ["c".to_string()].into());
        graph.insert("c".into(), BTreeSet::new());
        assert_eq!(cycle(&graph), None);
        assert_eq!(longest_chain(&graph), ["a", "b", "c"]);
        graph.insert("c".into(), ["a".to_string()].into());
        assert!(cycle(&graph).is_some());
    }
}
