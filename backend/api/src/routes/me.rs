//! The caller's own account: who am I, in which agency, linked to which employee.

use actix_web::{get, web};
use kinerja_service::users::{self, MeView};
use utoipa::OpenApi;

use crate::extract::Caller;
use crate::problem::{ApiResult, Problem};
use crate::state::AppState;

#[derive(OpenApi)]
#[openapi(paths(get_me))]
pub struct Doc;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(get_me);
}

/// The caller: for an account, its role, agency and (when linked) employee with unit and
/// position; for an API client, its client id and the scopes of the token in use. Any
/// authenticated caller.
#[utoipa::path(tag = "me", security(("bearer" = []), ("oauth2" = [])),
    responses((status = 200, body = MeView), (status = 401, body = Problem)))]
#[get("/me")]
pub async fn get_me(state: web::Data<AppState>, caller: Caller) -> ApiResult<web::Json<MeView>> {
    Ok(web::Json(users::me(&state.services, caller.ctx()).await?))
}
