//! Positions (jabatan) of an agency: listing, creation, changes. Enforces the kind/level
//! pairing: a functional level exactly for `fungsional`, a JPT level only for `jpt`.

use chrono::{DateTime, Utc};
use kinerja_domain::org::{FunctionalLevel, JptLevel, PositionKind};
use kinerja_store::entities::position;
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel,
    Order, PaginatorTrait, QueryFilter, QueryOrder,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::actor::{Access, Ctx};
use crate::agencies::{double_option, like_contains, may_read_org, non_blank, valid_code};
use crate::audit::{self, Change};
use crate::error::{FieldError, ServiceError, ServiceResult, validate};
use crate::pagination::{Page, PageParams, parse_sort};
use crate::{Services, check_version, now};

/// A position as the API shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct PositionView {
    pub id: Uuid,
    pub agency_id: Uuid,
    /// The unit the position belongs to, if any.
    pub unit_id: Option<Uuid>,
    #[schema(example = "P-PERAWAT-AP")]
    pub code: String,
    #[schema(example = "Perawat Ahli Pertama")]
    pub name: String,
    pub kind: PositionKind,
    /// Only for `jpt`.
    pub jpt_level: Option<JptLevel>,
    /// Exactly for `fungsional`.
    pub functional_level: Option<FunctionalLevel>,
    pub is_active: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl From<&position::Model> for PositionView {
    fn from(m: &position::Model) -> Self {
        Self {
            id: m.id,
            agency_id: m.agency_id,
            unit_id: m.unit_id,
            code: m.code.clone(),
            name: m.name.clone(),
            kind: PositionKind::parse(&m.kind).unwrap_or(PositionKind::Pelaksana),
            jpt_level: m.jpt_level.as_deref().and_then(JptLevel::parse),
            functional_level: m
                .functional_level
                .as_deref()
                .and_then(FunctionalLevel::parse),
            is_active: m.is_active,
            created_at: m.created_at,
            updated_at: m.updated_at,
            version: m.version,
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListPositionsQuery {
    /// The agency to list (super_admin only; others always see their own).
    pub agency_id: Option<Uuid>,
    pub unit_id: Option<Uuid>,
    pub kind: Option<PositionKind>,
    pub is_active: Option<bool>,
    /// Case-insensitive search in the name or code.
    #[validate(length(max = 100))]
    pub q: Option<String>,
    /// `name`, `code`, `kind` or `created_at`; prefix with `-` for descending. Default `name`.
    pub sort: Option<String>,
}

/// A new position.
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[schema(example = json!({"unit_id": "0190f0c2-7d2b-7c4e-9c1a-6a3b2e1f0a11", "code": "P-PERAWAT-AP", "name": "Perawat Ahli Pertama", "kind": "fungsional", "functional_level": "ahli_pertama"}))]
pub struct CreatePosition {
    /// The agency (super_admin only; others create in their own).
    pub agency_id: Option<Uuid>,
    /// An active unit of the same agency.
    pub unit_id: Option<Uuid>,
    /// Unique within the agency.
    #[validate(length(min = 1, max = 64), custom(function = "valid_code"))]
    pub code: String,
    #[validate(length(min = 1, max = 200))]
    pub name: String,
    pub kind: PositionKind,
    /// Only for `jpt`.
    pub jpt_level: Option<JptLevel>,
    /// Required for `fungsional`, forbidden otherwise.
    pub functional_level: Option<FunctionalLevel>,
}

/// Changes to a position; absent fields stay as they are, `null` clears a nullable one. When
/// `kind` changes, a level that no longer fits is cleared unless the request sets it.
#[derive(Debug, Clone, Default, Deserialize, Validate, ToSchema)]
#[schema(example = json!({"name": "Perawat Ahli Muda", "functional_level": "ahli_muda"}))]
pub struct UpdatePosition {
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<Uuid>)]
    pub unit_id: Option<Option<Uuid>>,
    #[validate(length(min = 1, max = 64), custom(function = "valid_code"))]
    pub code: Option<String>,
    #[validate(length(min = 1, max = 200))]
    pub name: Option<String>,
    pub kind: Option<PositionKind>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<JptLevel>)]
    pub jpt_level: Option<Option<JptLevel>>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<FunctionalLevel>)]
    pub functional_level: Option<Option<FunctionalLevel>>,
    pub is_active: Option<bool>,
}

/// The kind/level rule (PermenPANRB 6/2022 uses the jenjang of functional positions).
pub fn check_levels(
    kind: PositionKind,
    jpt_level: Option<JptLevel>,
    functional_level: Option<FunctionalLevel>,
) -> Vec<FieldError> {
    let mut errors = Vec::new();
    match (kind, functional_level) {
        (PositionKind::Fungsional, None) => errors.push(FieldError::new(
            "functional_level",
            "required",
            "A functional position (fungsional) needs its level (jenjang).",
        )),
        (k, Some(_)) if k != PositionKind::Fungsional => errors.push(FieldError::new(
            "functional_level",
            "not_allowed",
            "Only a functional position (fungsional) has a functional level.",
        )),
        _ => {}
    }
    if kind != PositionKind::Jpt && jpt_level.is_some() {
        errors.push(FieldError::new(
            "jpt_level",
            "not_allowed",
            "Only a JPT position has a JPT level.",
        ));
    }
    errors
}

