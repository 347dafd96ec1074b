//! People who speak in the news without acting for a state: experts, scholars, analysts,
//! journalists. They are recognised from the way news introduces them — a name and an
//! apposition ("Paik Hak-soon, the director of the Center for North Korean Studies at the Sejong
//! Institute in Seoul"), a role before the name ("analyst Go Myong-hyun"), or a name and an
//! institution ("Bruce Klingner of the Heritage Foundation") — and followed through the
//! document by their short name ("Paik"), by a description ("the Seoul-based expert", "the
//! South Korean scholar") and, in the analysis, by pronouns.
//!
//! They are never state actors: the places and organisations in their affiliation are not
//! actors either, so recognising a person also removes the actor mentions inside the
//! apposition that introduced them.

use crate::gazetteer::Gazetteer;
use crate::recognise::{DocContext, Mention, MentionKind};
use fulcrum_text::Token;

/// A person the document introduces who is not in the gazetteer as an office holder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocPerson {
    /// The name as the document first gives it in full ("Paik Hak-soon").
    pub name: String,
    /// The form used alone later ("Paik"): the family name.
    pub short: String,
    /// What the person is ("director", "professor of international relations"); may be empty.
    pub role: String,
    /// The organisations and places of the apposition, joined by ", " ("Center for North
    /// Korean Studies, Sejong Institute, Seoul"); may be empty.
    pub affiliation: String,
    /// The state the person is based in or belongs to, when the apposition names one ("KOR"
    /// for an institute in Seoul); empty when unknown. Descriptions such as "the South Korean
    /// scholar" are matched against it.
    pub country: String,
    /// Byte span of the first full mention in the document text.
    pub span: (usize, usize),
}

/// How a [`PersonMention`] names its person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PersonMentionKind {
    /// The full name.
    Named,
    /// The short name after a full mention ("Paik"), possibly after a role ("professor Paik").
    Short,
    /// A description ("the Seoul-based expert").
    Description,
    /// A pronoun ("he"), resolved in the analysis.
    Pronoun,
}

/// A mention of a [`DocPerson`]: tokens `start..end` of the sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonMention {
    pub start: usize,
    pub end: usize,
    /// Index into [`DocContext::people`].
    pub person: usize,
    pub kind: PersonMentionKind,
    /// Byte span (in the document text) of the mention this one was resolved from; `None`
    /// for a full name.
    pub antecedent: Option<(usize, usize)>,
}

/// Nouns naming what a commentator is. A name in apposition with one of them, or after one,
/// introduces a non-state person.
const ROLE_NOUNS: &[&str] = &[
    "expert",
    "analyst",
    "scholar",
    "professor",
    "academic",
    "researcher",
    "fellow",
    "lecturer",
    "economist",
    "specialist",
    "journalist",
    "reporter",
    "correspondent",
    "editor",
    "commentator",
    "columnist",
    "historian",
    "strategist",
    "observer",
    "author",
    "dean",
    "associate",
    "scientist",
    "consultant",
    "adviser",
    "advisor",
];

/// Heads of institutions: they make a non-state person only when the institution is one
/// ("director of the Center for North Korean Studies", not "director of the CIA").
const HEAD_NOUNS: &[&str] = &[
    "director",
    "head",
    "president",
    "chairman",
    "chair",
    "founder",
    "executive",
    "vice-president",
    "co-founder",
];

/// Words that make a capitalised phrase an institution rather than a government body.
const INSTITUTION_WORDS: &[&str] = &[
    "institute",
    "institution",
    "university",
    "center",
    "centre",
    "foundation",
    "council",
    "studies",
    "school",
    "college",
    "academy",
    "program",
    "programme",
    "group",
    "endowment",
    "fund",
    "forum",
    "society",
    "association",
    "initiative",
    "project",
    "review",
    "times",
    "post",
    "journal",
    "news",
    "network",
    "consultancy",
    "bank",
    "capital",
    "partners",
    "research",
    "federation",
    "scientists",
    "alliance",
    "league",
    "trust",
    "coalition",
    "watch",
    "international",
    "laboratory",
    "lab",
    "committee",
];

/// Nouns a description of a commentator ends in ("the Seoul-based expert").
const DESCRIPTION_NOUNS: &[&str] = &[
    "expert",
    "analyst",
    "scholar",
    "professor",
    "academic",
    "researcher",
    "economist",
    "specialist",
    "observer",
    "commentator",
    "historian",
    "director",
    "fellow",
];

