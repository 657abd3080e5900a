-- Server bookkeeping (project choice, jobs reference 3.2 R22 and 6):
-- the scheduler's heartbeat, so a restarted server knows how long it was down, and the
-- Manager's audit trail (who did what, to what, when and why).
CREATE TABLE CTL_SCHEDULER_STATE (
  NAME varchar(64) PRIMARY KEY,
  VALUE_MS bigint NOT NULL
);

CREATE TABLE CTL_MANAGER_AUDIT (
  ID bigserial PRIMARY KEY,
  TS int NOT NULL,
  PRINCIPAL varchar(255) NOT NULL,
  ACTION varchar(32) NOT NULL,
  TARGET varchar(1024) NOT NULL,
  REASON varchar(1024)
);
CREATE INDEX ix_ctl_manager_audit_ts ON CTL_MANAGER_AUDIT (TS);
