export { epsNeighbours, pointCount } from './neighbours.js';
export type { NeighbourLists, PointCloud } from './neighbours.js';
export { dbscan } from './dbscan.js';
export type { DbscanParams, DbscanCloudParams, DbscanResult } from './dbscan.js';
export { chooseEps } from './eps.js';
export type { ChooseEpsOptions, EpsChoice } from './eps.js';