fn read_check(ctx: &Ctx, agency_id: Uuid) -> ServiceResult<()> {
    // Positions are part of the organisation structure: clients read them with units:read.
    may_read_org(&ctx.actor, agency_id, "units", "position")
}

/// Lists the positions of one agency.
pub async fn list_positions(
    s: &Services,
    ctx: &Ctx,
    query: ListPositionsQuery,
    page: PageParams,
) -> ServiceResult<Page<PositionView>> {
    validate(&query)?;
    validate(&page)?;
    let agency_id = ctx.actor.scope_agency(query.agency_id)?;
    read_check(ctx, agency_id)?;
    let (field, desc) = parse_sort(
        query.sort.as_deref(),
        &["name", "code", "kind", "created_at"],
        "name",
    )?;
    let mut select = position::Entity::find().filter(position::Column::AgencyId.eq(agency_id));
    if let Some(u) = query.unit_id {
        select = select.filter(position::Column::UnitId.eq(u));
    }
    if let Some(k) = query.kind {
        select = select.filter(position::Column::Kind.eq(k.as_str()));
    }
    if let Some(a) = query.is_active {
        select = select.filter(position::Column::IsActive.eq(a));
    }
    if let Some(q) = non_blank(query.q.as_deref()) {
        let pattern = like_contains(&q.to_lowercase());
        select = select.filter(
            Expr::expr(Func::lower(Expr::col(position::Column::Name)))
                .like(pattern.clone())
                .or(Expr::expr(Func::lower(Expr::col(position::Column::Code))).like(pattern)),
        );
    }
    let column = match field {
        "code" => position::Column::Code,
        "kind" => position::Column::Kind,
        "created_at" => position::Column::CreatedAt,
        _ => position::Column::Name,
    };
    let order = if desc { Order::Desc } else { Order::Asc };
    let paginator = select
        .order_by(column, order.clone())
        .order_by(position::Column::Id, order)
        .paginate(s.db.conn(), page.per_page());
    let total = paginator.num_items().await?;
    let items = paginator.fetch_page(page.page() - 1).await?;
    Ok(Page {
        items: items.iter().map(PositionView::from).collect(),
        total,
        page: page.page(),
        per_page: page.per_page(),
    })
}

/// One position.
pub async fn get_position(s: &Services, ctx: &Ctx, id: Uuid) -> ServiceResult<PositionView> {
    let model = position::Entity::find_by_id(id)
        .one(s.db.conn())
        .await?
        .ok_or_else(|| ServiceError::not_found("position"))?;
    read_check(ctx, model.agency_id)?;
    Ok(PositionView::from(&model))
}

