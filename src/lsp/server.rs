//! The server loop. The main thread reads messages, keeps the open documents and answers
//! requests; one worker thread lints. A change schedules a lint after a short pause (debounce);
//! each scheduled lint carries a generation number, and a result is published only when it is
//! the latest generation of a document that is still open, so stale diagnostics never reach the
//! editor. Requests that need diagnostics (code actions, hover) use the latest result when it is
//! current and lint on the spot otherwise.

// `lsp_types::Uri` caches parsed parts inside, but hashes and compares its text alone: a map
// keyed by it is sound (rust-analyzer allows this lint for the same reason).
#![allow(clippy::mutable_key_type)]

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, Sender, select};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidChangeWorkspaceFolders, DidCloseTextDocument,
    DidOpenTextDocument, DidSaveTextDocument, Notification as _, PublishDiagnostics, ShowMessage,
};
use lsp_types::request::{CodeActionRequest, HoverRequest, RegisterCapability, Request as _};
use lsp_types::{
    CodeActionOrCommand, CodeActionParams, CodeActionProviderCapability, CodeActionResponse,
    DidChangeWatchedFilesRegistrationOptions, FileSystemWatcher, GlobPattern, Hover, HoverContents,
    HoverParams, HoverProviderCapability, InitializeParams, InitializeResult, MarkupContent,
    MarkupKind, MessageType, OneOf, PositionEncodingKind, PublishDiagnosticsParams, Registration,
    RegistrationParams, ResourceOperationKind, SaveOptions, ServerCapabilities, ServerInfo,
    ShowMessageParams, TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, Uri, WorkspaceFoldersServerCapabilities,
    WorkspaceServerCapabilities,
};

use super::actions::{self, NewConfig};
use super::convert;
use super::document::Document;
use super::incremental::Incremental;
use super::position::{Encoding, Positions};
use super::transport;
use super::uri;
use crate::config::{Config, ConfigError, Settings};
use crate::diagnostic::Diagnostic;
use crate::format::FileKind;
use crate::linter::{Linter, Policy};
use crate::workspace::{Choice, Resolver, SetupError};

/// The pause after a change before linting: keystrokes typed within it are linted once.
pub const DEBOUNCE: Duration = Duration::from_millis(15);

type Failure = Box<dyn std::error::Error + Send + Sync>;

/// What lints a document: its linter and policy, from its configuration.
#[derive(Clone)]
struct Setup {
    linter: Arc<Linter>,
    policy: Arc<Policy>,
    config: Option<Arc<Config>>,
    /// Walking would skip the file (`exclude` in its configuration): nothing is reported.
    excluded: bool,
}

/// A lint the worker is asked for.
struct Job {
    uri: Uri,
    generation: u64,
    version: i32,
    /// Walking would skip the file: the worker publishes nothing for it.
    excluded: bool,
    text: Arc<String>,
    kind: FileKind,
    linter: Arc<Linter>,
    policy: Arc<Policy>,
}

enum Work {
    Lint(Job),
    /// The document was closed: its chunks are dropped.
    Forget(Uri),
}

/// A lint the worker did.
struct Linted {
    uri: Uri,
    generation: u64,
    text: Arc<String>,
    diagnostics: Arc<Vec<Diagnostic>>,
    /// The `publishDiagnostics` notification, as JSON text.
    notification: String,
}

struct Open {
    document: Document,
    setup: Setup,
    /// Generation of the latest scheduled lint.
    generation: u64,
    /// The latest published result.
    linted: Option<Linted>,
}

struct Server<'c> {
    connection: &'c Connection,
    /// Ready JSON messages: every `publishDiagnostics`, in the order sent.
    raw: Sender<String>,
    encoding: Encoding,
    base: Arc<Linter>,
    resolver: Resolver,
    documents: HashMap<Uri, Open>,
    /// Lints due, by when.
    due: HashMap<Uri, Instant>,
    generation: u64,
    work: Sender<Work>,
    folders: Vec<PathBuf>,
    can_create_files: bool,
    watching: bool,
    /// Configuration files whose errors are published, and messages already shown.
    broken_configs: HashSet<Uri>,
    shown: HashSet<String>,
    next_request: i32,
}

