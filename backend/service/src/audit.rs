//! Writing to and verifying the hash-chained audit log. Every use case that writes calls
//! [`record`] inside its own transaction, so the entry commits or rolls back with the change.

use chrono::{SecondsFormat, Utc};
use kinerja_domain::audit::{
    AuditContent, ChainBreak, ChainVerifier, GENESIS_HASH, StoredEntry, entry_hash,
};
use kinerja_store::entities::{audit_chain_head, audit_log};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Statement, Value,
};
use serde::Serialize;
use uuid::Uuid;

use crate::actor::Ctx;
use crate::error::{ServiceError, ServiceResult};

/// The chain an agency's entries belong to; deployment-wide acts go to "global".
pub fn chain_for(agency_id: Option<Uuid>) -> String {
    match agency_id {
        Some(a) => format!("agency:{a}"),
        None => "global".to_owned(),
    }
}

/// What an audit entry says happened; `before` / `after` are the object's API representation
/// (None when it did not exist before or does not exist after).
#[derive(Default)]
pub struct Change<'a> {
    pub agency_id: Option<Uuid>,
    /// The employee whose record this is: the entry appears in their own audit trail
    /// (`GET /me/audit-trail`). None for entries that must not reach them (360 requests,
    /// private notes) and for agency-level acts.
    pub subject_employee_id: Option<Uuid>,
    pub action: &'a str,
    pub entity_type: &'a str,
    pub entity_id: String,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

/// Serialises an object for [`Change`].
pub fn snapshot<T: Serialize>(value: &T) -> Option<serde_json::Value> {
    serde_json::to_value(value).ok()
}

/// Appends one entry. `before` / `after` are stored as JSON text (`null` when absent); the
/// hash covers exactly the text stored.
pub async fn record<C: ConnectionTrait>(
    txn: &C,
    ctx: &Ctx,
    change: Change<'_>,
) -> ServiceResult<()> {
    record_many(txn, ctx, vec![change]).await
}

/// Rows per multi-row INSERT of audit entries: 17 columns, under both databases' bind limits.
const INSERT_CHUNK: usize = 1000;

