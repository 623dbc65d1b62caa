//! 360 feedback (domain.md 1.9): choosing raters from the hierarchy, rater management and
//! nomination, the raters' answers, reminders, and the anonymous aggregate the appraiser uses
//! as advisory input to the behaviour rating.
//!
//! Anonymity is enforced here, not in the client: peer and subordinate answers leave this
//! module only as per-group counts and identity-free comments, and only for groups with at
//! least `anonymity_threshold` submitted answers; no response to the evaluated employee or the
//! appraiser names a peer or subordinate rater. Raters see only their own request.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, Days, NaiveDate, Utc};
use kinerja_domain::org::EmployeeStatus;
use kinerja_domain::rating::Rating;
use kinerja_domain::reference::CoreValue;
use kinerja_domain::workflow::EvaluationState;
use kinerja_store::entities::{
    appraiser_assignment, employee, evaluation, feedback_answer, feedback_request, notification,
    period, position,
};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use crate::actor::{Access, Ctx};
use crate::assignments::{decisive, today, valid_on};
use crate::audit::{self, Change};
use crate::error::{FieldError, ServiceError, ServiceResult, validate};
use crate::notifications::{NewNotification, enqueue};
use crate::org_performance::{PeriodCtx, load_period};
use crate::pagination::{Page, PageParams};
use crate::policies::{CyclePolicies, RaterGroup};
use crate::{Services, now};

/// Request statuses: waiting for answers, answers saved as a draft, submitted (final).
pub const PENDING: &str = "pending";
pub const IN_PROGRESS: &str = "in_progress";
pub const SUBMITTED: &str = "submitted";

fn rating_text(r: Rating) -> &'static str {
    match r {
        Rating::Above => "above",
        Rating::Meets => "meets",
        Rating::Below => "below",
    }
}

fn parse_rating(t: &str) -> Option<Rating> {
    Rating::ALL.into_iter().find(|r| rating_text(*r) == t)
}

fn core_value_text(v: CoreValue) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn parse_core_value(t: &str) -> Option<CoreValue> {
    serde_json::from_value(serde_json::Value::String(t.to_owned())).ok()
}

fn core_value_index(v: CoreValue) -> usize {
    CoreValue::ALL
        .iter()
        .position(|c| *c == v)
        .unwrap_or(usize::MAX)
}

// ---- who may do what on an evaluation ----

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Viewer {
    Hr,
    Auditor,
    Employee,
    Appraiser,
}

async fn load_evaluation<C: ConnectionTrait>(
    db: &C,
    ctx: &Ctx,
    id: Uuid,
) -> ServiceResult<evaluation::Model> {
    let ev = evaluation::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::not_found("evaluation"))?;
    ctx.actor.check_agency(ev.agency_id, "evaluation")?;
    Ok(ev)
}

/// The caller's relation to an evaluation; anyone else gets 404.
fn viewer(ctx: &Ctx, ev: &evaluation::Model) -> ServiceResult<Viewer> {
    let a = &ctx.actor;
    if a.role().is_some() && a.can_administer(ev.agency_id, "evaluations", Access::Write) {
        return Ok(Viewer::Hr);
    }
    if a.role().is_some() && a.can_administer(ev.agency_id, "evaluations", Access::Read) {
        return Ok(Viewer::Auditor);
    }
    match a.employee_id() {
        Some(me) if me == ev.employee_id => Ok(Viewer::Employee),
        Some(me) if ev.appraiser_employee_id == Some(me) => Ok(Viewer::Appraiser),
        _ => Err(ServiceError::not_found("evaluation")),
    }
}

fn require_manager(v: Viewer) -> ServiceResult<()> {
    match v {
        Viewer::Hr | Viewer::Appraiser => Ok(()),
        _ => Err(ServiceError::forbidden(
            "Only HR and the appraiser manage the raters of an evaluation.",
        )),
    }
}

fn period_of_eval_ctx(pc: &PeriodCtx) -> ServiceResult<()> {
    if !pc.policies.feedback_360.is_enabled {
        return Err(ServiceError::conflict(
            "feedback_360_disabled",
            "360 feedback is switched off in this cycle's policies.",
        ));
    }
    Ok(())
}

fn due_on(period: &period::Model, policies: &CyclePolicies) -> NaiveDate {
    period.ends_on + Days::new(u64::from(policies.feedback_360.due_days_after_period_end))
}

// ---- generation ----

/// What a generation created, by rater group; never who.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct GenerationSummary {
    /// Evaluations considered.
    pub evaluations: u64,
    /// Requests created now (existing ones are kept, never duplicated).
    pub created: u64,
    pub created_self: u64,
    pub created_appraiser: u64,
    pub created_peer: u64,
    pub created_subordinate: u64,
}

struct Person {
    unit_id: Option<Uuid>,
    kind: Option<String>,
}

