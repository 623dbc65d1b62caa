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
    QueryOrder, QuerySelect,
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
pub struct Change<'a> {
    pub agency_id: Option<Uuid>,
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
    let to_text = |v: &Option<serde_json::Value>| match v {
        None => "null".to_owned(),
        Some(v) => v.to_string(),
    };
    let before = to_text(&change.before);
    let after = to_text(&change.after);
    let Change {
        agency_id,
        action,
        entity_type,
        entity_id,
        ..
    } = change;
    let chain = chain_for(agency_id);

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

    let seq = head.seq + 1;
    let at = Utc::now().to_rfc3339_opts(SecondsFormat::Micros, true);
    let actor_id = ctx.actor.id_text();
    let content = AuditContent {
        seq,
        chain: &chain,
        at: &at,
        actor_kind: ctx.actor.kind(),
        actor_id: &actor_id,
        action,
        entity_type,
        entity_id: &entity_id,
        before: &before,
        after: &after,
        request_id: &ctx.request_id,
    };
    let hash = entry_hash(&head.hash, &content);
    audit_log::Entity::insert(audit_log::ActiveModel {
        chain: Set(chain.clone()),
        seq: Set(seq),
        agency_id: Set(agency_id),
        at: Set(at.clone()),
        actor_kind: Set(ctx.actor.kind().to_owned()),
        actor_id: Set(actor_id.clone()),
        actor_label: Set(ctx.actor.label.clone()),
        action: Set(action.to_owned()),
        entity_type: Set(entity_type.to_owned()),
        entity_id: Set(entity_id.clone()),
        before: Set(before.clone()),
        after: Set(after.clone()),
        request_id: Set(ctx.request_id.clone()),
        prev_hash: Set(head.hash.clone()),
        hash: Set(hash.clone()),
        ..Default::default()
    })
    .exec_without_returning(txn)
    .await?;
    audit_chain_head::Entity::update(audit_chain_head::ActiveModel {
        chain: Set(chain),
        seq: Set(seq),
        hash: Set(hash),
    })
    .exec(txn)
    .await?;
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
    {
        if head.seq != after_seq {
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
