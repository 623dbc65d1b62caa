//! Objections (keberatan): the evaluated employee objects within the deadline after
//! acknowledging the result; the appraiser's superior reviews and decides, finally.

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use kinerja_service::objections::{
    self, DecideObjection, ListObjectionsQuery, ObjectionView, SubmitObjection,
};
use kinerja_service::pagination::{Page, PageParams};
use utoipa::OpenApi;
use uuid::Uuid;

use crate::extract::{Caller, etag, if_match};
use crate::problem::{ApiResult, Problem};
use crate::state::AppState;

#[derive(OpenApi)]
#[openapi(paths(
    submit_objection,
    list_objections,
    get_objection,
    review_objection,
    decide_objection
))]
pub struct Doc;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(submit_objection)
        .service(list_objections)
        .service(get_objection)
        .service(review_objection)
        .service(decide_objection);
}

/// The evaluated employee objects to the finalised result, within the cycle's deadline
/// (default 14 days) of acknowledging it (422 `objection_too_late` naming the last allowed
/// day; not acknowledged yet: 409 `not_acknowledged`). One objection per evaluation. The
/// appraiser's superior decides.
#[utoipa::path(tag = "objections", security(("bearer" = [])), request_body = SubmitObjection,
    params(("evaluation_id" = Uuid, Path, description = "Evaluation id")),
    responses((status = 201, body = ObjectionView, headers(("ETag" = String))),
              (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem),
              (status = 409, body = Problem, description = "not_acknowledged, objection_exists, illegal_transition"),
              (status = 422, body = Problem, description = "validation or objection_too_late")))]
#[post("/evaluations/{evaluation_id}/objections")]
pub async fn submit_objection(
    state: web::Data<AppState>,
    caller: Caller,
    evaluation_id: web::Path<Uuid>,
    body: web::Json<SubmitObjection>,
) -> ApiResult<HttpResponse> {
    let o = objections::submit_objection(
        &state.services,
        caller.ctx(),
        evaluation_id.into_inner(),
        body.into_inner(),
    )
    .await?;
    Ok(HttpResponse::Created()
        .insert_header(etag(o.version))
        .json(o))
}

/// Lists objections: HR and auditors (API clients: reports:read) the agency's; a decider
/// those addressed to them; an employee their own.
#[utoipa::path(tag = "objections", security(("bearer" = []), ("oauth2" = ["reports:read"])),
    params(ListObjectionsQuery, PageParams),
    responses((status = 200, body = Page<ObjectionView>), (status = 400, body = Problem),
              (status = 401, body = Problem), (status = 403, body = Problem), (status = 422, body = Problem)))]
#[get("/objections")]
pub async fn list_objections(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<ListObjectionsQuery>,
    page: web::Query<PageParams>,
) -> ApiResult<web::Json<Page<ObjectionView>>> {
    Ok(web::Json(
        objections::list_objections(
            &state.services,
            caller.ctx(),
            query.into_inner(),
            page.into_inner(),
        )
        .await?,
    ))
}

/// One objection (its employee, its decider, the appraiser, HR, auditors).
#[utoipa::path(tag = "objections", security(("bearer" = []), ("oauth2" = ["reports:read"])),
    params(("objection_id" = Uuid, Path, description = "Objection id")),
    responses((status = 200, body = ObjectionView, headers(("ETag" = String))),
              (status = 401, body = Problem), (status = 404, body = Problem)))]
#[get("/objections/{objection_id}")]
pub async fn get_objection(
    state: web::Data<AppState>,
    caller: Caller,
    objection_id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let o =
        objections::get_objection(&state.services, caller.ctx(), objection_id.into_inner()).await?;
    Ok(HttpResponse::Ok().insert_header(etag(o.version)).json(o))
}

/// The decider (the appraiser's superior) starts hearing both parties
/// (submitted -> under_review).
#[utoipa::path(tag = "objections", security(("bearer" = [])),
    params(("objection_id" = Uuid, Path, description = "Objection id"),
           ("If-Match" = Option<String>, Header, description = "ETag of the version read (optional)")),
    responses((status = 200, body = ObjectionView, headers(("ETag" = String))),
              (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem),
              (status = 409, body = Problem, description = "illegal_transition"), (status = 412, body = Problem)))]
#[post("/objections/{objection_id}/review")]
pub async fn review_objection(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    objection_id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let o = objections::review_objection(
        &state.services,
        caller.ctx(),
        objection_id.into_inner(),
        if_match(&req),
    )
    .await?;
    Ok(HttpResponse::Ok().insert_header(etag(o.version)).json(o))
}

/// The decider keeps or changes the result (PP 30/2019 Pasal 59: final). `note` is required;
/// a change needs both new ratings, and the new predicate is their kuadran. The evaluation
/// becomes final.
#[utoipa::path(tag = "objections", security(("bearer" = [])), request_body = DecideObjection,
    params(("objection_id" = Uuid, Path, description = "Objection id"),
           ("If-Match" = Option<String>, Header, description = "ETag of the version read (optional)")),
    responses((status = 200, body = ObjectionView, headers(("ETag" = String))),
              (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem),
              (status = 409, body = Problem, description = "illegal_transition"), (status = 412, body = Problem),
              (status = 422, body = Problem)))]
#[post("/objections/{objection_id}/decide")]
pub async fn decide_objection(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    objection_id: web::Path<Uuid>,
    body: web::Json<DecideObjection>,
) -> ApiResult<HttpResponse> {
    let o = objections::decide_objection(
        &state.services,
        caller.ctx(),
        objection_id.into_inner(),
        if_match(&req),
        body.into_inner(),
    )
    .await?;
    Ok(HttpResponse::Ok().insert_header(etag(o.version)).json(o))
}
