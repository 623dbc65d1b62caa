//! positions endpoints.

use actix_web::web;
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi()]
pub struct Doc;

pub fn routes(_cfg: &mut web::ServiceConfig) {}
