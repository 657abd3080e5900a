-- Which interaction each G_CALL row belongs to (data-model 5.2), kept by Job_TransformGIM's
-- interaction unit kind: after a commit recomputes an interaction, every call of it has a row
-- here; rows of an interaction that no longer exists are deleted. Other unit kinds (outbound
-- CONTACT_ATTEMPT_FACT.INTERACTION_ID) and the recomputation scope read it.
CREATE TABLE TF_CALL_INTERACTION (
  CALLID varchar(50) NOT NULL PRIMARY KEY,
  -- 'V' (GIDB_*_V, ICON_CORE) or 'M' (GIDB_*_MM, ICON_MM)
  FAM varchar(1) NOT NULL,
  -- INTERACTION_FACT.INTERACTION_ID and its START_DATE_TIME_KEY
  INTERACTION_ID numeric(19) NOT NULL,
  INTERACTION_SDT_KEY int NOT NULL,
  -- INTERACTION_FACT.MEDIA_SERVER_IXN_GUID (the root CallID)
  IXN_GUID varchar(50) NOT NULL
);
CREATE INDEX ix_tf_call_interaction_ixn ON TF_CALL_INTERACTION (INTERACTION_ID);
CREATE INDEX ix_tf_call_interaction_guid ON TF_CALL_INTERACTION (IXN_GUID);
