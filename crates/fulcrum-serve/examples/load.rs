//! A load benchmark for a running `fulcrum serve`: a bounded client loop on loopback that
//! reports requests per second and p50/p99 latency for the events query and the balance.
//!
//! ```text
//! fulcrum demo --db /tmp/demo.db
//! fulcrum serve --db /tmp/demo.db --addr 127.0.0.1:8080 &
//! cargo run --release -p fulcrum-serve --example load -- 127.0.0.1:8080 [REQUESTS] [CONCURRENCY]
//! ```
//!
//! Each endpoint gets REQUESTS requests (default 400) from CONCURRENCY connections (default
//! 4) kept alive, and at most 60 seconds; only loopback addresses are accepted.

use std::net::SocketAddr;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Sends one GET on a kept-alive connection and reads the response whole; returns the status.
async fn get(
    conn: &mut TcpStream,
    host: &str,
    path: &str,
    buf: &mut Vec<u8>,
) -> std::io::Result<u16> {
    let req = format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nAccept: application/json\r\n\r\n");
    conn.write_all(req.as_bytes()).await?;
    buf.clear();
    let mut chunk = [0u8; 16384];
    // Headers first, then exactly Content-Length bytes of body.
    let head_end = loop {
        let n = conn.read(&mut chunk).await?;
        if n == 0 {
            return Err(std::io::Error::other("connection closed"));
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).to_ascii_lowercase();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let len: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse().ok())
        .ok_or_else(|| std::io::Error::other("no content-length"))?;
    while buf.len() < head_end + len {
        let n = conn.read(&mut chunk).await?;
        if n == 0 {
            return Err(std::io::Error::other("connection closed"));
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    Ok(status)
}

struct Report {
    done: usize,
    errors: usize,
    elapsed: Duration,
    latencies: Vec<Duration>,
}

async fn run(addr: SocketAddr, paths: Vec<String>, requests: usize, concurrency: usize) -> Report {
    let deadline = Instant::now() + Duration::from_secs(60);
    let per_worker = requests.div_ceil(concurrency);
    let start = Instant::now();
    let mut tasks = Vec::new();
    for w in 0..concurrency {
        let paths = paths.clone();
        tasks.push(tokio::spawn(async move {
            let host = addr.to_string();
            let mut lat = Vec::with_capacity(per_worker);
            let mut errors = 0;
            let mut buf = Vec::new();
            let mut conn = match TcpStream::connect(addr).await {
                Ok(c) => c,
                Err(_) => return (lat, per_worker),
            };
            for i in 0..per_worker {
                if Instant::now() > deadline {
                    break;
                }
                let path = &paths[(w + i * concurrency) % paths.len()];
                let t = Instant::now();
                match get(&mut conn, &host, path, &mut buf).await {
                    Ok(200) => lat.push(t.elapsed()),
                    Ok(_) => errors += 1,
                    Err(_) => {
                        errors += 1;
                        match TcpStream::connect(addr).await {
                            Ok(c) => conn = c,
                            Err(_) => break,
                        }
                    }
                }
            }
            (lat, errors)
        }));
    }
    let mut latencies = Vec::new();
    let mut errors = 0;
    for t in tasks {
        if let Ok((l, e)) = t.await {
            latencies.extend(l);
            errors += e;
        }
    }
    let elapsed = start.elapsed();
    latencies.sort();
    Report {
        done: latencies.len(),
        errors,
        elapsed,
        latencies,
    }
}

fn pct(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let addr: SocketAddr = args
        .first()
        .map(|a| a.trim_start_matches("http://").trim_end_matches('/'))
        .unwrap_or("127.0.0.1:8080")
        .parse()
        .expect("give the server's address as HOST:PORT");
    // The benchmark sends traffic only to this machine.
    assert!(
        addr.ip().is_loopback(),
        "{addr}: only loopback addresses are benchmarked"
    );
    let requests: usize = args
        .get(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(400)
        .clamp(1, 100_000);
    let concurrency: usize = args
        .get(2)
        .and_then(|a| a.parse().ok())
        .unwrap_or(4)
        .clamp(1, 64);

    let events: Vec<String> = [
        "/api/events?dyad=PRK,USA&limit=50",
        "/api/events?actor=PRK&type=CONSULT&limit=50",
        "/api/events?text=missile&limit=50",
        "/api/events?from=2018-01-01&to=2018-06-30&limit=100&after=200",
    ]
    .map(String::from)
    .to_vec();
    let balance: Vec<String> =
        vec!["/api/balance?focus=PRK&between=CHN,USA&from=2016-01-01&to=2019-12-31".into()];
    println!("{requests} requests per endpoint, {concurrency} connections, {addr}");
    println!(
        "{:<10} {:>8} {:>7} {:>10} {:>9} {:>9}",
        "endpoint", "requests", "errors", "req/s", "p50 ms", "p99 ms"
    );
    for (name, paths) in [("events", events), ("balance", balance)] {
        let r = run(addr, paths, requests, concurrency).await;
        println!(
            "{:<10} {:>8} {:>7} {:>10.1} {:>9.2} {:>9.2}",
            name,
            r.done,
            r.errors,
            r.done as f64 / r.elapsed.as_secs_f64(),
            pct(&r.latencies, 0.5),
            pct(&r.latencies, 0.99)
        );
    }
}
