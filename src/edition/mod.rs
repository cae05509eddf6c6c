//! Assembling the English edition of a Russian document from the memory.
