//! Position endpoints (jabatan). Reading for every member of the agency; changes by its admins
//! and by API clients with `units:write`.

use actix_web::{HttpRequest, HttpResponse, get, patch, post, web};
use kinerja_service::pagination::{Page, PageParams};
use kinerja_service::positions::{
    self, CreatePosition, ListPositionsQuery, PositionView, UpdatePosition,
};
use utoipa::OpenApi;
use uuid::Uuid;

use crate::extract::{Caller, etag, if_match};
use crate::problem::{ApiResult, Problem};
use crate::state::AppState;

#[derive(OpenApi)]
#[openapi(paths(list_positions, create_position, get_position, update_position))]
pub struct Doc;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(list_positions)
        .service(create_position)
        .service(get_position)
        .service(update_position);
}

/// Lists the positions of an agency, filtered and paginated, with the total count.
#[utoipa::path(tag = "positions", security(("bearer" = []), ("oauth2" = ["units:read"])),
    params(ListPositionsQuery, PageParams),
    responses((status = 200, body = Page<PositionView>), (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 422, body = Problem)))]
#[get("/positions")]
pub async fn list_positions(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<ListPositionsQuery>,
    page: web::Query<PageParams>,
) -> ApiResult<web::Json<Page<PositionView>>> {
    Ok(web::Json(
        positions::list_positions(
            &state.services,
            caller.ctx(),
            query.into_inner(),
            page.into_inner(),
        )
        .await?,
    ))
}

/// Creates a position. `functional_level` is required for `fungsional` and refused for other
/// kinds; `jpt_level` only for `jpt`. The code is unique within the agency.
#[utoipa::path(tag = "positions", security(("bearer" = []), ("oauth2" = ["units:write"])), request_body = CreatePosition,
    responses((status = 201, body = PositionView, headers(("ETag" = String))), (status = 401, body = Problem),
              (status = 403, body = Problem), (status = 409, body = Problem, description = "position_code_taken"),
              (status = 422, body = Problem)))]
#[post("/positions")]
pub async fn create_position(
    state: web::Data<AppState>,
    caller: Caller,
    body: web::Json<CreatePosition>,
) -> ApiResult<HttpResponse> {
    let position =
        positions::create_position(&state.services, caller.ctx(), body.into_inner()).await?;
    Ok(HttpResponse::Created()
        .insert_header(etag(position.version))
        .json(position))
}

/// One position.
#[utoipa::path(tag = "positions", security(("bearer" = []), ("oauth2" = ["units:read"])),
    params(("position_id" = Uuid, Path, description = "Position id")),
    responses((status = 200, body = PositionView, headers(("ETag" = String))), (status = 401, body = Problem),
              (status = 403, body = Problem), (status = 404, body = Problem)))]
#[get("/positions/{position_id}")]
pub async fn get_position(
    state: web::Data<AppState>,
    caller: Caller,
    position_id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let position =
        positions::get_position(&state.services, caller.ctx(), position_id.into_inner()).await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(position.version))
        .json(position))
}

/// Changes a position. When the kind changes, a level the new kind does not allow is cleared
/// unless the request sets it.
#[utoipa::path(tag = "positions", security(("bearer" = []), ("oauth2" = ["units:write"])), request_body = UpdatePosition,
    params(("position_id" = Uuid, Path, description = "Position id"),
           ("If-Match" = String, Header, description = "ETag of the version read")),
    responses((status = 200, body = PositionView, headers(("ETag" = String))), (status = 401, body = Problem),
              (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem),
              (status = 412, body = Problem), (status = 422, body = Problem), (status = 428, body = Problem)))]
#[patch("/positions/{position_id}")]
pub async fn update_position(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    position_id: web::Path<Uuid>,
    body: web::Json<UpdatePosition>,
) -> ApiResult<HttpResponse> {
    let position = positions::update_position(
        &state.services,
        caller.ctx(),
        position_id.into_inner(),
        if_match(&req),
        body.into_inner(),
    )
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(position.version))
        .json(position))
}
