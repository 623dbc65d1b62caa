//! The organisation tree (unit organisasi): listing, the nested tree, creation, renaming,
//! moving (rewrites the materialised paths of the whole subtree) and (de)activation.
//! Paths are "/<root id>/.../<own id>/", so "the subtree of U" is one prefix LIKE query.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use kinerja_domain::org::{EmployeeStatus, UnitKind};
use kinerja_store::entities::{employee, unit};
use sea_orm::sea_query::{BinOper, Expr, ExprTrait, Func};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel,
    Order, PaginatorTrait, QueryFilter, QueryOrder,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::actor::{Access, Ctx};
use crate::agencies::{
    double_option, like_contains, like_prefix, may_read_org, non_blank, valid_code,
};
use crate::audit::{self, Change};
use crate::error::{FieldError, ServiceError, ServiceResult, validate};
use crate::pagination::{Page, PageParams, parse_sort};
use crate::{Services, check_version, now};

/// A unit as the API shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct UnitView {
    pub id: Uuid,
    pub agency_id: Uuid,
    /// None for a root unit.
    pub parent_id: Option<Uuid>,
    #[schema(example = "DISDIK-SD")]
    pub code: String,
    #[schema(example = "Bidang Pembinaan SD")]
    pub name: String,
    pub kind: UnitKind,
    /// SIASN unor id, when known.
    pub siasn_unor_id: Option<String>,
    pub is_active: bool,
    /// Materialised path: "/<root id>/.../<own id>/".
    pub path: String,
    /// 0 for a root unit.
    pub depth: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl From<&unit::Model> for UnitView {
    fn from(m: &unit::Model) -> Self {
        Self {
            id: m.id,
            agency_id: m.agency_id,
            parent_id: m.parent_id,
            code: m.code.clone(),
            name: m.name.clone(),
            kind: UnitKind::parse(&m.kind).unwrap_or(UnitKind::Other),
            siasn_unor_id: m.siasn_unor_id.clone(),
            is_active: m.is_active,
            path: m.path.clone(),
            depth: m.depth,
            created_at: m.created_at,
            updated_at: m.updated_at,
            version: m.version,
        }
    }
}

/// A unit with its children, for the tree view.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct UnitNode {
    pub id: Uuid,
    pub parent_id: Option<Uuid>,
    pub code: String,
    pub name: String,
    pub kind: UnitKind,
    pub is_active: bool,
    pub depth: i32,
    pub version: i32,
    /// Child units, sorted by name.
    #[schema(no_recursion)]
    pub children: Vec<UnitNode>,
}

#[derive(Debug, Clone, Default, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListUnitsQuery {
    /// The agency to list (super_admin only; others always see their own).
    pub agency_id: Option<Uuid>,
    /// Only the direct children of this unit.
    pub parent_id: Option<Uuid>,
    /// This unit and all its descendants.
    pub subtree_of: Option<Uuid>,
    pub is_active: Option<bool>,
    pub kind: Option<UnitKind>,
    /// Case-insensitive search in the name or code.
    #[validate(length(max = 100))]
    pub q: Option<String>,
    /// `name`, `code`, `depth` or `created_at`; prefix with `-` for descending. Default `name`.
    pub sort: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UnitTreeQuery {
    /// The agency (super_admin only; others always see their own).
    pub agency_id: Option<Uuid>,
    /// Include deactivated units (default true).
    pub include_inactive: Option<bool>,
}

/// A new unit. Without `parent_id` it becomes a root unit.
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[schema(example = json!({"parent_id": "0190f0c2-7d2b-7c4e-9c1a-6a3b2e1f0a11", "code": "DISDIK-SD", "name": "Bidang Pembinaan SD", "kind": "bidang"}))]
pub struct CreateUnit {
    /// The agency (super_admin only; others create in their own).
    pub agency_id: Option<Uuid>,
    /// An active unit of the same agency.
    pub parent_id: Option<Uuid>,
    /// Unique within the agency: letters, digits, `-`, `_`, `.`, `/`.
    #[validate(length(min = 1, max = 64), custom(function = "valid_code"))]
    pub code: String,
    #[validate(length(min = 1, max = 200))]
    pub name: String,
    pub kind: UnitKind,
    #[validate(length(min = 1, max = 64))]
    pub siasn_unor_id: Option<String>,
}

