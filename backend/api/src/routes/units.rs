//! Unit endpoints: the organisation tree. Reading for every member of the agency; changes by
//! its admins and by API clients with `units:write`.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, get, patch, post, web};
use kinerja_service::bulk::{self, BulkFormat, BulkQuery, BulkResult, UnitRows};
use kinerja_service::pagination::{Page, PageParams};
use kinerja_service::units::{
    self, CreateUnit, ListUnitsQuery, MoveUnit, UnitNode, UnitTreeQuery, UnitView, UpdateUnit,
};
use utoipa::OpenApi;
use uuid::Uuid;

use crate::extract::{Caller, etag, if_match};
use crate::problem::{ApiResult, Problem};
use crate::state::AppState;

#[derive(OpenApi)]
#[openapi(paths(
    list_units,
    get_unit_tree,
    create_unit,
    bulk_upsert_units,
    get_unit,
    update_unit,
    move_unit,
    deactivate_unit,
    activate_unit
))]
pub struct Doc;

pub fn routes(cfg: &mut web::ServiceConfig) {
    // Fixed paths before /units/{unit_id}.
    cfg.service(list_units)
        .service(get_unit_tree)
        .service(create_unit)
        .service(bulk_upsert_units)
        .service(get_unit)
        .service(update_unit)
        .service(move_unit)
        .service(deactivate_unit)
        .service(activate_unit);
}

/// The format of a bulk body from its Content-Type; None for other media types.
pub(crate) fn bulk_format(req: &HttpRequest) -> Option<BulkFormat> {
    let mime = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase())
        .unwrap_or_default();
    match mime.as_str() {
        "application/json" => Some(BulkFormat::Json),
        "text/csv" => Some(BulkFormat::Csv),
        _ => None,
    }
}

/// The 415 problem for a bulk body of another media type.
pub(crate) fn unsupported_bulk_type() -> HttpResponse {
    Problem::new(
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "unsupported_media_type",
        "Unsupported media type",
        "Send the rows as application/json ({\"rows\": [...]}) or as text/csv with a header row.",
    )
    .response()
}

/// Lists the units of an agency, filtered and paginated, with the total count.
#[utoipa::path(tag = "units", security(("bearer" = []), ("oauth2" = ["units:read"])),
    params(ListUnitsQuery, PageParams),
    responses((status = 200, body = Page<UnitView>), (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 422, body = Problem)))]
#[get("/units")]
pub async fn list_units(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<ListUnitsQuery>,
    page: web::Query<PageParams>,
) -> ApiResult<web::Json<Page<UnitView>>> {
    Ok(web::Json(
        units::list_units(
            &state.services,
            caller.ctx(),
            query.into_inner(),
            page.into_inner(),
        )
        .await?,
    ))
}

/// The whole organisation tree of an agency, nested; siblings sorted by name.
#[utoipa::path(tag = "units", security(("bearer" = []), ("oauth2" = ["units:read"])),
    params(UnitTreeQuery),
    responses((status = 200, body = Vec<UnitNode>), (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 422, body = Problem)))]
#[get("/units/tree")]
pub async fn get_unit_tree(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<UnitTreeQuery>,
) -> ApiResult<web::Json<Vec<UnitNode>>> {
    Ok(web::Json(
        units::unit_tree(&state.services, caller.ctx(), query.into_inner()).await?,
    ))
}

/// Creates a unit under an active parent of the same agency, or as a root unit. The code is
/// unique within the agency.
#[utoipa::path(tag = "units", security(("bearer" = []), ("oauth2" = ["units:write"])), request_body = CreateUnit,
    responses((status = 201, body = UnitView, headers(("ETag" = String))), (status = 401, body = Problem),
              (status = 403, body = Problem), (status = 409, body = Problem, description = "unit_code_taken"),
              (status = 422, body = Problem)))]
#[post("/units")]
pub async fn create_unit(
    state: web::Data<AppState>,
    caller: Caller,
    body: web::Json<CreateUnit>,
) -> ApiResult<HttpResponse> {
    let unit = units::create_unit(&state.services, caller.ctx(), body.into_inner()).await?;
    Ok(HttpResponse::Created()
        .insert_header(etag(unit.version))
        .json(unit))
}

/// Creates or updates units by code, from JSON (`{"rows": [...]}`) or CSV (header row with
/// `code,name,kind,parent_code,siasn_unor_id`). Parents may be defined anywhere in the batch.
/// All or nothing: a 422 lists every bad row (`rows[i].field`, or `line N: field` for CSV,
/// the header being line 1) and nothing is written. Repeating a payload changes nothing.
/// At most 10,000 rows.
#[utoipa::path(tag = "units", security(("bearer" = []), ("oauth2" = ["units:write"])), params(BulkQuery),
    request_body(content((UnitRows = "application/json"), (String = "text/csv"))),
    responses((status = 200, body = BulkResult), (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 415, body = Problem), (status = 422, body = Problem)))]