/// Common East Asian family names, which come first in the name: "Paik Hak-soon" is Paik,
/// "Shi Yinhong" is Shi.
const FAMILY_FIRST: &[&str] = &[
    "kim", "lee", "park", "paik", "baek", "choi", "choe", "jung", "jeong", "chung", "kang", "cho",
    "yoon", "yun", "jang", "lim", "han", "oh", "seo", "suh", "shin", "kwon", "hwang", "ahn",
    "song", "ryu", "hong", "jeon", "ko", "go", "moon", "nam", "bae", "yoo", "ri", "pak", "wang",
    "li", "zhang", "liu", "chen", "yang", "zhao", "huang", "zhou", "wu", "xu", "sun", "ma", "hu",
    "guo", "he", "lin", "gao", "luo", "zheng", "liang", "xie", "tang", "feng", "deng", "cao",
    "peng", "zeng", "xiao", "tian", "dong", "yuan", "pan", "jiang", "cai", "yu", "du", "ye",
    "cheng", "wei", "su", "lu", "ding", "ren", "shen", "yao", "jin", "fu", "zhong", "cui", "tan",
    "fan", "shi", "qin", "jia", "xue", "hou", "nguyen", "tran", "le", "pham", "hoang", "vu",
];

fn is_cap_word(w: &str) -> bool {
    let mut chars = w.chars();
    chars.next().is_some_and(char::is_uppercase)
        && w.chars().count() > 1
        && w.chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’')
}

fn lower(w: &str) -> String {
    w.to_lowercase()
}

/// A middle initial ("H." in "Jean H. Lee").
fn is_initial(w: &str) -> bool {
    let mut c = w.chars();
    matches!((c.next(), c.next(), c.next()), (Some(a), Some('.'), None) if a.is_uppercase())
}

/// Words that start sentences or titles capitalised but are never part of a name.
fn is_name_part(w: &str) -> bool {
    is_cap_word(w)
        && !matches!(
            w,
            "The"
                | "A"
                | "An"
                | "But"
                | "And"
                | "In"
                | "On"
                | "At"
                | "He"
                | "She"
                | "It"
                | "They"
                | "We"
                | "I"
                | "This"
                | "That"
                | "Professor"
                | "Prof"
                | "Dr"
                | "Mr"
                | "Ms"
                | "Mrs"
                | "Analyst"
                | "Expert"
                | "Scholar"
        )
}

/// Finds the non-state people of one sentence (`tokens` of `text`), registering new ones in
/// `ctx.people`, and removes actor mentions inside the appositions that introduce them.
pub fn find_people(
    g: &Gazetteer,
    text: &str,
    tokens: &[Token],
    mentions: &mut Vec<Mention>,
    ctx: &mut DocContext,
) -> Vec<PersonMention> {
    let words: Vec<&str> = tokens.iter().map(|t| t.text(text)).collect();
    let in_actor = |i: usize, ms: &Vec<Mention>| ms.iter().any(|m| m.start <= i && i < m.end);
    let mut out: Vec<PersonMention> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if !is_name_part(words[i]) || in_actor(i, mentions) || out.iter().any(|p| p.end > i) {
            i += 1;
            continue;
        }
        // A run of capitalised words that no actor mention covers.
        let mut j = i;
        while j < words.len()
            && j - i < 4
            && (is_name_part(words[j])
                || (j > i
                    && is_initial(words[j])
                    && words.get(j + 1).is_some_and(|w| is_name_part(w))))
            && !in_actor(j, mentions)
        {
            j += 1;
        }
        let role_before = i > 0 && is_role_word(&lower(words[i - 1]));
        if j - i == 1 {
            // One word: a short name of someone introduced before.
            if let Some(p) = known_short(ctx, words[i]) {
                let start = if role_before { i - 1 } else { i };
                out.push(PersonMention {
                    start,
                    end: i + 1,
                    person: p,
                    kind: PersonMentionKind::Short,
                    antecedent: Some(ctx.people[p].span),
                });
                let tail = apposition_end(&words, i + 1);
                drop_inside(mentions, i + 1, tail);
            }
            i += 1;
            continue;
        }
        let name_words = &words[i..j];
        let name = name_words.join(" ");
        if let Some(p) = ctx.people.iter().position(|d| d.name == name) {
            out.push(PersonMention {
                start: i,
                end: j,
                person: p,
                kind: PersonMentionKind::Named,
                antecedent: None,
            });
            i = j;
            continue;
        }
        // A new name: introduced by an apposition, a role before it, or an institution.
        let appo = apposition(&words, j, mentions);
        // "Ankit Panda, from the Federation of American Scientists, warned": an institution
        // set off by commas.
        let of_institution = institution_after(&words, j).or_else(|| {
            (words.get(j) == Some(&","))
                .then(|| institution_after(&words, j + 1))
                .flatten()
        });
        if appo.is_none() && !role_before && of_institution.is_none() {
            i = j;
            continue;
        }
        let (role, tail_start) = match &appo {
            Some((role, start)) => (role.clone(), *start),
            None if role_before => (lower(words[i - 1]), j),
            None => (String::new(), j),
        };
        let tail = match (&appo, of_institution) {
            (None, Some(end)) if !role_before => end,
            _ => apposition_end(&words, tail_start),
        };
        let (affiliation, country) = affiliation_of(&words, tail_start, tail, mentions);
        let span = (tokens[i].start, tokens[j - 1].end);
        let short = short_name(name_words);
        ctx.other_surnames.insert(short.clone());
        ctx.surnames.remove(&short);
        ctx.people.push(DocPerson {
            name,
            short,
            role,
            affiliation,
            country,
            span,
        });
        let start = if role_before { i - 1 } else { i };
        out.push(PersonMention {
            start,
            end: j,
            person: ctx.people.len() - 1,
            kind: PersonMentionKind::Named,
            antecedent: None,
        });
        drop_inside(mentions, j, tail);
        i = tail.max(j);
    }
    descriptions(g, &words, mentions, ctx, &mut out);
    out.sort_by_key(|p| p.start);
    out
}

