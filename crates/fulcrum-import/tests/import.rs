//! Reading the sample files of `tests/fixtures/` (invented rows in each format, with a few
//! deliberately malformed ones) and checking what they become.

use fulcrum_import::{read_events, read_file, Format, ImportError, ImportedEvent};
use std::io::Write;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Every item of a fixture, split into events and errors.
fn read(format: Format, name: &str) -> (Vec<ImportedEvent>, Vec<ImportError>) {
    let items: Vec<_> = read_file(format, &fixture(name))
        .expect("fixture opens")
        .collect();
    split(items)
}

fn split(items: Vec<Result<ImportedEvent, ImportError>>) -> (Vec<ImportedEvent>, Vec<ImportError>) {
    let mut events = Vec::new();
    let mut errors = Vec::new();
    for item in items {
        match item {
            Ok(e) => events.push(e),
            Err(e) => errors.push(e),
        }
    }
    (events, errors)
}

fn by_id<'a>(events: &'a [ImportedEvent], id: &str) -> &'a ImportedEvent {
    events
        .iter()
        .find(|e| e.external_id == id)
        .unwrap_or_else(|| panic!("event {id} was not imported"))
}

fn actor(e: &Option<fulcrum_import::ImportedActor>) -> (&str, &str) {
    let a = e.as_ref().expect("a target");
    (a.code.as_str(), a.sector.as_str())
}

fn lines(errors: &[ImportError]) -> Vec<usize> {
    errors.iter().map(|e| e.line).collect()
}

/// The Goldstein value of a CAMEO code in the project's table.
fn table_goldstein(code: &str) -> f64 {
    fulcrum_events::PatternSet::builtin().unwrap().cameo[code].goldstein
}

#[test]
fn gdelt1_rows_map_to_fulcrum_codes() {
    let (events, errors) = read(Format::Gdelt1, "gdelt1.tsv");
    assert_eq!(events.len(), 13);
    assert_eq!(lines(&errors), vec![13, 14, 15]);

    let e = by_id(&events, "710000001");
    assert_eq!(e.format, Format::Gdelt1);
    assert_eq!(e.date, "2018-04-27");
    assert_eq!(
        (e.source.code.as_str(), e.source.sector.as_str()),
        ("PRK", "GOV")
    );
    assert_eq!(e.source.name, "NORTH KOREA");
    assert_eq!(actor(&e.target), ("KOR", "GOV"));
    assert_eq!(e.cameo, "042");
    assert_eq!(e.plover.as_deref(), Some("CONSULT"));
    assert_eq!(e.quad, "verbal_cooperation");
    assert_eq!(e.goldstein, 1.9);
    assert_eq!(e.mentions, 10);
    assert_eq!(
        e.url.as_deref(),
        Some("https://news.example.org/2018/04/27/inter-korean-summit")
    );
    assert_eq!(e.text, None);
    assert_eq!(e.provenance, "imported:gdelt1");

    // An IGO known by its group code, with no country.
    let e = by_id(&events, "710000004");
    assert_eq!(
        (e.source.code.as_str(), e.source.sector.as_str()),
        ("UNO", "")
    );
    assert_eq!(e.plover.as_deref(), Some("SANCTION"));
    assert_eq!(e.quad, "material_conflict");
    // An empty country column: the state comes from the actor code's prefix.
    let e = by_id(&events, "710000006");
    assert_eq!(e.source.code, "USA");
    assert_eq!(e.cameo, "12");
    assert_eq!(e.plover.as_deref(), Some("REJECT"));
    // A region codes as no state.
    let e = by_id(&events, "710000007");
    assert_eq!(e.source.code, "");
    assert_eq!(actor(&e.target), ("RUS", "GOV"));
    // CAMEO's NATO group code and its pre-2002 code for Romania.
    assert_eq!(by_id(&events, "710000008").source.code, "NATO");
    assert_eq!(by_id(&events, "710000009").source.code, "ROU");
    // CAMEO's police (COP) is fulcrum's POL.
    let e = by_id(&events, "710000010");
    assert_eq!(e.source.sector, "POL");
    assert_eq!(actor(&e.target), ("KOR", "CVL"));
    // A show of force without a target.
    let e = by_id(&events, "710000011");
    assert_eq!(e.target, None);
    assert_eq!(e.plover.as_deref(), Some("MOBILIZE"));
    // A 57-column backfile row has no SOURCEURL.
    let e = by_id(&events, "210000012");
    assert_eq!(e.url, None);
    assert_eq!(e.date, "2005-09-14");
}

