// Public API of this project: everything others may import is exported here.
export {};
