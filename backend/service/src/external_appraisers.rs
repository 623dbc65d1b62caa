//! External appraisers: pejabat penilai who are not employees of the agency, often non-ASN (a
//! regent, TNI/Polri) and identified by an NRP or other number (domain.md 1.8). Owns their
//! records; who they appraise is `assignments`' business.

use chrono::{DateTime, Utc};
use kinerja_domain::nip;
use kinerja_domain::org::{AppraiserStatus, AsnType};
use kinerja_domain::reference::find_golongan;
use kinerja_store::entities::{agency, external_appraiser};
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, EntityTrait, IntoActiveModel,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::actor::{Access, Ctx};
use crate::audit::{self, Change};
use crate::error::{FieldError, ServiceError, ServiceResult, validate};
use crate::pagination::{Page, PageParams};
use crate::{Services, now};

/// Appraisal rights of API clients are the `assignments` scopes.
const RESOURCE: &str = "assignments";
const ENTITY: &str = "external appraiser";

/// An appraiser from outside the agency's staff.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ExternalAppraiserView {
    pub id: Uuid,
    pub agency_id: Uuid,
    /// NIP for an ASN; NRP, NIK or another number for a non-ASN (SIASN `penilaiNipNrp`).
    #[schema(example = "3399012304700001")]
    pub id_number: String,
    #[schema(example = "H. Ahmad Sejahtera, S.H., M.Si.")]
    pub name: String,
    /// SIASN `statusPenilai`.
    pub status: AppraiserStatus,
    #[schema(example = "Bupati Demo Sejahtera")]
    pub position_title: String,
    /// Golongan/ruang of an ASN appraiser; never set for a non-ASN.
    #[schema(example = "IV/c")]
    pub golongan: Option<String>,
    #[schema(example = "Pemerintah Kabupaten Demo Sejahtera")]
    pub unit_name: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl From<&external_appraiser::Model> for ExternalAppraiserView {
    fn from(m: &external_appraiser::Model) -> Self {
        Self {
            id: m.id,
            agency_id: m.agency_id,
            id_number: m.id_number.clone(),
            name: m.name.clone(),
            status: AppraiserStatus::parse(&m.status).unwrap_or(AppraiserStatus::NonAsn),
            position_title: m.position_title.clone(),
            golongan: m.golongan.clone(),
            unit_name: m.unit_name.clone(),
            created_at: m.created_at,
            updated_at: m.updated_at,
            version: m.version,
        }
    }
}

/// Registers an external appraiser.
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[schema(example = json!({
    "id_number": "3399012304700001", "name": "H. Ahmad Sejahtera, S.H., M.Si.", "status": "non_asn",
    "position_title": "Bupati Demo Sejahtera", "unit_name": "Pemerintah Kabupaten Demo Sejahtera"
}))]
pub struct CreateExternalAppraiser {
    /// Only for a super_admin: the agency to register in. Others register in their own.
    pub agency_id: Option<Uuid>,
    #[validate(length(min = 1, max = 64))]
    pub id_number: String,
    #[validate(length(min = 1, max = 200))]
    pub name: String,
    pub status: AppraiserStatus,
    #[validate(length(min = 1, max = 200))]
    pub position_title: String,
    #[validate(length(min = 1, max = 8))]
    pub golongan: Option<String>,
    #[validate(length(min = 1, max = 200))]
    pub unit_name: Option<String>,
}

/// Changes an external appraiser; absent fields stay, `null` clears an optional one.
#[derive(Debug, Clone, Default, Deserialize, Validate, ToSchema)]
#[schema(example = json!({"position_title": "Bupati Demo Sejahtera (periode 2025-2030)"}))]
pub struct UpdateExternalAppraiser {
    #[validate(length(min = 1, max = 64))]
    pub id_number: Option<String>,
    #[validate(length(min = 1, max = 200))]
    pub name: Option<String>,
    pub status: Option<AppraiserStatus>,
    #[validate(length(min = 1, max = 200))]
    pub position_title: Option<String>,
    #[serde(default, deserialize_with = "crate::assignments::nullable")]
    #[schema(value_type = Option<String>)]
    pub golongan: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::assignments::nullable")]
    #[schema(value_type = Option<String>)]
    pub unit_name: Option<Option<String>>,
}

#[derive(Debug, Clone, Default, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListExternalAppraisersQuery {
    /// Only for a super_admin: the agency to list (required for them).
    pub agency_id: Option<Uuid>,
    /// Part of the name or the id number, case-insensitive.
    #[validate(length(min = 1, max = 100))]
    pub q: Option<String>,
    pub status: Option<AppraiserStatus>,
}

