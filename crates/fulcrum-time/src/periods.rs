//! Named historical periods that news uses as dates ("since the Korean War").
//!
//! The table is short on purpose: it covers the periods that wire stories about international
//! politics lean on most, with the dates historians usually give for their start and end.

/// A named period: alternative spellings (regular-expression fragments, matched ignoring case,
/// with an optional leading "the") and its first and last day; and, for wars, the span of each
/// party that joined late or left early ("China … during the Korean War" is October 1950 on).
pub(crate) struct Period {
    pub names: &'static [&'static str],
    pub start: &'static str,
    pub end: &'static str,
    /// (state code, first day, last day) of one party's part in the period.
    pub parties: &'static [(&'static str, &'static str, &'static str)],
}

/// The table of named periods.
pub(crate) const PERIODS: &[Period] = &[
    Period {
        names: &[r"korean\s+war"],
        start: "1950-06-25",
        end: "1953-07-27",
        // China's People's Volunteers crossed the Yalu on 19 October 1950; the United States
        // committed forces on 27 June 1950, the day the Security Council called for aid.
        parties: &[
            ("CHN", "1950-10-19", "1953-07-27"),
            ("USA", "1950-06-27", "1953-07-27"),
            ("UNO", "1950-06-27", "1953-07-27"),
        ],
    },
    Period {
        names: &[r"cold\s+war"],
        start: "1947-03-12",
        end: "1991-12-26",
        parties: &[],
    },
    Period {
        names: &[
            r"world\s+war\s+(?:two|2|ii)",
            r"second\s+world\s+war",
            r"ww\s?ii",
        ],
        start: "1939-09-01",
        end: "1945-09-02",
        // The United States entered after Pearl Harbor, the Soviet Union when Germany invaded
        // it; China and Japan were at war from the Marco Polo Bridge incident.
        parties: &[
            ("USA", "1941-12-07", "1945-09-02"),
            ("SUN", "1941-06-22", "1945-09-02"),
            ("CHN", "1937-07-07", "1945-09-02"),
            ("JPN", "1937-07-07", "1945-09-02"),
        ],
    },
    Period {
        names: &[
            r"world\s+war\s+(?:one|1|i)",
            r"first\s+world\s+war",
            r"great\s+war",
        ],
        start: "1914-07-28",
        end: "1918-11-11",
        parties: &[],
    },
    Period {
        names: &[
            r"(?:collapse|demise|fall|breakup|break-up|dissolution)\s+of\s+the\s+soviet\s+union",
        ],
        start: "1991-12-26",
        end: "1991-12-26",
        parties: &[],
    },
    Period {
        names: &[r"fall\s+of\s+the\s+berlin\s+wall"],
        start: "1989-11-09",
        end: "1989-11-09",
        parties: &[],
    },
    Period {
        names: &[r"iraq\s+war", r"war\s+in\s+iraq"],
        start: "2003-03-20",
        end: "2011-12-18",
        parties: &[],
    },
    Period {
        names: &[r"vietnam\s+war"],
        start: "1955-11-01",
        end: "1975-04-30",
        parties: &[],
    },
    Period {
        names: &[r"(?:first\s+)?gulf\s+war"],
        start: "1990-08-02",
        end: "1991-02-28",
        parties: &[],
    },
    Period {
        names: &[
            r"9/11(?:\s+attacks)?",
            r"sept(?:ember|\.)?\s+11(?:th)?\s+attacks",
        ],
        start: "2001-09-11",
        end: "2001-09-11",
        parties: &[],
    },
];

/// The span of `code`'s part in the named period that `expression` names ("the Korean War"
/// for CHN: 1950-10-19 to 1953-07-27), when the table gives that party its own span.
pub fn party_span(expression: &str, code: &str) -> Option<(String, String)> {
    // The name patterns of the periods that have parties, compiled once.
    static NAMES: std::sync::OnceLock<Vec<(regex::Regex, &'static Period)>> =
        std::sync::OnceLock::new();
    let names = NAMES.get_or_init(|| {
        PERIODS
            .iter()
            .filter(|p| !p.parties.is_empty())
            .filter_map(|p| {
                let pat = format!(r"(?i)^(?:the\s+)?(?:{})$", p.names.join("|"));
                regex::Regex::new(&pat).ok().map(|re| (re, p))
            })
            .collect()
    });
    names.iter().find_map(|(re, p)| {
        let (_, a, b) = p.parties.iter().find(|(c, _, _)| *c == code)?;
        re.is_match(expression.trim())
            .then(|| (a.to_string(), b.to_string()))
    })
}
