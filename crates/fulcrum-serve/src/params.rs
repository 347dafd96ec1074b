//! Query-string parameters, validated into the store's and the analyses' terms. Every
//! problem is a 400 whose message names the parameter and says what was expected.

use crate::{ApiError, Engine};
use fulcrum_relations::Period;

/// The factuality values events carry.
pub const FACTUALITY: &[&str] = &["asserted", "negated", "future", "hypothetical"];

/// A request's query parameters.
pub struct Params {
    pairs: Vec<(String, String)>,
}

impl Params {
    /// Parses a raw query string, refusing parameters the endpoint does not know (a misspelt
    /// filter silently ignored would return the wrong data) and repeated ones.
    pub fn parse(raw: Option<&str>, allowed: &[&str]) -> Result<Params, ApiError> {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(raw.unwrap_or(""))
            .map_err(|_| ApiError::bad("the query string is not valid URL encoding"))?;
        for (i, (k, _)) in pairs.iter().enumerate() {
            if !allowed.contains(&k.as_str()) {
                return Err(ApiError::bad(format!(
                    "unknown parameter {k:?}; this endpoint takes {}",
                    if allowed.is_empty() {
                        "no parameters".to_string()
                    } else {
                        allowed.join(", ")
                    }
                )));
            }
            if pairs[..i].iter().any(|(k2, _)| k2 == k) {
                return Err(ApiError::bad(format!("parameter {k:?} is given twice")));
            }
        }
        Ok(Params { pairs })
    }

    /// A parameter's value; an empty value counts as absent.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    }

    pub fn required(&self, key: &str, example: &str) -> Result<&str, ApiError> {
        self.get(key).ok_or_else(|| {
            ApiError::bad(format!(
                "parameter {key:?} is required, e.g. {key}={example}"
            ))
        })
    }

    /// A day, `YYYY-MM-DD`.
    pub fn date(&self, key: &str) -> Result<Option<String>, ApiError> {
        match self.get(key) {
            None => Ok(None),
            Some(d) if d.len() == 10 && parse_day(d).is_some() => Ok(Some(d.to_string())),
            Some(d) => Err(ApiError::bad(format!(
                "parameter {key:?}: {d:?} is not a date; give YYYY-MM-DD"
            ))),
        }
    }

    /// An actor given as a code or a name.
    pub fn actor(&self, key: &str, engine: &dyn Engine) -> Result<Option<String>, ApiError> {
        self.get(key).map(|a| actor(key, a, engine)).transpose()
    }

    /// A comma-separated list of actors.
    pub fn actors(&self, key: &str, engine: &dyn Engine) -> Result<Vec<String>, ApiError> {
        self.get(key)
            .unwrap_or("")
            .split(',')
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(|a| actor(key, a, engine))
            .collect()
    }

    /// A whole number within `range`.
    pub fn number(
        &self,
        key: &str,
        default: u64,
        range: std::ops::RangeInclusive<u64>,
    ) -> Result<u64, ApiError> {
        match self.get(key) {
            None => Ok(default),
            Some(v) => match v.parse::<u64>() {
                Ok(n) if range.contains(&n) => Ok(n),
                _ => Err(ApiError::bad(format!(
                    "parameter {key:?}: {v:?} is not a whole number from {} to {}",
                    range.start(),
                    range.end()
                ))),
            },
        }
    }

    /// A period length.
    pub fn period(&self, key: &str, default: Period) -> Result<Period, ApiError> {
        match self.get(key) {
            None => Ok(default),
            Some(v) => v.parse::<Period>().map_err(|_| {
                ApiError::bad(format!(
                    "parameter {key:?}: {v:?} is not a period; give day, week, month, quarter or year"
                ))
            }),
        }
    }

    /// Factuality values, comma-separated; `default` when absent.
    pub fn factuality(&self, key: &str, default: &[&str]) -> Result<Vec<String>, ApiError> {
        let Some(v) = self.get(key) else {
            return Ok(default.iter().map(|s| s.to_string()).collect());
        };
        let mut out = Vec::new();
        for f in v.split(',').map(str::trim).filter(|f| !f.is_empty()) {
            if !FACTUALITY.contains(&f) {
                return Err(ApiError::bad(format!(
                    "parameter {key:?}: {f:?} is not a factuality; give any of {}",
                    FACTUALITY.join(", ")
                )));
            }
            out.push(f.to_string());
        }
        Ok(out)
    }
}

fn actor(key: &str, a: &str, engine: &dyn Engine) -> Result<String, ApiError> {
    engine.actor_code(a).ok_or_else(|| {
        ApiError::bad(format!(
            "parameter {key:?}: {a:?} is not a known actor; give a code such as PRK or a name such as \"North Korea\" (see /api/actors?q=)"
        ))
    })
}

pub fn parse_day(d: &str) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()
}
