// The options file: parse, check, resolve, describe, edit and render (jobs reference 1).

export { loadConfig, loadConfigFile, describeOptions, formatIssue, type LoadConfigInput } from './load.ts';
export { diffEffects, type OptionChange } from './diff.ts';
export { setOption } from './set-option.ts';
export { renderDefaultOptionsFile, type DapInput, type RenderOptionsInput } from './render.ts';
export { DAP_ROLES, AGGREGATION_ENGINE_CLASS, type DapRole, type Effect } from './options-schema.ts';
export type * from './types.ts';
