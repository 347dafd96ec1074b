//! Undated pages dated from the landmark record (`landmark_pages.toml`): each story is read as a
//! page with no date evidence of its own and the date chosen from its events is compared with
//! the one a careful reader would give (a day of slack for next-day copy).
//!
//! A wrong date is worse than none, since it puts every event of the page in the wrong place
//! on a timeline; so the test allows no wrong date and asks for right ones above a floor.
//! The table says the figures with `--nocapture`.

use chrono::NaiveDate;
use fulcrum_events::Coder;
use serde::Deserialize;

/// Pages that should be dated and are, within a day.
const FLOOR_RIGHT: usize = 7;

#[derive(Deserialize)]
struct Table {
    page: Vec<Page>,
}

#[derive(Deserialize)]
struct Page {
    id: String,
    published: String,
    text: String,
    #[allow(dead_code)]
    note: String,
}

fn day(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

#[test]
fn undated_pages_are_dated_by_their_landmarks_or_left_undated() {
    let table: Table = toml::from_str(include_str!("landmark_pages.toml")).unwrap();
    let coder = Coder::new(None).unwrap();
    let (mut right, mut wrong, mut datable) = (0, Vec::new(), 0);
    for p in &table.page {
        let mut doc = fulcrum_extract::extract_text(&p.text);
        assert!(
            doc.published.is_none(),
            "{}: the page carries date evidence of its own ({:?}); the table is for pages without",
            p.id,
            doc.published
        );
        coder.date_undated(&mut doc);
        let got = doc.published.as_ref().and_then(|c| day(&c.date));
        let want = day(&p.published);
        datable += usize::from(want.is_some());
        let verdict = match (want, got) {
            (Some(w), Some(g)) if (g - w).num_days().abs() <= 1 => {
                right += 1;
                "right"
            }
            (None, None) => "right (undated)",
            (_, None) => "none",
            (_, Some(_)) => {
                wrong.push(p.id.clone());
                "WRONG"
            }
        };
        eprintln!(
            "{:<36} want {:<10} got {:<10} {verdict}{}",
            p.id,
            p.published,
            got.map(|g| g.to_string()).unwrap_or_default(),
            doc.published
                .as_ref()
                .map(|c| format!("  [{}]", c.text))
                .unwrap_or_default()
        );
    }
    eprintln!(
        "landmark pages: {right} of {datable} datable pages dated right, {} wrong dates, {} pages",
        wrong.len(),
        table.page.len()
    );
    // No page may be given a date that is not its own, including pages that should stay
    // undated.
    assert!(
        wrong.is_empty(),
        "{} pages given a wrong date: {wrong:?}",
        wrong.len()
    );
    assert!(right >= FLOOR_RIGHT, "only {right} pages dated right");
}