fn is_role_word(w: &str) -> bool {
    ROLE_NOUNS.contains(&w)
        || matches!(w, "dr" | "dr." | "prof" | "prof.")
        || w.strip_suffix('s').is_some_and(|s| ROLE_NOUNS.contains(&s))
}

/// The person a single capitalised word names, if it is the short name of someone introduced
/// before (the latest one wins).
fn known_short(ctx: &DocContext, w: &str) -> Option<usize> {
    ctx.people.iter().rposition(|d| d.short == w)
}

/// The family name of a full name.
fn short_name(name: &[&str]) -> String {
    let first = name[0];
    let second_hyphenated = name.get(1).is_some_and(|w| w.contains('-'));
    if second_hyphenated || FAMILY_FIRST.contains(&lower(first).as_str()) {
        first.to_string()
    } else {
        name[name.len() - 1].to_string()
    }
}

/// ", the director of ...", ", a professor of ...": the role of an apposition after the name
/// ending at token `j`, and where the words after the role start.
fn apposition(words: &[&str], j: usize, mentions: &[Mention]) -> Option<(String, usize)> {
    if words.get(j) != Some(&",") {
        return None;
    }
    let mut k = j + 1;
    if words
        .get(k)
        .is_some_and(|w| matches!(lower(w).as_str(), "the" | "a" | "an"))
    {
        k += 1;
    }
    // Up to three modifiers ("senior", "North Korea", "visiting") before the role noun.
    let role_start = k;
    for _ in 0..4 {
        let w = lower(words.get(k)?);
        let head = HEAD_NOUNS.contains(&w.as_str());
        if is_role_word(&w) || head {
            let tail = apposition_end(words, k + 1);
            if head && !institution_in(&words[k + 1..tail]) {
                return None;
            }
            // A government body in the apposition makes an official, not a commentator.
            if !head
                && mentions
                    .iter()
                    .any(|m| m.start > k && m.end <= tail && m.kind == MentionKind::Named)
            {
                return None;
            }
            let mut role_end = k + 1;
            // "professor of international relations": lower-case words after "of" belong to
            // the role; a capitalised one starts the affiliation.
            if words.get(role_end) == Some(&"of")
                && words
                    .get(role_end + 1)
                    .is_some_and(|w| w.chars().next().is_some_and(char::is_lowercase))
                && words.get(role_end + 1) != Some(&"the")
            {
                role_end += 1;
                while role_end < tail
                    && words[role_end]
                        .chars()
                        .next()
                        .is_some_and(char::is_lowercase)
                    && !matches!(words[role_end], "at" | "of" | "in" | "with" | "from")
                {
                    role_end += 1;
                }
            }
            let role = words[role_start..role_end].join(" ");
            return Some((role, role_end));
        }
        k += 1;
    }
    None
}

