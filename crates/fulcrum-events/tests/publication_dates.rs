//! The publication date chosen for each of the ten scraped news pages in
//! `../shared/eval/news-dev/`, against the date their index records (`INDEX.tsv`, `pub_date`),
//! with a day of slack for time zones.
//!
//! Each page is read twice: alone, as `fulcrum extract FILE` reads it, and with the address it
//! was scraped from (the index's `url`) as the hint, as a crawler that knows its URLs would
//! pass it. Each reading is dated twice: by the page's own date evidence (metadata, address,
//! printed dates, the text's full dates), and then, for a page that has none, by the landmark
//! events it reports (`fulcrum_events::landmarks`). Some pages carry no year anywhere in their
//! text (a wire story that says only "on Friday" and "November 29"); for them no date is a
//! better answer than a wrong one. So the test counts right dates, and fails on any wrong one.

use chrono::NaiveDate;
use fulcrum_events::Coder;

/// Pages whose date must be found from the page's own evidence, alone and with its address.
const FLOOR_EVIDENCE: [usize; 2] = [6, 7];
/// The same with the landmark record dating pages that have no evidence.
const FLOOR_LANDMARKS: [usize; 2] = [9, 10];

fn day(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

/// Reads a file under the `shared/` directory beside the workspace, or says why the test is
/// skipped (a user's clone has no such directory; it holds third-party data).
fn read_shared(rel: &str) -> Option<Vec<u8>> {
    let p = std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared"));
    match std::fs::read(p.join(rel)) {
        Ok(b) => Some(b),
        Err(e) => {
            eprintln!("SKIPPED: cannot read ../shared/{rel}: {e}");
            None
        }
    }
}

#[test]
fn news_dev_publication_dates_match_the_index() {
    let Some(index) = read_shared("eval/news-dev/INDEX.tsv") else {
        return;
    };
    let index = String::from_utf8(index).expect("INDEX.tsv is UTF-8");
    let mut lines = index.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split('\t').collect();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| *h == name)
            .unwrap_or_else(|| panic!("INDEX.tsv has no column {name}"))
    };
    let (id_col, url_col, date_col) = (col("id"), col("url"), col("pub_date"));
    let coder = Coder::new(None).unwrap();
    let mut right = [[0usize; 2]; 2];
    let mut wrong = Vec::new();
    let mut report = Vec::new();
    let mut pages = 0;
    for line in lines.filter(|l| !l.trim().is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (id, url) = (cols[id_col], cols[url_col]);
        let want = day(cols[date_col]).expect("pub_date is YYYY-MM-DD");
        let Some(bytes) = read_shared(&format!("eval/news-dev/articles/{id}.txt")) else {
            return;
        };
        pages += 1;
        let file = format!("{id}.txt");
        for (k, hint) in [file.as_str(), url].into_iter().enumerate() {
            let mut doc = fulcrum_extract::extract(&bytes, Some(hint));
            for stage in 0..2 {
                if stage == 1 {
                    coder.date_undated(&mut doc);
                }
                let got = doc.published.as_ref();
                let verdict = match got.and_then(|p| day(&p.date)) {
                    Some(d) if (d - want).num_days().abs() <= 1 => {
                        right[stage][k] += 1;
                        "right"
                    }
                    Some(_) => {
                        wrong.push(format!("{id} ({hint}): {got:?}, index says {want}"));
                        "WRONG"
                    }
                    None => "none",
                };
                report.push(format!(
                    "{id} {} {}: {verdict} {:?} (index {want})",
                    if k == 0 { "alone   " } else { "with url" },
                    ["evidence ", "landmarks"][stage],
                    got.map(|p| (&p.date, &p.basis))
                ));
            }
        }
    }
    eprintln!(
        "publication dates of {pages} pages: {} right alone and {} with their address from the \
         pages' evidence; {} and {} with the landmark record",
        right[0][0], right[0][1], right[1][0], right[1][1]
    );
    for r in &report {
        eprintln!("  {r}");
    }
    assert!(
        wrong.is_empty(),
        "wrong publication dates:\n{}",
        wrong.join("\n")
    );
    for (stage, floor) in [FLOOR_EVIDENCE, FLOOR_LANDMARKS].iter().enumerate() {
        for k in 0..2 {
            assert!(
                right[stage][k] >= floor[k],
                "only {} pages dated right ({}, {})",
                right[stage][k],
                ["alone", "with their address"][k],
                ["from their evidence", "with the landmark record"][stage]
            );
        }
    }
}
