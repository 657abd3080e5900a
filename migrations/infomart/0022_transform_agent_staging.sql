-- Agent activity staging tables (0015) hold one commit's intermediate rows and are emptied at
-- the start of each commit: UNLOGGED spares writing them to the WAL (a crash empties them, which
-- is harmless as every commit refills them from GIDB).
ALTER TABLE STG_TF_AGENT SET UNLOGGED;
ALTER TABLE STG_TF_ASSOC SET UNLOGGED;
ALTER TABLE STG_TF_SESSION SET UNLOGGED;
ALTER TABLE STG_TF_CSEG SET UNLOGGED;
ALTER TABLE STG_TF_WIN SET UNLOGGED;
ALTER TABLE STG_TF_STATE SET UNLOGGED;
ALTER TABLE STG_TF_REASON SET UNLOGGED;

-- An integer id per association of the batch: the contributor statements sort and partition by
-- it instead of (family, login session, endpoint, media, start).
ALTER TABLE STG_TF_ASSOC ADD COLUMN AID int;
