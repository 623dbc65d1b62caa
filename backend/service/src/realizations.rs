//! Realizations (realisasi) per indicator and period, with the capaian of quantitative
//! indicators (PP 30/2019 formula from kinerja_domain), and evidence (bukti dukung): links, or
//! files stored once per SHA-256 within the cycle's evidence policy.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use kinerja_domain::pp30::{IndicatorDirection, capaian_iki};
use kinerja_domain::workflow::PlanState;
use kinerja_store::entities::{
    evidence, evidence_blob, indicator, period, plan, realization, work_result,
};
use rust_decimal::Decimal;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel,
    QueryFilter, QueryOrder,
};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::actor::{Access, Ctx};
use crate::assignments::today;
use crate::audit::{self, Change};
use crate::cycles::{PERIOD_OPEN, ensure_cycle_writable};
use crate::error::{FieldError, ServiceError, ServiceResult, validate};
use crate::plans::{Approach, Direction, IndicatorView, Relation, plan_state, readable_plan};
use crate::policies::CyclePolicies;
use crate::{Services, now};

/// A recorded realization.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RealizationView {
    pub id: Uuid,
    pub indicator_id: Uuid,
    pub period_id: Uuid,
    /// Decimal string (quantitative approach).
    #[schema(example = "11")]
    pub value: Option<String>,
    /// Narrative (qualitative approach).
    pub body: Option<String>,
    #[schema(example = "task_tracker")]
    pub source_system: Option<String>,
    /// Who recorded it (account or client).
    pub recorded_by: String,
    pub recorded_at: DateTime<Utc>,
    pub version: i32,
    /// Capaian IKI in percent (PP 30/2019), two decimals; quantitative indicators only.
    #[schema(example = "91.67")]
    pub capaian_percent: Option<String>,
}

/// Records what was achieved on an indicator in a period.
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[schema(example = json!({"value": "11", "source_system": "task_tracker"}))]
pub struct PutRealization {
    /// Decimal string; required for the quantitative approach.
    #[validate(length(min = 1, max = 40))]
    pub value: Option<String>,
    /// Narrative; required for the qualitative approach.
    #[validate(length(min = 1, max = 4000))]
    pub body: Option<String>,
    /// Required from API clients (`attendance`, `task_tracker`, `complaints`...).
    #[validate(length(min = 1, max = 64))]
    pub source_system: Option<String>,
}

/// An indicator with its target and realizations.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct IndicatorRealizations {
    pub work_result_id: Uuid,
    pub work_result_description: String,
    pub indicator: IndicatorView,
    pub realizations: Vec<RealizationView>,
}

/// Realization against target for every indicator of a plan.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PlanRealizations {
    pub plan_id: Uuid,
    /// The period asked for, if any.
    pub period_id: Option<Uuid>,
    pub items: Vec<IndicatorRealizations>,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RealizationsQuery {
    /// Only this period's realizations.
    pub period_id: Option<Uuid>,
}

/// A piece of evidence: a link or an uploaded file.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EvidenceView {
    pub id: Uuid,
    pub plan_id: Uuid,
    pub realization_id: Option<Uuid>,
    pub work_result_id: Option<Uuid>,
    /// The link, for link evidence.
    #[schema(example = "https://drive.example.go.id/laporan-q1.pdf")]
    pub uri: Option<String>,
    #[schema(example = "laporan-q1.pdf")]
    pub file_name: Option<String>,
    #[schema(example = "application/pdf")]
    pub content_type: Option<String>,
    pub size_bytes: Option<i64>,
    /// Hex SHA-256 of the file.
    pub sha256: Option<String>,
    pub source_system: Option<String>,
    pub uploaded_by: String,
    pub uploaded_at: DateTime<Utc>,
}

