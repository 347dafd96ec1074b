//! Prints the document extracted from a file as JSON: `cargo run -p fulcrum-extract --example
//! dump -- FILE [URL]`. A development aid; the project's CLI has `fulcrum extract FILE`.

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: dump FILE [URL]");
        std::process::exit(2);
    };
    let hint = args.next().unwrap_or_else(|| path.clone());
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            std::process::exit(1);
        }
    };
    let doc = fulcrum_extract::extract(&bytes, Some(&hint));
    println!(
        "{}",
        serde_json::to_string_pretty(&doc).expect("a document serialises")
    );
}
