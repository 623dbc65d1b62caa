//! Reference data endpoints: golongan/pangkat, position kinds, functional levels and the
//! BerAKHLAK core values. Any authenticated caller; the data are national constants.

use actix_web::{get, web};
use kinerja_domain::reference::GolonganInfo;
use kinerja_service::reference::{
    self, CoreValueInfo, FunctionalLevelInfo, GolonganQuery, PositionKindInfo,
};
use utoipa::OpenApi;

use crate::extract::Caller;
use crate::problem::{ApiResult, Problem};

#[derive(OpenApi)]
#[openapi(paths(
    list_golongan,
    list_position_kinds,
    list_functional_levels,
    list_core_values
))]
pub struct Doc;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(list_golongan)
        .service(list_position_kinds)
        .service(list_functional_levels)
        .service(list_core_values);
}

/// Golongan/ruang with pangkat and SIASN id (PNS: I/a to IV/e; PPPK: I to XVII), lowest first.
#[utoipa::path(tag = "reference", security(("bearer" = []), ("oauth2" = [])), params(GolonganQuery),
    responses((status = 200, body = Vec<GolonganInfo>), (status = 400, body = Problem, description = "Unknown asn_type"), (status = 401, body = Problem)))]
#[get("/reference/golongan")]
pub async fn list_golongan(
    _caller: Caller,
    query: web::Query<GolonganQuery>,
) -> ApiResult<web::Json<Vec<GolonganInfo>>> {
    Ok(web::Json(reference::golongan(&query)))
}

/// Position kinds (jenis jabatan) and which levels they carry.
#[utoipa::path(tag = "reference", security(("bearer" = []), ("oauth2" = [])),
    responses((status = 200, body = Vec<PositionKindInfo>), (status = 401, body = Problem)))]
#[get("/reference/position-kinds")]
pub async fn list_position_kinds(_caller: Caller) -> ApiResult<web::Json<Vec<PositionKindInfo>>> {
    Ok(web::Json(reference::position_kinds()))
}

/// Functional levels (jenjang jabatan fungsional) with their SIASN codes.
#[utoipa::path(tag = "reference", security(("bearer" = []), ("oauth2" = [])),
    responses((status = 200, body = Vec<FunctionalLevelInfo>), (status = 401, body = Problem)))]
#[get("/reference/functional-levels")]
pub async fn list_functional_levels(
    _caller: Caller,
) -> ApiResult<web::Json<Vec<FunctionalLevelInfo>>> {
    Ok(web::Json(reference::functional_levels()))
}

/// The seven BerAKHLAK core values, each with its three behaviour guidelines.
#[utoipa::path(tag = "reference", security(("bearer" = []), ("oauth2" = [])),
    responses((status = 200, body = Vec<CoreValueInfo>), (status = 401, body = Problem)))]
#[get("/reference/core-values")]
pub async fn list_core_values(_caller: Caller) -> ApiResult<web::Json<Vec<CoreValueInfo>>> {
    Ok(web::Json(reference::core_values()))
}
