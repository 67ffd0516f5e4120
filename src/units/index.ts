/**
 * The unit directory: load and validate the office's YAML, normalise the names notices write,
 * expand collectives. Nothing here loads nodejieba (see src/nlp for that).
 */
export type { ReceivingUnit, ResolvedUnit, UnitDirectory, UnitEntry } from './types.js';
export { normaliseUnitName } from './normalise.js';
export { createUnitDirectory, emptyUnitDirectory, claimedNames, type UnitDirectorySpec } from './directory.js';
export { loadUnitDirectory, parseUnitDirectory } from './load.js';
export { findDirectoryForNotice, bundledDirectoryFolder } from './find.js';
export { resolveUnitList, resolveUnit, matchEntry } from './resolve.js';
export { expandCollective, listReceivingUnits } from './collective.js';
export { unitDictionaryWords } from './words.js';
