//! Event dates: the date expression that governs the event's clause, or else the publication
//! date.

use crate::analyse::Sentence;
use crate::event::DateInfo;
use fulcrum_syntax::tagger::Upos;
use fulcrum_time::DateExpr;

/// The dates expressed in an analysed sentence, with the tokens each covers.
pub struct SentenceDates {
    exprs: Vec<(DateExpr, Vec<usize>)>,
}

impl SentenceDates {
    /// Finds the date expressions of sentence `s` of `text`, resolved against `published`.
    pub fn find(s: &Sentence, text: &str, published: Option<&str>) -> SentenceDates {
        let sent = &text[s.span.0..s.span.1];
        let exprs = fulcrum_time::find_dates(sent, published)
            .into_iter()
            .map(|e| {
                let toks = (0..s.len())
                    .filter(|&i| {
                        let a = s.tokens[i].start - s.span.0;
                        a >= e.start && a < e.end
                    })
                    .collect();
                (e, toks)
            })
            .collect();
        SentenceDates { exprs }
    }

    /// The date of the event triggered at token `t`: the nearest date expression inside the
    /// trigger's clause (its subtree, or the subtree of the verb that governs a noun trigger);
    /// otherwise the publication date.
    pub fn for_event(&self, s: &Sentence, t: usize, published: Option<&str>) -> DateInfo {
        let mut scope = s.subtree(t);
        if matches!(s.upos(t), Upos::Noun | Upos::Propn) {
            if let Some(h) = s.head[t] {
                if s.upos(h) == Upos::Verb && matches!(s.deprel[t], "obj" | "nsubj" | "nsubj:pass")
                {
                    scope = s.subtree(h);
                }
            }
        }
        // Dates inside a clause of their own under the trigger ("said it had visited in 2015")
        // belong to that clause, not to the trigger.
        let nested: Vec<usize> = scope
            .iter()
            .copied()
            .filter(|&i| {
                i != t && matches!(s.deprel[i], "ccomp" | "advcl" | "acl:relcl" | "parataxis")
            })
            .flat_map(|i| s.subtree(i))
            .collect();
        let best = self
            .exprs
            .iter()
            .filter(|(e, toks)| {
                e.interval.is_some()
                    && toks
                        .iter()
                        .any(|x| scope.contains(x) && !nested.contains(x))
            })
            // The date closest to the trigger in the tree wins ("made a visit to Beijing in late
            // March" over "since taking power in 2011"); then the closest in the text.
            .min_by_key(|(_, toks)| {
                toks.iter()
                    .map(|&x| (tree_distance(s, x, t), x.abs_diff(t)))
                    .min()
                    .unwrap_or((usize::MAX, usize::MAX))
            });
        match best {
            Some((e, _)) => {
                let (a, b) = e.interval.clone().unwrap_or_default();
                DateInfo {
                    start: Some(a),
                    end: Some(b),
                    text: e.text.clone(),
                    basis: e.basis.as_str().to_string(),
                }
            }
            None => DateInfo::published(published),
        }
    }
}

/// How many dependency edges lead from token `x` up to `t`, or from both up to their nearest
/// common ancestor; `usize::MAX` when they are not connected.
fn tree_distance(s: &Sentence, x: usize, t: usize) -> usize {
    let chain = |mut a: usize| {
        let mut v = vec![a];
        while let Some(h) = s.head[a] {
            if v.len() > s.len() {
                break;
            }
            v.push(h);
            a = h;
        }
        v
    };
    let (cx, ct) = (chain(x), chain(t));
    for (i, a) in cx.iter().enumerate() {
        if let Some(j) = ct.iter().position(|b| b == a) {
            return i + j;
        }
    }
    usize::MAX
}

#[cfg(test)]
mod tests {
    use crate::Coder;

    fn dates(text: &str, published: &str) -> Vec<(String, String, String, String)> {
        let coder = Coder::new(None).unwrap();
        let doc = fulcrum_extract::extract_text(text);
        coder
            .code_document(&doc, "t", Some(published))
            .into_iter()
            .filter(|e| e.plover.is_some())
            .map(|e| {
                (
                    e.trigger.text,
                    e.date.start.unwrap_or_default(),
                    e.date.end.unwrap_or_default(),
                    e.date.basis,
                )
            })
            .collect()
    }

    #[test]
    fn the_date_in_the_events_clause_wins() {
        let got = dates(
            "Kim Jong Un visited Beijing in late March, years after he took power in 2011.",
            "2018-05-01",
        );
        assert_eq!(
            got,
            vec![(
                "visited".into(),
                "2018-03-21".into(),
                "2018-03-31".into(),
                "relative".into()
            )]
        );
    }

    #[test]
    fn without_a_date_the_publication_date_stands_in() {
        let got = dates("Russia seized three Ukrainian ships.", "2018-11-26");
        assert_eq!(
            got,
            vec![(
                "seized".into(),
                "2018-11-26".into(),
                "2018-11-26".into(),
                "published".into()
            )]
        );
    }
}
