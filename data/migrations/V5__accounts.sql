-- Tokens become accounts with a scope and actions (issue 9). The scope is the existing `region`
-- column: a region code, covering that region and everything below it (NULL = the whole country).
-- `actions` is what the account may do there; `role` stays as the preset it was made from
-- (viewer, editor, admin) and is NULL for an account given its own list of actions.
ALTER TABLE api_token ADD COLUMN actions text[] NOT NULL DEFAULT '{}'
  CHECK (actions <@ ARRAY['read_personal', 'edit', 'review', 'issue_warning', 'acknowledge', 'admin']);
ALTER TABLE api_token ALTER COLUMN role DROP NOT NULL;
UPDATE api_token SET actions = CASE role
  WHEN 'viewer' THEN ARRAY['read_personal']
  WHEN 'editor' THEN ARRAY['read_personal', 'edit']
  WHEN 'admin'  THEN ARRAY['read_personal', 'edit', 'review', 'issue_warning', 'acknowledge', 'admin']
END;
COMMENT ON COLUMN api_token.region IS 'scope: a region code prefix (2 province, 4 city, 6 county, 9 township, 12 village digits); NULL = everywhere';
