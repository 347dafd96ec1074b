//! Sentence analysis: tokens, part-of-speech tags, lemmas, dependency tree, actor mentions.

use fulcrum_actors::{
    find_people, recognise, DocContext, Gazetteer, Mention, MentionKind, PersonMention,
    PersonMentionKind, Salient,
};
use fulcrum_syntax::lemma::lemma;
use fulcrum_syntax::parser::Parser;
use fulcrum_syntax::tagger::{Tag, Tagger, Upos};
use fulcrum_text::Token;

/// Sentences longer than this many tokens are not parsed: they are lists, tables or run-on
/// scraps, never a clause an event can be read from, and parsing them costs time for nothing.
pub const MAX_TOKENS: usize = 250;

/// One analysed sentence. Token indices are 0-based; `head[i]` is `None` for the root.
#[derive(Debug, Clone)]
pub struct Sentence {
    pub span: (usize, usize),
    pub tokens: Vec<Token>,
    pub words: Vec<String>,
    pub lower: Vec<String>,
    pub lemmas: Vec<String>,
    pub tags: Vec<Tag>,
    pub head: Vec<Option<usize>>,
    pub deprel: Vec<&'static str>,
    pub children: Vec<Vec<usize>>,
    pub mentions: Vec<Mention>,
    /// Mentions of non-state people (experts, scholars) introduced in the document; they are
    /// never actors.
    pub people: Vec<PersonMention>,
    /// Whether the sentence is a title-case headline.
    pub headline: bool,
    /// For each token, the mention it belongs to.
    pub mention_of: Vec<Option<usize>>,
}

impl Sentence {
    /// Whether mention `m` (of a gazetteer person) names its person with a present title,
    /// "U.S. President Donald Trump", "Chinese Premier Zhou Enlai": more words than the name,
    /// and none marking the office as past ("former", "then", "late", "ex-"). `text` is the
    /// document text.
    pub fn titled_person(&self, m: &Mention, text: &str, name: &str) -> bool {
        let (Some(a), Some(b)) = (
            self.tokens.get(m.start),
            m.end.checked_sub(1).and_then(|e| self.tokens.get(e)),
        ) else {
            return false;
        };
        let Some(words) = text.get(a.start..b.end) else {
            return false;
        };
        let past = words
            .to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| matches!(w, "former" | "then" | "late" | "ex"));
        m.person.is_some() && words.len() > name.len() + 2 && !past
    }

    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    pub fn upos(&self, i: usize) -> Upos {
        self.tags[i].upos
    }

    /// The children of `i` with relation `rel` (or a subtype of it: "nsubj" matches "nsubj:pass"
    /// only when `rel` is exactly "nsubj:pass").
    pub fn kids<'a>(&'a self, i: usize, rel: &'a str) -> impl Iterator<Item = usize> + 'a {
        self.children[i]
            .iter()
            .copied()
            .filter(move |&c| self.deprel[c] == rel)
    }

    /// Whether `a` is `b` or one of its descendants.
    pub fn dominated_by(&self, mut a: usize, b: usize) -> bool {
        for _ in 0..self.len() + 1 {
            if a == b {
                return true;
            }
            match self.head[a] {
                Some(h) => a = h,
                None => return false,
            }
        }
        false
    }

    /// All tokens of the subtree of `i`, in order.
    pub fn subtree(&self, i: usize) -> Vec<usize> {
        let mut out = vec![i];
        let mut stack = vec![i];
        while let Some(x) = stack.pop() {
            for &c in &self.children[x] {
                out.push(c);
                stack.push(c);
            }
        }
        out.sort_unstable();
        out
    }
}

/// Analyses `text[span.0..span.1]`; `ctx` carries the people named earlier in the document.
pub fn analyse(
    text: &str,
    span: (usize, usize),
    gaz: &Gazetteer,
    ctx: &mut DocContext,
) -> Sentence {
    analyse_from(text, span, span.0, gaz, ctx)
}

