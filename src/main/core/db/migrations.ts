/** Schema migrations, applied in order; PRAGMA user_version records how many have run. */
export const migrations: string[] = [
  `
  CREATE TABLE providers (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    endpoint TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    auth TEXT NOT NULL,
    api_key BLOB,
    api_key_hint TEXT,
    status TEXT NOT NULL DEFAULT 'unknown',
    status_error TEXT,
    checked_at TEXT,
    models_json TEXT NOT NULL DEFAULT '[]',
    models_refreshed_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE workspaces (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE rules (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    config_json TEXT NOT NULL DEFAULT '{}'
  );
  CREATE INDEX rules_by_workspace ON rules(workspace_id, position);
  CREATE UNIQUE INDEX one_catch_all ON rules(workspace_id) WHERE kind = 'catch-all';
  -- position 0 is the rule's target, 1.. its fallbacks in order
  CREATE TABLE rule_targets (
    rule_id TEXT NOT NULL REFERENCES rules(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    provider_id TEXT NOT NULL REFERENCES providers(id),
    model TEXT NOT NULL,
    PRIMARY KEY (rule_id, position)
  );
  CREATE INDEX rule_targets_by_provider ON rule_targets(provider_id);
  CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value_json TEXT NOT NULL
  );
  `,
  `
  CREATE TABLE requests (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    route TEXT NOT NULL,
    client TEXT NOT NULL,
    client_format TEXT NOT NULL,
    requested_model TEXT,
    stream INTEGER NOT NULL,
    workspace TEXT,
    request_type TEXT,
    files_json TEXT NOT NULL DEFAULT '[]',
    rule TEXT,
    why TEXT,
    provider TEXT,
    model TEXT,
    attempts_json TEXT NOT NULL DEFAULT '[]',
    status INTEGER NOT NULL,
    error TEXT,
    latency_ms REAL NOT NULL,
    first_token_ms REAL,
    tokens_in INTEGER,
    tokens_out INTEGER
  );
  CREATE INDEX requests_by_workspace ON requests(workspace, id);
  CREATE INDEX requests_by_model ON requests(model, id);
  `,
  `
  CREATE TABLE personas (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    description TEXT NOT NULL,
    examples_json TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE persona_vectors (
    text_hash TEXT NOT NULL,
    model_id TEXT NOT NULL,
    vector BLOB NOT NULL,
    PRIMARY KEY (text_hash, model_id)
  );
  ALTER TABLE requests ADD COLUMN classification_json TEXT;
  `,
  `
  CREATE TABLE model_groups (
    id TEXT PRIMARY KEY COLLATE NOCASE,
    strategy TEXT NOT NULL,
    targets_json TEXT NOT NULL,
    rules_json TEXT NOT NULL DEFAULT '[]',
    classifier_json TEXT NOT NULL DEFAULT '{}',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  -- A rule may target a model group as {provider: 'group', model: <group id>}, so provider_id
  -- no longer references providers; deleting a provider still detaches its rules first.
  CREATE TABLE rule_targets_new (
    rule_id TEXT NOT NULL REFERENCES rules(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    provider_id TEXT NOT NULL,
    model TEXT NOT NULL,
    PRIMARY KEY (rule_id, position)
  );
  INSERT INTO rule_targets_new SELECT rule_id, position, provider_id, model FROM rule_targets;
  DROP TABLE rule_targets;
  ALTER TABLE rule_targets_new RENAME TO rule_targets;
  CREATE INDEX rule_targets_by_provider ON rule_targets(provider_id);
  ALTER TABLE requests ADD COLUMN group_json TEXT;
  `,
  `
  -- Model limits an upstream stated when it refused a request (max_tokens too large, context too long).
  CREATE TABLE learned_model_limits (
    provider_id TEXT NOT NULL REFERENCES providers(id) ON DELETE CASCADE,
    model TEXT NOT NULL,
    context_window INTEGER,
    max_output_tokens INTEGER,
    learned_at TEXT NOT NULL,
    PRIMARY KEY (provider_id, model)
  );
  `,
  `
  -- Hold a turn's decision for its tool-loop requests; on for existing workspaces too.
  ALTER TABLE workspaces ADD COLUMN hold_decision_for_turn INTEGER NOT NULL DEFAULT 1;
  ALTER TABLE requests ADD COLUMN turn_json TEXT;
  `,
  `
  -- Examples learned from the user's corrections of persona decisions (typed examples stay in
  -- personas.examples_json), and the verdicts, so each persona's accuracy can be shown.
  CREATE TABLE persona_learned_examples (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    persona_id TEXT NOT NULL REFERENCES personas(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    source TEXT NOT NULL,
    request_id INTEGER,
    request_at TEXT,
    created_at TEXT NOT NULL
  );
  CREATE INDEX persona_learned_examples_by_persona ON persona_learned_examples(persona_id, id);
  CREATE INDEX persona_learned_examples_by_request ON persona_learned_examples(request_id);
  CREATE TABLE persona_corrections (
    request_id INTEGER PRIMARY KEY,
    classified_persona_id TEXT,
    right_persona_id TEXT,
    verdict TEXT NOT NULL,
    at TEXT NOT NULL
  );
  `,
  `
  -- Team mode: each request's cost and cached prompt tokens, the member key that made it; member keys
  -- (only a hash of each key is kept).
  ALTER TABLE requests ADD COLUMN tokens_cached INTEGER;
  ALTER TABLE requests ADD COLUMN cost_usd REAL;
  ALTER TABLE requests ADD COLUMN key_id TEXT;
  ALTER TABLE requests ADD COLUMN rule_kind TEXT;
  CREATE INDEX requests_by_key ON requests(key_id, at) WHERE key_id IS NOT NULL;
  CREATE TABLE member_keys (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE,
    hint TEXT NOT NULL,
    workspace TEXT,
    daily_cap_usd REAL,
    created_at TEXT NOT NULL,
    revoked_at TEXT
  );
  `,
  `
  -- A workspace's optional daily spend cap; request and response bodies kept for debugging (off by
  -- default, pruned by age); time ranges of the Activity page read requests by time.
  ALTER TABLE workspaces ADD COLUMN daily_spend_cap_usd REAL;
  CREATE TABLE request_bodies (
    request_id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    request_text TEXT,
    response_text TEXT,
    truncated INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX request_bodies_by_at ON request_bodies(at);
  CREATE INDEX requests_by_at ON requests(at);
  `,
]
