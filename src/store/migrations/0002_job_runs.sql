-- Which period of each periodic job has been claimed: several instances share one database, and
-- the first to insert a period's row runs it; the others find the row and skip.
CREATE TABLE job_runs (
  job TEXT NOT NULL,
  period TEXT NOT NULL,
  started_at TEXT NOT NULL,
  PRIMARY KEY (job, period)
);