/// Analyses the sentence `span` reading its words from `from` on: a dateline that opens the
/// sentence ("MOSCOW (Sputnik) -") is part of the sentence but not of its grammar.
pub fn analyse_from(
    text: &str,
    span: (usize, usize),
    from: usize,
    gaz: &Gazetteer,
    ctx: &mut DocContext,
) -> Sentence {
    let from = if from >= span.0 && from < span.1 && text.is_char_boundary(from) {
        from
    } else {
        span.0
    };
    let mut tokens = fulcrum_text::tokenize(text, (from, span.1));
    tokens.truncate(MAX_TOKENS * 4);
    let words: Vec<String> = tokens.iter().map(|t| t.text(text).to_string()).collect();
    ctx.sentence_no += 1;
    // Actors first: they do not need tags, and headline casing below needs them.
    ctx.headline = is_headline(&words);
    let mut mentions = if tokens.len() <= MAX_TOKENS {
        recognise(gaz, text, &tokens, ctx)
    } else {
        Vec::new()
    };
    drop_venues(&words, &mut mentions);
    let mut people = if tokens.len() <= MAX_TOKENS {
        find_people(gaz, text, &tokens, &mut mentions, ctx)
    } else {
        Vec::new()
    };
    let in_mention = |i: usize| mentions.iter().any(|m| m.start <= i && i < m.end);
    // Title-case headlines ("Xi Briefs Trump On Beijing Visit") mislead a tagger trained on
    // running text: outside actor names, their words are tagged as if lower-cased.
    let headline = is_headline(&words);
    let tag_words: Vec<String> = words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            if headline && !in_mention(i) && i > 0 {
                w.to_lowercase()
            } else {
                w.clone()
            }
        })
        .collect();
    let refs: Vec<&str> = tag_words.iter().map(String::as_str).collect();
    let tags = if tokens.len() <= MAX_TOKENS {
        Tagger::embedded().tag(&refs)
    } else {
        Vec::new()
    };
    let n = if tags.len() == tokens.len() {
        tokens.len()
    } else {
        0
    };
    let (head, deprel) = if n > 0 {
        let upos: Vec<&str> = tags.iter().map(|t| t.upos.as_str()).collect();
        let xpos: Vec<&str> = tags.iter().map(|t| t.xpos).collect();
        let arcs = Parser::embedded().parse(&refs, &upos, &xpos);
        let head = arcs
            .iter()
            .map(|a| {
                if a.head == 0 || a.head > n {
                    None
                } else {
                    Some(a.head - 1)
                }
            })
            .collect();
        let deprel = arcs.iter().map(|a| a.deprel).collect();
        (head, deprel)
    } else {
        (Vec::new(), Vec::new())
    };
    let mut children = vec![Vec::new(); n];
    for (i, h) in head.iter().enumerate() {
        if let Some(h) = *h {
            children[h].push(i);
        }
    }
    let lemmas: Vec<String> = (0..n)
        .map(|i| lemma(&words[i], tags[i]).into_owned())
        .collect();
    let lower = if n == 0 {
        Vec::new()
    } else {
        words
            .iter()
            .map(|w| w.to_lowercase().replace('’', "'"))
            .collect()
    };
    if n == 0 {
        mentions.clear();
        people.clear();
    }
    if n > 0 {
        resolve_pronouns(
            &lower,
            &tags,
            &deprel,
            &tokens,
            &mut mentions,
            &mut people,
            ctx,
        );
        resolve_state_descriptions(&lower, &tags, &head, &deprel, &tokens, &mut mentions, ctx);
        resolve_pairs(&lower, &deprel, &mut mentions, ctx);
        resolve_definites(&lower, &lemmas, &tags, &mut mentions, ctx);
    }
    let mut mention_of = vec![None; tokens.len()];
    for (mi, m) in mentions.iter().enumerate() {
        for slot in &mut mention_of[m.start..m.end] {
            *slot = Some(mi);
        }
    }
    if n == 0 {
        tokens.clear();
    }
    let words = if n == 0 { Vec::new() } else { words };
    Sentence {
        span,
        tokens,
        words,
        lower,
        lemmas,
        tags,
        head,
        deprel,
        children,
        mentions,
        people,
        mention_of,
        headline: ctx.headline,
    }
}

/// Nouns for gatherings that a place name before them locates rather than attends: "the
/// Singapore summit", "the Hanoi summit", "Stockholm talks".
const GATHERINGS: &[&str] = &[
    "summit",
    "summits",
    "talks",
    "meeting",
    "meetings",
    "conference",
    "forum",
    "dialogue",
    "negotiations",
    "process",
    "format",
    "round",
];

