//! Properties that must hold for every input: resolution never panics, whatever the sentence
//! and the reference date, and every resolved interval runs forwards (start on or before end)
//! with a span that lies on character boundaries of the sentence.
//!
//! Random text alone rarely forms a date expression, so sentences are also built from the
//! words the rules look for (months, weekdays, numbers, "late", "ago", dashes), which reaches
//! the resolving code with odd combinations: "May 31-2", "the end of 1900s", "999 years ago".

use fulcrum_time::{find_dates, find_dates_with_tense, DateExpr, Tense};
use proptest::prelude::*;

/// Words and fragments the date rules react to.
const VOCABULARY: &[&str] = &[
    "May",
    "June",
    "Sept.",
    "February",
    "Dec",
    "March",
    "march",
    "Monday",
    "Sunday",
    "last",
    "next",
    "this",
    "coming",
    "past",
    "the",
    "of",
    "in",
    "on",
    "since",
    "from",
    "to",
    "between",
    "and",
    "or",
    "late",
    "early",
    "mid-",
    "end",
    "ago",
    "week",
    "weeks",
    "month",
    "year",
    "years",
    "days",
    "decade",
    "today",
    "yesterday",
    "tomorrow",
    "will",
    "said",
    "1",
    "2",
    "29",
    "30",
    "31",
    "0",
    "99",
    "1950",
    "1953",
    "2018",
    "2099",
    "1900s",
    "1990s",
    "53",
    "-",
    "–",
    ",",
    ".",
    "/",
    "2018-02-30",
    "2/29/2019",
    "12/31/99",
    "Korean War",
    "Cold War",
    "several",
    "a few",
    "999",
];

/// Sentences of 1 to 12 rule words, joined by spaces or glued together.
fn wordy() -> impl Strategy<Value = String> {
    prop::collection::vec((prop::sample::select(VOCABULARY), prop::bool::ANY), 1..12).prop_map(
        |ws| {
            let mut s = String::new();
            for (w, glue) in ws {
                if !glue && !s.is_empty() {
                    s.push(' ');
                }
                s.push_str(w);
            }
            s
        },
    )
}

/// Reference dates: valid ones across the whole calendar chrono supports in four digits,
/// impossible ones ("2019-02-30"), and arbitrary text.
fn reference() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        Just(None),
        (1u32..=9999, 1u32..=12, 1u32..=31)
            .prop_map(|(y, m, d)| Some(format!("{y:04}-{m:02}-{d:02}"))),
        ".{0,12}".prop_map(Some),
    ]
}

fn tense() -> impl Strategy<Value = Tense> {
    prop_oneof![Just(Tense::Past), Just(Tense::Future), Just(Tense::Unknown)]
}

fn check(text: &str, found: &[DateExpr]) {
    for d in found {
        assert!(d.start < d.end && d.end <= text.len(), "span of {d:?}");
        assert!(text.is_char_boundary(d.start) && text.is_char_boundary(d.end));
        assert_eq!(&text[d.start..d.end], d.text);
        if let Some((a, b)) = &d.interval {
            assert_eq!((a.len(), b.len()), (10, 10), "{d:?} in {text:?}");
            assert!(a <= b, "interval runs backwards: {d:?} in {text:?}");
        }
    }
    for pair in found.windows(2) {
        assert!(pair[0].end <= pair[1].start, "overlap: {pair:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_strings_never_panic(text in any::<String>(), r in reference()) {
        check(&text, &find_dates(&text, r.as_deref()));
    }

    #[test]
    fn date_words_resolve_to_forward_intervals(text in wordy(), r in reference()) {
        check(&text, &find_dates(&text, r.as_deref()));
    }

    #[test]
    fn any_clause_tense_is_safe(text in wordy(), r in reference(), t in tense()) {
        check(&text, &find_dates_with_tense(&text, r.as_deref(), |_, _| t));
    }
}