#[test]
fn gdelt1_errors_say_what_and_where() {
    let (_, errors) = read(Format::Gdelt1, "gdelt1.tsv");
    let origin = fixture("gdelt1.tsv").display().to_string();
    assert!(errors.iter().all(|e| e.origin == origin));
    assert!(
        errors[0].message.contains("SQLDATE \"20180230\""),
        "{}",
        errors[0]
    );
    assert!(
        errors[1].message.contains("GoldsteinScale \"abc\""),
        "{}",
        errors[1]
    );
    assert!(
        errors[2].message.contains("found 30 tab-separated columns"),
        "{}",
        errors[2]
    );
    let shown = errors[0].to_string();
    assert!(
        shown.starts_with(&format!("{origin}:13: SQLDATE")),
        "{shown}"
    );
    assert!(shown.ends_with("the row is skipped)"), "{shown}");
}

#[test]
fn gdelt2_rows_map_to_fulcrum_codes() {
    let (events, errors) = read(Format::Gdelt2, "gdelt2.tsv");
    assert_eq!(events.len(), 10);
    assert_eq!(lines(&errors), vec![10, 11, 12]);
    assert!(errors[0].message.contains("EventCode \"XYZ\""));
    assert!(errors[1].message.contains("QuadClass \"7\""));
    assert!(errors[2].message.contains("NumMentions \"-3\""));

    let e = by_id(&events, "740000001");
    assert_eq!(e.date, "2018-06-12");
    assert_eq!(e.cameo, "044");
    assert_eq!(e.mentions, 30);
    assert_eq!(e.provenance, "imported:gdelt2");
    assert_eq!(
        e.url.as_deref(),
        Some("https://news.example.org/2018/06/12/singapore-meeting")
    );
    // 057 (sign formal agreement) is AGREE in data/cameo.toml.
    assert_eq!(by_id(&events, "740000002").plover.as_deref(), Some("AGREE"));
    // UNICEF's actor code names the UN inside it.
    let e = by_id(&events, "740000003");
    assert_eq!(e.source.code, "UNO");
    assert_eq!(e.plover.as_deref(), Some("REQUEST"));
    // CAMEO 01 statements have no PLOVER type.
    let e = by_id(&events, "740000004");
    assert_eq!(e.plover, None);
    assert_eq!(e.target, None);
    let e = by_id(&events, "740000005");
    assert_eq!(e.plover.as_deref(), Some("RETREAT"));
    assert_eq!(e.quad, "material_cooperation");
    assert_eq!(by_id(&events, "740000006").source.sector, "BUS");
    assert_eq!(by_id(&events, "740000008").source.code, "EU");
    // CAMEO's West Bank code is Palestine.
    assert_eq!(by_id(&events, "740000009").source.code, "PSE");
}

#[test]
fn gdelt_versions_are_told_apart() {
    let (events, errors) = read(Format::Gdelt1, "gdelt2.tsv");
    assert!(events.is_empty());
    assert_eq!(errors.len(), 13);
    assert!(
        errors[0].message.contains("--format gdelt2"),
        "{}",
        errors[0]
    );
    let (events, errors) = read(Format::Gdelt2, "gdelt1.tsv");
    assert!(events.is_empty());
    assert!(
        errors[0].message.contains("--format gdelt1"),
        "{}",
        errors[0]
    );
}

