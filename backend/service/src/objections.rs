//! Objections (keberatan, PP 30/2019 Pasal 59; domain.md 1.10, 7.3): the evaluated employee
//! objects within the deadline after acknowledging the result; the appraiser's superior
//! reviews and decides, finally. Deadlines and state moves come from kinerja_domain.

use chrono::{DateTime, Utc};
use kinerja_domain::objection::check_objection_deadline;
use kinerja_domain::rating::{EmployeePredicate, Rating, kuadran};
use kinerja_domain::workflow::{
    EvaluationAction, ObjectionAction, ObjectionOutcome, ObjectionState,
};
use kinerja_store::entities::{cycle, employee, evaluation, external_appraiser, objection, user};
use sea_orm::sea_query::ExprTrait;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel,
    Order, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::actor::{Access, Actor, Ctx};
use crate::audit::{self, Change};
use crate::error::{FieldError, ServiceError, ServiceResult, validate};
use crate::evaluations::{
    EvaluationView, content_hash, is_hr_reader, load_visible, opt_predicate, parse_text, state_of,
    text_of,
};
use crate::pagination::{Page, PageParams};
use crate::policies::CyclePolicies;
use crate::{Services, now};

/// An objection as the API shows it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ObjectionView {
    pub id: Uuid,
    pub agency_id: Uuid,
    pub evaluation_id: Uuid,
    /// The evaluated employee.
    pub submitted_by: Uuid,
    pub submitted_at: DateTime<Utc>,
    pub reasons: String,
    pub status: ObjectionState,
    /// The atasan pejabat penilai who decides.
    pub decider_employee_id: Option<Uuid>,
    pub decider_external_id: Option<Uuid>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decided_by: Option<String>,
    pub decision_note: Option<String>,
    /// The reference of the superior's decision letter, when HR recorded the decision of an
    /// external (non-ASN) superior or of an official without an account.
    pub decision_document: Option<String>,
    /// Who recorded that decision on the superior's behalf.
    pub recorded_by: Option<String>,
    pub outcome: Option<ObjectionOutcome>,
    pub new_result_rating: Option<Rating>,
    pub new_behaviour_rating: Option<Rating>,
    pub new_predicate: Option<EmployeePredicate>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl From<&objection::Model> for ObjectionView {
    fn from(m: &objection::Model) -> Self {
        let status = ObjectionState::parse(&m.status).unwrap_or(ObjectionState::Submitted);
        Self {
            id: m.id,
            agency_id: m.agency_id,
            evaluation_id: m.evaluation_id,
            submitted_by: m.submitted_by,
            submitted_at: m.submitted_at,
            reasons: m.reasons.clone(),
            status,
            decider_employee_id: m.decider_employee_id,
            decider_external_id: m.decider_external_id,
            decided_at: m.decided_at,
            decided_by: m.decided_by.clone(),
            decision_note: m.decision_note.clone(),
            decision_document: m.decision_document.clone(),
            recorded_by: m.recorded_by.clone(),
            outcome: status.outcome(),
            new_result_rating: m.new_result_rating.as_deref().and_then(parse_text),
            new_behaviour_rating: m.new_behaviour_rating.as_deref().and_then(parse_text),
            new_predicate: opt_predicate(&m.new_predicate),
            created_at: m.created_at,
            updated_at: m.updated_at,
            version: m.version,
        }
    }
}

/// The employee's objection.
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[schema(example = json!({"reasons": "Realisasi triwulan melampaui target (bukti terlampir), tetapi rating hasil kerja Di Bawah Ekspektasi."}))]
pub struct SubmitObjection {
    #[validate(length(min = 10, max = 8000))]
    pub reasons: String,
}

