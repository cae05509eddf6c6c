//! Terminology linting of a repository for CI.
