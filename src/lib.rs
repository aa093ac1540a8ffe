//! tifa (提法) compares Chinese official speeches and policy documents across years and
//! administrative levels. See ARCHITECTURE.md for the pipeline and the module map.

pub mod align;
pub mod articles;
pub mod chars;
pub mod cli;
pub mod collate;
pub mod compare;
pub mod decode;
pub mod diff;
pub mod extract;
pub mod files;
pub mod hierarchy;
pub mod ingest;
pub mod normalize;
pub mod parallel;
pub mod present;
pub mod progress;
pub mod render;
pub mod report;
pub mod reuse;
pub mod stats;
pub mod structure;
pub mod table;
pub mod trace;
pub mod words;
