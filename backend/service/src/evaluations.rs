//! Evaluations (evaluasi kinerja): generation from approved plans, the employee's and the
//! appraiser's moves, the kuadran predicate and the numeric regimes, the explanation, the
//! set-based batch score of a cycle, finalisation with the distribution check, receipt,
//! integrity verification and the conclusion of the objection window.
//! Rules come from kinerja_domain; nothing here re-implements one.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Utc};
use kinerja_domain::annual::{AnnualResultPolicy, PeriodRatings, RatingPair, annual_ratings};
use kinerja_domain::objection::objection_window_closed;
use kinerja_domain::org::PositionKind;
use kinerja_domain::pp30::{self, IndicatorDirection};
use kinerja_domain::pp46::{self, Activity, AspectPair, Pp46Behaviour};
use kinerja_domain::rating::{
    EmployeePredicate, KuadranRule, OrganisationPredicate, Rating, kuadran, kuadran_rule,
};
use kinerja_domain::regime::Regime;
use kinerja_domain::workflow::{EvaluationAction, EvaluationState, finalise_action};
use kinerja_store::entities::{
    continuous_feedback, cycle, employee, evaluation, evidence, indicator, org_performance, period,
    plan, position, realization, unit, work_result,
};
use rust_decimal::Decimal;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbBackend,
    EntityTrait, IntoActiveModel, Order, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
    Statement, Value,
};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::actor::{Access, Actor, Ctx};
use crate::audit::{self, Change};
use crate::error::{FieldError, ServiceError, ServiceResult, validate};
use crate::pagination::{Page, PageParams};
use crate::policies::{CyclePolicies, DistributionEnforcement};
use crate::{Services, now};

/// Ids per `IN (...)` list and rows per multi-row UPDATE: well inside both databases'
/// parameter limits (SQLite 32766, PostgreSQL 65535).
pub(crate) const CHUNK: usize = 1000;
const UPDATE_CHUNK: usize = 500;

// ---------------------------------------------------------------------------------------
// Views and requests
// ---------------------------------------------------------------------------------------

/// An evaluation as the API shows it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EvaluationView {
    pub id: Uuid,
    pub agency_id: Uuid,
    pub cycle_id: Uuid,
    pub period_id: Uuid,
    pub plan_id: Uuid,
    pub employee_id: Uuid,
    pub unit_id: Option<Uuid>,
    pub is_annual: bool,
    pub appraiser_employee_id: Option<Uuid>,
    pub appraiser_external_id: Option<Uuid>,
    /// Atasan pejabat penilai: decides objections.
    pub superior_employee_id: Option<Uuid>,
    pub superior_external_id: Option<Uuid>,
    pub status: EvaluationState,
    pub result_rating: Option<Rating>,
    pub behaviour_rating: Option<Rating>,
    /// The kuadran predicate (or, for numeric regimes, the mapped label).
    pub predicate: Option<EmployeePredicate>,
    /// Set by calibration; when present it is the effective predicate.
    pub calibrated_predicate: Option<EmployeePredicate>,
    /// `calibrated_predicate` when set, else `predicate`.
    pub effective_predicate: Option<EmployeePredicate>,
    /// Indonesian label of the effective predicate.
    pub predicate_label: Option<String>,
    pub result_justification: Option<String>,
    pub behaviour_justification: Option<String>,
    pub appraiser_note: Option<String>,
    pub has_innovation: bool,
    pub innovation_note: Option<String>,
    /// The employee's self-assessment handed in with the submission.
    pub self_assessment: Option<String>,
    pub regime: Regime,
    /// Inputs and steps of the numeric regimes.
    pub numeric_snapshot: Option<serde_json::Value>,
    pub rated_at: Option<DateTime<Utc>>,
    pub rated_by: Option<String>,
    pub distribution_override_reason: Option<String>,
    /// SHA-256 of the canonical content, set at finalisation.
    pub content_hash: Option<String>,
    pub signed_by: Option<String>,
    pub signed_at: Option<DateTime<Utc>>,
    pub finalised_at: Option<DateTime<Utc>>,
    /// When the employee acknowledged receipt; the objection window starts here.
    pub received_at: Option<DateTime<Utc>>,
    pub final_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

pub(crate) fn parse_text<T: DeserializeOwned>(text: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(text.to_owned())).ok()
}

pub(crate) fn text_of<T: Serialize>(value: T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

fn opt_rating(text: &Option<String>) -> Option<Rating> {
    text.as_deref().and_then(parse_text)
}

pub(crate) fn opt_predicate(text: &Option<String>) -> Option<EmployeePredicate> {
    text.as_deref().and_then(parse_text)
}

/// The predicate that counts: the calibrated one when set.
pub(crate) fn effective_predicate(m: &evaluation::Model) -> Option<EmployeePredicate> {
    opt_predicate(&m.calibrated_predicate).or_else(|| opt_predicate(&m.predicate))
}

pub(crate) fn state_of(m: &evaluation::Model) -> EvaluationState {
    EvaluationState::parse(&m.status).unwrap_or(EvaluationState::NotStarted)
}

impl From<&evaluation::Model> for EvaluationView {
    fn from(m: &evaluation::Model) -> Self {
        let effective = effective_predicate(m);
        Self {
            id: m.id,
            agency_id: m.agency_id,
            cycle_id: m.cycle_id,
            period_id: m.period_id,
            plan_id: m.plan_id,
            employee_id: m.employee_id,
            unit_id: m.unit_id,
            is_annual: m.is_annual,
            appraiser_employee_id: m.appraiser_employee_id,
            appraiser_external_id: m.appraiser_external_id,
            superior_employee_id: m.superior_employee_id,
            superior_external_id: m.superior_external_id,
            status: state_of(m),
            result_rating: opt_rating(&m.result_rating),
            behaviour_rating: opt_rating(&m.behaviour_rating),
            predicate: opt_predicate(&m.predicate),
            calibrated_predicate: opt_predicate(&m.calibrated_predicate),
            effective_predicate: effective,
            predicate_label: effective.map(|p| p.label_id().to_owned()),
            result_justification: m.result_justification.clone(),
            behaviour_justification: m.behaviour_justification.clone(),
            appraiser_note: m.appraiser_note.clone(),
            has_innovation: m.has_innovation,
            innovation_note: m.innovation_note.clone(),
            self_assessment: m.self_assessment.clone(),
            regime: Regime::parse(&m.regime).unwrap_or_default(),
            numeric_snapshot: m
                .numeric_snapshot
                .as_deref()
                .and_then(|t| serde_json::from_str(t).ok()),
            rated_at: m.rated_at,
            rated_by: m.rated_by.clone(),
            distribution_override_reason: m.distribution_override_reason.clone(),
            content_hash: m.content_hash.clone(),
            signed_by: m.signed_by.clone(),
            signed_at: m.signed_at,
            finalised_at: m.finalised_at,
            received_at: m.received_at,
            final_at: m.final_at,
            created_at: m.created_at,
            updated_at: m.updated_at,
            version: m.version,
        }
    }
}

/// What the appraiser rates from: realization against target per indicator, evidence and the
/// continuous feedback of the plan.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RatingInputs {
    pub work_results: Vec<WorkResultInput>,
    pub evidence: Vec<EvidenceInput>,
    pub continuous_feedback: Vec<FeedbackNoteInput>,
    /// 360 feedback: attributed self and appraiser answers, anonymous groups under the
    /// anonymity threshold rule.
    pub feedback_360: crate::feedback360::FeedbackAggregates,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct WorkResultInput {
    pub id: Uuid,
    /// `main` or `additional`.
    pub kind: String,
    pub description: String,
    pub indicators: Vec<IndicatorInput>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct IndicatorInput {
    pub id: Uuid,
    pub aspect: String,
    pub description: String,
    pub direction: String,
    pub target_min: Option<String>,
    pub target_max: Option<String>,
    pub unit: Option<String>,
    pub target_text: Option<String>,
    /// The realization recorded for the evaluation's period.
    pub realization_value: Option<String>,
    pub realization_body: Option<String>,
    /// Capaian IKI in percent (PermenPANRB 8/2021 formula), 2 decimals; absent without a
    /// numeric target and realization.
    pub capaian_percent: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EvidenceInput {
    pub id: Uuid,
    pub realization_id: Option<Uuid>,
    pub work_result_id: Option<Uuid>,
    pub uri: Option<String>,
    pub file_name: Option<String>,
    pub content_type: Option<String>,
    pub sha256: Option<String>,
    pub uploaded_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FeedbackNoteInput {
    pub id: Uuid,
    pub period_id: Option<Uuid>,
    pub target_type: String,
    pub core_value: Option<String>,
    pub author_role: String,
    pub body: String,
    /// `employee` (the employee reads it too) or `private_to_appraiser` (never shown to the
    /// employee; the inputs are only given to the appraiser, HR and auditors).
    pub visibility: String,
    pub created_at: DateTime<Utc>,
}

/// One evaluation, with the rating inputs for those who rate or administer it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EvaluationDetail {
    #[serde(flatten)]
    pub evaluation: EvaluationView,
    pub employee_name: Option<String>,
    /// The appraiser's name (an employee or an external official).
    pub appraiser_name: Option<String>,
    /// The appraiser's superior, who decides objections.
    pub superior_name: Option<String>,
    pub period_name: Option<String>,
    /// What the caller may do now (the same as `GET /evaluations/{id}/allowed-actions`).
    pub allowed: EvaluationAllowedActions,
    /// Present for the appraiser, HR and auditors.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inputs: Option<RatingInputs>,
}

/// The name of an employee or external official.
async fn person_name<C: ConnectionTrait>(
    db: &C,
    employee: Option<Uuid>,
    external: Option<Uuid>,
) -> ServiceResult<Option<String>> {
    if let Some(e) = employee {
        return Ok(employee::Entity::find_by_id(e)
            .one(db)
            .await?
            .map(|e| e.name));
    }
    if let Some(x) = external {
        return Ok(
            kinerja_store::entities::external_appraiser::Entity::find_by_id(x)
                .one(db)
                .await?
                .map(|a| a.name),
        );
    }
    Ok(None)
}

#[derive(Debug, Clone, Default, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListEvaluationsQuery {
    /// super_admin only: the agency to list.
    pub agency_id: Option<Uuid>,
    pub period_id: Option<Uuid>,
    pub cycle_id: Option<Uuid>,
    pub unit_id: Option<Uuid>,
    pub employee_id: Option<Uuid>,
    pub status: Option<EvaluationState>,
    /// Only evaluations whose effective predicate (calibrated, else as rated) is this one.
    pub predicate: Option<EmployeePredicate>,
    /// `me`: only the evaluations the caller rates.
    #[validate(custom(function = "only_me"))]
    pub appraiser: Option<String>,
}

fn only_me(value: &str) -> Result<(), validator::ValidationError> {
    if value == "me" {
        Ok(())
    } else {
        Err(validator::ValidationError::new("invalid").with_message("Use `me`.".into()))
    }
}

/// Result of generating evaluations for a period.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct GenerateReport {
    pub period_id: Uuid,
    /// New evaluations.
    pub created: u64,
    /// Plans that already had an evaluation for the period (left untouched).
    pub skipped: u64,
}

/// The employee hands in the period's realizations with a self-assessment.
#[derive(Debug, Clone, Default, Deserialize, Validate, ToSchema)]
#[schema(example = json!({"self_assessment": "Semua target triwulan tercapai; dokumen diunggah sebagai bukti dukung."}))]
pub struct SubmitEvaluation {
    #[validate(length(max = 8000))]
    pub self_assessment: Option<String>,
}

/// The appraiser's ratings (PermenPANRB 6/2022).
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[schema(example = json!({"result_rating": "above", "behaviour_rating": "meets",
    "result_justification": "Semua target terlampaui dengan kualitas baik.", "appraiser_note": "Pertahankan.",
    "has_innovation": false}))]
pub struct RateEvaluation {
    /// Required, except for a unit leader, whose result rating follows from the unit's
    /// organisation predicate (when given it must match).
    pub result_rating: Option<Rating>,
    pub behaviour_rating: Rating,
    /// Required when the result rating is above or below expectation.
    #[validate(length(max = 4000))]
    pub result_justification: Option<String>,
    /// Required when the behaviour rating is above or below expectation.
    #[validate(length(max = 4000))]
    pub behaviour_justification: Option<String>,
    #[validate(length(max = 4000))]
    pub appraiser_note: Option<String>,
    #[serde(default)]
    pub has_innovation: bool,
    #[validate(length(max = 2000))]
    pub innovation_note: Option<String>,
}

/// Behaviour scores of the numeric regimes. PP 46/2011 uses orientasi pelayanan,
/// integritas, komitmen, disiplin, kerja sama (0-100); PermenPANRB 8/2021 uses orientasi
/// pelayanan, komitmen, inisiatif kerja, kerja sama (0-120); kepemimpinan in both only for
/// structural positions.
#[derive(Debug, Clone, Deserialize, Serialize, Validate, ToSchema)]
#[schema(example = json!({"orientasi_pelayanan": "85", "integritas": "90", "komitmen": "88",
    "disiplin": "80", "kerja_sama": "86", "has_innovation": false}))]
pub struct NumericBehaviour {
    #[schema(value_type = String)]
    pub orientasi_pelayanan: Decimal,
    #[schema(value_type = String)]
    pub komitmen: Decimal,
    #[schema(value_type = String)]
    pub kerja_sama: Decimal,
    #[schema(value_type = Option<String>)]
    pub integritas: Option<Decimal>,
    #[schema(value_type = Option<String>)]
    pub disiplin: Option<Decimal>,
    #[schema(value_type = Option<String>)]
    pub inisiatif_kerja: Option<Decimal>,
    #[schema(value_type = Option<String>)]
    pub kepemimpinan: Option<Decimal>,
    #[serde(default)]
    pub has_innovation: bool,
    #[validate(length(max = 2000))]
    pub innovation_note: Option<String>,
    #[validate(length(max = 4000))]
    pub appraiser_note: Option<String>,
}

/// One step of an explanation.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ExplanationStep {
    /// Stable rule name (`kuadran.result_below`, `leader_result_mapping`...).
    pub rule: String,
    /// The regulation the rule comes from.
    pub citation: String,
    pub outcome: String,
}

/// Why the predicate is what it is.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Explanation {
    pub evaluation_id: Uuid,
    pub regime: Regime,
    pub inputs: serde_json::Value,
    pub steps: Vec<ExplanationStep>,
    pub predicate: Option<EmployeePredicate>,
    /// Plain Indonesian.
    pub summary_id: String,
    /// Plain English.
    pub summary_en: String,
}

/// Result of the batch score of a cycle.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ScoreSummary {
    pub cycle_id: Uuid,
    pub regime: Regime,
    /// Rated evaluations considered.
    pub considered: u64,
    /// Evaluations whose stored predicate or numeric snapshot changed.
    pub updated: u64,
    /// Numeric evaluations that could not be scored (missing targets or realizations).
    pub incomplete: u64,
    /// Effective predicates of the rated evaluations after scoring.
    pub counts: BTreeMap<String, u64>,
    pub duration_ms: u64,
}

