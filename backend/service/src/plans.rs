//! Plans (SKP, PermenPANRB 6/2022): creation with the appraiser resolved from assignments,
//! work results cascading from the appraiser's approved plan, indicators, behaviour
//! expectations, annexes, the plan state machine, revisions, the role–result matrix and bulk
//! creation from a template. Who may do what is decided here from the plan's own parties.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use kinerja_domain::org::{PositionKind, Role};
use kinerja_domain::reference::CoreValue;
use kinerja_domain::workflow::{CycleState, PlanAction, PlanState};
use kinerja_store::entities::{
    appraiser_assignment, behaviour_expectation, cycle, employee, external_appraiser, indicator,
    plan, plan_annex, position, unit, user, work_result,
};
use rust_decimal::Decimal;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait,
    IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::actor::{Access, Ctx};
use crate::assignments::{decisive, effective_assignment, nullable, today, valid_on};
use crate::audit::{self, Change};
use crate::cycles::{closed_error, ensure_cycle_writable, state_of};
use crate::error::{FieldError, ServiceError, ServiceResult, validate};
use crate::pagination::{Page, PageParams};
use crate::policies::CyclePolicies;
use crate::{Services, now};

const RESOURCE: &str = "plans";
const ENTITY: &str = "plan";
const CHUNK: usize = 500;

// ---- vocabulary ----

macro_rules! text_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vm])* $variant),+ }
        impl $name {
            pub fn as_str(self) -> &'static str { match self { $($name::$variant => $text),+ } }
            pub fn parse(text: &str) -> Option<Self> { match text { $($text => Some($name::$variant),)+ _ => None } }
        }
    };
}

text_enum! {
    /// Pendekatan: kuantitatif or kualitatif.
    Approach { Quantitative => "quantitative", Qualitative => "qualitative" }
}
text_enum! {
    /// SKP form, from the employee's position: JPT or non-JPT.
    PlanForm { Jpt => "jpt", NonJpt => "non_jpt" }
}
text_enum! {
    /// Utama or tambahan.
    WorkResultKind { Main => "main", Additional => "additional" }
}
text_enum! {
    /// Perspective of a JPT quantitative work result.
    Perspective {
        PenerimaLayanan => "penerima_layanan",
        ProsesBisnis => "proses_bisnis",
        PenguatanInternal => "penguatan_internal",
        Anggaran => "anggaran",
    }
}
text_enum! {
    /// Aspek of an indicator.
    Aspect { Quantity => "quantity", Quality => "quality", Time => "time", Cost => "cost" }
}
text_enum! {
    /// Whether more realization is better.
    Direction { Higher => "higher", Lower => "lower" }
}
text_enum! {
    /// The three annex lists (lampiran SKP).
    AnnexKind { Resources => "resources", Accountability => "accountability", Consequences => "consequences" }
}

fn core_value_str(v: CoreValue) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|x| x.as_str().map(str::to_owned))
        .unwrap_or_default()
}

#[cfg(test)]
fn parse_core_value(text: &str) -> Option<CoreValue> {
    serde_json::from_value(serde_json::Value::String(text.to_owned())).ok()
}

// ---- views ----

/// An indicator (IKI) with its target.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct IndicatorView {
    pub id: Uuid,
    pub work_result_id: Uuid,
    pub seq: i32,
    pub aspect: Aspect,
    #[schema(example = "Jumlah dokumen laporan yang disusun")]
    pub description: String,
    pub direction: Direction,
    /// Decimal string; equal to `target_max` for a single target.
    #[schema(example = "12")]
    pub target_min: Option<String>,
    #[schema(example = "12")]
    pub target_max: Option<String>,
    #[schema(example = "dokumen")]
    pub unit: Option<String>,
    /// The narrative target (qualitative approach).
    pub target_text: Option<String>,
    pub is_target_maximum: bool,
    /// Where realizations come from, if another system feeds them.
    pub source_system: Option<String>,
}

impl From<&indicator::Model> for IndicatorView {
    fn from(m: &indicator::Model) -> Self {
        Self {
            id: m.id,
            work_result_id: m.work_result_id,
            seq: m.seq,
            aspect: Aspect::parse(&m.aspect).unwrap_or(Aspect::Quantity),
            description: m.description.clone(),
            direction: Direction::parse(&m.direction).unwrap_or(Direction::Higher),
            target_min: m.target_min.clone(),
            target_max: m.target_max.clone(),
            unit: m.unit.clone(),
            target_text: m.target_text.clone(),
            is_target_maximum: m.is_target_maximum,
            source_system: m.source_system.clone(),
        }
    }
}

/// A work result (RHK) with its indicators.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct WorkResultView {
    pub id: Uuid,
    pub plan_id: Uuid,
    pub kind: WorkResultKind,
    pub seq: i32,
    #[schema(example = "Tersusunnya laporan kinerja bidang")]
    pub description: String,
    /// The appraiser's work result this one is intervened from.
    pub cascades_from_id: Option<Uuid>,
    /// Its description, for display.
    pub cascades_from_description: Option<String>,
    /// JPT: who assigned it (penugasan dari).
    pub assigned_by: Option<String>,
    pub perspective: Option<Perspective>,
    pub classification: Option<String>,
    pub indicators: Vec<IndicatorView>,
}

fn wr_view(
    m: &work_result::Model,
    indicators: Vec<IndicatorView>,
    parent: Option<String>,
) -> WorkResultView {
    WorkResultView {
        id: m.id,
        plan_id: m.plan_id,
        kind: WorkResultKind::parse(&m.kind).unwrap_or(WorkResultKind::Main),
        seq: m.seq,
        description: m.description.clone(),
        cascades_from_id: m.cascades_from_id,
        cascades_from_description: parent,
        assigned_by: m.assigned_by.clone(),
        perspective: m.perspective.as_deref().and_then(Perspective::parse),
        classification: m.classification.clone(),
        indicators,
    }
}

/// One BerAKHLAK core value with its fixed guidelines and the leader's specific expectation.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ExpectationView {
    pub core_value: CoreValue,
    #[schema(example = "Berorientasi Pelayanan")]
    pub label: String,
    /// The three panduan perilaku.
    pub guidelines: Vec<String>,
    /// Ekspektasi khusus pimpinan, if any.
    pub expectation: Option<String>,
}

/// The three annex lists.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Validate, ToSchema)]
#[schema(example = json!({
    "resources": ["Anggaran kegiatan DPA 2026", "Aplikasi e-Kinerja"],
    "accountability": ["Laporan triwulanan kepada Kepala Dinas"],
    "consequences": ["Predikat kinerja menjadi dasar pemberian TPP"]
}))]
pub struct Annexes {
    /// Dukungan sumber daya.
    #[serde(default)]
    #[validate(length(max = 50))]
    pub resources: Vec<String>,
    /// Skema pertanggungjawaban.
    #[serde(default)]
    #[validate(length(max = 50))]
    pub accountability: Vec<String>,
    /// Konsekuensi.
    #[serde(default)]
    #[validate(length(max = 50))]
    pub consequences: Vec<String>,
}

/// Another revision of the same plan.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PlanRevisionView {
    pub id: Uuid,
    pub revision: i32,
    pub status: PlanState,
    pub approved_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

/// A plan's header, as listings show it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PlanSummary {
    pub id: Uuid,
    pub agency_id: Uuid,
    pub cycle_id: Uuid,
    pub employee_id: Uuid,
    #[schema(example = "Siti Rahmawati, S.Kom.")]
    pub employee_name: String,
    #[schema(example = "199005122015032001")]
    pub employee_nip: String,
    pub unit_id: Option<Uuid>,
    pub position_id: Option<Uuid>,
    pub revision: i32,
    /// The revision this one replaces.
    pub supersedes_id: Option<Uuid>,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub approach: Approach,
    pub form: PlanForm,
    pub appraiser_employee_id: Option<Uuid>,
    pub appraiser_external_id: Option<Uuid>,
    #[schema(example = "Dr. Hendra Wijaya, M.Pd.")]
    pub appraiser_name: Option<String>,
    pub superior_employee_id: Option<Uuid>,
    pub superior_external_id: Option<Uuid>,
    pub status: PlanState,
    #[schema(example = "Draf")]
    pub status_label: String,
    /// Why the appraiser returned it, while it is a draft again.
    pub return_reason: Option<String>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub approved_at: Option<DateTime<Utc>>,
    pub approved_by: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

/// A full plan: header, work results with indicators, the seven core values, annexes and the
/// other revisions.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PlanView {
    #[serde(flatten)]
    pub header: PlanSummary,
    pub work_results: Vec<WorkResultView>,
    pub expectations: Vec<ExpectationView>,
    pub annexes: Annexes,
    /// Every revision of this plan, oldest first (including this one).
    pub history: Vec<PlanRevisionView>,
}

/// What the caller may do with a plan now.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PlanAllowedActions {
    pub status: PlanState,
    pub actions: Vec<PlanAction>,
    /// May the caller change the content (work results, indicators, expectations, annexes)?
    pub can_edit: bool,
}

// ---- requests ----

/// Starts a plan (SKP) for an employee in a cycle.
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[schema(example = json!({
    "cycle_id": "0190f0c2-8a5e-7000-8000-000000000010",
    "employee_id": "0190f0c2-8a5e-7000-8000-000000000001",
    "approach": "quantitative"
}))]
pub struct CreatePlan {
    pub cycle_id: Uuid,
    pub employee_id: Uuid,
    pub approach: Approach,
    /// Default: the cycle's first day.
    pub starts_on: Option<NaiveDate>,
    /// Default: the cycle's last day.
    pub ends_on: Option<NaiveDate>,
}

/// Changes a draft plan's approach or dates.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[schema(example = json!({"approach": "qualitative", "ends_on": "2026-06-30"}))]
pub struct UpdatePlan {
    pub approach: Option<Approach>,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListPlansQuery {
    /// Only for a super_admin: the agency to list (required for them).
    pub agency_id: Option<Uuid>,
    pub cycle_id: Option<Uuid>,
    pub employee_id: Option<Uuid>,
    pub status: Option<PlanState>,
    pub unit_id: Option<Uuid>,
    /// An employee id, or `me`: the plans the caller must review.
    pub appraiser_employee_id: Option<String>,
}

/// Adds a work result (RHK).
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[schema(example = json!({
    "kind": "main", "description": "Tersusunnya laporan data pendidikan dasar",
    "cascades_from_id": "0190f0c2-8a5e-7000-8000-000000000020"
}))]
pub struct CreateWorkResult {
    pub kind: WorkResultKind,
    #[validate(length(min = 1, max = 2000))]
    pub description: String,
    /// Required for non-JPT main results: a work result of the appraiser's approved plan in
    /// the same cycle (see `GET /plans/{id}/cascade-options`).
    pub cascades_from_id: Option<Uuid>,
    /// JPT: who assigned it (penugasan dari); required for JPT main results.
    #[validate(length(min = 1, max = 200))]
    pub assigned_by: Option<String>,
    /// JPT quantitative plans only.
    pub perspective: Option<Perspective>,
    #[validate(length(min = 1, max = 200))]
    pub classification: Option<String>,
}

/// Changes a work result; absent fields stay, `null` clears.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[schema(example = json!({"description": "Tersusunnya laporan data pendidikan dasar tepat waktu"}))]
pub struct UpdateWorkResult {
    pub kind: Option<WorkResultKind>,
    pub description: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<Uuid>)]
    pub cascades_from_id: Option<Option<Uuid>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>)]
    pub assigned_by: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<Perspective>)]
    pub perspective: Option<Option<Perspective>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>)]
    pub classification: Option<Option<String>>,
}

/// Adds an indicator (IKI) with its target.
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[schema(example = json!({
    "aspect": "quantity", "description": "Jumlah laporan yang disusun", "direction": "higher",
    "target": "12", "unit": "dokumen"
}))]
pub struct CreateIndicator {
    pub aspect: Aspect,
    #[validate(length(min = 1, max = 2000))]
    pub description: String,
    /// Default `higher`.
    pub direction: Option<Direction>,
    /// A single target (decimal string): sets both bounds.
    pub target: Option<String>,
    /// Lower bound of a target range (decimal string).
    pub target_min: Option<String>,
    /// Upper bound of a target range (decimal string).
    pub target_max: Option<String>,
    #[validate(length(min = 1, max = 64))]
    pub unit: Option<String>,
    /// The narrative target; required for the qualitative approach.
    #[validate(length(min = 1, max = 2000))]
    pub target_text: Option<String>,
    #[serde(default)]
    pub is_target_maximum: bool,
    #[validate(length(min = 1, max = 64))]
    pub source_system: Option<String>,
}

