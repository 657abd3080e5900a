-- The IDB states its schema version (jobs R20, project choice modelled on the Info Mart's
-- CTL_SCHEMA_INFO): one row per schema. Job_ExtractICON reads it before extracting and refuses an
-- IDB whose version this server does not support (src/idb/version.ts lists the supported ones).
-- A later IDB schema change adds a migration that updates this row.

CREATE TABLE GSYS_SCHEMA_INFO (
  SCHEMA_NAME varchar(64) NOT NULL,
  SCHEMA_VERSION varchar(32) NOT NULL,
  APPLIED_TS int,
  PRIMARY KEY (SCHEMA_NAME)
);

INSERT INTO GSYS_SCHEMA_INFO (SCHEMA_NAME, SCHEMA_VERSION, APPLIED_TS)
VALUES ('IDB', '8.1.5', floor(extract(epoch FROM now()))::int);