/// Finalisation of a period.
#[derive(Debug, Clone, Default, Deserialize, Validate, ToSchema)]
#[schema(example = json!({"override_reasons": {"0190f0c2-7d2b-7c4e-9c1a-6a3b2e1f0a11": "Unit kecil: tiga pegawai, semua melampaui target."}}))]
pub struct FinalisePeriod {
    /// A reason per unit whose distribution breaks the curve (soft enforcement).
    #[serde(default)]
    pub override_reasons: HashMap<Uuid, String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct UnitFinalisation {
    pub unit_id: Option<Uuid>,
    pub finalised: u64,
    /// Codes of the distribution rules broken (overridden with the reason).
    pub violations: Vec<String>,
    pub override_reason: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FinaliseReport {
    pub period_id: Uuid,
    pub finalised: u64,
    /// Evaluations not yet rated: reported, left as they are, finalised by a later call.
    pub unrated: u64,
    pub units: Vec<UnitFinalisation>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct VerifyReport {
    pub evaluation_id: Uuid,
    pub is_intact: bool,
    pub stored_hash: Option<String>,
    pub computed_hash: Option<String>,
    pub message: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ConcludeReport {
    pub period_id: Uuid,
    /// Evaluations that became final because their objection window passed.
    pub concluded: u64,
    /// Finalised but not yet acknowledged: the window has not started.
    pub awaiting_acknowledgement: u64,
    /// Acknowledged, window still open.
    pub window_open: u64,
}

// ---------------------------------------------------------------------------------------
// Authorization
// ---------------------------------------------------------------------------------------

/// HR or auditors (or an API client with reports:read) reading the agency's results.
pub(crate) fn is_hr_reader(actor: &Actor, agency_id: Uuid) -> bool {
    actor.can_administer(agency_id, "reports", Access::Read)
}

/// HR (agency_admin, super_admin) managing the appraisal.
pub(crate) fn require_hr_writer(
    actor: &Actor,
    agency_id: Uuid,
    entity: &'static str,
) -> ServiceResult<()> {
    actor.require_admin(agency_id, "evaluations", Access::Write, entity)
}

fn is_me(actor: &Actor, id: Option<Uuid>) -> bool {
    id.is_some() && actor.employee_id() == id
}

/// May the caller see this evaluation at all? Otherwise 404.
pub(crate) fn can_see(actor: &Actor, m: &evaluation::Model) -> bool {
    if actor.check_agency(m.agency_id, "evaluation").is_err() {
        return false;
    }
    is_hr_reader(actor, m.agency_id)
        || is_me(actor, Some(m.employee_id))
        || is_me(actor, m.appraiser_employee_id)
        || is_me(actor, m.superior_employee_id)
}

pub(crate) async fn load_visible<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    id: Uuid,
) -> ServiceResult<evaluation::Model> {
    let m = evaluation::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::not_found("evaluation"))?;
    if !can_see(actor, &m) {
        return Err(ServiceError::not_found("evaluation"));
    }
    Ok(m)
}

fn illegal(e: kinerja_domain::workflow::IllegalTransition) -> ServiceError {
    if e.code == "distribution_violated" {
        ServiceError::rule("distribution_violated", e.message)
    } else {
        ServiceError::conflict("illegal_transition", e.message)
    }
}

fn check_optional_version(if_match: Option<i32>, current: i32) -> ServiceResult<()> {
    match if_match {
        Some(v) if v != current => Err(ServiceError::PreconditionFailed { current }),
        _ => Ok(()),
    }
}

async fn load_cycle<C: ConnectionTrait>(db: &C, id: Uuid) -> ServiceResult<cycle::Model> {
    cycle::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::not_found("cycle"))
}

async fn load_period<C: ConnectionTrait>(db: &C, id: Uuid) -> ServiceResult<period::Model> {
    period::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::not_found("period"))
}

/// Writes the evaluation with version + 1 and one audit entry.
async fn save<C: ConnectionTrait>(
    txn: &C,
    ctx: &Ctx,
    before: &evaluation::Model,
    mut am: evaluation::ActiveModel,
    action: &str,
) -> ServiceResult<evaluation::Model> {
    am.version = Set(before.version + 1);
    am.updated_at = Set(now());
    let after = am.update(txn).await?;
    audit::record(
        txn,
        ctx,
        Change {
            subject_employee_id: Some(after.employee_id),
            agency_id: Some(after.agency_id),
            action,
            entity_type: "evaluation",
            entity_id: after.id.to_string(),
            before: audit::snapshot(&EvaluationView::from(before)),
            after: audit::snapshot(&EvaluationView::from(&after)),
        },
    )
    .await?;
    Ok(after)
}

// ---------------------------------------------------------------------------------------
// Generation, listing, reading
// ---------------------------------------------------------------------------------------

