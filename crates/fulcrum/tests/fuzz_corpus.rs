//! Replays every committed fuzz corpus file (`fuzz/corpus/<target>/`) through the entry point
//! its target calls, so that CI checks the corpora without cargo-fuzz. A file that panics is
//! named in the failure.

use std::path::Path;

fn replay(target: &str) {
    let entry = fulcrum_fuzzing::TARGETS
        .iter()
        .find(|(name, _)| *name == target)
        .map(|(_, f)| *f)
        .expect("a known target");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fuzz/corpus")
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{}: no corpus committed", dir.display());
    let mut failed = Vec::new();
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        if std::panic::catch_unwind(|| entry(&bytes)).is_err() {
            failed.push(f.display().to_string());
        }
    }
    assert!(
        failed.is_empty(),
        "{target}: these inputs fail:\n{}",
        failed.join("\n")
    );
}

macro_rules! replay_tests {
    ($($name:ident),*) => {
        $(
            #[test]
            fn $name() {
                replay(stringify!($name));
            }
        )*

        #[test]
        fn every_target_has_a_replay_test() {
            let mut ours = vec![$(stringify!($name)),*];
            let mut all: Vec<&str> = fulcrum_fuzzing::TARGETS.iter().map(|(n, _)| *n).collect();
            ours.sort_unstable();
            all.sort_unstable();
            assert_eq!(ours, all);
        }
    };
}

replay_tests!(html, text, sentences, dates, warc, feed, gazetteer, patterns, code);