/// Collapses runs of whitespace and trims.
fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Checks and normalises the fields that depend on each other: an ASN is identified by a
/// valid NIP or NI PPPK and may carry a golongan of that ASN type; a non-ASN carries no
/// golongan and any number of up to 64 letters, digits and `. / -`.
fn normalise(
    status: AppraiserStatus,
    id_number: &str,
    golongan: Option<&str>,
) -> ServiceResult<(String, Option<String>)> {
    let mut errors = Vec::new();
    let mut asn_type = None;
    let id = match status {
        AppraiserStatus::Asn => {
            let today = Utc::now().date_naive();
            match nip::validate_identifier(AsnType::Pns, id_number, today) {
                Ok(info) => {
                    asn_type = Some(AsnType::Pns);
                    info.normalized
                }
                Err(pns_problems) => {
                    match nip::validate_identifier(AsnType::Pppk, id_number, today) {
                        Ok(info) => {
                            asn_type = Some(AsnType::Pppk);
                            info.normalized
                        }
                        Err(_) => {
                            let detail = pns_problems
                                .first()
                                .map(|p| p.message.clone())
                                .unwrap_or_default();
                            errors.push(FieldError::new(
                                "id_number",
                                "invalid_nip",
                                format!(
                                    "An ASN appraiser is identified by an 18-digit NIP or NI PPPK. {detail}"
                                ),
                            ));
                            id_number.to_owned()
                        }
                    }
                }
            }
        }
        AppraiserStatus::NonAsn => {
            let id = squash(id_number);
            let allowed = |c: char| c.is_ascii_alphanumeric() || " ./-".contains(c);
            if id.is_empty() || !id.chars().all(allowed) {
                errors.push(FieldError::new(
                    "id_number",
                    "invalid_id_number",
                    "Use letters, digits, spaces and . / - only (an NRP, NIK or other number).",
                ));
            }
            id
        }
    };
    let golongan = match (status, golongan.map(str::trim)) {
        (_, None) => None,
        (AppraiserStatus::NonAsn, Some(_)) => {
            errors.push(FieldError::new(
                "golongan",
                "golongan_not_applicable",
                "Only an ASN appraiser has a golongan; leave it empty for a non-ASN.",
            ));
            None
        }
        (AppraiserStatus::Asn, Some(code)) => {
            let found = match asn_type {
                Some(t) => find_golongan(t, code),
                None => {
                    find_golongan(AsnType::Pns, code).or_else(|| find_golongan(AsnType::Pppk, code))
                }
            };
            match found {
                Some(g) => Some(g.code.to_owned()),
                None => {
                    errors.push(FieldError::new(
                        "golongan",
                        "unknown_golongan",
                        "Use a golongan such as III/c (PNS, I/a to IV/e) or IX (PPPK, I to XVII).",
                    ));
                    None
                }
            }
        }
    };
    if errors.is_empty() {
        Ok((id, golongan))
    } else {
        Err(ServiceError::Validation(errors))
    }
}

fn non_blank(field: &'static str, value: &str) -> ServiceResult<String> {
    let v = squash(value);
    if v.is_empty() {
        Err(ServiceError::field(field, "required", "Must not be blank."))
    } else {
        Ok(v)
    }
}

async fn ensure_id_number_free<C: sea_orm::ConnectionTrait>(
    db: &C,
    agency_id: Uuid,
    id_number: &str,
    except: Option<Uuid>,
) -> ServiceResult<()> {
    let mut q = external_appraiser::Entity::find()
        .filter(external_appraiser::Column::AgencyId.eq(agency_id))
        .filter(external_appraiser::Column::IdNumber.eq(id_number));
    if let Some(id) = except {
        q = q.filter(external_appraiser::Column::Id.ne(id));
    }
    if q.one(db).await?.is_some() {
        return Err(ServiceError::conflict(
            "id_number_taken",
            format!("An external appraiser with id number {id_number} is already registered."),
        ));
    }
    Ok(())
}

