#![no_main]

// The logic lives in fulcrum-fuzzing so that the corpus replay test runs exactly the same code.
libfuzzer_sys::fuzz_target!(|data: &[u8]| fulcrum_fuzzing::html(data));
