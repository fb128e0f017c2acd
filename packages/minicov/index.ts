export { createNodes, createNodesV2 } from './src/plugin/create-nodes';
