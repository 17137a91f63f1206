-- Why a silent target's calls ended without anyone above being called (DeadlineJob): 'no_one_above'
-- (no duty person of a higher tier in the region chain) or 'top_tier' (a county person); NULL otherwise.
-- end_detail says it in words for the duty desk, e.g. which region had nobody.
ALTER TABLE warning_target ADD COLUMN end_reason text CHECK (end_reason IN ('no_one_above', 'top_tier'));
ALTER TABLE warning_target ADD COLUMN end_detail text CHECK (char_length(end_detail) <= 500);