impl From<&evidence::Model> for EvidenceView {
    fn from(m: &evidence::Model) -> Self {
        Self {
            id: m.id,
            plan_id: m.plan_id,
            realization_id: m.realization_id,
            work_result_id: m.work_result_id,
            uri: m.uri.clone(),
            file_name: m.file_name.clone(),
            content_type: m.content_type.clone(),
            size_bytes: m.size_bytes,
            sha256: m.sha256.clone(),
            source_system: m.source_system.clone(),
            uploaded_by: m.uploaded_by.clone(),
            uploaded_at: m.uploaded_at,
        }
    }
}

/// Link evidence.
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[schema(example = json!({"uri": "https://drive.example.go.id/laporan-q1.pdf", "realization_id": "0190f0c2-8a5e-7000-8000-000000000040"}))]
pub struct CreateEvidenceLink {
    /// An http or https URL.
    #[validate(url, length(max = 2000))]
    pub uri: String,
    pub realization_id: Option<Uuid>,
    pub work_result_id: Option<Uuid>,
    #[validate(length(min = 1, max = 64))]
    pub source_system: Option<String>,
}

/// Metadata of an uploaded file (query parameters of the upload).
#[derive(Debug, Clone, Default, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UploadEvidenceQuery {
    /// The file's name, shown and used in Content-Disposition.
    #[validate(length(min = 1, max = 255))]
    pub file_name: String,
    pub realization_id: Option<Uuid>,
    pub work_result_id: Option<Uuid>,
    #[validate(length(min = 1, max = 64))]
    pub source_system: Option<String>,
}