#[test]
fn gdelt_header_row_of_an_export_is_skipped() {
    let body = std::fs::read_to_string(fixture("gdelt1.tsv")).unwrap();
    let mut header: Vec<String> = vec!["GLOBALEVENTID".into(), "SQLDATE".into()];
    header.extend((2..58).map(|i| format!("COL{i}")));
    let text = format!("{}\n{body}", header.join("\t"));
    let (events, errors) = split(read_events(Format::Gdelt1, text.as_bytes(), "x").collect());
    assert_eq!(events.len(), 13);
    assert_eq!(lines(&errors), vec![14, 15, 16]);
}

#[test]
fn icews_rows_map_to_fulcrum_codes() {
    let (events, errors) = read(Format::Icews, "icews.tab");
    assert_eq!(events.len(), 12);
    assert_eq!(lines(&errors), vec![13, 14, 15]);
    assert!(errors[0].message.contains("Event Date \"2018-02-30\""));
    assert!(errors[1].message.contains("Intensity \"high\""));
    assert!(errors[2]
        .message
        .contains("found 7 tab-separated columns where the header has 20"));

    let e = by_id(&events, "30000001");
    assert_eq!(e.date, "2018-04-27");
    assert_eq!(
        (e.source.code.as_str(), e.source.sector.as_str()),
        ("KOR", "GOV")
    );
    assert_eq!(e.source.name, "Moon Jae-in");
    assert_eq!(actor(&e.target), ("PRK", "GOV"));
    assert_eq!(e.cameo, "042");
    assert_eq!(e.plover.as_deref(), Some("CONSULT"));
    assert_eq!(e.quad, "verbal_cooperation");
    assert_eq!(e.goldstein, 1.9);
    assert_eq!(e.mentions, 1);
    assert_eq!(e.url, None);
    assert_eq!(
        e.text.as_deref(),
        Some("Make a visit [story 41000001; sentence 1; Fictional News Agency]")
    );
    assert_eq!(e.provenance, "imported:icews");

    // A generic actor: its state and role come from its name.
    let e = by_id(&events, "30000002");
    assert_eq!(
        (e.source.code.as_str(), e.source.sector.as_str()),
        ("PRK", "MIL")
    );
    assert_eq!(actor(&e.target), ("USA", ""));
    assert_eq!(e.plover.as_deref(), Some("THREATEN"));
    // An IGO with no country, from its name.
    assert_eq!(by_id(&events, "30000004").source.code, "UNO");
    // A ministry is government even when its sectors include the military.
    let e = by_id(&events, "30000005");
    assert_eq!(e.source.sector, "GOV");
    assert_eq!(actor(&e.target), ("USA", "MIL"));
    let e = by_id(&events, "30000006");
    assert_eq!(e.source.sector, "POL");
    assert_eq!(actor(&e.target), ("KOR", "CVL"));
    assert_eq!(by_id(&events, "30000007").source.sector, "MED");
    let e = by_id(&events, "30000008");
    assert_eq!(e.source.sector, "BUS");
    assert_eq!(e.plover, None);
    // "Russian Federation" and a CAMEO code that lost its leading zero.
    let e = by_id(&events, "30000009");
    assert_eq!(e.source.code, "RUS");
    assert_eq!(e.cameo, "043");
    // CAMEO 10 (demand) is REQUEST, in the verbal conflict quad.
    let e = by_id(&events, "30000010");
    assert_eq!(e.plover.as_deref(), Some("REQUEST"));
    assert_eq!(e.quad, "verbal_conflict");
    let e = by_id(&events, "30000011");
    assert_eq!(
        (e.source.code.as_str(), e.source.sector.as_str()),
        ("PRK", "CVL")
    );
}

