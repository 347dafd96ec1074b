//! Recognising actor mentions in the tokens of one sentence.

use crate::gazetteer::{norm, Gazetteer, Item};
use fulcrum_text::Token;
use rustc_hash::{FxHashMap, FxHashSet};

/// What kind of words a mention was built from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentionKind {
    /// A state's name, possibly with a sector or title ("Russia's coast guard").
    State,
    /// A state's adjective before an ordinary noun ("Ukrainian vessels"): the state is the
    /// actor only in a loose sense, which the coder may use for targets.
    Adjectival,
    /// A capital or seat of government standing for the government ("Pyongyang").
    Metonym,
    /// An international organisation.
    Igo,
    /// A named agency with its own state and sector.
    Named,
    /// A person of the gazetteer, by full name or by surname in context.
    Person,
    /// A pronoun ("he", "its") standing for an actor named before.
    Pronoun,
    /// One half of "the two leaders", "both sides": the pair named before. The two halves
    /// are adjacent mentions, the first on "two"/"both", the second on the noun.
    Pair,
}

/// One actor mention: tokens `start..end` of the sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub code: String,
    pub sector: String,
    pub kind: MentionKind,
    /// The gazetteer index of the person named in the mention, if any.
    pub person: Option<usize>,
    /// Where (byte span in the document text) the actor this mention stands for was named:
    /// the full name behind a surname, the antecedent of a pronoun. `None` when the mention
    /// names its actor itself.
    pub antecedent: Option<(usize, usize)>,
}

/// An actor that a later pronoun may refer to: its code and sector, and where it was named
/// (byte span in the document text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Salient {
    pub code: String,
    pub sector: String,
    pub span: (usize, usize),
    /// The gazetteer person, when the salient actor is one.
    pub person: Option<usize>,
    /// Set when the salient person is one of [`DocContext::people`] rather than an actor.
    pub doc_person: Option<usize>,
}

/// What recognition remembers across the sentences of one document: the people already named
/// in full (so that "Kim" later means the Kim named before) and the reference date.
#[derive(Debug, Default, Clone)]
pub struct DocContext {
    /// Surname → index of the person most recently named in full.
    pub surnames: FxHashMap<String, usize>,
    /// Surnames the document gave to someone the gazetteer does not know ("Song Tao" when the
    /// gazetteer's Song is another man): a bare "Song" later is that person, not the
    /// gazetteer's.
    pub other_surnames: FxHashSet<String>,
    /// The date roles are looked up at (`YYYY-MM-DD`), usually the publication date.
    pub date: Option<String>,
    /// The first person named in the latest sentence that named one: what "he" or "she" at
    /// the start of the next sentence most often refers to.
    pub salient_person: Option<Salient>,
    /// Likewise for states, organisations and agencies, for "it" and "its".
    pub salient_org: Option<Salient>,
    /// Likewise for states alone, for "the country", "the Gulf kingdom".
    pub salient_state: Option<Salient>,
    /// The one group named in plural in the latest sentence ("North Korean officials", "the
    /// Houthis"), with that sentence's number: what "they" and "their" in the next sentence
    /// refer to.
    pub salient_group: Option<(Salient, usize)>,
    /// How many sentences have been read.
    pub sentence_no: usize,
    /// The non-state people (experts, scholars) the document has introduced so far.
    pub people: Vec<crate::people::DocPerson>,
    /// Gazetteer person → byte span of the latest mention naming them in full, for the
    /// antecedent of a later surname.
    pub full_mentions: FxHashMap<usize, (usize, usize)>,
    /// Whether the sentence being read is a title-case headline, where a capitalised word
    /// after a surname does not make it part of a longer name.
    pub headline: bool,
    /// The latest two distinct actors named in one sentence, for "the two leaders".
    pub salient_pair: Option<[(String, String); 2]>,
    /// The latest international organisation named, for "the resolution" it adopted.
    pub salient_igo: Option<(String, String)>,
    /// Concrete nouns seen with an owner ("Ukrainian vessels"), so that "the vessels" later
    /// in the document still belongs to that owner.
    pub owned_nouns: FxHashMap<String, (String, String)>,
    /// How often each state was named as an argument, in which order it first appeared, and
    /// its sector: what "the two leaders" picks from.
    pub actor_counts: FxHashMap<String, (usize, usize, String)>,
}

