-- An inspection is recorded in its hazard point's change history (collection 'hazards'), as the
-- action 'inspect': the new value is the inspection, the point's document itself is unchanged.
ALTER TABLE change_history DROP CONSTRAINT change_history_action_check;
ALTER TABLE change_history ADD CONSTRAINT change_history_action_check
  CHECK (action IN ('create', 'update', 'delete', 'import', 'inspect'));
