-- Control and staging tables of data-model 4.6. CTL_AUDIT_LOG and CTL_EXTRACT_HISTORY are
-- range-partitioned on CREATED_TS (epoch seconds) with a DEFAULT partition, so their keys include
-- CREATED_TS.

-- One row per committed transaction; keys from ctl_audit_key_seq (src/jobs/shared/audit.ts).
CREATE SEQUENCE ctl_audit_key_seq START 1;
CREATE TABLE CTL_AUDIT_LOG (
  AUDIT_KEY numeric(19) NOT NULL,
  JOB_ID varchar(64),
  JOB_NAME varchar(32),
  CREATED timestamp(3),
  INSERTED timestamp(3),
  PROCESSING_STATUS_KEY int NOT NULL DEFAULT 0,
  MIN_START_DATE_TIME_KEY int,
  MAX_START_DATE_TIME_KEY int,
  MAX_END_DATE_TIME_KEY int,
  MAX_CHUNK_TS int,
  DATA_SOURCE_KEY int,
  ROW_COUNT int,
  CREATED_TS int NOT NULL,
  PRIMARY KEY (AUDIT_KEY, CREATED_TS)
) PARTITION BY RANGE (CREATED_TS);
CREATE TABLE CTL_AUDIT_LOG_default PARTITION OF CTL_AUDIT_LOG DEFAULT;

CREATE TABLE CTL_EXTRACT_HISTORY (
  TABLE_NAME varchar(255) NOT NULL,
  DATA_SOURCE_KEY int NOT NULL,
  ICON_DBID int NOT NULL,
  JOB_ID varchar(64) NOT NULL,
  DATA_SOURCE_TYPE int,
  ROW_COUNT int,
  MAX_TIME timestamp(3),
  MAX_TS int,
  DSS_ID int,
  PROVIDERTAG int,
  EXTRACT_START_TIME timestamp(3),
  EXTRACT_END_TIME timestamp(3),
  JOB_NAME varchar(32),
  JOB_VERSION varchar(32),
  DAP_NAME varchar(255),
  HWM_SEQ bigint,
  PREV_HWM_SEQ bigint,
  STATUS varchar(16),
  CREATE_AUDIT_KEY numeric(19),
  CREATED_TS int NOT NULL,
  PRIMARY KEY (TABLE_NAME, DATA_SOURCE_KEY, ICON_DBID, JOB_ID, CREATED_TS)
) PARTITION BY RANGE (CREATED_TS);
CREATE TABLE CTL_EXTRACT_HISTORY_default PARTITION OF CTL_EXTRACT_HISTORY DEFAULT;
-- The high-water mark is the latest successful row per (table, data source): data-model 3.1.
CREATE INDEX ix_ctl_extract_history_hwm ON CTL_EXTRACT_HISTORY (TABLE_NAME, DATA_SOURCE_KEY, CREATE_AUDIT_KEY);

CREATE TABLE CTL_TRANSFORM_HISTORY (
  JOB_ID varchar(64) NOT NULL,
  HWM_NAME varchar(255) NOT NULL,
  JOB_VERSION varchar(32),
  HWM_VALUE numeric(19),
  HWM_VALUE2 varchar(255),
  TRANSFORM_START_TIME timestamp(3),
  TRANSFORM_END_TIME timestamp(3),
  ROW_COUNT int,
  AUDIT_KEY numeric(19),
  CREATED_TS int,
  PRIMARY KEY (JOB_ID, HWM_NAME)
);
CREATE INDEX ix_ctl_transform_history_mark ON CTL_TRANSFORM_HISTORY (HWM_NAME, AUDIT_KEY);

