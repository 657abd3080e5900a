-- Job_TransformGIM (data-model 5.1, 5.11, 5.13): backlog ranges, staging tables of the agent
-- activity transform, union views over the voice (_V) and multimedia (_MM) GIDB copies, and the
-- indexes the set-based statements need.

-- A unit in the backlog remembers the time range its changed rows touched (widened when more
-- changes arrive) and its latest event time (the waiting rules are measured from it).
ALTER TABLE STG_IXN_BACKLOG ADD COLUMN CHANGED_FROM_TS int;
ALTER TABLE STG_IXN_BACKLOG ADD COLUMN CHANGED_TO_TS int;
ALTER TABLE STG_IXN_BACKLOG ADD COLUMN LAST_EVENT_TS int;
ALTER TABLE STG_IXN_BACKLOG ADD COLUMN READY numeric(1) NOT NULL DEFAULT 0;

-- The units of the commit being computed (the framework fills it per chunk).
CREATE TABLE STG_TF_CHUNK (
  UNIT_TYPE varchar(16) NOT NULL,
  UNIT_ID varchar(120) NOT NULL,
  CHANGED_FROM_TS int NOT NULL,
  CHANGED_TO_TS int NOT NULL,
  PRIMARY KEY (UNIT_TYPE, UNIT_ID)
);

-- Configuration objects whose dimension row did not exist before this run's configuration
-- commit: unit kinds enqueue the units that resolved them to -1 meanwhile.
CREATE TABLE STG_TF_NEW_CFG (
  CFG_TYPE varchar(16) NOT NULL,
  CFG_DBID int NOT NULL,
  PRIMARY KEY (CFG_TYPE, CFG_DBID)
);

CREATE VIEW TF_LOGIN_SESSION AS
  SELECT 'V' AS FAM, LoginSessionID, AgentID, Created_TS, Terminated_TS FROM GIDB_G_LOGIN_SESSION_V
  UNION ALL
  SELECT 'M', LoginSessionID, AgentID, Created_TS, Terminated_TS FROM GIDB_G_LOGIN_SESSION_MM;

CREATE VIEW TF_SESSION_ENDPOINT AS
  SELECT 'V' AS FAM, LoginSessionID, AgentID, EndPointID, MediaType, Created_TS, Terminated_TS
    FROM GIDB_GX_SESSION_ENDPOINT_V
  UNION ALL
  SELECT 'M', LoginSessionID, AgentID, EndPointID, MediaType, Created_TS, Terminated_TS
    FROM GIDB_GX_SESSION_ENDPOINT_MM;

CREATE VIEW TF_AGENT_STATE_HISTORY AS
  SELECT 'V' AS FAM, LoginSessionID, EndPointID, MediaType, Type, State, Seq, Added_TS
    FROM GIDB_G_AGENT_STATE_HISTORY_V
  UNION ALL
  SELECT 'M', LoginSessionID, EndPointID, MediaType, Type, State, Seq, Added_TS
    FROM GIDB_G_AGENT_STATE_HISTORY_MM;

CREATE VIEW TF_AGENT_STATE_RC AS
  SELECT 'V' AS FAM, SessionID, EndPointID, MediaType, AgentState, WorkMode, HWFlag, KeyName, Value,
      Created_TS, Terminated_TS
    FROM GIDB_G_AGENT_STATE_RC_V
  UNION ALL
  SELECT 'M', SessionID, EndPointID, MediaType, AgentState, WorkMode, HWFlag, KeyName, Value,
      Created_TS, Terminated_TS
    FROM GIDB_G_AGENT_STATE_RC_MM;

CREATE VIEW TF_DND_HISTORY AS
  SELECT 'V' AS FAM, LoginSessionID, EndPointID, MediaType, DNDState, Added_TS FROM GIDB_G_DND_HISTORY_V
  UNION ALL
  SELECT 'M', LoginSessionID, EndPointID, MediaType, DNDState, Added_TS FROM GIDB_G_DND_HISTORY_MM;

CREATE INDEX ix_tf_gx_session_endpoint_v_agent ON GIDB_GX_SESSION_ENDPOINT_V (AgentID, Created_TS);
CREATE INDEX ix_tf_gx_session_endpoint_mm_agent ON GIDB_GX_SESSION_ENDPOINT_MM (AgentID, Created_TS);
CREATE INDEX ix_tf_login_session_v_agent ON GIDB_G_LOGIN_SESSION_V (AgentID);
CREATE INDEX ix_tf_login_session_mm_agent ON GIDB_G_LOGIN_SESSION_MM (AgentID);

-- Agent activity staging (one commit's units at a time; emptied at the start of each commit).
CREATE TABLE STG_TF_AGENT (
  AGENT_ID int NOT NULL PRIMARY KEY,
  RESOURCE_KEY int NOT NULL,
  TENANT_KEY int NOT NULL,
  W_FROM int NOT NULL,
  W_TO int NOT NULL
);

CREATE TABLE STG_TF_ASSOC (
  AGENT_ID int NOT NULL,
  FAM varchar(1) NOT NULL,
  LSID varchar(50) NOT NULL,
  EP int NOT NULL,
  MEDIA int NOT NULL,
  A_START int NOT NULL,
  A_END int NOT NULL
);

CREATE TABLE STG_TF_SESSION (
  AGENT_ID int NOT NULL,
  MEDIA int NOT NULL,
  S_START int NOT NULL,
  S_END int NOT NULL
);

-- Contributor segments: one association in one state (5.11).
CREATE TABLE STG_TF_CSEG (
  AGENT_ID int NOT NULL,
  MEDIA int NOT NULL,
  FAM varchar(1) NOT NULL,
  LSID varchar(50) NOT NULL,
  EP int NOT NULL,
  SEG_START int NOT NULL,
  SEG_END int NOT NULL,
  STATE int NOT NULL
);

-- Winner per elementary interval; SCOPE = media type, or -100 for the media-neutral timeline.
CREATE TABLE STG_TF_WIN (
  AGENT_ID int NOT NULL,
  SCOPE int NOT NULL,
  E_START int NOT NULL,
  E_END int NOT NULL,
  STATE int NOT NULL,
  FAM varchar(1) NOT NULL,
  LSID varchar(50) NOT NULL,
  EP int NOT NULL,
  MEDIA int NOT NULL
);

CREATE TABLE STG_TF_STATE (
  AGENT_ID int NOT NULL,
  SCOPE int NOT NULL,
  STATE int NOT NULL,
  P_START int NOT NULL,
  P_END int NOT NULL
);

CREATE TABLE STG_TF_REASON (
  AGENT_ID int NOT NULL,
  MEDIA int NOT NULL,
  STATE int NOT NULL,
  REASON_KEY int NOT NULL,
  P_START int NOT NULL,
  P_END int NOT NULL
);