/// Creates one evaluation per approved plan overlapping the period (for the annual period:
/// one per approved plan of the cycle), with the plan's employee, unit, appraiser and
/// superior, and the cycle's regime. Existing ones are left untouched. When the plan names
/// no superior, the appraiser's own appraiser in the cycle is taken (atasan pejabat penilai).
pub async fn generate_evaluations(
    s: &Services,
    ctx: &Ctx,
    period_id: Uuid,
) -> ServiceResult<GenerateReport> {
    let txn = s.db.begin_write().await?;
    let per = load_period(&*txn, period_id).await?;
    require_hr_writer(&ctx.actor, per.agency_id, "period")?;
    let cyc = load_cycle(&*txn, per.cycle_id).await?;
    let plans = plan::Entity::find()
        .filter(plan::Column::CycleId.eq(cyc.id))
        // An approved plan whose dates ended is in appraisal: still evaluated.
        .filter(plan::Column::Status.is_in(["approved", "in_appraisal"]))
        .filter(plan::Column::StartsOn.lte(per.ends_on))
        .filter(plan::Column::EndsOn.gte(per.starts_on))
        .all(&*txn)
        .await?;
    let existing: HashSet<Uuid> = evaluation::Entity::find()
        .select_only()
        .column(evaluation::Column::PlanId)
        .filter(evaluation::Column::PeriodId.eq(per.id))
        .into_tuple::<Uuid>()
        .all(&*txn)
        .await?
        .into_iter()
        .collect();
    // The appraiser's appraiser, from the appraisers' own plans in the cycle.
    let appraiser_of: HashMap<Uuid, Uuid> = plan::Entity::find()
        .filter(plan::Column::CycleId.eq(cyc.id))
        .filter(plan::Column::Status.is_in(["approved", "in_appraisal", "superseded"]))
        .all(&*txn)
        .await?
        .into_iter()
        .filter_map(|p| p.appraiser_employee_id.map(|a| (p.employee_id, a)))
        .collect();
    let at = now();
    let mut rows = Vec::new();
    let mut skipped = 0u64;
    for p in plans {
        if existing.contains(&p.id) {
            skipped += 1;
            continue;
        }
        let superior = p.superior_employee_id.or_else(|| {
            p.appraiser_employee_id
                .and_then(|a| appraiser_of.get(&a).copied())
                .filter(|sup| Some(*sup) != Some(p.employee_id))
        });
        rows.push(evaluation::ActiveModel {
            id: Set(Uuid::now_v7()),
            agency_id: Set(p.agency_id),
            cycle_id: Set(cyc.id),
            period_id: Set(per.id),
            plan_id: Set(p.id),
            employee_id: Set(p.employee_id),
            unit_id: Set(p.unit_id),
            is_annual: Set(per.is_final),
            appraiser_employee_id: Set(p.appraiser_employee_id),
            appraiser_external_id: Set(p.appraiser_external_id),
            superior_employee_id: Set(superior),
            superior_external_id: Set(p.superior_external_id),
            status: Set(EvaluationState::NotStarted.as_str().to_owned()),
            result_rating: Set(None),
            behaviour_rating: Set(None),
            predicate: Set(None),
            result_justification: Set(None),
            behaviour_justification: Set(None),
            appraiser_note: Set(None),
            has_innovation: Set(false),
            innovation_note: Set(None),
            self_assessment: Set(None),
            regime: Set(cyc.regime.clone()),
            numeric_snapshot: Set(None),
            rated_at: Set(None),
            rated_by: Set(None),
            calibrated_predicate: Set(None),
            distribution_override_reason: Set(None),
            content_hash: Set(None),
            signed_by: Set(None),
            signed_at: Set(None),
            finalised_at: Set(None),
            received_at: Set(None),
            final_at: Set(None),
            created_at: Set(at),
            updated_at: Set(at),
            version: Set(1),
        });
    }
    let created = rows.len() as u64;
    // One entry per evaluation, in the employee's trail.
    let entries: Vec<Change> = rows
        .iter()
        .map(|r| Change {
            subject_employee_id: r.employee_id.clone().take(),
            agency_id: r.agency_id.clone().take(),
            action: "evaluation.create",
            entity_type: "evaluation",
            entity_id: r
                .id
                .clone()
                .take()
                .map(|i| i.to_string())
                .unwrap_or_default(),
            before: None,
            after: Some(serde_json::json!({
                "period_id": per.id,
                "plan_id": r.plan_id.clone().take(),
                "status": EvaluationState::NotStarted.as_str(),
                "appraiser_employee_id": r.appraiser_employee_id.clone().take().flatten(),
                "appraiser_external_id": r.appraiser_external_id.clone().take().flatten(),
                "superior_employee_id": r.superior_employee_id.clone().take().flatten(),
            })),
        })
        .collect();
    for chunk in rows.chunks(200) {
        evaluation::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(&*txn)
            .await?;
    }
    audit::record_many(&*txn, ctx, entries).await?;
    let report = GenerateReport {
        period_id: per.id,
        created,
        skipped,
    };
    // One summary entry: generation is a batch over the period.
    audit::record(
        &*txn,
        ctx,
        Change {
            subject_employee_id: None,
            agency_id: Some(per.agency_id),
            action: "evaluation.generate",
            entity_type: "period",
            entity_id: per.id.to_string(),
            before: None,
            after: audit::snapshot(&report),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(report)
}

/// Lists evaluations: HR and auditors see the agency; others see their own, those they rate
/// and those whose objections they decide.
pub async fn list_evaluations(
    s: &Services,
    ctx: &Ctx,
    query: ListEvaluationsQuery,
    page: PageParams,
) -> ServiceResult<Page<EvaluationView>> {
    validate(&query)?;
    validate(&page)?;
    let agency_id = ctx.actor.scope_agency(query.agency_id)?;
    let mut select = evaluation::Entity::find().filter(evaluation::Column::AgencyId.eq(agency_id));
    if !is_hr_reader(&ctx.actor, agency_id) {
        let Some(me) = ctx.actor.employee_id() else {
            return Err(ServiceError::forbidden(
                "You may not read evaluations of this agency.",
            ));
        };
        select = select.filter(
            evaluation::Column::EmployeeId
                .eq(me)
                .or(evaluation::Column::AppraiserEmployeeId.eq(me))
                .or(evaluation::Column::SuperiorEmployeeId.eq(me)),
        );
    }
    if query.appraiser.is_some() {
        let me = ctx.actor.employee_id().unwrap_or(Uuid::nil());
        select = select.filter(evaluation::Column::AppraiserEmployeeId.eq(me));
    }
    if let Some(v) = query.period_id {
        select = select.filter(evaluation::Column::PeriodId.eq(v));
    }
    if let Some(v) = query.cycle_id {
        select = select.filter(evaluation::Column::CycleId.eq(v));
    }
    if let Some(v) = query.unit_id {
        select = select.filter(evaluation::Column::UnitId.eq(v));
    }
    if let Some(v) = query.employee_id {
        select = select.filter(evaluation::Column::EmployeeId.eq(v));
    }
    if let Some(v) = query.status {
        select = select.filter(evaluation::Column::Status.eq(v.as_str()));
    }
    if let Some(p) = query.predicate {
        let p = text_of(p);
        select = select.filter(
            Condition::any()
                .add(evaluation::Column::CalibratedPredicate.eq(p.clone()))
                .add(
                    Condition::all()
                        .add(evaluation::Column::CalibratedPredicate.is_null())
                        .add(evaluation::Column::Predicate.eq(p)),
                ),
        );
    }
    let db = s.db.conn();
    let total = select.clone().count(db).await?;
    let items = select
        .order_by(evaluation::Column::CreatedAt, Order::Asc)
        .order_by(evaluation::Column::Id, Order::Asc)
        .offset(page.offset())
        .limit(page.per_page())
        .all(db)
        .await?;
    Ok(Page {
        items: items.iter().map(EvaluationView::from).collect(),
        total,
        page: page.page(),
        per_page: page.per_page(),
    })
}

/// Reads one evaluation; the appraiser, HR and auditors also get the rating inputs.
pub async fn get_evaluation(s: &Services, ctx: &Ctx, id: Uuid) -> ServiceResult<EvaluationDetail> {
    let db = s.db.conn();
    let m = load_visible(db, &ctx.actor, id).await?;
    let sees_inputs =
        is_me(&ctx.actor, m.appraiser_employee_id) || is_hr_reader(&ctx.actor, m.agency_id);
    let inputs = if sees_inputs {
        Some(rating_inputs(db, &m).await?)
    } else {
        None
    };
    let allowed = allowed_actions_for(db, &ctx.actor, &m).await?;
    Ok(EvaluationDetail {
        employee_name: person_name(db, Some(m.employee_id), None).await?,
        appraiser_name: person_name(db, m.appraiser_employee_id, m.appraiser_external_id).await?,
        superior_name: person_name(db, m.superior_employee_id, m.superior_external_id).await?,
        period_name: load_period(db, m.period_id).await.ok().map(|p| p.name),
        evaluation: EvaluationView::from(&m),
        allowed,
        inputs,
    })
}

fn direction_of(text: &str) -> IndicatorDirection {
    match text {
        "lower" | "lower_is_better" | "khusus" => IndicatorDirection::LowerIsBetter,
        _ => IndicatorDirection::HigherIsBetter,
    }
}

fn dec(text: &Option<String>) -> Option<Decimal> {
    text.as_deref()
        .and_then(|t| t.trim().parse::<Decimal>().ok())
}

/// Capaian IKI of one indicator, when it has a numeric target and realization.
fn capaian(ind: &indicator::Model, value: Option<Decimal>) -> Option<Decimal> {
    let min = dec(&ind.target_min).or_else(|| dec(&ind.target_max))?;
    let max = dec(&ind.target_max).unwrap_or(min);
    pp30::capaian_iki(direction_of(&ind.direction), min, max, value?).ok()
}

async fn rating_inputs<C: ConnectionTrait>(
    db: &C,
    m: &evaluation::Model,
) -> ServiceResult<RatingInputs> {
    let wrs = work_result::Entity::find()
        .filter(work_result::Column::PlanId.eq(m.plan_id))
        .order_by(work_result::Column::Seq, Order::Asc)
        .all(db)
        .await?;
    let wr_ids: Vec<Uuid> = wrs.iter().map(|w| w.id).collect();
    let inds = indicator::Entity::find()
        .filter(indicator::Column::WorkResultId.is_in(wr_ids))
        .order_by(indicator::Column::Seq, Order::Asc)
        .all(db)
        .await?;
    let ind_ids: Vec<Uuid> = inds.iter().map(|i| i.id).collect();
    let reals: HashMap<Uuid, realization::Model> = realization::Entity::find()
        .filter(realization::Column::IndicatorId.is_in(ind_ids))
        .filter(realization::Column::PeriodId.eq(m.period_id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.indicator_id, r))
        .collect();
    let work_results = wrs
        .iter()
        .map(|w| WorkResultInput {
            id: w.id,
            kind: w.kind.clone(),
            description: w.description.clone(),
            indicators: inds
                .iter()
                .filter(|i| i.work_result_id == w.id)
                .map(|i| {
                    let r = reals.get(&i.id);
                    let value = r.and_then(|r| dec(&r.value));
                    IndicatorInput {
                        id: i.id,
                        aspect: i.aspect.clone(),
                        description: i.description.clone(),
                        direction: i.direction.clone(),
                        target_min: i.target_min.clone(),
                        target_max: i.target_max.clone(),
                        unit: i.unit.clone(),
                        target_text: i.target_text.clone(),
                        realization_value: r.and_then(|r| r.value.clone()),
                        realization_body: r.and_then(|r| r.body.clone()),
                        capaian_percent: capaian(i, value).map(|c| c.round_dp(2).to_string()),
                    }
                })
                .collect(),
        })
        .collect();
    let evidence = evidence::Entity::find()
        .filter(evidence::Column::PlanId.eq(m.plan_id))
        .order_by(evidence::Column::UploadedAt, Order::Asc)
        .all(db)
        .await?
        .into_iter()
        .map(|e| EvidenceInput {
            id: e.id,
            realization_id: e.realization_id,
            work_result_id: e.work_result_id,
            uri: e.uri,
            file_name: e.file_name,
            content_type: e.content_type,
            sha256: e.sha256,
            uploaded_at: e.uploaded_at,
        })
        .collect();
    // The inputs go to the appraiser, HR and auditors only: private notes included, marked.
    let continuous_feedback = continuous_feedback::Entity::find()
        .filter(continuous_feedback::Column::PlanId.eq(m.plan_id))
        .order_by(continuous_feedback::Column::CreatedAt, Order::Asc)
        .all(db)
        .await?
        .into_iter()
        .map(|f| FeedbackNoteInput {
            id: f.id,
            period_id: f.period_id,
            target_type: f.target_type,
            core_value: f.core_value,
            author_role: f.author_role,
            body: f.body,
            visibility: f.visibility,
            created_at: f.created_at,
        })
        .collect();
    let cyc = load_cycle(db, m.cycle_id).await?;
    let feedback_360 = crate::feedback360::aggregates_for_evaluation(
        db,
        m.id,
        &CyclePolicies::from_json(&cyc.policies),
    )
    .await?;
    Ok(RatingInputs {
        work_results,
        evidence,
        continuous_feedback,
        feedback_360,
    })
}

// ---------------------------------------------------------------------------------------
// The employee's moves
// ---------------------------------------------------------------------------------------

fn require_employee(actor: &Actor, m: &evaluation::Model, what: &str) -> ServiceResult<()> {
    if is_me(actor, Some(m.employee_id)) {
        Ok(())
    } else {
        Err(ServiceError::forbidden(format!(
            "Only the evaluated employee may {what}."
        )))
    }
}

/// The employee opens the evaluation to record realizations (not_started -> filling).
pub async fn start_evaluation(
    s: &Services,
    ctx: &Ctx,
    id: Uuid,
    if_match: Option<i32>,
) -> ServiceResult<EvaluationView> {
    let txn = s.db.begin_write().await?;
    let m = load_visible(&*txn, &ctx.actor, id).await?;
    require_employee(&ctx.actor, &m, "start their evaluation")?;
    check_optional_version(if_match, m.version)?;
    let next = state_of(&m)
        .transition(EvaluationAction::Start)
        .map_err(illegal)?;
    let mut am = m.clone().into_active_model();
    am.status = Set(next.as_str().to_owned());
    let after = save(&*txn, ctx, &m, am, "evaluation.start").await?;
    txn.commit().await?;
    Ok(EvaluationView::from(&after))
}

/// The employee hands in realizations and a self-assessment (filling -> awaiting_rating).
pub async fn submit_evaluation(
    s: &Services,
    ctx: &Ctx,
    id: Uuid,
    if_match: Option<i32>,
    req: SubmitEvaluation,
) -> ServiceResult<EvaluationView> {
    validate(&req)?;
    let txn = s.db.begin_write().await?;
    let m = load_visible(&*txn, &ctx.actor, id).await?;
    require_employee(&ctx.actor, &m, "submit their evaluation")?;
    check_optional_version(if_match, m.version)?;
    let next = state_of(&m)
        .transition(EvaluationAction::Submit)
        .map_err(illegal)?;
    let mut am = m.clone().into_active_model();
    am.status = Set(next.as_str().to_owned());
    am.self_assessment = Set(req.self_assessment.filter(|t| !t.trim().is_empty()));
    let after = save(&*txn, ctx, &m, am, "evaluation.submit").await?;
    txn.commit().await?;
    Ok(EvaluationView::from(&after))
}

/// The employee confirms receipt of the finalised result; the objection window starts.
pub async fn acknowledge_evaluation(
    s: &Services,
    ctx: &Ctx,
    id: Uuid,
) -> ServiceResult<EvaluationView> {
    let txn = s.db.begin_write().await?;
    let m = load_visible(&*txn, &ctx.actor, id).await?;
    require_employee(&ctx.actor, &m, "acknowledge receipt of their result")?;
    if m.received_at.is_some() {
        return Err(ServiceError::conflict(
            "already_acknowledged",
            "The receipt of this result was already acknowledged.",
        ));
    }
    if state_of(&m) != EvaluationState::Finalised {
        return Err(ServiceError::conflict(
            "illegal_transition",
            format!(
                "Only a finalised result can be acknowledged; this evaluation is {}.",
                m.status
            ),
        ));
    }
    let mut am = m.clone().into_active_model();
    am.received_at = Set(Some(now()));
    let after = save(&*txn, ctx, &m, am, "evaluation.acknowledge").await?;
    txn.commit().await?;
    Ok(EvaluationView::from(&after))
}

// ---------------------------------------------------------------------------------------
// The appraiser's moves
// ---------------------------------------------------------------------------------------

/// Guards shared by both rating requests: the plan's appraiser only (never the employee),
/// after the period unless the cycle allows early rating, from a state that allows Rate.
async fn rating_guard<C: ConnectionTrait>(
    db: &C,
    ctx: &Ctx,
    m: &evaluation::Model,
) -> ServiceResult<(period::Model, CyclePolicies, EvaluationState)> {
    if is_me(&ctx.actor, Some(m.employee_id)) {
        return Err(ServiceError::denied(
            "self_rating_not_allowed",
            "You cannot rate your own evaluation; your appraiser does.",
        ));
    }
    if !is_me(&ctx.actor, m.appraiser_employee_id) {
        return Err(ServiceError::forbidden(
            "Only the appraiser named in the plan rates this evaluation.",
        ));
    }
    let next = state_of(m)
        .transition(EvaluationAction::Rate)
        .map_err(illegal)?;
    let per = load_period(db, m.period_id).await?;
    let cyc = load_cycle(db, m.cycle_id).await?;
    let policies = CyclePolicies::from_json(&cyc.policies);
    if per.ends_on >= crate::assignments::today() && !policies.allow_early_rating {
        return Err(ServiceError::rule(
            "period_not_ended",
            format!(
                "The period {} ends on {}; rating opens the day after (this cycle does not allow early rating).",
                per.name, per.ends_on
            ),
        ));
    }
    Ok((per, policies, next))
}

/// Does the evaluated employee lead their unit? Decision (documented in docs): yes when their
/// position is structural (JPT, administrator, pengawas) and they are the appraiser of at
/// least one approved plan in the cycle for their unit or a unit below it.
pub(crate) async fn leads_unit<C: ConnectionTrait>(
    db: &C,
    m: &evaluation::Model,
) -> ServiceResult<bool> {
    let Some(unit_id) = m.unit_id else {
        return Ok(false);
    };
    let p = plan::Entity::find_by_id(m.plan_id).one(db).await?;
    let emp = employee::Entity::find_by_id(m.employee_id).one(db).await?;
    let position_id = p
        .and_then(|p| p.position_id)
        .or(emp.and_then(|e| e.position_id));
    let Some(position_id) = position_id else {
        return Ok(false);
    };
    let structural = position::Entity::find_by_id(position_id)
        .one(db)
        .await?
        .and_then(|p| PositionKind::parse(&p.kind))
        .is_some_and(PositionKind::is_structural);
    if !structural {
        return Ok(false);
    }
    let Some(u) = unit::Entity::find_by_id(unit_id).one(db).await? else {
        return Ok(false);
    };
    let appraised_units: Vec<Option<Uuid>> = plan::Entity::find()
        .select_only()
        .column(plan::Column::UnitId)
        .filter(plan::Column::CycleId.eq(m.cycle_id))
        .filter(plan::Column::AppraiserEmployeeId.eq(m.employee_id))
        .filter(plan::Column::Status.is_in(["approved", "in_appraisal"]))
        .into_tuple::<Option<Uuid>>()
        .all(db)
        .await?;
    let ids: Vec<Uuid> = appraised_units.into_iter().flatten().collect();
    if ids.is_empty() {
        return Ok(false);
    }
    let below = unit::Entity::find()
        .filter(unit::Column::Id.is_in(ids))
        .filter(unit::Column::Path.like(format!("{}%", u.path)))
        .count(db)
        .await?;
    Ok(below > 0)
}

async fn org_predicate<C: ConnectionTrait>(
    db: &C,
    unit_id: Uuid,
    period_id: Uuid,
) -> ServiceResult<Option<OrganisationPredicate>> {
    Ok(org_performance::Entity::find()
        .filter(org_performance::Column::UnitId.eq(unit_id))
        .filter(org_performance::Column::PeriodId.eq(period_id))
        .one(db)
        .await?
        .and_then(|o| parse_text(&o.predicate)))
}

fn needs_justification(r: Rating) -> bool {
    matches!(r, Rating::Above | Rating::Below)
}

fn blank(t: &Option<String>) -> bool {
    t.as_deref().is_none_or(|t| t.trim().is_empty())
}

/// The appraiser sets both ratings; the predicate is the kuadran of the two. A unit leader's
/// result rating is the unit's organisation predicate through the cycle's mapping.
pub async fn rate_evaluation(
    s: &Services,
    ctx: &Ctx,
    id: Uuid,
    if_match: Option<i32>,
    req: RateEvaluation,
) -> ServiceResult<EvaluationView> {
    validate(&req)?;
    let txn = s.db.begin_write().await?;
    let m = load_visible(&*txn, &ctx.actor, id).await?;
    crate::check_version(if_match, m.version)?;
    if Regime::parse(&m.regime).unwrap_or_default() != Regime::Pmpanrb6_2022 {
        return Err(ServiceError::conflict(
            "numeric_regime",
            "This evaluation is scored under a numeric regime: enter behaviour scores with PUT /evaluations/{id}/numeric-behaviour.",
        ));
    }
    let (_per, policies, next) = rating_guard(&*txn, ctx, &m).await?;
    if m.is_annual && policies.annual_result == AnnualResultPolicy::LastPeriod {
        return Err(ServiceError::conflict(
            "annual_from_last_period",
            "This cycle takes the annual ratings from the last period (LAST_PERIOD, PermenPANRB 6/2022 practice): rate the periods, then HR scores the cycle (POST /cycles/{id}/score).",
        ));
    }
    let result = if leads_unit(&*txn, &m).await? {
        let unit_id = m.unit_id.unwrap_or_default();
        let org = org_predicate(&*txn, unit_id, m.period_id).await?.ok_or_else(|| {
            ServiceError::rule(
                "organisation_predicate_missing",
                "The evaluated employee leads the unit, so the result rating is the unit's organisation predicate (SE MenPANRB 3/2023); it has not been set for this period yet.",
            )
        })?;
        let mapped = policies.leader_result_mapping.rating_for(org);
        if let Some(given) = req.result_rating.filter(|g| *g != mapped) {
            return Err(ServiceError::field(
                "result_rating",
                "leader_result_from_organisation",
                format!(
                    "The employee leads the unit: the result rating follows from the organisation predicate {} and is {}; {} cannot be set.",
                    org.label_id(),
                    mapped.label_id(),
                    given.label_id()
                ),
            ));
        }
        mapped
    } else {
        req.result_rating.ok_or_else(|| {
            ServiceError::field("result_rating", "required", "Give the result rating.")
        })?
    };
    let mut errors = Vec::new();
    if needs_justification(result) && blank(&req.result_justification) {
        errors.push(FieldError::new(
            "result_justification",
            "required",
            "A result rating above or below expectation needs a justification.",
        ));
    }
    if needs_justification(req.behaviour_rating) && blank(&req.behaviour_justification) {
        errors.push(FieldError::new(
            "behaviour_justification",
            "required",
            "A behaviour rating above or below expectation needs a justification.",
        ));
    }
    if !errors.is_empty() {
        return Err(ServiceError::Validation(errors));
    }
    let predicate = kuadran(result, req.behaviour_rating);
    let mut am = m.clone().into_active_model();
    am.status = Set(next.as_str().to_owned());
    am.result_rating = Set(Some(text_of(result)));
    am.behaviour_rating = Set(Some(text_of(req.behaviour_rating)));
    am.predicate = Set(Some(text_of(predicate)));
    am.calibrated_predicate = Set(None);
    am.result_justification = Set(req.result_justification.filter(|t| !t.trim().is_empty()));
    am.behaviour_justification = Set(req.behaviour_justification.filter(|t| !t.trim().is_empty()));
    am.appraiser_note = Set(req.appraiser_note);
    am.has_innovation = Set(req.has_innovation);
    am.innovation_note = Set(req.innovation_note);
    am.rated_at = Set(Some(now()));
    am.rated_by = Set(Some(ctx.actor.label.clone()));
    let after = save(&*txn, ctx, &m, am, "evaluation.rate").await?;
    txn.commit().await?;
    Ok(EvaluationView::from(&after))
}

/// The appraiser enters the behaviour scores of a numeric regime; the evaluation is scored
/// at once from the plan's indicators and the period's realizations.
pub async fn rate_numeric_behaviour(
    s: &Services,
    ctx: &Ctx,
    id: Uuid,
    if_match: Option<i32>,
    req: NumericBehaviour,
) -> ServiceResult<EvaluationView> {
    validate(&req)?;
    let txn = s.db.begin_write().await?;
    let m = load_visible(&*txn, &ctx.actor, id).await?;
    crate::check_version(if_match, m.version)?;
    let regime = Regime::parse(&m.regime).unwrap_or_default();
    if regime == Regime::Pmpanrb6_2022 {
        return Err(ServiceError::conflict(
            "not_numeric_regime",
            "This evaluation uses the PermenPANRB 6/2022 ratings: use PUT /evaluations/{id}/rating.",
        ));
    }
    let (_per, policies, next) = rating_guard(&*txn, ctx, &m).await?;
    let structural = {
        let p = plan::Entity::find_by_id(m.plan_id).one(&*txn).await?;
        let e = employee::Entity::find_by_id(m.employee_id)
            .one(&*txn)
            .await?;
        match p
            .and_then(|p| p.position_id)
            .or(e.and_then(|e| e.position_id))
        {
            Some(pid) => position::Entity::find_by_id(pid)
                .one(&*txn)
                .await?
                .and_then(|p| PositionKind::parse(&p.kind))
                .is_some_and(PositionKind::is_structural),
            None => false,
        }
    };
    check_behaviour(regime, &req, structural)?;
    let data = NumericData::load(&*txn, &[(m.id, m.plan_id, m.period_id)]).await?;
    let inputs = data.inputs_for(m.plan_id, m.period_id);
    let scored = score_numeric(regime, &policies, &inputs, &req, req.has_innovation)
        .map_err(|msg| ServiceError::rule("numeric_inputs_incomplete", msg))?;
    let mut am = m.clone().into_active_model();
    am.status = Set(next.as_str().to_owned());
    am.numeric_snapshot = Set(Some(scored.snapshot.to_string()));
    am.predicate = Set(Some(text_of(scored.predicate)));
    am.calibrated_predicate = Set(None);
    am.has_innovation = Set(req.has_innovation);
    am.innovation_note = Set(req.innovation_note.clone());
    am.appraiser_note = Set(req.appraiser_note.clone());
    am.rated_at = Set(Some(now()));
    am.rated_by = Set(Some(ctx.actor.label.clone()));
    let after = save(&*txn, ctx, &m, am, "evaluation.rate_numeric").await?;
    txn.commit().await?;
    Ok(EvaluationView::from(&after))
}

fn check_behaviour(regime: Regime, b: &NumericBehaviour, structural: bool) -> ServiceResult<()> {
    let max = if regime == Regime::Pp46_2011 {
        100
    } else {
        120
    };
    let mut errors = Vec::new();
    let mut range = |field: &str, v: Option<Decimal>| {
        if let Some(v) = v
            && (v < Decimal::ZERO || v > Decimal::from(max))
        {
            errors.push(FieldError::new(
                field,
                "range",
                format!("Must be between 0 and {max}."),
            ));
        }
    };
    range("orientasi_pelayanan", Some(b.orientasi_pelayanan));
    range("komitmen", Some(b.komitmen));
    range("kerja_sama", Some(b.kerja_sama));
    range("integritas", b.integritas);
    range("disiplin", b.disiplin);
    range("inisiatif_kerja", b.inisiatif_kerja);
    range("kepemimpinan", b.kepemimpinan);
    let mut need = |field: &str, v: Option<Decimal>, required: bool| match (v.is_some(), required) {
        (false, true) => errors.push(FieldError::new(
            field,
            "required",
            "Required under this regime.",
        )),
        (true, false) => errors.push(FieldError::new(
            field,
            "not_applicable",
            "Not scored under this regime or for this position.",
        )),
        _ => {}
    };
    let pp46 = regime == Regime::Pp46_2011;
    need("integritas", b.integritas, pp46);
    need("disiplin", b.disiplin, pp46);
    need("inisiatif_kerja", b.inisiatif_kerja, !pp46);
    need("kepemimpinan", b.kepemimpinan, structural);
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ServiceError::Validation(errors))
    }
}