/// Creates a position.
pub async fn create_position(
    s: &Services,
    ctx: &Ctx,
    mut req: CreatePosition,
) -> ServiceResult<PositionView> {
    req.code = req.code.trim().to_owned();
    req.name = req.name.trim().to_owned();
    let agency_id = ctx.actor.scope_agency(req.agency_id)?;
    ctx.actor
        .require_admin(agency_id, "units", Access::Write, "agency")?;
    let mut errors = match validate(&req) {
        Err(ServiceError::Validation(e)) => e,
        Err(other) => return Err(other),
        Ok(()) => Vec::new(),
    };
    errors.extend(check_levels(req.kind, req.jpt_level, req.functional_level));
    if !errors.is_empty() {
        return Err(ServiceError::Validation(errors));
    }
    let txn = s.db.begin_write().await?;
    if let Some(u) = req.unit_id {
        crate::units::active_parent(&*txn, agency_id, u, "unit_id").await?;
    }
    ensure_code_free(&*txn, agency_id, &req.code, None).await?;
    let at = now();
    let model = position::ActiveModel {
        id: Set(Uuid::now_v7()),
        agency_id: Set(agency_id),
        unit_id: Set(req.unit_id),
        code: Set(req.code),
        name: Set(req.name),
        kind: Set(req.kind.as_str().to_owned()),
        jpt_level: Set(req.jpt_level.map(|l| l.as_str().to_owned())),
        functional_level: Set(req.functional_level.map(|l| l.as_str().to_owned())),
        is_active: Set(true),
        created_at: Set(at),
        updated_at: Set(at),
        version: Set(1),
    }
    .insert(&*txn)
    .await?;
    let view = PositionView::from(&model);
    audit::record(
        &*txn,
        ctx,
        Change {
            subject_employee_id: None,
            agency_id: Some(agency_id),
            action: "position.create",
            entity_type: "position",
            entity_id: model.id.to_string(),
            before: None,
            after: audit::snapshot(&view),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(view)
}

/// Changes a position.
pub async fn update_position(
    s: &Services,
    ctx: &Ctx,
    id: Uuid,
    if_match: Option<i32>,
    mut req: UpdatePosition,
) -> ServiceResult<PositionView> {
    req.code = req.code.map(|c| c.trim().to_owned());
    req.name = req.name.map(|n| n.trim().to_owned());
    validate(&req)?;
    let txn = s.db.begin_write().await?;
    let model = position::Entity::find_by_id(id)
        .one(&*txn)
        .await?
        .ok_or_else(|| ServiceError::not_found("position"))?;
    ctx.actor
        .require_admin(model.agency_id, "units", Access::Write, "position")?;
    check_version(if_match, model.version)?;
    let before = PositionView::from(&model);
    let kind = req.kind.unwrap_or(before.kind);
    let kind_changed = kind != before.kind;
    // A level the new kind does not allow goes away with the kind change, unless set explicitly.
    let jpt_level = match req.jpt_level {
        Some(v) => v,
        None if kind_changed && kind != PositionKind::Jpt => None,
        None => before.jpt_level,
    };
    let functional_level = match req.functional_level {
        Some(v) => v,
        None if kind_changed && kind != PositionKind::Fungsional => None,
        None => before.functional_level,
    };
    let errors = check_levels(kind, jpt_level, functional_level);
    if !errors.is_empty() {
        return Err(ServiceError::Validation(errors));
    }
    let unit_id = req.unit_id.unwrap_or(model.unit_id);
    if unit_id != model.unit_id
        && let Some(u) = unit_id
    {
        crate::units::active_parent(&*txn, model.agency_id, u, "unit_id").await?;
    }
    let code = req.code.unwrap_or_else(|| model.code.clone());
    if code != model.code {
        ensure_code_free(&*txn, model.agency_id, &code, Some(id)).await?;
    }
    let name = req.name.unwrap_or_else(|| model.name.clone());
    let is_active = req.is_active.unwrap_or(model.is_active);
    let unchanged = code == model.code
        && name == model.name
        && unit_id == model.unit_id
        && kind == before.kind
        && jpt_level == before.jpt_level
        && functional_level == before.functional_level
        && is_active == model.is_active;
    if unchanged {
        return Ok(before);
    }
    let agency_id = model.agency_id;
    let version = model.version + 1;
    let mut am = model.into_active_model();
    am.unit_id = Set(unit_id);
    am.code = Set(code);
    am.name = Set(name);
    am.kind = Set(kind.as_str().to_owned());
    am.jpt_level = Set(jpt_level.map(|l| l.as_str().to_owned()));
    am.functional_level = Set(functional_level.map(|l| l.as_str().to_owned()));
    am.is_active = Set(is_active);
    am.updated_at = Set(now());
    am.version = Set(version);
    let after = PositionView::from(&am.update(&*txn).await?);
    audit::record(
        &*txn,
        ctx,
        Change {
            subject_employee_id: None,
            agency_id: Some(agency_id),
            action: "position.update",
            entity_type: "position",
            entity_id: id.to_string(),
            before: audit::snapshot(&before),
            after: audit::snapshot(&after),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

async fn ensure_code_free<C: ConnectionTrait>(
    db: &C,
    agency_id: Uuid,
    code: &str,
    except: Option<Uuid>,
) -> ServiceResult<()> {
    let mut q = position::Entity::find()
        .filter(position::Column::AgencyId.eq(agency_id))
        .filter(position::Column::Code.eq(code));
    if let Some(id) = except {
        q = q.filter(position::Column::Id.ne(id));
    }
    if q.count(db).await? > 0 {
        return Err(ServiceError::conflict(
            "position_code_taken",
            format!("Another position of this agency already has the code {code}."),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(errors: Vec<FieldError>) -> Vec<(String, String)> {
        errors.into_iter().map(|e| (e.field, e.code)).collect()
    }

    #[test]
    fn a_functional_position_needs_its_level_and_only_it_has_one() {
        use FunctionalLevel::AhliMuda;
        use PositionKind::*;
        assert!(check_levels(Fungsional, None, Some(AhliMuda)).is_empty());
        assert_eq!(
            fields(check_levels(Fungsional, None, None)),
            [("functional_level".to_owned(), "required".to_owned())]
        );
        for kind in [Jpt, Administrator, Pengawas, Pelaksana] {
            assert_eq!(
                fields(check_levels(kind, None, Some(AhliMuda))),
                [("functional_level".to_owned(), "not_allowed".to_owned())]
            );
        }
    }

    #[test]
    fn only_a_jpt_position_has_a_jpt_level() {
        use PositionKind::*;
        assert!(check_levels(Jpt, Some(JptLevel::Pratama), None).is_empty());
        assert!(check_levels(Jpt, None, None).is_empty());
        assert_eq!(
            fields(check_levels(Pengawas, Some(JptLevel::Madya), None)),
            [("jpt_level".to_owned(), "not_allowed".to_owned())]
        );
    }
}
