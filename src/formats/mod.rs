//! Interchange with CAT tools: TMX, TBX, XLIFF and glossary files.
