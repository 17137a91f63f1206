-- Extensions of a rectification's deadline are requested and then granted or refused (issue 11):
-- the request waits on the rectification row, so "at most one pending request" holds by
-- construction; every request and decision is also a rectification_step (timeline) and an entry of
-- the point's change history. Overdue is still computed from `deadline`, which only a grant moves.
ALTER TABLE rectification
  ADD COLUMN extension_deadline     timestamptz,
  ADD COLUMN extension_reason       text CHECK (char_length(extension_reason) BETWEEN 1 AND 2000),
  ADD COLUMN extension_requested_by text,
  ADD COLUMN extension_requested_at timestamptz,
  -- a request is whole or absent
  ADD CHECK ((extension_deadline IS NULL) = (extension_reason IS NULL)
         AND (extension_deadline IS NULL) = (extension_requested_by IS NULL)
         AND (extension_deadline IS NULL) = (extension_requested_at IS NULL));

-- Two review levels: `review` is the county's (acceptance of a submission, its rejection, extension
-- decisions), `review_city` the city's (acceptance of what the county accepted, its rejection,
-- write-off). Accounts that held `review` did both until now and keep doing so.
ALTER TABLE api_token DROP CONSTRAINT api_token_actions_check;
ALTER TABLE api_token ADD CONSTRAINT api_token_actions_check
  CHECK (actions <@ ARRAY['read_personal', 'edit', 'review', 'review_city', 'inspect', 'issue_warning', 'acknowledge', 'admin']);
UPDATE api_token SET actions = array_append(actions, 'review_city') WHERE 'review' = ANY (actions) AND NOT 'review_city' = ANY (actions);
-- the reviewer presets (riskmap.auth.Role): 县级审核员, 市级审核员
ALTER TABLE api_token DROP CONSTRAINT api_token_role_check;
ALTER TABLE api_token ADD CONSTRAINT api_token_role_check
  CHECK (role IN ('viewer', 'editor', 'admin', 'county_reviewer', 'city_reviewer'));

-- every rectification step is one entry of its point's change history, as the action 'rectify'
ALTER TABLE change_history DROP CONSTRAINT change_history_action_check;
ALTER TABLE change_history ADD CONSTRAINT change_history_action_check
  CHECK (action IN ('create', 'update', 'delete', 'import', 'inspect', 'rectify'));