/// The decision of the atasan pejabat penilai; final.
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[schema(example = json!({"outcome": "changed", "note": "Bukti dukung menunjukkan target tercapai.", "result_rating": "meets", "behaviour_rating": "meets"}))]
pub struct DecideObjection {
    pub outcome: ObjectionOutcome,
    #[validate(length(min = 1, max = 8000))]
    pub note: String,
    /// Required when changed.
    pub result_rating: Option<Rating>,
    /// Required when changed.
    pub behaviour_rating: Option<Rating>,
    /// Required when HR records the decision of a superior who has no account (an external,
    /// non-ASN official such as a regional head): the reference of their signed decision
    /// letter (e.g. "Keputusan Bupati Nomor 800/117/BKPSDM/2026").
    #[validate(length(min = 3, max = 500))]
    pub decision_document: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListObjectionsQuery {
    /// super_admin only.
    pub agency_id: Option<Uuid>,
    pub status: Option<ObjectionState>,
    pub evaluation_id: Option<Uuid>,
}

fn is_me(actor: &Actor, id: Option<Uuid>) -> bool {
    id.is_some() && actor.employee_id() == id
}

fn can_see(actor: &Actor, o: &objection::Model, e: &evaluation::Model) -> bool {
    actor.check_agency(o.agency_id, "objection").is_ok()
        && (is_hr_reader(actor, o.agency_id)
            || is_me(actor, Some(o.submitted_by))
            || is_me(actor, o.decider_employee_id)
            || is_me(actor, e.appraiser_employee_id))
}

async fn load<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    id: Uuid,
) -> ServiceResult<(objection::Model, evaluation::Model)> {
    let o = objection::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::not_found("objection"))?;
    let e = evaluation::Entity::find_by_id(o.evaluation_id)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::not_found("objection"))?;
    if !can_see(actor, &o, &e) {
        return Err(ServiceError::not_found("objection"));
    }
    Ok((o, e))
}

fn illegal(e: kinerja_domain::workflow::IllegalTransition) -> ServiceError {
    ServiceError::conflict("illegal_transition", e.message)
}

fn wib() -> chrono::FixedOffset {
    chrono::FixedOffset::east_opt(7 * 3600).expect("UTC+7")
}

