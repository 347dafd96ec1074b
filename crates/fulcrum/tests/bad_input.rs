//! Bad input never stops a run: each bad file is named on stderr, the others are still coded,
//! and the exit status says that something failed.

use std::process::Command;

fn write(dir: &std::path::Path, name: &str, bytes: &[u8]) {
    std::fs::write(dir.join(name), bytes).unwrap();
}

#[test]
fn bad_files_are_reported_and_the_rest_is_coded() {
    let dir = std::env::temp_dir().join(format!("fulcrum-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    write(&dir, "a-empty.txt", b"");
    write(
        &dir,
        "b-binary.txt",
        &[0u8, 1, 2, 0, 0, 0, 255, 254, 0, 0, 7, 0, 0, 0, 0, 0],
    );
    write(
        &dir,
        "c-invalid-utf8.txt",
        b"Russia seized three Ukrainian ships \xff\xfe near Crimea on Sunday.",
    );
    let deep = format!(
        "{}Russia seized three Ukrainian ships.{}",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    write(&dir, "d-deep.html", deep.as_bytes());
    let long = format!(
        "{} Russia seized three Ukrainian ships.",
        "word ".repeat(10_000)
    );
    write(&dir, "e-long-sentence.txt", long.as_bytes());
    write(
        &dir,
        "f-good.txt",
        "Russian forces seized three Ukrainian navy ships near Crimea on Sunday.".as_bytes(),
    );
    let out = Command::new(env!("CARGO_BIN_EXE_fulcrum"))
        .arg("code")
        .arg(&dir)
        .output()
        .expect("fulcrum runs");
    std::fs::remove_dir_all(&dir).ok();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(1),
        "exit status 1 when some input failed; stderr: {stderr}"
    );
    assert!(
        stderr.contains("a-empty.txt") && stderr.contains("empty"),
        "{stderr}"
    );
    assert!(
        stderr.contains("b-binary.txt") && stderr.contains("binary"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    // The good file and the decodable bad ones are still coded.
    assert!(stdout.contains("f-good.txt"), "{stdout}");
    assert!(stdout.contains("c-invalid-utf8.txt"), "{stdout}");
    for line in stdout.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("each line is JSON");
        assert_eq!(v["plover"], "COERCE", "{line}");
    }
}

#[test]
fn over_the_size_limit_is_skipped_with_the_limit_named() {
    let dir = std::env::temp_dir().join(format!("fulcrum-big-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    write(&dir, "big.txt", &vec![b'a'; 2048]);
    let out = Command::new(env!("CARGO_BIN_EXE_fulcrum"))
        .arg("code")
        .arg("--max-bytes")
        .arg("1000")
        .arg(dir.join("big.txt"))
        .output()
        .unwrap();
    std::fs::remove_dir_all(&dir).ok();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr.contains("big.txt: skipped: 2048 bytes is over --max-doc-bytes 1000 bytes"),
        "{stderr}"
    );
}

#[test]
fn usage_errors_say_what_to_do() {
    let out = Command::new(env!("CARGO_BIN_EXE_fulcrum"))
        .args(["code", "--published", "May 1", "x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("YYYY-MM-DD"));
}

#[test]
fn output_is_the_same_whatever_the_thread_count() {
    let examples = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples");
    let run = |n: &str| {
        Command::new(env!("CARGO_BIN_EXE_fulcrum"))
            .args(["code", "--threads", n, examples])
            .output()
            .unwrap()
            .stdout
    };
    let one = run("1");
    assert!(!one.is_empty(), "the examples yield events");
    assert_eq!(one, run("2"));
}
