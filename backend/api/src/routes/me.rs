//! The caller's own account: who am I, in which agency, linked to which employee; what waits
//! for me; the audit trail of my own records.

use actix_web::{get, web};
use kinerja_service::audit::AuditEntryView;
use kinerja_service::me::{self, MyAuditQuery, MyTasks};
use kinerja_service::pagination::{Page, PageParams};
use kinerja_service::users::{self, MeView};
use utoipa::OpenApi;

use crate::extract::Caller;
use crate::problem::{ApiResult, Problem};
use crate::state::AppState;

#[derive(OpenApi)]
#[openapi(paths(get_me, get_my_tasks, list_my_audit_trail))]
pub struct Doc;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(get_me)
        .service(get_my_tasks)
        .service(list_my_audit_trail);
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

/// What waits for the caller now, across the appraisal: their own plans in the cycles being
/// planned or running (and the cycles where they have none yet), plans submitted to them as
/// appraiser, 360 requests to answer, their own evaluations to submit or results to
/// acknowledge, their appraisees' evaluations to rate, objections addressed to them, unread
/// notifications; for HR, plans waiting for the review. Any signed-in person (API clients: 403).
#[utoipa::path(tag = "me", security(("bearer" = [])),
    responses((status = 200, body = MyTasks), (status = 401, body = Problem), (status = 403, body = Problem)))]
#[get("/me/tasks")]
pub async fn get_my_tasks(
    state: web::Data<AppState>,
    caller: Caller,
) -> ApiResult<web::Json<MyTasks>> {
    Ok(web::Json(me::tasks(&state.services, caller.ctx()).await?))
}

/// The audit trail of the caller's own records, newest first: their employee record,
/// appraiser assignments, plans with their work results and indicators, realizations and
/// evidence, evaluations (ratings, calibration, finalisation, acknowledgement), objections,
/// the continuous feedback and dialogues addressed to them, and their own 360 answers. It
/// never contains other raters' 360 requests or an appraiser's private notes. Accounts linked
/// to an employee only (403 otherwise).
#[utoipa::path(tag = "me", security(("bearer" = [])), params(MyAuditQuery, PageParams),
    responses((status = 200, body = Page<AuditEntryView>), (status = 401, body = Problem),
              (status = 403, body = Problem), (status = 422, body = Problem)))]
#[get("/me/audit-trail")]
pub async fn list_my_audit_trail(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<MyAuditQuery>,
    page: web::Query<PageParams>,
) -> ApiResult<web::Json<Page<AuditEntryView>>> {
    Ok(web::Json(
        me::audit_trail(
            &state.services,
            caller.ctx(),
            query.into_inner(),
            page.into_inner(),
        )
        .await?,
    ))
}