#[post("/units/bulk")]
pub async fn bulk_upsert_units(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    query: web::Query<BulkQuery>,
    body: web::Bytes,
) -> ApiResult<HttpResponse> {
    let Some(format) = bulk_format(&req) else {
        return Ok(unsupported_bulk_type());
    };
    let result = bulk::upsert_units(
        &state.services,
        caller.ctx(),
        query.into_inner(),
        format,
        &body,
    )
    .await?;
    Ok(HttpResponse::Ok().json(result))
}

/// One unit.
#[utoipa::path(tag = "units", security(("bearer" = []), ("oauth2" = ["units:read"])),
    params(("unit_id" = Uuid, Path, description = "Unit id")),
    responses((status = 200, body = UnitView, headers(("ETag" = String))), (status = 401, body = Problem),
              (status = 403, body = Problem), (status = 404, body = Problem)))]
#[get("/units/{unit_id}")]
pub async fn get_unit(
    state: web::Data<AppState>,
    caller: Caller,
    unit_id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let unit = units::get_unit(&state.services, caller.ctx(), unit_id.into_inner()).await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(unit.version))
        .json(unit))
}

/// Changes a unit's name, code, kind or SIASN id.
#[utoipa::path(tag = "units", security(("bearer" = []), ("oauth2" = ["units:write"])), request_body = UpdateUnit,
    params(("unit_id" = Uuid, Path, description = "Unit id"),
           ("If-Match" = String, Header, description = "ETag of the version read")),
    responses((status = 200, body = UnitView, headers(("ETag" = String))), (status = 401, body = Problem),
              (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem),
              (status = 412, body = Problem), (status = 422, body = Problem), (status = 428, body = Problem)))]
#[patch("/units/{unit_id}")]
pub async fn update_unit(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    unit_id: web::Path<Uuid>,
    body: web::Json<UpdateUnit>,
) -> ApiResult<HttpResponse> {
    let unit = units::update_unit(
        &state.services,
        caller.ctx(),
        unit_id.into_inner(),
        if_match(&req),
        body.into_inner(),
    )
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(unit.version))
        .json(unit))
}

/// Moves a unit with its whole subtree under another active unit of the agency
/// (`parent_id`), or to the top level (`parent_id: null`). Moving a unit under itself or one
/// of its descendants is refused (422 `unit_move_cycle`).
#[utoipa::path(tag = "units", security(("bearer" = []), ("oauth2" = ["units:write"])), request_body = MoveUnit,
    params(("unit_id" = Uuid, Path, description = "Unit id"),
           ("If-Match" = String, Header, description = "ETag of the version read")),
    responses((status = 200, body = UnitView, headers(("ETag" = String))), (status = 401, body = Problem),
              (status = 403, body = Problem), (status = 404, body = Problem), (status = 412, body = Problem),
              (status = 422, body = Problem), (status = 428, body = Problem)))]
#[post("/units/{unit_id}/move")]
pub async fn move_unit(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    unit_id: web::Path<Uuid>,
    body: web::Json<MoveUnit>,
) -> ApiResult<HttpResponse> {
    let unit = units::move_unit(
        &state.services,
        caller.ctx(),
        unit_id.into_inner(),
        if_match(&req),
        body.into_inner(),
    )
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(unit.version))
        .json(unit))
}

/// Deactivates a unit. Refused (409 `unit_not_empty`) while it has active child units or
/// active employees; the problem's detail gives both counts.
#[utoipa::path(tag = "units", security(("bearer" = []), ("oauth2" = ["units:write"])),
    params(("unit_id" = Uuid, Path, description = "Unit id"),
           ("If-Match" = String, Header, description = "ETag of the version read")),
    responses((status = 200, body = UnitView, headers(("ETag" = String))), (status = 401, body = Problem),
              (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem),
              (status = 412, body = Problem), (status = 428, body = Problem)))]
#[post("/units/{unit_id}/deactivate")]
pub async fn deactivate_unit(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    unit_id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let unit = units::deactivate_unit(
        &state.services,
        caller.ctx(),
        unit_id.into_inner(),
        if_match(&req),
    )
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(unit.version))
        .json(unit))
}

/// Reactivates a unit; its parent must be active (409 `parent_inactive` otherwise).
#[utoipa::path(tag = "units", security(("bearer" = []), ("oauth2" = ["units:write"])),
    params(("unit_id" = Uuid, Path, description = "Unit id"),
           ("If-Match" = String, Header, description = "ETag of the version read")),
    responses((status = 200, body = UnitView, headers(("ETag" = String))), (status = 401, body = Problem),
              (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem),
              (status = 412, body = Problem), (status = 428, body = Problem)))]
#[post("/units/{unit_id}/activate")]
pub async fn activate_unit(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    unit_id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let unit = units::activate_unit(
        &state.services,
        caller.ctx(),
        unit_id.into_inner(),
        if_match(&req),
    )
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(unit.version))
        .json(unit))
}