/// Appends entries in the given order, as one write per chain: the chain's head is locked
/// once, the hashes are chained in memory and the rows inserted in multi-row INSERTs. Batch
/// operations (generation, scoring, finalisation, conclusion, sweeps) record one entry per
/// object this way without a per-row round trip.
pub async fn record_many<C: ConnectionTrait>(
    txn: &C,
    ctx: &Ctx,
    changes: Vec<Change<'_>>,
) -> ServiceResult<()> {
    if changes.is_empty() {
        return Ok(());
    }
    let to_text = |v: &Option<serde_json::Value>| match v {
        None => "null".to_owned(),
        Some(v) => v.to_string(),
    };
    // Chains in order of first appearance; entries keep their order within a chain.
    let mut chains: Vec<(String, Vec<Change<'_>>)> = Vec::new();
    for c in changes {
        let chain = chain_for(c.agency_id);
        match chains.iter_mut().find(|(k, _)| *k == chain) {
            Some((_, v)) => v.push(c),
            None => chains.push((chain, vec![c])),
        }
    }
    let at = Utc::now().to_rfc3339_opts(SecondsFormat::Micros, true);
    let actor_id = ctx.actor.id_text();
    for (chain, entries) in chains {
        let agency_of_chain = entries.first().and_then(|c| c.agency_id);
        // Make sure the head row exists, then lock it: appends to one chain are serialised.
        audit_chain_head::Entity::insert(audit_chain_head::ActiveModel {
            chain: Set(chain.clone()),
            seq: Set(0),
            hash: Set(GENESIS_HASH.to_owned()),
        })
        .on_conflict(
            OnConflict::column(audit_chain_head::Column::Chain)
                .do_nothing()
                .to_owned(),
        )
        .try_insert()
        .exec(txn)
        .await?;
        let mut q = audit_chain_head::Entity::find_by_id(chain.clone());
        if txn.get_database_backend() == DbBackend::Postgres {
            q = q.lock_exclusive();
        }
        let head = q
            .one(txn)
            .await?
            .ok_or_else(|| ServiceError::Internal("audit chain head vanished".into()))?;
        let mut seq = head.seq;
        let mut prev = head.hash;
        // Per row: seq, action, entity_type, entity_id, before, after, prev_hash, hash, subject.
        let mut rows: Vec<[Value; 9]> = Vec::with_capacity(entries.len());
        for change in entries {
            let before = to_text(&change.before);
            let after = to_text(&change.after);
            let subject = change
                .subject_employee_id
                .map(|s| s.to_string())
                .unwrap_or_default();
            seq += 1;
            let content = AuditContent {
                seq,
                chain: &chain,
                at: &at,
                actor_kind: ctx.actor.kind(),
                actor_id: &actor_id,
                action: change.action,
                entity_type: change.entity_type,
                entity_id: &change.entity_id,
                before: &before,
                after: &after,
                request_id: &ctx.request_id,
                subject: &subject,
            };
            let hash = entry_hash(&prev, &content);
            rows.push([
                Value::from(seq),
                Value::from(change.action),
                Value::from(change.entity_type),
                Value::from(change.entity_id),
                Value::from(before),
                Value::from(after),
                Value::from(std::mem::replace(&mut prev, hash.clone())),
                Value::from(hash),
                Value::from(change.subject_employee_id),
            ]);
        }
        let shared = [
            Value::from(chain.clone()),
            Value::from(at.clone()),
            Value::from(ctx.actor.kind()),
            Value::from(actor_id.clone()),
            Value::from(ctx.actor.label.clone()),
            Value::from(ctx.request_id.clone()),
            Value::from(agency_of_chain),
        ];
        insert_entries(txn, &shared, rows).await?;
        audit_chain_head::Entity::update(audit_chain_head::ActiveModel {
            chain: Set(chain),
            seq: Set(seq),
            hash: Set(prev),
        })
        .exec(txn)
        .await?;
    }
    Ok(())
}

/// Inserts chained entries: on PostgreSQL each chunk travels as one JSON parameter expanded by
/// `json_to_recordset` (a batch of 100,000 entries binds a few dozen values instead of
/// 1.7 million); on SQLite, in-process, as multi-row INSERTs of 1,000 rows. `rows` hold, per
/// entry: seq, action, entity_type, entity_id, before, after, prev_hash, hash, subject.
async fn insert_entries<C: ConnectionTrait>(
    txn: &C,
    shared: &[Value; 7],
    mut rows: Vec<[Value; 9]>,
) -> ServiceResult<()> {
    const COLUMNS: &str = "chain, at, actor_kind, actor_id, actor_label, request_id, agency_id, \
        seq, action, entity_type, entity_id, before, after, prev_hash, hash, subject_employee_id";
    let backend = txn.get_database_backend();
    if backend == DbBackend::Postgres {
        while !rows.is_empty() {
            let chunk: Vec<[Value; 9]> = rows.drain(..rows.len().min(5000)).collect();
            // One JSON array of the rows, serialised straight from a struct.
            #[derive(Serialize)]
            struct Record<'a> {
                seq: i64,
                action: &'a str,
                entity_type: &'a str,
                entity_id: &'a str,
                before: &'a str,
                after: &'a str,
                prev_hash: &'a str,
                hash: &'a str,
                subject: Option<Uuid>,
            }
            fn text_of(v: &Value) -> &str {
                match v {
                    Value::String(Some(t)) => t.as_str(),
                    _ => "",
                }
            }
            let records: Vec<Record> = chunk
                .iter()
                .map(|row| Record {
                    seq: match row[0] {
                        Value::BigInt(Some(n)) => n,
                        _ => 0,
                    },
                    action: text_of(&row[1]),
                    entity_type: text_of(&row[2]),
                    entity_id: text_of(&row[3]),
                    before: text_of(&row[4]),
                    after: text_of(&row[5]),
                    prev_hash: text_of(&row[6]),
                    hash: text_of(&row[7]),
                    subject: match row[8] {
                        Value::Uuid(u) => u,
                        _ => None,
                    },
                })
                .collect();
            let json = serde_json::to_string(&records)
                .map_err(|e| ServiceError::Internal(format!("audit batch: {e}")))?;
            let mut values = shared.to_vec();
            values.push(Value::from(json));
            let text = format!(
                "INSERT INTO audit_log ({COLUMNS}) \
                 SELECT $1, $2, $3, $4, $5, $6, $7, r.seq, r.action, r.entity_type, r.entity_id, \
                 r.before, r.after, r.prev_hash, r.hash, r.subject \
                 FROM json_to_recordset($8::json) AS r(seq bigint, action text, entity_type text, \
                 entity_id text, before text, after text, prev_hash text, hash text, subject uuid)"
            );
            txn.execute_raw(Statement::from_sql_and_values(backend, text, values))
                .await?;
        }
        return Ok(());
    }
    // SQLite is in-process: plain multi-row INSERTs of entity rows are the fastest there.
    let [
        chain,
        at,
        actor_kind,
        actor_id,
        actor_label,
        request_id,
        agency_id,
    ] = shared.clone();
    let text = |v: Value| match v {
        Value::String(Some(t)) => t,
        _ => String::new(),
    };
    let (chain, at, actor_kind, actor_id, actor_label, request_id) = (
        text(chain),
        text(at),
        text(actor_kind),
        text(actor_id),
        text(actor_label),
        text(request_id),
    );
    let agency_id = match agency_id {
        Value::Uuid(u) => u,
        _ => None,
    };
    while !rows.is_empty() {
        let chunk: Vec<audit_log::ActiveModel> = rows
            .drain(..rows.len().min(INSERT_CHUNK))
            .map(
                |[
                    seq,
                    action,
                    entity_type,
                    entity_id,
                    before,
                    after,
                    prev,
                    hash,
                    subject,
                ]| {
                    audit_log::ActiveModel {
                        chain: Set(chain.clone()),
                        seq: Set(match seq {
                            Value::BigInt(Some(n)) => n,
                            _ => 0,
                        }),
                        agency_id: Set(agency_id),
                        at: Set(at.clone()),
                        actor_kind: Set(actor_kind.clone()),
                        actor_id: Set(actor_id.clone()),
                        actor_label: Set(actor_label.clone()),
                        action: Set(text(action)),
                        entity_type: Set(text(entity_type)),
                        entity_id: Set(text(entity_id)),
                        before: Set(text(before)),
                        after: Set(text(after)),
                        request_id: Set(request_id.clone()),
                        prev_hash: Set(text(prev)),
                        hash: Set(text(hash)),
                        subject_employee_id: Set(match subject {
                            Value::Uuid(u) => u,
                            _ => None,
                        }),
                        ..Default::default()
                    }
                },
            )
            .collect();
        audit_log::Entity::insert_many(chunk)
            .exec_without_returning(txn)
            .await?;
    }
    Ok(())
}

