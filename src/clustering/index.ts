export { epsNeighbours, pointCount } from './eps-neighbours.js';
export type { NeighbourLists, PointCloud } from './eps-neighbours.js';
export { dbscan } from './dbscan.js';
export type { DbscanParams, DbscanCloudParams, DbscanResult } from './dbscan.js';
export { chooseEps } from './eps.js';
export type { ChooseEpsOptions, EpsChoice } from './eps.js';
