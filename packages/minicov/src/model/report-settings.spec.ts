import { describe, expect, it } from 'vitest';
import {
  DEFAULT_REPORT_SETTINGS,
  optionNames,
  parseReportSettings,
  ReportSettingsError,
  type ReportSettingsInput,
} from './report-settings';

const names = optionNames('fw:coverage');
const parse = (input: ReportSettingsInput) => parseReportSettings(input, names);
/** The message of the ReportSettingsError that `input` is rejected with. */
function rejection(input: ReportSettingsInput): string {
  try {
    parse(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ReportSettingsError);
    return (error as Error).message;
  }
  throw new Error(`expected ${JSON.stringify(input)} to be rejected`);
}

describe('parseReportSettings', () => {
  it('fills in every format and nothing else by default', () =>
    expect(parse({})).toEqual(DEFAULT_REPORT_SETTINGS));
  it('keeps the chosen formats, once each', () =>
    expect(parse({ formats: ['cobertura', 'lcov', 'cobertura'] }).formats).toEqual([
      'cobertura',
      'lcov',
    ]));
  it('keeps thresholds, limits, patterns, showMissingLines, summaryOnly and text', () =>
    expect(
      parse({
        failUnder: { lines: 80, branches: 0, regions: 100 },
        failUncovered: { functions: 0, lines: 12 },
        include: ['src/**'],
        exclude: ['**/gen.rs'],
        showMissingLines: true,
        summaryOnly: true,
        text: true,
      }),
    ).toEqual({
      formats: ['lcov', 'cobertura', 'html', 'json'],
      failUnder: { lines: 80, branches: 0, regions: 100 },
      failUncovered: { functions: 0, lines: 12 },
      showMissingLines: true,
      summaryOnly: true,
      text: true,
      include: ['src/**'],
      exclude: ['**/gen.rs'],
    }));

  it('takes Codecov JSON when asked for it, and only then', () => {
    expect(parse({ formats: ['codecov', 'lcov'] }).formats).toEqual(['codecov', 'lcov']);
    expect(parse({}).formats).not.toContain('codecov');
  });

  it('rejects a failUncovered limit that is not a whole number of at least 0, or an unknown measure', () => {
    expect(rejection({ failUncovered: { lines: -1 } })).toContain(
      'option "failUncovered.lines" of fw:coverage is -1, not a whole number of at least 0',
    );
    expect(rejection({ failUncovered: { lines: 1.5 } })).toContain('is 1.5, not a whole number');
    expect(rejection({ failUncovered: { statements: 1 } })).toContain(
      'names an unknown measure "statements"',
    );
    expect(rejection({ failUncovered: 3 })).toContain('is 3, not a table of limits');
  });

  it('rejects an unknown format, naming it, the option and the accepted formats', () => {
    const message = rejection({ formats: ['lcov', 'xml'] });
    expect(message).toContain('option "formats" of fw:coverage names an unknown format "xml"');
    expect(message).toContain('fix: use only "lcov", "cobertura", "html", "json", "codecov"');
  });
  it('rejects formats that are not a list, or an empty one', () => {
    expect(rejection({ formats: 'lcov' })).toContain(
      'option "formats" of fw:coverage is "lcov", not a list of formats',
    );
    expect(rejection({ formats: [] })).toContain('is [], not a list of formats');
  });
  it.each([[-1], [100.5], [101], ['80'], [Number.NaN], [null]])(
    'rejects the threshold %s, outside 0-100, naming the measure',
    (threshold) => {
      const message = rejection({ failUnder: { functions: threshold } });
      expect(message).toContain('option "failUnder.functions" of fw:coverage is');
      expect(message).toContain('outside 0-100');
      expect(message).toContain('fix: give the minimum percentage as a number from 0 to 100');
    },
  );
  it('rejects an unknown measure', () =>
    expect(rejection({ failUnder: { statements: 50 } })).toContain(
      'names an unknown measure "statements"',
    ));
  it('rejects failUnder that is not a table', () =>
    expect(rejection({ failUnder: 80 })).toContain(
      'option "failUnder" of fw:coverage is 80, not a table of thresholds',
    ));
  it('rejects patterns that are not a list of non-empty strings', () => {
    expect(rejection({ include: 'src/**' })).toContain(
      'option "include" of fw:coverage is "src/**", not a list of file patterns',
    );
    expect(rejection({ exclude: [''] })).toContain('option "exclude"');
  });
  it('rejects a showMissingLines that is not a boolean', () =>
    expect(rejection({ showMissingLines: 'yes' })).toContain(
      'option "showMissingLines" of fw:coverage is "yes"',
    ));
});
