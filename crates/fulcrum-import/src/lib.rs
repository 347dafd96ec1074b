//! Importing existing event data sets into fulcrum's event vocabulary.
//!
//! Four formats are read: GDELT 1.0 and GDELT 2.0 event files, ICEWS coded event data and
//! POLECAT weekly files (see `docs/import.md` for each column mapping). Every row becomes an
//! [`ImportedEvent`] with fulcrum's codes: ISO 3166-1 alpha-3 states or the gazetteer's IGO codes,
//! fulcrum's sectors, a CAMEO code, its PLOVER type through `data/cameo.toml`, a Goldstein value
//! and a quad class.
//!
//! Invariants: reading never panics, whatever the bytes; a malformed row is an [`ImportError`]
//! naming its file and line, and reading carries on with the next row. Only a problem that
//! spoils every row (a missing header column, an unreadable file) ends the iteration.

mod codes;
mod gdelt;
mod table;

use serde::{Deserialize, Serialize};
use std::fmt;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::str::FromStr;

/// The data set a file comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// GDELT 1.0 event files: tab-separated, no header, 57 columns (historical backfile) or 58
    /// (daily updates, with SOURCEURL last).
    Gdelt1,
    /// GDELT 2.0 event files: tab-separated, no header, 61 columns.
    Gdelt2,
    /// ICEWS coded event data: tab-separated with a header row.
    Icews,
    /// POLECAT weekly files: tab-separated with a header row, PLOVER types instead of CAMEO.
    Polecat,
}

impl Format {
    /// Every format, in the order the command line lists them.
    pub const ALL: [Format; 4] = [
        Format::Gdelt1,
        Format::Gdelt2,
        Format::Icews,
        Format::Polecat,
    ];

    /// The name used on the command line and in provenance strings.
    pub fn name(self) -> &'static str {
        match self {
            Format::Gdelt1 => "gdelt1",
            Format::Gdelt2 => "gdelt2",
            Format::Icews => "icews",
            Format::Polecat => "polecat",
        }
    }

    /// The provenance string an event of this format carries: `imported:<name>`.
    pub fn provenance(self) -> String {
        format!("imported:{}", self.name())
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A format name that is not one of `gdelt1`, `gdelt2`, `icews`, `polecat`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown import format {0:?} (use gdelt1, gdelt2, icews or polecat)")]
pub struct UnknownFormat(pub String);

impl FromStr for Format {
    type Err = UnknownFormat;

    /// Reads a format name, ignoring case.
    fn from_str(s: &str) -> Result<Format, UnknownFormat> {
        let lower = s.trim().to_ascii_lowercase();
        Format::ALL
            .into_iter()
            .find(|f| f.name() == lower)
            .ok_or_else(|| UnknownFormat(s.to_string()))
    }
}

/// An actor of an imported event.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ImportedActor {
    /// The ISO 3166-1 alpha-3 code of the actor's state ("PRK", "USA") or the gazetteer's code
    /// of an international organisation ("UNO", "NATO", "EU"); empty when unknown. Territories
    /// fulcrum's gazetteer does not list keep their ISO code ("PRI").
    pub code: String,
    /// One of fulcrum's sectors (GOV MIL POL SPY LEG JUD PTY OPP REB BUS MED CVL NGO REL EDU),
    /// or empty when the data set names the state only or a role fulcrum does not distinguish.
    pub sector: String,
    /// The actor's name as the data set writes it ("KIM JONG UN", "Kim Jong-Un").
    pub name: String,
}

/// One event read from another data set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportedEvent {
    pub format: Format,
    /// The data set's own identifier of the event (GLOBALEVENTID, Event ID).
    pub external_id: String,
    /// The date of the event, `YYYY-MM-DD`.
    pub date: String,
    pub source: ImportedActor,
    /// The actor acted upon; `None` when the data set records none.
    pub target: Option<ImportedActor>,
    /// The CAMEO event code, 2 to 4 digits ("042"); for POLECAT, the code that represents the
    /// PLOVER type and mode (see `docs/import.md`).
    pub cameo: String,
    /// The PLOVER type: through `data/cameo.toml` from the CAMEO code, or POLECAT's own type;
    /// `None` for CAMEO 01 (public statements) and 09 (investigate), which PLOVER does not code.
    pub plover: Option<String>,
    /// The Goldstein value the data set gives (GoldsteinScale, Intensity, Event Intensity), or
    /// the CAMEO table's when it gives none.
    pub goldstein: f64,
    /// `verbal_cooperation`, `material_cooperation`, `verbal_conflict` or `material_conflict`.
    pub quad: String,
    /// GDELT's NumMentions; 1 for the other formats, which record one report per row.
    pub mentions: u32,
    /// The report's address, when the data set gives one (GDELT's SOURCEURL).
    pub url: Option<String>,
    /// A description of the event when the data set has one: ICEWS's event text with its story,
    /// sentence and publisher; POLECAT's mode, contexts and source.
    pub text: Option<String>,
    /// `imported:<format>`, e.g. `imported:gdelt1`.
    pub provenance: String,
}

