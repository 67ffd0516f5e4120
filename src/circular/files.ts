import { safeFileStem } from '../util/safe-filename.js';

/** `2014-Q1 督查通报`: the circular's file name without extension, valid on Windows. */
export function circularFileStem(periodId: string): string {
  return safeFileStem(`${periodId} 督查通报`);
}