/// Modifiers allowed between a state word and a title or sector word ("Chinese Vice Foreign
/// Minister", "the Russian state news agency").
const MODIFIERS: &[&str] = &[
    "vice",
    "deputy",
    "top",
    "senior",
    "acting",
    "chief",
    "state",
    "federal",
    "national",
    "then",
    "new",
    "first",
    "interim",
    "elite",
    "official",
    "first-ever",
    "veteran",
    "former",
];

/// Nouns after a state adjective that name commentators, not actors: "Chinese scholars",
/// "South Korean experts". Their opinions are not events.
const NON_ACTOR_NOUNS: &[&str] = &[
    "expert",
    "experts",
    "analyst",
    "analysts",
    "scholar",
    "scholars",
    "professor",
    "professors",
    "researcher",
    "researchers",
    "academic",
    "academics",
    "commentator",
    "commentators",
    "observer",
    "observers",
    "economist",
    "economists",
    "historian",
    "historians",
    "writer",
    "novelist",
    "artist",
    "singer",
    "actor",
    "actress",
    "athlete",
    "athletes",
    "player",
    "players",
    "team",
    "fans",
    "tourist",
    "tourists",
    "food",
    "cuisine",
    "language",
    "peninsula",
    "border",
    "won",
    "yuan",
    "ruble",
    "rouble",
    "dollar",
    "mainland",
    "coast",
    "waters",
    "territory",
    "side",
    "capital",
];

/// Surnames that are also ordinary words capitalised at the start of a sentence or in dates.
const AMBIGUOUS_SURNAMES: &[&str] = &[
    "He", "An", "Do", "Ho", "So", "No", "Ma", "Man", "Long", "Sun", "Chun", "Gen", "Mo", "May",
    "June", "March", "April", "August", "Rice", "Young", "King", "Long", "Little", "Rich", "Hope",
    "Brown", "White", "Black", "Green", "Love", "Strong", "Rose", "Bishop", "Moon", "Sun", "Park",
    "Guard", "Law", "Power", "Price", "Hill", "Wood", "Ball", "Case", "Chase", "Hunt", "Stone",
    "Wall", "Field", "Lord", "Said", "Will", "Mark", "Bill", "Grant", "Pence", "Major",
];

#[derive(Debug, Clone)]
struct Lex {
    start: usize,
    end: usize,
    item: Item,
}

/// Finds the actor mentions among `tokens` (spans into `text`), updating `ctx` with the people
/// named in full.
pub fn recognise(
    g: &Gazetteer,
    text: &str,
    tokens: &[Token],
    ctx: &mut DocContext,
) -> Vec<Mention> {
    let words: Vec<String> = tokens.iter().map(|t| norm(t.text(text))).collect();
    let lexes = scan(g, &words);
    let mut out = Vec::new();
    let mut k = 0;
    while k < lexes.len() {
        let (mention, used) = compose(g, &words, &lexes, k, ctx);
        if let Some(mut m) = mention {
            if let Some(p) = m.person {
                let person = &g.people[p];
                let full = lexes[k..(k + used.max(1)).min(lexes.len())]
                    .iter()
                    .any(|lx| lx.item == Item::Person(p));
                if full {
                    let span = (tokens[m.start].start, tokens[m.end - 1].end);
                    ctx.full_mentions.insert(p, span);
                    if !person.surname.is_empty() {
                        ctx.surnames.insert(person.surname.clone(), p);
                        ctx.other_surnames.remove(&person.surname);
                    }
                } else {
                    m.antecedent = ctx.full_mentions.get(&p).copied();
                }
            } else if m.kind == MentionKind::State {
                link_title(
                    g,
                    &words,
                    &lexes[k..(k + used.max(1)).min(lexes.len())],
                    &mut m,
                    ctx,
                );
            }
            settle_office(g, &words, &mut m, ctx);
            out.push(m);
        } else if let Item::Surname(p) = &lexes[k].item {
            // A surname followed by a given name the gazetteer does not know introduces
            // someone else of that surname.
            let next = words.get(lexes[k].end).map(String::as_str).unwrap_or("");
            if !ctx.headline
                && is_cap(next)
                && next.len() > 1
                && next.chars().all(|c| c.is_alphabetic() || c == '-')
            {
                ctx.other_surnames.insert(g.people[*p].surname.clone());
                // The latest person of that surname is now this one, not the gazetteer's.
                ctx.surnames.remove(&g.people[*p].surname);
            }
        }
        k += used.max(1);
    }
    elliptical(g, &words, &mut out);
    out
}

