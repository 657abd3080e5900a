-- Job_AggregateGIM: the re-aggregation ledger (jobs reference 6, item 4) and the fact indexes the
-- incremental recomputation reads through.

-- One row per accepted -insertPendingAgg request (cause MANUAL). Its PENDING_AGG rows, cascades
-- included, carry REQUEST_ID; state and progress are derived from them, never stored twice.
CREATE TABLE AGG_REAGG_REQUEST (
  REQUEST_ID bigserial PRIMARY KEY,
  AGR_SET varchar(512) NOT NULL,
  START_DATE varchar(10) NOT NULL,
  END_DATE varchar(10) NOT NULL,
  AGG_LEVEL varchar(8) NOT NULL,
  FLAVOR varchar(8) NOT NULL,
  HIERARCHIES varchar(512) NOT NULL,
  START_DATE_TIME_KEY int NOT NULL,
  END_DATE_TIME_KEY int NOT NULL,
  CAUSE varchar(16) NOT NULL DEFAULT 'MANUAL',
  REQUESTED_BY varchar(255),
  CREATED_TS int NOT NULL
);

CREATE INDEX ix_agg_pending_request ON PENDING_AGG (REQUEST_ID);
CREATE INDEX ix_agg_pending_processed ON PENDING_AGG (AGG_LEVEL, PROCESSED_TS);

-- Disposition hierarchies select facts by START_DATE_TIME_KEY (partition pruning alone does not
-- help inside the DEFAULT partition); interval hierarchies select facts still open at the range
-- start by END_DATE_TIME_KEY.
CREATE INDEX ix_agg_if_sdt ON INTERACTION_FACT (START_DATE_TIME_KEY);
CREATE INDEX ix_agg_irf_sdt ON INTERACTION_RESOURCE_FACT (START_DATE_TIME_KEY);
CREATE INDEX ix_agg_msf_sdt ON MEDIATION_SEGMENT_FACT (START_DATE_TIME_KEY);
CREATE INDEX ix_agg_msf_target ON MEDIATION_SEGMENT_FACT (TARGET_IXN_RESOURCE_ID);
CREATE INDEX ix_agg_caf_sdt ON CONTACT_ATTEMPT_FACT (START_DATE_TIME_KEY);
CREATE INDEX ix_agg_caf_interaction ON CONTACT_ATTEMPT_FACT (INTERACTION_ID);
CREATE INDEX ix_agg_irsf_edt ON IXN_RESOURCE_STATE_FACT (END_DATE_TIME_KEY);
CREATE INDEX ix_agg_sm_session_edt ON SM_RES_SESSION_FACT (END_DATE_TIME_KEY);
CREATE INDEX ix_agg_sm_state_edt ON SM_RES_STATE_FACT (END_DATE_TIME_KEY);
CREATE INDEX ix_agg_sm_reason_edt ON SM_RES_STATE_REASON_FACT (END_DATE_TIME_KEY);