/// Documents that a city names by where they were signed or issued: "the Panmunjom
/// declaration", "the Singapore statement". A state's name before them ("a U.S. statement")
/// is their author, so only cities are dropped here.
const CITY_DOCUMENTS: &[&str] = &[
    "declaration",
    "statement",
    "communique",
    "accord",
    "agreement",
];

/// Removes place names that only say where a gathering was held or a document issued. A pair
/// of actors ("U.S.-China talks", "North and South Korea summit") names the participants and
/// is kept, as is an actor adjective ("Chinese talks").
fn drop_venues(words: &[String], mentions: &mut Vec<Mention>) {
    let place = |m: &Mention| matches!(m.kind, MentionKind::State | MentionKind::Metonym);
    let joined = |a: &Mention, b: &Mention| {
        (b.start == a.end + 1 && matches!(words[a.end].as_str(), "-" | "–" | "/" | "and" | "&"))
            || b.start == a.end
    };
    let keep: Vec<bool> = mentions
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let Some(next) = words.get(m.end).map(|w| w.to_lowercase()) else {
                return true;
            };
            let venue = (place(m) && GATHERINGS.contains(&next.as_str()))
                || (m.kind == MentionKind::Metonym && CITY_DOCUMENTS.contains(&next.as_str()));
            let paired = mentions
                .iter()
                .enumerate()
                .any(|(j, o)| j != i && (joined(o, m) || joined(m, o)));
            // "hyphenated "U.S.-China" may be one token pair with the hyphen inside a word.
            let hyphen_before = m.start > 0 && matches!(words[m.start - 1].as_str(), "-" | "–");
            !venue || paired || hyphen_before
        })
        .collect();
    let mut k = keep.into_iter();
    mentions.retain(|_| k.next().unwrap_or(true));
}

/// Third-person pronouns resolved to the most salient actor: the first person (for "he",
/// "she") or the first state or organisation (for "it", "its") named earlier in the sentence,
/// or else in the latest sentence that named one. First- and second-person pronouns belong to
/// speakers and are left alone; so is "they", which in news refers to people as often as to
/// states. A "he" whose referent is a non-state person (an expert) becomes a mention of that
/// person, not an actor.
fn resolve_pronouns(
    lower: &[String],
    tags: &[Tag],
    deprel: &[&str],
    tokens: &[Token],
    mentions: &mut Vec<Mention>,
    people: &mut Vec<PersonMention>,
    ctx: &mut DocContext,
) {
    let is_person = |m: &Mention| m.kind == MentionKind::Person;
    let is_org = |m: &Mention| {
        matches!(
            m.kind,
            MentionKind::State | MentionKind::Metonym | MentionKind::Igo | MentionKind::Named
        )
    };
    let span_of = |m: &Mention| (tokens[m.start].start, tokens[m.end - 1].end);
    let salient_of = |m: &Mention| salient(m, tokens);
    let salient_doc = |p: &PersonMention| Salient {
        code: String::new(),
        sector: String::new(),
        span: p
            .antecedent
            .unwrap_or((tokens[p.start].start, tokens[p.end - 1].end)),
        person: None,
        doc_person: Some(p.person),
    };
    let named: Vec<Mention> = mentions.clone();
    let named_people: Vec<PersonMention> = people.clone();
    // A place where something happened ("met Ri in Manila") is not what "its" refers to.
    let locative =
        |m: &&Mention| m.start > 0 && matches!(lower[m.start - 1].as_str(), "in" | "at" | "near");
    for (i, w) in lower.iter().enumerate() {
        if tags[i].upos != Upos::Pron {
            continue;
        }
        let want_person = matches!(w.as_str(), "he" | "him" | "his" | "she" | "her");
        // "It" as an object or an expletive ("it is natural") is rarely an actor.
        let want_org = w == "its" || (w == "it" && matches!(deprel[i], "nsubj" | "nsubj:pass"));
        if !want_person && !want_org {
            continue;
        }
        // "him [Xi]": an editor's bracket names the referent.
        if lower.get(i + 1).is_some_and(|w| w == "[") {
            if let Some(m) = named.iter().find(|m| m.start == i + 2) {
                let mut p = one_word(i, m.code.clone(), m.sector.clone(), MentionKind::Pronoun);
                p.antecedent = Some(span_of(m));
                p.person = m.person;
                mentions.push(p);
                continue;
            }
        }
        let before = named.iter().filter(|m| m.end <= i && !locative(m));
        let found = if want_person {
            // The first person named before in the sentence, actor or not.
            let actor = before.clone().find(|m| is_person(m));
            let doc = named_people.iter().find(|p| p.end <= i);
            match (actor, doc) {
                (Some(a), Some(d)) if d.start < a.start => Some(salient_doc(d)),
                (Some(a), _) => Some(salient_of(a)),
                (None, d) => d.map(salient_doc),
            }
        } else {
            before.clone().find(|m| is_org(m)).map(salient_of)
        };
        let Some(found) = found.or_else(|| {
            if want_person {
                ctx.salient_person.clone()
            } else {
                ctx.salient_org.clone()
            }
        }) else {
            continue;
        };
        match found.doc_person {
            Some(person) => people.push(PersonMention {
                start: i,
                end: i + 1,
                person,
                kind: PersonMentionKind::Pronoun,
                antecedent: Some(found.span),
            }),
            None => {
                let mut p = one_word(i, found.code, found.sector, MentionKind::Pronoun);
                p.antecedent = Some(found.span);
                p.person = found.person;
                mentions.push(p);
            }
        }
    }
    // The first person named in the sentence, actor or not, is what "he" in the next one
    // most often means.
    let first_actor = named.iter().find(|m| is_person(m));
    let first_doc = named_people
        .iter()
        .find(|p| p.kind != PersonMentionKind::Pronoun);
    match (first_actor, first_doc) {
        (Some(a), Some(d)) if d.start < a.start => ctx.salient_person = Some(salient_doc(d)),
        (Some(a), _) => ctx.salient_person = Some(salient_of(a)),
        (None, Some(d)) => ctx.salient_person = Some(salient_doc(d)),
        (None, None) => {}
    }
    if let Some(m) = named.iter().find(|m| is_org(m) && !locative(m)) {
        ctx.salient_org = Some(salient_of(m));
    }
    resolve_groups(lower, tags, tokens, mentions, ctx);
}