/// A named person who no longer holds office on the document's date, or whom the text calls
/// "former", is a former official: their own country, sector ELI (not the government) —
/// unless the text says "then-", which puts the office at the time the sentence speaks of,
/// or the title names a non-government office ("Opposition leader").
fn settle_office(g: &Gazetteer, words: &[String], m: &mut Mention, ctx: &DocContext) {
    let Some(p) = m.person else { return };
    if m.kind != MentionKind::Person {
        return;
    }
    let before = m
        .start
        .checked_sub(1)
        .map(|i| words[i].to_lowercase())
        .unwrap_or_default();
    let first = words[m.start].to_lowercase();
    if before.trim_end_matches(['-', '–']) == "then" || first.starts_with("then-") {
        return;
    }
    let person = &g.people[p];
    let said_former = matches!(before.as_str(), "former" | "ex" | "ex-" | "late");
    let government = matches!(m.sector.as_str(), "GOV" | "MIL" | "ELI" | "");
    if said_former || (government && person.is_former_on(ctx.date.as_deref())) {
        m.sector = "ELI".to_string();
        m.code = person.country.clone();
    }
}

/// "The Chinese president" after "Chinese President Xi Jinping": a state's title without a
/// name stands for the person the document last named in full who holds that office then.
fn link_title(g: &Gazetteer, words: &[String], lexes: &[Lex], m: &mut Mention, ctx: &DocContext) {
    let Some(title) = lexes
        .iter()
        .rev()
        .find(|lx| matches!(lx.item, Item::Title(_)))
    else {
        return;
    };
    // "A former Israeli prime minister": someone who held the office, not the government.
    let former =
        m.start > 0 && matches!(words[m.start - 1].to_lowercase().as_str(), "former" | "ex");
    if former {
        m.sector = "ELI".to_string();
    }
    let word = words[title.end - 1].to_lowercase();
    // Generic words stand for a family of offices.
    let fits = |t: &str| {
        let t = t.to_lowercase();
        match word.as_str() {
            "leader" => matches!(
                t.as_str(),
                "president"
                    | "prime minister"
                    | "supreme leader"
                    | "chairman"
                    | "general secretary"
                    | "king"
                    | "chancellor"
                    | "premier"
                    | "emir"
                    | "crown prince"
            ),
            "diplomat" => matches!(
                t.as_str(),
                "foreign minister"
                    | "secretary of state"
                    | "foreign secretary"
                    | "external affairs minister"
            ),
            w => t.split_whitespace().last() == Some(w),
        }
    };
    let date = ctx.date.as_deref();
    let holds = |p: usize| {
        let person = &g.people[p];
        if former {
            // A former holder: held the office and left it before the date.
            return person.country == m.code
                && person.roles.iter().any(|r| {
                    fits(&r.title) && !r.to.is_empty() && date.is_none_or(|d| r.to.as_str() <= d)
                });
        }
        person.code_on(date) == m.code
            && person.roles.iter().any(|r| {
                fits(&r.title)
                    && date.is_none_or(|d| {
                        r.from.as_str() <= d && (r.to.is_empty() || d < r.to.as_str())
                    })
            })
    };
    if let Some((&p, &span)) = ctx
        .full_mentions
        .iter()
        .filter(|(&p, _)| holds(p))
        .max_by_key(|(_, &span)| span.0)
    {
        m.person = Some(p);
        m.antecedent = Some(span);
    }
}

