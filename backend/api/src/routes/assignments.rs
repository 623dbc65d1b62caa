//! Appraiser assignments, and "who appraises whom on a day" (`/employees/{id}/appraiser` and
//! `/employees/{id}/appraisees` live here, with the rest of the appraisal relation).
//! There is no DELETE: history is kept, an assignment ends by setting `valid_until`.

use actix_web::{HttpRequest, HttpResponse, get, patch, post, web};
use kinerja_service::assignments::{
    self, AppraiseeList, AppraiserLookup, AssignmentView, CreateAssignment, ListAssignmentsQuery,
    OnDateQuery, UpdateAssignment,
};
use kinerja_service::pagination::{Page, PageParams};
use utoipa::OpenApi;
use uuid::Uuid;

use crate::extract::{Caller, etag, if_match};
use crate::problem::{ApiResult, Problem};
use crate::state::AppState;

#[derive(OpenApi)]
#[openapi(paths(
    list_assignments,
    create_assignment,
    get_assignment,
    update_assignment,
    get_employee_appraiser,
    list_employee_appraisees
))]
pub struct Doc;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(list_assignments)
        .service(create_assignment)
        .service(get_assignment)
        .service(update_assignment)
        .service(get_employee_appraiser)
        .service(list_employee_appraisees);
}

/// Lists the agency's appraiser assignments, latest start first. `on` keeps those valid on
/// that date (several may be: Plt/Plh overlap the definitive one).
#[utoipa::path(tag = "appraisers", security(("bearer" = []), ("oauth2" = ["assignments:read"])),
    params(ListAssignmentsQuery, PageParams),
    responses((status = 200, body = Page<AssignmentView>), (status = 400, body = Problem),
              (status = 401, body = Problem), (status = 403, body = Problem), (status = 422, body = Problem)))]
#[get("/appraiser-assignments")]
pub async fn list_assignments(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<ListAssignmentsQuery>,
    page: web::Query<PageParams>,
) -> ApiResult<web::Json<Page<AssignmentView>>> {
    Ok(web::Json(
        assignments::list_assignments(
            &state.services,
            caller.ctx(),
            query.into_inner(),
            page.into_inner(),
        )
        .await?,
    ))
}

/// Assigns an appraiser (an employee of the agency or an external appraiser) and optionally
/// the appraiser's superior. Definitive assignments of one employee may not overlap
/// (409 `assignment_overlaps`, naming the existing one); with `close_previous: true` an
/// open-ended earlier one ends the day before. Plt/Plh assignments may overlap and take
/// precedence while valid.
#[utoipa::path(tag = "appraisers", security(("bearer" = []), ("oauth2" = ["assignments:write"])),
    request_body = CreateAssignment,
    responses((status = 201, body = AssignmentView, headers(("ETag" = String))),
              (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 409, body = Problem, description = "assignment_overlaps"),
              (status = 422, body = Problem, description = "validation, or appraiser_is_employee")))]
#[post("/appraiser-assignments")]
pub async fn create_assignment(
    state: web::Data<AppState>,
    caller: Caller,
    body: web::Json<CreateAssignment>,
) -> ApiResult<HttpResponse> {
    let a =
        assignments::create_assignment(&state.services, caller.ctx(), body.into_inner()).await?;
    Ok(HttpResponse::Created()
        .insert_header(etag(a.version))
        .json(a))
}

/// One assignment. Employees see only assignments about themselves or their appraisees.
#[utoipa::path(tag = "appraisers", security(("bearer" = []), ("oauth2" = ["assignments:read"])),
    params(("assignment_id" = Uuid, Path, description = "Assignment id")),
    responses((status = 200, body = AssignmentView, headers(("ETag" = String))),
              (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
#[get("/appraiser-assignments/{assignment_id}")]
pub async fn get_assignment(
    state: web::Data<AppState>,
    caller: Caller,
    assignment_id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let a = assignments::get_assignment(&state.services, caller.ctx(), assignment_id.into_inner())
        .await?;
    Ok(HttpResponse::Ok().insert_header(etag(a.version)).json(a))
}

/// Ends (`valid_until`) or annotates (`note`) an assignment. Extending a definitive
/// assignment is refused when it would overlap another one.
#[utoipa::path(tag = "appraisers", security(("bearer" = []), ("oauth2" = ["assignments:write"])),
    request_body = UpdateAssignment,
    params(("assignment_id" = Uuid, Path, description = "Assignment id"),
           ("If-Match" = String, Header, description = "ETag of the version read")),
    responses((status = 200, body = AssignmentView, headers(("ETag" = String))),
              (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem),
              (status = 409, body = Problem), (status = 412, body = Problem), (status = 422, body = Problem),
              (status = 428, body = Problem)))]
#[patch("/appraiser-assignments/{assignment_id}")]
pub async fn update_assignment(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    assignment_id: web::Path<Uuid>,
    body: web::Json<UpdateAssignment>,
) -> ApiResult<HttpResponse> {
    let a = assignments::update_assignment(
        &state.services,
        caller.ctx(),
        assignment_id.into_inner(),
        if_match(&req),
        body.into_inner(),
    )
    .await?;
    Ok(HttpResponse::Ok().insert_header(etag(a.version)).json(a))
}

/// Who appraises this employee on `on` (default today): a Plh takes precedence over a Plt,
/// a Plt over the definitive appraiser. 404 `no_appraiser` when nobody is assigned that day.
/// Employees may ask about themselves only.
#[utoipa::path(tag = "appraisers", security(("bearer" = []), ("oauth2" = ["assignments:read"])),
    params(("employee_id" = Uuid, Path, description = "Employee id"), OnDateQuery),
    responses((status = 200, body = AppraiserLookup), (status = 400, body = Problem),
              (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 404, body = Problem, description = "not_found, or no_appraiser")))]
#[get("/employees/{employee_id}/appraiser")]
pub async fn get_employee_appraiser(
    state: web::Data<AppState>,
    caller: Caller,
    employee_id: web::Path<Uuid>,
    query: web::Query<OnDateQuery>,
) -> ApiResult<web::Json<AppraiserLookup>> {
    Ok(web::Json(
        assignments::get_appraiser(
            &state.services,
            caller.ctx(),
            employee_id.into_inner(),
            query.into_inner().on,
        )
        .await?,
    ))
}

/// The employees this employee appraises on `on` (default today), by name; someone whose
/// definitive appraiser is replaced by a Plt/Plh that day is not listed. Employees may ask
/// about themselves only.
#[utoipa::path(tag = "appraisers", security(("bearer" = []), ("oauth2" = ["assignments:read"])),
    params(("employee_id" = Uuid, Path, description = "Employee id of the appraiser"), OnDateQuery),
    responses((status = 200, body = AppraiseeList), (status = 400, body = Problem),
              (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
#[get("/employees/{employee_id}/appraisees")]
pub async fn list_employee_appraisees(
    state: web::Data<AppState>,
    caller: Caller,
    employee_id: web::Path<Uuid>,
    query: web::Query<OnDateQuery>,
) -> ApiResult<web::Json<AppraiseeList>> {
    Ok(web::Json(
        assignments::list_appraisees(
            &state.services,
            caller.ctx(),
            employee_id.into_inner(),
            query.into_inner().on,
        )
        .await?,
    ))
}
