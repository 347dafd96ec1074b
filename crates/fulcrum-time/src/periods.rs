//! Named historical periods that news uses as dates ("since the Korean War").
//!
//! The table is short on purpose: it covers the periods that wire stories about international
//! politics lean on most, with the dates historians usually give for their start and end.

/// A named period: alternative spellings (regular-expression fragments, matched ignoring case,
/// with an optional leading "the") and its first and last day.
pub(crate) struct Period {
    pub names: &'static [&'static str],
    pub start: &'static str,
    pub end: &'static str,
}

/// The table of named periods.
pub(crate) const PERIODS: &[Period] = &[
    Period {
        names: &[r"korean\s+war"],
        start: "1950-06-25",
        end: "1953-07-27",
    },
    Period {
        names: &[r"cold\s+war"],
        start: "1947-03-12",
        end: "1991-12-26",
    },
    Period {
        names: &[
            r"world\s+war\s+(?:two|2|ii)",
            r"second\s+world\s+war",
            r"ww\s?ii",
        ],
        start: "1939-09-01",
        end: "1945-09-02",
    },
    Period {
        names: &[
            r"world\s+war\s+(?:one|1|i)",
            r"first\s+world\s+war",
            r"great\s+war",
        ],
        start: "1914-07-28",
        end: "1918-11-11",
    },
    Period {
        names: &[
            r"(?:collapse|demise|fall|breakup|break-up|dissolution)\s+of\s+the\s+soviet\s+union",
        ],
        start: "1991-12-26",
        end: "1991-12-26",
    },
    Period {
        names: &[r"fall\s+of\s+the\s+berlin\s+wall"],
        start: "1989-11-09",
        end: "1989-11-09",
    },
    Period {
        names: &[r"iraq\s+war", r"war\s+in\s+iraq"],
        start: "2003-03-20",
        end: "2011-12-18",
    },
    Period {
        names: &[r"vietnam\s+war"],
        start: "1955-11-01",
        end: "1975-04-30",
    },
    Period {
        names: &[r"(?:first\s+)?gulf\s+war"],
        start: "1990-08-02",
        end: "1991-02-28",
    },
    Period {
        names: &[
            r"9/11(?:\s+attacks)?",
            r"sept(?:ember|\.)?\s+11(?:th)?\s+attacks",
        ],
        start: "2001-09-11",
        end: "2001-09-11",
    },
];
