export type { AdamDefaults, AdamOptions, SgdDefaults, SgdOptions } from './options.js';
export { validateAdamOptions, validateSgdOptions } from './options.js';
export type { ParamGroup, ParamGroupInit } from './param-groups.js';
export { toParamGroups } from './param-groups.js';