/// A row, or a whole file, that could not be imported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.render())]
pub struct ImportError {
    /// The file (or the name the caller gave the stream).
    pub origin: String,
    /// The 1-based line number; 0 when the problem is not on a line (the file cannot be opened).
    pub line: usize,
    /// What is wrong, followed by what to do about it in parentheses.
    pub message: String,
}

impl ImportError {
    fn render(&self) -> String {
        if self.line == 0 {
            format!("{}: {}", self.origin, self.message)
        } else {
            format!("{}:{}: {}", self.origin, self.line, self.message)
        }
    }
}

/// The events of one file or stream, read lazily, one row at a time.
pub struct Events<R> {
    format: Format,
    reader: R,
    origin: String,
    line: usize,
    buf: Vec<u8>,
    header: Option<table::Header>,
    done: bool,
}

/// Reads the events of `reader` in `format`; `origin` names the input in errors.
///
/// Each item is one row: an event, or the error that kept the row from being one. Blank lines
/// are skipped; bytes that are not UTF-8 are replaced rather than rejected.
pub fn read_events<R: BufRead>(format: Format, reader: R, origin: &str) -> Events<R> {
    Events {
        format,
        reader,
        origin: origin.to_string(),
        line: 0,
        buf: Vec::new(),
        header: None,
        done: false,
    }
}

/// The stream type [`read_file`] reads from: the file itself or its gzip decoder.
pub type FileReader = Box<dyn BufRead + Send>;

/// Opens `path` and reads its events in `format`. A gzip-compressed file (as GDELT and POLECAT
/// distribute them) is recognised by its first bytes, whatever its name; a zip archive is
/// reported with the advice to unpack it first.
pub fn read_file(format: Format, path: &Path) -> Result<Events<FileReader>, ImportError> {
    let origin = path.display().to_string();
    let fail = |message: String| ImportError {
        origin: origin.clone(),
        line: 0,
        message,
    };
    let file = File::open(path).map_err(|e| {
        fail(format!(
            "cannot open: {e} (check the path and that the file is readable)"
        ))
    })?;
    let mut reader = BufReader::new(file);
    let magic = reader.fill_buf().map_err(|e| {
        fail(format!(
            "cannot read: {e} (check that the file is readable)"
        ))
    })?;
    let stream: FileReader = if magic.starts_with(&[0x1f, 0x8b]) {
        Box::new(BufReader::new(flate2::read::MultiGzDecoder::new(reader)))
    } else if magic.starts_with(b"PK\x03\x04") {
        return Err(fail(
            "this is a zip archive (unzip it and import the .csv, .tab or .txt file inside)"
                .to_string(),
        ));
    } else {
        Box::new(reader)
    };
    Ok(read_events(format, stream, &origin))
}

impl<R: BufRead> Events<R> {
    fn error(&self, line: usize, message: String) -> ImportError {
        ImportError {
            origin: self.origin.clone(),
            line,
            message,
        }
    }

    /// The next line without its line ending, or `None` at the end; an I/O error ends the
    /// iteration after it is reported, since a broken stream yields nothing more.
    fn next_line(&mut self) -> Option<Result<String, ImportError>> {
        self.buf.clear();
        loop {
            match self.reader.read_until(b'\n', &mut self.buf) {
                Ok(0) if self.buf.is_empty() => return None,
                Ok(_) => break,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    self.done = true;
                    return Some(Err(self.error(
                        self.line + 1,
                        format!(
                            "cannot read: {e} (the file may be truncated or corrupt; download it again)"
                        ),
                    )));
                }
            }
        }
        self.line += 1;
        let mut text = String::from_utf8_lossy(&self.buf).into_owned();
        while text.ends_with('\n') || text.ends_with('\r') {
            text.pop();
        }
        if self.line == 1 {
            if let Some(rest) = text.strip_prefix('\u{feff}') {
                text = rest.to_string();
            }
        }
        Some(Ok(text))
    }
}

