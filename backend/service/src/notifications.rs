//! The notification outbox: rows written by other use cases (feedback requests, reminders,
//! continuous feedback) with `sent_at` null for a mail sender to pick up, and the recipient's
//! inbox. Sending mail is not this module's job.

use chrono::{DateTime, Utc};
use kinerja_store::entities::notification;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel,
    Order, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::actor::Ctx;
use crate::audit::{self, Change};
use crate::error::{ServiceError, ServiceResult, validate};
use crate::pagination::{Page, PageParams};
use crate::{Services, now};

/// A notification to write.
pub struct NewNotification {
    pub agency_id: Uuid,
    pub recipient_employee_id: Uuid,
    pub kind: &'static str,
    pub subject: String,
    pub body: String,
    pub payload: serde_json::Value,
}

/// Writes notifications in bulk (multi-row INSERTs of at most 500 rows).
pub async fn enqueue<C: ConnectionTrait>(db: &C, items: Vec<NewNotification>) -> ServiceResult<()> {
    let at = now();
    let rows: Vec<notification::ActiveModel> = items
        .into_iter()
        .map(|n| notification::ActiveModel {
            id: Set(Uuid::now_v7()),
            agency_id: Set(n.agency_id),
            recipient_employee_id: Set(n.recipient_employee_id),
            kind: Set(n.kind.to_owned()),
            subject: Set(n.subject),
            body: Set(n.body),
            payload: Set(n.payload.to_string()),
            created_at: Set(at),
            read_at: Set(None),
            sent_at: Set(None),
        })
        .collect();
    for chunk in rows.chunks(500) {
        notification::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

/// A notification in the recipient's inbox.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NotificationView {
    pub id: Uuid,
    /// `feedback_requested`, `feedback_reminder`, `continuous_feedback`...
    pub kind: String,
    pub subject: String,
    pub body: String,
    /// Ids the client can link to (evaluation_id, feedback_request_id, period_id...).
    #[schema(value_type = Object)]
    pub payload: serde_json::Value,
    pub created_at: DateTime<Utc>,
    pub read_at: Option<DateTime<Utc>>,
    pub is_read: bool,
}

impl From<&notification::Model> for NotificationView {
    fn from(m: &notification::Model) -> Self {
        Self {
            id: m.id,
            kind: m.kind.clone(),
            subject: m.subject.clone(),
            body: m.body.clone(),
            payload: serde_json::from_str(&m.payload).unwrap_or(serde_json::Value::Null),
            created_at: m.created_at,
            read_at: m.read_at,
            is_read: m.read_at.is_some(),
        }
    }
}

fn my_employee(ctx: &Ctx) -> ServiceResult<Uuid> {
    ctx.actor.employee_id().ok_or_else(|| {
        ServiceError::forbidden("Notifications are addressed to employees; this account is none.")
    })
}

/// GET /notifications/mine: the caller's notifications, unread first, newest first.
pub async fn list_my_notifications(
    s: &Services,
    ctx: &Ctx,
    page: PageParams,
) -> ServiceResult<Page<NotificationView>> {
    validate(&page)?;
    let me = my_employee(ctx)?;
    let db = s.db.conn();
    let q = notification::Entity::find().filter(notification::Column::RecipientEmployeeId.eq(me));
    let total = q.clone().count(db).await?;
    let rows = q
        .order_by(
            Into::<sea_orm::sea_query::Expr>::into(
                Expr::case(Expr::col(notification::Column::ReadAt).is_null(), 0).finally(1),
            ),
            Order::Asc,
        )
        .order_by_desc(notification::Column::CreatedAt)
        .order_by_desc(notification::Column::Id)
        .offset(page.offset())
        .limit(page.per_page())
        .all(db)
        .await?;
    Ok(Page {
        items: rows.iter().map(NotificationView::from).collect(),
        total,
        page: page.page(),
        per_page: page.per_page(),
    })
}

/// POST /notifications/{id}/read: marks one of the caller's notifications read (idempotent).
pub async fn read_notification(
    s: &Services,
    ctx: &Ctx,
    id: Uuid,
) -> ServiceResult<NotificationView> {
    let me = my_employee(ctx)?;
    let txn = s.db.begin_write().await?;
    let m = notification::Entity::find_by_id(id)
        .one(&*txn)
        .await?
        .filter(|m| m.recipient_employee_id == me)
        .ok_or_else(|| ServiceError::not_found("notification"))?;
    if m.read_at.is_some() {
        txn.commit().await?;
        return Ok(NotificationView::from(&m));
    }
    let before = NotificationView::from(&m);
    let agency_id = m.agency_id;
    let mut am = m.into_active_model();
    am.read_at = Set(Some(now()));
    let saved = am.update(&*txn).await?;
    let after = NotificationView::from(&saved);
    audit::record(
        &*txn,
        ctx,
        Change {
            subject_employee_id: None,
            agency_id: Some(agency_id),
            action: "notification.read",
            entity_type: "notification",
            entity_id: id.to_string(),
            before: Some(serde_json::json!({"read_at": before.read_at})),
            after: Some(serde_json::json!({"read_at": after.read_at})),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}
