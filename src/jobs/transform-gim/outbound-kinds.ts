// The outbound unit kinds of Job_TransformGIM (data-model 5.12): campaign-group sessions (with
// their state periods) and OCS contact attempts.
import { attemptUnitKind } from './outbound-attempt-kind.ts';
import { campaignSessionUnitKind } from './outbound-session-kind.ts';
import type { UnitKind } from './types.ts';

export const OUTBOUND_UNIT_KINDS: readonly UnitKind[] = [campaignSessionUnitKind, attemptUnitKind];
