//! The HTTP API and web dashboard over an event store.
//!
//! This crate holds the HTTP layer only: routing, parameter validation, security headers, the
//! OpenAPI document and the dashboard's embedded assets. The domain work that the command
//! line also does (reading unique events for the analyses, computing a balance, coding and
//! storing an article) comes in through the [`Engine`] trait, so that the API's numbers are
//! computed by the very functions `fulcrum balance` and `fulcrum ingest` use.
//!
//! The store is blocking (rusqlite, postgres), so every store access runs on tokio's blocking
//! pool, on a connection taken from a small pool of open stores.

mod api;
mod assets;
mod openapi;
mod params;

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use fulcrum_relations::{Balance, Period, RelEvent};
use fulcrum_store::{EventFilter, Store};
use std::sync::{Arc, Mutex, RwLock};

pub use api::ActorEntry;
pub use axum::Router;

/// The Content-Security-Policy sent with every response. Scripts and styles come only from
/// this server's own files, so markup smuggled into article text could not load or run code
/// even if it ever reached the page unescaped.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; \
     object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/// The largest request body accepted (an article to ingest).
pub const DEFAULT_BODY_LIMIT: usize = 2 * 1024 * 1024;

/// The largest page of events one request may ask for.
pub const MAX_PAGE: usize = 500;

/// The largest number of bootstrap resamples one request may ask for; more would let a single
/// request hold a worker for seconds.
pub const MAX_BOOTSTRAP: usize = 5000;

/// How the server is set up.
#[derive(Clone, Debug)]
pub struct Config {
    /// The store's URL, as `Store::open` takes it.
    pub db: String,
    /// The bearer token that `POST /api/documents` requires; writes are disabled without one.
    pub token: Option<String>,
    /// The largest request body, in bytes.
    pub body_limit: usize,
    /// How many open stores are kept for reuse between requests.
    pub pool_size: usize,
    /// The longest one request may spend in the database; past it the running statement is
    /// stopped and the request answered 503, so that no query can hold a worker for long.
    pub query_time_limit: std::time::Duration,
}

/// Ten seconds: far above what any query of the API takes on a store of millions of events
/// with its indexes, and short enough that a pathological text search does not pile up.
pub const DEFAULT_QUERY_TIME_LIMIT: std::time::Duration = std::time::Duration::from_secs(10);

impl Config {
    pub fn new(db: impl Into<String>) -> Config {
        Config {
            db: db.into(),
            token: None,
            body_limit: DEFAULT_BODY_LIMIT,
            pool_size: 4,
            query_time_limit: DEFAULT_QUERY_TIME_LIMIT,
        }
    }
}

/// A balance as the API asks for it; the engine computes it as the command line would.
#[derive(Clone, Debug)]
pub struct BalanceQuery {
    pub focus: String,
    pub powers: Vec<String>,
    pub by: Period,
    pub filter: EventFilter,
    pub bootstrap: usize,
    pub seed: u64,
}

/// An article posted for ingest.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Article {
    pub url: Option<String>,
    pub title: Option<String>,
    /// Plain text of the article; give this or `html`.
    pub text: Option<String>,
    /// The page's HTML; give this or `text`.
    pub html: Option<String>,
    /// Publication date, `YYYY-MM-DD`.
    pub published: Option<String>,
}

/// What ingesting one article did.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Ingested {
    /// The stored document's id (the newest version at the article's key).
    pub id: Option<i64>,
    /// `new`, `version` (a changed page at a known URL) or `unchanged`.
    pub status: String,
    /// Events coded from it.
    pub events: usize,
}

/// The domain operations the API needs, supplied by the binary.
pub trait Engine: Send + Sync + 'static {
    /// An actor's code from a code or a name ("PRK", "North Korea"); None when unknown.
    fn actor_code(&self, name: &str) -> Option<String>;
    /// A readable name for a code, when the gazetteer has one.
    fn actor_name(&self, _code: &str) -> Option<String> {
        None
    }
    /// Unique events as the analyses take them.
    fn load_events(&self, store: &mut Store, filter: &EventFilter)
        -> anyhow::Result<Vec<RelEvent>>;
    /// A focus's balance between powers.
    fn balance(&self, store: &mut Store, query: &BalanceQuery) -> anyhow::Result<Balance>;
    /// Codes and stores one article. Errors whose message starts with `invalid:` are the
    /// caller's fault and are reported as 400 with the rest of the message.
    fn ingest(&self, store: &mut Store, article: &Article) -> anyhow::Result<Ingested>;
}

/// What every handler shares.
pub(crate) struct AppState {
    pub cfg: Config,
    pub engine: Arc<dyn Engine>,
    pool: Mutex<Vec<Store>>,
    /// Writes are serialised here: the store has one writer.
    pub writer: Mutex<()>,
    /// The actor index for search, rebuilt after a write.
    pub actors: RwLock<Option<Arc<Vec<ActorEntry>>>>,
}

/// An error as the API reports it: a status and a message meant for the caller. Internal
/// failures are logged on the server and answered with a generic message, so that no SQL,
/// file path or connection detail reaches a client.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
}

impl ApiError {
    pub fn bad(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
        }
    }
    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::NOT_FOUND,
            message: message.into(),
        }
    }
    pub fn internal(detail: &dyn std::fmt::Display) -> ApiError {
        eprintln!("fulcrum serve: internal error: {detail:#}");
        ApiError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: "internal error; the server's log has the details".into(),
        }
    }
}

impl ApiError {
    /// A request stopped at the query time limit.
    fn too_long() -> ApiError {
        ApiError {
            status: StatusCode::SERVICE_UNAVAILABLE,
            message: "the query took too long and was stopped; narrow it (dates, actors, types) and try again".into(),
        }
    }
}

