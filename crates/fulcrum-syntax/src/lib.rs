//! Syntax for fulcrum: a part-of-speech tagger, a lemmatiser and a dependency parser.
//!
//! Every model here is trained by this crate's own code on UD English-EWT (CC BY-SA 4.0) and
//! embedded in the binary; nothing is loaded from the network or the file system at run time.

pub mod conllu;
pub mod lemma;
pub mod parser;
pub mod tagger;