impl<R: BufRead> Iterator for Events<R> {
    type Item = Result<ImportedEvent, ImportError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let tables = match codes::tables() {
            Ok(t) => t,
            Err(m) => {
                self.done = true;
                return Some(Err(self.error(0, m.to_string())));
            }
        };
        loop {
            let text = match self.next_line()? {
                Ok(t) => t,
                Err(e) => return Some(Err(e)),
            };
            if text.trim().is_empty() {
                continue;
            }
            let line = self.line;
            let result = match self.format {
                Format::Gdelt1 | Format::Gdelt2 => {
                    // Exports from GDELT's database tables carry a header row the raw files
                    // do not; it is recognised and skipped, also where files were joined.
                    if gdelt::is_header(&text) {
                        continue;
                    }
                    gdelt::parse(self.format, tables, &text)
                }
                Format::Icews | Format::Polecat => match &self.header {
                    None => match table::Header::parse(self.format, &text) {
                        Ok(h) => {
                            self.header = Some(h);
                            continue;
                        }
                        Err(m) => {
                            // Without the header's columns no row can be read.
                            self.done = true;
                            Err(m)
                        }
                    },
                    // Files joined end to end repeat the header; the repeat is no event.
                    Some(h) if h.is_repeat(&text) => continue,
                    Some(h) => table::parse(self.format, tables, h, &text),
                },
            };
            return Some(result.map_err(|m| self.error(line, m)));
        }
    }
}

/// Reads a date written `YYYY-MM-DD`, `YYYYMMDD` or `YYYY/MM/DD`, optionally followed by a time
/// (`2018-04-27T09:30:00`, `2018-04-27 09:30`), and returns it as `YYYY-MM-DD`.
pub(crate) fn parse_date(value: &str) -> Option<String> {
    let v = value.trim();
    let digits_at = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let (y, m, d, rest) = if v.len() >= 8 && v.get(..8).is_some_and(digits_at) {
        (v.get(..4)?, v.get(4..6)?, v.get(6..8)?, v.get(8..)?)
    } else {
        let sep = v.as_bytes().get(4).copied()?;
        if sep != b'-' && sep != b'/' {
            return None;
        }
        let body = v.get(..10)?;
        let parts: Vec<&str> = body.split(sep as char).collect();
        match parts[..] {
            [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 => (y, m, d, v.get(10..)?),
            _ => return None,
        }
    };
    if ![y, m, d].iter().all(|p| digits_at(p)) {
        return None;
    }
    if !(rest.is_empty() || rest.starts_with('T') || rest.starts_with(' ')) {
        return None;
    }
    let date = chrono::NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)?;
    Some(date.format("%Y-%m-%d").to_string())
}

/// Reads a Goldstein-scale value: a number from -10 to +10.
pub(crate) fn parse_goldstein(column: &str, value: &str) -> Result<f64, String> {
    let v = value.trim();
    match v.parse::<f64>() {
        Ok(g) if (-10.0..=10.0).contains(&g) => Ok(g),
        Ok(_) => Err(format!(
            "{column} {v:?} is outside the Goldstein scale of -10 to +10 (correct the value; the row is skipped)"
        )),
        Err(_) => Err(format!(
            "{column} {v:?} is not a number (correct the value; the row is skipped)"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_the_usual_spellings() {
        assert_eq!(parse_date("20180427").as_deref(), Some("2018-04-27"));
        assert_eq!(parse_date("2018-04-27").as_deref(), Some("2018-04-27"));
        assert_eq!(parse_date("2018/04/27").as_deref(), Some("2018-04-27"));
        assert_eq!(
            parse_date("2018-04-27T09:30:00Z").as_deref(),
            Some("2018-04-27")
        );
        assert_eq!(
            parse_date("2018-04-27 09:30").as_deref(),
            Some("2018-04-27")
        );
        assert_eq!(parse_date("20180427093000").as_deref(), None);
        assert_eq!(parse_date("2018-02-30"), None);
        assert_eq!(parse_date("2018-4-27"), None);
        assert_eq!(parse_date("27/04/2018"), None);
        assert_eq!(parse_date("2018-04-27x"), None);
        assert_eq!(parse_date("é2018-04-27"), None);
        assert_eq!(parse_date(""), None);
    }

    #[test]
    fn formats_round_trip_through_their_names() {
        for f in Format::ALL {
            assert_eq!(f.to_string().parse::<Format>(), Ok(f));
            assert_eq!(f.provenance(), format!("imported:{f}"));
        }
        assert_eq!("GDELT2".parse::<Format>(), Ok(Format::Gdelt2));
        let err = "acled".parse::<Format>().unwrap_err();
        assert!(err.to_string().contains("gdelt1, gdelt2, icews or polecat"));
    }

    #[test]
    fn errors_show_file_and_line() {
        let e = ImportError {
            origin: "a.tsv".into(),
            line: 3,
            message: "bad (fix it)".into(),
        };
        assert_eq!(e.to_string(), "a.tsv:3: bad (fix it)");
        let e = ImportError { line: 0, ..e };
        assert_eq!(e.to_string(), "a.tsv: bad (fix it)");
    }
}