#[test]
fn icews_reads_crlf_bom_and_quoted_fields() {
    let body = std::fs::read_to_string(fixture("icews.tab")).unwrap();
    let text = format!(
        "\u{feff}{}",
        body.replace("\tMoon Jae-in\t", "\t\"Moon Jae-in\"\t")
            .replace('\n', "\r\n")
    );
    let (events, errors) = split(read_events(Format::Icews, text.as_bytes(), "x").collect());
    assert_eq!(events.len(), 12);
    assert_eq!(lines(&errors), vec![13, 14, 15]);
    assert_eq!(by_id(&events, "30000001").source.name, "Moon Jae-in");
}

#[test]
fn joined_files_repeat_their_header_harmlessly() {
    let body = std::fs::read_to_string(fixture("icews.tab")).unwrap();
    let text = format!("{body}{body}");
    let (events, errors) = split(read_events(Format::Icews, text.as_bytes(), "x").collect());
    assert_eq!(events.len(), 24);
    assert_eq!(lines(&errors), vec![13, 14, 15, 29, 30, 31]);
}

#[test]
fn polecat_rows_map_to_fulcrum_codes() {
    let (events, errors) = read(Format::Polecat, "polecat.txt");
    assert_eq!(events.len(), 12);
    assert_eq!(lines(&errors), vec![13, 14, 15, 16]);
    assert!(errors[0].message.contains("Event Type \"CRIME\""));
    assert!(errors[1].message.contains("Event Intensity \"strong\""));
    assert!(errors[2].message.contains("Event Date \"2018-06-31\""));
    assert!(errors[3].message.contains("found 4 tab-separated columns"));

    let e = by_id(&events, "pc-2018-0001");
    assert_eq!(e.date, "2018-03-26");
    assert_eq!(
        (e.source.code.as_str(), e.source.sector.as_str()),
        ("PRK", "GOV")
    );
    assert_eq!(e.source.name, "Kim Jong Un");
    assert_eq!(actor(&e.target), ("CHN", "GOV"));
    assert_eq!(e.plover.as_deref(), Some("CONSULT"));
    // The "visit" mode narrows CONSULT to CAMEO 042.
    assert_eq!(e.cameo, "042");
    assert_eq!(e.goldstein, 3.0);
    assert_eq!(e.quad, "verbal_cooperation");
    assert_eq!(
        e.text.as_deref(),
        Some("mode: visit; contexts: diplomatic; source: Example Wire; published: 2018-03-28")
    );
    assert_eq!(e.provenance, "imported:polecat");

    let e = by_id(&events, "pc-2018-0002");
    assert_eq!(e.cameo, "03");
    assert_eq!(e.plover.as_deref(), Some("AGREE"));
    let e = by_id(&events, "pc-2017-0003");
    assert_eq!(e.cameo, "112");
    assert_eq!(actor(&e.target), ("PRK", ""));
    assert_eq!(e.quad, "verbal_conflict");
    // No Quad Code: SANCTION is material conflict. A sector given as a code ("GOV").
    let e = by_id(&events, "pc-2017-0004");
    assert_eq!(e.cameo, "162");
    assert_eq!(e.quad, "material_conflict");
    assert_eq!(e.source.sector, "GOV");
    assert_eq!(actor(&e.target), ("PRK", "BUS"));
    // No recipient; a Source that is an address becomes the url.
    let e = by_id(&events, "pc-2017-0005");
    assert_eq!(e.target, None);
    assert_eq!(
        (e.source.code.as_str(), e.source.sector.as_str()),
        ("PRK", "MIL")
    );
    assert_eq!(e.cameo, "154");
    assert_eq!(
        e.url.as_deref(),
        Some("https://news.example.org/2017/07/04/kpa-mobilises")
    );
    // No intensity: the Goldstein value of the representative CAMEO code.
    let e = by_id(&events, "pc-2018-0006");
    assert_eq!(e.cameo, "106");
    assert_eq!(e.goldstein, table_goldstein("106"));
    assert_eq!(e.source.sector, "GOV");
    assert_eq!(by_id(&events, "pc-2017-0008").source.sector, "CVL");
    // A country given by name rather than code.
    assert_eq!(by_id(&events, "pc-2018-0009").source.code, "RUS");
    // An IGO with no country, from its name.
    let e = by_id(&events, "pc-2017-0010");
    assert_eq!(e.source.code, "UNO");
    assert_eq!(e.cameo, "16");
    // The type in lower case still reads.
    let e = by_id(&events, "pc-2017-0011");
    assert_eq!(e.plover.as_deref(), Some("THREATEN"));
    assert_eq!(e.cameo, "138");
    let e = by_id(&events, "pc-2018-0016");
    assert_eq!(e.plover.as_deref(), Some("RETREAT"));
    assert_eq!(e.cameo, "0871");
    assert_eq!(e.quad, "material_cooperation");
    assert_eq!(e.goldstein, table_goldstein("0871"));
}