/// Result of verifying one chain.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ChainReport {
    #[schema(example = "agency:0190f0c2-...")]
    pub chain: String,
    /// Entries checked before the first break (or all of them).
    pub checked: u64,
    pub is_intact: bool,
    /// The first broken link, when there is one.
    pub first_break: Option<BrokenLink>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct BrokenLink {
    /// Sequence number of the first entry that fails.
    pub seq: i64,
    /// `hash_mismatch` (entry edited), `prev_hash_mismatch` (entry before it replaced) or `gap`
    /// (entry deleted).
    pub kind: String,
    pub message: String,
}

/// Verifies a chain from its first entry, streaming in batches; reports the first broken link.
pub async fn verify_chain<C: ConnectionTrait>(db: &C, chain: &str) -> ServiceResult<ChainReport> {
    const BATCH: u64 = 2000;
    let mut verifier = ChainVerifier::default();
    let mut after_seq = 0i64;
    loop {
        let rows = audit_log::Entity::find()
            .filter(audit_log::Column::Chain.eq(chain))
            .filter(audit_log::Column::Seq.gt(after_seq))
            .order_by_asc(audit_log::Column::Seq)
            .limit(BATCH)
            .all(db)
            .await?;
        let n = rows.len();
        for row in &rows {
            let subject = row
                .subject_employee_id
                .map(|s| s.to_string())
                .unwrap_or_default();
            let entry = StoredEntry {
                content: AuditContent {
                    seq: row.seq,
                    chain: &row.chain,
                    at: &row.at,
                    actor_kind: &row.actor_kind,
                    actor_id: &row.actor_id,
                    action: &row.action,
                    entity_type: &row.entity_type,
                    entity_id: &row.entity_id,
                    before: &row.before,
                    after: &row.after,
                    request_id: &row.request_id,
                    subject: &subject,
                },
                prev_hash: &row.prev_hash,
                hash: &row.hash,
            };
            if let Err(b) = verifier.feed(&entry) {
                let (seq, kind, message) = match b {
                    ChainBreak::HashMismatch { seq } => (
                        seq,
                        "hash_mismatch",
                        format!(
                            "Entry {seq} no longer matches its hash: it was changed after it was written."
                        ),
                    ),
                    ChainBreak::PrevHashMismatch { seq } => (
                        seq,
                        "prev_hash_mismatch",
                        format!(
                            "Entry {seq} does not follow from the entry before it: an earlier entry was replaced."
                        ),
                    ),
                    ChainBreak::Gap {
                        expected_seq,
                        found_seq,
                    } => (
                        expected_seq,
                        "gap",
                        format!(
                            "Entry {expected_seq} is missing (found {found_seq} next): entries were deleted."
                        ),
                    ),
                };
                return Ok(ChainReport {
                    chain: chain.to_owned(),
                    checked: verifier.checked,
                    is_intact: false,
                    first_break: Some(BrokenLink {
                        seq,
                        kind: kind.to_owned(),
                        message,
                    }),
                });
            }
            after_seq = row.seq;
        }
        if (n as u64) < BATCH {
            break;
        }
    }
    // Entries deleted from the end leave the head ahead of the last entry.
    if let Some(head) = audit_chain_head::Entity::find_by_id(chain.to_owned())
        .one(db)
        .await?
        && head.seq != after_seq
    {
        return Ok(ChainReport {
            chain: chain.to_owned(),
            checked: verifier.checked,
            is_intact: false,
            first_break: Some(BrokenLink {
                seq: after_seq + 1,
                kind: "gap".to_owned(),
                message: format!(
                    "The chain ends at entry {after_seq} but its head records {}: entries were deleted.",
                    head.seq
                ),
            }),
        });
    }
    Ok(ChainReport {
        chain: chain.to_owned(),
        checked: verifier.checked,
        is_intact: true,
        first_break: None,
    })
}

