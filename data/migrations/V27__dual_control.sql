-- Dual control of points and zones (隐患点+风险区双控, issue 11): the attributes a risk zone carries in
-- the provincial sources, and which hazard points each zone answers for (many-to-many).

-- Nullable on purpose: a zone whose threatened people are unknown is what GET /api/dual-control/checks
-- flags (missing_threatened_people), which a default of 0 would hide.
ALTER TABLE risk_zone
  ADD COLUMN village               text CHECK (char_length(village) BETWEEN 1 AND 200),
  ADD COLUMN village_code          text CHECK (village_code ~ '^[0-9]{6}([0-9]{3}([0-9]{3})?)?$'),
  ADD COLUMN threatened_households integer CHECK (threatened_households >= 0),
  ADD COLUMN threatened_people     integer CHECK (threatened_people >= 0),
  -- 风险区管理员 and 巡查员: people of /api/people (their phones stay personal data there);
  -- deleting the person clears the link, as a rectification's responsible person does
  ADD COLUMN manager_person_id     text REFERENCES person (id) ON DELETE SET NULL,
  ADD COLUMN patroller_person_id   text REFERENCES person (id) ON DELETE SET NULL,
  -- 预警信号: how the village is warned, e.g. 鸣锣, 广播, 口哨
  ADD COLUMN warning_signal        text CHECK (char_length(warning_signal) BETWEEN 1 AND 100);
CREATE INDEX risk_zone_admin_code_idx ON risk_zone (admin_code text_pattern_ops);

-- A confirmed link between a zone and a hazard point. source: 'suggested' when the point lay inside
-- the zone or within the suggestion distance when it was confirmed, 'manual' otherwise.
CREATE TABLE zone_hazard (
  zone_id      text NOT NULL REFERENCES risk_zone (id) ON DELETE CASCADE,
  hazard_id    text NOT NULL REFERENCES hazard_point (id) ON DELETE CASCADE,
  source       text NOT NULL CHECK (source IN ('suggested', 'manual')),
  confirmed_by text NOT NULL,
  confirmed_at timestamptz NOT NULL,
  PRIMARY KEY (zone_id, hazard_id)
);
CREATE INDEX zone_hazard_hazard_idx ON zone_hazard (hazard_id);
