//! Memory grows with the largest file, not with the tree: a report keeps the findings, not the
//! texts. Its own test binary, so that the peak memory of its children is its alone.

mod common;

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};

/// Peak resident memory (KiB) of all children waited for so far.
fn children_peak_kib() -> i64 {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage fills the struct it is given; RUSAGE_CHILDREN is a valid target.
    let status = unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, usage.as_mut_ptr()) };
    assert_eq!(status, 0);
    // SAFETY: getrusage succeeded, so the struct is initialised.
    unsafe { usage.assume_init() }.ru_maxrss
}

fn run(dir: &Path, path: &str) {
    let status = Command::new(env!("CARGO_BIN_EXE_anglint"))
        // Two threads everywhere: the files in flight are part of the peak.
        .args(["check", "--threads", "2", "--format", "json", path])
        .current_dir(dir)
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(1));
}

#[test]
fn memory_follows_the_largest_file_not_the_tree() {
    let dir = tempfile::tempdir().unwrap();
    let paragraph = "Команда подготовила новую версию и проверила её на стенде; все задачи закрыты, \
        документация обновлена, а в пятницу обсудим фичу.\n\n";
    let file = paragraph.repeat(1_000_000 / paragraph.len());
    fs::create_dir(dir.path().join("tree")).unwrap();
    for i in 0..48 {
        fs::write(dir.path().join(format!("tree/{i:02}.md")), &file).unwrap();
    }
    fs::write(dir.path().join("one.md"), &file).unwrap();
    run(dir.path(), "one.md");
    let one = children_peak_kib();
    run(dir.path(), "tree");
    let tree = children_peak_kib();
    // 48 MB of text in the tree; holding it would add at least that much.
    assert!(
        tree < one + 24 * 1024,
        "one file: {one} KiB, the tree of 48 such files: {tree} KiB"
    );
}