/// A stored file to stream back.
pub struct EvidenceContent {
    pub content_type: String,
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// The limits an upload must respect, known before its body is read.
pub struct UploadLimits {
    pub max_bytes: u64,
}

fn is_api_client(ctx: &Ctx) -> bool {
    ctx.actor.role().is_none()
}

/// May the caller record realizations and evidence on this plan?
fn may_record(ctx: &Ctx, p: &plan::Model, rel: &Relation) -> ServiceResult<()> {
    let client_ok = is_api_client(ctx)
        && ctx
            .actor
            .can_administer(p.agency_id, "realizations", Access::Write);
    if rel.is_owner || rel.is_hr || client_ok {
        Ok(())
    } else {
        Err(ServiceError::forbidden(
            "Only the plan's employee, HR, or a system with the realizations:write scope may record realizations and evidence.",
        ))
    }
}

fn require_approved(p: &plan::Model) -> ServiceResult<()> {
    match plan_state(p) {
        PlanState::Approved | PlanState::InAppraisal => Ok(()),
        s => Err(ServiceError::conflict(
            "plan_not_approved",
            format!(
                "Realizations and evidence can be recorded once the plan is approved; it is {}.",
                s.as_str().replace('_', " ")
            ),
        )),
    }
}

/// The period must belong to the plan's cycle, overlap the plan, be open, and (except for HR)
/// be within its fill-in deadline.
fn check_period(p: &plan::Model, per: &period::Model, rel: &Relation) -> ServiceResult<()> {
    if per.cycle_id != p.cycle_id {
        return Err(ServiceError::not_found("period"));
    }
    if per.starts_on > p.ends_on || per.ends_on < p.starts_on {
        return Err(ServiceError::rule(
            "period_outside_plan",
            format!(
                "The period {} lies outside the plan ({} to {}).",
                per.name, p.starts_on, p.ends_on
            ),
        ));
    }
    if per.status != PERIOD_OPEN {
        return Err(ServiceError::conflict(
            "period_closed",
            format!(
                "The period {} is finalised; its realizations no longer change.",
                per.name
            ),
        ));
    }
    if !rel.is_hr && today() > per.fill_deadline_on {
        return Err(ServiceError::conflict(
            "fill_deadline_passed",
            format!(
                "The fill-in deadline of {} was {}; ask HR to extend it.",
                per.name, per.fill_deadline_on
            ),
        ));
    }
    Ok(())
}

fn capaian(ind: &indicator::Model, approach: Approach, value: Option<&str>) -> Option<String> {
    if approach != Approach::Quantitative {
        return None;
    }
    let v: Decimal = value?.parse().ok()?;
    let min: Decimal = ind.target_min.as_deref()?.parse().ok()?;
    let max: Decimal = ind.target_max.as_deref()?.parse().ok()?;
    let dir = match Direction::parse(&ind.direction) {
        Some(Direction::Lower) => IndicatorDirection::LowerIsBetter,
        _ => IndicatorDirection::HigherIsBetter,
    };
    capaian_iki(dir, min, max, v)
        .ok()
        .map(|c| c.round_dp(2).normalize().to_string())
}

fn realization_view(
    r: &realization::Model,
    ind: &indicator::Model,
    approach: Approach,
) -> RealizationView {
    RealizationView {
        id: r.id,
        indicator_id: r.indicator_id,
        period_id: r.period_id,
        value: r.value.clone(),
        body: r.body.clone(),
        source_system: r.source_system.clone(),
        recorded_by: r.recorded_by.clone(),
        recorded_at: r.recorded_at,
        version: r.version,
        capaian_percent: capaian(ind, approach, r.value.as_deref()),
    }
}

fn approach_of(p: &plan::Model) -> Approach {
    Approach::parse(&p.approach).unwrap_or(Approach::Quantitative)
}

/// Records (or replaces) the realization of an indicator in a period.
pub async fn put_realization(
    s: &Services,
    ctx: &Ctx,
    indicator_id: Uuid,
    period_id: Uuid,
    req: PutRealization,
) -> ServiceResult<RealizationView> {
    validate(&req)?;
    let txn = s.db.begin_write().await?;
    let ind = indicator::Entity::find_by_id(indicator_id)
        .one(&*txn)
        .await?
        .ok_or_else(|| ServiceError::not_found("indicator"))?;
    let wr = work_result::Entity::find_by_id(ind.work_result_id)
        .one(&*txn)
        .await?
        .ok_or_else(|| ServiceError::not_found("indicator"))?;
    let (p, rel) = readable_plan(&*txn, ctx, wr.plan_id)
        .await
        .map_err(|e| match e {
            ServiceError::NotFound { .. } => ServiceError::not_found("indicator"),
            e => e,
        })?;
    may_record(ctx, &p, &rel)?;
    ensure_cycle_writable(&*txn, p.cycle_id).await?;
    require_approved(&p)?;
    let per = period::Entity::find_by_id(period_id)
        .one(&*txn)
        .await?
        .ok_or_else(|| ServiceError::not_found("period"))?;
    check_period(&p, &per, &rel)?;
    let approach = approach_of(&p);
    let mut errs = Vec::new();
    if is_api_client(ctx) && req.source_system.is_none() {
        errs.push(FieldError::new(
            "source_system",
            "required",
            "Systems must say where the value comes from (source_system).",
        ));
    }
    let value = match (&req.value, approach) {
        (Some(v), _) => match v.trim().parse::<Decimal>() {
            Ok(d) => Some(d.normalize().to_string()),
            Err(_) => {
                errs.push(FieldError::new(
                    "value",
                    "invalid_decimal",
                    format!("\"{v}\" is not a decimal number (use a dot: 12.5)."),
                ));
                None
            }
        },
        (None, Approach::Quantitative) => {
            errs.push(FieldError::new(
                "value",
                "required",
                "A quantitative indicator's realization is a number (value).",
            ));
            None
        }
        (None, Approach::Qualitative) => None,
    };
    if approach == Approach::Qualitative && req.body.as_deref().is_none_or(|b| b.trim().is_empty())
    {
        errs.push(FieldError::new(
            "body",
            "required",
            "A qualitative indicator's realization is described in body.",
        ));
    }
    if !errs.is_empty() {
        return Err(ServiceError::Validation(errs));
    }
    let existing = realization::Entity::find()
        .filter(realization::Column::IndicatorId.eq(ind.id))
        .filter(realization::Column::PeriodId.eq(per.id))
        .one(&*txn)
        .await?;
    let at = now();
    let (before, saved) = match existing {
        Some(r) => {
            let before = realization_view(&r, &ind, approach);
            let mut am = r.clone().into_active_model();
            am.value = Set(value);
            am.body = Set(req.body.clone());
            am.source_system = Set(req.source_system.clone());
            am.recorded_by = Set(ctx.actor.label.clone());
            am.recorded_at = Set(at);
            am.version = Set(r.version + 1);
            (Some(before), am.update(&*txn).await?)
        }
        None => (
            None,
            realization::ActiveModel {
                id: Set(Uuid::now_v7()),
                agency_id: Set(p.agency_id),
                indicator_id: Set(ind.id),
                period_id: Set(per.id),
                value: Set(value),
                body: Set(req.body.clone()),
                source_system: Set(req.source_system.clone()),
                recorded_by: Set(ctx.actor.label.clone()),
                recorded_at: Set(at),
                version: Set(1),
            }
            .insert(&*txn)
            .await?,
        ),
    };
    let after = realization_view(&saved, &ind, approach);
    audit::record(
        &*txn,
        ctx,
        Change {
            subject_employee_id: Some(p.employee_id),
            agency_id: Some(p.agency_id),
            action: if before.is_some() {
                "realization.update"
            } else {
                "realization.create"
            },
            entity_type: "realization",
            entity_id: saved.id.to_string(),
            before: before.as_ref().and_then(audit::snapshot),
            after: audit::snapshot(&after),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Realization against target for every indicator of a plan.
pub async fn list_plan_realizations(
    s: &Services,
    ctx: &Ctx,
    plan_id: Uuid,
    query: RealizationsQuery,
) -> ServiceResult<PlanRealizations> {
    let db = s.db.conn();
    let (p, _) = readable_plan(db, ctx, plan_id).await?;
    let approach = approach_of(&p);
    let wrs = work_result::Entity::find()
        .filter(work_result::Column::PlanId.eq(p.id))
        .order_by_asc(work_result::Column::Seq)
        .all(db)
        .await?;
    let wr_ids: Vec<Uuid> = wrs.iter().map(|w| w.id).collect();
    let inds = indicator::Entity::find()
        .filter(indicator::Column::WorkResultId.is_in(wr_ids))
        .order_by_asc(indicator::Column::Seq)
        .all(db)
        .await?;
    let ind_ids: Vec<Uuid> = inds.iter().map(|i| i.id).collect();
    let mut rq =
        realization::Entity::find().filter(realization::Column::IndicatorId.is_in(ind_ids));
    if let Some(pid) = query.period_id {
        rq = rq.filter(realization::Column::PeriodId.eq(pid));
    }
    let mut by_ind: HashMap<Uuid, Vec<realization::Model>> = HashMap::new();
    for r in rq
        .order_by_asc(realization::Column::RecordedAt)
        .all(db)
        .await?
    {
        by_ind.entry(r.indicator_id).or_default().push(r);
    }
    let wr_desc: HashMap<Uuid, (i32, String)> = wrs
        .iter()
        .map(|w| (w.id, (w.seq, w.description.clone())))
        .collect();
    let mut items: Vec<IndicatorRealizations> = inds
        .iter()
        .map(|i| IndicatorRealizations {
            work_result_id: i.work_result_id,
            work_result_description: wr_desc
                .get(&i.work_result_id)
                .map(|d| d.1.clone())
                .unwrap_or_default(),
            indicator: IndicatorView::from(i),
            realizations: by_ind
                .get(&i.id)
                .map(|rs| {
                    rs.iter()
                        .map(|r| realization_view(r, i, approach))
                        .collect()
                })
                .unwrap_or_default(),
        })
        .collect();
    items.sort_by_key(|it| {
        (
            wr_desc.get(&it.work_result_id).map(|d| d.0).unwrap_or(0),
            it.indicator.seq,
        )
    });
    Ok(PlanRealizations {
        plan_id: p.id,
        period_id: query.period_id,
        items,
    })
}

// ---- evidence ----

/// Checks the targets of new evidence: the realization or work result must belong to the plan,
/// and a realization's period must still be open.
async fn check_evidence_target<C: ConnectionTrait>(
    db: &C,
    p: &plan::Model,
    rel: &Relation,
    realization_id: Option<Uuid>,
    work_result_id: Option<Uuid>,
) -> ServiceResult<()> {
    if let Some(rid) = realization_id {
        let r = realization::Entity::find_by_id(rid).one(db).await?;
        let ok = match &r {
            Some(r) => match indicator::Entity::find_by_id(r.indicator_id)
                .one(db)
                .await?
            {
                Some(i) => work_result::Entity::find_by_id(i.work_result_id)
                    .one(db)
                    .await?
                    .is_some_and(|w| w.plan_id == p.id),
                None => false,
            },
            None => false,
        };
        if !ok {
            return Err(ServiceError::field(
                "realization_id",
                "not_in_plan",
                "No such realization in this plan.",
            ));
        }
        if let Some(r) = r
            && let Some(per) = period::Entity::find_by_id(r.period_id).one(db).await?
        {
            check_period(p, &per, rel)?;
        }
    }
    if let Some(wid) = work_result_id {
        let ok = work_result::Entity::find_by_id(wid)
            .one(db)
            .await?
            .is_some_and(|w| w.plan_id == p.id);
        if !ok {
            return Err(ServiceError::field(
                "work_result_id",
                "not_in_plan",
                "No such work result in this plan.",
            ));
        }
    }
    Ok(())
}

async fn evidence_plan<C: ConnectionTrait>(
    db: &C,
    ctx: &Ctx,
    plan_id: Uuid,
) -> ServiceResult<(plan::Model, Relation, CyclePolicies)> {
    let (p, rel) = readable_plan(db, ctx, plan_id).await?;
    may_record(ctx, &p, &rel)?;
    let c = ensure_cycle_writable(db, p.cycle_id).await?;
    require_approved(&p)?;
    Ok((p, rel, CyclePolicies::from_json(&c.policies)))
}

/// Adds link evidence.
pub async fn create_evidence_link(
    s: &Services,
    ctx: &Ctx,
    plan_id: Uuid,
    req: CreateEvidenceLink,
) -> ServiceResult<EvidenceView> {
    validate(&req)?;
    let lower = req.uri.trim().to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://")) {
        return Err(ServiceError::field(
            "uri",
            "url_scheme",
            "The link must start with http:// or https://.",
        ));
    }
    let txn = s.db.begin_write().await?;
    let (p, rel, _) = evidence_plan(&*txn, ctx, plan_id).await?;
    check_evidence_target(&*txn, &p, &rel, req.realization_id, req.work_result_id).await?;
    let m = evidence::ActiveModel {
        id: Set(Uuid::now_v7()),
        agency_id: Set(p.agency_id),
        plan_id: Set(p.id),
        realization_id: Set(req.realization_id),
        work_result_id: Set(req.work_result_id),
        uri: Set(Some(req.uri.trim().to_owned())),
        file_name: Set(None),
        content_type: Set(None),
        size_bytes: Set(None),
        sha256: Set(None),
        source_system: Set(req.source_system),
        uploaded_by: Set(ctx.actor.label.clone()),
        uploaded_at: Set(now()),
    }
    .insert(&*txn)
    .await?;
    let view = EvidenceView::from(&m);
    audit::record(
        &*txn,
        ctx,
        Change {
            subject_employee_id: Some(p.employee_id),
            agency_id: Some(p.agency_id),
            action: "evidence.create",
            entity_type: "evidence",
            entity_id: m.id.to_string(),
            before: None,
            after: audit::snapshot(&view),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(view)
}

fn bare_type(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// The 413 problem for a file over the cycle's limit.
pub fn too_large(max_bytes: u64) -> ServiceError {
    ServiceError::TooLarge {
        code: "evidence_too_large",
        message: format!(
            "The file is larger than this cycle's limit of {max_bytes} bytes ({:.1} MB).",
            max_bytes as f64 / 1_048_576.0
        ),
    }
}

/// Authorizes an upload and checks its media type before its body is read; returns the size
/// limit the body must respect.
pub async fn prepare_upload(
    s: &Services,
    ctx: &Ctx,
    plan_id: Uuid,
    content_type: Option<&str>,
) -> ServiceResult<UploadLimits> {
    let (_, _, policies) = evidence_plan(s.db.conn(), ctx, plan_id).await?;
    check_type(&policies, content_type)?;
    Ok(UploadLimits {
        max_bytes: policies.evidence.max_file_bytes,
    })
}

fn check_type(policies: &CyclePolicies, content_type: Option<&str>) -> ServiceResult<String> {
    let t = content_type.map(bare_type).unwrap_or_default();
    if t.is_empty()
        || !policies
            .evidence
            .allowed_content_types
            .iter()
            .any(|a| a.eq_ignore_ascii_case(&t))
    {
        return Err(ServiceError::UnsupportedMediaType {
            code: "evidence_type_not_allowed",
            message: format!(
                "Files of type {} are not accepted; allowed: {}.",
                if t.is_empty() { "(none)" } else { &t },
                policies.evidence.allowed_content_types.join(", ")
            ),
        });
    }
    Ok(t)
}

/// Stores an uploaded file (once per SHA-256) and records it as evidence.
pub async fn upload_evidence(
    s: &Services,
    ctx: &Ctx,
    plan_id: Uuid,
    content_type: Option<&str>,
    meta: UploadEvidenceQuery,
    bytes: Vec<u8>,
) -> ServiceResult<EvidenceView> {
    validate(&meta)?;
    if bytes.is_empty() {
        return Err(ServiceError::field(
            "body",
            "empty_file",
            "The uploaded file is empty.",
        ));
    }
    let txn = s.db.begin_write().await?;
    let (p, rel, policies) = evidence_plan(&*txn, ctx, plan_id).await?;
    let t = check_type(&policies, content_type)?;
    if bytes.len() as u64 > policies.evidence.max_file_bytes {
        return Err(too_large(policies.evidence.max_file_bytes));
    }
    check_evidence_target(&*txn, &p, &rel, meta.realization_id, meta.work_result_id).await?;
    let sha = hex::encode(Sha256::digest(&bytes));
    let size = bytes.len() as i64;
    let at = now();
    evidence_blob::Entity::insert(evidence_blob::ActiveModel {
        sha256: Set(sha.clone()),
        content: Set(bytes),
        size_bytes: Set(size),
        created_at: Set(at),
    })
    .on_conflict(
        OnConflict::column(evidence_blob::Column::Sha256)
            .do_nothing()
            .to_owned(),
    )
    .try_insert()
    .exec(&*txn)
    .await?;
    let m = evidence::ActiveModel {
        id: Set(Uuid::now_v7()),
        agency_id: Set(p.agency_id),
        plan_id: Set(p.id),
        realization_id: Set(meta.realization_id),
        work_result_id: Set(meta.work_result_id),
        uri: Set(None),
        file_name: Set(Some(meta.file_name.trim().to_owned())),
        content_type: Set(Some(t)),
        size_bytes: Set(Some(size)),
        sha256: Set(Some(sha)),
        source_system: Set(meta.source_system),
        uploaded_by: Set(ctx.actor.label.clone()),
        uploaded_at: Set(at),
    }
    .insert(&*txn)
    .await?;
    let view = EvidenceView::from(&m);
    audit::record(
        &*txn,
        ctx,
        Change {
            subject_employee_id: Some(p.employee_id),
            agency_id: Some(p.agency_id),
            action: "evidence.create",
            entity_type: "evidence",
            entity_id: m.id.to_string(),
            before: None,
            after: audit::snapshot(&view),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(view)
}

/// The evidence of a plan, newest first.
pub async fn list_evidence(
    s: &Services,
    ctx: &Ctx,
    plan_id: Uuid,
) -> ServiceResult<Vec<EvidenceView>> {
    let db = s.db.conn();
    let (p, _) = readable_plan(db, ctx, plan_id).await?;
    Ok(evidence::Entity::find()
        .filter(evidence::Column::PlanId.eq(p.id))
        .order_by_desc(evidence::Column::UploadedAt)
        .all(db)
        .await?
        .iter()
        .map(EvidenceView::from)
        .collect())
}

async fn load_evidence<C: ConnectionTrait>(
    db: &C,
    ctx: &Ctx,
    id: Uuid,
) -> ServiceResult<(evidence::Model, plan::Model, Relation)> {
    let e = evidence::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::not_found("evidence"))?;
    let (p, rel) = readable_plan(db, ctx, e.plan_id)
        .await
        .map_err(|err| match err {
            ServiceError::NotFound { .. } => ServiceError::not_found("evidence"),
            err => err,
        })?;
    Ok((e, p, rel))
}

/// The stored file of an evidence item.
pub async fn evidence_content(s: &Services, ctx: &Ctx, id: Uuid) -> ServiceResult<EvidenceContent> {
    let db = s.db.conn();
    let (e, _, _) = load_evidence(db, ctx, id).await?;
    let Some(sha) = e.sha256.clone() else {
        return Err(ServiceError::absent(
            "evidence_is_link",
            format!(
                "This evidence is a link, not a file: {}",
                e.uri.unwrap_or_default()
            ),
        ));
    };
    let blob = evidence_blob::Entity::find_by_id(sha)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::Internal("evidence blob missing".into()))?;
    Ok(EvidenceContent {
        content_type: e
            .content_type
            .unwrap_or_else(|| "application/octet-stream".into()),
        file_name: e.file_name.unwrap_or_else(|| "evidence".into()),
        bytes: blob.content,
    })
}

/// Removes evidence: its uploader or HR, while its period is open and the cycle not closed.
/// The stored file stays when other evidence shares it.
pub async fn delete_evidence(s: &Services, ctx: &Ctx, id: Uuid) -> ServiceResult<()> {
    let txn = s.db.begin_write().await?;
    let (e, p, rel) = load_evidence(&*txn, ctx, id).await?;
    if !(rel.is_hr || e.uploaded_by == ctx.actor.label) {
        return Err(ServiceError::forbidden(
            "Only the uploader or HR may remove evidence.",
        ));
    }
    ensure_cycle_writable(&*txn, p.cycle_id).await?;
    if let Some(rid) = e.realization_id
        && let Some(r) = realization::Entity::find_by_id(rid).one(&*txn).await?
        && let Some(per) = period::Entity::find_by_id(r.period_id).one(&*txn).await?
    {
        check_period(&p, &per, &rel)?;
    }
    let before = EvidenceView::from(&e);
    evidence::Entity::delete_by_id(id).exec(&*txn).await?;
    if let Some(sha) = &e.sha256 {
        let still_used = evidence::Entity::find()
            .filter(evidence::Column::Sha256.eq(sha.clone()))
            .one(&*txn)
            .await?
            .is_some();
        if !still_used {
            evidence_blob::Entity::delete_by_id(sha.clone())
                .exec(&*txn)
                .await?;
        }
    }
    audit::record(
        &*txn,
        ctx,
        Change {
            subject_employee_id: Some(p.employee_id),
            agency_id: Some(p.agency_id),
            action: "evidence.delete",
            entity_type: "evidence",
            entity_id: id.to_string(),
            before: audit::snapshot(&before),
            after: None,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
