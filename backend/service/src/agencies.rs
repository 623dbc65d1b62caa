//! Agencies (instansi), the tenants: listing, creation by a super_admin, renaming.
//! Also the small helpers the organisation use cases share (read policy, LIKE patterns,
//! PATCH semantics for nullable fields). Never lists one agency's objects to another.

use chrono::{DateTime, Utc};
use kinerja_domain::org::Role;
use kinerja_store::entities::agency;
use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, QueryOrder,
};
use serde::{Deserialize, Deserializer, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::{Validate, ValidationError};

use crate::actor::{Access, Actor, Ctx};
use crate::audit::{self, Change};
use crate::error::{ServiceError, ServiceResult, validate};
use crate::pagination::{Page, PageParams, parse_sort};
use crate::{Services, check_version, now};

/// An agency as the API shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct AgencyView {
    pub id: Uuid,
    #[schema(example = "KAB-SLEMAN")]
    pub code: String,
    #[schema(example = "Pemerintah Kabupaten Sleman")]
    pub name: String,
    /// SIASN instansi id, when known.
    pub siasn_instansi_id: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Optimistic-concurrency version; the ETag carries it.
    pub version: i32,
}

impl From<&agency::Model> for AgencyView {
    fn from(m: &agency::Model) -> Self {
        Self {
            id: m.id,
            code: m.code.clone(),
            name: m.name.clone(),
            siasn_instansi_id: m.siasn_instansi_id.clone(),
            created_at: m.created_at,
            updated_at: m.updated_at,
            version: m.version,
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListAgenciesQuery {
    /// Case-insensitive search in the name or code (super_admin listing).
    #[validate(length(max = 100))]
    pub q: Option<String>,
    /// `name`, `code` or `created_at`; prefix with `-` for descending. Default `name`.
    pub sort: Option<String>,
}

/// A new agency (super_admin only).
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[schema(example = json!({"code": "KAB-SLEMAN", "name": "Pemerintah Kabupaten Sleman", "siasn_instansi_id": "A5EB03E23C2BF6A0E040640A040252AD"}))]
pub struct CreateAgency {
    /// Unique across the deployment: letters, digits, `-`, `_`, `.`.
    #[validate(length(min = 2, max = 32), custom(function = "valid_code"))]
    pub code: String,
    #[validate(length(min = 1, max = 200))]
    pub name: String,
    #[validate(length(min = 1, max = 64))]
    pub siasn_instansi_id: Option<String>,
}

/// Changes to an agency; absent fields stay as they are. Only a super_admin may change `code`.
#[derive(Debug, Clone, Default, Deserialize, Validate, ToSchema)]
#[schema(example = json!({"name": "Pemerintah Kabupaten Sleman"}))]
pub struct UpdateAgency {
    #[validate(length(min = 2, max = 32), custom(function = "valid_code"))]
    pub code: Option<String>,
    #[validate(length(min = 1, max = 200))]
    pub name: Option<String>,
    /// `null` clears it.
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>)]
    pub siasn_instansi_id: Option<Option<String>>,
}

/// Lists agencies: every agency for a super_admin, otherwise only the caller's own.
pub async fn list_agencies(
    s: &Services,
    ctx: &Ctx,
    query: ListAgenciesQuery,
    page: PageParams,
) -> ServiceResult<Page<AgencyView>> {
    validate(&query)?;
    validate(&page)?;
    let (field, desc) = parse_sort(
        query.sort.as_deref(),
        &["name", "code", "created_at"],
        "name",
    )?;
    let mut select = agency::Entity::find();
    if !ctx.actor.is_super_admin() {
        let own = ctx
            .actor
            .agency_id
            .ok_or_else(|| ServiceError::forbidden("This account belongs to no agency."))?;
        may_read_org(&ctx.actor, own, "agency", "agency")?;
        select = select.filter(agency::Column::Id.eq(own));
    }
    if let Some(q) = non_blank(query.q.as_deref()) {
        let pattern = like_contains(&q.to_lowercase());
        select = select.filter(
            Expr::expr(Func::lower(Expr::col(agency::Column::Name)))
                .like(pattern.clone())
                .or(Expr::expr(Func::lower(Expr::col(agency::Column::Code))).like(pattern)),
        );
    }
    let column = match field {
        "code" => agency::Column::Code,
        "created_at" => agency::Column::CreatedAt,
        _ => agency::Column::Name,
    };
    let order = if desc {
        sea_orm::Order::Desc
    } else {
        sea_orm::Order::Asc
    };
    let select = select
        .order_by(column, order.clone())
        .order_by(agency::Column::Id, order);
    let paginator = select.paginate(s.db.conn(), page.per_page());
    let total = paginator.num_items().await?;
    let items = paginator.fetch_page(page.page() - 1).await?;
    Ok(Page {
        items: items.iter().map(AgencyView::from).collect(),
        total,
        page: page.page(),
        per_page: page.per_page(),
    })
}

/// Creates an agency. Super_admin only; the code is unique.
pub async fn create_agency(
    s: &Services,
    ctx: &Ctx,
    mut req: CreateAgency,
) -> ServiceResult<AgencyView> {
    req.code = req.code.trim().to_owned();
    req.name = req.name.trim().to_owned();
    req.siasn_instansi_id = non_blank(req.siasn_instansi_id.as_deref()).map(str::to_owned);
    if !ctx.actor.is_super_admin() {
        return Err(ServiceError::forbidden(
            "Only a super_admin may create agencies.",
        ));
    }
    validate(&req)?;
    let txn = s.db.begin_write().await?;
    ensure_code_free(&*txn, &req.code, None).await?;
    let at = now();
    let model = agency::ActiveModel {
        id: Set(Uuid::now_v7()),
        code: Set(req.code),
        name: Set(req.name),
        siasn_instansi_id: Set(req.siasn_instansi_id),
        created_at: Set(at),
        updated_at: Set(at),
        version: Set(1),
    }
    .insert(&*txn)
    .await?;
    let view = AgencyView::from(&model);
    audit::record(
        &*txn,
        ctx,
        Change {
            subject_employee_id: None,
            agency_id: Some(model.id),
            action: "agency.create",
            entity_type: "agency",
            entity_id: model.id.to_string(),
            before: None,
            after: audit::snapshot(&view),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(view)
}

/// One agency: the caller's own, or any for a super_admin; others read as not found.
pub async fn get_agency(s: &Services, ctx: &Ctx, id: Uuid) -> ServiceResult<AgencyView> {
    ctx.actor.check_agency(id, "agency")?;
    let model = agency::Entity::find_by_id(id)
        .one(s.db.conn())
        .await?
        .ok_or_else(|| ServiceError::not_found("agency"))?;
    may_read_org(&ctx.actor, id, "agency", "agency")?;
    Ok(AgencyView::from(&model))
}

/// Renames an agency (super_admin, or that agency's admin; only a super_admin changes the code).
pub async fn update_agency(
    s: &Services,
    ctx: &Ctx,
    id: Uuid,
    if_match: Option<i32>,
    mut req: UpdateAgency,
) -> ServiceResult<AgencyView> {
    req.code = req.code.map(|c| c.trim().to_owned());
    req.name = req.name.map(|n| n.trim().to_owned());
    req.siasn_instansi_id = req
        .siasn_instansi_id
        .map(|v| non_blank(v.as_deref()).map(str::to_owned));
    validate(&req)?;
    if let Some(Some(v)) = &req.siasn_instansi_id
        && v.chars().count() > 64
    {
        return Err(ServiceError::field(
            "siasn_instansi_id",
            "length",
            "Must be at most 64 characters long.",
        ));
    }
    let txn = s.db.begin_write().await?;
    let model = agency::Entity::find_by_id(id)
        .one(&*txn)
        .await?
        .ok_or_else(|| ServiceError::not_found("agency"))?;
    ctx.actor
        .require_admin(id, "agency", Access::Write, "agency")?;
    check_version(if_match, model.version)?;
    if req.code.as_ref().is_some_and(|c| *c != model.code) {
        if !ctx.actor.is_super_admin() {
            return Err(ServiceError::forbidden(
                "Only a super_admin may change an agency's code.",
            ));
        }
        ensure_code_free(&*txn, req.code.as_deref().unwrap_or_default(), Some(id)).await?;
    }
    let before = AgencyView::from(&model);
    let code = req.code.unwrap_or_else(|| model.code.clone());
    let name = req.name.unwrap_or_else(|| model.name.clone());
    let siasn = req
        .siasn_instansi_id
        .unwrap_or_else(|| model.siasn_instansi_id.clone());
    if code == model.code && name == model.name && siasn == model.siasn_instansi_id {
        return Ok(before);
    }
    let version = model.version + 1;
    let mut am = model.into_active_model();
    am.code = Set(code);
    am.name = Set(name);
    am.siasn_instansi_id = Set(siasn);
    am.updated_at = Set(now());
    am.version = Set(version);
    let updated = am.update(&*txn).await?;
    let after = AgencyView::from(&updated);
    audit::record(
        &*txn,
        ctx,
        Change {
            subject_employee_id: None,
            agency_id: Some(id),
            action: "agency.update",
            entity_type: "agency",
            entity_id: id.to_string(),
            before: audit::snapshot(&before),
            after: audit::snapshot(&after),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

async fn ensure_code_free<C: sea_orm::ConnectionTrait>(
    db: &C,
    code: &str,
    except: Option<Uuid>,
) -> ServiceResult<()> {
    let mut q = agency::Entity::find().filter(agency::Column::Code.eq(code));
    if let Some(id) = except {
        q = q.filter(agency::Column::Id.ne(id));
    }
    if q.count(db).await? > 0 {
        return Err(ServiceError::conflict(
            "agency_code_taken",
            format!("Another agency already has the code {code}."),
        ));
    }
    Ok(())
}

// ---- helpers shared by the organisation use cases ------------------------------------------

/// Reading the organisation (agency, units, positions) of `agency_id`: anyone who administers
/// `resource` there, and every employee of the agency. Other agencies read as not found.
pub(crate) fn may_read_org(
    actor: &Actor,
    agency_id: Uuid,
    resource: &str,
    entity: &'static str,
) -> ServiceResult<()> {
    actor.check_agency(agency_id, entity)?;
    if actor.can_administer(agency_id, resource, Access::Read)
        || actor.role() == Some(Role::Employee)
    {
        Ok(())
    } else {
        Err(ServiceError::forbidden(format!(
            "You may not read {resource} of this agency."
        )))
    }
}

/// Codes of agencies, units and positions: letters, digits, `-`, `_`, `.` and `/`.
pub(crate) fn valid_code(code: &str) -> Result<(), ValidationError> {
    if code
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'))
    {
        Ok(())
    } else {
        Err(ValidationError::new("code_chars")
            .with_message("Use only letters, digits, '-', '_', '.' and '/'.".into()))
    }
}

/// The trimmed text, or None when it is absent or blank.
pub(crate) fn non_blank(text: Option<&str>) -> Option<&str> {
    text.map(str::trim).filter(|t| !t.is_empty())
}

fn escape_like(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '%' | '_') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// `LIKE '%text%'` with the wildcards in `text` taken literally; portable across SQLite and
/// PostgreSQL because the escape character is explicit.
pub(crate) fn like_contains(text: &str) -> LikeExpr {
    LikeExpr::new(format!("%{}%", escape_like(text))).escape('\\')
}

/// `LIKE 'text%'` with the wildcards in `text` taken literally.
pub(crate) fn like_prefix(text: &str) -> LikeExpr {
    LikeExpr::new(format!("{}%", escape_like(text))).escape('\\')
}

/// PATCH semantics for nullable fields: absent => None (unchanged), `null` => Some(None)
/// (cleared), a value => Some(Some(value)). Use with `#[serde(default)]`.
pub(crate) fn double_option<'de, D, T>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_patterns_take_wildcards_literally() {
        assert_eq!(escape_like("50%_a\\b"), "50\\%\\_a\\\\b");
        assert_eq!(escape_like("Dinas"), "Dinas");
    }

    #[test]
    fn codes_allow_only_plain_characters() {
        assert!(valid_code("KAB-SLEMAN_01.2/a").is_ok());
        assert!(valid_code("KAB SLEMAN").is_err());
        assert!(valid_code("KAB%").is_err());
    }

    #[test]
    fn double_option_tells_absent_from_null() {
        #[derive(Deserialize)]
        struct T {
            #[serde(default, deserialize_with = "double_option")]
            v: Option<Option<String>>,
        }
        let absent: T = serde_json::from_str("{}").unwrap();
        let null: T = serde_json::from_str(r#"{"v": null}"#).unwrap();
        let value: T = serde_json::from_str(r#"{"v": "x"}"#).unwrap();
        assert_eq!(absent.v, None);
        assert_eq!(null.v, Some(None));
        assert_eq!(value.v, Some(Some("x".to_owned())));
    }
}
