// Which command opens the report on each platform, and with BROWSER set.
import { describe, expect, it } from 'vitest';
import { openerCommand } from './open-in-browser';

describe('openerCommand', () => {
  it('uses BROWSER when set, its arguments first and the page last', () => {
    expect(openerCommand('/w/html/index.html', { BROWSER: 'firefox --new-tab' }, 'linux')).toEqual({
      program: 'firefox',
      args: ['--new-tab', '/w/html/index.html'],
      from: 'BROWSER',
    });
  });

  it("falls back to each platform's opener", () => {
    const page = '/w/html/index.html';
    expect(openerCommand(page, {}, 'linux').program).toBe('xdg-open');
    expect(openerCommand(page, { BROWSER: '  ' }, 'linux').program).toBe('xdg-open');
    expect(openerCommand(page, {}, 'darwin')).toEqual({
      program: 'open',
      args: [page],
      from: 'open',
    });
    expect(openerCommand(page, {}, 'win32').args).toEqual(['/c', 'start', '""', page]);
  });
});
