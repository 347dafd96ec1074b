//! `fulcrum serve`: the HTTP API and dashboard of `fulcrum-serve` over a store, with the
//! command line's own analyses and ingest behind it, so that the API's numbers are the ones
//! `fulcrum balance` prints and a posted article is stored as `fulcrum ingest` would store it.

use crate::cli::{BalanceSettings, IngestSettings, ServeSettings, TableFormat};
use crate::commands::analyse;
use crate::commands::ingest::ingest_docs;
use crate::limits::DocLimits;
use crate::pipeline;
use anyhow::{bail, Context};
use fulcrum_events::Coder;
use fulcrum_read::{Body, RawDoc};
use fulcrum_relations::{Balance, RelEvent};
use fulcrum_serve::{Article, BalanceQuery, Config, Engine, Ingested};
use fulcrum_store::{EventFilter, Store};
use std::process::ExitCode;
use std::sync::{Arc, OnceLock};

#[cfg(test)]
mod tests;

/// The command line's analyses and ingest, offered to the HTTP layer.
pub struct CliEngine {
    /// Loaded on the first write: a read-only server never needs the dictionaries.
    coder: OnceLock<Coder>,
}

impl CliEngine {
    pub fn new() -> CliEngine {
        CliEngine {
            coder: OnceLock::new(),
        }
    }

    fn coder(&self) -> anyhow::Result<&Coder> {
        if let Some(c) = self.coder.get() {
            return Ok(c);
        }
        let c = Coder::new(None)?;
        Ok(self.coder.get_or_init(|| c))
    }
}

impl Engine for CliEngine {
    fn actor_code(&self, name: &str) -> Option<String> {
        crate::cli::actor_code(name).ok()
    }

    fn load_events(
        &self,
        store: &mut Store,
        filter: &EventFilter,
    ) -> anyhow::Result<Vec<RelEvent>> {
        analyse::load_events(store, filter)
    }

    fn balance(&self, store: &mut Store, q: &BalanceQuery) -> anyhow::Result<Balance> {
        let settings = BalanceSettings {
            db: String::new(),
            focus: q.focus.clone(),
            powers: q.powers.clone(),
            filter: q.filter.clone(),
            by: q.by,
            format: TableFormat::Json,
            chart: None,
            bootstrap: q.bootstrap,
            seed: q.seed,
        };
        analyse::compute_balance(store, &settings)
    }

    fn ingest(&self, store: &mut Store, a: &Article) -> anyhow::Result<Ingested> {
        let raw = RawDoc {
            origin: "api".into(),
            url: a.url.clone(),
            published: a.published.clone(),
            captured: None,
            title: a.title.clone(),
            body: match (&a.text, &a.html) {
                (Some(t), _) => Body::Text(t.clone()),
                (None, Some(h)) => Body::Html(h.clone().into_bytes()),
                (None, None) => bail!("invalid: give the article's text or html"),
            },
        };
        // Extraction is repeated by the ingest below; doing it first tells the caller why an
        // article is refused and gives the key the stored document is found under.
        let key = match pipeline::prepare(raw.clone(), None) {
            Ok(p) => p.key,
            Err(m) => bail!("invalid: {m}"),
        };
        let coder = self.coder()?;
        let settings = IngestSettings {
            sources: Vec::new(),
            db: String::new(),
            published: None,
            dict: None,
            limits: DocLimits {
                max_doc_bytes: fulcrum_serve::DEFAULT_BODY_LIMIT as u64,
                max_decompressed_bytes: fulcrum_serve::DEFAULT_BODY_LIMIT as u64,
                ..DocLimits::default()
            },
            threads: None,
            batch: 1,
            window_days: fulcrum_store::DEFAULT_WINDOW_DAYS,
            quiet: true,
        };
        let sum = ingest_docs(store, coder, &settings, std::iter::once(Ok(raw)), Some(1))?;
        if sum.failed > 0 {
            bail!("invalid: the article could not be coded");
        }
        let rows = store.db().query(
            "SELECT id FROM documents WHERE doc_key = $1 ORDER BY version DESC LIMIT 1",
            &[key.as_str().into()],
        )?;
        let status = if sum.new > 0 {
            "new"
        } else if sum.versions > 0 {
            "version"
        } else {
            "unchanged"
        };
        Ok(Ingested {
            id: rows.first().map(|r| r[0].int()),
            status: status.into(),
            events: sum.events,
        })
    }
}

/// The router over `db` with the command line's engine.
pub fn app(config: Config) -> fulcrum_serve::Router {
    fulcrum_serve::router(config, Arc::new(CliEngine::new()))
}

pub fn run(s: &ServeSettings) -> anyhow::Result<ExitCode> {
    // Opening once before listening reports a wrong URL or a newer schema at start-up rather
    // than on the first request.
    Store::open(&s.db).with_context(|| format!("opening the store {}", s.db))?;
    if !s.addr.ip().is_loopback() {
        eprintln!(
            "fulcrum: warning: serving on {} — reads are open to anyone who can reach it",
            s.addr
        );
    }
    let mut config = Config::new(s.db.clone());
    config.token = s.token.clone();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the server's runtime")?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(s.addr)
            .await
            .with_context(|| format!("--addr {}: cannot listen there", s.addr))?;
        let local = listener.local_addr()?;
        say!(
            "fulcrum: serving {} at http://{local}/ (writes {})",
            fulcrum_store::redact(&s.db),
            if s.token.is_some() {
                "need the token"
            } else {
                "disabled"
            }
        );
        let shutdown = async {
            let _ = tokio::signal::ctrl_c().await;
        };
        fulcrum_serve::serve(listener, app(config), shutdown)
            .await
            .context("serving")
    })?;
    Ok(ExitCode::SUCCESS)
}