/// "North and South Korea", "East and West Germany": the first conjunct borrows the rest of
/// the second one's name.
fn elliptical(g: &Gazetteer, words: &[String], out: &mut Vec<Mention>) {
    let mut extra = Vec::new();
    for m in out.iter() {
        if m.start < 2 || m.end - m.start < 2 || words[m.start - 1] != "and" {
            continue;
        }
        let first = &words[m.start - 2];
        if !is_cap(first)
            || out
                .iter()
                .any(|o| o.end > m.start - 2 && o.start <= m.start - 2)
        {
            continue;
        }
        let rest: Vec<String> = words[m.start + 1..m.end].to_vec();
        if let Some(cands) = g.exact.get(first) {
            for (r, item) in cands {
                if *r == rest {
                    if let Item::Country(c) = item {
                        extra.push(Mention {
                            start: m.start - 2,
                            end: m.start - 1,
                            code: c.clone(),
                            sector: String::new(),
                            kind: MentionKind::State,
                            person: None,
                            antecedent: None,
                        });
                    }
                }
            }
        }
    }
    out.extend(extra);
    out.sort_by_key(|m| m.start);
}

/// The longest gazetteer entry starting at each token, left to right, without overlaps.
fn scan(g: &Gazetteer, words: &[String]) -> Vec<Lex> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let mut best: Option<(usize, Item)> = None;
        if let Some(cands) = g.exact.get(&words[i]) {
            for (rest, item) in cands {
                let n = rest.len();
                if i + 1 + n <= words.len()
                    && words[i + 1..i + 1 + n]
                        .iter()
                        .zip(rest)
                        .all(|(a, b)| a == b)
                    && best.as_ref().is_none_or(|(l, _)| n + 1 > *l)
                {
                    best = Some((n + 1, item.clone()));
                }
            }
        }
        let lower = words[i].to_lowercase();
        if let Some(cands) = g.folded.get(&lower) {
            for (rest, item) in cands {
                let n = rest.len();
                if i + 1 + n <= words.len()
                    && words[i + 1..i + 1 + n]
                        .iter()
                        .zip(rest)
                        .all(|(a, b)| a.to_lowercase() == *b)
                    // A word listed both as a sector word and as a title ("president") is
                    // read as the title, which can introduce a name.
                    && best.as_ref().is_none_or(|(l, b)| n + 1 > *l || (n + 1 == *l && matches!(b, Item::Sector(_)) && matches!(item, Item::Title(_))))
                {
                    best = Some((n + 1, item.clone()));
                }
            }
        }
        match best {
            Some((len, item)) => {
                out.push(Lex {
                    start: i,
                    end: i + len,
                    item,
                });
                i += len;
            }
            None => i += 1,
        }
    }
    out
}

fn is_possessive(w: &str) -> bool {
    w == "'s" || w == "'"
}

fn is_cap(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_uppercase())
}

