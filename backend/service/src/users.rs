//! Accounts and roles: listing, creating (with a one-time temporary password), role and status
//! changes, admin password reset and unlock, the caller's own account (`me`), and the
//! command-line super_admin. Never returns, logs or audits a password, hash or token.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use kinerja_domain::org::Role;
use kinerja_store::entities::{agency, api_client, employee, position, refresh_token, unit, user};
use rand::Rng;
use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr, Query};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait,
    IntoActiveModel, Order, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use serde::{Deserialize, Deserializer, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::actor::{Access, Actor, Ctx, Principal};
use crate::audit::{self, Change};
use crate::auth::{self, SessionUser};
use crate::error::{FieldError, ServiceError, ServiceResult, validate};
use crate::pagination::{Page, PageParams, parse_sort};
use crate::security::hash_password;
use crate::{Services, check_version, now};

/// The employee an account is linked to, as lists and `/me` show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct EmployeeSummary {
    pub id: Uuid,
    /// NIP (PNS) or NI PPPK.
    #[schema(example = "199005122015032001")]
    pub nip: String,
    #[schema(example = "Siti Rahmawati, S.Kom.")]
    pub name: String,
    pub unit_id: Option<Uuid>,
    #[schema(example = "Bidang Pembinaan SD")]
    pub unit_name: Option<String>,
    pub position_id: Option<Uuid>,
    #[schema(example = "Pengelola Data")]
    pub position_name: Option<String>,
}

/// An account as administrators see it. Never carries the password or its hash.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct UserView {
    pub id: Uuid,
    #[schema(example = "siti.rahma")]
    pub username: String,
    pub role: Role,
    /// Null only for a super_admin.
    pub agency_id: Option<Uuid>,
    pub employee_id: Option<Uuid>,
    /// The linked employee, when there is one.
    pub employee: Option<EmployeeSummary>,
    pub is_active: bool,
    /// Locked after repeated failed logins, until `locked_until` or an admin unlocks it.
    pub is_locked: bool,
    pub locked_until: Option<DateTime<Utc>>,
    /// Consecutive failed logins since the last success or lock.
    pub failed_login_count: i32,
    /// The next login must choose a new password (after an admin set or reset it).
    pub must_change_password: bool,
    pub last_login_at: Option<DateTime<Utc>>,
    pub password_changed_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Also sent as the ETag; send it back in If-Match to update.
    pub version: i32,
}

/// A view with the one-time temporary password (create without a password, admin reset).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct UserWithPassword {
    #[serde(flatten)]
    pub user: UserView,
    /// Shown once, never stored in clear and never retrievable again; the account must change
    /// it at first login. Absent when the creator chose the password.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(example = "Kx7p-M2qr-9TzW-4hbn", format = Password)]
    pub temporary_password: Option<String>,
}

fn role_of(u: &user::Model) -> Role {
    Role::parse(&u.role).unwrap_or(Role::Employee)
}

fn view(u: &user::Model, employee: Option<EmployeeSummary>, at: DateTime<Utc>) -> UserView {
    UserView {
        id: u.id,
        username: u.username.clone(),
        role: role_of(u),
        agency_id: u.agency_id,
        employee_id: u.employee_id,
        employee,
        is_active: u.is_active,
        is_locked: u.locked_until.is_some_and(|t| t > at),
        locked_until: u.locked_until,
        failed_login_count: u.failed_login_count,
        must_change_password: u.must_change_password,
        last_login_at: u.last_login_at,
        password_changed_at: u.password_changed_at,
        created_at: u.created_at,
        updated_at: u.updated_at,
        version: u.version,
    }
}

