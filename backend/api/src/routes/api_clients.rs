//! OAuth2 client endpoints for agency administrators: register (the secret is shown once),
//! list, read, revoke. Tokens are obtained at `POST /auth/token`.

use actix_web::http::header;
use actix_web::{HttpResponse, get, post, web};
use kinerja_service::api_clients::{
    self, ApiClientView, CreateApiClient, CreatedApiClient, ListApiClientsQuery,
};
use kinerja_service::pagination::{Page, PageParams};
use utoipa::OpenApi;
use uuid::Uuid;

use crate::extract::Caller;
use crate::problem::{ApiResult, Problem};
use crate::state::AppState;

#[derive(OpenApi)]
#[openapi(paths(list_api_clients, create_api_client, get_api_client, revoke_api_client))]
pub struct Doc;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(list_api_clients)
        .service(create_api_client)
        .service(get_api_client)
        .service(revoke_api_client);
}

/// Lists the API clients of an agency (agency_admin: their own; super_admin: `agency_id`).
#[utoipa::path(tag = "api-clients", security(("bearer" = [])), params(ListApiClientsQuery, PageParams),
    responses((status = 200, body = Page<ApiClientView>), (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 422, body = Problem)))]
#[get("/api-clients")]
pub async fn list_api_clients(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<ListApiClientsQuery>,
    page: web::Query<PageParams>,
) -> ApiResult<web::Json<Page<ApiClientView>>> {
    Ok(web::Json(
        api_clients::list_api_clients(
            &state.services,
            caller.ctx(),
            query.into_inner(),
            page.into_inner(),
        )
        .await?,
    ))
}

/// Registers a client for a third-party system with the scopes it may request. The response
/// carries `client_secret` this once only: it is stored as an argon2id hash.
#[utoipa::path(tag = "api-clients", security(("bearer" = [])), request_body = CreateApiClient,
    responses((status = 201, body = CreatedApiClient, headers(("Location" = String))), (status = 401, body = Problem),
              (status = 403, body = Problem), (status = 422, body = Problem)))]
#[post("/api-clients")]
pub async fn create_api_client(
    state: web::Data<AppState>,
    caller: Caller,
    body: web::Json<CreateApiClient>,
) -> ApiResult<HttpResponse> {
    let created =
        api_clients::create_api_client(&state.services, caller.ctx(), body.into_inner()).await?;
    Ok(HttpResponse::Created()
        .insert_header((
            header::LOCATION,
            format!("/api/v1/api-clients/{}", created.client.id),
        ))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(created))
}

/// Reads a client (never its secret), with when it last obtained a token and whether it is
/// revoked.
#[utoipa::path(tag = "api-clients", security(("bearer" = [])), params(("api_client_id" = Uuid, Path, description = "The client's id (not its client_id)")),
    responses((status = 200, body = ApiClientView), (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 404, body = Problem)))]
#[get("/api-clients/{api_client_id}")]
pub async fn get_api_client(
    state: web::Data<AppState>,
    caller: Caller,
    api_client_id: web::Path<Uuid>,
) -> ApiResult<web::Json<ApiClientView>> {
    Ok(web::Json(
        api_clients::get_api_client(&state.services, caller.ctx(), api_client_id.into_inner())
            .await?,
    ))
}

/// Revokes a client: it obtains no new token and the tokens it holds stop working at once.
/// Idempotent.
#[utoipa::path(tag = "api-clients", security(("bearer" = [])), params(("api_client_id" = Uuid, Path, description = "The client's id (not its client_id)")),
    responses((status = 200, body = ApiClientView), (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 404, body = Problem)))]
#[post("/api-clients/{api_client_id}/revoke")]
pub async fn revoke_api_client(
    state: web::Data<AppState>,
    caller: Caller,
    api_client_id: web::Path<Uuid>,
) -> ApiResult<web::Json<ApiClientView>> {
    Ok(web::Json(
        api_clients::revoke_api_client(&state.services, caller.ctx(), api_client_id.into_inner())
            .await?,
    ))
}
