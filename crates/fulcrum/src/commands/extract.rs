//! `fulcrum extract`: the article as fulcrum reads it.

use crate::cli::ExtractSettings;
use anyhow::Context;
use std::process::ExitCode;

pub fn run(s: &ExtractSettings) -> anyhow::Result<ExitCode> {
    let bytes =
        std::fs::read(&s.file).with_context(|| format!("{}: cannot read", s.file.display()))?;
    let doc = fulcrum_extract::extract(&bytes, s.file.to_str());
    say!("{}", serde_json::to_string_pretty(&doc)?);
    Ok(ExitCode::SUCCESS)
}