/// Changes an indicator; the result is validated as a whole.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[schema(example = json!({"target_min": "10", "target_max": "12"}))]
pub struct UpdateIndicator {
    pub aspect: Option<Aspect>,
    pub description: Option<String>,
    pub direction: Option<Direction>,
    pub target: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>)]
    pub target_min: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>)]
    pub target_max: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>)]
    pub unit: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>)]
    pub target_text: Option<Option<String>>,
    pub is_target_maximum: Option<bool>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>)]
    pub source_system: Option<Option<String>>,
}

/// One leader's expectation for a core value.
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[schema(example = json!({"core_value": "akuntabel", "expectation": "Menyampaikan laporan tepat waktu"}))]
pub struct ExpectationInput {
    pub core_value: CoreValue,
    #[validate(length(min = 1, max = 2000))]
    pub expectation: String,
}

/// Returns a submitted plan to the employee.
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[schema(example = json!({"reason": "Target kuantitas belum sesuai perjanjian kinerja unit."}))]
pub struct ReturnPlan {
    #[validate(length(min = 1, max = 2000))]
    pub reason: String,
}

/// Sets the plan's appraiser by hand (HR).
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[schema(example = json!({"appraiser_employee_id": "0190f0c2-8a5e-7000-8000-000000000002"}))]
pub struct ReassignAppraiser {
    /// Exactly one of this and `appraiser_external_id`.
    pub appraiser_employee_id: Option<Uuid>,
    pub appraiser_external_id: Option<Uuid>,
}

/// Cascades one of the leader's approved work results to subordinates' draft plans.
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[schema(example = json!({
    "employee_ids": ["0190f0c2-8a5e-7000-8000-000000000003", "0190f0c2-8a5e-7000-8000-000000000004"],
    "description": "Tersusunnya data peserta didik per sekolah",
    "indicators": [{"aspect": "quantity", "description": "Jumlah sekolah terdata", "target": "40", "unit": "sekolah"}]
}))]
pub struct CascadeWorkResult {
    #[validate(length(min = 1, max = 1000))]
    pub employee_ids: Vec<Uuid>,
    /// The subordinates' work result text; default the leader's.
    #[validate(length(min = 1, max = 2000))]
    pub description: Option<String>,
    #[serde(default)]
    #[validate(nested)]
    pub indicators: Vec<CreateIndicator>,
}

/// The work results created by a cascade, one per subordinate.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CascadeResult {
    pub source_work_result_id: Uuid,
    pub created: Vec<CascadedItem>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CascadedItem {
    pub employee_id: Uuid,
    pub plan_id: Uuid,
    pub work_result_id: Uuid,
}

/// A template work result of a bulk creation.
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
pub struct TemplateWorkResult {
    pub kind: WorkResultKind,
    #[validate(length(min = 1, max = 2000))]
    pub description: String,
    #[validate(length(min = 1, max = 200))]
    pub assigned_by: Option<String>,
    #[serde(default)]
    #[validate(nested)]
    pub indicators: Vec<CreateIndicator>,
}

#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
pub struct PlanTemplate {
    pub approach: Approach,
    #[serde(default)]
    #[validate(nested)]
    pub work_results: Vec<TemplateWorkResult>,
}

/// Creates draft plans for every active employee of a unit who has none in the cycle.
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[schema(example = json!({
    "unit_id": "0190f0c2-8a5e-7000-8000-000000000030", "include_subunits": true,
    "template": {"approach": "quantitative", "work_results": [
        {"kind": "additional", "description": "Terlaksananya tugas tambahan dari pimpinan",
         "indicators": [{"aspect": "quantity", "description": "Jumlah tugas", "target": "4", "unit": "kegiatan"}]}]}
}))]
pub struct BulkCreatePlans {
    pub unit_id: Uuid,
    #[serde(default)]
    pub include_subunits: bool,
    #[validate(nested)]
    pub template: PlanTemplate,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BulkCreated {
    pub employee_id: Uuid,
    pub plan_id: Uuid,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BulkSkipped {
    pub employee_id: Uuid,
    pub employee_name: String,
    /// `has_plan` or `no_appraiser`.
    #[schema(example = "has_plan")]
    pub code: String,
    pub reason: String,
}

/// What a bulk creation did.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BulkPlansReport {
    pub created: Vec<BulkCreated>,
    pub skipped: Vec<BulkSkipped>,
}

/// The appraiser's approved work results a non-JPT main result may cascade from.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CascadeOptions {
    pub appraiser_plan_id: Uuid,
    #[schema(example = "Dr. Hendra Wijaya, M.Pd.")]
    pub appraiser_name: String,
    pub work_results: Vec<WorkResultView>,
}

// ---- access ----

/// The caller's relation to a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Relation {
    /// agency_admin or super_admin.
    pub is_hr: bool,
    /// auditor, or an API client with `realizations:write`: reads.
    pub is_reader: bool,
    pub is_owner: bool,
    pub is_appraiser: bool,
    pub is_superior: bool,
}

impl Relation {
    pub fn can_read(&self) -> bool {
        self.is_hr || self.is_reader || self.is_owner || self.is_appraiser || self.is_superior
    }
    pub fn can_write_content(&self) -> bool {
        self.is_hr || self.is_owner
    }
}

/// How `ctx` relates to `p`; another agency's plan reads as not found.
pub fn relation(ctx: &Ctx, p: &plan::Model) -> ServiceResult<Relation> {
    ctx.actor.check_agency(p.agency_id, ENTITY)?;
    let me = ctx.actor.employee_id();
    let is_hr = ctx
        .actor
        .can_administer(p.agency_id, RESOURCE, Access::Write);
    let is_reader = ctx.actor.role() == Some(Role::Auditor)
        || (ctx.actor.role().is_none()
            && ctx
                .actor
                .can_administer(p.agency_id, "realizations", Access::Write));
    Ok(Relation {
        is_hr,
        is_reader,
        is_owner: me.is_some() && me == Some(p.employee_id),
        is_appraiser: me.is_some() && me == p.appraiser_employee_id,
        is_superior: me.is_some() && me == p.superior_employee_id,
    })
}

/// Loads a plan the caller may read (404 otherwise) with the caller's relation to it.
pub async fn readable_plan<C: ConnectionTrait>(
    db: &C,
    ctx: &Ctx,
    id: Uuid,
) -> ServiceResult<(plan::Model, Relation)> {
    let p = plan::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::not_found(ENTITY))?;
    let rel = relation(ctx, &p)?;
    if !rel.can_read() {
        return Err(ServiceError::not_found(ENTITY));
    }
    Ok((p, rel))
}

pub fn plan_state(p: &plan::Model) -> PlanState {
    PlanState::parse(&p.status).unwrap_or(PlanState::Draft)
}

/// Loads a plan whose content the caller may edit now: readable, writable by them, draft,
/// and in a cycle that is not closed.
async fn editable_plan<C: ConnectionTrait>(
    db: &C,
    ctx: &Ctx,
    id: Uuid,
) -> ServiceResult<plan::Model> {
    let (p, rel) = readable_plan(db, ctx, id).await?;
    if !rel.can_write_content() {
        return Err(ServiceError::forbidden(
            "Only the plan's employee or HR may change its content.",
        ));
    }
    ensure_cycle_writable(db, p.cycle_id).await?;
    if plan_state(&p) != PlanState::Draft {
        return Err(ServiceError::conflict(
            "plan_not_draft",
            format!(
                "The plan is {}; its content can only change while it is a draft.",
                p.status.replace('_', " ")
            ),
        ));
    }
    Ok(p)
}

fn illegal(e: kinerja_domain::workflow::IllegalTransition) -> ServiceError {
    ServiceError::conflict("illegal_transition", e.message)
}

// ---- helpers ----

async fn employee_of<C: ConnectionTrait>(db: &C, id: Uuid) -> ServiceResult<employee::Model> {
    employee::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::not_found("employee"))
}

async fn form_of<C: ConnectionTrait>(db: &C, e: &employee::Model) -> ServiceResult<PlanForm> {
    let kind = match e.position_id {
        Some(pid) => position::Entity::find_by_id(pid)
            .one(db)
            .await?
            .and_then(|p| PositionKind::parse(&p.kind)),
        None => None,
    };
    Ok(if kind == Some(PositionKind::Jpt) {
        PlanForm::Jpt
    } else {
        PlanForm::NonJpt
    })
}

/// The appraiser assignment deciding on `on`, or 422 `no_appraiser` with a plain message.
async fn resolve_appraiser<C: ConnectionTrait>(
    db: &C,
    e: &employee::Model,
    on: NaiveDate,
) -> ServiceResult<appraiser_assignment::Model> {
    effective_assignment(db, e.id, on).await?.ok_or_else(|| {
        ServiceError::rule(
            "no_appraiser",
            format!(
                "No appraiser is assigned to {} on {on}; ask HR to assign one.",
                e.name
            ),
        )
    })
}

/// The day an appraiser is resolved for at submission: today, within the plan's dates.
fn submission_day(p: &plan::Model) -> NaiveDate {
    today().clamp(p.starts_on, p.ends_on)
}

async fn person_name<C: ConnectionTrait>(
    db: &C,
    employee_id: Option<Uuid>,
    external_id: Option<Uuid>,
) -> ServiceResult<Option<String>> {
    if let Some(id) = employee_id {
        return Ok(employee::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|e| e.name));
    }
    if let Some(id) = external_id {
        return Ok(external_appraiser::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|e| e.name));
    }
    Ok(None)
}

fn live_statuses() -> Vec<&'static str> {
    vec![
        PlanState::Draft.as_str(),
        PlanState::Submitted.as_str(),
        PlanState::Approved.as_str(),
        PlanState::InAppraisal.as_str(),
    ]
}

fn approved_statuses() -> Vec<&'static str> {
    vec![
        PlanState::Approved.as_str(),
        PlanState::InAppraisal.as_str(),
    ]
}

/// The appraiser's approved plan in the cycle covering `on` (or the latest approved one).
async fn appraiser_approved_plan<C: ConnectionTrait>(
    db: &C,
    cycle_id: Uuid,
    appraiser_id: Uuid,
    on: NaiveDate,
) -> ServiceResult<Option<plan::Model>> {
    let plans = plan::Entity::find()
        .filter(plan::Column::CycleId.eq(cycle_id))
        .filter(plan::Column::EmployeeId.eq(appraiser_id))
        .filter(plan::Column::Status.is_in(approved_statuses()))
        .order_by_desc(plan::Column::StartsOn)
        .all(db)
        .await?;
    Ok(plans
        .iter()
        .find(|p| p.starts_on <= on && on <= p.ends_on)
        .or(plans.first())
        .cloned())
}

/// The approved plan whose work results the plan's non-JPT main results cascade from, or
/// 422 `appraiser_plan_not_approved` naming the appraiser.
async fn cascade_source<C: ConnectionTrait>(
    db: &C,
    p: &plan::Model,
) -> ServiceResult<(plan::Model, String)> {
    let name = person_name(db, p.appraiser_employee_id, p.appraiser_external_id)
        .await?
        .unwrap_or_else(|| "Your appraiser".to_owned());
    let found = match p.appraiser_employee_id {
        Some(a) => appraiser_approved_plan(db, p.cycle_id, a, p.starts_on).await?,
        None => None,
    };
    found.map(|ap| (ap, name.clone())).ok_or_else(|| {
        ServiceError::rule(
            "appraiser_plan_not_approved",
            format!(
                "{name}, your appraiser, has no approved plan in this cycle yet, so there is no work result to cascade from. Ask {name} to submit their plan and have it approved first."
            ),
        )
    })
}

fn parse_decimal(field: &str, raw: &str) -> Result<Decimal, FieldError> {
    raw.trim().parse::<Decimal>().map_err(|_| {
        FieldError::new(
            field,
            "invalid_decimal",
            format!("\"{raw}\" is not a decimal number (use a dot: 12.5)."),
        )
    })
}

/// A validated indicator, ready to store.
struct IndicatorData {
    aspect: Aspect,
    description: String,
    direction: Direction,
    target_min: Option<String>,
    target_max: Option<String>,
    unit: Option<String>,
    target_text: Option<String>,
    is_target_maximum: bool,
    source_system: Option<String>,
}

