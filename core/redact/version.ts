/**
 * The redactor's version, recorded with every trace it redacts. Bump it when a change to the recognizers,
 * the masking or the propagation masks more or differently: traces stored under an older version are then
 * reported, so their exports can be imported again.
 */
export const REDACTOR_VERSION = 11;
