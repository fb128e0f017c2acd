import { describe, expect, it } from 'vitest';
import { ManifestError } from './manifest-error';
import { parseTomlText } from './toml-text';

describe('parseTomlText', () => {
  it('parses a document', () => {
    expect(parseTomlText('Cargo.toml', '[package]\nname = "fw"\n')).toEqual({
      package: { name: 'fw' },
    });
  });

  it('names the file, line and column of a syntax error, with the reason and the fix', () => {
    const error = (() => {
      try {
        parseTomlText('crates/fw/Cargo.toml', '[package]\nname = "fw"\nbroken = [\n', 'fix it');
      } catch (caught) {
        return caught as ManifestError;
      }
      throw new Error('no error');
    })();
    expect(error).toBeInstanceOf(ManifestError);
    expect(error.message.split('\n')[0]).toBe(
      'crates/fw/Cargo.toml:4:1: not valid TOML (invalid value)',
    );
    expect(error.fix).toBe('fix it');
  });
});
