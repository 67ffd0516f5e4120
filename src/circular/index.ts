/** The progress circular (督查通报): database → context for templates/circular.hbs. */
export {
  buildCircularContext,
  type CircularInput,
  type CircularContext,
  type CircularContextOptions,
  type ChapterRow,
  type AchievementRow,
  type LaggingRow,
  type ReasonText,
  type TaskRef,
  type LateRow,
  type PartialRow,
  type UnitRow,
  type ProblemNumbers,
} from './context.js';
export { loadCircularInput, type StoredCircularInput } from './load.js';
export { cityOf, addresseesOf, type Addressees, type CitySources } from './head.js';
export { circularFileStem } from './files.js';