/// Checks one indicator against the plan's approach; field names under `prefix`.
fn check_indicator(
    req: &CreateIndicator,
    approach: Approach,
    prefix: &str,
) -> Result<IndicatorData, Vec<FieldError>> {
    let f = |name: &str| format!("{prefix}{name}");
    let mut errs = Vec::new();
    let (mut min, mut max) = (req.target_min.clone(), req.target_max.clone());
    if let Some(t) = &req.target {
        if min.is_some() || max.is_some() {
            errs.push(FieldError::new(
                f("target"),
                "target_and_range",
                "Send either a single target or target_min/target_max, not both.",
            ));
        }
        min = Some(t.clone());
        max = Some(t.clone());
    }
    if min.is_some() != max.is_some() {
        min = min.or(max.clone());
        max = max.or(min.clone());
    }
    let mut parsed = (None, None);
    if let (Some(a), Some(b)) = (&min, &max) {
        // A single target is reported under its own name.
        let (fa, fb) = if req.target.is_some() {
            (f("target"), f("target"))
        } else {
            (f("target_min"), f("target_max"))
        };
        match (parse_decimal(&fa, a), parse_decimal(&fb, b)) {
            (Ok(a), Ok(b)) => {
                if a > b {
                    errs.push(FieldError::new(
                        f("target_min"),
                        "target_range_inverted",
                        "The lower bound must not exceed the upper bound.",
                    ));
                } else if a < Decimal::ZERO {
                    errs.push(FieldError::new(
                        fa.clone(),
                        "negative_target",
                        "A target cannot be negative.",
                    ));
                }
                parsed = (
                    Some(a.normalize().to_string()),
                    Some(b.normalize().to_string()),
                );
            }
            (Err(e), _) if req.target.is_some() => errs.push(e),
            (a, b) => {
                errs.extend(a.err());
                errs.extend(b.err());
            }
        }
    }
    match approach {
        Approach::Quantitative if min.is_none() => errs.push(FieldError::new(
            f("target"),
            "required",
            "A quantitative indicator needs a target (target, or target_min and target_max).",
        )),
        Approach::Qualitative
            if req
                .target_text
                .as_deref()
                .is_none_or(|t| t.trim().is_empty()) =>
        {
            errs.push(FieldError::new(
                f("target_text"),
                "required",
                "A qualitative indicator needs its target described in target_text.",
            ))
        }
        _ => {}
    }
    if req.description.trim().is_empty() {
        errs.push(FieldError::new(
            f("description"),
            "required",
            "Describe the indicator.",
        ));
    }
    if !errs.is_empty() {
        return Err(errs);
    }
    Ok(IndicatorData {
        aspect: req.aspect,
        description: req.description.trim().to_owned(),
        direction: req.direction.unwrap_or(Direction::Higher),
        target_min: parsed.0,
        target_max: parsed.1,
        unit: req.unit.clone(),
        target_text: req.target_text.clone(),
        is_target_maximum: req.is_target_maximum,
        source_system: req.source_system.clone(),
    })
}

fn indicator_model(
    d: IndicatorData,
    agency_id: Uuid,
    wr_id: Uuid,
    seq: i32,
) -> indicator::ActiveModel {
    indicator::ActiveModel {
        id: Set(Uuid::now_v7()),
        agency_id: Set(agency_id),
        work_result_id: Set(wr_id),
        seq: Set(seq),
        aspect: Set(d.aspect.as_str().to_owned()),
        description: Set(d.description),
        direction: Set(d.direction.as_str().to_owned()),
        target_min: Set(d.target_min),
        target_max: Set(d.target_max),
        unit: Set(d.unit),
        target_text: Set(d.target_text),
        is_target_maximum: Set(d.is_target_maximum),
        source_system: Set(d.source_system),
    }
}

/// The stored shape of a work result, checked against the plan's form and approach.
struct WorkResultData {
    kind: WorkResultKind,
    description: String,
    cascades_from_id: Option<Uuid>,
    assigned_by: Option<String>,
    perspective: Option<Perspective>,
    classification: Option<String>,
}

async fn check_work_result<C: ConnectionTrait>(
    db: &C,
    p: &plan::Model,
    d: &WorkResultData,
) -> ServiceResult<()> {
    let form = PlanForm::parse(&p.form).unwrap_or(PlanForm::NonJpt);
    let approach = Approach::parse(&p.approach).unwrap_or(Approach::Quantitative);
    let mut errs = Vec::new();
    if d.description.trim().is_empty() || d.description.chars().count() > 2000 {
        errs.push(FieldError::new(
            "description",
            "length",
            "Describe the work result (1 to 2000 characters).",
        ));
    }
    if form == PlanForm::Jpt
        && d.kind == WorkResultKind::Main
        && d.assigned_by.as_deref().is_none_or(|a| a.trim().is_empty())
    {
        errs.push(FieldError::new(
            "assigned_by",
            "required",
            "A JPT main work result records who assigned it (penugasan dari).",
        ));
    }
    if d.perspective.is_some() && !(form == PlanForm::Jpt && approach == Approach::Quantitative) {
        errs.push(FieldError::new(
            "perspective",
            "not_applicable",
            "A perspective applies only to work results of a JPT plan with the quantitative approach.",
        ));
    }
    let needs_cascade = form == PlanForm::NonJpt && d.kind == WorkResultKind::Main;
    if needs_cascade || d.cascades_from_id.is_some() {
        if !errs.is_empty() && d.cascades_from_id.is_some() {
            return Err(ServiceError::Validation(errs));
        }
        let (source, name) = cascade_source(db, p).await?;
        match d.cascades_from_id {
            None => errs.push(FieldError::new(
                "cascades_from_id",
                "required",
                format!("A main work result of a non-JPT plan must cascade from a work result of {name}'s approved plan."),
            )),
            Some(parent) => {
                let ok = work_result::Entity::find_by_id(parent)
                    .filter(work_result::Column::PlanId.eq(source.id))
                    .count(db)
                    .await?
                    > 0;
                if !ok {
                    errs.push(FieldError::new(
                        "cascades_from_id",
                        "not_in_appraiser_plan",
                        format!("The work result to cascade from must belong to {name}'s approved plan in this cycle."),
                    ));
                }
            }
        }
    }
    if errs.is_empty() {
        Ok(())
    } else {
        Err(ServiceError::Validation(errs))
    }
}

async fn next_seq_wr<C: ConnectionTrait>(db: &C, plan_id: Uuid) -> ServiceResult<i32> {
    let max: Option<Option<i32>> = work_result::Entity::find()
        .select_only()
        .column_as(work_result::Column::Seq.max(), "m")
        .filter(work_result::Column::PlanId.eq(plan_id))
        .into_tuple()
        .one(db)
        .await?;
    Ok(max.flatten().unwrap_or(0) + 1)
}

async fn next_seq_ind<C: ConnectionTrait>(db: &C, wr_id: Uuid) -> ServiceResult<i32> {
    let max: Option<Option<i32>> = indicator::Entity::find()
        .select_only()
        .column_as(indicator::Column::Seq.max(), "m")
        .filter(indicator::Column::WorkResultId.eq(wr_id))
        .into_tuple()
        .one(db)
        .await?;
    Ok(max.flatten().unwrap_or(0) + 1)
}

// ---- assembling views ----

async fn summaries<C: ConnectionTrait>(
    db: &C,
    plans: &[plan::Model],
) -> ServiceResult<Vec<PlanSummary>> {
    let mut emp_ids: HashSet<Uuid> = plans.iter().map(|p| p.employee_id).collect();
    emp_ids.extend(plans.iter().filter_map(|p| p.appraiser_employee_id));
    let ext_ids: HashSet<Uuid> = plans
        .iter()
        .filter_map(|p| p.appraiser_external_id)
        .collect();
    let mut emps = HashMap::new();
    let ids: Vec<Uuid> = emp_ids.into_iter().collect();
    for chunk in ids.chunks(CHUNK) {
        for e in employee::Entity::find()
            .filter(employee::Column::Id.is_in(chunk.to_vec()))
            .all(db)
            .await?
        {
            emps.insert(e.id, e);
        }
    }
    let mut exts = HashMap::new();
    if !ext_ids.is_empty() {
        for e in external_appraiser::Entity::find()
            .filter(external_appraiser::Column::Id.is_in(ext_ids))
            .all(db)
            .await?
        {
            exts.insert(e.id, e.name);
        }
    }
    Ok(plans
        .iter()
        .map(|p| {
            let e = emps.get(&p.employee_id);
            let status = plan_state(p);
            PlanSummary {
                id: p.id,
                agency_id: p.agency_id,
                cycle_id: p.cycle_id,
                employee_id: p.employee_id,
                employee_name: e.map(|e| e.name.clone()).unwrap_or_default(),
                employee_nip: e.map(|e| e.nip.clone()).unwrap_or_default(),
                unit_id: p.unit_id,
                position_id: p.position_id,
                revision: p.revision,
                supersedes_id: p.supersedes_id,
                starts_on: p.starts_on,
                ends_on: p.ends_on,
                approach: Approach::parse(&p.approach).unwrap_or(Approach::Quantitative),
                form: PlanForm::parse(&p.form).unwrap_or(PlanForm::NonJpt),
                appraiser_employee_id: p.appraiser_employee_id,
                appraiser_external_id: p.appraiser_external_id,
                appraiser_name: p
                    .appraiser_employee_id
                    .and_then(|a| emps.get(&a).map(|e| e.name.clone()))
                    .or_else(|| p.appraiser_external_id.and_then(|x| exts.get(&x).cloned())),
                superior_employee_id: p.superior_employee_id,
                superior_external_id: p.superior_external_id,
                status,
                status_label: status.label_id().to_owned(),
                return_reason: p.return_reason.clone(),
                submitted_at: p.submitted_at,
                approved_at: p.approved_at,
                approved_by: p.approved_by.clone(),
                created_at: p.created_at,
                updated_at: p.updated_at,
                version: p.version,
            }
        })
        .collect())
}

async fn work_results_of<C: ConnectionTrait>(
    db: &C,
    plan_ids: &[Uuid],
) -> ServiceResult<Vec<WorkResultView>> {
    let wrs = work_result::Entity::find()
        .filter(work_result::Column::PlanId.is_in(plan_ids.to_vec()))
        .order_by_asc(work_result::Column::Seq)
        .all(db)
        .await?;
    let ids: Vec<Uuid> = wrs.iter().map(|w| w.id).collect();
    let mut inds: HashMap<Uuid, Vec<IndicatorView>> = HashMap::new();
    for chunk in ids.chunks(CHUNK) {
        for i in indicator::Entity::find()
            .filter(indicator::Column::WorkResultId.is_in(chunk.to_vec()))
            .order_by_asc(indicator::Column::Seq)
            .all(db)
            .await?
        {
            inds.entry(i.work_result_id)
                .or_default()
                .push(IndicatorView::from(&i));
        }
    }
    let parent_ids: Vec<Uuid> = wrs.iter().filter_map(|w| w.cascades_from_id).collect();
    let mut parents = HashMap::new();
    if !parent_ids.is_empty() {
        for w in work_result::Entity::find()
            .filter(work_result::Column::Id.is_in(parent_ids))
            .all(db)
            .await?
        {
            parents.insert(w.id, w.description);
        }
    }
    Ok(wrs
        .iter()
        .map(|w| {
            wr_view(
                w,
                inds.remove(&w.id).unwrap_or_default(),
                w.cascades_from_id.and_then(|c| parents.get(&c).cloned()),
            )
        })
        .collect())
}

