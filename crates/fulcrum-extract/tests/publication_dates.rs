//! The publication date chosen for each of the ten scraped news pages in
//! `../shared/eval/news-dev/`, against the date their index records (`INDEX.tsv`, `pub_date`),
//! with a day of slack for time zones.
//!
//! Each page is read twice: alone, as `fulcrum extract FILE` reads it, and with the address it
//! was scraped from (the index's `url`) as the hint, as a crawler that knows its URLs would
//! pass it. Some pages carry no year anywhere in their text (a wire story that says only "on
//! Friday" and "November 29"); for them no date is the right answer, and a guessed one is
//! wrong. So the test counts right dates, and fails on any wrong one.

mod common;

use chrono::NaiveDate;
use common::read_shared;

/// Pages whose date must be found from the page alone, and with its address.
const FLOOR_ALONE: usize = 6;
const FLOOR_WITH_URL: usize = 7;

fn day(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
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
    let mut right = [0usize; 2];
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
            let doc = fulcrum_extract::extract(&bytes, Some(hint));
            let got = doc.published.as_ref();
            let verdict = match got.and_then(|p| day(&p.date)) {
                Some(d) if (d - want).num_days().abs() <= 1 => {
                    right[k] += 1;
                    "right"
                }
                Some(_) => {
                    wrong.push(format!("{id} ({hint}): {got:?}, index says {want}"));
                    "WRONG"
                }
                None => "none",
            };
            report.push(format!(
                "{id} {}: {verdict} {:?} (index {want})",
                if k == 0 { "alone   " } else { "with url" },
                got.map(|p| (&p.date, &p.basis))
            ));
        }
    }
    eprintln!(
        "publication dates: {} of {pages} pages right alone, {} with their address",
        right[0], right[1]
    );
    for r in &report {
        eprintln!("  {r}");
    }
    assert!(
        wrong.is_empty(),
        "wrong publication dates:\n{}",
        wrong.join("\n")
    );
    assert!(
        right[0] >= FLOOR_ALONE,
        "only {} pages dated right from the page alone",
        right[0]
    );
    assert!(
        right[1] >= FLOOR_WITH_URL,
        "only {} pages dated right with their address",
        right[1]
    );
}