// ---------------------------------------------------------------------------------------
// Numeric regimes
// ---------------------------------------------------------------------------------------

/// The plan's indicators with the period's realizations, as the numeric formulas take them.
#[derive(Debug, Clone, Default)]
pub(crate) struct NumericInputs {
    /// (work result id, kind, indicators (aspect, direction, min, max, is_max, realization)).
    pub results: Vec<(Uuid, String, Vec<IndicatorFact>)>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct IndicatorFact {
    pub indicator_id: Uuid,
    pub aspect: String,
    pub direction: String,
    pub target_min: Option<String>,
    pub target_max: Option<String>,
    pub is_target_maximum: bool,
    pub realization: Option<String>,
}

/// Bulk-loaded work results, indicators and realizations for many evaluations.
#[derive(Default)]
pub(crate) struct NumericData {
    results_by_plan: HashMap<Uuid, Vec<work_result::Model>>,
    indicators_by_result: HashMap<Uuid, Vec<indicator::Model>>,
    realization: HashMap<(Uuid, Uuid), Option<String>>,
}

impl NumericData {
    /// Loads in chunks of at most [`CHUNK`] ids: a handful of queries whatever the count.
    pub(crate) async fn load<C: ConnectionTrait>(
        db: &C,
        evals: &[(Uuid, Uuid, Uuid)],
    ) -> ServiceResult<Self> {
        let mut data = NumericData::default();
        let plan_ids: Vec<Uuid> = evals
            .iter()
            .map(|e| e.1)
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        let period_ids: Vec<Uuid> = evals
            .iter()
            .map(|e| e.2)
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        let mut result_ids = Vec::new();
        for chunk in plan_ids.chunks(CHUNK) {
            for w in work_result::Entity::find()
                .filter(work_result::Column::PlanId.is_in(chunk.to_vec()))
                .order_by(work_result::Column::Seq, Order::Asc)
                .all(db)
                .await?
            {
                result_ids.push(w.id);
                data.results_by_plan.entry(w.plan_id).or_default().push(w);
            }
        }
        let mut indicator_ids = Vec::new();
        for chunk in result_ids.chunks(CHUNK) {
            for i in indicator::Entity::find()
                .filter(indicator::Column::WorkResultId.is_in(chunk.to_vec()))
                .order_by(indicator::Column::Seq, Order::Asc)
                .all(db)
                .await?
            {
                indicator_ids.push(i.id);
                data.indicators_by_result
                    .entry(i.work_result_id)
                    .or_default()
                    .push(i);
            }
        }
        for chunk in indicator_ids.chunks(CHUNK) {
            let rows: Vec<(Uuid, Uuid, Option<String>)> = realization::Entity::find()
                .select_only()
                .column(realization::Column::IndicatorId)
                .column(realization::Column::PeriodId)
                .column(realization::Column::Value)
                .filter(realization::Column::IndicatorId.is_in(chunk.to_vec()))
                .filter(realization::Column::PeriodId.is_in(period_ids.clone()))
                .into_tuple()
                .all(db)
                .await?;
            for (ind, per, value) in rows {
                data.realization.insert((ind, per), value);
            }
        }
        Ok(data)
    }

    pub(crate) fn inputs_for(&self, plan_id: Uuid, period_id: Uuid) -> NumericInputs {
        let results = self
            .results_by_plan
            .get(&plan_id)
            .map(|wrs| {
                wrs.iter()
                    .map(|w| {
                        let facts = self
                            .indicators_by_result
                            .get(&w.id)
                            .map(|inds| {
                                inds.iter()
                                    .map(|i| IndicatorFact {
                                        indicator_id: i.id,
                                        aspect: i.aspect.clone(),
                                        direction: i.direction.clone(),
                                        target_min: i.target_min.clone(),
                                        target_max: i.target_max.clone(),
                                        is_target_maximum: i.is_target_maximum,
                                        realization: self
                                            .realization
                                            .get(&(i.id, period_id))
                                            .cloned()
                                            .flatten(),
                                    })
                                    .collect()
                            })
                            .unwrap_or_default();
                        (w.id, w.kind.clone(), facts)
                    })
                    .collect()
            })
            .unwrap_or_default();
        NumericInputs { results }
    }
}

pub(crate) struct NumericScore {
    pub snapshot: serde_json::Value,
    pub predicate: EmployeePredicate,
}

/// Weight (bobot lingkup penugasan, percent) of an additional work result: the plan does not
/// record it, so PermenPANRB 8/2021 tambahan are counted at 10% each (total capped at 10).
const TAMBAHAN_BOBOT_PERCENT: i64 = 10;

fn round2(d: Decimal) -> String {
    d.round_dp(2).normalize().to_string()
}

/// Scores one evaluation under a numeric regime with the domain formulas and returns the
/// snapshot (inputs, steps, label) and the five-level predicate it maps to. PP 30/2019
/// "Cukup" and PP 46/2011 "Cukup" map to Butuh Perbaikan ("Butuh Perbaikan/Cukup", SE
/// MenPANRB 3/2023), PP 46/2011 "Buruk" to Sangat Kurang.
pub(crate) fn score_numeric(
    regime: Regime,
    policies: &CyclePolicies,
    inputs: &NumericInputs,
    behaviour: &NumericBehaviour,
    has_innovation: bool,
) -> Result<NumericScore, String> {
    use serde_json::json;
    match regime {
        Regime::Pmpanrb8_2021 => {
            let scale = &policies.numeric.capaian_scale;
            let mut utama = Vec::new();
            let mut tambahan = Vec::new();
            let mut steps = Vec::new();
            for (wr_id, kind, facts) in &inputs.results {
                let mut nilai = Vec::new();
                for f in facts {
                    let (Some(min), Some(value)) = (
                        dec(&f.target_min).or_else(|| dec(&f.target_max)),
                        dec(&f.realization),
                    ) else {
                        continue;
                    };
                    let max = dec(&f.target_max).unwrap_or(min);
                    let cap = pp30::capaian_iki(direction_of(&f.direction), min, max, value)
                        .map_err(|e| format!("Indicator {}: {e}.", f.indicator_id))?;
                    let n = pp30::nilai_capaian_iki(cap, f.is_target_maximum, scale);
                    steps.push(
                        json!({"indicator_id": f.indicator_id, "capaian_percent": round2(cap),
                        "category": n.category.label_id(), "nilai": round2(n.nilai)}),
                    );
                    nilai.push(n.nilai);
                }
                if nilai.is_empty() {
                    continue;
                }
                let mean = nilai.iter().sum::<Decimal>() / Decimal::from(nilai.len());
                if kind == "additional" {
                    let category =
                        pp30::nilai_capaian_iki(mean.min(Decimal::from(110)), false, scale)
                            .category;
                    let cat = if mean > Decimal::from(110) {
                        pp30::Pp30Predicate::VeryGood
                    } else {
                        category
                    };
                    tambahan.push(pp30::tambahan_weighted(
                        cat,
                        Decimal::from(TAMBAHAN_BOBOT_PERCENT),
                        mean,
                    ));
                } else {
                    utama.push((mean, Decimal::ONE));
                }
                steps.push(json!({"work_result_id": wr_id, "kind": kind, "nilai": round2(mean)}));
            }
            let ku = pp30::nilai_kinerja_utama(&utama).ok_or(
                "No main work result has a numeric target with a realization for this period.",
            )?;
            let skp = pp30::nilai_skp(ku, &tambahan);
            let mut aspects = vec![
                behaviour.orientasi_pelayanan,
                behaviour.komitmen,
                behaviour.kerja_sama,
            ];
            aspects.extend(behaviour.inisiatif_kerja);
            aspects.extend(behaviour.kepemimpinan);
            let perilaku = aspects.iter().sum::<Decimal>() / Decimal::from(aspects.len());
            let weighting = policies.numeric.behaviour_weighting;
            let nilai = pp30::nilai_kinerja(skp, perilaku, weighting);
            let label = pp30::predikat(nilai, has_innovation, &policies.numeric.predicate_bounds);
            let predicate = match label {
                pp30::Pp30Predicate::VeryGood => EmployeePredicate::VeryGood,
                pp30::Pp30Predicate::Good => EmployeePredicate::Good,
                pp30::Pp30Predicate::Fair => EmployeePredicate::NeedsImprovement,
                pp30::Pp30Predicate::Poor => EmployeePredicate::Poor,
                pp30::Pp30Predicate::VeryPoor => EmployeePredicate::VeryPoor,
            };
            Ok(NumericScore {
                snapshot: json!({
                    "regime": regime.as_str(),
                    "inputs": {"work_results": inputs.results.iter().map(|(id, kind, f)| json!({"id": id, "kind": kind, "indicators": f})).collect::<Vec<_>>(),
                               "behaviour": behaviour, "has_innovation": has_innovation},
                    "steps": steps,
                    "nilai_kinerja_utama": round2(ku),
                    "nilai_tambahan": tambahan.iter().map(|t| round2(*t)).collect::<Vec<_>>(),
                    "nilai_skp": round2(skp),
                    "nilai_perilaku": round2(perilaku),
                    "behaviour_weighting": weighting,
                    "nilai_kinerja": round2(nilai),
                    "label": label.label_id(),
                    "predicate": predicate,
                }),
                predicate,
            })
        }
        Regime::Pp46_2011 => {
            let mut activities = Vec::new();
            let mut steps = Vec::new();
            for (wr_id, kind, facts) in &inputs.results {
                if kind == "additional" {
                    continue;
                }
                let mut a = Activity::default();
                for f in facts {
                    let (Some(t), Some(r)) = (
                        dec(&f.target_max).or_else(|| dec(&f.target_min)),
                        dec(&f.realization),
                    ) else {
                        continue;
                    };
                    let pair = Some(AspectPair::new(t, r));
                    match f.aspect.as_str() {
                        "quantity" => a.quantity = pair,
                        "quality" => a.quality = pair,
                        "time" => a.time = pair,
                        "cost" => a.cost = pair,
                        _ => {}
                    }
                }
                if let Some(score) = pp46::activity_score(&a) {
                    steps.push(json!({"work_result_id": wr_id, "score": {
                        "quantity": score.quantity.map(round2), "quality": score.quality.map(round2),
                        "time": score.time.map(round2), "cost": score.cost.map(round2),
                        "total": round2(score.total), "nilai": round2(score.nilai)}}));
                    activities.push(a);
                }
            }
            let additional = inputs
                .results
                .iter()
                .filter(|r| r.1 == "additional")
                .count() as u32;
            let skp = pp46::nilai_skp(&activities, additional, None, &policies.numeric.pp46_bonus)
                .map_err(|e| {
                    format!("{e}: no kegiatan has a target with a realization for this period.")
                })?;
            let b = Pp46Behaviour {
                orientasi_pelayanan: behaviour.orientasi_pelayanan,
                integritas: behaviour.integritas.unwrap_or_default(),
                komitmen: behaviour.komitmen,
                disiplin: behaviour.disiplin.unwrap_or_default(),
                kerja_sama: behaviour.kerja_sama,
                kepemimpinan: behaviour.kepemimpinan,
            };
            let totals = b
                .totals(behaviour.kepemimpinan.is_some())
                .map_err(|e| e.to_string())?;
            let nilai = pp46::nilai_prestasi(skp, totals.rata_rata);
            let label = pp46::sebutan(nilai);
            let predicate = match label {
                pp46::Pp46Rating::VeryGood => EmployeePredicate::VeryGood,
                pp46::Pp46Rating::Good => EmployeePredicate::Good,
                pp46::Pp46Rating::Fair => EmployeePredicate::NeedsImprovement,
                pp46::Pp46Rating::Poor => EmployeePredicate::Poor,
                pp46::Pp46Rating::Bad => EmployeePredicate::VeryPoor,
            };
            Ok(NumericScore {
                snapshot: json!({
                    "regime": regime.as_str(),
                    "inputs": {"work_results": inputs.results.iter().map(|(id, kind, f)| json!({"id": id, "kind": kind, "indicators": f})).collect::<Vec<_>>(),
                               "behaviour": behaviour, "additional_tasks": additional},
                    "steps": steps,
                    "nilai_skp": round2(skp),
                    "perilaku_jumlah": round2(totals.jumlah),
                    "nilai_perilaku": round2(totals.rata_rata),
                    "nilai_prestasi_kerja": round2(nilai),
                    "label": label.label_id(),
                    "predicate": predicate,
                }),
                predicate,
            })
        }
        Regime::Pmpanrb6_2022 => {
            Err("The PermenPANRB 6/2022 regime has no numeric score.".to_owned())
        }
    }
}

// ---------------------------------------------------------------------------------------
// Explanation
// ---------------------------------------------------------------------------------------

const KUADRAN_CITATION: &str = "PermenPANRB 6/2022, Lampiran: Kuadran Kinerja Pegawai";

fn rating_en(r: Rating) -> &'static str {
    match r {
        Rating::Above => "above expectation",
        Rating::Meets => "meets expectation",
        Rating::Below => "below expectation",
    }
}

fn rule_id(rule: KuadranRule) -> &'static str {
    match rule {
        KuadranRule::BothBelow => {
            "Hasil kerja dan perilaku kerja sama-sama Di Bawah Ekspektasi, sehingga predikatnya Sangat Kurang."
        }
        KuadranRule::BehaviourBelow => {
            "Perilaku kerja Di Bawah Ekspektasi tidak pernah menghasilkan predikat lebih baik dari Kurang/Misconduct, apa pun hasil kerjanya."
        }
        KuadranRule::ResultBelow => {
            "Hasil kerja Di Bawah Ekspektasi tidak pernah menghasilkan predikat lebih baik dari Butuh Perbaikan."
        }
        KuadranRule::BothAbove => {
            "Hanya hasil kerja dan perilaku kerja yang sama-sama Di Atas Ekspektasi menghasilkan Sangat Baik."
        }
        KuadranRule::NeitherBelow => {
            "Hasil kerja dan perilaku kerja tidak ada yang di bawah ekspektasi, tetapi tidak keduanya di atas, sehingga predikatnya Baik."
        }
    }
}

