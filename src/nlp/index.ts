/** Word segmentation and keywords. Importing this module loads nothing: nodejieba loads on first call. */
export {
  getSegmenter,
  isSegmenterLoaded,
  segmenterStats,
  type Segmenter,
  type SegmenterStats,
  type WeightedWord,
} from './segmenter.js';
export { extractKeywords, isKeyword } from './keywords.js';
