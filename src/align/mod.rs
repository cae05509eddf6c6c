//! Sentence alignment of a Russian document and its English translation.
