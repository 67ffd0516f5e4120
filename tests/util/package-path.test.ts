import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { installedVersion, packagePath } from '../../src/util/package-path.js';

describe('packagePath', () => {
  it('names the files shipped with duban from the package root', () => {
    expect(existsSync(packagePath('seeds', 'ezhou-2014-4.txt'))).toBe(true);
    expect(existsSync(packagePath('templates', 'letter.hbs'))).toBe(true);
    expect(existsSync(packagePath('package.json'))).toBe(true);
  });
});

describe('installedVersion', () => {
  it('tells the version of a library, whether or not its exports list package.json', () => {
    const version = (name: string) => (JSON.parse(readFileSync(packagePath('node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
    // fflate's exports do not list package.json; handlebars' does resolve it.
    expect(installedVersion('fflate')).toBe(version('fflate'));
    expect(installedVersion('handlebars')).toBe(version('handlebars'));
    expect(installedVersion('no-such-library-duban')).toBeNull();
  });
});
