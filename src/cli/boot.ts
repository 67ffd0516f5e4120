/**
 * Imported first by the PDF worker, before its other imports load any library. The bin installs
 * the code cache itself (main.ts), as it names its bundle too.
 */
import { installCodeCache } from '../util/code-cache.js';

installCodeCache();
