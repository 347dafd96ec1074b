//! Lemmatisation (to be written).
