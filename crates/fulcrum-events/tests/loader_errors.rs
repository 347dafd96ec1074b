//! Every broken dictionary file in `loader_errors.toml` is refused with a message that names
//! the file, the line and column, what is wrong and what to do.

use fulcrum_actors::Gazetteer;
use fulcrum_events::PatternSet;
use serde::Deserialize;

#[derive(Deserialize)]
struct Table {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    loader: String,
    file: String,
    text: String,
    expect: Vec<String>,
}

fn load(c: &Case) -> Result<(), String> {
    match c.loader.as_str() {
        "gazetteer" => Gazetteer::default()
            .add_toml(&c.file, &c.text)
            .map_err(|e| e.to_string()),
        "patterns" => PatternSet::with_builtin_cameo()
            .unwrap()
            .add_toml(&c.file, &c.text)
            .map_err(|e| e.to_string()),
        "landmarks" => fulcrum_events::Landmarks::default()
            .add_toml(
                &c.file,
                &c.text,
                &PatternSet::with_builtin_cameo().unwrap().cameo,
            )
            .map_err(|e| e.to_string()),
        "cameo" => PatternSet::default()
            .add_cameo_toml(&c.file, &c.text)
            .map_err(|e| e.to_string()),
        other => panic!("{}: unknown loader {other:?}", c.name),
    }
}

#[test]
fn broken_dictionary_files_are_reported_with_file_line_column_and_advice() {
    let table: Table = toml::from_str(include_str!("loader_errors.toml")).unwrap();
    assert!(table.case.len() >= 20);
    let mut failures = Vec::new();
    for c in &table.case {
        match load(c) {
            Ok(()) => failures.push(format!("{}: loaded without an error", c.name)),
            Err(msg) => {
                for want in &c.expect {
                    if !msg.contains(want.as_str()) {
                        failures.push(format!("{}: {want:?} missing from {msg:?}", c.name));
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_built_in_dictionaries_pass_the_same_checks() {
    PatternSet::builtin().unwrap();
    Gazetteer::builtin().unwrap();
}