/// Builds the mention that starts at lexical item `k`; returns it (if any) and how many
/// lexical items it used.
fn compose(
    g: &Gazetteer,
    words: &[String],
    lexes: &[Lex],
    k: usize,
    ctx: &DocContext,
) -> (Option<Mention>, usize) {
    let first = &lexes[k];
    let date = ctx.date.as_deref();
    let (code, mut sector, kind, person) = match &first.item {
        Item::Country(c) => (c.clone(), String::new(), MentionKind::State, None),
        Item::Adjective(c) => (c.clone(), String::new(), MentionKind::Adjectival, None),
        Item::Metonym(c, s) => (c.clone(), s.clone(), MentionKind::Metonym, None),
        Item::Igo(c) => (c.clone(), String::new(), MentionKind::Igo, None),
        Item::Named(c, s) => (c.clone(), s.clone(), MentionKind::Named, None),
        Item::Person(p) => {
            let pp = &g.people[*p];
            (
                pp.code_on(date),
                pp.sector_on(date),
                MentionKind::Person,
                Some(*p),
            )
        }
        Item::Surname(p) => match resolve_surname(g, words, first, *p, ctx, false) {
            Some(p) => {
                let pp = &g.people[p];
                (
                    pp.code_on(date),
                    pp.sector_on(date),
                    MentionKind::Person,
                    Some(p),
                )
            }
            None => return (None, 1),
        },
        Item::NotActor => return (None, 1),
        Item::StateTitle(c, s) => (c.clone(), s.clone(), MentionKind::State, None),
        Item::Title(ts) => {
            // A title followed by a person: "President Xi", "Foreign Minister Wang Yi".
            let mut j = k;
            let mut title_sector = ts.clone();
            while j + 1 < lexes.len()
                && lexes[j + 1].start == lexes[j].end
                && matches!(lexes[j + 1].item, Item::Title(_))
            {
                j += 1;
                if let Item::Title(s) = &lexes[j].item {
                    title_sector = s.clone();
                }
            }
            if j + 1 < lexes.len() && lexes[j + 1].start == lexes[j].end {
                let next = &lexes[j + 1];
                let p = match next.item {
                    Item::Person(p) => Some(p),
                    Item::Surname(p) => resolve_surname(g, words, next, p, ctx, true),
                    _ => None,
                };
                if let Some(p) = p {
                    let pp = &g.people[p];
                    // Former holders are settled for every path in `settle_office`.
                    let sector = title_sector;
                    let m = Mention {
                        start: first.start,
                        end: next.end,
                        code: pp.code_on(date),
                        sector,
                        kind: MentionKind::Person,
                        person: Some(p),
                        antecedent: None,
                    };
                    return (Some(m), j + 2 - k);
                }
            }
            return (None, j + 1 - k);
        }
        Item::Sector(s) => {
            // "the army of Pakistan": a sector word, "of", and a state.
            let e = first.end;
            if e + 1 < words.len() && words[e] == "of" {
                if let Some(next) = lexes.get(k + 1) {
                    let gap_ok = next.start == e + 1
                        || (next.start == e + 2 && words[e + 1].eq_ignore_ascii_case("the"));
                    if let (true, Item::Country(c)) = (gap_ok, &next.item) {
                        let m = Mention {
                            start: first.start,
                            end: next.end,
                            code: c.clone(),
                            sector: s.clone(),
                            kind: MentionKind::State,
                            person: None,
                            antecedent: None,
                        };
                        return (Some(m), 2);
                    }
                }
            }
            return (None, 1);
        }
    };
    let mut end = first.end;
    let mut used = 1;
    let mut person = person;
    let mut kind = kind;
    // Extend over "'s", modifiers, sector words, titles and a final person's name.
    if matches!(
        kind,
        MentionKind::State
            | MentionKind::Adjectival
            | MentionKind::Metonym
            | MentionKind::Igo
            | MentionKind::Named
    ) {
        let mut pos = end;
        let mut j = k + 1;
        if pos < words.len() && is_possessive(&words[pos]) && kind != MentionKind::Adjectival {
            pos += 1;
        }
        let mut extended = false;
        loop {
            // A modifier that starts a longer title or sector ("chief of the general staff",
            // "National Assembly") is part of it, not skipped.
            while pos < words.len()
                && MODIFIERS.contains(&words[pos].to_lowercase().as_str())
                && lexes.get(j).is_none_or(|lx| lx.start != pos)
            {
                pos += 1;
            }
            let Some(lx) = lexes.get(j) else { break };
            if lx.start != pos {
                break;
            }
            match &lx.item {
                Item::Sector(s) | Item::Title(s) => {
                    sector = s.clone();
                    if kind == MentionKind::Adjectival {
                        kind = MentionKind::State;
                    }
                    end = lx.end;
                    pos = lx.end;
                    j += 1;
                    extended = true;
                }
                Item::Person(p) if extended || kind == MentionKind::Adjectival => {
                    person = Some(*p);
                    if sector.is_empty() {
                        sector = g.people[*p].sector_on(date);
                    }
                    kind = MentionKind::Person;
                    end = lx.end;
                    j += 1;
                    break;
                }
                Item::Surname(p) if extended => {
                    if let Some(p) = resolve_surname(g, words, lx, *p, ctx, true) {
                        person = Some(p);
                        kind = MentionKind::Person;
                        end = lx.end;
                        j += 1;
                    }
                    break;
                }
                _ => break,
            }
        }
        used = j - k;
        if kind == MentionKind::Adjectival {
            // "Chinese scholars", "the Korean peninsula": no actor.
            let next = words.get(end).map(|w| w.to_lowercase()).unwrap_or_default();
            if NON_ACTOR_NOUNS.contains(&next.as_str()) {
                return (None, used);
            }
        }
        if kind == MentionKind::State
            && sector.is_empty()
            && end < words.len()
            && NON_ACTOR_NOUNS.contains(&words[end].to_lowercase().as_str())
            && first.item != Item::Country(code.clone())
        {
            return (None, used);
        }
    }
    // "US made", "Russian-built": where a weapon was made says nothing about who used it.
    if kind != MentionKind::Person
        && words
            .get(end)
            .is_some_and(|w| matches!(w.as_str(), "made" | "built" | "manufactured" | "designed"))
    {
        return (None, used);
    }
    // "The UN chief", "the U.N. secretary-general": the organisation's head, its executive.
    if kind == MentionKind::Igo
        && sector.is_empty()
        && matches!(
            words[end - 1].to_lowercase().as_str(),
            "secretary-general" | "general" | "chief" | "secretariat" | "head" | "envoy"
        )
    {
        sector = "GOV".to_string();
    }
    (
        Some(Mention {
            start: first.start,
            end,
            code,
            sector,
            kind,
            person,
            antecedent: None,
        }),
        used,
    )
}