/// Changes to a unit; absent fields stay as they are. Move and (de)activation have their own
/// endpoints.
#[derive(Debug, Clone, Default, Deserialize, Validate, ToSchema)]
#[schema(example = json!({"name": "Bidang Pembinaan Sekolah Dasar"}))]
pub struct UpdateUnit {
    #[validate(length(min = 1, max = 64), custom(function = "valid_code"))]
    pub code: Option<String>,
    #[validate(length(min = 1, max = 200))]
    pub name: Option<String>,
    pub kind: Option<UnitKind>,
    /// `null` clears it.
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>)]
    pub siasn_unor_id: Option<Option<String>>,
}

/// Where to move a unit: under `parent_id`, or to the top level when it is null.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[schema(example = json!({"parent_id": "0190f0c2-7d2b-7c4e-9c1a-6a3b2e1f0a11"}))]
pub struct MoveUnit {
    pub parent_id: Option<Uuid>,
}

fn read_check(ctx: &Ctx, agency_id: Uuid) -> ServiceResult<()> {
    may_read_org(&ctx.actor, agency_id, "units", "unit")
}

/// Lists the units of one agency with filters and a total count.
pub async fn list_units(
    s: &Services,
    ctx: &Ctx,
    query: ListUnitsQuery,
    page: PageParams,
) -> ServiceResult<Page<UnitView>> {
    validate(&query)?;
    validate(&page)?;
    let agency_id = ctx.actor.scope_agency(query.agency_id)?;
    read_check(ctx, agency_id)?;
    let (field, desc) = parse_sort(
        query.sort.as_deref(),
        &["name", "code", "depth", "created_at"],
        "name",
    )?;
    let db = s.db.conn();
    let mut select = unit::Entity::find().filter(unit::Column::AgencyId.eq(agency_id));
    if let Some(parent) = query.parent_id {
        select = select.filter(unit::Column::ParentId.eq(parent));
    }
    if let Some(root) = query.subtree_of {
        // Another agency's unit, or none: an empty subtree, like any unknown filter value.
        let prefix = unit::Entity::find_by_id(root)
            .filter(unit::Column::AgencyId.eq(agency_id))
            .one(db)
            .await?
            .map(|u| u.path)
            .unwrap_or_else(|| format!("/{root}/"));
        select = select.filter(unit::Column::Path.like(like_prefix(&prefix)));
    }
    if let Some(active) = query.is_active {
        select = select.filter(unit::Column::IsActive.eq(active));
    }
    if let Some(kind) = query.kind {
        select = select.filter(unit::Column::Kind.eq(kind.as_str()));
    }
    if let Some(q) = non_blank(query.q.as_deref()) {
        let pattern = like_contains(&q.to_lowercase());
        select = select.filter(
            Expr::expr(Func::lower(Expr::col(unit::Column::Name)))
                .like(pattern.clone())
                .or(Expr::expr(Func::lower(Expr::col(unit::Column::Code))).like(pattern)),
        );
    }
    let column = match field {
        "code" => unit::Column::Code,
        "depth" => unit::Column::Depth,
        "created_at" => unit::Column::CreatedAt,
        _ => unit::Column::Name,
    };
    let order = if desc { Order::Desc } else { Order::Asc };
    let select = select
        .order_by(column, order.clone())
        .order_by(unit::Column::Id, order);
    let paginator = select.paginate(db, page.per_page());
    let total = paginator.num_items().await?;
    let items = paginator.fetch_page(page.page() - 1).await?;
    Ok(Page {
        items: items.iter().map(UnitView::from).collect(),
        total,
        page: page.page(),
        per_page: page.per_page(),
    })
}

