//! The two database backends behind one small interface.
//!
//! The store's SQL is written once, in the subset SQLite and PostgreSQL share (`BIGINT`,
//! `DOUBLE PRECISION`, `TEXT`, `ON CONFLICT`, `$n` placeholders), so both backends run the same
//! statements and keep the same schema. SQLite wants `?n` placeholders; [`Db::sqlite_sql`]
//! rewrites them, which is safe because no statement of the store holds a `$` in a literal.

use crate::StoreError;

/// A value bound to a statement or read from a row.
#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
}

impl Val {
    pub fn int(&self) -> i64 {
        match self {
            Val::Int(i) => *i,
            Val::Real(f) => *f as i64,
            Val::Text(t) => t.parse().unwrap_or(0),
            Val::Null => 0,
        }
    }
    pub fn real(&self) -> f64 {
        match self {
            Val::Int(i) => *i as f64,
            Val::Real(f) => *f,
            Val::Text(t) => t.parse().unwrap_or(0.0),
            Val::Null => 0.0,
        }
    }
    pub fn text(&self) -> String {
        match self {
            Val::Text(t) => t.clone(),
            Val::Int(i) => i.to_string(),
            Val::Real(f) => f.to_string(),
            Val::Null => String::new(),
        }
    }
    pub fn opt_text(&self) -> Option<String> {
        match self {
            Val::Null => None,
            v => Some(v.text()),
        }
    }
}

impl From<i64> for Val {
    fn from(v: i64) -> Val {
        Val::Int(v)
    }
}
impl From<usize> for Val {
    fn from(v: usize) -> Val {
        Val::Int(v as i64)
    }
}
impl From<f64> for Val {
    fn from(v: f64) -> Val {
        Val::Real(v)
    }
}
impl From<&str> for Val {
    fn from(v: &str) -> Val {
        Val::Text(v.to_string())
    }
}
impl From<String> for Val {
    fn from(v: String) -> Val {
        Val::Text(v)
    }
}
impl From<&String> for Val {
    fn from(v: &String) -> Val {
        Val::Text(v.clone())
    }
}
impl<T: Into<Val>> From<Option<T>> for Val {
    fn from(v: Option<T>) -> Val {
        v.map(Into::into).unwrap_or(Val::Null)
    }
}

/// Which kind of server a store lives in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// An open connection.
pub enum Db {
    Sqlite(rusqlite::Connection),
    Postgres(Box<Pg>),
}

/// A PostgreSQL client with its prepared statements, reused because the writer runs the same
/// few statements thousands of times.
pub struct Pg {
    pub client: postgres::Client,
    statements: std::collections::HashMap<String, postgres::Statement>,
}

impl Pg {
    pub fn new(client: postgres::Client) -> Pg {
        Pg {
            client,
            statements: Default::default(),
        }
    }

    fn prepare_cached(&mut self, sql: &str) -> Result<postgres::Statement, postgres::Error> {
        if let Some(st) = self.statements.get(sql) {
            return Ok(st.clone());
        }
        let st = self.client.prepare(sql)?;
        self.statements.insert(sql.to_string(), st.clone());
        Ok(st)
    }
}

impl Db {
    pub fn backend(&self) -> Backend {
        match self {
            Db::Sqlite(_) => Backend::Sqlite,
            Db::Postgres(_) => Backend::Postgres,
        }
    }

    /// `$1` → `?1`, the numbered-parameter form SQLite understands.
    fn sqlite_sql(sql: &str) -> String {
        sql.replace('$', "?")
    }

    /// Runs a statement that returns no rows; gives the number of rows changed.
    pub fn exec(&mut self, sql: &str, params: &[Val]) -> Result<u64, StoreError> {
        match self {
            Db::Sqlite(c) => {
                let mut st = c.prepare_cached(&Self::sqlite_sql(sql))?;
                let n = st.execute(rusqlite::params_from_iter(params.iter().map(to_sqlite)))?;
                Ok(n as u64)
            }
            Db::Postgres(c) => {
                let st = c.prepare_cached(sql)?;
                let boxed = pg_params(params, st.params());
                let refs: Vec<&(dyn postgres::types::ToSql + Sync)> =
                    boxed.iter().map(|b| b.as_ref() as _).collect();
                Ok(c.client.execute(&st, &refs)?)
            }
        }
    }

