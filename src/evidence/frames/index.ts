export { mapFrames } from './map-frames.js';
export { libraryPackage, pathSegments } from './frame-path.js';
export { buildTrackedIndex, findTrackedPath, type TrackedIndex } from './tracked-index.js';