/// Verifies every chain.
pub async fn verify_all<C: ConnectionTrait>(db: &C) -> ServiceResult<Vec<ChainReport>> {
    let chains: Vec<String> = audit_chain_head::Entity::find()
        .order_by_asc(audit_chain_head::Column::Chain)
        .all(db)
        .await?
        .into_iter()
        .map(|h| h.chain)
        .collect();
    let mut out = Vec::with_capacity(chains.len());
    for chain in chains {
        out.push(verify_chain(db, &chain).await?);
    }
    Ok(out)
}

/// One audit entry as readers see it: `before` / `after` parsed back into JSON.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AuditEntryView {
    /// Position in its chain, from 1.
    pub seq: i64,
    #[schema(example = "agency:0190f0c2-8a5e-7000-8000-000000000001")]
    pub chain: String,
    pub agency_id: Option<Uuid>,
    /// The instant recorded, RFC 3339 with microseconds, exactly as hashed.
    #[schema(example = "2026-11-22T08:15:30.123456Z", format = DateTime)]
    pub at: String,
    /// `user` or `client`.
    pub actor_kind: String,
    /// User id or client id.
    pub actor_id: String,
    /// Username or client id at the time.
    pub actor_label: String,
    /// The name of the employee behind the account that acted, when it is linked to one
    /// (read now, not hashed).
    pub actor_name: Option<String>,
    #[schema(example = "assignment.create")]
    pub action: String,
    #[schema(example = "appraiser_assignment")]
    pub entity_type: String,
    pub entity_id: String,
    /// The object before the change; null when it did not exist.
    #[schema(value_type = Option<Object>)]
    pub before: Option<serde_json::Value>,
    /// The object after the change; null when it no longer exists.
    #[schema(value_type = Option<Object>)]
    pub after: Option<serde_json::Value>,
    /// The X-Request-Id of the request that made the change.
    pub request_id: String,
    pub prev_hash: String,
    pub hash: String,
}

