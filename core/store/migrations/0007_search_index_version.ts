// Migration 7: which version of the search text `trace_text` holds. Version 1 is what earlier builds wrote
// (a run of Chinese or Japanese was one token, so no word inside it could be found); the store rebuilds the
// index from the stored bodies when it holds an older version than the code writes (TraceRepository).
export default `
CREATE TABLE search_index (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL);
INSERT INTO search_index (id, version) VALUES (1, 1);
`;
