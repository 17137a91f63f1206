-- API tokens: only a SHA-256 hash of each token is kept; the token itself is shown once, when
-- `riskmap token create` makes it. Roles: viewer (reads personal data), editor (writes, limited to
-- admin codes starting with its region when it has one), admin (everything).
CREATE TABLE api_token (
  id          serial PRIMARY KEY,
  name        text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
  role        text NOT NULL CHECK (role IN ('viewer', 'editor', 'admin')),
  region      text CHECK (region ~ '^[0-9]{2,12}$'),
  token_hash  bytea NOT NULL UNIQUE CHECK (octet_length(token_hash) = 32),
  created_at  timestamptz NOT NULL DEFAULT now(),
  revoked_at  timestamptz
);