/// Whether the words hold an institution's name ("Sejong Institute").
fn institution_in(words: &[&str]) -> bool {
    words
        .iter()
        .any(|w| is_cap_word(w) && INSTITUTION_WORDS.contains(&lower(w).as_str()))
}

/// "of the Heritage Foundation", "from the Sejong Institute" right after a name: an
/// institution the person belongs to.
fn institution_after(words: &[&str], j: usize) -> Option<usize> {
    if !words
        .get(j)
        .is_some_and(|w| matches!(*w, "of" | "from" | "at"))
    {
        return None;
    }
    let tail = apposition_end(words, j);
    let mut k = j + 1;
    if words.get(k).is_some_and(|w| lower(w) == "the") {
        k += 1;
    }
    let mut e = k;
    while e < tail && (is_cap_word(words[e]) || matches!(words[e], "for" | "of" | "and" | "on")) {
        e += 1;
    }
    institution_in(&words[k..e]).then_some(e)
}

/// Where an apposition starting at `k` ends: at the next comma, clause punctuation, or speech
/// verb.
fn apposition_end(words: &[&str], k: usize) -> usize {
    let mut e = k;
    while e < words.len()
        && !matches!(
            words[e],
            "," | ";" | ":" | "." | "(" | ")" | "\"" | "“" | "”" | "—" | "–"
        )
        && !matches!(
            words[e],
            "said" | "told" | "says" | "argued" | "added" | "noted" | "wrote"
        )
    {
        e += 1;
    }
    e
}

/// The capitalised phrases of an apposition (organisations and places), and the state the
/// place names: "at the Sejong Institute in Seoul" → ("Sejong Institute, Seoul", "KOR").
fn affiliation_of(
    words: &[&str],
    start: usize,
    end: usize,
    mentions: &[Mention],
) -> (String, String) {
    let mut parts: Vec<String> = Vec::new();
    let mut k = start;
    while k < end {
        if is_cap_word(words[k]) && lower(words[k]) != "the" {
            let mut e = k + 1;
            while e < end
                && (is_cap_word(words[e])
                    || (matches!(words[e], "for" | "of" | "and" | "on")
                        && words.get(e + 1).is_some_and(|w| is_cap_word(w))))
            {
                e += 1;
            }
            parts.push(words[k..e].join(" "));
            k = e;
        } else {
            k += 1;
        }
    }
    // The state: a place after "in" or "-based", else any state or capital in the apposition.
    let located = mentions.iter().filter(|m| m.start >= start && m.end <= end);
    let after_in = located
        .clone()
        .find(|m| m.start > 0 && matches!(words[m.start - 1], "in" | "from"));
    let country = after_in
        .or_else(|| {
            located
                .clone()
                .rfind(|m| matches!(m.kind, MentionKind::Metonym | MentionKind::State))
        })
        .map(|m| m.code.clone())
        .unwrap_or_default();
    (parts.join(", "), country)
}

/// Removes the actor mentions inside `from..to`: places and organisations of an affiliation.
fn drop_inside(mentions: &mut Vec<Mention>, from: usize, to: usize) {
    mentions.retain(|m| !(m.start >= from && m.end <= to));
}