/// Serves the client on standard input and output until it asks to exit. `Ok(true)` when it
/// asked for `shutdown` first, as the protocol wants (exit code 0), `Ok(false)` when not (1).
pub fn run(linter: Arc<Linter>, extra: Vec<PathBuf>) -> Result<bool, Failure> {
    let (connection, raw, threads) = transport::stdio();
    let clean = serve(&connection, raw, linter, extra)?;
    drop(connection);
    threads.join()?;
    Ok(clean)
}

/// Serves one client on `connection` until it asks to exit: `true` when it shut the server down
/// first (exit code 0), `false` otherwise (exit code 1).
pub fn serve(
    connection: &Connection,
    raw: Sender<String>,
    base: Arc<Linter>,
    extra: Vec<PathBuf>,
) -> Result<bool, Failure> {
    let (id, params) = connection.initialize_start()?;
    let params: InitializeParams = serde_json::from_value(params)?;
    let encoding = negotiate(&params);
    let capabilities = ServerCapabilities {
        position_encoding: Some(match encoding {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                    include_text: Some(false),
                })),
                ..TextDocumentSyncOptions::default()
            },
        )),
        code_action_provider: Some(CodeActionProviderCapability::Options(
            lsp_types::CodeActionOptions {
                code_action_kinds: Some(vec![
                    lsp_types::CodeActionKind::QUICKFIX,
                    actions::fix_all_kind(),
                ]),
                ..lsp_types::CodeActionOptions::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        workspace: Some(WorkspaceServerCapabilities {
            workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                supported: Some(true),
                change_notifications: Some(OneOf::Left(true)),
            }),
            file_operations: None,
        }),
        ..ServerCapabilities::default()
    };
    let result = InitializeResult {
        capabilities,
        server_info: Some(ServerInfo {
            name: "anglint".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        }),
    };
    connection.initialize_finish(id, serde_json::to_value(result)?)?;

    let mut folders: Vec<PathBuf> = params
        .workspace_folders
        .iter()
        .flatten()
        .filter_map(|folder| uri::to_path(&folder.uri))
        .collect();
    #[allow(deprecated)]
    if folders.is_empty()
        && let Some(root) = params.root_uri.as_ref().and_then(uri::to_path)
    {
        folders.push(root);
    }
    let workspace = params.capabilities.workspace.as_ref();
    let can_create_files = workspace
        .and_then(|workspace| workspace.workspace_edit.as_ref())
        .and_then(|edit| edit.resource_operations.as_ref())
        .is_some_and(|operations| operations.contains(&ResourceOperationKind::Create));
    let can_watch = workspace
        .and_then(|workspace| workspace.did_change_watched_files)
        .and_then(|watched| watched.dynamic_registration)
        .unwrap_or(false);

    let (work, jobs) = crossbeam_channel::unbounded();
    let (done, results) = crossbeam_channel::unbounded();
    let worker = std::thread::Builder::new()
        .name("anglint-lint".into())
        .spawn(move || lint_worker(&jobs, &done, encoding))?;
    let mut server = Server {
        connection,
        raw,
        encoding,
        base: Arc::clone(&base),
        resolver: Resolver::new(base, extra, Choice::Nearest),
        documents: HashMap::new(),
        due: HashMap::new(),
        generation: 0,
        work,
        folders,
        can_create_files,
        watching: false,
        broken_configs: HashSet::new(),
        shown: HashSet::new(),
        next_request: 0,
    };
    if can_watch {
        server.watch_configurations()?;
    }
    let outcome = server.run(&results);
    drop(server);
    let _ = worker.join();
    outcome
}