/// Raters for a set of evaluations of one period, set-based: a few bulk loads, choice in
/// memory, bulk inserts. Peers: same unit and same position kind, fewest requests in the
/// period first, ties by employee id; existing requests are kept and counted.
async fn generate<C: ConnectionTrait>(
    db: &C,
    pc: &PeriodCtx,
    mut evals: Vec<evaluation::Model>,
) -> ServiceResult<(GenerationSummary, Vec<feedback_request::Model>)> {
    let policy = &pc.policies.feedback_360;
    let groups: HashSet<RaterGroup> = policy.rater_groups.iter().copied().collect();
    let agency_id = pc.period.agency_id;
    evals.sort_by_key(|e| (e.employee_id, e.id));

    let kinds: HashMap<Uuid, String> = position::Entity::find()
        .select_only()
        .column(position::Column::Id)
        .column(position::Column::Kind)
        .filter(position::Column::AgencyId.eq(agency_id))
        .into_tuple::<(Uuid, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let people: HashMap<Uuid, Person> = employee::Entity::find()
        .select_only()
        .column(employee::Column::Id)
        .column(employee::Column::UnitId)
        .column(employee::Column::PositionId)
        .filter(employee::Column::AgencyId.eq(agency_id))
        .filter(employee::Column::Status.eq(EmployeeStatus::Active.as_str()))
        .into_tuple::<(Uuid, Option<Uuid>, Option<Uuid>)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(id, unit_id, pos)| {
            (
                id,
                Person {
                    unit_id,
                    kind: pos.and_then(|p| kinds.get(&p).cloned()),
                },
            )
        })
        .collect();
    // Peers by (unit, kind), sorted by id for a deterministic tie-break.
    let mut cohorts: HashMap<(Uuid, Option<String>), Vec<Uuid>> = HashMap::new();
    for (id, p) in &people {
        if let Some(u) = p.unit_id {
            cohorts.entry((u, p.kind.clone())).or_default().push(*id);
        }
    }
    for v in cohorts.values_mut() {
        v.sort();
    }
    // Direct subordinates: employees whose current appraiser is the employee.
    let mut subordinates: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
    if groups.contains(&RaterGroup::Subordinate) {
        let rows = appraiser_assignment::Entity::find()
            .filter(appraiser_assignment::Column::AgencyId.eq(agency_id))
            .filter(valid_on(today()))
            .all(db)
            .await?;
        let mut by_emp: HashMap<Uuid, Vec<&appraiser_assignment::Model>> = HashMap::new();
        for r in &rows {
            by_emp.entry(r.employee_id).or_default().push(r);
        }
        for (emp, v) in by_emp {
            if let Some(a) = decisive(v).and_then(|m| m.appraiser_employee_id)
                && people.contains_key(&emp)
            {
                subordinates.entry(a).or_default().push(emp);
            }
        }
        for v in subordinates.values_mut() {
            v.sort();
        }
    }
    // Requests already in the period: the fairness load and what to keep.
    let period_evals: Vec<Uuid> = evaluation::Entity::find()
        .select_only()
        .column(evaluation::Column::Id)
        .filter(evaluation::Column::PeriodId.eq(pc.period.id))
        .into_tuple()
        .all(db)
        .await?;
    let mut load: HashMap<Uuid, u32> = HashMap::new();
    let mut existing: HashMap<Uuid, HashSet<Uuid>> = HashMap::new();
    let mut existing_peers: HashMap<Uuid, u32> = HashMap::new();
    for chunk in period_evals.chunks(1000) {
        let rows: Vec<(Uuid, Uuid, String)> = feedback_request::Entity::find()
            .select_only()
            .column(feedback_request::Column::EvaluationId)
            .column(feedback_request::Column::RaterEmployeeId)
            .column(feedback_request::Column::RaterRole)
            .filter(feedback_request::Column::EvaluationId.is_in(chunk.to_vec()))
            .into_tuple()
            .all(db)
            .await?;
        for (ev, rater, role) in rows {
            *load.entry(rater).or_default() += 1;
            existing.entry(ev).or_default().insert(rater);
            if role == RaterGroup::Peer.as_str() {
                *existing_peers.entry(ev).or_default() += 1;
            }
        }
    }

    let due = due_on(&pc.period, &pc.policies);
    let created_at = now();
    let mut summary = GenerationSummary {
        evaluations: evals.len() as u64,
        ..Default::default()
    };
    let mut new_rows: Vec<feedback_request::Model> = Vec::new();
    for ev in &evals {
        let taken = existing.entry(ev.id).or_default();
        let mut wanted: Vec<(Uuid, RaterGroup)> = Vec::new();
        if groups.contains(&RaterGroup::SelfRating) {
            wanted.push((ev.employee_id, RaterGroup::SelfRating));
        }
        if groups.contains(&RaterGroup::Appraiser)
            && let Some(a) = ev.appraiser_employee_id
        {
            wanted.push((a, RaterGroup::Appraiser));
        }
        if groups.contains(&RaterGroup::Subordinate) {
            for s in subordinates.get(&ev.employee_id).into_iter().flatten() {
                wanted.push((*s, RaterGroup::Subordinate));
            }
        }
        for (rater, group) in wanted {
            if rater == ev.employee_id && group != RaterGroup::SelfRating {
                continue;
            }
            if taken.insert(rater) {
                *load.entry(rater).or_default() += 1;
                new_rows.push(request_row(ev, rater, group, due, created_at, None, true));
            }
        }
        if groups.contains(&RaterGroup::Peer) {
            let have = existing_peers.get(&ev.id).copied().unwrap_or(0);
            let need = policy.peer_count.saturating_sub(have) as usize;
            let me = people.get(&ev.employee_id);
            if need > 0
                && let Some(unit_id) = me.and_then(|p| p.unit_id)
            {
                let key = (unit_id, me.and_then(|p| p.kind.clone()));
                let mut candidates: Vec<Uuid> = cohorts
                    .get(&key)
                    .into_iter()
                    .flatten()
                    .copied()
                    .filter(|c| *c != ev.employee_id && !taken.contains(c))
                    .collect();
                // Fairness: the fewest requests in the period first; ties by id (stable sort).
                candidates.sort_by_key(|c| load.get(c).copied().unwrap_or(0));
                for c in candidates.into_iter().take(need) {
                    taken.insert(c);
                    *load.entry(c).or_default() += 1;
                    new_rows.push(request_row(
                        ev,
                        c,
                        RaterGroup::Peer,
                        due,
                        created_at,
                        None,
                        true,
                    ));
                }
            }
        }
    }
    for r in &new_rows {
        summary.created += 1;
        match RaterGroup::parse(&r.rater_role) {
            Some(RaterGroup::SelfRating) => summary.created_self += 1,
            Some(RaterGroup::Appraiser) => summary.created_appraiser += 1,
            Some(RaterGroup::Peer) => summary.created_peer += 1,
            _ => summary.created_subordinate += 1,
        }
    }
    insert_requests(db, &new_rows).await?;
    let names = evaluated_names(db, &evals).await?;
    let notes = new_rows
        .iter()
        .map(|r| request_notification(r, names.get(&r.evaluation_id).map(String::as_str)))
        .collect();
    enqueue(db, notes).await?;
    Ok((summary, new_rows))
}

fn request_row(
    ev: &evaluation::Model,
    rater: Uuid,
    group: RaterGroup,
    due: NaiveDate,
    at: DateTime<Utc>,
    nominated_by: Option<Uuid>,
    is_approved: bool,
) -> feedback_request::Model {
    feedback_request::Model {
        id: Uuid::now_v7(),
        agency_id: ev.agency_id,
        evaluation_id: ev.id,
        rater_employee_id: rater,
        rater_role: group.as_str().to_owned(),
        status: PENDING.to_owned(),
        nominated_by,
        is_approved,
        due_on: Some(due),
        submitted_at: None,
        created_at: at,
    }
}

