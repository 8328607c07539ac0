// Offline checks of what ships the shop (compose files, Dockerfiles, workflows, deploy
// scripts, docs): not a workspace, run by .ci/test.sh like one.
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'ops',
  roots: ['<rootDir>/test', '<rootDir>/src'],
  // The Dockerfile and TLS checks install packages and start servers.
  testTimeout: 60_000,
};