async fn full_view<C: ConnectionTrait>(db: &C, p: &plan::Model) -> ServiceResult<PlanView> {
    let header = summaries(db, std::slice::from_ref(p)).await?.remove(0);
    let work_results = work_results_of(db, &[p.id]).await?;
    let stored: HashMap<String, String> = behaviour_expectation::Entity::find()
        .filter(behaviour_expectation::Column::PlanId.eq(p.id))
        .all(db)
        .await?
        .into_iter()
        .map(|e| (e.core_value, e.expectation))
        .collect();
    let expectations = CoreValue::ALL
        .iter()
        .map(|v| ExpectationView {
            core_value: *v,
            label: v.label_id().to_owned(),
            guidelines: v.guidelines().iter().map(|g| (*g).to_owned()).collect(),
            expectation: stored.get(&core_value_str(*v)).cloned(),
        })
        .collect();
    let mut annexes = Annexes::default();
    for a in plan_annex::Entity::find()
        .filter(plan_annex::Column::PlanId.eq(p.id))
        .order_by_asc(plan_annex::Column::Seq)
        .all(db)
        .await?
    {
        match AnnexKind::parse(&a.kind) {
            Some(AnnexKind::Resources) => annexes.resources.push(a.body),
            Some(AnnexKind::Accountability) => annexes.accountability.push(a.body),
            Some(AnnexKind::Consequences) => annexes.consequences.push(a.body),
            None => {}
        }
    }
    // The revision chain: walk back through supersedes_id, then forward through successors.
    let mut chain = vec![p.clone()];
    let mut cur = p.supersedes_id;
    while let Some(id) = cur {
        match plan::Entity::find_by_id(id).one(db).await? {
            Some(prev) => {
                cur = prev.supersedes_id;
                chain.insert(0, prev);
            }
            None => break,
        }
        if chain.len() > 100 {
            break;
        }
    }
    let mut last = p.id;
    while let Some(next) = plan::Entity::find()
        .filter(plan::Column::SupersedesId.eq(last))
        .order_by_desc(plan::Column::Revision)
        .one(db)
        .await?
    {
        last = next.id;
        chain.push(next);
        if chain.len() > 100 {
            break;
        }
    }
    let history = chain
        .iter()
        .map(|r| PlanRevisionView {
            id: r.id,
            revision: r.revision,
            status: plan_state(r),
            approved_at: r.approved_at,
            created_at: r.created_at,
        })
        .collect();
    Ok(PlanView {
        header,
        work_results,
        expectations,
        annexes,
        history,
    })
}

/// The plan an audit entry is about: its id, agency and employee (the entry's subject).
#[derive(Clone, Copy)]
struct PlanKey {
    id: Uuid,
    agency_id: Uuid,
    employee_id: Uuid,
}

impl From<&plan::Model> for PlanKey {
    fn from(p: &plan::Model) -> Self {
        Self {
            id: p.id,
            agency_id: p.agency_id,
            employee_id: p.employee_id,
        }
    }
}

async fn audit_plan<C: ConnectionTrait>(
    db: &C,
    ctx: &Ctx,
    action: &str,
    key: PlanKey,
    before: Option<serde_json::Value>,
    after: Option<serde_json::Value>,
) -> ServiceResult<()> {
    audit::record(
        db,
        ctx,
        Change {
            subject_employee_id: Some(key.employee_id),
            agency_id: Some(key.agency_id),
            action,
            entity_type: ENTITY,
            entity_id: key.id.to_string(),
            before,
            after,
        },
    )
    .await
}

async fn header_of<C: ConnectionTrait>(db: &C, p: &plan::Model) -> ServiceResult<PlanSummary> {
    Ok(summaries(db, std::slice::from_ref(p)).await?.remove(0))
}

fn overlap_conflict() -> ServiceError {
    ServiceError::conflict(
        "plan_overlaps",
        "The employee already has a plan in this cycle for some of these dates; plans of one employee may not overlap (end the earlier one first).",
    )
}

async fn check_overlap<C: ConnectionTrait>(
    db: &C,
    cycle_id: Uuid,
    employee_id: Uuid,
    starts_on: NaiveDate,
    ends_on: NaiveDate,
    except: &[Uuid],
) -> ServiceResult<()> {
    let mut q = plan::Entity::find()
        .filter(plan::Column::CycleId.eq(cycle_id))
        .filter(plan::Column::EmployeeId.eq(employee_id))
        .filter(plan::Column::Status.is_in(live_statuses()))
        .filter(plan::Column::StartsOn.lte(ends_on))
        .filter(plan::Column::EndsOn.gte(starts_on));
    if !except.is_empty() {
        q = q.filter(plan::Column::Id.is_not_in(except.to_vec()));
    }
    if q.count(db).await? > 0 {
        return Err(overlap_conflict());
    }
    Ok(())
}

fn check_dates(c: &cycle::Model, starts_on: NaiveDate, ends_on: NaiveDate) -> ServiceResult<()> {
    let mut errs = Vec::new();
    if starts_on < c.starts_on || starts_on > c.ends_on {
        errs.push(FieldError::new(
            "starts_on",
            "outside_cycle",
            format!(
                "The plan must lie within the cycle ({} to {}).",
                c.starts_on, c.ends_on
            ),
        ));
    }
    if ends_on < c.starts_on || ends_on > c.ends_on {
        errs.push(FieldError::new(
            "ends_on",
            "outside_cycle",
            format!(
                "The plan must lie within the cycle ({} to {}).",
                c.starts_on, c.ends_on
            ),
        ));
    }
    if starts_on > ends_on {
        errs.push(FieldError::new(
            "ends_on",
            "ends_before_start",
            "The plan must end on or after its first day.",
        ));
    }
    if errs.is_empty() {
        Ok(())
    } else {
        Err(ServiceError::Validation(errs))
    }
}

// ---- plans ----

/// Creates a draft plan with the appraiser resolved on its first day.
pub async fn create_plan(s: &Services, ctx: &Ctx, req: CreatePlan) -> ServiceResult<PlanView> {
    let txn = s.db.begin_write().await?;
    let c = cycle::Entity::find_by_id(req.cycle_id)
        .one(&*txn)
        .await?
        .filter(|c| ctx.actor.check_agency(c.agency_id, "cycle").is_ok())
        .ok_or_else(|| {
            ServiceError::field("cycle_id", "not_found", "No such cycle in your agency.")
        })?;
    let e = employee::Entity::find_by_id(req.employee_id)
        .one(&*txn)
        .await?
        .filter(|e| e.agency_id == c.agency_id)
        .ok_or_else(|| {
            ServiceError::field(
                "employee_id",
                "not_found",
                "No such employee in the cycle's agency.",
            )
        })?;
    let is_hr = ctx
        .actor
        .can_administer(c.agency_id, RESOURCE, Access::Write);
    let is_self = ctx.actor.employee_id() == Some(e.id);
    if !is_hr && !is_self {
        return Err(ServiceError::forbidden(
            "You may only start your own plan; HR starts plans for others.",
        ));
    }
    let state = state_of(&c);
    if state.is_read_only() {
        return Err(closed_error(&c));
    }
    if !is_hr && !matches!(state, CycleState::Planning | CycleState::Running) {
        return Err(ServiceError::conflict(
            "cycle_not_open_for_plans",
            format!(
                "Plans can be started once the cycle is in planning; it is {}.",
                state.as_str()
            ),
        ));
    }
    let starts_on = req.starts_on.unwrap_or(c.starts_on);
    let ends_on = req.ends_on.unwrap_or(c.ends_on);
    check_dates(&c, starts_on, ends_on)?;
    check_overlap(&*txn, c.id, e.id, starts_on, ends_on, &[]).await?;
    let a = resolve_appraiser(&*txn, &e, starts_on).await?;
    let form = form_of(&*txn, &e).await?;
    let at = now();
    let p = plan::ActiveModel {
        id: Set(Uuid::now_v7()),
        agency_id: Set(c.agency_id),
        cycle_id: Set(c.id),
        employee_id: Set(e.id),
        unit_id: Set(e.unit_id),
        position_id: Set(e.position_id),
        revision: Set(1),
        supersedes_id: Set(None),
        starts_on: Set(starts_on),
        ends_on: Set(ends_on),
        approach: Set(req.approach.as_str().to_owned()),
        form: Set(form.as_str().to_owned()),
        appraiser_employee_id: Set(a.appraiser_employee_id),
        appraiser_external_id: Set(a.appraiser_external_id),
        superior_employee_id: Set(a.superior_employee_id),
        superior_external_id: Set(a.superior_external_id),
        status: Set(PlanState::Draft.as_str().to_owned()),
        return_reason: Set(None),
        submitted_at: Set(None),
        approved_at: Set(None),
        approved_by: Set(None),
        created_at: Set(at),
        updated_at: Set(at),
        version: Set(1),
    }
    .insert(&*txn)
    .await?;
    let view = full_view(&*txn, &p).await?;
    audit_plan(
        &*txn,
        ctx,
        "plan.create",
        PlanKey::from(&p),
        None,
        audit::snapshot(&view.header),
    )
    .await?;
    txn.commit().await?;
    Ok(view)
}

/// Lists plans the caller may see: HR and auditors the agency's; employees their own and
/// those they appraise.
pub async fn list_plans(
    s: &Services,
    ctx: &Ctx,
    query: ListPlansQuery,
    page: PageParams,
) -> ServiceResult<Page<PlanSummary>> {
    validate(&page)?;
    let agency_id = ctx.actor.scope_agency(query.agency_id)?;
    let db = s.db.conn();
    let mut select = plan::Entity::find().filter(plan::Column::AgencyId.eq(agency_id));
    let sees_all = ctx.actor.can_administer(agency_id, RESOURCE, Access::Write)
        || ctx.actor.role() == Some(Role::Auditor)
        || (ctx.actor.role().is_none()
            && ctx
                .actor
                .can_administer(agency_id, "realizations", Access::Write));
    if !sees_all {
        let Some(me) = ctx.actor.employee_id() else {
            return Err(ServiceError::forbidden("You may not list plans."));
        };
        select = select.filter(
            Condition::any()
                .add(plan::Column::EmployeeId.eq(me))
                .add(plan::Column::AppraiserEmployeeId.eq(me))
                .add(plan::Column::SuperiorEmployeeId.eq(me)),
        );
    }
    if let Some(v) = query.cycle_id {
        select = select.filter(plan::Column::CycleId.eq(v));
    }
    if let Some(v) = query.employee_id {
        select = select.filter(plan::Column::EmployeeId.eq(v));
    }
    if let Some(v) = query.status {
        select = select.filter(plan::Column::Status.eq(v.as_str()));
    }
    if let Some(v) = query.unit_id {
        select = select.filter(plan::Column::UnitId.eq(v));
    }
    if let Some(raw) = query.appraiser_employee_id.as_deref() {
        let id = if raw == "me" {
            ctx.actor.employee_id().ok_or_else(|| {
                ServiceError::field(
                    "appraiser_employee_id",
                    "no_employee",
                    "Your account is not linked to an employee.",
                )
            })?
        } else {
            raw.parse::<Uuid>().map_err(|_| {
                ServiceError::field(
                    "appraiser_employee_id",
                    "invalid",
                    "Give an employee id or `me`.",
                )
            })?
        };
        select = select.filter(plan::Column::AppraiserEmployeeId.eq(id));
    }
    let paginator = select
        .order_by_asc(plan::Column::StartsOn)
        .order_by_asc(plan::Column::Id)
        .paginate(db, page.per_page());
    let total = paginator.num_items().await?;
    let items = paginator.fetch_page(page.page() - 1).await?;
    Ok(Page {
        items: summaries(db, &items).await?,
        total,
        page: page.page(),
        per_page: page.per_page(),
    })
}

/// A full plan.
pub async fn get_plan(s: &Services, ctx: &Ctx, id: Uuid) -> ServiceResult<PlanView> {
    let db = s.db.conn();
    let (p, _) = readable_plan(db, ctx, id).await?;
    full_view(db, &p).await
}

/// Changes a draft plan's approach or dates.
pub async fn update_plan(
    s: &Services,
    ctx: &Ctx,
    id: Uuid,
    if_match: Option<i32>,
    req: UpdatePlan,
) -> ServiceResult<PlanView> {
    let txn = s.db.begin_write().await?;
    let p = editable_plan(&*txn, ctx, id).await?;
    crate::check_version(if_match, p.version)?;
    let c = ensure_cycle_writable(&*txn, p.cycle_id).await?;
    let starts_on = req.starts_on.unwrap_or(p.starts_on);
    let ends_on = req.ends_on.unwrap_or(p.ends_on);
    check_dates(&c, starts_on, ends_on)?;
    let mut except = vec![p.id];
    except.extend(p.supersedes_id);
    check_overlap(&*txn, c.id, p.employee_id, starts_on, ends_on, &except).await?;
    let before = header_of(&*txn, &p).await?;
    let mut am = p.clone().into_active_model();
    if let Some(a) = req.approach {
        am.approach = Set(a.as_str().to_owned());
    }
    am.starts_on = Set(starts_on);
    am.ends_on = Set(ends_on);
    am.version = Set(p.version + 1);
    am.updated_at = Set(now());
    let p = am.update(&*txn).await?;
    let view = full_view(&*txn, &p).await?;
    audit_plan(
        &*txn,
        ctx,
        "plan.update",
        PlanKey::from(&p),
        audit::snapshot(&before),
        audit::snapshot(&view.header),
    )
    .await?;
    txn.commit().await?;
    Ok(view)
}

