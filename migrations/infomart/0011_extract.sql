-- Job_ExtractICON (jobs 5.2, data-model 3.3 and 4.6): one CTL_DS row per (DAP, role), and the
-- provider sessions of every source IDB, copied at each extraction so the HA merge can tell in
-- SQL which IDB covered a row's latest event time.
CREATE UNIQUE INDEX ux_ctl_ds_dap_role ON CTL_DS (DAP_NAME, ROLE);

-- One row per provider session [START_TS, END_TS) of a data source's IDB; END_TS NULL = open.
CREATE TABLE CTL_DS_COVERAGE (
  DATA_SOURCE_KEY int NOT NULL,
  PROVIDERTAG int NOT NULL,
  DSS_ID int NOT NULL,
  START_TS int,
  END_TS int,
  PRIMARY KEY (DATA_SOURCE_KEY, PROVIDERTAG, DSS_ID)
);
