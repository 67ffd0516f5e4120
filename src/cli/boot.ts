/** Imported first by every entry point: what must be in place before any library loads. */
import { installCodeCache } from '../util/code-cache.js';

installCodeCache();
