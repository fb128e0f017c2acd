import { createTreeWithEmptyWorkspace } from 'nx/src/generators/testing-utils/create-tree-with-empty-workspace';
import { describe, expect, it } from 'vitest';
import { memberEntry, planMembership, withWorkspaceMember } from './cargo-workspace-membership';

describe('memberEntry', () => {
  it('matches a listed path', () =>
    expect(memberEntry({ members: ['./fw/app/'] }, 'fw/app')).toEqual({ listed: './fw/app/' }));
  it('matches a glob', () =>
    expect(memberEntry({ members: ['fw/*'] }, 'fw/app')).toEqual({ listed: 'fw/*' }));
  it('does not let a glob cross directories', () =>
    expect(memberEntry({ members: ['fw/*'] }, 'fw/boards/app')).toBeUndefined());
  it('finds an exclude of a parent directory', () =>
    expect(memberEntry({ members: ['fw/*'], exclude: ['fw'] }, 'fw/app')).toEqual({
      excluded: 'fw',
    }));
});

describe('withWorkspaceMember', () => {
  it('adds to members', () =>
    expect(withWorkspaceMember('[workspace]\nmembers = ["a"]\n', 'b')).toBe(
      '[workspace]\nmembers = ["a", "b"]\n',
    ));
  it('adds a members key when there is none', () =>
    expect(withWorkspaceMember('[workspace]\nresolver = "2"\n\n[profile.dev]\n', 'b')).toBe(
      '[workspace]\nresolver = "2"\nmembers = ["b"]\n\n[profile.dev]\n',
    ));
  it('only touches members of [workspace]', () =>
    expect(withWorkspaceMember('[workspace.metadata]\nmembers = []\n\n[workspace]\n', 'b')).toBe(
      '[workspace.metadata]\nmembers = []\n\n[workspace]\nmembers = ["b"]\n',
    ));
  it('gives up on a workspace written inline', () =>
    expect(withWorkspaceMember('workspace = { members = [] }\n', 'b')).toBeUndefined());
});

describe('planMembership', () => {
  it('uses the nearest [workspace] above the crate, with the member path relative to it', () => {
    const tree = createTreeWithEmptyWorkspace();
    tree.write('Cargo.toml', '[workspace]\nmembers = []\n');
    tree.write('fw/Cargo.toml', '[workspace]\nmembers = []\n');
    expect(planMembership(tree, 'fw/app', {})).toMatchObject({
      kind: 'add',
      manifest: 'fw/Cargo.toml',
      member: 'app',
    });
  });
  it('looks past a package without [workspace] below the root', () => {
    const tree = createTreeWithEmptyWorkspace();
    tree.write('fw/Cargo.toml', '[package]\nname = "fw"\n');
    expect(planMembership(tree, 'fw/app', {})).toEqual({ kind: 'standalone' });
  });
});