async fn insert_requests<C: ConnectionTrait>(
    db: &C,
    rows: &[feedback_request::Model],
) -> ServiceResult<()> {
    for chunk in rows.chunks(500) {
        let models: Vec<feedback_request::ActiveModel> = chunk
            .iter()
            .cloned()
            .map(IntoActiveModel::into_active_model)
            .collect();
        feedback_request::Entity::insert_many(models)
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

/// Evaluation id -> the evaluated employee's name, for notification texts.
async fn evaluated_names<C: ConnectionTrait>(
    db: &C,
    evals: &[evaluation::Model],
) -> ServiceResult<HashMap<Uuid, String>> {
    let by_emp: HashMap<Uuid, Vec<Uuid>> = evals.iter().fold(HashMap::new(), |mut m, e| {
        m.entry(e.employee_id).or_insert_with(Vec::new).push(e.id);
        m
    });
    let ids: Vec<Uuid> = by_emp.keys().copied().collect();
    let mut out = HashMap::new();
    for chunk in ids.chunks(1000) {
        let rows: Vec<(Uuid, String)> = employee::Entity::find()
            .select_only()
            .column(employee::Column::Id)
            .column(employee::Column::Name)
            .filter(employee::Column::Id.is_in(chunk.to_vec()))
            .into_tuple()
            .all(db)
            .await?;
        for (id, name) in rows {
            for ev in by_emp.get(&id).into_iter().flatten() {
                out.insert(*ev, name.clone());
            }
        }
    }
    Ok(out)
}

fn request_notification(r: &feedback_request::Model, name: Option<&str>) -> NewNotification {
    let who = name.unwrap_or("a colleague");
    let subject = if r.rater_role == RaterGroup::SelfRating.as_str() {
        "Umpan balik 360: penilaian diri".to_owned()
    } else {
        format!("Umpan balik 360 untuk {who}")
    };
    NewNotification {
        agency_id: r.agency_id,
        recipient_employee_id: r.rater_employee_id,
        kind: "feedback_requested",
        subject,
        body: format!(
            "You are asked to rate {who} on the seven BerAKHLAK core values{}.",
            r.due_on.map(|d| format!(" by {d}")).unwrap_or_default()
        ),
        payload: serde_json::json!({
            "feedback_request_id": r.id, "evaluation_id": r.evaluation_id, "due_on": r.due_on,
        }),
    }
}

/// POST /evaluations/{id}/feedback-requests/generate: raters for one evaluation (HR or the
/// appraiser). Returns counts per group only.
pub async fn generate_for_evaluation(
    s: &Services,
    ctx: &Ctx,
    evaluation_id: Uuid,
) -> ServiceResult<GenerationSummary> {
    let txn = s.db.begin_write().await?;
    let ev = load_evaluation(&*txn, ctx, evaluation_id).await?;
    require_manager(viewer(ctx, &ev)?)?;
    let pc = load_period(&*txn, ctx, ev.period_id).await?;
    period_of_eval_ctx(&pc)?;
    let agency_id = ev.agency_id;
    let (summary, _) = generate(&*txn, &pc, vec![ev]).await?;
    audit::record(
        &*txn,
        ctx,
        Change {
            subject_employee_id: None,
            agency_id: Some(agency_id),
            action: "feedback_requests.generate",
            entity_type: "evaluation",
            entity_id: evaluation_id.to_string(),
            before: None,
            after: audit::snapshot(&summary),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(summary)
}

/// POST /periods/{id}/feedback-requests/generate: raters for every evaluation of a period (HR).
pub async fn generate_for_period(
    s: &Services,
    ctx: &Ctx,
    period_id: Uuid,
) -> ServiceResult<GenerationSummary> {
    let txn = s.db.begin_write().await?;
    let pc = load_period(&*txn, ctx, period_id).await?;
    ctx.actor
        .require_admin(pc.period.agency_id, "evaluations", Access::Write, "period")?;
    period_of_eval_ctx(&pc)?;
    let evals = evaluation::Entity::find()
        .filter(evaluation::Column::PeriodId.eq(period_id))
        .all(&*txn)
        .await?;
    let (summary, _) = generate(&*txn, &pc, evals).await?;
    // One entry for the batch: the requests are listed by id in the summary's period.
    audit::record(
        &*txn,
        ctx,
        Change {
            subject_employee_id: None,
            agency_id: Some(pc.period.agency_id),
            action: "feedback_requests.generate_period",
            entity_type: "period",
            entity_id: period_id.to_string(),
            before: None,
            after: audit::snapshot(&summary),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(summary)
}

// ---- managing raters ----

/// A feedback request as HR and the appraiser manage it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FeedbackRequestView {
    pub id: Uuid,
    pub evaluation_id: Uuid,
    pub rater_employee_id: Uuid,
    pub rater_role: RaterGroup,
    pub status: String,
    /// False for a peer nominated by the employee until the appraiser approves.
    pub is_approved: bool,
    pub nominated_by: Option<Uuid>,
    pub due_on: Option<NaiveDate>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl From<&feedback_request::Model> for FeedbackRequestView {
    fn from(m: &feedback_request::Model) -> Self {
        Self {
            id: m.id,
            evaluation_id: m.evaluation_id,
            rater_employee_id: m.rater_employee_id,
            rater_role: RaterGroup::parse(&m.rater_role).unwrap_or(RaterGroup::Peer),
            status: m.status.clone(),
            is_approved: m.is_approved,
            nominated_by: m.nominated_by,
            due_on: m.due_on,
            submitted_at: m.submitted_at,
            created_at: m.created_at,
        }
    }
}

#[derive(Debug, Clone, Deserialize, ToSchema, Validate)]
#[schema(example = json!({"rater_employee_id": "01927c2e-8f3a-7b11-9c55-2d0a6c1e4f00", "rater_role": "peer"}))]
pub struct AddRater {
    pub rater_employee_id: Uuid,
    pub rater_role: RaterGroup,
}

#[derive(Debug, Clone, Deserialize, ToSchema, Validate)]
#[schema(example = json!({"rater_employee_id": "01927c2e-8f3a-7b11-9c55-2d0a6c1e4f00"}))]
pub struct NominatePeer {
    pub rater_employee_id: Uuid,
}

/// Validates a rater for an evaluation; true when they are already asked (any role, any
/// state), which the callers must not reveal to anyone who may not list the raters.
async fn check_rater<C: ConnectionTrait>(
    db: &C,
    ev: &evaluation::Model,
    rater: Uuid,
    role: RaterGroup,
) -> ServiceResult<bool> {
    let person = employee::Entity::find_by_id(rater)
        .one(db)
        .await?
        .filter(|e| e.agency_id == ev.agency_id && e.status == EmployeeStatus::Active.as_str());
    if person.is_none() {
        return Err(ServiceError::field(
            "rater_employee_id",
            "unknown_employee",
            "No active employee of this agency has this id.",
        ));
    }
    let fits = match role {
        RaterGroup::SelfRating => rater == ev.employee_id,
        RaterGroup::Appraiser => Some(rater) == ev.appraiser_employee_id,
        RaterGroup::Peer | RaterGroup::Subordinate => {
            rater != ev.employee_id && Some(rater) != ev.appraiser_employee_id
        }
    };
    if !fits {
        return Err(ServiceError::field(
            "rater_role",
            "role_mismatch",
            "self is the employee, appraiser is the evaluation's appraiser; peers and subordinates are neither.",
        ));
    }
    let dup = feedback_request::Entity::find()
        .filter(feedback_request::Column::EvaluationId.eq(ev.id))
        .filter(feedback_request::Column::RaterEmployeeId.eq(rater))
        .count(db)
        .await?;
    Ok(dup > 0)
}

/// The answer to adding or nominating a rater. It is the same whether or not the person was
/// already asked (by generation, by HR or by an earlier nomination), so that trying names
/// never tells the evaluated employee or the appraiser who rates anonymously.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RaterReceipt {
    pub evaluation_id: Uuid,
    pub rater_employee_id: Uuid,
    pub rater_role: RaterGroup,
    /// `awaiting_approval` for a nomination (the appraiser decides), `requested` otherwise.
    #[schema(example = "awaiting_approval")]
    pub status: String,
}

async fn create_request<C: ConnectionTrait>(
    db: &C,
    ctx: &Ctx,
    ev: &evaluation::Model,
    rater: Uuid,
    role: RaterGroup,
    nominated_by: Option<Uuid>,
    action: &str,
) -> ServiceResult<Option<feedback_request::Model>> {
    let pc = load_period(db, ctx, ev.period_id).await?;
    period_of_eval_ctx(&pc)?;
    if check_rater(db, ev, rater, role).await? {
        return Ok(None);
    }
    let approved = nominated_by.is_none();
    let row = request_row(
        ev,
        rater,
        role,
        due_on(&pc.period, &pc.policies),
        now(),
        nominated_by,
        approved,
    );
    insert_requests(db, std::slice::from_ref(&row)).await?;
    if approved {
        let names = evaluated_names(db, std::slice::from_ref(ev)).await?;
        enqueue(
            db,
            vec![request_notification(
                &row,
                names.get(&ev.id).map(String::as_str),
            )],
        )
        .await?;
    }
    audit::record(
        db,
        ctx,
        Change {
            subject_employee_id: None,
            agency_id: Some(ev.agency_id),
            action,
            entity_type: "feedback_request",
            entity_id: row.id.to_string(),
            before: None,
            after: audit::snapshot(&FeedbackRequestView::from(&row)),
        },
    )
    .await?;
    Ok(Some(row))
}

/// POST /evaluations/{id}/feedback-requests: HR or the appraiser adds a rater. Asking someone
/// already asked changes nothing and answers the same.
pub async fn add_rater(
    s: &Services,
    ctx: &Ctx,
    evaluation_id: Uuid,
    req: AddRater,
) -> ServiceResult<RaterReceipt> {
    validate(&req)?;
    let txn = s.db.begin_write().await?;
    let ev = load_evaluation(&*txn, ctx, evaluation_id).await?;
    require_manager(viewer(ctx, &ev)?)?;
    create_request(
        &*txn,
        ctx,
        &ev,
        req.rater_employee_id,
        req.rater_role,
        None,
        "feedback_request.create",
    )
    .await?;
    txn.commit().await?;
    Ok(RaterReceipt {
        evaluation_id,
        rater_employee_id: req.rater_employee_id,
        rater_role: req.rater_role,
        status: "requested".into(),
    })
}

/// POST /evaluations/{id}/feedback-requests/nominate: the evaluated employee proposes a peer;
/// the request waits for the appraiser's approval. Nominating someone already asked changes
/// nothing and answers the same (360 anonymity).
pub async fn nominate_peer(
    s: &Services,
    ctx: &Ctx,
    evaluation_id: Uuid,
    req: NominatePeer,
) -> ServiceResult<RaterReceipt> {
    validate(&req)?;
    let txn = s.db.begin_write().await?;
    let ev = load_evaluation(&*txn, ctx, evaluation_id).await?;
    if viewer(ctx, &ev)? != Viewer::Employee {
        return Err(ServiceError::forbidden(
            "Only the evaluated employee nominates peers.",
        ));
    }
    create_request(
        &*txn,
        ctx,
        &ev,
        req.rater_employee_id,
        RaterGroup::Peer,
        Some(ev.employee_id),
        "feedback_request.nominate",
    )
    .await?;
    txn.commit().await?;
    Ok(RaterReceipt {
        evaluation_id,
        rater_employee_id: req.rater_employee_id,
        rater_role: RaterGroup::Peer,
        status: "awaiting_approval".into(),
    })
}

async fn load_request<C: ConnectionTrait>(
    db: &C,
    ctx: &Ctx,
    id: Uuid,
) -> ServiceResult<(feedback_request::Model, evaluation::Model)> {
    let r = feedback_request::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::not_found("feedback_request"))?;
    ctx.actor.check_agency(r.agency_id, "feedback_request")?;
    let ev = evaluation::Entity::find_by_id(r.evaluation_id)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::not_found("feedback_request"))?;
    Ok((r, ev))
}

/// A manager's view of a request: 404 for people who are neither HR nor the appraiser (the
/// employee may not learn who rates them).
fn manager_of_request(ctx: &Ctx, ev: &evaluation::Model) -> ServiceResult<()> {
    match viewer(ctx, ev) {
        Ok(v @ (Viewer::Hr | Viewer::Appraiser)) => require_manager(v),
        Ok(Viewer::Auditor) => Err(ServiceError::forbidden("Auditors read only.")),
        _ => Err(ServiceError::not_found("feedback_request")),
    }
}

/// POST /feedback-requests/{id}/approve: the appraiser (or HR) approves a nominated peer.
pub async fn approve_request(
    s: &Services,
    ctx: &Ctx,
    id: Uuid,
) -> ServiceResult<FeedbackRequestView> {
    let txn = s.db.begin_write().await?;
    let (r, ev) = load_request(&*txn, ctx, id).await?;
    manager_of_request(ctx, &ev)?;
    if r.is_approved {
        return Err(ServiceError::conflict(
            "already_approved",
            "This request is already approved.",
        ));
    }
    let before = FeedbackRequestView::from(&r);
    let mut am = r.into_active_model();
    am.is_approved = Set(true);
    let saved = am.update(&*txn).await?;
    let names = evaluated_names(&*txn, std::slice::from_ref(&ev)).await?;
    enqueue(
        &*txn,
        vec![request_notification(
            &saved,
            names.get(&ev.id).map(String::as_str),
        )],
    )
    .await?;
    let after = FeedbackRequestView::from(&saved);
    audit::record(
        &*txn,
        ctx,
        Change {
            subject_employee_id: None,
            agency_id: Some(ev.agency_id),
            action: "feedback_request.approve",
            entity_type: "feedback_request",
            entity_id: id.to_string(),
            before: audit::snapshot(&before),
            after: audit::snapshot(&after),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// DELETE /feedback-requests/{id}: HR or the appraiser removes a rater, never once submitted.
pub async fn delete_request(s: &Services, ctx: &Ctx, id: Uuid) -> ServiceResult<()> {
    let txn = s.db.begin_write().await?;
    let (r, ev) = load_request(&*txn, ctx, id).await?;
    manager_of_request(ctx, &ev)?;
    if r.status == SUBMITTED {
        return Err(ServiceError::conflict(
            "feedback_submitted",
            "Submitted feedback cannot be removed.",
        ));
    }
    let before = FeedbackRequestView::from(&r);
    feedback_answer::Entity::delete_many()
        .filter(feedback_answer::Column::RequestId.eq(id))
        .exec(&*txn)
        .await?;
    feedback_request::Entity::delete_by_id(id)
        .exec(&*txn)
        .await?;
    audit::record(
        &*txn,
        ctx,
        Change {
            subject_employee_id: None,
            agency_id: Some(ev.agency_id),
            action: "feedback_request.delete",
            entity_type: "feedback_request",
            entity_id: id.to_string(),
            before: audit::snapshot(&before),
            after: None,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// GET /evaluations/{id}/feedback-requests: HR sees every request; the appraiser sees the
/// attributed ones (self, appraiser) and nominations awaiting approval, never the generated
/// peers and subordinates.
pub async fn list_requests(
    s: &Services,
    ctx: &Ctx,
    evaluation_id: Uuid,
) -> ServiceResult<Vec<FeedbackRequestView>> {
    let db = s.db.conn();
    let ev = load_evaluation(db, ctx, evaluation_id).await?;
    let v = viewer(ctx, &ev)?;
    if matches!(v, Viewer::Employee) {
        return Err(ServiceError::forbidden(
            "The evaluated employee does not see who rates them.",
        ));
    }
    let rows = feedback_request::Entity::find()
        .filter(feedback_request::Column::EvaluationId.eq(evaluation_id))
        .order_by_asc(feedback_request::Column::CreatedAt)
        .order_by_asc(feedback_request::Column::Id)
        .all(db)
        .await?;
    Ok(rows
        .iter()
        .filter(|r| {
            v != Viewer::Appraiser
                || !r.is_approved
                || RaterGroup::parse(&r.rater_role).is_some_and(RaterGroup::is_attributed)
        })
        .map(FeedbackRequestView::from)
        .collect())
}

// ---- the rater's side ----

/// One answer: a rating of one core value, with a comment (required for above and below
/// when submitting).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct AnswerInput {
    pub core_value: CoreValue,
    pub rating: Rating,
    pub comment: Option<String>,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[schema(example = json!({"answers": [{"core_value": "berorientasi_pelayanan", "rating": "above", "comment": "Selalu responsif terhadap keluhan warga."}, {"core_value": "akuntabel", "rating": "meets", "comment": null}]}))]
pub struct SaveAnswers {
    pub answers: Vec<AnswerInput>,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct SubmitAnswers {
    /// When given, replaces the saved answers before submitting.
    pub answers: Option<Vec<AnswerInput>>,
}

/// What a rater is asked: whom, by when, and their own answers. Never other raters.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MyFeedbackRequest {
    pub id: Uuid,
    pub evaluation_id: Uuid,
    pub employee_id: Uuid,
    pub employee_name: String,
    pub period_name: String,
    /// The rater's own role for this employee.
    pub rater_role: RaterGroup,
    pub status: String,
    pub due_on: Option<NaiveDate>,
    pub is_overdue: bool,
    pub submitted_at: Option<DateTime<Utc>>,
    /// The rater's answers, BerAKHLAK order (empty in listings).
    pub answers: Vec<AnswerInput>,
}

async fn my_request<C: ConnectionTrait>(
    db: &C,
    ctx: &Ctx,
    id: Uuid,
) -> ServiceResult<feedback_request::Model> {
    let r = feedback_request::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::not_found("feedback_request"))?;
    if ctx.actor.employee_id() != Some(r.rater_employee_id) || !r.is_approved {
        return Err(ServiceError::not_found("feedback_request"));
    }
    Ok(r)
}

async fn answers_of<C: ConnectionTrait>(
    db: &C,
    request_ids: Vec<Uuid>,
) -> ServiceResult<HashMap<Uuid, Vec<AnswerInput>>> {
    let mut out: HashMap<Uuid, Vec<AnswerInput>> = HashMap::new();
    for chunk in request_ids.chunks(1000) {
        for a in feedback_answer::Entity::find()
            .filter(feedback_answer::Column::RequestId.is_in(chunk.to_vec()))
            .all(db)
            .await?
        {
            if let (Some(cv), Some(r)) = (parse_core_value(&a.core_value), parse_rating(&a.rating))
            {
                out.entry(a.request_id).or_default().push(AnswerInput {
                    core_value: cv,
                    rating: r,
                    comment: a.comment,
                });
            }
        }
    }
    for v in out.values_mut() {
        v.sort_by_key(|a| core_value_index(a.core_value));
    }
    Ok(out)
}

async fn my_views<C: ConnectionTrait>(
    db: &C,
    rows: &[feedback_request::Model],
    with_answers: bool,
) -> ServiceResult<Vec<MyFeedbackRequest>> {
    let ev_ids: Vec<Uuid> = rows.iter().map(|r| r.evaluation_id).collect();
    let evals: Vec<evaluation::Model> = if ev_ids.is_empty() {
        Vec::new()
    } else {
        evaluation::Entity::find()
            .filter(evaluation::Column::Id.is_in(ev_ids))
            .all(db)
            .await?
    };
    let names = evaluated_names(db, &evals).await?;
    let period_ids: Vec<Uuid> = evals
        .iter()
        .map(|e| e.period_id)
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let periods: HashMap<Uuid, String> = period::Entity::find()
        .filter(period::Column::Id.is_in(period_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    let ev_map: HashMap<Uuid, &evaluation::Model> = evals.iter().map(|e| (e.id, e)).collect();
    let mut answers = if with_answers {
        answers_of(db, rows.iter().map(|r| r.id).collect()).await?
    } else {
        HashMap::new()
    };
    let today = today();
    Ok(rows
        .iter()
        .map(|r| {
            let ev = ev_map.get(&r.evaluation_id);
            MyFeedbackRequest {
                id: r.id,
                evaluation_id: r.evaluation_id,
                employee_id: ev.map(|e| e.employee_id).unwrap_or_default(),
                employee_name: names.get(&r.evaluation_id).cloned().unwrap_or_default(),
                period_name: ev
                    .and_then(|e| periods.get(&e.period_id).cloned())
                    .unwrap_or_default(),
                rater_role: RaterGroup::parse(&r.rater_role).unwrap_or(RaterGroup::Peer),
                status: r.status.clone(),
                due_on: r.due_on,
                is_overdue: r.status != SUBMITTED && r.due_on.is_some_and(|d| today > d),
                submitted_at: r.submitted_at,
                answers: answers.remove(&r.id).unwrap_or_default(),
            }
        })
        .collect())
}

/// GET /feedback-requests/mine: what the caller must answer, open ones first.
pub async fn list_my_requests(
    s: &Services,
    ctx: &Ctx,
    page: PageParams,
) -> ServiceResult<Page<MyFeedbackRequest>> {
    validate(&page)?;
    let me = ctx.actor.employee_id().ok_or_else(|| {
        ServiceError::forbidden(
            "Feedback requests are addressed to employees; this account is none.",
        )
    })?;
    let db = s.db.conn();
    let q = feedback_request::Entity::find()
        .filter(feedback_request::Column::RaterEmployeeId.eq(me))
        .filter(feedback_request::Column::IsApproved.eq(true));
    let total = q.clone().count(db).await?;
    let rows = q
        .order_by(
            Into::<sea_orm::sea_query::Expr>::into(
                sea_orm::sea_query::Expr::case(
                    sea_orm::sea_query::ExprTrait::eq(
                        sea_orm::sea_query::Expr::col(feedback_request::Column::Status),
                        SUBMITTED,
                    ),
                    1,
                )
                .finally(0),
            ),
            sea_orm::Order::Asc,
        )
        .order_by_asc(feedback_request::Column::DueOn)
        .order_by_asc(feedback_request::Column::Id)
        .offset(page.offset())
        .limit(page.per_page())
        .all(db)
        .await?;
    Ok(Page {
        items: my_views(db, &rows, false).await?,
        total,
        page: page.page(),
        per_page: page.per_page(),
    })
}

/// GET /feedback-requests/{id}: the rater's own request with their answers (rater only).
pub async fn get_my_request(s: &Services, ctx: &Ctx, id: Uuid) -> ServiceResult<MyFeedbackRequest> {
    let db = s.db.conn();
    let r = my_request(db, ctx, id).await?;
    Ok(my_views(db, std::slice::from_ref(&r), true)
        .await?
        .remove(0))
}

fn check_answers(answers: &[AnswerInput], final_: bool) -> ServiceResult<()> {
    let mut errors = Vec::new();
    let mut seen = HashSet::new();
    for (i, a) in answers.iter().enumerate() {
        if !seen.insert(a.core_value) {
            errors.push(FieldError::new(
                format!("answers[{i}].core_value"),
                "duplicate",
                "Each core value is answered once.",
            ));
        }
        if a.comment.as_ref().is_some_and(|c| c.chars().count() > 4000) {
            errors.push(FieldError::new(
                format!("answers[{i}].comment"),
                "length",
                "Must be at most 4000 characters long.",
            ));
        }
        // Ratings above or below expectation need a reason (domain.md 7.3, R-13).
        if final_
            && a.rating != Rating::Meets
            && a.comment.as_deref().is_none_or(|c| c.trim().is_empty())
        {
            errors.push(FieldError::new(
                format!("answers[{i}].comment"),
                "comment_required",
                "A rating above or below expectation needs a comment.",
            ));
        }
    }
    if final_ {
        let missing: Vec<&str> = CoreValue::ALL
            .iter()
            .filter(|v| !seen.contains(v))
            .map(|v| v.label_id())
            .collect();
        if !missing.is_empty() {
            errors.push(FieldError::new(
                "answers",
                "incomplete",
                format!(
                    "Rate all seven core values; missing: {}.",
                    missing.join(", ")
                ),
            ));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ServiceError::Validation(errors))
    }
}

async fn replace_answers<C: ConnectionTrait>(
    db: &C,
    request_id: Uuid,
    answers: &[AnswerInput],
) -> ServiceResult<()> {
    feedback_answer::Entity::delete_many()
        .filter(feedback_answer::Column::RequestId.eq(request_id))
        .exec(db)
        .await?;
    if answers.is_empty() {
        return Ok(());
    }
    let rows: Vec<feedback_answer::ActiveModel> = answers
        .iter()
        .map(|a| feedback_answer::ActiveModel {
            id: Set(Uuid::now_v7()),
            request_id: Set(request_id),
            core_value: Set(core_value_text(a.core_value)),
            rating: Set(rating_text(a.rating).to_owned()),
            comment: Set(a
                .comment
                .as_deref()
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(str::to_owned)),
        })
        .collect();
    feedback_answer::Entity::insert_many(rows)
        .exec_without_returning(db)
        .await?;
    Ok(())
}

fn not_submitted(r: &feedback_request::Model) -> ServiceResult<()> {
    if r.status == SUBMITTED {
        return Err(ServiceError::conflict(
            "feedback_submitted",
            "This feedback is submitted; it can no longer change.",
        ));
    }
    Ok(())
}

/// PUT /feedback-requests/{id}/answers: the rater saves a draft (not all values needed yet).
pub async fn save_answers(
    s: &Services,
    ctx: &Ctx,
    id: Uuid,
    req: SaveAnswers,
) -> ServiceResult<MyFeedbackRequest> {
    check_answers(&req.answers, false)?;
    let txn = s.db.begin_write().await?;
    let r = my_request(&*txn, ctx, id).await?;
    not_submitted(&r)?;
    replace_answers(&*txn, id, &req.answers).await?;
    let before_status = r.status.clone();
    let agency_id = r.agency_id;
    let mut am = r.into_active_model();
    am.status = Set(IN_PROGRESS.to_owned());
    let saved = am.update(&*txn).await?;
    // The audit entry records the progress, not the rater's words (they stay in one place).
    audit::record(
        &*txn,
        ctx,
        Change {
            subject_employee_id: Some(saved.rater_employee_id),
            agency_id: Some(agency_id),
            action: "feedback_request.save_answers",
            entity_type: "feedback_request",
            entity_id: id.to_string(),
            before: Some(serde_json::json!({"status": before_status})),
            after: Some(serde_json::json!({"status": IN_PROGRESS, "answered": req.answers.len()})),
        },
    )
    .await?;
    let view = my_views(&*txn, std::slice::from_ref(&saved), true)
        .await?
        .remove(0);
    txn.commit().await?;
    Ok(view)
}

/// POST /feedback-requests/{id}/submit: final. All seven core values rated; a comment for
/// every rating above or below expectation. No change afterwards (409).
pub async fn submit_answers(
    s: &Services,
    ctx: &Ctx,
    id: Uuid,
    req: SubmitAnswers,
) -> ServiceResult<MyFeedbackRequest> {
    if let Some(a) = &req.answers {
        check_answers(a, true)?;
    }
    let txn = s.db.begin_write().await?;
    let r = my_request(&*txn, ctx, id).await?;
    not_submitted(&r)?;
    match &req.answers {
        Some(a) => replace_answers(&*txn, id, a).await?,
        None => {
            let stored = answers_of(&*txn, vec![id])
                .await?
                .remove(&id)
                .unwrap_or_default();
            check_answers(&stored, true)?;
        }
    }
    let before_status = r.status.clone();
    let agency_id = r.agency_id;
    let mut am = r.into_active_model();
    am.status = Set(SUBMITTED.to_owned());
    am.submitted_at = Set(Some(now()));
    let saved = am.update(&*txn).await?;
    audit::record(
        &*txn,
        ctx,
        Change {
            subject_employee_id: Some(saved.rater_employee_id),
            agency_id: Some(agency_id),
            action: "feedback_request.submit",
            entity_type: "feedback_request",
            entity_id: id.to_string(),
            before: Some(serde_json::json!({"status": before_status})),
            after: Some(
                serde_json::json!({"status": SUBMITTED, "submitted_at": saved.submitted_at}),
            ),
        },
    )
    .await?;
    let view = my_views(&*txn, std::slice::from_ref(&saved), true)
        .await?
        .remove(0);
    txn.commit().await?;
    Ok(view)
}

// ---- reminders ----

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReminderSummary {
    /// Raters notified now (one notification each, whatever the number of open requests).
    pub reminded: u64,
    /// Raters already reminded today for this period, skipped.
    pub already_reminded_today: u64,
}

/// POST /periods/{id}/feedback-reminders: one reminder per rater with open requests in the
/// period; idempotent per day (WIB).
pub async fn send_reminders(
    s: &Services,
    ctx: &Ctx,
    period_id: Uuid,
) -> ServiceResult<ReminderSummary> {
    let txn = s.db.begin_write().await?;
    let pc = load_period(&*txn, ctx, period_id).await?;
    let agency_id = pc.period.agency_id;
    ctx.actor
        .require_admin(agency_id, "evaluations", Access::Write, "period")?;
    let evals: Vec<Uuid> = evaluation::Entity::find()
        .select_only()
        .column(evaluation::Column::Id)
        .filter(evaluation::Column::PeriodId.eq(period_id))
        .into_tuple()
        .all(&*txn)
        .await?;
    let mut open: BTreeMap<Uuid, (u32, Option<NaiveDate>)> = BTreeMap::new();
    for chunk in evals.chunks(1000) {
        let rows: Vec<(Uuid, Option<NaiveDate>)> = feedback_request::Entity::find()
            .select_only()
            .column(feedback_request::Column::RaterEmployeeId)
            .column(feedback_request::Column::DueOn)
            .filter(feedback_request::Column::EvaluationId.is_in(chunk.to_vec()))
            .filter(feedback_request::Column::IsApproved.eq(true))
            .filter(feedback_request::Column::Status.ne(SUBMITTED))
            .into_tuple()
            .all(&*txn)
            .await?;
        for (rater, due) in rows {
            let e = open.entry(rater).or_insert((0, due));
            e.0 += 1;
            e.1 = match (e.1, due) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
        }
    }
    // Today in WIB, as an instant: reminders created since then count as today's.
    let day_start = today()
        .and_hms_opt(0, 0, 0)
        .map(|t| t.and_utc() - chrono::TimeDelta::hours(7))
        .unwrap_or_else(now);
    let already: HashSet<Uuid> = notification::Entity::find()
        .select_only()
        .column(notification::Column::RecipientEmployeeId)
        .filter(notification::Column::AgencyId.eq(agency_id))
        .filter(notification::Column::Kind.eq("feedback_reminder"))
        .filter(notification::Column::CreatedAt.gte(day_start))
        .filter(notification::Column::Payload.contains(period_id.to_string()))
        .into_tuple::<Uuid>()
        .all(&*txn)
        .await?
        .into_iter()
        .collect();
    let mut summary = ReminderSummary {
        reminded: 0,
        already_reminded_today: 0,
    };
    let mut notes = Vec::new();
    for (rater, (n, due)) in open {
        if already.contains(&rater) {
            summary.already_reminded_today += 1;
            continue;
        }
        summary.reminded += 1;
        notes.push(NewNotification {
            agency_id,
            recipient_employee_id: rater,
            kind: "feedback_reminder",
            subject: format!("Pengingat umpan balik 360: {}", pc.period.name),
            body: format!(
                "{n} feedback request(s) of {} await your answers{}.",
                pc.period.name,
                due.map(|d| format!("; due {d}")).unwrap_or_default()
            ),
            payload: serde_json::json!({"period_id": period_id.to_string(), "open_requests": n, "due_on": due}),
        });
    }
    enqueue(&*txn, notes).await?;
    audit::record(
        &*txn,
        ctx,
        Change {
            subject_employee_id: None,
            agency_id: Some(agency_id),
            action: "feedback_requests.remind",
            entity_type: "period",
            entity_id: period_id.to_string(),
            before: None,
            after: audit::snapshot(&summary),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(summary)
}

// ---- the aggregate ----

/// Counts of one core value's ratings in a group.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CoreValueCounts {
    pub core_value: CoreValue,
    pub above: u32,
    pub meets: u32,
    pub below: u32,
}

/// A comment without any trace of who wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct AnonymousComment {
    pub core_value: CoreValue,
    pub rating: Rating,
    pub comment: String,
}

/// An anonymous rater group. Hidden groups have the same shape with `hidden: true` and no
/// figures at all, whatever the reason (too few answers, none, or folded into `others`).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct GroupAggregate {
    /// `peer`, `subordinate`, or `others` (peers and subordinates together).
    pub group: String,
    pub hidden: bool,
    pub answer_count: Option<u32>,
    pub values: Option<Vec<CoreValueCounts>>,
    /// Sorted by core value, rating and text: the order says nothing about the writer.
    pub comments: Option<Vec<AnonymousComment>>,
}

/// A self or appraiser answer set, shown with its author.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AttributedFeedback {
    pub rater_role: RaterGroup,
    pub rater_employee_id: Uuid,
    pub rater_name: String,
    pub submitted_at: Option<DateTime<Utc>>,
    pub answers: Vec<AnswerInput>,
}

/// The 360 feedback of one evaluation as its readers may see it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FeedbackAggregates {
    pub evaluation_id: Uuid,
    pub anonymity_threshold: u32,
    /// False while the evaluated employee may not yet see others' answers (blind sequencing:
    /// until the appraiser has rated).
    pub is_released: bool,
    /// Submitted self and appraiser answers.
    pub attributed: Vec<AttributedFeedback>,
    /// Always `peer`, `subordinate`, `others`, in that order.
    pub groups: Vec<GroupAggregate>,
}

struct Submitted {
    role: RaterGroup,
    rater: Uuid,
    submitted_at: Option<DateTime<Utc>>,
    answers: Vec<AnswerInput>,
}

fn hidden(group: &str) -> GroupAggregate {
    GroupAggregate {
        group: group.to_owned(),
        hidden: true,
        answer_count: None,
        values: None,
        comments: None,
    }
}

fn aggregate(group: &str, members: &[&Submitted]) -> GroupAggregate {
    let mut values: Vec<CoreValueCounts> = CoreValue::ALL
        .iter()
        .map(|v| CoreValueCounts {
            core_value: *v,
            above: 0,
            meets: 0,
            below: 0,
        })
        .collect();
    let mut comments = Vec::new();
    for m in members {
        for a in &m.answers {
            let slot = &mut values[core_value_index(a.core_value)];
            match a.rating {
                Rating::Above => slot.above += 1,
                Rating::Meets => slot.meets += 1,
                Rating::Below => slot.below += 1,
            }
            if let Some(c) = a.comment.as_deref().filter(|c| !c.trim().is_empty()) {
                comments.push(AnonymousComment {
                    core_value: a.core_value,
                    rating: a.rating,
                    comment: c.to_owned(),
                });
            }
        }
    }
    comments.sort_by(|a, b| {
        (
            core_value_index(a.core_value),
            a.rating.siasn_code(),
            &a.comment,
        )
            .cmp(&(
                core_value_index(b.core_value),
                b.rating.siasn_code(),
                &b.comment,
            ))
    });
    GroupAggregate {
        group: group.to_owned(),
        hidden: false,
        answer_count: Some(members.len() as u32),
        values: Some(values),
        comments: Some(comments),
    }
}

/// The anonymity rule: each non-empty anonymous group is shown alone only when every
/// non-empty group reaches the threshold (otherwise one could subtract a shown group from a
/// total); else peers and subordinates are shown together as `others` if that reaches the
/// threshold; else nothing is shown.
fn anonymous_groups(subs: &[Submitted], threshold: u32) -> Vec<GroupAggregate> {
    let peers: Vec<&Submitted> = subs.iter().filter(|s| s.role == RaterGroup::Peer).collect();
    let subords: Vec<&Submitted> = subs
        .iter()
        .filter(|s| s.role == RaterGroup::Subordinate)
        .collect();
    let t = threshold as usize;
    let ok = |n: usize| n == 0 || n >= t;
    if ok(peers.len()) && ok(subords.len()) {
        let show = |name: &str, v: &[&Submitted]| {
            if v.is_empty() {
                hidden(name)
            } else {
                aggregate(name, v)
            }
        };
        return vec![
            show("peer", &peers),
            show("subordinate", &subords),
            hidden("others"),
        ];
    }
    let all: Vec<&Submitted> = peers.iter().chain(subords.iter()).copied().collect();
    if all.len() >= t {
        vec![
            hidden("peer"),
            hidden("subordinate"),
            aggregate("others", &all),
        ]
    } else {
        vec![hidden("peer"), hidden("subordinate"), hidden("others")]
    }
}

/// The appraiser's view of an evaluation's 360 feedback (also used by the evaluations use
/// cases): attributed self and appraiser answers, anonymous groups under the threshold rule.
pub async fn aggregates_for_evaluation<C: ConnectionTrait>(
    db: &C,
    evaluation_id: Uuid,
    policies: &CyclePolicies,
) -> ServiceResult<FeedbackAggregates> {
    let reqs = feedback_request::Entity::find()
        .filter(feedback_request::Column::EvaluationId.eq(evaluation_id))
        .filter(feedback_request::Column::Status.eq(SUBMITTED))
        .all(db)
        .await?;
    let mut answers = answers_of(db, reqs.iter().map(|r| r.id).collect()).await?;
    let subs: Vec<Submitted> = reqs
        .iter()
        .filter_map(|r| {
            Some(Submitted {
                role: RaterGroup::parse(&r.rater_role)?,
                rater: r.rater_employee_id,
                submitted_at: r.submitted_at,
                answers: answers.remove(&r.id).unwrap_or_default(),
            })
        })
        .collect();
    let attributed_ids: Vec<Uuid> = subs
        .iter()
        .filter(|s| s.role.is_attributed())
        .map(|s| s.rater)
        .collect();
    let names: HashMap<Uuid, String> = if attributed_ids.is_empty() {
        HashMap::new()
    } else {
        employee::Entity::find()
            .select_only()
            .column(employee::Column::Id)
            .column(employee::Column::Name)
            .filter(employee::Column::Id.is_in(attributed_ids))
            .into_tuple::<(Uuid, String)>()
            .all(db)
            .await?
            .into_iter()
            .collect()
    };
    let mut attributed: Vec<AttributedFeedback> = subs
        .iter()
        .filter(|s| s.role.is_attributed())
        .map(|s| AttributedFeedback {
            rater_role: s.role,
            rater_employee_id: s.rater,
            rater_name: names.get(&s.rater).cloned().unwrap_or_default(),
            submitted_at: s.submitted_at,
            answers: s.answers.clone(),
        })
        .collect();
    attributed.sort_by_key(|a| a.rater_role != RaterGroup::SelfRating);
    let threshold = policies.feedback_360.anonymity_threshold;
    Ok(FeedbackAggregates {
        evaluation_id,
        anonymity_threshold: threshold,
        is_released: true,
        attributed,
        groups: anonymous_groups(&subs, threshold),
    })
}

fn is_rated_or_later(status: &str) -> bool {
    matches!(
        EvaluationState::parse(status),
        Some(
            EvaluationState::Rated
                | EvaluationState::Finalised
                | EvaluationState::Objected
                | EvaluationState::Final
        )
    )
}

/// GET /evaluations/{id}/feedback: for the evaluated employee, the appraiser, HR and
/// auditors. The employee sees others' answers only once the appraiser has rated.
pub async fn get_feedback(
    s: &Services,
    ctx: &Ctx,
    evaluation_id: Uuid,
) -> ServiceResult<FeedbackAggregates> {
    let db = s.db.conn();
    let ev = load_evaluation(db, ctx, evaluation_id).await?;
    let v = viewer(ctx, &ev)?;
    let pc = load_period(db, ctx, ev.period_id).await?;
    let mut agg = aggregates_for_evaluation(db, evaluation_id, &pc.policies).await?;
    if v == Viewer::Employee && !is_rated_or_later(&ev.status) {
        agg.is_released = false;
        agg.attributed
            .retain(|a| a.rater_role == RaterGroup::SelfRating);
        agg.groups = vec![hidden("peer"), hidden("subordinate"), hidden("others")];
    }
    Ok(agg)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sub(role: RaterGroup) -> Submitted {
        Submitted {
            role,
            rater: Uuid::now_v7(),
            submitted_at: None,
            answers: vec![AnswerInput {
                core_value: CoreValue::Loyal,
                rating: Rating::Meets,
                comment: None,
            }],
        }
    }

    fn shown(groups: &[GroupAggregate]) -> Vec<(String, u32)> {
        groups
            .iter()
            .filter(|g| !g.hidden)
            .map(|g| (g.group.clone(), g.answer_count.unwrap()))
            .collect()
    }

    /// (peers submitted, subordinates submitted, threshold 3, groups shown)
    #[test]
    fn the_anonymity_rule_per_case() {
        use RaterGroup::*;
        type Case<'a> = (usize, usize, &'a [(&'a str, u32)]);
        let cases: &[Case] = &[
            (3, 0, &[("peer", 3)]),
            (2, 0, &[]),
            (3, 3, &[("peer", 3), ("subordinate", 3)]),
            (3, 1, &[("others", 4)]),
            (1, 1, &[]),
            (2, 1, &[("others", 3)]),
            (0, 4, &[("subordinate", 4)]),
            (0, 0, &[]),
        ];
        for (p, s, expected) in cases {
            let mut v: Vec<Submitted> = (0..*p).map(|_| sub(Peer)).collect();
            v.extend((0..*s).map(|_| sub(Subordinate)));
            let groups = anonymous_groups(&v, 3);
            assert_eq!(groups.len(), 3, "always three groups");
            let want: Vec<(String, u32)> =
                expected.iter().map(|(g, n)| (g.to_string(), *n)).collect();
            assert_eq!(shown(&groups), want, "peers {p}, subordinates {s}");
            for g in groups.iter().filter(|g| g.hidden) {
                assert!(g.answer_count.is_none() && g.values.is_none() && g.comments.is_none());
            }
        }
    }

    #[test]
    fn submitting_needs_all_values_and_comments_for_above_and_below() {
        let mut answers: Vec<AnswerInput> = CoreValue::ALL
            .iter()
            .map(|v| AnswerInput {
                core_value: *v,
                rating: Rating::Meets,
                comment: None,
            })
            .collect();
        assert!(check_answers(&answers, true).is_ok());
        answers[2].rating = Rating::Above;
        let Err(ServiceError::Validation(e)) = check_answers(&answers, true) else {
            panic!("expected a validation error")
        };
        assert_eq!(e[0].field, "answers[2].comment");
        answers.pop();
        assert!(check_answers(&answers[..1], false).is_ok());
    }
}

// ---- whom one may nominate ----

#[derive(Debug, Clone, Default, Deserialize, Validate, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NominableQuery {
    /// Part of a name or NIP; without it, colleagues of the evaluated employee's unit.
    #[validate(length(min = 2, max = 100))]
    pub q: Option<String>,
}

/// A colleague who may be nominated or asked as a rater.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NominablePeer {
    pub id: Uuid,
    pub name: String,
    pub position_name: Option<String>,
    pub unit_name: Option<String>,
    /// In the evaluated employee's own unit.
    pub is_same_unit: bool,
}

/// GET /evaluations/{id}/nominable-peers: active colleagues of the agency the evaluated
/// employee (or HR and the appraiser) may propose as peers: never the employee or the
/// appraiser, and chosen without regard to who is already asked, so that the list never
/// tells who rates. Up to 20, the employee's own unit first.
pub async fn nominable_peers(
    s: &Services,
    ctx: &Ctx,
    evaluation_id: Uuid,
    q: NominableQuery,
) -> ServiceResult<Vec<NominablePeer>> {
    use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr};
    validate(&q)?;
    let db = s.db.conn();
    let ev = load_evaluation(db, ctx, evaluation_id).await?;
    match viewer(ctx, &ev)? {
        Viewer::Employee | Viewer::Hr | Viewer::Appraiser => {}
        _ => {
            return Err(ServiceError::forbidden(
                "Only the evaluated employee, the appraiser and HR look for raters.",
            ));
        }
    }
    let mut select = employee::Entity::find()
        .filter(employee::Column::AgencyId.eq(ev.agency_id))
        .filter(employee::Column::Status.eq(EmployeeStatus::Active.as_str()))
        .filter(employee::Column::Id.ne(ev.employee_id));
    if let Some(a) = ev.appraiser_employee_id {
        select = select.filter(employee::Column::Id.ne(a));
    }
    match q.q.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        Some(text) => {
            let escaped = text
                .to_lowercase()
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_");
            let pattern = || LikeExpr::new(format!("%{escaped}%")).escape('\\');
            select = select.filter(
                sea_orm::Condition::any()
                    .add(Expr::expr(Func::lower(Expr::col(employee::Column::Name))).like(pattern()))
                    .add(employee::Column::Nip.like(pattern())),
            );
        }
        None => {
            select = select.filter(employee::Column::UnitId.eq(ev.unit_id));
        }
    }
    let people = select
        .order_by_asc(employee::Column::Name)
        .limit(200)
        .all(db)
        .await?;
    let positions: HashMap<Uuid, String> = position::Entity::find()
        .filter(position::Column::AgencyId.eq(ev.agency_id))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    let unit_ids: Vec<Uuid> = people.iter().filter_map(|p| p.unit_id).collect();
    let units: HashMap<Uuid, String> = kinerja_store::entities::unit::Entity::find()
        .filter(kinerja_store::entities::unit::Column::Id.is_in(unit_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    let mut out: Vec<NominablePeer> = people
        .into_iter()
        .map(|p| NominablePeer {
            id: p.id,
            is_same_unit: p.unit_id.is_some() && p.unit_id == ev.unit_id,
            position_name: p.position_id.and_then(|i| positions.get(&i).cloned()),
            unit_name: p.unit_id.and_then(|u| units.get(&u).cloned()),
            name: p.name,
        })
        .collect();
    out.sort_by(|a, b| {
        b.is_same_unit
            .cmp(&a.is_same_unit)
            .then(a.name.cmp(&b.name))
    });
    out.truncate(20);
    Ok(out)
}
