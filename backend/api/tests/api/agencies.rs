//! agencies endpoints, from outside.

#[allow(unused_imports)]
use crate::helpers::TestApp;
