//! Employee endpoints (pegawai, PNS and PPPK). Administrators of the agency read and change
//! every record; an employee reads their own and those of the people they appraise.

use actix_web::{HttpRequest, HttpResponse, get, patch, post, web};
use kinerja_service::bulk::{self, BulkQuery, BulkResult, EmployeeRows};
use kinerja_service::employees::{
    self, CreateEmployee, EmployeeView, ListEmployeesQuery, UpdateEmployee,
};
use kinerja_service::pagination::{Page, PageParams};
use utoipa::OpenApi;
use uuid::Uuid;

use crate::extract::{Caller, etag, if_match};
use crate::problem::{ApiResult, Problem};
use crate::routes::units::{bulk_format, unsupported_bulk_type};
use crate::state::AppState;

#[derive(OpenApi)]
#[openapi(paths(
    list_employees,
    create_employee,
    bulk_upsert_employees,
    get_employee,
    update_employee
))]
pub struct Doc;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(list_employees)
        .service(create_employee)
        .service(bulk_upsert_employees)
        .service(get_employee)
        .service(update_employee);
}

/// Lists employees, filtered and paginated, with the total count. An employee sees only their
/// own record and those of the people they currently appraise.
#[utoipa::path(tag = "employees", security(("bearer" = []), ("oauth2" = ["employees:read"])),
    params(ListEmployeesQuery, PageParams),
    responses((status = 200, body = Page<EmployeeView>), (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 422, body = Problem)))]
#[get("/employees")]
pub async fn list_employees(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<ListEmployeesQuery>,
    page: web::Query<PageParams>,
) -> ApiResult<web::Json<Page<EmployeeView>>> {
    Ok(web::Json(
        employees::list_employees(
            &state.services,
            caller.ctx(),
            query.into_inner(),
            page.into_inner(),
        )
        .await?,
    ))
}

/// Creates an employee. The NIP / NI PPPK is validated (errors on `nip` carry the problem
/// code) and normalised; `birth_on` and `sex` must agree with it and are derived from it when
/// absent. Soft doubts about the NIP come back in `warnings`. 409 `nip_taken` when the
/// identifier is already registered.
#[utoipa::path(tag = "employees", security(("bearer" = []), ("oauth2" = ["employees:write"])), request_body = CreateEmployee,
    responses((status = 201, body = EmployeeView, headers(("ETag" = String))), (status = 401, body = Problem),
              (status = 403, body = Problem), (status = 409, body = Problem, description = "nip_taken"),
              (status = 422, body = Problem)))]
#[post("/employees")]
pub async fn create_employee(
    state: web::Data<AppState>,
    caller: Caller,
    body: web::Json<CreateEmployee>,
) -> ApiResult<HttpResponse> {
    let employee =
        employees::create_employee(&state.services, caller.ctx(), body.into_inner()).await?;
    Ok(HttpResponse::Created()
        .insert_header(etag(employee.version))
        .json(employee))
}

/// Creates or updates employees by NIP, from JSON (`{"rows": [...]}`) or CSV (header row with
/// `nip,asn_type,name,birth_on,sex,golongan,rank_since_on,unit_code,position_code,status,email,phone`;
/// only `nip`, `asn_type` and `name` are required columns). All or nothing: a 422 lists every
/// bad row (`rows[i].field`, or `line N: field` for CSV, the header being line 1) and nothing
/// is written. Repeating a payload changes nothing. At most 10,000 rows.
#[utoipa::path(tag = "employees", security(("bearer" = []), ("oauth2" = ["employees:write"])), params(BulkQuery),
    request_body(content((EmployeeRows = "application/json"), (String = "text/csv"))),
    responses((status = 200, body = BulkResult), (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 415, body = Problem), (status = 422, body = Problem)))]
#[post("/employees/bulk")]
pub async fn bulk_upsert_employees(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    query: web::Query<BulkQuery>,
    body: web::Bytes,
) -> ApiResult<HttpResponse> {
    let Some(format) = bulk_format(&req) else {
        return Ok(unsupported_bulk_type());
    };
    let result = bulk::upsert_employees(
        &state.services,
        caller.ctx(),
        query.into_inner(),
        format,
        &body,
    )
    .await?;
    Ok(HttpResponse::Ok().json(result))
}

/// One employee, with unit and position names and the spaced NIP. Records the caller may not
/// read answer 404.
#[utoipa::path(tag = "employees", security(("bearer" = []), ("oauth2" = ["employees:read"])),
    params(("employee_id" = Uuid, Path, description = "Employee id")),
    responses((status = 200, body = EmployeeView, headers(("ETag" = String))), (status = 401, body = Problem),
              (status = 403, body = Problem), (status = 404, body = Problem)))]
#[get("/employees/{employee_id}")]
pub async fn get_employee(
    state: web::Data<AppState>,
    caller: Caller,
    employee_id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let employee =
        employees::get_employee(&state.services, caller.ctx(), employee_id.into_inner()).await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(employee.version))
        .json(employee))
}

/// Changes an employee. NIP, ASN type, birth date, sex and golongan are re-checked together.
#[utoipa::path(tag = "employees", security(("bearer" = []), ("oauth2" = ["employees:write"])), request_body = UpdateEmployee,
    params(("employee_id" = Uuid, Path, description = "Employee id"),
           ("If-Match" = String, Header, description = "ETag of the version read")),
    responses((status = 200, body = EmployeeView, headers(("ETag" = String))), (status = 401, body = Problem),
              (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem),
              (status = 412, body = Problem), (status = 422, body = Problem), (status = 428, body = Problem)))]
#[patch("/employees/{employee_id}")]
pub async fn update_employee(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    employee_id: web::Path<Uuid>,
    body: web::Json<UpdateEmployee>,
) -> ApiResult<HttpResponse> {
    let employee = employees::update_employee(
        &state.services,
        caller.ctx(),
        employee_id.into_inner(),
        if_match(&req),
        body.into_inner(),
    )
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(employee.version))
        .json(employee))
}