fn rule_name(rule: KuadranRule) -> &'static str {
    match rule {
        KuadranRule::BothBelow => "kuadran.both_below",
        KuadranRule::BehaviourBelow => "kuadran.behaviour_below",
        KuadranRule::ResultBelow => "kuadran.result_below",
        KuadranRule::BothAbove => "kuadran.both_above",
        KuadranRule::NeitherBelow => "kuadran.neither_below",
    }
}

/// Why the evaluation has its predicate: inputs, the rules applied with their citations and a
/// summary in Indonesian and English. The evaluated employee reads it only once rated.
pub async fn explain_evaluation(s: &Services, ctx: &Ctx, id: Uuid) -> ServiceResult<Explanation> {
    use serde_json::json;
    let db = s.db.conn();
    let m = load_visible(db, &ctx.actor, id).await?;
    let state = state_of(&m);
    let rated = !matches!(
        state,
        EvaluationState::NotStarted | EvaluationState::Filling | EvaluationState::AwaitingRating
    );
    if !rated {
        return Err(ServiceError::conflict(
            "not_rated_yet",
            "There is nothing to explain yet: the appraiser has not rated this evaluation.",
        ));
    }
    let regime = Regime::parse(&m.regime).unwrap_or_default();
    let effective = effective_predicate(&m);
    let mut steps = Vec::new();
    let inputs;
    let (mut summary_id, mut summary_en);
    if regime == Regime::Pmpanrb6_2022 {
        let (Some(result), Some(behaviour)) = (
            opt_rating(&m.result_rating),
            opt_rating(&m.behaviour_rating),
        ) else {
            return Err(ServiceError::conflict(
                "not_rated_yet",
                "The ratings are incomplete.",
            ));
        };
        inputs = json!({
            "result_rating": result, "behaviour_rating": behaviour,
            "result_justification": m.result_justification, "behaviour_justification": m.behaviour_justification,
            "has_innovation": m.has_innovation,
        });
        if leads_unit(db, &m).await? {
            let org = match m.unit_id {
                Some(u) => org_predicate(db, u, m.period_id).await?,
                None => None,
            };
            steps.push(ExplanationStep {
                rule: "leader_result_mapping".into(),
                citation: "SE MenPANRB 3/2023: capaian kinerja organisasi menjadi rating hasil kerja pimpinan unit".into(),
                outcome: match org {
                    Some(o) => format!("Organisation predicate {} gives the result rating {}.", o.label_id(), result.label_id()),
                    None => format!("The result rating {} was taken from the organisation predicate.", result.label_id()),
                },
            });
        }
        if m.rated_by.as_deref() == Some("last_period") {
            steps.push(ExplanationStep {
                rule: "annual.last_period".into(),
                citation: "PermenPANRB 6/2022 (evaluasi periodik dan tahunan); kebijakan instansi LAST_PERIOD".into(),
                outcome: "The annual ratings are those of the last rated period of the plan.".into(),
            });
        }
        let rule = kuadran_rule(result, behaviour);
        let predicate = rule.predicate();
        steps.push(ExplanationStep {
            rule: rule_name(rule).into(),
            citation: KUADRAN_CITATION.into(),
            outcome: format!("{} -> {}", rule.explanation(), predicate.label_id()),
        });
        summary_id = format!(
            "Predikat Anda {} karena rating hasil kerja Anda {} dan rating perilaku kerja Anda {}. {}",
            predicate.label_id(),
            result.label_id(),
            behaviour.label_id(),
            rule_id(rule)
        );
        summary_en = format!(
            "Your predicate is {} because your result rating is {} ({}) and your behaviour rating is {} ({}). {}",
            predicate.label_id(),
            result.label_id(),
            rating_en(result),
            behaviour.label_id(),
            rating_en(behaviour),
            rule.explanation()
        );
    } else {
        let snap: serde_json::Value = m
            .numeric_snapshot
            .as_deref()
            .and_then(|t| serde_json::from_str(t).ok())
            .unwrap_or(serde_json::Value::Null);
        inputs = snap["inputs"].clone();
        let (citation, value_key) = if regime == Regime::Pp46_2011 {
            (
                "PP 46/2011 jo PerkaBKN 1/2013: nilai prestasi kerja = 60% SKP + 40% perilaku",
                "nilai_prestasi_kerja",
            )
        } else {
            (
                "PP 30/2019 jo PermenPANRB 8/2021: nilai kinerja = SKP dan perilaku berbobot",
                "nilai_kinerja",
            )
        };
        for step in snap["steps"].as_array().into_iter().flatten() {
            steps.push(ExplanationStep {
                rule: if step.get("indicator_id").is_some() {
                    "capaian_iki".into()
                } else {
                    "nilai_hasil_kerja".into()
                },
                citation: citation.into(),
                outcome: step.to_string(),
            });
        }
        let value = snap[value_key].as_str().unwrap_or("-").to_owned();
        let label = snap["label"].as_str().unwrap_or("-").to_owned();
        steps.push(ExplanationStep {
            rule: "predikat".into(),
            citation: citation.into(),
            outcome: format!("{value_key} {value} -> {label}"),
        });
        summary_id = format!("Nilai Anda {value} dengan sebutan {label}, menurut {citation}.");
        summary_en = format!("Your score is {value}, labelled {label}, under {citation}.");
    }
    if let (Some(cal), Some(orig)) = (
        opt_predicate(&m.calibrated_predicate),
        opt_predicate(&m.predicate),
    ) && cal != orig
    {
        steps.push(ExplanationStep {
            rule: "calibration".into(),
            citation:
                "SE MenPANRB 3/2023: penetapan predikat dengan mempertimbangkan pola distribusi"
                    .into(),
            outcome: format!("Calibrated from {} to {}.", orig.label_id(), cal.label_id()),
        });
        summary_id.push_str(&format!(
            " Setelah kalibrasi, predikat ditetapkan {}.",
            cal.label_id()
        ));
        summary_en.push_str(&format!(
            " After calibration the predicate was set to {}.",
            cal.label_id()
        ));
    }
    Ok(Explanation {
        evaluation_id: m.id,
        regime,
        inputs,
        steps,
        predicate: effective,
        summary_id,
        summary_en,
    })
}

// ---------------------------------------------------------------------------------------
// Batch score of a cycle
// ---------------------------------------------------------------------------------------

/// Scores every rated evaluation of the cycle, set-based (HR).
pub async fn score_cycle(s: &Services, ctx: &Ctx, cycle_id: Uuid) -> ServiceResult<ScoreSummary> {
    let cyc = load_cycle(s.db.conn(), cycle_id).await?;
    require_hr_writer(&ctx.actor, cyc.agency_id, "cycle")?;
    score_cycle_as(&s.db, ctx, cycle_id).await
}

/// One evaluation the score changed, for its audit entry.
#[derive(Debug, Clone)]
pub(crate) struct ScoreChange {
    pub evaluation_id: Uuid,
    pub employee_id: Uuid,
    pub before: serde_json::Value,
    pub after: serde_json::Value,
}

/// Scores the cycle for `ctx` without an authorization check (the caller checked, or it is
/// the system): one transaction, one audit entry per evaluation whose ratings or predicate
/// changed (in its employee's trail), and a summary entry on the cycle.
pub async fn score_cycle_as(
    db: &crate::Db,
    ctx: &Ctx,
    cycle_id: Uuid,
) -> ServiceResult<ScoreSummary> {
    let txn = db.begin_write().await?;
    let cyc = load_cycle(&*txn, cycle_id).await?;
    let (summary, changes) = score_cycle_in(&*txn, cycle_id).await?;
    let mut entries: Vec<Change> = changes
        .into_iter()
        .map(|c| Change {
            subject_employee_id: Some(c.employee_id),
            agency_id: Some(cyc.agency_id),
            action: "evaluation.score",
            entity_type: "evaluation",
            entity_id: c.evaluation_id.to_string(),
            before: Some(c.before),
            after: Some(c.after),
        })
        .collect();
    entries.push(Change {
        subject_employee_id: None,
        agency_id: Some(cyc.agency_id),
        action: "cycle.score",
        entity_type: "cycle",
        entity_id: cycle_id.to_string(),
        before: None,
        after: audit::snapshot(&summary),
    });
    audit::record_many(&*txn, ctx, entries).await?;
    txn.commit().await?;
    Ok(summary)
}

/// (id, plan, period, has_innovation, numeric_snapshot, predicate) of a numeric evaluation.
type NumericRow = (Uuid, Uuid, Uuid, bool, Option<String>, Option<String>, Uuid);

/// The set-based core. PermenPANRB 6/2022: the predicate depends only on the two ratings, so
/// one UPDATE per kuadran cell (9 statements) rewrites every rated evaluation whose stored
/// predicate differs. Numeric regimes: bulk-load evaluations, then work results, indicators
/// and realizations by chunks of ids, score in memory with the domain formulas, and write the
/// snapshots back with chunked multi-row `UPDATE ... SET col = CASE id WHEN ... END`.
pub(crate) async fn score_cycle_in<C: ConnectionTrait>(
    db: &C,
    cycle_id: Uuid,
) -> ServiceResult<(ScoreSummary, Vec<ScoreChange>)> {
    let mut changes: Vec<ScoreChange> = Vec::new();
    let started = std::time::Instant::now();
    let cyc = load_cycle(db, cycle_id).await?;
    let regime = Regime::parse(&cyc.regime).unwrap_or_default();
    let policies = CyclePolicies::from_json(&cyc.policies);
    let at = now();
    let rated = EvaluationState::Rated.as_str();
    let considered = evaluation::Entity::find()
        .filter(evaluation::Column::CycleId.eq(cycle_id))
        .filter(evaluation::Column::Status.eq(rated))
        .count(db)
        .await?;
    let mut updated = 0u64;
    let mut incomplete = 0u64;
    // A unit head's result rating follows the unit's organisation predicate, which may have
    // changed since they were rated.
    if regime == Regime::Pmpanrb6_2022 {
        for c in rederive_leaders(db, cycle_id, None).await? {
            updated += 1;
            changes.push(ScoreChange {
                evaluation_id: c.evaluation_id,
                employee_id: c.employee_id,
                before: serde_json::json!({"result_rating": c.before.0}),
                after: serde_json::json!({"result_rating": c.after.0, "predicate": c.after.1,
                    "reason": "The unit's organisation predicate sets its head's result rating."}),
            });
        }
    }
    // PermenPANRB 6/2022: one UPDATE whose CASE lists the nine kuadran cells, each computed
    // by kinerja_domain::rating::kuadran, touching only rows whose stored predicate differs.
    let mut case = String::from("CASE");
    for result in Rating::ALL {
        for behaviour in Rating::ALL {
            case.push_str(&format!(
                " WHEN result_rating = '{}' AND behaviour_rating = '{}' THEN '{}'",
                text_of(result),
                text_of(behaviour),
                text_of(kuadran(result, behaviour))
            ));
        }
    }
    case.push_str(" END");
    // The rows about to change, read first for their audit entries (none in the steady state).
    let mut pick = MultiUpdate::new(db.get_database_backend());
    let cycle_q = pick.param(Value::from(cycle_id));
    let rated_q = pick.param(Value::from(rated));
    let regime_q = pick.param(Value::from(Regime::Pmpanrb6_2022.as_str()));
    let stale = db
        .query_all_raw(pick.statement(format!(
            "SELECT id, employee_id, result_rating, behaviour_rating, predicate FROM evaluations \
             WHERE cycle_id = {cycle_q} AND status = {rated_q} AND regime = {regime_q} \
             AND result_rating IS NOT NULL AND behaviour_rating IS NOT NULL \
             AND (predicate IS NULL OR predicate <> {case})"
        )))
        .await?;
    for row in stale {
        let (r, b) = (
            row.try_get::<String>("", "result_rating")?,
            row.try_get::<String>("", "behaviour_rating")?,
        );
        let (Some(rr), Some(bb)) = (parse_text::<Rating>(&r), parse_text::<Rating>(&b)) else {
            continue;
        };
        changes.push(ScoreChange {
            evaluation_id: row.try_get::<Uuid>("", "id")?,
            employee_id: row.try_get::<Uuid>("", "employee_id")?,
            before: serde_json::json!({"predicate": row.try_get::<Option<String>>("", "predicate")?}),
            after: serde_json::json!({"predicate": text_of(kuadran(rr, bb)), "result_rating": r, "behaviour_rating": b}),
        });
    }
    let mut sql = MultiUpdate::new(db.get_database_backend());
    let at_p = sql.param(Value::from(at));
    let cycle_p = sql.param(Value::from(cycle_id));
    let rated_p = sql.param(Value::from(rated));
    let regime_p = sql.param(Value::from(Regime::Pmpanrb6_2022.as_str()));
    let text = format!(
        "UPDATE evaluations SET predicate = {case}, version = version + 1, updated_at = {at_p} \
         WHERE cycle_id = {cycle_p} AND status = {rated_p} AND regime = {regime_p} \
         AND result_rating IS NOT NULL AND behaviour_rating IS NOT NULL \
         AND (predicate IS NULL OR predicate <> {case})"
    );
    updated += db.execute_raw(sql.statement(text)).await?.rows_affected();
    if regime != Regime::Pmpanrb6_2022 {
        let rows: Vec<NumericRow> = evaluation::Entity::find()
            .select_only()
            .column(evaluation::Column::Id)
            .column(evaluation::Column::PlanId)
            .column(evaluation::Column::PeriodId)
            .column(evaluation::Column::HasInnovation)
            .column(evaluation::Column::NumericSnapshot)
            .column(evaluation::Column::Predicate)
            .column(evaluation::Column::EmployeeId)
            .filter(evaluation::Column::CycleId.eq(cycle_id))
            .filter(evaluation::Column::Status.eq(rated))
            .filter(evaluation::Column::Regime.eq(regime.as_str()))
            .into_tuple()
            .all(db)
            .await?;
        for chunk in rows.chunks(CHUNK) {
            let keys: Vec<(Uuid, Uuid, Uuid)> = chunk.iter().map(|r| (r.0, r.1, r.2)).collect();
            let data = NumericData::load(db, &keys).await?;
            let mut writes: Vec<(Uuid, String, String)> = Vec::new();
            for (id, plan_id, period_id, innovation, snapshot, predicate, employee_id) in chunk {
                let behaviour: Option<NumericBehaviour> = snapshot
                    .as_deref()
                    .and_then(|t| serde_json::from_str::<serde_json::Value>(t).ok())
                    .and_then(|v| serde_json::from_value(v["inputs"]["behaviour"].clone()).ok());
                let Some(behaviour) = behaviour else {
                    incomplete += 1;
                    continue;
                };
                match score_numeric(
                    regime,
                    &policies,
                    &data.inputs_for(*plan_id, *period_id),
                    &behaviour,
                    *innovation,
                ) {
                    Ok(score) => {
                        let text = score.snapshot.to_string();
                        let pred = text_of(score.predicate);
                        if snapshot.as_deref() != Some(text.as_str())
                            || predicate.as_deref() != Some(pred.as_str())
                        {
                            changes.push(ScoreChange {
                                evaluation_id: *id,
                                employee_id: *employee_id,
                                before: serde_json::json!({"predicate": predicate}),
                                after: serde_json::json!({"predicate": pred, "numeric_snapshot": score.snapshot}),
                            });
                            writes.push((*id, text, pred));
                        }
                    }
                    Err(_) => incomplete += 1,
                }
            }
            for w in writes.chunks(UPDATE_CHUNK) {
                updated += update_snapshots(db, w, at).await?;
            }
        }
    }
    if regime == Regime::Pmpanrb6_2022 && policies.annual_result == AnnualResultPolicy::LastPeriod {
        let annual = annual_from_last_period(db, cycle_id, at).await?;
        updated += annual.len() as u64;
        changes.extend(annual);
    }
    let counts = predicate_counts(db, evaluation::Column::CycleId, cycle_id).await?;
    Ok((
        ScoreSummary {
            cycle_id,
            regime,
            considered,
            updated,
            incomplete,
            counts,
            duration_ms: started.elapsed().as_millis() as u64,
        },
        changes,
    ))
}