/// Parses stored JSON text; text that is not JSON (only possible after tampering) is shown
/// as a string rather than hidden.
fn parse_stored(text: &str) -> Option<serde_json::Value> {
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(serde_json::Value::Null) => None,
        Ok(v) => Some(v),
        Err(_) => Some(serde_json::Value::String(text.to_owned())),
    }
}

impl From<audit_log::Model> for AuditEntryView {
    fn from(m: audit_log::Model) -> Self {
        Self {
            seq: m.seq,
            before: parse_stored(&m.before),
            after: parse_stored(&m.after),
            chain: m.chain,
            agency_id: m.agency_id,
            at: m.at,
            actor_kind: m.actor_kind,
            actor_id: m.actor_id,
            actor_label: m.actor_label,
            actor_name: None,
            action: m.action,
            entity_type: m.entity_type,
            entity_id: m.entity_id,
            request_id: m.request_id,
            prev_hash: m.prev_hash,
            hash: m.hash,
        }
    }
}

/// Fills `actor_name` from the accounts' linked employees, in two queries.
pub async fn fill_actor_names<C: ConnectionTrait>(
    db: &C,
    entries: &mut [AuditEntryView],
) -> ServiceResult<()> {
    use kinerja_store::entities::{employee, user};
    let ids: Vec<Uuid> = entries
        .iter()
        .filter(|e| e.actor_kind == "user")
        .filter_map(|e| e.actor_id.parse().ok())
        .collect::<std::collections::HashSet<Uuid>>()
        .into_iter()
        .collect();
    if ids.is_empty() {
        return Ok(());
    }
    let links: Vec<(Uuid, Option<Uuid>)> = user::Entity::find()
        .select_only()
        .column(user::Column::Id)
        .column(user::Column::EmployeeId)
        .filter(user::Column::Id.is_in(ids))
        .into_tuple()
        .all(db)
        .await?;
    let employees: Vec<Uuid> = links.iter().filter_map(|(_, e)| *e).collect();
    let names: std::collections::HashMap<Uuid, String> = employee::Entity::find()
        .select_only()
        .column(employee::Column::Id)
        .column(employee::Column::Name)
        .filter(employee::Column::Id.is_in(employees))
        .into_tuple::<(Uuid, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let by_user: std::collections::HashMap<String, String> = links
        .into_iter()
        .filter_map(|(u, e)| {
            e.and_then(|e| names.get(&e).cloned())
                .map(|n| (u.to_string(), n))
        })
        .collect();
    for e in entries.iter_mut() {
        if e.actor_kind == "user" {
            e.actor_name = by_user.get(&e.actor_id).cloned();
        }
    }
    Ok(())
}

/// Which chain to read: an agency's (default) or, for a super_admin, the global one.
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ChainQuery {
    /// Only for a super_admin: the agency whose chain to read (required for them unless
    /// `chain=global`).
    pub agency_id: Option<Uuid>,
    /// `global` for deployment-wide entries (super_admin only); absent for an agency's chain.
    #[param(example = "global")]
    pub chain: Option<String>,
}

/// Filters of the audit log listing; every filter is an exact match except the instants.
#[derive(Debug, Clone, Default, serde::Deserialize, validator::Validate, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListAuditQuery {
    #[validate(length(min = 1, max = 64))]
    pub entity_type: Option<String>,
    #[validate(length(min = 1, max = 64))]
    pub entity_id: Option<String>,
    #[validate(length(min = 1, max = 64))]
    pub action: Option<String>,
    /// User id or client id of the actor.
    #[validate(length(min = 1, max = 64))]
    pub actor_id: Option<String>,
    /// Entries at or after this instant (RFC 3339).
    pub from: Option<chrono::DateTime<Utc>>,
    /// Entries at or before this instant (RFC 3339).
    pub to: Option<chrono::DateTime<Utc>>,
}

