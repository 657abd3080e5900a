-- Job_TransformGIM outbound unit kinds (data-model 5.12): the attempt staging table and the
-- indexes the set-based statements need.

-- Attempts of the commit being computed (emptied at the start of each commit): every
-- CONTACT_ATTEMPT_FACT column plus the failure flag of error-policy-campaign-group-missing.
CREATE TABLE STG_TF_ATTEMPT (
  CALL_ATTEMPT_ID varchar(64) NOT NULL PRIMARY KEY,
  CHAINGUID varchar(64) NOT NULL,
  -- 1 when the chain, its campaign-group session or its group is missing
  MISSING numeric(1) NOT NULL,
  MISSING_WHAT varchar(32),
  TENANT_KEY int,
  CAMPAIGN_KEY int,
  CALLING_LIST_KEY int,
  GROUP_KEY int,
  RESOURCE_KEY int NOT NULL DEFAULT -2,
  CALL_RESULT_KEY int,
  ATTEMPT_DISPOSITION_KEY int,
  RECORD_TYPE_KEY int,
  RECORD_STATUS_KEY int,
  CONTACT_INFO_TYPE_KEY int,
  DIALING_MODE_KEY int,
  TIME_ZONE_KEY int,
  CAMPAIGN_GROUP_SESSION_ID varchar(64),
  RECORD_ID int,
  CHAIN_ID int,
  CHAIN_N int,
  ATTEMPT_NUMBER int,
  CONTACT_INFO varchar(255),
  DAILY_FROM int,
  DAILY_TILL int,
  RECORD_FIELD_1 varchar(255),
  RECORD_FIELD_2 varchar(255),
  RECORD_FIELD_3 varchar(255),
  RECORD_FIELD_4 varchar(255),
  RECORD_FIELD_5 varchar(255),
  RECORD_FIELD_6 varchar(255),
  RECORD_FIELD_7 varchar(255),
  RECORD_FIELD_8 varchar(255),
  RECORD_FIELD_9 varchar(255),
  RECORD_FIELD_10 varchar(255),
  INTERACTION_ID numeric(19),
  INTERACTION_SDT_KEY int,
  START_TS int NOT NULL,
  END_TS int NOT NULL
);

-- Attempt lookups: rows of an attempt, chains of a session, attempts of a call.
CREATE INDEX ix_tf_go_chainrec_hist_att ON GIDB_GO_CHAINREC_HIST (CallAttID, Added_TS);
CREATE INDEX ix_tf_go_chain_sess ON GIDB_GO_CHAIN (SessID);
CREATE INDEX ix_tf_gox_chain_call_call ON GIDB_GOX_CHAIN_CALL (CallID);

-- The attempt kind also follows INTERACTION_FACT and INTERACTION_RESOURCE_FACT by their
-- UPDATE_AUDIT_KEY (its transform marks read the maximum and the changed rows).
CREATE INDEX ix_tf_interaction_fact_uak ON INTERACTION_FACT (UPDATE_AUDIT_KEY);
CREATE INDEX ix_tf_irf_uak ON INTERACTION_RESOURCE_FACT (UPDATE_AUDIT_KEY);