    /// Runs statements separated by semicolons, without parameters (schema changes).
    pub fn batch(&mut self, sql: &str) -> Result<(), StoreError> {
        match self {
            Db::Sqlite(c) => Ok(c.execute_batch(sql)?),
            Db::Postgres(c) => Ok(c.client.batch_execute(sql)?),
        }
    }

    /// Runs a query and returns all its rows.
    pub fn query(&mut self, sql: &str, params: &[Val]) -> Result<Vec<Vec<Val>>, StoreError> {
        match self {
            Db::Sqlite(c) => {
                let mut st = c.prepare_cached(&Self::sqlite_sql(sql))?;
                let ncol = st.column_count();
                let mut rows =
                    st.query(rusqlite::params_from_iter(params.iter().map(to_sqlite)))?;
                let mut out = Vec::new();
                while let Some(r) = rows.next()? {
                    let mut row = Vec::with_capacity(ncol);
                    for i in 0..ncol {
                        row.push(match r.get_ref(i)? {
                            rusqlite::types::ValueRef::Null => Val::Null,
                            rusqlite::types::ValueRef::Integer(i) => Val::Int(i),
                            rusqlite::types::ValueRef::Real(f) => Val::Real(f),
                            rusqlite::types::ValueRef::Text(t) => {
                                Val::Text(String::from_utf8_lossy(t).into_owned())
                            }
                            rusqlite::types::ValueRef::Blob(b) => {
                                Val::Text(String::from_utf8_lossy(b).into_owned())
                            }
                        });
                    }
                    out.push(row);
                }
                Ok(out)
            }
            Db::Postgres(c) => {
                let st = c.prepare_cached(sql)?;
                let boxed = pg_params(params, st.params());
                let refs: Vec<&(dyn postgres::types::ToSql + Sync)> =
                    boxed.iter().map(|b| b.as_ref() as _).collect();
                let rows = c.client.query(&st, &refs)?;
                let mut out = Vec::with_capacity(rows.len());
                for r in rows {
                    let mut row = Vec::with_capacity(r.len());
                    for (i, col) in r.columns().iter().enumerate() {
                        use postgres::types::Type;
                        let t = col.type_();
                        row.push(
                            if *t == Type::INT8 {
                                r.get::<_, Option<i64>>(i).map(Val::Int)
                            } else if *t == Type::INT4 {
                                r.get::<_, Option<i32>>(i).map(|v| Val::Int(v as i64))
                            } else if *t == Type::FLOAT8 {
                                r.get::<_, Option<f64>>(i).map(Val::Real)
                            } else if *t == Type::NUMERIC {
                                // Sums of BIGINT columns come back as NUMERIC; the store casts them,
                                // so this arm is only reached by a statement that forgot to.
                                None
                            } else {
                                r.get::<_, Option<String>>(i).map(Val::Text)
                            }
                            .unwrap_or(Val::Null),
                        );
                    }
                    out.push(row);
                }
                Ok(out)
            }
        }
    }

    pub fn begin(&mut self) -> Result<(), StoreError> {
        self.batch("BEGIN")
    }
    pub fn commit(&mut self) -> Result<(), StoreError> {
        self.batch("COMMIT")
    }
    pub fn rollback(&mut self) -> Result<(), StoreError> {
        self.batch("ROLLBACK")
    }
}

fn to_sqlite(v: &Val) -> rusqlite::types::Value {
    use rusqlite::types::Value;
    match v {
        Val::Null => Value::Null,
        Val::Int(i) => Value::Integer(*i),
        Val::Real(f) => Value::Real(*f),
        Val::Text(t) => Value::Text(t.clone()),
    }
}

/// PostgreSQL is strict about parameter types, so each value is converted to the type the
/// prepared statement expects for its position.
fn pg_params(
    params: &[Val],
    types: &[postgres::types::Type],
) -> Vec<Box<dyn postgres::types::ToSql + Sync>> {
    use postgres::types::Type;
    params
        .iter()
        .zip(types)
        .map(|(v, t)| -> Box<dyn postgres::types::ToSql + Sync> {
            if *t == Type::INT8 {
                Box::new(match v {
                    Val::Null => None,
                    v => Some(v.int()),
                })
            } else if *t == Type::INT4 {
                Box::new(match v {
                    Val::Null => None,
                    v => Some(v.int() as i32),
                })
            } else if *t == Type::FLOAT8 {
                Box::new(match v {
                    Val::Null => None,
                    v => Some(v.real()),
                })
            } else {
                Box::new(v.opt_text())
            }
        })
        .collect()
}
