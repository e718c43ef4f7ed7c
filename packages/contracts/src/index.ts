export * from './common';
export * from './envelope';
export * from './events';
export * from './problem';
export * from './rest';
export * from './scheduling';
export * from './topics';