/// The work results of the appraiser's approved plan a non-JPT main result may cascade from.
pub async fn cascade_options(s: &Services, ctx: &Ctx, id: Uuid) -> ServiceResult<CascadeOptions> {
    let db = s.db.conn();
    let (p, _) = readable_plan(db, ctx, id).await?;
    let (source, name) = cascade_source(db, &p).await?;
    Ok(CascadeOptions {
        appraiser_plan_id: source.id,
        appraiser_name: name,
        work_results: work_results_of(db, &[source.id]).await?,
    })
}

// ---- work results and indicators ----

/// Adds a work result to a draft plan.
pub async fn create_work_result(
    s: &Services,
    ctx: &Ctx,
    plan_id: Uuid,
    req: CreateWorkResult,
) -> ServiceResult<WorkResultView> {
    validate(&req)?;
    let txn = s.db.begin_write().await?;
    let p = editable_plan(&*txn, ctx, plan_id).await?;
    let d = WorkResultData {
        kind: req.kind,
        description: req.description.trim().to_owned(),
        cascades_from_id: req.cascades_from_id,
        assigned_by: req.assigned_by,
        perspective: req.perspective,
        classification: req.classification,
    };
    check_work_result(&*txn, &p, &d).await?;
    let seq = next_seq_wr(&*txn, p.id).await?;
    let wr = work_result::ActiveModel {
        id: Set(Uuid::now_v7()),
        agency_id: Set(p.agency_id),
        plan_id: Set(p.id),
        kind: Set(d.kind.as_str().to_owned()),
        seq: Set(seq),
        description: Set(d.description),
        cascades_from_id: Set(d.cascades_from_id),
        assigned_by: Set(d.assigned_by),
        perspective: Set(d.perspective.map(|x| x.as_str().to_owned())),
        classification: Set(d.classification),
    }
    .insert(&*txn)
    .await?;
    let view = work_results_of(&*txn, &[p.id])
        .await?
        .into_iter()
        .find(|w| w.id == wr.id)
        .unwrap_or_else(|| wr_view(&wr, vec![], None));
    audit::record(
        &*txn,
        ctx,
        Change {
            subject_employee_id: Some(p.employee_id),
            agency_id: Some(p.agency_id),
            action: "work_result.create",
            entity_type: "work_result",
            entity_id: wr.id.to_string(),
            before: None,
            after: audit::snapshot(&view),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(view)
}

async fn load_work_result<C: ConnectionTrait>(
    db: &C,
    ctx: &Ctx,
    id: Uuid,
) -> ServiceResult<(work_result::Model, plan::Model)> {
    let wr = work_result::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::not_found("work result"))?;
    let p = match readable_plan(db, ctx, wr.plan_id).await {
        Ok((p, _)) => p,
        Err(ServiceError::NotFound { .. }) => return Err(ServiceError::not_found("work result")),
        Err(e) => return Err(e),
    };
    Ok((wr, p))
}

/// Changes a work result of a draft plan.
pub async fn update_work_result(
    s: &Services,
    ctx: &Ctx,
    id: Uuid,
    req: UpdateWorkResult,
) -> ServiceResult<WorkResultView> {
    let txn = s.db.begin_write().await?;
    let (wr, _) = load_work_result(&*txn, ctx, id).await?;
    let p = editable_plan(&*txn, ctx, wr.plan_id).await?;
    let before = work_results_of(&*txn, &[p.id])
        .await?
        .into_iter()
        .find(|w| w.id == id);
    let d = WorkResultData {
        kind: req
            .kind
            .unwrap_or(WorkResultKind::parse(&wr.kind).unwrap_or(WorkResultKind::Main)),
        description: req
            .description
            .map(|d| d.trim().to_owned())
            .unwrap_or(wr.description.clone()),
        cascades_from_id: req.cascades_from_id.unwrap_or(wr.cascades_from_id),
        assigned_by: req.assigned_by.unwrap_or(wr.assigned_by.clone()),
        perspective: req
            .perspective
            .unwrap_or(wr.perspective.as_deref().and_then(Perspective::parse)),
        classification: req.classification.unwrap_or(wr.classification.clone()),
    };
    check_work_result(&*txn, &p, &d).await?;
    let mut am = wr.into_active_model();
    am.kind = Set(d.kind.as_str().to_owned());
    am.description = Set(d.description);
    am.cascades_from_id = Set(d.cascades_from_id);
    am.assigned_by = Set(d.assigned_by);
    am.perspective = Set(d.perspective.map(|x| x.as_str().to_owned()));
    am.classification = Set(d.classification);
    am.update(&*txn).await?;
    let after = work_results_of(&*txn, &[p.id])
        .await?
        .into_iter()
        .find(|w| w.id == id)
        .ok_or_else(|| ServiceError::Internal("work result vanished".into()))?;
    audit::record(
        &*txn,
        ctx,
        Change {
            subject_employee_id: Some(p.employee_id),
            agency_id: Some(p.agency_id),
            action: "work_result.update",
            entity_type: "work_result",
            entity_id: id.to_string(),
            before: before.as_ref().and_then(audit::snapshot),
            after: audit::snapshot(&after),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Removes a work result (with its indicators) from a draft plan.
pub async fn delete_work_result(s: &Services, ctx: &Ctx, id: Uuid) -> ServiceResult<()> {
    let txn = s.db.begin_write().await?;
    let (wr, _) = load_work_result(&*txn, ctx, id).await?;
    let p = editable_plan(&*txn, ctx, wr.plan_id).await?;
    let before = work_results_of(&*txn, &[p.id])
        .await?
        .into_iter()
        .find(|w| w.id == id);
    if work_result::Entity::find()
        .filter(work_result::Column::CascadesFromId.eq(id))
        .count(&*txn)
        .await?
        > 0
    {
        return Err(ServiceError::conflict(
            "work_result_cascaded",
            "Other plans cascade from this work result; it cannot be removed.",
        ));
    }
    indicator::Entity::delete_many()
        .filter(indicator::Column::WorkResultId.eq(id))
        .exec(&*txn)
        .await?;
    work_result::Entity::delete_by_id(id).exec(&*txn).await?;
    audit::record(
        &*txn,
        ctx,
        Change {
            subject_employee_id: Some(p.employee_id),
            agency_id: Some(p.agency_id),
            action: "work_result.delete",
            entity_type: "work_result",
            entity_id: id.to_string(),
            before: before.as_ref().and_then(audit::snapshot),
            after: None,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Adds an indicator to a work result of a draft plan.
pub async fn create_indicator(
    s: &Services,
    ctx: &Ctx,
    work_result_id: Uuid,
    req: CreateIndicator,
) -> ServiceResult<IndicatorView> {
    validate(&req)?;
    let txn = s.db.begin_write().await?;
    let (wr, _) = load_work_result(&*txn, ctx, work_result_id).await?;
    let p = editable_plan(&*txn, ctx, wr.plan_id).await?;
    let approach = Approach::parse(&p.approach).unwrap_or(Approach::Quantitative);
    let d = check_indicator(&req, approach, "").map_err(ServiceError::Validation)?;
    let seq = next_seq_ind(&*txn, wr.id).await?;
    let m = indicator_model(d, p.agency_id, wr.id, seq)
        .insert(&*txn)
        .await?;
    let view = IndicatorView::from(&m);
    audit::record(
        &*txn,
        ctx,
        Change {
            subject_employee_id: Some(p.employee_id),
            agency_id: Some(p.agency_id),
            action: "indicator.create",
            entity_type: "indicator",
            entity_id: m.id.to_string(),
            before: None,
            after: audit::snapshot(&view),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(view)
}

async fn load_indicator<C: ConnectionTrait>(
    db: &C,
    ctx: &Ctx,
    id: Uuid,
) -> ServiceResult<(indicator::Model, work_result::Model, plan::Model)> {
    let ind = indicator::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::not_found("indicator"))?;
    let (wr, p) = load_work_result(db, ctx, ind.work_result_id)
        .await
        .map_err(|e| match e {
            ServiceError::NotFound { .. } => ServiceError::not_found("indicator"),
            e => e,
        })?;
    Ok((ind, wr, p))
}

/// Changes an indicator of a draft plan.
pub async fn update_indicator(
    s: &Services,
    ctx: &Ctx,
    id: Uuid,
    req: UpdateIndicator,
) -> ServiceResult<IndicatorView> {
    let txn = s.db.begin_write().await?;
    let (ind, _, p) = load_indicator(&*txn, ctx, id).await?;
    let p = editable_plan(&*txn, ctx, p.id).await?;
    let before = IndicatorView::from(&ind);
    let range_given = req.target_min.is_some() || req.target_max.is_some();
    let merged = CreateIndicator {
        aspect: req.aspect.unwrap_or(before.aspect),
        description: req.description.unwrap_or(ind.description.clone()),
        direction: Some(req.direction.unwrap_or(before.direction)),
        target: req.target.clone(),
        target_min: if req.target.is_some() {
            None
        } else if range_given {
            req.target_min.clone().flatten()
        } else {
            ind.target_min.clone()
        },
        target_max: if req.target.is_some() {
            None
        } else if range_given {
            req.target_max.clone().flatten()
        } else {
            ind.target_max.clone()
        },
        unit: req.unit.unwrap_or(ind.unit.clone()),
        target_text: req.target_text.unwrap_or(ind.target_text.clone()),
        is_target_maximum: req.is_target_maximum.unwrap_or(ind.is_target_maximum),
        source_system: req.source_system.unwrap_or(ind.source_system.clone()),
    };
    validate(&merged)?;
    let approach = Approach::parse(&p.approach).unwrap_or(Approach::Quantitative);
    let d = check_indicator(&merged, approach, "").map_err(ServiceError::Validation)?;
    let mut am = ind.into_active_model();
    am.aspect = Set(d.aspect.as_str().to_owned());
    am.description = Set(d.description);
    am.direction = Set(d.direction.as_str().to_owned());
    am.target_min = Set(d.target_min);
    am.target_max = Set(d.target_max);
    am.unit = Set(d.unit);
    am.target_text = Set(d.target_text);
    am.is_target_maximum = Set(d.is_target_maximum);
    am.source_system = Set(d.source_system);
    let m = am.update(&*txn).await?;
    let after = IndicatorView::from(&m);
    audit::record(
        &*txn,
        ctx,
        Change {
            subject_employee_id: Some(p.employee_id),
            agency_id: Some(p.agency_id),
            action: "indicator.update",
            entity_type: "indicator",
            entity_id: id.to_string(),
            before: audit::snapshot(&before),
            after: audit::snapshot(&after),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Removes an indicator from a draft plan.
pub async fn delete_indicator(s: &Services, ctx: &Ctx, id: Uuid) -> ServiceResult<()> {
    let txn = s.db.begin_write().await?;
    let (ind, _, p) = load_indicator(&*txn, ctx, id).await?;
    let p = editable_plan(&*txn, ctx, p.id).await?;
    let before = IndicatorView::from(&ind);
    indicator::Entity::delete_by_id(id).exec(&*txn).await?;
    audit::record(
        &*txn,
        ctx,
        Change {
            subject_employee_id: Some(p.employee_id),
            agency_id: Some(p.agency_id),
            action: "indicator.delete",
            entity_type: "indicator",
            entity_id: id.to_string(),
            before: audit::snapshot(&before),
            after: None,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

// ---- expectations and annexes ----

/// Replaces the leader's specific expectations (all of them, in one transaction).
pub async fn put_expectations(
    s: &Services,
    ctx: &Ctx,
    plan_id: Uuid,
    items: Vec<ExpectationInput>,
) -> ServiceResult<Vec<ExpectationView>> {
    let mut errs = Vec::new();
    let mut seen = HashSet::new();
    for (i, it) in items.iter().enumerate() {
        if let Err(ServiceError::Validation(es)) = validate(it) {
            errs.extend(es.into_iter().map(|mut f| {
                f.field = format!("[{i}].{}", f.field);
                f
            }));
        }
        if !seen.insert(it.core_value) {
            errs.push(FieldError::new(
                format!("[{i}].core_value"),
                "duplicate",
                "Each core value may appear once.",
            ));
        }
    }
    if !errs.is_empty() {
        return Err(ServiceError::Validation(errs));
    }
    let txn = s.db.begin_write().await?;
    let p = editable_plan(&*txn, ctx, plan_id).await?;
    let before = full_view(&*txn, &p).await?.expectations;
    behaviour_expectation::Entity::delete_many()
        .filter(behaviour_expectation::Column::PlanId.eq(p.id))
        .exec(&*txn)
        .await?;
    if !items.is_empty() {
        behaviour_expectation::Entity::insert_many(items.iter().map(|it| {
            behaviour_expectation::ActiveModel {
                id: Set(Uuid::now_v7()),
                plan_id: Set(p.id),
                core_value: Set(core_value_str(it.core_value)),
                expectation: Set(it.expectation.trim().to_owned()),
            }
        }))
        .exec(&*txn)
        .await?;
    }
    let after = full_view(&*txn, &p).await?.expectations;
    audit_plan(
        &*txn,
        ctx,
        "plan.expectations",
        PlanKey::from(&p),
        audit::snapshot(&before),
        audit::snapshot(&after),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Replaces the three annex lists.
pub async fn put_annexes(
    s: &Services,
    ctx: &Ctx,
    plan_id: Uuid,
    req: Annexes,
) -> ServiceResult<Annexes> {
    validate(&req)?;
    let mut errs = Vec::new();
    for (name, list) in [
        ("resources", &req.resources),
        ("accountability", &req.accountability),
        ("consequences", &req.consequences),
    ] {
        for (i, t) in list.iter().enumerate() {
            if t.trim().is_empty() || t.chars().count() > 2000 {
                errs.push(FieldError::new(
                    format!("{name}[{i}]"),
                    "length",
                    "Each item has 1 to 2000 characters.",
                ));
            }
        }
    }
    if !errs.is_empty() {
        return Err(ServiceError::Validation(errs));
    }
    let txn = s.db.begin_write().await?;
    let p = editable_plan(&*txn, ctx, plan_id).await?;
    let before = full_view(&*txn, &p).await?.annexes;
    plan_annex::Entity::delete_many()
        .filter(plan_annex::Column::PlanId.eq(p.id))
        .exec(&*txn)
        .await?;
    let mut rows = Vec::new();
    for (kind, list) in [
        (AnnexKind::Resources, &req.resources),
        (AnnexKind::Accountability, &req.accountability),
        (AnnexKind::Consequences, &req.consequences),
    ] {
        for (i, t) in list.iter().enumerate() {
            rows.push(plan_annex::ActiveModel {
                id: Set(Uuid::now_v7()),
                plan_id: Set(p.id),
                kind: Set(kind.as_str().to_owned()),
                seq: Set(i as i32 + 1),
                body: Set(t.trim().to_owned()),
            });
        }
    }
    if !rows.is_empty() {
        plan_annex::Entity::insert_many(rows).exec(&*txn).await?;
    }
    let after = full_view(&*txn, &p).await?.annexes;
    audit_plan(
        &*txn,
        ctx,
        "plan.annexes",
        PlanKey::from(&p),
        audit::snapshot(&before),
        audit::snapshot(&after),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

// ---- workflow ----

/// Does the plan's appraiser have an active account? If not, HR approves in their place.
async fn appraiser_has_account<C: ConnectionTrait>(db: &C, p: &plan::Model) -> ServiceResult<bool> {
    let Some(a) = p.appraiser_employee_id else {
        return Ok(false);
    };
    Ok(user::Entity::find()
        .filter(user::Column::EmployeeId.eq(a))
        .filter(user::Column::IsActive.eq(true))
        .count(db)
        .await?
        > 0)
}

/// May the caller decide (approve / return) this plan? The appraiser; HR only when the
/// appraiser has no account in Kinerja (an external appraiser, or an official without login).
async fn may_decide<C: ConnectionTrait>(
    db: &C,
    p: &plan::Model,
    rel: &Relation,
) -> ServiceResult<bool> {
    if rel.is_appraiser {
        return Ok(true);
    }
    Ok(rel.is_hr && !appraiser_has_account(db, p).await?)
}

async fn transition_plan<C: ConnectionTrait>(
    db: &C,
    ctx: &Ctx,
    p: plan::Model,
    action: PlanAction,
    apply: impl FnOnce(&mut plan::ActiveModel),
) -> ServiceResult<plan::Model> {
    let next = plan_state(&p).transition(action).map_err(illegal)?;
    let before = header_of(db, &p).await?;
    let mut am = p.clone().into_active_model();
    am.status = Set(next.as_str().to_owned());
    am.version = Set(p.version + 1);
    am.updated_at = Set(now());
    apply(&mut am);
    let p = am.update(db).await?;
    let after = header_of(db, &p).await?;
    audit_plan(
        db,
        ctx,
        &format!("plan.{}", action.as_str()),
        PlanKey::from(&p),
        audit::snapshot(&before),
        audit::snapshot(&after),
    )
    .await?;
    Ok(p)
}

/// Submits a draft plan to the appraiser (ajukan), after checking it is complete and
/// resolving the appraiser again.
pub async fn submit_plan(s: &Services, ctx: &Ctx, id: Uuid) -> ServiceResult<PlanView> {
    let txn = s.db.begin_write().await?;
    let (p, rel) = readable_plan(&*txn, ctx, id).await?;
    if !rel.can_write_content() {
        return Err(ServiceError::forbidden(
            "Only the plan's employee or HR may submit it.",
        ));
    }
    ensure_cycle_writable(&*txn, p.cycle_id).await?;
    plan_state(&p)
        .transition(PlanAction::Submit)
        .map_err(illegal)?;
    let e = employee_of(&*txn, p.employee_id).await?;
    let a = resolve_appraiser(&*txn, &e, submission_day(&p)).await?;
    let mut p = p;
    p.appraiser_employee_id = a.appraiser_employee_id;
    p.appraiser_external_id = a.appraiser_external_id;
    p.superior_employee_id = a.superior_employee_id;
    p.superior_external_id = a.superior_external_id;
    let wrs = work_results_of(&*txn, &[p.id]).await?;
    let main: Vec<&WorkResultView> = wrs
        .iter()
        .filter(|w| w.kind == WorkResultKind::Main)
        .collect();
    if main.is_empty() {
        return Err(ServiceError::rule(
            "no_main_work_result",
            "Add at least one main work result before submitting.",
        ));
    }
    if let Some(w) = main.iter().find(|w| w.indicators.is_empty()) {
        return Err(ServiceError::rule(
            "work_result_without_indicator",
            format!(
                "The work result \"{}\" has no indicator; add at least one.",
                w.description
            ),
        ));
    }
    if PlanForm::parse(&p.form) == Some(PlanForm::NonJpt) {
        let (source, name) = cascade_source(&*txn, &p).await?;
        let source_ids: HashSet<Uuid> = work_result::Entity::find()
            .filter(work_result::Column::PlanId.eq(source.id))
            .all(&*txn)
            .await?
            .into_iter()
            .map(|w| w.id)
            .collect();
        if let Some(w) = main
            .iter()
            .find(|w| w.cascades_from_id.is_none_or(|c| !source_ids.contains(&c)))
        {
            return Err(ServiceError::rule(
                "work_result_not_cascaded",
                format!(
                    "The main work result \"{}\" does not cascade from a work result of {name}'s approved plan; choose one before submitting.",
                    w.description
                ),
            ));
        }
    }
    let at = now();
    let a2 = a.clone();
    let p = transition_plan(&*txn, ctx, p, PlanAction::Submit, move |am| {
        am.appraiser_employee_id = Set(a2.appraiser_employee_id);
        am.appraiser_external_id = Set(a2.appraiser_external_id);
        am.superior_employee_id = Set(a2.superior_employee_id);
        am.superior_external_id = Set(a2.superior_external_id);
        am.submitted_at = Set(Some(at));
        am.return_reason = Set(None);
    })
    .await?;
    let view = full_view(&*txn, &p).await?;
    txn.commit().await?;
    Ok(view)
}

/// Approves a submitted plan (setujui): the plan's appraiser. When it revises an earlier
/// plan, that one becomes superseded.
pub async fn approve_plan(s: &Services, ctx: &Ctx, id: Uuid) -> ServiceResult<PlanView> {
    let txn = s.db.begin_write().await?;
    let (p, rel) = readable_plan(&*txn, ctx, id).await?;
    if !may_decide(&*txn, &p, &rel).await? {
        return Err(ServiceError::forbidden(
            "Only the plan's appraiser may approve it.",
        ));
    }
    let c = ensure_cycle_writable(&*txn, p.cycle_id).await?;
    if plan_state(&p) == PlanState::Submitted
        && CyclePolicies::from_json(&c.policies).require_hr_review
    {
        return Err(ServiceError::conflict(
            "hr_review_pending",
            "This cycle requires the Pengelola Kinerja (HR) to review a plan before the appraiser approves it; the review has not been done yet.",
        ));
    }
    let at = now();
    let label = ctx.actor.label.clone();
    let p = transition_plan(&*txn, ctx, p, PlanAction::Approve, move |am| {
        am.approved_at = Set(Some(at));
        am.approved_by = Set(Some(label));
    })
    .await?;
    if let Some(old_id) = p.supersedes_id
        && let Some(old) = plan::Entity::find_by_id(old_id).one(&*txn).await?
        && !plan_state(&old).is_terminal()
    {
        transition_plan(&*txn, ctx, old, PlanAction::Revise, |_| {}).await?;
    }
    let view = full_view(&*txn, &p).await?;
    txn.commit().await?;
    Ok(view)
}

/// Returns a submitted plan to the employee with a reason (kembalikan).
pub async fn return_plan(
    s: &Services,
    ctx: &Ctx,
    id: Uuid,
    req: ReturnPlan,
) -> ServiceResult<PlanView> {
    validate(&req)?;
    if req.reason.trim().is_empty() {
        return Err(ServiceError::field(
            "reason",
            "required",
            "Say why the plan is returned.",
        ));
    }
    let txn = s.db.begin_write().await?;
    let (p, rel) = readable_plan(&*txn, ctx, id).await?;
    let c = ensure_cycle_writable(&*txn, p.cycle_id).await?;
    let reviewing = rel.is_hr
        && plan_state(&p) == PlanState::Submitted
        && CyclePolicies::from_json(&c.policies).require_hr_review;
    if !reviewing && !may_decide(&*txn, &p, &rel).await? {
        return Err(ServiceError::forbidden(
            "Only the plan's appraiser (or HR while reviewing it) may return it.",
        ));
    }
    let reason = req.reason.trim().to_owned();
    let p = transition_plan(&*txn, ctx, p, PlanAction::Return, move |am| {
        am.return_reason = Set(Some(reason));
    })
    .await?;
    let view = full_view(&*txn, &p).await?;
    txn.commit().await?;
    Ok(view)
}

/// Records the Pengelola Kinerja's review (reviu, PP 30/2019) of a submitted plan, when the
/// cycle requires it: HR only; the appraiser approves afterwards.
pub async fn review_plan(s: &Services, ctx: &Ctx, id: Uuid) -> ServiceResult<PlanView> {
    let txn = s.db.begin_write().await?;
    let (p, rel) = readable_plan(&*txn, ctx, id).await?;
    if !rel.is_hr {
        return Err(ServiceError::forbidden(
            "Only the Pengelola Kinerja (HR) reviews plans.",
        ));
    }
    let c = ensure_cycle_writable(&*txn, p.cycle_id).await?;
    if !CyclePolicies::from_json(&c.policies).require_hr_review {
        return Err(ServiceError::conflict(
            "hr_review_not_required",
            "This cycle does not require an HR review: the appraiser approves submitted plans directly.",
        ));
    }
    let p = transition_plan(&*txn, ctx, p, PlanAction::Review, |_| {}).await?;
    let view = full_view(&*txn, &p).await?;
    txn.commit().await?;
    Ok(view)
}

/// Opens a new draft revision of an approved plan (ubah), copying all its content. The
/// approved plan stays in force, and readable, until the revision is approved.
pub async fn revise_plan(s: &Services, ctx: &Ctx, id: Uuid) -> ServiceResult<PlanView> {
    let txn = s.db.begin_write().await?;
    let (old, rel) = readable_plan(&*txn, ctx, id).await?;
    if !rel.can_write_content() {
        return Err(ServiceError::forbidden(
            "Only the plan's employee or HR may revise it.",
        ));
    }
    ensure_cycle_writable(&*txn, old.cycle_id).await?;
    plan_state(&old)
        .transition(PlanAction::Revise)
        .map_err(illegal)?;
    let pending = plan::Entity::find()
        .filter(plan::Column::SupersedesId.eq(old.id))
        .filter(plan::Column::Status.is_in(live_statuses()))
        .count(&*txn)
        .await?;
    if pending > 0 {
        return Err(ServiceError::conflict(
            "revision_exists",
            "A revision of this plan is already being prepared.",
        ));
    }
    let at = now();
    let mut am = old.clone().into_active_model();
    let new_id = Uuid::now_v7();
    am.id = Set(new_id);
    am.revision = Set(old.revision + 1);
    am.supersedes_id = Set(Some(old.id));
    am.status = Set(PlanState::Draft.as_str().to_owned());
    am.return_reason = Set(None);
    am.submitted_at = Set(None);
    am.approved_at = Set(None);
    am.approved_by = Set(None);
    am.created_at = Set(at);
    am.updated_at = Set(at);
    am.version = Set(1);
    let new = plan::Entity::insert(am).exec_with_returning(&*txn).await?;
    copy_content(&*txn, &old, new.id).await?;
    let view = full_view(&*txn, &new).await?;
    audit_plan(
        &*txn,
        ctx,
        "plan.revise",
        PlanKey::from(&new),
        None,
        audit::snapshot(&view.header),
    )
    .await?;
    txn.commit().await?;
    Ok(view)
}

async fn copy_content<C: ConnectionTrait>(
    db: &C,
    old: &plan::Model,
    new_id: Uuid,
) -> ServiceResult<()> {
    let wrs = work_result::Entity::find()
        .filter(work_result::Column::PlanId.eq(old.id))
        .all(db)
        .await?;
    let mut map = HashMap::new();
    let mut wr_rows = Vec::new();
    for w in &wrs {
        let nid = Uuid::now_v7();
        map.insert(w.id, nid);
        let mut am = w.clone().into_active_model();
        am.id = Set(nid);
        am.plan_id = Set(new_id);
        wr_rows.push(am);
    }
    if !wr_rows.is_empty() {
        work_result::Entity::insert_many(wr_rows).exec(db).await?;
        let ids: Vec<Uuid> = wrs.iter().map(|w| w.id).collect();
        let inds = indicator::Entity::find()
            .filter(indicator::Column::WorkResultId.is_in(ids))
            .all(db)
            .await?;
        let rows: Vec<indicator::ActiveModel> = inds
            .into_iter()
            .map(|i| {
                let wr = map[&i.work_result_id];
                let mut am = i.into_active_model();
                am.id = Set(Uuid::now_v7());
                am.work_result_id = Set(wr);
                am
            })
            .collect();
        if !rows.is_empty() {
            indicator::Entity::insert_many(rows).exec(db).await?;
        }
    }
    let exps: Vec<behaviour_expectation::ActiveModel> = behaviour_expectation::Entity::find()
        .filter(behaviour_expectation::Column::PlanId.eq(old.id))
        .all(db)
        .await?
        .into_iter()
        .map(|e| {
            let mut am = e.into_active_model();
            am.id = Set(Uuid::now_v7());
            am.plan_id = Set(new_id);
            am
        })
        .collect();
    if !exps.is_empty() {
        behaviour_expectation::Entity::insert_many(exps)
            .exec(db)
            .await?;
    }
    let anx: Vec<plan_annex::ActiveModel> = plan_annex::Entity::find()
        .filter(plan_annex::Column::PlanId.eq(old.id))
        .all(db)
        .await?
        .into_iter()
        .map(|a| {
            let mut am = a.into_active_model();
            am.id = Set(Uuid::now_v7());
            am.plan_id = Set(new_id);
            am
        })
        .collect();
    if !anx.is_empty() {
        plan_annex::Entity::insert_many(anx).exec(db).await?;
    }
    Ok(())
}

/// Cancels a plan (HR): batalkan.
pub async fn cancel_plan(s: &Services, ctx: &Ctx, id: Uuid) -> ServiceResult<PlanView> {
    let txn = s.db.begin_write().await?;
    let (p, rel) = readable_plan(&*txn, ctx, id).await?;
    if !rel.is_hr {
        return Err(ServiceError::forbidden("Only HR may cancel a plan."));
    }
    ensure_cycle_writable(&*txn, p.cycle_id).await?;
    let p = transition_plan(&*txn, ctx, p, PlanAction::Cancel, |_| {}).await?;
    let view = full_view(&*txn, &p).await?;
    txn.commit().await?;
    Ok(view)
}

/// Sets the plan's appraiser by hand (HR), overriding the assignment.
pub async fn reassign_appraiser(
    s: &Services,
    ctx: &Ctx,
    id: Uuid,
    req: ReassignAppraiser,
) -> ServiceResult<PlanView> {
    let txn = s.db.begin_write().await?;
    let (p, rel) = readable_plan(&*txn, ctx, id).await?;
    if !rel.is_hr {
        return Err(ServiceError::forbidden(
            "Only HR may reassign a plan's appraiser.",
        ));
    }
    ensure_cycle_writable(&*txn, p.cycle_id).await?;
    if plan_state(&p).is_terminal() {
        return Err(ServiceError::conflict(
            "plan_terminal",
            "A superseded or cancelled plan no longer changes.",
        ));
    }
    match (req.appraiser_employee_id, req.appraiser_external_id) {
        (Some(a), None) => {
            if a == p.employee_id {
                return Err(ServiceError::field(
                    "appraiser_employee_id",
                    "self_appraisal",
                    "An employee cannot appraise their own plan.",
                ));
            }
            employee::Entity::find_by_id(a)
                .one(&*txn)
                .await?
                .filter(|e| e.agency_id == p.agency_id)
                .ok_or_else(|| {
                    ServiceError::field(
                        "appraiser_employee_id",
                        "not_found",
                        "No such employee in this agency.",
                    )
                })?;
        }
        (None, Some(x)) => {
            external_appraiser::Entity::find_by_id(x)
                .one(&*txn)
                .await?
                .filter(|e| e.agency_id == p.agency_id)
                .ok_or_else(|| {
                    ServiceError::field(
                        "appraiser_external_id",
                        "not_found",
                        "No such external appraiser in this agency.",
                    )
                })?;
        }
        _ => {
            return Err(ServiceError::field(
                "appraiser_employee_id",
                "exactly_one",
                "Give exactly one of appraiser_employee_id and appraiser_external_id.",
            ));
        }
    }
    let before = header_of(&*txn, &p).await?;
    let mut am = p.clone().into_active_model();
    am.appraiser_employee_id = Set(req.appraiser_employee_id);
    am.appraiser_external_id = Set(req.appraiser_external_id);
    am.version = Set(p.version + 1);
    am.updated_at = Set(now());
    let p = am.update(&*txn).await?;
    let view = full_view(&*txn, &p).await?;
    audit_plan(
        &*txn,
        ctx,
        "plan.reassign_appraiser",
        PlanKey::from(&p),
        audit::snapshot(&before),
        audit::snapshot(&view.header),
    )
    .await?;
    txn.commit().await?;
    Ok(view)
}

/// The moves the caller may make on the plan now.
pub async fn allowed_plan_actions(
    s: &Services,
    ctx: &Ctx,
    id: Uuid,
) -> ServiceResult<PlanAllowedActions> {
    let db = s.db.conn();
    let (p, rel) = readable_plan(db, ctx, id).await?;
    let status = plan_state(&p);
    let c = cycle::Entity::find_by_id(p.cycle_id)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::not_found("cycle"))?;
    if state_of(&c).is_read_only() {
        return Ok(PlanAllowedActions {
            status,
            actions: vec![],
            can_edit: false,
        });
    }
    let decide = may_decide(db, &p, &rel).await?;
    let hr_review = CyclePolicies::from_json(&c.policies).require_hr_review;
    let awaiting_review = hr_review && status == PlanState::Submitted;
    let pending_revision = plan::Entity::find()
        .filter(plan::Column::SupersedesId.eq(p.id))
        .filter(plan::Column::Status.is_in(live_statuses()))
        .count(db)
        .await?
        > 0;
    let actions = status
        .allowed_actions()
        .into_iter()
        .filter(|a| match a {
            PlanAction::Submit => rel.can_write_content(),
            PlanAction::Review => rel.is_hr && hr_review,
            PlanAction::Approve => decide && !awaiting_review,
            PlanAction::Return => decide || (rel.is_hr && awaiting_review),
            PlanAction::Revise => rel.can_write_content() && !pending_revision,
            PlanAction::Cancel => rel.is_hr,
            PlanAction::EndPeriod => false,
        })
        .collect();
    Ok(PlanAllowedActions {
        status,
        actions,
        can_edit: status == PlanState::Draft && rel.can_write_content(),
    })
}

// ---- the role–result matrix ----

/// Cascades one work result of the leader's approved plan to subordinates' draft plans, all
/// or nothing.
pub async fn cascade_work_result(
    s: &Services,
    ctx: &Ctx,
    plan_id: Uuid,
    wr_id: Uuid,
    req: CascadeWorkResult,
) -> ServiceResult<CascadeResult> {
    validate(&req)?;
    let txn = s.db.begin_write().await?;
    let (p, rel) = readable_plan(&*txn, ctx, plan_id).await?;
    if !rel.can_write_content() {
        return Err(ServiceError::forbidden(
            "Only the leader whose plan it is, or HR, may cascade its work results.",
        ));
    }
    ensure_cycle_writable(&*txn, p.cycle_id).await?;
    if !matches!(plan_state(&p), PlanState::Approved | PlanState::InAppraisal) {
        return Err(ServiceError::conflict(
            "plan_not_approved",
            "Only work results of an approved plan can be cascaded.",
        ));
    }
    let source = work_result::Entity::find_by_id(wr_id)
        .filter(work_result::Column::PlanId.eq(p.id))
        .one(&*txn)
        .await?
        .ok_or_else(|| ServiceError::not_found("work result"))?;
    let unique: Vec<Uuid> = {
        let mut seen = HashSet::new();
        req.employee_ids
            .iter()
            .copied()
            .filter(|e| seen.insert(*e))
            .collect()
    };
    let drafts = plan::Entity::find()
        .filter(plan::Column::CycleId.eq(p.cycle_id))
        .filter(plan::Column::EmployeeId.is_in(unique.clone()))
        .filter(plan::Column::Status.eq(PlanState::Draft.as_str()))
        .order_by_asc(plan::Column::StartsOn)
        .all(&*txn)
        .await?;
    let mut by_emp: HashMap<Uuid, &plan::Model> = HashMap::new();
    for d in &drafts {
        by_emp.entry(d.employee_id).or_insert(d);
    }
    let mut errs = Vec::new();
    let mut targets = Vec::new();
    for (i, e) in req.employee_ids.iter().enumerate() {
        match by_emp.get(e) {
            None => errs.push(FieldError::new(
                format!("employee_ids[{i}]"),
                "no_draft_plan",
                "This employee has no draft plan in the cycle.",
            )),
            Some(sp) if sp.appraiser_employee_id != Some(p.employee_id) => {
                errs.push(FieldError::new(
                    format!("employee_ids[{i}]"),
                    "not_appraisee",
                    "This employee is not appraised by the plan's employee.",
                ))
            }
            Some(sp) => targets.push(*sp),
        }
    }
    let mut inds = Vec::new();
    for t in &targets {
        let approach = Approach::parse(&t.approach).unwrap_or(Approach::Quantitative);
        for (j, ind) in req.indicators.iter().enumerate() {
            match check_indicator(ind, approach, &format!("indicators[{j}].")) {
                Ok(d) => inds.push((t.id, d)),
                Err(es) => errs.extend(es),
            }
        }
    }
    if !errs.is_empty() {
        errs.dedup_by(|a, b| a.field == b.field && a.code == b.code);
        return Err(ServiceError::Validation(errs));
    }
    let target_ids: Vec<Uuid> = {
        let mut seen = HashSet::new();
        targets
            .iter()
            .map(|t| t.id)
            .filter(|id| seen.insert(*id))
            .collect()
    };
    let seqs: Vec<(Uuid, Option<i32>)> = work_result::Entity::find()
        .select_only()
        .column(work_result::Column::PlanId)
        .column_as(work_result::Column::Seq.max(), "m")
        .filter(work_result::Column::PlanId.is_in(target_ids.clone()))
        .group_by(work_result::Column::PlanId)
        .into_tuple()
        .all(&*txn)
        .await?;
    let seqs: HashMap<Uuid, i32> = seqs.into_iter().map(|(k, v)| (k, v.unwrap_or(0))).collect();
    let description = req
        .description
        .clone()
        .unwrap_or(source.description.clone());
    let mut created = Vec::new();
    let mut wr_rows = Vec::new();
    let mut wr_of_plan = HashMap::new();
    for t in targets.iter() {
        if wr_of_plan.contains_key(&t.id) {
            continue;
        }
        let id = Uuid::now_v7();
        wr_of_plan.insert(t.id, id);
        wr_rows.push(work_result::ActiveModel {
            id: Set(id),
            agency_id: Set(p.agency_id),
            plan_id: Set(t.id),
            kind: Set(WorkResultKind::Main.as_str().to_owned()),
            seq: Set(seqs.get(&t.id).copied().unwrap_or(0) + 1),
            description: Set(description.clone()),
            cascades_from_id: Set(Some(source.id)),
            assigned_by: Set(None),
            perspective: Set(None),
            classification: Set(None),
        });
        created.push(CascadedItem {
            employee_id: t.employee_id,
            plan_id: t.id,
            work_result_id: id,
        });
    }
    for chunk in wr_rows.chunks(CHUNK) {
        work_result::Entity::insert_many(chunk.to_vec())
            .exec(&*txn)
            .await?;
    }
    let mut seq_of: HashMap<Uuid, i32> = HashMap::new();
    let ind_rows: Vec<indicator::ActiveModel> = inds
        .into_iter()
        .map(|(plan_id, d)| {
            let wr = wr_of_plan[&plan_id];
            let seq = seq_of.entry(wr).or_insert(0);
            *seq += 1;
            indicator_model(d, p.agency_id, wr, *seq)
        })
        .collect();
    for chunk in ind_rows.chunks(CHUNK) {
        indicator::Entity::insert_many(chunk.to_vec())
            .exec(&*txn)
            .await?;
    }
    for c in &created {
        audit::record(&*txn, ctx, Change {
            subject_employee_id: Some(c.employee_id),
            agency_id: Some(p.agency_id), action: "work_result.cascade", entity_type: "work_result",
            entity_id: c.work_result_id.to_string(), before: None,
            after: Some(serde_json::json!({"plan_id": c.plan_id, "cascades_from_id": source.id, "description": description})),
        }).await?;
    }
    txn.commit().await?;
    Ok(CascadeResult {
        source_work_result_id: source.id,
        created,
    })
}

// ---- bulk creation ----

/// Creates draft plans from a template for every active employee of a unit (and optionally
/// its subunits) who has no live plan in the cycle. Template main results of non-JPT plans
/// are created without a cascade: the employee chooses it before submitting.
pub async fn bulk_create_plans(
    s: &Services,
    ctx: &Ctx,
    cycle_id: Uuid,
    req: BulkCreatePlans,
) -> ServiceResult<BulkPlansReport> {
    validate(&req)?;
    let txn = s.db.begin_write().await?;
    let c = cycle::Entity::find_by_id(cycle_id)
        .one(&*txn)
        .await?
        .ok_or_else(|| ServiceError::not_found("cycle"))?;
    ctx.actor
        .require_admin(c.agency_id, RESOURCE, Access::Write, "cycle")?;
    if state_of(&c).is_read_only() {
        return Err(closed_error(&c));
    }
    let mut errs = Vec::new();
    for (i, w) in req.template.work_results.iter().enumerate() {
        for (j, ind) in w.indicators.iter().enumerate() {
            if let Err(es) = check_indicator(
                ind,
                req.template.approach,
                &format!("template.work_results[{i}].indicators[{j}]."),
            ) {
                errs.extend(es);
            }
        }
    }
    if !errs.is_empty() {
        return Err(ServiceError::Validation(errs));
    }
    let u = unit::Entity::find_by_id(req.unit_id)
        .one(&*txn)
        .await?
        .filter(|u| u.agency_id == c.agency_id)
        .ok_or_else(|| {
            ServiceError::field(
                "unit_id",
                "not_found",
                "No such unit in the cycle's agency.",
            )
        })?;
    let unit_ids: Vec<Uuid> = if req.include_subunits {
        unit::Entity::find()
            .select_only()
            .column(unit::Column::Id)
            .filter(unit::Column::AgencyId.eq(c.agency_id))
            .filter(unit::Column::Path.starts_with(u.path.clone()))
            .into_tuple()
            .all(&*txn)
            .await?
    } else {
        vec![u.id]
    };
    let emps = employee::Entity::find()
        .filter(employee::Column::AgencyId.eq(c.agency_id))
        .filter(employee::Column::UnitId.is_in(unit_ids))
        .filter(employee::Column::Status.eq("active"))
        .order_by_asc(employee::Column::Name)
        .all(&*txn)
        .await?;
    let emp_ids: Vec<Uuid> = emps.iter().map(|e| e.id).collect();
    let mut has_plan = HashSet::new();
    let mut assignments: HashMap<Uuid, Vec<appraiser_assignment::Model>> = HashMap::new();
    let mut kinds: HashMap<Uuid, String> = HashMap::new();
    for chunk in emp_ids.chunks(CHUNK) {
        let ids: Vec<Uuid> = plan::Entity::find()
            .select_only()
            .column(plan::Column::EmployeeId)
            .filter(plan::Column::CycleId.eq(c.id))
            .filter(plan::Column::EmployeeId.is_in(chunk.to_vec()))
            .filter(plan::Column::Status.is_in(live_statuses()))
            .into_tuple()
            .all(&*txn)
            .await?;
        has_plan.extend(ids);
        for a in appraiser_assignment::Entity::find()
            .filter(appraiser_assignment::Column::EmployeeId.is_in(chunk.to_vec()))
            .filter(valid_on(c.starts_on))
            .all(&*txn)
            .await?
        {
            assignments.entry(a.employee_id).or_default().push(a);
        }
    }
    let pos_ids: HashSet<Uuid> = emps.iter().filter_map(|e| e.position_id).collect();
    if !pos_ids.is_empty() {
        for p in position::Entity::find()
            .filter(position::Column::Id.is_in(pos_ids))
            .all(&*txn)
            .await?
        {
            kinds.insert(p.id, p.kind);
        }
    }
    let at = now();
    let mut report = BulkPlansReport {
        created: vec![],
        skipped: vec![],
    };
    let mut plan_rows = Vec::new();
    let mut wr_rows = Vec::new();
    let mut ind_rows = Vec::new();
    let mut audits = Vec::new();
    for e in &emps {
        if has_plan.contains(&e.id) {
            report.skipped.push(BulkSkipped {
                employee_id: e.id,
                employee_name: e.name.clone(),
                code: "has_plan".into(),
                reason: format!("{} already has a plan in this cycle.", e.name),
            });
            continue;
        }
        let Some(a) = assignments.get(&e.id).and_then(decisive) else {
            report.skipped.push(BulkSkipped {
                employee_id: e.id,
                employee_name: e.name.clone(),
                code: "no_appraiser".into(),
                reason: format!(
                    "No appraiser is assigned to {} on {}; ask HR to assign one.",
                    e.name, c.starts_on
                ),
            });
            continue;
        };
        let form = if e
            .position_id
            .and_then(|p| kinds.get(&p))
            .and_then(|k| PositionKind::parse(k))
            == Some(PositionKind::Jpt)
        {
            PlanForm::Jpt
        } else {
            PlanForm::NonJpt
        };
        let pid = Uuid::now_v7();
        plan_rows.push(plan::ActiveModel {
            id: Set(pid),
            agency_id: Set(c.agency_id),
            cycle_id: Set(c.id),
            employee_id: Set(e.id),
            unit_id: Set(e.unit_id),
            position_id: Set(e.position_id),
            revision: Set(1),
            supersedes_id: Set(None),
            starts_on: Set(c.starts_on),
            ends_on: Set(c.ends_on),
            approach: Set(req.template.approach.as_str().to_owned()),
            form: Set(form.as_str().to_owned()),
            appraiser_employee_id: Set(a.appraiser_employee_id),
            appraiser_external_id: Set(a.appraiser_external_id),
            superior_employee_id: Set(a.superior_employee_id),
            superior_external_id: Set(a.superior_external_id),
            status: Set(PlanState::Draft.as_str().to_owned()),
            return_reason: Set(None),
            submitted_at: Set(None),
            approved_at: Set(None),
            approved_by: Set(None),
            created_at: Set(at),
            updated_at: Set(at),
            version: Set(1),
        });
        for (i, w) in req.template.work_results.iter().enumerate() {
            let wid = Uuid::now_v7();
            wr_rows.push(work_result::ActiveModel {
                id: Set(wid),
                agency_id: Set(c.agency_id),
                plan_id: Set(pid),
                kind: Set(w.kind.as_str().to_owned()),
                seq: Set(i as i32 + 1),
                description: Set(w.description.trim().to_owned()),
                cascades_from_id: Set(None),
                assigned_by: Set(w.assigned_by.clone()),
                perspective: Set(None),
                classification: Set(None),
            });
            for (j, ind) in w.indicators.iter().enumerate() {
                if let Ok(d) = check_indicator(ind, req.template.approach, "") {
                    ind_rows.push(indicator_model(d, c.agency_id, wid, j as i32 + 1));
                }
            }
        }
        audits.push((pid, e.id, e.name.clone()));
        report.created.push(BulkCreated {
            employee_id: e.id,
            plan_id: pid,
        });
    }
    for chunk in plan_rows.chunks(CHUNK) {
        plan::Entity::insert_many(chunk.to_vec())
            .exec(&*txn)
            .await?;
    }
    for chunk in wr_rows.chunks(CHUNK) {
        work_result::Entity::insert_many(chunk.to_vec())
            .exec(&*txn)
            .await?;
    }
    for chunk in ind_rows.chunks(CHUNK) {
        indicator::Entity::insert_many(chunk.to_vec())
            .exec(&*txn)
            .await?;
    }
    for (pid, eid, name) in audits {
        let key = PlanKey {
            id: pid,
            agency_id: c.agency_id,
            employee_id: eid,
        };
        let after = serde_json::json!({
            "employee_id": eid,
            "employee_name": name,
            "cycle_id": c.id,
            "status": "draft",
            "source": "bulk_template",
        });
        audit_plan(&*txn, ctx, "plan.create", key, None, Some(after)).await?;
    }
    txn.commit().await?;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ind(
        target: Option<&str>,
        min: Option<&str>,
        max: Option<&str>,
        text: Option<&str>,
    ) -> CreateIndicator {
        CreateIndicator {
            aspect: Aspect::Quantity,
            description: "Jumlah dokumen".into(),
            direction: None,
            target: target.map(Into::into),
            target_min: min.map(Into::into),
            target_max: max.map(Into::into),
            unit: Some("dokumen".into()),
            target_text: text.map(Into::into),
            is_target_maximum: false,
            source_system: None,
        }
    }

    #[test]
    fn a_single_target_sets_both_bounds() {
        let d = check_indicator(
            &ind(Some("12.50"), None, None, None),
            Approach::Quantitative,
            "",
        )
        .ok()
        .unwrap();
        assert_eq!(d.target_min.as_deref(), Some("12.5"));
        assert_eq!(d.target_max.as_deref(), Some("12.5"));
    }

    #[test]
    fn an_inverted_range_is_refused_naming_the_lower_bound() {
        let e = check_indicator(
            &ind(None, Some("90"), Some("80"), None),
            Approach::Quantitative,
            "x.",
        )
        .err()
        .unwrap();
        assert_eq!(e[0].field, "x.target_min");
        assert_eq!(e[0].code, "target_range_inverted");
    }

    #[test]
    fn a_qualitative_indicator_needs_a_target_text() {
        let e = check_indicator(&ind(None, None, None, None), Approach::Qualitative, "")
            .err()
            .unwrap();
        assert_eq!(e[0].field, "target_text");
        assert!(
            check_indicator(
                &ind(None, None, None, Some("Laporan diterima pimpinan")),
                Approach::Qualitative,
                ""
            )
            .is_ok()
        );
    }

    #[test]
    fn a_quantitative_indicator_needs_a_numeric_target() {
        let e = check_indicator(&ind(None, None, None, None), Approach::Quantitative, "")
            .err()
            .unwrap();
        assert_eq!(e[0].field, "target");
        let e = check_indicator(
            &ind(Some("dua belas"), None, None, None),
            Approach::Quantitative,
            "",
        )
        .err()
        .unwrap();
        assert_eq!(e[0].code, "invalid_decimal");
    }

    #[test]
    fn core_values_round_trip_through_their_text() {
        for v in CoreValue::ALL {
            assert_eq!(parse_core_value(&core_value_str(v)), Some(v));
        }
    }
}
