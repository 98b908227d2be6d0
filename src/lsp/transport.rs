//! Standard input and output as an `lsp_server::Connection`, plus a way to send a message that
//! is already JSON. `lsp-server` turns every outgoing message into a `serde_json::Value` tree
//! first; for the diagnostics of a large document that tree costs more than linting the changed
//! paragraph, so the worker serializes `publishDiagnostics` straight to text and the writer
//! thread sends it as it is. Framing is the protocol's: `Content-Length`, a blank line, JSON.

use std::io::{self, Write};
use std::thread::JoinHandle;

use crossbeam_channel::{Receiver, Sender, select, unbounded};
use lsp_server::{Connection, Message};

/// The reader and writer threads.
pub struct Threads {
    reader: JoinHandle<io::Result<()>>,
    writer: JoinHandle<io::Result<()>>,
}

impl Threads {
    /// Waits for both threads; the first error is returned.
    pub fn join(self) -> io::Result<()> {
        let reader = self
            .reader
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("the reader thread panicked")));
        let writer = self
            .writer
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("the writer thread panicked")));
        reader.and(writer)
    }
}

/// The connection over stdio and the sender of ready JSON message bodies.
pub fn stdio() -> (Connection, Sender<String>, Threads) {
    let (to_writer, messages) = unbounded::<Message>();
    let (raw_sender, raw) = unbounded::<String>();
    let writer = std::thread::Builder::new()
        .name("anglint-lsp-writer".into())
        .spawn(move || write_all(&messages, &raw))
        .expect("a thread starts");
    let (from_reader, incoming) = unbounded::<Message>();
    let reader = std::thread::Builder::new()
        .name("anglint-lsp-reader".into())
        .spawn(move || {
            let stdin = io::stdin();
            let mut stdin = stdin.lock();
            while let Some(message) = Message::read(&mut stdin)? {
                let exit = matches!(&message, Message::Notification(n) if n.method == "exit");
                if from_reader.send(message).is_err() || exit {
                    break;
                }
            }
            Ok(())
        })
        .expect("a thread starts");
    let connection = Connection {
        sender: to_writer,
        receiver: incoming,
    };
    (connection, raw_sender, Threads { reader, writer })
}

/// Writes messages as they come, until both senders are gone.
fn write_all(messages: &Receiver<Message>, raw: &Receiver<String>) -> io::Result<()> {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let (mut messages_open, mut raw_open) = (true, true);
    while messages_open || raw_open {
        let never_message = crossbeam_channel::never();
        let never_raw = crossbeam_channel::never();
        select! {
            recv(if messages_open { messages } else { &never_message }) -> message => match message {
                Ok(message) => message.write(&mut out)?,
                Err(_) => messages_open = false,
            },
            recv(if raw_open { raw } else { &never_raw }) -> body => match body {
                Ok(body) => {
                    write!(out, "Content-Length: {}\r\n\r\n", body.len())?;
                    out.write_all(body.as_bytes())?;
                    out.flush()?;
                }
                Err(_) => raw_open = false,
            },
        }
    }
    Ok(())
}

/// The JSON text of a notification.
pub fn notification<P: serde::Serialize>(method: &str, params: &P) -> String {
    #[derive(serde::Serialize)]
    struct Body<'a, P> {
        jsonrpc: &'static str,
        method: &'a str,
        params: &'a P,
    }
    serde_json::to_string(&Body {
        jsonrpc: "2.0",
        method,
        params,
    })
    .expect("LSP types serialize")
}