/// A definite description of a state ("The Gulf kingdom issued ...", "the isolated country's
/// economy") as the subject or possessor of its clause stands for a state named before: the
/// state or person who is the subject of a clause above it in the sentence ("Kim said the
/// country had reached ..."), or else the state the previous sentences were about (the latest
/// state named as a subject, or else named first). In other positions ("travelling to the
/// country") such descriptions name other places as often as the state in the news, and are
/// left alone.
fn resolve_state_descriptions(
    lower: &[String],
    tags: &[Tag],
    head: &[Option<usize>],
    deprel: &[&str],
    tokens: &[Token],
    mentions: &mut Vec<Mention>,
    ctx: &mut DocContext,
) {
    let named: Vec<Mention> = mentions.clone();
    let stateish = |m: &Mention| {
        matches!(
            m.kind,
            MentionKind::State
                | MentionKind::Metonym
                | MentionKind::Adjectival
                | MentionKind::Person
        ) && !m.code.is_empty()
    };
    let covering = |k: usize| named.iter().find(|m| m.start <= k && k < m.end);
    // The state itself, not the person or office that named it.
    let salient_of = |m: &Mention| Salient {
        sector: String::new(),
        person: None,
        ..salient(m, tokens)
    };
    // The state-like subject of verb `v`, if any.
    let subject_of = |v: usize| {
        (0..lower.len())
            .filter(|&k| head[k] == Some(v) && matches!(deprel[k], "nsubj" | "nsubj:pass"))
            .find_map(|k| covering(k).filter(|m| stateish(m)))
    };
    for i in 0..lower.len() {
        // Singular; taggers often read a capitalised "The Gulf Kingdom" as a proper noun.
        if !STATE_NOUNS.contains(&lower[i].as_str()) || !matches!(tags[i].xpos, "NN" | "NNP") {
            continue;
        }
        // Its own phrase: "the", then only plain modifiers, then the noun.
        let Some(det) = (i.saturating_sub(4)..i).rev().find(|&k| lower[k] == "the") else {
            continue;
        };
        let plain = (det..=i).all(|k| covering(k).is_none())
            && (det + 1..i).all(|k| matches!(tags[k].upos, Upos::Adj | Upos::Noun | Upos::Propn));
        let possessor = lower.get(i + 1).is_some_and(|w| w == "'s");
        // The phrase's head may be a modifier the parser took for it ("The Gulf kingdom": Gulf).
        let phrase_head = (det..=i).find(|&k| head[k].is_none_or(|h| h < det || h > i));
        let subject = phrase_head.is_some_and(|k| matches!(deprel[k], "nsubj" | "nsubj:pass"));
        if !plain || !(subject || possessor) {
            continue;
        }
        // A clause above it in the sentence, with a state or person as its subject.
        let mut above = None;
        let mut cur = phrase_head.and_then(|k| head[k]);
        for _ in 0..6 {
            let Some(v) = cur else { break };
            if let Some(m) = subject_of(v).filter(|m| m.end <= det) {
                above = Some(salient_of(m));
                break;
            }
            cur = head[v];
        }
        let Some(found) = above.or_else(|| ctx.salient_state.clone()) else {
            continue;
        };
        mentions.push(Mention {
            start: det,
            end: i + 1,
            code: found.code,
            sector: found.sector,
            kind: MentionKind::Pronoun,
            person: None,
            antecedent: Some(found.span),
        });
    }
    // What the next sentence's "the country" means: the latest state named as a subject, or
    // else the first state named.
    let first = named
        .iter()
        .find(|m| {
            stateish(m)
                && (m.start..m.end).any(|k| matches!(deprel.get(k), Some(&"nsubj" | &"nsubj:pass")))
        })
        .or_else(|| {
            named
                .iter()
                .find(|m| matches!(m.kind, MentionKind::State | MentionKind::Metonym))
        });
    if let Some(m) = first {
        ctx.salient_state = Some(salient_of(m));
    }
}