/// (id, plan, result rating, behaviour rating, status) of an annual evaluation.
type AnnualRow = (Uuid, Uuid, Option<String>, Option<String>, String, Uuid);

/// LAST_PERIOD (domain.md 1.6): annual evaluations awaiting or holding a rating take the
/// ratings of their plan's last rated period, chosen by `kinerja_domain::annual`. Bulk-loaded
/// and written back with chunked CASE updates.
async fn annual_from_last_period<C: ConnectionTrait>(
    db: &C,
    cycle_id: Uuid,
    at: DateTime<Utc>,
) -> ServiceResult<Vec<ScoreChange>> {
    let annual: Vec<AnnualRow> = evaluation::Entity::find()
        .select_only()
        .column(evaluation::Column::Id)
        .column(evaluation::Column::PlanId)
        .column(evaluation::Column::ResultRating)
        .column(evaluation::Column::BehaviourRating)
        .column(evaluation::Column::Status)
        .column(evaluation::Column::EmployeeId)
        .filter(evaluation::Column::CycleId.eq(cycle_id))
        .filter(evaluation::Column::IsAnnual.eq(true))
        .filter(evaluation::Column::Regime.eq(Regime::Pmpanrb6_2022.as_str()))
        .filter(evaluation::Column::Status.is_in([
            EvaluationState::AwaitingRating.as_str(),
            EvaluationState::Rated.as_str(),
        ]))
        .into_tuple()
        .all(db)
        .await?;
    if annual.is_empty() {
        return Ok(Vec::new());
    }
    let ends: HashMap<Uuid, NaiveDate> = period::Entity::find()
        .filter(period::Column::CycleId.eq(cycle_id))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.ends_on))
        .collect();
    let periodic: Vec<(Uuid, Uuid, Option<String>, Option<String>)> = evaluation::Entity::find()
        .select_only()
        .column(evaluation::Column::PlanId)
        .column(evaluation::Column::PeriodId)
        .column(evaluation::Column::ResultRating)
        .column(evaluation::Column::BehaviourRating)
        .filter(evaluation::Column::CycleId.eq(cycle_id))
        .filter(evaluation::Column::IsAnnual.eq(false))
        .filter(evaluation::Column::Status.is_in([
            EvaluationState::Rated.as_str(),
            EvaluationState::Finalised.as_str(),
            EvaluationState::Objected.as_str(),
            EvaluationState::Final.as_str(),
        ]))
        .into_tuple()
        .all(db)
        .await?;
    let mut by_plan: HashMap<Uuid, Vec<PeriodRatings>> = HashMap::new();
    for (plan_id, period_id, r, b) in periodic {
        if let (Some(result), Some(behaviour), Some(ends_on)) = (
            r.as_deref().and_then(parse_text),
            b.as_deref().and_then(parse_text),
            ends.get(&period_id),
        ) {
            by_plan.entry(plan_id).or_default().push(PeriodRatings {
                ends_on: *ends_on,
                ratings: RatingPair { result, behaviour },
            });
        }
    }
    let rated = EvaluationState::Rated.as_str();
    let mut writes: Vec<(Uuid, String, String, String)> = Vec::new();
    let mut changes = Vec::new();
    for (id, plan_id, r, b, status, employee_id) in annual {
        let Some(periods) = by_plan.get(&plan_id) else {
            continue;
        };
        let Ok(derived) = annual_ratings(AnnualResultPolicy::LastPeriod, periods, None) else {
            continue;
        };
        let (rt, bt) = (
            text_of(derived.ratings.result),
            text_of(derived.ratings.behaviour),
        );
        if status == rated && r.as_deref() == Some(rt.as_str()) && b.as_deref() == Some(bt.as_str())
        {
            continue;
        }
        changes.push(ScoreChange {
            evaluation_id: id,
            employee_id,
            before: serde_json::json!({"status": status, "result_rating": r, "behaviour_rating": b}),
            after: serde_json::json!({"status": rated, "result_rating": rt, "behaviour_rating": bt,
                "predicate": text_of(derived.predicate),
                "reason": "Under the cycle's policy the annual result takes the last rated period's ratings."}),
        });
        writes.push((id, rt, bt, text_of(derived.predicate)));
    }
    for chunk in writes.chunks(UPDATE_CHUNK / 2) {
        let mut sql = MultiUpdate::new(db.get_database_backend());
        let r = sql.case(chunk.iter().map(|w| (w.0, Value::from(w.1.clone()))));
        let b = sql.case(chunk.iter().map(|w| (w.0, Value::from(w.2.clone()))));
        let p = sql.case(chunk.iter().map(|w| (w.0, Value::from(w.3.clone()))));
        let status = sql.param(Value::from(rated));
        let at_p = sql.param(Value::from(at));
        let at_q = sql.param(Value::from(at));
        let by = sql.param(Value::from("last_period"));
        let ids = sql.id_list(chunk.iter().map(|w| w.0));
        let text = format!(
            "UPDATE evaluations SET result_rating = {r}, behaviour_rating = {b}, predicate = {p}, calibrated_predicate = NULL, status = {status}, rated_at = {at_p}, updated_at = {at_q}, rated_by = {by}, version = version + 1 WHERE id IN ({ids})"
        );
        db.execute_raw(sql.statement(text)).await?;
    }
    Ok(changes)
}

/// Effective predicates of the rated evaluations, counted in SQL.
async fn predicate_counts<C: ConnectionTrait>(
    db: &C,
    column: evaluation::Column,
    id: Uuid,
) -> ServiceResult<BTreeMap<String, u64>> {
    let rows: Vec<(Option<String>, Option<String>, i64)> = evaluation::Entity::find()
        .select_only()
        .column(evaluation::Column::Predicate)
        .column(evaluation::Column::CalibratedPredicate)
        .column_as(evaluation::Column::Id.count(), "n")
        .filter(column.eq(id))
        .filter(evaluation::Column::Status.eq(EvaluationState::Rated.as_str()))
        .group_by(evaluation::Column::Predicate)
        .group_by(evaluation::Column::CalibratedPredicate)
        .into_tuple()
        .all(db)
        .await?;
    let mut out = BTreeMap::new();
    for (p, c, n) in rows {
        let key = c.or(p).unwrap_or_else(|| "unscored".to_owned());
        *out.entry(key).or_insert(0) += n as u64;
    }
    Ok(out)
}

/// One statement for up to [`UPDATE_CHUNK`] rows: `SET numeric_snapshot = CASE id WHEN ...`.
async fn update_snapshots<C: ConnectionTrait>(
    db: &C,
    rows: &[(Uuid, String, String)],
    at: DateTime<Utc>,
) -> ServiceResult<u64> {
    if rows.is_empty() {
        return Ok(0);
    }
    let mut sql = MultiUpdate::new(db.get_database_backend());
    let snap = sql.case(rows.iter().map(|r| (r.0, Value::from(r.1.clone()))));
    let pred = sql.case(rows.iter().map(|r| (r.0, Value::from(r.2.clone()))));
    let at_p = sql.param(Value::from(at));
    let ids = sql.id_list(rows.iter().map(|r| r.0));
    let text = format!(
        "UPDATE evaluations SET numeric_snapshot = {snap}, predicate = {pred}, updated_at = {at_p}, version = version + 1 WHERE id IN ({ids})"
    );
    let res = db.execute_raw(sql.statement(text)).await?;
    Ok(res.rows_affected())
}

/// Builds a portable multi-row UPDATE: `$n` placeholders on PostgreSQL, `?n` on SQLite.
pub(crate) struct MultiUpdate {
    backend: DbBackend,
    values: Vec<Value>,
}

impl MultiUpdate {
    pub(crate) fn new(backend: DbBackend) -> Self {
        Self {
            backend,
            values: Vec::new(),
        }
    }
    pub(crate) fn param(&mut self, v: Value) -> String {
        self.values.push(v);
        match self.backend {
            DbBackend::Postgres => format!("${}", self.values.len()),
            // Numbered, so that the text may use parameters in any order.
            _ => format!("?{}", self.values.len()),
        }
    }
    /// `CASE id WHEN p1 THEN p2 ... END`.
    pub(crate) fn case(&mut self, pairs: impl Iterator<Item = (Uuid, Value)>) -> String {
        let mut out = String::from("CASE id");
        for (id, v) in pairs {
            let a = self.param(Value::from(id));
            let b = self.param(v);
            out.push_str(&format!(" WHEN {a} THEN {b}"));
        }
        out.push_str(" END");
        out
    }
    pub(crate) fn id_list(&mut self, ids: impl Iterator<Item = Uuid>) -> String {
        ids.map(|id| self.param(Value::from(id)))
            .collect::<Vec<_>>()
            .join(", ")
    }
    pub(crate) fn statement(self, sql: String) -> Statement {
        Statement::from_sql_and_values(self.backend, sql, self.values)
    }
}

// ---------------------------------------------------------------------------------------
// Finalisation, integrity, conclusion
// ---------------------------------------------------------------------------------------

/// The content an evaluation's hash covers, in a fixed field order.
#[derive(Serialize)]
struct HashedContent<'a> {
    evaluation_id: Uuid,
    plan_id: Uuid,
    period_id: Uuid,
    employee_id: Uuid,
    appraiser_employee_id: Option<Uuid>,
    appraiser_external_id: Option<Uuid>,
    regime: &'a str,
    result_rating: Option<&'a str>,
    behaviour_rating: Option<&'a str>,
    predicate: Option<&'a str>,
    calibrated_predicate: Option<&'a str>,
    result_justification: Option<&'a str>,
    behaviour_justification: Option<&'a str>,
    appraiser_note: Option<&'a str>,
    has_innovation: bool,
    innovation_note: Option<&'a str>,
    numeric_snapshot: Option<&'a str>,
}

/// SHA-256 (hex) over the canonical JSON of the evaluation's content: the fields of
/// [`HashedContent`] in that order, compact, UTF-8.
pub(crate) fn content_hash(m: &evaluation::Model) -> String {
    let c = HashedContent {
        evaluation_id: m.id,
        plan_id: m.plan_id,
        period_id: m.period_id,
        employee_id: m.employee_id,
        appraiser_employee_id: m.appraiser_employee_id,
        appraiser_external_id: m.appraiser_external_id,
        regime: &m.regime,
        result_rating: m.result_rating.as_deref(),
        behaviour_rating: m.behaviour_rating.as_deref(),
        predicate: m.predicate.as_deref(),
        calibrated_predicate: m.calibrated_predicate.as_deref(),
        result_justification: m.result_justification.as_deref(),
        behaviour_justification: m.behaviour_justification.as_deref(),
        appraiser_note: m.appraiser_note.as_deref(),
        has_innovation: m.has_innovation,
        innovation_note: m.innovation_note.as_deref(),
        numeric_snapshot: m.numeric_snapshot.as_deref(),
    };
    let json = serde_json::to_string(&c).unwrap_or_default();
    hex::encode(Sha256::digest(json.as_bytes()))
}

pub(crate) fn signer(m: &evaluation::Model) -> Option<String> {
    m.appraiser_employee_id
        .map(|id| format!("employee:{id}"))
        .or_else(|| m.appraiser_external_id.map(|id| format!("external:{id}")))
}