/// Employee summaries by id, in three queries whatever the number of ids.
pub async fn employee_summaries<C: ConnectionTrait>(
    db: &C,
    ids: &[Uuid],
) -> ServiceResult<HashMap<Uuid, EmployeeSummary>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let employees = employee::Entity::find()
        .filter(employee::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?;
    let unit_ids: Vec<Uuid> = employees.iter().filter_map(|e| e.unit_id).collect();
    let position_ids: Vec<Uuid> = employees.iter().filter_map(|e| e.position_id).collect();
    let units: HashMap<Uuid, String> = if unit_ids.is_empty() {
        HashMap::new()
    } else {
        unit::Entity::find()
            .filter(unit::Column::Id.is_in(unit_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|u| (u.id, u.name))
            .collect()
    };
    let positions: HashMap<Uuid, String> = if position_ids.is_empty() {
        HashMap::new()
    } else {
        position::Entity::find()
            .filter(position::Column::Id.is_in(position_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|p| (p.id, p.name))
            .collect()
    };
    Ok(employees
        .into_iter()
        .map(|e| {
            let summary = EmployeeSummary {
                id: e.id,
                unit_name: e.unit_id.and_then(|u| units.get(&u).cloned()),
                position_name: e.position_id.and_then(|p| positions.get(&p).cloned()),
                nip: e.nip,
                name: e.name,
                unit_id: e.unit_id,
                position_id: e.position_id,
            };
            (summary.id, summary)
        })
        .collect())
}

async fn views<C: ConnectionTrait>(db: &C, users: &[user::Model]) -> ServiceResult<Vec<UserView>> {
    let ids: Vec<Uuid> = users.iter().filter_map(|u| u.employee_id).collect();
    let mut summaries = employee_summaries(db, &ids).await?;
    let at = now();
    Ok(users
        .iter()
        .map(|u| {
            let e = u.employee_id.and_then(|id| summaries.remove(&id));
            view(u, e, at)
        })
        .collect())
}

async fn one_view<C: ConnectionTrait>(db: &C, u: &user::Model) -> ServiceResult<UserView> {
    let mut v = views(db, std::slice::from_ref(u)).await?;
    v.pop()
        .ok_or_else(|| ServiceError::Internal("view of one user is empty".into()))
}

/// Accounts are administered like the other objects of their agency; super_admin accounts
/// belong to no agency and are visible to super_admins only.
fn require_user(actor: &Actor, target: &user::Model, access: Access) -> ServiceResult<()> {
    match target.agency_id {
        Some(agency_id) => actor.require_admin(agency_id, "users", access, "user"),
        None if actor.is_super_admin() => Ok(()),
        None => Err(ServiceError::not_found("user")),
    }
}

/// Why a username is unacceptable, if it is. Usernames start with a letter so that an
/// 18-digit NIP typed at login can never be mistaken for someone's username.
pub fn username_problem(username: &str) -> Option<&'static str> {
    let len = username.chars().count();
    if !(3..=64).contains(&len) {
        return Some("A username has 3 to 64 characters.");
    }
    if !username
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-' | '_'))
    {
        return Some(
            "A username uses lowercase letters a-z, digits and . - _ only (no spaces or capitals).",
        );
    }
    if !username.starts_with(|c: char| c.is_ascii_lowercase()) {
        return Some("A username starts with a letter.");
    }
    None
}

fn check_username(username: &str) -> ServiceResult<()> {
    match username_problem(username) {
        Some(message) => Err(ServiceError::field("username", "invalid_username", message)),
        None => Ok(()),
    }
}

/// A random password that satisfies [`auth::check_password_strength`]: four groups of four
/// characters from an alphabet without look-alikes (about 93 bits).
pub fn temporary_password(username: &str) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    let mut rng = rand::rng();
    loop {
        let chars: Vec<char> = (0..16)
            .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
            .collect();
        let password = chars
            .chunks(4)
            .map(|c| c.iter().collect::<String>())
            .collect::<Vec<_>>()
            .join("-");
        if auth::check_password_strength(&password, username, "password").is_ok() {
            return password;
        }
    }
}

/// Revokes every live refresh token of an account.
async fn revoke_sessions<C: ConnectionTrait>(txn: &C, user_id: Uuid) -> ServiceResult<()> {
    refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::RevokedAt, Expr::value(now()))
        .filter(refresh_token::Column::UserId.eq(user_id))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(txn)
        .await?;
    Ok(())
}

/// The employee an account may be linked to: of the account's agency and without another
/// account.
async fn check_employee_link<C: ConnectionTrait>(
    txn: &C,
    agency_id: Option<Uuid>,
    employee_id: Uuid,
    account_id: Option<Uuid>,
) -> ServiceResult<()> {
    let found = employee::Entity::find_by_id(employee_id).one(txn).await?;
    if found.is_none_or(|e| Some(e.agency_id) != agency_id) {
        return Err(ServiceError::field(
            "employee_id",
            "unknown_employee",
            "No employee with this id exists in the account's agency.",
        ));
    }
    let holder = user::Entity::find()
        .filter(user::Column::EmployeeId.eq(employee_id))
        .one(txn)
        .await?;
    if holder.is_some_and(|h| Some(h.id) != account_id) {
        return Err(ServiceError::field(
            "employee_id",
            "employee_has_account",
            "This employee already has an account.",
        ));
    }
    Ok(())
}