/// Registers an external appraiser in the caller's agency (a super_admin names it).
pub async fn create_external_appraiser(
    s: &Services,
    ctx: &Ctx,
    req: CreateExternalAppraiser,
) -> ServiceResult<ExternalAppraiserView> {
    let agency_id = match (
        ctx.actor.is_super_admin(),
        ctx.actor.agency_id,
        req.agency_id,
    ) {
        (true, _, Some(a)) => a,
        (true, _, None) => {
            return Err(ServiceError::field(
                "agency_id",
                "required",
                "A super_admin must name the agency (agency_id).",
            ));
        }
        (false, Some(own), _) => own,
        (false, None, _) => {
            return Err(ServiceError::forbidden(
                "This account belongs to no agency.",
            ));
        }
    };
    ctx.actor
        .require_admin(agency_id, RESOURCE, Access::Write, "agency")?;
    validate(&req)?;
    if req.agency_id.is_some_and(|a| a != agency_id) {
        return Err(ServiceError::forbidden(
            "You can register appraisers in your own agency only.",
        ));
    }
    let name = non_blank("name", &req.name)?;
    let position_title = non_blank("position_title", &req.position_title)?;
    let (id_number, golongan) = normalise(req.status, &req.id_number, req.golongan.as_deref())?;
    let unit_name = req
        .unit_name
        .as_deref()
        .map(squash)
        .filter(|u| !u.is_empty());

    let txn = s.db.begin_write().await?;
    if agency::Entity::find_by_id(agency_id)
        .one(&*txn)
        .await?
        .is_none()
    {
        return Err(ServiceError::field(
            "agency_id",
            "not_found",
            "No such agency.",
        ));
    }
    ensure_id_number_free(&*txn, agency_id, &id_number, None).await?;
    let at = now();
    let model = external_appraiser::ActiveModel {
        id: Set(Uuid::now_v7()),
        agency_id: Set(agency_id),
        id_number: Set(id_number),
        name: Set(name),
        status: Set(req.status.as_str().to_owned()),
        position_title: Set(position_title),
        golongan: Set(golongan),
        unit_name: Set(unit_name),
        created_at: Set(at),
        updated_at: Set(at),
        version: Set(1),
    }
    .insert(&*txn)
    .await?;
    let view = ExternalAppraiserView::from(&model);
    audit::record(
        &*txn,
        ctx,
        Change {
            subject_employee_id: None,
            agency_id: Some(agency_id),
            action: "external_appraiser.create",
            entity_type: "external_appraiser",
            entity_id: view.id.to_string(),
            before: None,
            after: audit::snapshot(&view),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(view)
}

/// One external appraiser.
pub async fn get_external_appraiser(
    s: &Services,
    ctx: &Ctx,
    id: Uuid,
) -> ServiceResult<ExternalAppraiserView> {
    let m = external_appraiser::Entity::find_by_id(id)
        .one(s.db.conn())
        .await?
        .ok_or_else(|| ServiceError::not_found(ENTITY))?;
    ctx.actor
        .require_admin(m.agency_id, RESOURCE, Access::Read, ENTITY)?;
    Ok(ExternalAppraiserView::from(&m))
}

/// The agency's external appraisers, by name.
pub async fn list_external_appraisers(
    s: &Services,
    ctx: &Ctx,
    query: ListExternalAppraisersQuery,
    page: PageParams,
) -> ServiceResult<Page<ExternalAppraiserView>> {
    validate(&query)?;
    validate(&page)?;
    let agency_id = ctx.actor.scope_agency(query.agency_id)?;
    ctx.actor
        .require_admin(agency_id, RESOURCE, Access::Read, "agency")?;
    let mut cond = Condition::all().add(external_appraiser::Column::AgencyId.eq(agency_id));
    if let Some(q) = query.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        let pattern = format!("%{}%", escape_like(&q.to_lowercase()));
        cond = cond.add(
            Condition::any()
                .add(
                    Expr::expr(Func::lower(Expr::col(external_appraiser::Column::Name)))
                        .like(sea_orm::sea_query::LikeExpr::new(pattern.clone()).escape('\\')),
                )
                .add(
                    Expr::expr(Func::lower(Expr::col(external_appraiser::Column::IdNumber)))
                        .like(sea_orm::sea_query::LikeExpr::new(pattern).escape('\\')),
                ),
        );
    }
    if let Some(status) = query.status {
        cond = cond.add(external_appraiser::Column::Status.eq(status.as_str()));
    }
    let db = s.db.conn();
    let total = external_appraiser::Entity::find()
        .filter(cond.clone())
        .count(db)
        .await?;
    let rows = external_appraiser::Entity::find()
        .filter(cond)
        .order_by_asc(external_appraiser::Column::Name)
        .order_by_asc(external_appraiser::Column::Id)
        .offset(page.offset())
        .limit(page.per_page())
        .all(db)
        .await?;
    Ok(Page {
        items: rows.iter().map(ExternalAppraiserView::from).collect(),
        total,
        page: page.page(),
        per_page: page.per_page(),
    })
}

/// Escapes `%`, `_` and the escape character itself for a LIKE pattern.
pub(crate) fn escape_like(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Changes an external appraiser (If-Match).
pub async fn update_external_appraiser(
    s: &Services,
    ctx: &Ctx,
    id: Uuid,
    if_match: Option<i32>,
    req: UpdateExternalAppraiser,
) -> ServiceResult<ExternalAppraiserView> {
    let txn = s.db.begin_write().await?;
    let m = external_appraiser::Entity::find_by_id(id)
        .one(&*txn)
        .await?
        .ok_or_else(|| ServiceError::not_found(ENTITY))?;
    ctx.actor
        .require_admin(m.agency_id, RESOURCE, Access::Write, ENTITY)?;
    crate::check_version(if_match, m.version)?;
    validate(&req)?;
    for (field, value) in [("golongan", &req.golongan), ("unit_name", &req.unit_name)] {
        if let Some(Some(v)) = value {
            let max = if field == "golongan" { 8 } else { 200 };
            if v.trim().is_empty() || v.chars().count() > max {
                return Err(ServiceError::field(
                    field,
                    "length",
                    format!("Must be between 1 and {max} characters long, or null."),
                ));
            }
        }
    }
    let before = ExternalAppraiserView::from(&m);
    let status = req.status.unwrap_or(before.status);
    let id_number = req.id_number.clone().unwrap_or_else(|| m.id_number.clone());
    let golongan = match &req.golongan {
        Some(g) => g.clone(),
        // A change to non-ASN drops a golongan that no longer applies.
        None if status == AppraiserStatus::NonAsn => None,
        None => m.golongan.clone(),
    };
    let (id_number, golongan) = normalise(status, &id_number, golongan.as_deref())?;
    if id_number != m.id_number {
        ensure_id_number_free(&*txn, m.agency_id, &id_number, Some(m.id)).await?;
    }
    let name = match &req.name {
        Some(n) => non_blank("name", n)?,
        None => m.name.clone(),
    };
    let position_title = match &req.position_title {
        Some(p) => non_blank("position_title", p)?,
        None => m.position_title.clone(),
    };
    let unit_name = match &req.unit_name {
        Some(u) => u.as_deref().map(squash),
        None => m.unit_name.clone(),
    };
    let version = m.version;
    let mut am = m.into_active_model();
    am.id_number = Set(id_number);
    am.name = Set(name);
    am.status = Set(status.as_str().to_owned());
    am.position_title = Set(position_title);
    am.golongan = Set(golongan);
    am.unit_name = Set(unit_name);
    am.updated_at = Set(now());
    am.version = Set(version + 1);
    let updated = am.update(&*txn).await?;
    let after = ExternalAppraiserView::from(&updated);
    audit::record(
        &*txn,
        ctx,
        Change {
            subject_employee_id: None,
            agency_id: Some(updated.agency_id),
            action: "external_appraiser.update",
            entity_type: "external_appraiser",
            entity_id: id.to_string(),
            before: audit::snapshot(&before),
            after: audit::snapshot(&after),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_non_asn_keeps_any_plain_number_and_refuses_a_golongan() {
        let (id, g) = normalise(AppraiserStatus::NonAsn, "  NRP  68010123 ", None).unwrap();
        assert_eq!(id, "NRP 68010123");
        assert_eq!(g, None);
        assert!(normalise(AppraiserStatus::NonAsn, "NRP;drop", None).is_err());
        let Err(ServiceError::Validation(errors)) =
            normalise(AppraiserStatus::NonAsn, "68010123", Some("IV/a"))
        else {
            panic!("golongan refused");
        };
        assert_eq!(errors[0].field, "golongan");
    }

    #[test]
    fn an_asn_needs_a_valid_nip_and_gets_a_canonical_golongan() {
        let (id, g) =
            normalise(AppraiserStatus::Asn, "19700101 199503 1 001", Some("ivc")).unwrap();
        assert_eq!(id, "197001011995031001");
        assert_eq!(g.as_deref(), Some("IV/c"));
        let Err(ServiceError::Validation(errors)) =
            normalise(AppraiserStatus::Asn, "68010123", None)
        else {
            panic!("short NIP refused");
        };
        assert_eq!(errors[0].field, "id_number");
    }

    #[test]
    fn like_patterns_escape_wildcards() {
        assert_eq!(escape_like("50%_a\\b"), "50\\%\\_a\\\\b");
    }
}