/// Sets the rated evaluations of a period (HR): each unit's distribution is checked with the
/// organisation's curve (soft: a violating unit needs an override reason; hard: violations
/// block), then every rated evaluation is locked with its content hash and the appraiser's
/// signature, in one transaction. Unrated evaluations are reported and left for a later call.
pub async fn finalise_period(
    s: &Services,
    ctx: &Ctx,
    period_id: Uuid,
    req: FinalisePeriod,
) -> ServiceResult<FinaliseReport> {
    validate(&req)?;
    let too_long: Vec<FieldError> = req
        .override_reasons
        .iter()
        .filter(|(_, r)| r.chars().count() > 2000)
        .map(|(u, _)| {
            FieldError::new(
                format!("override_reasons.{u}"),
                "length",
                "Must be at most 2000 characters long.",
            )
        })
        .collect();
    if !too_long.is_empty() {
        return Err(ServiceError::Validation(too_long));
    }
    let txn = s.db.begin_write().await?;
    let per = load_period(&*txn, period_id).await?;
    require_hr_writer(&ctx.actor, per.agency_id, "period")?;
    let cyc = load_cycle(&*txn, per.cycle_id).await?;
    let policies = CyclePolicies::from_json(&cyc.policies);
    let rated = evaluation::Entity::find()
        .filter(evaluation::Column::PeriodId.eq(per.id))
        .filter(evaluation::Column::Status.eq(EvaluationState::Rated.as_str()))
        .all(&*txn)
        .await?;
    let unrated = evaluation::Entity::find()
        .filter(evaluation::Column::PeriodId.eq(per.id))
        .filter(evaluation::Column::Status.is_in([
            EvaluationState::NotStarted.as_str(),
            EvaluationState::Filling.as_str(),
            EvaluationState::AwaitingRating.as_str(),
        ]))
        .count(&*txn)
        .await?;
    let mut by_unit: BTreeMap<Option<Uuid>, Vec<&evaluation::Model>> = BTreeMap::new();
    for e in &rated {
        by_unit.entry(e.unit_id).or_default().push(e);
    }
    // One load for the whole agency (the organisation helper's bulk variant of
    // unit_distribution), looked up per unit.
    let (distributions, _) =
        crate::org_performance::agency_distribution(&*txn, per.agency_id, per.id, &policies)
            .await?;
    let dist_of: HashMap<Uuid, _> = distributions.into_iter().map(|d| (d.unit_id, d)).collect();
    let mut problems = Vec::new();
    let mut hard_blocked = Vec::new();
    let mut plan_units = Vec::new();
    for (unit_id, evals) in &by_unit {
        let unit_name = unit_id
            .and_then(|u| dist_of.get(&u))
            .map(|d| d.unit_name.clone())
            .unwrap_or_default();
        let (violations, reason) = match unit_id.and_then(|u| dist_of.get(&u).map(|d| (u, d))) {
            Some((u, dist)) => {
                let u = &u;
                let reason = req
                    .override_reasons
                    .get(u)
                    .cloned()
                    .filter(|r| !r.trim().is_empty())
                    .or_else(|| {
                        dist.override_reason
                            .clone()
                            .filter(|r| !r.trim().is_empty())
                    });
                (dist.violations.clone(), reason)
            }
            None => (Vec::new(), None),
        };
        if !violations.is_empty()
            && policies.distribution.enforcement == DistributionEnforcement::Hard
        {
            hard_blocked.push(format!(
                "{unit_name}: {}",
                violations
                    .iter()
                    .map(|v| v.message.clone())
                    .collect::<Vec<_>>()
                    .join(" ")
            ));
            continue;
        }
        match finalise_action(&violations, reason.as_deref()) {
            Ok(action) => {
                EvaluationState::Rated.transition(action).map_err(illegal)?;
                plan_units.push(UnitFinalisation {
                    unit_id: *unit_id,
                    finalised: evals.len() as u64,
                    violations: violations.iter().map(|v| v.code.to_owned()).collect(),
                    override_reason: if violations.is_empty() { None } else { reason },
                });
            }
            Err(_) => problems.push(FieldError::new(
                format!(
                    "override_reasons.{}",
                    unit_id.map(|u| u.to_string()).unwrap_or_default()
                ),
                "override_reason_required",
                format!(
                    "{unit_name} breaks the curve: {} Give the reason to set these predicates anyway.",
                    violations
                        .iter()
                        .map(|v| v.message.clone())
                        .collect::<Vec<_>>()
                        .join(" ")
                ),
            )),
        }
    }
    if !hard_blocked.is_empty() {
        return Err(ServiceError::conflict(
            "distribution_blocked",
            format!(
                "This cycle enforces the distribution strictly; fix the predicates first. {}",
                hard_blocked.join("; ")
            ),
        ));
    }
    if !problems.is_empty() {
        return Err(ServiceError::RuleOnFields {
            code: "distribution_violated",
            message: format!(
                "The distribution of {} unit(s) breaks the curve; give an override reason per unit (override_reasons) to set them anyway. Each is listed in errors.",
                problems.len()
            ),
            errors: problems,
        });
    }
    let at = now();
    let mut finalised = 0u64;
    for uf in &plan_units {
        let evals = &by_unit[&uf.unit_id];
        for chunk in evals.chunks(UPDATE_CHUNK / 2) {
            let mut sql = MultiUpdate::new(txn.get_database_backend());
            let hash = sql.case(chunk.iter().map(|e| (e.id, Value::from(content_hash(e)))));
            let signed = sql.case(chunk.iter().map(|e| (e.id, Value::from(signer(e)))));
            let status = sql.param(Value::from(EvaluationState::Finalised.as_str()));
            let at_p = sql.param(Value::from(at));
            let at_q = sql.param(Value::from(at));
            let at_r = sql.param(Value::from(at));
            let reason = sql.param(Value::from(uf.override_reason.clone()));
            let ids = sql.id_list(chunk.iter().map(|e| e.id));
            let rated_p = sql.param(Value::from(EvaluationState::Rated.as_str()));
            let text = format!(
                "UPDATE evaluations SET status = {status}, content_hash = {hash}, signed_by = {signed}, signed_at = {at_p}, finalised_at = {at_q}, updated_at = {at_r}, distribution_override_reason = {reason}, version = version + 1 WHERE id IN ({ids}) AND status = {rated_p}"
            );
            finalised += txn.execute_raw(sql.statement(text)).await?.rows_affected();
        }
    }
    // A reason given at finalisation stays on the unit's organisation predicate, where the
    // distribution shows it.
    for uf in &plan_units {
        if let (Some(unit), Some(reason)) = (uf.unit_id, &uf.override_reason)
            && req.override_reasons.contains_key(&unit)
        {
            org_performance::Entity::update_many()
                .col_expr(
                    org_performance::Column::DistributionOverrideReason,
                    Expr::value(Some(reason.clone())),
                )
                .col_expr(
                    org_performance::Column::Version,
                    Expr::col(org_performance::Column::Version).add(1),
                )
                .filter(org_performance::Column::UnitId.eq(unit))
                .filter(org_performance::Column::PeriodId.eq(per.id))
                .exec(&*txn)
                .await?;
        }
    }
    let mut entries = Vec::new();
    for uf in &plan_units {
        for e in &by_unit[&uf.unit_id] {
            entries.push(Change {
                subject_employee_id: Some(e.employee_id),
                agency_id: Some(e.agency_id),
                action: "evaluation.finalise",
                entity_type: "evaluation",
                entity_id: e.id.to_string(),
                before: Some(serde_json::json!({"status": EvaluationState::Rated.as_str()})),
                after: Some(serde_json::json!({
                    "status": EvaluationState::Finalised.as_str(),
                    "predicate": e.predicate,
                    "calibrated_predicate": e.calibrated_predicate,
                    "content_hash": content_hash(e),
                    "signed_by": signer(e),
                    "distribution_override_reason": uf.override_reason,
                })),
            });
        }
    }
    audit::record_many(&*txn, ctx, entries).await?;
    let mut pam = per.clone().into_active_model();
    // The period is set: its realizations and organisation predicates no longer change.
    pam.status = Set(crate::cycles::PERIOD_FINALISED.to_owned());
    pam.finalised_at = Set(Some(at));
    pam.finalised_by = Set(Some(ctx.actor.label.clone()));
    pam.update(&*txn).await?;
    let report = FinaliseReport {
        period_id: per.id,
        finalised,
        unrated,
        units: plan_units,
    };
    // One summary entry for the batch: the ids and the per-unit override reasons.
    audit::record(
        &*txn,
        ctx,
        Change {
            subject_employee_id: None,
            agency_id: Some(per.agency_id),
            action: "period.finalise",
            entity_type: "period",
            entity_id: per.id.to_string(),
            before: None,
            after: Some(serde_json::json!({
                "report": report,
                "evaluation_ids": rated.iter().map(|e| e.id).collect::<Vec<_>>(),
            })),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(report)
}

/// Recomputes the content hash and compares it with the one stored at finalisation.
pub async fn verify_evaluation(s: &Services, ctx: &Ctx, id: Uuid) -> ServiceResult<VerifyReport> {
    let m = load_visible(s.db.conn(), &ctx.actor, id).await?;
    let Some(stored) = m.content_hash.clone() else {
        return Ok(VerifyReport {
            evaluation_id: m.id,
            is_intact: false,
            stored_hash: None,
            computed_hash: None,
            message: "The evaluation has not been finalised, so there is no hash to check yet."
                .into(),
        });
    };
    let computed = content_hash(&m);
    let is_intact = computed == stored;
    Ok(VerifyReport {
        evaluation_id: m.id,
        is_intact,
        stored_hash: Some(stored),
        computed_hash: Some(computed),
        message: if is_intact {
            "The stored content matches the hash recorded at finalisation.".into()
        } else {
            "The stored content differs from what was finalised: it was changed outside the application.".into()
        },
    })
}

/// The employee of each evaluation, for their audit trail.
async fn rows_subjects<C: ConnectionTrait>(
    db: &C,
    ids: &[Uuid],
) -> ServiceResult<HashMap<Uuid, Uuid>> {
    let mut out = HashMap::with_capacity(ids.len());
    for chunk in ids.chunks(CHUNK) {
        let rows: Vec<(Uuid, Uuid)> = evaluation::Entity::find()
            .select_only()
            .column(evaluation::Column::Id)
            .column(evaluation::Column::EmployeeId)
            .filter(evaluation::Column::Id.is_in(chunk.to_vec()))
            .into_tuple()
            .all(db)
            .await?;
        out.extend(rows);
    }
    Ok(out)
}

fn wib() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600).unwrap_or_else(|| FixedOffset::east_opt(0).expect("UTC offset"))
}

/// Evaluations whose objection window has passed without an objection become final (HR).
pub async fn conclude_period(
    s: &Services,
    ctx: &Ctx,
    period_id: Uuid,
) -> ServiceResult<ConcludeReport> {
    let per = load_period(s.db.conn(), period_id).await?;
    require_hr_writer(&ctx.actor, per.agency_id, "period")?;
    conclude_period_as(&s.db, ctx, period_id).await
}

/// [`conclude_period`] for a caller already authorised, or the scheduler (`sweep`).
pub async fn conclude_period_as(
    db: &crate::Db,
    ctx: &Ctx,
    period_id: Uuid,
) -> ServiceResult<ConcludeReport> {
    let txn = db.begin_write().await?;
    let per = load_period(&*txn, period_id).await?;
    let cyc = load_cycle(&*txn, per.cycle_id).await?;
    let policy = CyclePolicies::from_json(&cyc.policies).objection;
    let rows: Vec<(Uuid, Option<DateTime<Utc>>)> = evaluation::Entity::find()
        .select_only()
        .column(evaluation::Column::Id)
        .column(evaluation::Column::ReceivedAt)
        .filter(evaluation::Column::PeriodId.eq(per.id))
        .filter(evaluation::Column::Status.eq(EvaluationState::Finalised.as_str()))
        .into_tuple()
        .all(&*txn)
        .await?;
    let at = now();
    let today = at.with_timezone(&wib());
    let mut due = Vec::new();
    let (mut waiting, mut open) = (0u64, 0u64);
    for (id, received) in rows {
        match received {
            None => waiting += 1,
            Some(r) if objection_window_closed(&policy, &r.with_timezone(&wib()), &today) => {
                due.push(id)
            }
            Some(_) => open += 1,
        }
    }
    let mut concluded = 0u64;
    let subjects: HashMap<Uuid, Uuid> = rows_subjects(&*txn, &due).await?;
    let entries: Vec<Change> = due
        .iter()
        .map(|id| Change {
            subject_employee_id: subjects.get(id).copied(),
            agency_id: Some(per.agency_id),
            action: "evaluation.conclude",
            entity_type: "evaluation",
            entity_id: id.to_string(),
            before: Some(serde_json::json!({"status": EvaluationState::Finalised.as_str()})),
            after: Some(serde_json::json!({
                "status": EvaluationState::Final.as_str(),
                "reason": "The objection window closed without an objection.",
            })),
        })
        .collect();
    audit::record_many(&*txn, ctx, entries).await?;
    for chunk in due.chunks(CHUNK) {
        // Finalised evaluations have no objection (filing one moves them to objected).
        EvaluationState::Finalised
            .transition(EvaluationAction::Conclude)
            .map_err(illegal)?;
        let res = evaluation::Entity::update_many()
            .col_expr(
                evaluation::Column::Status,
                Expr::value(EvaluationState::Final.as_str()),
            )
            .col_expr(evaluation::Column::FinalAt, Expr::value(Some(at)))
            .col_expr(evaluation::Column::UpdatedAt, Expr::value(at))
            .col_expr(
                evaluation::Column::Version,
                Expr::col(evaluation::Column::Version).add(1),
            )
            .filter(evaluation::Column::Id.is_in(chunk.to_vec()))
            .filter(evaluation::Column::Status.eq(EvaluationState::Finalised.as_str()))
            .exec(&*txn)
            .await?;
        concluded += res.rows_affected;
    }
    let report = ConcludeReport {
        period_id: per.id,
        concluded,
        awaiting_acknowledgement: waiting,
        window_open: open,
    };
    audit::record(
        &*txn,
        ctx,
        Change {
            subject_employee_id: None,
            agency_id: Some(per.agency_id),
            action: "period.conclude",
            entity_type: "period",
            entity_id: per.id.to_string(),
            before: None,
            after: Some(serde_json::json!({"report": report, "evaluation_ids": due})),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(report)
}

/// Months a date range covers, counting each calendar month touched (pro rata of angka kredit).
pub(crate) fn months_covered(starts_on: NaiveDate, ends_on: NaiveDate) -> u32 {
    if ends_on < starts_on {
        return 0;
    }
    let a = starts_on.year() * 12 + starts_on.month0() as i32;
    let b = ends_on.year() * 12 + ends_on.month0() as i32;
    (b - a + 1).clamp(0, 12) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_covered_counts_each_calendar_month_touched() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let cases = [
            (d(2026, 1, 1), d(2026, 12, 31), 12),
            (d(2026, 1, 1), d(2026, 6, 30), 6),
            (d(2026, 7, 15), d(2026, 12, 31), 6),
            (d(2026, 3, 1), d(2026, 3, 31), 1),
            (d(2026, 5, 1), d(2026, 4, 1), 0),
        ];
        for (a, b, expected) in cases {
            assert_eq!(months_covered(a, b), expected, "{a}..{b}");
        }
    }

    #[test]
    fn the_content_hash_changes_with_any_rating_and_not_with_bookkeeping() {
        let at = Utc::now();
        let m = evaluation::Model {
            id: Uuid::nil(),
            agency_id: Uuid::nil(),
            cycle_id: Uuid::nil(),
            period_id: Uuid::nil(),
            plan_id: Uuid::nil(),
            employee_id: Uuid::nil(),
            unit_id: None,
            is_annual: false,
            appraiser_employee_id: None,
            appraiser_external_id: None,
            superior_employee_id: None,
            superior_external_id: None,
            status: "rated".into(),
            result_rating: Some("meets".into()),
            behaviour_rating: Some("meets".into()),
            predicate: Some("good".into()),
            result_justification: None,
            behaviour_justification: None,
            appraiser_note: None,
            has_innovation: false,
            innovation_note: None,
            self_assessment: None,
            regime: "pmpanrb6_2022".into(),
            numeric_snapshot: None,
            rated_at: None,
            rated_by: None,
            calibrated_predicate: None,
            distribution_override_reason: None,
            content_hash: None,
            signed_by: None,
            signed_at: None,
            finalised_at: None,
            received_at: None,
            final_at: None,
            created_at: at,
            updated_at: at,
            version: 1,
        };
        let base = content_hash(&m);
        assert_eq!(base.len(), 64);
        let mut bookkeeping = m.clone();
        bookkeeping.version = 7;
        bookkeeping.status = "final".into();
        assert_eq!(content_hash(&bookkeeping), base);
        let mut changed = m.clone();
        changed.result_rating = Some("above".into());
        assert_ne!(content_hash(&changed), base);
        let mut changed = m;
        changed.predicate = Some("very_good".into());
        assert_ne!(content_hash(&changed), base);
    }

    #[test]
    fn a_pp46_evaluation_scores_with_the_official_formulas() {
        let facts = |q: &str, t: &str| {
            vec![
                IndicatorFact {
                    indicator_id: Uuid::nil(),
                    aspect: "quantity".into(),
                    direction: "higher".into(),
                    target_min: Some("12".into()),
                    target_max: Some("12".into()),
                    is_target_maximum: false,
                    realization: Some(q.into()),
                },
                IndicatorFact {
                    indicator_id: Uuid::nil(),
                    aspect: "quality".into(),
                    direction: "higher".into(),
                    target_min: Some("100".into()),
                    target_max: Some("100".into()),
                    is_target_maximum: false,
                    realization: Some("100".into()),
                },
                IndicatorFact {
                    indicator_id: Uuid::nil(),
                    aspect: "time".into(),
                    direction: "lower".into(),
                    target_min: Some("12".into()),
                    target_max: Some("12".into()),
                    is_target_maximum: false,
                    realization: Some(t.into()),
                },
            ]
        };
        let inputs = NumericInputs {
            results: vec![(Uuid::nil(), "main".into(), facts("12", "12"))],
        };
        let b = NumericBehaviour {
            orientasi_pelayanan: Decimal::from(90),
            komitmen: Decimal::from(90),
            kerja_sama: Decimal::from(90),
            integritas: Some(Decimal::from(90)),
            disiplin: Some(Decimal::from(90)),
            inisiatif_kerja: None,
            kepemimpinan: None,
            has_innovation: false,
            innovation_note: None,
            appraiser_note: None,
        };
        let s = score_numeric(
            Regime::Pp46_2011,
            &CyclePolicies::default(),
            &inputs,
            &b,
            false,
        )
        .unwrap();
        // (100 + 100 + 76) / 3 = 92; 92 x 0.6 + 90 x 0.4 = 91.2 => Sangat Baik.
        assert_eq!(s.snapshot["nilai_skp"], "92");
        assert_eq!(s.snapshot["nilai_prestasi_kerja"], "91.2");
        assert_eq!(s.predicate, EmployeePredicate::VeryGood);
        let empty = NumericInputs::default();
        assert!(
            score_numeric(
                Regime::Pp46_2011,
                &CyclePolicies::default(),
                &empty,
                &b,
                false
            )
            .is_err()
        );
    }

    #[test]
    fn a_pp30_evaluation_needs_an_innovation_for_sangat_baik() {
        let f = IndicatorFact {
            indicator_id: Uuid::nil(),
            aspect: "quantity".into(),
            direction: "higher".into(),
            target_min: Some("10".into()),
            target_max: Some("10".into()),
            is_target_maximum: false,
            realization: Some("12".into()),
        };
        let inputs = NumericInputs {
            results: vec![(Uuid::nil(), "main".into(), vec![f])],
        };
        let b = NumericBehaviour {
            orientasi_pelayanan: Decimal::from(120),
            komitmen: Decimal::from(120),
            kerja_sama: Decimal::from(120),
            integritas: None,
            disiplin: None,
            inisiatif_kerja: Some(Decimal::from(120)),
            kepemimpinan: None,
            has_innovation: false,
            innovation_note: None,
            appraiser_note: None,
        };
        let p = CyclePolicies::default();
        let without = score_numeric(Regime::Pmpanrb8_2021, &p, &inputs, &b, false).unwrap();
        let with = score_numeric(Regime::Pmpanrb8_2021, &p, &inputs, &b, true).unwrap();
        assert_eq!(without.snapshot["nilai_kinerja"], "120");
        assert_eq!(without.predicate, EmployeePredicate::Good);
        assert_eq!(with.predicate, EmployeePredicate::VeryGood);
    }
}

// ---------------------------------------------------------------------------------------
// What the caller may do now
// ---------------------------------------------------------------------------------------

/// A move a caller can make on an evaluation (rendered as the screen's buttons).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum EvaluationUserAction {
    /// The employee opens the period for realizations (`/start`).
    Start,
    /// The employee hands in realizations and the self-assessment (`/submit`).
    Submit,
    /// The appraiser sets both ratings (`/rating`).
    Rate,
    /// The appraiser enters behaviour scores of a numeric regime (`/numeric-behaviour`).
    RateNumericBehaviour,
    /// The employee acknowledges receipt of the result (`/acknowledge`).
    Acknowledge,
    /// The employee files an objection within the window (`/objections`).
    Object,
    /// HR calibrates the predicate (`/calibrate`).
    Calibrate,
    /// HR or the appraiser generates, adds, approves or removes 360 raters.
    ManageRaters,
    /// The employee nominates a peer for 360 feedback.
    NominatePeer,
    /// Anyone who reads a finalised result checks its content hash (`/verify`).
    Verify,
}