/// Filters of the account listing.
#[derive(Debug, Clone, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListUsersQuery {
    /// super_admin only: the agency whose accounts to list. Omitted, a super_admin lists every
    /// account of the deployment (super_admins included); others always see their own agency.
    pub agency_id: Option<Uuid>,
    pub role: Option<Role>,
    pub is_active: Option<bool>,
    /// Part of the username, or of the linked employee's name or NIP (case-insensitive).
    #[validate(length(min = 1, max = 64))]
    pub q: Option<String>,
    /// `username` (default), `created_at` or `last_login_at`; prefix `-` for descending.
    pub sort: Option<String>,
}

/// Accounts of an agency (agency_admin, auditor: their own; super_admin: any or all).
pub async fn list_users(
    s: &Services,
    ctx: &Ctx,
    query: ListUsersQuery,
    page: PageParams,
) -> ServiceResult<Page<UserView>> {
    validate(&query)?;
    validate(&page)?;
    let (sort, desc) = parse_sort(
        query.sort.as_deref(),
        &["username", "created_at", "last_login_at"],
        "username",
    )?;
    let actor = &ctx.actor;
    let agency_id = if actor.is_super_admin() {
        query.agency_id
    } else {
        Some(actor.scope_agency(query.agency_id)?)
    };
    if let Some(agency_id) = agency_id
        && !actor.can_administer(agency_id, "users", Access::Read)
    {
        return Err(ServiceError::forbidden(
            "You may not read the accounts of this agency.",
        ));
    }
    let mut select = user::Entity::find();
    if let Some(agency_id) = agency_id {
        select = select.filter(user::Column::AgencyId.eq(agency_id));
    }
    if let Some(role) = query.role {
        select = select.filter(user::Column::Role.eq(role.as_str()));
    }
    if let Some(active) = query.is_active {
        select = select.filter(user::Column::IsActive.eq(active));
    }
    if let Some(q) = query.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        let escaped = q
            .to_lowercase()
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        let pattern = || LikeExpr::new(format!("%{escaped}%")).escape('\\');
        let matching_employees = Query::select()
            .column(employee::Column::Id)
            .from(employee::Entity)
            .cond_where(
                Condition::any()
                    .add(Expr::expr(Func::lower(Expr::col(employee::Column::Name))).like(pattern()))
                    .add(employee::Column::Nip.like(pattern())),
            )
            .to_owned();
        select = select.filter(
            Condition::any()
                .add(user::Column::Username.like(pattern()))
                .add(user::Column::EmployeeId.in_subquery(matching_employees)),
        );
    }
    let db = s.db.conn();
    let total = select.clone().count(db).await?;
    let column = match sort {
        "created_at" => user::Column::CreatedAt,
        "last_login_at" => user::Column::LastLoginAt,
        _ => user::Column::Username,
    };
    let order = if desc { Order::Desc } else { Order::Asc };
    let rows = select
        .order_by(column, order.clone())
        .order_by(user::Column::Id, order)
        .limit(page.per_page())
        .offset(page.offset())
        .all(db)
        .await?;
    Ok(Page {
        items: views(db, &rows).await?,
        total,
        page: page.page(),
        per_page: page.per_page(),
    })
}

/// One account.
pub async fn get_user(s: &Services, ctx: &Ctx, user_id: Uuid) -> ServiceResult<UserView> {
    let db = s.db.conn();
    let target = user::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::not_found("user"))?;
    require_user(&ctx.actor, &target, Access::Read)?;
    one_view(db, &target).await
}