#[test]
fn polecat_columns_are_found_by_name() {
    let text = "actor_country\tEVENT TYPE\tevent id\tActor Name\tEvent Date\tRecipient Country\tRecipient Name\n\
                PRK\tConsult\tx1\tKim Jong Un\t2018-03-26\tCHN\tXi Jinping\n";
    let (events, errors) = split(read_events(Format::Polecat, text.as_bytes(), "x").collect());
    assert!(errors.is_empty(), "{errors:?}");
    let e = &events[0];
    assert_eq!(e.external_id, "x1");
    assert_eq!(e.source.code, "PRK");
    assert_eq!(actor(&e.target), ("CHN", ""));
    assert_eq!(e.cameo, "04");
    assert_eq!(e.goldstein, table_goldstein("04"));
}

#[test]
fn a_missing_required_column_is_named_once() {
    let text = "Event ID\tEvent Date\tActor Name\tRecipient Name\nx1\t2018-03-26\tKim Jong Un\tXi Jinping\n";
    let items: Vec<_> = read_events(Format::Polecat, text.as_bytes(), "week.txt").collect();
    assert_eq!(items.len(), 1);
    let err = items[0].as_ref().unwrap_err();
    assert_eq!(err.line, 1);
    assert!(
        err.to_string()
            .starts_with("week.txt:1: the header row has no \"Event Type\" column ("),
        "{err}"
    );
    assert!(
        err.message.contains("Event ID, Event Date, Actor Name"),
        "{err}"
    );
}

#[test]
fn a_file_in_another_format_is_named() {
    let (events, errors) = read(Format::Polecat, "icews.tab");
    assert!(events.is_empty());
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].message.contains("--format icews"),
        "{}",
        errors[0]
    );
    let (_, errors) = read(Format::Icews, "polecat.txt");
    assert!(
        errors[0].message.contains("--format polecat"),
        "{}",
        errors[0]
    );
    let (_, errors) = read(Format::Icews, "gdelt1.tsv");
    assert!(
        errors[0].message.contains("--format gdelt1"),
        "{}",
        errors[0]
    );
    let (_, errors) = read(Format::Polecat, "gdelt2.tsv");
    assert!(
        errors[0].message.contains("--format gdelt2"),
        "{}",
        errors[0]
    );
}

