//! A reader for CoNLL-U, the format of the Universal Dependencies treebanks.
//!
//! Multi-word token lines (`1-2`) and empty nodes (`1.1`) are skipped: the models work on
//! syntactic words, which is what the treebank's trees are built over.

/// One syntactic word of a treebank sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub form: String,
    pub lemma: String,
    pub upos: String,
    pub xpos: String,
    /// 1-based index of the head word; 0 is the root.
    pub head: usize,
    pub deprel: String,
}

/// Parses a whole CoNLL-U text into sentences of words.
pub fn parse(text: &str) -> Vec<Vec<Word>> {
    let mut sentences = Vec::new();
    let mut current = Vec::new();
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            if !current.is_empty() {
                sentences.push(std::mem::take(&mut current));
            }
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 8 || cols[0].contains('-') || cols[0].contains('.') {
            continue;
        }
        current.push(Word {
            form: cols[1].to_string(),
            lemma: cols[2].to_string(),
            upos: cols[3].to_string(),
            xpos: cols[4].to_string(),
            head: cols[6].parse().unwrap_or(0),
            deprel: cols[7].to_string(),
        });
    }
    if !current.is_empty() {
        sentences.push(current);
    }
    sentences
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skips_multiword_tokens_and_comments() {
        let text = "# sent_id = 1\n1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n1\tdo\tdo\tAUX\tVBP\t_\t3\taux\t_\t_\n2\tn't\tnot\tPART\tRB\t_\t3\tadvmod\t_\t_\n3\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\t_\n\n";
        let s = parse(text);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].len(), 3);
        assert_eq!(s[0][2].deprel, "root");
        assert_eq!(s[0][0].head, 3);
    }
}