/// "The Seoul-based expert", "the South Korean scholar", "the Chinese scholar": the latest
/// person introduced whose state matches (or any, when the description names none).
fn descriptions(
    g: &Gazetteer,
    words: &[&str],
    mentions: &mut Vec<Mention>,
    ctx: &DocContext,
    out: &mut Vec<PersonMention>,
) {
    if ctx.people.is_empty() {
        return;
    }
    for k in 1..words.len() {
        let noun = lower(words[k]);
        if !DESCRIPTION_NOUNS.contains(&noun.as_str())
            || out.iter().any(|p| p.start <= k && k < p.end)
        {
            continue;
        }
        // "the", up to three modifiers, the noun. A plural ("scholars") or a description
        // without the article is a group, not the person named before.
        let Some(d) = (k.saturating_sub(4)..k)
            .rev()
            .find(|&d| lower(words[d]) == "the")
        else {
            continue;
        };
        let modifiers: Vec<&str> = words[d + 1..k]
            .iter()
            .map(|w| w.strip_suffix("-based").unwrap_or(w))
            .filter(|w| {
                !matches!(
                    lower(w).as_str(),
                    "senior" | "veteran" | "leading" | "noted"
                )
            })
            .collect();
        if modifiers
            .iter()
            .any(|w| !w.chars().all(|c| c.is_alphabetic() || c == '.'))
        {
            continue;
        }
        let state = if modifiers.is_empty() {
            None
        } else {
            match crate::code_for_name(g, &modifiers.join(" ")) {
                Some(c) => Some(c),
                // Modifiers that name no state ("the political scholar") do not describe
                // anyone in particular.
                None => continue,
            }
        };
        // The latest person of that state; failing that, the latest whose state the
        // document did not say (the description tells what the apposition left out).
        let found = ctx
            .people
            .iter()
            .rposition(|p| state.as_ref().is_none_or(|c| &p.country == c))
            .or_else(|| ctx.people.iter().rposition(|p| p.country.is_empty()));
        if let Some(p) = found {
            out.push(PersonMention {
                start: d,
                end: k + 1,
                person: p,
                kind: PersonMentionKind::Description,
                antecedent: Some(ctx.people[p].span),
            });
            drop_inside(mentions, d, k + 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn people_of(sentences: &[&str]) -> (Vec<Vec<(String, PersonMentionKind)>>, DocContext) {
        let g = Gazetteer::builtin().unwrap();
        let mut ctx = DocContext::default();
        let mut out = Vec::new();
        for s in sentences {
            let toks = fulcrum_text::tokenize(s, (0, s.len()));
            let mut mentions = crate::recognise(&g, s, &toks, &mut ctx);
            let found = find_people(&g, s, &toks, &mut mentions, &mut ctx);
            out.push(
                found
                    .iter()
                    .map(|p| (ctx.people[p.person].name.clone(), p.kind))
                    .collect(),
            );
        }
        (out, ctx)
    }

    #[test]
    fn apposition_gives_role_affiliation_and_state() {
        let (_, ctx) = people_of(&["Paik Hak-soon, the director of the Center for North Korean Studies at the Sejong Institute in Seoul, told reporters."]);
        let p = &ctx.people[0];
        assert_eq!(p.name, "Paik Hak-soon");
        assert_eq!(p.short, "Paik");
        assert_eq!(p.role, "director");
        assert_eq!(
            p.affiliation,
            "Center for North Korean Studies, Sejong Institute, Seoul"
        );
        assert_eq!(p.country, "KOR");
    }

    #[test]
    fn places_of_an_affiliation_are_not_actors() {
        let g = Gazetteer::builtin().unwrap();
        let s = "Shi Yinhong, a professor of international relations at Renmin University in Beijing, said so.";
        let mut ctx = DocContext::default();
        let toks = fulcrum_text::tokenize(s, (0, s.len()));
        let mut mentions = crate::recognise(&g, s, &toks, &mut ctx);
        find_people(&g, s, &toks, &mut mentions, &mut ctx);
        assert!(mentions.is_empty(), "{mentions:?}");
        assert_eq!(ctx.people[0].role, "professor of international relations");
        assert_eq!(ctx.people[0].affiliation, "Renmin University, Beijing");
    }

    #[test]
    fn short_names_and_descriptions_refer_back() {
        let (found, _) = people_of(&[
            "Bruce Klingner of the Heritage Foundation said talks would fail.",
            "Klingner added that sanctions should stay.",
            "The American expert was not alone.",
        ]);
        assert_eq!(
            found[1],
            vec![("Bruce Klingner".into(), PersonMentionKind::Short)]
        );
        assert_eq!(
            found[2],
            vec![("Bruce Klingner".into(), PersonMentionKind::Description)]
        );
    }

    #[test]
    fn a_government_body_makes_an_official_not_a_commentator() {
        let (found, _) = people_of(&["John Smith, the director of the CIA, said so."]);
        assert!(found[0].is_empty(), "{found:?}");
    }

    #[test]
    fn family_names_come_first_in_east_asian_names() {
        assert_eq!(short_name(&["Shi", "Yinhong"]), "Shi");
        assert_eq!(short_name(&["Go", "Myong-hyun"]), "Go");
        assert_eq!(short_name(&["Bruce", "Klingner"]), "Klingner");
    }
}