/// The evaluated employee objects to a finalised, acknowledged result within the deadline.
pub async fn submit_objection(
    s: &Services,
    ctx: &Ctx,
    evaluation_id: Uuid,
    req: SubmitObjection,
) -> ServiceResult<ObjectionView> {
    validate(&req)?;
    let txn = s.db.begin_write().await?;
    let e = load_visible(&*txn, &ctx.actor, evaluation_id).await?;
    if !is_me(&ctx.actor, Some(e.employee_id)) {
        return Err(ServiceError::forbidden(
            "Only the evaluated employee may object to this result.",
        ));
    }
    let exists = objection::Entity::find()
        .filter(objection::Column::EvaluationId.eq(e.id))
        .count(&*txn)
        .await?;
    if exists > 0 {
        return Err(ServiceError::conflict(
            "objection_exists",
            "An objection to this evaluation was already submitted; only one is allowed.",
        ));
    }
    let Some(received_at) = e.received_at else {
        return Err(ServiceError::conflict(
            "not_acknowledged",
            "Acknowledge receipt of the result first (POST /evaluations/{id}/acknowledge); the objection period starts then.",
        ));
    };
    let next = state_of(&e)
        .transition(EvaluationAction::Object)
        .map_err(illegal)?;
    let cyc = cycle::Entity::find_by_id(e.cycle_id)
        .one(&*txn)
        .await?
        .ok_or_else(|| ServiceError::not_found("cycle"))?;
    let policy = CyclePolicies::from_json(&cyc.policies).objection;
    let at = now();
    // Calendar days in WIB, where the agency's working day is counted.
    if let Err(refused) = check_objection_deadline(
        &policy,
        &received_at.with_timezone(&wib()),
        &at.with_timezone(&wib()),
    ) {
        return Err(ServiceError::rule(
            "objection_too_late",
            format!(
                "{} (The last allowed day was {}.)",
                refused.message, refused.last_day_on
            ),
        ));
    }
    if e.superior_employee_id.is_none() && e.superior_external_id.is_none() {
        return Err(ServiceError::conflict(
            "no_decider",
            "This evaluation names no superior of the appraiser (atasan pejabat penilai) to decide an objection; ask HR to correct the plan.",
        ));
    }
    let o = objection::ActiveModel {
        id: Set(Uuid::now_v7()),
        agency_id: Set(e.agency_id),
        evaluation_id: Set(e.id),
        submitted_by: Set(e.employee_id),
        submitted_at: Set(at),
        reasons: Set(req.reasons.trim().to_owned()),
        status: Set(ObjectionState::Submitted.as_str().to_owned()),
        decider_employee_id: Set(e.superior_employee_id),
        decider_external_id: Set(e.superior_external_id),
        decided_at: Set(None),
        decided_by: Set(None),
        decision_note: Set(None),
        new_result_rating: Set(None),
        new_behaviour_rating: Set(None),
        new_predicate: Set(None),
        created_at: Set(at),
        updated_at: Set(at),
        version: Set(1),
        decision_document: Set(None),
        recorded_by: Set(None),
    }
    .insert(&*txn)
    .await?;
    audit::record(
        &*txn,
        ctx,
        Change {
            subject_employee_id: Some(e.employee_id),
            agency_id: Some(o.agency_id),
            action: "objection.submit",
            entity_type: "objection",
            entity_id: o.id.to_string(),
            before: None,
            after: audit::snapshot(&ObjectionView::from(&o)),
        },
    )
    .await?;
    let mut am = e.clone().into_active_model();
    am.status = Set(next.as_str().to_owned());
    am.version = Set(e.version + 1);
    am.updated_at = Set(at);
    let after = am.update(&*txn).await?;
    audit::record(
        &*txn,
        ctx,
        Change {
            subject_employee_id: Some(e.employee_id),
            agency_id: Some(e.agency_id),
            action: "evaluation.object",
            entity_type: "evaluation",
            entity_id: e.id.to_string(),
            before: audit::snapshot(&EvaluationView::from(&e)),
            after: audit::snapshot(&EvaluationView::from(&after)),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(ObjectionView::from(&o))
}

/// Lists objections: HR and auditors all of the agency; a decider those addressed to them;
/// an employee their own.
pub async fn list_objections(
    s: &Services,
    ctx: &Ctx,
    query: ListObjectionsQuery,
    page: PageParams,
) -> ServiceResult<Page<ObjectionView>> {
    validate(&query)?;
    validate(&page)?;
    let agency_id = ctx.actor.scope_agency(query.agency_id)?;
    let mut select = objection::Entity::find().filter(objection::Column::AgencyId.eq(agency_id));
    if !is_hr_reader(&ctx.actor, agency_id) {
        let Some(me) = ctx.actor.employee_id() else {
            return Err(ServiceError::forbidden(
                "You may not read objections of this agency.",
            ));
        };
        select = select.filter(
            objection::Column::SubmittedBy
                .eq(me)
                .or(objection::Column::DeciderEmployeeId.eq(me)),
        );
    }
    if let Some(v) = query.status {
        select = select.filter(objection::Column::Status.eq(v.as_str()));
    }
    if let Some(v) = query.evaluation_id {
        select = select.filter(objection::Column::EvaluationId.eq(v));
    }
    let db = s.db.conn();
    let total = select.clone().count(db).await?;
    let items = select
        .order_by(objection::Column::SubmittedAt, Order::Asc)
        .order_by(objection::Column::Id, Order::Asc)
        .offset(page.offset())
        .limit(page.per_page())
        .all(db)
        .await?;
    Ok(Page {
        items: items.iter().map(ObjectionView::from).collect(),
        total,
        page: page.page(),
        per_page: page.per_page(),
    })
}

/// Reads one objection (its employee, its decider, the appraiser, HR, auditors).
pub async fn get_objection(s: &Services, ctx: &Ctx, id: Uuid) -> ServiceResult<ObjectionView> {
    let (o, _) = load(s.db.conn(), &ctx.actor, id).await?;
    Ok(ObjectionView::from(&o))
}

/// Who acts on an objection: its decider in person, or HR recording for a decider who has no
/// account in Kinerja (an external official, or an employee without a login).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Decider {
    InPerson,
    RecordedByHr,
}

async fn require_decider<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    o: &objection::Model,
) -> ServiceResult<Decider> {
    if is_me(actor, o.decider_employee_id) {
        return Ok(Decider::InPerson);
    }
    if actor.can_administer(o.agency_id, "objections", Access::Write) {
        let without_account = match o.decider_employee_id {
            None => o.decider_external_id.is_some(),
            Some(emp) => {
                user::Entity::find()
                    .filter(user::Column::EmployeeId.eq(emp))
                    .filter(user::Column::IsActive.eq(true))
                    .count(db)
                    .await?
                    == 0
            }
        };
        if without_account {
            return Ok(Decider::RecordedByHr);
        }
    }
    Err(ServiceError::forbidden(
        "Only the appraiser's superior (atasan pejabat penilai) decides this objection; HR records a decision only for a superior who has no account in Kinerja.",
    ))
}