/// Nouns that, after "the" and plain modifiers, describe a state named before: "the country",
/// "the Gulf kingdom", "the isolated nation", "the communist state".
const STATE_NOUNS: &[&str] = &[
    "country", "kingdom", "nation", "state", "republic", "regime", "monarchy", "emirate",
];

/// What a later pronoun or description may refer back to: mention `m`, placed at its own
/// antecedent when it has one.
fn salient(m: &Mention, tokens: &[Token]) -> Salient {
    Salient {
        code: m.code.clone(),
        sector: m.sector.clone(),
        span: m
            .antecedent
            .unwrap_or((tokens[m.start].start, tokens[m.end - 1].end)),
        person: m.person,
        doc_person: None,
    }
}

/// Whether mention `m` names a group in the plural: "North Korean officials", "the Houthis",
/// or an armed group such as "the Taliban".
fn is_group(m: &Mention, tags: &[Tag]) -> bool {
    let plural = matches!(tags[m.end - 1].xpos, "NNS" | "NNPS");
    plural && m.kind != MentionKind::Person || (m.kind == MentionKind::Named && m.sector == "REB")
}

/// "They" and "their" for the one group named in plural just before: in this sentence, or
/// in the previous one when it named exactly one such group. Later they may also stand for
/// the two parties of the story, which `resolve_pairs` handles when no group is at hand.
fn resolve_groups(
    lower: &[String],
    tags: &[Tag],
    tokens: &[Token],
    mentions: &mut Vec<Mention>,
    ctx: &mut DocContext,
) {
    let named: Vec<Mention> = mentions
        .iter()
        .filter(|m| m.kind != MentionKind::Pronoun && m.kind != MentionKind::Pair)
        .cloned()
        .collect();
    let salient = |m: &Mention| Salient {
        code: m.code.clone(),
        sector: m.sector.clone(),
        span: (tokens[m.start].start, tokens[m.end - 1].end),
        person: None,
        doc_person: None,
    };
    for (i, w) in lower.iter().enumerate() {
        if !matches!(w.as_str(), "they" | "their" | "them") || tags[i].upos != Upos::Pron {
            continue;
        }
        if mentions.iter().any(|m| m.start <= i && i < m.end) {
            continue;
        }
        let here: Vec<&Mention> = named
            .iter()
            .filter(|m| m.end <= i && is_group(m, tags))
            .collect();
        let found = match here.last() {
            Some(m) => Some(salient(m)),
            None => ctx
                .salient_group
                .as_ref()
                .filter(|(_, n)| *n + 1 == ctx.sentence_no)
                .map(|(s, _)| s.clone()),
        };
        if let Some(g) = found {
            let mut p = one_word(i, g.code.clone(), g.sector.clone(), MentionKind::Pronoun);
            p.antecedent = Some(g.span);
            mentions.push(p);
        }
    }
    let groups: Vec<&Mention> = named.iter().filter(|m| is_group(m, tags)).collect();
    let one_code = groups.windows(2).all(|w| w[0].code == w[1].code);
    ctx.salient_group = match groups.last() {
        Some(m) if one_code => Some((salient(m), ctx.sentence_no)),
        _ => None,
    };
}

