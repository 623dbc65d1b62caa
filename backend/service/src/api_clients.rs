//! OAuth2 clients of third-party systems: registering one (its secret is shown once and stored
//! argon2id-hashed), listing, reading and revoking. Tokens are issued in [`crate::auth`].

use chrono::{DateTime, Utc};
use kinerja_store::entities::{agency, api_client};
use rand::RngCore;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, IntoActiveModel, Order,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::actor::{Access, Ctx, SCOPES};
use crate::audit::{self, Change};
use crate::error::{FieldError, ServiceError, ServiceResult, validate};
use crate::pagination::{Page, PageParams, parse_sort};
use crate::security::{hash_password, random_token};
use crate::{Services, now};

/// API clients are managed by agency administrators; auditors and clients may not.
const RESOURCE: &str = "api_clients";

/// A registered client. Never carries the secret.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ApiClientView {
    pub id: Uuid,
    pub agency_id: Uuid,
    /// The OAuth2 client_id, used with the secret at `POST /auth/token`.
    #[schema(example = "kc_3f9a1c0e5b7d4a2e8c6f0b1d3e5a7c9f")]
    pub client_id: String,
    #[schema(example = "Absensi daerah")]
    pub name: String,
    #[schema(example = json!(["employees:read"]))]
    pub scopes: Vec<String>,
    pub created_at: DateTime<Utc>,
    /// Who registered it.
    pub created_by: String,
    /// Last time it obtained a token.
    pub last_used_at: Option<DateTime<Utc>>,
    /// Set once revoked; its tokens stop working at once.
    pub revoked_at: Option<DateTime<Utc>>,
    pub is_active: bool,
}

impl From<&api_client::Model> for ApiClientView {
    fn from(c: &api_client::Model) -> Self {
        ApiClientView {
            id: c.id,
            agency_id: c.agency_id,
            client_id: c.client_id.clone(),
            name: c.name.clone(),
            scopes: c.scopes.split_whitespace().map(str::to_owned).collect(),
            created_at: c.created_at,
            created_by: c.created_by.clone(),
            last_used_at: c.last_used_at,
            revoked_at: c.revoked_at,
            is_active: c.revoked_at.is_none(),
        }
    }
}

/// A newly registered client with its secret, which is shown this once only.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CreatedApiClient {
    #[serde(flatten)]
    pub client: ApiClientView,
    /// Store it now: it is kept only as an argon2id hash and cannot be shown again.
    #[schema(format = Password)]
    pub client_secret: String,
}

/// Registers a client for a third-party system.
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[schema(example = json!({"name": "Absensi daerah", "scopes": ["employees:read", "units:read"]}))]
pub struct CreateApiClient {
    #[validate(length(min = 1, max = 200))]
    pub name: String,
    /// At least one; each from the published list (see the oauth2 security scheme).
    #[validate(length(min = 1, max = 20))]
    pub scopes: Vec<String>,
    /// super_admin only (required for them); an agency_admin registers in their own agency.
    pub agency_id: Option<Uuid>,
}

/// Filters of the client listing.
#[derive(Debug, Clone, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListApiClientsQuery {
    /// super_admin: the agency (required); others: their own.
    pub agency_id: Option<Uuid>,
    /// true: only clients not revoked; false: only revoked ones.
    pub is_active: Option<bool>,
    /// `created_at` (default) or `name`; prefix `-` for descending.
    pub sort: Option<String>,
}

fn new_client_id() -> String {
    let mut bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    format!("kc_{}", hex::encode(bytes))
}

/// Field errors for scopes that are not published, named `scopes[i]`.
fn scope_errors(scopes: &[String]) -> Vec<FieldError> {
    scopes
        .iter()
        .enumerate()
        .filter(|(_, s)| !SCOPES.contains(&s.as_str()))
        .map(|(i, s)| {
            FieldError::new(
                format!("scopes[{i}]"),
                "unknown_scope",
                format!("{s:?} is not a scope; use one of: {}.", SCOPES.join(", ")),
            )
        })
        .collect()
}

/// Clients of an agency.
pub async fn list_api_clients(
    s: &Services,
    ctx: &Ctx,
    query: ListApiClientsQuery,
    page: PageParams,
) -> ServiceResult<Page<ApiClientView>> {
    validate(&query)?;
    validate(&page)?;
    let (sort, desc) = parse_sort(
        query.sort.as_deref(),
        &["created_at", "name"],
        "-created_at",
    )?;
    let agency_id = ctx.actor.scope_agency(query.agency_id)?;
    ctx.actor
        .require_admin(agency_id, RESOURCE, Access::Write, "agency")?;
    let mut select = api_client::Entity::find().filter(api_client::Column::AgencyId.eq(agency_id));
    match query.is_active {
        Some(true) => select = select.filter(api_client::Column::RevokedAt.is_null()),
        Some(false) => select = select.filter(api_client::Column::RevokedAt.is_not_null()),
        None => {}
    }
    let db = s.db.conn();
    let total = select.clone().count(db).await?;
    let column = match sort {
        "name" => api_client::Column::Name,
        _ => api_client::Column::CreatedAt,
    };
    let order = if desc { Order::Desc } else { Order::Asc };
    let rows = select
        .order_by(column, order.clone())
        .order_by(api_client::Column::Id, order)
        .limit(page.per_page())
        .offset(page.offset())
        .all(db)
        .await?;
    Ok(Page {
        items: rows.iter().map(ApiClientView::from).collect(),
        total,
        page: page.page(),
        per_page: page.per_page(),
    })
}