/// A fresh scratch directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("fulcrum-import-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn gzip_files_read_like_plain_ones() {
    let dir = scratch("gzip");
    // The name does not say gzip: the content decides.
    let path = dir.join("20180612.export.CSV");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&std::fs::read(fixture("gdelt2.tsv")).unwrap())
        .unwrap();
    std::fs::write(&path, gz.finish().unwrap()).unwrap();
    let plain: Vec<_> = read_file(Format::Gdelt2, &fixture("gdelt2.tsv"))
        .unwrap()
        .map(|r| r.map_err(|e| (e.line, e.message)))
        .collect();
    let zipped: Vec<_> = read_file(Format::Gdelt2, &path)
        .unwrap()
        .map(|r| r.map_err(|e| (e.line, e.message)))
        .collect();
    assert_eq!(plain, zipped);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn unreadable_inputs_are_errors() {
    let dir = scratch("unreadable");
    let missing = read_file(Format::Icews, &dir.join("nope.tab"))
        .err()
        .unwrap();
    assert_eq!(missing.line, 0);
    assert!(missing.to_string().contains("cannot open"), "{missing}");

    let zip = dir.join("events.zip");
    std::fs::write(&zip, b"PK\x03\x04rest of an archive").unwrap();
    let err = read_file(Format::Gdelt1, &zip).err().unwrap();
    assert!(err.message.contains("unzip"), "{err}");

    // A gzip stream cut short: the rows before the cut, then one error, then the end.
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&std::fs::read(fixture("gdelt1.tsv")).unwrap())
        .unwrap();
    let bytes = gz.finish().unwrap();
    let cut = dir.join("cut.gz");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let items: Vec<_> = read_file(Format::Gdelt1, &cut).unwrap().collect();
    let last = items.last().unwrap().as_ref().unwrap_err();
    assert!(last.message.contains("cannot read"), "{last}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn empty_input_yields_nothing() {
    for format in Format::ALL {
        assert_eq!(read_events(format, &b""[..], "x").count(), 0);
        assert_eq!(read_events(format, &b"\n\r\n  \n"[..], "x").count(), 0);
    }
}

#[test]
fn events_serialise_with_format_names() {
    let (events, _) = read(Format::Icews, "icews.tab");
    let json = serde_json::to_string(&events[0]).unwrap();
    assert!(json.contains("\"format\":\"icews\""), "{json}");
    let back: ImportedEvent = serde_json::from_str(&json).unwrap();
    assert_eq!(back, events[0]);
}

/// A small deterministic generator (xorshift), so that failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Reads `bytes` in every format and checks that the reader ends, with at most one item per
/// line (plus one for an I/O error).
fn read_all_formats(bytes: &[u8]) {
    let line_count = bytes.iter().filter(|&&b| b == b'\n').count() + 1;
    for format in Format::ALL {
        let n = read_events(format, bytes, "fuzz")
            .take(line_count + 2)
            .count();
        assert!(
            n <= line_count + 1,
            "{format}: {n} items for {line_count} lines"
        );
    }
}

#[test]
fn arbitrary_bytes_never_panic() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    // Bytes drawn mostly from what the formats are made of, so that rows get far into parsing.
    let alphabet: Vec<u8> = b"\t\t\t\t\n0123456789-./,;\"() ABCDEFGHIJKLMNOPQRSTUVWXYZ"
        .iter()
        .copied()
        .chain("éü’".bytes())
        .collect();
    for _ in 0..400 {
        let len = rng.below(3000);
        let bytes: Vec<u8> = (0..len)
            .map(|_| {
                if rng.below(10) == 0 {
                    rng.next() as u8
                } else {
                    alphabet[rng.below(alphabet.len())]
                }
            })
            .collect();
        read_all_formats(&bytes);
    }
}

#[test]
fn mutated_fixtures_never_panic() {
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let files: Vec<Vec<u8>> = ["gdelt1.tsv", "gdelt2.tsv", "icews.tab", "polecat.txt"]
        .iter()
        .map(|f| std::fs::read(fixture(f)).unwrap())
        .collect();
    for round in 0..300 {
        let mut bytes = files[round % files.len()].clone();
        for _ in 0..1 + rng.below(40) {
            if bytes.is_empty() {
                break;
            }
            let at = rng.below(bytes.len());
            match rng.below(5) {
                0 => bytes[at] = rng.next() as u8,
                1 => {
                    bytes.remove(at);
                }
                2 => bytes.insert(at, b'\t'),
                3 => bytes.insert(at, b'\n'),
                _ => {
                    // A multi-byte character split in the middle.
                    bytes.insert(at, 0xc3);
                }
            }
        }
        read_all_formats(&bytes);
    }
}
