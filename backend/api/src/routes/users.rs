//! Account endpoints: listing, creating, role and status changes, admin password reset and
//! unlock. Passwords appear in a response only once, when generated.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, patch, post, web};
use kinerja_service::pagination::{Page, PageParams};
use kinerja_service::users::{
    self, CreateUser, ListUsersQuery, UpdateUser, UserView, UserWithPassword,
};
use utoipa::OpenApi;
use uuid::Uuid;

use crate::extract::{Caller, etag, if_match};
use crate::problem::{ApiResult, Problem};
use crate::state::AppState;

#[derive(OpenApi)]
#[openapi(paths(
    list_users,
    create_user,
    get_user,
    update_user,
    reset_user_password,
    unlock_user
))]
pub struct Doc;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(list_users)
        .service(create_user)
        .service(get_user)
        .service(update_user)
        .service(reset_user_password)
        .service(unlock_user);
}

/// Lists accounts. agency_admin and auditor see their own agency's; a super_admin names an
/// agency with `agency_id` or, without it, sees every account of the deployment.
#[utoipa::path(tag = "users", security(("bearer" = [])), params(ListUsersQuery, PageParams),
    responses((status = 200, body = Page<UserView>), (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 422, body = Problem)))]
#[get("/users")]
pub async fn list_users(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<ListUsersQuery>,
    page: web::Query<PageParams>,
) -> ApiResult<web::Json<Page<UserView>>> {
    Ok(web::Json(
        users::list_users(
            &state.services,
            caller.ctx(),
            query.into_inner(),
            page.into_inner(),
        )
        .await?,
    ))
}

/// Creates an account. Without `password`, a strong temporary password is generated and
/// returned once in `temporary_password`; the account must change it at first login.
#[utoipa::path(tag = "users", security(("bearer" = [])), request_body = CreateUser,
    responses((status = 201, body = UserWithPassword, headers(("ETag" = String), ("Location" = String))),
              (status = 401, body = Problem), (status = 403, body = Problem), (status = 409, body = Problem, description = "Username taken"),
              (status = 422, body = Problem)))]
#[post("/users")]
pub async fn create_user(
    state: web::Data<AppState>,
    caller: Caller,
    body: web::Json<CreateUser>,
) -> ApiResult<HttpResponse> {
    let created = users::create_user(&state.services, caller.ctx(), body.into_inner()).await?;
    Ok(HttpResponse::Created()
        .insert_header(etag(created.user.version))
        .insert_header((
            header::LOCATION,
            format!("/api/v1/users/{}", created.user.id),
        ))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(created))
}

/// Reads an account.
#[utoipa::path(tag = "users", security(("bearer" = [])), params(("user_id" = Uuid, Path, description = "Account id")),
    responses((status = 200, body = UserView, headers(("ETag" = String))), (status = 401, body = Problem),
              (status = 403, body = Problem), (status = 404, body = Problem)))]
#[get("/users/{user_id}")]
pub async fn get_user(
    state: web::Data<AppState>,
    caller: Caller,
    user_id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let user = users::get_user(&state.services, caller.ctx(), user_id.into_inner()).await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(user.version))
        .json(user))
}

/// Changes an account's role, active status or employee link. Deactivating ends every session
/// of the account. Nobody changes their own role or deactivates themselves; only a super_admin
/// grants or touches super_admin.
#[utoipa::path(tag = "users", security(("bearer" = [])), request_body = UpdateUser,
    params(("user_id" = Uuid, Path, description = "Account id"), ("If-Match" = String, Header, description = "ETag of the version read")),
    responses((status = 200, body = UserView, headers(("ETag" = String))), (status = 401, body = Problem),
              (status = 403, body = Problem), (status = 404, body = Problem), (status = 412, body = Problem),
              (status = 422, body = Problem), (status = 428, body = Problem)))]
#[patch("/users/{user_id}")]
pub async fn update_user(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    user_id: web::Path<Uuid>,
    body: web::Json<UpdateUser>,
) -> ApiResult<HttpResponse> {
    let user = users::update_user(
        &state.services,
        caller.ctx(),
        user_id.into_inner(),
        if_match(&req),
        body.into_inner(),
    )
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(user.version))
        .json(user))
}

/// Sets a new temporary password, returned once; ends every session of the account and lifts
/// its lockout. The account must change the password at its next login.
#[utoipa::path(tag = "users", security(("bearer" = [])), params(("user_id" = Uuid, Path, description = "Account id")),
    responses((status = 200, body = UserWithPassword, headers(("ETag" = String))), (status = 401, body = Problem),
              (status = 403, body = Problem), (status = 404, body = Problem),
              (status = 422, body = Problem, description = "Your own account: use POST /auth/password")))]
#[post("/users/{user_id}/reset-password")]
pub async fn reset_user_password(
    state: web::Data<AppState>,
    caller: Caller,
    user_id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let reset = users::reset_password(&state.services, caller.ctx(), user_id.into_inner()).await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(reset.user.version))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(reset))
}

/// Lifts the lockout that repeated failed logins set. Idempotent.
#[utoipa::path(tag = "users", security(("bearer" = [])), params(("user_id" = Uuid, Path, description = "Account id")),
    responses((status = 200, body = UserView, headers(("ETag" = String))), (status = 401, body = Problem),
              (status = 403, body = Problem), (status = 404, body = Problem)))]
#[post("/users/{user_id}/unlock")]
pub async fn unlock_user(
    state: web::Data<AppState>,
    caller: Caller,
    user_id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let user = users::unlock_user(&state.services, caller.ctx(), user_id.into_inner()).await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(user.version))
        .json(user))
}