/// The decider's name for `decided_by` when HR records on their behalf.
async fn decider_name<C: ConnectionTrait>(db: &C, o: &objection::Model) -> ServiceResult<String> {
    if let Some(x) = o.decider_external_id
        && let Some(a) = external_appraiser::Entity::find_by_id(x).one(db).await?
    {
        return Ok(format!("{} ({})", a.name, a.position_title));
    }
    if let Some(e) = o.decider_employee_id
        && let Some(m) = employee::Entity::find_by_id(e).one(db).await?
    {
        return Ok(m.name);
    }
    Ok("atasan pejabat penilai".to_owned())
}

/// The decider starts hearing both parties (submitted -> under_review).
pub async fn review_objection(
    s: &Services,
    ctx: &Ctx,
    id: Uuid,
    if_match: Option<i32>,
) -> ServiceResult<ObjectionView> {
    let txn = s.db.begin_write().await?;
    let (o, _) = load(&*txn, &ctx.actor, id).await?;
    require_decider(&*txn, &ctx.actor, &o).await?;
    if if_match.is_some_and(|v| v != o.version) {
        return Err(ServiceError::PreconditionFailed { current: o.version });
    }
    let state = ObjectionState::parse(&o.status).unwrap_or(ObjectionState::Submitted);
    let next = state
        .transition(ObjectionAction::StartReview)
        .map_err(illegal)?;
    let mut am = o.clone().into_active_model();
    am.status = Set(next.as_str().to_owned());
    am.version = Set(o.version + 1);
    am.updated_at = Set(now());
    let after = am.update(&*txn).await?;
    audit::record(
        &*txn,
        ctx,
        Change {
            subject_employee_id: Some(o.submitted_by),
            agency_id: Some(o.agency_id),
            action: "objection.review",
            entity_type: "objection",
            entity_id: o.id.to_string(),
            before: audit::snapshot(&ObjectionView::from(&o)),
            after: audit::snapshot(&ObjectionView::from(&after)),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(ObjectionView::from(&after))
}

/// The decider keeps or changes the result; the decision is final (PP 30/2019 Pasal 59) and
/// the evaluation becomes final, with the new ratings and predicate when changed.
pub async fn decide_objection(
    s: &Services,
    ctx: &Ctx,
    id: Uuid,
    if_match: Option<i32>,
    req: DecideObjection,
) -> ServiceResult<ObjectionView> {
    validate(&req)?;
    let txn = s.db.begin_write().await?;
    let (o, e) = load(&*txn, &ctx.actor, id).await?;
    let decider = require_decider(&*txn, &ctx.actor, &o).await?;
    let document = req
        .decision_document
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(str::to_owned);
    if decider == Decider::RecordedByHr && document.is_none() {
        return Err(ServiceError::field(
            "decision_document",
            "required",
            "Recording the decision of a superior who has no account needs the reference of their signed decision letter.",
        ));
    }
    if if_match.is_some_and(|v| v != o.version) {
        return Err(ServiceError::PreconditionFailed { current: o.version });
    }
    let new_ratings = match req.outcome {
        ObjectionOutcome::Kept => None,
        ObjectionOutcome::Changed => {
            let mut errors = Vec::new();
            if req.result_rating.is_none() {
                errors.push(FieldError::new(
                    "result_rating",
                    "required",
                    "A changed result needs the new result rating.",
                ));
            }
            if req.behaviour_rating.is_none() {
                errors.push(FieldError::new(
                    "behaviour_rating",
                    "required",
                    "A changed result needs the new behaviour rating.",
                ));
            }
            match (req.result_rating, req.behaviour_rating) {
                (Some(r), Some(b)) => Some((r, b)),
                _ => return Err(ServiceError::Validation(errors)),
            }
        }
    };
    let state = ObjectionState::parse(&o.status).unwrap_or(ObjectionState::Submitted);
    let next = state
        .transition(ObjectionAction::decide(req.outcome))
        .map_err(illegal)?;
    let eval_next = state_of(&e)
        .transition(EvaluationAction::ResolveObjection)
        .map_err(illegal)?;
    let at = now();
    let new_predicate = new_ratings.map(|(r, b)| kuadran(r, b));
    let mut am = o.clone().into_active_model();
    am.status = Set(next.as_str().to_owned());
    am.decided_at = Set(Some(at));
    match decider {
        Decider::InPerson => {
            am.decided_by = Set(Some(ctx.actor.label.clone()));
            am.decision_document = Set(document);
        }
        Decider::RecordedByHr => {
            am.decided_by = Set(Some(decider_name(&*txn, &o).await?));
            am.decision_document = Set(document);
            am.recorded_by = Set(Some(ctx.actor.label.clone()));
        }
    }
    am.decision_note = Set(Some(req.note.trim().to_owned()));
    am.new_result_rating = Set(new_ratings.map(|(r, _)| text_of(r)));
    am.new_behaviour_rating = Set(new_ratings.map(|(_, b)| text_of(b)));
    am.new_predicate = Set(new_predicate.map(text_of));
    am.version = Set(o.version + 1);
    am.updated_at = Set(at);
    let after = am.update(&*txn).await?;
    audit::record(
        &*txn,
        ctx,
        Change {
            subject_employee_id: Some(o.submitted_by),
            agency_id: Some(o.agency_id),
            action: "objection.decide",
            entity_type: "objection",
            entity_id: o.id.to_string(),
            before: audit::snapshot(&ObjectionView::from(&o)),
            after: audit::snapshot(&ObjectionView::from(&after)),
        },
    )
    .await?;
    let mut eam = e.clone().into_active_model();
    eam.status = Set(eval_next.as_str().to_owned());
    eam.final_at = Set(Some(at));
    if let (Some((r, b)), Some(p)) = (new_ratings, new_predicate) {
        eam.result_rating = Set(Some(text_of(r)));
        eam.behaviour_rating = Set(Some(text_of(b)));
        eam.predicate = Set(Some(text_of(p)));
        eam.calibrated_predicate = Set(None);
        // The decided content is the new content: its hash is recorded anew.
        let mut changed = e.clone();
        changed.result_rating = Some(text_of(r));
        changed.behaviour_rating = Some(text_of(b));
        changed.predicate = Some(text_of(p));
        changed.calibrated_predicate = None;
        eam.content_hash = Set(Some(content_hash(&changed)));
    }
    eam.version = Set(e.version + 1);
    eam.updated_at = Set(at);
    let eafter = eam.update(&*txn).await?;
    audit::record(
        &*txn,
        ctx,
        Change {
            subject_employee_id: Some(e.employee_id),
            agency_id: Some(e.agency_id),
            action: "evaluation.resolve_objection",
            entity_type: "evaluation",
            entity_id: e.id.to_string(),
            before: audit::snapshot(&EvaluationView::from(&e)),
            after: audit::snapshot(&EvaluationView::from(&eafter)),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(ObjectionView::from(&after))
}
