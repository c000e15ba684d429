//! Cluster queries for `dupes`, `show` and `eval`.

use super::read::{EXPORT_JOINS, relation_columns};
use super::{Result, Store};
use crate::model::Relation;
use serde::Serialize;

/// One article of a cluster, without its text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Member {
    pub id: i64,
    pub origin: String,
    pub external_id: Option<String>,
    pub title: Option<String>,
    pub source: Option<String>,
    pub published: Option<String>,
    pub canonical: bool,
    pub relation: Relation,
    pub similarity: f64,
}

/// Which cluster an article is in: what `eval` compares with the labels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assignment {
    pub article_id: i64,
    pub external_id: Option<String>,
    pub origin: String,
    pub cluster_id: i64,
}

const MEMBER_COLUMNS: &str = concat!(
    "a.id, a.origin, a.external_id, a.title, a.source, a.published, c.canonical_article = a.id, ",
    relation_columns!("ca.body_id"),
    ", b.cluster_id"
);

fn member(row: &rusqlite::Row) -> rusqlite::Result<(i64, Member)> {
    let relation: String = row.get(7)?;
    Ok((
        row.get(9)?,
        Member {
            id: row.get(0)?,
            origin: row.get(1)?,
            external_id: row.get(2)?,
            title: row.get(3)?,
            source: row.get(4)?,
            published: row.get(5)?,
            canonical: row.get(6)?,
            relation: Relation::parse(&relation).unwrap_or(Relation::Near),
            similarity: row.get(8)?,
        },
    ))
}

impl Store {
    /// The articles of one cluster: canonical first, then by id.
    pub fn members(&self, cluster_id: i64) -> Result<Vec<Member>> {
        let sql = format!(
            "SELECT {MEMBER_COLUMNS} FROM articles a {EXPORT_JOINS} WHERE b.cluster_id = ?1
             ORDER BY c.canonical_article = a.id DESC, a.id"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([cluster_id], |r| member(r).map(|(_, m)| m))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Clusters with at least `min_size` articles, largest first (ties: lower id first).
    pub fn clusters_with_copies(&self, min_size: u64) -> Result<Vec<(i64, Vec<Member>)>> {
        let sql = format!(
            "SELECT {MEMBER_COLUMNS} FROM articles a {EXPORT_JOINS} WHERE b.cluster_id IN (
                SELECT b2.cluster_id FROM articles a2 JOIN bodies b2 ON b2.id = a2.body_id
                GROUP BY b2.cluster_id HAVING count(*) >= ?1)
             ORDER BY b.cluster_id, c.canonical_article = a.id DESC, a.id"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let mut clusters: Vec<(i64, Vec<Member>)> = Vec::new();
        for row in stmt.query_map([min_size.max(1) as i64], member)? {
            let (cluster_id, m) = row?;
            match clusters.last_mut() {
                Some((id, members)) if *id == cluster_id => members.push(m),
                _ => clusters.push((cluster_id, vec![m])),
            }
        }
        clusters.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
        Ok(clusters)
    }

    /// Every article's cluster, in article order.
    pub fn assignments(&self) -> Result<Vec<Assignment>> {
        let mut stmt = self.conn.prepare(
            "SELECT a.id, a.external_id, a.origin, b.cluster_id FROM articles a
             JOIN bodies b ON b.id = a.body_id ORDER BY a.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Assignment {
                article_id: r.get(0)?,
                external_id: r.get(1)?,
                origin: r.get(2)?,
                cluster_id: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