-- Job ids are decimal strings of ctl_job_id_seq values (jobs reference 4), never reused.
CREATE SEQUENCE ctl_job_id_seq START 1;
CREATE TABLE CTL_ETL_HISTORY (
  JOB_ID varchar(64) NOT NULL PRIMARY KEY,
  JOB_NAME varchar(64) NOT NULL,
  JOB_VERSION varchar(32),
  STATUS varchar(16) NOT NULL,
  START_TIME timestamp(3),
  END_TIME timestamp(3),
  START_TS int,
  END_TS int,
  PARAMETERS varchar(1024),
  ERROR_MESSAGE varchar(2048),
  ORIGIN varchar(16),
  CYCLE_ID varchar(64),
  CREATED_TS int,
  REASON varchar(1024),
  REQUESTED_BY varchar(255),
  STOPPED_BY varchar(255),
  ROW_COUNTS jsonb,
  WARNINGS varchar(4096),
  CONSTRAINT ck_ctl_etl_history_status
    CHECK (STATUS IN ('SCHEDULED', 'RUNNING', 'COMPLETE', 'FAILED', 'STOPPED', 'CANCELED'))
);
CREATE INDEX ix_ctl_etl_history_name ON CTL_ETL_HISTORY (JOB_NAME, CREATED_TS);
CREATE INDEX ix_ctl_etl_history_status ON CTL_ETL_HISTORY (STATUS);
CREATE VIEW ADMIN_ETL_JOB_HISTORY AS SELECT * FROM CTL_ETL_HISTORY;

CREATE SEQUENCE ctl_ds_key_seq START 1;
CREATE TABLE CTL_DS (
  DATA_SOURCE_KEY int NOT NULL DEFAULT nextval('ctl_ds_key_seq') PRIMARY KEY,
  DAP_NAME varchar(255) NOT NULL,
  ROLE varchar(64),
  DATA_SOURCE_TYPE int,
  ICON_DBID int,
  HA_SET varchar(255),
  ACTIVE_FLAG numeric(1) NOT NULL DEFAULT 1,
  CREATED_TS int
);

CREATE TABLE CTL_GDPR_HISTORY (
  ID bigserial PRIMARY KEY,
  REQUEST_FILE varchar(1024),
  REQUEST_TYPE varchar(16),
  SUBJECT_TYPE varchar(16),
  TABLE_NAME varchar(255),
  COLUMN_NAME varchar(255),
  ROW_ID varchar(64),
  ORIGINAL_VALUE varchar(1024),
  PROCESSED_TS int,
  CREATE_AUDIT_KEY numeric(19)
);

CREATE TABLE CTL_SCHEMA_INFO (
  SCHEMA_NAME varchar(64) NOT NULL PRIMARY KEY,
  SCHEMA_VERSION varchar(32),
  APPLIED_TS int,
  MIGRATION_JOB_ID varchar(64)
);

CREATE TABLE STG_TRANSFORM_DISCARDS (
  TABLE_NAME varchar(255),
  INTERACTION_ID numeric(19),
  GUID varchar(64),
  CODE varchar(64),
  REASON varchar(1024),
  ETL_TS int,
  ETL_DATE_TIME_KEY int,
  CREATE_AUDIT_KEY numeric(19)
);
CREATE INDEX ix_stg_transform_discards_ts ON STG_TRANSFORM_DISCARDS (ETL_TS);

CREATE TABLE STG_IXN_BACKLOG (
  UNIT_TYPE varchar(16) NOT NULL,
  UNIT_ID varchar(120) NOT NULL,
  FIRST_SEEN_TS int,
  REASON varchar(64),
  PRIMARY KEY (UNIT_TYPE, UNIT_ID)
);

CREATE TABLE PENDING_AGG (
  PENDING_ID bigserial PRIMARY KEY,
  HIERARCHY varchar(32) NOT NULL,
  AGG_LEVEL varchar(8) NOT NULL,
  FLAVOR varchar(8) NOT NULL DEFAULT 'ALL',
  START_DATE_TIME_KEY int NOT NULL,
  END_DATE_TIME_KEY int NOT NULL,
  AUDIT_KEY numeric(19),
  SOURCE varchar(16) NOT NULL,
  STATUS smallint NOT NULL DEFAULT 0,
  CREATED_TS int,
  PROCESSED_TS int,
  REQUEST_ID bigint,
  REQUESTED_BY varchar(255)
);
CREATE INDEX ix_pending_agg_status ON PENDING_AGG (STATUS, AGG_LEVEL, PENDING_ID);
