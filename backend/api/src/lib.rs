//! Kinerja's HTTP edge: configuration, the auth extractor, problem details, the route table,
//! the OpenAPI document and the `kinerja` binary. Handlers extract, call one service
//! function and map the result; no SQL here (this crate does not depend on sea-orm).

pub mod app;
pub mod config;
pub mod extract;
pub mod openapi;
pub mod problem;
pub mod request_id;
pub mod routes;
pub mod state;