/// Whether a sentence is a title-case headline: most of its words start with a capital.
fn is_headline(words: &[String]) -> bool {
    let alpha: Vec<&String> = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
        .collect();
    let small = [
        "a", "an", "the", "of", "on", "in", "to", "for", "and", "or", "at", "by", "with", "from",
    ];
    let content: Vec<&&String> = alpha
        .iter()
        .filter(|w| !small.contains(&w.to_lowercase().as_str()))
        .collect();
    content.len() >= 4
        && content
            .iter()
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .count()
            * 10
            >= content.len() * 9
}

/// Nouns that, after "the two" or "both", name the two parties of the story.
const PAIR_NOUNS: &[&str] = &[
    "leaders",
    "sides",
    "countries",
    "nations",
    "men",
    "governments",
    "neighbours",
    "neighbors",
    "presidents",
    "delegations",
    "parties",
    "allies",
    "rivals",
    "powers",
    "heads",
    "states",
    "koreas",
    "ministers",
    "foes",
    "adversaries",
];

/// "The two leaders", "both sides", "the two discussed": the two distinct actors named
/// together most recently. The pair is updated from every sentence naming two actors.
fn resolve_pairs(
    lower: &[String],
    deprel: &[&str],
    mentions: &mut Vec<Mention>,
    ctx: &mut DocContext,
) {
    // Only actors that are arguments count: "a US made fighter" does not make the US a party.
    let named: Vec<Mention> = mentions
        .iter()
        .filter(|m| {
            matches!(
                m.kind,
                MentionKind::Person | MentionKind::State | MentionKind::Metonym
            )
        })
        .filter(|m| !matches!(deprel[m.end - 1], "compound" | "amod" | "nmod:unmarked"))
        .cloned()
        .collect();
    if let Some(pair) = ctx.salient_pair.clone() {
        // "They" as a subject and "their" as a possessor stand for the pair when no actor has
        // been named in the sentence before them: "They had constructive meetings".
        for (i, w) in lower.iter().enumerate() {
            let subject_they = w == "they" && matches!(deprel[i], "nsubj" | "nsubj:pass");
            let their = w == "their" && deprel[i] == "nmod:poss";
            if (subject_they || their)
                && !named.iter().any(|m| m.end <= i)
                && !mentions.iter().any(|m| m.start <= i && i < m.end)
            {
                for (code, sector) in pair.iter() {
                    // Both halves sit on the pronoun; the coder reads them as coordinated.
                    mentions.push(one_word(i, code.clone(), sector.clone(), MentionKind::Pair));
                }
            }
        }
        let mut i = 0;
        while i + 1 < lower.len() {
            let (a, b) = if lower[i] == "two" && i > 0 && lower[i - 1] == "the" {
                if PAIR_NOUNS.contains(&lower[i + 1].as_str()) {
                    (i, i + 1)
                } else {
                    (i - 1, i)
                }
            } else if lower[i] == "both" && PAIR_NOUNS.contains(&lower[i + 1].as_str()) {
                (i, i + 1)
            } else {
                i += 1;
                continue;
            };
            if !mentions.iter().any(|m| m.start <= b && a < m.end) {
                for (k, tok) in [a, b].into_iter().enumerate() {
                    mentions.push(one_word(
                        tok,
                        pair[k].0.clone(),
                        pair[k].1.clone(),
                        MentionKind::Pair,
                    ));
                }
            }
            i = b + 1;
        }
    }
    // The pair is the two states the document has named most often so far (ties go to the
    // one named first): in a story about a summit, its two parties.
    for m in &named {
        let order = ctx.actor_counts.len();
        let e = ctx
            .actor_counts
            .entry(m.code.clone())
            .or_insert((0, order, m.sector.clone()));
        e.0 += 1;
        if e.2.is_empty() {
            e.2 = m.sector.clone();
        }
    }
    let mut ranked: Vec<(&String, &(usize, usize, String))> = ctx.actor_counts.iter().collect();
    ranked.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.1 .1.cmp(&b.1 .1)));
    if ranked.len() >= 2 {
        ctx.salient_pair = Some([
            (ranked[0].0.clone(), ranked[0].1 .2.clone()),
            (ranked[1].0.clone(), ranked[1].1 .2.clone()),
        ]);
    }
}