/// The whole tree of one agency, nested; read in one query and assembled in memory.
pub async fn unit_tree(
    s: &Services,
    ctx: &Ctx,
    query: UnitTreeQuery,
) -> ServiceResult<Vec<UnitNode>> {
    let agency_id = ctx.actor.scope_agency(query.agency_id)?;
    read_check(ctx, agency_id)?;
    let mut select = unit::Entity::find().filter(unit::Column::AgencyId.eq(agency_id));
    if !query.include_inactive.unwrap_or(true) {
        select = select.filter(unit::Column::IsActive.eq(true));
    }
    let rows = select
        .order_by_asc(unit::Column::Name)
        .order_by_asc(unit::Column::Id)
        .all(s.db.conn())
        .await?;
    Ok(build_tree(rows))
}

/// Nests units under their parents; units whose parent is not in `rows` become roots. Keeps
/// the order of `rows` among siblings.
pub fn build_tree(rows: Vec<unit::Model>) -> Vec<UnitNode> {
    let present: std::collections::HashSet<Uuid> = rows.iter().map(|u| u.id).collect();
    let mut children: HashMap<Option<Uuid>, Vec<unit::Model>> = HashMap::new();
    for u in rows {
        let parent = u.parent_id.filter(|p| present.contains(p));
        children.entry(parent).or_default().push(u);
    }
    fn attach(
        parent: Option<Uuid>,
        children: &mut HashMap<Option<Uuid>, Vec<unit::Model>>,
    ) -> Vec<UnitNode> {
        let Some(list) = children.remove(&parent) else {
            return Vec::new();
        };
        list.into_iter()
            .map(|u| UnitNode {
                children: attach(Some(u.id), children),
                id: u.id,
                parent_id: u.parent_id,
                code: u.code,
                name: u.name,
                kind: UnitKind::parse(&u.kind).unwrap_or(UnitKind::Other),
                is_active: u.is_active,
                depth: u.depth,
                version: u.version,
            })
            .collect()
    }
    attach(None, &mut children)
}

/// One unit.
pub async fn get_unit(s: &Services, ctx: &Ctx, id: Uuid) -> ServiceResult<UnitView> {
    let model = unit::Entity::find_by_id(id)
        .one(s.db.conn())
        .await?
        .ok_or_else(|| ServiceError::not_found("unit"))?;
    read_check(ctx, model.agency_id)?;
    Ok(UnitView::from(&model))
}