/// A unit head's result rating follows the unit's organisation predicate (SE MenPANRB 3/2023).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LeaderRating {
    pub unit_id: Uuid,
    /// Not set yet: the appraiser cannot rate until the leader above sets it.
    pub organisation_predicate: Option<OrganisationPredicate>,
    /// The result rating the cycle's mapping gives for that predicate.
    pub result_rating: Option<Rating>,
}

/// What the caller may do on one evaluation now, and why not where it matters.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EvaluationAllowedActions {
    pub evaluation_id: Uuid,
    pub status: EvaluationState,
    pub actions: Vec<EvaluationUserAction>,
    /// For the appraiser: why rating is not possible now, in English.
    pub rating_blocked_reason: Option<String>,
    /// The same as a stable code for translation: `period_not_ended` (see
    /// `rating_opens_on`), `annual_from_last_period`, `organisation_predicate_missing`.
    pub rating_blocked_code: Option<String>,
    /// With `period_not_ended`: the first day rating is possible.
    pub rating_opens_on: Option<NaiveDate>,
    /// The last calendar day (WIB) on which an objection may be filed; known once the result
    /// was received.
    pub objection_last_day_on: Option<NaiveDate>,
    /// Present when the evaluated employee leads their unit.
    pub leader: Option<LeaderRating>,
}

/// The allowed actions, computed with the same guards the moves apply.
pub async fn allowed_actions_for<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    m: &evaluation::Model,
) -> ServiceResult<EvaluationAllowedActions> {
    use EvaluationUserAction as A;
    let state = state_of(m);
    let cyc = load_cycle(db, m.cycle_id).await?;
    let per = load_period(db, m.period_id).await?;
    let policies = CyclePolicies::from_json(&cyc.policies);
    let regime = Regime::parse(&m.regime).unwrap_or_default();
    let employee = is_me(actor, Some(m.employee_id));
    let appraiser = is_me(actor, m.appraiser_employee_id);
    let hr = actor.can_administer(m.agency_id, "evaluations", Access::Write);
    let writable = !crate::cycles::state_of(&cyc).is_read_only();
    let mut actions = Vec::new();
    let mut blocked = None;
    let mut blocked_code: Option<&'static str> = None;
    let mut opens_on = None;

    let leader = if leads_unit(db, m).await? {
        let org = match m.unit_id {
            Some(u) => org_predicate(db, u, m.period_id).await?,
            None => None,
        };
        Some(LeaderRating {
            unit_id: m.unit_id.unwrap_or_default(),
            organisation_predicate: org,
            result_rating: org.map(|o| policies.leader_result_mapping.rating_for(o)),
        })
    } else {
        None
    };

    if writable {
        if employee && state == EvaluationState::NotStarted {
            actions.push(A::Start);
        }
        if employee && state == EvaluationState::Filling {
            actions.push(A::Submit);
        }
        if appraiser
            && !employee
            && matches!(
                state,
                EvaluationState::AwaitingRating | EvaluationState::Rated
            )
        {
            let early = per.ends_on >= crate::assignments::today() && !policies.allow_early_rating;
            if early {
                blocked = Some(format!(
                    "The period {} ends on {}; rating opens the day after.",
                    per.name, per.ends_on
                ));
                blocked_code = Some("period_not_ended");
                opens_on = per.ends_on.succ_opt();
            } else if m.is_annual && policies.annual_result == AnnualResultPolicy::LastPeriod {
                blocked = Some(
                    "The annual result follows the last rated period under this cycle's policy; it is not rated separately."
                        .into(),
                );
                blocked_code = Some("annual_from_last_period");
            } else if leader
                .as_ref()
                .is_some_and(|l| l.organisation_predicate.is_none())
            {
                blocked = Some(
                    "The unit's organisation predicate for this period is not set yet; the unit head's result rating follows it."
                        .into(),
                );
                blocked_code = Some("organisation_predicate_missing");
            } else if regime == Regime::Pmpanrb6_2022 {
                actions.push(A::Rate);
            } else {
                actions.push(A::RateNumericBehaviour);
            }
        }
        if employee && state == EvaluationState::Finalised && m.received_at.is_none() {
            actions.push(A::Acknowledge);
        }
        if hr && state == EvaluationState::Rated && m.predicate.is_some() {
            actions.push(A::Calibrate);
        }
        let open_360 = policies.feedback_360.is_enabled
            && matches!(
                state,
                EvaluationState::NotStarted
                    | EvaluationState::Filling
                    | EvaluationState::AwaitingRating
                    | EvaluationState::Rated
            );
        if open_360 && (hr || (appraiser && !employee)) {
            actions.push(A::ManageRaters);
        }
        if open_360 && employee && state != EvaluationState::Rated {
            actions.push(A::NominatePeer);
        }
    }
    let objection_last_day_on = m.received_at.map(|r| {
        kinerja_domain::objection::last_objection_day(
            &policies.objection,
            r.with_timezone(&wib()).date_naive(),
        )
    });
    if employee
        && state == EvaluationState::Finalised
        && let Some(last) = objection_last_day_on
        && crate::assignments::today() <= last
    {
        let filed = kinerja_store::entities::objection::Entity::find()
            .filter(kinerja_store::entities::objection::Column::EvaluationId.eq(m.id))
            .count(db)
            .await?;
        if filed == 0 {
            actions.push(A::Object);
        }
    }
    if m.content_hash.is_some() {
        actions.push(A::Verify);
    }
    Ok(EvaluationAllowedActions {
        evaluation_id: m.id,
        status: state,
        actions,
        rating_blocked_reason: blocked,
        rating_blocked_code: blocked_code.map(str::to_owned),
        rating_opens_on: opens_on,
        objection_last_day_on,
        leader,
    })
}

/// GET /evaluations/{id}/allowed-actions.
pub async fn allowed_evaluation_actions(
    s: &Services,
    ctx: &Ctx,
    id: Uuid,
) -> ServiceResult<EvaluationAllowedActions> {
    let db = s.db.conn();
    let m = load_visible(db, &ctx.actor, id).await?;
    allowed_actions_for(db, &ctx.actor, &m).await
}

// ---------------------------------------------------------------------------------------
// Unit heads follow their unit's organisation predicate
// ---------------------------------------------------------------------------------------

/// One unit head's result rating re-derived from a changed organisation predicate.
#[derive(Debug, Clone)]
pub(crate) struct LeaderChange {
    pub evaluation_id: Uuid,
    pub employee_id: Uuid,
    /// The result rating before.
    pub before: (Option<String>,),
    /// (result rating, predicate) after.
    pub after: (String, String),
}

/// Re-derives, set-based, the result rating (and so the predicate) of every rated
/// PermenPANRB 6/2022 evaluation of the cycle whose employee leads their unit (the rule of
/// [`leads_unit`]), from the unit's organisation predicate through the cycle's mapping
/// (SE MenPANRB 3/2023). `only` narrows it to one (unit, period). Finalised results are locked
/// and left alone. Returns what changed.
pub(crate) async fn rederive_leaders<C: ConnectionTrait>(
    db: &C,
    cycle_id: Uuid,
    only: Option<(Uuid, Uuid)>,
) -> ServiceResult<Vec<LeaderChange>> {
    let cyc = load_cycle(db, cycle_id).await?;
    let policies = CyclePolicies::from_json(&cyc.policies);
    // Candidates: rated evaluations of people in a structural position (the plan's, else the
    // employee's current one), read with one join instead of every plan and employee.
    let structural: Vec<&str> = PositionKind::ALL
        .iter()
        .filter(|k| k.is_structural())
        .map(|k| k.as_str())
        .collect();
    let mut sql = MultiUpdate::new(db.get_database_backend());
    let cycle_p = sql.param(Value::from(cycle_id));
    let rated_p = sql.param(Value::from(EvaluationState::Rated.as_str()));
    let regime_p = sql.param(Value::from(Regime::Pmpanrb6_2022.as_str()));
    let kinds = structural
        .iter()
        .map(|k| sql.param(Value::from(*k)))
        .collect::<Vec<_>>()
        .join(", ");
    let mut text = format!(
        "SELECT e.id, e.employee_id, e.unit_id, e.period_id, e.result_rating, e.behaviour_rating \
         FROM evaluations e JOIN plans p ON p.id = e.plan_id \
         LEFT JOIN employees m ON m.id = e.employee_id \
         JOIN positions pos ON pos.id = COALESCE(p.position_id, m.position_id) \
         WHERE e.cycle_id = {cycle_p} AND e.status = {rated_p} AND e.regime = {regime_p} \
         AND e.behaviour_rating IS NOT NULL AND pos.kind IN ({kinds})"
    );
    if let Some((unit, period)) = only {
        let u = sql.param(Value::from(unit));
        let pe = sql.param(Value::from(period));
        text.push_str(&format!(" AND e.unit_id = {u} AND e.period_id = {pe}"));
    }
    type Row = (
        Uuid,
        Uuid,
        Option<Uuid>,
        Uuid,
        Option<String>,
        Option<String>,
    );
    let mut rows: Vec<Row> = Vec::new();
    for r in db.query_all_raw(sql.statement(text)).await? {
        rows.push((
            r.try_get("", "id")?,
            r.try_get("", "employee_id")?,
            r.try_get("", "unit_id")?,
            r.try_get("", "period_id")?,
            r.try_get("", "result_rating")?,
            r.try_get("", "behaviour_rating")?,
        ));
    }
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    // Organisation predicates of the cycle's periods, by (unit, period).
    let periods: Vec<Uuid> = period::Entity::find()
        .select_only()
        .column(period::Column::Id)
        .filter(period::Column::CycleId.eq(cycle_id))
        .into_tuple()
        .all(db)
        .await?;
    let orgs: HashMap<(Uuid, Uuid), OrganisationPredicate> = org_performance::Entity::find()
        .filter(org_performance::Column::PeriodId.is_in(periods))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|o| parse_text(&o.predicate).map(|p| ((o.unit_id, o.period_id), p)))
        .collect();
    // The units each candidate appraises approved plans in, as materialised paths.
    let paths: HashMap<Uuid, String> = unit::Entity::find()
        .filter(unit::Column::AgencyId.eq(cyc.agency_id))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.path))
        .collect();
    let candidates: Vec<Uuid> = {
        let set: HashSet<Uuid> = rows.iter().map(|r| r.1).collect();
        set.into_iter().collect()
    };
    let mut appraised: HashMap<Uuid, Vec<String>> = HashMap::new();
    for chunk in candidates.chunks(CHUNK) {
        let pairs: Vec<(Option<Uuid>, Option<Uuid>)> = plan::Entity::find()
            .select_only()
            .column(plan::Column::AppraiserEmployeeId)
            .column(plan::Column::UnitId)
            .filter(plan::Column::CycleId.eq(cycle_id))
            .filter(plan::Column::AppraiserEmployeeId.is_in(chunk.to_vec()))
            .filter(plan::Column::Status.is_in(["approved", "in_appraisal"]))
            .distinct()
            .into_tuple()
            .all(db)
            .await?;
        for (a, u) in pairs {
            if let (Some(a), Some(path)) = (a, u.and_then(|u| paths.get(&u))) {
                appraised.entry(a).or_default().push(path.clone());
            }
        }
    }
    let mut changes = Vec::new();
    for (id, employee_id, unit_id, period_id, result, behaviour) in rows {
        let Some(unit_id) = unit_id else { continue };
        let Some(own) = paths.get(&unit_id) else {
            continue;
        };
        let leads = appraised
            .get(&employee_id)
            .is_some_and(|units| units.iter().any(|u| u.starts_with(own.as_str())));
        let Some(org) = orgs.get(&(unit_id, period_id)) else {
            continue;
        };
        let Some(b) = behaviour.as_deref().and_then(parse_text::<Rating>) else {
            continue;
        };
        if !leads {
            continue;
        }
        let mapped = policies.leader_result_mapping.rating_for(*org);
        if result.as_deref() == Some(text_of(mapped).as_str()) {
            continue;
        }
        changes.push(LeaderChange {
            evaluation_id: id,
            employee_id,
            before: (result,),
            after: (text_of(mapped), text_of(kuadran(mapped, b))),
        });
    }
    let at = now();
    for chunk in changes.chunks(UPDATE_CHUNK / 2) {
        let mut sql = MultiUpdate::new(db.get_database_backend());
        let result = sql.case(
            chunk
                .iter()
                .map(|c| (c.evaluation_id, Value::from(c.after.0.clone()))),
        );
        let predicate = sql.case(
            chunk
                .iter()
                .map(|c| (c.evaluation_id, Value::from(c.after.1.clone()))),
        );
        let at_p = sql.param(Value::from(at));
        let ids = sql.id_list(chunk.iter().map(|c| c.evaluation_id));
        let rated = sql.param(Value::from(EvaluationState::Rated.as_str()));
        let text = format!(
            "UPDATE evaluations SET result_rating = {result}, predicate = {predicate}, \
             version = version + 1, updated_at = {at_p} WHERE id IN ({ids}) AND status = {rated}"
        );
        db.execute_raw(sql.statement(text)).await?;
    }
    Ok(changes)
}
