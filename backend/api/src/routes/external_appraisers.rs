//! External appraisers: penilai from outside the agency's staff (a regent, TNI/Polri).

use actix_web::{HttpRequest, HttpResponse, get, patch, post, web};
use kinerja_service::external_appraisers::{
    self, CreateExternalAppraiser, ExternalAppraiserView, ListExternalAppraisersQuery,
    UpdateExternalAppraiser,
};
use kinerja_service::pagination::{Page, PageParams};
use utoipa::OpenApi;
use uuid::Uuid;

use crate::extract::{Caller, etag, if_match};
use crate::problem::{ApiResult, Problem};
use crate::state::AppState;

#[derive(OpenApi)]
#[openapi(paths(
    list_external_appraisers,
    create_external_appraiser,
    get_external_appraiser,
    update_external_appraiser
))]
pub struct Doc;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(list_external_appraisers)
        .service(create_external_appraiser)
        .service(get_external_appraiser)
        .service(update_external_appraiser);
}

/// Lists the agency's external appraisers by name; `q` searches the name and the id number.
#[utoipa::path(tag = "appraisers", security(("bearer" = []), ("oauth2" = ["assignments:read"])),
    params(ListExternalAppraisersQuery, PageParams),
    responses((status = 200, body = Page<ExternalAppraiserView>), (status = 401, body = Problem),
              (status = 403, body = Problem), (status = 422, body = Problem)))]
#[get("/external-appraisers")]
pub async fn list_external_appraisers(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<ListExternalAppraisersQuery>,
    page: web::Query<PageParams>,
) -> ApiResult<web::Json<Page<ExternalAppraiserView>>> {
    Ok(web::Json(
        external_appraisers::list_external_appraisers(
            &state.services,
            caller.ctx(),
            query.into_inner(),
            page.into_inner(),
        )
        .await?,
    ))
}

/// Registers an external appraiser. A non-ASN (regent, TNI/Polri) is identified by an NRP,
/// NIK or other number and has no golongan; an ASN by a valid NIP or NI PPPK.
#[utoipa::path(tag = "appraisers", security(("bearer" = []), ("oauth2" = ["assignments:write"])),
    request_body = CreateExternalAppraiser,
    responses((status = 201, body = ExternalAppraiserView, headers(("ETag" = String))),
              (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 409, body = Problem, description = "id_number_taken"), (status = 422, body = Problem)))]
#[post("/external-appraisers")]
pub async fn create_external_appraiser(
    state: web::Data<AppState>,
    caller: Caller,
    body: web::Json<CreateExternalAppraiser>,
) -> ApiResult<HttpResponse> {
    let x = external_appraisers::create_external_appraiser(
        &state.services,
        caller.ctx(),
        body.into_inner(),
    )
    .await?;
    Ok(HttpResponse::Created()
        .insert_header(etag(x.version))
        .json(x))
}

/// One external appraiser.
#[utoipa::path(tag = "appraisers", security(("bearer" = []), ("oauth2" = ["assignments:read"])),
    params(("external_appraiser_id" = Uuid, Path, description = "External appraiser id")),
    responses((status = 200, body = ExternalAppraiserView, headers(("ETag" = String))),
              (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
#[get("/external-appraisers/{external_appraiser_id}")]
pub async fn get_external_appraiser(
    state: web::Data<AppState>,
    caller: Caller,
    external_appraiser_id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let x = external_appraisers::get_external_appraiser(
        &state.services,
        caller.ctx(),
        external_appraiser_id.into_inner(),
    )
    .await?;
    Ok(HttpResponse::Ok().insert_header(etag(x.version)).json(x))
}

/// Changes an external appraiser. Absent fields stay; `null` clears golongan or unit_name.
#[utoipa::path(tag = "appraisers", security(("bearer" = []), ("oauth2" = ["assignments:write"])),
    request_body = UpdateExternalAppraiser,
    params(("external_appraiser_id" = Uuid, Path, description = "External appraiser id"),
           ("If-Match" = String, Header, description = "ETag of the version read")),
    responses((status = 200, body = ExternalAppraiserView, headers(("ETag" = String))),
              (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem),
              (status = 409, body = Problem), (status = 412, body = Problem), (status = 422, body = Problem),
              (status = 428, body = Problem)))]
#[patch("/external-appraisers/{external_appraiser_id}")]
pub async fn update_external_appraiser(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    external_appraiser_id: web::Path<Uuid>,
    body: web::Json<UpdateExternalAppraiser>,
) -> ApiResult<HttpResponse> {
    let x = external_appraisers::update_external_appraiser(
        &state.services,
        caller.ctx(),
        external_appraiser_id.into_inner(),
        if_match(&req),
        body.into_inner(),
    )
    .await?;
    Ok(HttpResponse::Ok().insert_header(etag(x.version)).json(x))
}