/// Registers a client; the secret is returned once.
pub async fn create_api_client(
    s: &Services,
    ctx: &Ctx,
    req: CreateApiClient,
) -> ServiceResult<CreatedApiClient> {
    let actor = &ctx.actor;
    let agency_id = if actor.is_super_admin() {
        req.agency_id.ok_or_else(|| {
            ServiceError::field(
                "agency_id",
                "required",
                "Name the agency the client acts for.",
            )
        })?
    } else {
        let own = actor
            .agency_id
            .ok_or_else(|| ServiceError::forbidden("This account belongs to no agency."))?;
        if req.agency_id.is_some_and(|a| a != own) {
            return Err(ServiceError::forbidden(
                "You may only register clients for your own agency.",
            ));
        }
        own
    };
    if !actor.can_administer(agency_id, RESOURCE, Access::Write) || actor.role().is_none() {
        return Err(ServiceError::forbidden(
            "You may not register API clients for this agency.",
        ));
    }
    let mut errors = match req.validate() {
        Ok(()) => Vec::new(),
        Err(e) => crate::error::validation_errors(&e),
    };
    errors.extend(scope_errors(&req.scopes));
    if req.name.trim().is_empty() && !errors.iter().any(|e| e.field == "name") {
        errors.push(FieldError::new("name", "required", "Name the client."));
    }
    if !errors.is_empty() {
        return Err(ServiceError::Validation(errors));
    }
    let mut scopes: Vec<String> = Vec::new();
    for scope in req.scopes {
        if !scopes.contains(&scope) {
            scopes.push(scope);
        }
    }
    let secret = random_token();
    let hash = hash_password(&secret).await?;

    let txn = s.db.begin_write().await?;
    if agency::Entity::find_by_id(agency_id)
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
    let created = api_client::ActiveModel {
        id: Set(Uuid::now_v7()),
        agency_id: Set(agency_id),
        client_id: Set(new_client_id()),
        name: Set(req.name.trim().to_owned()),
        secret_hash: Set(hash),
        scopes: Set(scopes.join(" ")),
        created_at: Set(now()),
        created_by: Set(actor.label.clone()),
        revoked_at: Set(None),
        last_used_at: Set(None),
    }
    .insert(&*txn)
    .await?;
    let after = ApiClientView::from(&created);
    audit::record(
        &*txn,
        ctx,
        Change {
            subject_employee_id: None,
            agency_id: Some(agency_id),
            action: "api_client.create",
            entity_type: "api_client",
            entity_id: created.id.to_string(),
            before: None,
            after: audit::snapshot(&after),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(CreatedApiClient {
        client: after,
        client_secret: secret,
    })
}

/// One client (never its secret).
pub async fn get_api_client(s: &Services, ctx: &Ctx, id: Uuid) -> ServiceResult<ApiClientView> {
    let client = api_client::Entity::find_by_id(id)
        .one(s.db.conn())
        .await?
        .ok_or_else(|| ServiceError::not_found("api client"))?;
    require_manager(ctx, &client)?;
    Ok(ApiClientView::from(&client))
}

fn require_manager(ctx: &Ctx, client: &api_client::Model) -> ServiceResult<()> {
    ctx.actor
        .require_admin(client.agency_id, RESOURCE, Access::Write, "api client")?;
    if ctx.actor.role().is_none() {
        return Err(ServiceError::forbidden(
            "API clients cannot manage API clients.",
        ));
    }
    Ok(())
}

/// Revokes a client: it gets no new token and the tokens it holds stop working at once.
/// Revoking a revoked client changes nothing.
pub async fn revoke_api_client(s: &Services, ctx: &Ctx, id: Uuid) -> ServiceResult<ApiClientView> {
    let txn = s.db.begin_write().await?;
    let client = api_client::Entity::find_by_id(id)
        .one(&*txn)
        .await?
        .ok_or_else(|| ServiceError::not_found("api client"))?;
    require_manager(ctx, &client)?;
    if client.revoked_at.is_some() {
        return Ok(ApiClientView::from(&client));
    }
    let before = ApiClientView::from(&client);
    let mut am = client.into_active_model();
    am.revoked_at = Set(Some(now()));
    let updated = am.update(&*txn).await?;
    let after = ApiClientView::from(&updated);
    audit::record(
        &*txn,
        ctx,
        Change {
            subject_employee_id: None,
            agency_id: Some(updated.agency_id),
            action: "api_client.revoke",
            entity_type: "api_client",
            entity_id: updated.id.to_string(),
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
    fn unknown_scopes_are_named_by_index() {
        let errors = scope_errors(&[
            "employees:read".into(),
            "everything".into(),
            "units:write".into(),
            "users:write".into(),
        ]);
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["scopes[1]", "scopes[3]"]);
    }

    #[test]
    fn client_ids_are_prefixed_and_random() {
        let a = new_client_id();
        assert!(a.starts_with("kc_") && a.len() == 35);
        assert_ne!(a, new_client_id());
    }
}