/// UTF-8 when the client offers it, else UTF-16, which every client speaks.
fn negotiate(params: &InitializeParams) -> Encoding {
    let offered = params
        .capabilities
        .general
        .as_ref()
        .and_then(|general| general.position_encodings.as_ref());
    if offered.is_some_and(|encodings| encodings.contains(&PositionEncodingKind::UTF8)) {
        Encoding::Utf8
    } else {
        Encoding::Utf16
    }
}

/// The worker: lints the latest job of each document, skipping those superseded while it was
/// busy, and keeps each document's chunks for the next change.
fn lint_worker(jobs: &Receiver<Work>, done: &Sender<Linted>, encoding: Encoding) {
    let mut chunks: HashMap<Uri, (Incremental, Arc<Policy>, Arc<Linter>)> = HashMap::new();
    while let Ok(first) = jobs.recv() {
        let mut batch = vec![first];
        batch.extend(jobs.try_iter());
        // Latest text wins: of several jobs for one document only the last is linted.
        let mut latest: HashMap<Uri, usize> = HashMap::new();
        for (position, work) in batch.iter().enumerate() {
            match work {
                Work::Lint(job) => {
                    latest.insert(job.uri.clone(), position);
                }
                Work::Forget(uri) => {
                    latest.remove(uri);
                }
            }
        }
        for (position, work) in batch.into_iter().enumerate() {
            let job = match work {
                Work::Forget(uri) => {
                    chunks.remove(&uri);
                    continue;
                }
                Work::Lint(job) if latest.get(&job.uri) == Some(&position) => job,
                Work::Lint(_) => continue,
            };
            let entry = chunks.entry(job.uri.clone()).or_insert_with(|| {
                (
                    Incremental::default(),
                    Arc::clone(&job.policy),
                    Arc::clone(&job.linter),
                )
            });
            // Another configuration: the chunks of the old one are worth nothing.
            if !Arc::ptr_eq(&entry.1, &job.policy) || !Arc::ptr_eq(&entry.2, &job.linter) {
                entry.0.clear();
                entry.1 = Arc::clone(&job.policy);
                entry.2 = Arc::clone(&job.linter);
            }
            let diagnostics = entry.0.lint(&job.linter, &job.policy, &job.text, job.kind);
            // Converted and serialized here too: the main loop only decides whether to send.
            let shown = if job.excluded {
                Vec::new()
            } else {
                let mut positions = Positions::new(&job.text, encoding);
                diagnostics
                    .iter()
                    .map(|found| convert::diagnostic(&job.uri, &job.text, &mut positions, found))
                    .collect()
            };
            let notification = transport::notification(
                PublishDiagnostics::METHOD,
                &PublishDiagnosticsParams {
                    uri: job.uri.clone(),
                    diagnostics: shown,
                    version: Some(job.version),
                },
            );
            let linted = Linted {
                uri: job.uri,
                generation: job.generation,
                text: job.text,
                diagnostics: Arc::new(diagnostics),
                notification,
            };
            if done.send(linted).is_err() {
                return;
            }
        }
    }
}

