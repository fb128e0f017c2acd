import { describe, expect, it } from 'vitest';
import { writeTempTree } from '../../../../tools/testing/temp-tree';
import * as plugin from '../../index';

const workspace = (files: Record<string, string>) => writeTempTree('minicov-nodes-', files);

const FW =
  '[package]\nname = "fw"\n[package.metadata.minicov]\ntarget = "thumbv7m-none-eabi"\nmachine = "lm3s6965evb"\nc-modules = true\n';

describe('minicov plugin createNodes', () => {
  it('exports createNodes over every Cargo.toml, and createNodesV2 as the same tuple', () => {
    expect(plugin.createNodes[0]).toBe('**/Cargo.toml');
    expect(plugin.createNodesV2).toBe(plugin.createNodes);
  });

  it('turns an opted-in crate into a project with a described toolchain target carrying the pin', async () => {
    const root = workspace({
      'Cargo.toml': '[workspace]\nmembers = ["fw", "plain"]\n',
      'fw/Cargo.toml': FW,
      'plain/Cargo.toml': '[package]\nname = "plain"\n',
    });
    const results = await plugin.createNodes[1](
      ['Cargo.toml', 'fw/Cargo.toml', 'plain/Cargo.toml'],
      { llvmMajor: 22 },
      { nxJsonConfiguration: {}, workspaceRoot: root },
    );
    const projects = results.flatMap(([, result]) => Object.values(result.projects ?? {}));
    expect(projects.map((project) => project.name)).toEqual(['fw', 'workspace']);
    const report = projects[1]?.targets?.['coverage-report'];
    expect(report?.dependsOn).toEqual([{ projects: ['fw'], target: 'coverage' }]);
    expect(report?.options).toEqual({
      members: [{ name: 'fw', root: 'fw', bin: 'fw' }],
      llvmMajor: 22,
      outputDir: 'coverage/workspace',
    });
    const toolchain = projects[0]?.targets?.toolchain;
    expect(toolchain?.executor).toBe('minicov:toolchain');
    expect(toolchain?.options).toMatchObject({
      llvmMajor: 22,
      target: 'thumbv7m-none-eabi',
      runner: 'qemu',
      machine: 'lm3s6965evb',
      cModules: true,
    });
    expect(toolchain?.metadata?.description).toMatch(/check it against the LLVM pin/);
  });

  describe('source inputs', () => {
    const files = {
      'Cargo.toml': '[workspace]\nmembers = ["app", "lib", "helper"]\n',
      'app/Cargo.toml':
        '[package]\nname = "app"\n[dependencies]\nlib = { path = "../lib" }\n[package.metadata.minicov]\n',
      'lib/Cargo.toml':
        '[package]\nname = "lib"\n[dependencies]\nhelper = { path = "../helper" }\n[package.metadata.minicov]\nrunner = "test"\n',
      'helper/Cargo.toml': '[package]\nname = "helper"\n',
    };
    const projectsOf = async (nxJsonConfiguration: Record<string, unknown>) => {
      const results = await plugin.createNodes[1](
        Object.keys(files),
        {},
        { nxJsonConfiguration, workspaceRoot: workspace(files) },
      );
      return results.flatMap(([, result]) => Object.values(result.projects ?? {}));
    };

    it('hash the projects a crate depends on through their named input, and list only the crates that are not projects', async () => {
      const app = (await projectsOf({})).find((project) => project.name === 'app');
      const inputs = app?.targets?.['coverage-build']?.inputs ?? [];
      expect(inputs.slice(0, 4)).toEqual([
        'minicovSources',
        '^minicovSources',
        '{workspaceRoot}/helper/**/*',
        '!{workspaceRoot}/helper/target/**/*',
      ]);
      expect(JSON.stringify(inputs)).not.toContain('{workspaceRoot}/lib/');
      expect(app?.namedInputs?.minicovSources).toEqual([
        '{projectRoot}/**/*',
        '!{projectRoot}/target/**/*',
        '!{projectRoot}/**/*.md',
        '!{projectRoot}/**/*.ts',
      ]);
    });

    it("leave the named input to the workspace's nx.json when it defines one", async () => {
      const projects = await projectsOf({
        namedInputs: { minicovSources: ['{projectRoot}/src/**/*'] },
      });
      expect(projects.filter((project) => project.namedInputs !== undefined)).toEqual([]);
    });
  });

  it('reports a broken manifest by its path', async () => {
    const root = workspace({
      'bad/Cargo.toml': '[package]\nname = "bad"\n[package.metadata.minicov]\nrunner = "jtag"\n',
    });
    const error = await Promise.resolve(
      plugin.createNodes[1](
        ['bad/Cargo.toml'],
        {},
        { nxJsonConfiguration: {}, workspaceRoot: root },
      ),
    ).catch((caught: Error) => caught);
    const [file, cause] = (error as unknown as { errors: [string, Error][] }).errors[0] ?? [];
    expect(file).toBe('bad/Cargo.toml');
    expect(cause?.message).toContain('bad/Cargo.toml: package.metadata.minicov.runner is "jtag"');
  });

  it('names targets, steps, dependencies, groups and the root project as the options say', async () => {
    const root = workspace({
      'package.json': '{"name":"firmware-team"}',
      'Cargo.toml': '[workspace]\nmembers = ["fw"]\n',
      'fw/Cargo.toml': FW,
    });
    const results = await plugin.createNodes[1](
      ['Cargo.toml', 'fw/Cargo.toml'],
      { llvmMajor: 22, coverageTargetName: 'cov', pgoTargetName: 'opt' },
      { nxJsonConfiguration: {}, workspaceRoot: root },
    );
    const [fw, workspaceRoot] = results.flatMap(([, result]) =>
      Object.values(result.projects ?? {}),
    );
    expect(Object.keys(fw?.targets ?? {})).toEqual([
      'toolchain',
      'cov-build',
      'cov-run',
      'cov-merge',
      'cov',
      'opt-build',
      'opt-run',
      'opt-merge',
      'opt',
      'cov-open',
      'minicov-clean',
    ]);
    expect(fw?.targets?.cov?.dependsOn).toEqual(['cov-merge']);
    expect(fw?.targets?.cov?.outputs).toEqual(['{options.outputDir}']);
    expect(fw?.targets?.cov?.options).toMatchObject({ outputDir: 'coverage/fw' });
    expect(fw?.targets?.['cov-open']?.dependsOn).toEqual([{ target: 'cov', params: 'forward' }]);
    expect(fw?.targets?.['cov-open']?.cache).toBe(false);
    expect(fw?.targets?.['opt-run']?.dependsOn).toEqual(['opt-build']);
    expect(fw?.targets?.cov?.metadata?.help?.command).toBe('npx nx run fw:cov --help');
    expect(fw?.metadata?.targetGroups).toEqual({
      Coverage: ['toolchain', 'cov-build', 'cov-run', 'cov-merge', 'cov', 'cov-open'],
      PGO: ['toolchain', 'opt-build', 'opt-run', 'opt-merge', 'opt'],
    });
    // The root project keeps the name its package.json gives it, so Nx merges the two.
    expect(workspaceRoot?.name).toBe('firmware-team');
    expect(workspaceRoot?.targets?.['coverage-report']?.dependsOn).toEqual([
      { projects: ['fw'], target: 'cov' },
    ]);
    // The root's clean removes each crate's report first, then everything minicov keeps for the workspace.
    expect(workspaceRoot?.targets?.['minicov-clean']?.dependsOn).toEqual([
      { projects: ['fw'], target: 'minicov-clean' },
    ]);
    expect(workspaceRoot?.targets?.['minicov-clean']?.options).toEqual({
      reportTarget: 'coverage-report',
      workspace: true,
    });
  });
});
