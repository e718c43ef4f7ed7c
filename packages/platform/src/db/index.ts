export * from './database';
export * from './driver';
export * from './migrate';
