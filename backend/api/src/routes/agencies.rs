//! Agency endpoints: the tenants. Listing and reading for their members, creation by a
//! super_admin, changes by the super_admin or the agency's own admin.

use actix_web::{HttpRequest, HttpResponse, get, patch, post, web};
use kinerja_service::agencies::{self, AgencyView, CreateAgency, ListAgenciesQuery, UpdateAgency};
use kinerja_service::pagination::{Page, PageParams};
use utoipa::OpenApi;
use uuid::Uuid;

use crate::extract::{Caller, etag, if_match};
use crate::problem::{ApiResult, Problem};
use crate::state::AppState;

#[derive(OpenApi)]
#[openapi(paths(list_agencies, create_agency, get_agency, update_agency))]
pub struct Doc;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(list_agencies)
        .service(create_agency)
        .service(get_agency)
        .service(update_agency);
}

/// Lists agencies: all of them for a super_admin, otherwise only the caller's own.
#[utoipa::path(tag = "agencies", security(("bearer" = []), ("oauth2" = ["agency:read"])),
    params(ListAgenciesQuery, PageParams),
    responses((status = 200, body = Page<AgencyView>), (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 422, body = Problem)))]
#[get("/agencies")]
pub async fn list_agencies(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<ListAgenciesQuery>,
    page: web::Query<PageParams>,
) -> ApiResult<web::Json<Page<AgencyView>>> {
    Ok(web::Json(
        agencies::list_agencies(
            &state.services,
            caller.ctx(),
            query.into_inner(),
            page.into_inner(),
        )
        .await?,
    ))
}

/// Creates an agency (super_admin only). The code is unique across the deployment.
#[utoipa::path(tag = "agencies", security(("bearer" = [])), request_body = CreateAgency,
    responses((status = 201, body = AgencyView, headers(("ETag" = String))), (status = 401, body = Problem),
              (status = 403, body = Problem), (status = 409, body = Problem, description = "agency_code_taken"),
              (status = 422, body = Problem)))]
#[post("/agencies")]
pub async fn create_agency(
    state: web::Data<AppState>,
    caller: Caller,
    body: web::Json<CreateAgency>,
) -> ApiResult<HttpResponse> {
    let agency = agencies::create_agency(&state.services, caller.ctx(), body.into_inner()).await?;
    Ok(HttpResponse::Created()
        .insert_header(etag(agency.version))
        .json(agency))
}

/// One agency: the caller's own (any super_admin reads every agency). Another agency reads as
/// not found.
#[utoipa::path(tag = "agencies", security(("bearer" = []), ("oauth2" = ["agency:read"])),
    params(("agency_id" = Uuid, Path, description = "Agency id")),
    responses((status = 200, body = AgencyView, headers(("ETag" = String))), (status = 401, body = Problem),
              (status = 403, body = Problem), (status = 404, body = Problem)))]
#[get("/agencies/{agency_id}")]
pub async fn get_agency(
    state: web::Data<AppState>,
    caller: Caller,
    agency_id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let agency =
        agencies::get_agency(&state.services, caller.ctx(), agency_id.into_inner()).await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(agency.version))
        .json(agency))
}

/// Changes an agency's name or SIASN id (super_admin or the agency's admin); only a
/// super_admin changes the code.
#[utoipa::path(tag = "agencies", security(("bearer" = [])), request_body = UpdateAgency,
    params(("agency_id" = Uuid, Path, description = "Agency id"),
           ("If-Match" = String, Header, description = "ETag of the version read")),
    responses((status = 200, body = AgencyView, headers(("ETag" = String))), (status = 401, body = Problem),
              (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem),
              (status = 412, body = Problem), (status = 422, body = Problem), (status = 428, body = Problem)))]
#[patch("/agencies/{agency_id}")]
pub async fn update_agency(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    agency_id: web::Path<Uuid>,
    body: web::Json<UpdateAgency>,
) -> ApiResult<HttpResponse> {
    let agency = agencies::update_agency(
        &state.services,
        caller.ctx(),
        agency_id.into_inner(),
        if_match(&req),
        body.into_inner(),
    )
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(agency.version))
        .json(agency))
}