/// A new account.
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[schema(example = json!({"username": "siti.rahma", "role": "employee", "employee_id": "0190f0c2-5b1e-7c3a-9d41-2f6a8b0c1d2e"}))]
pub struct CreateUser {
    /// 3 to 64 characters: lowercase letters, digits, `.`, `-`, `_`; starts with a letter.
    pub username: String,
    pub role: Role,
    /// Required for role employee: an employee of the same agency without an account.
    /// Optional for agency_admin and auditor; not allowed for super_admin.
    pub employee_id: Option<Uuid>,
    /// super_admin only (required for agency roles); an agency_admin always creates accounts
    /// in their own agency.
    pub agency_id: Option<Uuid>,
    /// When absent a strong temporary password is generated and returned once.
    #[validate(length(min = 1, max = 256))]
    #[schema(format = Password)]
    pub password: Option<String>,
    /// Whether the first login must choose a new password (default true; always true for a
    /// generated password).
    pub must_change_password: Option<bool>,
}

/// Creates an account. Without a password in the request, a temporary one is generated and
/// returned once.
pub async fn create_user(
    s: &Services,
    ctx: &Ctx,
    req: CreateUser,
) -> ServiceResult<UserWithPassword> {
    validate(&req)?;
    let actor = &ctx.actor;
    let agency_id = if req.role == Role::SuperAdmin {
        if !actor.is_super_admin() {
            return Err(ServiceError::forbidden(
                "Only a super_admin may create super_admin accounts.",
            ));
        }
        None
    } else if actor.is_super_admin() {
        Some(req.agency_id.ok_or_else(|| {
            ServiceError::field(
                "agency_id",
                "required",
                "Name the agency the account belongs to.",
            )
        })?)
    } else {
        let own = actor
            .agency_id
            .ok_or_else(|| ServiceError::forbidden("This account belongs to no agency."))?;
        if req.agency_id.is_some_and(|a| a != own) {
            return Err(ServiceError::forbidden(
                "You may only create accounts in your own agency.",
            ));
        }
        Some(own)
    };
    if let Some(agency_id) = agency_id
        && !actor.can_administer(agency_id, "users", Access::Write)
    {
        return Err(ServiceError::forbidden(
            "You may not create accounts in this agency.",
        ));
    }

    let mut errors: Vec<FieldError> = Vec::new();
    if let Some(message) = username_problem(&req.username) {
        errors.push(FieldError::new("username", "invalid_username", message));
    }
    match (req.role, req.employee_id) {
        (Role::Employee, None) => errors.push(FieldError::new(
            "employee_id",
            "required",
            "An employee account must be linked to an employee.",
        )),
        (Role::SuperAdmin, Some(_)) => errors.push(FieldError::new(
            "employee_id",
            "not_allowed",
            "A super_admin account is not linked to an employee.",
        )),
        _ => {}
    }
    if req.role == Role::SuperAdmin && req.agency_id.is_some() {
        errors.push(FieldError::new(
            "agency_id",
            "not_allowed",
            "A super_admin account belongs to no agency.",
        ));
    }
    if let Some(password) = &req.password
        && let Err(ServiceError::Validation(mut e)) =
            auth::check_password_strength(password, &req.username, "password")
    {
        errors.append(&mut e);
    }
    if !errors.is_empty() {
        return Err(ServiceError::Validation(errors));
    }

    let (password, generated) = match req.password {
        Some(p) => (p, false),
        None => (temporary_password(&req.username), true),
    };
    let must_change = generated || req.must_change_password.unwrap_or(true);
    // Hash before taking the write lock: argon2 is deliberately slow.
    let hash = hash_password(&password).await?;

    let txn = s.db.begin_write().await?;
    if let Some(agency_id) = agency_id
        && agency::Entity::find_by_id(agency_id)
            .one(&*txn)
            .await?
            .is_none()
    {
        return Err(ServiceError::field(
            "agency_id",
            "unknown_agency",
            "No agency with this id exists.",
        ));
    }
    if user::Entity::find()
        .filter(user::Column::Username.eq(req.username.as_str()))
        .one(&*txn)
        .await?
        .is_some()
    {
        return Err(ServiceError::conflict(
            "username_taken",
            "Another account already uses this username.",
        ));
    }
    if let Some(employee_id) = req.employee_id {
        check_employee_link(&*txn, agency_id, employee_id, None).await?;
    }
    let at = now();
    let created = user::ActiveModel {
        id: Set(Uuid::now_v7()),
        agency_id: Set(agency_id),
        username: Set(req.username.clone()),
        employee_id: Set(req.employee_id),
        role: Set(req.role.as_str().to_owned()),
        password_hash: Set(hash),
        is_active: Set(true),
        failed_login_count: Set(0),
        locked_until: Set(None),
        last_login_at: Set(None),
        password_changed_at: Set(at),
        must_change_password: Set(must_change),
        created_at: Set(at),
        updated_at: Set(at),
        version: Set(1),
    }
    .insert(&*txn)
    .await?;
    let after = one_view(&*txn, &created).await?;
    audit::record(
        &*txn,
        ctx,
        Change {
            subject_employee_id: None,
            agency_id,
            action: "user.create",
            entity_type: "user",
            entity_id: created.id.to_string(),
            before: None,
            after: audit::snapshot(&after),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(UserWithPassword {
        user: after,
        temporary_password: generated.then_some(password),
    })
}

/// Distinguishes an absent field (no change) from an explicit null (clear it).
fn nullable<'de, D, T>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d).map(Some)
}

/// Changes to an account; absent fields stay as they are.
#[derive(Debug, Clone, Default, Deserialize, Validate, ToSchema)]
#[schema(example = json!({"role": "auditor", "is_active": true}))]
pub struct UpdateUser {
    /// super_admin cannot be granted to or taken from an agency account.
    pub role: Option<Role>,
    /// false ends every session of the account.
    pub is_active: Option<bool>,
    /// An employee of the account's agency without an account; null unlinks (not allowed for
    /// role employee).
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<Uuid>, nullable)]
    pub employee_id: Option<Option<Uuid>>,
}

