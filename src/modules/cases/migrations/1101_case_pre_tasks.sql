-- Pre-intervention (事前介入) on a calendar: the month-days on which an item gives every compound
-- of the street a task (drains before the flood season), and the task each item, compound and day
-- made, so that a day's run creates each task once however many instances run it.
ALTER TABLE case_items ADD COLUMN pre_schedule TEXT NOT NULL DEFAULT '[]';

CREATE TABLE case_pre_tasks (
  item_id BIGINT NOT NULL REFERENCES case_items(id),
  compound_node_id BIGINT NOT NULL REFERENCES org_nodes(id),
  on_date TEXT NOT NULL,
  case_id BIGINT NOT NULL REFERENCES cases(id),
  PRIMARY KEY (item_id, compound_node_id, on_date)
);
