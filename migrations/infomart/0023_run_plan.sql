-- What a run was set to cover, recorded by the runner when the run starts (src/runner/run-plan.ts).
-- For Job_ExtractICON: {"chunkSize": extract-data-chunk-size, "maxChunks": max-chunks-per-job,
-- "tables": number of (data source, IDB table) tasks}. With the run's CTL_EXTRACT_HISTORY rows it
-- tells whether every source table was read up to its bound (R24 "complete through").
ALTER TABLE CTL_ETL_HISTORY ADD COLUMN RUN_PLAN jsonb;