/// Nouns for things and people that belong to a state: "Ukrainian vessels", "Russian crews".
const OWNED_NOUNS: &[&str] = &[
    "vessel",
    "ship",
    "boat",
    "tugboat",
    "warship",
    "submarine",
    "jet",
    "fighter",
    "plane",
    "aircraft",
    "drone",
    "troops",
    "troop",
    "soldier",
    "forces",
    "crew",
    "crews",
    "diplomat",
    "official",
    "citizen",
    "national",
    "sailor",
    "pilot",
    "embassy",
    "consulate",
    "convoy",
];

/// Definite descriptions that name an actor mentioned before: "the resolution" (of the
/// organisation last named) and "the vessels" (of the state whose vessels were named).
fn resolve_definites(
    lower: &[String],
    lemmas: &[String],
    tags: &[Tag],
    mentions: &mut Vec<Mention>,
    ctx: &mut DocContext,
) {
    let covered = |ms: &Vec<Mention>, i: usize| ms.iter().any(|m| m.start <= i && i < m.end);
    for i in 0..lower.len() {
        // "fired on the vessels ... and then seized them": "them" for the things just named.
        if lower[i] == "them" && tags[i].upos == Upos::Pron && !covered(mentions, i) {
            let thing = mentions
                .iter()
                .rev()
                .find(|m| {
                    m.kind == MentionKind::Pronoun
                        && m.end <= i
                        && OWNED_NOUNS.contains(&lemmas[m.start].as_str())
                })
                .cloned();
            if let Some(m) = thing {
                mentions.push(one_word(i, m.code, m.sector, MentionKind::Pronoun));
                continue;
            }
        }
        if tags[i].upos != Upos::Noun || covered(mentions, i) {
            continue;
        }
        let after_determiner = i > 0
            && matches!(
                lower[i - 1].as_str(),
                "the" | "those" | "these" | "this" | "that"
            );
        let found = if lemmas[i] == "resolution"
            && (after_determiner || i == 0 || (i > 0 && tags[i - 1].upos == Upos::Adj))
        {
            ctx.salient_igo.clone()
        } else if after_determiner {
            ctx.owned_nouns.get(&lemmas[i]).cloned()
        } else {
            None
        };
        if let Some((code, sector)) = found {
            mentions.push(one_word(i, code, sector, MentionKind::Pronoun));
        }
    }
    for m in mentions.iter() {
        if m.kind == MentionKind::Igo {
            ctx.salient_igo = Some((m.code.clone(), m.sector.clone()));
        }
        if matches!(m.kind, MentionKind::Adjectival | MentionKind::State)
            && m.end < lemmas.len()
            && OWNED_NOUNS.contains(&lemmas[m.end].as_str())
        {
            ctx.owned_nouns
                .insert(lemmas[m.end].clone(), (m.code.clone(), m.sector.clone()));
        }
    }
}

/// A mention of one word standing for an actor named elsewhere (a pronoun, "the vessels", a
/// half of "the two leaders").
fn one_word(i: usize, code: String, sector: String, kind: MentionKind) -> Mention {
    Mention {
        start: i,
        end: i + 1,
        code,
        sector,
        kind,
        person: None,
        antecedent: None,
    }
}
