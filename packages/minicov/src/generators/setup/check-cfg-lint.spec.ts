import { describe, expect, it } from 'vitest';
import { withMinicovCheckCfg } from './check-cfg-lint';

const crate = (text: string) => withMinicovCheckCfg(text, ['lints', 'rust']);

describe('withMinicovCheckCfg', () => {
  it('appends [lints.rust] when there are no lints', () =>
    expect(crate('[package]\nname = "a"\n')).toBe(
      '[package]\nname = "a"\n\n# minicov builds this crate with --cfg minicov (coverage and profile-generate builds only).\n[lints.rust]\nunexpected_cfgs = { level = "warn", check-cfg = ["cfg(minicov)"] }\n',
    ));
  it('adds the line to an existing [lints.rust]', () =>
    expect(crate('[lints.rust]\nunsafe_code = "deny"\n\n[lints.clippy]\n')).toBe(
      '[lints.rust]\nunsafe_code = "deny"\nunexpected_cfgs = { level = "warn", check-cfg = ["cfg(minicov)"] }\n\n[lints.clippy]\n',
    ));
  it('adds the cfg to an existing check-cfg list', () =>
    expect(
      crate(
        "[lints.rust]\nunexpected_cfgs = { level = 'allow', check-cfg = ['cfg(fuzzing)'] } # ours\n",
      ),
    ).toBe(
      "[lints.rust]\nunexpected_cfgs = { level = 'allow', check-cfg = ['cfg(fuzzing)', \"cfg(minicov)\"] } # ours\n",
    ));
  it('adds a check-cfg list to an inline table without one', () =>
    expect(crate('[lints.rust]\nunexpected_cfgs = { level = "deny" }\n')).toBe(
      '[lints.rust]\nunexpected_cfgs = { level = "deny", check-cfg = ["cfg(minicov)"] }\n',
    ));
  it('turns a level string into a table keeping the level', () =>
    expect(crate('[lints.rust]\nunexpected_cfgs = "deny"\n')).toBe(
      '[lints.rust]\nunexpected_cfgs = { level = "deny", check-cfg = ["cfg(minicov)"] }\n',
    ));
  it('adds to a [lints.rust.unexpected_cfgs] table', () =>
    expect(
      crate('[lints.rust.unexpected_cfgs]\nlevel = "warn"\ncheck-cfg = [\n  "cfg(a)",\n]\n'),
    ).toBe(
      '[lints.rust.unexpected_cfgs]\nlevel = "warn"\ncheck-cfg = [\n  "cfg(a)",\n  "cfg(minicov)",\n]\n',
    ));
  it('adds to [workspace.lints.rust]', () =>
    expect(
      withMinicovCheckCfg('[workspace]\nmembers = []\n', ['workspace', 'lints', 'rust']),
    ).toContain('[workspace.lints.rust]\nunexpected_cfgs ='));
  it('changes nothing when the cfg is declared', () =>
    expect(
      crate('[lints.rust]\nunexpected_cfgs = { level = "warn", check-cfg = ["cfg( minicov )"] }\n'),
    ).toBe('[lints.rust]\nunexpected_cfgs = { level = "warn", check-cfg = ["cfg( minicov )"] }\n'));
  it('gives up on lints written as dotted keys', () =>
    expect(crate('[lints]\nrust.unsafe_code = "deny"\n')).toBeUndefined());
});
