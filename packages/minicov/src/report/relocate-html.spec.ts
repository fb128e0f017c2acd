import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeTempTree } from '../../../../tools/testing/temp-tree';
import { relocateHtml } from './relocate-html';

describe('relocateHtml', () => {
  it('moves pages to workspace-relative paths and leaves no checkout path in them', async () => {
    const html = writeTempTree('minicov-html-', { 'index.html': '', 'style.css': '' });
    const root = '/work/checkout A';
    const page = join(html, 'coverage', 'work', 'checkout A', 'src', 'main.rs.html');
    mkdirSync(dirname(page), { recursive: true });
    writeFileSync(
      page,
      "<link href='../../../../style.css'><title>/work/checkout A/src/main.rs</title><script src='../../../../control.js'>",
    );
    writeFileSync(
      join(html, 'index.html'),
      "<a href='coverage/work/checkout A/src/main.rs.html'>/work/checkout A/src/main.rs</a>",
    );
    await relocateHtml(html, root);
    const moved = join(html, 'coverage', 'src', 'main.rs.html');
    expect(existsSync(moved)).toBe(true);
    expect(readFileSync(moved, 'utf8')).toBe(
      "<link href='../../style.css'><title>src/main.rs</title><script src='../../control.js'>",
    );
    expect(readFileSync(join(html, 'index.html'), 'utf8')).toBe(
      "<a href='coverage/src/main.rs.html'>src/main.rs</a>",
    );
  });

  it('moves the pages of sources named under the recorded root beside those named by the checkout path', async () => {
    const html = writeTempTree('minicov-html-', { 'style.css': '' });
    const pages = {
      'coverage/minicov-workspace/app/src/main.rs.html':
        '<title>/minicov-workspace/app/src/main.rs</title>',
      'coverage/ws/app/c/crc.c.html': '<title>/ws/app/c/crc.c</title>',
    };
    for (const [page, text] of Object.entries(pages)) {
      mkdirSync(dirname(join(html, page)), { recursive: true });
      writeFileSync(join(html, page), text);
    }
    writeFileSync(
      join(html, 'index.html'),
      "<a href='coverage/minicov-workspace/app/src/main.rs.html'>x</a><a href='coverage/ws/app/c/crc.c.html'>y</a>",
    );
    await relocateHtml(html, '/ws');
    expect(readFileSync(join(html, 'coverage/app/src/main.rs.html'), 'utf8')).toBe(
      '<title>app/src/main.rs</title>',
    );
    expect(readFileSync(join(html, 'coverage/app/c/crc.c.html'), 'utf8')).toBe(
      '<title>app/c/crc.c</title>',
    );
    expect(existsSync(join(html, 'coverage/minicov-workspace'))).toBe(false);
    expect(readFileSync(join(html, 'index.html'), 'utf8')).toBe(
      "<a href='coverage/app/src/main.rs.html'>app/src/main.rs</a><a href='coverage/app/c/crc.c.html'>app/c/crc.c</a>",
    );
  });

  it('names files in the index by workspace-relative path, not relative to their common directory', async () => {
    const html = writeTempTree('minicov-html-', { 'style.css': '' });
    const root = '/ws';
    for (const file of ['examples/fw/src/main.rs', 'examples/libs/codec/src/lib.rs']) {
      const page = join(html, 'coverage', 'ws', `${file}.html`);
      mkdirSync(dirname(page), { recursive: true });
      writeFileSync(page, `<title>/ws/${file}</title>`);
    }
    writeFileSync(
      join(html, 'index.html'),
      "<a href='coverage/ws/examples/fw/src/main.rs.html'>fw/src/main.rs</a><a href='coverage/ws/examples/libs/codec/src/lib.rs.html'>libs/codec/src/lib.rs</a>",
    );
    await relocateHtml(html, root);
    expect(readFileSync(join(html, 'index.html'), 'utf8')).toBe(
      "<a href='coverage/examples/fw/src/main.rs.html'>examples/fw/src/main.rs</a><a href='coverage/examples/libs/codec/src/lib.rs.html'>examples/libs/codec/src/lib.rs</a>",
    );
  });

  it('removes a root with quotes, spaces and non-ASCII, which llvm-cov writes HTML-escaped', async () => {
    const html = writeTempTree('minicov-html-', { 'style.css': '' });
    const root = `/tmp/ws 'q' "d" & ü`;
    const escaped = '/tmp/ws &apos;q&apos; &quot;d&quot; &amp; ü';
    const page = join(html, 'coverage', 'tmp', `ws 'q' "d" & ü`, 'src', 'main.rs.html');
    mkdirSync(dirname(page), { recursive: true });
    writeFileSync(page, `<link href='../../../../style.css'><pre>${escaped}/src/main.rs</pre>`);
    writeFileSync(
      join(html, 'index.html'),
      `<a href='coverage${escaped}/src/main.rs.html'>src/main.rs</a>`,
    );
    await relocateHtml(html, root);
    expect(readFileSync(join(html, 'coverage', 'src', 'main.rs.html'), 'utf8')).toBe(
      "<link href='../../style.css'><pre>src/main.rs</pre>",
    );
    expect(readFileSync(join(html, 'index.html'), 'utf8')).toBe(
      "<a href='coverage/src/main.rs.html'>src/main.rs</a>",
    );
  });
});