/// Changes an account's role, status or employee link. Nobody changes their own role or
/// deactivates themselves; only a super_admin touches super_admin accounts.
pub async fn update_user(
    s: &Services,
    ctx: &Ctx,
    user_id: Uuid,
    if_match: Option<i32>,
    req: UpdateUser,
) -> ServiceResult<UserView> {
    validate(&req)?;
    let actor = &ctx.actor;
    let txn = s.db.begin_write().await?;
    let target = user::Entity::find_by_id(user_id)
        .one(&*txn)
        .await?
        .ok_or_else(|| ServiceError::not_found("user"))?;
    require_user(actor, &target, Access::Write)?;
    let current_role = role_of(&target);
    let role = req.role.unwrap_or(current_role);
    if (role == Role::SuperAdmin || current_role == Role::SuperAdmin) && !actor.is_super_admin() {
        return Err(ServiceError::forbidden(
            "Only a super_admin may grant the super_admin role.",
        ));
    }
    check_version(if_match, target.version)?;
    let is_active = req.is_active.unwrap_or(target.is_active);
    let employee_id = req.employee_id.unwrap_or(target.employee_id);
    if actor.user_id() == Some(target.id) {
        if role != current_role {
            return Err(ServiceError::rule(
                "own_role_change",
                "You cannot change your own role; ask another administrator.",
            ));
        }
        if !is_active && target.is_active {
            return Err(ServiceError::rule(
                "self_deactivation",
                "You cannot deactivate your own account.",
            ));
        }
    }
    let mut errors = Vec::new();
    if (role == Role::SuperAdmin) != (current_role == Role::SuperAdmin) {
        errors.push(FieldError::new(
            "role",
            "role_scope_change",
            "super_admin accounts belong to no agency: the role cannot be granted to or taken from an agency account. Create a separate account instead.",
        ));
    }
    match (role, employee_id) {
        (Role::Employee, None) => errors.push(FieldError::new(
            "employee_id",
            "required",
            "An employee account must be linked to an employee.",
        )),
        (Role::SuperAdmin, Some(_)) => errors.push(FieldError::new(
            "employee_id",
            "not_allowed",
            "A super_admin account is not linked to an employee.",
        )),
        _ => {}
    }
    if !errors.is_empty() {
        return Err(ServiceError::Validation(errors));
    }
    if let Some(e) = employee_id.filter(|e| Some(*e) != target.employee_id) {
        check_employee_link(&*txn, target.agency_id, e, Some(target.id)).await?;
    }
    if role == current_role && is_active == target.is_active && employee_id == target.employee_id {
        return one_view(&*txn, &target).await;
    }
    let before = one_view(&*txn, &target).await?;
    let deactivated = target.is_active && !is_active;
    let mut am = target.clone().into_active_model();
    am.role = Set(role.as_str().to_owned());
    am.is_active = Set(is_active);
    am.employee_id = Set(employee_id);
    am.updated_at = Set(now());
    am.version = Set(target.version + 1);
    let updated = am.update(&*txn).await?;
    if deactivated {
        revoke_sessions(&*txn, target.id).await?;
    }
    let after = one_view(&*txn, &updated).await?;
    audit::record(
        &*txn,
        ctx,
        Change {
            subject_employee_id: None,
            agency_id: target.agency_id,
            action: "user.update",
            entity_type: "user",
            entity_id: target.id.to_string(),
            before: audit::snapshot(&before),
            after: audit::snapshot(&after),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// An administrator sets a new temporary password (returned once), ends every session of the
/// account and clears its lockout. Your own password is changed with the current one instead.
pub async fn reset_password(
    s: &Services,
    ctx: &Ctx,
    user_id: Uuid,
) -> ServiceResult<UserWithPassword> {
    let actor = &ctx.actor;
    let target = user::Entity::find_by_id(user_id)
        .one(s.db.conn())
        .await?
        .ok_or_else(|| ServiceError::not_found("user"))?;
    require_user(actor, &target, Access::Write)?;
    if actor.user_id() == Some(target.id) {
        return Err(ServiceError::rule(
            "use_change_password",
            "Change your own password with your current one (POST /auth/password).",
        ));
    }
    let password = temporary_password(&target.username);
    let hash = hash_password(&password).await?;

    let txn = s.db.begin_write().await?;
    let target = user::Entity::find_by_id(user_id)
        .one(&*txn)
        .await?
        .ok_or_else(|| ServiceError::not_found("user"))?;
    let before = one_view(&*txn, &target).await?;
    let updated = auth::set_password(&*txn, target, hash, true).await?;
    let after = one_view(&*txn, &updated).await?;
    audit::record(
        &*txn,
        ctx,
        Change {
            subject_employee_id: None,
            agency_id: updated.agency_id,
            action: "user.reset_password",
            entity_type: "user",
            entity_id: updated.id.to_string(),
            before: audit::snapshot(&before),
            after: audit::snapshot(&after),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(UserWithPassword {
        user: after,
        temporary_password: Some(password),
    })
}

/// Lifts a lockout after repeated failed logins. Unlocking an account that is not locked
/// changes nothing.
pub async fn unlock_user(s: &Services, ctx: &Ctx, user_id: Uuid) -> ServiceResult<UserView> {
    let txn = s.db.begin_write().await?;
    let target = user::Entity::find_by_id(user_id)
        .one(&*txn)
        .await?
        .ok_or_else(|| ServiceError::not_found("user"))?;
    require_user(&ctx.actor, &target, Access::Write)?;
    if target.locked_until.is_none() && target.failed_login_count == 0 {
        return one_view(&*txn, &target).await;
    }
    let before = one_view(&*txn, &target).await?;
    let mut am = target.clone().into_active_model();
    am.locked_until = Set(None);
    am.failed_login_count = Set(0);
    am.updated_at = Set(now());
    am.version = Set(target.version + 1);
    let updated = am.update(&*txn).await?;
    let after = one_view(&*txn, &updated).await?;
    audit::record(
        &*txn,
        ctx,
        Change {
            subject_employee_id: None,
            agency_id: updated.agency_id,
            action: "user.unlock",
            entity_type: "user",
            entity_id: updated.id.to_string(),
            before: audit::snapshot(&before),
            after: audit::snapshot(&after),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// The agency, as `/me` names it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AgencyRef {
    pub id: Uuid,
    #[schema(example = "KABA")]
    pub code: String,
    #[schema(example = "Kabupaten Alpha")]
    pub name: String,
}

/// The API client behind a client token.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MeClient {
    #[schema(example = "kc_3f9a1c0e5b7d4a2e8c6f0b1d3e5a7c9f")]
    pub client_id: String,
    pub name: String,
    /// The scopes of the token in use (a subset of the client's).
    pub scopes: Vec<String>,
}

/// Whether the caller is an account or an API client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CallerKind {
    User,
    Client,
}

/// The caller: an account (with its agency and employee) or an API client.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MeView {
    pub kind: CallerKind,
    /// For an account.
    pub user: Option<SessionUser>,
    /// For an API client.
    pub client: Option<MeClient>,
    /// Null for a super_admin.
    pub agency: Option<AgencyRef>,
    /// The employee linked to the account, if any.
    pub employee: Option<EmployeeSummary>,
}

/// Who the caller is, read fresh from the database.
pub async fn me(s: &Services, ctx: &Ctx) -> ServiceResult<MeView> {
    let db = s.db.conn();
    let agency = match ctx.actor.agency_id {
        Some(id) => agency::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|a| AgencyRef {
                id: a.id,
                code: a.code,
                name: a.name,
            }),
        None => None,
    };
    match &ctx.actor.principal {
        Principal::User { user_id, .. } => {
            let account = user::Entity::find_by_id(*user_id)
                .one(db)
                .await?
                .ok_or_else(|| ServiceError::not_found("user"))?;
            let employee = match account.employee_id {
                Some(e) => employee_summaries(db, &[e]).await?.remove(&e),
                None => None,
            };
            Ok(MeView {
                kind: CallerKind::User,
                user: Some(SessionUser::from(&account)),
                client: None,
                agency,
                employee,
            })
        }
        Principal::Client { client_id, scopes } => {
            let client = api_client::Entity::find()
                .filter(api_client::Column::ClientId.eq(client_id.as_str()))
                .one(db)
                .await?
                .ok_or_else(|| ServiceError::not_found("api client"))?;
            Ok(MeView {
                kind: CallerKind::Client,
                user: None,
                client: Some(MeClient {
                    client_id: client.client_id,
                    name: client.name,
                    scopes: scopes.clone(),
                }),
                agency,
                employee: None,
            })
        }
    }
}

/// Creates a super_admin from the command line (`kinerja create-admin`). Recorded in the
/// "global" audit chain with the new account as actor, labelled as the command line.
pub async fn create_super_admin(
    s: &Services,
    username: &str,
    password: &str,
) -> ServiceResult<UserView> {
    check_username(username)?;
    auth::check_password_strength(password, username, "password")?;
    if password.len() > 256 {
        return Err(ServiceError::field(
            "password",
            "length",
            "Must be at most 256 characters long.",
        ));
    }
    let hash = hash_password(password).await?;
    let txn = s.db.begin_write().await?;
    if user::Entity::find()
        .filter(user::Column::Username.eq(username))
        .one(&*txn)
        .await?
        .is_some()
    {
        return Err(ServiceError::conflict(
            "username_taken",
            "Another account already uses this username.",
        ));
    }
    let at = now();
    let created = user::ActiveModel {
        id: Set(Uuid::now_v7()),
        agency_id: Set(None),
        username: Set(username.to_owned()),
        employee_id: Set(None),
        role: Set(Role::SuperAdmin.as_str().to_owned()),
        password_hash: Set(hash),
        is_active: Set(true),
        failed_login_count: Set(0),
        locked_until: Set(None),
        last_login_at: Set(None),
        password_changed_at: Set(at),
        must_change_password: Set(false),
        created_at: Set(at),
        updated_at: Set(at),
        version: Set(1),
    }
    .insert(&*txn)
    .await?;
    let after = view(&created, None, at);
    let ctx = Ctx {
        actor: Actor {
            principal: Principal::User {
                user_id: created.id,
                role: Role::SuperAdmin,
                employee_id: None,
            },
            agency_id: None,
            label: "system (kinerja create-admin)".into(),
        },
        request_id: format!("cli-{}", Uuid::now_v7().simple()),
    };
    audit::record(
        &*txn,
        &ctx,
        Change {
            subject_employee_id: None,
            agency_id: None,
            action: "user.create",
            entity_type: "user",
            entity_id: created.id.to_string(),
            before: None,
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
    fn usernames_follow_the_pattern() {
        for ok in ["admin", "siti.rahma", "head1-kaba", "a_b", "abc"] {
            assert_eq!(username_problem(ok), None, "{ok}");
        }
        for bad in [
            "ab",
            "Admin",
            "siti rahma",
            "199005122015032001",
            "1admin",
            ".admin",
            "ädmin",
            &"a".repeat(65),
        ] {
            assert!(username_problem(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn temporary_passwords_are_strong_and_differ() {
        let a = temporary_password("siti");
        let b = temporary_password("siti");
        assert_ne!(a, b);
        assert_eq!(a.len(), 19);
        assert!(auth::check_password_strength(&a, "siti", "password").is_ok());
    }
}