impl Server<'_> {
    /// Serves until `exit`: `true` when `shutdown` came first, as the protocol asks.
    fn run(&mut self, results: &Receiver<Linted>) -> Result<bool, Failure> {
        loop {
            let now = Instant::now();
            let wait = self
                .due
                .values()
                .min()
                .map(|when| when.saturating_duration_since(now));
            let timeout = wait.unwrap_or(Duration::from_secs(3600));
            select! {
                recv(self.connection.receiver) -> message => {
                    // The client went away without a word.
                    let Ok(message) = message else { return Ok(false) };
                    match message {
                        Message::Request(request) => {
                            if self.connection.handle_shutdown(&request)? {
                                return Ok(true);
                            }
                            self.request(request)?;
                        }
                        Message::Notification(notification) => {
                            if notification.method == "exit" {
                                return Ok(false);
                            }
                            self.notification(notification)?;
                        }
                        Message::Response(_) => {}
                    }
                }
                recv(results) -> linted => {
                    if let Ok(linted) = linted {
                        self.publish(linted)?;
                    }
                }
                default(timeout) => {}
            }
            self.dispatch_due();
        }
    }

    fn send(&self, message: impl Into<Message>) -> Result<(), Failure> {
        self.connection.sender.send(message.into())?;
        Ok(())
    }

    /// Publishes diagnostics through the same ordered stream as the worker's results.
    fn publish_params(&self, params: PublishDiagnosticsParams) -> Result<(), Failure> {
        self.raw
            .send(transport::notification(PublishDiagnostics::METHOD, &params))?;
        Ok(())
    }

    fn notify<N: lsp_types::notification::Notification>(
        &self,
        params: N::Params,
    ) -> Result<(), Failure> {
        self.send(Notification::new(N::METHOD.to_string(), params))
    }

    /// Shows an error once per distinct message.
    fn show_error(&mut self, message: String) -> Result<(), Failure> {
        if !self.shown.insert(message.clone()) {
            return Ok(());
        }
        self.notify::<ShowMessage>(ShowMessageParams {
            typ: MessageType::ERROR,
            message: format!("anglint: {message}"),
        })
    }

    fn watch_configurations(&mut self) -> Result<(), Failure> {
        let watchers = ["**/anglint.toml", "**/.anglint.toml", "**/*.toml"]
            .iter()
            .map(|glob| FileSystemWatcher {
                glob_pattern: GlobPattern::String(glob.to_string()),
                kind: None,
            })
            .collect();
        let options = DidChangeWatchedFilesRegistrationOptions { watchers };
        let params = RegistrationParams {
            registrations: vec![Registration {
                id: "anglint-configuration".into(),
                method: DidChangeWatchedFiles::METHOD.into(),
                register_options: Some(serde_json::to_value(options)?),
            }],
        };
        self.next_request += 1;
        let id = RequestId::from(format!("anglint-{}", self.next_request));
        self.send(Request::new(id, RegisterCapability::METHOD.into(), params))?;
        self.watching = true;
        Ok(())
    }

    fn request(&mut self, request: Request) -> Result<(), Failure> {
        let id = request.id.clone();
        let response = match request.method.as_str() {
            CodeActionRequest::METHOD => {
                let params: CodeActionParams = match serde_json::from_value(request.params) {
                    Ok(params) => params,
                    Err(error) => return self.invalid(id, error),
                };
                Response::new_ok(id, self.code_actions(params))
            }
            HoverRequest::METHOD => {
                let params: HoverParams = match serde_json::from_value(request.params) {
                    Ok(params) => params,
                    Err(error) => return self.invalid(id, error),
                };
                Response::new_ok(id, self.hover(params))
            }
            _ => Response::new_err(
                id,
                ErrorCode::MethodNotFound as i32,
                format!("anglint не знает метода {}", request.method),
            ),
        };
        self.send(response)
    }

    fn invalid(&self, id: RequestId, error: serde_json::Error) -> Result<(), Failure> {
        self.send(Response::new_err(
            id,
            ErrorCode::InvalidParams as i32,
            format!("неверные параметры: {error}"),
        ))
    }

    /// Notifications with parameters that do not parse are ignored: the protocol has no way
    /// to answer them.
    fn notification(&mut self, notification: Notification) -> Result<(), Failure> {
        match notification.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let Some(params) = params::<DidOpenTextDocument>(notification.params) else {
                    return Ok(());
                };
                let item = params.text_document;
                let Some(document) =
                    Document::open(item.uri, &item.language_id, item.version, item.text)
                else {
                    return Ok(());
                };
                let setup = self.setup(document.path.as_deref())?;
                let uri = document.uri.clone();
                self.documents.insert(
                    uri.clone(),
                    Open {
                        document,
                        setup,
                        generation: 0,
                        linted: None,
                    },
                );
                // A document just opened is linted at once.
                self.due.insert(uri, Instant::now());
            }
            DidChangeTextDocument::METHOD => {
                let Some(params) = params::<DidChangeTextDocument>(notification.params) else {
                    return Ok(());
                };
                let uri = params.text_document.uri;
                if let Some(open) = self.documents.get_mut(&uri) {
                    open.document.change(
                        params.text_document.version,
                        params.content_changes,
                        self.encoding,
                    );
                    // Anything scheduled or linting now is stale from here on.
                    self.generation += 1;
                    open.generation = self.generation;
                    self.due.insert(uri, Instant::now() + DEBOUNCE);
                }
            }
            DidCloseTextDocument::METHOD => {
                let Some(params) = params::<DidCloseTextDocument>(notification.params) else {
                    return Ok(());
                };
                let uri = params.text_document.uri;
                if self.documents.remove(&uri).is_some() {
                    self.due.remove(&uri);
                    let _ = self.work.send(Work::Forget(uri.clone()));
                    self.publish_params(PublishDiagnosticsParams {
                        uri,
                        diagnostics: Vec::new(),
                        version: None,
                    })?;
                }
            }
            DidSaveTextDocument::METHOD => {
                let Some(params) = params::<DidSaveTextDocument>(notification.params) else {
                    return Ok(());
                };
                // Without file watching, saving a configuration in the editor reloads it.
                let path = uri::to_path(&params.text_document.uri);
                if !self.watching
                    || path.is_some_and(|path| {
                        path.extension()
                            .is_some_and(|extension| extension == "toml")
                    })
                {
                    self.reload()?;
                }
            }
            DidChangeWatchedFiles::METHOD => {
                let Some(params) = params::<DidChangeWatchedFiles>(notification.params) else {
                    return Ok(());
                };
                if !params.changes.is_empty() {
                    self.reload()?;
                }
            }
            DidChangeWorkspaceFolders::METHOD => {
                let Some(params) = params::<DidChangeWorkspaceFolders>(notification.params) else {
                    return Ok(());
                };
                let removed: Vec<PathBuf> = params
                    .event
                    .removed
                    .iter()
                    .filter_map(|folder| uri::to_path(&folder.uri))
                    .collect();
                self.folders.retain(|folder| !removed.contains(folder));
                self.folders.extend(
                    params
                        .event
                        .added
                        .iter()
                        .filter_map(|folder| uri::to_path(&folder.uri)),
                );
            }
            _ => {}
        }
        Ok(())
    }

    /// Configurations or dictionaries changed on disk: everything is read again and every open
    /// document linted again.
    fn reload(&mut self) -> Result<(), Failure> {
        self.resolver.forget();
        self.shown.clear();
        let previously_broken = std::mem::take(&mut self.broken_configs);
        let uris: Vec<Uri> = self.documents.keys().cloned().collect();
        for uri in uris {
            let path = self.documents[&uri].document.path.clone();
            let setup = self.setup(path.as_deref())?;
            if let Some(open) = self.documents.get_mut(&uri) {
                open.setup = setup;
                self.generation += 1;
                open.generation = self.generation;
            }
            self.due.insert(uri, Instant::now());
        }
        // Configurations fixed since: their errors are cleared.
        for uri in previously_broken.difference(&self.broken_configs.clone()) {
            self.publish_params(PublishDiagnosticsParams {
                uri: uri.clone(),
                diagnostics: Vec::new(),
                version: None,
            })?;
        }
        Ok(())
    }

    /// The linter and policy of a document from its nearest configuration. A broken
    /// configuration is shown (with its place) and the document is linted with the defaults.
    fn setup(&mut self, path: Option<&Path>) -> Result<Setup, Failure> {
        let defaults = Setup {
            linter: Arc::clone(&self.base),
            policy: Arc::new(Policy::default()),
            config: None,
            excluded: false,
        };
        let Some(path) = path else {
            return Ok(defaults);
        };
        match self.resolver.setup(path, &Settings::default()) {
            Ok(setup) => Ok(Setup {
                linter: setup.linter,
                policy: Arc::new(setup.policy),
                config: setup.config,
                excluded: setup.excluded,
            }),
            Err(SetupError::Config(error)) => {
                self.config_error(&error)?;
                Ok(defaults)
            }
            Err(error) => {
                self.show_error(error.to_string())?;
                Ok(defaults)
            }
        }
    }

    /// A configuration that does not load: a message, and a diagnostic at its place in it.
    fn config_error(&mut self, error: &ConfigError) -> Result<(), Failure> {
        self.show_error(error.to_string())?;
        let path = Path::new(&error.location.file);
        let Some(uri) = std::fs::canonicalize(path)
            .ok()
            .and_then(|path| uri::from_path(&path))
        else {
            return Ok(());
        };
        let source = std::fs::read_to_string(path).unwrap_or_default();
        let index = crate::lines::LineIndex::new(&source);
        let line = error.location.line.clamp(1, index.line_count());
        let start = index.line_start(line);
        let offset = source[index.line_range(&source, line)]
            .char_indices()
            .nth(error.location.column.saturating_sub(1))
            .map_or(index.line_range(&source, line).end, |(at, _)| start + at);
        let mut positions = Positions::new(&source, self.encoding);
        let position = positions.position(offset);
        self.broken_configs.insert(uri.clone());
        self.publish_params(PublishDiagnosticsParams {
            uri,
            diagnostics: vec![lsp_types::Diagnostic {
                range: lsp_types::Range::new(position, position),
                severity: Some(lsp_types::DiagnosticSeverity::ERROR),
                source: Some(convert::SOURCE.into()),
                message: error.message.clone(),
                ..lsp_types::Diagnostic::default()
            }],
            version: None,
        })
    }

    /// Sends the lints that are due to the worker.
    fn dispatch_due(&mut self) {
        let now = Instant::now();
        let due: Vec<Uri> = self
            .due
            .iter()
            .filter(|(_, when)| **when <= now)
            .map(|(uri, _)| uri.clone())
            .collect();
        for uri in due {
            self.due.remove(&uri);
            let Some(open) = self.documents.get_mut(&uri) else {
                continue;
            };
            if open.generation == 0 {
                self.generation += 1;
                open.generation = self.generation;
            }
            let job = Job {
                uri,
                generation: open.generation,
                version: open.document.version,
                excluded: open.setup.excluded,
                text: Arc::clone(&open.document.text),
                kind: open.document.kind,
                linter: Arc::clone(&open.setup.linter),
                policy: Arc::clone(&open.setup.policy),
            };
            let _ = self.work.send(Work::Lint(job));
        }
    }

    /// Publishes a result when it is the latest for a document still open.
    fn publish(&mut self, mut linted: Linted) -> Result<(), Failure> {
        let Some(open) = self.documents.get_mut(&linted.uri) else {
            return Ok(());
        };
        if open.generation != linted.generation || !Arc::ptr_eq(&open.document.text, &linted.text) {
            return Ok(());
        }
        self.raw.send(std::mem::take(&mut linted.notification))?;
        open.linted = Some(linted);
        Ok(())
    }

    /// The diagnostics of the document's current text: the published ones when current, else
    /// linted now.
    fn current(&self, uri: &Uri) -> Option<(Arc<String>, Arc<Vec<Diagnostic>>)> {
        let open = self.documents.get(uri)?;
        if open.setup.excluded {
            return Some((Arc::clone(&open.document.text), Arc::new(Vec::new())));
        }
        if let Some(linted) = &open.linted
            && linted.generation == open.generation
            && Arc::ptr_eq(&linted.text, &open.document.text)
        {
            return Some((Arc::clone(&linted.text), Arc::clone(&linted.diagnostics)));
        }
        let text = Arc::clone(&open.document.text);
        let diagnostics =
            open.setup
                .linter
                .lint_with(&text, open.document.kind, &open.setup.policy);
        Some((text, Arc::new(diagnostics)))
    }

    fn code_actions(&mut self, params: CodeActionParams) -> CodeActionResponse {
        let uri = params.text_document.uri;
        let Some((text, diagnostics)) = self.current(&uri) else {
            return Vec::new();
        };
        let open = &self.documents[&uri];
        let (kind, setup) = (open.document.kind, open.setup.clone());
        let encoding = self.encoding;
        let wanted = |kind: &lsp_types::CodeActionKind| {
            params.context.only.as_ref().is_none_or(|only| {
                only.iter().any(|prefix| {
                    kind.as_str() == prefix.as_str()
                        || kind.as_str().starts_with(&format!("{}.", prefix.as_str()))
                })
            })
        };
        let mut out: Vec<CodeActionOrCommand> = Vec::new();
        if wanted(&lsp_types::CodeActionKind::QUICKFIX) {
            let requested = Positions::new(&text, encoding).span(params.range);
            let config_text = setup.config.as_ref().and_then(|config| {
                std::fs::read_to_string(&config.path)
                    .ok()
                    .map(|source| (config.path.clone(), source))
            });
            let path = open.document.path.clone();
            let directory = path.as_deref().and_then(|path| {
                self.folders
                    .iter()
                    .filter(|folder| path.starts_with(folder))
                    .max_by_key(|folder| folder.as_os_str().len())
                    .map(PathBuf::as_path)
                    .or_else(|| path.parent())
            });
            let mut positions = Positions::new(&text, encoding);
            for found in diagnostics.iter().filter(|found| {
                found.span.start <= requested.end && requested.start <= found.span.end
            }) {
                let shown = convert::diagnostic(&uri, &text, &mut positions, found);
                out.extend(
                    actions::replacements(&uri, &text, encoding, found, &shown)
                        .into_iter()
                        .map(CodeActionOrCommand::CodeAction),
                );
                if let Some(directory) = directory
                    && let Some(action) = actions::allow_word(
                        found,
                        config_text
                            .as_ref()
                            .map(|(path, source)| (path.as_path(), source.as_str())),
                        NewConfig {
                            directory,
                            can_create: self.can_create_files,
                        },
                        encoding,
                        &shown,
                    )
                {
                    out.push(CodeActionOrCommand::CodeAction(action));
                }
                if let Some(action) =
                    actions::ignore_line(&uri, &text, kind, encoding, found, &shown)
                {
                    out.push(CodeActionOrCommand::CodeAction(action));
                }
            }
        }
        if wanted(&actions::fix_all_kind())
            && let Some(action) =
                actions::fix_all(&uri, &text, kind, encoding, &setup.linter, &setup.policy)
        {
            out.push(CodeActionOrCommand::CodeAction(action));
        }
        out
    }

    fn hover(&mut self, params: HoverParams) -> Option<Hover> {
        let uri = params.text_document_position_params.text_document.uri;
        let (text, diagnostics) = self.current(&uri)?;
        let mut positions = Positions::new(&text, self.encoding);
        let offset = positions.offset(params.text_document_position_params.position);
        let found = diagnostics
            .iter()
            .find(|found| found.span.start <= offset && offset < found.span.end)
            .or_else(|| diagnostics.iter().find(|found| found.span.end == offset))?;
        let linter = &self.documents.get(&uri)?.setup.linter;
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: crate::explain::finding(linter, found),
            }),
            range: Some(positions.range(found.span.clone())),
        })
    }
}

/// The parameters of notification `N`, when they parse.
fn params<N: lsp_types::notification::Notification>(value: serde_json::Value) -> Option<N::Params> {
    serde_json::from_value(value).ok()
}
