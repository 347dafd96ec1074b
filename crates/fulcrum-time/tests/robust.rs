//! Odd and hostile input: the finder must never panic, must return spans on character
//! boundaries, and must stay fast on very long strings.

use std::time::Instant;

use fulcrum_time::{find_dates, Basis};

fn check(text: &str, reference: Option<&str>) {
    let found = find_dates(text, reference);
    for pair in found.windows(2) {
        assert!(
            pair[0].end <= pair[1].start,
            "overlap or disorder: {pair:?}"
        );
    }
    for d in found {
        assert!(d.start < d.end && d.end <= text.len());
        assert!(text.is_char_boundary(d.start) && text.is_char_boundary(d.end));
        assert_eq!(&text[d.start..d.end], d.text);
    }
}

#[test]
fn odd_strings_do_not_panic() {
    let odd = [
        "",
        " ",
        "0",
        "123456789012345678901234567890",
        "2018",
        "May",
        "May.",
        "2-3",
        "May 99",
        "May 0, 2018",
        "February 30, 2018",
        "13/45/2018",
        "2018-13-45",
        "9999 years ago",
        "999 decades ago",
        "the 1990s 2000s",
        "Mayor Mayday March march",
        "«Le 3 mai» — 東京で5月3日 — Ünïcödé May 2–3 🙂",
        "Monday\u{00A0}April\u{00A0}30",
        "in\u{2009}1972",
        "last",
        "ago",
        "the",
        "between and",
        "from to",
        "-",
        "//",
        "3/",
        "/3/",
        "'s",
        "May 2-",
        "—2019—",
    ];
    for s in odd {
        for reference in [
            None,
            Some("2018-05-01"),
            Some("not a date"),
            Some("0000-01-01"),
        ] {
            check(s, reference);
        }
    }
    check("in 1972", Some("9999-12-31"));
    check("next year and tomorrow", Some("9999-12-31"));
    check("last year and yesterday", Some("0001-01-01"));
}

#[test]
fn bad_reference_counts_as_none() {
    let got = find_dates("He arrived on Monday.", Some("2018/05/01"));
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].interval, None);
    assert_eq!(got[0].basis, Basis::Relative);
    assert_eq!(Basis::Explicit.as_str(), "explicit");
    assert_eq!(Basis::Relative.as_str(), "relative");
}

#[test]
fn long_input_is_fast_and_safe() {
    let words = [
        "the", "May", "2", "-", "3", "talks", "in", "1972", "Monday", "é", "mid-", "March", "9/11",
        "ago", "two", "weeks", "1,990", "from", "to", "2019",
    ];
    let text: Vec<&str> = (0..10_000)
        .map(|i| words[(i * 7 + i / 3) % words.len()])
        .collect();
    let text = text.join(" ");
    let t = Instant::now();
    check(&text, Some("2018-05-01"));
    let dense = "May 2-3, 2018 and 4 May ".repeat(500);
    check(&dense, None);
    assert!(t.elapsed().as_secs() < 5, "took {:?}", t.elapsed());
}
