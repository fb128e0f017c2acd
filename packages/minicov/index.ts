export { createDependencies } from './src/plugin/create-dependencies';
export { createNodes, createNodesV2 } from './src/plugin/create-nodes';
