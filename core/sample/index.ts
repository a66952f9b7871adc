/** Sampling: configuration, intent/stakes classification, stratified seeded selection, rate projection. */
export * from './config.js';
export * from './classify.js';
export * from './sample.js';