impl From<anyhow::Error> for ApiError {
    fn from(e: anyhow::Error) -> ApiError {
        let interrupted = e.chain().any(|c| {
            c.downcast_ref::<fulcrum_store::StoreError>()
                .is_some_and(|s| s.is_interrupted())
        });
        if interrupted {
            return ApiError::too_long();
        }
        ApiError::internal(&format!("{e:#}"))
    }
}

impl From<fulcrum_store::StoreError> for ApiError {
    fn from(e: fulcrum_store::StoreError) -> ApiError {
        if e.is_interrupted() {
            return ApiError::too_long();
        }
        ApiError::internal(&e)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "error": self.message, "status": self.status.as_u16() });
        (self.status, axum::Json(body)).into_response()
    }
}

impl AppState {
    /// Runs `f` on an open store on a thread of its own. A store is taken from the pool (or
    /// opened) and returned to it afterwards unless `f` failed internally, since a failed
    /// connection may be broken.
    pub async fn with_store<T, F>(self: &Arc<Self>, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&AppState, &mut Store) -> Result<T, ApiError> + Send + 'static,
    {
        let st = Arc::clone(self);
        let runtime = tokio::runtime::Handle::current();
        let (tx, rx) = tokio::sync::oneshot::channel();
        // A plain thread, not tokio's blocking pool: the PostgreSQL client drives its own
        // runtime and refuses to run on a thread that belongs to another one.
        std::thread::Builder::new()
            .name("fulcrum-store".into())
            .spawn(move || {
                let _ = tx.send(st.run_on_store(&runtime, f));
            })
            .map_err(|e| ApiError::internal(&e))?;
        rx.await.map_err(|e| ApiError::internal(&e))?
    }

    fn run_on_store<T, F>(&self, runtime: &tokio::runtime::Handle, f: F) -> Result<T, ApiError>
    where
        F: FnOnce(&AppState, &mut Store) -> Result<T, ApiError>,
    {
        let taken = self.pool.lock().ok().and_then(|mut p| p.pop());
        let mut store = match taken {
            Some(s) => s,
            None => Store::open(&self.cfg.db)?,
        };
        // A watchdog stops the store's statement when the request overruns its time.
        let finished = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let watchdog = {
            let finished = Arc::clone(&finished);
            let stop = store.interrupter();
            let limit = self.cfg.query_time_limit;
            runtime.spawn(async move {
                tokio::time::sleep(limit).await;
                if !finished.load(std::sync::atomic::Ordering::SeqCst) {
                    stop.interrupt();
                }
            })
        };
        let out = f(self, &mut store);
        finished.store(true, std::sync::atomic::Ordering::SeqCst);
        watchdog.abort();
        let healthy = !matches!(&out, Err(e) if e.status.is_server_error());
        if healthy {
            if let Ok(mut p) = self.pool.lock() {
                if p.len() < self.cfg.pool_size {
                    p.push(store);
                }
            }
        }
        out
    }
}

impl Drop for AppState {
    /// Pooled stores are closed on a plain thread: closing a PostgreSQL client blocks on its
    /// own runtime, which panics on a thread that belongs to the server's.
    fn drop(&mut self) {
        let stores: Vec<Store> = self.pool.get_mut().map(std::mem::take).unwrap_or_default();
        if !stores.is_empty() {
            let _ = std::thread::spawn(move || drop(stores)).join();
        }
    }
}

/// The application: API, OpenAPI document and dashboard, with the security headers and the
/// body limit applied to every route.
pub fn router(cfg: Config, engine: Arc<dyn Engine>) -> Router {
    let limit = cfg.body_limit;
    let state = Arc::new(AppState {
        cfg,
        engine,
        pool: Mutex::new(Vec::new()),
        writer: Mutex::new(()),
        actors: RwLock::new(None),
    });
    Router::new()
        .merge(api::routes())
        .merge(assets::routes())
        .route(
            "/openapi.json",
            axum::routing::get(|| async { axum::Json(openapi::document()) }),
        )
        .fallback(|| async { ApiError::not_found("no such page or endpoint") })
        .with_state(state)
        .layer(axum::extract::DefaultBodyLimit::max(limit))
        .layer(axum::middleware::map_response(security_headers))
}

/// Adds the headers every response carries. No CORS header is ever sent, so browsers keep
/// other sites' pages from reading the API.
async fn security_headers(mut res: Response) -> Response {
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    res
}

/// Serves the application on `listener` until `shutdown` completes.
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: Router,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
}

#[cfg(test)]
mod time_limit_tests {
    use super::*;

    fn interrupted() -> fulcrum_store::StoreError {
        fulcrum_store::StoreError::Sqlite(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_INTERRUPT),
            None,
        ))
    }

    #[test]
    fn a_stopped_query_is_a_503_that_says_what_to_do() {
        let e = ApiError::from(interrupted());
        assert_eq!(e.status, StatusCode::SERVICE_UNAVAILABLE);
        assert!(e.message.contains("narrow it"), "{}", e.message);
        // The same when the store error comes wrapped by the analyses.
        let wrapped = anyhow::Error::new(interrupted()).context("loading events");
        assert_eq!(
            ApiError::from(wrapped).status,
            StatusCode::SERVICE_UNAVAILABLE
        );
        // Other failures stay internal errors without details.
        let other = ApiError::from(anyhow::anyhow!("disk I/O error at /var/lib/x"));
        assert_eq!(other.status, StatusCode::INTERNAL_SERVER_ERROR);
        assert!(!other.message.contains("/var"));
    }
}
