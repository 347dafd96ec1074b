//! `--dict DIR`: users extend the gazetteer and the patterns with their own files, and a
//! mistake in them is reported with its file and line before any work starts.

use std::process::Command;

fn dir(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("fulcrum-dict-{name}-{}", std::process::id()));
    std::fs::create_dir_all(d.join("actors")).unwrap();
    std::fs::create_dir_all(d.join("patterns")).unwrap();
    d
}

#[test]
fn user_people_and_patterns_are_used() {
    let d = dir("ok");
    std::fs::write(
        d.join("actors/people.toml"),
        "[[person]]\nname = \"Zorya Quellmark\"\nsurname = \"Quellmark\"\ncountry = \"EST\"\nroles = [{ title = \"Foreign Minister\", sector = \"GOV\", from = \"2020-01-01\", to = \"\" }]\n",
    )
    .unwrap();
    std::fs::write(d.join("patterns/extra.toml"), "plover = \"CONSULT\"\n\n[[pattern]]\nid = \"user.parley\"\ncameo = \"040\"\nverb = \"parley with {target}\"\n").unwrap();
    let text = d.join("story.txt");
    std::fs::write(&text, "Zorya Quellmark parleyed with Finland on Monday.").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_fulcrum"))
        .arg("code")
        .arg("--dict")
        .arg(&d)
        .arg("--published")
        .arg("2021-05-01")
        .arg(&text)
        .output()
        .unwrap();
    std::fs::remove_dir_all(&d).ok();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value =
        serde_json::from_str(stdout.lines().next().expect("one event")).unwrap();
    assert_eq!(v["source"]["code"], "EST");
    assert_eq!(v["target"]["code"], "FIN");
    assert_eq!(v["rule"], "user.parley");
}

#[test]
fn a_broken_user_file_is_named_with_its_line() {
    let d = dir("bad");
    std::fs::write(d.join("patterns/broken.toml"), "plover = \"CONSULT\"\n\n[[pattern]]\nid = \"user.x\"\ncameo = \"9999\"\nverb = \"parley\"\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_fulcrum"))
        .arg("code")
        .arg("--dict")
        .arg(&d)
        .arg("-")
        .output()
        .unwrap();
    std::fs::remove_dir_all(&d).ok();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("broken.toml:3") && stderr.contains("9999"),
        "{stderr}"
    );
}