/// A bare surname names a person when the document named that person in full before, when it
/// follows a title, or when the gazetteer has only one person of that surname; never when it
/// is part of a longer capitalised name the gazetteer does not know ("Kim Yong Chol").
fn resolve_surname(
    g: &Gazetteer,
    words: &[String],
    lx: &Lex,
    p: usize,
    ctx: &DocContext,
    after_title: bool,
) -> Option<usize> {
    let next = words.get(lx.end).map(String::as_str).unwrap_or("");
    if !ctx.headline
        && is_cap(next)
        && next.chars().all(|c| c.is_alphabetic() || c == '-')
        && next.len() > 1
    {
        return None;
    }
    if !after_title && lx.start > 0 {
        let prev = &words[lx.start - 1];
        if is_cap(prev)
            && prev.chars().all(|c| c.is_alphabetic())
            && !matches!(
                prev.as_str(),
                "Mr" | "Mr." | "Ms" | "Ms." | "Mrs" | "Mrs." | "Dr" | "Dr."
            )
            && lx.start > 1
        {
            return None;
        }
    }
    // "May 5", "in May": a month, whoever the document named before.
    if !after_title && AMBIGUOUS_SURNAMES.contains(&words[lx.start].as_str()) {
        let next_is_number = next.chars().next().is_some_and(|c| c.is_ascii_digit());
        let prev = lx
            .start
            .checked_sub(1)
            .map(|i| words[i].to_lowercase())
            .unwrap_or_default();
        let time_word = matches!(
            prev.as_str(),
            "in" | "since"
                | "until"
                | "till"
                | "early"
                | "late"
                | "mid"
                | "last"
                | "next"
                | "by"
                | "before"
                | "after"
                | "during"
                | "from"
                | "through"
        );
        if next_is_number || time_word {
            return None;
        }
    }
    let surname = &g.people[p].surname;
    if let Some(&q) = ctx.surnames.get(surname) {
        return Some(q);
    }
    if !after_title && ctx.other_surnames.contains(surname) {
        return None;
    }
    // Surnames that are also months or common words ("May", "Rice", "Young") name a person
    // only after a title or a full mention.
    if !after_title && AMBIGUOUS_SURNAMES.contains(&words[lx.start].as_str()) {
        return None;
    }
    if g.surname_count.get(surname).copied().unwrap_or(0) == 1 {
        return Some(p);
    }
    if after_title {
        // Several people share the surname: prefer one in office at the reference date.
        let date = ctx.date.as_deref();
        let mut cands: Vec<usize> = g
            .people
            .iter()
            .enumerate()
            .filter(|(_, x)| &x.surname == surname)
            .map(|(i, _)| i)
            .collect();
        cands.retain(|&i| {
            g.people[i].roles.iter().any(|r| {
                date.is_none_or(|d| r.from.as_str() <= d && (r.to.is_empty() || d <= r.to.as_str()))
            })
        });
        if cands.len() == 1 {
            return Some(cands[0]);
        }
        // Still several: the title before the name decides ("President Trump").
        let title = lx
            .start
            .checked_sub(1)
            .map(|i| words[i].to_lowercase())
            .unwrap_or_default();
        let titled: Vec<usize> = cands
            .into_iter()
            .filter(|&i| {
                g.people[i].roles.iter().any(|r| {
                    r.title.to_lowercase().split_whitespace().last() == Some(title.as_str())
                })
            })
            .collect();
        if titled.len() == 1 {
            return Some(titled[0]);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const DATA: &str = r#"
[[country]]
code = "CHN"
names = ["China", "People's Republic of China"]
adjectives = ["Chinese"]
government = ["Beijing"]
[[country]]
code = "RUS"
names = ["Russia"]
adjectives = ["Russian"]
government = ["Moscow", "the Kremlin"]
[[country]]
code = "PRK"
names = ["North Korea", "DPRK"]
adjectives = ["North Korean"]
government = ["Pyongyang"]
[[sector]]
code = "MIL"
words = ["coast guard", "navy", "troops"]
[[sector]]
code = "GOV"
words = ["foreign ministry", "government"]
[[title]]
words = ["Foreign Minister", "President", "leader"]
sector = "GOV"
[[person]]
name = "Wang Yi"
surname = "Wang"
country = "CHN"
roles = [{ title = "Foreign Minister", sector = "GOV", from = "2013-03-16", to = "" }]
[[person]]
name = "Kim Jong Un"
variants = ["Kim Jong-un"]
surname = "Kim"
country = "PRK"
roles = [{ title = "Supreme Leader", sector = "GOV", from = "2011-12-17", to = "" }]
[[person]]
name = "Kim Il Sung"
surname = "Kim"
country = "PRK"
roles = [{ title = "Supreme Leader", sector = "GOV", from = "1948-09-09", to = "1994-07-08" }]
"#;

    fn mentions(text: &str, ctx: &mut DocContext) -> Vec<(String, String, String)> {
        let mut g = Gazetteer::default();
        g.add_toml("test.toml", DATA).unwrap();
        let toks = fulcrum_text::tokenize(text, (0, text.len()));
        recognise(&g, text, &toks, ctx)
            .into_iter()
            .map(|m| (toks[m.start].start, toks[m.end - 1].end, m))
            .map(|(s, e, m)| (text[s..e].to_string(), m.code, m.sector))
            .collect()
    }

    #[test]
    fn composes_titles_sectors_and_names() {
        let mut ctx = DocContext::default();
        let got = mentions("Chinese Foreign Minister Wang Yi met North Korean leader Kim Jong Un as Russia's coast guard and the Kremlin watched.", &mut ctx);
        assert_eq!(
            got,
            vec![
                (
                    "Chinese Foreign Minister Wang Yi".into(),
                    "CHN".into(),
                    "GOV".into()
                ),
                (
                    "North Korean leader Kim Jong Un".into(),
                    "PRK".into(),
                    "GOV".into()
                ),
                ("Russia's coast guard".into(), "RUS".into(), "MIL".into()),
                ("Kremlin".into(), "RUS".into(), "GOV".into()),
            ]
        );
        // Surnames resolve to the person named before.
        let got = mentions("Kim thanked Wang.", &mut ctx);
        assert_eq!(
            got,
            vec![
                ("Kim".into(), "PRK".into(), "GOV".into()),
                ("Wang".into(), "CHN".into(), "GOV".into())
            ]
        );
    }

    #[test]
    fn experts_and_unknown_names_are_not_actors() {
        let mut ctx = DocContext::default();
        assert!(mentions("Chinese scholars said Kim Yong Chol spoke.", &mut ctx).is_empty());
    }

    #[test]
    fn loader_errors_name_the_line() {
        let mut g = Gazetteer::default();
        let err = g
            .add_toml(
                "bad.toml",
                "[[country]]\ncode = \"CHN\"\nnames = [\"China\"\n",
            )
            .unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("bad.toml:"), "{msg}");
        assert!(msg.contains(":3:") || msg.contains(":4:"), "{msg}");
    }
}
