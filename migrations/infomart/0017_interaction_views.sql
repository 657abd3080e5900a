-- Job_TransformGIM interaction unit kind (data-model 5.2–5.10): union views over the voice (_V)
-- and multimedia (_MM) GIDB copies of the interaction tables, and the indexes the set-based
-- grouping, timeline and crediting statements need.

CREATE VIEW TF_CALL AS
  SELECT 'V' AS FAM, CallID, IRID, ParentCallID, MergeCallID, MergeType, ConnIDnum, CallType, MediaType,
      TenantID, ANI, DNIS, Subject, Created_TS, Terminated_TS
    FROM GIDB_G_CALL_V
  UNION ALL
  SELECT 'M', CallID, IRID, ParentCallID, MergeCallID, MergeType, ConnIDnum, CallType, MediaType,
      TenantID, ANI, DNIS, Subject, Created_TS, Terminated_TS
    FROM GIDB_G_CALL_MM;

CREATE VIEW TF_PARTY AS
  SELECT 'V' AS FAM, PartyID, PartyGUID, CallID, Type, PRole, ParentPartyID, ParentLinkType, EndPointDN,
      EndPointID, AgentID, TenantID, Created_TS, Terminated_TS
    FROM GIDB_G_PARTY_V
  UNION ALL
  SELECT 'M', PartyID, PartyGUID, CallID, Type, PRole, ParentPartyID, ParentLinkType, EndPointDN,
      EndPointID, AgentID, TenantID, Created_TS, Terminated_TS
    FROM GIDB_G_PARTY_MM;

CREATE VIEW TF_PARTY_HISTORY AS
  SELECT 'V' AS FAM, PartyID, PSeq, ChangeType, CallID, State, Added_TS FROM GIDB_G_PARTY_HISTORY_V
  UNION ALL
  SELECT 'M', PartyID, PSeq, ChangeType, CallID, State, Added_TS FROM GIDB_G_PARTY_HISTORY_MM;

CREATE VIEW TF_VIRTUAL_QUEUE AS
  SELECT 'V' AS FAM, CallID, PartyID, EndPointID, Result, Added_TS, Terminated_TS FROM GIDB_G_VIRTUAL_QUEUE_V
  UNION ALL
  SELECT 'M', CallID, PartyID, EndPointID, Result, Added_TS, Terminated_TS FROM GIDB_G_VIRTUAL_QUEUE_MM;

CREATE VIEW TF_USERDATA_HISTORY AS
  SELECT 'V' AS FAM, CallID, CSeq, ChangeType, KeyName, Value, Added_TS FROM GIDB_G_USERDATA_HISTORY_V
  UNION ALL
  SELECT 'M', CallID, CSeq, ChangeType, KeyName, Value, Added_TS FROM GIDB_G_USERDATA_HISTORY_MM;

CREATE INDEX ix_tf_call_v_irid ON GIDB_G_CALL_V (IRID);
CREATE INDEX ix_tf_call_v_parent ON GIDB_G_CALL_V (ParentCallID);
CREATE INDEX ix_tf_call_v_merge ON GIDB_G_CALL_V (MergeCallID);
CREATE INDEX ix_tf_call_mm_irid ON GIDB_G_CALL_MM (IRID);
CREATE INDEX ix_tf_ir_v_parent ON GIDB_G_IR_V (ParentIRID);
CREATE INDEX ix_tf_party_v_call ON GIDB_G_PARTY_V (CallID);
CREATE INDEX ix_tf_party_mm_call ON GIDB_G_PARTY_MM (CallID);
CREATE INDEX ix_tf_party_v_guid ON GIDB_G_PARTY_V (PartyGUID);
CREATE INDEX ix_tf_party_mm_guid ON GIDB_G_PARTY_MM (PartyGUID);
CREATE INDEX ix_tf_phist_v_call ON GIDB_G_PARTY_HISTORY_V (CallID);
CREATE INDEX ix_tf_phist_mm_call ON GIDB_G_PARTY_HISTORY_MM (CallID);
CREATE INDEX ix_tf_islink_v_call ON GIDB_G_IS_LINK_V (CallID);
CREATE INDEX ix_tf_ash_v_agent ON GIDB_G_AGENT_STATE_HISTORY_V (AgentID, Added_TS);
CREATE INDEX ix_tf_ash_mm_agent ON GIDB_G_AGENT_STATE_HISTORY_MM (AgentID, Added_TS);
CREATE INDEX ix_tf_irf_resource_end ON INTERACTION_RESOURCE_FACT (RESOURCE_KEY, END_TS);
-- Active facts (multimedia) are re-examined each run for artificial termination (5.9).
CREATE INDEX ix_tf_if_active ON INTERACTION_FACT (START_TS) WHERE END_TS IS NULL;
