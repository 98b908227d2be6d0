//! `file:` URIs ↔ paths. Documents arrive as URIs; configurations are found on disk by path.
//! Only `file:` URIs have paths: other documents (unsaved buffers) are linted with the defaults.

use std::path::{Path, PathBuf};

use lsp_types::Uri;

/// The path of a `file:` URI, percent-decoded; `None` for other schemes or a bad encoding.
pub fn to_path(uri: &Uri) -> Option<PathBuf> {
    let text = uri.as_str();
    let rest = text.strip_prefix("file://")?;
    // An authority other than empty or `localhost` names another machine.
    let path = if let Some(path) = rest.strip_prefix("localhost/") {
        format!("/{path}")
    } else if rest.starts_with('/') {
        rest.to_string()
    } else {
        return None;
    };
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let decoded = decode(path)?;
    // Windows: `file:///C:/dir` is `C:/dir`.
    if cfg!(windows) && decoded.len() > 2 && decoded.as_bytes()[2] == b':' {
        return Some(PathBuf::from(&decoded[1..]));
    }
    Some(PathBuf::from(decoded))
}

/// The `file:` URI of an absolute path, with everything but unreserved characters and `/`
/// percent-encoded.
pub fn from_path(path: &Path) -> Option<Uri> {
    let text = path.to_str()?;
    let text = text.replace('\\', "/");
    let mut encoded = String::from("file://");
    if !text.starts_with('/') {
        encoded.push('/');
    }
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                encoded.push(byte as char)
            }
            b':' if cfg!(windows) => encoded.push(':'),
            _ => encoded.push_str(&format!("%{byte:02X}")),
        }
    }
    encoded.parse().ok()
}

fn decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_with_cyrillic_and_spaces_round_trip() {
        let path = Path::new("/home/команда/мои документы/фича #1.md");
        let uri = from_path(path).unwrap();
        assert!(
            uri.as_str().starts_with("file:///home/%D0%BA"),
            "{}",
            uri.as_str()
        );
        assert_eq!(to_path(&uri).unwrap(), path);
    }

    #[test]
    fn other_schemes_have_no_path() {
        let uri: Uri = "untitled:Untitled-1".parse().unwrap();
        assert_eq!(to_path(&uri), None);
        let uri: Uri = "file://server/share/a.md".parse().unwrap();
        assert_eq!(to_path(&uri), None);
        let uri: Uri = "file://localhost/tmp/a%20b.md".parse().unwrap();
        assert_eq!(to_path(&uri).unwrap(), Path::new("/tmp/a b.md"));
        // VS Code encodes the colon of a drive and more than it must.
        let uri: Uri = "file:///tmp/%D1%84%D0%B8%D1%87%D0%B0.md".parse().unwrap();
        assert_eq!(to_path(&uri).unwrap(), Path::new("/tmp/фича.md"));
    }
}
