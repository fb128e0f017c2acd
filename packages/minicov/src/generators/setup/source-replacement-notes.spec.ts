import { describe, expect, it } from 'vitest';
import { sourceReplacementNotes } from './source-replacement-notes';

describe('sourceReplacementNotes', () => {
  it('says the replacement was kept', () =>
    expect(
      sourceReplacementNotes([
        {
          path: '.cargo/config.toml',
          config: { source: { 'crates-io': { 'replace-with': 'vendored' } } },
        },
      ]),
    ).toEqual([
      '.cargo/config.toml: kept [source.crates-io] replace-with = "vendored"; minicov\'s builds add the toolchain\'s library sources beside it at build time when they build core',
    ]));
});