/// Creates a unit under an active parent of the same agency (or as a root).
pub async fn create_unit(s: &Services, ctx: &Ctx, mut req: CreateUnit) -> ServiceResult<UnitView> {
    req.code = req.code.trim().to_owned();
    req.name = req.name.trim().to_owned();
    req.siasn_unor_id = non_blank(req.siasn_unor_id.as_deref()).map(str::to_owned);
    let agency_id = ctx.actor.scope_agency(req.agency_id)?;
    ctx.actor
        .require_admin(agency_id, "units", Access::Write, "agency")?;
    validate(&req)?;
    let txn = s.db.begin_write().await?;
    let parent = match req.parent_id {
        Some(pid) => Some(active_parent(&*txn, agency_id, pid, "parent_id").await?),
        None => None,
    };
    ensure_code_free(&*txn, agency_id, &req.code, None).await?;
    let at = now();
    let id = Uuid::now_v7();
    let (path, depth) = child_path(parent.as_ref(), id);
    let model = unit::ActiveModel {
        id: Set(id),
        agency_id: Set(agency_id),
        parent_id: Set(req.parent_id),
        code: Set(req.code),
        name: Set(req.name),
        kind: Set(req.kind.as_str().to_owned()),
        siasn_unor_id: Set(req.siasn_unor_id),
        is_active: Set(true),
        path: Set(path),
        depth: Set(depth),
        created_at: Set(at),
        updated_at: Set(at),
        version: Set(1),
    }
    .insert(&*txn)
    .await?;
    let view = UnitView::from(&model);
    audit::record(
        &*txn,
        ctx,
        Change {
            subject_employee_id: None,
            agency_id: Some(agency_id),
            action: "unit.create",
            entity_type: "unit",
            entity_id: id.to_string(),
            before: None,
            after: audit::snapshot(&view),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(view)
}

/// Renames or recodes a unit.
pub async fn update_unit(
    s: &Services,
    ctx: &Ctx,
    id: Uuid,
    if_match: Option<i32>,
    mut req: UpdateUnit,
) -> ServiceResult<UnitView> {
    req.code = req.code.map(|c| c.trim().to_owned());
    req.name = req.name.map(|n| n.trim().to_owned());
    req.siasn_unor_id = req
        .siasn_unor_id
        .map(|v| non_blank(v.as_deref()).map(str::to_owned));
    validate(&req)?;
    if let Some(Some(v)) = &req.siasn_unor_id
        && v.chars().count() > 64
    {
        return Err(ServiceError::field(
            "siasn_unor_id",
            "length",
            "Must be at most 64 characters long.",
        ));
    }
    let txn = s.db.begin_write().await?;
    let model = load_for_write(&*txn, ctx, id).await?;
    check_version(if_match, model.version)?;
    if let Some(code) = &req.code
        && *code != model.code
    {
        ensure_code_free(&*txn, model.agency_id, code, Some(id)).await?;
    }
    let before = UnitView::from(&model);
    let code = req.code.unwrap_or_else(|| model.code.clone());
    let name = req.name.unwrap_or_else(|| model.name.clone());
    let kind = req
        .kind
        .map(|k| k.as_str().to_owned())
        .unwrap_or_else(|| model.kind.clone());
    let siasn = req
        .siasn_unor_id
        .unwrap_or_else(|| model.siasn_unor_id.clone());
    if code == model.code
        && name == model.name
        && kind == model.kind
        && siasn == model.siasn_unor_id
    {
        return Ok(before);
    }
    let agency_id = model.agency_id;
    let version = model.version + 1;
    let mut am = model.into_active_model();
    am.code = Set(code);
    am.name = Set(name);
    am.kind = Set(kind);
    am.siasn_unor_id = Set(siasn);
    am.updated_at = Set(now());
    am.version = Set(version);
    let after = UnitView::from(&am.update(&*txn).await?);
    record(&*txn, ctx, agency_id, "unit.update", &before, &after).await?;
    txn.commit().await?;
    Ok(after)
}

/// Moves a unit (with its whole subtree) under another active unit of the same agency, or to
/// the top level. Refused under itself or one of its descendants.
pub async fn move_unit(
    s: &Services,
    ctx: &Ctx,
    id: Uuid,
    if_match: Option<i32>,
    req: MoveUnit,
) -> ServiceResult<UnitView> {
    let txn = s.db.begin_write().await?;
    let model = load_for_write(&*txn, ctx, id).await?;
    check_version(if_match, model.version)?;
    let parent = match req.parent_id {
        Some(pid) if pid == id => {
            return Err(ServiceError::rule(
                "unit_move_cycle",
                "A unit cannot be moved under itself.",
            ));
        }
        Some(pid) => {
            let p = active_parent(&*txn, model.agency_id, pid, "parent_id").await?;
            if p.path.starts_with(&model.path) {
                return Err(ServiceError::rule(
                    "unit_move_cycle",
                    format!(
                        "{} is inside the subtree of {}; a unit cannot be moved under one of its own descendants.",
                        p.name, model.name
                    ),
                ));
            }
            Some(p)
        }
        None => None,
    };
    if model.parent_id == req.parent_id {
        return Ok(UnitView::from(&model));
    }
    let before = UnitView::from(&model);
    let (new_path, new_depth) = child_path(parent.as_ref(), id);
    rewrite_subtree(&*txn, &model, &new_path, new_depth).await?;
    let agency_id = model.agency_id;
    let version = model.version + 1;
    let mut am = model.into_active_model();
    am.parent_id = Set(req.parent_id);
    am.path = Set(new_path);
    am.depth = Set(new_depth);
    am.updated_at = Set(now());
    am.version = Set(version);
    let after = UnitView::from(&am.update(&*txn).await?);
    record(&*txn, ctx, agency_id, "unit.move", &before, &after).await?;
    txn.commit().await?;
    Ok(after)
}

/// Rewrites the paths and depths of the strict descendants of `unit` in one UPDATE: the old
/// path prefix is replaced by `new_path`. The descendants' own fields and versions do not
/// change; the move is audited on the moved unit.
pub(crate) async fn rewrite_subtree<C: ConnectionTrait>(
    db: &C,
    unit: &unit::Model,
    new_path: &str,
    new_depth: i32,
) -> ServiceResult<u64> {
    let old_len = i32::try_from(unit.path.chars().count())
        .map_err(|_| ServiceError::Internal("unit path too long".into()))?;
    let result = unit::Entity::update_many()
        .col_expr(
            unit::Column::Path,
            // new_path || SUBSTR(path, len(old_path) + 1), portable to both databases.
            Expr::val(new_path.to_owned()).binary(
                BinOper::Custom("||"),
                Func::cust("SUBSTR")
                    .arg(Expr::col(unit::Column::Path))
                    .arg(old_len + 1),
            ),
        )
        .col_expr(
            unit::Column::Depth,
            Expr::col(unit::Column::Depth).add(new_depth - unit.depth),
        )
        .filter(unit::Column::AgencyId.eq(unit.agency_id))
        .filter(unit::Column::Path.like(like_prefix(&unit.path)))
        .filter(unit::Column::Id.ne(unit.id))
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}

/// Deactivates a unit. Refused while it has active child units or active employees.
pub async fn deactivate_unit(
    s: &Services,
    ctx: &Ctx,
    id: Uuid,
    if_match: Option<i32>,
) -> ServiceResult<UnitView> {
    let txn = s.db.begin_write().await?;
    let model = load_for_write(&*txn, ctx, id).await?;
    check_version(if_match, model.version)?;
    if !model.is_active {
        return Ok(UnitView::from(&model));
    }
    let children = unit::Entity::find()
        .filter(unit::Column::ParentId.eq(id))
        .filter(unit::Column::IsActive.eq(true))
        .count(&*txn)
        .await?;
    let employees = employee::Entity::find()
        .filter(employee::Column::UnitId.eq(id))
        .filter(employee::Column::Status.eq(EmployeeStatus::Active.as_str()))
        .count(&*txn)
        .await?;
    if children > 0 || employees > 0 {
        return Err(ServiceError::conflict(
            "unit_not_empty",
            format!(
                "{} still has {children} active child unit(s) and {employees} active employee(s); deactivate or move them first.",
                model.name
            ),
        ));
    }
    let after = set_active(&*txn, ctx, model, false).await?;
    txn.commit().await?;
    Ok(after)
}

/// Reactivates a unit; its parent must be active.
pub async fn activate_unit(
    s: &Services,
    ctx: &Ctx,
    id: Uuid,
    if_match: Option<i32>,
) -> ServiceResult<UnitView> {
    let txn = s.db.begin_write().await?;
    let model = load_for_write(&*txn, ctx, id).await?;
    check_version(if_match, model.version)?;
    if model.is_active {
        return Ok(UnitView::from(&model));
    }
    if let Some(pid) = model.parent_id {
        let parent_active = unit::Entity::find_by_id(pid)
            .one(&*txn)
            .await?
            .is_some_and(|p| p.is_active);
        if !parent_active {
            return Err(ServiceError::conflict(
                "parent_inactive",
                "The parent unit is deactivated; activate it first or move this unit.",
            ));
        }
    }
    let after = set_active(&*txn, ctx, model, true).await?;
    txn.commit().await?;
    Ok(after)
}

async fn set_active<C: ConnectionTrait>(
    db: &C,
    ctx: &Ctx,
    model: unit::Model,
    active: bool,
) -> ServiceResult<UnitView> {
    let before = UnitView::from(&model);
    let agency_id = model.agency_id;
    let version = model.version + 1;
    let mut am = model.into_active_model();
    am.is_active = Set(active);
    am.updated_at = Set(now());
    am.version = Set(version);
    let after = UnitView::from(&am.update(db).await?);
    let action = if active {
        "unit.activate"
    } else {
        "unit.deactivate"
    };
    record(db, ctx, agency_id, action, &before, &after).await?;
    Ok(after)
}

async fn record<C: ConnectionTrait>(
    db: &C,
    ctx: &Ctx,
    agency_id: Uuid,
    action: &str,
    before: &UnitView,
    after: &UnitView,
) -> ServiceResult<()> {
    audit::record(
        db,
        ctx,
        Change {
            subject_employee_id: None,
            agency_id: Some(agency_id),
            action,
            entity_type: "unit",
            entity_id: after.id.to_string(),
            before: audit::snapshot(before),
            after: audit::snapshot(after),
        },
    )
    .await
}

/// Loads a unit and checks that the caller may change it.
async fn load_for_write<C: ConnectionTrait>(
    db: &C,
    ctx: &Ctx,
    id: Uuid,
) -> ServiceResult<unit::Model> {
    let model = unit::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::not_found("unit"))?;
    ctx.actor
        .require_admin(model.agency_id, "units", Access::Write, "unit")?;
    Ok(model)
}

/// An active unit of `agency_id`, or a field error on `field` (never revealing that a unit
/// of another agency exists).
pub(crate) async fn active_parent<C: ConnectionTrait>(
    db: &C,
    agency_id: Uuid,
    id: Uuid,
    field: &str,
) -> ServiceResult<unit::Model> {
    let found = unit::Entity::find_by_id(id)
        .filter(unit::Column::AgencyId.eq(agency_id))
        .one(db)
        .await?;
    match found {
        None => Err(ServiceError::field(
            field,
            "unit_not_found",
            "No unit with this id exists in the agency.",
        )),
        Some(u) if !u.is_active => Err(ServiceError::Validation(vec![FieldError::new(
            field,
            "unit_inactive",
            format!("{} is deactivated.", u.name),
        )])),
        Some(u) => Ok(u),
    }
}

/// Path and depth of a unit `id` placed under `parent` (or at the top).
pub(crate) fn child_path(parent: Option<&unit::Model>, id: Uuid) -> (String, i32) {
    match parent {
        Some(p) => (format!("{}{id}/", p.path), p.depth + 1),
        None => (format!("/{id}/"), 0),
    }
}

async fn ensure_code_free<C: ConnectionTrait>(
    db: &C,
    agency_id: Uuid,
    code: &str,
    except: Option<Uuid>,
) -> ServiceResult<()> {
    let mut q = unit::Entity::find()
        .filter(unit::Column::AgencyId.eq(agency_id))
        .filter(unit::Column::Code.eq(code));
    if let Some(id) = except {
        q = q.filter(unit::Column::Id.ne(id));
    }
    if q.count(db).await? > 0 {
        return Err(ServiceError::conflict(
            "unit_code_taken",
            format!("Another unit of this agency already has the code {code}."),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model(id: u128, parent: Option<u128>, name: &str) -> unit::Model {
        let at = Utc::now();
        unit::Model {
            id: Uuid::from_u128(id),
            agency_id: Uuid::nil(),
            parent_id: parent.map(Uuid::from_u128),
            code: format!("C{id}"),
            name: name.to_owned(),
            kind: "bidang".to_owned(),
            siasn_unor_id: None,
            is_active: true,
            path: String::new(),
            depth: 0,
            created_at: at,
            updated_at: at,
            version: 1,
        }
    }

    #[test]
    fn the_tree_nests_children_under_their_parents_in_input_order() {
        let tree = build_tree(vec![
            model(1, None, "A"),
            model(2, Some(1), "B"),
            model(3, Some(1), "C"),
            model(4, Some(3), "D"),
            model(5, None, "E"),
        ]);
        assert_eq!(tree.len(), 2);
        assert_eq!(tree[0].name, "A");
        let names: Vec<_> = tree[0].children.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["B", "C"]);
        assert_eq!(tree[0].children[1].children[0].name, "D");
        assert!(tree[1].children.is_empty());
    }

    #[test]
    fn a_unit_whose_parent_is_filtered_out_becomes_a_root() {
        let tree = build_tree(vec![model(2, Some(1), "B")]);
        assert_eq!(tree.len(), 1);
        assert_eq!(tree[0].name, "B");
    }

    #[test]
    fn child_paths_extend_the_parent_path() {
        let mut p = model(1, None, "A");
        p.path = format!("/{}/", p.id);
        let id = Uuid::from_u128(9);
        let (path, depth) = child_path(Some(&p), id);
        assert_eq!(path, format!("/{}/{id}/", p.id));
        assert_eq!(depth, 1);
        assert_eq!(child_path(None, id), (format!("/{id}/"), 0));
    }
}