/// The chain a reader may read, or why not: agency_admin, auditor and clients with
/// `audit:read` read their agency's; a super_admin names an agency or asks for the global chain.
fn readable_chain(ctx: &Ctx, q: &ChainQuery) -> ServiceResult<String> {
    match q.chain.as_deref() {
        Some("global") => {
            if q.agency_id.is_some() {
                return Err(ServiceError::field(
                    "chain",
                    "chain_or_agency",
                    "Ask for either chain=global or an agency_id, not both.",
                ));
            }
            if !ctx.actor.is_super_admin() {
                return Err(ServiceError::forbidden(
                    "Only a super_admin may read the global audit chain.",
                ));
            }
            Ok(chain_for(None))
        }
        None | Some("agency") => {
            let agency_id = ctx.actor.scope_agency(q.agency_id)?;
            ctx.actor
                .require_admin(agency_id, "audit", crate::Access::Read, "agency")?;
            Ok(chain_for(Some(agency_id)))
        }
        Some(_) => Err(ServiceError::field(
            "chain",
            "invalid_chain",
            "chain is either `global` or absent (an agency's chain).",
        )),
    }
}

/// Lists one chain's entries, newest first.
pub async fn list_entries(
    s: &crate::Services,
    ctx: &Ctx,
    chain: ChainQuery,
    query: ListAuditQuery,
    page: crate::pagination::PageParams,
) -> ServiceResult<crate::pagination::Page<AuditEntryView>> {
    use sea_orm::PaginatorTrait;
    let chain = readable_chain(ctx, &chain)?;
    crate::error::validate(&query)?;
    crate::error::validate(&page)?;
    if let (Some(from), Some(to)) = (query.from, query.to)
        && to < from
    {
        return Err(ServiceError::field(
            "to",
            "before_from",
            "`to` must not be before `from`.",
        ));
    }
    let mut cond = sea_orm::Condition::all().add(audit_log::Column::Chain.eq(chain));
    for (col, value) in [
        (audit_log::Column::EntityType, &query.entity_type),
        (audit_log::Column::EntityId, &query.entity_id),
        (audit_log::Column::Action, &query.action),
        (audit_log::Column::ActorId, &query.actor_id),
    ] {
        if let Some(v) = value {
            cond = cond.add(col.eq(v.as_str()));
        }
    }
    // Stored instants are fixed-width RFC 3339 UTC text, so text order is time order.
    if let Some(from) = query.from {
        cond =
            cond.add(audit_log::Column::At.gte(from.to_rfc3339_opts(SecondsFormat::Micros, true)));
    }
    if let Some(to) = query.to {
        cond = cond.add(audit_log::Column::At.lte(to.to_rfc3339_opts(SecondsFormat::Micros, true)));
    }
    let db = s.db.conn();
    let total = audit_log::Entity::find()
        .filter(cond.clone())
        .count(db)
        .await?;
    let rows = audit_log::Entity::find()
        .filter(cond)
        .order_by_desc(audit_log::Column::Seq)
        .offset(page.offset())
        .limit(page.per_page())
        .all(db)
        .await?;
    let mut items: Vec<AuditEntryView> = rows.into_iter().map(AuditEntryView::from).collect();
    fill_actor_names(db, &mut items).await?;
    Ok(crate::pagination::Page {
        items,
        total,
        page: page.page(),
        per_page: page.per_page(),
    })
}

/// Verifies the chain the caller may read (see [`list_entries`] for who may read which).
pub async fn verify_readable_chain(
    s: &crate::Services,
    ctx: &Ctx,
    chain: ChainQuery,
) -> ServiceResult<ChainReport> {
    let chain = readable_chain(ctx, &chain)?;
    verify_chain(s.db.conn(), &chain).await
}
