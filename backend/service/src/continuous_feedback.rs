//! Continuous feedback (umpan balik berkelanjutan) and recorded performance dialogues (dialog
//! kinerja), domain.md 1.7. Both are append-only: there is no update and no delete.

use chrono::{DateTime, NaiveDate, Utc};
use kinerja_domain::reference::CoreValue;
use kinerja_store::entities::{
    continuous_feedback, dialogue, indicator, period, plan, work_result,
};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use crate::actor::{Access, Ctx};
use crate::audit::{self, Change};
use crate::error::{ServiceError, ServiceResult, validate};
use crate::notifications::{NewNotification, enqueue};
use crate::{Services, now};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum FeedbackTarget {
    /// A work result (RHK) of the plan: `target_id`.
    WorkResult,
    /// An indicator (IKI) of the plan: `target_id`.
    Indicator,
    /// A BerAKHLAK core value: `core_value`.
    CoreValue,
    General,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum FeedbackVisibility {
    /// The employee reads it (and the appraiser).
    Employee,
    /// The appraiser's private note.
    PrivateToAppraiser,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DialogueKind {
    Planning,
    Monitoring,
    Coaching,
    Counselling,
    Mentoring,
}

fn text<T: Serialize>(v: T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn parse<T: for<'de> Deserialize<'de>>(t: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(t.to_owned())).ok()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PlanViewer {
    Hr,
    Auditor,
    Employee,
    Appraiser,
}

async fn load_plan<C: ConnectionTrait>(
    db: &C,
    ctx: &Ctx,
    id: Uuid,
) -> ServiceResult<(plan::Model, PlanViewer)> {
    let p = plan::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::not_found("plan"))?;
    ctx.actor.check_agency(p.agency_id, "plan")?;
    let a = &ctx.actor;
    let v = if a.role().is_some() && a.can_administer(p.agency_id, "plans", Access::Write) {
        PlanViewer::Hr
    } else if a.role().is_some() && a.can_administer(p.agency_id, "plans", Access::Read) {
        PlanViewer::Auditor
    } else {
        match a.employee_id() {
            Some(me) if me == p.employee_id => PlanViewer::Employee,
            Some(me) if p.appraiser_employee_id == Some(me) => PlanViewer::Appraiser,
            _ => return Err(ServiceError::not_found("plan")),
        }
    };
    Ok((p, v))
}

/// A continuous feedback note.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ContinuousFeedbackView {
    pub id: Uuid,
    pub plan_id: Uuid,
    pub period_id: Option<Uuid>,
    pub target_type: FeedbackTarget,
    pub target_id: Option<Uuid>,
    pub core_value: Option<CoreValue>,
    pub author_employee_id: Option<Uuid>,
    /// `appraiser` or `employee` (a self note).
    pub author_role: String,
    pub body: String,
    pub visibility: FeedbackVisibility,
    pub created_at: DateTime<Utc>,
}

impl From<&continuous_feedback::Model> for ContinuousFeedbackView {
    fn from(m: &continuous_feedback::Model) -> Self {
        Self {
            id: m.id,
            plan_id: m.plan_id,
            period_id: m.period_id,
            target_type: parse(&m.target_type).unwrap_or(FeedbackTarget::General),
            target_id: m.target_id,
            core_value: m.core_value.as_deref().and_then(parse),
            author_employee_id: m.author_employee_id,
            author_role: m.author_role.clone(),
            body: m.body.clone(),
            visibility: parse(&m.visibility).unwrap_or(FeedbackVisibility::Employee),
            created_at: m.created_at,
        }
    }
}

#[derive(Debug, Clone, Deserialize, ToSchema, Validate)]
#[schema(example = json!({"target_type": "work_result", "target_id": "01927c2e-8f3a-7b11-9c55-2d0a6c1e4f00", "body": "Laporan triwulan I tepat waktu; lampirkan notulen rapat sebagai bukti dukung.", "visibility": "employee"}))]
pub struct CreateContinuousFeedback {
    pub target_type: FeedbackTarget,
    pub target_id: Option<Uuid>,
    pub core_value: Option<CoreValue>,
    pub period_id: Option<Uuid>,
    #[validate(length(min = 1, max = 8000))]
    pub body: String,
    pub visibility: FeedbackVisibility,
}

async fn check_target<C: ConnectionTrait>(
    db: &C,
    p: &plan::Model,
    req: &CreateContinuousFeedback,
) -> ServiceResult<()> {
    let field = |code: &str, msg: &str| {
        Err(ServiceError::field(
            if code == "core_value" {
                "core_value"
            } else {
                "target_id"
            },
            "invalid_target",
            msg,
        ))
    };
    match req.target_type {
        FeedbackTarget::WorkResult => {
            let ok = match req.target_id {
                Some(id) => work_result::Entity::find_by_id(id)
                    .one(db)
                    .await?
                    .is_some_and(|w| w.plan_id == p.id),
                None => false,
            };
            if !ok {
                return field("target_id", "Name a work result of this plan.");
            }
        }
        FeedbackTarget::Indicator => {
            let ok = match req.target_id {
                Some(id) => match indicator::Entity::find_by_id(id).one(db).await? {
                    Some(i) => work_result::Entity::find_by_id(i.work_result_id)
                        .one(db)
                        .await?
                        .is_some_and(|w| w.plan_id == p.id),
                    None => false,
                },
                None => false,
            };
            if !ok {
                return field("target_id", "Name an indicator of this plan.");
            }
        }
        FeedbackTarget::CoreValue => {
            if req.core_value.is_none() {
                return field("core_value", "Name the core value.");
            }
        }
        FeedbackTarget::General => {}
    }
    if let Some(pid) = req.period_id {
        let ok = period::Entity::find_by_id(pid)
            .one(db)
            .await?
            .is_some_and(|x| x.cycle_id == p.cycle_id);
        if !ok {
            return Err(ServiceError::field(
                "period_id",
                "invalid_period",
                "Name a period of the plan's cycle.",
            ));
        }
    }
    Ok(())
}

/// POST /plans/{id}/continuous-feedback: the plan's appraiser writes feedback (for the
/// employee or private), or the employee writes a self note (always visible to the appraiser).
pub async fn create_feedback(
    s: &Services,
    ctx: &Ctx,
    plan_id: Uuid,
    req: CreateContinuousFeedback,
) -> ServiceResult<ContinuousFeedbackView> {
    validate(&req)?;
    if req.body.trim().is_empty() {
        return Err(ServiceError::field(
            "body",
            "required",
            "Write the feedback.",
        ));
    }
    let txn = s.db.begin_write().await?;
    let (p, v) = load_plan(&*txn, ctx, plan_id).await?;
    let role = match v {
        PlanViewer::Appraiser => "appraiser",
        PlanViewer::Employee => {
            if req.visibility != FeedbackVisibility::Employee {
                return Err(ServiceError::field(
                    "visibility",
                    "not_allowed",
                    "A self note is visible to the employee and the appraiser.",
                ));
            }
            "employee"
        }
        _ => {
            return Err(ServiceError::forbidden(
                "Continuous feedback is written by the plan's appraiser or the employee.",
            ));
        }
    };
    check_target(&*txn, &p, &req).await?;
    let m = continuous_feedback::ActiveModel {
        id: Set(Uuid::now_v7()),
        agency_id: Set(p.agency_id),
        plan_id: Set(p.id),
        period_id: Set(req.period_id),
        target_type: Set(text(req.target_type)),
        target_id: Set(match req.target_type {
            FeedbackTarget::WorkResult | FeedbackTarget::Indicator => req.target_id,
            _ => None,
        }),
        core_value: Set(match req.target_type {
            FeedbackTarget::CoreValue => req.core_value.map(text),
            _ => None,
        }),
        author_user_id: Set(ctx.actor.user_id().unwrap_or_default()),
        author_employee_id: Set(ctx.actor.employee_id()),
        author_role: Set(role.to_owned()),
        body: Set(req.body.trim().to_owned()),
        visibility: Set(text(req.visibility)),
        created_at: Set(now()),
    }
    .insert(&*txn)
    .await?;
    let view = ContinuousFeedbackView::from(&m);
    if role == "appraiser" && req.visibility == FeedbackVisibility::Employee {
        enqueue(
            &*txn,
            vec![NewNotification {
                agency_id: p.agency_id,
                recipient_employee_id: p.employee_id,
                kind: "continuous_feedback",
                subject: "Umpan balik baru dari pejabat penilai".to_owned(),
                body: "Your appraiser wrote feedback on your plan.".to_owned(),
                payload: serde_json::json!({"plan_id": p.id, "continuous_feedback_id": m.id}),
            }],
        )
        .await?;
    }
    audit::record(
        &*txn,
        ctx,
        Change {
            subject_employee_id: (req.visibility == FeedbackVisibility::Employee)
                .then_some(p.employee_id),
            agency_id: Some(p.agency_id),
            action: "continuous_feedback.create",
            entity_type: "continuous_feedback",
            entity_id: m.id.to_string(),
            before: None,
            after: audit::snapshot(&view),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(view)
}

/// GET /plans/{id}/continuous-feedback: the employee sees what is addressed to them; the
/// appraiser, HR and auditors see everything. Oldest first.
pub async fn list_feedback(
    s: &Services,
    ctx: &Ctx,
    plan_id: Uuid,
) -> ServiceResult<Vec<ContinuousFeedbackView>> {
    let db = s.db.conn();
    let (p, v) = load_plan(db, ctx, plan_id).await?;
    let mut q =
        continuous_feedback::Entity::find().filter(continuous_feedback::Column::PlanId.eq(p.id));
    if v == PlanViewer::Employee {
        q = q
            .filter(continuous_feedback::Column::Visibility.eq(text(FeedbackVisibility::Employee)));
    }
    let rows = q
        .order_by_asc(continuous_feedback::Column::CreatedAt)
        .order_by_asc(continuous_feedback::Column::Id)
        .all(db)
        .await?;
    Ok(rows.iter().map(ContinuousFeedbackView::from).collect())
}

/// A recorded dialogue.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DialogueView {
    pub id: Uuid,
    pub plan_id: Uuid,
    pub held_on: NaiveDate,
    pub kind: DialogueKind,
    pub notes: String,
    pub follow_up: Option<String>,
    pub recorded_by: String,
    pub created_at: DateTime<Utc>,
}

impl From<&dialogue::Model> for DialogueView {
    fn from(m: &dialogue::Model) -> Self {
        Self {
            id: m.id,
            plan_id: m.plan_id,
            held_on: m.held_on,
            kind: parse(&m.kind).unwrap_or(DialogueKind::Monitoring),
            notes: m.notes.clone(),
            follow_up: m.follow_up.clone(),
            recorded_by: m.recorded_by.clone(),
            created_at: m.created_at,
        }
    }
}

#[derive(Debug, Clone, Deserialize, ToSchema, Validate)]
#[schema(example = json!({"held_on": "2026-04-08", "kind": "monitoring", "notes": "Membahas capaian triwulan I dan kendala data sekolah.", "follow_up": "Koordinasi dengan operator Dapodik sebelum 30 April."}))]
pub struct CreateDialogue {
    pub held_on: NaiveDate,
    pub kind: DialogueKind,
    #[validate(length(min = 1, max = 8000))]
    pub notes: String,
    #[validate(length(max = 4000))]
    pub follow_up: Option<String>,
}

/// POST /plans/{id}/dialogues: the appraiser or the employee records a dialogue.
pub async fn create_dialogue(
    s: &Services,
    ctx: &Ctx,
    plan_id: Uuid,
    req: CreateDialogue,
) -> ServiceResult<DialogueView> {
    validate(&req)?;
    if req.notes.trim().is_empty() {
        return Err(ServiceError::field(
            "notes",
            "required",
            "Write what was discussed.",
        ));
    }
    if req.held_on > crate::assignments::today() {
        return Err(ServiceError::field(
            "held_on",
            "in_future",
            "A dialogue is recorded once held.",
        ));
    }
    let txn = s.db.begin_write().await?;
    let (p, v) = load_plan(&*txn, ctx, plan_id).await?;
    if !matches!(v, PlanViewer::Appraiser | PlanViewer::Employee) {
        return Err(ServiceError::forbidden(
            "Dialogues are recorded by the appraiser or the employee.",
        ));
    }
    let m = dialogue::ActiveModel {
        id: Set(Uuid::now_v7()),
        agency_id: Set(p.agency_id),
        plan_id: Set(p.id),
        held_on: Set(req.held_on),
        kind: Set(text(req.kind)),
        notes: Set(req.notes.trim().to_owned()),
        follow_up: Set(req
            .follow_up
            .as_deref()
            .map(str::trim)
            .filter(|f| !f.is_empty())
            .map(str::to_owned)),
        recorded_by: Set(ctx.actor.label.clone()),
        created_at: Set(now()),
    }
    .insert(&*txn)
    .await?;
    let view = DialogueView::from(&m);
    audit::record(
        &*txn,
        ctx,
        Change {
            subject_employee_id: Some(p.employee_id),
            agency_id: Some(p.agency_id),
            action: "dialogue.create",
            entity_type: "dialogue",
            entity_id: m.id.to_string(),
            before: None,
            after: audit::snapshot(&view),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(view)
}

/// GET /plans/{id}/dialogues: the employee, the appraiser, HR and auditors; by date.
pub async fn list_dialogues(
    s: &Services,
    ctx: &Ctx,
    plan_id: Uuid,
) -> ServiceResult<Vec<DialogueView>> {
    let db = s.db.conn();
    let (p, _) = load_plan(db, ctx, plan_id).await?;
    let rows = dialogue::Entity::find()
        .filter(dialogue::Column::PlanId.eq(p.id))
        .order_by_asc(dialogue::Column::HeldOn)
        .order_by_asc(dialogue::Column::CreatedAt)
        .all(db)
        .await?;
    Ok(rows.iter().map(DialogueView::from).collect())
}
